"""«Инвентарь»: one list of equipment, furniture, consumables and reagents with kind, room and
status filters; search as you type (a scanned label's QR code finds its item); the item card;
movements; stock-taking; Excel import and export; the inventory list and label sheets; alerts."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import events, filenames, ops
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import PagedTableModel
from chemcluster_desktop.ui.pages.base import PAGE_SHORTCUT, BasePage
from chemcluster_desktop.ui.pages.inventory_columns import columns
from chemcluster_desktop.ui.pages.inventory_excel import InventoryExcelMixin
from chemcluster_desktop.ui.widgets.inventory_alerts import AlertsPanel
from chemcluster_desktop.ui.widgets.lazy_combo import LazyComboBox

CTX = "InventoryPage"


def _t(s: str) -> str:
    return QCoreApplication.translate("InventoryPage", s)


class InventoryPage(InventoryExcelMixin, BasePage):
    key = "inventory"
    area = Area.INVENTORY
    context = "InventoryPage"
    title_text = "Инвентарь лабораторий и мастерских"
    icon_name = "flask-outline"
    write_permission = "inventory.write"
    empty_text = "Нет позиций. Добавьте (Ctrl+N) или импортируйте из Excel (Ctrl+I)."
    search_placeholder = "Поиск: наименование, инв. номер, зав. номер, CAS — или скан QR (Ctrl+F)…"

    # --- construction ---------------------------------------------------------------------------------
    def setup_ui(self) -> None:
        self.last_dialog = None
        self.last_preview = None
        self.last_report = None
        self.last_task = None
        self._build_filters()
        self._build_actions()

        model = PagedTableModel(columns(), count=inventory.count_items, page=inventory.list_items, context=CTX)
        model.row_tint = lambda r: "muted" if r.get("status") == "written_off" else None
        self.set_model(model)
        if not settings().get_bytes(f"header/{self.key}"):
            self.table.horizontalHeader().blockSignals(True)
            self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # name
            self.table.horizontalHeader().blockSignals(False)

        # details: the selected item and the alerts
        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("inventorySide")
        box = QWidget()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(8, 0, 0, 0)
        self.details_title = QLabel()
        self.details_title.setStyleSheet("font-weight: bold;")
        bl.addWidget(self.details_title)
        self.details = QLabel()
        self.details.setObjectName("itemDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.details, 1)
        side.addWidget(box)
        self.alerts_panel = AlertsPanel()
        self.alerts_panel.setContentsMargins(8, 0, 0, 0)
        self.alerts_panel.item_activated.connect(self.show_item)
        side.addWidget(self.alerts_panel)
        side.setStretchFactor(0, 2)
        side.setStretchFactor(1, 3)
        side.setSizes([230, 470])
        side.setMinimumWidth(300)
        self.set_details_widget(side)
        self.splitter.setSizes([900, 340])
        # the room and state filters are filled by retranslate_ui(), which follows build() (once at start)
        events.bus().changed.connect(self._core_changed)

    def _build_filters(self) -> None:
        """Kind buttons, room and state filters, written-off, the due-items chip."""
        # kind filter: segmented buttons
        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        self.kind_buttons: dict[str, QToolButton] = {}
        for i, k in enumerate(("", *inventory.ITEM_KINDS)):
            b = QToolButton()
            b.setObjectName(f"kind_{k or 'all'}")
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setStyleSheet("QToolButton { padding: 4px 12px; border: 1px solid #c5ccd3; }"
                            "QToolButton:checked { background: #dbe9f6; color: #0d3c66; font-weight: bold; }")
            self.kind_group.addButton(b, i)
            self.kind_buttons[k] = b
            self.filter_bar.addWidget(b)
        self.kind_buttons[""].setChecked(True)
        self.kind_group.idClicked.connect(lambda _i: self._filters_changed())
        self.filter_bar.addSpacing(16)
        self.room_label = QLabel()
        self.filter_bar.addWidget(self.room_label)
        # the rooms are read when the list is first opened (~8 ms of every start for 200 rooms otherwise)
        self.room_filter = LazyComboBox(lambda: [(r["name"], r["id"]) for r in inventory.rooms()])
        self.room_filter.setObjectName("roomFilter")
        self.room_filter.setMinimumWidth(200)
        self.room_filter.setMaximumWidth(320)
        self.room_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.room_filter.setMinimumContentsLength(22)
        self.room_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.filter_bar.addWidget(self.room_filter)
        self.status_label_w = QLabel()
        self.filter_bar.addWidget(self.status_label_w)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.filter_bar.addWidget(self.status_filter)
        self.written_off = QCheckBox()
        self.written_off.setObjectName("showWrittenOff")
        self.written_off.toggled.connect(lambda _c: self._filters_changed())
        self.filter_bar.addWidget(self.written_off)
        # the dashboard's verification / maintenance tile shows exactly its items; the chip's close icon
        # returns to the list
        self._due_ids: list[int] | None = None
        self.due_chip = QToolButton()
        self.due_chip.setObjectName("dueChip")
        self.due_chip.setStyleSheet("QToolButton { padding: 3px 10px; border: 1px solid #c62828; border-radius: 10px;"
                                    " background: #fdecea; color: #8e1b1b; }")
        self.due_chip.clicked.connect(lambda: self.show_due_items(None))
        self.due_chip.hide()
        self.filter_bar.addWidget(self.due_chip)
        self.filter_bar.addStretch(1)

    def _build_actions(self) -> None:
        """Movements, stock-taking, labels, МОЛ."""
        # extra actions: movements, stock-taking, labels
        self.toolbar.addSeparator()
        self.move_menu = QMenu(self)
        self.move_actions: dict[str, QAction] = {}
        for k, shortcut in (("transfer", "Ctrl+M"), ("issue", "Ctrl+Shift+I"), ("return", "Ctrl+Shift+R"),
                            ("receipt", ""), ("write_off", "Ctrl+Shift+D")):
            a = QAction(self)
            a.setObjectName(f"action_move_{k}")
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(a)
            a.triggered.connect(lambda _c=False, kk=k: self.open_movement(kk))
            self.move_menu.addAction(a)
            self.move_actions[k] = a
        self.move_btn = QToolButton()
        self.move_btn.setObjectName("moveButton")
        self.move_btn.setIcon(icon("swap-horizontal"))
        self.move_btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.move_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_btn.setMenu(self.move_menu)
        # shown and hidden through its action: the tool bar hides the button itself when it does not fit
        # (showing the widget directly put it, 640×480, over the tool bar and the overflow button)
        self.move_btn_action = self.toolbar.addWidget(self.move_btn)
        self.act_stocktaking = QAction(icon("clipboard-check-outline"), "", self)
        self.act_stocktaking.setObjectName("action_stocktaking")
        self.act_stocktaking.setShortcut(QKeySequence("Ctrl+T"))
        self.act_stocktaking.setShortcutContext(PAGE_SHORTCUT)
        self.act_stocktaking.triggered.connect(lambda: self.open_stocktaking())
        self.addAction(self.act_stocktaking)
        self.toolbar.addAction(self.act_stocktaking)
        self.act_labels = QAction(icon("qrcode"), "", self)
        self.act_labels.setObjectName("action_labels")
        self.act_labels.setShortcut(QKeySequence("Ctrl+L"))
        self.act_labels.setShortcutContext(PAGE_SHORTCUT)
        self.act_labels.triggered.connect(self.print_labels)
        self.addAction(self.act_labels)
        self.toolbar.addAction(self.act_labels)
        self.act_mols = QAction(icon("account-group-outline"), "", self)  # МОЛ and their positions
        self.act_mols.setObjectName("action_mols")
        self.act_mols.triggered.connect(self.open_mols)
        self.toolbar.addAction(self.act_mols)

    def _core_changed(self, areas: frozenset) -> None:
        if Area.CORE in areas:
            self._fill_filters()

    def _fill_filters(self) -> None:
        self.room_filter.set_first(_t("Все помещения"), None)
        self.room_filter.reload()  # read again now only if they were read (else when the list is opened)
        keep_s = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(_t("Любое состояние"), None)
        for k in inventory.ITEM_STATUSES:
            self.status_filter.addItem(inventory.status_label(k), k)
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(keep_s), 0))
        self.status_filter.blockSignals(False)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        labels = {"": _t("Все"), "equipment": _t("Оборудование"), "furniture": _t("Мебель"),
                  "consumable": _t("Расходные"), "reagent": _t("Реактивы")}
        for k, b in self.kind_buttons.items():
            b.setText(labels[k])
        self.room_label.setText(_t("Помещение:"))
        self.status_label_w.setText(_t("Состояние:"))
        self.written_off.setText(_t("Списанные"))
        self.written_off.setToolTip(_t("Показывать и списанные позиции (они остаются в истории)"))
        self.move_btn.setText(_t("Движение"))
        self.move_btn.setToolTip(_t("Перемещение, выдача, возврат, поступление, списание выбранных позиций"))
        names = {"transfer": _t("Перемещение в другое помещение…"), "issue": _t("Выдача сотруднику…"),
                 "return": _t("Возврат…"), "receipt": _t("Поступление (приход)…"),
                 "write_off": _t("Списание…")}
        for k, a in self.move_actions.items():
            seq = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            a.setText(names[k] + (f"\t{seq}" if seq else ""))
        self.act_stocktaking.setText(_t("Инвентаризация"))
        self.act_stocktaking.setToolTip(_t("Инвентаризация помещения: сканирование, расхождения, опись (Ctrl+T)"))
        self.act_labels.setText(_t("Этикетки"))
        self.act_labels.setToolTip(_t("Лист этикеток с QR-кодами для выбранных позиций или для всего, что показывает "
                                      "список (Ctrl+L)"))
        self.act_mols.setText(_t("МОЛ"))
        self.act_mols.setToolTip(_t("Материально ответственные лица и их должности для подписей на формах"))
        self.details_title.setText(_t("Позиция"))
        self._fill_filters()
        self.on_selection_changed()

    # --- filters and list -------------------------------------------------------------------------------
    def current_kind(self) -> str:
        for k, b in self.kind_buttons.items():
            if b.isChecked():
                return k
        return ""

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)
        self._filters_changed()

    def set_room(self, room_id: int | None) -> None:
        self.room_filter.select_data(room_id)

    def show_due_items(self, ids: list[int] | None, label: str = "") -> None:
        """Only these items (verification / maintenance due, from the dashboard), every other filter
        cleared; ``None`` returns to the whole list."""
        self._due_ids = None if ids is None else list(ids)
        if ids is not None:
            for w, i in ((self.room_filter, 0), (self.status_filter, 0)):
                w.blockSignals(True)
                w.setCurrentIndex(i)
                w.blockSignals(False)
            self.kind_buttons[""].setChecked(True)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            if self.model is not None:
                self.model.set_search("")
        self.due_chip.setText(label)  # with the bundled close icon: «✕» is not in every Windows font
        self.due_chip.setIcon(icon("close-circle-outline", "#8e1b1b"))
        self.due_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.due_chip.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the icon after the text, as the ✕ was
        self.due_chip.setToolTip(_t("Показать весь инвентарь"))
        self.due_chip.setVisible(ids is not None)
        # the other filters are cleared and would only crowd the bar while the chip says what is shown
        for w in (*self.kind_buttons.values(), self.room_label, self.room_filter, self.status_label_w,
                  self.status_filter, self.written_off):
            w.setVisible(ids is None)
        self._filters_changed()

    def current_filters(self) -> dict:
        f = {"kind": self.current_kind() or None, "room_id": self.room_filter.currentData(),
             "status": self.status_filter.currentData(),
             "include_written_off": True if self.written_off.isChecked() else None}
        f = {k: v for k, v in f.items() if v not in (None, "")}
        if self._due_ids is not None:
            f["due_ids"] = self._due_ids
        return f

    def _filters_changed(self) -> None:
        if self.model is None:
            return
        self.model.set_filters(self.current_filters())
        self._update_empty()
        self._selection_changed()
        self.alerts_panel.reload_later(self.room_filter.currentData())

    def reload(self) -> None:
        super().reload()
        self.alerts_panel.reload_later(self.room_filter.currentData())

    def current_query(self) -> ListQuery:
        q = self.model.query
        return ListQuery(search=q.search, filters=dict(q.filters), sort=q.sort, descending=q.descending)

    # --- QR / scanner search: Enter in the search field finds the item by its inventory number -----------------
    def _apply_search_now(self) -> None:
        text = self.search.text().strip()
        iid = inventory.find_by_code(text) if text else None
        if iid is not None:
            self.show_item(iid)
            return
        super()._apply_search_now()

    def show_item(self, item_id: int) -> bool:
        """Select an item, widening the filters if they hide it (alerts, scans)."""
        if self.select_id(item_id):
            self.table.setFocus()
            return True
        try:
            d = inventory.get_item(item_id)
        except ServiceError:
            return False
        self._search_timer.stop()
        self.search.blockSignals(True)
        self.search.setText(d.get("inventory_number") or d["name"])
        self.search.blockSignals(False)
        self.kind_buttons[""].setChecked(True)
        self.room_filter.blockSignals(True)
        self.room_filter.setCurrentIndex(0)
        self.room_filter.blockSignals(False)
        self.status_filter.blockSignals(True)
        self.status_filter.setCurrentIndex(0)
        self.status_filter.blockSignals(False)
        if d["status"] == "written_off":
            self.written_off.blockSignals(True)
            self.written_off.setChecked(True)
            self.written_off.blockSignals(False)
        self.model.query = replace(self.model.query, search=self.search.text())
        self.model.set_filters(self.current_filters())
        self._update_empty()
        ok = self.select_id(item_id)
        if ok:
            self.table.setFocus()
        return ok

    # --- details panel -----------------------------------------------------------------------------------------
    def on_selection_changed(self) -> None:
        rows = self.selected_rows()
        has = bool(rows)
        writable = self.can_write()
        self.move_btn.setEnabled(has and writable)
        self.move_btn_action.setVisible(writable)
        if not writable:
            self.move_btn.hide()  # at once (the tool bar would on its next layout); shown again by the tool bar
        self.act_stocktaking.setVisible(writable)
        if len(rows) > 1:
            self.details.setText(_t("Выбрано позиций: {0}").format(len(rows)))
            return
        r = self.current_row()
        if r is None:
            # our own sentence, no person's data in it: nothing to escape (html loads with the first item shown,
            # its entity tables are ~3 ms a start does not need)
            self.details.setText(f"<span style='color:#607d8b'>{_t('Выберите позицию в списке.')}</span>")
            return
        import html

        e = html.escape
        lines = [f"<b>{e(r['name'])}</b>"]
        if r.get("inventory_number"):
            lines.append(e(_t("Инв. номер: {0}").format(r["inventory_number"])))
        lines.append(e(r.get("kind_label", "")))
        if r.get("model"):
            lines.append(e(_t("Модель: {0}").format(r["model"])))
        if r.get("serial_number"):
            lines.append(e(_t("Зав. номер: {0}").format(r["serial_number"])))
        if r.get("room"):
            lines.append(e(_t("Помещение: {0}").format(r["room"])))
        if r.get("responsible"):
            lines.append(e(_t("МОЛ: {0}").format(r["responsible"])))
        lines.append(e(_t("Количество: {0} {1}").format(fmt.decimal(r["quantity"]), r["unit"])))
        if r.get("min_quantity") is not None:
            lines.append(e(_t("Минимальный остаток: {0}").format(fmt.decimal(r["min_quantity"]))))
        if r.get("cost") is not None:
            lines.append(e(_t("Стоимость: {0}").format(fmt.money(r["cost"]))))
        if r.get("commissioned_on"):
            lines.append(e(_t("Введено в эксплуатацию: {0}").format(fmt.date(r["commissioned_on"]))))
        if r.get("expires_on"):
            lines.append(e(_t("Ближайший срок годности: {0}").format(fmt.date(r["expires_on"]))))
        if r.get("issued_to"):
            lines.append(f"<span style='color:#0d47a1'>{e(_t('Выдано: {0}').format(r['issued_to']))}</span>")
        if r.get("alert") == "low":
            lines.append(f"<span style='color:#7a5300'>{e(_t('Остаток ниже минимального.'))}</span>")
        elif r.get("alert") in ("expired", "expiring"):
            lines.append(f"<span style='color:#9b1c14'>{e(_t('Есть тары с истёкшим или истекающим сроком.'))}</span>")
        lines.append(f"<span style='color:#607d8b'>{e(_t('Enter или двойной щелчок — карточка с историей.'))}</span>")
        self.details.setText("<br>".join(lines))

    def _db_ok(self) -> bool:
        try:
            from chemcluster_desktop.services import context

            context.current()
            return True
        except RuntimeError:
            return False

    def _info(self, title: str, text: str) -> None:
        """A message that does not block (window-modal, opened with ``open()``)."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()

    # --- card ------------------------------------------------------------------------------------------------------
    def _open_dialog(self, dlg) -> None:
        self.last_dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        dlg.open()

    def on_new(self) -> None:
        from chemcluster_desktop.ui.dialogs.item_card import ItemCardDialog

        dlg = ItemCardDialog(self, None, self.current_kind() or "equipment", self.room_filter.currentData())
        dlg.saved.connect(self._after_save)
        self._open_dialog(dlg)

    def on_edit(self) -> None:
        from chemcluster_desktop.ui.dialogs.item_card import ItemCardDialog

        iid = self.current_id()
        if iid is None:
            return
        try:
            dlg = ItemCardDialog(self, iid, read_only=not self.can_write())
        except ServiceError as e:
            ops.show_error(self, e)
            return
        dlg.saved.connect(self._after_save)
        self._open_dialog(dlg)

    def _after_save(self, item_id: int) -> None:
        # the list was refreshed by the «inventory changed» event the dialog sent
        self.show_item(item_id)

    def on_delete(self) -> None:
        r = self.current_row()
        if r is None:
            return
        what = _t("позицию «{0}»{1}").format(r["name"], f" ({r['inventory_number']})" if r.get("inventory_number")
                                              else "")
        from chemcluster_desktop.services.inventory import attachments  # its models load on first use

        files = attachments.count_files("item", r["id"])
        what += _t(" вместе с её файлами ({0})").format(files) if files else ""
        if not self.confirm_delete(what):
            return
        try:
            inventory.delete_item(r["id"])
        except ServiceError as e:
            ops.show_error(self, e)
            return

    # --- movements and stock-taking ---------------------------------------------------------------------------------
    def open_movement(self, kind: str):
        from chemcluster_desktop.ui.dialogs.movement import MovementDialog

        rows = [self.model.row(r) for r in self.selected_rows()]
        if not rows:
            self._info(_t("Движение"), _t("Выберите в списке позиции для документа."))
            return None
        dlg = MovementDialog(self, kind, rows)
        dlg.accepted.connect(lambda: self._movement_done(dlg))
        dlg.print_requested.connect(lambda k, flt: self.print_report(k, **flt))
        self._open_dialog(dlg)
        return dlg

    def _movement_done(self, dlg) -> None:
        if dlg.result_doc is not None:
            self.status_message.emit(_t("Проведён документ {0}: {1}, позиций {2}.").format(
                dlg.result_doc.number, inventory.movement_label(dlg.result_doc.kind), dlg.result_doc.lines))
            self.count_label.setText(_t("Проведён документ {0}.").format(dlg.result_doc.number))

    def open_mols(self):
        from chemcluster_desktop.ui.dialogs.mol_positions import MolPositionsDialog

        dlg = MolPositionsDialog(self, read_only=not self.can_write())
        self._open_dialog(dlg)
        return dlg

    def open_stocktaking(self, stocktaking_id: int | None = None):
        from chemcluster_desktop.ui.dialogs.stocktaking import StocktakingDialog

        room_id = self.room_filter.currentData()
        if stocktaking_id is None:
            from chemcluster_desktop.services.inventory import stocktaking as st_service  # loads on first use

            open_ones = [s for s in st_service.list_stocktakings(room_id) if s["status"] == "open"]
            if open_ones:
                stocktaking_id = open_ones[0]["id"]
        dlg = StocktakingDialog(self, stocktaking_id, room_id)
        dlg.print_requested.connect(lambda kind, flt: self.print_report(kind, **flt))
        self._open_dialog(dlg)
        return dlg

    # --- printing -----------------------------------------------------------------------------------------------
    def print_filters(self) -> dict | None:
        """The inventory list's filters for the printed list: the rows selected (more than one), else
        exactly what the list shows — search, kind, room, state, «Списанные», the dashboard's items;
        None when the list shows nothing."""
        ids = self.selected_ids()
        if len(ids) > 1:
            return {"ids": ids}
        f = self.current_filters()
        flt: dict = {"search": self.model.query.search.strip(), "kind": f.get("kind"), "room": f.get("room_id"),
                     "status": f.get("status") or ("all" if f.get("include_written_off") else None)}
        if "due_ids" in f:  # the dashboard's verification / maintenance items
            if not f["due_ids"]:
                return None
            flt["ids"] = f["due_ids"]
        if not self.model.total():
            return None
        return {k: v for k, v in flt.items() if v not in (None, "")}

    def on_print(self) -> None:
        flt = self.print_filters()
        if flt is None:
            self._info(_t("Печать"), _t("В списке нет позиций: измените поиск или фильтры."))
            return
        self.print_report("inventory", **flt)

    def print_labels(self) -> None:
        """Labels for the selected rows, or else for exactly the rows the list shows (its search and filters,
        as «Печать» prints them); more than one A4 sheet is counted and confirmed first."""
        from chemcluster_desktop.services.inventory import report_labels

        ids = self.selected_ids()
        flt = {"ids": ids} if ids else self.print_filters()
        if flt is None:
            self._info(_t("Этикетки"), _t("В списке нет позиций: измените поиск или фильтры."))
            return
        try:
            n = report_labels.count(**flt)
        except ServiceError as e:
            self._info(_t("Этикетки"), str(e))
            return
        if not n["labels"]:
            self._info(_t("Этикетки"), _t("У позиций списка нет инвентарных номеров — этикетки печатать не для чего."))
            return
        if n["pages"] <= 1:
            self.print_report("labels", **flt)
            return
        what = n["selection"] or _t("Отбор: весь список")
        box = QMessageBox(QMessageBox.Icon.Question, _t("Этикетки"),
                          _t("Этикеток: {0} на {1} листах A4.\n{2}\n\nСоставить лист этикеток?").format(
                              n["labels"], n["pages"], what),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Yes).setText(_t("Составить ({0} л.)").format(n["pages"]))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # many sheets are made only on purpose
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.print_report("labels", **flt))
        self.last_message = box
        box.open()

    def print_report(self, kind: str, /, **filters):  # positional: «kind» is also a filter (the item kind)
        from chemcluster_desktop.services import printing

        out = Path(tempfile.mkdtemp(prefix="chemcluster-")) / f"{kind}.pdf"
        title = printing.title(kind)

        def done(res):
            from chemcluster_desktop.ui.dialogs.pdf_preview import preview

            self.last_preview = preview(self, res.path, res.title, suggested_name=filenames.pdf_name(res.title))

        def work(task):
            return printing.build(kind, out, progress=task.progress, cancelled=task.is_cancelled, **filters)

        self.last_task = ops.run_task(self, _t("Подготовка документа «{0}»…").format(title), work, on_done=done)
        return self.last_task
