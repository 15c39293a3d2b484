"""Rights in a running session, the log-in slow-down across processes, one's own password, versions
(issue 19, findings 10, 13, 14 and the password part of 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chemcluster_desktop.services import context, locations, security
from chemcluster_desktop.services.errors import PermissionDenied, ValidationError

ROOT = Path(__file__).resolve().parents[2]


def test_disabled_or_demoted_user_loses_rights_at_the_next_action(db):
    security.add_user("ivanova", "admin", "secret1")
    security.add_user("petrov", "admin", "secret2")
    admin = context.actor()
    ivanova = security.authenticate("ivanova", "secret1")
    context.set_actor(ivanova)
    locations.create_building("Корпус А")  # allowed now
    context.set_actor(security.authenticate("petrov", "secret2"))
    security.set_role("ivanova", "viewer")  # another administrator demotes her meanwhile
    context.set_actor(ivanova)  # her open session still carries «admin»
    with pytest.raises(PermissionDenied, match="нет права"):
        locations.create_building("Корпус Б")
    assert context.actor().role == "viewer"
    context.set_actor(admin)
    security.set_active("ivanova", False)
    context.set_actor(ivanova)
    with pytest.raises(PermissionDenied, match="отключена"):
        security.add_user("x", "viewer")
    assert [b.name for b in locations.list_buildings()] == ["Корпус А"]


def test_unknown_login_gets_the_same_answers_as_a_known_one(db, monkeypatch):
    monkeypatch.setattr(security, "FAIL_SLEEP", 0.0)
    security.add_user("ivanova", "viewer", "secret1")

    def answers(login):
        out = []
        for _ in range(security.THROTTLE_AFTER + 1):
            try:
                security.authenticate(login, "wrong")
            except PermissionDenied as e:
                out.append((type(e).__name__, str(e).split(".")[0]))
        return out

    known, unknown = answers("ivanova"), answers("nobody")
    assert known == unknown
    assert unknown[-1][0] == "LoginThrottled"


BURST = """
import sys
from chemcluster_desktop.services import context, security
context.open_database(sys.argv[1], backup_before_upgrade=False)
print("ready", flush=True)
sys.stdin.readline()
try:
    security.authenticate("ivanova", "wrong")
except security.LoginThrottled:
    print("throttled")
except security.PermissionDenied:
    print("checked")
"""


@pytest.mark.sqlite_only
def test_parallel_tries_from_several_processes_are_slowed_down_together(db, db_path, tmp_path):
    security.add_user("ivanova", "viewer", "secret1")
    env = dict(os.environ, CHEMCLUSTER_HOME=str(tmp_path / "h"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    procs = [subprocess.Popen([sys.executable, "-c", BURST, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
             for _ in range(8)]
    for p in procs:  # all of them started and waiting (each says so once its database is open)
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = [p.communicate(timeout=120) for p in procs]
    answers = [o.strip() for o, _e in outs]
    assert all(a in ("checked", "throttled") for a in answers), outs
    # the password was checked at most THROTTLE_AFTER times; every other try of the burst waited
    assert answers.count("checked") <= security.THROTTLE_AFTER, answers


def test_changing_ones_own_password_asks_for_the_current_one(db):
    security.add_user("boss", "admin", "secret1")
    context.set_actor(security.authenticate("boss", "secret1"))
    for old in (None, "", "wrong"):
        with pytest.raises(ValidationError, match="Текущий пароль") as e:
            security.set_password("boss", "new-secret", old_password=old)
        assert e.value.field == "old_password"
    security.set_password("boss", "new-secret", old_password="secret1")
    assert security.authenticate("boss", "new-secret").login == "boss"
    security.set_password("admin", "for-admin")  # an administrator sets someone else's without it


def test_updates_without_a_version_are_refused(db):
    security.add_user("ivanova", "viewer", "secret1")
    with pytest.raises(ValidationError, match="версия") as e:
        security.update_user("ivanova", full_name="Иванова")
    assert e.value.field == "version"
    bid = locations.create_building("Корпус А")
    with pytest.raises(ValidationError, match="версия"):
        locations.update_building(bid, None, "Корпус Б")
    rid = locations.create_room("Ауд. 1", bid)
    with pytest.raises(ValidationError, match="версия"):
        locations.update_room(rid, None, name="Ауд. 2", building_id=bid)
    assert [b.name for b in locations.list_buildings()] == ["Корпус А"]


def test_control_characters_refused_with_the_field_named(db):
    with pytest.raises(ValidationError, match="Название здания.*U\\+0007") as e:
        locations.create_building("Корпус\x07")
    assert e.value.field == "name"
    with pytest.raises(ValidationError, match="ФИО") as e:
        security.add_user("ivanova", "viewer", "secret1", full_name="Иванова\x1b[31m")
    assert e.value.field == "full_name"
    assert [u.login for u in security.list_users()] == ["admin"]


def test_any_area_service_refuses_control_characters_and_nul(db):
    """The flush guard: an area service that does not check its fields itself still cannot store them."""
    from tests.inventory.helpers import equipment

    with pytest.raises(ValidationError) as e:
        equipment(name="Весы\x00аналитические")
    assert e.value.field == "name"
    with pytest.raises(ValidationError, match="Модель"):
        equipment(name="Весы", model="ВЛ\x0b220")


def test_long_ligature_name_saves_and_is_found(db):
    """«ﬃ» folds to «ffi»: a 300-character name made a 900-character search key (varchar(800))."""
    from chemcluster_desktop.services import inventory
    from chemcluster_desktop.services.listing import ListQuery
    from tests.inventory.helpers import equipment

    iid = equipment(name="ﬃ" * 300)
    rows = inventory.list_items(ListQuery(search="ffiffi"))
    assert iid in [r["id"] for r in rows]


@pytest.mark.sqlite_only
def test_log_in_while_another_program_holds_the_write_lock_answers_quickly(db, db_path, monkeypatch):
    """A viewer's read-only command waited 61 s and failed with «изменения не сохранены» (the log-in
    writes to the journal) while another program held the write lock."""
    import sqlite3
    import time

    monkeypatch.setattr(security, "LOGIN_WAIT", 1.0)
    security.add_user("viewer1", "viewer", "secret1")
    other = sqlite3.connect(db_path, timeout=1, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        t0 = time.monotonic()
        with pytest.raises(PermissionDenied, match="занята записью") as e:
            security.authenticate("viewer1", "secret1")
        assert time.monotonic() - t0 < 15
        assert "не сохранены" not in str(e.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert security.authenticate("viewer1", "secret1").login == "viewer1"


def test_a_unit_of_work_waits_a_bounded_time_for_another_programs_write(db, monkeypatch):
    """Both backends: another program's long write makes a unit of work wait only so long, then say so."""
    import sqlite3

    from sqlalchemy import create_engine, text

    from chemcluster_desktop.services.context import DatabaseBusyError
    from chemcluster_desktop.storage import engine as storage_engine

    monkeypatch.setattr(security, "LOGIN_WAIT", 1.0)
    monkeypatch.setattr(context, "LOCK_RETRY_SECONDS", 1.0)
    # SQLite's own busy timeout inside an attempt (15 s) bounded by the same second as the retries; the
    # log-in's short wait resets the connection to it (as tests/ui/test_shell_startup.py does)
    monkeypatch.setattr(storage_engine, "BUSY_TIMEOUT_MS", 1000)
    security.add_user("viewer1", "viewer", "secret1")
    d = context.current()
    if d.is_sqlite:
        other = sqlite3.connect(d.path, timeout=1, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        release = lambda: (other.execute("ROLLBACK"), other.close())  # noqa: E731
    else:
        eng = create_engine(d.url)
        conn = eng.connect()
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": context.PG_WRITE_LOCK})
        release = lambda: (conn.close(), eng.dispose())  # noqa: E731
    try:
        with pytest.raises(PermissionDenied, match="занята записью"):
            security.authenticate("viewer1", "secret1")
        with pytest.raises(DatabaseBusyError):
            locations.create_building("Корпус А")
    finally:
        release()
    assert security.authenticate("viewer1", "secret1").login == "viewer1"
    locations.create_building("Корпус А")
