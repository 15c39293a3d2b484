"""Helpers for the shell's GUI tests: act on the next modal window (QMessageBox or dialog) without
ever leaving an ``exec()`` waiting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget


def modal_text(w: QWidget) -> str:
    if isinstance(w, QMessageBox):
        return "\n".join(x for x in (w.windowTitle(), w.text(), w.informativeText()) if x)
    return "\n".join([w.windowTitle()] + [lab.text() for lab in w.findChildren(QLabel) if lab.text()])


_generation = [0]


def stop_pollers() -> None:
    """Called after every test (tests/conftest.py): pollers still waiting for a modal stop."""
    _generation[0] += 1


def on_next_modal(action: Callable[[QWidget], None], seen: list, timeout_ms: int = 8000,
                  skip: QWidget | None = None) -> None:
    """Poll for the next modal widget; record its text in ``seen`` and run ``action`` on it.
    By default (action=None) the modal is rejected."""
    state = {"left": timeout_ms // 25}
    gen = _generation[0]

    def poll():
        if _generation[0] != gen:
            return  # the test that started this poller is over: never touch the next test's windows
        w = QApplication.activeModalWidget()
        if w is None or w is skip or not w.isVisible():
            state["left"] -= 1
            if state["left"] > 0:
                QTimer.singleShot(25, poll)
            return
        seen.append(modal_text(w))
        if action is None:
            close(w)
        else:
            action(w)

    QTimer.singleShot(0, poll)


def close(w: QWidget) -> None:
    if isinstance(w, QMessageBox):
        btn = w.escapeButton() or w.defaultButton()
        if btn is not None:
            btn.click()
        else:
            w.done(0)
    elif isinstance(w, QDialog):
        w.reject()
    else:
        w.close()


def click_button(role_or_std):
    """An action for :func:`on_next_modal` pressing a QMessageBox's standard button."""
    def act(w: QWidget) -> None:
        assert isinstance(w, QMessageBox), type(w)
        w.button(role_or_std).click()

    return act


def type_text(widget: QWidget, text: str) -> None:
    """Type like a person, one key event per character (QTest.keyClicks cannot send Cyrillic)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        key = Qt.Key.Key_Space if ch == " " else Qt.Key(0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()
