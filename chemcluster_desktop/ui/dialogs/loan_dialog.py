"""Record a loan or lease for a checklist line: equipment a partner lends for the exam by a document
(number and date), for a quantity, until a date. A refusal is shown in the dialog, naming the field,
and the dialog stays open with what was typed; nothing is written."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.widgets.inventory_fields import DateField

CTX = "LoanDialog"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class LoanDialog(QDialog):
    def __init__(self, row: dict, parent=None):
        super().__init__(parent)
        self.setObjectName("LoanDialog")
        self.setWindowTitle(_t("Договор пользования или аренды"))
        self.resize(560, 420)
        self.row = row
        self.loan_id: int | None = None
        lay = QVBoxLayout(self)
        short = Decimal(row["required"]) - Decimal(row["available"] or 0)
        head = QLabel(_t("Строка листа: {0}. Требуется {1} {2}, в наличии {3}.").format(
            row["name"], fmt.decimal(row["required"]), row["unit"], fmt.decimal(row["available"] or Decimal(0))))
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)
        lay.addWidget(head)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in acc.LOAN_KINDS:
            self.kind.addItem(acc.loan_kind_label(k), k)
        form.addRow(_t("Вид договора"), self.kind)
        self.partner = QLineEdit()
        self.partner.setObjectName("partner")
        self.partner.setMaxLength(300)
        self.partner.setPlaceholderText(_t("Организация, предоставившая оборудование"))
        form.addRow(_t("Партнёр *"), self.partner)
        self.number = QLineEdit()
        self.number.setObjectName("document_number")
        self.number.setMaxLength(100)
        form.addRow(_t("Номер договора *"), self.number)
        self.date = DateField()
        self.date.setObjectName("document_date")
        form.addRow(_t("Дата договора *"), self.date)
        self.quantity = QLineEdit(fmt.decimal(short) if short > 0 else "")
        self.quantity.setObjectName("quantity")
        self.quantity.setMaximumWidth(140)
        form.addRow(_t("Количество, {0} *").format(row["unit"]), self.quantity)
        self.valid_from = DateField()
        self.valid_from.setObjectName("valid_from")
        form.addRow(_t("Срок с"), self.valid_from)
        self.valid_until = DateField()
        self.valid_until.setObjectName("valid_until")
        form.addRow(_t("Срок по *"), self.valid_until)
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setMaximumHeight(60)
        form.addRow(_t("Примечание"), self.note)
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("Записать"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._fields = {"kind": self.kind, "partner": self.partner, "document_number": self.number,
                        "document_date": self.date, "quantity": self.quantity, "valid_from": self.valid_from,
                        "valid_until": self.valid_until}

    def data(self) -> dict:
        try:
            qty = fmt.parse_decimal(self.quantity.text())
        except ValueError:
            qty = self.quantity.text()
        return dict(kind=self.kind.currentData(), partner=self.partner.text(), document_number=self.number.text(),
                    document_date=self.date.text(), quantity=qty, valid_from=self.valid_from.text(),
                    valid_until=self.valid_until.text(), note=self.note.toPlainText())

    def save(self) -> None:
        try:
            self.loan_id = acc.add_loan(self.row["id"], self.data())
        except ValidationError as e:
            self.error.setText(str(e))
            self.error.show()
            w = self._fields.get(e.field or "")
            if w is not None:
                w.setFocus()
            return
        except ServiceError as e:
            self.error.setText(str(e))
            self.error.show()
            return
        self.accept()
