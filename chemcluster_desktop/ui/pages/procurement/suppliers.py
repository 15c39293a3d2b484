"""«Поставщики»: the suppliers (ИНН checked by its control digits in the card)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs import procurement_dialogs as D
from chemcluster_desktop.ui.lists import ListTab
from chemcluster_desktop.ui.models.table import Column


class SuppliersTab(ListTab):
    name = "suppliers"
    title = "Поставщики"
    permission = "procurement.write"
    actions = {"new", "edit", "delete", "print", "export"}
    empty_text = "Поставщиков нет. Добавьте (Ctrl+N): ИНН проверяется по контрольным цифрам."
    columns = [
        Column("name", "Наименование", width=300),
        Column("inn", "ИНН", width=110),
        Column("kpp", "КПП", width=90, sortable=False),
        Column("contact", "Контактное лицо", width=200, sortable=False),
        Column("phone", "Телефон", width=140, sortable=False),
        Column("email", "Эл. почта", width=180, sortable=False),
        Column("offers", "КП", "int", 50),
        Column("contracts", "Контрактов", "int", 80),
    ]

    def count(self, q):
        return P.count_suppliers(q)

    def rows(self, q):
        return P.list_suppliers(q)

    def on_new(self):
        return self.page.open_dialog(D.SupplierDialog(self))

    def on_edit(self):
        rid = self.current_id()
        if rid is None:
            return None
        try:
            return self.page.open_dialog(D.SupplierDialog(self, P.get_supplier(rid)))
        except ServiceError as e:
            ops.show_error(self, e)
            return None

    def on_delete(self):
        row = self.current_row()
        if row is None or not self.page.confirm_delete(
                QCoreApplication.translate("Procurement", "поставщика «{0}» (ИНН {1})").format(row["name"], row["inn"])):
            return
        ops.run_op(self, lambda: P.delete_supplier(row["id"]))

    def on_print(self):
        return self.page.print_report("budget", {})

    def on_export(self):
        return self.page.export_plan()
