"""Rooms as the inventory sees them (read only; the locations service edits them)."""

from __future__ import annotations

from sqlalchemy import and_, func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.storage.core import Building, Room
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.search import fold


def rooms() -> list[dict]:
    """Every room, by building and name (the order of ``locations.all_rooms``), with what the inventory
    shows of it: one query of columns, no room objects (the list's room filter is filled from it at start;
    loading whole rooms was the start's first ORM object load)."""
    with context.read() as s:
        rows = s.execute(select(Room.id, Room.name, Room.kind, Room.responsible, Building.name)
                         .outerjoin(Building, Building.id == Room.building_id)
                         .order_by(Building.name, Room.name)).all()
    return [{"id": r[0], "name": r[1], "kind": r[2], "responsible": r[3], "building": r[4] or ""} for r in rows]


def room_by_name(name: str) -> dict | None:
    key = fold(name)
    for r in rooms():
        if fold(r["name"]) == key or str(r["id"]) == name.strip():
            return r
    # a short name such as «ауд. 201» or «201» inside the room's full name
    hits = [r for r in rooms() if key and key in fold(r["name"])]
    return hits[0] if len(hits) == 1 else None


def rooms_with_items() -> list[dict]:
    """Rooms with the count of their working items (one grouped query over rooms and items)."""
    with context.read() as s:
        rows = s.execute(select(Room.id, Room.name, func.count(Item.id))
                         .join(Item, and_(Item.room_id == Room.id, Item.status != "written_off"), isouter=True)
                         .group_by(Room.id).order_by(Room.name)).all()
    return [{"id": r[0], "name": r[1], "items": r[2]} for r in rows]
