"""Deliveries under a contract and their acceptance, which puts the equipment on the inventory in the
same transaction and moves the plan-schedule line along."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, localcontext

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import accreditation, inventory
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement import acceptance
from chemcluster_desktop.services.procurement._common import WRITE, _login, parse_money, parse_quantity
from chemcluster_desktop.services.procurement.needs import _room_of_workshop
from chemcluster_desktop.services.procurement.nmck_calc import fmt_money
from chemcluster_desktop.services.procurement.plan import _deliveries_of_line, _last_step_date, _step
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.procurement import (
    Contract,
    ContractNeed,
    Delivery,
    DeliveryItem,
    DeliveryLine,
    Need,
    PlanLine,
)


@dataclass(frozen=True)
class DeliveryLineInfo:
    id: int
    need_id: int | None
    name: str
    quantity: Decimal
    unit_price: Decimal
    item_ids: list[int]


@dataclass(frozen=True)
class DeliveryInfo:
    id: int
    contract_id: int
    contract_number: str
    date: dt.date
    document_number: str
    accepted_at: dt.datetime | None
    accepted_by: str
    amount: Decimal
    lines: list[DeliveryLineInfo]
    version: int


def _delivery_info(s: Session, d: Delivery, number: str = "") -> DeliveryInfo:
    lines = []
    for ln in d.lines:
        items = list(s.scalars(select(DeliveryItem.item_id).where(DeliveryItem.delivery_line_id == ln.id)
                               .order_by(DeliveryItem.item_id)))
        lines.append(DeliveryLineInfo(ln.id, ln.need_id, ln.name, ln.quantity, ln.unit_price, items))
    amount = sum((line_amount(ln) for ln in d.lines), Decimal("0.00")).quantize(Decimal("0.01"))
    return DeliveryInfo(d.id, d.contract_id, number, d.date, d.document_number, d.accepted_at, d.accepted_by,
                        amount, lines, d.version)


KOPECK = Decimal("0.01")


def line_amount(ln: DeliveryLine) -> Decimal:
    """A delivery line's sum: stored to the kopeck, or quantity × price for lines of older versions."""
    return ln.amount if ln.amount is not None else (ln.quantity * ln.unit_price).quantize(KOPECK)


def contract_need_ids(s: Session, c: Contract) -> list[int]:
    """The needs the contract covers (all the plan line's needs for contracts registered without a list)."""
    ids = list(s.scalars(select(ContractNeed.need_id).where(ContractNeed.contract_id == c.id)
                         .order_by(ContractNeed.need_id)))
    if ids or c.plan_line_id is None:
        return ids
    return list(s.scalars(select(Need.id).where(Need.plan_line_id == c.plan_line_id).order_by(Need.id)))


def allocate(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """``total`` split in proportion to ``weights`` to the kopeck: every part rounded down, the kopecks left
    over go to the last part, so the parts add up to ``total`` exactly."""
    if not weights:
        return []
    wsum = sum(weights, Decimal(0))
    with localcontext() as ctx:
        ctx.prec = 34
        parts = [((total * w / wsum) if wsum else total / len(weights)).quantize(KOPECK, rounding=ROUND_DOWN)
                 for w in weights]
    parts[-1] += total - sum(parts, Decimal(0))
    return parts


def contract_shares(s: Session, c: Contract) -> dict[int, Decimal]:
    """The contract price split over its needs in proportion to their НМЦК (to the kopeck)."""
    needs = [s.get(Need, nid) for nid in contract_need_ids(s, c)]
    parts = allocate(c.price, [n.nmck or Decimal(0) for n in needs])
    return {n.id: p for n, p in zip(needs, parts, strict=True)}


def split_cost(amount: Decimal, units: int) -> list[Decimal]:
    """The cost of each of ``units`` cards: equal to the kopeck, the remainder on the last card."""
    return allocate(amount, [Decimal(1)] * units)


def _delivered_amount(s: Session, contract_id: int, need_id: int) -> Decimal:
    lines = s.scalars(select(DeliveryLine).join(Delivery, Delivery.id == DeliveryLine.delivery_id)
                      .where(Delivery.contract_id == contract_id, DeliveryLine.need_id == need_id))
    return sum((line_amount(ln) for ln in lines), Decimal("0.00"))


def _contract_unit_price(s: Session, c: Contract, n: Need) -> Decimal:
    """The need's unit price in the contract (its share of the price per unit, rounded down; the
    delivery that completes the need carries the kopecks left over)."""
    share = contract_shares(s, c).get(n.id)
    if not share or not n.quantity:
        return Decimal("0.00")
    return (share / n.quantity).quantize(KOPECK, rounding=ROUND_DOWN)


def _delivered_qty(s: Session, contract_id: int, need_id: int) -> Decimal:
    v = s.scalars(select(DeliveryLine.quantity).join(Delivery, Delivery.id == DeliveryLine.delivery_id)
                  .where(Delivery.contract_id == contract_id, DeliveryLine.need_id == need_id))
    return sum(v, Decimal(0))


def _create_delivery(s: Session, contract_id: int, date: dt.date, document_number: str, lines: list,
                     note: str = "") -> int:
    c = get_or_404(s, Contract, contract_id, translate("Procurement", "Запись о контракте"))
    if not isinstance(date, dt.date):
        raise ValidationError(translate("Procurement", "Укажите дату поставки."), field="date")
    if date < c.date:
        raise ValidationError(translate("Procurement", "Дата поставки {0} раньше даты контракта {1}.").format(
            date.strftime("%d.%m.%Y"), c.date.strftime("%d.%m.%Y")), field="date")
    if not lines:
        raise ValidationError(translate("Procurement", "В поставке нет ни одной строки: укажите, что и сколько поставлено."), field="lines")
    line = s.get(PlanLine, c.plan_line_id) if c.plan_line_id else None
    if line is None or line.status not in ("contract_signed", "delivered", "accepted"):
        raise ValidationError(translate("Procurement", "Поставку можно зарегистрировать только по заключённому контракту."))
    d = Delivery(contract_id=c.id, date=date, document_number=(document_number or "").strip()[:64],
                 note=note or "")
    new_total = Decimal("0.00")
    seen: dict[int, Decimal] = {}
    seen_amount: dict[int, Decimal] = {}
    for i, raw in enumerate(lines, start=1):
        if isinstance(raw, dict):
            need_id, qty, price = raw.get("need_id"), raw.get("quantity"), raw.get("unit_price")
        else:
            need_id, qty, price = (list(raw) + [None])[:3]
        n = get_or_404(s, Need, need_id, translate("Procurement", "Потребность"))
        if n.plan_line_id != c.plan_line_id or n.id not in contract_need_ids(s, c):
            raise ValidationError(translate("Procurement", "Строка {0}: «{1}» не входит в контракт № {2}.").format(i, n.name, c.number),
                                  field="lines", row=i)
        qty = parse_quantity(qty, "quantity", translate("Procurement", "Количество в строке {0}").format(i), row=i)
        done = _delivered_qty(s, c.id, n.id) + seen.get(n.id, Decimal(0))
        if price in (None, ""):
            # the contract's share of this need: the delivery that completes it takes what is left to the kopeck
            share = contract_shares(s, c).get(n.id, Decimal("0.00"))
            paid_for = _delivered_amount(s, c.id, n.id) + seen_amount.get(n.id, Decimal("0.00"))
            if done + qty == n.quantity:
                amount = share - paid_for
            else:
                amount = (share * qty / n.quantity).quantize(KOPECK, rounding=ROUND_DOWN)
            price = (amount / qty).quantize(KOPECK, rounding=ROUND_DOWN)
        else:
            price = parse_money(price, "unit_price", translate("Procurement", "Цена в строке {0}").format(i), row=i)
            amount = (qty * price).quantize(KOPECK)
        if done + qty > n.quantity:
            raise ValidationError(translate("Procurement", "Поставка больше контракта: по «{0}» законтрактовано {1} {2}, уже поставлено {3}, "
                                     "в этой поставке {4}. Уменьшите количество до {5}.").format(
                n.name, _num(n.quantity), n.unit, _num(done), _num(qty), _num(n.quantity - done)),
                field="lines", row=i)
        seen[n.id] = seen.get(n.id, Decimal(0)) + qty
        seen_amount[n.id] = seen_amount.get(n.id, Decimal("0.00")) + amount
        new_total += amount
        d.lines.append(DeliveryLine(need_id=n.id, name=n.name, quantity=qty, unit_price=price, amount=amount))
    already = sum((line_amount(ln) for dd in s.scalars(select(Delivery).where(Delivery.contract_id == c.id))
                   for ln in dd.lines), Decimal("0.00"))
    if already + new_total > c.price:
        raise ValidationError(translate("Procurement", "Поставка больше контракта: сумма поставок составит {0} ₽ при цене контракта {1} ₽.")
                              .format(fmt_money(already + new_total), fmt_money(c.price)), field="lines")
    s.add(d)
    s.flush()
    if line.status in ("contract_signed", "accepted"):
        _step(s, line, "delivered", translate("Procurement", "Накладная {0}").format(d.document_number) if d.document_number else "",
              max(date, _last_step_date(line)))
    return d.id


def _num(q: Decimal) -> str:
    return format(q.normalize(), "f").replace(".", ",") if q != q.to_integral_value() else str(int(q))


def create_delivery(data: dict) -> int:
    """A delivery from ``data``: contract_id, date, document_number, lines ((need_id, quantity[,
    unit_price]) or dicts; the unit price defaults to the contract's), and optionally note."""
    require(WRITE)
    with uow() as s:
        return _create_delivery(s, data.get("contract_id"), data.get("date"), data.get("document_number") or "",
                                list(data.get("lines") or []), data.get("note") or "")


def _accept_delivery(s: Session, delivery_id: int, on: dt.date | None = None,
                     kinds: dict[int, str] | None = None) -> list[int]:
    d = get_or_404(s, Delivery, delivery_id, translate("Procurement", "Поставка"))
    chosen = {al.line_id: al.kind for al in acceptance.plan_in(s, d)}
    for lid, k in (kinds or {}).items():
        if k not in acceptance.ACCEPT_KINDS:
            raise ValidationError(translate("Procurement", "Неизвестный способ постановки на учёт «{0}»: unit, group "
                                                           "или consumable.").format(k), field="kinds")
        chosen[int(lid)] = k
    if d.accepted_at is not None:
        raise ValidationError(translate("Procurement", "Поставка по накладной {0} уже принята {1}.").format(
            d.document_number or d.id, d.accepted_at.strftime("%d.%m.%Y")))
    c = s.get(Contract, d.contract_id)
    on = on or dt.date.today()
    item_ids: list[int] = []
    for ln in d.lines:
        n = s.get(Need, ln.need_id) if ln.need_id else None
        room_id = (n.room_id if n else None) or (_room_of_workshop(s, n.workshop_id) if n else None)
        if room_id is None:
            raise ValidationError(translate("Procurement", "Для «{0}» не указано помещение: укажите его в потребности, чтобы поставить "
                                     "оборудование на учёт.").format(ln.name), field="room")
        room = s.get(Room, room_id)
        kind = chosen.get(ln.id, "unit")
        whole = ln.quantity == ln.quantity.to_integral_value()
        if kind in ("unit", "group") and not whole:
            raise ValidationError(translate("Procurement", "«{0}»: {1} — не целое число штук; поставьте строку на учёт "
                                                           "как расходный материал.").format(ln.name, _num(ln.quantity)),
                                  field="kinds")
        note = translate("Procurement", "Поставлено по контракту № {0} от {1} ({2}), накладная {3}").format(
            c.number, c.date.strftime("%d.%m.%Y"), c.supplier.name, d.document_number or "—")
        base = {"name": ln.name, "model": (n.specification.split("\n")[0][:200] if n else ""), "room_id": room_id,
                "responsible": room.responsible if room else "", "notes": note, "commissioned_on": on}
        total = line_amount(ln)
        if kind == "unit":  # one card per unit, the kopecks of the line's total left on the last one
            specs = [dict(base, kind="equipment", cost=cost, quantity=Decimal(1), unit="шт.")
                     for cost in split_cost(total, int(ln.quantity))]
        elif kind == "group":  # N identical low-value units under one inventory number (price per unit)
            specs = [dict(base, kind="equipment", cost=ln.unit_price, quantity=ln.quantity, unit="шт.")]
        else:
            specs = [dict(base, kind="consumable", cost=total, quantity=ln.quantity, unit=n.unit if n else "шт.")]
        ids = inventory.add_items_in_session(s, specs, document=note, on=on)
        accreditation.link_delivered_items(s, n.checklist_line_id if n else None, ids)  # the gap it closes
        for iid in ids:
            s.add(DeliveryItem(delivery_line_id=ln.id, item_id=iid))
        item_ids.extend(ids)
    now = utcnow()
    # the acceptance's date is the one the act is signed on: the payment term counts from it
    d.accepted_at = now if on == now.date() else dt.datetime.combine(on, now.time())
    d.accepted_by = _login(s)
    s.flush()
    line = s.get(PlanLine, c.plan_line_id) if c.plan_line_id else None
    if line is not None and line.status == "delivered":
        when = max(on, _last_step_date(line))
        _step(s, line, "accepted", translate("Procurement", "Принято по накладной {0}: {1} ед.").format(d.document_number or d.id,
                                                                                   len(item_ids)), when)
        complete = all(_delivered_qty(s, c.id, n.id) >= n.quantity
                       for n in s.scalars(select(Need).where(Need.plan_line_id == line.id)))
        pending = s.scalar(select(func.count(Delivery.id)).where(Delivery.contract_id == c.id,
                                                                  Delivery.accepted_at.is_(None)))
        if complete and not pending:
            _step(s, line, "on_inventory", translate("Procurement", "Поставлено на учёт: {0} ед.").format(len(item_ids)), when)
    return item_ids


def accept_delivery(delivery_id: int, on: dt.date | None = None, kinds: dict[int, str] | None = None) -> list[int]:
    """Accept a delivery: creates the inventory items (in the need's room) in the same transaction, links
    them to the delivery line, and moves the plan line along. Each line goes on as ``kinds[line id]`` —
    "unit" (a card per unit), "group" (one card of N units) or "consumable" — by default as
    :func:`acceptance.acceptance_plan` suggests from the low-value threshold."""
    require(WRITE)
    with uow() as s:
        return _accept_delivery(s, delivery_id, on, kinds)


def get_delivery(delivery_id: int) -> DeliveryInfo:
    with read() as s:
        d = get_or_404(s, Delivery, delivery_id, translate("Procurement", "Поставка"))
        c = s.get(Contract, d.contract_id)
        return _delivery_info(s, d, c.number)


def pending_deliveries(line_id: int) -> list[int]:
    with read() as s:
        return [d.id for d in _deliveries_of_line(s, line_id) if d.accepted_at is None]
