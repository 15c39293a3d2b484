"""Issue 16, point 4: «Файл → Сменить пользователя» logs out and in without restarting. The new user's role
applies at once on every page (write actions hidden for a viewer, back for an administrator), the status
bar names the new user, open windows are closed only after asking, the journal records the log-out and
the log-in, and «Выход» in the log-in dialog quits instead of handing the old session to someone else."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from chemcluster_desktop.services import context, security
from chemcluster_desktop.services import journal as journal_service
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui.dialogs.login import LoginDialog
from chemcluster_desktop.ui.pages import PAGES

WRITE_ACTIONS = {"action_new", "action_delete", "action_import", "action_generate", "action_lock",
                 "action_match", "action_confirm_all", "action_stocktaking", "action_needs"}


def _answer(window, handle) -> QTimer:
    """Answer the next modal window (as a person would) with ``handle(widget) -> bool`` (True: done)."""
    timer = QTimer(window)
    timer.setInterval(30)

    def poll():
        w = QApplication.activeModalWidget()
        if w is not None and w.isVisible() and handle(w):
            timer.stop()

    timer.timeout.connect(poll)
    timer.start()
    return timer


def _log_in_as(login: str, password: str):
    def handle(w) -> bool:
        if not isinstance(w, LoginDialog) or not w.ok_button.isEnabled():
            return False
        w.login_edit.setCurrentIndex(w.login_edit.findData(login))
        w.password_edit.setText(password)
        w.ok_button.click()
        return True
    return handle


def _write_actions_offered(window) -> dict[str, list[str]]:
    offered = {}
    for i, e in enumerate(PAGES):
        window.nav.setCurrentRow(i)
        tb = getattr(window.pages[e.key], "toolbar", None)
        if tb is None:
            continue
        names = [a.objectName() for a in tb.actions()
                 if a.objectName() in WRITE_ACTIONS and a.isVisible() and a.isEnabled()]
        if names:
            offered[e.key] = names
    return offered


def _users():
    security.add_user("boss", "admin", "boss1", "Начальникова Б. Б.")
    security.add_user("guest", "viewer", "guest1", "Гостев Г. Г.")
    context.set_actor(security.authenticate("boss", "boss1"))


def test_admin_switches_to_a_viewer_and_back(window, qtbot):
    _users()
    window.update_status()
    as_admin = _write_actions_offered(window)
    assert "inventory" in as_admin and "action_new" in as_admin["inventory"]
    inventory = window.pages["inventory"]
    assert window.act_switch_user.text() == "Сменить пользователя…"
    assert window.act_switch_user in window.menu_file.actions()

    _answer(window, _log_in_as("guest", "guest1"))
    assert window.switch_user()
    assert context.actor().login == "guest" and context.actor().role == "viewer"
    assert "Гостев Г. Г." in window.user_label.text()
    assert not window.act_backup.isEnabled() and not window.act_restore.isEnabled()
    assert window.isVisible()  # no restart
    assert _write_actions_offered(window) == {}  # every page built anew for the viewer
    assert window.pages["inventory"] is not inventory

    _answer(window, _log_in_as("boss", "boss1"))
    assert window.switch_user()
    assert context.actor().login == "boss"
    assert "Начальникова Б. Б." in window.user_label.text()
    assert window.act_backup.isEnabled()
    assert _write_actions_offered(window) == as_admin

    rows = journal_service.page(ListQuery(filters={"entity": "User"}, sort="at", limit=50))
    trail = [(r["user_login"], r["action"]) for r in sorted(rows, key=lambda r: r["id"])
             if r["action"] in ("login", "logout")]
    assert trail == [("boss", "login"), ("boss", "logout"), ("guest", "login"), ("guest", "logout"),
                     ("boss", "login")]
    assert journal_service.action_name("logout") == "Выход"


def test_open_windows_are_closed_only_after_asking(window, qtbot):
    _users()
    card = window.about_dialog()  # any window the person left open beside the main window
    card.setWindowTitle("Карточка предмета")
    card.show()
    asked = []

    def keep_working(w) -> bool:
        if not isinstance(w, QMessageBox):
            return False
        asked.append(w.text())
        assert w.defaultButton() is w.button(QMessageBox.StandardButton.No)  # the safe answer
        w.button(QMessageBox.StandardButton.No).click()
        return True

    _answer(window, keep_working)
    assert not window.switch_user()
    assert asked and "Карточка предмета" in asked[0] and "несохранённые изменения" in asked[0]
    assert card.isVisible() and context.actor().login == "boss"

    def close_them(w) -> bool:
        if not isinstance(w, QMessageBox):
            return False
        w.button(QMessageBox.StandardButton.Yes).click()
        _answer(window, _log_in_as("guest", "guest1"))
        return True

    _answer(window, close_them)
    assert window.switch_user()
    assert not card.isVisible() and context.actor().login == "guest"


def test_leaving_the_log_in_quits_rather_than_returning_the_old_session(window, qtbot):
    _users()

    def leave(w) -> bool:
        if not isinstance(w, LoginDialog):
            return False
        w.reject()  # its «Выход» button
        return True

    _answer(window, leave)
    assert not window.switch_user()
    assert not window.isVisible()
    assert context.actor().login == security.ANONYMOUS and not security.can("admin")
