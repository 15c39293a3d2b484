from decimal import Decimal

import pytest

from chemcluster_desktop.xlsx.infrastructure import (
    InfraFileError,
    parse_quantity,
    read_infrastructure_list,
    scope_of,
    zone_of,
)
from tests.accreditation import helpers as h


def test_shared_sample_reads_with_zones_and_units():
    if not h.SAMPLE.exists():
        pytest.skip("shared sample not present")
    r = read_infrastructure_list(h.SAMPLE)
    assert r.header_row == 4 and r.columns["name"] == 3
    assert r.competency_hint == "Химический анализ (юниоры)"
    by_name = {ln.name: ln for ln in r.lines}
    assert len(r.lines) == 10 and not r.errors
    assert by_name["Колба коническая 100 мл"].quantity == 3 and by_name["Колба коническая 100 мл"].per_workplace
    assert by_name["Перчатки латексные"].unit == "пара" and by_name["Перчатки латексные"].zone == "consumables"
    assert by_name["Шкаф вытяжной"].zone == "general" and not by_name["Шкаф вытяжной"].per_workplace
    assert by_name["Стул"].zone == "expert" and by_name["Стул"].quantity == 4
    assert by_name["Огнетушитель"].note == "у выхода"


def test_other_column_order_unit_column_scope_column_and_row_errors(tmp_path):
    r = read_infrastructure_list(h.shape_columns(tmp_path / "b.xlsx"))
    assert r.competency_hint == "Охрана окружающей среды"
    names = [ln.name for ln in r.lines]
    assert names == ["Аптечка первой помощи", "Очки защитные", "Стол письменный", "Спирт этиловый"]
    first, glasses, desk, spirit = r.lines
    assert first.zone == "safety" and not first.per_workplace and first.unit == "шт." and first.number == "1"
    assert glasses.per_workplace
    assert desk.zone == "expert" and desk.specification == "1200×600 мм"  # wrapped text joined
    assert spirit.quantity == Decimal("0.5") and spirit.unit == "л" and spirit.per_workplace
    rows = {e.row: e.message for e in r.errors}
    assert set(rows) == {14, 15}
    assert "много" in rows[14] and "количество" in rows[15]


def test_numbering_restarting_per_section_and_header_scope(tmp_path):
    r = read_infrastructure_list(h.shape_restart(tmp_path / "c.xlsx"))
    assert [ln.number for ln in r.lines] == ["1", "2", "1"]
    assert r.lines[0].per_workplace and r.lines[0].zone == "workplace"
    assert r.lines[2].zone == "store" and not r.lines[2].per_workplace


@pytest.mark.parametrize("maker, words", [
    (h.not_a_list, "не похож на инфраструктурный лист"),
    (h.no_quantities, "нет количеств"),
    (h.duplicate_numbers, "повторяются номера"),
])
def test_bad_files_are_refused_with_a_clear_message(tmp_path, maker, words):
    with pytest.raises(InfraFileError) as e:
        read_infrastructure_list(maker(tmp_path / "bad.xlsx"))
    assert words in str(e.value)


def test_not_an_excel_file(tmp_path):
    p = tmp_path / "x.xlsx"
    p.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(InfraFileError, match="не является книгой Excel"):
        read_infrastructure_list(p)


@pytest.mark.parametrize("cell, expected", [
    ("3 шт.", (Decimal(3), "шт.", None)),
    ("1 пара", (Decimal(1), "пара", None)),
    ("0,5 л", (Decimal("0.5"), "л", None)),
    (" 12 ", (Decimal(12), "", None)),
    ("1 200", (Decimal(1200), "", None)),
    (2, (Decimal(2), "", None)),
    ("2 (на 1 участника)", (Decimal(2), "", True)),
    ("1 шт. на всех", (Decimal(1), "шт.", False)),
    ("по количеству участников", None),
    ("много", None),
])
def test_parse_quantity(cell, expected):
    assert parse_quantity(cell) == expected


def test_scope_and_zone_words():
    assert scope_of("РАБОЧАЯ ПЛОЩАДКА УЧАСТНИКОВ (оборудование на 1 участника)") is True
    assert scope_of("ОБЩАЯ ИНФРАСТРУКТУРА (на всех участников)") is False
    assert scope_of("на 1 раб. место") is True
    assert scope_of("Комната экспертов") is None
    assert zone_of("Охрана труда и техника безопасности") == "safety"
    assert zone_of("РАСХОДНЫЕ МАТЕРИАЛЫ (на 1 участника)") == "consumables"
    assert zone_of("Комната экспертов") == "expert"
    assert zone_of("Оборудование на 1 рабочее место") == "workplace"
    assert zone_of("ОБЩАЯ ИНФРАСТРУКТУРА КОНКУРСНОЙ ПЛОЩАДКИ") == "general"
    assert zone_of("Склад") == "store"


def test_an_inventory_list_is_not_an_infrastructure_list(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Вид", "Инвентарный номер", "Наименование", "Стоимость", "Количество", "Ед. изм."])
    ws.append(["оборудование", "ИН-1", "Весы", "100,00", 1, "шт."])
    wb.save(tmp_path / "inv.xlsx")
    with pytest.raises(InfraFileError, match="инвентарную опись"):
        read_infrastructure_list(tmp_path / "inv.xlsx")


def test_strange_numbers_in_cells_do_not_break_the_reader(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Наименование", "Количество"])
    ws.append([1.7976931348623155e+308, "Весы", float("inf")])
    ws.append([2, "Плитка", 1e300])
    ws.append([3, "Колба", 2.0])
    wb.save(tmp_path / "odd.xlsx")
    r = read_infrastructure_list(tmp_path / "odd.xlsx")
    assert [ln.name for ln in r.lines] == ["Колба"] and len(r.errors) == 2


def test_two_quantity_columns(tmp_path):
    r = read_infrastructure_list(h.shape_two_quantity_columns(tmp_path / "d.xlsx"))
    assert r.year == 2027 and r.competency_hint == "Химические технологии"
    thermo, trainer, laptop = r.lines
    assert thermo.per_workplace and thermo.quantity == 1
    assert not trainer.per_workplace and trainer.quantity == 1
    assert laptop.zone == "expert" and laptop.per_workplace  # the column says «на 1 рабочее место»
