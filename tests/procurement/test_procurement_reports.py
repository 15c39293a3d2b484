"""The procurement PDFs (plan-schedule, НМЦК justification, budget) checked with pypdf."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from chemcluster_desktop.services import printing
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers


def text_of(path) -> str:
    raw = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(raw.replace("\u00a0", " ").split())  # words wrapped in narrow cells join up


@pytest.fixture
def data(db):
    gap = make_gap()
    src = make_sources()
    sup = make_suppliers(3)
    n1 = P.need_from_checklist_line(gap["checklist_line_id"])
    add_offers(n1, sup, ["152000.00", "148500.00", "155300.00"])
    n2 = P.create_need({"name": "Установка <ректификации> & K°", "quantity": 1, "okpd2": "28.99.39.190"})
    add_offers(n2, sup, ["3900000.00", "5600000.00", "8700000.00"])
    n3 = P.create_need({"name": "Рефрактометр", "quantity": 3})
    add_offers(n3, sup[:2], ["158000.00", "160000.00"], date=dt.date.today() - dt.timedelta(days=250))
    lid = P.create_plan_line({"title": "Поставка весов аналитических", "need_ids": [n1],
                              "funding_source_id": src["federal"], "planned_quarter": 2})
    for st in ("price_justified", "notice_published", "supplier_chosen"):
        P.advance(lid, st, note="0332300001226000001" if st == "notice_published" else "")
    cid = P.create_contract({"plan_line_id": lid, "number": "0332300001226000001-01", "date": dt.date.today(),
                             "supplier_id": sup[0], "price": "440000.00"})
    P.mark_paid(P.get_contract(cid).payments[0].id)
    return {"n1": n1, "n2": n2, "n3": n3, "line": lid}


def test_nmck_justification_table(data, tmp_path):
    res = printing.build("nmck", tmp_path / "n.pdf", need=str(data["n1"]))
    t = text_of(res.path)
    assert res.pages == 1
    for s in ("Обоснование начальной (максимальной) цены контракта", "Весы аналитические",
              "ООО «ЛабТехСнаб»", "152 000,00", "148 500,00", "155 300,00", "151 933,33", "3 400,49", "2,24",
              "455 800,00", "Контрактный управляющий", "Приказ Минэкономразвития", "не превышает 33 %"):
        assert s in t, s


def test_nmck_all_needs_with_refused_and_stale(data, tmp_path):
    res = printing.build("nmck", tmp_path / "all.pdf")
    assert res.rows == 3 and res.pages == 3
    t = text_of(res.path)
    assert "Установка <ректификации> & K°" in t  # user text escaped, printed literally
    assert "Обоснование отклонено" in t and "40,12" in t
    assert "старше 6 мес." in t and "не меньше" in t


def test_plan_schedule_pdf(data, tmp_path):
    res = printing.build("procurement", tmp_path / "plan.pdf")
    t = text_of(res.path)
    assert "План-график закупок оборудования" in t and "Поставка весов аналитических" in t
    assert "Поставщик определён" in t or "Контракт заключён" in t
    assert "Итого по плану-графику" in t and "Контрактный управляющий" in t
    res2 = printing.build("procurement", tmp_path / "plan2.pdf", source="regional")
    assert "Поставка весов" not in text_of(res2.path)
    with pytest.raises(NotFoundError):
        printing.build("procurement", tmp_path / "x.pdf", source="луна")


def test_budget_pdf(data, tmp_path):
    res = printing.build("budget", tmp_path / "b.pdf")
    t = text_of(res.path)
    for s in ("Бюджет закупок оборудования", "396 600 000,00", "100 000 000,00", "440 000,00",
              "Областной бюджет", "Остаток лимита", "млн ₽", "Источник финансирования"):
        assert s in t, s
    assert printing.build("budget", tmp_path / "f.pdf", source="federal").pages >= 1


def test_unknown_filter_refused(data, tmp_path):
    with pytest.raises(ValidationError):
        printing.build("budget", tmp_path / "x.pdf", need="1")
