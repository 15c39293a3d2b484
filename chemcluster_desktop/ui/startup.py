"""What happens after the database is open: log-in, daily backup, main window, demo offer."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QTimer

from chemcluster_desktop.services import context, database, security
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import screen

log = logging.getLogger(__name__)


def _t(s: str) -> str:
    return QCoreApplication.translate("Startup", s)


def login_if_needed(parent=None, user: str | None = None) -> bool:
    """Who works: nobody is asked while log-in is not required. ``user`` (``--user``) is filled in
    the log-in dialog; with ``$CHEMCLUSTER_PASSWORD`` also set it logs in without the dialog, as the
    CLI does, falling back to the dialog when the password is wrong."""
    if not security.login_required():
        context.set_actor(context.Actor("admin", "admin", _t("Администратор")))
        return True
    import os

    password = os.environ.get("CHEMCLUSTER_PASSWORD")
    if user and password is not None:
        try:
            context.set_actor(security.authenticate(user, password))
            return True
        except Exception as e:  # noqa: BLE001 - wrong password, throttled, disabled: the dialog says it
            log.info("log-in of %s from the command line refused: %s", user, e)
    from chemcluster_desktop.ui.dialogs.login import LoginDialog

    dlg = LoginDialog(parent)
    if user:
        dlg.login_edit.setCurrentText(user)
        dlg.password_edit.setFocus()
    return bool(dlg.exec()) and dlg.actor is not None


# after the window is shown: the windows' fitting filter back, the file check, the day's backup once the
# first page is up
FIT_RESUME_MS = 300
CHECK_DELAY_MS = 1000
BACKUP_DELAY_MS = 3000


def after_open(app, user: str | None = None):
    """Log-in and the main window. What used to delay the window runs after it is shown: the demo
    offer, the file's integrity check (``PRAGMA quick_check``) and the first backup of the day, the
    last two in the background (a 95 MB file took ~1.2 s to back up before the window appeared)."""
    if not login_if_needed(user=user):
        return None
    # no fitting filter while the window is built and first painted (it made PySide6 create Python types
    # for every object that got an event, ~50 ms); it comes back, fitting whatever was shown meanwhile,
    # once the window is up
    screen.pause()
    try:
        w = build_main_window(app)
    except BaseException:
        screen.resume()
        raise
    QTimer.singleShot(FIT_RESUME_MS, screen.resume)
    db = context.current()

    def still_ours() -> bool:  # the window may be gone, or another database opened, before a timer fires
        try:
            return context.current() is db and w.isVisible()
        except RuntimeError:
            return False

    QTimer.singleShot(0, w, lambda: warn_network_file(w, db))
    QTimer.singleShot(0, w, lambda: offer_demo(w))
    QTimer.singleShot(CHECK_DELAY_MS, w, lambda: still_ours() and check_file_later(w, db))
    QTimer.singleShot(BACKUP_DELAY_MS, w, lambda: still_ours() and daily_backup_later(w, db))
    return w


def warn_network_file(window, db) -> None:
    """A database file on a network share: say once per PC and file that it is single-PC now and that
    several PCs need PostgreSQL; the status bar says it at every start."""
    text = context.network_warning(db)
    if not text:
        return
    try:
        window.statusBar().showMessage(_t("База в сетевой папке: режим одного компьютера"))
    except RuntimeError:
        return
    warned = [x for x in (settings().get("network_warned") or "").splitlines() if x]
    if str(db.path) in warned:
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(window, _t("База данных в сетевой папке"), text)
    settings().set("network_warned", "\n".join([*warned, str(db.path)][-20:]))


def daily_backup_later(window, db) -> None:
    """The first start of a day makes the automatic backup in the background (status bar shows it)."""
    from chemcluster_desktop.services import backup
    from chemcluster_desktop.ui import ops

    def work(_task):
        if context.current() is not db:
            return None
        return backup.daily_backup_if_needed()

    def failed(e):  # a failed automatic backup must not stop the day's work; it is in the log
        log.warning("daily backup failed: %s", e)

    ops.run_task(window, _t("Ежедневная резервная копия"), work, modal=False, on_error=failed)


def check_file_later(window, db) -> None:
    """``PRAGMA quick_check`` of the open file in the background; a damaged file offers the newest
    good backup as a damaged file found at start does."""
    if not db.is_sqlite:
        return
    from chemcluster_desktop.ui import ops

    def work(_task):
        return context.check_current_file() if context.current() is db else []

    def done(problems):
        if problems and context.current() is db:
            offer_recovery_now(window, db, problems)

    ops.run_task(window, _t("Проверка файла базы данных"), work, modal=False, on_done=done,
                 on_error=lambda e: log.warning("integrity check failed: %s", e))


def offer_recovery_now(window, db, problems: list[str]) -> None:
    from chemcluster_desktop.services.errors import DatabaseOpenError
    from chemcluster_desktop.ui import events
    from chemcluster_desktop.ui.dialogs.recover import offer_recovery

    err = DatabaseOpenError(
        _t("База данных «{0}» повреждена ({1}). Восстановите её из последней резервной копии.")
        .format(db.display_name(), problems[0]), kind="corrupt", path=str(db.path))
    url, actor = db.url, context.actor()
    context.close_database()  # the file is replaced only when nothing holds it open (Windows)
    recovered = offer_recovery(window, url, err)
    if recovered is None:  # declined: keep working with the file as it is, warned
        context.open_database(url, check_file=False)
    context.set_actor(actor)
    events.everything_changed()


def build_main_window(app):
    """The main window wired to the application: the language switch reinstalls translators."""
    from chemcluster_desktop.ui.main_window import MainWindow

    w = MainWindow()

    def change_language(lang: str) -> None:
        from chemcluster_desktop.app import install_translators

        install_translators(app, lang)
        settings().set("language", lang)
        w.rebuild_pages()  # every page in the new language, data cells included (issue 16)
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
    from PySide6.QtWidgets import QMessageBox

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
