"""Numbers and check-then-write under concurrency (issue 19, findings 2 and 5): two programs taking
numbers from services.numbering at the same moment never get the same one, and a check-then-insert under
numbering.lock never inserts twice — on SQLite and on a shared PostgreSQL server (real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from chemcluster_desktop.services import context, numbering
from chemcluster_desktop.storage.core import Building, Counter

ROOT = Path(__file__).resolve().parents[2]
SOAK = os.environ.get("CHEMCLUSTER_SOAK") == "1"
N = 500 if SOAK else 150

TAKER = """
import sys
from chemcluster_desktop.services import context, numbering
context.open_database(sys.argv[1], backup_before_upgrade=False)
print("ready", flush=True)
sys.stdin.readline()
out = []
for _ in range(int(sys.argv[2])):
    with context.uow() as s:
        out.append(numbering.next_value(s, "test:ПГ-2026-", floor=7))
print(" ".join(map(str, out)), flush=True)
"""

GET_OR_CREATE = """
import sys
from sqlalchemy import select
from chemcluster_desktop.services import context, numbering
from chemcluster_desktop.storage.core import Building
context.open_database(sys.argv[1], backup_before_upgrade=False)
print("ready", flush=True)
sys.stdin.readline()
made = 0
for i in range(int(sys.argv[2])):
    name = f"Корпус {i}"
    with context.uow() as s:
        numbering.lock(s, "building:" + name)
        if s.scalar(select(Building.id).where(Building.name == name)) is None:
            s.add(Building(name=name))
            made += 1
print(made, flush=True)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_db(request, tmp_path, tmp_path_factory):
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        context.open_database(url)
        yield url
        return
    path = request.getfixturevalue("db_path")
    context.open_database(path)
    yield str(path)


def _race(script: str, target: str, n: int, home: Path, k: int = 2) -> list[str]:
    env = dict(os.environ, CHEMCLUSTER_HOME=str(home), PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    procs = [subprocess.Popen([sys.executable, "-c", script, target, str(n)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
             for _ in range(k)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0 and "Traceback" not in err, err
        outs.append(out.strip())
    return outs


@pytest.mark.soak
def test_two_programs_never_get_the_same_number(shared_db, tmp_path):
    outs = _race(TAKER, shared_db, N, tmp_path / "h")
    got = [int(x) for o in outs for x in o.split()]
    assert len(got) == 2 * N and len(set(got)) == 2 * N
    assert sorted(got) == list(range(8, 8 + 2 * N))  # seeded above the existing maximum, no gaps
    with context.read() as s:
        assert s.scalar(select(Counter.value).where(Counter.name == "test:ПГ-2026-")) == 7 + 2 * N


@pytest.mark.soak
def test_check_then_insert_under_the_lock_never_duplicates(shared_db, tmp_path):
    n = N // 3
    outs = _race(GET_OR_CREATE, shared_db, n, tmp_path / "h")
    assert sum(int(o) for o in outs) == n
    with context.read() as s:
        names = s.scalars(select(Building.name)).all()
        assert len(names) == len(set(names)) == n
        assert s.scalar(select(func.count(Building.id))) == n


def test_rolled_back_unit_of_work_gives_its_number_back(db):
    class Boom(Exception):
        pass

    with context.uow() as s:
        assert numbering.next_value(s, "x") == 1
    with pytest.raises(Boom), context.uow() as s:
        assert numbering.next_value(s, "x") == 2
        raise Boom
    with context.uow() as s:
        assert numbering.next_value(s, "x") == 2
        assert numbering.next_value(s, "y", floor=41) == 42


CREATE_ITEMS = """
import sys
from chemcluster_desktop.services import context, inventory
context.open_database(sys.argv[1], backup_before_upgrade=False)
context.set_actor(context.Actor("admin", "admin"))
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2])):
    inventory.create_item({"kind": "equipment", "name": f"Весы {i}"})  # number and receipt document: automatic
    inventory.create_item({"kind": "consumable", "name": f"Перчатки {i}", "quantity": "10", "unit": "пар"})
print("done", flush=True)
"""

IMPORT = """
import sys
from chemcluster_desktop.services import context, inventory
context.open_database(sys.argv[1], backup_before_upgrade=False)
context.set_actor(context.Actor("admin", "admin"))
print("ready", flush=True)
sys.stdin.readline()
for k in range(int(sys.argv[2])):
    inventory.import_inventory(sys.argv[3])
print("done", flush=True)
"""


@pytest.mark.soak
def test_concurrent_item_creation_gives_unique_numbers_and_documents(shared_db, tmp_path):
    """Finding 2: 2 × 500 concurrent creations on a shared server gave raw UniqueViolation tracebacks and
    document numbers used twice. Every unit of work now holds the write lock (PostgreSQL: an advisory lock),
    so the area's read-the-highest-number-then-insert is one step for every program."""
    from chemcluster_desktop.storage.inventory import Item, Movement

    n = 500 if SOAK else 60
    outs = _race(CREATE_ITEMS, shared_db, n, tmp_path / "h")
    assert outs == ["done", "done"]
    with context.read() as s:
        nums = [x for x in s.scalars(select(Item.inventory_number)) if x]
        docs = s.scalars(select(Movement.number)).all()
    assert len(nums) == len(set(nums)) == 2 * n
    assert len(docs) == len(set(docs)) == 4 * n


@pytest.mark.soak
def test_two_imports_at_once_create_each_room_once(shared_db, tmp_path):
    from chemcluster_desktop.storage.core import Room
    from tests.inventory.helpers import make_xlsx

    path = make_xlsx(tmp_path / "rooms.xlsx", [
        [i, None, f"Колба {i}", "", "", "100", "", f"Лаборатория {i % 5}", 1, "шт.", None, None]
        for i in range(1, 41)], totals=False)
    env = dict(os.environ, CHEMCLUSTER_HOME=str(tmp_path / "h"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    procs = [subprocess.Popen([sys.executable, "-c", IMPORT, shared_db, "2", str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
             for _ in range(2)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0 and "Traceback" not in err, err
    with context.read() as s:
        rooms = s.scalars(select(Room.name)).all()
    assert sorted(rooms) == [f"Лаборатория {i}" for i in range(5)]
