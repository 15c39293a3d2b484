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
