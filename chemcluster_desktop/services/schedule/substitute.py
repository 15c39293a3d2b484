"""Substitutes: an instructor is absent for some dates; lesson by lesson, a qualified free instructor
takes over at the same time and place.

:func:`substitute` marks the dates away on the instructor's card and gives each of their lessons in
the range the first candidate — teaches the module, works that weekday and lesson, is not away that
day and has no other lesson then (nor one given in the same run) — preferring whoever has the fewest
lessons that day. The lesson keeps its date, lesson number and workshop; ``replaces_id`` remembers
whom the substitute stands in for, so the schools' timetables print «замена». One unit of work,
journaled (every changed lesson and the summary); ``dry_run`` only proposes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit
from chemcluster_desktop.services.context import uow
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.schedule._common import WRITE, _date, _fmt
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.schedule import (
    CourseModule,
    Instructor,
    InstructorModule,
    Lesson,
    School,
    SchoolClass,
    TimeSlot,
)
from chemcluster_desktop.storage.search import fold


def _find_instructor(s, name: str) -> Instructor:
    rows = list(s.scalars(select(Instructor)))
    hits = [i for i in rows if fold(i.full_name) == fold(name)] or [i for i in rows if fold(name) in fold(i.full_name)]
    if not hits:
        raise NotFoundError(translate("Schedule", "Преподаватель «{0}» не найден.").format(name))
    if len(hits) > 1:
        raise ValidationError(translate("Schedule", "Под «{0}» подходят несколько преподавателей: {1}. Уточните ФИО.").format(
            name, "; ".join(i.full_name for i in hits)))
    return hits[0]


def substitute(instructor: str, date_from, date_to, *, dry_run: bool = False) -> dict:
    require(WRITE)
    a, b = _date(date_from, "from"), _date(date_to, "to")
    if b < a:
        raise ValidationError(translate("Schedule", "Отсутствие заканчивается ({0}) раньше, чем начинается ({1}).").format(
            _fmt(b), _fmt(a)), field="to")
    with uow() as s:
        absent = _find_instructor(s, instructor)
        lessons = list(s.scalars(select(Lesson).where(Lesson.instructor_id == absent.id, Lesson.date >= a,
                                                      Lesson.date <= b).order_by(Lesson.date, Lesson.slot_id)))
        slots = dict(s.execute(select(TimeSlot.id, TimeSlot.number)).all())
        teaches = defaultdict(set)
        for iid, mid in s.execute(select(InstructorModule.instructor_id, InstructorModule.module_id)):
            teaches[mid].add(iid)
        others = {i.id: i for i in s.scalars(select(Instructor)) if i.id != absent.id}
        busy: dict[tuple[int, dt.date, int], int] = {}
        day_load: dict[tuple[int, dt.date], int] = defaultdict(int)
        for iid, day, sid in s.execute(select(Lesson.instructor_id, Lesson.date, Lesson.slot_id).where(
                Lesson.date >= a, Lesson.date <= b, Lesson.instructor_id.is_not(None))):
            busy[(iid, day, sid)] = 1
            day_load[(iid, day)] += 1
        names = {
            "class": dict(s.execute(select(SchoolClass.id, SchoolClass.name)).all()),
            "school": dict(s.execute(select(SchoolClass.id, School.name).join(School)).all()),
            "module": dict(s.execute(select(CourseModule.id, CourseModule.name)).all()),
            "workshop": dict(s.execute(select(Workshop.id, Workshop.name)).all()),
        }
        rows = []
        for le in lessons:
            n = slots.get(le.slot_id)
            cands = []
            for iid in sorted(teaches[le.module_id]):
                i = others.get(iid)
                if i is None:
                    continue
                av = i.availability or {}
                if le.date.weekday() not in av.get("weekdays", [0, 1, 2, 3, 4]):
                    continue
                if av.get("slots") and n not in av["slots"]:
                    continue
                if le.date.isoformat() in av.get("unavailable_dates", []) or (iid, le.date, le.slot_id) in busy:
                    continue
                cands.append(i)
            cands.sort(key=lambda i: (day_load[(i.id, le.date)], i.full_name))
            chosen = cands[0] if cands else None
            row = {"lesson_id": le.id, "date": le.date.isoformat(), "slot": n, "school": names["school"][le.class_id],
                   "class": names["class"][le.class_id], "subgroup": le.subgroup or None,
                   "module": names["module"][le.module_id], "workshop": names["workshop"][le.workshop_id],
                   "absent": absent.full_name, "substitute": chosen.full_name if chosen else None,
                   "candidates": [i.full_name for i in cands]}
            if chosen is None:
                row["reason"] = translate("Schedule", "Нет свободного преподавателя модуля «{0}» {1}, {2}-й урок.").format(
                    names["module"][le.module_id], _fmt(le.date), n)
            else:
                busy[(chosen.id, le.date, le.slot_id)] = 1
                day_load[(chosen.id, le.date)] += 1
                if not dry_run:
                    le.replaces_id = le.replaces_id or absent.id
                    le.instructor_id = chosen.id
            rows.append(row)
        covered = sum(1 for r in rows if r["substitute"])
        if not dry_run:
            av = dict(absent.availability or {})
            days = set(av.get("unavailable_dates", []))
            d = a
            while d <= b:
                days.add(d.isoformat())
                d += dt.timedelta(days=1)
            av["unavailable_dates"] = sorted(days)
            absent.availability = av
            s.flush()
            audit.record(s, "substitute", "schedule", "Instructor", absent.id, translate(
                "Schedule", "Замена: {0} отсутствует {1}–{2}; заменено занятий {3}, без замены {4}").format(
                absent.full_name, _fmt(a), _fmt(b), covered, len(rows) - covered))
        left = s.scalar(select(func.count()).select_from(Lesson).where(
            Lesson.instructor_id == absent.id, Lesson.date >= a, Lesson.date <= b)) if not dry_run else None
    return {"instructor": absent.full_name, "from": a.isoformat(), "to": b.isoformat(), "dry_run": dry_run,
            "lessons": rows, "replaced": covered, "uncovered": len(rows) - covered,
            "still_assigned": left if left is not None else len(rows) - covered}
