"""Figures the other areas know, for the dashboard and the computed KPIs: workshop readiness
(accreditation), the budget by funding source (procurement), pupils reached (schedule), and the
registry counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select

from chemcluster_desktop.services import accreditation, context, procurement, schedule
from chemcluster_desktop.services.cluster._common import HUNDRED, READY_THRESHOLD
from chemcluster_desktop.services.cluster.periods import _q
from chemcluster_desktop.storage.cluster import Participant, TrainingDirection


@dataclass
class Readiness:
    available: bool
    workshops: list[dict] = field(default_factory=list)  # {id, name, coverage_percent, ready, competency}
    overall_percent: Decimal | None = None
    ready: int = 0
    note: str = ""


def readiness() -> Readiness:
    """Workshop readiness from ``services.accreditation.cluster_readiness()``: a workshop is ready when
    its list is met to :data:`READY_THRESHOLD` or every line is met; overall is the mean coverage."""
    rows = []
    for r in accreditation.cluster_readiness():
        cov = _q(Decimal(str(r.coverage_percent)))
        ready = cov >= READY_THRESHOLD or bool(r.lines and r.met >= r.lines)
        rows.append({"id": r.workshop_id, "name": r.name, "coverage_percent": cov, "ready": ready,
                     "competency": r.competency or ""})
    rows.sort(key=lambda x: x["name"])
    overall = sum((x["coverage_percent"] for x in rows), Decimal(0)) / len(rows) if rows else None
    return Readiness(True, rows, _q(min(overall, HUNDRED)) if overall is not None else None,
                     sum(1 for x in rows if x["ready"]))


@dataclass
class Budget:
    available: bool
    sources: list[dict] = field(default_factory=list)  # {code, name, limit, planned, contracted, paid}
    total: dict = field(default_factory=dict)
    project_total: Decimal = Decimal("396600000.00")
    grant_cap: Decimal = Decimal("100000000.00")
    note: str = ""


def budget() -> Budget:
    """Budget by funding source from ``services.procurement.budget()``."""
    raw = procurement.budget()
    keys = ("limit", "planned", "contracted", "paid")
    rows = [{"code": r.code, "name": r.name, **{k: getattr(r, k) for k in keys}} for r in raw.rows]
    return Budget(True, rows, {k: getattr(raw.totals, k) for k in keys}, raw.project_total, raw.grant_cap)


@dataclass
class Pupils:
    available: bool
    pupils: int = 0
    classes: int = 0
    schools: int = 0
    note: str = ""


def pupils() -> Pupils:
    """8th-grade pupils reached by the timetable, from ``services.schedule.pupils_reached()``."""
    return Pupils(True, int(schedule.pupils_reached()))


def computed_value(formula: str) -> Decimal | None:
    """The live value of a computed KPI (None when the data is not in the program)."""
    if formula == "participants":
        with context.read() as s:
            return Decimal(s.scalar(select(func.count(Participant.id)).where(Participant.kind != "school")) or 0)
    if formula == "directions":
        with context.read() as s:
            return Decimal(s.scalar(select(func.count(TrainingDirection.id))) or 0)
    if formula == "equipped":
        r = readiness()
        return r.overall_percent if r.available else None
    if formula == "workshops_ready":
        r = readiness()
        return Decimal(r.ready) if r.available else None
    if formula == "budget_paid":
        b = budget()
        return b.total.get("paid") if b.available else None
    if formula == "pupils":
        p = pupils()
        return Decimal(p.pupils) if p.available else None
    return None
