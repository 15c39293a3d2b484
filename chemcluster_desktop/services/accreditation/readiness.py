"""Readiness of workshops and zones: counts of met / partial / missing lines and the mean coverage,
aggregated in SQL over the checklist expressions of :mod:`._checklist_sql`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.storage.accreditation import (
    ZONES,
    ChecklistLine,
    Competency,
    InfrastructureLine,
    Workshop,
)

from ._checklist_sql import _checklist_select
from ._common import _t, find_workshop_id, zone_label


@dataclass
class WorkshopReadiness:
    workshop_id: int
    name: str
    competency: str
    workplaces: int
    lines: int
    met: int
    partial: int
    missing: int
    coverage_percent: float


@dataclass
class ZoneReadiness:
    zone: str
    label: str
    lines: int
    met: int
    partial: int
    missing: int
    coverage_percent: float


def _readiness_rows(group_zone: bool, workshop_id: int | None = None):
    base, e = _checklist_select()
    cols = [ChecklistLine.workshop_id, func.count(ChecklistLine.id),
            func.sum(case((e["status"] == "met", 1), else_=0)),
            func.sum(case((e["status"] == "partial", 1), else_=0)),
            func.sum(case((e["status"] == "missing", 1), else_=0)),
            func.avg(e["cover"])]
    if group_zone:
        cols.insert(1, InfrastructureLine.zone)
    stmt = base.add_columns(*cols).group_by(ChecklistLine.workshop_id)
    if group_zone:
        stmt = stmt.group_by(InfrastructureLine.zone)
    if workshop_id is not None:
        stmt = stmt.where(ChecklistLine.workshop_id == workshop_id)
    with context.read() as s:
        return s.execute(stmt).all()


def _pct(v) -> float:
    return round(float(v or 0) * 100, 1)


def cluster_readiness() -> list[WorkshopReadiness]:
    """Readiness of every workshop, one aggregate query."""
    agg = {r[0]: r for r in _readiness_rows(False)}
    with context.read() as s:
        ws = s.execute(select(Workshop.id, Workshop.name, func.coalesce(Competency.name, ""), Workshop.workplaces)
                       .outerjoin(Competency, Competency.id == Workshop.competency_id).order_by(Workshop.name)).all()
    out = []
    for wid, name, comp, wp in ws:
        r = agg.get(wid)
        if r is None:
            out.append(WorkshopReadiness(wid, name, comp, wp, 0, 0, 0, 0, 0.0))
        else:
            out.append(WorkshopReadiness(wid, name, comp, wp, int(r[1]), int(r[2] or 0), int(r[3] or 0),
                                         int(r[4] or 0), _pct(r[5])))
    return out


def workshop_readiness(workshop_id: int) -> WorkshopReadiness:
    with context.read() as s:
        w = get_or_404(s, Workshop, workshop_id, _t("Мастерская"))
        comp = s.scalar(select(Competency.name).where(Competency.id == w.competency_id)) or ""
        name, wp = w.name, w.workplaces
    rows = _readiness_rows(False, workshop_id)
    if not rows:
        return WorkshopReadiness(workshop_id, name, comp, wp, 0, 0, 0, 0, 0.0)
    r = rows[0]
    return WorkshopReadiness(workshop_id, name, comp, wp, int(r[1]), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0),
                             _pct(r[5]))


def zone_readiness(workshop_id: int | None = None) -> list[ZoneReadiness]:
    """By zone for one workshop, or for the whole cluster when ``workshop_id`` is None."""
    acc: dict[str, list] = {}
    for r in _readiness_rows(True, workshop_id):
        _wid, zone, n, met, part, miss, cov = r
        a = acc.setdefault(zone, [0, 0, 0, 0, 0.0])
        a[0] += n
        a[1] += met or 0
        a[2] += part or 0
        a[3] += miss or 0
        a[4] += float(cov or 0) * n
    out = []
    for z in ZONES:
        if z in acc:
            n, met, part, miss, cw = acc[z]
            out.append(ZoneReadiness(z, zone_label(z), n, met, part, miss, round(cw / n * 100, 1) if n else 0.0))
    return out


def _jnum(v) -> int | float:
    d = Decimal(v or 0)
    return int(d) if d == d.to_integral_value() else float(d)


def status(workshop_name: str | int) -> dict:
    """The JSON of ``accreditation status --json`` (CLI.md): the counts, and per checklist line its
    required and available quantities, the status that counts, whether the coordinator set a status
    by hand (``manual``; ``unconfirmed`` when the evidence does not support it, ``claimed`` what was
    set) and the evidence: the usable items by inventory number and the loans by document."""
    from .checklists import checklist
    from .evidence import line_evidence

    wid = find_workshop_id(workshop_name)
    r = workshop_readiness(wid)
    ev = line_evidence(wid)
    lines = []
    for row in checklist(wid):
        e = ev.get(row["id"], {"evidence": [], "excluded": []})
        lines.append({"no": row["position"], "number": row["number"], "name": row["name"],
                      "required": _jnum(row["required"]), "available": _jnum(row["available"]),
                      "unit": row["unit"], "status": row["status"], "manual": row["manual"],
                      "unconfirmed": row["unconfirmed"], "claimed": row["status_override"],
                      "evidence": [{"kind": x["kind"], "ref": x["ref"], "quantity": _jnum(x["quantity"])}
                                   for x in e["evidence"]],
                      "excluded": [{"kind": x["kind"], "ref": x["ref"], "reason": x["reason"]}
                                   for x in e["excluded"]]})
    return {"workshop": r.name, "workplaces": r.workplaces, "lines": r.lines, "met": r.met, "partial": r.partial,
            "missing": r.missing, "coverage_percent": r.coverage_percent, "checklist": lines}
