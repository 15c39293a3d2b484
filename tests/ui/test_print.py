"""Issue 16, printing: a document prints from a background task with progress and «Отмена», the window's
event loop keeps running meanwhile, pages come out at 300 dpi (not the printer's 1200) in the paper
size and orientation of the document's own pages, and a cancelled job leaves no file. The printer is a
PDF-file QPrinter; its output is read back with pypdf and QtPdf."""

from __future__ import annotations

import threading
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QPushButton
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops, printing


def _pdf(path: Path, sizes, colour: bool = False) -> Path:
    c = canvas.Canvas(str(path))
    for n, size in enumerate(sizes, 1):
        c.setPageSize(size)
        c.setFont("Helvetica", 11)
        if colour:
            c.setFillColorRGB(0.8, 0.1, 0.1)
        for y in range(60, int(size[1]) - 60, 14):
            c.drawString(60, y, f"Page {n} line {y}: Inventory number 0101{y:05d} Microscope")
        c.showPage()
    c.save()
    return path


def _file_printer(out: Path, pdf: Path) -> QPrinter:
    printer, _count = printing.default_printer(pdf)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


@pytest.fixture
def window(qtbot):
    w = QMainWindow()
    qtbot.addWidget(w)
    w.resize(600, 400)
    w.show()
    qtbot.waitExposed(w)
    return w


def _mediaboxes(path: Path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pypdf.PdfReader(path).pages]


def test_pages_print_in_their_own_paper_and_orientation(window, tmp_path):
    src = _pdf(tmp_path / "mixed.pdf", [landscape(A4), A4, landscape(A3)])
    out = tmp_path / "printed.pdf"
    printer = _file_printer(out, src)
    assert printer.resolution() == 1200  # what the old code rendered at
    task = printing.start_print(window, src, printer)
    assert task is not None and ops.wait_all(120000)
    assert _mediaboxes(out) == [(842, 595), (595, 842), (1191, 842)]  # landscape A4, A4, landscape A3
    # each page is drawn in bands at 300 dpi, not the printer's 1200: A4 landscape is 3508 × 2480 pixels
    pixels = []
    for page in pypdf.PdfReader(out).pages:
        bands = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        assert len(bands) > 1 and {str(b["/ColorSpace"]) for b in bands} == {"/DeviceGray"}  # black-and-white
        assert len({int(b["/Width"]) for b in bands}) == 1
        pixels.append((int(bands[0]["/Width"]), sum(int(b["/Height"]) for b in bands)))
    assert pixels == [(3508, 2480), (2480, 3508), (4961, 3508)]
    assert "3" in window.statusBar().currentMessage()
    # the printed page shows the text on white paper (QtPdf's transparent background is not printed black)
    doc = QPdfDocument()
    doc.load(str(out))
    img = doc.render(0, QSize(421, 298))
    assert QColor(img.pixel(5, 5)).lightness() > 240 and QColor(img.pixel(5, 5)).alpha() == 255
    assert min(QColor(img.pixel(x, y)).lightness() for x in range(40, 300, 3) for y in range(250, 270)) < 128


def test_colour_page_stays_colour_and_page_range_is_honoured(window, tmp_path):
    src = _pdf(tmp_path / "colour.pdf", [A4, A4, A4], colour=True)
    out = tmp_path / "two.pdf"
    printer = _file_printer(out, src)
    assert printer.colorMode() == QPrinter.ColorMode.Color
    printer.setFromTo(2, 3)
    printing.start_print(window, src, printer)
    assert ops.wait_all(120000)
    assert _mediaboxes(out) == [(595, 842), (595, 842)]


def test_window_keeps_running_while_it_prints(window, qtbot, tmp_path):
    src = _pdf(tmp_path / "long.pdf", [A4] * 12)
    out = tmp_path / "long-printed.pdf"
    task = printing.start_print(window, src, _file_printer(out, src))
    seen: list[int] = []
    task.progressed.connect(lambda done, _total, _text: seen.append(done))
    ticks_while_printing = []
    timer = QTimer(window)
    timer.setInterval(15)
    timer.timeout.connect(lambda: ticks_while_printing.append(1) if not task.done.is_set() else None)
    timer.start()
    assert ops.wait_all(180000)
    timer.stop()
    assert len(ticks_while_printing) >= 3  # the GUI thread's event loop ran during the print
    assert seen and seen[-1] == 12 and seen == sorted(seen)  # progress page by page
    assert len(pypdf.PdfReader(out).pages) == 12


def test_cancel_stops_the_job_and_leaves_no_file(window, qtbot, tmp_path, monkeypatch):
    src = _pdf(tmp_path / "long.pdf", [A4] * 40)
    out = tmp_path / "cancelled.pdf"
    # the worker holds at its second page until «Отмена» is pressed (plain pages print so fast that
    # on a quiet machine all 40 were done before the click arrived)
    gate, calls, paint = threading.Event(), [], printing._paint_page

    def held_paint(*a, **k):
        calls.append(1)
        if len(calls) == 2:
            gate.wait(30)
        return paint(*a, **k)

    monkeypatch.setattr(printing, "_paint_page", held_paint)
    task = printing.start_print(window, src, _file_printer(out, src))
    pages: list[int] = []
    task.progressed.connect(lambda done, _total, _text: pages.append(done))
    qtbot.waitUntil(lambda: bool(pages), timeout=60000)
    dialogs = window.findChildren(QProgressDialog)
    assert dialogs, "the print shows a progress dialog with «Отмена»"
    qtbot.mouseClick(dialogs[0].findChild(QPushButton), Qt.MouseButton.LeftButton)  # «Отмена»
    gate.set()
    assert ops.wait_all(60000)
    assert max(pages) < 40  # stopped, not run to the end
    assert not out.exists() and not Path(f"{out}.part").exists()
    assert list(tmp_path.glob("cancelled*")) == []
    assert "отменена" in window.statusBar().currentMessage()


def test_a_file_that_is_not_a_pdf_is_refused_in_words(qapp, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    with pytest.raises(ServiceError, match="bad.pdf"):
        printing.print_file(bad, printer)
    assert not (tmp_path / "x.pdf").exists()


def test_preview_dialog_prints_in_the_background(window, tmp_path):
    from chemcluster_desktop.ui.dialogs.pdf_preview import PdfPreviewDialog

    src = _pdf(tmp_path / "list.pdf", [landscape(A4)] * 2)
    dlg = PdfPreviewDialog(src, "Опись", window)
    out = tmp_path / "from-preview.pdf"
    task = dlg.print_(_file_printer(out, src))
    assert task is not None and ops.wait_all(120000)
    assert _mediaboxes(out) == [(842, 595), (842, 595)]
    dlg.close()


def test_grey_blue_rules_count_as_black_and_white_but_the_accent_blue_does_not(qapp, tmp_path):
    """The program's lists have grey-blue headers and footers (#607d8b): printed as grayscale by default;
    a page with the accent blue (#1f6fb2) keeps colour."""
    for rgb, gray in (((0x60, 0x7D, 0x8B), True), ((0x1F, 0x6F, 0xB2), False)):
        path = tmp_path / f"{rgb[0]}.pdf"
        c = canvas.Canvas(str(path), pagesize=A4)
        c.setFillColorRGB(*(v / 255 for v in rgb))
        c.setStrokeColorRGB(*(v / 255 for v in rgb))
        c.setFont("Helvetica", 10)
        c.drawString(60, 800, "ГБПОУ header line")
        c.line(60, 790, 530, 790)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(60, 700, "Body text")
        c.showPage()
        c.save()
        printer, count = printing.default_printer(path)
        assert count == 1
        assert (printer.colorMode() == QPrinter.ColorMode.GrayScale) is gray, rgb


def test_bands_are_cut_where_a_row_repeats_the_one_above(qapp, tmp_path):
    """A band seam never goes through a line of text: it is placed at a row equal to the row above."""
    src = _pdf(tmp_path / "one.pdf", [A4])
    doc = QPdfDocument()
    doc.load(str(src))
    img = printing.page_image(doc, 0, 150)
    cuts = printing.seams(img, 200)
    assert cuts[0] == 0 and cuts[-1] == img.height() and cuts == sorted(cuts) and len(cuts) > 3
    bpl = img.bytesPerLine()
    data = bytes(img.constBits())
    for y in cuts[1:-1]:
        assert data[y * bpl:(y + 1) * bpl] == data[(y - 1) * bpl:y * bpl]
