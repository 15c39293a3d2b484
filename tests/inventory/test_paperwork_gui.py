"""The paperwork in the window (offscreen, 1366×768): the requisites in the settings, the decision
dialog refusing a counted room's МОЛ, the card's verification tab, verification alerts on the page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from chemcluster_desktop.services import inventory, settings_service
from chemcluster_desktop.services.inventory import decisions
from tests.inventory.helpers import add_room, equipment, type_text

TODAY = dt.date.today()


def test_requisites_in_the_settings(window, qtbot):
    from chemcluster_desktop.ui.dialogs.settings import open_settings

    window.resize(1366, 768)
    dlg = open_settings(window)
    type_text(dlg.fields["college.name"], "ГБПОУ «ДХТ»")
    type_text(dlg.fields["college.kpp"], "5249")
    dlg.accept()  # what «Сохранить» does
    assert dlg.isVisible() and "КПП — 9 знаков" in dlg.errors["college.kpp"].text()
    type_text(dlg.fields["college.kpp"], "01001")
    type_text(dlg.fields["college.okpo"], "02508293")
    type_text(dlg.fields["college.unit"], "Отделение химической технологии")
    dlg.accept()  # what «Сохранить» does
    assert not dlg.isVisible()
    cur = settings_service.current()
    assert (cur["college.kpp"], cur["college.okpo"], cur["college.unit"]) == ("524901001", "02508293",
                                                                              "Отделение химической технологии")


def test_decision_dialog_refuses_the_mol(window, qtbot):
    from chemcluster_desktop.ui.dialogs.stocktaking_decision import DecisionDialog

    lab = add_room("Лаборатория 201", "Кузнецова Е. А.")
    dlg = DecisionDialog(window, room_id=lab)
    qtbot.addWidget(dlg)
    dlg.show()
    type_text(dlg.number, "9-инв")
    dlg.set_member(0, "Зайцева Т. П.", "Заместитель директора", chair=True)
    dlg.set_member(1, "Кузнецова Е. А.", "Лаборант")
    dlg.accept()  # what «Сохранить решение» does
    assert dlg.isVisible() and "материально ответственное лицо" in dlg.errors["members"].text()  # beside the table
    assert decisions.list_decisions() == []
    dlg.set_member(1, "Лаптева М. С.", "Главный бухгалтер")
    dlg.accept()
    assert not dlg.isVisible() and decisions.get_decision(dlg.decision_id)["room_ids"] == [lab]


def test_card_verification_tab(window, qtbot):
    from chemcluster_desktop.ui.dialogs.item_card import ItemCardDialog

    lab = add_room("Лаборатория 205", "Орлов Д. С.")
    iid = equipment("pH-метр", room_id=lab)
    dlg = ItemCardDialog(window, iid)
    qtbot.addWidget(dlg)
    dlg.show()
    up = dlg.upkeep
    dlg.tabs.setCurrentWidget(up)
    up.measuring.setChecked(True)
    dlg.accept()  # what «Сохранить» does
    assert dlg.isVisible() and dlg.tabs.currentWidget() is up and "межповерочный" in dlg.error.text()
    type_text(up.verified_on, (TODAY - dt.timedelta(days=370)).strftime("%d.%m.%Y"))
    up.verification_months.setValue(12)
    type_text(up.certificate, "С-ВЯ/22-11-2025/1")
    assert "истекла" in up.verification_state.text()
    dlg.accept()
    assert not dlg.isVisible()
    card = inventory.get_item(iid)
    assert card["measuring"] and card["verification_months"] == 12 and card["verification_certificate"]


def test_demo_alerts_show_verification(demo_window, qtbot):
    page = demo_window.show_page("inventory")
    page.refresh()
    qtbot.waitUntil(lambda: bool(page.alerts_panel.alerts), timeout=5000)
    kinds = {a.kind for a in inventory.alerts()}
    assert {"verification_overdue", "verification_due"} <= kinds
    over = next(a for a in inventory.alerts() if a.kind == "verification_overdue")
    assert "Истекла поверка" in over.text and over.severity == "bad"
    assert inventory.alert_counts()["verification_overdue"] == 1



def test_surplus_estimate_from_the_stocktaking_window(window, qtbot):
    from chemcluster_desktop.services.inventory import stocktaking as st
    from chemcluster_desktop.ui.dialogs.stocktaking import StocktakingDialog
    from tests.inventory.helpers import decision

    lab = add_room("Лаборатория 207", "Орлов Д. С.")
    equipment("Весы", room_id=lab)
    sid = st.start(lab, decision=decision([lab]))
    line = st.add_unknown(sid, "Штатив без номера")
    dlg = StocktakingDialog(window, stocktaking_id=sid)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.table.setCurrentCell(0, 0)  # the scales: no surplus
    assert not dlg.estimate_selected("100") and "излишка" in dlg.error.text()
    row = next(r for r in range(dlg.table.rowCount()) if dlg.table.item(r, 1).text() == "Штатив без номера")
    dlg.table.setCurrentCell(row, 0)
    assert dlg.estimate_selected("2 350,00")
    assert next(x for x in st.get(sid)["lines"] if x["id"] == line)["estimate"] == Decimal("2350.00")


def test_decision_edited_from_the_stocktaking_window_then_locked_by_posting(window, qtbot):
    """An existing decision opens in the same form from the stock-taking window; the МОЛ is refused as
    on creation (nothing written); once the count's result is posted the form is read-only."""
    from chemcluster_desktop.services.inventory import stocktaking as st
    from chemcluster_desktop.ui.dialogs.stocktaking import StocktakingDialog
    from tests.inventory.helpers import decision

    lab = add_room("Лаборатория 206", "Кузнецова Е. А.")
    equipment("Весы", room_id=lab, inventory_number="ИН-206")
    did = decision([lab], number="21-инв")
    sdlg = StocktakingDialog(window, room_id=lab)
    qtbot.addWidget(sdlg)
    sdlg.show()
    assert sdlg.decision.currentData() == did
    sdlg.edit_decision_btn.click()
    dlg = sdlg.last_decision_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=3000)
    assert dlg.number.text() == "21-инв" and dlg.members.item(0, 0).text() == "Зайцева Т. П."
    version = decisions.get_decision(did)["version"]
    dlg.set_member(1, "Кузнецова Елена Андреевна", "Лаборант")
    dlg.accept()
    assert dlg.isVisible() and "материально ответственное лицо" in dlg.errors["members"].text()
    assert decisions.get_decision(did)["version"] == version  # nothing written
    dlg.set_member(1, "Лаптева М. С.", "Главный бухгалтер")
    dlg.set_member(2, "Смирнов П. Р.", "Инженер")
    dlg.accept()
    assert not dlg.isVisible()
    assert [m["name"] for m in decisions.get_decision(did)["members"]] == ["Зайцева Т. П.", "Лаптева М. С.",
                                                                           "Смирнов П. Р."]
    sdlg.start()
    st.scan(sdlg.st_id, "ИН-206")
    st.close(sdlg.st_id)
    assert "Смирнов П. Р." in st.get(sdlg.st_id)["commission"]
    st.post(sdlg.st_id)
    sdlg.reload()
    sdlg.decision_btn.click()
    locked = sdlg.last_decision_dialog
    qtbot.waitUntil(locked.isVisible, timeout=3000)
    assert not locked.save_btn.isEnabled() and "уже проведены" in locked.error.text()
    assert not locked.members.isEnabled()


def test_dashboard_upkeep_tile_opens_the_due_items(demo_window, qtbot):
    """The dashboard counts the demo's verifications and maintenance due within 30 days and the one
    expired; a click opens the inventory showing exactly those items; ✕ returns to the whole list."""
    from PySide6.QtCore import Qt

    from chemcluster_desktop.services.inventory import upkeep

    expected = upkeep.summary()
    assert expected["overdue"] == 1 and expected["soon"] >= 3
    page = demo_window.show_page("cluster")
    tile = page.dashboard.upkeep
    qtbot.waitUntil(lambda: tile.data.get("ids") == expected["ids"], timeout=5000)
    text = tile.value_label.text()
    assert f">{expected['overdue']}</span>" in text and "просрочено" in text
    assert f">{expected['soon']}</span>" in text and "30 дн." in text
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    inv = demo_window.current_page()
    assert inv.key == "inventory" and inv.due_chip.isVisible() and not inv.room_filter.isVisible()
    qtbot.waitUntil(lambda: inv.model.total() == len(expected["ids"]), timeout=5000)
    shown = {inv.model.row(r)["id"] for r in range(inv.model.rowCount())}
    assert shown == set(expected["ids"])
    assert "Весы лабораторные" in {inv.model.row(r)["name"] for r in range(inv.model.rowCount())}  # the expired one
    inv.due_chip.click()
    assert not inv.due_chip.isVisible() and inv.room_filter.isVisible() and inv.kind_buttons[""].isVisible()
    qtbot.waitUntil(lambda: inv.model.total() > len(expected["ids"]), timeout=5000)


def test_mol_positions_dialog_from_the_inventory_page(window, qtbot):
    from chemcluster_desktop.services.inventory import positions

    add_room("Лаборатория 208", "Кузнецова Е. А.")
    page = window.show_page("inventory")
    page.act_mols.trigger()
    dlg = page.last_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=3000)
    assert [dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount())] == ["Кузнецова Е. А."]
    assert dlg.table.item(0, 2).text() == "Лаборатория 208"
    dlg.set_position("Кузнецова Е. А.", "Я" * 201)
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "длиннее 200" in dlg.errors["position"].text()
    assert positions.position_of(["Кузнецова Е. А."])["Кузнецова Е. А."] == ""  # nothing written
    dlg.set_position("Кузнецова Е. А.", "Заведующий лабораторией")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert positions.position_of(["Кузнецова Е. А."])["Кузнецова Е. А."] == "Заведующий лабораторией"


def test_demo_stocktaking_window_prints_every_form(demo_window, qtbot):
    """On the demo data, from the stock-taking window: the decision (0510439), the list per МОЛ
    (0510466), the discrepancy list (0504092) and the act (0510463) print, each with its code and the
    МОЛ's position beside her name."""
    from PySide6.QtCore import Qt

    from chemcluster_desktop.services.inventory import stocktaking as st
    from chemcluster_desktop.ui import ops
    from tests.inventory.helpers import pdf_text

    page = demo_window.show_page("inventory")
    sid = st.find(f"ИНВ-{TODAY.year}-001")
    dlg = page.open_stocktaking(sid)
    qtbot.waitUntil(dlg.isVisible, timeout=3000)
    assert dlg.decision_btn.isVisible()
    for btn, code in ((dlg.print_decision_btn, "0510439"), (dlg.print_list_btn, "0510466"),
                      (dlg.print_diff_btn, "0504092"), (dlg.print_act_btn, "0510463")):
        qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
        assert ops.wait_all()
        flat = " ".join(pdf_text(page.last_preview.pdf_path)[0].split())
        assert code in flat and "Заведующий лабораторией аналитической химии Кузнецова Е. А." in flat, code
        page.last_preview.close()
    dlg.accept()
