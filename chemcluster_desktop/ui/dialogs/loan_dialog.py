"""Record a loan or lease for a checklist line: equipment a partner lends for the exam by a document
(number and date), for a quantity, until a date. A refusal is shown beside the field it names and the
dialog stays open with what was typed; nothing is written."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.widgets.inventory_fields import DateField

CTX = "LoanDialog"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class LoanDialog(FormDialog):
    context = CTX

    def __init__(self, row: dict, parent=None):
        super().__init__(parent, _t("Договор пользования или аренды"), "LoanDialog")
        self.resize(560, 420)
        self.row = row
        self.loan_id: int | None = None
        short = Decimal(row["required"]) - Decimal(row["available"] or 0)
        head = QLabel(_t("Строка листа: {0}. Требуется {1} {2}, в наличии {3}.").format(
            row["name"], fmt.decimal(row["required"]), row["unit"], fmt.decimal(row["available"] or Decimal(0))))
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)
        self.sections.insertWidget(0, head)
        # the labels carry their own «*» (required): the translated texts of the card as it was
        self.kind = self.add("kind", _t("Вид договора"), QComboBox(objectName="kind"))
        for k in acc.LOAN_KINDS:
            self.kind.addItem(acc.loan_kind_label(k), k)
        self.partner = self.add("partner", _t("Партнёр *"), QLineEdit(objectName="partner"))
        self.partner.setMaxLength(300)
        self.partner.setPlaceholderText(_t("Организация, предоставившая оборудование"))
        self.number = self.add("document_number", _t("Номер договора *"), QLineEdit(objectName="document_number"))
        self.number.setMaxLength(100)
        self.date = self.add("document_date", _t("Дата договора *"), DateField())
        self.date.setObjectName("document_date")
        self.quantity = self.add("quantity", _t("Количество, {0} *").format(row["unit"]),
                                 QLineEdit(fmt.decimal(short) if short > 0 else "", objectName="quantity"))
        self.quantity.setMaximumWidth(140)
        self.valid_from = self.add("valid_from", _t("Срок с"), DateField())
        self.valid_from.setObjectName("valid_from")
        self.valid_until = self.add("valid_until", _t("Срок по *"), DateField())
        self.valid_until.setObjectName("valid_until")
        self.note = self.add("note", _t("Примечание"), QPlainTextEdit(objectName="note"))
        self.note.setMaximumHeight(60)
        self.note.setTabChangesFocus(True)
        self.error = self.message  # a refusal that names no field of the card
        self.error.setObjectName("error")
        self.finish_layout()
        self.ok_button.setText(_t("Записать"))

    def data(self) -> dict:
        try:
            qty = fmt.parse_decimal(self.quantity.text())
        except ValueError:
            qty = self.quantity.text()
        return dict(kind=self.kind.currentData(), partner=self.partner.text(), document_number=self.number.text(),
                    document_date=self.date.text(), quantity=qty, valid_from=self.valid_from.text(),
                    valid_until=self.valid_until.text(), note=self.note.toPlainText())

    def save(self) -> int:
        self.loan_id = acc.add_loan(self.row["id"], self.data())
        return self.loan_id

    def show_service_error(self, e: ServiceError) -> None:
        super().show_service_error(e)
        self.show_field(e.field or "")  # the cursor goes to the field the refusal names
