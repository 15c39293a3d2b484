"""What the procurement tabs share: the status badges, small read-only tables, the offers table's
delegates."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
)

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.ui.models.table import BADGE_COLORS
from chemcluster_desktop.ui.style import set_role

CTX = "Procurement"


def tr(s: str) -> str:
    return QCoreApplication.translate("Procurement", s)


STATUS_BADGES = {k: (v, P.STATUS_COLORS[k]) for k, v in P.STATUS_LABELS.items()}



def badge_label(status: str) -> QLabel:
    lab = QLabel(P.status_label(status))
    bg, fg = BADGE_COLORS.get(P.STATUS_COLORS.get(status, "muted"), BADGE_COLORS["muted"])
    lab.setStyleSheet(f"background:{bg}; color:{fg}; border-radius:8px; padding:1px 8px; font-weight:bold;")
    lab.setObjectName("statusBadge")
    return lab


def hint(text: str = "") -> QLabel:
    lab = QLabel(text)
    set_role(lab, "hint")
    lab.setWordWrap(True)
    return lab


def ro_item(text: str, right: bool = False) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


def small_table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # columns as wide as their contents and headers; the table scrolls sideways rather than squeezing
    # the last one under its header («На учёте, ед.» cut)
    t.horizontalHeader().setStretchLastSection(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setMinimumSectionSize(60)
    t.verticalHeader().setDefaultSectionSize(24)
    return t


# --- delegates of the offers table --------------------------------------------------------------------
class SupplierDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        c = QComboBox(parent)
        c.setEditable(True)
        for s in P.all_suppliers():
            c.addItem(s.name, s.id)
        return c

    def setEditorData(self, editor, index):  # noqa: N802
        sid = index.data(Qt.ItemDataRole.UserRole + 2)
        i = editor.findData(sid) if sid is not None else editor.findText(index.data() or "")
        if i >= 0:
            editor.setCurrentIndex(i)
        else:
            editor.setEditText(index.data() or "")

    def setModelData(self, editor, model, index):  # noqa: N802
        text = editor.currentText().strip()
        i = editor.findText(text)
        sid = editor.itemData(i) if i >= 0 else None
        model.setData(index, sid, Qt.ItemDataRole.UserRole + 2)
        model.setData(index, text, Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        e = QDateEdit(parent)
        e.setCalendarPopup(True)
        e.setDisplayFormat("dd.MM.yyyy")
        return e

    def setEditorData(self, editor, index):  # noqa: N802
        d = QDate.fromString(index.data() or "", "dd.MM.yyyy")
        editor.setDate(d if d.isValid() else QDate.currentDate())

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.date().toString("dd.MM.yyyy"), Qt.ItemDataRole.EditRole)


def brush(color: str) -> QBrush:
    return QBrush(QColor(color))
