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


def make_key(*parts: object) -> str:
    return " | ".join(fold(p) for p in parts if p not in (None, ""))


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


def fts_phrase(folded: str) -> str:
    """An FTS5 query that matches ``folded`` as a plain substring: one quoted string, whatever the text
    (``"`` is doubled; ``*``, ``(``, ``-``, ``NEAR``, ``OR``… inside quotes are just characters)."""
    return '"' + folded.replace('"', '""') + '"'
