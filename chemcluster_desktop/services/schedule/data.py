"""The plain shape of a timetabling instance, shared by the clash checker, the generator and the
FET export. Nothing here touches the database: :func:`services.schedule.load_instance` fills it,
and benches/tests may build one by hand.

    inst = Instance(term=TermInfo(1, "2026/27, 1 полугодие", date(2026, 9, 1), date(2026, 12, 27)),
                    slots=[SlotInfo(1, 1, time(8, 30), time(9, 15)), ...],
                    classes={10: ClassInfo(10, 1, "8А", 25, weekdays={0, 2}, slots={3, 4, 5, 6})}, ...)

Weekdays are 0 = Monday … 6 = Sunday; slots are referred to by their number (1 = first lesson) in
availability sets and by id in lessons.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

WORKDAYS = frozenset(range(5))


@dataclass(frozen=True)
class SlotInfo:
    id: int
    number: int
    starts_at: dt.time
    ends_at: dt.time


@dataclass(frozen=True)
class TermInfo:
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date


@dataclass
class ClassInfo:
    id: int
    school_id: int
    name: str
    pupils: int
    weekdays: set[int] = field(default_factory=lambda: set(WORKDAYS))
    slots: set[int] | None = None  # None = every slot
    max_parallel: int = 2  # a visit: the whole class, or at most this many subgroups at the same hours


@dataclass
class WorkshopInfo:
    id: int
    name: str
    workplaces: int  # pupils at a lesson (the workshop's lesson capacity, else its exam workplaces)


@dataclass
class ModuleInfo:
    id: int
    name: str
    hours: int
    max_group: int | None = None


@dataclass
class InstructorInfo:
    id: int
    name: str
    weekdays: set[int] = field(default_factory=lambda: set(WORKDAYS))
    slots: set[int] | None = None
    unavailable_dates: set[dt.date] = field(default_factory=set)


@dataclass
class RequirementInfo:
    id: int
    class_id: int
    module_id: int
    subgroup: int
    hours: int


@dataclass
class Instance:
    term: TermInfo
    slots: list[SlotInfo]
    classes: dict[int, ClassInfo]
    workshops: dict[int, WorkshopInfo]
    modules: dict[int, ModuleInfo]
    instructors: dict[int, InstructorInfo]
    workshop_modules: set[tuple[int, int]]  # (workshop_id, module_id)
    instructor_modules: set[tuple[int, int]]  # (instructor_id, module_id)
    requirements: list[RequirementInfo]
    holidays: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)  # school holidays
    schools: dict[int, str] = field(default_factory=dict)
    days_off: dict[dt.date, str] = field(default_factory=dict)  # the production calendar's days off

    def __post_init__(self) -> None:
        self.slots = sorted(self.slots, key=lambda s: s.number)
        self._holiday_dates: set[dt.date] | None = None

    # --- derived --------------------------------------------------------------------------------
    @property
    def slot_by_id(self) -> dict[int, SlotInfo]:
        return {s.id: s for s in self.slots}

    @property
    def slot_by_number(self) -> dict[int, SlotInfo]:
        return {s.number: s for s in self.slots}

    def holiday_dates(self) -> set[dt.date]:
        if self._holiday_dates is None:
            out: set[dt.date] = set(self.days_off)
            for a, b, _n in self.holidays:
                d = a
                while d <= b:
                    out.add(d)
                    d += dt.timedelta(days=1)
            self._holiday_dates = out
        return self._holiday_dates

    def holiday_name(self, day: dt.date) -> str:
        if day in self.days_off:
            return self.days_off[day]
        for a, b, n in self.holidays:
            if a <= day <= b:
                return n
        return ""

    def teaching_dates(self, weekday: int) -> list[dt.date]:
        """Dates of the term on this weekday that are not holidays, in order."""
        hol = self.holiday_dates()
        d = self.term.starts_on + dt.timedelta(days=(weekday - self.term.starts_on.weekday()) % 7)
        out = []
        while d <= self.term.ends_on:
            if d not in hol:
                out.append(d)
            d += dt.timedelta(days=7)
        return out

    def class_slots(self, c: ClassInfo) -> set[int]:
        return set(c.slots) if c.slots else {s.number for s in self.slots}

    def instructor_slots(self, i: InstructorInfo) -> set[int]:
        return set(i.slots) if i.slots else {s.number for s in self.slots}

    def _index(self, pairs: set[tuple[int, int]], attr: str) -> dict[int, list[int]]:
        cached = getattr(self, attr, None)
        if cached is not None and cached[0] == len(pairs):
            return cached[1]
        idx: dict[int, list[int]] = {}
        for a, m in sorted(pairs):
            idx.setdefault(m, []).append(a)
        setattr(self, attr, (len(pairs), idx))
        return idx

    def workshops_for(self, module_id: int) -> list[WorkshopInfo]:
        idx = self._index(self.workshop_modules, "_ws_idx")
        return [self.workshops[w] for w in idx.get(module_id, []) if w in self.workshops]

    def instructors_for(self, module_id: int) -> list[InstructorInfo]:
        idx = self._index(self.instructor_modules, "_ins_idx")
        return [self.instructors[i] for i in idx.get(module_id, []) if i in self.instructors]

    def group_cap(self, module_id: int) -> int | None:
        """The largest group the module can take at once (max group, the biggest allowed workshop)."""
        ws = self.workshops_for(module_id)
        if not ws:
            return None
        cap = max(w.workplaces for w in ws)
        m = self.modules.get(module_id)
        if m is not None and m.max_group:
            cap = min(cap, m.max_group)
        return max(cap, 1)

    def split_count(self, class_id: int, module_id: int) -> int:
        """How many parallel subgroups a visit of the class is split into for this module (1 = the whole
        class): as few as the largest group allows. More than the class's ``max_parallel`` means the
        visit cannot be held (see :func:`visit_problems`)."""
        c = self.classes[class_id]
        cap = self.group_cap(module_id)
        if not cap or c.pupils <= cap:
            return 1
        return math.ceil(c.pupils / cap)

    def visit_problem(self, class_id: int, module_id: int) -> str | None:
        """Why a visit of the class for this module cannot be held at one time, or None."""
        from chemcluster_desktop.i18n import translate

        c, m = self.classes[class_id], self.modules.get(module_id)
        ws = self.workshops_for(module_id)
        if m is None or not ws:
            return None  # reported elsewhere (module hosted nowhere)
        n = self.split_count(class_id, module_id)
        school = self.schools.get(c.school_id, "")
        if n > c.max_parallel:
            return translate("Schedule", "{0} ({1}), модуль «{2}»: {3} учеников не помещаются в {4} параллельные подгруппы "
                                         "по {5} чел. Разрешите больше подгрупп, увеличьте вместимость мастерских или "
                                         "разделите класс.").format(
                c.name, school, m.name, c.pupils, c.max_parallel, self.group_cap(module_id))
        if n > 1:
            sizes = split_sizes(c.pupils, n)
            cap = self.group_cap(module_id) or 0
            fit = [w for w in ws if min(w.workplaces, m.max_group or w.workplaces) >= sizes[0]]
            total = sum(sorted((min(w.workplaces, cap) for w in ws), reverse=True)[:n])
            if len(fit) < n:
                return translate("Schedule", "{0} ({1}), модуль «{2}»: {3} учеников в {4} подгруппах нужно {4} мастерских "
                                             "одновременно, а модуль разрешён в {5} (вместе {6} мест).").format(
                    c.name, school, m.name, c.pupils, n, len(fit), total)
            ins = self.instructors_for(module_id)
            if len(ins) < n:
                return translate("Schedule", "{0} ({1}), модуль «{2}»: {3} подгруппы занимаются одновременно, а модуль ведут "
                                             "только {4} преподавател(я/ей).").format(c.name, school, m.name, n, len(ins))
        return None


def split_sizes(pupils: int, n: int) -> list[int]:
    """25 pupils in 2 subgroups → [13, 12]."""
    base, extra = divmod(pupils, n)
    return [base + (1 if k < extra else 0) for k in range(n)]


WEEKDAY_SHORT = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
WEEKDAY_LONG = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"]
