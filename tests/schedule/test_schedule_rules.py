"""The rules a school follows (issue 15): the subject's hours cap, guidance hours apart, the federal
programme's modules, the production calendar, whole-class visits. Services over a real database."""

from __future__ import annotations

import datetime as dt

import pytest

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from tests.schedule.helpers import TERM, independent_violations, load_all, small_instance

pytestmark = pytest.mark.both_backends


def _load(term=TERM) -> dict:
    return {(r["school"], r["class"]): r for r in svc.load_hours(term)["classes"]}


def test_cap_of_lesson_hours_refuses_with_the_figure(db):
    ids = small_instance()  # every class: 8 + 12 + 6 = 26 lesson hours
    load = _load()
    assert {(r["lesson_hours"], r["cap"], r["guidance_hours"]) for r in load.values()} == {(26, 34, 0)}
    extra = svc.create_module({"name": "Робототехника: линия розлива", "hours": 10, "workshop_ids": [ids["w2"]],
                               "kind": "lesson"})
    i3 = next(i for i in svc.list_instructors() if i["id"] == ids["i3"])
    svc.update_instructor(ids["i3"], {**i3, "module_ids": [ids["m1"], ids["m2"], ids["m3"], extra]},
                          version=i3["version"])
    before = len(svc.list_requirements(ids["term"]))
    with pytest.raises(ValidationError) as e:
        svc.create_requirement({"term_id": ids["term"], "class_id": ids["classes"][0], "module_id": extra})
    assert "36 ч" in str(e.value) and "34 ч" in str(e.value) and "8А (МБОУ «Средняя школа № 2»)" in str(e.value)
    assert len(svc.list_requirements(ids["term"])) == before  # nothing written
    # the same hours as career guidance are counted apart and accepted
    guidance = svc.create_module({"name": "Профпроба «Оператор линии»", "hours": 10, "workshop_ids": [ids["w2"]],
                                  "kind": "guidance", "max_group": None})
    i3 = next(i for i in svc.list_instructors() if i["id"] == ids["i3"])
    svc.update_instructor(ids["i3"], {**i3, "module_ids": [ids["m1"], ids["m2"], ids["m3"], extra, guidance]},
                          version=i3["version"])
    svc.create_requirement({"term_id": ids["term"], "class_id": ids["classes"][0], "module_id": guidance})
    row = _load()[("МБОУ «Средняя школа № 2»", "8А")]
    assert (row["lesson_hours"], row["guidance_hours"], row["cap"]) == (26, 10, 34)
    # the cap is editable per term; lowering it under the load is refused with the figure
    term = svc.resolve_term(TERM)
    with pytest.raises(ValidationError, match="26 ч — больше предела 20 ч"):
        svc.update_term(term["id"], {**term, "hours_cap": 20}, version=term["version"])
    assert svc.resolve_term(TERM)["hours_cap"] == 34
    svc.update_term(term["id"], {**term, "hours_cap": 30}, version=term["version"])
    assert {r["cap"] for r in _load().values()} == {30}
    # a class may have its own cap
    c = next(c for c in svc.list_classes() if c["id"] == ids["classes"][1])
    svc.update_class(c["id"], {**c, "hours_cap": 28}, version=c["version"])
    assert _load()[("МБОУ «Средняя школа № 3»", "8А")]["cap"] == 28


def test_the_cap_counts_every_term_of_the_school_year(db):
    ids = small_instance()
    spring = svc.create_term({"name": "Весна", "starts_on": dt.date(2027, 1, 11), "ends_on": dt.date(2027, 5, 29)})
    svc.create_requirement({"term_id": spring, "class_id": ids["classes"][0], "module_id": ids["m3"]})  # 26 + 6
    with pytest.raises(ValidationError, match="40 ч — больше предела 34 ч на 6 ч"):
        svc.create_requirement({"term_id": spring, "class_id": ids["classes"][0], "module_id": ids["m1"]})  # + 8
    with pytest.raises(ValidationError, match="Нагрузка не добавлена"):
        svc.add_all_requirements(spring)
    assert [r["module_id"] for r in svc.list_requirements(spring)] == [ids["m3"]]


def test_programme_modules_are_a_reference_list(db):
    ids = small_instance()
    frp = {p["name"]: p for p in svc.list_programme_modules()}
    assert {"Производство и технологии", "Компьютерная графика. Черчение", "Робототехника",
            "3D-моделирование, прототипирование, макетирование"} <= set(frp)
    assert sum(p["hours"] for p in frp.values() if p["invariant"]) == 34
    mod = next(m for m in svc.list_modules() if m["id"] == ids["m2"])
    svc.update_module(mod["id"], {**mod, "programme_module_id": frp["Робототехника"]["id"]}, version=mod["version"])
    assert next(m for m in svc.list_modules() if m["id"] == ids["m2"])["programme_module_id"] == frp["Робототехника"]["id"]
    new = svc.save_programme_module({"name": "Автоматизированные системы: химическое производство", "hours": 6,
                                     "invariant": False})
    with pytest.raises(DuplicateError):
        svc.save_programme_module({"name": "Робототехника"})
    svc.delete_programme_module(frp["Робототехника"]["id"])
    assert next(m for m in svc.list_modules() if m["id"] == ids["m2"])["programme_module_id"] is None
    with pytest.raises(ValidationError, match="федеральной рабочей программы"):
        svc.update_module(mod["id"], {**mod, "programme_module_id": 99999},
                          version=next(m for m in svc.list_modules() if m["id"] == ids["m2"])["version"])
    assert any(p["id"] == new for p in svc.list_programme_modules())


def test_nothing_is_placed_on_a_public_day_off(db):
    ids = small_instance()
    days = {d["date"]: d for d in svc.list_calendar(2026)}
    assert days[dt.date(2026, 11, 4)]["name"] == "День народного единства"
    assert days[dt.date(2026, 12, 31)]["kind"] == "off"  # the transfer from 4 January (ПП РФ № 1466)
    assert {dt.date(2027, 3, 8), dt.date(2027, 5, 10), dt.date(2027, 6, 14)} <= {d["date"] for d in svc.list_calendar(2027)}
    # a day off the methodist adds is honoured as well
    svc.save_calendar_day({"date": "2026-09-15", "name": "Нерабочий день (распоряжение губернатора)", "kind": "off"})
    with pytest.raises(DuplicateError, match="15.09.2026"):
        svc.save_calendar_day({"date": "2026-09-15", "name": "Ещё раз"})
    svc.generate(TERM)
    data = load_all(ids["term"])
    dates = {le["date"] for le in data["lessons"]}
    assert dt.date(2026, 11, 4) not in dates and dt.date(2026, 9, 15) not in dates
    assert independent_violations(data) == []
    assert svc.lessons_on_days_off(ids["term"]) == []
    # a lesson made by hand on 4 November is listed by the check, with the day's name
    slot = svc.list_slots()[0]["id"]
    svc.create_lesson({"class_id": ids["classes"][2], "module_id": ids["m3"], "instructor_id": ids["i1"],
                       "workshop_id": ids["w1"], "date": dt.date(2026, 11, 4), "slot_id": slot, "subgroup": 0},
                      allow_clash=True)
    found = svc.lessons_on_days_off(ids["term"])
    assert [c["kind"] for c in found] == ["day_off"]
    assert "04.11.2026" in found[0]["message"] and "День народного единства" in found[0]["message"]


def test_school_holidays_per_term_and_overlaps(db):
    ids = small_instance()
    with pytest.raises(ValidationError, match="пересекаются с каникулами «Осенние каникулы».*с 01.11.2026"):
        svc.create_holiday({"name": "Ноябрьские", "starts_on": dt.date(2026, 11, 1), "ends_on": dt.date(2026, 11, 8)})
    other = svc.create_term({"name": "Другой", "starts_on": dt.date(2027, 1, 11), "ends_on": dt.date(2027, 5, 29)})
    hid = svc.create_holiday({"name": "Неделя профориентации", "starts_on": dt.date(2026, 9, 7),
                              "ends_on": dt.date(2026, 9, 11), "term_id": other})
    assert next(h for h in svc.list_holidays() if h["id"] == hid)["term"] == "Другой"
    svc.generate(TERM)  # the other term's holidays do not apply to this term
    data = load_all(ids["term"])
    assert any(dt.date(2026, 9, 7) <= le["date"] <= dt.date(2026, 9, 11) for le in data["lessons"])


def test_class_visits_are_whole_or_parallel_halves(db):
    ids = small_instance()
    svc.generate(TERM)
    data = load_all(ids["term"])
    assert independent_violations(data) == []  # includes «scattered visit» and the parallel limit
    m1 = [le for le in data["lessons"] if le["module_id"] == ids["m1"] and le["class_id"] == ids["classes"][2]]
    at = {}
    for le in m1:
        at.setdefault((le["date"], le["slot"]), []).append(le)
    assert at and all(len(v) == 2 for v in at.values())
    for pair in at.values():
        assert {le["subgroup"] for le in pair} == {1, 2}
        assert len({le["workshop_id"] for le in pair}) == 2 and len({le["instructor_id"] for le in pair}) == 2
        assert sum(le["pupils"] for le in pair) == 26
    # modules 2 and 3 fit the 26-place workshop: the whole class
    assert all(le["subgroup"] == 0 for le in data["lessons"] if le["module_id"] == ids["m2"])


def test_a_visit_larger_than_the_parallel_workshops_is_refused(db):
    ids = small_instance()
    schools = svc.list_schools()
    s = next(x for x in schools if x["name"] == "МБОУ «Средняя школа № 4»")
    svc.update_school(s["id"], {**s, "max_parallel": 1}, version=s["version"])
    with pytest.raises(ValidationError) as e:
        svc.generate(TERM)
    assert "8А (МБОУ «Средняя школа № 4»), модуль «Профпроба «Лаборант химического анализа»»: 26 учеников не " \
           "помещаются в 1 параллельные подгруппы по 14 чел." in str(e.value)
    assert svc.summary(ids["term"])["lessons"] == 0
    # a workshop's lesson capacity is separate from its exam workplaces
    svc.update_school(s["id"], {**s, "max_parallel": 2}, version=s["version"] + 1)
    svc.set_workshop_lesson_pupils(ids["w2"], 20)
    assert next(w for w in svc.list_workshops() if w["id"] == ids["w2"])["lesson_pupils"] == 20
    with pytest.raises(ValidationError, match="модуль «Профпроба «Аппаратчик-оператор»»: 24 учеников в 2 подгруппах "
                                              "нужно 2 мастерских одновременно, а модуль разрешён в 1"):
        svc.generate(TERM)
