"""Minor findings of issue 19 (point 15): placeholder dates and «12345» are not dates; amounts that would
be stored as zero are refused; over-long names are refused, never cut silently."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.xlsx.common import parse_date


@pytest.mark.parametrize("text", ["01.01.0001", "31.12.9999", "12345", "1.1.1850"])
def test_placeholder_dates_and_bare_numbers_are_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_real_dates_still_read():
    assert parse_date("26.11.2026") == dt.date(2026, 11, 26)
    assert parse_date(46000) == dt.date(2025, 12, 9)  # a number cell: Excel's serial date
    assert parse_date("2026-11-26") == dt.date(2026, 11, 26)


def test_import_refuses_amounts_that_round_to_zero(db, tmp_path):
    from chemcluster_desktop.services import inventory
    from tests.inventory.helpers import make_xlsx

    path = make_xlsx(tmp_path / "tiny.xlsx", [
        [1, "ОС-1", "Весы", "", "", "0,001", "", "", 1, "шт.", None, None],
        [2, None, "Перчатки", "", "", "", "", "", "0,0001", "пар", None, None],
        [3, "ОС-3", "Колба", "", "", "12,50", "", "", 1, "шт.", None, None]], totals=False)
    rep = inventory.import_inventory(path)
    assert rep.imported == 1
    reasons = " ".join(r for _row, r in rep.skipped)
    assert "станет нулём" in reasons and "0,001" in reasons and "0,0001" in reasons


def test_services_refuse_amounts_that_round_to_zero_and_overlong_names(db):
    from tests.inventory.helpers import consumable, equipment

    with pytest.raises(ValidationError, match="станет нулём") as e:
        equipment(name="Весы", cost=Decimal("0.001"))
    assert e.value.field == "cost"
    with pytest.raises(ValidationError, match="станет нулём"):
        consumable(qty="0.0001")
    with pytest.raises(ValidationError, match="длинн"):
        equipment(name="Весы аналитические " * 40)
