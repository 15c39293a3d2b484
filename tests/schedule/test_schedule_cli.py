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
