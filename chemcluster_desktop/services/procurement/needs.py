"""Needs: what is to be bought, for which workshop and room, typed in or taken from an accreditation
checklist gap; the list with its filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.listing import ListQuery, apply_search, apply_sort, count_of, window
from chemcluster_desktop.services.procurement._common import (
    FROZEN,
    NEEDS,
    _text,
    parse_quantity,
    status_label,
)
from chemcluster_desktop.services.procurement.budgeting import _check_line_limit
from chemcluster_desktop.services.procurement.offers import OfferInfo, _offer_info
from chemcluster_desktop.services.procurement.pricing import _refresh_need_nmck
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import ChecklistLine, Workshop, WorkshopRoom
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.procurement import LAWS, FundingSource, Need, Offer, PlanLine


@dataclass(frozen=True)
class NeedInfo:
    id: int
    name: str
    specification: str
    quantity: Decimal
    unit: str
    room_id: int | None
    room: str
    workshop_id: int | None
    workshop: str
    checklist_line_id: int | None
    zone: str
    justification: str
    okpd2: str
    law: str
    funding_source_id: int | None
    plan_line_id: int | None
    plan_number: str
    status: str
    nmck: Decimal | None
    version: int
    offers: list[OfferInfo] = field(default_factory=list)


def _room_of_workshop(s: Session, workshop_id: int | None) -> int | None:
    if workshop_id is None:
        return None
    return s.scalar(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == workshop_id)
                    .order_by(WorkshopRoom.room_id).limit(1))


def _validate_need(s: Session, data: dict) -> dict:
    out = dict(data)
    out["name"] = _text(data.get("name"), "name", translate("Procurement", "Наименование"), max_len=500)
    out["specification"] = (data.get("specification") or "").strip()
    out["quantity"] = parse_quantity(data.get("quantity"))
    out["unit"] = _text(data.get("unit") or "шт.", "unit", translate("Procurement", "Ед. изм."), max_len=20)
    out["justification"] = (data.get("justification") or "").strip()
    okpd2 = (data.get("okpd2") or "").strip()
    if okpd2 and not all(part.isdigit() for part in okpd2.split(".")):
        raise ValidationError(translate("Procurement", "Код ОКПД2 — цифры через точку, например 26.51.53.140."), field="okpd2")
    out["okpd2"] = okpd2[:20]
    law = (data.get("law") or "44-ФЗ").strip()
    if law not in LAWS:
        raise ValidationError(translate("Procurement", "Закон закупки: 44-ФЗ или 223-ФЗ."), field="law")
    out["law"] = law
    out["zone"] = (data.get("zone") or "")[:20]
    for key, model, what in (("room_id", Room, translate("Procurement", "Карточка помещения")), ("workshop_id", Workshop, translate("Procurement", "Мастерская")),
                             ("funding_source_id", FundingSource, translate("Procurement", "Запись об источнике финансирования")),
                             ("checklist_line_id", ChecklistLine, translate("Procurement", "Строка чек-листа"))):
        if out.get(key) is not None:
            get_or_404(s, model, out[key], what)
    if out.get("room_id") is None and out.get("workshop_id") is not None:
        out["room_id"] = _room_of_workshop(s, out["workshop_id"])
    return out


NEED_FIELDS = ("name", "specification", "quantity", "unit", "room_id", "workshop_id", "checklist_line_id", "zone",
               "justification", "okpd2", "law", "funding_source_id")


def _create_need(s: Session, **data) -> int:
    v = _validate_need(s, {k: data.get(k) for k in NEED_FIELDS})
    n = Need(status="need", **v)
    s.add(n)
    s.flush()
    return n.id


def create_need(data: dict) -> int:
    """A need from ``data``: name, quantity, and optionally unit (шт.), specification, room_id,
    workshop_id, checklist_line_id, zone, justification, okpd2, law, funding_source_id."""
    require(NEEDS)
    with uow() as s:
        return _create_need(s, **data)


def _need_from_checklist_line(s: Session, checklist_line_id: int, quantity=None) -> int:
    cl = get_or_404(s, ChecklistLine, checklist_line_id, translate("Procurement", "Строка чек-листа"))
    dup = s.scalar(select(Need).where(Need.checklist_line_id == checklist_line_id, Need.status != "cancelled"))
    if dup is not None:
        raise DuplicateError(translate("Procurement", "По этой строке чек-листа уже есть потребность № {0} «{1}».").format(dup.id, dup.name))
    line = cl.line
    ws = s.get(Workshop, cl.workshop_id)
    if quantity is None:
        quantity = line.quantity * (ws.workplaces if line.per_workplace and ws else 1)
    just = translate("Procurement", "Закрывает пробел в инфраструктурном листе ({0}): позиция № {1} «{2}».").format(
        ws.name if ws else "", line.number or line.position, line.name)
    return _create_need(s, name=line.name, specification=line.specification, quantity=quantity, unit=line.unit,
                        workshop_id=cl.workshop_id, checklist_line_id=cl.id, zone=line.zone, justification=just)


def need_from_checklist_line(checklist_line_id: int, quantity=None) -> int:
    """A need filled in from an accreditation gap (item, spec, quantity, unit, workshop, room, zone)."""
    require(NEEDS)
    with uow() as s:
        return _need_from_checklist_line(s, checklist_line_id, quantity)


def update_need(need_id: int, data: dict, *, version: int) -> None:
    """Change the fields of :data:`NEED_FIELDS` that ``data`` gives; refused once the price is justified."""
    require(NEEDS)
    with uow() as s:
        n = get_or_404(s, Need, need_id, translate("Procurement", "Потребность"), named=data.get("name"))
        require_version(n, version)
        if n.status in FROZEN:
            raise ValidationError(translate("Procurement", "Потребность «{0}» уже прошла обоснование цены (статус «{1}»): её нельзя "
                                     "изменить.").format(n.name, status_label(n.status)))
        merged = {k: getattr(n, k) for k in NEED_FIELDS}
        merged.update({k: v for k, v in data.items() if k in NEED_FIELDS})
        v = _validate_need(s, merged)
        for k, val in v.items():
            setattr(n, k, val)
        s.flush()
        _refresh_need_nmck(s, n)
        if n.plan_line_id is not None:
            line = s.get(PlanLine, n.plan_line_id)
            _check_line_limit(s, line)


def delete_need(need_id: int, *, version: int | None = None) -> None:
    require(NEEDS)
    with uow() as s:
        n = get_or_404(s, Need, need_id, translate("Procurement", "Потребность"))
        check_version(n, version)
        if n.plan_line_id is not None:
            raise ValidationError(translate("Procurement", "Потребность «{0}» включена в план-график: сначала исключите её из строки "
                                     "плана.").format(n.name))
        s.delete(n)


def _need_info(s: Session, n: Need) -> NeedInfo:
    today = dt.date.today()
    room = s.get(Room, n.room_id) if n.room_id else None
    ws = s.get(Workshop, n.workshop_id) if n.workshop_id else None
    offers = [_offer_info(o, today) for o in sorted(n.offers, key=lambda o: (o.date, o.id))]
    return NeedInfo(n.id, n.name, n.specification, n.quantity, n.unit, n.room_id, room.name if room else "",
                    n.workshop_id, ws.name if ws else "", n.checklist_line_id, n.zone, n.justification, n.okpd2,
                    n.law, n.funding_source_id, n.plan_line_id, n.plan_line.number if n.plan_line else "",
                    n.status, n.nmck, n.version, offers)


def get_need(need_id: int) -> NeedInfo:
    with read() as s:
        return _need_info(s, get_or_404(s, Need, need_id, translate("Procurement", "Потребность")))


def _need_stmt(q: ListQuery):
    offers = select(func.count(Offer.id)).where(Offer.need_id == Need.id).scalar_subquery()
    stmt = (select(Need, Workshop.name.label("workshop"), Room.name.label("room"), PlanLine.number.label("plan"),
                   FundingSource.name.label("source"), offers.label("offers"))
            .outerjoin(Workshop, Workshop.id == Need.workshop_id)
            .outerjoin(Room, Room.id == Need.room_id)
            .outerjoin(PlanLine, PlanLine.id == Need.plan_line_id)
            .outerjoin(FundingSource, FundingSource.id == func.coalesce(PlanLine.funding_source_id,
                                                                          Need.funding_source_id)))
    f = q.filters
    if f.get("status"):
        stmt = stmt.where(Need.status == f["status"])
    if f.get("workshop_id"):
        stmt = stmt.where(Need.workshop_id == f["workshop_id"])
    if f.get("plan_line_id"):
        stmt = stmt.where(Need.plan_line_id == f["plan_line_id"])
    if f.get("unplanned"):
        stmt = stmt.where(Need.plan_line_id.is_(None), Need.status == "need")
    if f.get("from_checklist"):
        stmt = stmt.where(Need.checklist_line_id.is_not(None))
    stmt = apply_search(stmt, Need.search_key, q.search)
    cols = {"id": Need.id, "name": Need.search_key, "quantity": Need.quantity, "status": Need.status, "nmck": Need.nmck,
            "workshop": Workshop.name, "offers": offers, "plan": PlanLine.number, "okpd2": Need.okpd2,
            "law": Need.law}
    return stmt, cols


def count_needs(q: ListQuery) -> int:
    with read() as s:
        return count_of(s, _need_stmt(q)[0])


def list_needs(q: ListQuery) -> list[dict]:
    with read() as s:
        stmt, cols = _need_stmt(q)
        stmt = window(apply_sort(stmt, cols, q, Need.id, Need.id), q)
        out = []
        for n, ws, room, plan, source, n_off in s.execute(stmt):
            out.append({"id": n.id, "name": n.name, "quantity": n.quantity, "unit": n.unit,
                        "workshop": ws or "", "room": room or "", "place": ws or room or "", "okpd2": n.okpd2, "law": n.law,
                        "status": n.status, "nmck": n.nmck, "offers": n_off or 0, "plan": plan or "",
                        "source": source or "", "from_checklist": n.checklist_line_id is not None,
                        "specification": n.specification, "version": n.version})
        return out
