"""Requests for prices sent to suppliers for a plan line (запросы ценовой информации): supplier, date
and outgoing number. The methodology (приказ Минэкономразвития № 567, п. 3.7.1) recommends at least
five; the justification prints them with whether a reply came."""

from __future__ import annotations

import datetime as dt

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import uow
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement import compliance
from chemcluster_desktop.services.procurement._common import WRITE
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.procurement import PlanLine, PriceRequest, Supplier


def _t(s: str) -> str:
    return translate("Procurement", s)


def create_price_request(data: dict) -> int:
    """A request from ``data``: plan_line_id, supplier_id (or supplier_name), sent_on, outgoing_number."""
    require(WRITE)
    with uow() as s:
        return _create_price_request(s, data)


def _create_price_request(s, data: dict) -> int:
    line = get_or_404(s, PlanLine, data.get("plan_line_id"), _t("Строка плана-графика"))
    sent_on = data.get("sent_on")
    if not isinstance(sent_on, dt.date):
        raise ValidationError(_t("Укажите дату отправки запроса."), field="sent_on")
    if sent_on > dt.date.today():
        raise ValidationError(_t("Дата запроса {0} ещё не наступила.").format(sent_on.strftime("%d.%m.%Y")),
                              field="sent_on")
    on = compliance.justified_on(line)
    if on is not None and sent_on > on:
        raise ValidationError(_t("Запрос от {0} отправлен позже обоснования цены ({1}): он не мог в нём "
                                 "участвовать.").format(sent_on.strftime("%d.%m.%Y"), on.strftime("%d.%m.%Y")),
                              field="sent_on")
    number = str(data.get("outgoing_number") or "").strip()
    if not number:
        raise ValidationError(_t("Укажите исходящий номер запроса."), field="outgoing_number")
    if len(number) > 64:
        raise ValidationError(_t("Исходящий номер — не больше 64 знаков."), field="outgoing_number")
    sid = data.get("supplier_id")
    name = str(data.get("supplier_name") or "").strip()
    if sid is not None:
        name = get_or_404(s, Supplier, sid, _t("Карточка поставщика")).name
    if not name:
        raise ValidationError(_t("Укажите поставщика, которому отправлен запрос."), field="supplier")
    r = PriceRequest(plan_line_id=line.id, supplier_id=sid, supplier_name=name[:300], sent_on=sent_on,
                     outgoing_number=number)
    s.add(r)
    s.flush()
    return r.id


def delete_price_request(request_id: int) -> None:
    require(WRITE)
    with uow() as s:
        r = get_or_404(s, PriceRequest, request_id, _t("Запись о запросе цен"))
        s.delete(r)
