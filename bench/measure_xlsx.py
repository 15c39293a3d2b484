"""Excel: import of 10,000 inventory rows and export of the whole inventory (100,000 rows).

Import: ``services.inventory.import_inventory`` into a private copy of the large database (one
transaction, validation, rooms resolved, search keys, audit) beside bare openpyxl read-only
iteration over the same file. Export: ``services.inventory.export_inventory`` of every item beside a
bare ``sqlite3`` fetch of the same columns written with openpyxl write-only (typed cells, the same
header), i.e. the least any exporter must do.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import time
from decimal import Decimal

from bench import catalogue as cat
from bench.common import Ctx, best_of, need, open_program_db, r4, ratio, timed

IMPORT_ROWS = 10_000


def make_import_file(path, rooms: list[str], n: int, seed: int = 7) -> None:
    """A believable lab-manager spreadsheet: a title line, Russian headers, typed cells."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Инвентарь")
    ws.append(["Инвентарная опись оборудования, поступившего в 2026 году"])
    ws.append([])
    ws.append(["№", "Вид", "Инвентарный номер", "Наименование", "Модель", "Заводской номер", "Производитель",
               "Страна", "Стоимость", "Дата ввода", "Помещение", "МОЛ", "Количество", "Ед. изм."])
    for i in range(n):
        e = rng.choice(cat.EQUIPMENT)
        model, maker = rng.choice(e[4])
        kind = rng.random()
        if kind < 0.75:
            row = [i + 1, "Оборудование", f"ХП-2026-9{i:05d}", f"{e[0]} {model}", model,
                   f"SN{rng.randrange(10**7, 10**8)}", maker, "Россия",
                   round(e[3] * rng.uniform(0.8, 1.2), 2), dt.datetime(2026, rng.randrange(1, 11), rng.randrange(1, 28)),
                   rng.choice(rooms), "{} {}".format(*rng.choice(cat.SURNAMES)), 1, "шт."]
        else:
            c = rng.choice(cat.CONSUMABLES)
            row = [i + 1, "Расходные материалы", None, c[0], None, None, None, None, c[2], None,
                   rng.choice(rooms), "{} {}".format(*rng.choice(cat.SURNAMES)), rng.randrange(1, 200), c[1]]
        ws.append(row)
    wb.save(path)


def _rooms(db) -> list[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names = [r[0] for r in con.execute("SELECT name FROM rooms ORDER BY id LIMIT 40")]
    con.close()
    return names


def measure_import(ctx: Ctx) -> dict:
    import_inventory = need("chemcluster_desktop.services.inventory", "import_inventory")
    n = IMPORT_ROWS if not ctx.quick else 1000
    src = ctx.work / f"import-{n}.xlsx"
    make_import_file(src, _rooms(ctx.db), n)

    def bare():
        from openpyxl import load_workbook

        wb = load_workbook(src, read_only=True, data_only=True)
        cnt = sum(1 for _ in wb.active.iter_rows(values_only=True))
        wb.close()
        return cnt

    b = best_of(bare, 3 if not ctx.quick else 1)
    # best of two imports, each into a fresh copy of the large database (the baseline is a best of three)
    from chemcluster_desktop.services import context

    p, rep = None, None
    for k in range(1 if ctx.quick else 2):
        db = ctx.copy_db(f"import-{k}")
        open_program_db(db, ctx.work / "home-import")
        t, r = timed(import_inventory, src)
        context.close_database()
        if p is None or t < p:
            p, rep = t, r
    imported = getattr(rep, "imported", None)
    if imported is None and isinstance(rep, dict):
        imported = rep.get("imported")
    errors = getattr(rep, "skipped", None)
    return {"program_s": r4(p), "baseline_s": r4(b), "ratio": ratio(p, b), "rows": n, "imported": imported,
            "rejected": len(errors) if isinstance(errors, list) else None, "target_ratio": 2.0,
            "ok": ratio(p, b) is not None and ratio(p, b) < 2.0 and imported == n}


EXPORT_SQL = (
    "SELECT i.inventory_number, i.name, i.kind, i.model, i.serial_number, i.manufacturer, r.name, i.responsible, "
    "i.status, i.quantity, i.unit, i.min_quantity, i.cost, i.commissioned_on, "
    "(SELECT min(c.expires_on) FROM reagent_containers c WHERE c.item_id = i.id AND c.empty = 0) "
    "FROM items i LEFT JOIN rooms r ON r.id = i.room_id ORDER BY i.inventory_number, i.id")
HEADER = ["Инвентарный номер", "Наименование", "Вид", "Модель", "Заводской номер", "Производитель", "Помещение",
          "МОЛ", "Состояние", "Количество", "Ед. изм.", "Минимальный остаток", "Стоимость, ₽", "Дата ввода",
          "Годен до"]


def bare_export(db, dest) -> int:
    """sqlite3 fetch + openpyxl write-only with typed cells (numbers, dates), header, widths, freeze."""
    from openpyxl import Workbook

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Инвентарь")
    ws.freeze_panes = "A2"
    for i, wdt in enumerate([18, 42, 16, 18, 16, 18, 34, 20, 15, 11, 8, 12, 14, 12, 12]):
        ws.column_dimensions[chr(65 + i)].width = wdt
    ws.append(HEADER)
    n = 0
    d = dt.date.fromisoformat
    for r in con.execute(EXPORT_SQL):
        ws.append([r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                   Decimal(r[9]) / 1000 if r[9] is not None else None, r[10],
                   Decimal(r[11]) / 1000 if r[11] is not None else None,
                   Decimal(r[12]) / 100 if r[12] is not None else None,
                   d(r[13]) if r[13] else None, d(r[14]) if r[14] else None])
        n += 1
    wb.save(dest)
    con.close()
    return n


def measure_export(ctx: Ctx) -> dict:
    export_inventory = need("chemcluster_desktop.services.inventory", "export_inventory")
    from chemcluster_desktop.services.listing import ListQuery

    open_program_db(ctx.db, ctx.work / "home-export")
    dest_b = ctx.work / "export-bare.xlsx"
    t0 = time.perf_counter()
    nb = bare_export(ctx.db, dest_b)
    b = time.perf_counter() - t0
    dest = ctx.work / "export-program.xlsx"
    p, n = timed(export_inventory, dest, ListQuery(filters={"include_written_off": True}))
    return {"program_s": r4(p), "baseline_s": r4(b), "ratio": ratio(p, b), "rows": n, "baseline_rows": nb,
            "program_mb": round(dest.stat().st_size / 2**20, 1), "baseline_mb": round(dest_b.stat().st_size / 2**20, 1),
            "target_ratio": 1.5, "ok": ratio(p, b) is not None and ratio(p, b) < 1.5}
