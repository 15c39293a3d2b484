"""Declarative base, naming convention and the column types every area shares."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

KOPECK = Decimal("0.01")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Money(TypeDecorator):
    """Roubles as ``Decimal`` in Python, integer kopecks in the database (never a float)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("Money must be Decimal, not float")
        d = Decimal(value).quantize(KOPECK, rounding=ROUND_HALF_UP)
        return int(d * 100)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(KOPECK)


class Quantity(TypeDecorator):
    """Quantities (pieces, litres, grams) as ``Decimal`` with three decimals, stored in thousandths."""

    impl = BigInteger
    cache_ok = True
    SCALE = Decimal("0.001")

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            value = Decimal(str(value))
        d = Decimal(value).quantize(self.SCALE, rounding=ROUND_HALF_UP)
        return int(d * 1000)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        q = Decimal(int(value)).scaleb(-3)
        return q.quantize(Decimal(1)) if q == q.to_integral_value() else q.normalize()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class IdMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class VersionedMixin:
    """Optimistic locking: a save that finds another version raises ``StaleDataError``
    (services turn it into ``ConcurrentEditError``: «запись изменена другим пользователем»)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        return {"version_id_col": cls.version}
