"""``chemcluster import inventory`` / ``export inventory`` / ``report`` forms of CLI.md, in-process."""

from __future__ import annotations

import datetime as dt
import json

from openpyxl import load_workbook

from chemcluster_desktop import cli
from tests.inventory.helpers import make_xlsx, ugly_rows


def run(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_export_cli(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    path = make_xlsx(tmp_path / "ugly.xlsx", ugly_rows())
    code, out, err = run(capsys, "--db", db, "import", "inventory", str(path), "--dry-run")
    assert code == 0 and "будет импортировано 3" in out
    assert "строка 8:" in err and "строка 12:" in err
    code, out, err = run(capsys, "--db", db, "import", "inventory", str(path), "--strict")
    assert code == 1 and "--strict" in err
    code, out, _err = run(capsys, "--db", db, "stats", "--json")
    assert json.loads(out)["items"] == 0
    code, out, err = run(capsys, "--db", db, "import", "inventory", str(path), "--json")
    assert code == 0
    rep = json.loads(out)
    assert rep["imported"] == 3 and [s["row"] for s in rep["skipped"]] == [8, 9, 10, 11, 12]
    dest = tmp_path / "out.xlsx"
    code, out, _err = run(capsys, "--db", db, "export", "inventory", str(dest))
    assert code == 0 and dest.exists()
    assert load_workbook(dest).active.max_row == 4
    code, out, _err = run(capsys, "--db", db, "export", "inventory", str(tmp_path / "k.xlsx"), "--kind", "reagent")
    assert code == 0 and load_workbook(tmp_path / "k.xlsx").active.max_row == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_text("нет")
    code, _out, err = run(capsys, "--db", db, "import", "inventory", str(bad))
    assert code == 1 and "не является книгой Excel" in err


def test_usage_errors(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit) as e:
        cli.main(["--db", str(tmp_path / "x.sqlite3"), "import"])
    assert e.value.code == 2


def test_stocktaking_post_cli(demo_db_path, capsys, monkeypatch):
    db = str(demo_db_path)
    number = f"ИНВ-{dt.date.today().year}-001"  # the demo's closed stock-taking: one chair missing, one stand unknown
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "labmanager")
    code, out, err = run(capsys, "--db", db, "--user", "labmanager", "stocktaking", "post", number,
                         "--dry-run", "--json")
    assert code == 0, err
    rep = json.loads(out)
    assert rep["dry_run"] is True and [d["kind"] for d in rep["documents"]] == ["write_off"]
    assert [s["name"] for s in rep["skipped"]] == ["Штатив лабораторный ШЛБ без инвентарного номера"]
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "viewer")
    code, out, err = run(capsys, "--db", db, "--user", "viewer", "stocktaking", "post", number)
    assert code == 1 and "нет права" in err
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "labmanager")
    code, out, err = run(capsys, "--db", db, "--user", "labmanager", "stocktaking", "post", number)
    assert code == 0 and "Проведены результаты инвентаризации" in out and "СП-" in out, err
    code, out, err = run(capsys, "--db", db, "--user", "labmanager", "stocktaking", "post", number, "--with-unknown")
    assert code == 1 and "уже проведены" in err


def test_decision_cli_add_list_show(demo_db_path, capsys, monkeypatch):
    """``inventory decision add|list|show`` (ф. 0510439): the same checks as the form — no chair, the
    counted room's МОЛ as a member, a member without a position: a clear message, exit 1, nothing written."""
    db = str(demo_db_path)
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "labmanager")
    base = ["--db", db, "--user", "labmanager", "inventory", "decision"]
    code, out, _err = run(capsys, *base, "list", "--json")
    before = json.loads(out)["decisions"]
    add = [*base, "add", "--number", "48-инв", "--date", "01.12.2026", "--to", "05.12.2026",
           "--reason", "Смена материально ответственного лица", "--room", "ауд. 205"]
    code, _out, err = run(capsys, *add, "--chair", "Зайцева Т. П.=Заместитель директора",
                          "--member", "Орлов Дмитрий Сергеевич=Лаборант")
    assert code == 1 and "материально ответственное лицо" in err and "Орлов Дмитрий Сергеевич" in err
    code, _out, err = run(capsys, *add, "--chair", "Зайцева Т. П.", "--member", "Лаптева М. С.=Главный бухгалтер")
    assert code == 1 and "Должность" in err
    code, _out, err = run(capsys, *add, "--chair", "Зайцева Т. П.=Заместитель директора", "--room", "ауд. 999",
                          "--member", "Лаптева М. С.=Главный бухгалтер")
    assert code == 1 and "ауд. 999" in err
    code, out, _err = run(capsys, *base, "list", "--json")
    assert json.loads(out)["decisions"] == before  # nothing written
    code, out, err = run(capsys, *add, "--chair", "Зайцева Т. П.=Заместитель директора",
                         "--member", "Лаптева М. С.=Главный бухгалтер", "--accounts", "101.34, 21", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert (d["number"], d["date"], d["starts_on"], d["ends_on"]) == ("48-инв", "2026-12-01", "2026-12-01",
                                                                      "2026-12-05")
    assert d["rooms"] == [{"name": "Лаборатория физико-химических методов анализа (ауд. 205)",
                           "responsible": "Орлов Д. С."}]
    assert d["members"] == [{"role": "chair", "name": "Зайцева Т. П.", "position": "Заместитель директора"},
                            {"role": "member", "name": "Лаптева М. С.", "position": "Главный бухгалтер"}]
    code, out, _err = run(capsys, *base, "show", "48-инв")
    assert code == 0 and "№ 48-инв от 01.12.2026" in out and "председатель: Заместитель директора Зайцева Т. П." in out
    code, out, _err = run(capsys, *base, "list", "--json")
    assert "48-инв" in [x["number"] for x in json.loads(out)["decisions"]]
    code, _out, err = run(capsys, *base, "show", "99-нет")
    assert code == 1 and "не найдено" in err


def test_mol_cli_list_and_set(demo_db_path, capsys, monkeypatch):
    db = str(demo_db_path)
    code, out, _err = run(capsys, "--db", db, "inventory", "mol", "list", "--json")
    mols = {m["name"]: m for m in json.loads(out)["mols"]}
    assert code == 0 and mols["Орлов Д. С."]["position"] == "Заведующий лабораторией ФХМА"  # the demo's
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "labmanager")
    code, out, err = run(capsys, "--db", db, "--user", "labmanager", "inventory", "mol", "set",
                         "Орлов Дмитрий Сергеевич", "--position", "Лаборант")
    assert code == 0, err
    code, out, _err = run(capsys, "--db", db, "inventory", "mol", "list", "--json")
    assert {m["name"]: m["position"] for m in json.loads(out)["mols"]}["Орлов Д. С."] == "Лаборант"
    code, _out, err = run(capsys, "--db", db, "--user", "labmanager", "inventory", "mol", "set", " ",
                          "--position", "Лаборант")
    assert code == 1 and "фамилию" in err
