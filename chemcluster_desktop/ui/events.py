"""The «data changed» signal pages listen to: ``bus().changed.emit("inventory")`` after a write."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    changed = Signal(str)  # area: inventory | accreditation | schedule | procurement | cluster | core | *


_bus: DataEvents | None = None


def bus() -> DataEvents:
    global _bus
    if _bus is None:
        _bus = DataEvents()
    return _bus


def notify(area: str) -> None:
    bus().changed.emit(area)
