"""The instance: a term's reference data and lessons as plain data for the checker, the solver and FET."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import String, select, type_coerce

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read
from chemcluster_desktop.services.schedule.data import (
    WORKDAYS,
    ClassInfo,
    Instance,
    InstructorInfo,
    ModuleInfo,
    RequirementInfo,
    SlotInfo,
    TermInfo,
    WorkshopInfo,
)
from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.schedule import (
    CourseModule,
    Holiday,
    Instructor,
    InstructorModule,
    Lesson,
    Requirement,
    School,
    SchoolClass,
    Term,
    TimeSlot,
    WorkshopModule,
)


def load_instance_in(s, term_id: int | None) -> Instance:
    if term_id is None:
        t = s.scalars(select(Term).order_by(Term.starts_on)).first()
        term = (TermInfo(t.id, t.name, t.starts_on, t.ends_on) if t
                else TermInfo(0, "", dt.date(1900, 1, 1), dt.date(2999, 12, 31)))
    else:
        t = get_or_404(s, Term, term_id, translate("Schedule", "Карточка учебного периода"))
        term = TermInfo(t.id, t.name, t.starts_on, t.ends_on)
    # plain column selects (no ORM identity map): this runs before every clash check
    slots = [SlotInfo(*r) for r in s.execute(select(TimeSlot.id, TimeSlot.number, TimeSlot.starts_at,
                                                     TimeSlot.ends_at))]
    classes = {}
    for cid, school_id, name, pupils, av in s.execute(select(SchoolClass.id, SchoolClass.school_id, SchoolClass.name,
                                                             SchoolClass.pupils, SchoolClass.availability)):
        av = av or {}
        classes[cid] = ClassInfo(cid, school_id, name, pupils,
                                 set(av.get("weekdays", WORKDAYS)), set(av["slots"]) if av.get("slots") else None)
    instructors = {}
    for iid, name, av in s.execute(select(Instructor.id, Instructor.full_name, Instructor.availability)):
        av = av or {}
        instructors[iid] = InstructorInfo(
            iid, name, set(av.get("weekdays", WORKDAYS)), set(av["slots"]) if av.get("slots") else None,
            {dt.date.fromisoformat(x) for x in av.get("unavailable_dates", [])})
    reqs = []
    if term_id is not None:
        reqs = [RequirementInfo(*r) for r in s.execute(
            select(Requirement.id, Requirement.class_id, Requirement.module_id, Requirement.subgroup,
                   Requirement.hours).where(Requirement.term_id == term_id))]
    return Instance(
        term=term, slots=slots, classes=classes,
        workshops={r[0]: WorkshopInfo(*r) for r in s.execute(select(Workshop.id, Workshop.name, Workshop.workplaces))},
        modules={r[0]: ModuleInfo(*r) for r in s.execute(select(CourseModule.id, CourseModule.name, CourseModule.hours,
                                                                CourseModule.max_group))},
        instructors=instructors,
        workshop_modules={tuple(r) for r in s.execute(select(WorkshopModule.workshop_id, WorkshopModule.module_id))},
        instructor_modules={tuple(r) for r in s.execute(
            select(InstructorModule.instructor_id, InstructorModule.module_id))},
        requirements=reqs,
        holidays=[tuple(r) for r in s.execute(select(Holiday.starts_on, Holiday.ends_on, Holiday.name))],
        schools=dict(s.execute(select(School.id, School.name)).all()),
    )


def load_instance(term_id: int | None) -> Instance:
    with read() as s:
        return load_instance_in(s, term_id)


LESSON_COLS = (Lesson.id, Lesson.term_id, Lesson.class_id, Lesson.subgroup, Lesson.pupils, Lesson.module_id,
                Lesson.instructor_id, Lesson.workshop_id, Lesson.date, Lesson.slot_id, Lesson.locked,
                Lesson.generated, Lesson.version)


_LESSON_KEYS = tuple(c.key for c in LESSON_COLS)


def lesson_dicts(s, *where) -> list[dict]:
    stmt = select(*LESSON_COLS)
    for w in where:
        stmt = stmt.where(w)
    keys = _LESSON_KEYS
    return [dict(zip(keys, r, strict=True)) for r in s.execute(stmt)]


_CHECK_COLS = (Lesson.id, Lesson.class_id, Lesson.subgroup, Lesson.pupils, Lesson.module_id, Lesson.instructor_id,
               Lesson.workshop_id, Lesson.slot_id)
_CHECK_KEYS = tuple(c.key for c in _CHECK_COLS) + ("date",)


def check_rows(s, *where) -> list[dict]:
    """Only what the clash check needs; dates parsed once per distinct day (fast for 10,000 rows)."""
    stmt = select(*_CHECK_COLS, type_coerce(Lesson.date, String).label("d"))
    for w in where:
        stmt = stmt.where(w)
    cache: dict = {}
    keys = _CHECK_KEYS
    out = []
    for r in s.execute(stmt):
        raw = r[-1]
        day = cache.get(raw)
        if day is None:
            day = cache[raw] = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw)[:10])
        out.append(dict(zip(keys, (*r[:-1], day), strict=True)))
    return out


def fit_problems(inst: Instance, reqs) -> list[str]:
    """Requirements that cannot fit in the term at all (more hours than the class has free lessons)."""
    out = []
    by_class = defaultdict(int)
    for r in reqs:
        c = inst.classes.get(r.class_id)
        m = inst.modules.get(r.module_id)
        if c is None or m is None:
            continue
        cap = sum(len(inst.teaching_dates(d)) for d in c.weekdays) * len(inst.class_slots(c) & {
            s.number for s in inst.slots})
        by_class[c.id] += r.hours
        if r.hours > cap:
            out.append(translate("Schedule", "{0} ({1}): модулю «{2}» нужно {3} ч, а в периоде «{4}» у класса есть только {5} уроков "
                          "в допустимые дни. Уменьшите часы, расширьте дни класса или период.").format(
                c.name, inst.schools.get(c.school_id, ""), m.name, r.hours, inst.term.name, cap))
        elif by_class[c.id] > cap:
            out.append(translate("Schedule", "{0} ({1}): нагрузка {2} ч больше, чем {3} уроков, доступных классу в периоде «{4}».")
                       .format(c.name, inst.schools.get(c.school_id, ""), by_class[c.id], cap, inst.term.name))
    return out
