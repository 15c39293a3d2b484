"""Backups: consistent, checked after writing, rotated; restore keeps the replaced database."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3

import pytest
from sqlalchemy import func, select

from chemcluster_desktop.services import backup, context
from chemcluster_desktop.services.errors import DatabaseOpenError, PermissionDenied, ServiceError
from chemcluster_desktop.storage.core import Building


def _count(model) -> int:
    with context.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _add_building(name: str) -> None:
    with context.uow() as s:
        s.add(Building(name=name))


def test_backup_is_checked_and_restore_keeps_replaced_copy(db, db_path):
    _add_building("Корпус А")
    b = backup.backup()
    assert b.is_file() and b.parent == backup.backups_dir()
    backup.verify_sqlite_file(b)
    assert [x.path for x in backup.list_backups()] == [str(b)]
    _add_building("Корпус Б")
    assert _count(Building) == 2
    kept = backup.restore(b)
    assert _count(Building) == 1
    assert kept.is_file() and "before-restore" in kept.name
    con = sqlite3.connect(kept)
    try:
        assert con.execute("select count(*) from buildings").fetchone()[0] == 2
    finally:
        con.close()
    # the restore itself is journaled in the restored database
    from chemcluster_desktop.storage.core import AuditEntry

    with context.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "restore")) == 1


@pytest.mark.sqlite_only
def test_restore_needs_admin_and_a_good_file(db, tmp_path, as_role):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ServiceError, match="не является"):
        backup.restore(bad)
    with pytest.raises(ServiceError, match="не найден"):
        backup.restore(tmp_path / "missing.sqlite3")
    good = backup.backup(tmp_path / "copy.sqlite3")
    with as_role("viewer"), pytest.raises(PermissionDenied):
        backup.restore(good)


@pytest.mark.sqlite_only
def test_partial_backup_is_never_listed_as_good(db):
    d = backup.backups_dir()
    (d / "chemcluster-20990101-000000-manual.sqlite3.part").write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    truncated = d / "chemcluster-20980101-000000-manual.sqlite3"
    good = backup.backup()
    truncated.write_bytes(good.read_bytes()[:4096])
    names = [os.path.basename(b.path) for b in backup.list_backups()]
    assert not any(n.endswith(".part") for n in names)
    assert not backup.is_good_backup(truncated)
    assert backup.newest_good_backup().path == str(good)


@pytest.mark.sqlite_only
def test_daily_backup_once_a_day(db):
    p = backup.daily_backup_if_needed()
    assert p is not None and "daily" in p.name
    assert backup.daily_backup_if_needed() is None


@pytest.mark.sqlite_only
def test_rotation_keeps_7_daily_and_4_weekly(db):
    d = backup.backups_dir()
    src = backup.backup(d.parent / "x.sqlite3")
    start = dt.datetime(2026, 11, 26, 9, 0, 0)
    made = []
    for i in range(60):  # two copies a day for 30 days, plus pre-migration ones
        t = start - dt.timedelta(hours=12 * i)
        reason = "pre-migration" if i % 10 == 0 else "daily"
        p = d / f"chemcluster-{t:%Y%m%d-%H%M%S}-{reason}.sqlite3"
        shutil.copyfile(src, p)
        made.append((t, reason, p))
    backup.rotate()
    left = backup.list_backups()
    regular = [b for b in left if b.reason == "daily"]
    days = {b.created.date() for b in regular}
    daily_days = sorted({t.date() for t, r, _ in made if r == "daily"}, reverse=True)
    assert set(daily_days[:7]) <= days  # one copy for each of the 7 newest days
    assert len(regular) <= 7 + 4 and len(days) == len(regular)
    weeks = {b.created.isocalendar()[:2] for b in regular}
    assert len(weeks) >= 4
    assert len([b for b in left if b.reason == "pre-migration"]) == backup.KEEP_PRE_MIGRATION
    assert max(b.created for b in left) == start  # the newest always stays
    assert len(regular) < len([m for m in made if m[1] == "daily"])


def test_backup_before_migration(tmp_path):
    """Opening an older database makes a pre-migration backup before upgrading."""
    from chemcluster_desktop.storage import migrate
    from chemcluster_desktop.storage.engine import make_engine

    path = tmp_path / "old.sqlite3"
    eng = make_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config(str(eng.url))
    from alembic import command

    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_core")
    eng.dispose()
    context.open_database(path)
    pre = [b for b in backup.list_backups() if b.reason == "pre-migration"]
    assert len(pre) == 1
    con = sqlite3.connect(pre[0].path)
    try:
        assert con.execute("select version_num from alembic_version").fetchone()[0] == "0001_core"
    finally:
        con.close()


def test_corrupt_database_detected_and_recovered_from_newest_good_backup(db, db_path):
    _add_building("Корпус А")
    backup.backup()
    context.close_database()
    data = bytearray(db_path.read_bytes())
    for off in range(4096, len(data), 4096):  # wreck every page after the first
        data[off:off + 64] = os.urandom(64)
    db_path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        (db_path.parent / (db_path.name + side)).unlink(missing_ok=True)
    with pytest.raises(DatabaseOpenError) as e:
        context.open_database(db_path)
    assert e.value.kind == "corrupt" and "резервной копии" in str(e.value)
    good = backup.newest_good_backup(str(db_path))
    assert good is not None
    aside = backup.recover_corrupt(str(db_path), good.path)
    assert aside.is_file() and aside != db_path
    context.open_database(db_path)
    assert _count(Building) == 1


@pytest.mark.postgres
def test_postgres_backup_with_pg_dump(pg_url):
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    context.open_database(pg_url)
    _add_building("Корпус А")
    p = backup.backup()
    assert p.suffix == ".pgdump" and p.stat().st_size > 0
    backup.verify_pgdump(p)
    _add_building("Корпус Б")
    kept = backup.restore(p)
    assert kept.suffix == ".pgdump" and kept.is_file()
    assert _count(Building) == 1
    with pytest.raises(ServiceError, match="не является"):
        bad = p.with_name("bad.pgdump")
        bad.write_bytes(b"garbage")
        backup.restore(bad)
    assert _count(Building) == 1


@pytest.mark.sqlite_only
def test_rotation_never_deletes_manual_copies_and_only_admin_makes_them(db, as_role):
    """Issue 19, finding 11: the next backup of the same day deleted that day's earlier manual ones."""
    manual = [backup.backup() for _ in range(3)]
    daily = backup.daily_backup_if_needed()
    assert daily is not None and "daily" in daily.name
    backup.backup()
    backup.rotate()
    names = {os.path.basename(b.path) for b in backup.list_backups()}
    assert {m.name for m in manual} <= names
    assert len({m.name for m in manual}) == 3  # named by the time, never by the day only
    for role in ("lab_manager", "viewer", "buyer", "planner", "coordinator"):
        with as_role(role), pytest.raises(PermissionDenied):
            backup.backup()
