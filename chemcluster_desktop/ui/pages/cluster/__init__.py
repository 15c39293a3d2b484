"""«Кластер»: the dashboard (tiles and charts) and the registry — participants, training directions,
KPIs with their values per period.

One :class:`~chemcluster_desktop.ui.lists.TabbedPage`, one module per tab: ``dashboard`` (a
:class:`~chemcluster_desktop.ui.lists.Tab`), ``registry`` (participants, directions) and ``kpis``
(list tabs). The toolbar, the search and the refresh act on the current tab; tiles and charts click
through to the tab or the page that shows their figure.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from chemcluster_desktop.areas import Area
from chemcluster_desktop.ui.lists import TabbedPage
from chemcluster_desktop.ui.pages.cluster.dashboard import CTX, DashboardTab, _t
from chemcluster_desktop.ui.pages.cluster.kpis import KpisTab
from chemcluster_desktop.ui.pages.cluster.registry import DirectionsTab, ParticipantsTab

__all__ = ["ClusterPage", "DashboardTab", "DirectionsTab", "KpisTab", "ParticipantsTab"]


class ClusterPage(TabbedPage):
    key = "cluster"
    area = Area.CLUSTER
    context = CTX
    title_text = "Кластер «Химический потенциал»"
    icon_name = "view-dashboard-outline"
    write_permission = "cluster.write"
    empty_text = "Нет записей. Добавьте (Ctrl+N)."
    tabs_object_name = "clusterTabs"
    tabs_classes = [DashboardTab, ParticipantsTab, DirectionsTab, KpisTab]

    @property
    def dashboard(self) -> DashboardTab:
        return self.tab("dashboard")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if "print" in self.actions_by_name:
            self.actions_by_name["print"].setToolTip(_t("Отчёт о показателях кластера (Ctrl+P)"))

    # --- documents and dialogs ------------------------------------------------------------------
    def print_kpi_report(self, period: str | None = None):
        from chemcluster_desktop.ui.pages.reports import generate_and_preview

        return generate_and_preview(self, "kpi", {"period": period} if period else {})

    def open_value_dialog(self, code: str | None = None, period: str | None = None):
        """The form of a KPI's value for a period (the chosen KPI and period when none is named)."""
        return self.tab("kpis").open_value_dialog(code, period)

    # --- click-through ----------------------------------------------------------------------------
    def go_to(self, page_key: str):
        """Show another area's page in the main window (None while this page is not in one)."""
        from chemcluster_desktop.ui.main_window import MainWindow

        window = self.window()
        return window.show_page(page_key) if isinstance(window, MainWindow) else None

    def on_tile_clicked(self, code: str) -> None:
        tile = next((t for t in (self.dashboard.data or {}).get("tiles", []) if t["code"] == code), None)
        if tile is None:
            return
        if code == "participants":
            self.show_tab("participants").kind_filter.setCurrentIndex(0)
        elif code == "directions":
            self.show_tab("directions")
        elif code == "budget_paid":
            self.open_budget()
        elif tile["page"] != "cluster":
            self.go_to(tile["page"])
        else:
            self.open_kpi(code)

    def open_budget(self) -> None:
        page = self.go_to("procurement")
        if isinstance(page, TabbedPage):
            page.show_tab("budget")

    def open_kpi(self, code: str) -> None:
        self.show_tab("kpis").select_code(code)

    def open_workshop(self, key: str) -> None:
        page = self.go_to("accreditation")
        if page is None or not key.isdigit():
            return
        page.select_workshop(int(key))


def _labels_for_lupdate() -> list[str]:
    """The tabs' titles, empty hints and column headers (class attributes) as literal translate() calls
    for pyside6-lupdate."""
    tr = QCoreApplication.translate
    return [
        tr("Cluster", "Сводка"), tr("Cluster", "Участники"), tr("Cluster", "Направления обучения"),
        tr("Cluster", "Показатели"), tr("Cluster", "Нет записей. Добавьте (Ctrl+N)."),
        tr("Cluster", "Наименование"), tr("Cluster", "Вид"), tr("Cluster", "Роль в кластере"),
        tr("Cluster", "№ соглашения"), tr("Cluster", "Дата"), tr("Cluster", "Контакт"), tr("Cluster", "ИНН"),
        tr("Cluster", "Код"), tr("Cluster", "Специальность / профессия"), tr("Cluster", "Уровень"),
        tr("Cluster", "Мест в год"), tr("Cluster", "Предприятия-заказчики"),
        tr("Cluster", "Показатель"), tr("Cluster", "Ед."), tr("Cluster", "План"), tr("Cluster", "Срок"),
        tr("Cluster", "Факт"), tr("Cluster", "% плана"), tr("Cluster", "Источник"), tr("Cluster", "Комментарий"),
    ]
