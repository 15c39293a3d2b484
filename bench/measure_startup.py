"""Start-up: a new process until the main window is shown with the inventory page filled (offscreen),
beside a bare PySide6 ``QApplication`` + ``QMainWindow`` start in a new process.

The child prints ``SHOWN`` the moment the window is up with the list filled, and then ``READY {json}``
after its in-process measurements (the inventory page rebuilt alone); the parent times process start to
the ``SHOWN`` line (until 2026-12 it timed to ``READY``, which added one more page build to every start). One warm-up run of each (not counted) warms the file cache and writes the bytecode.

Both run as an installed program does: with compiled bytecode. pip compiles ``.pyc`` files on
install and PyInstaller bundles them, but a source checkout run with ``PYTHONDONTWRITEBYTECODE=1``
(as on this machine) compiles the program's ~80 modules on every start (~0.15 s); so the children get
``PYTHONPYCACHEPREFIX=bench/out/pycache`` (the source tree stays clean) and the warm-up writes it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from bench.common import OUT, PY, Ctx, median, need, r4, ratio

# five starts of each kind, interleaved (program, bare, floor, program, …), their medians compared: this shared
# 2-core machine's speed wanders by 10–15 % within minutes, and with three a single slow start moved the
# ratio by up to 0.7 (2026-12-06, session 7: 4.66 and 4.69 among ten runs at a median of 3.6)
RUNS = 5


def _spawn(ctx: Ctx, mode: str, timeout: float = 120) -> tuple[float, dict]:
    cmd = [PY, "-m", "bench.measure_startup", mode, str(ctx.db)]
    t0 = time.perf_counter()
    env = ctx.env("home-startup")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    info: dict | None = None
    wall = None
    try:
        deadline = t0 + timeout
        while True:
            line = p.stdout.readline()
            if not line:
                break
            if line.startswith("SHOWN") and wall is None:
                wall = time.perf_counter() - t0
            if line.startswith("READY"):
                if wall is None:
                    wall = time.perf_counter() - t0
                info = json.loads(line[5:].strip() or "{}")
                break
            if time.perf_counter() > deadline:
                raise TimeoutError(mode)
        p.wait(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    if info is None:
        raise RuntimeError(f"{mode} start failed: {p.stderr.read()[-2000:]}")
    return wall, info


def measure(ctx: Ctx) -> dict:
    need("chemcluster_desktop.ui.pages.inventory", "InventoryPage")
    runs = 1 if ctx.quick else RUNS
    _spawn(ctx, "program")  # warm-up: daily backup, file cache
    _spawn(ctx, "bare")
    _spawn(ctx, "floor")
    prog, bare, floor, page, win, rows = [], [], [], [], [], 0
    for _ in range(runs):
        w, info = _spawn(ctx, "program")
        prog.append(w)
        page.append(info["page_s"])
        win.append(info["window_and_page_s"])
        rows = info.get("rows", 0)
        bare.append(_spawn(ctx, "bare")[0])
        floor.append(_spawn(ctx, "floor")[0])
    p, b, f = median(prog), median(bare), median(floor)
    pg = median(page)
    return {"program_s": r4(p), "baseline_s": r4(b), "ratio": ratio(p, b),
            "inventory_page_s": r4(pg), "inventory_page_target_s": 0.5, "ok": pg < 0.5,
            "main_window_s": r4(median(win)),
            "items_listed": rows, "runs": runs,
            "floor_s": r4(f), "floor_ratio": ratio(f, b),
            "note": "program_s: new process to main window shown with the inventory page filled; "
                    "inventory_page_s: the inventory page built and its list filled and painted; "
                    "main_window_s: MainWindow() to the inventory list filled (database already open); "
                    "floor_s: the bare Qt start plus importing SQLAlchemy's ORM, in a new process: "
                    "the least any start of this stack can take, before one line of the program runs"}


# --- the child ------------------------------------------------------------------------------------
def _child_program(db: str) -> None:
    t_start = time.perf_counter()
    # the program's own start (app.start: what `chemcluster-gui --db DB` does up to the window shown), for a
    # user whose last page was the inventory
    from chemcluster_desktop import app as program
    from chemcluster_desktop.settings import settings

    settings().set("window/page", "inventory", save=False)
    started = program.start(db, "ru")
    if isinstance(started, int):
        raise SystemExit(2)
    _app, w = started
    from PySide6.QtCore import QCoreApplication

    t_win = program.START_MARKS["main_window"]
    page = w.show_page("inventory")
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        QCoreApplication.processEvents()
        m = getattr(page, "model", None)
        if m is not None and m.rowCount() > 0:
            break
    QCoreApplication.processEvents()
    t_end = time.perf_counter()
    print("SHOWN", flush=True)
    m = getattr(page, "model", None)
    rows = m.total() if m is not None else 0
    # the page alone: drop it and open it again, as navigating to it does the first time
    old = w.pages.pop("inventory")
    old.setParent(None)
    old.deleteLater()
    QCoreApplication.processEvents()
    t_page = time.perf_counter()
    page = w.page("inventory")
    page.show()
    while time.perf_counter() < deadline + 60:
        QCoreApplication.processEvents()
        m = getattr(page, "model", None)
        if m is not None and m.rowCount() > 0:
            break
    page.table.viewport().repaint()
    t_page_end = time.perf_counter()
    print("READY " + json.dumps({"window_and_page_s": t_end - t_win, "in_process_s": t_end - t_start,
                                 "page_s": t_page_end - t_page, "rows": rows}), flush=True)
    w.close()


def _child_bare() -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    w = QMainWindow()
    w.resize(1366, 800)
    w.setWindowTitle("bare")
    w.show()
    QCoreApplication.processEvents()
    print("READY {}", flush=True)
    w.close()
    del app


def _child_floor() -> None:
    """The bare start plus ``import sqlalchemy.orm`` (and nothing of the program): the floor — imported
    as the program does it, before Qt and with the garbage collector paused (app.start)."""
    import gc

    gc.disable()
    import sqlalchemy.orm  # noqa: F401 - the import is what is measured

    _child_bare()


if __name__ == "__main__":
    if sys.argv[1] == "program":
        _child_program(sys.argv[2])
    elif sys.argv[1] == "floor":
        _child_floor()
    else:
        _child_bare()
