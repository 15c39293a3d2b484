"""The list's count as it opens (no search, no filter) is every item not written off — on SQLite taken as all
items minus the written-off ones; it must be the same number as the filtered count, before and after a
write-off, and the page shows it."""

from sqlalchemy import func, select

from chemcluster_desktop.services import context, inventory
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.storage.inventory import Item


def _direct() -> int:
    with context.read() as s:
        return s.scalar(select(func.count()).select_from(Item).where(Item.status != "written_off"))


def test_opening_count_is_the_items_not_written_off(demo_db):
    n = inventory.count_items(ListQuery())
    assert n == _direct() and n > 0
    assert n == len(list(inventory.iter_items(ListQuery())))
    item = next(r for r in inventory.list_items(ListQuery(limit=50)) if r["kind"] == "equipment")
    inventory.make_movement("write_off", [(item["id"], 1)], reason="Пришло в негодность")
    assert inventory.count_items(ListQuery()) == n - 1 == _direct()
    everything = inventory.count_items(ListQuery(filters={"include_written_off": True}))
    assert everything > n
