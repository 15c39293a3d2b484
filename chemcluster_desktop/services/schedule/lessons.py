"""Lessons: the week grid, hand-made lessons, move, lock, clear."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit
from chemcluster_desktop.services.common import check_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.schedule._common import WRITE, _date, _fmt, _int
from chemcluster_desktop.services.schedule.check import check
from chemcluster_desktop.services.schedule.data import TermInfo
from chemcluster_desktop.services.schedule.instance import LESSON_COLS, lesson_dicts, load_instance_in
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.schedule import (
    CourseModule,
    Instructor,
    Lesson,
    School,
    SchoolClass,
    Term,
    TimeSlot,
)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def lessons_between(a: dt.date, b: dt.date, *, workshop_id=None, class_id=None, instructor_id=None,
                    school_id=None, term_id=None) -> list[dict]:
    """Lessons with names, for the grid and the printouts (dates a..b inclusive)."""
    with read() as s:
        stmt = (select(*LESSON_COLS, SchoolClass.name.label("class_name"), SchoolClass.pupils.label("class_pupils"),
                       SchoolClass.school_id, School.name.label("school"), CourseModule.name.label("module"),
                       Instructor.full_name.label("instructor"), Workshop.name.label("workshop"),
                       TimeSlot.number.label("slot"), TimeSlot.starts_at, TimeSlot.ends_at)
                .join(SchoolClass, SchoolClass.id == Lesson.class_id)
                .join(School, School.id == SchoolClass.school_id)
                .join(CourseModule, CourseModule.id == Lesson.module_id)
                .outerjoin(Instructor, Instructor.id == Lesson.instructor_id)
                .join(Workshop, Workshop.id == Lesson.workshop_id)
                .join(TimeSlot, TimeSlot.id == Lesson.slot_id)
                .where(Lesson.date >= a, Lesson.date <= b)
                .order_by(Lesson.date, TimeSlot.number, School.name, SchoolClass.name, Lesson.subgroup))
        for col, v in ((Lesson.workshop_id, workshop_id), (Lesson.class_id, class_id),
                       (Lesson.instructor_id, instructor_id), (SchoolClass.school_id, school_id),
                       (Lesson.term_id, term_id)):
            if v is not None:
                stmt = stmt.where(col == v)
        out = []
        for r in s.execute(stmt):
            d = dict(r._mapping)
            d["class"] = d["class_name"] + (f" ({d['subgroup']})" if d["subgroup"] else "")
            d["size"] = d["pupils"] or d["class_pupils"]
            out.append(d)
        return out


def _term_for(s, day: dt.date) -> int | None:
    return s.scalar(select(Term.id).where(Term.starts_on <= day, Term.ends_on >= day).order_by(Term.starts_on))


def lesson_clashes(data: dict, exclude_id: int | None = None) -> list[dict]:
    """Clashes the proposed lesson would have (hours not counted): used before a drop or a save."""
    day = _date(data["date"])
    with read() as s:
        term_id = data.get("term_id") or _term_for(s, day)
        inst = load_instance_in(s, term_id)
        if term_id is None:
            inst.term = TermInfo(0, "", day, day)
            msg_out = [{"kind": "outside_term", "message": translate("Schedule", "{0} не входит ни в один учебный период.").format(
                _fmt(day)), "lesson_ids": []}]
        else:
            msg_out = []
        around = lesson_dicts(s, Lesson.date == day, Lesson.slot_id == data["slot_id"])
    proposed = {"id": -1, "class_id": data["class_id"], "subgroup": data.get("subgroup") or 0,
                "pupils": data.get("pupils"), "module_id": data["module_id"],
                "instructor_id": data.get("instructor_id"), "workshop_id": data["workshop_id"],
                "date": day, "slot_id": data["slot_id"]}
    others = [le for le in around if le["id"] != exclude_id]
    found = check(inst, others + [proposed], hours=False)
    mine = [c for c in found if -1 in c["lesson_ids"] and c["kind"] != "outside_term"]
    return msg_out + mine


def _lesson_data(data: dict) -> dict:
    out = {
        "class_id": _int(data, "class_id", "Класс"),
        "subgroup": _int(data, "subgroup", "Подгруппа", minimum=0, required=False) or 0,
        "module_id": _int(data, "module_id", "Модуль"),
        "instructor_id": _int(data, "instructor_id", "Преподаватель", required=False),
        "workshop_id": _int(data, "workshop_id", "Мастерская"),
        "date": _date(data.get("date")),
        "slot_id": _int(data, "slot_id", "Урок"),
    }
    out["pupils"] = _int(data, "pupils", "Учеников в подгруппе", minimum=1, required=False) if out["subgroup"] else None
    return out


def _refuse(clashes: list[dict]) -> None:
    if clashes:
        msgs = [c["message"] for c in clashes]
        raise ValidationError(translate("Schedule", "Занятие нельзя поставить сюда:") + "\n• " + "\n• ".join(msgs))


def create_lesson(data: dict, *, allow_clash: bool = False) -> int:
    require(WRITE)
    d = _lesson_data(data)
    if not allow_clash:
        _refuse(lesson_clashes(d))
    with uow() as s:
        term_id = _term_for(s, d["date"])
        obj = Lesson(term_id=term_id, locked=bool(data.get("locked", False)), generated=False, **d)
        s.add(obj)
        s.flush()
        return obj.id


def get_lesson(lesson_id: int) -> dict:
    with read() as s:
        rows = lesson_dicts(s, Lesson.id == lesson_id)
    if not rows:
        raise _gone()
    return rows[0]


def _gone() -> NotFoundError:
    # not get_or_404's message: a lesson mostly vanishes because its term was generated again
    return NotFoundError(translate("Schedule", "Занятие не найдено (возможно, его удалили или перегенерировали)."))


def _lesson(s, lesson_id: int, version: int | None) -> Lesson:
    """The lesson a form or a drag is about to change, as of the version it was shown at."""
    obj = s.get(Lesson, lesson_id)
    if obj is None:
        raise _gone()
    check_version(obj, version)
    return obj


def update_lesson(lesson_id: int, data: dict, *, version: int | None, allow_clash: bool = False) -> None:
    require(WRITE)
    d = _lesson_data(data)
    if not allow_clash:
        _refuse(lesson_clashes(d, exclude_id=lesson_id))
    with uow() as s:
        obj = _lesson(s, lesson_id, version)
        for k, v in d.items():
            setattr(obj, k, v)
        obj.term_id = _term_for(s, d["date"])
        if "locked" in data:
            obj.locked = bool(data["locked"])


def move_clashes(lesson_id: int, day: dt.date, slot_id: int, workshop_id: int | None = None) -> list[dict]:
    le = get_lesson(lesson_id)
    le.update(date=day, slot_id=slot_id)
    if workshop_id is not None:
        le["workshop_id"] = workshop_id
    le.pop("term_id", None)
    return lesson_clashes(le, exclude_id=lesson_id)


def move_lesson(lesson_id: int, day: dt.date, slot_id: int, workshop_id: int | None = None,
                version: int | None = None) -> None:
    """Move a lesson (drag and drop); refused with the clash when it would collide."""
    require(WRITE)
    _refuse(move_clashes(lesson_id, day, slot_id, workshop_id))
    with uow() as s:
        obj = _lesson(s, lesson_id, version)
        obj.date, obj.slot_id = day, slot_id
        if workshop_id is not None:
            obj.workshop_id = workshop_id
        obj.term_id = _term_for(s, day)


def delete_lessons(ids: list[int]) -> int:
    require(WRITE)
    with uow() as s:
        n = 0
        for i in ids:
            obj = s.get(Lesson, i)
            if obj is not None:
                s.delete(obj)
                n += 1
        return n


def set_locked(ids: list[int], locked: bool) -> int:
    require(WRITE)
    with uow() as s:
        n = 0
        for i in ids:
            obj = s.get(Lesson, i)
            if obj is not None and obj.locked != locked:
                obj.locked = locked
                n += 1
        return n


def clear_term(term_id: int, *, keep_locked: bool = True) -> int:
    require(WRITE)
    with uow() as s:
        cond = [Lesson.term_id == term_id] + ([Lesson.locked.is_(False)] if keep_locked else [])
        audit.record_deleting(s, "schedule", Lesson, *cond)
        n = s.execute(delete(Lesson).where(*cond)).rowcount or 0
        audit.record(s, "clear", "schedule", "Lesson", term_id, translate("Schedule", "Удалено занятий: {0}").format(n))
        return n
