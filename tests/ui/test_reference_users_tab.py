"""«Справочники → Пользователи»: the page's «Создать» (Ctrl+N) and «Изменить» (F2) work on the users tab
as its own buttons do, «Удалить» is hidden there (a user is never deleted), and the tab shows «Записей: N»
like the other lists; a viewer sees neither (his own password stays the tab's button)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chemcluster_desktop.services import security
from chemcluster_desktop.ui.widgets.users_panel import UserDialog


def _users_tab(window, qtbot):
    page = window.show_page("reference")
    tab = page.show_tab("users")
    qtbot.waitUntil(lambda: page.count_label.text() == f"Записей: {len(security.list_users())}")
    return page, tab


def test_page_actions_act_on_the_users_tab(window, qtbot, monkeypatch):
    page, tab = _users_tab(window, qtbot)
    new, edit, delete = (page.actions_by_name[n] for n in ("new", "edit", "delete"))
    assert new.isVisible() and new.isEnabled()
    assert not delete.isVisible()  # no deleting users: «Запретить вход» instead
    assert edit.isVisible() and not edit.isEnabled()  # nothing selected yet
    assert page.count_label.text() == "Записей: 1"  # admin alone

    def fill(w):  # instead of exec(): drive the real dialog, then return what exec() would
        w.show()
        qtbot.keyClicks(w.login, "petrov")
        w.full_name.setText("Петров П. П.")
        w.role.setCurrentIndex(w.role.findData("planner"))
        qtbot.keyClicks(w.password, "secret12")
        qtbot.keyClicks(w.password2, "secret12")
        qtbot.keyClick(w.password2, Qt.Key.Key_Return)
        return w.result()

    monkeypatch.setattr(UserDialog, "exec", fill)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tab.users_panel.table.setFocus()
    qtbot.keyClick(tab.users_panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # «Создать»
    assert security.get_user("petrov").role == "planner"
    qtbot.waitUntil(lambda: page.count_label.text() == "Записей: 2")
    assert tab.users_panel.current_login() == "petrov" and edit.isEnabled()

    seen = []

    def change(w):
        seen.append(w.user.login)
        w.role.setCurrentIndex(w.role.findData("buyer"))
        w.accept()
        return w.result()

    monkeypatch.setattr(UserDialog, "exec", change)
    edit.trigger()  # «Изменить» (F2)
    assert seen == ["petrov"] and security.get_user("petrov").role == "buyer"

    # back on the rooms tab «Удалить» is there again; its count is the rooms'
    page.show_tab("rooms")
    assert delete.isVisible() and page.count_label.text() == "Записей: 0"


def test_a_viewer_gets_no_user_actions(window, qtbot, as_role):
    as_role("viewer")
    page, tab = _users_tab(window, qtbot)
    page.on_role_changed()
    tab.users_panel.table.selectRow(0)
    for name in ("new", "edit", "delete"):
        act = page.actions_by_name[name]
        assert not (act.isVisible() and act.isEnabled()), name
    assert page.count_label.text() == "Записей: 1"  # he reads the list
