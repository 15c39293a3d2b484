"""The benchmark at a tiny scale: the generator makes a consistent database that ``chemcluster check``
accepts, and ``python -m bench --json`` runs its figures and reports every key (fast: < 60 s)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_generator_makes_a_consistent_database(tmp_path, capsys):
    from bench.generate import PACKET_WORKSHOP, STORE_ROOM, TERM, cas_with_check_digit, generate
    from chemcluster_desktop import cli

    path = tmp_path / "bench.sqlite3"
    g = generate(path, seed=3, scale=0.005)
    assert g.counts["items"] == 500
    assert g.counts["reagent_containers"] >= 25
    assert g.counts["evidence"] == 10
    assert g.counts["lessons"] >= 300
    assert cas_with_check_digit("7647-01-0") == "7647-01-0"  # real CAS numbers keep their check digit

    assert cli.main(["--db", str(path), "check", "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["ok"] is True, out["problems"]
    assert cli.main(["--db", str(path), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert stats["items"] == 500 and stats["workshops"] >= 4 and stats["needs"] >= 30

    # the records the measurements look for exist, and the same seed gives the same data
    import sqlite3

    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM rooms WHERE name = ?", (STORE_ROOM,)).fetchone()[0] == 1
    assert con.execute("SELECT workplaces FROM workshops WHERE name = ?", (PACKET_WORKSHOP,)).fetchone()[0] == 25
    assert con.execute("SELECT count(*) FROM terms WHERE name = ?", (TERM,)).fetchone()[0] == 1
    # search keys filled exactly as the model listeners fill them
    from chemcluster_desktop.storage.inventory import item_search_key

    row = con.execute("SELECT name, inventory_number, serial_number, model, search_key FROM items "
                      "WHERE kind = 'equipment' LIMIT 1").fetchone()
    assert row[4] == item_search_key(row[0], row[1], row[2], row[3], "")
    first = con.execute("SELECT group_concat(name, '|') FROM (SELECT name FROM items ORDER BY id LIMIT 50)").fetchone()
    con.close()
    g2 = generate(tmp_path / "again.sqlite3", seed=3, scale=0.005)
    con = sqlite3.connect(g2.path)
    assert con.execute("SELECT group_concat(name, '|') FROM (SELECT name FROM items ORDER BY id LIMIT 50)"
                       ).fetchone() == first
    con.close()


@pytest.mark.timeout(170)
def test_bench_runs_at_tiny_scale(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHEMCLUSTER_HOME": str(tmp_path / "home")}
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    db = tmp_path / "tiny.sqlite3"
    figures = "search,import,export,accreditation_packet,readiness,matching,timetable,clash_check"
    p = subprocess.run([sys.executable, "-m", "bench", "--json", "--scale", "0.005", "--db", str(db),
                        "--only", figures], cwd=ROOT, env=env, capture_output=True, text=True, timeout=160)
    assert p.returncode == 0, p.stderr[-2000:]
    res = json.loads(p.stdout.strip().splitlines()[-1])
    assert res["meta"]["counts"]["items"] == 500
    for name in figures.split(","):
        f = res[name]
        assert f["status"] in ("measured", "missing"), (name, f)
        if f["status"] == "measured":
            for key in ("program_s", "baseline_s", "ratio", "ok"):
                assert key in f, (name, key)
            assert f["program_s"] > 0 and f["baseline_s"] > 0
    assert {"median_s", "p95_s", "peak_memory_mb", "sort_median_s"} <= set(res["search"])


def test_table_lists_every_figure():
    from bench.__main__ import ROWS, table
    from bench.run_figure import FIGURES

    assert {r[0] for r in ROWS} == set(FIGURES)
    fake = {name: {"status": "missing", "missing": f"services.{name}"} for name in FIGURES}
    fake["search"] = {"status": "measured", "median_s": 0.004, "baseline_median_s": 0.001, "ratio": 4.0,
                      "p95_s": 0.01, "baseline_p95_s": 0.002, "sort_median_s": 0.01, "sort_baseline_s": 0.005,
                      "sort_ratio": 2.0, "peak_memory_mb": 120.0}
    text = table(fake)
    assert "search keystroke, median" in text and "MISSING" in text and "4.0 ms" in text
