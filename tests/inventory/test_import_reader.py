"""The import's sheet reader (xlsx/sheetrows.py) gives exactly the values openpyxl's read-only mode gives
— checked cell by cell against openpyxl on workbooks written by openpyxl (normal and write-only), by
LibreOffice, and by hand (the odd but valid XML other programs write) — and differs only where it means
to: a wrong <dimension> hides nothing, a DOCTYPE is refused, one cell cannot fill the memory. The workbook
is opened as openpyxl opens it (same sheets, states and declared sizes) less openpyxl's whole-sheet scan
for a missing <dimension>.

``tests/inventory/data/cell_types_lo.xlsx`` is :func:`cell_types_workbook` re-saved by LibreOffice
(``soffice --headless --convert-to xlsx``): shared strings, cached formula results and errors as
another program writes them.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import MAC_EPOCH

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import FileFormatError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.xlsx import common
from chemcluster_desktop.xlsx.sheetrows import CELL_TEXT_LIMIT, load_read_only, worksheet_rows

DATA = Path(__file__).with_name("data")


def cell_types_workbook(path: Path, *, epoch=None) -> Path:
    wb = Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "Данные"
    ws.append(["Наименование", "Дата", "Время", "Число", "Дробь", "Логика", "Формула", "Текст-формула",
               "Ошибка", "Длительность"])
    for i in range(1, 30):
        ws.append([f"Предмет {i} «кавычки» & <теги>", dt.datetime(2026, 1, 1) + dt.timedelta(days=i * 37),
                   dt.time(i % 24, i % 60), i * 1000, i / 7, i % 2 == 0, f"=D{i + 1}*2", f'=A{i + 1}&"x"',
                   "=1/0" if i == 3 else None, dt.timedelta(hours=i, minutes=5)])
    ws["A35"] = "  пробелы  \n перенос"
    ws["B35"] = dt.date(1900, 1, 5)
    ws["C35"] = 0.5
    ws["C35"].number_format = "hh:mm"
    ws["D35"], ws["E35"] = 1e20, -3.5e-7
    ws["A37"] = CellRichText(["обычный ", TextBlock(InlineFont(b=True), "жирный"), " конец"])
    ws["Z40"] = "далеко"
    ws.merge_cells("A42:C42")
    ws["A42"] = "объединено"
    hidden = wb.create_sheet("Скрытый")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "секрет"
    wb.save(path)
    return path


def write_only_workbook(path: Path) -> Path:
    """As the benchmark's file and the program's own export: inline strings, no <dimension>."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Инвентарь")
    ws.append(["Опись"])
    ws.append([])
    ws.append(["Наименование", "Количество", "Дата ввода", "Стоимость"])
    for i in range(50):
        ws.append([f"Колба {i}", i, dt.datetime(2025, 1 + i % 12, 1), 10.5 * i if i % 3 else None])
    wb.save(path)
    return path


HAND_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Наименование</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t
>Количество</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Дата ввода</x:t></x:is></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:r><x:t>Весы </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>ВЛ-220</x:t></x:r><x:rPh
 sb="0" eb="1"><x:t>фонетика</x:t></x:rPh></x:is></x:c><x:c><x:v>2</x:v></x:c><x:c t="d"><x:v
>2024-03-05T00:00:00</x:v></x:c></x:row>
<x:row r="5"><x:c r="B5" t="b"><x:v>1</x:v></x:c><x:c r="D5" t="e"><x:v>#N/A</x:v></x:c><x:c r="E5" t="str"><x:f
>A1</x:f><x:v>Наименование</x:v></x:c><x:c r="F5"><x:v></x:v></x:c><x:c r="G5" t="inlineStr"><x:is/></x:c></x:row>
<x:row r="6"><x:c r="A6" s="1"><x:v>45000</x:v></x:c><x:c r="B6" s="1"><x:v>45000.75</x:v></x:c><x:c r="C6"><x:v
>1.5E3</x:v></x:c><x:c r="D6" t="inlineStr"><x:is><x:t xml:space="preserve">  с &amp; пробелами &#x41;  </x:t></x:is
></x:c></x:row>
<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:t>повтор номера строки</x:t></x:is></x:c></x:row>
<x:row r="7" spans="1:3"></x:row>
</x:sheetData></x:worksheet>"""


def hand_written_workbook(path: Path, sheet_xml: str = HAND_SHEET) -> Path:
    """A workbook whose first sheet is ``sheet_xml`` (style 1 is a date: the first styled cell was one)."""
    wb = Workbook()
    wb.active["A1"] = dt.datetime(2026, 1, 1)
    tmp = path.with_suffix(".base.xlsx")
    wb.save(tmp)
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode("utf-8")
            dst.writestr(info, data)
    tmp.unlink()
    return path


def _both(path: Path) -> list[tuple[str, list, list]]:
    """Per sheet: (title, rows of the program's reader, rows of plain openpyxl)."""
    ref, wb = load_workbook(path, read_only=True, data_only=True), load_read_only(path)
    try:
        assert type(wb.worksheets[0]).__name__ == "Sheet", "load_read_only fell back to load_workbook"
        assert [(ws.title, ws.sheet_state) for ws in wb.worksheets] == \
            [(ws.title, ws.sheet_state) for ws in ref.worksheets]
        out = []
        for ws, ref_ws in zip(wb.worksheets, ref.worksheets, strict=True):
            assert (ws.min_row, ws.min_column, ws.max_row, ws.max_column) == \
                (ref_ws.min_row, ref_ws.min_column, ref_ws.max_row, ref_ws.max_column)
            fast = worksheet_rows(wb, ws, max_columns=10_000)
            assert fast is not None, "this openpyxl no longer exposes what the fast reader needs"
            out.append((ws.title, list(fast), [tuple(r) for r in ref_ws.iter_rows(values_only=True)]))
        return out
    finally:
        wb.close()
        ref.close()


@pytest.mark.parametrize("make", ["openpyxl", "openpyxl_1904", "write_only", "by_hand", "libreoffice",
                                  "statement_libreoffice", "lab_sheet_libreoffice"])
def test_rows_are_exactly_openpyxls(tmp_path, make):
    path = {
        "openpyxl": lambda: cell_types_workbook(tmp_path / "a.xlsx"),
        "openpyxl_1904": lambda: cell_types_workbook(tmp_path / "b.xlsx", epoch=MAC_EPOCH),
        "write_only": lambda: write_only_workbook(tmp_path / "c.xlsx"),
        "by_hand": lambda: hand_written_workbook(tmp_path / "d.xlsx"),
        "libreoffice": lambda: DATA / "cell_types_lo.xlsx",
        "statement_libreoffice": lambda: DATA / "oborotnaya_0504035.xlsx",
        "lab_sheet_libreoffice": lambda: DATA / "lab_sheet_groups.xlsx",
    }[make]()
    for title, fast, reference in _both(path):
        assert len(fast) == len(reference), title
        for n, (a, b) in enumerate(zip(fast, reference, strict=True), 1):
            assert a == b and [type(v) for v in a] == [type(v) for v in b], (title, n, a, b)


def test_the_cell_types_come_through(tmp_path):
    (_t, rows, _ref), _hidden = _both(DATA / "cell_types_lo.xlsx")
    assert rows[1][:10] == ("Предмет 1 «кавычки» & <теги>", dt.datetime(2026, 2, 7), dt.time(1, 1), 1000,
                            rows[1][4], False, 2000, "Предмет 1 «кавычки» & <теги>x", None,
                            dt.timedelta(hours=1, minutes=5))
    assert rows[3][8] == "#DIV/0!" and rows[36][0] == "обычный жирный конец" and rows[39][25] == "далеко"
    ((_t, hand, _ref),) = _both(hand_written_workbook(tmp_path / "h.xlsx"))
    assert hand[1] == ("Весы ВЛ-220", 2, dt.datetime(2024, 3, 5))  # runs joined, the phonetic run left out
    assert hand[2] == () and hand[3] == ()  # rows 3 and 4 are missing in the file
    assert hand[4] == (None, True, None, "#N/A", "Наименование", None, "")
    assert hand[5] == (dt.datetime(2023, 3, 15), dt.datetime(2023, 3, 15, 18), 1500.0, "  с & пробелами A  ")
    assert len(hand) == 7 and hand[6] == ()  # the repeated row 6 is skipped, as openpyxl does


def test_a_wrong_dimension_hides_no_rows(db, tmp_path):
    """Some programs write <dimension ref="A1"/> whatever the sheet holds; openpyxl then reads one cell."""
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{a}</t></is></c><c r="B{r}"{b}</c></row>'
                    for r, (a, b) in enumerate([("Наименование", ' t="inlineStr"><is><t>Количество</t></is>'),
                                                ("Колба мерная", "><v>3</v>"), ("Штатив", "><v>2</v>")], 1))
    xml = (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/>'
           f"<sheetData>{cells}</sheetData></worksheet>")
    path = hand_written_workbook(tmp_path / "dim.xlsx", xml)
    wb = load_workbook(path, read_only=True, data_only=True)
    assert [tuple(r) for r in wb.active.iter_rows(values_only=True)] == [("Наименование",)]  # openpyxl
    wb.close()
    ((_t, rows, _ref),) = _both(path)
    assert rows == [("Наименование", "Количество"), ("Колба мерная", 3), ("Штатив", 2)]
    rep = inventory.import_inventory(path)
    assert rep.created == 2 and inventory.count_items(ListQuery()) == 2


def test_a_doctype_is_refused_and_nothing_written(db, tmp_path):
    xml = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>Наименование</t></is></c><c r="B1" t="inlineStr"><is><t'
           '>Количество</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>&b;</t></is></c><c r="B2">'
           "<v>1</v></c></row></sheetData></worksheet>")
    path = hand_written_workbook(tmp_path / "doctype.xlsx", xml)
    with pytest.raises(FileFormatError) as e:
        inventory.import_inventory(path)
    assert "повреждён" in str(e.value)
    assert inventory.count_items(ListQuery()) == 0


def test_one_huge_cell_is_cut_at_excels_limit_and_the_row_refused(db, tmp_path):
    big = "Ж" * (CELL_TEXT_LIMIT * 3)
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>Наименование</t></is></c><c r="B1" t="inlineStr"><is><t'
           '>Количество</t></is></c></row>'
           f'<row r="2"><c r="A2" t="inlineStr"><is><t>{big}</t></is></c><c r="B2"><v>1</v></c></row>'
           '<row r="3"><c r="A3" t="inlineStr"><is><t>Штатив</t></is></c><c r="B3"><v>2</v></c></row>'
           "</sheetData></worksheet>")
    path = hand_written_workbook(tmp_path / "big.xlsx", xml)
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = list(worksheet_rows(wb, wb.active, max_columns=200))
    wb.close()
    assert len(rows[1][0]) == CELL_TEXT_LIMIT
    rep = inventory.import_inventory(path)
    assert rep.created == 1 and [row for row, _why in rep.skipped] == [2]
    assert "длиннее 300" in dict(rep.skipped)[2]


def test_cells_past_the_column_limit_are_never_built(tmp_path):
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row></sheetData></worksheet>')
    path = hand_written_workbook(tmp_path / "wide.xlsx", xml)
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        assert list(common.iter_sheet_rows(wb)) == [(1, (1,))]
    finally:
        wb.close()


def test_without_the_fast_reader_the_import_is_the_same(db, tmp_path, monkeypatch):
    """Another openpyxl without the parts the fast reader uses: openpyxl's own rows, the same import."""
    path = write_only_workbook(tmp_path / "w.xlsx")
    fast = inventory.preview_import(path)
    monkeypatch.setattr(common, "worksheet_rows", lambda *a, **k: None)
    slow = inventory.preview_import(path)
    assert slow.rows == fast.rows and slow.errors == fast.errors and len(fast.rows) == 50
    assert [(a.row, a.action, a.name, a.quantity) for a in slow.actions] == \
        [(a.row, a.action, a.name, a.quantity) for a in fast.actions]
