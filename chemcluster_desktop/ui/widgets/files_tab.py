"""The card's «Файлы» tab: the item's attached files (and its substance's, for a reagent) — add,
open with the system viewer, remove. The files live inside the database (in every backup)."""

from __future__ import annotations

import tempfile

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.inventory import attachments
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.style import set_role


def _t(s: str) -> str:
    return QCoreApplication.translate("FilesTab", s)


class FilesTab(QWidget):
    def __init__(self, parent=None, *, read_only: bool = False):
        super().__init__(parent)
        self.setObjectName("filesTab")
        self.item_id: int | None = None
        self.substance_id: int | None = None
        self.files: list[dict] = []
        self.last_opened = None
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("filesTable")
        self.table.setHorizontalHeaderLabels([_t("Файл"), _t("Вид"), _t("Размер"), _t("К чему"), _t("Добавил")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 280)
        self.table.setColumnWidth(1, 200)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("fileKind")
        for k, label in attachments.KINDS.items():
            self.kind.addItem(QCoreApplication.translate("Inventory", label), k)
        self.add_btn = QPushButton(_t("Прикрепить файл…"))
        self.add_btn.setObjectName("addFile")
        self.add_btn.clicked.connect(lambda: self.add_file())
        self.open_btn = QPushButton(_t("Открыть"))
        self.open_btn.setObjectName("openFile")
        self.open_btn.clicked.connect(self.open_selected)
        self.del_btn = QPushButton(_t("Удалить"))
        self.del_btn.setObjectName("deleteFile")
        self.del_btn.clicked.connect(self.delete_selected)
        for w in (QLabel(_t("Вид:")), self.kind, self.add_btn, self.open_btn, self.del_btn):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        self.hint = QLabel(_t("PDF, изображения, документы Word/Excel/OpenDocument, текст — до 50 МБ; файлы хранятся "
                              "в базе данных и входят в резервные копии."))
        set_role(self.hint, "hint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.error = QLabel()
        self.error.setObjectName("filesError")
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        for b in (self.add_btn, self.del_btn):
            b.setEnabled(not read_only)

    def set_item(self, item_id: int | None, substance_id: int | None = None) -> None:
        self.item_id, self.substance_id = item_id, substance_id
        self.setEnabled(item_id is not None)
        self.reload()

    def reload(self) -> None:
        self.files = attachments.files_of_item(self.item_id) if self.item_id is not None else []
        self.table.setRowCount(len(self.files))
        for i, f in enumerate(self.files):
            owner = _t("вещество") if f["owner"] == "substance" else _t("позиция")
            for j, v in enumerate((f["file_name"], f["kind_label"], fmt.decimal(round(f["size"] / 1024, 1)) + " КБ",
                                   owner, f["added_by"])):
                self.table.setItem(i, j, QTableWidgetItem(v))

    def add_file(self, path: str | None = None) -> bool:
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, _t("Прикрепить файл"), "",
                                                   _t("Документы и изображения") + " (" +
                                                   " ".join(f"*.{e}" for e in attachments.ALLOWED) + ")")
            if not path:
                return False
        kind = self.kind.currentData()
        # a safety data sheet belongs to the substance, so every container of it shows the sheet
        owner = ("substance", self.substance_id) if kind == "sds" and self.substance_id else ("item", self.item_id)
        try:
            attachments.add_file(owner[0], owner[1], path, kind=kind)
        except ServiceError as e:
            self.error.setText(str(e))
            return False
        self.error.setText("")
        self.reload()
        return True

    def _selected(self) -> dict | None:
        r = self.table.currentRow()
        return self.files[r] if 0 <= r < len(self.files) else None

    def open_selected(self) -> None:
        f = self._selected()
        if f is None:
            return
        try:
            path = attachments.export_to(f["id"], tempfile.mkdtemp(prefix="chemcluster-file-"))
        except (ServiceError, OSError) as e:
            self.error.setText(str(e))
            return
        self.last_opened = path
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def delete_selected(self) -> None:
        f = self._selected()
        if f is None:
            return
        try:
            attachments.delete_file(f["id"])
        except ServiceError as e:
            self.error.setText(str(e))
            return
        self.reload()
