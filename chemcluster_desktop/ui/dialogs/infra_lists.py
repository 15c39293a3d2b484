"""Infrastructure lists by competency and year: view the lines by zone and edit them by hand (add,
change, delete a line; a new empty list; a copy of a list for the next year)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import security
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.style import set_role

CTX = "InfraLists"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class InfraLineDialog(FormDialog):
    """One line of a list, saved by the card itself: a new line of ``list_id`` or a change of ``line``.
    ``values()`` gives the fields for ``create_line``/``update_line``; a refusal is shown beside the field
    it names and nothing is written."""

    context = CTX

    def __init__(self, parent=None, line: acc.LineInfo | None = None, list_id: int | None = None):
        super().__init__(parent, _t("Позиция листа") if line else _t("Новая позиция листа"), "InfraLineDialog")
        self.line = line
        self.list_id = line.list_id if line is not None else list_id
        # the labels carry their own «*» (required): the translated texts of the card as it was
        self.number = self.add("number", _t("№"), QLineEdit())
        self.number.setMaxLength(20)
        self.name = self.add("name", _t("Наименование *"), QLineEdit(objectName="name"))
        self.name.setMaxLength(500)
        self.spec = self.add("specification", _t("Характеристики"), QPlainTextEdit())
        self.spec.setMaximumHeight(70)
        self.spec.setTabChangesFocus(True)
        self.zone = self.add("zone", _t("Зона *"), QComboBox(objectName="zone"))
        for z in acc.ZONES:
            self.zone.addItem(acc.zone_label(z), z)
        self.quantity = self.add("quantity", _t("Количество *"), QLineEdit("1", objectName="quantity"))
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        # units of measure: stored as written (ОКЕИ symbols)
        self.unit = self.add("unit", _t("Единица"), QComboBox(objectName="infraUnit"))
        self.unit.setEditable(True)
        self.unit.addItems(["шт.", "компл.", "пара", "упак.", "набор", "л", "мл", "кг", "г", "м"])
        self.per = self.add("per_workplace", "", QCheckBox(_t("на 1 рабочее место (умножается на число мест)")))
        self.per.setChecked(True)
        self.note = self.add("note", _t("Примечание"), QLineEdit())
        self.err_name, self.err_qty = self.errors["name"], self.errors["quantity"]
        self.finish_layout()
        self.zone.currentIndexChanged.connect(
            lambda _i: self.per.setChecked(self.zone.currentData() in ("workplace", "consumables")))
        self.name.textChanged.connect(lambda _t_: self.validate())
        self.quantity.textChanged.connect(lambda _t_: self.validate())
        if line is not None:
            self.number.setText(line.number)
            self.name.setText(line.name)
            self.spec.setPlainText(line.specification)
            self.zone.setCurrentIndex(max(self.zone.findData(line.zone), 0))
            self.quantity.setText(fmt.decimal(line.quantity))
            self.unit.setEditText(line.unit)
            self.per.setChecked(line.per_workplace)
            self.note.setText(line.note)
        self.validate()

    def validate(self) -> bool:
        name_ok = bool(self.name.text().strip())
        self.set_error("name", "" if name_ok else _t("Введите наименование."))
        try:
            q = fmt.parse_decimal(self.quantity.text())
            good = q is not None and q > 0
        except ValueError:
            good = False
        self.set_error("quantity", "" if good else _t("Количество — число больше нуля, например 2 или 0,5."))
        ok = name_ok and good
        self.ok_button.setEnabled(ok)
        return ok

    def values(self) -> dict:
        return dict(number=self.number.text().strip(), name=self.name.text().strip(),
                    specification=self.spec.toPlainText().strip(), zone=self.zone.currentData(),
                    quantity=fmt.parse_decimal(self.quantity.text()) or Decimal(0),
                    unit=self.unit.currentText().strip(), per_workplace=self.per.isChecked(),
                    note=self.note.text().strip(), section=self.line.section if self.line else "")

    def save(self) -> int:
        if self.line is None:
            return acc.create_line({**self.values(), "list_id": self.list_id})
        acc.update_line(self.line.id, self.values(), version=self.line.version)
        return self.line.id


class InfraListsDialog(QDialog):
    def __init__(self, parent=None, list_id: int | None = None):
        super().__init__(parent)
        self.setObjectName("InfraListsDialog")
        self.setWindowTitle(_t("Инфраструктурные листы"))
        self.resize(1100, 680)
        self._lines: list[acc.LineInfo] = []
        self._dialog = None
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_t("Лист:")))
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("listCombo")
        self.list_combo.setMinimumWidth(420)
        top.addWidget(self.list_combo, 1)
        self.new_list_btn = QPushButton(icon("file-plus-outline"), _t("Новый лист…"))
        self.copy_btn = QPushButton(icon("content-copy"), _t("Копия на другой год…"))
        self.del_list_btn = QPushButton(icon("delete-outline"), _t("Удалить лист"))
        self.new_list_btn.clicked.connect(self.new_list)
        self.copy_btn.clicked.connect(self.copy_list)
        self.del_list_btn.clicked.connect(self.delete_list)
        for b in (self.new_list_btn, self.copy_btn, self.del_list_btn):
            top.addWidget(b)
        lay.addLayout(top)
        self.info = QLabel()
        set_role(self.info, "hint")
        lay.addWidget(self.info)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("linesTable")
        self.table.setHorizontalHeaderLabels([_t("№"), _t("Зона"), _t("Наименование"), _t("Характеристики"),
                                              _t("Кол-во"), _t("Ед."), _t("На 1 раб. м."), _t("Примечание")])
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 48), (1, 190), (4, 70), (5, 60), (6, 120), (7, 140)):
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.edit_line())
        lay.addWidget(self.table, 1)
        bb = QHBoxLayout()
        self.add_btn = QPushButton(icon("plus"), _t("Добавить позицию"))
        self.edit_btn = QPushButton(icon("pencil-outline"), _t("Изменить"))
        self.del_btn = QPushButton(icon("delete-outline"), _t("Удалить"))
        self.add_btn.clicked.connect(self.add_line)
        self.edit_btn.clicked.connect(self.edit_line)
        self.del_btn.clicked.connect(self.delete_line)
        for b in (self.add_btn, self.edit_btn, self.del_btn):
            bb.addWidget(b)
        bb.addStretch(1)
        close = QPushButton(_t("Закрыть"))
        close.clicked.connect(self.accept)
        bb.addWidget(close)
        lay.addLayout(bb)
        write = security.can("accreditation.write")
        for b in (self.new_list_btn, self.copy_btn, self.del_list_btn, self.add_btn, self.edit_btn, self.del_btn):
            b.setVisible(write)
        self.list_combo.currentIndexChanged.connect(lambda _i: self.load_lines())
        self.reload_lists(list_id)

    def reload_lists(self, select: int | None = None) -> None:
        self.list_combo.blockSignals(True)
        self.list_combo.clear()
        for x in acc.lists():
            self.list_combo.addItem(_t("{0} — {1} год ({2} позиций)").format(x.competency, x.year, x.lines), x.id)
        i = self.list_combo.findData(select) if select is not None else 0
        self.list_combo.setCurrentIndex(max(i, 0))
        self.list_combo.blockSignals(False)
        self.load_lines()

    def current_list(self) -> int | None:
        return self.list_combo.currentData()

    def load_lines(self) -> None:
        lid = self.current_list()
        self._lines = acc.list_lines(lid) if lid is not None else []
        self.table.setRowCount(len(self._lines))
        for i, ln in enumerate(self._lines):
            vals = [ln.number, acc.zone_label(ln.zone), ln.name, ln.specification, fmt.decimal(ln.quantity), ln.unit,
                    _t("да") if ln.per_workplace else "", ln.note]
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j == 4:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j == 6:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, j, it)
        self.info.setText(_t("Нет листов. Импортируйте лист из Excel или создайте новый.") if lid is None
                          else _t("Позиций: {0}. Двойной щелчок — изменить позицию.").format(len(self._lines)))
        for b in (self.copy_btn, self.del_list_btn, self.add_btn, self.edit_btn, self.del_btn):
            b.setEnabled(lid is not None)

    def selected_line(self) -> acc.LineInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self._lines[min(rows)] if rows else None

    def _fail(self, e: ServiceError) -> None:
        QMessageBox.warning(self, _t("Не выполнено"), str(e))

    def add_line(self):
        lid = self.current_list()
        if lid is None:
            return None
        dlg = InfraLineDialog(self, list_id=lid)
        dlg.accepted.connect(lambda: self.reload_lists(lid))
        dlg.open()
        self._dialog = dlg
        return dlg

    def edit_line(self):
        ln = self.selected_line()
        if ln is None or not security.can("accreditation.write"):
            return None
        dlg = InfraLineDialog(self, ln)
        dlg.accepted.connect(lambda: self.reload_lists(ln.list_id))
        dlg.open()
        self._dialog = dlg
        return dlg

    def delete_line(self) -> None:
        ln = self.selected_line()
        if ln is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, _t("Удаление"),
                          _t("Удалить позицию «{0}» из листа? Её строки в чек-листах мастерских тоже будут удалены.")
                          .format(ln.name), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            acc.delete_line(ln.id)
        except ServiceError as e:
            self._fail(e)
            return
        self.reload_lists(ln.list_id)

    def new_list(self) -> None:
        names = [c.name for c in acc.competencies()]
        comp, ok = QInputDialog.getItem(self, _t("Новый лист"), _t("Компетенция (можно ввести новую):"), names, 0,
                                        True)
        if not ok or not comp.strip():
            return
        year, ok = QInputDialog.getInt(self, _t("Новый лист"), _t("Год листа:"), dt.date.today().year, 2000, 2100)
        if not ok:
            return
        try:
            lid = acc.create_list({"competency": comp.strip(), "year": year})
        except ServiceError as e:
            self._fail(e)
            return
        self.reload_lists(lid)

    def copy_list(self) -> None:
        lid = self.current_list()
        if lid is None:
            return
        year, ok = QInputDialog.getInt(self, _t("Копия листа"), _t("Год новой версии листа:"),
                                       dt.date.today().year + 1, 2000, 2100)
        if not ok:
            return
        try:
            new = acc.copy_list(lid, year)
        except (ValidationError, ServiceError) as e:
            self._fail(e)
            return
        self.reload_lists(new)

    def delete_list(self) -> None:
        lid = self.current_list()
        if lid is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, _t("Удаление"),
                          _t("Удалить лист «{0}» со всеми позициями?").format(self.list_combo.currentText()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            acc.delete_list(lid)
        except ServiceError as e:
            self._fail(e)
            return
        self.reload_lists()
