"""«Кластер»: the dashboard (tiles and charts) and the registry — participants, training directions,
KPIs with their values per period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import cluster
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import events
from chemcluster_desktop.ui import format as fmt
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


def _field_error_label() -> QLabel:
    lab = QLabel()
    lab.setProperty("role", "error")
    lab.setWordWrap(True)
    lab.hide()
    return lab


class _FormDialog(QDialog):
    """A QFormLayout dialog whose fields show their error beside them; Enter saves, Esc cancels."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.lay.addLayout(self.form)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.general_error = _field_error_label()
        self.lay.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.lay.addWidget(self.buttons)
        self.saved_id: int | None = None

    def add_row(self, key: str, label: str, w: QWidget, required: bool = False) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(w)
        err = _field_error_label()
        v.addWidget(err)
        self.form.addRow(label + (" *" if required else ""), box)
        self.errors[key] = err
        self.fields[key] = w
        w.setObjectName(f"field_{key}")
        return w

    def set_error(self, key: str | None, text: str) -> None:
        lab = self.errors.get(key or "")
        w = self.fields.get(key or "")
        if lab is None:
            self.general_error.setText(text)
            self.general_error.setVisible(bool(text))
            return
        lab.setText(text)
        lab.setVisible(bool(text))
        if w is not None:
            w.setProperty("invalid", bool(text))
            w.style().unpolish(w)
            w.style().polish(w)

    def clear_errors(self) -> None:
        for k in self.errors:
            self.set_error(k, "")
        self.set_error(None, "")

    def show_service_error(self, e: ServiceError) -> None:
        if isinstance(e, ValidationError) and e.errors:
            for k, msg in e.errors:
                self.set_error(k, msg)
        elif e.field in self.errors:
            self.set_error(e.field, str(e))
        else:
            self.set_error(None, str(e))

    def save(self) -> None:  # subclasses
        raise NotImplementedError


class ParticipantDialog(_FormDialog):
    def __init__(self, parent=None, pid: int | None = None):
        super().__init__(_t("Участник кластера"), parent)
        self.pid = pid
        self.version = None
        self.name = self.add_row("name", _t("Наименование"), QLineEdit(), True)
        self.kind = self.add_row("kind", _t("Вид"), QComboBox(), True)
        for code, label in cluster.kind_names().items():
            self.kind.addItem(label, code)
        self.role = self.add_row("role", _t("Роль в кластере"), QLineEdit())
        self.agreement_number = self.add_row("agreement_number", _t("№ соглашения"), QLineEdit())
        self.agreement_date = self.add_row("agreement_date", _t("Дата соглашения"), QDateEdit())
        self.agreement_date.setDisplayFormat("dd.MM.yyyy")
        self.agreement_date.setCalendarPopup(True)
        self.agreement_date.setSpecialValueText(_t("не указана"))
        self.agreement_date.setMinimumDate(QDate(2000, 1, 1))
        self.agreement_date.setDate(self.agreement_date.minimumDate())
        self.contact = self.add_row("contact", _t("Контактное лицо"), QLineEdit())
        self.inn = self.add_row("inn", _t("ИНН"), QLineEdit())
        self.inn.setMaxLength(12)
        self.name.textChanged.connect(lambda t: self.set_error("name", "" if t.strip() else
                                                               _t("Укажите наименование участника.")))
        self.inn.textChanged.connect(self._check_inn)
        if pid is not None:
            p = cluster.get_participant(pid)
            self.version = p.version
            self.name.setText(p.name)
            self.kind.setCurrentIndex(max(self.kind.findData(p.kind), 0))
            self.role.setText(p.role)
            self.agreement_number.setText(p.agreement_number)
            if p.agreement_date:
                self.agreement_date.setDate(QDate(p.agreement_date.year, p.agreement_date.month,
                                                  p.agreement_date.day))
            self.contact.setText(p.contact)
            self.inn.setText(p.inn)

    def _check_inn(self, t: str) -> None:
        t = t.strip()
        ok = not t or (t.isdigit() and len(t) in (10, 12))
        self.set_error("inn", "" if ok else _t("ИНН — 10 или 12 цифр."))

    def data(self) -> dict:
        d = self.agreement_date.date()
        adate = None if d == self.agreement_date.minimumDate() else dt.date(d.year(), d.month(), d.day())
        return {"name": self.name.text(), "kind": self.kind.currentData(), "role": self.role.text(),
                "agreement_number": self.agreement_number.text(), "agreement_date": adate,
                "contact": self.contact.text(), "inn": self.inn.text()}

    def save(self) -> None:
        self.clear_errors()
        try:
            if self.pid is None:
                self.saved_id = cluster.create_participant(self.data())
            else:
                cluster.update_participant(self.pid, self.data(), version=self.version)
                self.saved_id = self.pid
        except ServiceError as e:
            self.show_service_error(e)
            return
        events.notify("cluster")
        self.accept()


class DirectionDialog(_FormDialog):
    def __init__(self, parent=None, did: int | None = None):
        super().__init__(_t("Направление обучения"), parent)
        self.did = did
        self.version = None
        self.code = self.add_row("code", _t("Код"), QLineEdit(), True)
        self.code.setPlaceholderText("18.02.12")
        self.code.setInputMask("")
        self.name = self.add_row("name", _t("Наименование"), QLineEdit(), True)
        self.level = self.add_row("level", _t("Уровень"), QComboBox(), True)
        for code, label in cluster.level_names().items():
            self.level.addItem(label, code)
        self.places = self.add_row("places_per_year", _t("Мест в год"), QSpinBox())
        self.places.setRange(0, 10000)
        self.places.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.requested = self.add_row("requested_by", _t("Предприятия-заказчики"), QPlainTextEdit())
        self.requested.setPlaceholderText(_t("Через «;», например: АО «Синтез ОКА»; АО «Корунд»"))
        self.requested.setFixedHeight(70)
        self.add_enterprise = QComboBox()
        self.add_enterprise.setObjectName("addEnterprise")
        self.add_enterprise.addItem(_t("Добавить предприятие из реестра…"), None)
        for name in cluster.enterprise_names():
            self.add_enterprise.addItem(name, name)
        self.add_enterprise.activated.connect(self._add_enterprise)
        self.form.addRow("", self.add_enterprise)
        self.code.textChanged.connect(self._check_code)
        if did is not None:
            d = cluster.get_direction(did)
            self.version = d.version
            self.code.setText(d.code)
            self.name.setText(d.name)
            self.level.setCurrentIndex(max(self.level.findData(d.level), 0))
            self.places.setValue(d.places_per_year)
            self.requested.setPlainText(d.requested_by)

    def _add_enterprise(self, index: int) -> None:
        name = self.add_enterprise.itemData(index)
        self.add_enterprise.setCurrentIndex(0)
        if not name:
            return
        have = [x.strip() for x in self.requested.toPlainText().split(";") if x.strip()]
        if name not in have:
            self.requested.setPlainText("; ".join([*have, name]))

    def _check_code(self, t: str) -> None:
        import re

        ok = bool(re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", t.strip()))
        self.set_error("code", "" if ok or not t.strip() else _t("Код вида 18.02.12."))

    def save(self) -> None:
        self.clear_errors()
        data = {"code": self.code.text(), "name": self.name.text(), "level": self.level.currentData(),
                "places_per_year": self.places.value(), "requested_by": self.requested.toPlainText()}
        try:
            if self.did is None:
                self.saved_id = cluster.create_direction(data)
            else:
                cluster.update_direction(self.did, data, version=self.version)
                self.saved_id = self.did
        except ServiceError as e:
            self.show_service_error(e)
            return
        events.notify("cluster")
        self.accept()


class KpiValueDialog(_FormDialog):
    """Enter the actual value of a KPI for a period (validated as you type)."""

    def __init__(self, parent=None, kpi_code: str | None = None, period: str | None = None):
        super().__init__(_t("Фактическое значение показателя"), parent)
        self.kpis = {k.code: k for k in cluster.list_kpis(live=False)}
        self.kpi = self.add_row("kpi", _t("Показатель"), QComboBox(), True)
        for k in self.kpis.values():
            self.kpi.addItem(f"{k.name} ({k.unit})" if k.unit else k.name, k.code)
        self.period = self.add_row("period", _t("Период"), QComboBox(), True)
        self.period.setEditable(True)
        self.period.addItems(cluster.all_periods())
        self.period.setToolTip(_t("Год (2025) или квартал (2025-Q3)"))
        self.value = self.add_row("value", _t("Значение"), QLineEdit(), True)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.form.addRow("", self.hint)
        self.comment = self.add_row("comment", _t("Комментарий"), QPlainTextEdit())
        self.comment.setFixedHeight(70)
        if kpi_code:
            self.kpi.setCurrentIndex(max(self.kpi.findData(kpi_code), 0))
        self.period.setCurrentText(period or cluster.current_period())
        self.kpi.currentIndexChanged.connect(lambda _i: self._load_existing())
        self.period.currentTextChanged.connect(lambda _t_: self._load_existing())
        self.value.textChanged.connect(lambda _t_: self._check_value())
        self._load_existing()
        self.value.setFocus()

    def current_kpi(self) -> cluster.KpiInfo:
        return self.kpis[self.kpi.currentData()]

    def _load_existing(self) -> None:
        k = self.current_kpi()
        try:
            per = cluster.validate_period(self.period.currentText())
            self.set_error("period", "")
        except ValidationError as e:
            self.set_error("period", str(e))
            return
        v = k.value_for(per)
        self.hint.setText(_t("План: {0} {1}{2}").format(format_value(k.target, ""), k.unit,
                                                         _t(" к {0}").format(k.period) if k.period else ""))
        if v is not None:
            self.value.setText(fmt.decimal(v.value))
            self.comment.setPlainText(v.comment)
        self._check_value()

    def _check_value(self) -> bool:
        k = self.current_kpi()
        if not self.value.text().strip():
            self.set_error("value", "")
            return False
        try:
            cluster.parse_value(self.value.text(), k.unit, k.name)
        except ValidationError as e:
            self.set_error("value", str(e))
            return False
        self.set_error("value", "")
        return True

    def save(self) -> None:
        self.clear_errors()
        try:
            self.saved_id = cluster.set_kpi_value(self.kpi.currentData(), self.period.currentText(),
                                                  self.value.text(), self.comment.toPlainText())
        except ServiceError as e:
            self.show_service_error(e)
            return
        events.notify("cluster")
        self.accept()


class KpiDialog(_FormDialog):
    """Change a KPI's name, unit, target, target period and source note."""

    def __init__(self, parent=None, code: str = ""):
        super().__init__(_t("Показатель"), parent)
        k = cluster.get_kpi(code)
        self.kpi_id, self.version, self.code = k.id, k.version, k.code
        self.name = self.add_row("name", _t("Наименование"), QLineEdit(k.name), True)
        self.unit = self.add_row("unit", _t("Единица"), QComboBox())
        self.unit.setEditable(True)
        self.unit.addItems(["чел.", "ед.", "%", "₽"])
        self.unit.setCurrentText(k.unit)
        self.target = self.add_row("value", _t("Плановое значение"), QLineEdit(fmt.decimal(k.target)), True)
        self.target.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.period = self.add_row("period", _t("Срок (год)"), QComboBox())
        self.period.setEditable(True)
        self.period.addItems(cluster.all_periods())
        self.period.setCurrentText(k.period)
        self.description = self.add_row("description", _t("Источник / примечание"), QPlainTextEdit(k.description))
        self.description.setFixedHeight(60)
        if k.computed:
            note = QLabel(_t("Факт рассчитывается программой: {0}.").format(
                cluster.computed_names().get(k.computed, k.computed)))
            note.setProperty("role", "hint")
            note.setWordWrap(True)
            self.form.addRow("", note)
        self.target.textChanged.connect(lambda _x: self._check())

    def _check(self) -> None:
        try:
            cluster.parse_value(self.target.text(), self.unit.currentText().strip(), self.name.text())
            self.set_error("value", "")
        except ValidationError as e:
            self.set_error("value", str(e))

    def save(self) -> None:
        self.clear_errors()
        try:
            cluster.update_kpi(self.kpi_id, {"name": self.name.text(), "unit": self.unit.currentText(),
                                             "target": self.target.text(), "period": self.period.currentText(),
                                             "description": self.description.toPlainText()},
                               version=self.version)
        except ServiceError as e:
            self.show_service_error(e)
            return
        self.saved_id = self.kpi_id
        events.notify("cluster")
        self.accept()


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
        self.tiles_grid = QGridLayout()
        self.tiles_grid.setSpacing(10)
        v.addLayout(self.tiles_grid)
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
        while self.tiles_grid.count():
            w = self.tiles_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.tiles.clear()
        cols = 3 if self.width() < 1200 else 5
        for i, t in enumerate(d["tiles"]):
            tile = KpiTile(t)
            tile.clicked.connect(self.page.on_tile_clicked)
            self.tiles_grid.addWidget(tile, i // cols, i % cols)
            self.tiles[t["code"]] = tile
        self.kpi_chart.set_tiles(d["tiles"])
        self.budget_chart.set_budget(d["budget"])
        self.readiness_chart.set_readiness(d["readiness"])
        r, b, p = d["readiness"], d["budget"], d["pupils"]
        parts = []
        if r["available"]:
            parts.append(_t("Мастерских готово к аккредитации: {0} из {1}").format(r["ready"], len(r["workshops"])))
        if b["available"]:
            parts.append(_t("законтрактовано {0}, оплачено {1} из {2} стоимости проекта").format(
                fmt.money(b["total"].get("contracted")), fmt.money(b["total"].get("paid")),
                fmt.money(b["project_total"])))
        if p["available"]:
            parts.append(_t("охват 8-х классов: {0} учащихся").format(fmt.decimal(p["pupils"])))
        self.summary.setText("; ".join(parts) + ("." if parts else ""))


class ClusterPage(BasePage):
    key = "cluster"
    area = "cluster"
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
        self.history_chart.setMinimumHeight(260)
        self.history_chart.view.setMinimumHeight(220)
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
                t.setColumnWidth(i, c.width)
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

    def refresh(self) -> None:
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

    def _on_data_changed(self, area: str) -> None:
        if area == "*" or area in self.listens_to():
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

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
        events.notify("cluster")

    def on_card_kpis(self) -> None:
        try:
            n = cluster.create_card_kpis()
        except ServiceError as e:
            QMessageBox.warning(self, _t("Не выполнено"), str(e))
            return
        events.notify("cluster")
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
        events.notify("cluster")

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
