"""Import of the inventory from Excel (one transaction, Core bulk inserts); the export is in :mod:`.export`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import Cancelled, FileFormatError, ValidationError
from chemcluster_desktop.services.inventory.numbering import NumberAllocator, _movement_number
from chemcluster_desktop.services.inventory.validation import cas_valid, clean_ghs, clean_h_statements
from chemcluster_desktop.services.inventory.vocabulary import UNIT_KINDS
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.bulk import insert_rows
from chemcluster_desktop.storage.core import Building, Room
from chemcluster_desktop.storage.inventory import (
    Item,
    Movement,
    MovementLine,
    ReagentContainer,
    Substance,
    item_search_key,
)
from chemcluster_desktop.storage.search import bulk_index_items, fold
from chemcluster_desktop.xlsx import inventory as xinv
from chemcluster_desktop.xlsx.common import XlsxCancelled, XlsxFileError


def _t(s: str) -> str:
    return translate("Inventory", s)


@dataclass
class ImportReport:
    imported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    created_rooms: list[str] = field(default_factory=list)
    total_rows: int = 0
    dry_run: bool = False
    numbers_assigned: int = 0
    blank_rows: int = 0
    totals_rows: int = 0

    def summary(self) -> str:
        s = _t("Импортировано {0}, пропущено {1}").format(self.imported, len(self.skipped))
        if self.created_rooms:
            s += _t(", создано помещений: {0}").format(len(self.created_rooms))
        return s + "."


@dataclass
class ImportPreview:
    """What the preview dialog shows (duck-typed by ui/dialogs/import_preview.py)."""

    path: str
    headers: list[str]
    header_row: int
    mapping: dict[int, str]  # column index -> field ("" = ignored)
    uncertain: list[int]  # column indexes matched only loosely: ask the person
    fields: list[tuple[str, str]]  # (field, label) choices
    rows: list[tuple[int, list[str]]]  # first rows: (row number, shown values per mapped column)
    columns: list[str]  # labels of the shown values
    errors: list[tuple[int, str]]
    notes: list[str]
    report: ImportReport


class ImportRejected(ValidationError):
    """--strict: some row is bad, nothing imported; ``report.skipped`` lists every bad row."""

    def __init__(self, message: str, report: ImportReport):
        super().__init__(message)
        self.report = report


def _read(path, mapping, progress, cancelled) -> xinv.ParsedSheet:
    try:
        return xinv.read_inventory(path, mapping=mapping, progress=progress, cancelled=cancelled)
    except XlsxCancelled as e:
        raise Cancelled() from e
    except XlsxFileError as e:
        raise FileFormatError(str(e), row=e.row) from e


def _room_index(s) -> tuple[dict[str, int], dict[str, int]]:
    by_name: dict[str, int] = {}
    by_short: dict[str, list[int]] = {}
    for rid, name in s.execute(select(Room.id, Room.name)):
        by_name.setdefault(fold(name), rid)
        # «Лаборатория … (ауд. 201)» is also found as «ауд. 201» or «201»
        import re

        m = re.search(r"ауд\.?\s*([\w-]+)", fold(name))
        if m:
            by_short.setdefault("ауд. " + m.group(1), []).append(rid)
            by_short.setdefault(m.group(1), []).append(rid)
    short = {k: v[0] for k, v in by_short.items() if len(v) == 1}
    return by_name, short


def _resolve_room(name: str, by_name, short) -> int | None:
    key = fold(name)
    if key in by_name:
        return by_name[key]
    k2 = key.replace("ауд.", "ауд. ").replace("  ", " ")
    return short.get(k2) or short.get(key)


def _prepare(s, parsed: xinv.ParsedSheet, report: ImportReport, *, cancelled=None):
    """Check rows against the database; returns (good rows, rooms to create {fold: (name, building)})."""
    by_name, short = _room_index(s)
    new_rooms: dict[str, tuple[str, str]] = {}
    numbers_in_file: dict[str, int] = {}
    good = []
    for pr in parsed.rows:
        d = pr.data
        num = d.get("inventory_number") or None
        if num:
            if num in numbers_in_file:
                report.skipped.append((pr.row, _t("Инвентарный номер «{0}» повторяется (уже в строке {1}).")
                                       .format(num, numbers_in_file[num])))
                continue
            numbers_in_file[num] = pr.row
        cas = d.get("cas_number")
        if cas and not cas_valid(cas):
            report.skipped.append((pr.row, _t("Номер CAS «{0}» неверен (контрольная цифра не сходится).")
                                   .format(cas)))
            continue
        if d.get("ghs_pictograms"):
            try:
                d["ghs_pictograms"] = clean_ghs(d["ghs_pictograms"])
                d["h_statements"] = clean_h_statements(d.get("h_statements"))
            except ValidationError as e:
                report.skipped.append((pr.row, e.message))
                continue
        room = d.get("room") or ""
        if room:
            rid = _resolve_room(room, by_name, short)
            if rid is None and fold(room) not in new_rooms:
                new_rooms[fold(room)] = (room, d.get("building") or "")
        good.append(pr)
    # duplicates against the database, in chunks
    nums = list(numbers_in_file)
    existing: set[str] = set()
    for i in range(0, len(nums), 500):
        existing.update(n for (n,) in s.execute(select(Item.inventory_number)
                                                .where(Item.inventory_number.in_(nums[i:i + 500]))))
    if existing:
        kept = []
        for pr in good:
            n = pr.data.get("inventory_number")
            if n and n in existing:
                report.skipped.append((pr.row, _t("Инвентарный номер «{0}» уже есть в инвентаре.").format(n)))
                if fold(pr.data.get("room") or "") in new_rooms:
                    pass
            else:
                kept.append(pr)
        good = kept
    # rooms are created only for rows that will be imported
    wanted = {fold(pr.data.get("room") or "") for pr in good}
    new_rooms = {k: v for k, v in new_rooms.items() if k in wanted}
    report.numbers_assigned = sum(1 for pr in good if not pr.data.get("inventory_number")
                                  and pr.data["kind"] in UNIT_KINDS)
    report.skipped.sort()
    return good, new_rooms, by_name, short


def preview_import(path, mapping: dict[int, str] | None = None, *, progress=None, cancelled=None,
                   sample: int = 200) -> ImportPreview:
    parsed = _read(path, mapping, progress, cancelled)
    report = ImportReport(dry_run=True, total_rows=parsed.total_rows, blank_rows=parsed.skipped_blank,
                          totals_rows=parsed.skipped_totals)
    report.skipped = list(parsed.errors)
    with context.read() as s:
        good, new_rooms, _bn, _sh = _prepare(s, parsed, report)
    report.imported = len(good)
    report.created_rooms = [n for n, _b in new_rooms.values()]
    h = parsed.header
    mp = {i: f for f, i in h.columns.items()}
    shown = sorted(h.columns.items(), key=lambda kv: kv[1])
    rows = []
    for pr in parsed.rows[:sample]:
        rows.append((pr.row, [_show(pr.data.get(f)) for f, _i in shown]))
    notes = []
    if parsed.skipped_blank or parsed.skipped_totals:
        notes.append(_t("Пустых строк пропущено: {0}; строк итогов пропущено: {1}.")
                     .format(parsed.skipped_blank, parsed.skipped_totals))
    if report.created_rooms:
        notes.append(_t("Будут созданы помещения: {0}.").format(", ".join(report.created_rooms)))
    if report.numbers_assigned:
        notes.append(_t("Инвентарные номера будут присвоены автоматически: {0} позиций.")
                     .format(report.numbers_assigned))
    ignored = [t for _i, t in h.unmatched]
    if ignored:
        notes.append(_t("Столбцы без соответствия (не импортируются): {0}.").format(", ".join(ignored)))
    return ImportPreview(
        path=str(path), headers=h.headers, header_row=h.row, mapping=mp,
        uncertain=sorted(h.uncertain.values()), fields=[(f, xinv.field_label(f)) for f in xinv.FIELDS],
        rows=rows, columns=[xinv.field_label(f) for f, _i in shown], errors=report.skipped, notes=notes,
        report=report)


def _show(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.strftime("%d.%m.%Y")
    if isinstance(v, Decimal):
        s = format(v, "f")
        return s.replace(".", ",")
    return str(v)


def import_inventory(path, *, dry_run: bool = False, strict: bool = False, progress=None, cancelled=None,
                     mapping: dict[int, str] | None = None) -> ImportReport:
    """Import the rows of an .xlsx file in ONE transaction (all good rows, or nothing)."""
    if not dry_run:
        require("inventory.write")
    parsed = _read(path, mapping, progress, cancelled)
    report = ImportReport(dry_run=dry_run, total_rows=parsed.total_rows, blank_rows=parsed.skipped_blank,
                          totals_rows=parsed.skipped_totals)
    report.skipped = list(parsed.errors)
    if parsed.total_rows == 0:
        raise FileFormatError(_t("В файле «{0}» нет строк с данными под заголовком таблицы.").format(Path(path).name))
    with context.uow() as s:
        good, new_rooms, by_name, short = _prepare(s, parsed, report, cancelled=cancelled)
        report.created_rooms = [n for n, _b in new_rooms.values()]
        report.imported = len(good)
        if strict and report.skipped:
            report.imported = 0
            raise ImportRejected(_t("В файле {0} ошибочных строк; с ключом --strict ничего не импортировано.")
                                 .format(len(report.skipped)), report)
        if dry_run or not good:
            s.rollback()
            return report
        _write(s, good, new_rooms, by_name, short, Path(path).name, cancelled)
        audit.record(s, "import", "inventory", "Item", "", _t("Импорт из Excel «{0}»: {1} позиций, пропущено {2}")
                     .format(Path(path).name, report.imported, len(report.skipped)),
                     new={"file": Path(path).name, "imported": report.imported, "skipped": len(report.skipped),
                          "created_rooms": report.created_rooms})
        if cancelled is not None and cancelled():
            raise Cancelled()
    return report


def _create_rooms(s, new_rooms, by_name) -> None:
    """The buildings and rooms named in the file (in the import's transaction: the locations service
    creates a room only in a unit of work of its own)."""
    bmap = {fold(n): bid for bid, n in s.execute(select(Building.id, Building.name))}
    for key, (name, bname) in new_rooms.items():
        bid = None
        if bname:
            bid = bmap.get(fold(bname))
            if bid is None:
                b = Building(name=bname)
                s.add(b)
                s.flush()
                bid = bmap[fold(bname)] = b.id
        room = Room(name=name[:100], building_id=bid, kind="laboratory")
        s.add(room)
        s.flush()
        by_name[key] = room.id


def _substances(s, good) -> dict[str, int]:
    """Substances for the reagents: one per CAS number (or name), the stored ones reused."""
    subs: dict[str, int] = {}
    reagent_rows = [pr for pr in good if pr.data["kind"] == "reagent"]
    if reagent_rows:
        for sid, cas, name in s.execute(select(Substance.id, Substance.cas_number, Substance.name)):
            subs.setdefault(cas or fold(name), sid)
        for pr in reagent_rows:
            d = pr.data
            key = d.get("cas_number") or fold(d["name"])
            if key not in subs:
                sub = Substance(name=d["name"], cas_number=d.get("cas_number") or None,
                                formula=d.get("formula", ""), ghs_pictograms=d.get("ghs_pictograms", ""),
                                h_statements=d.get("h_statements", ""), storage_group=d.get("storage_group", ""))
                s.add(sub)
                s.flush()
                subs[key] = sub.id
    return subs


def _write(s, good, new_rooms, by_name, short, filename: str, cancelled) -> None:
    now = utcnow()
    if new_rooms:
        _create_rooms(s, new_rooms, by_name)
    subs = _substances(s, good)
    alloc = NumberAllocator(s)
    rows = []
    for pr in good:
        d = pr.data
        kind = d["kind"]
        num = d.get("inventory_number") or None
        if num is None and kind in UNIT_KINDS:
            num = alloc.next()
        room = d.get("room") or ""
        rid = _resolve_room(room, by_name, short) if room else None
        qty = d.get("quantity")
        if qty is None:
            qty = Decimal(1) if kind in UNIT_KINDS else Decimal(0)
        cas = d.get("cas_number") or ""
        rows.append({
            "kind": kind, "inventory_number": num, "name": d["name"], "model": d.get("model", ""),
            "serial_number": d.get("serial_number", ""), "manufacturer": d.get("manufacturer", ""),
            "country": d.get("country", ""), "cost": d.get("cost"), "commissioned_on": d.get("commissioned_on"),
            "status": d.get("status") or "in_use", "room_id": rid, "responsible": d.get("responsible", ""),
            "issued_to": "", "quantity": qty, "unit": d.get("unit") or ("шт." if kind != "reagent" else "г"),
            "min_quantity": d.get("min_quantity"),
            "substance_id": subs.get(cas or fold(d["name"])) if kind == "reagent" else None,
            "notes": d.get("notes", ""), "custom_fields": None,
            "search_key": item_search_key(d["name"], num, d.get("serial_number", ""), d.get("model", ""), cas),
            "created_at": now, "updated_at": now, "version": 1,
        })
    ids: list[int] = []
    # the search index takes the new rows in one pass, not through its per-row trigger (storage/search.py)
    bulk_index_items(s.connection(), lambda: ids.extend(_insert_with_ids(s, Item.__table__, rows, cancelled)))
    # reagent containers
    conts = []
    for iid, pr, r in zip(ids, good, rows, strict=True):
        d = pr.data
        if d["kind"] == "reagent" and r["quantity"]:
            conts.append({"item_id": iid, "amount": r["quantity"], "unit": r["unit"], "lot": d.get("lot", ""),
                          "supplier": d.get("supplier", ""), "received_on": d.get("received_on"),
                          "opened_on": None, "expires_on": d.get("expires_on"),
                          "storage_place": d.get("storage_place", ""), "empty": False,
                          "created_at": now, "updated_at": now, "version": 1})
    if conts:
        insert_rows(s.connection(), ReagentContainer.__table__, conts)
    # one receipt movement for the whole file
    today = dt.date.today()
    mv = s.execute(insert(Movement.__table__).returning(Movement.__table__.c.id), [{
        "kind": "receipt", "number": _movement_number(s, "receipt", today), "date": today,
        "from_room_id": None, "to_room_id": None, "person": "",
        "reason": _t("Импорт из Excel «{0}»").format(filename)[:1000], "created_by": context.actor().login,
        "created_at": now, "updated_at": now}]).scalar_one()
    lines = [{"movement_id": mv, "item_id": iid, "quantity": r["quantity"]} for iid, r in zip(ids, rows, strict=True)]
    insert_rows(s.connection(), MovementLine.__table__, lines)
    # every imported item in the journal, like an item created by hand (besides the import's summary entry)
    audit.record_created(s, "inventory", "Item", list(zip(ids, rows, strict=True)))


def _insert_with_ids(s, t, rows: list[dict], cancelled=None) -> list[int]:
    """Bulk insert returning the new ids in order. On SQLite (whose RETURNING cannot promise the
    order of a multi-row insert, so SQLAlchemy would fall back to one statement per row) the ids are
    allocated up front: the unit of work holds the write lock, so nobody else inserts meanwhile."""
    if s.get_bind().dialect.name == "sqlite":
        start = (s.scalar(select(func.max(t.c.id))) or 0) + 1
        ids = list(range(start, start + len(rows)))
        for i, r in zip(ids, rows, strict=True):
            r["id"] = i
        for k in range(0, len(rows), 5000):
            if cancelled is not None and cancelled():
                raise Cancelled()
            insert_rows(s.connection(), t, rows[k:k + 5000])
        return ids
    ids = []
    for k in range(0, len(rows), 2000):
        if cancelled is not None and cancelled():
            raise Cancelled()
        res = s.execute(insert(t).returning(t.c.id, sort_by_parameter_order=True), rows[k:k + 2000])
        ids.extend(r[0] for r in res)
    return ids
