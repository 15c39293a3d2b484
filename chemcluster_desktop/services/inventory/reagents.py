"""Reagents: the substance behind a reagent card (CAS, formula, hazards, storage group) and its
containers (тара) with lots, dates, storage places and expiry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory._common import _date_not_future, _t
from chemcluster_desktop.services.inventory.validation import (
    clean_cas,
    clean_ghs,
    clean_h_statements,
    to_decimal,
)
from chemcluster_desktop.services.inventory.vocabulary import EXPIRY_WARN_DAYS, STORAGE_GROUPS
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.inventory import Item, ReagentContainer, Substance

SUBSTANCE_FIELDS = ("cas_number", "formula", "ghs_pictograms", "h_statements", "storage_group")


# --- the substance -----------------------------------------------------------------------------------------
def clean_substance(data: dict, bad) -> dict:
    """A reagent card's substance fields, cleaned; each bad one is reported through ``bad(field, message)``."""
    out: dict[str, Any] = {}
    for f, clean in (("cas_number", clean_cas), ("ghs_pictograms", clean_ghs),
                     ("h_statements", clean_h_statements)):
        try:
            out[f] = clean(data.get(f))
        except ValidationError as e:
            bad(f, e.message)
    out["formula"] = str(data.get("formula") or "").strip()[:100]
    g = data.get("storage_group") or ""
    if g not in STORAGE_GROUPS:
        bad("storage_group", _t("Неизвестная группа хранения «{0}».").format(g))
    out["storage_group"] = g
    return out


def _substance_for(s, data: dict, existing: Substance | None = None) -> Substance:
    """The substance a reagent card is saved with.

    A substance is shared by every card with its CAS number, so its data changes only where the person
    edited it: when the card comes to a substance it did not show (a new card, or a CAS number changed
    to a known one), empty fields of the card leave the stored data as it is (no silent loss); the
    card's own substance takes the card's fields as they were edited."""
    cas = data.get("cas_number")
    sub = existing
    own = existing is not None
    if cas and (sub is None or (sub.cas_number or None) != cas):
        known = s.scalar(select(Substance).where(Substance.cas_number == cas).limit(1))
        if known is not None:
            sub, own = known, False
    if sub is None:
        sub = Substance(name=data["name"])
        s.add(sub)
        own = True
    if own or not sub.name:
        sub.name = data["name"]
    sub.cas_number = cas if (own or cas) else sub.cas_number
    for f in ("formula", "ghs_pictograms", "h_statements", "storage_group"):
        v = data.get(f, "") or ""
        if own or v:
            setattr(sub, f, v)
    return sub


def substance_by_cas(cas: str) -> dict | None:
    """The stored data of the substance with this CAS number (a new card offers it), or None."""
    try:
        c = clean_cas(cas)
    except ValidationError:
        return None
    if not c:
        return None
    with context.read() as s:
        sub = s.scalar(select(Substance).where(Substance.cas_number == c).order_by(Substance.id).limit(1))
        if sub is None:
            return None
        users = s.scalar(select(func.count(Item.id)).where(Item.substance_id == sub.id)) or 0
        return {"id": sub.id, "name": sub.name, "cas_number": sub.cas_number, "formula": sub.formula,
                "ghs_pictograms": sub.ghs_pictograms, "h_statements": sub.h_statements,
                "storage_group": sub.storage_group, "cards": int(users)}


# --- containers ----------------------------------------------------------------------------------------------
def clean_container(c: dict, *, row: int | None = None) -> dict:
    out: dict[str, Any] = {}
    out["amount"] = to_decimal(c.get("amount"), "amount", _t("Количество в таре"), row=row, allow_none=False)
    out["unit"] = str(c.get("unit") or "г").strip()[:20]
    for f, lim in (("lot", 64), ("supplier", 200), ("storage_place", 100)):
        out[f] = str(c.get(f) or "").strip()[:lim]
    labels = {"received_on": _t("Дата получения"), "opened_on": _t("Дата вскрытия"),
              "expires_on": _t("Срок годности")}
    for f in ("received_on", "opened_on", "expires_on"):
        v = c.get(f)
        if isinstance(v, str):
            try:
                from chemcluster_desktop.xlsx.common import parse_date  # not on the start-up path

                v = parse_date(v)
            except ValueError as e:
                raise ValidationError(_t("«{0}»: «{1}» — не дата (нужен вид 26.11.2026).").format(labels[f], v),
                                      field=f, row=row) from e
        out[f] = v
    _date_not_future(out["received_on"], "received_on", labels["received_on"], row)
    _date_not_future(out["opened_on"], "opened_on", labels["opened_on"], row)
    if out["opened_on"] and out["received_on"] and out["opened_on"] < out["received_on"]:
        raise ValidationError(_t("Тару нельзя вскрыть раньше, чем её получили."), field="opened_on", row=row)
    out["empty"] = bool(c.get("empty", False))
    return out


def expiry_state(expires_on: dt.date | None, today: dt.date | None = None) -> str:
    if expires_on is None:
        return ""
    today = today or dt.date.today()
    if expires_on < today:
        return "expired"
    if expires_on <= today + dt.timedelta(days=EXPIRY_WARN_DAYS):
        return "expiring"
    return "ok"


def container_dict(c: ReagentContainer) -> dict:
    return {"id": c.id, "item_id": c.item_id, "amount": c.amount, "unit": c.unit, "lot": c.lot,
            "supplier": c.supplier, "received_on": c.received_on, "opened_on": c.opened_on,
            "expires_on": c.expires_on, "storage_place": c.storage_place, "empty": c.empty,
            "version": c.version, "expiry": "" if c.empty else expiry_state(c.expires_on)}


def _recount_reagent(s, item_id: int) -> None:
    total = Decimal(0)
    for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id == item_id,
                                                      ReagentContainer.empty.is_(False))):
        total += c.amount
    item = s.get(Item, item_id)
    item.quantity = total


def _sync_containers(s, item_id: int, conts: list[dict]) -> None:
    """Make the stored containers of a reagent what the card shows: dicts with ``id`` are updated,
    without ``id`` added, stored ones missing from the list deleted; then the quantity is recounted."""
    stored = {c.id: c for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id == item_id))}
    keep = set()
    for cc in conts:
        cid, ver = cc.pop("id", None), cc.pop("version", None)
        if cid and cid in stored:
            rc = stored[cid]
            check_version(rc, ver)
            for k, v in cc.items():
                setattr(rc, k, v)
            keep.add(cid)
        else:
            s.add(ReagentContainer(item_id=item_id, **cc))
    for cid, rc in stored.items():
        if cid not in keep:
            s.delete(rc)
    s.flush()
    _recount_reagent(s, item_id)


def add_container(item_id: int, data: dict) -> int:
    require("inventory.write")
    c = clean_container(data)
    with context.uow() as s:
        item = s.get(Item, item_id)
        if item is None or item.kind != "reagent":
            raise ValidationError(_t("Тару можно добавить только к реактиву."))
        rc = ReagentContainer(item_id=item_id, **c)
        s.add(rc)
        s.flush()
        _recount_reagent(s, item_id)
        return rc.id


def update_container(container_id: int, data: dict, *, version: int) -> None:
    require("inventory.write")
    c = clean_container(data)
    with context.uow() as s:
        rc = get_or_404(s, ReagentContainer, container_id, _t("Тара"),
                        named=_t("партия {0}").format(c["lot"]) if c.get("lot") else None)
        require_version(rc, version)
        for k, v in c.items():
            setattr(rc, k, v)
        s.flush()
        _recount_reagent(s, rc.item_id)


def delete_container(container_id: int, *, version: int | None = None) -> None:
    require("inventory.write")
    with context.uow() as s:
        rc = get_or_404(s, ReagentContainer, container_id, _t("Тара"))
        check_version(rc, version)
        item_id = rc.item_id
        s.delete(rc)
        s.flush()
        _recount_reagent(s, item_id)
