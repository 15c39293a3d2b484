"""Printed documents: the inventory list of 10,000 rows and the accreditation packet.

Inventory list: the whole process ``chemcluster report inventory -o f.pdf --room <central store>``
(start, database, query, PDF) beside (a) a bare reportlab table of the same rows in-process and
(b) LibreOffice headless converting the same rows from .xlsx to PDF (whole process, when installed).
The program must beat LibreOffice. Packet: ``services.printing.build("accreditation", …)`` for the
workshop with a 300-line list, 25 workplaces and 10 photos (target < 3 s) beside a bare reportlab
packet of the same table and photos.
"""

from __future__ import annotations

import sqlite3
import time

from bench import baselines
from bench.common import PY, Ctx, best_of, need, open_program_db, r4, ratio, run, timed

HEADER = ["№", "Инв. номер", "Наименование", "Модель", "Зав. номер", "Кол-во", "Ед.", "Цена", "Сумма"]


def _store_rows(ctx: Ctx) -> list[list]:
    con = sqlite3.connect(f"file:{ctx.db}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT i.inventory_number, i.name, i.model, i.serial_number, i.quantity, i.unit, i.cost "
        "FROM items i JOIN rooms r ON r.id = i.room_id WHERE r.name = ? AND i.status != 'written_off' "
        "ORDER BY i.inventory_number, i.id", (ctx.names["store_room"],)).fetchall()
    con.close()
    out = []
    for n, (inv, name, model, serial, q, unit, cost) in enumerate(rows, 1):
        qty = q / 1000
        price = (cost or 0) / 100
        out.append([n, inv or "", name, model, serial, f"{qty:g}", unit, f"{price:.2f}", f"{price * qty:.2f}"])
    return out


def measure_inventory_pdf(ctx: Ctx) -> dict:
    need("chemcluster_desktop.services.printing", "build")
    need("chemcluster_desktop.services.inventory.report_inventory")
    rows = _store_rows(ctx)
    # bare reportlab, in process
    b = best_of(lambda: baselines.reportlab_table(rows, HEADER, ctx.work / "inv-bare.pdf"), 1)
    # LibreOffice, whole process (after a warm-up that creates its profile)
    lo = lo_status = None
    if baselines.soffice():
        xlsx = ctx.work / "inventory-rows.xlsx"
        baselines.write_xlsx(rows, HEADER, xlsx)
        profile = ctx.work / "lo-profile"
        tiny = ctx.work / "warmup.xlsx"
        baselines.write_xlsx(rows[:5], HEADER, tiny)
        try:
            baselines.libreoffice_convert(tiny, ctx.work / "lo-out", profile)
            lo = baselines.libreoffice_convert(xlsx, ctx.work / "lo-out", profile)
            lo_status = "measured"
        except Exception as e:  # noqa: BLE001
            lo_status = f"failed: {e}"[:200]
    else:
        lo_status = "not installed (apt-get install libreoffice-calc-nogui)"
    # the program, whole process
    dest = ctx.work / "inv-program.pdf"
    cmd = [PY, "-m", "chemcluster_desktop", "--db", str(ctx.db), "report", "inventory", "-o", str(dest),
           "--room", ctx.names["store_room"]]
    p, proc = run(cmd, env=ctx.env("home-pdf"), timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"report inventory failed ({proc.returncode}): {proc.stderr[-800:]}")
    pages = None
    try:
        from pypdf import PdfReader

        pages = len(PdfReader(str(dest)).pages)
    except Exception:  # noqa: BLE001 — pypdf is a test extra
        pass
    ok = p < 3.0 if lo is None else p < lo
    return {"program_s": r4(p), "baseline_s": r4(b), "ratio": ratio(p, b), "rows": len(rows), "pages": pages,
            "libreoffice_s": r4(lo), "libreoffice_ratio": ratio(p, lo), "libreoffice": lo_status,
            "target": "faster than LibreOffice", "ok": ok}


def _packet_rows(ctx: Ctx):
    con = sqlite3.connect(f"file:{ctx.db}?mode=ro", uri=True)
    wid = con.execute("SELECT id, list_id FROM workshops WHERE name = ?", (ctx.names["packet_workshop"],)).fetchone()
    rows = [list(r) for r in con.execute(
        "SELECT number, zone, name, specification, quantity / 1000.0, unit FROM infrastructure_lines "
        "WHERE list_id = ? ORDER BY position", (wid[1],))]
    images = [r[0] for r in con.execute("SELECT data FROM evidence WHERE workshop_id = ?", (wid[0],))]
    con.close()
    return rows, images


def measure_packet(ctx: Ctx) -> dict:
    build = need("chemcluster_desktop.services.printing", "build")
    need("chemcluster_desktop.services.accreditation.report_accreditation")
    rows, images = _packet_rows(ctx)
    b = best_of(lambda: baselines.reportlab_packet(rows, ["№", "Зона", "Наименование", "Характеристики", "Кол-во",
                                                          "Ед."], images, ctx.work / "packet-bare.pdf"), 1)
    open_program_db(ctx.db, ctx.work / "home-packet")
    dest = ctx.work / "packet.pdf"
    t0 = time.perf_counter()
    res = build("accreditation", dest, workshop=ctx.names["packet_workshop"])
    p = time.perf_counter() - t0
    return {"program_s": r4(p), "baseline_s": r4(b), "ratio": ratio(p, b), "lines": len(rows),
            "photos": len(images), "pages": getattr(res, "pages", None), "target_s": 3.0, "ok": p < 3.0}


__all__ = ["measure_inventory_pdf", "measure_packet", "timed"]
