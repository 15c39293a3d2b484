"""«Data changed»: a unit of work publishes the areas it touched, the GUI hears them once per action,
and listeners end with their widgets, so a closed window never fails later."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import NotFoundError
from chemcluster_desktop.ui import events, ops
from tests.inventory.helpers import add_room, consumable


def test_listen_ends_with_the_owner(qtbot):
    got = []
    w = QWidget()
    events.listen(w, got.append)
    events.publish({Area.INVENTORY})
    assert got == [frozenset({Area.INVENTORY})]
    w.deleteLater()
    qtbot.waitUntil(lambda: not _alive(w), timeout=2000)
    events.publish({Area.CORE})
    assert got == [frozenset({Area.INVENTORY})]


def test_lambda_inside_owned_connections_is_dropped_with_the_owner(qtbot):
    got = []
    owner = QWidget()
    with events.owned_connections(owner):
        child = QWidget(owner)
        events.bus().changed.connect(lambda areas: got.append((areas, child.isVisible())))
    events.everything_changed()
    assert got == [(events.ALL, False)]
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    events.everything_changed()  # would raise «already deleted» without the guard
    assert len(got) == 1
    # outside the block bus() is the real signal again
    assert isinstance(events.bus(), events.DataEvents)


def test_a_commit_publishes_the_areas_it_touched(qtbot, db):
    got = []
    w = QWidget()
    events.listen(w, got.append)
    room = add_room("Лаборатория 201")
    assert got == [frozenset({Area.CORE})]
    consumable(room_id=room)
    assert got[-1] == frozenset({Area.INVENTORY})
    inventory.rooms()  # reading publishes nothing
    assert len(got) == 2


def test_one_action_publishes_once_however_many_commits(qtbot, db):
    got = []
    w = QWidget()
    events.listen(w, got.append)

    def two_commits():
        room = add_room("Мастерская 210")
        return consumable(room_id=room)

    item = ops.run_op(w, two_commits)
    assert item is not None
    assert got == [frozenset({Area.CORE, Area.INVENTORY})]


def test_a_background_operation_publishes_once_when_it_ends(qtbot, db):
    got, done = [], []
    w = QWidget()
    events.listen(w, got.append)

    def work(task):
        room = add_room("Лаборатория 305")
        for i in range(3):
            consumable(f"Реактив {i}", room_id=room)
        return room

    def finished(room):
        done.append((room, list(got)))  # the pages were refreshed before the summary

    ops.run_op(w, work, title="Загрузка", on_done=finished)
    assert ops.wait_all()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert got == [frozenset({Area.CORE, Area.INVENTORY})]
    assert done[0][1] == got


def test_a_refused_operation_shows_why_and_publishes_nothing(qtbot, db, monkeypatch):
    got, shown = [], []
    w = QWidget()
    events.listen(w, got.append)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))

    def refused():
        add_room("Лаборатория 101")
        inventory.get_item(999_999)  # NotFoundError after a commit: what was committed stays published

    assert ops.run_op(w, refused) is None
    assert len(shown) == 1 and shown[0]
    assert got == [frozenset({Area.CORE})]
    assert ops.run_op(w, lambda: (_ for _ in ()).throw(NotFoundError("нет"))) is None
    assert len(got) == 1 and len(shown) == 2


def _alive(w) -> bool:
    try:
        w.objectName()
        return True
    except RuntimeError:
        return False
