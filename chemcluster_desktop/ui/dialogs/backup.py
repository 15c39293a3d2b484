"""Файл → Резервная копия… / Восстановить из копии…

``run_backup(window)`` asks where to write the copy and makes it in the background
(``services.backup.backup``: SQLite online backup + integrity check). ``run_restore(window)`` shows
the existing backups, asks for confirmation naming the file, and replaces the database; the current
database is kept as a copy first (``services.backup.restore``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import backup as backup_service
from chemcluster_desktop.services import context, security
from chemcluster_desktop.ui import events, ops
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.style import set_role


def _t(s: str) -> str:
    return QCoreApplication.translate("BackupDialog", s)


def _reason(code: str) -> str:
    return {
        "manual": _t("вручную"),
        "daily": _t("ежедневная"),
        "pre-migration": _t("перед обновлением схемы"),
        "before-restore": _t("перед восстановлением"),
    }.get(code, code)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return _t("{0} МБ").format(fmt.decimal(round(n / 1024 / 1024, 1)))
    return _t("{0} КБ").format(fmt.decimal(max(1, round(n / 1024))))


def default_backup_name() -> str:
    return f"chemcluster-{dt.datetime.now():%Y%m%d-%H%M%S}-manual.sqlite3"


def backup_to(window, path: str | None):
    """Make the copy in the background; a message says where it is. Returns the task."""
    def work(task):
        task.progress(0, 0, _t("Создание резервной копии…"))
        return backup_service.backup(path)

    def done(p):
        ops.show_status(window, _t("Резервная копия записана: {0}").format(p), 10000)
        QMessageBox.information(window, _t("Резервная копия"),
                                _t("Резервная копия записана и проверена:\n{0}").format(p))

    return ops.run_task(window, _t("Резервная копия"), work, on_done=done, cancellable=False)


def run_backup(window, path: str | None = None):
    try:
        db = context.current()
    except RuntimeError:
        return None
    if path is None:
        if db.is_sqlite:
            start = str(backup_service.backups_dir() / default_backup_name())
            flt = _t("База данных SQLite (*.sqlite3 *.db);;Все файлы (*)")
        else:
            start = str(backup_service.backups_dir() / default_backup_name().replace(".sqlite3", ".pgdump"))
            flt = _t("Архив pg_dump (*.pgdump);;Все файлы (*)")
        path, _f = QFileDialog.getSaveFileName(window, _t("Сохранить резервную копию"), start, flt)
        if not path:
            return None
    if db.path is not None and Path(path).resolve() == db.path.resolve():
        QMessageBox.warning(window, _t("Резервная копия"),
                            _t("Нельзя записать копию поверх открытой базы данных. Выберите другой файл."))
        return None
    return backup_to(window, path)


class RestoreDialog(QDialog):
    """The list of existing backups; «Выбрать файл…» for a copy kept elsewhere."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(_t("Восстановление из резервной копии"))
        self.resize(720, 400)
        self.chosen: str | None = None
        lay = QVBoxLayout(self)
        hint = QLabel(_t("Выберите резервную копию. Текущая база данных перед восстановлением будет "
                         "сохранена как отдельная копия, так что этот шаг можно отменить."))
        hint.setWordWrap(True)
        set_role(hint, "hint")
        lay.addWidget(hint)
        self.backups = backup_service.list_backups()
        self.table = QTableWidget(len(self.backups), 4)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([_t("Дата и время"), _t("Вид"), _t("Размер"), _t("Файл")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for i, b in enumerate(self.backups):
            self.table.setItem(i, 0, QTableWidgetItem(fmt.datetime(b.created)))
            self.table.setItem(i, 1, QTableWidgetItem(_reason(b.reason)))
            it = QTableWidgetItem(_size(b.size))
            it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 2, it)
            self.table.setItem(i, 3, QTableWidgetItem(Path(b.path).name))
            self.table.item(i, 3).setToolTip(b.path)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(lambda _i: self._use_selected())
        lay.addWidget(self.table, 1)
        self.empty = QLabel(_t("Резервных копий в папке {0} пока нет. Выберите файл копии вручную.")
                            .format(backup_service.backups_dir()))
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.backups)
        lay.addWidget(self.empty)
        bb = QDialogButtonBox()
        self.restore_btn = bb.addButton(_t("Восстановить"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_btn.setIcon(icon("backup-restore"))
        self.file_btn = QPushButton(icon("folder-open-outline"), _t("Выбрать файл…"))
        bb.addButton(self.file_btn, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = bb.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_t("Отмена"))
        self.restore_btn.clicked.connect(self._use_selected)
        self.file_btn.clicked.connect(self._choose_file)
        bb.rejected.connect(self.reject)
        lay.addWidget(bb)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_btn.setEnabled(bool(self.table.selectedItems())))
        if self.backups:
            self.table.selectRow(0)
        self.restore_btn.setEnabled(bool(self.backups))

    def _use_selected(self) -> None:
        r = self.table.currentRow()
        if 0 <= r < len(self.backups):
            self.chosen = self.backups[r].path
            self.accept()

    def _choose_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _t("Файл резервной копии"), str(backup_service.backups_dir()),
                                               _t("База данных SQLite (*.sqlite3 *.db);;Все файлы (*)"))
        if path:
            self.chosen = path
            self.accept()


def confirm_restore(window, path: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, _t("Восстановление базы данных"),
                      _t("Заменить текущую базу данных копией «{0}»?\n\nВсё, что внесено после создания этой "
                         "копии, пропадёт из рабочей базы. Текущая база перед заменой будет сохранена как "
                         "отдельная копия в папке резервных копий.").format(Path(path).name),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    box.setObjectName("confirmRestore")
    box.setDetailedText(path)
    box.button(QMessageBox.StandardButton.Yes).setText(_t("Восстановить"))
    box.button(QMessageBox.StandardButton.No).setText(_t("Отмена"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def restore_from(window, path: str, confirm: bool = True):
    """Confirm, then restore in the background; pages reload when it is done. Returns the task."""
    if not security.can("admin"):
        QMessageBox.warning(window, _t("Восстановление базы данных"),
                            _t("Восстанавливать базу из копии может только администратор."))
        return None
    if confirm and not confirm_restore(window, path):
        return None

    def work(task):
        task.progress(0, 0, _t("Восстановление базы данных…"))
        return backup_service.restore(path)

    def done(keep):
        events.everything_changed()
        QMessageBox.information(window, _t("Восстановление базы данных"),
                                _t("База восстановлена из «{0}».\nПрежняя база сохранена: {1}")
                                .format(Path(path).name, keep))

    return ops.run_task(window, _t("Восстановление базы данных"), work, on_done=done, cancellable=False)


def run_restore(window):
    if not security.can("admin"):
        QMessageBox.warning(window, _t("Восстановление базы данных"),
                            _t("Восстанавливать базу из копии может только администратор."))
        return None
    try:
        if not context.current().is_sqlite:
            QMessageBox.information(window, _t("Восстановление базы данных"),
                                    _t("Базу PostgreSQL восстанавливают на сервере программой pg_restore."))
            return None
    except RuntimeError:
        return None
    dlg = RestoreDialog(window)
    if not dlg.exec() or not dlg.chosen:
        return None
    return restore_from(window, dlg.chosen)
