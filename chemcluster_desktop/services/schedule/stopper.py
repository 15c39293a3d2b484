"""Stopping a running CP-SAT search from outside: the person's «Отмена», or enough polishing."""

from __future__ import annotations

import threading


class Stopper:
    """Stops a running CP-SAT search when the person cancels, or when ``settled()`` says the search has
    polished long enough (polled from a watcher thread: CP-SAT calls back only on a new solution, so a
    search that finds none would otherwise run to its time limit)."""

    def __init__(self, solver, cancelled, settled=None):
        self.solver, self.cancelled, self.settled = solver, cancelled, settled
        self.hit = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self):
        if self.cancelled is not None or self.settled is not None:
            self._thread.start()
        return self

    def _watch(self):
        while not self._done.wait(0.05):
            if self.cancelled is not None and self.cancelled():
                self.hit = True
                self.solver.stop_search()
                return
            if self.settled is not None and self.settled():
                self.solver.stop_search()
                return

    def __exit__(self, *exc):
        self._done.set()
