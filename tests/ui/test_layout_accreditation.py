"""Issue 16: the «Аккредитация» page on a narrow window (1366×768 at 125 % Windows scaling leaves the page
841 px). Its three panes do not fit there; the line's panel becomes the tab «Строка» beside the
checklist, Enter on a line opens it, and a wider window gets the three panes back. Measured with the
layout checks of tests/ui/test_layout_checks.py at each width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.pages import accreditation_panes as panes
from tests.ui.test_layout_checks import check_all


def _settle(qtbot, ms: int = 30) -> None:
    ops.wait_all()
    QApplication.processEvents()
    qtbot.wait(ms)


def _resize(window, qtbot, width: int) -> None:
    window.showNormal()
    window.resize(width, 700)
    _settle(qtbot, 60)


def test_narrow_window_puts_the_line_panel_in_a_tab_and_back(demo_window, qtbot):
    page = demo_window.show_page("accreditation")
    _settle(qtbot)
    assert not page.arrangement.narrow and page.splitter.indexOf(page.details) == 2  # 1366 px: three panes
    assert check_all(demo_window) == []

    _resize(demo_window, qtbot, 1093)
    qtbot.waitUntil(lambda: page.arrangement.narrow, timeout=3000)
    tabs = page.centre_tabs
    assert page.splitter.count() == 2 and tabs.count() == 3 and tabs.indexOf(page.details) == panes.TAB_LINE
    assert [tabs.tabText(i) for i in range(3)] == ["Чек-лист", "Готовность", "Строка"]
    page.table.setFocus()
    page.table.selectRow(0)
    _settle(qtbot)
    shown = page.model.loaded_rows()[0]["name"]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on a line: its panel, one tab away
    _settle(qtbot)
    assert tabs.currentWidget() is page.details and page.details.isVisible()
    assert shown in page.details.title.text()
    assert check_all(demo_window) == []
    # a click on the chart's bar filters the checklist and brings it back
    tabs.setCurrentIndex(panes.TAB_READINESS)
    _settle(qtbot)
    assert page.chart.isVisible() and check_all(demo_window) == []
    page._chart_clicked("expert", "missing")
    _settle(qtbot)
    assert tabs.currentIndex() == panes.TAB_CHECKLIST and page.zone_filter.currentData() == "expert"

    _resize(demo_window, qtbot, 1366)
    qtbot.waitUntil(lambda: not page.arrangement.narrow, timeout=3000)
    assert page.splitter.indexOf(page.details) == 2 and tabs.count() == 2 and page.details.isVisible()
    assert check_all(demo_window) == []
