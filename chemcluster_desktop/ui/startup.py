"""What happens after the database is open: log-in, daily backup, main window, demo offer."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from chemcluster_desktop.services import context, database, security
from chemcluster_desktop.settings import settings

log = logging.getLogger(__name__)


def _t(s: str) -> str:
    return QCoreApplication.translate("Startup", s)


def login_if_needed(parent=None) -> bool:
    if not security.login_required():
        context.set_actor(context.Actor("admin", "admin", _t("Администратор")))
        return True
    from chemcluster_desktop.ui.dialogs.login import LoginDialog

    dlg = LoginDialog(parent)
    return bool(dlg.exec()) and dlg.actor is not None


def after_open(app):
    if not login_if_needed():
        return None
    try:
        from chemcluster_desktop.services import backup

        backup.daily_backup_if_needed()
    except Exception as e:  # a failed automatic backup must not stop the day's work
        log.warning("daily backup failed: %s", e)
    w = build_main_window(app)
    QTimer.singleShot(0, lambda: offer_demo(w))
    return w


def build_main_window(app):
    """The main window wired to the application: the language switch reinstalls translators."""
    from chemcluster_desktop.ui.main_window import MainWindow

    w = MainWindow()

    def change_language(lang: str) -> None:
        from chemcluster_desktop.app import install_translators

        install_translators(app, lang)
        settings().set("language", lang)
        w.retranslate_ui()

    w.language_change_requested.connect(change_language)
    return w


def offer_demo(window) -> None:
    """First GUI start on an empty database offers to load the demo data."""
    try:
        if not database.is_empty() or not security.can("admin"):
            return
    except Exception:
        return
    box = QMessageBox(QMessageBox.Icon.Question, _t("Новая база данных"),
                      _t("База данных пуста. Загрузить демонстрационные данные кластера «Химический потенциал» "
                         "(лаборатории, мастерские, школы, закупки), чтобы посмотреть программу в работе?\n\n"
                         "Демо-данные помечаются значком «ДЕМО»; для настоящей работы создайте отдельную базу."),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    box.button(QMessageBox.StandardButton.Yes).setText(_t("Загрузить демо-данные"))
    box.button(QMessageBox.StandardButton.No).setText(_t("Начать с пустой базы"))
    if box.exec() != QMessageBox.StandardButton.Yes:
        return
    from chemcluster_desktop.services.demo import load_demo
    from chemcluster_desktop.ui import events, ops

    ops.run_task(window, _t("Загрузка демо-данных"), lambda task: load_demo(progress=task.progress),
                 on_done=lambda _r: events.everything_changed(), cancellable=False)
