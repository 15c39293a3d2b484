"""Accreditation: readiness of every workshop (50 × 300-line checklists over 100,000 items) and the
automatic matching of one 300-line list against the 5,000 items of its workshop's rooms.

Readiness: ``services.accreditation.cluster_readiness()`` beside one bare SQL aggregate computing the
same met / partly / not met counts. Matching: ``services.accreditation.match(workshop)`` on a private
copy of the database, beside the bare read of the lines and items it has to compare (a floor, not a
competitor: any matcher reads them).
"""

from __future__ import annotations

import sqlite3

from bench.common import Ctx, median, need, open_program_db, r4, ratio, timed

READINESS_SQL = """
WITH req AS (
  SELECT cl.id, cl.workshop_id, cl.status_override AS ov,
         l.quantity * CASE WHEN l.per_workplace THEN w.workplaces ELSE 1 END AS need
  FROM checklist_lines cl JOIN infrastructure_lines l ON l.id = cl.line_id JOIN workshops w ON w.id = cl.workshop_id
), av AS (
  SELECT k.checklist_line_id AS id, sum(coalesce(k.quantity, i.quantity)) AS have
  FROM checklist_links k JOIN items i ON i.id = k.item_id
  WHERE k.state IN ('auto', 'confirmed') AND i.status != 'written_off' GROUP BY k.checklist_line_id
), st AS (
  SELECT req.workshop_id, coalesce(req.ov, CASE WHEN coalesce(av.have, 0) >= req.need THEN 'met'
         WHEN coalesce(av.have, 0) > 0 THEN 'partial' ELSE 'missing' END) AS s,
         min(coalesce(av.have, 0), req.need) * 1.0 / max(req.need, 1) AS cov
  FROM req LEFT JOIN av ON av.id = req.id
)
SELECT w.id, w.name, count(st.s), sum(st.s = 'met'), sum(st.s = 'partial'), sum(st.s = 'missing'), avg(st.cov)
FROM workshops w LEFT JOIN st ON st.workshop_id = w.id GROUP BY w.id ORDER BY w.name
"""


def measure_readiness(ctx: Ctx) -> dict:
    cluster_readiness = need("chemcluster_desktop.services.accreditation", "cluster_readiness")
    con = sqlite3.connect(f"file:{ctx.db}?mode=ro", uri=True)
    con.execute(READINESS_SQL).fetchall()
    base = [timed(lambda: con.execute(READINESS_SQL).fetchall())[0] for _ in range(5)]
    bare_rows = con.execute(READINESS_SQL).fetchall()
    con.close()
    open_program_db(ctx.db, ctx.work / "home-readiness")
    cluster_readiness()  # warm-up (imports, first query)
    prog, res = [], None
    for _ in range(5):
        t, res = timed(cluster_readiness)
        prog.append(t)
    p, b = median(prog), median(base)
    lines = sum(getattr(r, "lines", 0) for r in res or [])
    same = None
    try:  # do both agree on the counts of met lines?
        ours = {r.workshop_id if hasattr(r, "workshop_id") else r.id: r.met for r in res}
        same = all(ours.get(r[0]) == r[3] for r in bare_rows)
    except Exception:  # noqa: BLE001
        pass
    return {"program_s": r4(p), "baseline_s": r4(b), "ratio": ratio(p, b), "workshops": len(res or []),
            "checklist_lines": lines, "items": ctx.counts.get("items"), "agrees_with_baseline": same,
            "target_s": 0.3, "ok": p < 0.3}


def measure_matching(ctx: Ctx) -> dict:
    match = need("chemcluster_desktop.services.accreditation", "match")
    name = ctx.names["match_workshop"]
    con = sqlite3.connect(f"file:{ctx.db}?mode=ro", uri=True)

    def bare():
        wid, lid = con.execute("SELECT id, list_id FROM workshops WHERE name = ?", (name,)).fetchone()
        lines = con.execute("SELECT id, name, specification, quantity FROM infrastructure_lines WHERE list_id = ?",
                            (lid,)).fetchall()
        items = con.execute("SELECT i.id, i.name, i.model, i.manufacturer, i.quantity FROM items i "
                            "JOIN workshop_rooms wr ON wr.room_id = i.room_id WHERE wr.workshop_id = ? "
                            "AND i.status != 'written_off'", (wid,)).fetchall()
        return len(lines), len(items)

    b, (n_lines, n_items) = min((timed(bare) for _ in range(3)), key=lambda x: x[0])
    con.close()
    db = ctx.copy_db("matching")
    open_program_db(db, ctx.work / "home-matching")
    p, res = timed(match, name)
    return {"program_s": r4(p), "baseline_s": r4(b), "ratio": ratio(p, b), "lines": n_lines, "room_items": n_items,
            "applied": getattr(res, "applied", None), "proposed": getattr(res, "proposed", None),
            "still_open": getattr(res, "still_open", None), "items_compared": getattr(res, "items", None), "target_s": 2.0, "ok": p < 2.0,
            "baseline": "bare read of the lines and room items (a floor)"}
