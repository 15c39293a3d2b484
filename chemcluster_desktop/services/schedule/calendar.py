"""The production calendar: public holidays and the Government's transfers of days off, as editable
rows (``calendar_days``; 2026 and 2027 ship with revision 0013_schedule_rules, sources cited there and
in README.md), and the check that lists lessons already placed on a day off or in school holidays.

A row is a date with ``kind`` ``off`` (a non-working day: nothing is placed on it) or ``work`` (a
weekend made a working day by a transfer — shown for reference; lessons follow the classes' weekdays).
"""

from __future__ import annotations

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.schedule._common import WRITE, _date, _fmt, _req_text
from chemcluster_desktop.services.schedule.check import check
from chemcluster_desktop.services.schedule.instance import check_rows, load_instance_in
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.schedule import CalendarDay, Lesson, Term

KINDS = ("off", "work")


def list_calendar(year: int | None = None) -> list[dict]:
    with read() as s:
        stmt = select(CalendarDay).order_by(CalendarDay.date)
        rows = s.scalars(stmt).all()
        return [{"id": r.id, "date": r.date, "kind": r.kind, "name": r.name} for r in rows
                if year is None or r.date.year == year]


def save_calendar_day(data: dict, day_id: int | None = None) -> int:
    require(WRITE)
    day = _date(data.get("date"), "date")
    name = _req_text(data, "name", "Название")
    kind = str(data.get("kind") or "off")
    if kind not in KINDS:
        raise ValidationError(translate("Schedule", "Вид дня: «off» (нерабочий) или «work» (рабочий по переносу)."),
                              field="kind")
    with uow() as s:
        other = s.scalars(select(CalendarDay).where(CalendarDay.date == day)).first()
        if other is not None and other.id != day_id:
            raise DuplicateError(translate("Schedule", "На {0} в календаре уже есть запись «{1}»: исправьте её, а не "
                                                       "добавляйте вторую.").format(_fmt(day), other.name), field="date")
        obj = CalendarDay() if day_id is None else get_or_404(s, CalendarDay, day_id,
                                                               translate("Schedule", "День календаря"), named=_fmt(day))
        obj.date, obj.kind, obj.name = day, kind, name
        s.add(obj)
        s.flush()
        return obj.id


def delete_calendar_day(day_id: int) -> None:
    require(WRITE)
    with uow() as s:
        obj = s.get(CalendarDay, day_id)
        if obj is not None:
            s.delete(obj)


def lessons_on_days_off(term_id: int | None = None) -> list[dict]:
    """Lessons that fall on a public day off or in school holidays (of one term, or of every term)."""
    with read() as s:
        terms = [term_id] if term_id is not None else list(s.scalars(select(Term.id).order_by(Term.starts_on)))
        out = []
        for tid in terms:
            inst = load_instance_in(s, tid)
            off = inst.holiday_dates()
            rows = [r for r in check_rows(s, Lesson.term_id == tid) if r["date"] in off]
            out += [c for c in check(inst, rows, hours=False) if c["kind"] in ("day_off", "holiday")]
        return out
