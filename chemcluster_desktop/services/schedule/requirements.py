"""Requirements: a class takes a module for N hours in a term (the load the generator places)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, insert, or_, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.schedule._common import WRITE, _in_key, _in_name, _int, _search
from chemcluster_desktop.services.schedule.instance import fit_problems, load_instance_in
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.schedule import CourseModule, Lesson, Requirement, School, SchoolClass, Term


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


def create_requirement(data: dict) -> int:
    return _save_requirement(data, None)


def update_requirement(requirement_id: int, data: dict) -> None:
    _save_requirement(data, requirement_id)


def _save_requirement(data: dict, requirement_id: int | None) -> int:
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
        obj = Requirement() if requirement_id is None else get_or_404(s, Requirement, requirement_id, translate("Schedule", "Строка нагрузки"))
        obj.term_id, obj.class_id, obj.module_id, obj.subgroup, obj.hours = term_id, class_id, module_id, subgroup, hours
        s.add(obj)
        s.flush()
        inst = load_instance_in(s, term_id)
        problems = fit_problems(inst, [r for r in inst.requirements if r.id == obj.id])
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
