"""pytest-qt drives the accreditation page over a real migrated database."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.ui import ops
from tests.accreditation import helpers as h


def _type(qtbot, widget, text: str) -> None:
    """QTest synthesises ASCII keys only: Cyrillic text is inserted as an input method would."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def _page(window):
    page = window.show_page("accreditation")
    page.refresh()
    return page


def _rows(page) -> list[dict]:
    return page.model.loaded_rows()


def _select(page, qtbot, name: str) -> dict:
    for r, row in enumerate(_rows(page)):
        if row["name"] == name:
            qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                             pos=page.table.visualRect(page.model.index(r, 1)).center())
            return row
    raise AssertionError(name)


def test_filter_by_zone_and_status(window, qtbot, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    acc.match(wid)
    page = _page(window)
    assert page.workshop_id == wid and len(_rows(page)) == 8
    assert page.fig_cover.text().startswith("Покрытие")
    page.zone_filter.setCurrentIndex(page.zone_filter.findData("expert"))
    assert {r["zone"] for r in _rows(page)} == {"expert"} and len(_rows(page)) == 2
    page.zone_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("missing"))
    assert _rows(page) and all(r["status"] == "missing" for r in _rows(page))
    page.status_filter.setCurrentIndex(page.status_filter.findData("partial"))
    assert [r["name"] for r in _rows(page)] == ["Огнетушитель"]
    page.status_filter.setCurrentIndex(0)
    _type(qtbot, page.search, "колба")
    qtbot.waitUntil(lambda: len(_rows(page)) == 1)
    assert _rows(page)[0]["name"] == "Колба коническая 100 мл"
    # the chart shows the zones
    assert sum(page.chart.values["met"]) + sum(page.chart.values["partial"]) + sum(page.chart.values["missing"]) == 8


def test_confirm_a_proposed_match(window, qtbot, tmp_path):
    items = [("Стол", "furniture", 1), ("Стол для весов антивибрационный", "furniture", 1)]
    wid = h.workshop_with_items(workplaces=1, tmp=tmp_path, items=items)
    page = _page(window)
    page.on_match()
    assert ops.wait_all(10000)
    preview = page._dialog  # the match is previewed first
    assert preview.objectName() == "MatchPreviewDialog" and preview.cancel_btn.isDefault()
    qtbot.mouseClick(preview.confirm_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all(10000)
    page._info_box.close()
    page.status_filter.setCurrentIndex(page.status_filter.findData("proposals"))
    assert [r["name"] for r in _rows(page)] == ["Стол"]
    _select(page, qtbot, "Стол")
    d = page.details
    assert d.row is not None and d.row["name"] == "Стол"
    prop = next(lk for lk in d._links if lk.state == "proposed")
    assert d.select_link(prop.id)
    assert d.confirm_btn.isEnabled()
    qtbot.mouseClick(d.confirm_btn, Qt.MouseButton.LeftButton)
    stol = next(r for r in acc.checklist(wid) if r["name"] == "Стол")
    assert stol["status"] == "met" and stol["available"] == 2
    assert {lk.state for lk in acc.links(stol["id"])} == {"auto", "confirmed"}
    assert "Выполнено" in d.badge.text()


def test_reject_and_link_by_hand(window, qtbot, tmp_path):
    items = [("Плитка нагревательная лабораторная", "equipment", 1), ("Плита кухонная", "equipment", 1)]
    wid = h.workshop_with_items(workplaces=1, tmp=tmp_path, items=items)
    acc.match(wid)
    page = _page(window)
    _select(page, qtbot, "Плитка нагревательная")
    d = page.details
    auto = next(lk for lk in d._links if lk.state == "auto")
    d.select_link(auto.id)
    qtbot.mouseClick(d.reject_btn, Qt.MouseButton.LeftButton)
    assert d.row["status"] == "missing"
    dlg = d.add_link()
    _type(qtbot, dlg.search, "кухонная")
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 1)
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert d.row["status"] == "met"
    assert [lk.item_name for lk in d._links if lk.state == "confirmed"] == ["Плита кухонная"]


def test_override_needs_evidence_and_a_loan_gives_it(window, qtbot, tmp_path):
    wid = h.workshop_with_items(workplaces=2, tmp=tmp_path)
    page = _page(window)
    _select(page, qtbot, "Аптечка" if any(r["name"] == "Аптечка" for r in _rows(page)) else "Шкаф вытяжной")
    d = page.details
    name, req = d.row["name"], d.row["required"]
    d.override.setCurrentIndex(d.override.findData("met"))
    assert d.override_error.isVisible()  # told at once that a comment is needed
    qtbot.mouseClick(d.override_btn, Qt.MouseButton.LeftButton)
    assert "обоснование" in d.override_error.text().lower() or "комментари" in d.override_error.text().lower()
    _type(qtbot, d.override_comment, "Шкаф передан партнёром, акт № 12 от 20.11.2026")
    assert not d.override_error.isVisible()
    qtbot.mouseClick(d.override_btn, Qt.MouseButton.LeftButton)
    # no items, no loan: «Выполнено» by hand is refused in the panel, nothing written
    assert "нельзя поставить вручную" in d.override_error.text() and d.override_error.isVisible()
    row = next(r for r in acc.checklist(wid) if r["name"] == name)
    assert row["status"] == "missing" and row["status_override"] is None
    # a loan without its document number is refused in the dialog, which stays open
    dlg = d.add_loan()
    _type(qtbot, dlg.partner, "АО «Синтез»")
    _type(qtbot, dlg.date, "20.11.2026")
    _type(qtbot, dlg.valid_until, "30.06.2027")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "номер договора" in dlg.errors["document_number"].text().lower()
    assert acc.loans(row["id"]) == []
    _type(qtbot, dlg.number, "12/26-БП")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    [loan] = acc.loans(row["id"])
    assert loan.quantity == req and loan.document_number == "12/26-БП"
    assert d.row["status"] == "met" and d.loans.rowCount() == 1 and "12/26-БП" in d.loans.item(0, 0).text()
    d.override.setCurrentIndex(d.override.findData("met"))  # now the evidence supports it
    _type(qtbot, d.override_comment, "Шкаф партнёра по договору 12/26-БП")
    qtbot.mouseClick(d.override_btn, Qt.MouseButton.LeftButton)
    row = next(r for r in acc.checklist(wid) if r["name"] == name)
    assert row["status"] == "met" and row["status_override"] == "met"
    assert "(вручную)" in d.badge.text()  # the manual mark in words (✎ is not in every Windows font)
    # the loan is cancelled: the manual «Выполнено» stays, marked, and stops counting
    acc.delete_loan(loan.id)
    page.refresh()
    d.show_line(row["id"])
    assert d.badge.text().startswith("Не выполнено") and d.manual_note.isVisible()
    assert "вручную, без подтверждения" in d.manual_note.text()
    page.status_filter.setCurrentIndex(page.status_filter.findData("unconfirmed"))
    assert [r["name"] for r in _rows(page)] == [name]
    assert _rows(page)[0]["status_badge"] == "missing_unconfirmed"


def test_viewer_sees_but_cannot_change(window, qtbot, tmp_path):
    from chemcluster_desktop.services import context

    h.workshop_with_items(tmp=tmp_path)
    context.set_actor(context.Actor("viewer", "viewer"))
    page = _page(window)
    page.on_role_changed()
    page.table.selectRow(0)
    assert not page.act_match.isVisible() and not page.ws_new.isVisible()
    assert not page.details.override_btn.isEnabled() and not page.details.add_btn.isEnabled()


def test_new_workshop_dialog_and_import(window, qtbot, tmp_path):
    from chemcluster_desktop.services.context import uow
    from chemcluster_desktop.storage.core import Room

    with uow() as s:
        s.add(Room(name="Ауд. 305", kind="workshop"))
    page = _page(window)
    assert page.table.model().rowCount() == 0 and page.empty_label.isVisible()
    imp = page.on_import()
    imp.file.setText(str(h.shape_columns(tmp_path / "oos.xlsx")))
    imp.competency.setEditText("Охрана окружающей среды")
    imp.run(dry_run=True)
    assert ops.wait_all(10000)
    assert "Ничего не записано" in imp.summary.text() and imp.errors.rowCount() == 2
    assert acc.competencies() == []
    qtbot.mouseClick(imp.import_btn, Qt.MouseButton.LeftButton)
    assert ops.wait_all(10000)
    assert "Импортировано 4" in imp.summary.text()
    imp.close()
    dlg = page.on_new()
    save = dlg.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and dlg.errors["name"].isVisible()
    _type(qtbot, dlg.name, "Мастерская ООС")
    dlg.competency.setCurrentIndex(dlg.competency.findText("Охрана окружающей среды"))
    assert dlg.list_combo.currentData() is not None
    room_ids = [rid for rid, name in acc.rooms() if name == "Ауд. 305"]
    dlg.set_rooms(room_ids)
    dlg.workplaces.setValue(6)
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dlg.saved_id is not None
    assert acc.status("Мастерская ООС")["lines"] == 4
    assert page.workshop_id == dlg.saved_id and len(_rows(page)) == 4
    dlg2 = page.on_edit_workshop()
    dlg2.choose_plan(str(tmp_path / "missing.png"))
    assert dlg2.errors["photo"].isVisible()
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"not an image at all")
    dlg2.choose_plan(str(bad))
    assert "не является изображением" in dlg2.errors["photo"].text()
    dlg2.reject()


def test_needs_and_packet_preview(window, qtbot, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    acc.match(wid)
    page = _page(window)
    dlg = page.on_needs()
    assert dlg.objectName() == "NeedsPreviewDialog" and dlg.checked_keys()
    qtbot.mouseClick(dlg.confirm_btn, Qt.MouseButton.LeftButton)
    assert "Создано потребностей" in page._info_box.text()
    page._info_box.close()
    page.on_print()
    assert ops.wait_all(20000)
    assert page._preview is not None and page._preview.doc.pageCount() >= 3
    page._preview.close()


def test_workshop_photos_in_the_card(window, qtbot, tmp_path):
    wid = h.workshop_with_items(tmp=tmp_path)
    page = _page(window)
    dlg = page.on_edit_workshop()
    good = tmp_path / "vid.jpg"
    good.write_bytes(h.jpeg(120, 90))
    dlg.add_photo(str(good))
    assert dlg.photos.count() == 1 and acc.evidence(wid)[0].caption == "vid"
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"\xff\xd8\xff" + b"\0" * 50)
    dlg.add_photo(str(bad))
    assert dlg.errors["photos"].isVisible() and dlg.photos.count() == 1
    dlg.photos.setCurrentRow(0)
    dlg.delete_photo()
    assert acc.evidence(wid) == []
    dlg.reject()


def test_export_checklist_from_the_page(window, qtbot, tmp_path):
    h.workshop_with_items(tmp=tmp_path)
    page = _page(window)
    page.on_export(str(tmp_path / "out"))
    assert ops.wait_all(10000)
    assert page.last_export.endswith("out.xlsx") and (tmp_path / "out.xlsx").stat().st_size > 0


def test_workshop_card_saves_changes_and_date(window, qtbot, tmp_path):
    import datetime as dt

    from PySide6.QtCore import QDate

    wid = h.workshop_with_items(tmp=tmp_path)
    page = _page(window)
    dlg = page.on_edit_workshop()
    dlg.workplaces.setValue(5)
    dlg.has_date.setChecked(True)
    dlg.date.setDate(QDate(2027, 5, 14))
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    info = acc.workshop(wid)
    assert dlg.saved_id == wid and info.workplaces == 5 and info.accreditation_date == dt.date(2027, 5, 14)
    assert info.room_names == "Ауд. Мастерская ЛХА" and info.competency == "Лабораторный химический анализ"
    assert acc.status(wid)["workplaces"] == 5


def test_lists_editor_adds_and_changes_a_line(window, qtbot, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    before = len(acc.checklist(wid))
    page = _page(window)
    ed = page.on_lists()
    lid = ed.current_list()
    assert lid == acc.workshop(wid).list_id
    dlg = ed.add_line()
    _type(qtbot, dlg.name, "Штатив лабораторный")
    dlg.quantity.setText("2")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    lines = acc.list_lines(lid)
    new = next(ln for ln in lines if ln.name == "Штатив лабораторный")
    assert new.quantity == 2 and new.per_workplace and ed.table.rowCount() == len(lines)
    row = next(r for r in acc.checklist(wid) if r["name"] == "Штатив лабораторный")
    assert len(acc.checklist(wid)) == before + 1 and row["required"] == 6
    ed.table.selectRow(lines.index(new))
    dlg2 = ed.edit_line()
    dlg2.quantity.setText("1")
    dlg2.per.setChecked(False)
    qtbot.mouseClick(dlg2.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    row = next(r for r in acc.checklist(wid) if r["name"] == "Штатив лабораторный")
    assert row["required"] == 1 and not row["per_workplace"]
    ed.close()


def test_commission_and_kod_from_the_workshop_dialog(window, qtbot, tmp_path):
    from chemcluster_desktop.ui.dialogs.workshop_dialog import WorkshopDialog

    wid = h.workshop_with_items(tmp=tmp_path)
    year = acc.workshop(wid).list_year
    wd = WorkshopDialog(window, workshop_id=wid)
    qtbot.addWidget(wd)
    dlg = wd.open_commission()
    _type(qtbot, dlg.kod, f"18.02.12-1-{year + 1}")
    _type(qtbot, dlg.order, "214-ОД")
    _type(qtbot, dlg.order_date, "10.11.2026")
    for r, (name, title) in enumerate([("Смирнова Е. П.", "заместитель директора"), ("Ковалёв И. Н.", "эксперт"),
                                       ("Белова А. С.", "преподаватель")]):
        dlg.members.item(r, 1).setText(name)
        dlg.members.item(r, 2).setText(title)
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    # the КОД's year is not the list's: refused, named, nothing written
    assert dlg.isVisible() and "года" in dlg.errors["kod_code"].text() and acc.commission(wid)["order"] == ""
    dlg.kod.setText(f"18.02.12-1-{year}")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    com = acc.commission(wid)
    assert com["kod_code"] == f"18.02.12-1-{year}" and com["order"] == "214-ОД"
    assert [(m["role"], m["full_name"], m["job_title"]) for m in com["members"]] == [
        ("chair", "Смирнова Е. П.", "заместитель директора"), ("member", "Ковалёв И. Н.", "эксперт"),
        ("member", "Белова А. С.", "преподаватель")]
