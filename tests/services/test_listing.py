"""The list query and the list declaration shared by every paged list (services/listing.py)."""

from __future__ import annotations

import dataclasses

import pytest

from chemcluster_desktop.services import journal, locations
from chemcluster_desktop.services.listing import ListQuery


def test_a_query_is_frozen_and_changes_make_a_new_one():
    given = {"kind": "store"}
    q = ListQuery(search="колба", filters=given, sort="name")
    given["kind"] = "lab"  # the caller's dict is copied, not shared
    assert q.filter("kind") == "store"
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.search = "пипетка"
    with pytest.raises(TypeError):
        q.filters["kind"] = "lab"
    q2 = dataclasses.replace(q, search="пипетка", offset=200)
    assert (q.search, q.offset) == ("колба", 0) and (q2.search, q2.offset) == ("пипетка", 200)
    q3 = q2.with_filters(kind=None, building_id=3)
    assert dict(q3.filters) == {"building_id": 3} and q3.offset == 0 and dict(q2.filters) == {"kind": "store"}
    assert q == ListQuery(search="колба", filters={"kind": "store"}, sort="name")
    assert hash(q) == hash(ListQuery(search="колба", filters={"kind": "store"}, sort="name"))


def test_count_and_page_come_from_one_declaration(db, as_role):
    as_role("admin")
    b1 = locations.create_building("Корпус А")
    b2 = locations.create_building("Корпус Б")
    for name, b, kind in (("101", b2, "laboratory"), ("102", b1, "store"), ("201", b1, "laboratory")):
        locations.create_room(name, b, kind)
    q = ListQuery(limit=2)
    assert locations.count_rooms(q) == 3
    # natural order (no sort key): by building, then name; the window is the page
    assert [r["name"] for r in locations.list_rooms(q)] == ["102", "201"]
    assert [r["name"] for r in locations.list_rooms(dataclasses.replace(q, offset=2))] == ["101"]
    # a sort key of the declaration, both ways; each row gets its kind's label
    rows = locations.list_rooms(ListQuery(sort="name", descending=True))
    assert [r["name"] for r in rows] == ["201", "102", "101"]
    assert all(r["kind_label"] for r in rows)
    assert locations.count_rooms(ListQuery(filters={"building_id": b1})) == 2
    assert [r["rooms"] for r in locations.list_buildings_page(ListQuery(sort="rooms"))] == [1, 2]
    # the journal: newest first without a sort key
    ids = [r["id"] for r in journal.page(ListQuery(filters={"entity": "Room"}))]
    assert journal.count(ListQuery(filters={"entity": "Room"})) == len(ids) == 3
    assert ids == sorted(ids, reverse=True)
