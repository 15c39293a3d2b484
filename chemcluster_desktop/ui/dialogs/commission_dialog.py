"""The records the accreditation packet prints for a workshop: the КОД code of its infrastructure list
(the demo exam's «комплект оценочной документации») and the commission — the order that appointed it
and its members (role, name, position). Saved in one action; a refusal names the field and the dialog
stays open with what was typed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
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

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui.widgets.inventory_fields import DateField

CTX = "CommissionDialog"
ROLES = ("chair", "member", "secretary")


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class CommissionDialog(QDialog):
    def __init__(self, workshop_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("CommissionDialog")
        self.setWindowTitle(_t("Комиссия и код КОД"))
        self.resize(760, 480)
        self.workshop_id = workshop_id
        com = acc.commission(workshop_id)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.kod = QLineEdit(com["kod_code"])
        self.kod.setObjectName("kod_code")
        self.kod.setPlaceholderText(_t("например 18.02.12-1-{0}").format(com["list_year"] or 2026))
        self.kod.setEnabled(com["list_year"] is not None)
        form.addRow(_t("Код КОД листа {0} г.").format(com["list_year"] or "—"), self.kod)
        self.order = QLineEdit(com["order"])
        self.order.setObjectName("commission_order")
        self.order.setMaxLength(100)
        form.addRow(_t("Приказ о комиссии, № *"), self.order)
        self.order_date = DateField()
        self.order_date.setObjectName("commission_order_date")
        self.order_date.set_date(com["order_date"])
        form.addRow(_t("Дата приказа *"), self.order_date)
        lay.addLayout(form)
        self.members = QTableWidget(0, 3)
        self.members.setObjectName("members")
        self.members.setHorizontalHeaderLabels([_t("Роль"), _t("Фамилия, имя, отчество"), _t("Должность")])
        self.members.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.members.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.members.verticalHeader().hide()
        self.members.setColumnWidth(0, 190)
        lay.addWidget(self.members, 1)
        for m in com["members"] or [dict(role="chair", full_name="", job_title=""),
                                     dict(role="member", full_name="", job_title=""),
                                     dict(role="member", full_name="", job_title="")]:
            self.add_member(m)
        hb = QHBoxLayout()
        self.add_btn = QPushButton(_t("Добавить члена комиссии"))
        self.add_btn.clicked.connect(lambda: self.add_member())
        self.del_btn = QPushButton(_t("Убрать строку"))
        self.del_btn.clicked.connect(self.remove_member)
        hb.addWidget(self.add_btn)
        hb.addWidget(self.del_btn)
        hb.addStretch(1)
        lay.addLayout(hb)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def add_member(self, m: dict | None = None) -> None:
        m = m or dict(role="member", full_name="", job_title="")
        r = self.members.rowCount()
        self.members.insertRow(r)
        role = QComboBox()
        for k in ROLES:
            role.addItem(acc.commission_role_label(k), k)
        role.setCurrentIndex(max(role.findData(m["role"]), 0))
        self.members.setCellWidget(r, 0, role)
        self.members.setItem(r, 1, QTableWidgetItem(m["full_name"]))
        self.members.setItem(r, 2, QTableWidgetItem(m["job_title"]))

    def remove_member(self) -> None:
        r = self.members.currentRow()
        if r >= 0:
            self.members.removeRow(r)

    def member_rows(self) -> list[dict]:
        out = []
        for r in range(self.members.rowCount()):
            name, title = self.members.item(r, 1), self.members.item(r, 2)
            out.append(dict(role=self.members.cellWidget(r, 0).currentData(),
                            full_name=name.text() if name else "", job_title=title.text() if title else ""))
        return out

    def save(self) -> None:
        try:
            acc.set_commission(self.workshop_id, self.order.text(), self.order_date.text(), self.member_rows(),
                               kod_code=self.kod.text() if self.kod.isEnabled() else None)
        except ServiceError as e:
            self.error.setText(str(e))
            self.error.show()
            w = {"kod_code": self.kod, "commission_order": self.order,
                 "commission_order_date": self.order_date}.get(getattr(e, "field", None) or "")
            if w is not None:
                w.setFocus()
            return
        self.accept()

