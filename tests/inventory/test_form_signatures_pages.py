"""The commission's signatures never stand on a page of their own: on every inventory form that is
signed (the list ф. 0510466, the discrepancy list ф. 0504092, the act ф. 0510463, the decision
ф. 0510439 and the movement forms) the last page also holds the last rows of the table and the
totals. Each form is built with a growing number of rows across the length at which, before the fix,
the rows filled the page and the signatures went alone onto the next one; every PDF is read back with
pypdf."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from chemcluster_desktop.reports import form_0510466, form_movement, form_results, stocktaking
from chemcluster_desktop.reports.styles import DocInfo
from chemcluster_desktop.reports.unified_forms import Requisites, Signer

REQ = Requisites(name="ГБПОУ «Химико-технологический колледж»", inn="7701234567", kpp="770101001", okpo="12345678",
                 unit="Отделение химической технологии", director="Иванов И. И.", director_position="Директор",
                 accountant="Петрова А. А.")
COMMISSION = [Signer("Председатель комиссии", "Заместитель директора", "Смирнов С. С."),
              Signer("Член комиссии", "Главный бухгалтер", "Петрова А. А."),
              Signer("Член комиссии", "Заведующий лабораторией", "Орлов О. О.")]
DAY = dt.date(2026, 11, 20)
ROW = re.compile(r"Позиция (\d{4})")


def _pages(path) -> list[str]:
    # one space for every run of blanks and line ends: a phrase may wrap anywhere
    return [re.sub(r"\s+", " ", (p.extract_text() or "").replace("\u00a0", " ")) for p in PdfReader(str(path)).pages]


def _rows_on(page: str) -> set[int]:
    return {int(m) for m in ROW.findall(page)}


def _opis(path, n: int) -> None:
    rows = [form_0510466.OpisRow(f"Позиция {i:04d} прибор лабораторный", f"ХП-{i:06d}", "в эксплуатации",
                                 "используется для учебного процесса", "шт.", "796", Decimal("1500.00"),
                                 Decimal(1), Decimal(1)) for i in range(1, n + 1)]
    op = form_0510466.Opis("ИО-1", DAY, "Кузнецова Е. А.", "Заведующий лабораторией",
                           "101.34 — Машины и оборудование", "ауд. 105", "Решение № 7 от 10.11.2026",
                           DAY, DAY, rows, COMMISSION)
    form_0510466.build_lists(path, REQ, [op], counted=True)


def _discrepancies(path, n: int) -> None:
    lines = [form_results.DiffLine("101.34", f"Позиция {i:04d} прибор", f"ХП-{i:06d}", "шт.",
                                   Decimal(1 if i % 2 else -1), Decimal("1500.00")) for i in range(1, n + 1)]
    form_results.build_discrepancies(path, REQ, form_results.Discrepancy(
        "ВР-1", DAY, "Решение № 7 от 10.11.2026", "Кузнецова Е. А.", "ауд. 105", lines, COMMISSION,
        "Заведующий лабораторией"))


def _act(path, n: int) -> None:
    lists = [form_results.ActList(f"ИО-{i}", f"Позиция {i:04d} МОЛ", "101.34", 3, Decimal(100), Decimal(100),
                                  Decimal(0), Decimal(0)) for i in range(1, n + 1)]
    form_results.build_act(path, REQ, form_results.Act("АИ-1", DAY, "Решение № 7", DAY, DAY, lists, COMMISSION))


def _decision(path, n: int) -> None:
    rooms = [(f"Позиция {i:04d} аудитория", "Кузнецова Е. А.") for i in range(1, n + 1)]
    form_results.build_decision(path, REQ, form_results.Decision("7", DAY, "Годовая инвентаризация", DAY, DAY,
                                                                 rooms, "101.00", COMMISSION))


def _movement(path, n: int) -> None:
    lines = [{"name": f"Позиция {i:04d} прибор", "inventory_number": f"ХП-{i:06d}", "unit": "шт.", "okei": "796",
              "quantity": Decimal(1), "price": Decimal(10), "sum": Decimal(10), "account": "101.34",
              "commissioned_on": DAY} for i in range(1, n + 1)]
    d = {"form": "0504104", "number": "СП-1", "date": DAY, "reason": "износ", "from_room": "ауд. 105",
         "to_room": "", "from_mol": "Кузнецова Е. А.", "to_mol": "", "person": "", "kind": "write_off",
         "from_mol_position": "Заведующий лабораторией", "lines": lines, "total": Decimal(10 * n)}
    form_movement.build_movement(path, REQ, d, "Акт о списании объектов нефинансовых активов")


def _transfer(path, n: int) -> None:
    lines = [{"name": f"Позиция {i:04d} прибор", "inventory_number": f"ХП-{i:06d}", "unit": "шт.", "okei": "796",
              "quantity": Decimal(1), "price": Decimal(10), "sum": Decimal(10), "account": "101.34",
              "commissioned_on": DAY} for i in range(1, n + 1)]
    d = {"form": "0504102", "number": "ПМ-1", "date": DAY, "reason": "", "from_room": "ауд. 105",
         "to_room": "ауд. 106", "from_mol": "Кузнецова Е. А.", "to_mol": "Орлов О. О.", "person": "",
         "kind": "transfer", "lines": lines, "total": Decimal(10 * n)}
    form_movement.build_movement(path, REQ, d, "Накладная на внутреннее перемещение объектов нефинансовых активов")


def _room_count(path, n: int) -> None:  # `report stocktaking`: the room's own discrepancy list
    short = [stocktaking.DiffRow(f"Позиция {i:04d} прибор", f"ХП-{i:06d}", "", "шт.", Decimal(1), Decimal(0),
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
# the table's head — printed once on a page); the form's code is on its first page
FORMS = {
    "0510466": (_opis, "Итого по описи", "претензий к инвентаризационной комиссии не имею", _numbered_rows,
                "Итого по странице"),
    "0504092": (_discrepancies, "Итого: строк", "С ведомостью ознакомлен", _numbered_rows, "Номер счёта"),
    "0510463": (_act, "Заключение комиссии", "Член комиссии", _numbered_rows, "Фактически, руб."),
    "0510439": (_decision, "в состав комиссии не включены", "С решением ознакомлены", _commission_rows,
                "Местонахождение (помещение)"),
    "0504104": (_movement, "Всего по документу", "Исполнитель (главный бухгалтер)", _numbered_rows,
                "Дата ввода в"),
    "0504102": (_transfer, "Всего по документу", "Принял (получатель)", _numbered_rows, "Цена, руб."),
    "stocktaking": (_room_count, "Излишки", "Материально ответственное лицо", _numbered_rows, "Инв. номер"),
}


@pytest.mark.parametrize("code", list(FORMS))
def test_signatures_stay_with_the_last_rows(code, tmp_path):
    build, totals, closing, has_rows, head = FORMS[code]
    # how many rows the first and the second page hold when the table runs on
    build(tmp_path / "long.pdf", 150)
    long = _pages(tmp_path / "long.pdf")
    ends = [max(_rows_on(long[0]) or {0}), max(_rows_on(long[1]))]
    # the lengths from «the last rows and the signatures fit the page» to «the rows alone fill it», at
    # the end of the first and of the second page (the gap is wider than 3 rows on every form)
    lengths = sorted({n for end in ends for n in range(end - 18, end + 2, 3) if n >= 1})
    for n in lengths:
        path = tmp_path / f"{code}-{n}.pdf"
        build(path, n)
        pages = _pages(path)
        last = pages[-1]
        assert code in pages[0] or code == "stocktaking"
        assert closing in last and "(подпись)" in last, (n, len(pages))
        assert totals in last, (n, len(pages))
        assert has_rows(last), f"{code}: with {n} rows the last page holds the signatures alone"
        # one table part a page: the rows moved over with the signatures start a new page
        assert all(page.count(head) <= 1 for page in pages), n
        # and no page is left half empty: a page before the last is full, or only the last two rows (a
        # table's own total among them) went over with the signatures
        for i, page in enumerate(pages[:-1]):
            room = ends[0] if i == 0 else ends[1] - ends[0]
            moved = i == len(pages) - 2 and len(_rows_on(last)) <= 2
            assert len(_rows_on(page)) >= room - 1 or moved, (n, i + 1)
        # every row printed exactly once, in order, none lost by the move
        seen = [int(m) for page in pages for m in ROW.findall(page)]
        assert seen == list(range(1, n + 1)), n
