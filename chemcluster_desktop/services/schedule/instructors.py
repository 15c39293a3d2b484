"""Instructors: contacts, availability (weekdays, lesson numbers, dates away) and the modules they teach."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, func, or_, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.schedule._common import (
    WRITE,
    _avail_fields,
    _availability,
    _in_key,
    _in_name,
    _req_text,
    _search,
)
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.schedule import CourseModule, Instructor, InstructorModule, Lesson


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


def create_instructor(data: dict) -> int:
    return _save_instructor(data, None, None)


def update_instructor(instructor_id: int, data: dict, *, version: int) -> None:
    _save_instructor(data, instructor_id, version)


def _save_instructor(data: dict, instructor_id: int | None, version: int | None) -> int:
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
            obj = get_or_404(s, Instructor, instructor_id, translate("Schedule", "Карточка преподавателя"), named=name)
            require_version(obj, version)  # an update must say which version it was made from
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


def delete_instructor(instructor_id: int, *, version: int) -> None:
    """Delete the record as it was shown (``version``): one changed by someone else meanwhile is refused."""
    require(WRITE)
    with uow() as s:
        obj = get_or_404(s, Instructor, instructor_id, translate("Schedule", "Карточка преподавателя"))
        require_version(obj, version)
        n = s.scalar(select(func.count()).select_from(Lesson).where(Lesson.instructor_id == instructor_id))
        if n:
            raise ValidationError(translate("Schedule", "У преподавателя «{0}» есть занятия ({1}): сначала перенесите или удалите их.")
                                  .format(obj.full_name, n))
        s.delete(obj)
