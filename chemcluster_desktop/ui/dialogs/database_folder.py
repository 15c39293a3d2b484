"""The first start asks where the database will live.

Lab PCs often wipe the user profile (``%LOCALAPPDATA%``) at log-off; a database kept there would vanish.
The dialog suggests a folder that survives it (``paths.suggested_database_dir``: on Windows the all-users
Documents folder), lets the person pick another one (a network folder is allowed: it is then opened in
single-PC mode), checks that a file can be created there, and remembers the choice in the settings
(changeable later in Сервис → Настройки).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from chemcluster_desktop import files, paths
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.style import set_role


def _t(s: str) -> str:
    return QCoreApplication.translate("DatabaseFolder", s)


def folder_problem(folder: str) -> str | None:
    """Why ``folder`` cannot hold the database, or None. Creates it when missing."""
    folder = folder.strip()
    if not folder:
        return _t("Укажите папку.")
    p = Path(folder).expanduser()
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return _t("Папку «{0}» создать нельзя: {1}.").format(p, e.strerror or e)
    if not files.writable_dir(p):
        return _t("В папку «{0}» нельзя записать файл: выберите папку, куда у вас есть право записи.").format(p)
    return None


class DatabaseFolderDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("databaseFolderDialog")
        self.setWindowTitle(_t("Где хранить базу данных"))
        self.setMinimumWidth(620)
        lay = QVBoxLayout(self)
        text = QLabel(_t("Выберите папку для базы данных ChemCluster и её резервных копий. Папка профиля "
                         "пользователя на компьютерах классов часто очищается при выходе из системы, поэтому "
                         "предлагается общая папка, которая сохраняется. Папку можно сменить позже: "
                         "Сервис → Настройки."))
        text.setWordWrap(True)
        lay.addWidget(text)
        row = QHBoxLayout()
        self.folder = QLineEdit(str(paths.suggested_database_dir()))
        self.folder.setObjectName("databaseFolder")
        row.addWidget(self.folder, 1)
        browse = QPushButton(icon("folder-open-outline"), _t("Обзор…"))
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        lay.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("folderError")
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("Хранить здесь"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Оставить в папке пользователя"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _browse(self) -> None:
        d = QFileDialog.getExistingDirectory(self, _t("Папка базы данных"), self.folder.text())
        if d:
            self.folder.setText(d)

    def accept(self) -> None:
        problem = folder_problem(self.folder.text())
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        settings().set("database_folder", str(Path(self.folder.text().strip()).expanduser()))
        super().accept()

    def reject(self) -> None:  # the user data folder, and the question is not asked again
        settings().set("database_folder", str(paths.data_dir()))
        super().reject()


def ask_database_folder(parent=None) -> None:
    DatabaseFolderDialog(parent).exec()
