"""«План-график»: the plan-schedule lines, each with its status road; the road's buttons offer only the
steps allowed next, and a step whose data is missing opens the form that supplies it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services import security
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.procurement import rules
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs import procurement_contract_dialogs as C
from chemcluster_desktop.ui.dialogs import procurement_dialogs as D
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.lists import ListTab
from chemcluster_desktop.ui.models.table import BADGE_COLORS, Column
from chemcluster_desktop.ui.pages.procurement.common import STATUS_BADGES, hint, ro_item, small_table, tr
from chemcluster_desktop.ui.style import set_role


# --- the status road ---------------------------------------------------------------------------------------
class StatusRoad(QWidget):
    """Chips for the line's own road (its method's: an auction or quotations go notice → protocol →
    contract, a single-supplier purchase straight from the price to the contract) from the needs to the
    books and the payment: done (green, dated), current (accent), ahead (grey); a failed or cancelled
    line ends in a red chip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("statusRoad")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 4)
        self.grid.setHorizontalSpacing(2)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(self.PER_ROW * 2, 1)  # chips keep their size at the left, not spread out
        self.chips: dict[str, QLabel] = {}

    PER_ROW = 4  # four chips fit the details panel at 1366 px; a road wraps onto the next rows

    def set_line(self, line: P.PlanLineInfo | None) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.hide()  # gone at once, not when the deferred delete runs
                w.deleteLater()
        self.chips = {}
        if line is None:
            return
        done = {}
        for st in line.steps:
            done[st.status] = st
        # every line starts from the needs it groups and goes its method's own road (a single-supplier
        # purchase has no notice and no protocol), ending when its contracts are paid
        road = ["need", *line.road, "paid"]
        if line.status in P.INACTIVE:
            reached = [s for s in road if s in done or s == "need"]
            road = reached + [line.status]
        if line.paid_on is not None:
            done["paid"] = P.StepInfo("paid", line.paid_on, "", "")
        current = line.status
        for i, status in enumerate(road):
            st = done.get(status)
            chip = QLabel(P.status_label(status))
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setWordWrap(True)
            chip.setObjectName(f"road_{status}")
            if status == current:
                key = "bad" if status in P.INACTIVE else ("ok" if status == "on_inventory" else "info")
                bg, fg = BADGE_COLORS[key]
                css = f"background:{bg}; color:{fg}; border:2px solid {fg}; font-weight:bold;"
            elif st is not None or status == "need":
                bg, fg = BADGE_COLORS["ok"]
                css = f"background:{bg}; color:{fg}; border:1px solid #a5d6a7;"
            else:
                css = "background:#f3f5f7; color:#90a4ae; border:1px dashed #cfd8dc;"
            chip.setStyleSheet(css + " border-radius:6px; padding:4px 4px; font-size:8.5pt;")
            chip.ensurePolished()  # its longest word fits (else it wraps inside the word, «опубликова|но»)
            longest = max((chip.fontMetrics().horizontalAdvance(w) for w in chip.text().split()), default=0)
            chip.setMinimumWidth(max(78, longest + 2 * (4 + 2) + 2))
            row, col = (i // self.PER_ROW) * 2, (i % self.PER_ROW) * 2
            self.grid.addWidget(chip, row, col)
            sub = QLabel(f"{fmt.date(st.date)}\n{st.user_login}" if st else "")
            sub.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            sub.setStyleSheet("color:#607d8b; font-size:7.5pt;")
            self.grid.addWidget(sub, row + 1, col)
            if st is not None:
                chip.setToolTip(QCoreApplication.translate("Procurement", "{0}: {1}, {2}").format(P.status_label(status), fmt.date(st.date), st.user_login)
                                + (f"\n{st.note}" if st.note else ""))
            if i < len(road) - 1:
                arrow = QLabel("›")
                arrow.setStyleSheet("color:#90a4ae; font-size:14pt;")
                self.grid.addWidget(arrow, row, col + 1)
            self.chips[status] = chip

class PlanTab(ListTab):
    name = "plan"
    title = "План-график"
    permission = "procurement.write"
    actions = {"new", "edit", "print", "export"}
    empty_text = "План-график пуст. Отметьте потребности с обоснованной ценой и нажмите «Создать» (Ctrl+N)."
    columns = [
        Column("number", "№ строки", width=110),
        Column("title", "Предмет закупки", width=330),
        Column("source", "Источник", width=220),
        Column("law", "Закон", width=64),
        Column("period", "Срок", width=90),
        Column("needs", "Позиций", "int", 64),
        Column("amount", "НМЦК", "money", 140),
        Column("status", "Статус", "badge", 160, badges=STATUS_BADGES),
    ]

    def count(self, q):
        return P.count_plan_lines(q)

    def rows(self, q):
        return P.list_plan_lines(q)

    def build(self) -> None:
        super().build()
        self.show_plan_line(None)

    def show_details(self) -> None:
        self.show_plan_line(self.current_id())

    def on_new(self):
        return self.page.open_dialog(D.PlanLineDialog(self, None, []))

    def on_edit(self):
        rid = self.current_id()
        if rid is None:
            return None
        try:
            return self.page.open_dialog(D.PlanLineDialog(self, P.get_plan_line(rid)))
        except ServiceError as e:
            ops.show_error(self, e)
            return None

    def on_print(self):
        return self.page.print_report("procurement", {})

    def on_export(self):
        return self.page.export_plan()

    # --- details with the status road -----------------------------------------------------------------
    def build_details(self) -> QWidget:
        # the tab scrolls it up and down (ui/lists.py), as wide as its status road: no sideways scrolling
        # that hid the end of the title and of the road
        box = QWidget()
        box.setObjectName("planDetails")
        v = QVBoxLayout(box)
        v.setContentsMargins(8, 0, 0, 0)
        self.plan_title = QLabel()
        self.plan_title.setObjectName("planTitle")
        self.plan_title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.plan_title.setWordWrap(True)
        v.addWidget(self.plan_title)
        self.plan_info = hint()
        v.addWidget(self.plan_info)
        # what the law's checks flag on this line (offers after the justification, ИКЗ, small-purchase limit)
        self.plan_warnings = QLabel()
        self.plan_warnings.setObjectName("planWarnings")
        set_role(self.plan_warnings, "error")
        self.plan_warnings.setWordWrap(True)
        v.addWidget(self.plan_warnings)
        law_bar = QHBoxLayout()
        self.requests_btn = QPushButton(icon("email-arrow-right-outline"), "")
        self.requests_btn.setObjectName("priceRequestsBtn")
        self.requests_btn.clicked.connect(self.open_price_requests)
        self.justification_btn = QPushButton(icon("file-pdf-box"), "")
        self.justification_btn.setObjectName("lineJustificationBtn")
        self.justification_btn.clicked.connect(
            lambda: self.plan_line and self.page.print_report("nmck", {"line": self.plan_line.number}))
        self.settings_btn = QPushButton(icon("cog-outline"), "")
        self.settings_btn.setObjectName("procurementSettingsBtn")
        self.settings_btn.clicked.connect(self.open_procurement_settings)
        for b in (self.requests_btn, self.justification_btn, self.settings_btn):
            law_bar.addWidget(b)
        law_bar.addStretch(1)
        v.addLayout(law_bar)
        self.road = StatusRoad()
        v.addWidget(self.road)
        self.next_label = QLabel()
        self.next_label.setStyleSheet("font-weight: bold;")
        v.addWidget(self.next_label)
        self.step_bar = QHBoxLayout()
        self.step_bar.setSpacing(6)
        v.addLayout(self.step_bar)
        self.step_buttons: dict[str, QPushButton] = {}
        self.blocked_label = hint()
        self.blocked_label.setObjectName("blockedHint")
        v.addWidget(self.blocked_label)
        self.plan_needs_caption = QLabel()
        self.plan_needs_caption.setStyleSheet("font-weight: bold;")
        v.addWidget(self.plan_needs_caption)
        self.plan_needs = small_table(["", "", "", ""], "planNeedsTable")
        D.table_readonly(self.plan_needs)
        self.plan_needs.setMaximumHeight(150)
        self.plan_needs.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.plan_needs.horizontalHeader().setStretchLastSection(False)
        v.addWidget(self.plan_needs)
        self.steps_caption = QLabel()
        self.steps_caption.setStyleSheet("font-weight: bold;")
        v.addWidget(self.steps_caption)
        self.steps_table = small_table(["", "", "", ""], "stepsTable")
        D.table_readonly(self.steps_table)
        self.steps_table.setMaximumHeight(190)
        v.addWidget(self.steps_table)
        v.addStretch(1)
        self.plan_line: P.PlanLineInfo | None = None
        return box

    STEP_TEXT = {
        "price_justified": "Цена обоснована", "notice_published": "Извещение опубликовано",
        "supplier_chosen": "Поставщик определён", "failed": "Не состоялась", "cancelled": "Отменить закупку",
        "contract_signed": "Контракт заключён…", "delivered": "Поставка…", "accepted": "Принять поставку…",
        "on_inventory": "Поставлено на учёт",
    }

    def show_plan_line(self, line_id: int | None) -> None:
        self.plan_line = None
        if line_id is not None:
            try:
                self.plan_line = P.get_plan_line(line_id)
            except ServiceError:
                self.plan_line = None
        ln = self.plan_line
        while self.step_bar.count():
            it = self.step_bar.takeAt(0)
            if it.widget() is not None:
                it.widget().hide()
                it.widget().deleteLater()
        self.step_buttons = {}
        self.road.set_line(ln)
        self.plan_needs.setRowCount(0)
        self.steps_table.setRowCount(0)
        self.plan_needs_caption.setText(QCoreApplication.translate("Procurement", "Позиции строки"))
        self.steps_caption.setText(QCoreApplication.translate("Procurement", "Ход закупки"))
        self.plan_needs.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Позиция"), QCoreApplication.translate("Procurement", "Кол-во"), QCoreApplication.translate("Procurement", "НМЦК"), QCoreApplication.translate("Procurement", "Статус")])
        self.steps_table.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Шаг"), QCoreApplication.translate("Procurement", "Дата"), QCoreApplication.translate("Procurement", "Кто"), QCoreApplication.translate("Procurement", "Примечание")])
        self.requests_btn.setText(QCoreApplication.translate("Procurement", "Запросы цен…"))
        self.justification_btn.setText(QCoreApplication.translate("Procurement", "Обоснование цены контракта")
                                       if ln is not None and ln.single else
                                       QCoreApplication.translate("Procurement", "Обоснование НМЦК закупки"))
        self.settings_btn.setText(QCoreApplication.translate("Procurement", "Настройки закупок…"))
        self.settings_btn.setEnabled(security.can("procurement.write"))
        self.requests_btn.setEnabled(ln is not None and security.can("procurement.write"))
        self.justification_btn.setEnabled(ln is not None)
        self.plan_warnings.setText("\n".join(ln.warnings) if ln is not None else "")
        self.plan_warnings.setVisible(bool(ln is not None and ln.warnings))
        if ln is None:
            self.plan_title.setText(QCoreApplication.translate("Procurement", "Выберите строку плана-графика"))
            self.plan_info.setText("")
            self.next_label.setText("")
            self.blocked_label.setText("")
            return
        self.plan_title.setText(f"{ln.number} · {ln.title}")
        period = ""
        if ln.planned_year:
            period = QCoreApplication.translate("Procurement", "{0} кв. {1}").format(ln.planned_quarter, ln.planned_year) if ln.planned_quarter else \
                str(ln.planned_year)
        info = [ln.source_name or QCoreApplication.translate("Procurement", "источник не указан"), ln.law, rules.method_label(ln.method), period,
                QCoreApplication.translate("Procurement", "НМЦК {0}").format(fmt.money(ln.amount))]
        if ln.notice_number:
            info.append(QCoreApplication.translate("Procurement", "извещение № {0}").format(ln.notice_number))
        if ln.ikz:
            info.append(QCoreApplication.translate("Procurement", "ИКЗ {0}").format(ln.ikz))
        if ln.justified_on:
            info.append(QCoreApplication.translate("Procurement", "цена обоснована {0}").format(fmt.date(ln.justified_on)))
        self.plan_info.setText(" · ".join(x for x in info if x))
        writable = security.can("procurement.write")
        self.next_label.setText(QCoreApplication.translate("Procurement", "Следующий шаг:") if ln.next_steps else QCoreApplication.translate("Procurement", "Закупка завершена: шагов больше нет."))
        for status in ln.next_steps:
            b = QPushButton(tr(self.STEP_TEXT.get(status, P.STATUS_LABELS[status])))
            b.setObjectName(f"step_{status}")
            if status in P.INACTIVE:
                b.setIcon(icon("close-circle-outline", "#9b1c14"))
            else:
                b.setIcon(icon("arrow-right-bold-circle-outline", "#1f6fb2"))
            why = ln.blocked.get(status)
            # a step whose data is missing is still offered when its button opens the form that supplies it
            opens_form = status in ("contract_signed", "delivered", "accepted")
            b.setEnabled(writable and (why is None or opens_form))
            if why:
                b.setToolTip(why)
            b.clicked.connect(lambda _c=False, s=status: self.take_step(s))
            self.step_bar.addWidget(b)
            b.show()
            self.step_buttons[status] = b
        self.step_bar.addStretch(1)
        whys = [f"«{P.status_label(s)}»: {w}" for s, w in ln.blocked.items()
                if s not in ("contract_signed", "delivered", "accepted")]
        self.blocked_label.setText("\n".join(whys))
        self._fill_tables(ln)

    def _fill_tables(self, ln: P.PlanLineInfo) -> None:
        """The line's positions and its dated steps (newest first)."""
        for n in ln.needs:
            r = self.plan_needs.rowCount()
            self.plan_needs.insertRow(r)
            self.plan_needs.setItem(r, 0, ro_item(n["name"]))
            self.plan_needs.setItem(r, 1, ro_item(f"{fmt.decimal(n['quantity'])} {n['unit']}", True))
            self.plan_needs.setItem(r, 2, ro_item(fmt.money(n["nmck"]) if n["nmck"] is not None else "—", True))
            self.plan_needs.setItem(r, 3, ro_item(P.status_label(n["status"])))
        for st in reversed(ln.steps):
            r = self.steps_table.rowCount()
            self.steps_table.insertRow(r)
            self.steps_table.setItem(r, 0, ro_item(P.status_label(st.status)))
            self.steps_table.setItem(r, 1, ro_item(fmt.date(st.date)))
            self.steps_table.setItem(r, 2, ro_item(st.user_login))
            self.steps_table.setItem(r, 3, ro_item(st.note))

    def open_price_requests(self) -> None:
        from chemcluster_desktop.ui.dialogs.procurement_law_dialogs import PriceRequestsDialog

        if self.plan_line is None:
            return
        dlg = PriceRequestsDialog(self, self.plan_line)
        dlg.exec()  # its saves publish their changes: the page refreshes by itself

    def open_procurement_settings(self) -> None:
        from chemcluster_desktop.ui.dialogs.procurement_law_dialogs import ProcurementSettingsDialog

        ProcurementSettingsDialog(self).exec()

    def take_step(self, status: str):
        """The road's buttons: a form for steps that bring data (contract, delivery, acceptance), else a
        confirmation with the date and a note."""
        ln = self.plan_line
        if ln is None:
            return None
        try:
            ln = P.get_plan_line(ln.id)
            if status == "contract_signed":
                if ln.contract_ids:
                    return self.page.open_dialog(C.StepDialog(self, ln, status))
                return self.page.open_dialog(C.ContractDialog(self, ln))
            if status == "delivered":
                if not ln.contract_ids:
                    return None
                return self.page.open_dialog(C.DeliveryDialog(self, P.get_contract(ln.contract_ids[-1])))
            if status == "accepted":
                pending = P.pending_deliveries(ln.id)
                if not pending:
                    QMessageBox.information(self, QCoreApplication.translate("Procurement", "Приёмка"), ln.blocked.get("accepted", ""))
                    return None
                return self.page.open_dialog(C.StepDialog(self, ln, status, delivery_id=pending[0]))
            return self.page.open_dialog(C.StepDialog(self, ln, status))
        except ServiceError as e:
            ops.show_error(self, e)
            return None
