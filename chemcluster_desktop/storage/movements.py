"""Inventory movement documents: receipt, transfer, issue, return, write-off, and their lines (the inventory
area's; split from :mod:`.inventory` so that a start showing the list does not define them)."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop.storage.base import Base, IdMixin, Quantity, TimestampMixin
from chemcluster_desktop.storage.inventory import MOVEMENT_KINDS, Item  # noqa: F401 - kinds here too; the lines' target


class Movement(IdMixin, TimestampMixin, Base):
    """A movement document: receipt, transfer between rooms, issue, return, write-off."""

    __tablename__ = "movements"
    __table_args__ = (Index("ix_movements_date", "date"), {"info": {"area": "inventory"}})
    kind: Mapped[str] = mapped_column(String(16), index=True)
    number: Mapped[str] = mapped_column(String(64), default="")
    date: Mapped[dt.date] = mapped_column(Date)
    from_room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"))
    to_room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"))
    person: Mapped[str] = mapped_column(String(200), default="")  # issued to / returned by
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")

    lines: Mapped[list["MovementLine"]] = relationship(back_populates="movement", cascade="all, delete-orphan")


class MovementLine(IdMixin, Base):
    __tablename__ = "movement_lines"
    __table_args__ = {"info": {"area": "inventory"}}
    movement_id: Mapped[int] = mapped_column(ForeignKey("movements.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)

    movement: Mapped["Movement"] = relationship(back_populates="lines")
    item: Mapped["Item"] = relationship()
