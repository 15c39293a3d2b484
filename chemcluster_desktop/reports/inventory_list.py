"""The inventory list in the shape of form ИНВ-1 / 0504087 (plain data in, PDF out).

Columns: № п/п, наименование, инвентарный номер, заводской номер, ед. изм., фактическое наличие
(количество, сумма) and по данным учёта (количество, сумма). Without a stock-taking the «фактическое
наличие» columns are left blank for the commission to fill in by hand. A room's list that runs over
several pages ends every page with «Итого по странице» (positions, quantities, sums), as the form
has it, and the room with «Итого по помещению». The rows are drawn by :class:`gridtable.GridTable`
(10,000 rows in about half a second), the rest of the document by the common styles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts
from chemcluster_desktop.reports.gridtable import GridStyle, GridTable, HeadCell
from chemcluster_desktop.reports.styles import (
    CELL,
    HEAD_BG,
    INK,
    RULE,
    SMALL,
    ZEBRA,
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


# the look of styles.table(): DejaVu Sans Condensed 8/10 pt, 3 × 2 pt padding, light grid and stripes
GRID = GridStyle(font=fonts.CONDENSED, bold_font=fonts.CONDENSED_BOLD, size=8, leading=10, pad_x=3, pad_y=2,
                 ink=INK, rule=RULE, rule_w=0.4, head_bg=HEAD_BG, zebra_bg=ZEBRA)


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


# the same few prices and quantities recur across thousands of rows; equal Decimals print alike
_money = lru_cache(maxsize=8192)(money)
_number = lru_cache(maxsize=1024)(number)


def _page_total(rows: list[ListRow], counted: bool):
    """The «Итого по странице» row of a page part (form ИНВ-1): positions, quantities and sums of
    the item rows ``[start, end)`` on that page (the room total row, index ``len(rows)``, is not one)."""

    def total(start: int, end: int) -> list[str]:
        part = rows[start:min(end, len(rows))]
        bq = sum((r.book_quantity or 0 for r in part), Decimal(0))
        bs = sum((r.book_sum or 0 for r in part), Decimal(0))
        aq = sum((r.actual_quantity or 0 for r in part), Decimal(0))
        as_ = sum((r.actual_sum or 0 for r in part), Decimal(0))
        return ["", _t("Итого по странице: позиций {0}").format(len(part)), "", "", "",
                number(aq) if counted else "", money(as_) if counted else "", number(bq), money(bs)]

    return total


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
    head = [HeadCell(header[c], c, c, 0, 1) for c in range(5)] + [
        HeadCell(_t("Фактическое наличие"), 5, 6, 0, 0), HeadCell(_t("По данным учёта"), 7, 8, 0, 0),
        *[HeadCell(header[c], c, c, 1, 1) for c in range(5, 9)]]
    align = ["C", "L", "L", "L", "C", "R", "R", "R", "R"]
    story: list = []
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
        # the room's heading never ends a page: it starts one when its header and a row would not follow
        story.append(CondPageBreak(40 * mm))
        story.append(h2(sec.title))
        if sec.responsible:
            story.append(p(_t("Материально ответственное лицо: {0}").format(sec.responsible), SMALL))
        rows = []
        sq = ss = aq = as_ = Decimal(0)
        for i, r in enumerate(sec.rows, 1):
            rows.append([str(i), r.name, r.inventory_number, r.serial_number, r.unit,
                         _number(r.actual_quantity) if counted else "",
                         _money(r.actual_sum) if counted and r.actual_sum is not None else "",
                         _number(r.book_quantity), _money(r.book_sum) if r.book_sum is not None else ""])
            sq += r.book_quantity or 0
            ss += r.book_sum or 0
            aq += r.actual_quantity or 0
            as_ += r.actual_sum or 0
        n += len(sec.rows)
        rows.append(["", _t("Итого по помещению"), "", "", "", number(aq) if counted else "",
                     money(as_) if counted else "", number(sq), money(ss)])
        total_book_q += sq
        total_book_s += ss
        total_act_q += aq
        total_act_s += as_
        story.append(GridTable(rows, widths, head=head, head_rows=2, align=align, bold_rows=[len(rows) - 1],
                               subtotal=_page_total(sec.rows, counted), style=GRID))
    if len(sections) > 1:
        story.append(KeepTogether([h2(_t("Итого по описи")), *table(
            [[p(_t("Всего позиций: {0}").format(n), CELL), number(total_act_q) if counted else "",
              money(total_act_s) if counted else "", number(total_book_q), money(total_book_s)]],
            ["", _t("Факт, кол-во"), _t("Факт, сумма, ₽"), _t("Учёт, кол-во"), _t("Учёт, сумма, ₽")],
            [w - 4 * 30 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm], align=["L", "R", "R", "R", "R"])]))
    story.append(p(_t("Все позиции описи в количестве {0} проверены комиссией в натуре и внесены в опись.")
                   .format(n), SMALL))
    build_pdf(dest, info, story, cancelled=cancelled)
    return n
