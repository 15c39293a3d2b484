"""The «Расписание» page: the week grid filled, a lesson created by double-click, moved by drag and
drop, a clashing drop refused with the reason shown before dropping; generation in the background."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.widgets.week_grid import MIME
from tests.schedule.helpers import small_instance
from tests.ui.shell_helpers import type_text


def _page(window, qtbot):
    page = window.show_page("schedule")
    qtbot.waitExposed(page)
    return page


def _center(grid, row, col) -> QPoint:
    rect = grid.visualRect(grid.model().index(row, col))
    return rect.center()


def _drag(grid, lesson_id, row, col):
    """A real drag over the viewport: enter, move (the clash is computed here), drop."""
    md = QMimeData()
    md.setData(MIME, str(lesson_id).encode())
    pos = _center(grid, row, col)  # a QPoint: PySide6 up to 6.11 takes only that for drag events
    vp = grid.viewport()
    actions = Qt.DropAction.MoveAction
    QApplication.sendEvent(vp, QDragEnterEvent(pos, actions, md, Qt.MouseButton.LeftButton,
                                               Qt.KeyboardModifier.NoModifier))
    move = QDragMoveEvent(pos, actions, md, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, move)
    accepted = move.isAccepted()
    drop = QDropEvent(pos, actions, md, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, drop)
    return accepted


def test_create_move_and_refused_clash(window, qtbot):
    ids = small_instance()
    page = _page(window, qtbot)
    page.refresh()
    page.view.setCurrentIndex(page.view.findData("workshop"))
    page.entity.setCurrentIndex(page.entity.findData(ids["w2"]))
    page.week.setDate(QDate(2026, 9, 7))  # Monday 07.09.2026
    grid = page.grid
    assert grid.rowCount() == 6 and grid.columnCount() == 6

    # create: double-click Monday, lesson 1 → the form, pre-filled with the cell and the workshop
    rect = grid.visualRect(grid.model().index(0, 0))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dlg = page.last_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.workshop.currentData() == ids["w2"]
    assert dlg.date.date().toPython() == dt.date(2026, 9, 7)
    dlg.cls.setCurrentIndex(dlg.cls.findData(ids["classes"][0]))  # 24 pupils, Mon/Wed
    dlg.module.setCurrentIndex(dlg.module.findData(ids["m2"]))
    dlg.instructor.setCurrentIndex(dlg.instructor.findData(ids["i3"]))
    dlg.update_clash()
    assert "Конфликтов нет" in dlg.clash.text()
    qtbot.mouseClick(dlg.buttons.buttons()[0] if dlg.buttons.buttons()[0].text() == "Сохранить"
                     else dlg.buttons.buttons()[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    page.week_tab.load_week()
    lessons = svc.lessons_between(dt.date(2026, 9, 7), dt.date(2026, 9, 13))
    assert len(lessons) == 1
    lid = lessons[0]["id"]
    assert grid.item(0, 0).data(Qt.ItemDataRole.UserRole) == lid

    # move by drag to Wednesday, lesson 3: allowed
    assert _drag(grid, lid, 2, 2)
    assert svc.get_lesson(lid)["date"] == dt.date(2026, 9, 9)
    assert "перенесено" in page.message.text()

    # a second lesson of another class (Wed/Fri) in the same workshop on Wednesday, lesson 1
    other = svc.create_lesson({"class_id": ids["classes"][2], "module_id": ids["m2"], "instructor_id": ids["i2"],
                               "workshop_id": ids["w2"], "date": dt.date(2026, 9, 9), "slot_id": grid.slots[0]["id"]})
    page.week_tab.load_week()
    # drag the first lesson onto it: the clash is shown while hovering and the drop is refused
    assert not _drag(grid, lid, 0, 2)
    assert "Сюда нельзя" in page.message.text() or "отменён" in page.message.text()
    assert "занята" in page.message.text()
    assert svc.get_lesson(lid)["date"] == dt.date(2026, 9, 9)
    # Tuesday: the school cannot send the class — refused too
    assert not _drag(grid, lid, 0, 1)
    assert svc.get_lesson(lid)["date"] == dt.date(2026, 9, 9)
    assert other


def test_clash_red_in_grid_and_list_then_generate(window, qtbot):
    ids = small_instance()
    slot = svc.list_slots()[0]["id"]
    svc.create_lesson({"class_id": ids["classes"][0], "module_id": ids["m2"], "instructor_id": ids["i3"],
                       "workshop_id": ids["w2"], "date": dt.date(2026, 9, 7), "slot_id": slot})
    svc.create_lesson({"class_id": ids["classes"][2], "module_id": ids["m2"], "instructor_id": ids["i2"],
                       "workshop_id": ids["w2"], "date": dt.date(2026, 9, 7), "slot_id": slot}, allow_clash=True)
    page = _page(window, qtbot)
    page.refresh()
    page.view.setCurrentIndex(page.view.findData("all"))
    page.week.setDate(QDate(2026, 9, 7))
    assert page.conflicts.count() >= 1
    assert any("занята" in page.conflicts.item(i).text() for i in range(page.conflicts.count()))
    assert page.grid.item(0, 0).background().color().name() == "#fde3e1"
    # reference tabs fill
    page.tabs.setCurrentIndex(1)
    assert page.ref_tables["classes"].model().rowCount() == 3
    page.tabs.setCurrentIndex(5)
    assert page.ref_tables["requirements"].model().rowCount() == 9
    page.tabs.setCurrentIndex(0)
    # generate: the dialog previews in the background, then applies (the two hand lessons are replaced)
    page.on_generate()
    dlg = page.last_dialog
    qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not ops.running(), timeout=30000)
    ops.wait_all()
    assert dlg.apply_button.isEnabled()
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    assert "Записано" in dlg.summary.text()
    assert svc.check_conflicts(ids["term"]) == []


def test_viewer_cannot_drag_or_create(window, qtbot, as_role):
    small_instance()
    with as_role("viewer"):
        page = _page(window, qtbot)
        page.on_role_changed()
        page.refresh()
        assert not page.grid.can_edit
        assert not page.actions_by_name["new"].isVisible()


def test_lock_unlock_from_the_grid(window, qtbot):
    ids = small_instance()
    slot = svc.list_slots()[0]["id"]
    lid = svc.create_lesson({"class_id": ids["classes"][0], "module_id": ids["m2"], "instructor_id": ids["i3"],
                             "workshop_id": ids["w2"], "date": dt.date(2026, 9, 7), "slot_id": slot})
    page = _page(window, qtbot)
    page.refresh()
    page.view.setCurrentIndex(page.view.findData("all"))
    page.week.setDate(QDate(2026, 9, 7))
    rect = page.grid.visualRect(page.grid.model().index(0, 0))
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.actions_by_name["edit"].isEnabled()
    qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
    assert svc.get_lesson(lid)["locked"] is True
    cell = page.grid.item(0, 0)  # a drawn lock (an SVG), not an emoji a font may lack; words in «all» view
    assert not cell.icon().isNull() and "закр." in cell.text() and "Закреплено" in cell.toolTip()
    assert not any(ord(ch) > 0xFFFF for ch in cell.text())
    page.grid.setCurrentCell(0, 0)
    qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
    assert svc.get_lesson(lid)["locked"] is False
    assert page.grid.item(0, 0).icon().isNull() and "закр." not in page.grid.item(0, 0).text()


def test_class_form_refuses_zero_pupils_beside_the_field(window, qtbot):
    small_instance()
    page = _page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    page.refresh()
    page._record_dialog("classes", None)
    dlg = page.last_dialog
    dlg.widgets["name"].setText("8Г")
    dlg.widgets["pupils"].setValue(0)
    dlg.accept()
    assert dlg.isVisible()
    assert dlg.errors["pupils"].isVisibleTo(dlg) and "больше нуля" in dlg.errors["pupils"].text()
    assert not any(c["name"] == "8Г" for c in svc.list_classes())
    dlg.widgets["pupils"].setValue(21)
    dlg.accept()
    assert not dlg.isVisible()
    assert any(c["name"] == "8Г" and c["pupils"] == 21 for c in svc.list_classes())
    qtbot.waitUntil(lambda: page.ref_tables["classes"].model().rowCount() == 4)


def test_class_edited_through_its_form_and_a_stale_form_refused(window, qtbot):
    small_instance()
    page = _page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    page.refresh()
    table = page.ref_tables["classes"]
    qtbot.waitUntil(lambda: table.model().rowCount() == 3)
    table.setCurrentIndex(table.model().index(0, 1))  # not the «Школа» column, which edits the school
    rec = page.selected_record()
    page.on_edit()
    dlg = page.last_dialog
    assert dlg.widgets["name"].text() == rec["name"]
    dlg.widgets["pupils"].setValue(23)
    dlg.accept()
    assert not dlg.isVisible()
    assert next(c for c in svc.list_classes() if c["id"] == rec["id"])["pupils"] == 23
    # a form opened, then someone else saves the class: this form's save is refused, nothing lost
    page.refresh()
    table.setCurrentIndex(table.model().index(0, 1))
    page.on_edit()
    stale = page.last_dialog
    fresh = next(c for c in svc.list_classes() if c["id"] == rec["id"])
    svc.update_class(rec["id"], {**fresh, "pupils": 24}, version=fresh["version"])
    stale.widgets["pupils"].setValue(11)
    stale.accept()
    assert stale.isVisible() and stale.message.isVisibleTo(stale)
    assert "другой пользователь" in stale.message.text()
    assert next(c for c in svc.list_classes() if c["id"] == rec["id"])["pupils"] == 24


def test_tabs_share_the_page_toolbar_search_and_count(window, qtbot):
    """The reference lists are list tabs of the page: its search narrows the shown list (in SQL), its count
    line counts it, Edit follows the list's selection; the week tab says what the period holds, and the
    hours tab, which has buttons of its own, takes no search and no Edit."""
    small_instance()
    page = _page(window, qtbot)
    page.refresh()
    assert page.count_label.text().startswith("Занятий в периоде")
    assert not page.search.isEnabled()  # the grid is not searched
    page.show_tab("instructors")
    qtbot.waitUntil(lambda: page.model is not None and page.model.total() >= 2)
    n = page.model.total()
    assert page.count_label.text() == f"Записей: {n}" and not page.actions_by_name["edit"].isEnabled()
    page.ref_tables["instructors"].selectRow(0)
    assert page.actions_by_name["edit"].isEnabled()
    name = page.model.row(0)["full_name"]
    type_text(page.search, name)  # Cyrillic: typed as input events (QTest.keyClicks aborts on it)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.total() == 1)
    assert page.model.row(0)["full_name"] == name and page.count_label.text() == "Записей: 1"
    page.on_edit()
    assert page.last_dialog.fields["full_name"].text() == name
    page.last_dialog.reject()
    page.show_tab("load")
    assert not page.search.isEnabled() and not page.actions_by_name["edit"].isEnabled()
    assert page.actions_by_name["new"].isEnabled()


def test_week_grid_opens_on_the_coming_week_on_a_sunday():
    """Opened on Sunday 06.12.2026 the grid showed the week just over (30.11–05.12, empty) instead of the
    week the classes come."""
    import datetime as dt

    from chemcluster_desktop.ui.pages.schedule import SchedulePage

    assert SchedulePage.opening_day(dt.date(2026, 12, 6)) == dt.date(2026, 12, 7)  # Sunday → Monday
    assert SchedulePage.opening_day(dt.date(2026, 12, 5)) == dt.date(2026, 12, 5)  # Saturday: its own week
    assert SchedulePage.opening_day(dt.date(2026, 12, 9)) == dt.date(2026, 12, 9)
