"""«Отчёты»: the reports centre — every printed document with its filters, a preview inside the
program (QtPdf), saving as PDF and printing through the system dialog."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import printing, report_filters, security
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import events, filenames, ops, style
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.pages.base import PAGE_SHORTCUT, Page
from chemcluster_desktop.ui.style import set_role
from chemcluster_desktop.ui.widgets.filter_bar import FilterBar

CTX = "ReportsPage"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


_tmpdir: str | None = None


def temp_pdf(kind: str) -> Path:
    global _tmpdir
    if _tmpdir is None:
        _tmpdir = tempfile.mkdtemp(prefix="chemcluster-reports-")
    n = len(list(Path(_tmpdir).glob(f"{kind}-*.pdf")))
    return Path(_tmpdir) / f"{kind}-{n + 1}.pdf"


def kind_title(kind: str) -> str:
    try:
        return printing.title(kind)
    except Exception:  # the area's module is missing (tests/test_areas.py forbids it): still name it
        return kind


def generate(parent, kind: str, filters: dict, on_done, on_error=None):
    """Build a document in the background (progress + cancel); ``on_done(ReportResult)`` on the GUI thread."""
    from chemcluster_desktop.services.settings_service import register_logo

    register_logo()  # the college logo from the settings in every document's header
    dest = temp_pdf(kind)
    clean = {k: v for k, v in filters.items() if v not in (None, "")}
    return ops.run_task(parent, _t("Формирование документа «{0}»").format(kind_title(kind)),
                        lambda task: printing.build(kind, dest, progress=task.progress, cancelled=task.is_cancelled,
                                                    **clean),
                        on_done=on_done, on_error=on_error)


def generate_and_preview(parent, kind: str, filters: dict | None = None):
    """For other pages' «Печать»: build the document, then open the preview dialog."""
    from chemcluster_desktop.ui.dialogs.pdf_preview import preview

    def done(res):
        parent._last_preview = preview(parent, res.path, res.title, suggested_name=filenames.report_name(kind))

    return generate(parent, kind, filters or {}, done)


class ReportsPage(Page, QWidget):
    key = "reports"
    area = "reports"
    context = CTX
    title_text = "Отчёты и печатные формы"
    write_permission = None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind: str | None = None
        self.result: printing.ReportResult | None = None
        self.filter_widgets: dict[str, QWidget] = {}
        self.filter_labels: dict[str, str] = {}
        self._build()
        self.retranslate_ui()
        events.bus().changed.connect(self._on_data_changed)
        self._stale = True

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 8)
        lay.setSpacing(8)
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        style.title_font(self.title_label)
        lay.addWidget(self.title_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        lay.addWidget(split, 1)

        self.list = QListWidget()
        self.list.setObjectName("reportList")
        self.list.setMinimumWidth(260)
        self.list.setMaximumWidth(380)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        for kind in printing.KINDS:
            it = QListWidgetItem(icon("file-pdf-box", "#1f6fb2"), "")
            it.setData(Qt.ItemDataRole.UserRole, kind)
            self.list.addItem(it)
        self.list.currentRowChanged.connect(self._on_kind)
        split.addWidget(self.list)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(12, 0, 0, 0)
        self.doc_title = QLabel()
        f = QFont(self.doc_title.font())
        f.setPointSize(f.pointSize() + 3)
        f.setBold(True)
        self.doc_title.setFont(f)
        self.doc_desc = QLabel()
        self.doc_desc.setWordWrap(True)
        set_role(self.doc_desc, "hint")
        rv.addWidget(self.doc_title)
        rv.addWidget(self.doc_desc)
        self.filters_box = QFrame()
        self.filters_form = QFormLayout(self.filters_box)
        self.filters_form.setContentsMargins(0, 4, 0, 4)
        rv.addWidget(self.filters_box)
        self.no_filters = QLabel()
        set_role(self.no_filters, "hint")
        rv.addWidget(self.no_filters)

        bar = FilterBar(spacing=6, glue_labels=False)  # the buttons wrap when the page is narrow (125 %)
        self.preview_btn = QPushButton(icon("eye-outline"), "")
        self.preview_btn.setObjectName("previewReport")
        self.preview_btn.setDefault(True)
        self.save_btn = QPushButton(icon("content-save-outline"), "")
        self.save_btn.setObjectName("saveReport")
        self.print_btn = QPushButton(icon("printer-outline"), "")
        self.print_btn.setObjectName("printReport")
        self.open_btn = QPushButton(icon("open-in-new"), "")
        self.open_btn.setObjectName("openPreviewDialog")
        for b in (self.preview_btn, self.save_btn, self.print_btn, self.open_btn):
            bar.addWidget(b)
        rv.addWidget(bar)
        self.info = QLabel()
        self.info.setObjectName("reportInfo")
        set_role(self.info, "hint")
        rv.addWidget(self.info)
        self.error = QLabel()
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        rv.addWidget(self.error)

        self.doc = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("reportPreview")
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setStyleSheet("background: #e9edf1;")
        # until a document is built, the preview area says what to do instead of showing an empty grey box
        self.placeholder = QLabel()
        self.placeholder.setObjectName("reportPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("background: #e9edf1; color: #546e7a; font-size: 11pt; padding: 24px;")
        self.preview_stack = QStackedWidget()
        self.preview_stack.addWidget(self.placeholder)
        self.preview_stack.addWidget(self.view)
        rv.addWidget(self.preview_stack, 1)
        split.addWidget(right)
        split.setStretchFactor(1, 1)

        self.preview_btn.clicked.connect(self.on_preview)
        self.save_btn.clicked.connect(lambda: self.on_save())
        self.print_btn.clicked.connect(lambda: self.on_print())
        self.open_btn.clicked.connect(self.on_open_dialog)
        for seq, fn in ((QKeySequence(QKeySequence.StandardKey.Refresh), self.on_preview),
                        (QKeySequence("Ctrl+Return"), self.on_preview),
                        (QKeySequence(QKeySequence.StandardKey.Save), lambda: self.on_save()),
                        (QKeySequence(QKeySequence.StandardKey.Print), lambda: self.on_print())):
            a = QAction(self)
            a.setShortcut(seq)
            a.setShortcutContext(PAGE_SHORTCUT)  # without a click into the page first
            a.triggered.connect(fn)
            self.addAction(a)
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.title_label.setText(_t("Отчёты и печатные формы"))
        self.placeholder.setText(_t("Выберите документ и задайте фильтры, затем нажмите «Сформировать» (F5): "
                                    "документ появится здесь, его можно сохранить (Ctrl+S) или напечатать (Ctrl+P)."))
        for i in range(self.list.count()):
            it = self.list.item(i)
            kind = it.data(Qt.ItemDataRole.UserRole)
            it.setText(kind_title(kind))
            it.setToolTip(report_filters.description(kind))
        self.preview_btn.setText(_t("Сформировать (F5)"))
        self.save_btn.setText(_t("Сохранить PDF… (Ctrl+S)"))
        self.print_btn.setText(_t("Печать… (Ctrl+P)"))
        self.open_btn.setText(_t("Открыть в окне"))
        self.no_filters.setText(_t("Этот документ формируется без фильтров."))
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(printing.KINDS.index("kpi") if "kpi" in printing.KINDS else 0)
        elif self.kind:
            self._on_kind(self.list.currentRow())

    def on_role_changed(self) -> None:
        self._update_buttons()

    def save_state(self) -> None:
        pass

    def _on_data_changed(self, _area: str) -> None:
        self._stale = True
        if self.isVisible():
            self._fill_filters()

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        if self._stale:
            self._fill_filters()

    # --- filters --------------------------------------------------------------------------------
    def select_kind(self, kind: str) -> None:
        self.list.setCurrentRow(list(printing.KINDS).index(kind))

    def _on_kind(self, row: int) -> None:
        if row < 0:
            return
        kind = self.list.item(row).data(Qt.ItemDataRole.UserRole)
        if kind != self.kind:
            self.result = None
            self.doc.close()
            self.preview_stack.setCurrentWidget(self.placeholder)
            self.info.setText("")
        self.kind = kind
        self.doc_title.setText(kind_title(kind))
        self.doc_desc.setText(report_filters.description(kind))
        self._set_error("")
        while self.filters_form.rowCount():
            self.filters_form.removeRow(0)
        self.filter_widgets.clear()
        try:
            names = printing.filters(kind)
            available = True
        except Exception as e:  # the area's report module is not installed
            names, available = [], False
            self._set_error(_t("Документ недоступен: {0}").format(e))
        for name in names:
            if name in report_filters.FREE_TEXT:
                w = QLineEdit()
                w.setPlaceholderText(_t("например, 12, 15, 40") if name == "ids"
                                     else _t("как в поиске списка, например: колба"))
            else:
                w = QComboBox()
                w.setEditable(True)
                w.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                w.setMinimumWidth(420)
                w.lineEdit().setPlaceholderText(_t("— все —"))
            w.setObjectName(f"filter_{name}")
            self.filter_widgets[name] = w
            self.filters_form.addRow(printing.filter_label(name) + ":", w)
        cls = self.filter_widgets.get("class_")
        if isinstance(cls, QComboBox) and "school" in self.filter_widgets:
            cls.activated.connect(self._class_chosen)
        self.no_filters.setVisible(available and not names)
        self._stale = True
        self._fill_filters()
        self._update_buttons()

    def _fill_filters(self) -> None:
        if self.kind is None:
            return
        self._stale = False
        for name, w in self.filter_widgets.items():
            if not isinstance(w, QComboBox):
                continue
            keep = self.filter_value(name)
            w.blockSignals(True)
            w.clear()
            w.addItem(_t("— все —"), "")
            for value, label in report_filters.choices(name, self.kind):
                w.addItem(label, value)
            idx = w.findData(keep) if keep else 0
            if idx >= 0:
                w.setCurrentIndex(idx)
            else:
                w.setEditText(keep)
            w.blockSignals(False)

    def _class_chosen(self, index: int) -> None:
        """A class name repeats across schools: choosing «8А — МБОУ …» also sets the school."""
        cls = self.filter_widgets["class_"]
        label = cls.itemText(index)
        if " — " in label and cls.itemData(index):
            self.set_filter("school", label.split(" — ", 1)[1])

    def filter_value(self, name: str) -> str:
        w = self.filter_widgets.get(name)
        if w is None:
            return ""
        if isinstance(w, QLineEdit):
            return w.text().strip()
        text = w.currentText().strip()
        idx = w.currentIndex()
        if idx >= 0 and w.itemText(idx) == text:
            return str(w.itemData(idx) or "")
        return text  # typed by hand: passed as is, the report checks it

    def set_filter(self, name: str, value: str) -> None:
        w = self.filter_widgets[name]
        if isinstance(w, QLineEdit):
            w.setText(value)
            return
        idx = w.findData(value)
        if idx < 0:
            idx = w.findText(value)
        if idx >= 0:
            w.setCurrentIndex(idx)
        else:
            w.setEditText(value)

    def current_filters(self) -> dict[str, str]:
        return {n: v for n in self.filter_widgets if (v := self.filter_value(n))}

    # --- actions --------------------------------------------------------------------------------
    def _set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _update_buttons(self) -> None:
        can = security.can("reports.print")
        self.preview_btn.setEnabled(can and self.kind is not None)
        has = self.result is not None
        self.save_btn.setEnabled(has)
        self.print_btn.setEnabled(has)
        self.open_btn.setEnabled(has)
        from chemcluster_desktop.ui import printing

        self.print_btn.setToolTip(printing.route_note(printing.default_route()))  # how it reaches the printer

    def on_preview(self):
        if self.kind is None:
            return None
        self._set_error("")
        self.info.setText(_t("Формируется…"))

        def done(res):
            self.result = res
            self.doc.close()
            self.doc.load(res.path)
            self.view.setDocument(self.doc)
            self.preview_stack.setCurrentWidget(self.view)
            self.info.setText(_t("{0}: страниц {1}").format(res.title, res.pages))
            self._update_buttons()

        def failed(err):
            from chemcluster_desktop.services.errors import Cancelled, ServiceError

            self.info.setText("")
            if isinstance(err, Cancelled):
                return
            if isinstance(err, ServiceError):
                self._set_error(str(err))
            else:
                ops.show_error(self, err)
            self._update_buttons()

        return generate(self, self.kind, self.current_filters(), done, failed)

    def suggested_name(self) -> str:
        return filenames.report_name(self.kind)

    def on_save(self, target: str | None = None) -> Path | None:
        if self.result is None:
            return None
        if not target:
            start = Path(settings().get("paths/export_dir") or Path.home()) / self.suggested_name()
            target, _ = QFileDialog.getSaveFileName(self, _t("Сохранить PDF"), str(start), "PDF (*.pdf)")
        if not target:
            return None
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        try:
            shutil.copyfile(self.result.path, target)
        except OSError as e:
            QMessageBox.warning(self, _t("Не сохранено"), _t("Не удалось сохранить файл «{0}»: {1}")
                                .format(target, e.strerror or e))
            return None
        settings().set("paths/export_dir", str(Path(target).parent))
        self.info.setText(_t("Сохранено: {0}").format(target))
        return Path(target)

    def on_print(self, printer=None):
        """Print in the background (progress, «Отмена»); the running task, or None if not started."""
        if self.result is None:
            return None
        from chemcluster_desktop.ui.printing import start_print

        return start_print(self, self.result.path, printer)

    def on_open_dialog(self):
        if self.result is None:
            return None
        from chemcluster_desktop.ui.dialogs.pdf_preview import preview

        self._dialog = preview(self, self.result.path, self.result.title, self.suggested_name())
        return self._dialog
