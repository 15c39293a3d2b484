"""Core tables written by actions and read by few pages: the audit journal, failed log-in attempts, the
number counters (the core area's; split from :mod:`.core` so that a start does not define them)."""

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chemcluster_desktop.storage.base import Base, IdMixin, utcnow


class AuditEntry(IdMixin, Base):
    """The journal: append only (on SQLite triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"
    __table_args__ = {"info": {"area": "core"}}
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_login: Mapped[str] = mapped_column(String(64), default="", index=True)
    action: Mapped[str] = mapped_column(String(16))  # create | update | delete | import | login ...
    area: Mapped[str] = mapped_column(String(32), default="", index=True)
    entity: Mapped[str] = mapped_column(String(64), default="", index=True)
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    summary: Mapped[str] = mapped_column(String(500), default="")
    old_values: Mapped[str | None] = mapped_column(Text)  # JSON
    new_values: Mapped[str | None] = mapped_column(Text)  # JSON
    # tamper evidence (0014_trust): sha256 over the previous entry's hash and this entry's fields
    # (storage.chain.entry_digest); ``check`` recomputes the chain and names an edited entry or a gap
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class LoginAttempt(Base):
    """Failed log-in attempts per login, known or not (key: sha256 of the folded login), shared by every
    program working on the database: the slow-down holds across processes and says the same for
    unknown logins."""

    __tablename__ = "login_attempts"
    __table_args__ = {"info": {"area": "core"}}
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Counter(Base):
    """Named counters for numbers handed out under concurrency (services.numbering)."""

    __tablename__ = "counters"
    __table_args__ = {"info": {"area": "core"}}
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
