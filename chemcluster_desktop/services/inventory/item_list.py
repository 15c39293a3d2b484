"""The inventory list: paged, filtered, searched and sorted in SQL (an FTS5 trigram index on SQLite),
its count, and all its rows in batches for export and printing."""

from __future__ import annotations

import datetime as dt
import weakref

from sqlalchemy import func, select, text

from chemcluster_desktop.services import context, listing
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory._common import _t
from chemcluster_desktop.services.inventory.reagents import expiry_state
from chemcluster_desktop.services.inventory.vocabulary import kind_label
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import ITEM_KINDS, Item, ReagentContainer
from chemcluster_desktop.storage.search import ITEMS_FTS

# The list reads the tables through SQLAlchemy Core, not the mapped classes: it wants rows, not objects, and an
# ORM statement configures every mapper first and compiles through the ORM (~11 ms of each start, before the
# window showed: the list, its count, the log-in check and the demo flag were a start's only queries). The first
# statement that needs the mapping (a card, the alerts a moment after the list is painted) configures it.
_items, _rooms = Item.__table__, Room.__table__
ITEMS, ROOMS, CONTAINERS = _items.c, _rooms.c, ReagentContainer.__table__.c

SORT_KEYS = {
    "inventory_number": ITEMS.inventory_number,
    "name": ITEMS.name,
    "kind": ITEMS.kind,
    "status": ITEMS.status,
    "quantity": ITEMS.quantity,
    "cost": ITEMS.cost,
    "commissioned_on": ITEMS.commissioned_on,
    "serial_number": ITEMS.serial_number,
    "model": ITEMS.model,
    "responsible": ITEMS.responsible,
    "room": ROOMS.name,
    "id": ITEMS.id,
}


_fts_present: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _items_trigram() -> listing.TrigramIndex | None:
    """The FTS5 trigram index of the items on SQLite (revision 0007); None on PostgreSQL, where search
    is LIKE (helped by a pg_trgm index when the server has the extension), or on an SQLite built
    without the trigram tokenizer (the revision then creates no index)."""
    db = context.current()
    if not db.is_sqlite:
        return None
    present = _fts_present.get(db.engine)
    if present is None:
        with db.engine.connect() as conn:  # sqlite only: the index is a virtual table
            present = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
                                   {"n": ITEMS_FTS}).first() is not None
        _fts_present[db.engine] = present
    return listing.TrigramIndex(ITEMS_FTS, ITEMS.id) if present else None


# the filters the inventory list knows (the page's filters, the dashboard's tiles, export and printing)
FILTER_KEYS = frozenset({"kind", "room_id", "status", "include_written_off", "ids", "due_ids", "low_stock",
                         "issued"})


def check_filters(q: ListQuery) -> None:
    """Refuse a filter the list does not know: a misspelt one («room» for «room_id») used to be ignored
    and the whole inventory listed, exported or printed as if it were the selection."""
    unknown = sorted(set(q.filters or {}) - FILTER_KEYS)
    if unknown:
        raise ValidationError(_t("Список инвентаря не знает фильтра «{0}». Известные фильтры: {1}.")
                              .format(unknown[0], ", ".join(sorted(FILTER_KEYS))), field=unknown[0])


def _filtered(stmt, q: ListQuery, *, index_drives: bool = True):
    check_filters(q)
    f = q.filters or {}
    kind = f.get("kind")
    if kind:
        stmt = stmt.where(ITEMS.kind.in_(kind) if isinstance(kind, list | tuple) else ITEMS.kind == kind)
    if f.get("room_id"):
        stmt = stmt.where(ITEMS.room_id == int(f["room_id"]))
    status = f.get("status")
    if status:
        stmt = stmt.where(ITEMS.status == status)
    elif not f.get("include_written_off"):
        stmt = stmt.where(ITEMS.status != "written_off")
    if f.get("ids"):
        stmt = stmt.where(ITEMS.id.in_([int(i) for i in f["ids"]]))
    if "due_ids" in f:  # the dashboard's «verification and maintenance» tile: exactly these (none when empty)
        stmt = stmt.where(ITEMS.id.in_([int(i) for i in f["due_ids"]]))
    if f.get("low_stock"):
        stmt = stmt.where(ITEMS.min_quantity.is_not(None), ITEMS.quantity < ITEMS.min_quantity)
    if f.get("issued"):
        stmt = stmt.where(ITEMS.issued_to != "")
    return listing.apply_search(stmt, ITEMS.search_key, q.search, trigram=_items_trigram(),
                                index_drives=index_drives)


# Search through the trigram index (SQLite): words found in more rows than this are "common"
COMMON_MATCHES = 5000
# sort columns with an index the list can walk in order (stopping at the end of the page)
_INDEXED_SORTS = {"name", "inventory_number"}
_COUNT_FILTERS = ("kind", "room_id", "status", "ids", "low_stock", "issued")


def count_items(q: ListQuery) -> int:
    check_filters(q)
    tri = _items_trigram()
    with context.read() as s:
        if (tri is not None and (q.search or "").strip() and "due_ids" not in (q.filters or {})
                and not any((q.filters or {}).get(k) for k in _COUNT_FILTERS)):
            return _count_searched(s, q, tri)
        if context.current().is_sqlite and not (q.search or "").strip() and not q.filters:
            return _count_not_written_off(s)
        return listing.count_of(s, _filtered(select(ITEMS.id), q))


def _count_not_written_off(s) -> int:
    """The list as it opens (no search, no filter: every item not written off), on SQLite: all items minus
    the written-off ones. SQLite counts a whole table from its smallest index without reading a row and finds
    the written-off ones through the (kind, status) index — ~0.1 ms, where «status <> 'written_off'» walked
    100,000 index entries (~5 ms) at every opening and refresh of the list. (PostgreSQL reads the table for
    either form, so there the plain count stays.)"""
    everything = select(func.count()).select_from(_items).scalar_subquery()
    gone = select(func.count()).select_from(_items).where(ITEMS.status == "written_off").scalar_subquery()
    return int(s.scalar(select(everything - gone)) or 0)


def _count_searched(s, q: ListQuery, tri: listing.TrigramIndex) -> int:
    """The exact count of a search with no filter but «without written-off items» (the list as one types).

    Counting the rows that match *and are not written off* makes SQLite fetch every matching row (tens of
    ms when a word is common). Instead: the rows that match — from the index alone when every word has 3+
    letters, else over the narrow ``search_key`` index — minus the written-off ones that match (few, found
    through the (kind, status) index)."""
    long_words, short_words = tri.split(q.search)
    if not short_words:
        n = tri.count_matches(s, long_words)
    else:
        n = int(s.scalar(listing.apply_search(select(func.count()).select_from(_items), ITEMS.search_key, q.search,
                                              trigram=tri)) or 0)
    if n and not (q.filters or {}).get("include_written_off"):
        gone = listing.apply_search(select(func.count()).select_from(_items)
                                    .where(ITEMS.kind.in_(ITEM_KINDS), ITEMS.status == "written_off"),
                                    ITEMS.search_key, q.search, trigram=tri, index_drives=False)
        n -= int(s.scalar(gone) or 0)
    return n


LIST_COLUMNS = (ITEMS.id, ITEMS.kind, ITEMS.inventory_number, ITEMS.name, ITEMS.model, ITEMS.serial_number,
                ITEMS.status, ITEMS.quantity, ITEMS.unit, ITEMS.min_quantity, ITEMS.cost, ITEMS.commissioned_on,
                ITEMS.responsible, ITEMS.issued_to, ITEMS.room_id, ITEMS.manufacturer)


def list_items(q: ListQuery) -> list[dict]:
    check_filters(q)
    today = dt.date.today()
    out = []
    with context.read() as s:
        index_drives = True
        tri = _items_trigram()
        if tri is not None and (q.sort or "name") in _INDEXED_SORTS:
            long_words, _short = tri.split(q.search)
            # common words: walk the sort index and stop at the page's end rather than sort every match
            index_drives = not long_words or tri.count_matches(s, long_words, COMMON_MATCHES + 1) <= COMMON_MATCHES
        stmt = select(*LIST_COLUMNS, ROOMS.name.label("room")).join(_rooms, ROOMS.id == ITEMS.room_id, isouter=True)
        stmt = _filtered(stmt, q, index_drives=index_drives)
        stmt = listing.apply_sort(stmt, SORT_KEYS, q, ITEMS.name, ITEMS.id)
        stmt = listing.window(stmt, q)
        rows = [dict(r) for r in s.execute(stmt).mappings()]
        # the nearest expiry of the page's reagents only (a correlated subquery in the sorted select
        # would be computed for every row of the table before the sort)
        reagent_ids = [r["id"] for r in rows if r["kind"] == "reagent"]
        expiry: dict[int, dt.date] = {}
        if reagent_ids:
            expiry = dict(s.execute(
                select(CONTAINERS.item_id, func.min(CONTAINERS.expires_on))
                .where(CONTAINERS.item_id.in_(reagent_ids), CONTAINERS.empty.is_(False))
                .group_by(CONTAINERS.item_id)).all())
        for d in rows:
            d["expires_on"] = expiry.get(d["id"])
            alert = ""
            if d["min_quantity"] is not None and d["quantity"] < d["min_quantity"] and d["status"] != "written_off":
                alert = "low"
            exp = expiry_state(d["expires_on"], today)
            if exp in ("expired", "expiring"):
                alert = exp
            d["alert"] = alert
            d["kind_label"] = kind_label(d["kind"])
            out.append(d)
    return out


def iter_items(q: ListQuery | None = None, batch: int = 5000):
    """All rows of a (filtered) list, in batches, for export and printing."""
    q = q or ListQuery()
    offset = 0
    while True:
        page = list_items(ListQuery(search=q.search, filters=q.filters, sort=q.sort or "inventory_number",
                                    descending=q.descending, offset=offset, limit=batch))
        yield from page
        if len(page) < batch:
            return
        offset += batch
