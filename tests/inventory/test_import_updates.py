"""A re-import that updates stored cards (written in one flush since the import was profiled): every card
changed gets exactly one «update» entry in the journal with its old and new values and one new version;
a count that goes down is written off, one that goes up is received; a reagent's lot is matched, a new
lot is a new container, its card's quantity is the sum; unnumbered rows find their card by name and room
(or no room)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chemcluster_desktop.services import inventory, journal
from chemcluster_desktop.services.listing import ListQuery
from tests.inventory.helpers import add_room, make_xlsx

HEADER = ["Инв. №", "Наименование", "Модель", "Помещение", "Количество", "Ед. изм.", "CAS", "Партия", "Годен до"]


def _updates_of(item_id: int) -> list[dict]:
    return [journal.entry(e["id"]) for e in journal.history("Item", item_id) if e["action"] == "update"]


def test_reimport_updates_each_card_once_with_its_journal_entry(db, tmp_path):
    lab = add_room("Лаборатория 201")
    store = add_room("Склад реактивов")
    scales = inventory.create_item({"kind": "equipment", "name": "Весы аналитические", "inventory_number": "ИН-7",
                                    "model": "ВЛ-210", "room_id": lab})
    gloves = inventory.create_item({"kind": "consumable", "name": "Перчатки нитриловые", "quantity": "200",
                                    "unit": "пар", "room_id": lab})
    paper = inventory.create_item({"kind": "consumable", "name": "Бумага фильтровальная", "quantity": "3",
                                   "unit": "уп"})
    acetone = inventory.create_item({"kind": "reagent", "name": "Ацетон", "cas_number": "67-64-1",
                                     "room_id": store, "unit": "л"},
                                    containers=[{"amount": "1", "unit": "л", "lot": "A-17",
                                                 "expires_on": dt.date(2028, 1, 1)}])
    versions = {i: inventory.get_item(i)["version"] for i in (scales, gloves, paper, acetone)}
    path = make_xlsx(tmp_path / "again.xlsx", [
        ["ИН-7", "Весы аналитические", "ВЛ-220М", "Лаборатория 201", 1, "шт.", None, None, None],
        [None, "Перчатки нитриловые", None, "Лаборатория 201", 150, "пар", None, None, None],
        [None, "Бумага фильтровальная", None, None, 5, "уп", None, None, None],
        [None, "Ацетон", None, "Склад реактивов", 0.5, "л", "67-64-1", "A-17", None],
        [None, "Ацетон", None, "Склад реактивов", 2, "л", "67-64-1", "B-2", dt.datetime(2029, 5, 1)],
    ], header=HEADER, title_lines=0, totals=False)
    rep = inventory.import_inventory(path)
    assert rep.skipped == [] and rep.created == 0 and rep.updated == 5 and rep.cards_created == 0
    assert inventory.count_items(ListQuery()) == 4

    card = inventory.get_item(scales)
    assert card["model"] == "ВЛ-220М" and card["version"] == versions[scales] + 1
    (e,) = _updates_of(scales)
    assert e["old"]["model"] == "ВЛ-210" and e["new"]["model"] == "ВЛ-220М"

    assert inventory.get_item(gloves)["quantity"] == Decimal(150)
    assert inventory.get_item(gloves)["version"] == versions[gloves] + 1
    (e,) = _updates_of(gloves)
    assert Decimal(e["old"]["quantity"]) == 200 and Decimal(e["new"]["quantity"]) == 150
    assert inventory.get_item(paper)["quantity"] == Decimal(5) and len(_updates_of(paper)) == 1

    card = inventory.get_item(acetone)
    lots = {c["lot"]: c for c in card["containers"]}
    assert sorted(lots) == ["A-17", "B-2"] and lots["A-17"]["amount"] == Decimal("0.5")
    assert lots["B-2"]["amount"] == Decimal(2) and lots["B-2"]["expires_on"] == dt.date(2029, 5, 1)
    assert card["quantity"] == Decimal("2.5")
    # the card's quantity is set after its containers are written: journaled as its own change
    assert [Decimal(e["new"]["quantity"]) for e in _updates_of(acetone) if "quantity" in e["new"]] == [Decimal("2.5")]

    moves = {m["kind"]: m for m in inventory.list_movements()}
    assert moves["write_off"]["lines"] == 1  # the gloves: 200 → 150
    assert moves["receipt"]["lines"] == 1  # the filter paper: 3 → 5

    # importing the same file again changes nothing: no new journal entry for any card
    before = {i: len(_updates_of(i)) for i in (scales, gloves, paper, acetone)}
    again = inventory.import_inventory(path)
    assert again.updated == 5 and again.created == 0
    assert {i: len(_updates_of(i)) for i in (scales, gloves, paper, acetone)} == before
