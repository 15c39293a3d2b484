"""Engine and sessions.

``DB`` is a path to an SQLite file or an SQLAlchemy URL. SQLite gets foreign keys ON, WAL, a busy
timeout and a ``cc_fold()`` function; PostgreSQL is used as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from chemcluster_desktop import paths
from chemcluster_desktop.storage.search import fold

BUSY_TIMEOUT_MS = 15000


class DatabaseUrlError(ValueError):
    pass


def resolve_url(db: str | os.PathLike | None) -> str:
    """A path, an URL, ``$CHEMCLUSTER_DB`` or the default file in the user's data folder."""
    if db is None or str(db) == "":
        db = os.environ.get("CHEMCLUSTER_DB") or paths.default_db_path()
    s = str(db)
    if "://" in s:
        try:
            url = make_url(s)
            url.port  # noqa: B018 - «h:notaport» fails here, not later in the driver
        except (ArgumentError, ValueError) as e:
            raise DatabaseUrlError(s) from e
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseUrlError(s)
        return s
    return "sqlite:///" + str(Path(s).expanduser().absolute())


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def is_sqlite(url_or_engine) -> bool:
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(str(url_or_engine))
    return url.get_backend_name() == "sqlite"


def _sqlite_on_connect(dbapi_conn, _record):
    dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    dbapi_conn.execute("PRAGMA foreign_keys = ON")
    mode = dbapi_conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        try:
            dbapi_conn.execute("PRAGMA journal_mode = WAL")
        except Exception:  # read-only media: stay in the old mode
            pass
    # FULL: with WAL, NORMAL may lose the last committed transactions on power loss (sqlite.org/pragma.html#pragma_synchronous)
    dbapi_conn.execute("PRAGMA synchronous = FULL")
    dbapi_conn.create_function("cc_fold", 1, fold, deterministic=True)


def make_engine(url: str, **kw) -> Engine:
    if is_sqlite(url):
        eng = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            **kw,
        )
        event.listen(eng, "connect", _sqlite_on_connect)

        # pysqlite's own transaction handling defers BEGIN; take the write lock with
        # BEGIN IMMEDIATE-less default but make SQLAlchemy emit BEGIN itself so that a
        # unit of work is one transaction (documented SQLAlchemy recipe).
        @event.listens_for(eng, "connect")
        def _no_autobegin(dbapi_conn, _rec):
            dbapi_conn.isolation_level = None

        @event.listens_for(eng, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN")

        return eng
    return create_engine(url, pool_pre_ping=True, **kw)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)
