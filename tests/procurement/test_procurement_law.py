"""Procurement by the law, as a contract manager meets it: dates that hold up, one justification per
purchase, the ИКЗ, the ст. 93 road with its limits, several contracts per line, deadlines, acceptance to
the kopeck. Every figure is recomputed here with Decimal; bad input is refused with nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pypdf import PdfReader

from chemcluster_desktop.services import database, printing
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement import deadlines, justification, rules
from chemcluster_desktop.services.procurement.price_requests import create_price_request
from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers

TODAY = dt.date.today()
K = Decimal("0.01")
INN = "5249023823"  # the demo college's ИНН (true check digit)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def text_of(path) -> str:
    raw = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(raw.replace("\u00a0", " ").split())


def nmck_of(quantity: str, prices: list[str]) -> Decimal:
    mean = sum((Decimal(p) for p in prices), Decimal(0)) / len(prices)
    return (Decimal(quantity) * mean).quantize(K, rounding=ROUND_HALF_UP)


@pytest.fixture
def world(db):
    gap = make_gap()
    database.set_settings({"college.inn": INN})
    return {"room": gap["room_id"], "src": make_sources(), "sup": make_suppliers(4)}


def need(world, name: str, qty: str, prices: list[str], okpd2: str = "26.51.53.190", on: dt.date | None = None,
         law: str = "44-ФЗ") -> int:
    nid = P.create_need({"name": name, "quantity": qty, "room_id": world["room"], "okpd2": okpd2, "law": law})
    add_offers(nid, world["sup"], prices, on or ago(60))
    return nid


def line(world, title: str, nids: list[int], **kw) -> int:
    return P.create_plan_line({"title": title, "need_ids": nids, "funding_source_id": world["src"]["federal"],
                               "on": ago(90), **kw})


# --- (1) dates ------------------------------------------------------------------------------------------

def test_offer_after_the_justification_date_is_refused_and_nothing_written(world):
    nid = need(world, "pH-метр", "4", ["40000.00", "42000.00", "41000.00"], on=ago(20))
    lid = line(world, "pH-метры", [nid])
    with pytest.raises(ValidationError) as e:
        P.advance(lid, "price_justified", on=ago(30))
    assert e.value.field == "date" and "pH-метр" in str(e.value) and ago(20).strftime("%d.%m.%Y") in str(e.value)
    info = P.get_plan_line(lid)
    assert info.status == "in_plan" and info.justified_on is None
    assert [s.status for s in info.steps] == ["in_plan"]
    assert P.get_need(nid).status == "in_plan"
    P.advance(lid, "price_justified", on=ago(20))
    assert P.get_plan_line(lid).justified_on == ago(20)


def test_age_of_offers_counted_from_the_justification_and_json_dates(world):
    # 200 days before today, but 5 months before the justification: not stale on the justification's day
    old = ago(200)
    nid = need(world, "Весы", "2", ["100000.00", "110000.00", "105000.50"], on=old)
    assert P.nmck_details(nid).stale == [1, 2, 3]  # while not justified: counted from today
    lid = line(world, "Весы", [nid])
    P.advance(lid, "price_justified", on=ago(50))
    r = P.nmck_details(nid)
    assert r.stale == [] and r.valid
    j = justification.need_json(nid, r, justification.need_justified_on(nid))
    assert j["justified_on"] == ago(50).isoformat()
    assert j["offer_dates"] == [old.isoformat()] * 3
    assert j["nmck"] == str(nmck_of("2", ["100000.00", "110000.00", "105000.50"]))


# --- (2) one justification per purchase ----------------------------------------------------------------

def test_line_justification_totals_requests_and_pdf(world, tmp_path):
    a = need(world, "Титратор", "3", ["640000.00", "655000.00", "630000.00"], on=ago(40))
    b = need(world, "Мешалка", "12", ["38500.00", "39900.00", "37000.00"], okpd2="28.29.50.000", on=ago(35))
    lid = line(world, "Лабораторное оборудование", [a, b])
    sups = world["sup"]
    for i, sid in enumerate(sups, start=1):
        create_price_request({"plan_line_id": lid, "supplier_id": sid, "sent_on": ago(45),
                              "outgoing_number": f"01-{i:02d}/26"})
    create_price_request({"plan_line_id": lid, "supplier_name": "ООО «Молчун»", "sent_on": ago(45),
                          "outgoing_number": "01-05/26"})
    with pytest.raises(ValidationError) as e:
        create_price_request({"plan_line_id": lid, "supplier_id": sups[0], "sent_on": ago(45),
                              "outgoing_number": ""})
    assert e.value.field == "outgoing_number"
    P.advance(lid, "price_justified", on=ago(30))
    with pytest.raises(ValidationError) as e:  # after the justification: could not have been part of it
        create_price_request({"plan_line_id": lid, "supplier_id": sups[0], "sent_on": ago(10),
                              "outgoing_number": "01-09/26"})
    assert e.value.field == "sent_on"

    j = justification.line_justification(P.get_plan_line(lid).number)
    expected = nmck_of("3", ["640000.00", "655000.00", "630000.00"]) + nmck_of("12", ["38500.00", "39900.00",
                                                                                         "37000.00"])
    assert j.valid and j.total == expected and j.justified_on == ago(30)
    assert [p.okpd2 for p in j.positions] == ["26.51.53.190", "28.29.50.000"]
    data = justification.line_json(j)
    assert data["nmck"] == str(expected) and data["justified_on"] == ago(30).isoformat()
    assert len(data["requests"]) == 5
    # make_suppliers' fourth has no offer (add_offers used three prices): two did not reply
    assert sum(1 for r in data["requests"] if not r["replied"]) == 2
    assert [p["need"] for p in data["positions"]] == [a, b]

    res = printing.build("nmck", tmp_path / "j.pdf", line=j.number)
    text = text_of(res.path)
    assert f"Обоснование НМЦК закупки {j.number}" in text
    assert j.ikz and j.ikz in text
    assert P.nmck_details(a).nmck is not None
    total_txt = format(expected, ",.2f").replace(",", " ").replace(".", ",")
    assert total_txt in text
    assert "01-05/26" in text and "ответа нет" in text
    assert ago(30).strftime("%d.%m.%Y") in text  # the justification's date, not today's
    assert "Приказ Минэкономразвития России от 02.10.2013 № 567" in text
    assert "Контрактный управляющий" in text and "не утверждается" not in text


def test_rejected_justification_not_approved_and_unsigned(world, tmp_path):
    nid = need(world, "Установка ректификации", "1", ["3900000.00", "5600000.00", "8700000.00"])
    lid = line(world, "Установка", [nid])
    res = printing.build("nmck", tmp_path / "r.pdf", line=P.get_plan_line(lid).number)
    text = text_of(res.path)
    assert "Обоснование не утверждается" in text
    assert "Контрактный управляющий" not in text
    assert "Замените эти предложения" not in text  # no internal advice on paper


def test_methodology_from_the_setting(world, tmp_path):
    database.set_settings({"procurement.methodology": "Порядок министерства образования области № 77"})
    nid = need(world, "Весы", "2", ["100000.00", "110000.00", "105000.50"])
    lid = line(world, "Весы", [nid])
    assert justification.line_justification(lid).methodology == "Порядок министерства образования области № 77"
    text = text_of(printing.build("nmck", tmp_path / "m.pdf", line=str(lid)).path)
    assert "Порядок министерства образования области № 77" in text


# --- (3) ИКЗ and separate plans -------------------------------------------------------------------------

def test_ikz_built_checked_and_refused(world):
    a = need(world, "Спектрофотометр", "1", ["1250000.00", "1300000.00", "1210000.00"], okpd2="26.51.53.140")
    lid = line(world, "Спектрофотометр", [a])
    info = P.get_plan_line(lid)
    seq = int(info.number.rsplit("-", 1)[1])
    kpp = rules.DEFAULTS["procurement.kpp"]
    expected = f"{TODAY.year % 100:02d}3{INN}{kpp}{seq:04d}0012651244"
    assert info.ikz == expected and len(info.ikz) == 36
    for bad in ("12345", expected[:-1] + "x", "99" + expected[2:], expected[:29] + "2829" + expected[33:]):
        with pytest.raises(ValidationError) as e:
            P.update_plan_line(lid, {"ikz": bad}, version=info.version)
        assert e.value.field == "ikz"
    assert P.get_plan_line(lid).ikz == expected
    # positions of different ОКПД2 groups: 30–33 become 0000
    b = need(world, "Стол лабораторный", "2", ["98000.00", "99000.00", "97000.00"], okpd2="31.01.12.160")
    P.add_needs_to_line(lid, [b])
    assert P.get_plan_line(lid).ikz[29:33] == "0000"
    # 223-ФЗ purchases have none
    c = need(world, "Вискозиметр", "1", ["280000.00", "290000.00", "285000.00"], law="223-ФЗ")
    l2 = line(world, "Вискозиметр", [c], law="223-ФЗ", method="запрос котировок")
    assert P.get_plan_line(l2).ikz == ""
    with pytest.raises(ValidationError) as e:
        P.create_plan_line({"title": "x", "need_ids": [c], "law": "223-ФЗ", "method": "электронный аукцион"})
    assert e.value.field == "method"


def test_plan_totals_are_the_sum_of_rows_per_law(world, tmp_path):
    a = need(world, "Весы", "2", ["100000.00", "110000.00", "105000.50"])
    b = need(world, "Печь", "1", ["118000.00", "120000.00", "117000.00"])
    c = need(world, "3D-принтер", "2", ["185000.00", "190000.00", "180000.00"], law="223-ФЗ")
    l1 = line(world, "Весы", [a])
    l2 = line(world, "Печь", [b])
    line(world, "Принтеры", [c], law="223-ФЗ", method="запрос котировок")
    for lid in (l1, l2):
        P.advance(lid, "price_justified")
    P.advance(l2, "notice_published", note="0332300012326000099")
    P.advance(l2, "failed", note="Нет заявок")
    rows = P.list_plan_lines(P.ListQuery(limit=100))
    totals = P.plan_totals(rows)
    assert totals["44-ФЗ"] == nmck_of("2", ["100000.00", "110000.00", "105000.50"])
    assert totals["223-ФЗ"] == nmck_of("2", ["185000.00", "190000.00", "180000.00"])
    text = text_of(printing.build("procurement", tmp_path / "p.pdf").path)
    assert "План-график закупок (Федеральный закон № 44-ФЗ)" in text
    assert "План закупки (Федеральный закон № 223-ФЗ)" in text
    assert "Не состоялись или отменены (в итог не входят)" in text
    assert text.index("Итого") < text.index("Не состоялись")


# --- (4) methods with their own roads ---------------------------------------------------------------------

def test_single_supplier_road_and_small_purchase_limits(world):
    big = need(world, "Хроматограф", "1", ["455000.00", "460000.00", "450000.00"])
    lb = line(world, "Хроматограф", [big])
    P.advance(lb, "price_justified")
    small = need(world, "Кондуктометр", "6", ["50000.00", "52000.00", "51000.00"])
    ls = line(world, "Кондуктометры", [small], method=rules.SINGLE_P5)
    P.advance(ls, "price_justified")
    info = P.get_plan_line(ls)
    assert info.single and info.next_steps == ["contract_signed", "cancelled"]
    with pytest.raises(ValidationError):
        P.advance(ls, "notice_published", note="1")
    amount = nmck_of("6", ["50000.00", "52000.00", "51000.00"])
    cid = P.create_contract({"plan_line_id": ls, "number": "ЕП-1", "date": TODAY, "supplier_id": world["sup"][0],
                             "price": str(amount)})
    assert P.get_plan_line(ls).status == "contract_signed" and P.get_contract(cid).price == amount

    # a small purchase over 600 000 ₽ is refused at the justification, nothing written
    over = need(world, "Шкаф", "2", ["310000.00", "305000.00", "300000.00"])
    lo = line(world, "Шкафы", [over], method=rules.SINGLE_P5)
    with pytest.raises(ValidationError) as e:
        P.advance(lo, "price_justified")
    assert e.value.field == "amount" and "600 000,00" in str(e.value).replace("\u00a0", " ")
    assert P.get_plan_line(lo).status == "in_plan" and P.get_need(over).nmck is not None  # offers' preview only

    # the year's limit under п. 5: 50 % of СГОЗ (here the plan's 44-ФЗ purchases), not over 30 млн ₽
    P.advance(lo, "cancelled", note="Способ закупки выбран неверно")
    third = need(world, "Мешалки", "4", ["60000.00", "61000.00", "59000.00"])
    lt = line(world, "Мешалки", [third], method=rules.SINGLE_P5)
    t3 = nmck_of("4", ["60000.00", "61000.00", "59000.00"])
    sgoz = nmck_of("1", ["455000.00", "460000.00", "450000.00"]) + amount + t3
    limit = (sgoz * Decimal("0.5")).quantize(K)
    assert amount + t3 > limit  # so the law says no
    with pytest.raises(ValidationError) as e:
        P.advance(lt, "price_justified")
    assert e.value.field == "amount" and "Годовой объём" in str(e.value)
    assert P.get_plan_line(lt).status == "in_plan"


def test_several_contracts_per_line_within_its_nmck(world):
    a = need(world, "Весы", "2", ["100000.00", "110000.00", "105000.50"])
    b = need(world, "Печь", "1", ["118000.00", "120000.00", "117000.00"])
    lid = line(world, "Оборудование", [a, b])
    P.advance(lid, "price_justified")
    P.advance(lid, "notice_published", note="0332300012326000100")
    P.advance(lid, "supplier_chosen", note="Протокол")
    na, nb = P.get_need(a).nmck, P.get_need(b).nmck
    with pytest.raises(ValidationError) as e:
        P.create_contract({"plan_line_id": lid, "number": "1", "date": TODAY, "supplier_id": world["sup"][0],
                           "price": str(na + K), "need_ids": [a]})
    assert e.value.field == "price"
    assert P.get_plan_line(lid).contract_ids == []
    c1 = P.create_contract({"plan_line_id": lid, "number": "1", "date": TODAY, "supplier_id": world["sup"][0],
                            "price": str(na - 1000), "need_ids": [a]})
    with pytest.raises(ValidationError) as e:
        P.create_contract({"plan_line_id": lid, "number": "2", "date": TODAY, "supplier_id": world["sup"][1],
                           "price": "1000.00", "need_ids": [a]})
    assert e.value.field == "needs"
    c2 = P.create_contract({"plan_line_id": lid, "number": "2", "date": TODAY, "supplier_id": world["sup"][1],
                            "price": str(nb), "need_ids": [b]})
    assert P.get_plan_line(lid).contract_ids == [c1, c2]
    assert [n["id"] for n in P.get_contract(c2).needs] == [b]


# --- (5) deadlines, (6) acceptance to the kopeck --------------------------------------------------------

def test_deadlines_alerts_and_acceptance_to_the_kopeck(world):
    nid = need(world, "Весы", "3", ["150000.00", "152000.00", "151000.00"])
    lid = line(world, "Весы", [nid])
    P.advance(lid, "price_justified", on=ago(40))
    P.advance(lid, "notice_published", note="0332300012326000101", on=ago(35))
    P.advance(lid, "supplier_chosen", note="Протокол", on=ago(25))
    with pytest.raises(ValidationError) as e:
        P.create_contract({"plan_line_id": lid, "number": "7", "date": ago(20), "supplier_id": world["sup"][0],
                           "price": "440000.00", "payment_days": 45})
    assert e.value.field == "payment_days"
    cid = P.create_contract({"plan_line_id": lid, "number": "7", "date": ago(20), "supplier_id": world["sup"][0],
                             "price": "440000.00", "delivery_due": ago(2)})
    due = deadlines.due_json()["due"]
    assert [(r["contract"], r["kind"], r["date"], r["overdue"]) for r in due] == [("7", "delivery", ago(2).isoformat(),
                                                                                   True)]
    from chemcluster_desktop.services import cluster

    assert any(a["overdue"] and a["kind"] == "delivery" for a in cluster.dashboard()["contract_alerts"])

    # two deliveries: 1 then 2 units; the second carries the kopecks left over
    d1 = P.create_delivery({"contract_id": cid, "date": ago(1), "document_number": "УПД 1", "lines": [(nid, 1)]})
    d2 = P.create_delivery({"contract_id": cid, "date": ago(1), "document_number": "УПД 2", "lines": [(nid, 2)]})
    amounts = [P.get_delivery(d).amount for d in (d1, d2)]
    assert amounts == [Decimal("146666.66"), Decimal("293333.34")] and sum(amounts) == Decimal("440000.00")
    ids = P.accept_delivery(d1, TODAY) + P.accept_delivery(d2, TODAY)
    from chemcluster_desktop.services import inventory

    costs = [Decimal(str(inventory.get_item(i)["cost"])) for i in ids]
    assert sum(costs, Decimal(0)) == Decimal("440000.00")
    assert sorted(costs) == [Decimal("146666.66"), Decimal("146666.67"), Decimal("146666.67")]
    assert P.items_of_need(nid) == sorted(ids)  # accepted items linked back to the need
    # delivered in full: the delivery deadline is gone, the payment is due 7 working days after acceptance
    due = deadlines.due_json()["due"]
    assert [(r["kind"], r["date"], r["amount"]) for r in due] == [
        ("payment", rules.add_working_days(TODAY, 7, *deadlines.working_calendar()).isoformat(), "440000.00")]
    P.mark_paid(P.get_contract(cid).payments[0].id, TODAY)
    assert deadlines.due_json()["due"] == []


def test_working_days_skip_weekends():
    friday = dt.date(2026, 12, 4)
    assert friday.weekday() == 4
    assert rules.add_working_days(friday, 1) == dt.date(2026, 12, 7)
    assert rules.add_working_days(friday, 7) == dt.date(2026, 12, 15)


def test_procurement_settings_checked_field_by_field(world):
    with pytest.raises(ValidationError) as e:
        rules.set_procurement_settings({"procurement.methodology": "Новая методика", "procurement.iku": "123"})
    assert e.value.field == "procurement.iku"
    assert rules.get_procurement_settings()["procurement.methodology"] == rules.DEFAULTS["procurement.methodology"]
    with pytest.raises(ValidationError) as e:
        rules.set_procurement_settings({"procurement.kvr": "24"})
    assert e.value.field == "procurement.kvr"
    rules.set_procurement_settings({"procurement.methodology": "Новая методика", "procurement.payment_days": "5"})
    cur = rules.get_procurement_settings()
    assert cur["procurement.methodology"] == "Новая методика" and cur["procurement.payment_days"] == "5"
    assert cur["procurement.iku"] == f"3{INN}{rules.DEFAULTS['procurement.kpp']}"
