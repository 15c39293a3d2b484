"""«Пользователи»: the trust area's panel of users (add, edit, password, block) as a tab of «Справочники».
It has its own buttons; the page's toolbar and search do not act on it."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from chemcluster_desktop.ui import events
from chemcluster_desktop.ui.lists import Tab
from chemcluster_desktop.ui.widgets.users_panel import UsersPanel


class UsersTab(Tab):
    name = "users"
    title = "Пользователи"
    icon_name = "account-multiple-outline"
    searchable = False

    def build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        with events.owned_connections(self.page):  # its listeners end with the page
            self.users_panel = UsersPanel(self)
        lay.addWidget(self.users_panel)

    def retranslate_ui(self) -> None:
        self.users_panel.retranslate_ui()
