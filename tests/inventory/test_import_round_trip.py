"""No silent loss: export → import into an empty database reproduces the cards field by field; a
reagent card never wipes its substance's hazard data; the column mapping is remembered per header set."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from chemcluster_desktop.services import context, inventory
from chemcluster_desktop.services.inventory.importing import stored_mapping_keys
from chemcluster_desktop.services.listing import ListQuery
from tests.inventory.helpers import add_room

SKIP = {"id", "version", "room_id", "substance_id", "history", "status_label", "kind_label"}
CONT_SKIP = {"id", "item_id", "version"}


def _snapshot() -> dict[str, dict]:
    out = {}
    for r in inventory.list_items(ListQuery(limit=1000, filters={"include_written_off": True})):
        card = inventory.get_item(r["id"])
        d = {k: v for k, v in card.items() if k not in SKIP}
        d["containers"] = sorted(({k: v for k, v in c.items() if k not in CONT_SKIP} for c in d["containers"]),
                                 key=lambda c: c["lot"])
        out[card["inventory_number"] or f"{card['name']}@{card['room']}"] = d
    return out


def _fill():
    lab = add_room("Лаборатория 201")
    store = add_room("Склад реактивов (ауд. 012)")
    inventory.create_item({"kind": "equipment", "name": "Весы аналитические", "inventory_number": "ИН-1",
                           "model": "ВЛ-220М", "serial_number": "SN-77", "manufacturer": "Госметр",
                           "country": "Россия", "cost": Decimal("96800.00"), "commissioned_on": dt.date(2022, 3, 1),
                           "status": "repair", "room_id": lab, "responsible": "Кузнецова Е. А.",
                           "account": "101.34", "accounting_number": "101340001", "notes": "поверка в мае",
                           "custom_fields": {"Поверка до": "2027-05-01", "Класс точности": 1, "Есть паспорт": True,
                                             "Погрешность": 0.1}})
    inventory.create_item({"kind": "furniture", "name": "Стол химический", "inventory_number": "ИН-2",
                           "quantity": "6", "cost": Decimal("24500.00"), "room_id": lab, "account": "101.36"})
    inventory.create_item({"kind": "consumable", "name": "Перчатки нитриловые", "quantity": "200", "unit": "пар",
                           "min_quantity": "50", "cost": Decimal("12.50"), "room_id": lab, "account": "105.36"})
    inventory.create_item({"kind": "reagent", "name": "Ацетон", "cas_number": "67-64-1", "formula": "C3H6O",
                           "ghs_pictograms": ["GHS02", "GHS07"], "h_statements": "H225, H319, H336",
                           "storage_group": "flammables", "room_id": store, "unit": "л"},
                          containers=[
                              {"amount": "1", "unit": "л", "lot": "A-17", "supplier": "ХимМед",
                               "received_on": dt.date(2026, 1, 10), "opened_on": dt.date(2026, 2, 1),
                               "expires_on": dt.date(2028, 1, 1), "storage_place": "Шкаф 3, полка 2"},
                              {"amount": "2.5", "unit": "л", "lot": "A-18", "supplier": "ХимМед",
                               "received_on": dt.date(2026, 3, 5), "expires_on": dt.date(2029, 3, 1),
                               "storage_place": "Шкаф 3, полка 1"}])
    inventory.create_item({"kind": "reagent", "name": "Натрия хлорид", "cas_number": "7647-14-5",
                           "storage_group": "general", "room_id": store, "unit": "г"},
                          containers=[{"amount": "500", "unit": "г", "lot": "N-1",
                                       "expires_on": dt.date(2030, 1, 1)}])


def test_export_import_round_trip_field_by_field(db, tmp_path):
    _fill()
    before = _snapshot()
    out = tmp_path / "inventory.xlsx"
    assert inventory.export_inventory(out) == 6  # four cards, the acetone once per container
    ws = load_workbook(out).active
    head = [c.value for c in ws[1]]
    for col in ("CAS", "Пиктограммы СГС", "H-фразы", "Группа хранения", "Партия", "Годен до", "Место хранения",
                "Счёт учёта", "Номер по учёту", "Дополнительные поля"):
        assert col in head
    context.close_database()
    context.open_database(tmp_path / "empty.sqlite3")
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    rep = inventory.import_inventory(out, strict=True)
    assert rep.skipped == [] and rep.created == 6
    after = _snapshot()
    assert sorted(after) == sorted(before)
    for key, card in before.items():
        for f, v in card.items():
            assert after[key][f] == v, (key, f, v, after[key][f])
    # typed custom fields stay typed
    cf = after["ИН-1"]["custom_fields"]
    assert cf["Класс точности"] == 1 and cf["Есть паспорт"] is True and cf["Погрешность"] == 0.1
    # importing the export again changes nothing and creates nothing
    rep2 = inventory.import_inventory(out)
    assert rep2.created == 0 and rep2.updated == 6 and _snapshot() == after


def test_reagent_card_never_wipes_the_substance(db):
    store = add_room("Склад")
    first = inventory.create_item({"kind": "reagent", "name": "Ацетон", "cas_number": "67-64-1",
                                   "ghs_pictograms": ["GHS02", "GHS07"], "h_statements": "H225, H319",
                                   "storage_group": "flammables", "formula": "C3H6O", "room_id": store})
    # a second card with the same CAS and empty hazard fields: the substance keeps its data
    other = add_room("Лаборатория 201")
    second = inventory.create_item({"kind": "reagent", "name": "Ацетон ЧДА", "cas_number": "67-64-1",
                                    "room_id": other})
    for iid in (first, second):
        card = inventory.get_item(iid)
        assert card["ghs_pictograms"] == "GHS02,GHS07" and card["h_statements"] == "H225,H319"
        assert card["storage_group"] == "flammables" and card["formula"] == "C3H6O"
    assert inventory.get_item(first)["substance_id"] == inventory.get_item(second)["substance_id"]
    # saving the second card as loaded (the form shows the substance's data) changes nothing
    d = inventory.get_item(second)
    inventory.update_item(second, d, version=d["version"])
    assert inventory.get_item(first)["h_statements"] == "H225,H319"
    # a card whose CAS is changed to a known one takes that substance without wiping it
    third = inventory.create_item({"kind": "reagent", "name": "Неизвестное", "room_id": store})
    d = inventory.get_item(third)
    d.update(cas_number="67-64-1", ghs_pictograms=[], h_statements="", storage_group="")
    inventory.update_item(third, d, version=d["version"])
    assert inventory.get_item(third)["h_statements"] == "H225,H319"
    assert inventory.get_item(first)["storage_group"] == "flammables"
    # the known CAS offers the substance's data to a new card
    offer = inventory.substance_by_cas("67-64-1")
    assert offer["ghs_pictograms"] == "GHS02,GHS07" and offer["storage_group"] == "flammables"
    assert offer["cards"] == 3
    assert inventory.substance_by_cas("50-00-0") is None and inventory.substance_by_cas("нет") is None
    # an import with empty hazard columns for a known CAS does not wipe it either
    # (and fills what the substance lacked)


def test_import_never_wipes_and_fills_what_is_missing(db, tmp_path):
    store = add_room("Склад")
    inventory.create_item({"kind": "reagent", "name": "Ацетон", "cas_number": "67-64-1",
                           "ghs_pictograms": ["GHS02"], "h_statements": "H225", "room_id": store})
    wb = Workbook()
    ws = wb.active
    ws.append(["Наименование", "CAS", "Пиктограммы СГС", "H-фразы", "Формула", "Количество", "Помещение", "Партия"])
    ws.append(["Ацетон", "67-64-1", None, None, "C3H6O", 2, "Склад", "Б-1"])
    wb.save(tmp_path / "r.xlsx")
    rep = inventory.import_inventory(tmp_path / "r.xlsx")
    assert rep.updated == 1 and rep.created == 0
    (row,) = inventory.list_items(ListQuery(search="Ацетон"))
    card = inventory.get_item(row["id"])
    assert card["ghs_pictograms"] == "GHS02" and card["h_statements"] == "H225" and card["formula"] == "C3H6O"
    assert [c["lot"] for c in card["containers"]] == ["Б-1"] and card["quantity"] == Decimal(2)


def test_mapping_is_remembered_for_the_same_headers(db, tmp_path):
    def sheet(name, rows):
        wb = Workbook()
        ws = wb.active
        ws.append(["Предмет", "Шифр", "Штук", "Где стоит"])
        for r in rows:
            ws.append(r)
        wb.save(tmp_path / name)
        return tmp_path / name

    a = sheet("a.xlsx", [["Весы", "ИН-1", 1, "Лаборатория 5"]])
    pv = inventory.preview_import(a)
    assert pv.mapping.get(1) != "inventory_number" and not pv.remembered
    maps = ["Шифр=inventory_number", "Штук=quantity", "Где стоит=room"]
    rep = inventory.import_inventory(a, map_headers=maps)
    assert rep.created == 1 and len(stored_mapping_keys()) == 1
    (item,) = inventory.list_items(ListQuery())
    assert item["inventory_number"] == "ИН-1" and item["room"] == "Лаборатория 5"
    # another file with the same headers: the confirmed mapping is used and the preview says so
    b = sheet("b.xlsx", [["Шкаф", "ИН-2", 1, "Лаборатория 5"]])
    pv = inventory.preview_import(b)
    assert pv.remembered and pv.mapping[1] == "inventory_number" and pv.mapping[3] == "room"
    assert any("подтверждено раньше" in n for n in pv.notes)
    assert inventory.import_inventory(b).created == 1
    assert {r["inventory_number"] for r in inventory.list_items(ListQuery())} == {"ИН-1", "ИН-2"}


@pytest.mark.parametrize("bad", [["Шифр"], ["Шифр=colour"]])
def test_bad_map_is_refused(db, tmp_path, bad):
    wb = Workbook()
    wb.active.append(["Наименование", "Шифр"])
    wb.active.append(["Весы", "1"])
    wb.save(tmp_path / "m.xlsx")
    from chemcluster_desktop.services.errors import ValidationError

    with pytest.raises(ValidationError):
        inventory.import_inventory(tmp_path / "m.xlsx", map_headers=bad)
