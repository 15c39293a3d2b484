"""The reference tabs of «Расписание» (schools and classes, instructors, modules and workshops, school
year, load): their tables, «add …» buttons and record dialogs. A mixin of :class:`.schedule.SchedulePage`
(split off to keep the page under 600 lines; behaviour unchanged)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs.schedule_forms import RecordDialog
from chemcluster_desktop.ui.icons import icon


def _saver(rec: dict, create, update, *, versioned: bool = True):
    """A record dialog's save: ``create(data)`` for a new record, ``update(id, data, version=…)`` (the
    version the form was opened with) for one being edited; holidays, bells and load lines have no version."""
    if rec.get("id") is None:
        return create
    if versioned:
        return lambda v: update(rec["id"], v, version=rec.get("version"))
    return lambda v: update(rec["id"], v)


class ScheduleRecordsMixin:
    """Reference tabs of the schedule page (needs the page's ``tabs``, ``search``, ``count_label``,
    ``term_id``, ``_open``, ``_show_message``, ``on_edit`` and ``_selection_changed``)."""

    def _build_ref_tabs(self) -> None:
        """The reference tabs (schools and classes, instructors, modules, school year, load): a table each,
        with its «add …» buttons above."""
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
