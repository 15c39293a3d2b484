"""Inventory numbers (from the setting «inventory.number_pattern») and movement document numbers."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.inventory.vocabulary import MOVEMENT_PREFIX
from chemcluster_desktop.storage.core import Setting
from chemcluster_desktop.storage.inventory import Item, Movement


def _pattern(session) -> str:
    # services.database brings alembic along: imported when a number is first needed, not with the package
    from chemcluster_desktop.services.database import DB_SETTINGS_DEFAULTS

    row = session.get(Setting, "inventory.number_pattern")
    pat = (row.value if row is not None else "") or DB_SETTINGS_DEFAULTS["inventory.number_pattern"]
    return pat


class NumberAllocator:
    """Hands out consecutive inventory numbers from the pattern (``ХП-{year}-{seq:06d}``)."""

    def __init__(self, session, year: int | None = None):
        self.pattern = _pattern(session)
        self.year = year or dt.date.today().year
        try:
            head = self.pattern.split("{seq", 1)[0].format(year=self.year)
            self.pattern.format(year=self.year, seq=1)
        except (KeyError, IndexError, ValueError):
            self.pattern, head = "ХП-{year}-{seq:06d}", f"ХП-{self.year}-"
        self.prefix = head
        seqs = [0]
        col = Item.inventory_number
        stmt = select(col).where(col >= head, col < head + "\uffff").order_by(col.desc()).limit(200)
        for (num,) in session.execute(stmt):
            m = re.match(r"(\d+)", num[len(head):])
            if m:
                seqs.append(int(m.group(1)))
        self.seq = max(seqs)
        self.taken: set[str] = set()

    def next(self) -> str:
        while True:
            self.seq += 1
            n = self.pattern.format(year=self.year, seq=self.seq)
            if n not in self.taken:
                self.taken.add(n)
                return n


def next_inventory_number(session=None) -> str:
    """The next free inventory number from the setting «inventory.number_pattern»."""
    if session is None:
        with context.read() as s:
            return NumberAllocator(s).next()
    return NumberAllocator(session).next()


def _movement_number(session, kind: str, on: dt.date) -> str:
    prefix = f"{MOVEMENT_PREFIX[kind]}-{on.year}-"
    last = session.scalar(select(func.max(Movement.number)).where(Movement.number.startswith(prefix)))
    n = 0
    if last:
        m = re.search(r"(\d+)$", last)
        n = int(m.group(1)) if m else 0
    return f"{prefix}{n + 1:04d}"
