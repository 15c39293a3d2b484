"""Movement documents (receipt, transfer, issue, return, write-off) over one or more items, and the
history of an item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory._common import _check_room, _date_not_future, _t
from chemcluster_desktop.services.inventory.numbering import NumberAllocator, _movement_number
from chemcluster_desktop.services.inventory.validation import to_decimal
from chemcluster_desktop.services.inventory.vocabulary import UNIT_KINDS, is_group, movement_label
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import (
    MOVEMENT_KINDS,
    Item,
    Movement,
    MovementLine,
    ReagentContainer,
)


@dataclass
class MovementResult:
    id: int
    number: str
    kind: str
    lines: int


def make_movement(kind: str, lines: list[tuple[int, Any]] | list[int], *, on: dt.date | None = None,
                  to_room_id: int | None = None, person: str = "", reason: str = "",
                  number: str = "") -> MovementResult:
    """One movement document over one or more items.

    ``lines`` are (item id, quantity) pairs — or plain ids for whole units. Quantities never go
    negative; a written-off unit leaves the working lists but keeps its history."""
    require("inventory.write")
    args = _check_movement(kind, lines, on, to_room_id, person, reason)
    with context.uow() as s:
        return _movement_in(s, *args, number=number)


def make_movement_in_session(session, kind: str, lines: list[tuple[int, Any]] | list[int], *,
                             on: dt.date | None = None, to_room_id: int | None = None, person: str = "",
                             reason: str = "", number: str = "") -> MovementResult:
    """:func:`make_movement` inside the caller's transaction (several documents posted all or none,
    e.g. a stock-taking's results): the same rules, nothing is committed here."""
    require("inventory.write")
    return _movement_in(session, *_check_movement(kind, lines, on, to_room_id, person, reason), number=number)


def _check_movement(kind, lines, on, to_room_id, person, reason):
    if kind not in MOVEMENT_KINDS:
        raise ValidationError(_t("Неизвестный вид движения «{0}».").format(kind), field="kind")
    on = on or dt.date.today()
    _date_not_future(on, "date", _t("Дата документа"))
    person = (person or "").strip()
    reason = (reason or "").strip()
    if not lines:
        raise ValidationError(_t("Выберите хотя бы одну позицию."), field="lines")
    if kind == "transfer" and to_room_id is None:
        raise ValidationError(_t("Укажите помещение, куда перемещаются позиции."), field="to_room_id")
    if kind == "issue" and not person:
        raise ValidationError(_t("Укажите, кому выдаются позиции."), field="person")
    if kind == "write_off" and not reason:
        raise ValidationError(_t("Укажите причину списания."), field="reason")
    norm: list[tuple[int, Decimal | None]] = []
    for ln in lines:
        if isinstance(ln, tuple | list):
            iid, q = ln[0], ln[1]
        else:
            iid, q = ln, None
        qd = to_decimal(q, "quantity", _t("Количество")) if q not in (None, "") else None
        if qd is not None and qd <= 0:
            raise ValidationError(_t("Количество должно быть больше нуля."), field="quantity")
        norm.append((int(iid), qd))
    return kind, norm, on, to_room_id, person, reason


def _movement_in(s, kind: str, norm: list[tuple[int, Decimal | None]], on: dt.date, to_room_id: int | None,
                 person: str, reason: str, *, number: str = "") -> MovementResult:
    if to_room_id is not None:
        _check_room(s, to_room_id)
    mv = Movement(kind=kind, number=(number or "").strip() or _movement_number(s, kind, on), date=on,
                  to_room_id=to_room_id, person=person, reason=reason, created_by=context.actor().login)
    from_rooms = set()
    for iid, q in norm:
        item = get_or_404(s, Item, iid, _t("Позиция"))
        label = item.inventory_number or item.name
        if item.status == "written_off":
            raise ValidationError(_t("Позиция «{0}» списана: движения по ней невозможны.").format(label),
                                  field="lines")
        counted = item.kind in ("consumable",)
        qty = q if q is not None else item.quantity
        if (not counted and q is not None and q < item.quantity and kind in SPLIT_KINDS
                and is_group(item.kind, item.quantity)):
            item = _split_group(s, item, q, label, mv)
            label = item.inventory_number or item.name
        elif not counted and q is not None and q != item.quantity:
            raise ValidationError(_t("«{0}» учитывается целиком: количество {1}.")
                                  .format(label, item.quantity), field="quantity")
        from_rooms.add(item.room_id)
        _APPLY[kind](s, mv, item, qty, counted, label)
        if item.quantity < 0:
            raise ValidationError(_t("Остаток «{0}» стал бы отрицательным.").format(label), field="quantity")
        mv.lines.append(MovementLine(item_id=item.id, quantity=qty))
    if len(from_rooms) == 1:
        mv.from_room_id = next(iter(from_rooms))
    s.add(mv)
    s.flush()
    return MovementResult(mv.id, mv.number, kind, len(mv.lines))


SPLIT_KINDS = ("transfer", "issue", "write_off")
_COPIED = ("kind", "name", "model", "manufacturer", "country", "cost", "commissioned_on", "status", "room_id",
           "responsible", "unit", "notes", "custom_fields", "account")


def _split_group(s, group: Item, q: Decimal, label: str, mv: Movement) -> Item:
    """Part of a group moves (or is written off): the part becomes a card of its own — a new inventory
    number from the pattern, the group's number kept as «номер по учёту» — and the document's line is
    that card; the group keeps the rest."""
    if q != q.to_integral_value():
        raise ValidationError(_t("«{0}»: часть группы — целое число штук, а не {1}.").format(label, q),
                              field="quantity")
    part = Item(**{f: getattr(group, f) for f in _COPIED})
    part.inventory_number = NumberAllocator(s).next()
    part.accounting_number = group.accounting_number or group.inventory_number or ""
    part.quantity = q
    part.serial_number = ""
    part.notes = (group.notes + "\n" if group.notes else "") + _t("Выделено из группы {0} документом {1}.") \
        .format(group.inventory_number or group.name, mv.number)
    group.quantity = group.quantity - q
    s.add(part)
    s.flush()
    return part


# What each kind of document does to one item: (session, the document, the item, the line's quantity,
# whether the item is counted (a consumable) rather than a whole unit, the item's label for messages).
# The document's ``to_room_id`` and ``person`` are the ones it was opened with.
def _receipt(s, mv: Movement, item: Item, qty: Decimal, counted: bool, label: str) -> None:
    if counted:
        item.quantity = item.quantity + qty
    if mv.to_room_id is not None:
        item.room_id = mv.to_room_id


def _transfer(s, mv: Movement, item: Item, qty: Decimal, counted: bool, label: str) -> None:
    to_room_id = mv.to_room_id
    if item.room_id == to_room_id:
        raise ValidationError(_t("«{0}» уже находится в этом помещении.").format(label), field="lines")
    if counted and qty > item.quantity:
        raise ValidationError(_t("Нельзя переместить {0} {1} «{2}»: в наличии только {3}.")
                              .format(qty, item.unit, label, item.quantity), field="quantity")
    if counted and qty < item.quantity:  # part of a stock: it joins (or starts) the same stock in the room
        item.quantity = item.quantity - qty
        twin = s.scalar(select(Item).where(Item.kind == item.kind, Item.name == item.name,
                                           Item.unit == item.unit, Item.room_id == to_room_id,
                                           Item.status != "written_off", Item.id != item.id).limit(1))
        if twin is None:
            twin = Item(kind=item.kind, name=item.name, model=item.model, unit=item.unit,
                        manufacturer=item.manufacturer, country=item.country, cost=item.cost,
                        min_quantity=None, room_id=to_room_id, quantity=Decimal(0),
                        status=item.status, notes=item.notes)
            s.add(twin)
            s.flush()
        twin.quantity = twin.quantity + qty
        mv.lines.append(MovementLine(item_id=twin.id, quantity=qty))
    else:
        item.room_id = to_room_id
        if item.kind in UNIT_KINDS:
            room = s.get(Room, to_room_id)
            if room is not None and room.responsible:
                item.responsible = room.responsible


def _issue(s, mv: Movement, item: Item, qty: Decimal, counted: bool, label: str) -> None:
    if counted:
        if qty > item.quantity:
            raise ValidationError(_t("Нельзя выдать {0} {1} «{2}»: в наличии только {3}.")
                                  .format(qty, item.unit, label, item.quantity), field="quantity")
        item.quantity = item.quantity - qty
    else:
        if item.issued_to:
            raise ValidationError(_t("«{0}» уже выдано: {1}. Сначала оформите возврат.")
                                  .format(label, item.issued_to), field="lines")
        item.issued_to = mv.person


def _return(s, mv: Movement, item: Item, qty: Decimal, counted: bool, label: str) -> None:
    if counted:
        item.quantity = item.quantity + qty
    else:
        if not item.issued_to:
            raise ValidationError(_t("«{0}» не выдавалось: возвращать нечего.").format(label),
                                  field="lines")
        if not mv.person:
            mv.person = item.issued_to
        item.issued_to = ""
        if mv.to_room_id is not None:
            item.room_id = mv.to_room_id


def _write_off(s, mv: Movement, item: Item, qty: Decimal, counted: bool, label: str) -> None:
    if counted:
        if qty > item.quantity:
            raise ValidationError(_t("Нельзя списать {0} {1} «{2}»: в наличии только {3}.")
                                  .format(qty, item.unit, label, item.quantity), field="quantity")
        item.quantity = item.quantity - qty
    else:
        item.status = "written_off"
        item.issued_to = ""
        if item.kind == "reagent":
            for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id == item.id)):
                c.empty = True
            item.quantity = Decimal(0)


_APPLY = {"receipt": _receipt, "transfer": _transfer, "issue": _issue, "return": _return,
          "write_off": _write_off}


# --- reading -------------------------------------------------------------------------------------------------
def item_history(item_id: int) -> list[dict]:
    fr, to = aliased(Room), aliased(Room)
    with context.read() as s:
        rows = s.execute(
            select(Movement.id, Movement.kind, Movement.number, Movement.date, MovementLine.quantity,
                   fr.name, to.name, Movement.person, Movement.reason, Movement.created_by)
            .join(MovementLine, MovementLine.movement_id == Movement.id)
            .join(fr, fr.id == Movement.from_room_id, isouter=True)
            .join(to, to.id == Movement.to_room_id, isouter=True)
            .where(MovementLine.item_id == item_id)
            .order_by(Movement.date, Movement.id)).all()
    return [{"id": r[0], "kind": r[1], "kind_label": movement_label(r[1]), "number": r[2], "date": r[3],
             "quantity": r[4], "from_room": r[5] or "", "to_room": r[6] or "", "person": r[7], "reason": r[8],
             "created_by": r[9]} for r in rows]


def list_movements(limit: int = 200) -> list[dict]:
    with context.read() as s:
        rows = s.execute(select(Movement.id, Movement.kind, Movement.number, Movement.date, Movement.person,
                                Movement.reason, func.count(MovementLine.id))
                         .join(MovementLine, MovementLine.movement_id == Movement.id, isouter=True)
                         .group_by(Movement.id).order_by(Movement.date.desc(), Movement.id.desc())
                         .limit(limit)).all()
    return [{"id": r[0], "kind": r[1], "kind_label": movement_label(r[1]), "number": r[2], "date": r[3],
             "person": r[4], "reason": r[5], "lines": r[6]} for r in rows]
