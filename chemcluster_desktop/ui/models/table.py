"""One table model for every list: rows fetched in pages from a service as the view scrolls;
search, filters and sort go to the service, which does them in SQL.

    cols = [Column("inventory_number", "Инв. номер"), Column("cost", "Стоимость", kind="money")]
    model = PagedTableModel(cols, count=inventory.count_items, page=inventory.list_items, context="Inventory")
    view.setModel(model); model.refresh()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import format as fmt

# badge values -> (background, foreground)
BADGE_COLORS = {
    "ok": ("#e3f4e6", "#1b5e20"),
    "warn": ("#fff4d6", "#7a5300"),
    "bad": ("#fde3e1", "#9b1c14"),
    "info": ("#e3eefa", "#0d47a1"),
    "muted": ("#eceff1", "#455a64"),
}


@dataclass
class Column:
    key: str
    header: str  # Russian source text, translated with the model's context
    kind: str = "text"  # text | int | decimal | money | date | datetime | bool | badge
    width: int | None = None
    sortable: bool = True
    # for badge columns: value -> (label source text, colour key)
    badges: dict[str, tuple[str, str]] = field(default_factory=dict)
    tooltip_key: str | None = None


class PagedTableModel(QAbstractTableModel):
    loaded = Signal(int)  # total row count after a refresh
    PAGE = 200

    def __init__(self, columns: list[Column], *, count: Callable[[ListQuery], int],
                 page: Callable[[ListQuery], list[dict]], context: str = "Table", parent=None,
                 page_size: int | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self._count_fn = count
        self._page_fn = page
        self._ctx = context
        self.query = ListQuery(limit=page_size or self.PAGE)
        self._rows: list[dict] = []
        self._total = 0
        self._fetched = False  # the first refresh has run (a page loads its list on first show)
        self.row_tint: Callable[[dict], str | None] | None = None  # row -> badge colour key

    # --- query -------------------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        if text != self.query.search:
            self.query = replace(self.query, search=text)
            self.refresh()

    def set_filter(self, key: str, value: Any) -> None:
        f = dict(self.query.filters)
        if value in (None, "", [], ()):
            f.pop(key, None)
        else:
            f[key] = value
        self.query = replace(self.query, filters=f)
        self.refresh()

    def set_filters(self, filters: dict[str, Any]) -> None:
        self.query = replace(self.query, filters={k: v for k, v in filters.items() if v not in (None, "")})
        self.refresh()

    def refresh(self) -> None:
        self._fetched = True
        self.beginResetModel()
        q = replace(self.query, offset=0)
        self._total = self._count_fn(q)
        self._rows = list(self._page_fn(q)) if self._total else []
        self.endResetModel()
        self.loaded.emit(self._total)

    def total(self) -> int:
        return self._total

    # --- paging ------------------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        q = replace(self.query, offset=len(self._rows))
        more = list(self._page_fn(q))
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # --- access ------------------------------------------------------------------------------
    def row(self, r: int) -> dict:
        return self._rows[r]

    def row_id(self, r: int) -> int | None:
        if 0 <= r < len(self._rows):
            return self._rows[r].get("id")
        return None

    def find_row(self, row_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.get("id") == row_id:
                return i
        return -1

    def loaded_rows(self) -> list[dict]:
        return list(self._rows)

    # --- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            c = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(self._ctx, c.header)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self._align(c))
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def _align(self, c: Column):
        if c.kind in ("int", "decimal", "money"):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if c.kind in ("date", "datetime", "bool", "badge"):
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def display(self, c: Column, v: Any) -> str:
        if v is None or v == "":
            return ""
        try:
            return self._display(c, v)
        except (ArithmeticError, ValueError, TypeError):  # a view must never fail over one odd value
            return str(v)

    def _display(self, c: Column, v: Any) -> str:
        if c.kind == "money":
            return fmt.money(Decimal(v))
        if c.kind == "decimal":
            return fmt.decimal(Decimal(v))
        if c.kind == "int":
            return fmt.decimal(int(v))
        if c.kind == "datetime" and isinstance(v, dt.datetime):
            return fmt.datetime(v)
        if c.kind == "date" and isinstance(v, dt.date):
            return fmt.date(v)
        if c.kind == "bool":
            return QCoreApplication.translate("Table", "да") if v else ""  # a word: ✓ is not in every Windows font
        if c.kind == "badge":
            label = c.badges.get(str(v), (str(v), "muted"))[0]
            return QCoreApplication.translate(self._ctx, label)
        return str(v)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        c = self.columns[index.column()]
        row = self._rows[index.row()]
        v = row.get(c.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(c, v)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._align(c))
        if role == Qt.ItemDataRole.UserRole:
            return v
        if role == Qt.ItemDataRole.ToolTipRole:
            if c.tooltip_key:
                return row.get(c.tooltip_key)
            return None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            key = None
            if c.kind == "badge" and v is not None:
                key = c.badges.get(str(v), ("", "muted"))[1]
            elif self.row_tint is not None:
                key = self.row_tint(row)
                if key and role == Qt.ItemDataRole.BackgroundRole:
                    return None  # tint only the text of whole rows
            if key:
                bg, fg = BADGE_COLORS.get(key, BADGE_COLORS["muted"])
                return QBrush(QColor(bg if role == Qt.ItemDataRole.BackgroundRole else fg))
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or not self.columns[column].sortable:
            return
        self.query = replace(self.query, sort=self.columns[column].key,
                             descending=order == Qt.SortOrder.DescendingOrder)
        # the saved header state sorts a page while it is built: the list comes once, on first show,
        # already in that order (it was fetched twice at start-up, ~20 ms at 100,000 items)
        if self._fetched:
            self.refresh()
