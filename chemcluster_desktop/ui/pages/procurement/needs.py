"""«Потребности и НМЦК»: the needs, each with its commercial offers typed into a table and the НМЦК
computed from them as you type."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services import security
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs import procurement_dialogs as D
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.lists import ListTab
from chemcluster_desktop.ui.models.table import BADGE_COLORS, Column
from chemcluster_desktop.ui.pages.procurement.common import (
    STATUS_BADGES,
    DateDelegate,
    SupplierDelegate,
    brush,
    hint,
    ro_item,
    small_table,
    tr,
)
from chemcluster_desktop.ui.style import group_box, set_role
from chemcluster_desktop.ui.widgets.headers import keep_headers_readable


class NeedsTab(ListTab):
    name = "needs"
    title = "Потребности и НМЦК"
    permission = "procurement.needs"
    actions = {"new", "edit", "delete", "print", "export"}
    details_sizes = (620, 740)
    empty_text = ("Нет потребностей. Добавьте (Ctrl+N) или создайте их из дефицитов чек-листа в разделе "
                  "«Аккредитация».")
    columns = [
        Column("id", "№", "int", 50),
        Column("name", "Наименование", width=280),
        Column("quantity", "Кол-во", "decimal", 64),
        Column("unit", "Ед.", width=48, sortable=False),
        Column("place", "Мастерская / помещение", width=220, sortable=False),
        Column("offers", "КП", "int", 40),
        Column("nmck", "НМЦК", "money", 130),
        Column("status", "Статус", "badge", 150, badges=STATUS_BADGES),
        Column("plan", "Строка плана", width=110),
        Column("law", "Закон", width=64),
    ]

    def count(self, q):
        return P.count_needs(q)

    def rows(self, q):
        return P.list_needs(q)

    def build(self) -> None:
        self._loading_offers = False
        super().build()
        self.show_need(None)

    def build_filters(self, bar) -> None:
        fl = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("needStatusFilter")
        self.status_filter.addItem("", None)
        for k in P.STATUS_LABELS:
            self.status_filter.addItem("", k)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("status", self.status_filter.currentData()))
        self.status_label = QLabel()
        fl.addWidget(self.status_label)
        fl.addWidget(self.status_filter)
        fl.addStretch(1)
        bar.addLayout(fl)

    def retranslate_ui(self) -> None:
        self._retranslate_details()
        self.status_label.setText(QCoreApplication.translate("Procurement", "Статус:"))
        self.status_filter.setItemText(0, QCoreApplication.translate("Procurement", "Все"))
        for i, k in enumerate(P.STATUS_LABELS, start=1):
            self.status_filter.setItemText(i, P.status_label(k))

    def show_details(self) -> None:
        self.show_need(self.current_id())

    def selected_ids(self) -> list[int]:
        return [i for i in (self.model.row_id(r) for r in self.selected_rows()) if i is not None]

    # --- toolbar ---------------------------------------------------------------------------------------
    def on_new(self):
        return self.page.open_dialog(D.NeedDialog(self))

    def on_edit(self):
        rid = self.current_id()
        if rid is None:
            return None
        try:
            return self.page.open_dialog(D.NeedDialog(self, P.get_need(rid)))
        except ServiceError as e:
            ops.show_error(self, e)
            return None

    def on_delete(self):
        row = self.current_row()
        if row is None or not self.page.confirm_delete(QCoreApplication.translate("Procurement", "потребность № {0} «{1}»").format(row["id"], row["name"])):
            return
        ops.run_op(self, lambda: P.delete_need(row["id"]))

    def on_print(self):
        rid = self.current_id()
        return self.page.print_report("nmck", {"need": str(rid)} if rid else {})

    def on_export(self):
        return self.page.export_plan()

    # --- details with the offers table -------------------------------------------------------------------
    def build_details(self) -> QWidget:
        box = QWidget()
        box.setObjectName("needDetails")
        v = QVBoxLayout(box)
        v.setContentsMargins(8, 0, 0, 0)
        self.need_title = QLabel()
        self.need_title.setObjectName("needTitle")
        self.need_title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.need_title.setWordWrap(True)
        v.addWidget(self.need_title)
        self.need_info = hint()
        v.addWidget(self.need_info)
        self.offers_group = group_box()
        g = QVBoxLayout(self.offers_group)
        self.offers = small_table(["", "", "", "", "", ""], "offersTable")
        self.offers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.offers.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                    QAbstractItemView.EditTrigger.EditKeyPressed |
                                    QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.offers.setItemDelegateForColumn(0, SupplierDelegate(self.offers))
        self.offers.setItemDelegateForColumn(1, DateDelegate(self.offers))
        self.offers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.offers.horizontalHeader().setMinimumSectionSize(40)
        for c, wdt in ((0, 150), (1, 84), (2, 112), (3, 76), (4, 76), (5, 60)):
            self.offers.setColumnWidth(c, wdt)
        keep_headers_readable(self.offers)  # never narrower than the header texts set in retranslate_ui
        self.offers.setMinimumHeight(150)
        self.offers.itemChanged.connect(self._offer_edited)
        g.addWidget(self.offers)
        bh = QHBoxLayout()
        self.add_offer_btn = QPushButton(icon("plus"), "")
        self.add_offer_btn.setObjectName("addOffer")
        self.add_offer_btn.clicked.connect(self.add_offer_row)
        self.del_offer_btn = QPushButton(icon("delete-outline"), "")
        self.del_offer_btn.setObjectName("deleteOffer")
        self.del_offer_btn.clicked.connect(self.delete_offer)
        self.doc_btn = QPushButton(icon("paperclip"), "")
        self.doc_btn.setObjectName("attachDocument")
        self.doc_btn.clicked.connect(self.attach_document)
        for b in (self.add_offer_btn, self.del_offer_btn, self.doc_btn):
            bh.addWidget(b)
        bh.addStretch(1)
        g.addLayout(bh)
        self.offer_error = QLabel()
        self.offer_error.setObjectName("offerError")
        set_role(self.offer_error, "error")
        self.offer_error.setWordWrap(True)
        self.offer_error.hide()
        g.addWidget(self.offer_error)
        v.addWidget(self.offers_group)

        self.nmck_group = group_box()
        grid = QGridLayout(self.nmck_group)
        self.nmck_labels: dict[str, QLabel] = {}
        for r, key in enumerate(("n", "mean", "sigma", "cv", "nmck")):
            cap = QLabel()
            val = QLabel()
            val.setObjectName(f"nmck_{key}")
            val.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(cap, r, 0)
            grid.addWidget(val, r, 1)
            self.nmck_labels[key] = val
            self.nmck_labels[f"cap_{key}"] = cap
        self.nmck_labels["nmck"].setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.nmck_verdict = QLabel()
        self.nmck_verdict.setObjectName("nmckVerdict")
        self.nmck_verdict.setWordWrap(True)
        grid.addWidget(self.nmck_verdict, 5, 0, 1, 2)
        v.addWidget(self.nmck_group)
        bh2 = QHBoxLayout()
        self.nmck_pdf_btn = QPushButton(icon("file-pdf-box"), "")
        self.nmck_pdf_btn.setObjectName("printNmck")
        self.nmck_pdf_btn.clicked.connect(lambda: self.current_id() and
                                          self.page.print_report("nmck", {"need": str(self.current_id())}))
        self.to_plan_btn = QPushButton(icon("playlist-plus"), "")
        self.to_plan_btn.setObjectName("toPlan")
        self.to_plan_btn.clicked.connect(self.open_plan_dialog)
        bh2.addWidget(self.nmck_pdf_btn)
        bh2.addWidget(self.to_plan_btn)
        bh2.addStretch(1)
        v.addLayout(bh2)
        v.addStretch(1)
        self.need: P.NeedInfo | None = None
        return box

    def _retranslate_details(self) -> None:
        self.offers.setHorizontalHeaderLabels([QCoreApplication.translate("Procurement", "Поставщик"), QCoreApplication.translate("Procurement", "Дата КП"), QCoreApplication.translate("Procurement", "Цена за ед., ₽"), QCoreApplication.translate("Procurement", "Исх. №"),
                                               QCoreApplication.translate("Procurement", "Документ"), QCoreApplication.translate("Procurement", "Откл., %")])
        self.offers_group.setTitle(QCoreApplication.translate("Procurement", "Коммерческие предложения"))
        self.add_offer_btn.setText(QCoreApplication.translate("Procurement", "Добавить предложение"))
        self.del_offer_btn.setText(QCoreApplication.translate("Procurement", "Удалить"))
        self.doc_btn.setText(QCoreApplication.translate("Procurement", "Прикрепить файл КП…"))
        self.nmck_group.setTitle(QCoreApplication.translate("Procurement", "НМЦК методом сопоставимых рыночных цен"))
        for key, text in (("n", "Предложений"), ("mean", "Средняя цена за единицу"), ("sigma", "Среднее квадр. "
                          "отклонение σ"), ("cv", "Коэффициент вариации"), ("nmck", "НМЦК")):
            self.nmck_labels[f"cap_{key}"].setText(tr(text))
        self.nmck_pdf_btn.setText(QCoreApplication.translate("Procurement", "Обоснование НМЦК (PDF)"))
        self.to_plan_btn.setText(QCoreApplication.translate("Procurement", "Включить в план-график…"))

    def show_need(self, need_id: int | None) -> None:
        self.need = None
        if need_id is not None:
            try:
                self.need = P.get_need(need_id)
            except ServiceError:
                self.need = None
        n = self.need
        self.details.setEnabled(n is not None)
        if n is None:
            self.need_title.setText(QCoreApplication.translate("Procurement", "Выберите потребность в списке"))
            self.need_info.setText("")
            self._fill_offers([])
            self._show_nmck(None)
            return
        self.need_title.setText(f"№ {n.id} · {n.name}")
        parts = [f"{fmt.decimal(n.quantity)} {n.unit}"]
        if n.workshop:
            parts.append(n.workshop)
        if n.room:
            parts.append(n.room)
        if n.okpd2:
            parts.append(QCoreApplication.translate("Procurement", "ОКПД2 {0}").format(n.okpd2))
        parts.append(n.law)
        parts.append(P.status_label(n.status) + (f" · {n.plan_number}" if n.plan_number else ""))
        text = " · ".join(parts)
        if n.specification:
            text += "\n" + n.specification
        if n.justification:
            text += "\n" + QCoreApplication.translate("Procurement", "Обоснование: ") + n.justification
        self.need_info.setText(text)
        self._fill_offers(n.offers)
        self._show_nmck(P.nmck_details(n.id))
        editable = n.status not in P.FROZEN and security.can("procurement.write")
        self.offers.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                    QAbstractItemView.EditTrigger.EditKeyPressed |
                                    QAbstractItemView.EditTrigger.AnyKeyPressed if editable else
                                    QAbstractItemView.EditTrigger.NoEditTriggers)
        for b in (self.add_offer_btn, self.del_offer_btn, self.doc_btn):
            b.setEnabled(editable)
        self.to_plan_btn.setEnabled(n.plan_line_id is None and n.status == "need" and security.can(
            "procurement.write"))

    def _fill_offers(self, offers: list[P.OfferInfo]) -> None:
        self._loading_offers = True
        try:
            self.offers.setRowCount(0)
            for o in offers:
                self._append_offer_row(o)
        finally:
            self._loading_offers = False

    def _append_offer_row(self, o: P.OfferInfo | None, supplier: P.SupplierInfo | None = None) -> int:
        r = self.offers.rowCount()
        self.offers.insertRow(r)
        sup = QTableWidgetItem(o.supplier_name if o else (supplier.name if supplier else ""))
        sup.setData(Qt.ItemDataRole.UserRole, o.id if o else None)
        sup.setData(Qt.ItemDataRole.UserRole + 1, o.version if o else None)
        sup.setData(Qt.ItemDataRole.UserRole + 2, o.supplier_id if o else (supplier.id if supplier else None))
        self.offers.setItem(r, 0, sup)
        d = QTableWidgetItem(fmt.date(o.date) if o else fmt.date(dt.date.today()))
        d.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.offers.setItem(r, 1, d)
        price = QTableWidgetItem(fmt.money(o.unit_price, currency=False) if o else "")
        price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.offers.setItem(r, 2, price)
        self.offers.setItem(r, 3, QTableWidgetItem(o.reference if o else ""))
        doc = ro_item((o.document_name if o else "") or "")
        if o and o.document_name and not o.has_document:
            doc.setToolTip(QCoreApplication.translate("Procurement", "Файл не прикреплён: предложение получено на бумаге."))
        self.offers.setItem(r, 4, doc)
        self.offers.setItem(r, 5, ro_item("", right=True))
        if o and o.stale:
            for c in range(6):
                self.offers.item(r, c).setForeground(brush("#7a5300"))
            d.setToolTip(QCoreApplication.translate("Procurement", "Предложение старше шести месяцев: запросите актуальную цену."))
        return r

    def _show_nmck(self, r) -> None:
        L = self.nmck_labels
        if r is None:
            for k in ("n", "mean", "sigma", "cv", "nmck"):
                L[k].setText("")
            self.nmck_verdict.setText("")
            return
        L["n"].setText(str(r.n))
        L["mean"].setText(fmt.money(r.mean) if r.mean is not None else "—")
        L["sigma"].setText(fmt.money(r.sigma) if r.sigma is not None else "—")
        L["cv"].setText(f"{fmt.decimal(r.cv_percent, 2)} %" if r.cv_percent is not None else "—")
        L["nmck"].setText(fmt.money(r.nmck) if r.valid else "—")
        if r.valid:
            text = QCoreApplication.translate("Procurement", "Цены однородны (V ≤ 33 %): НМЦК обоснована.")
            if r.message:
                text += "\n" + r.message
            self.nmck_verdict.setStyleSheet("color: #1b5e20;" if not r.stale else "color: #7a5300;")
        else:
            text = r.message
            self.nmck_verdict.setStyleSheet("color: #9b1c14;")
        self.nmck_verdict.setText(text)
        # deviations and outliers in the table
        self._loading_offers = True
        try:
            by_id = {p.offer_id: p for p in r.offers}
            for row in range(self.offers.rowCount()):
                oid = self.offers.item(row, 0).data(Qt.ItemDataRole.UserRole)
                p = by_id.get(oid)
                dev = r.deviation_percent(p) if p is not None else None
                self.offers.item(row, 5).setText(fmt.decimal(dev, 1) if dev is not None else "")
                if p is not None and p.number in r.outliers:
                    for c in range(6):
                        self.offers.item(row, c).setBackground(brush(BADGE_COLORS["bad"][0]))
        finally:
            self._loading_offers = False

    def add_offer_row(self) -> int:
        """A blank row for a new offer (saved when its price is typed), with the next supplier not yet used."""
        if self.need is None:
            return -1
        used = {self.offers.item(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(self.offers.rowCount())}
        nxt = next((s for s in P.all_suppliers() if s.id not in used), None)
        self._loading_offers = True
        try:
            r = self._append_offer_row(None, nxt)
        finally:
            self._loading_offers = False
        self.offers.setCurrentCell(r, 2)
        self.offers.setFocus()
        return r

    def _row_values(self, r: int) -> dict:
        sup = self.offers.item(r, 0)
        day = QDate.fromString(self.offers.item(r, 1).text(), "dd.MM.yyyy")
        return {
            "id": sup.data(Qt.ItemDataRole.UserRole), "version": sup.data(Qt.ItemDataRole.UserRole + 1),
            "supplier_id": sup.data(Qt.ItemDataRole.UserRole + 2), "supplier_name": sup.text(),
            "date": D.pydate(day) if day.isValid() else None, "price": self.offers.item(r, 2).text(),
            "reference": self.offers.item(r, 3).text() if self.offers.item(r, 3) else "",
        }

    def _offer_edited(self, item: QTableWidgetItem) -> None:
        if self._loading_offers or self.need is None:
            return
        # save once the editor has closed: saving reloads the table under the editor
        QTimer.singleShot(0, lambda r=item.row(), c=item.column(): self._commit_offer_row(r, c))

    def _commit_offer_row(self, r: int, col: int) -> None:
        if self.need is None or not (0 <= r < self.offers.rowCount()):
            return
        item = self.offers.item(r, col)
        v = self._row_values(r)
        if not v["price"].strip():
            return  # a new row waits for its price
        self.offer_error.hide()
        price = D.parse_money_text(v["price"])
        try:
            if price is None:
                from chemcluster_desktop.services.errors import ValidationError

                raise ValidationError(QCoreApplication.translate("Procurement", "Строка {0}: цена «{1}» не распознана — введите число, например 125 000,50.")
                                      .format(r + 1, v["price"]), field="unit_price")
            if v["id"] is None:
                P.create_offer({"need_id": self.need.id, "supplier_id": v["supplier_id"],
                                "supplier_name": v["supplier_name"], "date": v["date"], "unit_price": price,
                                "reference": v["reference"]})
            else:
                P.update_offer(v["id"], {"supplier_id": v["supplier_id"], "supplier_name": v["supplier_name"],
                                         "date": v["date"], "unit_price": price, "reference": v["reference"]},
                               version=v["version"])
        except ServiceError as e:
            self.offer_error.setText(QCoreApplication.translate("Procurement", "Строка {0}: {1}").format(r + 1, str(e)))
            self.offer_error.show()
            self._loading_offers = True
            item.setBackground(brush(BADGE_COLORS["bad"][0]))
            self._loading_offers = False
            return
        self._reload_need()

    def _reload_need(self) -> None:
        nid = self.need.id if self.need else None
        if nid is not None and self.current_id() != nid:
            self.select_id(nid)
        self.show_need(nid)

    def delete_offer(self) -> None:
        r = self.offers.currentRow()
        if r < 0 or self.need is None:
            return
        oid = self.offers.item(r, 0).data(Qt.ItemDataRole.UserRole)
        if oid is None:
            self.offers.removeRow(r)
            return
        try:
            P.delete_offer(oid)
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self._reload_need()

    def attach_document(self) -> None:
        r = self.offers.currentRow()
        if r < 0 or self.need is None:
            return
        oid = self.offers.item(r, 0).data(Qt.ItemDataRole.UserRole)
        if oid is None:
            QMessageBox.information(self, QCoreApplication.translate("Procurement", "Файл КП"), QCoreApplication.translate("Procurement", "Сначала введите цену предложения."))
            return
        path, _f = QFileDialog.getOpenFileName(self, QCoreApplication.translate("Procurement", "Файл коммерческого предложения"), "",
                                               QCoreApplication.translate("Procurement", "Документы (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx)"))
        if path:
            self.attach_file(oid, path, version=self.offers.item(r, 0).data(Qt.ItemDataRole.UserRole + 1))

    def attach_file(self, offer_id: int, path: str, *, version: int) -> None:
        import os

        try:
            if os.path.getsize(path) > 20 * 1024 * 1024:
                raise ServiceError(QCoreApplication.translate("Procurement", "Файл больше 20 МБ: сожмите его или прикрепите скан меньшего размера."))
            with open(path, "rb") as f:
                data = f.read()
            P.update_offer(offer_id, {"document_name": os.path.basename(path), "document": data}, version=version)
        except OSError as e:
            QMessageBox.warning(self, QCoreApplication.translate("Procurement", "Файл КП"), QCoreApplication.translate("Procurement", "Не удалось прочитать файл: {0}").format(e.strerror or e))
            return
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self._reload_need()

    def open_plan_dialog(self):
        return self.page.open_dialog(D.PlanLineDialog(self, None, self.selected_ids()))
