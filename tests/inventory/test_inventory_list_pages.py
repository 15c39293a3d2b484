"""The inventory list (ф. 0510466) over several pages, read back with pypdf: every row once, the header
and «стр. N из M» on every page, long text wrapped (never cut, never split across pages) and the
page and room totals equal to the sums of the printed rows."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from chemcluster_desktop.reports.gridtable import wrap_text
from chemcluster_desktop.reports.styles import money, number
from chemcluster_desktop.services import inventory, printing
from tests.inventory.helpers import add_room, equipment

NBSP = "\u00a0"
LONG_NAME = ("Установка лабораторная для перегонки и ректификации органических растворителей с колонной "
             "Вигре, холодильником Либиха, аллонжем, приёмными колбами на 250 и 500 мл, термометром, "
             "колбонагревателем с регулятором мощности и зажимами")  # 300 characters at most
LONG_SERIAL = "SN" + "0123456789ABCDEF" * 5  # one word, wider than its column


def _plain(s: str) -> str:
    return s.replace(NBSP, " ")


@pytest.fixture
def big_room(db):
    room = add_room("Склад химического оборудования (ауд. 105)", "Григорьева Т. П.")
    rows = []  # (inventory number, quantity, sum or None)
    for i in range(1, 91):
        inv = f"ХП-2026-{i:06d}"
        cost = Decimal(1000 + 37 * i) + Decimal(i % 100) / 100
        name = LONG_NAME if i == 40 else f"Прибор лабораторный модель {i}"
        serial = LONG_SERIAL if i == 41 else f"SN-{i:05d}"
        equipment(name, room_id=room, inventory_number=inv, cost=cost, serial_number=serial)
        rows.append((inv, Decimal(1), cost))
    for i in range(1, 6):  # consumables: counted, no sum
        inventory.create_item({"kind": "consumable", "name": f"Перчатки нитриловые, размер {i}",
                               "quantity": str(10 * i), "unit": "пар", "room_id": room})
        rows.append((None, Decimal(10 * i), None))
    return room, rows


def test_inventory_list_many_pages(big_room, tmp_path):
    from pypdf import PdfReader

    _room, rows = big_room
    res = printing.build("inventory", tmp_path / "inv.pdf", room="ауд. 105")
    assert res.rows == len(rows)
    pages = [_plain(p.extract_text() or "") for p in PdfReader(str(res.path)).pages]
    n = len(pages)
    assert n == res.pages and n >= 3
    text = "\n".join(pages)

    # every inventory number exactly once
    for inv, _q, _s in rows:
        if inv:
            assert text.count(inv) == 1, inv
    # the header on every page that has rows, and the right page numbers everywhere
    for i, page in enumerate(pages, 1):
        assert f"стр. {i} из {n}" in page
        if "ХП-2026-" in page:
            assert "Фактическое" in page and "ОКЕИ" in page and "Целевая" in page

    # the long name: wrapped over several lines, every word printed in order, all on one page
    words = LONG_NAME.split()
    on = [p for p in pages if "Вигре," in p]
    assert len(on) == 1
    page = on[0]
    pos = 0
    for w in words:
        found = page.find(w, pos)
        assert found >= 0, w
        pos = found + len(w)
    first_line = next(ln for ln in page.splitlines() if "ХП-2026-000040" in ln)
    assert words[-1] not in first_line  # wrapped, not one overflowing line
    # the long serial: broken inside the word, every character kept
    serial_page = next(p for p in pages if "ХП-2026-000041" in p)
    assert re.sub(r"\s", "", serial_page).count(LONG_SERIAL) == 1

    # page totals: positions, quantity and sum of the rows printed on that page
    by_inv = {inv: (q, s) for inv, q, s in rows if inv}
    consumables = [(q, s) for inv, q, s in rows if not inv]
    seen_consumables = 0
    subtotal_pages = 0
    for page in pages:
        invs = re.findall(r"ХП-2026-\d{6}", page)
        cons = len(re.findall(r"Перчатки нитриловые, размер \d", page))
        lines = [ln for ln in page.splitlines() if "Итого по странице" in ln]
        if not invs and not cons:
            assert not lines
            continue
        assert len(lines) == 1, page
        subtotal_pages += 1
        part = [by_inv[i] for i in invs] + consumables[seen_consumables:seen_consumables + cons]
        seen_consumables += cons
        q = sum((x for x, _ in part), Decimal(0))
        s = sum((y for _, y in part if y is not None), Decimal(0))
        assert f"порядковых номеров {len(part)} (" in lines[0]
        # the page's quantity and sum by records follow the label (the actual columns are blank)
        after = " ".join(page[page.index("Итого по странице"):].split())
        assert _plain(f"{number(q)} {money(s)}") in after, (after[:200], q, s)
    assert subtotal_pages >= 3 and seen_consumables == len(consumables)
    # one list per account: the cheap equipment off-balance (21), the consumables on 105.36, each with its
    # totals in words and the МОЛ's statement naming its last entry
    flat = " ".join(text.split())
    total_s = sum((s for _i, _q, s in rows if s is not None), Decimal(0))
    assert "21 — Основные средства в эксплуатации" in flat and "105.36 — Прочие материальные запасы" in flat
    assert "Итого по описи: количество порядковых номеров 90 (девяносто)" in flat
    assert _plain(f"на сумму {money(total_s)} (") in flat
    assert "Итого по описи: количество порядковых номеров 5 (пять); общее количество единиц по данным учёта 150 (сто пятьдесят)" in flat
    assert "с № 1 по № 90" in flat and "с № 1 по № 5" in flat


def test_wrap_text_never_cuts():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from chemcluster_desktop.reports import fonts

    def w(s):
        return stringWidth(s, fonts.CONDENSED, 8)

    lines = wrap_text(LONG_NAME, 150, w)
    assert len(lines) > 3 and all(w(ln) <= 150 for ln in lines)
    assert " ".join(lines) == LONG_NAME
    pieces = wrap_text(LONG_SERIAL, 70, w)
    assert len(pieces) > 2 and all(w(x) <= 70 for x in pieces) and "".join(pieces) == LONG_SERIAL
    assert wrap_text("Колба\nмерная", 500, w) == ["Колба", "мерная"]
    assert wrap_text("", 100, w) == [""]


def test_grid_table_text_beyond_the_first_font_subset():
    """More distinct characters than one 256-glyph font subset holds (Latin Extended, Greek,
    Cyrillic), with PDF string delimiters: every cell still prints and extracts exactly."""
    import io

    from pypdf import PdfReader
    from reportlab.lib.units import mm

    from chemcluster_desktop.reports.gridtable import GridTable, HeadCell
    from chemcluster_desktop.reports.inventory_list import GRID
    from chemcluster_desktop.reports.styles import DocInfo, build_pdf

    chars = [chr(c) for c in [*range(0x100, 0x180), *range(0x391, 0x3CA), *range(0x410, 0x450)]]
    chars = [c for c in chars if c.isalpha()]
    assert len(chars) > 230
    words = ["".join(chars[i:i + 12]) + " (a\\b)" for i in range(0, len(chars), 12)]
    buf = io.BytesIO()
    build_pdf(buf, DocInfo(title="T", landscape=True), [GridTable(
        [[str(i), w, ""] for i, w in enumerate(words)], [20 * mm, 120 * mm, 20 * mm],
        head=[HeadCell("№", 0, 0), HeadCell("Наименование", 1, 1), HeadCell("", 2, 2)], style=GRID)])
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(buf.getvalue())).pages)
    assert [w for w in words if w not in text] == []
