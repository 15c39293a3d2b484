"""The audit journal: who, when, which record, old and new values; nobody can change or delete it."""

from __future__ import annotations

import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import ConcurrentEditError
from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.core import AuditEntry
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.procurement import Need


def _entries(entity: str) -> list[SimpleNamespace]:
    cols = [c.key for c in AuditEntry.__table__.columns]
    with context.read() as s:
        return [SimpleNamespace(**{c: getattr(e, c) for c in cols}) for e in
                s.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id))]


@pytest.mark.parametrize("model,create,change", [
    (Item, dict(kind="equipment", inventory_number="ИН-0001", name="Спектрофотометр ПЭ-5400ВИ",
                cost=Decimal("184500.00"), status="in_use"), ("status", "repair")),
    (Workshop, dict(name="Лабораторный химический анализ", workplaces=12), ("workplaces", 14)),
    (Need, dict(name="Весы аналитические ВЛ-220", quantity=Decimal("2")), ("quantity", Decimal("3"))),
])
def test_create_change_delete_are_journaled(db, as_role, model, create, change):
    as_role("admin", login="ivanova")
    with context.uow() as s:
        obj = model(**create)
        s.add(obj)
        s.flush()
        oid = obj.id
    as_role("admin", login="petrov")
    field, value = change
    with context.uow() as s:
        setattr(s.get(model, oid), field, value)
    as_role("admin", login="sidorov")
    with context.uow() as s:
        s.delete(s.get(model, oid))

    entries = _entries(model.__name__)
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert [e.user_login for e in entries] == ["ivanova", "petrov", "sidorov"]
    assert {e.entity_id for e in entries} == {str(oid)}
    assert all(e.at is not None and e.area for e in entries)
    new = json.loads(entries[0].new_values)
    assert new["name"] == create["name"]
    old, new = json.loads(entries[1].old_values), json.loads(entries[1].new_values)
    assert set(new) == {field}
    assert str(new[field]) == str(value) and str(old[field]) == str(create[field])
    assert json.loads(entries[2].old_values)["name"] == create["name"] and entries[2].new_values is None
    if "cost" in create:
        assert json.loads(entries[0].new_values)["cost"] == "184500.00"  # money as exact text


def test_rolled_back_work_leaves_no_journal(db):
    before = len(_entries("Item"))
    with pytest.raises(RuntimeError), context.uow() as s:
        s.add(Item(kind="equipment", inventory_number="ИН-9", name="Колба"))
        s.flush()
        raise RuntimeError("boom")
    assert len(_entries("Item")) == before


def test_explicit_record_for_bulk_work(db, as_role):
    as_role("lab_manager", login="ivanova")
    with context.uow() as s:
        audit.record(s, "import", "inventory", "Item", "", "Импорт 3 строк из inv.xlsx", new={"rows": 3})
    e = _entries("Item")[-1]
    assert (e.action, e.user_login, json.loads(e.new_values)) == ("import", "ivanova", {"rows": 3})


def test_journal_cannot_be_edited_or_deleted(db):
    with context.uow() as s:
        s.add(Item(kind="equipment", inventory_number="ИН-1", name="Колба"))
    for stmt in (update(AuditEntry).values(user_login="hacker"), delete(AuditEntry)):
        with pytest.raises(DBAPIError, match="append-only"), context.uow() as s:
            s.execute(stmt)
    # not even with raw SQL on a connection of our own
    with pytest.raises(DBAPIError, match="append-only"), context.current().engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
    assert _entries("Item") and all(e.user_login != "hacker" for e in _entries("Item"))


def test_lost_update_refused_with_reload_message(db):
    with context.uow() as s:
        s.add(Item(kind="equipment", inventory_number="ИН-2", name="Муфельная печь"))
    # two people open the same record...
    s1, s2 = context.current().session_factory(), context.current().session_factory()
    try:
        a = s1.scalar(select(Item).where(Item.inventory_number == "ИН-2"))
        b = s2.scalar(select(Item).where(Item.inventory_number == "ИН-2"))
        s1.expunge(a)
        s2.expunge(b)
    finally:
        s1.close()
        s2.close()
    assert a.version == b.version
    # ...the first saves
    with context.uow() as s:
        s.merge(a).name = "Муфельная печь ПМ-8"
    # the second save is refused, nothing overwritten
    with pytest.raises(ConcurrentEditError, match="другой пользователь.*Обновите"), context.uow() as s:
        s.merge(b, load=False).name = "Печь муфельная"
    with context.read() as s:
        assert s.scalar(select(Item.name).where(Item.inventory_number == "ИН-2")) == "Муфельная печь ПМ-8"


def test_every_session_factory_is_journaled_even_at_a_reused_address(db):
    """A database opened after another was closed gets a new sessionmaker, which may sit at the address
    of the old one: SQLAlchemy's ``event.contains`` then said «already listening» and that database's
    changes went unjournaled (a flaky CI failure). Each factory here is journaled."""
    import gc

    from sqlalchemy.orm import sessionmaker

    from chemcluster_desktop.services import textcheck

    engine = context.current().engine
    unjournaled = []
    for i in range(8):  # the old check was fooled at almost every reused address (1994 of 2000 tries)
        factory = sessionmaker(engine)
        textcheck.install(factory)
        audit.install(factory)
        audit.install(factory)  # twice is once
        with factory() as s, s.begin():
            s.add(Item(kind="equipment", inventory_number=f"ИН-G{i}", name="Колба"))
            s.flush()
            n = s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.summary.contains(f"ИН-G{i}")))
            if n != 1:
                unjournaled.append((i, n))
            s.rollback()
        del factory, s
        gc.collect()
    assert unjournaled == []
