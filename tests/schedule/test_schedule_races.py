"""Timetable races between real programs (issue 19, finding 5), on SQLite and on a shared PostgreSQL server:

- two programs creating a lesson for the same free slot at the same moment: exactly one succeeds, the
  other is refused with the clash (the check runs under the write lock);
- a lesson pinned, created or placed by another program while a generation runs: the generation's write
  refuses («расписание изменилось во время генерации — запустите снова») and no clash is ever written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chemcluster_desktop.services import context
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.schedule import regenerate
from tests.schedule.helpers import TERM, independent_violations, load_all, shown, small_instance

ROOT = Path(__file__).resolve().parents[2]

CREATOR = """
import json, sys
from chemcluster_desktop.services import context
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
context.open_database(sys.argv[1], backup_before_upgrade=False)
lesson = json.loads(sys.argv[2])
print("ready", flush=True)
for line in sys.stdin:
    if not line.strip():
        break
    try:
        svc.create_lesson({**lesson, "date": line.strip()})
        print("ok", flush=True)
    except ServiceError as e:
        print("refused " + str(e).replace("\\n", " "), flush=True)
"""

WRITER = """
import json, sys
from chemcluster_desktop.services import context
from chemcluster_desktop.services import schedule as svc
context.open_database(sys.argv[1], backup_before_upgrade=False)
job = json.loads(sys.argv[2])
if job["pin"]:
    svc.set_locked([job["pin"]], True, versions={job["pin"]: job["version"]})
if job["lesson"]:
    svc.create_lesson(job["lesson"], allow_clash=True)
print("done", flush=True)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_db(request):
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        context.open_database(url)
    else:
        url = str(request.getfixturevalue("db_path"))
        context.open_database(url)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    yield url
    context.close_database()


def _env(home: Path) -> dict:
    home.mkdir(exist_ok=True)
    return dict(os.environ, CHEMCLUSTER_HOME=str(home),
                PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def test_two_programs_creating_a_lesson_in_one_free_slot(shared_db, tmp_path):
    ids = small_instance()
    slot = svc.list_slots()[0]["id"]
    lesson = {"class_id": ids["classes"][0], "module_id": ids["m2"], "instructor_id": ids["i3"],
              "workshop_id": ids["w2"], "slot_id": slot}
    # ten school Mondays of the class (Monday and Wednesday): ten tries, each at the same moment in both
    mondays = [dt.date(2026, 9, 7) + dt.timedelta(weeks=k) for k in range(13)]
    days = [d for d in mondays if not dt.date(2026, 10, 26) <= d <= dt.date(2026, 11, 3)][:10]
    procs = [subprocess.Popen([sys.executable, "-c", CREATOR, shared_db, json.dumps(lesson)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(tmp_path / "h"),
                              cwd=str(ROOT)) for _ in range(2)]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        for day in days:
            for p in procs:
                p.stdin.write(day.isoformat() + "\n")
                p.stdin.flush()
            answers = sorted(p.stdout.readline().strip() for p in procs)
            assert answers[0] == "ok" and answers[1].startswith("refused Занятие нельзя поставить сюда"), (day, answers)
            assert "занят" in answers[1]
        for p in procs:
            p.stdin.write("\n")
            p.stdin.flush()
        for p in procs:
            _out, err = p.communicate(timeout=120)
            assert p.returncode == 0 and "Traceback" not in err, err
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    data = load_all(ids["term"])
    assert sorted(le["date"] for le in data["lessons"]) == days  # one lesson per try, never two
    assert independent_violations(data) == []


def _during_generation(url: str, home: Path, job: dict):
    """A progress callback that, once, has another program write while the solver runs."""
    fired = []

    def progress(done, total, text):
        if not fired and done >= 15:
            fired.append(True)
            r = subprocess.run([sys.executable, "-c", WRITER, url, json.dumps(job)], capture_output=True, text=True,
                               env=_env(home), cwd=str(ROOT), timeout=300)
            assert r.returncode == 0 and r.stdout.strip() == "done", r.stderr
    return progress, fired


def test_a_pin_or_a_lesson_made_during_generation_never_leaves_a_clash(shared_db, tmp_path, monkeypatch):
    ids = small_instance()
    svc.generate(TERM)
    # «today» in the middle of the term and an instructor away: the regeneration moves lessons
    monkeypatch.setenv("CHEMCLUSTER_TODAY", "2026-10-05")
    ins = next(i for i in svc.list_instructors() if i["id"] == ids["i3"])
    svc.update_instructor(ins["id"], {**ins, "unavailable_dates": [f"2026-11-{d:02d}" for d in range(9, 14)]},
                          version=ins["version"])
    future = sorted((le for le in load_all(ids["term"])["lessons"] if le["date"] >= dt.date(2026, 11, 9)),
                    key=lambda le: (le["date"], le["slot"]))
    pin = next(le for le in future if le["instructor_id"] == ids["i3"])  # the plan must move this one
    # 1. another program pins a lesson while the solver runs
    progress, fired = _during_generation(shared_db, tmp_path / "h", {"pin": pin["id"],
                                                                     "version": shown([pin["id"]])[pin["id"]],
                                                                     "lesson": None})
    p = regenerate.plan(TERM, progress=progress)
    assert fired
    with pytest.raises(ValidationError, match="изменилось во время генерации"):
        regenerate.apply(p)
    assert svc.get_lesson(pin["id"])["locked"]  # the pin survived; nothing of the plan was written
    assert _double_bookings() == []
    # 2. another program adds a lesson (in an overlapping period, so it is not even this term's) exactly where
    #    the new plan puts one: the generation's write re-checks the clashes under the lock and refuses
    monkeypatch.setenv("CHEMCLUSTER_TODAY", "2026-10-05")
    dry = regenerate.plan(TERM)
    if not dry["_add"]:
        pytest.skip("the plan adds nothing to collide with")
    target = dry["_add"][0]
    svc.create_term({"name": "Интенсив", "starts_on": dt.date(2026, 8, 24), "ends_on": dt.date(2026, 12, 25)})
    other = {"class_id": ids["classes"][1], "module_id": target["module_id"], "instructor_id": target["instructor_id"],
             "workshop_id": target["workshop_id"], "date": target["date"].isoformat(), "slot_id": target["slot_id"]}
    progress, fired = _during_generation(shared_db, tmp_path / "h", {"pin": None, "version": None, "lesson": other})
    p = regenerate.plan(TERM, progress=progress)
    assert fired
    clash = [le for le in p["_add"] if (le["date"], le["slot_id"]) == (target["date"], target["slot_id"])
             and (le["workshop_id"] == target["workshop_id"] or le["instructor_id"] == target["instructor_id"])]
    if clash:
        with pytest.raises(ValidationError, match="изменилось во время генерации"):
            regenerate.apply(p)
    else:
        regenerate.apply(p)  # the solver happened to place it elsewhere: no clash to refuse
    assert _double_bookings() == []


def _double_bookings() -> list:
    """A workshop or an instructor twice at one date and lesson, over every lesson of every period."""
    from collections import Counter

    from sqlalchemy import select

    from chemcluster_desktop.storage.schedule import Lesson

    with context.read() as s:
        rows = s.execute(select(Lesson.workshop_id, Lesson.instructor_id, Lesson.date, Lesson.slot_id)).all()
    seen = Counter(("w", w, d, t) for w, _i, d, t in rows) + Counter(("i", i, d, t) for _w, i, d, t in rows if i)
    return [k for k, n in seen.items() if n > 1]
