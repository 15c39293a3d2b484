"""Review and post a closed stock-taking's result: every proposed document line with a check box
(write-off of what is missing, receipt of surpluses, transfer of items of another room, new cards for
unknown things), the write-off reason, then «Провести» — all documents in one transaction."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import BADGE_COLORS
from chemcluster_desktop.ui.style import set_role


def _t(s: str) -> str:
    return QCoreApplication.translate("StocktakingPostDialog", s)


NEW_KINDS = ("equipment", "furniture", "consumable")
COLS = 7  # document (check box) | inv. number | name | kind | quantity | unit | note


def action_label(action: str) -> str:
    if action == "create":
        return _t("Постановка на учёт")
    if action == "none":
        return _t("Не проводится")
    return inventory.movement_label(action)


class StocktakingPostDialog(QDialog):
    def __init__(self, parent, stocktaking_id: int):
        super().__init__(parent)
        self.setObjectName("StocktakingPostDialog")
        self.st_id = stocktaking_id
        self.result_post: st_service.PostingResult | None = None
        self.plan = st_service.posting_plan(stocktaking_id)
        p = self.plan
        self.setWindowTitle(_t("Проведение результатов инвентаризации {0}").format(p.number))
        self.resize(1100, 560)
        lay = QVBoxLayout(self)
        head = QLabel(_t("Инвентаризация {0} от {1}, помещение «{2}». Отметьте строки, которые нужно провести: "
                         "по ним будут оформлены документы движения. Неотмеченные строки останутся как есть.")
                      .format(p.number, fmt.date(p.started_on), p.room))
        head.setWordWrap(True)
        lay.addWidget(head)
        form = QFormLayout()
        self.reason = QLineEdit(p.reason)
        self.reason.setObjectName("stpReason")
        self.reason.textChanged.connect(self._update)
        form.addRow(_t("Причина списания *"), self.reason)
        lay.addLayout(form)

        self.table = QTableWidget(len(p.lines), COLS)
        self.table.setObjectName("stpLines")
        self.table.setHorizontalHeaderLabels([_t("Документ"), _t("Инв. номер"), _t("Наименование"), _t("Вид"),
                                              _t("Кол-во"), _t("Ед."), _t("Пояснение")])
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 165), (1, 130), (3, 150), (4, 75), (5, 45), (6, 200)):
            self.table.setColumnWidth(col, width)
        self.kind_boxes: dict[int, QComboBox] = {}
        muted_bg, muted_fg = BADGE_COLORS["muted"]
        for r, pl in enumerate(p.lines):
            doc = QTableWidgetItem(action_label(pl.action))
            doc.setData(Qt.ItemDataRole.UserRole, pl.line_id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if pl.postable:
                doc.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
                doc.setCheckState(Qt.CheckState.Checked if pl.checked else Qt.CheckState.Unchecked)
            else:
                doc.setFlags(Qt.ItemFlag.ItemIsSelectable)
            qty = fmt.decimal(pl.quantity)
            if pl.action in ("write_off", "receipt") and not pl.whole:
                qty = ("−" if pl.action == "write_off" else "+") + qty
            vals = [pl.inventory_number, pl.name, inventory.kind_label(pl.item_kind) if pl.item_kind else "", qty,
                    pl.unit, pl.note]
            self.table.setItem(r, 0, doc)
            for j, v in enumerate(vals, 1):
                it = QTableWidgetItem(v)
                if j in (2, 6):
                    it.setToolTip(v)
                it.setFlags(flags if pl.postable else Qt.ItemFlag.ItemIsSelectable)
                if j == 4:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not pl.postable:
                    it.setForeground(QColor(muted_fg))
                self.table.setItem(r, j, it)
            if pl.action == "create":
                box = QComboBox()
                box.setObjectName(f"stpKind{pl.line_id}")
                for k in NEW_KINDS:
                    box.addItem(inventory.kind_label(k), k)
                box.setCurrentIndex(max(box.findData(pl.item_kind), 0))
                box.setToolTip(_t("Вид новой позиции: оборудование и мебель — по карточке на каждый предмет"))
                self.table.setCellWidget(r, 3, box)
                self.kind_boxes[pl.line_id] = box
        self.table.itemChanged.connect(lambda _it: self._update())
        lay.addWidget(self.table, 1)
        if not p.lines:
            empty = QLabel(_t("Расхождений нет: проводить нечего. «Провести» отметит инвентаризацию как проведённую."))
            empty.setWordWrap(True)
            lay.addWidget(empty)

        self.summary = QLabel()
        self.summary.setObjectName("stpSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.error = QLabel()
        self.error.setObjectName("stpError")
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        brow = QHBoxLayout()
        brow.addStretch(1)
        self.post_btn = QPushButton(icon("check-all"), _t("Провести"))
        self.post_btn.setObjectName("stpPost")
        self.post_btn.setDefault(True)
        self.post_btn.clicked.connect(self.post)
        self.cancel_btn = QPushButton(_t("Отмена"))
        self.cancel_btn.setObjectName("stpCancel")
        self.cancel_btn.setAutoDefault(False)
        self.cancel_btn.clicked.connect(self.reject)
        brow.addWidget(self.post_btn)
        brow.addWidget(self.cancel_btn)
        lay.addLayout(brow)
        self._update()

    # --- state ---------------------------------------------------------------------------------------------
    def checked_lines(self) -> list[int]:
        out = []
        for r in range(self.table.rowCount()):
            it = self.table.item(r, 0)
            if it.flags() & Qt.ItemFlag.ItemIsUserCheckable and it.checkState() == Qt.CheckState.Checked:
                out.append(it.data(Qt.ItemDataRole.UserRole))
        return out

    def set_checked(self, line_id: int, on: bool) -> None:
        for r in range(self.table.rowCount()):
            it = self.table.item(r, 0)
            if it.data(Qt.ItemDataRole.UserRole) == line_id:
                it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update(self) -> None:
        chosen = set(self.checked_lines())
        counts = {a: 0 for a in st_service.POSTING_ACTIONS}
        for pl in self.plan.lines:
            if pl.line_id in chosen:
                counts[pl.action] += 1
        parts = [f"{action_label(a)} — {n}" for a, n in counts.items() if n]
        self.summary.setText(_t("Будет проведено строк: {0}").format(len(chosen))
                             + (": " + "; ".join(parts) if parts else "") + ".")
        need_reason = counts["write_off"] > 0 and not self.reason.text().strip()
        self.error.setText(_t("Укажите причину списания.") if need_reason else "")
        self.post_btn.setEnabled(not need_reason)

    def post(self) -> None:
        kinds = {lid: box.currentData() for lid, box in self.kind_boxes.items()}
        try:
            self.result_post = st_service.post(self.st_id, self.checked_lines(), reason=self.reason.text(),
                                               kinds=kinds)
        except ServiceError as e:
            self.error.setText(str(e))
            return
        self.accept()
