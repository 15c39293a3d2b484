"""Import an infrastructure list from Excel: choose the file, the competency and the year; check first
(nothing written) and see every line that cannot be read, then import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import ops

CTX = "InfraImport"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class InfraImportDialog(QDialog):
    """``result_report`` holds the ImportReport after a successful import."""

    def __init__(self, parent=None, competency: str = "", path: str = ""):
        super().__init__(parent)
        self.setObjectName("InfraImportDialog")
        self.setWindowTitle(_t("Импорт инфраструктурного листа"))
        self.resize(760, 560)
        self.result_report = None
        self.checked_report = None
        lay = QVBoxLayout(self)
        form = QFormLayout()
        fbox = QHBoxLayout()
        self.file = QLineEdit(path)
        self.file.setObjectName("file")
        self.file.setPlaceholderText(_t("Файл .xlsx с инфраструктурным листом"))
        browse = QPushButton(_t("Обзор…"))
        browse.clicked.connect(self.browse)
        fbox.addWidget(self.file, 1)
        fbox.addWidget(browse)
        form.addRow(_t("Файл *"), fbox)
        self.competency = QComboBox()
        self.competency.setObjectName("competency")
        self.competency.setEditable(True)
        self.competency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for c in acc.competencies():
            self.competency.addItem(c.name, c.id)
        self.competency.setEditText(competency)
        self.competency.lineEdit().setPlaceholderText(_t("Компетенция (новая будет создана)"))
        form.addRow(_t("Компетенция *"), self.competency)
        ybox = QHBoxLayout()
        self.auto_year = QCheckBox(_t("из заголовка файла"))
        self.auto_year.setChecked(True)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setEnabled(False)
        self.auto_year.toggled.connect(lambda on: self.year.setEnabled(not on))
        ybox.addWidget(self.auto_year)
        ybox.addWidget(self.year)
        ybox.addStretch(1)
        form.addRow(_t("Год листа"), ybox)
        self.strict = QCheckBox(_t("Не импортировать ничего, если есть строки с ошибками"))
        form.addRow("", self.strict)
        lay.addLayout(form)
        self.summary = QLabel(_t("Выберите файл и нажмите «Проверить»: ничего не будет записано, пока вы не "
                                 "нажмёте «Импортировать»."))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.errors = QTableWidget(0, 2)
        self.errors.setObjectName("errors")
        self.errors.setHorizontalHeaderLabels([_t("Строка"), _t("Что не так")])
        self.errors.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.errors.verticalHeader().hide()
        self.errors.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.errors.setWordWrap(True)
        lay.addWidget(self.errors, 1)
        self.buttons = QDialogButtonBox()
        self.check_btn = self.buttons.addButton(_t("Проверить"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_btn = self.buttons.addButton(_t("Импортировать"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_btn.setObjectName("importButton")
        self.buttons.addButton(_t("Закрыть"), QDialogButtonBox.ButtonRole.RejectRole)
        self.check_btn.clicked.connect(lambda: self.run(dry_run=True))
        self.import_btn.clicked.connect(lambda: self.run(dry_run=False))
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.import_btn.setDefault(True)

    def browse(self) -> None:
        start = settings().get("paths/import_dir") or str(Path.home())
        path, _f = QFileDialog.getOpenFileName(self, _t("Инфраструктурный лист"), start, _t("Книга Excel (*.xlsx)"))
        if path:
            self.file.setText(path)
            settings().set("paths/import_dir", str(Path(path).parent))
            self.run(dry_run=True)

    def run(self, dry_run: bool) -> None:
        path = self.file.text().strip()
        comp = self.competency.currentText().strip()
        if not path:
            self.summary.setText(_t("Выберите файл."))
            return
        if not comp:
            self.summary.setText(_t("Укажите компетенцию."))
            return
        year = None if self.auto_year.isChecked() else self.year.value()
        strict = self.strict.isChecked()
        self.check_btn.setEnabled(False)
        self.import_btn.setEnabled(False)

        def work(task):
            return acc.import_infrastructure_list(path, comp, year=year, dry_run=dry_run, strict=strict,
                                                  progress=lambda d, t: task.progress(d, t, _t("Чтение листа…")),
                                                  cancelled=task.is_cancelled)

        ops.run_task(self, _t("Импорт инфраструктурного листа"), work,
                     on_done=lambda r: self._done(r, dry_run), on_error=self._failed)

    def _failed(self, e: BaseException) -> None:
        self.check_btn.setEnabled(True)
        self.import_btn.setEnabled(True)
        self.errors.setRowCount(0)
        if isinstance(e, ServiceError):
            self.summary.setText(str(e))
            self.summary.setProperty("role", "error")
            self.summary.style().polish(self.summary)
        else:
            ops.show_error(self, e)

    def _done(self, r, dry_run: bool) -> None:
        self.check_btn.setEnabled(True)
        self.import_btn.setEnabled(True)
        self.summary.setProperty("role", "")
        self.summary.style().polish(self.summary)
        zones = ", ".join(f"{acc.zone_label(z).lower()} — {n}" for z, n in r.by_zone.items())
        if dry_run:
            text = _t("Проверка: будет импортировано {0} позиций листа «{1}» на {2} год ({3}); строк с ошибками: "
                      "{4}. Ничего не записано.").format(r.imported, r.competency, r.year, zones, len(r.skipped))
            self.checked_report = r
        else:
            text = _t("Импортировано {0} позиций листа «{1}» на {2} год ({3}); пропущено строк: {4}.").format(
                r.imported, r.competency, r.year, zones, len(r.skipped))
            if r.updated_list:
                text += " " + _t("Лист этого года обновлён: добавлено {0}, изменено {1}, удалено {2}; чек-листы "
                                 "мастерских сохранены.").format(r.added, r.changed, r.removed)
            self.result_report = r
        text += " " + _t("Прочитан лист книги «{0}» (скрытые листы не читаются).").format(r.sheet)
        if r.warnings:
            text += "\n" + "\n".join("⚠ " + w for w in r.warnings)
        self.summary.setText(text)
        self.errors.setRowCount(len(r.skipped))
        for i, (row, msg) in enumerate(r.skipped):
            it = QTableWidgetItem(str(row))
            it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.errors.setItem(i, 0, it)
            self.errors.setItem(i, 1, QTableWidgetItem(msg))
        self.errors.resizeRowsToContents()
        if not dry_run:
            self.import_btn.setEnabled(False)
