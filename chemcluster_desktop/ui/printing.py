"""Printing a PDF without freezing the window.

The program's documents are PDF files; a printer gets them as page images (QtPdf renders them;
Qt has no vector path from a PDF to a Windows or CUPS printer). This module

* renders each page at most at ``MAX_DPI`` (300 dpi; a 600/1200 dpi printer gets 4–16× fewer pixels
  than it would at its own resolution and a printed table is as legible), grayscale where the page
  has no colour (a quarter of the data of a colour image);
* takes each page's paper size and orientation from the document (a landscape page prints landscape,
  an A3 page on A3 — the printer's driver falls back to its nearest paper if it has no A3);
* runs the whole job in a background task (:func:`chemcluster_desktop.ui.ops.run_task`): progress per
  page, «Отмена» stops after the current page and discards the job (``QPrinter.abort()``; a PDF file
  being printed is written under a temporary name and renamed only when complete, so a cancelled or
  failed job leaves no file behind).

Painting runs in the worker thread: «QPainter can be used in a thread to paint onto QImage, QPrinter,
and QPicture paint devices» (Qt 6, *Thread-Support in Qt Modules*, https://doc.qt.io/qt-6/threads-modules.html).
The worker opens its own ``QPdfDocument`` (QtPdf serialises the PDF library's calls internally), and
the ``QPrinter`` is not touched by the GUI thread while the job runs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from chemcluster_desktop.services.errors import ServiceError

MAX_DPI = 300


def _t(s: str) -> str:
    return QCoreApplication.translate("Printing", s)


@dataclass
class PrintResult:
    pages: int                 # pages sent (0 when cancelled)
    output: Path | None        # the PDF file written, when the printer prints to a file
    cancelled: bool = False
    dpi: int = 0


def page_layout_for(size_pt: QSizeF) -> QPageLayout:
    """The paper and orientation of one document page: a standard size (A4, A3 …) when the page is
    one within a point or two, otherwise a custom size; landscape when wider than tall."""
    w, h = size_pt.width(), size_pt.height()
    portrait = QSizeF(min(w, h), max(w, h))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def render_dpi(printer: QPrinter) -> int:
    return max(72, min(MAX_DPI, printer.resolution()))


def page_image(doc: QPdfDocument, index: int, dpi: int) -> QImage:
    """One page as an image at ``dpi`` on white paper (QtPdf leaves the background transparent);
    grayscale when it has no colour."""
    size = doc.pagePointSize(index)
    px = QSize(max(1, round(size.width() * dpi / 72)), max(1, round(size.height() * dpi / 72)))
    img = QImage(px, QImage.Format.Format_RGB32)
    img.fill(0xFFFFFFFF)
    p = QPainter(img)
    p.drawImage(0, 0, doc.render(index, px))
    p.end()
    if img.allGray():
        img = img.convertToFormat(QImage.Format.Format_Grayscale8)
    return img


def _paint(painter: QPainter, printer: QPrinter, img: QImage) -> None:
    """The image fitted into the printable area, centred, keeping its proportions."""
    area = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
    scale = min(area.width() / img.width(), area.height() / img.height())
    w, h = img.width() * scale, img.height() * scale
    painter.drawImage(QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h), img)


def _pages(doc: QPdfDocument, printer: QPrinter) -> list[int]:
    n = doc.pageCount()
    first = max(1, printer.fromPage() or 1)
    last = min(n, printer.toPage() or n)
    return list(range(first - 1, last))


def _open(pdf_path: str | Path) -> QPdfDocument:
    doc = QPdfDocument()
    err = doc.load(str(pdf_path))
    if err != QPdfDocument.Error.None_ or doc.pageCount() == 0:
        raise ServiceError(_t("Файл «{0}» не удалось открыть как PDF: печатать нечего.").format(Path(pdf_path).name))
    return doc


def print_file(pdf_path: str | Path, printer: QPrinter, *, progress: Callable[[int, int, str], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> PrintResult:
    """Print ``pdf_path`` on ``printer`` (its page range honoured). Runs in any thread; the caller must
    not use ``printer`` meanwhile. Returns what was printed; a cancelled job sends nothing and leaves
    no file."""
    doc = _open(pdf_path)
    pages = _pages(doc, printer)
    if not pages:
        raise ServiceError(_t("В выбранном диапазоне нет страниц (в документе {0}).").format(doc.pageCount()))
    dpi = render_dpi(printer)
    target = printer.outputFileName() if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat else ""
    part = f"{target}.part" if target else ""
    if part:
        printer.setOutputFileName(part)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout_for(doc.pagePointSize(pages[0])))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise ServiceError(_t("Принтер «{0}» не начал печать. Проверьте, что он включён и доступен.")
                               .format(printer.printerName() or target))
        complete = _print_pages(doc, pages, printer, painter, dpi, progress, cancelled)
        painter.end()
    except BaseException:
        if painter.isActive():
            printer.abort()
            painter.end()
        _discard(part)
        raise
    finally:
        if part:
            printer.setOutputFileName(target)
    if not complete:
        _discard(part)
        return PrintResult(0, None, cancelled=True, dpi=dpi)
    if part:
        os.replace(part, target)
    return PrintResult(len(pages), Path(target) if target else None, dpi=dpi)


def _print_pages(doc, pages, printer, painter, dpi, progress, cancelled) -> bool:
    for k, i in enumerate(pages):
        if cancelled is not None and cancelled():
            printer.abort()  # the spooled job is dropped (a PDF file: nothing more is written)
            return False
        if k:
            layout = page_layout_for(doc.pagePointSize(i))
            if not layout.isEquivalentTo(printer.pageLayout()):
                printer.setPageLayout(layout)  # takes effect on the new page
            printer.newPage()
        _paint(painter, printer, page_image(doc, i, dpi))
        if progress is not None:
            progress(k + 1, len(pages), _t("Печать: страница {0} из {1}").format(k + 1, len(pages)))
    return True


def _discard(path: str) -> None:
    if path:
        with contextlib.suppress(OSError):
            os.remove(path)


# --- the GUI side ------------------------------------------------------------------------------------
def default_printer(pdf_path: str | Path) -> tuple[QPrinter, int]:
    """The default printer set up for the document, as the print dialog first offers it: the first
    page's paper and orientation, all pages, and black-and-white when the first page has no colour
    (a black-and-white page is then a small grayscale image instead of a colour JPEG; the person can
    choose colour in the dialog). Returns the printer and the document's page count."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    doc = QPdfDocument()
    if doc.load(str(pdf_path)) != QPdfDocument.Error.None_ or not doc.pageCount():
        return printer, 0
    printer.setPageLayout(page_layout_for(doc.pagePointSize(0)))
    if page_image(doc, 0, 36).format() == QImage.Format.Format_Grayscale8:
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
    return printer, doc.pageCount()


def ask_printer(parent, pdf_path: str | Path) -> QPrinter | None:
    """The system print dialog, offering the document's page range and orientation; None if declined."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    printer, count = default_printer(pdf_path)
    dlg = QPrintDialog(printer, parent)
    if count:
        dlg.setMinMax(1, count)
    dlg.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    if dlg.printRange() != QPrintDialog.PrintRange.PageRange:
        printer.setFromTo(0, 0)  # all pages
    return printer


def start_print(parent, pdf_path: str | Path, printer: QPrinter | None = None, on_done=None):
    """Print in the background with progress and «Отмена». Without ``printer`` the system dialog is shown
    first. Returns the running task (``None`` when the person closed the dialog); ``on_done(PrintResult)``
    runs on the GUI thread when the job is over."""
    from chemcluster_desktop.ui import ops

    if printer is None:
        printer = ask_printer(parent, pdf_path)
        if printer is None:
            return None
    path = Path(pdf_path)

    def work(task):
        return print_file(path, printer, progress=task.progress, cancelled=task.is_cancelled)

    def done(res: PrintResult) -> None:
        _ = printer  # the printer lives as long as the job
        _status(parent, _t("Печать отменена: на принтер ничего не отправлено.") if res.cancelled
                else _t("Отправлено на печать: {0} стр.").format(res.pages))
        if on_done is not None:
            on_done(res)

    return ops.run_task(parent, _t("Печать «{0}»").format(path.stem), work, on_done=done)


def _status(parent, text: str) -> None:
    """The main window's status bar says how the job ended (the preview dialog is its child)."""
    try:
        w = parent
        while w is not None and not hasattr(w, "statusBar"):
            w = w.parentWidget()
        if w is not None:
            w.statusBar().showMessage(text, 8000)
    except RuntimeError:  # the window is gone
        pass
