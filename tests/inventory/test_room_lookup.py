"""The inventory's rooms (the list's room filter) are the locations service's rooms, in its order — read as
columns (no room objects), so they must stay the same rooms with the same names, kinds, МОЛ and buildings."""

from chemcluster_desktop.services import inventory, locations


def test_inventory_rooms_are_the_locations_rooms_in_their_order(demo_db):
    b = locations.create_building("Корпус Б")
    locations.create_room("Ауд. 101 (без корпуса)", kind="office", responsible="Иванова А. А.")
    locations.create_room("Лаборатория Б-2", building_id=b, kind="laboratory")
    want = [{"id": r.id, "name": r.name, "kind": r.kind, "responsible": r.responsible, "building": r.building}
            for r in locations.all_rooms()]
    got = inventory.rooms()
    assert got == want and len(got) > 3
    assert {"Ауд. 101 (без корпуса)", "Лаборатория Б-2"} <= {r["name"] for r in got}
    assert inventory.room_by_name("лаборатория б-2")["building"] == "Корпус Б"
