"""The item card's «Вещество и тары» tab: the reagent's substance (CAS, formula, storage group, GHS
pictograms, H-phrases) and its containers table — a mixin of :class:`.item_card.ItemCardDialog`,
kept apart to hold the card under 600 lines. Same widgets, names and behaviour as before."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.forms import error_label
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.style import group_box, set_role
from chemcluster_desktop.ui.widgets.inventory_fields import date_text, parse_date_text


def _t(s: str) -> str:
    return QCoreApplication.translate("ItemCard", s)


CONTAINER_COLUMNS = ["amount", "unit", "lot", "supplier", "received_on", "opened_on", "expires_on", "storage_place"]


def container_headers() -> list[str]:
    return [_t("Количество"), _t("Ед."), _t("Партия"), _t("Поставщик"), _t("Получено"), _t("Вскрыто"),
            _t("Годен до"), _t("Место хранения")]


class ReagentTabMixin:
    def _build_reagent_tab(self) -> None:
        # reagent: substance and containers
        reag = QWidget()
        rl = QVBoxLayout(reag)
        sf = QFormLayout()
        self.cas = QLineEdit()
        self.cas.setObjectName("itemCas")
        self.cas.setPlaceholderText("7647-01-0")
        self.cas.setMaximumWidth(160)
        self.cas_err = error_label()
        sf.addRow(_t("Номер CAS"), self.cas)
        sf.addRow("", self.cas_err)
        self.substance_hint = QLabel()
        self.substance_hint.setObjectName("itemSubstanceHint")
        set_role(self.substance_hint, "hint")
        self.substance_hint.setWordWrap(True)
        sf.addRow("", self.substance_hint)
        self.formula = QLineEdit()
        self.formula.setObjectName("itemFormula")
        sf.addRow(_t("Формула"), self.formula)
        self.group = QComboBox()
        self.group.setObjectName("itemStorageGroup")
        for k in inventory.STORAGE_GROUPS:
            self.group.addItem(inventory.storage_group_label(k), k)
        sf.addRow(_t("Группа хранения"), self.group)
        ghs = group_box(_t("Пиктограммы СГС (GHS)"))
        gl = QGridLayout(ghs)
        self.ghs: dict[str, QCheckBox] = {}
        for i, code in enumerate(inventory.GHS_PICTOGRAMS):
            cb = QCheckBox(f"{code} — {inventory.ghs_label(code)}")
            cb.setObjectName(f"ghs_{code}")
            self.ghs[code] = cb
            gl.addWidget(cb, i // 3, i % 3)
        self.h = QLineEdit()
        self.h.setObjectName("itemH")
        self.h.setPlaceholderText("H225, H319")
        self.h_err = error_label()
        sf.addRow(_t("H-фразы"), self.h)
        sf.addRow("", self.h_err)
        rl.addLayout(sf)
        rl.addWidget(ghs)
        box = group_box(_t("Тары (упаковки)"))
        bl = QVBoxLayout(box)
        self.containers = QTableWidget(0, len(CONTAINER_COLUMNS))
        self.containers.setObjectName("containersTable")
        self.containers.setHorizontalHeaderLabels(container_headers())
        self.containers.verticalHeader().setVisible(False)
        self.containers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.containers.horizontalHeader().setStretchLastSection(True)
        for i, w in enumerate((95, 50, 80, 150, 90, 90, 90)):
            self.containers.setColumnWidth(i, w)
        bl.addWidget(self.containers)
        cb = QHBoxLayout()
        self.add_container_btn = QPushButton(icon("plus"), _t("Добавить тару"))
        self.add_container_btn.setObjectName("addContainer")
        self.del_container_btn = QPushButton(icon("minus"), _t("Убрать тару"))
        self.del_container_btn.setObjectName("removeContainer")
        self.add_container_btn.clicked.connect(lambda: self.add_container_row())
        self.del_container_btn.clicked.connect(self.remove_container_row)
        cb.addWidget(self.add_container_btn)
        cb.addWidget(self.del_container_btn)
        cb.addStretch(1)
        self.containers_err = error_label()
        cb.addWidget(self.containers_err, 2)
        bl.addLayout(cb)
        rl.addWidget(box, 1)
        self.reagent_tab = reag
        self.tabs.addTab(reag, icon("flask-outline"), _t("Вещество и тары"))

    def add_container_row(self, c: dict | None = None) -> int:
        r = self.containers.rowCount()
        self.containers.insertRow(r)
        c = c or {"unit": self.unit.currentText() or "г"}
        for j, key in enumerate(CONTAINER_COLUMNS):
            v = c.get(key)
            if key in ("received_on", "opened_on", "expires_on"):
                text = date_text(v)
            elif key == "amount":
                text = "" if v is None else fmt.decimal(v)
            else:
                text = "" if v is None else str(v)
            it = QTableWidgetItem(text)
            if j == 0:
                it.setData(Qt.ItemDataRole.UserRole, (c.get("id"), c.get("version")))
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if key == "expires_on" and c.get("expiry") in ("expired", "expiring"):
                from PySide6.QtGui import QColor

                it.setBackground(QColor("#fde3e1" if c["expiry"] == "expired" else "#fff4d6"))
                it.setToolTip(_t("Срок годности истёк") if c["expiry"] == "expired"
                              else _t("Срок годности истекает в ближайшие 30 дней"))
            self.containers.setItem(r, j, it)
        self.containers.setCurrentCell(r, 0)
        return r

    def remove_container_row(self) -> None:
        r = self.containers.currentRow()
        if r >= 0:
            self.containers.removeRow(r)

    def container_values(self) -> list[dict]:
        out = []
        for r in range(self.containers.rowCount()):
            row = {}
            for j, key in enumerate(CONTAINER_COLUMNS):
                it = self.containers.item(r, j)
                text = it.text().strip() if it is not None else ""
                row[key] = text
            first = self.containers.item(r, 0)
            ident = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
            if ident:
                row["id"], row["version"] = ident
            if not any(row.get(k) for k in CONTAINER_COLUMNS if k != "unit"):
                continue
            try:
                row["amount"] = fmt.parse_decimal(row["amount"])
            except ValueError:
                raise ValidationError(_t("Тара {0}: количество «{1}» — не число.").format(r + 1, row["amount"]),
                                      field="containers") from None
            for k in ("received_on", "opened_on", "expires_on"):
                try:
                    row[k] = parse_date_text(row[k])
                except ValueError:
                    raise ValidationError(_t("Тара {0}: «{1}» — не дата (нужен вид 26.11.2026).").format(r + 1, row[k]),
                                          field="containers") from None
            out.append(row)
        return out
