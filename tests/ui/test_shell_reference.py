"""«Справочники» → «Здания и помещения» through the real widgets, and Файл → Резервная копия /
Восстановить."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from chemcluster_desktop.services import locations
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import ops
from tests.ui.shell_helpers import on_next_modal, type_text


@pytest.fixture
def ref(window, qtbot):
    b = locations.create_building("Учебный корпус № 1", "пр. Циолковского, 23")
    locations.create_room("Лаборатория аналитической химии", b, "laboratory", "72", "Кузнецова Е. А.")
    page = window.show_page("reference")
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=3000)
    return page


def test_tabs_and_columns(ref):
    assert ref.tabs.tabText(0) == "Здания и помещения"
    headers = [ref.model.headerData(i, Qt.Orientation.Horizontal) for i in range(ref.model.columnCount())]
    assert headers[:3] == ["Помещение", "Здание", "Вид"]
    assert ref.model.row(0)["kind_label"] == "Лаборатория"
    assert ref.building_filter.count() == 2 and ref.kind_filter.count() == 5


def test_create_room_through_the_card(ref, qtbot):
    seen: list[str] = []

    def fill(dlg):
        save = dlg.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert not save.isEnabled()  # the name is required
        type_text(dlg.name, "Склад реактивов")
        dlg.building.setCurrentIndex(1)
        dlg.kind.setCurrentIndex(dlg.kind.findData("store"))
        type_text(dlg.area, "24,5")
        type_text(dlg.responsible, "Ёлкина Т. П.")
        assert save.isEnabled()
        save.click()

    on_next_modal(fill, seen)
    ref.actions_by_name["new"].trigger()
    qtbot.waitUntil(lambda: ref.model.total() == 2, timeout=3000)
    row = ref.current_row()
    assert row is not None and row["name"] == "Склад реактивов" and row["kind"] == "store"
    assert locations.get_room(row["id"]).area_m2 == "24.5"
    assert ref.model.display(ref.model.columns[3], row["area_m2"]) == "24,5"


def test_card_validates_as_you_type_and_refuses_duplicates(ref, qtbot):
    seen: list[str] = []
    errors: list[str] = []

    def fill(dlg):
        type_text(dlg.area, "много")
        assert dlg.errors["area_m2"].text()
        dlg.area.clear()
        type_text(dlg.name, "лаборатория АНАЛИТИЧЕСКОЙ химии")
        dlg.building.setCurrentIndex(1)
        dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        errors.append(dlg.errors["name"].text())  # refused beside the name
        assert dlg.isVisible()  # stays open with the message
        dlg.reject()

    on_next_modal(fill, seen)
    ref.on_new()
    assert "уже есть" in errors[0]
    assert locations.count_rooms(ListQuery()) == 1


def test_delete_refused_with_a_clear_message(ref, qtbot):
    from chemcluster_desktop.services.context import uow
    from chemcluster_desktop.storage.inventory import Item

    rid = ref.model.row_id(0)
    with uow() as s:
        s.add(Item(kind="equipment", name="Весы", room_id=rid))
    ref.table.selectRow(0)
    confirm: list[str] = []
    warning: list[str] = []

    def yes(box):
        on_next_modal(None, warning, skip=box)
        box.button(QMessageBox.StandardButton.Yes).click()

    on_next_modal(yes, confirm)
    ref.actions_by_name["delete"].trigger()
    qtbot.waitUntil(lambda: bool(warning), timeout=3000)
    assert "Лаборатория аналитической химии" in confirm[0]
    assert "нельзя удалить" in warning[0] and "позиций инвентаря: 1" in warning[0]
    assert locations.count_rooms(ListQuery()) == 1


def test_delete_after_confirmation(ref, qtbot):
    ref.table.selectRow(0)
    seen: list[str] = []
    on_next_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), seen)
    ref.actions_by_name["delete"].trigger()
    qtbot.waitUntil(lambda: ref.model.total() == 0, timeout=3000)
    assert ref.empty_label.isVisible() and "Ctrl+N" in ref.empty_label.text()


def test_viewer_cannot_write(window, qtbot, as_role):
    with as_role("viewer"):
        page = window.show_page("reference")
        page.on_role_changed()
        assert not page.actions_by_name["new"].isVisible()
        assert not page.actions_by_name["delete"].isVisible()
    page.on_role_changed()
    assert page.actions_by_name["new"].isVisible()


def test_backup_and_restore_from_the_menu(window, qtbot, db, tmp_path):
    from chemcluster_desktop.ui.dialogs.backup import RestoreDialog, restore_from, run_backup

    target = tmp_path / "copy.sqlite3"
    info: list[str] = []
    on_next_modal(None, info)
    run_backup(window, str(target))
    assert ops.wait_all(20000)
    qtbot.waitUntil(lambda: bool(info), timeout=5000)
    assert str(target) in info[0]
    assert target.is_file()
    # a change after the copy, then restore it away
    locations.create_building("Корпус после копии")
    dlg = RestoreDialog(window)
    assert dlg.table.rowCount() >= 0
    dlg.close()
    confirm: list[str] = []
    done: list[str] = []

    def yes(box):
        on_next_modal(None, done, skip=box)
        box.button(QMessageBox.StandardButton.Yes).click()

    on_next_modal(yes, confirm)
    restore_from(window, str(target))
    assert ops.wait_all(20000)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert "copy.sqlite3" in confirm[0] and "сохранена как отдельная копия" in confirm[0]
    assert "Прежняя база сохранена" in done[0]
    assert [b.name for b in locations.list_buildings()] == []
    kept = done[0].split("сохранена:")[-1].strip()
    con = sqlite3.connect(kept)
    assert con.execute("SELECT name FROM buildings").fetchall() == [("Корпус после копии",)]
    con.close()


def test_restore_declined_changes_nothing(window, qtbot, db, tmp_path):
    from chemcluster_desktop.services import backup
    from chemcluster_desktop.ui.dialogs.backup import restore_from

    copy = backup.backup(tmp_path / "c.sqlite3")
    locations.create_building("Остаётся")
    seen: list[str] = []
    on_next_modal(lambda box: box.button(QMessageBox.StandardButton.No).click(), seen)
    assert restore_from(window, str(copy)) is None
    assert [b.name for b in locations.list_buildings()] == ["Остаётся"]
