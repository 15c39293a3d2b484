"""Excel import (with its preview dialog) and export of the inventory page (a mixin of
:class:`.inventory.InventoryPage`, kept apart to hold the page under 600 lines)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

from chemcluster_desktop.services import inventory
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import filenames, ops


def _t(s: str) -> str:
    return QCoreApplication.translate("InventoryPage", s)


class InventoryExcelMixin:
    # --- Excel -------------------------------------------------------------------------------------------------------
    def on_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # the dialogs load when asked for, not with the page

        start = settings().get("paths/import_dir") or str(Path.home())
        path, _f = QFileDialog.getOpenFileName(self, _t("Импорт инвентаря из Excel"), start,
                                               _t("Книги Excel (*.xlsx)"))
        if path:
            settings().set("paths/import_dir", str(Path(path).parent))
            self.import_file(path)

    def import_file(self, path: str):
        """Read the file in the background, then show the preview dialog."""

        def done(pv):
            from chemcluster_desktop.ui.dialogs.inventory_import import InventoryImportDialog

            dlg = InventoryImportDialog(self, path, pv)
            dlg.imported.connect(self._imported)
            self._open_dialog(dlg)

        self.last_task = ops.run_task(self, _t("Чтение файла Excel…"),
                                      lambda task: inventory.preview_import(path, progress=task.progress,
                                                                            cancelled=task.is_cancelled),
                                      on_done=done)
        return self.last_task

    def _imported(self, report) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.last_report = report
        text = report.summary()
        self.count_label.setText(text)
        self.status_message.emit(text)
        box = QMessageBox(QMessageBox.Icon.Information, _t("Импорт завершён"), text, QMessageBox.StandardButton.Ok,
                          self)
        if report.skipped:
            box.setDetailedText("\n".join(_t("строка {0}: {1}").format(r, m) for r, m in report.skipped))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()

    def on_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = filenames.start_path(filenames.default_name("inventory", ext="xlsx"))
        path, _f = QFileDialog.getSaveFileName(self, _t("Экспорт в Excel"), start, _t("Книги Excel (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            settings().set("paths/export_dir", str(Path(path).parent))
            self.export_to(path)

    def export_to(self, path: str):
        q = self.current_query()

        def done(n):
            text = _t("Выгружено позиций: {0} → {1}").format(n, path)
            self.count_label.setText(text)
            self.status_message.emit(text)

        self.last_task = ops.run_task(self, _t("Экспорт в Excel…"),
                                      lambda task: inventory.export_inventory(path, q, progress=task.progress,
                                                                              cancelled=task.is_cancelled),
                                      on_done=done)
        return self.last_task
