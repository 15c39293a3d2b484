"""Buildings and rooms: the reference list every area points at (items stand in rooms, workshops
occupy rooms, needs are for rooms).

Lists for the GUI's table model: :func:`count_rooms` / :func:`list_rooms` (search over the room's
name and responsible person, filters ``building_id`` and ``kind``), :func:`count_buildings` /
:func:`list_buildings_page`. Writes need the ``reference.write`` right and are refused with a
clear message when the name is taken in the same building or when other records refer to the room.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Float, cast, func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import listing, security
from chemcluster_desktop.services.common import require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import (
    DuplicateError,
    NotFoundError,
    ValidationError,
)
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.textcheck import check_text
from chemcluster_desktop.storage.core import ROOM_KINDS, Building, Room
from chemcluster_desktop.storage.search import fold

PERMISSION = "reference.write"


def _t(s: str) -> str:
    return translate("Locations", s)


def room_kind_label(kind: str) -> str:
    labels = {
        "laboratory": translate("Locations", "Лаборатория"),
        "workshop": translate("Locations", "Мастерская"),
        "store": translate("Locations", "Склад"),
        "office": translate("Locations", "Кабинет"),
    }
    return labels.get(kind, kind)


@dataclass(frozen=True)
class BuildingInfo:
    id: int
    name: str
    address: str
    version: int
    rooms: int = 0


@dataclass(frozen=True)
class RoomInfo:
    id: int
    name: str
    building_id: int | None
    building: str
    kind: str
    area_m2: str
    responsible: str
    notes: str
    version: int


# --- buildings -----------------------------------------------------------------------------------
def list_buildings() -> list[BuildingInfo]:
    """Every building with its number of rooms, by name (for combo boxes)."""
    with read() as s:
        n_rooms = (select(Room.building_id, func.count(Room.id).label("n")).group_by(Room.building_id)
                   .subquery())
        rows = s.execute(select(Building, func.coalesce(n_rooms.c.n, 0))
                         .outerjoin(n_rooms, n_rooms.c.building_id == Building.id)
                         .order_by(Building.name)).all()
        return [BuildingInfo(b.id, b.name, b.address, b.version, int(n)) for b, n in rows]


_N_ROOMS = select(Room.building_id, func.count(Room.id).label("n")).group_by(Room.building_id).subquery()


def _buildings_stmt(q: ListQuery):
    stmt = (select(Building.id, Building.name, Building.address, func.coalesce(_N_ROOMS.c.n, 0).label("rooms"))
            .outerjoin(_N_ROOMS, _N_ROOMS.c.building_id == Building.id))
    text = fold(q.search)
    if text:
        # buildings are few: fold in Python is not needed, the name is matched on both cases
        ids = [b.id for b in list_buildings() if text in fold(b.name) or text in fold(b.address)]
        stmt = stmt.where(Building.id.in_(ids or [-1]))
    return stmt


BUILDINGS = listing.ListSpec(_buildings_stmt, {"name": Building.name, "address": Building.address,
                                               "rooms": func.coalesce(_N_ROOMS.c.n, 0)}, Building.name, Building.id)
count_buildings = BUILDINGS.count
list_buildings_page = BUILDINGS.page


def _check_building(name: str, address: str) -> tuple[str, str]:
    name = check_text(name, "name", label=_t("Название здания"))
    address = check_text(address, "address", label=_t("Адрес"))
    if not name:
        raise ValidationError(_t("Укажите название здания."), field="name")
    if len(name) > 200:
        raise ValidationError(_t("Название здания длиннее 200 символов; сократите его."), field="name")
    if len(address) > 300:
        raise ValidationError(_t("Адрес длиннее 300 символов; сократите его."), field="address")
    return name, address


def _building_name_taken(s, name: str, except_id: int | None) -> bool:
    key = fold(name)
    for bid, bname in s.execute(select(Building.id, Building.name)):
        if bid != except_id and fold(bname) == key:
            return True
    return False


def create_building(name: str, address: str = "") -> int:
    security.require(PERMISSION)
    name, address = _check_building(name, address)
    with uow() as s:
        if _building_name_taken(s, name, None):
            raise DuplicateError(_t("Здание «{0}» уже есть в справочнике.").format(name), field="name")
        b = Building(name=name, address=address)
        s.add(b)
        s.flush()
        return b.id


def update_building(building_id: int, version: int, name: str, address: str = "") -> None:
    security.require(PERMISSION)
    name, address = _check_building(name, address)
    with uow() as s:
        b = s.get(Building, building_id)
        if b is None:
            raise NotFoundError(_t("Здание не найдено: его удалил другой пользователь. Обновите список (F5)."))
        require_version(b, version)
        if _building_name_taken(s, name, b.id):
            raise DuplicateError(_t("Здание «{0}» уже есть в справочнике.").format(name), field="name")
        b.name, b.address = name, address


def delete_building(building_id: int) -> None:
    security.require(PERMISSION)
    with uow() as s:
        b = s.get(Building, building_id)
        if b is None:
            raise NotFoundError(_t("Здание не найдено: его удалил другой пользователь. Обновите список (F5)."))
        n = s.scalar(select(func.count(Room.id)).where(Room.building_id == b.id)) or 0
        if n:
            raise ValidationError(
                _t("Здание «{0}» нельзя удалить: в нём {1} помещ. Сначала перенесите или удалите помещения.")
                .format(b.name, n))
        s.delete(b)


# --- rooms ---------------------------------------------------------------------------------------
def _rooms_stmt(q: ListQuery):
    stmt = (select(Room.id, Room.name, Room.building_id, func.coalesce(Building.name, "").label("building"),
                   Room.kind, Room.area_m2, Room.responsible, Room.version)
            .outerjoin(Building, Building.id == Room.building_id))
    stmt = listing.apply_search(stmt, Room.search_key, q.search)
    f = q.filters or {}
    if f.get("building_id"):
        stmt = stmt.where(Room.building_id == int(f["building_id"]))
    if f.get("kind"):
        stmt = stmt.where(Room.kind == f["kind"])
    return stmt


ROOM_SORT = {"name": Room.name, "building": Building.name, "kind": Room.kind, "area_m2": cast(Room.area_m2, Float),
             "responsible": Room.responsible}


def _room_row(r) -> dict:
    row = dict(r._mapping)
    row["kind_label"] = room_kind_label(row["kind"])
    return row


# rooms by building and name unless another sort is asked for
ROOMS = listing.ListSpec(_rooms_stmt, ROOM_SORT, Building.name, Room.id,
                         natural_order=(Building.name, Room.name, Room.id), row=_room_row)
count_rooms = ROOMS.count
list_rooms = ROOMS.page


def all_rooms() -> list[RoomInfo]:
    """Every room (for combo boxes in other areas), by building and name."""
    with read() as s:
        rows = s.execute(select(Room, Building.name).outerjoin(Building, Building.id == Room.building_id)
                         .order_by(Building.name, Room.name)).all()
        return [_room_info(r, bname) for r, bname in rows]


def _room_info(r: Room, building: str | None) -> RoomInfo:
    return RoomInfo(r.id, r.name, r.building_id, building or "", r.kind, r.area_m2 or "", r.responsible,
                    r.notes, r.version)


def get_room(room_id: int) -> RoomInfo:
    with read() as s:
        r = s.get(Room, room_id)
        if r is None:
            raise NotFoundError(_t("Помещение не найдено: его удалил другой пользователь. Обновите список (F5)."))
        return _room_info(r, r.building.name if r.building else "")


def find_room(name: str) -> RoomInfo | None:
    """A room by its name (case-insensitive, ё = е); None when there is none."""
    key = fold(name)
    if not key:
        return None
    for r in all_rooms():
        if fold(r.name) == key:
            return r
    return None


def _check_room(name: str, building_id: int | None, kind: str, area_m2: str, responsible: str
                ) -> tuple[str, int | None, str, str | None, str]:
    name = check_text(name, "name", label=_t("Название помещения"))
    if not name:
        raise ValidationError(_t("Укажите название помещения."), field="name")
    if len(name) > 100:
        raise ValidationError(_t("Название помещения длиннее 100 символов; сократите его."), field="name")
    if kind not in ROOM_KINDS:
        raise ValidationError(_t("Неизвестный вид помещения «{0}».").format(kind), field="kind")
    area = (area_m2 or "").strip().replace(",", ".")
    if area:
        try:
            v = float(area)
        except ValueError:
            v = -1
        if v <= 0 or v > 100000:
            raise ValidationError(_t("Площадь — положительное число квадратных метров, например 72,5."),
                                  field="area_m2")
    responsible = check_text(responsible, "responsible", label=_t("Ответственный"))
    if len(responsible) > 200:
        raise ValidationError(_t("ФИО ответственного длиннее 200 символов."), field="responsible")
    if area:
        area = format(Decimal(area).normalize(), "f")  # canonical «72.5»; the GUI shows «72,5»
    return name, (int(building_id) if building_id else None), kind, (area or None), responsible


def _room_name_taken(s, name: str, building_id: int | None, except_id: int | None) -> bool:
    key = fold(name)
    stmt = select(Room.id, Room.name).where(
        Room.building_id.is_(None) if building_id is None else Room.building_id == building_id)
    return any(rid != except_id and fold(rname) == key for rid, rname in s.execute(stmt))


def _building_or_fail(s, building_id: int | None) -> str:
    if building_id is None:
        return ""
    b = s.get(Building, building_id)
    if b is None:
        raise ValidationError(_t("Выбранное здание удалено. Выберите другое."), field="building_id")
    return b.name


def create_room(name: str, building_id: int | None = None, kind: str = "laboratory", area_m2: str = "",
                responsible: str = "", notes: str = "") -> int:
    security.require(PERMISSION)
    name, building_id, kind, area, responsible = _check_room(name, building_id, kind, area_m2, responsible)
    with uow() as s:
        bname = _building_or_fail(s, building_id)
        if _room_name_taken(s, name, building_id, None):
            raise DuplicateError(_t("Помещение «{0}» уже есть в здании «{1}».").format(name, bname or "—"),
                                 field="name")
        r = Room(name=name, building_id=building_id, kind=kind, area_m2=area, responsible=responsible,
                 notes=check_text(notes, "notes"))
        s.add(r)
        s.flush()
        return r.id


def update_room(room_id: int, version: int, *, name: str, building_id: int | None = None,
                kind: str = "laboratory", area_m2: str = "", responsible: str = "", notes: str = "") -> None:
    security.require(PERMISSION)
    name, building_id, kind, area, responsible = _check_room(name, building_id, kind, area_m2, responsible)
    with uow() as s:
        r = s.get(Room, room_id)
        if r is None:
            raise NotFoundError(_t("Помещение не найдено: его удалил другой пользователь. Обновите список (F5)."))
        require_version(r, version)
        bname = _building_or_fail(s, building_id)
        if _room_name_taken(s, name, building_id, r.id):
            raise DuplicateError(_t("Помещение «{0}» уже есть в здании «{1}».").format(name, bname or "—"),
                                 field="name")
        r.name, r.building_id, r.kind, r.area_m2 = name, building_id, kind, area
        r.responsible, r.notes = responsible, check_text(notes, "notes")


def room_references(s, room_id: int) -> dict[str, int]:
    """How many records of other areas refer to the room (those block its deletion)."""
    from chemcluster_desktop.storage.accreditation import WorkshopRoom
    from chemcluster_desktop.storage.inventory import Item, Movement, Stocktaking
    from chemcluster_desktop.storage.procurement import Need

    def n(stmt) -> int:
        return int(s.scalar(stmt) or 0)

    return {
        "items": n(select(func.count(Item.id)).where(Item.room_id == room_id)),
        "workshops": n(select(func.count()).select_from(WorkshopRoom).where(WorkshopRoom.room_id == room_id)),
        "movements": n(select(func.count(Movement.id)).where(
            (Movement.from_room_id == room_id) | (Movement.to_room_id == room_id))),
        "stocktakings": n(select(func.count(Stocktaking.id)).where(Stocktaking.room_id == room_id)),
        "needs": n(select(func.count(Need.id)).where(Need.room_id == room_id)),
    }


def delete_room(room_id: int) -> None:
    security.require(PERMISSION)
    with uow() as s:
        r = s.get(Room, room_id)
        if r is None:
            raise NotFoundError(_t("Помещение не найдено: его удалил другой пользователь. Обновите список (F5)."))
        refs = room_references(s, room_id)
        if any(refs.values()):
            parts = []
            if refs["items"]:
                parts.append(_t("позиций инвентаря: {0}").format(refs["items"]))
            if refs["workshops"]:
                parts.append(_t("мастерских: {0}").format(refs["workshops"]))
            if refs["movements"]:
                parts.append(_t("документов движения: {0}").format(refs["movements"]))
            if refs["stocktakings"]:
                parts.append(_t("инвентаризаций: {0}").format(refs["stocktakings"]))
            if refs["needs"]:
                parts.append(_t("потребностей закупок: {0}").format(refs["needs"]))
            raise ValidationError(
                _t("Помещение «{0}» нельзя удалить: на него ссылаются {1}. Сначала перенесите их в другое "
                   "помещение.").format(r.name, ", ".join(parts)))
        s.delete(r)
