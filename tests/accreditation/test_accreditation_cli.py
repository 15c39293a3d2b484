import json

from chemcluster_desktop.cli import main
from tests.accreditation import helpers as h


def test_cli_forms(db_path, tmp_path, capsys):
    f = h.shape_columns(tmp_path / "oos.xlsx")
    db = ["--db", str(db_path)]
    assert main([*db, "import", "infrastructure-list", str(f), "--competency", "Охрана окружающей среды",
                 "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "ничего не записано" in out.out and "строка 14" in out.err.replace("пропущена строка", "строка")
    assert main([*db, "import", "infrastructure-list", str(f), "--competency", "Охрана окружающей среды",
                 "--strict"]) == 1
    assert "Строгий режим" in capsys.readouterr().err
    assert main([*db, "import", "infrastructure-list", str(f), "--competency", "Охрана окружающей среды"]) == 0
    capsys.readouterr()
    assert main([*db, "workshop", "add", "Мастерская ООС", "--room", "Ауд. 305", "--competency",
                 "Охрана окружающей среды", "--workplaces", "0"]) == 1
    assert "рабочих мест" in capsys.readouterr().err
    assert main([*db, "workshop", "add", "Мастерская ООС", "--room", "Ауд. 305", "--competency",
                 "Охрана окружающей среды", "--workplaces", "8"]) == 0
    assert "добавлена" in capsys.readouterr().out
    assert main([*db, "accreditation", "match", "--workshop", "Мастерская ООС"]) == 0
    capsys.readouterr()
    assert main([*db, "accreditation", "status", "--workshop", "Мастерская ООС", "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    lines = st.pop("checklist")
    assert [ln["no"] for ln in lines] == [1, 2, 3, 4]
    for ln in lines:  # the shape CLI.md promises, and nothing counted without evidence
        assert {"no", "name", "required", "available", "status", "manual", "evidence"} <= set(ln)
        assert ln["available"] == 0 and ln["status"] == "missing" and ln["manual"] is False
        assert ln["evidence"] == [] and ln["required"] > 0
    assert st == {"workshop": "Мастерская ООС", "workplaces": 8, "lines": 4, "met": 0, "partial": 0, "missing": 4,
                  "coverage_percent": 0.0}
    assert main([*db, "accreditation", "status", "--workshop", "Нет такой"]) == 1
    assert "не найдена" in capsys.readouterr().err
    pdf = tmp_path / "p.pdf"
    assert main([*db, "report", "accreditation", "--workshop", "Мастерская ООС", "-o", str(pdf)]) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_cli_refuses_bad_file(db_path, tmp_path, capsys):
    f = h.not_a_list(tmp_path / "pupils.xlsx")
    assert main(["--db", str(db_path), "import", "infrastructure-list", str(f), "--competency", "X"]) == 1
    assert "не похож на инфраструктурный лист" in capsys.readouterr().err


def test_cli_dry_runs_and_undo(db_path, tmp_path, capsys):
    """Issue 16: --dry-run of the import over a list, match, confirm and needs writes nothing; each real
    run prints its restore point; «accreditation undo» lists and undoes them."""
    from chemcluster_desktop.services import context
    from tests.accreditation.test_accreditation_undo import COMP, dump, other_competency_file

    db = ["--db", str(db_path)]
    context.open_database(db_path)
    try:
        wid = h.workshop_with_items(workplaces=1, tmp=tmp_path, items=[
            ("Перчатки нитриловые", "consumable", 1), ("Стол", "furniture", 1),
            ("Стол для весов антивибрационный", "furniture", 1)])
        start = dump()
    finally:
        context.close_database()
    ws = ["--workshop", "Мастерская ЛХА"]
    f = other_competency_file(tmp_path / "ooc.xlsx")
    assert main([*db, "import", "infrastructure-list", str(f), "--competency", COMP, "--year", "2026",
                 "--dry-run", "--json"]) == 0
    out = capsys.readouterr()
    rep = json.loads(out.out)
    assert rep["removed"] == 8 and len(rep["removed_lines"]) == 8 and rep["restore_point"] is None
    assert rep["workshops"][0]["readiness_after"] == 0 and "Охрана окружающей среды" in out.err
    assert main([*db, "accreditation", "match", *ws, "--dry-run", "--json"]) == 0
    m = json.loads(capsys.readouterr().out)
    assert m["dry_run"] and m["proposed"] > 0 and m["restore_point"] is None
    assert main([*db, "accreditation", "needs", *ws, "--dry-run", "--json"]) == 0
    n = json.loads(capsys.readouterr().out)
    assert n["dry_run"] and n["created"] == len(n["plan"]) > 0
    context.open_database(db_path)
    try:
        assert dump() == start
    finally:
        context.close_database()
    assert main([*db, "accreditation", "match", *ws]) == 0
    assert "accreditation undo --id" in capsys.readouterr().out
    assert main([*db, "accreditation", "confirm", *ws, "--json"]) == 0
    c = json.loads(capsys.readouterr().out)
    weak = [p for p in c["proposals"] if p["weak"]]
    assert weak and not any(p["confirmed"] for p in weak) and c["restore_point"]
    assert main([*db, "accreditation", "undo", "--list", "--json"]) == 0
    kinds = [p["kind"] for p in json.loads(capsys.readouterr().out)["restore_points"]]
    assert kinds[:2] == ["confirm_all", "match"]
    assert main([*db, "accreditation", "undo", *ws]) == 0  # the confirm
    assert main([*db, "accreditation", "undo", *ws, "--json"]) == 0  # the match
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["kind"] == "match"
    context.open_database(db_path)
    try:
        assert dump() == start and wid
    finally:
        context.close_database()
    # left: the first import of the list, which the workshop was then made on: refused, nothing changed
    assert main([*db, "accreditation", "undo", *ws]) == 1
    assert "нельзя отменить" in capsys.readouterr().err
    context.open_database(db_path)
    try:
        assert dump() == start
    finally:
        context.close_database()
