"""``report inventory-decision --stocktaking N``: the decision (ф. 0510439) the stock-taking carries out."""

from __future__ import annotations

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP, translate
from chemcluster_desktop.services.inventory import paperwork
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.services.inventory.positions import position_of
from chemcluster_desktop.services.inventory.report_discrepancies import pick
from chemcluster_desktop.services.printing import ReportResult, page_count, requisites

TITLE = "Решение о проведении инвентаризации (ф. 0510439)"
DESCRIPTION = QT_TRANSLATE_NOOP("Reports", "Приказ, причина, сроки, помещения и МОЛ, состав комиссии с председателем")
FILTERS = ["stocktaking"]


def _t(s: str) -> str:
    return translate("Reports", s)


def build(dest, *, progress=None, cancelled=None, stocktaking=None) -> ReportResult:
    from chemcluster_desktop.reports import form_results as rep
    from chemcluster_desktop.reports.unified_forms import Requisites, Signer

    d = st_service.get(pick(stocktaking))
    dec = paperwork.need_decision(d)
    pos = position_of([r["responsible"] for r in dec["rooms"]])
    data = rep.Decision(number=dec["number"], date=dec["date"], reason=dec["reason"], starts_on=dec["starts_on"],
                        ends_on=dec["ends_on"],
                        rooms=[(r["name"], f"{pos.get(r['responsible'], '')} {r['responsible']}".strip())
                               for r in dec["rooms"]],
                        accounts=dec["accounts"],
                        commission=[Signer(_t("Председатель комиссии") if m["role"] == "chair" else _t("Член комиссии"),
                                           m["position"], m["name"]) for m in dec["members"]])
    n = rep.build_decision(dest, Requisites(**requisites()), data, cancelled=cancelled)
    return ReportResult(str(dest), page_count(dest), _t(TITLE), n)
