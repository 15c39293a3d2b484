"""Group inventory objects: a lab sheet whose rows are groups (keep / split), a part of a group moved or
written off, a group counted at a stock-taking unit by unit, labels per group or per unit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from chemcluster_desktop.services import inventory, printing
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory import stocktaking as st
from chemcluster_desktop.services.listing import ListQuery
from tests.inventory.files import LAB_SHEET
from tests.inventory.helpers import add_room, decision, pdf_text, room_ids

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL

ROOM = "Лаборатория аналитической химии (ауд. 214)"


def _items() -> dict[str, dict]:
    return {r["name"]: r for r in inventory.list_items(ListQuery(limit=500))}


def test_lab_sheet_keeps_groups(db):
    rep = inventory.import_inventory(LAB_SHEET, room=ROOM)
    # every good row is imported with its quantity; the two bad rows are named with their reasons
    assert rep.imported == 9 and rep.created == 9 and rep.created_rooms == [ROOM]
    bad = dict(rep.skipped)
    assert sorted(bad) == [13, 14]
    assert "ИН-0102" in bad[13] and "строке 5" in bad[13]
    assert "целое число" in bad[14]
    items = _items()
    table = items["Стол химический лабораторный"]
    assert table["kind"] == "furniture" and table["quantity"] == Decimal(6)
    assert table["inventory_number"] == "ИН-0101" and table["room"] == ROOM
    assert items["Колба мерная 100 мл"]["quantity"] == Decimal(24)
    assert items["Перчатки нитриловые"]["kind"] == "consumable"
    assert inventory.is_group("furniture", table["quantity"]) and not inventory.is_group("equipment", Decimal(1))
    card = inventory.get_item(table["id"])
    assert card["is_group"] and card["history"][0]["quantity"] == Decimal(6)
    # the preview said what would happen to each row
    pv = inventory.preview_import(LAB_SHEET, room=ROOM)
    acts = {a.row: a for a in pv.actions}
    assert acts[4].action == "update" and acts[13].action == "skip" and acts[14].action == "skip"


def test_lab_sheet_split_into_units(db):
    pv = inventory.preview_import(LAB_SHEET, room=ROOM, groups="split")
    acts = {a.row: a for a in pv.actions}
    assert acts[4].action == "create" and acts[4].cards == 6 and "6 карточек" in acts[4].reason
    rep = inventory.import_inventory(LAB_SHEET, room=ROOM, groups="split")
    assert rep.created == 9 and rep.cards_created == 6 + 12 + 1 + 2 + 4 + 1 + 24 + 10 + 1
    tables = [r for r in inventory.list_items(ListQuery(search="Стол химический", limit=50))]
    assert len(tables) == 6 and all(t["quantity"] == 1 for t in tables)
    numbers = {t["inventory_number"] for t in tables}
    assert len(numbers) == 6 and all(n.startswith("ХП-") for n in numbers)
    assert {inventory.get_item(t["id"])["accounting_number"] for t in tables} == {"ИН-0101"}
    # the unit row keeps its own number; importing again updates the split cards, creates none
    assert _items()["Шкаф вытяжной"]["inventory_number"] == "ИН-0103"
    n = inventory.count_items(ListQuery())
    rep2 = inventory.import_inventory(LAB_SHEET, room=ROOM, groups="split")
    assert rep2.created == 0 and rep2.updated == 9 and inventory.count_items(ListQuery()) == n
    with pytest.raises(ValidationError, match="keep"):
        inventory.import_inventory(LAB_SHEET, groups="halves")


def test_part_of_a_group_moves_and_is_written_off_as_its_own_card(db):
    inventory.import_inventory(LAB_SHEET, room=ROOM)
    other = add_room("Лаборатория 203", responsible="Орлов Д. С.")
    stirrers = _items()["Мешалка магнитная ММ-5"]
    res = inventory.make_movement("transfer", [(stirrers["id"], "1")], to_room_id=other)
    assert res.lines == 1
    group = inventory.get_item(stirrers["id"])
    assert group["quantity"] == Decimal(3) and group["room_id"] == room_ids()[ROOM]
    part = next(r for r in inventory.list_items(ListQuery(search="Мешалка", limit=10)) if r["id"] != stirrers["id"])
    card = inventory.get_item(part["id"])
    assert card["quantity"] == Decimal(1) and card["room_id"] == other and card["responsible"] == "Орлов Д. С."
    assert card["accounting_number"] == "ИН-0202" and card["inventory_number"] != "ИН-0202"
    assert [h["number"] for h in card["history"]] == [res.number] and "выделено из группы" in card["notes"].lower()
    # a write-off of 2 of the 3 left: the 2 become a written-off card, the group keeps 1
    wo = inventory.make_movement("write_off", [(stirrers["id"], 2)], reason="Разбиты")
    assert inventory.get_item(stirrers["id"])["quantity"] == Decimal(1)
    gone = [r for r in inventory.list_items(ListQuery(search="Мешалка", limit=10,
                                                      filters={"include_written_off": True}))
            if r["status"] == "written_off"]
    assert len(gone) == 1 and gone[0]["quantity"] == Decimal(2)
    assert inventory.get_item(gone[0]["id"])["history"][0]["number"] == wo.number
    # part of a group is a whole number of units; more than the group has is refused
    with pytest.raises(ValidationError):
        inventory.make_movement("write_off", [(_items()["Стол химический лабораторный"]["id"], "1,5")],
                                reason="x")
    with pytest.raises(ValidationError):
        inventory.make_movement("write_off", [(_items()["Стол химический лабораторный"]["id"], 7)], reason="x")


def test_stocktaking_counts_found_units_of_a_group(db):
    inventory.import_inventory(LAB_SHEET, room=ROOM)
    room = room_ids()[ROOM]
    chairs = _items()["Стул лабораторный"]
    sid = st.start(room, decision=decision([room]))
    results = [st.scan(sid, "ИН-0102") for _ in range(10)]
    assert all(r.status == "found" for r in results)
    assert "10 из 12" in results[-1].text
    line = next(ln for ln in st.get(sid)["lines"] if ln["item_id"] == chairs["id"])
    assert line["expected"] == Decimal(12) and line["found"] == Decimal(10)
    for ln in st.get(sid)["lines"]:
        if ln["item_id"] != chairs["id"]:
            st.set_found(sid, ln["id"], ln["expected"])
    st.close(sid)
    plan = st.posting_plan(sid)
    (pl,) = plan.lines
    assert pl.action == "write_off" and pl.quantity == Decimal(2) and not pl.whole
    st.post(sid, reason="Недостача по инвентаризации")
    assert inventory.get_item(chairs["id"])["quantity"] == Decimal(10)
    written = [r for r in inventory.list_items(ListQuery(search="Стул", filters={"include_written_off": True}))
               if r["status"] == "written_off"]
    assert len(written) == 1 and written[0]["quantity"] == Decimal(2)


def test_card_takes_a_group_and_refuses_a_fraction(db):
    gid = inventory.create_item({"kind": "furniture", "name": "Табурет", "quantity": "5"})
    assert inventory.get_item(gid)["quantity"] == Decimal(5)
    with pytest.raises(ValidationError, match="целое"):
        inventory.create_item({"kind": "equipment", "name": "Пипетка", "quantity": "2,5"})
    # the card's count of a group changed by hand is a document in the history, not a silent change
    d = inventory.get_item(gid)
    d["quantity"] = Decimal(3)
    inventory.update_item(gid, d, version=d["version"])
    hist = inventory.get_item(gid)["history"]
    assert [h["kind"] for h in hist] == ["receipt", "write_off"] and hist[-1]["quantity"] == Decimal(2)


def test_labels_one_per_group_or_one_per_unit(db, tmp_path):
    inventory.import_inventory(LAB_SHEET, room=ROOM)
    ids = ",".join(str(_items()[n]["id"]) for n in ("Стол химический лабораторный", "Шкаф вытяжной"))
    one = printing.build("labels", tmp_path / "group.pdf", ids=ids)
    assert one.rows == 2
    text, _pages = pdf_text(one.path)
    assert "группа, 6 шт." in text
    each = printing.build("labels", tmp_path / "unit.pdf", ids=ids, per="unit")
    assert each.rows == 7
    text, _pages = pdf_text(each.path)
    assert len(re.findall(r"ИН-0101", text)) == 6 and "(6 из 6)" in text
    with pytest.raises(ValidationError):
        printing.build("labels", tmp_path / "x.pdf", ids=ids, per="half")


def test_inventory_list_prints_quantity_and_sum(db, tmp_path):
    inventory.import_inventory(LAB_SHEET, room=ROOM)
    res = printing.build("inventory", tmp_path / "list.pdf", room=ROOM)
    text, _pages = pdf_text(res.path)
    flat = text.replace("\u00a0", " ")
    assert "Стол химический лабораторный" in flat
    assert "147 000,00" in flat  # 6 × 24 500,00


def test_accreditation_matching_counts_a_group_quantity(db, tmp_path):
    """A room whose things came in as group rows covers the checklist by their quantities."""
    from openpyxl import Workbook

    from chemcluster_desktop.services import accreditation as acc
    from tests.accreditation.helpers import shape_sample

    acc.import_infrastructure_list(shape_sample(tmp_path / "il.xlsx"), "Лабораторный химический анализ")
    wb = Workbook()
    ws = wb.active
    ws.append(["Наименование", "Инв. номер", "Вид", "Кол-во", "Цена"])
    for r in (["Весы электронные лабораторные", "ИН-1", "Оборудование", 3, "18 400"],
              ["Плитка нагревательная", "ИН-2", "Оборудование", 3, "6 900"],
              ["Колба коническая 100 мл", "ИН-3", "Оборудование", 9, "120"],
              ["Шкаф вытяжной", "ИН-4", "Мебель", 1, "187 000"],
              ["Огнетушитель", "ИН-5", "Оборудование", 2, "1 900"],
              ["Стол", "ИН-6", "Мебель", 2, "8 000"],
              ["Стул", "ИН-7", "Мебель", 4, "3 200"]):
        ws.append(r)
    wb.save(tmp_path / "room.xlsx")
    rep = inventory.import_inventory(tmp_path / "room.xlsx", room="Ауд. 214")
    assert rep.imported == 7 and rep.skipped == []  # the old import refused 6 of these 7 rows
    wid = acc.create_workshop(dict(name="Мастерская ЛХА", rooms=["Ауд. 214"],
                                   competency="Лабораторный химический анализ", workplaces=3))
    acc.match(wid)
    lines = {ln["name"]: ln for ln in acc.checklist(wid)}
    assert lines["Колба коническая 100 мл"]["required"] == 9
    assert lines["Колба коническая 100 мл"]["available"] == 9 and lines["Колба коническая 100 мл"]["status"] == "met"
    assert lines["Стул"]["available"] == 4 and lines["Стул"]["status"] == "met"
    st_ = acc.status(wid)
    assert st_["met"] >= 7 and st_["coverage_percent"] > 80
