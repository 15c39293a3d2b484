"""The week grid: days × bell slots; each cell lists the lessons there. Drag a lesson to another
cell to move it — the clash is computed while hovering (the cell turns red, the reason is shown)
and a drop that would clash is refused. Double-click an empty cell to create a lesson there.

The grid knows no database: the page gives it lessons (plain dicts) and a ``clash_fn(lesson_id,
date, slot_id) -> list[str]``; it emits ``move_requested`` / ``create_requested``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDrag
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from chemcluster_desktop.ui.icons import icon

MIME = "application/x-chemcluster-lesson"
RED = QColor("#fde3e1")
GREEN = QColor("#e3f4e6")
LOCKED = QColor("#e8eef4")
BASE = QColor("#ffffff")


def _t(s: str) -> str:
    return QCoreApplication.translate("WeekGrid", s)


class WeekGrid(QTableWidget):
    move_requested = Signal(int, object, int)  # lesson id, date, slot id
    create_requested = Signal(object, int)  # date, slot id
    lesson_activated = Signal(int)
    hover_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("weekGrid")
        self.monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
        self.days = 6
        self.slots: list[dict] = []
        self.lessons: list[dict] = []
        self.conflict_ids: set[int] = set()
        self.clash_fn = None
        self.can_edit = True
        self._hover: tuple[int, int] | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMinimumSectionSize(64)
        self.cellDoubleClicked.connect(self._double_clicked)

    # --- data ----------------------------------------------------------------------------------
    def set_week(self, monday: dt.date, slots: list[dict], lessons: list[dict], conflict_ids: set[int]) -> None:
        self.monday, self.slots, self.lessons, self.conflict_ids = monday, slots, lessons, conflict_ids
        self._fill()

    def date_of(self, col: int) -> dt.date:
        return self.monday + dt.timedelta(days=col)

    def cell_of(self, lesson: dict) -> tuple[int, int] | None:
        col = (lesson["date"] - self.monday).days
        rows = [k for k, s in enumerate(self.slots) if s["id"] == lesson["slot_id"]]
        if not rows or not 0 <= col < self.days:
            return None
        return rows[0], col

    def lessons_at(self, row: int, col: int) -> list[dict]:
        return [le for le in self.lessons if self.cell_of(le) == (row, col)]

    def _fill(self) -> None:
        self.clear()
        self.setRowCount(len(self.slots))
        self.setColumnCount(self.days)
        names = [QCoreApplication.translate("WeekGrid", "Пн"), QCoreApplication.translate("WeekGrid", "Вт"), QCoreApplication.translate("WeekGrid", "Ср"), QCoreApplication.translate("WeekGrid", "Чт"), QCoreApplication.translate("WeekGrid", "Пт"), QCoreApplication.translate("WeekGrid", "Сб")]
        self.setHorizontalHeaderLabels([f"{names[k]} {self.date_of(k).strftime('%d.%m')}" for k in range(self.days)])
        self.setVerticalHeaderLabels([f"{s['number']}\n{s['starts_at'].strftime('%H:%M')}–{s['ends_at'].strftime('%H:%M')}"
                                      for s in self.slots])
        for r in range(len(self.slots)):
            for c in range(self.days):
                items = self.lessons_at(r, c)
                text = "\n".join(self._label(le) for le in items)
                it = QTableWidgetItem(text)
                if items:
                    it.setData(Qt.ItemDataRole.UserRole, items[0]["id"])
                    bad = any(le["id"] in self.conflict_ids for le in items)
                    it.setBackground(QBrush(RED if bad else (LOCKED if all(le["locked"] for le in items) else BASE)))
                    tips = [self._tip(le) for le in items]
                    if bad:
                        tips.insert(0, QCoreApplication.translate("WeekGrid", "Конфликт: см. список конфликтов"))
                    it.setToolTip("\n\n".join(tips))
                    if any(le["locked"] for le in items):  # an SVG lock (the «🔒» emoji was a box without an
                        it.setIcon(icon("lock-outline"))     # emoji font: Windows 7, a bare Debian)
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
                    if self.can_edit:
                        flags |= Qt.ItemFlag.ItemIsDragEnabled
                    it.setFlags(flags)
                else:
                    it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled)
                    if self.date_of(c).weekday() >= 5:
                        it.setBackground(QBrush(QColor("#f6f8fa")))
                self.setItem(r, c, it)

    mode = "all"  # workshop | class | instructor | all: what the cell needs to say

    def _label(self, le: dict) -> str:
        lock = "" if not le.get("locked") or self.mode != "all" else \
            QCoreApplication.translate("WeekGrid", "закр.") + " "  # which line of a crowded cell is locked
        who = f"{lock}{le['class']} · {le['school_short']}"
        if self.mode == "workshop":
            return f"{who}\n{le['module_short']}"
        if self.mode == "class":
            sub = QCoreApplication.translate("WeekGrid", "гр. {0} · ").format(le["subgroup"]) if le.get("subgroup") else ""
            return f"{lock}{sub}{le['module_short']}\n{le['workshop_short']}"
        if self.mode == "all":  # many lessons per cell: one line each
            return f"{who} · {le['module_short'][:16]}"
        return f"{who}\n{le['module_short']} · {le['workshop_short']}"

    def _tip(self, le: dict) -> str:
        lines = [f"{le['school']}, {le['class']} ({le['size']} чел.)", le["module"], le["workshop"],
                 le.get("instructor") or ""]
        if le.get("locked"):
            lines.append(QCoreApplication.translate("WeekGrid", "Закреплено: при генерации остаётся на месте"))
        return "\n".join(lines)

    # --- interaction -----------------------------------------------------------------------------
    def _double_clicked(self, row: int, col: int) -> None:
        items = self.lessons_at(row, col)
        if items:
            self.lesson_activated.emit(items[0]["id"])
        elif self.can_edit and self.slots:
            self.create_requested.emit(self.date_of(col), self.slots[row]["id"])

    def mimeData(self, items):  # noqa: N802
        md = QMimeData()
        for it in items:
            lid = it.data(Qt.ItemDataRole.UserRole)
            if lid is not None:
                md.setData(MIME, str(lid).encode())
                break
        return md

    def mimeTypes(self):  # noqa: N802
        return [MIME]

    def startDrag(self, actions):  # noqa: N802
        it = self.currentItem()
        if it is None or it.data(Qt.ItemDataRole.UserRole) is None or not self.can_edit:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([it]))
        drag.exec(Qt.DropAction.MoveAction)
        self._restore_hover()

    def clashes_for(self, lesson_id: int, row: int, col: int) -> list[str]:
        if self.clash_fn is None or not (0 <= row < len(self.slots)):
            return []
        return self.clash_fn(lesson_id, self.date_of(col), self.slots[row]["id"])

    def _target(self, event) -> tuple[int | None, int, int]:
        md = event.mimeData()
        if not md.hasFormat(MIME):
            return None, -1, -1
        lid = int(bytes(md.data(MIME)).decode())
        p = event.position().toPoint()
        return lid, self.rowAt(p.y()), self.columnAt(p.x())

    def dragEnterEvent(self, event):  # noqa: N802
        if event.mimeData().hasFormat(MIME) and self.can_edit:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):  # noqa: N802
        lid, row, col = self._target(event)
        if lid is None or row < 0 or col < 0:
            event.ignore()
            return
        self._restore_hover()
        clashes = self.clashes_for(lid, row, col)
        it = self.item(row, col)
        if it is not None:
            self._hover = (row, col, it.background())
            it.setBackground(QBrush(RED if clashes else GREEN))
        if clashes:
            self.hover_message.emit(QCoreApplication.translate("WeekGrid", "Сюда нельзя: ") + "; ".join(clashes))
            event.ignore()
        else:
            self.hover_message.emit(QCoreApplication.translate("WeekGrid", "Можно перенести на {0}, {1}-й урок").format(
                self.date_of(col).strftime("%d.%m.%Y"), self.slots[row]["number"]))
            event.acceptProposedAction()

    def dragLeaveEvent(self, event):  # noqa: N802
        self._restore_hover()
        super().dragLeaveEvent(event)

    def _restore_hover(self) -> None:
        if self._hover is not None:
            r, c, bg = self._hover
            it = self.item(r, c)
            if it is not None:
                it.setBackground(bg)
            self._hover = None

    def dropEvent(self, event):  # noqa: N802
        self._restore_hover()
        lid, row, col = self._target(event)
        if lid is None or row < 0 or col < 0:
            event.ignore()
            return
        clashes = self.clashes_for(lid, row, col)
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if clashes:
            self.hover_message.emit(QCoreApplication.translate("WeekGrid", "Перенос отменён: ") + "; ".join(clashes))
            return
        self.move_requested.emit(lid, self.date_of(col), self.slots[row]["id"])
