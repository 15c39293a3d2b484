"""Dates as people type them the Russian way: ``26.11.2026``, ``26.11.26``, ``2026-11-26``.

A neutral module (no Qt, no database) shared by the GUI's date fields and the Excel importers
(:func:`chemcluster_desktop.xlsx.common.parse_date` adds Excel's own date cells and serial numbers),
so that a date typed in a form and one written in a spreadsheet are read by the same rules.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE_RX = [
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s.*)?$"), "dmy"),
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2})$"), "dmy2"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), "ymd"),
]


def match_date(s: str) -> dt.date | None:
    """The date ``s`` is written as, or None when it is in none of the forms; a form with an
    impossible day (``31.02.2026``) raises ValueError. A two-digit year below 70 is 20xx."""
    for rx, kind in _DATE_RX:
        m = rx.match(s)
        if not m:
            continue
        a, b, c = (int(x) for x in m.groups())
        try:
            if kind == "dmy":
                return dt.date(c, b, a)
            if kind == "dmy2":
                return dt.date(2000 + c if c < 70 else 1900 + c, b, a)
            return dt.date(a, b, c)
        except ValueError as e:
            raise ValueError(s) from e
    return None


def parse_date_text(text: str | None) -> dt.date | None:
    """A typed date; empty → None; anything that is not a date → ValueError."""
    t = (text or "").strip()
    if not t:
        return None
    d = match_date(t)
    if d is None:
        raise ValueError(text)
    return d
