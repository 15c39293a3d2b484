"""Search as you type over the whole inventory, column sort, and the memory of that process.

The program side types words letter by letter into the real inventory page's search field (offscreen)
and times each refresh of the list (the page's debounce timer is skipped: we time the work, not the
deliberate 120 ms pause). Without the page it uses the same service calls the page makes
(``count_items`` + ``list_items`` with a ``ListQuery``). The baseline runs the same filter as bare SQL
through ``sqlite3``: one count and the first page of 200 rows.
"""

from __future__ import annotations

import sqlite3
import time

from bench.common import Ctx, maxrss_mb, median, need, open_program_db, percentile, r4, ratio

WORDS = ["весы аналитические", "центрифуга", "кислота", "хп-2023-00", "шкаф вытяжной"]
SORTS = ["name", "inventory_number", "cost", "room"]


def _bare(db_path) -> tuple[callable, callable]:
    from chemcluster_desktop.storage.search import like_pattern

    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)

    cols = {"name": "i.name", "inventory_number": "i.inventory_number", "cost": "i.cost", "room": "r.name"}

    def query(text: str, sort: str = "name") -> int:
        where, args = ["i.status != 'written_off'"], []
        for word in text.split():
            where.append("i.search_key LIKE ? ESCAPE '\\'")
            args.append(like_pattern(word))
        w = " AND ".join(where)
        n = con.execute(f"SELECT count(*) FROM items i WHERE {w}", args).fetchone()[0]
        con.execute(
            "SELECT i.id, i.kind, i.inventory_number, i.name, i.model, i.serial_number, i.status, i.quantity, "
            "i.unit, i.min_quantity, i.cost, i.commissioned_on, i.responsible, i.room_id, r.name "
            f"FROM items i LEFT JOIN rooms r ON r.id = i.room_id WHERE {w} "
            f"ORDER BY {cols[sort]}, i.id LIMIT 200", args).fetchall()
        return n

    return query, con.close


def _fts5_times(ctx: Ctx) -> list[float]:
    """What an FTS5 trigram index would give for the same keystrokes (words of 3+ letters; shorter
    prefixes fall back to the same LIKE) — shown beside the figure as the reachable floor."""
    from chemcluster_desktop.storage.search import fold, like_pattern

    db = ctx.copy_db("search-fts5")
    con = sqlite3.connect(db)
    if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'items_fts'").fetchone():  # before rev. 0007
        con.execute("CREATE VIRTUAL TABLE items_fts USING fts5(search_key, content='items', content_rowid='id', "
                    "tokenize='trigram')")
        con.execute("INSERT INTO items_fts(rowid, search_key) SELECT id, search_key FROM items")
        con.commit()
    times = []
    for word in WORDS:
        for k in range(1, len(word) + 1):
            parts = fold(word[:k]).split()
            t0 = time.perf_counter()
            if all(len(x) >= 3 for x in parts):
                m = " AND ".join('"' + x.replace('"', '""') + '"' for x in parts)
                w, args = "i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", [m]
            else:
                w = " AND ".join("i.search_key LIKE ? ESCAPE '\\'" for _ in parts)
                args = [like_pattern(x) for x in parts]
            w += " AND i.status != 'written_off'"
            con.execute(f"SELECT count(*) FROM items i WHERE {w}", args).fetchone()
            con.execute(f"SELECT i.id, i.name, r.name FROM items i LEFT JOIN rooms r ON r.id = i.room_id "
                        f"WHERE {w} ORDER BY i.name, i.id LIMIT 200", args).fetchall()
            times.append(time.perf_counter() - t0)
    con.close()
    db.unlink()
    return times


def measure(ctx: Ctx) -> dict:
    count_items = need("chemcluster_desktop.services.inventory", "count_items")
    list_items = need("chemcluster_desktop.services.inventory", "list_items")
    from chemcluster_desktop.services.listing import ListQuery

    open_program_db(ctx.db, ctx.work / "home-search")
    try:
        need("chemcluster_desktop.ui.pages.inventory", "InventoryPage")
        path = "gui"
        times, sort_times, total = _gui(ctx)
    except Exception as e:  # no page yet (or it fails): the same service calls the page makes
        path = f"services ({type(e).__name__}: {e})"[:200]
        times, sort_times = [], []
        total = count_items(ListQuery())
        for word in WORDS:
            for k in range(1, len(word) + 1):
                q = ListQuery(search=word[:k], limit=200)
                t0 = time.perf_counter()
                if count_items(q):
                    list_items(q)
                times.append(time.perf_counter() - t0)
        for s in SORTS:
            q = ListQuery(sort=s, limit=200)
            t0 = time.perf_counter()
            count_items(q)
            list_items(q)
            sort_times.append(time.perf_counter() - t0)

    mem = maxrss_mb()  # the program's own peak: measured before the bare queries and the FTS5 experiment

    bare_q, bare_close = _bare(ctx.db)

    # bare SQL: every prefix of every word
    base_times = []
    for word in WORDS:
        for k in range(1, len(word) + 1):
            t0 = time.perf_counter()
            bare_q(word[:k])
            base_times.append(time.perf_counter() - t0)
    base_sort = []
    for s in SORTS:
        t0 = time.perf_counter()
        bare_q("", s)
        base_sort.append(time.perf_counter() - t0)
    bare_close()

    try:
        fts = _fts5_times(ctx)
    except sqlite3.Error:  # an SQLite without FTS5 trigram
        fts = []
    med, p95 = median(times), percentile(times, 95)
    bmed, bp95 = median(base_times), percentile(base_times, 95)
    smed, bsmed = median(sort_times), median(base_sort)
    return {
        "program_s": r4(med), "baseline_s": r4(bmed), "ratio": ratio(med, bmed),
        "median_s": r4(med), "p95_s": r4(p95), "baseline_median_s": r4(bmed), "baseline_p95_s": r4(bp95),
        "keystrokes": len(times), "items": total, "path": path,
        "sort_median_s": r4(smed), "sort_baseline_s": r4(bsmed), "sort_ratio": ratio(smed, bsmed),
        "fts5_trigram_median_s": r4(median(fts)) if fts else None,
        "fts5_trigram_p95_s": r4(percentile(fts, 95)) if fts else None,
        "peak_memory_mb": mem, "memory_target_mb": 300, "target_s": 0.05,
        "ok": med < 0.05 and mem < 300,
    }


def _gui(ctx: Ctx):
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent, QKeySequence

    from chemcluster_desktop.app import create_application
    from chemcluster_desktop.ui.main_window import MainWindow

    create_application(["bench"], "ru")
    w = MainWindow()
    w.show()
    page = w.show_page("inventory")
    for _ in range(200):
        QCoreApplication.processEvents()
        if page.model is not None and page.model.rowCount() > 0:
            break
    total = page.model.total()
    times = []
    for word in WORDS:
        page.search.clear()
        page._search_timer.stop()
        page._apply_search()
        QCoreApplication.processEvents()
        for ch in word:
            # a real key press carrying the letter (QTest.keyClicks asserts on non-ASCII letters)
            for et in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.sendEvent(page.search, QKeyEvent(et, Qt.Key.Key_unknown if not ch.isascii() else
                                                                  QKeySequence(ch.upper())[0].key(),
                                                                  Qt.KeyboardModifier.NoModifier, ch))
            t0 = time.perf_counter()
            page._search_timer.stop()
            page._apply_search()
            page.table.viewport().repaint()
            QCoreApplication.processEvents()
            times.append(time.perf_counter() - t0)
    page.search.clear()
    page._search_timer.stop()
    page._apply_search()
    QCoreApplication.processEvents()
    sort_times = []
    keys = [c.key for c in page.model.columns]
    for s in SORTS:
        col = keys.index(s) if s in keys else None
        if col is None:
            continue
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            t0 = time.perf_counter()
            page.table.sortByColumn(col, order)
            page.table.viewport().repaint()
            QCoreApplication.processEvents()
            sort_times.append(time.perf_counter() - t0)
    # scroll to the end of a few pages, as a clerk would
    for _ in range(5):
        if page.model.canFetchMore():
            page.model.fetchMore()
    w.close()
    return times, sort_times, total
