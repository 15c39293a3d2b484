"""«Сгенерировать…» of the timetable: the period to regenerate, what stays, a preview before anything is
written, and the undo of the generations, latest first.

1. The period (from – to; from is never before today: past lessons are not changed) and what stays:
   past lessons, locked lessons, lessons after «по», and (by default) every future lesson that still obeys
   the rules — only the hours they leave are placed (:mod:`services.schedule.stable`).
2. «Предпросмотр» computes the new timetable in the background (``regenerate.plan``): added, moved,
   removed per school, unchanged, the hours left unplaced and why. Nothing is written.
3. «Применить» writes exactly that plan (``regenerate.apply``: one journaled action with a restore point);
   «Отменить последнюю генерацию» puts the term's lessons back as the restore point holds them.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.schedule import regenerate
from chemcluster_desktop.services.schedule._common import today as timetable_today
from chemcluster_desktop.ui import ops

CTX = "ScheduleGenerate"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _warm_up_solver() -> None:
    """Import OR-Tools (≈ 2 s: it imports pandas) in the background while the person looks at the dialog,
    so «Предпросмотр» does not wait for it."""
    import sys
    import threading

    if "ortools.sat.python.cp_model" in sys.modules:
        return

    def load() -> None:
        import ortools.sat.python.cp_model  # noqa: F401

    threading.Thread(target=load, name="ortools-import", daemon=True).start()


class GenerateDialog(QDialog):
    changed = Signal()  # lessons were written (generation applied or undone)

    def __init__(self, parent, term: dict):
        super().__init__(parent)
        self.setObjectName("GenerateDialog")
        self.setWindowTitle(_t("Генерация расписания — {0}").format(term["name"]))
        self.resize(980, 640)
        self.term = term
        self.plan: dict | None = None
        self.task = None
        lay = QVBoxLayout(self)
        form = QFormLayout()
        today = timetable_today()
        first = max(today, term["starts_on"])
        self.date_from = QDateEdit(_qdate(min(first, term["ends_on"])))
        self.date_from.setObjectName("genFrom")
        self.date_to = QDateEdit(_qdate(term["ends_on"]))
        self.date_to.setObjectName("genTo")
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd.MM.yyyy")
            w.setMinimumDate(_qdate(first))
            w.setMaximumDate(_qdate(term["ends_on"]))
            w.dateChanged.connect(self._invalidate)
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel(_t("по")))
        period.addWidget(self.date_to)
        period.addStretch(1)
        form.addRow(_t("Менять занятия с"), period)
        self.stays = QLabel(_t("Не меняются никогда: занятия до {0} (прошедшие) и закреплённые (в сетке — со "
                               "значком замка); занятия после даты «по» тоже остаются.").format(today.strftime("%d.%m.%Y")))
        self.stays.setWordWrap(True)
        form.addRow(_t("Что останется"), self.stays)
        self.keep_valid = QCheckBox(_t("Оставить на месте будущие занятия, которые не нарушают правил "
                                       "(разместить только недостающие часы)"))
        self.keep_valid.setObjectName("genKeepValid")
        self.keep_valid.setToolTip(_t("Снимите, чтобы составить расписание периода заново: занятия могут "
                                      "переместиться, их прежние места служат только подсказкой."))
        self.keep_valid.setChecked(True)
        self.keep_valid.toggled.connect(self._invalidate)
        form.addRow("", self.keep_valid)
        lay.addLayout(form)
        self.summary = QLabel(_t("Нажмите «Предпросмотр»: программа покажет, что изменится. Ничего не будет "
                                 "записано, пока вы не нажмёте «Применить»."))
        self.summary.setObjectName("genSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("genBySchool")
        self.table.setHorizontalHeaderLabels([_t("Школа"), _t("Добавится"), _t("Перенесётся"), _t("Удалится")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.table, 2)
        lay.addWidget(QLabel(_t("Не размещено и почему:")))
        self.reasons = QListWidget()
        self.reasons.setObjectName("genReasons")
        self.reasons.setWordWrap(True)
        lay.addWidget(self.reasons, 1)
        buttons = QHBoxLayout()
        self.undo_button = QPushButton(_t("Отменить последнюю генерацию"))
        self.undo_button.setObjectName("genUndo")
        self.undo_button.clicked.connect(self.on_undo)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.preview_button = QPushButton(_t("Предпросмотр"))
        self.preview_button.setObjectName("genPreview")
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.on_preview)
        self.apply_button = QPushButton(_t("Применить"))
        self.apply_button.setObjectName("genApply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.on_apply)
        close = QPushButton(_t("Закрыть"))
        close.clicked.connect(self.reject)
        for b in (self.preview_button, self.apply_button, close):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self._update_undo()
        _warm_up_solver()

    def _update_undo(self) -> None:
        try:
            points = svc.restore_points(self.term["name"])
        except ServiceError:
            points = []
        self.undo_button.setEnabled(bool(points))
        # the restore points are a stack: after the latest generation is undone, the one before can be
        self.undo_button.setText(_t("Отменить последнюю генерацию ({0})").format(len(points)) if len(points) > 1
                                 else _t("Отменить последнюю генерацию"))
        self.undo_button.setToolTip("\n".join(p["label"] for p in points) if points
                                    else _t("Генераций, которые можно отменить, нет."))

    def _invalidate(self, *_a) -> None:
        self.plan = None
        self.apply_button.setEnabled(False)

    # --- preview ------------------------------------------------------------------------------------
    def on_preview(self) -> None:
        a, b = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        keep = self.keep_valid.isChecked()
        self._invalidate()

        def work(task):
            return regenerate.plan(self.term["name"], from_date=a, to_date=b, progress=task.progress,
                                   cancelled=task.is_cancelled, keep_valid=keep)

        self.task = ops.run_task(self, _t("Предпросмотр генерации"), work, on_done=self.show_plan)

    def show_plan(self, plan: dict) -> None:
        self.plan = plan
        self.summary.setText(_t("С {0} по {1}: добавится {2}, перенесётся {3}, удалится {4}, без изменений {5}. "
                                "Не тронуты: прошедшие {6}, закреплённые {7}, после периода {8}. "
                                "Не размещено часов: {9}.").format(
            plan["cut"].strftime("%d.%m.%Y"), plan["end"].strftime("%d.%m.%Y"), plan["added"], plan["moved"],
            plan["removed"], plan["unchanged"], plan["kept_past"], plan["kept_locked"], plan["kept_after"],
            plan["unplaced"]))
        rows = plan["by_school"]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, v in enumerate((row["school"], row["added"], row["moved"], row["removed"])):
                item = QTableWidgetItem(str(v))
                if c == 3 and row["removed"]:
                    item.setForeground(QColor("#b3261e"))
                self.table.setItem(r, c, item)
        self.reasons.clear()
        for u in plan["reasons"]:
            sub = _t(", подгруппа {0}").format(u["subgroup"]) if u.get("subgroup") else ""
            self.reasons.addItem(f"{u['school']} {u['class']}{sub}, «{u['module']}», {u['hours']} ч — {u['reason']}")
        self.apply_button.setEnabled(plan["added"] + plan["moved"] + plan["removed"] > 0)

    # --- apply / undo -------------------------------------------------------------------------------
    def on_apply(self) -> None:
        if self.plan is None:
            return
        try:
            res = regenerate.apply(self.plan)
        except ServiceError as e:
            ops.show_error(self, e)
            self._invalidate()
            return
        self.plan = None
        self.apply_button.setEnabled(False)
        self.summary.setText(_t("Записано: добавлено {0}, перенесено {1}, удалено {2}. Отменить можно кнопкой "
                                "«Отменить последнюю генерацию».").format(res["added"], res["moved"], res["removed"]))
        self._update_undo()
        self.changed.emit()

    def on_undo(self) -> None:
        points = svc.restore_points(self.term["name"])
        if not points:
            return
        answer = QMessageBox.question(self, _t("Отмена генерации"), _t(
            "Вернуть расписание периода «{0}» к состоянию «{1}» ({2} занятий)?").format(
            self.term["name"], points[0]["label"], points[0]["lessons"]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            res = svc.undo_generation(self.term["name"])
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self._invalidate()
        text = _t("Расписание возвращено: {0} занятий ({1}).").format(res["restored"], res["label"])
        if res["left"]:
            text += " " + _t("Можно отменить ещё генераций: {0} (следующая вернёт к «{1}»).").format(
                res["left"], res["next"])
        self.summary.setText(text)
        self._update_undo()
        self.changed.emit()
