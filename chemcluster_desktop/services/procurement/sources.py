"""Funding sources: their limits (the grant cap, the project total, what is already committed) and
finding one by code, id or name."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, NotFoundError, ValidationError
from chemcluster_desktop.services.procurement._common import (
    GRANT_CAP,
    GRANT_CODE,
    PROJECT_TOTAL,
    SOURCE_NAMES,
    WRITE,
    _text,
    parse_money,
)
from chemcluster_desktop.services.procurement.budgeting import _committed
from chemcluster_desktop.services.procurement.nmck_calc import fmt_money
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.procurement import FundingSource
from chemcluster_desktop.storage.search import fold


@dataclass(frozen=True)
class SourceInfo:
    id: int
    code: str
    name: str
    limit: Decimal
    version: int


def _source_info(f: FundingSource) -> SourceInfo:
    return SourceInfo(f.id, f.code, f.name, f.limit_amount, f.version)


def list_sources() -> list[SourceInfo]:
    with read() as s:
        order = {c: i for i, c in enumerate(SOURCE_NAMES)}
        rows = [_source_info(f) for f in s.scalars(select(FundingSource))]
    return sorted(rows, key=lambda r: (order.get(r.code, 99), r.name))


def _save_source(s: Session, source_id: int | None, code: str, name: str, limit, version: int | None = None) -> int:
    code = _text(code, "code", translate("Procurement", "Код"), max_len=20)
    name = _text(name, "name", translate("Procurement", "Наименование"), max_len=200)
    limit = parse_money(limit, "limit", translate("Procurement", "Лимит"), positive=False)
    if limit < 0:
        raise ValidationError(translate("Procurement", "Лимит не может быть отрицательным."), field="limit")
    if code == GRANT_CODE and limit > GRANT_CAP:
        raise ValidationError(translate("Procurement", "Грант «Профессионалитет» не может превышать {0} ₽ (введено {1} ₽).")
                              .format(fmt_money(GRANT_CAP), fmt_money(limit)), field="limit")
    dup = s.scalar(select(FundingSource.id).where(FundingSource.code == code))
    if dup is not None and dup != source_id:
        raise DuplicateError(translate("Procurement", "Источник с кодом «{0}» уже есть.").format(code), field="code")
    others = s.scalar(select(func.coalesce(func.sum(FundingSource.limit_amount), 0))
                      .where(FundingSource.id != (source_id or -1)))
    others = Decimal(others or 0)
    if others + limit > PROJECT_TOTAL:
        raise ValidationError(translate("Procurement", "Сумма лимитов всех источников ({0} ₽) превысит стоимость проекта {1} ₽. "
                                 "Уменьшите лимит до {2} ₽ или меньше.").format(
            fmt_money(others + limit), fmt_money(PROJECT_TOTAL), fmt_money(PROJECT_TOTAL - others)), field="limit")
    if source_id is None:
        f = FundingSource(code=code, name=name, limit_amount=limit)
        s.add(f)
        s.flush()
        return f.id
    f = get_or_404(s, FundingSource, source_id, translate("Procurement", "Запись об источнике финансирования"),
                   named=name or code)
    require_version(f, version)
    committed = _committed(s, f.id)
    if limit < committed:
        raise ValidationError(translate("Procurement", "Лимит {0} ₽ меньше уже распределённой по источнику суммы {1} ₽.")
                              .format(fmt_money(limit), fmt_money(committed)), field="limit")
    f.code, f.name, f.limit_amount = code, name, limit
    s.flush()
    return f.id


def create_source(data: dict) -> int:
    """A funding source from ``data``: code, name, limit."""
    require(WRITE)
    with uow() as s:
        return _save_source(s, None, data.get("code"), data.get("name"), data.get("limit"))


def update_source(source_id: int, data: dict, *, version: int) -> None:
    """Change a funding source: ``data`` gives all of code, name, limit (as :func:`create_source`)."""
    require(WRITE)
    with uow() as s:
        _save_source(s, source_id, data.get("code"), data.get("name"), data.get("limit"), version)


def _source_by(s: Session, source) -> FundingSource:
    key = str(source).strip()
    f = s.scalar(select(FundingSource).where(FundingSource.code == key))
    if f is None and key.isdigit():
        f = s.get(FundingSource, int(key))
    if f is None:
        for x in s.scalars(select(FundingSource)):
            if fold(key) in fold(x.name):
                f = x
                break
    if f is None:
        codes = ", ".join(s.scalars(select(FundingSource.code)))
        raise NotFoundError(translate("Procurement", "Источник финансирования «{0}» не найден. Есть: {1}.").format(key, codes))
    return f


def source_by(source) -> SourceInfo:
    with read() as s:
        return _source_info(_source_by(s, source))
