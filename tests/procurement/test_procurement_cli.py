"""``chemcluster procurement …`` and ``export plan-schedule`` over a real database file."""

from __future__ import annotations

import json

import pytest

from chemcluster_desktop import cli
from chemcluster_desktop.services import context
from chemcluster_desktop.services import procurement as P
from tests.procurement.helpers import add_offers, make_sources, make_suppliers


@pytest.fixture
def filled(db_path):
    context.open_database(db_path)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    src = make_sources()
    sup = make_suppliers(3)
    good = P.create_need({"name": "Весы аналитические", "quantity": 2})
    add_offers(good, sup, ["100000.00", "110000.00", "105000.50"])
    bad = P.create_need({"name": "Установка ректификации", "quantity": 1})
    add_offers(bad, sup, ["3900000.00", "5600000.00", "8700000.00"])
    P.create_plan_line({"title": "Весы", "need_ids": [good], "funding_source_id": src["federal"]})
    context.close_database()
    return {"path": str(db_path), "good": good, "bad": bad}


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_nmck_json_exact_shape(filled, capsys):
    code, out, _err = run(capsys, "--db", filled["path"], "procurement", "nmck", "--need", str(filled["good"]),
                          "--json")
    assert code == 0
    assert json.loads(out) == {"need": filled["good"], "quantity": 2, "prices": ["100000.00", "110000.00",
                                                                                "105000.50"],
                               "mean": "105000.17", "cv_percent": "4.76", "nmck": "210000.33", "valid": True}


def test_nmck_refused_says_why(filled, capsys):
    code, out, err = run(capsys, "--db", filled["path"], "procurement", "nmck", "--need", str(filled["bad"]),
                         "--json")
    data = json.loads(out)
    assert code == 0 and data["valid"] is False and data["cv_percent"] == "40.12"
    assert set(data) == {"need", "quantity", "prices", "mean", "cv_percent", "nmck", "valid"}
    assert "33 %" in err
    code, out, err = run(capsys, "--db", filled["path"], "procurement", "nmck", "--need", "9999")
    assert code == 1 and "не найден" in err


def test_budget_json_and_text(filled, capsys):
    code, out, _ = run(capsys, "--db", filled["path"], "procurement", "budget", "--json")
    b = json.loads(out)
    assert code == 0 and b["project_total"] == "396600000.00" and b["grant_cap"] == "100000000.00"
    fed = next(r for r in b["sources"] if r["code"] == "federal")
    assert fed["limit"] == "100000000.00" and fed["planned"] == "210000.33"
    assert b["total"]["limit"] == "396600000.00"
    code, out, _ = run(capsys, "--db", filled["path"], "procurement", "budget")
    assert code == 0 and "Профессионалитет" in out


def test_advance_out_of_order_refused(filled, capsys):
    code, _out, err = run(capsys, "--db", filled["path"], "procurement", "advance", "--line", "1",
                          "--to", "supplier_chosen")
    assert code == 1 and "Допустимый следующий шаг" in err
    code, out, _err = run(capsys, "--db", filled["path"], "procurement", "advance", "--line", "1",
                          "--to", "price_justified")
    assert code == 0 and "Цена обоснована" in out


def test_supplier_add_checks_inn(filled, capsys):
    code, _o, err = run(capsys, "--db", filled["path"], "procurement", "supplier-add", "ООО «Опечатка»",
                        "--inn", "5249012348", "--kpp", "524901001")
    assert code == 1 and "контрольных цифр" in err


def test_export_plan_schedule_xlsx(filled, capsys, tmp_path):
    from openpyxl import load_workbook

    dest = tmp_path / "plan.xlsx"
    code, out, _ = run(capsys, "--db", filled["path"], "export", "plan-schedule", str(dest))
    assert code == 0 and dest.exists()
    wb = load_workbook(dest)
    ws = wb["План-график"]
    rows = [r for r in ws.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "№ строки")
    assert "НМЦК, ₽" in header
    line = next(r for r in rows if r and str(r[0]).startswith("ПГ-"))
    assert line[1] == "Весы" and line[5].startswith("Грант") and float(line[9]) == pytest.approx(210000.33)
    assert any(r and r[1] and "Итого" in str(r[1]) for r in rows)
    steps = list(wb["Ход закупок"].iter_rows(values_only=True))
    assert steps[1][1] == "В плане"


def test_reports_by_cli(filled, capsys, tmp_path):
    from pypdf import PdfReader

    for kind, extra in (("procurement", []), ("nmck", ["--need", str(filled["good"])]), ("budget", [])):
        dest = tmp_path / f"{kind}.pdf"
        code, out, err = run(capsys, "--db", filled["path"], "report", kind, "-o", str(dest), *extra)
        assert code == 0, err
        assert PdfReader(str(dest)).pages
    code, _o, err = run(capsys, "--db", filled["path"], "report", "nmck", "-o", str(tmp_path / "x.pdf"),
                        "--need", "abc")
    assert code == 1
