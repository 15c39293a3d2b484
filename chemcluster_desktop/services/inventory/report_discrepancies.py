"""``report discrepancies --stocktaking N``: ведомость расхождений по результатам инвентаризации
(ф. 0504092) — per account, shortages and surpluses; a surplus valued at its estimate (typed, or its
card's price)."""

from __future__ import annotations

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP, translate
from chemcluster_desktop.services.errors import NotFoundError
from chemcluster_desktop.services.inventory import paperwork
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.services.inventory.form_codes import account_of
from chemcluster_desktop.services.inventory.positions import position_of
from chemcluster_desktop.services.inventory.surplus import unit_value
from chemcluster_desktop.services.printing import ReportResult, page_count, requisites

TITLE = "Ведомость расхождений по результатам инвентаризации (ф. 0504092)"
DESCRIPTION = QT_TRANSLATE_NOOP("Reports", "Недостачи и излишки по счетам, излишки по текущей оценке")
FILTERS = ["stocktaking"]


def _t(s: str) -> str:
    return translate("Reports", s)


def pick(stocktaking) -> int:
    """The stock-taking asked for, or the latest one."""
    if stocktaking is not None:
        return st_service.find(stocktaking)
    all_ = st_service.list_stocktakings()
    if not all_:
        raise NotFoundError(_t("Инвентаризаций ещё не было: начните её на странице «Инвентарь»."))
    return all_[0]["id"]


def build(dest, *, progress=None, cancelled=None, stocktaking=None) -> ReportResult:
    from chemcluster_desktop.reports import form_results as rep
    from chemcluster_desktop.reports.unified_forms import Requisites, Signer

    sid = pick(stocktaking)
    d = st_service.get(sid)
    dec = paperwork.need_decision(d)
    res = st_service.discrepancies(sid)
    facts = paperwork.item_facts([ln["item_id"] for ln in res.shortages + res.surpluses if ln["item_id"]],
                                 d["started_on"])
    lines = []
    for ln in res.shortages + res.surpluses:
        price = unit_value(ln)
        kind = ln["kind"] or ("equipment" if ln["found"] == 1 else "consumable")
        acc = account_of(kind, price, facts.get(ln["item_id"], {}).get("account"))
        note = ""
        if ln["state"] == "unknown":
            note = _t("не числится по учёту; оценка {0}").format(_t("комиссии") if ln.get("estimate") is not None
                                                                else _t("не указана"))
        elif ln["state"] == "elsewhere":
            note = _t("числится в другом помещении")
        diff = ln["difference"]
        lines.append(rep.DiffLine(acc, ln["name"], ln["inventory_number"], ln["unit"], diff,
                                  None if price is None else price * abs(diff), note))
    data = rep.Discrepancy(number=d["number"], date=(d["closed_at"].date() if d["closed_at"] else d["started_on"]),
                           basis=paperwork.basis_of(dec), responsible=d["responsible"],
                           responsible_position=position_of([d["responsible"]]).get(d["responsible"], ""),
                           rooms=d["room"], lines=lines,
                           commission=[Signer(*x) for x in paperwork.commission_signers(dec)])
    n = rep.build_discrepancies(dest, Requisites(**requisites()), data, cancelled=cancelled)
    return ReportResult(str(dest), page_count(dest), _t(TITLE), n)
