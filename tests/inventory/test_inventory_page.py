"""A lab manager's day on the real inventory page over a real migrated database (pytest-qt)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTableWidgetItem

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import ops
from tests.inventory.helpers import add_room, make_xlsx, pdf_text, type_text, ugly_rows


def _page(window):
    return window.show_page("inventory")  # the rooms added before it opened are in its filter


def _focus(qtbot, page):
    win = page.window()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    page.table.setFocus()


def _new_card(qtbot, page, kind: str):
    page.set_kind(kind)
    _focus(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = page.last_dialog
    assert dlg is not None and dlg.isVisible() and dlg.kind.currentData() == kind
    return dlg


def _select(page, item_id):
    assert page.show_item(item_id)


def _rows(**filters):
    return {r["name"]: r for r in inventory.list_items(ListQuery(filters=filters, limit=500))}


def test_lab_manager_day(window, qtbot, tmp_path):
    lab = add_room("Лаборатория аналитической химии (ауд. 201)", "Кузнецова Е. А.")
    shop = add_room("Мастерская «Лабораторный химический анализ» (ауд. 210)", "Орлов Д. С.")
    page = _page(window)
    assert page.empty_label.isVisible()

    # 1. equipment through the card, typed field by field; Enter saves
    dlg = _new_card(qtbot, page, "equipment")
    type_text(dlg.name, "Весы аналитические")
    type_text(dlg.model_, "ВЛ-220М")
    type_text(dlg.serial, "1187")
    type_text(dlg.cost, "96 800,00")
    type_text(dlg.commissioned, "01.03.2099")
    assert dlg.commissioned_err.isVisible() and not dlg.save_btn.isEnabled()  # future date
    dlg.commissioned.clear()
    type_text(dlg.commissioned, "01.03.2022")
    dlg.room.setCurrentIndex(dlg.room.findData(lab))
    assert dlg.responsible.text() == "Кузнецова Е. А."
    qtbot.keyClick(dlg.name, Qt.Key.Key_Return)
    assert dlg.result() == QDialog.DialogCode.Accepted
    scale = dlg.saved_id
    d = inventory.get_item(scale)
    assert d["cost"] == Decimal("96800.00") and d["inventory_number"].startswith("ХП-")
    qtbot.waitUntil(lambda: page.current_id() == scale)

    # 2. furniture
    dlg = _new_card(qtbot, page, "furniture")
    type_text(dlg.name, "Стол лабораторный островной")
    dlg.room.setCurrentIndex(dlg.room.findData(lab))
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    table = dlg.saved_id
    assert table

    # 3. a consumable with a minimum; a bad quantity is flagged as you type
    dlg = _new_card(qtbot, page, "consumable")
    type_text(dlg.name, "Перчатки нитриловые")
    dlg.quantity.clear()
    type_text(dlg.quantity, "-5")
    assert dlg.quantity_err.isVisible() and not dlg.save_btn.isEnabled()
    dlg.quantity.clear()
    type_text(dlg.quantity, "120")
    dlg.unit.setCurrentText("пар")
    type_text(dlg.min_quantity, "100")
    dlg.room.setCurrentIndex(dlg.room.findData(lab))
    qtbot.keyClick(dlg.name, Qt.Key.Key_Return)
    gloves = dlg.saved_id
    assert inventory.get_item(gloves)["quantity"] == 120

    # 4. a reagent: invalid CAS refused as you type, then a container
    dlg = _new_card(qtbot, page, "reagent")
    type_text(dlg.name, "Кислота соляная, х.ч.")
    dlg.tabs.setCurrentWidget(dlg.reagent_tab)
    type_text(dlg.cas, "7647-01-1")
    assert dlg.cas_err.isVisible() and not dlg.save_btn.isEnabled()
    dlg.cas.clear()
    type_text(dlg.cas, "7647-01-0")
    assert not dlg.cas_err.isVisible()
    dlg.group.setCurrentIndex(dlg.group.findData("acids"))
    dlg.ghs["GHS05"].setChecked(True)
    type_text(dlg.h, "H290, H314")
    dlg.room.setCurrentIndex(dlg.room.findData(lab))
    r = dlg.add_container_row()
    for col, text in enumerate(["2,5", "л", "123-25", "ООО «ХимРеактивСнаб»", "01.02.2026", "", "01.02.2027",
                                "Шкаф для кислот"]):
        dlg.containers.setItem(r, col, QTableWidgetItem(text))
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    acid = dlg.saved_id
    assert acid, dlg.error.text()
    assert inventory.get_item(acid)["quantity"] == Decimal("2.5")

    # the card of an existing item shows its history
    _select(page, scale)
    _focus(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    card = page.last_dialog
    assert card.item_id == scale and card.history.rowCount() == 1
    card.reject()

    # 5. transfer the scales to the workshop (Ctrl+M)
    page.set_kind("")
    _select(page, scale)
    _focus(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    mv = page.last_dialog
    assert mv.kind.currentData() == "transfer" and not mv.ok_btn.isEnabled()
    mv.room.setCurrentIndex(mv.room.findData(shop))
    assert mv.print_after.isChecked() and "0504102" in mv.print_after.text()
    qtbot.mouseClick(mv.ok_btn, Qt.MouseButton.LeftButton)
    assert inventory.get_item(scale)["room_id"] == shop
    assert ops.wait_all()  # «Печать»: the transfer note, ф. 0504102, opens in the preview
    text, _pages = pdf_text(page.last_preview.pdf_path)
    assert "0504102" in text and "НАКЛАДНАЯ НА ВНУТРЕННЕЕ ПЕРЕМЕЩЕНИЕ" in text
    page.last_preview.close()

    # 6. issue 30 pairs of gloves; more than in stock is refused, nothing written
    _select(page, gloves)
    mv = page.open_movement("issue")
    type_text(mv.person, "Орлов Д. С.")
    mv.table.item(0, 4).setText("500")
    qtbot.mouseClick(mv.ok_btn, Qt.MouseButton.LeftButton)
    assert mv.isVisible() and "в наличии только 120" in mv.errors["lines"].text()
    mv.table.item(0, 4).setText("30")
    mv.print_after.setChecked(False)  # no form this time
    qtbot.mouseClick(mv.ok_btn, Qt.MouseButton.LeftButton)
    assert not mv.isVisible()
    assert inventory.get_item(gloves)["quantity"] == 90
    assert any(a.kind == "low_stock" for a in inventory.alerts())
    page.refresh()
    qtbot.waitUntil(lambda: page.alerts_panel.list.count() >= 1, timeout=5000)  # the panel loads after the list

    # 7. write off the table with a reason: it leaves the list, keeps its history
    _select(page, table)
    mv = page.open_movement("write_off")
    assert not mv.ok_btn.isEnabled()
    type_text(mv.reason, "Сломан, акт № 14")
    qtbot.mouseClick(mv.ok_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.find_row(table) < 0)
    assert inventory.get_item(table)["status"] == "written_off"
    assert ops.wait_all()  # furniture is household inventory: its act is ф. 0504143
    text, _pages = pdf_text(page.last_preview.pdf_path)
    assert "0504143" in text and "Сломан, акт № 14" in " ".join(text.split())
    page.last_preview.close()

    # 8. stock-take the laboratory with a scanner typing numbers and Enter
    page.set_room(lab)
    st = page.open_stocktaking()
    st.room.setCurrentIndex(st.room.findData(lab))
    qtbot.mouseClick(st.start_btn, Qt.MouseButton.LeftButton)
    assert st.st_id is None and "решению" in st.error.text()  # no count without a decision (ф. 0510439)
    qtbot.mouseClick(st.new_decision_btn, Qt.MouseButton.LeftButton)
    dec = st.last_decision_dialog
    type_text(dec.number, "15-инв")
    dec.set_member(0, "Смирнова О. В.", "Заместитель директора")
    dec.set_member(1, "Орлов Д. С.", "Заведующий лабораторией")
    dec.accept()  # what «Сохранить решение» does
    assert dec.isVisible() and "председател" in dec.errors["members"].text()  # refused beside the commission
    dec.set_member(0, "Смирнова О. В.", "Заместитель директора", chair=True)
    dec.accept()
    assert not dec.isVisible() and st.decision.currentData() == dec.decision_id
    qtbot.mouseClick(st.start_btn, Qt.MouseButton.LeftButton)
    assert st.st_id is not None and st.table.rowCount() == 2  # gloves and acid (scales moved, table written off)
    scale_no = inventory.get_item(scale)["inventory_number"]
    type_text(st.scan_field, scale_no)
    qtbot.keyClick(st.scan_field, Qt.Key.Key_Return)
    assert st.isVisible() and "числится в помещении" in st.scan_result.text()
    type_text(st.unknown, "Штатив без номера")
    qtbot.keyClick(st.unknown, Qt.Key.Key_Return)
    res = st.finish(confirm=False)
    assert res is not None and len(res.shortages) == 2 and len(res.surpluses) == 2
    assert st_service.get(st.st_id)["status"] == "closed"
    qtbot.mouseClick(st.print_diff_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all()
    text, _pages = pdf_text(page.last_preview.pdf_path)
    assert "Штатив без номера" in text and "Недостача" in text
    page.last_preview.close()
    st.accept()

    # 9. print the list and the labels
    page.set_room(None)
    _focus(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert ops.wait_all()
    text, pages = pdf_text(page.last_preview.pdf_path)
    assert "Весы аналитические" in text and "Перчатки нитриловые" in text and pages >= 1
    assert "Стол лабораторный островной" not in text  # written off
    page.last_preview.close()
    page.search.clear()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    page.table.selectAll()
    assert len(page.selected_ids()) == 3, (page.model.total(), page.model.query, page.current_filters())
    page.print_labels()
    assert ops.wait_all()
    text, pages = pdf_text(page.last_preview.pdf_path)
    assert scale_no in text and pages == 1
    page.last_preview.close()

    # 10. a scanned label in the search field finds and selects the item
    page.set_kind("consumable")
    page.search.setFocus()
    type_text(page.search, f"{scale_no} Весы аналитические")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.current_id() == scale

    # 11. Delete asks, naming the record; «No» keeps it
    def answer_no():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            assert "Кислота соляная" in box.text()
            box.button(QMessageBox.StandardButton.No).click()

    _select(page, acid)
    _focus(qtbot, page)
    QTimer.singleShot(50, answer_no)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert inventory.get_item(acid)["name"] == "Кислота соляная, х.ч."


def test_excel_import_and_export_from_the_page(window, qtbot, tmp_path):
    page = _page(window)
    path = make_xlsx(tmp_path / "ugly.xlsx", ugly_rows())
    page.import_file(str(path))
    assert ops.wait_all()
    dlg = page.last_dialog
    assert dlg.err_table.rowCount() == 5 and dlg.err_table.item(0, 0).text() == "8"
    assert "Лаборатория 5" in dlg.info.text()
    assert dlg.ok_btn.isEnabled() and "3" in dlg.ok_btn.text()
    qtbot.mouseClick(dlg.ok_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all()
    qtbot.waitUntil(lambda: page.last_report is not None)
    assert page.last_report.imported == 3
    page.last_message.close()
    qtbot.waitUntil(lambda: page.model.total() == 3)
    out = tmp_path / "out.xlsx"
    page.export_to(str(out))
    assert ops.wait_all()
    from openpyxl import load_workbook

    assert load_workbook(out).active.max_row == 4


def test_viewer_sees_no_write_actions(window, qtbot, as_role):
    page = _page(window)
    with as_role("viewer"):
        page.on_role_changed()
        assert not page.actions_by_name["new"].isVisible()
        assert not page.move_btn.isVisible()
    page.on_role_changed()


def test_demo_page_shows_alerts(demo_window, qtbot):
    page = demo_window.show_page("inventory")
    page.refresh()
    assert page.model.total() > 300
    kinds = {a.kind for a in page.alerts_panel.alerts}
    assert {"low_stock", "expired", "expiring", "incompatible"} <= kinds
    page.set_kind("reagent")
    assert 0 < page.model.total() < 60
    first = page.alerts_panel.alerts[0]
    page.alerts_panel.item_activated.emit(first.item_id)
    assert page.current_id() == first.item_id


def test_alerts_panel_loads_after_the_list_and_shows_the_first_ones(demo_window, qtbot, monkeypatch):
    from chemcluster_desktop.ui.widgets import inventory_alerts

    monkeypatch.setattr(inventory_alerts, "SHOWN", 3)
    page = demo_window.show_page("inventory")
    panel = page.alerts_panel
    page.refresh()
    assert panel._pending is not None  # the list first; the alerts when the event loop is back
    qtbot.waitUntil(lambda: panel._pending is None)
    counts = inventory.alert_counts()
    total = sum(counts.values())
    assert total > 3 and panel.total == total
    assert f"({total})" in panel.title.text()
    assert [a.text for a in panel.alerts] == [a.text for a in inventory.alerts(limit=3)]
    assert panel.list.count() == 4
    more = panel.list.item(3)
    assert more.text() == f"… и ещё {total - 3}"
    panel.list.itemClicked.emit(more)
    qtbot.waitUntil(lambda: panel.list.count() == total)
    assert panel.show_all and len(panel.alerts) == total
    # another room: the first ones again, counted for that room
    room = next(r["id"] for r in inventory.rooms_with_items() if inventory.alert_counts(r["id"]))
    page.set_room(room)
    qtbot.waitUntil(lambda: panel.room_id == room)
    assert not panel.show_all and panel.total == sum(inventory.alert_counts(room).values())
    assert len(panel.alerts) == min(3, panel.total)


def test_post_stocktaking_results_from_the_window(window, qtbot):
    """A closed stock-taking: reopen it from the stock-taking action, review the proposed documents,
    untick the missing cabinet, post; the list of the room changes at once."""
    from tests.inventory.helpers import consumable, equipment

    lab, other = add_room("Лаборатория 201"), add_room("Лаборатория 203", "Орлов Д. С.")
    cabinet = equipment("Шкаф вытяжной", room_id=lab, inventory_number="ИН-2")
    scales = equipment("Весы", room_id=lab, inventory_number="ИН-1")
    centrifuge = equipment("Центрифуга", room_id=other, inventory_number="ИН-3")
    gloves = consumable(qty="100", room_id=lab)
    from tests.inventory.helpers import decision

    sid = st_service.start(lab, decision=decision([lab]))
    st_service.scan(sid, "ИН-1")
    st_service.scan(sid, "ИН-3")
    line = next(ln["id"] for ln in st_service.get(sid)["lines"] if ln["item_id"] == gloves)
    st_service.set_found(sid, line, "90")
    st_service.close(sid)
    page = _page(window)
    page.set_room(lab)
    qtbot.waitUntil(lambda: page.model.find_row(scales) >= 0)
    assert page.model.find_row(centrifuge) < 0

    dlg = page.open_stocktaking()
    assert dlg.open_closed_btn.isVisible() and st_service.get(sid)["number"] in dlg.open_closed_btn.text()
    qtbot.mouseClick(dlg.open_closed_btn, Qt.MouseButton.LeftButton)
    assert dlg.st_id == sid and dlg.post_btn.isVisible() and not dlg.close_st_btn.isVisible()
    qtbot.mouseClick(dlg.post_btn, Qt.MouseButton.LeftButton)
    rev = dlg.last_post_dialog
    assert rev is not None and rev.isVisible() and rev.table.rowCount() == 3
    assert rev.reason.text().startswith("Недостача по инвентаризации №")
    texts = {rev.table.item(r, 2).text(): rev.table.item(r, 0).text() for r in range(3)}
    assert texts == {"Шкаф вытяжной": "Списание", "Перчатки нитриловые": "Списание", "Центрифуга": "Перемещение"}
    row = next(r for r in range(3) if rev.table.item(r, 2).text() == "Шкаф вытяжной")
    rev.table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)  # the cabinet stays as it is
    assert "Будет проведено строк: 2" in rev.summary.text()
    rev.reason.clear()
    assert not rev.post_btn.isEnabled() and "причину" in rev.error.text()
    type_text(rev.reason, "Акт инвентаризации № 7")
    qtbot.mouseClick(rev.post_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not rev.isVisible())
    assert "Результаты проведены" in dlg.scan_result.text() and not dlg.post_btn.isVisible()
    # the room's list refreshed by itself: the centrifuge moved in, 10 pairs of gloves written off
    qtbot.waitUntil(lambda: page.model.find_row(centrifuge) >= 0)
    assert page.model.row(page.model.find_row(gloves))["quantity"] == Decimal(90)
    assert page.model.find_row(cabinet) >= 0
    assert st_service.get(sid)["status"] == "posted"
    wo = next(m for m in inventory.list_movements() if m["kind"] == "write_off")
    assert wo["reason"] == "Акт инвентаризации № 7"
    dlg.accept()


def test_room_filter_reads_the_rooms_when_first_needed(window, qtbot):
    """The room filter shows «Все помещения» at once and reads the rooms when a person opens it, scrolls or
    types on it, or a room is chosen from elsewhere (the dashboard, a card); a room added or renamed later is
    there the next time it is opened, and a chosen room stays chosen."""
    from chemcluster_desktop.services import locations

    lab = add_room("Лаборатория аналитической химии (ауд. 201)")
    shop = add_room("Мастерская «Лабораторный химический анализ» (ауд. 210)")
    page = _page(window)
    box = page.room_filter
    assert not box.is_loaded() and box.count() == 1 and box.currentText() == "Все помещения"
    width = box.sizeHint().width()

    box.showPopup()  # a person opens the list
    assert box.is_loaded()
    assert [box.itemText(i) for i in range(box.count())] == [
        "Все помещения", *[r["name"] for r in inventory.rooms()]]
    box.hidePopup()
    assert box.sizeHint().width() == width  # nothing in the bar moves when the rooms arrive
    box.setCurrentIndex(box.findData(shop))
    assert page.model.query.filters.get("room_id") == shop

    # a room added elsewhere: read again at once (the list was read), the chosen room kept
    locations.create_room("Склад реактивов (ауд. 105)")
    qtbot.waitUntil(lambda: box.findText("Склад реактивов (ауд. 105)") >= 0)
    assert box.currentData() == shop and page.model.query.filters.get("room_id") == shop

    # a new page: the keyboard reads them too (Down chooses the first room)
    window.rebuild_pages()
    page = window.show_page("inventory")
    box = page.room_filter
    assert not box.is_loaded()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.is_loaded() and box.currentIndex() == 1
    assert page.model.query.filters.get("room_id") == box.itemData(1)

    # chosen from elsewhere before it was ever opened
    window.rebuild_pages()
    page = window.show_page("inventory")
    page.set_room(lab)
    assert page.room_filter.currentData() == lab and page.model.query.filters.get("room_id") == lab
    page.set_room(None)
    assert page.room_filter.currentIndex() == 0 and "room_id" not in page.model.query.filters
