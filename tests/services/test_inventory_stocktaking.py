"""Stock-taking of a room: expected list, scans (with label payloads), unknown items, discrepancies."""

from __future__ import annotations

import pytest

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services import stocktaking as st
from chemcluster_desktop.services.errors import ValidationError
from tests.inventory_helpers import add_room, consumable, equipment


def test_stocktaking_walk(db):
    room, other = add_room("Лаборатория 201"), add_room("Лаборатория 203")
    a = equipment("Весы", room_id=room, inventory_number="ИН-1")
    b = equipment("Шкаф", room_id=room, inventory_number="ИН-2")
    c = equipment("Центрифуга", room_id=other, inventory_number="ИН-3")
    gl = consumable(qty="100", room_id=room)
    sid = st.start(room, commission="Смирнова О. В.\nОрлов Д. С.")
    with pytest.raises(ValidationError):
        st.start(room)  # one open stock-taking per room
    d = st.get(sid)
    assert d["number"].startswith("ИНВ-") and len(d["lines"]) == 3
    assert st.scan(sid, "ИН-1").status == "found"
    assert st.scan(sid, "ИН-1 Весы").status == "again"
    assert st.scan(sid, "ИН-3").status == "elsewhere"
    assert st.scan(sid, "НЕТ-ТАКОГО").status == "unknown"
    with pytest.raises(ValidationError):
        st.scan(sid, "   ")
    gl_line = next(ln for ln in st.get(sid)["lines"] if ln["item_id"] == gl)
    st.set_found(sid, gl_line["id"], "97")
    st.add_unknown(sid, "Штатив лабораторный без номера")
    with pytest.raises(ValidationError):
        st.add_unknown(sid, "")
    res = st.close(sid)
    assert {r["item_id"] for r in res.shortages} == {b, gl}
    assert {r["item_id"] for r in res.surpluses} == {c, None}
    assert res.matched == 1
    with pytest.raises(ValidationError):
        st.scan(sid, "ИН-2")  # closed
    assert st.find(d["number"]) == sid
    # records are unchanged by a stock-taking
    assert inventory.get_item(b)["status"] == "in_use"
    assert a
