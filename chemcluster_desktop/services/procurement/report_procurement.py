"""``chemcluster report procurement``: the plan-schedule of equipment purchases."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import printing

TITLE = "План-график закупок оборудования"
FILTERS = ["source", "law"]


def build(dest, *, progress=None, cancelled=None, source: str | None = None,
          law: str | None = None) -> printing.ReportResult:
    from chemcluster_desktop.reports import procurement_plan
    from chemcluster_desktop.services.procurement import documents as procurement_print

    if progress:
        progress(0, 2)
    rep = procurement_print.plan_report(source, law)
    if progress:
        progress(1, 2)
    procurement_plan.build(dest, rep, cancelled=cancelled)
    if progress:
        progress(2, 2)
    return printing.ReportResult(str(dest), printing.page_count(dest), translate("Reports", TITLE), len(rep.lines))
