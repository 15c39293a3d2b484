"""The GUI of issue 15 on real widgets at 1366×768: the generation dialog (period, preview by school,
apply, undo), the substitute dialog, the hours tab (over the cap in red), the production calendar tab
and its check of lessons on a day off."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.ui import ops
from tests.schedule.helpers import TERM, independent_violations, load_all, small_instance


def _page(window, qtbot):
    window.resize(1366, 768)
    page = window.show_page("schedule")
    qtbot.waitExposed(page)
    page.refresh()
    return page


def _lessons(term_id) -> list[tuple]:
    return sorted((le["id"], le["date"], le["slot"], le["workshop_id"], le["instructor_id"])
                  for le in load_all(term_id)["lessons"])


def test_generation_dialog_previews_applies_and_undoes(window, qtbot, monkeypatch):
    ids = small_instance()
    svc.generate(TERM)
    before = _lessons(ids["term"])
    monkeypatch.setenv("CHEMCLUSTER_TODAY", "2026-10-12")  # half the term is past now
    ins = next(i for i in svc.list_instructors() if i["id"] == ids["i3"])
    # he falls ill on three of his coming teaching days (taken from the generated timetable: the generator
    # spreads the hours over the term, so fixed dates may hold none of his lessons and leave nothing to redo)
    days = sorted({x[1] for x in before if x[4] == ids["i3"] and x[1] > dt.date(2026, 10, 12)})[:3]
    assert days, "the instructor must have lessons after today for the regeneration to move"
    svc.update_instructor(ins["id"], {**ins, "unavailable_dates": [d.isoformat() for d in days]},
                          version=ins["version"])
    page = _page(window, qtbot)
    page.on_generate()
    dlg = page.last_dialog
    assert dlg.date_from.date() == QDate(2026, 10, 12)  # never before today
    assert dlg.date_from.minimumDate() == QDate(2026, 10, 12)
    assert not dlg.apply_button.isEnabled()
    assert dlg.keep_valid.isChecked()  # by default a regeneration keeps what still obeys the rules
    qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not ops.running(), timeout=60000)
    ops.wait_all()
    qtbot.waitUntil(lambda: dlg.plan is not None and dlg.table.rowCount() >= 1, timeout=30000)  # filled on done
    assert _lessons(ids["term"]) == before  # the preview wrote nothing
    assert "добавится" in dlg.summary.text() and "прошедшие" in dlg.summary.text()
    schools = {dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount())}
    assert schools <= {s["name"] for s in svc.list_schools()}
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    after = _lessons(ids["term"])
    assert after != before
    past = [x for x in before if x[1] < dt.date(2026, 10, 12)]
    assert all(x in after for x in past)  # past lessons kept, same rows
    assert independent_violations(load_all(ids["term"])) == []
    assert dlg.undo_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert "(2)" in dlg.undo_button.text()  # two generations to undo, the latest first
    qtbot.mouseClick(dlg.undo_button, Qt.MouseButton.LeftButton)
    assert _lessons(ids["term"]) == before
    assert "возвращено" in dlg.summary.text() and "ещё генераций: 1" in dlg.summary.text()
    assert dlg.undo_button.isEnabled()  # the first generation can be undone next


def test_substitute_dialog_proposes_then_applies(window, qtbot):
    ids = small_instance()
    svc.generate(TERM)
    svc.create_instructor({"full_name": "Петрова Анна Юрьевна", "weekdays": [0, 1, 2, 3, 4],
                           "module_ids": [ids["m1"], ids["m2"], ids["m3"]]})
    page = _page(window, qtbot)
    page.week.setDate(QDate(2026, 9, 14))
    qtbot.mouseClick(page.sub_button, Qt.MouseButton.LeftButton)
    dlg = page.last_dialog
    dlg.instructor.setCurrentText("Соколов Игорь Николаевич")
    dlg.date_from.setDate(QDate(2026, 9, 14))
    dlg.date_to.setDate(QDate(2026, 9, 30))
    qtbot.mouseClick(dlg.propose_button, Qt.MouseButton.LeftButton)
    assert dlg.table.rowCount() > 0 and dlg.apply_button.isEnabled()
    assert "Предложение" in dlg.summary.text()
    proposed = {dlg.table.item(r, 5).text() for r in range(dlg.table.rowCount())}
    assert "Петрова Анна Юрьевна" in proposed
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    assert "Записано" in dlg.summary.text()
    rows = svc.term_lessons(TERM)["lessons"]
    assert any(r["replaces"] == "Соколов Игорь Николаевич" and r["instructor"] == "Петрова Анна Юрьевна" for r in rows)


def test_hours_tab_shows_the_cap_and_calendar_tab_finds_day_off_lessons(window, qtbot):
    ids = small_instance()
    page = _page(window, qtbot)
    page.tabs.setCurrentIndex(page.TABS.index("load"))
    table = page.load_tab.classes
    assert table.rowCount() == 3
    assert {(table.item(r, 2).text(), table.item(r, 3).text()) for r in range(3)} == {("26", "34")}
    assert page.load_tab.programme.rowCount() >= 5
    # a workshop's pupils at a lesson, edited in its own form
    ws = page.load_tab.workshops
    row = next(r for r in range(ws.rowCount()) if ws.item(r, 0).text() == "Мастерская «Химическая технология»")
    assert ws.item(row, 2).text() == "26"
    page.load_tab.edit_workshop(ids["w2"])
    dlg = page.load_tab.last_dialog
    dlg.widgets["lesson_pupils"].setValue(30)
    dlg.accept()
    assert next(w for w in svc.list_workshops() if w["id"] == ids["w2"])["lesson_pupils"] == 30
    assert any(ws.item(r, 2).text() == "30" for r in range(ws.rowCount()))
    term = svc.resolve_term(TERM)
    svc.update_term(term["id"], {**term, "hours_cap": 26}, version=term["version"])
    page.refresh()
    assert all(table.item(r, 3).text() == "26" for r in range(3))
    # the calendar: 4 November is there; a hand-made lesson on it is found by the check
    page.tabs.setCurrentIndex(page.TABS.index("calendar"))
    cal = page.calendar_tab
    names = [cal.days.item(r, 0).text() for r in range(cal.days.rowCount())]
    assert "День народного единства" in names
    slot = svc.list_slots()[0]["id"]
    svc.create_lesson({"class_id": ids["classes"][2], "module_id": ids["m3"], "instructor_id": ids["i1"],
                       "workshop_id": ids["w1"], "date": dt.date(2026, 11, 4), "slot_id": slot}, allow_clash=True)
    qtbot.mouseClick(cal.check_button, Qt.MouseButton.LeftButton)
    assert cal.found.count() == 1 and "04.11.2026" in cal.found.item(0).text()
    cal.found.itemDoubleClicked.emit(cal.found.item(0))
    assert page.current_tab().name == "week" and page.week.date() == QDate(2026, 11, 4)
