"""НМЦК rounding: the service computes НМЦК = v / n × ΣЦi (п. 3.20.1 of the recommendations of приказ
Минэкономразвития № 567) and rounds once, at the end; the printed justification shows ΣЦi and the
formula with its figures, so a reader recomputing from the printout gets the printed НМЦК — and where
v × the rounded Цср differs (2 × 405 266,67 = 810 533,34 against 810 533,33) the printout says why.
The CLI JSON keeps its shape."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from pypdf import PdfReader

from chemcluster_desktop.reports import nmck
from chemcluster_desktop.services.procurement.nmck_calc import PricePoint, as_json, compute

DAY = dt.date(2026, 11, 20)
PRICES = [Decimal("412300.00"), Decimal("398700.00"), Decimal("404800.00")]  # Σ 1 215 800,00, mean 405 266,66…


def _points(prices):
    return [PricePoint(None, f"ООО «Поставщик {i}»", DAY, p) for i, p in enumerate(prices, 1)]


def _kop(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_service_rounds_once_at_the_end():
    r = compute(Decimal(2), _points(PRICES), DAY)
    assert r.valid and r.price_sum == Decimal("1215800.00") and r.mean == Decimal("405266.67")
    assert r.nmck == Decimal("810533.33") == _kop(Decimal(2) * Decimal("1215800.00") / 3)
    assert _kop(2 * r.mean) == Decimal("810533.34") != r.nmck  # what the old printout made a reader compute
    # a fractional quantity: still v / n × Σ, one rounding
    r = compute(Decimal("2.5"), _points(PRICES), DAY)
    assert r.nmck == _kop(Decimal("2.5") * Decimal("1215800.00") / 3) == Decimal("1013166.67")
    # the JSON shape of `procurement nmck --json` is unchanged
    assert as_json(7, compute(Decimal(2), _points(PRICES), DAY)) == {
        "need": 7, "quantity": 2, "prices": ["412300.00", "398700.00", "404800.00"], "mean": "405266.67",
        "cv_percent": "1.68", "nmck": "810533.33", "valid": True}


def _section(quantity: Decimal, prices: list[Decimal], need_id: int = 1) -> nmck.NmckSection:
    r = compute(quantity, _points(prices), DAY)
    offers = [nmck.OfferRow(p.number, p.supplier, "7701234567", p.date, f"КП-{p.number}", p.unit_price,
                            r.deviation_percent(p)) for p in r.offers]
    return nmck.NmckSection(need_id, f"Спектрофотометр {need_id}", "", quantity, "шт.", "Лаборатория",
                            "26.51.53.140", "44-ФЗ", offers, r.mean, r.sigma, r.cv_percent, r.nmck, r.valid,
                            r.message, price_sum=r.price_sum)


def _text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\u00a0", " "))


def _num(s: str) -> Decimal:
    return Decimal(s.replace(" ", "").replace(",", "."))


MONEY = r"(\d{1,3}(?: \d{3})*,\d{2})"


def test_a_reader_recomputes_the_printed_nmck(tmp_path):
    odd = _section(Decimal(2), PRICES, 1)  # v × Цср differs from НМЦК by a kopeck
    even = _section(Decimal(3), [Decimal("1000.00"), Decimal("1100.00"), Decimal("1200.00")], 2)  # no difference
    doc = nmck.LineDoc("ПГ-1", "Спектрофотометры", "44-ФЗ", "Электронный аукцион", "", DAY, "анализ рынка",
                       [odd, even], [], 3, odd.nmck + even.nmck, True)
    nmck.build(tmp_path / "n.pdf", nmck.NmckReport("ГБПОУ «Колледж»", [], manager="Смирнов С. С.", lines=[doc]))
    text = _text(tmp_path / "n.pdf")
    # per position: the formula with the printed figures, and the printed НМЦК equal to it
    rows = re.findall(r"НМЦК = v / n × ΣЦi = (\d+) / (\d+) × " + MONEY + r", ₽ \(п\. 3\.20\.1 .*?№ 567\) " + MONEY,
                      text)
    assert len(rows) == 2, text
    for v, n, total, printed in rows:
        assert _kop(Decimal(v) * _num(total) / Decimal(n)) == _num(printed)
    assert [_num(r[3]) for r in rows] == [Decimal("810533.33"), Decimal("3300.00")]
    assert "Сумма цен ΣЦi, ₽ 1 215 800,00" in text and "Цср = ΣЦi / n, ₽ (округлена до копейки) 405 266,67" in text
    # the position whose v × Цср differs says why, with both figures; the other says nothing
    assert "Количество × Цср = 2 × 405 266,67 = 810 533,34 ₽ отличается от НМЦК 810 533,33 ₽" in text
    assert "Количество × Цср = 3 ×" not in text
    assert "Позиции № 1: количество × Цср отличается от НМЦК позиции" in text
    # the total is the sum of the printed positions
    m = re.search(r"Итого НМЦК закупки " + MONEY, text)
    assert m and _num(m.group(1)) == Decimal("810533.33") + Decimal("3300.00")
