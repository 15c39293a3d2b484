"""The accreditation cards are FormDialogs (issue 17): a value the service refuses, typed and saved as a
person does, is shown beside the field the refusal names; the card stays open and nothing is written."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chemcluster_desktop.services import accreditation as acc
from tests.accreditation import helpers as h


def _type(qtbot, widget, text: str) -> None:
    """QTest synthesises ASCII keys only: Cyrillic text is inserted as an input method would."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def _shown(dlg, key: str) -> str:
    """The refusal beside ``key``; the general line under the form stays empty."""
    lab = dlg.errors[key]
    assert lab.isVisibleTo(dlg) and lab.text()
    assert not dlg.message.isVisibleTo(dlg)
    return lab.text()


def test_loan_refused_quantity_is_shown_beside_the_quantity(window, qtbot, tmp_path):
    from chemcluster_desktop.ui.dialogs.loan_dialog import LoanDialog

    wid = h.workshop_with_items(tmp=tmp_path)
    row = acc.checklist(wid)[0]
    dlg = LoanDialog(row, window)
    qtbot.addWidget(dlg)
    dlg.show()
    _type(qtbot, dlg.partner, "АО «Синтез»")
    _type(qtbot, dlg.number, "12/26-БП")
    _type(qtbot, dlg.date, "20.11.2026")
    _type(qtbot, dlg.valid_until, "30.06.2027")
    dlg.quantity.clear()
    _type(qtbot, dlg.quantity, "two")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "не число" in _shown(dlg, "quantity")
    assert dlg.focusWidget() is dlg.quantity  # the cursor waits in the field named
    assert acc.loans(row["id"]) == []
    dlg.quantity.setText("1")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and [ln.id for ln in acc.loans(row["id"])] == [dlg.loan_id]


def test_commission_refusals_beside_the_order_and_under_the_members(window, qtbot, tmp_path):
    from chemcluster_desktop.ui.dialogs.commission_dialog import CommissionDialog

    wid = h.workshop_with_items(tmp=tmp_path)
    dlg = CommissionDialog(wid, window)
    qtbot.addWidget(dlg)
    dlg.show()
    _type(qtbot, dlg.order_date, "10.11.2026")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "номер приказа" in _shown(dlg, "commission_order")
    _type(qtbot, dlg.order, "214-OD")
    dlg.members.item(0, 1).setText("Смирнова Е. П.")  # a member without a position
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "должность" in _shown(dlg, "members")
    assert not dlg.errors["commission_order"].isVisibleTo(dlg)  # the old message went
    com = acc.commission(wid)
    assert com["order"] == "" and com["members"] == []


def test_infra_line_refused_by_the_service_beside_its_field(window, qtbot, tmp_path):
    wid = h.workshop_with_items(tmp=tmp_path)
    lid = acc.workshop(wid).list_id
    before = acc.list_lines(lid)
    page = window.show_page("accreditation")
    ed = page.on_lists()
    qtbot.addWidget(ed)
    dlg = ed.add_line()
    _type(qtbot, dlg.name, "Штатив лабораторный")
    dlg.quantity.setText("2000000")  # a number, but more than a list line can ask
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "больше нуля" in _shown(dlg, "quantity")
    assert acc.list_lines(lid) == before
    dlg.quantity.setText("2")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and len(acc.list_lines(lid)) == len(before) + 1
    assert ed.table.rowCount() == len(before) + 1
    # a change to a number the line's section already has: refused beside the number
    first, second = before[0], next(ln for ln in before[1:] if ln.section == before[0].section and ln.number)
    ed.table.selectRow(next(r for r in range(ed.table.rowCount()) if ed.table.item(r, 2).text() == second.name))
    dlg = ed.edit_line()
    assert dlg.line.id == second.id
    dlg.number.setText(first.number)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "уже есть" in _shown(dlg, "number")
    assert next(ln for ln in acc.list_lines(lid) if ln.id == second.id).number == second.number
    dlg.reject()
    ed.close()
