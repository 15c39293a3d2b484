"""«Пользователи»: the trust area's panel of users (add, edit, password, block) as a tab of «Справочники».
The page's «Создать» (Ctrl+N) and «Изменить» (F2) act on it as the panel's «Добавить…» and «Изменить…»
do (an administrator's); «Удалить» is hidden here — a user is never deleted (the journal names him), his
log-in is forbidden instead. The count under the page is the number of users; the search is off."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout

from chemcluster_desktop.services import security
from chemcluster_desktop.ui import events
from chemcluster_desktop.ui.lists import Tab
from chemcluster_desktop.ui.widgets.users_panel import UsersPanel


class UsersTab(Tab):
    name = "users"
    title = "Пользователи"
    icon_name = "account-multiple-outline"
    searchable = False
    permission = "admin"  # adding users and changing roles; one's own password is the panel's button
    actions = frozenset({"new", "edit"})
    hidden_actions = frozenset({"delete"})

    def build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        with events.owned_connections(self.page):  # its listeners end with the page
            self.users_panel = UsersPanel(self)
        lay.addWidget(self.users_panel)
        self.users_panel.table.itemSelectionChanged.connect(self.page.update_actions)

    def retranslate_ui(self) -> None:
        self.users_panel.retranslate_ui()

    def reload(self) -> None:
        self.users_panel.refresh()

    def selected_rows(self) -> list[int]:
        sm = self.users_panel.table.selectionModel()
        return sorted({i.row() for i in sm.selectedRows()}) if sm is not None else []

    def action_enabled(self, name: str) -> bool:
        return name in self.actions and security.can("admin")

    def count_text(self) -> str:
        return QCoreApplication.translate("Page", "Записей: {0}").format(self.users_panel.table.rowCount())

    def on_role_changed(self) -> None:
        self.users_panel.on_role_changed()

    def on_new(self):
        return self.users_panel.add_user()

    def on_edit(self):
        return self.users_panel.edit_user()
