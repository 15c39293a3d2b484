"""Table headers that stay readable (issue 16): a column the code gave a fixed width is widened to its
header's text whenever the header texts change (a new language, a table filled after it was built),
so that «Цена за ед., ₽» is never cut to «Јена за ед., ₽». The person may still narrow it by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

_SIZED_BY_CODE = (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Fixed)


def fit_headers(view: QTableView) -> None:
    """Widen every code-sized column narrower than its header's text (once, now)."""
    hh = view.horizontalHeader()
    for i in range(hh.count()):
        if hh.isSectionHidden(i) or hh.sectionResizeMode(i) not in _SIZED_BY_CODE:
            continue
        need = hh.sectionSizeHint(i)
        if hh.sectionSize(i) < need:
            hh.resizeSection(i, need)


def keep_headers_readable(view: QTableView) -> None:
    """:func:`fit_headers` now and whenever the view's header texts change."""
    model = view.model()
    if model is not None:
        model.headerDataChanged.connect(
            lambda orientation, *_a: orientation == Qt.Orientation.Horizontal and fit_headers(view))
    fit_headers(view)
