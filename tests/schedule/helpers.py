"""Shared helpers of the schedule tests: small instances built through the services, and an
INDEPENDENT checker of the hard rules (written here, not the generator's own word)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import select

from chemcluster_desktop.services import context
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.schedule import (
    CalendarDay,
    CourseModule,
    Holiday,
    Instructor,
    InstructorModule,
    Lesson,
    Requirement,
    School,
    SchoolClass,
    Term,
    TimeSlot,
    WorkshopModule,
)

TERM = "Тестовый период"


def make_workshop(name: str, workplaces: int) -> int:
    with context.uow() as s:
        w = Workshop(name=name, workplaces=workplaces)
        s.add(w)
        s.flush()
        return w.id


def small_instance(*, pupils=(24, 18, 26), workplaces=(14, 26), term_days=(dt.date(2026, 9, 1),
                                                                            dt.date(2026, 12, 25))) -> dict:
    """3 schools' classes, 3 workshops, 3 instructors, 3 modules, autumn holidays, 6 bells.

    Module 1 is held in two 14-place workshops, so a class of more than 14 comes as two halves at the
    same hours (with instructors 1 and 3); modules 2 and 3 take the whole class in the 26-place one."""
    ids: dict = {"classes": []}
    for n, (a, b) in enumerate([("08:30", "09:15"), ("09:25", "10:10"), ("10:25", "11:10"), ("11:25", "12:10"),
                                ("12:20", "13:05"), ("13:15", "14:00")], start=1):
        svc.create_slot({"number": n, "starts_at": a, "ends_at": b})
    ids["term"] = svc.create_term({"name": TERM, "starts_on": term_days[0], "ends_on": term_days[1]})
    svc.create_holiday({"name": "Осенние каникулы", "starts_on": dt.date(2026, 10, 26), "ends_on": dt.date(2026, 11, 3)})
    ids["w1"] = make_workshop("Мастерская «Лабораторный химический анализ»", workplaces[0])
    ids["w2"] = make_workshop("Мастерская «Химическая технология»", workplaces[1])
    ids["w3"] = make_workshop("Мастерская «Аналитический контроль»", workplaces[0])
    ids["m1"] = svc.create_module({"name": "Профпроба «Лаборант химического анализа»", "hours": 8, "max_group": None,
                                   "workshop_ids": [ids["w1"], ids["w3"]]})
    ids["m2"] = svc.create_module({"name": "Профпроба «Аппаратчик-оператор»", "hours": 12,
                                   "workshop_ids": [ids["w2"]]})
    ids["m3"] = svc.create_module({"name": "Профпроба «Эколог»", "hours": 6, "workshop_ids": [ids["w1"], ids["w2"]]})
    ids["i1"] = svc.create_instructor({"full_name": "Орлов Дмитрий Сергеевич", "weekdays": [0, 1, 2, 3, 4],
                                       "module_ids": [ids["m1"], ids["m3"]],
                                       "unavailable_dates": ["2026-09-15"]})
    ids["i2"] = svc.create_instructor({"full_name": "Белова Наталья Игоревна", "weekdays": [1, 2, 3],
                                       "slots": [1, 2, 3, 4], "module_ids": [ids["m2"]]})
    ids["i3"] = svc.create_instructor({"full_name": "Соколов Игорь Николаевич", "weekdays": [0, 1, 2, 3, 4],
                                       "module_ids": [ids["m1"], ids["m2"], ids["m3"]]})
    for k, p in enumerate(pupils):
        sid = svc.create_school({"name": f"МБОУ «Средняя школа № {k + 2}»", "address": "г. Дзержинск"})
        cid = svc.create_class({"school_id": sid, "name": "8А", "pupils": p, "weekdays": [k % 5, (k + 2) % 5],
                                "slots": [1, 2, 3, 4, 5, 6]})
        ids["classes"].append(cid)
    svc.add_all_requirements(ids["term"])
    return ids


def load_all(term_id: int) -> dict:
    """Everything the independent checker needs, read straight from the tables."""
    with context.read() as s:
        t = s.get(Term, term_id)
        return {
            "term": (t.starts_on, t.ends_on),
            "lessons": [dict(id=le.id, class_id=le.class_id, subgroup=le.subgroup, pupils=le.pupils,
                             module_id=le.module_id, instructor_id=le.instructor_id, workshop_id=le.workshop_id,
                             date=le.date, slot=s.get(TimeSlot, le.slot_id).number, locked=le.locked)
                        for le in s.scalars(select(Lesson).where(Lesson.term_id == term_id))],
            "classes": {c.id: (c.pupils, c.availability or {}) for c in s.scalars(select(SchoolClass))},
            "workshops": {w.id: w.workplaces for w in s.scalars(select(Workshop))},
            "modules": {m.id: m.max_group for m in s.scalars(select(CourseModule))},
            "instructors": {i.id: i.availability or {} for i in s.scalars(select(Instructor))},
            "wm": {(r.workshop_id, r.module_id) for r in s.scalars(select(WorkshopModule))},
            "im": {(r.instructor_id, r.module_id) for r in s.scalars(select(InstructorModule))},
            "holidays": [(h.starts_on, h.ends_on) for h in s.scalars(select(Holiday))]
            + [(d.date, d.date) for d in s.scalars(select(CalendarDay).where(CalendarDay.kind == "off"))],
            "max_parallel": {c.id: c.max_parallel or c.school.max_parallel for c in s.scalars(select(SchoolClass))},
            "reqs": [(r.class_id, r.module_id, r.subgroup, r.hours)
                     for r in s.scalars(select(Requirement).where(Requirement.term_id == term_id))],
            "schools": {x.id for x in s.scalars(select(School))},
        }


def independent_violations(data: dict) -> list[str]:
    """Every broken hard rule, by brute force over the raw rows (no code shared with the services)."""
    bad = []
    lessons = data["lessons"]
    seen_ws, seen_ins = Counter(), Counter()
    by_class = defaultdict(list)
    for le in lessons:
        key = (le["date"], le["slot"])
        seen_ws[(le["workshop_id"],) + key] += 1
        if le["instructor_id"]:
            seen_ins[(le["instructor_id"],) + key] += 1
        by_class[(le["class_id"],) + key].append(le["subgroup"])
        pupils, av = data["classes"][le["class_id"]]
        size = le["pupils"] or pupils
        if size > data["workshops"][le["workshop_id"]]:
            bad.append(f"capacity {le}")
        max_group = data["modules"][le["module_id"]]
        if max_group and size > max_group:
            bad.append(f"max group {le}")
        if any(a <= le["date"] <= b for a, b in data["holidays"]):
            bad.append(f"holiday {le}")
        if not data["term"][0] <= le["date"] <= data["term"][1]:
            bad.append(f"outside term {le}")
        if le["date"].weekday() not in av.get("weekdays", [0, 1, 2, 3, 4]) or (
                av.get("slots") and le["slot"] not in av["slots"]):
            bad.append(f"class time {le}")
        ia = data["instructors"].get(le["instructor_id"], {})
        if le["date"].weekday() not in ia.get("weekdays", [0, 1, 2, 3, 4]) or (
                ia.get("slots") and le["slot"] not in ia["slots"]) or \
                le["date"].isoformat() in ia.get("unavailable_dates", []):
            bad.append(f"instructor unavailable {le}")
        if (le["workshop_id"], le["module_id"]) not in data["wm"]:
            bad.append(f"module not in workshop {le}")
        if (le["instructor_id"], le["module_id"]) not in data["im"]:
            bad.append(f"instructor not qualified {le}")
    bad += [f"workshop double {k}" for k, n in seen_ws.items() if n > 1]
    bad += [f"instructor double {k}" for k, n in seen_ins.items() if n > 1]
    for k, subs in by_class.items():
        if len(subs) > 1 and (0 in subs or len(set(subs)) < len(subs)):
            bad.append(f"class double {k} {subs}")
    # a class visit is whole, or every one of its (at most max_parallel) subgroups at the same hours
    groups = defaultdict(set)
    for le in lessons:
        if le["subgroup"]:
            groups[(le["class_id"], le["module_id"])].add(le["subgroup"])
    at = defaultdict(set)
    for le in lessons:
        if le["subgroup"]:
            at[(le["class_id"], le["module_id"], le["date"], le["slot"])].add(le["subgroup"])
    for (cid, mid, day, slot), subs in at.items():
        if subs != groups[(cid, mid)]:
            bad.append(f"scattered visit {cid} {mid} {day} {slot}: {sorted(subs)} of {sorted(groups[(cid, mid)])}")
    for (cid, _mid), subs in groups.items():
        if len(subs) > data["max_parallel"][cid]:
            bad.append(f"more parallel subgroups than allowed: class {cid} {sorted(subs)}")
    return bad


def hours_missing(data: dict) -> int:
    """Required hours not placed: every subgroup the class was split into must get the module's hours."""
    count = Counter((le["class_id"], le["module_id"], le["subgroup"]) for le in data["lessons"])
    missing = 0
    for cid, mid, _sub, hours in data["reqs"]:
        subs = {s for (c, m, s) in count if c == cid and m == mid}
        if not subs:
            missing += hours
            continue
        for s in subs:
            missing += max(0, hours - count[(cid, mid, s)] - (count[(cid, mid, 0)] if s else 0))
    return missing


def shown(ids) -> dict[int, int]:
    """The lessons' current versions (what a person's screen shows), for lock / delete / move calls."""
    with context.read() as s:
        return dict(s.execute(select(Lesson.id, Lesson.version).where(Lesson.id.in_(list(ids)))).all())
