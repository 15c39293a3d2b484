"""The school year: terms (and finding one by name), holidays, bell times."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit
from chemcluster_desktop.services.common import get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, NotFoundError, ValidationError
from chemcluster_desktop.services.schedule._common import WRITE, _date, _fmt, _hm, _int, _req_text, _time
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.schedule import Holiday, Lesson, Term, TimeSlot
from chemcluster_desktop.storage.search import fold


def list_terms() -> list[dict]:
    with read() as s:
        counts = dict(s.execute(select(Lesson.term_id, func.count()).group_by(Lesson.term_id)).all())
        return [{"id": t.id, "name": t.name, "starts_on": t.starts_on, "ends_on": t.ends_on, "version": t.version,
                 "lessons": counts.get(t.id, 0), "hours_cap": t.hours_cap}
                for t in s.scalars(select(Term).order_by(Term.starts_on))]


def create_term(data: dict) -> int:
    return _save_term(data, None, None)


def update_term(term_id: int, data: dict, *, version: int) -> None:
    _save_term(data, term_id, version)


def _save_term(data: dict, term_id: int | None, version: int | None) -> int:
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
            obj = get_or_404(s, Term, term_id, translate("Schedule", "Карточка учебного периода"), named=name)
            require_version(obj, version)  # an update must say which version it was made from
            obj.name, obj.starts_on, obj.ends_on = name, a, b
        if data.get("hours_cap") not in (None, ""):
            obj.hours_cap = _int(data, "hours_cap", "Предел часов в год", minimum=1)
        s.flush()
        if data.get("hours_cap") not in (None, ""):
            from chemcluster_desktop.services.schedule.hours import cap_problems

            problems = cap_problems(s, obj.id)
            if problems:
                raise ValidationError(problems[0], field="hours_cap")
        return obj.id


def delete_term(term_id: int, *, version: int) -> None:
    """Delete the record as it was shown (``version``): one changed by someone else meanwhile is refused."""
    require(WRITE)
    with uow() as s:
        obj = get_or_404(s, Term, term_id, translate("Schedule", "Карточка учебного периода"))
        require_version(obj, version)
        audit.record_deleting(s, "schedule", Lesson, Lesson.term_id == term_id)
        s.execute(delete(Lesson).where(Lesson.term_id == term_id))
        s.delete(obj)


def list_holidays() -> list[dict]:
    with read() as s:
        terms = dict(s.execute(select(Term.id, Term.name)).all())
        return [{"id": h.id, "name": h.name, "starts_on": h.starts_on, "ends_on": h.ends_on, "term_id": h.term_id,
                 "term": terms.get(h.term_id, "")}
                for h in s.scalars(select(Holiday).order_by(Holiday.starts_on))]


def create_holiday(data: dict) -> int:
    return _save_holiday(data, None)


def update_holiday(holiday_id: int, data: dict) -> None:
    _save_holiday(data, holiday_id)


def _save_holiday(data: dict, holiday_id: int | None) -> int:
    require(WRITE)
    name = _req_text(data, "name", "Название", 200)
    a, b = _date(data.get("starts_on"), "starts_on"), _date(data.get("ends_on"), "ends_on")
    if b < a:
        raise ValidationError(translate("Schedule", "Каникулы «{0}» заканчиваются раньше, чем начинаются: исправьте даты.").format(name),
                              field="ends_on")
    term_id = _int(data, "term_id", "Период", required=False)
    with uow() as s:
        if term_id is not None and s.get(Term, term_id) is None:
            raise ValidationError(translate("Schedule", "Выберите учебный период каникул."), field="term_id")
        # overlapping school holidays of the same term (or of every term) are refused with the date
        same = select(Holiday).where(Holiday.starts_on <= b, Holiday.ends_on >= a)
        if holiday_id is not None:
            same = same.where(Holiday.id != holiday_id)
        for other in s.scalars(same):
            if other.term_id is None or term_id is None or other.term_id == term_id:
                day = max(a, other.starts_on)
                raise ValidationError(translate("Schedule", "Каникулы «{0}» пересекаются с каникулами «{1}» ({2}–{3}) с {4}: "
                                                            "исправьте даты.").format(
                    name, other.name, _fmt(other.starts_on), _fmt(other.ends_on), _fmt(day)), field="starts_on")
        obj = Holiday() if holiday_id is None else get_or_404(s, Holiday, holiday_id, translate("Schedule", "Запись о каникулах"),
                                                              named=name)
        obj.name, obj.starts_on, obj.ends_on, obj.term_id = name, a, b, term_id
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


def slot_problems(slots: list[tuple[int, dt.time, dt.time]]) -> list[str]:
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


def create_slot(data: dict) -> int:
    return _save_slot(data, None)


def update_slot(slot_id: int, data: dict) -> None:
    _save_slot(data, slot_id)


def _save_slot(data: dict, slot_id: int | None) -> int:
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
        problems = slot_problems(others + [(number, a, b)])
        if problems:
            raise ValidationError(problems[0], field="starts_at")
        obj = TimeSlot() if slot_id is None else get_or_404(s, TimeSlot, slot_id, translate("Schedule", "Строка расписания звонков"),
                                                            named=translate("Schedule", "урок № {0}").format(number))
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
