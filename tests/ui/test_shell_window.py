"""The main window over a real migrated SQLite file: navigation (rail and Ctrl+1..8), search as you
type, settings remembered, status bar, background work with cancel, «О программе»."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QPoint, Qt, qVersion
from PySide6.QtWidgets import QApplication

from chemcluster_desktop import __version__
from chemcluster_desktop.services import locations
from chemcluster_desktop.services.errors import Cancelled
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.pages import PAGES
from tests.ui.shell_helpers import type_text

NAV = ["Инвентарь", "Аккредитация", "Расписание", "Закупки", "Отчёты", "Кластер", "Справочники", "Журнал"]


@pytest.fixture
def rooms(db):
    b = locations.create_building("Учебный корпус № 1")
    names = ["Лаборатория аналитической химии (ауд. 201)", "Лаборатория органической химии (ауд. 203)",
             "Склад реактивов (ауд. 012)", "Мастерская «Химическая технология» (ауд. 104)"]
    return [locations.create_room(n, b, "laboratory") for n in names]


def test_rail_has_eight_areas_in_order(window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == NAV
    assert [p.key for p in PAGES] == ["inventory", "accreditation", "schedule", "procurement", "reports",
                                      "cluster", "reference", "journal"]
    assert not window.nav.item(0).icon().isNull()


def test_navigation_by_click_and_shortcuts(window, qtbot):
    for i in range(len(PAGES)):
        item = window.nav.item(i)
        rect = window.nav.visualItemRect(item)
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.nav.currentRow() == i
        assert window.stack.currentIndex() == i
        assert PAGES[i].key in window.pages
        assert NAV[i] in window.windowTitle()
    window.activateWindow()
    window.nav.setFocus()
    for i in range(len(PAGES)):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda i=i: window.stack.currentIndex() == i, timeout=2000)
        assert window.go_actions[i].shortcut().toString() == f"Ctrl+{i + 1}"


def test_search_filters_as_you_type(window, qtbot, rooms):
    page = window.show_page("reference")
    qtbot.waitUntil(lambda: page.model.total() == 4, timeout=3000)
    page.focus_search()
    type_text(page.search, "ЛАБОРАТ")
    qtbot.waitUntil(lambda: page.model.total() == 2, timeout=3000)
    assert page.count_label.text() == "Записей: 2"
    type_text(page.search, "ОРИЯ ОРГ")
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=3000)
    assert page.model.row(0)["name"].startswith("Лаборатория органической")
    page.search.clear()
    type_text(page.search, "нет такого")
    qtbot.waitUntil(lambda: page.model.total() == 0, timeout=3000)
    assert page.empty_label.isVisible()
    assert "нет такого" in page.empty_label.text()
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.total() == 4, timeout=3000)
    # Ctrl+F puts the cursor in the search field
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus() or QApplication.focusWidget() is page.search


def test_settings_are_remembered(window, qtbot, rooms):
    from chemcluster_desktop.ui.main_window import MainWindow

    window.resize(1024, 660)  # the offscreen screen is 800×800; Qt keeps a restored window on it
    page = window.show_page("reference")
    qtbot.waitUntil(lambda: page.model.total() == 4, timeout=3000)
    page.table.horizontalHeader().resizeSection(1, 333)
    window.close()
    assert settings().get("window/page") == "reference"
    # a new window (as after a restart) comes back the same
    settings().load()
    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    assert w2.nav.currentRow() == [p.key for p in PAGES].index("reference")
    assert (w2.width(), w2.height()) == (1024, 660)
    p2 = w2.pages["reference"]
    assert p2.table.horizontalHeader().sectionSize(1) == 333
    w2.close()


def test_status_bar_shows_database_user_and_demo(demo_window, demo_db):
    w = demo_window
    assert str(demo_db.path) in w.db_label.text()
    assert "Администратор" in w.user_label.text()
    assert w.demo_badge.isVisible() and w.demo_badge.text() == "ДЕМО"


def test_no_demo_badge_on_a_working_database(window):
    assert not window.demo_badge.isVisible()
    assert "файл" in window.db_label.text()


def test_background_task_progress_and_cancel(window, qtbot):
    started = threading.Event()
    errors = []

    def long_work(task):
        started.set()
        for i in range(1000):
            task.check()
            task.progress(i, 1000, f"Шаг {i}")
            time.sleep(0.01)
        return "done"

    task = ops.run_task(window, "Долгая работа", long_work, on_error=errors.append, modal=False)
    assert started.wait(5)
    qtbot.waitUntil(lambda: window.progress.isVisible() and window.progress.value() > 0, timeout=5000)
    assert window.progress.maximum() == 1000
    assert window.cancel_btn.isVisible() and window.cancel_btn.text() == "Отмена"
    assert window.progress_label.text().startswith("Шаг")
    qtbot.mouseClick(window.cancel_btn, Qt.MouseButton.LeftButton)
    assert task.is_cancelled()
    qtbot.waitUntil(lambda: not ops.running(), timeout=5000)
    qtbot.waitUntil(lambda: bool(errors), timeout=2000)
    assert isinstance(errors[0], Cancelled)
    assert not window.progress.isVisible() and not window.cancel_btn.isVisible()


def test_background_task_result_on_gui_thread(window, qtbot):
    results = []
    ops.run_task(window, "Быстрая работа", lambda task: 6 * 7, on_done=results.append)
    assert ops.wait_all(5000)
    assert results == [42]


def test_about_dialog(window, db):
    dlg = window.about_dialog()
    text = dlg.text()
    assert __version__ in text
    assert str(db.path) in text
    assert qVersion() in text and "PySide6" in text
    assert "DejaVu" in text and "Material Design Icons" in text and "LGPL" in text
    # the licence texts ship with the program
    from chemcluster_desktop import paths
    from chemcluster_desktop.ui.dialogs.about import LICENSE_FILES

    for _what, _name, parts in LICENSE_FILES:
        assert paths.resource(*parts).is_file(), parts
    # a licence opens inside the dialog
    from PySide6.QtCore import QUrl

    dlg._open_license(QUrl.fromLocalFile(str(paths.resource("fonts", "LICENSE-DejaVu.txt"))))
    assert "Bitstream" in dlg.license_text.toPlainText()
    dlg.close()


def test_edit_menu_lists_page_actions(window, rooms):
    window.show_page("reference")
    window._fill_edit_menu()
    texts = [a.text() for a in window.menu_edit.actions() if not a.isSeparator()]
    assert "Создать" in texts and "Найти" in texts


def test_rail_keyboard_focus_position(window, qtbot):
    # the rail is reachable and a click outside an item changes nothing
    before = window.nav.currentRow()
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, window.nav.height() - 5))
    assert window.nav.currentRow() == before


def test_rows_are_fetched_in_pages_as_the_view_scrolls(window, qtbot, db):
    from sqlalchemy import insert

    from chemcluster_desktop.services.context import uow
    from chemcluster_desktop.storage.core import Room
    from chemcluster_desktop.storage.search import make_key

    b = locations.create_building("Корпус")
    with uow() as s:
        s.execute(insert(Room), [{"building_id": b, "name": f"Ауд. {i:03d}", "kind": "office",
                                  "responsible": "", "notes": "", "search_key": make_key(f"Ауд. {i:03d}")}
                                 for i in range(450)])
    page = window.show_page("reference")
    page.refresh()
    qtbot.waitUntil(lambda: page.model.total() == 450, timeout=3000)
    assert page.model.rowCount() == page.model.PAGE == 200
    assert page.count_label.text() == "Записей: 450"
    for _ in range(10):
        page.table.scrollToBottom()
        QApplication.processEvents()
        if page.model.rowCount() == 450:
            break
    assert page.model.rowCount() > 200
    # sorting goes to SQL: the first row after a descending sort is the last by name
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert page.model.row(0)["name"] == "Ауд. 449"
