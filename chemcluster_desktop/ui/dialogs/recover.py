"""The database file is corrupt at start: offer the newest good backup.

``offer_recovery(parent, db, error) -> Database | None``: lists the backups of that database, checks
them (newest first) and proposes the newest whole one; the person may pick another or a file of their
own. The corrupt file is moved aside (kept, never deleted), the backup put in its place, and the
database opened. ``None`` when the person declines or nothing could be restored.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from chemcluster_desktop.services import backup as backup_service
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import format as fmt

log = logging.getLogger(__name__)


def _t(s: str) -> str:
    return QCoreApplication.translate("RecoverDialog", s)


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


class RecoverDialog(QDialog):
    """Lists the checked backups; ``chosen_path`` after accept."""

    def __init__(self, parent, db, error, backups: list[backup_service.BackupInfo]):
        super().__init__(parent)
        self.setObjectName("recoverDialog")
        self.setWindowTitle(_t("База данных повреждена"))
        self.setMinimumWidth(560)
        self.db = db
        self.chosen_path: str | None = None
        lay = QVBoxLayout(self)
        head = QLabel(str(error))
        head.setWordWrap(True)
        head.setObjectName("dialogHeader")
        lay.addWidget(head)
        self.info = QLabel()
        self.info.setWordWrap(True)
        lay.addWidget(self.info)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for b in backups:
            it = QListWidgetItem(_t("{0} — {1}, {2}").format(fmt.datetime(b.created), _reason(b.reason), _size(b.size)))
            it.setData(Qt.ItemDataRole.UserRole, b.path)
            it.setToolTip(b.path)
            self.list.addItem(it)
        if backups:
            self.list.setCurrentRow(0)
            self.info.setText(_t("Найдена последняя исправная резервная копия. Восстановить базу из неё? "
                                 "Изменения, сделанные после копии, будут потеряны. Повреждённый файл не "
                                 "удаляется: он будет переименован и сохранён рядом."))
        else:
            self.info.setText(_t("Исправных резервных копий этой базы не найдено. Выберите файл копии вручную "
                                 "или закройте программу и обратитесь к администратору."))
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        lay.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton(_t("Восстановить из копии"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)
        self.restore_button.setEnabled(bool(backups))
        self.file_button = QPushButton(_t("Другой файл…"))
        self.file_button.setObjectName("otherFileButton")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(_t("Выход"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.file_button.clicked.connect(self._other_file)
        lay.addWidget(self.buttons)

    def _other_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _t("Файл резервной копии"), str(backup_service.backups_dir(
            self.db)), _t("Резервные копии (*.sqlite3 *.db);;Все файлы (*)"))
        if not path:
            return
        if not backup_service.is_good_backup(path):
            QMessageBox.warning(self, _t("Файл не подходит"),
                                _t("Файл «{0}» не является исправной копией базы ChemCluster.").format(path))
            return
        self.chosen_path = path
        super().accept()

    def accept(self) -> None:
        if self.chosen_path is None:
            it = self.list.currentItem()
            if it is None:
                return
            self.chosen_path = it.data(Qt.ItemDataRole.UserRole)
        super().accept()


def good_backups(db) -> list[backup_service.BackupInfo]:
    """Backups of ``db`` that pass the integrity check, newest first (SQLite copies only)."""
    out = []
    try:
        infos = backup_service.list_backups(db)
    except Exception as e:  # noqa: BLE001 - no backup folder is no backups
        log.warning("cannot list backups: %s", e)
        return []
    for b in infos:
        if b.path.endswith(".sqlite3") and backup_service.is_good_backup(b.path):
            out.append(b)
    return out


def offer_recovery(parent, db, error):
    """Returns the opened Database, or None."""
    from chemcluster_desktop.services.database import database_url

    db = database_url(db)  # None means $CHEMCLUSTER_DB or the default file: name it once
    dlg = RecoverDialog(parent, db, error, good_backups(db))
    if dlg.exec() != QDialog.DialogCode.Accepted or not dlg.chosen_path:
        return None
    try:
        aside = backup_service.recover_corrupt(db, dlg.chosen_path)
        log.warning("corrupt database moved to %s; restored from %s", aside, dlg.chosen_path)
        return context.open_database(db)
    except ServiceError as e:
        QMessageBox.critical(parent, _t("Восстановление не удалось"), str(e))
        return None
    except OSError as e:
        QMessageBox.critical(parent, _t("Восстановление не удалось"),
                             _t("Не удалось заменить файл базы данных: {0}").format(e.strerror or e))
        return None
