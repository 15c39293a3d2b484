"""The inventory cards are FormDialogs (issue 17): a value the service refuses, typed and saved as a
person does, is shown beside the field the refusal names; the card stays open and nothing is written."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.inventory import positions
from chemcluster_desktop.services.listing import ListQuery
from tests.inventory.helpers import add_room, consumable, equipment, type_text


def _shown(dlg, key: str) -> str:
    """The refusal beside ``key``; the general line under the form stays empty."""
    lab = dlg.errors[key]
    assert lab.isVisibleTo(dlg) and lab.text()
    assert not dlg.message.isVisibleTo(dlg)
    return lab.text()


def test_movement_more_than_in_stock_is_shown_under_the_lines(window, qtbot):
    from chemcluster_desktop.ui.dialogs.movement import MovementDialog

    lab = add_room("Лаборатория 208")
    gloves = consumable(qty="100", room_id=lab)
    rows = inventory.list_items(ListQuery())
    before = inventory.list_movements()  # the receipt of the new card
    dlg = MovementDialog(window, "issue", rows)
    qtbot.addWidget(dlg)
    dlg.show()
    type_text(dlg.person, "Орлов Д. С.")
    dlg.table.item(0, 4).setText("500")
    qtbot.mouseClick(dlg.ok_btn, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "в наличии только 100" in _shown(dlg, "lines")
    assert inventory.get_item(gloves)["quantity"] == 100 and inventory.list_movements() == before
    dlg.table.item(0, 4).setText("30")
    dlg.print_after.setChecked(False)
    qtbot.mouseClick(dlg.ok_btn, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and dlg.result_doc is not None and dlg.saved_id == dlg.result_doc.id
    assert inventory.get_item(gloves)["quantity"] == 70


def test_movement_transfer_to_the_same_room_is_refused_under_the_lines(window, qtbot):
    from chemcluster_desktop.ui.dialogs.movement import MovementDialog

    lab = add_room("Лаборатория 208")
    scale = equipment(room_id=lab)
    before = inventory.list_movements()
    dlg = MovementDialog(window, "transfer", inventory.list_items(ListQuery()))
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.ok_btn.isEnabled() and dlg.errors["to_room_id"].isVisibleTo(dlg)  # told as you choose
    dlg.room.setCurrentIndex(dlg.room.findData(lab))
    assert dlg.ok_btn.isEnabled() and not dlg.errors["to_room_id"].isVisibleTo(dlg)
    qtbot.mouseClick(dlg.ok_btn, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "уже находится в этом помещении" in _shown(dlg, "lines")
    assert inventory.list_movements() == before and inventory.get_item(scale)["room_id"] == lab


def test_mol_position_too_long_is_shown_under_the_table(window, qtbot):
    from chemcluster_desktop.ui.dialogs.mol_positions import MolPositionsDialog

    add_room("Лаборатория 208", "Кузнецова Е. А.")
    dlg = MolPositionsDialog(window)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_position("Кузнецова Е. А.", "Я" * 201)
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "длиннее 200" in _shown(dlg, "position")
    assert positions.position_of(["Кузнецова Е. А."])["Кузнецова Е. А."] == ""
