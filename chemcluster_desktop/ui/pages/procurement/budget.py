"""«Источники финансирования» and «Бюджет»: the sources with their limits, and the budget by source
with its chart (limits, planned, contracted, paid, remaining)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.dialogs import procurement_dialogs as D
from chemcluster_desktop.ui.lists import ListTab, Tab
from chemcluster_desktop.ui.models.table import Column
from chemcluster_desktop.ui.pages.procurement.common import brush, ro_item, small_table
from chemcluster_desktop.ui.style import set_role
from chemcluster_desktop.ui.widgets.budget_chart import BudgetChart
from chemcluster_desktop.ui.widgets.headers import keep_headers_readable


class SourcesTab(ListTab):
    name = "sources"
    title = "Источники финансирования"
    permission = "procurement.write"
    actions = {"new", "edit", "print", "export"}
    empty_text = ("Источников нет. Добавьте (Ctrl+N) грант, областной бюджет, средства работодателей и "
                  "собственные средства.")
    columns = [
        Column("code", "Код", width=90, sortable=False),
        Column("name", "Источник финансирования", width=330, sortable=False),
        Column("limit", "Лимит", "money", 150, sortable=False),
        Column("planned", "План", "money", 140, sortable=False),
        Column("contracted", "Законтрактовано", "money", 140, sortable=False),
        Column("paid", "Оплачено", "money", 140, sortable=False),
        Column("remaining", "Остаток", "money", 150, sortable=False),
    ]

    def count(self, q: ListQuery) -> int:
        return len(P.list_sources())

    def rows(self, q: ListQuery) -> list[dict]:
        b = P.budget()
        by_code = {r.code: r for r in b.rows}
        out = []
        for s in P.list_sources():
            r = by_code.get(s.code)
            out.append({"id": s.id, "code": s.code, "name": s.name, "limit": s.limit,
                        "planned": r.planned if r else None, "contracted": r.contracted if r else None,
                        "paid": r.paid if r else None, "remaining": r.remaining if r else None})
        return out[q.offset:q.offset + q.limit]

    def on_new(self):
        return self.page.open_dialog(D.SourceDialog(self))

    def on_edit(self):
        rid = self.current_id()
        src = next((s for s in P.list_sources() if s.id == rid), None) if rid is not None else None
        return self.page.open_dialog(D.SourceDialog(self, src)) if src else None

    def on_print(self):
        return self.page.print_report("budget", {})

    def on_export(self):
        return self.page.export_plan()


class BudgetTab(Tab):
    name = "budget"
    title = "Бюджет"
    permission = "procurement.write"
    actions = {"print", "export"}

    def on_print(self):
        return self.page.print_report("budget", {})

    def on_export(self):
        return self.page.export_plan()

    def build(self) -> None:
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 8, 8, 8)
        self.budget_facts = QLabel()
        self.budget_facts.setObjectName("budgetFacts")
        self.budget_facts.setWordWrap(True)
        v.addWidget(self.budget_facts)
        self.chart = BudgetChart()
        v.addWidget(self.chart, 3)
        self.budget_table = small_table([""] * 7, "budgetTable")
        D.table_readonly(self.budget_table)
        # fixed widths, the table scrolls sideways when narrow (a stretched «Источник» was squeezed to 47 px)
        self.budget_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.budget_table.horizontalHeader().setStretchLastSection(False)
        self.budget_table.setColumnWidth(0, 200)
        for c in range(1, 7):
            self.budget_table.setColumnWidth(c, 140)
        keep_headers_readable(self.budget_table)
        self.budget_table.setMinimumHeight(120)
        self.budget_table.setMaximumHeight(190)
        v.addWidget(self.budget_table)
        self.budget_warning = QLabel()
        self.budget_warning.setObjectName("budgetWarning")
        set_role(self.budget_warning, "error")
        self.budget_warning.setWordWrap(True)
        v.addWidget(self.budget_warning)

    def reload(self) -> None:
        b = P.budget()
        self.budget = b
        self.budget_facts.setText(QCoreApplication.translate("Procurement", "Стоимость проекта {0}; грант «Профессионалитет» — не более {1}. Лимиты "
                                     "источников: {2}; остаток проекта без обязательств: {3}.").format(
            fmt.money(b.project_total), fmt.money(b.grant_cap), fmt.money(b.totals.limit),
            fmt.money(b.totals.remaining)))
        self.chart.set_rows(b.rows, b.grant_cap)
        self.budget_table.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Источник"), QCoreApplication.translate("Procurement", "Лимит"), QCoreApplication.translate("Procurement", "План (НМЦК)"),
                                                     QCoreApplication.translate("Procurement", "Законтрактовано"), QCoreApplication.translate("Procurement", "Оплачено"), QCoreApplication.translate("Procurement", "Остаток"),
                                                     QCoreApplication.translate("Procurement", "Освоено, %")])
        self.budget_table.setRowCount(0)
        for r in [*b.rows, b.totals]:
            i = self.budget_table.rowCount()
            self.budget_table.insertRow(i)
            self.budget_table.setItem(i, 0, ro_item(r.name))
            for c, val in enumerate((r.limit, r.planned, r.contracted, r.paid, r.remaining), start=1):
                it = ro_item(fmt.money(val), True)
                if c == 5 and val < 0:
                    it.setForeground(brush("#9b1c14"))
                self.budget_table.setItem(i, c, it)
            pct = (r.paid / r.limit * 100) if r.limit else Decimal(0)
            self.budget_table.setItem(i, 6, ro_item(fmt.decimal(pct, 1), True))
            if r is b.totals:
                f = self.budget_table.item(i, 0).font()
                f.setBold(True)
                for c in range(7):
                    self.budget_table.item(i, c).setFont(f)
        warns = [QCoreApplication.translate("Procurement", "Превышен лимит источника «{0}» на {1}.").format(r.name, fmt.money(-r.remaining))
                 for r in b.rows if r.remaining < 0]
        g = b.row(P.GRANT_CODE)
        if g is not None and g.limit > b.grant_cap:
            warns.append(QCoreApplication.translate("Procurement", "Лимит гранта больше предельных {0}.").format(fmt.money(b.grant_cap)))
        if b.limits_left > 0:
            warns.append(QCoreApplication.translate("Procurement", "Лимиты источников покрывают не весь проект: не распределено {0}.").format(
                fmt.money(b.limits_left)))
        self.budget_warning.setText("\n".join(warns))
        self.budget_warning.setVisible(bool(warns))

