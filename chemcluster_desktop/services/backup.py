"""Consistent backups and restore.

SQLite: the online backup API (a consistent copy while others work), checked with
``PRAGMA integrity_check`` after it is written. PostgreSQL: ``pg_dump -Fc`` where it is installed.
Automatic backups are kept with rotation (7 daily, 4 weekly, and those made before migrations).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from chemcluster_desktop import paths
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


def backups_dir() -> Path:
    d = paths.backups_dir_for(None)
    d.mkdir(parents=True, exist_ok=True)
    return d


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def verify_sqlite_file(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            res = con.execute("PRAGMA integrity_check").fetchone()[0]
            con.execute("SELECT count(*) FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise ServiceError(_t("Резервная копия «{0}» не читается: {1}").format(path, e)) from e
    if res != "ok":
        raise ServiceError(_t("Резервная копия «{0}» не прошла проверку целостности: {1}").format(path, res))


def sqlite_backup(src: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    s = sqlite3.connect(str(src), timeout=30)
    d = sqlite3.connect(str(tmp))
    try:
        s.backup(d, pages=1024)
        d.execute("PRAGMA journal_mode=DELETE")
    finally:
        d.close()
        s.close()
    verify_sqlite_file(tmp)
    os.replace(tmp, dest)
    return dest


def backup_engine(engine: Engine, url: str, dest: Path | None = None, reason: str = "manual") -> Path:
    path = sqlite_path(url)
    if path is not None:
        dest = dest or backups_dir() / f"chemcluster-{_stamp()}-{reason}.sqlite3"
        return sqlite_backup(path, Path(dest))
    dest = dest or backups_dir() / f"chemcluster-{_stamp()}-{reason}.pgdump"
    exe = shutil.which("pg_dump")
    if not exe:
        raise ServiceError(_t("Для резервной копии базы PostgreSQL нужна программа pg_dump. Установите клиент "
                              "PostgreSQL или сделайте копию средствами сервера."))
    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = u.password
    cmd = [exe, "-Fc", "-f", str(dest), "-d", u.database or ""]
    if u.host:
        cmd += ["-h", u.host]
    if u.port:
        cmd += ["-p", str(u.port)]
    if u.username:
        cmd += ["-U", u.username]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise ServiceError(_t("pg_dump завершился с ошибкой: {0}").format(r.stderr.strip()))
    return Path(dest)


def backup(dest: str | os.PathLike | None = None, reason: str = "manual") -> Path:
    db = context.current()
    p = backup_engine(db.engine, db.url, Path(dest) if dest else None, reason=reason)
    rotate()
    return p


def list_backups() -> list[BackupInfo]:
    out = []
    d = backups_dir()
    for p in sorted(d.glob("chemcluster-*.*"), reverse=True):
        if p.suffix not in (".sqlite3", ".pgdump"):
            continue
        parts = p.stem.split("-")
        try:
            created = dt.datetime.strptime(parts[1] + parts[2], "%Y%m%d%H%M%S")
        except (IndexError, ValueError):
            created = dt.datetime.fromtimestamp(p.stat().st_mtime)
        reason = "-".join(parts[3:]) or "manual"
        out.append(BackupInfo(str(p), created, p.stat().st_size, reason))
    return out


def rotate() -> list[Path]:
    """Keep the newest of each of the last 7 days and 4 weeks, plus the last pre-migration copies;
    manual copies made elsewhere are never touched."""
    infos = list_backups()
    keep: set[str] = set()
    days, weeks = {}, {}
    for b in infos:
        if b.reason == "pre-migration":
            continue
        days.setdefault(b.created.date(), b.path)
        weeks.setdefault(b.created.isocalendar()[:2], b.path)
    keep.update(list(days.values())[:KEEP_DAILY])
    keep.update(list(weeks.values())[:KEEP_WEEKLY])
    keep.update([b.path for b in infos if b.reason == "pre-migration"][:KEEP_PRE_MIGRATION])
    removed = []
    for b in infos:
        if b.path not in keep:
            Path(b.path).unlink(missing_ok=True)
            removed.append(Path(b.path))
    return removed


def daily_backup_if_needed() -> Path | None:
    """The first session of a day makes an automatic backup."""
    today = dt.date.today()
    if any(b.created.date() == today and b.reason in ("daily", "manual") for b in list_backups()):
        return None
    return backup(reason="daily")


def restore(src: str | os.PathLike) -> Path:
    """Replace the current SQLite database with a backup; the replaced file is kept as a copy.
    Returns the path of that copy."""
    db = context.current()
    target = db.path
    src = Path(src)
    if target is None:
        raise ServiceError(_t("Восстановление базы PostgreSQL выполняется программой pg_restore на сервере."))
    if not src.is_file():
        raise ServiceError(_t("Файл резервной копии «{0}» не найден.").format(src))
    verify_sqlite_file(src)
    keep = backups_dir() / f"chemcluster-{_stamp()}-before-restore.sqlite3"
    url = db.url
    sqlite_backup(target, keep)
    context.close_database()
    tmp = target.with_name(target.name + ".restore")
    shutil.copyfile(src, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(tmp, target)
    context.open_database(url)
    return keep
