"""Core tables: users and roles, settings, buildings and rooms.

The journal, the log-in attempts and the number counters are in :mod:`.journal` (the same core area): a start
that shows a list reads none of them, and each mapped class costs ~3 ms of a start to define and configure.
Their names still import from here (loaded on first use)."""

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop import lazy
from chemcluster_desktop.storage.base import Base, IdMixin, TimestampMixin, VersionedMixin
from chemcluster_desktop.storage.search import make_key

ROLE_CODES = ("admin", "lab_manager", "coordinator", "planner", "buyer", "viewer")


class Role(Base):
    __tablename__ = "roles"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class User(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "users"
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role_code: Mapped[str] = mapped_column(ForeignKey("roles.code"))
    # scrypt$N$r$p$salt_hex$hash_hex, or NULL for «no password yet»
    password_hash: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    role: Mapped["Role"] = relationship()


class Setting(Base):
    """Program settings kept in the database (college name, address, ИНН, director, patterns…)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Building(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "buildings"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")

    rooms: Mapped[list["Room"]] = relationship(back_populates="building")


ROOM_KINDS = ("laboratory", "workshop", "store", "office")


class Room(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("building_id", "name"),)
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(100))  # e.g. «Ауд. 214» or «Лаборатория аналитической химии»
    kind: Mapped[str] = mapped_column(String(20), default="laboratory")
    area_m2: Mapped[str | None] = mapped_column(String(20))
    responsible: Mapped[str] = mapped_column(String(200), default="")  # МОЛ, full name
    notes: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(String(600), default="", index=True)

    building: Mapped["Building | None"] = relationship(back_populates="rooms")


@event.listens_for(Room, "before_insert")
@event.listens_for(Room, "before_update")
def _room_key(_m, _c, target: Room) -> None:
    target.search_key = make_key(target.name, target.responsible, limit=600)


# PEP 562: the core tables of storage/journal.py, defined when first asked for
__getattr__ = lazy.attributes(globals(), dict.fromkeys(("AuditEntry", "LoginAttempt", "Counter"),
                                                       "chemcluster_desktop.storage.journal"))
