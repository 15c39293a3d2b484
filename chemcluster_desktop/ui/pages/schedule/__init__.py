"""«Расписание»: the week grid (per workshop, class or instructor) with clashes in red and in a list,
generation in the background, and the reference tabs (schools and classes, instructors, modules, school
year, load), the hours against the cap and the production calendar.

One :class:`~chemcluster_desktop.ui.lists.TabbedPage`, one module per tab or group of tabs: ``week`` (a
:class:`~chemcluster_desktop.ui.lists.Tab`), ``records`` (the reference lists, ListTabs), ``rules``
(hours and calendar); ``output`` holds what acts on the whole timetable (generate, substitute, print,
export). The period filter is the page's; the view, entity and week filters show with the week.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPushButton

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.lists import TabbedPage
from chemcluster_desktop.ui.pages.schedule.output import ScheduleOutputMixin
from chemcluster_desktop.ui.pages.schedule.records import RECORD_TABS, RecordsTab
from chemcluster_desktop.ui.pages.schedule.rules import CalendarTab, HoursTab
from chemcluster_desktop.ui.pages.schedule.week import WeekTab

__all__ = ["SchedulePage"]

CTX = "SchedulePage"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class SchedulePage(ScheduleOutputMixin, TabbedPage):
    key = "schedule"
    area = Area.SCHEDULE
    context = CTX
    title_text = "Расписание занятий 8-х классов"
    write_permission = "schedule.write"
    icon_name = "calendar-clock"
    empty_text = "Нет записей. Добавьте (Ctrl+N)."
    tabs_object_name = "scheduleTabs"
    tabs_classes = [WeekTab, *RECORD_TABS, HoursTab, CalendarTab]
    TABS = [cls.name for cls in tabs_classes]

    def build(self) -> None:
        self.last_dialog = None
        self._loading = False
        self._build_filters_and_actions()  # before the tabs: they read the filters
        super().build()
        self.term.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.currentIndexChanged.connect(lambda _i: self.week_tab.fill_entities())
        self.entity.currentIndexChanged.connect(lambda _i: self.week_tab.load_week())
        self.week.dateChanged.connect(lambda _d: self.week_tab.load_week())

    def _build_filters_and_actions(self) -> None:
        """The period, view, entity and week filters; the page's own toolbar actions."""
        self.term = QComboBox()
        self.term.setObjectName("termCombo")
        self.term.setMinimumWidth(220)
        self.view = QComboBox()
        self.view.setObjectName("viewCombo")
        for text, data in ((_t("По мастерской"), "workshop"), (_t("По классу"), "class"),
                           (_t("По преподавателю"), "instructor"), (_t("Все занятия"), "all")):
            self.view.addItem(text, data)
        self.entity = QComboBox()
        self.entity.setObjectName("entityCombo")
        self.entity.setMinimumWidth(260)
        self.entity.setMaximumWidth(600)  # «Мастерская «…» (10 мест)» whole; the filter bar wraps to a second row
        self.entity.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.entity.currentTextChanged.connect(self.entity.setToolTip)
        self.week = QDateEdit()
        self.week.setObjectName("weekDate")
        self.week.setDisplayFormat("dd.MM.yyyy")
        self.week.setCalendarPopup(True)
        day = self.opening_day(dt.date.today())
        self.week.setDate(QDate(day.year, day.month, day.day))
        prev_b, next_b = QPushButton("◀"), QPushButton("▶")
        prev_b.setFixedWidth(32)
        next_b.setFixedWidth(32)
        prev_b.clicked.connect(lambda: self.week.setDate(self.week.date().addDays(-7)))
        next_b.clicked.connect(lambda: self.week.setDate(self.week.date().addDays(7)))
        self._week_widgets = []
        for lab, w in ((_t("Период:"), self.term), (_t("Вид:"), self.view), (None, self.entity),
                       (_t("Неделя:"), prev_b), (None, self.week), (None, next_b)):
            if lab:
                label = QLabel(lab)
                self.filter_bar.addWidget(label)
                if w is not self.term:
                    self._week_widgets.append(label)
            self.filter_bar.addWidget(w)
            if w is not self.term:
                self._week_widgets.append(w)
        self.filter_bar.addStretch(1)
        self._build_actions()

    @staticmethod
    def opening_day(today: dt.date) -> dt.date:
        """The week the grid opens on: this one, but on a Sunday the coming one — no class comes on a
        Sunday, and the week just over is not what the methodist opens the timetable for."""
        return today + dt.timedelta(days=1) if today.weekday() == 6 else today

    def _build_actions(self) -> None:
        # toolbar actions (not buttons): they go to the overflow menu and «Правка» like every other
        def action(icon_name: str, text: str, name: str, slot) -> QAction:
            a = QAction(icon(icon_name), text, self)
            a.setObjectName(name)
            a.triggered.connect(slot)
            return a

        self.act_generate = action("calendar-clock", _t("Сгенерировать…"), "action_generate", self.on_generate)
        self.act_lock = action("lock-outline", _t("Закрепить / открепить"), "action_lock", self.on_toggle_lock)
        self.act_fet = action("file-export-outline", _t("Экспорт в FET…"), "action_export_fet", self.on_export_fet)
        self.act_substitute = action("swap-horizontal", _t("Замена…"), "action_substitute", self.on_substitute)
        self.act_substitute.setToolTip(_t("Замена отсутствующего преподавателя"))
        self.toolbar.addSeparator()
        for a in (self.act_lock, self.act_fet, self.act_substitute, self.act_generate):
            self.toolbar.addAction(a)
        for a in (self.act_lock, self.act_generate, self.act_substitute):  # hidden from roles without schedule.write
            a.setProperty("needs_write", True)
        self.gen_button = self.toolbar.widgetForAction(self.act_generate)
        self.gen_button.setObjectName("generateButton")
        self.lock_button = self.toolbar.widgetForAction(self.act_lock)
        self.lock_button.setObjectName("lockButton")
        self.fet_button = self.toolbar.widgetForAction(self.act_fet)
        self.sub_button = self.toolbar.widgetForAction(self.act_substitute)
        self.sub_button.setObjectName("substituteButton")

    # --- the tabs --------------------------------------------------------------------------------
    @property
    def week_tab(self) -> WeekTab:
        return self.tab("week")

    @property
    def grid(self):
        return self.week_tab.grid

    @property
    def conflicts(self):
        return self.week_tab.conflicts

    @property
    def message(self):
        return self.week_tab.message

    @property
    def load_tab(self):
        return self.tab("load").widget

    @property
    def calendar_tab(self):
        return self.tab("calendar").widget

    @property
    def ref_tables(self) -> dict:
        """The reference lists' tables by tab name."""
        return {t.name: t.table for t in self.tab_list if isinstance(t, RecordsTab)}

    def term_id(self) -> int | None:
        return self.term.currentData()

    def show_message(self, text: str) -> None:
        self.week_tab.show_message(text)

    def open_form(self, dlg) -> None:
        """Open a record's or a lesson's form (kept as ``last_dialog`` for the tests and the layout check)."""
        self.last_dialog = dlg
        dlg.open()

    def go_to_date(self, day) -> None:
        self.show_tab("week")
        self.week.setDate(QDate(day.year, day.month, day.day))

    # --- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            self._fill_terms()
            on_week = self.current_tab() is self.week_tab
            for w in self._week_widgets:
                w.setVisible(on_week)
            super().reload()
        finally:
            self._loading = False

    def _fill_terms(self) -> None:
        keep = self.term.currentData()
        terms = svc.list_terms()
        self.term.blockSignals(True)
        self.term.clear()
        for t in terms:
            self.term.addItem(t["name"], t["id"])
        if keep is not None and self.term.findData(keep) >= 0:
            self.term.setCurrentIndex(self.term.findData(keep))
        elif terms:
            try:
                cur = svc.resolve_term("current")
                self.term.setCurrentIndex(self.term.findData(cur["id"]))
            except ServiceError:
                pass
        self.term.blockSignals(False)

    # --- actions ---------------------------------------------------------------------------------
    def new_lesson(self, day: dt.date | None = None, slot_id: int | None = None) -> None:
        self.week_tab.new_lesson(day, slot_id)

    def edit_lesson(self, lesson_id: int) -> None:
        self.week_tab.edit_lesson(lesson_id)

    def on_toggle_lock(self) -> None:
        self.week_tab.toggle_lock()

    def record_dialog(self, tab: str, rec: dict | None) -> None:
        """The form of a reference record on tab ``tab`` (None, or only its ``kind``: a new one)."""
        self.tab(tab).dialog(rec)

    _record_dialog = record_dialog  # the name the layout test (tests/ui/test_layout_dialogs.py) opens forms by

    def selected_record(self) -> dict | None:
        t = self.current_tab()
        return t.selected_record() if isinstance(t, RecordsTab) else None


def _labels_for_lupdate() -> list[str]:
    """The tabs' titles and the lists' column headers (class attributes of the tab modules) as literal
    translate() calls for pyside6-lupdate."""
    tr = QCoreApplication.translate
    return [
        tr("SchedulePage", "Неделя"), tr("SchedulePage", "Школы и классы"), tr("SchedulePage", "Преподаватели"),
        tr("SchedulePage", "Модули и мастерские"), tr("SchedulePage", "Учебный год"), tr("SchedulePage", "Нагрузка"),
        tr("SchedulePage", "Часы"), tr("SchedulePage", "Календарь"), tr("SchedulePage", "Нет записей. Добавьте (Ctrl+N)."),
        tr("SchedulePage", "Школа"), tr("SchedulePage", "Класс"), tr("SchedulePage", "Учеников"),
        tr("SchedulePage", "Дни"), tr("SchedulePage", "Уроки"), tr("SchedulePage", "Адрес, контакт"),
        tr("SchedulePage", "ФИО"), tr("SchedulePage", "Недоступен"), tr("SchedulePage", "Модули"),
        tr("SchedulePage", "Контакт"), tr("SchedulePage", "Модуль"), tr("SchedulePage", "Часов"),
        tr("SchedulePage", "Макс. группа"), tr("SchedulePage", "Мастерские"), tr("SchedulePage", "Вид"),
        tr("SchedulePage", "Название"), tr("SchedulePage", "С"), tr("SchedulePage", "По"),
        tr("SchedulePage", "Размещено"),
    ]
