"""«Контракты и поставки»: contracts with their payment stages and deliveries; a delivery is accepted
here (the items go onto the inventory)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services import security
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs import procurement_contract_dialogs as C
from chemcluster_desktop.ui.dialogs import procurement_dialogs as D
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.lists import ListTab
from chemcluster_desktop.ui.models.table import Column
from chemcluster_desktop.ui.pages.procurement.common import STATUS_BADGES, hint, ro_item, small_table


class ContractsTab(ListTab):
    name = "contracts"
    title = "Контракты и поставки"
    permission = "procurement.write"
    actions = {"new", "print", "export"}
    empty_text = "Контрактов нет. Контракт регистрируется по строке плана, когда поставщик определён."
    columns = [
        Column("number", "Номер", width=190),
        Column("date", "Дата", "date", 90),
        Column("supplier", "Поставщик", width=220),
        Column("plan", "Строка плана", width=110),
        Column("price", "Цена", "money", 140),
        Column("paid", "Оплачено", "money", 140),
        Column("pending", "Ждут приёмки", "int", 90),
        Column("status", "Статус", "badge", 150, badges=STATUS_BADGES),
    ]

    def count(self, q):
        return P.count_contracts(q)

    def rows(self, q):
        return P.list_contracts(q)

    def build(self) -> None:
        super().build()
        self.show_contract(None)

    def show_details(self) -> None:
        self.show_contract(self.current_id())

    def on_new(self):
        return self.page.open_dialog(C.ContractDialog(self))

    def on_print(self):
        return self.page.print_report("budget", {})

    def on_export(self):
        return self.page.export_plan()

    # --- details: payments and deliveries -------------------------------------------------------------
    def build_details(self) -> QWidget:
        box = QWidget()
        box.setObjectName("contractDetails")
        v = QVBoxLayout(box)
        v.setContentsMargins(8, 0, 0, 0)
        self.contract_title = QLabel()
        self.contract_title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.contract_title.setWordWrap(True)
        v.addWidget(self.contract_title)
        self.contract_info = hint()
        v.addWidget(self.contract_info)
        self.pay_caption = QLabel()
        self.pay_caption.setStyleSheet("font-weight: bold;")
        v.addWidget(self.pay_caption)
        self.payments = small_table(["", "", "", ""], "paymentsTable")
        D.table_readonly(self.payments)
        self.payments.setMaximumHeight(150)
        v.addWidget(self.payments)
        ph = QHBoxLayout()
        self.pay_btn = QPushButton(icon("cash-check"), "")
        self.pay_btn.setObjectName("markPaid")
        self.pay_btn.clicked.connect(self.mark_paid)
        ph.addWidget(self.pay_btn)
        ph.addStretch(1)
        v.addLayout(ph)
        self.del_caption = QLabel()
        self.del_caption.setStyleSheet("font-weight: bold;")
        v.addWidget(self.del_caption)
        self.deliveries = small_table(["", "", "", "", ""], "deliveriesTable")
        D.table_readonly(self.deliveries)
        self.deliveries.setMaximumHeight(150)
        v.addWidget(self.deliveries)
        dh = QHBoxLayout()
        self.new_delivery_btn = QPushButton(icon("truck-delivery-outline"), "")
        self.new_delivery_btn.setObjectName("newDelivery")
        self.new_delivery_btn.clicked.connect(self.new_delivery)
        self.accept_btn = QPushButton(icon("check-decagram-outline"), "")
        self.accept_btn.setObjectName("acceptDelivery")
        self.accept_btn.clicked.connect(self.accept_delivery)
        dh.addWidget(self.new_delivery_btn)
        dh.addWidget(self.accept_btn)
        dh.addStretch(1)
        v.addLayout(dh)
        v.addStretch(1)
        self.contract: P.ContractInfo | None = None
        return box

    def show_contract(self, contract_id: int | None) -> None:
        self.contract = None
        if contract_id is not None:
            try:
                self.contract = P.get_contract(contract_id)
            except ServiceError:
                self.contract = None
        c = self.contract
        self.pay_caption.setText(QCoreApplication.translate("Procurement", "Этапы оплаты"))
        self.del_caption.setText(QCoreApplication.translate("Procurement", "Поставки"))
        self.pay_btn.setText(QCoreApplication.translate("Procurement", "Отметить оплату этапа"))
        self.new_delivery_btn.setText(QCoreApplication.translate("Procurement", "Новая поставка…"))
        self.accept_btn.setText(QCoreApplication.translate("Procurement", "Принять поставку…"))
        self.payments.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Сумма"), QCoreApplication.translate("Procurement", "Срок"), QCoreApplication.translate("Procurement", "Оплачено"), QCoreApplication.translate("Procurement", "Примечание")])
        self.deliveries.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Дата"), QCoreApplication.translate("Procurement", "Накладная"), QCoreApplication.translate("Procurement", "Сумма"), QCoreApplication.translate("Procurement", "Принята"),
                                                   QCoreApplication.translate("Procurement", "На учёте, ед.")])
        self.payments.setRowCount(0)
        self.deliveries.setRowCount(0)
        writable = security.can("procurement.write")
        for b in (self.pay_btn, self.new_delivery_btn, self.accept_btn):
            b.setEnabled(c is not None and writable)
        if c is None:
            self.contract_title.setText(QCoreApplication.translate("Procurement", "Выберите контракт в списке"))
            self.contract_info.setText("")
            return
        self.contract_title.setText(QCoreApplication.translate("Procurement", "Контракт № {0} от {1}").format(c.number, fmt.date(c.date)))
        self.contract_info.setText(" · ".join(x for x in (
            c.supplier_name, c.plan_number, c.source_name, QCoreApplication.translate("Procurement", "цена {0}").format(fmt.money(c.price)),
            QCoreApplication.translate("Procurement", "оплачено {0}").format(fmt.money(c.paid)), QCoreApplication.translate("Procurement", "поставлено на {0}").format(fmt.money(c.delivered)))
            if x))
        for p in c.payments:
            r = self.payments.rowCount()
            self.payments.insertRow(r)
            it = ro_item(fmt.money(p.amount), True)
            it.setData(Qt.ItemDataRole.UserRole, p.id)
            self.payments.setItem(r, 0, it)
            self.payments.setItem(r, 1, ro_item(fmt.date(p.due_by) if p.due_by else QCoreApplication.translate(
                "Procurement", "после приёмки")))
            self.payments.setItem(r, 2, ro_item(fmt.date(p.paid_on) if p.paid_on else QCoreApplication.translate("Procurement", "не оплачено")))
            self.payments.setItem(r, 3, ro_item(p.note))
        for d in c.deliveries:
            r = self.deliveries.rowCount()
            self.deliveries.insertRow(r)
            it = ro_item(fmt.date(d.date))
            it.setData(Qt.ItemDataRole.UserRole, d.id)
            self.deliveries.setItem(r, 0, it)
            self.deliveries.setItem(r, 1, ro_item(d.document_number))
            self.deliveries.setItem(r, 2, ro_item(fmt.money(d.amount), True))
            self.deliveries.setItem(r, 3, ro_item(fmt.datetime(d.accepted_at) + (f" ({d.accepted_by})" if
                                                                                    d.accepted_by else "")
                                                   if d.accepted_at else QCoreApplication.translate("Procurement", "ждёт приёмки")))
            self.deliveries.setItem(r, 4, ro_item(str(sum(len(ln.item_ids) for ln in d.lines)), True))
        self.new_delivery_btn.setEnabled(writable and c.plan_status in ("contract_signed", "delivered", "accepted")
                                         and any(n["left"] > 0 for n in c.needs))
        self.accept_btn.setEnabled(writable and any(d.accepted_at is None for d in c.deliveries))

    def mark_paid(self) -> None:
        r = self.payments.currentRow()
        if self.contract is None:
            return
        if r < 0:
            r = next((i for i, p in enumerate(self.contract.payments) if p.paid_on is None), -1)
        if r < 0:
            return
        pid = self.payments.item(r, 0).data(Qt.ItemDataRole.UserRole)
        try:
            P.mark_paid(pid, dt.date.today())
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self.show_contract(self.contract.id)

    def new_delivery(self):
        if self.contract is None:
            return None
        return self.page.open_dialog(C.DeliveryDialog(self, self.contract))

    def accept_delivery(self):
        c = self.contract
        if c is None:
            return None
        pending = [d for d in c.deliveries if d.accepted_at is None]
        if not pending or c.plan_line_id is None:
            return None
        return self.page.open_dialog(C.StepDialog(self, P.get_plan_line(c.plan_line_id), "accepted", delivery_id=pending[0].id))
