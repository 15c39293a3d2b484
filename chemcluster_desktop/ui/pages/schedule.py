"""«Расписание»: the week grid (per workshop, class or instructor) with clashes in red and in a
list, generation in the background, and the reference tabs (schools and classes, instructors,
modules, school year, requirements)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import filenames, ops
from chemcluster_desktop.ui.dialogs.schedule_forms import LessonDialog, RecordDialog
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.pages.base import BasePage
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


def _saver(rec: dict, create, update, *, versioned: bool = True):
    """A record dialog's save: ``create(data)`` for a new record, ``update(id, data, version=…)`` (the
    version the form was opened with) for one being edited; holidays, bells and load lines have no version."""
    if rec.get("id") is None:
        return create
    if versioned:
        return lambda v: update(rec["id"], v, version=rec.get("version"))
    return lambda v: update(rec["id"], v)


class SchedulePage(BasePage):
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
        # filters
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
        self.entity.setMaximumWidth(420)
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

        self.tabs = QTabWidget()
        self.tabs.setObjectName("scheduleTabs")
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
        self.tabs.addTab(week, QCoreApplication.translate("SchedulePage", "Неделя"))
        self.ref_tables: dict[str, QTableWidget] = {}
        for key, title in (("classes", QCoreApplication.translate("SchedulePage", "Школы и классы")), ("instructors", QCoreApplication.translate("SchedulePage", "Преподаватели")),
                           ("modules", QCoreApplication.translate("SchedulePage", "Модули и мастерские")), ("year", QCoreApplication.translate("SchedulePage", "Учебный год")),
                           ("requirements", QCoreApplication.translate("SchedulePage", "Нагрузка"))):
            t = QTableWidget()
            t.setObjectName(f"table_{key}")
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            t.setAlternatingRowColors(True)
            t.verticalHeader().setVisible(False)
            t.horizontalHeader().setStretchLastSection(True)
            t.doubleClicked.connect(lambda _i: self.on_edit())
            t.itemSelectionChanged.connect(self._selection_changed)
            self.ref_tables[key] = t
            holder = QWidget()
            hl = QVBoxLayout(holder)
            hl.setContentsMargins(0, 4, 0, 0)
            extra = self._tab_buttons(key)
            if extra:
                row = QHBoxLayout()
                for b in extra:
                    row.addWidget(b)
                row.addStretch(1)
                hl.addLayout(row)
            hl.addWidget(t, 1)
            self.tabs.addTab(holder, title)
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

    def _tab_buttons(self, key: str) -> list[QPushButton]:
        def button(text, name, fn):
            b = QPushButton(icon("plus-circle-outline"), text)
            b.setObjectName(name)
            b.clicked.connect(fn)
            self._write_buttons.append(b)
            return b

        if not hasattr(self, "_write_buttons"):
            self._write_buttons: list[QPushButton] = []
        if key == "classes":
            return [button(QCoreApplication.translate("SchedulePage", "Школа…"), "newSchool", lambda: self._record_dialog("classes", {"kind": "school"})),
                    button(QCoreApplication.translate("SchedulePage", "Класс…"), "newClass", lambda: self._record_dialog("classes", None))]
        if key == "year":
            return [button(QCoreApplication.translate("SchedulePage", "Учебный период…"), "newTerm", lambda: self._record_dialog("year", {"kind": "term"})),
                    button(QCoreApplication.translate("SchedulePage", "Каникулы…"), "newHoliday", lambda: self._record_dialog("year", {"kind": "holiday"})),
                    button(QCoreApplication.translate("SchedulePage", "Урок (звонок)…"), "newSlot", lambda: self._record_dialog("year", {"kind": "slot"}))]
        if key == "requirements":
            return [button(QCoreApplication.translate("SchedulePage", "Строка нагрузки…"), "newRequirement", lambda: self._record_dialog("requirements", None)),
                    button(QCoreApplication.translate("SchedulePage", "Каждый класс — каждый модуль"), "allRequirements", self.on_all_requirements)]
        return []

    def on_all_requirements(self) -> None:
        if self.term_id() is None:
            self._show_message(QCoreApplication.translate("SchedulePage", "Сначала добавьте учебный период."))
            return
        try:
            n = svc.add_all_requirements(self.term_id())
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self.count_label.setText(QCoreApplication.translate("SchedulePage", "Добавлено строк нагрузки: {0}").format(n))

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

    def _fill_table(self, tab: str) -> None:
        q = self.search.text()
        t = self.ref_tables[tab]
        days = svc.weekday_names()
        if tab == "classes":
            rows = svc.list_classes(search=q)
            schools = {s["id"]: s for s in svc.list_schools()}
            cols = [QCoreApplication.translate("SchedulePage", "Школа"), QCoreApplication.translate("SchedulePage", "Класс"), QCoreApplication.translate("SchedulePage", "Учеников"), QCoreApplication.translate("SchedulePage", "Дни"), QCoreApplication.translate("SchedulePage", "Уроки"), QCoreApplication.translate("SchedulePage", "Адрес, контакт")]
            data = [[r["school"], r["name"], r["pupils"], ", ".join(days[d] for d in r["weekdays"]),
                     ", ".join(map(str, r["slots"])) or QCoreApplication.translate("SchedulePage", "любые"),
                     f"{schools[r['school_id']]['address']}; {schools[r['school_id']]['contact']}"] for r in rows]
        elif tab == "instructors":
            rows = svc.list_instructors(q)
            cols = [QCoreApplication.translate("SchedulePage", "ФИО"), QCoreApplication.translate("SchedulePage", "Дни"), QCoreApplication.translate("SchedulePage", "Уроки"), QCoreApplication.translate("SchedulePage", "Недоступен"), QCoreApplication.translate("SchedulePage", "Модули"), QCoreApplication.translate("SchedulePage", "Контакт")]
            data = [[r["full_name"], ", ".join(days[d] for d in r["weekdays"]), ", ".join(map(str, r["slots"]))
                     or QCoreApplication.translate("SchedulePage", "любые"), ", ".join(dt.date.fromisoformat(x).strftime("%d.%m.%Y")
                                              for x in r["unavailable_dates"]),
                     "; ".join(r["modules"]), r["contact"]] for r in rows]
        elif tab == "modules":
            rows = svc.list_modules(q)
            cols = [QCoreApplication.translate("SchedulePage", "Модуль"), QCoreApplication.translate("SchedulePage", "Часов"), QCoreApplication.translate("SchedulePage", "Макс. группа"), QCoreApplication.translate("SchedulePage", "Мастерские")]
            data = [[r["name"], r["hours"], r["max_group"] or "—", "; ".join(r["workshops"]) or QCoreApplication.translate("SchedulePage", "не назначены")]
                    for r in rows]
        elif tab == "year":
            terms, hols, slots = svc.list_terms(), svc.list_holidays(), svc.list_slots()
            rows = ([{"kind": "term", **x} for x in terms] + [{"kind": "holiday", **x} for x in hols]
                    + [{"kind": "slot", **x} for x in slots])
            cols = [QCoreApplication.translate("SchedulePage", "Вид"), QCoreApplication.translate("SchedulePage", "Название"), QCoreApplication.translate("SchedulePage", "С"), QCoreApplication.translate("SchedulePage", "По")]
            data = []
            for r in rows:
                if r["kind"] == "slot":
                    data.append([QCoreApplication.translate("SchedulePage", "Урок"), str(r["number"]), r["starts_at"].strftime("%H:%M"),
                                 r["ends_at"].strftime("%H:%M")])
                else:
                    data.append([QCoreApplication.translate("SchedulePage", "Учебный период") if r["kind"] == "term" else QCoreApplication.translate("SchedulePage", "Каникулы"), r["name"],
                                 r["starts_on"].strftime("%d.%m.%Y"), r["ends_on"].strftime("%d.%m.%Y")])
        else:
            rows = svc.list_requirements(self.term_id(), q) if self.term_id() else []
            cols = [QCoreApplication.translate("SchedulePage", "Школа"), QCoreApplication.translate("SchedulePage", "Класс"), QCoreApplication.translate("SchedulePage", "Модуль"), QCoreApplication.translate("SchedulePage", "Часов"), QCoreApplication.translate("SchedulePage", "Размещено")]
            data = [[r["school"], r["name"] if "name" in r else r["class"] + (f" ({r['subgroup']})" if r["subgroup"]
                                                                              else ""),
                     r["module"], r["hours"], r["placed"]] for r in rows]
        self._rows[tab] = rows
        t.clear()
        t.setColumnCount(len(cols))
        t.setHorizontalHeaderLabels(cols)
        t.setRowCount(len(data))
        for i, row in enumerate(data):
            for j, v in enumerate(row):
                it = QTableWidgetItem(str(v))
                if isinstance(v, int):
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(i, j, it)
        t.resizeColumnsToContents()
        self.count_label.setText(QCoreApplication.translate("SchedulePage", "Записей: {0}").format(len(data)))

    def _apply_search(self) -> None:
        if self.current_tab() in self.ref_tables:
            self._fill_table(self.current_tab())

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
            svc.move_lesson(lesson_id, day, slot_id)
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
            svc.set_locked([lid], not le["locked"])
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
                    svc.delete_lessons([lid])
            else:
                rec = self._selected_record()
                if rec is None:
                    return
                name = rec.get("name") or rec.get("full_name") or rec.get("module") or str(rec.get("number"))
                if not self.confirm_delete(f"«{name}»"):
                    return
                if tab == "classes":
                    svc.delete_class(rec["id"])
                elif tab == "instructors":
                    svc.delete_instructor(rec["id"])
                elif tab == "modules":
                    svc.delete_module(rec["id"])
                elif tab == "requirements":
                    svc.delete_requirement(rec["id"])
                elif rec["kind"] == "term":
                    svc.delete_term(rec["id"])
                elif rec["kind"] == "holiday":
                    svc.delete_holiday(rec["id"])
                else:
                    svc.delete_slot(rec["id"])
        except ServiceError as e:
            ops.show_error(self, e)

    def _record_dialog(self, tab: str, rec: dict | None) -> None:
        rec = rec or {}
        if tab == "classes":
            schools = [(s["id"], s["name"]) for s in svc.list_schools()]
            if not schools or rec.get("kind") == "school":
                rec = {k: v for k, v in rec.items() if k != "kind"}
                fields = [("name", QCoreApplication.translate("SchedulePage", "Название *"), "text", None), ("address", QCoreApplication.translate("SchedulePage", "Адрес"), "text", None),
                          ("contact", QCoreApplication.translate("SchedulePage", "Контакт"), "text", None),
                          ("director", QCoreApplication.translate("SchedulePage", "Директор (блок «СОГЛАСОВАНО»)"), "text", None),
                          ("agreement", QCoreApplication.translate("SchedulePage", "№ договора о сетевой форме"), "text", None),
                          ("max_parallel", QCoreApplication.translate("SchedulePage", "Подгрупп одновременно, не более"), "int", (1, 6))]
                rec.setdefault("max_parallel", 2)
                self._open(RecordDialog(QCoreApplication.translate("SchedulePage", "Школа"), fields, rec,
                                        _saver(rec, svc.create_school, svc.update_school), self))
                return
            fields = [("school_id", QCoreApplication.translate("SchedulePage", "Школа *"), "combo", schools), ("name", QCoreApplication.translate("SchedulePage", "Класс *"), "text", None),
                      ("pupils", QCoreApplication.translate("SchedulePage", "Учеников *"), "int", (0, 60)), ("weekdays", QCoreApplication.translate("SchedulePage", "Дни"), "days", None),
                      ("slots", QCoreApplication.translate("SchedulePage", "Уроки"), "checks", [(s["number"], s["label"]) for s in svc.list_slots()]),
                      ("hours_cap", QCoreApplication.translate("SchedulePage", "Предел уроков в год (0 = как в периоде)"), "int", (0, 200)),
                      ("max_parallel", QCoreApplication.translate("SchedulePage", "Подгрупп одновременно (0 = как у школы)"), "int", (0, 6))]
            save = _saver(rec, svc.create_class, svc.update_class)
            self._open(RecordDialog(QCoreApplication.translate("SchedulePage", "Класс"), fields, rec,
                                    lambda v: save({**v, "hours_cap": v["hours_cap"] or None,
                                                    "max_parallel": v["max_parallel"] or None}), self))
        elif tab == "instructors":
            fields = [("full_name", QCoreApplication.translate("SchedulePage", "ФИО *"), "text", None), ("contact", QCoreApplication.translate("SchedulePage", "Контакт"), "text", None),
                      ("weekdays", QCoreApplication.translate("SchedulePage", "Дни"), "days", None),
                      ("slots", QCoreApplication.translate("SchedulePage", "Уроки"), "checks", [(s["number"], s["label"]) for s in svc.list_slots()]),
                      ("module_ids", QCoreApplication.translate("SchedulePage", "Ведёт модули"), "checks", [(m["id"], m["name"]) for m in svc.list_modules()])]
            self._open(RecordDialog(QCoreApplication.translate("SchedulePage", "Преподаватель"), fields, rec,
                                    _saver(rec, svc.create_instructor, svc.update_instructor), self))
        elif tab == "modules":
            fields = [("name", QCoreApplication.translate("SchedulePage", "Название *"), "text", None), ("hours", QCoreApplication.translate("SchedulePage", "Часов *"), "int", (1, 200)),
                      ("max_group", QCoreApplication.translate("SchedulePage", "Макс. группа"), "int", (0, 60)),
                      ("workshop_ids", QCoreApplication.translate("SchedulePage", "Мастерские"), "checks",
                       [(w["id"], QCoreApplication.translate("SchedulePage", "{0} ({1} мест)").format(w["name"], w["workplaces"])) for w in svc.list_workshops()]),
                      ("kind", QCoreApplication.translate("SchedulePage", "Часы"), "combo",
                       [("lesson", QCoreApplication.translate("SchedulePage", "уроки «Труд (технология)» (в пределе)")),
                        ("guidance", QCoreApplication.translate("SchedulePage", "профориентационные (отдельно)"))]),
                      ("programme_module_id", QCoreApplication.translate("SchedulePage", "Модуль ФРП"), "combo",
                       [(None, "—")] + [(p["id"], p["name"]) for p in svc.list_programme_modules()])]
            save = _saver(rec, svc.create_module, svc.update_module)
            self._open(RecordDialog(QCoreApplication.translate("SchedulePage", "Модуль"), fields, rec,
                                    lambda v: save({**v, "max_group": v["max_group"] or None}), self))
        elif tab == "year":
            kind = rec.get("kind", "term")
            if "id" not in rec:
                rec = {}
            if kind == "slot":
                fields = [("number", QCoreApplication.translate("SchedulePage", "Номер урока *"), "int", (1, 12)), ("starts_at", QCoreApplication.translate("SchedulePage", "Начало *"), "time", None),
                          ("ends_at", QCoreApplication.translate("SchedulePage", "Окончание *"), "time", None)]
                self._open(RecordDialog(QCoreApplication.translate("SchedulePage", "Урок"), fields, rec, _saver(rec, svc.create_slot, svc.update_slot, versioned=False), self))
                return
            fields = [("name", QCoreApplication.translate("SchedulePage", "Название *"), "text", None), ("starts_on", QCoreApplication.translate("SchedulePage", "С *"), "date", None),
                      ("ends_on", QCoreApplication.translate("SchedulePage", "По *"), "date", None)]
            if kind == "holiday":
                fields.append(("term_id", QCoreApplication.translate("SchedulePage", "Период"), "combo",
                               [(None, QCoreApplication.translate("SchedulePage", "все периоды"))]
                               + [(t["id"], t["name"]) for t in svc.list_terms()]))
                self._open(RecordDialog(QCoreApplication.translate("SchedulePage", "Каникулы"), fields, rec, _saver(rec, svc.create_holiday, svc.update_holiday, versioned=False),
                                        self))
            else:
                fields.append(("hours_cap", QCoreApplication.translate("SchedulePage", "Предел уроков класса в год, ч"), "int", (1, 200)))
                rec.setdefault("hours_cap", 34)
                self._open(RecordDialog(QCoreApplication.translate("SchedulePage", "Учебный период"), fields, rec,
                                        _saver(rec, svc.create_term, svc.update_term), self))
        elif tab == "requirements":
            if self.term_id() is None:
                self._show_message(QCoreApplication.translate("SchedulePage", "Сначала добавьте учебный период."))
                return
            fields = [("class_id", QCoreApplication.translate("SchedulePage", "Класс *"), "combo", [(c["id"], c["title"]) for c in svc.list_classes()]),
                      ("module_id", QCoreApplication.translate("SchedulePage", "Модуль *"), "combo", [(m["id"], m["name"]) for m in svc.list_modules()]),
                      ("hours", QCoreApplication.translate("SchedulePage", "Часов (0 = как в модуле)"), "int", (0, 200))]
            save = _saver(rec, svc.create_requirement, svc.update_requirement, versioned=False)
            self._open(RecordDialog(QCoreApplication.translate("SchedulePage", "Нагрузка"), fields, rec,
                                    lambda v: save({**v, "term_id": self.term_id()}), self))

    # --- generation, print, export -----------------------------------------------------------------
    def on_generate(self) -> None:
        """The generation dialog: period, what stays, a preview by school, apply, undo (issue 15)."""
        from chemcluster_desktop.ui.dialogs.schedule_generate import GenerateDialog

        if self.term_id() is None:
            self._show_message(QCoreApplication.translate("SchedulePage", "Сначала добавьте учебный период."))
            return
        term = next(t for t in svc.list_terms() if t["id"] == self.term_id())
        dlg = GenerateDialog(self, term)
        dlg.changed.connect(self.refresh)
        self.last_dialog = dlg
        dlg.open()

    def on_substitute(self) -> None:
        from chemcluster_desktop.ui.dialogs.schedule_substitute import SubstituteDialog

        dlg = SubstituteDialog(self, start=self.week.date().toPython())
        dlg.changed.connect(self.refresh)
        self.last_dialog = dlg
        dlg.open()

    def _goto_date(self, day) -> None:
        self.tabs.setCurrentIndex(self.TABS.index("week"))
        self.week.setDate(QDate(day.year, day.month, day.day))

    def _filters(self) -> dict:
        view, ent = self.view.currentData(), self.entity.currentText()
        flt = {"term": self.term.currentText() or None}
        if view == "workshop" and ent:
            flt["workshop"] = ent.rsplit(" (", 1)[0]
        elif view == "class" and ent:
            cls, school = ent.split(" — ", 1)
            flt.update(class_=cls, school=school)
        elif view == "instructor" and ent:
            flt["instructor"] = ent
        return flt

    def on_print(self) -> None:
        import tempfile

        from chemcluster_desktop.services import printing
        from chemcluster_desktop.ui.dialogs.pdf_preview import PdfPreviewDialog

        flt = self._filters()
        dest = tempfile.mktemp(suffix=".pdf", prefix="timetable-")

        def work(task):
            return printing.build("schedule", dest, progress=task.progress, cancelled=task.is_cancelled, **flt)

        def done(res):
            dlg = PdfPreviewDialog(res.path, res.title, self)
            self.last_dialog = dlg
            dlg.open()

        ops.run_task(self, QCoreApplication.translate("SchedulePage", "Печать расписания"), work, on_done=done)

    def on_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from chemcluster_desktop.services.schedule import report_schedule

        path, _f = QFileDialog.getSaveFileName(self, QCoreApplication.translate("SchedulePage", "Экспорт расписания для школ"),
                                               filenames.start_path(filenames.default_name("schedule_schools", ext="xlsx")),
                                               "Excel (*.xlsx)")
        if not path:
            return
        flt = self._filters()
        ops.run_task(self, QCoreApplication.translate("SchedulePage", "Экспорт в Excel"), lambda task: report_schedule.export_xlsx(path, **flt),
                     on_done=lambda n: self._show_message(QCoreApplication.translate("SchedulePage", "Записано строк: {0} — {1}").format(n, path)))

    def on_export_fet(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        term = self.term.currentText()
        path, _f = QFileDialog.getSaveFileName(self, QCoreApplication.translate("SchedulePage", "Экспорт в FET"),
                                               filenames.start_path(filenames.default_name("schedule_fet", ext="fet")),
                                               "FET (*.fet)")
        if not path or not term:
            return
        try:
            res = svc.export_fet(path, term)
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self._show_message(QCoreApplication.translate("SchedulePage", "Записан файл FET: {0} (занятий {1}).").format(res["path"], res["activities"]))
