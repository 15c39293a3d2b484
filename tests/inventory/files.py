"""Realistic import files: a lab's own sheet with group rows, and the accounting statement ф. 0504035.

``python -m tests.inventory.files DIR`` writes both with openpyxl; the copies in tests/inventory/data/
were re-saved by LibreOffice (``soffice --headless --convert-to xlsx``), so the tests read files that
another program wrote (merged cells, shared strings and styles as LibreOffice writes them).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DATA = Path(__file__).with_name("data")
STATEMENT = DATA / "oborotnaya_0504035.xlsx"
LAB_SHEET = DATA / "lab_sheet_groups.xlsx"

# (name, number, unit, ОКЕИ, price, opening qty, debit qty, credit qty) per account; closing = open + debit - credit
STATEMENT_ROWS = {
    ("101.34", "Машины и оборудование — иное движимое имущество учреждения"): [
        ("Спектрофотометр UV-1800", "101340001", "шт", "796", Decimal("385000.00"), 1, 0, 0),
        ("Дистиллятор ДЭ-4", "101340002", "шт", "796", Decimal("41200.00"), 1, 0, 1),  # disposed of
        ("Мешалка магнитная ММ-5", "101340007", "шт", "796", Decimal("8500.00"), 4, 0, 0),  # a group
        ("Термостат ТС-1/80", "101340011", "шт", "796", Decimal("96300.00"), 0, 1, 0),  # received
    ],
    ("101.36", "Инвентарь производственный и хозяйственный — иное движимое имущество учреждения"): [
        ("Стол химический лабораторный", "101360012", "шт", "796", Decimal("24500.00"), 6, 0, 0),
        ("Стул лабораторный", "101360013", "шт", "796", Decimal("3200.00"), 12, 0, 2),
        ("Шкаф вытяжной ШВ-2", "101360020", "шт", "796", Decimal("187000.00"), 1, 0, 0),
    ],
    ("105.36", "Прочие материальные запасы — иное движимое имущество учреждения"): [
        ("Колба мерная 100 мл", "105360101", "шт", "796", Decimal("310.00"), 24, 0, 0),
        ("Перчатки нитриловые", "105360102", "пар", "715", Decimal("12.50"), 150, 100, 50),
        ("Бумага фильтровальная", "105360103", "уп", "778", Decimal("95.00"), 3, 0, 3),  # used up
    ],
}


def make_statement(path: Path) -> Path:
    """The statement as an accounting system exports it: title block, three merged header rows, the
    column numbers 1…13, accounts with subtotals, «Всего», a signature block."""
    wb = Workbook()
    ws = wb.active
    ws.title = "0504035"
    bold = Font(bold=True)
    ws["J1"] = "Приложение 5 к приказу Минфина России от 30.03.2015 № 52н"
    ws["A2"] = "ОБОРОТНАЯ ВЕДОМОСТЬ ПО НЕФИНАНСОВЫМ АКТИВАМ"
    ws["A2"].font = bold
    ws.merge_cells("A2:K2")
    ws["L2"] = "Коды"
    ws["A3"] = "за период с 01.10.2026 по 31.10.2026"
    ws["K3"], ws["L3"] = "Форма по ОКУД", "0504035"
    ws["A4"], ws["C4"] = "Учреждение", "ГБПОУ «Химико-технологический колледж»"
    ws["K4"], ws["L4"] = "по ОКПО", "12345678"
    ws["A5"], ws["C5"] = "Структурное подразделение", "Лаборатория аналитической химии"
    ws["A6"], ws["C6"] = "Материально ответственное лицо", "Петрова Анна Сергеевна"
    ws["A7"] = "Единица измерения: руб."
    head = {"A9": "Наименование нефинансового актива", "B9": "Номер (код) объекта учета", "C9": "Единица измерения",
            "E9": "Цена", "F9": "Остаток на начало периода", "H9": "Оборот за период", "L9": "Остаток на конец периода",
            "C10": "наименование", "D10": "код по ОКЕИ", "H10": "поступление (по дебету)",
            "J10": "выбытие (по кредиту)"}
    for ref, text in head.items():
        ws[ref] = text
    for col in "FHJL":
        ws[f"{col}11"] = "количество"
    for col in "GIKM":
        ws[f"{col}11"] = "сумма"
    for rng in ("A9:A11", "B9:B11", "C9:D9", "E9:E11", "F9:G10", "H9:K9", "L9:M10", "C10:C11", "D10:D11",
                "H10:I10", "J10:K10"):
        ws.merge_cells(rng)
    for row in ws.iter_rows(min_row=9, max_row=11):
        for c in row:
            c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for i in range(1, 14):
        ws.cell(12, i, str(i))
    r = 13
    grand = Decimal(0)
    for (account, title), items in STATEMENT_ROWS.items():
        ws.cell(r, 1, f"Счет {account} «{title}»").font = bold
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=13)
        r += 1
        sub = Decimal(0)
        for name, number, unit, okei, price, op, deb, cred in items:
            close = op + deb - cred
            vals = [name, number, unit, okei, price, op or None, price * op or None, deb or None, price * deb or None,
                    cred or None, price * cred or None, close or None, price * close or None]
            for i, v in enumerate(vals, 1):
                ws.cell(r, i, float(v) if isinstance(v, Decimal) else v)
            sub += price * close
            r += 1
        ws.cell(r, 1, f"Итого по счету {account}")
        ws.cell(r, 13, float(sub))
        grand += sub
        r += 1
    ws.cell(r, 1, "Всего").font = bold
    ws.cell(r, 13, float(grand))
    r += 2
    ws.cell(r, 1, "Ответственный исполнитель")
    ws.cell(r, 3, "главный бухгалтер")
    ws.cell(r, 6, "Сидорова")
    ws.cell(r, 9, "Сидорова О. В.")
    ws.cell(r + 1, 3, "(должность)")
    ws.cell(r + 1, 6, "(подпись)")
    ws.cell(r + 1, 9, "(расшифровка подписи)")
    ws.cell(r + 2, 1, "«31» октября 2026 г.")
    ws.column_dimensions["A"].width = 44
    wb.save(path)
    return path


# the lab's own sheet: identical things as one row with a quantity (groups), no room column
LAB_HEADER = ["№ п/п", "Наименование", "Инв. номер", "Вид", "Кол-во", "Ед. изм.", "Цена, руб.", "Примечание"]
LAB_ROWS = [
    [1, "Стол химический лабораторный", "ИН-0101", "Мебель", 6, "шт.", "24 500,00", ""],
    [2, "Стул лабораторный", "ИН-0102", "Мебель", 12, "шт.", "3 200,00", ""],
    [3, "Шкаф вытяжной", "ИН-0103", "Мебель", 1, "шт.", "187 000,00", ""],
    [4, "Весы аналитические ВЛ-220", "ИН-0201", "Оборудование", 2, "шт.", "96 800,00", "поверка в мае"],
    [5, "Мешалка магнитная ММ-5", "ИН-0202", "Оборудование", 4, "шт.", "8 500,00", ""],
    [6, "Спектрофотометр UV-1800", "ИН-0203", "Оборудование", 1, "шт.", "385 000,00", ""],
    [7, "Колба мерная 100 мл", "ИН-0301", "Оборудование", 24, "шт.", "310,00", "стекло"],
    [8, "Бюретка 25 мл", "ИН-0302", "Оборудование", 10, "шт.", "640,00", ""],
    [9, "Перчатки нитриловые", None, "Расходный материал", 200, "пар", "12,50", ""],
    [10, "Штатив лабораторный", "ИН-0102", "Оборудование", 8, "шт.", "1 150,00", ""],  # number repeats row 2
    [11, "Пипетка 10 мл", "ИН-0303", "Оборудование", "2,5", "шт.", "95,00", ""],  # a fraction of a unit
]


def make_lab_sheet(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Лаборатория 214"
    ws.append(["Перечень оборудования лаборатории аналитической химии (ауд. 214)"])
    ws.append([])
    ws.append(LAB_HEADER)
    for r in LAB_ROWS:
        ws.append(r)
    wb.save(path)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    make_statement(out / STATEMENT.name)
    make_lab_sheet(out / LAB_SHEET.name)
