"""Bulk inserts of many plain rows (imports), fast on SQLite.

For 10,000 rows SQLAlchemy's per-row parameter machinery (type processors looked up and applied,
parameters copied into new dicts) costs more than SQLite's insert itself. :func:`insert_rows` looks
each column's bind processor up once — the same processor a Core insert would use, so Money,
Quantity, dates and times are stored exactly alike — and hands plain tuples to the driver's
``executemany``. Elsewhere (PostgreSQL) it is an ordinary Core insert.

The rows must all have the same keys and carry every column that has a Python-side default
(``created_at``, ``version`` …): Python-side defaults are not applied on the fast path.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Table, insert

# The page cache of an SQLite connection during a bulk write (KiB). SQLite's default, 2 MB, is far smaller
# than the indexes a 10,000-row import touches in a large inventory: pages were evicted and read again,
# and dirty ones spilled to the WAL before the commit (measured: ~12 % of the import's writing).
BULK_CACHE_KIB = 32 * 1024


@contextmanager
def roomy_cache(connection, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """A larger SQLite page cache for one bulk write on ``connection`` (the previous size is restored;
    the memory is taken only as pages are read). Elsewhere nothing."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar())
    if before < 0 and -before >= kib or before > 0:  # already as large (or set in pages by someone on purpose)
        yield
        return
    connection.exec_driver_sql(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {before}")


def insert_rows(connection, table: Table, rows: list[dict], *, chunk: int = 5000) -> None:
    if not rows:
        return
    dialect = connection.dialect
    if dialect.name != "sqlite":
        for k in range(0, len(rows), chunk):
            connection.execute(insert(table), rows[k:k + chunk])
        return
    keys = list(rows[0])
    procs = [table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys]
    typed = [(i, p) for i, p in enumerate(procs) if p is not None]
    names = ", ".join(dialect.identifier_preparer.quote(table.c[k].name) for k in keys)
    sql = f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({names}) VALUES ({', '.join('?' * len(keys))})"
    # the same object in consecutive rows (the import's one «now» in created_at, updated_at and every
    # journal entry's «at») is processed once
    last_in: list = [None] * len(keys)
    last_out: list = [None] * len(keys)
    for k in range(0, len(rows), chunk):
        params = []
        for r in rows[k:k + chunk]:
            vals = [r[key] for key in keys]
            for i, p in typed:
                v = vals[i]
                if v is None:
                    continue
                if v is last_in[i]:
                    vals[i] = last_out[i]
                else:
                    last_in[i] = v
                    vals[i] = last_out[i] = p(v)
            params.append(tuple(vals))
        connection.exec_driver_sql(sql, params)
