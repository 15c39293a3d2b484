"""``chemcluster report nmck [--need ID]``: the НМЦК justification table (every need with offers
when no need is given)."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import printing

TITLE = "Обоснование НМЦК"
FILTERS = ["need"]


def build(dest, *, progress=None, cancelled=None, need: str | int | None = None) -> printing.ReportResult:
    from chemcluster_desktop.reports import nmck
    from chemcluster_desktop.services.procurement import documents as procurement_print

    if progress:
        progress(0, 2)
    rep = procurement_print.nmck_report(need)
    if progress:
        progress(1, 2)
    nmck.build(dest, rep, cancelled=cancelled)
    if progress:
        progress(2, 2)
    return printing.ReportResult(str(dest), printing.page_count(dest), translate("Reports", TITLE),
                                 len(rep.sections))
