"""Issue 16: a page's shortcuts work as soon as the page is chosen in the rail, without a click into
its table first (F5, Ctrl+N, Ctrl+I, Ctrl+E, Ctrl+P act on the page shown, never on a hidden one)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from chemcluster_desktop.ui.pages import PAGES

KEYS = {"refresh": (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier),
        "new": (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
        "import": (Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier),
        "export": (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
        "print": (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)}


def _spy_all(window) -> list:
    """Replace every page's handlers by a recorder: the test checks where a key goes, not what the
    handler then does (it would open dialogs)."""
    fired = []
    for key, page in window.pages.items():
        for name, act in getattr(page, "actions_by_name", {}).items():
            act.triggered.disconnect()
            act.triggered.connect(lambda _c=False, k=key, n=name: fired.append((k, n)))
    return fired


def test_page_shortcuts_work_right_after_choosing_the_page(window, qtbot):
    for e in PAGES:  # build every page first: hidden pages must not take the key
        window.page(e.key)
    fired = _spy_all(window)
    window.activateWindow()
    checked = 0
    for i, e in enumerate(PAGES):
        rect = window.nav.visualItemRect(window.nav.item(i))
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.stack.currentIndex() == i
        page = window.pages[e.key]
        assert window.nav.hasFocus() or window.focusWidget() is window.nav  # no click into the page
        for name, (key, mod) in KEYS.items():
            act = getattr(page, "actions_by_name", {}).get(name)
            if act is None or not act.isEnabled() or not act.isVisible():
                continue
            assert act.shortcut() == QKeySequence(key | mod) or act.shortcut().matches(
                QKeySequence(key | mod)) == QKeySequence.SequenceMatch.ExactMatch, (e.key, name)
            fired.clear()
            qtbot.keyClick(window, key, mod)
            assert fired == [(e.key, name)], (e.key, name, fired)
            checked += 1
    assert checked >= len(PAGES)  # at least F5 on every page with a toolbar, plus the others
