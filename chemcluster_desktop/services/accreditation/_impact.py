"""What a bulk action does to the workshops it touches, measured inside its unit of work before and
after (issue 16): readiness (mean coverage) and the links, loans and line photos of each checklist.
The previews of the list import and of the re-match are built from two of these states."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.storage.accreditation import (
    ChecklistLine,
    ChecklistLink,
    ChecklistLoan,
    Evidence,
    Workshop,
)

from ._checklist_sql import _checklist_select


@dataclass
class WorkshopState:
    name: str
    coverage_percent: float
    lines: int
    links: set[int] = field(default_factory=set)
    loans: set[int] = field(default_factory=set)
    photos: set[int] = field(default_factory=set)


@dataclass
class WorkshopImpact:
    """One workshop before → after: readiness and what its checklist loses."""

    workshop_id: int
    name: str
    readiness_before: float
    readiness_after: float
    lines_before: int
    lines_after: int
    links_lost: int
    loans_lost: int
    photos_lost: int

    @property
    def harmed(self) -> bool:
        return bool(self.links_lost or self.loans_lost or self.photos_lost
                    or self.readiness_after < self.readiness_before)


def workshop_states(s: Session, workshop_ids) -> dict[int, WorkshopState]:
    ids = list(workshop_ids)
    if not ids:
        return {}
    s.flush()
    base, e = _checklist_select()
    cov = {r[0]: (float(r[1] or 0), int(r[2])) for r in s.execute(
        base.add_columns(ChecklistLine.workshop_id, func.avg(e["cover"]), func.count(ChecklistLine.id))
        .where(ChecklistLine.workshop_id.in_(ids)).group_by(ChecklistLine.workshop_id))}
    out = {wid: WorkshopState(name, round(cov.get(wid, (0.0, 0))[0] * 100, 1), cov.get(wid, (0.0, 0))[1])
           for wid, name in s.execute(select(Workshop.id, Workshop.name).where(Workshop.id.in_(ids)))}
    for wid, lid in s.execute(select(ChecklistLine.workshop_id, ChecklistLink.id)
                              .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
                              .where(ChecklistLine.workshop_id.in_(ids), ChecklistLink.state != "rejected")):
        out[wid].links.add(lid)
    for wid, lid in s.execute(select(ChecklistLine.workshop_id, ChecklistLoan.id)
                              .join(ChecklistLine, ChecklistLine.id == ChecklistLoan.checklist_line_id)
                              .where(ChecklistLine.workshop_id.in_(ids))):
        out[wid].loans.add(lid)
    for wid, pid in s.execute(select(Evidence.workshop_id, Evidence.id).where(
            Evidence.workshop_id.in_(ids), Evidence.checklist_line_id.is_not(None))):
        out[wid].photos.add(pid)
    return out


def impacts(before: dict[int, WorkshopState], after: dict[int, WorkshopState]) -> list[WorkshopImpact]:
    out = []
    for wid, b in before.items():
        a = after.get(wid) or WorkshopState(b.name, 0.0, 0)
        out.append(WorkshopImpact(wid, b.name, b.coverage_percent, a.coverage_percent, b.lines, a.lines,
                                  len(b.links - a.links), len(b.loans - a.loans), len(b.photos - a.photos)))
    return sorted(out, key=lambda x: x.name)
