"""The card's «Поверка и обслуживание» tab: a measuring instrument's verification (date, interval,
certificate) and any item's maintenance (last date, interval), with the next dates and their state."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from chemcluster_desktop.services.inventory import upkeep
from chemcluster_desktop.services.inventory.form_codes import verification_due
from chemcluster_desktop.ui.forms import error_label
from chemcluster_desktop.ui.style import set_role
from chemcluster_desktop.ui.widgets.inventory_fields import DateField


def _t(s: str) -> str:
    return QCoreApplication.translate("UpkeepTab", s)


def _months() -> QSpinBox:
    sb = QSpinBox()
    sb.setRange(0, 120)
    sb.setSpecialValueText(_t("не задан"))
    sb.setSuffix(_t(" мес."))
    sb.setMaximumWidth(140)
    return sb


class UpkeepTab(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("upkeepTab")
        form = QFormLayout(self)
        self.measuring = QCheckBox(_t("Средство измерения (подлежит поверке)"))
        self.measuring.setObjectName("upMeasuring")
        form.addRow("", self.measuring)
        self.verified_on = DateField(allow_future=False)
        self.verified_on.setObjectName("upVerifiedOn")
        form.addRow(_t("Дата последней поверки"), self.verified_on)
        self.verified_err = error_label()
        form.addRow("", self.verified_err)
        self.verification_months = _months()
        self.verification_months.setObjectName("upVerificationMonths")
        form.addRow(_t("Межповерочный интервал"), self.verification_months)
        self.certificate = QLineEdit()
        self.certificate.setObjectName("upCertificate")
        self.certificate.setMaxLength(100)
        form.addRow(_t("Свидетельство о поверке №"), self.certificate)
        self.verification_state = QLabel()
        self.verification_state.setObjectName("upVerificationState")
        self.verification_state.setWordWrap(True)
        form.addRow(_t("Поверка действует"), self.verification_state)
        self.maintained_on = DateField(allow_future=False)
        self.maintained_on.setObjectName("upMaintainedOn")
        form.addRow(_t("Последнее обслуживание"), self.maintained_on)
        self.maintenance_months = _months()
        self.maintenance_months.setObjectName("upMaintenanceMonths")
        form.addRow(_t("Интервал обслуживания"), self.maintenance_months)
        self.maintenance_state = QLabel()
        self.maintenance_state.setObjectName("upMaintenanceState")
        form.addRow(_t("Следующее обслуживание"), self.maintenance_state)
        for w in (self.verified_on, self.maintained_on):
            w.textChanged.connect(lambda _t: self.refresh())
        for w in (self.verification_months, self.maintenance_months):
            w.valueChanged.connect(lambda _v: self.refresh())
        self.measuring.toggled.connect(lambda _c: self.refresh())

    def set_values(self, d: dict) -> None:
        self.measuring.setChecked(bool(d.get("measuring")))
        self.verified_on.set_date(d.get("verified_on"))
        self.verification_months.setValue(d.get("verification_months") or 0)
        self.certificate.setText(d.get("verification_certificate") or "")
        self.maintained_on.set_date(d.get("maintained_on"))
        self.maintenance_months.setValue(d.get("maintenance_months") or 0)
        self.refresh()

    def _date(self, w: DateField):
        return w.date() if not w.problem() else w.text()

    def values(self) -> dict:
        return {"measuring": self.measuring.isChecked(), "verified_on": self._date(self.verified_on),
                "verification_months": self.verification_months.value() or None,
                "verification_certificate": self.certificate.text(),
                "maintained_on": self._date(self.maintained_on),
                "maintenance_months": self.maintenance_months.value() or None}

    def refresh(self) -> None:
        for w in (self.verified_on, self.verification_months, self.certificate):
            w.setEnabled(self.measuring.isChecked())
        problem = self.verified_on.problem() or self.maintained_on.problem()
        self.verified_err.setText(problem)
        self.verified_err.setVisible(bool(problem))
        today = dt.date.today()
        if not self.measuring.isChecked():
            self.verification_state.setText("—")
        elif problem:
            self.verification_state.setText("")
        else:
            d = self.verified_on.date()
            until = verification_due(d, self.verification_months.value() or None)
            st = upkeep.state(True, d, self.verification_months.value() or None, today)
            text = {"ok": _t("до {0}"), "soon": _t("до {0} — меньше 30 дней, запишите на поверку"),
                    "expired": _t("истекла {0}: прибор нельзя использовать")}[st]
            self.verification_state.setText(text.format(until.strftime("%d.%m.%Y")) if until else
                                            _t("не указаны дата и интервал поверки"))
            set_role(self.verification_state, "error" if st == "expired" else "")
        if problem:
            self.maintenance_state.setText("")
        else:
            nxt = upkeep.next_maintenance(self.maintained_on.date(), self.maintenance_months.value() or None)
            self.maintenance_state.setText(nxt.strftime("%d.%m.%Y") if nxt else "—")

    def problem(self) -> str:
        return self.verified_on.problem() or self.maintained_on.problem()
