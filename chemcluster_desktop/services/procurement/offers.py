"""Commercial offers of a need: added, changed and removed only while its price is not justified yet;
each change recomputes the need's НМЦК."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement._common import FROZEN, WRITE, parse_money, status_label
from chemcluster_desktop.services.procurement.nmck_calc import is_stale
from chemcluster_desktop.services.procurement.pricing import _refresh_need_nmck
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.procurement import Need, Offer, Supplier


@dataclass(frozen=True)
class OfferInfo:
    id: int
    need_id: int
    supplier_id: int | None
    supplier_name: str
    date: dt.date
    unit_price: Decimal
    reference: str
    document_name: str
    has_document: bool
    stale: bool
    version: int


def _offer_info(o: Offer, today: dt.date) -> OfferInfo:
    name = o.supplier.name if o.supplier is not None else o.supplier_name
    return OfferInfo(o.id, o.need_id, o.supplier_id, name, o.date, o.unit_price, o.reference, o.document_name,
                     o.document is not None, is_stale(o.date, today), o.version)


def _editable_need(s: Session, need_id: int) -> Need:
    n = get_or_404(s, Need, need_id, translate("Procurement", "Потребность"))
    if n.status in FROZEN:
        raise ValidationError(translate("Procurement", "Цена по потребности «{0}» уже обоснована (статус «{1}»): коммерческие "
                                 "предложения менять нельзя.").format(n.name, status_label(n.status)))
    return n


def _offer_values(s: Session, supplier_id, supplier_name, date, unit_price, row: int | None = None) -> dict:
    price = parse_money(unit_price, "unit_price", translate("Procurement", "Цена за единицу"), row=row)
    if not isinstance(date, dt.date):
        raise ValidationError(translate("Procurement", "Укажите дату коммерческого предложения."), field="date", row=row)
    if date > dt.date.today():
        raise ValidationError(translate("Procurement", "Дата предложения {0} ещё не наступила.").format(date.strftime("%d.%m.%Y")),
                              field="date", row=row)
    name = (supplier_name or "").strip()
    if supplier_id is not None:
        sup = get_or_404(s, Supplier, supplier_id, translate("Procurement", "Карточка поставщика"))
        name = sup.name
    if not name:
        raise ValidationError(translate("Procurement", "Укажите поставщика, приславшего предложение."), field="supplier", row=row)
    return {"supplier_id": supplier_id, "supplier_name": name[:300], "date": date, "unit_price": price}


def _add_offer(s: Session, need_id: int, supplier_id=None, supplier_name: str = "", date=None, unit_price=None,
               reference: str = "", document_name: str = "", document: bytes | None = None) -> int:
    n = _editable_need(s, need_id)
    v = _offer_values(s, supplier_id, supplier_name, date, unit_price)
    o = Offer(need_id=n.id, reference=(reference or "")[:100], document_name=(document_name or "")[:300],
              document=document, **v)
    s.add(o)
    s.flush()
    _refresh_need_nmck(s, n)
    return o.id


def create_offer(data: dict) -> int:
    """A commercial offer from ``data``: need_id, supplier_id (or supplier_name for one not in the
    list), unit_price, and optionally date (today), reference, document_name, document."""
    require(WRITE)
    with uow() as s:
        return _add_offer(s, data.get("need_id"), data.get("supplier_id"), data.get("supplier_name") or "",
                          data.get("date") or dt.date.today(), data.get("unit_price"), data.get("reference") or "",
                          data.get("document_name") or "", data.get("document"))


def update_offer(offer_id: int, data: dict, *, version: int) -> None:
    """Change fields of an offer: supplier_id, supplier_name, date, unit_price, reference, document_name,
    document."""
    require(WRITE)
    with uow() as s:
        o = get_or_404(s, Offer, offer_id, translate("Procurement", "Запись о коммерческом предложении"))
        require_version(o, version)
        n = _editable_need(s, o.need_id)
        sup_id = data["supplier_id"] if "supplier_id" in data else o.supplier_id
        sup_name = data.get("supplier_name", o.supplier_name if sup_id is None else "")
        v = _offer_values(s, sup_id, sup_name, data.get("date", o.date), data.get("unit_price", o.unit_price))
        for k, val in v.items():
            setattr(o, k, val)
        for k in ("reference", "document_name", "document"):
            if k in data:
                setattr(o, k, data[k])
        s.flush()
        _refresh_need_nmck(s, n)


def delete_offer(offer_id: int, *, version: int | None = None) -> None:
    require(WRITE)
    with uow() as s:
        o = get_or_404(s, Offer, offer_id, translate("Procurement", "Запись о коммерческом предложении"))
        check_version(o, version)
        n = _editable_need(s, o.need_id)
        s.delete(o)
        s.flush()
        _refresh_need_nmck(s, n)


def offer_document(offer_id: int) -> tuple[str, bytes | None]:
    with read() as s:
        o = get_or_404(s, Offer, offer_id, translate("Procurement", "Запись о коммерческом предложении"))
        return o.document_name, o.document
