"""The main window: navigation rail, pages, menus with standard shortcuts, status bar."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from chemcluster_desktop import APP_NAME, __version__
from chemcluster_desktop.services import context, database
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import events, ops, screen, style
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.pages import PAGES, PageEntry
from chemcluster_desktop.ui.pages.base import Page
from chemcluster_desktop.ui.widgets.eliding_label import ElidingLabel

log = logging.getLogger(__name__)


def _t(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


class MissingPage(Page, QWidget):
    """Shown only if a page module failed to import; says so plainly."""

    def __init__(self, entry: PageEntry, error: str, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lab = QLabel(_t("Раздел «{0}» не удалось открыть: {1}").format(
            QCoreApplication.translate("Navigation", entry.title), error))
        lab.setWordWrap(True)
        lay.addWidget(lab)
        lay.addStretch(1)


class MainWindow(QMainWindow):
    language_change_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(1024, 640))
        self.pages: dict[str, Page] = {}
        screen.install()  # this window and every dialog open inside the screen's available geometry
        self._build()
        self.retranslate_ui()
        self._restore()
        # a bound method (not a lambda): Qt disconnects it when the window is destroyed
        events.bus().changed.connect(self._on_data_changed)

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navRail")
        self.nav.setIconSize(QSize(22, 22))
        for e in PAGES:
            it = QListWidgetItem(icon(e.icon, "#455a64"), "")
            it.setData(Qt.ItemDataRole.UserRole, e.key)
            it.setSizeHint(QSize(170, 40))
            self.nav.addItem(it)
        self.nav.currentRowChanged.connect(self._on_nav)
        rail = QWidget()
        rail.setObjectName("railPanel")
        rail.setFixedWidth(204)
        rail.setStyleSheet(style.RAIL_QSS)  # the only sheet of the window's frame: it reaches the rail alone
        rl = QVBoxLayout(rail)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(0)
        brand = QWidget()
        brand.setObjectName("brand")
        bl = QHBoxLayout(brand)
        bl.setContentsMargins(16, 14, 8, 10)
        bl.setSpacing(8)
        logo = QLabel()
        logo.setPixmap(icon("flask-round-bottom-outline", "#1f6fb2").pixmap(28, 28))
        bl.addWidget(logo)
        self.brand_label = QLabel()
        self.brand_label.setObjectName("brandLabel")
        bl.addWidget(self.brand_label, 1)
        rl.addWidget(brand)
        rl.addWidget(self.nav, 1)
        self.rail_version = QLabel()
        self.rail_version.setObjectName("railVersion")
        rl.addWidget(self.rail_version)
        lay.addWidget(rail)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        for e in PAGES:
            holder = QWidget()
            holder.setObjectName(f"holder_{e.key}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
        self._build_menus()
        self._build_status()

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.act_backup = QAction(icon("content-save-all-outline"), "", self)
        self.act_backup.triggered.connect(self.on_backup)
        self.act_restore = QAction(icon("backup-restore"), "", self)
        self.act_restore.triggered.connect(self.on_restore)
        self.act_switch_user = QAction(icon("account-multiple-outline"), "", self)
        self.act_switch_user.setObjectName("action_switch_user")
        self.act_switch_user.triggered.connect(self.switch_user)
        self.act_quit = QAction(icon("exit-to-app"), "", self)
        self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        self.act_quit.triggered.connect(self.close)
        self.menu_file.addAction(self.act_backup)
        self.menu_file.addAction(self.act_restore)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_switch_user)
        self.menu_file.addAction(self.act_quit)

        self.menu_view = mb.addMenu("")
        self.go_actions = []
        for i, e in enumerate(PAGES):
            a = QAction(icon(e.icon), "", self)
            a.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _c=False, k=e.key: self.show_page(k))
            self.menu_view.addAction(a)
            self.go_actions.append(a)
        self.menu_view.addSeparator()
        self.menu_lang = self.menu_view.addMenu("")
        self.act_ru = QAction("Русский", self, checkable=True)
        self.act_en = QAction("English", self, checkable=True)
        self.act_ru.triggered.connect(lambda: self.language_change_requested.emit("ru"))
        self.act_en.triggered.connect(lambda: self.language_change_requested.emit("en"))
        self.menu_lang.addAction(self.act_ru)
        self.menu_lang.addAction(self.act_en)

        self.menu_edit = mb.addMenu("")
        self.menu_edit.aboutToShow.connect(self._fill_edit_menu)
        mb.insertMenu(self.menu_view.menuAction(), self.menu_edit)

        self.menu_tools = mb.addMenu("")
        self.act_check = QAction(icon("database-check-outline"), "", self)
        self.act_check.triggered.connect(self.on_check)
        self.act_data_dir = QAction(icon("folder-open-outline"), "", self)
        self.act_data_dir.triggered.connect(self.on_open_data_dir)
        # «Настройки…» (college details, numbering, folders); the dialog's module loads when it is opened
        self.act_settings = QAction(icon("cog-outline"), "", self)
        self.act_settings.setObjectName("action_settings")
        self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_settings.triggered.connect(self.on_settings)
        self.menu_tools.addAction(self.act_settings)
        self.menu_tools.addSeparator()
        self.menu_tools.addAction(self.act_check)
        self.menu_tools.addAction(self.act_data_dir)
        self.menu_help = mb.addMenu("")
        self.act_help = QAction(icon("help-circle-outline"), "", self)
        self.act_help.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.act_help.triggered.connect(self.on_help)
        self.act_about = QAction(icon("information-outline"), "", self)
        self.act_about.triggered.connect(self.on_about)
        self.menu_help.addAction(self.act_help)
        self.menu_help.addAction(self.act_about)

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.db_label = ElidingLabel()  # a long path is shortened in the middle, whole in the tooltip
        self.db_label.setObjectName("statusDb")
        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.demo_badge = QLabel()
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setStyleSheet("background: #ffb300; color: #3e2723; font-weight: bold; padding: 1px 8px; "
                                      "border-radius: 8px;")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel()
        self.cancel_btn = QPushButton()
        self.cancel_btn.setFlat(True)
        self.cancel_btn.hide()
        self._task = None
        self.cancel_btn.clicked.connect(lambda: self._task and self._task.cancel())
        sb.setAutoFillBackground(True)
        sb.setPalette(style.status_palette())
        for lab in (self.db_label, self.user_label, self.progress_label):
            lab.setContentsMargins(6, 0, 6, 0)
        sb.addWidget(self.db_label, 1)
        sb.addWidget(self.progress_label)
        sb.addWidget(self.progress)
        sb.addWidget(self.cancel_btn)
        sb.addPermanentWidget(self.demo_badge)
        sb.addPermanentWidget(self.user_label)
        ops.add_status_listener(self._on_task)

    def _on_task(self, task, done, total, text) -> None:
        self._task = task
        busy = task is not None
        self.progress.setVisible(busy)
        self.cancel_btn.setVisible(busy)
        self.progress_label.setVisible(busy)
        if busy:
            self.progress.setMaximum(max(total, 0))
            self.progress.setValue(min(done, total) if total else 0)
            self.progress_label.setText(text)

    # --- pages -------------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        if key in self.pages:
            return self.pages[key]
        entry = next(e for e in PAGES if e.key == key)
        try:
            cls = getattr(importlib.import_module(entry.module), entry.cls)
            w = cls(self)
        except Exception as e:  # a broken page must not take the program down
            log.exception("page %s failed", key)
            w = MissingPage(entry, str(e), self)
        holder = self.stack.widget([p.key for p in PAGES].index(key))
        holder.layout().addWidget(w)
        self.pages[key] = w
        return w

    def show_page(self, key: str) -> Page:
        idx = [p.key for p in PAGES].index(key)
        if self.nav.currentRow() != idx:
            self.nav.setCurrentRow(idx)
        return self.page(key)

    def current_page(self) -> Page | None:
        row = self.nav.currentRow()
        return self.pages.get(PAGES[row].key) if row >= 0 else None

    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row].key
        self.page(key)
        self.stack.setCurrentIndex(row)
        settings().set("window/page", key, save=False)
        self._update_title()

    def _update_title(self) -> None:
        row = self.nav.currentRow()
        if 0 <= row < len(PAGES):
            self.setWindowTitle("{} — {}".format(
                QCoreApplication.translate("Navigation", PAGES[row].title), APP_NAME))
        else:
            self.setWindowTitle(APP_NAME)

    def _fill_edit_menu(self) -> None:
        """«Правка» offers every action of the current page's toolbar (with their shortcuts), so that
        an action the toolbar cannot show on a narrow screen is still a click away."""
        self.menu_edit.clear()
        page = self.current_page()
        tb = page.toolbar if page is not None else None
        if tb is not None:
            for a in tb.actions():
                if a.isSeparator():
                    if not self.menu_edit.isEmpty():
                        self.menu_edit.addSeparator()
                    continue
                if not a.isVisible():
                    continue
                w = tb.widgetForAction(a)
                if isinstance(a, QWidgetAction) and isinstance(w, QToolButton) and w.menu() is not None:
                    w.menu().setTitle(w.text())
                    w.menu().setIcon(w.icon())
                    self.menu_edit.addMenu(w.menu())
                elif not isinstance(a, QWidgetAction):
                    self.menu_edit.addAction(a)
        if page is not None and page.offers_search:
            if not self.menu_edit.isEmpty():
                self.menu_edit.addSeparator()
            find = self.menu_edit.addAction(icon("magnify"), _t("Найти"))
            find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
            find.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            find.triggered.connect(page.focus_search)
        if self.menu_edit.isEmpty():
            a = self.menu_edit.addAction(_t("Нет действий в этом разделе"))
            a.setEnabled(False)

    # --- text --------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for i, e in enumerate(PAGES):
            self.nav.item(i).setText(QCoreApplication.translate("Navigation", e.title))
            self.go_actions[i].setText(QCoreApplication.translate("Navigation", e.title))
        self.menu_file.setTitle(_t("&Файл"))
        self.menu_edit.setTitle(_t("&Правка"))
        self.brand_label.setText("<b>ChemCluster</b><br><span style='color:#607d8b; font-size:8pt'>{}</span>".format(
            _t("Химический потенциал")))
        self.rail_version.setText(_t("версия {0}").format(__version__))
        self.act_settings.setText(_t("Настройки…"))
        self.act_check.setText(_t("Проверить базу данных"))
        self.act_data_dir.setText(_t("Открыть папку данных"))
        self._update_title()
        self.act_backup.setText(_t("Резервная копия…"))
        self.act_restore.setText(_t("Восстановить из копии…"))
        self.act_switch_user.setText(_t("Сменить пользователя…"))
        self.act_quit.setText(_t("Выход"))
        self.menu_view.setTitle(_t("&Вид"))
        self.menu_lang.setTitle(_t("Язык"))
        self.menu_tools.setTitle(_t("&Сервис"))
        self.menu_help.setTitle(_t("&Справка"))
        self.act_help.setText(_t("Руководство пользователя"))
        self.act_about.setText(_t("О программе"))
        self.cancel_btn.setText(_t("Отмена"))
        self.demo_badge.setText(_t("ДЕМО"))
        from chemcluster_desktop import i18n

        self.act_ru.setChecked(i18n.language() == "ru")
        self.act_en.setChecked(i18n.language() == "en")
        for p in self.pages.values():
            p.retranslate_ui()
        self.update_status()

    def rebuild_pages(self) -> None:
        """After a language switch every page is built anew, so that each of its texts — the panels, the
        tables' headers and the cells the services word (statuses, alerts, periods) — is in the new
        language without a restart; the page shown is rebuilt at once, the others when next opened."""
        for page in self.pages.values():
            page.save_state()
            page.hide()
            page.setParent(None)
            page.deleteLater()
        self.pages.clear()
        row = self.nav.currentRow()
        if 0 <= row < len(PAGES):
            self.page(PAGES[row].key)

    def _on_data_changed(self, _area: str) -> None:
        self.update_status()

    def update_status(self) -> None:
        try:
            db = context.current()
        except RuntimeError:
            self.db_label.setText(_t("База данных не открыта"))
            return
        kind = _t("файл") if db.is_sqlite else _t("сервер")
        self.db_label.setText(_t("База данных ({0}): {1}").format(kind, db.display_name()))
        a = context.actor()
        self.user_label.setText(_t("Пользователь: {0}").format(a.full_name or a.login))
        from chemcluster_desktop.services import security

        admin = security.can("admin", a)  # the services refuse the others too
        self.act_backup.setEnabled(admin)
        self.act_restore.setEnabled(admin)
        try:
            self.demo_badge.setVisible(database.is_demo())
        except Exception:
            self.demo_badge.setVisible(False)

    # --- state -------------------------------------------------------------------------------
    def _restore(self) -> None:
        geo = settings().get("window/geometry")
        if geo:
            self.restoreGeometry(QByteArray(geo))  # saved on a larger screen? fitted below
        else:
            self.resize(screen.fit_size(QSize(1366, 800), self))
        screen.fit_to_screen(self)
        st = settings().get("window/state")
        if st:
            self.restoreState(QByteArray(st))
        key = settings().get("window/page")
        keys = [p.key for p in PAGES]
        self.nav.setCurrentRow(keys.index(key) if key in keys else 0)

    def save_state(self) -> None:
        settings().set("window/geometry", bytes(self.saveGeometry().data()), save=False)
        settings().set("window/state", bytes(self.saveState().data()), save=False)
        for p in self.pages.values():
            p.save_state()
        settings().save()

    def closeEvent(self, e) -> None:  # noqa: N802
        self.save_state()
        ops.wait_all(10000)
        super().closeEvent(e)

    # --- «Сменить пользователя» ---------------------------------------------------------------
    def switch_user(self) -> bool:
        """Log out and in without restarting: open windows are closed (asked first), the pages are built
        anew for the new user's role, the journal records both. Cancelling the log-in quits the program,
        as its «Выход» button says and as at start: the previous user's session is over and must not come
        back to whoever stands at the PC. Returns True when someone logged in."""
        from PySide6.QtWidgets import QMessageBox

        busy = ops.running()
        if busy:
            QMessageBox.information(self, _t("Сменить пользователя"),
                                    _t("Дождитесь окончания: «{0}».").format(busy[0].title))
            return False
        dialogs = self._open_dialogs()
        if dialogs and not self._confirm_close(dialogs):
            return False
        for d in dialogs:
            d.reject()
        self.save_state()
        self._log_out()
        if not self._log_in():
            self.close()
            return False
        self._rebuild_pages()
        return True

    def _open_dialogs(self) -> list:
        from PySide6.QtWidgets import QApplication, QDialog

        def ours(w) -> bool:
            p = w.parentWidget()
            while p is not None and p is not self:
                p = p.parentWidget()
            return p is self

        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible() and ours(w)]

    def _confirm_close(self, dialogs) -> bool:
        from PySide6.QtWidgets import QMessageBox

        names = "\n".join(f"• {d.windowTitle() or d.objectName()}" for d in dialogs)
        box = QMessageBox(QMessageBox.Icon.Question, _t("Сменить пользователя"),
                          _t("Открытые окна будут закрыты, несохранённые изменения в них пропадут:\n{0}\n\n"
                             "Закрыть их и сменить пользователя?").format(names),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("switchUserConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(_t("Закрыть и сменить"))
        box.button(QMessageBox.StandardButton.No).setText(_t("Вернуться к работе"))
        box.setDefaultButton(QMessageBox.StandardButton.No)  # the safe answer
        return box.exec() == QMessageBox.StandardButton.Yes

    def _log_out(self) -> None:
        from chemcluster_desktop.services import security
        from chemcluster_desktop.services.errors import ServiceError

        try:
            security.logout(context.actor())
        except ServiceError as e:  # the journal entry is missed (database busy), the log-out still happens
            log.warning("log-out not journaled: %s", e)
        context.set_actor(context.Actor(security.ANONYMOUS, "viewer", ""))
        self._drop_pages()  # nothing of the previous session stays visible behind the log-in
        self.update_status()

    def _log_in(self) -> bool:
        from chemcluster_desktop.ui.dialogs.login import LoginDialog

        dlg = LoginDialog(self)
        dlg.login_edit.setFocus()
        dlg.login_edit.lineEdit().selectAll()
        return bool(dlg.exec()) and dlg.actor is not None

    def _drop_pages(self) -> None:
        for w in self.pages.values():
            w.setParent(None)
            w.deleteLater()
        self.pages.clear()

    def _rebuild_pages(self) -> None:
        """The current page is built again for the new role (each page hides or disables what the role
        cannot do when it is built); the others when first shown."""
        row = max(self.nav.currentRow(), 0)
        self.page(PAGES[row].key)
        self.stack.setCurrentIndex(row)
        self.retranslate_ui()

    # --- menu handlers -----------------------------------------------------------------------
    def on_backup(self) -> None:
        from chemcluster_desktop.ui.dialogs.backup import run_backup

        run_backup(self)

    def on_restore(self) -> None:
        from chemcluster_desktop.ui.dialogs.backup import run_restore

        run_restore(self)

    def on_help(self) -> None:
        from chemcluster_desktop.ui.dialogs.help import show_help

        show_help(self)

    def on_settings(self) -> None:
        from chemcluster_desktop.ui.dialogs.settings import open_settings

        open_settings(self)

    def on_check(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        def done(r):
            if r.ok:
                QMessageBox.information(self, _t("Проверка базы данных"),
                                        _t("Проверка пройдена: целостность {0}, схема {1}.").format(
                                            r.integrity, r.schema_revision))
            else:
                QMessageBox.warning(self, _t("Проверка базы данных"),
                                    _t("Найдены проблемы:\n{0}").format("\n".join(r.problems)))

        ops.run_task(self, _t("Проверка базы данных"), lambda _task: database.check(), on_done=done,
                     cancellable=False)

    def on_open_data_dir(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from chemcluster_desktop import paths

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))

    def about_dialog(self):
        from chemcluster_desktop.ui.dialogs.about import AboutDialog

        return AboutDialog(self)

    def on_about(self) -> None:
        self.about_dialog().exec()
