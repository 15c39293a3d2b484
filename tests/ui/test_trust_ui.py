"""GUI of the trust area: log-in with slow-down, recovery of a corrupt database, users panel, journal
page, and what a viewer sees on the pages."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from chemcluster_desktop.services import backup, context, security
from chemcluster_desktop.storage.core import Building
from chemcluster_desktop.storage.inventory import Item


@pytest.fixture(autouse=True)
def _fast(monkeypatch):
    monkeypatch.setattr(security, "FAIL_SLEEP", 0.0)
    monkeypatch.setattr(security, "THROTTLE_BASE", 1.0)


@pytest.fixture
def app():
    from chemcluster_desktop.app import create_application

    return create_application()


def test_login_dialog_slows_down_then_logs_in(qtbot, db, app):
    from chemcluster_desktop.ui.dialogs.login import LoginDialog

    security.add_user("ivanova", "lab_manager", "secret1", "Иванова А. П.")
    dlg = LoginDialog(None)
    qtbot.addWidget(dlg)
    # shown without modality: a modal-closing poller left over by another test must not touch it
    dlg.setWindowModality(Qt.WindowModality.NonModal)
    dlg.show()
    dlg.login_edit.setCurrentIndex(dlg.login_edit.findData("ivanova"))
    for _ in range(security.THROTTLE_AFTER):
        dlg.password_edit.clear()
        qtbot.keyClicks(dlg.password_edit, "wrong")
        qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dlg.ok_button.isEnabled() or dlg.wait_seconds() > 0, timeout=30000)
    assert dlg.wait_seconds() >= 1
    assert "Следующая попытка через" in dlg.error_label.text()
    assert not dlg.ok_button.isEnabled()
    qtbot.waitUntil(lambda: dlg.ok_button.isEnabled(), timeout=30000)
    qtbot.keyClicks(dlg.password_edit, "secret1")
    qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=30000)
    assert dlg.actor.login == "ivanova" and context.actor().role == "lab_manager"


def test_corrupt_database_offers_newest_good_backup(qtbot, db, db_path, app, monkeypatch):
    from chemcluster_desktop.ui.dialogs import recover
    from chemcluster_desktop.ui.dialogs.recover import offer_recovery

    with context.uow() as s:
        s.add(Building(name="Корпус А"))
    backup.backup()
    context.close_database()
    data = bytearray(db_path.read_bytes())
    for off in range(4096, len(data), 4096):
        data[off:off + 64] = os.urandom(64)
    db_path.write_bytes(bytes(data))
    with pytest.raises(Exception) as e:
        context.open_database(db_path)
    seen = {}

    def act(w):  # instead of exec(): drive the real dialog, then return what exec() would
        w.show()
        seen["items"] = w.list.count()
        seen["text"] = w.info.text()
        qtbot.mouseClick(w.restore_button, Qt.MouseButton.LeftButton)
        return w.result()

    monkeypatch.setattr(recover.RecoverDialog, "exec", act)
    database = offer_recovery(None, str(db_path), e.value)
    assert database is not None
    assert seen["items"] == 1 and "исправная" in seen["text"]
    from chemcluster_desktop.services import database as dbs

    assert dbs.check().ok
    assert any("corrupt" in p.name for p in db_path.parent.iterdir())


def test_users_panel_admin_adds_user_viewer_sees_read_only(qtbot, db, app, as_role, monkeypatch):
    from chemcluster_desktop.ui.widgets.users_panel import UserDialog, UsersPanel

    panel = UsersPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert panel.add_button.isVisible()

    def fill(w):  # instead of exec(): drive the real dialog, then return what exec() would
        w.show()
        qtbot.keyClicks(w.login, "petrov")
        w.full_name.setText("Петров П. П.")  # keyClicks takes ASCII only
        w.role.setCurrentIndex(w.role.findData("planner"))
        qtbot.keyClicks(w.password, "secret1")
        qtbot.keyClicks(w.password2, "secret1")
        qtbot.keyClick(w.password2, Qt.Key.Key_Return)
        return w.result()

    monkeypatch.setattr(UserDialog, "exec", fill)
    panel.add_user()
    assert panel.current_login() == "petrov"
    assert security.get_user("petrov").role == "planner"
    as_role("viewer")
    panel.refresh()
    assert not panel.add_button.isVisible() and not panel.edit_button.isVisible()
    assert panel.note.isVisible()


def test_journal_page_filters_and_shows_old_and_new(qtbot, window, as_role):
    as_role("lab_manager", login="ivanova")
    with context.uow() as s:
        s.add(Item(kind="equipment", inventory_number="ИН-1", name="Спектрофотометр"))
    as_role("admin", login="petrov")
    with context.uow() as s:
        s.query(Item).one().status = "repair"
    page = window.show_page("journal")
    page.refresh()
    assert page.model.total() == 2
    assert not page.actions_by_name.get("new") and not page.actions_by_name.get("delete")
    page.user_filter.setCurrentIndex(page.user_filter.findData("ivanova"))
    assert page.model.total() == 1
    page.reset_filters()
    assert page.model.total() == 2
    page.table.selectRow(0)  # newest first: the change of status
    texts = [[page.changes.item(r, c).text() for c in range(3)] for r in range(page.changes.rowCount())]
    assert texts == [["Состояние", "in_use", "repair"]]
    page.search.setText("спектро")  # keyClicks takes ASCII only
    qtbot.waitUntil(lambda: page.model.total() == 2, timeout=2000)


@pytest.mark.qt_no_exception_capture  # another area's page with a bug must not fail this test
def test_viewer_sees_no_write_actions_on_pages(qtbot, window, as_role):
    from chemcluster_desktop.ui.pages import PAGES
    from chemcluster_desktop.ui.pages.base import BasePage

    as_role("viewer")
    checked = []
    for entry in PAGES:
        page = window.show_page(entry.key)
        if not isinstance(page, BasePage) or page.write_permission is None:
            continue
        page.on_role_changed()
        for name in ("new", "delete", "import"):
            act = page.actions_by_name.get(name)
            if act is not None:
                assert not act.isVisible() and not act.isEnabled(), (entry.key, name)
        checked.append(entry.key)
    if len(checked) < 2:
        pytest.skip(f"fewer than two pages with write rights exist yet: {checked}")


def test_every_journal_action_has_a_label_and_a_badge():
    """A new kind of journal entry must get its Russian name on the page (the filter and the badge)."""
    from chemcluster_desktop.services import journal as journal_service
    from chemcluster_desktop.ui.pages.journal import ACTION_LABELS

    assert set(journal_service.ACTIONS) <= set(ACTION_LABELS)
    assert set(journal_service.ACTIONS) <= set(journal_service.ACTION_BADGES)
    assert all(journal_service.action_name(a) != a for a in journal_service.ACTIONS)
