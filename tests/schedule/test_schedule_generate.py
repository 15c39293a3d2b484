"""Generation of a term with CP-SAT, verified by an independent checker; locks; bad input; a large
instance; the clash checker's kinds and speed."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from chemcluster_desktop.services import context
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import Cancelled, PermissionDenied, ValidationError
from tests.schedule.helpers import (
    TERM,
    hours_missing,
    independent_violations,
    load_all,
    shown,
    small_instance,
)

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL


def test_small_instance_generates_clash_free(db):
    ids = small_instance()
    res = svc.generate(TERM)
    assert res["placed"] > 0 and res["unplaced"] == 0, res["reasons"]
    data = load_all(ids["term"])
    assert independent_violations(data) == []
    assert hours_missing(data) == 0
    # the class of 26 pupils is split for the 14-place workshop (module 1) into subgroups
    subs = {le["subgroup"] for le in data["lessons"] if le["class_id"] == ids["classes"][2]
            and le["module_id"] == ids["m1"]}
    assert subs == {1, 2}
    assert svc.check_conflicts(ids["term"]) == []
    assert svc.pupils_reached(TERM) == 24 + 18 + 26
    assert svc.pupils_reached() == 24 + 18 + 26
    # same weekday each week: every class/module block comes on one weekday
    days = {}
    for le in data["lessons"]:
        days.setdefault((le["class_id"], le["module_id"], le["subgroup"]), set()).add(le["date"].weekday())
    assert all(len(v) == 1 for v in days.values())


def test_locked_lessons_stay_on_regeneration(db):
    ids = small_instance()
    svc.generate(TERM)
    data = load_all(ids["term"])
    keep = sorted(data["lessons"], key=lambda le: (le["date"], le["slot"]))[:3]
    svc.set_locked([le["id"] for le in keep], True, versions=shown(le["id"] for le in keep))
    res = svc.generate(TERM)
    assert res["locked"] >= 3 and res["unplaced"] == 0  # a half of a visit locks its other half
    after = load_all(ids["term"])
    kept = {le["id"]: le for le in after["lessons"] if le["locked"]}
    assert set(kept) >= {le["id"] for le in keep}
    for le in keep:
        assert kept[le["id"]]["date"] == le["date"] and kept[le["id"]]["slot"] == le["slot"]
    assert independent_violations(after) == []
    assert hours_missing(after) == 0


def test_module_without_instructor_is_refused_as_load(db):
    ids = small_instance()
    mid = svc.create_module({"name": "Профпроба «Без преподавателя»", "hours": 4, "workshop_ids": [ids["w2"]]})
    with pytest.raises(ValidationError, match="«Профпроба «Без преподавателя»» не ведёт ни один преподаватель"):
        svc.create_requirement({"term_id": ids["term"], "class_id": ids["classes"][0], "module_id": mid})
    assert not [r for r in svc.list_requirements(ids["term"]) if r["module_id"] == mid]


def test_unplaced_reason_names_the_bottleneck(db):
    """Every class may come only on Monday, lessons 1–2: the one 26-place workshop of module 2 holds one
    class a week there, so the others are left out — and the reason names that workshop and who holds it."""
    ids = small_instance()
    for c in svc.list_classes():
        svc.update_class(c["id"], {**c, "weekdays": [0], "slots": [1, 2]}, version=c["version"])
    for i in svc.list_instructors():
        svc.update_instructor(i["id"], {**i, "weekdays": [0, 1, 2, 3, 4], "slots": []}, version=i["version"])
    res = svc.generate(TERM, time_limit=5)
    assert res["unplaced"] > 0
    reasons = [r["reason"] for r in res["reasons"]]
    assert all("может прийти в Пн, уроки 1–2" in r for r in reasons), reasons
    named = [r for r in reasons if "мастерская «" in r or "преподаватель " in r or "у класса уже другие модули: «" in r]
    assert named == reasons, reasons
    # the reasons are not one fixed text: they name the resource and the classes holding it
    assert any("8А (МБОУ «Средняя школа №" in r for r in reasons), reasons
    data = load_all(ids["term"])
    assert independent_violations(data) == []


def test_bad_input_refused_before_generation(db):
    ids = small_instance()
    with pytest.raises(ValidationError, match="больше нуля"):
        svc.create_class({"school_id": 1, "name": "8Я", "pupils": 0})
    with pytest.raises(ValidationError, match="окончание"):
        svc.create_slot({"number": 7, "starts_at": "15:00", "ends_at": "14:10"})
    with pytest.raises(ValidationError, match="пересекаются"):
        svc.create_slot({"number": 7, "starts_at": "13:30", "ends_at": "14:20"})
    with pytest.raises(ValidationError, match="раньше"):
        svc.create_term({"name": "Ошибка", "starts_on": dt.date(2027, 1, 10), "ends_on": dt.date(2026, 12, 1)})
    with pytest.raises(ValidationError, match="только"):
        svc.create_requirement({"term_id": ids["term"], "class_id": ids["classes"][0], "module_id": ids["m1"],
                                "hours": 999, "subgroup": 3})
    # data that slipped in another way (import, old version) is still refused before generation
    from chemcluster_desktop.storage.schedule import SchoolClass

    with context.uow() as s:
        s.get(SchoolClass, ids["classes"][1]).pupils = 0
    before = svc.summary(ids["term"])["lessons"]
    with pytest.raises(ValidationError, match="Генерация не начата"):
        svc.generate(TERM)
    assert svc.summary(ids["term"])["lessons"] == before


def test_generate_needs_the_right_and_can_be_cancelled(db, as_role):
    small_instance()
    with as_role("viewer"), pytest.raises(PermissionDenied):
        svc.generate(TERM)
    with pytest.raises(Cancelled):
        svc.generate(TERM, cancelled=lambda: True)
    assert svc.summary(None)["lessons"] == 0


def test_resolve_term_current(db):
    small_instance()
    assert svc.resolve_term("current", today=dt.date(2026, 11, 26))["name"] == TERM
    assert svc.resolve_term("current", today=dt.date(2026, 6, 1))["name"] == TERM  # the next one
    with pytest.raises(Exception, match="не найден"):
        svc.resolve_term("Нет такого")


def test_hand_lesson_clash_refused_and_move(db):
    ids = small_instance()
    slots = svc.list_slots()
    day = dt.date(2026, 9, 7)  # Monday; class 0 may come on Mon/Wed
    base = {"class_id": ids["classes"][0], "module_id": ids["m1"], "instructor_id": ids["i1"],
            "workshop_id": ids["w2"], "date": day, "slot_id": slots[0]["id"]}
    assert any(c["kind"] == "module_not_allowed" for c in svc.lesson_clashes(base))
    base["workshop_id"] = ids["w1"]
    base["class_id"] = ids["classes"][1]  # 18 pupils > 14 places
    kinds = {c["kind"] for c in svc.lesson_clashes(base)}
    assert "capacity" in kinds and "class_time" in kinds
    base["class_id"] = ids["classes"][0]
    base.update(subgroup=1, pupils=12)
    lid = svc.create_lesson(base)
    other = dict(base, subgroup=2, instructor_id=ids["i3"], workshop_id=ids["w1"])
    with pytest.raises(ValidationError, match="занята"):
        svc.create_lesson(other)
    other["workshop_id"] = ids["w2"]
    other["module_id"] = ids["m3"]
    svc.create_lesson(other)  # the other subgroup, another workshop, same time: allowed
    with pytest.raises(ValidationError, match="каникулы"):
        svc.move_lesson(lid, dt.date(2026, 10, 26), slots[0]["id"], version=shown([lid])[lid])
    svc.move_lesson(lid, day, slots[2]["id"], version=shown([lid])[lid])
    assert svc.get_lesson(lid)["slot_id"] == slots[2]["id"]


def test_checker_finds_every_kind_fast(db):
    from chemcluster_desktop.services.schedule.check import check

    ids = small_instance()
    inst = svc.load_instance(ids["term"])
    slot = inst.slots[0].id
    day = dt.date(2026, 9, 7)
    le = {"class_id": ids["classes"][0], "subgroup": 0, "pupils": None, "module_id": ids["m1"],
          "instructor_id": ids["i2"], "workshop_id": ids["w2"], "date": day, "slot_id": slot}
    lessons = [dict(le, id=1), dict(le, id=2),  # workshop, instructor and class double-booked
               dict(le, id=3, date=dt.date(2026, 10, 27)),  # holiday; Tuesday: class cannot come
               dict(le, id=4, date=dt.date(2027, 2, 1)),  # outside the term
               dict(le, id=5, class_id=ids["classes"][1], workshop_id=ids["w1"], instructor_id=ids["i1"],
                    date=dt.date(2026, 9, 15), slot_id=inst.slots[1].id)]  # 18 > 14 places; Орлов away
    found = check(inst, lessons)
    kinds = {c["kind"] for c in found}
    assert kinds == {"workshop_double", "instructor_double", "class_double", "holiday", "outside_term",
                     "class_time", "instructor_unavailable", "module_not_allowed", "instructor_not_qualified",
                     "hours_unplaced", "capacity"}
    double = next(c for c in found if c["kind"] == "workshop_double")
    assert sorted(double["lesson_ids"]) == [1, 2] and double["workshop"] and double["date"] == "2026-09-07"
    # 10,000 clean lessons (25 workshops, 25 instructors, 250 classes in memory): grouping, not pairwise
    from chemcluster_desktop.services.schedule.data import ClassInfo, InstructorInfo, WorkshopInfo

    for k in range(25):
        inst.workshops[1000 + k] = WorkshopInfo(1000 + k, f"W{k}", 30)
        inst.instructors[1000 + k] = InstructorInfo(1000 + k, f"I{k}")
        inst.workshop_modules.add((1000 + k, ids["m1"]))
        inst.instructor_modules.add((1000 + k, ids["m1"]))
    for k in range(250):
        inst.classes[1000 + k] = ClassInfo(1000 + k, 1, f"8-{k}", 20)
    inst.requirements = []
    dates = sorted(d for wd in range(5) for d in inst.teaching_dates(wd))
    big = []
    for n in range(10_000):
        cell, k = divmod(n, 25)
        day, slot = divmod(cell, 6)
        big.append({"id": n, "class_id": 1000 + (k * 10 + cell) % 250,
                    "subgroup": 0, "pupils": None, "module_id": ids["m1"], "instructor_id": 1000 + k,
                    "workshop_id": 1000 + k, "date": dates[day], "slot_id": inst.slots[slot].id})
    took = 9.9
    for _ in range(3):
        t = time.perf_counter()
        found = check(inst, big)
        took = min(took, time.perf_counter() - t)
    assert found == []
    assert took < 30, took  # hang guard only: the figure (≈ 200 ms) is measured by bench/


@pytest.mark.slow
def test_large_instance_under_limits(db):
    from chemcluster_desktop.services.schedule.demo import build_synthetic

    with context.uow() as s:
        name = build_synthetic(s)
    t = time.monotonic()
    res = svc.generate(name)
    took = time.monotonic() - t
    assert took < 300, took  # hang guard only: ≈ 7 s on an idle 2-core machine, measured by bench/
    term = svc.resolve_term(name)
    data = load_all(term["id"])
    assert independent_violations(data) == []
    assert res["unplaced"] <= res["placed"] * 0.02, res["reasons"][:3]
    t = time.perf_counter()
    svc.check_conflicts(term["id"])
    assert time.perf_counter() - t < 60  # hang guard only
