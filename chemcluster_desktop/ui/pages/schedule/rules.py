"""«Часы» (the subject's hours against the yearly cap, the programme's modules) and «Календарь» (the
production calendar): tabs over the widgets of :mod:`chemcluster_desktop.ui.widgets.schedule_rules`,
which have their own buttons (issue 15)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from chemcluster_desktop.ui.lists import Tab
from chemcluster_desktop.ui.widgets import schedule_rules


class _WidgetTab(Tab):
    """A tab holding one widget of :mod:`~chemcluster_desktop.ui.widgets.schedule_rules` (with its own
    buttons): the page's «Создать» opens the widget's new-record form, «Обновить» refreshes it."""

    permission = "schedule.write"
    actions = frozenset({"new", "export", "print"})
    searchable = False

    def make_widget(self):
        raise NotImplementedError

    def build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widget = self.make_widget()
        lay.addWidget(self.widget)

    def reload(self) -> None:
        self.widget.refresh()


class HoursTab(_WidgetTab):
    name = "load"
    title = "Часы"

    def make_widget(self):
        return schedule_rules.LoadTab(lambda: self.page.term.currentText(), self)

    def on_new(self) -> None:
        self.widget.edit_programme(None)


class CalendarTab(_WidgetTab):
    name = "calendar"
    title = "Календарь"

    def make_widget(self):
        widget = schedule_rules.CalendarTab(self.page.term_id, self)
        widget.lesson_chosen.connect(self.page.go_to_date)
        return widget

    def on_new(self) -> None:
        self.widget.edit_day(None)
