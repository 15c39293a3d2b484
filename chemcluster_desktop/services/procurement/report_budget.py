"""``chemcluster report budget [--source CODE]``: the procurement budget by funding source."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import printing

TITLE = "Бюджет закупок по источникам финансирования"
FILTERS = ["source"]


def build(dest, *, progress=None, cancelled=None, source: str | None = None) -> printing.ReportResult:
    from chemcluster_desktop.reports import budget
    from chemcluster_desktop.services.procurement import documents as procurement_print

    if progress:
        progress(0, 2)
    rep = procurement_print.budget_report(source)
    if progress:
        progress(1, 2)
    budget.build(dest, rep, cancelled=cancelled)
    if progress:
        progress(2, 2)
    return printing.ReportResult(str(dest), printing.page_count(dest), translate("Reports", TITLE), len(rep.lines))
