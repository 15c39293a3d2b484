"""``chemcluster schedule generate|conflicts|export-fet`` and ``report schedule`` (CLI.md shapes)."""

from __future__ import annotations

import json

from chemcluster_desktop import cli
from chemcluster_desktop.services import context
from tests.schedule.helpers import TERM, small_instance


def run(capsys, *args):
    rc = cli.main(list(args))
    out = capsys.readouterr()
    return rc, out.out, out.err


def _prepare(db_path):
    context.open_database(db_path)
    small_instance()
    context.close_database()


def test_generate_conflicts_export(db_path, capsys, tmp_path):
    _prepare(db_path)
    db = str(db_path)
    rc, out, err = run(capsys, "--db", db, "schedule", "generate", "--term", TERM, "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["placed"] > 0 and data["unplaced"] == 0 and isinstance(data["seconds"], float | int)
    rc, out, err = run(capsys, "--db", db, "schedule", "conflicts", "--json")
    assert rc == 0, err
    assert json.loads(out) == {"conflicts": []}
    fet = tmp_path / "x.fet"
    rc, out, err = run(capsys, "--db", db, "schedule", "export-fet", str(fet), "--term", TERM)
    assert rc == 0, err
    assert fet.read_text(encoding="utf-8").startswith("<?xml")
    rc, out, err = run(capsys, "--db", db, "schedule", "generate", "--term", "Нет такого", "--json")
    assert rc == 1 and "не найден" in err
    pdf = tmp_path / "s.pdf"
    rc, out, err = run(capsys, "--db", db, "report", "schedule", "-o", str(pdf), "--term", TERM,
                       "--school", "МБОУ «Средняя школа № 2»")
    assert rc == 0, err
    assert pdf.read_bytes().startswith(b"%PDF")


def test_conflicts_lists_kinds_with_records(db_path, capsys):
    import datetime as dt

    from chemcluster_desktop.services import schedule as svc

    context.open_database(db_path)
    ids = small_instance()
    slot = svc.list_slots()[0]["id"]
    for cls in (ids["classes"][0], ids["classes"][2]):
        svc.create_lesson({"class_id": cls, "module_id": ids["m2"], "instructor_id": ids["i3"],
                           "workshop_id": ids["w2"], "date": dt.date(2026, 9, 7), "slot_id": slot}, allow_clash=True)
    context.close_database()
    rc, out, err = run(capsys, "--db", str(db_path), "schedule", "conflicts", "--json")
    assert rc == 0, err
    conflicts = json.loads(out)["conflicts"]
    kinds = {c["kind"] for c in conflicts}
    assert {"workshop_double", "instructor_double", "class_time", "hours_unplaced"} <= kinds
    ws = next(c for c in conflicts if c["kind"] == "workshop_double")
    assert ws["workshop"] == "Мастерская «Химическая технология»" and len(ws["lesson_ids"]) == 2
    assert ws["date"] == "2026-09-07" and ws["slot"] == 1


def test_generate_preview_lessons_load_substitute_undo(db_path, capsys):
    """The forms of CLI.md that issue 15 adds, with their JSON shapes."""
    _prepare(db_path)
    db = str(db_path)
    rc, out, err = run(capsys, "--db", db, "schedule", "generate", "--term", TERM, "--dry-run", "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert {"placed", "unplaced", "seconds", "added", "moved", "removed", "reasons"} <= set(data)
    assert data["added"] > 0 and data["moved"] == data["removed"] == 0 and data["dry_run"] is True
    rc, out, err = run(capsys, "--db", db, "schedule", "lessons", "--term", TERM, "--json")
    assert json.loads(out) == {"lessons": []}  # the preview wrote nothing
    rc, out, err = run(capsys, "--db", db, "schedule", "generate", "--term", TERM, "--json")
    assert rc == 0, err
    first = json.loads(out)
    assert first["added"] == first["placed"] and first["reasons"] == []
    rc, out, err = run(capsys, "--db", db, "schedule", "lessons", "--term", TERM, "--school",
                       "Средняя школа № 4", "--json")
    assert rc == 0, err
    lessons = json.loads(out)["lessons"]
    assert lessons and set(lessons[0]) >= {"date", "slot", "school", "class", "subgroup", "workshop", "instructor",
                                           "module", "locked"}
    assert {le["school"] for le in lessons} == {"МБОУ «Средняя школа № 4»"}
    assert {le["subgroup"] for le in lessons} == {None, 1, 2}  # whole-class lessons and the two parallel halves
    rc, out, err = run(capsys, "--db", db, "schedule", "load", "--term", TERM, "--json")
    assert rc == 0, err
    rows = json.loads(out)["classes"]
    assert len(rows) == 3 and all(set(r) == {"school", "class", "lesson_hours", "cap", "guidance_hours"}
                                  for r in rows)
    assert {(r["lesson_hours"], r["cap"], r["guidance_hours"]) for r in rows} == {(26, 34, 0)}
    rc, out, err = run(capsys, "--db", db, "schedule", "generate", "--term", TERM, "--from", "01.11.2026", "--json")
    assert rc == 0, err
    second = json.loads(out)
    assert second["from"] == "2026-11-01" and second["kept"] > 0
    rc, out, err = run(capsys, "--db", db, "schedule", "substitute", "--instructor", "Белова", "--from", "2026-09-01",
                       "--to", "2026-12-25", "--dry-run", "--json")
    assert rc == 0, err
    sub = json.loads(out)
    assert sub["instructor"] == "Белова Наталья Игоревна" and sub["dry_run"] is True
    assert sub["replaced"] + sub["uncovered"] == len(sub["lessons"]) > 0
    rc, out, err = run(capsys, "--db", db, "schedule", "undo", "--term", TERM, "--list", "--json")
    assert rc == 0, err
    points = json.loads(out)["restore_points"]
    assert len(points) == 2 and points[-1]["lessons"] == 0  # two generations: undone latest first
    rc, out, err = run(capsys, "--db", db, "schedule", "undo", "--term", TERM)
    assert rc == 0, err
    assert "восстановлено" in out and "Можно отменить ещё генераций: 1" in out
    rc, out, err = run(capsys, "--db", db, "schedule", "lessons", "--term", TERM, "--json")
    assert len(json.loads(out)["lessons"]) == first["placed"]
    rc, out, err = run(capsys, "--db", db, "schedule", "days-off", "--json")
    assert rc == 0 and json.loads(out) == {"lessons": []}
    rc, out, err = run(capsys, "--db", db, "schedule", "generate", "--term", TERM, "--from", "32.13.2026")
    assert rc == 1 and "ДД.ММ.ГГГГ" in err
