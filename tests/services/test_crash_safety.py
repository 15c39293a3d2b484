"""Crash safety: a process killed (SIGKILL) in the middle of an import or a backup leaves the database
whole, the import all-or-nothing and no half-written backup that looks good; two programs writing to one
SQLite file at once both succeed without losing a record."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chemcluster_desktop.services import context

pytestmark = [pytest.mark.sqlite_only, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]

ROWS = 10_000
KILLS = 20
ROOT = Path(__file__).resolve().parents[2]

IMPORT_SCRIPT = """
import sys
from chemcluster_desktop.services import context, inventory
context.open_database(sys.argv[1], backup_before_upgrade=False)
context.set_actor(context.Actor("admin", "admin"))
print("ready", flush=True)
r = inventory.import_inventory(sys.argv[2], dry_run=False, strict=False)
print("done", r.imported, flush=True)
"""

WRITER_SCRIPT = """
import sys
from chemcluster_desktop.services import context, security
context.open_database(sys.argv[1], backup_before_upgrade=False)
context.set_actor(context.Actor("admin", "admin"))
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[3])):
    security.add_user(f"w{sys.argv[2]}_{i:04d}", "viewer", full_name=f"Писатель {sys.argv[2]}")
print("done", flush=True)
"""

ACCEPT_SCRIPT = """
import sys
from chemcluster_desktop.services import context, procurement
context.open_database(sys.argv[1], backup_before_upgrade=False)
context.set_actor(context.Actor("admin", "admin"))
print("ready", flush=True)
procurement.accept_delivery(int(sys.argv[2]))
print("done", flush=True)
"""

BACKUP_SCRIPT = """
import sys
from chemcluster_desktop.services import backup, context
context.open_database(sys.argv[1], backup_before_upgrade=False)
print("ready", flush=True)
backup.backup()
print("done", flush=True)
"""


def _env(home: Path) -> dict:
    env = dict(os.environ)
    env["CHEMCLUSTER_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _spawn(script: str, *args, home: Path, stdin=None) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, stdin=stdin, text=True, env=_env(home), cwd=str(ROOT))
    line = p.stdout.readline()
    assert line.strip() == "ready", p.stderr.read()
    return p


def _check(path: Path) -> int:
    """Integrity check of the file as a new program would open it; returns the number of items."""
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("SELECT count(*) FROM items").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("crash") / "inventory-10000.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Инвентарь")
    ws.append(["Вид", "Инвентарный номер", "Наименование", "Стоимость", "Состояние", "Помещение", "МОЛ"])
    rooms = ["Лаборатория аналитической химии", "Лаборатория органической химии", "Склад реактивов"]
    for i in range(ROWS):
        ws.append(["оборудование", f"КР-{i:05d}", f"Колба мерная 100 мл № {i}", f"{1000 + i % 977},50",
                   "в эксплуатации", rooms[i % 3], "Иванова А. П."])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("crash-db")
    path = d / "template.sqlite3"
    prev = context.actor()
    context.open_database(path, backup_before_upgrade=False)
    with context.current().engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    context.close_database()
    context.set_actor(prev)
    return path


def _fresh(template: Path, tmp_path: Path, name: str) -> Path:
    dest = tmp_path / name
    dest.write_bytes(template.read_bytes())
    return dest


def test_killed_import_leaves_all_or_nothing(workbook, template, tmp_path):
    home = tmp_path / "home"
    # one full run: every row goes in, and we learn how long the import takes here
    full = _fresh(template, tmp_path, "full.sqlite3")
    p = _spawn(IMPORT_SCRIPT, full, workbook, home=home)
    t0 = time.monotonic()  # from "ready": the import itself
    out, err = p.communicate(timeout=120)
    duration = time.monotonic() - t0
    assert p.returncode == 0, err
    assert f"done {ROWS}" in out
    assert _check(full) == ROWS

    rng = random.Random(7)
    seen = {0: 0, ROWS: 0}
    # two at a time (the machine has two cores); each is killed at a random moment of the import,
    # a few of them just after it would have finished
    for k in range(0, KILLS, 2):
        paths = [_fresh(template, tmp_path, f"kill{k + j}.sqlite3") for j in range(2)]
        plan = []  # (moment to kill, process): each moment counted from that process's "ready"
        for path in paths:
            p = _spawn(IMPORT_SCRIPT, path, workbook, home=home)
            plan.append((time.monotonic() + rng.uniform(0.0, duration * 1.1), p))
        for when, p in sorted(plan, key=lambda x: x[0]):
            time.sleep(max(0.0, when - time.monotonic()))
            p.send_signal(signal.SIGKILL)
        procs = [p for _w, p in plan]
        for p in procs:
            p.communicate(timeout=30)
        for path in paths:
            n = _check(path)
            assert n in (0, ROWS), f"{path.name}: {n} rows after SIGKILL"
            seen[n] += 1
            for side in ("", "-wal", "-shm"):
                Path(str(path) + side).unlink(missing_ok=True)
    assert sum(seen.values()) == KILLS


def test_two_programs_write_at_once_without_errors_or_loss(template, tmp_path):
    path = _fresh(template, tmp_path, "shared.sqlite3")
    home = tmp_path / "home"
    n = 1000
    procs = [_spawn(WRITER_SCRIPT, path, w, n, home=home, stdin=subprocess.PIPE) for w in (1, 2)]
    for p in procs:  # start both at the same moment
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        assert "done" in out and "locked" not in err and "Traceback" not in err
    con = sqlite3.connect(path)
    try:
        for w in (1, 2):
            got = con.execute("SELECT count(*) FROM users WHERE login LIKE ?", (f"w{w}_%",)).fetchone()[0]
            assert got == n
    finally:
        con.close()


def test_killed_backup_leaves_database_whole_and_no_good_looking_copy(template, tmp_path, monkeypatch):
    from chemcluster_desktop.services import backup

    path = _fresh(template, tmp_path, "big.sqlite3")
    con = sqlite3.connect(path)
    blob = "х" * 4000
    con.executemany("INSERT INTO settings(key, value) VALUES (?, ?)", [(f"k{i}", blob) for i in range(6000)])
    con.commit()
    con.close()
    home = tmp_path / "home"
    rng = random.Random(3)
    for _k in range(4):
        p = _spawn(BACKUP_SCRIPT, path, home=home)
        time.sleep(rng.uniform(0.0, 0.15))
        p.send_signal(signal.SIGKILL)
        p.communicate(timeout=30)
        assert _check(path) == 0
    # what a new program sees in the backup folder: only checked, whole copies
    monkeypatch.setenv("CHEMCLUSTER_HOME", str(home))
    parts = list(backup.backups_dir(str(path)).glob("*.part"))
    for b in backup.list_backups(str(path)):
        assert backup.is_good_backup(b.path), b.path
    assert all(not str(p).endswith(".sqlite3") for p in parts)


def test_killed_delivery_acceptance_is_all_or_nothing(demo_db_path, tmp_path):
    """Accepting a delivery creates inventory items and moves the plan along in one transaction."""
    pytest.importorskip("chemcluster_desktop.services.procurement")
    con = sqlite3.connect(demo_db_path)
    try:
        row = con.execute("SELECT id FROM deliveries WHERE accepted_at IS NULL ORDER BY id LIMIT 1").fetchone()
        items_before = con.execute("SELECT count(*) FROM items").fetchone()[0]
    finally:
        con.close()
    if row is None:
        pytest.skip("the demo data has no delivery waiting for acceptance")
    home = tmp_path / "home"
    rng = random.Random(11)
    outcomes = set()
    for k in range(6):
        path = tmp_path / f"accept{k}.sqlite3"
        path.write_bytes(demo_db_path.read_bytes())
        p = _spawn(ACCEPT_SCRIPT, path, row[0], home=home)
        time.sleep(rng.uniform(0.0, 0.6))
        p.send_signal(signal.SIGKILL)
        p.communicate(timeout=30)
        n_items = _check(path)
        con = sqlite3.connect(path)
        try:
            accepted = con.execute("SELECT accepted_at FROM deliveries WHERE id = ?", row).fetchone()[0]
        finally:
            con.close()
        if accepted is None:
            assert n_items == items_before, f"kill {k}: items written without the acceptance"
        else:
            assert n_items > items_before, f"kill {k}: accepted without its items"
        outcomes.add(accepted is None)
