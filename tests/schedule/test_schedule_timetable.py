"""Timetable PDFs (per school, class, workshop, instructor; week grid and term list) and the .xlsx
for schools, read back with pypdf / openpyxl."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from chemcluster_desktop.services import printing
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.schedule import report_schedule
from tests.schedule.helpers import TERM, small_instance


def _text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_pdfs_for_every_view(db, tmp_path):
    small_instance()
    svc.generate(TERM)
    cases = [({}, "МБОУ «Средняя школа № 2»"),
             ({"school": "МБОУ «Средняя школа № 3»"}, "Средняя школа № 3"),
             ({"class_": "8А", "school": "МБОУ «Средняя школа № 4»"}, "Класс 8А"),
             ({"workshop": "Мастерская «Химическая технология»"}, "Химическая технология"),
             ({"instructor": "Соколов Игорь Николаевич", "view": "week"}, "Соколов"),
             ({"instructor": "Орлов Дмитрий Сергеевич", "view": "term"}, "Список занятий")]
    for flt, needle in cases:
        dest = tmp_path / "t.pdf"
        res = printing.build("schedule", dest, term=TERM, **flt)
        text = _text(dest)
        assert needle in text, (flt, text[:500])
        assert res.pages == len(PdfReader(str(dest)).pages) >= 1
        assert "Расписание занятий 8-х классов" in text
    with pytest.raises(NotFoundError):
        printing.build("schedule", tmp_path / "x.pdf", term=TERM, workshop="Нет такой")
    with pytest.raises(ValidationError):
        printing.build("schedule", tmp_path / "x.pdf", term=TERM, view="month")


def test_xlsx_for_schools(db, tmp_path):
    small_instance()
    res = svc.generate(TERM)
    path = tmp_path / "s.xlsx"
    n = report_schedule.export_xlsx(path, term=TERM)
    assert n == res["placed"]
    wb = load_workbook(path)
    assert len(wb.sheetnames) == 3
    ws = wb[wb.sheetnames[0]]
    assert ws["A3"].value == "Дата" and ws["I3"].value == "Преподаватель"
    assert sum(wb[s].max_row - 3 for s in wb.sheetnames) == n
