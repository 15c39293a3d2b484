"""«Сводка»: the cluster's tiles (the project card's indicators and the college's own), the contract
deadlines, and three charts — KPI progress, the budget by source, the workshops' readiness."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from chemcluster_desktop.services import cluster
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.lists import Tab
from chemcluster_desktop.ui.pages.dashboard_upkeep import UpkeepTile
from chemcluster_desktop.ui.style import set_role
from chemcluster_desktop.ui.widgets.dashboard_charts import BudgetChart, KpiProgressChart, ReadinessChart
from chemcluster_desktop.ui.widgets.dashboard_tiles import TILE_QSS, KpiTile

CTX = "Cluster"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _bold(label: QLabel) -> QLabel:
    label.setStyleSheet("font-weight: bold; color: #263238;")
    return label


class DashboardTab(Tab):
    name = "dashboard"
    title = "Сводка"
    icon_name = "view-dashboard-outline"
    permission = "cluster.write"
    actions = frozenset({"print"})
    searchable = False

    def build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(self.scroll)
        body = QWidget()
        body.setObjectName("dashboardBody")
        body.setStyleSheet(TILE_QSS % "#1f6fb2" + " QWidget#dashboardBody { background: #f5f7f9; }")
        self.scroll.setWidget(body)
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
        self.alerts.linkActivated.connect(lambda _l: self.page.go_to("procurement"))
        v.addWidget(self.alerts)
        self.upkeep = UpkeepTile(self.page)  # verification / maintenance due in 30 days and overdue → the inventory
        v.addWidget(self.upkeep)
        self.card_title = _bold(QLabel())
        set_role(self.card_title, "section")
        v.addWidget(self.card_title)
        self.tiles_grid = QGridLayout()
        self.tiles_grid.setSpacing(10)
        v.addLayout(self.tiles_grid)
        self.own_title = _bold(QLabel())
        v.addWidget(self.own_title)
        self.own_grid = QGridLayout()
        self.own_grid.setSpacing(10)
        v.addLayout(self.own_grid)
        self.tiles: dict[str, KpiTile] = {}
        v.addLayout(self._build_charts())
        v.addStretch(1)
        self.data: dict | None = None

    def _build_charts(self) -> QGridLayout:
        charts = QGridLayout()
        charts.setSpacing(10)
        self.kpi_chart = KpiProgressChart(_t("Выполнение показателей, % от плана"))
        self.budget_chart = BudgetChart(_t("Бюджет по источникам, млн ₽"))
        self.readiness_chart = ReadinessChart(_t("Готовность мастерских, %"))
        for i, (c, stretch) in enumerate(((self.kpi_chart, 4), (self.budget_chart, 3), (self.readiness_chart, 3))):
            charts.addWidget(c, 0, i)
            charts.setColumnStretch(i, stretch)
            c.setMinimumHeight(330)
            c.setMinimumWidth(330)
        self.kpi_chart.activated.connect(self.page.open_kpi)
        self.budget_chart.activated.connect(lambda _k: self.page.open_budget())
        self.readiness_chart.activated.connect(self.page.open_workshop)
        return charts

    def retranslate_ui(self) -> None:
        self.kpi_chart.title.setText(_t("Выполнение показателей, % от плана"))
        self.budget_chart.title.setText(_t("Бюджет по источникам, млн ₽"))
        self.readiness_chart.title.setText(_t("Готовность мастерских, %"))

    def on_print(self):
        return self.page.print_kpi_report()

    def reload(self) -> None:
        try:
            self.load()
        except ServiceError as e:
            self.summary.setText(str(e))

    def load(self) -> None:
        d = cluster.dashboard()
        self.data = d
        self._fill_tiles(d["tiles"])
        self._fill_alerts(d.get("contract_alerts") or [])
        self.upkeep.load()
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

    def _fill_tiles(self, tiles: list[dict]) -> None:
        for grid in (self.tiles_grid, self.own_grid):
            while grid.count():
                w = grid.takeAt(0).widget()
                if w is not None:
                    w.deleteLater()
        self.tiles.clear()
        cols = 3 if self.width() < 1200 else 5
        card = [t for t in tiles if t.get("section", "card") == "card"]
        own = [t for t in tiles if t.get("section", "card") != "card"]
        for grid, part in ((self.tiles_grid, card), (self.own_grid, own)):
            for i, t in enumerate(part):
                tile = KpiTile(t)
                tile.clicked.connect(self.page.on_tile_clicked)
                grid.addWidget(tile, i // cols, i % cols)
                self.tiles[t["code"]] = tile
        self.card_title.setText(_t("Показатели карточки флагманского проекта (срок — 2023–2024 гг.)") if card else "")
        self.own_title.setText(_t("Собственные показатели колледжа (в карточку проекта не входят)") if own else "")
        self.own_title.setVisible(bool(own))

    def _fill_alerts(self, alerts: list[dict]) -> None:
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
