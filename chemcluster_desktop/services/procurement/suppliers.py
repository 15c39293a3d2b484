"""Suppliers: the card (ИНН/КПП checked), the list with offer and contract counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.listing import ListQuery, apply_search, apply_sort, count_of, window
from chemcluster_desktop.services.procurement._common import WRITE, _text
from chemcluster_desktop.services.procurement.inn import inn_error, kpp_error
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.procurement import Contract, Offer, Supplier


@dataclass(frozen=True)
class SupplierInfo:
    id: int
    name: str
    inn: str
    kpp: str
    contact: str
    email: str
    phone: str
    address: str
    version: int


def _supplier_info(x: Supplier) -> SupplierInfo:
    return SupplierInfo(x.id, x.name, x.inn, x.kpp, x.contact, x.email, x.phone, x.address, x.version)


def _validate_supplier(s: Session, supplier_id: int | None, data: dict) -> dict:
    out = {
        "name": _text(data.get("name"), "name", translate("Procurement", "Наименование"), max_len=300),
        "inn": (data.get("inn") or "").strip(),
        "kpp": (data.get("kpp") or "").strip().upper(),
        "contact": (data.get("contact") or "").strip()[:300],
        "email": (data.get("email") or "").strip()[:200],
        "phone": (data.get("phone") or "").strip()[:50],
        "address": (data.get("address") or "").strip()[:300],
    }
    err = inn_error(out["inn"])
    if err:
        raise ValidationError(err, field="inn")
    err = kpp_error(out["kpp"], out["inn"])
    if err:
        raise ValidationError(err, field="kpp")
    if out["email"] and ("@" not in out["email"] or " " in out["email"]):
        raise ValidationError(translate("Procurement", "Адрес электронной почты «{0}» записан неверно.").format(out["email"]),
                              field="email")
    dup = s.scalar(select(Supplier).where(Supplier.inn == out["inn"]))
    if dup is not None and dup.id != supplier_id:
        raise DuplicateError(translate("Procurement", "Поставщик с ИНН {0} уже есть: «{1}».").format(out["inn"], dup.name), field="inn")
    return out


def _create_supplier(s: Session, **data) -> int:
    v = _validate_supplier(s, None, data)
    x = Supplier(**v)
    s.add(x)
    s.flush()
    return x.id


def create_supplier(data: dict) -> int:
    """A supplier from ``data``: name, inn, and optionally kpp, contact, email, phone, address."""
    require(WRITE)
    with uow() as s:
        return _create_supplier(s, **data)


def update_supplier(supplier_id: int, data: dict, *, version: int) -> None:
    """Change the fields ``data`` gives (those given as None keep their value)."""
    require(WRITE)
    with uow() as s:
        x = get_or_404(s, Supplier, supplier_id, translate("Procurement", "Карточка поставщика"),
                       named=data.get("name"))
        require_version(x, version)
        merged = {k: getattr(x, k) for k in ("name", "inn", "kpp", "contact", "email", "phone", "address")}
        merged.update({k: v for k, v in data.items() if v is not None})
        for k, v in _validate_supplier(s, supplier_id, merged).items():
            setattr(x, k, v)


def delete_supplier(supplier_id: int, *, version: int | None = None) -> None:
    require(WRITE)
    with uow() as s:
        x = get_or_404(s, Supplier, supplier_id, translate("Procurement", "Карточка поставщика"))
        check_version(x, version)
        if s.scalar(select(func.count(Contract.id)).where(Contract.supplier_id == supplier_id)):
            raise ValidationError(translate("Procurement", "Поставщика «{0}» удалить нельзя: с ним заключены контракты.").format(x.name))
        for o in s.scalars(select(Offer).where(Offer.supplier_id == supplier_id)):
            o.supplier_id = None
        s.delete(x)


def get_supplier(supplier_id: int) -> SupplierInfo:
    with read() as s:
        return _supplier_info(get_or_404(s, Supplier, supplier_id, translate("Procurement", "Карточка поставщика")))


def all_suppliers() -> list[SupplierInfo]:
    with read() as s:
        return [_supplier_info(x) for x in s.scalars(select(Supplier).order_by(Supplier.name))]


def _supplier_stmt(q: ListQuery):
    offers = select(func.count(Offer.id)).where(Offer.supplier_id == Supplier.id).scalar_subquery()
    contracts = select(func.count(Contract.id)).where(Contract.supplier_id == Supplier.id).scalar_subquery()
    stmt = select(Supplier, offers.label("offers"), contracts.label("contracts"))
    return apply_search(stmt, Supplier.search_key, q.search), {"name": Supplier.search_key, "inn": Supplier.inn,
                                                             "offers": offers, "contracts": contracts}


def count_suppliers(q: ListQuery) -> int:
    with read() as s:
        return count_of(s, _supplier_stmt(q)[0])


def list_suppliers(q: ListQuery) -> list[dict]:
    with read() as s:
        stmt, cols = _supplier_stmt(q)
        stmt = window(apply_sort(stmt, cols, q, Supplier.name, Supplier.id), q)
        out = []
        for x, n_off, n_con in s.execute(stmt):
            d = _supplier_info(x).__dict__.copy()
            d.update(offers=n_off or 0, contracts=n_con or 0)
            out.append(d)
        return out
