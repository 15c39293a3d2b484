"""The common shape of a page: title, toolbar of actions, search as you type, filters, the list,
an optional details panel, and an empty-state hint.

A page subclass sets ``key``, ``area``, ``title_text`` and ``write_permission``, builds its model
with :meth:`set_model`, and overrides the ``on_*`` handlers it supports (the matching toolbar
actions appear only for those). Every string goes through :meth:`tr_` with the page's context so
that ``pyside6-lupdate`` finds it; :meth:`retranslate_ui` is called when the language changes.

Construction has two phases and a first load: the skeleton and then :meth:`build` (the subclass's
widgets; no text yet), then :meth:`retranslate_ui` (every text), and the first :meth:`refresh` when the
page is first shown. Until both phases are done no hook runs (:meth:`on_selection_changed`,
:meth:`action_enabled`, :meth:`reload`): a hook may use every widget :meth:`build` makes, without
``hasattr`` guards. Subclasses use the public hooks — :meth:`build`, :meth:`retranslate_ui`,
:meth:`reload`, :meth:`on_selection_changed`, :meth:`action_enabled`, :meth:`on_data_changed`,
:meth:`set_current_list`, :meth:`count_text`, :meth:`selected_rows` — and never override the private
methods. Every page the main window holds is a :class:`Page` (so the window needs no ``hasattr``). A page of several lists is a
:class:`chemcluster_desktop.ui.lists.TabbedPage` (``has_list = False``: no list of its own).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop import areas
from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import security
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import events, style
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import PagedTableModel
from chemcluster_desktop.ui.widgets.filter_bar import FilterBar

# the context of a page-wide action's shortcut: the whole window, while the page is the one shown
PAGE_SHORTCUT = Qt.ShortcutContext.WindowShortcut


class Page:
    """What the main window asks of every page it shows — a :class:`BasePage`, the reports centre, the
    stand-in for a page that failed to load: texts again, remember the layout, the toolbar whose actions
    «Правка» repeats (None: no toolbar), and the search field Ctrl+F focuses (``offers_search``)."""

    toolbar: QToolBar | None = None
    offers_search = False

    def retranslate_ui(self) -> None:
        """Every text again (a language change)."""

    def save_state(self) -> None:
        """Remember what the person arranged (column widths …)."""

    def focus_search(self) -> None:
        """Put the cursor in the page's search field (only when ``offers_search``)."""


class BasePage(Page, QWidget):
    key = "base"
    area: Area | None = None  # the data area the page shows; it refreshes when a unit of work changes it
    context = "Page"  # translation context
    title_text = ""
    icon_name = "file-document-outline"
    write_permission: str | None = None
    empty_text = "Нет записей. Добавьте (Ctrl+N) или импортируйте из Excel."
    search_placeholder = "Поиск (Ctrl+F)…"
    search_delay_ms = 120
    has_list = True  # False: the page puts its own widgets (tabs…) into ``body`` instead of one list
    offers_search = True

    status_message = Signal(str)
    refreshed = Signal()  # after every refresh(): what a test counts, what a chart next to the page follows

    ACTIONS = [
        # (name, icon, source text, shortcut, handler, needs write, needs selection)
        ("new", "plus-circle-outline", "Создать", QKeySequence.StandardKey.New, "on_new", True, False),
        ("edit", "pencil-outline", "Изменить", "F2", "on_edit", False, True),
        ("delete", "delete-outline", "Удалить", QKeySequence.StandardKey.Delete, "on_delete", True, True),
        ("import", "file-import-outline", "Импорт", "Ctrl+I", "on_import", True, False),
        ("export", "file-export-outline", "Экспорт", "Ctrl+E", "on_export", False, False),
        ("print", "printer-outline", "Печать", QKeySequence.StandardKey.Print, "on_print", False, False),
        ("refresh", "refresh", "Обновить", QKeySequence.StandardKey.Refresh, "refresh", False, False),
    ]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model: PagedTableModel | None = None
        self.actions_by_name: dict[str, QAction] = {}
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.search_delay_ms)
        self._search_timer.timeout.connect(self._apply_search)
        self._stale = False
        self._loaded_once = False
        self._constructed = False  # True once built and translated: the hooks run from then on
        self._build()
        self.build()
        self.retranslate_ui()
        self._constructed = True
        self._selection_changed()  # the toolbar for the (empty) selection; the data come on first show
        events.bus().changed.connect(self._on_data_changed)

    # --- translation -------------------------------------------------------------------------
    def tr_(self, text: str) -> str:
        """``text`` in the page's context; a text the page inherits (the base's empty hint, a tab's
        title) is found in the shared "Page" context."""
        out = QCoreApplication.translate(self.context, text)
        return out if out != text else QCoreApplication.translate("Page", text)

    # --- skeleton ----------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 8)
        lay.setSpacing(8)
        head = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        style.title_font(self.title_label)
        head.addWidget(self.title_label)
        head.addStretch(1)
        self.search = QLineEdit()
        self.search.setObjectName("pageSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search_now)
        head.addWidget(self.search)
        lay.addLayout(head)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setObjectName("pageToolbar")
        self.toolbar.setStyleSheet(style.TOOLBAR_QSS)
        for name, icon_name, _text, shortcut, handler, _w, sel in self.ACTIONS:
            if handler != "refresh" and not self.offers_action(handler):
                continue
            act = QAction(icon(icon_name), "", self)
            act.setObjectName(f"action_{name}")
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            # F5, Ctrl+N, Ctrl+I, Ctrl+E, Ctrl+P work as soon as the page is shown (focus still in the
            # rail); Qt never matches a hidden page's actions. F2/Delete act on the list's selection:
            # only with the focus in the page.
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut if sel else PAGE_SHORTCUT)
            act.triggered.connect(getattr(self, handler))
            self.addAction(act)
            self.toolbar.addAction(act)
            self.actions_by_name[name] = act
        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(PAGE_SHORTCUT)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        lay.addWidget(self.toolbar)

        # the filters wrap onto a second row when the page is too narrow for one (never overlap)
        self.filter_bar = FilterBar(spacing=8)
        lay.addWidget(self.filter_bar)

        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.body, 1)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyState")
        style.muted(self.empty_label, 11)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self._empty_over: QTableView | None = None  # the list whose rows the empty-state hint is over
        self.table: QTableView | None = None
        self.splitter: QSplitter | None = None
        if self.has_list:
            self._build_list()

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        style.muted(self.count_label)
        lay.addWidget(self.count_label)

    def _build_list(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setObjectName("pageTable")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # no sort column until the person clicks a header: the service's own order comes first
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.doubleClicked.connect(lambda _i: self._activate())
        self.table.installEventFilter(self)
        self.splitter.addWidget(self.table)
        self.body.addWidget(self.splitter, 1)

    def offers_action(self, handler: str) -> bool:
        """Whether the toolbar shows the action of ``handler`` (``on_new``…): by default when the page
        overrides the handler."""
        return self._overrides(handler)

    def _overrides(self, handler: str) -> bool:
        for cls in type(self).__mro__:
            if cls is BasePage:
                return False
            if handler in cls.__dict__:
                return True
        return False

    def build(self) -> None:
        """Phase one: subclasses build their filters, model and details panel here (texts come in
        :meth:`retranslate_ui`, data with the first :meth:`refresh`)."""
        self.setup_ui()

    def setup_ui(self) -> None:
        """The older name of :meth:`build`."""

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr_(self.title_text))
        self.search.setPlaceholderText(QCoreApplication.translate("Page", self.search_placeholder))
        for name, _i, text, _sc, _h, _w, _s in self.ACTIONS:
            act = self.actions_by_name.get(name)
            if act is not None:
                label = QCoreApplication.translate("Page", text)
                act.setText(label)
                seq = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                act.setToolTip(f"{label} ({seq})" if seq else label)
        self.empty_label.setText(self.tr_(self.empty_text))
        if self.model is not None:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.model.columnCount() - 1, 0))
        self._update_count()

    # --- model -------------------------------------------------------------------------------
    def set_model(self, model: PagedTableModel) -> None:
        self.model = model
        self.table.setModel(model)
        model.loaded.connect(lambda _n: self._update_count())
        model.modelReset.connect(self._update_empty)
        model.rowsInserted.connect(lambda *_a: self._update_empty())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        for i, c in enumerate(model.columns):
            if c.width:
                # never narrower than its header's text (else the header is cut)
                self.table.setColumnWidth(i, max(c.width, self.table.horizontalHeader().sectionSizeHint(i)))
        state = settings().get_bytes(f"header/{self.key}")
        if state:
            from PySide6.QtCore import QByteArray

            self.table.horizontalHeader().restoreState(QByteArray(state))
        # headers readable over the restored widths too, now (not only when the window's fitting looks for
        # tables: at start that look comes 0.3 s after the first paint, ui/startup.py)
        from chemcluster_desktop.ui.widgets.headers import keep_headers_readable

        self.table.setProperty("headersKept", True)
        keep_headers_readable(self.table)
        self.table.horizontalHeader().sectionResized.connect(lambda *_a: self._save_header())
        self.table.horizontalHeader().sectionMoved.connect(lambda *_a: self._save_header())
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self._selection_changed()

    def set_current_list(self, table: QTableView | None, model: PagedTableModel | None, empty_text: str = "") -> None:
        """Point search, selection, the count and the empty-state hint at another list (a tab's)."""
        self.table = table
        self.model = model
        if empty_text:
            self.empty_text = empty_text
        self.empty_label.hide()  # _update_empty puts it over this list's rows when the list is empty
        self.search.setEnabled(model is not None)
        if model is not None:
            self.search.blockSignals(True)
            self.search.setText(model.query.search)
            self.search.blockSignals(False)
        self._update_count()
        self._update_empty()
        self._selection_changed()

    def _save_header(self) -> None:
        if self.table is None:
            return
        settings().set(f"header/{self.key}", bytes(self.table.horizontalHeader().saveState().data()), save=False)

    def save_state(self) -> None:
        if self.model is not None:
            self._save_header()
            settings().save()

    def set_details_widget(self, w: QWidget) -> None:
        self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

    @property
    def loaded(self) -> bool:
        """The page has been shown and its data loaded at least once."""
        return self._loaded_once

    def refresh(self) -> None:
        if not self._constructed:  # a filter filled during build(): the first refresh comes on first show
            return
        self.reload()
        self.refreshed.emit()

    def reload(self) -> None:
        """Reload what the page shows, keeping the selection (pages with more than one list override)."""
        if self.model is not None:
            keep = self.current_id()
            self.model.refresh()
            if keep is not None:
                self.select_id(keep)
        self._selection_changed()

    def _on_data_changed(self, changed: frozenset) -> None:
        if changed & self.watched_areas():
            self.on_data_changed(changed)

    def on_data_changed(self, changed: frozenset) -> None:
        """An action changed areas this page watches: refresh now when shown, else on the next show."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def watched_areas(self) -> frozenset:
        return frozenset(([self.area] if self.area else []) + list(self.listens_to()))

    def listens_to(self) -> tuple[Area, ...]:
        """The data areas whose changes refresh this page, as its area declares them in the registry
        (its own ``area`` is always watched)."""
        return tuple(areas.listens_to(self.key))

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        if self._stale or not self._loaded_once:
            self._stale = False
            self._loaded_once = True
            self.refresh()

    def _update_count(self) -> None:
        self.count_label.setText(self.count_text())

    def count_text(self) -> str:
        """The line under the list: «Записей: N» (a page or tab without a list says something else)."""
        if self.model is None:
            return ""
        return QCoreApplication.translate("Page", "Записей: {0}").format(self.model.total())

    def _update_empty(self) -> None:
        empty = self.model is not None and self.table is not None and self.model.rowCount() == 0
        if empty:
            text = self.tr_(self.empty_text)
            if self.search.text().strip():
                text = QCoreApplication.translate("Page", "Ничего не найдено по запросу «{0}».").format(
                    self.search.text().strip())
            self.empty_label.setText(text)
            if self._empty_over is not self.table:
                # over the rows of the list shown now (a tabbed page switches lists); only when a list is
                # empty: asking the view for its viewport makes PySide6 create the Python types of ~20
                # widget classes (~5 ms), which a start with a filled list does not need
                self.empty_label.setParent(self.table.viewport())
                self._empty_over = self.table
            self.empty_label.resize(self.table.viewport().size())
        self.empty_label.setVisible(empty)

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        if self.table is not None and self._empty_over is self.table and self.empty_label.isVisible():
            self.empty_label.resize(self.table.viewport().size())

    # --- search ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _apply_search(self) -> None:
        if self.model is not None:
            self.model.set_search(self.search.text())
            self._update_empty()
            self._selection_changed()

    def _apply_search_now(self) -> None:
        self._search_timer.stop()
        self._apply_search()
        if self.model is not None and self.table is not None and self.model.rowCount() == 1:
            self.table.selectRow(0)

    # --- selection ---------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        sm = self.table.selectionModel() if self.table is not None else None
        if sm is None:
            return []
        return sorted({i.row() for i in sm.selectedRows()})

    def selected_ids(self) -> list[int]:
        if self.model is None:
            return []
        return [i for i in (self.model.row_id(r) for r in self.selected_rows()) if i is not None]

    def current_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def current_row(self) -> dict | None:
        rows = self.selected_rows()
        return self.model.row(rows[0]) if rows and self.model is not None else None

    def select_id(self, row_id: int) -> bool:
        if self.model is None or self.table is None:
            return False
        r = self.model.find_row(row_id)
        while r < 0 and self.model.canFetchMore():
            self.model.fetchMore()
            r = self.model.find_row(row_id)
        if r < 0:
            return False
        idx = self.model.index(r, 0)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        return True

    def can_write(self) -> bool:
        return self.write_permission is None or security.can(self.write_permission)

    def _selection_changed(self) -> None:
        if not self._constructed:  # while build() makes the lists: nothing to show in a panel not yet built
            return
        has = bool(self.selected_rows())
        writable = self.can_write()
        for name, _i, _t, _s, _h, needs_write, needs_sel in self.ACTIONS:
            act = self.actions_by_name.get(name)
            if act is None:
                continue
            enabled = (not needs_write or writable) and (not needs_sel or has) and self.action_enabled(name)
            act.setEnabled(enabled)
            if needs_write:
                act.setVisible(writable)
        # a page's own toolbar actions marked ``act.setProperty("needs_write", True)`` follow the rights too
        for act in self.toolbar.actions():
            if act.property("needs_write") and act.objectName() not in {f"action_{n}" for n in self.actions_by_name}:
                act.setVisible(writable)
                if not writable:
                    act.setEnabled(False)
        self.on_selection_changed()

    def update_actions(self) -> None:
        """Enable the toolbar for the current selection and rights (and update the details panel)."""
        self._selection_changed()

    def action_enabled(self, name: str) -> bool:
        """Subclasses refuse an action the current view does not offer (on top of rights and selection)."""
        return True

    def on_selection_changed(self) -> None:
        """Subclasses update their details panel."""

    def _activate(self) -> None:
        if "edit" in self.actions_by_name and self.actions_by_name["edit"].isEnabled():
            self.on_edit()

    def activate_current(self) -> None:
        """Double-click or Enter on a row: edit it (when the page may)."""
        self._activate()

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj is not None and obj is self.table and ev.type() == QEvent.Type.KeyPress and ev.key() in (Qt.Key.Key_Return,
                                                                                     Qt.Key.Key_Enter):
            self._activate()
            return True
        return super().eventFilter(obj, ev)

    # --- helpers for subclasses -----------------------------------------------------------------
    def confirm_delete(self, what: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Page", "Удаление"),
                          QCoreApplication.translate("Page", "Удалить {0}?").format(what),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def on_role_changed(self) -> None:
        self._selection_changed()
