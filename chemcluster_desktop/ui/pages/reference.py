"""«Справочники»: buildings and rooms (the list with a card dialog) and users (the trust area's
panel, when it is installed)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import locations
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui import events
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import Column, PagedTableModel
from chemcluster_desktop.ui.pages.base import BasePage

log = logging.getLogger(__name__)

CTX = "Reference"


def _t(s: str) -> str:
    return QCoreApplication.translate("Reference", s)


def _kind_label(kind: str) -> str:
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
            self.kind.addItem(_kind_label(k), k)
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
            it.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
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


class ReferencePage(BasePage):
    key = "reference"
    area = Area.CORE
    context = "Reference"
    title_text = "Справочники"
    icon_name = "book-open-variant"
    write_permission = "reference.write"
    empty_text = "Нет помещений. Добавьте помещение (Ctrl+N) — к нему привязываются инвентарь и мастерские."

    COLUMNS = [
        Column("name", "Помещение", width=380),
        Column("building", "Здание", width=220),
        Column("kind_label", "Вид", width=120, sortable=False),
        Column("area_m2", "Площадь, м²", kind="decimal", width=130),
        Column("responsible", "Ответственный (МОЛ)", width=200),
    ]

    def setup_ui(self) -> None:
        model = PagedTableModel(self.COLUMNS, count=locations.count_rooms, page=locations.list_rooms,
                                context="Reference", parent=self)
        self.set_model(model)
        # filters
        self.building_filter = QComboBox()
        self.building_filter.setObjectName("buildingFilter")
        self.building_filter.setMinimumWidth(220)
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.setMinimumWidth(160)
        self.building_label = QLabel()
        self.kind_label = QLabel()
        self.filter_bar.addWidget(self.building_label)
        self.filter_bar.addWidget(self.building_filter)
        self.filter_bar.addWidget(self.kind_label)
        self.filter_bar.addWidget(self.kind_filter)
        self.filter_bar.addStretch(1)
        self._fill_filters()
        self.building_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("building_id", self.building_filter.currentData()))
        self.kind_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("kind", self.kind_filter.currentData()))
        # buildings manager
        self.act_buildings = QAction(icon("office-building-outline"), "", self)
        self.act_buildings.setObjectName("action_buildings")
        self.act_buildings.triggered.connect(self.on_buildings)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_buildings)

        # tabs: rooms (the BasePage list) and users (the trust area's panel)
        lay = self.layout()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("referenceTabs")
        self.tabs.setDocumentMode(True)
        rooms_tab = QWidget()
        rl = QVBoxLayout(rooms_tab)
        rl.setContentsMargins(0, 8, 0, 0)
        idx = lay.indexOf(self.toolbar)
        for w in (self.toolbar, self.filter_bar):
            lay.removeWidget(w)
            rl.addWidget(w)
        lay.removeWidget(self.splitter)
        rl.addWidget(self.splitter, 1)
        lay.removeWidget(self.count_label)
        rl.addWidget(self.count_label)
        self.tabs.addTab(rooms_tab, icon("office-building-outline"), "")
        self.users_panel = None
        try:
            from chemcluster_desktop.ui.widgets.users_panel import UsersPanel

            with events.owned_connections(self):  # its listeners end with this page
                self.users_panel = UsersPanel(self)
            self.tabs.addTab(self.users_panel, icon("account-multiple-outline"), "")
        except Exception as e:  # the users panel belongs to another area; without it the tab is absent
            log.info("users panel not available: %s", e)
        lay.insertWidget(idx, self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)

    def _fill_filters(self) -> None:
        keep_b = self.building_filter.currentData()
        keep_k = self.kind_filter.currentData()
        self.building_filter.blockSignals(True)
        self.kind_filter.blockSignals(True)
        self.building_filter.clear()
        self.building_filter.addItem(_t("Все здания"), None)
        try:
            for b in locations.list_buildings():
                self.building_filter.addItem(b.name, b.id)
        except Exception:  # no database (never in the program; only a bare widget test)
            pass
        self.building_filter.setCurrentIndex(max(self.building_filter.findData(keep_b), 0))
        self.kind_filter.clear()
        self.kind_filter.addItem(_t("Все виды"), None)
        for k in locations.ROOM_KINDS:
            self.kind_filter.addItem(_kind_label(k), k)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(keep_k), 0))
        self.building_filter.blockSignals(False)
        self.kind_filter.blockSignals(False)

    def _tab_changed(self, i: int) -> None:
        rooms = i == 0
        self.search.setVisible(rooms)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.tabs.setTabText(0, _t("Здания и помещения"))
        if self.tabs.count() > 1:
            self.tabs.setTabText(1, _t("Пользователи"))
        self.building_label.setText(_t("Здание:"))
        self.kind_label.setText(_t("Вид:"))
        self.act_buildings.setText(_t("Здания…"))
        self.act_buildings.setToolTip(_t("Список зданий: добавить, переименовать, удалить"))
        self._fill_filters()
        if self._loaded_once:  # a language change: the kinds in the list are translated too
            self.model.refresh()
        if self.users_panel is not None:
            self.users_panel.retranslate_ui()

    def reload(self) -> None:
        self._fill_filters()
        super().reload()

    # --- actions -----------------------------------------------------------------------------
    def room_dialog(self, room: locations.RoomInfo | None = None) -> RoomDialog:
        """A factory tests can use to drive the card without a modal loop."""
        return RoomDialog(self, room)

    def on_new(self) -> None:
        dlg = self.room_dialog()
        if dlg.exec():
            if dlg.room_id:
                self.select_id(dlg.room_id)

    def on_edit(self) -> None:
        rid = self.current_id()
        if rid is None:
            return
        try:
            room = locations.get_room(rid)
        except ServiceError as e:
            QMessageBox.warning(self, _t("Не выполнено"), str(e))
            self.refresh()
            return
        dlg = self.room_dialog(room)
        if not self.can_write():
            dlg.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(False)
        dlg.exec()

    def on_delete(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if not self.confirm_delete(_t("помещение «{0}»").format(row["name"])):
            return
        try:
            locations.delete_room(row["id"])
        except ServiceError as e:
            QMessageBox.warning(self, _t("Не выполнено"), str(e))

    def on_buildings(self) -> None:
        BuildingsDialog(self, self.can_write()).exec()
        self.refresh()
