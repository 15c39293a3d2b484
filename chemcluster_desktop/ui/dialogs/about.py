"""«О программе»: version, the database in use, Qt/PySide6 versions, licences of what we bundle."""

from __future__ import annotations

import html
import platform
import sys

from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop import APP_NAME, __version__, paths
from chemcluster_desktop.ui.icons import icon


def _t(s: str) -> str:
    return QCoreApplication.translate("About", s)


LICENSE_FILES = [
    # (what, licence, file under resources/)
    ("DejaVu Sans", "Bitstream Vera / DejaVu", ("fonts", "LICENSE-DejaVu.txt")),
    ("Material Design Icons 6.9.96 (SVG)", "Apache 2.0 / SIL OFL 1.1",
     ("licenses", "LICENSE-MaterialDesignIcons-Apache-2.0.txt")),
    ("Qt / PySide6", "LGPL v3", ("licenses", "LICENSE-Qt-PySide6-LGPL-3.0.txt")),
]


def database_text() -> str:
    from chemcluster_desktop.services import context

    try:
        db = context.current()
    except RuntimeError:
        return _t("не открыта")
    try:
        from chemcluster_desktop.services.database import schema_revision

        rev = schema_revision() or "—"
    except Exception:
        rev = "—"
    kind = _t("файл SQLite") if db.is_sqlite else _t("сервер PostgreSQL")
    return _t("{0}: {1} (схема {2})").format(kind, db.display_name(), rev)


def versions() -> dict[str, str]:
    import PySide6
    import sqlalchemy

    return {"ChemCluster Desktop": __version__, "Qt": qVersion(), "PySide6": PySide6.__version__,
            "SQLAlchemy": sqlalchemy.__version__, "Python": platform.python_version(),
            _t("Система"): f"{platform.system()} {platform.release()}"}


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(_t("О программе"))
        self.resize(640, 520)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icon("flask-outline", "#1f6fb2").pixmap(56, 56))
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel()
        title.setObjectName("aboutTitle")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        title.setText(
            "<h2 style='margin:0'>{}</h2><p>{}</p><p>{}</p>".format(
                html.escape(APP_NAME), html.escape(_t("Версия {0}").format(__version__)),
                html.escape(_t("Инвентарь лабораторий, аккредитация мастерских, расписание «Технологии», "
                               "закупки и отчёты кластера «Химический потенциал» (г. Дзержинск)."))))
        head.addWidget(title, 1)
        lay.addLayout(head)

        self.tabs = QTabWidget()
        # -- program
        info = QWidget()
        il = QVBoxLayout(info)
        self.db_label = QLabel(_t("База данных: {0}").format(database_text()))
        self.db_label.setObjectName("aboutDatabase")
        self.db_label.setWordWrap(True)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        il.addWidget(self.db_label)
        self.data_label = QLabel(_t("Папка данных: {0}").format(paths.data_dir()))
        self.data_label.setWordWrap(True)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        il.addWidget(self.data_label)
        self.versions_label = QLabel()
        self.versions_label.setObjectName("aboutVersions")
        self.versions_label.setTextFormat(Qt.TextFormat.RichText)
        self.versions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>&nbsp;&nbsp;{html.escape(v)}</td></tr>"
                       for k, v in versions().items())
        self.versions_label.setText(f"<table>{rows}</table>")
        il.addWidget(self.versions_label)
        il.addStretch(1)
        self.tabs.addTab(info, _t("Программа"))
        # -- licences
        lic = QWidget()
        ll = QVBoxLayout(lic)
        self.licenses = QTextBrowser()
        self.licenses.setObjectName("aboutLicenses")
        self.licenses.setOpenLinks(False)
        self.licenses.anchorClicked.connect(self._open_license)
        items = []
        for what, name, parts in LICENSE_FILES:
            p = paths.resource(*parts)
            items.append("<li><b>{}</b> — {}. <a href='{}'>{}</a></li>".format(
                html.escape(what), html.escape(name), html.escape(p.as_uri() if p.is_file() else ""),
                html.escape(_t("Текст лицензии"))))
        self.licenses.setHtml("<p>{}</p><ul>{}</ul>".format(
            html.escape(_t("В программу входят компоненты сторонних авторов:")), "".join(items)))
        ll.addWidget(self.licenses, 1)
        self.license_text = QPlainTextEdit()
        self.license_text.setObjectName("aboutLicenseText")
        self.license_text.setReadOnly(True)
        self.license_text.setPlaceholderText(_t("Выберите лицензию выше, чтобы прочитать её текст."))
        ll.addWidget(self.license_text, 2)
        self.tabs.addTab(lic, _t("Лицензии"))
        lay.addWidget(self.tabs, 1)

        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        bb.button(QDialogButtonBox.StandardButton.Close).setText(_t("Закрыть"))
        bb.rejected.connect(self.reject)
        bb.accepted.connect(self.accept)
        lay.addWidget(bb)

    def _open_license(self, url: QUrl) -> None:
        path = url.toLocalFile()
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                self.license_text.setPlainText(f.read())
        except OSError:
            QDesktopServices.openUrl(url)

    def text(self) -> str:
        """Everything the dialog says (for tests and for copying into a support request)."""
        return "\n".join([self.db_label.text(), self.data_label.text(), self.versions_label.text(),
                          self.licenses.toPlainText(), sys.version])
