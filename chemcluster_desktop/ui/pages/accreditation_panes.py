"""The panes of the «Аккредитация» page and how they are arranged (issue 16).

The page shows three things side by side: the workshops (left), the selected workshop's checklist
(centre) and the selected line's evidence (right). Above the checklist a strip names the workshop with
its figures (met / partial / missing / coverage); its readiness by zone (the text and the chart) is the
checklist's second tab, so the table keeps the page's height (the chart above it left the table two
rows at 1366×768).

On a narrow page — 1366×768 at 125 % Windows scaling is a 1093×614 screen, the page 841 px wide — the
three panes do not fit (the chart, the figures and the line's panel were cut). The page then switches
to its narrow arrangement: the line's panel becomes a third tab «Строка» beside «Чек-лист» and
«Готовность», and the workshop list narrows. Nothing is hidden: every button stays where it was, one
tab away; Enter/F2 on a line opens its tab. The switch follows the page's width both ways (a window
made wider gets its three panes back).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.widgets.checklist_details import badge_css
from chemcluster_desktop.ui.widgets.filter_bar import FilterBar
from chemcluster_desktop.ui.widgets.readiness_chart import ZoneReadinessChart

CTX = "AccreditationPage"
# below this width of the page's panes the line's panel goes into a tab (three panes need about
# 230 + 480 + 340 px; 1366 px at 100 % gives the page ≈ 1110 px, at 125 % 841 px)
WIDE_MIN = 1000
# the workshop list's least width in each arrangement
LIST_MIN_WIDE, LIST_MIN_NARROW = 220, 170
TAB_CHECKLIST, TAB_READINESS, TAB_LINE = 0, 1, 2


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def build_workshop_panel(page) -> QFrame:
    """Left: the workshops with their coverage and the new / card / delete buttons."""
    left = QFrame()
    left.setObjectName("workshopPanel")
    ll = QVBoxLayout(left)
    ll.setContentsMargins(0, 0, 8, 0)
    page.ws_caption = QLabel()
    page.ws_caption.setStyleSheet("font-weight: bold; color: #37474f;")
    ll.addWidget(page.ws_caption)
    page.ws_list = QListWidget()
    page.ws_list.setObjectName("workshopList")
    page.ws_list.setMinimumWidth(LIST_MIN_WIDE)
    page.ws_list.setSpacing(2)
    page.ws_list.setWordWrap(True)
    page.ws_list.setTextElideMode(Qt.TextElideMode.ElideNone)
    page.ws_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    page.ws_list.currentItemChanged.connect(lambda cur, _prev: page._workshop_changed(cur))
    page.ws_list.itemDoubleClicked.connect(lambda _it: page.on_edit_workshop())
    ll.addWidget(page.ws_list, 1)
    wb = QHBoxLayout()
    page.ws_new = QPushButton(icon("plus"), "")
    page.ws_edit = QPushButton(icon("pencil-outline"), "")
    page.ws_del = QPushButton(icon("delete-outline"), "")
    page.ws_new.clicked.connect(page.on_new)
    page.ws_edit.clicked.connect(page.on_edit_workshop)
    page.ws_del.clicked.connect(page.on_delete_workshop)
    for b in (page.ws_new, page.ws_edit, page.ws_del):
        wb.addWidget(b)
    ll.addLayout(wb)
    return left


def size_workshop_items(ws_list: QListWidget) -> None:
    """Wrapped two-part items: their height follows the text at the list's width."""
    fm = ws_list.fontMetrics()
    width = max(ws_list.viewport().width(), 150) - ws_list.iconSize().width() - 56
    for i in range(ws_list.count()):
        it = ws_list.item(i)
        h = fm.boundingRect(QRect(0, 0, width, 2000), int(Qt.TextFlag.TextWordWrap), it.text()).height()
        it.setSizeHint(QSize(width, h + 10))


def _build_strip(page) -> QFrame:
    """The strip above the tabs: the workshop's name and its four figures (they wrap, never overlap)."""
    head = QFrame()
    head.setObjectName("workshopHeader")
    head.setStyleSheet("QFrame#workshopHeader { background: white; border: 1px solid #dde2e7; "
                       "border-radius: 6px; } QFrame#workshopHeader QLabel { border: none; }")
    hl = QVBoxLayout(head)
    hl.setContentsMargins(10, 6, 10, 6)
    hl.setSpacing(4)
    page.ws_title = QLabel()
    page.ws_title.setObjectName("workshopTitle")
    page.ws_title.setTextFormat(Qt.TextFormat.PlainText)
    page.ws_title.setStyleSheet("font-size: 12pt; font-weight: bold;")
    page.ws_title.setWordWrap(True)
    hl.addWidget(page.ws_title)
    figs = FilterBar(spacing=6, row_spacing=4, glue_labels=False)
    figs.setObjectName("workshopFigures")
    page.fig_met, page.fig_partial, page.fig_missing, page.fig_cover = QLabel(), QLabel(), QLabel(), QLabel()
    page.fig_cover.setObjectName("coverage")
    for lab, key in ((page.fig_met, "ok"), (page.fig_partial, "warn"), (page.fig_missing, "bad"),
                     (page.fig_cover, "info")):
        lab.setStyleSheet(badge_css(key))
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        figs.addWidget(lab)
    hl.addWidget(figs)
    return head


def _build_readiness(page) -> QScrollArea:
    """The «Готовность» tab: the workshop's particulars and its readiness chart by zone (a click on a
    bar filters the checklist and brings it back)."""
    body = QWidget()
    bl = QVBoxLayout(body)
    page.ws_info = QLabel()
    page.ws_info.setObjectName("workshopInfo")
    page.ws_info.setTextFormat(Qt.TextFormat.PlainText)
    page.ws_info.setWordWrap(True)
    page.ws_info.setStyleSheet("color: #546e7a;")
    bl.addWidget(page.ws_info)
    page.chart = ZoneReadinessChart()
    page.chart.setObjectName("readinessChart")
    page.chart.setMinimumWidth(240)
    page.chart.setMinimumHeight(180)
    page.chart.setMaximumHeight(320)
    page.chart.zone_clicked.connect(page._chart_clicked)
    bl.addWidget(page.chart, 1)
    area = QScrollArea()
    area.setObjectName("readinessPane")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(body)
    return area


def build_centre(page) -> QWidget:
    """Centre: the strip and the tabs «Чек-лист» (the page's table) and «Готовность»."""
    centre = QWidget()
    centre.setObjectName("checklistPane")
    cl = QVBoxLayout(centre)
    cl.setContentsMargins(0, 0, 0, 0)
    cl.addWidget(_build_strip(page))
    page.centre_tabs = QTabWidget()
    page.centre_tabs.setObjectName("checklistTabs")
    page.centre_tabs.setDocumentMode(True)
    page.centre_tabs.addTab(page.table, icon("format-list-numbered"), "")
    page.centre_tabs.addTab(_build_readiness(page), icon("chart-line"), "")
    cl.addWidget(page.centre_tabs, 1)
    return centre


def retranslate(page) -> None:
    tabs = page.centre_tabs
    tabs.setTabText(TAB_CHECKLIST, _t("Чек-лист"))
    tabs.setTabToolTip(TAB_CHECKLIST, _t("Строки инфраструктурного листа мастерской"))
    tabs.setTabText(TAB_READINESS, _t("Готовность"))
    tabs.setTabToolTip(TAB_READINESS, _t("Сведения о мастерской и готовность по зонам (щелчок по столбцу "
                                         "отбирает строки)"))
    if tabs.count() > TAB_LINE:
        tabs.setTabText(TAB_LINE, _t("Строка"))
        tabs.setTabToolTip(TAB_LINE, _t("Связи, статус, комментарий и фото выбранной строки"))


class Arrangement:
    """Puts the line's panel beside the checklist (wide) or into a tab of it (narrow), after the
    page's width; the switch is made after the resize that asked for it (never inside it)."""

    def __init__(self, page):
        self.page = page
        self.narrow = False
        self._pending = False

    def width_changed(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply)

    def _apply(self) -> None:
        self._pending = False
        page = self.page
        want = page.width() < WIDE_MIN + self._chrome()
        if want != self.narrow:
            self.set_narrow(want)

    def _chrome(self) -> int:
        """The page's margins around its panes (the panes get the page's width less these)."""
        m = self.page.layout().contentsMargins() if self.page.layout() is not None else None
        return (m.left() + m.right()) if m is not None else 0

    def set_narrow(self, narrow: bool) -> None:
        page = self.page
        details, tabs, split = page.details, page.centre_tabs, page.splitter
        self.narrow = narrow
        current = tabs.currentIndex()
        if narrow:
            tabs.addTab(details, icon("clipboard-check-outline"), "")
            page.ws_list.setMinimumWidth(LIST_MIN_NARROW)
            split.setSizes([LIST_MIN_NARROW + 20, max(split.width() - LIST_MIN_NARROW - 20, 300)])
        else:
            if tabs.count() > TAB_LINE:
                tabs.removeTab(TAB_LINE)
            split.addWidget(details)
            details.show()
            page.ws_list.setMinimumWidth(LIST_MIN_WIDE)
            split.setStretchFactor(0, 0)
            split.setStretchFactor(1, 4)
            split.setStretchFactor(2, 2)
            rest = max(split.width() - 240, 600)
            split.setSizes([240, rest - details.minimumWidth(), details.minimumWidth()])
        tabs.setCurrentIndex(min(current, tabs.count() - 1))
        retranslate(page)
        size_workshop_items(page.ws_list)

    def show_line_tab(self) -> None:
        """Bring the line's panel forward: its tab when narrow (beside the table it is always shown)."""
        if self.narrow:
            self.page.centre_tabs.setCurrentIndex(TAB_LINE)
