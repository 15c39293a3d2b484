"""Writing an import's plan in its unit of work: new cards in bulk (Core inserts, the search index
in one pass), stored cards updated field by field, reagent containers matched by lot, one receipt
document for what came in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, insert, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import Cancelled
from chemcluster_desktop.services.inventory.import_plan import Plan, reagent_key, resolve_room
from chemcluster_desktop.services.inventory.numbering import NumberAllocator, _movement_number
from chemcluster_desktop.services.inventory.vocabulary import UNIT_KINDS, is_group
from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.bulk import insert_rows, roomy_cache
from chemcluster_desktop.storage.core import Building, Room
from chemcluster_desktop.storage.inventory import (
    Item,
    Movement,
    MovementLine,
    ReagentContainer,
    Substance,
    item_search_key,
)
from chemcluster_desktop.storage.search import bulk_index_items, fold


def _t(s: str) -> str:
    return translate("Inventory", s)


ITEM_TEXT = ("model", "serial_number", "manufacturer", "country", "responsible", "notes", "account",
             "accounting_number")
CONT_FIELDS = ("lot", "supplier", "received_on", "opened_on", "expires_on", "storage_place")
SUB_FIELDS = ("formula", "ghs_pictograms", "h_statements", "storage_group")


def create_rooms(s, plan: Plan) -> None:
    """The buildings and rooms named in the file (in the import's transaction)."""
    bmap = {fold(n): bid for bid, n in s.execute(select(Building.id, Building.name))}
    for key, (name, bname) in plan.new_rooms.items():
        bid = None
        if bname:
            bid = bmap.get(fold(bname))
            if bid is None:
                b = Building(name=bname)
                s.add(b)
                s.flush()
                bid = bmap[fold(bname)] = b.id
        room = Room(name=name[:100], building_id=bid, kind="laboratory")
        s.add(room)
        s.flush()
        plan.by_name[key] = room.id


def substances(s, rows) -> dict[str, int]:
    """Substances for the reagents: one per CAS number (or name), the stored ones reused. A stored
    substance's data is never wiped: an empty field of the file leaves it, a filled one fills an empty one."""
    subs: dict[str, int] = {}
    reagent_rows = [pr for pr in rows if pr.data["kind"] == "reagent"]
    if not reagent_rows:
        return subs
    stored = {}
    for sub in s.scalars(select(Substance)):
        stored.setdefault(sub.cas_number or fold(sub.name), sub)
    for pr in reagent_rows:
        d = pr.data
        key = d.get("cas_number") or fold(d["name"])
        sub = stored.get(key)
        if sub is None:
            sub = Substance(name=d["name"], cas_number=d.get("cas_number") or None,
                            **{f: d.get(f) or "" for f in SUB_FIELDS})
            s.add(sub)
            s.flush()
            stored[key] = sub
        else:
            for f in SUB_FIELDS:
                if d.get(f) and not getattr(sub, f):
                    setattr(sub, f, d[f])
        subs[key] = sub.id
    return subs


def _room_id(plan: Plan, d: dict) -> int | None:
    r = d.get("room") or ""
    return resolve_room(r, plan.by_name, plan.short) if r else None


def _item_row(d: dict, now, *, number, quantity, room_id, substance_id, accounting_number) -> dict:
    kind = d["kind"]
    cas = d.get("cas_number") or ""
    return {
        "kind": kind, "inventory_number": number, "name": d["name"], "model": d.get("model", ""),
        "serial_number": d.get("serial_number", ""), "manufacturer": d.get("manufacturer", ""),
        "country": d.get("country", ""), "cost": d.get("cost"), "commissioned_on": d.get("commissioned_on"),
        "status": d.get("status") or "in_use", "room_id": room_id, "responsible": d.get("responsible", ""),
        "issued_to": "", "quantity": quantity, "unit": d.get("unit") or ("шт." if kind != "reagent" else "г"),
        "min_quantity": d.get("min_quantity"), "substance_id": substance_id, "notes": d.get("notes", ""),
        "custom_fields": d.get("custom_fields") or None, "account": d.get("account", ""),
        "accounting_number": accounting_number,
        "search_key": item_search_key(d["name"], number, d.get("serial_number", ""), d.get("model", ""), cas),
    }


def _container(d: dict, item_id: int, now) -> dict:
    return {"item_id": item_id, "amount": d["quantity"], "unit": d.get("unit") or "г", "empty": False,
            **{f: d.get(f) if f.endswith("_on") else d.get(f, "") for f in CONT_FIELDS},
            "created_at": now, "updated_at": now, "version": 1}


def write(s, plan: Plan, filename: str, groups: str, cancelled=None) -> tuple[int, int]:
    """Create and update; returns (cards created, cards updated)."""
    with roomy_cache(s.connection()):
        return _write(s, plan, filename, groups, cancelled)


def _write(s, plan: Plan, filename: str, groups: str, cancelled=None) -> tuple[int, int]:
    now = utcnow()
    if plan.new_rooms:
        create_rooms(s, plan)
    subs = substances(s, plan.creates + [pr for pr, _ids in plan.updates])
    alloc = NumberAllocator(s)
    rows: list[dict] = []
    sources: list = []  # the parsed row of each new card
    reagent_item: dict = {}  # reagent key -> index in rows (one item, a container per row)
    pending_conts: list[tuple[int, dict]] = []  # (index in rows, parsed data)
    for pr in plan.creates:
        d = pr.data
        kind, qty = d["kind"], d.get("quantity")
        rid = _room_id(plan, d)
        num = d.get("inventory_number") or None
        if kind == "reagent":
            key = ("n", num) if num else ("k", reagent_key(d))
            if key in reagent_item:
                k = reagent_item[key]
                if qty:
                    pending_conts.append((k, d))
                continue
            sid = subs.get(d.get("cas_number") or fold(d["name"]))
            rows.append(_item_row(d, now, number=num, quantity=Decimal(0), room_id=rid, substance_id=sid,
                                  accounting_number=d.get("accounting_number", "")))
            sources.append(pr)
            reagent_item[key] = len(rows) - 1
            if qty:
                pending_conts.append((len(rows) - 1, d))
            continue
        if qty is None:
            qty = Decimal(1) if kind in UNIT_KINDS else Decimal(0)
        if groups == "split" and is_group(kind, qty):
            # N unit cards, numbers from the pattern; the file's number stays on each as «номер по учёту»
            for _ in range(int(qty)):
                rows.append(_item_row(d, now, number=alloc.next(), quantity=Decimal(1), room_id=rid,
                                      substance_id=None,
                                      accounting_number=num or d.get("accounting_number", "")))
                sources.append(pr)
            continue
        if num is None and kind in UNIT_KINDS:
            num = alloc.next()
        rows.append(_item_row(d, now, number=num, quantity=qty, room_id=rid, substance_id=None,
                              accounting_number=d.get("accounting_number", "")))
        sources.append(pr)
    for r in rows:
        r.update(created_at=now, updated_at=now, version=1)
    ids: list[int] = []
    if rows:
        bulk_index_items(s.connection(), lambda: ids.extend(_insert_with_ids(s, Item.__table__, rows, cancelled)))
    conts = [_container(d, ids[k], now) for k, d in pending_conts]
    for k, d in pending_conts:
        rows[k]["quantity"] += d["quantity"]
    if conts:
        insert_rows(s.connection(), ReagentContainer.__table__, conts)
        for k in {k for k, _d in pending_conts}:
            s.execute(Item.__table__.update().where(Item.__table__.c.id == ids[k])
                      .values(quantity=rows[k]["quantity"], unit=rows[k]["unit"]))
    receipt = [(iid, r["quantity"]) for iid, r in zip(ids, rows, strict=True)]
    updated = _updates(s, plan, subs, receipt)
    if receipt:
        today = dt.date.today()
        mv = s.execute(insert(Movement.__table__).returning(Movement.__table__.c.id), [{
            "kind": "receipt", "number": _movement_number(s, "receipt", today), "date": today,
            "from_room_id": None, "to_room_id": None, "person": "",
            "reason": _t("Импорт из Excel «{0}»").format(filename)[:1000], "created_by": context.actor().login,
            "created_at": now, "updated_at": now}]).scalar_one()
        insert_rows(s.connection(), MovementLine.__table__,
                    [{"movement_id": mv, "item_id": iid, "quantity": q} for iid, q in receipt])
    if ids:
        audit.record_created(s, "inventory", "Item", list(zip(ids, rows, strict=True)))
    return len(ids), updated


def _load_items(s, ids) -> dict[int, Item]:
    """The stored cards an import updates, in one query per 500 (not one ``get`` each)."""
    ids = sorted(set(ids))
    out: dict[int, Item] = {}
    for k in range(0, len(ids), 500):
        out.update((it.id, it) for it in s.scalars(select(Item).where(Item.id.in_(ids[k:k + 500]))))
    return out


def _load_containers(s, item_ids) -> dict[tuple[int, str], ReagentContainer]:
    """The open containers of the reagent cards an import updates, by (card, lot): the first of a lot."""
    ids = sorted(set(item_ids))
    out: dict[tuple[int, str], ReagentContainer] = {}
    for k in range(0, len(ids), 500):
        q = (select(ReagentContainer).where(ReagentContainer.item_id.in_(ids[k:k + 500]),
                                            ReagentContainer.empty.is_(False)).order_by(ReagentContainer.id))
        for c in s.scalars(q):
            out.setdefault((c.item_id, c.lot or ""), c)
    return out


def _update_item(s, plan: Plan, subs: dict, item: Item, d: dict, ids: list[int], moves: tuple[list, list],
                 conts: dict) -> None:
    """One stored card takes the file's values (``d``) for the columns the file has; ``moves`` collects
    (receipt lines, write-off lines) for a changed count."""
    for f in ITEM_TEXT:
        if f in d and not (f == "accounting_number" and len(ids) > 1):
            setattr(item, f, d[f] or "")
    for f in ("cost", "commissioned_on", "min_quantity", "unit", "status", "custom_fields"):
        if f in d and d[f] is not None:
            setattr(item, f, d[f])
    if d.get("room"):
        item.room_id = _room_id(plan, d)
    item.name = d["name"]
    if item.kind == "reagent":
        if d.get("cas_number") or d["name"]:
            sid = subs.get(d.get("cas_number") or fold(d["name"]))
            if sid is not None and item.substance_id is None:
                item.substance_id = sid
        if d.get("quantity"):
            _container_update(s, item, d, conts)
    elif "quantity" in d and d["quantity"] is not None and len(ids) == 1:
        diff = d["quantity"] - item.quantity
        if diff > 0:
            moves[0].append((item.id, diff))
        elif diff < 0:
            moves[1].append((item.id, -diff))
        item.quantity = d["quantity"]
    item.search_key = item_search_key(item.name, item.inventory_number, item.serial_number, item.model,
                                      d.get("cas_number") or "")


def _updates(s, plan: Plan, subs: dict, receipt: list) -> int:
    """Stored cards take the file's values for the columns it has; a reagent's containers are matched by
    lot (a new lot is a new container). A larger count comes in with the import's receipt, a smaller one
    goes out with a write-off «по импорту» — never a silent change of the count.

    The cards (and a reagent's open containers) are loaded together and changed without autoflush, then
    flushed once: one UPDATE per changed card and, from the journal's flush hook, one «update» entry per
    changed card or container with its old and new values. (A flush per row — each ``get`` autoflushed
    the card before — cost a query, a flush and a journal insert per row: ~0.5 s for 330 cards.)"""
    if not plan.updates:
        return 0
    items = _load_items(s, [i for _pr, ids in plan.updates for i in ids])
    reagents = sorted(i for i, it in items.items() if it.kind == "reagent")
    conts = _load_containers(s, reagents) if reagents else {}
    out_lines: list[tuple[int, Decimal]] = []
    with s.no_autoflush:
        for pr, ids in plan.updates:
            for iid in ids:
                _update_item(s, plan, subs, items[iid], pr.data, ids, (receipt, out_lines), conts)
    s.flush()
    if reagents:
        totals = dict.fromkeys(reagents, Decimal(0))
        for k in range(0, len(reagents), 500):
            q = (select(ReagentContainer.item_id, func.coalesce(func.sum(ReagentContainer.amount), 0))
                 .where(ReagentContainer.item_id.in_(reagents[k:k + 500]), ReagentContainer.empty.is_(False))
                 .group_by(ReagentContainer.item_id))
            totals.update((iid, Decimal(total)) for iid, total in s.execute(q))
        for iid in reagents:
            items[iid].quantity = totals[iid]
    if out_lines:
        on = dt.date.today()
        mv = Movement(kind="write_off", number=_movement_number(s, "write_off", on), date=on,
                      reason=_t("Корректировка остатка по импорту из Excel"), created_by=context.actor().login)
        for iid, q in out_lines:
            mv.lines.append(MovementLine(item_id=iid, quantity=q))
        s.add(mv)
        s.flush()
    return len(items)


def _container_update(s, item: Item, d: dict, conts: dict) -> None:
    lot = d.get("lot") or ""
    c = conts.get((item.id, lot))
    if c is None:
        c = ReagentContainer(item_id=item.id, amount=d["quantity"], unit=d.get("unit") or item.unit,
                             **{f: d.get(f) if f.endswith("_on") else d.get(f, "") for f in CONT_FIELDS})
        s.add(c)
        conts[(item.id, lot)] = c
        return
    c.amount = d["quantity"]
    if d.get("unit"):
        c.unit = d["unit"]
    for f in CONT_FIELDS:
        if f in d and d[f] not in (None, ""):
            setattr(c, f, d[f])


def _insert_with_ids(s, t, rows: list[dict], cancelled=None) -> list[int]:
    """Bulk insert returning the new ids in order. On SQLite (whose RETURNING cannot promise the
    order of a multi-row insert, so SQLAlchemy would fall back to one statement per row) the ids are
    allocated up front: the unit of work holds the write lock, so nobody else inserts meanwhile."""
    if s.get_bind().dialect.name == "sqlite":
        start = (s.scalar(select(func.max(t.c.id))) or 0) + 1
        ids = list(range(start, start + len(rows)))
        for i, r in zip(ids, rows, strict=True):
            r["id"] = i
        for k in range(0, len(rows), 5000):
            if cancelled is not None and cancelled():
                raise Cancelled()
            insert_rows(s.connection(), t, rows[k:k + 5000])
        return ids
    ids = []
    for k in range(0, len(rows), 2000):
        if cancelled is not None and cancelled():
            raise Cancelled()
        res = s.execute(insert(t).returning(t.c.id, sort_by_parameter_order=True), rows[k:k + 2000])
        ids.extend(r[0] for r in res)
    return ids
