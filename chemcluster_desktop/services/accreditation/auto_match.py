"""The automatic matching of a workshop's checklist against the inventory items of its rooms, as a
use case: gather the open lines and free items, let the scorer (:mod:`.matching`) pair them, store
the confident pairs as applied links and the doubtful ones as proposals for the coordinator."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, delete, insert, select
from sqlalchemy.orm import Session

from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import (
    COUNTING_LINK_STATES,
    ChecklistLine,
    ChecklistLink,
    InfrastructureLine,
    WorkshopRoom,
)
from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.inventory import Item

from . import matching as m
from ._checklist_sql import _checklist_select, _sync_checklist
from ._common import WRITE, _t, _workshop


@dataclass
class MatchResult:
    workshop: str
    lines: int
    items: int
    applied: int
    proposed: int
    still_open: int
    seconds: float


def match(workshop_ref: int | str, *, progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None) -> MatchResult:
    """Apply the confident proposals of the automatic matching and leave the doubtful ones (state
    «proposed») for the coordinator. Confirmed and rejected links are kept and respected."""
    require(WRITE)
    t0 = time.perf_counter()
    with context.uow() as s:
        w = _workshop(s, workshop_ref)
        if w.list_id is None:
            raise ValidationError(_t("У мастерской «{0}» нет инфраструктурного листа: импортируйте лист "
                                     "компетенции или выберите его в карточке мастерской.").format(w.name))
        n_lines, n_items, applied, proposed, still = run_match(s, w.id, progress=progress, cancelled=cancelled)
        audit.record(s, "update", "accreditation", "Workshop", w.id,
                     _t("Сопоставление с инвентарём: применено {0}, предложено {1}").format(applied, proposed))
        return MatchResult(w.name, n_lines, n_items, applied, proposed, still, round(time.perf_counter() - t0, 3))


def run_match(s: Session, workshop_id: int, *, progress=None, cancelled=None) -> tuple[int, int, int, int, int]:
    """The matching inside a session (also used by the demo): (lines, items, applied, proposed, still open)."""
    _sync_checklist(s, workshop_id)
    cl_ids = select(ChecklistLine.id).where(ChecklistLine.workshop_id == workshop_id)
    audit.record_deleting(s, "accreditation", ChecklistLink, ChecklistLink.checklist_line_id.in_(cl_ids),
                          ChecklistLink.state == "proposed")
    s.execute(delete(ChecklistLink).where(ChecklistLink.checklist_line_id.in_(cl_ids),
                                          ChecklistLink.state == "proposed"))
    s.flush()
    n_rows, lines = _open_lines(s, workshop_id)
    items = _free_items(s, workshop_id)
    rejected = {(a, b) for a, b in s.execute(
        select(ChecklistLink.checklist_line_id, ChecklistLink.item_id).where(
            ChecklistLink.checklist_line_id.in_(cl_ids), ChecklistLink.state == "rejected"))}
    applied, proposed = m.match(lines, items, rejected=rejected, progress=progress, cancelled=cancelled)
    _store_links(s, cl_ids, [(p, "auto") for p in applied] + [(p, "proposed") for p in proposed])
    covered = {p.line for p in applied}
    still = sum(1 for ln in lines if ln.missing > 0 and ln.key not in covered)
    return n_rows, len(items), len(applied), len(proposed), still


def _open_lines(s: Session, workshop_id: int) -> tuple[int, list[m.LineIn]]:
    """(how many checklist lines the workshop has, the ones without an override with what they lack)."""
    base, e = _checklist_select()
    rows = s.execute(base.add_columns(ChecklistLine.id, InfrastructureLine.name, InfrastructureLine.specification,
                                      e["required"], e["avail"], ChecklistLine.status_override,
                                      case((e["unconfirmed"], 1), else_=0))
                     .where(ChecklistLine.workshop_id == workshop_id)).all()
    # a line with a manual status the evidence does not support is matched like an open one
    return len(rows), [m.LineIn(r[0], r[1], r[2], Decimal(r[3]) - Decimal(r[4] or 0)) for r in rows
                       if r[5] is None or r[6]]


def _free_items(s: Session, workshop_id: int) -> list[m.ItemIn]:
    """Items in the workshop's rooms, not written off, not yet counted for one of its lines."""
    used = set(s.scalars(select(ChecklistLink.item_id).join(ChecklistLine, ChecklistLine.id ==
                                                             ChecklistLink.checklist_line_id)
                         .where(ChecklistLine.workshop_id == workshop_id,
                                ChecklistLink.state.in_(COUNTING_LINK_STATES))))
    return [m.ItemIn(r[0], r[1], r[2] or "", r[3] or "", r[4]) for r in s.execute(
        select(Item.id, Item.name, Item.model, Item.manufacturer, Item.quantity)
        .join(WorkshopRoom, and_(WorkshopRoom.room_id == Item.room_id, WorkshopRoom.workshop_id == workshop_id))
        .where(Item.status != "written_off")) if r[0] not in used]


def _store_links(s: Session, cl_ids, pairs: list[tuple[m.Pair, str]]) -> None:
    """Insert the pairs as links in the given state, except pairs already linked in any state."""
    now = utcnow()
    existing = {(a, b) for a, b in s.execute(select(ChecklistLink.checklist_line_id, ChecklistLink.item_id)
                                             .where(ChecklistLink.checklist_line_id.in_(cl_ids)))}
    rows = [dict(checklist_line_id=p.line, item_id=p.item, quantity=None, confirmed=False, state=state,
                 score=p.score, created_at=now) for p, state in pairs if (p.line, p.item) not in existing]
    if rows:
        after = audit.max_id(s, ChecklistLink)
        s.execute(insert(ChecklistLink), rows)
        audit.record_inserted(s, "accreditation", ChecklistLink, after, ChecklistLink.checklist_line_id.in_(cl_ids))
