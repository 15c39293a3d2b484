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
from chemcluster_desktop.services.procurement._common import WRITE, _text, parse_money, status_label
from chemcluster_desktop.services.procurement.budgeting import _line_amounts, limit_problem
from chemcluster_desktop.services.procurement.deliveries import (
    DeliveryInfo,
    _contract_unit_price,
    _delivered_qty,
    _delivery_info,
)
from chemcluster_desktop.services.procurement.nmck_calc import fmt_money
from chemcluster_desktop.services.procurement.plan import _last_step_date, _step
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.procurement import (
    Contract,
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


def _payment_plan(price: Decimal, payments) -> list[tuple[Decimal, dt.date | None, str]]:
    if not payments:
        return [(price, None, translate("Procurement", "Оплата по факту поставки"))]
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


def _create_contract(s: Session, plan_line_id: int, number: str, date: dt.date, supplier_id: int, price,
                     payments=None, subject: str = "", funding_source_id: int | None = None) -> int:
    line = get_or_404(s, PlanLine, plan_line_id, translate("Procurement", "Строка плана-графика"))
    number = _text(number, "number", translate("Procurement", "Номер контракта"), max_len=64)
    if not isinstance(date, dt.date):
        raise ValidationError(translate("Procurement", "Укажите дату контракта."), field="date")
    sup = get_or_404(s, Supplier, supplier_id, translate("Procurement", "Карточка поставщика"))
    price = parse_money(price, "price", translate("Procurement", "Цена контракта"))
    if line.status not in ("supplier_chosen", "contract_signed"):
        raise ValidationError(translate("Procurement", "Контракт по строке {0} можно заключить только после определения поставщика "
                                 "(сейчас статус «{1}»).").format(line.number, status_label(line.status)),
                              field="plan_line")
    if s.scalar(select(Contract.id).where(Contract.number == number, Contract.supplier_id == supplier_id)):
        raise DuplicateError(translate("Procurement", "Контракт № {0} с поставщиком «{1}» уже зарегистрирован.").format(number, sup.name),
                             field="number")
    amount = _line_amounts(s).get(line.id, Decimal("0.00"))
    if amount and price > amount:
        raise ValidationError(translate("Procurement", "Цена контракта {0} ₽ больше НМЦК строки плана {1} ₽: так быть не может.").format(
            fmt_money(price), fmt_money(amount)), field="price")
    source_id = funding_source_id if funding_source_id is not None else line.funding_source_id
    # the line's planned amount is replaced by the contract price
    has_contract = bool(s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)))
    msg = limit_problem(source_id, price, exclude_line=None if has_contract else line.id, session=s)
    if msg:
        raise ValidationError(msg, field="price")
    plan = _payment_plan(price, payments)
    c = Contract(number=number, date=date, supplier_id=sup.id, supplier=sup, plan_line_id=line.id,
                 funding_source_id=source_id, price=price, subject=(subject or line.title)[:500])
    s.add(c)
    for amount_, due, note in plan:
        c.payments.append(Payment(amount=amount_, due_on=due, note=(note or "")[:300]))
    s.flush()
    if line.status == "supplier_chosen":
        _step(s, line, "contract_signed", translate("Procurement", "Контракт № {0}").format(number), max(date, _last_step_date(line)))
    return c.id


def create_contract(data: dict) -> int:
    """A contract from ``data``: plan_line_id, number, date, supplier_id, price, and optionally
    payments (a list of (amount, due_on[, note]) or dicts; without them one stage for the whole price),
    subject (the line's title), funding_source_id (the line's)."""
    require(WRITE)
    with uow() as s:
        return _create_contract(s, data.get("plan_line_id"), data.get("number"), data.get("date"),
                                data.get("supplier_id"), data.get("price"), data.get("payments"),
                                data.get("subject") or "", data.get("funding_source_id"))


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


def _contract_info(s: Session, c: Contract) -> ContractInfo:
    line = s.get(PlanLine, c.plan_line_id) if c.plan_line_id else None
    src = s.get(FundingSource, c.funding_source_id) if c.funding_source_id else None
    paid = sum((p.amount for p in c.payments if p.paid_on), Decimal("0.00"))
    deliveries = [_delivery_info(s, d, c.number) for d in
                  s.scalars(select(Delivery).where(Delivery.contract_id == c.id).order_by(Delivery.date, Delivery.id))]
    delivered = sum((d.amount for d in deliveries), Decimal("0.00"))
    needs = []
    if line is not None:
        for n in s.scalars(select(Need).where(Need.plan_line_id == line.id).order_by(Need.id)):
            done = _delivered_qty(s, c.id, n.id)
            needs.append({"id": n.id, "name": n.name, "quantity": n.quantity, "unit": n.unit, "nmck": n.nmck,
                          "delivered": done, "left": n.quantity - done,
                          "unit_price": _contract_unit_price(s, c, n)})
    return ContractInfo(c.id, c.number, c.date, c.supplier_id, c.supplier.name, c.plan_line_id,
                        line.number if line else "", line.status if line else "", c.funding_source_id,
                        src.name if src else "", c.price, paid, delivered, c.subject,
                        [PaymentInfo(p.id, p.amount, p.due_on, p.paid_on, p.note) for p in
                         sorted(c.payments, key=lambda p: (p.due_on is None, p.due_on or dt.date.min, p.id))],
                        deliveries, needs, c.version)


def get_contract(contract_id: int) -> ContractInfo:
    with read() as s:
        return _contract_info(s, get_or_404(s, Contract, contract_id, translate("Procurement", "Запись о контракте")))


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
