"""Procurement: funding sources, suppliers, needs, offers (НМЦК), plan-schedule, contracts, deliveries."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop.storage.base import (
    Base,
    IdMixin,
    Money,
    Quantity,
    TimestampMixin,
    VersionedMixin,
    utcnow,
)
from chemcluster_desktop.storage.search import make_key

FUNDING_CODES = ("federal", "regional", "employer", "own")
PLAN_STATUSES = (
    "need", "in_plan", "price_justified", "notice_published", "supplier_chosen",
    "failed", "cancelled", "contract_signed", "delivered", "accepted", "on_inventory",
)
LAWS = ("44-ФЗ", "223-ФЗ")


class FundingSource(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "funding_sources"
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    limit_amount: Mapped[Decimal] = mapped_column(Money)


class Supplier(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "suppliers"
    name: Mapped[str] = mapped_column(String(300))
    inn: Mapped[str] = mapped_column(String(12), unique=True)
    kpp: Mapped[str] = mapped_column(String(9), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    search_key: Mapped[str] = mapped_column(String(800), default="")


class PlanLine(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A line of the plan-schedule (план-график) grouping needs, with its status road."""

    __tablename__ = "plan_lines"
    number: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(String(500))
    law: Mapped[str] = mapped_column(String(10), default="44-ФЗ")
    method: Mapped[str] = mapped_column(String(100), default="электронный аукцион")
    okpd2: Mapped[str] = mapped_column(String(20), default="")
    funding_source_id: Mapped[int | None] = mapped_column(ForeignKey("funding_sources.id", ondelete="RESTRICT"))
    planned_year: Mapped[int | None] = mapped_column(Integer)
    planned_quarter: Mapped[int | None] = mapped_column(Integer)
    notice_number: Mapped[str] = mapped_column(String(64), default="")  # извещение в ЕИС
    ikz: Mapped[str] = mapped_column(String(36), default="")  # идентификационный код закупки (44-ФЗ)
    status: Mapped[str] = mapped_column(String(24), default="in_plan")
    search_key: Mapped[str] = mapped_column(String(800), default="")

    needs: Mapped[list["Need"]] = relationship(back_populates="plan_line")
    steps: Mapped[list["PlanStep"]] = relationship(cascade="all, delete-orphan", order_by="PlanStep.id")
    requests: Mapped[list["PriceRequest"]] = relationship(cascade="all, delete-orphan",
                                                        order_by="(PriceRequest.sent_on, PriceRequest.id)")


class PriceRequest(IdMixin, Base):
    """A request for prices sent to a supplier for a plan line (запрос ценовой информации)."""

    __tablename__ = "price_requests"
    plan_line_id: Mapped[int] = mapped_column(ForeignKey("plan_lines.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id", ondelete="RESTRICT"))
    supplier_name: Mapped[str] = mapped_column(String(300), default="")
    sent_on: Mapped[dt.date] = mapped_column(Date)
    outgoing_number: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PlanStep(IdMixin, Base):
    __tablename__ = "plan_steps"
    plan_line_id: Mapped[int] = mapped_column(ForeignKey("plan_lines.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(24))
    date: Mapped[dt.date] = mapped_column(Date)
    user_login: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Need(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "needs"
    name: Mapped[str] = mapped_column(String(500))
    specification: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(20), default="шт.")
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"))
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id", ondelete="SET NULL"))
    checklist_line_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_lines.id", ondelete="SET NULL"))
    zone: Mapped[str] = mapped_column(String(20), default="")
    justification: Mapped[str] = mapped_column(Text, default="")
    okpd2: Mapped[str] = mapped_column(String(20), default="")
    law: Mapped[str] = mapped_column(String(10), default="44-ФЗ")
    funding_source_id: Mapped[int | None] = mapped_column(ForeignKey("funding_sources.id", ondelete="RESTRICT"))
    plan_line_id: Mapped[int | None] = mapped_column(ForeignKey("plan_lines.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(24), default="need")
    nmck: Mapped[Decimal | None] = mapped_column(Money)  # fixed when the price is justified
    search_key: Mapped[str] = mapped_column(String(800), default="")

    plan_line: Mapped["PlanLine | None"] = relationship(back_populates="needs")
    offers: Mapped[list["Offer"]] = relationship(back_populates="need", cascade="all, delete-orphan")


class Offer(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A commercial offer (коммерческое предложение) for a need."""

    __tablename__ = "offers"
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id", ondelete="RESTRICT"))
    supplier_name: Mapped[str] = mapped_column(String(300), default="")
    date: Mapped[dt.date] = mapped_column(Date)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    document_name: Mapped[str] = mapped_column(String(300), default="")
    document: Mapped[bytes | None] = mapped_column(LargeBinary)
    reference: Mapped[str] = mapped_column(String(100), default="")  # outgoing number of the letter

    need: Mapped["Need"] = relationship(back_populates="offers")
    supplier: Mapped["Supplier | None"] = relationship()


class Contract(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "contracts"
    number: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date] = mapped_column(Date)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="RESTRICT"))
    plan_line_id: Mapped[int | None] = mapped_column(ForeignKey("plan_lines.id", ondelete="RESTRICT"), index=True)
    funding_source_id: Mapped[int | None] = mapped_column(ForeignKey("funding_sources.id", ondelete="RESTRICT"))
    price: Mapped[Decimal] = mapped_column(Money)
    subject: Mapped[str] = mapped_column(String(500), default="")
    delivery_due: Mapped[dt.date | None] = mapped_column(Date)  # срок поставки
    payment_days: Mapped[int] = mapped_column(Integer, default=7)  # рабочих дней на оплату после приёмки
    search_key: Mapped[str] = mapped_column(String(800), default="")

    supplier: Mapped["Supplier"] = relationship()
    payments: Mapped[list["Payment"]] = relationship(cascade="all, delete-orphan", order_by="Payment.due_on")


class ContractNeed(Base):
    """The needs a contract covers (a plan line may be bought under several contracts)."""

    __tablename__ = "contract_needs"
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="RESTRICT"), primary_key=True)


class Payment(IdMixin, Base):
    """A payment stage of a contract (planned, and paid when ``paid_on`` is set)."""

    __tablename__ = "payments"
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(300), default="")


class Delivery(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "deliveries"
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="RESTRICT"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    document_number: Mapped[str] = mapped_column(String(64), default="")  # накладная / УПД
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    accepted_by: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    lines: Mapped[list["DeliveryLine"]] = relationship(cascade="all, delete-orphan")


class DeliveryLine(IdMixin, Base):
    __tablename__ = "delivery_lines"
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("needs.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal | None] = mapped_column(Money)  # the line's sum to the kopeck (None: quantity × price)


class DeliveryItem(Base):
    """Inventory items created when a delivery line was accepted (the link back to the contract)."""

    __tablename__ = "delivery_items"
    delivery_line_id: Mapped[int] = mapped_column(ForeignKey("delivery_lines.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)


@event.listens_for(Supplier, "before_insert")
@event.listens_for(Supplier, "before_update")
def _supplier_key(_m, _c, t: Supplier) -> None:
    t.search_key = make_key(t.name, t.inn, t.contact, t.email)


@event.listens_for(Need, "before_insert")
@event.listens_for(Need, "before_update")
def _need_key(_m, _c, t: Need) -> None:
    t.search_key = make_key(t.name, t.specification, t.okpd2, t.justification)[:800]


@event.listens_for(PlanLine, "before_insert")
@event.listens_for(PlanLine, "before_update")
def _plan_key(_m, _c, t: PlanLine) -> None:
    t.search_key = make_key(t.number, t.title, t.okpd2, t.notice_number)[:800]


@event.listens_for(Contract, "before_insert")
@event.listens_for(Contract, "before_update")
def _contract_key(_m, _c, t: Contract) -> None:
    supplier = t.supplier.name if t.supplier is not None else ""
    t.search_key = make_key(t.number, t.subject, supplier)[:800]
