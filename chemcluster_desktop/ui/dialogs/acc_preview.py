"""The preview of a bulk accreditation action (issue 16): what will change, named record by record,
with the consequences in one line at the top and the warnings in red above everything; rows can be
unticked where the action allows a choice; «Отмена» is the default button, so Enter changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.ui.screen import fit_to_screen

CTX = "AccPreview"
FLAG_BG = QColor("#fff3e0")


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


@dataclass
class PreviewRow:
    key: object
    cells: list[str]
    checked: bool = True
    enabled: bool = True  # a row that cannot be chosen (shown for information)
    flagged: bool = False  # highlighted: a weak proposal, a removed line
    tooltip: str = ""


@dataclass
class PreviewTable:
    caption: str
    columns: list[str]
    rows: list[PreviewRow] = field(default_factory=list)
    checkable: bool = False


class BulkPreviewDialog(QDialog):
    """``tables[0]`` may be checkable: :meth:`checked_keys` gives the ticked rows after ``accept``."""

    def __init__(self, parent, *, title: str, headline: str, tables: list[PreviewTable], confirm_text: str,
                 warnings: list[str] | None = None, note: str = ""):
        super().__init__(parent)
        self.setObjectName("BulkPreviewDialog")
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        self.warnings = QLabel("\n".join(_t("Внимание: {0}").format(w) for w in warnings or []))
        self.warnings.setObjectName("previewWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b71c1c; font-weight: bold; font-size: 11pt; background: #ffebee; "
                                    "border: 1px solid #ef9a9a; border-radius: 4px; padding: 6px;")
        self.warnings.setVisible(bool(warnings))
        lay.addWidget(self.warnings)
        self.headline = QLabel(headline)
        self.headline.setObjectName("previewHeadline")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.headline)
        self.tables: list[QTableWidget] = []
        self._specs = tables
        for spec in tables:
            if spec.caption:
                cap = QLabel(spec.caption)
                cap.setWordWrap(True)
                lay.addWidget(cap)
            tw = self._table(spec)
            self.tables.append(tw)
            lay.addWidget(tw, 3 if tw is self.tables[0] else 1)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #546e7a;")
        self.note.setVisible(bool(note))
        lay.addWidget(self.note)
        self.buttons = QDialogButtonBox()
        self.confirm_btn = self.buttons.addButton(confirm_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_btn.setObjectName("confirmButton")
        self.cancel_btn = self.buttons.addButton(_t("Отмена"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_btn.setObjectName("cancelButton")
        self.confirm_btn.setAutoDefault(False)
        self.cancel_btn.setAutoDefault(True)
        self.cancel_btn.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        if tables and tables[0].checkable:
            self.tables[0].itemChanged.connect(lambda _it: self._update_confirm())
        self._update_confirm()
        rows = sum(len(s.rows) for s in tables)
        self.resize(980, min(620, 260 + 30 * rows + 60 * len(tables)))
        fit_to_screen(self)
        self.cancel_btn.setFocus()

    def _table(self, spec: PreviewTable) -> QTableWidget:
        tw = QTableWidget(len(spec.rows), len(spec.columns))
        tw.setHorizontalHeaderLabels(spec.columns)
        tw.verticalHeader().hide()
        tw.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tw.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        tw.setWordWrap(True)
        for r, row in enumerate(spec.rows):
            for c, text in enumerate(row.cells):
                it = QTableWidgetItem(text)
                if row.tooltip:
                    it.setToolTip(row.tooltip)
                if row.flagged:
                    it.setBackground(FLAG_BG)
                if c == 0 and spec.checkable:
                    flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                    if row.enabled:
                        flags |= Qt.ItemFlag.ItemIsEnabled
                    it.setFlags(flags)
                    it.setCheckState(Qt.CheckState.Checked if row.checked and row.enabled else Qt.CheckState.Unchecked)
                    it.setData(Qt.ItemDataRole.UserRole, row.key)
                tw.setItem(r, c, it)
        tw.resizeColumnsToContents()
        h = tw.horizontalHeader()
        for c in range(len(spec.columns)):
            tw.setColumnWidth(c, min(tw.columnWidth(c), 340))
        if len(spec.columns) > 2:  # the last column (a note, a reason) takes the room left and wraps
            tw.setColumnWidth(len(spec.columns) - 1, 120)
        h.setStretchLastSection(True)
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.sectionResized.connect(lambda *_a: tw.resizeRowsToContents())
        return tw

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        for tw in self.tables:  # long notes wrap at the width the dialog got
            tw.resizeRowsToContents()

    def checked_keys(self) -> list:
        if not self._specs or not self._specs[0].checkable:
            return []
        tw = self.tables[0]
        return [tw.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(tw.rowCount())
                if tw.item(r, 0).checkState() == Qt.CheckState.Checked]

    def set_checked(self, key, on: bool) -> bool:
        tw = self.tables[0]
        for r in range(tw.rowCount()):
            if tw.item(r, 0).data(Qt.ItemDataRole.UserRole) == key:
                tw.item(r, 0).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return True
        return False

    def _update_confirm(self) -> None:
        if self._specs and self._specs[0].checkable:
            self.confirm_btn.setEnabled(bool(self.checked_keys()))
