"""Remake the page screenshots of the manual (docs/screenshots/page_*.png) at 1366×768 (issue 16).

Every page (and every tab of a page) of the main window, as the administrator over the demo data,
maximised on a 1366×768 screen, is rendered to a PNG. Real rendering with the X11 platform:

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb PYTHONPATH=. \\
        python docs/screenshots/make_screenshots.py [--lang en] [--out docs/screenshots]

(without an X server it falls back to Qt's offscreen platform on a simulated 1366×768 screen, which
renders the same fonts). The files are named ``page_<key>[_<tab>].png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def _platform() -> None:
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    else:
        os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(ROOT / "tests" / "ui" / "screen_1366x768.json")


def _settle(app, ms: int = 150) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from chemcluster_desktop.ui import ops

    ops.wait_all()
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _select_first_row(page) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    for view in page.findChildren(QAbstractItemView):
        if view.isVisible() and view.model() is not None and view.model().rowCount() > 0 \
                and view.selectionModel() is not None and not view.selectionModel().hasSelection() \
                and hasattr(view, "selectRow"):
            view.selectRow(0)


def shoot(out: Path, lang: str) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("CHEMCLUSTER_HOME", tempfile.mkdtemp(prefix="cc-shots-home-"))
    from PySide6.QtWidgets import QTabWidget

    from chemcluster_desktop import i18n
    from chemcluster_desktop.app import create_application
    from chemcluster_desktop.services import context
    from chemcluster_desktop.services.demo import load_demo
    from chemcluster_desktop.ui.main_window import MainWindow
    from chemcluster_desktop.ui.pages import PAGES

    db = Path(tempfile.mkdtemp(prefix="cc-shots-")) / "demo.sqlite3"
    context.open_database(db)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    load_demo()
    i18n.set_language(lang)
    app = create_application(lang=lang)
    win = MainWindow()
    win.showMaximized()
    _settle(app, 400)
    made = []
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if lang == "ru" else f"_{lang}"
    for entry in PAGES:
        page = win.show_page(entry.key)
        _settle(app)
        _select_first_row(page)
        _settle(app)
        path = out / f"page_{entry.key}{suffix}.png"
        win.grab().save(str(path))
        made.append(path)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()][:1]
        for tw in tabs:
            for i in range(1, tw.count()):
                tw.setCurrentIndex(i)
                _settle(app)
                _select_first_row(page)
                _settle(app)
                path = out / f"page_{entry.key}_{i + 1}{suffix}.png"
                win.grab().save(str(path))
                made.append(path)
            tw.setCurrentIndex(0)
    win.close()
    context.close_database()
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(HERE))
    ap.add_argument("--lang", default="ru", choices=("ru", "en"))
    args = ap.parse_args(argv)
    _platform()
    for p in shoot(Path(args.out), args.lang):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
