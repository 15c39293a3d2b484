"""Pick an inventory item of the workshop's rooms to link to a checklist line (search as you type)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.style import set_role

CTX = "ItemPicker"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class ItemPickerDialog(QDialog):
    def __init__(self, workshop_id: int, line_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName("ItemPickerDialog")
        self.setWindowTitle(_t("Связать позицию инвентаря"))
        self.resize(720, 480)
        self.workshop_id = workshop_id
        self.item_id: int | None = None
        self.quantity: Decimal | None = None
        lay = QVBoxLayout(self)
        head = QLabel(_t("Строка листа: {0}").format(line_name))
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)
        lay.addWidget(head)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_t("Поиск по названию, инвентарному или серийному номеру…"))
        self.search.setClearButtonEnabled(True)
        lay.addWidget(self.search)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("items")
        self.table.setHorizontalHeaderLabels([_t("Наименование"), _t("Инв. номер"), _t("Кол-во"), _t("Помещение")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.accept_selected())
        lay.addWidget(self.table, 1)
        form = QFormLayout()
        self.qty = QLineEdit()
        self.qty.setObjectName("quantity")
        self.qty.setPlaceholderText(_t("всё количество позиции"))
        self.qty.setAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(_t("Засчитать количество"), self.qty)
        lay.addLayout(form)
        self.error = QLabel()
        set_role(self.error, "error")
        self.error.hide()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("Связать"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        self.buttons.accepted.connect(self.accept_selected)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._rows: list[dict] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t_: self._timer.start())
        self.reload()

    def reload(self) -> None:
        self._rows = acc.room_items(self.workshop_id, self.search.text())
        self.table.setRowCount(len(self._rows))
        for i, r in enumerate(self._rows):
            self.table.setItem(i, 0, QTableWidgetItem(r["name"]))
            self.table.setItem(i, 1, QTableWidgetItem(r["inventory_number"]))
            q = QTableWidgetItem(f"{fmt.decimal(r['quantity'])} {r['unit']}")
            q.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 2, q)
            self.table.setItem(i, 3, QTableWidgetItem(r["room"]))
        if self._rows:
            self.table.selectRow(0)

    def accept_selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows:
            self.error.setText(_t("Выберите позицию в списке."))
            self.error.show()
            return
        try:
            q = fmt.parse_decimal(self.qty.text())
        except ValueError:
            q = Decimal(-1)
        if q is not None and q <= 0:
            self.error.setText(_t("Количество должно быть числом больше нуля или пустым."))
            self.error.show()
            return
        self.item_id = self._rows[min(rows)]["id"]
        self.quantity = q
        self.accept()
