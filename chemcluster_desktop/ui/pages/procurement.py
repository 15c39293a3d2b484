"""«Закупки»: needs with their commercial offers and the НМЦК, the plan-schedule with its status road,
contracts and deliveries, suppliers, funding sources and the budget with its chart.

One page with tabs; the toolbar (Создать / Изменить / Удалить / Экспорт / Печать / Обновить) and the
search act on the current tab's list. The status road shows only the steps allowed next; a step
whose data is missing (no contract yet…) is offered disabled with the reason beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QByteArray, QCoreApplication, QDate, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services import security
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import events, ops
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.dialogs import procurement_dialogs as D
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import BADGE_COLORS, Column, PagedTableModel
from chemcluster_desktop.ui.pages.base import BasePage

CTX = "Procurement"


def _t(s: str) -> str:
    return QCoreApplication.translate("Procurement", s)


STATUS_BADGES = {k: (v, P.STATUS_COLORS[k]) for k, v in P.STATUS_LABELS.items()}


@dataclass
class TabSpec:
    name: str
    title: str
    table: QTableView | None
    model: PagedTableModel | None
    empty_text: str
    permission: str
    widget: QWidget


def _badge_label(status: str) -> QLabel:
    lab = QLabel(P.status_label(status))
    bg, fg = BADGE_COLORS.get(P.STATUS_COLORS.get(status, "muted"), BADGE_COLORS["muted"])
    lab.setStyleSheet(f"background:{bg}; color:{fg}; border-radius:8px; padding:1px 8px; font-weight:bold;")
    lab.setObjectName("statusBadge")
    return lab


def _hint(text: str = "") -> QLabel:
    lab = QLabel(text)
    lab.setProperty("role", "hint")
    lab.setWordWrap(True)
    return lab


def _ro_item(text: str, right: bool = False) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


def _small_table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setMinimumSectionSize(60)
    t.verticalHeader().setDefaultSectionSize(24)
    return t


# --- delegates of the offers table --------------------------------------------------------------------
class SupplierDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        c = QComboBox(parent)
        c.setEditable(True)
        for s in P.all_suppliers():
            c.addItem(s.name, s.id)
        return c

    def setEditorData(self, editor, index):  # noqa: N802
        sid = index.data(Qt.ItemDataRole.UserRole + 2)
        i = editor.findData(sid) if sid is not None else editor.findText(index.data() or "")
        if i >= 0:
            editor.setCurrentIndex(i)
        else:
            editor.setEditText(index.data() or "")

    def setModelData(self, editor, model, index):  # noqa: N802
        text = editor.currentText().strip()
        i = editor.findText(text)
        sid = editor.itemData(i) if i >= 0 else None
        model.setData(index, sid, Qt.ItemDataRole.UserRole + 2)
        model.setData(index, text, Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        e = QDateEdit(parent)
        e.setCalendarPopup(True)
        e.setDisplayFormat("dd.MM.yyyy")
        return e

    def setEditorData(self, editor, index):  # noqa: N802
        d = QDate.fromString(index.data() or "", "dd.MM.yyyy")
        editor.setDate(d if d.isValid() else QDate.currentDate())

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.date().toString("dd.MM.yyyy"), Qt.ItemDataRole.EditRole)


# --- the status road ---------------------------------------------------------------------------------------
class StatusRoad(QWidget):
    """Chips for the road need → … → on the inventory: done (green, dated), current (accent), ahead (grey);
    a failed or cancelled line ends in a red chip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("statusRoad")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 4)
        self.grid.setHorizontalSpacing(2)
        self.grid.setVerticalSpacing(2)
        self.chips: dict[str, QLabel] = {}

    PER_ROW = 5

    def set_line(self, line: P.PlanLineInfo | None) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.chips = {}
        if line is None:
            return
        done = {}
        for st in line.steps:
            done[st.status] = st
        road = ["need", *P.ROAD]  # every line starts from the needs it groups
        if line.status in P.INACTIVE:
            reached = [s for s in road if s in done or s == "need"]
            road = reached + [line.status]
        current = line.status
        for i, status in enumerate(road):
            st = done.get(status)
            chip = QLabel(P.status_label(status))
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setWordWrap(True)
            chip.setMinimumWidth(78)
            chip.setObjectName(f"road_{status}")
            if status == current:
                key = "bad" if status in P.INACTIVE else ("ok" if status == "on_inventory" else "info")
                bg, fg = BADGE_COLORS[key]
                css = f"background:{bg}; color:{fg}; border:2px solid {fg}; font-weight:bold;"
            elif st is not None or status == "need":
                bg, fg = BADGE_COLORS["ok"]
                css = f"background:{bg}; color:{fg}; border:1px solid #a5d6a7;"
            else:
                css = "background:#f3f5f7; color:#90a4ae; border:1px dashed #cfd8dc;"
            chip.setStyleSheet(css + " border-radius:6px; padding:4px 4px; font-size:8.5pt;")
            row, col = (i // self.PER_ROW) * 2, (i % self.PER_ROW) * 2
            self.grid.addWidget(chip, row, col)
            sub = QLabel(f"{fmt.date(st.date)}\n{st.user_login}" if st else "")
            sub.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            sub.setStyleSheet("color:#607d8b; font-size:7.5pt;")
            self.grid.addWidget(sub, row + 1, col)
            if st is not None:
                chip.setToolTip(QCoreApplication.translate("Procurement", "{0}: {1}, {2}").format(P.status_label(status), fmt.date(st.date), st.user_login)
                                + (f"\n{st.note}" if st.note else ""))
            if i < len(road) - 1:
                arrow = QLabel("›")
                arrow.setStyleSheet("color:#90a4ae; font-size:14pt;")
                self.grid.addWidget(arrow, row, col + 1)
            self.chips[status] = chip


# --- the page ------------------------------------------------------------------------------------------------
class ProcurementPage(BasePage):
    key = "procurement"
    area = "procurement"
    context = CTX
    title_text = "Закупки оборудования"
    icon_name = "cart-outline"
    write_permission = "procurement.write"
    empty_text = "Нет потребностей. Добавьте (Ctrl+N) или создайте их из дефицитов чек-листа в разделе «Аккредитация»."

    NEED_COLUMNS = [
        Column("id", "№", "int", 50),
        Column("name", "Наименование", width=280),
        Column("quantity", "Кол-во", "decimal", 64),
        Column("unit", "Ед.", width=48, sortable=False),
        Column("place", "Мастерская / помещение", width=220, sortable=False),
        Column("offers", "КП", "int", 40),
        Column("nmck", "НМЦК", "money", 130),
        Column("status", "Статус", "badge", 150, badges=STATUS_BADGES),
        Column("plan", "Строка плана", width=110),
        Column("law", "Закон", width=64),
    ]
    PLAN_COLUMNS = [
        Column("number", "№ строки", width=110),
        Column("title", "Предмет закупки", width=330),
        Column("source", "Источник", width=220),
        Column("law", "Закон", width=64),
        Column("period", "Срок", width=90),
        Column("needs", "Позиций", "int", 64),
        Column("amount", "НМЦК", "money", 140),
        Column("status", "Статус", "badge", 160, badges=STATUS_BADGES),
    ]
    CONTRACT_COLUMNS = [
        Column("number", "Номер", width=190),
        Column("date", "Дата", "date", 90),
        Column("supplier", "Поставщик", width=220),
        Column("plan", "Строка плана", width=110),
        Column("price", "Цена", "money", 140),
        Column("paid", "Оплачено", "money", 140),
        Column("pending", "Ждут приёмки", "int", 90),
        Column("status", "Статус", "badge", 150, badges=STATUS_BADGES),
    ]
    SUPPLIER_COLUMNS = [
        Column("name", "Наименование", width=300),
        Column("inn", "ИНН", width=110),
        Column("kpp", "КПП", width=90, sortable=False),
        Column("contact", "Контактное лицо", width=200, sortable=False),
        Column("phone", "Телефон", width=140, sortable=False),
        Column("email", "Эл. почта", width=180, sortable=False),
        Column("offers", "КП", "int", 50),
        Column("contracts", "Контрактов", "int", 80),
    ]
    SOURCE_COLUMNS = [
        Column("code", "Код", width=90, sortable=False),
        Column("name", "Источник финансирования", width=330, sortable=False),
        Column("limit", "Лимит", "money", 150, sortable=False),
        Column("planned", "План", "money", 140, sortable=False),
        Column("contracted", "Законтрактовано", "money", 140, sortable=False),
        Column("paid", "Оплачено", "money", 140, sortable=False),
        Column("remaining", "Остаток", "money", 150, sortable=False),
    ]

    # --- building ---------------------------------------------------------------------------------------
    def setup_ui(self) -> None:
        self.active_dialog = None
        self._loading_offers = False
        self.specs: list[TabSpec] = []
        lay = self.layout()
        lay.removeWidget(self.splitter)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("procurementTabs")
        lay.insertWidget(lay.indexOf(self.count_label), self.tabs, 1)
        self._extra_tables: list[QTableView] = []

        # needs
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(8, 8, 8, 8)
        fl = QHBoxLayout()
        self.need_status = QComboBox()
        self.need_status.setObjectName("needStatusFilter")
        self.need_status.addItem("", None)
        for k in P.STATUS_LABELS:
            self.need_status.addItem("", k)
        self.need_status.currentIndexChanged.connect(
            lambda _i: self.need_model.set_filter("status", self.need_status.currentData()))
        self.need_status_label = QLabel()
        fl.addWidget(self.need_status_label)
        fl.addWidget(self.need_status)
        fl.addStretch(1)
        v.addLayout(fl)
        v.addWidget(self.splitter, 1)
        self.need_model = PagedTableModel(self.NEED_COLUMNS, count=P.count_needs, page=P.list_needs, context=CTX)
        self.need_details = self._build_need_details()
        self.splitter.addWidget(self.need_details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([620, 740])
        self._add_spec("needs", "Потребности и НМЦК", self.table, self.need_model, self.empty_text,
                       "procurement.needs", w)

        # plan-schedule
        self.plan_model = PagedTableModel(self.PLAN_COLUMNS, count=P.count_plan_lines, page=P.list_plan_lines,
                                          context=CTX)
        self.plan_details = self._build_plan_details()
        self._list_tab("plan", "План-график", self.plan_model, self.plan_details,
                       "План-график пуст. Отметьте потребности с обоснованной ценой и нажмите «Создать» (Ctrl+N).")
        # contracts
        self.contract_model = PagedTableModel(self.CONTRACT_COLUMNS, count=P.count_contracts, page=P.list_contracts,
                                              context=CTX)
        self.contract_details = self._build_contract_details()
        self._list_tab("contracts", "Контракты и поставки", self.contract_model, self.contract_details,
                       "Контрактов нет. Контракт регистрируется по строке плана, когда поставщик определён.")
        # suppliers
        self.supplier_model = PagedTableModel(self.SUPPLIER_COLUMNS, count=P.count_suppliers, page=P.list_suppliers,
                                              context=CTX)
        self._list_tab("suppliers", "Поставщики", self.supplier_model, None,
                       "Поставщиков нет. Добавьте (Ctrl+N): ИНН проверяется по контрольным цифрам.")
        # funding sources
        self.source_model = PagedTableModel(self.SOURCE_COLUMNS, count=lambda q: len(P.list_sources()),
                                            page=self._source_rows, context=CTX)
        self._list_tab("sources", "Источники финансирования", self.source_model, None,
                       "Источников нет. Добавьте (Ctrl+N) грант, областной бюджет, средства работодателей и "
                       "собственные средства.")
        # budget
        self.budget_widget = self._build_budget()
        self._add_spec("budget", "Бюджет", None, None, "", "procurement.write", self.budget_widget)

        self.tabs.currentChanged.connect(self._activate_tab)
        self._activate_tab(0)

    def _add_spec(self, name, title, table, model, empty, perm, widget) -> None:
        self.specs.append(TabSpec(name, title, table, model, empty, perm, widget))
        self.tabs.addTab(widget, "")
        if table is not None:
            self.table = table
            self._bind(table, model, name)

    def _list_tab(self, name, title, model, details, empty) -> None:
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(8, 8, 8, 8)
        split = QSplitter(Qt.Orientation.Horizontal)
        t = QTableView()
        t.setObjectName(f"{name}Table")
        t.setAlternatingRowColors(True)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setSortingEnabled(True)
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(26)
        t.horizontalHeader().setStretchLastSection(True)
        t.horizontalHeader().setSectionsMovable(True)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.doubleClicked.connect(lambda _i: self._activate())
        t.installEventFilter(self)
        split.addWidget(t)
        if details is not None:
            split.addWidget(details)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
            split.setSizes([760, 600])
        v.addWidget(split, 1)
        self._extra_tables.append(t)
        self._add_spec(name, title, t, model, empty, "procurement.write", w)

    def _bind(self, table: QTableView, model: PagedTableModel, name: str) -> None:
        table.setModel(model)
        model.loaded.connect(lambda _n: self._update_count())
        model.modelReset.connect(self._update_empty)
        table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        for i, c in enumerate(model.columns):
            if c.width:
                table.setColumnWidth(i, c.width)
        state = settings().get_bytes(f"header/procurement.{name}")
        if state:
            table.horizontalHeader().restoreState(QByteArray(state))
        table.horizontalHeader().sectionResized.connect(lambda *_a, t=table, n=name: self._save_header_of(t, n))
        table.horizontalHeader().setSortIndicatorShown(True)
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)

    def _save_header_of(self, table: QTableView, name: str) -> None:
        settings().set(f"header/procurement.{name}", bytes(table.horizontalHeader().saveState().data()), save=False)

    def _save_header(self) -> None:
        pass

    def save_state(self) -> None:
        for sp in self.specs:
            if sp.table is not None:
                self._save_header_of(sp.table, sp.name)
        settings().save()

    def set_model(self, model) -> None:  # not used: every tab binds its own model
        self.model = model

    def current_spec(self) -> TabSpec:
        return self.specs[max(self.tabs.currentIndex(), 0)]

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex([s.name for s in self.specs].index(name))

    def _activate_tab(self, i: int) -> None:
        if not (0 <= i < len(self.specs)):
            return
        sp = self.specs[i]
        if sp.table is not None:
            self.table = sp.table
            self.model = sp.model
            self.empty_label.setParent(sp.table.viewport())
            self.empty_label.resize(sp.table.viewport().size())
            self.empty_text = sp.empty_text
            self.search.setEnabled(True)
            self.search.blockSignals(True)
            self.search.setText(sp.model.query.search)
            self.search.blockSignals(False)
            if self.isVisible():
                self.refresh()
        else:
            self.model = None
            self.search.setEnabled(False)
            self.empty_label.hide()
            self.refresh_budget()
        self._update_count()
        self._update_empty()
        self._selection_changed()

    def can_write(self) -> bool:
        return security.can(self.current_spec().permission)

    def _update_empty(self) -> None:
        if self.model is None:
            self.empty_label.hide()
            return
        super()._update_empty()

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj in getattr(self, "_extra_tables", ()) and obj is self.table and ev.type() == QEvent.Type.KeyPress and \
                ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate()
            return True
        return super().eventFilter(obj, ev)

    def refresh(self) -> None:
        if self.model is None:
            self.refresh_budget()
            self._selection_changed()
            return
        super().refresh()

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        if not getattr(self, "_all_loaded", False):
            self._all_loaded = True
            self.refresh()

    def _on_data_changed(self, area: str) -> None:
        if area == "*" or area in self.listens_to():
            if self.isVisible():
                self.refresh()
                if self.current_spec().name != "budget":
                    self.refresh_budget()
            else:
                self._stale = True

    # --- translation --------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "tabs"):
            return
        for i, sp in enumerate(self.specs):
            self.tabs.setTabText(i, _t(sp.title))
        self._retranslate_need_details()
        self.need_status_label.setText(QCoreApplication.translate("Procurement", "Статус:"))
        self.need_status.setItemText(0, QCoreApplication.translate("Procurement", "Все"))
        for i, k in enumerate(P.STATUS_LABELS, start=1):
            self.need_status.setItemText(i, P.status_label(k))

    # --- selection --------------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        super()._selection_changed()
        name = self.current_spec().name if hasattr(self, "tabs") else "needs"
        acts = self.actions_by_name
        if name in ("budget",):
            for a in ("new", "edit", "delete"):
                if a in acts:
                    acts[a].setEnabled(False)
        if name in ("plan", "contracts", "sources") and "delete" in acts:
            acts["delete"].setEnabled(False)
        if name == "contracts" and "edit" in acts:
            acts["edit"].setEnabled(False)

    def on_selection_changed(self) -> None:
        if not hasattr(self, "tabs"):
            return
        name = self.current_spec().name
        rid = self.current_id()
        if name == "needs":
            self.show_need(rid)
        elif name == "plan":
            self.show_plan_line(rid)
        elif name == "contracts":
            self.show_contract(rid)

    # --- toolbar ---------------------------------------------------------------------------------------
    def _open(self, dlg):
        self.active_dialog = dlg
        dlg.accepted.connect(lambda: self._after_save(dlg))
        dlg.open()
        return dlg

    def _after_save(self, dlg) -> None:
        name = self.current_spec().name
        if dlg.saved_id is not None and name != "budget":
            self.refresh()
            self.select_id(dlg.saved_id)

    def on_new(self):
        name = self.current_spec().name
        if name == "needs":
            return self._open(D.NeedDialog(self))
        if name == "plan":
            return self.open_plan_dialog()
        if name == "contracts":
            return self._open(D.ContractDialog(self))
        if name == "suppliers":
            return self._open(D.SupplierDialog(self))
        if name == "sources":
            return self._open(D.SourceDialog(self))
        return None

    def on_edit(self):
        name, rid = self.current_spec().name, self.current_id()
        if rid is None:
            return None
        try:
            if name == "needs":
                return self._open(D.NeedDialog(self, P.get_need(rid)))
            if name == "plan":
                return self._open(D.PlanLineDialog(self, P.get_plan_line(rid)))
            if name == "suppliers":
                return self._open(D.SupplierDialog(self, P.get_supplier(rid)))
            if name == "sources":
                src = next((s for s in P.list_sources() if s.id == rid), None)
                return self._open(D.SourceDialog(self, src)) if src else None
        except ServiceError as e:
            ops.show_error(self, e)
        return None

    def on_delete(self):
        name, row = self.current_spec().name, self.current_row()
        if row is None:
            return
        if name == "needs":
            what = QCoreApplication.translate("Procurement", "потребность № {0} «{1}»").format(row["id"], row["name"])
            fn = P.delete_need
        elif name == "suppliers":
            what = QCoreApplication.translate("Procurement", "поставщика «{0}» (ИНН {1})").format(row["name"], row["inn"])
            fn = P.delete_supplier
        else:
            return
        if not self.confirm_delete(what):
            return
        try:
            fn(row["id"])
        except ServiceError as e:
            ops.show_error(self, e)
            return
        events.notify("procurement")

    def on_print(self):
        name = self.current_spec().name
        if name == "needs":
            rid = self.current_id()
            return self.print_report("nmck", {"need": str(rid)} if rid else {})
        if name == "plan":
            return self.print_report("procurement", {})
        return self.print_report("budget", {})

    def print_report(self, kind: str, filters: dict):
        try:
            from chemcluster_desktop.ui.pages.reports import generate_and_preview
        except ImportError:  # the reports centre is not installed
            return self._print_fallback(kind, filters)
        return generate_and_preview(self, kind, filters)

    def _print_fallback(self, kind: str, filters: dict):
        import tempfile

        from chemcluster_desktop.services import printing
        from chemcluster_desktop.ui.dialogs.pdf_preview import preview

        dest = tempfile.mkstemp(prefix=f"{kind}-", suffix=".pdf")[1]

        def work(task):
            return printing.build(kind, dest, progress=task.progress, cancelled=task.is_cancelled, **filters)

        def done(res):
            self._last_preview = preview(self, res.path, res.title, suggested_name=f"{kind}.pdf")

        return ops.run_task(self, QCoreApplication.translate("Procurement", "Формирование документа…"), work, on_done=done)

    def on_export(self):
        path, _f = QFileDialog.getSaveFileName(self, QCoreApplication.translate("Procurement", "Выгрузить план-график"), "план-график.xlsx",
                                               "Excel (*.xlsx)")
        if path:
            self.export_to(path)

    def export_to(self, path: str):
        from chemcluster_desktop.services.procurement import documents as procurement_print

        def work(task):
            task.progress(0, 1, QCoreApplication.translate("Procurement", "Выгрузка плана-графика…"))
            return procurement_print.export_plan_schedule(path)

        def done(n):
            self.status_message.emit(QCoreApplication.translate("Procurement", "План-график выгружен: {0} (строк: {1})").format(path, n))

        return ops.run_task(self, QCoreApplication.translate("Procurement", "Выгрузка плана-графика"), work, on_done=done)

    # --- needs: details with the offers table ------------------------------------------------------------
    def _build_need_details(self) -> QWidget:
        box = QWidget()
        box.setObjectName("needDetails")
        v = QVBoxLayout(box)
        v.setContentsMargins(8, 0, 0, 0)
        self.need_title = QLabel()
        self.need_title.setObjectName("needTitle")
        self.need_title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.need_title.setWordWrap(True)
        v.addWidget(self.need_title)
        self.need_info = _hint()
        v.addWidget(self.need_info)
        self.offers_group = QGroupBox()
        g = QVBoxLayout(self.offers_group)
        self.offers = _small_table(["", "", "", "", "", ""], "offersTable")
        self.offers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.offers.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                    QAbstractItemView.EditTrigger.EditKeyPressed |
                                    QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.offers.setItemDelegateForColumn(0, SupplierDelegate(self.offers))
        self.offers.setItemDelegateForColumn(1, DateDelegate(self.offers))
        self.offers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.offers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.offers.horizontalHeader().setStretchLastSection(False)
        self.offers.horizontalHeader().setMinimumSectionSize(40)
        for c, wdt in ((1, 84), (2, 112), (3, 76), (4, 76), (5, 60)):
            self.offers.setColumnWidth(c, wdt)
        self.offers.setMinimumHeight(150)
        self.offers.itemChanged.connect(self._offer_edited)
        g.addWidget(self.offers)
        bh = QHBoxLayout()
        self.add_offer_btn = QPushButton(icon("plus"), "")
        self.add_offer_btn.setObjectName("addOffer")
        self.add_offer_btn.clicked.connect(self.add_offer_row)
        self.del_offer_btn = QPushButton(icon("delete-outline"), "")
        self.del_offer_btn.setObjectName("deleteOffer")
        self.del_offer_btn.clicked.connect(self.delete_offer)
        self.doc_btn = QPushButton(icon("paperclip"), "")
        self.doc_btn.setObjectName("attachDocument")
        self.doc_btn.clicked.connect(self.attach_document)
        for b in (self.add_offer_btn, self.del_offer_btn, self.doc_btn):
            bh.addWidget(b)
        bh.addStretch(1)
        g.addLayout(bh)
        self.offer_error = QLabel()
        self.offer_error.setObjectName("offerError")
        self.offer_error.setProperty("role", "error")
        self.offer_error.setWordWrap(True)
        self.offer_error.hide()
        g.addWidget(self.offer_error)
        v.addWidget(self.offers_group)

        self.nmck_group = QGroupBox()
        grid = QGridLayout(self.nmck_group)
        self.nmck_labels: dict[str, QLabel] = {}
        for r, key in enumerate(("n", "mean", "sigma", "cv", "nmck")):
            cap = QLabel()
            val = QLabel()
            val.setObjectName(f"nmck_{key}")
            val.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(cap, r, 0)
            grid.addWidget(val, r, 1)
            self.nmck_labels[key] = val
            self.nmck_labels[f"cap_{key}"] = cap
        self.nmck_labels["nmck"].setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.nmck_verdict = QLabel()
        self.nmck_verdict.setObjectName("nmckVerdict")
        self.nmck_verdict.setWordWrap(True)
        grid.addWidget(self.nmck_verdict, 5, 0, 1, 2)
        v.addWidget(self.nmck_group)
        bh2 = QHBoxLayout()
        self.nmck_pdf_btn = QPushButton(icon("file-pdf-box"), "")
        self.nmck_pdf_btn.setObjectName("printNmck")
        self.nmck_pdf_btn.clicked.connect(lambda: self.current_id() and
                                          self.print_report("nmck", {"need": str(self.current_id())}))
        self.to_plan_btn = QPushButton(icon("playlist-plus"), "")
        self.to_plan_btn.setObjectName("toPlan")
        self.to_plan_btn.clicked.connect(self.open_plan_dialog)
        bh2.addWidget(self.nmck_pdf_btn)
        bh2.addWidget(self.to_plan_btn)
        bh2.addStretch(1)
        v.addLayout(bh2)
        v.addStretch(1)
        self.need: P.NeedInfo | None = None
        self._retranslate_need_details()
        self.show_need(None)
        return box

    def _retranslate_need_details(self) -> None:
        self.offers.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Поставщик"), QCoreApplication.translate("Procurement", "Дата КП"), QCoreApplication.translate("Procurement", "Цена за ед., ₽"), QCoreApplication.translate("Procurement", "Исх. №"),
                                               QCoreApplication.translate("Procurement", "Документ"), QCoreApplication.translate("Procurement", "Откл., %")])
        self.offers_group.setTitle(QCoreApplication.translate("Procurement", "Коммерческие предложения"))
        self.add_offer_btn.setText(QCoreApplication.translate("Procurement", "Добавить предложение"))
        self.del_offer_btn.setText(QCoreApplication.translate("Procurement", "Удалить"))
        self.doc_btn.setText(QCoreApplication.translate("Procurement", "Прикрепить файл КП…"))
        self.nmck_group.setTitle(QCoreApplication.translate("Procurement", "НМЦК методом сопоставимых рыночных цен"))
        for key, text in (("n", "Предложений"), ("mean", "Средняя цена за единицу"), ("sigma", "Среднее квадр. "
                          "отклонение σ"), ("cv", "Коэффициент вариации"), ("nmck", "НМЦК")):
            self.nmck_labels[f"cap_{key}"].setText(_t(text))
        self.nmck_pdf_btn.setText(QCoreApplication.translate("Procurement", "Обоснование НМЦК (PDF)"))
        self.to_plan_btn.setText(QCoreApplication.translate("Procurement", "Включить в план-график…"))

    def show_need(self, need_id: int | None) -> None:
        self.need = None
        if need_id is not None:
            try:
                self.need = P.get_need(need_id)
            except ServiceError:
                self.need = None
        n = self.need
        self.need_details.setEnabled(n is not None) if hasattr(self, "need_details") else None
        if n is None:
            self.need_title.setText(QCoreApplication.translate("Procurement", "Выберите потребность в списке"))
            self.need_info.setText("")
            self._fill_offers([])
            self._show_nmck(None)
            return
        self.need_title.setText(f"№ {n.id} · {n.name}")
        parts = [f"{fmt.decimal(n.quantity)} {n.unit}"]
        if n.workshop:
            parts.append(n.workshop)
        if n.room:
            parts.append(n.room)
        if n.okpd2:
            parts.append(QCoreApplication.translate("Procurement", "ОКПД2 {0}").format(n.okpd2))
        parts.append(n.law)
        parts.append(P.status_label(n.status) + (f" · {n.plan_number}" if n.plan_number else ""))
        text = " · ".join(parts)
        if n.specification:
            text += "\n" + n.specification
        if n.justification:
            text += "\n" + QCoreApplication.translate("Procurement", "Обоснование: ") + n.justification
        self.need_info.setText(text)
        self._fill_offers(n.offers)
        self._show_nmck(P.nmck_details(n.id))
        editable = n.status not in P.FROZEN and security.can("procurement.write")
        self.offers.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                    QAbstractItemView.EditTrigger.EditKeyPressed |
                                    QAbstractItemView.EditTrigger.AnyKeyPressed if editable else
                                    QAbstractItemView.EditTrigger.NoEditTriggers)
        for b in (self.add_offer_btn, self.del_offer_btn, self.doc_btn):
            b.setEnabled(editable)
        self.to_plan_btn.setEnabled(n.plan_line_id is None and n.status == "need" and security.can(
            "procurement.write"))

    def _fill_offers(self, offers: list[P.OfferInfo]) -> None:
        self._loading_offers = True
        try:
            self.offers.setRowCount(0)
            for o in offers:
                self._append_offer_row(o)
        finally:
            self._loading_offers = False

    def _append_offer_row(self, o: P.OfferInfo | None, supplier: P.SupplierInfo | None = None) -> int:
        r = self.offers.rowCount()
        self.offers.insertRow(r)
        sup = QTableWidgetItem(o.supplier_name if o else (supplier.name if supplier else ""))
        sup.setData(Qt.ItemDataRole.UserRole, o.id if o else None)
        sup.setData(Qt.ItemDataRole.UserRole + 1, o.version if o else None)
        sup.setData(Qt.ItemDataRole.UserRole + 2, o.supplier_id if o else (supplier.id if supplier else None))
        self.offers.setItem(r, 0, sup)
        d = QTableWidgetItem(fmt.date(o.date) if o else fmt.date(dt.date.today()))
        d.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.offers.setItem(r, 1, d)
        price = QTableWidgetItem(fmt.money(o.unit_price, currency=False) if o else "")
        price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.offers.setItem(r, 2, price)
        self.offers.setItem(r, 3, QTableWidgetItem(o.reference if o else ""))
        doc = _ro_item((o.document_name if o else "") or "")
        if o and o.document_name and not o.has_document:
            doc.setToolTip(QCoreApplication.translate("Procurement", "Файл не прикреплён: предложение получено на бумаге."))
        self.offers.setItem(r, 4, doc)
        self.offers.setItem(r, 5, _ro_item("", right=True))
        if o and o.stale:
            for c in range(6):
                self.offers.item(r, c).setForeground(QBrushColor("#7a5300"))
            d.setToolTip(QCoreApplication.translate("Procurement", "Предложение старше шести месяцев: запросите актуальную цену."))
        return r

    def _show_nmck(self, r) -> None:
        L = self.nmck_labels
        if r is None:
            for k in ("n", "mean", "sigma", "cv", "nmck"):
                L[k].setText("")
            self.nmck_verdict.setText("")
            return
        L["n"].setText(str(r.n))
        L["mean"].setText(fmt.money(r.mean) if r.mean is not None else "—")
        L["sigma"].setText(fmt.money(r.sigma) if r.sigma is not None else "—")
        L["cv"].setText(f"{fmt.decimal(r.cv_percent, 2)} %" if r.cv_percent is not None else "—")
        L["nmck"].setText(fmt.money(r.nmck) if r.valid else "—")
        if r.valid:
            text = QCoreApplication.translate("Procurement", "Цены однородны (V ≤ 33 %): НМЦК обоснована.")
            if r.message:
                text += "\n" + r.message
            self.nmck_verdict.setStyleSheet("color: #1b5e20;" if not r.stale else "color: #7a5300;")
        else:
            text = r.message
            self.nmck_verdict.setStyleSheet("color: #9b1c14;")
        self.nmck_verdict.setText(text)
        # deviations and outliers in the table
        self._loading_offers = True
        try:
            by_id = {p.offer_id: p for p in r.offers}
            for row in range(self.offers.rowCount()):
                oid = self.offers.item(row, 0).data(Qt.ItemDataRole.UserRole)
                p = by_id.get(oid)
                dev = r.deviation_percent(p) if p is not None else None
                self.offers.item(row, 5).setText(fmt.decimal(dev, 1) if dev is not None else "")
                if p is not None and p.number in r.outliers:
                    for c in range(6):
                        self.offers.item(row, c).setBackground(QBrushColor(BADGE_COLORS["bad"][0]))
        finally:
            self._loading_offers = False

    def add_offer_row(self) -> int:
        """A blank row for a new offer (saved when its price is typed), with the next supplier not yet used."""
        if self.need is None:
            return -1
        used = {self.offers.item(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(self.offers.rowCount())}
        nxt = next((s for s in P.all_suppliers() if s.id not in used), None)
        self._loading_offers = True
        try:
            r = self._append_offer_row(None, nxt)
        finally:
            self._loading_offers = False
        self.offers.setCurrentCell(r, 2)
        self.offers.setFocus()
        return r

    def _row_values(self, r: int) -> dict:
        sup = self.offers.item(r, 0)
        day = QDate.fromString(self.offers.item(r, 1).text(), "dd.MM.yyyy")
        return {
            "id": sup.data(Qt.ItemDataRole.UserRole), "version": sup.data(Qt.ItemDataRole.UserRole + 1),
            "supplier_id": sup.data(Qt.ItemDataRole.UserRole + 2), "supplier_name": sup.text(),
            "date": D.pydate(day) if day.isValid() else None, "price": self.offers.item(r, 2).text(),
            "reference": self.offers.item(r, 3).text() if self.offers.item(r, 3) else "",
        }

    def _offer_edited(self, item: QTableWidgetItem) -> None:
        if self._loading_offers or self.need is None:
            return
        # save once the editor has closed: saving reloads the table under the editor
        QTimer.singleShot(0, lambda r=item.row(), c=item.column(): self._commit_offer_row(r, c))

    def _commit_offer_row(self, r: int, col: int) -> None:
        if self.need is None or not (0 <= r < self.offers.rowCount()):
            return
        item = self.offers.item(r, col)
        v = self._row_values(r)
        if not v["price"].strip():
            return  # a new row waits for its price
        self.offer_error.hide()
        price = D.parse_money_text(v["price"])
        try:
            if price is None:
                from chemcluster_desktop.services.errors import ValidationError

                raise ValidationError(QCoreApplication.translate("Procurement", "Строка {0}: цена «{1}» не распознана — введите число, например 125 000,50.")
                                      .format(r + 1, v["price"]), field="unit_price")
            if v["id"] is None:
                P.create_offer({"need_id": self.need.id, "supplier_id": v["supplier_id"],
                                "supplier_name": v["supplier_name"], "date": v["date"], "unit_price": price,
                                "reference": v["reference"]})
            else:
                P.update_offer(v["id"], {"supplier_id": v["supplier_id"], "supplier_name": v["supplier_name"],
                                         "date": v["date"], "unit_price": price, "reference": v["reference"]},
                               version=v["version"])
        except ServiceError as e:
            self.offer_error.setText(QCoreApplication.translate("Procurement", "Строка {0}: {1}").format(r + 1, str(e)))
            self.offer_error.show()
            self._loading_offers = True
            item.setBackground(QBrushColor(BADGE_COLORS["bad"][0]))
            self._loading_offers = False
            return
        self._reload_need()

    def _reload_need(self) -> None:
        nid = self.need.id if self.need else None
        events.notify("procurement")
        if nid is not None and self.current_id() != nid:
            self.select_id(nid)
        self.show_need(nid)

    def delete_offer(self) -> None:
        r = self.offers.currentRow()
        if r < 0 or self.need is None:
            return
        oid = self.offers.item(r, 0).data(Qt.ItemDataRole.UserRole)
        if oid is None:
            self.offers.removeRow(r)
            return
        try:
            P.delete_offer(oid)
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self._reload_need()

    def attach_document(self) -> None:
        r = self.offers.currentRow()
        if r < 0 or self.need is None:
            return
        oid = self.offers.item(r, 0).data(Qt.ItemDataRole.UserRole)
        if oid is None:
            QMessageBox.information(self, QCoreApplication.translate("Procurement", "Файл КП"), QCoreApplication.translate("Procurement", "Сначала введите цену предложения."))
            return
        path, _f = QFileDialog.getOpenFileName(self, QCoreApplication.translate("Procurement", "Файл коммерческого предложения"), "",
                                               QCoreApplication.translate("Procurement", "Документы (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx)"))
        if path:
            self.attach_file(oid, path)

    def attach_file(self, offer_id: int, path: str) -> None:
        import os

        try:
            if os.path.getsize(path) > 20 * 1024 * 1024:
                raise ServiceError(QCoreApplication.translate("Procurement", "Файл больше 20 МБ: сожмите его или прикрепите скан меньшего размера."))
            with open(path, "rb") as f:
                data = f.read()
            P.update_offer(offer_id, {"document_name": os.path.basename(path), "document": data})
        except OSError as e:
            QMessageBox.warning(self, QCoreApplication.translate("Procurement", "Файл КП"), QCoreApplication.translate("Procurement", "Не удалось прочитать файл: {0}").format(e.strerror or e))
            return
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self._reload_need()

    def open_plan_dialog(self):
        pre = [i for i in self.selected_ids()] if self.current_spec().name == "needs" else []
        return self._open(D.PlanLineDialog(self, None, pre))

    # --- plan-schedule: details with the status road -------------------------------------------------------
    def _build_plan_details(self) -> QWidget:
        outer = QScrollArea()
        outer.setWidgetResizable(True)
        outer.setFrameShape(QFrame.Shape.NoFrame)
        box = QWidget()
        box.setObjectName("planDetails")
        v = QVBoxLayout(box)
        v.setContentsMargins(8, 0, 0, 0)
        self.plan_title = QLabel()
        self.plan_title.setObjectName("planTitle")
        self.plan_title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.plan_title.setWordWrap(True)
        v.addWidget(self.plan_title)
        self.plan_info = _hint()
        v.addWidget(self.plan_info)
        self.road = StatusRoad()
        v.addWidget(self.road)
        self.next_label = QLabel()
        self.next_label.setStyleSheet("font-weight: bold;")
        v.addWidget(self.next_label)
        self.step_bar = QHBoxLayout()
        self.step_bar.setSpacing(6)
        v.addLayout(self.step_bar)
        self.step_buttons: dict[str, QPushButton] = {}
        self.blocked_label = _hint()
        self.blocked_label.setObjectName("blockedHint")
        v.addWidget(self.blocked_label)
        self.plan_needs_caption = QLabel()
        self.plan_needs_caption.setStyleSheet("font-weight: bold;")
        v.addWidget(self.plan_needs_caption)
        self.plan_needs = _small_table(["", "", "", ""], "planNeedsTable")
        D.table_readonly(self.plan_needs)
        self.plan_needs.setMaximumHeight(150)
        self.plan_needs.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.plan_needs.horizontalHeader().setStretchLastSection(False)
        v.addWidget(self.plan_needs)
        self.steps_caption = QLabel()
        self.steps_caption.setStyleSheet("font-weight: bold;")
        v.addWidget(self.steps_caption)
        self.steps_table = _small_table(["", "", "", ""], "stepsTable")
        D.table_readonly(self.steps_table)
        self.steps_table.setMaximumHeight(190)
        v.addWidget(self.steps_table)
        v.addStretch(1)
        outer.setWidget(box)
        self.plan_line: P.PlanLineInfo | None = None
        return outer

    STEP_TEXT = {
        "price_justified": "Цена обоснована", "notice_published": "Извещение опубликовано",
        "supplier_chosen": "Поставщик определён", "failed": "Не состоялась", "cancelled": "Отменить закупку",
        "contract_signed": "Контракт заключён…", "delivered": "Поставка…", "accepted": "Принять поставку…",
        "on_inventory": "Поставлено на учёт",
    }

    def show_plan_line(self, line_id: int | None) -> None:
        self.plan_line = None
        if line_id is not None:
            try:
                self.plan_line = P.get_plan_line(line_id)
            except ServiceError:
                self.plan_line = None
        ln = self.plan_line
        while self.step_bar.count():
            it = self.step_bar.takeAt(0)
            if it.widget() is not None:
                it.widget().hide()
                it.widget().deleteLater()
        self.step_buttons = {}
        self.road.set_line(ln)
        self.plan_needs.setRowCount(0)
        self.steps_table.setRowCount(0)
        self.plan_needs_caption.setText(QCoreApplication.translate("Procurement", "Позиции строки"))
        self.steps_caption.setText(QCoreApplication.translate("Procurement", "Ход закупки"))
        self.plan_needs.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Позиция"), QCoreApplication.translate("Procurement", "Кол-во"), QCoreApplication.translate("Procurement", "НМЦК"), QCoreApplication.translate("Procurement", "Статус")])
        self.steps_table.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Шаг"), QCoreApplication.translate("Procurement", "Дата"), QCoreApplication.translate("Procurement", "Кто"), QCoreApplication.translate("Procurement", "Примечание")])
        if ln is None:
            self.plan_title.setText(QCoreApplication.translate("Procurement", "Выберите строку плана-графика"))
            self.plan_info.setText("")
            self.next_label.setText("")
            self.blocked_label.setText("")
            return
        self.plan_title.setText(f"{ln.number} · {ln.title}")
        period = ""
        if ln.planned_year:
            period = QCoreApplication.translate("Procurement", "{0} кв. {1}").format(ln.planned_quarter, ln.planned_year) if ln.planned_quarter else \
                str(ln.planned_year)
        info = [ln.source_name or QCoreApplication.translate("Procurement", "источник не указан"), ln.law, ln.method, period,
                QCoreApplication.translate("Procurement", "НМЦК {0}").format(fmt.money(ln.amount))]
        if ln.notice_number:
            info.append(QCoreApplication.translate("Procurement", "извещение № {0}").format(ln.notice_number))
        self.plan_info.setText(" · ".join(x for x in info if x))
        writable = security.can("procurement.write")
        self.next_label.setText(QCoreApplication.translate("Procurement", "Следующий шаг:") if ln.next_steps else QCoreApplication.translate("Procurement", "Закупка завершена: шагов больше нет."))
        for status in ln.next_steps:
            b = QPushButton(_t(self.STEP_TEXT.get(status, P.STATUS_LABELS[status])))
            b.setObjectName(f"step_{status}")
            if status in P.INACTIVE:
                b.setIcon(icon("close-circle-outline", "#9b1c14"))
            else:
                b.setIcon(icon("arrow-right-bold-circle-outline", "#1f6fb2"))
            why = ln.blocked.get(status)
            # a step whose data is missing is still offered when its button opens the form that supplies it
            opens_form = status in ("contract_signed", "delivered", "accepted")
            b.setEnabled(writable and (why is None or opens_form))
            if why:
                b.setToolTip(why)
            b.clicked.connect(lambda _c=False, s=status: self.take_step(s))
            self.step_bar.addWidget(b)
            b.show()
            self.step_buttons[status] = b
        self.step_bar.addStretch(1)
        whys = [f"«{P.status_label(s)}»: {w}" for s, w in ln.blocked.items()
                if s not in ("contract_signed", "delivered", "accepted")]
        self.blocked_label.setText("\n".join(whys))
        for n in ln.needs:
            r = self.plan_needs.rowCount()
            self.plan_needs.insertRow(r)
            self.plan_needs.setItem(r, 0, _ro_item(n["name"]))
            self.plan_needs.setItem(r, 1, _ro_item(f"{fmt.decimal(n['quantity'])} {n['unit']}", True))
            self.plan_needs.setItem(r, 2, _ro_item(fmt.money(n["nmck"]) if n["nmck"] is not None else "—", True))
            self.plan_needs.setItem(r, 3, _ro_item(P.status_label(n["status"])))
        for st in reversed(ln.steps):
            r = self.steps_table.rowCount()
            self.steps_table.insertRow(r)
            self.steps_table.setItem(r, 0, _ro_item(P.status_label(st.status)))
            self.steps_table.setItem(r, 1, _ro_item(fmt.date(st.date)))
            self.steps_table.setItem(r, 2, _ro_item(st.user_login))
            self.steps_table.setItem(r, 3, _ro_item(st.note))

    def take_step(self, status: str):
        """The road's buttons: a form for steps that bring data (contract, delivery, acceptance), else a
        confirmation with the date and a note."""
        ln = self.plan_line
        if ln is None:
            return None
        try:
            ln = P.get_plan_line(ln.id)
            if status == "contract_signed":
                if ln.contract_ids:
                    return self._open(D.StepDialog(self, ln, status))
                return self._open(D.ContractDialog(self, ln))
            if status == "delivered":
                if not ln.contract_ids:
                    return None
                return self._open(D.DeliveryDialog(self, P.get_contract(ln.contract_ids[-1])))
            if status == "accepted":
                pending = P.pending_deliveries(ln.id)
                if not pending:
                    QMessageBox.information(self, QCoreApplication.translate("Procurement", "Приёмка"), ln.blocked.get("accepted", ""))
                    return None
                return self._open(D.StepDialog(self, ln, status, delivery_id=pending[0]))
            return self._open(D.StepDialog(self, ln, status))
        except ServiceError as e:
            ops.show_error(self, e)
            return None

    # --- contracts: payments and deliveries -----------------------------------------------------------------
    def _build_contract_details(self) -> QWidget:
        box = QWidget()
        box.setObjectName("contractDetails")
        v = QVBoxLayout(box)
        v.setContentsMargins(8, 0, 0, 0)
        self.contract_title = QLabel()
        self.contract_title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.contract_title.setWordWrap(True)
        v.addWidget(self.contract_title)
        self.contract_info = _hint()
        v.addWidget(self.contract_info)
        self.pay_caption = QLabel()
        self.pay_caption.setStyleSheet("font-weight: bold;")
        v.addWidget(self.pay_caption)
        self.payments = _small_table(["", "", "", ""], "paymentsTable")
        D.table_readonly(self.payments)
        self.payments.setMaximumHeight(150)
        v.addWidget(self.payments)
        ph = QHBoxLayout()
        self.pay_btn = QPushButton(icon("cash-check"), "")
        self.pay_btn.setObjectName("markPaid")
        self.pay_btn.clicked.connect(self.mark_paid)
        ph.addWidget(self.pay_btn)
        ph.addStretch(1)
        v.addLayout(ph)
        self.del_caption = QLabel()
        self.del_caption.setStyleSheet("font-weight: bold;")
        v.addWidget(self.del_caption)
        self.deliveries = _small_table(["", "", "", "", ""], "deliveriesTable")
        D.table_readonly(self.deliveries)
        self.deliveries.setMaximumHeight(150)
        v.addWidget(self.deliveries)
        dh = QHBoxLayout()
        self.new_delivery_btn = QPushButton(icon("truck-delivery-outline"), "")
        self.new_delivery_btn.setObjectName("newDelivery")
        self.new_delivery_btn.clicked.connect(self.new_delivery)
        self.accept_btn = QPushButton(icon("check-decagram-outline"), "")
        self.accept_btn.setObjectName("acceptDelivery")
        self.accept_btn.clicked.connect(self.accept_delivery)
        dh.addWidget(self.new_delivery_btn)
        dh.addWidget(self.accept_btn)
        dh.addStretch(1)
        v.addLayout(dh)
        v.addStretch(1)
        self.contract: P.ContractInfo | None = None
        return box

    def show_contract(self, contract_id: int | None) -> None:
        self.contract = None
        if contract_id is not None:
            try:
                self.contract = P.get_contract(contract_id)
            except ServiceError:
                self.contract = None
        c = self.contract
        self.pay_caption.setText(QCoreApplication.translate("Procurement", "Этапы оплаты"))
        self.del_caption.setText(QCoreApplication.translate("Procurement", "Поставки"))
        self.pay_btn.setText(QCoreApplication.translate("Procurement", "Отметить оплату этапа"))
        self.new_delivery_btn.setText(QCoreApplication.translate("Procurement", "Новая поставка…"))
        self.accept_btn.setText(QCoreApplication.translate("Procurement", "Принять поставку…"))
        self.payments.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Сумма"), QCoreApplication.translate("Procurement", "Срок"), QCoreApplication.translate("Procurement", "Оплачено"), QCoreApplication.translate("Procurement", "Примечание")])
        self.deliveries.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Дата"), QCoreApplication.translate("Procurement", "Накладная"), QCoreApplication.translate("Procurement", "Сумма"), QCoreApplication.translate("Procurement", "Принята"),
                                                   QCoreApplication.translate("Procurement", "На учёте, ед.")])
        self.payments.setRowCount(0)
        self.deliveries.setRowCount(0)
        writable = security.can("procurement.write")
        for b in (self.pay_btn, self.new_delivery_btn, self.accept_btn):
            b.setEnabled(c is not None and writable)
        if c is None:
            self.contract_title.setText(QCoreApplication.translate("Procurement", "Выберите контракт в списке"))
            self.contract_info.setText("")
            return
        self.contract_title.setText(QCoreApplication.translate("Procurement", "Контракт № {0} от {1}").format(c.number, fmt.date(c.date)))
        self.contract_info.setText(" · ".join(x for x in (
            c.supplier_name, c.plan_number, c.source_name, QCoreApplication.translate("Procurement", "цена {0}").format(fmt.money(c.price)),
            QCoreApplication.translate("Procurement", "оплачено {0}").format(fmt.money(c.paid)), QCoreApplication.translate("Procurement", "поставлено на {0}").format(fmt.money(c.delivered)))
            if x))
        for p in c.payments:
            r = self.payments.rowCount()
            self.payments.insertRow(r)
            it = _ro_item(fmt.money(p.amount), True)
            it.setData(Qt.ItemDataRole.UserRole, p.id)
            self.payments.setItem(r, 0, it)
            self.payments.setItem(r, 1, _ro_item(fmt.date(p.due_on)))
            self.payments.setItem(r, 2, _ro_item(fmt.date(p.paid_on) if p.paid_on else QCoreApplication.translate("Procurement", "не оплачено")))
            self.payments.setItem(r, 3, _ro_item(p.note))
        for d in c.deliveries:
            r = self.deliveries.rowCount()
            self.deliveries.insertRow(r)
            it = _ro_item(fmt.date(d.date))
            it.setData(Qt.ItemDataRole.UserRole, d.id)
            self.deliveries.setItem(r, 0, it)
            self.deliveries.setItem(r, 1, _ro_item(d.document_number))
            self.deliveries.setItem(r, 2, _ro_item(fmt.money(d.amount), True))
            self.deliveries.setItem(r, 3, _ro_item(fmt.datetime(d.accepted_at) + (f" ({d.accepted_by})" if
                                                                                    d.accepted_by else "")
                                                   if d.accepted_at else QCoreApplication.translate("Procurement", "ждёт приёмки")))
            self.deliveries.setItem(r, 4, _ro_item(str(sum(len(ln.item_ids) for ln in d.lines)), True))
        self.new_delivery_btn.setEnabled(writable and c.plan_status in ("contract_signed", "delivered", "accepted")
                                         and any(n["left"] > 0 for n in c.needs))
        self.accept_btn.setEnabled(writable and any(d.accepted_at is None for d in c.deliveries))

    def mark_paid(self) -> None:
        r = self.payments.currentRow()
        if self.contract is None:
            return
        if r < 0:
            r = next((i for i, p in enumerate(self.contract.payments) if p.paid_on is None), -1)
        if r < 0:
            return
        pid = self.payments.item(r, 0).data(Qt.ItemDataRole.UserRole)
        try:
            P.mark_paid(pid, dt.date.today())
        except ServiceError as e:
            ops.show_error(self, e)
            return
        events.notify("procurement")
        self.show_contract(self.contract.id)

    def new_delivery(self):
        if self.contract is None:
            return None
        return self._open(D.DeliveryDialog(self, self.contract))

    def accept_delivery(self):
        c = self.contract
        if c is None:
            return None
        pending = [d for d in c.deliveries if d.accepted_at is None]
        if not pending or c.plan_line_id is None:
            return None
        return self._open(D.StepDialog(self, P.get_plan_line(c.plan_line_id), "accepted", delivery_id=pending[0].id))

    # --- funding sources and the budget ----------------------------------------------------------------------
    def _source_rows(self, q: ListQuery) -> list[dict]:
        b = P.budget()
        by_code = {r.code: r for r in b.rows}
        out = []
        for s in P.list_sources():
            r = by_code.get(s.code)
            out.append({"id": s.id, "code": s.code, "name": s.name, "limit": s.limit,
                        "planned": r.planned if r else None, "contracted": r.contracted if r else None,
                        "paid": r.paid if r else None, "remaining": r.remaining if r else None})
        return out[q.offset:q.offset + q.limit]

    def _build_budget(self) -> QWidget:
        from chemcluster_desktop.ui.widgets.budget_chart import BudgetChart

        w = QWidget()
        w.setObjectName("budgetTab")
        v = QVBoxLayout(w)
        v.setContentsMargins(8, 8, 8, 8)
        self.budget_facts = QLabel()
        self.budget_facts.setObjectName("budgetFacts")
        self.budget_facts.setWordWrap(True)
        v.addWidget(self.budget_facts)
        self.chart = BudgetChart()
        v.addWidget(self.chart, 3)
        self.budget_table = _small_table([""] * 7, "budgetTable")
        D.table_readonly(self.budget_table)
        self.budget_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.budget_table.horizontalHeader().setStretchLastSection(False)
        for c in range(1, 7):
            self.budget_table.setColumnWidth(c, 140)
        self.budget_table.setMinimumHeight(170)
        self.budget_table.setMaximumHeight(190)
        v.addWidget(self.budget_table)
        self.budget_warning = QLabel()
        self.budget_warning.setObjectName("budgetWarning")
        self.budget_warning.setProperty("role", "error")
        self.budget_warning.setWordWrap(True)
        v.addWidget(self.budget_warning)
        return w

    def refresh_budget(self) -> None:
        if not hasattr(self, "budget_table"):
            return
        b = P.budget()
        self.budget = b
        self.budget_facts.setText(QCoreApplication.translate("Procurement", "Стоимость проекта {0}; грант «Профессионалитет» — не более {1}. Лимиты "
                                     "источников: {2}; остаток проекта без обязательств: {3}.").format(
            fmt.money(b.project_total), fmt.money(b.grant_cap), fmt.money(b.totals.limit),
            fmt.money(b.totals.remaining)))
        self.chart.set_rows(b.rows, b.grant_cap)
        self.budget_table.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Источник"), QCoreApplication.translate("Procurement", "Лимит"), QCoreApplication.translate("Procurement", "План (НМЦК)"),
                                                     QCoreApplication.translate("Procurement", "Законтрактовано"), QCoreApplication.translate("Procurement", "Оплачено"), QCoreApplication.translate("Procurement", "Остаток"),
                                                     QCoreApplication.translate("Procurement", "Освоено, %")])
        self.budget_table.setRowCount(0)
        for r in [*b.rows, b.totals]:
            i = self.budget_table.rowCount()
            self.budget_table.insertRow(i)
            self.budget_table.setItem(i, 0, _ro_item(r.name))
            for c, val in enumerate((r.limit, r.planned, r.contracted, r.paid, r.remaining), start=1):
                it = _ro_item(fmt.money(val), True)
                if c == 5 and val < 0:
                    it.setForeground(QBrushColor("#9b1c14"))
                self.budget_table.setItem(i, c, it)
            pct = (r.paid / r.limit * 100) if r.limit else Decimal(0)
            self.budget_table.setItem(i, 6, _ro_item(fmt.decimal(pct, 1), True))
            if r is b.totals:
                f = self.budget_table.item(i, 0).font()
                f.setBold(True)
                for c in range(7):
                    self.budget_table.item(i, c).setFont(f)
        warns = [QCoreApplication.translate("Procurement", "Превышен лимит источника «{0}» на {1}.").format(r.name, fmt.money(-r.remaining))
                 for r in b.rows if r.remaining < 0]
        g = b.row(P.GRANT_CODE)
        if g is not None and g.limit > b.grant_cap:
            warns.append(QCoreApplication.translate("Procurement", "Лимит гранта больше предельных {0}.").format(fmt.money(b.grant_cap)))
        if b.limits_left > 0:
            warns.append(QCoreApplication.translate("Procurement", "Лимиты источников покрывают не весь проект: не распределено {0}.").format(
                fmt.money(b.limits_left)))
        self.budget_warning.setText("\n".join(warns))
        self.budget_warning.setVisible(bool(warns))


def _labels_for_lupdate() -> list[str]:
    """Tab titles, step buttons and column headers as literal translate() calls for pyside6-lupdate."""
    tr = QCoreApplication.translate
    return [
        tr("Procurement", "Потребности и НМЦК"), tr("Procurement", "План-график"),
        tr("Procurement", "Контракты и поставки"), tr("Procurement", "Поставщики"),
        tr("Procurement", "Источники финансирования"), tr("Procurement", "Бюджет"),
        tr("Procurement", "Закупки оборудования"), tr("Procurement", "Отменить закупку"),
        tr("Procurement", "Контракт заключён…"), tr("Procurement", "Поставка…"),
        tr("Procurement", "Принять поставку…"), tr("Procurement", "Поставлено на учёт"),
        tr("Procurement", "Наименование"), tr("Procurement", "Кол-во"), tr("Procurement", "Ед."),
        tr("Procurement", "Мастерская / помещение"), tr("Procurement", "КП"), tr("Procurement", "НМЦК"),
        tr("Procurement", "Статус"), tr("Procurement", "Строка плана"), tr("Procurement", "Закон"),
        tr("Procurement", "№ строки"), tr("Procurement", "Предмет закупки"), tr("Procurement", "Источник"),
        tr("Procurement", "Срок"), tr("Procurement", "Позиций"), tr("Procurement", "Номер"),
        tr("Procurement", "Дата"), tr("Procurement", "Поставщик"), tr("Procurement", "Цена"),
        tr("Procurement", "Оплачено"), tr("Procurement", "Ждут приёмки"), tr("Procurement", "ИНН"),
        tr("Procurement", "КПП"), tr("Procurement", "Контактное лицо"), tr("Procurement", "Телефон"),
        tr("Procurement", "Эл. почта"), tr("Procurement", "Контрактов"), tr("Procurement", "Код"),
        tr("Procurement", "Лимит"), tr("Procurement", "План"), tr("Procurement", "Законтрактовано"),
        tr("Procurement", "Остаток"), tr("Procurement", "План (НМЦК)"),
        # the НМЦК panel's captions (set in a loop in _retranslate_need_details)
        tr("Procurement", "Предложений"), tr("Procurement", "Средняя цена за единицу"),
        tr("Procurement", "Среднее квадр. отклонение σ"), tr("Procurement", "Коэффициент вариации"),
        tr("Procurement", "Нет потребностей. Добавьте (Ctrl+N) или создайте их из дефицитов чек-листа в разделе "
                          "«Аккредитация»."),
    ]


def QBrushColor(color: str):  # noqa: N802
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(color))
