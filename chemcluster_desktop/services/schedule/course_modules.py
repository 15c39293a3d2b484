"""Course modules (hours, largest group) and the workshops that host them.

Workshops belong to the accreditation area (``Workshop.workplaces`` is the capacity); which modules a
workshop hosts is this area's ``workshop_modules`` table."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import accreditation
from chemcluster_desktop.services.common import get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.schedule._common import WRITE, _in_key, _int, _req_text, _search
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.schedule import CourseModule, Lesson, ProgrammeModule, WorkshopModule


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
                        "workshops": sorted(ws[r.id]), "workshop_ids": wids[r.id], "kind": r.kind,
                        "programme_module_id": r.programme_module_id})
        return out


def create_module(data: dict) -> int:
    return _save_module(data, None, None)


def update_module(module_id: int, data: dict, *, version: int) -> None:
    _save_module(data, module_id, version)


def _save_module(data: dict, module_id: int | None, version: int | None) -> int:
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
            obj = get_or_404(s, CourseModule, module_id, translate("Schedule", "Карточка модуля"), named=name)
            require_version(obj, version)  # an update must say which version it was made from
            obj.name, obj.hours = name, hours
        obj.max_group = max_group
        obj.workshop_kinds = str(data.get("workshop_kinds") or "").strip()
        obj.description = str(data.get("description") or "").strip()
        obj.kind = _kind(data)
        if "programme_module_id" in data:
            pid = _int(data, "programme_module_id", "Модуль ФРП", required=False)
            if pid is not None and s.get(ProgrammeModule, pid) is None:
                raise ValidationError(translate("Schedule", "Выберите модуль федеральной рабочей программы из списка."),
                                      field="programme_module_id")
            obj.programme_module_id = pid
        s.flush()
        if "workshop_ids" in data:
            s.execute(delete(WorkshopModule).where(WorkshopModule.module_id == obj.id))
            for wid in sorted(set(data["workshop_ids"] or [])):
                s.add(WorkshopModule(workshop_id=int(wid), module_id=obj.id))
        s.flush()
        return obj.id


MODULE_KINDS = ("lesson", "guidance")


def _kind(data: dict) -> str:
    kind = str(data.get("kind") or "lesson")
    if kind not in MODULE_KINDS:
        raise ValidationError(translate("Schedule", "Вид часов модуля: «lesson» (уроки предмета) или «guidance» "
                                                    "(профориентационные занятия)."), field="kind")
    return kind


def delete_module(module_id: int, *, version: int) -> None:
    """Delete the record as it was shown (``version``): one changed by someone else meanwhile is refused."""
    require(WRITE)
    with uow() as s:
        obj = get_or_404(s, CourseModule, module_id, translate("Schedule", "Карточка модуля"))
        require_version(obj, version)
        n = s.scalar(select(func.count()).select_from(Lesson).where(Lesson.module_id == module_id))
        if n:
            raise ValidationError(translate("Schedule", "По модулю «{0}» есть занятия ({1}): сначала удалите их.").format(obj.name, n))
        s.delete(obj)


def list_workshops() -> list[dict]:
    """Workshops of the accreditation area (read through its services) with their capacity and the
    modules they host."""
    with read() as s:
        mods = defaultdict(list)
        for wid, mid in s.execute(select(WorkshopModule.workshop_id, WorkshopModule.module_id)):
            mods[wid].append(mid)
        lesson_pupils = dict(s.execute(select(Workshop.id, Workshop.lesson_pupils)).all())
    return [{"id": w.id, "name": w.name, "workplaces": w.workplaces, "module_ids": mods[w.id],
             "lesson_pupils": lesson_pupils.get(w.id)} for w in accreditation.workshops()]


def set_workshop_lesson_pupils(workshop_id: int, pupils: int | None) -> None:
    """Pupils a workshop takes at a lesson (``None``: as many as its exam workplaces)."""
    require(WRITE)
    n = _int({"n": pupils}, "n", "Учеников на занятии", minimum=1, required=False)
    with uow() as s:
        w = get_or_404(s, Workshop, int(workshop_id), translate("Schedule", "Мастерская"))
        w.lesson_pupils = n


def set_workshop_modules(workshop_id: int, module_ids: list[int]) -> None:
    require(WRITE)
    workshop_id = accreditation.find_workshop_id(int(workshop_id))  # «Мастерская «N» не найдена.»
    with uow() as s:
        s.execute(delete(WorkshopModule).where(WorkshopModule.workshop_id == workshop_id))
        for mid in sorted(set(module_ids)):
            s.add(WorkshopModule(workshop_id=workshop_id, module_id=int(mid)))
