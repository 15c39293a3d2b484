"""The checklist in SQL, shared by the checklist, readiness, matching and demo modules.

A workshop's checklist is its list × its workplaces held against the inventory items of its rooms
that are linked to each line (see the package's docstring for the rules). :func:`_sync_checklist`
keeps one checklist line per line of the workshop's list; :func:`_checklist_select` gives the
required and available quantities, the status and the coverage of each line as SQL expressions.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Float,
    and_,
    case,
    cast,
    delete,
    extract,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from chemcluster_desktop.services import audit
from chemcluster_desktop.storage.accreditation import (
    COUNTING_LINK_STATES,
    ChecklistLine,
    ChecklistLink,
    ChecklistLoan,
    InfrastructureLine,
    Workshop,
    WorkshopRoom,
)
from chemcluster_desktop.storage.base import Quantity
from chemcluster_desktop.storage.inventory import Item

# the item statuses that take an item out of use: «на ремонте», «не введено в эксплуатацию», «списано»
UNUSABLE_STATUSES = ("repair", "not_commissioned", "written_off")


def verification_expired(on: dt.date | None = None):
    """SQL: the item is a measuring instrument (средство измерения) whose verification (поверка) has
    run out on ``on`` (today), or that has no verification on record. The columns are the inventory
    paperwork's (issue 13: ``measuring``, ``verified_on``, ``verification_months``); the rule is the
    one of its ``verification_due`` (the interval in months after the last verification, the day
    clamped to the month's end) written in portable SQL. Without those columns: never (false)."""
    measuring = getattr(Item, "measuring", None)
    verified = getattr(Item, "verified_on", None)
    months = getattr(Item, "verification_months", None)
    if measuring is None or verified is None or months is None:
        return false()
    return expired_expr(measuring, verified, months, on or dt.date.today())


def expired_expr(measuring, verified, months, on: dt.date):
    """The rule on any three expressions: due = verified + months (day clamped to the month's end);
    expired when due < on, i.e. more whole months have passed, or as many and the day is later."""
    elapsed = (on.year * 12 + on.month) - (extract("year", verified) * 12 + extract("month", verified))
    run_out = or_(elapsed > months, and_(elapsed == months, extract("day", verified) < on.day))
    return and_(measuring.is_(True),
                or_(verified.is_(None), months.is_(None), months <= 0, run_out))


def usable_condition(on: dt.date | None = None):
    """SQL: an inventory item that may count towards a checklist line — in use (not «на ремонте», not
    «не введено», not written off) and not a measuring instrument with an expired verification."""
    return and_(Item.status.not_in(UNUSABLE_STATUSES), ~verification_expired(on))


def unusable_reason(status: str, expired: bool) -> str:
    """Why a linked item does not count (empty when it does)."""
    from ._common import _t

    if status == "repair":
        return _t("на ремонте")
    if status == "not_commissioned":
        return _t("не введено в эксплуатацию")
    if status == "written_off":
        return _t("списано")
    if expired:
        return _t("истёк срок поверки")
    return ""


def _avail_subquery(on: dt.date | None = None):
    """Available quantity per checklist line from items: counting links to usable items still in the
    workshop's rooms, each with the link's quantity or the item's whole quantity (a group card counts
    its quantity)."""
    amount = func.coalesce(ChecklistLink.quantity, Item.quantity)
    return (select(ChecklistLink.checklist_line_id.label("clid"), func.sum(amount).label("avail"),
                   func.count(ChecklistLink.id).label("nlinks"))
            .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
            .join(Item, Item.id == ChecklistLink.item_id)
            .join(WorkshopRoom, and_(WorkshopRoom.workshop_id == ChecklistLine.workshop_id,
                                     WorkshopRoom.room_id == Item.room_id))
            .where(ChecklistLink.state.in_(COUNTING_LINK_STATES), usable_condition(on))
            .group_by(ChecklistLink.checklist_line_id).subquery("av"))


def loan_in_force(on: dt.date | None = None):
    """SQL: a loan or lease whose term has not run out (a loan signed ahead of the exam counts)."""
    return ChecklistLoan.valid_until >= (on or dt.date.today())


def _loan_subquery(on: dt.date | None = None):
    """Quantity per checklist line covered by loans and leases in force."""
    return (select(ChecklistLoan.checklist_line_id.label("clid"), func.sum(ChecklistLoan.quantity).label("lent"),
                   func.count(ChecklistLoan.id).label("nloans"))
            .where(loan_in_force(on)).group_by(ChecklistLoan.checklist_line_id).subquery("ln"))


def _rank(status):
    return case((status == "met", 2), (status == "partial", 1), else_=0)


def _checklist_select(extra_cols=(), on: dt.date | None = None):
    """(a select over the checklist lines joined to their list lines and workshops, a dict of the
    expressions ``required``, ``items`` (usable linked items), ``lent`` (loans in force), ``avail``
    (both), ``computed`` (from the quantities), ``status`` (the status that counts), ``unconfirmed``
    (a manual status above what the evidence supports), ``cover``, ``nlinks``, ``nloans``).

    The coordinator's manual status counts only where the evidence supports it: a lower status than
    the computed one (an item known to be unfit) counts; a higher one (a «Выполнено» without the
    items or loans behind it) is shown as «вручную, без подтверждения» and the computed status
    counts (issue 14)."""
    av = _avail_subquery(on)
    ln = _loan_subquery(on)
    required = type_coerce(InfrastructureLine.quantity * case((InfrastructureLine.per_workplace,
                                                               Workshop.workplaces), else_=1), Quantity())
    items = type_coerce(func.coalesce(av.c.avail, 0), Quantity())
    lent = type_coerce(func.coalesce(ln.c.lent, 0), Quantity())
    avail = type_coerce(func.coalesce(av.c.avail, 0) + func.coalesce(ln.c.lent, 0), Quantity())
    computed = case((avail >= required, "met"), (avail > 0, "partial"), else_="missing")
    override = ChecklistLine.status_override
    unconfirmed = and_(override.is_not(None), _rank(override) > _rank(computed))
    status = case((override.is_(None), computed), (unconfirmed, computed), else_=override)
    cover = case((status == "met", 1.0), (status == "missing", 0.0),
                 (avail >= required, 1.0), else_=cast(avail, Float) / cast(required, Float))
    base = (select(*extra_cols)
            .select_from(ChecklistLine)
            .join(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
            .join(Workshop, and_(Workshop.id == ChecklistLine.workshop_id,
                                 Workshop.list_id == InfrastructureLine.list_id))
            .outerjoin(av, av.c.clid == ChecklistLine.id)
            .outerjoin(ln, ln.c.clid == ChecklistLine.id))
    return base, dict(required=required, items=items, lent=lent, avail=avail, computed=computed, status=status,
                      unconfirmed=unconfirmed, cover=cover, nlinks=func.coalesce(av.c.nlinks, 0),
                      nloans=func.coalesce(ln.c.nloans, 0))


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
