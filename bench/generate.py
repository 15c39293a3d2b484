"""The benchmark's data set: a large, believable college in one SQLite file.

    python -m bench.generate out.sqlite3 [--seed 1] [--scale 1.0]

At scale 1: 100,000 inventory items in 200 rooms (2,000 reagents with 5,000 containers), 50 workshops
with 300-line infrastructure lists and their checklists, 20 schools with 60 classes, 15 instructors,
6 modules and 10 workshops for the 34-week term «2026/27 учебный год» (requirements only) plus
10,000 placed lessons in the past term «2025/26 учебный год» (for the clash check), 2,000
procurement needs with 3–4 offers each. Deterministic from the seed.

The database is created and migrated by the program itself (``context.open_database``); rows go in
with Core ``insert(Model.__table__)`` and lists of dicts (the way the program's own imports do),
``search_key`` columns filled with the same functions the models' listeners use, Money and
Quantity values passed as Decimal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import random
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select

from bench import catalogue as cat

TODAY = dt.date(2026, 11, 26)
GENERATOR_VERSION = "9"

# the names the measurements look for
STORE_ROOM = "Центральный склад оборудования (ауд. 001)"  # 10 % of the items: the 10,000-row PDF
PACKET_WORKSHOP = "Мастерская «Лабораторный химический анализ» № 1"  # 25 workplaces, 10 photos
MATCH_WORKSHOP = "Мастерская «Химическая технология» № 2"  # its rooms hold 5 % of the items
TERM = "2026/27 учебный год"  # requirements of the large term, nothing placed yet
PAST_TERM = "2025/26 учебный год"  # 10,000 placed lessons


@dataclass
class Sizes:
    items: int
    reagent_items: int
    containers: int
    rooms: int
    workshops: int
    lines: int
    schools: int
    classes_per_school: int
    instructors: int
    sched_workshops: int
    lessons: int
    needs: int

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        def sc(n: int, lo: int) -> int:
            return max(lo, round(n * scale))

        return cls(items=sc(100_000, 300), reagent_items=sc(2_000, 10), containers=sc(5_000, 25),
                   rooms=sc(200, 14), workshops=sc(50, 4), lines=sc(300, 40), schools=sc(20, 3),
                   classes_per_school=3, instructors=sc(15, 6), sched_workshops=sc(10, 4),
                   lessons=sc(10_000, 300), needs=sc(2_000, 30))


@dataclass
class Generated:
    path: str
    seed: int
    scale: float
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"path": self.path, "seed": self.seed, "scale": self.scale, "seconds": round(self.seconds, 2),
                "counts": self.counts, "names": self.names}


# --- helpers --------------------------------------------------------------------------------------
def cas_with_check_digit(cas: str) -> str:
    """Recompute the CAS check digit (so every generated CAS number validates)."""
    a, b, _c = cas.split("-")
    digits = (a + b)[::-1]
    check = sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10
    return f"{a}-{b}-{check}"


def inn_legal(rng: random.Random) -> str:
    """A 10-digit ИНН of a legal entity (Nizhny Novgorod region 52xx) with a valid check digit."""
    body = [5, 2, 4, 9] + [rng.randrange(10) for _ in range(5)]
    w = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return "".join(map(str, body)) + str(sum(x * y for x, y in zip(body, w, strict=True)) % 11 % 10)


def _key_fn(module, name: str, fallback):
    return getattr(module, name, None) or fallback


class Writer:
    """Core bulk inserts into the program's own tables (unknown keys dropped, ids given by us)."""

    def __init__(self, conn):
        self.conn = conn
        self.counts: dict[str, int] = {}

    def next_id(self, model) -> int:
        return int(self.conn.scalar(select(func.coalesce(func.max(model.__table__.c.id), 0))) or 0) + 1

    def insert(self, model, rows: list[dict], chunk: int = 10_000) -> None:
        if not rows:
            return
        table = model.__table__
        cols = set(table.c.keys())
        keys = [k for k in rows[0] if k in cols]
        if len(keys) != len(rows[0]):
            rows = [{k: r[k] for k in keys} for r in rows]
        for i in range(0, len(rows), chunk):
            self.conn.execute(insert(table), rows[i:i + chunk])
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)


def _photo(rng: random.Random, w: int, h: int, kind: str = "photo", fmt: str = "JPEG") -> bytes:
    """A deterministic picture: a lab bench with glassware (photo) or a floor plan (layout)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (w, h), (236, 239, 241) if kind == "layout" else (
        rng.randrange(150, 210), rng.randrange(160, 210), rng.randrange(170, 220)))
    d = ImageDraw.Draw(img)
    if kind == "layout":
        d.rectangle([20, 20, w - 20, h - 20], outline=(38, 50, 56), width=6)
        cols = 5
        for i in range(25):
            x = 60 + (i % cols) * (w - 120) // cols
            y = 60 + (i // cols) * (h - 200) // 5
            d.rectangle([x, y, x + (w - 160) // cols - 20, y + (h - 240) // 5 - 20], outline=(21, 101, 192),
                        fill=(227, 238, 250), width=3)
        d.rectangle([w - 320, h - 150, w - 40, h - 40], outline=(123, 31, 162), fill=(243, 229, 245), width=3)
    else:
        for _ in range(40):
            x, y = rng.randrange(w), rng.randrange(h)
            r = rng.randrange(10, max(11, w // 8))
            col = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            if rng.random() < 0.5:
                d.ellipse([x - r, y - r, x + r, y + r], fill=col)
            else:
                d.rectangle([x - r, y - r // 2, x + r, y + r], fill=col)
        d.rectangle([0, int(h * 0.7), w, h], fill=(120, 90, 60))
    buf = io.BytesIO()
    img.save(buf, fmt, quality=85) if fmt == "JPEG" else img.save(buf, fmt)
    return buf.getvalue()


# --- the generator --------------------------------------------------------------------------------
def generate(path: str | Path, *, seed: int = 1, scale: float = 1.0, progress=None) -> Generated:
    """Create (overwriting) the SQLite database at ``path`` and fill it. Returns counts and the names
    of the records the measurements use."""
    from chemcluster_desktop.services import audit, context
    from chemcluster_desktop.storage import accreditation as acc
    from chemcluster_desktop.storage import core, inventory, procurement, schedule
    from chemcluster_desktop.storage.search import make_key

    t0 = time.perf_counter()
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()
    db = context.open_database(path)
    rng = random.Random(seed)
    sz = Sizes.for_scale(scale)
    out = Generated(str(path), seed, scale)
    say = progress or (lambda _m: None)

    item_key = _key_fn(inventory, "item_search_key", lambda *a: make_key(*a))
    line_key = _key_fn(acc, "line_search_key", lambda n, nm, sp: make_key(n, nm, sp)[:800])

    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON") if db.is_sqlite else None
        w = Writer(conn)

        # --- college settings, buildings, rooms ---------------------------------------------------
        existing = {r[0] for r in conn.execute(select(core.Setting.key))}
        settings = {
            "college.name": "ГБПОУ «Дзержинский химический техникум имени Красной Армии»",
            "college.short_name": "ДХТ",
            "college.address": "606023, Нижегородская область, г. Дзержинск, пр. Циолковского, д. 23",
            "college.inn": "5249023823", "college.director": "Смирнова Ольга Викторовна",
        }
        w.insert(core.Setting, [{"key": k, "value": v} for k, v in settings.items() if k not in existing])

        b0 = w.next_id(core.Building)
        w.insert(core.Building, [{"id": b0 + i, "name": n, "address": a} for i, (n, a) in enumerate(cat.BUILDINGS)])
        building_ids = [b0 + i for i in range(len(cat.BUILDINGS))]

        n_ws_rooms = sz.workshops + 1  # the matching workshop has two rooms
        n_store = max(2, sz.rooms // 10)
        n_lab = max(2, (sz.rooms - n_ws_rooms - n_store) // 2)
        n_office = max(1, sz.rooms - n_ws_rooms - n_store - n_lab)
        room_rows: list[dict] = []
        r0 = w.next_id(core.Room)
        auditorium = iter(range(101, 10_000))

        def add_room(name: str, kind: str, building: int) -> dict:
            resp = "{} {}".format(*rng.choice(cat.SURNAMES))
            row = {"id": r0 + len(room_rows), "building_id": building, "name": name, "kind": kind,
                   "area_m2": str(rng.choice([18, 24, 36, 48, 54, 64, 72, 80, 96, 110, 120, 140])),
                   "responsible": resp, "notes": "", "search_key": make_key(name, resp)}
            room_rows.append(row)
            return row

        store = add_room(STORE_ROOM, "store", building_ids[1])
        ws_rooms = []
        for i in range(n_ws_rooms):
            base = cat.ROOM_NAMES["workshop"][i % len(cat.ROOM_NAMES["workshop"])]
            ws_rooms.append(add_room(f"{base} (ауд. {next(auditorium)})", "workshop", building_ids[2 + i % 2]))
        for kind, n in (("store", n_store - 1), ("laboratory", n_lab), ("office", n_office)):
            for i in range(n):
                base = cat.ROOM_NAMES[kind][i % len(cat.ROOM_NAMES[kind])]
                add_room(f"{base} (ауд. {next(auditorium)})", kind, building_ids[i % 2])
        w.insert(core.Room, room_rows)
        say(f"rooms: {len(room_rows)}")

        # --- infrastructure lists (one per competency, versioned 2026) ----------------------------
        c0 = w.next_id(acc.Competency)
        comp_names = {r[0] for r in conn.execute(select(acc.Competency.name))}
        comps = [(c0 + i, code, name) for i, (code, name) in enumerate(cat.COMPETENCIES) if name not in comp_names]
        w.insert(acc.Competency, [{"id": i, "code": code, "name": name} for i, code, name in comps])
        l0 = w.next_id(acc.InfrastructureList)
        w.insert(acc.InfrastructureList, [
            {"id": l0 + k, "competency_id": cid, "year": 2026,
             "title": f"Инфраструктурный лист «{name}» (ДЭ ПУ, 2026)", "source_file": f"ИЛ_{code}_2026.xlsx"}
            for k, (cid, code, name) in enumerate(comps)])
        zones = [("workplace", "Оборудование на 1 рабочее место", 0.37, True),
                 ("consumables", "Расходные материалы на 1 рабочее место", 0.23, True),
                 ("expert", "Комната экспертов", 0.13, False),
                 ("safety", "Охрана труда и техника безопасности", 0.08, False),
                 ("general", "Общая инфраструктура площадки", 0.14, False),
                 ("store", "Склад и подсобное помещение", 0.05, False)]
        line_rows: list[dict] = []
        lines_by_list: dict[int, list[dict]] = {}
        li = w.next_id(acc.InfrastructureLine)
        for k in range(len(comps)):
            list_id = l0 + k
            lst = []
            pos = 0
            for zone, section, share, per_wp in zones:
                n = max(2, round(sz.lines * share)) if zone != "store" else sz.lines - pos
                for _j in range(max(n, 1)):
                    pos += 1
                    if zone in ("workplace", "expert", "general", "store"):
                        if zone == "expert" and rng.random() < 0.5:
                            name, price = rng.choice(cat.FURNITURE)
                            spec, unit, src = "", "шт.", ("furniture", name, price)
                        else:
                            e = rng.choice(cat.EQUIPMENT)
                            name, spec, unit = e[0], e[1], e[2]
                            src = ("equipment", e)
                    elif zone == "safety":
                        e = rng.choice([x for x in cat.EQUIPMENT if x[3] < 70000])
                        name, spec, unit, src = e[0], e[1], e[2], ("equipment", e)
                    else:
                        if rng.random() < 0.5:
                            c = rng.choice(cat.CONSUMABLES)
                            name, spec, unit, src = c[0], "", c[1], ("consumable", c)
                        else:
                            s = rng.choice(cat.SUBSTANCES)
                            name, spec, unit = s[0], "ГОСТ, не менее 1 уп.", s[6]
                            src = ("reagent", s)
                    qty = Decimal(rng.choice({"workplace": [1] * 8 + [2], "consumables": [1, 2, 5, 10, 20],
                                              "expert": [1, 1, 2, 3], "safety": [1, 1, 2],
                                              "general": [1, 1, 2, 4]}.get(zone, [1, 2])))
                    number = f"{pos}"
                    row = {"id": li, "list_id": list_id, "position": pos, "number": number, "zone": zone,
                           "section": section, "name": name, "specification": spec, "quantity": qty, "unit": unit,
                           "per_workplace": per_wp, "note": "", "search_key": line_key(number, name, spec)}
                    li += 1
                    lst.append({**row, "_src": src})
                    line_rows.append(row)
                if pos >= sz.lines:
                    break
            lines_by_list[list_id] = lst
        w.insert(acc.InfrastructureLine, line_rows)
        say(f"infrastructure lines: {len(line_rows)}")

        # --- workshops ---------------------------------------------------------------------------
        ws0 = w.next_id(acc.Workshop)
        workshop_rows, ws_room_rows, ws_info = [], [], []
        for i in range(sz.workshops):
            k = i % len(comps)
            cid, _code, cname = comps[k]
            if i == 0:
                name, wp = PACKET_WORKSHOP, 25
            elif i == 1:
                name, wp = MATCH_WORKSHOP, 12
            else:
                name, wp = f"Мастерская «{cname}» № {i + 1}", rng.choice([6, 8, 10, 12, 12, 15, 25])
            if 0 < i < sz.sched_workshops:
                wp = 25  # the timetable's workshops take a whole class
            rooms = [ws_rooms[i]["id"]] + ([ws_rooms[-1]["id"]] if i == 1 else [])
            resp = "{} {}".format(*rng.choice(cat.SURNAMES))
            workshop_rows.append({
                "id": ws0 + i, "name": name, "competency_id": cid, "list_id": l0 + k, "workplaces": wp,
                "responsible": resp, "area_m2": ws_rooms[i]["area_m2"], "layout_plan": None, "layout_plan_name": "",
                "accreditation_date": dt.date(2027, rng.choice([3, 4, 5, 6]), rng.randrange(1, 28)), "notes": ""})
            ws_room_rows += [{"workshop_id": ws0 + i, "room_id": r} for r in rooms]
            ws_info.append({"id": ws0 + i, "list_id": l0 + k, "rooms": rooms, "workplaces": wp})
        workshop_rows[0]["layout_plan"] = _photo(rng, 1600, 1000, "layout", "PNG")
        workshop_rows[0]["layout_plan_name"] = "план_застройки.png"
        w.insert(acc.Workshop, workshop_rows)
        w.insert(acc.WorkshopRoom, ws_room_rows)

        # --- substances, items, containers ---------------------------------------------------------
        s0 = w.next_id(inventory.Substance)
        subs = []
        for j, (name, cas, formula, group, ghs, hs, unit) in enumerate(cat.SUBSTANCES):
            cas = cas_with_check_digit(cas)
            subs.append({"id": s0 + j, "name": name, "cas_number": cas, "formula": formula, "ghs_pictograms": ghs,
                         "h_statements": hs, "storage_group": group, "search_key": make_key(name, cas, formula),
                         "_unit": unit})
        w.insert(inventory.Substance, subs)

        # room quotas: 10 % in the central store, 5 % in the matching workshop's two rooms; each other
        # workshop gets what its list needs (up to a budget), the rest is spread over the other rooms
        n_items = sz.items
        quota = {r["id"]: 0 for r in room_rows}
        quota[store["id"]] = round(n_items * 0.10)
        match_rooms = ws_info[1]["rooms"]
        quota[match_rooms[0]] = round(n_items * 0.035)
        quota[match_rooms[1]] = round(n_items * 0.05) - quota[match_rooms[0]]
        ws_budget = int(n_items * 0.62 / max(1, len(ws_info) - 1))
        room_by_id = {r["id"]: r for r in room_rows}
        ws_by_room = {}
        for wi in ws_info:
            for r in wi["rooms"]:
                ws_by_room[r] = wi

        item_rows: list[dict] = []
        i0 = w.next_id(inventory.Item)
        seq = iter(range(1, 10_000_000))
        reagents_left = sz.reagent_items
        reagent_rows: list[dict] = []
        # items made for a workshop's list line: (workshop id, line id) -> [item ids]
        line_items: dict[tuple[int, int], list[int]] = {}

        def variant(name: str, model: str, maker: str) -> str:
            r = rng.random()
            if r < 0.35:
                return f"{name} {model}"
            if r < 0.55:
                return f"{name} {maker} {model}"
            if r < 0.7:
                words = name.split()
                if len(words) > 1:
                    words[0], words[1] = words[1].capitalize(), words[0].lower()
                return " ".join(words) + f" ({model})"
            if r < 0.8:
                return f"{name.upper()} {model}"
            return name

        # the rooms the measurements count exactly: nothing written off there
        keep_rooms = {store["id"], *match_rooms}

        def make_item(room_id: int, src=None, qty_override: Decimal | None = None) -> dict:
            nonlocal reagents_left
            room = room_by_id[room_id]
            kind_r = rng.random()
            if src is not None:
                kind = src[0]
            elif reagents_left > 0 and kind_r < 0.04:
                kind = "reagent"
            elif kind_r < 0.5:
                kind = "equipment"
            elif kind_r < 0.72:
                kind = "furniture"
            else:
                kind = "consumable"
            if kind == "reagent" and reagents_left <= 0:
                kind = "consumable"
            iid = i0 + len(item_rows)
            year = rng.choice([2012, 2015, 2018, 2020, 2022, 2023, 2024, 2025, 2026])
            status = "in_use"
            inv = serial = model = maker = country = ""
            cost = None
            commissioned = None
            qty, unit, minq, substance_id = Decimal(1), "шт.", None, None
            cas = ""
            if kind == "equipment":
                e = src[1] if src else rng.choice(cat.EQUIPMENT)
                model, maker = rng.choice(e[4])
                name = variant(e[0], model, maker)
                inv = f"ХП-{year}-{next(seq):06d}"
                serial = f"{rng.choice('ABCDKMNPSTX')}{rng.randrange(10**7, 10**8)}"
                country = "Россия" if any(ch in maker for ch in "абвгдежзиклмнопрстуфхцчшщэюя") or rng.random() < 0.3 \
                    else rng.choice(["Япония", "Германия", "Китай", "Швейцария", "Чехия"])
                cost = Decimal(int(e[3] * rng.uniform(0.8, 1.25))) + Decimal(rng.randrange(100)) / 100
                commissioned = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
                status = rng.choices(["in_use", "repair", "not_commissioned", "written_off"], [90, 3, 4, 3])[0]
                if room_id in keep_rooms and status == "written_off":
                    status = "not_commissioned"
                unit = e[2] if e[2] in ("шт.", "комплект") else "шт."
            elif kind == "furniture":
                name, price = (src[1], src[2]) if src else rng.choice(cat.FURNITURE)
                inv = f"ХП-{year}-{next(seq):06d}"
                cost = Decimal(int(price * rng.uniform(0.85, 1.2)))
                commissioned = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
                maker, country = rng.choice(["Фабрика «Шатура»", "ООО «Мебель-НН»", "ДМФ «Дзержинская мебель»"]), \
                    "Россия"
                status = rng.choices(["in_use", "written_off"], [97, 3])[0]
                if room_id in keep_rooms:
                    status = "in_use"
            elif kind == "consumable":
                if src is not None and src[0] == "reagent":  # no reagent items left: a consumable of it
                    name, unit, price = src[1][0], src[1][6], 500
                else:
                    name, unit, price = src[1][:3] if src else rng.choice(cat.CONSUMABLES)
                cost = Decimal(price)
                qty = qty_override if qty_override is not None else Decimal(rng.randrange(0, 120))
                minq = Decimal(rng.choice([5, 10, 20]))
            else:
                reagents_left -= 1
                sub = next(s for s in subs if s["name"] == src[1][0]) if src else rng.choice(subs)
                name, substance_id, cas = sub["name"], sub["id"], sub["cas_number"]
                unit = sub["_unit"]
                qty = Decimal(0)
                cost = Decimal(rng.randrange(300, 9000))
                reagent_rows.append({"item": iid, "unit": unit})
            row = {
                "id": iid, "kind": kind, "inventory_number": inv or None, "name": name, "model": model,
                "serial_number": serial, "manufacturer": maker, "country": country, "cost": cost,
                "commissioned_on": commissioned, "status": status, "room_id": room_id,
                "responsible": room["responsible"], "quantity": qty, "unit": unit, "min_quantity": minq,
                "substance_id": substance_id, "notes": "", "custom_fields": None,
                "search_key": item_key(name, inv, serial, model, cas),
            }
            item_rows.append(row)
            return row

        def cover(wi: dict, rid: int, budget: int) -> int:
            """Items named like the workshop's list lines, about as many as each line needs."""
            made = 0
            lines = lines_by_list[wi["list_id"]]
            total = sum(ln["quantity"] * (wi["workplaces"] if ln["per_workplace"] else 1)
                        for ln in lines if ln["_src"][0] not in ("consumable", "reagent"))
            share = min(Decimal(1), Decimal(budget) / max(total, 1))  # a big workshop is only partly equipped
            for line in lines:
                if made >= budget:
                    break
                if rng.random() < 0.12:
                    continue
                src = line["_src"]
                need = line["quantity"] * (wi["workplaces"] if line["per_workplace"] else 1)
                if src[0] in ("consumable", "reagent"):
                    q = (need * Decimal(str(round(rng.uniform(0.5, 1.3), 2)))).quantize(Decimal(1))
                    ids = [make_item(rid, src, q)["id"]]
                else:
                    k = min(budget - made,
                            max(1, int(need * share * Decimal(rng.choice(["1", "1", "1", "0.8", "0.5"])))))
                    ids = [make_item(rid, src)["id"] for _ in range(k)]
                made += len(ids)
                line_items.setdefault((wi["id"], line["id"]), []).extend(ids)
            return made

        for wi in ws_info:
            rid = wi["rooms"][0]
            if wi is ws_info[1]:
                made = cover(wi, rid, int(quota[rid] * 0.5))
            else:
                made = cover(wi, rid, ws_budget)
                quota[rid] = made + max(1, ws_budget // 20)  # and a few things of other kinds
            while made < quota[rid]:
                make_item(rid)
                made += 1
        for rid in match_rooms[1:]:
            for _ in range(quota[rid]):
                make_item(rid)
        for _ in range(min(quota[store["id"]], n_items - len(item_rows))):
            make_item(store["id"])
        done = {wi["rooms"][0] for wi in ws_info} | set(match_rooms) | {store["id"]}
        rest_rooms = [r["id"] for r in room_rows if r["id"] not in done]
        left = max(0, n_items - len(item_rows))
        for j, rid in enumerate(rest_rooms):
            for _ in range(left // len(rest_rooms) + (1 if j < left % len(rest_rooms) else 0)):
                make_item(rid)
        w.insert(inventory.Item, item_rows)
        say(f"items: {len(item_rows)}")

        # reagent containers: spread sz.containers over the reagent items
        cont_rows = []
        rc0 = w.next_id(inventory.ReagentContainer)
        amounts: dict[int, Decimal] = {}
        for j in range(sz.containers):
            r = reagent_rows[j % len(reagent_rows)] if reagent_rows else None
            if r is None:
                break
            received = TODAY - dt.timedelta(days=rng.randrange(10, 900))
            expires = received + dt.timedelta(days=rng.choice([730, 1095, 1825, 1825]))
            amount = Decimal(rng.choice([50, 100, 250, 500, 1000, 2500]))
            amounts[r["item"]] = amounts.get(r["item"], Decimal(0)) + amount
            cont_rows.append({
                "id": rc0 + j, "item_id": r["item"], "amount": amount, "unit": r["unit"],
                "lot": f"{rng.randrange(100, 999)}-{received:%y%m}", "supplier": rng.choice(cat.SUPPLIER_NAMES),
                "received_on": received, "opened_on": received + dt.timedelta(days=rng.randrange(1, 60))
                if rng.random() < 0.6 else None, "expires_on": expires,
                "storage_place": f"Шкаф {rng.randrange(1, 9)}, полка {rng.randrange(1, 5)}", "empty": False})
        w.insert(inventory.ReagentContainer, cont_rows)
        # a reagent item's quantity is the sum of its containers (as the inventory area keeps it)
        if amounts:
            from sqlalchemy import bindparam, update

            t = inventory.Item.__table__
            conn.execute(update(t).where(t.c.id == bindparam("iid")).values(quantity=bindparam("q")),
                         [{"iid": k, "q": v} for k, v in amounts.items()])
        say(f"reagent containers: {len(cont_rows)}")

        # --- checklists with links (not for the matching workshop: the matching figure fills it) -----
        cl_rows, link_rows = [], []
        cl0 = w.next_id(acc.ChecklistLine)
        lk0 = w.next_id(acc.ChecklistLink)
        qty_of = {r["id"]: r["quantity"] for r in item_rows}
        for wi in ws_info:
            for line in lines_by_list[wi["list_id"]]:
                clid = cl0 + len(cl_rows)
                override, ocomment = None, ""
                if rng.random() < 0.01:
                    override, ocomment = "met", "Заменено аналогом, согласовано с главным экспертом"
                cl_rows.append({"id": clid, "workshop_id": wi["id"], "line_id": line["id"],
                                "status_override": override, "override_comment": ocomment, "comment": ""})
                if wi["id"] == ws_info[1]["id"]:
                    continue
                for iid in line_items.get((wi["id"], line["id"]), []):
                    state = "confirmed" if rng.random() < 0.6 else "auto"
                    link_rows.append({"id": lk0 + len(link_rows), "checklist_line_id": clid, "item_id": iid,
                                      "quantity": None if qty_of[iid] == 1 else qty_of[iid],
                                      "confirmed": state == "confirmed", "state": state,
                                      "score": rng.randrange(70, 100)})
        w.insert(acc.ChecklistLine, cl_rows)
        w.insert(acc.ChecklistLink, link_rows)
        # ten photos of the packet workshop
        ev0 = w.next_id(acc.Evidence)
        first_cl = [r for r in cl_rows if r["workshop_id"] == ws_info[0]["id"]]
        ev_rows = []
        for j in range(10):
            data = _photo(rng, 1280, 960)
            ev_rows.append({"id": ev0 + j, "workshop_id": ws_info[0]["id"],
                            "checklist_line_id": first_cl[j * 7 % len(first_cl)]["id"] if j % 2 else None,
                            "file_name": f"IMG_{20261101 + j}.jpg", "caption": f"Рабочее место № {j + 1}, общий вид",
                            "mime": "image/jpeg", "width": 1280, "height": 960, "data": data,
                            "created_at": dt.datetime(2026, 11, 2 + j, 10, 30)})
        w.insert(acc.Evidence, ev_rows)
        say(f"checklists: {len(cl_rows)} lines, {len(link_rows)} links")

        # --- schedule ------------------------------------------------------------------------------
        slot_numbers = {r[0] for r in conn.execute(select(schedule.TimeSlot.number))}
        bells = [(1, "09:00", "09:45"), (2, "09:55", "10:40"), (3, "11:00", "11:45"), (4, "11:55", "12:40"),
                 (5, "13:00", "13:45"), (6, "13:55", "14:40")]
        ts0 = w.next_id(schedule.TimeSlot)
        w.insert(schedule.TimeSlot, [
            {"id": ts0 + j, "number": n, "starts_at": dt.time.fromisoformat(a), "ends_at": dt.time.fromisoformat(b)}
            for j, (n, a, b) in enumerate(bells) if n not in slot_numbers])
        slot_id = {r.number: r.id for r in conn.execute(select(schedule.TimeSlot.id, schedule.TimeSlot.number))}
        hol = [("Осенние каникулы", "2025-10-27", "2025-11-04"), ("Зимние каникулы", "2025-12-29", "2026-01-11"),
               ("Весенние каникулы", "2026-03-23", "2026-03-29"), ("Осенние каникулы", "2026-10-26", "2026-11-03"),
               ("Зимние каникулы", "2026-12-28", "2027-01-10"), ("Весенние каникулы", "2027-03-22", "2027-03-28"),
               ("День защитника Отечества", "2027-02-23", "2027-02-23"), ("Праздничные дни", "2027-05-01", "2027-05-11")]
        h0 = w.next_id(schedule.Holiday)
        w.insert(schedule.Holiday, [{"id": h0 + j, "name": n, "starts_on": dt.date.fromisoformat(a),
                                     "ends_on": dt.date.fromisoformat(b)} for j, (n, a, b) in enumerate(hol)])
        holidays = [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for _n, a, b in hol]
        t0_ = w.next_id(schedule.Term)
        terms = [(t0_, PAST_TERM, dt.date(2025, 9, 1), dt.date(2026, 6, 30)),
                 (t0_ + 1, TERM, dt.date(2026, 9, 1), dt.date(2027, 5, 28))]
        w.insert(schedule.Term, [{"id": i, "name": n, "starts_on": a, "ends_on": b} for i, n, a, b in terms])

        sc0 = w.next_id(schedule.School)
        school_rows, class_rows = [], []
        cl_id = w.next_id(schedule.SchoolClass)
        for j in range(sz.schools):
            num = [1, 2, 3, 5, 6, 7, 9, 10, 12, 14, 15, 17, 19, 20, 21, 24, 25, 27, 30, 36, 37, 38, 39, 40][j % 24]
            name = (f"МБОУ «Средняя школа № {num}»" if j < 24 else f"МБОУ «Средняя школа № {num}-{j}»")
            school_rows.append({"id": sc0 + j, "name": name, "address": f"г. Дзержинск, ул. {rng.choice(['Ленина', 'Гагарина', 'Чапаева', 'Пирогова', 'Петрищева', 'Строителей'])}, д. {rng.randrange(1, 90)}",
                                "contact": "Завуч {} {}, +7 (8313) {}-{:02d}-{:02d}".format(
                                    *rng.choice(cat.SURNAMES), rng.randrange(20, 40), rng.randrange(100),
                                    rng.randrange(100))})
            school_rows[-1]["search_key"] = schedule.school_search_key(
                name, school_rows[-1]["address"], school_rows[-1]["contact"])
            days = sorted(rng.sample(range(5), 2))
            first = rng.choice([1, 2])
            for letter in "АБВГД"[:sz.classes_per_school]:
                class_rows.append({"id": cl_id, "school_id": sc0 + j, "name": f"8{letter}",
                                   "search_key": schedule.class_search_key(f"8{letter}"),
                                   "pupils": rng.randrange(14, 26),
                                   "availability": {"weekdays": days, "slots": list(range(first, first + 5))}})
                cl_id += 1
        w.insert(schedule.School, school_rows)
        w.insert(schedule.SchoolClass, class_rows)
        in0 = w.next_id(schedule.Instructor)
        instr_rows = []
        for j in range(sz.instructors):
            s, ini = cat.SURNAMES[j % len(cat.SURNAMES)]
            instr_rows.append({"id": in0 + j, "full_name": f"{s} {ini}" + ("" if j < len(cat.SURNAMES) else f" ({j})"),
                               "availability": {"weekdays": [0, 1, 2, 3, 4], "slots": [1, 2, 3, 4, 5, 6]},
                               "contact": f"+7 (910) {rng.randrange(100, 999)}-{rng.randrange(10, 99)}-{rng.randrange(10, 99)}"})
            instr_rows[-1]["search_key"] = schedule.instructor_search_key(
                instr_rows[-1]["full_name"], instr_rows[-1]["contact"])
        w.insert(schedule.Instructor, instr_rows)
        m0 = w.next_id(schedule.CourseModule)
        # профпробы: career-guidance hours, not bounded by the subject's 34-hour cap (issue 15)
        mod_rows = [{"id": m0 + j, "name": n, "hours": 6 + (j % 3), "max_group": None, "workshop_kinds": comp,
                     "description": f"Профессиональная проба по компетенции «{comp}»", "kind": "guidance"}
                    for j, (n, comp) in enumerate(cat.MODULES)]
        for r in mod_rows:
            r["search_key"] = schedule.module_search_key(r["name"], r["workshop_kinds"], r["description"])
        w.insert(schedule.CourseModule, mod_rows)
        sched_ws = [wi for wi in ws_info[:sz.sched_workshops]]
        wm = set()
        for j, m in enumerate(mod_rows):
            for k in range(3):
                wm.add((sched_ws[(j + k * 2) % len(sched_ws)]["id"], m["id"]))
        w.insert(schedule.WorkshopModule, [{"workshop_id": a, "module_id": b} for a, b in sorted(wm)])
        im = set()
        for j, ins in enumerate(instr_rows):
            im.add((ins["id"], mod_rows[j % len(mod_rows)]["id"]))
            im.add((ins["id"], mod_rows[(j + 2) % len(mod_rows)]["id"]))
        w.insert(schedule.InstructorModule, [{"instructor_id": a, "module_id": b} for a, b in sorted(im)])
        req_rows = []
        rq0 = w.next_id(schedule.Requirement)
        for c in class_rows:
            for m in mod_rows:
                for tid in (terms[0][0], terms[1][0]):
                    req_rows.append({"id": rq0 + len(req_rows), "term_id": tid, "class_id": c["id"],
                                     "module_id": m["id"], "subgroup": 0, "hours": m["hours"]})
        w.insert(schedule.Requirement, req_rows)

        # the past term: sz.lessons lessons placed without clashes (a handful of deliberate ones)
        def in_holiday(d: dt.date) -> bool:
            return any(a <= d <= b for a, b in holidays)

        ws_mods = {}
        for a, b in wm:
            ws_mods.setdefault(a, []).append(b)
        mod_instr = {}
        for a, b in im:
            mod_instr.setdefault(b, []).append(a)
        lesson_rows = []
        le0 = w.next_id(schedule.Lesson)
        class_by_day = {wd: [c for c in class_rows if wd in c["availability"]["weekdays"]] for wd in range(5)}
        busy: set[tuple] = set()  # (date, slot, "w"|"c"|"i", id): several passes never double-book
        for _pass in range(4):
            d = terms[0][2]
            while len(lesson_rows) < sz.lessons and d <= terms[0][3]:
                if d.weekday() < 5 and not in_holiday(d):
                    for sn in range(1, 7):
                        avail = [c for c in class_by_day[d.weekday()] if sn in c["availability"]["slots"]
                                 and (d, sn, "c", c["id"]) not in busy]
                        rng.shuffle(avail)
                        for wi in sched_ws:
                            if not avail or len(lesson_rows) >= sz.lessons:
                                break
                            if (d, sn, "w", wi["id"]) in busy:
                                continue
                            mods = list(ws_mods[wi["id"]])
                            rng.shuffle(mods)
                            mid = free = None
                            for mid in mods:
                                free = [i for i in mod_instr[mid] if (d, sn, "i", i) not in busy]
                                if free:
                                    break
                            if not free:
                                continue
                            c = avail.pop()
                            ins = rng.choice(free)
                            busy.update({(d, sn, "w", wi["id"]), (d, sn, "c", c["id"]), (d, sn, "i", ins)})
                            lesson_rows.append({"id": le0 + len(lesson_rows), "term_id": terms[0][0],
                                                "class_id": c["id"], "subgroup": 0, "pupils": None, "module_id": mid,
                                                "instructor_id": ins, "workshop_id": wi["id"], "date": d,
                                                "slot_id": slot_id[sn], "locked": False, "generated": True})
                d += dt.timedelta(days=1)
            if len(lesson_rows) >= sz.lessons:
                break
        lesson_rows.sort(key=lambda r: (r["date"], r["slot_id"], r["workshop_id"]))
        for j, r in enumerate(lesson_rows):
            r["id"] = le0 + j
        # five deliberate clashes: a workshop booked twice
        for j in range(min(5, len(lesson_rows) // 100)):
            src = lesson_rows[j * 50]
            lesson_rows[j * 50 + 1] = {**lesson_rows[j * 50 + 1], "workshop_id": src["workshop_id"],
                                       "date": src["date"], "slot_id": src["slot_id"]}
        w.insert(schedule.Lesson, lesson_rows)
        say(f"lessons: {len(lesson_rows)}")

        # --- procurement ----------------------------------------------------------------------------
        fs = {r.code: r.id for r in conn.execute(select(procurement.FundingSource.id, procurement.FundingSource.code))}
        fs_new = [("federal", "Федеральный грант «Профессионалитет»", Decimal("100000000")),
                  ("regional", "Бюджет Нижегородской области", Decimal("180000000")),
                  ("employer", "Средства работодателей", Decimal("96600000")),
                  ("own", "Собственные средства колледжа", Decimal("20000000"))]
        f0 = w.next_id(procurement.FundingSource)
        add = [r for r in fs_new if r[0] not in fs]
        w.insert(procurement.FundingSource, [{"id": f0 + j, "code": c, "name": n, "limit_amount": a}
                                             for j, (c, n, a) in enumerate(add)])
        fs = {r.code: r.id for r in conn.execute(select(procurement.FundingSource.id, procurement.FundingSource.code))}
        su0 = w.next_id(procurement.Supplier)
        sup_rows = [{"id": su0 + j, "name": n, "inn": inn_legal(rng), "kpp": "524901001",
                     "contact": "{} {}".format(*rng.choice(cat.SURNAMES)),
                     "email": f"sales{j + 1}@example.ru", "phone": f"+7 (831) {rng.randrange(200, 499)}-{rng.randrange(10, 99)}-{rng.randrange(10, 99)}"}
                    for j, n in enumerate(cat.SUPPLIER_NAMES)]
        for r in sup_rows:
            r["search_key"] = make_key(r["name"], r["inn"], r["contact"], r["email"])
        w.insert(procurement.Supplier, sup_rows)
        pl0 = w.next_id(procurement.PlanLine)
        n_plan = max(5, sz.needs // 8)
        plan_rows = [{"id": pl0 + j, "number": f"2027-{j + 1:04d}", "title": f"Поставка лабораторного оборудования, лот {j + 1}",
                      "law": "44-ФЗ", "method": rng.choice(["электронный аукцион", "запрос котировок", "у единственного поставщика"]),
                      "okpd2": "26.51.53.190", "funding_source_id": rng.choice(list(fs.values())),
                      "planned_year": 2027, "status": rng.choice(["in_plan", "price_justified", "notice_published"])}
                     for j in range(n_plan)]
        for r in plan_rows:
            r["search_key"] = make_key(r["number"], r["title"], r["okpd2"])[:800]
        w.insert(procurement.PlanLine, plan_rows)
        need_rows, offer_rows = [], []
        nd0 = w.next_id(procurement.Need)
        of0 = w.next_id(procurement.Offer)
        gap_lines = [r for r in cl_rows if r["status_override"] is None]
        for j in range(sz.needs):
            e = rng.choice(cat.EQUIPMENT)
            cl = rng.choice(gap_lines) if rng.random() < 0.6 else None
            wsid = cl["workshop_id"] if cl else None
            qty = Decimal(rng.choice([1, 1, 2, 3, 5, 10, 12, 25]))
            status = rng.choices(["need", "in_plan", "price_justified"], [50, 30, 20])[0]
            base = Decimal(int(e[3] * rng.uniform(0.9, 1.1)))
            need_rows.append({
                "id": nd0 + j, "name": e[0], "specification": e[1], "quantity": qty, "unit": e[2],
                "room_id": None, "workshop_id": wsid, "checklist_line_id": cl["id"] if cl else None,
                "zone": "workplace" if cl else "", "justification": "Недостающее оборудование по инфраструктурному листу"
                if cl else "Замена изношенного оборудования", "okpd2": "26.51.53.190", "law": "44-ФЗ",
                "funding_source_id": rng.choice(list(fs.values())),
                "plan_line_id": rng.choice(plan_rows)["id"] if status != "need" else None, "status": status,
                "nmck": None,
                "search_key": ""})
            nr = need_rows[-1]
            nr["search_key"] = make_key(nr["name"], nr["specification"], nr["okpd2"], nr["justification"])[:800]
            for k in range(rng.choice([3, 3, 3, 4])):
                offer_rows.append({"id": of0 + len(offer_rows), "need_id": nd0 + j,
                                   "supplier_id": sup_rows[(j + k) % len(sup_rows)]["id"],
                                   "supplier_name": sup_rows[(j + k) % len(sup_rows)]["name"],
                                   "date": TODAY - dt.timedelta(days=rng.randrange(1, 120)),
                                   "unit_price": (base * Decimal(str(round(rng.uniform(0.88, 1.15), 3)))).quantize(Decimal("0.01")),
                                   "document_name": f"КП_{j + 1}_{k + 1}.pdf", "document": None,
                                   "reference": f"исх. № {rng.randrange(10, 999)}"})
        w.insert(procurement.Need, need_rows)
        w.insert(procurement.Offer, offer_rows)
        say(f"needs: {len(need_rows)}, offers: {len(offer_rows)}")

    context.set_actor(context.Actor("system", "admin", "Генератор бенчмарка"))
    with context.uow() as s:
        audit.record(s, "import", "core", "Benchmark", summary=f"Данные бенчмарка: seed {seed}, масштаб {scale}",
                     new={k: v for k, v in w.counts.items()})
    context.close_database()
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    out.counts = dict(w.counts)
    out.names = {"store_room": STORE_ROOM, "packet_workshop": PACKET_WORKSHOP, "match_workshop": MATCH_WORKSHOP,
                 "term": TERM, "past_term": PAST_TERM}
    out.seconds = time.perf_counter() - t0
    return out


# --- the cache ------------------------------------------------------------------------------------
def fingerprint() -> str:
    """Changes when the schema (any revision file) or this generator changes."""
    from chemcluster_desktop import paths

    h = hashlib.sha1(GENERATOR_VERSION.encode())
    for p in sorted((paths.db_dir() / "versions").glob("*.py")) + [Path(__file__), Path(cat.__file__)]:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def cached(out_dir: str | Path, *, seed: int = 1, scale: float = 1.0, progress=None) -> tuple[Path, dict]:
    """The generated database for (seed, scale), made once and reused while the schema is unchanged."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    fp = fingerprint()
    path = out_dir / f"bench-seed{seed}-scale{scale:g}.sqlite3"
    meta_path = path.with_suffix(".json")
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
        if meta.get("fingerprint") == fp and path.is_file():
            meta["cached"] = True
            return path, meta
    except (OSError, ValueError):
        pass
    g = generate(path, seed=seed, scale=scale, progress=progress)
    meta = {**g.as_dict(), "fingerprint": fp}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")
    meta["cached"] = False
    return path, meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description="Fill a database for the benchmark.")
    ap.add_argument("db", help="SQLite file to create (overwritten)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    g = generate(a.db, seed=a.seed, scale=a.scale,
                 progress=None if a.quiet else (lambda m: print(m, file=sys.stderr, flush=True)))
    print(json.dumps(g.as_dict(), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
