"""The data of the stock-taking forms, read in SQL and handed to ``reports/`` as plain rows: the
inventory lists (ф. 0510466) of a stock-taking or of the records, one per МОЛ and account; the
decision (ф. 0510439), the discrepancy list (ф. 0504092) and the act (ф. 0510463) build on them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory import decisions
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.services.inventory.form_codes import (
    account_of,
    account_title,
    okei,
    status_and_function,
    verification_due,
)
from chemcluster_desktop.services.inventory.surplus import unit_value
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item, ReagentContainer

UNIT_KINDS = ("equipment", "furniture")


def _t(s: str) -> str:
    return translate("Forms", s)


def item_facts(ids: list[int], on: dt.date) -> dict[int, dict]:
    """Per item: its account (from the card when it has one), an expired verification, expired stock."""
    out: dict[int, dict] = {}
    if not ids:
        return out
    with context.read() as s:
        acc_col = getattr(Item, "account", None)  # the card's accounting account (issue 12), when present
        cols = [Item.id, Item.measuring, Item.verified_on, Item.verification_months]
        if acc_col is not None:
            cols.append(acc_col)
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            for r in s.execute(select(*cols).where(Item.id.in_(part))):
                due = verification_due(r[2], r[3]) if r[1] else None
                out[r[0]] = {"verification_expired": bool(r[1]) and (due is None or due < on),
                             "account": r[4] if acc_col is not None else None, "expired_stock": False}
            for iid in s.scalars(select(ReagentContainer.item_id).distinct()
                                 .where(ReagentContainer.item_id.in_(part), ReagentContainer.empty.is_(False),
                                        ReagentContainer.expires_on < on)):
                out.setdefault(iid, {})["expired_stock"] = True
    return out


def basis_of(dec: dict | None) -> str:
    if dec is None:
        return ""
    return _t("Решение о проведении инвентаризации (ф. 0510439) от {0:%d.%m.%Y} № {1}; {2}").format(
        dec["date"], dec["number"], dec["reason"])


def commission_signers(dec: dict | None) -> list[tuple[str, str, str]]:
    """(role, position, name): the chair first, then the members; blank lines without a decision."""
    if dec is None:
        return [(_t("Председатель комиссии"), "", ""), (_t("Члены комиссии"), "", ""), ("", "", "")]
    out = []
    members = [m for m in dec["members"] if m["role"] != "chair"]
    for m in dec["members"]:
        if m["role"] == "chair":
            out.append((_t("Председатель комиссии"), m["position"], m["name"]))
    for i, m in enumerate(members):
        out.append((_t("Члены комиссии") if i == 0 else "", m["position"], m["name"]))
    return out


def _named(name: str, serial: str | None) -> str:
    """The object's name with its serial number, as the list identifies a unit."""
    return _t("{0}, зав. № {1}").format(name, serial) if serial else name


def _line_row(name, number, kind, item_status, unit, price, book, actual, facts, present=True) -> dict:
    status, function = status_and_function(kind, item_status, present=present,
                                           verification_expired=facts.get("verification_expired", False),
                                           expired_stock=facts.get("expired_stock", False))
    return {"name": name, "number": number, "status": status, "function": function, "unit": unit,
            "okei": okei(unit), "price": price, "book_quantity": book, "actual_quantity": actual}


def stocktaking_lists(st_id: int) -> dict:
    """The lists of one stock-taking, one per (МОЛ, account), and its header data."""
    d = st_service.get(st_id)
    dec = decisions.get_decision(d["decision_id"]) if d.get("decision_id") else None
    on = d["started_on"]
    facts = item_facts([ln["item_id"] for ln in d["lines"] if ln["item_id"]], on)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for ln in d["lines"]:
        f = facts.get(ln["item_id"], {}) if ln["item_id"] else {}
        kind = ln["kind"] or ("equipment" if ln["found"] == 1 else "consumable")
        price = unit_value(ln)
        mol = ln["item_responsible"] or d["responsible"]
        if ln["state"] == "elsewhere" or not ln["item_id"]:
            mol = d["responsible"]  # found in this room: it is counted with this room's МОЛ
        acc = account_of(kind, price, f.get("account"))
        groups[(mol, acc)].append(_line_row(_named(ln["name"], ln["serial_number"]), ln["inventory_number"], kind, ln["item_status"], ln["unit"],
                                            price, ln["expected"], ln["found"], f,
                                            present=ln["found"] > 0 or ln["expected"] == 0))
    return {"stocktaking": d, "decision": dec, "groups": groups, "counted": True,
            "rooms": d["room"], "starts_on": dec["starts_on"] if dec else d["started_on"],
            "ends_on": dec["ends_on"] if dec else (d["closed_at"].date() if d["closed_at"] else None)}


def records_lists(items: list[dict], on: dt.date | None = None) -> dict:
    """Blank lists of the records (the commission fills in the actual columns by hand); an item without
    its own МОЛ is the room's МОЛ's."""
    from chemcluster_desktop.services.inventory.room_lookup import rooms as all_rooms

    room_mol = {r["name"]: r["responsible"] for r in all_rooms()}
    on = on or dt.date.today()
    facts = item_facts([it["id"] for it in items], on)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    rooms = set()
    for it in items:
        f = facts.get(it["id"], {})
        acc = account_of(it["kind"], it["cost"], f.get("account"))
        mol = it.get("responsible") or room_mol.get(it.get("room") or "", "") or ""
        rooms.add(it.get("room") or "")
        groups[(mol, acc)].append(_line_row(_named(it["name"], it.get("serial_number")), it["inventory_number"] or "",
                                            it["kind"], it["status"],
                                            it["unit"], it["cost"], Decimal(it["quantity"]), None, f))
    return {"stocktaking": None, "decision": None, "groups": groups, "counted": False,
            "rooms": ", ".join(sorted(r for r in rooms if r)), "starts_on": None, "ends_on": None}


def list_number(base: str, k: int, total: int) -> str:
    return base if total == 1 else f"{base}/{k}"


def account_label(code: str) -> str:
    return f"{code} — {account_title(code)}"


def need_decision(d: dict) -> dict:
    """The stock-taking's decision, or a clear refusal (old counts started before decisions existed)."""
    if not d.get("decision_id"):
        raise ValidationError(_t("Инвентаризация {0} начата без решения о проведении (ф. 0510439): для неё эту "
                                 "форму не составить. Оформите решение и проведите инвентаризацию по нему.")
                              .format(d["number"]), field="stocktaking")
    return decisions.get_decision(d["decision_id"])


def rooms_of(ids: list[int]) -> list[str]:
    with context.read() as s:
        return list(s.scalars(select(Room.name).where(Room.id.in_(ids)).order_by(Room.name)))
