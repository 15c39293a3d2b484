"""The inventory import dialog on real widgets: a lab sheet with groups and a 0504035 statement — the
room for the whole file, groups kept or split, the column drop-downs, what happens to each row."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import ops
from tests.inventory.files import LAB_SHEET, STATEMENT

ROOM = "Лаборатория аналитической химии"


def _open(window, path):
    page = window.show_page("inventory")
    page.import_file(str(path))
    assert ops.wait_all()
    return page, page.last_dialog


def _actions(dlg) -> dict[int, tuple[str, str]]:
    t = dlg.actions_table
    return {int(t.item(i, 0).text()): (t.item(i, 1).text(), t.item(i, 6).text()) for i in range(t.rowCount())}


def test_statement_into_a_room_from_the_dialog(window, qtbot):
    window.resize(1366, 768)
    page, dlg = _open(window, STATEMENT)
    assert dlg.objectName() == "InventoryImportDialog"
    assert "остаток на конец" in dlg.info.text().lower() and "Петрова Анна Сергеевна" in dlg.info.text()
    assert dlg.ignored_table.rowCount() == 13  # column numbers, 3 accounts, 3 subtotals, «Всего», signatures…
    assert dlg.tabs.currentIndex() == 0  # an unsure match («Единица измерения наименование») is asked first
    assert len(_actions(dlg)) == 8
    # the room for the whole file: typed, the preview follows
    dlg.room.setEditText(ROOM)
    dlg.room.lineEdit().editingFinished.emit()
    assert {dlg.actions_table.item(i, 4).text() for i in range(8)} == {ROOM}
    assert ROOM in dlg.info.text()  # «Будут созданы помещения: …»
    qtbot.mouseClick(dlg.ok_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all()
    qtbot.waitUntil(lambda: page.last_report is not None)
    assert page.last_report.imported == 8 and page.last_report.created_rooms == [ROOM]
    page.last_message.close()
    items = inventory.list_items(ListQuery(limit=50))
    assert len(items) == 8 and {r["room"] for r in items} == {ROOM}


def test_lab_sheet_groups_split_and_a_column_remapped(window, qtbot):
    window.resize(1366, 768)
    page, dlg = _open(window, LAB_SHEET)
    acts = _actions(dlg)
    assert acts[4][0] == "создать" and "группа из 6" in acts[4][1]
    assert acts[13][0] == "пропустить" and "ИН-0102" in acts[13][1]
    qtbot.mouseClick(dlg.split, Qt.MouseButton.LeftButton)
    assert "6 карточек" in _actions(dlg)[4][1]
    # the «Примечание» column is not imported: chosen in its drop-down, applied
    col = dict(dlg._combos)[7]
    col.setCurrentIndex(col.findData(""))
    qtbot.mouseClick(dlg.apply_btn, Qt.MouseButton.LeftButton)
    assert 7 not in dlg.preview.mapping
    qtbot.mouseClick(dlg.ok_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all()
    qtbot.waitUntil(lambda: page.last_report is not None)
    page.last_message.close()
    tables = inventory.list_items(ListQuery(search="Стол химический", limit=20))
    assert len(tables) == 6 and all(r["quantity"] == Decimal(1) for r in tables)
    scales = inventory.list_items(ListQuery(search="Весы", limit=20))
    assert all(inventory.get_item(r["id"])["notes"] == "" for r in scales)  # the note column was left out


def test_card_of_a_group_and_a_known_cas_offers_the_substance(window, qtbot):
    from tests.inventory.helpers import add_room, type_text

    lab = add_room("Лаборатория 201")
    acid = inventory.create_item({"kind": "reagent", "name": "Кислота соляная", "cas_number": "7647-01-0",
                                  "ghs_pictograms": ["GHS05"], "h_statements": "H290, H314",
                                  "storage_group": "acids", "room_id": lab})
    page = window.show_page("inventory")
    page.set_kind("furniture")
    page.actions_by_name["new"].trigger()
    dlg = page.last_dialog
    dlg.kind.setCurrentIndex(dlg.kind.findData("furniture"))
    type_text(dlg.name, "Стол химический лабораторный")
    assert not dlg.quantity.isReadOnly()  # a group: N identical units under one number
    dlg.quantity.setText("6")
    type_text(dlg.account, "101.36")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    card = inventory.get_item(dlg.saved_id)
    assert card["quantity"] == Decimal(6) and card["account"] == "101.36" and card["is_group"]
    # a new reagent card with a known CAS takes the substance's data instead of wiping it
    page.set_kind("reagent")
    page.actions_by_name["new"].trigger()
    dlg = page.last_dialog
    dlg.kind.setCurrentIndex(dlg.kind.findData("reagent"))
    type_text(dlg.name, "Кислота соляная, ос.ч.")
    dlg.tabs.setCurrentWidget(dlg.reagent_tab)
    type_text(dlg.cas, "7647-01-0")
    dlg.cas.editingFinished.emit()
    assert "уже есть в справочнике" in dlg.substance_hint.text()
    assert dlg.ghs["GHS05"].isChecked() and dlg.h.text() == "H290, H314"
    assert dlg.group.currentData() == "acids"
    dlg.reject()
    assert inventory.get_item(acid)["h_statements"] == "H290,H314"
