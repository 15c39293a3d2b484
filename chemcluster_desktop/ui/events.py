"""The «data changed» signal pages listen to: ``bus().changed.emit("inventory")`` after a write.

Connect a bound method of the widget (``bus().changed.connect(self._on_changed)``): Qt drops the
connection when the widget is destroyed. A lambda or a plain function stays connected after its
widget is gone and then fails; use :func:`listen` for those, or build the widget inside
:func:`owned_connections` so that its connections end with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    changed = Signal(str)  # area: inventory | accreditation | schedule | procurement | cluster | core | *


_bus: DataEvents | None = None
_scope: list[QObject] = []


def _real_bus() -> DataEvents:
    global _bus
    if _bus is None:
        _bus = DataEvents()
    return _bus


class _ScopedChanged:
    """What ``bus().changed`` is inside :func:`owned_connections`: connect() ties to the owner."""

    def __init__(self, owner: QObject):
        self._owner = owner

    def connect(self, fn: Callable[[str], object], *_args) -> None:
        listen(self._owner, fn)

    def emit(self, area: str) -> None:
        _real_bus().changed.emit(area)


class _ScopedBus:
    def __init__(self, owner: QObject):
        self.changed = _ScopedChanged(owner)


def bus():
    if _scope:
        return _ScopedBus(_scope[-1])
    return _real_bus()


def notify(area: str) -> None:
    _real_bus().changed.emit(area)


def listen(owner: QObject, fn: Callable[[str], object]) -> None:
    """Call ``fn(area)`` on every change for as long as ``owner`` lives."""
    sig = _real_bus().changed

    def guard(area: str) -> None:
        try:
            fn(area)
        except RuntimeError as e:  # the owner's C++ side is already gone
            if "already deleted" not in str(e):
                raise
            _disconnect(guard)

    def _disconnect(slot) -> None:
        try:
            sig.disconnect(slot)
        except (RuntimeError, TypeError):
            pass

    sig.connect(guard)
    try:
        owner.destroyed.connect(lambda *_a: _disconnect(guard))
    except RuntimeError:
        _disconnect(guard)


@contextmanager
def owned_connections(owner: QObject) -> Iterator[None]:
    """Connections to ``bus().changed`` made inside the block end when ``owner`` is destroyed."""
    _scope.append(owner)
    try:
        yield
    finally:
        _scope.pop()
