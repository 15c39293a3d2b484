"""The shared PostgreSQL set-up of the README (docs/shared-postgresql.sql), run on the test server: the
program works with the application role, and that role — whose password is on every PC — cannot
TRUNCATE, DELETE or UPDATE the journal (issue 19, finding 8)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from chemcluster_desktop.services import context, database, locations, security

PG_URL = os.environ.get("CHEMCLUSTER_TEST_PG_URL", "")
SQL = Path(__file__).resolve().parents[2] / "docs" / "shared-postgresql.sql"
pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server")]


def _sections(names: dict[str, str]) -> list[list[str]]:
    body = SQL.read_text("utf-8")
    for old, new in names.items():
        body = body.replace(old, new)
    parts = re.split(r"^-- == \d\..*$", body, flags=re.M)[1:]
    out = []
    for p in parts:
        lines = [ln for ln in p.splitlines() if not ln.strip().startswith("--")]
        out.append([s.strip() for s in "\n".join(lines).split(";") if s.strip()])
    return out


@pytest.fixture
def roles():
    tag = f"t{os.getpid()}"
    names = {"chemcluster_owner": f"cc_owner_{tag}", "chemcluster_app": f"cc_app_{tag}",
             "DATABASE chemcluster": f"DATABASE cc_roles_{tag}", "OWNER-PASSWORD": "owner-pw",
             "APP-PASSWORD": "app-pw"}
    base = make_url(PG_URL)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    dbname = f"cc_roles_{tag}"
    cleanup = [f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)', f"DROP ROLE IF EXISTS cc_app_{tag}",
               f"DROP ROLE IF EXISTS cc_owner_{tag}"]
    with admin.connect() as c:
        for st in cleanup:
            c.exec_driver_sql(st)
    sections = _sections(names)
    yield sections, base, dbname, f"cc_owner_{tag}", f"cc_app_{tag}"
    context.close_database()
    with admin.connect() as c:
        for st in cleanup:
            c.exec_driver_sql(st)
    admin.dispose()


def _run(url, statements) -> None:
    eng = create_engine(url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        for st in statements:
            c.exec_driver_sql(st)
    eng.dispose()


def test_application_role_works_but_cannot_erase_the_journal(roles):
    (s1, s2, s3, s4), base, dbname, owner, app = roles
    assert not s3  # section 3 is the «chemcluster init» command
    _run(base, s1)
    _run(base.set(database=dbname), s2)
    owner_url = base.set(database=dbname, username=owner, password="owner-pw").render_as_string(False)
    app_url = base.set(database=dbname, username=app, password="app-pw").render_as_string(False)
    context.open_database(owner_url)  # «chemcluster init» as the owner
    context.close_database()
    _run(owner_url, s4)
    # every PC: the application role
    context.open_database(app_url)
    context.set_actor(context.Actor("admin", "admin"))
    locations.create_building("Корпус А")
    security.add_user("ivanova", "lab_manager", "secret1")
    context.set_actor(security.authenticate("ivanova", "secret1"))
    r = database.check()
    assert r.ok, r.problems
    eng = create_engine(app_url)
    try:
        for st in ("TRUNCATE audit_log", "DELETE FROM audit_log", "UPDATE audit_log SET summary = ''",
                   "ALTER TABLE audit_log DISABLE TRIGGER USER", "DROP TRIGGER audit_log_no_change ON audit_log"):
            with eng.begin() as c, pytest.raises(DBAPIError, match="permission denied|must be owner"):
                c.execute(text(st))
    finally:
        eng.dispose()
    assert database.stats()["audit_entries"] > 0
