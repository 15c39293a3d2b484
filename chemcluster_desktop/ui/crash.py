"""A crash writes a log file and shows where it is; never a traceback in the person's face."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from pathlib import Path

from chemcluster_desktop import __version__, paths


def write_crash_log(text: str) -> Path:
    d = paths.logs_dir()
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        d = Path(tempfile.gettempdir())
    p = d / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
    p.write_text(f"ChemCluster Desktop {__version__}\n{dt.datetime.now().isoformat()}\n\n{text}", "utf-8")
    return p


def install_excepthook() -> None:
    def hook(etype, value, tb):
        text = "".join(traceback.format_exception(etype, value, tb))
        logging.getLogger("chemcluster").error(text)
        path = write_crash_log(text)
        try:
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is not None:
                QMessageBox.critical(
                    None, QCoreApplication.translate("Crash", "Внутренняя ошибка"),
                    QCoreApplication.translate(
                        "Crash", "Произошла внутренняя ошибка. Данные, сохранённые до неё, не пострадали.\n"
                                 "Отчёт записан в файл:\n{0}\nПередайте его администратору.").format(path))
        except Exception:
            sys.__excepthook__(etype, value, tb)

    sys.excepthook = hook
