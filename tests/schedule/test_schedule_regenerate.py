"""Safe regeneration (past and locked lessons survive byte for byte, a preview, undo) and substitutes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from chemcluster_desktop.services import context
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.storage.core import AuditEntry
from chemcluster_desktop.storage.schedule import Lesson
from tests.schedule.helpers import (
    TERM,
    hours_missing,
    independent_violations,
    load_all,
    shown,
    small_instance,
)

pytestmark = pytest.mark.both_backends


def _rows(term_id: int) -> dict[int, dict]:
    """Every column of every lesson of the term, as stored."""
    cols = list(Lesson.__table__.columns)
    with context.read() as s:
        return {r.id: dict(r._mapping) for r in s.execute(select(*cols).where(Lesson.term_id == term_id))}


def _journal(action: str) -> list[str]:
    with context.read() as s:
        return list(s.scalars(select(AuditEntry.summary).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def test_past_and_locked_lessons_survive_regeneration_byte_for_byte(db, monkeypatch):
    ids = small_instance()
    svc.generate(TERM)
    cut = dt.date(2026, 10, 15)
    before = _rows(ids["term"])
    future = sorted((r for r in load_all(ids["term"])["lessons"] if r["date"] >= cut), key=lambda r: r["date"])
    locked_ids = [future[0]["id"]]
    svc.set_locked(locked_ids, True, versions=shown(locked_ids))
    before = _rows(ids["term"])
    # «today» is now in the middle of the term, and an instructor will be away in November
    monkeypatch.setenv("CHEMCLUSTER_TODAY", cut.isoformat())
    ins = next(i for i in svc.list_instructors() if i["id"] == ids["i3"])
    svc.update_instructor(ins["id"], {**ins, "unavailable_dates": [f"2026-11-{d:02d}" for d in range(9, 14)]},
                          version=ins["version"])
    # the preview writes nothing
    preview = svc.generate(TERM, dry_run=True)
    assert _rows(ids["term"]) == before
    assert preview["cut"] == cut and preview["kept_past"] == sum(1 for r in before.values() if r["date"] < cut)
    assert preview["kept_locked"] >= 1
    assert preview["added"] + preview["moved"] + preview["removed"] > 0
    assert {row["school"] for row in preview["by_school"]} <= {s["name"] for s in svc.list_schools()}
    assert sum(r["added"] for r in preview["by_school"]) == preview["added"]
    res = svc.generate(TERM)
    after = _rows(ids["term"])
    kept = {i: r for i, r in before.items() if r["date"] < cut or r["locked"]}
    assert kept and all(after.get(i) == r for i, r in kept.items())  # every column, every past/locked row
    data = load_all(ids["term"])
    assert independent_violations(data) == [] and hours_missing(data) == 0
    assert not any(le["instructor_id"] == ids["i3"] and dt.date(2026, 11, 9) <= le["date"] <= dt.date(2026, 11, 13)
                   for le in data["lessons"])
    assert "добавлено" in _journal("generate")[-1]
    # undo: the timetable exactly as before the regeneration
    points = svc.restore_points(TERM)
    assert points and points[0]["lessons"] == len(before)
    undone = svc.undo_generation(TERM)
    assert undone["restored"] == len(before)
    restored = _rows(ids["term"])
    assert {i: {k: (v, restored[i][k]) for k, v in r.items() if restored[i][k] != v}
            for i, r in before.items() if restored[i] != r} == {}
    assert restored == before
    assert _journal("undo")
    assert res["restore_point"] == points[0]["id"]


def test_nothing_to_undo_and_a_changed_timetable_after_preview(db):
    from chemcluster_desktop.services.schedule import regenerate

    ids = small_instance()
    with pytest.raises(NotFoundError, match="нечего отменять"):
        svc.undo_generation(TERM)
    plan = regenerate.plan(TERM)
    slot = svc.list_slots()[0]["id"]
    svc.create_lesson({"class_id": ids["classes"][0], "module_id": ids["m2"], "instructor_id": ids["i3"],
                       "workshop_id": ids["w2"], "date": dt.date(2026, 9, 1), "slot_id": slot}, allow_clash=True)
    with pytest.raises(ValidationError, match="изменилось во время генерации или после предпросмотра"):
        regenerate.apply(plan)


def test_substitute_keeps_time_and_place(db):
    ids = small_instance()
    svc.generate(TERM)
    # a third instructor of modules 1 and 3, free every day
    svc.create_instructor({"full_name": "Петрова Анна Юрьевна", "weekdays": [0, 1, 2, 3, 4],
                           "module_ids": [ids["m1"], ids["m3"]]})
    data = load_all(ids["term"])
    # two school weeks from the first in which Орлов teaches (the generator spreads the hours over the term)
    first = min(le["date"] for le in data["lessons"] if le["instructor_id"] == ids["i1"])
    a = first - dt.timedelta(days=first.weekday())
    b = a + dt.timedelta(days=11)
    own = [le for le in data["lessons"] if le["instructor_id"] == ids["i1"] and a <= le["date"] <= b]
    assert own
    proposal = svc.substitute("Орлов", a, b, dry_run=True)
    assert proposal["replaced"] + proposal["uncovered"] == len(own)
    assert load_all(ids["term"])["lessons"] == data["lessons"]  # a proposal writes nothing
    res = svc.substitute("Орлов Дмитрий Сергеевич", a.isoformat(), b.isoformat())
    after = {le["id"]: le for le in load_all(ids["term"])["lessons"]}
    for le in own:
        new = after[le["id"]]
        assert (new["date"], new["slot"], new["workshop_id"]) == (le["date"], le["slot"], le["workshop_id"])
    moved = [after[le["id"]] for le in own if after[le["id"]]["instructor_id"] != ids["i1"]]
    assert len(moved) == res["replaced"] > 0
    assert all((le["instructor_id"], le["module_id"]) in load_all(ids["term"])["im"] for le in moved)
    assert independent_violations(load_all(ids["term"])) == []
    # the absence is on the card; the schools' timetables say whom the substitute replaces
    card = next(i for i in svc.list_instructors() if i["id"] == ids["i1"])
    assert a.isoformat() in card["unavailable_dates"] and b.isoformat() in card["unavailable_dates"]
    rows = svc.term_lessons(TERM)["lessons"]
    assert sum(1 for r in rows if r["replaces"] == "Орлов Дмитрий Сергеевич") == res["replaced"]
    assert "Орлов Дмитрий Сергеевич отсутствует" in _journal("substitute")[-1]
    with pytest.raises(NotFoundError):
        svc.substitute("Никто", a, b)
    with pytest.raises(ValidationError, match="раньше"):
        svc.substitute("Орлов", b, a)


def test_regeneration_with_nothing_changed_changes_nothing(db, monkeypatch):
    ids = small_instance()
    svc.generate(TERM)
    before = _rows(ids["term"])
    monkeypatch.setenv("CHEMCLUSTER_TODAY", "2026-10-01")
    preview = svc.generate(TERM, dry_run=True)
    assert (preview["added"], preview["moved"], preview["removed"]) == (0, 0, 0)
    assert preview["unchanged"] + preview["kept"] == len(before)
    svc.generate(TERM)
    assert _rows(ids["term"]) == before
    # by construction: the solver is given nothing to place (a time limit cannot move anything)
    assert svc.generate(TERM, dry_run=True, time_limit=0.01)["status"] == "KEPT"


def test_after_a_change_only_the_lessons_it_breaks_move(db, monkeypatch):
    ids = small_instance()
    svc.generate(TERM)
    monkeypatch.setenv("CHEMCLUSTER_TODAY", "2026-10-01")
    # the instructor of a November lesson is away that whole week
    le = min((r for r in load_all(ids["term"])["lessons"] if r["date"] >= dt.date(2026, 11, 9)),
             key=lambda r: (r["date"], r["slot"]))
    monday = le["date"] - dt.timedelta(days=le["date"].weekday())
    away = [monday + dt.timedelta(days=k) for k in range(5)]
    ins = next(i for i in svc.list_instructors() if i["id"] == le["instructor_id"])
    svc.update_instructor(ins["id"], {**ins, "unavailable_dates": [d.isoformat() for d in away]},
                          version=ins["version"])
    before = _rows(ids["term"])
    visits = {(r["class_id"], r["module_id"], r["date"], r["slot_id"]) for r in before.values()
              if r["instructor_id"] == ins["id"] and r["date"] in away}
    broken = {i for i, r in before.items()  # a visit goes whole: the other half of a parallel pair too
              if (r["class_id"], r["module_id"], r["date"], r["slot_id"]) in visits}
    assert broken
    res = svc.generate(TERM)
    after = _rows(ids["term"])
    assert all(after.get(i) == r for i, r in before.items() if i not in broken)  # untouched, byte for byte
    assert not broken & set(after) and res["removed"] + res["moved"] == len(broken)
    data = load_all(ids["term"])
    assert independent_violations(data) == [] and hours_missing(data) == 0
    # asked for a fresh plan, the generator may rearrange the whole period (old places are only hints)
    fresh = svc.generate(TERM, dry_run=True, keep_valid=False)
    assert fresh["unplaced"] == 0 and fresh["placed"] == len(after)


def test_generations_are_undone_one_after_another(db, monkeypatch):
    ids = small_instance()
    svc.generate(TERM)
    states = [_rows(ids["term"])]
    for _ in range(2):  # two more generations, each after a change: an instructor away on a day he teaches
        le = min((r for r in load_all(ids["term"])["lessons"] if r["date"] > dt.date(2026, 11, 5)),
                 key=lambda r: (r["date"], r["slot"]))
        away = le["date"].isoformat()
        ins = next(i for i in svc.list_instructors() if i["id"] == le["instructor_id"])
        svc.update_instructor(ins["id"], {**ins, "unavailable_dates": ins["unavailable_dates"] + [away]},
                              version=ins["version"])
        svc.generate(TERM)
        states.append(_rows(ids["term"]))
    assert states[0] != states[1] != states[2]
    assert [p["lessons"] for p in svc.restore_points(TERM)] == [len(states[1]), len(states[0]), 0]
    first = svc.undo_generation(TERM)
    assert _rows(ids["term"]) == states[1] and first["left"] == 2 and first["next"]
    assert svc.undo_generation(TERM)["left"] == 1
    assert _rows(ids["term"]) == states[0]
    assert svc.undo_generation(TERM)["left"] == 0
    assert _rows(ids["term"]) == {}  # as before the very first generation
    with pytest.raises(NotFoundError, match="нечего отменять"):
        svc.undo_generation(TERM)
    assert len(_journal("undo")) == 3


def test_fewer_hours_drop_the_latest_visits_and_keep_the_rest(db, monkeypatch):
    ids = small_instance()
    svc.generate(TERM)
    monkeypatch.setenv("CHEMCLUSTER_TODAY", "2026-09-10")
    cid = ids["classes"][2]  # 26 pupils: module 2 (12 h) comes whole, in the 26-place workshop
    req = next(r for r in svc.list_requirements(ids["term"]) if r["class_id"] == cid and r["module_id"] == ids["m2"])
    svc.update_requirement(req["id"], {**req, "hours": 8})
    before = _rows(ids["term"])
    mine = sorted((r for r in before.values() if r["class_id"] == cid and r["module_id"] == ids["m2"]),
                  key=lambda r: (r["date"], r["slot_id"]))
    assert len(mine) == 12
    res = svc.generate(TERM)
    after = _rows(ids["term"])
    assert (res["added"], res["moved"], res["removed"]) == (0, 0, 4)
    assert set(before) - set(after) == {r["id"] for r in mine[8:]}  # the four latest hours went
    assert all(after[i] == r for i, r in before.items() if i in after)  # the rest untouched
