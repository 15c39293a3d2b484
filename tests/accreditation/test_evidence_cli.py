"""The accreditation evidence from the command line (issue 14) on the demo data: loans and leases
(``accreditation loan add|list|remove``), the workshop's commission (``accreditation commission
set|show``) and the КОД code of its list (``accreditation kod``); every refusal names the field, writes
nothing and exits 1; the readiness follows the recorded evidence."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pypdf import PdfReader

from chemcluster_desktop import cli

W = "Мастерская «Охрана окружающей среды»"


@pytest.fixture
def db(demo_db_path, monkeypatch):
    monkeypatch.setenv("CHEMCLUSTER_USER", "coordinator")
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "coordinator")
    return str(demo_db_path)


def run(capsys, db, *args):
    code = cli.main(["--db", db, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def status(capsys, db) -> dict:
    code, out, err = run(capsys, db, "accreditation", "status", "--workshop", W, "--json")
    assert code == 0, err
    return json.loads(out)


def loans(capsys, db) -> list[dict]:
    code, out, err = run(capsys, db, "accreditation", "loan", "list", "--workshop", W, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["workshop"] == W
    return data["loans"]


def test_loan_add_list_remove_moves_the_readiness(db, capsys):
    before = status(capsys, db)
    line = next(ln for ln in before["checklist"] if ln["available"] == 0 and ln["status"] == "missing")
    required = Decimal(str(line["required"]))
    old = loans(capsys, db)
    args = ["accreditation", "loan", "add", "--workshop", W, "--line", str(line["no"]), "--partner",
            "ООО «Экоаналитика»", "--document", "12/26", "--date", "01.12.2026", "--quantity", str(required),
            "--until", "30.06.2027", "--kind", "lease"]
    # bad input: each refusal names what is wrong, exit 1, nothing written
    for field, bad, says in (("--quantity", "0", "больше нуля"), ("--date", "31.02.2026", "Дата договора"),
                             ("--until", "01.01.2026", "кончается раньше"), ("--line", "999", "не найдена")):
        wrong = list(args)
        wrong[wrong.index(field) + 1] = bad
        code, out, err = run(capsys, db, *wrong)
        assert code == 1 and says in err and out == "", (field, err)
    assert loans(capsys, db) == old
    code, out, err = run(capsys, db, *args)
    assert code == 0, err
    assert "Договор аренды № 12/26 от 01.12.2026" in out
    new = [x for x in loans(capsys, db) if x not in old]
    assert len(new) == 1
    loan = new[0]
    assert (loan["line_no"], loan["partner"], loan["document_number"], loan["document_date"], loan["valid_until"],
            loan["kind"], loan["in_force"]) == (line["no"], "ООО «Экоаналитика»", "12/26", "2026-12-01",
                                                "2027-06-30", "lease", True)
    assert Decimal(loan["quantity"]) == required
    after = status(capsys, db)
    row = next(ln for ln in after["checklist"] if ln["no"] == line["no"])
    assert row["status"] == "met" and Decimal(str(row["available"])) == required
    assert {"kind": "loan", "ref": "Договор аренды № 12/26 от 01.12.2026", "quantity": row["required"]} in row["evidence"]
    assert after["met"] == before["met"] + 1 and after["missing"] == before["missing"] - 1
    # text listing names the line and the document
    code, out, _ = run(capsys, db, "accreditation", "loan", "list", "--workshop", W)
    assert code == 0 and "Договор аренды № 12/26 от 01.12.2026" in out and line["name"][:40] in out

    code, out, err = run(capsys, db, "accreditation", "loan", "remove", str(loan["id"]))
    assert code == 0, err
    assert loans(capsys, db) == old
    assert status(capsys, db)["met"] == before["met"]
    code, _out, err = run(capsys, db, "accreditation", "loan", "remove", str(loan["id"]))
    assert code == 1 and err


def test_commission_and_kod_code_set_show_and_printed(db, capsys, tmp_path):
    base = ["accreditation", "commission", "set", "--workshop", W, "--order", "145-о", "--order-date", "15.11.2026",
            "--chair", "Смирнова А. В.; заместитель директора по УПР", "--member", "Кузнецов П. И.; преподаватель"]
    code, _out, err = run(capsys, db, *base)  # two people: too few
    assert code == 1 and "не меньше трёх" in err
    code, _out, err = run(capsys, db, *base, "--member", "Орлова Е. Н.;")  # no position
    assert code == 1 and "должность" in err
    code, _out, err = run(capsys, db, *base, "--member", "Орлова Е. Н.; мастер п/о", "--kod", "КОД 1.1-2026")
    assert code == 1 and "Код КОД" in err and "КОД 18.02.12-1-2026" in err  # the field and its pattern named
    code, out, _ = run(capsys, db, "accreditation", "commission", "show", "--workshop", W, "--json")
    assert json.loads(out)["order"] is None and json.loads(out)["kod_code"] is None  # nothing written

    code, out, err = run(capsys, db, *base, "--member", "Орлова Е. Н.; мастер п/о", "--secretary",
                         "Белова Т. С.; методист", "--kod", "КОД 18.02.12-1-2026")
    assert code == 0, err
    assert "Председатель комиссии: Смирнова А. В., заместитель директора по УПР" in out
    code, out, _ = run(capsys, db, "accreditation", "commission", "show", "--workshop", W, "--json")
    data = json.loads(out)
    assert data["order"] == "145-о" and data["order_date"] == "2026-11-15" and data["kod_code"] == "18.02.12-1-2026"
    assert [(m["role"], m["full_name"], m["job_title"]) for m in data["members"]] == [
        ("chair", "Смирнова А. В.", "заместитель директора по УПР"), ("member", "Кузнецов П. И.", "преподаватель"),
        ("member", "Орлова Е. Н.", "мастер п/о"), ("secretary", "Белова Т. С.", "методист")]

    # the КОД code alone: a wrong year or shape refused with the field named, then changed and cleared
    code, _out, err = run(capsys, db, "accreditation", "kod", "--workshop", W, "18.02.12-1-2025")
    assert code == 1 and "Код КОД" in err and "2025" in err
    code, out, err = run(capsys, db, "accreditation", "kod", "--workshop", W, "КОД 18.02.12-2-2026")
    assert code == 0 and "КОД 18.02.12-2-2026 (2026 г.)" in out, err

    # the packet prints the commission from the record and the list by its КОД code
    code, _out, err = run(capsys, db, "report", "accreditation", "--workshop", W, "-o", str(tmp_path / "p.pdf"))
    assert code == 0, err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / "p.pdf")).pages).split())
    assert "КОД 18.02.12-2-2026" in text and "145-о" in text and "Смирнова А. В." in text and "Белова Т. С." in text

    code, out, _ = run(capsys, db, "accreditation", "kod", "--workshop", W, "")
    assert code == 0 and "код КОД не указан" in out
    code, out, _ = run(capsys, db, "accreditation", "commission", "show", "--workshop", W)
    assert "Приказ № 145-о от 15.11.2026" in out and "код КОД не указан" in out


def test_viewer_cannot_record_evidence(demo_db_path, capsys, monkeypatch):
    monkeypatch.setenv("CHEMCLUSTER_USER", "viewer")
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "viewer")
    code, _out, err = run(capsys, str(demo_db_path), "accreditation", "kod", "--workshop", W, "КОД 18.02.12-1-2026")
    assert code == 1 and err
