"""Issue 16: the checks of the layout test (tests/ui/test_layout.py), and proof that each one catches
the defect it is for — a check that passes on a deliberately broken layout would be worthless.

Each ``check_*`` function walks the visible widgets under a window and returns a list of findings (one
readable line each, naming the widget by its class, object name and text); an empty list means the
layout is sound. The checks measure what a person sees, with the widget's own font metrics:

- :func:`check_overlaps` — two visible sibling widgets (same parent) whose geometries intersect;
- :func:`check_clipped` — a visible widget that sticks out of its parent (cut off at the window's edge),
  except inside a scroll area's viewport, where scrolling reaches it;
- :func:`check_elided` — a label (no word wrap), push button, check box or table header section whose
  text is wider than the room it has (drawn cut or elided «…»);
- :func:`check_wrapping` — a word-wrapped label narrower than its longest word (a message broken one
  character per line);
- :func:`check_combos` — a drop-down with a current entry that shows a blank (empty text, or too low
  for its font);
- :func:`check_lists_sideways` — a list of entries (a list view, not a table) wider than its view, so
  that the ends of its entries (a price at the right) are reached only by scrolling sideways (dialogs);
- :func:`check_inside_screen` — a top-level window not inside the screen's available geometry;
- :func:`check_actions` — an enabled page action neither on the toolbar (fully shown) nor behind the
  visible overflow button «»» and in «Правка».

A widget whose text is meant to be elided (a path in a status line) says so with the dynamic property
``elide`` = True; widgets stacked on purpose (an overlay) with ``overlay`` = True.
"""

from __future__ import annotations

import re

from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionHeader,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
    QWidgetAction,
)

TOLERANCE = 1  # px: rounding of fractional font advances


def describe(w: QWidget) -> str:
    text = ""
    for getter in ("text", "currentText", "windowTitle", "title"):
        f = getattr(w, getter, None)
        if callable(f):
            try:
                text = f()
            except TypeError:
                continue
            if text:
                break
    text = re.sub(r"<[^>]+>", "", str(text)).replace("\n", " ")
    name = f"#{w.objectName()}" if w.objectName() else ""
    owner = w.window()
    where = type(owner).__name__ if owner is not w else ""
    return f"{type(w).__name__}{name}«{text[:50]}»" + (f" in {where}" if where else "")


def _shown(w: QWidget) -> bool:
    return w.isVisible() and w.width() > 0 and w.height() > 0


def _children(parent: QWidget) -> list[QWidget]:
    return [c for c in parent.children() if isinstance(c, QWidget) and not c.isWindow() and _shown(c)]


def _all_shown(root: QWidget) -> list[QWidget]:
    out = [root] if _shown(root) else []
    out += [w for w in root.findChildren(QWidget) if not w.isWindow() and _shown(w) and w.window() is root.window()]
    return out


def _is_viewport(w: QWidget) -> bool:
    p = w.parentWidget()
    return isinstance(p, QAbstractScrollArea) and p.viewport() is w


def _mnemonic_free(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


# --- geometry --------------------------------------------------------------------------------------
def check_overlaps(root: QWidget) -> list[str]:
    out = []
    for parent in _all_shown(root):
        if _is_viewport(parent) and isinstance(parent.parentWidget(), QTabBar):
            continue
        kids = [c for c in _children(parent) if not c.property("overlay")]
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                inter = a.geometry().intersected(b.geometry())
                if inter.width() > TOLERANCE and inter.height() > TOLERANCE:
                    out.append(f"overlap: {describe(a)} {_r(a.geometry())} and {describe(b)} {_r(b.geometry())}")
    return out


def check_clipped(root: QWidget) -> list[str]:
    out = []
    for parent in _all_shown(root):
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            out += _scroll_cut(parent)
        if _is_viewport(parent) or isinstance(parent, (QTabBar, QToolBar)):
            continue  # scrolled content; tabs scroll; a toolbar hides what does not fit behind «»»
        room = parent.rect().adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE)
        for c in _children(parent):
            if not c.property("overlay") and not room.contains(c.geometry()):
                out.append(f"cut off: {describe(c)} {_r(c.geometry())} outside its parent {describe(parent)} "
                           f"{_r(parent.rect())}")
    return out


def _scroll_cut(area: QScrollArea) -> list[str]:
    """A scroll area that cannot scroll a way its content is larger than its viewport: cut off."""
    content, vp, off = area.widget(), area.viewport(), Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    out = []
    if area.horizontalScrollBarPolicy() == off and content.width() > vp.width() + TOLERANCE:
        out.append(f"cut off: the content of {describe(area)} is {content.width()} px wide, its view "
                   f"{vp.width()} px and it cannot scroll sideways")
    if area.objectName() == "formScroll" and content.width() > vp.width() + TOLERANCE:
        # a card's form scrolls up and down only: sideways its fields' ends (a right-aligned quantity) hide
        out.append(f"cut off: the form in {describe(area)} is {content.width()} px wide, its view {vp.width()} px: "
                   f"its fields scroll sideways")
    if area.verticalScrollBarPolicy() == off and content.height() > vp.height() + TOLERANCE:
        out.append(f"cut off: the content of {describe(area)} is {content.height()} px high, its view "
                   f"{vp.height()} px and it cannot scroll")
    return out


def _r(r: QRect) -> str:
    return f"[{r.x()},{r.y()} {r.width()}×{r.height()}]"


# --- text ------------------------------------------------------------------------------------------
def _label_room(lab: QLabel) -> int:
    indent = lab.indent()
    if indent < 0:
        indent = lab.fontMetrics().horizontalAdvance("x") // 2 if lab.frameWidth() > 0 else 0
    return lab.contentsRect().width() - 2 * lab.margin() - indent


def _rich(lab: QLabel) -> bool:
    fmt = lab.textFormat()
    return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(lab.text()))


def _label_doc(lab: QLabel) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(lab.font())
    doc.setDocumentMargin(0)
    doc.setHtml(lab.text())
    return doc


def _label_lines(lab: QLabel) -> list[str]:
    text = _label_doc(lab).toPlainText() if _rich(lab) else lab.text()
    if lab.buddy() is not None:
        text = _mnemonic_free(text)
    return text.replace("\u2029", "\n").split("\n")


def _label_need(lab: QLabel) -> int:
    if _rich(lab):
        return int(_label_doc(lab).idealWidth() + 0.999)
    fm = lab.fontMetrics()
    return max(fm.horizontalAdvance(line) for line in _label_lines(lab))


def _button_need(b: QAbstractButton) -> tuple[int, int]:
    """(width the text and icon need, width the button gives them)."""
    st, fm = b.style(), b.fontMetrics()
    need = fm.horizontalAdvance(_mnemonic_free(b.text()))
    if not b.icon().isNull():
        need += b.iconSize().width() + 4
    if isinstance(b, (QCheckBox, QRadioButton)):
        ind = QStyle.PixelMetric.PM_IndicatorWidth if isinstance(b, QCheckBox) else \
            QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
        need += st.pixelMetric(ind, None, b) + st.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, b)
        return need, b.width()
    room = b.width() - st.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, b) \
        - 2 * st.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, b)
    if isinstance(b, QPushButton):
        if b.menu() is not None:
            room -= st.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, b)
        if b.isDefault() or b.autoDefault():
            room -= 2 * st.pixelMetric(QStyle.PixelMetric.PM_ButtonDefaultIndicator, None, b)
    return need, room


def _header_font(h: QHeaderView) -> QFont:
    f = QFont(h.font())
    f.setBold(True)  # the application's style sheet: QHeaderView::section { font-weight: bold }
    return f


def _header_room(h: QHeaderView, sec: int, text: str) -> int:
    """The width Qt gives a section's label (QHeaderView::paintSection elides the text to it): the
    style's SE_HeaderLabel of the section, less the sort arrow on the sorted section."""
    opt = QStyleOptionHeader()
    opt.initFrom(h)
    opt.rect = QRect(0, 0, h.sectionSize(sec), h.height())
    opt.section = sec
    opt.text = text
    opt.orientation = Qt.Orientation.Horizontal
    opt.textAlignment = h.defaultAlignment()
    room = h.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, opt, h).width()
    if h.isSortIndicatorShown() and h.sortIndicatorSection() == sec:
        st = h.style()
        room -= st.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, h) \
            + 2 * st.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, h)
    return room


def _header_findings(h: QHeaderView) -> list[str]:
    model = h.model()
    if model is None or h.orientation() != Qt.Orientation.Horizontal or not h.isVisible():
        return []
    fm = QFontMetrics(_header_font(h))
    out = []
    for sec in range(model.columnCount()):
        if h.isSectionHidden(sec) or h.sectionSize(sec) <= 0:
            continue
        text = model.headerData(sec, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        need = max(fm.horizontalAdvance(line) for line in str(text).split("\n"))
        room = _header_room(h, sec, str(text))
        if need > room + TOLERANCE:
            out.append(f"header cut: «{text}» needs {need} px, its column leaves {room} "
                       f"in {describe(h.parentWidget() or h)}")
    return out


def check_elided(root: QWidget) -> list[str]:
    out = []
    for w in _all_shown(root):
        if w.property("elide"):
            continue
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            need, room = _label_need(w), _label_room(w)
            if need > room + TOLERANCE:
                out.append(f"label cut: {describe(w)} needs {need} px, has {room}")
        elif isinstance(w, (QPushButton, QCheckBox, QRadioButton)) and w.text():
            need, room = _button_need(w)
            if need > room + TOLERANCE:
                out.append(f"button cut: {describe(w)} needs {need} px, has {room}")
        elif isinstance(w, QHeaderView):
            out += _header_findings(w)
    return out


def check_wrapping(root: QWidget) -> list[str]:
    """A word-wrapped label must be at least as wide as its longest word (else Qt breaks the word
    anywhere — the message one character per line)."""
    out = []
    for w in _all_shown(root):
        if not (isinstance(w, QLabel) and w.wordWrap() and w.text()) or w.property("elide"):
            continue
        fm, room = w.fontMetrics(), _label_room(w)
        if _rich(w):
            fm = QFontMetrics(w.font())
        words = [x for line in _label_lines(w) for x in line.split()]
        longest = max(words, key=fm.horizontalAdvance, default="")
        if longest and fm.horizontalAdvance(longest) > room + TOLERANCE:
            out.append(f"wraps inside a word: {describe(w)} «{longest}» needs {fm.horizontalAdvance(longest)} px, "
                       f"label has {room}")
    return out


def check_combos(root: QWidget) -> list[str]:
    out = []
    for w in _all_shown(root):
        if not isinstance(w, QComboBox) or w.count() == 0 or w.currentIndex() < 0:
            continue
        placeholder = w.isEditable() and w.lineEdit() is not None and w.lineEdit().placeholderText()
        if not w.currentText().strip() and not placeholder:
            out.append(f"blank drop-down: {describe(w)} shows entry {w.currentIndex()} as an empty line")
            continue
        if w.height() < w.fontMetrics().height() + 4:
            out.append(f"drop-down too low for its text: {describe(w)} {w.height()} px")
    return out


# --- windows and actions -----------------------------------------------------------------------------
def check_inside_screen(windows: list[QWidget] | None = None) -> list[str]:
    wins = windows if windows is not None else [w for w in QApplication.topLevelWidgets()
                                                   if w.isVisible() and w.isWindow()]
    out = []
    for w in wins:
        if w.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            continue
        av = w.screen().availableGeometry()
        if not av.contains(w.frameGeometry()):
            out.append(f"off screen: {describe(w)} {_r(w.frameGeometry())} not inside {_r(av)}")
    return out


def _menu_actions(menu) -> list:
    out = []
    for a in menu.actions():
        out.append(a)
        if a.menu() is not None:
            out += _menu_actions(a.menu())
    return out


def check_actions(toolbar: QToolBar, menu_actions: list) -> list[str]:
    """Every enabled action of ``toolbar``: fully shown on it, or (when not) behind its visible overflow
    button; and always in the menu (``menu_actions``: the window's «Правка» after aboutToShow)."""
    out = []
    hidden = []
    for act in toolbar.actions():
        if act.isSeparator() or not act.isVisible() or not act.isEnabled():
            continue
        w = toolbar.widgetForAction(act)
        target = act
        if isinstance(act, QWidgetAction):
            target = w.menu().menuAction() if isinstance(w, QToolButton) and w.menu() is not None else None
        if target is None or target not in menu_actions:
            out.append(f"action not in the menu: «{act.text() or (w.text() if w else '')}»")
        if not (w is not None and w.isVisible() and toolbar.rect().contains(w.geometry())):
            hidden.append(act.text() or (w.text() if w else ""))
    if hidden:
        ext = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if ext is None or not ext.isVisible() or not toolbar.rect().contains(ext.geometry()):
            out.append(f"actions hidden without an overflow button: {hidden}")
        elif not painted(ext):
            out.append(f"the overflow button «»» is drawn blank (nothing shows that {hidden} are behind it)")
    return out


def painted(w: QWidget, least: int = 6) -> bool:
    """Whether ``w`` draws something: at least ``least`` pixels differ from its corner's colour."""
    img = w.grab().toImage()
    bg = img.pixel(0, 0)
    n = 0
    for y in range(img.height()):
        for x in range(img.width()):
            if img.pixel(x, y) != bg:
                n += 1
                if n >= least:
                    return True
    return False


def check_lists_sideways(root: QWidget) -> list[str]:
    """A list whose entries are wider than its view: their ends hide until one scrolls sideways."""
    out = []
    for w in _all_shown(root):
        if isinstance(w, QListView) and w.horizontalScrollBar().maximum() > TOLERANCE:
            out.append(f"scrolls sideways: the entries of {describe(w)} are {w.horizontalScrollBar().maximum()} px "
                       f"wider than its view of {w.viewport().width()} px")
    return out


def check_all(window: QWidget) -> list[str]:
    return (check_overlaps(window) + check_clipped(window) + check_elided(window) + check_wrapping(window)
            + check_combos(window))


# ==== proof: each check catches a planted defect =====================================================
def _host(qtbot, w=640, h=200) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(w, h)
    return host


def test_list_scrolling_sideways_caught_and_wrapping_list_passes(qtbot):
    from PySide6.QtWidgets import QListWidget, QVBoxLayout

    text = "№ 12 · Спектрофотометр двухлучевой сканирующий с программным обеспечением — 2 шт. · 1 234 567,89 ₽"
    lists = []
    for wrap in (False, True):
        host = _host(qtbot, 320, 200)
        lw = QListWidget()
        lw.addItems([text] * 3)
        if wrap:
            lw.setWordWrap(True)
            lw.setResizeMode(QListView.ResizeMode.Adjust)
            lw.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QVBoxLayout(host).addWidget(lw)
        host.show()
        qtbot.waitExposed(host)
        lists.append(check_lists_sideways(host))
    assert len(lists[0]) == 1 and "scrolls sideways" in lists[0][0]
    assert lists[1] == []


def test_overlap_caught_and_sound_layout_passes(qtbot):
    from PySide6.QtWidgets import QHBoxLayout

    host = _host(qtbot)
    lay = QHBoxLayout(host)
    lay.addWidget(QLabel("Состояние:"))
    lay.addWidget(QComboBox())
    host.show()
    qtbot.waitExposed(host)
    assert check_overlaps(host) == []
    host = _host(qtbot)
    label = QLabel("Состояние:", host)
    label.setGeometry(20, 10, 120, 24)  # drawn over the drop-down (the room filter of the issue)
    combo = QComboBox(host)
    combo.setGeometry(60, 10, 200, 24)
    host.show()
    qtbot.waitExposed(host)
    found = check_overlaps(host)
    assert any("Состояние:" in f and "QComboBox" in f for f in found), found
    label.setProperty("overlay", True)
    assert not any("Состояние:" in f for f in check_overlaps(host))


def test_clipped_caught(qtbot):
    host = _host(qtbot, 300, 100)
    b = QPushButton("Сохранить", host)
    b.setGeometry(250, 80, 100, 30)  # half of it past the window's corner
    host.show()
    qtbot.waitExposed(host)
    found = check_clipped(host)
    assert any("Сохранить" in f for f in found), found
    b.setGeometry(10, 10, 100, 30)
    assert check_clipped(host) == []


def test_scroll_area_that_cannot_scroll_caught(qtbot):
    from PySide6.QtWidgets import QVBoxLayout

    host = _host(qtbot, 300, 300)
    area = QScrollArea(host)
    area.setGeometry(0, 0, 200, 280)
    area.setWidgetResizable(True)
    body = QWidget()
    QVBoxLayout(body).addWidget(QPushButton("Записать договор пользования…"))
    area.setWidget(body)
    host.show()
    qtbot.waitExposed(host)
    assert check_clipped(host) == []  # it scrolls sideways
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the details panel's defect
    qtbot.wait(20)
    assert any("cannot scroll sideways" in f for f in check_clipped(host)), check_clipped(host)


def test_form_wider_than_its_card_caught(qtbot):
    """A card's form (FormDialog's «formScroll») wider than the card: it scrolled sideways and the need's
    quantity, right-aligned, was out of sight (found by the workflow walk)."""
    from PySide6.QtWidgets import QComboBox, QFormLayout

    host = _host(qtbot, 900, 300)
    area = QScrollArea(host)
    area.setObjectName("formScroll")
    area.setGeometry(0, 0, 300, 280)
    area.setWidgetResizable(True)
    body = QWidget()
    form = QFormLayout(body)
    combo = QComboBox()
    combo.addItem("Мастерская «Лабораторный химический анализ» (ауд. 210) · Лабораторный корпус № 2")
    form.addRow("Помещение", combo)
    area.setWidget(body)
    host.show()
    qtbot.waitExposed(host)
    assert any("scroll sideways" in f for f in check_clipped(host)), check_clipped(host)
    area.setGeometry(0, 0, body.minimumSizeHint().width() + 40, 280)
    qtbot.wait(20)
    assert check_clipped(host) == []


def test_elided_label_button_checkbox_caught(qtbot):
    host = _host(qtbot)
    lab = QLabel("Цена за ед., ₽ с учётом доставки", host)
    btn = QPushButton("Сформировать обоснование НМЦК", host)
    box = QCheckBox("Показывать только просроченные", host)
    for w, y in ((lab, 0), (btn, 40), (box, 80)):
        w.setGeometry(0, y, 400, 30)
    host.show()
    qtbot.waitExposed(host)
    assert check_elided(host) == []
    for w in (lab, btn, box):
        w.setFixedWidth(60)
    found = check_elided(host)
    assert [f for f in found if "Цена за ед." in f] and [f for f in found if "НМЦК" in f] \
        and [f for f in found if "просроченные" in f], found
    lab.setProperty("elide", True)
    assert not [f for f in check_elided(host) if "Цена за ед." in f]


def test_rich_text_label_measured_as_drawn(qtbot):
    host = _host(qtbot)
    lab = QLabel("<b>Начальная (максимальная) цена контракта</b>", host)
    lab.setGeometry(0, 0, 500, 30)
    host.show()
    qtbot.waitExposed(host)
    assert check_elided(host) == []
    lab.setFixedWidth(120)
    assert check_elided(host), "a rich-text label narrower than its text"


def test_header_cut_caught(qtbot):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    host = _host(qtbot, 700, 300)
    model = QStandardItemModel(2, 3)
    model.setHorizontalHeaderLabels(["Поставщик", "Цена за ед., ₽", "Откл., %"])
    view = QTableView(host)
    view.setModel(model)
    view.setGeometry(0, 0, 690, 290)
    host.show()
    qtbot.waitExposed(host)
    view.horizontalHeader().resizeSection(1, 220)
    view.horizontalHeader().resizeSection(2, 120)
    assert check_elided(host) == []
    view.horizontalHeader().resizeSection(1, 40)
    found = check_elided(host)
    assert any("Цена за ед." in f for f in found), found


def test_one_character_per_line_caught(qtbot):
    host = _host(qtbot, 500, 400)
    lab = QLabel("Начальная максимальная цена контракта не рассчитана", host)
    lab.setWordWrap(True)
    lab.setGeometry(0, 0, 400, 100)
    host.show()
    qtbot.waitExposed(host)
    assert check_wrapping(host) == []
    lab.setGeometry(0, 0, 14, 390)  # the message one character per line
    found = check_wrapping(host)
    assert found and "максимальная" in found[0] or "контракта" in found[0], found


def test_blank_combo_caught(qtbot):
    host = _host(qtbot)
    combo = QComboBox(host)
    combo.addItems(["Все", "Лаборатория 101"])
    combo.setGeometry(0, 0, 200, 28)
    host.show()
    qtbot.waitExposed(host)
    assert check_combos(host) == []
    combo.setItemText(0, "")  # the selected entry shown as a blank line
    assert any("blank" in f for f in check_combos(host))
    combo.setEditable(True)  # an editable drop-down whose empty entry shows a placeholder is not blank
    combo.lineEdit().setPlaceholderText("— из файла —")
    assert check_combos(host) == []
    combo.setEditable(False)
    combo.setItemText(0, "Все")
    combo.setFixedHeight(8)
    assert any("too low" in f for f in check_combos(host))


def test_window_off_screen_caught(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.setWindowTitle("Предпросмотр")
    w.resize(400, 300)
    w.show()
    qtbot.waitExposed(w)
    av = w.screen().availableGeometry()
    w.move(av.x() + 10, av.y() + 10)
    assert check_inside_screen([w]) == []
    w.resize(980, av.height() + 100)  # the PDF preview of the issue: taller than the screen
    assert any("Предпросмотр" in f for f in check_inside_screen([w]))


def test_hidden_action_without_overflow_caught(qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow

    win = QMainWindow()
    qtbot.addWidget(win)
    tb = QToolBar()
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    acts = [QAction(f"Действие номер {i}", tb) for i in range(12)]
    for a in acts:
        tb.addAction(a)
    win.setCentralWidget(tb)
    win.resize(400, 200)
    win.show()
    qtbot.waitExposed(win)
    assert check_actions(tb, acts) == []  # what does not fit is behind «»»
    tb.findChild(QToolButton, "qt_toolbar_ext_button").hide()  # no overflow button: what the issue met
    found = check_actions(tb, acts)
    assert any("without an overflow button" in f for f in found), found
    assert any("not in the menu" in f for f in check_actions(tb, acts[:3]))
    win2 = QMainWindow()
    qtbot.addWidget(win2)
    tb2 = win2.addToolBar("t")
    tb2.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    acts2 = [tb2.addAction(f"Действие номер {i}") for i in range(12)]
    win2.resize(400, 200)
    win2.show()
    qtbot.waitExposed(win2)
    assert check_actions(tb2, acts2) == []  # the overflow «»» holds the rest
    tb2.setStyleSheet("QToolButton { padding: 4px 6px; border-radius: 4px; }")  # the padding ate the 12 px «»»
    qtbot.wait(20)
    assert any("drawn blank" in f for f in check_actions(tb2, acts2)), check_actions(tb2, acts2)
    tb2.setStyleSheet("QToolButton { padding: 4px 6px; border-radius: 4px; } "
                      "QToolButton#qt_toolbar_ext_button { padding: 0px; }")
    qtbot.wait(20)
    assert check_actions(tb2, acts2) == []


def test_eliding_label_is_shortened_on_purpose(qtbot):
    from chemcluster_desktop.ui.widgets.eliding_label import ElidingLabel

    host = _host(qtbot, 300, 60)
    path = "База данных (файл): /home/lab/ChemCluster/очень/длинная/папка/колледжа/chemcluster.sqlite3"
    lab = ElidingLabel(path, host)
    lab.setGeometry(0, 0, 280, 24)
    plain = QLabel(path, host)
    plain.setGeometry(0, 30, 280, 24)
    host.show()
    qtbot.waitExposed(host)
    found = check_elided(host)
    assert len(found) == 1 and "QLabel«" in found[0], found  # the plain label is cut; the eliding one is not
    assert lab.text() == path and lab.toolTip() == path
    assert lab.minimumSizeHint().width() < 280
