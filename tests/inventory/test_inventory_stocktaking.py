"""Stock-taking of a room: expected list, scans (with label payloads), unknown items, discrepancies,
posting the result as write-off / receipt / transfer documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import PermissionDenied, ValidationError
from chemcluster_desktop.services.inventory import stocktaking as st
from tests.inventory.helpers import add_room, consumable, decision, equipment

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL


def test_stocktaking_walk(db):
    room, other = add_room("Лаборатория 201"), add_room("Лаборатория 203")
    a = equipment("Весы", room_id=room, inventory_number="ИН-1")
    b = equipment("Шкаф", room_id=room, inventory_number="ИН-2")
    c = equipment("Центрифуга", room_id=other, inventory_number="ИН-3")
    gl = consumable(qty="100", room_id=room)
    did = decision([room, other])
    with pytest.raises(ValidationError, match="решению"):
        st.start(room)  # no count without a decision
    sid = st.start(room, decision=did)
    with pytest.raises(ValidationError):
        st.start(room, decision=did)  # one open stock-taking per room
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


# --- posting the result as documents -------------------------------------------------------------------------
def _counts():
    from sqlalchemy import func, select

    from chemcluster_desktop.services import context
    from chemcluster_desktop.storage.inventory import Item, Movement, MovementLine

    with context.read() as s:
        return (s.scalar(select(func.count(Movement.id))), s.scalar(select(func.count(MovementLine.id))),
                s.scalar(select(func.count(Item.id))))


def _closed_walk():
    """Room 201: scales found, cabinet missing, gloves 100 counted 97, cotton 10 counted 12, a centrifuge
    of room 203 found here, an unknown stand; then closed."""
    room, other = add_room("Лаборатория 201"), add_room("Лаборатория 203", responsible="Орлов Д. С.")
    ids = {"scales": equipment("Весы", room_id=room, inventory_number="ИН-1"),
           "cabinet": equipment("Шкаф", room_id=room, inventory_number="ИН-2"),
           "centrifuge": equipment("Центрифуга", room_id=other, inventory_number="ИН-3"),
           "gloves": consumable(qty="100", room_id=room),
           "cotton": consumable("Вата", qty="10", room_id=room)}
    sid = st.start(room, decision=decision([room]))
    st.scan(sid, "ИН-1")
    st.scan(sid, "ИН-3")
    lines = {ln["item_id"]: ln["id"] for ln in st.get(sid)["lines"]}
    st.set_found(sid, lines[ids["gloves"]], "97")
    st.set_found(sid, lines[ids["cotton"]], "12")
    st.add_unknown(sid, "Штатив лабораторный без номера")
    st.close(sid)
    return sid, room, other, ids


def test_posting_plan_proposes_documents(db):
    sid, room, other, ids = _closed_walk()
    plan = st.posting_plan(sid)
    assert plan.reason == f"Недостача по инвентаризации № {plan.number} от {plan.started_on:%d.%m.%Y}"
    got = {(pl.item_id, pl.action, pl.quantity, pl.checked) for pl in plan.lines}
    assert got == {(ids["cabinet"], "write_off", Decimal(1), True),
                   (ids["gloves"], "write_off", Decimal(3), True),
                   (ids["cotton"], "receipt", Decimal(2), True),
                   (ids["centrifuge"], "transfer", Decimal(1), True),
                   (None, "create", Decimal(1), False)}  # unknown things only when asked


def test_post_creates_documents_and_changes_records(db):
    sid, room, other, ids = _closed_walk()
    mv0, ml0, items0 = _counts()
    res = st.post(sid, reason="Недостача: акт № 5")
    kinds = {d.kind: d for d in res.documents}
    assert set(kinds) == {"write_off", "receipt", "transfer"} and kinds["write_off"].lines == 2
    assert _counts() == (mv0 + 3, ml0 + 4, items0)
    assert inventory.get_item(ids["cabinet"])["status"] == "written_off"
    assert inventory.get_item(ids["gloves"])["quantity"] == Decimal(97)
    assert inventory.get_item(ids["cotton"])["quantity"] == Decimal(12)
    moved = inventory.get_item(ids["centrifuge"])
    assert moved["room_id"] == room and moved["responsible"] == "Кузнецова Е. А."
    assert inventory.get_item(ids["scales"])["status"] == "in_use"
    wo = next(m for m in inventory.list_movements() if m["number"] == kinds["write_off"].number)
    assert wo["reason"] == "Недостача: акт № 5"
    d = st.get(sid)
    assert d["status"] == "posted" and d["posted_by"] == "admin" and d["posted_at"] is not None
    # posting twice is refused with a clear message and changes nothing
    with pytest.raises(ValidationError, match="уже проведены"):
        st.post(sid)
    with pytest.raises(ValidationError, match="уже проведены"):
        st.posting_plan(sid)
    assert _counts() == (mv0 + 3, ml0 + 4, items0)
    assert inventory.get_item(ids["gloves"])["quantity"] == Decimal(97)


def test_post_chosen_lines_and_unknown_items(db):
    sid, room, other, ids = _closed_walk()
    plan = st.posting_plan(sid)
    by_item = {pl.item_id: pl.line_id for pl in plan.lines}
    mv0, _ml0, items0 = _counts()
    # the cabinet is left as is; the unknown stand becomes a furniture card in this room
    res = st.post(sid, [by_item[ids["gloves"]], by_item[None]], kinds={by_item[None]: "furniture"})
    assert [d.kind for d in res.documents] == ["write_off", "receipt"]
    assert _counts()[0] == mv0 + 2 and _counts()[2] == items0 + 1
    new = inventory.get_item(res.created_items[0])
    assert new["name"] == "Штатив лабораторный без номера" and new["kind"] == "furniture"
    assert new["room_id"] == room and new["inventory_number"]
    assert inventory.get_item(ids["cabinet"])["status"] == "in_use"
    assert inventory.get_item(ids["centrifuge"])["room_id"] == other


def test_post_refused_for_open_viewer_and_dry_run_writes_nothing(db, as_role):
    room = add_room("Лаборатория 201")
    equipment("Весы", room_id=room, inventory_number="ИН-1")
    sid = st.start(room, decision=decision([room]))
    with pytest.raises(ValidationError, match="ещё идёт"):
        st.post(sid)
    st.close(sid)
    before = _counts()
    with as_role("viewer"):
        with pytest.raises(PermissionDenied):
            st.post(sid)
    res = st.post(sid, dry_run=True)
    assert res.dry_run and [d.kind for d in res.documents] == ["write_off"]
    assert _counts() == before and st.get(sid)["status"] == "closed"
    with as_role("lab_manager", "labmanager"):
        st.post(sid)
    assert st.get(sid)["posted_by"] == "labmanager"


def test_post_failure_midway_leaves_nothing(db):
    sid, room, other, ids = _closed_walk()
    # after the count 99 pairs of gloves were issued: writing off 3 more would go below zero
    inventory.make_movement("issue", [(ids["gloves"], "99")], person="Иванов И. И.")
    before = _counts()
    with pytest.raises(ValidationError, match="Нельзя списать"):
        st.post(sid)
    assert _counts() == before
    assert inventory.get_item(ids["cabinet"])["status"] == "in_use"
    assert inventory.get_item(ids["centrifuge"])["room_id"] == other
    assert inventory.get_item(ids["gloves"])["quantity"] == Decimal(1)
    assert st.get(sid)["status"] == "closed"
    # a line that cannot be posted is refused by name; the others can still be posted
    with pytest.raises(ValidationError):
        st.post(sid, [999999])
    assert st.get(sid)["status"] == "closed"


def test_post_skips_items_already_handled(db):
    sid, room, other, ids = _closed_walk()
    inventory.make_movement("write_off", [ids["cabinet"]], reason="Сломан")
    plan = st.posting_plan(sid)
    cab = next(pl for pl in plan.lines if pl.item_id == ids["cabinet"])
    assert not cab.postable and cab.note == "уже списано"
    with pytest.raises(ValidationError, match="провести нельзя"):
        st.post(sid, [cab.line_id])
    st.post(sid)
    assert st.get(sid)["status"] == "posted"
