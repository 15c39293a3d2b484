"""«Замена преподавателя…»: an instructor is absent from – to; the program proposes, lesson by lesson, a
qualified free instructor at the same time and place («Подобрать»), and «Применить» writes it (one
journaled action; the absence goes on the instructor's card, the schools' timetables print «замена»)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops

CTX = "ScheduleSubstitute"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class SubstituteDialog(QDialog):
    changed = Signal()

    def __init__(self, parent, *, start: dt.date | None = None):
        super().__init__(parent)
        self.setObjectName("SubstituteDialog")
        self.setWindowTitle(_t("Замена преподавателя"))
        self.resize(1000, 560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.instructor = QComboBox()
        self.instructor.setObjectName("subInstructor")
        for i in svc.list_instructors():
            self.instructor.addItem(i["full_name"])
        d = start or dt.date.today()
        self.date_from = QDateEdit(QDate(d.year, d.month, d.day))
        self.date_to = QDateEdit(QDate(d.year, d.month, d.day))
        self.date_from.setObjectName("subFrom")
        self.date_to.setObjectName("subTo")
        period = QHBoxLayout()
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd.MM.yyyy")
            w.dateChanged.connect(self._invalidate)
        self.instructor.currentIndexChanged.connect(self._invalidate)
        period.addWidget(self.date_from)
        period.addWidget(QLabel(_t("по")))
        period.addWidget(self.date_to)
        period.addStretch(1)
        form.addRow(_t("Отсутствует"), self.instructor)
        form.addRow(_t("С"), period)
        lay.addLayout(form)
        self.summary = QLabel(_t("Нажмите «Подобрать»: для каждого занятия программа предложит свободного "
                                 "преподавателя, который ведёт этот модуль; время и мастерская не меняются."))
        self.summary.setObjectName("subSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("subTable")
        self.table.setHorizontalHeaderLabels([_t("Дата"), _t("Урок"), _t("Школа, класс"), _t("Модуль"),
                                              _t("Мастерская"), _t("Замена"), _t("Кто ещё может")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.propose_button = QPushButton(_t("Подобрать"))
        self.propose_button.setObjectName("subPropose")
        self.propose_button.setDefault(True)
        self.propose_button.clicked.connect(self.on_propose)
        self.apply_button = QPushButton(_t("Применить"))
        self.apply_button.setObjectName("subApply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.on_apply)
        close = QPushButton(_t("Закрыть"))
        close.clicked.connect(self.reject)
        for b in (self.propose_button, self.apply_button, close):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.proposal: dict | None = None

    def _args(self):
        return (self.instructor.currentText(), self.date_from.date().toPython(), self.date_to.date().toPython())

    def _invalidate(self, *_a) -> None:
        self.proposal = None
        self.apply_button.setEnabled(False)

    def on_propose(self) -> None:
        try:
            res = svc.substitute(*self._args(), dry_run=True)
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self.show_result(res)
        self.proposal = res
        self.apply_button.setEnabled(res["replaced"] > 0)

    def show_result(self, res: dict) -> None:
        rows = res["lessons"]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            who = f"{row['school']}, {row['class']}" + (f" ({row['subgroup']})" if row["subgroup"] else "")
            values = [dt.date.fromisoformat(row["date"]).strftime("%d.%m.%Y"), str(row["slot"]), who, row["module"],
                      row["workshop"], row["substitute"] or row.get("reason", ""), ", ".join(row["candidates"][1:])]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 5 and not row["substitute"]:
                    item.setForeground(QColor("#b3261e"))
                self.table.setItem(r, c, item)
        head = _t("Предложение: ") if res["dry_run"] else _t("Записано: ")
        self.summary.setText(head + _t("{0} отсутствует {1} — {2}; занятий {3}, замена найдена для {4}, без замены {5}.")
                             .format(res["instructor"], dt.date.fromisoformat(res["from"]).strftime("%d.%m.%Y"),
                                     dt.date.fromisoformat(res["to"]).strftime("%d.%m.%Y"), len(rows), res["replaced"],
                                     res["uncovered"]))

    def on_apply(self) -> None:
        if self.proposal is None:
            return
        try:
            res = svc.substitute(*self._args())
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self.show_result(res)
        self._invalidate()
        self.changed.emit()
