"""Consistent backups and restore.

SQLite: the online backup API (a consistent copy while others work), checked with
``PRAGMA integrity_check`` after it is written. PostgreSQL: ``pg_dump -Fc`` where it is installed.
Automatic backups are kept with rotation (7 daily, 4 weekly, and those made before migrations).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from chemcluster_desktop import files, paths
from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.storage.engine import sqlite_path

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_PRE_MIGRATION = 5


def _t(s: str) -> str:
    return translate("Backup", s)


@dataclass(frozen=True)
class BackupInfo:
    path: str
    created: dt.datetime
    size: int
    reason: str


def _db_tag(url: str | os.PathLike | None) -> str | None:
    """Backups of the default database live in ``backups/``; those of any other database in a
    sub-folder named after it, so that restore never offers another database's copies."""
    if url is None:
        return None
    from chemcluster_desktop.storage.engine import resolve_url

    url = resolve_url(url)  # a plain path is accepted too
    p = sqlite_path(url)
    if p is not None:
        try:
            if p.resolve() == paths.default_db_path().resolve():
                return None
        except OSError:
            pass
        key = str(p.resolve())
        stem = p.stem
    else:
        u = make_url(url)
        key = f"{u.host}:{u.port}/{u.database}"
        stem = f"pg-{u.database}"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:40]
    return f"{safe}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def _current_url() -> str | None:
    try:
        return context.current().url
    except RuntimeError:
        return None


def backups_dir(url: str | os.PathLike | None = None) -> Path:
    """The folder of automatic backups of ``url`` (default: the open database): the folder chosen in the
    settings, else ``backups/`` beside the default database; a file on a network share keeps its backups
    beside it (every PC that opens it finds them; a PC's own folder may be wiped with the profile)."""
    url = url or _current_url()
    d = paths.backups_dir_for(None)
    if url is not None:
        from chemcluster_desktop.storage.engine import resolve_url

        p = sqlite_path(resolve_url(url))
        if p is not None and files.network_share(p):
            d = paths.backups_dir_for(p)
    tag = _db_tag(url)
    if tag:
        d = d / tag
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ServiceError(_t("Папку резервных копий «{0}» нельзя создать: {1}. Освободите место или укажите "
                              "файл копии (-o ФАЙЛ) в другой папке.").format(d, e.strerror or e)) from e
    return d


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _new_path(folder: Path, reason: str, suffix: str) -> Path:
    base = f"chemcluster-{_stamp()}-{reason}"
    p = folder / f"{base}{suffix}"
    n = 2
    while p.exists() or p.with_name(p.name + ".part").exists():  # never overwrite a copy of the same second
        p = folder / f"{base}-{n}{suffix}"
        n += 1
    return p


def _uri(path: Path) -> str:
    return Path(path).absolute().as_uri() + "?mode=ro"


def verify_sqlite_file(path: Path) -> None:
    """The file is a whole ChemCluster database (integrity check passes, schema version present)."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                raise ServiceError(_t("Файл «{0}» не является резервной копией базы ChemCluster.").format(path))
        con = sqlite3.connect(_uri(path), uri=True)
        try:
            res = con.execute("PRAGMA integrity_check").fetchone()[0]
            con.execute("SELECT count(*) FROM alembic_version").fetchone()
        finally:
            con.close()
    except OSError as e:
        raise ServiceError(_t("Резервная копия «{0}» не читается: {1}").format(path, e.strerror or e)) from e
    except sqlite3.DatabaseError as e:
        raise ServiceError(_t("Резервная копия «{0}» не читается: {1}").format(path, e)) from e
    if res != "ok":
        raise ServiceError(_t("Резервная копия «{0}» не прошла проверку целостности: {1}").format(path, res))


def is_good_backup(path: str | os.PathLike) -> bool:
    try:
        verify_sqlite_file(Path(path))
        return True
    except ServiceError:
        return False


def _fsync(path: Path) -> None:
    """Through a writable handle: on Windows fsync of a read-only one does nothing."""
    files.fsync_file(path)


def sqlite_backup(src: Path, dest: Path, engine: Engine | None = None) -> Path:
    """Copy with the online backup API into ``dest.part``, check it, then rename: a copy interrupted
    at any point leaves only a ``.part`` file, never a file that looks like a good backup. A full disk or a
    folder that cannot be written gives a ServiceError (and no ``.part`` left behind)."""
    dest = Path(dest)
    try:
        return _sqlite_backup(src, dest, engine)
    except (OSError, sqlite3.Error) as e:  # _sqlite_backup has already removed its .part
        detail = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        if "full" in detail.lower() or getattr(e, "errno", None) == 28:
            detail = _t("на диске нет места")
        raise ServiceError(_t("Резервная копия «{0}» не записана: {1}. Исходная база не изменена; укажите другую "
                              "папку или освободите место.").format(dest, detail)) from e


def _sqlite_backup(src: Path, dest: Path, engine: Engine | None = None) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    # a file on a network share is held in exclusive mode by the program's one connection: copy through it
    shared = engine is not None and files.network_share(src)
    try:
        raw = engine.raw_connection() if shared else None
        s = raw.driver_connection if raw is not None else sqlite3.connect(str(src), timeout=30)
        try:
            d = sqlite3.connect(str(tmp))
            try:
                s.backup(d, pages=1024)
                d.execute("PRAGMA journal_mode=DELETE")
            finally:
                d.close()
        finally:
            (raw or s).close()
        verify_sqlite_file(tmp)
        files.replace_durably(tmp, dest)  # fsync through a writable handle, rename, fsync the folder
    except BaseException:  # a full disk, a locked source, a failed check: no .part left behind
        files.remove_quietly(tmp)
        raise
    return dest


def _pg_args(url: str) -> tuple[list[str], dict]:
    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = u.password
    args = ["-d", u.database or ""]
    if u.host:
        args += ["-h", u.host]
    if u.port:
        args += ["-p", str(u.port)]
    if u.username:
        args += ["-U", u.username]
    return args, env


def backup_engine(engine: Engine, url: str, dest: Path | None = None, reason: str = "manual") -> Path:
    path = sqlite_path(url)
    if path is not None:
        dest = Path(dest) if dest else _new_path(backups_dir(url), reason, ".sqlite3")
        return sqlite_backup(path, dest, engine)
    dest = Path(dest) if dest else _new_path(backups_dir(url), reason, ".pgdump")
    exe = shutil.which("pg_dump")
    if not exe:
        raise ServiceError(_t("Для резервной копии базы PostgreSQL нужна программа pg_dump. Установите клиент "
                              "PostgreSQL или сделайте копию средствами сервера."))
    args, env = _pg_args(url)
    tmp = dest.with_name(dest.name + ".part")
    try:
        r = subprocess.run([exe, "-Fc", "--no-owner", "-f", str(tmp), *args], env=env, capture_output=True,
                           text=True, **files.no_window())
        if r.returncode != 0:
            raise ServiceError(_t("pg_dump завершился с ошибкой: {0}").format(r.stderr.strip()))
        verify_pgdump(tmp)
        files.replace_durably(tmp, dest)
    except BaseException:
        files.remove_quietly(tmp)
        raise
    return dest


def verify_pgdump(path: Path) -> None:
    """A custom-format dump is readable: ``pg_restore --list`` succeeds and names the journal table."""
    path = Path(path)
    with open(path, "rb") as f:
        if f.read(5) != b"PGDMP":
            raise ServiceError(_t("Файл «{0}» не является копией pg_dump.").format(path))
    exe = shutil.which("pg_restore")
    if not exe:
        return
    r = subprocess.run([exe, "--list", str(path)], capture_output=True, text=True, **files.no_window())
    if r.returncode != 0 or "audit_log" not in r.stdout:
        raise ServiceError(_t("Резервная копия «{0}» не прошла проверку: {1}").format(path, r.stderr.strip()))


def backup(dest: str | os.PathLike | None = None, reason: str = "manual") -> Path:
    """A consistent, checked copy of the open database, made by an administrator (``-o FILE`` or into the
    backups folder, named by the time of day to the second). Copies made by hand are never deleted by the
    rotation, which handles only the automatic ones."""
    from chemcluster_desktop.services import security

    security.require("admin")
    return _backup(dest, reason)


def _backup(dest: str | os.PathLike | None = None, reason: str = "manual") -> Path:
    db = context.current()
    p = backup_engine(db.engine, db.url, Path(dest) if dest else None, reason=reason)
    if dest is None:
        rotate()
    return p


def list_backups(url: str | os.PathLike | None = None) -> list[BackupInfo]:
    """Backups of ``url`` (default: the open database), newest first. Unfinished copies (``.part``)
    are never listed."""
    out = []
    d = backups_dir(url)
    for p in d.glob("chemcluster-*.*"):
        if p.suffix not in (".sqlite3", ".pgdump") or not p.is_file():
            continue
        parts = p.stem.split("-")
        try:
            created = dt.datetime.strptime(parts[1] + parts[2], "%Y%m%d%H%M%S")
        except (IndexError, ValueError):
            created = dt.datetime.fromtimestamp(p.stat().st_mtime)
        reason = "-".join(x for x in parts[3:] if not x.isdigit()) or "manual"
        out.append(BackupInfo(str(p), created, p.stat().st_size, reason))
    out.sort(key=lambda b: (b.created, os.path.getmtime(b.path)), reverse=True)
    return out


def newest_good_backup(url: str | os.PathLike | None = None) -> BackupInfo | None:
    for b in list_backups(url):
        if b.path.endswith(".sqlite3") and is_good_backup(b.path):
            return b
    return None


KEEP_BEFORE_RESTORE = 5


AUTOMATIC = ("daily", "pre-migration", "before-restore")


def rotate(url: str | os.PathLike | None = None) -> list[Path]:
    """Among the AUTOMATIC copies only: keep the newest daily copy of each of the last 7 days and of each
    of the last 4 weeks, plus the last 5 made before migrations and the last 5 made before restores.
    Manual copies (made by an administrator) and copies written elsewhere (-o FILE) are never touched;
    unfinished ``.part`` files older than a day are removed."""
    infos = [b for b in list_backups(url) if b.reason in AUTOMATIC]
    keep: set[str] = set()
    days, weeks = {}, {}
    for b in infos:
        if b.reason != "daily":
            continue
        days.setdefault(b.created.date(), b.path)
        weeks.setdefault(b.created.isocalendar()[:2], b.path)
    keep.update(list(days.values())[:KEEP_DAILY])
    keep.update(list(weeks.values())[:KEEP_WEEKLY])
    keep.update([b.path for b in infos if b.reason == "pre-migration"][:KEEP_PRE_MIGRATION])
    keep.update([b.path for b in infos if b.reason == "before-restore"][:KEEP_BEFORE_RESTORE])
    removed = []
    for b in infos:
        if b.path not in keep:
            Path(b.path).unlink(missing_ok=True)
            removed.append(Path(b.path))
    old = dt.datetime.now().timestamp() - 86400
    for part in backups_dir(url).glob("*.part"):
        try:
            if part.stat().st_mtime < old:
                part.unlink()
        except OSError:
            pass
    return removed


def daily_backup_if_needed() -> Path | None:
    """The first session of a day makes an automatic backup."""
    today = dt.date.today()
    if any(b.created.date() == today and b.reason == "daily" for b in list_backups()):
        return None
    return _backup(reason="daily")


# tables every ChemCluster database has had since its first schema: a file without them is not ours
CORE_TABLES = {"alembic_version", "users", "roles", "audit_log", "settings", "buildings", "rooms"}


def verify_restorable(path: Path) -> None:
    """The backup is whole AND this program can use it: a ChemCluster database whose schema revision this
    version knows (the same or older — it is upgraded after the restore). Nothing is replaced otherwise."""
    from chemcluster_desktop.storage import migrate

    verify_sqlite_file(path)
    con = sqlite3.connect(_uri(path), uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revs = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError as e:
        raise ServiceError(_t("Резервная копия «{0}» не читается: {1}. База не изменена.").format(path, e)) from e
    finally:
        con.close()
    if not CORE_TABLES <= tables:
        raise ServiceError(_t("Файл «{0}» — база данных SQLite, но не резервная копия ChemCluster (в нём нет "
                              "таблиц программы). База не изменена.").format(path))
    known = migrate.known_revisions()
    if len(revs) != 1 or revs[0] not in known:
        raise ServiceError(_t("Резервная копия «{0}» сделана более новой версией программы (схема {1}): эта "
                              "версия не сможет её открыть. Обновите ChemCluster Desktop. База не изменена.")
                           .format(path, ", ".join(revs) or "—"))


def _kept_note(keep: Path | None) -> str:
    return _t(" Прежняя база сохранена в «{0}».").format(keep) if keep else ""


def restore(src: str | os.PathLike) -> Path:
    """Replace the open SQLite database with a backup (administrator only); the replaced database is
    kept as a copy whose path is returned. The backup is checked (whole, a ChemCluster database of a
    schema this version knows) before anything is touched. The replacement holds the database's lock
    file exclusively: saves in progress in other programs finish first (and are in the kept copy), and
    those programs refuse to write afterwards (a new database generation and file)."""
    from chemcluster_desktop.services import security
    from chemcluster_desktop.storage.filelock import FileLock, LockTimeout

    security.require("admin")
    db = context.current()
    target = db.path
    src = Path(src)
    if not src.is_file():
        raise ServiceError(_t("Файл резервной копии «{0}» не найден. База не изменена.").format(src))
    if target is None:
        return _restore_postgres(db, src)
    verify_restorable(src)
    url = db.url
    actor = context.actor()
    lock = FileLock(target, exclusive=True, timeout=context.LOCK_RETRY_SECONDS)
    try:
        lock.acquire()
    except LockTimeout as e:
        raise ServiceError(_t("Другая программа слишком долго сохраняет изменения в эту базу; восстановление не "
                              "начато, база не изменена. Повторите через минуту.")) from e
    keep = None
    try:
        keep = _new_path(backups_dir(url), "before-restore", ".sqlite3")
        sqlite_backup(target, keep, db.engine)
        context.close_database()
        _replace_file(src, target, keep, actor)
    except (OSError, ServiceError) as e:
        detail = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        replaced = keep is not None and context.file_identity(target) != db.identity
        raise ServiceError((_t("Восстановление не удалось: {0}.") if replaced else
                            _t("Восстановление не выполнено: {0}. База не изменена.")).format(detail)
                           + _kept_note(keep)) from e
    finally:
        lock.release()
    try:
        context.open_database(url)
    except ServiceError as e:
        raise ServiceError(str(e) + _kept_note(keep)) from e
    context.set_actor(actor)
    try:
        from chemcluster_desktop.services import audit

        with context.uow() as s:
            audit.record(s, "restore", "core", "Database", "", str(src)[:500],
                         new={"from": str(src), "kept": str(keep) if keep else ""})
    except Exception:  # noqa: BLE001 - the journal entry must not undo a finished restore
        pass
    return keep


def _replacement_stamp(src: Path, keep: Path | None, actor) -> list[tuple[str, str]]:
    """A new generation id and a note of this restore, to be written into the restored database: every
    other program that still has the database open sees the new generation and tells its user where the
    replaced database was kept."""
    import json

    note = json.dumps({"at": dt.datetime.now().strftime("%d.%m.%Y %H:%M:%S"), "by": getattr(actor, "login", ""),
                       "from": str(src), "kept": str(keep) if keep else ""}, ensure_ascii=False)
    return [(context.GENERATION_KEY, context.new_generation()), (context.REPLACED_KEY, note)]


def _replace_file(src: Path, target: Path, keep: Path | None, actor) -> None:
    tmp = target.with_name(target.name + ".restore")
    try:
        shutil.copyfile(src, tmp)
        con = sqlite3.connect(str(tmp))
        try:
            with con:
                for key, value in _replacement_stamp(src, keep, actor):
                    con.execute("DELETE FROM settings WHERE key = ?", (key,))
                    con.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
            con.execute("PRAGMA journal_mode=DELETE")
        finally:
            con.close()
        _fsync(tmp)
    except BaseException:
        files.remove_quietly(tmp)  # no stray copy beside the database on a failure
        raise
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(tmp, target)
    files.fsync_dir(target.parent)


def _restore_postgres(db, src: Path) -> Path:
    """PostgreSQL: the dump is checked, the current database dumped aside, then ``pg_restore --clean``
    in one transaction (all or nothing). An advisory lock held exclusively from before the dump until the
    new generation is written keeps other programs' saves out of the gap; they refuse to write afterwards."""
    from sqlalchemy import text

    verify_pgdump(src)
    exe = shutil.which("pg_restore")
    if not exe:
        raise ServiceError(_t("Для восстановления базы PostgreSQL нужна программа pg_restore. Установите клиент "
                              "PostgreSQL. База не изменена."))
    url = db.url
    actor = context.actor()
    guard = db.engine.connect()
    keep = None
    try:
        guard.execute(text("SELECT pg_advisory_lock(:k)"), {"k": context.PG_REPLACE_LOCK})
        guard.commit()
        keep = backup_engine(db.engine, url, _new_path(backups_dir(url), "before-restore", ".pgdump"),
                             reason="before-restore")
        args, env = _pg_args(url)
        r = subprocess.run([exe, "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                            *args, str(src)], env=env, capture_output=True, text=True, **files.no_window())
        if r.returncode != 0:
            raise ServiceError(_t("pg_restore завершился с ошибкой; база не изменена: {0}")
                               .format(r.stderr.strip()[:500]) + _kept_note(keep))
        with db.engine.begin() as conn:
            for key, value in _replacement_stamp(src, keep, actor):
                conn.execute(text("DELETE FROM settings WHERE key = :k"), {"k": key})
                conn.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"), {"k": key, "v": value})
    finally:
        try:
            guard.execute(text("SELECT pg_advisory_unlock_all()"))
            guard.commit()
        finally:
            guard.close()
    context.close_database()
    try:
        context.open_database(url)
    except ServiceError as e:
        raise ServiceError(str(e) + _kept_note(keep)) from e
    context.set_actor(actor)
    try:
        from chemcluster_desktop.services import audit

        with context.uow() as s:
            audit.record(s, "restore", "core", "Database", "", str(src)[:500], new={"from": str(src), "kept": str(keep)})
    except Exception:  # noqa: BLE001 - the journal entry must not undo a finished restore
        pass
    return keep


def recover_corrupt(db: str | os.PathLike | None, src: str | os.PathLike) -> Path:
    """At start: the database file is corrupt and cannot be opened. Move it aside (kept, never
    deleted) and put the checked backup ``src`` in its place. Returns where the corrupt file went."""
    from chemcluster_desktop.storage.engine import resolve_url

    url = resolve_url(db)
    target = sqlite_path(url)
    if target is None:
        raise ServiceError(_t("Восстановление базы PostgreSQL выполняется на сервере."))
    src = Path(src)
    verify_sqlite_file(src)
    aside = target.with_name(f"{target.stem}-corrupt-{_stamp()}{target.suffix}")
    if target.exists():
        os.replace(target, aside)
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(str(target) + suffix)
        if side.exists():
            os.replace(side, Path(str(aside) + suffix))
    tmp = target.with_name(target.name + ".restore")
    try:
        shutil.copyfile(src, tmp)
        files.replace_durably(tmp, target)
    except BaseException:
        files.remove_quietly(tmp)
        raise
    return aside
