"""Stock-taking of a room: start it, scan or type inventory numbers (a scanner acting as a keyboard
types the number and Enter into the scan field), record unknown items, close it and print; post a
closed one's result as movement documents (review dialog in ``stocktaking_post``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import BADGE_COLORS
from chemcluster_desktop.ui.style import set_role


def _t(s: str) -> str:
    return QCoreApplication.translate("StocktakingDialog", s)


STATE_LABELS = {
    "found": ("Найдено", "ok"),
    "partial": ("Найдено частично", "warn"),
    "missing": ("Не найдено", "bad"),
    "elsewhere": ("Числится в другом месте", "info"),
    "unknown": ("Не числится по учёту", "info"),
}


class StocktakingDialog(QDialog):
    print_requested = Signal(str, dict)  # report kind, filters

    def __init__(self, parent=None, stocktaking_id: int | None = None, room_id: int | None = None):
        super().__init__(parent)
        self.setObjectName("StocktakingDialog")
        self.st_id = stocktaking_id
        self.data: dict | None = None
        self.resize(900, 680)
        self._updating = False
        self._closed_id: int | None = None
        lay = QVBoxLayout(self)

        self._build_start_panel(lay, room_id)

        self._build_work_panel(lay)

        self.error = QLabel()
        self.error.setObjectName("stError")
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.done_btn = QPushButton(_t("Закрыть окно"))
        self.done_btn.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.done_btn.setAutoDefault(False)
        self.done_btn.clicked.connect(self.accept)
        bottom.addWidget(self.done_btn)
        lay.addLayout(bottom)
        for b in (self.start_btn, self.unknown_btn, self.print_list_btn, self.print_diff_btn, self.print_decision_btn,
                  self.decision_btn,
                  self.estimate_btn,
                  self.print_act_btn, self.close_st_btn,
                  self.post_btn, self.open_closed_btn):
            b.setAutoDefault(False)
        if self.st_id is not None:
            self.reload()
        else:
            self.setWindowTitle(_t("Новая инвентаризация"))
            self.work_panel.hide()
            self._offer_closed()

    def _build_start_panel(self, lay: QVBoxLayout, room_id: int | None) -> None:
        """The room and the decision (ф. 0510439) the count starts by."""
        # start panel
        self.start_panel = QWidget()
        sf = QFormLayout(self.start_panel)
        self.room = QComboBox()
        self.room.setObjectName("stRoom")
        for r in inventory.rooms():
            self.room.addItem(r["name"], r["id"])
        if room_id is not None:
            self.room.setCurrentIndex(max(self.room.findData(room_id), 0))
        sf.addRow(_t("Помещение *"), self.room)
        # the decision (ф. 0510439) the count carries out: its order, dates and commission
        self.decision = QComboBox()
        self.decision.setObjectName("stDecision")
        self.new_decision_btn = QPushButton(icon("file-document-edit-outline"), _t("Новое решение…"))
        self.new_decision_btn.setObjectName("stNewDecision")
        self.new_decision_btn.setAutoDefault(False)
        self.new_decision_btn.clicked.connect(self.new_decision)
        self.edit_decision_btn = QPushButton(icon("pencil-outline"), _t("Изменить…"))
        self.edit_decision_btn.setObjectName("stEditDecision")
        self.edit_decision_btn.setToolTip(_t("Изменить выбранное решение (до проведения результатов)"))
        self.edit_decision_btn.setAutoDefault(False)
        self.edit_decision_btn.clicked.connect(lambda: self.edit_decision(self.decision.currentData()))
        drow = QHBoxLayout()
        drow.addWidget(self.decision, 1)
        drow.addWidget(self.new_decision_btn)
        drow.addWidget(self.edit_decision_btn)
        sf.addRow(_t("Решение (приказ) *"), drow)
        self.last_decision_dialog = None
        self.start_btn = QPushButton(icon("play-circle-outline"), _t("Начать инвентаризацию"))
        self.start_btn.setObjectName("stStart")
        self.start_btn.clicked.connect(self.start)
        sf.addRow("", self.start_btn)
        # the room's last stock-taking, closed but not posted yet: open it to post its result
        self.open_closed_btn = QPushButton(icon("clipboard-check-outline"), "")
        self.open_closed_btn.setObjectName("stOpenClosed")
        self.open_closed_btn.clicked.connect(self._open_closed)
        sf.addRow("", self.open_closed_btn)
        self.room.currentIndexChanged.connect(lambda _i: self._offer_closed())
        self.room.currentIndexChanged.connect(lambda _i: self._fill_decisions())
        self._fill_decisions()
        lay.addWidget(self.start_panel)

    def _build_work_panel(self, lay: QVBoxLayout) -> None:
        """The scan field, the lines, unknown things and the summary."""
        # work panel
        self.work_panel = QWidget()
        wl = QVBoxLayout(self.work_panel)
        wl.setContentsMargins(0, 0, 0, 0)
        self.head = QLabel()
        self.head.setObjectName("stHead")
        self.head.setWordWrap(True)
        wl.addWidget(self.head)
        srow = QHBoxLayout()
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("stScan")
        self.scan_field.setPlaceholderText(_t("Отсканируйте QR-код этикетки или введите инвентарный номер и нажмите Enter"))
        self.scan_field.returnPressed.connect(self.on_scan)
        srow.addWidget(QLabel(_t("Скан:")))
        srow.addWidget(self.scan_field, 1)
        wl.addLayout(srow)
        self.scan_result = QLabel()
        self.scan_result.setObjectName("stScanResult")
        self.scan_result.setWordWrap(True)
        wl.addWidget(self.scan_result)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("stLines")
        self.table.setHorizontalHeaderLabels([_t("Инв. номер"), _t("Наименование"), _t("Ед."), _t("По учёту"),
                                              _t("Фактически"), _t("Результат")])
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 140)
        self.table.setColumnWidth(5, 190)
        self.table.itemChanged.connect(self._found_edited)
        wl.addWidget(self.table, 1)
        urow = QHBoxLayout()
        self.unknown = QLineEdit()
        self.unknown.setObjectName("stUnknown")
        self.unknown.setPlaceholderText(_t("Неучтённый предмет: наименование и приметы"))
        self.unknown.returnPressed.connect(self.add_unknown)
        self.unknown_btn = QPushButton(icon("plus"), _t("Добавить неучтённый"))
        self.unknown_btn.setObjectName("stAddUnknown")
        self.unknown_btn.clicked.connect(self.add_unknown)
        urow.addWidget(self.unknown, 1)
        urow.addWidget(self.unknown_btn)
        wl.addLayout(urow)
        self.summary = QLabel()
        self.summary.setObjectName("stSummary")
        self.summary.setWordWrap(True)
        wl.addWidget(self.summary)
        self._build_buttons(wl)
        lay.addWidget(self.work_panel, 1)

    def _build_buttons(self, wl: QVBoxLayout) -> None:
        """The forms to print, the estimate of a surplus, posting and closing."""
        brow = QHBoxLayout()
        self.print_list_btn = QPushButton(icon("printer-outline"), _t("Описи (0510466)"))
        self.print_list_btn.setObjectName("stPrintList")
        self.print_list_btn.clicked.connect(lambda: self.print_requested.emit("inventory",
                                                                              {"stocktaking": str(self.st_id)}))
        self.print_diff_btn = QPushButton(icon("printer-outline"), _t("Расхождения (0504092)"))
        self.print_diff_btn.setObjectName("stPrintDiff")
        self.print_diff_btn.clicked.connect(lambda: self.print_requested.emit("discrepancies",
                                                                              {"stocktaking": str(self.st_id)}))
        self.print_decision_btn = QPushButton(icon("printer-outline"), _t("Решение (0510439)"))
        self.print_decision_btn.setObjectName("stPrintDecision")
        self.print_decision_btn.clicked.connect(lambda: self.print_requested.emit("inventory-decision",
                                                                                  {"stocktaking": str(self.st_id)}))
        self.print_act_btn = QPushButton(icon("printer-outline"), _t("Акт (0510463)"))
        self.print_act_btn.setObjectName("stPrintAct")
        self.print_act_btn.clicked.connect(lambda: self.print_requested.emit("inventory-act",
                                                                             {"stocktaking": str(self.st_id)}))
        self.close_st_btn = QPushButton(icon("check-circle-outline"), _t("Завершить инвентаризацию"))
        self.close_st_btn.setObjectName("stClose")
        self.close_st_btn.clicked.connect(lambda: self.finish(confirm=True))
        self.decision_btn = QPushButton(icon("file-document-edit-outline"), _t("Решение…"))
        self.decision_btn.setObjectName("stDecisionEdit")
        self.decision_btn.setToolTip(_t("Решение о проведении инвентаризации (ф. 0510439): посмотреть и изменить"))
        self.decision_btn.clicked.connect(lambda: self.edit_decision((self.data or {}).get("decision_id")))
        brow.addWidget(self.decision_btn)
        brow.addWidget(self.print_decision_btn)
        brow.addWidget(self.print_list_btn)
        brow.addWidget(self.print_diff_btn)
        brow.addWidget(self.print_act_btn)
        brow.addStretch(1)
        self.post_btn = QPushButton(icon("file-document-check-outline"), _t("Провести результаты…"))
        self.post_btn.setObjectName("stPost")
        self.post_btn.setToolTip(_t("Оформить по результатам списание, оприходование и перемещение"))
        self.post_btn.clicked.connect(self.open_posting)
        # a surplus's value for ф. 0504092: the commission's estimate, suggested from a similar card
        self.estimate_btn = QPushButton(icon("cash-plus"), _t("Оценка излишка…"))
        self.estimate_btn.setObjectName("stEstimate")
        self.estimate_btn.setToolTip(_t("Текущая оценка выбранного излишка для ведомости расхождений (ф. 0504092)"))
        self.estimate_btn.clicked.connect(lambda: self.estimate_selected())
        self.post_btn.hide()
        self.last_post_dialog = None
        brow.addWidget(self.estimate_btn)
        brow.addWidget(self.post_btn)
        brow.addWidget(self.close_st_btn)
        wl.addLayout(brow)

    # --- actions ----------------------------------------------------------------------------------------
    def start(self) -> None:
        rid = self.room.currentData()
        if rid is None:
            self.error.setText(_t("Выберите помещение."))
            return
        try:
            self.st_id = st_service.start(rid, decision=self.decision.currentData())
        except ServiceError as e:
            self.error.setText(str(e))
            return
        self.error.setText("")
        self.reload()
        self.scan_field.setFocus()

    def _fill_decisions(self, select: int | None = None) -> None:
        from chemcluster_desktop.services.inventory import decisions

        self.decision.clear()
        rid = self.room.currentData()
        for d in decisions.list_decisions(rid) if rid is not None else []:
            self.decision.addItem(_t("№ {0} от {1} — {2}, {3}–{4}").format(
                d["number"], fmt.date(d["date"]), d["reason"], fmt.date(d["starts_on"]), fmt.date(d["ends_on"])),
                d["id"])
        if select is not None:
            self.decision.setCurrentIndex(max(self.decision.findData(select), 0))

    def new_decision(self) -> None:
        from chemcluster_desktop.ui.dialogs.stocktaking_decision import DecisionDialog

        dlg = DecisionDialog(self, room_id=self.room.currentData())
        self.last_decision_dialog = dlg
        dlg.accepted.connect(lambda: self._fill_decisions(dlg.decision_id))
        dlg.open()

    def edit_decision(self, decision_id: int | None) -> None:
        """The decision's form for editing (read-only with the reason once a count by it is posted)."""
        from chemcluster_desktop.ui.dialogs.stocktaking_decision import DecisionDialog

        if decision_id is None:
            self.error.setText(_t("Выберите решение."))
            return
        dlg = DecisionDialog(self, decision_id=decision_id)
        self.last_decision_dialog = dlg
        dlg.accepted.connect(lambda: self._fill_decisions(decision_id) if self.st_id is None else self.reload())
        dlg.open()

    def reload(self) -> None:
        self.data = st_service.get(self.st_id)
        d = self.data
        self.start_panel.hide()
        self.work_panel.show()
        closed = d["status"] != "open"
        self.setWindowTitle(_t("Инвентаризация {0}: {1}").format(d["number"], d["room"]))
        state = _t("закрыта {0}").format(fmt.datetime(d["closed_at"])) if closed else _t("идёт")
        if d["status"] == "posted":
            state += "; " + _t("результаты проведены {0} ({1})").format(fmt.datetime(d["posted_at"]),
                                                                        d["posted_by"] or "—")
        self.head.setText(_t("Помещение: {0}; МОЛ: {1}; начата {2}, {3}.").format(
            d["room"], d["responsible"] or "—", fmt.date(d["started_on"]), state))
        self._updating = True
        self.table.setRowCount(len(d["lines"]))
        for i, ln in enumerate(d["lines"]):
            label, color = STATE_LABELS[ln["state"]]
            vals = [ln["inventory_number"], ln["name"], ln["unit"], fmt.decimal(ln["expected"]),
                    fmt.decimal(ln["found"]), QCoreApplication.translate("StocktakingDialog", label)]
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j in (3, 4):
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j != 4 or closed:
                    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if j == 5:
                    bg, fg = BADGE_COLORS[color]
                    it.setBackground(QColor(bg))
                    it.setForeground(QColor(fg))
                it.setData(Qt.ItemDataRole.UserRole, ln["id"])
                self.table.setItem(i, j, it)
        self._updating = False
        res = st_service.discrepancies(self.st_id)
        found = sum(1 for ln in d["lines"] if ln["state"] == "found")
        self.summary.setText(_t("По учёту: {0}; отмечено: {1}; недостача: {2}; излишки и неучтённые: {3}.")
                             .format(res.expected, found, len(res.shortages), len(res.surpluses)))
        for w in (self.scan_field, self.unknown, self.unknown_btn, self.close_st_btn):
            w.setEnabled(not closed)
        self.close_st_btn.setVisible(not closed)
        self.post_btn.setVisible(d["status"] == "closed")
        self.decision_btn.setVisible(bool(d.get("decision_id")))

    def estimate_selected(self, text: str | None = None) -> bool:
        """Set the estimate of the selected surplus line (asks, offering a similar card's price)."""
        from PySide6.QtWidgets import QInputDialog

        from chemcluster_desktop.services.inventory import surplus

        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        line = next((ln for ln in (self.data or {}).get("lines", [])
                     if item is not None and ln["id"] == item.data(Qt.ItemDataRole.UserRole)), None)
        if line is None or line["found"] <= line["expected"]:
            self.error.setText(_t("Выберите строку излишка (не числится по учёту или числится в другом месте)."))
            return False
        if text is None:
            hint = line["estimate"] if line["estimate"] is not None else surplus.suggest_estimate(self.st_id,
                                                                                                   line["id"])
            text, ok = QInputDialog.getText(self, _t("Оценка излишка"),
                                            _t("«{0}»: текущая оценка за единицу, ₽").format(line["name"]),
                                            text=fmt.decimal(hint, 2) if hint is not None else "")
            if not ok:
                return False
        try:
            surplus.set_estimate(self.st_id, line["id"], text.replace(" ", "").replace("\u00a0", "") or None)
        except ServiceError as e:
            self.error.setText(str(e))
            return False
        self.error.setText("")
        self.reload()
        return True

    def _offer_closed(self) -> None:
        rid = self.room.currentData()
        last = st_service.latest_for_room(rid) if rid is not None else None
        info = st_service.get(last) if last is not None else None
        self._closed_id = info["id"] if info and info["status"] == "closed" else None
        if self._closed_id is not None:
            self.open_closed_btn.setText(_t("Инвентаризация {0} от {1} завершена, результаты не проведены — "
                                            "открыть").format(info["number"], fmt.date(info["started_on"])))
        self.open_closed_btn.setVisible(self._closed_id is not None)

    def _open_closed(self) -> None:
        if self._closed_id is not None:
            self.st_id = self._closed_id
            self.reload()

    def open_posting(self):
        """The review dialog of the documents the result becomes; after posting, the lists refresh."""
        from chemcluster_desktop.ui.dialogs.stocktaking_post import StocktakingPostDialog

        try:
            dlg = StocktakingPostDialog(self, self.st_id)
        except ServiceError as e:
            self.error.setText(str(e))
            return None
        self.last_post_dialog = dlg
        dlg.accepted.connect(lambda: self._posted(dlg))
        dlg.open()
        return dlg

    def _posted(self, dlg) -> None:
        res = dlg.result_post
        self.reload()
        if res is not None:
            docs = ", ".join(d.number for d in res.documents) or _t("документов нет")
            self._say(_t("Результаты проведены: {0}.").format(docs), "ok")

    def _row_of_line(self, line_id: int) -> int:
        for r in range(self.table.rowCount()):
            it = self.table.item(r, 0)
            if it is not None and it.data(Qt.ItemDataRole.UserRole) == line_id:
                return r
        return -1

    def on_scan(self) -> None:
        code = self.scan_field.text()
        self.scan_field.clear()
        try:
            res = st_service.scan(self.st_id, code)
        except ServiceError as e:
            self._say(str(e), "bad")
            return
        color = {"found": "ok", "again": "muted", "elsewhere": "info", "unknown": "bad", "written_off": "bad"}
        self._say(res.text, color.get(res.status, "muted"))
        self.reload()
        if res.line_id is not None:
            r = self._row_of_line(res.line_id)
            if r >= 0:
                self.table.selectRow(r)
                self.table.scrollToItem(self.table.item(r, 0))
        if res.status == "unknown":
            self.unknown.setText(code.strip())
        self.scan_field.setFocus()

    def _say(self, text: str, color: str) -> None:
        bg, fg = BADGE_COLORS.get(color, BADGE_COLORS["muted"])
        self.scan_result.setStyleSheet(f"background:{bg}; color:{fg}; padding:4px 8px; border-radius:4px;")
        self.scan_result.setText(text)

    def _found_edited(self, it: QTableWidgetItem) -> None:
        if self._updating or it.column() != 4:
            return
        line_id = it.data(Qt.ItemDataRole.UserRole)
        try:
            q = fmt.parse_decimal(it.text())
            st_service.set_found(self.st_id, line_id, q if q is not None else 0)
        except (ValueError, ServiceError) as e:
            self._say(str(e) if isinstance(e, ServiceError) else _t("Нужно число, например 3 или 2,5."), "bad")
        self.reload()

    def add_unknown(self) -> None:
        try:
            st_service.add_unknown(self.st_id, self.unknown.text())
        except ServiceError as e:
            self._say(str(e), "bad")
            return
        self._say(_t("Добавлен неучтённый предмет: {0}").format(self.unknown.text().strip()), "info")
        self.unknown.clear()
        self.reload()
        self.scan_field.setFocus()

    def finish(self, confirm: bool = True) -> st_service.Discrepancies | None:
        if confirm:
            box = QMessageBox(QMessageBox.Icon.Question, _t("Завершение инвентаризации"),
                              _t("Завершить инвентаризацию? После этого отметки изменить нельзя."),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return None
        try:
            res = st_service.close(self.st_id, self.data["version"] if self.data else None)
        except ServiceError as e:
            self.error.setText(str(e))
            return None
        self.reload()
        if res.ok:
            self._say(_t("Инвентаризация завершена: расхождений нет."), "ok")
        else:
            self._say(_t("Инвентаризация завершена: недостача {0}, излишки {1}. Напечатайте ведомость расхождений.")
                      .format(len(res.shortages), len(res.surpluses)), "warn")
        return res

    def keyPressEvent(self, e) -> None:  # noqa: N802
        # Enter in the scan field scans; it must never close the dialog
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(e)


def started_on_default() -> dt.date:
    return dt.date.today()
