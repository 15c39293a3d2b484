"""8th-grade «Технология» timetable: schools, classes, instructors, modules, terms, slots, lessons.

Search keys (revision 0008_schedule_search): schools, classes, instructors and modules keep a folded
``search_key`` (see :mod:`.search`) filled by the listeners below: the folded name, then
:data:`NAME_END`, then the other searchable fields folded and separated by spaces. A search word
(never whitespace) occurs in the key exactly when it occurs in one of the fields, and in the *name*
exactly when the key is ``LIKE '%word%' || NAME_END || '%'`` — the name part holds no ``NAME_END``
(folding squeezes every whitespace to one space). So one column serves both the row's own search and
the searches of other lists by its name (a class is found by its school's name, an instructor by the
names of their modules), with no function on the server.
"""

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.base import Base, IdMixin, TimestampMixin, VersionedMixin
from chemcluster_desktop.storage.search import fold


class School(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "schools"
    name: Mapped[str] = mapped_column(String(300), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)
    # revision 0013: the paper a school signs and how a class may come
    director: Mapped[str] = mapped_column(String(200), default="")  # «СОГЛАСОВАНО» block
    agreement: Mapped[str] = mapped_column(String(100), default="")  # network-agreement number
    max_parallel: Mapped[int] = mapped_column(Integer, default=2)  # parallel subgroups of a class visit

    classes: Mapped[list["SchoolClass"]] = relationship(back_populates="school", cascade="all, delete-orphan")


class SchoolClass(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "school_classes"
    __table_args__ = (UniqueConstraint("school_id", "name"),)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(20))  # «8А»
    pupils: Mapped[int] = mapped_column(Integer)
    # {"weekdays": [0, 2], "slots": [3, 4]} — weekdays 0=Mon; slot numbers the school can send them
    availability: Mapped[dict | None] = mapped_column(JSON)
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)
    hours_cap: Mapped[int | None] = mapped_column(Integer)  # NULL = the term's cap
    max_parallel: Mapped[int | None] = mapped_column(Integer)  # NULL = the school's

    school: Mapped["School"] = relationship(back_populates="classes")


class Instructor(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "instructors"
    full_name: Mapped[str] = mapped_column(String(200), unique=True)
    # {"weekdays": [...], "slots": [...], "unavailable_dates": ["2026-12-01", ...]}
    availability: Mapped[dict | None] = mapped_column(JSON)
    contact: Mapped[str] = mapped_column(String(200), default="")
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)


class CourseModule(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A module of the «Технология» course taught in the workshops (профпроба)."""

    __tablename__ = "course_modules"
    name: Mapped[str] = mapped_column(String(300), unique=True)
    hours: Mapped[int] = mapped_column(Integer)  # academic hours = lessons (one lesson per slot)
    max_group: Mapped[int | None] = mapped_column(Integer)
    workshop_kinds: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # not indexed: the description has no length limit, and a PostgreSQL B-tree entry must stay under
    # ~2.7 kB (a few dozen modules are scanned anyway)
    search_key: Mapped[str] = mapped_column(Text, default="")
    # "lesson": hours of the subject «Труд (технология)» (counted against the cap);
    # "guidance": career-guidance hours (профориентационные занятия, профпробы), counted apart
    kind: Mapped[str] = mapped_column(String(20), default="lesson")
    # → programme_modules.id (no foreign key: see revision 0013; the service clears it on delete)
    programme_module_id: Mapped[int | None] = mapped_column(Integer, index=True)


class ProgrammeModule(IdMixin, Base):
    """A module of the federal work programme «Труд (технология)» (the methodist's reference list)."""

    __tablename__ = "programme_modules"
    name: Mapped[str] = mapped_column(String(300), unique=True)
    grade: Mapped[int] = mapped_column(Integer, default=8)
    hours: Mapped[int] = mapped_column(Integer, default=0)  # hours the programme gives it in that grade
    invariant: Mapped[bool] = mapped_column(Boolean, default=True)


class CalendarDay(IdMixin, Base):
    """The production calendar: a public holiday or transferred day off (``off``), or a weekend day
    made a working day by a transfer (``work``)."""

    __tablename__ = "calendar_days"
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="off")
    name: Mapped[str] = mapped_column(String(300), default="")


class RestorePoint(IdMixin, Base):
    """The lessons of a term as they were before a generation: one action restores them."""

    __tablename__ = "schedule_restore_points"
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    label: Mapped[str] = mapped_column(String(300), default="")
    lessons: Mapped[list] = mapped_column(JSON)


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
    hours_cap: Mapped[int] = mapped_column(Integer, default=34)  # lesson hours per class and school year


class Holiday(IdMixin, Base):
    """School holidays (каникулы); the public ones are :class:`CalendarDay`."""

    __tablename__ = "holidays"
    name: Mapped[str] = mapped_column(String(200), default="")
    term_id: Mapped[int | None] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"))  # NULL = every term
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
    # the instructor the lesson was planned with when a substitute took it over
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("instructors.id", ondelete="SET NULL"))

    school_class: Mapped["SchoolClass"] = relationship()
    module: Mapped["CourseModule"] = relationship()
    instructor: Mapped["Instructor | None"] = relationship(foreign_keys=[instructor_id])
    workshop: Mapped["Workshop"] = relationship()
    slot: Mapped["TimeSlot"] = relationship()


# --- search keys ----------------------------------------------------------------------------------------------
NAME_END = "\n"


def name_key(name: object, *others: object) -> str:
    """The folded name, :data:`NAME_END`, then the other fields folded and separated by spaces."""
    return fold(name) + NAME_END + " ".join(f for f in map(fold, others) if f)


def school_search_key(name, address="", contact="") -> str:
    return name_key(name, address, contact)


def class_search_key(name) -> str:
    return name_key(name)


def instructor_search_key(full_name, contact="") -> str:
    return name_key(full_name, contact)


def module_search_key(name, workshop_kinds="", description="") -> str:
    return name_key(name, workshop_kinds, description)


@event.listens_for(School, "before_insert")
@event.listens_for(School, "before_update")
def _school_key(_m, _c, t: School) -> None:
    t.search_key = school_search_key(t.name, t.address, t.contact)


@event.listens_for(SchoolClass, "before_insert")
@event.listens_for(SchoolClass, "before_update")
def _class_key(_m, _c, t: SchoolClass) -> None:
    t.search_key = class_search_key(t.name)


@event.listens_for(Instructor, "before_insert")
@event.listens_for(Instructor, "before_update")
def _instructor_key(_m, _c, t: Instructor) -> None:
    t.search_key = instructor_search_key(t.full_name, t.contact)


@event.listens_for(CourseModule, "before_insert")
@event.listens_for(CourseModule, "before_update")
def _module_key(_m, _c, t: CourseModule) -> None:
    t.search_key = module_search_key(t.name, t.workshop_kinds, t.description)
