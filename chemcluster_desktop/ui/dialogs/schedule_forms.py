"""Forms of the schedule area: one generic record form (schools, classes, instructors, modules,
terms, holidays, bell times, requirements) and the lesson form with the clash shown as you type.

Dialogs are opened with ``open()`` (never a blocking ``exec()``), so tests drive them; ``saved``
fires after the service accepted the data.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services.errors import ServiceError, ValidationError


def _t(s: str) -> str:
    return QCoreApplication.translate("ScheduleForms", s)


class RecordDialog(QDialog):
    """fields: (key, label, kind, options) — kind: text | int | date | time | days | checks | combo."""

    saved = Signal(object)

    def __init__(self, title: str, fields: list[tuple], values: dict, save_fn, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.save_fn = save_fn
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.kinds: dict[str, str] = {}
        lay = QVBoxLayout(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, label, kind, opts in fields:
            w = self._make(kind, opts, values.get(key))
            w.setObjectName(f"field_{key}")
            self.widgets[key], self.kinds[key] = w, kind
            err = QLabel()
            err.setObjectName(f"error_{key}")
            err.setStyleSheet("color: #9b1c14;")
            err.hide()
            self.errors[key] = err
            box = QWidget()
            bl = QVBoxLayout(box)
            bl.setContentsMargins(0, 0, 0, 0)
            bl.setSpacing(2)
            bl.addWidget(w)
            bl.addWidget(err)
            form.addRow(label, box)
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9b1c14;")
        self.message.hide()
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(QCoreApplication.translate("ScheduleForms", "Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("ScheduleForms", "Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def _make(self, kind: str, opts, value) -> QWidget:
        if kind == "text":
            w = QLineEdit("" if value is None else str(value))
            w.textChanged.connect(lambda _t_, k=None: self._clear())
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
            names = [QCoreApplication.translate("ScheduleForms", "Пн"), QCoreApplication.translate("ScheduleForms", "Вт"), QCoreApplication.translate("ScheduleForms", "Ср"), QCoreApplication.translate("ScheduleForms", "Чт"), QCoreApplication.translate("ScheduleForms", "Пт"), QCoreApplication.translate("ScheduleForms", "Сб")]
            w.boxes = []
            for k, n in enumerate(names):
                cb = QCheckBox(n)
                cb.setChecked(k in (value if value is not None else [0, 1, 2, 3, 4]))
                hl.addWidget(cb)
                w.boxes.append(cb)
            hl.addStretch(1)
            return w
        if kind == "checks":
            w = QListWidget()
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

    def _clear(self) -> None:
        for e in self.errors.values():
            e.hide()
        self.message.hide()

    def save(self) -> None:
        self._clear()
        try:
            result = self.save_fn(self.values())
        except ValidationError as e:
            if e.field in self.errors:
                self.errors[e.field].setText(str(e))
                self.errors[e.field].show()
                self.widgets[e.field].setFocus()
            else:
                self.message.setText(str(e))
                self.message.show()
            return
        except ServiceError as e:
            self.message.setText(str(e))
            self.message.show()
            return
        self.saved.emit(result)
        self.accept()


class LessonDialog(QDialog):
    """A lesson by hand: the clash with what is already there is shown before saving."""

    saved = Signal(object)

    def __init__(self, refs: dict, values: dict, save_fn, clash_fn, parent=None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ScheduleForms", "Занятие"))
        self.setMinimumWidth(560)
        self.save_fn, self.clash_fn = save_fn, clash_fn
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.cls = QComboBox()
        self.cls.setObjectName("lessonClass")
        for c in refs["classes"]:
            self.cls.addItem(c["title"], c["id"])
        self.sub = QSpinBox()
        self.sub.setRange(0, 9)
        self.sub.setSpecialValueText(QCoreApplication.translate("ScheduleForms", "весь класс"))
        self.pupils = QSpinBox()
        self.pupils.setRange(0, 60)
        self.pupils.setSpecialValueText("—")
        self.module = QComboBox()
        self.module.setObjectName("lessonModule")
        for m in refs["modules"]:
            self.module.addItem(m["name"], m["id"])
        self.instructor = QComboBox()
        self.instructor.setObjectName("lessonInstructor")
        self.instructor.addItem("—", None)
        for i in refs["instructors"]:
            self.instructor.addItem(i["full_name"], i["id"])
        self.workshop = QComboBox()
        self.workshop.setObjectName("lessonWorkshop")
        for w in refs["workshops"]:
            self.workshop.addItem(QCoreApplication.translate("ScheduleForms", "{0} ({1} мест)").format(w["name"], w["workplaces"]), w["id"])
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.slot = QComboBox()
        self.slot.setObjectName("lessonSlot")
        for s in refs["slots"]:
            self.slot.addItem(s["label"], s["id"])
        self.locked = QCheckBox(QCoreApplication.translate("ScheduleForms", "Закрепить (генерация не сдвинет)"))
        form.addRow(QCoreApplication.translate("ScheduleForms", "Класс *"), self.cls)
        form.addRow(QCoreApplication.translate("ScheduleForms", "Подгруппа"), self.sub)
        form.addRow(QCoreApplication.translate("ScheduleForms", "Учеников в подгруппе"), self.pupils)
        form.addRow(QCoreApplication.translate("ScheduleForms", "Модуль *"), self.module)
        form.addRow(QCoreApplication.translate("ScheduleForms", "Преподаватель"), self.instructor)
        form.addRow(QCoreApplication.translate("ScheduleForms", "Мастерская *"), self.workshop)
        form.addRow(QCoreApplication.translate("ScheduleForms", "Дата *"), self.date)
        form.addRow(QCoreApplication.translate("ScheduleForms", "Урок *"), self.slot)
        form.addRow("", self.locked)
        lay.addLayout(form)
        self.clash = QLabel()
        self.clash.setObjectName("lessonClash")
        self.clash.setWordWrap(True)
        lay.addWidget(self.clash)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(QCoreApplication.translate("ScheduleForms", "Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("ScheduleForms", "Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
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
            self.clash.setText(QCoreApplication.translate("ScheduleForms", "Заполните класс, модуль, мастерскую и урок."))
            return []
        try:
            msgs = self.clash_fn(v)
        except ServiceError as e:
            msgs = [str(e)]
        if msgs:
            self.clash.setStyleSheet("color: #9b1c14;")
            self.clash.setText(QCoreApplication.translate("ScheduleForms", "Конфликт:") + "\n• " + "\n• ".join(msgs))
        else:
            self.clash.setStyleSheet("color: #1b5e20;")
            self.clash.setText(QCoreApplication.translate("ScheduleForms", "Конфликтов нет."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not msgs)
        return msgs

    def save(self) -> None:
        try:
            result = self.save_fn(self.values())
        except ServiceError as e:
            self.clash.setStyleSheet("color: #9b1c14;")
            self.clash.setText(str(e))
            return
        self.saved.emit(result)
        self.accept()
