"""«Кластер»: the dashboard (tiles and charts) and the registry — participants, training directions,
KPIs with their values per period."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import cluster
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.dialogs.cluster_dialogs import (
    DirectionDialog,
    KpiDialog,
    KpiValueDialog,
    ParticipantDialog,
)
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import Column, PagedTableModel
from chemcluster_desktop.ui.pages.base import BasePage
from chemcluster_desktop.ui.widgets.dashboard_charts import (
    BudgetChart,
    KpiHistoryChart,
    KpiProgressChart,
    ReadinessChart,
)
from chemcluster_desktop.ui.widgets.dashboard_tiles import TILE_QSS, KpiTile, format_value

CTX = "Cluster"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)




# --- the dashboard -------------------------------------------------------------------------------
class Dashboard(QScrollArea):
    def __init__(self, page: ClusterPage):
        super().__init__()
        self.page = page
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("dashboardBody")
        body.setStyleSheet(TILE_QSS % "#1f6fb2" + " QWidget#dashboardBody { background: #f5f7f9; }")
        self.setWidget(body)
        v = QVBoxLayout(body)
        v.setContentsMargins(8, 8, 8, 8)
        v.setSpacing(12)
        self.summary = QLabel()
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #37474f;")
        v.addWidget(self.summary)
        # contract deliveries and payments overdue or due within two weeks (procurement)
        self.alerts = QLabel()
        self.alerts.setObjectName("contractAlerts")
        self.alerts.setWordWrap(True)
        self.alerts.setTextFormat(Qt.TextFormat.RichText)
        self.alerts.linkActivated.connect(lambda _l: page.go_to("procurement"))
        v.addWidget(self.alerts)
        self.card_title = QLabel()
        self.card_title.setProperty("role", "section")
        self.card_title.setStyleSheet("font-weight: bold; color: #263238;")
        v.addWidget(self.card_title)
        self.tiles_grid = QGridLayout()
        self.tiles_grid.setSpacing(10)
        v.addLayout(self.tiles_grid)
        self.own_title = QLabel()
        self.own_title.setStyleSheet("font-weight: bold; color: #263238;")
        v.addWidget(self.own_title)
        self.own_grid = QGridLayout()
        self.own_grid.setSpacing(10)
        v.addLayout(self.own_grid)
        self.tiles: dict[str, KpiTile] = {}
        charts = QGridLayout()
        charts.setSpacing(10)
        self.kpi_chart = KpiProgressChart(_t("Выполнение показателей, % от плана"))
        self.budget_chart = BudgetChart(_t("Бюджет по источникам, млн ₽"))
        self.readiness_chart = ReadinessChart(_t("Готовность мастерских, %"))
        charts.addWidget(self.kpi_chart, 0, 0)
        charts.addWidget(self.budget_chart, 0, 1)
        charts.addWidget(self.readiness_chart, 0, 2)
        charts.setColumnStretch(0, 4)
        charts.setColumnStretch(1, 3)
        charts.setColumnStretch(2, 3)
        for c in (self.kpi_chart, self.budget_chart, self.readiness_chart):
            c.setMinimumHeight(330)
            c.setMinimumWidth(330)
        v.addLayout(charts)
        v.addStretch(1)
        self.kpi_chart.activated.connect(page.open_kpi)
        self.budget_chart.activated.connect(lambda _k: page.open_budget())
        self.readiness_chart.activated.connect(page.open_workshop)
        self.data: dict | None = None

    def load(self) -> None:
        d = cluster.dashboard()
        self.data = d
        for grid in (self.tiles_grid, self.own_grid):
            while grid.count():
                w = grid.takeAt(0).widget()
                if w is not None:
                    w.deleteLater()
        self.tiles.clear()
        cols = 3 if self.width() < 1200 else 5
        card = [t for t in d["tiles"] if t.get("section", "card") == "card"]
        own = [t for t in d["tiles"] if t.get("section", "card") != "card"]
        for grid, tiles in ((self.tiles_grid, card), (self.own_grid, own)):
            for i, t in enumerate(tiles):
                tile = KpiTile(t)
                tile.clicked.connect(self.page.on_tile_clicked)
                grid.addWidget(tile, i // cols, i % cols)
                self.tiles[t["code"]] = tile
        self.card_title.setText(_t("Показатели карточки флагманского проекта (срок — 2023–2024 гг.)") if card else "")
        self.own_title.setText(_t("Собственные показатели колледжа (в карточку проекта не входят)") if own else "")
        self.own_title.setVisible(bool(own))
        alerts = d.get("contract_alerts") or []
        if alerts:
            rows = "".join(
                f"<li style='color:{'#b71c1c' if a['overdue'] else '#8d6e00'}'>{escape(a['text'])}</li>"
                for a in alerts[:8])
            more = _t(" … и ещё {0}").format(len(alerts) - 8) if len(alerts) > 8 else ""
            self.alerts.setText("<b>" + escape(_t("Сроки по контрактам")) + "</b> (<a href='procurement'>"
                                + escape(_t("открыть закупки")) + f"</a>)<ul style='margin:0'>{rows}</ul>{more}")
        else:
            self.alerts.setText("")
        self.alerts.setVisible(bool(alerts))
        self.kpi_chart.set_tiles(d["tiles"])
        self.budget_chart.set_budget(d["budget"])
        self.readiness_chart.set_readiness(d["readiness"])
        r, b, p = d["readiness"], d["budget"], d["pupils"]
        parts = []
        if r["available"]:
            parts.append(_t("Мастерских готово к аккредитации: {0} из {1}").format(r["ready"], len(r["workshops"])))
        if b["available"]:
            parts.append(_t("законтрактовано {0}, оплачено {1} из {2}, предусмотренных планом-графиком на оборудование")
                         .format(fmt.money(b["total"].get("contracted")), fmt.money(b["total"].get("paid")),
                                 fmt.money(b["total"].get("committed"))))
        if p["available"]:
            parts.append(_t("охват 8-х классов: {0} учащихся").format(fmt.decimal(p["pupils"])))
        self.summary.setText("; ".join(parts) + ("." if parts else ""))


class ClusterPage(BasePage):
    key = "cluster"
    area = Area.CLUSTER
    context = CTX
    title_text = "Кластер «Химический потенциал»"
    icon_name = "view-dashboard-outline"
    write_permission = "cluster.write"
    empty_text = "Нет записей. Добавьте (Ctrl+N)."

    TAB_DASHBOARD, TAB_PARTICIPANTS, TAB_DIRECTIONS, TAB_KPIS = range(4)

    def setup_ui(self) -> None:
        self.dialog: QDialog | None = None
        lay = self.layout()
        self.splitter.hide()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("clusterTabs")
        lay.insertWidget(lay.indexOf(self.splitter), self.tabs, 1)
        self.dashboard = Dashboard(self)
        self.tabs.addTab(self.dashboard, icon("view-dashboard-outline"), "")

        self.p_model = PagedTableModel([
            Column("name", "Наименование", width=340),
            Column("kind_name", "Вид", width=170, sortable=False),
            Column("role", "Роль в кластере", width=320),
            Column("agreement_number", "№ соглашения", width=110),
            Column("agreement_date", "Дата", kind="date", width=90),
            Column("contact", "Контакт", width=220),
            Column("inn", "ИНН", width=100),
        ], count=cluster.count_participants, page=cluster.list_participants, context=CTX)
        self.p_table = self._make_table(self.p_model)
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.currentIndexChanged.connect(
            lambda _i: self.p_model.set_filter("kind", self.kind_filter.currentData()))
        p_box = QWidget()
        pv = QVBoxLayout(p_box)
        pv.setContentsMargins(0, 6, 0, 0)
        ph = QHBoxLayout()
        self.kind_filter_label = QLabel()
        ph.addWidget(self.kind_filter_label)
        ph.addWidget(self.kind_filter)
        ph.addStretch(1)
        pv.addLayout(ph)
        pv.addWidget(self.p_table)
        self.tabs.addTab(p_box, icon("account-group-outline"), "")

        self.d_model = PagedTableModel([
            Column("code", "Код", width=80),
            Column("name", "Специальность / профессия", width=420),
            Column("level_name", "Уровень", width=120, sortable=False),
            Column("places_per_year", "Мест в год", kind="int", width=90),
            Column("requested_by", "Предприятия-заказчики", width=360),
        ], count=cluster.count_directions, page=cluster.list_directions, context=CTX)
        self.d_table = self._make_table(self.d_model)
        self.tabs.addTab(self.d_table, icon("school-outline"), "")

        self.k_model = PagedTableModel([
            Column("name", "Показатель", width=360, sortable=False),
            Column("unit", "Ед.", width=50, sortable=False),
            Column("target", "План", kind="decimal", width=110, sortable=False),
            Column("target_period", "Срок", width=60, sortable=False),
            Column("actual", "Факт", kind="decimal", width=110, sortable=False),
            Column("percent", "% плана", kind="decimal", width=80, sortable=False),
            Column("origin_label", "Источник", width=110, sortable=False),
            Column("comment", "Комментарий", width=300, sortable=False),
        ], count=lambda q: len(cluster.list_kpis(live=False)), page=self._kpi_page, context=CTX)
        self.k_model.row_tint = None
        self.k_table = self._make_table(self.k_model)
        self.k_table.setSortingEnabled(False)
        k_split = QSplitter(Qt.Orientation.Horizontal)
        k_left = QWidget()
        kv = QVBoxLayout(k_left)
        kv.setContentsMargins(0, 6, 0, 0)
        kh = QHBoxLayout()
        self.period_filter = QComboBox()
        self.period_filter.setObjectName("periodFilter")
        self.period_label = QLabel()
        kh.addWidget(self.period_label)
        kh.addWidget(self.period_filter)
        kh.addStretch(1)
        kv.addLayout(kh)
        kv.addWidget(self.k_table)
        k_split.addWidget(k_left)
        k_box = k_split
        side = QWidget()
        sv = QVBoxLayout(side)
        sv.setContentsMargins(6, 0, 0, 0)
        self.values_title = QLabel()
        self.values_title.setWordWrap(True)
        self.values_title.setStyleSheet("font-weight: bold;")
        sv.addWidget(self.values_title)
        self.values_table = QTableWidget(0, 3)
        self.values_table.setObjectName("kpiValues")
        self.values_table.verticalHeader().setVisible(False)
        self.values_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.values_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.values_table.horizontalHeader().setStretchLastSection(True)
        self.values_table.doubleClicked.connect(lambda _i: self.on_edit_value())
        self.values_table.itemSelectionChanged.connect(
            lambda: self.del_value_btn.setEnabled(self.can_write() and bool(self.values_table.selectedItems())))
        self.values_table.setMaximumHeight(200)
        sv.addWidget(self.values_table)
        self.history_chart = KpiHistoryChart("")
        self.history_chart.title.hide()
        self.history_chart.setMinimumHeight(200)  # its buttons below stay visible at 125 % scaling
        self.history_chart.view.setMinimumHeight(170)
        sv.addWidget(self.history_chart, 1)
        bh = QHBoxLayout()
        self.add_value_btn = QPushButton(icon("plus-circle-outline"), "")
        self.add_value_btn.setObjectName("addKpiValue")
        self.add_value_btn.clicked.connect(lambda: self.open_value_dialog())
        self.del_value_btn = QPushButton(icon("delete-outline"), "")
        self.del_value_btn.setObjectName("deleteKpiValue")
        self.del_value_btn.clicked.connect(self.on_delete_value)
        self.edit_kpi_btn = QPushButton(icon("pencil-outline"), "")
        self.edit_kpi_btn.setObjectName("editKpi")
        self.edit_kpi_btn.clicked.connect(self.on_edit_kpi)
        bh.addWidget(self.add_value_btn)
        bh.addWidget(self.del_value_btn)
        bh.addWidget(self.edit_kpi_btn)
        self.card_kpis_btn = QPushButton(icon("playlist-plus"), "")
        self.card_kpis_btn.setObjectName("cardKpis")
        self.card_kpis_btn.clicked.connect(self.on_card_kpis)
        sv.addWidget(self.card_kpis_btn)
        bh.addStretch(1)
        sv.addLayout(bh)
        k_box.addWidget(side)
        k_box.setStretchFactor(0, 3)
        k_box.setStretchFactor(1, 1)
        self.tabs.addTab(k_box, icon("chart-line"), "")

        self.period_filter.currentIndexChanged.connect(lambda _i: self.k_model.refresh())

        self._tables = {self.TAB_PARTICIPANTS: (self.p_table, self.p_model),
                        self.TAB_DIRECTIONS: (self.d_table, self.d_model),
                        self.TAB_KPIS: (self.k_table, self.k_model)}
        self.tabs.currentChanged.connect(self._on_tab)
        self._fill_filters()
        self._on_tab(0)

    # --- tables ---------------------------------------------------------------------------------
    def _make_table(self, model: PagedTableModel) -> QTableView:
        t = QTableView()
        t.setAlternatingRowColors(True)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setSortingEnabled(True)
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(26)
        t.horizontalHeader().setStretchLastSection(True)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.horizontalHeader().setHighlightSections(False)
        t.setModel(model)
        for i, c in enumerate(model.columns):
            if c.width:
                t.setColumnWidth(i, max(c.width, t.horizontalHeader().sectionSizeHint(i)))
        t.doubleClicked.connect(lambda _i: self._activate())
        t.installEventFilter(self)
        t.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        model.loaded.connect(lambda _n: self._update_count())
        model.modelReset.connect(self._update_empty)
        return t

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if obj in (getattr(self, "p_table", None), getattr(self, "d_table", None), getattr(self, "k_table", None)) \
                and ev.type() == QEvent.Type.KeyPress and ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate()
            return True
        return super().eventFilter(obj, ev)

    def _kpi_page(self, q: ListQuery) -> list[dict]:
        per = self.period_filter.currentData() if hasattr(self, "period_filter") else None
        rows = cluster.kpi_rows(per)
        kpis = {k.code: k for k in cluster.list_kpis(live=False)}
        origins = {"entered": _t("введено"), "computed": _t("рассчитано"), "": "—"}
        out = []
        for r in rows:
            k = kpis[r.code]
            out.append({"id": k.id, "code": r.code, "name": r.name, "unit": r.unit, "target": r.target,
                        "target_period": r.target_period, "actual": r.actual, "percent": r.percent,
                        "origin_label": origins.get(r.origin, r.origin), "comment": r.comment})
        return out[q.offset:q.offset + q.limit]

    def _fill_filters(self) -> None:
        cur = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(_t("Все участники"), None)
        for code, label in cluster.kind_names().items():
            self.kind_filter.addItem(label, code)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(cur), 0))
        self.kind_filter.blockSignals(False)
        per = self.period_filter.currentData()
        self.period_filter.blockSignals(True)
        self.period_filter.clear()
        self.period_filter.addItem(_t("Последние данные"), None)
        try:
            periods = sorted(set(cluster.reported_periods()) | set(cluster.all_periods()))
        except Exception:
            periods = cluster.all_periods()
        for p in periods:
            self.period_filter.addItem(p, p)
        self.period_filter.setCurrentIndex(max(self.period_filter.findData(per), 0))
        self.period_filter.blockSignals(False)

    def _on_tab(self, index: int) -> None:
        entry = self._tables.get(index)
        self.search.setEnabled(index in (self.TAB_PARTICIPANTS, self.TAB_DIRECTIONS))
        if entry is None:
            self.model = None
            self.table = self._dummy_table()
            self.empty_label.hide()
        else:
            self.table, self.model = entry
            self.empty_label.setParent(self.table.viewport())
            self.search.blockSignals(True)
            self.search.setText(self.model.query.search)
            self.search.blockSignals(False)
            if not getattr(self, "_shown", False):
                pass
            elif self.model.total() == 0 and not self.model.rowCount():
                self.model.refresh()
            if index == self.TAB_KPIS and not self.selected_rows() and self.model.rowCount():
                self.table.selectRow(0)
        self._update_count()
        self._update_empty()
        self._selection_changed()

    def _dummy_table(self) -> QTableView:
        if not hasattr(self, "_dummy"):
            self._dummy = QTableView()
            self._dummy.hide()
        return self._dummy

    def showEvent(self, e) -> None:  # noqa: N802
        QWidget.showEvent(self, e)
        if not getattr(self, "_shown", False) or getattr(self, "_stale", False):
            self._shown = True
            self._stale = False
            self.refresh()

    def reload(self) -> None:
        self._fill_filters()
        try:
            self.dashboard.load()
        except ServiceError as e:
            self.dashboard.summary.setText(str(e))
        for _tbl, m in self._tables.values():
            m.refresh()
        self._update_values_panel()
        self._update_count()
        self._update_empty()
        self._selection_changed()


    def _update_count(self) -> None:
        if self.model is None:
            self.count_label.setText("")
            return
        super()._update_count()

    def save_state(self) -> None:
        pass

    # --- text -----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.title_label.setText(_t("Кластер «Химический потенциал»"))
        if not hasattr(self, "tabs"):
            return
        self.tabs.setTabText(0, _t("Сводка"))
        self.tabs.setTabText(1, _t("Участники"))
        self.tabs.setTabText(2, _t("Направления обучения"))
        self.tabs.setTabText(3, _t("Показатели"))
        self.kind_filter_label.setText(_t("Вид:"))
        self.period_label.setText(_t("Период:"))
        self.add_value_btn.setText(_t("Ввести значение…"))
        self.del_value_btn.setText(_t("Удалить значение"))
        self.edit_kpi_btn.setText(_t("План…"))
        self.card_kpis_btn.setText(_t("Добавить показатели карточки проекта"))
        self.card_kpis_btn.setToolTip(_t("Целевая аудитория 19 000, 8 участников, 17 направлений, 2 081 обучающийся, "
                                         "85 % занятых выпускников, 100 % оснащённость и показатели программы"))
        self.edit_kpi_btn.setToolTip(_t("Изменить наименование, плановое значение и срок показателя"))
        self.values_table.setHorizontalHeaderLabels([_t("Период"), _t("Значение"), _t("Комментарий")])
        self.dashboard.kpi_chart.title.setText(_t("Выполнение показателей, % от плана"))
        self.dashboard.budget_chart.title.setText(_t("Бюджет по источникам, млн ₽"))
        self.dashboard.readiness_chart.title.setText(_t("Готовность мастерских, %"))
        if "print" in self.actions_by_name:
            self.actions_by_name["print"].setToolTip(_t("Отчёт о показателях кластера (Ctrl+P)"))

    # --- selection and actions ---------------------------------------------------------------------
    def _selection_changed(self) -> None:
        super()._selection_changed()
        if not hasattr(self, "tabs"):
            return
        tab = self.tabs.currentIndex()
        writable = self.can_write()
        for name in ("new", "delete"):
            act = self.actions_by_name.get(name)
            if act is not None and tab in (self.TAB_DASHBOARD, self.TAB_KPIS):
                act.setEnabled(tab == self.TAB_KPIS and name == "new" and writable)
        self.add_value_btn.setEnabled(writable)
        self.add_value_btn.setVisible(writable)
        self.del_value_btn.setVisible(writable)
        self.edit_kpi_btn.setVisible(writable)
        self.card_kpis_btn.setVisible(writable and self.k_model.total() == 0)
        self.del_value_btn.setEnabled(writable and bool(self.values_table.selectedItems()))
        if tab == self.TAB_KPIS:
            self._update_values_panel()

    def _selected_kpi(self) -> cluster.KpiInfo | None:
        if self.tabs.currentIndex() != self.TAB_KPIS:
            return None
        row = self.current_row()
        if row is None:
            return None
        try:
            return cluster.get_kpi(row["code"])
        except ServiceError:
            return None

    def _update_values_panel(self) -> None:
        k = self._selected_kpi() if hasattr(self, "tabs") else None
        self.values_table.setRowCount(0)
        if k is None:
            self.values_title.setText(_t("Выберите показатель, чтобы увидеть его значения по периодам."))
            self.history_chart.show_empty("")
            return
        points = [(v.period, v.value) for v in k.values]
        if k.computed and k.live is not None and not k.value_for(cluster.current_period()):
            points.append((cluster.current_period() + " *", k.live))
        self.history_chart.set_kpi(k.name, k.unit, k.target, points)
        self.values_title.setText(_t("{0}: план {1} {2}").format(k.name, fmt.decimal(k.target), k.unit))
        for v in k.values:
            r = self.values_table.rowCount()
            self.values_table.insertRow(r)
            it = QTableWidgetItem(v.period)
            it.setData(Qt.ItemDataRole.UserRole, v.period)
            self.values_table.setItem(r, 0, it)
            val = QTableWidgetItem(fmt.decimal(v.value))
            val.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.values_table.setItem(r, 1, val)
            com = QTableWidgetItem(v.comment)
            com.setToolTip(v.comment)
            self.values_table.setItem(r, 2, com)
        self.values_table.resizeColumnToContents(0)
        self.values_table.resizeColumnToContents(1)

    def on_new(self) -> None:
        tab = self.tabs.currentIndex()
        if tab == self.TAB_PARTICIPANTS:
            self._open(ParticipantDialog(self))
        elif tab == self.TAB_DIRECTIONS:
            self._open(DirectionDialog(self))
        else:
            self.open_value_dialog()

    def on_edit(self) -> None:
        tab = self.tabs.currentIndex()
        rid = self.current_id()
        if tab == self.TAB_PARTICIPANTS and rid is not None:
            self._open(ParticipantDialog(self, rid))
        elif tab == self.TAB_DIRECTIONS and rid is not None:
            self._open(DirectionDialog(self, rid))
        elif tab == self.TAB_KPIS:
            self.open_value_dialog()

    def on_delete(self) -> None:
        tab = self.tabs.currentIndex()
        row = self.current_row()
        if row is None:
            return
        try:
            if tab == self.TAB_PARTICIPANTS:
                if self.confirm_delete(_t("участника «{0}»").format(row["name"])):
                    cluster.delete_participant(row["id"])
            elif tab == self.TAB_DIRECTIONS:
                if self.confirm_delete(_t("направление {0} «{1}»").format(row["code"], row["name"])):
                    cluster.delete_direction(row["id"])
            else:
                return
        except ServiceError as e:
            QMessageBox.warning(self, _t("Не удалено"), str(e))
            return

    def on_card_kpis(self) -> None:
        try:
            n = cluster.create_card_kpis()
        except ServiceError as e:
            QMessageBox.warning(self, _t("Не выполнено"), str(e))
            return
        self.status_message.emit(_t("Добавлено показателей: {0}").format(n))

    def on_edit_kpi(self) -> None:
        k = self._selected_kpi()
        if k is not None:
            self._open(KpiDialog(self, k.code))

    def on_edit_value(self) -> None:
        items = self.values_table.selectedItems()
        k = self._selected_kpi()
        if items and k is not None:
            self.open_value_dialog(k.code, self.values_table.item(items[0].row(), 0).text())

    def on_delete_value(self) -> None:
        items = self.values_table.selectedItems()
        k = self._selected_kpi()
        if not items or k is None:
            return
        per = self.values_table.item(items[0].row(), 0).text()
        if not self.confirm_delete(_t("значение показателя «{0}» за {1}").format(k.name, per)):
            return
        try:
            cluster.delete_kpi_value(k.code, per)
        except ServiceError as e:
            QMessageBox.warning(self, _t("Не удалено"), str(e))
            return

    def open_value_dialog(self, code: str | None = None, period: str | None = None) -> KpiValueDialog | None:
        if self.k_model.total() == 0 and not cluster.list_kpis(live=False):
            QMessageBox.information(self, _t("Нет показателей"),
                                    _t("В базе ещё нет показателей. Нажмите «Добавить показатели карточки проекта» "
                                       "на вкладке «Показатели»."))
            self.tabs.setCurrentIndex(self.TAB_KPIS)
            return None
        if code is None:
            k = self._selected_kpi()
            code = k.code if k else None
        if period is None and self.tabs.currentIndex() == self.TAB_KPIS:
            period = self.period_filter.currentData()
        dlg = KpiValueDialog(self, code, period)
        self._open(dlg)
        return dlg

    def _open(self, dlg: QDialog) -> None:
        """Window-modal and non-blocking (``open()``), so tests can drive the dialog."""
        self.dialog = dlg
        dlg.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dlg else None)
        dlg.open()

    def on_print(self) -> None:
        from chemcluster_desktop.ui.pages.reports import generate_and_preview

        per = self.period_filter.currentData() if self.tabs.currentIndex() == self.TAB_KPIS else None
        generate_and_preview(self, "kpi", {"period": per} if per else {})

    # --- click-through ----------------------------------------------------------------------------
    def go_to(self, page_key: str):
        w = self.window()
        if hasattr(w, "show_page"):
            return w.show_page(page_key)
        return None

    def on_tile_clicked(self, code: str) -> None:
        tile = next((t for t in (self.dashboard.data or {}).get("tiles", []) if t["code"] == code), None)
        if tile is None:
            return
        if code == "participants":
            self.tabs.setCurrentIndex(self.TAB_PARTICIPANTS)
            self.kind_filter.setCurrentIndex(0)
        elif code == "directions":
            self.tabs.setCurrentIndex(self.TAB_DIRECTIONS)
        elif code == "budget_paid":
            self.open_budget()
        elif tile["page"] != "cluster":
            self.go_to(tile["page"])
        else:
            self.open_kpi(code)

    def open_budget(self) -> None:
        page = self.go_to("procurement")
        fn = getattr(page, "show_tab", None)
        if fn is not None:
            try:
                fn("budget")
            except (ValueError, RuntimeError):  # the procurement page decides what it can show
                pass

    def open_kpi(self, code: str) -> None:
        self.tabs.setCurrentIndex(self.TAB_KPIS)
        for r in range(self.k_model.rowCount()):
            if self.k_model.row(r).get("code") == code:
                self.k_table.selectRow(r)
                break

    def open_workshop(self, key: str) -> None:
        page = self.go_to("accreditation")
        if page is None:
            return
        for meth in ("select_workshop", "show_workshop", "select_id"):
            fn = getattr(page, meth, None)
            if fn is not None and key.isdigit():
                try:
                    fn(int(key))
                except Exception:  # the accreditation page decides what it can show
                    pass
                break


def tile_text(value: Decimal | None, unit: str) -> str:
    return format_value(value, unit)
