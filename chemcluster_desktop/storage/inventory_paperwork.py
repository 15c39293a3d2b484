"""Inventory paperwork: the stock-taking decision (ф. 0510439) with its commission, files attached to
items and substances, and the МОЛ's position printed with her signature (issue 13)."""

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop.storage.base import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow

COMMISSION_ROLES = ("chair", "member")
ATTACHMENT_OWNERS = ("item", "substance")


class StocktakingDecision(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Решение о проведении инвентаризации (ф. 0510439): the order, the reason, the dates, what is
    counted and the commission."""

    __tablename__ = "stocktaking_decisions"
    __table_args__ = {"info": {"area": "inventory"}}
    number: Mapped[str] = mapped_column(String(64))  # the order's number
    date: Mapped[dt.date] = mapped_column(Date)  # the order's date
    reason: Mapped[str] = mapped_column(String(300), default="")
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    room_ids: Mapped[list | None] = mapped_column(JSON)  # the rooms counted
    accounts: Mapped[str] = mapped_column(String(300), default="")  # what is counted: accounts / groups
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list["CommissionMember"]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="CommissionMember.position_no")


class CommissionMember(IdMixin, Base):
    __tablename__ = "commission_members"
    __table_args__ = {"info": {"area": "inventory"}}
    decision_id: Mapped[int] = mapped_column(ForeignKey("stocktaking_decisions.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="member")  # chair | member
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    position_no: Mapped[int] = mapped_column(Integer, default=0)

    decision: Mapped["StocktakingDecision"] = relationship(back_populates="members")


class Attachment(IdMixin, Base):
    """A file on an item's or a substance's card (passport, certificate of verification, safety data
    sheet, photo), kept inside the database."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_kind", "owner_id"), {"info": {"area": "inventory"}})
    owner_kind: Mapped[str] = mapped_column(String(16))  # item | substance
    owner_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32), default="other")  # passport | verification | sds | photo | other
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[bytes] = mapped_column(LargeBinary)  # inside the database, so every backup holds it
    note: Mapped[str] = mapped_column(String(300), default="")
    added_by: Mapped[str] = mapped_column(String(64), default="")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ResponsiblePerson(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A материально ответственное лицо as the forms sign her: the name as written on rooms and items
    (matched by surname and initials, :func:`services.inventory.decisions.person_key`) and her position."""

    __tablename__ = "responsible_persons"
    __table_args__ = {"info": {"area": "inventory"}}
    person_key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
