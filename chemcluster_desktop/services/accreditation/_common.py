"""What the accreditation modules share: the permission, the limits, the labels of zones and
statuses, and finding a competency, workshop, room or list by id or name inside a session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.storage.accreditation import Competency, InfrastructureList, Workshop
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.search import fold

WRITE = "accreditation.write"
MAX_PHOTO_BYTES = 15 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
MAX_WORKPLACES = 500


def _t(s: str) -> str:
    return translate("Accreditation", s)


def zone_label(zone: str) -> str:
    return {
        "workplace": _t("Рабочее место участника"),
        "expert": _t("Зона экспертов"),
        "store": _t("Склад"),
        "safety": _t("Охрана труда и техника безопасности"),
        "general": _t("Общая инфраструктура площадки"),
        "consumables": _t("Расходные материалы"),
    }.get(zone, zone)


def status_label(status: str) -> str:
    return {"met": _t("Выполнено"), "partial": _t("Частично"), "missing": _t("Не выполнено")}.get(status, status)


def _competency(s: Session, ref: int | str, *, create: bool = False) -> tuple[Competency, bool]:
    """The competency with this id, or with this name or code (case and ё folded); created from the
    name when ``create``. Returns (competency, created)."""
    if isinstance(ref, int):
        return get_or_404(s, Competency, ref, _t("Компетенция")), False
    name = " ".join(str(ref or "").split()).strip(" «»\"")
    if not name:
        raise ValidationError(_t("Укажите компетенцию (название, например «Лабораторный химический анализ»)."),
                              field="competency")
    key = fold(name)
    for c in s.scalars(select(Competency)):
        if fold(c.name) == key or (c.code and fold(c.code) == key):
            return c, False
    if not create:
        names = ", ".join(f"«{c}»" for c in s.scalars(select(Competency.name).order_by(Competency.name)))
        raise NotFoundError(_t("Компетенция «{0}» не найдена. Есть: {1}.").format(name, names or _t("нет ни одной")))
    if len(name) > 300:
        raise ValidationError(_t("Название компетенции длиннее 300 символов."), field="competency")
    c = Competency(name=name, code="")
    s.add(c)
    s.flush()
    return c, True


def _workshop(s: Session, ref: int | str) -> Workshop:
    """The workshop with this id, or with this name (exactly, else case and ё folded)."""
    if isinstance(ref, int):
        return get_or_404(s, Workshop, ref, _t("Мастерская"))
    name = " ".join(str(ref).split())
    w = s.scalar(select(Workshop).where(Workshop.name == name))
    if w is None:
        key = fold(name)
        w = next((x for x in s.scalars(select(Workshop)) if fold(x.name) == key), None)
    if w is None:
        raise NotFoundError(_t("Мастерская «{0}» не найдена.").format(ref))
    return w


def _room(s: Session, ref: int | str, *, create: bool) -> Room:
    """A room by id or name (case and ё folded); created as a workshop room when ``create``."""
    if isinstance(ref, int):
        # not get_or_404: its message is worded for a feminine noun, «Помещение» is neuter
        r = s.get(Room, ref)
        if r is None:
            raise NotFoundError(_t("Помещение с номером {0} не найдено.").format(ref))
        return r
    name = " ".join(str(ref).split())
    if not name:
        raise ValidationError(_t("Укажите помещение мастерской."), field="rooms")
    key = fold(name)
    found = [r for r in s.scalars(select(Room)) if fold(r.name) == key]
    if found:
        return found[0]
    if not create:
        raise NotFoundError(_t("Помещение «{0}» не найдено.").format(name))
    r = Room(name=name[:100], kind="workshop")
    s.add(r)
    s.flush()
    return r


def _list(s: Session, list_id: int | None) -> InfrastructureList:
    # not get_or_404: its message is worded for a feminine noun, «Инфраструктурный лист» is masculine
    lst = s.get(InfrastructureList, list_id) if list_id is not None else None
    if lst is None:
        raise NotFoundError(_t("Инфраструктурный лист не найден."))
    return lst


def _as_dict(data) -> dict:
    """The field values of a create/update call: a mapping, or a dataclass instance (services.common)."""
    if is_dataclass(data) and not isinstance(data, type):
        return asdict(data)
    if isinstance(data, Mapping):
        return dict(data)
    raise TypeError(f"data must be a dict or a dataclass, not {type(data).__name__}")


def _check_year(year) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError(_t("Год листа должен быть числом от 2000 до 2100."), field="year")


def _num(v) -> str:
    """A quantity as a person writes it: 3, 2,5."""
    d = Decimal(v)
    return str(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()).replace(".", ",")


def find_workshop_id(ref: int | str) -> int:
    with context.read() as s:
        return _workshop(s, ref).id
