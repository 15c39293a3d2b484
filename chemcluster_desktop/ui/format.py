"""Numbers, money and dates the Russian way (``1 234 567,89 ₽``, ``26.11.2026``) through QLocale.

Money never becomes a float: the digits come from the ``Decimal``; QLocale gives the separators.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QDate, QLocale

_locale = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)


def set_locale(loc: QLocale) -> None:
    global _locale
    _locale = loc


def locale() -> QLocale:
    return _locale


def _group(int_part: str) -> str:
    sep = _locale.groupSeparator() or "\u00a0"
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


def decimal(value: Decimal | int | None, places: int | None = None) -> str:
    if value is None:
        return ""
    d = Decimal(value)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    s = format(abs(d), "f")
    if "." in s:
        ip, fp = s.split(".")
        if places is None:
            fp = fp.rstrip("0")
    else:
        ip, fp = s, ""
    res = sign + _group(ip)
    if fp:
        res += _locale.decimalPoint() + fp
    return res


def money(value: Decimal | None, currency: bool = True) -> str:
    if value is None:
        return ""
    s = decimal(value, 2)
    return f"{s}\u00a0₽" if currency else s


def date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return QDate(value.year, value.month, value.day).toString("dd.MM.yyyy")


def datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return date(value.date()) + value.strftime(" %H:%M")


def parse_decimal(text: str) -> Decimal | None:
    """«1 234,50» → Decimal('1234.50'); None for empty; raises ValueError for garbage."""
    t = (text or "").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("₽", "")
    if not t:
        return None
    t = t.replace(",", ".")
    from decimal import InvalidOperation

    try:
        return Decimal(t)
    except InvalidOperation as e:
        raise ValueError(text) from e
