"""The alerts panel of the inventory page: low stock, expired and expiring reagents, incompatible
storage. Clicking an alert selects its item."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from chemcluster_desktop.services import inventory
from chemcluster_desktop.ui.icons import icon

ICONS = {"low_stock": ("package-variant-closed-minus", "#7a5300"), "expired": ("clock-alert-outline", "#9b1c14"),
         "expiring": ("clock-outline", "#7a5300"), "incompatible": ("alert-octagon-outline", "#9b1c14")}


def _t(s: str) -> str:
    return QCoreApplication.translate("InventoryAlerts", s)


class AlertsPanel(QWidget):
    item_activated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("alertsTitle")
        self.title.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName("alertsList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        lay.addWidget(self.list, 1)
        self.alerts: list[inventory.Alert] = []

    def reload(self, room_id: int | None = None) -> None:
        self.alerts = inventory.alerts(room_id)
        self.list.clear()
        for a in self.alerts:
            name, color = ICONS.get(a.kind, ("alert-outline", "#37474f"))
            it = QListWidgetItem(icon(name, color), a.text)
            it.setData(Qt.ItemDataRole.UserRole, a.item_id)
            it.setToolTip(a.room)
            if a.severity == "bad":
                it.setForeground(QColor("#9b1c14"))
            self.list.addItem(it)
        if not self.alerts:
            it = QListWidgetItem(icon("check-circle-outline", "#1b5e20"), _t("Замечаний нет."))
            it.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(it)
        self.title.setText(_t("Оповещения ({0})").format(len(self.alerts)))

    def _activated(self, it: QListWidgetItem) -> None:
        iid = it.data(Qt.ItemDataRole.UserRole)
        if iid:
            self.item_activated.emit(int(iid))
