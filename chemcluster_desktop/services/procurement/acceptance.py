"""How each delivered line goes on the inventory: unit equipment (one card per unit), a group (one card
of N identical units under one number) or a consumable (a stock) — suggested from the low-value
threshold of the settings (price per unit at or below it → a group; ФСБУ 6/2020 «Основные средства»,
п. 10, lets uniform low-value objects be grouped into one inventory object), never from whether the
delivered quantity happens to be a whole number. The person may change the suggestion per line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read
from chemcluster_desktop.storage.core import Setting
from chemcluster_desktop.storage.procurement import Delivery, Need

ACCEPT_KINDS = ("unit", "group", "consumable")
THRESHOLD_KEY = "inventory.low_value_threshold"
DEFAULT_THRESHOLD = Decimal(10000)
PIECE_UNITS = ("шт", "штук", "штука", "ед", "единица", "компл", "комплект", "набор", "pcs")


def _t(s: str) -> str:
    return translate("Procurement", s)


def kind_label(kind: str) -> str:
    return {"unit": _t("оборудование поштучно"), "group": _t("группа под одним номером"),
            "consumable": _t("расходный материал")}[kind]


@dataclass
class AcceptLine:
    line_id: int
    name: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    kind: str  # the suggestion
    reason: str


def threshold(s) -> Decimal:
    row = s.get(Setting, THRESHOLD_KEY)
    try:
        return Decimal(row.value) if row is not None and row.value.strip() else DEFAULT_THRESHOLD
    except ArithmeticError:
        return DEFAULT_THRESHOLD


def _pieces(unit: str) -> bool:
    u = (unit or "шт.").casefold().strip().rstrip(".")
    return u in PIECE_UNITS or u == ""


def suggest(unit_price: Decimal, quantity: Decimal, unit: str, limit: Decimal) -> tuple[str, str]:
    if not _pieces(unit) or quantity != quantity.to_integral_value():
        return "consumable", _t("учитывается в «{0}», не в штуках").format(unit or "—")
    if unit_price > limit:
        return "unit", _t("цена за единицу выше порога {0} ₽: каждая штука — отдельная карточка").format(
            format(limit.normalize(), ","))
    if quantity == 1:
        return "unit", _t("одна штука")
    return "group", _t("цена за единицу не выше порога {0} ₽: одна карточка на {1} шт.").format(
        format(limit.normalize(), ","), int(quantity))


def plan_in(s, d: Delivery) -> list[AcceptLine]:
    limit = threshold(s)
    out = []
    for ln in d.lines:
        n = s.get(Need, ln.need_id) if ln.need_id else None
        unit = n.unit if n is not None else "шт."
        kind, why = suggest(ln.unit_price, ln.quantity, unit, limit)
        out.append(AcceptLine(ln.id, ln.name, ln.quantity, unit, ln.unit_price, kind, why))
    return out


def acceptance_plan(delivery_id: int) -> list[AcceptLine]:
    """What accepting the delivery will put on the inventory, line by line (the suggestion and why)."""
    with read() as s:
        return plan_in(s, get_or_404(s, Delivery, delivery_id, _t("Поставка")))
