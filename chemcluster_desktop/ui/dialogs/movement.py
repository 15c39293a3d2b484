"""A movement document over the selected items: receipt, transfer, issue, return, write-off."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
)

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.widgets.inventory_fields import DateField, mark


def _t(s: str) -> str:
    return QCoreApplication.translate("Movement", s)


class MovementDialog(FormDialog):
    """``MovementDialog(parent, "transfer", rows)`` where rows are list dicts of the page. A refusal of
    the service is shown beside the field it names — a line's quantity under the table of lines."""

    print_requested = Signal(str, dict)  # «report movement --number N» after posting (its unified form)
    context = "Movement"

    def __init__(self, parent, kind: str, rows: list[dict]):
        super().__init__(parent, "", "MovementDialog")
        self.rows = rows
        self.result_doc = None
        self.resize(720, 520)
        # the labels carry their own «*» (required): the translated texts of the card as it was
        self.kind = self.add("kind", _t("Вид документа"), QComboBox(objectName="movementKind"))
        for k in inventory.MOVEMENT_KINDS:
            self.kind.addItem(inventory.movement_label(k), k)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.number = self.add("number", _t("Номер документа"), QLineEdit(objectName="movementNumber"))
        self.number.setPlaceholderText(_t("присваивается автоматически"))
        self.date = self.add("date", _t("Дата *"), DateField(allow_future=False))
        self.date.setObjectName("movementDate")
        self.date.set_date(dt.date.today())
        self.room = self.add("to_room_id", _t("Куда (помещение) *"), QComboBox(objectName="movementRoom"))
        self.room.addItem(_t("— выберите помещение —"), None)
        for r in inventory.rooms():
            self.room.addItem(r["name"], r["id"])
        self.person = self.add("person", _t("Кому выдаётся *"), QLineEdit(objectName="movementPerson"))
        self.person.setPlaceholderText(_t("Фамилия И. О."))
        self.reason = self.add("reason", _t("Основание"), QPlainTextEdit(objectName="movementReason"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(56)
        # the rows that hide or change their label with the kind: the form's own label of each
        self.room_label, self.person_label, self.reason_label = (
            self.form.labelForField(w.parentWidget()) for w in (self.room, self.person, self.reason))

        self.table = QTableWidget(len(rows), 5)
        self.table.setObjectName("movementLines")
        self.table.setHorizontalHeaderLabels([_t("Инв. номер"), _t("Наименование"), _t("В наличии"), _t("Ед."),
                                              _t("Количество")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 140)
        for i, r in enumerate(rows):
            vals = [r.get("inventory_number") or "", r["name"], fmt.decimal(r["quantity"]), r["unit"],
                    fmt.decimal(r["quantity"])]
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j in (2, 4):
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j != 4 or not self._counted(r):
                    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, j, it)
        self.add_block("lines", _t("Позиции (количество можно изменить у расходных материалов):"), self.table)
        self.print_after = QCheckBox(_t("Печать: открыть унифицированную форму документа после проведения"))
        self.print_after.setObjectName("movementPrint")
        self.print_after.setChecked(True)
        self.lay.addWidget(self.print_after)
        self.error = self.message  # a refusal that names no field of the card
        self.error.setObjectName("movementError")
        self.finish_layout()
        self.ok_btn = self.ok_button
        self.ok_btn.setText(_t("Провести"))
        self.ok_btn.setObjectName("postMovement")
        self.ok_btn.setDefault(True)
        self.kind.currentIndexChanged.connect(lambda _i: self._update())
        for w in (self.date, self.person):
            w.textChanged.connect(lambda _t: self.validate())
        self.room.currentIndexChanged.connect(lambda _i: self.validate())
        self.reason.textChanged.connect(self.validate)
        self._update()

    def _update(self) -> None:
        k = self.kind.currentData()
        self.setWindowTitle(_t("{0}: позиций {1}").format(inventory.movement_label(k), len(self.rows)))
        self.form.setRowVisible(self.room_label, k in ("transfer", "receipt", "return"))
        self.room_label.setText(_t("Куда (помещение) *") if k == "transfer" else _t("Куда (помещение)"))
        self.form.setRowVisible(self.person_label, k in ("issue", "return"))
        self.person_label.setText(_t("Кому выдаётся *") if k == "issue" else _t("Кто возвращает"))
        self.reason_label.setText(_t("Причина списания *") if k == "write_off" else _t("Основание"))
        forms = {"transfer": "0504102", "issue": "0504204", "return": "0504204", "write_off": "0504104 / 0504143"}
        self.print_after.setVisible(k in forms)
        if k in forms:
            self.print_after.setText(_t("Печать: открыть форму {0} после проведения").format(forms[k]))
        self.validate()

    def validate(self) -> bool:
        k = self.kind.currentData()
        checks = {
            "date": self.date.problem() or ("" if self.date.text().strip() else _t("Укажите дату.")),
            "to_room_id": _t("Выберите помещение.") if k == "transfer" and self.room.currentData() is None else "",
            "person": _t("Укажите, кому выдаётся.") if k == "issue" and not self.person.text().strip() else "",
            "reason": _t("Укажите причину списания.") if k == "write_off" and
            not self.reason.toPlainText().strip() else "",
        }
        ok = True
        for key, message in checks.items():  # the message beside the field and its red border
            ok &= mark(self.fields[key], self.errors[key], message)
        self.ok_btn.setEnabled(bool(ok))
        return bool(ok)

    @staticmethod
    def _counted(r: dict) -> bool:
        """Consumables, and groups (a part of a group moves as a card of its own): the quantity is typed."""
        return r["kind"] == "consumable" or inventory.is_group(r["kind"], r["quantity"])

    def lines(self) -> list[tuple[int, object]]:
        out = []
        for i, r in enumerate(self.rows):
            if self._counted(r):
                it = self.table.item(i, 4)
                text = it.text() if it is not None else ""
                try:
                    q = fmt.parse_decimal(text)
                except ValueError:
                    q = text  # the service names the bad value
                out.append((r["id"], q))
            else:
                out.append((r["id"], None))
        return out

    def save(self) -> int:
        self.result_doc = inventory.make_movement(
            self.kind.currentData(), self.lines(), on=self.date.date(), to_room_id=self.room.currentData(),
            person=self.person.text(), reason=self.reason.toPlainText(), number=self.number.text())
        return self.result_doc.id

    def show_service_error(self, e: ServiceError) -> None:
        if isinstance(e, ValidationError) and e.field == "quantity":  # a line's quantity: under the lines
            e = ValidationError(str(e), field="lines")
        super().show_service_error(e)
        self.show_field(e.field or "")

    def accept(self) -> None:
        super().accept()  # posted and closed: then the form opens, as before the card was a FormDialog
        if self.result_doc is not None and self.print_after.isVisibleTo(self) and self.print_after.isChecked():
            self.print_requested.emit("movement", {"number": self.result_doc.number})
