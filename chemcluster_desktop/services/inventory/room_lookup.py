"""Rooms as the inventory sees them (read only; the locations service edits them)."""

from __future__ import annotations

from sqlalchemy import and_, func, select

from chemcluster_desktop.services import context, locations
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.search import fold


def rooms() -> list[dict]:
    """Every room, by building and name (the locations service's list, as dicts)."""
    return [{"id": r.id, "name": r.name, "kind": r.kind, "responsible": r.responsible, "building": r.building}
            for r in locations.all_rooms()]


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
