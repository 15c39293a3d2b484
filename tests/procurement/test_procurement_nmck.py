"""НМЦК by comparable market prices, checked against hand-computed examples (Приказ № 567)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chemcluster_desktop.services.procurement.inn import complete_inn, inn_error, inn_valid, kpp_error
from chemcluster_desktop.services.procurement.nmck_calc import (
    PricePoint,
    as_json,
    compute,
    is_stale,
    months_before,
)

TODAY = dt.date(2026, 11, 26)


def pts(*prices, date=dt.date(2026, 11, 1)):
    return [PricePoint(i + 1, f"Поставщик {i + 1}", date, Decimal(p)) for i, p in enumerate(prices)]


def test_three_offers_by_hand():
    # Σ = 455 800; mean = 151 933,333…; deviations 66,67 / −3 433,33 / 3 366,67
    # Σd² = 23 126 666,67; σ² = 11 563 333,33; σ = 3 400,49; V = 2,24 %; НМЦК = 3 × mean = 455 800,00
    r = compute(Decimal(3), pts("152000.00", "148500.00", "155300.00"), TODAY)
    assert r.valid and r.message == ""
    assert r.mean == Decimal("151933.33")
    assert r.sigma == Decimal("3400.49")
    assert r.cv_percent == Decimal("2.24")
    assert r.nmck == Decimal("455800.00")


def test_nmck_uses_exact_mean_and_rounds_to_kopecks():
    # mean = 315 000,50 / 3 = 105 000,1666…; shown 105 000,17; НМЦК = 2 × 105 000,1666… = 210 000,333… → 210 000,33
    # (multiplying the rounded mean would give 210 000,34)
    r = compute(Decimal(2), pts("100000.00", "110000.00", "105000.50"), TODAY)
    assert r.mean == Decimal("105000.17")
    assert r.nmck == Decimal("210000.33")
    assert as_json(7, r) == {"need": 7, "quantity": 2, "prices": ["100000.00", "110000.00", "105000.50"],
                             "mean": "105000.17", "cv_percent": "4.76", "nmck": "210000.33", "valid": True}


def test_half_up_rounding_of_the_kopeck():
    # mean = 4,02 / 4 = 1,005 → 1,01 (half up; banker's rounding would give 1,00)
    r = compute(Decimal(1), pts("1.00", "1.00", "1.00", "1.02"), TODAY)
    assert r.mean == Decimal("1.01")
    assert r.nmck == Decimal("1.01")
    assert isinstance(r.nmck, Decimal)


def test_sample_standard_deviation_uses_n_minus_1():
    # 10, 20, 30: mean 20, Σd² = 200, σ = √(200 / 2) = 10 (population σ would be 8,16); V = 50 %
    r = compute(Decimal(1), pts("10.00", "20.00", "30.00"), TODAY)
    assert r.sigma == Decimal("10.00")
    assert r.cv_percent == Decimal("50.00")
    assert not r.valid


def test_cv_above_33_refused_naming_the_offers_that_pull_apart():
    # 3 900 000 / 5 600 000 / 8 700 000: mean 6 066 666,67; σ = 2 433 789,91; V = 40,12 % > 33 %
    r = compute(Decimal(1), pts("3900000.00", "5600000.00", "8700000.00"), TODAY)
    assert not r.valid
    assert r.cv_percent == Decimal("40.12")
    assert r.sigma == Decimal("2433789.91")
    assert r.outliers == [3]  # 8 700 000 is farthest from the mean (+43,4 %)
    assert "40,12 %" in r.message and "Поставщик 3" in r.message and "8\u00a0700\u00a0000,00" in r.message
    assert "+43,4 %" in r.message
    assert as_json(1, r)["valid"] is False


def test_exactly_33_percent_is_still_homogeneous():
    # prices 67, 100, 133 → mean 100, σ = 33, V = 33,00 % (allowed: "не превышает 33 %")
    r = compute(Decimal(1), pts("67.00", "100.00", "133.00"), TODAY)
    assert r.cv_percent == Decimal("33.00")
    assert r.valid


def test_fewer_than_three_offers():
    r = compute(Decimal(1), pts("100.00", "105.00"), TODAY)
    assert not r.valid
    assert "не меньше трёх" in r.message
    r0 = compute(Decimal(1), [], TODAY)
    assert not r0.valid and r0.nmck is None
    assert as_json(3, r0) == {"need": 3, "quantity": 1, "prices": [], "mean": None, "cv_percent": None,
                              "nmck": None, "valid": False}


def test_zero_price_refused():
    r = compute(Decimal(1), pts("0.00", "100.00", "105.00"), TODAY)
    assert not r.valid and "больше нуля" in r.message


def test_stale_offers_flagged():
    offers = pts("100.00", "101.00") + [PricePoint(3, "Старое КП", dt.date(2026, 5, 20), Decimal("99.00"))]
    r = compute(Decimal(1), offers, TODAY)
    assert r.valid and r.stale == [3]
    assert "старше шести месяцев" in r.message
    assert months_before(TODAY, 6) == dt.date(2026, 5, 26)
    assert is_stale(dt.date(2026, 5, 25), TODAY) and not is_stale(dt.date(2026, 5, 26), TODAY)
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)


def test_no_float_in_results():
    r = compute(Decimal("2.5"), pts("100.10", "100.20", "100.30"), TODAY)
    for v in (r.mean, r.sigma, r.cv_percent, r.nmck, r.mean_exact):
        assert isinstance(v, Decimal)
    assert as_json(1, r)["quantity"] == "2.5"


@pytest.mark.parametrize("inn", ["7707083893", "5249012349", "500100732259", complete_inn("5249123456")])
def test_valid_inn(inn):
    assert inn_valid(inn) and inn_error(inn) is None


@pytest.mark.parametrize("inn,part", [("7707083894", "контрольных цифр"), ("500100732250", "контрольных цифр"),
                                      ("77070838", "10 цифр"), ("77О7083893", "только из цифр"), ("", "Укажите")])
def test_invalid_inn(inn, part):
    assert not inn_valid(inn)
    assert part in inn_error(inn)


def test_kpp():
    assert kpp_error("524901001", "5249012349") is None
    assert kpp_error("", "5249012349") is not None  # an organisation needs a КПП
    assert kpp_error("52490100", "5249012349") is not None
    assert kpp_error("524901001", "500100732259") is not None  # an ИП has none
