"""The procurement part of the demo data set: believable and covering every stage of the road."""

from __future__ import annotations

from decimal import Decimal

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.procurement.inn import inn_valid


def test_demo_procurement(demo_db):
    b = P.budget()
    assert [r.code for r in b.rows] == ["federal", "regional", "employer", "own"]
    assert b.row("federal").limit == Decimal("100000000.00")
    assert b.totals.limit == Decimal("396600000.00")
    assert all(r.remaining >= 0 and r.contracted <= r.limit for r in b.rows)
    assert b.totals.paid > 0 and b.totals.contracted > b.totals.paid

    sups = P.all_suppliers()
    assert len(sups) >= 8 and all(inn_valid(s.inn) for s in sups)

    needs = P.list_needs(ListQuery(limit=1000))
    assert 20 <= len(needs) <= 40
    assert any(n["from_checklist"] for n in needs)  # some come from the accreditation gaps
    assert sum(1 for n in needs if not P.nmck(n["id"])["valid"] and n["offers"] >= 3) >= 1  # CV > 33 %
    assert all(3 <= n["offers"] <= 4 for n in needs if n["offers"] and n["name"] != "Рефрактометр ИРФ-454 Б2М")
    assert any(P.nmck_details(n["id"]).stale for n in needs)

    lines = P.list_plan_lines(ListQuery(limit=100))
    statuses = {ln["status"] for ln in lines}
    assert {"in_plan", "price_justified", "notice_published", "contract_signed", "delivered", "on_inventory",
            "failed"} <= statuses
    contracts = P.list_contracts(ListQuery(limit=100))
    assert 3 <= len(contracts) <= 5
    assert any(c["pending"] for c in contracts)  # one delivery waits for acceptance
    accepted = [P.get_contract(c["id"]) for c in contracts]
    items = [i for c in accepted for d in c.deliveries if d.accepted_at for ln in d.lines for i in ln.item_ids]
    assert len(items) >= 10  # the accepted delivery is on the inventory
    from chemcluster_desktop.services import inventory

    on_inv = {r["id"] for r in inventory.list_items(ListQuery(limit=5000))}
    assert set(items) <= on_inv


def test_demo_payment_stages_fall_on_working_days(demo_db):
    """Counted back from today, the demo's payment stages used to land on Saturdays and public holidays;
    a term ending on a day off ends on the next working day (ГК РФ ст. 193)."""
    from chemcluster_desktop.services.procurement import rules
    from chemcluster_desktop.services.procurement.deadlines import working_calendar

    off, work = working_calendar()
    dues = [p.due_on for c in P.list_contracts(ListQuery(limit=100)) for p in P.get_contract(c["id"]).payments
            if p.due_on is not None]
    assert len(dues) >= 5
    assert all(rules.is_working_day(d, off, work) for d in dues), dues


def _small_p5_purchase_next_year(sups: list[int], src: int) -> int:
    """A need priced by three offers, planned for next year as a п. 5 ч. 1 ст. 93 purchase: the only line
    of its year, so without a СГОЗ its year's volume is its own price and п. 5 allows half of it."""
    import datetime as dt

    from chemcluster_desktop.services.procurement import rules
    from tests.procurement.helpers import add_offers

    nid = P.create_need({"name": "Кондуктометр лабораторный", "quantity": 2})
    add_offers(nid, sups[:3], ["50000.00", "51000.00", "52000.00"])
    return P.create_plan_line({"title": "Кондуктометры", "need_ids": [nid], "funding_source_id": src,
                               "method": rules.SINGLE_P5, "planned_year": dt.date.today().year + 1})


def test_demo_sets_the_annual_volume_so_a_small_purchase_goes_through(demo_db):
    from chemcluster_desktop.services.procurement import compliance, demo, rules

    assert rules.get_procurement_settings()["procurement.annual_volume"] == demo.ANNUAL_VOLUME
    limits = {r["point"]: r["limit"] for r in compliance.small_purchases()}
    assert limits["p5"] == Decimal("30000000.00") and limits["p4"] == Decimal("17200000.00")
    lid = _small_p5_purchase_next_year([s.id for s in P.all_suppliers()], P.list_sources()[0].id)
    P.advance(lid, "price_justified")
    assert P.get_plan_line(lid).status == "price_justified"


def test_a_real_database_without_the_annual_volume_still_refuses(db):
    import pytest

    from chemcluster_desktop.services.errors import ValidationError
    from chemcluster_desktop.services.procurement import rules
    from tests.procurement.helpers import make_sources, make_suppliers

    assert rules.get_procurement_settings()["procurement.annual_volume"] == ""
    lid = _small_p5_purchase_next_year(make_suppliers(3), make_sources()["own"])
    with pytest.raises(ValidationError, match="не помещается в лимит. Выберите конкурентный способ") as e:
        P.advance(lid, "price_justified")
    # it says why the limit is so small and where the college enters its СГОЗ
    assert "СГОЗ" in str(e.value) and "он не введён" in str(e.value) and "«Настройки закупок…»" in str(e.value)
    assert P.get_plan_line(lid).status == "in_plan"
