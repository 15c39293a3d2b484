"""What an import will do with each row of the file: create, update or skip (with the reason).

The plan is made inside the import's unit of work (and for the preview in a read session): rows are
checked against the database — inventory numbers already used (the card is updated, never
duplicated), the reagent already kept in that room (its containers matched by lot), the rooms named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import or_, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory.validation import cas_valid, clean_ghs, clean_h_statements
from chemcluster_desktop.services.inventory.vocabulary import UNIT_KINDS, is_group, kind_label
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item, Substance
from chemcluster_desktop.storage.search import fold


def _t(s: str) -> str:
    return translate("Inventory", s)


@dataclass
class RowAction:
    """One row of the file and what happens to it (the preview's line)."""

    row: int
    action: str  # create | update | skip
    name: str = ""
    kind: str = ""
    room: str = ""
    quantity: Decimal | None = None
    reason: str = ""
    cards: int = 1  # cards created or updated by this row (a group split into units makes N)

    @property
    def action_label(self) -> str:
        return {"create": _t("создать"), "update": _t("обновить"), "skip": _t("пропустить")}[self.action]

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind) if self.kind else ""


@dataclass
class Plan:
    creates: list = field(default_factory=list)  # ParsedRow
    updates: list = field(default_factory=list)  # (ParsedRow, [item ids])
    new_rooms: dict[str, tuple[str, str]] = field(default_factory=dict)  # fold -> (name, building)
    by_name: dict[str, int] = field(default_factory=dict)
    short: dict[str, int] = field(default_factory=dict)
    actions: list[RowAction] = field(default_factory=list)
    bad: list[tuple[int, str]] = field(default_factory=list)
    numbers_assigned: int = 0


def room_index(s) -> tuple[dict[str, int], dict[str, int]]:
    by_name: dict[str, int] = {}
    by_short: dict[str, list[int]] = {}
    for rid, name in s.execute(select(Room.id, Room.name)):
        by_name.setdefault(fold(name), rid)
        # «Лаборатория … (ауд. 201)» is also found as «ауд. 201» or «201»
        m = re.search(r"ауд\.?\s*([\w-]+)", fold(name))
        if m:
            by_short.setdefault("ауд. " + m.group(1), []).append(rid)
            by_short.setdefault(m.group(1), []).append(rid)
    short = {k: v[0] for k, v in by_short.items() if len(v) == 1}
    return by_name, short


def resolve_room(name: str, by_name, short) -> int | None:
    key = fold(name)
    if key in by_name:
        return by_name[key]
    k2 = key.replace("ауд.", "ауд. ").replace("  ", " ")
    return short.get(k2) or short.get(key)


def reagent_key(d: dict) -> tuple[str, str]:
    """A reagent row's item: the substance (CAS, else the name) kept in a room."""
    return (d.get("cas_number") or fold(d["name"]), fold(d.get("room") or ""))


def _check_row(d: dict) -> str | None:
    cas = d.get("cas_number")
    if cas and not cas_valid(cas):
        return _t("Номер CAS «{0}» неверен (контрольная цифра не сходится).").format(cas)
    if d.get("ghs_pictograms") or d.get("h_statements"):
        try:
            d["ghs_pictograms"] = clean_ghs(d.get("ghs_pictograms"))
            d["h_statements"] = clean_h_statements(d.get("h_statements"))
        except ValidationError as e:
            return e.message
    return None


def make_plan(s, rows, *, room: str = "", responsible: str = "", groups: str = "keep") -> Plan:
    """Check every parsed row against the file itself and the database."""
    p = Plan()
    p.by_name, p.short = room_index(s)
    numbers: dict[str, tuple[int, dict]] = {}
    reagent_lots: dict[tuple, int] = {}
    good = []
    for pr in rows:
        d = pr.data
        if room and not d.get("room"):
            d["room"] = room
        if responsible and not d.get("responsible"):
            d["responsible"] = responsible
        why = _check_row(d)
        num = d.get("inventory_number") or None
        if why is None and num:
            if num in numbers:
                first_row, first = numbers[num]
                # a reagent's containers repeat its number, one row per lot (the export writes them so)
                same_reagent = (d["kind"] == "reagent" and first["kind"] == "reagent"
                                and fold(first["name"]) == fold(d["name"]))
                lot_key = (num, d.get("lot") or "")
                if not same_reagent or lot_key in reagent_lots:
                    why = _t("Инвентарный номер «{0}» повторяется (уже в строке {1}).").format(num, first_row)
                reagent_lots.setdefault(lot_key, pr.row)
            else:
                numbers[num] = (pr.row, d)
                if d["kind"] == "reagent":
                    reagent_lots[(num, d.get("lot") or "")] = pr.row
        if why is None and d["kind"] == "reagent" and not num:
            lot_key = (reagent_key(d), d.get("lot") or "")
            if lot_key in reagent_lots:
                why = _t("Партия «{0}» этого реактива уже есть в строке {1}.").format(d.get("lot") or "—",
                                                                                      reagent_lots[lot_key])
            reagent_lots[lot_key] = pr.row
        if why is not None:
            p.bad.append((pr.row, why))
            p.actions.append(RowAction(pr.row, "skip", d.get("name", ""), d.get("kind", ""), d.get("room") or "",
                                       d.get("quantity"), why))
            continue
        good.append(pr)
    existing = _existing(s, good, groups)
    for pr in good:
        d = pr.data
        ids = existing.get(id(pr))
        cards = int(d["quantity"]) if (groups == "split" and is_group(d["kind"], d.get("quantity"))) else 1
        r = d.get("room") or ""
        if r and resolve_room(r, p.by_name, p.short) is None and fold(r) not in p.new_rooms:
            p.new_rooms[fold(r)] = (r, d.get("building") or "")
        if ids:
            p.updates.append((pr, ids))
            p.actions.append(RowAction(pr.row, "update", d["name"], d["kind"], r, d.get("quantity"),
                                       _t("карточка с этим номером уже есть — обновится"), len(ids)))
        else:
            p.creates.append(pr)
            note = ""
            if is_group(d["kind"], d.get("quantity")):
                note = (_t("разбивается на {0} карточек по одной штуке").format(cards) if groups == "split"
                        else _t("группа из {0} одинаковых предметов под одним номером").format(int(d["quantity"])))
            p.actions.append(RowAction(pr.row, "create", d["name"], d["kind"], r, d.get("quantity"), note, cards))
            if d["kind"] in UNIT_KINDS and (not d.get("inventory_number") or cards > 1):
                p.numbers_assigned += cards
    p.actions.sort(key=lambda a: a.row)
    p.bad.sort()
    return p


def _existing(s, good, groups: str) -> dict[int, list[int]]:
    """Rows that match stored cards: by inventory number (or, for a group split before, the cards that
    keep its number as «номер по учёту»); a reagent without a number by its substance and room."""
    out: dict[int, list[int]] = {}
    nums = sorted({pr.data["inventory_number"] for pr in good if pr.data.get("inventory_number")})
    by_num: dict[str, int] = {}
    split_of: dict[str, list[int]] = {}
    for i in range(0, len(nums), 500):
        chunk = nums[i:i + 500]
        by_num.update({n: iid for iid, n in s.connection().execute(
            select(Item.id, Item.inventory_number).where(Item.inventory_number.in_(chunk)))})
        if groups == "split":
            for iid, n in s.execute(select(Item.id, Item.accounting_number)
                                    .where(Item.accounting_number.in_(chunk), Item.status != "written_off")
                                    .order_by(Item.id)):
                split_of.setdefault(n, []).append(iid)
    reagents: dict[tuple[str, str], int] = {}
    if any(pr.data["kind"] == "reagent" and not pr.data.get("inventory_number") for pr in good):
        q = (select(Item.id, Substance.cas_number, Substance.name, Room.name)
             .join(Substance, Substance.id == Item.substance_id)
             .join(Room, Room.id == Item.room_id, isouter=True)
             .where(Item.kind == "reagent", Item.status != "written_off"))
        for iid, cas, sname, rname in s.execute(q):
            reagents.setdefault((cas or fold(sname), fold(rname or "")), iid)
    unnumbered = _unnumbered(s, [pr for pr in good if not pr.data.get("inventory_number")
                                 and pr.data["kind"] != "reagent"])
    for pr in good:
        d = pr.data
        n = d.get("inventory_number")
        if not n and id(pr) in unnumbered:
            out[id(pr)] = [unnumbered[id(pr)]]
        elif n and groups == "split" and is_group(d["kind"], d.get("quantity")) and split_of.get(n):
            out[id(pr)] = split_of[n]
        elif n and n in by_num:
            out[id(pr)] = [by_num[n]]
        elif not n and d["kind"] == "reagent" and reagent_key(d) in reagents:
            out[id(pr)] = [reagents[reagent_key(d)]]
    return out


def _unnumbered(s, rows) -> dict[int, int]:
    """A row without an inventory number is the stored card of the same kind, name, model, serial number
    and room when there is exactly one such card (the card an earlier import of the file made).

    The candidates (the cards of those names and kinds in the rooms the rows name: thousands in a large
    inventory) are read as plain rows, and each distinct text folded once."""
    if not rows:
        return {}
    names = sorted({pr.data["name"] for pr in rows})
    kinds = sorted({pr.data["kind"] for pr in rows})
    folded: dict[str, str] = {}

    def f(text) -> str:
        text = text or ""
        v = folded.get(text)
        if v is None:
            v = folded[text] = fold(text)
        return v

    cands: dict[tuple, list[int]] = {}
    conn = s.connection()
    rooms = {f(pr.data.get("room")) for pr in rows}  # folded; "" for a row without a room
    in_rooms = Item.room_id.in_([rid for rid, rname in conn.execute(select(Room.id, Room.name)) if f(rname) in rooms])
    if "" in rooms:
        in_rooms = or_(in_rooms, Item.room_id.is_(None))
    for i in range(0, len(names), 500):
        q = (select(Item.id, Item.kind, Item.name, Item.model, Item.serial_number, Room.name)
             .join(Room, Room.id == Item.room_id, isouter=True)
             .where(Item.name.in_(names[i:i + 500]), Item.kind.in_(kinds), Item.status != "written_off", in_rooms))
        for iid, kind, name, model, serial, rname in conn.execute(q):
            cands.setdefault((kind, f(name), f(model), f(serial), f(rname)), []).append(iid)
    out: dict[int, int] = {}
    used: set[int] = set()
    for pr in rows:
        d = pr.data
        key = (d["kind"], f(d["name"]), f(d.get("model")), f(d.get("serial_number")), f(d.get("room")))
        ids = cands.get(key, [])
        if len(ids) == 1 and ids[0] not in used:
            out[id(pr)] = ids[0]
            used.add(ids[0])
    return out
