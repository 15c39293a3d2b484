"""The generator spreads a class's hours over the weeks of the period (a weekly load, as a school timetable
has) instead of packing them into its first weeks: on the demo every teaching week of the first half-year
has lessons, December included, no class comes more than its weekly load allows, and the week grid opened
on a December week shows lessons."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from PySide6.QtCore import QDate

from chemcluster_desktop.services import schedule as svc
from tests.schedule.helpers import TERM, load_all, small_instance

DEMO_TERM = "2026/27, 1 полугодие"


def _week(day: dt.date) -> tuple[int, int]:
    return tuple(day.isocalendar())[:2]


def _teaching_days(term: dict) -> list[dt.date]:
    """Every working day of the term that is neither in school holidays nor a day off of the calendar."""
    off = {d["date"] for d in svc.list_calendar() if d["kind"] == "off"}
    hol = [(h["starts_on"], h["ends_on"]) for h in svc.list_holidays()
           if h["term_id"] in (None, term["id"])]
    out = []
    day = term["starts_on"]
    while day <= term["ends_on"]:
        if day.weekday() < 5 and day not in off and not any(a <= day <= b for a, b in hol):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _weekly_hours(lessons: list[dict]) -> dict[tuple, dict[tuple, int]]:
    """(school, class, subgroup-independent) -> week -> lesson hours of the class (parallel halves count once)."""
    cells: dict[tuple, set] = defaultdict(set)
    for le in lessons:
        day = dt.date.fromisoformat(le["date"])
        cells[(le["school"], le["class"])].add((day, le["slot"]))
    out: dict[tuple, dict[tuple, int]] = {}
    for k, xs in cells.items():
        per: dict[tuple, int] = defaultdict(int)
        for day, _slot in xs:
            per[_week(day)] += 1
        out[k] = per
    return out


def _cap(hours: int, weeks: int) -> int:
    """The README's rule: the class's hours over three quarters of its teaching weeks, in whole double lessons."""
    return 2 * math.ceil(hours / (2 * weeks * 0.75))


def test_demo_lessons_in_every_teaching_week_and_within_the_weekly_load(demo_db):
    term = svc.resolve_term(DEMO_TERM)
    lessons = svc.term_lessons(DEMO_TERM)["lessons"]
    assert lessons
    days = _teaching_days(term)
    by_week = defaultdict(int)
    for le in lessons:
        by_week[_week(dt.date.fromisoformat(le["date"]))] += 1
    empty = sorted({_week(d) for d in days} - set(by_week))
    assert empty == [], [d for d in days if _week(d) in empty]
    # December, where the grid opens in the demo's first term, has lessons in each of its teaching weeks
    december = {_week(d) for d in days if d.month == 12}
    assert december and all(by_week[w] > 0 for w in december)
    assert max(dt.date.fromisoformat(le["date"]) for le in lessons) >= dt.date(2026, 12, 21)

    hours = defaultdict(int)
    for r in svc.list_requirements(term["id"]):
        hours[(r["school"], r["class"])] += r["hours"]
    classes = {(c["school"], c["name"]): c for c in svc.list_classes()}
    weekly = _weekly_hours(lessons)
    assert set(weekly) == set(hours)
    for k, per in weekly.items():
        weeks = {_week(d) for d in days if d.weekday() in classes[k]["weekdays"]}
        cap = _cap(hours[k], len(weeks))
        assert max(per.values()) <= cap, (k, cap, sorted(per.items()))
        assert cap == 2  # the demo's 10–18 hours over 16 weeks: one double lesson a week at most
        assert sum(per.values()) == hours[k]  # nothing left out for the spread


def _open_week(window, qtbot, view: str, monday: dt.date):
    """The demo's term in the week grid, seen ``view`` (all / workshop / …), on the week of ``monday``."""
    page = window.show_page("schedule")
    qtbot.waitExposed(page)
    page.term.setCurrentIndex(page.term.findData(svc.resolve_term(DEMO_TERM)["id"]))
    page.view.setCurrentIndex(page.view.findData(view))
    page.week.setDate(QDate(monday.year, monday.month, monday.day))
    qtbot.waitUntil(lambda: page.grid.monday == monday)
    return page, page.grid


def test_week_grid_on_a_december_week_of_the_demo_shows_lessons(demo_window, qtbot):
    page, grid = _open_week(demo_window, qtbot, "all", dt.date(2026, 12, 14))  # Monday 14.12.2026
    assert grid.lessons
    filled = [(r, c) for r in range(grid.rowCount()) for c in range(grid.columnCount())
              if grid.item(r, c) is not None and grid.item(r, c).text().strip()]
    assert filled
    shown = {dt.date.fromisoformat(str(le["date"])) for le in grid.lessons}
    assert all(dt.date(2026, 12, 14) <= d <= dt.date(2026, 12, 20) for d in shown)
    # what the grid shows is what the service has for that week
    assert len(grid.lessons) == len(svc.lessons_between(dt.date(2026, 12, 14), dt.date(2026, 12, 20)))


def test_small_instance_spread_and_all_hours_placed(db):
    """Three classes, 26 hours each in a 15-week term: every hour placed, no class above its weekly load, and
    each class's lessons reach past the term's middle (they used to end in October)."""
    ids = small_instance()
    res = svc.generate(TERM)
    assert res["unplaced"] == 0
    data = load_all(ids["term"])
    lessons = data["lessons"]
    t0, t1 = data["term"]
    middle = t0 + (t1 - t0) / 2
    for cid in ids["classes"]:
        mine = [le for le in lessons if le["class_id"] == cid]
        per = defaultdict(set)
        for le in mine:
            per[_week(le["date"])].add((le["date"], le["slot"]))
        hours = sum(r[3] for r in data["reqs"] if r[0] == cid)
        weekdays = data["classes"][cid][1]["weekdays"]
        days = [d for d in _teaching_days(svc.resolve_term(TERM)) if d.weekday() in weekdays]
        cap = _cap(hours, len({_week(d) for d in days}))
        assert max(len(x) for x in per.values()) <= cap
        assert max(le["date"] for le in mine) > middle


def test_week_grid_of_one_workshop_says_what_the_whole_week_holds(demo_window, qtbot):
    """One workshop's grid may be empty in a week when the others are not: the count line says both."""
    page, grid = _open_week(demo_window, qtbot, "workshop", dt.date(2026, 12, 7))  # Monday 07.12.2026
    total = len(svc.lessons_between(dt.date(2026, 12, 7), dt.date(2026, 12, 13)))
    assert total > 0
    seen = []
    for i in range(page.entity.count()):
        page.entity.setCurrentIndex(i)
        qtbot.waitUntil(lambda i=i: page.entity.currentIndex() == i)
        here = len(grid.lessons)
        assert f"на этой неделе здесь: {here}, всего: {total}" in page.count_label.text()
        seen.append(here)
    assert sum(seen) == total  # every lesson of the week is in one workshop
    page.view.setCurrentIndex(page.view.findData("all"))
    qtbot.waitUntil(lambda: f"на этой неделе: {total}" in page.count_label.text())
