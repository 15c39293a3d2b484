"""Excel import and export of the inventory with real files made by openpyxl, ugly ones included."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import FileFormatError
from chemcluster_desktop.services.inventory.importing import ImportRejected
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.xlsx import common
from tests.inventory.helpers import make_xlsx, room_ids, ugly_rows


def test_parsers():
    assert common.parse_number("1 234,50") == Decimal("1234.50")
    assert common.parse_number("1\u00a0234,50 ₽") == Decimal("1234.50")
    assert common.parse_number("1.234,50") == Decimal("1234.50")
    assert common.parse_number("1,234.50") == Decimal("1234.50")
    assert common.parse_number(0.1) == Decimal("0.1")
    assert common.parse_number("12 шт.") == Decimal(12)
    assert common.parse_number("") is None
    for bad in ("abc", "1,2,3", "--1", "1e", float("nan")):
        with pytest.raises(ValueError):
            common.parse_number(bad)
    assert common.parse_date("26.11.2026") == dt.date(2026, 11, 26)
    assert common.parse_date("26.11.26") == dt.date(2026, 11, 26)
    assert common.parse_date("2026-11-26") == dt.date(2026, 11, 26)
    assert common.parse_date(dt.datetime(2026, 11, 26, 10, 0)) == dt.date(2026, 11, 26)
    assert common.parse_date(46352) == dt.date(2026, 11, 26)  # an Excel serial day
    for bad in ("31.02.2026", "вчера", "26/13/2026"):
        with pytest.raises(ValueError):
            common.parse_date(bad)
    assert common.is_total_row([None, "Итого:", 5]) and common.is_total_row(["ВСЕГО"])
    assert not common.is_total_row(["Весы", 1])
    assert common.match_header("Инв. №", {"inventory_number": ["инв"]}) == ("inventory_number", True)
    f, certain = common.match_header("Наименование оборудования (полное)", {"name": ["наименование"]})
    assert f == "name" and not certain


def test_ugly_file_import(db, tmp_path):
    path = make_xlsx(tmp_path / "ugly.xlsx", ugly_rows())
    dry = inventory.import_inventory(path, dry_run=True)
    assert dry.imported == 3 and inventory.count_items(ListQuery()) == 0
    assert dry.created_rooms == ["Лаборатория 5", "Склад реактивов (ауд. 012)"]
    rep = inventory.import_inventory(path)
    assert rep.imported == 3 and rep.total_rows == 8
    reasons = dict(rep.skipped)
    assert sorted(reasons) == [8, 9, 10, 11, 12]
    assert "CAS" in reasons[8] and "ОС-0001" in reasons[9] and "отрицательн" in reasons[10]
    assert "ещё не наступила" in reasons[11] and "не число" in reasons[12]
    rooms = room_ids()
    assert "Лаборатория 5" in rooms and "Склад реактивов (ауд. 012)" in rooms
    items = {r["name"]: r for r in inventory.list_items(ListQuery(limit=50))}
    assert items["Весы аналитические"]["cost"] == Decimal("1234.50")
    assert items["Весы аналитические"]["commissioned_on"] == dt.date(2020, 11, 26)
    assert items["Шкаф вытяжной"]["commissioned_on"] == dt.date(2021, 3, 4)
    assert items["Шкаф вытяжной"]["inventory_number"].startswith("ХП-")  # assigned from the pattern
    acid = items["Кислота соляная"]
    assert acid["kind"] == "reagent" and acid["quantity"] == Decimal("2.5")
    assert acid["expires_on"] == dt.date(2030, 1, 1)
    # the whole import is one receipt document in each item's history
    assert inventory.get_item(acid["id"])["history"][0]["kind"] == "receipt"
    # the journal: one summary entry for the file, and a «create» entry of every imported item with
    # who and its values (stored exactly like a Core insert: Decimal and dates as text)
    import json

    from sqlalchemy import select

    from chemcluster_desktop.services import context
    from chemcluster_desktop.storage.core import AuditEntry

    with context.read() as s:
        entries = s.execute(select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.user_login,
                                   AuditEntry.summary, AuditEntry.new_values, AuditEntry.at)
                            .where(AuditEntry.entity == "Item")).all()
    assert sorted(e.action for e in entries) == ["create", "create", "create", "import"]
    created = {int(e.entity_id): e for e in entries if e.action == "create"}
    assert set(created) == {r["id"] for r in items.values()}
    scales = created[items["Весы аналитические"]["id"]]
    values = json.loads(scales.new_values)
    assert scales.user_login == "admin" and scales.summary == "ОС-0001 Весы аналитические"
    assert values["cost"] == "1234.50" and values["commissioned_on"] == "2020-11-26" and values["kind"] == "equipment"
    assert scales.at is not None and isinstance(scales.at, dt.datetime)
    # a second import of the same file updates the cards the first one made, never duplicates them
    before = inventory.count_items(ListQuery())
    rep2 = inventory.import_inventory(path)
    assert rep2.updated == 3 and rep2.created == 0 and inventory.count_items(ListQuery()) == before
    assert not any("уже есть в инвентаре" in m for _r, m in rep2.skipped)


def test_strict_imports_nothing(db, tmp_path):
    path = make_xlsx(tmp_path / "ugly.xlsx", ugly_rows())
    with pytest.raises(ImportRejected) as e:
        inventory.import_inventory(path, strict=True)
    assert len(e.value.report.skipped) == 5
    assert inventory.count_items(ListQuery()) == 0
    assert "Лаборатория 5" not in room_ids()


def test_synonyms_and_mapping_preview(db, tmp_path):
    header = ["Название", "Инвентарный номер", "Цена", "Аудитория", "Количество", "Ед", "Минимальный остаток",
              "Что-то своё"]
    path = make_xlsx(tmp_path / "syn.xlsx", [["Перчатки", None, "12,00", "Склад", "40", "пар", "100", "x"]],
                     header=header, title_lines=0, totals=False)
    pv = inventory.preview_import(path)
    assert pv.header_row == 1 and pv.report.imported == 1
    assert pv.mapping[0] == "name" and pv.mapping[3] == "room" and pv.mapping[6] == "min_quantity"
    assert any("Что-то своё" in n for n in pv.notes)
    # the person changes a column's meaning in the preview
    pv2 = inventory.preview_import(path, {0: "name", 3: "room", 4: "quantity", 5: "unit", 7: "notes"})
    assert "Примечание" in pv2.columns
    rep = inventory.import_inventory(path)
    row = inventory.list_items(ListQuery())[0]
    assert row["kind"] == "consumable" and row["quantity"] == 40 and row["min_quantity"] == 100
    assert rep.created_rooms == ["Склад"]


@pytest.fixture
def bad_files(tmp_path):
    files = {}
    p = tmp_path / "text.xlsx"
    p.write_text("это не Excel")
    files["text"] = p
    p = tmp_path / "empty.xlsx"
    p.write_bytes(b"")
    files["zero"] = p
    p = tmp_path / "enc.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    files["encrypted"] = p
    p = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    files["zip"] = p
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/workbook.xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    files["bomb"] = p
    wb = Workbook()
    p = tmp_path / "blank.xlsx"
    wb.save(p)
    files["blank"] = p
    p = make_xlsx(tmp_path / "noheader.xlsx", [["a", "b"]], header=["Что", "Где"], title_lines=0)
    files["noheader"] = p
    p = make_xlsx(tmp_path / "onlyheader.xlsx", [], totals=False)
    files["onlyheader"] = p
    return files


@pytest.mark.parametrize("name,needle", [
    ("text", "не является книгой Excel"), ("zero", "пуст"), ("encrypted", "паролем"), ("zip", "не книга Excel"),
    ("bomb", "сжат"), ("blank", "пуст"), ("noheader", "заголовков"), ("onlyheader", "нет строк"),
])
def test_bad_files_are_refused_with_a_clear_message(db, bad_files, name, needle):
    with pytest.raises(FileFormatError) as e:
        inventory.import_inventory(bad_files[name])
    assert needle in str(e.value)
    assert inventory.count_items(ListQuery()) == 0


def test_too_many_rows_refused(db, tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_ROWS", 5)
    path = make_xlsx(tmp_path / "big.xlsx", [[i, None, f"Стул {i}"] for i in range(40)])
    with pytest.raises(FileFormatError) as e:
        inventory.import_inventory(path)
    assert "слишком много строк" in str(e.value)


def test_cancel_rolls_back(db, tmp_path):
    from chemcluster_desktop.services.errors import Cancelled

    path = make_xlsx(tmp_path / "many.xlsx", [[i, None, f"Стул лабораторный {i}", "", "", "6 900"]
                                              for i in range(1200)])
    with pytest.raises(Cancelled):
        inventory.import_inventory(path, cancelled=lambda: True)
    assert inventory.count_items(ListQuery()) == 0


def test_export_typed_cells(db, tmp_path):
    path = make_xlsx(tmp_path / "ugly.xlsx", ugly_rows())
    inventory.import_inventory(path)
    out = tmp_path / "out.xlsx"
    n = inventory.export_inventory(out, ListQuery(search="весы"))
    assert n == 1
    n = inventory.export_inventory(out)
    assert n == 3
    wb = load_workbook(out)
    ws = wb.active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:AE4"  # every column the import reads back
    head = [c.value for c in ws[1]]
    assert head[:3] == ["Инвентарный номер", "Наименование", "Вид"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    scale = rows["Весы аналитические"]
    cost_col, date_col = head.index("Стоимость, ₽"), head.index("Дата ввода")
    assert scale[cost_col] == 1234.5 and isinstance(scale[date_col], dt.datetime)
    scale_row = next(i for i, r in enumerate(ws.iter_rows(values_only=True), 1) if r[1] == "Весы аналитические")
    assert ws.cell(row=scale_row, column=cost_col + 1).number_format == "#,##0.00"
    assert ws.cell(row=scale_row, column=date_col + 1).number_format == "DD.MM.YYYY"
    assert ws.column_dimensions["B"].width > 30
    # export → import round trip into an empty database would give the same rows: headers are synonyms
    hdr = common.match_header_row(head, __import__("chemcluster_desktop.xlsx.inventory",
                                                    fromlist=["SYNONYMS"]).SYNONYMS)[0]
    assert {"inventory_number", "name", "cost", "commissioned_on", "room", "quantity"} <= set(hdr)
