"""A single-supplier purchase (44-ФЗ ст. 93) goes its own road — no notice, no protocol — on the line's
data, and its justification is printed as the price of a contract with a single supplier (ст. 22 ч. 1),
not as an initial maximum price. The road ends with the payment of the line's contracts."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pypdf import PdfReader

from chemcluster_desktop.services import database, printing
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.procurement import rules
from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers

TODAY = dt.date.today()
PRICES = ["48984.00", "56472.00", "48464.00"]


@pytest.fixture
def world(db):
    gap = make_gap()
    database.set_settings({"college.inn": "5249023823"})
    rules.set_procurement_settings({"procurement.annual_volume": "25000000"})
    return {"room": gap["room_id"], "src": make_sources(), "sup": make_suppliers(3)}


def _line(world, method: str) -> tuple[int, Decimal]:
    nid = P.create_need({"name": "Кондуктометр лабораторный", "quantity": "6", "room_id": world["room"],
                         "okpd2": "26.51.53.190"})
    add_offers(nid, world["sup"], PRICES, TODAY - dt.timedelta(days=30))
    lid = P.create_plan_line({"title": "Кондуктометры", "need_ids": [nid], "funding_source_id": world["src"]["own"],
                              "method": method, "on": TODAY - dt.timedelta(days=20)})
    mean = sum((Decimal(p) for p in PRICES), Decimal(0)) / 3
    return lid, (6 * mean).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("method, single", [(rules.AUCTION, False), (rules.QUOTATIONS, False),
                                            (rules.SINGLE_P4, True), (rules.SINGLE_P5, True)])
def test_road_of_each_method_and_the_payment_at_its_end(world, method, single):
    lid, amount = _line(world, method)
    info = P.get_plan_line(lid)
    steps = ["in_plan", "price_justified", "contract_signed", "delivered", "accepted", "on_inventory"]
    if not single:
        steps[2:2] = ["notice_published", "supplier_chosen"]
    assert list(info.road) == steps and info.single is single and info.paid_on is None
    P.advance(lid, "price_justified", on=TODAY - dt.timedelta(days=10))
    if not single:
        P.advance(lid, "notice_published", note="0332300012326000400", on=TODAY - dt.timedelta(days=9))
        P.advance(lid, "supplier_chosen", note="Протокол", on=TODAY - dt.timedelta(days=3))
    half = (amount / 2).quantize(Decimal("0.01"))
    cid = P.create_contract({"plan_line_id": lid, "number": "Д-1", "date": TODAY - dt.timedelta(days=2),
                             "supplier_id": world["sup"][0], "price": str(amount),
                             "payments": [(half, TODAY, "Аванс"), (amount - half, None, "После приёмки")]})
    c = P.get_contract(cid)
    P.mark_paid(c.payments[0].id, TODAY - dt.timedelta(days=1))
    assert P.get_plan_line(lid).paid_on is None  # half paid: the road's payment is not done
    P.mark_paid(c.payments[1].id, TODAY)
    assert P.get_plan_line(lid).paid_on == TODAY
    assert sum((p.amount for p in P.get_contract(cid).payments), Decimal(0)) == amount


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\u00a0", " ").split())


def test_single_supplier_justification_is_printed_as_its_contract_price(world, tmp_path):
    lid, amount = _line(world, rules.SINGLE_P5)
    P.advance(lid, "price_justified", on=TODAY - dt.timedelta(days=10))
    number = P.get_plan_line(lid).number
    out = tmp_path / "single.pdf"
    printing.build("nmck", out, line=number)
    text = _text(out)
    money = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    assert f"Обоснование цены контракта с единственным поставщиком, закупка {number}" in text
    assert f"Цена контракта, заключаемого с единственным поставщиком, — {money} ₽." in text
    assert "Итого цена контракта" in text and "Итого НМЦК закупки" not in text
    assert "Извещение" not in text and "извещени" not in text
    # a competitive line keeps the НМЦК wording
    lid2, amount2 = _line(world, rules.AUCTION)
    P.advance(lid2, "price_justified", on=TODAY - dt.timedelta(days=10))
    out2 = tmp_path / "auction.pdf"
    printing.build("nmck", out2, line=P.get_plan_line(lid2).number)
    assert "Начальная (максимальная) цена контракта — " in _text(out2) and "Итого НМЦК закупки" in _text(out2)


def test_a_deviation_rounded_to_zero_prints_without_a_minus():
    from chemcluster_desktop.reports.nmck import _pct

    assert _pct(Decimal("-0.04").quantize(Decimal("0.1")), sign=True) == "+0,0"
    assert _pct(Decimal("-6.6"), sign=True) == "-6,6" and _pct(Decimal("9.6"), sign=True) == "+9,6"
