"""Решение о проведении инвентаризации (ф. 0510439): the order's number and date, the reason, the dates,
the rooms counted, the accounts and the commission (name, position, one chair). The service refuses a
commission without a chair or with a counted room's МОЛ; the message shows beside the field it names
(a :class:`~chemcluster_desktop.ui.forms.FormDialog`).

``DecisionDialog(parent, decision_id=N)`` edits an existing decision with the same checks; once a
count by it has been posted the form is shown read-only with the reason."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.inventory import decisions
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.screen import wrapping_list


def _t(s: str) -> str:
    return QCoreApplication.translate("DecisionDialog", s)


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(e: QDateEdit) -> dt.date:
    q = e.date()
    return dt.date(q.year(), q.month(), q.day())


NBSP = "\u00a0"


def room_entry(name: str, responsible: str | None) -> str:
    """«Лаборатория … (ауд. 205) — Орлов Д. С.»: the dash, the surname and the initials glued by no-break
    spaces, so that an entry that has to wrap moves «— Орлов Д. С.» whole to its second line — never a lone
    «С.» there."""
    who = (responsible or "—").strip()
    return f"{name}{NBSP}—{NBSP}{who.replace(' ', NBSP)}"


def fit_entries(view: QListWidget, dialog) -> None:
    """Make the list as wide as its longest entry needs on one line — the text, the check box and the
    margins the item delegate draws around them, the list's frame and its scroll bar — and the dialog wide
    enough for that, as far as the screen allows (what is still too long wraps, see :func:`room_entry`).

    (Before, the list took what the dialog's 760 px left it: 547 px of viewport for a 524 px entry plus its
    check box, 3 px short, so «… (ауд. 205) — Орлов Д.» stood on one line and «С.» alone on the next.)"""
    style = view.style()
    fm = view.fontMetrics()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    check = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, view)
    # QCommonStyle's item layout: a margin each side of the check box and of the text
    text = max((fm.horizontalAdvance(view.item(i).text()) for i in range(view.count())), default=0)
    need = text + check + 4 * margin + 2  # + rounding of the advance
    frame = 2 * view.frameWidth() + style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    screen = dialog.screen().availableGeometry().width() if dialog.screen() else 1366
    extra = need + frame - view.width() if view.width() > 0 else 0
    wanted = min(need + frame, screen - 260)  # the labels' column and the dialog's margins stay on screen
    view.setMinimumWidth(wanted)
    if extra > 0:
        dialog.resize(min(dialog.width() + extra, screen - 40), dialog.height())


class DecisionDialog(FormDialog):
    """The decision's form: a refused save shows its message beside the field it names (the commission's
    table, the rooms, the dates …)."""

    context = "DecisionDialog"

    def __init__(self, parent=None, room_id: int | None = None, decision_id: int | None = None):
        super().__init__(parent, _t("Решение о проведении инвентаризации (ф. 0510439)"), "DecisionDialog")
        self.resize(760, 620)
        self.decision_id: int | None = decision_id
        self.version: int | None = None
        today = dt.date.today()
        self.number = self.add("number", _t("Номер приказа *"), QLineEdit(objectName="decNumber"))
        self.date = self.add("date", _t("Дата приказа *"), self._date(today))
        self.reason = QComboBox(objectName="decReason")
        self.reason.setEditable(True)
        for r in decisions.REASONS:  # shown in the interface language, kept in the order's Russian words
            self.reason.addItem(decisions.reason_label(r), r)
        self.add("reason", _t("Причина *"), self.reason)
        period = QWidget()
        row = QHBoxLayout(period)
        row.setContentsMargins(0, 0, 0, 0)
        self.starts = self._date(today)
        self.ends = self._date(today)
        row.addWidget(self.starts)
        row.addWidget(QLabel(_t("по")))
        row.addWidget(self.ends)
        row.addStretch(1)
        self.add("starts_on", _t("Сроки: с"), period)
        self.fields["ends_on"], self.errors["ends_on"] = self.ends, self.errors["starts_on"]  # one row, one message
        self.rooms = wrapping_list(QListWidget(objectName="decRooms"))  # a long room name wraps, never cut
        self.rooms.setFixedHeight(110)
        for r in inventory.rooms():
            it = QListWidgetItem(room_entry(r["name"], r["responsible"]))
            it.setData(Qt.ItemDataRole.UserRole, r["id"])
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if r["id"] == room_id else Qt.CheckState.Unchecked)
            self.rooms.addItem(it)
        self.add("room_ids", _t("Помещения (МОЛ) *"), self.rooms)
        fit_entries(self.rooms, self)
        self.accounts = self.add("accounts", _t("Счета (что проверяется)"),
                                 QLineEdit("101.34, 101.36, 105.36, 21", objectName="decAccounts"))
        self._build_members()
        self.error = self.message
        self.error.setObjectName("decError")
        self.finish_layout()
        self.save_btn = self.ok_button
        self.save_btn.setText(_t("Сохранить решение"))
        if decision_id is not None:
            self.load(decision_id)

    def _build_members(self) -> None:
        """The commission: a table of name, position and the chair's mark, a button for one more row."""
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.members = QTableWidget(3, 3)
        self.members.setObjectName("decMembers")
        self.members.setHorizontalHeaderLabels([_t("Фамилия И. О."), _t("Должность"), _t("Председатель")])
        self.members.horizontalHeader().setStretchLastSection(False)
        self.members.setColumnWidth(0, 240)
        self.members.setColumnWidth(1, 300)
        self.members.setColumnWidth(2, 120)
        self.members.setMinimumHeight(140)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for r in range(3):
            self._chair_cell(r)
        v.addWidget(self.members, 1)
        add = QPushButton(_t("Добавить члена комиссии"))
        add.setObjectName("decAddMember")
        add.clicked.connect(self.add_member)
        v.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_block("members", _t("Комиссия: председатель и члены с должностями (МОЛ помещений в неё не входят)"),
                       box)
        self.fields["members"] = self.members

    def load(self, decision_id: int) -> None:
        """Fill the form from a saved decision; read-only with the reason once a count by it is posted."""
        d = decisions.get_decision(decision_id)
        self.setWindowTitle(_t("Решение № {0} о проведении инвентаризации (ф. 0510439)").format(d["number"]))
        self.version = d["version"]
        self.number.setText(d["number"])
        self.date.setDate(_qdate(d["date"]))
        self.reason.setCurrentText(d["reason"])
        self.starts.setDate(_qdate(d["starts_on"]))
        self.ends.setDate(_qdate(d["ends_on"]))
        self.accounts.setText(d["accounts"])
        for i in range(self.rooms.count()):
            it = self.rooms.item(i)
            on = it.data(Qt.ItemDataRole.UserRole) in d["room_ids"]
            it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.members.setRowCount(0)
        for r, m in enumerate(d["members"]):
            self.set_member(r, m["name"], m["position"], m["role"] == "chair")
        why = decisions.editable(decision_id)
        if why:
            self.set_error(None, why)
            self.save_btn.setEnabled(False)
            for w in (self.number, self.date, self.reason, self.starts, self.ends, self.rooms, self.accounts,
                      self.members):
                w.setEnabled(False)

    def _date(self, d: dt.date) -> QDateEdit:
        e = QDateEdit(_qdate(d))
        e.setCalendarPopup(True)
        e.setDisplayFormat("dd.MM.yyyy")
        return e

    def _chair_cell(self, r: int) -> None:
        it = QTableWidgetItem()
        it.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        it.setCheckState(Qt.CheckState.Unchecked)
        self.members.setItem(r, 2, it)

    def add_member(self) -> None:
        r = self.members.rowCount()
        self.members.insertRow(r)
        self._chair_cell(r)

    def set_member(self, row: int, name: str, position: str, chair: bool = False) -> None:
        while self.members.rowCount() <= row:
            self.add_member()
        self.members.setItem(row, 0, QTableWidgetItem(name))
        self.members.setItem(row, 1, QTableWidgetItem(position))
        self.members.item(row, 2).setCheckState(Qt.CheckState.Checked if chair else Qt.CheckState.Unchecked)

    def values(self) -> dict:
        members = []
        for r in range(self.members.rowCount()):
            name = (self.members.item(r, 0).text() if self.members.item(r, 0) else "").strip()
            pos = (self.members.item(r, 1).text() if self.members.item(r, 1) else "").strip()
            chair = self.members.item(r, 2).checkState() == Qt.CheckState.Checked
            if name or pos:
                members.append({"name": name, "position": pos, "role": "chair" if chair else "member"})
        rooms = [self.rooms.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.rooms.count())
                 if self.rooms.item(i).checkState() == Qt.CheckState.Checked]
        return {"number": self.number.text(), "date": _pydate(self.date), "reason": self._reason(),
                "starts_on": _pydate(self.starts), "ends_on": _pydate(self.ends), "room_ids": rooms,
                "accounts": self.accounts.text(), "members": members}

    def _reason(self) -> str:
        text = self.reason.currentText().strip()
        i = self.reason.findText(text)
        return self.reason.itemData(i) if i >= 0 and self.reason.itemData(i) else text

    def save(self) -> int:
        if self.version is not None and self.decision_id is not None:
            decisions.update_decision(self.decision_id, self.values(), version=self.version)
        else:
            self.decision_id = decisions.create_decision(self.values())
        return self.decision_id
