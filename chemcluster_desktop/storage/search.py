"""Case-insensitive search that works for Cyrillic on SQLite and PostgreSQL alike.

SQLite's ``lower``/``LIKE`` fold only ASCII, and PostgreSQL's ``lower`` depends on the server's
locale. So each searchable table keeps a ``search_key`` column: the searchable fields folded in
Python (``str.casefold``, ё→е, spaces squeezed) and joined. Search is then
``search_key LIKE '%' || fold(query) || '%'`` in SQL — the same on both databases, with no function
on the server. Models fill the column in a ``before_insert``/``before_update`` listener; bulk Core
inserts call :func:`fold` themselves. On SQLite a ``cc_fold()`` SQL function is registered too
(see engine.py) for ad-hoc queries.
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")


def fold(text: object) -> str:
    if text is None:
        return ""
    s = str(text).casefold().replace("ё", "е")
    return _WS.sub(" ", s).strip()


KEY_LENGTH = 800  # the usual length of a search_key column; rooms and substances have 600


def make_key(*parts: object, limit: int = KEY_LENGTH) -> str:
    """The folded parts joined, cut to the column's ``limit``: folding can make a text longer (casefold
    turns «ﬃ» into «ffi»), and a key longer than its column is refused by PostgreSQL."""
    return " | ".join(fold(p) for p in parts if p not in (None, ""))[:limit]


def like_pattern(query: str) -> str:
    """A LIKE pattern for a folded query; ``\\`` escapes ``%`` and ``_`` typed by the user."""
    q = fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{q}%"


# --- the trigram index of the inventory (SQLite) -----------------------------------------------------------
# Revision 0007_inventory_search keeps an FTS5 table with the trigram tokenizer over ``items.search_key``
# on SQLite (external content: the table stores only the index; triggers on ``items`` keep it in step).
# On PostgreSQL the same revision adds a pg_trgm GIN index over ``items.search_key`` when the extension
# is already installed. Neither is a model: the schema comparison with the models skips them.
ITEMS_FTS = "items_fts"
ITEMS_TRGM_INDEX = "ix_items_search_key_trgm"
_FTS_SHADOW = ("", "_data", "_idx", "_docsize", "_config", "_content")


def is_search_index(name: str | None, type_: str) -> bool:
    """True for the tables and indexes of the search indexes above (not described by the models)."""
    if not name:
        return False
    if type_ == "table":
        return any(name == ITEMS_FTS + s for s in _FTS_SHADOW)
    if type_ == "index":
        return name == ITEMS_TRGM_INDEX
    return False


def include_in_comparison(obj, name, type_, reflected, compare_to) -> bool:
    """``include_object`` of a schema comparison with the models: the search indexes, which only the
    database has, are left out (``chemcluster check`` and ``db/env.py`` both use it)."""
    return not (reflected and compare_to is None and is_search_index(name, type_))


def fts_phrase(folded: str) -> str:
    """An FTS5 query that matches ``folded`` as a plain substring: one quoted string, whatever the text
    (``"`` is doubled; ``*``, ``(``, ``-``, ``NEAR``, ``OR``… inside quotes are just characters)."""
    return '"' + folded.replace('"', '""') + '"'


ITEMS_FTS_INSERT_TRIGGER = "items_fts_ai"


def bulk_index_items(connection, insert_rows) -> None:
    """Run ``insert_rows()`` (a bulk insert into ``items`` of rows with ids above the current maximum)
    with the index kept in one pass instead of row by row.

    On SQLite with the trigram index, the per-row AFTER INSERT trigger costs ~110 µs a row (10,000 rows:
    1.3 s); indexing the new rows with one ``INSERT … SELECT`` costs ~45 µs. So the trigger is set aside
    for the bulk insert and created again from its own stored SQL — all inside the caller's transaction,
    so a failure or a cancel rolls the trigger back with everything else. Elsewhere it just runs
    ``insert_rows()``."""
    if connection.dialect.name != "sqlite":
        insert_rows()
        return
    trigger = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (ITEMS_FTS_INSERT_TRIGGER,)).scalar()
    if not trigger:
        insert_rows()
        return
    before = connection.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM items").scalar()
    connection.exec_driver_sql(f"DROP TRIGGER {ITEMS_FTS_INSERT_TRIGGER}")
    insert_rows()
    connection.exec_driver_sql(
        f"INSERT INTO {ITEMS_FTS}(rowid, search_key) SELECT id, search_key FROM items WHERE id > ?", (before,))
    connection.exec_driver_sql(trigger)
