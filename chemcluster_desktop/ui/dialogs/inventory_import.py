"""The inventory import's preview: the generic column mapping and rows of :class:`ImportPreviewDialog`,
plus what the inventory needs — a room for every row without one, whether a row of N identical things
stays one group card or becomes N unit cards, and what happens to each row (create / update / skip,
with kind, room, quantity and the reason), and the rows that are not data (column numbers, account
captions, totals, signatures, objects disposed of in the period)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
)

from chemcluster_desktop.services import inventory
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.dialogs.import_preview import ImportPreviewDialog
from chemcluster_desktop.ui.widgets.filter_bar import FilterBar


def _t(s: str) -> str:
    return QCoreApplication.translate("InventoryImport", s)


ACTION_COLORS = {"create": "#e6f4ea", "update": "#e8f0fe", "skip": "#fde7e9"}


class InventoryImportDialog(ImportPreviewDialog):
    def __init__(self, parent, path: str, preview):
        self.path = path
        super().__init__(parent, _t("Импорт инвентаря: {0}").format(Path(path).name), preview,
                         repreview=lambda mapping: inventory.preview_import(path, mapping, **self.options()),
                         run_import=lambda mapping, task: inventory.import_inventory(
                             path, mapping=mapping, progress=task.progress, cancelled=task.is_cancelled,
                             **self.options()),
                         unit_text=_t("строк"))
        self.setObjectName("InventoryImportDialog")
        self.resize(1240, 720)

    def build_extra(self) -> None:
        self.actions_table = QTableWidget(0, 7)
        self.ignored_table = QTableWidget(0, 2)
        # options: the room for rows without one, groups kept or split
        opts = FilterBar(spacing=8)  # the options wrap onto a second row on a narrow screen (125 %)
        opts.addWidget(QLabel(_t("Помещение для строк без помещения:")))
        self.room = QComboBox()
        self.room.setObjectName("importRoom")
        self.room.setEditable(True)
        self.room.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.room.addItem("")
        for r in inventory.rooms():
            self.room.addItem(r["name"])
        self.room.lineEdit().setPlaceholderText(_t("— из файла; новое название создаст помещение —"))
        self.room.setMinimumWidth(330)
        opts.addWidget(self.room)
        opts.addSpacing(16)
        opts.addWidget(QLabel(_t("Строка из N одинаковых предметов:")))
        self.keep = QRadioButton(_t("одна карточка-группа"))
        self.keep.setObjectName("importGroupsKeep")
        self.split = QRadioButton(_t("N карточек по штуке"))
        self.split.setObjectName("importGroupsSplit")
        self.keep.setChecked(True)
        self.groups = QButtonGroup(self)
        for b in (self.keep, self.split):
            self.groups.addButton(b)
            opts.addWidget(b)
            b.toggled.connect(lambda on: on and self.apply_mapping())
        self.room.activated.connect(lambda _i: self.apply_mapping())
        self.room.lineEdit().editingFinished.connect(self.apply_mapping)
        self.layout().insertWidget(1, opts)
        # what happens to each row, and the rows that are not data
        t = self.actions_table
        t.setObjectName("importActions")
        t.setHorizontalHeaderLabels([_t("Строка"), _t("Действие"), _t("Наименование"), _t("Вид"), _t("Помещение"),
                                     _t("Кол-во"), _t("Пояснение")])
        t.verticalHeader().setVisible(False)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for c, w in ((0, 60), (1, 90), (3, 120), (4, 180), (5, 70), (6, 260)):
            t.setColumnWidth(c, w)
        self.tabs.addTab(t, _t("Что будет"))  # after the base's tabs: it addresses them by index
        g = self.ignored_table
        g.setObjectName("importIgnored")
        g.setHorizontalHeaderLabels([_t("Строка"), _t("Почему не данные")])
        g.verticalHeader().setVisible(False)
        g.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        g.horizontalHeader().setStretchLastSection(True)
        g.setColumnWidth(0, 70)
        self.tabs.addTab(g, _t("Не данные"))

    def options(self) -> dict:
        return {"room": self.room.currentText().strip(), "groups": "split" if self.split.isChecked() else "keep"}

    def show_preview(self, pv) -> None:
        super().show_preview(pv)
        t = self.actions_table
        acts = list(pv.actions)
        t.setRowCount(len(acts))
        for i, a in enumerate(acts):
            q = "" if a.quantity is None else fmt.decimal(a.quantity)
            vals = [str(a.row), a.action_label, a.name, a.kind_label, a.room, q, a.reason]
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j in (0, 5):
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j == 1:
                    it.setBackground(QColor(ACTION_COLORS[a.action]))
                t.setItem(i, j, it)
        rep = pv.report
        self.tabs.setTabText(self.tabs.indexOf(t), _t("Что будет: создать {0}, обновить {1}, пропустить {2}")
                             .format(rep.created, rep.updated, len(rep.skipped)))
        ign = rep.ignored
        self.ignored_table.setRowCount(len(ign))
        for i, (r, why) in enumerate(ign):
            a = QTableWidgetItem(str(r))
            a.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.ignored_table.setItem(i, 0, a)
            self.ignored_table.setItem(i, 1, QTableWidgetItem(why))
        self.tabs.setTabText(self.tabs.indexOf(self.ignored_table), _t("Не данные ({0})").format(len(ign)))
        if not pv.uncertain and not pv.errors:
            self.tabs.setCurrentWidget(t)
