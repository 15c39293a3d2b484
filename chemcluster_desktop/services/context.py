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
from chemcluster_desktop.services.errors import ConcurrentEditError, DatabaseOpenError, ServiceError
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
               "postgresql+psycopg://пользователь:пароль@сервер/база.").format(e.args[0]), kind="url") from e
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
            def _backup():
                if not backup_before_upgrade:
                    return None
                from chemcluster_desktop.services import backup as backup_service

                if path is None:  # PostgreSQL: pg_dump where it is installed; the upgrade is one transaction
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

            migrate.upgrade(engine, before_upgrade=_backup)
        else:
            migrate.needs_upgrade(engine)
    except migrate.DatabaseTooNewError as e:
        raise DatabaseOpenError(
            _t("База данных создана более новой версией программы (схема {0}). Обновите ChemCluster Desktop; "
               "база не изменена.").format(e.revision), kind="too_new", path=str(path) if path else None) from e
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as e:
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
        raise DatabaseOpenError(text_.format(where) + f" ({msg.splitlines()[0] if msg else ''})",
                                kind=kind, path=str(path) if path else None) from e
    with _lock:
        if _db is not None:
            _db.dispose()
        from chemcluster_desktop.services import audit

        factory = make_session_factory(engine)
        audit.install(factory)
        _db = Database(url, engine, factory)
    return _db


def check_current_file() -> list[str]:
    """``PRAGMA quick_check`` of the open SQLite database (empty list when whole or PostgreSQL)."""
    db = current()
    return quick_check(db.engine) if db.is_sqlite else []


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
    return "database is locked" in msg or "database table is locked" in msg or "busy" in msg


def _take_write_lock(session: Session, db: Database) -> None:
    """SQLite: take the write lock as the first statement of the unit of work (what BEGIN IMMEDIATE
    does). A transaction that first reads and later writes would otherwise fail at once with «database
    is locked» when another program wrote in between (WAL snapshot), without waiting at all. The
    statement changes nothing. SQLite's busy timeout waits inside each attempt; we retry on top of it."""
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    delay = 0.05
    while True:
        try:
            session.connection().exec_driver_sql("DELETE FROM settings WHERE 0")
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
def uow() -> Iterator[Session]:
    """One unit of work: commits at the end, rolls back on any error (nothing half-written).

    On SQLite the outermost unit of work holds the write lock from its start, so two programs writing
    to one file at once wait for each other instead of failing («database is locked»)."""
    db = current()
    session = db.session_factory()
    session.info["actor"] = _actor
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1
    try:
        if depth == 0 and db.is_sqlite:
            _take_write_lock(session, db)
        yield session
        session.commit()
        _publish(session)
    except StaleDataError as e:
        session.rollback()
        raise ConcurrentEditError() from e
    except OperationalError as e:
        session.rollback()
        if _is_locked(e):
            raise DatabaseBusyError(
                _t("База данных занята другой программой слишком долго; изменения не сохранены. "
                   "Повторите действие через минуту.")) from e
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        _local.depth = depth
        session.close()


@contextmanager
def read() -> Iterator[Session]:
    """A read-only session (rolled back at the end)."""
    db = current()
    session = db.session_factory()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


class DatabaseBusyError(ServiceError):
    """Another program held the database for longer than we are willing to wait."""


def ping() -> None:
    with current().engine.connect() as conn:
        conn.execute(text("SELECT 1"))
