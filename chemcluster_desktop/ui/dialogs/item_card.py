"""The item card: every field of an item of any kind, the reagent's substance and containers,
custom fields and the item's history. Keyboard first: Tab in reading order, Enter saves, Esc cancels.

    dlg = ItemCardDialog(parent, item_id=None, kind="equipment")
    dlg.open()                      # window-modal, non-blocking (tests type into the fields)
    dlg.saved_id                    # after a successful save
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.dialogs.item_card_reagent import ReagentTabMixin
from chemcluster_desktop.ui.forms import FormDialog, error_label
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.style import set_role
from chemcluster_desktop.ui.widgets.inventory_fields import DateField, NumberField, mark

CTX = "ItemCard"


def _t(s: str) -> str:
    return QCoreApplication.translate("ItemCard", s)


class ItemCardDialog(ReagentTabMixin, FormDialog):
    """A FormDialog of tabs: «Основное» is the form; a refused save is shown beside its field (and under
    the form), on the tab that holds it. ``saved`` follows a successful save."""

    context = CTX
    saved = Signal(int)

    def __init__(self, parent=None, item_id: int | None = None, kind: str = "equipment", room_id: int | None = None,
                 read_only: bool = False):
        super().__init__(parent, "", "ItemCardDialog")
        self.item_id = item_id
        self.saved_id: int | None = None
        self.read_only = read_only
        self.version: int | None = None
        self.data: dict = {}
        if item_id is not None:
            self.data = inventory.get_item(item_id)
            self.version = self.data["version"]
            kind = self.data["kind"]
        self.resize(760, 640)
        self._build()
        self._fill(kind, room_id)
        self._connect()
        self.accepted.connect(lambda: self.saved.emit(self.saved_id))
        self.validate()
        self.name.setFocus()

    # --- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.use_tabs(_t("Основное"), icon("card-text-outline"))
        self.tabs.setObjectName("itemTabs")
        self._build_identity_rows(self.form)  # «Основное»: identity, accounting and stock rows
        self._build_accounting_rows(self.form)
        self._build_stock_rows(self.form)
        self._build_reagent_tab()  # substance and containers (item_card_reagent)
        self._build_extra_tabs()
        for key, w, err in (("name", self.name, self.name_err), ("inventory_number", self.number, self.number_err),
                            ("cost", self.cost, self.cost_err), ("commissioned_on", self.commissioned,
                                                                 self.commissioned_err),
                            ("quantity", self.quantity, self.quantity_err),
                            ("min_quantity", self.min_quantity, self.min_err), ("cas_number", self.cas, self.cas_err),
                            ("h_statements", self.h, self.h_err), ("containers", self.containers, self.containers_err)):
            self.field(key, w, err)
        self.error = self.message
        self.error.setObjectName("itemError")
        self.finish_layout()
        self.save_btn = self.ok_button
        self.save_btn.setObjectName("saveItem")
        self.save_btn.setDefault(True)  # Enter saves (set once the button is inside the dialog)

    def _build_identity_rows(self, form: QFormLayout) -> None:
        """Kind, name, inventory number, model, serial number, manufacturer, country."""
        self.kind = QComboBox()
        self.kind.setObjectName("itemKind")
        for k in inventory.ITEM_KINDS:
            self.kind.addItem(inventory.kind_label(k), k)
        form.addRow(_t("Вид"), self.kind)

        self.name = QLineEdit()
        self.name.setObjectName("itemName")
        self.name.setMaxLength(300)
        self.name_err = error_label()
        form.addRow(_t("Наименование *"), self.name)
        form.addRow("", self.name_err)

        numrow = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setObjectName("itemNumber")
        self.number.setMaxLength(64)
        self.number.setPlaceholderText(_t("присваивается автоматически"))
        self.gen_btn = QToolButton()
        self.gen_btn.setIcon(icon("auto-fix"))
        self.gen_btn.setToolTip(_t("Присвоить следующий номер по шаблону"))
        self.gen_btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.gen_btn.clicked.connect(lambda: self.number.setText(inventory.next_inventory_number()))
        numrow.addWidget(self.number, 1)
        numrow.addWidget(self.gen_btn)
        self.number_label = QLabel(_t("Инвентарный номер"))
        form.addRow(self.number_label, numrow)
        self.number_err = error_label()
        form.addRow("", self.number_err)

        self.model_ = QLineEdit()
        self.model_.setObjectName("itemModel")
        self.serial = QLineEdit()
        self.serial.setObjectName("itemSerial")
        self.manufacturer = QLineEdit()
        self.manufacturer.setObjectName("itemManufacturer")
        self.country = QLineEdit()
        self.country.setObjectName("itemCountry")
        self.rows_unit = [(_t("Модель"), self.model_), (_t("Заводской номер"), self.serial),
                          (_t("Производитель"), self.manufacturer), (_t("Страна"), self.country)]
        for label, w in self.rows_unit:
            form.addRow(label, w)

    def _build_accounting_rows(self, form: QFormLayout) -> None:
        """Cost, commissioning date, status, room, МОЛ, account, accounting number."""
        self.cost = NumberField()
        self.cost.setObjectName("itemCost")
        self.cost_err = error_label()
        form.addRow(_t("Стоимость, ₽"), self.cost)
        form.addRow("", self.cost_err)
        self.commissioned = DateField(allow_future=False)
        self.commissioned.setObjectName("itemCommissioned")
        self.commissioned_err = error_label()
        form.addRow(_t("Дата ввода в эксплуатацию"), self.commissioned)
        form.addRow("", self.commissioned_err)
        self.status = QComboBox()
        self.status.setObjectName("itemStatus")
        for k in inventory.ITEM_STATUSES:
            if k != "written_off":
                self.status.addItem(inventory.status_label(k), k)
        form.addRow(_t("Состояние"), self.status)
        self.room = QComboBox()
        self.room.setObjectName("itemRoom")
        # a long room name does not widen the card past a small screen (the list shows it whole)
        self.room.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.room.setMinimumContentsLength(28)
        self.room.addItem(_t("— не указано —"), None)
        self._rooms = inventory.rooms()
        for r in self._rooms:
            self.room.addItem(r["name"] + (f" · {r['building']}" if r["building"] else ""), r["id"])
        form.addRow(_t("Помещение"), self.room)
        self.responsible = QLineEdit()
        self.responsible.setObjectName("itemResponsible")
        self.responsible.setPlaceholderText(_t("Фамилия И. О."))
        form.addRow(_t("МОЛ"), self.responsible)
        self.account = QLineEdit()
        self.account.setObjectName("itemAccount")
        self.account.setPlaceholderText(_t("например, 101.34"))
        self.account.setMaxLength(32)
        form.addRow(_t("Счёт учёта"), self.account)
        self.accounting_number = QLineEdit()
        self.accounting_number.setObjectName("itemAccountingNumber")
        self.accounting_number.setMaxLength(64)
        self.accounting_number.setToolTip(_t("Номер объекта в бухгалтерском учёте, если он отличается от "
                                             "инвентарного (например, номер группы, из которой выделен предмет)."))
        form.addRow(_t("Номер по учёту"), self.accounting_number)

    def _build_stock_rows(self, form: QFormLayout) -> None:
        """Quantity and unit, minimum stock, issued, notes (the main tab's lower rows)."""
        qrow = QHBoxLayout()
        self.quantity = NumberField(allow_empty=False)
        self.quantity.setObjectName("itemQuantity")
        self.unit = QComboBox()
        self.unit.setObjectName("itemUnit")
        self.unit.setEditable(True)
        self.unit.addItems(["шт.", "уп.", "пар", "кг", "г", "л", "мл", "м", "компл."])
        self.unit.setMaximumWidth(110)
        qrow.addWidget(self.quantity)
        qrow.addWidget(self.unit)
        qrow.addStretch(1)
        self.quantity_label = QLabel(_t("Количество *"))
        form.addRow(self.quantity_label, qrow)
        self.quantity_err = error_label()
        form.addRow("", self.quantity_err)
        self.min_quantity = NumberField()
        self.min_quantity.setObjectName("itemMinQuantity")
        self.min_label = QLabel(_t("Минимальный остаток"))
        form.addRow(self.min_label, self.min_quantity)
        self.min_err = error_label()
        form.addRow("", self.min_err)
        self.issued = QLabel()
        self.issued.setObjectName("itemIssued")
        self.issued_label = QLabel(_t("Выдано"))
        form.addRow(self.issued_label, self.issued)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("itemNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        form.addRow(_t("Примечание"), self.notes)

    def _build_extra_tabs(self) -> None:
        """Custom fields, verification and maintenance, files and the history."""
        # custom fields
        cf = QWidget()
        cl = QVBoxLayout(cf)
        cl.addWidget(QLabel(_t("Дополнительные поля: название и значение (например «Поверка до» — «01.03.2027»).")))
        self.custom = QTableWidget(0, 2)
        self.custom.setObjectName("customFields")
        self.custom.setHorizontalHeaderLabels([_t("Поле"), _t("Значение")])
        self.custom.verticalHeader().setVisible(False)
        self.custom.horizontalHeader().setStretchLastSection(True)
        self.custom.setColumnWidth(0, 220)
        cl.addWidget(self.custom, 1)
        crow = QHBoxLayout()
        add = QPushButton(icon("plus"), _t("Добавить поле"))
        add.clicked.connect(lambda: self.custom.insertRow(self.custom.rowCount()))
        rem = QPushButton(icon("minus"), _t("Удалить поле"))
        rem.clicked.connect(lambda: self.custom.removeRow(self.custom.currentRow())
                            if self.custom.currentRow() >= 0 else None)
        crow.addWidget(add)
        crow.addWidget(rem)
        crow.addStretch(1)
        cl.addLayout(crow)
        self.add_tab(cf, _t("Доп. поля"), icon("form-textbox"))
        from chemcluster_desktop.ui.widgets.upkeep_tab import UpkeepTab

        self.upkeep = UpkeepTab()  # verification (поверка) and maintenance
        self.add_tab(self.upkeep, _t("Поверка и обслуживание"), icon("scale-balance"))
        from chemcluster_desktop.ui.widgets.files_tab import FilesTab

        self.files = FilesTab(read_only=self.read_only)  # passport, certificates, SDS, photos
        self.add_tab(self.files, _t("Файлы"), icon("paperclip"))

        # history
        hist = QWidget()
        hl = QVBoxLayout(hist)
        self.history = QTableWidget(0, 7)
        self.history.setObjectName("historyTable")
        self.history.setHorizontalHeaderLabels([_t("Дата"), _t("Документ"), _t("Вид"), _t("Количество"),
                                                _t("Откуда"), _t("Куда / кому"), _t("Основание")])
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setAlternatingRowColors(True)
        hl.addWidget(self.history)
        self.history_tab = hist
        self.add_tab(hist, _t("История"), icon("history"))

    # --- data ---------------------------------------------------------------------------------------------
    def _fill(self, kind: str, room_id: int | None) -> None:
        d = self.data
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        if not d:
            self.setWindowTitle(_t("Новая позиция: {0}").format(inventory.kind_label(kind)))
            if room_id is not None:
                self.room.setCurrentIndex(max(self.room.findData(room_id), 0))
                self._room_changed()
            self.quantity.set_value(1 if kind in inventory.UNIT_KINDS else None)
            self.unit.setCurrentText("г" if kind == "reagent" else "шт.")
            self.history_tab.setEnabled(False)
            self.files.set_item(None)  # files are attached once the card is saved
            self._update_kind()
            return
        self.setWindowTitle(_t("Карточка: {0} {1}").format(d.get("inventory_number") or "", d["name"]).strip())
        self.name.setText(d["name"])
        self.number.setText(d.get("inventory_number") or "")
        self.model_.setText(d["model"])
        self.serial.setText(d["serial_number"])
        self.manufacturer.setText(d["manufacturer"])
        self.country.setText(d["country"])
        self.cost.set_value(d["cost"], 2)
        self.commissioned.set_date(d["commissioned_on"])
        if d["status"] == "written_off":
            self.status.addItem(inventory.status_label("written_off"), "written_off")
        self.status.setCurrentIndex(max(self.status.findData(d["status"]), 0))
        self.room.setCurrentIndex(max(self.room.findData(d["room_id"]), 0))
        self.responsible.setText(d["responsible"])
        self.account.setText(d.get("account") or "")
        self.accounting_number.setText(d.get("accounting_number") or "")
        self.quantity.set_value(d["quantity"])
        self.unit.setCurrentText(d["unit"])
        self.min_quantity.set_value(d["min_quantity"])
        self.issued.setText(d.get("issued_to") or "—")
        self.notes.setPlainText(d["notes"])
        self.cas.setText(d.get("cas_number") or "")
        self.formula.setText(d.get("formula") or "")
        self.group.setCurrentIndex(max(self.group.findData(d.get("storage_group") or ""), 0))
        for code in (d.get("ghs_pictograms") or "").split(","):
            if code in self.ghs:
                self.ghs[code].setChecked(True)
        self.h.setText((d.get("h_statements") or "").replace(",", ", "))
        for c in d.get("containers", []):
            self.add_container_row(c)
        for k, v in (d.get("custom_fields") or {}).items():
            r = self.custom.rowCount()
            self.custom.insertRow(r)
            self.custom.setItem(r, 0, QTableWidgetItem(str(k)))
            self.custom.setItem(r, 1, QTableWidgetItem("" if v is None else str(v)))
        self._fill_history(d.get("history", []))
        self.upkeep.set_values(d)
        self.files.set_item(d["id"], d.get("substance_id"))
        self._update_kind()
        if d["status"] == "written_off" or self.read_only:
            self._set_read_only()

    def _fill_history(self, rows: list[dict]) -> None:
        self.history.setRowCount(len(rows))
        for i, h in enumerate(rows):
            where_to = h["to_room"] or h["person"]
            if h["to_room"] and h["person"]:
                where_to = f"{h['to_room']} / {h['person']}"
            vals = [fmt.date(h["date"]), h["number"], h["kind_label"], fmt.decimal(h["quantity"]), h["from_room"],
                    where_to, h["reason"]]
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j == 3:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.history.setItem(i, j, it)
        self.history.resizeColumnsToContents()

    def _set_read_only(self) -> None:
        for w in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            w.setReadOnly(True)
        for w in self.findChildren(QComboBox) + self.findChildren(QCheckBox) + [self.gen_btn, self.add_container_btn,
                                                                               self.del_container_btn]:
            w.setEnabled(False)
        self.containers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.save_btn.hide()
        if self.data.get("status") == "written_off":
            set_role(self.error, "hint")
            self.error.setText(_t("Позиция списана: карточка только для просмотра, история сохранена."))
            self.error.show()

    def values(self) -> dict:
        kind = self.kind.currentData()
        custom = {}
        for r in range(self.custom.rowCount()):
            k = self.custom.item(r, 0)
            v = self.custom.item(r, 1)
            if k is not None and k.text().strip():
                custom[k.text().strip()] = v.text() if v is not None else ""
        d = {
            "kind": kind, "name": self.name.text(), "inventory_number": self.number.text(),
            "model": self.model_.text(), "serial_number": self.serial.text(),
            "manufacturer": self.manufacturer.text(), "country": self.country.text(),
            "cost": self.cost.value() if not self.cost.problem() else self.cost.text(),
            "commissioned_on": self.commissioned.date() if not self.commissioned.problem() else self.commissioned.text(),
            "status": self.status.currentData(), "room_id": self.room.currentData(),
            "responsible": self.responsible.text(),
            "quantity": self.quantity.value() if not self.quantity.problem() else self.quantity.text(),
            "unit": self.unit.currentText(),
            "min_quantity": self.min_quantity.value() if not self.min_quantity.problem() else self.min_quantity.text(),
            "notes": self.notes.toPlainText(), "custom_fields": custom or None,
            "issued_to": self.data.get("issued_to", ""),
            "account": self.account.text(), "accounting_number": self.accounting_number.text(),
            **self.upkeep.values(),
        }
        if kind == "reagent":
            d.update(cas_number=self.cas.text(), formula=self.formula.text(), storage_group=self.group.currentData(),
                     ghs_pictograms=[c for c, cb in self.ghs.items() if cb.isChecked()], h_statements=self.h.text())
        return d

    # --- behaviour ------------------------------------------------------------------------------------------
    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(lambda _i: (self._update_kind(), self.validate()))
        self.room.currentIndexChanged.connect(lambda _i: self._room_changed())
        self.cas.editingFinished.connect(self._cas_entered)
        for w in (self.name, self.number, self.cost, self.commissioned, self.quantity, self.min_quantity, self.cas,
                  self.h):
            w.textChanged.connect(lambda _t: self.validate())

    def _cas_entered(self) -> None:
        from chemcluster_desktop.ui.dialogs.substance_offer import offer_substance

        offer_substance(self)

    def _room_changed(self) -> None:
        rid = self.room.currentData()
        if rid is None or self.responsible.text().strip() and self.responsible.isModified():
            return
        for r in self._rooms:
            if r["id"] == rid and r["responsible"]:
                self.responsible.setText(r["responsible"])

    def _update_kind(self) -> None:
        kind = self.kind.currentData()
        unit_kind = kind in inventory.UNIT_KINDS
        self.form.setRowVisible(self.number_label, True)
        self.gen_btn.setVisible(unit_kind)
        for label, w in self.rows_unit:
            self.form.setRowVisible(w, kind != "consumable" or label == _t("Производитель"))
        self.form.setRowVisible(self.commissioned, unit_kind)
        self.form.setRowVisible(self.min_label, kind == "consumable")
        self.form.setRowVisible(self.issued_label, unit_kind and bool(self.data.get("issued_to")))
        has_containers = kind == "reagent"
        self.tabs.setTabVisible(self.tabs.indexOf(self.reagent_tab), has_containers)
        # equipment / furniture: 1 for a unit, N for a group of identical units under one number
        self.quantity.setReadOnly(kind == "reagent")
        self.quantity.allow_empty = kind == "reagent"  # a reagent's amount is the sum of its containers
        if kind == "reagent":
            self.quantity.setToolTip(_t("Количество реактива — сумма его тар (вкладка «Вещество и тары»)."))
        if unit_kind:
            q = self.quantity.value()
            if q is None or q < 1 or q != int(q):
                self.quantity.set_value(1)
            self.quantity.setToolTip(_t("1 — один предмет; больше 1 — группа одинаковых предметов под одним "
                                        "инвентарным номером."))
            self.unit.setCurrentText("шт.")
        self.unit.setEnabled(not unit_kind)
        if not self.data:
            self.setWindowTitle(_t("Новая позиция: {0}").format(inventory.kind_label(kind)))

    def validate(self) -> bool:
        ok = True
        ok &= mark(self.name, self.name_err, "" if self.name.text().strip() else _t("Укажите наименование."))
        ok &= mark(self.cost, self.cost_err, self.cost.problem())
        ok &= mark(self.commissioned, self.commissioned_err, self.commissioned.problem())
        ok &= mark(self.quantity, self.quantity_err, self.quantity.problem())
        ok &= mark(self.min_quantity, self.min_err, self.min_quantity.problem())
        cas = self.cas.text().strip()
        cas_msg = ""
        if self.kind.currentData() == "reagent" and cas and not inventory.cas_valid(cas):
            cas_msg = _t("Неверный номер CAS: нужен вид 7647-01-0 с верной контрольной цифрой.")
        ok &= mark(self.cas, self.cas_err, cas_msg)
        h_msg = ""
        if self.kind.currentData() == "reagent" and self.h.text().strip():
            try:
                inventory.clean_h_statements(self.h.text())
            except ValidationError as e:
                h_msg = e.message
        ok &= mark(self.h, self.h_err, h_msg)
        self.number_err.hide()
        self.save_btn.setEnabled(bool(ok) and not self.read_only)
        return bool(ok)

    def show_service_error(self, e: ServiceError) -> None:
        """The message under the form always (the item card's habit), and beside its field on its tab."""
        self.set_error(None, str(e))
        f = e.field if isinstance(e, ValidationError) else None
        if f in ("verified_on", "maintained_on", "verification_months", "maintenance_months",
                 "verification_certificate"):
            self.tabs.setCurrentWidget(self.upkeep)
        if f in self.errors:
            mark(self.fields[f], self.errors[f], str(e))
            self.show_field(f)

    def save(self) -> int:
        d = self.values()
        containers = self.container_values() if d["kind"] == "reagent" else None
        if self.item_id is None:
            return inventory.create_item(d, containers)
        inventory.update_item(self.item_id, d, version=self.version, containers=containers)
        return self.item_id
