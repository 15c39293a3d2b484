"""``chemcluster report kpi``: the cluster's periodic report on the project card's KPIs."""

from __future__ import annotations

import base64
import datetime as dt

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import cluster, printing

TITLE = "Отчёт о достижении показателей кластера"
FILTERS = ["period"]


def _t(s: str) -> str:
    return translate("Reports", s)


def logo_bytes(college: dict[str, str]) -> bytes | None:
    raw = college.get("college.logo") or ""
    if not raw:
        return None
    try:
        return base64.b64decode(raw)
    except (ValueError, TypeError):
        return None


def build(dest, *, progress=None, cancelled=None, period: str | None = None) -> printing.ReportResult:
    from chemcluster_desktop.reports import kpi as kpi_report

    per = cluster.validate_period(period) if period else None
    if progress:
        progress(0, 3)
    rows = cluster.kpi_rows(per)
    card = [r for r in rows if r.section == "card"]
    own = [r for r in rows if r.section != "card"]
    lines = [kpi_report.KpiLine(i, r.name, r.unit, r.target, r.target_period, r.actual, r.percent, r.previous,
                                r.comment, r.origin, r.section, r.as_of)
             for part in (card, own) for i, r in enumerate(part, 1)]
    if progress:
        progress(1, 3)
    kinds = cluster.kind_names()
    participants = []
    order = {"college": 0, "authority": 1, "employment": 2, "enterprise": 3, "school": 4}
    for p in sorted(cluster.list_participants(), key=lambda x: (order.get(x["kind"], 9), x["name"])):
        agr = ""
        if p["agreement_number"]:
            agr = p["agreement_number"]
            if p["agreement_date"]:
                agr += _t(" от {0}").format(p["agreement_date"].strftime("%d.%m.%Y"))
        participants.append((p["name"], kinds.get(p["kind"], p["kind"]), agr))
    levels = cluster.level_names()
    directions = [(d["code"], d["name"], levels.get(d["level"], d["level"]), d["places_per_year"])
                  for d in cluster.list_directions()]
    b = cluster.budget()
    budget = [(s["name"], s["limit"], s["planned"], s["contracted"], s["paid"]) for s in b.sources] \
        if b.available else []
    college = printing.college_info()
    notes = []
    r = cluster.readiness()
    if not r.available and r.note:
        notes.append(r.note)
    label = per or _t("последние данные на {0}").format(dt.date.today().strftime("%d.%m.%Y"))
    rep = kpi_report.KpiReport(
        college=college.get("college.name", ""), period_label=label, lines=lines,
        director=college.get("college.director", ""), logo_png=logo_bytes(college),
        participants=participants, directions=directions, budget=budget, notes=notes)
    if progress:
        progress(2, 3)
    kpi_report.build(dest, rep, cancelled=cancelled)
    if progress:
        progress(3, 3)
    return printing.ReportResult(str(dest), printing.page_count(dest), translate("Reports", TITLE), len(lines))
