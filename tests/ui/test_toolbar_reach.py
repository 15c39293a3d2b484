"""Issue 16: at 1366×768 every page action can be reached — on the toolbar, in the toolbar's
overflow menu («»»), and always in «Правка» (the planner's «Сгенерировать…», the coordinator's
«Пакет PDF» and «Обновить», the lab manager's «Этикетки»)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton, QWidgetAction

from chemcluster_desktop.ui.pages import PAGES


def _menu_actions(menu) -> list:
    out = []
    for a in menu.actions():
        out.append(a)
        if a.menu() is not None:
            out.extend(_menu_actions(a.menu()))
    return out


def _on_toolbar(tb, act) -> bool:
    w = tb.widgetForAction(act)
    return w is not None and w.isVisible() and tb.rect().contains(w.geometry())


@pytest.mark.parametrize("width", [None, 1024])  # maximised on the laptop screen; the window's minimum width
def test_every_page_action_is_reachable_at_1366(window, qtbot, width):
    av = window.screen().availableGeometry()
    assert (av.width(), av.height()) == (1366, 768)
    if width is None:
        window.showMaximized()
        qtbot.waitUntil(lambda: window.width() >= 1300, timeout=2000)
    else:
        window.resize(width, 680)
        qtbot.waitUntil(lambda: window.width() == width, timeout=2000)
    overflowed = 0
    for i, e in enumerate(PAGES):
        window.nav.setCurrentRow(i)
        page = window.pages[e.key]
        tb = getattr(page, "toolbar", None)
        if tb is None:
            continue
        qtbot.waitUntil(tb.isVisible, timeout=2000)
        window.menu_edit.aboutToShow.emit()
        in_menu = _menu_actions(window.menu_edit)
        hidden = []
        for act in tb.actions():
            if act.isSeparator() or not act.isVisible() or not act.isEnabled():
                continue
            if isinstance(act, QWidgetAction):  # a button with a menu (inventory's movements)
                btn = tb.widgetForAction(act)
                assert isinstance(btn, QToolButton) and btn.menu() is not None, (e.key, btn)
                assert btn.menu().menuAction() in in_menu, (e.key, btn.text())
            else:
                assert act in in_menu, (e.key, act.text())
            if not _on_toolbar(tb, act):
                hidden.append(act)
        if hidden:  # what does not fit is behind a visible overflow button
            ext = tb.findChild(QToolButton, "qt_toolbar_ext_button")
            assert ext is not None and ext.isVisible(), (e.key, [a.text() for a in hidden])
            assert ext.width() >= 8 and tb.rect().contains(ext.geometry()), (e.key, ext.geometry())
            overflowed += 1
        assert tb.frameGeometry().right() <= page.width(), e.key
    assert page.window().frameGeometry().width() <= av.width()
    assert overflowed  # the case the issue met (schedule, accreditation, inventory) was exercised


def test_named_actions_in_edit_menu(window, as_role):
    texts = {}
    for key in ("schedule", "accreditation", "inventory"):
        window.show_page(key)
        window.menu_edit.aboutToShow.emit()
        texts[key] = [a.text() for a in _menu_actions(window.menu_edit)]
    assert any("Сгенерировать" in t for t in texts["schedule"]), texts["schedule"]
    assert "Пакет PDF" in texts["accreditation"] and "Обновить" in texts["accreditation"], texts["accreditation"]
    assert "Этикетки" in texts["inventory"], texts["inventory"]
