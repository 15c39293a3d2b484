"""Cards of the cluster registry: participant, training direction, a KPI and its value for a period.
Each is a :class:`chemcluster_desktop.ui.forms.FormDialog` (field errors beside the field, checks as
you type, saved as one action)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from chemcluster_desktop.services import cluster
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.style import set_role
from chemcluster_desktop.ui.widgets.dashboard_tiles import format_value

CTX = "Cluster"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class ClusterForm(FormDialog):
    context = CTX


class ParticipantDialog(ClusterForm):
    def __init__(self, parent=None, pid: int | None = None):
        super().__init__(parent, _t("Участник кластера"), "ParticipantDialog")
        self.pid = pid
        self.version = None
        self.name = self.add_row("name", _t("Наименование"), QLineEdit(), True)
        self.kind = self.add_row("kind", _t("Вид"), QComboBox(), True)
        for code, label in cluster.kind_names().items():
            self.kind.addItem(label, code)
        self.role = self.add_row("role", _t("Роль в кластере"), QLineEdit())
        self.agreement_number = self.add_row("agreement_number", _t("№ соглашения"), QLineEdit())
        self.agreement_date = self.add_row("agreement_date", _t("Дата соглашения"), QDateEdit())
        self.agreement_date.setDisplayFormat("dd.MM.yyyy")
        self.agreement_date.setCalendarPopup(True)
        self.agreement_date.setSpecialValueText(_t("не указана"))
        self.agreement_date.setMinimumDate(QDate(2000, 1, 1))
        self.agreement_date.setDate(self.agreement_date.minimumDate())
        self.contact = self.add_row("contact", _t("Контактное лицо"), QLineEdit())
        self.inn = self.add_row("inn", _t("ИНН"), QLineEdit())
        self.inn.setMaxLength(12)
        self.name.textChanged.connect(lambda t: self.set_error("name", "" if t.strip() else
                                                               _t("Укажите наименование участника.")))
        self.inn.textChanged.connect(self._check_inn)
        if pid is not None:
            p = cluster.get_participant(pid)
            self.version = p.version
            self.name.setText(p.name)
            self.kind.setCurrentIndex(max(self.kind.findData(p.kind), 0))
            self.role.setText(p.role)
            self.agreement_number.setText(p.agreement_number)
            if p.agreement_date:
                self.agreement_date.setDate(QDate(p.agreement_date.year, p.agreement_date.month,
                                                  p.agreement_date.day))
            self.contact.setText(p.contact)
            self.inn.setText(p.inn)
        self.finish_layout()

    def _check_inn(self, t: str) -> None:
        t = t.strip()
        ok = not t or (t.isdigit() and len(t) in (10, 12))
        self.set_error("inn", "" if ok else _t("ИНН — 10 или 12 цифр."))

    def data(self) -> dict:
        d = self.agreement_date.date()
        adate = None if d == self.agreement_date.minimumDate() else dt.date(d.year(), d.month(), d.day())
        return {"name": self.name.text(), "kind": self.kind.currentData(), "role": self.role.text(),
                "agreement_number": self.agreement_number.text(), "agreement_date": adate,
                "contact": self.contact.text(), "inn": self.inn.text()}

    def save(self) -> int:
        if self.pid is None:
            return cluster.create_participant(self.data())
        cluster.update_participant(self.pid, self.data(), version=self.version)
        return self.pid


class DirectionDialog(ClusterForm):
    def __init__(self, parent=None, did: int | None = None):
        super().__init__(parent, _t("Направление обучения"), "DirectionDialog")
        self.did = did
        self.version = None
        self.code = self.add_row("code", _t("Код"), QLineEdit(), True)
        self.code.setPlaceholderText("18.02.12")
        self.code.setInputMask("")
        self.name = self.add_row("name", _t("Наименование"), QLineEdit(), True)
        self.level = self.add_row("level", _t("Уровень"), QComboBox(), True)
        for code, label in cluster.level_names().items():
            self.level.addItem(label, code)
        self.places = self.add_row("places_per_year", _t("Мест в год"), QSpinBox())
        self.places.setRange(0, 10000)
        self.places.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.requested = self.add_row("requested_by", _t("Предприятия-заказчики"), QPlainTextEdit())
        self.requested.setPlaceholderText(_t("Через «;», например: АО «Синтез ОКА»; АО «Корунд»"))
        self.requested.setFixedHeight(70)
        self.add_enterprise = QComboBox()
        self.add_enterprise.setObjectName("addEnterprise")
        self.add_enterprise.addItem(_t("Добавить предприятие из реестра…"), None)
        for name in cluster.enterprise_names():
            self.add_enterprise.addItem(name, name)
        self.add_enterprise.activated.connect(self._add_enterprise)
        self.form.addRow("", self.add_enterprise)
        self.code.textChanged.connect(self._check_code)
        if did is not None:
            d = cluster.get_direction(did)
            self.version = d.version
            self.code.setText(d.code)
            self.name.setText(d.name)
            self.level.setCurrentIndex(max(self.level.findData(d.level), 0))
            self.places.setValue(d.places_per_year)
            self.requested.setPlainText(d.requested_by)
        self.finish_layout()

    def _add_enterprise(self, index: int) -> None:
        name = self.add_enterprise.itemData(index)
        self.add_enterprise.setCurrentIndex(0)
        if not name:
            return
        have = [x.strip() for x in self.requested.toPlainText().split(";") if x.strip()]
        if name not in have:
            self.requested.setPlainText("; ".join([*have, name]))

    def _check_code(self, t: str) -> None:
        import re

        ok = bool(re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", t.strip()))
        self.set_error("code", "" if ok or not t.strip() else _t("Код вида 18.02.12."))

    def save(self) -> int:
        data = {"code": self.code.text(), "name": self.name.text(), "level": self.level.currentData(),
                "places_per_year": self.places.value(), "requested_by": self.requested.toPlainText()}
        if self.did is None:
            return cluster.create_direction(data)
        cluster.update_direction(self.did, data, version=self.version)
        return self.did


class KpiValueDialog(ClusterForm):
    """Enter the actual value of a KPI for a period (validated as you type)."""

    def __init__(self, parent=None, kpi_code: str | None = None, period: str | None = None):
        super().__init__(parent, _t("Фактическое значение показателя"), "KpiValueDialog")
        self.kpis = {k.code: k for k in cluster.list_kpis(live=False)}
        self.kpi = self.add_row("kpi", _t("Показатель"), QComboBox(), True)
        for k in self.kpis.values():
            self.kpi.addItem(f"{k.name} ({k.unit})" if k.unit else k.name, k.code)
        self.period = self.add_row("period", _t("Период"), QComboBox(), True)
        self.period.setEditable(True)
        self.period.addItems(cluster.all_periods())
        self.period.setToolTip(_t("Год (2025) или квартал (2025-Q3)"))
        self.value = self.add_row("value", _t("Значение"), QLineEdit(), True)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.hint = QLabel()
        set_role(self.hint, "hint")
        self.form.addRow("", self.hint)
        self.comment = self.add_row("comment", _t("Комментарий"), QPlainTextEdit())
        self.comment.setFixedHeight(70)
        # every typed value is dated: the day the figure is true on
        self.as_of = self.add_row("as_of", _t("Значение на дату"), QDateEdit(), True)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd.MM.yyyy")
        self.as_of.setMaximumDate(QDate.currentDate())
        self.as_of.setDate(QDate.currentDate())
        if kpi_code:
            self.kpi.setCurrentIndex(max(self.kpi.findData(kpi_code), 0))
        self.period.setCurrentText(period or cluster.current_period())
        self.kpi.currentIndexChanged.connect(lambda _i: self._load_existing())
        self.period.currentTextChanged.connect(lambda _t_: self._load_existing())
        self.value.textChanged.connect(lambda _t_: self._check_value())
        self._load_existing()
        self.value.setFocus()
        self.finish_layout()

    def current_kpi(self) -> cluster.KpiInfo:
        return self.kpis[self.kpi.currentData()]

    def _load_existing(self) -> None:
        k = self.current_kpi()
        try:
            per = cluster.validate_period(self.period.currentText())
            self.set_error("period", "")
        except ValidationError as e:
            self.set_error("period", str(e))
            return
        v = k.value_for(per)
        self.hint.setText(_t("План: {0} {1}{2}").format(format_value(k.target, ""), k.unit,
                                                         _t(" к {0}").format(k.period) if k.period else ""))
        if v is not None:
            self.value.setText(fmt.decimal(v.value))
            self.comment.setPlainText(v.comment)
            if v.as_of is not None:
                self.as_of.setDate(QDate(v.as_of.year, v.as_of.month, v.as_of.day))
        self._check_value()

    def _check_value(self) -> bool:
        k = self.current_kpi()
        if not self.value.text().strip():
            self.set_error("value", "")
            return False
        try:
            cluster.parse_value(self.value.text(), k.unit, k.name)
        except ValidationError as e:
            self.set_error("value", str(e))
            return False
        self.set_error("value", "")
        return True

    def save(self) -> int:
        d = self.as_of.date()
        return cluster.set_kpi_value(self.kpi.currentData(), self.period.currentText(), self.value.text(),
                                     self.comment.toPlainText(), as_of=dt.date(d.year(), d.month(), d.day()))


class KpiDialog(ClusterForm):
    """Change a KPI's name, unit, target, target period and source note."""

    def __init__(self, parent=None, code: str = ""):
        super().__init__(parent, _t("Показатель"), "KpiDialog")
        k = cluster.get_kpi(code)
        self.kpi_id, self.version, self.code = k.id, k.version, k.code
        self.name = self.add_row("name", _t("Наименование"), QLineEdit(k.name), True)
        self.unit = self.add_row("unit", _t("Единица"), QComboBox())
        self.unit.setEditable(True)
        self.unit.addItems(["чел.", "ед.", "%", "₽"])
        self.unit.setCurrentText(k.unit)
        self.target = self.add_row("value", _t("Плановое значение"), QLineEdit(fmt.decimal(k.target)), True)
        self.target.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.period = self.add_row("period", _t("Срок (год)"), QComboBox())
        self.period.setEditable(True)
        self.period.addItems(cluster.all_periods())
        self.period.setCurrentText(k.period)
        self.description = self.add_row("description", _t("Источник / примечание"), QPlainTextEdit(k.description))
        self.description.setFixedHeight(60)
        if k.computed:
            note = QLabel(_t("Факт рассчитывается программой: {0}.").format(
                cluster.computed_names().get(k.computed, k.computed)))
            set_role(note, "hint")
            note.setWordWrap(True)
            self.form.addRow("", note)
        self.target.textChanged.connect(lambda _x: self._check())
        self.finish_layout()

    def _check(self) -> None:
        try:
            cluster.parse_value(self.target.text(), self.unit.currentText().strip(), self.name.text())
            self.set_error("value", "")
        except ValidationError as e:
            self.set_error("value", str(e))

    def save(self) -> int:
        cluster.update_kpi(self.kpi_id, {"name": self.name.text(), "unit": self.unit.currentText(),
                                         "target": self.target.text(), "period": self.period.currentText(),
                                         "description": self.description.toPlainText()}, version=self.version)
        return self.kpi_id
