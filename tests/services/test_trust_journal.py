"""Listing the journal for the Журнал page: filters by user, date, area, record, action and text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chemcluster_desktop.services import context, journal
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.storage.core import Building
from chemcluster_desktop.storage.inventory import Item


@pytest.fixture
def filled(db, as_role):
    as_role("lab_manager", login="ivanova")
    with context.uow() as s:
        s.add(Item(kind="equipment", inventory_number="ИН-1", name="Спектрофотометр ПЭ-5400ВИ"))
        s.add(Item(kind="equipment", inventory_number="ИН-2", name="Ёмкость мерная"))
    as_role("admin", login="petrov")
    with context.uow() as s:
        s.add(Building(name="Корпус Б"))
    with context.uow() as s:
        it = s.query(Item).filter_by(inventory_number="ИН-1").one()
        it.status = "repair"
        item_id = it.id
    return item_id


def _q(**filters) -> ListQuery:
    search = filters.pop("search", "")
    return ListQuery(search=search, filters=filters)


def test_filters(filled):
    assert journal.count(_q()) == 4
    assert journal.count(_q(user="ivanova")) == 2
    assert journal.count(_q(area="core")) == 1
    assert journal.count(_q(entity="Item", entity_id=filled)) == 2
    assert journal.count(_q(action="update")) == 1
    today = dt.date.today()
    assert journal.count(_q(date_from=today, date_to=today)) == 4
    assert journal.count(_q(date_to=today - dt.timedelta(days=1))) == 0
    assert journal.count(_q(date_from=today + dt.timedelta(days=1))) == 0
    assert set(journal.users()) == {"ivanova", "petrov"}
    assert "Item" in journal.entities("inventory")


def test_text_search_folds_case_and_yo(filled):
    assert journal.count(_q(search="спектрофотометр")) == 2
    assert journal.count(_q(search="емкость")) == 1
    assert journal.count(_q(search="нет-такого")) == 0


def test_paging_newest_first_and_details(filled):
    rows = journal.page(ListQuery(limit=3))
    assert len(rows) == 3
    assert rows[0]["action"] == "update" and rows[0]["user_login"] == "petrov"
    assert rows[0]["at"] >= rows[-1]["at"]
    more = journal.page(ListQuery(limit=3, offset=3))
    assert len(more) == 1 and more[0]["id"] not in {r["id"] for r in rows}
    e = journal.entry(rows[0]["id"])
    changes = {c.field: (c.old, c.new) for c in e["changes"]}
    assert changes == {"Состояние": ("in_use", "repair")}
    hist = journal.history("Item", filled)
    assert [h["action"] for h in hist] == ["create", "update"]


def test_record_and_description_name_things_not_internal_keys(db, as_role):
    """A setting is named as the settings card names it and a computed indicator by its name alone:
    the journal used to show «Настройка № college.short_name» and «pupils Учащиеся …»."""
    from chemcluster_desktop.services import settings_service
    from chemcluster_desktop.storage.cluster import Kpi

    as_role("admin", login="petrov")
    settings_service.save({"college.name": "ГБПОУ ДХТ", "college.short_name": "ДХТ"})
    with context.uow() as s:
        s.add(Kpi(code="pupils", name="Учащиеся 8-х классов", computed="pupils", target=Decimal(300)))
        s.add(Kpi(code="18.02.12", name="Направление подготовки", target=Decimal(1)))
    rows = journal.page(ListQuery(limit=50))
    records = {r["record"] for r in rows}
    assert "Настройка «Краткое наименование»" in records
    assert not any("college." in r for r in records)
    summaries = {r["summary"] for r in rows if r["entity"] == "Kpi"}
    assert summaries == {"Учащиеся 8-х классов", "18.02.12 Направление подготовки"}
