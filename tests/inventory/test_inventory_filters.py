"""The inventory list refuses a filter it does not know (a misspelt one used to list, export and print
every item as if it were the selection), and every caller passes only filters it knows."""

from __future__ import annotations

import pytest

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory.item_list import FILTER_KEYS
from chemcluster_desktop.services.listing import ListQuery
from tests.inventory.helpers import add_room, consumable, equipment


@pytest.fixture
def two_rooms(db):
    a = add_room("Лаборатория аналитической химии (ауд. 201)")
    b = add_room("Склад реактивов (ауд. 012)")
    equipment("Весы аналитические", room_id=a, inventory_number="ОС-1")
    consumable("Перчатки нитриловые", room_id=b)
    return a, b


def test_a_misspelt_filter_is_refused_naming_it(two_rooms, tmp_path):
    a, _b = two_rooms
    assert [r["name"] for r in inventory.list_items(ListQuery(filters={"room_id": a}))] == ["Весы аналитические"]
    bad = ListQuery(filters={"room": a})  # «room» for «room_id»: listed both rooms before
    for call in (inventory.list_items, inventory.count_items, lambda q: list(inventory.iter_items(q)),
                 lambda q: inventory.export_inventory(tmp_path / "x.xlsx", q)):
        with pytest.raises(ValidationError, match="«room»") as e:
            call(bad)
        assert e.value.field == "room" and "room_id" in str(e.value)
    assert not (tmp_path / "x.xlsx").exists()
    with pytest.raises(ValidationError, match="«rooms»"):
        inventory.count_items(ListQuery(search="весы", filters={"kind": "equipment", "rooms": [a]}))


def test_every_known_filter_is_accepted(two_rooms):
    a, _b = two_rooms
    values = {"kind": "equipment", "room_id": a, "status": "in_use", "include_written_off": True, "ids": [1, 2],
              "due_ids": [1], "low_stock": True, "issued": True}
    assert set(values) == FILTER_KEYS
    for k, v in values.items():
        q = ListQuery(filters={k: v})
        assert inventory.count_items(q) == len(inventory.list_items(q)), k


def test_the_page_passes_only_known_filters(window, qtbot, two_rooms):
    a, _b = two_rooms
    page = window.show_page("inventory")
    page.set_kind("consumable")
    page.set_room(a)
    page.status_filter.setCurrentIndex(page.status_filter.findData("repair"))
    page.written_off.setChecked(True)
    page.show_due_items([1], "Поверка")
    for f in (page.current_filters(), page.model.query.filters, page.current_query().filters):
        assert set(f) <= FILTER_KEYS, f
    page.show_due_items(None)
    assert set(page.current_filters()) <= FILTER_KEYS
