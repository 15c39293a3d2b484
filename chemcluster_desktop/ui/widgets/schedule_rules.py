"""Two tabs of the «Расписание» page (issue 15):

- :class:`LoadTab` «Часы»: per class of the term's school year, the lesson hours of «Труд (технология)»
  planned against the cap (over the cap in red) and the career-guidance hours apart; below, the federal
  work programme's modules (the reference list the methodist edits) and the workshops' pupils at a
  lesson (separate from their exam workplaces; a class larger than that comes as parallel halves).
- :class:`CalendarTab` «Календарь»: the production calendar (public holidays, transferred days off and
  working Saturdays, editable) and «Проверить занятия» — the lessons that fall on a day off or in the
  school holidays.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs.schedule_forms import RecordDialog

CTX = "ScheduleRules"
RED = QColor("#b3261e")


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    t.verticalHeader().hide()
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return t


def _fill(t: QTableWidget, rows: list[list], ids: list | None = None, red: Callable[[int], bool] | None = None) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            item = QTableWidgetItem("" if v is None else str(v))
            if ids is not None:
                item.setData(Qt.ItemDataRole.UserRole, ids[r])
            if isinstance(v, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if red is not None and red(r):
                item.setForeground(RED)
            t.setItem(r, c, item)


def _selected_id(t: QTableWidget):
    items = t.selectedItems()
    return items[0].data(Qt.ItemDataRole.UserRole) if items else None


class LoadTab(QWidget):
    def __init__(self, term_name: Callable[[], str], parent=None):
        super().__init__(parent)
        self.setObjectName("scheduleLoadTab")
        self.term_name = term_name
        self.last_dialog = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel()
        self.note.setObjectName("loadNote")
        self.note.setWordWrap(True)
        tl.addWidget(self.note)
        self.classes = _table([_t("Школа"), _t("Класс"), _t("Уроки, ч"), _t("Предел, ч"), _t("Профориентация, ч")],
                              "loadTable")
        tl.addWidget(self.classes)
        split.addWidget(top)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel(_t("Модули федеральной рабочей программы «Труд (технология)»")))
        head.addStretch(1)
        self.add_button = QPushButton(_t("Добавить…"))
        self.add_button.setObjectName("frpAdd")
        self.add_button.clicked.connect(lambda: self.edit_programme(None))
        self.edit_button = QPushButton(_t("Изменить…"))
        self.edit_button.clicked.connect(lambda: self.edit_programme(_selected_id(self.programme)))
        self.del_button = QPushButton(_t("Удалить"))
        self.del_button.clicked.connect(self.delete_programme)
        for b in (self.add_button, self.edit_button, self.del_button):
            head.addWidget(b)
        bl.addLayout(head)
        self.programme = _table([_t("Модуль ФРП"), _t("Класс"), _t("Часов по ФРП"), _t("Вид"), _t("Модулей курса")],
                                "frpTable")
        self.programme.itemDoubleClicked.connect(lambda it: self.edit_programme(it.data(Qt.ItemDataRole.UserRole)))
        bl.addWidget(self.programme)
        split.addWidget(bottom)
        ws = QWidget()
        wl = QVBoxLayout(ws)
        wl.setContentsMargins(0, 0, 0, 0)
        whead = QHBoxLayout()
        whead.addWidget(QLabel(_t("Мастерские: учеников на занятии (отдельно от рабочих мест экзамена)")))
        whead.addStretch(1)
        self.ws_button = QPushButton(_t("Изменить…"))
        self.ws_button.setObjectName("lessonPupilsEdit")
        self.ws_button.clicked.connect(lambda: self.edit_workshop(_selected_id(self.workshops)))
        whead.addWidget(self.ws_button)
        wl.addLayout(whead)
        self.workshops = _table([_t("Мастерская"), _t("Рабочих мест"), _t("Учеников на занятии")], "lessonPupilsTable")
        self.workshops.itemDoubleClicked.connect(lambda it: self.edit_workshop(it.data(Qt.ItemDataRole.UserRole)))
        wl.addWidget(self.workshops)
        split.addWidget(ws)
        split.setSizes([360, 170, 150])
        lay.addWidget(split)

    def refresh(self) -> None:
        term = self.term_name()
        rows = []
        if term:
            try:
                rows = svc.load_hours(term)["classes"]
            except ServiceError:
                rows = []
        over = [r for r in rows if r["over"]]
        self.note.setText(_t("Уроки «Труд (технология)» класса за учебный год против предела (34 ч в 8-м классе, "
                             "меняется в карточке периода или класса); профориентационные часы считаются отдельно. "
                             "Сверх предела: {0}.").format(len(over)))
        _fill(self.classes, [[r["school"], r["class"], r["lesson_hours"], r["cap"], r["guidance_hours"]] for r in rows],
              red=lambda k: bool(rows[k]["over"]))
        wss = svc.list_workshops()
        _fill(self.workshops, [[w["name"], w["workplaces"], w["lesson_pupils"] or w["workplaces"]] for w in wss],
              ids=[w["id"] for w in wss])
        prog = svc.list_programme_modules()
        _fill(self.programme, [[p["name"], p["grade"], p["hours"],
                                _t("инвариантный") if p["invariant"] else _t("вариативный"), p["modules"]] for p in prog],
              ids=[p["id"] for p in prog])

    def edit_programme(self, pid) -> None:
        rec = next((p for p in svc.list_programme_modules() if p["id"] == pid), {"grade": 8, "invariant": True})
        fields = [("name", _t("Модуль ФРП *"), "text", None), ("grade", _t("Класс"), "int", (5, 9)),
                  ("hours", _t("Часов по ФРП"), "int", (0, 200)),
                  ("invariant", _t("Вид"), "combo", [(True, _t("инвариантный")), (False, _t("вариативный"))])]
        dlg = RecordDialog(_t("Модуль федеральной рабочей программы"), fields, rec,
                           lambda v: svc.save_programme_module(v, pid), self)
        dlg.saved.connect(lambda _x: self.refresh())
        self.last_dialog = dlg
        dlg.open()

    def edit_workshop(self, wid) -> None:
        w = next((x for x in svc.list_workshops() if x["id"] == wid), None)
        if w is None:
            return
        fields = [("lesson_pupils", _t("Учеников на занятии (0 = как рабочих мест)"), "int", (0, 200))]
        dlg = RecordDialog(w["name"], fields, {"lesson_pupils": w["lesson_pupils"] or 0},
                           lambda v: svc.set_workshop_lesson_pupils(wid, v["lesson_pupils"] or None), self)
        dlg.saved.connect(lambda _x: self.refresh())
        self.last_dialog = dlg
        dlg.open()

    def delete_programme(self) -> None:
        pid = _selected_id(self.programme)
        if pid is None:
            return
        if QMessageBox.question(self, _t("Удаление"), _t("Удалить модуль ФРП? Модули курса останутся без "
                                                          "привязки.")) != QMessageBox.StandardButton.Yes:
            return
        try:
            svc.delete_programme_module(pid)
        except ServiceError as e:
            ops.show_error(self, e)
        self.refresh()


class CalendarTab(QWidget):
    lesson_chosen = Signal(object)  # a date to show in the week grid

    def __init__(self, term_id: Callable[[], int | None], parent=None):
        super().__init__(parent)
        self.setObjectName("scheduleCalendarTab")
        self.term_id = term_id
        self.last_dialog = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        title = QLabel(_t("Производственный календарь: праздники и переносы выходных (ТК РФ, ст. 112; "
                          "постановления Правительства РФ о переносе выходных дней)"))
        title.setWordWrap(True)  # wider than the page at 1366 px: it wraps beside its buttons
        head.addWidget(title, 1)
        add = QPushButton(_t("Добавить день…"))
        add.setObjectName("calendarAdd")
        add.clicked.connect(lambda: self.edit_day(None))
        delete = QPushButton(_t("Удалить"))
        delete.clicked.connect(self.delete_day)
        self.check_button = QPushButton(_t("Проверить занятия"))
        self.check_button.setObjectName("calendarCheck")
        self.check_button.clicked.connect(self.check_lessons)
        for b in (add, delete, self.check_button):
            head.addWidget(b)
        lay.addLayout(head)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.days = _table([_t("Название"), _t("Дата"), _t("День")], "calendarTable")
        self.days.itemDoubleClicked.connect(lambda it: self.edit_day(it.data(Qt.ItemDataRole.UserRole)))
        split.addWidget(self.days)
        self.found = QListWidget()
        self.found.setObjectName("calendarFound")
        self.found.setWordWrap(True)
        self.found.itemDoubleClicked.connect(lambda it: self.lesson_chosen.emit(it.data(Qt.ItemDataRole.UserRole)))
        split.addWidget(self.found)
        split.setSizes([560, 420])
        lay.addWidget(split)

    def refresh(self) -> None:
        rows = svc.list_calendar()
        _fill(self.days, [[r["name"], r["date"].strftime("%d.%m.%Y"),
                           _t("нерабочий") if r["kind"] == "off" else _t("рабочий (перенос)")] for r in rows],
              ids=[r["id"] for r in rows])

    def edit_day(self, day_id) -> None:
        rec = next((r for r in svc.list_calendar() if r["id"] == day_id), {"kind": "off"})
        fields = [("date", _t("Дата *"), "date", None), ("name", _t("Название *"), "text", None),
                  ("kind", _t("Вид дня"), "combo", [("off", _t("нерабочий")), ("work", _t("рабочий (перенос)"))])]
        dlg = RecordDialog(_t("День производственного календаря"), fields, rec,
                           lambda v: svc.save_calendar_day(v, day_id), self)
        dlg.saved.connect(lambda _x: self.refresh())
        self.last_dialog = dlg
        dlg.open()

    def delete_day(self) -> None:
        day_id = _selected_id(self.days)
        if day_id is None:
            return
        svc.delete_calendar_day(day_id)
        self.refresh()

    def check_lessons(self) -> None:
        from PySide6.QtWidgets import QListWidgetItem

        from chemcluster_desktop.services.schedule._common import _date

        found = svc.lessons_on_days_off(self.term_id())
        self.found.clear()
        if not found:
            self.found.addItem(_t("Занятий в нерабочие дни и каникулы нет."))
            return
        for c in found:
            it = QListWidgetItem(c["message"])
            it.setData(Qt.ItemDataRole.UserRole, _date(c["date"]))
            self.found.addItem(it)
