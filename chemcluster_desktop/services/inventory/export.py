"""Export of the (filtered) inventory list to Excel — every field the import reads back, so that
export → import into an empty database reproduces the same cards (tests/inventory/test_import_round_trip.py)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import Cancelled, FileFormatError
from chemcluster_desktop.services.inventory.item_list import iter_items
from chemcluster_desktop.services.inventory.vocabulary import status_label, storage_group_label
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.core import Building, Room
from chemcluster_desktop.storage.inventory import Item, ReagentContainer, Substance
from chemcluster_desktop.xlsx import inventory as xinv
from chemcluster_desktop.xlsx.common import XlsxCancelled, XlsxFileError

_BATCH = 2000
_SUB = ("cas_number", "formula", "ghs_pictograms", "h_statements", "storage_group")
_CONT = ("lot", "supplier", "received_on", "opened_on", "expires_on", "storage_place")


def _details(ids: list[int]) -> tuple[dict[int, dict], dict[int, list[dict]]]:
    """What the list page does not carry: substance, accounting fields, custom fields, building, containers."""
    extra: dict[int, dict] = {}
    conts: dict[int, list[dict]] = {}
    with context.read() as s:
        q = (select(Item.id, Item.country, Item.account, Item.accounting_number, Item.notes, Item.custom_fields,
                    Building.name, *(getattr(Substance, f) for f in _SUB))
             .join(Room, Room.id == Item.room_id, isouter=True)
             .join(Building, Building.id == Room.building_id, isouter=True)
             .join(Substance, Substance.id == Item.substance_id, isouter=True)
             .where(Item.id.in_(ids)))
        for r in s.execute(q):
            d = {"country": r[1], "account": r[2], "accounting_number": r[3], "notes": r[4],
                 "custom_fields_json": json.dumps(r[5], ensure_ascii=False, sort_keys=True) if r[5] else None,
                 "building": r[6] or ""}
            d.update(zip(_SUB, r[7:], strict=True))
            extra[r[0]] = d
        for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id.in_(ids),
                                                          ReagentContainer.empty.is_(False))
                           .order_by(ReagentContainer.item_id, ReagentContainer.id)):
            conts.setdefault(c.item_id, []).append(
                {"quantity": c.amount, "unit": c.unit, **{f: getattr(c, f) for f in _CONT}})
    return extra, conts


def export_rows(q: ListQuery | None = None):
    """The rows of the export: one per item, a reagent's once per (not empty) container."""
    batch: list[dict] = []

    def flush():
        extra, conts = _details([r["id"] for r in batch])
        for r in batch:
            r.update(extra.get(r["id"], {}))
            r["status_label"] = status_label(r["status"])
            r["storage_group_label"] = storage_group_label(r.get("storage_group")) if r.get("storage_group") else ""
            r["expires_on"] = None
            if r["kind"] == "reagent" and conts.get(r["id"]):
                for c in conts[r["id"]]:
                    yield {**r, **c}
            else:
                yield r

    for r in iter_items(q or ListQuery()):
        batch.append(r)
        if len(batch) >= _BATCH:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def export_inventory(path, query: ListQuery | None = None, *, progress=None, cancelled=None) -> int:
    """Write the (filtered) list to .xlsx; returns the count of rows written."""
    require("inventory.read")
    try:
        n = xinv.write_inventory(path, export_rows(query), cancelled=cancelled,
                                 progress=(lambda k: progress(k, 0)) if progress else None)
    except XlsxCancelled as e:
        tmp = Path(f"{path}.part")
        if tmp.exists():
            tmp.unlink()
        raise Cancelled() from e
    except XlsxFileError as e:
        raise FileFormatError(str(e)) from e
    return n
