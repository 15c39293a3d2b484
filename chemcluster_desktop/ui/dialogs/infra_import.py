"""Import an infrastructure list from Excel: choose the file, the competency and the year; check first
(nothing written) and see every line that cannot be read, then import. An import that removes or
changes lines, costs a workshop links or readiness, or whose file names another competency shows
its preview first (Cancel is the default) and can be undone from here or from the page (issue 16)."""

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
from chemcluster_desktop.ui.style import set_role

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
        self.preview = None
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
        self.undo_btn = self.buttons.addButton(_t("Отменить импорт"), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_btn.setObjectName("undoButton")
        self.undo_btn.hide()
        self.buttons.addButton(_t("Закрыть"), QDialogButtonBox.ButtonRole.RejectRole)
        self.check_btn.clicked.connect(lambda: self.run(dry_run=True))
        self.import_btn.clicked.connect(self.start_import)
        self.undo_btn.clicked.connect(self.undo_import)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        for b in (self.check_btn, self.import_btn, self.undo_btn):
            b.setAutoDefault(False)
        self.check_btn.setDefault(True)  # Enter checks, it never writes

    def browse(self) -> None:
        start = settings().get("paths/import_dir") or str(Path.home())
        path, _f = QFileDialog.getOpenFileName(self, _t("Инфраструктурный лист"), start, _t("Книга Excel (*.xlsx)"))
        if path:
            self.file.setText(path)
            settings().set("paths/import_dir", str(Path(path).parent))
            self.run(dry_run=True)

    def start_import(self) -> None:
        """«Импортировать»: a check first; what would harm the list or its workshops is shown for confirmation."""
        self.run(dry_run=True, then_import=True)

    def undo_import(self) -> None:
        r = self.result_report
        if r is None or r.restore_point is None:
            return
        try:
            res = acc.undo(r.restore_point)
        except ServiceError as e:
            self.summary.setText(str(e))
            return
        self.undo_btn.hide()
        self.import_btn.setEnabled(True)
        self.summary.setText(_t("Импорт отменён: лист и чек-листы мастерских восстановлены (записей: {0}).")
                             .format(res.restored))

    def run(self, dry_run: bool, then_import: bool = False) -> None:
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
                     on_done=lambda r: self._done(r, dry_run, then_import), on_error=self._failed)

    def _failed(self, e: BaseException) -> None:
        self.check_btn.setEnabled(True)
        self.import_btn.setEnabled(True)
        self.errors.setRowCount(0)
        if isinstance(e, ServiceError):
            self.summary.setText(str(e))
            set_role(self.summary, "error")
        else:
            ops.show_error(self, e)

    def _done(self, r, dry_run: bool, then_import: bool = False) -> None:
        self.check_btn.setEnabled(True)
        self.import_btn.setEnabled(True)
        set_role(self.summary, "")
        zones = ", ".join(f"{acc.zone_label(z).lower()} — {n}" for z, n in r.by_zone.items())
        if dry_run:
            text = _t("Проверка: будет импортировано {0} позиций листа «{1}» на {2} год ({3}); строк с ошибками: "
                      "{4}. Ничего не записано.").format(r.imported, r.competency, r.year, zones, len(r.skipped))
            self.checked_report = r
            if r.updated_list or r.workshops:
                text += " " + _t("Если импортировать: {0}.").format(r.consequences())
        else:
            text = _t("Импортировано {0} позиций листа «{1}» на {2} год ({3}); пропущено строк: {4}.").format(
                r.imported, r.competency, r.year, zones, len(r.skipped))
            if r.updated_list:
                text += " " + _t("Лист этого года обновлён: добавлено {0}, изменено {1}, удалено {2}.").format(
                    r.added, r.changed, r.removed)
            lost = sum(w.links_lost for w in r.workshops)
            if lost:
                text += " " + _t("Мастерские потеряли связей: {0}.").format(lost)
            if r.restore_point is not None:
                text += " " + _t("Импорт можно отменить («Отменить импорт»).")
            self.result_report = r
        text += " " + _t("Прочитан лист книги «{0}» (скрытые листы не читаются).").format(r.sheet)
        if r.warnings:
            text += "\n" + "\n".join(_t("Внимание: {0}").format(w) for w in r.warnings)
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
            self.undo_btn.setVisible(r.restore_point is not None)
        elif then_import and r.imported:
            self._confirm(r)

    def _confirm(self, r) -> None:
        if not r.harmful:
            self.run(dry_run=False)
            return
        from chemcluster_desktop.ui.dialogs.acc_bulk import import_preview

        self.preview = import_preview(self, r)
        self.preview.accepted.connect(lambda: self.run(dry_run=False))
        self.preview.open()
