"""The procurement forms save what the person typed through the services' create / update calls: a
funding source, a need and a plan-schedule line created and then changed, a supplier's card changed,
and a form opened on an older version refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from chemcluster_desktop.services import procurement as P
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
