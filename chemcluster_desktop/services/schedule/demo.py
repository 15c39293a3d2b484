"""Demo data of the schedule area, and a builder of large synthetic instances (bench, tests).

``load(session, rng)`` runs inside the demo's single transaction after the accreditation demo: it
uses the workshops that demo created (none → no workshop mapping and no lessons).
``build_synthetic(session, ...)`` makes an instance of any size (the bench: 60 classes of 20
schools, 10 workshops, 15 instructors, 6 modules, a 34-week term) and returns the term's name.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select

from chemcluster_desktop.services.schedule.instance import load_instance_in
from chemcluster_desktop.services.schedule.solver import solve
from chemcluster_desktop.storage.accreditation import Workshop
from chemcluster_desktop.storage.schedule import (
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

SCHOOLS = [
    ("МБОУ «Средняя школа № 2»", "606000, г. Дзержинск, ул. Гайдара, д. 8", "Директор Климова Н. В., (8313) 25-14-02"),
    ("МБОУ «Гимназия № 38»", "606019, г. Дзержинск, пр. Ленина, д. 102а", "Зам. директора Пахомова И. С., (8313) 32-38-11"),
    ("МБОУ «Средняя школа № 7»", "606008, г. Дзержинск, ул. Чкалова, д. 13", "Директор Голубев А. П., (8313) 26-07-45"),
    ("МБОУ «Лицей № 21»", "606023, г. Дзержинск, пр. Циолковского, д. 55", "Зам. директора Савина О. Л., (8313) 34-21-90"),
    ("МБОУ «Средняя школа № 24»", "606033, г. Дзержинск, ул. Грибоедова, д. 20", "Директор Морозов С. Е., (8313) 28-24-16"),
    ("МБОУ «Средняя школа № 39»", "606037, г. Дзержинск, ул. Пирогова, д. 37", "Директор Яковлева Т. Г., (8313) 27-39-03"),
]

# (school index, class, pupils, weekdays)
CLASSES = [
    (0, "8А", 26, [1, 3]), (0, "8Б", 24, [1, 3]),
    (1, "8А", 28, [0, 2]), (1, "8Б", 25, [0, 2]), (1, "8В", 21, [4]),
    (2, "8А", 22, [2, 4]), (2, "8Б", 19, [2, 4]),
    (3, "8А", 29, [0, 3]), (3, "8Б", 27, [1, 4]),
    (4, "8А", 23, [0, 1]), (4, "8Б", 18, [3, 4]),
    (5, "8А", 25, [1, 2]), (5, "8Б", 20, [0, 4]),
]

# (name, hours, max group, workshop kinds keywords)
MODULES = [
    ("Профпроба «Лаборант химического анализа»", 12, 14, "анализ"),
    ("Профпроба «Аппаратчик-оператор»", 12, 14, "технолог"),
    ("Профпроба «Лаборант по контролю качества полимеров»", 8, 14, "полимер"),
    ("Профпроба «Эколог-аналитик»", 8, 14, "окружающ"),
    ("Профпроба «Оператор 3D-печати»", 10, 12, "аддитив"),
    ("Профпроба «Химик-технолог: от молекулы к продукту»", 16, 14, "химическ"),
]

INSTRUCTORS = [
    ("Орлов Дмитрий Сергеевич", [0, 1, 2, 3, 4], [0, 5], "orlov@dht-nn.ru"),
    ("Белова Наталья Игоревна", [0, 1, 2, 3], [1, 5], "belova@dht-nn.ru"),
    ("Лебедев Андрей Викторович", [1, 2, 3, 4], [2, 4], "lebedev@dht-nn.ru"),
    ("Григорьева Татьяна Павловна", [0, 2, 3, 4], [3, 0], "grigorieva@dht-nn.ru"),
    ("Соколов Игорь Николаевич", [0, 1, 2, 3, 4], [4, 1, 2, 5], "sokolov@dht-nn.ru"),
]

BELLS = [("08:30", "09:15"), ("09:25", "10:10"), ("10:25", "11:10"), ("11:25", "12:10"), ("12:20", "13:05"),
         ("13:15", "14:00")]

TERMS = [
    ("2026/27, 1 полугодие", dt.date(2026, 9, 1), dt.date(2026, 12, 28)),
    ("2026/27, 2 полугодие", dt.date(2027, 1, 11), dt.date(2027, 5, 29)),
]

HOLIDAYS = [
    ("Осенние каникулы", dt.date(2026, 10, 26), dt.date(2026, 11, 3)),
    ("Зимние каникулы", dt.date(2026, 12, 29), dt.date(2027, 1, 10)),
    ("Весенние каникулы", dt.date(2027, 3, 22), dt.date(2027, 3, 31)),
    ("День защитника Отечества", dt.date(2027, 2, 23), dt.date(2027, 2, 23)),
]


def _time(s: str) -> dt.time:
    h, m = s.split(":")
    return dt.time(int(h), int(m))


def load(session, rng: random.Random) -> None:
    schools = []
    for name, address, contact in SCHOOLS:
        sc = School(name=name, address=address, contact=contact)
        session.add(sc)
        schools.append(sc)
    session.flush()
    classes = []
    for si, name, pupils, days in CLASSES:
        c = SchoolClass(school_id=schools[si].id, name=name, pupils=pupils,
                        availability={"weekdays": days, "slots": [1, 2, 3, 4, 5, 6]})
        session.add(c)
        classes.append(c)
    modules = []
    for name, hours, max_group, kinds in MODULES:
        m = CourseModule(name=name, hours=hours, max_group=max_group, workshop_kinds=kinds,
                         description="Практическое занятие в мастерской техникума для учащихся 8-х классов")
        session.add(m)
        modules.append(m)
    session.flush()
    instructors = []
    for name, days, mods, contact in INSTRUCTORS:
        i = Instructor(full_name=name, contact=contact,
                       availability={"weekdays": days, "slots": [1, 2, 3, 4, 5, 6],
                                     "unavailable_dates": ["2026-12-15"] if name.startswith("Белова") else []})
        session.add(i)
        instructors.append((i, mods))
    session.flush()
    for i, mods in instructors:
        for k in mods:
            session.add(InstructorModule(instructor_id=i.id, module_id=modules[k].id))
    for n, (a, b) in enumerate(BELLS, start=1):
        session.add(TimeSlot(number=n, starts_at=_time(a), ends_at=_time(b)))
    terms = []
    for name, a, b in TERMS:
        t = Term(name=name, starts_on=a, ends_on=b)
        session.add(t)
        terms.append(t)
    for name, a, b in HOLIDAYS:
        session.add(Holiday(name=name, starts_on=a, ends_on=b))
    session.flush()
    # each class takes two modules in each half-year (rotating)
    for ci, c in enumerate(classes):
        for half, t in enumerate(terms):
            for k in range(2 if ci % 3 else 1):
                m = modules[(ci + k + 2 * half) % len(modules)]
                session.add(Requirement(term_id=t.id, class_id=c.id, module_id=m.id, subgroup=0, hours=m.hours))
    workshops = list(session.scalars(select(Workshop).order_by(Workshop.id)))
    if not workshops:
        session.flush()
        return
    for k, (m, (_n, _h, _g, kinds)) in enumerate(zip(modules, MODULES, strict=True)):
        hits = [w for w in workshops if kinds in w.name.lower()]
        chosen = (hits + [workshops[(k + j) % len(workshops)] for j in range(len(workshops))])[:2]
        for w in {w.id: w for w in chosen}.values():
            session.add(WorkshopModule(workshop_id=w.id, module_id=m.id))
    session.flush()
    _generate_in_session(session, terms[0].id, lock_first=True)


def _generate_in_session(session, term_id: int, *, lock_first: bool = False, time_limit: float = 3.0) -> dict:
    """Generation inside an open session (the demo's transaction): no service-level unit of work."""
    inst = load_instance_in(session, term_id)
    res = solve(inst, [], time_limit=time_limit, workers=1)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [{**le, "term_id": term_id, "locked": False, "generated": True, "created_at": now, "updated_at": now,
             "version": 1} for le in res.lessons]
    if lock_first:
        seen = set()
        for r in rows:
            if r["class_id"] not in seen and r["date"] < dt.date(2026, 10, 1):
                seen.add(r["class_id"])
                r["locked"] = True
    for k in range(0, len(rows), 500):
        session.execute(insert(Lesson), rows[k:k + 500])
    return {"placed": len(rows), "unplaced": sum(u["hours"] for u in res.unplaced)}


def build_synthetic(session, *, schools: int = 20, classes: int = 60, workshops: int = 10, instructors: int = 15,
                    modules: int = 6, weeks: int = 34, seed: int = 1, start: dt.date = dt.date(2026, 9, 1),
                    module_hours: tuple[int, ...] = (8, 10, 12, 16), workplaces: tuple[int, int] = (24, 30),
                    class_weekdays: int = 3, term_name: str | None = None) -> str:
    """A synthetic instance in the open session; returns the term's name. Deterministic from ``seed``.

    Every class takes every module; each module is hosted by 3 workshops and taught by 3-4
    instructors; classes may come on ``class_weekdays`` weekdays, slots 1..6.
    """
    rng = random.Random(seed)
    tag = f"S{seed}"
    ws = []
    for k in range(workshops):
        w = Workshop(name=f"Мастерская {tag}-{k + 1}", workplaces=rng.randint(*workplaces))
        session.add(w)
        ws.append(w)
    mods = []
    for k in range(modules):
        m = CourseModule(name=f"Модуль {tag}-{k + 1}", hours=module_hours[k % len(module_hours)])
        session.add(m)
        mods.append(m)
    session.flush()
    existing_slots = list(session.scalars(select(TimeSlot)))
    if not existing_slots:
        for n, (a, b) in enumerate(BELLS, start=1):
            session.add(TimeSlot(number=n, starts_at=_time(a), ends_at=_time(b)))
    for k, m in enumerate(mods):
        for j in range(3):
            session.add(WorkshopModule(workshop_id=ws[(k * 3 + j) % workshops].id, module_id=m.id))
    ins = []
    for k in range(instructors):
        i = Instructor(full_name=f"Преподаватель {tag}-{k + 1}", availability={"weekdays": [0, 1, 2, 3, 4]})
        session.add(i)
        ins.append(i)
    session.flush()
    pairs = set()
    for k, i in enumerate(ins):
        pairs.add((i.id, mods[k % modules].id))
        pairs.add((i.id, mods[(k + 2) % modules].id))
    for i_id, m_id in sorted(pairs):
        session.add(InstructorModule(instructor_id=i_id, module_id=m_id))
    sch = []
    for k in range(schools):
        s = School(name=f"Школа {tag}-{k + 1}")
        session.add(s)
        sch.append(s)
    session.flush()
    cls = []
    for k in range(classes):
        days = sorted(rng.sample(range(5), class_weekdays))
        c = SchoolClass(school_id=sch[k % schools].id, name=f"8{'АБВГДЕЖЗ'[k // schools % 8]}{k}",
                        pupils=rng.randint(18, 29), availability={"weekdays": days})
        session.add(c)
        cls.append(c)
    name = term_name or f"Синтетический период {tag}"
    t = Term(name=name, starts_on=start, ends_on=start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1))
    session.add(t)
    session.flush()
    session.execute(insert(Requirement), [
        {"term_id": t.id, "class_id": c.id, "module_id": m.id, "subgroup": 0, "hours": m.hours}
        for c in cls for m in mods])
    session.flush()
    return name


def add_holidays(session, items: list[tuple[str, dt.date, dt.date]]) -> None:
    for name, a, b in items:
        session.add(Holiday(name=name, starts_on=a, ends_on=b))
