"""«Показатели»: the KPIs with plan and actual for a period; beside the list the chosen KPI's values by
period, its history chart and the buttons to enter, delete a value or change the plan."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import cluster
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.dialogs.cluster_dialogs import KpiDialog, KpiValueDialog
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.lists import ListTab
from chemcluster_desktop.ui.models.table import Column
from chemcluster_desktop.ui.widgets.dashboard_charts import KpiHistoryChart

CTX = "Cluster"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _button(icon_name: str, object_name: str, slot) -> QPushButton:
    b = QPushButton(icon(icon_name), "")
    b.setObjectName(object_name)
    b.clicked.connect(slot)
    return b


class KpisTab(ListTab):
    name = "kpis"
    title = "Показатели"
    icon_name = "chart-line"
    permission = "cluster.write"
    actions = frozenset({"new", "edit", "print"})  # Создать / Изменить: the value of the chosen KPI
    empty_text = "Нет записей. Добавьте (Ctrl+N)."
    searchable = False
    sortable = False
    single_selection = True
    details_sizes = (900, 300)
    columns = [
        Column("name", "Показатель", width=360, sortable=False),
        Column("unit", "Ед.", width=50, sortable=False),
        Column("target", "План", kind="decimal", width=110, sortable=False),
        Column("target_period", "Срок", width=60, sortable=False),
        Column("actual", "Факт", kind="decimal", width=110, sortable=False),
        Column("percent", "% плана", kind="decimal", width=80, sortable=False),
        Column("origin_label", "Источник", width=110, sortable=False),
        Column("comment", "Комментарий", width=300, sortable=False),
    ]

    def make_model(self):
        model = super().make_model()
        model.row_tint = None
        return model

    def count(self, q: ListQuery) -> int:
        return len(cluster.list_kpis(live=False))

    def rows(self, q: ListQuery) -> list[dict]:
        rows = cluster.kpi_rows(self.period_filter.currentData())
        kpis = {k.code: k for k in cluster.list_kpis(live=False)}
        origins = {"entered": _t("введено"), "computed": _t("рассчитано"), "": "—"}
        out = []
        for r in rows:
            k = kpis[r.code]
            out.append({"id": k.id, "code": r.code, "name": r.name, "unit": r.unit, "target": r.target,
                        "target_period": r.target_period, "actual": r.actual, "percent": r.percent,
                        "origin_label": origins.get(r.origin, r.origin), "comment": r.comment})
        return out[q.offset:q.offset + q.limit]

    # --- widgets ----------------------------------------------------------------------------------
    def build(self) -> None:
        self.period_filter = QComboBox()  # the model reads it: made before the list
        self.period_filter.setObjectName("periodFilter")
        super().build()
        self.period_filter.currentIndexChanged.connect(lambda _i: self.model.refresh())

    def build_filters(self, bar) -> None:
        h = QHBoxLayout()
        self.period_label = QLabel()
        h.addWidget(self.period_label)
        h.addWidget(self.period_filter)
        h.addStretch(1)
        bar.addLayout(h)

    def build_details(self) -> QWidget:
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
        self.values_table.itemSelectionChanged.connect(self._value_selected)
        self.values_table.setMaximumHeight(200)
        sv.addWidget(self.values_table)
        self.history_chart = KpiHistoryChart("")
        self.history_chart.title.hide()
        self.history_chart.setMinimumHeight(200)  # its buttons below stay visible at 125 % scaling
        self.history_chart.view.setMinimumHeight(170)
        sv.addWidget(self.history_chart, 1)
        self.add_value_btn = _button("plus-circle-outline", "addKpiValue", lambda: self.open_value_dialog())
        self.del_value_btn = _button("delete-outline", "deleteKpiValue", self.on_delete_value)
        self.edit_kpi_btn = _button("pencil-outline", "editKpi", self.on_edit_kpi)
        self.card_kpis_btn = _button("playlist-plus", "cardKpis", self.on_card_kpis)
        sv.addWidget(self.card_kpis_btn)
        bh = QHBoxLayout()
        for b in (self.add_value_btn, self.del_value_btn, self.edit_kpi_btn):
            bh.addWidget(b)
        bh.addStretch(1)
        sv.addLayout(bh)
        return side

    def retranslate_ui(self) -> None:
        self.period_label.setText(_t("Период:"))
        self.add_value_btn.setText(_t("Ввести значение…"))
        self.del_value_btn.setText(_t("Удалить значение"))
        self.edit_kpi_btn.setText(_t("План…"))
        self.card_kpis_btn.setText(_t("Добавить показатели карточки проекта"))
        self.card_kpis_btn.setToolTip(_t("Целевая аудитория 19 000, 8 участников, 17 направлений, 2 081 обучающийся, "
                                         "85 % занятых выпускников, 100 % оснащённость и показатели программы"))
        self.edit_kpi_btn.setToolTip(_t("Изменить наименование, плановое значение и срок показателя"))
        self.values_table.setHorizontalHeaderLabels([_t("Период"), _t("Значение"), _t("Комментарий")])
        self.fill_periods()

    def fill_periods(self) -> None:
        per = self.period_filter.currentData()
        self.period_filter.blockSignals(True)
        self.period_filter.clear()
        self.period_filter.addItem(_t("Последние данные"), None)
        for p in sorted(set(cluster.reported_periods()) | set(cluster.all_periods())):
            self.period_filter.addItem(p, p)
        self.period_filter.setCurrentIndex(max(self.period_filter.findData(per), 0))
        self.period_filter.blockSignals(False)

    # --- data -------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.fill_periods()
        super().reload()
        if not self.selected_rows() and self.model.rowCount():
            self.table.selectRow(0)
        self.show_details()

    def selected_kpi(self) -> cluster.KpiInfo | None:
        row = self.current_row()
        if row is None:
            return None
        try:
            return cluster.get_kpi(row["code"])
        except ServiceError:
            return None

    def on_role_changed(self) -> None:
        self.show_details()

    def _value_selected(self) -> None:
        self.del_value_btn.setEnabled(self.can_write() and bool(self.values_table.selectedItems()))

    def show_details(self) -> None:
        writable = self.can_write()
        self.add_value_btn.setEnabled(writable)
        for b in (self.add_value_btn, self.del_value_btn, self.edit_kpi_btn):
            b.setVisible(writable)
        self.card_kpis_btn.setVisible(writable and self.model.total() == 0)
        self._value_selected()
        k = self.selected_kpi()
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

    def select_code(self, code: str) -> None:
        for r in range(self.model.rowCount()):
            if self.model.row(r).get("code") == code:
                self.table.selectRow(r)
                break

    # --- actions ----------------------------------------------------------------------------------
    def on_new(self):
        return self.open_value_dialog()

    def on_edit(self):
        return self.open_value_dialog()

    def on_print(self):
        return self.page.print_kpi_report(self.period_filter.currentData())

    def on_card_kpis(self) -> None:
        try:
            n = cluster.create_card_kpis()
        except ServiceError as e:
            QMessageBox.warning(self.page, _t("Не выполнено"), str(e))
            return
        self.page.status_message.emit(_t("Добавлено показателей: {0}").format(n))

    def on_edit_kpi(self) -> None:
        k = self.selected_kpi()
        if k is not None:
            self.page.open_dialog(KpiDialog(self.page, k.code))

    def on_edit_value(self) -> None:
        items = self.values_table.selectedItems()
        k = self.selected_kpi()
        if items and k is not None:
            self.open_value_dialog(k.code, self.values_table.item(items[0].row(), 0).text())

    def on_delete_value(self) -> None:
        items = self.values_table.selectedItems()
        k = self.selected_kpi()
        if not items or k is None:
            return
        per = self.values_table.item(items[0].row(), 0).text()
        if not self.page.confirm_delete(_t("значение показателя «{0}» за {1}").format(k.name, per)):
            return
        try:
            cluster.delete_kpi_value(k.code, per)
        except ServiceError as e:
            QMessageBox.warning(self.page, _t("Не удалено"), str(e))

    def open_value_dialog(self, code: str | None = None, period: str | None = None) -> KpiValueDialog | None:
        if self.model.total() == 0 and not cluster.list_kpis(live=False):
            QMessageBox.information(self.page, _t("Нет показателей"),
                                    _t("В базе ещё нет показателей. Нажмите «Добавить показатели карточки проекта» "
                                       "на вкладке «Показатели»."))
            self.page.show_tab(self.name)
            return None
        if code is None:
            k = self.selected_kpi() if self.page.current_tab() is self else None
            code = k.code if k else None
        if period is None and self.page.current_tab() is self:
            period = self.period_filter.currentData()
        return self.page.open_dialog(KpiValueDialog(self.page, code, period))
