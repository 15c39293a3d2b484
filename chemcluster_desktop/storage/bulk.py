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

from sqlalchemy import Table, insert


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
    for k in range(0, len(rows), chunk):
        params = []
        for r in rows[k:k + chunk]:
            vals = [r[key] for key in keys]
            for i, p in typed:
                v = vals[i]
                if v is not None:
                    vals[i] = p(v)
            params.append(tuple(vals))
        connection.exec_driver_sql(sql, params)
