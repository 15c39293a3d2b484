"""Forms of the schedule area: one generic record form (schools, classes, instructors, modules,
terms, holidays, bell times, requirements) and the lesson form with the clash shown as you type.

Both are :class:`~chemcluster_desktop.ui.forms.FormDialog`s (a refused save is shown beside the field
it names). Dialogs are opened with ``open()`` (never a blocking ``exec()``), so tests drive them;
``saved`` fires after the service accepted the data.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.screen import wrapping_list


def _t(s: str) -> str:
    return QCoreApplication.translate("ScheduleForms", s)


class RecordDialog(FormDialog):
    """fields: (key, label, kind, options) — kind: text | int | date | time | days | checks | combo.
    ``save_fn(values)`` writes; a refused save shows its message beside the field it names."""

    context = "ScheduleForms"
    saved = Signal(object)

    def __init__(self, title: str, fields: list[tuple], values: dict, save_fn, parent=None):
        super().__init__(parent, title, "RecordDialog")
        self.setMinimumWidth(520)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.save_fn = save_fn
        self.kinds: dict[str, str] = {}
        for key, label, kind, opts in fields:
            w = self._make(kind, opts, values.get(key))
            self.kinds[key] = kind
            self.add(key, label, w)  # the label carries its own « *»
            self.errors[key].setObjectName(f"error_{key}")
        self.widgets = self.fields
        self.finish_layout()

    def _make(self, kind: str, opts, value) -> QWidget:
        if kind == "text":
            w = QLineEdit("" if value is None else str(value))
            w.textChanged.connect(lambda _t_: self.clear_errors())
            return w
        if kind == "int":
            w = QSpinBox()
            w.setRange(*(opts or (0, 10000)))
            w.setValue(int(value or 0))
            w.setAlignment(Qt.AlignmentFlag.AlignRight)
            return w
        if kind == "date":
            w = QDateEdit()
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd.MM.yyyy")
            d = value or dt.date.today()
            w.setDate(QDate(d.year, d.month, d.day))
            return w
        if kind == "time":
            w = QTimeEdit()
            w.setDisplayFormat("HH:mm")
            t = value or dt.time(8, 30)
            w.setTime(QTime(t.hour, t.minute))
            return w
        if kind == "days":
            w = QWidget()
            hl = QHBoxLayout(w)
            hl.setContentsMargins(0, 0, 0, 0)
            names = [_t("Пн"), _t("Вт"), _t("Ср"), _t("Чт"), _t("Пт"), _t("Сб")]
            w.boxes = []
            for k, n in enumerate(names):
                cb = QCheckBox(n)
                cb.setChecked(k in (value if value is not None else [0, 1, 2, 3, 4]))
                hl.addWidget(cb)
                w.boxes.append(cb)
            hl.addStretch(1)
            return w
        if kind == "checks":
            w = wrapping_list(QListWidget())  # a long module name wraps rather than hiding at the right
            w.setMaximumHeight(140)
            for oid, text in opts:
                it = QListWidgetItem(text)
                it.setData(Qt.ItemDataRole.UserRole, oid)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked if oid in (value or []) else Qt.CheckState.Unchecked)
                w.addItem(it)
            return w
        if kind == "combo":
            w = QComboBox()
            for oid, text in opts:
                w.addItem(text, oid)
            if value is not None:
                i = w.findData(value)
                if i >= 0:
                    w.setCurrentIndex(i)
            return w
        raise ValueError(kind)

    def values(self) -> dict:
        out = {}
        for key, w in self.widgets.items():
            kind = self.kinds[key]
            if kind == "text":
                out[key] = w.text()
            elif kind == "int":
                out[key] = w.value()
            elif kind == "date":
                out[key] = w.date().toPython()
            elif kind == "time":
                out[key] = w.time().toPython()
            elif kind == "days":
                out[key] = [k for k, cb in enumerate(w.boxes) if cb.isChecked()]
            elif kind == "checks":
                out[key] = [w.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.count())
                            if w.item(i).checkState() == Qt.CheckState.Checked]
            elif kind == "combo":
                out[key] = w.currentData()
        return out

    def save(self):
        result = self.save_fn(self.values())
        self.saved.emit(result)
        return result if isinstance(result, int) else None

    def show_service_error(self, e: ServiceError) -> None:
        super().show_service_error(e)
        if isinstance(e, ValidationError) and e.field in self.fields:
            self.fields[e.field].setFocus()


class LessonDialog(FormDialog):
    """A lesson by hand: the clash with what is already there is shown before saving; a refused save
    shows its message beside the field it names (or under the form)."""

    context = "ScheduleForms"
    saved = Signal(object)

    def __init__(self, refs: dict, values: dict, save_fn, clash_fn, parent=None):
        super().__init__(parent, _t("Занятие"), "LessonDialog")
        self.setMinimumWidth(560)
        self.save_fn, self.clash_fn = save_fn, clash_fn
        self.cls = QComboBox(objectName="lessonClass")
        for c in refs["classes"]:
            self.cls.addItem(c["title"], c["id"])
        self.sub = QSpinBox()
        self.sub.setRange(0, 9)
        self.sub.setSpecialValueText(_t("весь класс"))
        self.pupils = QSpinBox()
        self.pupils.setRange(0, 60)
        self.pupils.setSpecialValueText("—")
        self.module = QComboBox(objectName="lessonModule")
        for m in refs["modules"]:
            self.module.addItem(m["name"], m["id"])
        self.instructor = QComboBox(objectName="lessonInstructor")
        self.instructor.addItem("—", None)
        for i in refs["instructors"]:
            self.instructor.addItem(i["full_name"], i["id"])
        self.workshop = QComboBox(objectName="lessonWorkshop")
        for w in refs["workshops"]:
            self.workshop.addItem(_t("{0} ({1} мест)").format(w["name"], w["workplaces"]), w["id"])
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.slot = QComboBox(objectName="lessonSlot")
        for sl in refs["slots"]:
            self.slot.addItem(sl["label"], sl["id"])
        self.locked = QCheckBox(_t("Закрепить (генерация не сдвинет)"))
        for key, label, w in (("class_id", _t("Класс *"), self.cls), ("subgroup", _t("Подгруппа"), self.sub),
                              ("pupils", _t("Учеников в подгруппе"), self.pupils),
                              ("module_id", _t("Модуль *"), self.module),
                              ("instructor_id", _t("Преподаватель"), self.instructor),
                              ("workshop_id", _t("Мастерская *"), self.workshop), ("date", _t("Дата *"), self.date),
                              ("slot_id", _t("Урок *"), self.slot), ("locked", "", self.locked)):
            self.add(key, label, w)  # the label carries its own « *»
        self.clash = QLabel()
        self.clash.setObjectName("lessonClash")
        self.clash.setWordWrap(True)
        self.sections.addWidget(self.clash)
        self.finish_layout()
        self._set_values(values)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_clash)
        # a check still pending when the dialog closes must not run against a database that may be gone
        self.finished.connect(self._timer.stop)
        for w in (self.cls, self.module, self.instructor, self.workshop, self.slot):
            w.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.sub.valueChanged.connect(lambda _v: self._timer.start())
        self.pupils.valueChanged.connect(lambda _v: self._timer.start())
        self.date.dateChanged.connect(lambda _d: self._timer.start())
        self.update_clash()

    def _set_values(self, values: dict) -> None:
        for key, combo in (("class_id", self.cls), ("module_id", self.module), ("instructor_id", self.instructor),
                           ("workshop_id", self.workshop), ("slot_id", self.slot)):
            if values.get(key) is not None:
                i = combo.findData(values[key])
                if i >= 0:
                    combo.setCurrentIndex(i)
        d = values.get("date") or dt.date.today()
        self.date.setDate(QDate(d.year, d.month, d.day))
        self.sub.setValue(values.get("subgroup") or 0)
        self.pupils.setValue(values.get("pupils") or 0)
        self.locked.setChecked(bool(values.get("locked")))

    def values(self) -> dict:
        return {"class_id": self.cls.currentData(), "subgroup": self.sub.value(),
                "pupils": self.pupils.value() or None, "module_id": self.module.currentData(),
                "instructor_id": self.instructor.currentData(), "workshop_id": self.workshop.currentData(),
                "date": self.date.date().toPython(), "slot_id": self.slot.currentData(),
                "locked": self.locked.isChecked()}

    def update_clash(self) -> list[str]:
        v = self.values()
        if None in (v["class_id"], v["module_id"], v["workshop_id"], v["slot_id"]):
            self.clash.setText(_t("Заполните класс, модуль, мастерскую и урок."))
            return []
        try:
            msgs = self.clash_fn(v)
        except ServiceError as e:
            msgs = [str(e)]
        if msgs:
            self.clash.setStyleSheet("color: #9b1c14;")
            self.clash.setText(_t("Конфликт:") + "\n• " + "\n• ".join(msgs))
        else:
            self.clash.setStyleSheet("color: #1b5e20;")
            self.clash.setText(_t("Конфликтов нет."))
        self.ok_button.setEnabled(not msgs)
        return msgs

    def save(self):
        result = self.save_fn(self.values())
        self.saved.emit(result)
        return result if isinstance(result, int) else None
