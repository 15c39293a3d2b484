"""Reporting periods (a year «2025» or a quarter «2025-Q3» within the project horizon) and KPI values
as typed by a person."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from chemcluster_desktop.services.cluster._common import FIRST_YEAR, HUNDRED, LAST_YEAR, PERCENT_UNITS, _t
from chemcluster_desktop.services.errors import ValidationError

_PERIOD_RE = re.compile(r"^\s*(\d{4})(?:\s*[-/ ]?\s*[QqКк]\s*([1-4]))?\s*$")


def validate_period(text: object) -> str:
    """«2025» or «2025-Q3» (also «2025 Q3», «2025-К3»); anything else is refused with a message."""
    s = "" if text is None else str(text).strip()
    if not s:
        raise ValidationError(_t("Укажите отчётный период: год (например, 2025) или квартал (2025-Q3)."),
                              field="period")
    m = _PERIOD_RE.match(s)
    if not m:
        raise ValidationError(
            _t("Период «{0}» не существует: укажите год (например, 2025) или квартал (2025-Q3).").format(s),
            field="period")
    year = int(m.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _t("Период «{0}» не существует: проект охватывает {1}–{2} годы.").format(s, FIRST_YEAR, LAST_YEAR),
            field="period")
    return f"{year}-Q{m.group(2)}" if m.group(2) else str(year)


def all_periods() -> list[str]:
    """Every year of the project horizon, for combo boxes."""
    return [str(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]


def current_period() -> str:
    y = min(max(dt.date.today().year, FIRST_YEAR), LAST_YEAR)
    return str(y)


def period_year(period: str) -> int:
    return int(period[:4])


def parse_value(text: object, unit: str = "", name: str = "") -> Decimal:
    """A KPI value from what the person typed: «1 234,5» → Decimal; negatives, garbage and
    percentages above 100 are refused with a message naming the KPI."""
    what = f"«{name}»" if name else ""
    if isinstance(text, float):
        text = repr(text)
    if isinstance(text, Decimal | int):
        d = Decimal(text)
    else:
        s = ("" if text is None else str(text)).strip()
        s = s.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("%", "").replace(",", ".")
        if not s:
            raise ValidationError(_t("Показатель {0}: введите значение.").format(what), field="value")
        try:
            d = Decimal(s)
        except InvalidOperation:
            raise ValidationError(
                _t("Показатель {0}: «{1}» — не число. Введите число, например 1250 или 84,5.").format(what, text),
                field="value") from None
    if not d.is_finite():
        raise ValidationError(_t("Показатель {0}: значение — не число.").format(what), field="value")
    if d < 0:
        raise ValidationError(_t("Показатель {0}: значение не может быть отрицательным (введено {1}).").format(what, text),
                              field="value")
    if unit in PERCENT_UNITS and d > HUNDRED:
        raise ValidationError(
            _t("Показатель {0} — доля в процентах: значение не может быть больше 100 (введено {1}).").format(what, text),
            field="value")
    if d >= Decimal("1e12"):
        raise ValidationError(_t("Показатель {0}: значение слишком велико.").format(what), field="value")
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _q(d: Decimal | None) -> Decimal | None:
    if d is None:
        return None
    d = Decimal(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def percent_of(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    if value is None or not target:
        return None
    return (Decimal(value) * HUNDRED / Decimal(target)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
