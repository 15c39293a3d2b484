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
    ProgrammeModule,
    Requirement,
    School,
    SchoolClass,
    Term,
    TimeSlot,
    WorkshopModule,
)

SCHOOLS = [
    ("МБОУ «Средняя школа № 2»", "606000, г. Дзержинск, ул. Гайдара, д. 8", "Директор Климова Н. В., (8313) 25-14-02",
     "Климова Наталья Владимировна", "СП-02/2026"),
    ("МБОУ «Гимназия № 38»", "606019, г. Дзержинск, пр. Ленина, д. 102а", "Зам. директора Пахомова И. С., (8313) 32-38-11",
     "Кузнецов Павел Андреевич", "СП-38/2026"),
    ("МБОУ «Средняя школа № 7»", "606008, г. Дзержинск, ул. Чкалова, д. 13", "Директор Голубев А. П., (8313) 26-07-45",
     "Голубев Алексей Петрович", "СП-07/2026"),
    ("МБОУ «Лицей № 21»", "606023, г. Дзержинск, пр. Циолковского, д. 55", "Зам. директора Савина О. Л., (8313) 34-21-90",
     "Фролова Елена Михайловна", "СП-21/2026"),
    ("МБОУ «Средняя школа № 24»", "606033, г. Дзержинск, ул. Грибоедова, д. 20", "Директор Морозов С. Е., (8313) 28-24-16",
     "Морозов Сергей Евгеньевич", "СП-24/2026"),
    ("МБОУ «Средняя школа № 39»", "606037, г. Дзержинск, ул. Пирогова, д. 37", "Директор Яковлева Т. Г., (8313) 27-39-03",
     "Яковлева Татьяна Геннадьевна", "СП-39/2026"),
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

# (name, hours, max group, workshop kinds keywords, kind, module of the federal work programme)
# Профпробы are career-guidance hours (counted apart); the lesson modules of «Труд (технология)» map to
# the modules of the ФРП and keep every class within 34 lesson hours a year.
MODULES = [
    ("Профпроба «Лаборант химического анализа»", 8, 15, "анализ", "guidance", None),
    ("Профпроба «Аппаратчик-оператор»", 8, 15, "технолог", "guidance", None),
    ("Профпроба «Лаборант по контролю качества полимеров»", 6, 15, "полимер", "guidance", None),
    ("Профпроба «Эколог-аналитик»", 6, 15, "окружающ", "guidance", None),
    ("Профпроба «Оператор 3D-печати»", 6, 15, "аддитив", "guidance", None),
    ("Профпроба «Химик-технолог: от молекулы к продукту»", 8, 15, "химическ", "guidance", None),
    ("Химическое производство региона", 6, None, "технолог", "lesson", "Производство и технологии"),
    ("Схемы химических установок", 4, None, "анализ", "lesson", "Компьютерная графика. Черчение"),
    ("Прототипирование лабораторной оснастки", 10, None, "полимер", "lesson",
     "3D-моделирование, прототипирование, макетирование"),
]
LESSON_MODULES = (6, 7, 8)

# pupils a workshop takes at a lesson (its exam workplaces are fewer): half a class
LESSON_PUPILS = 15

# every module has at least two instructors: a class larger than a workshop comes as two halves at once
INSTRUCTORS = [
    ("Орлов Дмитрий Сергеевич", [0, 1, 2, 3, 4], [0, 5, 3, 6], "orlov@dht-nn.ru"),
    ("Белова Наталья Игоревна", [0, 1, 2, 3], [1, 5, 7], "belova@dht-nn.ru"),
    ("Лебедев Андрей Викторович", [1, 2, 3, 4], [2, 4, 6, 8], "lebedev@dht-nn.ru"),
    ("Григорьева Татьяна Павловна", [0, 2, 3, 4], [3, 0, 7], "grigorieva@dht-nn.ru"),
    ("Соколов Игорь Николаевич", [0, 1, 2, 3, 4], [4, 1, 2, 5, 8, 7], "sokolov@dht-nn.ru"),
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
]  # public holidays (4 November, 23 February, 8 March, May …) come from the production calendar


def _time(s: str) -> dt.time:
    h, m = s.split(":")
    return dt.time(int(h), int(m))


def load(session, rng: random.Random) -> None:
    schools = []
    for name, address, contact, director, agreement in SCHOOLS:
        sc = School(name=name, address=address, contact=contact, director=director, agreement=agreement)
        session.add(sc)
        schools.append(sc)
    session.flush()
    classes = []
    for si, name, pupils, days in CLASSES:
        c = SchoolClass(school_id=schools[si].id, name=name, pupils=pupils,
                        availability={"weekdays": days, "slots": [1, 2, 3, 4, 5, 6]})
        session.add(c)
        classes.append(c)
    programme = dict(session.execute(select(ProgrammeModule.name, ProgrammeModule.id)).all())
    modules = []
    for name, hours, max_group, kinds, kind, frp in MODULES:
        m = CourseModule(name=name, hours=hours, max_group=max_group, workshop_kinds=kinds, kind=kind,
                         programme_module_id=programme.get(frp),
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
    # each half-year a class takes one lesson module of «Труд (технология)» (at most 6 + 10 = 16 of its 34
    # hours a year at the college) and, two classes in three, one профпроба (guidance hours)
    for ci, c in enumerate(classes):
        for half, t in enumerate(terms):
            chosen = [modules[LESSON_MODULES[(ci + half) % len(LESSON_MODULES)]]]
            if ci % 3:
                chosen.append(modules[(ci + 2 * half) % 6])
            for m in chosen:
                session.add(Requirement(term_id=t.id, class_id=c.id, module_id=m.id, subgroup=0, hours=m.hours))
    workshops = list(session.scalars(select(Workshop).order_by(Workshop.id)))
    if not workshops:
        session.flush()
        return
    for w in workshops:
        w.lesson_pupils = LESSON_PUPILS
    for k, (m, (_n, _h, _g, kinds, _kind, _frp)) in enumerate(zip(modules, MODULES, strict=True)):
        hits = [w for w in workshops if kinds in w.name.lower()]
        # two distinct workshops per module: a class of more than 15 comes as two halves at the same hours
        chosen = list({w.id: w for w in hits + [workshops[(k + j) % len(workshops)]
                                                  for j in range(len(workshops))]}.values())[:2]
        for w in chosen:
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
    if lock_first:  # the first visit of each class in September is fixed (both halves of a split visit)
        first: dict[int, tuple] = {}
        for r in sorted(rows, key=lambda r: (r["date"], r["slot_id"])):
            if r["date"] < dt.date(2026, 10, 1):
                first.setdefault(r["class_id"], (r["date"], r["slot_id"]))
        for r in rows:
            if first.get(r["class_id"]) == (r["date"], r["slot_id"]):
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
        # career-guidance modules (профпробы): their hours are not bounded by the subject's 34-hour cap
        m = CourseModule(name=f"Модуль {tag}-{k + 1}", hours=module_hours[k % len(module_hours)], kind="guidance")
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
