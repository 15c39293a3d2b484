"""Checking and generating a term's timetable: validation, clashes, CP-SAT generation, FET export, figures."""

from __future__ import annotations

from sqlalchemy import func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.context import read
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.schedule.check import KINDS, check, kind_title, requirement_units
from chemcluster_desktop.services.schedule.data import Instance
from chemcluster_desktop.services.schedule.fet import write_fet
from chemcluster_desktop.services.schedule.instance import (
    check_rows,
    fit_problems,
    lesson_dicts,
    load_instance,
    load_instance_in,
)
from chemcluster_desktop.services.schedule.terms import resolve_term, slot_problems
from chemcluster_desktop.storage.schedule import Lesson, SchoolClass, Term


def validate_for_generation(inst: Instance) -> None:
    """Bad input refused before any generation starts (one message listing what to fix)."""
    problems = []
    if not inst.slots:
        problems.append(translate("Schedule", "Не задано время звонков: добавьте уроки на вкладке «Учебный год»."))
    problems += slot_problems([(x.number, x.starts_at, x.ends_at) for x in inst.slots])
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
        problems += fit_problems(inst, inst.requirements)
        seen = set()
        for r in inst.requirements:
            if r.class_id in inst.classes and (r.class_id, r.module_id) not in seen:
                seen.add((r.class_id, r.module_id))
                p = inst.visit_problem(r.class_id, r.module_id)
                if p:
                    problems.append(p)
    if problems:
        more = translate("Schedule", " … и ещё {0}.").format(len(problems) - 5) if len(problems) > 5 else ""
        raise ValidationError(translate("Schedule", "Генерация не начата:") + "\n• " + "\n• ".join(problems[:5]) + more)


def check_conflicts(term_id: int | None = None) -> list[dict]:
    """Every clash of the timetable (of one term, or of all lessons), plus unplaced hours per term."""
    with read() as s:
        if term_id is not None:
            inst = load_instance_in(s, term_id)
            return check(inst, check_rows(s, Lesson.term_id == term_id))
        terms = list(s.scalars(select(Term.id).order_by(Term.starts_on)))
        out = []
        for tid in terms:
            lessons = check_rows(s, Lesson.term_id == tid)
            if not lessons:
                continue  # a term not planned yet: its hours are not «conflicts»
            out += check(load_instance_in(s, tid), lessons)
        orphans = lesson_dicts(s, Lesson.term_id.is_(None))
        if orphans:
            out += check(load_instance_in(s, None), orphans, hours=False)
        # lessons of different terms may still collide on the same day (overlapping terms)
        return out


def generate(term_name, *, from_date=None, to_date=None, dry_run: bool = False, today=None, progress=None,
             cancelled=None, time_limit: float | None = None, keep_valid: bool = True) -> dict:
    """Generate the term's timetable from today (or ``from_date``) on; past and locked lessons stay as
    they are, and so does every future lesson that still obeys the rules unless ``keep_valid`` is False
    (see :mod:`.regenerate`, :mod:`.stable`). Returns placed, unplaced, seconds, reasons, added, moved,
    removed (per school too) and the restore point that undoes it; ``dry_run`` writes nothing."""
    from chemcluster_desktop.services.schedule import regenerate

    p = regenerate.plan(term_name, from_date=from_date, to_date=to_date, today=today, progress=progress,
                        cancelled=cancelled, time_limit=time_limit, keep_valid=keep_valid)
    out = regenerate.public(p) if dry_run else regenerate.apply(p)
    out["locked"] = out["kept_locked"]
    return out


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


def export_fet(path, term_name) -> dict:
    """Write the term's requirements as a FET 6 ``.fet`` file (see :mod:`.fet`)."""
    term = resolve_term(term_name)
    with read() as s:
        inst = load_instance_in(s, term["id"])
        locked = lesson_dicts(s, Lesson.term_id == term["id"], Lesson.locked.is_(True))
    validate_for_generation(inst)
    return write_fet(inst, path, locked=locked)


def conflict_kinds() -> dict[str, str]:
    return {k: kind_title(k) for k in KINDS}


def units_count(term_id: int) -> int:
    inst = load_instance(term_id)
    return len(requirement_units(inst))
