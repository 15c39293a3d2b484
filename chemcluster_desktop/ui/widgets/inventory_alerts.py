"""The alerts panel of the inventory page: low stock, expired and expiring reagents, incompatible
storage. Clicking an alert selects its item.

The panel shows the first :data:`SHOWN` alerts (``services.inventory.alerts(limit=…)``) and their total,
counted in SQL (``alert_counts``); the last line «… и ещё N» shows them all. The page asks for a load with
:meth:`AlertsPanel.reload_later`, which runs once the event loop is back — after the list is on screen;
reading :attr:`AlertsPanel.alerts` finishes a load still waiting."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from chemcluster_desktop.services import inventory
from chemcluster_desktop.ui.icons import icon

ICONS = {"low_stock": ("package-variant-closed-minus", "#7a5300"), "expired": ("clock-alert-outline", "#9b1c14"),
         "expiring": ("clock-outline", "#7a5300"), "incompatible": ("alert-octagon-outline", "#9b1c14")}
SHOWN = 100  # alerts listed before «… и ещё N»
MORE_ROLE = Qt.ItemDataRole.UserRole + 1


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
        self._alerts: list[inventory.Alert] = []
        self.total = 0
        self.room_id: int | None = None
        self.show_all = False
        self._pending: tuple[int | None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # a 0 ms timer fired in the same pass of the event loop as the list's first paint and held the
        # window back by the alerts query (~0.1 s at 100k items); a short pause lets the list show first
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.flush)

    @property
    def alerts(self) -> list[inventory.Alert]:
        """The alerts shown (the first :data:`SHOWN` unless «show all» was chosen)."""
        self.flush()
        return self._alerts

    def reload_later(self, room_id: int | None = None) -> None:
        """Load when the event loop is back (after the list has been painted)."""
        self._pending = (room_id,)
        self._timer.start()

    def flush(self) -> None:
        if self._pending is not None:
            try:
                self.reload(*self._pending)
            except RuntimeError:  # no database (any more)
                self._pending = None

    def reload(self, room_id: int | None = None) -> None:
        self._timer.stop()
        self._pending = None
        if room_id != self.room_id:
            self.show_all = False
        self.room_id = room_id
        self.total = sum(inventory.alert_counts(room_id).values())
        self._alerts = inventory.alerts(room_id, limit=None if self.show_all else SHOWN)
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        for a in self._alerts:
            name, color = ICONS.get(a.kind, ("alert-outline", "#37474f"))
            it = QListWidgetItem(icon(name, color), a.text)
            it.setData(Qt.ItemDataRole.UserRole, a.item_id)
            it.setToolTip(a.room)
            if a.severity == "bad":
                it.setForeground(QColor("#9b1c14"))
            self.list.addItem(it)
        rest = self.total - len(self._alerts)
        if rest > 0:
            it = QListWidgetItem(icon("dots-horizontal", "#0d3c66"), _t("… и ещё {0}").format(rest))
            it.setData(MORE_ROLE, True)
            it.setToolTip(_t("Показать все оповещения"))
            it.setForeground(QColor("#0d3c66"))
            self.list.addItem(it)
        if not self._alerts:
            it = QListWidgetItem(icon("check-circle-outline", "#1b5e20"), _t("Замечаний нет."))
            it.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(it)
        self.list.setUpdatesEnabled(True)
        self.title.setText(_t("Оповещения ({0})").format(self.total))

    def _activated(self, it: QListWidgetItem) -> None:
        if it.data(MORE_ROLE):
            self.show_all = True
            QTimer.singleShot(0, lambda: self.reload(self.room_id))  # not while the list emits its signal
            return
        iid = it.data(Qt.ItemDataRole.UserRole)
        if iid:
            self.item_activated.emit(int(iid))
