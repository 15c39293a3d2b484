"""Windows open inside the screen's available geometry (a 1366×768 laptop, 125 % scaling).

:func:`fit_to_screen` clamps a top-level window's size and position to the available geometry of its
screen (the task bar excluded), leaving room for the window frame; :func:`install` makes every main
window and dialog do so whenever it is shown, whatever size it asked for or restored. A long form
must still be reachable: put it in :func:`scrolling` so it scrolls instead of demanding height.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QListView,
    QMainWindow,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

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
    """Clamp a top-level window's size and position so that its frame lies in the available geometry.
    A dialog whose content is taller than the screen gets it in a scroll area first (its buttons stay
    below it), so that clamping never squeezes its widgets over each other."""
    av = available_geometry(w)
    _left, _top, fw, fh = _frame(w)
    max_w, max_h = av.width() - fw, av.height() - fh
    lay = w.layout()
    if isinstance(w, QDialog) and lay is not None and lay.totalMinimumSize().height() > max_h \
            and scroll_content(w, max_w):
        lay.activate()
        ms = lay.totalMinimumSize()  # the new minimum: the buttons and a scroll area as wide as the form
        w.setMinimumSize(min(ms.width(), max_w), min(ms.height(), max_h))
        if w.width() < w.minimumWidth():
            w.resize(w.minimumWidth(), w.height())
    if isinstance(w, QDialog) and lay is not None and lay.hasHeightForWidth():
        need = lay.totalHeightForWidth(w.width())  # wrapped texts: as tall as their lines at this width
        if need > w.height():
            w.resize(w.width(), need)
    if w.minimumWidth() > max_w or w.minimumHeight() > max_h:
        w.setMinimumSize(min(w.minimumWidth(), max_w), min(w.minimumHeight(), max_h))
    width, height = min(w.width(), max_w), min(w.height(), max_h)
    if (width, height) != (w.width(), w.height()):
        w.resize(width, height)
    # a window's x(), y() and move() are its frame's position (Qt: «for windows, including the frame»)
    x = min(max(w.x(), av.x()), av.right() + 1 - (width + fw))
    y = min(max(w.y(), av.y()), av.bottom() + 1 - (height + fh))
    if (x, y) != (w.x(), w.y()):
        w.move(x, y)


class _VerticalScroll(QScrollArea):
    """Scrolls up and down only, and is never narrower than its content's minimum (so that nothing is
    cut at the right and no sideways scrolling hides half of a title); follows the content when its
    minimum changes (a panel refilled for another record)."""

    def __init__(self, content: QWidget):
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        content.installEventFilter(self)

    def _bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        c = self.widget()
        return QSize((c.minimumSizeHint().width() if c is not None else 0) + self._bar(), 120)

    def sizeHint(self) -> QSize:  # noqa: N802
        c = self.widget()
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height()) if c is not None else hint

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj is self.widget() and ev.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(obj, ev)


def wrapping_list(view: QListView) -> QListView:
    """A list of entries that never scrolls sideways: an entry longer than the view wraps onto a second
    line (its end — a price, a date — stays in sight instead of hiding at the right)."""
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    return view


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls vertically when the screen is too low (never
    sideways: it is as wide as the content needs)."""
    area = _VerticalScroll(content)
    area.setMinimumHeight(120)
    return area


def scroll_content(dlg: QDialog, max_width: int | None = None) -> bool:
    """Move what a dialog's vertical box layout holds above its button box into :func:`scrolling`
    (once). Returns whether it did; a dialog laid out otherwise is left as it is."""
    lay = dlg.layout()
    if dlg.property("contentScrolls") or not isinstance(lay, QBoxLayout) \
            or lay.direction() != QBoxLayout.Direction.TopToBottom:
        return False
    entries = []
    for i in range(lay.count()):
        item = lay.itemAt(i)
        entries.append((item, lay.stretch(i)))
    cut = next((i for i, (item, _s) in enumerate(entries) if isinstance(item.widget(), QDialogButtonBox)),
               len(entries))
    if cut == 0:
        return False
    content = QWidget()
    inner = QVBoxLayout(content)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(lay.spacing())
    for item, stretch in entries[:cut]:
        _move_item(lay, inner, item, stretch)
    area = scrolling(content)
    area.setObjectName("dialogScroll")
    if max_width is not None:  # the screen narrower than the form too: then it scrolls sideways as well
        m = lay.contentsMargins()
        if area.minimumSizeHint().width() > max_width - m.left() - m.right():
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            area.setMinimumWidth(max_width - m.left() - m.right())
    lay.insertWidget(0, area, 1)
    area.show()
    dlg.setProperty("contentScrolls", True)
    return True


def _move_item(src: QBoxLayout, dst: QVBoxLayout, item, stretch: int) -> None:
    if item.widget() is not None:
        w, align = item.widget(), item.alignment()
        hidden = w.isHidden() and w.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        src.removeWidget(w)
        dst.addWidget(w, stretch, align)
        if not hidden:
            w.show()  # at once, as it was (a layout would show it only on the next turn of the event loop)
    elif item.layout() is not None:
        child = item.layout()
        shown = [w for w in _layout_widgets(child)
                 if not (w.isHidden() and w.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide))]
        src.removeItem(child)
        child.setParent(None)
        dst.addLayout(child, stretch)
        for w in shown:
            w.show()
    elif item.spacerItem() is not None:
        sp = item.spacerItem()
        expanding = bool(sp.expandingDirections() & Qt.Orientation.Vertical)
        height = sp.sizeHint().height()
        src.removeItem(sp)
        if expanding:
            dst.addStretch(max(stretch, 1))
        else:
            dst.addSpacing(height)


def _layout_widgets(layout) -> list[QWidget]:
    out = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            out.append(item.widget())
        elif item.layout() is not None:
            out += _layout_widgets(item.layout())
    return out


_WATCHED = (QEvent.Type.Show, QEvent.Type.Resize)


class _Fitter(QObject):
    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        # every event of the application passes here: the cheap type test first
        t = ev.type()
        if t not in _WATCHED or not (isinstance(obj, (QDialog, QMainWindow)) and obj.isWindow()):
            return False
        if t == QEvent.Type.Show:
            shown(obj)
            # once more after the window's own showEvent (a form sizes its scroll area there) has settled
            QTimer.singleShot(0, obj, lambda: obj.isVisible() and fit_to_screen(obj))
        elif t == QEvent.Type.Resize and obj.isVisible() and not obj.isMaximized() \
                and not available_geometry(obj).contains(obj.frameGeometry()):
            fit_to_screen(obj)  # it grew after it was shown (a form sized in its showEvent, a message)
        return False


def _readable_headers(window: QWidget) -> None:
    """Every table of the window keeps its code-sized columns as wide as their header texts."""
    from chemcluster_desktop.ui.widgets.headers import keep_headers_readable

    for view in window.findChildren(QTableView):
        if not view.property("headersKept") and view.model() is not None:
            view.setProperty("headersKept", True)
            keep_headers_readable(view)


_fitter: _Fitter | None = None


def install(app: QApplication | None = None) -> None:
    """Every dialog and main window shown from now on fits the screen (idempotent)."""
    global _fitter
    app = app or QApplication.instance()
    if app is None or _fitter is not None:
        return
    _fitter = _Fitter(app)
    if not _paused:
        app.installEventFilter(_fitter)


_paused = False


def pause() -> None:
    """Take the fitting filter off until :func:`resume`: while the main window is built and first painted.

    An application-wide Python event filter is called for every event of every object, and PySide6 hands
    it each object as a Python wrapper of its class — creating the Python types (and their enums) of
    dozens of classes the program never touches (scroll bars, models, the item views' private parts):
    ~80 more enums and ~50 ms of a start (bench/README, «Start-up»)."""
    global _paused
    app = QApplication.instance()
    _paused = True
    if app is not None and _fitter is not None:
        app.removeEventFilter(_fitter)


def shown(window: QWidget) -> None:
    """What a main window or dialog gets when it is shown (from the filter, or by hand while the filter
    is paused): fitted to the screen, its tables' headers readable."""
    fit_to_screen(window)
    _readable_headers(window)


def resume() -> None:
    """The filter back on; every main window and dialog shown meanwhile is fitted now (idempotent)."""
    global _paused
    if not _paused:
        return
    _paused = False
    app = QApplication.instance()
    if app is None:
        return
    if _fitter is None:
        install(app)
    else:
        app.installEventFilter(_fitter)
    for w in app.topLevelWidgets():
        if w.isVisible() and isinstance(w, (QDialog, QMainWindow)):
            shown(w)
