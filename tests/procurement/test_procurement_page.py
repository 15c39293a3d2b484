"""pytest-qt drives the real procurement page over a real migrated database: typing prices into the
offers table, and walking the status road by clicking only the steps it offers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.procurement import rules
from tests.procurement.helpers import add_offers, make_gap, make_sources, make_suppliers


@pytest.fixture
def page(window, qtbot):
    gap = make_gap()
    src = make_sources()
    sup = make_suppliers(3)
    p = window.show_page("procurement")
    p.fixture = {"gap": gap, "src": src, "sup": sup}
    return p


def _type(qtbot, widget, text: str) -> None:
    """Type into a line edit: QTest can only synthesise ASCII keys, so Cyrillic text is inserted the
    way an input method would (textChanged/textEdited fire as for typing)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def _type_in_cell(qtbot, table, row: int, col: int, text: str) -> None:
    item = table.item(row, col)
    table.setCurrentCell(row, col)
    table.editItem(item)
    editor = table.indexWidget(table.model().index(row, col))  # the editor the view opened for this cell
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    _type(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(table.model().index(row, col)) is None, timeout=2000)
    qtbot.wait(50)  # the row is saved once the editor has closed (a queued call)


def test_offers_table_typing_prices_gives_the_nmck(page, qtbot):
    nid = P.need_from_checklist_line(page.fixture["gap"]["checklist_line_id"])
    page.show_tab("needs")
    page.refresh()
    assert page.select_id(nid)
    assert page.tab("needs").need is not None and page.tab("needs").need.id == nid
    for price in ("152 000,00", "148500", "155300,00"):
        qtbot.mouseClick(page.tab("needs").add_offer_btn, Qt.MouseButton.LeftButton)
        r = page.tab("needs").offers.rowCount() - 1
        _type_in_cell(qtbot, page.tab("needs").offers, r, 2, price)
    offers = P.get_need(nid).offers
    assert sorted(o.unit_price for o in offers) == [Decimal("148500.00"), Decimal("152000.00"), Decimal("155300.00")]
    assert len({o.supplier_id for o in offers}) == 3  # each new row took the next supplier
    assert page.tab("needs").nmck_labels["nmck"].text().replace("\u00a0", " ") == "455 800,00 ₽"
    assert page.tab("needs").nmck_labels["cv"].text() == "2,24 %"
    assert "однородны" in page.tab("needs").nmck_verdict.text()
    # the list shows the НМЦК too
    row = page.tab("needs").model.loaded_rows()[page.tab("needs").model.find_row(nid)]
    assert row["nmck"] == Decimal("455800.00") and row["offers"] == 3

    # a wrong price: the message beside the table, nothing saved
    r = 0
    _type_in_cell(qtbot, page.tab("needs").offers, r, 2, "-5")
    assert page.tab("needs").offer_error.isVisible() and "больше нуля" in page.tab("needs").offer_error.text()
    _type_in_cell(qtbot, page.tab("needs").offers, r, 2, "дорого")
    assert "не распознана" in page.tab("needs").offer_error.text()
    assert sorted(o.unit_price for o in P.get_need(nid).offers)[0] == Decimal("148500.00")

    # a price that pulls the set apart: V > 33 %, refused with the offer named
    _type_in_cell(qtbot, page.tab("needs").offers, page.tab("needs").offers.rowCount() - 1, 2, "455300")
    assert "33 %" in page.tab("needs").nmck_verdict.text() and "455" in page.tab("needs").nmck_verdict.text()
    assert page.tab("needs").nmck_labels["nmck"].text() == "—"
    assert P.nmck(nid)["valid"] is False


def _click_step(qtbot, page, status: str):
    btn = page.tab("plan").step_buttons.get(status)
    assert btn is not None and btn.isVisible() and btn.isEnabled(), status
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
    return page.active_dialog


def _offered(page) -> set[str]:
    return {s for s, b in page.tab("plan").step_buttons.items() if b.isVisible()}


def test_status_road_offers_only_allowed_steps(page, qtbot):
    f = page.fixture
    nid = P.create_need({"name": "Весы аналитические", "quantity": 2, "room_id": f["gap"]["room_id"]})
    add_offers(nid, f["sup"], ["152000.00", "148500.00", "155300.00"])
    lid = P.create_plan_line({"title": "Поставка весов", "need_ids": [nid],
                              "funding_source_id": f["src"]["federal"]})
    page.show_tab("plan")
    page.refresh()
    assert page.select_id(lid)
    assert _offered(page) == {"price_justified", "cancelled"}

    for step in ("price_justified", "notice_published", "supplier_chosen"):
        dlg = _click_step(qtbot, page, step)
        assert dlg.objectName() == "StepDialog"
        if step == "notice_published":
            qtbot.keyClicks(dlg.note, "0332300001226000099")
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
        assert P.get_plan_line(lid).status == step
    assert _offered(page) == {"contract_signed", "failed", "cancelled"}
    assert P.get_plan_line(lid).notice_number == "0332300001226000099"

    dlg = _click_step(qtbot, page, "contract_signed")
    assert dlg.objectName() == "ContractDialog"
    qtbot.keyClicks(dlg.price, "1 000 000 000")  # more than the НМЦК: refused as you type
    assert not dlg.ok_button.isEnabled() and dlg.errors["price"].isVisible()
    dlg.price.clear()
    qtbot.keyClicks(dlg.price, "290000,00")
    assert dlg.ok_button.isEnabled()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert P.get_plan_line(lid).status == "contract_signed"
    assert P.budget().row("federal").contracted == Decimal("290000.00")
    assert _offered(page) == {"delivered"}

    dlg = _click_step(qtbot, page, "delivered")
    assert dlg.objectName() == "DeliveryDialog"
    dlg.lines.item(0, 3).setText("3")  # more than contracted: refused, dialog stays
    _type(qtbot, dlg.doc, "УПД № 5")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "больше контракта" in dlg.errors["lines"].text()
    dlg.lines.item(0, 3).setText("2")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert P.get_plan_line(lid).status == "delivered"

    dlg = _click_step(qtbot, page, "accepted")
    assert dlg.objectName() == "StepDialog" and dlg.delivery_id is not None
    # each delivered line with its suggested way onto the inventory (expensive scales: one card per unit)
    (box,) = dlg.kind_boxes.values()
    assert box.currentData() == "unit" and "выше порога" in box.toolTip()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    line = P.get_plan_line(lid)
    assert line.status == "on_inventory"
    assert _offered(page) == set()
    from chemcluster_desktop.services import inventory

    names = [r["name"] for r in inventory.list_items(ListQuery(search="весы аналитические"))]
    assert names.count("Весы аналитические") == 2
    assert page.tab("plan").road.chips["on_inventory"].text() == P.status_label("on_inventory")


def test_cancel_needs_a_reason(page, qtbot):
    f = page.fixture
    nid = P.create_need({"name": "Центрифуга", "quantity": 1})
    lid = P.create_plan_line({"title": "Центрифуга", "need_ids": [nid],
                              "funding_source_id": f["src"]["regional"]})
    page.show_tab("plan")
    page.refresh()
    page.select_id(lid)
    assert _offered(page) == {"price_justified", "cancelled"}
    assert not page.tab("plan").step_buttons["price_justified"].isEnabled()  # no offers: the price cannot be justified
    assert "не меньше" in page.tab("plan").blocked_label.text() or "Нет коммерческих" in page.tab("plan").blocked_label.text()
    dlg = _click_step(qtbot, page, "cancelled")
    assert not dlg.ok_button.isEnabled()
    _type(qtbot, dlg.note, "Закупка не нужна")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert P.get_plan_line(lid).status == "cancelled"
    assert _offered(page) == set()


def test_supplier_card_checks_inn_as_you_type(page, qtbot):
    page.show_tab("suppliers")
    dlg = page.on_new()
    assert dlg.objectName() == "SupplierDialog"
    _type(qtbot, dlg.name, "ООО «Новый поставщик»")
    qtbot.keyClicks(dlg.inn, "5249012348")
    assert not dlg.ok_button.isEnabled() and "контрольных" in dlg.errors["inn"].text()
    dlg.inn.clear()
    qtbot.keyClicks(dlg.inn, "5262009874")
    qtbot.keyClicks(dlg.kpp, "526201001")
    assert dlg.ok_button.isEnabled()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert any(s.inn == "5262009874" for s in P.all_suppliers())
    assert page.tab("suppliers").model.total() == 4


def test_budget_tab_chart_and_viewer_rights(page, qtbot, as_role):
    f = page.fixture
    nid = P.create_need({"name": "Весы", "quantity": 2})
    add_offers(nid, f["sup"], ["100000.00", "101000.00", "102000.00"])
    P.create_plan_line({"title": "Весы", "need_ids": [nid], "funding_source_id": f["src"]["federal"]})
    page.show_tab("budget")
    assert page.tab("budget").chart.categories[0] == "Грант «Профессионалитет»"
    assert page.tab("budget").chart.values["planned"][0] == Decimal("0.2")  # 202 000 ₽ ≈ 0,2 млн
    assert len(page.tab("budget").chart.chart().series()) == 1 and page.tab("budget").chart.chart().series()[0].count() == 4
    assert page.tab("budget").budget_table.rowCount() == 5
    assert page.tab("budget").budget_table.item(0, 2).text().replace("\u00a0", " ") == "202 000,00 ₽"
    with as_role("viewer"):
        page.show_tab("plan")
        page.on_role_changed()
        assert not page.actions_by_name["new"].isVisible()
        page.show_tab("needs")
        page.on_role_changed()
        assert not page.actions_by_name["new"].isVisible()
    with as_role("coordinator"):
        page.show_tab("needs")
        page.on_role_changed()
        assert page.actions_by_name["new"].isEnabled()


def test_print_nmck_from_the_page_opens_the_preview(page, qtbot):
    from pypdf import PdfReader

    from chemcluster_desktop.ui import ops

    f = page.fixture
    nid = P.create_need({"name": "Весы аналитические", "quantity": 2})
    add_offers(nid, f["sup"], ["100000.00", "101000.00", "102000.00"])
    page.show_tab("needs")
    page.refresh()
    page.select_id(nid)
    page.actions_by_name["print"].trigger()
    ops.wait_all(20000)
    qtbot.waitUntil(lambda: getattr(page, "_last_preview", None) is not None, timeout=20000)
    dlg = page._last_preview
    text = " ".join(PdfReader(str(dlg.pdf_path)).pages[0].extract_text().replace("\u00a0", " ").split())
    assert "Весы аналитические" in text and "202 000,00" in text
    dlg.close()


def test_accepting_a_delivery_refreshes_each_listening_page_once(window, page, qtbot):
    """One action, one refresh per page that shows the changed areas (procurement + inventory): the
    procurement list reloads once (it used to reload three times and the budget twice), pages that are
    not on screen reload once when they are next shown."""
    from PySide6.QtWidgets import QPushButton, QTableView

    from chemcluster_desktop.ui import events

    f = page.fixture
    nid = P.create_need({"name": "Весы аналитические", "quantity": 2, "unit": "шт", "room_id": f["gap"]["room_id"]})
    add_offers(nid, f["sup"], ["152000.00", "148500.00", "155300.00"])
    lid = P.create_plan_line({"title": "Поставка весов", "need_ids": [nid], "funding_source_id": f["src"]["federal"]})
    for st in ("price_justified", "notice_published", "supplier_chosen"):
        P.advance(lid, st, note="0332300001226000099" if st == "notice_published" else "")
    day = P.get_plan_line(lid).steps[0].date
    cid = P.create_contract({"plan_line_id": lid, "number": "0332300001226000099-01", "date": day,
                             "supplier_id": f["sup"][1], "price": "290000.00"})
    P.create_delivery({"contract_id": cid, "date": day, "document_number": "УПД № 5", "lines": [(nid, 2)]})
    inventory_page = window.show_page("inventory")
    journal_page = window.show_page("journal")
    window.show_page("procurement")
    page.show_tab("contracts")
    table = page.findChild(QTableView, "contractsTable")
    assert page.select_id(cid)

    published, refreshed = [], {"procurement": 0, "inventory": 0, "journal": 0}
    lists_loaded = []
    events.listen(page, published.append)
    page.refreshed.connect(lambda: refreshed.__setitem__("procurement", refreshed["procurement"] + 1))
    inventory_page.refreshed.connect(lambda: refreshed.__setitem__("inventory", refreshed["inventory"] + 1))
    journal_page.refreshed.connect(lambda: refreshed.__setitem__("journal", refreshed["journal"] + 1))
    table.model().loaded.connect(lists_loaded.append)

    qtbot.mouseClick(page.findChild(QPushButton, "acceptDelivery"), Qt.MouseButton.LeftButton)
    dlg = page.active_dialog
    assert dlg.objectName() == "StepDialog" and dlg.delivery_id is not None
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert P.get_plan_line(lid).status == "on_inventory"

    assert published == [frozenset({events.Area.PROCUREMENT, events.Area.INVENTORY})]
    assert refreshed == {"procurement": 1, "inventory": 0, "journal": 0}
    assert len(lists_loaded) == 1
    assert page.current_id() == cid  # the selection survives the refresh
    window.show_page("inventory")
    window.show_page("journal")
    assert refreshed == {"procurement": 1, "inventory": 1, "journal": 1}
    assert inventory_page.findChild(QTableView, "pageTable").model().total() >= 2


def test_plan_line_shows_ikz_warnings_and_prints_its_justification(page, qtbot):
    import datetime as dt

    from pypdf import PdfReader

    from chemcluster_desktop.services import database
    from chemcluster_desktop.services.context import uow
    from chemcluster_desktop.storage.procurement import Offer
    from chemcluster_desktop.ui import ops

    f = page.fixture
    database.set_settings({"college.inn": "5249023823"})
    nid = P.create_need({"name": "Весы аналитические", "quantity": 2, "okpd2": "28.29.31.110"})
    add_offers(nid, f["sup"], ["100000.00", "101000.00", "102000.00"], dt.date.today() - dt.timedelta(days=20))
    lid = P.create_plan_line({"title": "Весы", "need_ids": [nid], "funding_source_id": f["src"]["federal"],
                              "on": dt.date.today() - dt.timedelta(days=30)})
    P.advance(lid, "price_justified", on=dt.date.today() - dt.timedelta(days=10))
    with uow() as s:  # old data: an offer re-dated after the justification (as a pre-issue-14 database has)
        o = s.query(Offer).filter(Offer.need_id == nid).first()
        o.date = dt.date.today() - dt.timedelta(days=5)
    page.show_tab("plan")
    page.refresh()
    assert page.select_id(lid)
    line = P.get_plan_line(lid)
    plan = page.tab("plan")
    assert line.ikz and line.ikz in plan.plan_info.text()
    assert plan.plan_warnings.isVisible() and "позже обоснования" in plan.plan_warnings.text()
    qtbot.mouseClick(plan.justification_btn, Qt.MouseButton.LeftButton)
    ops.wait_all(20000)
    qtbot.waitUntil(lambda: getattr(page, "_last_preview", None) is not None, timeout=20000)
    dlg = page._last_preview
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(str(dlg.pdf_path)).pages)
                    .replace("\u00a0", " ").split())
    assert f"Обоснование НМЦК закупки {line.number}" in text
    assert "позже даты обоснования" in text and "не утверждается" in text  # flagged on paper too
    dlg.close()


def _road(page) -> list[str]:
    """The chips of the road in the order they are laid out (row by row), by their step code."""
    grid = page.tab("plan").road.grid
    chips = []
    for i in range(grid.count()):
        w = grid.itemAt(i).widget()
        if w is not None and w.objectName().startswith("road_"):
            r, c, _rs, _cs = grid.getItemPosition(i)
            chips.append(((r, c), w.objectName()[len("road_"):]))
    return [code for _pos, code in sorted(chips)]


@pytest.mark.parametrize("method", [rules.AUCTION, rules.QUOTATIONS, rules.SINGLE_P4, rules.SINGLE_P5])
def test_each_method_shows_its_own_road(page, qtbot, method):
    """An auction or a request of quotations shows notice → protocol → contract; a ст. 93 single-supplier
    purchase shows no notice and no protocol at all (not even greyed): plan → price → contract →
    delivery → acceptance → books → payment. The payment chip turns done when the contract is paid."""
    f = page.fixture
    rules.set_procurement_settings({"procurement.annual_volume": "25000000"})  # the college's СГОЗ
    nid = P.create_need({"name": "Кондуктометр", "quantity": 2, "room_id": f["gap"]["room_id"]})
    add_offers(nid, f["sup"], ["50000.00", "51000.00", "52000.00"])
    lid = P.create_plan_line({"title": "Кондуктометры", "need_ids": [nid], "funding_source_id": f["src"]["own"],
                              "method": method})
    page.show_tab("plan")
    page.refresh()
    assert page.select_id(lid)
    single = method in (rules.SINGLE_P4, rules.SINGLE_P5)
    middle = [] if single else ["notice_published", "supplier_chosen"]
    expected = ["need", "in_plan", "price_justified", *middle, "contract_signed", "delivered", "accepted",
                "on_inventory", "paid"]
    assert _road(page) == expected
    assert ("notice_published" in page.tab("plan").road.chips) is not single
    # walk to the contract by the buttons the road offers
    qtbot.mouseClick(page.tab("plan").step_buttons["price_justified"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.active_dialog.ok_button, Qt.MouseButton.LeftButton)
    if single:
        assert _offered(page) == {"contract_signed", "cancelled"}
    else:
        assert _offered(page) == {"notice_published", "cancelled"}
        P.advance(lid, "notice_published", note="0332300012326000300")
        P.advance(lid, "supplier_chosen", note="Протокол")
    cid = P.create_contract({"plan_line_id": lid, "number": "К-1", "supplier_id": f["sup"][0],
                             "price": "100000.00", "date": dt.date.today()})
    page.refresh()
    assert page.select_id(lid)
    assert _road(page) == expected
    paid_chip = page.tab("plan").road.chips["paid"]
    assert "dashed" in paid_chip.styleSheet()  # ahead: not paid yet
    # the contract card: one stage due 7 working days after acceptance — not accepted yet
    page.show_tab("contracts")
    page.refresh()
    assert page.select_id(cid)
    assert page.tab("contracts").payments.item(0, 1).text() == "после приёмки"
    page.show_tab("plan")
    P.mark_paid(P.get_contract(cid).payments[0].id)
    page.refresh()
    assert page.select_id(lid)
    assert "dashed" not in page.tab("plan").road.chips["paid"].styleSheet()
    assert page.tab("plan").road.chips["paid"].text() == "Оплачено"
