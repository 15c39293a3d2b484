"""Printing a PDF without freezing the window.

The program's documents are PDF files. Two routes lead to the printer (:func:`route_for` chooses):

* **the PDF as it is (vector)** — on Linux and macOS, where CUPS takes a PDF job itself: the file goes
  to the spooler with ``lp`` (``lpr`` where only that exists), to the printer the print dialog chose
  (its name is CUPS's queue name, as QPrinterInfo lists it), with its copies, collation, duplex, page
  range and black-and-white setting as ``lp`` options, and the document's paper as ``media``. The
  orientation comes from each page itself: CUPS's ``pdftopdf`` filter turns a landscape page onto the
  paper on its own («autorotation», https://wiki.debian.org/CUPSPdfToPdf), so no ``orientation-requested``
  is sent (it would turn every page, portrait ones too). Text stays text: nothing is rasterised, the job
  is the file's size, and it is handed over in well under a second (module :mod:`bench.measure_print`);
* **page images (raster)** — on Windows (its spooler takes no PDF), to a PDF file, when neither ``lp``
  nor ``lpr`` is installed, or when ``CHEMCLUSTER_PRINT_ROUTE=raster`` is set: QtPdf renders the pages and
  they are painted onto a ``QPrinter``. This route

* renders each page at most at ``MAX_DPI`` (300 dpi; a 600/1200 dpi printer gets 4–16× fewer pixels
  than it would at its own resolution and a printed table is as legible), in bands (see
  :func:`_paint_page`), grayscale when the printer is set to black-and-white (the print dialog's
  default for a document whose first page has no real colour: :func:`default_printer`) or the page
  has no colour at all;
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
import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRect, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from chemcluster_desktop.services.errors import ServiceError

MAX_DPI = 300
ROUTE_VECTOR, ROUTE_RASTER = "vector", "raster"
SPOOL_TIMEOUT_S = 120  # lp copies the file into the spool and returns; a hung spooler is reported
BAND_PIXELS = 1_000_000  # pixels rendered and drawn per call (see _paint_page)


def _t(s: str) -> str:
    return QCoreApplication.translate("Printing", s)


@dataclass
class PrintResult:
    pages: int                 # pages sent (0 when cancelled)
    output: Path | None        # the PDF file written, when the printer prints to a file
    cancelled: bool = False
    dpi: int = 0               # the raster route's resolution; 0 for the PDF sent as it is
    route: str = ROUTE_RASTER
    job: str = ""              # the spooler's job id («Kab201-17»), vector route


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


def page_pixels(doc: QPdfDocument, index: int, dpi: int) -> QSize:
    size = doc.pagePointSize(index)
    return QSize(max(1, round(size.width() * dpi / 72)), max(1, round(size.height() * dpi / 72)))


def page_image(doc: QPdfDocument, index: int, dpi: int, gray: bool = False) -> QImage:
    """One page as an image at ``dpi`` on white paper (QtPdf leaves the background transparent);
    grayscale when ``gray`` or when it has no colour at all."""
    return _render_page(doc, index, page_pixels(doc, index, dpi), gray)


CHROMA_MAX = 48  # max(R,G,B) − min(R,G,B) still printed as grey: the grey-blue rules and footers of the
                 # program's lists (#607d8b: 43); the accent blue (#1f6fb2: 147) or a red mark is colour


def looks_black_and_white(img: QImage) -> bool:
    """No pixel with a colour stronger than a grey-blue rule (checked on a ≤ 300 px wide copy)."""
    small = img.scaledToWidth(min(img.width(), 300)).convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(small.constBits())[: small.sizeInBytes()]
    b, g, r = data[0::4], data[1::4], data[2::4]
    return all(max(x, y, z) - min(x, y, z) <= CHROMA_MAX for x, y, z in zip(r, g, b, strict=True))


def _render_page(doc: QPdfDocument, index: int, px: QSize, gray: bool) -> QImage:
    """The whole page at ``px`` on white paper (QtPdf leaves the background transparent), rendered band
    by band (see :func:`_paint_page`); an 8-bit grayscale image when ``gray`` (each band converted on
    its own: the whole page at once held the interpreter lock ~0.12 s) or when no band has colour."""
    page = QImage(px, QImage.Format.Format_Grayscale8 if gray else QImage.Format.Format_RGB32)
    page.fill(0xFFFFFFFF)
    p = QPainter(page)
    step = max(16, BAND_PIXELS // px.width())
    all_gray = True
    for top in range(0, px.height(), step):
        h = min(step, px.height() - top)
        opts = QPdfDocumentRenderOptions()
        opts.setScaledSize(px)
        opts.setScaledClipRect(QRect(0, top, px.width(), h))
        band = QImage(px.width(), h, QImage.Format.Format_RGB32)
        band.fill(0xFFFFFFFF)
        bp = QPainter(band)
        bp.drawImage(0, 0, doc.render(index, QSize(px.width(), h), opts))
        bp.end()
        if gray:
            band = band.convertToFormat(QImage.Format.Format_Grayscale8)
        else:
            all_gray = all_gray and band.allGray()
        p.drawImage(0, top, band)
    p.end()
    if not gray and all_gray:
        page = page.convertToFormat(QImage.Format.Format_Grayscale8)
    return page


def seams(img: QImage, step: int) -> list[int]:
    """Where to cut a page image into bands of about ``step`` rows: at a row equal to the one above it
    (blank paper, or only the table's vertical rules), so that a viewer or driver rounding each band
    to its own pixels cannot cut through a line of text. Returns the band tops and the height."""
    bpl, h = img.bytesPerLine(), img.height()
    data = bytes(img.constBits())[: bpl * h]

    def plain(y: int) -> bool:
        return data[y * bpl:(y + 1) * bpl] == data[(y - 1) * bpl:y * bpl]

    cuts, y = [0], step
    while y < h:
        cut = next((c for d in range(step // 2) for c in (y - d, y + d) if 0 < c < h and plain(c)), y)
        cuts.append(cut)
        y = cut + step
    return [*cuts, h]


def _paint_page(painter: QPainter, printer: QPrinter, doc: QPdfDocument, index: int, dpi: int,
                cancelled: Callable[[], bool] | None) -> bool:
    """One page fitted into the printable area, centred, keeping its proportions. Rendered and drawn in
    bands of about ``BAND_PIXELS``: every call into Qt holds Python's interpreter lock while it runs, and
    a whole 300 dpi page at once (render ~0.2 s, PDF compression ~0.5 s) stopped the window's Python code
    that long; in bands the longest pause is a few tens of milliseconds."""
    px = page_pixels(doc, index, dpi)
    img = _render_page(doc, index, px, printer.colorMode() == QPrinter.ColorMode.GrayScale)
    area = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
    scale = min(area.width() / px.width(), area.height() / px.height())
    x0 = area.x() + (area.width() - px.width() * scale) / 2
    y0 = area.y() + (area.height() - px.height() * scale) / 2
    cuts = seams(img, max(16, BAND_PIXELS // px.width()))
    for top, bottom in itertools.pairwise(cuts):
        if cancelled is not None and cancelled():
            return False
        band = img.copy(0, top, px.width(), bottom - top)
        painter.drawImage(QRectF(x0, y0 + top * scale, px.width() * scale, (bottom - top) * scale), band)
    return True


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
    return PrintResult(len(pages), Path(target) if target else None, dpi=dpi, route=ROUTE_RASTER)


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
        if not _paint_page(painter, printer, doc, i, dpi, cancelled):
            printer.abort()
            return False
        if progress is not None:
            progress(k + 1, len(pages), _t("Печать: страница {0} из {1}").format(k + 1, len(pages)))
    return True


def _discard(path: str) -> None:
    if path:
        with contextlib.suppress(OSError):
            os.remove(path)


# --- the vector route: the PDF to CUPS as it is -----------------------------------------------------------
@dataclass(frozen=True)
class SpoolJob:
    """What the print dialog chose, in the terms of ``lp``."""
    printer: str
    copies: int = 1
    collate: bool = True
    duplex: QPrinter.DuplexMode = QPrinter.DuplexMode.DuplexNone
    first: int = 0             # 1-based page range; 0, 0 = all pages
    last: int = 0
    gray: bool = False
    title: str = ""


def spooler() -> str | None:
    """``lp`` or ``lpr`` when this platform spools PDF jobs itself (CUPS: Linux, macOS), else None."""
    if sys.platform == "win32" or os.environ.get("CHEMCLUSTER_PRINT_ROUTE", "").lower() == ROUTE_RASTER:
        return None
    return shutil.which("lp") or shutil.which("lpr")


def route_for(printer: QPrinter) -> str:
    """The vector route for a real printer where CUPS spools PDF; the raster route for a PDF file, on
    Windows, without ``lp``/``lpr``, or when ``CHEMCLUSTER_PRINT_ROUTE=raster``."""
    native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and bool(printer.printerName())
    return ROUTE_VECTOR if native and spooler() is not None else ROUTE_RASTER


def spool_job(printer: QPrinter, title: str = "") -> SpoolJob:
    return SpoolJob(printer=printer.printerName(), copies=max(1, printer.copyCount()),
                    collate=printer.collateCopies(), duplex=printer.duplex(),
                    first=printer.fromPage(), last=printer.toPage(),
                    gray=printer.colorMode() == QPrinter.ColorMode.GrayScale, title=title)


def _media(size_pt: QSizeF) -> str:
    """CUPS's name of the document's paper: A4, A3, Letter …, or Custom.WxH (points)."""
    layout = page_layout_for(size_pt)
    key = layout.pageSize().key() if layout.pageSize().id() != QPageSize.PageSizeId.Custom else ""
    if key and " " not in key:
        return key
    w, h = sorted((size_pt.width(), size_pt.height()))
    return f"Custom.{round(w)}x{round(h)}"


def _sides(job: SpoolJob, landscape: bool) -> str:
    d = QPrinter.DuplexMode
    if job.duplex == d.DuplexAuto:  # the binding edge follows the document: long for portrait pages
        return "two-sided-short-edge" if landscape else "two-sided-long-edge"
    return {d.DuplexLongSide: "two-sided-long-edge", d.DuplexShortSide: "two-sided-short-edge"}.get(
        job.duplex, "one-sided")


def spool_command(job: SpoolJob, pdf_path: str | Path, first_page_pt: QSizeF, tool: str) -> list[str]:
    """The ``lp`` (or ``lpr``) command line for ``job``."""
    landscape = first_page_pt.width() > first_page_pt.height()
    options = [f"media={_media(first_page_pt)}", f"sides={_sides(job, landscape)}",
               f"collate={'true' if job.collate else 'false'}"]
    if job.first or job.last:
        options.append(f"page-ranges={job.first or 1}-{job.last or job.first}")
    if job.gray:
        options.append("print-color-mode=monochrome")
    opts = [x for o in options for x in ("-o", o)]
    if Path(tool).name == "lpr":
        return [tool, "-P", job.printer, "-#", str(job.copies), "-T", job.title or Path(pdf_path).stem, *opts,
                str(pdf_path)]
    return [tool, "-d", job.printer, "-n", str(job.copies), "-t", job.title or Path(pdf_path).stem, *opts,
            "--", str(pdf_path)]


def spool_file(pdf_path: str | Path, job: SpoolJob, *, cancelled: Callable[[], bool] | None = None) -> PrintResult:
    """Hand ``pdf_path`` to CUPS as it is. The page range is checked against the document first; the
    spooler's refusal is reported in its own words."""
    doc = _open(pdf_path)
    count = doc.pageCount()
    first, last = max(1, job.first or 1), min(count, job.last or count)
    if first > last:
        raise ServiceError(_t("В выбранном диапазоне нет страниц (в документе {0}).").format(count))
    tool = spooler()
    if tool is None:
        raise ServiceError(_t("Команда печати lp не найдена: установите CUPS или печатайте через изображения страниц."))
    cmd = spool_command(job, pdf_path, doc.pagePointSize(first - 1), tool)
    if cancelled is not None and cancelled():
        return PrintResult(0, None, cancelled=True, route=ROUTE_VECTOR)
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=SPOOL_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ServiceError(_t("Принтер «{0}»: задание не передано ({1}).").format(job.printer, e)) from e
    if run.returncode != 0:
        why = (run.stderr or run.stdout).strip().splitlines()
        raise ServiceError(_t("Принтер «{0}»: задание не принято: {1}").format(
            job.printer, why[-1] if why else run.returncode))
    words = run.stdout.split()  # «request id is Kab201-17 (1 file(s))»
    jid = words[words.index("is") + 1] if "is" in words[:-1] else ""
    return PrintResult(last - first + 1, None, route=ROUTE_VECTOR, job=jid)


def route_note(route: str) -> str:
    """One line for the person: how the document goes to the printer."""
    if route == ROUTE_VECTOR:
        return _t("PDF передаётся принтеру как есть (CUPS): печать векторная, текст не растрируется")
    return _t("Страницы печатаются изображениями {0} dpi (в этой системе PDF нельзя передать принтеру как есть)"
              ).format(MAX_DPI)


def default_route() -> str:
    """The route for the system's default printer (what the preview says before the dialog)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return ROUTE_VECTOR if QPrinterInfo.defaultPrinterName() and spooler() is not None else ROUTE_RASTER


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
    if looks_black_and_white(page_image(doc, 0, 50)):
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
    route = route_for(printer)
    job = spool_job(printer, path.stem) if route == ROUTE_VECTOR else None

    def work(task):
        if job is not None:
            task.progress(0, 0, route_note(ROUTE_VECTOR))
            return spool_file(path, job, cancelled=task.is_cancelled)
        return print_file(path, printer, progress=task.progress, cancelled=task.is_cancelled)

    def done(res: PrintResult) -> None:
        _ = printer  # the printer lives as long as the job
        if res.cancelled:
            text = _t("Печать отменена: на принтер ничего не отправлено.")
        elif res.route == ROUTE_VECTOR:
            text = _t("Отправлено на печать: {0} стр., PDF как есть (CUPS, задание {1}).").format(
                res.pages, res.job or "—")
        else:
            text = _t("Отправлено на печать: {0} стр., изображениями {1} dpi.").format(res.pages, res.dpi)
        ops.show_status(parent, text)
        if on_done is not None:
            on_done(res)

    title = _t("Печать «{0}» — PDF как есть (CUPS)") if route == ROUTE_VECTOR else \
        _t("Печать «{0}» — изображения страниц, {1} dpi")
    return ops.run_task(parent, title.format(path.stem, render_dpi(printer)), work, on_done=done)
