"""«Аккредитация»: workshops on the left; the selected workshop's readiness (figures and a chart by
zone) and its checklist in the centre (filter by zone and status, search); the selected line's links,
status by hand, comment and photos on the right. Actions: new workshop (Ctrl+N), import a list
(Ctrl+I), match (Ctrl+M), gaps → procurement, print the packet (Ctrl+P)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidgetItem,
    QMessageBox,
)

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import security
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui.dialogs import acc_bulk, acc_output
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.models.table import BADGE_COLORS, Column, PagedTableModel
from chemcluster_desktop.ui.pages import accreditation_panes as panes
from chemcluster_desktop.ui.pages.base import BasePage
from chemcluster_desktop.ui.widgets.checklist_details import ChecklistDetails

CTX = "AccreditationPage"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


STATUS_BADGES = {"met": ("Выполнено", "ok"), "partial": ("Частично", "warn"), "missing": ("Не выполнено", "bad"),
                 # a manual «Выполнено» the evidence does not support: the status that counts, marked
                 "partial_unconfirmed": ("Частично · вручную, без подтверждения", "warn"),
                 "missing_unconfirmed": ("Не выполнено · вручную, без подтверждения", "bad")}


def _zone_names() -> list[tuple[str, str]]:
    return [
        ("workplace", _t("Рабочее место участника")),
        ("consumables", _t("Расходные материалы")),
        ("expert", _t("Зона экспертов")),
        ("store", _t("Склад")),
        ("safety", _t("Охрана труда и ТБ")),
        ("general", _t("Общая инфраструктура")),
    ]


def _status_names() -> list[tuple[str, str]]:
    return [
        ("open", _t("Не выполненные и частично")),
        ("met", _t("Выполнено")),
        ("partial", _t("Частично")),
        ("missing", _t("Не выполнено")),
        ("proposals", _t("Есть предложения сопоставления")),
        ("overridden", _t("Статус установлен вручную")),
        ("unconfirmed", _t("Вручную, без подтверждения")),
    ]


EMPTY_NO_WORKSHOPS = "Нет мастерских. Создайте мастерскую (Ctrl+N) и импортируйте инфраструктурный лист (Ctrl+I)."
EMPTY_NO_LINES = ("Нет строк чек-листа. Импортируйте инфраструктурный лист компетенции (Ctrl+I) или выберите лист "
                  "в карточке мастерской; при фильтре — измените зону или статус.")


def _empty_texts() -> list[str]:  # for the translation tools: the page shows these through tr_()
    return [_t("Нет мастерских. Создайте мастерскую (Ctrl+N) и импортируйте инфраструктурный лист (Ctrl+I)."),
            _t("Нет строк чек-листа. Импортируйте инфраструктурный лист компетенции (Ctrl+I) или выберите лист "
               "в карточке мастерской; при фильтре — измените зону или статус.")]


def _pct(v: float) -> str:
    return (f"{v:.1f}" if v != int(v) else f"{v:.0f}").replace(".", ",") + " %"


class AccreditationPage(BasePage):
    key = "accreditation"
    area = Area.ACCREDITATION
    context = CTX
    title_text = "Аккредитация мастерских"
    icon_name = "certificate-outline"
    write_permission = "accreditation.write"
    empty_text = "Нет мастерских. Создайте мастерскую (Ctrl+N) и импортируйте инфраструктурный лист (Ctrl+I)."
    search_placeholder = "Поиск по чек-листу (Ctrl+F)…"

    # --- build -------------------------------------------------------------------------------
    def build(self) -> None:
        self.workshop_id: int | None = None
        self._preview = None
        self._info_box = None
        self._dialog = None
        # filters
        self.zone_filter = QComboBox()
        self.zone_filter.setObjectName("zoneFilter")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.zone_label = QLabel()
        self.status_label = QLabel()
        self.filter_bar.addWidget(self.zone_label)
        self.filter_bar.addWidget(self.zone_filter)
        self.filter_bar.addSpacing(8)
        self.filter_bar.addWidget(self.status_label)
        self.filter_bar.addWidget(self.status_filter)
        self.filter_bar.addStretch(1)
        self._fill_filters()
        self.zone_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())

        # extra toolbar actions
        def add_action(name: str, icon_name: str, shortcut: str | None, handler, write: bool) -> QAction:
            act = QAction(icon(icon_name), "", self)
            act.setObjectName(f"action_{name}")
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(handler)
            self.addAction(act)
            self.toolbar.insertAction(self.actions_by_name.get("print"), act)
            act.setProperty("needs_write", write)
            return act

        self.act_match = add_action("match", "link-variant", "Ctrl+M", self.on_match, True)
        self.act_confirm_all = add_action("confirm_all", "check-all", None, self.on_confirm_all, True)
        self.act_needs = add_action("needs", "cart-arrow-right", None, self.on_needs, False)
        self.act_lists = add_action("lists", "format-list-numbered", None, self.on_lists, False)
        self.act_undo = add_action("undo", "backup-restore", None, self.on_undo, True)

        left = panes.build_workshop_panel(self)
        self.splitter.insertWidget(0, left)
        self.splitter.insertWidget(1, panes.build_centre(self))  # takes the page's table into its tabs
        self.details = ChecklistDetails()
        self.set_details_widget(self.details)
        self.splitter.setChildrenCollapsible(False)
        self.arrangement = panes.Arrangement(self)
        self.arrangement.set_narrow(False)

        cols = [
            Column("number", "№", width=44),
            Column("name", "Наименование", width=220, tooltip_key="specification"),
            Column("zone_label", "Зона", width=110, sortable=False),
            Column("required", "Требуется", kind="decimal", width=92),
            Column("unit", "Ед.", width=48),
            Column("available", "В наличии", kind="decimal", width=92),
            Column("status_badge", "Статус", kind="badge", width=130, badges=STATUS_BADGES),
            Column("links", "Связей", kind="int", width=62),
            Column("proposals", "Предл.", kind="int", width=58, sortable=False),
            Column("photos", "Фото", kind="int", width=48),
            Column("specification", "Характеристики", width=200),
            Column("comment", "Комментарий", width=200, sortable=False),
        ]
        model = PagedTableModel(cols, count=acc.checklist_count, page=acc.checklist_page, context=CTX)
        model.query = replace(model.query, filters={"workshop_id": -1})
        self.set_model(model)
        self.table.setWordWrap(False)


    def _fill_filters(self) -> None:
        for combo, items, all_text in ((self.zone_filter, _zone_names(), _t("Все зоны")),
                                       (self.status_filter, _status_names(), _t("Все статусы"))):
            cur = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for k, v in items:
                combo.addItem(v, k)
            i = combo.findData(cur)
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.zone_label.setText(_t("Зона:"))
        self.status_label.setText(_t("Статус:"))
        self._fill_filters()
        self.act_match.setText(_t("Сопоставить"))
        self.act_match.setToolTip(_t("Сопоставить лист с инвентарём помещений мастерской (Ctrl+M)"))
        self.act_confirm_all.setText(_t("Подтвердить все"))
        self.act_confirm_all.setToolTip(_t("Подтвердить все предложения сопоставления мастерской"))
        self.act_needs.setText(_t("Дефициты → закупки"))
        self.act_needs.setToolTip(_t("Создать потребности закупок по недостающим количествам"))
        self.act_undo.setText(_t("Отменить действие"))
        self.act_undo.setToolTip(_t("Отменить последний импорт листа, сопоставление, подтверждение или передачу "
                                    "дефицитов в закупки этой мастерской"))
        self.act_lists.setText(_t("Листы…"))
        self.act_lists.setToolTip(_t("Инфраструктурные листы компетенций: просмотр и правка"))
        imp = self.actions_by_name.get("import")
        if imp is not None:
            imp.setText(_t("Импорт листа"))
        prn = self.actions_by_name.get("print")
        if prn is not None:
            prn.setText(_t("Пакет PDF"))
            prn.setToolTip(_t("Пакет аккредитации мастерской: предпросмотр и печать (Ctrl+P)"))
        edit = self.actions_by_name.get("edit")
        if edit is not None:
            edit.setText(_t("Строка"))
            edit.setToolTip(_t("Статус и комментарий выбранной строки (F2, Enter)"))
        exp = self.actions_by_name.get("export")
        if exp is not None:
            exp.setText(_t("Excel"))
            exp.setToolTip(_t("Чек-лист мастерской в Excel (Ctrl+E)"))
        new = self.actions_by_name.get("new")
        if new is not None:
            new.setText(_t("Мастерская"))
            new.setToolTip(_t("Новая мастерская (Ctrl+N)"))
        self.ws_caption.setText(_t("Мастерские"))
        self.ws_new.setToolTip(_t("Новая мастерская (Ctrl+N)"))
        self.ws_edit.setToolTip(_t("Карточка мастерской"))
        self.ws_del.setToolTip(_t("Удалить мастерскую"))
        panes.retranslate(self)
        self._update_header()

    # --- data --------------------------------------------------------------------------------
    def reload(self) -> None:
        self._reload_workshops()
        super().reload()
        self._update_header()
        self._update_actions()
        if self.current_id() is None:
            self._check_details()  # a line deleted (an import, an undo) or of another workshop goes

    def _reload_workshops(self) -> None:
        keep = self.workshop_id
        ready = {r.workshop_id: r for r in acc.cluster_readiness()}
        self.ws_list.blockSignals(True)
        self.ws_list.clear()
        select_row = 0
        for i, w in enumerate(acc.workshops()):
            r = ready.get(w.id)
            cov = r.coverage_percent if r else 0.0
            sub = _t("рабочих мест: {0}").format(w.workplaces)
            it = QListWidgetItem(f"{w.name}\n{_pct(cov)} · {sub}")
            it.setData(Qt.ItemDataRole.UserRole, w.id)
            key = "ok" if cov >= 95 else ("warn" if cov >= 50 else "bad")
            if r is None or r.lines == 0:
                key = "muted"
            it.setIcon(icon("circle", BADGE_COLORS[key][1]))
            it.setToolTip(_t("{0}\nКомпетенция: {1}\nПомещения: {2}\nВыполнено {3} из {4} позиций, покрытие {5}")
                          .format(w.name, w.competency or "—", w.room_names, r.met if r else 0, r.lines if r else 0,
                                  _pct(cov)))
            self.ws_list.addItem(it)
            if w.id == keep:
                select_row = i
        if self.ws_list.count():
            self.ws_list.setCurrentRow(select_row)
            self.workshop_id = self.ws_list.currentItem().data(Qt.ItemDataRole.UserRole)
        else:
            self.workshop_id = None
        self.ws_list.blockSignals(False)
        self._size_items()
        self._set_model_workshop()
        if self.workshop_id != keep:
            self.details.show_line(None)

    def _size_items(self) -> None:
        panes.size_workshop_items(self.ws_list)

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        self._size_items()
        self.arrangement.width_changed()

    def _set_model_workshop(self) -> None:
        if self.model is None:
            return
        f = dict(self.model.query.filters)
        f["workshop_id"] = self.workshop_id if self.workshop_id is not None else -1
        self.model.query = replace(self.model.query, filters=f)
        self.empty_text = EMPTY_NO_WORKSHOPS if self.workshop_id is None else EMPTY_NO_LINES

    def _workshop_changed(self, item) -> None:
        self.workshop_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self._set_model_workshop()
        if self.model is not None:
            self.model.refresh()
        self._update_empty()
        self._update_header()
        self._update_actions()
        self.details.show_line(None)

    def select_workshop(self, workshop_id: int) -> bool:
        for i in range(self.ws_list.count()):
            if self.ws_list.item(i).data(Qt.ItemDataRole.UserRole) == workshop_id:
                self.ws_list.setCurrentRow(i)
                return True
        return False

    def _apply_filters(self) -> None:
        if self.model is None:
            return
        f = dict(self.model.query.filters)
        for k, combo in (("zone", self.zone_filter), ("status", self.status_filter)):
            v = combo.currentData()
            if v:
                f[k] = v
            else:
                f.pop(k, None)
        self.model.set_filters(f)
        self._update_empty()
        self.details.show_line(self.current_id())  # a filter change starts afresh

    def _chart_clicked(self, zone: str, status: str) -> None:
        self.centre_tabs.setCurrentIndex(panes.TAB_CHECKLIST)
        self.zone_filter.setCurrentIndex(max(self.zone_filter.findData(zone), 0))
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(status), 0))

    def _update_header(self) -> None:
        if self.workshop_id is None:
            self.ws_title.setText(_t("Мастерская не выбрана"))
            self.ws_info.setText(_t("Создайте мастерскую (Ctrl+N): помещения, компетенция, число рабочих мест."))
            for lab in (self.fig_met, self.fig_partial, self.fig_missing, self.fig_cover):
                lab.hide()
            self.chart.set_zones([])
            self.chart.hide()
            return
        try:
            w = acc.workshop(self.workshop_id)
            r = acc.workshop_readiness(self.workshop_id)
            zones = acc.zone_readiness(self.workshop_id)
        except ServiceError:
            self.workshop_id = None
            self._update_header()
            return
        self.ws_title.setText(w.name)
        lst = _t("лист {0} года").format(w.list_year) if w.list_year else _t("листа нет — импортируйте (Ctrl+I)")
        self.ws_info.setText(_t("{0} · {1} · рабочих мест: {2} · {3}\nОтветственный: {4}").format(
            w.competency or _t("компетенция не выбрана"), lst, w.workplaces, w.room_names or "—",
            w.responsible or "—"))
        self.fig_met.setText(_t("Выполнено: {0}").format(r.met))
        self.fig_partial.setText(_t("Частично: {0}").format(r.partial))
        self.fig_missing.setText(_t("Не выполнено: {0}").format(r.missing))
        self.fig_cover.setText(_t("Покрытие: {0}").format(_pct(r.coverage_percent)))
        for lab in (self.fig_met, self.fig_partial, self.fig_missing, self.fig_cover):
            # QLabel's size hint leaves out the style sheet's padding: reserve it, or the layout clips the badge
            lab.ensurePolished()
            lab.setMinimumWidth(lab.fontMetrics().horizontalAdvance(lab.text()) + 26)
            lab.show()
        self.chart.set_zones(zones)
        self.chart.show()

    def _update_actions(self) -> None:
        has = self.workshop_id is not None
        write = security.can("accreditation.write")
        self.act_match.setEnabled(has and write)
        self.act_confirm_all.setEnabled(has and write)
        self.act_needs.setEnabled(has and security.can("procurement.needs"))
        self.act_match.setVisible(write)
        self.act_confirm_all.setVisible(write)
        self.act_needs.setVisible(security.can("procurement.needs"))
        self.act_undo.setVisible(write or security.can("procurement.needs"))
        self.act_undo.setEnabled(has and bool(acc.restore_points(self.workshop_id)))
        self.ws_new.setVisible(write)
        self.ws_del.setVisible(write)
        self.ws_edit.setEnabled(has)
        self.ws_del.setEnabled(has and write)
        prn = self.actions_by_name.get("print")
        if prn is not None:
            prn.setEnabled(has)

    def on_role_changed(self) -> None:
        super().on_role_changed()
        self._update_actions()

    def on_selection_changed(self) -> None:
        """The panel follows the selected line; with none selected it keeps a line only while that line
        still exists in the workshop shown (a filter may hide the line just edited), else it is cleared."""
        cid = self.current_id()
        row = self.details.row
        if cid is not None:
            if row is None or row["id"] != cid:
                self.details.show_line(cid)
        elif row is not None:
            self._check_details()

    def _check_details(self) -> None:
        row = self.details.row
        if row is None:
            return
        keep = row["workshop_id"] == self.workshop_id
        if keep:
            try:
                acc.checklist_line(row["id"])
            except ServiceError:
                keep = False
        self.details.show_line(row["id"] if keep else None)

    # --- workshop actions --------------------------------------------------------------------
    def on_new(self):
        from chemcluster_desktop.ui.dialogs.workshop_dialog import WorkshopDialog

        dlg = WorkshopDialog(self)
        dlg.accepted.connect(lambda: self._workshop_saved(dlg))
        dlg.open()
        self._dialog = dlg
        return dlg

    def on_edit_workshop(self):
        from chemcluster_desktop.ui.dialogs.workshop_dialog import WorkshopDialog

        if self.workshop_id is None:
            return None
        dlg = WorkshopDialog(self, self.workshop_id)
        if not security.can("accreditation.write"):
            dlg.buttons.button(dlg.buttons.StandardButton.Save).setVisible(False)
        dlg.accepted.connect(lambda: self._workshop_saved(dlg))
        dlg.open()
        self._dialog = dlg
        return dlg

    def _workshop_saved(self, dlg) -> None:
        if dlg.saved_id:
            self.workshop_id = dlg.saved_id
        self.refresh()

    def on_delete_workshop(self) -> None:
        if self.workshop_id is None:
            return
        w = acc.workshop(self.workshop_id)
        if not self.confirm_delete(_t("мастерскую «{0}» вместе с её чек-листом и фото").format(w.name)):
            return
        try:
            acc.delete_workshop(w.id)
        except ServiceError as e:
            QMessageBox.warning(self, _t("Не удалено"), str(e))
            return
        self.workshop_id = None

    def on_import(self):
        from chemcluster_desktop.ui.dialogs.infra_import import InfraImportDialog

        comp = ""
        if self.workshop_id is not None:
            comp = acc.workshop(self.workshop_id).competency
        dlg = InfraImportDialog(self, competency=comp)
        dlg.open()
        self._dialog = dlg
        return dlg

    def on_lists(self):
        from chemcluster_desktop.ui.dialogs.infra_lists import InfraListsDialog

        lid = acc.workshop(self.workshop_id).list_id if self.workshop_id is not None else None
        dlg = InfraListsDialog(self, list_id=lid)
        dlg.open()
        self._dialog = dlg
        return dlg

    # the bulk actions: previewed, undoable (ui/dialogs/acc_bulk.py)
    def on_match(self) -> None:
        if self.workshop_id is not None:
            acc_bulk.run_match(self, self.workshop_id)

    def on_confirm_all(self):
        return acc_bulk.confirm_preview(self, self.workshop_id) if self.workshop_id is not None else None

    def on_needs(self):
        return acc_bulk.needs_preview(self, self.workshop_id) if self.workshop_id is not None else None

    def on_undo(self):
        return acc_bulk.undo_last(self, self.workshop_id)

    def show_info(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("infoBox")
        box.open()
        self._info_box = box
        self.status_message.emit(text.split("\n")[0])
        return box

    def on_edit(self) -> None:
        """F2 / Enter / double-click on a line: to its status and comment in the side panel."""
        cid = self.current_id()
        if cid is None:
            return
        self.details.show_line(cid)
        self.arrangement.show_line_tab()
        target = self.details.override if self.details.override.isEnabled() else self.details.links
        self.details.ensureWidgetVisible(target)
        target.setFocus()

    def on_export(self, target: str | None = None) -> None:
        """Ctrl+E: the workshop's checklist to Excel."""
        if self.workshop_id is not None:
            acc_output.export_checklist(self, self.workshop_id, target)

    def on_print(self) -> None:
        if self.workshop_id is not None:
            acc_output.print_packet(self, self.workshop_id)
