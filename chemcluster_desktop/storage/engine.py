"""Engine and sessions.

``DB`` is a path to an SQLite file or an SQLAlchemy URL. SQLite gets foreign keys ON, WAL, a busy
timeout and a ``cc_fold()`` function; PostgreSQL is used as it is.

An SQLite file on a network share (UNC path, mapped network drive, NFS/SMB mount: ``files.network_share``)
is opened without WAL (its shared memory is not shared between PCs) in exclusive locking mode through
one connection: this PC holds the file while the program runs, a second PC is refused with a clear
message instead of corrupting it. Several PCs need the PostgreSQL set-up (README).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from chemcluster_desktop import files, paths
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
        except ArgumentError as e:
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


def _sqlite_on_connect(dbapi_conn, _record, wal: bool = True):
    dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    dbapi_conn.execute("PRAGMA foreign_keys = ON")
    mode = dbapi_conn.execute("PRAGMA journal_mode").fetchone()[0]
    if wal and mode.lower() != "wal":
        try:
            dbapi_conn.execute("PRAGMA journal_mode = WAL")
        except Exception:  # read-only media: stay in the old mode
            pass
    dbapi_conn.execute("PRAGMA synchronous = NORMAL")
    dbapi_conn.create_function("cc_fold", 1, fold, deterministic=True)


def _sqlite_single_pc(dbapi_conn, _record):
    """A file on a network share: rollback journal instead of WAL, and the file locked for this PC
    from the first moment (exclusive locking mode keeps the lock until the connection closes)."""
    if dbapi_conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        dbapi_conn.execute("PRAGMA journal_mode = DELETE")
    dbapi_conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    dbapi_conn.execute("BEGIN EXCLUSIVE")
    dbapi_conn.execute("COMMIT")


def network_location(url: str) -> str | None:
    """What makes the SQLite file of ``url`` a network file (see ``files.network_share``), or None."""
    path = sqlite_path(url) if is_sqlite(url) else None
    return files.network_share(path) if path is not None else None


def make_engine(url: str, **kw) -> Engine:
    if is_sqlite(url):
        network = network_location(url)
        if network and "poolclass" not in kw:  # one connection: in exclusive mode a second would be locked out
            kw = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 120, **kw}
        eng = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            **kw,
        )
        event.listen(eng, "connect", functools.partial(_sqlite_on_connect, wal=not network))
        if network:
            event.listen(eng, "connect", _sqlite_single_pc)

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
