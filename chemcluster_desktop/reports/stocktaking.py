"""The stock-taking result: the discrepancy list (shortages and surpluses) of one room."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports.flow import ONE_TABLE, signed, titled
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
class DiffRow:
    name: str
    inventory_number: str
    serial_number: str
    unit: str
    expected: Decimal
    found: Decimal
    sum: Decimal | None
    note: str = ""


@dataclass
class StocktakingData:
    number: str
    room: str
    started_on: str
    closed_on: str
    responsible: str
    expected_count: int
    matched: int
    shortages: list[DiffRow] = field(default_factory=list)
    surpluses: list[DiffRow] = field(default_factory=list)
    status: str = "closed"


def build(dest, info: DocInfo, d: StocktakingData, *, cancelled: Callable[[], bool] | None = None) -> int:
    w = content_width(info)
    widths = [10 * mm, None, 28 * mm, 14 * mm, 18 * mm, 18 * mm, 18 * mm, 24 * mm]
    widths[1] = w - sum(x for x in widths if x)
    story = [p(_t("Инвентаризация № {0}, помещение «{1}». Начата {2}{3}. Материально ответственное лицо: {4}.")
               .format(d.number, d.room, d.started_on, _t(", закрыта {0}").format(d.closed_on) if d.closed_on else
                       _t(" (не закрыта — предварительный результат)"), d.responsible or "—"), SMALL),
             p(_t("По учёту позиций: {0}; совпало: {1}; недостача: {2}; излишки: {3}.")
               .format(d.expected_count, d.matched, len(d.shortages), len(d.surpluses)), SMALL)]
    header = ["№", _t("Наименование"), _t("Инв. номер"), _t("Ед."), _t("По учёту"), _t("Фактически"),
              _t("Разница"), _t("Сумма, ₽")]
    align = ["C", "L", "L", "C", "R", "R", "R", "R"]
    n = 0
    for title, rows in ((_t("Недостача"), d.shortages), (_t("Излишки"), d.surpluses)):
        if not rows:
            story += [h2(title), p(_t("Нет."), SMALL)]
            continue
        data = []
        total = Decimal(0)
        for i, r in enumerate(rows, 1):
            n += 1
            name = r.name + (f" — {r.note}" if r.note else "")
            data.append([str(i), p(name, CELL), p(r.inventory_number, CELL), r.unit, number(r.expected),
                         number(r.found), number(r.found - r.expected), money(r.sum) if r.sum is not None else ""])
            total += r.sum or 0
        data.append(["", p(_t("Итого"), CELL), "", "", "", "", "", money(total)])
        # the heading on the page of its first rows (it could end a page alone)
        story += titled([h2(title)], table(data, header, widths, align=align, chunk=ONE_TABLE), total=True)
    if not d.shortages and not d.surpluses:
        story.append(p(_t("Расхождений между фактическим наличием и данными учёта не выявлено."), SMALL))
    story, info = signed(story, info, w, total=True)  # the signatures on the page of the last rows, never alone
    build_pdf(dest, info, story, cancelled=cancelled)
    return n
