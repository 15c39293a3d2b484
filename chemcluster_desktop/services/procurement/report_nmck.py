"""``chemcluster report nmck [--need ID | --line NUMBER]``: one НМЦК justification per purchase
(plan-schedule line); every line and every unplanned need with offers when none is given."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import printing

TITLE = "Обоснование НМЦК"
FILTERS = ["need", "line"]


def build(dest, *, progress=None, cancelled=None, need: str | int | None = None,
          line: str | None = None) -> printing.ReportResult:
    from chemcluster_desktop.reports import nmck
    from chemcluster_desktop.services.procurement import documents as procurement_print

    if progress:
        progress(0, 2)
    rep = procurement_print.nmck_report(need, line)
    if progress:
        progress(1, 2)
    nmck.build(dest, rep, cancelled=cancelled)
    if progress:
        progress(2, 2)
    return printing.ReportResult(str(dest), printing.page_count(dest), translate("Reports", TITLE),
                                 len(rep.lines) + len(rep.sections))
