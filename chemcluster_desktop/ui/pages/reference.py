"""«Справочники»: buildings and rooms (a list with the room's card, the buildings' small list) and the
users (the trust area's panel, when it is installed).

One :class:`~chemcluster_desktop.ui.lists.TabbedPage`, one module per tab: ``reference_rooms`` (a
:class:`~chemcluster_desktop.ui.lists.ListTab`) and ``reference_users`` (a
:class:`~chemcluster_desktop.ui.lists.Tab`). The cards are in :mod:`chemcluster_desktop.ui.dialogs.rooms`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from chemcluster_desktop.areas import Area
from chemcluster_desktop.ui.dialogs.rooms import BuildingDialog, BuildingsDialog, RoomDialog
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.lists import Tab, TabbedPage
from chemcluster_desktop.ui.pages.reference_rooms import RoomsTab

__all__ = ["BuildingDialog", "BuildingsDialog", "ReferencePage", "RoomDialog", "RoomsTab"]

log = logging.getLogger(__name__)

CTX = "Reference"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _tabs() -> list[type[Tab]]:
    try:
        from chemcluster_desktop.ui.pages.reference_users import UsersTab
    except Exception as e:  # the users panel belongs to another area; without it the tab is absent
        log.info("users panel not available: %s", e)
        return [RoomsTab]
    return [RoomsTab, UsersTab]


class ReferencePage(TabbedPage):
    key = "reference"
    area = Area.CORE
    context = CTX
    title_text = "Справочники"
    icon_name = "book-open-variant"
    write_permission = "reference.write"
    empty_text = "Нет помещений. Добавьте помещение (Ctrl+N) — к нему привязываются инвентарь и мастерские."
    tabs_object_name = "referenceTabs"
    tabs_classes = _tabs()

    def build(self) -> None:
        super().build()
        self.tabs.setDocumentMode(True)
        self.act_buildings = QAction(icon("office-building-outline"), "", self)
        self.act_buildings.setObjectName("action_buildings")
        self.act_buildings.triggered.connect(self.on_buildings)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_buildings)

    @property
    def rooms(self) -> RoomsTab:
        return self.tab("rooms")

    @property
    def building_filter(self):
        return self.rooms.building_filter

    @property
    def kind_filter(self):
        return self.rooms.kind_filter

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.act_buildings.setText(_t("Здания…"))
        self.act_buildings.setToolTip(_t("Список зданий: добавить, переименовать, удалить"))

    def room_dialog(self, room=None) -> RoomDialog:
        """A factory tests can use to drive the card without a modal loop."""
        return self.rooms.room_dialog(room)

    def on_buildings(self) -> None:
        BuildingsDialog(self, self.can_write()).exec()
        self.refresh()


def _labels_for_lupdate() -> list[str]:
    """The tabs' titles, the empty hint and the column headers (class attributes of the tab modules) as
    literal translate() calls for pyside6-lupdate."""
    tr = QCoreApplication.translate
    return [
        tr("Reference", "Здания и помещения"), tr("Reference", "Пользователи"),
        tr("Reference", "Нет помещений. Добавьте помещение (Ctrl+N) — к нему привязываются инвентарь и мастерские."),
        tr("Reference", "Помещение"), tr("Reference", "Здание"), tr("Reference", "Вид"),
        tr("Reference", "Площадь, м²"), tr("Reference", "Ответственный (МОЛ)"),
    ]
