"""Procurement's shared vocabulary: the project total and grant cap, the status road of a plan-schedule
line, the funding-source names, and the checks every form's money, quantities and text go through."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import ValidationError

PROJECT_TOTAL = Decimal("396600000.00")
GRANT_CAP = Decimal("100000000.00")
GRANT_CODE = "federal"

WRITE = "procurement.write"
NEEDS = "procurement.needs"

STATUS_LABELS = {
    "need": "Потребность",
    "in_plan": "В плане",
    "price_justified": "Цена обоснована",
    "notice_published": "Извещение опубликовано",
    "supplier_chosen": "Поставщик определён",
    "failed": "Не состоялась",
    "cancelled": "Отменена",
    "contract_signed": "Контракт заключён",
    "delivered": "Поставлено",
    "accepted": "Принято",
    "on_inventory": "На учёте",
}
# not a status of the line: the road's last chip, done when every contract of the line is paid
ROAD_ONLY_LABELS = {"paid": "Оплачено"}
# colour of the status badge
STATUS_COLORS = {
    "need": "muted", "in_plan": "info", "price_justified": "info", "notice_published": "info",
    "supplier_chosen": "warn", "failed": "bad", "cancelled": "muted", "contract_signed": "warn",
    "delivered": "warn", "accepted": "ok", "on_inventory": "ok",
}
# the status road: which steps may follow which
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    "need": ("in_plan",),
    "in_plan": ("price_justified", "cancelled"),
    "price_justified": ("notice_published", "cancelled"),
    "notice_published": ("supplier_chosen", "failed", "cancelled"),
    "supplier_chosen": ("contract_signed", "failed", "cancelled"),
    "failed": ("notice_published", "cancelled"),
    "cancelled": (),
    "contract_signed": ("delivered",),
    "delivered": ("accepted",),
    "accepted": ("delivered", "on_inventory"),
    "on_inventory": (),
}
ROAD = ("in_plan", "price_justified", "notice_published", "supplier_chosen", "contract_signed", "delivered",
        "accepted", "on_inventory")
# a single-supplier purchase (44-ФЗ ст. 93; 223-ФЗ «единственный поставщик») has no notice and no protocol:
# from the justified price straight to the contract
SINGLE_ROAD = ("in_plan", "price_justified", "contract_signed", "delivered", "accepted", "on_inventory")
INACTIVE = ("cancelled", "failed")
FROZEN = ("price_justified", "notice_published", "supplier_chosen", "contract_signed", "delivered", "accepted",
          "on_inventory")

SOURCE_NAMES = {
    "federal": "Грант федерального проекта «Профессионалитет»",
    "regional": "Областной бюджет Нижегородской области",
    "employer": "Софинансирование работодателей",
    "own": "Собственные средства колледжа",
}


def _t(s: str) -> str:
    return translate("Procurement", s)


def _status_names_for_lupdate() -> list[str]:
    """The status labels as literal translate() calls, so that pyside6-lupdate extracts them."""
    return [translate("Procurement", "Потребность"), translate("Procurement", "В плане"),
            translate("Procurement", "Цена обоснована"), translate("Procurement", "Извещение опубликовано"),
            translate("Procurement", "Поставщик определён"), translate("Procurement", "Не состоялась"),
            translate("Procurement", "Отменена"), translate("Procurement", "Контракт заключён"),
            translate("Procurement", "Поставлено"), translate("Procurement", "Принято"),
            translate("Procurement", "На учёте")]


def status_label(code: str) -> str:
    return _t(STATUS_LABELS.get(code) or ROAD_ONLY_LABELS.get(code, code))


def parse_money(value, field_name: str, label: str, *, positive: bool = True, row: int | None = None) -> Decimal:
    if isinstance(value, float):
        raise ValidationError(translate("Procurement", "Сумма «{0}» передана как число с плавающей точкой; нужна десятичная запись.")
                              .format(label), field=field_name, row=row)
    if isinstance(value, str):
        txt = value.strip().replace("\u00a0", "").replace(" ", "").replace("₽", "").replace(",", ".")
    else:
        txt = value
    try:
        d = Decimal(txt) if txt not in (None, "") else None
    except (InvalidOperation, TypeError, ValueError):
        d = None
    if d is None or not d.is_finite():
        raise ValidationError(translate("Procurement", "{0}: введите сумму числом, например 125 000,50.").format(label),
                              field=field_name, row=row)
    if d != d.quantize(Decimal("0.01")):
        raise ValidationError(translate("Procurement", "{0}: не больше двух знаков после запятой (копейки).").format(label),
                              field=field_name, row=row)
    if positive and d <= 0:
        raise ValidationError(translate("Procurement", "{0} должна быть больше нуля (введено {1}).").format(label, value),
                              field=field_name, row=row)
    return d


def parse_quantity(value, field_name: str = "quantity", label: str | None = None, row: int | None = None) -> Decimal:
    label = label or translate("Procurement", "Количество")
    if isinstance(value, float):
        value = str(value)
    try:
        d = Decimal(str(value).strip().replace(",", ".").replace(" ", "")) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        d = None
    if d is None or not d.is_finite():
        raise ValidationError(translate("Procurement", "{0}: введите число.").format(label), field=field_name, row=row)
    if d <= 0:
        raise ValidationError(translate("Procurement", "{0} должно быть больше нуля.").format(label), field=field_name, row=row)
    if d != d.quantize(Decimal("0.001")):
        raise ValidationError(translate("Procurement", "{0}: не больше трёх знаков после запятой.").format(label), field=field_name,
                              row=row)
    return d


def _text(value, field_name: str, label: str, *, required: bool = True, max_len: int = 500) -> str:
    s = (value or "").strip()
    if required and not s:
        raise ValidationError(translate("Procurement", "Заполните поле «{0}».").format(label), field=field_name)
    if len(s) > max_len:
        raise ValidationError(translate("Procurement", "Поле «{0}» слишком длинное: не больше {1} знаков.").format(label, max_len),
                              field=field_name)
    return s


def _login(s: Session) -> str:
    a = s.info.get("actor") or context.actor()
    return a.login
