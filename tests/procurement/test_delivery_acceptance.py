"""Delivery acceptance puts each line on the inventory as unit equipment, a group or a consumable,
suggested from the low-value threshold of the settings (not from the quantity being a whole number)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chemcluster_desktop.services import database, inventory
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import ValidationError
from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers

TODAY = dt.date.today()


def _delivery(setup_room: int) -> tuple[int, dict[str, int]]:
    sup, src = make_suppliers(3), make_sources()
    needs = {}
    for name, qty, unit, prices in (("Спектрофотометр", 2, "шт.", ["385000.00", "390000.00", "392000.00"]),
                                    ("Штатив лабораторный", 12, "шт.", ["1150.00", "1200.00", "1180.00"]),
                                    ("Натрия хлорид", "2.5", "кг", ["420.00", "430.00", "440.00"])):
        nid = P.create_need({"name": name, "quantity": qty, "unit": unit, "room_id": setup_room})
        add_offers(nid, sup, prices)
        needs[name] = nid
    lid = P.create_plan_line({"title": "Оснащение лаборатории", "need_ids": list(needs.values()),
                              "funding_source_id": src["federal"]})
    for st in ("price_justified", "notice_published", "supplier_chosen"):
        P.advance(lid, st, note="0332300001226000002" if st == "notice_published" else "")
    cid = P.create_contract({"plan_line_id": lid, "number": "К-17", "date": TODAY, "supplier_id": sup[0],
                             "price": "790000.00", "payments": [("790000.00", None, "Оплата")]})
    did = P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД № 5", "lines": [
        (needs["Спектрофотометр"], 2, "385000.00"), (needs["Штатив лабораторный"], 12, "1150.00"),
        (needs["Натрия хлорид"], "2.5", "420.00")]})
    return did, needs


def test_acceptance_suggests_from_the_threshold_and_follows_the_choice(db):
    gap = make_gap()
    did, _needs = _delivery(gap["room_id"])
    plan = {al.name: al for al in P.acceptance_plan(did)}
    assert plan["Спектрофотометр"].kind == "unit" and "выше порога" in plan["Спектрофотометр"].reason
    assert plan["Штатив лабораторный"].kind == "group" and "12 шт." in plan["Штатив лабораторный"].reason
    assert plan["Натрия хлорид"].kind == "consumable"
    # a whole quantity of a cheap thing is still a group, not 12 cards; the unit kind cannot take 2,5 kg
    with pytest.raises(ValidationError, match="не целое"):
        P.accept_delivery(did, kinds={plan["Натрия хлорид"].line_id: "unit"})
    with pytest.raises(ValidationError):
        P.accept_delivery(did, kinds={plan["Штатив лабораторный"].line_id: "half"})
    ids = P.accept_delivery(did)
    cards = [inventory.get_item(i) for i in ids]
    by_name: dict[str, list[dict]] = {}
    for c in cards:
        by_name.setdefault(c["name"], []).append(c)
    assert len(by_name["Спектрофотометр"]) == 2 and all(c["quantity"] == 1 for c in by_name["Спектрофотометр"])
    (stands,) = by_name["Штатив лабораторный"]
    assert stands["kind"] == "equipment" and stands["quantity"] == Decimal(12) and stands["is_group"]
    assert stands["cost"] == Decimal("1150.00") and stands["inventory_number"]
    (salt,) = by_name["Натрия хлорид"]
    assert salt["kind"] == "consumable" and salt["quantity"] == Decimal("2.5") and salt["unit"] == "кг"


def test_threshold_setting_changes_the_suggestion(db):
    from chemcluster_desktop.services import settings_service

    gap = make_gap()
    did, _needs = _delivery(gap["room_id"])
    settings_service.save({"inventory.low_value_threshold": "500"})
    assert database.get_setting("inventory.low_value_threshold") == "500"
    plan = {al.name: al for al in P.acceptance_plan(did)}
    assert plan["Штатив лабораторный"].kind == "unit"
    with pytest.raises(ValidationError, match="Порог"):
        settings_service.save({"inventory.low_value_threshold": "дёшево"})
    # chosen by hand: the two spectrophotometers as one group; the stands follow the new threshold (units)
    ids = P.accept_delivery(did, kinds={plan["Спектрофотометр"].line_id: "group"})
    names = [inventory.get_item(i)["name"] for i in ids]
    assert names.count("Спектрофотометр") == 1 and names.count("Штатив лабораторный") == 12
