"""The procurement printouts (plan-schedule, budget, НМЦК justification) fall onto pages as the official
forms do (reports/flow.py): each table is one table with its column header repeated at the top of every
page it runs onto — never a second header mid-page —, a heading or a header is never left at a page end
without rows under it, and the signatures stand on the page of the last table rows, never alone. Each
document is built with the row counts that put the page end at each awkward place and read back with
pypdf, page by page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from chemcluster_desktop.reports import budget, nmck, procurement_plan
from tests.pdf_pages import page_texts

DAY = dt.date(2026, 11, 20)
ROW = re.compile(r"Строка (\d{4})")


def _rows_on(page: str) -> list[int]:
    return [int(m) for m in ROW.findall(page)]


def _plan(path, n: int) -> None:
    lines = [{"number": f"Строка {i:04d}", "ikz": f"26377010000007701001000{i:04d}0000244", "law": "44-ФЗ",
              "title": f"Поставка оборудования, лот {i}", "method": "Электронный аукцион", "source": "Грант",
              "year": 2026, "quarter": 1 + i % 4, "amount": Decimal("150000.00"), "status": "planned",
              "status_label": "Запланирована", "needs": [{"name": "Весы аналитические", "quantity": Decimal(2),
                                                           "unit": "шт.", "okpd2": "26.51.32.110"}]}
             for i in range(1, n + 1)]
    rep = procurement_plan.PlanReport("ГБПОУ «Химико-технологический колледж»", "2026 год", lines,
                                      manager="Смирнов С. С.", director="Иванов И. И.",
                                      by_source=[("Грант", Decimal("150000.00") * n)])
    procurement_plan.build(path, rep)


def _budget(path, n: int) -> None:
    line = budget.BudgetLine("Грант «Профессионалитет»", Decimal(10 ** 7), Decimal(10 ** 6), Decimal(10 ** 6),
                             Decimal(0), Decimal(8 * 10 ** 6))
    contracts = [(f"Строка {i:04d}", DAY, "ООО «Лабторг»", "Грант «Профессионалитет»", Decimal("1000.00"),
                  Decimal(0)) for i in range(1, n + 1)]
    rep = budget.BudgetReport("ГБПОУ «Химико-технологический колледж»", [line], line, Decimal(10 ** 8),
                              Decimal(10 ** 8), manager="Смирнов С. С.", director="Иванов И. И.",
                              contracts=contracts)
    budget.build(path, rep)


def _nmck(path, n: int) -> None:
    offers = [nmck.OfferRow(k, f"ООО «Поставщик {k}»", "7701234567", DAY, f"КП-{k}", Decimal(1000 + k),
                            Decimal("0.1")) for k in (1, 2, 3)]
    positions = [nmck.NmckSection(i, f"Строка {i:04d} весы аналитические", "до 220 г", Decimal(1), "шт.",
                                  "Лаборатория", "26.51.32.110", "44-ФЗ", offers, Decimal("1002.00"),
                                  Decimal("1.00"), Decimal("0.1"), Decimal("1002.00"), True, "")
                 for i in range(1, n + 1)]
    doc = nmck.LineDoc("П-1", "Весы", "44-ФЗ", "Электронный аукцион", "", DAY, "метод сопоставимых рыночных цен",
                       positions, [nmck.RequestRow("ООО «Поставщик 1»", DAY, "исх. 1", "КП")], 3,
                       Decimal("1002.00") * n, True)
    nmck.build(path, nmck.NmckReport("ГБПОУ «Химико-технологический колледж»", [], manager="Смирнов С. С.",
                                     lines=[doc]))


# builder, the column header of the long table, what its last page must show of it, the signer
DOCS = {
    "plan": (_plan, "Способ определения поставщика", "Итого по источникам", "Контрактный управляющий"),
    "budget": (_budget, "Поставщик", "Директор", "Контрактный управляющий"),
    "nmck": (_nmck, "ОКПД2 / КТРУ", "Итого НМЦК закупки", "Контрактный управляющий"),
}


@pytest.mark.parametrize("kind", list(DOCS))
def test_headers_rows_and_signatures_share_pages(kind, tmp_path):
    build, head, closing, signer = DOCS[kind]
    build(tmp_path / "long.pdf", 120)
    pages = page_texts(tmp_path / "long.pdf")
    # the pages a row first appears on; the lengths around each page end where the long table (the
    # plan's lines, the budget's contracts, the НМЦК's total by position) runs on
    ends = sorted({max(_rows_on(p)) for p in pages if _rows_on(p)})[:3]
    lengths = sorted({1, 2, 3} | {n for e in ends for n in range(e - 8, e + 3, 2) if n >= 1})
    for n in lengths:
        path = tmp_path / f"{kind}-{n}.pdf"
        build(path, n)
        pages = page_texts(path)
        where = f"{kind}: {n} rows, {len(pages)} pages"
        last = pages[-1]
        assert closing in last and signer in last and "(подпись)" in last, where
        assert all(signer not in page for page in pages[:-1]) or kind == "plan", where
        for i, page in enumerate(pages):
            # a column header at most once a page (no chunk boundary mid-page) and never without rows
            assert page.count(head) <= 1, (where, i + 1)
            if head in page:
                assert _rows_on(page) or "Итого" in page, (where, i + 1)
        # the signatures with the last rows of the document's last table
        if kind == "nmck":  # the total by position: its last row
            assert re.search(rf"Строка {n:04d} весы аналитические 26\.51\.32\.110", last), where
        elif kind == "plan":  # the summary by funding source ends the plan
            assert re.search(r"Грант [\d ]+,00 Итого по источникам", last), where
        else:
            assert n in _rows_on(last), where
        # every row printed once, in order (the НМЦК prints a position in its section and in the total)
        seen = [r for p in pages for r in _rows_on(p)]
        if kind != "nmck":
            assert seen == list(range(1, n + 1)), where
