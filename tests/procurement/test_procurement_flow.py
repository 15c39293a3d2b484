"""The whole road: a checklist gap → need → offers → НМЦК → plan → contract → delivery → acceptance →
items on the inventory, with the budget figures moving; and bad input refused with nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import (
    ConcurrentEditError,
    DuplicateError,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)
from chemcluster_desktop.services.listing import ListQuery
from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers

TODAY = dt.date.today()


@pytest.fixture
def setup(db):
    gap = make_gap()
    return {"gap": gap, "src": make_sources(), "sup": make_suppliers(3)}


def _items():
    from chemcluster_desktop.services import inventory

    return inventory.list_items(ListQuery(limit=1000))


def test_gap_to_inventory_and_budget(setup):
    gap, src, sup = setup["gap"], setup["src"], setup["sup"]
    nid = P.need_from_checklist_line(gap["checklist_line_id"])
    n = P.get_need(nid)
    # filled in from the gap: 1 per workplace × 3 workplaces, the workshop's room, the zone
    assert (n.name, n.quantity, n.unit, n.room_id, n.workshop_id, n.zone) == (
        "Весы аналитические", Decimal(3), "шт.", gap["room_id"], gap["workshop_id"], "workplace")
    assert "1.3" in n.justification
    with pytest.raises(DuplicateError):
        P.need_from_checklist_line(gap["checklist_line_id"])

    add_offers(nid, sup, ["152000.00", "148500.00", "155300.00"])
    assert P.nmck(nid) == {"need": nid, "quantity": 3, "prices": ["152000.00", "148500.00", "155300.00"],
                           "mean": "151933.33", "cv_percent": "2.24", "nmck": "455800.00", "valid": True}
    b0 = P.budget()
    assert b0.project_total == Decimal("396600000.00") and b0.grant_cap == Decimal("100000000.00")
    assert b0.totals.limit == Decimal("396600000.00")
    assert b0.row("federal").planned == 0

    lid = P.create_plan_line({"title": "Поставка весов аналитических", "need_ids": [nid],
                              "funding_source_id": src["federal"], "planned_quarter": 1})
    line = P.get_plan_line(lid)
    assert line.status == "in_plan" and line.number.startswith("ПГ-")
    assert line.next_steps == ["price_justified", "cancelled"]
    assert line.steps[0].user_login == "admin" and line.steps[0].date == TODAY
    b1 = P.budget().row("federal")
    assert b1.planned == Decimal("455800.00") and b1.remaining == Decimal("100000000.00") - Decimal("455800.00")

    for st in ("price_justified", "notice_published", "supplier_chosen"):
        P.advance(lid, st, note="0332300001226000001" if st == "notice_published" else "")
    line = P.get_plan_line(lid)
    assert [s.status for s in line.steps] == ["in_plan", "price_justified", "notice_published", "supplier_chosen"]
    assert line.notice_number == "0332300001226000001"
    assert "contract_signed" in line.blocked  # no contract yet
    assert P.get_need(nid).status == "supplier_chosen"

    cid = P.create_contract({"plan_line_id": lid, "number": "0332300001226000001-01", "date": TODAY,
                             "supplier_id": sup[1], "price": "440000.00",
                             "payments": [("132000.00", TODAY, "Аванс"), ("308000.00", None, "Окончательный")]})
    assert P.get_plan_line(lid).status == "contract_signed"
    b2 = P.budget().row("federal")
    assert b2.contracted == Decimal("440000.00")
    assert b2.remaining == Decimal("100000000.00") - Decimal("440000.00")
    c = P.get_contract(cid)
    assert [p.amount for p in c.payments] == [Decimal("132000.00"), Decimal("308000.00")]
    P.mark_paid(c.payments[0].id, TODAY)
    assert P.budget().row("federal").paid == Decimal("132000.00")
    assert P.budget().totals.paid == Decimal("132000.00")

    did = P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД № 17",
                             "lines": [(nid, 3)]})
    assert P.get_plan_line(lid).status == "delivered"
    assert P.get_delivery(did).amount <= Decimal("440000.00")
    before = len(_items())
    ids = P.accept_delivery(did)
    assert len(ids) == 3
    items = [r for r in _items() if r["id"] in ids]
    assert len(items) == 3 and len(_items()) == before + 3
    assert all(r["name"] == "Весы аналитические" and r["kind"] == "equipment" for r in items)
    assert all(r.get("inventory_number") for r in items)
    # to the kopeck: 440 000,00 over three cards — two at 146 666,66, the remainder on the last one
    costs = sorted(Decimal(r["cost"]) for r in items)
    assert costs == [Decimal("146666.66"), Decimal("146666.66"), Decimal("146666.68")]
    assert sum(costs) == Decimal("440000.00")
    d = P.get_delivery(did)
    assert d.accepted_by == "admin" and sorted(d.lines[0].item_ids) == sorted(ids)
    from chemcluster_desktop.services import inventory

    card = inventory.get_item(ids[0]) if hasattr(inventory, "get_item") else None
    if card is not None:
        room = card["room_id"] if isinstance(card, dict) else card.room_id
        assert room == gap["room_id"]
    line = P.get_plan_line(lid)
    assert line.status == "on_inventory" and line.next_steps == []
    with pytest.raises(ValidationError, match="уже принята"):
        P.accept_delivery(did)


def _line_ready(setup, prices=("100000.00", "101000.00", "102000.00"), qty=2, source="federal"):
    nid = P.create_need({"name": "Дистиллятор", "quantity": qty, "room_id": setup["gap"]["room_id"]})
    add_offers(nid, setup["sup"], list(prices))
    lid = P.create_plan_line({"title": "Поставка дистилляторов", "need_ids": [nid],
                              "funding_source_id": setup["src"][source]})
    return nid, lid


def test_step_out_of_order_refused_nothing_changed(setup):
    _nid, lid = _line_ready(setup)
    with pytest.raises(ValidationError, match="Допустимый следующий шаг"):
        P.advance(lid, "supplier_chosen")
    with pytest.raises(ValidationError):
        P.advance(lid, "on_inventory")
    line = P.get_plan_line(lid)
    assert line.status == "in_plan" and len(line.steps) == 1
    P.advance(lid, "cancelled", note="Не нужна")
    with pytest.raises(ValidationError, match="никакой"):
        P.advance(lid, "price_justified")
    assert P.budget().row("federal").planned == 0  # cancelled lines do not count


def test_price_cannot_be_justified_with_two_offers_or_wide_spread(setup):
    nid = P.create_need({"name": "Центрифуга", "quantity": 1})
    add_offers(nid, setup["sup"][:2], ["210000.00", "215000.00"])
    lid = P.create_plan_line({"title": "Центрифуга", "need_ids": [nid],
                              "funding_source_id": setup["src"]["regional"]})
    with pytest.raises(ValidationError, match="не меньше\\s+трёх"):
        P.advance(lid, "price_justified")
    n2 = P.create_need({"name": "Установка ректификации", "quantity": 1})
    add_offers(n2, setup["sup"], ["3900000.00", "5600000.00", "8700000.00"])
    assert P.nmck(n2)["valid"] is False
    l2 = P.create_plan_line({"title": "Установка", "need_ids": [n2],
                             "funding_source_id": setup["src"]["regional"]})
    with pytest.raises(ValidationError, match="33 %"):
        P.advance(l2, "price_justified")
    assert P.get_plan_line(l2).status == "in_plan"


def test_bad_offer_prices_refused(setup):
    nid = P.create_need({"name": "Весы", "quantity": 1})
    for bad in ("0", "-5", "abc", "12.345"):
        with pytest.raises(ValidationError) as e:
            P.create_offer({"need_id": nid, "supplier_id": setup["sup"][0], "date": TODAY, "unit_price": bad})
        assert e.value.field == "unit_price"
    with pytest.raises(ValidationError):
        P.create_offer({"need_id": nid, "supplier_id": setup["sup"][0], "date": TODAY,
                        "unit_price": 12.5})  # float refused
    with pytest.raises(ValidationError, match="не наступила"):
        P.create_offer({"need_id": nid, "supplier_id": setup["sup"][0], "date": TODAY + dt.timedelta(days=3),
                        "unit_price": "10"})
    assert P.get_need(nid).offers == []


def test_invalid_inn_refused(setup):
    n = len(P.all_suppliers())
    with pytest.raises(ValidationError, match="контрольных цифр") as e:
        P.create_supplier({"name": "ООО «Опечатка»", "inn": "5249012348", "kpp": "524901001"})
    assert e.value.field == "inn"
    with pytest.raises(DuplicateError):
        P.create_supplier({"name": "Двойник", "inn": "5249012349", "kpp": "524901001"})
    assert len(P.all_suppliers()) == n


def test_over_source_limit_refused(setup):
    src = setup["src"]
    P.update_source(src["own"], {"code": "own", "name": P.SOURCE_NAMES["own"], "limit": "150000.00"}, version=P.source_by(src["own"]).version)
    nid = P.create_need({"name": "Дистиллятор", "quantity": 2})
    add_offers(nid, setup["sup"], ["100000.00", "101000.00", "102000.00"])  # НМЦК 202 000
    assert P.limit_problem(src["own"], Decimal("202000.00")) is not None
    with pytest.raises(ValidationError, match="Превышен лимит"):
        P.create_plan_line({"title": "Дистилляторы", "need_ids": [nid], "funding_source_id": src["own"]})
    assert P.count_plan_lines(ListQuery()) == 0
    assert P.get_need(nid).plan_line_id is None and P.get_need(nid).status == "need"
    # the grant cannot be more than 100 mln, nor the limits more than the project
    with pytest.raises(ValidationError, match="Профессионалитет"):
        P.update_source(src["federal"], {"code": "federal", "name": "Грант", "limit": "100000000.01"}, version=P.source_by(src["federal"]).version)
    with pytest.raises(ValidationError, match="стоимость проекта"):
        P.update_source(src["own"], {"code": "own", "name": "Свои", "limit": "30000000.01"}, version=P.source_by(src["own"]).version)


def test_contract_over_limit_and_delivery_larger_than_contract(setup):
    nid, lid = _line_ready(setup, qty=2)
    for st in ("price_justified", "notice_published", "supplier_chosen"):
        P.advance(lid, st)
    P.update_source(setup["src"]["federal"], {"code": "federal", "name": "Грант", "limit": "202000.00"}, version=P.source_by(setup["src"]["federal"]).version)  # exactly the НМЦК
    with pytest.raises(ValidationError, match="больше НМЦК"):
        P.create_contract({"plan_line_id": lid, "number": "К-1", "date": TODAY,
                           "supplier_id": setup["sup"][0], "price": "300000.00"})
    with pytest.raises(ValidationError, match="больше цены контракта"):
        P.create_contract({"plan_line_id": lid, "number": "К-1", "date": TODAY,
                           "supplier_id": setup["sup"][0], "price": "190000.00",
                           "payments": [("200000.00", None)]})
    assert P.count_contracts(ListQuery()) == 0
    cid = P.create_contract({"plan_line_id": lid, "number": "К-1", "date": TODAY,
                             "supplier_id": setup["sup"][0], "price": "190000.00"})
    with pytest.raises(ValidationError, match="Поставка больше контракта"):
        P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД-1",
                           "lines": [(nid, 3)]})
    with pytest.raises(ValidationError, match="Поставка больше контракта"):
        P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД-1",
                           "lines": [(nid, 2, "100000.00")]})  # 200 000 > 190 000
    assert P.get_contract(cid).deliveries == []
    d1 = P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД-1",
                            "lines": [(nid, 1)]})
    with pytest.raises(ValidationError, match="уже поставлено 1"):
        P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД-2",
                           "lines": [(nid, 2)]})
    assert len(P.get_contract(cid).deliveries) == 1
    P.accept_delivery(d1)
    assert P.get_plan_line(lid).status == "accepted"  # one of two delivered
    d2 = P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД-2",
                            "lines": [(nid, 1)]})
    assert P.get_plan_line(lid).status == "delivered"
    P.accept_delivery(d2)
    assert P.get_plan_line(lid).status == "on_inventory"


def test_rights_and_concurrent_edit(setup, as_role):
    nid = P.create_need({"name": "Весы", "quantity": 1})
    with as_role("viewer"):
        with pytest.raises(PermissionDenied):
            P.create_need({"name": "Ещё", "quantity": 1})
        with pytest.raises(PermissionDenied):
            P.create_offer({"need_id": nid, "supplier_name": "X", "date": TODAY, "unit_price": "10"})
    with as_role("coordinator"):
        P.create_need({"name": "Потребность координатора", "quantity": 2})  # coordinators may list needs
        with pytest.raises(PermissionDenied):
            P.create_supplier({"name": "ООО «Тест»", "inn": "7707083893", "kpp": "770701001"})
    v = P.get_need(nid).version
    P.update_need(nid, {"quantity": 2}, version=v)
    with pytest.raises(ConcurrentEditError):
        P.update_need(nid, {"quantity": 3}, version=v)
    assert P.get_need(nid).quantity == 2
    with pytest.raises(NotFoundError):
        P.get_need(99999)


def test_lists_search_and_sort(setup):
    for name in ("Шкаф вытяжной", "Ёмкость мерная", "Весы"):
        P.create_need({"name": name, "quantity": 1})
    rows = P.list_needs(ListQuery(search="емкость"))
    assert [r["name"] for r in rows] == ["Ёмкость мерная"]
    assert [r["name"] for r in P.list_needs(ListQuery(sort="name"))][:2] == ["Весы", "Ёмкость мерная"]
    assert P.count_needs(ListQuery(filters={"unplanned": True})) == 3
    assert P.count_suppliers(ListQuery(search="химприбор")) == 1


def test_buyer_accepts_delivery_onto_inventory(setup, as_role):
    """The procurement officer (buyer) accepts the delivery herself: the items appear on the inventory
    although she has no right to edit inventory cards by hand; a viewer cannot accept."""
    nid, lid = _line_ready(setup, qty=2)
    with as_role("buyer", login="lebedeva"):
        for st in ("price_justified", "notice_published", "supplier_chosen"):
            P.advance(lid, st)
        cid = P.create_contract({"plan_line_id": lid, "number": "К-7", "date": TODAY,
                                 "supplier_id": setup["sup"][0], "price": "190000.00"})
        did = P.create_delivery({"contract_id": cid, "date": TODAY, "document_number": "УПД-7",
                                 "lines": [(nid, 2)]})
        from chemcluster_desktop.services import inventory

        with pytest.raises(PermissionDenied):
            inventory.create_item({"kind": "equipment", "name": "Вручную"})
        with as_role("viewer"), pytest.raises(PermissionDenied):
            P.accept_delivery(did)
        assert P.get_delivery(did).accepted_at is None
        ids = P.accept_delivery(did)
        assert len(ids) == 2
        assert P.get_delivery(did).accepted_by == "lebedeva"
    assert P.get_plan_line(lid).status == "on_inventory"
    assert {r["id"] for r in _items()} >= set(ids)
