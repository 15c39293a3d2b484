"""Inventory search through the trigram index (SQLite, revision 0007) gives exactly what LIKE gives:
substrings of the folded key, Cyrillic, ё = е, any case, several words AND-ed, any text a person may
type (FTS5 syntax included). Also: the index follows created, renamed and deleted items; a database
of release 0.1.0 upgrades with search working; the alerts are counted in SQL and given in part."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from chemcluster_desktop.services import context, inventory, listing
from chemcluster_desktop.services.inventory import item_list
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.search import fold
from tests.inventory.helpers import add_room, consumable, equipment
from tests.migration_helpers import migrate_to

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL

NAMES = [
    "Ёмкость мерная 100 мл",
    "ЕМКОСТЬ для отходов",
    "Колба круглодонная (250 мл)",
    'Шкаф "вытяжной" NEAR окна',
    "Кислота OR основание",
    "Pipette*Star AND co",
    "Насос-дозатор перистальтический",
    "Спирт 100% этиловый",
    "Тест a_b\\c",
    "Весы аналитические ВЛ-210",
    "весы лабораторные",
    "Ёрш для посуды",
    "Стакан {термостойкий} ^100",
    "Колонка: C18 — 150×4,6",
    "Держатель 'фиксатор'",
]

NEEDLES = [
    # ordinary words, Cyrillic, ё = е, case
    "емкость", "ЁМКОСТЬ", "ёмк", "Емк", "ерш", "ЁРШ", "весы", "ВЕСЫ анал", "вес", "ве", "в", "ё",
    "мл", "100", "10", "1", "колба (250", "вл-210", "ВЛ-21", "л-2",
    # several words, mixed lengths (1, 2, 3+ letters)
    "колба мл", "к м", "весы ла", "весы лаб", "спирт 100%", "насос дозатор", "дозатор насос", "нет такого",
    # hostile FTS5 syntax: quotes, asterisks, parentheses, hyphens, NEAR, OR, AND, NOT, column filters
    '"', '""', '"вытяжной"', 'шкаф "выт', 'a"b', "*", "star*", "e*s", "pipette*", "(", ")", "(250", "250)",
    "(250 мл)", "NEAR", "near(", "NEAR(окна", "or", "OR", "кислота OR", "AND", "and co", "NOT", "not",
    "-доз", "насос-", "-", "--", "^100", "^", "колонка:", "c18", "search_key:", "{термостойкий}", "{",
    "%", "_", "a_b", "\\", "b\\c", "'", "'фиксатор'", "+", "×4,6", "—", "150×4",
]


def _oracle(all_items: list[tuple[int, str]], text: str) -> list[int]:
    """What search must find: every word, folded, is a substring of the folded key."""
    words = [fold(w) for w in text.split()]
    return sorted(i for i, key in all_items if all(w in key for w in words))


def _like_ids(text: str, **where) -> list[int]:
    """The same search through LIKE only (the path PostgreSQL and other lists take)."""
    with context.read() as s:
        stmt = select(Item.id).where(*(getattr(Item, k) == v for k, v in where.items()))
        if "status" not in where:
            stmt = stmt.where(Item.status != "written_off")
        return sorted(s.scalars(listing.apply_search(stmt, Item.search_key, text)))


def _service_ids(text: str, **filters) -> list[int]:
    q = ListQuery(search=text, filters=filters, limit=10_000)
    ids = sorted(r["id"] for r in inventory.list_items(q))
    assert inventory.count_items(q) == len(ids), text
    return ids


def _make_items() -> list[int]:
    room = add_room("Лаборатория 305")
    ids = [equipment(n, room_id=room) for n in NAMES]
    ids.append(consumable("Перчатки нитриловые", room_id=room))
    # written off: out of the working list (and of its count), but found with «Списанные»
    for name in ("Ёмкость треснувшая", "Весы списанные", 'Колба "(250)" OR NEAR'):
        inventory.make_movement("write_off", [equipment(name, room_id=room)], reason="сломано")
    return ids


def _keys() -> list[tuple[int, str]]:
    with context.read() as s:
        return [(i, k) for i, k in s.execute(select(Item.id, Item.search_key).where(Item.status != "written_off"))]


def test_index_and_like_find_the_same(db, monkeypatch):
    _make_items()
    keys = _keys()
    with context.read() as s:
        all_keys = list(s.execute(select(Item.id, Item.search_key)))
        written_off = sorted(s.scalars(select(Item.id).where(Item.status == "written_off")))
    assert len(written_off) == 3
    for needle in NEEDLES:
        expected = _oracle(keys, needle)
        assert _like_ids(needle) == expected, needle
        assert _service_ids(needle) == expected, needle
        # with the written-off items, with other filters (other counting paths)
        assert _service_ids(needle, include_written_off=True) == _oracle(all_keys, needle), needle
        assert _service_ids(needle, kind="equipment") == _like_ids(needle, kind="equipment"), needle
        assert (_service_ids(needle, status="written_off")
                == [i for i in _oracle(all_keys, needle) if i in written_off]), needle
    # every word common: the list walks the name index instead of starting from the index's rows
    monkeypatch.setattr(item_list, "COMMON_MATCHES", 0)
    for needle in NEEDLES:
        assert _service_ids(needle) == _oracle(keys, needle), needle
        page = inventory.list_items(ListQuery(search=needle, limit=3))
        assert [r["id"] for r in page] == [r["id"] for r in inventory.list_items(ListQuery(search=needle))][:3]
    # a few that must find something (the oracle is not trivially empty)
    assert len(_service_ids("емкость")) == 2 and len(_service_ids("ЁРШ")) == 1
    assert len(_service_ids('"вытяжной"')) == 1 and len(_service_ids("NEAR")) == 1
    assert len(_service_ids("pipette*")) == 1 and len(_service_ids("(250 мл)")) == 1
    assert len(_service_ids("кислота OR")) == 1 and _service_ids("нет такого") == []


@pytest.mark.sqlite_only
def test_sqlite_search_goes_through_the_trigram_index(db):
    tri = item_list._items_trigram()
    assert tri is not None
    stmt = listing.apply_search(select(Item.id), Item.search_key, "весы ла", trigram=tri)
    sql = str(stmt.compile())
    assert "MATCH" in sql and "LIKE" in sql  # «весы» through the index, «ла» (2 letters) through LIKE
    _make_items()
    with db.engine.connect() as conn:
        n_fts = conn.exec_driver_sql("SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"весы\"'").scalar()
    assert n_fts == 3  # the written-off scales are in the index too (the list filters them)


def test_created_renamed_deleted_items_are_found_at_once(db):
    room = add_room("Лаборатория 101")
    iid = equipment("Термостат жидкостный", room_id=room)
    assert _service_ids("термостат") == [iid]
    assert _service_ids("жидкост") == [iid]
    d = inventory.get_item(iid)
    inventory.update_item(iid, dict(d, name="Криостат циркуляционный"), version=d["version"])
    assert _service_ids("термостат") == []
    assert _service_ids("криостат") == [iid]
    assert _service_ids("КРИОСТАТ цирк") == [iid]
    # a change of something else (quantity, room) leaves the key alone and the item found
    other = add_room("Лаборатория 102")
    d = inventory.get_item(iid)
    inventory.update_item(iid, dict(d, room_id=other), version=d["version"])
    assert _service_ids("криостат") == [iid]
    number = inventory.get_item(iid)["inventory_number"]
    assert _service_ids(number) == [iid]
    assert inventory.find_by_code(number) == iid
    assert inventory.find_by_code(f"{number} Криостат циркуляционный") == iid
    inventory.delete_item(iid)
    assert _service_ids("криостат") == []
    assert _service_ids(number) == []


@pytest.mark.sqlite_only
def test_release_0_1_0_database_upgrades_with_search(tmp_path):
    src = Path(__file__).resolve().parents[1] / "migrations" / "v0.1.0.sqlite3"
    meta = json.loads(src.with_suffix(".json").read_text("utf-8"))
    work = tmp_path / src.name
    shutil.copyfile(src, work)
    db = context.open_database(work)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    assert item_list._items_trigram() is not None
    with db.engine.connect() as conn:
        assert (conn.exec_driver_sql("SELECT count(*) FROM items_fts").scalar()
                == conn.exec_driver_sql("SELECT count(*) FROM items").scalar() == meta["counts"]["items"])
    keys = _keys()
    for number, name, _cost in meta["sample"]["items"]:
        word = max(name.split(), key=len)
        assert _service_ids(word) == _oracle(keys, word) != [], word
        if number:
            assert inventory.find_by_code(number) is not None
    for needle in ("весы", "кол", "ХП-", "реактив", "пр", "а", '"('):
        assert _service_ids(needle) == _oracle(keys, needle), needle
    context.close_database()


@pytest.mark.sqlite_only
def test_downgrade_drops_the_index_and_upgrade_rebuilds_it(db_path):
    db = context.open_database(db_path)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    iid = equipment("Рефрактометр")

    migrate_to(db, "0006_cluster", down=True)
    with db.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE 'items_fts%'")}
    assert names == set()
    migrate_to(db, "head", down=False)
    item_list._fts_present.clear()
    assert _service_ids("рефрактометр") == [iid]


# --- alerts ------------------------------------------------------------------------------------------------
def _alerting_items() -> None:
    room = add_room("Склад реактивов")
    today = dt.date.today()
    for i in range(3):
        inventory.create_item(
            {"kind": "reagent", "name": f"Кислота {i}", "storage_group": "acids", "room_id": room},
            [{"amount": "1", "unit": "л", "expires_on": today - dt.timedelta(days=1 + i), "storage_place": "Шкаф 1"},
             {"amount": "1", "unit": "л", "expires_on": today + dt.timedelta(days=5 + i), "storage_place": "Шкаф 1"}])
    inventory.create_item({"kind": "reagent", "name": "Натрия гидроксид", "storage_group": "bases", "room_id": room},
                          [{"amount": "1", "unit": "кг", "storage_place": "шкаф 1"}])
    for i in range(4):
        consumable(f"Фильтры {i}", qty="1", minimum="10", room_id=room)


def test_alert_counts_in_sql_agree_with_the_list(db):
    assert inventory.alert_counts() == {}
    _alerting_items()
    full = inventory.alerts()
    counts = inventory.alert_counts()
    assert counts == dict(Counter(a.kind for a in full))
    assert counts == {"expired": 3, "incompatible": 1, "low_stock": 4, "expiring": 3}
    # bad first: expired, incompatible; then low stock, expiring
    assert [a.kind for a in full] == ["expired"] * 3 + ["incompatible"] + ["low_stock"] * 4 + ["expiring"] * 3
    for n in range(len(full) + 2):
        assert [a.text for a in inventory.alerts(limit=n)] == [a.text for a in full[:n]]
    room = inventory.room_by_name("Склад реактивов")["id"]
    assert inventory.alert_counts(room) == counts
    assert inventory.alert_counts(add_room("Пустая")) == {}
    assert inventory.summary()["alerts"] == counts


def _fts_state() -> tuple[list[str], int]:
    """The index's triggers, and the number of items the index finds for «стул» (after an integrity check)."""
    with context.read() as s:
        conn = s.connection()
        triggers = sorted(r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'items_fts%'"))
        conn.exec_driver_sql("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)")
        n = conn.exec_driver_sql("SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"стул\"'").scalar()
    return triggers, n


@pytest.mark.sqlite_only
def test_bulk_import_indexes_in_one_pass_and_keeps_the_trigger(db, tmp_path):
    """An import indexes its rows in one pass (the per-row trigger set aside inside the transaction): the
    rows are found at once, the trigger is back, and items created afterwards are indexed by it."""
    import sys

    from chemcluster_desktop.services.errors import Cancelled
    from tests.inventory.helpers import make_xlsx

    triggers = ["items_fts_ad", "items_fts_ai", "items_fts_au"]
    path = make_xlsx(tmp_path / "chairs.xlsx", [[i, None, f"Стул лабораторный {i}", "", "", "6 900"]
                                                for i in range(1, 41)])

    def cancel_while_inserting() -> bool:  # a cancel that arrives after the trigger was set aside
        return any(sys._getframe(k).f_code.co_name == "_insert_with_ids" for k in range(1, 4))

    with pytest.raises(Cancelled):
        inventory.import_inventory(path, cancelled=cancel_while_inserting)
    assert _fts_state() == (triggers, 0)
    assert inventory.count_items(ListQuery(search="стул")) == 0

    report = inventory.import_inventory(path)
    assert report.imported == 40
    assert _fts_state() == (triggers, 40)
    assert inventory.count_items(ListQuery(search="СТУЛ лаб")) == 40
    assert [r["name"] for r in inventory.list_items(ListQuery(search="лабораторный 17"))] == ["Стул лабораторный 17"]
    iid = inventory.create_item({"kind": "furniture", "name": "Стул винтовой"})
    assert _fts_state() == (triggers, 41)
    assert [r["id"] for r in inventory.list_items(ListQuery(search="винтов"))] == [iid]
