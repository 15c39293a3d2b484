"""The journal files a change under its area even when the model's module is not named after it (movements,
stock-takings, the stock-taking decisions live in modules of their own): the journal's area filter and the
pages that refresh on an area depend on it."""

from sqlalchemy import select

from chemcluster_desktop.services import context, inventory
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.storage.core import AuditEntry


def test_a_movement_is_journaled_under_inventory(demo_db):
    item = next(r for r in inventory.list_items(ListQuery(limit=50)) if r["kind"] == "equipment")
    inventory.make_movement("write_off", [(item["id"], 1)], reason="Разбит при переноске")
    with context.read() as s:
        areas = {(e, a) for e, a in s.execute(select(AuditEntry.entity, AuditEntry.area)
                                                .where(AuditEntry.entity.in_(("Movement", "MovementLine"))))}
    assert areas == {("Movement", "inventory"), ("MovementLine", "inventory")}
