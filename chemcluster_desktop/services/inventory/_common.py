"""Small helpers the inventory modules share: the translation context, the date and room checks,
chunking of long ``IN`` lists and the short number format of the alert texts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.storage.core import Room


def _t(s: str) -> str:
    return translate("Inventory", s)


def _date_not_future(d: dt.date | None, field: str, label: str, row: int | None = None) -> None:
    if d is not None and d > dt.date.today():
        raise ValidationError(_t("«{0}»: дата {1} ещё не наступила.").format(label, d.strftime("%d.%m.%Y")),
                              field=field, row=row)


def _check_room(s, room_id: int | None) -> None:
    # inside the caller's unit of work: the locations service has no in-session lookup of a room
    if room_id is not None and s.get(Room, room_id) is None:
        raise ValidationError(_t("Помещение, выбранное в списке, уже удалено — обновите список (F5)."), field="room_id")


def _chunks(seq: list, n: int):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _num(d: Decimal | None) -> str:
    if d is None:
        return ""
    s = format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))
    return s.replace(".", ",")
