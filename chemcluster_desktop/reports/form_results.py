"""The stock-taking's other forms (приказ Минфина России № 61н в ред. № 157н; ф. 0504092 — приказ № 52н):

- Решение о проведении инвентаризации, ф. 0510439: the order (number, date), the reason, the dates, the
  objects counted (rooms, МОЛ, accounts), the commission — chair and members with positions — and the
  head's signature;
- Ведомость расхождений по результатам инвентаризации, ф. 0504092: per account, the shortages and the
  surpluses with quantity and sum (a surplus valued at its current estimate), the accountant signs;
- Акт о результатах инвентаризации, ф. 0510463: the lists of one decision summed up — per list (МОЛ,
  account) the entries, the sums by records and actual, shortages and surpluses; the commission's
  conclusion and signatures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports.styles import h3, money, number, p, table
from chemcluster_desktop.reports.unified_forms import (
    ONE_TABLE,
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
    width,
)
from chemcluster_desktop.reports.words import count_words, money_words


def _t(s: str) -> str:
    return translate("Forms", s)


@dataclass
class Decision:
    number: str
    date: dt.date
    reason: str
    starts_on: dt.date
    ends_on: dt.date
    rooms: list[tuple[str, str]]  # (room, МОЛ)
    accounts: str
    commission: list[Signer]


def build_decision(dest, req: Requisites, d: Decision, *, cancelled: Callable[[], bool] | None = None) -> int:
    w = width(False)
    head = FormHead(_t("РЕШЕНИЕ О ПРОВЕДЕНИИ ИНВЕНТАРИЗАЦИИ"), d.number, "0510439", d.date, req)
    story = header(head, w)
    story.append(field_lines([
        (_t("Причина (основание) инвентаризации"), d.reason),
        (_t("Дата начала инвентаризации"), short_date(d.starts_on)),
        (_t("Дата окончания инвентаризации"), short_date(d.ends_on)),
        (_t("Объекты инвентаризации (счета, группы)"), d.accounts or _t("все нефинансовые активы помещений"))],
        w, 62 * mm))
    story.append(h3(_t("1. Инвентаризируемые помещения и материально ответственные лица")))
    rooms = table([[str(i), p(r, VALUE), p(m, VALUE)] for i, (r, m) in enumerate(d.rooms, 1)],
                   ["№", _t("Местонахождение (помещение)"), _t("Материально ответственное лицо")],
                   [10 * mm, w * 0.6, w - 10 * mm - w * 0.6 - 0.5], align=["C", "L", "L"], chunk=ONE_TABLE)
    story = end_together(rooms, (), lead=story)  # the head stays with the first rooms
    members_title = h3(_t("2. Состав инвентаризационной комиссии"))
    members = table([[str(i), s.role, p(s.position, VALUE), p(s.name, VALUE)] for i, s in enumerate(d.commission, 1)],
                    ["№", _t("Роль в комиссии"), _t("Должность"), _t("Фамилия, инициалы")],
                    [10 * mm, 45 * mm, w - 10 * mm - 45 * mm - 60 * mm - 0.5, 60 * mm], align=["C", "L", "L", "L"],
                    chunk=ONE_TABLE)
    # the head's signature and the commission's «ознакомлены» stay on the page of the commission's last rows,
    # the section's title on the page of its first rows
    story.append(KeepTogether(end_together(members, [
        p(_t("Материально ответственные лица инвентаризируемых помещений в состав комиссии не включены."), VALUE),
        signatures([Signer(_t("Руководитель учреждения"), req.director_position, req.director)], w),
        signatures([Signer(_t("С решением ознакомлены"), s.position, s.name) for s in d.commission], w)],
        lead=[members_title], caption=continued(head))))
    build(dest, _t("Решение о проведении инвентаризации (ф. 0510439)"), req.name, story, cancelled=cancelled)
    return len(d.commission)


@dataclass
class DiffLine:
    account: str
    name: str
    number: str
    unit: str
    quantity: Decimal  # + surplus, − shortage
    sum: Decimal | None
    note: str = ""


@dataclass
class Discrepancy:
    number: str
    date: dt.date | None
    basis: str
    responsible: str
    rooms: str
    lines: list[DiffLine] = field(default_factory=list)
    commission: list[Signer] = field(default_factory=list)
    responsible_position: str = ""


def build_discrepancies(dest, req: Requisites, d: Discrepancy, *,
                        cancelled: Callable[[], bool] | None = None) -> int:
    w = width(True)
    head = FormHead(_t("ВЕДОМОСТЬ РАСХОЖДЕНИЙ ПО РЕЗУЛЬТАТАМ ИНВЕНТАРИЗАЦИИ"), d.number, "0504092", d.date,
                    req, lines=[(_t("Материально ответственное лицо"), f"{d.responsible_position} {d.responsible}".strip()),
                                (_t("Местонахождение"), d.rooms)])
    story = header(head, w)
    story.append(field_lines([(_t("Основание"), d.basis)], w, 40 * mm))
    rows = []
    surplus_sum = shortage_sum = Decimal(0)
    accounts = sorted({ln.account for ln in d.lines})
    for acc in accounts:
        part = [ln for ln in d.lines if ln.account == acc]
        for ln in part:
            sur = ln.quantity > 0
            s = ln.sum or Decimal(0)
            if sur:
                surplus_sum += s
            else:
                shortage_sum += s
            rows.append([acc, p(ln.name, VALUE), ln.number, ln.unit,
                         number(ln.quantity) if sur else "", money(ln.sum) if sur else "",
                         number(-ln.quantity) if not sur else "", money(ln.sum) if not sur else "", p(ln.note, VALUE)])
        ps = sum((ln.sum or 0 for ln in part if ln.quantity > 0), Decimal(0))
        ms = sum((ln.sum or 0 for ln in part if ln.quantity < 0), Decimal(0))
        rows.append(["", _t("Итого по счёту {0}").format(acc), "", "", "", money(ps), "", money(ms), ""])
    fixed = [22 * mm, 30 * mm, 12 * mm, 18 * mm, 26 * mm, 18 * mm, 26 * mm, 45 * mm]
    widths = [fixed[0], w - sum(fixed) - 0.5, *fixed[1:]]
    grid = table(rows, [_t("Номер счёта"), _t("Наименование объекта"), _t("Номер (инвентарный)"), _t("Ед. изм."),
                        _t("кол-во"), _t("сумма, руб."), _t("кол-во"), _t("сумма, руб."), _t("Примечание")],
                 widths, align=["L", "L", "L", "C", "R", "R", "R", "R", "L"],
                 header_rows=[["", "", "", "", _t("Излишки"), "", _t("Недостача"), "", ""]], chunk=ONE_TABLE)
    n = len(d.lines)
    tail: list = [Spacer(1, 1.5 * mm)]
    tail.append(p(_t("Итого: строк {0} ({1}); излишки на сумму {2} ({3}); недостача на сумму {4} ({5}).")
                  .format(n, count_words(n), money(surplus_sum), money_words(surplus_sum), money(shortage_sum),
                          money_words(shortage_sum)), VALUE))
    if not d.lines:
        tail.append(p(_t("Расхождений между фактическим наличием и данными учёта не выявлено."), VALUE))
    tail.append(signatures([Signer(_t("Исполнитель (главный бухгалтер)"), _t("Главный бухгалтер"), req.accountant),
                            *d.commission], w))
    tail.append(signatures([Signer(_t("С ведомостью ознакомлен(а): материально ответственное лицо"),
                                   d.responsible_position, d.responsible)], w))
    # the head stays with the first rows, the totals and the signatures with the last rows
    story = end_together(grid, tail, lead=story, total=True, caption=continued(head))
    build(dest, _t("Ведомость расхождений (ф. 0504092)"), req.name, story, landscape=True, cancelled=cancelled)
    return n


@dataclass
class ActList:
    number: str
    responsible: str
    account: str
    entries: int
    book_sum: Decimal
    actual_sum: Decimal
    shortage: Decimal
    surplus: Decimal


@dataclass
class Act:
    number: str
    date: dt.date | None
    basis: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    lists: list[ActList] = field(default_factory=list)
    commission: list[Signer] = field(default_factory=list)


def build_act(dest, req: Requisites, a: Act, *, cancelled: Callable[[], bool] | None = None) -> int:
    w = width(True)
    head = FormHead(_t("АКТ О РЕЗУЛЬТАТАХ ИНВЕНТАРИЗАЦИИ"), a.number, "0510463", a.date, req)
    story = header(head, w)
    story.append(field_lines([(_t("Основание"), a.basis), (_t("Дата начала инвентаризации"), short_date(a.starts_on)),
                              (_t("Дата окончания инвентаризации"), short_date(a.ends_on))], w, 60 * mm))
    rows = []
    tot = [Decimal(0)] * 4
    for i, ls in enumerate(a.lists, 1):
        vals = (ls.book_sum, ls.actual_sum, ls.shortage, ls.surplus)
        tot = [x + y for x, y in zip(tot, vals, strict=True)]
        rows.append([str(i), ls.number, p(ls.responsible, VALUE), p(ls.account, VALUE), str(ls.entries),
                     *[money(v) for v in vals]])
    rows.append(["", _t("Итого"), "", "", str(sum(ls.entries for ls in a.lists)), *[money(v) for v in tot]])
    fixed = [10 * mm, 34 * mm, 0, 50 * mm, 21 * mm, 30 * mm, 30 * mm, 28 * mm, 28 * mm]
    fixed[2] = w - sum(fixed) - 0.5
    grid = table(rows, ["№", _t("Инвентаризационная опись (ф. 0510466), №"), _t("Материально ответственное лицо"),
                        _t("Счёт (группа объектов)"), _t("Порядковых номеров"), _t("По данным учёта, руб."),
                        _t("Фактически, руб."), _t("Недостача, руб."), _t("Излишки, руб.")], fixed,
                 align=["C", "L", "L", "L", "R", "R", "R", "R", "R"], chunk=ONE_TABLE)
    verdict = (_t("Расхождений не выявлено.") if not (tot[2] or tot[3]) else
               _t("Выявлены недостача на сумму {0} ({1}) и излишки на сумму {2} ({3}); расхождения отражены в "
                  "ведомости расхождений (ф. 0504092).").format(money(tot[2]), money_words(tot[2]), money(tot[3]),
                                                               money_words(tot[3])))
    # the head stays with the first rows, the conclusion and the commission's signatures with the last rows
    story = end_together(grid, [
        Spacer(1, 1.5 * mm),
        p(_t("Заключение комиссии: инвентаризация проведена по описям в количестве {0} ({1}). {2}")
          .format(len(a.lists), count_words(len(a.lists), feminine=True), verdict), VALUE),
        signatures(a.commission, w)], lead=story, total=True, caption=continued(head))
    build(dest, _t("Акт о результатах инвентаризации (ф. 0510463)"), req.name, story, landscape=True,
          cancelled=cancelled)
    return len(a.lists)
