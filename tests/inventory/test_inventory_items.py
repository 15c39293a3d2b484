"""Inventory services over a real migrated database: cards, numbers, bad input, movements, alerts, lists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chemcluster_desktop.services import context, inventory
from chemcluster_desktop.services.errors import (
    ConcurrentEditError,
    DuplicateError,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)
from chemcluster_desktop.services.listing import ListQuery
from tests.inventory.helpers import add_room, consumable, equipment

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL


def test_cas_check_digit():
    assert inventory.cas_valid("7647-01-0")  # hydrochloric acid
    assert inventory.cas_valid("64-17-5")  # ethanol
    assert inventory.cas_valid("7732-18-5")  # water
    assert not inventory.cas_valid("7647-01-1")
    assert not inventory.cas_valid("7647010")
    assert not inventory.cas_valid("")


def test_demo_cas_numbers_are_valid():
    from chemcluster_desktop.services.inventory.demo import REAGENTS

    for r in REAGENTS:
        assert inventory.cas_valid(r[1]), r


def test_create_equipment_gets_number_and_receipt(db):
    room = add_room("Лаборатория 201")
    iid = equipment(room_id=room)
    d = inventory.get_item(iid)
    year = dt.date.today().year
    assert d["inventory_number"] == f"ХП-{year}-000001"
    assert d["room"] == "Лаборатория 201"
    assert [h["kind"] for h in d["history"]] == ["receipt"]
    assert inventory.next_inventory_number() == f"ХП-{year}-000002"
    iid2 = equipment("Весы второй")
    assert inventory.get_item(iid2)["inventory_number"] == f"ХП-{year}-000002"


def test_number_pattern_setting(db):
    from chemcluster_desktop.services.database import set_settings

    set_settings({"inventory.number_pattern": "ДХТ/{year}/{seq:04d}"})
    iid = equipment()
    assert inventory.get_item(iid)["inventory_number"] == f"ДХТ/{dt.date.today().year}/0001"


def test_bad_input_is_refused_and_nothing_written(db):
    equipment(inventory_number="ОС-1")
    before = inventory.count_items(ListQuery())
    with pytest.raises(DuplicateError) as e:
        equipment("Другой", inventory_number="ОС-1")
    assert e.value.field == "inventory_number" and "ОС-1" in str(e.value)
    with pytest.raises(ValidationError) as e:
        inventory.create_item({"kind": "reagent", "name": "Кислота", "cas_number": "7647-01-1"})
    assert e.value.field == "cas_number"
    with pytest.raises(ValidationError) as e:
        inventory.create_item({"kind": "consumable", "name": "Перчатки", "quantity": "-3"})
    assert e.value.field == "quantity" and "отрицательн" in str(e.value)
    with pytest.raises(ValidationError) as e:
        inventory.create_item({"kind": "consumable", "name": "Перчатки", "quantity": "много"})
    assert e.value.field == "quantity" and "не число" in str(e.value)
    with pytest.raises(ValidationError) as e:
        equipment("Будущее", commissioned_on=dt.date.today() + dt.timedelta(days=3))
    assert e.value.field == "commissioned_on"
    with pytest.raises(ValidationError) as e:
        inventory.create_item({"kind": "equipment", "name": ""})
    assert e.value.field == "name"
    assert inventory.count_items(ListQuery()) == before


def test_reagent_with_containers_and_alerts(db):
    room = add_room("Склад реактивов")
    today = dt.date.today()
    acid = inventory.create_item(
        {"kind": "reagent", "name": "Кислота соляная", "cas_number": "7647-01-0", "storage_group": "acids",
         "ghs_pictograms": "GHS05, 7", "h_statements": "H290 h314", "room_id": room},
        [{"amount": "1", "unit": "л", "expires_on": today - dt.timedelta(days=1), "storage_place": "Шкаф 1"},
         {"amount": "2,5", "unit": "л", "expires_on": today + dt.timedelta(days=10), "storage_place": "Шкаф 1"}])
    d = inventory.get_item(acid)
    assert d["quantity"] == Decimal("3.5")
    assert d["ghs_pictograms"] == "GHS05,GHS07" and d["h_statements"] == "H290,H314"
    assert [c["expiry"] for c in d["containers"]] == ["expired", "expiring"]
    inventory.create_item({"kind": "reagent", "name": "Натрия гидроксид", "cas_number": "1310-73-2",
                           "storage_group": "bases", "room_id": room},
                          [{"amount": "1", "unit": "кг", "storage_place": "шкаф 1"}])
    kinds = sorted(a.kind for a in inventory.alerts())
    assert kinds == ["expired", "expiring", "incompatible"]
    inc = next(a for a in inventory.alerts() if a.kind == "incompatible")
    assert "Кислоты" in inc.text and "Щёлочи" in inc.text
    # search by CAS number
    assert inventory.count_items(ListQuery(search="7647-01")) == 1


def test_container_dates_checked(db):
    with pytest.raises(ValidationError) as e:
        inventory.create_item({"kind": "reagent", "name": "Ацетон"},
                              [{"amount": "1", "received_on": dt.date.today() + dt.timedelta(days=5)}])
    assert e.value.field == "received_on"
    with pytest.raises(ValidationError):
        inventory.create_item({"kind": "reagent", "name": "Ацетон"}, [{"amount": "-1"}])


def test_single_container_edits_recount_the_reagent(db):
    """A container added, corrected or removed on its own: the reagent's amount follows, a stale
    version or a container that is gone is refused with a message, and only reagents take containers."""
    iid = inventory.create_item({"kind": "reagent", "name": "Этанол", "cas_number": "64-17-5"},
                                [{"amount": "1", "unit": "л"}])
    cid = inventory.add_container(iid, {"amount": "0,5", "unit": "л", "lot": "П-7"})
    assert inventory.get_item(iid)["quantity"] == Decimal("1.5")
    c = next(c for c in inventory.get_item(iid)["containers"] if c["id"] == cid)
    inventory.update_container(cid, dict(c, amount="2"), version=c["version"])
    assert inventory.get_item(iid)["quantity"] == Decimal("3")
    with pytest.raises(ConcurrentEditError):
        inventory.update_container(cid, dict(c, amount="3"), version=c["version"])
    inventory.delete_container(cid)
    assert inventory.get_item(iid)["quantity"] == Decimal("1")
    with pytest.raises(NotFoundError, match="Тара"):
        inventory.delete_container(cid)
    with pytest.raises(ValidationError):
        inventory.add_container(equipment("Весы"), {"amount": "1"})


def test_low_stock_alert(db):
    consumable(qty="10", minimum="50")
    consumable("Фильтры", qty="100", minimum="5")
    al = [a for a in inventory.alerts() if a.kind == "low_stock"]
    assert len(al) == 1 and "Перчатки" in al[0].text
    assert inventory.count_items(ListQuery(filters={"low_stock": True})) == 1


def test_movements_transfer_issue_return_write_off(db):
    a, b = add_room("Лаборатория А"), add_room("Лаборатория Б", "Орлов Д. С.")
    scale = equipment(room_id=a)
    gloves = consumable(qty="100", minimum="10", room_id=a)
    r = inventory.make_movement("transfer", [scale], to_room_id=b, reason="к экзамену")
    assert r.number.startswith("ПМ-")
    d = inventory.get_item(scale)
    assert d["room_id"] == b and d["responsible"] == "Орлов Д. С."
    # a partial transfer of a consumable splits it
    inventory.make_movement("transfer", [(gloves, "30")], to_room_id=b)
    assert inventory.get_item(gloves)["quantity"] == 70
    twin = inventory.list_items(ListQuery(search="перчатки", filters={"room_id": b}))
    assert twin and twin[0]["quantity"] == 30
    # issue and return a unit
    inventory.make_movement("issue", [scale], person="Соколова М. П.")
    assert inventory.get_item(scale)["issued_to"] == "Соколова М. П."
    with pytest.raises(ValidationError):
        inventory.make_movement("issue", [scale], person="Другой")
    inventory.make_movement("return", [scale])
    assert inventory.get_item(scale)["issued_to"] == ""
    # more than in stock
    with pytest.raises(ValidationError) as e:
        inventory.make_movement("issue", [(gloves, "71")], person="Орлов")
    assert "в наличии только 70" in str(e.value)
    with pytest.raises(ValidationError):
        inventory.make_movement("write_off", [(gloves, "1000")], reason="порваны")
    assert inventory.get_item(gloves)["quantity"] == 70
    # write-off needs a reason; then the item leaves the working list but keeps its history
    with pytest.raises(ValidationError) as e:
        inventory.make_movement("write_off", [scale])
    assert e.value.field == "reason"
    inventory.make_movement("write_off", [scale], reason="Неисправен, акт № 14")
    d = inventory.get_item(scale)
    assert d["status"] == "written_off"
    assert [h["kind"] for h in d["history"]] == ["receipt", "transfer", "issue", "return", "write_off"]
    assert scale not in [r["id"] for r in inventory.list_items(ListQuery())]
    assert scale in [r["id"] for r in inventory.list_items(ListQuery(filters={"include_written_off": True}))]
    with pytest.raises(ValidationError):
        inventory.make_movement("transfer", [scale], to_room_id=a)
    with pytest.raises(ValidationError):
        inventory.make_movement("transfer", [gloves], to_room_id=None)
    with pytest.raises(ValidationError):
        inventory.make_movement("receipt", [(gloves, "5")], on=dt.date.today() + dt.timedelta(days=1))


def test_delete_only_without_history(db):
    iid = equipment()
    inventory.delete_item(iid)
    assert inventory.count_items(ListQuery()) == 0
    room = add_room("Склад")
    iid = equipment(room_id=room)
    inventory.make_movement("issue", [iid], person="Орлов")
    with pytest.raises(ValidationError):
        inventory.delete_item(iid)


def test_update_checks_version_and_records_count_corrections(db):
    iid = consumable(qty="10", minimum="5")
    d = inventory.get_item(iid)
    inventory.update_item(iid, dict(d, quantity="12"), version=d["version"])
    with pytest.raises(ConcurrentEditError):
        inventory.update_item(iid, dict(d, name="Другое имя"), version=d["version"])
    hist = inventory.get_item(iid)["history"]
    assert [h["kind"] for h in hist] == ["receipt", "receipt"] and hist[-1]["quantity"] == 2


def test_rights(db, as_role):
    with as_role("viewer"):
        with pytest.raises(PermissionDenied):
            equipment()
        assert inventory.count_items(ListQuery()) == 0  # reading is allowed
    with as_role("lab_manager"):
        equipment()


def test_search_cyrillic_sort_and_paging(db):
    equipment("Ёмкость мерная", serial_number="AB-77")
    equipment("Весы ЛАБОРАТОРНЫЕ")
    equipment("Шкаф сушильный")
    assert inventory.count_items(ListQuery(search="емкость")) == 1
    assert inventory.count_items(ListQuery(search="ЁМК")) == 1
    assert inventory.count_items(ListQuery(search="лаборатор весы")) == 1
    assert inventory.count_items(ListQuery(search="ab-77")) == 1
    assert inventory.count_items(ListQuery(search="100%")) == 0
    names = [r["name"] for r in inventory.list_items(ListQuery(sort="name", descending=True))]
    assert names == ["Шкаф сушильный", "Ёмкость мерная", "Весы ЛАБОРАТОРНЫЕ"] or names[0] == "Шкаф сушильный"
    page = inventory.list_items(ListQuery(sort="name", offset=1, limit=1))
    assert len(page) == 1


def test_find_by_code_accepts_label_payloads(db):
    iid = equipment(inventory_number="ХП-2026-000123")
    equipment("Другое", inventory_number="ХП-2026-0001")
    assert inventory.find_by_code("ХП-2026-000123") == iid
    assert inventory.find_by_code("  ХП-2026-000123 Весы аналитические ") == iid
    assert inventory.find_by_code("ХП-2026-000123|ДХТ") == iid
    assert inventory.find_by_code("нет-такого") is None


def test_add_items_in_session_for_procurement(db):
    room = add_room("Мастерская 210")
    with context.uow() as s:
        ids = inventory.add_items_in_session(s, [
            {"kind": "equipment", "name": "Спектрофотометр", "cost": Decimal("186500.00"), "room_id": room},
            {"kind": "equipment", "name": "Спектрофотометр", "cost": Decimal("186500.00"), "room_id": room},
            {"kind": "consumable", "name": "Кюветы", "quantity": "20", "unit": "шт.", "room_id": room},
        ], document="Контракт № 14")
    assert len(ids) == 3
    nums = [inventory.get_item(i)["inventory_number"] for i in ids]
    assert nums[0] and nums[1] and nums[0] != nums[1] and nums[2] is None
    assert inventory.get_item(ids[0])["history"][0]["reason"] == "Контракт № 14"
    # failure inside the caller's transaction writes nothing
    with pytest.raises(ValidationError):
        with context.uow() as s:
            inventory.add_items_in_session(s, [{"kind": "equipment", "name": "Ок"},
                                               {"kind": "consumable", "name": "Плохо", "quantity": "-1"}])
    assert inventory.count_items(ListQuery()) == 3


def test_import_and_export_on_every_backend(db, tmp_path):
    """The Excel import's bulk inserts (ids up front on SQLite, RETURNING elsewhere) on both databases."""
    from tests.inventory.helpers import make_xlsx, ugly_rows

    equipment("Уже есть")  # ids already taken
    rep = inventory.import_inventory(make_xlsx(tmp_path / "u.xlsx", ugly_rows()))
    assert rep.imported == 3
    rows = {r["name"]: r for r in inventory.list_items(ListQuery(limit=50))}
    acid = inventory.get_item(rows["Кислота соляная"]["id"])
    assert acid["containers"][0]["amount"] == Decimal("2.5") and acid["history"][0]["kind"] == "receipt"
    assert inventory.export_inventory(tmp_path / "o.xlsx") == 4
    iid = equipment("После импорта")
    assert iid > max(r["id"] for r in rows.values())
