"""«Часы» (the subject's hours against the yearly cap, the programme's modules) and «Календарь» (the
production calendar): tabs over the widgets of :mod:`chemcluster_desktop.ui.widgets.schedule_rules`,
which have their own buttons (issue 15)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from chemcluster_desktop.ui.lists import Tab
from chemcluster_desktop.ui.widgets import schedule_rules


class HoursTab(Tab):
    name = "load"
    title = "Часы"
    permission = "schedule.write"
    actions = frozenset({"new", "export", "print"})
    searchable = False

    def build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widget = schedule_rules.LoadTab(lambda: self.page.term.currentText(), self)
        lay.addWidget(self.widget)

    def reload(self) -> None:
        self.widget.refresh()

    def on_new(self) -> None:
        self.widget.edit_programme(None)


class CalendarTab(Tab):
    name = "calendar"
    title = "Календарь"
    permission = "schedule.write"
    actions = frozenset({"new", "export", "print"})
    searchable = False

    def build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widget = schedule_rules.CalendarTab(self.page.term_id, self)
        self.widget.lesson_chosen.connect(self.page.go_to_date)
        lay.addWidget(self.widget)

    def reload(self) -> None:
        self.widget.refresh()

    def on_new(self) -> None:
        self.widget.edit_day(None)
