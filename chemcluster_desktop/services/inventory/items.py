"""Items (cards) of the four kinds: validation, create / update / delete, the card as a dict, lookup
by a scanned code, and bulk creation inside another service's unit of work."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.inventory._common import _check_room, _chunks, _date_not_future, _t
from chemcluster_desktop.services.inventory.movements import item_history
from chemcluster_desktop.services.inventory.numbering import NumberAllocator, _movement_number
from chemcluster_desktop.services.inventory.reagents import (
    SUBSTANCE_FIELDS,
    _substance_for,
    _sync_containers,
    clean_container,
    clean_substance,
    container_dict,
)
from chemcluster_desktop.services.inventory.upkeep import FIELDS as UPKEEP_FIELDS
from chemcluster_desktop.services.inventory.upkeep import clean_upkeep
from chemcluster_desktop.services.inventory.validation import to_decimal
from chemcluster_desktop.services.inventory.vocabulary import UNIT_KINDS, is_group, kind_label, status_label
from chemcluster_desktop.services.security import can, require
from chemcluster_desktop.storage.inventory import (
    ITEM_KINDS,
    ITEM_STATUSES,
    Item,
    Movement,
    MovementLine,
    ReagentContainer,
    StocktakingLine,
)

ITEM_FIELDS = ("kind", "inventory_number", "name", "model", "serial_number", "manufacturer", "country", "cost",
               "commissioned_on", "status", "room_id", "responsible", "quantity", "unit", "min_quantity", "notes",
               "custom_fields", "issued_to", "account", "accounting_number", *UPKEEP_FIELDS)


# --- validation ----------------------------------------------------------------------------------------------
def clean_item(data: dict, *, row: int | None = None, partial: bool = False) -> dict:
    """Validate a card's fields; raise ValidationError naming the first bad field (all in ``errors``)."""
    out: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []

    def bad(field: str, msg: str) -> None:
        errors.append((field, msg))

    kind = data.get("kind", "equipment")
    if kind not in ITEM_KINDS:
        bad("kind", _t("Неизвестный вид позиции «{0}».").format(kind))
    out["kind"] = kind
    name = str(data.get("name") or "").strip()
    if not name:
        bad("name", _t("Укажите наименование."))
    elif len(name) > 300:
        bad("name", _t("Наименование длиннее 300 знаков."))
    out["name"] = name
    inv = str(data.get("inventory_number") or "").strip() or None
    if inv is not None and len(inv) > 64:
        bad("inventory_number", _t("Инвентарный номер длиннее 64 знаков."))
    out["inventory_number"] = inv
    for f, lim in (("model", 200), ("serial_number", 100), ("manufacturer", 200), ("country", 100),
                   ("responsible", 200), ("unit", 20), ("issued_to", 200), ("account", 32),
                   ("accounting_number", 64)):
        if f in ("account", "accounting_number") and f not in data:
            continue  # a form without the accounting fields leaves them as they are
        v = str(data.get(f) or "").strip()
        if len(v) > lim:
            bad(f, _t("Значение длиннее {0} знаков.").format(lim))
        out[f] = v
    out["unit"] = out["unit"] or ("шт." if kind in UNIT_KINDS else "шт.")
    out["notes"] = str(data.get("notes") or "")
    status = data.get("status") or "in_use"
    if status not in ITEM_STATUSES:
        bad("status", _t("Неизвестное состояние «{0}».").format(status))
    out["status"] = status
    _clean_amounts(data, kind, out, bad, errors)
    out["commissioned_on"] = _clean_commissioned_on(data.get("commissioned_on"), bad)
    rid = data.get("room_id")
    out["room_id"] = int(rid) if rid not in (None, "") else None
    cf = data.get("custom_fields")
    out["custom_fields"] = {str(k).strip(): v for k, v in cf.items() if str(k).strip()} if cf else None
    if kind == "reagent":
        out.update(clean_substance(data, bad))
    out.update(clean_upkeep(data, bad))  # verification / maintenance (issue 13)
    if errors:
        f, msg = errors[0]
        raise ValidationError(msg, field=f, row=row, errors=errors)
    return out


def _clean_amounts(data: dict, kind: str, out: dict, bad, errors: list) -> None:
    for f, label, allow_none in (("cost", _t("Стоимость"), True), ("quantity", _t("Количество"), False),
                                 ("min_quantity", _t("Минимальный остаток"), True)):
        v = data.get(f)
        if f == "quantity" and (v is None or v == ""):
            v = 1 if kind in UNIT_KINDS else 0
        try:
            out[f] = to_decimal(v, f, label, allow_none=allow_none)
        except ValidationError as e:
            bad(f, e.message)
    q = out.get("quantity")
    if kind in UNIT_KINDS and q is not None and not errors and (q < 1 or q != q.to_integral_value()):
        # one unit, or a group of N identical units under one inventory number
        bad("quantity", _t("Оборудование и мебель учитываются в штуках: количество — целое число от 1 "
                           "(больше 1 — группа одинаковых предметов под одним номером)."))


def _clean_commissioned_on(d: Any, bad) -> dt.date | None:
    if isinstance(d, str):
        try:
            from chemcluster_desktop.xlsx.common import parse_date  # not on the start-up path

            d = parse_date(d)
        except ValueError:
            bad("commissioned_on", _t("Дата ввода в эксплуатацию «{0}» не распознана: нужен вид 26.11.2026.")
                .format(d))
            d = None
    try:
        _date_not_future(d, "commissioned_on", _t("Дата ввода в эксплуатацию"))
    except ValidationError as e:
        bad("commissioned_on", e.message)
    return d


def _check_unique_number(s, number: str | None, exclude_id: int | None = None) -> None:
    if not number:
        return
    stmt = select(Item.id).where(Item.inventory_number == number)
    if exclude_id is not None:
        stmt = stmt.where(Item.id != exclude_id)
    if s.scalar(stmt) is not None:
        raise DuplicateError(_t("Инвентарный номер «{0}» уже есть у другой позиции. Укажите другой номер или "
                                "оставьте поле пустым — номер будет присвоен автоматически.").format(number),
                             field="inventory_number")


def _apply(item: Item, data: dict) -> None:
    for f in ITEM_FIELDS:
        if f in data:
            setattr(item, f, data[f])


# --- create / update / delete --------------------------------------------------------------------------------
def create_item(data: dict, containers: list[dict] | None = None, *, receipt_date: dt.date | None = None) -> int:
    """Create one item (card dialog); writes its receipt movement; returns the id."""
    require("inventory.write")
    clean = clean_item(data)
    conts = [clean_container(c) for c in containers or []]
    with context.uow() as s:
        _check_room(s, clean["room_id"])
        if clean["inventory_number"] is None and clean["kind"] in UNIT_KINDS:
            clean["inventory_number"] = NumberAllocator(s).next()
        _check_unique_number(s, clean["inventory_number"])
        item = Item()
        _apply(item, clean)
        if clean["kind"] == "reagent":
            item.substance = _substance_for(s, clean)
            if conts:
                item.quantity = sum((c["amount"] for c in conts), Decimal(0))
                item.unit = conts[0]["unit"]
        s.add(item)
        s.flush()
        for c in conts:
            s.add(ReagentContainer(item_id=item.id, **c))
        on = receipt_date or dt.date.today()
        mv = Movement(kind="receipt", number=_movement_number(s, "receipt", on), date=on,
                      to_room_id=item.room_id, reason=_t("Постановка на учёт"), created_by=context.actor().login)
        mv.lines.append(MovementLine(item_id=item.id, quantity=item.quantity))
        s.add(mv)
        s.flush()
        return item.id


def update_item(item_id: int, data: dict, *, version: int, containers: list[dict] | None = None) -> None:
    """Save the card. ``version`` is the one the form loaded: another editor's save in between is refused
    (``None`` only where no form was loaded, e.g. a script).

    ``containers`` (reagents), when given, is the whole list as the card shows it: dicts with ``id`` are
    updated, without ``id`` added, and stored ones missing from the list deleted — in the same transaction."""
    require("inventory.write")
    clean = clean_item(data)
    conts = None
    if containers is not None:
        conts = []
        for i, c in enumerate(containers, 1):
            cc = clean_container(c, row=i)
            cc["id"] = c.get("id")
            cc["version"] = c.get("version")
            conts.append(cc)
    with context.uow() as s:
        item = get_or_404(s, Item, item_id, _t("Позиция"), named=clean.get("inventory_number") or clean.get("name"))
        require_version(item, version)
        _check_room(s, clean["room_id"])
        if clean["inventory_number"] is None and clean["kind"] in UNIT_KINDS:
            clean["inventory_number"] = item.inventory_number or NumberAllocator(s).next()
        _check_unique_number(s, clean["inventory_number"], exclude_id=item_id)
        _check_change(s, item, clean)
        qty_before = item.quantity
        if item.kind == "reagent" and s.scalar(select(func.count(ReagentContainer.id))
                                               .where(ReagentContainer.item_id == item_id)):
            clean.pop("quantity", None)  # the containers define the amount
        _apply(item, clean)
        if clean["kind"] == "reagent":
            item.substance = _substance_for(s, clean, item.substance)
            if conts is not None:
                _sync_containers(s, item_id, conts)
        elif item.quantity != qty_before and (item.kind == "consumable" or is_group(item.kind, qty_before)
                                              or is_group(item.kind, item.quantity)):
            # a corrected count is a receipt or a write-off in the history, never a silent change
            diff = item.quantity - qty_before
            on = dt.date.today()
            kind = "receipt" if diff > 0 else "write_off"
            mv = Movement(kind=kind, number=_movement_number(s, kind, on), date=on, to_room_id=item.room_id,
                          reason=_t("Корректировка остатка в карточке"), created_by=context.actor().login)
            mv.lines.append(MovementLine(item_id=item.id, quantity=abs(diff)))
            s.add(mv)
        s.flush()


def _check_change(s, item: Item, clean: dict) -> None:
    """What a card's save may not do: revive or write off an item, change the kind of a reagent with containers."""
    if item.status == "written_off" and clean["status"] != "written_off":
        raise ValidationError(_t("Позиция списана; вернуть её в работу можно только новой постановкой на учёт."),
                              field="status")
    if clean["status"] == "written_off" and item.status != "written_off":
        raise ValidationError(_t("Чтобы списать позицию, оформите документ «Списание» с причиной."),
                              field="status")
    if item.kind != clean["kind"] and s.scalar(select(func.count(ReagentContainer.id))
                                               .where(ReagentContainer.item_id == item.id)):
        raise ValidationError(_t("У позиции есть тары реактива: вид изменить нельзя."), field="kind")


def delete_item(item_id: int, *, version: int | None = None) -> None:
    """Delete an item entered by mistake. Items that have a history beyond their receipt must be
    written off instead (the history stays). ``version``, when given, is the one the list showed.

    The card's own files go with it in the same unit of work, each journaled with its name, size and
    SHA-256: a card that may be deleted never entered any document, so its files prove nothing left on
    record, and a file kept for a card that no longer exists could never be seen or removed again (a
    substance's files stay with the substance)."""
    require("inventory.write")
    with context.uow() as s:
        item = get_or_404(s, Item, item_id, _t("Позиция"))
        check_version(item, version)
        kinds = {k for (k,) in s.execute(select(Movement.kind).join(MovementLine)
                                         .where(MovementLine.item_id == item_id))}
        st = s.scalar(select(func.count(StocktakingLine.id)).where(StocktakingLine.item_id == item_id))
        if kinds - {"receipt"} or st:
            raise ValidationError(_t("У позиции «{0}» уже есть движения или инвентаризации: удалить её нельзя, "
                                     "оформите списание.").format(item.name))
        mv_ids = [m for (m,) in s.execute(select(MovementLine.movement_id).where(MovementLine.item_id == item_id))]
        for line in s.scalars(select(MovementLine).where(MovementLine.item_id == item_id)):
            s.delete(line)
        for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id == item_id)):
            s.delete(c)
        # the attachments' models load only when something is deleted, not at start-up
        from chemcluster_desktop.services.inventory.attachments import delete_owned_in_session

        delete_owned_in_session(s, "item", item_id, item.name)
        s.flush()
        for mid in mv_ids:
            mv = s.get(Movement, mid)
            if mv is not None and not s.scalar(select(func.count(MovementLine.id))
                                               .where(MovementLine.movement_id == mid)):
                s.delete(mv)
        s.delete(item)


# --- the card and lookup -------------------------------------------------------------------------------------
def _item_dict(s, item: Item) -> dict:
    d = {f: getattr(item, f) for f in ITEM_FIELDS}
    d.update(id=item.id, version=item.version, room=item.room.name if item.room else "",
             kind_label=kind_label(item.kind), status_label=status_label(item.status),
             is_group=is_group(item.kind, item.quantity))
    sub = item.substance
    for f in SUBSTANCE_FIELDS:
        d[f] = getattr(sub, f) if sub is not None else ("" if f != "cas_number" else None)
    d["substance_id"] = item.substance_id
    d["custom_fields"] = dict(item.custom_fields or {})
    return d


def get_item(item_id: int) -> dict:
    """The card: fields, substance, containers and history."""
    with context.read() as s:
        item = get_or_404(s, Item, item_id, _t("Позиция"))
        d = _item_dict(s, item)
        d["containers"] = [container_dict(c) for c in s.scalars(
            select(ReagentContainer).where(ReagentContainer.item_id == item_id).order_by(ReagentContainer.id))]
    d["history"] = item_history(item_id)
    return d


def find_by_code(code: str) -> int | None:
    """An item by its inventory number, or by a scanned label text that starts with it."""
    text = (code or "").strip()
    if not text:
        return None
    with context.read() as s:
        iid = s.scalar(select(Item.id).where(Item.inventory_number == text))
        if iid is not None:
            return iid
        first = re.split(r"[\s|;]+", text, maxsplit=1)[0]
        if first != text:
            iid = s.scalar(select(Item.id).where(Item.inventory_number == first))
            if iid is not None:
                return iid
        # the longest inventory number the text starts with (label payload «ХП-2026-000123 Весы…»)
        cands = s.execute(select(Item.id, Item.inventory_number)
                          .where(Item.inventory_number.is_not(None),
                                 Item.inventory_number <= text,
                                 Item.inventory_number >= text[:3])
                          .order_by(Item.inventory_number.desc()).limit(20)).all()
        for iid, num in cands:
            if text.startswith(num):
                return iid
    return None


# --- bulk creation inside another service's unit of work (procurement's delivery acceptance) ---------------
def add_items_in_session(session, specs: list[dict], *, document: str = "", on: dt.date | None = None) -> list[int]:
    """Create items inside the caller's transaction; returns their ids (in the order of ``specs``).

    Each spec is a card dict (``kind``, ``name``, ``cost``, ``room_id``, ``quantity``…); equipment and
    furniture without an ``inventory_number`` get one from the pattern. One receipt movement is
    written for all of them (``document`` goes to its reason).

    Accepting a delivery is the procurement officer's job, so the right to write procurement is enough
    here: the items arrive from the delivery, not typed in by hand."""
    if not can("procurement.write"):
        require("inventory.write")
    if not specs:
        return []
    alloc = NumberAllocator(session)
    rows = []
    numbers = []
    for i, spec in enumerate(specs, 1):
        clean = clean_item(spec, row=i)
        if clean["inventory_number"] is None and clean["kind"] in UNIT_KINDS:
            clean["inventory_number"] = alloc.next()
        numbers.append(clean["inventory_number"])
        rows.append(clean)
    given = [n for n in numbers if n]
    if len(set(given)) != len(given):
        raise DuplicateError(_t("Инвентарные номера повторяются в поставке."), field="inventory_number")
    for chunk in _chunks(given, 500):
        dup = session.scalar(select(Item.inventory_number).where(Item.inventory_number.in_(chunk)).limit(1))
        if dup:
            raise DuplicateError(_t("Инвентарный номер «{0}» уже есть в инвентаре.").format(dup),
                                 field="inventory_number")
    ids = []
    for clean in rows:
        item = Item()
        _apply(item, clean)
        if clean["kind"] == "reagent":
            item.substance = _substance_for(session, clean)
        session.add(item)
        session.flush()
        ids.append(item.id)
    on = on or dt.date.today()
    mv = Movement(kind="receipt", number=_movement_number(session, "receipt", on), date=on,
                  to_room_id=rows[0]["room_id"], reason=document or _t("Поступление по поставке"),
                  created_by=context.actor().login)
    for iid, clean in zip(ids, rows, strict=True):
        mv.lines.append(MovementLine(item_id=iid, quantity=clean["quantity"]))
    session.add(mv)
    session.flush()
    return ids
