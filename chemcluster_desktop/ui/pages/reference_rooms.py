"""«Здания и помещения»: the rooms (filtered by building and kind) with the room's card; the buildings
have their own small list (the page's «Здания…» action)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox

from chemcluster_desktop.services import locations
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui.dialogs.rooms import RoomDialog, kind_label
from chemcluster_desktop.ui.lists import ListTab
from chemcluster_desktop.ui.models.table import Column

CTX = "Reference"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class RoomsTab(ListTab):
    name = "rooms"
    title = "Здания и помещения"
    icon_name = "office-building-outline"
    permission = "reference.write"
    actions = frozenset({"new", "edit", "delete"})
    empty_text = "Нет помещений. Добавьте помещение (Ctrl+N) — к нему привязываются инвентарь и мастерские."
    header_setting = "header/reference"  # the widths remembered before the page had tabs
    columns = [
        Column("name", "Помещение", width=380),
        Column("building", "Здание", width=220),
        Column("kind_label", "Вид", width=120, sortable=False),
        Column("area_m2", "Площадь, м²", kind="decimal", width=130),
        Column("responsible", "Ответственный (МОЛ)", width=200),
    ]

    def count(self, q: ListQuery) -> int:
        return locations.count_rooms(q)

    def rows(self, q: ListQuery) -> list[dict]:
        return locations.list_rooms(q)

    def build_filters(self, bar) -> None:
        h = QHBoxLayout()
        self.building_label = QLabel()
        self.building_filter = QComboBox()
        self.building_filter.setObjectName("buildingFilter")
        self.building_filter.setMinimumWidth(220)
        self.kind_label = QLabel()
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.setMinimumWidth(160)
        for w in (self.building_label, self.building_filter, self.kind_label, self.kind_filter):
            h.addWidget(w)
        h.addStretch(1)
        bar.addLayout(h)
        self.fill_filters()
        self.building_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("building_id", self.building_filter.currentData()))
        self.kind_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("kind", self.kind_filter.currentData()))

    def fill_filters(self) -> None:
        keep_b = self.building_filter.currentData()
        keep_k = self.kind_filter.currentData()
        self.building_filter.blockSignals(True)
        self.kind_filter.blockSignals(True)
        self.building_filter.clear()
        self.building_filter.addItem(_t("Все здания"), None)
        for b in locations.list_buildings():
            self.building_filter.addItem(b.name, b.id)
        self.building_filter.setCurrentIndex(max(self.building_filter.findData(keep_b), 0))
        self.kind_filter.clear()
        self.kind_filter.addItem(_t("Все виды"), None)
        for k in locations.ROOM_KINDS:
            self.kind_filter.addItem(kind_label(k), k)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(keep_k), 0))
        self.building_filter.blockSignals(False)
        self.kind_filter.blockSignals(False)

    def retranslate_ui(self) -> None:
        self.building_label.setText(_t("Здание:"))
        self.kind_label.setText(_t("Вид:"))
        self.fill_filters()
        if self.page.loaded:  # a language change: the kinds in the list are translated too
            self.model.refresh()

    def reload(self) -> None:
        self.fill_filters()
        super().reload()

    # --- the room's card ---------------------------------------------------------------------------
    def room_dialog(self, room: locations.RoomInfo | None = None) -> RoomDialog:
        return RoomDialog(self.page, room)

    def on_new(self) -> None:
        dlg = self.room_dialog()
        if dlg.exec() and dlg.room_id:
            self.page.select_id(dlg.room_id)

    def on_edit(self) -> None:
        rid = self.current_id()
        if rid is None:
            return
        try:
            room = locations.get_room(rid)
        except ServiceError as e:
            QMessageBox.warning(self.page, _t("Не выполнено"), str(e))
            self.page.refresh()
            return
        dlg = self.room_dialog(room)
        if not self.can_write():
            dlg.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(False)
        dlg.exec()

    def on_delete(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if not self.page.confirm_delete(_t("помещение «{0}»").format(row["name"])):
            return
        try:
            locations.delete_room(row["id"])
        except ServiceError as e:
            QMessageBox.warning(self.page, _t("Не выполнено"), str(e))
