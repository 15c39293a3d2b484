"""The cluster: participants, training directions, KPIs and their values."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop.storage.base import Base, IdMixin, TimestampMixin, VersionedMixin
from chemcluster_desktop.storage.search import make_key

PARTICIPANT_KINDS = ("college", "enterprise", "school", "employment", "authority")
DIRECTION_LEVELS = ("specialty", "profession")


class Participant(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "participants"
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # college | enterprise | school | employment | authority
    role: Mapped[str] = mapped_column(String(300), default="")
    agreement_number: Mapped[str] = mapped_column(String(64), default="")
    agreement_date: Mapped[dt.date | None] = mapped_column(Date)
    contact: Mapped[str] = mapped_column(String(300), default="")
    inn: Mapped[str] = mapped_column(String(12), default="")
    search_key: Mapped[str] = mapped_column(String(1000), default="", index=True)


class TrainingDirection(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "training_directions"
    code: Mapped[str] = mapped_column(String(20))  # 18.02.12
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(50), default="specialty")  # specialty | profession
    places_per_year: Mapped[int] = mapped_column(Integer, default=0)
    requested_by: Mapped[str] = mapped_column(Text, default="")  # enterprises that asked for it
    search_key: Mapped[str] = mapped_column(String(1000), default="", index=True)


class Kpi(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "kpis"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(30), default="")
    target: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    period: Mapped[str] = mapped_column(String(30), default="")  # target year, e.g. 2030
    computed: Mapped[str] = mapped_column(String(40), default="")  # '' = entered by hand, else formula code
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")  # where the figure comes from
    section: Mapped[str] = mapped_column(String(10), default="card")  # card (project card) | college (own)

    values: Mapped[list["KpiValue"]] = relationship(cascade="all, delete-orphan", order_by="KpiValue.period")


class KpiValue(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "kpi_values"
    __table_args__ = (UniqueConstraint("kpi_id", "period"),)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpis.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(30))  # «2025», «2026»
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    comment: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(64), default="")
    as_of: Mapped[dt.date | None] = mapped_column(Date)  # the date the figure is true on


def participant_search_key(name, role="", contact="", agreement_number="", inn="") -> str:
    return make_key(name, role, contact, agreement_number, inn)


def direction_search_key(code, name, requested_by="") -> str:
    return make_key(code, name, requested_by)


@event.listens_for(Participant, "before_insert")
@event.listens_for(Participant, "before_update")
def _participant_key(_m, _c, t: Participant) -> None:
    t.search_key = participant_search_key(t.name, t.role, t.contact, t.agreement_number, t.inn)


@event.listens_for(TrainingDirection, "before_insert")
@event.listens_for(TrainingDirection, "before_update")
def _direction_key(_m, _c, t: TrainingDirection) -> None:
    t.search_key = direction_search_key(t.code, t.name, t.requested_by)
