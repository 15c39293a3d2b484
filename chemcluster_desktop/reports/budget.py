"""The procurement budget by funding source: limit, planned, contracted, paid, remaining, against the
project total and the «Профессионалитет» grant cap, with a bar chart. Plain data in, PDF out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts
from chemcluster_desktop.reports import styles as st
from chemcluster_desktop.reports.flow import ONE_TABLE, signed, titled


def _t(s: str) -> str:
    return translate("Reports", s)


@dataclass
class BudgetLine:
    name: str
    limit: Decimal
    planned: Decimal
    contracted: Decimal
    paid: Decimal
    remaining: Decimal


@dataclass
class BudgetReport:
    college: str
    lines: Sequence[BudgetLine]
    total: BudgetLine
    project_total: Decimal
    grant_cap: Decimal
    grant_limit: Decimal | None = None
    subtitle: str = ""
    manager: str = ""
    director: str = ""
    logo_png: bytes | None = None
    warnings: list[str] = field(default_factory=list)
    contracts: list[tuple] = field(default_factory=list)  # (number, date, supplier, source, price, paid)


SERIES = [("Лимит", "#90a4ae"), ("План (НМЦК)", "#64b5f6"), ("Законтрактовано", "#1f6fb2"), ("Оплачено", "#2e7d32")]


def _hmln(v: Decimal) -> int:
    """Hundredths of a million roubles as an int (the chart's bar heights; no float)."""
    return int((v / Decimal(10_000)).to_integral_value())


def _mln_label(v) -> str:
    return format((Decimal(int(round(v))) / 100).quantize(Decimal("0.1")), "f").replace(".", ",")


def chart(lines: Sequence[BudgetLine], width: float, height: float = 82 * mm) -> Drawing:
    d = Drawing(width, height)
    bc = VerticalBarChart()
    bc.x, bc.y = 40, 42
    bc.width, bc.height = width - 180, height - 62
    bc.data = [[_hmln(getattr(ln, key)) for ln in lines] for key in ("limit", "planned", "contracted", "paid")]
    bc.categoryAxis.categoryNames = [_short(ln.name) for ln in lines]
    bc.categoryAxis.labels.fontName = fonts.CONDENSED
    bc.categoryAxis.labels.fontSize = 7
    bc.valueAxis.labels.fontName = fonts.CONDENSED
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.valueMin = 0
    bc.barSpacing = 1
    bc.groupSpacing = 10
    for i, (_n, colour) in enumerate(SERIES):
        bc.bars[i].fillColor = colors.HexColor(colour)
        bc.bars[i].strokeColor = None
    bc.barLabels.fontName = fonts.CONDENSED
    bc.barLabels.fontSize = 5.5
    bc.barLabels.nudge = 5
    bc.barLabelFormat = _mln_label
    bc.valueAxis.labelTextFormat = _mln_label
    d.add(bc)
    d.add(String(4, height - 10, translate("Reports", "млн ₽"), fontName=fonts.CONDENSED, fontSize=7))
    d.add(String(bc.x + bc.width / 2, 6, translate("Reports", "Источник финансирования"), fontName=fonts.CONDENSED, fontSize=7,
                 textAnchor="middle"))
    lg = Legend()
    lg.x, lg.y = width - 130, height - 20
    lg.fontName = fonts.CONDENSED
    lg.fontSize = 7
    lg.alignment = "right"
    lg.columnMaximum = 4
    lg.colorNamePairs = [(colors.HexColor(c), _t(n)) for n, c in SERIES]
    d.add(lg)
    return d


def _short(name: str) -> str:
    words = name.split()
    out, line = [], ""
    for w in words:
        if len(line) + len(w) > 18 and line:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    out.append(line)
    return "\n".join(out[:3])


def build(dest, rep: BudgetReport, *, cancelled: Callable[[], bool] | None = None) -> None:
    info = st.DocInfo(title=translate("Reports", "Бюджет закупок оборудования по источникам финансирования"), college=rep.college,
                      subtitle=rep.subtitle, landscape=True, logo_png=rep.logo_png,
                      signatures=[(translate("Reports", "Контрактный управляющий"), rep.manager), (translate("Reports", "Директор"), rep.director)])
    w = st.content_width(info)
    story: list = []
    facts = translate("Reports", "Стоимость проекта {0} ₽; грант «Профессионалитет» — не более {1} ₽.").format(
        st.money(rep.project_total), st.money(rep.grant_cap))
    rows = [[st.p(ln.name, st.CELL), st.money(ln.limit), st.money(ln.planned), st.money(ln.contracted),
             st.money(ln.paid), st.money(ln.remaining)] for ln in rep.lines]
    t = rep.total
    rows.append([st.markup("<b>" + translate("Reports", "Итого") + "</b>", st.CELL), st.money(t.limit), st.money(t.planned),
                 st.money(t.contracted), st.money(t.paid), st.money(t.remaining)])

    def styles_for(i, r):
        out = []
        if i == len(rows) - 1:
            out.append(("FONT", (0, 0), (-1, 0), fonts.CONDENSED_BOLD, 8))
        elif i < len(rep.lines) and rep.lines[i].remaining < 0:
            out.append(("TEXTCOLOR", (5, 0), (5, 0), st.BAD))
        return out

    story += titled([st.p(facts), Spacer(1, 3 * mm)], st.table(rows, header=[translate("Reports", "Источник финансирования"), translate("Reports", "Лимит, ₽"), translate("Reports", "План (НМЦК), ₽"),
                                    translate("Reports", "Законтрактовано, ₽"), translate("Reports", "Оплачено, ₽"), translate("Reports", "Остаток лимита, ₽")],
                      widths=[w * 0.30] + [w * 0.14] * 5, align=["L", "R", "R", "R", "R", "R"],
                      row_styles=styles_for, chunk=ONE_TABLE), total=True)
    story.append(Spacer(1, 2 * mm))
    story.append(st.p(translate("Reports", "Остаток лимита = лимит − законтрактовано − план по строкам без контракта. Строка «Итого»: "
                         "остаток считается от стоимости проекта."), st.SMALL))
    for wtext in rep.warnings:
        story.append(st.markup("<font color='#9b1c14'>" + escape(wtext) + "</font>", st.BASE))
    if rep.lines:
        story.append(Spacer(1, 4 * mm))
        story.append(chart(rep.lines, w))
    if rep.contracts:
        crow = [[c[0], st.date(c[1]), st.p(c[2], st.CELL), st.p(c[3], st.CELL), st.money(c[4]), st.money(c[5])]
                for c in rep.contracts]
        story += titled([st.h3(translate("Reports", "Контракты"))], st.table(crow, header=[translate("Reports", "Номер"), translate("Reports", "Дата"), translate("Reports", "Поставщик"), translate("Reports", "Источник"), translate("Reports", "Цена, ₽"),
                                        translate("Reports", "Оплачено, ₽")],
                          widths=[w * f for f in (0.18, 0.08, 0.28, 0.22, 0.12, 0.12)],
                          align=["L", "C", "L", "L", "R", "R"], chunk=ONE_TABLE))
    story, info = signed(story, info, w)  # the signatures with the last rows (and the chart), never alone
    st.build_pdf(dest, info, story, cancelled=cancelled)
