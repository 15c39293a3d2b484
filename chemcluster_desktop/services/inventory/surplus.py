"""A surplus's value (ф. 0504092 values surpluses at their current estimate): typed by the commission,
or suggested from a similar card — the card itself when the thing is on record elsewhere, else the
most recent card whose name starts with the same words."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.inventory.validation import to_decimal
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.inventory import Item, StocktakingLine
from chemcluster_desktop.storage.search import make_key


def _t(s: str) -> str:
    return translate("Stocktaking", s)


def _line(s, st_id: int, line_id: int) -> StocktakingLine:
    ln = s.get(StocktakingLine, line_id)
    if ln is None or ln.stocktaking_id != st_id:
        raise NotFoundError(_t("Строка инвентаризации не найдена."))
    return ln


def suggest_estimate(st_id: int, line_id: int) -> Decimal | None:
    """The price of one unit of a similar card, or None when nothing alike has a price."""
    with context.read() as s:
        ln = _line(s, st_id, line_id)
        if ln.item_id is not None:
            item = s.get(Item, ln.item_id)
            if item is not None and item.cost is not None:
                return item.cost
            name = item.name if item is not None else ""
        else:
            name = ln.unknown_description
        words = make_key(name).split()
        for n in (3, 2, 1):
            if len(words) < n:
                continue
            prefix = " ".join(words[:n])
            cost = s.scalar(select(Item.cost).where(Item.search_key.like(prefix + "%"), Item.cost.is_not(None))
                            .order_by(Item.id.desc()).limit(1))
            if cost is not None:
                return cost
    return None


def set_estimate(st_id: int, line_id: int, value) -> None:
    """The commission's current estimate of one unit of a surplus line (None clears it)."""
    require("inventory.write")
    v = to_decimal(value, "estimate", _t("Оценка излишка"), allow_none=True)
    if v is not None and v < 0:
        raise ValidationError(_t("Оценка излишка не может быть отрицательной."), field="estimate")
    with context.uow() as s:
        ln = _line(s, st_id, line_id)
        if ln.found_quantity <= ln.expected_quantity:
            raise ValidationError(_t("Оценивается только излишек: в этой строке излишка нет."), field="estimate")
        ln.estimate = v


def unit_value(line: dict) -> Decimal | None:
    """The value of one unit of a stock-taking line (its estimate, else its card's price)."""
    if line.get("estimate") is not None:
        return line["estimate"]
    return line.get("cost")


__all__ = ["set_estimate", "suggest_estimate", "unit_value"]
