"""One framework for pages made of several lists: a :class:`ListTab` per list and a :class:`TabbedPage`
that shows them as tabs and forwards the toolbar, the search and the refresh to the current one.

A list tab declares itself and nothing else::

    class SuppliersTab(ListTab):
        name = "suppliers"                         # object names (``suppliersTable``), remembered header
        title = "Поставщики"                       # source text, translated in the page's context
        columns = [Column("name", "Наименование", width=300), ...]
        empty_text = "Поставщиков нет. Добавьте (Ctrl+N)…"
        permission = "procurement.write"
        actions = {"new", "edit", "delete"}        # what the toolbar offers on this tab

        def count(self, q): return P.count_suppliers(q)
        def rows(self, q): return P.list_suppliers(q)
        def on_new(self): ...

A tab that is not a list (a chart, a form) derives from :class:`Tab` and builds its widgets in
:meth:`Tab.build`. Adding a list to a page is one class and one line in the page's ``tabs``.
Both have the page's two construction phases: :meth:`build` (widgets), :meth:`retranslate_ui` (texts);
data comes with :meth:`reload` when the tab is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import security
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import Column, PagedTableModel
from chemcluster_desktop.ui.pages.base import BasePage
from chemcluster_desktop.ui.screen import scrolling

TOOLBAR_ACTIONS = ("new", "edit", "delete", "import", "export", "print")


class Tab(QWidget):
    """One tab of a :class:`TabbedPage`: its widgets, its texts, its data, the actions it offers."""

    name = ""
    title = ""
    icon_name = ""  # the tab's icon (none when empty)
    permission: str | None = None  # the right needed to change what the tab shows
    actions: frozenset[str] | set[str] = frozenset()
    hidden_actions: frozenset[str] = frozenset()  # toolbar actions that make no sense here (hidden, not greyed)
    searchable = True  # False: the page's search field is disabled while the tab is shown
    table: QTableView | None = None
    model: PagedTableModel | None = None
    empty_text = ""

    def __init__(self, page: TabbedPage):
        super().__init__()
        self.page = page
        self.setObjectName(f"{self.name}Tab")
        self.build()

    # hooks ----------------------------------------------------------------------------------------
    def build(self) -> None:
        """Phase one: the widgets."""

    def retranslate_ui(self) -> None:
        """Phase two (and on a language change): every text."""

    def reload(self) -> None:
        """Fetch and show the data again."""

    def show_details(self) -> None:
        """The selection changed: update the details panel."""

    def action_enabled(self, name: str) -> bool:
        return name in self.actions

    def selected_rows(self) -> list[int]:
        """What is selected (row numbers; a tab without a list answers whether something is chosen)."""
        return []

    def count_text(self) -> str | None:
        """The line under the page (None: «Записей: N» of the tab's list, or nothing)."""
        return None

    def can_write(self) -> bool:
        return self.permission is None or security.can(self.permission)

    def on_role_changed(self) -> None:
        """Rights changed (another user logged in)."""

    def save_state(self) -> None:
        """Remember what the person arranged (column widths…)."""

    def tr_(self, text: str) -> str:
        return QCoreApplication.translate(self.page.context, text)

    # what the toolbar calls (only for names in ``actions``) ---------------------------------------
    def on_new(self):
        return None

    def on_edit(self):
        return None

    def on_delete(self):
        return None

    def on_import(self):
        return None

    def on_export(self):
        return None

    def on_print(self):
        return None


class ListTab(Tab):
    """A list: a table over the paged model (``columns``, ``count``/``rows`` from the service), the header
    state remembered per page and tab, an optional details panel beside it (:meth:`build_details`)."""

    columns: list[Column] = []
    details_sizes = (760, 600)
    single_selection = False  # True: one row at a time
    sortable = True  # False: the list keeps the service's order, the headers do not sort
    header_setting = ""  # where the header's state is remembered (default ``header/<page>.<tab>``)

    selection_changed = Signal()

    def build(self) -> None:
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 8, 8, 8)
        self.filters = QVBoxLayout()
        self.filters.setContentsMargins(0, 0, 0, 0)
        v.addLayout(self.filters)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setObjectName(f"{self.name}Table")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if self.single_selection
                                    else QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(self.sortable)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.setSectionsMovable(True)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setHighlightSections(False)
        self.table.doubleClicked.connect(lambda _i: self.page.activate_current())
        self.table.installEventFilter(self)
        self.splitter.addWidget(self.table)
        self.model = self.make_model()
        self._bind()
        self.details = self.build_details()
        if self.details is not None:  # it scrolls when the screen is too low for it (else it is squeezed)
            self.splitter.addWidget(scrolling(self.details))
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
            self.splitter.setSizes(list(self.details_sizes))
        v.addWidget(self.splitter, 1)
        self.build_filters(self.filters)

    # hooks ----------------------------------------------------------------------------------------
    def make_model(self) -> PagedTableModel:
        return PagedTableModel(self.columns, count=self.count, page=self.rows, context=self.page.context)

    def count(self, q: ListQuery) -> int:
        raise NotImplementedError

    def rows(self, q: ListQuery) -> list[dict]:
        raise NotImplementedError

    def build_details(self) -> QWidget | None:
        return None

    def build_filters(self, bar: QVBoxLayout) -> None:
        """Filters above the list (combo boxes) go into ``bar``."""

    # the list -------------------------------------------------------------------------------------
    def _header_key(self) -> str:
        return self.header_setting or f"header/{self.page.key}.{self.name}"

    def _bind(self) -> None:
        self.table.setModel(self.model)
        hh = self.table.horizontalHeader()
        hh.setSortIndicatorShown(self.sortable)  # before the widths: a sort arrow takes header room
        if self.sortable:
            hh.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for i, c in enumerate(self.model.columns):
            if c.width:  # never narrower than its header's text and sort arrow (else the header is cut)
                self.table.setColumnWidth(i, max(c.width, hh.sectionSizeHint(i)))
        state = settings().get_bytes(self._header_key())
        if state:
            hh.restoreState(QByteArray(state))
        hh.sectionResized.connect(lambda *_a: self.save_state())
        hh.sectionMoved.connect(lambda *_a: self.save_state())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.selection_changed.emit())

    def save_state(self) -> None:
        settings().set(self._header_key(), bytes(self.table.horizontalHeader().saveState().data()), save=False)

    def reload(self) -> None:
        keep = self.current_id()
        self.model.refresh()
        if keep is not None:
            self.select_id(keep)

    def selected_rows(self) -> list[int]:
        sm = self.table.selectionModel()
        return sorted({i.row() for i in sm.selectedRows()}) if sm is not None else []

    def current_id(self) -> int | None:
        rows = self.selected_rows()
        return self.model.row_id(rows[0]) if rows else None

    def current_row(self) -> dict | None:
        rows = self.selected_rows()
        return self.model.row(rows[0]) if rows else None

    def select_id(self, row_id: int) -> bool:
        if self.page.current_tab() is self:
            return self.page.select_id(row_id)
        return False

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj is self.table and ev.type() == QEvent.Type.KeyPress and ev.key() in (Qt.Key.Key_Return,
                                                                                     Qt.Key.Key_Enter):
            self.page.activate_current()
            return True
        return super().eventFilter(obj, ev)


class TabbedPage(BasePage):
    """A page of tabs: the toolbar, search, count, empty hint and refresh act on the current tab."""

    has_list = False
    tabs_classes: list[type[Tab]] = []
    tabs_object_name = "pageTabs"

    def build(self) -> None:
        self.active_dialog = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName(self.tabs_object_name)
        self.body.addWidget(self.tabs, 1)
        self.tab_list: list[Tab] = []
        for cls in self.tabs_classes:
            self.add_tab(cls(self))
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed(0)

    def add_tab(self, tab: Tab) -> Tab:
        self.tab_list.append(tab)
        if tab.icon_name:
            self.tabs.addTab(tab, icon(tab.icon_name), "")
        else:
            self.tabs.addTab(tab, "")
        if isinstance(tab, ListTab):
            tab.selection_changed.connect(self.update_actions)
            tab.model.loaded.connect(lambda _n: self._update_count())
            tab.model.modelReset.connect(self._update_empty)
        return tab

    def offers_action(self, handler: str) -> bool:
        """A toolbar action is on the page when one of its tabs offers it."""
        name = handler.removeprefix("on_")
        return any(name in cls.actions for cls in self.tabs_classes)

    # tabs -----------------------------------------------------------------------------------------
    def current_tab(self) -> Tab:
        return self.tab_list[max(self.tabs.currentIndex(), 0)]

    def tab(self, name: str) -> Tab:
        for t in self.tab_list:
            if t.name == name:
                return t
        raise ValueError(name)

    def show_tab(self, name: str) -> Tab:
        t = self.tab(name)
        self.tabs.setCurrentWidget(t)
        return t

    def _tab_changed(self, i: int) -> None:
        if not (0 <= i < len(self.tab_list)):
            return
        t = self.tab_list[i]
        self.set_current_list(t.table, t.model, self.tr_(t.empty_text) if t.empty_text else "")
        self.search.setEnabled(t.model is not None and t.searchable)
        if t.empty_text:
            self.empty_text = t.empty_text
        if self.isVisible():
            self.refresh()

    # forwarding -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.current_tab().reload()
        self._update_count()
        self._update_empty()
        self.update_actions()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        for i, t in enumerate(self.tab_list):
            self.tabs.setTabText(i, self.tr_(t.title))
            t.retranslate_ui()

    def can_write(self) -> bool:
        return self.current_tab().can_write()

    def selected_rows(self) -> list[int]:
        return self.current_tab().selected_rows()

    def count_text(self) -> str:
        text = self.current_tab().count_text()
        return super().count_text() if text is None else text

    def action_enabled(self, name: str) -> bool:
        return name not in TOOLBAR_ACTIONS or self.current_tab().action_enabled(name)

    def on_selection_changed(self) -> None:
        for name in self.current_tab().hidden_actions:  # shown again by the next tab's update (by the rights)
            if name in self.actions_by_name:
                self.actions_by_name[name].setVisible(False)
        self.current_tab().show_details()

    def on_role_changed(self) -> None:
        for t in self.tab_list:
            t.on_role_changed()
        super().on_role_changed()

    def save_state(self) -> None:
        for t in self.tab_list:
            t.save_state()
        settings().save()

    def open_dialog(self, dlg):
        """Open a tab's form; when it is saved, select what it saved (the list already shows it)."""
        self.active_dialog = dlg
        dlg.accepted.connect(lambda: self._dialog_saved(dlg))
        dlg.open()
        return dlg

    def _dialog_saved(self, dlg) -> None:
        saved = getattr(dlg, "saved_id", None)
        if saved is not None and self.current_tab().table is not None:
            self.select_id(saved)

    def on_new(self):
        return self.current_tab().on_new()

    def on_edit(self):
        return self.current_tab().on_edit()

    def on_delete(self):
        return self.current_tab().on_delete()

    def on_export(self):
        return self.current_tab().on_export()

    def on_print(self):
        return self.current_tab().on_print()
