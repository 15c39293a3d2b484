"""The data-changed bus: listeners end with their widgets, so a closed window never fails later."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from chemcluster_desktop.ui import events


def test_listen_ends_with_the_owner(qtbot):
    got = []
    w = QWidget()
    events.listen(w, got.append)
    events.notify("inventory")
    assert got == ["inventory"]
    w.deleteLater()
    qtbot.waitUntil(lambda: not _alive(w), timeout=2000)
    events.notify("core")
    assert got == ["inventory"]


def test_lambda_inside_owned_connections_is_dropped_with_the_owner(qtbot):
    got = []
    owner = QWidget()
    with events.owned_connections(owner):
        child = QWidget(owner)
        events.bus().changed.connect(lambda area: got.append((area, child.isVisible())))
    events.notify("*")
    assert got == [("*", False)]
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    events.notify("*")  # would raise «already deleted» without the guard
    assert len(got) == 1
    # outside the block bus() is the real signal again
    assert isinstance(events.bus(), events.DataEvents)


def _alive(w) -> bool:
    try:
        w.objectName()
        return True
    except RuntimeError:
        return False
