"""The plan-schedule workbook from plain rows (no database), read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook

from chemcluster_desktop.xlsx.procurement import write_plan_schedule


def test_plan_schedule_workbook(tmp_path):
    lines = [{
        "number": "ПГ-2026-001", "title": "Поставка весов <аналитических> & гирь", "okpd2": "28.29.31.110",
        "law": "44-ФЗ", "method": "электронный аукцион", "source": "Грант «Профессионалитет»", "year": 2026,
        "quarter": 2, "amount": Decimal("455800.00"), "status_label": "Контракт заключён",
        "notice_number": "0332300001226000001", "contract": "№ К-1 от 01.06.2026", "contract_price": Decimal("440000.00"),
        "supplier": "ООО «ЛабТехСнаб»",
        "needs": [{"name": "Весы аналитические", "quantity": Decimal(3), "unit": "шт.", "nmck": Decimal("455800.00")}],
        "steps": [{"label": "В плане", "date": dt.date(2026, 3, 1), "user": "buyer", "note": ""},
                  {"label": "Цена обоснована", "date": dt.date(2026, 3, 10), "user": "buyer", "note": ""}],
    }]
    path = tmp_path / "plan.xlsx"
    assert write_plan_schedule(path, lines, title="План-график", college="ДХТ") == 1
    wb = load_workbook(path)
    ws = wb["План-график"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "План-график" and rows[1][0] == "ДХТ"
    line = next(r for r in rows if r[0] == "ПГ-2026-001")
    assert line[1] == "Поставка весов <аналитических> & гирь"  # user text kept as is
    assert line[6] == "2 кв. 2026" and Decimal(str(line[9])) == Decimal("455800")
    need = rows[rows.index(line) + 1]
    assert need[1].strip() == "Весы аналитические" and need[7] == 3
    total = rows[-1]
    assert "Итого" in total[1] and Decimal(str(total[9])) == Decimal("455800")
    assert ws.cell(rows.index(line) + 1, 10).number_format.startswith("#,##0.00")
    steps = list(wb["Ход закупок"].iter_rows(values_only=True))
    assert [s[1] for s in steps[1:]] == ["В плане", "Цена обоснована"]
    assert steps[2][2].date() == dt.date(2026, 3, 10)
    assert not (tmp_path / "plan.xlsx.part").exists()
