"""The reports centre over the demo database: every document kind generated through the page,
previewed inside the program, saved and printed (to a PDF printer); bad filters shown in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from chemcluster_desktop.services import printing
from chemcluster_desktop.ui import ops
from tests.cluster.helpers import PLAIN_SHEETS, check_pdf


@pytest.fixture
def reports_page(demo_window, qtbot):
    page = demo_window.show_page("reports")
    qtbot.waitExposed(page)
    return page


def _build(page, qtbot, kind: str, **filters):
    page.select_kind(kind)
    for k, v in filters.items():
        page.set_filter(k, v)
    page.result = None
    qtbot.mouseClick(page.preview_btn, Qt.MouseButton.LeftButton)
    ops.wait_all(60000)
    qtbot.waitUntil(lambda: page.result is not None or page.error.isVisible(), timeout=60000)
    return page.result


@pytest.mark.parametrize("kind", printing.KINDS)
def test_every_kind_through_reports_centre(kind, reports_page, qtbot, tmp_path):
    page = reports_page
    assert page.list.count() == len(printing.KINDS)
    res = _build(page, qtbot, kind)
    assert res is not None, page.error.text()
    plain = kind in PLAIN_SHEETS
    _text, pages = check_pdf(res.path, printing.title(kind), footer=not plain, title_in_text=not plain)
    assert res.pages == pages
    qtbot.waitUntil(lambda: page.doc.pageCount() == pages, timeout=5000)
    assert page.save_btn.isEnabled() and page.print_btn.isEnabled()
    saved = page.on_save(str(tmp_path / "copy"))
    assert saved is not None and saved.suffix == ".pdf" and saved.stat().st_size > 1000


def test_filters_print_and_errors(reports_page, qtbot, tmp_path):
    page = reports_page
    page.select_kind("kpi")
    assert "period" in page.filter_widgets
    combo = page.filter_widgets["period"]
    assert combo.findData("2025") >= 0
    res = _build(page, qtbot, "kpi", period="2025")
    text, _ = check_pdf(res.path, printing.title("kpi"))
    assert "Отчётный период: 2025" in text

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert page.on_print(printer) is not None  # printing runs in the background
    assert ops.wait_all(60000)
    assert out.stat().st_size > 1000

    dlg = page.on_open_dialog()
    assert dlg is not None and dlg.doc.pageCount() == res.pages
    dlg.close()

    res = _build(page, qtbot, "kpi", period="2099")
    assert res is None
    assert page.error.isVisible() and "не существует" in page.error.text()


def test_class_filter_sets_its_school(reports_page, qtbot):
    page = reports_page
    page.select_kind("schedule")
    cls = page.filter_widgets["class_"]
    assert cls.count() > 1
    cls.setCurrentIndex(1)
    page._class_chosen(1)
    school = cls.itemText(1).split(" — ", 1)[1]
    assert page.filter_value("school") == school
    res = _build(page, qtbot, "schedule")
    assert res is not None, page.error.text()
    text, _ = check_pdf(res.path, printing.title("schedule"))
    assert cls.itemData(1) in text
