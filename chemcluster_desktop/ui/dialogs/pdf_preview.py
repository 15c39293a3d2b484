"""Preview a PDF inside the program (QtPdf), then save it or print it with the system dialog."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import filenames, screen
from chemcluster_desktop.ui.icons import icon


def _t(s: str) -> str:
    return QCoreApplication.translate("PdfPreview", s)


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf_path: str | Path, title: str, parent=None, suggested_name: str | None = None):
        super().__init__(parent)
        self.setObjectName("PdfPreviewDialog")
        self.pdf_path = Path(pdf_path)
        self.print_task = None
        self.suggested_name = suggested_name or filenames.pdf_name(title)
        self.setWindowTitle(title)
        self.resize(screen.fit_size(QSize(980, 860), self))
        self.doc = QPdfDocument(self)
        self.doc.load(str(self.pdf_path))
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.info = QLabel(_t("Страниц: {0}").format(self.doc.pageCount()))
        self.info.setObjectName("pdfInfo")
        bar.addWidget(self.info)
        bar.addStretch(1)
        self.zoom_out = QPushButton(icon("magnify-minus-outline"), "")
        self.zoom_in = QPushButton(icon("magnify-plus-outline"), "")
        self.zoom_out.setToolTip(_t("Уменьшить"))
        self.zoom_in.setToolTip(_t("Увеличить"))
        self.save_btn = QPushButton(icon("content-save-outline"), _t("Сохранить PDF…"))
        self.save_btn.setObjectName("savePdf")
        self.save_btn.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.print_btn = QPushButton(icon("printer-outline"), _t("Печать…"))
        self.print_btn.setObjectName("printPdf")
        self.print_btn.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.close_btn = QPushButton(_t("Закрыть"))
        for b in (self.zoom_out, self.zoom_in, self.save_btn, self.print_btn, self.close_btn):
            bar.addWidget(b)
        lay.addLayout(bar)
        from chemcluster_desktop.ui import printing

        # how «Печать…» reaches the default printer: the PDF as it is (CUPS) or page images (issue 16)
        self.route = printing.default_route()
        self.route_label = QLabel(printing.route_note(self.route))
        self.route_label.setObjectName("printRoute")
        self.route_label.setWordWrap(True)
        self.route_label.setStyleSheet("color: #546e7a;")
        self.print_btn.setToolTip(self.route_label.text())
        lay.addWidget(self.route_label)
        self.view = QPdfView(self)
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        lay.addWidget(self.view, 1)
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self._zoom(0.8))
        self.zoom_in.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.zoom_out.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        fit = QShortcut(QKeySequence("Ctrl+0"), self)
        fit.activated.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        if self.doc.status() == QPdfDocument.Status.Error or self.doc.pageCount() == 0:
            self.info.setText(_t("Файл «{0}» не удалось открыть как PDF.").format(self.pdf_path.name))
            self.print_btn.setEnabled(False)
        self.save_btn.clicked.connect(self.save_as)
        self.print_btn.clicked.connect(lambda: self.print_())  # clicked(bool) must not reach print_(printer)
        self.close_btn.clicked.connect(self.reject)

    def _page_changed(self, page: int) -> None:
        self.info.setText(_t("Страница {0} из {1}").format(page + 1, self.doc.pageCount()))

    def _zoom(self, f: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * f)))

    def save_as(self, target: str | None = None) -> Path | None:
        if not target:
            start = Path(settings().get("paths/export_dir") or Path.home()) / self.suggested_name
            target, _ = QFileDialog.getSaveFileName(self, _t("Сохранить PDF"), str(start), "PDF (*.pdf)")
        if not target:
            return None
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as e:
            QMessageBox.warning(self, _t("Не сохранено"), _t("Не удалось сохранить файл «{0}»: {1}")
                                .format(target, e.strerror or e))
            return None
        settings().set("paths/export_dir", str(Path(target).parent))
        return Path(target)

    def print_(self, printer: QPrinter | None = None):
        """Print in the background (progress, «Отмена»); the running task, or None if not started."""
        from chemcluster_desktop.ui.printing import start_print

        self.print_task = start_print(self, self.pdf_path, printer)
        return self.print_task


def preview(parent, pdf_path, title: str, suggested_name: str | None = None) -> PdfPreviewDialog:
    """Open the preview (non-blocking for tests: returns the dialog, shown)."""
    dlg = PdfPreviewDialog(pdf_path, title, parent, suggested_name)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    dlg.show()
    return dlg
