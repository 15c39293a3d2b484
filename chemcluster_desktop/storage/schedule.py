"""8th-grade «Технология» timetable: schools, classes, instructors, modules, terms, slots, lessons."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.base import Base, IdMixin, TimestampMixin, VersionedMixin


class School(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "schools"
    name: Mapped[str] = mapped_column(String(300), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")

    classes: Mapped[list[SchoolClass]] = relationship(back_populates="school", cascade="all, delete-orphan")


class SchoolClass(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "school_classes"
    __table_args__ = (UniqueConstraint("school_id", "name"),)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(20))  # «8А»
    pupils: Mapped[int] = mapped_column(Integer)
    # {"weekdays": [0, 2], "slots": [3, 4]} — weekdays 0=Mon; slot numbers the school can send them
    availability: Mapped[dict | None] = mapped_column(JSON)

    school: Mapped[School] = relationship(back_populates="classes")


class Instructor(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "instructors"
    full_name: Mapped[str] = mapped_column(String(200), unique=True)
    # {"weekdays": [...], "slots": [...], "unavailable_dates": ["2026-12-01", ...]}
    availability: Mapped[dict | None] = mapped_column(JSON)
    contact: Mapped[str] = mapped_column(String(200), default="")


class CourseModule(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A module of the «Технология» course taught in the workshops (профпроба)."""

    __tablename__ = "course_modules"
    name: Mapped[str] = mapped_column(String(300), unique=True)
    hours: Mapped[int] = mapped_column(Integer)  # academic hours = lessons (one lesson per slot)
    max_group: Mapped[int | None] = mapped_column(Integer)
    workshop_kinds: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class WorkshopModule(Base):
    """Which modules a workshop can host (and which instructors teach a module)."""

    __tablename__ = "workshop_modules"
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("course_modules.id", ondelete="CASCADE"), primary_key=True)


class InstructorModule(Base):
    __tablename__ = "instructor_modules"
    instructor_id: Mapped[int] = mapped_column(ForeignKey("instructors.id", ondelete="CASCADE"), primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("course_modules.id", ondelete="CASCADE"), primary_key=True)


class Term(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "terms"
    name: Mapped[str] = mapped_column(String(100), unique=True)  # «2026/27, 1 полугодие»
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)


class Holiday(IdMixin, Base):
    __tablename__ = "holidays"
    name: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)


class TimeSlot(IdMixin, Base):
    """Bell times: lesson number N from start to end."""

    __tablename__ = "time_slots"
    number: Mapped[int] = mapped_column(Integer, unique=True)
    starts_at: Mapped[dt.time] = mapped_column(Time)
    ends_at: Mapped[dt.time] = mapped_column(Time)


class Requirement(IdMixin, Base):
    """A class (or subgroup) takes a module for its hours in a term."""

    __tablename__ = "schedule_requirements"
    __table_args__ = (UniqueConstraint("term_id", "class_id", "module_id", "subgroup"),)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_classes.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("course_modules.id", ondelete="CASCADE"))
    subgroup: Mapped[int] = mapped_column(Integer, default=0)  # 0 = whole class, 1..n subgroups
    hours: Mapped[int] = mapped_column(Integer)


class Lesson(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "lessons"
    __table_args__ = (
        Index("ix_lessons_date_slot", "date", "slot_id"),
        Index("ix_lessons_workshop_date", "workshop_id", "date"),
    )
    term_id: Mapped[int | None] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_classes.id", ondelete="CASCADE"), index=True)
    subgroup: Mapped[int] = mapped_column(Integer, default=0)
    pupils: Mapped[int | None] = mapped_column(Integer)  # size of the subgroup, NULL = whole class
    module_id: Mapped[int] = mapped_column(ForeignKey("course_modules.id", ondelete="RESTRICT"))
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("instructors.id", ondelete="RESTRICT"), index=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="RESTRICT"))
    date: Mapped[dt.date] = mapped_column(Date)
    slot_id: Mapped[int] = mapped_column(ForeignKey("time_slots.id", ondelete="RESTRICT"))
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    generated: Mapped[bool] = mapped_column(Boolean, default=False)

    school_class: Mapped[SchoolClass] = relationship()
    module: Mapped[CourseModule] = relationship()
    instructor: Mapped[Instructor | None] = relationship()
    workshop: Mapped[Workshop] = relationship()
    slot: Mapped[TimeSlot] = relationship()
