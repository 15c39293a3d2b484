"""A movement document over the selected items: receipt, transfer, issue, return, write-off."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.widgets.inventory_fields import DateField, error_label, mark


def _t(s: str) -> str:
    return QCoreApplication.translate("Movement", s)


class MovementDialog(QDialog):
    print_requested = Signal(str, dict)  # «report movement --number N» after posting (its unified form)
    """``MovementDialog(parent, "transfer", rows)`` where rows are list dicts of the page."""

    def __init__(self, parent, kind: str, rows: list[dict]):
        super().__init__(parent)
        self.setObjectName("MovementDialog")
        self.rows = rows
        self.result_doc = None
        self.resize(720, 520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("movementKind")
        for k in inventory.MOVEMENT_KINDS:
            self.kind.addItem(inventory.movement_label(k), k)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        form.addRow(_t("Вид документа"), self.kind)
        self.number = QLineEdit()
        self.number.setObjectName("movementNumber")
        self.number.setPlaceholderText(_t("присваивается автоматически"))
        form.addRow(_t("Номер документа"), self.number)
        self.date = DateField(allow_future=False)
        self.date.setObjectName("movementDate")
        self.date.set_date(dt.date.today())
        self.date_err = error_label()
        form.addRow(_t("Дата *"), self.date)
        form.addRow("", self.date_err)
        self.room = QComboBox()
        self.room.setObjectName("movementRoom")
        self.room.addItem(_t("— выберите помещение —"), None)
        for r in inventory.rooms():
            self.room.addItem(r["name"], r["id"])
        self.room_label = QLabel(_t("Куда (помещение) *"))
        form.addRow(self.room_label, self.room)
        self.room_err = error_label()
        form.addRow("", self.room_err)
        self.person = QLineEdit()
        self.person.setObjectName("movementPerson")
        self.person.setPlaceholderText(_t("Фамилия И. О."))
        self.person_label = QLabel(_t("Кому выдаётся *"))
        form.addRow(self.person_label, self.person)
        self.person_err = error_label()
        form.addRow("", self.person_err)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("movementReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(56)
        self.reason_label = QLabel(_t("Основание"))
        form.addRow(self.reason_label, self.reason)
        self.reason_err = error_label()
        form.addRow("", self.reason_err)
        self.form = form
        lay.addLayout(form)

        lay.addWidget(QLabel(_t("Позиции (количество можно изменить у расходных материалов):")))
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
        lay.addWidget(self.table, 1)
        self.error = QLabel()
        self.error.setObjectName("movementError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        self.print_after = QCheckBox(_t("Печать: открыть унифицированную форму документа после проведения"))
        self.print_after.setObjectName("movementPrint")
        self.print_after.setChecked(True)
        lay.addWidget(self.print_after)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_btn = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_btn.setText(_t("Провести"))
        self.ok_btn.setObjectName("postMovement")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
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
        ok = mark(self.date, self.date_err, self.date.problem() or ("" if self.date.text().strip()
                                                                   else _t("Укажите дату.")))
        ok &= mark(self.room, self.room_err, _t("Выберите помещение.") if k == "transfer" and
                   self.room.currentData() is None else "")
        ok &= mark(self.person, self.person_err, _t("Укажите, кому выдаётся.") if k == "issue" and
                   not self.person.text().strip() else "")
        ok &= mark(self.reason, self.reason_err, _t("Укажите причину списания.") if k == "write_off" and
                   not self.reason.toPlainText().strip() else "")
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

    def save(self) -> None:
        if not self.validate():
            return
        try:
            self.result_doc = inventory.make_movement(
                self.kind.currentData(), self.lines(), on=self.date.date(), to_room_id=self.room.currentData(),
                person=self.person.text(), reason=self.reason.toPlainText(), number=self.number.text())
        except ServiceError as e:
            self.error.setText(str(e))
            return
        if self.print_after.isVisible() and self.print_after.isChecked():
            self.print_requested.emit("movement", {"number": self.result_doc.number})
        self.accept()
