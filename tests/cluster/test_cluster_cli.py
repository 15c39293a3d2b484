"""``chemcluster cluster …``: KPI entry, bad input with exit 1, dashboard JSON."""

from __future__ import annotations

import json

from chemcluster_desktop import cli


def run(capsys, *args):
    rc = cli.main(list(args))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_kpi_set_list_and_dashboard(demo_db_path, capsys):
    db = str(demo_db_path)
    rc, out, err = run(capsys, "--db", db, "--user", "admin", "cluster", "kpi", "set", "students", "2026", "2 000",
                       "--comment", "на 1 ноября")
    assert rc == 0, err
    assert "2026" in out and "2000" in out
    rc, out, _ = run(capsys, "--db", db, "cluster", "kpi", "list", "--period", "2026", "--json")
    assert rc == 0
    data = json.loads(out)
    k = next(x for x in data["kpis"] if x["code"] == "students")
    assert k["actual"] == "2000" and k["target"] == "2081" and k["percent"] == "96.1"
    assert k["comment"] == "на 1 ноября"
    rc, out, _ = run(capsys, "--db", db, "cluster", "dashboard", "--json")
    d = json.loads(out)
    tile = next(t for t in d["tiles"] if t["code"] == "students")
    assert tile["value"] == "2000" and tile["trend"] == "313"
    assert {"readiness", "budget", "pupils", "tiles"} <= set(d)
    rc, out, _ = run(capsys, "--db", db, "cluster", "participants", "--json")
    assert len([p for p in json.loads(out)["participants"] if p["kind"] != "school"]) == 8
    rc, out, _ = run(capsys, "--db", db, "cluster", "directions", "--json")
    assert len(json.loads(out)["directions"]) == 17


def test_kpi_bad_input(demo_db_path, capsys):
    db = str(demo_db_path)
    base = ["--db", db, "--user", "admin", "cluster", "kpi", "set"]
    for args, msg in ((["students", "2026", "-5"], "отрицательным"),
                      (["students", "2026", "abc"], "не число"),
                      (["employment", "2026", "101"], "больше 100"),
                      (["students", "2040", "5"], "не существует"),
                      (["unknown", "2026", "5"], "не найден")):
        rc, _out, err = run(capsys, *base, *args)
        assert rc == 1, args
        assert msg in err
    rc, out, _ = run(capsys, "--db", db, "cluster", "kpi", "list", "--json")
    k = next(x for x in json.loads(out)["kpis"] if x["code"] == "students")
    assert k["values"]["2026"] == "1942"


def test_kpi_set_refused_for_viewer(demo_db_path, capsys, monkeypatch):
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "viewer")
    rc, _out, err = run(capsys, "--db", str(demo_db_path), "--user", "viewer", "cluster", "kpi", "set", "students",
                        "2026", "5")
    assert rc == 1 and "нет права" in err


def test_kpi_init_in_new_database(db_path, capsys):
    rc, out, err = run(capsys, "--db", str(db_path), "cluster", "kpi", "init")
    assert rc == 0, err
    assert "9" in out
    rc, out, _ = run(capsys, "--db", str(db_path), "cluster", "kpi", "list", "--json")
    assert {k["code"] for k in json.loads(out)["kpis"]} >= {"audience", "students", "employment", "equipped"}
