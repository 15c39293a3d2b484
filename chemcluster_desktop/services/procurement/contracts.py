"""Contracts of plan-schedule lines with their payment stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.listing import ListQuery, apply_search, apply_sort, count_of, window
from chemcluster_desktop.services.procurement import compliance, deadlines, rules
from chemcluster_desktop.services.procurement._common import WRITE, _text, parse_money, status_label
from chemcluster_desktop.services.procurement.budgeting import limit_problem
from chemcluster_desktop.services.procurement.deliveries import (
    DeliveryInfo,
    _contract_unit_price,
    _delivered_qty,
    _delivery_info,
    contract_need_ids,
)
from chemcluster_desktop.services.procurement.nmck_calc import fmt_money
from chemcluster_desktop.services.procurement.plan import _last_step_date, _step
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.procurement import (
    Contract,
    ContractNeed,
    Delivery,
    FundingSource,
    Need,
    Payment,
    PlanLine,
    Supplier,
)


@dataclass(frozen=True)
class PaymentInfo:
    id: int
    amount: Decimal
    due_on: dt.date | None
    paid_on: dt.date | None
    note: str
    due_by: dt.date | None = None  # its own date, else the working days after the contract's acceptance


@dataclass(frozen=True)
class ContractInfo:
    id: int
    number: str
    date: dt.date
    supplier_id: int
    supplier_name: str
    plan_line_id: int | None
    plan_number: str
    plan_status: str
    funding_source_id: int | None
    source_name: str
    price: Decimal
    paid: Decimal
    delivered: Decimal
    subject: str
    payments: list[PaymentInfo]
    deliveries: list[DeliveryInfo]
    needs: list[dict]
    version: int
    delivery_due: dt.date | None = None
    payment_days: int = 7
    accepted_on: dt.date | None = None  # the last acceptance of its deliveries


# the road a contract may be signed from: competitive methods after the protocol, ст. 93 after the price
AFTER_PROTOCOL = ("supplier_chosen", "contract_signed", "delivered", "accepted")
AFTER_PRICE = ("price_justified", "contract_signed", "delivered", "accepted")


def _payment_plan(price: Decimal, payments, days: int = 7) -> list[tuple[Decimal, dt.date | None, str]]:
    if not payments:
        return [(price, None, translate("Procurement", "Оплата в течение {0} рабочих дней после приёмки").format(days))]
    out = []
    for i, p in enumerate(payments, start=1):
        if isinstance(p, dict):
            amount, due, note = p.get("amount"), p.get("due_on"), p.get("note", "")
        else:
            amount, due, note = (list(p) + [None, ""])[:3]
        out.append((parse_money(amount, "payments", translate("Procurement", "Сумма этапа оплаты {0}").format(i), row=i), due, note or ""))
    total = sum((a for a, _d, _n in out), Decimal("0.00"))
    if total > price:
        raise ValidationError(translate("Procurement", "Сумма этапов оплаты {0} ₽ больше цены контракта {1} ₽.").format(
            fmt_money(total), fmt_money(price)), field="payments")
    return out


def _contract_needs(s: Session, line: PlanLine, need_ids) -> list[Need]:
    """The needs a new contract covers: those given (of this line, in no other contract), by default every
    position of the line not yet under a contract."""
    taken = set(s.scalars(select(ContractNeed.need_id).join(Contract, Contract.id == ContractNeed.contract_id)
                          .where(Contract.plan_line_id == line.id)))
    for c in s.scalars(select(Contract).where(Contract.plan_line_id == line.id)):
        taken.update(contract_need_ids(s, c))
    mine = compliance.needs_of(s, line.id)
    if not need_ids:
        out = [n for n in mine if n.id not in taken]
        if not out:
            raise ValidationError(translate("Procurement", "Все позиции строки {0} уже законтрактованы.").format(line.number),
                                  field="needs")
        return out
    by_id = {n.id: n for n in mine}
    out = []
    for nid in dict.fromkeys(need_ids):
        n = by_id.get(nid)
        if n is None:
            raise ValidationError(translate("Procurement", "Потребность № {0} не входит в строку {1}.").format(nid, line.number),
                                  field="needs")
        if nid in taken:
            raise ValidationError(translate("Procurement", "Позиция «{0}» уже включена в другой контракт по строке {1}.").format(
                n.name, line.number), field="needs")
        out.append(n)
    return out


def _create_contract(s: Session, plan_line_id: int, number: str, date: dt.date, supplier_id: int, price,
                     payments=None, subject: str = "", funding_source_id: int | None = None, need_ids=None,
                     delivery_due: dt.date | None = None, payment_days: int | None = None) -> int:
    line = get_or_404(s, PlanLine, plan_line_id, translate("Procurement", "Строка плана-графика"))
    number = _text(number, "number", translate("Procurement", "Номер контракта"), max_len=64)
    if not isinstance(date, dt.date):
        raise ValidationError(translate("Procurement", "Укажите дату контракта."), field="date")
    sup = get_or_404(s, Supplier, supplier_id, translate("Procurement", "Карточка поставщика"))
    price = parse_money(price, "price", translate("Procurement", "Цена контракта"))
    single = rules.is_single(line.method)
    if line.status not in (AFTER_PRICE if single else AFTER_PROTOCOL):
        msg = (translate("Procurement", "Контракт с единственным поставщиком по строке {0} заключается после обоснования цены "
                         "(сейчас статус «{1}»).") if single else
               translate("Procurement", "Контракт по строке {0} можно заключить только после определения поставщика "
                         "(сейчас статус «{1}»)."))
        raise ValidationError(msg.format(line.number, status_label(line.status)), field="plan_line")
    on = compliance.justified_on(line)
    if on is not None and date < on:
        raise ValidationError(translate("Procurement", "Дата контракта {0} раньше обоснования цены {1}.").format(
            date.strftime("%d.%m.%Y"), on.strftime("%d.%m.%Y")), field="date")
    if delivery_due is not None and (not isinstance(delivery_due, dt.date) or delivery_due < date):
        raise ValidationError(translate("Procurement", "Срок поставки должен быть не раньше даты контракта."), field="delivery_due")
    if payment_days in (None, ""):
        payment_days = int(rules.setting(s, "procurement.payment_days") or 7)
    try:
        payment_days = int(payment_days)
    except (TypeError, ValueError):
        payment_days = 0
    if not 1 <= payment_days <= 30:
        raise ValidationError(translate("Procurement", "Срок оплаты — от 1 до 30 рабочих дней после приёмки (44-ФЗ, ст. 34 ч. 13.1: "
                                 "не более 7)."), field="payment_days")
    if s.scalar(select(Contract.id).where(Contract.number == number, Contract.supplier_id == supplier_id)):
        raise DuplicateError(translate("Procurement", "Контракт № {0} с поставщиком «{1}» уже зарегистрирован.").format(number, sup.name),
                             field="number")
    needs = _contract_needs(s, line, need_ids)
    own = sum((n.nmck or Decimal("0.00") for n in needs), Decimal("0.00"))
    if own and price > own:
        raise ValidationError(translate("Procurement", "Цена контракта {0} ₽ больше НМЦК его позиций {1} ₽: так быть не может.").format(
            fmt_money(price), fmt_money(own)), field="price")
    amount = compliance.line_amount(s, line)
    before = sum(s.scalars(select(Contract.price).where(Contract.plan_line_id == line.id)), Decimal("0.00"))
    if amount and before + price > amount:
        raise ValidationError(translate("Procurement", "Контракты по строке {0} составят {1} ₽ — больше НМЦК строки {2} ₽.").format(
            line.number, fmt_money(before + price), fmt_money(amount)), field="price")
    compliance.check_small(s, line, before + price, field="price", contract_price=True)
    source_id = funding_source_id if funding_source_id is not None else line.funding_source_id
    # the line's planned amount is replaced by the contract price
    has_contract = bool(s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)))
    msg = limit_problem(source_id, price, exclude_line=None if has_contract else line.id, session=s)
    if msg:
        raise ValidationError(msg, field="price")
    plan = _payment_plan(price, payments, payment_days)
    c = Contract(number=number, date=date, supplier_id=sup.id, supplier=sup, plan_line_id=line.id,
                 funding_source_id=source_id, price=price, subject=(subject or line.title)[:500],
                 delivery_due=delivery_due, payment_days=payment_days)
    s.add(c)
    s.flush()
    for n in needs:
        s.add(ContractNeed(contract_id=c.id, need_id=n.id))
    for amount_, due, note in plan:
        c.payments.append(Payment(amount=amount_, due_on=due, note=(note or "")[:300]))
    s.flush()
    if line.status in ("supplier_chosen", "price_justified"):
        _step(s, line, "contract_signed", translate("Procurement", "Контракт № {0}").format(number), max(date, _last_step_date(line)))
    return c.id


def create_contract(data: dict) -> int:
    """A contract from ``data``: plan_line_id, number, date, supplier_id, price, and optionally
    payments (a list of (amount, due_on[, note]) or dicts; without them one stage for the whole price, due
    ``payment_days`` working days after acceptance), subject (the line's title), funding_source_id (the
    line's), need_ids (the line's positions not under another contract), delivery_due, payment_days
    (the setting, 7)."""
    require(WRITE)
    with uow() as s:
        return _create_contract(s, data.get("plan_line_id"), data.get("number"), data.get("date"),
                                data.get("supplier_id"), data.get("price"), data.get("payments"),
                                data.get("subject") or "", data.get("funding_source_id"), data.get("need_ids"),
                                data.get("delivery_due"), data.get("payment_days"))


def create_payment(data: dict) -> int:
    """A payment stage from ``data``: contract_id, amount, and optionally due_on, note."""
    require(WRITE)
    due_on, note = data.get("due_on"), data.get("note") or ""
    with uow() as s:
        c = get_or_404(s, Contract, data.get("contract_id"), translate("Procurement", "Запись о контракте"))
        amount = parse_money(data.get("amount"), "amount", translate("Procurement", "Сумма этапа оплаты"))
        total = sum((p.amount for p in c.payments), Decimal("0.00")) + amount
        if total > c.price:
            raise ValidationError(translate("Procurement", "Этапы оплаты составят {0} ₽ — больше цены контракта {1} ₽.").format(
                fmt_money(total), fmt_money(c.price)), field="amount")
        p = Payment(amount=amount, due_on=due_on, note=(note or "")[:300])
        c.payments.append(p)
        s.flush()
        return p.id


def _mark_paid(s: Session, payment_id: int, paid_on: dt.date | None = None) -> None:
    p = get_or_404(s, Payment, payment_id, translate("Procurement", "Запись об этапе оплаты"))
    if p.paid_on is not None:
        raise ValidationError(translate("Procurement", "Этап оплаты уже отмечен оплаченным {0}.").format(p.paid_on.strftime("%d.%m.%Y")))
    p.paid_on = paid_on or dt.date.today()


def mark_paid(payment_id: int, paid_on: dt.date | None = None) -> None:
    require(WRITE)
    with uow() as s:
        _mark_paid(s, payment_id, paid_on)


def _contract_info(s: Session, c: Contract, calendar=None) -> ContractInfo:
    line = s.get(PlanLine, c.plan_line_id) if c.plan_line_id else None
    src = s.get(FundingSource, c.funding_source_id) if c.funding_source_id else None
    paid = sum((p.amount for p in c.payments if p.paid_on), Decimal("0.00"))
    deliveries = [_delivery_info(s, d, c.number) for d in
                  s.scalars(select(Delivery).where(Delivery.contract_id == c.id).order_by(Delivery.date, Delivery.id))]
    delivered = sum((d.amount for d in deliveries), Decimal("0.00"))
    needs = []
    accepted = [d.accepted_at.date() for d in s.scalars(select(Delivery).where(Delivery.contract_id == c.id))
                if d.accepted_at is not None]
    if line is not None:
        for n in (s.get(Need, nid) for nid in contract_need_ids(s, c)):
            done = _delivered_qty(s, c.id, n.id)
            needs.append({"id": n.id, "name": n.name, "quantity": n.quantity, "unit": n.unit, "nmck": n.nmck,
                          "delivered": done, "left": n.quantity - done,
                          "unit_price": _contract_unit_price(s, c, n)})
    complete = (bool(accepted) and len(accepted) == len(deliveries) and all(n["left"] <= 0 for n in needs))
    after = (deadlines.payment_due(max(accepted), c.payment_days, calendar) if complete else None)
    return ContractInfo(c.id, c.number, c.date, c.supplier_id, c.supplier.name, c.plan_line_id,
                        line.number if line else "", line.status if line else "", c.funding_source_id,
                        src.name if src else "", c.price, paid, delivered, c.subject,
                        [PaymentInfo(p.id, p.amount, p.due_on, p.paid_on, p.note, p.due_on or after) for p in
                         sorted(c.payments, key=lambda p: (p.due_on is None, p.due_on or dt.date.min, p.id))],
                        deliveries, needs, c.version, c.delivery_due, c.payment_days,
                        max(accepted) if accepted else None)


def get_contract(contract_id: int) -> ContractInfo:
    cal = deadlines.working_calendar()  # read before this session opens (its own read)
    with read() as s:
        return _contract_info(s, get_or_404(s, Contract, contract_id, translate("Procurement", "Запись о контракте")),
                              cal)


def _contract_stmt(q: ListQuery):
    paid = (select(func.coalesce(func.sum(Payment.amount), 0))
            .where(Payment.contract_id == Contract.id, Payment.paid_on.is_not(None)).scalar_subquery())
    pending = (select(func.count(Delivery.id))
               .where(Delivery.contract_id == Contract.id, Delivery.accepted_at.is_(None)).scalar_subquery())
    stmt = (select(Contract, Supplier.name.label("supplier"), PlanLine.number.label("plan"),
                   PlanLine.status.label("plan_status"), FundingSource.name.label("source"), paid.label("paid"),
                   pending.label("pending"))
            .join(Supplier, Supplier.id == Contract.supplier_id)
            .outerjoin(PlanLine, PlanLine.id == Contract.plan_line_id)
            .outerjoin(FundingSource, FundingSource.id == Contract.funding_source_id))
    if q.filters.get("pending"):
        stmt = stmt.where(pending > 0)
    stmt = apply_search(stmt, Contract.search_key, q.search)
    cols = {"number": Contract.number, "date": Contract.date, "supplier": Supplier.name, "price": Contract.price,
            "paid": paid, "plan": PlanLine.number, "status": PlanLine.status}
    return stmt, cols


def count_contracts(q: ListQuery) -> int:
    with read() as s:
        return count_of(s, _contract_stmt(q)[0])


def list_contracts(q: ListQuery) -> list[dict]:
    with read() as s:
        stmt, cols = _contract_stmt(q)
        stmt = window(apply_sort(stmt, cols, q, Contract.date, Contract.id), q)
        out = []
        for c, supplier, plan, plan_status, source, paid, pending in s.execute(stmt):
            out.append({"id": c.id, "number": c.number, "date": c.date, "supplier": supplier, "plan": plan or "",
                        "status": plan_status or "", "source": source or "", "price": c.price,
                        "paid": Decimal(paid or 0).quantize(Decimal("0.01")),
                        "pending": pending or 0, "subject": c.subject})
        return out
