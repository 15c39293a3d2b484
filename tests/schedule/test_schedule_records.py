"""Reference records of the timetable through the area's create / update / delete convention:
a stale version and a vanished record are refused with a message, nothing written; records without a
version column (holidays, bells, load lines) update by id; workshops come from the accreditation area."""

from __future__ import annotations

import datetime as dt

import pytest

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ConcurrentEditError, NotFoundError, ValidationError
from tests.schedule.helpers import TERM, small_instance

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL


def test_update_needs_the_version_the_form_saw(db):
    ids = small_instance()
    school = svc.list_schools()[0]
    svc.update_school(school["id"], {**school, "contact": "Иванова"}, version=school["version"])
    with pytest.raises(ConcurrentEditError):  # the same form saved a second time: it is stale now
        svc.update_school(school["id"], {**school, "contact": "Петрова"}, version=school["version"])
    assert next(s for s in svc.list_schools() if s["id"] == school["id"])["contact"] == "Иванова"
    term = svc.resolve_term(TERM)
    svc.update_term(ids["term"], {**term, "name": "Осень"}, version=term["version"])
    assert svc.resolve_term("осень")["id"] == ids["term"]
    lesson = svc.get_lesson(svc.create_lesson({
        "class_id": ids["classes"][0], "module_id": ids["m2"], "instructor_id": ids["i3"],
        "workshop_id": ids["w2"], "date": dt.date(2026, 9, 14), "slot_id": svc.list_slots()[0]["id"]},
        allow_clash=True))
    svc.set_locked([lesson["id"]], True, versions={lesson["id"]: lesson["version"]})  # bumps the version
    with pytest.raises(ConcurrentEditError):
        svc.update_lesson(lesson["id"], lesson, version=lesson["version"], allow_clash=True)


def test_a_vanished_record_is_named_in_the_refusal(db):
    ids = small_instance()
    cls = next(c for c in svc.list_classes() if c["id"] == ids["classes"][0])
    svc.delete_class(cls["id"], version=cls["version"])
    with pytest.raises(NotFoundError, match="^Карточка класса «8А»: запись не найдена"):  # named from the form
        svc.update_class(cls["id"], cls, version=cls["version"])
    with pytest.raises(NotFoundError, match="^Строка нагрузки: запись не найдена"):
        svc.update_requirement(999999, {"term_id": ids["term"], "class_id": ids["classes"][1],
                                        "module_id": ids["m1"], "subgroup": 3})
    with pytest.raises(NotFoundError, match="удалили или перегенерировали"):
        svc.update_lesson(999999, {"class_id": ids["classes"][1], "module_id": ids["m1"],
                                   "workshop_id": ids["w1"], "date": dt.date(2026, 9, 14),
                                   "slot_id": svc.list_slots()[0]["id"]}, version=1, allow_clash=True)


def test_records_without_a_version_update_by_id(db):
    ids = small_instance()
    holiday = svc.list_holidays()[0]
    svc.update_holiday(holiday["id"], {**holiday, "ends_on": dt.date(2026, 11, 4)})
    assert svc.list_holidays()[0]["ends_on"] == dt.date(2026, 11, 4)
    last = svc.list_slots()[-1]
    svc.update_slot(last["id"], {"number": last["number"], "starts_at": "13:20", "ends_at": "14:05"})
    assert svc.list_slots()[-1]["label"].endswith("13:20–14:05")
    req = svc.list_requirements(ids["term"])[0]
    svc.update_requirement(req["id"], {**req, "hours": 4})
    assert next(r for r in svc.list_requirements(ids["term"]) if r["id"] == req["id"])["hours"] == 4
    svc.delete_requirement(req["id"])
    assert all(r["id"] != req["id"] for r in svc.list_requirements(ids["term"]))


def test_workshops_and_the_modules_they_host(db):
    ids = small_instance()
    ws = {w["id"]: w for w in svc.list_workshops()}
    assert ws[ids["w1"]]["workplaces"] == 14 and sorted(ws[ids["w1"]]["module_ids"]) == sorted([ids["m1"], ids["m3"]])
    svc.set_workshop_modules(ids["w1"], [ids["m2"]])
    assert {w["id"]: w["module_ids"] for w in svc.list_workshops()}[ids["w1"]] == [ids["m2"]]
    with pytest.raises(NotFoundError, match="Мастерская"):
        svc.set_workshop_modules(999999, [ids["m2"]])
    assert {w["id"]: w["module_ids"] for w in svc.list_workshops()}[ids["w1"]] == [ids["m2"]]


def test_a_save_without_its_version_or_with_a_stale_one_is_refused(db):
    """Issue 19, finding 14: no schedule update, move, lock or delete overwrites blindly."""
    ids = small_instance()
    slot = svc.list_slots()[0]["id"]
    lid = svc.create_lesson({"class_id": ids["classes"][0], "module_id": ids["m2"], "instructor_id": ids["i3"],
                             "workshop_id": ids["w2"], "date": dt.date(2026, 9, 14), "slot_id": slot},
                            allow_clash=True)
    le = svc.get_lesson(lid)
    school = svc.list_schools()[0]
    for call in (lambda: svc.update_school(school["id"], {**school, "contact": "x"}, version=None),
                 lambda: svc.update_lesson(lid, le, version=None, allow_clash=True),
                 lambda: svc.move_lesson(lid, dt.date(2026, 9, 16), slot, version=None),
                 lambda: svc.set_locked([lid], True, versions={}),
                 lambda: svc.delete_lessons([lid], versions={})):
        with pytest.raises(ValidationError, match="Не указана версия"):
            call()
    for name in ("update_school", "update_class", "update_term", "update_module", "update_instructor",
                 "update_lesson", "move_lesson", "delete_school", "delete_class", "delete_term", "delete_module",
                 "delete_instructor"):  # keyword-only and without a default
        import inspect

        p = inspect.signature(getattr(svc, name)).parameters["version"]
        assert p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty, name
    svc.move_lesson(lid, dt.date(2026, 9, 16), slot, version=le["version"])  # moved by someone else…
    for call in (lambda: svc.update_lesson(lid, le, version=le["version"], allow_clash=True),
                 lambda: svc.move_lesson(lid, dt.date(2026, 9, 21), slot, version=le["version"]),
                 lambda: svc.set_locked([lid], True, versions={lid: le["version"]}),
                 lambda: svc.delete_lessons([lid], versions={lid: le["version"]})):
        with pytest.raises(ConcurrentEditError):  # …so a screen showing the old version is refused
            call()
    assert svc.get_lesson(lid)["date"] == dt.date(2026, 9, 16) and not svc.get_lesson(lid)["locked"]
    assert svc.delete_lessons([lid], versions={lid: le["version"] + 1}) == 1
    # deleting a record shown before someone else changed it is refused too
    cls = next(c for c in svc.list_classes() if c["id"] == ids["classes"][0])
    svc.update_class(cls["id"], {**cls, "pupils": cls["pupils"] + 1}, version=cls["version"])
    with pytest.raises(ConcurrentEditError):
        svc.delete_class(cls["id"], version=cls["version"])
    with pytest.raises(ValidationError, match="Не указана версия"):
        svc.delete_class(cls["id"], version=None)
    svc.delete_class(cls["id"], version=cls["version"] + 1)
    assert all(c["id"] != cls["id"] for c in svc.list_classes())
