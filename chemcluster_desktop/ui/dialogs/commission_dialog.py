"""The records the accreditation packet prints for a workshop: the КОД code of its infrastructure list
(the demo exam's «комплект оценочной документации») and the commission — the order that appointed it
and its members (role, name, position). Saved in one action; a refusal names the field and the dialog
stays open with what was typed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.widgets.inventory_fields import DateField

CTX = "CommissionDialog"
ROLES = ("chair", "member", "secretary")
# the refusals about one member (or their count) are shown under the table of members
MEMBER_FIELDS = ("full_name", "job_title", "role", "members")


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class CommissionDialog(FormDialog):
    context = CTX

    def __init__(self, workshop_id: int, parent=None):
        super().__init__(parent, _t("Комиссия и код КОД"), "CommissionDialog")
        self.resize(760, 480)
        self.workshop_id = workshop_id
        com = acc.commission(workshop_id)
        # the labels carry their own «*» (required): the translated texts of the card as it was
        self.kod = self.add("kod_code", _t("Код КОД листа {0} г.").format(com["list_year"] or "—"),
                            QLineEdit(com["kod_code"], objectName="kod_code"))
        self.kod.setPlaceholderText(_t("например 18.02.12-1-{0}").format(com["list_year"] or 2026))
        self.kod.setEnabled(com["list_year"] is not None)
        self.order = self.add("commission_order", _t("Приказ о комиссии, № *"),
                              QLineEdit(com["order"], objectName="commission_order"))
        self.order.setMaxLength(100)
        self.order_date = self.add("commission_order_date", _t("Дата приказа *"), DateField())
        self.order_date.setObjectName("commission_order_date")
        self.order_date.set_date(com["order_date"])
        self.members = QTableWidget(0, 3)
        self.members.setObjectName("members")
        self.members.setHorizontalHeaderLabels([_t("Роль"), _t("Фамилия, имя, отчество"), _t("Должность")])
        self.members.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.members.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.members.verticalHeader().hide()
        self.members.setColumnWidth(0, 190)
        self.add_block("members", "", self.members)
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
        self.sections.addLayout(hb)
        self.error = self.message  # a refusal that names no field of the card
        self.error.setObjectName("error")
        self.finish_layout()

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

    def save(self) -> int:
        acc.set_commission(self.workshop_id, self.order.text(), self.order_date.text(), self.member_rows(),
                           kod_code=self.kod.text() if self.kod.isEnabled() else None)
        return self.workshop_id

    def show_service_error(self, e: ServiceError) -> None:
        if isinstance(e, ValidationError) and e.field in MEMBER_FIELDS:
            e = ValidationError(str(e), field="members")
        super().show_service_error(e)
        self.show_field(e.field or "")  # the cursor goes to the field the refusal names
