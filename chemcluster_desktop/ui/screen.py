"""Windows open inside the screen's available geometry (a 1366×768 laptop, 125 % scaling).

:func:`fit_to_screen` clamps a top-level window's size and position to the available geometry of its
screen (the task bar excluded), leaving room for the window frame; :func:`install` makes every main
window and dialog do so whenever it is shown, whatever size it asked for or restored. A long form
must still be reachable: put it in :func:`scrolling` so it scrolls instead of demanding height.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QMainWindow, QScrollArea, QWidget

# the frame a window manager adds around a window that is not shown yet (title bar, borders)
FRAME_W, FRAME_H = 16, 40


def available_geometry(w: QWidget | None = None) -> QRect:
    screen = (w.screen() if w is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def _frame(w: QWidget) -> tuple[int, int, int, int]:
    """left, top, extra width, extra height of the window frame."""
    fg, g = w.frameGeometry(), w.geometry()
    if w.isVisible() and (fg.width() > g.width() or fg.height() > g.height()):
        return g.x() - fg.x(), g.y() - fg.y(), fg.width() - g.width(), fg.height() - g.height()
    return FRAME_W // 2, FRAME_H - FRAME_W // 2, FRAME_W, FRAME_H


def fit_size(size: QSize, w: QWidget | None = None) -> QSize:
    """``size`` (of the client area) no larger than the available geometry less the frame."""
    av = available_geometry(w)
    return QSize(min(size.width(), av.width() - FRAME_W), min(size.height(), av.height() - FRAME_H))


def fit_to_screen(w: QWidget) -> None:
    """Clamp a top-level window's size and position so that its frame lies in the available geometry."""
    av = available_geometry(w)
    left, top, fw, fh = _frame(w)
    max_w, max_h = av.width() - fw, av.height() - fh
    if w.minimumWidth() > max_w or w.minimumHeight() > max_h:
        w.setMinimumSize(min(w.minimumWidth(), max_w), min(w.minimumHeight(), max_h))
    width, height = min(w.width(), max_w), min(w.height(), max_h)
    if (width, height) != (w.width(), w.height()):
        w.resize(width, height)
    x = min(max(w.x(), av.x() + left), av.right() + 1 - (width + fw) + left)
    y = min(max(w.y(), av.y() + top), av.bottom() + 1 - (height + fh) + top)
    if (x, y) != (w.x(), w.y()):
        w.move(x, y)


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls vertically when the screen is too low."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    area.setMinimumHeight(120)
    return area


class _Fitter(QObject):
    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if ev.type() == QEvent.Type.Show and isinstance(obj, (QDialog, QMainWindow)) and obj.isWindow():
            fit_to_screen(obj)
        return False


_fitter: _Fitter | None = None


def install(app: QApplication | None = None) -> None:
    """Every dialog and main window shown from now on fits the screen (idempotent)."""
    global _fitter
    app = app or QApplication.instance()
    if app is None or _fitter is not None:
        return
    _fitter = _Fitter(app)
    app.installEventFilter(_fitter)
