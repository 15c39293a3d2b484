"""Printing the 10,000-row inventory list (the central store, 318 pages) to a PDF printer.

Program side, in a child process of its own (``python -m bench.measure_print CHILD …``): the list is
built as the program builds it (``services.printing.build("inventory", …)``), then printed through the
program's print path (``ui.printing.print_file``, a worker thread, the printer set up as the print
dialog first offers it: ``ui.printing.default_printer``) to a ``QPrinter`` with ``PdfFormat`` output on
the offscreen platform. The GUI thread meanwhile runs its event loop with a 10 ms timer: the longest
gap between two ticks is how long the window would have stood still. Peak memory is the child's own
(``VmHWM``; ``ru_maxrss`` from ``wait4`` as a cross-check: Qt's allocations are invisible to tracemalloc).

Baseline: LibreOffice headless converting an .xlsx of the same rows to PDF (``soffice --headless
--convert-to pdf``, whole process after a warm-up that creates its profile), its peak memory from
``wait4`` of the process tree it waits for. LibreOffice converts; it does not rasterise — the nearest
thing to «LibreOffice prints the same rows» that runs without a printer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import baselines
from bench.common import PY, Ctx, maxrss_mb, need, r4, ratio
from bench.measure_pdf import HEADER, _store_rows


def _wait4(cmd: list[str], env: dict, timeout: float, out_file: Path) -> tuple[float, int, float, str]:
    """Run ``cmd``; (wall seconds, exit code, peak RSS in MB from ``wait4`` — the process and the children
    it waited for, never less than this process's own peak at the fork —, its output)."""
    import threading

    with open(out_file, "w+", encoding="utf-8") as f:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, stdout=f, stderr=subprocess.STDOUT, text=True)
        killer = threading.Timer(timeout, p.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(p.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        f.seek(0)
        out = f.read()
    return wall, p.returncode, round(usage.ru_maxrss / 1024, 1), out


def _libreoffice(ctx: Ctx, rows) -> dict:
    if not baselines.soffice():
        return {"libreoffice": "not installed (apt-get install libreoffice-calc-nogui)"}
    xlsx = ctx.work / "print-rows.xlsx"
    baselines.write_xlsx(rows, HEADER, xlsx)
    profile = ctx.work / "lo-print-profile"
    tiny = ctx.work / "print-warmup.xlsx"
    baselines.write_xlsx(rows[:5], HEADER, tiny)
    baselines.libreoffice_convert(tiny, ctx.work / "lo-print-out", profile)
    cmd = [baselines.soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(ctx.work / "lo-print-out"), str(xlsx)]
    wall, code, rss, out = _wait4(cmd, {**os.environ, "HOME": str(profile)}, 600, ctx.work / "lo-print.log")
    pdf = ctx.work / "lo-print-out" / "print-rows.pdf"
    if code != 0 or not pdf.is_file():
        return {"libreoffice": f"failed: {out[-300:]}"}
    from pypdf import PdfReader

    return {"libreoffice": "measured", "libreoffice_s": r4(wall), "libreoffice_peak_mb": rss,
            "libreoffice_pages": len(PdfReader(str(pdf)).pages)}


def measure_print(ctx: Ctx) -> dict:
    need("chemcluster_desktop.ui.printing", "print_file")
    need("chemcluster_desktop.services.printing", "build")
    rows = _store_rows(ctx)
    lo = _libreoffice(ctx, rows)
    cmd = [PY, "-m", "bench.measure_print", "CHILD", str(ctx.db), ctx.names["store_room"], str(ctx.work)]
    wall, code, rss_children, out = _wait4(cmd, ctx.env("home-print"), 1200, ctx.work / "print-child.log")
    line = next((x for x in reversed(out.splitlines()) if x.startswith("PRINT ")), None)
    if code != 0 or line is None:
        raise RuntimeError(f"print child failed ({code}): {out[-800:]}")
    child = json.loads(line[6:])
    program = child["build_s"] + child["print_s"]
    res = {"program_s": r4(program), "rows": len(rows), **child, "child_wall_s": r4(wall),
           "peak_memory_mb": child["peak_memory_mb"], "ru_maxrss_mb": rss_children,
           "measuring_process_peak_mb": maxrss_mb(), **lo}
    res.update(_vector(ctx))
    res["baseline_s"] = lo.get("libreoffice_s")
    res["ratio"] = ratio(program, lo.get("libreoffice_s"))
    res["memory_ratio"] = ratio(child["peak_memory_mb"], lo.get("libreoffice_peak_mb"))
    res["ok"] = child["longest_stall_s"] < 0.25 and child["printed_pages"] == child["pages"]
    res["target"] = "window never stands still > 250 ms; every page printed"
    return res


# --- the vector route: the same file handed to CUPS as it is ------------------------------------------
FAKE_LP = """#!{python}
import os, shutil, sys
shutil.copyfile(sys.argv[-1], os.path.join({spool!r}, "job.pdf"))
print("request id is Bench-1 (1 file(s))")
"""


def _vector(ctx: Ctx) -> dict:
    """The program's side of the vector route (``ui.printing.spool_file``: the PDF checked and handed to
    ``lp``) for the list the raster child built, in a child process of its own. ``lp`` is a stand-in that
    copies the file into a spool folder, as CUPS's spooler receives it; what CUPS then does (its
    ``pdftopdf`` filter and the printer's driver, in the spooler's processes) is not in the figure —
    there is no CUPS on the benchmark machine."""
    src = ctx.work / "print-list.pdf"
    if not src.is_file():
        return {"vector": "no list to print"}
    bindir, spool = ctx.work / "fake-lp-bin", ctx.work / "fake-lp-spool"
    bindir.mkdir(exist_ok=True)
    spool.mkdir(exist_ok=True)
    lp = bindir / "lp"
    lp.write_text(FAKE_LP.format(python=PY, spool=str(spool)), encoding="utf-8")
    lp.chmod(0o755)
    env = {**ctx.env("home-print-vector"), "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
           "CHEMCLUSTER_PRINT_ROUTE": ""}
    cmd = [PY, "-m", "bench.measure_print", "VECTOR", str(src)]
    wall, code, rss, out = _wait4(cmd, env, 300, ctx.work / "print-vector.log")
    line = next((x for x in reversed(out.splitlines()) if x.startswith("VECTOR ")), None)
    if code != 0 or line is None:
        return {"vector": f"failed ({code}): {out[-300:]}"}
    child = json.loads(line[7:])
    sent = spool / "job.pdf"
    return {"vector": "measured", **child, "vector_child_wall_s": r4(wall), "vector_ru_maxrss_mb": rss,
            "vector_sent_mb": round(sent.stat().st_size / 1e6, 1) if sent.is_file() else None}


def _vector_child(src: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from bench.common import maxrss_mb

    app = QApplication([])  # noqa: F841 - QtPdf needs the application
    from chemcluster_desktop.ui import printing

    printer, pages = printing.default_printer(src)
    job = printing.SpoolJob(printer="Bench", copies=1, duplex=QPrinter.DuplexMode.DuplexLongSide,
                            gray=printer.colorMode() == QPrinter.ColorMode.GrayScale, title="print-list")
    t0 = time.perf_counter()
    res = printing.spool_file(src, job)
    spool_s = time.perf_counter() - t0
    print("VECTOR " + json.dumps({"vector_s": round(spool_s, 4), "vector_pages": res.pages, "vector_of": pages,
                                  "vector_job": res.job, "vector_peak_mb": maxrss_mb()}), flush=True)
    os._exit(0)


# --- the child: build the list, print it to a PDF printer, report ------------------------------------
def _child(db: str, room: str, work: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import threading

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from bench.common import maxrss_mb, open_program_db, percentile

    app = QApplication([])
    open_program_db(Path(db))
    from chemcluster_desktop.services import printing as reports
    from chemcluster_desktop.ui import printing

    src = Path(work) / "print-list.pdf"
    t0 = time.perf_counter()
    built = reports.build("inventory", src, room=room)
    build_s = time.perf_counter() - t0
    build_peak = maxrss_mb()
    printer, pages = printing.default_printer(src)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = Path(work) / "printed-list.pdf"
    printer.setOutputFileName(str(out))
    result: dict = {}
    loop = QEventLoop()
    clock, gaps = QElapsedTimer(), []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: (gaps.append(clock.restart()), None))

    def work_() -> None:
        try:
            result["res"] = printing.print_file(src, printer)
        finally:
            QTimer.singleShot(0, app, loop.quit)

    # the floor: the same timer with nothing running (on a loaded machine the window also waits for a core)
    clock.start()
    timer.start()
    QTimer.singleShot(5000, app, loop.quit)
    loop.exec()
    idle = list(gaps)
    gaps.clear()
    t1 = time.perf_counter()
    clock.restart()
    th = threading.Thread(target=work_)
    th.start()
    loop.exec()
    th.join()
    print_s = time.perf_counter() - t1
    timer.stop()
    res = result["res"]
    from pypdf import PdfReader

    doc = PdfReader(str(out))
    box = doc.pages[0].mediabox
    print("PRINT " + json.dumps({
        "build_s": round(build_s, 4), "print_s": round(print_s, 4), "pages": pages, "built_pages": built.pages,
        "printed_pages": len(doc.pages), "dpi": res.dpi, "printer_dpi": printer.resolution(),
        "grayscale": printer.colorMode() == QPrinter.ColorMode.GrayScale,
        "paper_pt": [round(float(box.width)), round(float(box.height))],
        "output_mb": round(out.stat().st_size / 1e6, 1), "longest_stall_s": round(max(gaps or [0]) / 1000, 4),
        "stall_p99_s": round(percentile(gaps, 99) / 1000, 4), "stalls_over_100ms": sum(g > 100 for g in gaps),
        "timer_ticks": len(gaps), "idle_longest_stall_s": round(max(idle or [0]) / 1000, 4),
        "idle_stall_p99_s": round(percentile(idle, 99) / 1000, 4), "peak_memory_mb": maxrss_mb(),
        "peak_after_build_mb": build_peak}), flush=True)
    # PySide6 6.12 on Python 3.11 drops a reference to None at every call of a void Qt method; after the
    # ~60,000 calls of a long print the interpreter aborts at exit («deallocating None»): the result is out
    os._exit(0)


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "CHILD":
    _child(*sys.argv[2:])
elif __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "VECTOR":
    _vector_child(sys.argv[2])
