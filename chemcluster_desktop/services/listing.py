"""Paged, searched and sorted lists for the GUI's table model — all in SQL.

A service that shows a list offers two functions taking a :class:`ListQuery`:
``count(q) -> int`` and ``page(q) -> list[dict]`` (each dict has an ``"id"``). Declare the list once
as a :class:`ListSpec` — the statement for a query, its sort columns, how a row becomes a dict — and
take both from it (``count = ENTRIES.count``, ``page = ENTRIES.page``). :func:`apply_search` adds the
search (over a folded ``search_key`` column, Cyrillic case-insensitive, ё = е), :func:`apply_sort` the
sort and :func:`window` the page window to a ``select()``.

A :class:`ListQuery` is frozen (the model is TagStudio's ``BrowsingState``): a change is a new query,
``dataclasses.replace(q, search="колба")``, so a query handed to a service or held by a table model
never changes under it.

A table with a trigram index (the inventory on SQLite: ``items_fts``, revision 0007) passes a
:class:`TrigramIndex` to :func:`apply_search`: words of 3+ letters are then looked up in the index
(``id IN (SELECT rowid FROM … MATCH '"word"')``) instead of scanning every row with LIKE; shorter
words keep LIKE. Both give the same rows: substring of the folded key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from sqlalchemy import Select, column, func, literal_column, select, table

from chemcluster_desktop.services import context
from chemcluster_desktop.storage.search import fold, fts_phrase, like_pattern


@dataclass(frozen=True)
class ListQuery:
    """What a list shows: search text, filters (each list documents its names), sort key and
    direction, and the page window. ``filters`` is a read-only mapping (a copy of what was given)."""
    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int = 200

    def __post_init__(self) -> None:
        object.__setattr__(self, "search", self.search or "")
        object.__setattr__(self, "filters", MappingProxyType(dict(self.filters or {})))

    def __hash__(self) -> int:
        return hash((self.search, tuple(sorted((k, repr(v)) for k, v in self.filters.items())), self.sort,
                     self.descending, self.offset, self.limit))

    def filter(self, name: str, default: Any = None) -> Any:
        return self.filters.get(name, default)

    def with_filters(self, **changes: Any) -> ListQuery:
        """A new query with these filters set (``None`` or ``""`` removes one), from the first row."""
        f = dict(self.filters)
        for k, v in changes.items():
            if v in (None, ""):
                f.pop(k, None)
            else:
                f[k] = v
        return replace(self, filters=f, offset=0)


@dataclass(frozen=True)
class TrigramIndex:
    """An FTS5 ``trigram`` table over a folded ``search_key`` whose rowid is ``id_col`` (SQLite only)."""
    table: str
    id_col: Any
    key_column: str = "search_key"

    MIN_WORD = 3  # the trigram tokenizer finds nothing shorter

    def indexed(self, folded_word: str) -> bool:
        return len(folded_word) >= self.MIN_WORD and "\x00" not in folded_word

    def split(self, text: str) -> tuple[list[str], list[str]]:
        """The words of ``text``, folded: (found through the index, found with LIKE)."""
        words = [fold(w) for w in (text or "").split()]
        return [w for w in words if self.indexed(w)], [w for w in words if not self.indexed(w)]

    def match_expression(self, folded_words: list[str]) -> str:
        """One FTS5 query requiring every word as a substring."""
        return " AND ".join(fts_phrase(w) for w in folded_words)

    def _rowids_matching(self, fts_query: str) -> Select:
        t = table(self.table, column("rowid"), column(self.key_column))
        return select(t.c.rowid).where(t.c[self.key_column].match(fts_query))

    def matching_ids(self, folded_word: str) -> Select:
        return self._rowids_matching(fts_phrase(folded_word))

    def count_matches(self, session, folded_words: list[str], at_most: int | None = None) -> int:
        """How many rows hold every word (at most ``at_most``: a cheap probe of how common they are)."""
        inner = self._rowids_matching(self.match_expression(folded_words))
        if at_most is not None:
            inner = inner.limit(at_most)
        return int(session.scalar(select(func.count()).select_from(inner.subquery())) or 0)


def apply_search(stmt: Select, search_col, text: str, *, trigram: TrigramIndex | None = None,
                 index_drives: bool = True) -> Select:
    """Every word of ``text`` must occur in ``search_col`` (folded, as a substring). With ``trigram``,
    words of 3+ letters are found through the index, the rest with LIKE.

    ``index_drives=False`` keeps the database from starting at the index's rows (``id + 0 IN …``): for
    words found in most rows, walking an index in the sort order and stopping at the page's end is faster
    than fetching and sorting every match."""
    text = (text or "").strip()
    if not text:
        return stmt
    for word in text.split():
        key = fold(word)
        if trigram is not None and trigram.indexed(key):
            ids = trigram.id_col if index_drives else trigram.id_col.op("+")(literal_column("0"))
            stmt = stmt.where(ids.in_(trigram.matching_ids(key)))
        else:
            stmt = stmt.where(search_col.like(like_pattern(word), escape="\\"))
    return stmt


def apply_sort(stmt: Select, sort_columns: dict[str, Any], q: ListQuery, default, id_col) -> Select:
    col = sort_columns.get(q.sort or "", default)
    order = col.desc() if q.descending else col.asc()
    tie = id_col.desc() if q.descending else id_col.asc()
    return stmt.order_by(order, tie)


def count_of(session, stmt: Select) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


def window(stmt: Select, q: ListQuery) -> Select:
    return stmt.offset(max(q.offset, 0)).limit(max(q.limit, 1))


def _mapping(row) -> dict:
    return dict(row._mapping)


@dataclass(frozen=True)
class ListSpec:
    """One declaration of a paged list, from which both ``count(q)`` and ``page(q)`` come.

    ``select(q)`` builds the filtered and searched statement (no order, no window); ``sort_columns``
    maps the table's column keys to SQL expressions, ``default_sort`` is used for an empty or unknown
    key and ``id_col`` breaks ties so that pages never overlap. ``natural_order`` (columns or
    ``col.desc()``), when given, is the order of a query without a sort key instead of
    ``default_sort``. ``row`` turns a result row into the dict the table shows (``dict(row._mapping)``
    unless given)."""
    select: Callable[[ListQuery], Select]
    sort_columns: Mapping[str, Any]
    default_sort: Any
    id_col: Any
    natural_order: tuple = ()
    row: Callable[[Any], dict] = _mapping

    def ordered(self, q: ListQuery) -> Select:
        stmt = self.select(q)
        if not q.sort and self.natural_order:
            return stmt.order_by(*self.natural_order)
        return apply_sort(stmt, self.sort_columns, q, self.default_sort, self.id_col)

    def count(self, q: ListQuery) -> int:
        with context.read() as s:
            return count_of(s, self.select(q))

    def page(self, q: ListQuery) -> list[dict]:
        with context.read() as s:
            return [self.row(r) for r in s.execute(window(self.ordered(q), q))]
