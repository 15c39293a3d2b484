"""Cards of the procurement area's contract road: the contract of a plan-schedule line (with its payment
stages and deadlines), a delivery against a contract, and the confirmation of a status-road step
(acceptance onto the inventory included). Split from :mod:`procurement_dialogs` (which keeps the
need, supplier, source and plan-line cards and the shared form helpers); same conventions: validated
as you type, saved through a service in ``accept()``, opened with ``open()``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement import rules
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.dialogs.procurement_dialogs import (
    FormDialog,
    combo,
    date_edit,
    money_edit,
    parse_money_text,
    pydate,
    table_readonly,
)
from chemcluster_desktop.ui.style import set_role


# --- contract ----------------------------------------------------------------------------------------------
class ContractDialog(FormDialog):
    def __init__(self, parent=None, line: P.PlanLineInfo | None = None):
        super().__init__(parent, QCoreApplication.translate("Procurement", "Контракт по строке {0}").format(line.number) if line else QCoreApplication.translate("Procurement", "Контракт"),
                         "ContractDialog")
        self.setMinimumWidth(720)
        self.line = line
        # competitive purchases after the protocol; single-supplier ones (ст. 93) after the price
        choices = [(r["id"], f"{r['number']} · {r['title']}") for r in P.list_plan_lines(
            P.ListQuery(filters={"status": "supplier_chosen"}, limit=1000))]
        choices += [(r["id"], f"{r['number']} · {r['title']}") for r in P.list_plan_lines(
            P.ListQuery(filters={"status": "price_justified"}, limit=1000)) if rules.is_single(r["method"])]
        if line is not None and all(i != line.id for i, _n in choices):
            choices.insert(0, (line.id, f"{line.number} · {line.title}"))
        self.line_combo = combo(choices, line.id if line else None)
        self.line_combo.setEnabled(line is None)
        self.add("plan_line", QCoreApplication.translate("Procurement", "Строка плана-графика"), self.line_combo, True)
        self.number = self.add("number", QCoreApplication.translate("Procurement", "Номер контракта"), QLineEdit(line.notice_number + "-01" if line and
                                                                         line.notice_number else ""), True)
        self.date = self.add("date", QCoreApplication.translate("Procurement", "Дата заключения"), date_edit())
        self.supplier = self.add("supplier", QCoreApplication.translate("Procurement", "Поставщик"), combo([(s.id, QCoreApplication.translate("Procurement", "{0} (ИНН {1})").format(s.name, s.inn))
                                                                    for s in P.all_suppliers()]), True)
        self.price = self.add("price", QCoreApplication.translate("Procurement", "Цена контракта, ₽"), money_edit("field_price"), True)
        self.nmck_label = QLabel()
        set_role(self.nmck_label, "hint")
        self.form.addRow(QCoreApplication.translate("Procurement", "НМЦК позиций"), self.nmck_label)
        # the positions this contract covers (a line may be bought under several contracts)
        self.positions = QListWidget()
        self.positions.setObjectName("contractPositions")
        self.positions.setMaximumHeight(110)
        self.add("needs", QCoreApplication.translate("Procurement", "Позиции контракта"), self.positions, True)
        self.delivery_due = self.add("delivery_due", QCoreApplication.translate("Procurement", "Срок поставки"),
                                     date_edit(dt.date.today() + dt.timedelta(days=60)))
        self.payment_days = QSpinBox()
        self.payment_days.setObjectName("paymentDays")
        self.payment_days.setRange(1, 30)
        self.payment_days.setValue(int(rules.get_procurement_settings().get("procurement.payment_days") or 7))
        self.payment_days.setSuffix(QCoreApplication.translate("Procurement", " раб. дн. после приёмки"))
        self.add("payment_days", QCoreApplication.translate("Procurement", "Срок оплаты"), self.payment_days)
        self.stages = QTableWidget(0, 3)
        self.stages.setObjectName("paymentStages")
        self.stages.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Сумма этапа, ₽"), QCoreApplication.translate("Procurement", "Срок оплаты"), QCoreApplication.translate("Procurement", "Примечание")])
        self.stages.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.stages.setColumnWidth(0, 150)
        self.stages.setColumnWidth(1, 140)
        self.stages.verticalHeader().setVisible(False)
        self.stages.setMinimumHeight(120)
        sbox = QWidget()
        v = QVBoxLayout(sbox)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.stages)
        bh = QHBoxLayout()
        self.add_stage = QPushButton(QCoreApplication.translate("Procurement", "Добавить этап"))
        self.del_stage = QPushButton(QCoreApplication.translate("Procurement", "Удалить этап"))
        self.add_stage.clicked.connect(lambda: self.append_stage("", None, ""))
        self.del_stage.clicked.connect(lambda: self.stages.removeRow(max(self.stages.currentRow(), 0))
                                       if self.stages.rowCount() else None)
        bh.addWidget(self.add_stage)
        bh.addWidget(self.del_stage)
        bh.addStretch(1)
        v.addLayout(bh)
        self.add("payments", QCoreApplication.translate("Procurement", "Этапы оплаты"), sbox)
        self.warning = QLabel()
        self.warning.setObjectName("limitWarning")
        set_role(self.warning, "error")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.lay.addWidget(self.warning)
        self.finish_layout()
        self.price.textChanged.connect(lambda _x: self.validate())
        self.number.textChanged.connect(lambda _x: self.validate())
        self.line_combo.currentIndexChanged.connect(lambda _i: self._fill_positions())
        self.positions.itemChanged.connect(lambda _i: self.validate())
        self._fill_positions()

    def _fill_positions(self) -> None:
        line = self.current_line()
        taken = set()
        if line is not None:
            for cid in line.contract_ids:
                taken.update(n["id"] for n in P.get_contract(cid).needs)
        self.positions.blockSignals(True)
        self.positions.clear()
        for n in (line.needs if line else []):
            if n["id"] in taken:
                continue
            it = QListWidgetItem(f"{n['name']} — {fmt.decimal(n['quantity'])} {n['unit']} · "
                                 f"{fmt.money(n['nmck']) if n['nmck'] is not None else '—'}")
            it.setData(Qt.ItemDataRole.UserRole, n["id"])
            it.setData(Qt.ItemDataRole.UserRole + 1, str(n["nmck"] or "0"))
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked)
            self.positions.addItem(it)
        self.positions.blockSignals(False)
        self.validate()

    def checked_needs(self) -> list[int]:
        return [int(self.positions.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.positions.count())
                if self.positions.item(i).checkState() == Qt.CheckState.Checked]

    def positions_nmck(self) -> Decimal:
        return sum((Decimal(self.positions.item(i).data(Qt.ItemDataRole.UserRole + 1))
                    for i in range(self.positions.count())
                    if self.positions.item(i).checkState() == Qt.CheckState.Checked), Decimal("0.00"))

    def append_stage(self, amount: str, due: dt.date | None, note: str) -> None:
        r = self.stages.rowCount()
        self.stages.insertRow(r)
        it = QTableWidgetItem(amount)
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.stages.setItem(r, 0, it)
        de = date_edit(due or dt.date.today() + dt.timedelta(days=30))
        self.stages.setCellWidget(r, 1, de)
        self.stages.setItem(r, 2, QTableWidgetItem(note))

    def current_line(self) -> P.PlanLineInfo | None:
        lid = self.line_combo.currentData()
        if lid is None:
            return None
        if self.line is not None and self.line.id == lid:
            return self.line
        return P.get_plan_line(lid)

    def validate(self) -> bool:
        line = self.current_line()
        ok = line is not None
        self.set_error("plan_line", "" if ok else QCoreApplication.translate("Procurement", "Нет строк плана со статусом «Поставщик определён»."))
        own = self.positions_nmck()
        self.nmck_label.setText(fmt.money(own) if line else "")
        has = bool(self.checked_needs())
        self.set_error("needs", "" if has or line is None else
                       QCoreApplication.translate("Procurement", "Отметьте позиции, которые покрывает контракт."))
        ok &= has
        ok &= bool(self.number.text().strip())
        price = parse_money_text(self.price.text())
        perr = ""
        if self.price.text().strip() and (price is None or price <= 0):
            perr = QCoreApplication.translate("Procurement", "Цена — число больше нуля.")
        elif price is not None and line is not None and own and price > own:
            perr = QCoreApplication.translate("Procurement", "Цена больше НМЦК отмеченных позиций.")
        self.set_error("price", perr)
        ok &= price is not None and not perr
        warn = None
        if line is not None and price is not None and price > 0:
            warn = P.limit_problem(line.funding_source_id, price, exclude_line=None if line.contract_ids else line.id)
        self.warning.setText(QCoreApplication.translate("Procurement", "Внимание: ") + warn if warn else "")
        self.warning.setVisible(bool(warn))
        ok &= not warn
        self.ok_button.setEnabled(bool(ok))
        return bool(ok)

    def payments(self) -> list[tuple]:
        out = []
        for r in range(self.stages.rowCount()):
            it = self.stages.item(r, 0)
            text = it.text() if it else ""
            if not text.strip():
                continue
            amount = parse_money_text(text)
            if amount is None:
                raise ValidationError(QCoreApplication.translate("Procurement", "Этап {0}: сумма «{1}» не распознана.").format(r + 1, text), field="payments")
            de = self.stages.cellWidget(r, 1)
            note = self.stages.item(r, 2).text() if self.stages.item(r, 2) else ""
            out.append((amount, pydate(de.date()) if de else None, note))
        return out

    def save(self) -> int | None:
        price = parse_money_text(self.price.text())
        return P.create_contract({"plan_line_id": self.line_combo.currentData(), "number": self.number.text(),
                                  "date": pydate(self.date.date()), "supplier_id": self.supplier.currentData(),
                                  "price": price, "payments": self.payments(), "need_ids": self.checked_needs(),
                                  "delivery_due": pydate(self.delivery_due.date()),
                                  "payment_days": self.payment_days.value()})


# --- delivery ----------------------------------------------------------------------------------------------
class DeliveryDialog(FormDialog):
    def __init__(self, parent=None, contract: P.ContractInfo | None = None):
        super().__init__(parent, QCoreApplication.translate("Procurement", "Поставка по контракту № {0}").format(contract.number), "DeliveryDialog")
        self.setMinimumWidth(760)
        self.contract = contract
        self.date = self.add("date", QCoreApplication.translate("Procurement", "Дата поставки"), date_edit())
        self.doc = self.add("document_number", QCoreApplication.translate("Procurement", "Накладная / УПД"), QLineEdit(), True)
        self.lines = QTableWidget(0, 5)
        self.lines.setObjectName("deliveryLines")
        self.lines.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Позиция"), QCoreApplication.translate("Procurement", "По контракту"), QCoreApplication.translate("Procurement", "Уже поставлено"),
                                              QCoreApplication.translate("Procurement", "В этой поставке"), QCoreApplication.translate("Procurement", "Цена за ед., ₽")])
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().setVisible(False)
        for n in contract.needs:
            r = self.lines.rowCount()
            self.lines.insertRow(r)
            name = QTableWidgetItem(n["name"])
            name.setData(Qt.ItemDataRole.UserRole, n["id"])
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.lines.setItem(r, 0, name)
            for c, v in ((1, n["quantity"]), (2, n["delivered"])):
                it = QTableWidgetItem(f"{fmt.decimal(v)} {n['unit']}")
                it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(r, c, it)
            q = QTableWidgetItem(fmt.decimal(n["left"]))
            q.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(r, 3, q)
            p = QTableWidgetItem(fmt.money(n["unit_price"], currency=False))
            p.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(r, 4, p)
        self.add("lines", QCoreApplication.translate("Procurement", "Состав поставки"), self.lines)
        self.finish_layout()
        self.doc.textChanged.connect(lambda _x: self.ok_button.setEnabled(bool(self.doc.text().strip())))
        self.ok_button.setEnabled(False)

    def save(self) -> int | None:
        lines = []
        for r in range(self.lines.rowCount()):
            nid = self.lines.item(r, 0).data(Qt.ItemDataRole.UserRole)
            qtext = self.lines.item(r, 3).text().strip()
            q = parse_money_text(qtext)
            if qtext and q is None:
                raise ValidationError(QCoreApplication.translate("Procurement", "Строка {0}: количество «{1}» не распознано.").format(r + 1, qtext),
                                      field="lines", row=r + 1)
            if not q:
                continue
            price = parse_money_text(self.lines.item(r, 4).text())
            lines.append((nid, q, price))
        return P.create_delivery({"contract_id": self.contract.id, "date": pydate(self.date.date()),
                                  "document_number": self.doc.text(), "lines": lines})


# --- a step of the status road ------------------------------------------------------------------------------------
class StepDialog(FormDialog):
    """Confirms a step: its date and a note (the notice number for «Извещение опубликовано»)."""

    def __init__(self, parent, line: P.PlanLineInfo, status: str, delivery_id: int | None = None):
        super().__init__(parent, QCoreApplication.translate("Procurement", "{0}: {1}").format(line.number, P.status_label(status)), "StepDialog")
        self.line, self.status, self.delivery_id = line, status, delivery_id
        head = QLabel(QCoreApplication.translate("Procurement", "Строка {0} «{1}»: «{2}» → «{3}».").format(
            line.number, line.title, P.status_label(line.status), P.status_label(status)))
        head.setWordWrap(True)
        head.setStyleSheet("font-weight: bold;")
        self.lay.insertWidget(0, head)
        last = max((s.date for s in line.steps), default=dt.date.today())
        self.date = self.add("date", QCoreApplication.translate("Procurement", "Дата"), date_edit(max(dt.date.today(), last)))
        labels = {"notice_published": QCoreApplication.translate("Procurement", "Номер извещения в ЕИС"), "supplier_chosen": QCoreApplication.translate("Procurement", "Победитель, протокол"),
                  "failed": QCoreApplication.translate("Procurement", "Причина"), "cancelled": QCoreApplication.translate("Procurement", "Причина отмены")}
        self.note = self.add("note", labels.get(status, QCoreApplication.translate("Procurement", "Примечание")), QLineEdit())
        if status == "accepted" and delivery_id is not None:
            d = P.get_delivery(delivery_id)
            units = sum((ln.quantity for ln in d.lines), Decimal(0))
            info = QLabel(QCoreApplication.translate("Procurement", "Будет принята поставка по накладной «{0}» от {1}: {2} ед. на сумму {3}. Оборудование "
                             "получит инвентарные номера и встанет на учёт в помещения, указанные в потребностях.")
                          .format(d.document_number, fmt.date(d.date), fmt.decimal(units), fmt.money(d.amount)))
            info.setWordWrap(True)
            self.lay.addWidget(info)
            self.kind_boxes = self._acceptance_table(delivery_id)
        if status in ("failed", "cancelled"):
            self.note.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        self.limit_warning = ""
        if status == "price_justified" and not line.contract_ids:
            self.limit_warning = P.limit_problem(line.funding_source_id, line.amount, exclude_line=line.id) or ""
            if self.limit_warning:
                warn = QLabel(QCoreApplication.translate("Procurement", "Внимание: ") + self.limit_warning)
                warn.setObjectName("limitWarning")
                set_role(warn, "error")
                warn.setWordWrap(True)
                self.lay.addWidget(warn)
        self.finish_layout()
        self.ok_button.setText(QCoreApplication.translate("Procurement", "Выполнить шаг"))
        if status in ("failed", "cancelled") or self.limit_warning:
            self.ok_button.setEnabled(False)

    def _acceptance_table(self, delivery_id: int) -> dict[int, QComboBox]:
        """Each delivered line: unit cards, one group card or a consumable — suggested from the low-value
        threshold of the settings; the person may change it."""
        from chemcluster_desktop.services.procurement.acceptance import kind_label

        plan = P.acceptance_plan(delivery_id)
        t = QTableWidget(len(plan), 4)
        t.setObjectName("acceptKinds")
        t.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Позиция"),
                                     QCoreApplication.translate("Procurement", "Кол-во"),
                                     QCoreApplication.translate("Procurement", "Цена за ед., ₽"),
                                     QCoreApplication.translate("Procurement", "Как поставить на учёт")])
        t.verticalHeader().setVisible(False)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        t.setColumnWidth(3, 240)
        boxes: dict[int, QComboBox] = {}
        for i, al in enumerate(plan):
            for j, v in enumerate((al.name, f"{fmt.decimal(al.quantity)} {al.unit}", fmt.money(al.unit_price))):
                it = QTableWidgetItem(v)
                it.setToolTip(al.reason)
                t.setItem(i, j, it)
            cb = QComboBox()
            cb.setObjectName(f"acceptKind{al.line_id}")
            for k in P.ACCEPT_KINDS:
                cb.addItem(kind_label(k), k)
            cb.setCurrentIndex(cb.findData(al.kind))
            cb.setToolTip(al.reason)
            t.setCellWidget(i, 3, cb)
            boxes[al.line_id] = cb
        table_readonly(t)
        t.setMinimumHeight(60 + 30 * min(len(plan), 5))
        self.lay.addWidget(t)
        return boxes

    def save(self) -> int | None:
        on = pydate(self.date.date())
        if self.status == "accepted" and self.delivery_id is not None:
            P.accept_delivery(self.delivery_id, on, kinds={lid: cb.currentData() for lid, cb in self.kind_boxes.items()})
            return self.line.id
        P.advance(self.line.id, self.status, note=self.note.text(), on=on, version=self.line.version)
        return self.line.id
