"""The payment term of 44-ФЗ ст. 34 ч. 13.1 — 7 working days after the acceptance document — counted on
the production calendar the timetable ships (public holidays and the Government's transfers), not on
weekends alone. The expected dates are counted by hand below from Постановление Правительства РФ от
24.09.2025 № 1466 (2026) and the calendar rows of 2027, not by the program's own function."""

from __future__ import annotations

import datetime as dt

import pytest

from chemcluster_desktop.services import database
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.procurement import deadlines, rules
from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers

D = dt.date


@pytest.fixture
def world(db):
    gap = make_gap()
    database.set_settings({"college.inn": "5249023823"})
    return {"room": gap["room_id"], "src": make_sources(), "sup": make_suppliers(3)}


def accepted_contract(world, accept_on: dt.date, *, start: dt.date, payment_days: int | None = None) -> int:
    """A 44-ФЗ auction line whose one contract is delivered in full and accepted on ``accept_on``."""
    nid = P.create_need({"name": "Весы аналитические", "quantity": "2", "room_id": world["room"],
                         "okpd2": "26.51.53.190"})
    add_offers(nid, world["sup"], ["150000.00", "151000.00", "152000.00"], start)
    lid = P.create_plan_line({"title": "Весы", "need_ids": [nid], "funding_source_id": world["src"]["federal"],
                              "on": start})
    P.advance(lid, "price_justified", on=start + dt.timedelta(days=1))
    P.advance(lid, "notice_published", note="0332300012326000201", on=start + dt.timedelta(days=2))
    P.advance(lid, "supplier_chosen", note="Протокол", on=start + dt.timedelta(days=10))
    data = {"plan_line_id": lid, "number": f"К-{accept_on.isoformat()}", "date": start + dt.timedelta(days=12),
            "supplier_id": world["sup"][0], "price": "300000.00"}
    if payment_days is not None:
        data["payment_days"] = payment_days
    cid = P.create_contract(data)
    did = P.create_delivery({"contract_id": cid, "date": accept_on, "document_number": "УПД 5", "lines": [(nid, 2)]})
    P.accept_delivery(did, accept_on)
    return cid


def payment_dates(today: dt.date) -> list[tuple[str, str]]:
    return [(r["contract"], r["date"]) for r in deadlines.due_json(today)["due"] if r["kind"] == "payment"]


def test_payment_term_skips_4_november(world):
    # accepted Friday 30.10.2026: 2.11 (1), 3.11 (2), 4.11 День народного единства — off, 5.11 (3), 6.11 (4),
    # 9.11 (5), 10.11 (6), 11.11 (7). Counting weekends only would give 10.11.
    accept = D(2026, 10, 30)
    cid = accepted_contract(world, accept, start=D(2026, 9, 1))
    assert payment_dates(D(2026, 11, 1)) == [(f"К-{accept.isoformat()}", "2026-11-11")]
    c = P.get_contract(cid)
    assert c.payments[0].due_on is None and c.payments[0].due_by == D(2026, 11, 11)
    # on 11.11 it is due (not overdue); on 12.11 it is overdue
    assert [r["overdue"] for r in deadlines.due_json(D(2026, 11, 11))["due"]] == [False]
    assert [r["overdue"] for r in deadlines.due_json(D(2026, 11, 12))["due"]] == [True]


def test_payment_term_over_the_new_year_holidays(world):
    # accepted Wednesday 31.12.2025: 1–8.01.2026 the New Year holidays, 9.01 a day off (transfer from
    # 3 January, ПП РФ № 1466), 10–11.01 a weekend; 12.01 (1) … 16.01 (5), 19.01 (6), 20.01 (7).
    # Weekends only would give 09.01.2026.
    accept = D(2025, 12, 31)
    cid = accepted_contract(world, accept, start=D(2025, 10, 1))
    assert payment_dates(D(2025, 12, 31)) == [(f"К-{accept.isoformat()}", "2026-01-20")]
    assert P.get_contract(cid).payments[0].due_by == D(2026, 1, 20)


def test_payment_term_on_the_calendar_for_the_coming_new_year(world):
    # acceptance cannot be dated in the future (the items' commissioning date), so the coming holidays
    # are checked on the term itself, read from the database's calendar:
    # accepted Monday 28.12.2026: 29.12 (1), 30.12 (2); 31.12 a day off (transfer from 4 January), 1–8.01.2027
    # the holidays, 9–10.01 a weekend; 11.01 (3) … 15.01 (7). Weekends only would give 06.01.2027.
    assert deadlines.payment_due(D(2026, 12, 28), 7) == D(2027, 1, 15)
    assert deadlines.payment_due(D(2026, 12, 29), 3) == D(2027, 1, 12)  # 30.12 (1), 11.01 (2), 12.01 (3)


def test_a_transferred_working_saturday_counts_and_an_edited_calendar_is_followed(world):
    from chemcluster_desktop.services.schedule.calendar import list_calendar, save_calendar_day

    # 13.11.2027 is a working Saturday in the calendar (a transfer); 4–5.11.2027 are days off.
    # Accepted Wednesday 3.11.2027: 8.11 (1), 9.11 (2), 10.11 (3), 11.11 (4), 12.11 (5), 13.11 Sat (6), 15.11 (7)
    assert deadlines.payment_due(D(2027, 11, 3), 7) == D(2027, 11, 15)
    # the college marks 9.11.2026 a regional day off: a contract accepted 30.10.2026 is due a day later
    cid = accepted_contract(world, D(2026, 10, 30), start=D(2026, 9, 1))
    assert P.get_contract(cid).payments[0].due_by == D(2026, 11, 11)
    save_calendar_day({"date": D(2026, 11, 9), "kind": "off", "name": "Региональный выходной"})
    assert any(r["date"] == D(2026, 11, 9) for r in list_calendar(2026))
    assert P.get_contract(cid).payments[0].due_by == D(2026, 11, 12)
    assert payment_dates(D(2026, 11, 1)) == [("К-2026-10-30", "2026-11-12")]


def test_working_days_rule_with_explicit_days_off():
    off = {D(2026, 11, 4)}
    assert rules.add_working_days(D(2026, 11, 3), 1, off) == D(2026, 11, 5)
    assert rules.add_working_days(D(2026, 11, 3), 1) == D(2026, 11, 4)  # without the calendar: weekdays only
    assert rules.add_working_days(D(2026, 11, 6), 1, off, {D(2026, 11, 7)}) == D(2026, 11, 7)  # a working Saturday
    assert rules.is_working_day(D(2026, 11, 7)) is False and rules.is_working_day(D(2026, 11, 4), off) is False
