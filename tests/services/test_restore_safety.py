"""Restore while other copies of the program have the database open (issue 19, findings 1 and 4).

A real second process keeps saving while this one restores: every save it was told succeeded is either in
the restored database or in the kept copy of the replaced one, and after the replacement it refuses to
write (naming where the replaced database was kept) instead of writing into the deleted old file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chemcluster_desktop.services import backup, context, security
from chemcluster_desktop.services.errors import DatabaseReplacedError, PermissionDenied, ServiceError

pytestmark = pytest.mark.sqlite_only
ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
from chemcluster_desktop.services import context, security
from chemcluster_desktop.services.errors import DatabaseReplacedError
context.open_database(sys.argv[1], backup_before_upgrade=False)
context.set_actor(context.Actor("admin", "admin"))
print("ready", flush=True)
end = time.monotonic() + float(sys.argv[2])
i = 0
while time.monotonic() < end:
    try:
        security.add_user(f"saved{i:05d}", "viewer")
    except DatabaseReplacedError as e:
        print("refused", str(e).replace("\\n", " "), flush=True)
        try:
            security.add_user("after_refusal", "viewer")
            print("wrote-after-refusal", flush=True)
        except DatabaseReplacedError:
            print("refused-again", flush=True)
        break
    print("ok", f"saved{i:05d}", flush=True)
    i += 1
"""


def _logins(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT login FROM users")}
    finally:
        con.close()


def _spawn(script: str, *args, home: Path) -> subprocess.Popen:
    env = dict(os.environ, CHEMCLUSTER_HOME=str(home), PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    p = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
    assert p.stdout.readline().strip() == "ready", p.stderr.read()
    return p


def test_restore_with_another_copy_writing_loses_no_reported_save(db, db_path, tmp_path):
    good = backup.backup(tmp_path / "before.sqlite3")
    writer = _spawn(WRITER, db_path, 30, home=tmp_path / "home2")
    saved: list[str] = []
    while len(saved) < 15:  # the writer is well under way
        line = writer.stdout.readline()
        assert line, writer.stderr.read()
        saved.append(line.split()[1])
    kept = backup.restore(good)
    out, err = writer.communicate(timeout=60)
    lines = out.splitlines()
    saved += [ln.split()[1] for ln in lines if ln.startswith("ok ")]
    refused = [ln for ln in lines if ln.startswith("refused ")]
    assert refused, (out, err)
    assert str(kept) in refused[0] and "НЕ сохранено" in refused[0]
    assert "refused-again" in lines and "wrote-after-refusal" not in lines
    # every save the writer was told succeeded exists: in the kept copy of the replaced database
    lost = set(saved) - _logins(kept) - _logins(db_path)
    assert not lost, f"{len(lost)} of {len(saved)} reported saves lost"
    # this program works on in the restored database
    assert not {n for n in _logins(db_path) if n.startswith("saved")}
    security.add_user("after_restore", "viewer")
    assert "after_restore" in _logins(db_path)


def test_copy_opened_before_restore_refuses_writes_in_process(db, db_path, tmp_path):
    """The same check without a second process: a stale Database object (file replaced under it)."""
    good = backup.backup(tmp_path / "b.sqlite3")
    stale = context.current()
    kept = backup.restore(good)
    fresh = context.current()
    context._db = stale  # what the other program still holds  # noqa: SLF001
    try:
        with pytest.raises(DatabaseReplacedError, match="НЕ сохранено") as e:
            security.add_user("lost", "viewer")
        assert e.value.kept == str(kept) and str(kept) in str(e.value)
    finally:
        context._db = fresh  # noqa: SLF001
        stale.dispose()
    assert "lost" not in _logins(db_path) and "lost" not in _logins(kept)


def _alembic(path: Path, rev: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = ?", (rev,))
    con.close()


def test_incompatible_backups_refused_before_anything_is_replaced(db, db_path, tmp_path):
    security.add_user("still_here", "viewer")
    newer = backup.backup(tmp_path / "newer.sqlite3")
    _alembic(newer, "9999_from_the_future")
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    with con:
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        con.execute("INSERT INTO alembic_version VALUES ('abc123')")
        con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    con.close()
    ident = context.file_identity(db_path)
    for bad, msg in ((newer, "более новой версией"), (foreign, "не резервная копия ChemCluster")):
        with pytest.raises(ServiceError, match=msg) as e:
            backup.restore(bad)
        assert "База не изменена" in str(e.value)
        assert context.file_identity(db_path) == ident
    assert not [b for b in backup.list_backups() if b.reason == "before-restore"]
    # the database still opens and holds its data
    context.close_database()
    context.open_database(db_path)
    assert "still_here" in {u.login for u in security.list_users()}


def test_only_admin_restores_and_lock_held_by_a_writer_delays_restore(db, db_path, tmp_path, as_role):
    from chemcluster_desktop.storage.filelock import FileLock

    good = backup.backup(tmp_path / "b.sqlite3")
    for role in ("lab_manager", "viewer", "buyer"):
        with as_role(role), pytest.raises(PermissionDenied):
            backup.restore(good)
    # a save in progress elsewhere (shared lock held) is waited for; a restore never starts under it
    held = FileLock(db_path, exclusive=False)
    assert held.acquire()
    t0 = time.monotonic()
    import threading

    threading.Timer(1.0, held.release).start()
    backup.restore(good)
    assert time.monotonic() - t0 >= 0.9


@pytest.mark.postgres
def test_postgres_restore_makes_copies_opened_before_refuse_writes(pg_url, tmp_path):
    import shutil

    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        pytest.skip("pg_dump / pg_restore not installed")
    context.open_database(pg_url)
    context.set_actor(context.Actor("admin", "admin"))
    security.add_user("before", "viewer")
    dump = backup.backup(tmp_path / "b.pgdump")
    security.add_user("after_backup", "viewer")
    stale = context.current()
    kept = backup.restore(dump)
    fresh = context.current()
    assert "after_backup" not in {u.login for u in security.list_users()}
    context._db = stale  # noqa: SLF001 - what another PC still holds
    try:
        with pytest.raises(DatabaseReplacedError, match="НЕ сохранено") as e:
            security.add_user("lost", "viewer")
        assert str(kept) in str(e.value)
    finally:
        context._db = fresh  # noqa: SLF001
    assert "lost" not in {u.login for u in security.list_users()}
    security.add_user("works", "viewer")
