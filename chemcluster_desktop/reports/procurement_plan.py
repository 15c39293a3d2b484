"""The plan-schedule of equipment purchases (план-график) as a signed PDF: one row per line with its
needs, the status and the contract; totals by funding source. Plain data in, PDF out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import styles as st


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


def build(dest, rep: PlanReport, *, cancelled: Callable[[], bool] | None = None) -> None:
    info = st.DocInfo(title=translate("Reports", "План-график закупок оборудования"), college=rep.college, subtitle=rep.subtitle,
                      landscape=True, logo_png=rep.logo_png,
                      signatures=[(translate("Reports", "Контрактный управляющий"), rep.manager), (translate("Reports", "Директор"), rep.director)])
    w = st.content_width(info)
    widths = [w * f for f in (0.07, 0.27, 0.08, 0.05, 0.10, 0.11, 0.06, 0.09, 0.08, 0.09)]
    rows = []
    total = Decimal("0.00")
    for ln in rep.lines:
        needs = "\n".join(f"— {n['name']}: {st.number(n['quantity'])} {n['unit']}" for n in ln.get("needs", []))
        subject = st.p(f"{ln['title']}\n{needs}" if needs else ln["title"], st.CELL)
        contract = ln.get("contract", "")
        if ln.get("supplier"):
            contract = f"{contract}\n{ln['supplier']}\n{st.money(ln['contract_price'])} ₽"
        rows.append([ln["number"], subject, ln.get("okpd2", ""), ln.get("law", ""), st.p(ln.get("method", ""), st.CELL),
                     st.p(ln.get("source", ""), st.CELL), _period(ln), st.money(ln.get("amount")),
                     st.p(ln.get("status_label", ""), st.CELL), st.p(contract, st.CELL)])
        total += ln.get("amount") or Decimal("0.00")
        if cancelled and cancelled():
            from chemcluster_desktop.errors import Cancelled

            raise Cancelled()
    story = st.table(rows, header=[translate("Reports", "№"), translate("Reports", "Предмет закупки, позиции"), translate("Reports", "ОКПД2"), translate("Reports", "Закон"),
                                   translate("Reports", "Способ определения поставщика"), translate("Reports", "Источник финансирования"),
                                   translate("Reports", "Срок"), translate("Reports", "НМЦК, ₽"), translate("Reports", "Статус"), translate("Reports", "Контракт")],
                     widths=widths, align=["L", "L", "C", "C", "L", "L", "C", "R", "L", "L"], chunk=40)
    if not rows:
        story.append(st.p(translate("Reports", "В плане-графике нет строк.")))
    story.append(Spacer(1, 4 * mm))
    summary = [[st.p(name, st.CELL), st.money(amount)] for name, amount in rep.by_source]
    total_label = translate("Reports", "Итого по плану-графику")
    summary.append([st.markup(f"<b>{total_label}</b>", st.CELL), st.money(total)])
    story.append(st.h3(translate("Reports", "Итоги по источникам финансирования")))
    story += st.table(summary, header=[translate("Reports", "Источник"), translate("Reports", "НМЦК, ₽")], widths=[w * 0.4, w * 0.15],
                      align=["L", "R"], zebra=False)
    st.build_pdf(dest, info, story, cancelled=cancelled)
