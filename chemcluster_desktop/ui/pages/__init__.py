"""The navigation rail: one entry per area with a page (UI.md), in the area registry's order
(:mod:`chemcluster_desktop.areas`, where each area declares its title, icon and page class). Each page
lives in its own module."""

from __future__ import annotations

from dataclasses import dataclass

from chemcluster_desktop import areas


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str  # Russian source text, context "Navigation"
    icon: str
    module: str
    cls: str


PAGES = [PageEntry(a.key, a.title, a.icon, a.page.module, a.page.cls) for a in areas.navigation()]


def nav_titles() -> list[str]:
    """The navigation labels in the current language."""
    from PySide6.QtCore import QCoreApplication

    return [QCoreApplication.translate("Navigation", e.title) for e in PAGES]
