"""Issue 16, printing: where the platform spools PDF itself (CUPS on Linux/macOS) the document goes to the
printer as it is — vector, not page images. ``lp`` here is a real process: a stand-in on PATH that
records its arguments and keeps a copy of the file it was given, as CUPS's spooler would. The printer
is the one a print dialog returns; this machine has no CUPS queue, so the test's printer answers as a
queue would (its name, native output, duplex) — everything else runs for real."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow
from reportlab.lib.pagesizes import A3, A4, landscape

from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops, printing
from tests.ui.test_print import _pdf

FAKE_LP = """#!{python}
import json, os, shutil, sys
spool = os.environ["FAKE_LP_SPOOL"]
n = len(os.listdir(spool)) // 2 + 1
if os.environ.get("FAKE_LP_REFUSE"):
    print("lp: The printer or class does not exist.", file=sys.stderr)
    sys.exit(1)
with open(os.path.join(spool, f"job{{n}}.json"), "w") as f:
    json.dump(sys.argv, f)
shutil.copyfile(sys.argv[-1], os.path.join(spool, f"job{{n}}.pdf"))
print(f"request id is Kab201-{{n}} (1 file(s))")
"""


class QueuePrinter(QPrinter):
    """A printer as the print dialog returns it for a CUPS queue (none is installed on the test machine)."""

    def __init__(self, name: str, duplex=QPrinter.DuplexMode.DuplexNone):
        super().__init__(QPrinter.PrinterMode.HighResolution)
        self._name, self._duplex = name, duplex

    def printerName(self) -> str:  # noqa: N802
        return self._name

    def outputFormat(self):  # noqa: N802
        return QPrinter.OutputFormat.NativeFormat

    def duplex(self):
        return self._duplex


@pytest.fixture
def spool(tmp_path, monkeypatch):
    bindir, spool = tmp_path / "bin", tmp_path / "spool"
    bindir.mkdir()
    spool.mkdir()
    lp = bindir / "lp"
    lp.write_text(FAKE_LP.format(python=sys.executable), encoding="utf-8")
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(bindir) + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setenv("FAKE_LP_SPOOL", str(spool))
    monkeypatch.delenv("CHEMCLUSTER_PRINT_ROUTE", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    return spool


@pytest.fixture
def window(qtbot):
    w = QMainWindow()
    qtbot.addWidget(w)
    w.resize(600, 400)
    w.show()
    qtbot.waitExposed(w)
    return w


def _jobs(spool: Path) -> list[list[str]]:
    return [json.loads(p.read_text()) for p in sorted(spool.glob("job*.json"))]


def _options(argv: list[str]) -> list[str]:
    return [argv[i + 1] for i, a in enumerate(argv) if a == "-o"]


def test_the_pdf_goes_to_cups_as_it_is_with_the_dialogs_choices(window, spool, tmp_path):
    from chemcluster_desktop.ui.dialogs.pdf_preview import PdfPreviewDialog

    src = _pdf(tmp_path / "Опись.pdf", [landscape(A4)] * 5)
    printer = QueuePrinter("Kab201", QPrinter.DuplexMode.DuplexLongSide)
    printer.setCopyCount(2)
    printer.setFromTo(2, 4)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    assert printing.route_for(printer) == printing.ROUTE_VECTOR
    dlg = PdfPreviewDialog(src, "Опись", window)
    task = dlg.print_(printer)
    assert task is not None and "CUPS" in task.title  # the progress names the route
    assert ops.wait_all(60000)
    [argv] = _jobs(spool)
    assert Path(argv[0]).name == "lp"
    assert argv[argv.index("-d") + 1] == "Kab201" and argv[argv.index("-n") + 1] == "2"
    assert argv[argv.index("-t") + 1] == "Опись" and argv[-2:] == ["--", str(src)]
    assert sorted(_options(argv)) == ["collate=true", "media=A4", "page-ranges=2-4", "print-color-mode=monochrome",
                                      "sides=two-sided-long-edge"]
    assert not any("orientation" in o for o in _options(argv))  # each page's own orientation (pdftopdf)
    # the spooler got the document itself: the same bytes, text still text, not page images
    sent = spool / "job1.pdf"
    assert sent.read_bytes() == src.read_bytes()
    page = pypdf.PdfReader(sent).pages[0]
    assert "Inventory number" in page.extract_text() and "/XObject" not in page["/Resources"]
    msg = window.statusBar().currentMessage()
    assert "3 стр." in msg and "Kab201-1" in msg and "CUPS" in msg
    dlg.close()


def test_duplex_auto_binds_a_landscape_document_on_the_short_edge_and_a3_is_a3(qapp, spool, tmp_path):
    src = _pdf(tmp_path / "plan.pdf", [landscape(A3), A4])
    res = printing.spool_file(src, printing.spool_job(QueuePrinter("Kab201", QPrinter.DuplexMode.DuplexAuto)))
    assert res.route == printing.ROUTE_VECTOR and res.pages == 2 and res.job == "Kab201-1"
    [argv] = _jobs(spool)
    assert "sides=two-sided-short-edge" in _options(argv) and "media=A3" in _options(argv)
    assert not any(o.startswith("page-ranges") for o in _options(argv))  # all pages


def test_the_spoolers_refusal_is_reported_in_words(qapp, spool, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_LP_REFUSE", "1")
    src = _pdf(tmp_path / "x.pdf", [A4])
    with pytest.raises(ServiceError, match="Kab999.*does not exist"):
        printing.spool_file(src, printing.spool_job(QueuePrinter("Kab999")))
    job = printing.spool_job(QueuePrinter("Kab201"))
    with pytest.raises(ServiceError, match="нет страниц"):
        printing.spool_file(src, printing.SpoolJob(**{**job.__dict__, "first": 3, "last": 4}))
    assert _jobs(spool) == []


def test_raster_route_on_windows_for_a_file_and_when_asked(window, spool, tmp_path, monkeypatch):
    src = _pdf(tmp_path / "list.pdf", [A4] * 2)
    assert printing.route_for(QueuePrinter("Kab201")) == printing.ROUTE_VECTOR
    file_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    file_printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    file_printer.setOutputFileName(str(tmp_path / "out.pdf"))
    assert printing.route_for(file_printer) == printing.ROUTE_RASTER  # a PDF file is painted, as before
    monkeypatch.setenv("CHEMCLUSTER_PRINT_ROUTE", "raster")
    assert printing.route_for(QueuePrinter("Kab201")) == printing.ROUTE_RASTER
    monkeypatch.delenv("CHEMCLUSTER_PRINT_ROUTE")
    monkeypatch.setattr(sys, "platform", "win32")  # Windows' spooler takes no PDF
    assert printing.route_for(QueuePrinter("Kab201")) == printing.ROUTE_RASTER
    assert "dpi" in printing.route_note(printing.ROUTE_RASTER)
    task = printing.start_print(window, src, file_printer)
    assert "dpi" in task.title and ops.wait_all(120000)
    assert len(pypdf.PdfReader(tmp_path / "out.pdf").pages) == 2 and _jobs(spool) == []
    assert "300 dpi" in window.statusBar().currentMessage()


def test_without_lp_the_raster_route_is_used(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp, no lpr
    monkeypatch.setattr(sys, "platform", "linux")
    assert printing.spooler() is None and printing.route_for(QueuePrinter("Kab201")) == printing.ROUTE_RASTER


def test_lpr_where_lp_is_missing(qapp, spool, tmp_path, monkeypatch):
    lp = Path(os.environ["PATH"].split(os.pathsep)[0]) / "lp"
    lp.rename(lp.with_name("lpr"))
    monkeypatch.setenv("PATH", str(lp.parent))  # only the stand-in: a machine with CUPS has a real lp too
    src = _pdf(tmp_path / "y.pdf", [A4])
    printer = QueuePrinter("Kab201")
    printer.setCopyCount(3)
    res = printing.spool_file(src, printing.spool_job(printer, "Опись"))
    [argv] = _jobs(spool)
    assert Path(argv[0]).name == "lpr" and argv[argv.index("-P") + 1] == "Kab201"
    assert argv[argv.index("-#") + 1] == "3" and argv[argv.index("-T") + 1] == "Опись" and argv[-1] == str(src)
    assert res.pages == 1
