"""A filter bar that wraps instead of squeezing (issue 16).

On a 1366 px laptop, or in English, a page's filters do not all fit in one row; a box layout then gives
its widgets less than they need and draws them over each other («Состояние:» over the room filter, the
journal's dates over their labels). :class:`FilterBar` lays its filters out left to right and starts a
new row when the next one does not fit. A label keeps to the widget after it, so a caption never ends a
row with its field on the next one.

It offers what the pages call on a filter bar: ``addWidget``, ``addSpacing``, ``addStretch`` (a no-op:
the rows are left-aligned anyway) and ``setSpacing``. (A widget rather than a Python ``QLayout``
subclass: PySide6 6.12 on Python 3.11 miscounts the references of the ``None`` a layout's ``itemAt``
must return at its end, which crashes the interpreter after a while.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

Unit = list  # the widgets (or a spacing, an int) that stay together on one row


class FilterBar(QWidget):
    def __init__(self, parent: QWidget | None = None, spacing: int = 8, row_spacing: int = 6,
                 glue_labels: bool = True):
        super().__init__(parent)
        self._glue_labels = glue_labels
        self.setObjectName("filterBar")
        self._items: list[QWidget | int] = []
        self._spacing = spacing
        self._row_spacing = row_spacing
        pol = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        pol.setHeightForWidth(True)
        self.setSizePolicy(pol)

    # --- what the pages call ---------------------------------------------------------------------
    def addWidget(self, w: QWidget) -> None:  # noqa: N802
        hidden = w.isHidden() and w.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        w.setParent(self)
        w.installEventFilter(self)
        self._items.append(w)
        if not hidden:  # as a layout does: shown with the bar unless hidden on purpose
            w.show()
        self._changed()

    def addSpacing(self, size: int) -> None:  # noqa: N802
        self._items.append(int(size))
        self._changed()

    def addStretch(self, stretch: int = 0) -> None:  # noqa: N802, ARG002 - the rows are left-aligned
        return

    def setSpacing(self, spacing: int) -> None:  # noqa: N802
        self._spacing = spacing
        self._changed()

    def spacing(self) -> int:
        return self._spacing

    # --- size ------------------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(width, place=False)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Everything in one row."""
        units = self._units()
        w = sum(self._unit_width(u) for u in units) + self._spacing * max(len(units) - 1, 0)
        return QSize(w, self._row_height([u for u in units]))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """The widest unit: anything wider wraps."""
        units = [u for u in self._units() if not _is_spacing(u)]
        w = max((sum(_min_w(x) for x in u) + self._spacing * (len(u) - 1) for u in units), default=0)
        return QSize(w, self._row_height(units))

    # --- events ----------------------------------------------------------------------------------
    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if ev.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._changed()
        return False

    def event(self, ev) -> bool:
        if ev.type() == QEvent.Type.LayoutRequest:  # a filter's size hint changed (new text, language)
            self._changed()
        return super().event(ev)

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._fit()

    def showEvent(self, ev) -> None:  # noqa: N802
        super().showEvent(ev)
        self._fit()

    def _changed(self) -> None:
        self.updateGeometry()
        if self.isVisible():  # a hidden bar is laid out when it is shown (a page adds its filters one by one:
            self._fit()       # laying all of them out after each one cost ~4 ms of the first page's build)

    def _fit(self) -> None:
        """Lay the filters out and take the height their rows need at this width (the page's box
        layout then gives the bar that height: a second row is never cut off)."""
        height = self._arrange(self.width(), place=True)
        if self.isVisible() and height != self.minimumHeight():
            self.setFixedHeight(height)

    # --- layout ----------------------------------------------------------------------------------
    def _units(self) -> list[Unit]:
        units: list[Unit] = []
        glue = False
        for item in self._items:
            if isinstance(item, QWidget) and item.isHidden():
                continue
            if glue and units and isinstance(item, QWidget):
                units[-1].append(item)
            else:
                units.append([item])
            glue = self._glue_labels and isinstance(item, QLabel)
        return units

    def _unit_width(self, unit: Unit) -> int:
        return sum(_hint_w(x) for x in unit) + self._spacing * (len(unit) - 1)

    @staticmethod
    def _row_height(units: list[Unit]) -> int:
        return max((x.sizeHint().height() for u in units for x in u if isinstance(x, QWidget)), default=0)

    def _rows(self, width: int) -> list[list[Unit]]:
        rows: list[list[Unit]] = [[]]
        x = 0
        for unit in self._units():
            uw = self._unit_width(unit)
            if rows[-1] and x + uw > width:
                rows.append([])
                x = 0
            if _is_spacing(unit) and not rows[-1]:
                continue  # no spacing at the start of a row
            rows[-1].append(unit)
            x += uw + self._spacing
        return [r for r in rows if r and not all(_is_spacing(u) for u in r)]

    def _arrange(self, width: int, place: bool) -> int:
        y = 0
        for row in self._rows(width):
            height = self._row_height(row)
            if place:
                x = 0
                for unit in row:
                    for item in unit:
                        if isinstance(item, int):
                            x += item
                            continue
                        w = max(min(_hint_w(item), width - x), _min_w(item))
                        h = min(max(item.sizeHint().height(), item.minimumHeight()), height, item.maximumHeight())
                        item.setGeometry(QRect(x, y + (height - h) // 2, w, h))
                        x += w + self._spacing
            y += height + self._row_spacing
        return max(y - self._row_spacing, 0)


def _is_spacing(unit: Unit) -> bool:
    return len(unit) == 1 and isinstance(unit[0], int)


def _hint_w(x: QWidget | int) -> int:
    if isinstance(x, int):
        return x
    return min(max(x.sizeHint().width(), x.minimumWidth()), x.maximumWidth())


def _min_w(x: QWidget | int) -> int:
    if isinstance(x, int):
        return x
    return x.minimumWidth() or min(x.minimumSizeHint().width(), _hint_w(x))
