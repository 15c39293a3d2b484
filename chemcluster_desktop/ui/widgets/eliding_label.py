"""A one-line label that shortens its text in the middle when it has not the room («…»), the whole text in
its tooltip — for a path in the status bar, which may be longer than a 1366 px window (issue 16).
``text()`` stays the whole text.

The label shows the shortened text through QLabel itself (recomputed when it is resized) rather than
painting it: a paint of its own needs the style object in Python, and the first such call makes PySide6
create the Python type of ``QStyle`` with its ~10 enums (~5 ms of every start, the label is in the main
window's status bar)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel


class ElidingLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._full = ""
        self.setProperty("elide", True)  # shortened on purpose: the layout test does not count it as cut
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def text(self) -> str:
        """The whole text, also while a shortened one is shown."""
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self.setToolTip(text)
        self._elide()
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - the room it would like: the whole text
        m = self.contentsMargins()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + m.left() + m.right() + 2 * self.margin(),
                     super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance("…") * 8, super().minimumSizeHint().height())

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, max(width, 0))
        if shown != super().text():
            super().setText(shown)
