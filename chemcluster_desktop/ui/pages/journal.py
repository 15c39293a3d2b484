"""Журнал: who changed what and when. Read only — filtered by user, dates, area, action and record;
the details show the old and new values side by side. Nothing here edits or deletes the journal
(the database refuses it as well)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import journal
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.models.table import Column, PagedTableModel
from chemcluster_desktop.ui.pages.base import BasePage

CTX = "JournalPage"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


ACTION_LABELS = {
    "create": "Создание",
    "update": "Изменение",
    "delete": "Удаление",
    "import": "Импорт",
    "generate": "Генерация расписания",
    "clear": "Очистка расписания",
    "login": "Вход",
    "login_failed": "Неудачный вход",
    "logout": "Выход",
    "restore": "Восстановление базы",
}


def _lupdate_strings() -> list[str]:
    """The badge labels as literal translate() calls, for lupdate."""
    return [QCoreApplication.translate(CTX, "Создание"), QCoreApplication.translate(CTX, "Изменение"),
            QCoreApplication.translate(CTX, "Удаление"), QCoreApplication.translate(CTX, "Импорт"),
            QCoreApplication.translate(CTX, "Вход"), QCoreApplication.translate(CTX, "Неудачный вход"),
            QCoreApplication.translate(CTX, "Выход"),
            QCoreApplication.translate(CTX, "Восстановление базы"),
            QCoreApplication.translate(CTX, "Генерация расписания"), QCoreApplication.translate(CTX, "Очистка расписания")]


class JournalPage(BasePage):
    key = "journal"
    area = None
    context = CTX
    title_text = "Журнал изменений"
    icon_name = "history"
    write_permission = None  # read only: no create / edit / delete actions at all
    empty_text = "Записей журнала нет. Здесь появится каждое изменение данных: кто, когда и что изменил."
    search_placeholder = "Поиск по журналу (Ctrl+F)…"

    def setup_ui(self) -> None:
        cols = [
            Column("at", "Когда", kind="datetime", width=150),
            Column("user_login", "Пользователь", width=120),
            Column("action", "Действие", kind="badge", width=130,
                   badges={k: (v, journal.ACTION_BADGES.get(k, "muted")) for k, v in ACTION_LABELS.items()}),
            Column("area_name", "Раздел", width=150, sortable=False),
            Column("record", "Запись", width=160, sortable=False),
            Column("summary", "Описание"),
        ]
        model = PagedTableModel(cols, count=journal.count, page=journal.page, context=CTX, parent=self)
        model.query = replace(model.query, sort="at", descending=True)  # newest first, as the arrow shows
        self.set_model(model)
        self.table.horizontalHeader().blockSignals(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().blockSignals(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.user_filter = QComboBox()
        self.user_filter.setObjectName("journalUser")
        self.area_filter = QComboBox()
        self.area_filter.setObjectName("journalArea")
        self.action_filter = QComboBox()
        self.action_filter.setObjectName("journalAction")
        self.period = QCheckBox()
        self.period.setObjectName("journalPeriod")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd.MM.yyyy")
            d.setMinimumWidth(d.fontMetrics().horizontalAdvance("00.00.00000") + 44)  # date + drop-down button
            d.setEnabled(False)
        self.record_filter = QLineEdit()
        self.record_filter.setObjectName("journalRecord")
        self.record_filter.setClearButtonEnabled(True)
        self.record_filter.setFixedWidth(110)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("journalReset")
        self.user_label, self.area_label, self.action_label = QLabel(), QLabel(), QLabel()
        self.to_label, self.record_label = QLabel("—"), QLabel()
        for w in (self.user_label, self.user_filter, self.area_label, self.area_filter, self.action_label,
                  self.action_filter, self.period, self.date_from, self.to_label, self.date_to, self.record_label,
                  self.record_filter, self.reset_button):
            self.filter_bar.addWidget(w)
        self.filter_bar.addStretch(1)
        self.user_filter.currentIndexChanged.connect(self._apply_filters)
        self.area_filter.currentIndexChanged.connect(self._apply_filters)
        self.action_filter.currentIndexChanged.connect(self._apply_filters)
        self.period.toggled.connect(self._period_toggled)
        self.date_from.dateChanged.connect(self._apply_filters)
        self.date_to.dateChanged.connect(self._apply_filters)
        self.record_filter.editingFinished.connect(self._apply_filters)
        self.reset_button.clicked.connect(self.reset_filters)

        # details: old and new values side by side
        self.details = QWidget()
        self.details.setObjectName("journalDetails")
        dl = QVBoxLayout(self.details)
        dl.setContentsMargins(8, 0, 0, 0)
        self.details_title = QLabel()
        self.details_title.setObjectName("detailsTitle")
        self.details_title.setWordWrap(True)
        self.details_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.details_title)
        self.changes = QTableWidget(0, 3)
        self.changes.setObjectName("journalChanges")
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.verticalHeader().setVisible(False)
        self.changes.setWordWrap(True)
        hh = self.changes.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        dl.addWidget(self.changes, 1)
        self.set_details_widget(self.details)
        self._fill_filters()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.user_label.setText(_t("Пользователь:"))
        self.area_label.setText(_t("Раздел:"))
        self.action_label.setText(_t("Действие:"))
        self.period.setText(_t("За период"))
        self.record_label.setText(_t("Запись №:"))
        self.record_filter.setPlaceholderText(_t("№"))
        self.reset_button.setText(_t("Сбросить"))
        self.changes.setHorizontalHeaderLabels([_t("Поле"), _t("Было"), _t("Стало")])
        self._fill_filters()
        self.on_selection_changed()

    # --- filters ------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        def refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_t("все"), "")
            for label, data in items:
                combo.addItem(label, data)
            i = combo.findData(keep) if keep else 0
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)

        try:
            users = journal.users()
        except (ServiceError, RuntimeError):
            users = []
        refill(self.user_filter, [(u, u) for u in users])
        refill(self.area_filter, [(journal.area_name(a), a) for a in journal.AREAS])
        refill(self.action_filter, [(_t(ACTION_LABELS.get(a, a)), a) for a in journal.ACTIONS])

    def _period_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._apply_filters()

    def filters(self) -> dict:
        f = {
            "user": self.user_filter.currentData() or None,
            "area": self.area_filter.currentData() or None,
            "action": self.action_filter.currentData() or None,
            "entity_id": self.record_filter.text().strip() or None,
        }
        if self.period.isChecked():
            f["date_from"] = _pydate(self.date_from.date())
            f["date_to"] = _pydate(self.date_to.date())
        return f

    def _apply_filters(self, *_a) -> None:
        if self.model is not None:
            self.model.set_filters(self.filters())
            self._update_empty()
            self._selection_changed()

    def reset_filters(self) -> None:
        for c in (self.user_filter, self.area_filter, self.action_filter):
            c.blockSignals(True)
            c.setCurrentIndex(0)
            c.blockSignals(False)
        self.record_filter.clear()
        self.period.blockSignals(True)
        self.period.setChecked(False)
        self.period.blockSignals(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.search.clear()
        self._apply_filters()

    def show_record(self, entity: str, entity_id) -> None:
        """Other pages may open the history of one record here."""
        self.reset_filters()
        self.record_filter.setText(str(entity_id))
        if self.model is not None:
            f = self.filters()
            f["entity"] = entity
            self.model.set_filters(f)

    def reload(self) -> None:
        self._fill_filters()
        super().reload()

    # --- details ------------------------------------------------------------------------------
    def on_selection_changed(self) -> None:
        rid = self.current_id()
        if rid is None:
            self.details_title.setText(_t("Выберите запись журнала, чтобы увидеть, что было и что стало."))
            self.changes.setRowCount(0)
            return
        try:
            e = journal.entry(rid)
        except ServiceError as err:
            self.details_title.setText(str(err))
            self.changes.setRowCount(0)
            return
        when = fmt.datetime(e["at"]) if e["at"] else ""
        self.details_title.setText(_t("{0}, {1}: {2} — {3} {4}").format(
            when, e["user_login"], _t(ACTION_LABELS.get(e["action"], e["action"])), e["record"], e["summary"]))
        self.changes.setRowCount(len(e["changes"]))
        for r, c in enumerate(e["changes"]):
            for col, text in enumerate((c.field, c.old, c.new)):
                it = QTableWidgetItem(text)
                it.setToolTip(text)
                if col == 1 and e["action"] == "update":
                    it.setForeground(Qt.GlobalColor.darkRed)
                if col == 2 and e["action"] == "update":
                    it.setForeground(Qt.GlobalColor.darkGreen)
                self.changes.setItem(r, col, it)
        self.changes.resizeRowsToContents()


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())
