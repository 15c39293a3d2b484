"""Accreditation: competencies, infrastructure lists (versioned), workshops, checklists, evidence."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop.storage.base import Base, IdMixin, Quantity, TimestampMixin, VersionedMixin, utcnow
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.search import make_key

ZONES = ("workplace", "expert", "store", "safety", "general", "consumables")
CHECK_STATUSES = ("met", "partial", "missing")
# a link between a checklist line and an inventory item:
#   auto      applied by the automatic matching (counts towards the line)
#   confirmed confirmed or made by the coordinator (counts; remembered)
#   proposed  a doubtful proposal waiting for the coordinator (does not count)
#   rejected  refused by the coordinator (does not count; never proposed again)
LINK_STATES = ("auto", "confirmed", "proposed", "rejected")
COUNTING_LINK_STATES = ("auto", "confirmed")


class Competency(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "competencies"
    code: Mapped[str] = mapped_column(String(32), default="")
    name: Mapped[str] = mapped_column(String(300), unique=True)


class InfrastructureList(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "infrastructure_lists"
    __table_args__ = (UniqueConstraint("competency_id", "year", "title"),)
    competency_id: Mapped[int] = mapped_column(ForeignKey("competencies.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), default="")
    source_file: Mapped[str] = mapped_column(String(500), default="")
    # the code of the demo exam's «комплект оценочной документации» (КОД) this list belongs to, as
    # ИРПО publishes it, e.g. «18.01.33-1-2026» (issue 14): the packet names the list by it and the year
    kod_code: Mapped[str] = mapped_column(String(40), default="", server_default="")

    competency: Mapped["Competency"] = relationship()
    lines: Mapped[list["InfrastructureLine"]] = relationship(
        back_populates="list", cascade="all, delete-orphan", order_by="InfrastructureLine.position"
    )


class InfrastructureLine(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "infrastructure_lines"
    list_id: Mapped[int] = mapped_column(ForeignKey("infrastructure_lists.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order in the list
    number: Mapped[str] = mapped_column(String(20), default="")  # «№» as printed
    zone: Mapped[str] = mapped_column(String(20), default="workplace")
    section: Mapped[str] = mapped_column(String(300), default="")  # section title as in the file
    name: Mapped[str] = mapped_column(String(500))
    specification: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(20), default="шт.")
    per_workplace: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")  # «Примечание» column of the file
    search_key: Mapped[str] = mapped_column(String(800), default="")

    list: Mapped["InfrastructureList"] = relationship(back_populates="lines")


def line_search_key(number, name, specification) -> str:
    return make_key(number, name, specification)[:800]


@event.listens_for(InfrastructureLine, "before_insert")
@event.listens_for(InfrastructureLine, "before_update")
def _line_key(_m, _c, t: InfrastructureLine) -> None:
    t.search_key = line_search_key(t.number, t.name, t.specification)


class Workshop(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "workshops"
    name: Mapped[str] = mapped_column(String(300), unique=True)
    competency_id: Mapped[int | None] = mapped_column(ForeignKey("competencies.id", ondelete="RESTRICT"), index=True)
    list_id: Mapped[int | None] = mapped_column(ForeignKey("infrastructure_lists.id", ondelete="RESTRICT"))
    workplaces: Mapped[int] = mapped_column(Integer, default=1)
    lesson_pupils: Mapped[int | None] = mapped_column(Integer)  # pupils at a lesson (NULL = workplaces); rev. 0013
    responsible: Mapped[str] = mapped_column(String(200), default="")
    area_m2: Mapped[str] = mapped_column(String(20), default="")
    layout_plan: Mapped[bytes | None] = mapped_column(LargeBinary)  # план застройки (PNG/JPEG bytes)
    layout_plan_name: Mapped[str] = mapped_column(String(200), default="")
    accreditation_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # the order that appointed the accreditation commission (its members are WorkshopCommissionMember rows)
    commission_order: Mapped[str] = mapped_column(String(100), default="", server_default="")
    commission_order_date: Mapped[dt.date | None] = mapped_column(Date)

    competency: Mapped["Competency | None"] = relationship()
    infra_list: Mapped["InfrastructureList | None"] = relationship()
    rooms: Mapped[list["WorkshopRoom"]] = relationship(cascade="all, delete-orphan")


class WorkshopRoom(Base):
    __tablename__ = "workshop_rooms"
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"), primary_key=True)

    room: Mapped["Room"] = relationship()


class ChecklistLine(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The state of one infrastructure line in one workshop: override and comment."""

    __tablename__ = "checklist_lines"
    __table_args__ = (UniqueConstraint("workshop_id", "line_id"),)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("infrastructure_lines.id", ondelete="CASCADE"), index=True)
    status_override: Mapped[str | None] = mapped_column(String(16))
    override_comment: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str] = mapped_column(Text, default="")

    line: Mapped["InfrastructureLine"] = relationship()


class ChecklistLink(IdMixin, Base):
    """An inventory item counted towards a checklist line (confirmed by the coordinator or proposed)."""

    __tablename__ = "checklist_links"
    __table_args__ = (UniqueConstraint("checklist_line_id", "item_id"), Index("ix_checklist_links_state", "state"))
    checklist_line_id: Mapped[int] = mapped_column(ForeignKey("checklist_lines.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[Decimal | None] = mapped_column(Quantity)  # NULL = the item's whole quantity
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16), default="auto", server_default="auto")  # LINK_STATES
    score: Mapped[int] = mapped_column(Integer, default=0)  # match score 0..100
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    item: Mapped["Item"] = relationship()


class Evidence(IdMixin, Base):
    """A photo proving a checklist line (or the workshop as a whole when line is NULL)."""

    __tablename__ = "evidence"
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    checklist_line_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_lines.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(300), default="")
    caption: Mapped[str] = mapped_column(String(300), default="")
    mime: Mapped[str] = mapped_column(String(50), default="image/jpeg")
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


LOAN_KINDS = ("loan", "lease")  # безвозмездное пользование | аренда


class ChecklistLoan(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Equipment a checklist line borrows for the exam: a loan (договор безвозмездного пользования)
    or a lease (договор аренды) from a partner, by a document with its number and date, for a
    quantity, until a date. A loan in force counts towards the line's available quantity (issue 14)."""

    __tablename__ = "checklist_loans"
    checklist_line_id: Mapped[int] = mapped_column(ForeignKey("checklist_lines.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="loan")  # LOAN_KINDS
    partner: Mapped[str] = mapped_column(String(300))
    document_number: Mapped[str] = mapped_column(String(100))
    document_date: Mapped[dt.date] = mapped_column(Date)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


COMMISSION_ROLES = ("chair", "member", "secretary")


class WorkshopCommissionMember(IdMixin, Base):
    """A member of a workshop's accreditation commission, as the order appointing it names them."""

    __tablename__ = "workshop_commission_members"
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in the order's list
    role: Mapped[str] = mapped_column(String(16), default="member")  # COMMISSION_ROLES
    full_name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(300), default="")


RESTORE_KINDS = ("list_import", "match", "confirm_all", "needs")


class AccreditationRestorePoint(IdMixin, Base):
    """The records a bulk accreditation action was about to change, as they were (issue 16): the
    import of a list into a competency that has one, a re-match, «Подтвердить все», gaps → needs.
    ``scope`` says which records (the list, the workshops); ``rows`` holds them per table as JSON;
    ``after_hash`` is the fingerprint of the same records right after the action, so an undo that
    would overwrite later changes is refused. Undoing restores the rows and drops the point."""

    __tablename__ = "accreditation_restore_points"
    kind: Mapped[str] = mapped_column(String(24))  # RESTORE_KINDS
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    list_id: Mapped[int | None] = mapped_column(ForeignKey("infrastructure_lists.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    label: Mapped[str] = mapped_column(String(500), default="")
    scope: Mapped[dict] = mapped_column(JSON)
    rows: Mapped[dict] = mapped_column(JSON)
    after_hash: Mapped[str] = mapped_column(String(64), default="")
