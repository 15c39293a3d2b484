"""«Неделя»: the week grid (per workshop, class or instructor, or every lesson) with the period's clashes
beside it and a message line under it; lessons are created, edited, moved (drag), locked and deleted here.
The filters (period, view, entity, week) are the page's (:mod:`.`); this tab reads them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs.schedule_forms import LessonDialog
from chemcluster_desktop.ui.lists import Tab
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


class WeekTab(Tab):
    name = "week"
    title = "Неделя"
    permission = "schedule.write"
    actions = frozenset({"new", "edit", "delete", "export", "print"})
    searchable = False

    def build(self) -> None:
        self._shown_versions: dict[int, int] = {}
        self._count_text = ""
        wl = QVBoxLayout(self)
        wl.setContentsMargins(0, 4, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.grid = WeekGrid()
        self.grid.clash_fn = self._move_clashes
        self.grid.move_requested.connect(self._move)
        self.grid.create_requested.connect(self.new_lesson)
        self.grid.lesson_activated.connect(self.edit_lesson)
        self.grid.hover_message.connect(self.show_message)
        self.grid.itemSelectionChanged.connect(self.page.update_actions)
        split.addWidget(self.grid)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        self.conflict_title = QLabel()
        self.conflict_title.setObjectName("conflictTitle")
        self.conflicts = QListWidget()
        self.conflicts.setObjectName("conflictList")
        self.conflicts.setWordWrap(True)
        self.conflicts.itemDoubleClicked.connect(self._goto_conflict)
        holder = QWidget()
        holder.setLayout(side)
        side.addWidget(self.conflict_title)
        side.addWidget(self.conflicts)
        split.addWidget(holder)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        wl.addWidget(split, 1)
        self.message = QLabel()
        self.message.setObjectName("gridMessage")
        self.message.setWordWrap(True)
        wl.addWidget(self.message)
        self.on_role_changed()

    # --- the tab's hooks -------------------------------------------------------------------------
    def on_role_changed(self) -> None:
        self.grid.can_edit = self.can_write()

    def count_text(self) -> str:
        return self._count_text

    def selected_rows(self) -> list[int]:
        return [0] if self.selected_lesson_id() is not None else []

    def reload(self) -> None:
        self.fill_entities()

    # --- the week --------------------------------------------------------------------------------
    def fill_entities(self) -> None:
        """The workshops, classes or instructors of the chosen view in the page's entity filter."""
        p = self.page
        view = p.view.currentData()
        keep = p.entity.currentData()
        p.entity.blockSignals(True)
        p.entity.clear()
        if view == "workshop":
            for w in svc.list_workshops():
                p.entity.addItem(_t("{0} ({1} мест)").format(w["name"], w["workplaces"]), w["id"])
        elif view == "class":
            for c in svc.list_classes():
                p.entity.addItem(c["title"], c["id"])
        elif view == "instructor":
            for i in svc.list_instructors():
                p.entity.addItem(i["full_name"], i["id"])
        p.entity.setVisible(view != "all" and p.current_tab() is self)
        if keep is not None and p.entity.findData(keep) >= 0:
            p.entity.setCurrentIndex(p.entity.findData(keep))
        p.entity.blockSignals(False)
        self.load_week()

    def load_week(self) -> None:
        p = self.page
        day = p.week.date().toPython()
        monday = day - dt.timedelta(days=day.weekday())
        view, ent = p.view.currentData(), p.entity.currentData()
        week = svc.lessons_between(monday, monday + dt.timedelta(days=6))
        # one workshop, class or instructor: its lessons of the week (the count line gives the whole week's too)
        key = f"{view}_id" if view != "all" and ent is not None else None
        lessons = [le for le in week if le[key] == ent] if key else week
        # the version each lesson was shown at: a drag, a lock or a delete is refused if it changed meanwhile
        self._shown_versions = {le["id"]: le["version"] for le in lessons}
        for le in lessons:
            le["school_short"] = _school_short(le["school"])
            le["module_short"] = _short(le["module"])
            le["workshop_short"] = _short(le["workshop"], 22)
        term = p.term_id()
        conflicts = svc.check_conflicts(term) if term is not None else []
        ids = {i for c in conflicts for i in c["lesson_ids"]}
        self.grid.can_edit = self.can_write()
        self.grid.mode = view
        slots = svc.list_slots()
        self.grid.set_week(monday, slots, lessons, ids)
        self.conflicts.clear()
        for c in conflicts:
            it = QListWidgetItem(c["message"])
            it.setData(Qt.ItemDataRole.UserRole, c)
            it.setForeground(Qt.GlobalColor.darkRed)
            self.conflicts.addItem(it)
        self.conflict_title.setText(_t("Конфликты периода: {0}").format(len(conflicts)) if conflicts
                                    else _t("Конфликтов нет"))
        s = svc.summary(term)
        if key:  # an empty grid of one workshop is not an empty week (the generator spreads the hours over the term)
            self._count_text = _t("Занятий в периоде: {0}, закреплено: {1}; на этой неделе здесь: {2}, всего: {3}"
                                  ).format(s["lessons"], s["locked"], len(lessons), len(week))
        else:
            self._count_text = _t("Занятий в периоде: {0}, закреплено: {1}; на этой неделе: {2}").format(
                s["lessons"], s["locked"], len(lessons))
        p.count_label.setText(self._count_text)
        if not slots:
            self.show_message(_t("Нет времени звонков: добавьте уроки на вкладке «Учебный год»."))

    def _goto_conflict(self, item) -> None:
        c = item.data(Qt.ItemDataRole.UserRole)
        if c.get("date"):
            d = dt.date.fromisoformat(c["date"])
            self.page.view.setCurrentIndex(self.page.view.findData("all"))
            self.page.week.setDate(QDate(d.year, d.month, d.day))

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # --- lessons ---------------------------------------------------------------------------------
    def shown_version(self, lesson_id: int, default: int | None = None) -> int | None:
        return self._shown_versions.get(lesson_id, default)

    def selected_lesson_id(self) -> int | None:
        it = self.grid.currentItem()
        return it.data(Qt.ItemDataRole.UserRole) if it is not None else None

    @staticmethod
    def _refs() -> dict:
        return {"classes": svc.list_classes(), "modules": svc.list_modules(), "instructors": svc.list_instructors(),
                "workshops": svc.list_workshops(), "slots": svc.list_slots()}

    def _move_clashes(self, lesson_id: int, day: dt.date, slot_id: int) -> list[str]:
        try:
            return [c["message"] for c in svc.move_clashes(lesson_id, day, slot_id)]
        except ServiceError as e:
            return [str(e)]

    def _move(self, lesson_id: int, day: dt.date, slot_id: int) -> None:
        try:
            svc.move_lesson(lesson_id, day, slot_id, version=self.shown_version(lesson_id))
        except ServiceError as e:
            self.show_message(str(e))
            return
        self.show_message(_t("Занятие перенесено на {0}.").format(day.strftime("%d.%m.%Y")))

    def new_lesson(self, day: dt.date | None = None, slot_id: int | None = None) -> None:
        p = self.page
        values = {"date": day or p.week.date().toPython(), "slot_id": slot_id}
        view, ent = p.view.currentData(), p.entity.currentData()
        if view in ("workshop", "class", "instructor") and ent is not None:
            values[f"{view}_id"] = ent

        def clash(v):
            return [c["message"] for c in svc.lesson_clashes(v)]

        p.open_form(LessonDialog(self._refs(), values, svc.create_lesson, clash, p))

    def edit_lesson(self, lesson_id: int) -> None:
        le = svc.get_lesson(lesson_id)

        def clash(v):
            return [c["message"] for c in svc.lesson_clashes(v, exclude_id=lesson_id)]

        def save(v):
            return svc.update_lesson(lesson_id, v, version=le["version"])

        self.page.open_form(LessonDialog(self._refs(), le, save, clash, self.page))

    def toggle_lock(self) -> None:
        lid = self.selected_lesson_id()
        if lid is None:
            self.show_message(_t("Выберите занятие в сетке, чтобы закрепить или открепить его."))
            return
        le = svc.get_lesson(lid)
        try:
            svc.set_locked([lid], not le["locked"], versions={lid: self.shown_version(lid, le["version"])})
        except ServiceError as e:
            ops.show_error(self.page, e)
            return
        self.show_message(_t("Занятие закреплено.") if not le["locked"] else _t("Занятие откреплено."))
        self.load_week()

    # --- the toolbar -----------------------------------------------------------------------------
    def on_new(self) -> None:
        self.new_lesson()

    def on_edit(self) -> None:
        lid = self.selected_lesson_id()
        if lid is not None:
            self.edit_lesson(lid)

    def on_delete(self) -> None:
        lid = self.selected_lesson_id()
        if lid is None or not self.page.confirm_delete(_t("занятие")):
            return
        try:
            svc.delete_lessons([lid], versions={lid: self.shown_version(lid)})
        except ServiceError as e:
            ops.show_error(self.page, e)
