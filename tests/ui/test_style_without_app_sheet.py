"""The window's look without an application-wide style sheet (issue 18: any application sheet made Qt draw
every widget through its style-sheet style, ~13 ms of each start and a slower paint of every list).

What the sheet used to say is now in palettes and fonts, or in two sheets that reach only their own
widgets: the navigation rail and the page toolbars. Checked on the real window over a real database."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from chemcluster_desktop.ui import style
from chemcluster_desktop.ui.forms import FormDialog


def _color(w, role=QPalette.ColorRole.WindowText) -> str:
    return w.palette().color(role).name()


def test_window_look_comes_from_palettes_fonts_and_local_sheets(window, qtbot):
    app = QApplication.instance()
    assert app.styleSheet() == "" and app.style().name() == "fusion"
    page = window.show_page("inventory")
    qtbot.waitUntil(lambda: page.table.isVisible())
    # the rail and the toolbar carry their own sheets; the page and the list none
    rail = window.findChild(type(window.centralWidget()), "railPanel")
    assert "#navRail::item:selected" in rail.styleSheet()
    assert "QToolButton:hover" in page.toolbar.styleSheet()
    assert page.styleSheet() == "" and page.table.styleSheet() == "" and window.styleSheet() == ""
    # the page title large and bold, the count grey, the list's header bold, its selection light blue
    assert page.title_label.font().bold() and page.title_label.font().pointSizeF() == 17
    assert _color(page.count_label) == style.HINT
    assert page.table.horizontalHeader().font().bold()
    assert _color(page.table, QPalette.ColorRole.Highlight) == "#cfe3f6"
    assert _color(page.table, QPalette.ColorRole.Mid) == "#e3e7eb"  # Fusion's grid lines
    # the status bar: the rail's ground and its own text colour
    sb = window.statusBar()
    assert sb.autoFillBackground() and _color(sb, QPalette.ColorRole.Window) == style.RAIL
    assert _color(window.user_label) == style.STATUS_TEXT
    # a widget elsewhere keeps the application's palette (the sheet's rules were class- or name-bound)
    assert _color(QLabel(), QPalette.ColorRole.Highlight) == style.ACCENT


def test_label_roles_and_refused_fields(qtbot, window):
    lab = QLabel("x")
    qtbot.addWidget(lab)
    style.set_role(lab, "error")
    assert _color(lab) == style.ERROR and lab.property("role") == "error"
    style.set_role(lab, "hint")
    assert _color(lab) == style.HINT
    style.set_role(lab, "")
    assert _color(lab) == _color(QLabel()) and lab.property("role") == ""

    dlg = FormDialog(window, "Проверка")
    qtbot.addWidget(dlg)
    edit = dlg.add_row("name", "Наименование", QLineEdit())
    dlg.set_error("name", "Укажите наименование.")
    assert edit.property("invalid") is True and style.ERROR in edit.styleSheet()
    assert _color(dlg.errors["name"]) == style.ERROR
    dlg.set_error("name", "")
    assert edit.property("invalid") is False and edit.styleSheet() == ""


def test_group_titles_bold_fields_not(qtbot, window):
    dlg = FormDialog(window, "Проверка")
    qtbot.addWidget(dlg)
    box = dlg.section("Реквизиты колледжа")
    edit = dlg.add_row("inn", "ИНН", QLineEdit())
    dlg.show()
    qtbot.waitExposed(dlg)
    assert box.font().bold() and not edit.font().bold()
