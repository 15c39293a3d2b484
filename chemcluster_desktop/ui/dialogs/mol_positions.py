"""«Материально ответственные лица»: every МОЛ named on a room or an item, her rooms and items, and her
position (должность) — typed here once and printed with her signature on the stock-taking list
(ф. 0510466), the discrepancy list (ф. 0504092), the act (ф. 0510463), the decision and the movement
forms. «Сохранить» writes every changed position in one step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.services.inventory import positions
from chemcluster_desktop.ui.forms import FormDialog


def _t(s: str) -> str:
    return QCoreApplication.translate("MolDialog", s)


class MolPositionsDialog(FormDialog):
    """A form of one field, the table of МОЛ: a refused position (too long) is shown under the table."""

    context = "MolDialog"

    def __init__(self, parent=None, *, read_only: bool = False):
        super().__init__(parent, _t("Материально ответственные лица и их должности"), "MolPositionsDialog")
        self.resize(900, 480)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("molTable")
        self.table.setHorizontalHeaderLabels([_t("МОЛ"), _t("Должность"), _t("Помещения"), _t("Позиций")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 360)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.add_block("position", _t("Должность печатается рядом с подписью МОЛ в описи (ф. 0510466), ведомости "
                                      "расхождений (ф. 0504092), акте (ф. 0510463) и документах движения."),
                       self.table)
        self.error = self.message  # a refusal that names no field of the card
        self.error.setObjectName("molError")
        self.finish_layout()
        self.save_btn = self.ok_button
        self.save_btn.setVisible(not read_only)
        self.read_only = read_only
        self.load()

    def load(self) -> None:
        self.people = positions.mols()
        self.table.setRowCount(len(self.people))
        for r, m in enumerate(self.people):
            for c, text in enumerate((m["name"], m["position"], ", ".join(m["rooms"]), str(m["items"]))):
                it = QTableWidgetItem(text)
                it.setToolTip(text)  # the whole position / list of rooms when the column elides it
                if c != 1 or self.read_only:
                    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c == 3:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, it)

    def set_position(self, name: str, position: str) -> None:
        """Type a position in the МОЛ's row (as a person does in the table)."""
        row = next(r for r, m in enumerate(self.people) if m["name"] == name)
        self.table.item(row, 1).setText(position)

    def changes(self) -> dict[str, str]:
        return {m["name"]: self.table.item(r, 1).text() for r, m in enumerate(self.people)
                if self.table.item(r, 1).text().strip() != m["position"]}

    def save(self) -> None:
        ch = self.changes()
        if ch:
            positions.set_positions(ch)

    def show_service_error(self, e: ServiceError) -> None:
        if isinstance(e, ValidationError) and e.field == "name":  # a МОЛ's row of the table: under it too
            e = ValidationError(str(e), field="position")
        super().show_service_error(e)
