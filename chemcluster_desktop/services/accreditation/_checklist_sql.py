"""The checklist in SQL, shared by the checklist, readiness, matching and demo modules.

A workshop's checklist is its list × its workplaces held against the inventory items of its rooms
that are linked to each line (see the package's docstring for the rules). :func:`_sync_checklist`
keeps one checklist line per line of the workshop's list; :func:`_checklist_select` gives the
required and available quantities, the status and the coverage of each line as SQL expressions.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, and_, case, cast, delete, func, insert, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from chemcluster_desktop.services import audit
from chemcluster_desktop.storage.accreditation import (
    COUNTING_LINK_STATES,
    ChecklistLine,
    ChecklistLink,
    InfrastructureLine,
    Workshop,
    WorkshopRoom,
)
from chemcluster_desktop.storage.base import Quantity
from chemcluster_desktop.storage.inventory import Item


def _avail_subquery():
    """Available quantity per checklist line: counting links to items still in the workshop's rooms; a
    measuring instrument whose verification (поверка) ran out is not usable and does not count."""
    amount = func.coalesce(ChecklistLink.quantity, Item.quantity)
    usable = or_(Item.measuring.is_(False), Item.verification_until >= dt.date.today())
    return (select(ChecklistLink.checklist_line_id.label("clid"), func.sum(amount).label("avail"),
                   func.count(ChecklistLink.id).label("nlinks"))
            .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
            .join(Item, Item.id == ChecklistLink.item_id)
            .join(WorkshopRoom, and_(WorkshopRoom.workshop_id == ChecklistLine.workshop_id,
                                     WorkshopRoom.room_id == Item.room_id))
            .where(ChecklistLink.state.in_(COUNTING_LINK_STATES), Item.status != "written_off", usable)
            .group_by(ChecklistLink.checklist_line_id).subquery("av"))


def _checklist_select(extra_cols=()):
    """(a select over the checklist lines joined to their list lines and workshops, a dict of the
    expressions ``required``, ``avail``, ``computed``, ``status``, ``cover``, ``nlinks``)."""
    av = _avail_subquery()
    required = type_coerce(InfrastructureLine.quantity * case((InfrastructureLine.per_workplace,
                                                               Workshop.workplaces), else_=1), Quantity())
    avail = func.coalesce(av.c.avail, 0)
    computed = case((avail >= required, "met"), (avail > 0, "partial"), else_="missing")
    status = func.coalesce(ChecklistLine.status_override, computed)
    cover = case((status == "met", 1.0), (status == "missing", 0.0),
                 (avail >= required, 1.0), else_=cast(avail, Float) / cast(required, Float))
    base = (select(*extra_cols)
            .select_from(ChecklistLine)
            .join(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
            .join(Workshop, and_(Workshop.id == ChecklistLine.workshop_id,
                                 Workshop.list_id == InfrastructureLine.list_id))
            .outerjoin(av, av.c.clid == ChecklistLine.id))
    return base, dict(required=required, avail=avail, computed=computed, status=status, cover=cover,
                      nlinks=func.coalesce(av.c.nlinks, 0))


def _sync_checklist(s: Session, workshop_id: int) -> None:
    """One checklist line per line of the workshop's list (INSERT … SELECT); lines of another list go."""
    s.flush()
    w = s.get(Workshop, workshop_id)
    if w is None:
        return
    other = select(InfrastructureLine.id).where(InfrastructureLine.list_id != (w.list_id or -1))
    stale = (ChecklistLine.workshop_id == workshop_id, ChecklistLine.line_id.in_(other))
    audit.record_deleting(s, "accreditation", ChecklistLine, *stale)
    s.execute(delete(ChecklistLine).where(*stale))
    if w.list_id is None:
        return
    have = select(ChecklistLine.line_id).where(ChecklistLine.workshop_id == workshop_id)
    src = select(literal(workshop_id), InfrastructureLine.id, literal(""), literal(""), literal(1)).where(
        InfrastructureLine.list_id == w.list_id, InfrastructureLine.id.not_in(have))
    after = audit.max_id(s, ChecklistLine)
    s.execute(insert(ChecklistLine).from_select(
        ["workshop_id", "line_id", "override_comment", "comment", "version"], src))
    audit.record_inserted(s, "accreditation", ChecklistLine, after, ChecklistLine.workshop_id == workshop_id)


def _bind_unbound_workshops(s: Session, competency_id: int, list_id: int) -> int:
    """Give the competency's workshops that have no list yet this list; how many got it."""
    ids = list(s.scalars(select(Workshop.id).where(Workshop.competency_id == competency_id,
                                                   Workshop.list_id.is_(None))))
    for wid in ids:
        w = s.get(Workshop, wid)
        w.list_id = list_id
        s.flush()
        _sync_checklist(s, wid)
    return len(ids)
