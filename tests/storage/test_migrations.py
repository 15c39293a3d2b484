"""Migrations kept honest: the database file of every released version upgrades to the newest
schema with its data intact; the schema also builds on PostgreSQL; no SQLite-only SQL runs elsewhere."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from chemcluster_desktop.services import backup, context, database
from chemcluster_desktop.storage import migrate

RELEASES = Path(__file__).resolve().parents[1] / "migrations"
FILES = sorted(RELEASES.glob("v*.sqlite3"))
PACKAGE = Path(__file__).resolve().parents[2] / "chemcluster_desktop"


def test_there_is_a_file_for_the_first_release():
    assert (RELEASES / "v0.1.0.sqlite3").is_file(), "tests/migrations/v0.1.0.sqlite3 is missing (README.md, Data safety)"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_released_database_upgrades_with_data_intact(path, tmp_path):
    meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
    work = tmp_path / path.name
    shutil.copyfile(path, work)
    db = context.open_database(work)  # upgrades to head (after a pre-migration backup when needed)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    if meta["revision"] != migrate.head_revision():
        assert any(b.reason == "pre-migration" for b in backup.list_backups())
    r = database.check()
    assert r.ok, r.problems
    counts = database.stats()
    for key, n in meta["counts"].items():
        if key == "audit_entries":
            assert counts[key] >= n  # the journal only grows
        elif key in counts:
            assert counts[key] == n, f"{path.name}: {key} {counts[key]} != {n}"
    from chemcluster_desktop.storage.core import User
    from chemcluster_desktop.storage.inventory import Item

    with context.read() as s:
        items = [[a, b, str(c) if c is not None else None] for a, b, c in
                 s.execute(select(Item.inventory_number, Item.name, Item.cost).order_by(Item.id).limit(5))]
        assert sorted(s.scalars(select(User.login))) == meta["sample"]["users"]
    expected = [[a, b, str(Decimal(c)) if c is not None else None] for a, b, c in meta["sample"]["items"]]
    assert items == expected
    context.close_database()


def test_new_database_is_at_head_and_matches_models(db):
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    r = database.check()
    assert r.ok, r.problems


@pytest.mark.postgres
def test_migrations_run_on_postgresql(pg_url):
    db = context.open_database(pg_url)
    assert db.engine.dialect.name == "postgresql"
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    r = database.check()
    assert r.ok, r.problems
    # the journal triggers exist there too
    with db.engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_log_no_change'").scalar()
    assert n == 1


SQLITE_ONLY = re.compile(r"PRAGMA|sqlite_master|sqlite_sequence|cc_fold|BEGIN IMMEDIATE|INSERT OR |julianday\(",
                         re.IGNORECASE)


def test_sqlite_only_sql_is_guarded():
    """Every SQLite-only statement in the services and storage sits under a check of the dialect."""
    bad = []
    for f in sorted([*PACKAGE.glob("services/*.py"), *PACKAGE.glob("storage/*.py")]):
        lines = f.read_text("utf-8").splitlines()
        for i, line in enumerate(lines):
            code = line.split("#", 1)[0]
            if not SQLITE_ONLY.search(code) or code.strip().startswith(('"""', "'")) and "execute" not in code:
                continue
            context_ = "\n".join(lines[max(0, i - 25):i + 1]).lower()
            if "sqlite" not in context_.replace(code.lower(), ""):
                bad.append(f"{f.relative_to(PACKAGE)}:{i + 1}: {line.strip()}")
    assert not bad, "SQLite-only SQL without a dialect check:\n" + "\n".join(bad)
