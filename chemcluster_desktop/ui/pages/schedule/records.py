"""The reference lists of «Расписание» — schools and classes, instructors, modules and workshops, the
school year (periods, holidays, bells), the load (class × module hours of the period) — one
:class:`~chemcluster_desktop.ui.lists.ListTab` each, with their «add …» buttons above the list and the
record's form (:class:`~chemcluster_desktop.ui.dialogs.schedule_forms.RecordDialog`)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs.schedule_forms import RecordDialog
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.lists import ListTab
from chemcluster_desktop.ui.models.table import Column

CTX = "SchedulePage"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _saver(rec: dict, create, update, *, versioned: bool = True):
    """A record dialog's save: ``create(data)`` for a new record, ``update(id, data, version=…)`` (the
    version the form was opened with) for one being edited; holidays, bells and load lines have no version."""
    if rec.get("id") is None:
        return create
    if versioned:
        return lambda v: update(rec["id"], v, version=rec.get("version"))
    return lambda v: update(rec["id"], v)


def _days(days: list[int]) -> str:
    names = svc.weekday_names()
    return ", ".join(names[d] for d in days)


def _slots(slots: list[int]) -> str:
    return ", ".join(map(str, slots)) or _t("любые")


class RecordsTab(ListTab):
    """A reference list of the schedule: the service's records in its order (no paging: a few dozen rows),
    each row ``{"id", "rec", <shown columns>}``; «add …» buttons above; the record's form on edit."""

    permission = "schedule.write"
    actions = frozenset({"new", "edit", "delete", "export", "print"})
    sortable = False

    def build(self) -> None:
        self.write_buttons: list[QPushButton] = []
        super().build()
        self.on_role_changed()

    def records(self, search: str) -> list[dict]:
        raise NotImplementedError

    def show(self, rec: dict) -> dict:
        """The shown columns of one record."""
        raise NotImplementedError

    def buttons(self) -> list[tuple[str, str, object]]:
        """(text, object name, slot) of the «add …» buttons above the list (the page is built anew when the
        language changes)."""
        return []

    def build_filters(self, bar) -> None:
        specs = self.buttons()
        if not specs:
            return
        row = QHBoxLayout()
        for text, name, slot in specs:
            b = QPushButton(icon("plus-circle-outline"), text)
            b.setObjectName(name)
            b.clicked.connect(lambda _c=False, f=slot: f())
            row.addWidget(b)
            self.write_buttons.append(b)
        row.addStretch(1)
        bar.addLayout(row)

    def on_role_changed(self) -> None:
        w = self.can_write()
        for b in self.write_buttons:
            b.setVisible(w)

    def _all(self, q: ListQuery) -> list[dict]:
        return [{"id": r.get("id"), "rec": r, **self.show(r)} for r in self.records(q.search)]

    def count(self, q: ListQuery) -> int:
        return len(self.records(q.search))

    def rows(self, q: ListQuery) -> list[dict]:
        return self._all(q)[q.offset:q.offset + q.limit] if q.limit else self._all(q)[q.offset:]

    def selected_record(self) -> dict | None:
        row = self.current_row()
        return row["rec"] if row is not None else None

    def dialog(self, rec: dict | None) -> None:
        """Open the form of ``rec`` (None or a kind only: a new record)."""
        raise NotImplementedError

    def delete(self, rec: dict) -> None:
        raise NotImplementedError

    # --- the toolbar -----------------------------------------------------------------------------
    def on_new(self) -> None:
        self.dialog(None)

    def on_edit(self) -> None:
        rec = self.selected_record()
        if rec is not None:
            self.dialog(rec)

    def on_delete(self) -> None:
        rec = self.selected_record()
        if rec is None:
            return
        name = rec.get("name") or rec.get("full_name") or rec.get("module") or str(rec.get("number"))
        if not self.page.confirm_delete(f"«{name}»"):
            return
        try:
            self.delete(rec)
        except ServiceError as e:
            ops.show_error(self.page, e)


class ClassesTab(RecordsTab):
    name = "classes"
    title = "Школы и классы"
    columns = [Column("school", "Школа", width=220), Column("name", "Класс", width=70),
               Column("pupils", "Учеников", kind="int", width=80), Column("days", "Дни", width=120),
               Column("slots", "Уроки", width=80), Column("contact", "Адрес, контакт")]

    def records(self, search: str) -> list[dict]:
        self._schools = {s["id"]: s for s in svc.list_schools()}
        return svc.list_classes(search=search)

    def show(self, r: dict) -> dict:
        school = self._schools[r["school_id"]]
        return {"school": r["school"], "name": r["name"], "pupils": r["pupils"], "days": _days(r["weekdays"]),
                "slots": _slots(r["slots"]), "contact": f"{school['address']}; {school['contact']}"}

    def buttons(self):
        return [(_t("Школа…"), "newSchool", lambda: self.dialog({"kind": "school"})),
                (_t("Класс…"), "newClass", lambda: self.dialog(None))]

    def on_edit(self) -> None:
        rec = self.selected_record()
        if rec is not None and self.table.currentIndex().column() == 0:  # the «Школа» column edits the school
            school = next(x for x in svc.list_schools() if x["id"] == rec["school_id"])
            self.dialog({**school, "kind": "school"})
        elif rec is not None:
            self.dialog(rec)

    def delete(self, rec: dict) -> None:
        svc.delete_class(rec["id"], version=rec["version"])

    def dialog(self, rec: dict | None) -> None:
        rec = rec or {}
        schools = [(s["id"], s["name"]) for s in svc.list_schools()]
        if not schools or rec.get("kind") == "school":
            rec = {k: v for k, v in rec.items() if k != "kind"}
            fields = [("name", _t("Название *"), "text", None), ("address", _t("Адрес"), "text", None),
                      ("contact", _t("Контакт"), "text", None),
                      ("director", _t("Директор (блок «СОГЛАСОВАНО»)"), "text", None),
                      ("agreement", _t("№ договора о сетевой форме"), "text", None),
                      ("max_parallel", _t("Подгрупп одновременно, не более"), "int", (1, 6))]
            rec.setdefault("max_parallel", 2)
            self.page.open_form(RecordDialog(_t("Школа"), fields, rec,
                                             _saver(rec, svc.create_school, svc.update_school), self.page))
            return
        fields = [("school_id", _t("Школа *"), "combo", schools), ("name", _t("Класс *"), "text", None),
                  ("pupils", _t("Учеников *"), "int", (0, 60)), ("weekdays", _t("Дни"), "days", None),
                  ("slots", _t("Уроки"), "checks", [(s["number"], s["label"]) for s in svc.list_slots()]),
                  ("hours_cap", _t("Предел уроков в год (0 = как в периоде)"), "int", (0, 200)),
                  ("max_parallel", _t("Подгрупп одновременно (0 = как у школы)"), "int", (0, 6))]
        save = _saver(rec, svc.create_class, svc.update_class)
        self.page.open_form(RecordDialog(_t("Класс"), fields, rec, lambda v: save(
            {**v, "hours_cap": v["hours_cap"] or None, "max_parallel": v["max_parallel"] or None}), self.page))


class InstructorsTab(RecordsTab):
    name = "instructors"
    title = "Преподаватели"
    columns = [Column("full_name", "ФИО", width=220), Column("days", "Дни", width=120),
               Column("slots", "Уроки", width=80), Column("unavailable", "Недоступен", width=120),
               Column("modules", "Модули", width=260), Column("contact", "Контакт")]

    def records(self, search: str) -> list[dict]:
        return svc.list_instructors(search)

    def show(self, r: dict) -> dict:
        return {"full_name": r["full_name"], "days": _days(r["weekdays"]), "slots": _slots(r["slots"]),
                "unavailable": ", ".join(dt.date.fromisoformat(x).strftime("%d.%m.%Y") for x in r["unavailable_dates"]),
                "modules": "; ".join(r["modules"]), "contact": r["contact"]}

    def delete(self, rec: dict) -> None:
        svc.delete_instructor(rec["id"], version=rec["version"])

    def dialog(self, rec: dict | None) -> None:
        rec = rec or {}
        fields = [("full_name", _t("ФИО *"), "text", None), ("contact", _t("Контакт"), "text", None),
                  ("weekdays", _t("Дни"), "days", None),
                  ("slots", _t("Уроки"), "checks", [(s["number"], s["label"]) for s in svc.list_slots()]),
                  ("module_ids", _t("Ведёт модули"), "checks", [(m["id"], m["name"]) for m in svc.list_modules()])]
        self.page.open_form(RecordDialog(_t("Преподаватель"), fields, rec,
                                         _saver(rec, svc.create_instructor, svc.update_instructor), self.page))


class ModulesTab(RecordsTab):
    name = "modules"
    title = "Модули и мастерские"
    columns = [Column("name", "Модуль", width=320), Column("hours", "Часов", kind="int", width=70),
               Column("max_group", "Макс. группа", width=100), Column("workshops", "Мастерские")]

    def records(self, search: str) -> list[dict]:
        return svc.list_modules(search)

    def show(self, r: dict) -> dict:
        return {"name": r["name"], "hours": r["hours"], "max_group": str(r["max_group"] or "—"),
                "workshops": "; ".join(r["workshops"]) or _t("не назначены")}

    def delete(self, rec: dict) -> None:
        svc.delete_module(rec["id"], version=rec["version"])

    def dialog(self, rec: dict | None) -> None:
        rec = rec or {}
        fields = [("name", _t("Название *"), "text", None), ("hours", _t("Часов *"), "int", (1, 200)),
                  ("max_group", _t("Макс. группа"), "int", (0, 60)),
                  ("workshop_ids", _t("Мастерские"), "checks",
                   [(w["id"], _t("{0} ({1} мест)").format(w["name"], w["workplaces"])) for w in svc.list_workshops()]),
                  ("kind", _t("Часы"), "combo",
                   [("lesson", _t("уроки «Труд (технология)» (в пределе)")),
                    ("guidance", _t("профориентационные (отдельно)"))]),
                  ("programme_module_id", _t("Модуль ФРП"), "combo",
                   [(None, "—")] + [(p["id"], p["name"]) for p in svc.list_programme_modules()])]
        save = _saver(rec, svc.create_module, svc.update_module)
        self.page.open_form(RecordDialog(_t("Модуль"), fields, rec,
                                         lambda v: save({**v, "max_group": v["max_group"] or None}), self.page))


class YearTab(RecordsTab):
    name = "year"
    title = "Учебный год"
    columns = [Column("kind_label", "Вид", width=140), Column("name", "Название", width=260),
               Column("start", "С", width=90), Column("end", "По")]

    def records(self, search: str) -> list[dict]:
        return ([{"kind": "term", **x} for x in svc.list_terms()] + [{"kind": "holiday", **x} for x in svc.list_holidays()]
                + [{"kind": "slot", **x} for x in svc.list_slots()])

    def _all(self, q: ListQuery) -> list[dict]:  # a period, a holiday and a bell may share an id
        return [{**row, "id": f"{row['rec']['kind']}:{row['id']}"} for row in super()._all(q)]

    def show(self, r: dict) -> dict:
        if r["kind"] == "slot":
            return {"kind_label": _t("Урок"), "name": str(r["number"]), "start": r["starts_at"].strftime("%H:%M"),
                    "end": r["ends_at"].strftime("%H:%M")}
        return {"kind_label": _t("Учебный период") if r["kind"] == "term" else _t("Каникулы"), "name": r["name"],
                "start": r["starts_on"].strftime("%d.%m.%Y"), "end": r["ends_on"].strftime("%d.%m.%Y")}

    def buttons(self):
        return [(_t("Учебный период…"), "newTerm", lambda: self.dialog({"kind": "term"})),
                (_t("Каникулы…"), "newHoliday", lambda: self.dialog({"kind": "holiday"})),
                (_t("Урок (звонок)…"), "newSlot", lambda: self.dialog({"kind": "slot"}))]

    def delete(self, rec: dict) -> None:
        if rec["kind"] == "term":
            svc.delete_term(rec["id"], version=rec["version"])
        elif rec["kind"] == "holiday":
            svc.delete_holiday(rec["id"])
        else:
            svc.delete_slot(rec["id"])

    def dialog(self, rec: dict | None) -> None:
        rec = rec or {}
        kind = rec.get("kind", "term")
        if "id" not in rec:
            rec = {}
        if kind == "slot":
            fields = [("number", _t("Номер урока *"), "int", (1, 12)), ("starts_at", _t("Начало *"), "time", None),
                      ("ends_at", _t("Окончание *"), "time", None)]
            self.page.open_form(RecordDialog(_t("Урок"), fields, rec,
                                             _saver(rec, svc.create_slot, svc.update_slot, versioned=False), self.page))
            return
        fields = [("name", _t("Название *"), "text", None), ("starts_on", _t("С *"), "date", None),
                  ("ends_on", _t("По *"), "date", None)]
        if kind == "holiday":
            fields.append(("term_id", _t("Период"), "combo",
                           [(None, _t("все периоды"))] + [(t["id"], t["name"]) for t in svc.list_terms()]))
            self.page.open_form(RecordDialog(_t("Каникулы"), fields, rec, _saver(
                rec, svc.create_holiday, svc.update_holiday, versioned=False), self.page))
            return
        fields.append(("hours_cap", _t("Предел уроков класса в год, ч"), "int", (1, 200)))
        rec.setdefault("hours_cap", 34)
        self.page.open_form(RecordDialog(_t("Учебный период"), fields, rec,
                                         _saver(rec, svc.create_term, svc.update_term), self.page))


class RequirementsTab(RecordsTab):
    name = "requirements"
    title = "Нагрузка"
    columns = [Column("school", "Школа", width=220), Column("class_", "Класс", width=90),
               Column("module", "Модуль", width=320), Column("hours", "Часов", kind="int", width=70),
               Column("placed", "Размещено", kind="int")]

    def records(self, search: str) -> list[dict]:
        term = self.page.term_id()
        return svc.list_requirements(term, search) if term else []

    def show(self, r: dict) -> dict:
        cls = r["name"] if "name" in r else r["class"] + (f" ({r['subgroup']})" if r["subgroup"] else "")
        return {"school": r["school"], "class_": cls, "module": r["module"], "hours": r["hours"], "placed": r["placed"]}

    def buttons(self):
        return [(_t("Строка нагрузки…"), "newRequirement", lambda: self.dialog(None)),
                (_t("Каждый класс — каждый модуль"), "allRequirements", self.add_all)]

    def delete(self, rec: dict) -> None:
        svc.delete_requirement(rec["id"])

    def add_all(self) -> None:
        if self.page.term_id() is None:
            self.page.show_message(_t("Сначала добавьте учебный период."))
            return
        try:
            n = svc.add_all_requirements(self.page.term_id())
        except ServiceError as e:
            ops.show_error(self.page, e)
            return
        self.page.count_label.setText(_t("Добавлено строк нагрузки: {0}").format(n))

    def dialog(self, rec: dict | None) -> None:
        rec = rec or {}
        if self.page.term_id() is None:
            self.page.show_message(_t("Сначала добавьте учебный период."))
            return
        fields = [("class_id", _t("Класс *"), "combo", [(c["id"], c["title"]) for c in svc.list_classes()]),
                  ("module_id", _t("Модуль *"), "combo", [(m["id"], m["name"]) for m in svc.list_modules()]),
                  ("hours", _t("Часов (0 = как в модуле)"), "int", (0, 200))]
        save = _saver(rec, svc.create_requirement, svc.update_requirement, versioned=False)
        self.page.open_form(RecordDialog(_t("Нагрузка"), fields, rec,
                                         lambda v: save({**v, "term_id": self.page.term_id()}), self.page))


RECORD_TABS = [ClassesTab, InstructorsTab, ModulesTab, YearTab, RequirementsTab]
