"""Checks and normalisation of a card's typed values: CAS numbers, GHS pictograms, hazard
statements, amounts of money and quantities."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory._common import _t
from chemcluster_desktop.services.inventory.vocabulary import GHS_PICTOGRAMS

_CAS_RX = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")


def cas_valid(cas: str) -> bool:
    """CAS registry number with its check digit (e.g. 7647-01-0 for hydrochloric acid)."""
    m = _CAS_RX.match((cas or "").strip())
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10 == int(m.group(3))


def clean_cas(cas: Any, *, row: int | None = None) -> str | None:
    s = ("" if cas is None else str(cas)).strip()
    if not s:
        return None
    if not cas_valid(s):
        raise ValidationError(_t("Номер CAS «{0}» неверен: нужен вид 7647-01-0 с верной контрольной цифрой.")
                              .format(s), field="cas_number", row=row)
    return s


def clean_ghs(value: Any) -> str:
    if not value:
        return ""
    parts = value if isinstance(value, list | tuple | set) else re.split(r"[\s,;]+", str(value))
    out = []
    for p in parts:
        p = str(p).strip().upper()
        if not p:
            continue
        if re.fullmatch(r"\d{1,2}", p):
            p = f"GHS{int(p):02d}"
        if p not in GHS_PICTOGRAMS:
            raise ValidationError(_t("Пиктограмма «{0}» неизвестна: допустимы GHS01–GHS09.").format(p),
                                  field="ghs_pictograms")
        if p not in out:
            out.append(p)
    return ",".join(sorted(out))


def clean_h_statements(value: Any) -> str:
    if not value:
        return ""
    parts = re.split(r"[\s,;]+", str(value).strip())
    out = []
    for p in parts:
        p = p.strip().upper()
        if not p:
            continue
        if not re.fullmatch(r"(EU)?H\d{3}[A-Z]{0,2}", p):
            raise ValidationError(_t("Фраза опасности «{0}» записана неверно: нужен вид H225, H319.").format(p),
                                  field="h_statements")
        if p not in out:
            out.append(p)
    return ",".join(out)


def to_decimal(value: Any, field: str, label: str, *, row: int | None = None, allow_none: bool = True,
               minimum: Decimal | None = Decimal(0)) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_none:
            return None
        raise ValidationError(_t("Поле «{0}» обязательно.").format(label), field=field, row=row)
    if isinstance(value, float):
        value = Decimal(repr(value))
    try:
        if isinstance(value, str):
            s = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
            d = Decimal(s)
        else:
            d = Decimal(value)
    except (InvalidOperation, ValueError, TypeError) as e:
        raise ValidationError(_t("«{0}»: «{1}» — не число.").format(label, value), field=field, row=row) from e
    if not d.is_finite():
        raise ValidationError(_t("«{0}»: «{1}» — не число.").format(label, value), field=field, row=row)
    if minimum is not None and d < minimum:
        raise ValidationError(_t("«{0}» не может быть отрицательным.").format(label), field=field, row=row)
    if d > Decimal("1e12"):
        raise ValidationError(_t("«{0}»: слишком большое значение.").format(label), field=field, row=row)
    return d
