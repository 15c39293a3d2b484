"""Buildings and rooms: validation, duplicates, rights, optimistic locking, refused deletes."""

from __future__ import annotations

import pytest

from chemcluster_desktop.services import locations
from chemcluster_desktop.services.errors import (
    ConcurrentEditError,
    DuplicateError,
    PermissionDenied,
    ValidationError,
)
from chemcluster_desktop.services.listing import ListQuery


def test_create_list_search_and_filters(db):
    b1 = locations.create_building("Учебный корпус № 1", "пр. Циолковского, 23")
    b2 = locations.create_building("Лабораторный корпус", "")
    r1 = locations.create_room("Лаборатория аналитической химии", b1, "laboratory", "72,5", "Кузнецова Е. А.")
    locations.create_room("Склад реактивов", b2, "store", "", "Ёлкина Т. П.")
    locations.create_room("Мастерская «Химическая технология»", b2, "workshop")
    assert locations.count_rooms(ListQuery()) == 3
    # Cyrillic case-insensitive search in SQL, ё = е
    assert [r["id"] for r in locations.list_rooms(ListQuery(search="АНАЛИТ"))] == [r1]
    assert locations.count_rooms(ListQuery(search="елкина")) == 1
    assert locations.count_rooms(ListQuery(filters={"building_id": b2})) == 2
    assert locations.count_rooms(ListQuery(filters={"kind": "store"})) == 1
    rows = locations.list_rooms(ListQuery(sort="name"))
    assert [r["name"][:5] for r in rows] == ["Лабор", "Масте", "Склад"]
    assert rows[0]["building"] == "Учебный корпус № 1" and rows[0]["kind_label"] == "Лаборатория"
    info = locations.get_room(r1)
    assert info.area_m2 == "72.5" and info.building == "Учебный корпус № 1"
    assert locations.find_room("лаборатория АНАЛИТИЧЕСКОЙ химии").id == r1
    assert [b.rooms for b in locations.list_buildings()] == [2, 1]
    assert locations.count_buildings(ListQuery(search="учебный")) == 1
    assert locations.list_buildings_page(ListQuery(sort="rooms", descending=True))[0]["rooms"] == 2


def test_validation_and_duplicates(db):
    b = locations.create_building("Корпус 1")
    locations.create_room("Ауд. 201", b)
    with pytest.raises(DuplicateError) as e:
        locations.create_room("ауд. 201", b)
    assert e.value.field == "name" and "Корпус 1" in str(e.value)
    locations.create_room("Ауд. 201", None)  # the same name in another (no) building is fine
    with pytest.raises(ValidationError) as e:
        locations.create_room("  ", b)
    assert e.value.field == "name"
    with pytest.raises(ValidationError) as e:
        locations.create_room("Ауд. 202", b, area_m2="много")
    assert e.value.field == "area_m2"
    with pytest.raises(ValidationError):
        locations.create_room("Ауд. 203", b, kind="garage")
    with pytest.raises(DuplicateError):
        locations.create_building("КОРПУС 1")
    with pytest.raises(ValidationError):
        locations.create_building("")
    assert locations.count_rooms(ListQuery()) == 2


def test_rights(db, as_role):
    b = locations.create_building("Корпус 1")
    with as_role("planner"):
        with pytest.raises(PermissionDenied):
            locations.create_room("Ауд. 1", b)
        assert locations.count_rooms(ListQuery()) == 0  # reading is allowed
    with as_role("lab_manager"):
        rid = locations.create_room("Ауд. 1", b)
        locations.delete_room(rid)


def test_concurrent_edit_is_refused(db):
    b = locations.create_building("Корпус 1")
    rid = locations.create_room("Ауд. 1", b)
    seen = locations.get_room(rid)
    locations.update_room(rid, seen.version, name="Ауд. 1а", building_id=b)
    with pytest.raises(ConcurrentEditError):
        locations.update_room(rid, seen.version, name="Ауд. 1б", building_id=b)
    assert locations.get_room(rid).name == "Ауд. 1а"


def test_delete_refused_when_referenced(db):
    from chemcluster_desktop.services.context import uow
    from chemcluster_desktop.storage.inventory import Item

    b = locations.create_building("Корпус 1")
    rid = locations.create_room("Лаборатория 1", b)
    with uow() as s:
        s.add(Item(kind="equipment", name="Весы аналитические", room_id=rid))
    with pytest.raises(ValidationError) as e:
        locations.delete_room(rid)
    assert "Лаборатория 1" in str(e.value) and "позиций инвентаря: 1" in str(e.value)
    assert locations.count_rooms(ListQuery()) == 1
    with pytest.raises(ValidationError) as e:
        locations.delete_building(b)
    assert "Корпус 1" in str(e.value)
    empty = locations.create_building("Пустой корпус")
    locations.delete_building(empty)
    assert [x.name for x in locations.list_buildings()] == ["Корпус 1"]
