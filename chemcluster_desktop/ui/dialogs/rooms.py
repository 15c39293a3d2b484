"""The cards of the reference data: a room (name, building, kind, area, МОЛ), a building, and the small
list of buildings (add, rename, delete). Opened from «Справочники» (:mod:`..pages.reference`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import locations
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.icons import icon

CTX = "Reference"


def _t(s: str) -> str:
    return QCoreApplication.translate("Reference", s)


def kind_label(kind: str) -> str:
    return {
        "laboratory": QCoreApplication.translate("Reference", "Лаборатория"),
        "workshop": QCoreApplication.translate("Reference", "Мастерская"),
        "store": QCoreApplication.translate("Reference", "Склад"),
        "office": QCoreApplication.translate("Reference", "Кабинет"),
    }.get(kind, kind)


class RoomDialog(FormDialog):
    """The card of a room: required marked *, mistakes beside the field as you type, «Сохранить»
    disabled until the card is valid."""

    context = CTX

    def __init__(self, parent=None, room: locations.RoomInfo | None = None):
        super().__init__(parent, _t("Помещение") if room is None else _t("Помещение: {0}").format(room.name),
                         "RoomDialog")
        self.room = room
        self.room_id: int | None = room.id if room else None
        self.setMinimumWidth(520)
        self.name = self.add("name", _t("Название"), QLineEdit(objectName="roomName"), required=True)
        self.name.setMaxLength(100)
        self.building = self.add("building_id", _t("Здание"), QComboBox(objectName="roomBuilding"))
        self.building.addItem(_t("— без здания —"), None)
        for b in locations.list_buildings():
            self.building.addItem(b.name, b.id)
        self.kind = self.add("kind", _t("Вид"), QComboBox(objectName="roomKind"))
        for k in locations.ROOM_KINDS:
            self.kind.addItem(kind_label(k), k)
        self.area = self.add("area_m2", _t("Площадь, м²"), QLineEdit(objectName="roomArea"))
        self.area.setPlaceholderText(_t("например 72,5"))
        self.responsible = self.add("responsible", _t("Ответственный (МОЛ)"), QLineEdit(objectName="roomResponsible"))
        self.responsible.setPlaceholderText(_t("Фамилия И. О."))
        self.notes = self.add("notes", _t("Примечание"), QPlainTextEdit())
        self.notes.setFixedHeight(70)
        self.notes.setTabChangesFocus(True)
        self.finish_layout()
        if room is not None:
            self.name.setText(room.name)
            self.building.setCurrentIndex(max(self.building.findData(room.building_id), 0))
            self.kind.setCurrentIndex(max(self.kind.findData(room.kind), 0))
            self.area.setText(room.area_m2.replace(".", ","))
            self.responsible.setText(room.responsible)
            self.notes.setPlainText(room.notes)
        self.name.textChanged.connect(self.validate)
        self.area.textChanged.connect(self.validate)
        self.validate()

    def validate(self) -> bool:
        name_ok = bool(self.name.text().strip())
        self.set_error("name", "" if name_ok else _t("Укажите название помещения."))
        area = self.area.text().strip().replace(",", ".")
        bad_area = False
        if area:
            try:
                bad_area = float(area) <= 0
            except ValueError:
                bad_area = True
        self.set_error("area_m2", _t("Площадь — положительное число, например 72,5.") if bad_area else "")
        ok = name_ok and not bad_area
        self.ok_button.setEnabled(ok)
        return ok

    def values(self) -> dict:
        return {"name": self.name.text(), "building_id": self.building.currentData(),
                "kind": self.kind.currentData(), "area_m2": self.area.text(),
                "responsible": self.responsible.text(), "notes": self.notes.toPlainText()}

    def save(self) -> int:
        if self.room is None:
            self.room_id = locations.create_room(**self.values())
        else:
            locations.update_room(self.room.id, self.room.version, **self.values())
        return self.room_id

    def show_service_error(self, e: ServiceError) -> None:
        super().show_service_error(e)
        if isinstance(e, ValidationError) and e.field == "name":
            self.name.setFocus()


class BuildingDialog(FormDialog):
    """The card of a building: name and address."""

    context = CTX

    def __init__(self, parent=None, title: str = "", building: locations.BuildingInfo | None = None):
        super().__init__(parent, title, "BuildingDialog")
        self.setMinimumWidth(440)
        self.building = building
        self.name = self.add("name", _t("Название"), QLineEdit(building.name if building else ""), required=True)
        self.name.setObjectName("buildingName")
        self.address = self.add("address", _t("Адрес"), QLineEdit(building.address if building else ""))
        self.address.setObjectName("buildingAddress")
        self.finish_layout()

    def save(self) -> int:
        b = self.building
        if b is None:
            return locations.create_building(self.name.text(), self.address.text())
        locations.update_building(b.id, b.version, self.name.text(), self.address.text())
        return b.id


class BuildingsDialog(QDialog):
    """The small list of buildings: add, rename, delete."""

    def __init__(self, parent=None, writable: bool = True):
        super().__init__(parent)
        self.setObjectName("BuildingsDialog")
        self.setWindowTitle(_t("Здания"))
        self.resize(640, 360)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("buildingsTable")
        self.table.setHorizontalHeaderLabels([_t("Название"), _t("Адрес"), _t("Помещений")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(1, 260)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        btns = QHBoxLayout()
        self.add_btn = QPushButton(icon("plus-circle-outline"), _t("Добавить…"))
        self.edit_btn = QPushButton(icon("pencil-outline"), _t("Изменить…"))
        self.del_btn = QPushButton(icon("delete-outline"), _t("Удалить"))
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit)
        self.del_btn.clicked.connect(self.delete)
        for b in (self.add_btn, self.edit_btn, self.del_btn):
            btns.addWidget(b)
        btns.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_t("Закрыть"))
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(btns)
        lay.addWidget(self.table)
        lay.addWidget(close)
        self.writable = writable
        for b in (self.add_btn, self.edit_btn, self.del_btn):
            b.setVisible(self.writable)
        self.reload()

    def reload(self) -> None:
        self._rows = locations.list_buildings()
        self.table.setRowCount(len(self._rows))
        for i, b in enumerate(self._rows):
            self.table.setItem(i, 0, QTableWidgetItem(b.name))
            self.table.setItem(i, 1, QTableWidgetItem(b.address))
            it = QTableWidgetItem(str(b.rooms))
            it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 2, it)

    def _current(self) -> locations.BuildingInfo | None:
        r = self.table.currentRow()
        return self._rows[r] if 0 <= r < len(self._rows) else None

    def _ask(self, title: str, b: locations.BuildingInfo | None):
        dlg = BuildingDialog(self, title, b)
        self.edit_dialog = dlg
        if dlg.exec():
            self.reload()

    def add(self) -> None:
        self._ask(_t("Новое здание"), None)

    def edit(self) -> None:
        b = self._current()
        if b is not None and self.writable:
            self._ask(_t("Здание: {0}").format(b.name), b)

    def delete(self) -> None:
        b = self._current()
        if b is None:
            return
        if QMessageBox.question(self, _t("Удаление"), _t("Удалить здание «{0}»?").format(b.name),
                                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        try:
            locations.delete_building(b.id)
        except ServiceError as e:
            QMessageBox.warning(self, _t("Не выполнено"), str(e))
            return
        self.reload()
