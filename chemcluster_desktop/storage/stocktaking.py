"""Stock-taking of a room and its lines (the inventory area's; split from :mod:`.inventory` so that a start
showing the list does not define them)."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop.storage.base import Base, IdMixin, Money, Quantity, TimestampMixin, VersionedMixin
from chemcluster_desktop.storage.inventory import Item  # noqa: F401 - the lines' relationship target


class Stocktaking(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "stocktakings"
    __table_args__ = {"info": {"area": "inventory"}}
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"), index=True)
    number: Mapped[str] = mapped_column(String(64), default="")
    started_on: Mapped[dt.date] = mapped_column(Date)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    commission: Mapped[str] = mapped_column(Text, default="")  # members, one per line
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    # the decision (ф. 0510439) this count carries out; older counts have none
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("stocktaking_decisions.id", ondelete="RESTRICT"),
                                                    index=True)

    lines: Mapped[list["StocktakingLine"]] = relationship(back_populates="stocktaking", cascade="all, delete-orphan")


class StocktakingLine(IdMixin, Base):
    __tablename__ = "stocktaking_lines"
    __table_args__ = {"info": {"area": "inventory"}}
    stocktaking_id: Mapped[int] = mapped_column(ForeignKey("stocktakings.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    expected_quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    found_quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    # an item found in the room that is not on the records
    unknown_description: Mapped[str] = mapped_column(String(300), default="")
    scanned_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    note: Mapped[str] = mapped_column(String(300), default="")
    # a surplus's value: the commission's current estimate (typed or suggested from a similar card)
    estimate: Mapped[Decimal | None] = mapped_column(Money)

    stocktaking: Mapped["Stocktaking"] = relationship(back_populates="lines")
    item: Mapped["Item | None"] = relationship()
