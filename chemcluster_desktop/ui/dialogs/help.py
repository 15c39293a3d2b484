"""F1: the short user guide, bundled with the program (``resources/help/guide_<lang>.md``) and
shown inside it in a QTextBrowser."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from chemcluster_desktop import i18n, paths


def _t(s: str) -> str:
    return QCoreApplication.translate("HelpDialog", s)


def guide_path(lang: str | None = None):
    lang = lang or i18n.language()
    for name in (f"guide_{lang}.md", f"guide_{lang}.html", "guide_ru.md"):
        p = paths.resource("help", name)
        if p.is_file():
            return p
    return None


class HelpDialog(QDialog):
    def __init__(self, parent=None, lang: str | None = None):
        super().__init__(parent)
        self.setObjectName("HelpDialog")
        self.setWindowTitle(_t("Руководство пользователя"))
        self.resize(860, 760)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDefaultStyleSheet(
            "table { border-collapse: collapse; } th, td { padding: 3px 8px; border: 1px solid #cfd8dc; }"
            "h1 { color: #1c2b36; } h2 { color: #1f6fb2; margin-top: 14px; }")
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("Закрыть"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self._find)
        self.load(lang)

    def load(self, lang: str | None = None) -> None:
        p = guide_path(lang)
        if p is None:
            self.browser.setPlainText(_t("Файл справки не найден в папке программы (resources/help)."))
            return
        text = p.read_text("utf-8")
        if p.suffix == ".md":
            self.browser.setMarkdown(text)
        else:
            self.browser.setHtml(text)

    def _find(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        word, ok = QInputDialog.getText(self, _t("Поиск в справке"), _t("Найти:"))
        if ok and word and not self.browser.find(word):
            self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
            self.browser.find(word)


def show_help(parent=None) -> HelpDialog:
    """Non-modal: the guide stays open beside the work."""
    existing = getattr(parent, "_help_dialog", None) if parent is not None else None
    if existing is not None:
        try:
            existing.load()
            existing.show()
            existing.raise_()
            return existing
        except RuntimeError:  # deleted
            pass
    dlg = HelpDialog(parent)
    dlg.show()
    if parent is not None:
        parent._help_dialog = dlg
    return dlg
