"""The inventory list in the shape of form ИНВ-1 / 0504087 (plain data in, PDF out).

Columns: № п/п, наименование, инвентарный номер, заводской номер, ед. изм., фактическое наличие
(количество, сумма) and по данным учёта (количество, сумма). Without a stock-taking the «фактическое
наличие» columns are left blank for the commission to fill in by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts
from chemcluster_desktop.reports.styles import (
    CELL,
    SMALL,
    DocInfo,
    build_pdf,
    content_width,
    h2,
    money,
    number,
    p,
    table,
)


def _t(s: str) -> str:
    return translate("Reports", s)


@dataclass
class ListRow:
    name: str
    inventory_number: str
    serial_number: str
    unit: str
    book_quantity: Decimal
    book_sum: Decimal | None
    actual_quantity: Decimal | None = None
    actual_sum: Decimal | None = None


@dataclass
class Section:
    title: str  # room
    responsible: str = ""
    rows: list[ListRow] = field(default_factory=list)


def build(dest, info: DocInfo, sections: list[Section], *, counted: bool = False,
          cancelled: Callable[[], bool] | None = None) -> int:
    """Write the PDF; returns the number of item rows."""
    info.landscape = True
    w = content_width(info)
    widths = [10 * mm, None, 30 * mm, 28 * mm, 14 * mm, 20 * mm, 26 * mm, 20 * mm, 26 * mm]
    fixed = sum(x for x in widths if x)
    widths[1] = w - fixed
    header = ["№ п/п", _t("Наименование, назначение и краткая характеристика объекта"), _t("Инвентарный номер"),
              _t("Заводской (серийный) номер"), _t("Ед. изм."), _t("Кол-во"), _t("Сумма, ₽"), _t("Кол-во"),
              _t("Сумма, ₽")]
    top = ["№ п/п", header[1], header[2], header[3], header[4], _t("Фактическое наличие"), "",
           _t("По данным учёта"), ""]
    story = []
    n = 0
    total_book_q = Decimal(0)
    total_book_s = Decimal(0)
    total_act_q = Decimal(0)
    total_act_s = Decimal(0)
    intro = _t("Инвентаризационная опись (сличительная ведомость) по объектам нефинансовых активов "
               "(по форме ИНВ-1 / 0504087)")
    story.append(p(intro, SMALL))
    for sec in sections:
        if cancelled is not None and cancelled():
            break
        story.append(h2(sec.title))
        if sec.responsible:
            story.append(p(_t("Материально ответственное лицо: {0}").format(sec.responsible), SMALL))
        rows = []
        sq = ss = aq = as_ = Decimal(0)
        for r in sec.rows:
            n += 1
            rows.append([str(len(rows) + 1), p(r.name, CELL), p(r.inventory_number, CELL), p(r.serial_number, CELL),
                         r.unit, number(r.actual_quantity) if counted else "",
                         money(r.actual_sum) if counted and r.actual_sum is not None else "",
                         number(r.book_quantity), money(r.book_sum) if r.book_sum is not None else ""])
            sq += r.book_quantity or 0
            ss += r.book_sum or 0
            aq += r.actual_quantity or 0
            as_ += r.actual_sum or 0
        rows.append(["", p(_t("Итого по помещению"), CELL), "", "", "", number(aq) if counted else "",
                     money(as_) if counted else "", number(sq), money(ss)])
        total_book_q += sq
        total_book_s += ss
        total_act_q += aq
        total_act_s += as_

        def bold_last(i, _r, last=len(rows) - 1):
            return [("FONT", (0, 0), (-1, 0), fonts.CONDENSED_BOLD, 8)] if i == last else []

        parts = table(rows, header, widths, align=["C", "L", "L", "L", "C", "R", "R", "R", "R"],
                      header_rows=[top], row_styles=bold_last, chunk=80)
        for t in parts:
            if isinstance(t, Table):
                t.setStyle(TableStyle([("SPAN", (c, 0), (c, 1)) for c in range(5)] +
                                      [("SPAN", (5, 0), (6, 0)), ("SPAN", (7, 0), (8, 0)),
                                       ("ALIGN", (0, 0), (-1, 1), "CENTER")]))
        story.extend(parts)
    if len(sections) > 1:
        story.append(h2(_t("Итого по описи")))
        story.extend(table([[p(_t("Всего позиций: {0}").format(n), CELL), number(total_act_q) if counted else "",
                             money(total_act_s) if counted else "", number(total_book_q), money(total_book_s)]],
                           ["", _t("Факт, кол-во"), _t("Факт, сумма, ₽"), _t("Учёт, кол-во"), _t("Учёт, сумма, ₽")],
                           [w - 4 * 30 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm], align=["L", "R", "R", "R", "R"]))
    story.append(p(_t("Все позиции описи в количестве {0} проверены комиссией в натуре и внесены в опись.")
                   .format(n), SMALL))
    build_pdf(dest, info, story, cancelled=cancelled)
    return n
