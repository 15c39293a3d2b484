"""Workshops: their competency and list, rooms, workplaces and responsible person.

(Not ``workshops.py``: the package re-exports the function :func:`workshops`, which would shadow
a submodule of that name.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import check_version, get_or_404
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import Competency, InfrastructureList, Workshop, WorkshopRoom
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.search import fold

from ._checklist_sql import _sync_checklist
from ._common import MAX_WORKPLACES, WRITE, _as_dict, _competency, _room, _t, _workshop


@dataclass
class WorkshopInfo:
    id: int
    name: str
    competency_id: int | None
    competency: str
    list_id: int | None
    list_year: int | None
    workplaces: int
    responsible: str
    area_m2: str
    rooms: list[tuple[int, str]]
    notes: str
    has_layout: bool
    layout_plan_name: str
    accreditation_date: dt.date | None
    version: int

    @property
    def room_names(self) -> str:
        return "; ".join(n for _i, n in self.rooms)


def _check_workplaces(n) -> int:
    try:
        n = int(n)
    except (TypeError, ValueError) as e:
        raise ValidationError(_t("Число рабочих мест должно быть целым числом от 1 до {0}.").format(MAX_WORKPLACES),
                              field="workplaces") from e
    if n < 1 or n > MAX_WORKPLACES:
        raise ValidationError(_t("Число рабочих мест должно быть от 1 до {0} (указано {1}).")
                              .format(MAX_WORKPLACES, n), field="workplaces")
    return n


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_t("Название мастерской обязательно."), field="name")
    return name


def _check_rooms(rooms: list) -> None:
    if not rooms:
        raise ValidationError(_t("Укажите хотя бы одно помещение мастерской."), field="rooms")


def _name_taken(s: Session, name: str, except_id: int | None = None) -> None:
    stmt = select(Workshop.name)
    if except_id is not None:
        stmt = stmt.where(Workshop.id != except_id)
    if any(fold(x) == fold(name) for x in s.scalars(stmt)):
        raise DuplicateError(_t("Мастерская «{0}» уже есть.").format(name), field="name")


def _latest_list(s: Session, competency_id: int) -> int | None:
    return s.scalar(select(InfrastructureList.id).where(InfrastructureList.competency_id == competency_id)
                    .order_by(InfrastructureList.year.desc()).limit(1))


def _check_list(s: Session, list_id: int, comp: Competency | None) -> None:
    lst = s.get(InfrastructureList, list_id)
    if lst is None or (comp is not None and lst.competency_id != comp.id):
        raise ValidationError(_t("Выбранный лист не относится к компетенции мастерской."), field="list")


def create_workshop(data, *, create_rooms: bool = False) -> int:
    """``data``: ``name``, ``rooms`` (ids or names, at least one), ``competency`` (id, name or None),
    ``workplaces`` (1–500) required; ``responsible`` and ``area_m2`` (default: the first room's),
    ``list_id`` (default: the competency's latest list), ``notes``, ``accreditation_date``.
    ``create_rooms``: create the rooms and the competency named that do not exist yet (the CLI)."""
    require(WRITE)
    f = _as_dict(data)
    name = _clean_name(f.get("name"))
    if len(name) > 300:
        raise ValidationError(_t("Название мастерской длиннее 300 символов."), field="name")
    n = _check_workplaces(f.get("workplaces"))
    rooms = f.get("rooms") or []
    _check_rooms(rooms)
    competency, list_id = f.get("competency"), f.get("list_id")
    with context.uow() as s:
        _name_taken(s, name)
        comp = None
        if competency not in (None, ""):
            comp, _new = _competency(s, competency, create=create_rooms)
        if list_id is None and comp is not None:
            list_id = _latest_list(s, comp.id)
        elif list_id is not None:
            _check_list(s, list_id, comp)
        room_objs = []
        for r in rooms:
            ro = _room(s, r, create=create_rooms)
            if ro.id not in {x.id for x in room_objs}:
                room_objs.append(ro)
        area = f.get("area_m2") or (room_objs[0].area_m2 or "" if room_objs else "")
        w = Workshop(name=name, competency_id=comp.id if comp else None, list_id=list_id, workplaces=n,
                     responsible=(f.get("responsible") or (room_objs[0].responsible if room_objs else ""))[:200],
                     area_m2=str(area)[:20], notes=f.get("notes") or "",
                     accreditation_date=f.get("accreditation_date"))
        s.add(w)
        s.flush()
        for ro in room_objs:
            s.add(WorkshopRoom(workshop_id=w.id, room_id=ro.id))
        _sync_checklist(s, w.id)
        return w.id


def update_workshop(workshop_id: int, data, *, version: int) -> None:
    """``data`` as for :func:`create_workshop` (the rooms and the competency must exist); a field left
    out is cleared, as an empty field of the form would be."""
    require(WRITE)
    f = _as_dict(data)
    name = _clean_name(f.get("name"))
    n = _check_workplaces(f.get("workplaces"))
    rooms = f.get("rooms") or []
    _check_rooms(rooms)
    competency, list_id = f.get("competency"), f.get("list_id")
    with context.uow() as s:
        w = get_or_404(s, Workshop, workshop_id, _t("Мастерская"), named=name)
        check_version(w, version)
        _name_taken(s, name, except_id=workshop_id)
        comp = _competency(s, competency)[0] if competency not in (None, "") else None
        if list_id is not None:
            _check_list(s, list_id, comp)
        elif comp is not None:
            list_id = _latest_list(s, comp.id)
        w.name, w.workplaces, w.notes = name, n, f.get("notes") or ""
        w.responsible, w.area_m2 = (f.get("responsible") or "")[:200], str(f.get("area_m2") or "")[:20]
        w.competency_id = comp.id if comp else None
        w.list_id = list_id
        w.accreditation_date = f.get("accreditation_date")
        _set_rooms(s, w.id, [_room(s, r, create=False).id for r in rooms])
        s.flush()
        _sync_checklist(s, w.id)


def _set_rooms(s: Session, workshop_id: int, room_ids: list[int]) -> None:
    want = list(dict.fromkeys(room_ids))
    have = set(s.scalars(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == workshop_id)))
    for rid in have - set(want):
        s.execute(delete(WorkshopRoom).where(WorkshopRoom.workshop_id == workshop_id, WorkshopRoom.room_id == rid))
    for rid in want:
        if rid not in have:
            s.add(WorkshopRoom(workshop_id=workshop_id, room_id=rid))


def delete_workshop(workshop_id: int, *, version: int | None = None) -> None:
    require(WRITE)
    with context.uow() as s:
        w = get_or_404(s, Workshop, workshop_id, _t("Мастерская"))
        check_version(w, version)
        s.delete(w)


def workshops() -> list[WorkshopInfo]:
    with context.read() as s:
        ws = list(s.scalars(select(Workshop).order_by(Workshop.name)))
        return [_workshop_info(s, w) for w in ws]


def workshop(workshop_id: int | str) -> WorkshopInfo:
    with context.read() as s:
        return _workshop_info(s, _workshop(s, workshop_id))


def _workshop_info(s: Session, w: Workshop) -> WorkshopInfo:
    rooms = [(r.id, r.name) for r in s.scalars(select(Room).join(WorkshopRoom, WorkshopRoom.room_id == Room.id)
                                              .where(WorkshopRoom.workshop_id == w.id).order_by(Room.name))]
    comp = s.get(Competency, w.competency_id) if w.competency_id else None
    year = s.scalar(select(InfrastructureList.year).where(InfrastructureList.id == w.list_id)) if w.list_id else None
    return WorkshopInfo(w.id, w.name, w.competency_id, comp.name if comp else "", w.list_id, year, w.workplaces,
                        w.responsible, w.area_m2, rooms, w.notes, w.layout_plan is not None, w.layout_plan_name,
                        w.accreditation_date, w.version)


def rooms() -> list[tuple[int, str]]:
    with context.read() as s:
        return [(r.id, r.name) for r in s.scalars(select(Room).order_by(Room.name))]
