"""Fusion with one light palette and one accent colour; the bundled Cyrillic font."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from chemcluster_desktop import paths

ACCENT = "#1f6fb2"
Role = QPalette.ColorRole

# Colours of the few things the palette does not say (UI.md: Fusion, one light palette, one accent colour)
RAIL = "#f3f5f7"
ERROR = "#c62828"
HINT = "#607d8b"
TITLE = "#1c2b36"
STATUS_TEXT = "#455a64"

# There is no application style sheet. Any application-wide sheet makes Qt draw *every* widget through its
# style-sheet style, which looks up the widget's rules whenever it is polished, sized or painted: ~13 ms of
# each start for the main window's ~130 widgets (whatever the rules say — one rule for group boxes cost
# the same), and every list scrolls and every dialog opens through it. Instead the palette and fonts are
# set in code (page titles, status bar, table headers, labels' roles below), and the places whose look only
# a sheet can give carry a sheet of their own, which reaches only their own children: the navigation rail
# (RAIL_QSS), the page toolbars (TOOLBAR_QSS) and the group boxes (group_box).
RAIL_QSS = """
#railPanel, #brand, #railVersion, #navRail { background: #f3f5f7; }
#railPanel { border-right: 1px solid #dde2e7; }
#brand { border-bottom: 1px solid #e3e7eb; }
#brandLabel { color: #0d3c66; font-size: 10pt; }
#railVersion { color: #90a4ae; font-size: 8pt; padding: 6px 16px 8px 16px; }
#navRail { border: none; padding-top: 8px; }
#navRail::item { padding: 4px 8px; margin: 2px 8px; border-radius: 6px; color: #263238; }
#navRail::item:selected { background: #dbe9f6; color: #0d3c66; font-weight: bold; }
#navRail::item:hover:!selected { background: #e8edf2; }
"""
TOOLBAR_QSS = """
#pageToolbar { border: none; padding: 4px; }  /* as the application sheet laid it out */
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
    """Fusion, the palette, the font, and the tables' and headers' class palette and font (no application
    style sheet: see RAIL_QSS). ``fusion_chosen``: the application was created
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
    # what the application sheet said of every table, header and status bar, as class palettes and fonts
    app.setPalette(_color_palette({Role.Highlight: "#cfe3f6", Role.HighlightedText: "#0d2a44",
                                   Role.Mid: "#e3e7eb"}), "QTableView")
    hf = QFont(app.font())
    hf.setBold(True)
    app.setFont(hf, "QHeaderView")


def status_palette() -> QPalette:
    return _color_palette({Role.Window: RAIL, Role.WindowText: STATUS_TEXT})


def _color_palette(roles: dict | None = None) -> QPalette:
    """A palette that sets only these roles (``{QPalette.ColorRole: "#rrggbb"}``); the rest still comes
    from the parent."""
    pal = QPalette()  # no role set: each comes from the parent
    for role, color in (roles or {}).items():
        pal.setColor(role, QColor(color))
    return pal


def set_role(label: QWidget, role: str | None) -> None:
    """A label's role: ``"error"`` (red), ``"hint"`` (grey) or none (the parent's colours)."""
    label.setProperty("role", role or "")
    color = {"error": ERROR, "hint": HINT}.get(role or "")
    label.setPalette(_color_palette({Role.WindowText: color, Role.Text: color}) if color else _color_palette())


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """A field whose value is refused: red border and a light red ground (the message is in its label)."""
    from PySide6.QtWidgets import QLineEdit

    widget.setProperty("invalid", bool(invalid))
    if isinstance(widget, QLineEdit):
        widget.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR}; border-radius: 3px; padding: 2px 4px; "
                             f"background: #fff5f5; }}" if invalid else "")
    else:
        widget.setPalette(_color_palette({Role.Base: "#fff5f5"}) if invalid else _color_palette())


def title_font(label: QWidget, point_size: float = 17, color: str = TITLE) -> None:
    """A page's title: large, bold."""
    f = QFont(label.font())
    f.setPointSizeF(point_size)
    f.setBold(True)
    label.setFont(f)
    label.setPalette(_color_palette({Role.WindowText: color}))


def muted(label: QWidget, point_size: float | None = None) -> None:
    """Secondary text (counts, the empty-list hint): grey, optionally larger."""
    if point_size:
        f = QFont(label.font())
        f.setPointSizeF(point_size)
        label.setFont(f)
    label.setPalette(_color_palette({Role.WindowText: HINT}))


def group_box(title: str = ""):
    """A titled group of fields, its title bold as before. A bold font on the box would be inherited by every
    field in it; a sheet on the box alone bolds the title (a style sheet's font does not pass to children)."""
    from PySide6.QtWidgets import QGroupBox

    box = QGroupBox(title)
    box.setStyleSheet("QGroupBox { font-weight: bold; }")
    return box

