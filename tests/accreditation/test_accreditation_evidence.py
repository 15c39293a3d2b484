"""Issue 14, points 7-10: «Выполнено» rests on evidence (usable items by quantity, loans in force), a
manual status without it is refused or shown «вручную, без подтверждения» and not counted, only usable
items count, the packet proves each line, and a delivery closes its gap. Readiness is recomputed here
independently, in Decimal, from the quantities the status JSON reports."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import context, printing
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.storage.accreditation import ChecklistLoan, WorkshopCommissionMember
from chemcluster_desktop.storage.inventory import Item
from tests.accreditation import helpers as h

TODAY = dt.date.today()


def _loan(**kw) -> dict:
    d = dict(kind="loan", partner="АО «Синтез»", document_number="17/26-БП", document_date=TODAY - dt.timedelta(days=5),
             quantity="2", valid_until=TODAY + dt.timedelta(days=180))
    d.update(kw)
    return d


def _row(wid: int, name: str) -> dict:
    return next(r for r in acc.checklist(wid) if r["name"] == name)


def _count(model) -> int:
    with context.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _expected_coverage(lines: list[dict]) -> Decimal:
    """The readiness figure by hand: per line 1 when met, 0 when missing, available / required (at most
    1) when partial; the mean over the lines in per cent, one decimal."""
    total = Decimal(0)
    for ln in lines:
        req, av = Decimal(str(ln["required"])), Decimal(str(ln["available"]))
        if ln["status"] == "met":
            total += 1
        elif ln["status"] == "partial":
            total += min(av / req, Decimal(1))
    return (total / len(lines) * 100).quantize(Decimal("0.1"))


def _status_by_quantity(ln: dict) -> str:
    req, av = Decimal(str(ln["required"])), Decimal(str(ln["available"]))
    return "met" if av >= req else "partial" if av > 0 else "missing"


def test_only_usable_items_count_by_quantity(db, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    acc.match(wid)
    before = {ln["name"]: ln for ln in acc.status(wid)["checklist"]}
    linked = [ln for ln in before.values() if ln["evidence"]]
    assert linked, "the sample room's items match some lines"
    target = linked[0]
    ev_item = acc.line_evidence(wid)[_row(wid, target["name"])["id"]]["evidence"][0]
    # the item goes on repair: it stays linked but no longer counts, and the reason is given
    with context.uow() as s:
        it = s.get(Item, ev_item["item_id"])
        it.status = "repair"
    after = {ln["name"]: ln for ln in acc.status(wid)["checklist"]}
    t = after[target["name"]]
    assert Decimal(str(t["available"])) == Decimal(str(target["available"])) - Decimal(str(ev_item["quantity"]))
    assert [x["reason"] for x in t["excluded"]] == ["на ремонте"]
    for status_, reason in (("not_commissioned", "не введено в эксплуатацию"), ("written_off", "списано")):
        with context.uow() as s:
            s.get(Item, it.id).status = status_
        t = {ln["name"]: ln for ln in acc.status(wid)["checklist"]}[target["name"]]
        assert [x["reason"] for x in t["excluded"]] == [reason]
    # every line's status follows its quantities; readiness is their mean coverage
    st = acc.status(wid)
    for ln in st["checklist"]:
        assert ln["status"] == _status_by_quantity(ln), ln
    assert Decimal(str(st["coverage_percent"])) == _expected_coverage(st["checklist"])


def test_group_card_counts_its_quantity(db, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    row = _row(wid, "Стол")
    req = Decimal(row["required"])
    with context.uow() as s:
        from chemcluster_desktop.storage.accreditation import WorkshopRoom

        rid = s.scalar(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == wid))
        it = Item(kind="furniture", name="Стол лабораторный (группа)", quantity=req - 1, room_id=rid,
                  inventory_number="ГР-0001")
        s.add(it)
        s.flush()
        iid = it.id
    for lk in acc.links(row["id"]):
        acc.reject_link(lk.id)
    acc.link_item(row["id"], iid)
    r = acc.checklist_line(row["id"])
    assert Decimal(r["available"]) == req - 1 and r["status"] == "partial"
    ev = acc.line_evidence(wid)[row["id"]]["evidence"]
    assert [(x["kind"], x["ref"], x["quantity"]) for x in ev] == [("item", "ГР-0001", req - 1)]


def test_loan_covers_the_rest_and_bad_loans_write_nothing(db, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    row = _row(wid, "Стол")
    req = Decimal(row["required"])
    bad = [
        (dict(partner="  "), "partner"),
        (dict(document_number=""), "document_number"),
        (dict(document_date=""), "document_date"),
        (dict(document_date="31.02.2026"), "document_date"),
        (dict(quantity="0"), "quantity"),
        (dict(quantity="много"), "quantity"),
        (dict(valid_until=TODAY - dt.timedelta(days=30)), "valid_until"),
        (dict(kind="gift"), "kind"),
    ]
    for change, field in bad:
        with pytest.raises(ValidationError) as e:
            acc.add_loan(row["id"], _loan(**change))
        assert e.value.field == field, change
        assert str(e.value)
    assert _count(ChecklistLoan) == 0
    lid = acc.add_loan(row["id"], _loan(quantity=str(req - 1)))
    r = acc.checklist_line(row["id"])
    assert r["status"] == "partial" and Decimal(r["available"]) == req - 1 and Decimal(r["available_loans"]) == req - 1
    acc.add_loan(row["id"], _loan(kind="lease", partner="ООО «Химлабприбор»", document_number="А-5", quantity="1"))
    r = acc.checklist_line(row["id"])
    assert r["status"] == "met" and not r["manual"]
    refs = [x["ref"] for x in acc.status(wid)["checklist"][row["position"] - 1]["evidence"]]
    assert refs == [f"Договор безвозмездного пользования № 17/26-БП от {TODAY - dt.timedelta(days=5):%d.%m.%Y}",
                    f"Договор аренды № А-5 от {TODAY - dt.timedelta(days=5):%d.%m.%Y}"]
    # a loan whose term has run out no longer counts
    info = acc.loans(row["id"])[0]
    acc.update_loan(lid, _loan(quantity=str(req - 1), document_date=TODAY - dt.timedelta(days=400),
                               valid_until=TODAY - dt.timedelta(days=1)), info.version)
    r = acc.checklist_line(row["id"])
    assert r["status"] == "partial" and Decimal(r["available"]) == 1
    assert "срок договора истёк" in acc.line_evidence(wid)[row["id"]]["excluded"][0]["reason"]
    acc.delete_loan(lid)
    assert len(acc.loans(row["id"])) == 1


def test_manual_met_without_evidence_refused_and_old_one_not_counted(db, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    row = _row(wid, "Стол")
    with pytest.raises(ValidationError) as e:
        acc.set_override(row["id"], "met", "Столы у партнёра", row["version"])
    assert e.value.field == "status" and "в наличии 0 из" in str(e.value)
    assert acc.checklist_line(row["id"])["status_override"] is None
    # with a loan covering it, the coordinator may confirm it by hand
    lid = acc.add_loan(row["id"], _loan(quantity=row["required"]))
    acc.set_override(row["id"], "met", "Столы у партнёра, договор в папке", acc.checklist_line(row["id"])["version"])
    r = acc.checklist_line(row["id"])
    assert r["status"] == "met" and r["manual"] and not r["unconfirmed"]
    before = acc.status(wid)
    # the evidence goes (the loan is cancelled): the manual «Выполнено» stays, marked, and does not count
    acc.delete_loan(lid)
    r = acc.checklist_line(row["id"])
    assert r["status_override"] == "met" and r["status"] == "missing" and r["unconfirmed"]
    assert r["status_text"] == "Выполнено — вручную, без подтверждения"
    st = acc.status(wid)
    ln = next(x for x in st["checklist"] if x["name"] == "Стол")
    assert (ln["status"], ln["manual"], ln["unconfirmed"], ln["claimed"], ln["evidence"]) == (
        "missing", True, True, "met", [])
    assert st["met"] == before["met"] - 1
    assert Decimal(str(st["coverage_percent"])) == _expected_coverage(st["checklist"])
    # the Excel export says so too
    from openpyxl import load_workbook

    acc.export_checklist(wid, tmp_path / "cl.xlsx")
    cells = [r for r in load_workbook(tmp_path / "cl.xlsx").active.iter_rows(values_only=True) if r[2] == "Стол"]
    assert cells[0][9] == "Не выполнено («Выполнено» — вручную, без подтверждения)"
    # and its shortfall is in the gap list
    gap = next(g for g in acc.gaps(wid) if g["id"] == row["id"])
    assert gap["unmet"] == Decimal(row["required"])
    from chemcluster_desktop.services.listing import ListQuery

    q = ListQuery(filters={"workshop_id": wid, "status": "unconfirmed"})
    assert [r["name"] for r in acc.checklist_page(q)] == ["Стол"]


def test_kod_code_and_commission_records(db, tmp_path):
    wid = h.workshop_with_items(tmp=tmp_path)
    list_id = acc.workshop(wid).list_id
    year = acc.workshop(wid).list_year
    for code in ("ЛХА-2026", "18.02.12-1"):
        with pytest.raises(ValidationError) as e:
            acc.set_list_kod(list_id, code)
        assert e.value.field == "kod_code"
    with pytest.raises(ValidationError, match="года"):
        acc.set_list_kod(list_id, f"18.02.12-1-{year - 1}")
    acc.set_list_kod(list_id, f"КОД 18.02.12-1-{year}")
    assert acc.packet_data(wid)["list_name"] == f"Инфраструктурный лист КОД 18.02.12-1-{year} ({year} г.)"
    members = [dict(role="chair", full_name="Смирнова Е. П.", job_title="заместитель директора"),
               dict(role="member", full_name="Ковалёв И. Н.", job_title="эксперт ДЭ"),
               dict(role="member", full_name="Белова А. С.", job_title="преподаватель")]
    with pytest.raises(ValidationError) as e:
        acc.set_commission(wid, "214-ОД", "10.11.2026", [dict(m, role="member") for m in members])
    assert e.value.field == "role"
    with pytest.raises(ValidationError) as e:
        acc.set_commission(wid, "", "10.11.2026", members)
    assert e.value.field == "commission_order"
    with pytest.raises(ValidationError) as e:
        acc.set_commission(wid, "214-ОД", "10.11.2026", [*members[:2], dict(full_name="Белова А. С.")])
    assert e.value.field == "job_title"
    assert _count(WorkshopCommissionMember) == 0 and acc.commission(wid)["order"] == ""
    acc.set_commission(wid, "214-ОД", "10.11.2026", members)
    com = acc.commission(wid)
    assert com["order"] == "214-ОД" and com["order_date"] == dt.date(2026, 11, 10)
    assert [m["full_name"] for m in com["members"]] == ["Смирнова Е. П.", "Ковалёв И. Н.", "Белова А. С."]


def test_packet_proves_each_line(db, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    acc.match(wid)
    info = acc.workshop(wid)
    acc.set_list_kod(info.list_id, f"18.02.12-1-{info.list_year}")
    acc.set_commission(wid, "214-ОД", "10.11.2026", [
        dict(role="chair", full_name="Смирнова Елена Петровна", job_title="заместитель директора"),
        dict(role="member", full_name="Ковалёв Игорь Николаевич", job_title="эксперт демонстрационного экзамена"),
        dict(role="secretary", full_name="Морозова Ольга Игоревна", job_title="методист")])
    missing = sorted((r for r in acc.checklist(wid) if r["status"] != "met"), key=lambda r: r["status"] != "missing")
    assert len(missing) >= 2 and missing[0]["status"] == "missing"
    stol = missing[0]
    acc.add_loan(stol["id"], _loan(quantity=stol["required"], document_number="44/26-БП"))
    acc.set_override(stol["id"], "met", "Столы партнёра", acc.checklist_line(stol["id"])["version"])
    acc.delete_loan(acc.loans(stol["id"])[0].id)  # the evidence is gone: printed as unconfirmed
    # an inventory number on a usable linked item is printed on its line
    with context.uow() as s:
        numbered = [s.get(Item, x["item_id"]) for e in acc.line_evidence(wid).values() for x in e["evidence"]
                    if x["kind"] == "item"]
        for k, it in enumerate(numbered):
            it.inventory_number = f"ИН-{k + 1:05d}"
    lent = missing[1]
    acc.add_loan(lent["id"], _loan(quantity=Decimal(lent["required"]) - Decimal(lent["available"]),
                                   document_number="45/26-БП"))
    out = tmp_path / "packet.pdf"
    printing.build("accreditation", out, workshop=wid)
    text = "\n".join(pg.extract_text() for pg in PdfReader(str(out)).pages)
    flat = " ".join(text.split())
    assert f"КОД 18.02.12-1-{info.list_year}" in flat and "ИЛ 2026 года" not in flat
    for k in range(len(numbered)):
        assert f"ИН-{k + 1:05d}" in flat
    assert "№ 45/26-БП" in flat and "вручную, без подтверждения" in flat
    assert "Комиссия создана приказом № 214-ОД от 10.11.2026" in flat
    for name in ("Смирнова Елена Петровна", "Ковалёв Игорь Николаевич", "Морозова Ольга Игоревна"):
        assert name in flat
    # the verdict is the commission's: left to fill in, not pre-written
    assert "соответствует / не соответствует (нужное подчеркнуть)" in flat
    assert "Комиссия рассмотрела" not in flat
    # every shortfall is in the gap list, with its unmet quantity
    gaps = acc.gaps(wid)
    assert any(g["id"] == stol["id"] for g in gaps)
    section = flat[flat.index("Перечень недостающего"):]
    for g in gaps:
        assert g["name"] in section


def test_delivery_closes_its_gap(db):
    from chemcluster_desktop.services import procurement as P
    from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers

    gap = make_gap()
    src, sup = make_sources(), make_suppliers(3)
    before = acc.checklist_line(gap["checklist_line_id"])
    assert before["status"] == "missing"
    nid = P.need_from_checklist_line(gap["checklist_line_id"])
    add_offers(nid, sup, ["152000.00", "148500.00", "155300.00"])
    lid = P.create_plan_line({"title": "Поставка весов", "need_ids": [nid], "funding_source_id": src["federal"],
                              "planned_quarter": 1})
    for st in ("price_justified", "notice_published", "supplier_chosen"):
        P.advance(lid, st, note="0332300001226000001" if st == "notice_published" else "")
    cid = P.create_contract({"plan_line_id": lid, "number": "0332300001226000001-01", "date": TODAY,
                             "supplier_id": sup[1], "price": "440000.00"})
    d1 = P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД-1", "lines": [(nid, 2)]})
    ids = P.accept_delivery(d1)
    r = acc.checklist_line(gap["checklist_line_id"])
    assert r["status"] == "partial" and Decimal(r["available"]) == 2
    assert sorted(lk.item_id for lk in acc.links(gap["checklist_line_id"]) if lk.state == "confirmed") == sorted(ids)
    d2 = P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД-2", "lines": [(nid, 1)]})
    P.accept_delivery(d2)
    r = acc.checklist_line(gap["checklist_line_id"])
    assert r["status"] == "met" and Decimal(r["available"]) == Decimal(r["required"]) == 3
    assert acc.gaps(gap["workshop_id"]) == []


def test_status_json_from_the_cli(db_path, tmp_path, capsys):
    from chemcluster_desktop.cli import main

    context.open_database(db_path)
    try:
        context.set_actor(context.Actor("admin", "admin", "Администратор"))
        wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
        acc.match(wid)
        stol = _row(wid, "Стол")
        acc.add_loan(stol["id"], _loan(quantity="1", document_number="9/26"))
    finally:
        context.close_database()
    assert main(["--db", str(db_path), "accreditation", "status", "--workshop", "Мастерская ЛХА", "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert len(st["checklist"]) == st["lines"] == 8
    for ln in st["checklist"]:
        assert isinstance(ln["no"], int) and isinstance(ln["manual"], bool)
        assert ln["status"] in ("met", "partial", "missing")
        assert all(set(e) >= {"kind", "ref"} and e["kind"] in ("item", "loan") for e in ln["evidence"])
        got = sum((Decimal(str(e["quantity"])) for e in ln["evidence"]), Decimal(0))
        assert got == Decimal(str(ln["available"]))
    line = next(x for x in st["checklist"] if x["name"] == "Стол")
    assert {"kind": "loan", "ref": f"Договор безвозмездного пользования № 9/26 от "
                                   f"{TODAY - dt.timedelta(days=5):%d.%m.%Y}", "quantity": 1} in line["evidence"]
    assert Decimal(str(st["coverage_percent"])) == _expected_coverage(st["checklist"])
    assert st["met"] == sum(1 for x in st["checklist"] if x["status"] == "met")


def test_demo_readiness_rests_on_evidence(demo_db):
    for w in acc.workshops():
        st = acc.status(w.id)
        for ln in st["checklist"]:
            got = sum((Decimal(str(e["quantity"])) for e in ln["evidence"]), Decimal(0))
            assert got == Decimal(str(ln["available"])), ln
            if ln["status"] == "met":
                assert ln["evidence"], ln  # no «Выполнено» without evidence
        assert Decimal(str(st["coverage_percent"])) == _expected_coverage(st["checklist"])
    every = [ln for w in acc.workshops() for ln in acc.status(w.id)["checklist"]]
    assert any(ln["unconfirmed"] for ln in every)  # old manual statuses shown as such
    assert any(e["kind"] == "loan" for ln in every for e in ln["evidence"])


def _due(verified: dt.date, months: int) -> dt.date:
    """Issue 13's ``verification_due``, restated: the interval in months, the day clamped."""
    import calendar

    m = verified.month - 1 + months
    y, m = verified.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(verified.day, calendar.monthrange(y, m)[1]))


def test_expired_verification_rule_in_sql(db):
    """The SQL rule that takes an instrument out of use, on both backends, against the date arithmetic
    of the inventory's ``verification_due`` at the boundaries (month ends, leap day, same day)."""
    from sqlalchemy import Boolean, Date, Integer, case, literal

    from chemcluster_desktop.services.accreditation._checklist_sql import expired_expr

    on_days = [dt.date(2026, 12, 6), dt.date(2027, 2, 28), dt.date(2028, 2, 29), dt.date(2026, 3, 31)]
    verified = [dt.date(2025, 12, 6), dt.date(2025, 12, 5), dt.date(2025, 12, 7), dt.date(2026, 8, 31),
                dt.date(2026, 2, 28), dt.date(2024, 2, 29), dt.date(2025, 3, 31), dt.date(2026, 1, 31)]
    with context.read() as s:
        for on in on_days:
            for v in verified:
                for months in (1, 6, 12, 24):
                    expr = expired_expr(literal(True, Boolean()), literal(v, Date()), literal(months, Integer()), on)
                    got = bool(s.scalar(select(case((expr, 1), else_=0))))
                    assert got == (_due(v, months) < on), (on, v, months)
        never = expired_expr(literal(True, Boolean()), literal(None, Date()), literal(12, Integer()), TODAY)
        assert s.scalar(select(case((never, 1), else_=0))) == 1  # an instrument with no verification on record
        plain = expired_expr(literal(False, Boolean()), literal(None, Date()), literal(None, Integer()), TODAY)
        assert s.scalar(select(case((plain, 1), else_=0))) == 0  # not a measuring instrument


@pytest.mark.skipif(not hasattr(Item, "verified_on"), reason="the verification columns come with issue 13")
def test_instrument_with_expired_verification_does_not_count(db, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    acc.match(wid)
    line = next(ln for ln in acc.status(wid)["checklist"] if ln["evidence"])
    ev = acc.line_evidence(wid)[_row(wid, line["name"])["id"]]["evidence"][0]
    with context.uow() as s:
        it = s.get(Item, ev["item_id"])
        it.measuring, it.verification_months = True, 12
        it.verified_on = TODAY.replace(year=TODAY.year - 1) - dt.timedelta(days=1)
    after = next(ln for ln in acc.status(wid)["checklist"] if ln["name"] == line["name"])
    assert Decimal(str(after["available"])) == Decimal(str(line["available"])) - Decimal(str(ev["quantity"]))
    assert [x["reason"] for x in after["excluded"]] == ["истёк срок поверки"]
    with context.uow() as s:
        s.get(Item, ev["item_id"]).verified_on = TODAY - dt.timedelta(days=30)
    again = next(ln for ln in acc.status(wid)["checklist"] if ln["name"] == line["name"])
    assert again["available"] == line["available"] and again["excluded"] == []
