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


def test_plan_schedule_total_is_the_sum_of_its_rows(tmp_path):
    def ln(number, law, amount, status):
        return {"number": number, "title": number, "law": law, "method": "электронный аукцион", "amount":
                Decimal(amount), "status": status, "status_label": status, "needs": [], "steps": [],
                "ikz": "2635249023823524901001" + "00010010000244" if law == "44-ФЗ" else ""}

    lines = [ln("ПГ-1", "44-ФЗ", "100.10", "in_plan"), ln("ПГ-2", "44-ФЗ", "50.00", "failed"),
             ln("ПГ-3", "223-ФЗ", "7.05", "contract_signed"), ln("ПГ-4", "44-ФЗ", "20.20", "on_inventory")]
    path = tmp_path / "p.xlsx"
    write_plan_schedule(path, lines)
    rows = list(load_workbook(path)["План-график"].iter_rows(values_only=True))
    total = next(r for r in rows if r[1] == "Итого по плану-графику")
    above = rows[:rows.index(total)]
    amounts = [Decimal(str(r[9])) for r in above if r[0] in ("ПГ-1", "ПГ-3", "ПГ-4")]
    assert Decimal(str(total[9])) == sum(amounts) == Decimal("127.35")
    assert Decimal(str(next(r for r in rows if r[1] == "Итого по 44-ФЗ")[9])) == Decimal("120.30")
    failed = next(r for r in rows if r[0] == "ПГ-2")
    assert rows.index(failed) > rows.index(total)  # listed apart, after the total
    assert next(r for r in rows if r[0] == "ПГ-1")[15].startswith("26")
