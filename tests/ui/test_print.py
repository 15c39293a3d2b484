"""Issue 16, printing: a document prints from a background task with progress and «Отмена», the window's
event loop keeps running meanwhile, pages come out at 300 dpi (not the printer's 1200) in the paper
size and orientation of the document's own pages, and a cancelled job leaves no file. The printer is a
PDF-file QPrinter; its output is read back with pypdf and QtPdf."""

from __future__ import annotations

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
    reader = pypdf.PdfReader(out)
    images = [next(iter(p["/Resources"]["/XObject"].values())).get_object() for p in reader.pages]
    # 300 dpi, not the printer's 1200: A4 landscape is 3508 × 2480 pixels
    assert [(int(i["/Width"]), int(i["/Height"])) for i in images] == [(3508, 2480), (2480, 3508), (4961, 3508)]
    assert {str(i["/ColorSpace"]) for i in images} == {"/DeviceGray"}  # a black-and-white document
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


def test_cancel_stops_the_job_and_leaves_no_file(window, qtbot, tmp_path):
    src = _pdf(tmp_path / "long.pdf", [A4] * 40)
    out = tmp_path / "cancelled.pdf"
    task = printing.start_print(window, src, _file_printer(out, src))
    pages: list[int] = []
    task.progressed.connect(lambda done, _total, _text: pages.append(done))
    qtbot.waitUntil(lambda: bool(pages), timeout=60000)
    dialogs = window.findChildren(QProgressDialog)
    assert dialogs, "the print shows a progress dialog with «Отмена»"
    qtbot.mouseClick(dialogs[0].findChild(QPushButton), Qt.MouseButton.LeftButton)  # «Отмена»
    assert ops.wait_all(60000)
    assert max(pages) < 40  # stopped, not run to the end
    assert not out.exists() and not Path(f"{out}.part").exists()
    assert list(tmp_path.glob("cancelled*")) == []
    assert "отменена" in window.statusBar().currentMessage()


def test_a_file_that_is_not_a_pdf_is_refused_in_words(tmp_path):
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
