"""A tamper-evident journal (issue 19, finding 8): each entry is hash-chained to the previous one;
``check`` notices a removed protecting trigger, an entry edited afterwards and entries deleted, by number.
Runs on SQLite and (with a server) PostgreSQL, where the database owner can bypass the triggers."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select, text

from chemcluster_desktop.services import context, database, security
from chemcluster_desktop.storage.core import AuditEntry


def _fill(n: int = 5) -> list[int]:
    for i in range(n):
        security.add_user(f"user{i}", "viewer", full_name=f"Пользователь {i}")
    with context.read() as s:
        return list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def _raw(*stmts: str) -> None:
    with context.current().engine.begin() as conn:
        for st in stmts:
            conn.execute(text(st))


def _unprotect() -> None:
    if context.current().is_sqlite:
        _raw("DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete")
    else:  # the owner of the table (the test server's superuser) can switch the triggers off
        _raw("ALTER TABLE audit_log DISABLE TRIGGER USER")


def test_untouched_journal_passes_and_every_entry_is_chained(db):
    _fill()
    r = database.check()
    assert r.ok, r.problems
    with context.read() as s:
        rows = s.execute(select(AuditEntry.prev_hash, AuditEntry.hash).order_by(AuditEntry.id)).all()
    assert rows and all(h and len(h) == 64 for _p, h in rows)
    assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))


def test_deleted_entries_and_missing_triggers_reported_by_number(db):
    ids = _fill()
    _unprotect()
    _raw(f"DELETE FROM audit_log WHERE id IN ({ids[2]}, {ids[3]})")
    r = database.check()
    assert not r.ok
    text_ = "\n".join(r.problems)
    assert "нет триггера" in text_
    assert f"перед записью № {ids[4]} удалены записи (после записи № {ids[1]})" in text_


def test_edited_entry_reported_by_number(db):
    ids = _fill()
    _unprotect()
    _raw(f"UPDATE audit_log SET summary = 'никто ничего не делал' WHERE id = {ids[1]}")
    problems = database.check().problems
    assert any(f"запись № {ids[1]} изменена" in p for p in problems), problems
    # only that entry: the next one still follows the stored chain
    assert not any(f"№ {ids[2]}" in p for p in problems)


def test_erasing_the_whole_journal_is_noticed(db):
    _fill()
    _unprotect()
    _raw("DELETE FROM audit_log")
    security.add_user("after", "viewer")  # the program goes on writing
    r = database.check()
    assert not r.ok and any("триггера" in p for p in r.problems)


def test_released_database_gets_its_journal_chained_at_upgrade(tmp_path):
    src = Path(__file__).resolve().parents[1] / "migrations" / "v0.1.0.sqlite3"
    work = tmp_path / "old.sqlite3"
    shutil.copyfile(src, work)
    context.open_database(work)
    with context.read() as s:
        n_unchained = s.scalar(select(AuditEntry.id).where(AuditEntry.hash.is_(None)).limit(1))
        n = len(s.scalars(select(AuditEntry.id)).all())
    assert n > 0 and n_unchained is None
    assert database.check().ok
