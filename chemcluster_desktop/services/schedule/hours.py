"""The subject's hours: a cap of lesson hours per class and school year, career-guidance hours apart,
and the federal work programme's modules the course modules map to.

In the 8th grade «Труд (технология)» has 1 hour a week, 34 hours a year (ФРП «Труд (технология)»,
federal curriculum of ФОП ООО). A module's ``kind`` says whether its hours are lessons of the subject
(``lesson``, counted against the cap) or career-guidance hours (``guidance``: профориентационные
занятия, профпробы), counted apart. The cap is the term's ``hours_cap`` (34 unless the planner edits
it), or the class's own ``hours_cap``; it bounds the lesson hours of the class over every term of the
same school year (1 September – 31 August).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select, update

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.schedule._common import WRITE, _int, _req_text
from chemcluster_desktop.services.schedule.terms import resolve_term
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.schedule import (
    CourseModule,
    ProgrammeModule,
    Requirement,
    School,
    SchoolClass,
    Term,
)


def school_year(day: dt.date) -> int:
    """The year the school year of ``day`` starts in (September to August)."""
    return day.year if day.month >= 9 else day.year - 1


def year_title(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _year_terms(s, term: Term) -> list[Term]:
    y = school_year(term.starts_on)
    return [t for t in s.scalars(select(Term)) if school_year(t.starts_on) == y]


def class_hours(s, term_id: int) -> list[dict]:
    """Per class with load in the term's school year: lesson hours, guidance hours, the cap.
    A class split into subgroups has each pupil's hours: the largest subgroup's per module."""
    term = s.get(Term, term_id)
    terms = _year_terms(s, term)
    cap_of_year = min(t.hours_cap for t in terms)
    per: dict[tuple[int, int, int], dict[int, int]] = defaultdict(dict)  # (class, term, module) → {sub: h}
    kinds = dict(s.execute(select(CourseModule.id, CourseModule.kind)).all())
    for tid, cid, mid, sub, h in s.execute(
            select(Requirement.term_id, Requirement.class_id, Requirement.module_id, Requirement.subgroup,
                   Requirement.hours).where(Requirement.term_id.in_([t.id for t in terms]))):
        per[(cid, tid, mid)][sub] = h
    totals: dict[int, dict[str, int]] = defaultdict(lambda: {"lesson": 0, "guidance": 0})
    in_term: set[int] = set()
    for (cid, tid, mid), subs in per.items():
        h = subs.get(0, 0) + max((v for k, v in subs.items() if k), default=0)
        totals[cid][kinds.get(mid, "lesson") if kinds.get(mid) in ("lesson", "guidance") else "lesson"] += h
        if tid == term_id:
            in_term.add(cid)
    out = []
    rows = s.execute(select(SchoolClass.id, SchoolClass.name, SchoolClass.hours_cap, School.name)
                     .join(School, School.id == SchoolClass.school_id).order_by(School.name, SchoolClass.name))
    for cid, cname, own_cap, school in rows:
        if cid not in totals:
            continue
        out.append({"class_id": cid, "school": school, "class": cname, "lesson_hours": totals[cid]["lesson"],
                    "cap": own_cap or cap_of_year, "guidance_hours": totals[cid]["guidance"],
                    "in_term": cid in in_term, "year": year_title(school_year(term.starts_on))})
    return out


def cap_problems(s, term_id: int, class_ids=None) -> list[str]:
    """Classes whose lesson hours in the term's school year exceed their cap (with the figures)."""
    out = []
    for r in class_hours(s, term_id):
        if class_ids is not None and r["class_id"] not in class_ids:
            continue
        if r["lesson_hours"] > r["cap"]:
            out.append(translate("Schedule", "{0} ({1}): уроков «Труд (технология)» в {2} учебном году {3} ч — больше "
                                             "предела {4} ч на {5} ч. Уменьшите часы, отметьте модуль как "
                                             "профориентационный или измените предел периода.").format(
                r["class"], r["school"], r["year"], r["lesson_hours"], r["cap"], r["lesson_hours"] - r["cap"]))
    return out


def load(term_name) -> dict:
    """``schedule load --json``: hours per class of the term against the subject's cap."""
    term = resolve_term(term_name)
    with read() as s:
        rows = [r for r in class_hours(s, term["id"]) if r["in_term"]]
    return {"term": term["name"], "classes": [
        {"school": r["school"], "class": r["class"], "lesson_hours": r["lesson_hours"], "cap": r["cap"],
         "guidance_hours": r["guidance_hours"], "over": max(0, r["lesson_hours"] - r["cap"])} for r in rows]}


# --- the federal work programme's modules (reference list) ---------------------------------------------------
def list_programme_modules() -> list[dict]:
    with read() as s:
        used = dict(s.execute(select(CourseModule.programme_module_id, func.count())
                              .group_by(CourseModule.programme_module_id)).all())
        return [{"id": p.id, "name": p.name, "grade": p.grade, "hours": p.hours, "invariant": p.invariant,
                 "modules": used.get(p.id, 0)}
                for p in s.scalars(select(ProgrammeModule).order_by(ProgrammeModule.grade, ProgrammeModule.name))]


def save_programme_module(data: dict, programme_id: int | None = None) -> int:
    require(WRITE)
    name = _req_text(data, "name", "Модуль ФРП")
    grade = _int(data, "grade", "Класс", minimum=1, required=False) or 8
    hours = _int(data, "hours", "Часов по ФРП", minimum=0, required=False) or 0
    with uow() as s:
        other = s.scalar(select(ProgrammeModule.id).where(ProgrammeModule.name == name))
        if other is not None and other != programme_id:
            raise DuplicateError(translate("Schedule", "Модуль ФРП «{0}» уже есть.").format(name), field="name")
        obj = ProgrammeModule() if programme_id is None else get_or_404(
            s, ProgrammeModule, programme_id, translate("Schedule", "Модуль ФРП"), named=name)
        obj.name, obj.grade, obj.hours = name, grade, hours
        obj.invariant = bool(data.get("invariant", True))
        s.add(obj)
        s.flush()
        return obj.id


def delete_programme_module(programme_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(ProgrammeModule, programme_id)
        if obj is None:
            return
        s.execute(update(CourseModule).where(CourseModule.programme_module_id == programme_id)
                  .values(programme_module_id=None))
        s.delete(obj)


def check_requirement_cap(s, term_id: int, class_id: int) -> None:
    """Refuse (with the figures) a load line that takes the class over its cap."""
    problems = cap_problems(s, term_id, {class_id})
    if problems:
        raise ValidationError(problems[0], field="hours")
