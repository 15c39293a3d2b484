"""Инвентаризационная опись (сличительная ведомость) по объектам нефинансовых активов, ф. 0510466
(приказ Минфина России от 15.04.2021 № 61н в ред. приказа от 07.11.2022 № 157н; state institutions
use it from 1 January 2025 instead of ф. 0504087).

One опись per МОЛ and account (a group of objects on one account — off-balance account 21 too), each
starting on its own page:

- the header: institution with ОКПО / ИНН / КПП in the codes box, structural unit, МОЛ, account,
  the basis (decision ф. 0510439: number and date), the start and end dates, unit of measure руб. (ОКЕИ 383);
- the МОЛ's receipt before the count;
- the objects, graphs 1–13 (see COLUMNS below for the source of the numbering);
- «Итого по странице» on every page: the number of entries and the units actually found in words,
  and the sums; «Итого по описи» the same for the whole list, the sums in words;
- the commission's signatures (chair and members with position and name) and the МОЛ's closing
  statement with his signature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports.gridtable import GridTable, HeadCell
from chemcluster_desktop.reports.inventory_list import GRID
from chemcluster_desktop.reports.styles import money, number, p
from chemcluster_desktop.reports.unified_forms import (
    VALUE,
    FormHead,
    Requisites,
    Signer,
    build,
    continued,
    end_together,
    field_lines,
    header,
    short_date,
    signatures,
    statement,
    width,
)
from chemcluster_desktop.reports.words import count_words, money_words, quantity_words

OKUD = "0510466"
TITLE = "ИНВЕНТАРИЗАЦИОННАЯ ОПИСЬ (СЛИЧИТЕЛЬНАЯ ВЕДОМОСТЬ) ПО ОБЪЕКТАМ НЕФИНАНСОВЫХ АКТИВОВ"


def _t(s: str) -> str:
    return translate("Forms", s)


@dataclass
class OpisRow:
    name: str
    number: str
    status: str
    function: str
    unit: str
    okei: str
    price: Decimal | None
    book_quantity: Decimal
    actual_quantity: Decimal | None  # None: not counted yet (a blank list for the commission)

    @property
    def book_sum(self) -> Decimal | None:
        return None if self.price is None else self.price * self.book_quantity

    @property
    def actual_sum(self) -> Decimal | None:
        if self.actual_quantity is None or self.price is None:
            return None
        return self.price * self.actual_quantity


@dataclass
class Opis:
    number: str
    date: dt.date | None
    responsible: str  # МОЛ
    responsible_position: str
    account: str  # «101.34 — Машины и оборудование»
    rooms: str
    basis: str  # «Решение о проведении инвентаризации (ф. 0510439) от … № …»
    starts_on: dt.date | None
    ends_on: dt.date | None
    rows: list[OpisRow] = field(default_factory=list)
    commission: list[Signer] = field(default_factory=list)  # chair first
    selection: str = ""  # a list of the records narrowed in the program: «Отбор: поиск «колба», …» (else "")


def _sum(vals) -> Decimal:
    return sum((v for v in vals if v is not None), Decimal(0))


def _totals_text(rows: list[OpisRow], counted: bool, what: str) -> str:
    n = len(rows)
    units = _sum(r.actual_quantity if counted else r.book_quantity for r in rows)
    amount = _sum((r.actual_sum if counted else r.book_sum) for r in rows)
    basis = _t("фактически") if counted else _t("по данным учёта")
    return _t("{0}: количество порядковых номеров {1} ({2}); общее количество единиц {3} {4} ({5}); "
              "на сумму {6} ({7})").format(what, n, count_words(n), basis, number(units), quantity_words(units),
                                           money(amount), money_words(amount))


def _page_total(rows: list[OpisRow], counted: bool):
    def total(start: int, end: int) -> list[str]:
        part = rows[start:min(end, len(rows))]
        n = len(part)
        units = _sum(r.actual_quantity if counted else r.book_quantity for r in part)
        label = _t("Итого по странице: порядковых номеров {0} ({1})").format(n, count_words(n))
        label += "\n" + _t("единиц {0} {1} ({2})").format(_t("фактически") if counted else _t("по учёту"),
                                                          number(units), quantity_words(units))
        aq = _sum(r.actual_quantity for r in part)
        asum = _sum(r.actual_sum for r in part)
        bq = _sum(r.book_quantity for r in part)
        bsum = _sum(r.book_sum for r in part)
        dq, ds = aq - bq, asum - bsum
        return ["", label, "", "", "", "", "", number(aq) if counted else "", money(asum) if counted else "",
                number(bq), money(bsum), number(dq) if counted else "", money(ds) if counted else ""]

    return total


# The object table, graphs 1–13. The full official text of the form (Приложение к приказу Минфина России
# от 15.04.2021 № 61н в ред. приказа от 07.11.2022 № 157н, ОКУД 0510466) could not be retrieved here; the
# numbering follows what the Minfin text that cross-refers to the form states of its object table
# («Раздел 4 Инвентаризационной описи (ф. 0510466)»: Гр. 2 — наименование объекта, Гр. 3 — его номер,
# Гр. 8 и 9 — количество и сумма фактического наличия, by which an object present is chosen; quoted by
# КонсультантПлюс, https://consultant.ru/document/cons_doc_LAW_473628/010a7bbc3d06ef1dc3f11bed8a161394fc5d7784),
# so there is no price column between the unit's code and the actual presence: the unit value is the sum
# over the quantity. Graphs 4–7 (статус, целевая функция, единица измерения и код по ОКЕИ) and 10–13 (по
# данным учёта, отклонение) keep the order of ф. 0504087 which the form replaced; they are not verified
# against the official text (README «Инвентаризация»). Searched again in session 4 (КонсультантПлюс and
# docs.cntd.ru copies of приказ № 61н, articles, public code): the section of the Methodological
# guidelines on ф. 0510466 and its blank were not among the stored texts; no column is added unverified.
COLUMNS = (7, None, 30, 24, 24, 10, 12, 14, 24, 14, 24, 14, 22)


def _table(op: Opis, counted: bool, w: float) -> GridTable:
    widths = [c * mm if c else 0 for c in COLUMNS]
    widths[1] = w - sum(widths) - 0.5
    head = [HeadCell(_t("№ п/п"), 0, 0, 0, 1), HeadCell(_t("Наименование объекта"), 1, 1, 0, 1),
            HeadCell(_t("Номер (инвентарный, номенклатурный)"), 2, 2, 0, 1),
            HeadCell(_t("Статус объекта учёта"), 3, 3, 0, 1), HeadCell(_t("Целевая функция актива"), 4, 4, 0, 1),
            HeadCell(_t("Единица измерения"), 5, 6, 0, 0), HeadCell(_t("наим."), 5, 5, 1, 1),
            HeadCell(_t("код по ОКЕИ"), 6, 6, 1, 1),
            HeadCell(_t("Фактическое наличие"), 7, 8, 0, 0), HeadCell(_t("По данным учёта"), 9, 10, 0, 0),
            HeadCell(_t("Отклонение (+ излишек, − недостача)"), 11, 12, 0, 0),
            *[HeadCell(t, c, c, 1, 1) for c, t in ((7, _t("кол-во")), (8, _t("сумма, руб.")), (9, _t("кол-во")),
                                                   (10, _t("сумма, руб.")), (11, _t("кол-во")),
                                                   (12, _t("сумма, руб.")))]]
    rows = []
    for i, r in enumerate(op.rows, 1):
        dq = (r.actual_quantity - r.book_quantity) if counted and r.actual_quantity is not None else None
        ds = (_sum([r.actual_sum]) - _sum([r.book_sum])) if dq is not None else None
        rows.append([str(i), r.name, r.number, r.status, r.function, r.unit, r.okei,
                     number(r.actual_quantity) if counted else "", money(r.actual_sum) if counted else "",
                     number(r.book_quantity), money(r.book_sum), number(dq) if dq else "",
                     money(ds) if dq else ""])
    numbers = [HeadCell(str(c + 1), c, c, 2, 2) for c in range(len(COLUMNS))]
    return GridTable(rows, widths, head=head + numbers, head_rows=3,
                     align=["C", "L", "L", "L", "L", "C", "C", "R", "R", "R", "R", "R", "R"],
                     subtotal=_page_total(op.rows, counted), subtotal_lines=2, every_page_subtotal=True,
                     style=GRID)


def story_of(op: Opis, req: Requisites, *, counted: bool, w: float) -> list:
    mol = Signer(_t("Материально ответственное лицо"), op.responsible_position, op.responsible)
    head = FormHead(_t(TITLE), op.number, OKUD, op.date, req,
                    lines=[(_t("Материально ответственное лицо"), f"{op.responsible_position} {op.responsible}".strip()),
                           (_t("Номер счёта (группа объектов)"), op.account),
                           (_t("Местонахождение"), op.rooms)])
    out = header(head, w)
    out.append(field_lines([
        (_t("Основание для проведения инвентаризации"), op.basis),
        (_t("Дата начала инвентаризации"), short_date(op.starts_on)),
        (_t("Дата окончания инвентаризации"), short_date(op.ends_on))], w, 70 * mm))
    if op.selection:  # which rows of the records this list holds, said as the program's list said it
        out += [Spacer(1, 1.5 * mm), p(op.selection, VALUE)]
    out.append(statement(_t("РАСПИСКА. К началу проведения инвентаризации все расходные и приходные документы на "
                            "нефинансовые активы сданы в бухгалтерию и все нефинансовые активы, поступившие на "
                            "мою (нашу) ответственность, оприходованы, а выбывшие списаны в расход."),
                         [mol], w, on=op.starts_on))
    out.append(Spacer(1, 3 * mm))
    tail: list = [Spacer(1, 2 * mm), p(_totals_text(op.rows, counted, _t("Итого по описи")), VALUE)]
    if counted:
        book = _sum(r.book_sum for r in op.rows)
        tail.append(p(_t("По данным учёта: количество порядковых номеров {0}; на сумму {1} ({2})")
                      .format(len(op.rows), money(book), money_words(book)), VALUE))
    tail.append(signatures(op.commission, w))
    n = len(op.rows)
    tail.append(statement(_t("Все ценности, поименованные в настоящей описи с № 1 по № {0}, комиссией проверены в "
                             "натуре в моём присутствии и внесены в опись, в связи с чем претензий к "
                             "инвентаризационной комиссии не имею. Ценности, перечисленные в описи, находятся на "
                             "моём ответственном хранении.").format(n), [mol], w, on=op.ends_on))
    # the head and the receipt stay on the page of the first rows; the totals, the commission's signatures
    # and the МОЛ's statement on the page of the last rows
    return end_together([_table(op, counted, w)], tail, lead=out, caption=continued(head))


def build_lists(dest, req: Requisites, lists: list[Opis], *, counted: bool,
                cancelled: Callable[[], bool] | None = None) -> int:
    """Write every опись into one PDF (each from a new page); returns the number of object rows."""
    w = width(True)
    story: list = []
    for k, op in enumerate(lists):
        if k:
            story.append(PageBreak())
        story += story_of(op, req, counted=counted, w=w)
    build(dest, _t("Инвентаризационная опись (ф. 0510466)"), req.name, story, landscape=True, cancelled=cancelled)
    return sum(len(op.rows) for op in lists)
