"""Schools and their classes (pupils; the weekdays and lesson numbers a school can send a class)."""

from __future__ import annotations

from sqlalchemy import delete, func, or_, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit
from chemcluster_desktop.services.common import get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.schedule._common import (
    WRITE,
    _avail_fields,
    _availability,
    _in_key,
    _in_name,
    _int,
    _req_text,
    _search,
)
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.schedule import Lesson, School, SchoolClass


def list_schools(search: str = "") -> list[dict]:
    with read() as s:
        agg = (select(SchoolClass.school_id, func.count().label("n"), func.sum(SchoolClass.pupils).label("pupils"))
               .group_by(SchoolClass.school_id).subquery())
        stmt = (select(School, agg.c.n, agg.c.pupils).outerjoin(agg, agg.c.school_id == School.id)
                .order_by(School.name))
        stmt = _search(stmt, search, lambda w: _in_key(School.search_key, w))
        return [{"id": r.id, "name": r.name, "address": r.address, "contact": r.contact, "version": r.version,
                 "classes": int(n or 0), "pupils": int(pupils or 0), "director": r.director,
                 "agreement": r.agreement, "max_parallel": r.max_parallel}
                for r, n, pupils in s.execute(stmt).all()]


def create_school(data: dict) -> int:
    return _save_school(data, None, None)


def update_school(school_id: int, data: dict, *, version: int) -> None:
    _save_school(data, school_id, version)


def _save_school(data: dict, school_id: int | None, version: int | None) -> int:
    require(WRITE)
    name = _req_text(data, "name", "Название")
    max_parallel = _int(data, "max_parallel", "Подгрупп одновременно", minimum=1, required=False) or 2
    with uow() as s:
        other = s.scalar(select(School.id).where(School.name == name))
        if other is not None and other != school_id:
            raise DuplicateError(translate("Schedule", "Школа «{0}» уже есть в справочнике.").format(name), field="name")
        if school_id is None:
            obj = School(name=name)
            s.add(obj)
        else:
            obj = get_or_404(s, School, school_id, translate("Schedule", "Школа"), named=name)
            require_version(obj, version)  # an update must say which version it was made from
            obj.name = name
        obj.address = str(data.get("address") or "").strip()
        obj.contact = str(data.get("contact") or "").strip()
        obj.director = str(data.get("director") or "").strip()[:200]
        obj.agreement = str(data.get("agreement") or "").strip()[:100]
        obj.max_parallel = max_parallel
        s.flush()
        return obj.id


def delete_school(school_id: int, *, version: int) -> None:
    """Delete the record as it was shown (``version``): one changed by someone else meanwhile is refused."""
    require(WRITE)
    with uow() as s:
        obj = get_or_404(s, School, school_id, translate("Schedule", "Школа"))
        require_version(obj, version)
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
                        "hours_cap": c.hours_cap, "max_parallel": c.max_parallel,
                        "title": f"{c.name} — {school}"})
        return out


def _validate_class(data: dict) -> tuple[str, int]:
    name = _req_text(data, "name", "Класс", 20)
    pupils = _int(data, "pupils", "Учеников")
    if pupils is None or pupils <= 0:
        raise ValidationError(translate("Schedule", "В классе «{0}» {1} учеников: укажите число учеников больше нуля.").format(
            name, pupils), field="pupils")
    return name, pupils


def create_class(data: dict) -> int:
    return _save_class(data, None, None)


def update_class(class_id: int, data: dict, *, version: int) -> None:
    _save_class(data, class_id, version)


def _save_class(data: dict, class_id: int | None, version: int | None) -> int:
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
            obj = get_or_404(s, SchoolClass, class_id, translate("Schedule", "Карточка класса"), named=name)
            require_version(obj, version)  # an update must say which version it was made from
            obj.school_id, obj.name, obj.pupils = school_id, name, pupils
        obj.availability = av
        obj.hours_cap = _int(data, "hours_cap", "Предел часов", minimum=1, required=False)
        obj.max_parallel = _int(data, "max_parallel", "Подгрупп одновременно", minimum=1, required=False)
        s.flush()
        return obj.id


def delete_class(class_id: int, *, version: int) -> None:
    """Delete the record as it was shown (``version``): one changed by someone else meanwhile is refused."""
    require(WRITE)
    with uow() as s:
        obj = get_or_404(s, SchoolClass, class_id, translate("Schedule", "Карточка класса"))
        require_version(obj, version)
        audit.record_deleting(s, "schedule", Lesson, Lesson.class_id == class_id)
        s.execute(delete(Lesson).where(Lesson.class_id == class_id))
        s.delete(obj)
