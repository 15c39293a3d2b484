"""The navigation rail: one entry per area (UI.md). Each page lives in its own module."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str  # Russian source text, context "Navigation"
    icon: str
    module: str
    cls: str


PAGES = [
    PageEntry("inventory", "Инвентарь", "flask-outline", "chemcluster_desktop.ui.pages.inventory", "InventoryPage"),
    PageEntry("accreditation", "Аккредитация", "certificate-outline",
              "chemcluster_desktop.ui.pages.accreditation", "AccreditationPage"),
    PageEntry("schedule", "Расписание", "calendar-clock", "chemcluster_desktop.ui.pages.schedule", "SchedulePage"),
    PageEntry("procurement", "Закупки", "cart-outline", "chemcluster_desktop.ui.pages.procurement", "ProcurementPage"),
    PageEntry("reports", "Отчёты", "file-pdf-box", "chemcluster_desktop.ui.pages.reports", "ReportsPage"),
    PageEntry("cluster", "Кластер", "view-dashboard-outline", "chemcluster_desktop.ui.pages.cluster", "ClusterPage"),
    PageEntry("reference", "Справочники", "book-open-variant", "chemcluster_desktop.ui.pages.reference",
              "ReferencePage"),
    PageEntry("journal", "Журнал", "history", "chemcluster_desktop.ui.pages.journal", "JournalPage"),
]


def nav_titles() -> list[str]:
    """For lupdate: the navigation labels as translate() calls."""
    from PySide6.QtCore import QCoreApplication

    return [
        QCoreApplication.translate("Navigation", "Инвентарь"),
        QCoreApplication.translate("Navigation", "Аккредитация"),
        QCoreApplication.translate("Navigation", "Расписание"),
        QCoreApplication.translate("Navigation", "Закупки"),
        QCoreApplication.translate("Navigation", "Отчёты"),
        QCoreApplication.translate("Navigation", "Кластер"),
        QCoreApplication.translate("Navigation", "Справочники"),
        QCoreApplication.translate("Navigation", "Журнал"),
    ]
