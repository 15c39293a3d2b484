"""The stock-taking paperwork as a person meets it: the institution's requisites in the settings, a
decision (ф. 0510439) whose commission has a chair and no МОЛ of a counted room, a count only by a
decision, a surplus's estimate, totals written out in words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chemcluster_desktop.reports.words import count_words, money_words, quantity_words
from chemcluster_desktop.services import settings_service
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory import decisions, surplus
from chemcluster_desktop.services.inventory import stocktaking as st
from tests.inventory.helpers import add_room, decision, equipment

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL

TODAY = dt.date.today()


def _data(room_ids, members, **kw):
    return {"number": "5-инв", "date": TODAY - dt.timedelta(days=2), "reason": "Смена материально ответственного лица",
            "starts_on": TODAY - dt.timedelta(days=1), "ends_on": TODAY + dt.timedelta(days=3), "room_ids": room_ids,
            "members": members, **kw}


def test_requisites_are_checked_and_kept(db):
    with pytest.raises(ValidationError) as e:
        settings_service.save({"college.name": "ГБПОУ «ДХТ»", "college.kpp": "52490100", "college.okpo": "025082"})
    fields = {f for f, _m in e.value.errors}
    assert fields == {"college.kpp", "college.okpo"}
    assert "КПП — 9 знаков" in dict(e.value.errors)["college.kpp"]
    assert settings_service.current().get("college.kpp", "") == ""  # nothing written
    settings_service.save({"college.name": "ГБПОУ «ДХТ»", "college.kpp": "524901001", "college.okpo": "02508293",
                           "college.unit": "Отделение химической технологии", "college.accountant": "Лаптева М. С.",
                           "college.director_position": "Директор"})
    from chemcluster_desktop.services.printing import requisites

    r = requisites()
    assert (r["kpp"], r["okpo"], r["unit"], r["accountant"]) == ("524901001", "02508293",
                                                                   "Отделение химической технологии", "Лаптева М. С.")


def test_decision_needs_a_chair_and_refuses_the_mol(db):
    lab = add_room("Лаборатория 201", "Кузнецова Е. А.")
    store = add_room("Склад 012", "Белова Н. И.")
    equipment("Весы", room_id=store, responsible="Орлов Дмитрий Сергеевич")
    chair = {"role": "chair", "name": "Зайцева Т. П.", "position": "Заместитель директора"}
    member = {"role": "member", "name": "Лаптева М. С.", "position": "Главный бухгалтер"}
    with pytest.raises(ValidationError, match="нет председателя"):
        decisions.create_decision(_data([lab], [dict(chair, role="member"), member]))
    # the room's МОЛ, written in full, is still the room's МОЛ
    with pytest.raises(ValidationError, match="Кузнецова Елена Андреевна.*материально ответственное лицо"):
        decisions.create_decision(_data([lab], [chair, {"role": "member", "name": "Кузнецова Елена Андреевна",
                                                         "position": "Лаборант"}]))
    # the МОЛ on an item of a counted room too
    with pytest.raises(ValidationError, match="Орлов Д. С."):
        decisions.create_decision(_data([store], [chair, {"role": "member", "name": "Орлов Д. С.",
                                                          "position": "Заведующий лабораторией"}]))
    with pytest.raises(ValidationError, match="должность"):
        decisions.create_decision(_data([lab], [chair, dict(member, position="")]))
    with pytest.raises(ValidationError, match="раньше даты начала"):
        decisions.create_decision(_data([lab], [chair, member], ends_on=TODAY - dt.timedelta(days=5)))
    assert decisions.list_decisions() == []  # nothing written
    did = decisions.create_decision(_data([lab], [member, chair]))
    d = decisions.get_decision(did)
    assert [m["role"] for m in d["members"]] == ["chair", "member"]  # the chair first
    assert d["rooms"] == [{"id": lab, "name": "Лаборатория 201", "responsible": "Кузнецова Е. А."}]
    # a count only by a decision that covers the room, within its dates
    with pytest.raises(ValidationError, match="не охватывает"):
        st.start(store, decision=did)
    with pytest.raises(ValidationError, match="вне этих сроков"):
        st.start(lab, decision=did, on=TODAY - dt.timedelta(days=10))
    sid = st.start(lab, decision=did)
    assert st.get(sid)["decision_id"] == did and "Зайцева Т. П." in st.get(sid)["commission"]
    assert decisions.find_decision("5-инв") == did


def test_surplus_estimate_typed_or_suggested(db):
    lab = add_room("Лаборатория 203", "Кузнецова Е. А.")
    equipment("Штатив лабораторный ШЛБ", room_id=lab, cost=Decimal("2350.00"))
    sid = st.start(lab, decision=decision([lab]))
    line = st.add_unknown(sid, "Штатив лабораторный без номера")
    assert surplus.suggest_estimate(sid, line) == Decimal("2350.00")  # from the similar card
    with pytest.raises(ValidationError):
        surplus.set_estimate(sid, line, "-5")
    surplus.set_estimate(sid, line, "1999,90")
    ln = next(x for x in st.get(sid)["lines"] if x["id"] == line)
    assert ln["estimate"] == Decimal("1999.90") and surplus.unit_value(ln) == Decimal("1999.90")


def test_numbers_in_words():
    assert count_words(61) == "шестьдесят один"
    assert count_words(2, feminine=True) == "две"
    assert count_words(1_021_003) == "один миллион двадцать одна тысяча три"
    assert money_words(Decimal("5871600.00")) == "пять миллионов восемьсот семьдесят одна тысяча шестьсот рублей 00 копеек"
    assert money_words(Decimal("21.01")) == "двадцать один рубль 01 копейка"
    assert quantity_words(Decimal("2.5")) == "две целых пять десятых"


def test_posted_surplus_enters_the_records_at_its_estimate(db):
    """A surplus found at stock-taking and valued by the commission (ф. 0504092) becomes a card whose
    cost is that estimate — one unit each for equipment, the unit price of a consumable stock."""
    from chemcluster_desktop.services import inventory

    lab = add_room("Лаборатория 204", "Кузнецова Е. А.")
    equipment("Весы", room_id=lab, inventory_number="ИН-204-1")
    sid = st.start(lab, decision=decision([lab]))
    st.scan(sid, "ИН-204-1")
    stands = st.add_unknown(sid, "Штатив лабораторный без номера", quantity=2)
    tips = st.add_unknown(sid, "Наконечники для дозатора, упаковка", quantity=3)
    surplus.set_estimate(sid, stands, "1 999,90")
    surplus.set_estimate(sid, tips, "450")
    st.close(sid)
    res = st.post(sid, [stands, tips], kinds={stands: "equipment", tips: "consumable"})
    cards = [inventory.get_item(i) for i in res.created_items]
    assert [(c["name"], c["quantity"], c["cost"]) for c in cards] == [
        ("Штатив лабораторный без номера", Decimal(1), Decimal("1999.90")),
        ("Штатив лабораторный без номера", Decimal(1), Decimal("1999.90")),
        ("Наконечники для дозатора, упаковка", Decimal(3), Decimal("450.00"))]


def test_decision_edit_same_checks_and_refused_after_posting(db):
    lab = add_room("Лаборатория 207", "Кузнецова Е. А.")
    equipment("Весы", room_id=lab, inventory_number="ИН-207")
    did = decision([lab], number="22-инв")
    d = decisions.get_decision(did)
    data = {k: d[k] for k in ("number", "date", "reason", "starts_on", "ends_on", "room_ids", "accounts")}
    members = [dict(m) for m in d["members"]]
    with pytest.raises(ValidationError, match="нет председателя"):
        decisions.update_decision(did, dict(data, members=[dict(m, role="member") for m in members]),
                                  version=d["version"])
    with pytest.raises(ValidationError, match="материально ответственное лицо"):
        decisions.update_decision(did, dict(data, members=[*members, {"role": "member", "name": "Кузнецова Е. А.",
                                                                      "position": "Лаборант"}]), version=d["version"])
    assert decisions.get_decision(did)["members"] == d["members"]  # nothing written
    decisions.update_decision(did, dict(data, number="22/1-инв", members=members), version=d["version"])
    assert decisions.get_decision(did)["number"] == "22/1-инв" and decisions.editable(did) == ""
    sid = st.start(lab, decision=did)
    st.scan(sid, "ИН-207")
    st.close(sid)
    st.post(sid)
    assert "уже проведены" in decisions.editable(did)
    cur = decisions.get_decision(did)
    with pytest.raises(ValidationError, match="уже проведены"):
        decisions.update_decision(did, dict(data, number="22/2-инв", members=members), version=cur["version"])
    assert decisions.get_decision(did)["number"] == "22/1-инв"
