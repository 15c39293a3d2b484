"""Issue 16 on real widgets: each bulk accreditation action shows its preview, Cancel (the default
button) writes nothing, confirming writes, and «Отменить действие» puts every row back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import context
from chemcluster_desktop.storage.accreditation import ChecklistLink
from chemcluster_desktop.storage.procurement import Need
from chemcluster_desktop.ui import ops
from tests.accreditation import helpers as h
from tests.accreditation.test_accreditation_undo import COMP, dump, other_competency_file, two_workshops

GLOVES = [("Перчатки нитриловые", "consumable", 1), ("Стол", "furniture", 1),
          ("Стол для весов антивибрационный", "furniture", 1)]


def _page(window):
    page = window.show_page("accreditation")
    page.refresh()
    return page


def _select_line(page, qtbot, name: str) -> None:
    for r, row in enumerate(page.model.loaded_rows()):
        if row["name"] == name:
            qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                             pos=page.table.visualRect(page.model.index(r, 1)).center())
            return
    raise AssertionError(name)


def _undo_from_page(page, qtbot) -> None:
    box = page.on_undo()
    assert box is not None and box.defaultButton() == box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert "Действие отменено" == page._info_box.windowTitle()
    page._info_box.close()


def test_import_over_a_list_is_previewed_cancelled_confirmed_and_undone(window, qtbot, tmp_path):
    w1, _w2 = two_workshops(tmp_path)
    before = dump()
    page = _page(window)
    page.select_workshop(w1)
    imp = page.on_import()
    assert imp.competency.currentText() == COMP
    imp.file.setText(str(other_competency_file(tmp_path / "ooc.xlsx")))
    qtbot.mouseClick(imp.import_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all(10000)
    pv = imp.preview
    assert pv is not None and pv.isVisible() and pv.objectName() == "ImportPreviewDialog"
    assert pv.warnings.isVisible() and "Охрана окружающей среды" in pv.warnings.text()
    assert "→ 0 %" in pv.headline.text() and "строк листа будет удалено: 8" in pv.headline.text()
    assert pv.tables[0].rowCount() == 8 + 3 and pv.tables[1].rowCount() == 2
    assert pv.cancel_btn.isDefault() and not pv.confirm_btn.isDefault()
    qtbot.keyClick(pv, Qt.Key.Key_Return)  # Enter is Cancel
    assert pv.result() == QDialog.DialogCode.Rejected
    assert dump() == before
    qtbot.mouseClick(imp.import_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all(10000)
    qtbot.mouseClick(imp.preview.confirm_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all(10000)
    assert acc.workshop_readiness(w1).coverage_percent == 0
    assert "Импорт можно отменить" in imp.summary.text() and imp.undo_btn.isVisible()
    qtbot.mouseClick(imp.undo_btn, Qt.MouseButton.LeftButton)
    assert "Импорт отменён" in imp.summary.text()
    assert dump() == before
    imp.close()


def test_confirm_preview_unticks_weak_and_page_undo_restores(window, qtbot, tmp_path):
    wid = h.workshop_with_items(workplaces=1, tmp=tmp_path, items=GLOVES)
    acc.match(wid)
    page = _page(window)
    props = {p.link_id: p for p in acc.proposals(wid)}
    gloves = next(p for p in props.values() if "нитриловые" in p.item)
    dlg = page.on_confirm_all()
    assert dlg.objectName() == "ConfirmPreviewDialog" and dlg.tables[0].rowCount() == len(props)
    assert gloves.link_id not in dlg.checked_keys()
    assert sorted(dlg.checked_keys()) == sorted(k for k, p in props.items() if not p.weak)
    before = dump()
    qtbot.mouseClick(dlg.cancel_btn, Qt.MouseButton.LeftButton)
    assert dump() == before
    dlg = page.on_confirm_all()
    qtbot.mouseClick(dlg.confirm_btn, Qt.MouseButton.LeftButton)
    with context.read() as s:
        states = dict(s.execute(select(ChecklistLink.id, ChecklistLink.state)).all())
    assert states[gloves.link_id] == "proposed"
    assert all(states[k] == "confirmed" for k in dlg.checked_keys())
    page._info_box.close()
    assert page.act_undo.isEnabled()
    _undo_from_page(page, qtbot)
    assert dump() == before


def test_needs_preview_with_an_unticked_line_and_undo(window, qtbot, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    acc.match(wid)
    gaps = [g["id"] for g in acc.gaps(wid)]
    page = _page(window)
    before = dump()
    dlg = page.on_needs()
    assert dlg.tables[0].rowCount() == len(gaps) and sorted(dlg.checked_keys()) == sorted(gaps)
    qtbot.mouseClick(dlg.cancel_btn, Qt.MouseButton.LeftButton)
    assert dump() == before
    dlg = page.on_needs()
    assert dlg.set_checked(gaps[0], False)
    qtbot.mouseClick(dlg.confirm_btn, Qt.MouseButton.LeftButton)
    with context.read() as s:
        assert sorted(s.scalars(select(Need.checklist_line_id))) == sorted(gaps[1:])
    page._info_box.close()
    _undo_from_page(page, qtbot)
    assert dump() == before


def test_rematch_preview_cancel_writes_nothing(window, qtbot, tmp_path):
    wid = h.workshop_with_items(workplaces=1, tmp=tmp_path, items=GLOVES)
    page = _page(window)
    before = dump()
    page.on_match()
    assert ops.wait_all(10000)
    pv = page._dialog
    assert pv.objectName() == "MatchPreviewDialog" and pv.tables[0].rowCount() > 0
    qtbot.mouseClick(pv.cancel_btn, Qt.MouseButton.LeftButton)
    assert dump() == before and acc.proposals(wid) == []


def test_details_panel_is_cleared_for_another_or_deleted_workshop_or_line(window, qtbot, tmp_path):
    w1, w2 = two_workshops(tmp_path)
    page = _page(window)
    page.select_workshop(w1)
    _select_line(page, qtbot, "Стол")
    d = page.details
    assert d.row is not None and d.row["workshop_id"] == w1 and d.add_btn.isEnabled()
    page.select_workshop(w2)
    assert d.row is None and not d.content.isVisible()
    _select_line(page, qtbot, "Стол")
    assert d.row["workshop_id"] == w2
    # the line is removed behind the panel (an import of another list), the page refreshes
    acc.import_infrastructure_list(other_competency_file(tmp_path / "ooc.xlsx"), COMP, year=2026)
    page.refresh()
    assert d.row is None and not d.content.isVisible()
    # a deleted workshop: the panel does not keep its line
    page.select_workshop(w1)
    acc.undo(acc.restore_points(w1)[0].id)
    page.refresh()
    _select_line(page, qtbot, "Стол")
    assert d.row is not None
    acc.delete_workshop(w1)
    page.refresh()
    assert page.workshop_id == w2 and (d.row is None or d.row["workshop_id"] == w2)
