"""A one-line write-off act (ф. 0504104, ф. 0504143) is one A4 sheet: the head's «УТВЕРЖДАЮ», the form's
head, the line and its total, the totals in words, the commission's conclusion and the five signers
(chair, two members, the МОЛ, the executor) — it used to miss the sheet by 6 mm and print its closing on
a second page. Every page is read back with pypdf."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chemcluster_desktop.reports import form_movement
from chemcluster_desktop.reports.unified_forms import Requisites
from chemcluster_desktop.services import printing
from tests.pdf_pages import page_texts

REQ = Requisites(name="ГБПОУ «Дзержинский химический техникум имени Красной Армии»", inn="5249023823",
                 kpp="524901001", okpo="02508293", unit="Отделение химической технологии и аналитического контроля",
                 director="Смирнова Ольга Викторовна", director_position="Директор",
                 accountant="Лаптева Марина Сергеевна")
DAY = dt.date(2026, 11, 16)
TITLES = {"0504104": "Акт о списании объектов нефинансовых активов (кроме транспортных средств)",
          "0504143": "Акт о списании мягкого и хозяйственного инвентаря"}
NAMES = {"short": "Шкаф сушильный", "wrapped": "Шкаф сушильный лабораторный с принудительной конвекцией, "
                                               "объём камеры 115 л, до 300 °C, с программным регулятором"}


def _act(path, code: str, name: str) -> list[str]:
    d = {"form": code, "number": "СП-2026-0001", "date": DAY, "kind": "write_off",
         "reason": "Неисправен, ремонт экономически нецелесообразен (акт № 14)",
         "from_room": "Лаборатория аналитической химии (ауд. 201)", "to_room": "", "person": "",
         "from_mol": "Кузнецова Е. А.", "from_mol_position": "Заведующий лабораторией аналитической химии",
         "to_mol": "", "lines": [{"name": name, "inventory_number": "ХП-2024-000001", "unit": "шт.", "okei": "796",
                                  "quantity": Decimal(1), "price": Decimal("45600.00"), "sum": Decimal("45600.00"),
                                  "account": "101.34", "commissioned_on": dt.date(2024, 10, 2)}],
         "total": Decimal("45600.00")}
    form_movement.build_movement(path, REQ, d, TITLES[code])
    return page_texts(path)


def _whole_act_on(page: str, name_start: str) -> None:
    flat = " ".join(page.split())
    for text in ("УТВЕРЖДАЮ", "Смирнова Ольга Викторовна", name_start, "Итого", "Всего по документу: строк 1 (один)",
                 "Заключение комиссии", "Председатель комиссии", "Члены комиссии", "Материально ответственное лицо",
                 "Кузнецова Е. А.", "Исполнитель (главный бухгалтер)", "Лаптева Марина Сергеевна"):
        assert text in flat, text
    assert flat.count("(подпись)") == 5 and "(продолжение)" not in flat


@pytest.mark.parametrize("name", list(NAMES))
@pytest.mark.parametrize("code", list(TITLES))
def test_one_line_act_is_one_sheet(code, name, tmp_path):
    pages = _act(tmp_path / f"{code}.pdf", code, NAMES[name])
    assert len(pages) == 1, [p[:80] for p in pages]
    _whole_act_on(pages[0], "Шкаф сушильный")
    assert code in pages[0]


def test_the_demo_write_off_is_one_sheet(demo_db, tmp_path):
    res = printing.build("movement", tmp_path / "sp.pdf", number="СП-2026-0001")
    pages = page_texts(res.path)
    assert res.pages == len(pages) == 1
    _whole_act_on(pages[0], "Шкаф сушильный")
