"""The KPI report falls onto pages as the signed procurement printouts do (reports/flow.py): each table one
table with its column header at most once a page and never without rows, a section heading kept with its
first rows, and the director's signature on the page of the last table rows, never alone. Built with the
numbers of participants that put the page end at each awkward place and read back with pypdf, page by page."""

from __future__ import annotations

import re
from decimal import Decimal

from chemcluster_desktop.reports import kpi
from tests.pdf_pages import page_texts

ROW = re.compile(r"Участник (\d{4})")
HEAD = "Соглашение"


def _build(path, n: int) -> None:
    lines = [kpi.KpiLine(i, f"Показатель {i}", "чел.", Decimal(100), "2024", Decimal(80 + i), Decimal(80 + i),
                         None, "") for i in range(1, 6)]
    participants = [(f"Участник {i:04d}", "Предприятие", f"Договор № {i} от 01.09.2023") for i in range(1, n + 1)]
    kpi.build(path, kpi.KpiReport("ГБПОУ «Химико-технологический колледж»", "2026 год", lines,
                                  director="Смирнова О. В.", participants=participants))


def test_participants_table_and_the_directors_signature_share_pages(tmp_path):
    _build(tmp_path / "long.pdf", 160)
    ends = sorted({max(int(r) for r in ROW.findall(p)) for p in page_texts(tmp_path / "long.pdf") if ROW.search(p)})[:3]
    lengths = sorted({1, 2, 3} | {n for e in ends for n in range(e - 6, e + 3) if n >= 1})
    for n in lengths:
        path = tmp_path / f"kpi-{n}.pdf"
        _build(path, n)
        pages = page_texts(path)
        where = f"{n} participants, {len(pages)} pages"
        last = pages[-1]
        assert "Директор" in last and "Смирнова О. В." in last, where
        assert all("Смирнова О. В." not in page for page in pages[:-1]), where
        assert n in [int(r) for r in ROW.findall(last)], where  # the signature with the table's last row
        for i, page in enumerate(pages):
            assert page.count(HEAD) <= 1, (where, i + 1)  # the column header once a page at most
            if "2. Участники кластера" in page:
                assert ROW.search(page.split("2. Участники кластера", 1)[1]), (where, i + 1)
        seen = [int(r) for p in pages for r in ROW.findall(p)]
        assert seen == list(range(1, n + 1)), where
