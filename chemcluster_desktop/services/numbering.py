"""Numbers and get-or-create that hold when several programs write to one shared database at once.

- :func:`next_value` — the next value of a named counter (table ``counters``), taken with a single
  ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement: PostgreSQL row-locks the counter until the
  transaction ends, so two programs never get the same number; on SQLite the unit of work already holds the
  write lock. ``floor`` seeds a new counter from the numbers already used (e.g. the highest inventory
  number of the year), so switching an existing database to the allocator never hands out a used number.
- :func:`lock` — a transaction-level lock on a name (PostgreSQL advisory lock; SQLite: the write lock the
  unit of work holds): "check, then write" sections such as a room's get-or-create or a timetable clash
  check run under it, so the check and the write are one step for every program.
- :func:`insert_ignore` — insert a row unless its key exists (ON CONFLICT DO NOTHING) on both backends.

The same SQL runs on SQLite (3.35+) and PostgreSQL.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Table
from sqlalchemy.orm import Session

from chemcluster_desktop.storage.core import Counter


def _insert(session: Session, table: Table):
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def next_value(session: Session, name: str, *, floor: int = 0) -> int:
    """The next number of counter ``name`` (1, 2, 3 … or ``floor + 1`` for a new counter), unique across
    every program on the database. Call it inside the unit of work that uses the number: a rolled-back
    unit of work gives its number back (PostgreSQL and SQLite both roll the counter back with it)."""
    t = Counter.__table__
    stmt = _insert(session, t).values(name=name, value=floor + 1)
    stmt = stmt.on_conflict_do_update(index_elements=[t.c.name],
                                      set_={"value": _greatest(session, t.c.value + 1, floor + 1)})
    return int(session.execute(stmt.returning(t.c.value)).scalar_one())


def _greatest(session: Session, a, b: int):
    from sqlalchemy import func

    if session.get_bind().dialect.name == "postgresql":
        return func.greatest(a, b)
    return func.max(a, b)  # SQLite's two-argument max() is its scalar «greatest»


def lock_key(name: str) -> int:
    """A signed 64-bit key for PostgreSQL's advisory locks, from a name."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)


def lock(session: Session, name: str) -> None:
    """Hold the lock named ``name`` until the unit of work ends (commit or roll-back)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(name)})
    # SQLite: the outermost unit of work took the database's write lock as its first statement


def insert_ignore(session: Session, table: Table, values: dict, key: list[str]) -> bool:
    """Insert ``values`` unless a row with the same ``key`` columns exists; True when inserted."""
    stmt = _insert(session, table).values(**values).on_conflict_do_nothing(index_elements=key)
    return bool(session.execute(stmt).rowcount)
