"""Text that reaches the database is text: no control characters, no NUL, not longer than its column.

Two layers, one rule:

- :func:`check_text` — what a service calls on a field it receives (a clear message naming the field,
  with its label as the person sees it);
- :func:`install` — a ``before_flush`` guard on every session: whatever service wrote the record, a text
  column holding a control character, a NUL or more characters than the column allows is refused with a
  ValidationError naming the field, before the database sees it. Without it a control character in a name
  made every later ``export inventory`` fail, a NUL gave PostgreSQL's raw ``DataError`` and an over-long
  value was either cut silently (SQLite) or refused with a traceback (PostgreSQL).

Tab, line feed and carriage return are allowed (multi-line notes); every other C0 control character and
DEL are not.
"""

from __future__ import annotations

import re

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import ValidationError

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _t(s: str) -> str:
    return translate("TextCheck", s)


def field_label(field: str) -> str:
    labels = {
        "name": _t("Наименование"), "full_name": _t("ФИО"), "model": _t("Модель"), "responsible": _t("МОЛ"),
        "comment": _t("Комментарий"), "notes": _t("Примечание"), "note": _t("Примечание"), "title": _t("Название"),
        "login": _t("Логин"), "address": _t("Адрес"), "serial_number": _t("Заводской номер"),
        "manufacturer": _t("Производитель"), "inventory_number": _t("Инвентарный номер"), "value": _t("Значение"),
        "specification": _t("Характеристики"), "contact": _t("Контакты"), "issued_to": _t("Кому выдано"),
        "cost": _t("Стоимость"), "quantity": _t("Количество"), "min_quantity": _t("Минимальный остаток"),
        "price": _t("Цена"), "amount": _t("Сумма"), "unit_price": _t("Цена за единицу"),
    }
    return labels.get(field, field)


def check_text(value: str | None, field: str, *, label: str | None = None, max_len: int | None = None,
               row: int | None = None) -> str:
    """``value`` stripped of surrounding spaces, or ValidationError naming the field (control character,
    NUL, too long). ``None`` gives ""."""
    s = "" if value is None else str(value).strip()
    name = label or field_label(field)
    m = CONTROL.search(s)
    if m:
        raise ValidationError(
            _t("Поле «{0}» содержит невидимый управляющий символ (код {1}, позиция {2}). Удалите его — "
               "такой символ обычно попадает при копировании из другой программы.")
            .format(name, f"U+{ord(m.group()):04X}", m.start() + 1), field=field, row=row)
    if max_len is not None and len(s) > max_len:
        raise ValidationError(_t("Поле «{0}» слишком длинное: {1} символов, допускается не больше {2}. Сократите "
                                 "текст.").format(name, len(s), max_len), field=field, row=row)
    return s


def _check_amount(obj, attr, col) -> None:
    """Money (kopecks) and quantities (0.001): a positive amount that would be stored as 0 is refused."""
    from decimal import Decimal

    from chemcluster_desktop.storage.base import Money, Quantity

    places = 2 if isinstance(col.type, Money) else 3 if isinstance(col.type, Quantity) else None
    v = getattr(obj, attr.key, None)
    if places is None or v is None:
        return
    try:
        d = Decimal(v)
    except (ArithmeticError, TypeError, ValueError):
        return
    if d != 0 and abs(d) < Decimal(1).scaleb(-places) / 2:
        raise ValidationError(_t("Поле «{0}»: {1} при хранении с точностью {2} знака после запятой станет нулём. "
                                 "Проверьте единицы измерения.").format(field_label(attr.key), v, places),
                              field=attr.key)


def _check_object(obj, only_changed: bool) -> None:
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if len(attr.columns) != 1:
            continue
        col = attr.columns[0]
        if only_changed and not state.attrs[attr.key].history.has_changes():
            continue
        _check_amount(obj, attr, col)
        if not isinstance(col.type, String):  # Text is a String too
            continue
        v = getattr(obj, attr.key, None)
        if type(v) is not str:
            continue
        limit = getattr(col.type, "length", None)
        if CONTROL.search(v) or (limit and len(v) > limit):
            if attr.key == "search_key":  # derived from the other fields; they are checked themselves
                continue
            check_text(v, attr.key, max_len=limit)


def _before_flush(session: Session, _ctx, _instances) -> None:
    for obj in session.new:
        _check_object(obj, only_changed=False)
    for obj in session.dirty:
        _check_object(obj, only_changed=True)


def install(factory: sessionmaker) -> None:
    """Check the text of every flush; marked on the factory (see audit.install for why not event.contains)."""
    if getattr(factory, "_cc_textchecked", False):
        return
    event.listen(factory, "before_flush", _before_flush)
    factory._cc_textchecked = True
