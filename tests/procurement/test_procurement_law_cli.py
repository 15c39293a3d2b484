"""The procurement-law forms of CLI.md on the demo data: ``procurement plan --json`` (law, method, ikz;
totals per law), ``procurement nmck --line``, ``procurement due --json``; and the demo obeying the rules."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from chemcluster_desktop import cli
from chemcluster_desktop.services import context
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.procurement import justification, rules


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_plan_json_shape_and_totals(demo_db_path, capsys):
    code, out, _ = run(capsys, "--db", str(demo_db_path), "procurement", "plan", "--json")
    assert code == 0
    data = json.loads(out)
    assert {"lines", "totals"} <= set(data) and set(data["totals"]) == {"44-ФЗ", "223-ФЗ"}  # keys may be added
    for ln in data["lines"]:
        assert {"number", "law", "method", "ikz", "amount", "status"} <= set(ln)
        assert ln["law"] in ("44-ФЗ", "223-ФЗ")
        if ln["law"] == "44-ФЗ":
            assert len(ln["ikz"]) == 36 and ln["ikz"].isdigit() and ln["ikz"][:2] == f"{dt.date.today().year % 100:02d}"
        else:
            assert ln["ikz"] is None
    for law in ("44-ФЗ", "223-ФЗ"):
        rows = [Decimal(ln["amount"]) for ln in data["lines"]
                if ln["law"] == law and ln["status"] not in ("failed", "cancelled")]
        assert Decimal(data["totals"][law]) == sum(rows, Decimal("0.00"))
    assert any(ln["status"] == "failed" for ln in data["lines"])
    code, out, _ = run(capsys, "--db", str(demo_db_path), "procurement", "plan")
    assert "План-график (44-ФЗ)" in out and "План-график (223-ФЗ)" in out and "в итог не входят" in out


def test_nmck_line_json_and_usage(demo_db_path, capsys):
    code, out, err = run(capsys, "--db", str(demo_db_path), "procurement", "nmck", "--line",
                         f"ПГ-{dt.date.today().year}-001", "--json")
    assert code == 0, err
    d = json.loads(out)
    total = sum((Decimal(p["nmck"]) for p in d["positions"]), Decimal("0.00"))
    assert d["valid"] and Decimal(d["nmck"]) == total and len(d["ikz"]) == 36
    assert len(d["requests"]) >= 5
    for p in d["positions"]:
        assert p["justified_on"] == d["justified_on"]
        assert len(p["offer_dates"]) == len(p["prices"])
        assert all(x <= d["justified_on"] for x in p["offer_dates"])
    code, _out, err = run(capsys, "--db", str(demo_db_path), "procurement", "nmck", "--line", "ПГ-1999-999")
    assert code == 1 and "не найдена" in err
    with pytest.raises(SystemExit) as e:  # --need and --line together: wrong usage
        run(capsys, "--db", str(demo_db_path), "procurement", "nmck", "--line", "x", "--need", "1")
    assert e.value.code == 2


def test_due_json_shows_the_overdue_small_purchase(demo_db_path, capsys):
    code, out, _ = run(capsys, "--db", str(demo_db_path), "procurement", "due", "--json")
    assert code == 0
    due = json.loads(out)["due"]
    assert due and all(set(r) >= {"contract", "kind", "date", "overdue", "amount"} for r in due)
    today = dt.date.today().isoformat()
    assert all(r["overdue"] == (r["date"] < today) for r in due)
    assert any(r["overdue"] and r["kind"] == "delivery" and r["contract"] == "ЕП-2026-007" for r in due)


def test_demo_obeys_the_rules(demo_db):
    lines = P.list_plan_lines(ListQuery(limit=100))
    small = [ln for ln in lines if rules.is_single(ln["method"])]
    assert small and all(P.get_plan_line(ln["id"]).status == "contract_signed" for ln in small)
    for ln in lines:
        j = justification.line_justification(ln["number"])
        if j.justified_on is None:
            continue
        # no justification predates its offers; each plan line has one justification with ≥ 5 requests
        assert all(o.date <= j.justified_on for p in j.positions for o in p.result.offers), ln["number"]
        assert len(j.requests) >= 5 and not any(p.late for p in j.positions)
        info = P.get_plan_line(ln["id"])
        assert not [w for w in info.warnings if "позже" in w]
    # every accepted item was put on the books for exactly its contract share: acceptance to the kopeck
    for c in P.list_contracts(ListQuery(limit=100)):
        ci = P.get_contract(c["id"])
        done = [d for d in ci.deliveries if d.accepted_at]
        if done and all(n["left"] == 0 for n in ci.needs):
            from chemcluster_desktop.services import inventory

            ids = [i for d in done for ln in d.lines for i in ln.item_ids]
            total = sum((Decimal(str(inventory.get_item(i)["cost"])) for i in ids), Decimal("0.00"))
            assert total == ci.price
    assert context.current() is not None


def test_plan_json_tracks_the_small_purchase_volumes(demo_db_path, capsys):
    """``procurement plan --json`` adds the year's small purchases per ground of ст. 93, recomputed here:
    used = the justified-or-further lines of that method (their contracts' prices, else their НМЦК);
    the limit from СГОЗ — the demo declares it (``demo.ANNUAL_VOLUME``); without it the year's active 44-ФЗ
    lines the same way (``test_procurement_demo``: a real database's refusal)."""
    code, out, _ = run(capsys, "--db", str(demo_db_path), "procurement", "plan", "--json")
    assert code == 0
    data = json.loads(out)
    context.open_database(demo_db_path)
    try:
        prices: dict[str, Decimal] = {}
        for c in P.list_contracts(ListQuery(limit=1000)):
            prices[c["plan"]] = prices.get(c["plan"], Decimal(0)) + c["price"]
    finally:
        context.close_database()
    committed = {ln["number"]: prices.get(ln["number"], Decimal(ln["amount"])) for ln in data["lines"]}
    active = [ln for ln in data["lines"] if ln["law"] == "44-ФЗ" and ln["status"] not in ("failed", "cancelled")]
    from chemcluster_desktop.services.procurement.demo import ANNUAL_VOLUME

    sgoz = Decimal(ANNUAL_VOLUME)
    assert sgoz > sum((committed[ln["number"]] for ln in active), Decimal("0.00"))  # more than the plan alone
    small = {x["point"]: x for x in data["small_purchases"]}
    assert set(small) == {"p4", "p5", "e12"}
    justified = [ln for ln in active if ln["status"] not in ("need", "in_plan")]
    for point, method in (("p4", rules.SINGLE_P4), ("p5", rules.SINGLE_P5), ("e12", rules.SINGLE_E)):
        used = sum((committed[ln["number"]] for ln in justified if ln["method"] == method), Decimal("0.00"))
        assert Decimal(small[point]["used"]) == used and small[point]["method"] == method
    assert Decimal(small["p5"]["used"]) > 0  # the demo's conductometers
    assert Decimal(small["p5"]["limit"]) == min((sgoz * Decimal("0.5")).quantize(Decimal("0.01")), Decimal("30000000"))
    assert Decimal(small["p4"]["limit"]) == max(Decimal("2000000"), min((sgoz / 10).quantize(Decimal("0.01")),
                                                                        Decimal("50000000")))
    assert Decimal(small["e12"]["limit"]) == Decimal("100000000")
    code, out, _ = run(capsys, "--db", str(demo_db_path), "procurement", "plan")
    assert "Закупки малого объёма" in out and rules.SINGLE_E in out
