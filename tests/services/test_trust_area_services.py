"""Trust checks through the real area services (items, workshops, needs): every change journaled with
old and new values, a viewer's write refused, a stale version refused."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import ConcurrentEditError, PermissionDenied, ValidationError
from chemcluster_desktop.storage.core import AuditEntry

inventory = pytest.importorskip("chemcluster_desktop.services.inventory")
accreditation = pytest.importorskip("chemcluster_desktop.services.accreditation")
procurement = pytest.importorskip("chemcluster_desktop.services.procurement")


def _journal(entity: str, eid: int) -> list[tuple[str, str, dict, dict]]:
    with context.read() as s:
        rows = s.execute(select(AuditEntry.action, AuditEntry.user_login, AuditEntry.old_values,
                                AuditEntry.new_values).where(AuditEntry.entity == entity,
                                                             AuditEntry.entity_id == str(eid))
                         .order_by(AuditEntry.id)).all()
    return [(a, u, json.loads(o) if o else {}, json.loads(n) if n else {}) for a, u, o, n in rows]


def test_item_service_journal_rights_and_version(db, as_role):
    as_role("lab_manager", login="ivanova")
    iid = inventory.create_item({"kind": "equipment", "name": "Иономер И-160МИ", "cost": Decimal("45600.00")})
    card = inventory.get_item(iid)
    v = card["version"]
    as_role("lab_manager", login="petrov")
    inventory.update_item(iid, {**card, "status": "repair"}, version=v)
    with pytest.raises(ConcurrentEditError, match="Обновите"):
        inventory.update_item(iid, {**card, "status": "written_off"}, version=v)
    with as_role("viewer"), pytest.raises(PermissionDenied):
        inventory.update_item(iid, {**card, "status": "in_use"}, version=v)
    with as_role("viewer"), pytest.raises(PermissionDenied):
        inventory.delete_item(iid)
    j = _journal("Item", iid)
    assert j[0][:2] == ("create", "ivanova") and j[0][3]["name"] == "Иономер И-160МИ"
    upd = [e for e in j if e[0] == "update"]
    assert upd and upd[-1][1] == "petrov"
    assert upd[-1][2].get("status") == "in_use" and upd[-1][3].get("status") == "repair"
    assert inventory.get_item(iid)["status"] == "repair"


def test_workshop_service_journal_and_rights(db, as_role):
    as_role("coordinator", login="orlov")
    wid = accreditation.create_workshop(dict(name="Лабораторный химический анализ", rooms=["Ауд. 214"],
                                             competency=None, workplaces=12), create_rooms=True)
    with as_role("viewer"), pytest.raises(PermissionDenied):
        accreditation.delete_workshop(wid)
    with as_role("lab_manager"), pytest.raises(PermissionDenied):
        accreditation.delete_workshop(wid)
    accreditation.delete_workshop(wid)
    actions = [e[0] for e in _journal("Workshop", wid)]
    assert actions[0] == "create" and actions[-1] == "delete"


def test_need_service_journal_rights_and_version(db, as_role):
    as_role("buyer", login="lebedev")
    nid = procurement.create_need({"name": "Весы аналитические ВЛ-220", "quantity": Decimal("2")})
    with as_role("viewer"), pytest.raises(PermissionDenied):
        procurement.update_need(nid, {"name": "x"}, version=1)
    with pytest.raises(TypeError):  # a save that does not say which version it was made from
        procurement.update_need(nid, {"quantity": Decimal("3")})
    with pytest.raises(ValidationError, match="версия"):
        procurement.update_need(nid, {"quantity": Decimal("3")}, version=None)
    procurement.update_need(nid, {"quantity": Decimal("3")}, version=1)
    with pytest.raises(ConcurrentEditError):
        procurement.update_need(nid, {"quantity": Decimal("4")}, version=1)
    procurement.delete_need(nid)
    j = _journal("Need", nid)
    assert [e[0] for e in j] == ["create", "update", "delete"]
    assert j[1][2]["quantity"] == "2" and j[1][3]["quantity"] == "3"
