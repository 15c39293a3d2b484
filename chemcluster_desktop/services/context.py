"""The open database, the acting user and the unit of work.

    db = open_database("path/or/url")     # creates / backs up / upgrades, or raises DatabaseOpenError
    set_actor(Actor("labmanager", "lab_manager"))
    with uow() as s:                       # one session per user action: commit or roll back whole
        ...

Services call :func:`require` for rights (see :mod:`.security`) and never return live ORM objects.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from chemcluster_desktop import files
from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import (
    ConcurrentEditError,
    DatabaseOpenError,
    DatabaseReplacedError,
    ServiceError,
)
from chemcluster_desktop.storage import migrate
from chemcluster_desktop.storage.engine import (
    DatabaseUrlError,
    is_sqlite,
    make_engine,
    make_session_factory,
    network_location,
    resolve_url,
    sqlite_path,
)
from chemcluster_desktop.storage.filelock import FileLock, LockTimeout


@dataclass(frozen=True)
class Actor:
    login: str
    role: str
    full_name: str = ""


SYSTEM = Actor("system", "admin", "Система")


@dataclass
class Database:
    url: str
    engine: Engine
    session_factory: sessionmaker[Session]
    # what this program opened: the file's identity (SQLite) and the database's generation id (a new one is
    # written by every restore); each unit of work checks both and refuses to write into a replaced database
    identity: tuple[int, int] | None = None
    generation: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def display_name(self) -> str:
        if self.path is not None:
            return str(self.path)
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def network(self) -> str | None:
        """What makes the SQLite file a network file (opened in single-PC mode), or None."""
        return network_location(self.url)

    def dispose(self) -> None:
        self.engine.dispose()


def network_warning(db: Database) -> str | None:
    """The warning to show once a database on a network share is open, or None."""
    if not db.network:
        return None
    return _t("Файл базы данных «{0}» лежит в сетевой папке ({1}). Программа открыла его в режиме одного "
              "компьютера: пока она работает здесь, на других компьютерах эта база не откроется. Чтобы с базой "
              "работали несколько компьютеров одновременно, нужен сервер PostgreSQL (см. руководство, раздел "
              "«Несколько компьютеров»); резервные копии этой базы пишутся рядом с ней, в папку «{2}».").format(
        db.path, db.network, "backups")


_db: Database | None = None
_actor: Actor = Actor("admin", "admin", "Администратор")
_lock = threading.RLock()
_local = threading.local()
log = logging.getLogger(__name__)

# How long a unit of work waits for another program's write to finish before the person sees an error
# (on top of SQLite's own busy timeout, which already waits inside each attempt).
LOCK_RETRY_SECONDS = 60.0


def _t(text_: str) -> str:
    return translate("Database", text_)


def _check_sqlite_file(path: Path) -> None:
    """Refuse what is not an SQLite database before SQLAlchemy touches it."""
    if not path.exists():
        parent = path.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DatabaseOpenError(
                _t("Не удаётся создать папку для базы данных «{0}»: {1}. Укажите другую папку (--db).")
                .format(parent, e.strerror or e), kind="readonly", path=str(path)) from e
        if not files.writable_dir(parent):  # tried: os.access ignores Windows ACLs
            raise DatabaseOpenError(
                _t("Папка «{0}» недоступна для записи: базу данных создать нельзя. Укажите другую папку (--db).")
                .format(parent), kind="readonly", path=str(path))
        return
    if path.is_dir():
        raise DatabaseOpenError(_t("«{0}» — это папка, а не файл базы данных.").format(path), kind="other",
                                path=str(path))
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as e:
        raise DatabaseOpenError(_t("Нет прав на чтение файла базы данных «{0}».").format(path),
                                kind="readonly", path=str(path)) from e
    if head and head != b"SQLite format 3\x00":
        raise DatabaseOpenError(
            _t("Файл «{0}» не является базой данных ChemCluster (повреждён или это другой файл). "
               "Восстановите базу из резервной копии.").format(path), kind="corrupt", path=str(path))
    if not files.writable_file(path) or not files.writable_dir(path.parent):
        raise DatabaseOpenError(
            _t("Файл базы данных «{0}» или его папка доступны только для чтения. "
               "Скопируйте базу в папку, куда можно писать, или измените права.").format(path),
            kind="readonly", path=str(path))


def quick_check(engine: Engine) -> list[str]:
    """SQLite ``PRAGMA quick_check``; empty list when the file is whole."""
    if engine.dialect.name != "sqlite":
        return []
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def _backup_before_upgrade(engine, url: str, path: Path | None):
    """The copy made before a schema upgrade (and the old copies rotated); on PostgreSQL a missing
    ``pg_dump`` does not stop the start (the upgrade is one transaction there)."""
    from chemcluster_desktop.services import backup as backup_service

    if path is None:
        try:
            return backup_service.backup_engine(engine, url, reason="pre-migration")
        except Exception as e:  # noqa: BLE001 - no pg_dump on this PC must not stop the start
            log.warning("pre-migration backup of %s skipped: %s", make_url_safe(url), e)
            return None
    p = backup_service.backup_engine(engine, url, reason="pre-migration")
    try:
        backup_service.rotate(url)
    except OSError as e:
        log.warning("backup rotation failed: %s", e)
    return p


def _open_error(e: Exception, url: str, path: Path | None) -> DatabaseOpenError:
    """What the person is told when the driver refused to open the database: locked, damaged,
    read-only, the server unreachable…"""
    msg = str(getattr(e, "orig", e))
    low = msg.lower()
    if ("locked" in low or "busy" in low) and path is not None and network_location(url):
        kind, text_ = "locked", _t("База данных «{0}» в сетевой папке уже открыта на другом компьютере. Файл SQLite "
                                   "в сетевой папке может открыть только один компьютер; закройте программу там "
                                   "или перейдите на сервер PostgreSQL для работы с нескольких компьютеров.")
    elif "locked" in low or "busy" in low:
        kind, text_ = "locked", _t("База данных «{0}» занята другой программой. Закройте её и попробуйте снова.")
    elif "not a database" in low or "malformed" in low or "corrupt" in low:
        kind, text_ = "corrupt", _t("База данных «{0}» повреждена. Восстановите её из последней резервной копии.")
    elif "readonly" in low or "read-only" in low:
        kind, text_ = "readonly", _t("База данных «{0}» доступна только для чтения.")
    elif path is None:
        kind, text_ = "unreachable", _t("Не удаётся подключиться к серверу базы данных «{0}». Проверьте адрес, "
                                        "пароль и что сервер запущен.")
    else:
        kind, text_ = "other", _t("Не удаётся открыть базу данных «{0}».")
    where = str(path) if path else make_url_safe(url)
    return DatabaseOpenError(text_.format(where) + f" ({msg.splitlines()[0] if msg else ''})",
                             kind=kind, path=str(path) if path else None)


def open_database(db: str | os.PathLike | None = None, *, upgrade: bool = True,
                  backup_before_upgrade: bool = True, check_file: bool = True) -> Database:
    """Open (and create, and upgrade) the database; make it the current one.

    ``check_file=False`` skips ``PRAGMA quick_check`` (16–120 ms on a large file): the GUI runs it
    with :func:`check_current_file` in the background once the window is shown."""
    global _db
    try:
        url = resolve_url(db)
    except DatabaseUrlError as e:
        raise DatabaseOpenError(
            _t("Неверный адрес базы данных «{0}». Укажите путь к файлу SQLite или адрес вида "
               "postgresql+psycopg://пользователь:пароль@сервер/база.").format(_hide_password(e.args[0])),
            kind="url") from e
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    if _db is not None and _db.url == url and path is not None and network_location(url):
        _db.dispose()  # the same network file again: its exclusive lock would refuse the new engine
    try:
        engine = make_engine(url)
        if path is not None:
            problems = quick_check(engine) if check_file and path.exists() and path.stat().st_size else []
            if problems:
                engine.dispose()
                raise DatabaseOpenError(
                    _t("База данных «{0}» повреждена ({1}). Восстановите её из последней резервной копии.")
                    .format(path, problems[0]), kind="corrupt", path=str(path))
        if upgrade:
            migrate.upgrade(engine, before_upgrade=lambda: _backup_before_upgrade(engine, url, path)
                            if backup_before_upgrade else None)
        else:
            migrate.needs_upgrade(engine)
    except migrate.DatabaseTooNewError as e:
        raise DatabaseOpenError(
            _t("База данных создана более новой версией программы (схема {0}). Обновите ChemCluster Desktop; "
               "база не изменена.").format(e.revision), kind="too_new", path=str(path) if path else None) from e
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as e:
        raise _open_error(e, url, path) from e
    try:
        generation = _ensure_generation(engine)
    except (OperationalError, DBAPIError) as e:
        engine.dispose()
        raise DatabaseOpenError(_t("Не удаётся открыть базу данных «{0}».").format(
            str(path) if path else make_url_safe(url)) + f" ({str(getattr(e, 'orig', e)).splitlines()[0]})",
            kind="other", path=str(path) if path else None) from e
    with _lock:
        if _db is not None:
            _db.dispose()
        from chemcluster_desktop.services import audit, textcheck

        factory = make_session_factory(engine)
        textcheck.install(factory)
        audit.install(factory)
        _db = Database(url, engine, factory, file_identity(path) if path else None, generation)
    return _db


def check_current_file() -> list[str]:
    """``PRAGMA quick_check`` of the open SQLite database (empty list when whole or PostgreSQL)."""
    db = current()
    return quick_check(db.engine) if db.is_sqlite else []


GENERATION_KEY = "db.generation"   # a random id; every restore writes a new one into the restored database
REPLACED_KEY = "db.replaced"       # JSON: when, by whom, from which file, where the replaced database was kept


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def new_generation() -> str:
    import uuid

    return uuid.uuid4().hex


def _ensure_generation(engine: Engine) -> str | None:
    from sqlalchemy import inspect

    if "settings" not in inspect(engine).get_table_names():
        return None  # opened without upgrading a database that has no schema yet
    with engine.begin() as conn:
        row = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": GENERATION_KEY}).first()
        if row is not None:
            return row[0]
        gen = new_generation()
        conn.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"), {"k": GENERATION_KEY, "v": gen})
        return gen


def replaced_info(db: Database | None = None) -> dict:
    """What the restore that replaced the database wrote about itself (empty when unknown)."""
    import json

    db = db or current()
    try:
        if db.path is not None:
            con = sqlite3.connect(Path(db.path).absolute().as_uri() + "?mode=ro", uri=True, timeout=5)
            try:
                row = con.execute("SELECT value FROM settings WHERE key = ?", (REPLACED_KEY,)).fetchone()
            finally:
                con.close()
        else:
            with db.engine.connect() as conn:
                row = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": REPLACED_KEY}).first()
        return json.loads(row[0]) if row else {}
    except (sqlite3.Error, DBAPIError, ValueError, TypeError):
        return {}


def _replaced_error(db: Database) -> DatabaseReplacedError:
    info = replaced_info(db)
    if info.get("kept"):
        msg = _t("База данных «{0}» была заменена резервной копией ({1}, {2}), пока эта программа была открыта. "
                 "Ваше последнее действие НЕ сохранено: запись в заменённую базу запрещена. База, какой она была "
                 "до замены, сохранена в «{3}». Перезапустите программу и повторите действие.").format(
            db.display_name(), info.get("at", ""), info.get("by", ""), info["kept"])
    else:
        msg = _t("База данных «{0}» была заменена другим файлом, пока эта программа была открыта. Ваше последнее "
                 "действие НЕ сохранено: запись в заменённую базу запрещена. Перезапустите программу и повторите "
                 "действие.").format(db.display_name())
    return DatabaseReplacedError(msg, kept=info.get("kept"))


def check_same_database(session: Session, db: Database) -> None:
    """Refuse to go on when the database was replaced since this program opened it: the SQLite file
    is another file now (a restore put a new one in its place; this connection would write into the
    old, deleted one), or its generation id changed (a PostgreSQL restore)."""
    if db.path is not None and db.identity is not None and file_identity(db.path) != db.identity:
        raise _replaced_error(db)
    gen = session.connection().execute(text("SELECT value FROM settings WHERE key = :k"),
                                       {"k": GENERATION_KEY}).scalar()
    if db.generation is not None and gen != db.generation:
        raise _replaced_error(db)


def _hide_password(url: str) -> str:
    import re

    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", str(url))


def make_url_safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def close_database() -> None:
    global _db
    with _lock:
        if _db is not None:
            _db.dispose()
        _db = None


def current() -> Database:
    if _db is None:
        raise RuntimeError("no database is open")
    return _db


def set_actor(actor: Actor) -> None:
    global _actor
    _actor = actor


def actor() -> Actor:
    return _actor


def _is_locked(e: BaseException) -> bool:
    msg = str(getattr(e, "orig", e)).lower()
    return ("database is locked" in msg or "database table is locked" in msg or "busy" in msg
            or "lock timeout" in msg)


def _take_write_lock(session: Session, db: Database, wait: float | None = None) -> None:
    """SQLite: take the write lock as the first statement of the unit of work (what BEGIN IMMEDIATE
    does). A transaction that first reads and later writes would otherwise fail at once with «database
    is locked» when another program wrote in between (WAL snapshot), without waiting at all. The
    statement changes nothing. SQLite's busy timeout waits inside each attempt; we retry on top of it."""
    deadline = time.monotonic() + (LOCK_RETRY_SECONDS if wait is None else wait)
    delay = 0.05
    while True:
        try:
            conn = session.connection()
            if wait is not None:  # a short wait: SQLite's own busy timeout must not exceed it
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(min(wait, 15) * 1000)}")
            try:
                conn.exec_driver_sql("DELETE FROM settings WHERE 0")
            finally:
                if wait is not None:
                    from chemcluster_desktop.storage.engine import BUSY_TIMEOUT_MS

                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            return
        except OperationalError as e:
            if not _is_locked(e) or time.monotonic() > deadline:
                raise
            session.rollback()
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)


_change_hook: Callable[[frozenset[str]], None] | None = None


def set_change_hook(hook: Callable[[frozenset[str]], None] | None) -> None:
    """Install the function told, after every commit, which areas the unit of work changed (a frozenset
    of :class:`chemcluster_desktop.areas.Area`). The GUI installs one that refreshes listening pages;
    services never call the GUI themselves. It may be called from a worker thread."""
    global _change_hook
    _change_hook = hook


def _publish(session: Session) -> None:
    touched = session.info.pop("touched_areas", None)
    hook = _change_hook
    if not touched or hook is None:
        return
    from chemcluster_desktop.areas import Area

    areas = frozenset(Area(a) if a in Area._value2member_map_ else a for a in touched)
    try:
        hook(areas)
    except Exception:  # noqa: BLE001 - a listener's failure must not undo a committed action
        log.exception("change hook failed for %s", sorted(areas))


@contextmanager
def uow(*, wait: float | None = None) -> Iterator[Session]:
    """One unit of work: commits at the end, rolls back on any error (nothing half-written).

    On SQLite the outermost unit of work holds the write lock from its start, so two programs writing
    to one file at once wait for each other instead of failing («database is locked»); ``wait`` shortens
    how long it waits for another program's write (seconds; default LOCK_RETRY_SECONDS)."""
    db = current()
    session = db.session_factory()
    session.info["actor"] = _actor
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1
    file_lock = None
    outer_read = _thread_session()
    try:
        if depth == 0:
            file_lock = _hold_against_replacement(session, db, wait)
            if db.is_sqlite:
                _take_write_lock(session, db, wait)
            check_same_database(session, db)
            _local.session = (db, session)  # the reads inside this unit of work use it (read())
        yield session
        session.commit()
        _publish(session)
    except StaleDataError as e:
        session.rollback()
        raise ConcurrentEditError() from e
    except (OperationalError, DBAPIError) as e:
        session.rollback()
        if _is_locked(e):
            raise DatabaseBusyError(
                _t("База данных занята другой программой слишком долго; изменения не сохранены. "
                   "Повторите действие через минуту.")) from e
        problem = storage_problem(e)
        if problem:
            raise DatabaseWriteError(problem) from e
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        _local.depth = depth
        if depth == 0:
            _local.session = outer_read
        session.close()
        if file_lock is not None:
            file_lock.release()


# PostgreSQL: the advisory lock a restore holds exclusively while it dumps and replaces the database; each
# unit of work takes it shared for its transaction (the same promise as the lock file beside an SQLite file)
PG_REPLACE_LOCK = 0x43434442  # "CCDB"
PG_WRITE_LOCK = 0x43434A4C    # "CCJL"


def _hold_against_replacement(session: Session, db: Database, wait: float | None = None) -> FileLock | None:
    """Wait while a restore is replacing the database (another program holds the lock exclusively)."""
    if db.path is not None:
        lock = FileLock(db.path, exclusive=False, timeout=LOCK_RETRY_SECONDS)
        try:
            return lock if lock.acquire() else None
        except LockTimeout as e:
            raise DatabaseBusyError(_t("База данных заменяется резервной копией в другой программе; изменения "
                                       "не сохранены. Повторите действие через минуту.")) from e
    if db.engine.dialect.name == "postgresql":
        conn = session.connection()
        conn.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": PG_REPLACE_LOCK})
        # the write lock, as SQLite's: units of work that write run one after another. The journal's hash
        # chain needs that order anyway, and taking it first (before any row lock) cannot deadlock with
        # row locks; a check-then-write inside one unit of work holds for every program.
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int((LOCK_RETRY_SECONDS if wait is None else wait) * 1000)}")
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
        conn.exec_driver_sql("SET LOCAL lock_timeout = 0")
    return None


def _thread_session() -> tuple[Database, Session] | None:
    return getattr(_local, "session", None)


@contextmanager
def read() -> Iterator[Session]:
    """A read-only session (rolled back at the end).

    Inside another read or a unit of work of the same thread, on the same database, it is that session:
    one connection per thread and action. A database on a network share has exactly one connection
    (single-PC mode, storage/engine.py), and a read that asked the pool for a second one while the first was
    held waited for itself — the inventory page's alerts (``stock_alerts.alerts`` → ``upkeep.due``) hung for
    the pool's 120 s. A read inside a unit of work also sees that unit's own changes."""
    db = current()
    outer = _thread_session()
    if outer is not None and outer[0] is db:
        yield outer[1]
        return
    session = db.session_factory()
    _local.session = (db, session)
    try:
        yield session
    finally:
        _local.session = outer
        session.rollback()
        session.close()


class DatabaseBusyError(ServiceError):
    """Another program held the database for longer than we are willing to wait."""


class DatabaseWriteError(ServiceError):
    """The database could not store the change (full disk, read-only file, lost connection): nothing was
    written (the transaction was rolled back)."""


def storage_problem(e: BaseException) -> str | None:
    """A sentence for a database error that is about the place the data lives, not about the data."""
    msg = str(getattr(e, "orig", e)).lower()
    where = _db.display_name() if _db is not None else ""
    if "disk is full" in msg or "no space left" in msg or "could not extend file" in msg:
        return _t("На диске с базой данных «{0}» нет места: изменения не сохранены (база не изменена). "
                  "Освободите место на диске и повторите действие.").format(where)
    if "readonly" in msg or "read-only" in msg or "permission denied" in msg:
        return _t("База данных «{0}» доступна только для чтения: изменения не сохранены. Проверьте права на "
                  "файл и папку (или на таблицы сервера).").format(where)
    if "disk i/o error" in msg or "unable to open" in msg:
        return _t("Ошибка чтения или записи файла базы данных «{0}» (диск, сетевая папка): изменения не "
                  "сохранены. Проверьте диск или подключение и повторите.").format(where)
    if "connection" in msg and ("closed" in msg or "lost" in msg or "terminat" in msg or "refused" in msg):
        return _t("Соединение с сервером базы данных «{0}» потеряно: изменения не сохранены. Проверьте сеть и "
                  "повторите действие.").format(where)
    if "null character" in msg or "0x00" in msg:
        return _t("В тексте есть нулевой символ (NUL), который база данных не хранит: изменения не сохранены. "
                  "Удалите его из текста.")
    return None


def ping() -> None:
    with current().engine.connect() as conn:
        conn.execute(text("SELECT 1"))
