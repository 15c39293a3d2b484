"""Cards of the procurement area: need, supplier, funding source, plan-schedule line, contract,
delivery, and the confirmation of a status-road step.

Every dialog is a QFormLayout (labels left, required marked *), validates as you type with the
message beside the field, and saves through a service in ``accept()``: a refused save shows the
service's message beside the field it names and keeps the dialog open (nothing is written).
Dialogs are opened with ``open()`` (never a blocking ``exec()``) so tests can drive them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement import rules
from chemcluster_desktop.services.procurement.inn import inn_error, kpp_error
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui import forms
from chemcluster_desktop.ui.screen import wrapping_list
from chemcluster_desktop.ui.style import set_role

CTX = "Procurement"


def _t(s: str) -> str:
    return QCoreApplication.translate("Procurement", s)


def qdate(d: dt.date | None) -> QDate:
    d = d or dt.date.today()
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def date_edit(d: dt.date | None = None) -> QDateEdit:
    w = QDateEdit(qdate(d))
    w.setCalendarPopup(True)
    w.setDisplayFormat("dd.MM.yyyy")
    return w


def money_edit(name: str) -> QLineEdit:
    w = QLineEdit()
    w.setObjectName(name)
    w.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    w.setPlaceholderText("0,00")
    return w


def parse_money_text(text: str) -> Decimal | None:
    try:
        return fmt.parse_decimal(text)
    except ValueError:
        return None


class FormDialog(forms.FormDialog):
    """The shared card (:class:`chemcluster_desktop.ui.forms.FormDialog`) in the procurement context."""

    context = CTX


def combo(items: list[tuple[object, str]], current=None, none_label: str | None = None) -> QComboBox:
    c = QComboBox()
    if none_label is not None:
        c.addItem(none_label, None)
    for value, label in items:
        c.addItem(label, value)
    if current is not None:
        i = c.findData(current)
        if i >= 0:
            c.setCurrentIndex(i)
    return c


# --- need -------------------------------------------------------------------------------------------
class NeedDialog(FormDialog):
    def __init__(self, parent=None, need: P.NeedInfo | None = None):
        super().__init__(parent, QCoreApplication.translate("Procurement", "Потребность") if need is None else QCoreApplication.translate("Procurement", "Потребность № {0}").format(need.id),
                         "NeedDialog")
        self.need = need
        self.name = self.add("name", QCoreApplication.translate("Procurement", "Наименование"), QLineEdit(need.name if need else ""), True)
        self.spec = self.add("specification", QCoreApplication.translate("Procurement", "Технические характеристики"),
                             QPlainTextEdit(need.specification if need else ""))
        self.spec.setFixedHeight(70)
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        self.quantity = QLineEdit(fmt.decimal(need.quantity) if need else "1")
        self.quantity.setObjectName("field_quantity")
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.unit = QComboBox()
        self.unit.setObjectName("needUnit")  # units of measure: stored as written (ОКЕИ symbols)
        self.unit.setEditable(True)
        self.unit.addItems(["шт.", "компл.", "уп.", "м", "л", "кг"])
        self.unit.setCurrentText(need.unit if need else "шт.")
        h.addWidget(self.quantity, 1)
        h.addWidget(self.unit)
        self.add("quantity", QCoreApplication.translate("Procurement", "Количество"), row, True)
        self.workshop = self.add("workshop", QCoreApplication.translate("Procurement", "Мастерская"), combo(
            [(i, n) for i, n in P.workshops()], need.workshop_id if need else None, QCoreApplication.translate("Procurement", "— не указана —")))
        self.room = self.add("room", QCoreApplication.translate("Procurement", "Помещение"), combo(
            [(i, n) for i, n in P.rooms()], need.room_id if need else None, QCoreApplication.translate("Procurement", "— по мастерской —")))
        self.okpd2 = self.add("okpd2", QCoreApplication.translate("Procurement", "Код ОКПД2"), QLineEdit(need.okpd2 if need else ""))
        self.okpd2.setPlaceholderText("26.51.53.140")
        self.law = self.add("law", QCoreApplication.translate("Procurement", "Закон"), combo([(x, x) for x in P.LAWS], need.law if need else "44-ФЗ"))
        self.source = self.add("funding_source", QCoreApplication.translate("Procurement", "Источник финансирования"), combo(
            [(s.id, s.name) for s in P.list_sources()], need.funding_source_id if need else None, QCoreApplication.translate("Procurement", "— позже —")))
        self.justification = self.add("justification", QCoreApplication.translate("Procurement", "Обоснование потребности"),
                                      QPlainTextEdit(need.justification if need else ""))
        self.justification.setFixedHeight(60)
        if need and need.checklist_line_id:
            hint = QLabel(QCoreApplication.translate("Procurement", "Создана по дефициту чек-листа аккредитации (строка {0}).").format(need.checklist_line_id))
            set_role(hint, "hint")
            self.lay.addWidget(hint)
        self.finish_layout()
        self.name.textChanged.connect(self.validate)
        self.quantity.textChanged.connect(self.validate)
        self.okpd2.textChanged.connect(self.validate)
        self.validate()

    def validate(self) -> bool:
        ok = True
        self.set_error("name", "" if self.name.text().strip() else QCoreApplication.translate("Procurement", "Заполните наименование."))
        ok &= bool(self.name.text().strip())
        q = parse_money_text(self.quantity.text())
        qerr = "" if q is not None and q > 0 else QCoreApplication.translate("Procurement", "Количество — число больше нуля.")
        self.set_error("quantity", qerr)
        ok &= not qerr
        code = self.okpd2.text().strip()
        cerr = "" if not code or all(p.isdigit() for p in code.split(".")) else QCoreApplication.translate("Procurement", "Цифры через точку.")
        self.set_error("okpd2", cerr)
        ok &= not cerr
        self.ok_button.setEnabled(ok)
        return ok

    def values(self) -> dict:
        return dict(name=self.name.text(), specification=self.spec.toPlainText(), quantity=self.quantity.text(),
                    unit=self.unit.currentText(), workshop_id=self.workshop.currentData(),
                    room_id=self.room.currentData(), okpd2=self.okpd2.text(), law=self.law.currentData(),
                    funding_source_id=self.source.currentData(), justification=self.justification.toPlainText())

    def save(self) -> int | None:
        v = self.values()
        if self.need is None:
            return P.create_need(v)
        P.update_need(self.need.id, v, version=self.need.version)
        return self.need.id


# --- supplier -----------------------------------------------------------------------------------------
class SupplierDialog(FormDialog):
    def __init__(self, parent=None, sup: P.SupplierInfo | None = None):
        super().__init__(parent, QCoreApplication.translate("Procurement", "Поставщик") if sup is None else QCoreApplication.translate("Procurement", "Поставщик: {0}").format(sup.name),
                         "SupplierDialog")
        self.sup = sup
        self.name = self.add("name", QCoreApplication.translate("Procurement", "Наименование"), QLineEdit(sup.name if sup else ""), True)
        self.inn = self.add("inn", QCoreApplication.translate("Procurement", "ИНН"), QLineEdit(sup.inn if sup else ""), True)
        self.inn.setMaxLength(12)
        self.inn.setPlaceholderText(QCoreApplication.translate("Procurement", "10 цифр (организация) или 12 (ИП)"))
        self.kpp = self.add("kpp", QCoreApplication.translate("Procurement", "КПП"), QLineEdit(sup.kpp if sup else ""))
        self.kpp.setMaxLength(9)
        self.contact = self.add("contact", QCoreApplication.translate("Procurement", "Контактное лицо"), QLineEdit(sup.contact if sup else ""))
        self.email = self.add("email", QCoreApplication.translate("Procurement", "Эл. почта"), QLineEdit(sup.email if sup else ""))
        self.phone = self.add("phone", QCoreApplication.translate("Procurement", "Телефон"), QLineEdit(sup.phone if sup else ""))
        self.address = self.add("address", QCoreApplication.translate("Procurement", "Адрес"), QLineEdit(sup.address if sup else ""))
        self.finish_layout()
        for w in (self.name, self.inn, self.kpp):
            w.textChanged.connect(self.validate)
        self.validate()

    def validate(self) -> bool:
        name_err = "" if self.name.text().strip() else QCoreApplication.translate("Procurement", "Заполните наименование.")
        inn = self.inn.text().strip()
        inn_err = (inn_error(inn) or "") if inn else ""
        kpp_err = (kpp_error(self.kpp.text(), inn) or "") if inn and not inn_err else ""
        self.set_error("name", name_err)
        self.set_error("inn", inn_err)
        self.set_error("kpp", kpp_err)
        ok = not (name_err or inn_err or kpp_err) and bool(inn)
        self.ok_button.setEnabled(ok)
        return ok

    def save(self) -> int | None:
        v = dict(name=self.name.text(), inn=self.inn.text(), kpp=self.kpp.text(), contact=self.contact.text(),
                 email=self.email.text(), phone=self.phone.text(), address=self.address.text())
        if self.sup is None:
            return P.create_supplier(v)
        P.update_supplier(self.sup.id, v, version=self.sup.version)
        return self.sup.id


# --- funding source -------------------------------------------------------------------------------------
class SourceDialog(FormDialog):
    def __init__(self, parent=None, src: P.SourceInfo | None = None):
        super().__init__(parent, QCoreApplication.translate("Procurement", "Источник финансирования"), "SourceDialog")
        self.src = src
        self.code = self.add("code", QCoreApplication.translate("Procurement", "Код"), QLineEdit(src.code if src else ""), True)
        self.name = self.add("name", QCoreApplication.translate("Procurement", "Наименование"), QLineEdit(src.name if src else ""), True)
        self.limit = self.add("limit", QCoreApplication.translate("Procurement", "Лимит, ₽"), money_edit("field_limit"), True)
        if src:
            self.limit.setText(fmt.money(src.limit, currency=False))
        hint = QLabel(QCoreApplication.translate("Procurement", "Грант «Профессионалитет» — не более 100 000 000,00 ₽; сумма лимитов — не больше "
                         "стоимости проекта 396 600 000,00 ₽."))
        hint.setWordWrap(True)
        set_role(hint, "hint")
        self.lay.addWidget(hint)
        self.finish_layout()

    def save(self) -> int | None:
        amount = parse_money_text(self.limit.text())
        if amount is None:
            raise ValidationError(QCoreApplication.translate("Procurement", "Введите лимит числом, например 100 000 000,00."), field="limit")
        data = {"code": self.code.text(), "name": self.name.text(), "limit": amount}
        if self.src is None:
            return P.create_source(data)
        P.update_source(self.src.id, data, version=self.src.version)
        return self.src.id


# --- plan-schedule line -------------------------------------------------------------------------------------
class PlanLineDialog(FormDialog):
    def __init__(self, parent=None, line: P.PlanLineInfo | None = None, preselect: list[int] | None = None):
        super().__init__(parent, QCoreApplication.translate("Procurement", "Строка плана-графика") if line is None else
                         QCoreApplication.translate("Procurement", "Строка плана-графика {0}").format(line.number), "PlanLineDialog")
        self.line = line
        self.setMinimumWidth(720)
        self.title = self.add("title", QCoreApplication.translate("Procurement", "Предмет закупки"), QLineEdit(line.title if line else ""), True)
        self.source = self.add("funding_source", QCoreApplication.translate("Procurement", "Источник финансирования"), combo(
            [(s.id, s.name) for s in P.list_sources()], line.funding_source_id if line else None), True)
        self.law = self.add("law", QCoreApplication.translate("Procurement", "Закон"), combo([(x, x) for x in P.LAWS], line.law if line else "44-ФЗ"))
        # the methods of the chosen law (44-ФЗ ст. 24 and ст. 93; the 223-ФЗ purchase regulation's)
        self.method = QComboBox()
        self.method.setObjectName("planMethod")
        self.ikz = QLineEdit(line.ikz if line else "")  # before the methods: the law enables it
        self.ikz.setObjectName("planIkz")
        self.ikz.setMaxLength(36)
        self.ikz.setPlaceholderText(QCoreApplication.translate("Procurement", "формируется автоматически (36 цифр)"))
        self._fill_methods(line.method if line else rules.AUCTION)
        self.law.currentIndexChanged.connect(lambda _i: self._fill_methods(self.method.currentData() or ""))
        self.add("method", QCoreApplication.translate("Procurement", "Способ определения поставщика"), self.method)
        if line is not None:
            self.add("ikz", QCoreApplication.translate("Procurement", "ИКЗ"), self.ikz)
        per = QWidget()
        h = QHBoxLayout(per)
        h.setContentsMargins(0, 0, 0, 0)
        self.quarter = QComboBox()
        for q in (1, 2, 3, 4):
            self.quarter.addItem(QCoreApplication.translate("Procurement", "{0} квартал").format(q), q)
        self.quarter.setCurrentIndex(((line.planned_quarter or 1) - 1) if line else (dt.date.today().month - 1) // 3)
        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(line.planned_year if line and line.planned_year else dt.date.today().year)
        h.addWidget(self.quarter)
        h.addWidget(self.year)
        self.add("planned_quarter", QCoreApplication.translate("Procurement", "Срок размещения"), per)
        self.needs = QListWidget()
        self.needs.setObjectName("planNeeds")
        self.needs.setMinimumHeight(180)
        # never sideways (a long entry hid its НМЦК at the right): the dialog opens as wide as the entries
        # within the screen (showEvent), and on a narrower screen an entry wraps onto a second line
        wrapping_list(self.needs)
        if line is None:
            for n in P.unplanned_needs():
                nm = fmt.money(n["nmck"]) if n["nmck"] is not None else QCoreApplication.translate("Procurement", "цена не обоснована")
                it = QListWidgetItem(f"№ {n['id']} · {n['name']} — {fmt.decimal(n['quantity'])} {n['unit']} · {nm}")
                it.setToolTip(it.text())
                it.setData(Qt.ItemDataRole.UserRole, n["id"])
                it.setData(Qt.ItemDataRole.UserRole + 1, str(n["nmck"] or "0"))
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked if preselect and n["id"] in preselect
                                 else Qt.CheckState.Unchecked)
                self.needs.addItem(it)
            self.add("needs", QCoreApplication.translate("Procurement", "Потребности"), self.needs, True)
            self.total = QLabel()
            self.total.setObjectName("planTotal")
            self.form.addRow(QCoreApplication.translate("Procurement", "НМЦК строки"), self.total)
            self.needs.itemChanged.connect(lambda _i: self.validate())
            self.source.currentIndexChanged.connect(lambda _i: self.validate())
        self.warning = QLabel()
        self.warning.setObjectName("limitWarning")
        set_role(self.warning, "error")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.lay.addWidget(self.warning)
        self.finish_layout()
        self.title.textChanged.connect(lambda _t_: self.validate())
        self.validate()

    def showEvent(self, e) -> None:  # noqa: N802
        if self.line is None:  # before the form's own showEvent, which makes the dialog as wide as its rows
            self._fit_needs()
        super().showEvent(e)

    def _fit_needs(self) -> None:
        """The needs list as wide as its longest entry, but leaving the labels' column, the margins and the
        window frame inside the screen's available width."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or not self.needs.count():
            return
        labels = 0
        for r in range(self.form.rowCount()):
            item = self.form.itemAt(r, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels = max(labels, item.widget().sizeHint().width())
        m = self.lay.contentsMargins()
        around = (labels + self.form.horizontalSpacing() + m.left() + m.right()
                  + self.scroll.verticalScrollBar().sizeHint().width() + 4 + 80)  # 80: the form's own allowance
        want = (self.needs.sizeHintForColumn(0) + 2 * self.needs.frameWidth()
                + self.needs.verticalScrollBar().sizeHint().width() + 4)
        self.needs.setMinimumWidth(max(200, min(want, screen.availableGeometry().width() - around)))
        for w in (self.needs.parentWidget(), self.form_box):  # now, not on the next layout pass: the form
            w.layout().activate()                             # measures its width right after this

    def _fill_methods(self, current: str) -> None:
        law = self.law.currentData() or "44-ФЗ"
        methods = rules.METHODS_44 if law == "44-ФЗ" else rules.METHODS_223
        current = rules.ALIASES.get(current, current)
        self.method.blockSignals(True)
        self.method.clear()
        for m in methods:  # shown in the interface language, stored as the law's Russian term
            self.method.addItem(rules.method_label(m), m)
        if current in methods:
            self.method.setCurrentIndex(self.method.findData(current))
        self.method.blockSignals(False)
        self.ikz.setEnabled(law == "44-ФЗ")

    def checked(self) -> list[int]:
        out = []
        for i in range(self.needs.count()):
            it = self.needs.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                out.append(int(it.data(Qt.ItemDataRole.UserRole)))
        return out

    def amount(self) -> Decimal:
        total = Decimal("0.00")
        for i in range(self.needs.count()):
            it = self.needs.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                total += Decimal(it.data(Qt.ItemDataRole.UserRole + 1))
        return total

    def validate(self) -> bool:
        ok = bool(self.title.text().strip())
        self.set_error("title", "" if ok else QCoreApplication.translate("Procurement", "Заполните предмет закупки."))
        if self.line is None:
            has = bool(self.checked())
            self.set_error("needs", "" if has else QCoreApplication.translate("Procurement", "Отметьте хотя бы одну потребность."))
            ok &= has
            amount = self.amount()
            self.total.setText(fmt.money(amount))
            warn = P.limit_problem(self.source.currentData(), amount) if has else None
            self.warning.setText(QCoreApplication.translate("Procurement", "Внимание: ") + warn if warn else "")
            self.warning.setVisible(bool(warn))
            ok &= not warn
        self.ok_button.setEnabled(ok)
        return ok

    def save(self) -> int | None:
        common = dict(law=self.law.currentData(), method=self.method.currentData(),
                      planned_year=self.year.value(), planned_quarter=self.quarter.currentData())
        if self.line is None:
            return P.create_plan_line(dict(common, title=self.title.text(), need_ids=self.checked(),
                                           funding_source_id=self.source.currentData()))
        data = dict(common, title=self.title.text(), funding_source_id=self.source.currentData())
        if self.law.currentData() == "44-ФЗ" and self.ikz.text().strip() != (self.line.ikz or ""):
            data["ikz"] = self.ikz.text()
        P.update_plan_line(self.line.id, data, version=self.line.version)
        return self.line.id


def table_readonly(t: QTableWidget) -> None:
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
