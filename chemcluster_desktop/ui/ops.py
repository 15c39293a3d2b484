"""Long work off the GUI thread, with progress and cancel.

    def work(task):                       # runs in a worker thread; no widgets here
        for i, row in enumerate(rows):
            task.check()                  # raises Cancelled when the person pressed «Отмена»
            task.progress(i, len(rows), "Импорт…")
        return result

    run_task(parent, "Импорт из Excel", work, on_done=lambda result: ..., on_error=None)

Services take ``progress(done, total)`` and ``cancelled() -> bool`` callables; pass
``task.progress`` and ``task.is_cancelled``. ``on_done``/``on_error`` run on the GUI thread. An
error that is a ``ServiceError`` is shown as its message; anything else is logged and shown with the
log's location. ``wait_all()`` lets tests wait for every running task.

A change to the data is one *operation* (after Anki's ``CollectionOp``, in our own words)::

    run_op(self, lambda: P.delete_need(row_id))                        # on the GUI thread
    run_op(self, lambda task: acc.match(wid, progress=task.progress),  # long: in the background
           title="Сопоставление", on_done=show_summary)

Nobody refreshes a page by hand: the units of work inside the operation report the areas they changed
(:mod:`.events`), and every page that shows one of them refreshes ONCE, when the operation ends,
before ``on_done`` runs. A ``ServiceError`` is shown as its message (or given to ``on_error``).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from chemcluster_desktop.services.errors import Cancelled, ServiceError

log = logging.getLogger(__name__)


def _t(s: str) -> str:
    return QCoreApplication.translate("Ops", s)


class Task(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)

    def __init__(self, title: str):
        super().__init__()
        self.title = title
        self._cancel = threading.Event()
        self.done = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.progressed.emit(int(done), int(total), text)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Runner(QRunnable):
    def __init__(self, task: Task, fn: Callable[[Task], Any]):
        super().__init__()
        self.task, self.fn = task, fn
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.task)
        except BaseException as e:  # reported on the GUI thread
            self.task.failed.emit(e, traceback.format_exc())
        else:
            self.task.finished.emit(result)
        finally:
            self.task.done.set()


_running: list[Task] = []
_status_listeners: list[Callable[[Task | None, int, int, str], None]] = []


def add_status_listener(fn: Callable[[Task | None, int, int, str], None]) -> None:
    """The main window's status bar shows the progress of background work."""
    _status_listeners.append(fn)


def _notify(task: Task | None, done: int, total: int, text: str) -> None:
    for fn in list(_status_listeners):
        try:
            fn(task, done, total, text)
        except RuntimeError:  # widget gone
            _status_listeners.remove(fn)


def show_error(parent: QWidget | None, error: BaseException, tb: str = "") -> None:
    if isinstance(error, Cancelled):
        return
    from PySide6.QtWidgets import QMessageBox  # here, not at the top: the window's start does not need it

    if isinstance(error, ServiceError):
        QMessageBox.warning(parent, _t("Не выполнено"), str(error))
        return
    from chemcluster_desktop.ui.crash import write_crash_log

    path = write_crash_log(tb or "".join(traceback.format_exception(error)))
    QMessageBox.critical(parent, _t("Ошибка"),
                         _t("Операция не выполнена из-за внутренней ошибки; данные не изменены.\n"
                            "Подробности записаны в файл:\n{0}").format(path))


def run_task(parent: QWidget | None, title: str, fn: Callable[[Task], Any], *,
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             modal: bool = True, cancellable: bool = True) -> Task:
    from PySide6.QtWidgets import QProgressDialog  # here, not at the top: the window's start does not need it

    task = Task(title)
    dlg: QProgressDialog | None = None
    if modal and parent is not None:
        dlg = QProgressDialog(title, _t("Отмена") if cancellable else "", 0, 0, parent)
        dlg.setWindowTitle(title)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(400)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        if not cancellable:
            dlg.setCancelButton(None)
        dlg.canceled.connect(task.cancel)

    def on_progress(done, total, text):
        if dlg is not None:
            dlg.setMaximum(max(total, 0))
            dlg.setValue(min(done, total) if total else 0)
            if text:
                dlg.setLabelText(text)
        _notify(task, done, total, text or title)

    def finish():
        if task in _running:
            _running.remove(task)
        if dlg is not None:
            dlg.reset()
            dlg.hide()
            dlg.deleteLater()
        _notify(None, 0, 0, "")

    def on_finished(result):
        finish()
        if on_done:
            on_done(result)

    def on_failed(err, tb):
        finish()
        if not isinstance(err, ServiceError | Cancelled):
            log.error("task %s failed:\n%s", title, tb)
        if on_error:
            on_error(err)
        else:
            show_error(parent, err, tb)

    task.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    task.finished.connect(on_finished, Qt.ConnectionType.QueuedConnection)
    task.failed.connect(on_failed, Qt.ConnectionType.QueuedConnection)
    _running.append(task)
    _notify(task, 0, 0, title)
    QThreadPool.globalInstance().start(_Runner(task, fn))
    return task


def run_op(parent: QWidget | None, fn: Callable[..., Any], *, title: str | None = None,
           on_done: Callable[[Any], None] | None = None,
           on_error: Callable[[BaseException], None] | None = None,
           cancellable: bool = True) -> Any:
    """Run one mutation as one user action.

    Without ``title`` ``fn()`` runs at once on the GUI thread (a short write); the return value is
    ``fn``'s result, or ``None`` when it failed (the person has seen why). With ``title`` ``fn(task)``
    runs in the background with progress and cancel (:func:`run_task`) and the :class:`Task` is
    returned. Either way the pages refresh once, after the whole operation, and then ``on_done(result)``
    runs."""
    from chemcluster_desktop.ui import events

    if title is None:
        events.hold()
        try:
            result = fn()
        except ServiceError as e:
            events.release()
            if on_error:
                on_error(e)
            else:
                show_error(parent, e)
            return None
        except BaseException:
            events.release()
            raise
        events.release()
        if on_done:
            on_done(result)
        return result

    events.hold()
    released = []

    def _release() -> None:
        if not released:
            released.append(True)
            events.release()

    def done(result):
        _release()
        if on_done:
            on_done(result)

    def failed(err):
        _release()
        if on_error:
            on_error(err)
        else:
            show_error(parent, err)

    try:
        return run_task(parent, title, fn, on_done=done, on_error=failed, cancellable=cancellable)
    except BaseException:
        _release()
        raise


def running() -> list[Task]:
    return list(_running)


def wait_all(timeout_ms: int = 30000) -> bool:
    """Process events until no task runs (for tests and for closing the window)."""
    import time

    end = time.monotonic() + timeout_ms / 1000
    while _running and time.monotonic() < end:
        QCoreApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(20)
    QCoreApplication.processEvents()
    return not _running


def show_status(widget: QWidget | None, text: str, ms: int = 8000) -> None:
    """Say ``text`` in the status bar of the main window ``widget`` belongs to (a dialog is its child);
    nothing when there is none or it is gone."""
    try:
        w = widget
        while w is not None and not isinstance(w, QMainWindow):
            w = w.parentWidget()
        if w is not None:
            w.statusBar().showMessage(text, ms)
    except RuntimeError:  # the window is gone
        pass
