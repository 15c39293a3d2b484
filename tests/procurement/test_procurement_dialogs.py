"""The procurement forms save what the person typed through the services' create / update calls: a
funding source, a need and a plan-schedule line created and then changed, a supplier's card changed,
and a form opened on an older version refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.ui.dialogs import procurement_contract_dialogs as C
from chemcluster_desktop.ui.dialogs import procurement_dialogs as D
from tests.procurement.helpers import add_offers, make_sources, make_suppliers


@pytest.fixture
def setup(db, qtbot):
    return {"src": make_sources(), "sup": make_suppliers(3)}


def _accept(qtbot, dlg) -> int:
    qtbot.addWidget(dlg)
    assert dlg.ok_button.isEnabled()
    dlg.accept()
    assert dlg.result() == dlg.DialogCode.Accepted, [e.text() for e in dlg.errors.values() if e.text()]
    return dlg.saved_id


def test_source_dialog_creates_and_changes_a_source(setup, qtbot):
    own = next(s for s in P.list_sources() if s.code == "own")
    dlg = D.SourceDialog(None, own)
    dlg.limit.setText("29 000 000,00")
    assert _accept(qtbot, dlg) == own.id
    assert next(s for s in P.list_sources() if s.code == "own").limit == Decimal("29000000.00")

    dlg = D.SourceDialog(None, None)
    dlg.code.setText("extra")
    dlg.name.setText("Спонсорские средства")
    dlg.limit.setText("1 000 000")
    sid = _accept(qtbot, dlg)
    assert P.source_by("extra").id == sid and P.source_by("extra").limit == Decimal("1000000.00")

    stale = D.SourceDialog(None, own)  # opened on the version before the change above
    stale.limit.setText("28 000 000,00")
    qtbot.addWidget(stale)
    stale.accept()
    assert stale.result() != stale.DialogCode.Accepted
    assert next(s for s in P.list_sources() if s.code == "own").limit == Decimal("29000000.00")


def test_need_and_plan_line_dialogs_create_and_change(setup, qtbot):
    dlg = D.NeedDialog(None, None)
    dlg.name.setText("Весы аналитические")
    dlg.quantity.setText("2")
    dlg.unit.setCurrentText("шт.")
    dlg.okpd2.setText("26.51.53.140")
    nid = _accept(qtbot, dlg)
    n = P.get_need(nid)
    assert (n.name, n.quantity, n.unit, n.okpd2, n.status) == ("Весы аналитические", Decimal(2), "шт.",
                                                               "26.51.53.140", "need")

    dlg = D.NeedDialog(None, n)
    dlg.quantity.setText("3")
    assert _accept(qtbot, dlg) == nid
    assert P.get_need(nid).quantity == Decimal(3) and P.get_need(nid).version == n.version + 1

    add_offers(nid, setup["sup"], ["100000.00", "101000.00", "102000.00"])
    dlg = D.PlanLineDialog(None, None, preselect=[nid])
    dlg.title.setText("Поставка весов")
    dlg.source.setCurrentIndex(dlg.source.findData(setup["src"]["federal"]))
    assert dlg.checked() == [nid]
    lid = _accept(qtbot, dlg)
    line = P.get_plan_line(lid)
    assert (line.title, line.funding_source_id, [x["id"] for x in line.needs]) == (
        "Поставка весов", setup["src"]["federal"], [nid])

    dlg = D.PlanLineDialog(None, line)
    dlg.title.setText("Поставка весов аналитических")
    dlg.quarter.setCurrentIndex(dlg.quarter.findData(4))
    assert _accept(qtbot, dlg) == lid
    line = P.get_plan_line(lid)
    assert (line.title, line.planned_quarter) == ("Поставка весов аналитических", 4)


def test_supplier_dialog_changes_the_card(setup, qtbot):
    sup = P.get_supplier(setup["sup"][0])
    dlg = D.SupplierDialog(None, sup)
    dlg.phone.setText("+7 (8313) 25-00-00")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.saved_id == sup.id
    after = P.get_supplier(sup.id)
    assert (after.phone, after.name, after.inn) == ("+7 (8313) 25-00-00", sup.name, sup.inn)


def test_single_supplier_line_and_contract_with_positions_and_deadlines(setup, qtbot):
    import datetime as dt

    from chemcluster_desktop.services.procurement import rules

    # the college's total annual volume (СГОЗ) is 20 млн ₽: п. 5 allows 10 млн ₽ of small purchases
    rules.set_procurement_settings({"procurement.annual_volume": "20 000 000"})
    nid = P.create_need({"name": "Кондуктометр", "quantity": "6", "okpd2": "26.51.53.190"})
    add_offers(nid, setup["sup"], ["50000.00", "52000.00", "51000.00"])
    dlg = D.PlanLineDialog(None, None, preselect=[nid])
    qtbot.addWidget(dlg)
    dlg.resize(1000, 700)
    dlg.title.setText("Кондуктометры")
    # the methods offered are the law's: switching to 223-ФЗ changes the list
    assert [dlg.method.itemText(i) for i in range(dlg.method.count())] == list(rules.METHODS_44)
    dlg.law.setCurrentIndex(dlg.law.findData("223-ФЗ"))
    assert [dlg.method.itemText(i) for i in range(dlg.method.count())] == list(rules.METHODS_223)
    dlg.law.setCurrentIndex(dlg.law.findData("44-ФЗ"))
    dlg.method.setCurrentText(rules.SINGLE_P5)
    lid = _accept(qtbot, dlg)
    assert P.get_plan_line(lid).method == rules.SINGLE_P5
    P.advance(lid, "price_justified")

    cd = C.ContractDialog(None, P.get_plan_line(lid))
    qtbot.addWidget(cd)
    assert cd.positions.count() == 1 and cd.checked_needs() == [nid]
    cd.number.setText("ЕП-1")
    cd.supplier.setCurrentIndex(0)
    cd.price.setText("310 000,00")
    assert cd.errors["price"].text()  # over the positions' НМЦК (306 000,00)
    assert not cd.ok_button.isEnabled()
    cd.price.setText("305 000,00")
    cd.delivery_due.setDate(cd.date.date().addDays(30))
    cd.payment_days.setValue(5)
    cid = _accept(qtbot, cd)
    c = P.get_contract(cid)
    assert c.price == Decimal("305000.00") and c.payment_days == 5
    assert c.delivery_due == dt.date.today() + dt.timedelta(days=30)
    assert P.get_plan_line(lid).status == "contract_signed"


def test_price_requests_and_settings_dialogs(setup, qtbot):
    from chemcluster_desktop.services.procurement import rules
    from chemcluster_desktop.ui.dialogs.procurement_law_dialogs import (
        PriceRequestsDialog,
        ProcurementSettingsDialog,
    )

    nid = P.create_need({"name": "Весы", "quantity": "2", "okpd2": "28.29.31.110"})
    add_offers(nid, setup["sup"][:2], ["100000.00", "110000.00"])
    lid = P.create_plan_line({"title": "Весы", "need_ids": [nid]})
    from PySide6.QtCore import qInstallMessageHandler

    warnings: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _ctx, msg: warnings.append(msg))
    try:
        dlg = PriceRequestsDialog(None, P.get_plan_line(lid))
    finally:
        qInstallMessageHandler(previous)
    assert not [w for w in warnings if "QLayout" in w]  # the form used to be re-added to a second layout
    qtbot.addWidget(dlg)
    dlg.resize(1000, 600)
    dlg.show()
    # the requests sent first, then the row that records another
    assert dlg.table.geometry().bottom() < dlg.number.mapTo(dlg, dlg.number.rect().topLeft()).y()
    assert dlg.table.rowCount() == 0 and not dlg.ok_button.isEnabled()
    for i in range(3):
        dlg.supplier.setCurrentIndex(i)
        qtbot.keyClicks(dlg.number, f"01-0{i + 1}/26")
        dlg.accept()
    assert dlg.table.rowCount() == 3  # the form stays open for the next request
    replies = [dlg.table.item(r, 3).text() for r in range(3)]
    assert replies.count("ответа нет") == 1  # the third supplier sent no offer
    assert "не меньше 5" in dlg.count.text()
    dlg.supplier.setCurrentIndex(0)
    dlg.sent_on.setDate(dlg.sent_on.date().addDays(5))  # in the future: refused beside the field
    qtbot.keyClicks(dlg.number, "01-09/26")
    dlg.accept()
    assert dlg.errors["sent_on"].text() and dlg.table.rowCount() == 3

    sd = ProcurementSettingsDialog(None)
    qtbot.addWidget(sd)
    sd.kvr.setText("24")
    sd.accept()
    assert sd.errors["procurement.kvr"].text() and sd.result() != sd.DialogCode.Accepted
    sd.kvr.setText("244")
    sd.methodology.setPlainText("Региональный порядок № 12")
    sd.accept()
    assert sd.result() == sd.DialogCode.Accepted
    assert rules.get_procurement_settings()["procurement.methodology"] == "Региональный порядок № 12"
