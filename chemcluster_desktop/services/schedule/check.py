"""The clash checker: every hard rule of the timetable, over plain lesson dicts.

Lessons are dicts with ``id, class_id, subgroup, pupils, module_id, instructor_id, workshop_id,
date, slot_id`` (and optionally ``locked``). Grouping is done with dicts keyed by (date, slot), so
10,000 lessons are checked in a few tens of milliseconds (no pairwise comparison).

Each conflict is a dict: ``kind`` (one of :data:`KINDS`), ``message`` (Russian, for people),
``lesson_ids`` and the records involved by name (``date``, ``slot``, ``workshop``, ``instructor``,
``class``, ``school``, ``module``) where they apply.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.schedule.data import Instance

KINDS = {
    "workshop_double": "Мастерская занята дважды",
    "instructor_double": "Преподаватель ведёт два занятия одновременно",
    "class_double": "Класс (подгруппа) на двух занятиях одновременно",
    "capacity": "Группа больше числа рабочих мест",
    "holiday": "Занятие в каникулы",
    "outside_term": "Занятие вне учебного периода",
    "class_time": "Школа не может привести класс в это время",
    "instructor_unavailable": "Преподаватель недоступен",
    "module_not_allowed": "Модуль не проводится в этой мастерской",
    "instructor_not_qualified": "Преподаватель не ведёт этот модуль",
    "hours_unplaced": "Часы модуля размещены не полностью",
}


def _t(s: str) -> str:
    return translate("Schedule", s)


def kind_title(kind: str) -> str:
    return _t(KINDS.get(kind, kind))


def _as_date(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


class _Names:
    def __init__(self, inst: Instance):
        self.inst = inst
        self.slots = inst.slot_by_id

    def cls(self, class_id: int, subgroup: int = 0) -> str:
        c = self.inst.classes.get(class_id)
        name = c.name if c else f"#{class_id}"
        return f"{name} ({subgroup})" if subgroup else name

    def school(self, class_id: int) -> str:
        c = self.inst.classes.get(class_id)
        return self.inst.schools.get(c.school_id, "") if c else ""

    def base(self, lesson: dict) -> dict:
        s = self.slots.get(lesson["slot_id"])
        w = self.inst.workshops.get(lesson["workshop_id"])
        i = self.inst.instructors.get(lesson.get("instructor_id"))
        m = self.inst.modules.get(lesson["module_id"])
        return {
            "date": _as_date(lesson["date"]).isoformat(),
            "slot": s.number if s else None,
            "workshop": w.name if w else None,
            "instructor": i.name if i else None,
            "class": self.cls(lesson["class_id"], lesson.get("subgroup") or 0),
            "school": self.school(lesson["class_id"]),
            "module": m.name if m else None,
        }


def check(inst: Instance, lessons: list[dict], *, hours: bool = True) -> list[dict]:
    """Every clash among ``lessons`` against the rules of ``inst``."""
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of small tuples: no collector pauses in the middle
    try:
        return _check(inst, lessons, hours=hours)
    finally:
        if enabled:
            gc.enable()


def _add(out: list[dict], names: _Names, kind: str, group: list[dict], message: str, **extra) -> None:
    rec = names.base(group[0])
    rec.update(extra)
    out.append({"kind": kind, "message": message, "lesson_ids": [g["id"] for g in group], **rec})


def _check(inst: Instance, lessons: list[dict], *, hours: bool) -> list[dict]:
    out: list[dict] = []
    names = _Names(inst)
    slots = inst.slot_by_id
    holidays = inst.holiday_dates()
    by_ws: dict[tuple, list[dict]] = defaultdict(list)
    by_ins: dict[tuple, list[dict]] = defaultdict(list)
    by_cls: dict[tuple, list[dict]] = defaultdict(list)
    class_slots = {c.id: inst.class_slots(c) for c in inst.classes.values()}
    ins_slots = {i.id: inst.instructor_slots(i) for i in inst.instructors.values()}

    # fast pass: grouping plus one set lookup per rule; only a suspicious lesson gets the detailed look
    slot_num = {sid: sl.number for sid, sl in slots.items()}
    pupils = {c.id: c.pupils for c in inst.classes.values()}
    ok_class = {c.id: {(d, sid) for d in c.weekdays for sid, n in slot_num.items() if n in class_slots[c.id]}
                for c in inst.classes.values()}
    ok_ins = {i.id: {(d, sid) for d in i.weekdays for sid, n in slot_num.items() if n in ins_slots[i.id]}
              for i in inst.instructors.values()}
    away = {i.id: i.unavailable_dates for i in inst.instructors.values()}
    wcap = {w.id: w.workplaces for w in inst.workshops.values()}
    mcap = {m.id: m.max_group or 10 ** 6 for m in inst.modules.values()}
    wm, im = inst.workshop_modules, inst.instructor_modules
    t0, t1 = inst.term.starts_on, inst.term.ends_on
    empty: frozenset = frozenset()
    for le in lessons:
        day = le["date"]
        if not isinstance(day, dt.date):
            day = _as_date(day)
        sid, wid, cid, mid = le["slot_id"], le["workshop_id"], le["class_id"], le["module_id"]
        iid = le.get("instructor_id")
        by_ws[(wid, day, sid)].append(le)
        by_cls[(cid, day, sid)].append(le)
        cell = (day.weekday(), sid)
        size = le.get("pupils") or pupils.get(cid, 0)
        suspicious = (size > wcap.get(wid, 0) or size > mcap.get(mid, 0) or day in holidays
                      or not t0 <= day <= t1 or cell not in ok_class.get(cid, empty) or (wid, mid) not in wm)
        if iid is not None:
            by_ins[(iid, day, sid)].append(le)
            suspicious = suspicious or cell not in ok_ins.get(iid, empty) or day in away.get(iid, empty) \
                or (iid, mid) not in im
        if suspicious:
            _lesson_rules(inst, names, out, le, day, holidays, class_slots, ins_slots)
    _doubles(names, out, by_ws, by_ins, by_cls)
    if hours:
        out.extend(check_hours(inst, lessons))
    return out


def _lesson_rules(inst: Instance, names: _Names, out: list[dict], le: dict, day: dt.date, holidays,
                  class_slots: dict, ins_slots: dict) -> None:
    """The detailed look at one suspicious lesson: every rule it breaks on its own."""
    slot = names.slots.get(le["slot_id"])  # inst.slot_by_id, built once
    number = slot.number if slot else None
    c = inst.classes.get(le["class_id"])
    w = inst.workshops.get(le["workshop_id"])
    m = inst.modules.get(le["module_id"])
    size = le.get("pupils") or (c.pupils if c else 0)
    if w is not None and size > w.workplaces:
        _add(out, names, "capacity", [le], translate("Schedule", "{0}: {1} чел., а в «{2}» {3} рабочих мест.").format(
            names.cls(le["class_id"], le.get("subgroup") or 0), size, w.name, w.workplaces),
            pupils=size, workplaces=w.workplaces)
    elif m is not None and m.max_group and size > m.max_group:
        _add(out, names, "capacity", [le], translate("Schedule", "{0}: {1} чел., а модуль «{2}» допускает группу до {3} чел.").format(
            names.cls(le["class_id"], le.get("subgroup") or 0), size, m.name, m.max_group),
            pupils=size, workplaces=m.max_group)
    if day in holidays:
        _add(out, names, "holiday", [le], translate("Schedule", "{0}: занятие {1} приходится на каникулы «{2}».").format(
            names.cls(le["class_id"], le.get("subgroup") or 0), day.strftime("%d.%m.%Y"),
            inst.holiday_name(day)))
    if not (inst.term.starts_on <= day <= inst.term.ends_on):
        _add(out, names, "outside_term", [le], translate("Schedule", "Занятие {0} вне периода «{1}».").format(
            day.strftime("%d.%m.%Y"), inst.term.name))
    if c is not None and (day.weekday() not in c.weekdays or number not in class_slots[c.id]):
        _add(out, names, "class_time", [le], translate("Schedule", "{0}: школа не может привести класс в {1}, {2}-й урок.").format(
            names.cls(c.id), day.strftime("%d.%m.%Y"), number))
    ins = inst.instructors.get(le.get("instructor_id"))
    if ins is not None:
        if day.weekday() not in ins.weekdays or number not in ins_slots[ins.id] or day in ins.unavailable_dates:
            _add(out, names, "instructor_unavailable", [le], translate("Schedule", "{0} недоступен {1}, {2}-й урок.").format(
                ins.name, day.strftime("%d.%m.%Y"), number))
        if (ins.id, le["module_id"]) not in inst.instructor_modules:
            _add(out, names, "instructor_not_qualified", [le], translate("Schedule", "{0} не ведёт модуль «{1}».").format(
                ins.name, m.name if m else le["module_id"]))
    if w is not None and (w.id, le["module_id"]) not in inst.workshop_modules:
        _add(out, names, "module_not_allowed", [le], translate("Schedule", "Модуль «{0}» не проводится в «{1}».").format(
            m.name if m else le["module_id"], w.name))


def _doubles(names: _Names, out: list[dict], by_ws: dict, by_ins: dict, by_cls: dict) -> None:
    """Two lessons in one workshop, with one instructor, or of one class (or subgroup) at the same time."""
    for group in by_ws.values():
        if len(group) > 1:
            _add(out, names, "workshop_double", group, translate("Schedule", "«{0}» занята {1}, {2}-й урок: {3}.").format(
                names.base(group[0])["workshop"], _as_date(group[0]["date"]).strftime("%d.%m.%Y"),
                names.base(group[0])["slot"],
                ", ".join(names.cls(g["class_id"], g.get("subgroup") or 0) for g in group)))
    for group in by_ins.values():
        if len(group) > 1:
            _add(out, names, "instructor_double", group, translate("Schedule", "{0} ведёт {1} занятия одновременно: {2}, {3}-й урок.").format(
                names.base(group[0])["instructor"], len(group),
                _as_date(group[0]["date"]).strftime("%d.%m.%Y"), names.base(group[0])["slot"]))
    for group in by_cls.values():
        if len(group) < 2:
            continue
        subs = [g.get("subgroup") or 0 for g in group]
        if 0 in subs or len(set(subs)) < len(subs):
            _add(out, names, "class_double", group, translate("Schedule", "{0} на {1} занятиях одновременно: {2}, {3}-й урок.").format(
                names.cls(group[0]["class_id"]), len(group),
                _as_date(group[0]["date"]).strftime("%d.%m.%Y"), names.base(group[0])["slot"]))


def placed_hours(inst: Instance, lessons: list[dict]) -> dict[tuple[int, int, int], int]:
    """(class, module, subgroup) -> lessons placed; whole-class lessons count for every subgroup."""
    count: dict[tuple[int, int, int], int] = defaultdict(int)
    for key in ((le["class_id"], le["module_id"], le.get("subgroup") or 0) for le in lessons):
        count[key] += 1
    return count


def requirement_units(inst: Instance) -> list[tuple[int, int, int, int, int]]:
    """(requirement id, class, module, subgroup, hours) per group that must take the module."""
    units = []
    explicit: dict[tuple[int, int], int] = defaultdict(int)
    for r in inst.requirements:
        if r.subgroup:
            explicit[(r.class_id, r.module_id)] += 1
    for r in inst.requirements:
        if r.class_id not in inst.classes:
            continue
        if r.subgroup or (r.class_id, r.module_id) in explicit:
            units.append((r.id, r.class_id, r.module_id, r.subgroup, r.hours))
            continue
        n = inst.split_count(r.class_id, r.module_id)
        if n == 1:
            units.append((r.id, r.class_id, r.module_id, 0, r.hours))
        else:
            units.extend((r.id, r.class_id, r.module_id, k, r.hours) for k in range(1, n + 1))
    return units


def check_hours(inst: Instance, lessons: list[dict]) -> list[dict]:
    count = placed_hours(inst, lessons)
    names = _Names(inst)
    out = []
    sub_sum: dict[tuple[int, int], int] = defaultdict(int)
    for (c2, m2, s2), v in count.items():
        if s2:
            sub_sum[(c2, m2)] += v
    for req_id, cid, mid, sub, hours in requirement_units(inst):
        whole = count.get((cid, mid, 0), 0)
        placed = whole + (count.get((cid, mid, sub), 0) if sub else sub_sum.get((cid, mid), 0))
        if placed < hours:
            m = inst.modules.get(mid)
            out.append({
                "kind": "hours_unplaced",
                "message": translate("Schedule", "{0}: модуль «{1}» — размещено {2} ч из {3}.").format(
                    names.cls(cid, sub), m.name if m else mid, placed, hours),
                "lesson_ids": [], "requirement_id": req_id, "class": names.cls(cid, sub),
                "school": names.school(cid), "module": m.name if m else None,
                "placed": placed, "hours": hours,
            })
    return out
