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


def test_school_paper_ics_and_substitutes(db, tmp_path):
    """The paper a school signs: approval blocks with the names, the agreement number, one page per school
    and month at most, workshop and instructor on each visit; an .ics per school; a substitute printed."""
    import datetime as dt

    from chemcluster_desktop.services.database import set_settings

    ids = small_instance()
    svc.generate(TERM)
    set_settings({"college.director": "Смирнова Ольга Викторовна", "college.short_name": "ДХТ"})
    s = next(x for x in svc.list_schools() if x["name"] == "МБОУ «Средняя школа № 4»")
    svc.update_school(s["id"], {**s, "director": "Голубев Алексей Петрович", "agreement": "СП-04/2026"},
                      version=s["version"])
    svc.create_instructor({"full_name": "Петрова Анна Юрьевна", "weekdays": [0, 1, 2, 3, 4],
                           "module_ids": [ids["m1"], ids["m2"], ids["m3"]]})
    # a month in which Соколов teaches this school (the generator spreads the hours over the whole term)
    first = min(le["date"] for le in svc.term_lessons(TERM, "МБОУ «Средняя школа № 4»")["lessons"]
                if "Соколов" in (le["instructor"] or ""))
    start = dt.date.fromisoformat(first).replace(day=1)
    sub = svc.substitute("Соколов", start, (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1))
    assert sub["replaced"] > 0
    dest = tmp_path / "school.pdf"
    res = printing.build("schedule", dest, term=TERM, school="МБОУ «Средняя школа № 4»")
    reader = PdfReader(str(dest))
    months = {le["date"][:7] for le in svc.term_lessons(TERM, "МБОУ «Средняя школа № 4»")["lessons"]}
    assert res.pages == len(reader.pages) <= len(months)
    for page in reader.pages:
        text = page.extract_text()
        assert "СОГЛАСОВАНО" in text and "УТВЕРЖДАЮ" in text
        assert "Голубев Алексей Петрович" in text and "Смирнова Ольга Викторовна" in text
        assert "№ СП-04/2026" in text and "Мастерская «" in text
    text = _text(dest)
    assert "8А (1, 2)" in text  # the two halves of a visit on one line
    assert "замена за Соколов Игорь Николаевич" in " ".join(text.split())
    # every school of the term: one page per school and month at most
    dest = tmp_path / "all.pdf"
    res = printing.build("schedule", dest, term=TERM)
    per = {(le["school"], le["date"][:7]) for le in svc.term_lessons(TERM)["lessons"]}
    assert res.pages <= len(per)
    # .ics of one school
    path = tmp_path / "s.ics"
    n = report_schedule.export_ics(path, school="МБОУ «Средняя школа № 4»", term=TERM)
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(len(x) <= 75 for x in lines)
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == n > 0
    assert "SUMMARY:8А (1\\, 2): Профпроба «Лаборант химического анализа»" in unfolded
    assert "DTSTART;TZID=Europe/Moscow:2026" in unfolded
    # .xlsx: the substitute is written next to the instructor
    xpath = tmp_path / "s.xlsx"
    report_schedule.export_xlsx(xpath, term=TERM, school="МБОУ «Средняя школа № 4»")
    wb = load_workbook(xpath)
    cells = [c.value for row in wb[wb.sheetnames[0]].iter_rows(min_row=4) for c in row if c.value]
    assert any("замена за Соколов Игорь Николаевич" in str(v) for v in cells)
