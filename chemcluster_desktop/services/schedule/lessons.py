"""Lessons: the week grid, hand-made lessons, move, lock, clear."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import aliased

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit
from chemcluster_desktop.services.common import require_version
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
    replaced = aliased(Instructor)
    with read() as s:
        stmt = (select(*LESSON_COLS, SchoolClass.name.label("class_name"), SchoolClass.pupils.label("class_pupils"),
                       SchoolClass.school_id, School.name.label("school"), CourseModule.name.label("module"),
                       Instructor.full_name.label("instructor"), Workshop.name.label("workshop"),
                       TimeSlot.number.label("slot"), TimeSlot.starts_at, TimeSlot.ends_at,
                       Lesson.replaces_id, replaced.full_name.label("replaces"))
                .outerjoin(replaced, replaced.id == Lesson.replaces_id)
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


def term_lessons(term_name, school: str | None = None) -> dict:
    """``schedule lessons --json``: the term's lessons (of one school), in date and lesson order."""
    from chemcluster_desktop.services.errors import NotFoundError
    from chemcluster_desktop.services.schedule.terms import resolve_term
    from chemcluster_desktop.storage.search import fold

    t = resolve_term(term_name)
    school_id = None
    if school:
        with read() as s:
            rows = s.execute(select(School.id, School.name)).all()
        hits = [i for i, n in rows if fold(n) == fold(school)] or [i for i, n in rows if fold(school) in fold(n)]
        if not hits:
            raise NotFoundError(translate("Schedule", "Школа «{0}» не найдена.").format(school))
        school_id = hits[0]
    out = []
    for le in lessons_between(t["starts_on"], t["ends_on"], term_id=t["id"], school_id=school_id):
        out.append({"date": le["date"].isoformat(), "slot": le["slot"], "school": le["school"],
                    "class": le["class_name"], "subgroup": le["subgroup"] or None, "workshop": le["workshop"],
                    "instructor": le["instructor"], "module": le["module"], "locked": bool(le["locked"]),
                    "replaces": le["replaces"]})
    return {"term": t["name"], "lessons": out}


def _term_for(s, day: dt.date) -> int | None:
    return s.scalar(select(Term.id).where(Term.starts_on <= day, Term.ends_on >= day).order_by(Term.starts_on))


def lesson_clashes(data: dict, exclude_id: int | None = None) -> list[dict]:
    """Clashes the proposed lesson would have (hours not counted): used before a drop or a save."""
    with read() as s:
        return _clashes_in(s, data, exclude_id)


def _clashes_in(s, data: dict, exclude_id: int | None = None) -> list[dict]:
    """:func:`lesson_clashes` in the session ``s``. A save calls it inside its own unit of work, after the
    write lock is taken (SQLite: the unit of work's first statement writes; PostgreSQL: the advisory write
    lock of :func:`context.uow`), so two saves for one free slot cannot both see it free (issue 19, finding 5)."""
    day = _date(data["date"])
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
    with uow() as s:
        if not allow_clash:  # checked under the write lock: see _clashes_in
            _refuse(_clashes_in(s, d))
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


def _lesson(s, lesson_id: int, version: int) -> Lesson:
    """The lesson a form or a drag is about to change, as of the version it was shown at (required: a save
    without it would overwrite another user's change, issue 19 finding 14)."""
    obj = s.get(Lesson, lesson_id)
    if obj is None:
        raise _gone()
    require_version(obj, version)
    return obj


def update_lesson(lesson_id: int, data: dict, *, version: int, allow_clash: bool = False) -> None:
    require(WRITE)
    d = _lesson_data(data)
    with uow() as s:
        obj = _lesson(s, lesson_id, version)
        if not allow_clash:
            _refuse(_clashes_in(s, d, exclude_id=lesson_id))
        for k, v in d.items():
            setattr(obj, k, v)
        obj.term_id = _term_for(s, d["date"])
        if "locked" in data:
            obj.locked = bool(data["locked"])


def move_clashes(lesson_id: int, day: dt.date, slot_id: int, workshop_id: int | None = None) -> list[dict]:
    with read() as s:
        return _move_clashes_in(s, lesson_id, day, slot_id, workshop_id)


def _move_clashes_in(s, lesson_id: int, day: dt.date, slot_id: int, workshop_id: int | None) -> list[dict]:
    rows = lesson_dicts(s, Lesson.id == lesson_id)
    if not rows:
        raise _gone()
    le = rows[0]
    le.update(date=day, slot_id=slot_id)
    if workshop_id is not None:
        le["workshop_id"] = workshop_id
    le.pop("term_id", None)
    return _clashes_in(s, le, exclude_id=lesson_id)


def move_lesson(lesson_id: int, day: dt.date, slot_id: int, workshop_id: int | None = None, *,
                version: int) -> None:
    """Move a lesson (drag and drop) shown at ``version``; refused with the clash when it would collide
    (checked under the write lock, as :func:`create_lesson`)."""
    require(WRITE)
    with uow() as s:
        obj = _lesson(s, lesson_id, version)
        _refuse(_move_clashes_in(s, lesson_id, day, slot_id, workshop_id))
        obj.date, obj.slot_id = day, slot_id
        if workshop_id is not None:
            obj.workshop_id = workshop_id
        obj.term_id = _term_for(s, day)


def _versions(ids: list[int], versions: dict[int, int]) -> None:
    missing = [i for i in ids if i not in versions]
    if missing:
        raise ValidationError(translate("Errors", "Не указана версия записи, с которой начато изменение: "
                                                  "сохранение вслепую перезаписало бы чужие правки. Откройте "
                                                  "запись заново и повторите."), field="version")


def delete_lessons(ids: list[int], *, versions: dict[int, int]) -> int:
    """Delete lessons as they were shown (``versions``: id -> version); a lesson changed by someone else
    meanwhile is refused (nothing deleted), one already gone is skipped."""
    require(WRITE)
    _versions(ids, versions)
    with uow() as s:
        n = 0
        for i in ids:
            obj = s.get(Lesson, i)
            if obj is not None:
                require_version(obj, versions[i])
                s.delete(obj)
                n += 1
        return n


def set_locked(ids: list[int], locked: bool, *, versions: dict[int, int]) -> int:
    """Lock or unlock lessons as they were shown (``versions``: id -> version); a subgroup's lesson takes
    the other subgroups of the same visit (same class, module, date and lesson) along, so a visit is never
    half fixed."""
    require(WRITE)
    _versions(ids, versions)
    with uow() as s:
        n = 0
        seen: set[int] = set()
        for i in ids:
            obj = s.get(Lesson, i)
            if obj is None:
                continue
            require_version(obj, versions[i])
            group = [obj]
            if obj.subgroup:
                group = list(s.scalars(select(Lesson).where(
                    Lesson.class_id == obj.class_id, Lesson.module_id == obj.module_id, Lesson.date == obj.date,
                    Lesson.slot_id == obj.slot_id, Lesson.subgroup > 0)))
            for le in group:
                if le.id not in seen and le.locked != locked:
                    le.locked = locked
                    n += 1
                seen.add(le.id)
        return n


def clear_term(term_id: int, *, keep_locked: bool = True) -> int:
    require(WRITE)
    with uow() as s:
        cond = [Lesson.term_id == term_id] + ([Lesson.locked.is_(False)] if keep_locked else [])
        audit.record_deleting(s, "schedule", Lesson, *cond)
        n = s.execute(delete(Lesson).where(*cond)).rowcount or 0
        audit.record(s, "clear", "schedule", "Lesson", term_id, translate("Schedule", "Удалено занятий: {0}").format(n))
        return n
