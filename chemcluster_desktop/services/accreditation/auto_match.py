"""The automatic matching of a workshop's checklist against the inventory items of its rooms, as a
use case: gather the open lines and free items, let the scorer (:mod:`.matching`) pair them, store
the confident pairs as applied links and the doubtful ones as proposals for the coordinator."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, case, delete, insert, select, update
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
from . import restore_points as restore
from ._checklist_sql import _checklist_select, _sync_checklist
from ._common import WRITE, _t, _workshop


@dataclass
class LinkChange:
    """One link a (re-)match adds, promotes or drops, as the preview lists it."""

    line: str  # «№ name» of the checklist line
    item: str  # «name (inventory number)»
    score: int
    state: str  # the new state ("auto" / "proposed"), or the old one for a dropped link
    reason: str = ""


@dataclass
class MatchResult:
    workshop: str
    lines: int
    items: int
    applied: int
    proposed: int
    still_open: int
    seconds: float
    dry_run: bool = False
    kept: int = 0  # pending proposals of an earlier run kept as they are
    added: list[LinkChange] = field(default_factory=list)
    dropped: list[LinkChange] = field(default_factory=list)
    restore_point: int | None = None


def match(workshop_ref: int | str, *, dry_run: bool = False, progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None) -> MatchResult:
    """Apply the confident proposals of the automatic matching and leave the doubtful ones (state
    «proposed») for the coordinator. Confirmed and rejected links are kept and respected; pending
    proposals of an earlier run are kept unless the new run applies their item (then the proposal
    becomes the applied link, or goes when the item is applied to another line) or their line is
    covered — every one dropped is listed with the reason. ``dry_run``: the preview, nothing written;
    else a restore point is kept (undo in one step)."""
    require(WRITE)
    t0 = time.perf_counter()
    with context.uow() as s:
        w = _workshop(s, workshop_ref)
        if w.list_id is None:
            raise ValidationError(_t("У мастерской «{0}» нет инфраструктурного листа: импортируйте лист "
                                     "компетенции или выберите его в карточке мастерской.").format(w.name))
        scope = {"workshops": [w.id]}
        before = restore.snapshot(s, scope) if not dry_run else {}
        old = _link_states(s, w.id)
        n_lines, n_items, applied, proposed, still, kept, why = _run(s, w.id, progress=progress,
                                                                      cancelled=cancelled)
        res = MatchResult(w.name, n_lines, n_items, applied, proposed, still, 0.0, dry_run, kept)
        res.added, res.dropped = _changes(old, _link_states(s, w.id), why)
        audit.record(s, "update", "accreditation", "Workshop", w.id,
                     _t("Сопоставление с инвентарём: применено {0}, предложено {1}, снято предложений {2}")
                     .format(applied, proposed, len(res.dropped)))
        if dry_run:
            s.rollback()
        else:
            res.restore_point = restore.make_point(
                s, "match", _t("Сопоставление «{0}»").format(w.name), scope, before, workshop_id=w.id)
        res.seconds = round(time.perf_counter() - t0, 3)
        return res


def _link_states(s: Session, workshop_id: int) -> dict[tuple[int, int], tuple[str, int, str, str]]:
    """(checklist line, item) → (state, score, line label, item label) of the workshop's links."""
    rows = s.execute(select(ChecklistLink.checklist_line_id, ChecklistLink.item_id, ChecklistLink.state,
                            ChecklistLink.score, InfrastructureLine.number, InfrastructureLine.name, Item.name,
                            Item.inventory_number)
                     .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
                     .join(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
                     .join(Item, Item.id == ChecklistLink.item_id)
                     .where(ChecklistLine.workshop_id == workshop_id))
    return {(r[0], r[1]): (r[2], r[3], f"{r[4]} {r[5]}".strip(), f"{r[6]} ({r[7]})" if r[7] else r[6])
            for r in rows}


def _changes(old: dict, new: dict, why: dict) -> tuple[list[LinkChange], list[LinkChange]]:
    added, dropped = [], []
    for key, (st, sc, ln, it) in new.items():
        o = old.get(key)
        if o is None or o[0] != st:
            added.append(LinkChange(ln, it, sc, st, _t("было предложено") if o is not None else ""))
    for key, (st, sc, ln, it) in old.items():
        if key not in new:
            dropped.append(LinkChange(ln, it, sc, st, why.get(key, "")))
    added.sort(key=lambda c: (c.state != "auto", c.line, -c.score))
    dropped.sort(key=lambda c: c.line)
    return added, dropped


def run_match(s: Session, workshop_id: int, *, progress=None, cancelled=None) -> tuple[int, int, int, int, int]:
    """The matching inside a session (also used by the demo): (lines, items, applied, proposed, still open)."""
    return _run(s, workshop_id, progress=progress, cancelled=cancelled)[:5]


def _run(s: Session, workshop_id: int, *, progress=None, cancelled=None) -> tuple:
    """(lines, items, applied, proposed, still open, earlier proposals kept, why each dropped one went)."""
    _sync_checklist(s, workshop_id)
    cl_ids = select(ChecklistLine.id).where(ChecklistLine.workshop_id == workshop_id)
    n_rows, lines = _open_lines(s, workshop_id)
    items = _free_items(s, workshop_id)
    rejected = {(a, b) for a, b in s.execute(
        select(ChecklistLink.checklist_line_id, ChecklistLink.item_id).where(
            ChecklistLink.checklist_line_id.in_(cl_ids), ChecklistLink.state == "rejected"))}
    applied, proposed = m.match(lines, items, rejected=rejected, progress=progress, cancelled=cancelled)
    kept, why = _settle_old_proposals(s, cl_ids, lines, items, applied)
    _store_links(s, cl_ids, [(p, "auto") for p in applied] + [(p, "proposed") for p in proposed])
    covered = {p.line for p in applied}
    still = sum(1 for ln in lines if ln.missing > 0 and ln.key not in covered)
    return n_rows, len(items), len(applied), len(proposed), still, kept, why


def _settle_old_proposals(s: Session, cl_ids, lines, items, applied) -> tuple[int, dict]:
    """The pending proposals of an earlier run: promoted when this run applies the same pair, dropped
    when their item is applied to another line, is no longer free or their line is covered, else kept.
    Returns (how many are kept, {(line, item): why it was dropped})."""
    old = s.execute(select(ChecklistLink.id, ChecklistLink.checklist_line_id, ChecklistLink.item_id)
                    .where(ChecklistLink.checklist_line_id.in_(cl_ids), ChecklistLink.state == "proposed")).all()
    if not old:
        return 0, {}
    pairs = {(p.line, p.item): p for p in applied}
    applied_items = {p.item for p in applied}
    free = {it.key for it in items}
    left = {ln.key: ln.missing for ln in lines}
    for p in applied:
        left[p.line] = left.get(p.line, 0) - p.quantity
    promote, drop, kept, why = [], [], 0, {}
    for lid, line, item in old:
        if (line, item) in pairs:
            promote.append((lid, pairs[(line, item)].score))
            continue
        if item in applied_items:
            why[(line, item)] = _t("позиция инвентаря применена к другой строке")
        elif item not in free:
            why[(line, item)] = _t("позиция больше не свободна (списана, перемещена или уже учтена)")
        elif line not in left:
            why[(line, item)] = _t("статус строки установлен вручную")
        elif left[line] <= 0:
            why[(line, item)] = _t("строка уже закрыта применёнными связями")
        else:
            kept += 1
            continue
        drop.append(lid)
    for lid, score in promote:
        s.execute(update(ChecklistLink).where(ChecklistLink.id == lid).values(state="auto", score=score))
        audit.record(s, "update", "accreditation", "ChecklistLink", lid, _t("Предложение применено сопоставлением"),
                     old={"state": "proposed"}, new={"state": "auto"})
    if drop:
        audit.record_deleting(s, "accreditation", ChecklistLink, ChecklistLink.id.in_(drop))
        s.execute(delete(ChecklistLink).where(ChecklistLink.id.in_(drop)))
    s.flush()
    return kept, why


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
