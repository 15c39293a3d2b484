"""«Материально ответственные лица»: every МОЛ named on a room or an item, her rooms and items, and her
position (должность) — typed here once and printed with her signature on the stock-taking list
(ф. 0510466), the discrepancy list (ф. 0504092), the act (ф. 0510463), the decision and the movement
forms. «Сохранить» writes every changed position in one step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.inventory import positions


def _t(s: str) -> str:
    return QCoreApplication.translate("MolDialog", s)


class MolPositionsDialog(QDialog):
    def __init__(self, parent=None, *, read_only: bool = False):
        super().__init__(parent)
        self.setObjectName("MolPositionsDialog")
        self.setWindowTitle(_t("Материально ответственные лица и их должности"))
        self.resize(900, 480)
        lay = QVBoxLayout(self)
        hint = QLabel(_t("Должность печатается рядом с подписью МОЛ в описи (ф. 0510466), ведомости расхождений "
                         "(ф. 0504092), акте (ф. 0510463) и документах движения."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
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
        lay.addWidget(self.table, 1)
        self.error = QLabel()
        self.error.setObjectName("molError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_btn = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_btn.setVisible(not read_only)
        lay.addWidget(buttons)
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
        try:
            ch = self.changes()
            if ch:
                positions.set_positions(ch)
        except ServiceError as e:
            self.error.setText(str(e))
            return
        self.accept()
