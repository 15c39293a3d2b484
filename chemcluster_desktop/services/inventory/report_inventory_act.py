"""``report inventory-act --stocktaking N``: Акт о результатах инвентаризации (ф. 0510463) summing up
the lists (ф. 0510466) of every stock-taking carried out by the same decision."""

from __future__ import annotations

from decimal import Decimal

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP, translate
from chemcluster_desktop.services.inventory import paperwork
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.services.inventory.positions import position_of
from chemcluster_desktop.services.inventory.report_discrepancies import pick
from chemcluster_desktop.services.printing import ReportResult, page_count, requisites

TITLE = "Акт о результатах инвентаризации (ф. 0510463)"
DESCRIPTION = QT_TRANSLATE_NOOP("Reports", "Итоги всех описей одного решения: по данным учёта, фактически, недостачи и излишки")
FILTERS = ["stocktaking"]


def _t(s: str) -> str:
    return translate("Reports", s)


def _sum(vals) -> Decimal:
    return sum((v for v in vals if v is not None), Decimal(0))


def build(dest, *, progress=None, cancelled=None, stocktaking=None) -> ReportResult:
    from chemcluster_desktop.reports import form_results as rep
    from chemcluster_desktop.reports.unified_forms import Requisites, Signer

    d = st_service.get(pick(stocktaking))
    dec = paperwork.need_decision(d)
    lists = []
    last = None
    positions: dict[str, str] = {}
    for stk in dec["stocktakings"]:
        data = paperwork.stocktaking_lists(stk["id"])
        last = max(last or data["stocktaking"]["started_on"], data["stocktaking"]["started_on"])
        keys = sorted(data["groups"], key=lambda k: (k[0] or "\uffff", k[1]))
        positions.update(position_of([mol for mol, _acc in keys]))
        for k, (mol, acc) in enumerate(keys, 1):
            rows = data["groups"][(mol, acc)]
            book = _sum((r["price"] or 0) * r["book_quantity"] for r in rows)
            actual = _sum((r["price"] or 0) * (r["actual_quantity"] or 0) for r in rows)
            short = _sum((r["price"] or 0) * (r["book_quantity"] - r["actual_quantity"]) for r in rows
                         if r["actual_quantity"] < r["book_quantity"])
            surplus = _sum((r["price"] or 0) * (r["actual_quantity"] - r["book_quantity"]) for r in rows
                           if r["actual_quantity"] > r["book_quantity"])
            lists.append(rep.ActList(paperwork.list_number(stk["number"], k, len(keys)),
                                     f"{positions.get(mol, '')} {mol}".strip(),
                                     paperwork.account_label(acc), len(rows), book, actual, short, surplus))
    act = rep.Act(number=dec["number"], date=dec["ends_on"], basis=paperwork.basis_of(dec), starts_on=dec["starts_on"],
                  ends_on=dec["ends_on"], lists=lists, commission=[Signer(*x) for x in paperwork.commission_signers(dec)])
    n = rep.build_act(dest, Requisites(**requisites()), act, cancelled=cancelled)
    return ReportResult(str(dest), page_count(dest), _t(TITLE), n)
