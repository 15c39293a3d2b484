"""The plan-schedule of equipment purchases (план-график) as a signed PDF: one row per line with its
needs, the status and the contract; totals by funding source. Plain data in, PDF out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import styles as st
from chemcluster_desktop.reports.flow import ONE_TABLE, signed, titled

INACTIVE = ("failed", "cancelled")


def _t(s: str) -> str:
    return translate("Reports", s)


@dataclass
class PlanReport:
    college: str
    subtitle: str
    lines: Sequence[dict]  # services.procurement.plan_schedule_rows()
    manager: str = ""  # контрактный управляющий
    director: str = ""
    logo_png: bytes | None = None
    by_source: list[tuple[str, Decimal]] = field(default_factory=list)


def _period(ln: dict) -> str:
    if not ln.get("year"):
        return ""
    return translate("Reports", "{0} кв. {1}").format(ln["quarter"], ln["year"]) if ln.get("quarter") else str(ln["year"])


def _rows(lines, w, law: str) -> list:
    rows = []
    for ln in lines:
        needs = "\n".join(f"— {n['name']}: {st.number(n['quantity'])} {n['unit']}"
                          + (_t(" (ОКПД2 {0})").format(n["okpd2"]) if n.get("okpd2") else "") for n in ln.get("needs", []))
        subject = st.p(f"{ln['title']}\n{needs}" if needs else ln["title"], st.CELL)
        contract = ln.get("contract", "")
        if ln.get("supplier"):
            contract = f"{contract}\n{ln['supplier']}\n{st.money(ln['contract_price'])} ₽"
        first = st.p(f"{ln['number']}\n{ln.get('ikz') or ''}", st.CELL) if law == "44-ФЗ" else ln["number"]
        rows.append([first, subject, st.p(ln.get("method", ""), st.CELL),
                     st.p(ln.get("source", ""), st.CELL), _period(ln), st.money(ln.get("amount")),
                     st.p(ln.get("status_label", ""), st.CELL), st.p(contract, st.CELL)])
    return rows


def build(dest, rep: PlanReport, *, cancelled: Callable[[], bool] | None = None) -> None:
    """One plan per law (44-ФЗ and 223-ФЗ are separate plans): its lines, «Итого» = the sum of exactly
    those rows; failed and cancelled lines listed apart, outside the total."""
    info = st.DocInfo(title=translate("Reports", "План-график закупок оборудования"), college=rep.college, subtitle=rep.subtitle,
                      landscape=True, logo_png=rep.logo_png,
                      signatures=[(translate("Reports", "Контрактный управляющий"), rep.manager), (translate("Reports", "Директор"), rep.director)])
    w = st.content_width(info)
    widths = [w * f for f in (0.16, 0.28, 0.10, 0.10, 0.06, 0.09, 0.08, 0.13)]
    header = [translate("Reports", "№ / ИКЗ"), translate("Reports", "Предмет закупки, позиции"),
              translate("Reports", "Способ определения поставщика"), translate("Reports", "Источник финансирования"),
              translate("Reports", "Срок"), translate("Reports", "НМЦК, ₽"), translate("Reports", "Статус"),
              translate("Reports", "Контракт")]
    align = ["L", "L", "L", "L", "C", "R", "L", "L"]
    story: list = []
    laws = list(dict.fromkeys([*(x for x in ("44-ФЗ", "223-ФЗ") if any(ln.get("law") == x for ln in rep.lines))]))
    for i, law in enumerate(laws):
        if i:
            story.append(PageBreak())
        title = (translate("Reports", "План-график закупок (Федеральный закон № 44-ФЗ)") if law == "44-ФЗ" else
                 translate("Reports", "План закупки (Федеральный закон № 223-ФЗ)"))
        active = [ln for ln in rep.lines if ln.get("law") == law and ln.get("status") not in INACTIVE]
        apart = [ln for ln in rep.lines if ln.get("law") == law and ln.get("status") in INACTIVE]
        rows = _rows(active, w, law)
        total = sum((ln.get("amount") or Decimal("0.00") for ln in active), Decimal("0.00"))
        rows.append(["", st.markup("<b>" + translate("Reports", "Итого") + "</b>", st.CELL), "", "", "",
                     st.money(total), "", ""])
        # one table, its column header repeated at each page top; the title stays with its first rows
        story += titled([st.h2(title)], st.table(rows, header=header, widths=widths, align=align, chunk=ONE_TABLE),
                        total=True)
        if apart:
            story += titled([Spacer(1, 3 * mm), st.h3(translate("Reports", "Не состоялись или отменены (в итог не входят)"))],
                            st.table(_rows(apart, w, law), header=header, widths=widths, align=align, chunk=ONE_TABLE))
        if cancelled and cancelled():
            from chemcluster_desktop.errors import Cancelled

            raise Cancelled()
    if not laws:
        story.append(st.p(translate("Reports", "В плане-графике нет строк.")))
    summary = [[st.p(name, st.CELL), st.money(amount)] for name, amount in rep.by_source]
    total_label = translate("Reports", "Итого по источникам")
    summary.append([st.markup(f"<b>{total_label}</b>", st.CELL),
                    st.money(sum((a for _n, a in rep.by_source), Decimal("0.00")))])
    story += titled([Spacer(1, 4 * mm), st.h3(translate("Reports", "Итоги по источникам финансирования (без несостоявшихся и отменённых)"))],
                    st.table(summary, header=[translate("Reports", "Источник"), translate("Reports", "НМЦК, ₽")],
                             widths=[w * 0.4, w * 0.15], align=["L", "R"], zebra=False, chunk=ONE_TABLE), total=True)
    story, info = signed(story, info, w)  # the signatures with the last rows, never alone on a page
    st.build_pdf(dest, info, story, cancelled=cancelled)
