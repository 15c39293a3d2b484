"""A generic preview of an Excel import: how the file's columns were matched (with a mapping step
where the match is unsure), the first rows as they will be imported, every bad row with its number
and reason, and notes (rooms to create…). «Импортировать» runs the import in the background.

The dialog is not tied to the inventory: give it a ``preview`` object with the attributes
``headers, header_row, mapping (col→field), uncertain (cols), fields [(field, label)], rows
[(row, [values])], columns [labels], errors [(row, reason)], notes [str], report.imported`` and two
callables::

    dlg = ImportPreviewDialog(parent, "Импорт инвентаря", preview,
                              repreview=lambda mapping: service.preview_import(path, mapping),
                              run_import=lambda mapping, task: service.import_inventory(path, mapping=mapping,
                                            progress=task.progress, cancelled=task.is_cancelled))
    dlg.imported.connect(lambda report: ...)
    dlg.open()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops


def _t(s: str) -> str:
    return QCoreApplication.translate("ImportPreview", s)


class ImportPreviewDialog(QDialog):
    imported = Signal(object)  # the import's report

    def __init__(self, parent, title: str, preview: Any, *, repreview: Callable[[dict[int, str]], Any],
                 run_import: Callable[[dict[int, str], Any], Any], unit_text: str = ""):
        super().__init__(parent)
        self.setObjectName("ImportPreviewDialog")
        self.setWindowTitle(title)
        self.resize(1000, 700)
        self.preview = preview
        self.repreview = repreview
        self.run_import = run_import
        self.unit_text = unit_text
        self.report = None
        self.task = None
        lay = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setObjectName("importInfo")
        self.info.setWordWrap(True)
        lay.addWidget(self.info)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        # mapping
        self.map_table = QTableWidget(0, 2)
        self.map_table.setObjectName("importMapping")
        self.map_table.setHorizontalHeaderLabels([_t("Столбец в файле"), _t("Поле программы")])
        self.map_table.verticalHeader().setVisible(False)
        self.map_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.map_table.setColumnWidth(1, 320)
        mp_w = QLabel(_t("Проверьте, какие столбцы файла в какие поля попадут. Жёлтым отмечены неуверенные "
                         "совпадения; измените их и нажмите «Применить»."))
        mp_w.setWordWrap(True)
        page = QWidget()
        pl = QVBoxLayout(page)
        pl.addWidget(mp_w)
        pl.addWidget(self.map_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.apply_btn = QPushButton(_t("Применить сопоставление"))
        self.apply_btn.setObjectName("importApplyMapping")
        self.apply_btn.setAutoDefault(False)
        self.apply_btn.clicked.connect(self.apply_mapping)
        row.addWidget(self.apply_btn)
        pl.addLayout(row)
        self.tabs.addTab(page, _t("Столбцы"))
        self.rows_table = QTableWidget()
        self.rows_table.setObjectName("importRows")
        self.rows_table.verticalHeader().setVisible(True)
        self.rows_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows_table.setAlternatingRowColors(True)
        self.tabs.addTab(self.rows_table, _t("Строки"))
        self.err_table = QTableWidget(0, 2)
        self.err_table.setObjectName("importErrors")
        self.err_table.setHorizontalHeaderLabels([_t("Строка"), _t("Причина")])
        self.err_table.verticalHeader().setVisible(False)
        self.err_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.err_table.horizontalHeader().setStretchLastSection(True)
        self.err_table.setColumnWidth(0, 70)
        self.tabs.addTab(self.err_table, _t("Ошибки"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_btn = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_btn.setObjectName("importRun")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.build_extra()
        self.show_preview(preview)

    def build_extra(self) -> None:
        """Phase one for a subclass: its own widgets (options, more tabs), made before the first preview is
        shown, so that :meth:`show_preview` may use every one of them."""

    # --- preview ----------------------------------------------------------------------------------------
    def show_preview(self, pv: Any) -> None:
        self.preview = pv
        rep = pv.report
        n_err = len(pv.errors)
        lines = [_t("Заголовок таблицы найден в строке {0}. Строк с данными: {1}; будет импортировано: {2}; "
                    "с ошибками: {3}.").format(pv.header_row, rep.total_rows, rep.imported, n_err)]
        lines += list(pv.notes)
        self.info.setText("\n".join(lines))
        # mapping
        self.map_table.setRowCount(0)
        self._combos: list[tuple[int, QComboBox]] = []
        for col, text in enumerate(pv.headers):
            if not text:
                continue
            r = self.map_table.rowCount()
            self.map_table.insertRow(r)
            it = QTableWidgetItem(text)
            it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.map_table.setItem(r, 0, it)
            cb = QComboBox()
            cb.setObjectName(f"mapCol{col}")
            cb.addItem(_t("— не импортировать —"), "")
            for f, label in pv.fields:
                cb.addItem(label, f)
            cb.setCurrentIndex(max(cb.findData(pv.mapping.get(col, "")), 0))
            if col in pv.uncertain:
                it.setBackground(QColor("#fff4d6"))
                it.setToolTip(_t("Совпадение неуверенное: проверьте поле."))
            self.map_table.setCellWidget(r, 1, cb)
            self._combos.append((col, cb))
        # rows
        self.rows_table.clear()
        self.rows_table.setColumnCount(len(pv.columns))
        self.rows_table.setHorizontalHeaderLabels(list(pv.columns))
        self.rows_table.setRowCount(len(pv.rows))
        self.rows_table.setVerticalHeaderLabels([str(r) for r, _v in pv.rows])
        for i, (_r, vals) in enumerate(pv.rows):
            for j, v in enumerate(vals):
                self.rows_table.setItem(i, j, QTableWidgetItem(v))
        self.rows_table.resizeColumnsToContents()
        # errors
        self.err_table.setRowCount(n_err)
        for i, (r, reason) in enumerate(pv.errors):
            a = QTableWidgetItem(str(r))
            a.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.err_table.setItem(i, 0, a)
            self.err_table.setItem(i, 1, QTableWidgetItem(reason))
        self.tabs.setTabText(2, _t("Ошибки ({0})").format(n_err))
        self.tabs.setTabText(1, _t("Строки ({0})").format(rep.imported))
        self.ok_btn.setText(_t("Импортировать {0}").format(rep.imported) + (f" {self.unit_text}" if self.unit_text
                                                                            else ""))
        self.ok_btn.setEnabled(rep.imported > 0)
        if pv.uncertain:
            self.tabs.setCurrentIndex(0)
        elif n_err:
            self.tabs.setCurrentIndex(2)
        else:
            self.tabs.setCurrentIndex(1)

    def mapping(self) -> dict[int, str]:
        return {col: cb.currentData() for col, cb in self._combos}

    def apply_mapping(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pv = self.repreview(self.mapping())
        except ServiceError as e:
            QApplication.restoreOverrideCursor()
            self.info.setText(str(e))
            return
        QApplication.restoreOverrideCursor()
        self.show_preview(pv)

    # --- import -----------------------------------------------------------------------------------------
    def start_import(self) -> None:
        mapping = self.mapping()
        self.ok_btn.setEnabled(False)

        def done(report):
            self.report = report
            self.imported.emit(report)
            self.accept()

        def failed(err):
            self.ok_btn.setEnabled(True)
            ops.show_error(self, err)

        self.task = ops.run_task(self, self.windowTitle(), lambda task: self.run_import(mapping, task),
                                 on_done=done, on_error=failed)
