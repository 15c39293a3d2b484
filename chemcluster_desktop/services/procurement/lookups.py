"""Small look-ups for forms and the overview: workshops, rooms, unplanned needs, counts."""

from __future__ import annotations

from sqlalchemy import and_, func, select

from chemcluster_desktop.services import accreditation
from chemcluster_desktop.services.context import read
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.procurement.needs import list_needs
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.procurement import Contract, Delivery, Need, Offer, PlanLine


def workshops() -> list[tuple[int, str]]:
    """(id, name) of every workshop by name, from the accreditation area."""
    return [(w.id, w.name) for w in accreditation.workshops()]


def rooms() -> list[tuple[int, str]]:
    with read() as s:
        return [(r.id, r.name) for r in s.scalars(select(Room).order_by(Room.name))]


def unplanned_needs() -> list[dict]:
    return list_needs(ListQuery(filters={"unplanned": True}, limit=10000, sort="id"))


def counts() -> dict[str, int]:
    with read() as s:
        return {
            "needs": s.scalar(select(func.count(Need.id))) or 0,
            "offers": s.scalar(select(func.count(Offer.id))) or 0,
            "plan_lines": s.scalar(select(func.count(PlanLine.id))) or 0,
            "contracts": s.scalar(select(func.count(Contract.id))) or 0,
            "pending_deliveries": s.scalar(select(func.count(Delivery.id)).where(Delivery.accepted_at.is_(None))) or 0,
        }


def needs_with_offers() -> list[int]:
    with read() as s:
        return list(s.scalars(select(Need.id).where(and_(Need.id.in_(select(Offer.need_id)))).order_by(Need.id)))
