"""The 8th-grade «Технология» timetable: reference data, lessons, clash checks, generation.

Reference data: schools and their classes (pupils, weekdays and lesson numbers the school can
send them), instructors (availability, modules they teach), course modules (hours, max group,
workshops that host them), terms, holidays, bell times and requirements (a class takes a module
for N hours in a term). Workshops belong to the accreditation area (``Workshop.workplaces`` is the
capacity); which modules a workshop hosts is the ``workshop_modules`` table of this area.

Every function is one user action (one unit of work) and returns plain dicts. Writes call
``security.require("schedule.write")``. The API other areas rely on:

- :func:`pupils_reached` — distinct pupils of classes with at least one placed lesson;
- :func:`check_conflicts` — the clash list (see :mod:`.schedule_check`);
- :func:`generate` — CP-SAT generation of a term (see :mod:`.schedule_solver`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

from sqlalchemy import String, and_, delete, false, func, insert, or_, select, type_coerce

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import (
    ConcurrentEditError,
    DuplicateError,
    NotFoundError,
    ValidationError,
)
from chemcluster_desktop.services.schedule.check import check, kind_title, requirement_units
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
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.schedule import (
    NAME_END,
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
from chemcluster_desktop.storage.search import fold, like_pattern

WRITE = "schedule.write"


def _t(s: str) -> str:
    return translate("Schedule", s)


def weekday_names(short: bool = True) -> list[str]:
    if short:
        return [translate("Schedule", "Пн"), translate("Schedule", "Вт"), translate("Schedule", "Ср"), translate("Schedule", "Чт"), translate("Schedule", "Пт"), translate("Schedule", "Сб"), translate("Schedule", "Вс")]
    return [translate("Schedule", "Понедельник"), translate("Schedule", "Вторник"), translate("Schedule", "Среда"), translate("Schedule", "Четверг"), translate("Schedule", "Пятница"), translate("Schedule", "Суббота"),
            translate("Schedule", "Воскресенье")]


def _fmt(d: dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def _hm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def _date(v, field: str = "date") -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        s = str(v).strip()
        if "." in s:
            return dt.datetime.strptime(s, "%d.%m.%Y").date()
        return dt.date.fromisoformat(s)
    except (TypeError, ValueError):
        raise ValidationError(translate("Schedule", "Неверная дата «{0}»: введите её как ДД.ММ.ГГГГ.").format(v), field=field) from None


def _time(v, field: str) -> dt.time:
    if isinstance(v, dt.time):
        return v
    try:
        h, m = str(v).strip().split(":")[:2]
        return dt.time(int(h), int(m))
    except (TypeError, ValueError):
        raise ValidationError(translate("Schedule", "Неверное время «{0}»: введите его как ЧЧ:ММ.").format(v), field=field) from None


def _check_version(obj, version: int | None) -> None:
    if version is not None and obj.version != version:
        raise ConcurrentEditError()


def _req_text(data: dict, key: str, label: str, max_len: int = 300) -> str:
    v = str(data.get(key) or "").strip()
    if not v:
        raise ValidationError(translate("Schedule", "Заполните поле «{0}».").format(_t(label)), field=key)
    if len(v) > max_len:
        raise ValidationError(translate("Schedule", "Поле «{0}» длиннее {1} символов.").format(_t(label), max_len), field=key)
    return v


def _int(data: dict, key: str, label: str, *, minimum: int | None = None, required: bool = True) -> int | None:
    v = data.get(key)
    if v in (None, ""):
        if required:
            raise ValidationError(translate("Schedule", "Заполните поле «{0}».").format(_t(label)), field=key)
        return None
    try:
        n = int(v)
    except (TypeError, ValueError):
        raise ValidationError(translate("Schedule", "«{0}»: нужно целое число.").format(_t(label)), field=key) from None
    if minimum is not None and n < minimum:
        raise ValidationError(translate("Schedule", "«{0}» должно быть не меньше {1}.").format(_t(label), minimum), field=key)
    return n


def _weekdays(v) -> list[int]:
    days = sorted({int(x) for x in (v or [])})
    if any(d < 0 or d > 6 for d in days):
        raise ValidationError(translate("Schedule", "Дни недели задаются числами 0 (понедельник) … 6 (воскресенье)."), field="weekdays")
    return days


def _availability(data: dict, *, dates: bool = False) -> dict | None:
    out: dict = {}
    if data.get("weekdays") is not None:
        out["weekdays"] = _weekdays(data.get("weekdays"))
        if not out["weekdays"]:
            raise ValidationError(translate("Schedule", "Отметьте хотя бы один день недели."), field="weekdays")
    if data.get("slots"):
        out["slots"] = sorted({int(x) for x in data["slots"]})
    if dates and data.get("unavailable_dates"):
        out["unavailable_dates"] = sorted({_date(x, "unavailable_dates").isoformat()
                                           for x in data["unavailable_dates"]})
    return out or None


def _avail_fields(av: dict | None) -> dict:
    av = av or {}
    return {"weekdays": list(av.get("weekdays", sorted(WORKDAYS))), "slots": list(av.get("slots", [])),
            "unavailable_dates": list(av.get("unavailable_dates", []))}


# --- search (in SQL, over the folded ``search_key`` columns; see storage/schedule.py) ------------------------
# Every word of the search must occur (folded: case, ё = е) in one of the row's fields or in one of the
# related names the list is searched by — a class by its school's name, an instructor by the names of
# the modules they teach, a requirement by its class, school and module names.

def _words(search: str) -> list[str]:
    return (search or "").split()


def _in_key(key_col, word: str):
    """``word`` occurs in one of the fields the key is made of."""
    if "\x00" in word:  # no field holds one (PostgreSQL cannot even store it)
        return false()
    return key_col.like(like_pattern(word), escape="\\")


def _in_name(key_col, word: str):
    """``word`` occurs in the name of the row (the part of its key before ``NAME_END``)."""
    if "\x00" in word:
        return false()
    return key_col.like(like_pattern(word) + NAME_END + "%", escape="\\")


def _search(stmt, search: str, condition):
    """``stmt`` restricted to rows where ``condition(word)`` holds for every word of ``search``."""
    words = _words(search)
    return stmt.where(and_(*(condition(w) for w in words))) if words else stmt


# ============================================================================================
# Schools and classes
# ============================================================================================

def list_schools(search: str = "") -> list[dict]:
    with read() as s:
        agg = (select(SchoolClass.school_id, func.count().label("n"), func.sum(SchoolClass.pupils).label("pupils"))
               .group_by(SchoolClass.school_id).subquery())
        stmt = (select(School, agg.c.n, agg.c.pupils).outerjoin(agg, agg.c.school_id == School.id)
                .order_by(School.name))
        stmt = _search(stmt, search, lambda w: _in_key(School.search_key, w))
        return [{"id": r.id, "name": r.name, "address": r.address, "contact": r.contact, "version": r.version,
                 "classes": int(n or 0), "pupils": int(pupils or 0)}
                for r, n, pupils in s.execute(stmt).all()]


def save_school(data: dict, school_id: int | None = None, version: int | None = None) -> int:
    require(WRITE)
    name = _req_text(data, "name", "Название")
    with uow() as s:
        other = s.scalar(select(School.id).where(School.name == name))
        if other is not None and other != school_id:
            raise DuplicateError(translate("Schedule", "Школа «{0}» уже есть в справочнике.").format(name), field="name")
        if school_id is None:
            obj = School(name=name)
            s.add(obj)
        else:
            obj = s.get(School, school_id)
            if obj is None:
                raise NotFoundError(translate("Schedule", "Школа не найдена (возможно, её удалили)."))
            _check_version(obj, version)
            obj.name = name
        obj.address = str(data.get("address") or "").strip()
        obj.contact = str(data.get("contact") or "").strip()
        s.flush()
        return obj.id


def delete_school(school_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(School, school_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Школа не найдена (возможно, её удалили)."))
        of_school = Lesson.class_id.in_(select(SchoolClass.id).where(SchoolClass.school_id == school_id))
        audit.record_deleting(s, "schedule", Lesson, of_school)
        s.execute(delete(Lesson).where(of_school))
        s.delete(obj)


def list_classes(school_id: int | None = None, search: str = "") -> list[dict]:
    with read() as s:
        stmt = select(SchoolClass, School.name).join(School).order_by(School.name, SchoolClass.name)
        if school_id is not None:
            stmt = stmt.where(SchoolClass.school_id == school_id)
        stmt = _search(stmt, search, lambda w: or_(_in_key(SchoolClass.search_key, w), _in_name(School.search_key, w)))
        out = []
        for c, school in s.execute(stmt).all():
            av = _avail_fields(c.availability)
            out.append({"id": c.id, "school_id": c.school_id, "school": school, "name": c.name, "pupils": c.pupils,
                        "weekdays": av["weekdays"], "slots": av["slots"], "version": c.version,
                        "title": f"{c.name} — {school}"})
        return out


def _validate_class(data: dict) -> tuple[str, int]:
    name = _req_text(data, "name", "Класс", 20)
    pupils = _int(data, "pupils", "Учеников")
    if pupils is None or pupils <= 0:
        raise ValidationError(translate("Schedule", "В классе «{0}» {1} учеников: укажите число учеников больше нуля.").format(
            name, pupils), field="pupils")
    return name, pupils


def save_class(data: dict, class_id: int | None = None, version: int | None = None) -> int:
    require(WRITE)
    name, pupils = _validate_class(data)
    school_id = _int(data, "school_id", "Школа")
    av = _availability(data)
    with uow() as s:
        if s.get(School, school_id) is None:
            raise ValidationError(translate("Schedule", "Выберите школу."), field="school_id")
        other = s.scalar(select(SchoolClass.id).where(SchoolClass.school_id == school_id, SchoolClass.name == name))
        if other is not None and other != class_id:
            raise DuplicateError(translate("Schedule", "Класс «{0}» в этой школе уже есть.").format(name), field="name")
        if class_id is None:
            obj = SchoolClass(school_id=school_id, name=name, pupils=pupils)
            s.add(obj)
        else:
            obj = s.get(SchoolClass, class_id)
            if obj is None:
                raise NotFoundError(translate("Schedule", "Класс не найден (возможно, его удалили)."))
            _check_version(obj, version)
            obj.school_id, obj.name, obj.pupils = school_id, name, pupils
        obj.availability = av
        s.flush()
        return obj.id


def delete_class(class_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(SchoolClass, class_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Класс не найден (возможно, его удалили)."))
        audit.record_deleting(s, "schedule", Lesson, Lesson.class_id == class_id)
        s.execute(delete(Lesson).where(Lesson.class_id == class_id))
        s.delete(obj)


# ============================================================================================
# Instructors, modules, workshops
# ============================================================================================

def _teaches_module_named(word: str):
    return (select(InstructorModule.module_id)
            .join(CourseModule, CourseModule.id == InstructorModule.module_id)
            .where(InstructorModule.instructor_id == Instructor.id, _in_name(CourseModule.search_key, word))
            .exists())


def list_instructors(search: str = "") -> list[dict]:
    with read() as s:
        found = _search(select(Instructor), search,
                        lambda w: or_(_in_key(Instructor.search_key, w), _teaches_module_named(w)))
        rows = s.scalars(found.order_by(Instructor.full_name)).all()
        ids = select(found.with_only_columns(Instructor.id).subquery().c.id)
        mods = defaultdict(list)
        mids = defaultdict(list)
        for iid, mid, mname in s.execute(
                select(InstructorModule.instructor_id, InstructorModule.module_id, CourseModule.name)
                .join(CourseModule, CourseModule.id == InstructorModule.module_id)
                .where(InstructorModule.instructor_id.in_(ids))
                .order_by(InstructorModule.instructor_id, InstructorModule.module_id)):
            mods[iid].append(mname)
            mids[iid].append(mid)
        out = []
        for r in rows:
            out.append({"id": r.id, "full_name": r.full_name, "contact": r.contact, "version": r.version,
                        "modules": sorted(mods[r.id]), "module_ids": mids[r.id], **_avail_fields(r.availability)})
        return out


def save_instructor(data: dict, instructor_id: int | None = None, version: int | None = None) -> int:
    require(WRITE)
    name = _req_text(data, "full_name", "ФИО", 200)
    av = _availability(data, dates=True)
    with uow() as s:
        other = s.scalar(select(Instructor.id).where(Instructor.full_name == name))
        if other is not None and other != instructor_id:
            raise DuplicateError(translate("Schedule", "Преподаватель «{0}» уже есть.").format(name), field="full_name")
        if instructor_id is None:
            obj = Instructor(full_name=name)
            s.add(obj)
        else:
            obj = s.get(Instructor, instructor_id)
            if obj is None:
                raise NotFoundError(translate("Schedule", "Преподаватель не найден (возможно, его удалили)."))
            _check_version(obj, version)
            obj.full_name = name
        obj.contact = str(data.get("contact") or "").strip()
        obj.availability = av
        s.flush()
        if "module_ids" in data:
            s.execute(delete(InstructorModule).where(InstructorModule.instructor_id == obj.id))
            for mid in sorted(set(data["module_ids"] or [])):
                s.add(InstructorModule(instructor_id=obj.id, module_id=int(mid)))
        s.flush()
        return obj.id


def delete_instructor(instructor_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(Instructor, instructor_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Преподаватель не найден (возможно, его удалили)."))
        n = s.scalar(select(func.count()).select_from(Lesson).where(Lesson.instructor_id == instructor_id))
        if n:
            raise ValidationError(translate("Schedule", "У преподавателя «{0}» есть занятия ({1}): сначала перенесите или удалите их.")
                                  .format(obj.full_name, n))
        s.delete(obj)


def list_modules(search: str = "") -> list[dict]:
    with read() as s:
        found = _search(select(CourseModule), search, lambda w: _in_key(CourseModule.search_key, w))
        rows = s.scalars(found.order_by(CourseModule.name)).all()
        ids = select(found.with_only_columns(CourseModule.id).subquery().c.id)
        ws = defaultdict(list)
        wids = defaultdict(list)
        for mid, wid, wname in s.execute(select(WorkshopModule.module_id, Workshop.id, Workshop.name)
                                         .join(Workshop, Workshop.id == WorkshopModule.workshop_id)
                                         .where(WorkshopModule.module_id.in_(ids))
                                         .order_by(WorkshopModule.module_id, WorkshopModule.workshop_id)):
            ws[mid].append(wname)
            wids[mid].append(wid)
        out = []
        for r in rows:
            out.append({"id": r.id, "name": r.name, "hours": r.hours, "max_group": r.max_group,
                        "workshop_kinds": r.workshop_kinds, "description": r.description, "version": r.version,
                        "workshops": sorted(ws[r.id]), "workshop_ids": wids[r.id]})
        return out


def save_module(data: dict, module_id: int | None = None, version: int | None = None) -> int:
    require(WRITE)
    name = _req_text(data, "name", "Название")
    hours = _int(data, "hours", "Часов", minimum=1)
    max_group = _int(data, "max_group", "Макс. группа", minimum=1, required=False)
    with uow() as s:
        other = s.scalar(select(CourseModule.id).where(CourseModule.name == name))
        if other is not None and other != module_id:
            raise DuplicateError(translate("Schedule", "Модуль «{0}» уже есть.").format(name), field="name")
        if module_id is None:
            obj = CourseModule(name=name, hours=hours)
            s.add(obj)
        else:
            obj = s.get(CourseModule, module_id)
            if obj is None:
                raise NotFoundError(translate("Schedule", "Модуль не найден (возможно, его удалили)."))
            _check_version(obj, version)
            obj.name, obj.hours = name, hours
        obj.max_group = max_group
        obj.workshop_kinds = str(data.get("workshop_kinds") or "").strip()
        obj.description = str(data.get("description") or "").strip()
        s.flush()
        if "workshop_ids" in data:
            s.execute(delete(WorkshopModule).where(WorkshopModule.module_id == obj.id))
            for wid in sorted(set(data["workshop_ids"] or [])):
                s.add(WorkshopModule(workshop_id=int(wid), module_id=obj.id))
        s.flush()
        return obj.id


def delete_module(module_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(CourseModule, module_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Модуль не найден (возможно, его удалили)."))
        n = s.scalar(select(func.count()).select_from(Lesson).where(Lesson.module_id == module_id))
        if n:
            raise ValidationError(translate("Schedule", "По модулю «{0}» есть занятия ({1}): сначала удалите их.").format(obj.name, n))
        s.delete(obj)


def list_workshops() -> list[dict]:
    """Workshops of the accreditation area with their capacity and the modules they host."""
    with read() as s:
        mods = defaultdict(list)
        for wid, mid in s.execute(select(WorkshopModule.workshop_id, WorkshopModule.module_id)):
            mods[wid].append(mid)
        return [{"id": w.id, "name": w.name, "workplaces": w.workplaces, "module_ids": mods[w.id]}
                for w in s.scalars(select(Workshop).order_by(Workshop.name))]


def set_workshop_modules(workshop_id: int, module_ids: list[int]) -> None:
    require(WRITE)
    with uow() as s:
        if s.get(Workshop, workshop_id) is None:
            raise NotFoundError(translate("Schedule", "Мастерская не найдена."))
        s.execute(delete(WorkshopModule).where(WorkshopModule.workshop_id == workshop_id))
        for mid in sorted(set(module_ids)):
            s.add(WorkshopModule(workshop_id=workshop_id, module_id=int(mid)))


# ============================================================================================
# School year: terms, holidays, bell times
# ============================================================================================

def list_terms() -> list[dict]:
    with read() as s:
        counts = dict(s.execute(select(Lesson.term_id, func.count()).group_by(Lesson.term_id)).all())
        return [{"id": t.id, "name": t.name, "starts_on": t.starts_on, "ends_on": t.ends_on, "version": t.version,
                 "lessons": counts.get(t.id, 0)}
                for t in s.scalars(select(Term).order_by(Term.starts_on))]


def save_term(data: dict, term_id: int | None = None, version: int | None = None) -> int:
    require(WRITE)
    name = _req_text(data, "name", "Название", 100)
    a, b = _date(data.get("starts_on"), "starts_on"), _date(data.get("ends_on"), "ends_on")
    if b < a:
        raise ValidationError(translate("Schedule", "Период «{0}» заканчивается ({1}) раньше, чем начинается ({2}): исправьте даты.")
                              .format(name, _fmt(b), _fmt(a)), field="ends_on")
    with uow() as s:
        other = s.scalar(select(Term.id).where(Term.name == name))
        if other is not None and other != term_id:
            raise DuplicateError(translate("Schedule", "Период «{0}» уже есть.").format(name), field="name")
        if term_id is None:
            obj = Term(name=name, starts_on=a, ends_on=b)
            s.add(obj)
        else:
            obj = s.get(Term, term_id)
            if obj is None:
                raise NotFoundError(translate("Schedule", "Учебный период не найден."))
            _check_version(obj, version)
            obj.name, obj.starts_on, obj.ends_on = name, a, b
        s.flush()
        return obj.id


def delete_term(term_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(Term, term_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Учебный период не найден."))
        audit.record_deleting(s, "schedule", Lesson, Lesson.term_id == term_id)
        s.execute(delete(Lesson).where(Lesson.term_id == term_id))
        s.delete(obj)


def list_holidays() -> list[dict]:
    with read() as s:
        return [{"id": h.id, "name": h.name, "starts_on": h.starts_on, "ends_on": h.ends_on}
                for h in s.scalars(select(Holiday).order_by(Holiday.starts_on))]


def save_holiday(data: dict, holiday_id: int | None = None) -> int:
    require(WRITE)
    name = _req_text(data, "name", "Название", 200)
    a, b = _date(data.get("starts_on"), "starts_on"), _date(data.get("ends_on"), "ends_on")
    if b < a:
        raise ValidationError(translate("Schedule", "Каникулы «{0}» заканчиваются раньше, чем начинаются: исправьте даты.").format(name),
                              field="ends_on")
    with uow() as s:
        obj = Holiday() if holiday_id is None else s.get(Holiday, holiday_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Каникулы не найдены."))
        obj.name, obj.starts_on, obj.ends_on = name, a, b
        s.add(obj)
        s.flush()
        return obj.id


def delete_holiday(holiday_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(Holiday, holiday_id)
        if obj is not None:
            s.delete(obj)


def list_slots() -> list[dict]:
    with read() as s:
        return [{"id": t.id, "number": t.number, "starts_at": t.starts_at, "ends_at": t.ends_at,
                 "label": f"{t.number}. {_hm(t.starts_at)}–{_hm(t.ends_at)}"}
                for t in s.scalars(select(TimeSlot).order_by(TimeSlot.number))]


def _slot_problems(slots: list[tuple[int, dt.time, dt.time]]) -> list[str]:
    out = []
    for n, a, b in slots:
        if b <= a:
            out.append(translate("Schedule", "Урок № {0}: окончание {1} не позже начала {2}. Исправьте время звонков.").format(
                n, _hm(b), _hm(a)))
    ordered = sorted(slots, key=lambda x: x[1])
    for (n1, a1, b1), (n2, a2, _b2) in zip(ordered, ordered[1:], strict=False):
        if a2 < b1:
            out.append(translate("Schedule", "Уроки № {0} и № {1} пересекаются по времени ({2}–{3} и с {4}). Исправьте время звонков.")
                       .format(n1, n2, _hm(a1), _hm(b1), _hm(a2)))
    return out


def save_slot(data: dict, slot_id: int | None = None) -> int:
    require(WRITE)
    number = _int(data, "number", "Номер урока", minimum=1)
    a, b = _time(data.get("starts_at"), "starts_at"), _time(data.get("ends_at"), "ends_at")
    if b <= a:
        raise ValidationError(translate("Schedule", "Урок № {0}: окончание {1} не позже начала {2}. Исправьте время звонков.").format(
            number, _hm(b), _hm(a)), field="ends_at")
    with uow() as s:
        others = [(t.number, t.starts_at, t.ends_at) for t in s.scalars(select(TimeSlot)) if t.id != slot_id]
        if any(n == number for n, _a, _b in others):
            raise DuplicateError(translate("Schedule", "Урок № {0} уже есть.").format(number), field="number")
        problems = _slot_problems(others + [(number, a, b)])
        if problems:
            raise ValidationError(problems[0], field="starts_at")
        obj = TimeSlot() if slot_id is None else s.get(TimeSlot, slot_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Урок не найден."))
        obj.number, obj.starts_at, obj.ends_at = number, a, b
        s.add(obj)
        s.flush()
        return obj.id


def delete_slot(slot_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(TimeSlot, slot_id)
        if obj is None:
            return
        n = s.scalar(select(func.count()).select_from(Lesson).where(Lesson.slot_id == slot_id))
        if n:
            raise ValidationError(translate("Schedule", "На урок № {0} поставлено {1} занятий: сначала перенесите их.").format(
                obj.number, n))
        s.delete(obj)


# ============================================================================================
# Terms by name, requirements
# ============================================================================================

def resolve_term(name: str | int | None, today: dt.date | None = None) -> dict:
    """A term by id, by its name as shown, or ``current`` (containing today, else the next one)."""
    terms = list_terms()
    if not terms:
        raise NotFoundError(translate("Schedule", "Нет ни одного учебного периода: добавьте его на вкладке «Учебный год»."))
    if name is None or str(name).strip().lower() in ("current", "текущий", ""):
        today = today or dt.date.today()
        for t in terms:
            if t["starts_on"] <= today <= t["ends_on"]:
                return t
        later = [t for t in terms if t["starts_on"] > today]
        return later[0] if later else terms[-1]
    if isinstance(name, int) or str(name).isdigit():
        for t in terms:
            if t["id"] == int(name):
                return t
    for t in terms:
        if fold(t["name"]) == fold(name):
            return t
    raise NotFoundError(translate("Schedule", "Учебный период «{0}» не найден. Есть: {1}.").format(
        name, "; ".join(t["name"] for t in terms)))


def list_requirements(term_id: int | None = None, search: str = "") -> list[dict]:
    with read() as s:
        stmt = (select(Requirement, SchoolClass.name, School.name, CourseModule.name, Term.name)
                .join(SchoolClass, SchoolClass.id == Requirement.class_id)
                .join(School, School.id == SchoolClass.school_id)
                .join(CourseModule, CourseModule.id == Requirement.module_id)
                .join(Term, Term.id == Requirement.term_id)
                .order_by(School.name, SchoolClass.name, CourseModule.name))
        if term_id is not None:
            stmt = stmt.where(Requirement.term_id == term_id)
        stmt = _search(stmt, search, lambda w: or_(_in_key(SchoolClass.search_key, w), _in_name(School.search_key, w),
                                                   _in_name(CourseModule.search_key, w)))
        placed = defaultdict(int)
        q = select(Lesson.term_id, Lesson.class_id, Lesson.module_id, Lesson.subgroup, func.count()).group_by(
            Lesson.term_id, Lesson.class_id, Lesson.module_id, Lesson.subgroup)
        for tid, cid, mid, sub, n in s.execute(q):
            placed[(tid, cid, mid, sub)] += n
        out = []
        for r, cname, school, mname, tname in s.execute(stmt).all():
            subs = {k[3]: v for k, v in placed.items() if k[:3] == (r.term_id, r.class_id, r.module_id)}
            done = subs.get(r.subgroup, 0) if r.subgroup else (
                subs.get(0, 0) + (min(v for k, v in subs.items() if k) if any(subs) else 0))
            out.append({"id": r.id, "term_id": r.term_id, "term": tname, "class_id": r.class_id, "class": cname,
                        "school": school, "module_id": r.module_id, "module": mname, "subgroup": r.subgroup,
                        "hours": r.hours, "placed": done})
        return out


def save_requirement(data: dict, requirement_id: int | None = None) -> int:
    require(WRITE)
    term_id = _int(data, "term_id", "Учебный период")
    class_id = _int(data, "class_id", "Класс")
    module_id = _int(data, "module_id", "Модуль")
    subgroup = _int(data, "subgroup", "Подгруппа", minimum=0, required=False) or 0
    with uow() as s:
        m = s.get(CourseModule, module_id)
        if m is None:
            raise ValidationError(translate("Schedule", "Выберите модуль."), field="module_id")
        hours = _int(data, "hours", "Часов", minimum=1, required=False) or m.hours
        other = s.scalar(select(Requirement.id).where(
            Requirement.term_id == term_id, Requirement.class_id == class_id, Requirement.module_id == module_id,
            Requirement.subgroup == subgroup))
        if other is not None and other != requirement_id:
            raise DuplicateError(translate("Schedule", "Этот класс уже изучает модуль «{0}» в этом периоде.").format(m.name),
                                 field="module_id")
        obj = Requirement() if requirement_id is None else s.get(Requirement, requirement_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Строка нагрузки не найдена."))
        obj.term_id, obj.class_id, obj.module_id, obj.subgroup, obj.hours = term_id, class_id, module_id, subgroup, hours
        s.add(obj)
        s.flush()
        inst = _load_instance(s, term_id)
        problems = _fit_problems(inst, [r for r in inst.requirements if r.id == obj.id])
        if problems:
            raise ValidationError(problems[0], field="hours")
        return obj.id


def delete_requirement(requirement_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(Requirement, requirement_id)
        if obj is not None:
            s.delete(obj)


def add_all_requirements(term_id: int, class_ids: list[int] | None = None, module_ids: list[int] | None = None) -> int:
    """Each class takes each module for the module's hours (rows that exist are kept)."""
    require(WRITE)
    with uow() as s:
        classes = class_ids or list(s.scalars(select(SchoolClass.id)))
        mods = {m.id: m.hours for m in s.scalars(select(CourseModule))}
        if module_ids:
            mods = {k: v for k, v in mods.items() if k in set(module_ids)}
        have = set(s.execute(select(Requirement.class_id, Requirement.module_id).where(
            Requirement.term_id == term_id)).all())
        rows = [{"term_id": term_id, "class_id": c, "module_id": m, "subgroup": 0, "hours": h}
                for c in classes for m, h in mods.items() if (c, m) not in have]
        if rows:
            after = audit.max_id(s, Requirement)
            s.execute(insert(Requirement), rows)
            audit.record_inserted(s, "schedule", Requirement, after, Requirement.term_id == term_id)
        return len(rows)


# ============================================================================================
# The instance (plain data for checker / solver / FET)
# ============================================================================================

def _load_instance(s, term_id: int | None) -> Instance:
    if term_id is None:
        t = s.scalars(select(Term).order_by(Term.starts_on)).first()
        term = (TermInfo(t.id, t.name, t.starts_on, t.ends_on) if t
                else TermInfo(0, "", dt.date(1900, 1, 1), dt.date(2999, 12, 31)))
    else:
        t = s.get(Term, term_id)
        if t is None:
            raise NotFoundError(translate("Schedule", "Учебный период не найден."))
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
        return _load_instance(s, term_id)


_LESSON_COLS = (Lesson.id, Lesson.term_id, Lesson.class_id, Lesson.subgroup, Lesson.pupils, Lesson.module_id,
                Lesson.instructor_id, Lesson.workshop_id, Lesson.date, Lesson.slot_id, Lesson.locked,
                Lesson.generated, Lesson.version)


_LESSON_KEYS = tuple(c.key for c in _LESSON_COLS)


def _lesson_dicts(s, *where) -> list[dict]:
    stmt = select(*_LESSON_COLS)
    for w in where:
        stmt = stmt.where(w)
    keys = _LESSON_KEYS
    return [dict(zip(keys, r, strict=True)) for r in s.execute(stmt)]


_CHECK_COLS = (Lesson.id, Lesson.class_id, Lesson.subgroup, Lesson.pupils, Lesson.module_id, Lesson.instructor_id,
               Lesson.workshop_id, Lesson.slot_id)
_CHECK_KEYS = tuple(c.key for c in _CHECK_COLS) + ("date",)


def _check_rows(s, *where) -> list[dict]:
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


def _fit_problems(inst: Instance, reqs) -> list[str]:
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


def validate_for_generation(inst: Instance) -> None:
    """Bad input refused before any generation starts (one message listing what to fix)."""
    problems = []
    if not inst.slots:
        problems.append(translate("Schedule", "Не задано время звонков: добавьте уроки на вкладке «Учебный год»."))
    problems += _slot_problems([(x.number, x.starts_at, x.ends_at) for x in inst.slots])
    if inst.term.ends_on < inst.term.starts_on:
        problems.append(translate("Schedule", "Период «{0}» заканчивается раньше, чем начинается: исправьте даты.").format(inst.term.name))
    used = {r.class_id for r in inst.requirements}
    for c in inst.classes.values():
        if c.id in used and c.pupils <= 0:
            problems.append(translate("Schedule", "В классе «{0}» ({1}) {2} учеников: укажите число учеников больше нуля.").format(
                c.name, inst.schools.get(c.school_id, ""), c.pupils))
    if not inst.requirements:
        problems.append(translate("Schedule", "В периоде «{0}» нет нагрузки: добавьте, какие модули изучают классы.").format(
            inst.term.name))
    if not problems:
        problems += _fit_problems(inst, inst.requirements)
    if problems:
        more = translate("Schedule", " … и ещё {0}.").format(len(problems) - 5) if len(problems) > 5 else ""
        raise ValidationError(translate("Schedule", "Генерация не начата:") + "\n• " + "\n• ".join(problems[:5]) + more)


# ============================================================================================
# Conflicts, generation, statistics
# ============================================================================================

def check_conflicts(term_id: int | None = None) -> list[dict]:
    """Every clash of the timetable (of one term, or of all lessons), plus unplaced hours per term."""
    with read() as s:
        if term_id is not None:
            inst = _load_instance(s, term_id)
            return check(inst, _check_rows(s, Lesson.term_id == term_id))
        terms = list(s.scalars(select(Term.id).order_by(Term.starts_on)))
        out = []
        for tid in terms:
            lessons = _check_rows(s, Lesson.term_id == tid)
            if not lessons:
                continue  # a term not planned yet: its hours are not «conflicts»
            out += check(_load_instance(s, tid), lessons)
        orphans = _lesson_dicts(s, Lesson.term_id.is_(None))
        if orphans:
            out += check(_load_instance(s, None), orphans, hours=False)
        # lessons of different terms may still collide on the same day (overlapping terms)
        return out


def generate(term_name, *, progress=None, cancelled=None, time_limit: float | None = None) -> dict:
    """Generate the term's timetable; locked lessons stay. Returns placed, unplaced, seconds, reasons."""
    from chemcluster_desktop.services.schedule.solver import solve

    require(WRITE)
    t0 = time.monotonic()
    term = resolve_term(term_name)
    with read() as s:
        inst = _load_instance(s, term["id"])
        locked = _lesson_dicts(s, Lesson.term_id == term["id"], Lesson.locked.is_(True))
    validate_for_generation(inst)
    result = solve(inst, locked, progress=progress, cancelled=cancelled, time_limit=time_limit)
    if cancelled is not None and cancelled():
        from chemcluster_desktop.services.errors import Cancelled

        raise Cancelled()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [{**le, "term_id": term["id"], "locked": False, "generated": True, "created_at": now, "updated_at": now,
             "version": 1} for le in result.lessons]
    with uow() as s:
        # every replaced and every new lesson in the journal, besides the summary of the run
        audit.record_deleting(s, "schedule", Lesson, Lesson.term_id == term["id"], Lesson.locked.is_(False))
        s.execute(delete(Lesson).where(Lesson.term_id == term["id"], Lesson.locked.is_(False)))
        after = audit.max_id(s, Lesson)
        for k in range(0, len(rows), 500):
            s.execute(insert(Lesson), rows[k:k + 500])
        audit.record_inserted(s, "schedule", Lesson, after, Lesson.term_id == term["id"])
        audit.record(s, "generate", "schedule", "Lesson", term["id"],
                     translate("Schedule", "Сгенерировано расписание «{0}»: размещено {1}, не размещено {2} ч").format(
                         term["name"], len(rows), sum(u["hours"] for u in result.unplaced)))
    return {"placed": len(rows), "unplaced": sum(u["hours"] for u in result.unplaced),
            "seconds": round(time.monotonic() - t0, 2), "reasons": result.unplaced, "locked": len(locked),
            "term": term["name"], "status": result.status}


def pupils_reached(term_name: str | None = None) -> int:
    """Distinct pupils of classes with at least one placed lesson (in a term, or in any)."""
    with read() as s:
        stmt = select(Lesson.class_id).distinct()
        if term_name is not None:
            term = resolve_term(term_name)
            stmt = stmt.where(Lesson.term_id == term["id"])
        ids = select(SchoolClass.pupils).where(SchoolClass.id.in_(stmt))
        return int(s.scalar(select(func.coalesce(func.sum(ids.subquery().c.pupils), 0))) or 0)


def summary(term_id: int | None) -> dict:
    with read() as s:
        q = select(func.count()).select_from(Lesson)
        if term_id is not None:
            q = q.where(Lesson.term_id == term_id)
        n = s.scalar(q) or 0
        locked = s.scalar(q.where(Lesson.locked.is_(True))) or 0
    return {"lessons": n, "locked": locked}


# ============================================================================================
# Lessons: the week grid, hand-made lessons, move, lock
# ============================================================================================

def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def lessons_between(a: dt.date, b: dt.date, *, workshop_id=None, class_id=None, instructor_id=None,
                    school_id=None, term_id=None) -> list[dict]:
    """Lessons with names, for the grid and the printouts (dates a..b inclusive)."""
    with read() as s:
        stmt = (select(*_LESSON_COLS, SchoolClass.name.label("class_name"), SchoolClass.pupils.label("class_pupils"),
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
        inst = _load_instance(s, term_id)
        if term_id is None:
            inst.term = TermInfo(0, "", day, day)
            msg_out = [{"kind": "outside_term", "message": translate("Schedule", "{0} не входит ни в один учебный период.").format(
                _fmt(day)), "lesson_ids": []}]
        else:
            msg_out = []
        around = _lesson_dicts(s, Lesson.date == day, Lesson.slot_id == data["slot_id"])
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
        rows = _lesson_dicts(s, Lesson.id == lesson_id)
    if not rows:
        raise NotFoundError(translate("Schedule", "Занятие не найдено (возможно, его удалили или перегенерировали)."))
    return rows[0]


def update_lesson(lesson_id: int, data: dict, version: int | None = None, *, allow_clash: bool = False) -> None:
    require(WRITE)
    d = _lesson_data(data)
    if not allow_clash:
        _refuse(lesson_clashes(d, exclude_id=lesson_id))
    with uow() as s:
        obj = s.get(Lesson, lesson_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Занятие не найдено (возможно, его удалили или перегенерировали)."))
        _check_version(obj, version)
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
        obj = s.get(Lesson, lesson_id)
        if obj is None:
            raise NotFoundError(translate("Schedule", "Занятие не найдено (возможно, его удалили или перегенерировали)."))
        _check_version(obj, version)
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


def export_fet(path, term_name) -> dict:
    """Write the term's requirements as a FET 6 ``.fet`` file (see :mod:`.schedule_fet`)."""
    from chemcluster_desktop.services.schedule.fet import write_fet

    term = resolve_term(term_name)
    with read() as s:
        inst = _load_instance(s, term["id"])
        locked = _lesson_dicts(s, Lesson.term_id == term["id"], Lesson.locked.is_(True))
    validate_for_generation(inst)
    return write_fet(inst, path, locked=locked)


def conflict_kinds() -> dict[str, str]:
    from chemcluster_desktop.services.schedule.check import KINDS

    return {k: kind_title(k) for k in KINDS}


def units_count(term_id: int) -> int:
    inst = load_instance(term_id)
    return len(requirement_units(inst))

