"""Procurement-law forms: the requests for prices of a plan line (recorded with supplier, date and
outgoing number; the replies are the offers) and the procurement settings (НМЦК methodology, the
customer's code for the ИКЗ, КВР, payment term, СГОЗ)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.procurement import price_requests, rules
from chemcluster_desktop.ui.dialogs.procurement_dialogs import FormDialog, combo, date_edit, pydate


def _tr(s: str) -> str:
    return QCoreApplication.translate("Procurement", s)


class PriceRequestsDialog(FormDialog):
    """The requests for prices of one plan line: the table of those sent (with whether a reply came)
    and a row to record another. Saving records the typed request; the table updates at once."""

    def __init__(self, parent=None, line: P.PlanLineInfo | None = None):
        super().__init__(parent, _tr("Запросы цен по строке {0}").format(line.number if line else ""),
                         "PriceRequestsDialog")
        self.line = line
        self.setMinimumWidth(760)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("priceRequests")
        self.table.setHorizontalHeaderLabels([_tr("Поставщик"), _tr("Дата"), _tr("Исх. №"), _tr("Ответ")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(160)
        # the requests sent above the row that records another (the form's scroll area comes first in
        # FormDialog's layout; moving the form itself only logged «QLayout::addChildLayout … already has
        # a parent» and left it on top)
        self.lay.insertWidget(0, self.table, 2)
        self.count = QLabel()
        self.count.setObjectName("requestsCount")
        self.count.setWordWrap(True)
        self.lay.insertWidget(1, self.count)
        self.supplier = self.add("supplier", _tr("Поставщик"), combo([(s.id, _tr("{0} (ИНН {1})").format(s.name, s.inn))
                                                                       for s in P.all_suppliers()]), True)
        self.sent_on = self.add("sent_on", _tr("Дата отправки"), date_edit(dt.date.today()))
        self.number = self.add("outgoing_number", _tr("Исходящий номер"), QLineEdit(), True)
        self.finish_layout()
        self.ok_button.setText(_tr("Записать запрос"))
        self.number.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        self.ok_button.setEnabled(False)
        self.refresh()

    def refresh(self) -> None:
        if self.line is None:
            return
        self.line = P.get_plan_line(self.line.id)
        reqs = list(self.line.requests)
        self.table.setRowCount(len(reqs))
        for r, q in enumerate(reqs):
            for c, text in enumerate((q["supplier"], q["sent_on"].strftime("%d.%m.%Y"), q["outgoing_number"],
                                      _tr("КП получено") if q["replied"] else _tr("ответа нет"))):
                it = QTableWidgetItem(text)
                if c == 3 and not q["replied"]:
                    it.setForeground(Qt.GlobalColor.darkYellow)
                self.table.setItem(r, c, it)
        minimum = int(rules.get_procurement_settings().get("procurement.min_requests") or 5)
        text = _tr("Направлено запросов: {0}, ответили: {1}.").format(len(reqs), sum(1 for q in reqs if q["replied"]))
        if len(reqs) < minimum:
            text += " " + _tr("Методика рекомендует не меньше {0}.").format(minimum)
        self.count.setText(text)

    def save(self) -> int | None:
        return price_requests.create_price_request({
            "plan_line_id": self.line.id, "supplier_id": self.supplier.currentData(),
            "sent_on": pydate(self.sent_on.date()), "outgoing_number": self.number.text()})

    def accept(self) -> None:
        """Record the request and stay open for the next one (the table shows it)."""
        self.clear_errors()
        try:
            self.saved_id = self.save()
        except ServiceError as e:
            self.show_service_error(e)
            return
        self.number.clear()
        self.refresh()


class ProcurementSettingsDialog(FormDialog):
    """The procurement settings: the methodology printed in every justification, the customer's
    identification code (ИКУ, 20 digits) and КПП for the ИКЗ, the expenditure type code, the payment term
    after acceptance, the minimum number of requests, the total annual volume (СГОЗ)."""

    def __init__(self, parent=None):
        super().__init__(parent, _tr("Настройки закупок"), "ProcurementSettingsDialog")
        self.setMinimumWidth(720)
        cur = rules.get_procurement_settings()
        self.methodology = self.add("procurement.methodology", _tr("Методика обоснования НМЦК"),
                                    QPlainTextEdit(cur["procurement.methodology"]), True)
        self.methodology.setFixedHeight(90)
        self.iku = self.add("procurement.iku", _tr("Идентификационный код заказчика (ИКУ)"),
                            QLineEdit(cur["procurement.iku"]))
        self.iku.setMaxLength(20)
        self.iku.setPlaceholderText(_tr("пусто — 3 + ИНН колледжа + КПП"))
        self.kpp = self.add("procurement.kpp", _tr("КПП колледжа"), QLineEdit(cur["procurement.kpp"]))
        self.kpp.setMaxLength(9)
        self.kvr = self.add("procurement.kvr", _tr("Код вида расходов (разряды 34–36 ИКЗ)"),
                            QLineEdit(cur["procurement.kvr"]))
        self.kvr.setMaxLength(3)
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        self.payment_days = QSpinBox()
        self.payment_days.setRange(1, 30)
        self.payment_days.setValue(int(cur["procurement.payment_days"] or 7))
        self.payment_days.setSuffix(_tr(" раб. дн. после приёмки"))
        self.min_requests = QSpinBox()
        self.min_requests.setRange(3, 20)
        self.min_requests.setValue(int(cur["procurement.min_requests"] or 5))
        self.min_requests.setPrefix(_tr("запросов цен не меньше "))
        h.addWidget(self.payment_days)
        h.addWidget(self.min_requests)
        self.add("procurement.payment_days", _tr("Срок оплаты; запросы"), row)
        self.volume = self.add("procurement.annual_volume", _tr("Совокупный годовой объём закупок (СГОЗ), ₽"),
                               QLineEdit(cur["procurement.annual_volume"]))
        self.volume.setPlaceholderText(_tr("пусто — по плану-графику 44-ФЗ"))
        self.finish_layout()
        reset = QPushButton(_tr("Методика по умолчанию"))
        reset.clicked.connect(lambda: self.methodology.setPlainText(rules.DEFAULTS["procurement.methodology"]))
        self.buttons.addButton(reset, self.buttons.ButtonRole.ResetRole)

    def save(self) -> int | None:
        rules.set_procurement_settings({
            "procurement.methodology": self.methodology.toPlainText(), "procurement.iku": self.iku.text(),
            "procurement.kpp": self.kpp.text(), "procurement.kvr": self.kvr.text(),
            "procurement.payment_days": str(self.payment_days.value()),
            "procurement.min_requests": str(self.min_requests.value()),
            "procurement.annual_volume": self.volume.text()})
        return 0
