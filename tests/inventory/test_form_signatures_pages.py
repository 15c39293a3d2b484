"""How a signed form falls onto pages, for any number of rows (reports/unified_forms.EndTogether).

The rule: the form's head never ends a page — page 1 holds the head, the column header and at least
the first row; the signatures stand on the page of the table's last rows and totals; a column header is
never printed without rows under it, and every row is printed once, in order. When a form with a single
entry (or none) does not fit one page with its head and closing blocks, the closing blocks go over
whole, under a line naming the form and its number, led by the totals in words — never a signature at
the top of a page. Every kind of form (0510439, 0510466, 0504092, 0510463, 0504102, 0504104, 0504143,
0504204 and the room's own discrepancy list; portrait and landscape) is built with 0–3 rows and with the
row counts that put the page end at each awkward place (the last rows and the closing just fitting, the
rows alone filling the page, at the end of the first and of the second page), with short names and with
names that wrap over several lines; every PDF is read back with pypdf.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from chemcluster_desktop.reports import form_0510466, form_movement, form_results, stocktaking
from chemcluster_desktop.reports.styles import DocInfo
from chemcluster_desktop.reports.unified_forms import Requisites, Signer
from tests.pdf_pages import page_texts

REQ = Requisites(name="ГБПОУ «Химико-технологический колледж»", inn="7701234567", kpp="770101001", okpo="12345678",
                 unit="Отделение химической технологии", director="Иванов И. И.", director_position="Директор",
                 accountant="Петрова А. А.")
COMMISSION = [Signer("Председатель комиссии", "Заместитель директора", "Смирнов С. С."),
              Signer("Член комиссии", "Главный бухгалтер", "Петрова А. А."),
              Signer("Член комиссии", "Заведующий лабораторией", "Орлов О. О.")]
DAY = dt.date(2026, 11, 20)
ROW = re.compile(r"Позиция (\d{4})")


def _rows_on(page: str) -> set[int]:
    return {int(m) for m in ROW.findall(page)}


LONG = (" — шкаф вытяжной лабораторный с системой вентиляции, подсветкой, столешницей из керамогранита и "
        "встроенными розетками, комплект с тумбой и мойкой")


def _opis(path, n: int, long: bool = False) -> None:
    rows = [form_0510466.OpisRow(f"Позиция {i:04d} прибор лабораторный" + (LONG if long else ""), f"ХП-{i:06d}",
                                 "в эксплуатации",
                                 "используется для учебного процесса", "шт.", "796", Decimal("1500.00"),
                                 Decimal(1), Decimal(1)) for i in range(1, n + 1)]
    op = form_0510466.Opis("ИО-1", DAY, "Кузнецова Е. А.", "Заведующий лабораторией",
                           "101.34 — Машины и оборудование", "ауд. 105", "Решение № 7 от 10.11.2026",
                           DAY, DAY, rows, COMMISSION)
    form_0510466.build_lists(path, REQ, [op], counted=True)


def _discrepancies(path, n: int, long: bool = False) -> None:
    lines = [form_results.DiffLine("101.34", f"Позиция {i:04d} прибор" + (LONG if long else ""), f"ХП-{i:06d}", "шт.",
                                   Decimal(1 if i % 2 else -1), Decimal("1500.00")) for i in range(1, n + 1)]
    form_results.build_discrepancies(path, REQ, form_results.Discrepancy(
        "ВР-1", DAY, "Решение № 7 от 10.11.2026", "Кузнецова Е. А.", "ауд. 105", lines, COMMISSION,
        "Заведующий лабораторией"))


def _act(path, n: int, long: bool = False) -> None:
    lists = [form_results.ActList(f"ИО-{i}", f"Позиция {i:04d} МОЛ" + (LONG if long else ""), "101.34", 3, Decimal(100), Decimal(100),
                                  Decimal(0), Decimal(0)) for i in range(1, n + 1)]
    form_results.build_act(path, REQ, form_results.Act("АИ-1", DAY, "Решение № 7", DAY, DAY, lists, COMMISSION))


def _decision(path, n: int, long: bool = False) -> None:
    rooms = [(f"Позиция {i:04d} аудитория" + (LONG if long else ""), "Кузнецова Е. А.") for i in range(1, n + 1)]
    form_results.build_decision(path, REQ, form_results.Decision("7", DAY, "Годовая инвентаризация", DAY, DAY,
                                                                 rooms, "101.00", COMMISSION))


def _lines(n: int, long: bool) -> list[dict]:
    return [{"name": f"Позиция {i:04d} прибор" + (LONG if long else ""), "inventory_number": f"ХП-{i:06d}",
             "unit": "шт.", "okei": "796", "quantity": Decimal(1), "price": Decimal(10), "sum": Decimal(10),
             "account": "101.34", "commissioned_on": DAY} for i in range(1, n + 1)]


MOVEMENTS = {  # form: (kind, title, number, rooms and people)
    "0504104": ("write_off", "Акт о списании объектов нефинансовых активов", "СП-1",
                {"from_room": "ауд. 105", "to_room": "", "from_mol": "Кузнецова Е. А.", "to_mol": "", "person": "",
                 "from_mol_position": "Заведующий лабораторией"}),
    "0504143": ("write_off", "Акт о списании мягкого и хозяйственного инвентаря", "СП-2",
                {"from_room": "ауд. 105", "to_room": "", "from_mol": "Кузнецова Е. А.", "to_mol": "", "person": ""}),
    "0504102": ("transfer", "Накладная на внутреннее перемещение объектов нефинансовых активов", "ПМ-1",
                {"from_room": "ауд. 105", "to_room": "ауд. 106", "from_mol": "Кузнецова Е. А.", "to_mol": "Орлов О. О.",
                 "person": ""}),
    "0504204": ("issue", "Требование-накладная", "ВД-1",
                {"from_room": "ауд. 105", "to_room": "", "from_mol": "Кузнецова Е. А.", "to_mol": "",
                 "person": "Соколова М. П."}),
}


def _movement(code: str):
    kind, title, number, people = MOVEMENTS[code]

    def build(path, n: int, long: bool = False) -> None:
        d = {"form": code, "number": number, "date": DAY, "reason": "износ", "kind": kind, **people,
             "lines": _lines(n, long), "total": Decimal(10 * n)}
        form_movement.build_movement(path, REQ, d, title)

    return build


def _room_count(path, n: int, long: bool = False) -> None:  # `report stocktaking`: the room's own list
    short = [stocktaking.DiffRow(f"Позиция {i:04d} прибор" + (LONG if long else ""), f"ХП-{i:06d}", "", "шт.", Decimal(1), Decimal(0),
                                 Decimal(10)) for i in range(1, n + 1)]
    info = DocInfo(title="Ведомость расхождений по результатам инвентаризации", college=REQ.name,
                   subtitle="ИНВ-1 · ауд. 105", signatures=[("Член комиссии", "Смирнов С. С."),
                                                            ("Материально ответственное лицо", "Кузнецова Е. А.")])
    stocktaking.build(path, info, stocktaking.StocktakingData("ИНВ-1", "ауд. 105", "20.11.2026", "20.11.2026",
                                                             "Кузнецова Е. А.", n, 0, short, []))


def _numbered_rows(page: str) -> bool:
    return bool(_rows_on(page))


def _commission_rows(page: str) -> bool:  # the decision's last table lists the commission
    return "Роль в комиссии" in page and "Заведующий лабораторией Орлов О. О." in page


# (builder, the totals text, what closes the form, the table rows the last page must hold, a caption of
# the table's head — printed once on a page — and whether the table ends with its own total row); the
# form's code is on its first page
FORMS = {
    "0510466": (_opis, "Итого по описи", "претензий к инвентаризационной комиссии не имею", _numbered_rows,
                "Итого по странице", False),
    "0504092": (_discrepancies, "Итого: строк", "С ведомостью ознакомлен", _numbered_rows, "Номер счёта", True),
    "0510463": (_act, "Заключение комиссии", "Член комиссии", _numbered_rows, "Фактически, руб.", True),
    "0510439": (_decision, "в состав комиссии не включены", "С решением ознакомлены", _commission_rows,
                "Местонахождение (помещение)", False),
    "0504104": (_movement("0504104"), "Всего по документу", "Исполнитель (главный бухгалтер)", _numbered_rows,
                "Дата ввода в", True),
    "0504143": (_movement("0504143"), "Всего по документу", "Исполнитель (главный бухгалтер)", _numbered_rows,
                "Дата ввода в", True),
    "0504102": (_movement("0504102"), "Всего по документу", "Принял (получатель)", _numbered_rows, "Цена, руб.", True),
    "0504204": (_movement("0504204"), "Всего по документу", "Получил", _numbered_rows, "Цена, руб.", True),
    "stocktaking": (_room_count, "Излишки", "/ Кузнецова Е. А. /", _numbered_rows, "Инв. номер", True),
}


def _check(code: str, n: int, pages: list[str]) -> None:
    """The rule of the module docstring on one built form of ``n`` rows."""
    _build, totals, closing, has_rows, head, _total = FORMS[code]
    last = pages[-1]
    where = f"{code}: {n} rows, {len(pages)} pages"
    assert code in pages[0] or code == "stocktaking", where
    # the head is never alone: page 1 holds the first rows (the decision's rooms, the others' entries)
    if n and code != "stocktaking":
        assert 1 in _rows_on(pages[0]), f"{where}: the form's head without rows on page 1"
    # every row printed exactly once, in order, none lost by a move
    assert [int(m) for page in pages for m in ROW.findall(page)] == list(range(1, n + 1)), where
    assert closing in last and "(подпись)" in last and totals in last, where
    assert all(closing not in page for page in pages[:-1]), where  # the closing is not spread back
    for i, page in enumerate(pages):
        # a column header never without rows under it, and at most one table part a page
        assert page.count(head) <= 1, (where, i + 1)
        if head in page and i and code != "0510439":
            assert _rows_on(page) or "Итого" in page, (where, i + 1)
    if has_rows(last) or len(pages) == 1:  # with the rows, or the whole form on one page
        return
    # the closing blocks alone on the last page: only a form of one entry (or none) that cannot be cut;
    # the page says whose it is and opens with the totals in words, not with a signature
    entries = n if code != "0510439" else len(COMMISSION)
    assert entries <= 1 and len(pages) == 2, f"{where}: the signatures alone on the last page"
    caption = last.index("(продолжение)")
    assert last.index(totals) > caption and last.index("(подпись)") > last.index(totals), where
    assert "(продолжение)" in last[:200], where


@pytest.mark.parametrize("long", [False, True], ids=["short", "wrapped"])
@pytest.mark.parametrize("code", list(FORMS))
def test_head_rows_and_signatures_share_pages(code, long, tmp_path):
    build, *_rest = FORMS[code]
    # how many rows the first and the second page hold when the table runs on
    build(tmp_path / "long.pdf", 150 if not long else 60, long)
    many = page_texts(tmp_path / "long.pdf")
    ends = [max(_rows_on(many[0]) or {0}), max(_rows_on(many[1]))]
    # 0–3 rows, and the lengths from «the last rows and the signatures fit the page» to «the rows alone
    # fill it», at the end of the first and of the second page (the gap is wider than 3 rows on every form
    # with short names; a wrapped name is a taller row, so the step is smaller there)
    step = 3 if not long else 1
    span = 18 if not long else 6
    lengths = sorted({0, 1, 2, 3} | {n for end in ends for n in range(end - span, end + 2, step) if n >= 1})
    for n in lengths:
        path = tmp_path / f"{code}-{n}.pdf"
        build(path, n, long)
        pages = page_texts(path)
        _check(code, n, pages)
        # no page is left half empty: a page before the last is full, or only the last two rows (a
        # table's own total among them) went over with the signatures, or the closing went over whole
        for i, page in enumerate(pages[:-1]):
            if i >= 2 or n <= 3:
                continue
            room = ends[0] if i == 0 else ends[1] - ends[0]
            moved = i == len(pages) - 2 and len(_rows_on(pages[-1])) <= 2
            assert len(_rows_on(page)) >= room - 1 or moved, (code, n, i + 1)


def test_room_lists_surplus_heading_stays_with_its_rows(tmp_path):
    """The room's own discrepancy list (`report stocktaking`): «Излишки» follows the shortages; wherever the
    shortages end on a page, the heading is printed on the page of its first rows, never alone at a page end."""
    def build(path, n):
        short = [stocktaking.DiffRow(f"Позиция {i:04d} прибор", f"ХП-{i:06d}", "", "шт.", Decimal(1), Decimal(0),
                                     Decimal(10)) for i in range(1, n + 1)]
        extra = [stocktaking.DiffRow(f"Излишек {i} колба", "", "", "шт.", Decimal(0), Decimal(1), Decimal(5))
                 for i in (1, 2)]
        info = DocInfo(title="Ведомость расхождений по результатам инвентаризации", college=REQ.name,
                       subtitle="ИНВ-1 · ауд. 105", signatures=[("Материально ответственное лицо", "Кузнецова Е. А.")])
        stocktaking.build(path, info, stocktaking.StocktakingData("ИНВ-1", "ауд. 105", "20.11.2026", "20.11.2026",
                                                                 "Кузнецова Е. А.", n, 0, short, extra))

    build(tmp_path / "long.pdf", 60)
    first_page_rows = max(_rows_on(page_texts(tmp_path / "long.pdf")[0]))
    for n in range(first_page_rows - 6, first_page_rows + 2):
        build(tmp_path / f"s{n}.pdf", n)
        pages = page_texts(tmp_path / f"s{n}.pdf")
        where = f"{n} shortages, {len(pages)} pages"
        heading = [i for i, page in enumerate(pages) if re.search(r"(?<![а-яё])Излишки(?! ,)", page)]
        assert heading, where
        for i in heading:
            assert "Излишек 1 колба" in pages[i].split("Излишки", 1)[1], (where, i + 1)
        assert "Кузнецова Е. А." in pages[-1] and "Излишек 2 колба" in pages[-1], where
