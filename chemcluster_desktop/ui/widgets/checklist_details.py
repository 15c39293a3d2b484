"""The side panel of a checklist line: what is required, the inventory items linked to it (confirm or
refuse the matching's proposals, link an item by hand), the status set by hand with its comment, the
line's loans and leases (a partner's equipment by document), the line's comment and its
evidence photos. A status set by hand that the evidence does not support reads «вручную, без
подтверждения» and does not count."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import security
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import BADGE_COLORS
from chemcluster_desktop.ui.style import group_box, set_role

CTX = "ChecklistDetails"
STATUS_BADGE = {"met": ("Выполнено", "ok"), "partial": ("Частично", "warn"), "missing": ("Не выполнено", "bad")}


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _state_label(state: str) -> str:
    return {
        "confirmed": _t("подтверждено"),
        "auto": _t("автоматически"),
        "proposed": _t("предложение"),
        "rejected": _t("отклонено"),
    }.get(state, state)


def status_text(st: str) -> str:
    return {"met": _t("Выполнено"), "partial": _t("Частично"), "missing": _t("Не выполнено")}.get(st, st)


def badge_css(key: str) -> str:
    bg, fg = BADGE_COLORS.get(key, BADGE_COLORS["muted"])
    return f"background: {bg}; color: {fg}; border-radius: 8px; padding: 2px 8px; font-weight: bold;"


class ChecklistDetails(QScrollArea):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("checklistDetails")
        self.setWidgetResizable(True)
        self.setMinimumWidth(300)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.row: dict | None = None
        self.workshop_id: int | None = None
        body = QWidget()
        self.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(8, 4, 8, 8)
        self.placeholder = QLabel(_t("Выберите строку чек-листа, чтобы увидеть связанные позиции инвентаря, "
                                     "статус, комментарий и фото."))
        self.placeholder.setWordWrap(True)
        set_role(self.placeholder, "hint")
        lay.addWidget(self.placeholder)
        self.content = QWidget()
        c = QVBoxLayout(self.content)
        c.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("lineTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        c.addWidget(self.title)
        self.spec = QLabel()
        self.spec.setWordWrap(True)
        self.spec.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.spec, "hint")
        c.addWidget(self.spec)
        figs = QHBoxLayout()
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("statusBadge")
        figs.addWidget(self.figures, 1)
        figs.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        c.addLayout(figs)
        self.manual_note = QLabel()
        self.manual_note.setObjectName("manualNote")
        self.manual_note.setWordWrap(True)
        self.manual_note.setStyleSheet(badge_css("warn"))
        self.manual_note.hide()
        c.addWidget(self.manual_note)

        g = group_box(_t("Позиции инвентаря"))
        gl = QVBoxLayout(g)
        self.links = QTableWidget(0, 4)
        self.links.setObjectName("linksTable")
        self.links.setHorizontalHeaderLabels([_t("Позиция"), _t("Кол-во"), _t("Связь"), "%"])
        self.links.setWordWrap(True)
        self.links.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in (1, 2, 3):
            self.links.horizontalHeader().setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.links.verticalHeader().hide()
        self.links.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.links.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.links.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.links.setMinimumHeight(130)
        self.links.itemSelectionChanged.connect(self._link_selected)
        gl.addWidget(self.links)
        lb = QHBoxLayout()
        self.confirm_btn = QPushButton(icon("check-circle-outline", "#2e7d32"), _t("Подтвердить"))
        lb.setSpacing(4)
        self.confirm_btn.setObjectName("confirmLink")
        self.reject_btn = QPushButton(icon("close-circle-outline", "#c62828"), _t("Отклонить"))
        self.reject_btn.setObjectName("rejectLink")
        self.add_btn = QPushButton(icon("link-variant-plus"), _t("Добавить…"))
        self.add_btn.setObjectName("addLink")
        self.add_btn.setToolTip(_t("Связать позицию инвентаря из помещений мастерской"))
        self.confirm_btn.clicked.connect(self.confirm_selected)
        self.reject_btn.clicked.connect(self.reject_selected)
        self.add_btn.clicked.connect(self.add_link)
        lb.addWidget(self.confirm_btn)
        lb.addWidget(self.reject_btn)
        lb.addStretch(1)
        gl.addLayout(lb)
        lb2 = QHBoxLayout()
        lb2.addStretch(1)
        lb2.addWidget(self.add_btn)
        gl.addLayout(lb2)
        c.addWidget(g)

        gl_ = group_box(_t("Договоры пользования и аренды"))
        gl_.setObjectName("loansBox")
        ll = QVBoxLayout(gl_)
        self.loans = QTableWidget(0, 3)
        self.loans.setObjectName("loansTable")
        self.loans.setHorizontalHeaderLabels([_t("Договор"), _t("Кол-во"), _t("Срок по")])
        self.loans.setWordWrap(True)
        self.loans.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in (1, 2):
            self.loans.horizontalHeader().setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.loans.verticalHeader().hide()
        self.loans.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.loans.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.loans.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.loans.setMaximumHeight(110)
        ll.addWidget(self.loans)
        lbl = QHBoxLayout()
        self.loan_add = QPushButton(icon("file-document-plus-outline"), _t("Записать договор…"))
        self.loan_add.setObjectName("addLoan")
        self.loan_add.setToolTip(_t("Оборудование партнёра по договору безвозмездного пользования или аренды "
                                    "на недостающее количество"))
        self.loan_del = QPushButton(icon("delete-outline"), _t("Удалить"))
        self.loan_del.setObjectName("deleteLoan")
        self.loan_add.clicked.connect(self.add_loan)
        self.loan_del.clicked.connect(self.delete_loan)
        lbl.addStretch(1)
        lbl.addWidget(self.loan_add)
        lbl.addWidget(self.loan_del)
        ll.addLayout(lbl)
        c.addWidget(gl_)

        g2 = group_box(_t("Статус вручную"))
        f2 = QFormLayout(g2)
        self.override = QComboBox()
        self.override.setObjectName("override")
        self.override.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.override.setMinimumContentsLength(12)
        self.override.addItem(_t("Рассчитывается автоматически"), None)
        for st in ("met", "partial", "missing"):
            self.override.addItem(status_text(st), st)
        f2.addRow(_t("Статус"), self.override)
        self.override_comment = QPlainTextEdit()
        self.override_comment.setObjectName("overrideComment")
        self.override_comment.setPlaceholderText(_t("Почему статус отличается от рассчитанного (обязательно)"))
        self.override_comment.setMaximumHeight(64)
        f2.addRow(_t("Обоснование *"), self.override_comment)
        self.override_error = QLabel()
        self.override_error.setObjectName("overrideError")
        set_role(self.override_error, "error")
        self.override_error.setWordWrap(True)
        self.override_error.hide()
        f2.addRow("", self.override_error)
        self.override_btn = QPushButton(_t("Применить статус"))
        self.override_btn.setObjectName("applyOverride")
        self.override_btn.clicked.connect(self.apply_override)
        f2.addRow("", self.override_btn)
        self.override.currentIndexChanged.connect(self._override_hint)
        self.override_comment.textChanged.connect(self._override_hint)
        c.addWidget(g2)

        g3 = group_box(_t("Комментарий"))
        l3 = QVBoxLayout(g3)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("comment")
        self.comment.setMaximumHeight(64)
        l3.addWidget(self.comment)
        self.comment_btn = QPushButton(_t("Сохранить комментарий"))
        self.comment_btn.setObjectName("saveComment")
        self.comment_btn.clicked.connect(self.save_comment)
        l3.addWidget(self.comment_btn, 0, Qt.AlignmentFlag.AlignRight)
        c.addWidget(g3)

        g4 = group_box(_t("Фото-подтверждения"))
        l4 = QVBoxLayout(g4)
        self.photos = QListWidget()
        self.photos.setObjectName("photos")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(96, 72))
        self.photos.setMaximumHeight(120)
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        l4.addWidget(self.photos)
        pb = QHBoxLayout()
        self.photo_add = QPushButton(icon("camera-plus-outline"), _t("Добавить фото…"))
        self.photo_del = QPushButton(icon("delete-outline"), _t("Удалить"))
        self.photo_add.clicked.connect(lambda: self.add_photo())
        self.photo_del.clicked.connect(self.delete_photo)
        pb.addWidget(self.photo_add)
        pb.addWidget(self.photo_del)
        pb.addStretch(1)
        l4.addLayout(pb)
        self.photo_error = QLabel()
        set_role(self.photo_error, "error")
        self.photo_error.setWordWrap(True)
        self.photo_error.hide()
        l4.addWidget(self.photo_error)
        c.addWidget(g4)
        c.addStretch(1)
        lay.addWidget(self.content)
        self.content.hide()
        self._links: list = []
        self._loans: list = []
        self._fit_width()

    def _fit_width(self) -> None:
        """Never narrower than what the panel shows (it scrolls only up and down): its buttons and
        badges, and the links table's columns with their headers («Позиция» was cut to «озици»)."""
        hh = self.links.horizontalHeader()
        cols = hh.sectionSizeHint(0) + sum(max(hh.sectionSizeHint(i), self.links.sizeHintForColumn(i))
                                           for i in (1, 2, 3))
        chrome = 60  # the panel's margins, the group box's frame and margins, the scroll bar
        need = max(self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                   + 2 * self.frameWidth(), cols + 2 * self.links.frameWidth() + chrome)
        self.setMinimumWidth(max(300, need))

    # --- show --------------------------------------------------------------------------------
    def show_line(self, checklist_line_id: int | None) -> None:
        if checklist_line_id is None:
            self.row = None
            self.content.hide()
            self.placeholder.show()
            return
        try:
            self.row = acc.checklist_line(checklist_line_id)
        except ServiceError:
            self.show_line(None)
            return
        r = self.row
        self.workshop_id = r["workshop_id"]
        self.placeholder.hide()
        self.content.show()
        self.title.setText(f"№ {r['number']}. {r['name']}" if r["number"] else r["name"])
        spec = r["specification"] or _t("Характеристики не указаны")
        self.spec.setText(f"{r['zone_label']} · {spec}")
        per = _t(" (на 1 рабочее место × число мест)") if r["per_workplace"] else ""
        self.figures.setText(_t("Требуется {0} {1}{2}; в наличии {3} (исправные позиции {4}, по договорам {5})")
                             .format(fmt.decimal(r["required"]), r["unit"], per,
                                     fmt.decimal(r["available"] or Decimal(0)),
                                     fmt.decimal(r["available_items"] or Decimal(0)),
                                     fmt.decimal(r["available_loans"] or Decimal(0))))
        key = STATUS_BADGE.get(r["status"], (r["status"], "muted"))[1]
        text = status_text(r["status"])
        if r["status_override"]:
            text += " " + _t("(вручную)")
        self.badge.setText(text)
        self.badge.setStyleSheet(badge_css(key))
        self.manual_note.setVisible(bool(r["unconfirmed"]))
        self.manual_note.setText(_t("«{0}» — вручную, без подтверждения: не учитывается в готовности. Привяжите "
                                    "исправные позиции или запишите договор на недостающее.")
                                 .format(status_text(r["status_override"])) if r["unconfirmed"] else "")
        if r["unconfirmed"]:
            tip = _t("Статус установлен вручную, но не подтверждён: исправных позиций и договоров недостаточно. "
                     "Он не учитывается в готовности.")
        elif r["status_override"]:
            tip = _t("Статус установлен вручную")
        else:
            tip = _t("Статус рассчитан по количеству исправных позиций и договоров")
        self.badge.setToolTip(tip)
        self._fill_links()
        self._fill_loans()
        i = self.override.findData(r["status_override"])
        self.override.blockSignals(True)
        self.override.setCurrentIndex(max(i, 0))
        self.override.blockSignals(False)
        self.override_comment.setPlainText(r["override_comment"] or "")
        self.override_error.hide()
        self.comment.setPlainText(r["comment"] or "")
        self._fill_photos()
        self._apply_rights()

    def _fill_links(self) -> None:
        self._links = acc.links(self.row["id"])
        excluded = {x["item_id"]: x["reason"] for x in acc.line_evidence(self.row["workshop_id"])
                    .get(self.row["id"], {}).get("excluded", []) if x["kind"] == "item"}
        self.links.setRowCount(len(self._links))
        for i, lk in enumerate(self._links):
            name = lk.item_name + (f" · {lk.inventory_number}" if lk.inventory_number else "")
            if lk.item_id in excluded:
                name += " " + _t("(не учитывается: {0})").format(excluded[lk.item_id])
            it = QTableWidgetItem(name)
            it.setToolTip(f"{lk.item_name}\n{lk.model}\n{lk.room}")
            self.links.setItem(i, 0, it)
            q = QTableWidgetItem(f"{fmt.decimal(lk.quantity)} {lk.unit}")
            q.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.links.setItem(i, 1, q)
            st = QTableWidgetItem(_state_label(lk.state))
            colour = {"confirmed": "ok", "auto": "info", "proposed": "warn"}.get(lk.state, "muted")
            from PySide6.QtGui import QBrush, QColor

            bg, fg = BADGE_COLORS[colour]
            st.setBackground(QBrush(QColor(bg)))
            st.setForeground(QBrush(QColor(fg)))
            self.links.setItem(i, 2, st)
            sc = QTableWidgetItem(f"{lk.score} %")
            sc.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.links.setItem(i, 3, sc)
        if not self._links:
            self.links.setRowCount(1)
            empty = QTableWidgetItem(_t("Нет связанных позиций. Нажмите «Сопоставить» или «Добавить…»."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.links.setItem(0, 0, empty)
            self.links.setSpan(0, 0, 1, 4)
        else:
            self.links.clearSpans()
        self._link_selected()
        self._fit_width()

    def _fill_loans(self) -> None:
        self._loans = acc.loans(self.row["id"])
        self.loans.setRowCount(len(self._loans))
        for i, ln in enumerate(self._loans):
            it = QTableWidgetItem(f"{ln.document}, {ln.partner}")
            it.setToolTip(ln.note)
            self.loans.setItem(i, 0, it)
            q = QTableWidgetItem(fmt.decimal(ln.quantity))
            q.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.loans.setItem(i, 1, q)
            until = QTableWidgetItem(ln.valid_until.strftime("%d.%m.%Y")
                                     + ("" if ln.in_force else " " + _t("(истёк)")))
            self.loans.setItem(i, 2, until)

    def _fill_photos(self) -> None:
        self.photos.clear()
        for e in acc.evidence(self.row["workshop_id"], self.row["id"]):
            pm = QPixmap()
            pm.loadFromData(acc.evidence_data(e.id))
            it = QListWidgetItem(QIcon(pm.scaled(96, 72, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation)),
                                 e.caption or e.file_name)
            it.setData(Qt.ItemDataRole.UserRole, e.id)
            it.setToolTip(f"{e.file_name} · {e.width}×{e.height}")
            self.photos.addItem(it)
        self.photo_error.hide()

    def _apply_rights(self) -> None:
        w = security.can("accreditation.write")
        for b in (self.add_btn, self.override_btn, self.comment_btn, self.photo_add, self.photo_del, self.loan_add,
                  self.loan_del):
            b.setEnabled(w)
        self.override.setEnabled(w)
        self.override_comment.setReadOnly(not w)
        self.comment.setReadOnly(not w)
        self._link_selected()

    def selected_link(self):
        rows = {i.row() for i in self.links.selectedIndexes()}
        if not rows or not self._links:
            return None
        r = min(rows)
        return self._links[r] if r < len(self._links) else None

    def select_link(self, link_id: int) -> bool:
        for i, lk in enumerate(self._links):
            if lk.id == link_id:
                self.links.selectRow(i)
                return True
        return False

    def _link_selected(self) -> None:
        lk = self.selected_link()
        w = security.can("accreditation.write")
        self.confirm_btn.setEnabled(w and lk is not None and lk.state != "confirmed")
        self.reject_btn.setEnabled(w and lk is not None)

    def _override_hint(self) -> None:
        if self.override.currentData() and not self.override_comment.toPlainText().strip():
            self.override_error.setText(_t("Напишите обоснование: без него статус вручную не сохраняется."))
            self.override_error.show()
        else:
            self.override_error.hide()

    # --- actions -----------------------------------------------------------------------------
    def _after(self) -> None:
        keep = self.row["id"] if self.row is not None else None
        self.changed.emit()
        if keep is not None:
            self.show_line(keep)  # the line stays in view even when the filter now hides it

    def _fail(self, e: ServiceError) -> None:
        QMessageBox.warning(self, _t("Не выполнено"), str(e))

    def confirm_selected(self) -> None:
        lk = self.selected_link()
        if lk is None:
            return
        try:
            acc.confirm_link(lk.id)
        except ServiceError as e:
            self._fail(e)
            return
        self._after()

    def reject_selected(self) -> None:
        lk = self.selected_link()
        if lk is None:
            return
        try:
            acc.reject_link(lk.id)
        except ServiceError as e:
            self._fail(e)
            return
        self._after()

    def add_link(self):
        from chemcluster_desktop.ui.dialogs.workshop_item_picker import ItemPickerDialog

        if self.row is None:
            return None
        dlg = ItemPickerDialog(self.workshop_id, self.row["name"], self)
        dlg.accepted.connect(lambda: self._picked(dlg))
        dlg.open()
        self.picker = dlg
        return dlg

    def _picked(self, dlg) -> None:
        if dlg.item_id is None:
            return
        try:
            acc.link_item(self.row["id"], dlg.item_id, dlg.quantity)
        except ServiceError as e:
            self._fail(e)
            return
        self._after()

    def add_loan(self):
        from chemcluster_desktop.ui.dialogs.loan_dialog import LoanDialog

        if self.row is None:
            return None
        dlg = LoanDialog(self.row, self)
        dlg.accepted.connect(self._after)
        dlg.open()
        self.loan_dialog = dlg
        return dlg

    def delete_loan(self) -> None:
        rows = {i.row() for i in self.loans.selectedIndexes()}
        if not rows or not self._loans:
            return
        ln = self._loans[min(rows)]
        box = QMessageBox(QMessageBox.Icon.Question, _t("Удаление"),
                          _t("Удалить «{0}»? Его количество перестанет учитываться.").format(ln.document),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            acc.delete_loan(ln.id)
        except ServiceError as e:
            self._fail(e)
            return
        self._after()

    def apply_override(self) -> None:
        if self.row is None:
            return
        try:
            acc.set_override(self.row["id"], self.override.currentData(), self.override_comment.toPlainText(),
                             self.row["version"])
        except ValidationError as e:
            self.override_error.setText(str(e))
            self.override_error.show()
            return
        except ServiceError as e:
            self._fail(e)
            return
        self._after()

    def save_comment(self) -> None:
        if self.row is None:
            return
        try:
            acc.set_comment(self.row["id"], self.comment.toPlainText(), self.row["version"])
        except ServiceError as e:
            self._fail(e)
            return
        self._after()

    def add_photo(self, path: str | None = None) -> None:
        if self.row is None:
            return
        if not path:
            start = settings().get("paths/import_dir") or str(Path.home())
            path, _f = QFileDialog.getOpenFileName(self, _t("Фото-подтверждение"), start,
                                                   _t("Изображения (*.jpg *.jpeg *.png)"))
        if not path:
            return
        try:
            acc.add_evidence(self.row["workshop_id"], path, caption=Path(path).stem,
                             checklist_line_id=self.row["id"])
        except ValidationError as e:
            self.photo_error.setText(str(e))
            self.photo_error.show()
            return
        except ServiceError as e:
            self._fail(e)
            return
        self._after()

    def delete_photo(self) -> None:
        it = self.photos.currentItem()
        if it is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, _t("Удаление"),
                          _t("Удалить фото «{0}»?").format(it.text()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            acc.delete_evidence(it.data(Qt.ItemDataRole.UserRole))
        except ServiceError as e:
            self._fail(e)
            return
        self._after()
