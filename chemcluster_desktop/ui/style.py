"""Fusion with one light palette and one accent colour; the bundled Cyrillic font."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from chemcluster_desktop import paths

ACCENT = "#1f6fb2"

QSS = """
#railPanel { background: #f3f5f7; border-right: 1px solid #dde2e7; }
#brand { background: #f3f5f7; border-bottom: 1px solid #e3e7eb; }
#brandLabel { color: #0d3c66; font-size: 10pt; }
#railVersion { color: #90a4ae; font-size: 8pt; padding: 6px 16px 8px 16px; background: #f3f5f7; }
#navRail { background: #f3f5f7; border: none; padding-top: 8px; }
QMenuBar { background: #ffffff; border-bottom: 1px solid #e3e7eb; }
QMenuBar::item { padding: 4px 10px; }
QMenuBar::item:selected { background: #e8edf2; border-radius: 4px; }
QMenu { background: #ffffff; border: 1px solid #d0d6dc; padding: 4px; }
QMenu::item { padding: 5px 24px 5px 28px; border-radius: 4px; }
QMenu::item:selected { background: #dbe9f6; color: #0d3c66; }
QMenu::separator { height: 1px; background: #e3e7eb; margin: 4px 8px; }
QStatusBar QLabel { padding: 0 6px; color: #455a64; }
#navRail::item { padding: 4px 8px; margin: 2px 8px; border-radius: 6px; color: #263238; }
#navRail::item:selected { background: #dbe9f6; color: #0d3c66; font-weight: bold; }
#navRail::item:hover:!selected { background: #e8edf2; }
#pageTitle { font-size: 17pt; font-weight: bold; color: #1c2b36; }
#pageToolbar { border: none; spacing: 4px; }
#emptyState { color: #607d8b; font-size: 11pt; }
#countLabel { color: #607d8b; }
#demoBadge { background: #ffb300; color: #3e2723; font-weight: bold; padding: 1px 8px; border-radius: 8px; }
QTableView { gridline-color: #e3e7eb; selection-background-color: #cfe3f6; selection-color: #0d2a44; }
QHeaderView { font-weight: bold; }
QHeaderView::section { background: #f3f5f7; border: none; border-right: 1px solid #e0e4e8;
                       border-bottom: 1px solid #d0d6dc; padding: 4px 6px; font-weight: bold; color: #37474f; }
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit, QPlainTextEdit, QTextEdit {
    border: 1px solid #c5ccd3; border-radius: 4px; padding: 3px 6px; background: white; }
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QTextEdit:focus { border-color: #1f6fb2; }
QLineEdit[invalid="true"] { border-color: #c62828; background: #fff5f5; }
QLabel[role="error"] { color: #c62828; }
QLabel[role="hint"] { color: #607d8b; }
QGroupBox { font-weight: bold; border: 1px solid #dde2e7; border-radius: 6px; margin-top: 12px; padding-top: 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QTabWidget::pane { border: 1px solid #dde2e7; border-radius: 4px; }
QStatusBar { background: #f3f5f7; border-top: 1px solid #dde2e7; }
QToolButton { padding: 4px 6px; border-radius: 4px; }
QToolButton#qt_toolbar_ext_button { padding: 0px; }  /* the overflow «»» is 12 px wide: padded, its arrows vanished */
QToolButton:hover { background: #e8edf2; }
"""


def load_fonts() -> str:
    """The window's font (DejaVu Sans, regular and bold) from resources/fonts; the condensed faces there
    are for the PDFs (reportlab registers them itself) and are not loaded into Qt (~2 ms each at start)."""
    family = ""
    fdir = paths.resource("fonts")
    for f in sorted(fdir.glob("*.ttf")):
        if "Condensed" in f.name:
            continue
        fid = QFontDatabase.addApplicationFont(str(f))
        fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if fams and not family:
            family = fams[0]
    return family


def apply_style(app: QApplication, fusion_chosen: bool = False) -> None:
    """Fusion, the palette, the font and the style sheet. ``fusion_chosen``: the application was created
    with ``-style Fusion`` (app.create_application), so the style is not set again."""
    if not fusion_chosen:
        from PySide6.QtWidgets import QStyleFactory

        app.setStyle(QStyleFactory.create("Fusion"))
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#1c2b36"))
    pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f8fa"))
    pal.setColor(QPalette.ColorRole.Text, QColor("#1c2b36"))
    pal.setColor(QPalette.ColorRole.Button, QColor("#f3f5f7"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor("#1c2b36"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#fffde7"))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor("#1c2b36"))
    pal.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    app.setPalette(pal)
    family = load_fonts()
    if family:
        f = QFont(family, 10)
        app.setFont(f)
    app.setStyleSheet(QSS)
