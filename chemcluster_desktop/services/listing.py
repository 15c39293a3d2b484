"""Paged, searched and sorted lists for the GUI's table model — all in SQL.

A service that shows a list offers two functions taking a :class:`ListQuery`:
``count(q) -> int`` and ``page(q) -> list[dict]`` (each dict has an ``"id"``). :func:`apply_query`
adds the search (over a folded ``search_key`` column, Cyrillic case-insensitive, ё = е), the
sort and the page window to a ``select()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select

from chemcluster_desktop.storage.search import like_pattern


@dataclass
class ListQuery:
    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int = 200


def apply_search(stmt: Select, search_col, text: str) -> Select:
    text = (text or "").strip()
    if not text:
        return stmt
    for word in text.split():
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
