"""НМЦК of a need from its commercial offers (the calculation itself is nmck_calc)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read
from chemcluster_desktop.services.procurement._common import FROZEN, parse_money, parse_quantity
from chemcluster_desktop.services.procurement.nmck_calc import NmckResult, PricePoint, as_json, compute
from chemcluster_desktop.storage.procurement import Need


def _compute_for(n: Need) -> NmckResult:
    offers = sorted(n.offers, key=lambda o: (o.date, o.id))
    pts = [PricePoint(o.id, o.supplier.name if o.supplier else o.supplier_name, o.date, o.unit_price) for o in offers]
    return compute(n.quantity, pts)


def _refresh_need_nmck(s: Session, n: Need) -> NmckResult:
    s.flush()
    s.refresh(n, ["offers"])
    r = _compute_for(n)
    if n.status not in FROZEN:
        n.nmck = r.nmck if r.valid else None
    return r


def nmck_details(need_id: int) -> NmckResult:
    with read() as s:
        return _compute_for(get_or_404(s, Need, need_id, translate("Procurement", "Потребность")))


def nmck(need_id: int) -> dict:
    """``{"need", "quantity", "prices", "mean", "cv_percent", "nmck", "valid"}`` (money as strings)."""
    return as_json(need_id, nmck_details(need_id))


def nmck_preview(quantity, prices: list) -> NmckResult:
    """The calculation for prices typed but not saved yet (the GUI's live summary)."""
    pts = [PricePoint(None, str(i + 1), None, parse_money(p, "unit_price", translate("Procurement", "Цена за единицу"), row=i + 1))
           for i, p in enumerate(prices)]
    return compute(parse_quantity(quantity), pts)
