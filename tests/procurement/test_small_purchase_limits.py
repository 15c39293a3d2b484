"""The small-purchase limits of 44-ФЗ ст. 93 (ч. 1 п. 4, п. 5 and the electronic purchases of ч. 12),
recomputed here with Decimal from the law's figures: a contract's ceiling per ground, the year's volume
per ground (п. 4: 2 млн ₽ or 10 % of СГОЗ, at most 50 млн ₽; п. 5: 50 % of СГОЗ, at most 30 млн ₽;
ч. 12: 100 млн ₽ a year, not counted in п. 4 / п. 5), refused with the field named and nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from chemcluster_desktop.services import database
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.context import read
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement import compliance, rules
from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers

TODAY = dt.date.today()
MLN = Decimal("1000000")


@pytest.mark.parametrize("sgoz, p4, p5", [
    (Decimal("10000000.00"), 2 * MLN, 5 * MLN),            # 10 % = 1 млн < 2 млн: the floor
    (Decimal("30000000.00"), 3 * MLN, 15 * MLN),           # 10 % = 3 млн; 50 % = 15 млн
    (Decimal("80000000.00"), 8 * MLN, 30 * MLN),           # 50 % = 40 млн, capped at 30 млн
    (Decimal("1000000000.00"), 50 * MLN, 30 * MLN),        # 10 % = 100 млн, capped at 50 млн
])
def test_annual_limits_by_the_law(sgoz, p4, p5):
    assert rules.annual_limit("p4", sgoz) == p4
    assert rules.annual_limit("p5", sgoz) == p5
    assert rules.annual_limit("e12", sgoz) == 100 * MLN
    assert rules.CONTRACT_LIMITS == {"p4": Decimal("600000.00"), "p5": Decimal("600000.00"), "e12": 5 * MLN}


@pytest.fixture
def world(db):
    gap = make_gap()
    database.set_settings({"college.inn": "5249023823"})
    rules.set_procurement_settings({"procurement.annual_volume": "2000000"})  # СГОЗ 2 млн ₽: п. 5 limit 1 млн ₽
    return {"room": gap["room_id"], "src": make_sources(), "sup": make_suppliers(3)}


def _line(world, name: str, qty: str, prices: list[str], method: str) -> tuple[int, Decimal]:
    nid = P.create_need({"name": name, "quantity": qty, "room_id": world["room"], "okpd2": "26.51.53.190"})
    add_offers(nid, world["sup"], prices, TODAY - dt.timedelta(days=30))
    lid = P.create_plan_line({"title": name, "need_ids": [nid], "funding_source_id": world["src"]["own"],
                              "method": method, "on": TODAY - dt.timedelta(days=20)})
    mean = sum((Decimal(p) for p in prices), Decimal(0)) / len(prices)
    return lid, (Decimal(qty) * mean).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_point_5_volume_and_the_electronic_purchases_apart(world):
    # п. 5, СГОЗ 2 млн ₽ → the year's limit is 1 млн ₽
    a, amount_a = _line(world, "Кондуктометр", "8", ["55000.00", "56000.00", "57000.00"], rules.SINGLE_P5)
    P.advance(a, "price_justified")
    assert amount_a == Decimal("448000.00")
    b, amount_b = _line(world, "Иономер", "10", ["59000.00", "60000.00", "58000.00"], rules.SINGLE_P5)
    with pytest.raises(ValidationError) as e:
        P.advance(b, "price_justified")  # 448 000 + 590 000 = 1 038 000 > 1 000 000
    assert e.value.field == "amount" and "1 038 000,00" in str(e.value).replace("\u00a0", " ")
    assert P.get_plan_line(b).status == "in_plan"
    # a 1.2 млн ₽ purchase cannot be a п. 5 one (600 000 ₽ a contract), but can be an electronic one (ч. 12)
    c, amount_c = _line(world, "Спектрофотометр", "1", ["1190000.00", "1210000.00", "1200000.00"], rules.SINGLE_P5)
    with pytest.raises(ValidationError) as e:
        P.advance(c, "price_justified")
    assert e.value.field == "amount" and "600 000,00" in str(e.value).replace("\u00a0", " ")
    P.update_plan_line(c, {"method": rules.SINGLE_E}, version=P.get_plan_line(c).version)
    P.advance(c, "price_justified")
    assert P.get_plan_line(c).single and "notice_published" not in P.get_plan_line(c).road
    with read() as s:
        used = {r["point"]: r["used"] for r in compliance.small_status(s, TODAY.year)}
    assert used == {"p4": Decimal("0.00"), "p5": amount_a, "e12": amount_c}  # ч. 12 not in п. 5's volume
    # over 5 млн ₽ even electronically: refused
    d, _amount = _line(world, "Хроматограф", "1", ["5100000.00", "5200000.00", "5150000.00"], rules.SINGLE_E)
    with pytest.raises(ValidationError) as e:
        P.advance(d, "price_justified")
    assert e.value.field == "amount" and "5 000 000,00" in str(e.value).replace("\u00a0", " ")
