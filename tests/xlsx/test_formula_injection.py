"""Spreadsheets are data, never code (issue 19, finding 3 and the export half of 9).

Hostile text put into the database (names, models, МОЛ, checklist comments, plan lines, modules) is
exported by every .xlsx writer as text: no formula cell anywhere, every text that starts like a formula
carries Excel's quote prefix, control characters are escaped and do not break the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from chemcluster_desktop.services import context

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel and LibreOffice take for a formula

HOSTILE = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(1+1)*cmd", "\t=1+1", "\r=1+1"]
CONTROL = "Колба\x07 с\x1bзвонком\x00"


def _sql(stmt: str, **params) -> None:
    with context.current().engine.begin() as conn:
        conn.execute(text(stmt), params)


def _cells(path: Path):
    wb = load_workbook(path)  # not read-only: the styles (quote prefix) are needed
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


def _assert_safe(path: Path, expected: list[str]) -> None:
    seen = set()
    for c in _cells(path):
        assert c.data_type != "f", f"{c.coordinate}: formula {c.value!r}"
        if isinstance(c.value, str):
            seen.add(c.value)
            if c.value.startswith(FORMULA_STARTS):
                assert c.data_type == "s" and c.quotePrefix, f"{c.coordinate}: {c.value!r} not kept as text"
    for v in expected:
        assert any(v.lstrip("\r") in s for s in seen), f"{v!r} missing from the export"  # XML reads CR as LF


@pytest.fixture
def hostile_demo(demo_db):
    ids = [r[0] for r in context.current().engine.connect().execute(text("SELECT id FROM items ORDER BY id"))]
    for i, v in enumerate(HOSTILE):
        _sql("UPDATE items SET name = :v, model = :m, responsible = :r WHERE id = :id", v=v, m=HOSTILE[-1 - i],
             r="@МОЛ" if i % 2 else "=МОЛ", id=ids[i])
    _sql("UPDATE items SET name = :v WHERE id = :id", v=CONTROL, id=ids[len(HOSTILE)])
    return demo_db


def test_inventory_export_writes_formulas_as_text(hostile_demo, tmp_path):
    from chemcluster_desktop.services import inventory

    p = tmp_path / "inv.xlsx"
    inventory.export_inventory(p)
    _assert_safe(p, HOSTILE + ["=МОЛ", "@МОЛ", "Колба\\x07 с\\x1bзвонком\\x00"])


def test_checklist_export_writes_comments_as_text(demo_db, tmp_path):
    from chemcluster_desktop.services import accreditation

    wid = accreditation.workshops()[0].id
    ids = [r[0] for r in context.current().engine.connect().execute(
        text("SELECT id FROM checklist_lines WHERE workshop_id = :w ORDER BY id"), {"w": wid})]
    for i, v in enumerate(HOSTILE[:4]):
        _sql("UPDATE checklist_lines SET comment = :v WHERE id = :id", v=v, id=ids[i])
    _sql("UPDATE checklist_lines SET comment = :v WHERE id = :id", v=CONTROL, id=ids[4])
    p = tmp_path / "checklist.xlsx"
    accreditation.export_checklist(wid, p)
    _assert_safe(p, HOSTILE[:4])


def test_plan_schedule_export_writes_titles_as_text(demo_db, tmp_path):
    from chemcluster_desktop.services.procurement import documents

    _sql("UPDATE plan_lines SET title = :v WHERE id = (SELECT min(id) FROM plan_lines)", v=HOSTILE[0])
    _sql("UPDATE needs SET name = :v WHERE id = (SELECT min(id) FROM needs WHERE plan_line_id IS NOT NULL)",
         v=HOSTILE[1])
    p = tmp_path / "plan.xlsx"
    documents.export_plan_schedule(p)
    _assert_safe(p, HOSTILE[:2])


def test_timetable_export_writes_module_names_as_text(demo_db, tmp_path):
    from chemcluster_desktop.services.schedule import report_schedule

    _sql("UPDATE course_modules SET name = :v WHERE id = (SELECT min(module_id) FROM lessons)", v=HOSTILE[2])
    p = tmp_path / "timetable.xlsx"
    n = report_schedule.export_xlsx(p)
    assert n > 0
    _assert_safe(p, [HOSTILE[2]])
