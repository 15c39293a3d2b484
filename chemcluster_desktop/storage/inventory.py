"""Lab inventory: items of four kinds, reagent substances and containers.

Movement documents are in :mod:`.movements`, stock-takings in :mod:`.stocktaking` (the same area): a start
that shows the list defines neither (each mapped class costs ~3 ms of a start to define and configure).
Their names still import from here (loaded on first use)."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop import lazy
from chemcluster_desktop.storage.base import (
    Base,
    IdMixin,
    Money,
    Quantity,
    TimestampMixin,
    VersionedMixin,
)
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.search import make_key

ITEM_KINDS = ("equipment", "furniture", "consumable", "reagent")
ITEM_STATUSES = ("in_use", "repair", "not_commissioned", "written_off")


class Item(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One line of the inventory.

    Equipment and furniture carry an inventory number: a single unit (quantity 1) or a group of
    identical units under one number (quantity N > 1, services.inventory.vocabulary.is_group); consumables
    are counted by ``quantity`` in ``unit`` with ``min_quantity``; a reagent item is the substance
    kept in a room, its containers in :class:`ReagentContainer`.
    """

    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_kind_status", "kind", "status"),
        Index("ix_items_room_kind", "room_id", "kind"),
    )
    kind: Mapped[str] = mapped_column(String(16))  # indexed by ix_items_kind_status
    inventory_number: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    model: Mapped[str] = mapped_column(String(200), default="")
    serial_number: Mapped[str] = mapped_column(String(100), default="")
    manufacturer: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    cost: Mapped[Decimal | None] = mapped_column(Money)
    commissioned_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="in_use")
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"))  # ix_items_room_kind
    responsible: Mapped[str] = mapped_column(String(200), default="")  # МОЛ
    issued_to: Mapped[str] = mapped_column(String(200), default="")  # person the unit is issued to
    quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(1))
    unit: Mapped[str] = mapped_column(String(20), default="шт.")
    min_quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    substance_id: Mapped[int | None] = mapped_column(ForeignKey("substances.id", ondelete="RESTRICT"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    custom_fields: Mapped[dict | None] = mapped_column(JSON)
    search_key: Mapped[str] = mapped_column(String(800), default="", index=True)
    # accounting account (101.34, 101.36, 105.36 …) and «номер по учёту» (0010_inventory_groups)
    account: Mapped[str] = mapped_column(String(32), default="", server_default="")
    accounting_number: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # a measuring instrument (средство измерения): its last verification (поверка), the interval in
    # months and the certificate's number; any item: its last maintenance and the interval (issue 13)
    measuring: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    verification_months: Mapped[int | None] = mapped_column(Integer)
    verification_certificate: Mapped[str] = mapped_column(String(100), default="")
    maintained_on: Mapped[dt.date | None] = mapped_column(Date)
    maintenance_months: Mapped[int | None] = mapped_column(Integer)
    # the last day the verification is valid (verified_on + the interval; kept by _item_key), so that
    # readiness can leave out an instrument whose verification ran out in SQL on both backends
    verification_until: Mapped[dt.date | None] = mapped_column(Date, index=True)

    room: Mapped["Room | None"] = relationship()
    substance: Mapped["Substance | None"] = relationship()


class Substance(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "substances"
    name: Mapped[str] = mapped_column(String(300))
    cas_number: Mapped[str | None] = mapped_column(String(20), index=True)
    formula: Mapped[str] = mapped_column(String(100), default="")
    ghs_pictograms: Mapped[str] = mapped_column(String(100), default="")  # "GHS02,GHS07"
    h_statements: Mapped[str] = mapped_column(String(300), default="")  # "H225,H319"
    storage_group: Mapped[str] = mapped_column(String(32), default="")  # acids, bases, oxidisers, flammables…
    search_key: Mapped[str] = mapped_column(String(600), default="", index=True)


class ReagentContainer(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "reagent_containers"
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(20), default="г")
    lot: Mapped[str] = mapped_column(String(64), default="")
    supplier: Mapped[str] = mapped_column(String(200), default="")
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    opened_on: Mapped[dt.date | None] = mapped_column(Date)
    expires_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    storage_place: Mapped[str] = mapped_column(String(100), default="")  # cabinet / shelf
    empty: Mapped[bool] = mapped_column(Boolean, default=False)

    item: Mapped["Item"] = relationship()


def item_search_key(name, inventory_number, serial_number, model="", cas_number="") -> str:
    return make_key(name, inventory_number, serial_number, model, cas_number)


@event.listens_for(Item, "before_insert")
@event.listens_for(Item, "before_update")
def _item_key(_m, _c, t: Item) -> None:
    cas = t.substance.cas_number if t.substance is not None else ""
    t.search_key = item_search_key(t.name, t.inventory_number, t.serial_number, t.model, cas)
    t.verification_until = add_months(t.verified_on, t.verification_months) if t.measuring else None


def add_months(d: dt.date | None, months: int | None) -> dt.date | None:
    """``d`` plus ``months`` calendar months (the 31st becomes the month's last day); None without both."""
    if d is None or not months:
        return None
    import calendar

    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


@event.listens_for(Substance, "before_insert")
@event.listens_for(Substance, "before_update")
def _substance_key(_m, _c, t: Substance) -> None:
    t.search_key = make_key(t.name, t.cas_number, t.formula, limit=600)


MOVEMENT_KINDS = ("receipt", "transfer", "issue", "return", "write_off")
# PEP 562: the inventory tables of movements.py and stocktaking.py, defined when first asked for
__getattr__ = lazy.attributes(globals(), {
    **dict.fromkeys(("Movement", "MovementLine"), "chemcluster_desktop.storage.movements"),
    **dict.fromkeys(("Stocktaking", "StocktakingLine"), "chemcluster_desktop.storage.stocktaking")})
