"""``report stocktaking``: the discrepancy list of a stock-taking (by number, or the room's latest)."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import NotFoundError
from chemcluster_desktop.services.inventory import stocktaking as st
from chemcluster_desktop.services.inventory.report_inventory import resolve_room
from chemcluster_desktop.services.printing import ReportResult, college_info, page_count

TITLE = "Ведомость расхождений по результатам инвентаризации"
FILTERS = ["stocktaking", "room"]


def _t(s: str) -> str:
    return translate("Reports", s)


def build(dest, *, progress=None, cancelled=None, stocktaking=None, room=None) -> ReportResult:
    from chemcluster_desktop.reports import stocktaking as rep
    from chemcluster_desktop.reports.styles import DocInfo

    if stocktaking is not None:
        sid = st.find(stocktaking)
    elif room is not None:
        r = resolve_room(room)
        sid = st.latest_for_room(r["id"])
        if sid is None:
            raise NotFoundError(_t("В помещении «{0}» инвентаризаций не было.").format(r["name"]))
    else:
        all_ = st.list_stocktakings()
        if not all_:
            raise NotFoundError(_t("Инвентаризаций ещё не было: начните её на странице «Инвентарь»."))
        sid = all_[0]["id"]
    d = st.get(sid)
    res = st.discrepancies(sid)

    def rows(lines):
        out = []
        for ln in lines:
            note = ""
            if ln["state"] == "unknown":
                note = _t("не числится по учёту")
            elif ln["state"] == "elsewhere":
                note = _t("числится в другом помещении")
            out.append(rep.DiffRow(ln["name"], ln["inventory_number"], ln["serial_number"], ln["unit"],
                                   ln["expected"], ln["found"], ln["sum"], note))
        return out

    data = rep.StocktakingData(
        number=d["number"], room=d["room"], started_on=d["started_on"].strftime("%d.%m.%Y"),
        closed_on=d["closed_at"].strftime("%d.%m.%Y") if d["closed_at"] else "", responsible=d["responsible"],
        expected_count=res.expected, matched=res.matched, shortages=rows(res.shortages),
        surpluses=rows(res.surpluses), status=d["status"])
    signatures = [(_t("Член комиссии"), m.strip()) for m in d["commission"].splitlines() if m.strip()]
    signatures.append((_t("Материально ответственное лицо"), d["responsible"]))
    info = DocInfo(title=_t(TITLE), college=college_info().get("college.name", ""),
                   subtitle=_t("{0} · {1}").format(d["number"], d["room"]), signatures=signatures)
    n = rep.build(dest, info, data, cancelled=cancelled)
    return ReportResult(str(dest), page_count(dest), info.title, n)
