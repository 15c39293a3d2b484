"""Reading the audit journal (Журнал): a paged list filtered by user, date range, area, record,
action and text, and one entry's old and new values side by side. Read only: the journal has no
edit or delete here or anywhere (the database refuses them too).

Filters (``ListQuery.filters``): ``user`` (login), ``date_from`` / ``date_to`` (``datetime.date``,
local days, both included), ``area`` (``inventory`` …), ``entity`` (``Item`` …), ``entity_id``,
``action`` (``create`` | ``update`` | ``delete`` | ``import`` | ``login`` …).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from chemcluster_desktop import areas
from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import NotFoundError
from chemcluster_desktop.services.listing import ListQuery, ListSpec
from chemcluster_desktop.services.settings_service import setting_label
from chemcluster_desktop.storage.core import AuditEntry
from chemcluster_desktop.storage.search import fold


def _t(s: str) -> str:
    return translate("Journal", s)


AREAS = tuple(a.value for a in areas.data_areas())  # the data areas, in the registry's order
ACTIONS = ("create", "update", "delete", "import", "generate", "clear", "login", "login_failed", "logout", "restore")


def area_name(code: str) -> str:
    """The name of a data area in the journal (declared in the area registry)."""
    name = areas.journal_names().get(code)
    return _t(name) if name else code


def action_name(code: str) -> str:
    names = {
        "create": _t("Создание"),
        "update": _t("Изменение"),
        "delete": _t("Удаление"),
        "import": _t("Импорт"),
        "generate": _t("Генерация расписания"),
        "clear": _t("Очистка расписания"),
        "login": _t("Вход"),
        "login_failed": _t("Неудачный вход"),
        "logout": _t("Выход"),
        "restore": _t("Восстановление базы"),
    }
    return names.get(code, code)


def entity_name(code: str) -> str:
    """A Russian name of a kind of record (the model class name in the journal; declared with its area
    in the area registry)."""
    name = areas.entity_names().get(code)
    return _t(name) if name else code


def field_name(key: str) -> str:
    """A Russian label of a common field; other fields keep their technical name."""
    names = {
        "name": _t("Наименование"), "full_name": _t("ФИО"), "login": _t("Логин"), "role_code": _t("Роль"),
        "active": _t("Вход разрешён"), "password": _t("Пароль"), "failed_logins": _t("Неудачных входов"),
        "status": _t("Состояние"), "kind": _t("Вид"), "quantity": _t("Количество"), "unit": _t("Ед. изм."),
        "cost": _t("Стоимость"), "price": _t("Цена"), "amount": _t("Сумма"), "inventory_number": _t("Инв. номер"),
        "serial_number": _t("Заводской номер"), "model": _t("Модель"), "manufacturer": _t("Производитель"),
        "room_id": _t("Помещение (№)"), "building_id": _t("Здание (№)"), "responsible": _t("Ответственный"),
        "notes": _t("Примечание"), "note": _t("Примечание"), "address": _t("Адрес"), "number": _t("Номер"),
        "date": _t("Дата"), "value": _t("Значение"), "key": _t("Ключ"), "workplaces": _t("Рабочих мест"),
        "commissioned_on": _t("Дата ввода"), "min_quantity": _t("Мин. остаток"), "code": _t("Код"),
        "title": _t("Заголовок"), "year": _t("Год"), "nmck": _t("НМЦК"), "id": _t("№ записи"),
    }
    return names.get(key, key)


# badge colour of each action for the table
ACTION_BADGES = {"create": "ok", "update": "info", "delete": "bad", "import": "info", "login": "muted",
                 "login_failed": "warn", "logout": "muted", "restore": "warn",
                 "generate": "info", "clear": "bad"}


def _to_utc(d: dt.date, end: bool = False) -> dt.datetime:
    """A local calendar day's start (or the next day's start) as naive UTC, as the journal stores."""
    local = dt.datetime.combine(d + dt.timedelta(days=1) if end else d, dt.time.min)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def to_local(at: dt.datetime | None) -> dt.datetime | None:
    if at is None:
        return None
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _text_match(col, word: str):
    db = context.current()
    if db.is_sqlite:
        return func.cc_fold(col).like(f"%{_escape(fold(word))}%", escape="\\")
    return func.translate(func.lower(col), "ё", "е").like(f"%{_escape(fold(word))}%", escape="\\")


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(q: ListQuery):
    stmt = select(AuditEntry)
    f = q.filters or {}
    if f.get("user"):
        stmt = stmt.where(AuditEntry.user_login == f["user"])
    if f.get("area"):
        stmt = stmt.where(AuditEntry.area == f["area"])
    if f.get("entity"):
        stmt = stmt.where(AuditEntry.entity == f["entity"])
    if f.get("entity_id") not in (None, ""):
        stmt = stmt.where(AuditEntry.entity_id == str(f["entity_id"]))
    if f.get("action"):
        stmt = stmt.where(AuditEntry.action == f["action"])
    if f.get("date_from"):
        stmt = stmt.where(AuditEntry.at >= _to_utc(f["date_from"]))
    if f.get("date_to"):
        stmt = stmt.where(AuditEntry.at < _to_utc(f["date_to"], end=True))
    for word in (q.search or "").split():
        stmt = stmt.where(or_(_text_match(AuditEntry.summary, word), _text_match(AuditEntry.user_login, word),
                              AuditEntry.entity_id == word, _text_match(AuditEntry.entity, word),
                              and_(AuditEntry.new_values.is_not(None), _text_match(AuditEntry.new_values, word)),
                              and_(AuditEntry.old_values.is_not(None), _text_match(AuditEntry.old_values, word))))
    return stmt


SORT = {
    "at": AuditEntry.at,
    "user_login": AuditEntry.user_login,
    "area": AuditEntry.area,
    "action": AuditEntry.action,
    "entity": AuditEntry.entity,
    "summary": AuditEntry.summary,
}


def _record(entity: str, entity_id: str | None) -> str:
    """«Позиция № 12»; a record whose key is a word says what it is: «Настройка «Краткое наименование»»
    (the journal used to show internal keys such as «Настройка № college.short_name»)."""
    name = entity_name(entity)
    if not entity_id:
        return name
    if entity == "Setting":
        return f"{name} «{setting_label(entity_id)}»"
    return f"{name} № {entity_id}" if entity_id.replace("/", "").isdigit() else f"{name} «{entity_id}»"


def _row(e: AuditEntry) -> dict:
    return {
        "id": e.id,
        "at": to_local(e.at),
        "user_login": e.user_login or "—",
        "action": e.action,
        "action_name": action_name(e.action),
        "area": e.area,
        "area_name": area_name(e.area),
        "entity": e.entity,
        "entity_id": e.entity_id,
        "record": _record(e.entity, e.entity_id),
        "summary": e.summary,
    }


# the journal's list: newest first unless another sort is asked for
ENTRIES = ListSpec(_filtered, SORT, AuditEntry.at, AuditEntry.id,
                   natural_order=(AuditEntry.at.desc(), AuditEntry.id.desc()), row=lambda r: _row(r[0]))
count = ENTRIES.count
page = ENTRIES.page


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def _load(v: str | None) -> dict:
    if not v:
        return {}
    try:
        d = json.loads(v)
    except ValueError:
        return {"value": v}
    return d if isinstance(d, dict) else {"value": d}


def _show(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return _t("да") if v else _t("нет")
    return str(v)


def entry(entry_id: int) -> dict:
    """One entry with its changes as (field, old, new) rows for the details panel."""
    with context.read() as s:
        e = s.get(AuditEntry, entry_id)
        if e is None:
            raise NotFoundError(_t("Запись журнала не найдена."))
        row = _row(e)
        old, new = _load(e.old_values), _load(e.new_values)
    keys = list(dict.fromkeys([*old.keys(), *new.keys()]))
    row["changes"] = [Change(field_name(k), _show(old.get(k)) if k in old else "",
                             _show(new.get(k)) if k in new else "") for k in keys]
    row["old"], row["new"] = old, new
    return row


def users() -> list[str]:
    """Every login that appears in the journal (for the filter)."""
    with context.read() as s:
        return [u for u in s.scalars(select(AuditEntry.user_login).distinct().order_by(AuditEntry.user_login)) if u]


def entities(area: str | None = None) -> list[str]:
    stmt = select(AuditEntry.entity).distinct().order_by(AuditEntry.entity)
    if area:
        stmt = stmt.where(AuditEntry.area == area)
    with context.read() as s:
        return [x for x in s.scalars(stmt) if x]


def history(entity: str, entity_id: int | str) -> list[dict]:
    """Every journal entry of one record, oldest first (for a record's «История» tab)."""
    q = ListQuery(filters={"entity": entity, "entity_id": str(entity_id)}, sort="at", limit=10_000)
    return page(q)
