"""Helpers the timetable's services share: parsing and checking form fields, dates and times as the
program shows them, class and instructor availability, and search over the folded ``search_key`` columns."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, false

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.schedule.data import WORKDAYS
from chemcluster_desktop.storage.schedule import NAME_END
from chemcluster_desktop.storage.search import like_pattern

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
