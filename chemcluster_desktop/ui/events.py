"""«Data changed»: the areas a unit of work touched reach the widgets that show them, once per action.

Nobody announces a change by hand. The services' unit of work records which areas it changed (through
the journal) and tells the hook this module installs (:func:`chemcluster_desktop.services.context.
set_change_hook`) after commit. The hook may run on a worker thread; it only collects the areas and
hands them to the GUI thread, where ``bus().changed`` is emitted with a ``frozenset`` of
:class:`~chemcluster_desktop.areas.Area`:

* a commit made on the GUI thread outside any action is published at once;
* inside :func:`action` (a dialog's save, :func:`ops.run_op`, a background operation) the areas of
  every commit are collected and published ONCE when the action ends, so each listening page refreshes
  once however many transactions the action made.

Connect a bound method of the widget (``bus().changed.connect(self._on_changed)``): Qt drops the
connection when the widget is destroyed. A lambda or a plain function stays connected after its
widget is gone and then fails; use :func:`listen` for those, or build the widget inside
:func:`owned_connections` so that its connections end with it.

What does not go through a unit of work (a database restored from a copy, demo data loaded into an
empty file) is announced with :func:`everything_changed`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import context

ALL: frozenset[Area] = frozenset(Area)



class DataEvents(QObject):
    changed = Signal(object)  # frozenset[Area]
    _posted = Signal()  # a worker thread's commit: delivered to the GUI thread (queued)


_bus: DataEvents | None = None
_scope: list[QObject] = []
_lock = threading.Lock()
_pending: set[Area] = set()
_holds = 0
_flushing = False


def _real_bus() -> DataEvents:
    global _bus
    if _bus is None:
        _bus = DataEvents()
        app = QCoreApplication.instance()
        if app is not None:
            _bus.moveToThread(app.thread())
        _bus._posted.connect(_flush_if_free)  # auto connection: queued when emitted from a worker
        install_change_hook()
    return _bus


def install_change_hook() -> None:
    """Let every unit of work tell the GUI what it changed (idempotent)."""
    context.set_change_hook(_on_commit)


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _on_commit(areas: frozenset) -> None:
    """The services' change hook: may run on any thread."""
    with _lock:
        _pending.update(areas)
    if _on_gui_thread():
        _flush_if_free()
    else:
        _real_bus()._posted.emit()


def _flush_if_free() -> None:
    if _holds == 0:
        flush()


def flush() -> None:
    """Publish what was collected (GUI thread). Re-entrant calls only add to the running round."""
    global _flushing
    if _flushing:
        return
    _flushing = True
    try:
        while True:
            with _lock:
                areas = frozenset(_pending)
                _pending.clear()
            if not areas:
                return
            _real_bus().changed.emit(areas)
    finally:
        _flushing = False


@contextmanager
def action() -> Iterator[None]:
    """One user action: every commit inside publishes together, once, when the block ends."""
    hold()
    try:
        yield
    finally:
        release()


def hold() -> None:
    global _holds
    _real_bus()
    _holds += 1


def release() -> None:
    global _holds
    _holds = max(_holds - 1, 0)
    if _holds == 0:
        flush()


def publish(areas: Iterable[Area]) -> None:
    """Announce a change that did not go through a unit of work (published with the current action)."""
    _on_commit(frozenset(areas))


def everything_changed() -> None:
    """The whole database was replaced (restored from a copy, demo data loaded): every view reloads."""
    publish(ALL)


class _ScopedChanged:
    """What ``bus().changed`` is inside :func:`owned_connections`: connect() ties to the owner."""

    def __init__(self, owner: QObject):
        self._owner = owner

    def connect(self, fn: Callable[[frozenset], object], *_args) -> None:
        listen(self._owner, fn)

    def emit(self, areas: frozenset) -> None:
        _real_bus().changed.emit(areas)


class _ScopedBus:
    def __init__(self, owner: QObject):
        self.changed = _ScopedChanged(owner)


def bus():
    if _scope:
        return _ScopedBus(_scope[-1])
    return _real_bus()


def listen(owner: QObject, fn: Callable[[frozenset], object]) -> None:
    """Call ``fn(areas)`` on every change for as long as ``owner`` lives."""
    sig = _real_bus().changed

    def guard(areas: frozenset) -> None:
        try:
            fn(areas)
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
