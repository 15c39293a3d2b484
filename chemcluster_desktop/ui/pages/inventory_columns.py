"""The inventory list's columns and badges (the page of :mod:`.inventory`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from chemcluster_desktop.ui.models.table import Column

STATUS_BADGES = {
    "in_use": ("В эксплуатации", "ok"),
    "repair": ("На ремонте", "warn"),
    "not_commissioned": ("Не введено", "info"),
    "written_off": ("Списано", "muted"),
}
ALERT_BADGES = {
    "low": ("Мало", "warn"),
    "expiring": ("Истекает срок", "warn"),
    "expired": ("Просрочено", "bad"),
}


def columns() -> list[Column]:
    return [
        Column("inventory_number", "Инв. номер", width=125),
        Column("name", "Наименование", width=240),
        Column("room", "Помещение", width=190),
        Column("status", "Состояние", kind="badge", width=135, badges=STATUS_BADGES),
        Column("quantity", "Кол-во", kind="decimal", width=65),
        Column("unit", "Ед.", width=45, sortable=False),
        Column("cost", "Стоимость", kind="money", width=110),
        Column("alert", "Внимание", kind="badge", width=105, sortable=False, badges=ALERT_BADGES),
        Column("expires_on", "Годен до", kind="date", width=85, sortable=False),
        Column("commissioned_on", "Ввод", kind="date", width=85),
        Column("kind_label", "Вид", width=140, sortable=False),
        Column("model", "Модель", width=140),
        Column("serial_number", "Зав. номер", width=100),
        Column("issued_to", "Выдано", width=150, sortable=False),
    ]


def _translations() -> list[str]:  # for lupdate: column headers and badges
    tr = QCoreApplication.translate
    return [tr("InventoryPage", "Инв. номер"), tr("InventoryPage", "Наименование"), tr("InventoryPage", "Вид"),
            tr("InventoryPage", "Модель"), tr("InventoryPage", "Зав. номер"), tr("InventoryPage", "Помещение"),
            tr("InventoryPage", "Состояние"), tr("InventoryPage", "Кол-во"), tr("InventoryPage", "Ед."),
            tr("InventoryPage", "Стоимость"), tr("InventoryPage", "Ввод"), tr("InventoryPage", "Годен до"),
            tr("InventoryPage", "Внимание"), tr("InventoryPage", "Выдано"), tr("InventoryPage", "В эксплуатации"),
            tr("InventoryPage", "На ремонте"), tr("InventoryPage", "Не введено"), tr("InventoryPage", "Списано"),
            tr("InventoryPage", "Мало"), tr("InventoryPage", "Истекает срок"), tr("InventoryPage", "Просрочено")]
