"""Small form helpers of the inventory dialogs: a date field that may be empty, number fields,
inline error labels (validation as you type)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from chemcluster_desktop.dates import parse_date_text
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.style import set_invalid


def _t(s: str) -> str:
    return QCoreApplication.translate("InventoryForms", s)


def date_text(d: dt.date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


class DateField(QLineEdit):
    """A date typed as дд.мм.гггг; may stay empty."""

    def __init__(self, parent: QWidget | None = None, *, allow_future: bool = True):
        super().__init__(parent)
        self.allow_future = allow_future
        self.setPlaceholderText(_t("дд.мм.гггг"))
        self.setMaximumWidth(140)

    def set_date(self, d: dt.date | None) -> None:
        self.setText(date_text(d))

    def date(self) -> dt.date | None:
        return parse_date_text(self.text())

    def problem(self) -> str:
        try:
            d = self.date()
        except ValueError:
            return _t("Дата не распознана: нужен вид 26.11.2026.")
        if d is not None and not self.allow_future and d > dt.date.today():
            return _t("Дата ещё не наступила.")
        return ""


class NumberField(QLineEdit):
    """A Russian-formatted number: «1 234,50»; right-aligned."""

    def __init__(self, parent: QWidget | None = None, *, allow_empty: bool = True, allow_zero: bool = True):
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.allow_zero = allow_zero
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(180)

    def set_value(self, v: Decimal | None, places: int | None = None) -> None:
        self.setText("" if v is None else fmt.decimal(v, places))

    def value(self) -> Decimal | None:
        return fmt.parse_decimal(self.text())

    def problem(self) -> str:
        try:
            v = self.value()
        except ValueError:
            return _t("Нужно число, например 1 234,50.")
        if v is None:
            return "" if self.allow_empty else _t("Обязательное поле.")
        if v < 0:
            return _t("Не может быть отрицательным.")
        if v == 0 and not self.allow_zero:
            return _t("Должно быть больше нуля.")
        return ""


def mark(widget: QWidget, label: QLabel, message: str) -> bool:
    """Show ``message`` beside the field (and a red border); returns True when the field is fine."""
    label.setText(message)
    label.setVisible(bool(message))
    set_invalid(widget, bool(message))
    return not message
