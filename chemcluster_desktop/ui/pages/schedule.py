"""«Расписание»: the week grid (per workshop, class or instructor) with clashes in red and in a
list, generation in the background, and the reference tabs (schools and classes, instructors,
modules, school year, requirements)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs.schedule_forms import LessonDialog
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.pages.base import BasePage
from chemcluster_desktop.ui.pages.schedule_output import ScheduleOutputMixin
from chemcluster_desktop.ui.pages.schedule_records import ScheduleRecordsMixin
from chemcluster_desktop.ui.widgets.week_grid import WeekGrid

CTX = "SchedulePage"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _short(name: str, n: int = 28) -> str:
    name = name.replace("Профпроба ", "").replace("Мастерская ", "").strip("«»\"")
    return name if len(name) <= n else name[:n - 1] + "…"


def _school_short(name: str) -> str:
    for key in ("№", "No"):
        if key in name:
            kind = _t("Гимн.") if "Гимназ" in name else _t("Лицей") if "Лице" in name else _t("Шк.")
            num = name.split(key)[1].strip(' »"')
            return f"{kind} {num}"
    return _short(name, 16)


class SchedulePage(ScheduleRecordsMixin, ScheduleOutputMixin, BasePage):
    key = "schedule"
    area = Area.SCHEDULE
    context = CTX
    title_text = "Расписание занятий 8-х классов"
    write_permission = "schedule.write"
    icon_name = "calendar-clock"

    TABS = ["week", "classes", "instructors", "modules", "year", "requirements", "load", "calendar"]

    def setup_ui(self) -> None:
        self.table.hide()
        self.search.setPlaceholderText(QCoreApplication.translate("SchedulePage", "Поиск в справочнике (Ctrl+F)…"))
        self.last_dialog = None
        self._shown_versions: dict[int, int] = {}
        self._build_filters_and_actions()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("scheduleTabs")
        week = self._build_week_tab()
        self.tabs.addTab(week, QCoreApplication.translate("SchedulePage", "Неделя"))
        self._build_ref_tabs()
        # issue 15: the subject's hours against the cap, and the production calendar
        from chemcluster_desktop.ui.widgets.schedule_rules import CalendarTab, LoadTab

        self.load_tab = LoadTab(lambda: self.term.currentText(), self)
        self.calendar_tab = CalendarTab(self.term_id, self)
        self.calendar_tab.lesson_chosen.connect(self._goto_date)
        self.tabs.addTab(self.load_tab, QCoreApplication.translate("SchedulePage", "Часы"))
        self.tabs.addTab(self.calendar_tab, QCoreApplication.translate("SchedulePage", "Календарь"))
        self.splitter.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.term.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.currentIndexChanged.connect(lambda _i: self._fill_entities())
        self.entity.currentIndexChanged.connect(lambda _i: self._load_week())
        self.week.dateChanged.connect(lambda _d: self._load_week())
        self._rows: dict[str, list[dict]] = {}
        self._loading = False
        self._apply_rights()  # a viewer never sees the planner's buttons, not only after a role change

    def _build_filters_and_actions(self) -> None:
        """The period, view, entity and week filters; the page's own toolbar actions."""
        self.term = QComboBox()
        self.term.setObjectName("termCombo")
        self.term.setMinimumWidth(220)
        self.view = QComboBox()
        self.view.setObjectName("viewCombo")
        self.view.addItem(QCoreApplication.translate("SchedulePage", "По мастерской"), "workshop")
        self.view.addItem(QCoreApplication.translate("SchedulePage", "По классу"), "class")
        self.view.addItem(QCoreApplication.translate("SchedulePage", "По преподавателю"), "instructor")
        self.view.addItem(QCoreApplication.translate("SchedulePage", "Все занятия"), "all")
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
        today = dt.date.today()
        self.week.setDate(QDate(today.year, today.month, today.day))
        prev_b, next_b = QPushButton("◀"), QPushButton("▶")
        prev_b.setFixedWidth(32)
        next_b.setFixedWidth(32)
        prev_b.clicked.connect(lambda: self.week.setDate(self.week.date().addDays(-7)))
        next_b.clicked.connect(lambda: self.week.setDate(self.week.date().addDays(7)))
        # toolbar actions (not buttons): they go to the overflow menu and «Правка» like every other
        self.act_generate = QAction(icon("calendar-clock"), QCoreApplication.translate("SchedulePage", "Сгенерировать…"), self)
        self.act_generate.setObjectName("action_generate")
        self.act_generate.triggered.connect(self.on_generate)
        self.act_lock = QAction(icon("lock-outline"), QCoreApplication.translate("SchedulePage", "Закрепить / открепить"), self)
        self.act_lock.setObjectName("action_lock")
        self.act_lock.triggered.connect(self.on_toggle_lock)
        self.act_fet = QAction(icon("file-export-outline"), QCoreApplication.translate("SchedulePage", "Экспорт в FET…"), self)
        self.act_fet.setObjectName("action_export_fet")
        self.act_fet.triggered.connect(self.on_export_fet)
        self.act_substitute = QAction(icon("swap-horizontal"), QCoreApplication.translate("SchedulePage", "Замена…"), self)
        self.act_substitute.setObjectName("action_substitute")
        self.act_substitute.setToolTip(QCoreApplication.translate("SchedulePage", "Замена отсутствующего преподавателя"))
        self.act_substitute.triggered.connect(self.on_substitute)
        self._week_widgets = []
        for lab, w in ((QCoreApplication.translate("SchedulePage", "Период:"), self.term), (QCoreApplication.translate("SchedulePage", "Вид:"), self.view), (None, self.entity),
                       (QCoreApplication.translate("SchedulePage", "Неделя:"), prev_b), (None, self.week), (None, next_b)):
            if lab:
                label = QLabel(lab)
                self.filter_bar.addWidget(label)
                if w is not self.term:
                    self._week_widgets.append(label)
            self.filter_bar.addWidget(w)
            if w is not self.term:
                self._week_widgets.append(w)
        self.filter_bar.addStretch(1)
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


    def _build_week_tab(self) -> QWidget:
        """The week grid with the term's clashes beside it and the message line under it."""
        week = QWidget()
        wl = QVBoxLayout(week)
        wl.setContentsMargins(0, 4, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.grid = WeekGrid()
        self.grid.clash_fn = self._move_clashes
        self.grid.move_requested.connect(self._move)
        self.grid.create_requested.connect(self.new_lesson)
        self.grid.lesson_activated.connect(self.edit_lesson)
        self.grid.hover_message.connect(self._show_message)
        self.grid.itemSelectionChanged.connect(self._selection_changed)
        split.addWidget(self.grid)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        self.conflict_title = QLabel()
        self.conflict_title.setObjectName("conflictTitle")
        sl.addWidget(self.conflict_title)
        self.conflicts = QListWidget()
        self.conflicts.setObjectName("conflictList")
        self.conflicts.setWordWrap(True)
        self.conflicts.itemDoubleClicked.connect(self._goto_conflict)
        sl.addWidget(self.conflicts)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        wl.addWidget(split, 1)
        self.message = QLabel()
        self.message.setObjectName("gridMessage")
        self.message.setWordWrap(True)
        wl.addWidget(self.message)
        return week

    def on_role_changed(self) -> None:
        super().on_role_changed()
        self._apply_rights()

    def _apply_rights(self) -> None:
        """What the current role may not do is not offered: the «add …» buttons and editing in the grid
        (generate/lock on the toolbar follow BasePage's ``needs_write``)."""
        w = self.can_write()
        for b in getattr(self, "_write_buttons", []):
            b.setVisible(w)
        if hasattr(self, "grid"):
            self.grid.can_edit = w


    # --- data ------------------------------------------------------------------------------------
    def current_tab(self) -> str:
        return self.TABS[self.tabs.currentIndex()]

    def term_id(self) -> int | None:
        return self.term.currentData()

    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        try:
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
            tab = self.current_tab()
            for w in self._week_widgets:
                w.setVisible(tab == "week")
            if tab == "week":
                self._fill_entities()
            elif tab == "load":
                self.load_tab.refresh()
            elif tab == "calendar":
                self.calendar_tab.refresh()
            else:
                self._fill_table(tab)
        finally:
            self._loading = False
        self._selection_changed()

    def _fill_entities(self) -> None:
        view = self.view.currentData()
        keep = self.entity.currentData()
        self.entity.blockSignals(True)
        self.entity.clear()
        if view == "workshop":
            for w in svc.list_workshops():
                self.entity.addItem(QCoreApplication.translate("SchedulePage", "{0} ({1} мест)").format(w["name"], w["workplaces"]), w["id"])
        elif view == "class":
            for c in svc.list_classes():
                self.entity.addItem(c["title"], c["id"])
        elif view == "instructor":
            for i in svc.list_instructors():
                self.entity.addItem(i["full_name"], i["id"])
        self.entity.setVisible(view != "all" and self.current_tab() == "week")
        if keep is not None and self.entity.findData(keep) >= 0:
            self.entity.setCurrentIndex(self.entity.findData(keep))
        self.entity.blockSignals(False)
        self._load_week()

    def _load_week(self) -> None:
        day = self.week.date().toPython()
        monday = day - dt.timedelta(days=day.weekday())
        view, ent = self.view.currentData(), self.entity.currentData()
        flt = {}
        if view != "all" and ent is not None:
            flt = {f"{view}_id": ent}
        lessons = svc.lessons_between(monday, monday + dt.timedelta(days=6), **flt)
        # the version each lesson was shown at: a drag, a lock or a delete is refused if it changed meanwhile
        self._shown_versions = {le["id"]: le["version"] for le in lessons}
        for le in lessons:
            le["school_short"] = _school_short(le["school"])
            le["module_short"] = _short(le["module"])
            le["workshop_short"] = _short(le["workshop"], 22)
        conflicts = svc.check_conflicts(self.term_id()) if self.term_id() is not None else []
        self._conflicts = conflicts
        ids = {i for c in conflicts for i in c["lesson_ids"]}
        self.grid.can_edit = self.can_write()
        self.grid.mode = view
        self.grid.set_week(monday, svc.list_slots(), lessons, ids)
        self.conflicts.clear()
        for c in conflicts:
            it = QListWidgetItem(c["message"])
            it.setData(Qt.ItemDataRole.UserRole, c)
            it.setForeground(Qt.GlobalColor.darkRed)
            self.conflicts.addItem(it)
        self.conflict_title.setText(QCoreApplication.translate("SchedulePage", "Конфликты периода: {0}").format(len(conflicts)) if conflicts
                                    else QCoreApplication.translate("SchedulePage", "Конфликтов нет"))
        s = svc.summary(self.term_id())
        self.count_label.setText(QCoreApplication.translate("SchedulePage", "Занятий в периоде: {0}, закреплено: {1}; на этой неделе: {2}").format(
            s["lessons"], s["locked"], len(lessons)))
        if not svc.list_slots():
            self._show_message(QCoreApplication.translate("SchedulePage", "Нет времени звонков: добавьте уроки на вкладке «Учебный год»."))

    def _goto_conflict(self, item) -> None:
        c = item.data(Qt.ItemDataRole.UserRole)
        if c.get("date"):
            d = dt.date.fromisoformat(c["date"])
            self.view.setCurrentIndex(self.view.findData("all"))
            self.week.setDate(QDate(d.year, d.month, d.day))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)

    # --- selection for the base toolbar ----------------------------------------------------------
    def selected_rows(self) -> list[int]:
        tab = self.current_tab() if hasattr(self, "tabs") else "week"
        if tab == "week":
            it = self.grid.currentItem() if hasattr(self, "grid") else None
            return [0] if it is not None and it.data(Qt.ItemDataRole.UserRole) is not None else []
        if tab not in self.ref_tables:  # the hours and calendar tabs have their own buttons
            return []
        return sorted({i.row() for i in self.ref_tables[tab].selectionModel().selectedRows()})

    def _selected_record(self) -> dict | None:
        rows = self.selected_rows()
        tab = self.current_tab()
        if not rows or tab not in self.ref_tables:
            return None
        return self._rows.get(tab, [])[rows[0]]

    def _shown_version(self, lesson_id: int, default: int | None = None) -> int | None:
        return self._shown_versions.get(lesson_id, default)

    def _selected_lesson_id(self) -> int | None:
        it = self.grid.currentItem()
        return it.data(Qt.ItemDataRole.UserRole) if it is not None else None

    # --- lessons ---------------------------------------------------------------------------------
    def _refs(self) -> dict:
        return {"classes": svc.list_classes(), "modules": svc.list_modules(), "instructors": svc.list_instructors(),
                "workshops": svc.list_workshops(), "slots": svc.list_slots()}

    def _move_clashes(self, lesson_id: int, day: dt.date, slot_id: int) -> list[str]:
        try:
            return [c["message"] for c in svc.move_clashes(lesson_id, day, slot_id)]
        except ServiceError as e:
            return [str(e)]

    def _move(self, lesson_id: int, day: dt.date, slot_id: int) -> None:
        try:
            svc.move_lesson(lesson_id, day, slot_id, version=self._shown_version(lesson_id))
        except ServiceError as e:
            self._show_message(str(e))
            return
        self._show_message(QCoreApplication.translate("SchedulePage", "Занятие перенесено на {0}.").format(day.strftime("%d.%m.%Y")))

    def _open(self, dlg) -> None:
        self.last_dialog = dlg
        dlg.open()

    def new_lesson(self, day: dt.date | None = None, slot_id: int | None = None) -> None:
        values = {"date": day or self.week.date().toPython(), "slot_id": slot_id}
        view, ent = self.view.currentData(), self.entity.currentData()
        if view in ("workshop", "class", "instructor") and ent is not None:
            values[f"{view}_id"] = ent

        def clash(v):
            return [c["message"] for c in svc.lesson_clashes(v)]

        self._open(LessonDialog(self._refs(), values, svc.create_lesson, clash, self))

    def edit_lesson(self, lesson_id: int) -> None:
        le = svc.get_lesson(lesson_id)

        def clash(v):
            return [c["message"] for c in svc.lesson_clashes(v, exclude_id=lesson_id)]

        def save(v):
            return svc.update_lesson(lesson_id, v, version=le["version"])

        self._open(LessonDialog(self._refs(), le, save, clash, self))

    def on_toggle_lock(self) -> None:
        lid = self._selected_lesson_id()
        if lid is None:
            self._show_message(QCoreApplication.translate("SchedulePage", "Выберите занятие в сетке, чтобы закрепить или открепить его."))
            return
        le = svc.get_lesson(lid)
        try:
            svc.set_locked([lid], not le["locked"], versions={lid: self._shown_version(lid, le["version"])})
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self._show_message(QCoreApplication.translate("SchedulePage", "Занятие закреплено.") if not le["locked"] else QCoreApplication.translate("SchedulePage", "Занятие откреплено."))
        self._load_week()

    # --- toolbar ---------------------------------------------------------------------------------
    def on_new(self) -> None:
        tab = self.current_tab()
        if tab == "week":
            self.new_lesson()
        elif tab == "load":
            self.load_tab.edit_programme(None)
        elif tab == "calendar":
            self.calendar_tab.edit_day(None)
        else:
            self._record_dialog(tab, None)

    def on_edit(self) -> None:
        tab = self.current_tab()
        if tab == "week":
            lid = self._selected_lesson_id()
            if lid is not None:
                self.edit_lesson(lid)
        else:
            rec = self._selected_record()
            if rec is not None and tab == "classes" and self.ref_tables[tab].currentColumn() == 0:
                school = next(x for x in svc.list_schools() if x["id"] == rec["school_id"])
                self._record_dialog(tab, {**school, "kind": "school"})  # the «Школа» column edits the school
            elif rec is not None:
                self._record_dialog(tab, rec)

    def on_delete(self) -> None:
        tab = self.current_tab()
        try:
            if tab == "week":
                lid = self._selected_lesson_id()
                if lid is not None and self.confirm_delete(QCoreApplication.translate("SchedulePage", "занятие")):
                    svc.delete_lessons([lid], versions={lid: self._shown_version(lid)})
            else:
                rec = self._selected_record()
                if rec is None:
                    return
                name = rec.get("name") or rec.get("full_name") or rec.get("module") or str(rec.get("number"))
                if not self.confirm_delete(f"«{name}»"):
                    return
                if tab == "classes":
                    svc.delete_class(rec["id"], version=rec["version"])
                elif tab == "instructors":
                    svc.delete_instructor(rec["id"], version=rec["version"])
                elif tab == "modules":
                    svc.delete_module(rec["id"], version=rec["version"])
                elif tab == "requirements":
                    svc.delete_requirement(rec["id"])
                elif rec["kind"] == "term":
                    svc.delete_term(rec["id"], version=rec["version"])
                elif rec["kind"] == "holiday":
                    svc.delete_holiday(rec["id"])
                else:
                    svc.delete_slot(rec["id"])
        except ServiceError as e:
            ops.show_error(self, e)
