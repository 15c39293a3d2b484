"""Start-up as a person meets it: the demo offer on an empty database, the language switch, and a
clear dialog — never a traceback, never an overwritten file — when the database cannot be opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from chemcluster_desktop.services import context, database
from chemcluster_desktop.ui import ops
from tests.ui.shell_helpers import click_button, on_next_modal


@pytest.fixture
def app(qapp):
    from chemcluster_desktop.app import create_application

    a = create_application()
    yield a
    from chemcluster_desktop.app import install_translators

    install_translators(a, "ru")


def _after_open(app, qtbot):
    from chemcluster_desktop.ui.startup import after_open

    w = after_open(app)
    assert w is not None
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_first_start_offers_demo_data(app, qtbot, db):
    seen: list[str] = []
    on_next_modal(click_button(QMessageBox.StandardButton.Yes), seen)
    w = _after_open(app, qtbot)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "пуста" in seen[0] and "демонстрационные данные" in seen[0]
    assert ops.wait_all(120000)
    qtbot.waitUntil(lambda: database.is_demo(), timeout=5000)
    qtbot.waitUntil(lambda: w.demo_badge.isVisible(), timeout=5000)
    assert not database.is_empty()
    w.close()


def test_demo_offer_declined_leaves_the_database_empty(app, qtbot, db):
    seen: list[str] = []
    on_next_modal(click_button(QMessageBox.StandardButton.No), seen)
    w = _after_open(app, qtbot)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert ops.wait_all(5000)
    assert database.is_empty() and not database.is_demo()
    assert not w.demo_badge.isVisible()
    w.close()


def test_language_switch(app, qtbot, demo_db):
    from chemcluster_desktop import i18n
    from chemcluster_desktop.settings import settings
    from chemcluster_desktop.ui.startup import build_main_window

    w = build_main_window(app)  # the demo database has users: after_open would ask to log in
    qtbot.addWidget(w)
    w.show()
    assert w.nav.item(0).text() == "Инвентарь"
    assert w.menu_view.title() == "&Вид"
    w.menu_view.aboutToShow.emit()
    assert w.menu_lang.title() == "Язык"
    w.act_en.trigger()
    assert i18n.language() == "en"
    assert [w.nav.item(i).text() for i in range(w.nav.count())] == [
        "Inventory", "Accreditation", "Timetable", "Procurement", "Reports", "Cluster", "Reference data", "Journal"]
    assert w.menu_file.title() == "&File" and w.menu_help.title() == "&Help"
    assert w.act_about.text() == "About" and w.act_quit.text() == "Exit"
    assert w.menu_lang.title() == "Language"
    assert w.act_en.isChecked() and not w.act_ru.isChecked()
    assert w.demo_badge.text() == "DEMO"
    assert w.user_label.text().startswith("User:")
    ref = w.show_page("reference")
    assert ref.title_label.text() == "Reference data"
    assert ref.actions_by_name["new"].text() == "New"
    assert "Inventory" in w.windowTitle() or "Reference data" in w.windowTitle()
    assert settings().get("language") == "en"
    # the layers below the UI answer in English too
    from chemcluster_desktop.services.errors import Cancelled

    assert str(Cancelled()) == "Operation cancelled; nothing was changed."
    # and back
    w.act_ru.trigger()
    assert w.nav.item(0).text() == "Инвентарь" and w.menu_file.title() == "&Файл"
    ref = w.show_page("reference")  # the pages are built anew in the new language
    assert ref.title_label.text() == "Справочники"
    assert settings().get("language") == "ru"
    w.close()


def test_qt_own_translation_is_found():
    from chemcluster_desktop.app import qt_translation_dirs

    assert any((d / "qtbase_ru.qm").is_file() for d in qt_translation_dirs())


# --- bad input: a clear dialog, nothing overwritten ------------------------------------------------
def _open_gui(db_arg) -> tuple[object, list[str]]:
    from chemcluster_desktop.app import open_database_gui

    seen: list[str] = []
    on_next_modal(None, seen)
    result = open_database_gui(str(db_arg))
    return result, seen


def _assert_clear(seen: list[str], *needles: str) -> None:
    assert seen, "no dialog was shown"
    text = seen[0]
    assert "Traceback" not in text and "File \"" not in text
    for n in needles:
        assert n in text, text


def test_corrupt_file_dialog_and_bytes_unchanged(app, tmp_path):
    bad = tmp_path / "corrupt.sqlite3"
    bad.write_bytes(b"\x00garbage, not SQLite\n" * 500)
    before = bad.read_bytes()
    result, seen = _open_gui(bad)
    assert result is None
    _assert_clear(seen)
    assert "corrupt.sqlite3" in seen[0] or "повреж" in seen[0]
    assert bad.read_bytes() == before


def test_newer_database_is_refused(app, tmp_path, db_path):
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = 'abcdef999999'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    result, seen = _open_gui(db_path)
    assert result is None
    _assert_clear(seen, "более новой версией", "abcdef999999")
    assert db_path.read_bytes() == before


def test_wrong_url(app):
    result, seen = _open_gui("foo://bar")
    assert result is None
    _assert_clear(seen, "Неверный адрес базы данных")


def test_unwritable_data_folder(app, tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    result, seen = _open_gui(blocker / "sub" / "cc.sqlite3")
    assert result is None
    _assert_clear(seen, "Не удаётся создать папку")
    assert blocker.read_text() == "x"


def test_read_only_file(app, db_path, monkeypatch):
    # root ignores file modes, so the read-only file is simulated where writability is tried
    from chemcluster_desktop import files

    real = files.writable_file
    monkeypatch.setattr(files, "writable_file", lambda path: Path(path) != db_path and real(path))
    before = db_path.read_bytes()
    result, seen = _open_gui(db_path)
    assert result is None
    _assert_clear(seen, "только для чтения")
    assert db_path.read_bytes() == before


def test_locked_file(app, tmp_path, monkeypatch):
    from chemcluster_desktop.storage import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("CREATE TABLE other_program(x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result, seen = _open_gui(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result is None
    _assert_clear(seen, "занята другой программой")


def test_missing_file_is_created(app, tmp_path):
    path = tmp_path / "new-folder" / "cc.sqlite3"
    result, seen = _open_gui(path)
    assert result is not None and not seen
    assert path.is_file()
    context.close_database()
