"""Timetable: generation of the large term and the clash check of 10,000 lessons.

Generation: ``services.schedule.generate(term)`` on a private copy (60 classes from 20 schools,
10 workshops, 15 instructors, 6 modules, 34 weeks), checked afterwards by bare SQL for double
bookings, beside ``fet-cl`` on the ``.fet`` file the program exports (``services.schedule.export_fet``),
timed to a complete timetable (with a time limit). Clash check: ``services.schedule.check_conflicts``
over the past term's 10,000 placed lessons beside bare SQL self-joins finding the same double bookings.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import time
from pathlib import Path

from bench import baselines
from bench.common import Ctx, median, need, open_program_db, r4, ratio, timed

DOUBLE_SQL = """
SELECT 'workshop', count(*) FROM (SELECT 1 FROM lessons WHERE term_id = :t GROUP BY date, slot_id, workshop_id HAVING count(*) > 1)
UNION ALL
SELECT 'instructor', count(*) FROM (SELECT 1 FROM lessons WHERE term_id = :t AND instructor_id IS NOT NULL
                                    GROUP BY date, slot_id, instructor_id HAVING count(*) > 1)
UNION ALL
SELECT 'class', count(*) FROM (SELECT 1 FROM lessons WHERE term_id = :t GROUP BY date, slot_id, class_id, subgroup
                               HAVING count(*) > 1)
UNION ALL
SELECT 'capacity', count(*) FROM lessons l JOIN school_classes c ON c.id = l.class_id JOIN workshops w ON w.id = l.workshop_id
  WHERE l.term_id = :t AND coalesce(l.pupils, c.pupils) > coalesce(w.lesson_pupils, w.workplaces)
UNION ALL
SELECT 'holiday', count(*) FROM lessons l JOIN holidays h ON l.date BETWEEN h.starts_on AND h.ends_on WHERE l.term_id = :t
UNION ALL
SELECT 'day_off', count(*) FROM lessons l JOIN calendar_days d ON d.date = l.date AND d.kind = 'off' WHERE l.term_id = :t
UNION ALL
SELECT 'module_not_allowed', count(*) FROM lessons l LEFT JOIN workshop_modules wm
  ON wm.workshop_id = l.workshop_id AND wm.module_id = l.module_id WHERE l.term_id = :t AND wm.module_id IS NULL
"""


def _term_id(con, name: str) -> int:
    return con.execute("SELECT id FROM terms WHERE name = ?", (name,)).fetchone()[0]


def bare_clashes(db: Path, term: str) -> dict[str, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tid = _term_id(con, term)
    out = {k: v for k, v in con.execute(DOUBLE_SQL, {"t": tid})}
    con.close()
    return out


def measure_clash_check(ctx: Ctx) -> dict:
    check_conflicts = need("chemcluster_desktop.services.schedule", "check_conflicts")
    con = sqlite3.connect(f"file:{ctx.db}?mode=ro", uri=True)
    tid = _term_id(con, ctx.names["past_term"])
    n = con.execute("SELECT count(*) FROM lessons WHERE term_id = ?", (tid,)).fetchone()[0]
    con.execute(DOUBLE_SQL, {"t": tid}).fetchall()
    base = [timed(lambda: con.execute(DOUBLE_SQL, {"t": tid}).fetchall())[0] for _ in range(5)]
    bare = {k: v for k, v in con.execute(DOUBLE_SQL, {"t": tid})}
    con.close()
    open_program_db(ctx.db, ctx.work / "home-clash")
    check_conflicts(tid)
    prog, res = [], []
    for _ in range(3):
        t, res = timed(check_conflicts, tid)
        prog.append(t)
    p, b = median(prog), median(base)
    kinds: dict[str, int] = {}
    for c in res:
        kinds[c.get("kind", "?")] = kinds.get(c.get("kind", "?"), 0) + 1
    return {"program_s": r4(p), "baseline_s": r4(b), "ratio": ratio(p, b), "lessons": n,
            "conflicts": len(res), "conflict_kinds": kinds, "baseline_double_bookings": bare,
            "target_s": 0.2, "ok": p < 0.2}


def _fet(fet_file: Path, outdir: Path, limit: float) -> tuple[float | None, str]:
    exe = baselines.fet_cl()
    if exe is None:
        return None, "not installed (apt-get install fet)"
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [exe, f"--inputfile={fet_file}", f"--outputdir={outdir}", f"--timelimitseconds={int(limit)}",
           "--htmllevel=0", "--language=en_US", "--writetimetablesdayshorizontal=false",
           "--writetimetablesdaysvertical=false", "--writetimetablestimehorizontal=false",
           "--writetimetablestimevertical=false"]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=limit + 60,
                           env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(outdir)})
    except subprocess.TimeoutExpired:
        return None, f"timeout after {limit + 60:.0f} s"
    t = time.perf_counter() - t0
    text = (p.stdout + p.stderr)
    low = text.lower()
    if "successful" in low or "generated" in low and "not" not in low.split("generated")[0][-20:]:
        return t, "complete"
    if "time exceeded" in low or "timelimit" in low or "time limit" in low:
        return None, f"no complete timetable within {limit:.0f} s"
    return (t if p.returncode == 0 else None), (f"exit {p.returncode}: " + text.strip().splitlines()[-1][:200]
                                                 if text.strip() else f"exit {p.returncode}")


def measure_timetable(ctx: Ctx) -> dict:
    generate = need("chemcluster_desktop.services.schedule", "generate")
    db = ctx.copy_db("timetable")
    open_program_db(db, ctx.work / "home-timetable")
    term = ctx.names["term"]
    # FET first, on the file the program exports from the same requirements
    fet_s, fet_status, fet_file = None, "", None
    try:
        export_fet = need("chemcluster_desktop.services.schedule", "export_fet")
        fet_file = ctx.work / "term.fet"
        export_fet(fet_file, term)
        limit = 30 if ctx.quick else 180
        fet_s, fet_status = _fet(fet_file, ctx.work / "fet-out", limit)
    except Exception as e:  # noqa: BLE001
        fet_status = f"export failed: {type(e).__name__}: {e}"[:300]
    # generated before the school year starts: every hour of the term is ahead (nothing is «past»)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    starts = con.execute("SELECT starts_on FROM terms WHERE name = ?", (term,)).fetchone()[0]
    con.close()
    p, res = timed(generate, term, today=dt.date.fromisoformat(str(starts)[:10]))
    placed = res.get("placed") if isinstance(res, dict) else None
    unplaced = res.get("unplaced") if isinstance(res, dict) else None
    clashes = bare_clashes(db, term)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tid = _term_id(con, term)
    n_classes = con.execute("SELECT count(DISTINCT class_id) FROM schedule_requirements WHERE term_id = ?",
                            (tid,)).fetchone()[0]
    n_hours = con.execute("SELECT sum(hours) FROM schedule_requirements WHERE term_id = ?", (tid,)).fetchone()[0]
    con.close()
    clash_free = not any(clashes.values())
    fet_size = {}
    if fet_file is not None and fet_file.exists():
        import xml.etree.ElementTree as ET

        root = ET.parse(fet_file).getroot()
        fet_size = {"fet_days": len(root.find("Days_List").findall("Day")),
                    "fet_activities": len(root.find("Activities_List")),
                    "fet_teachers_fixed": sum(1 for a in root.find("Activities_List") if a.find("Teacher") is not None)}
    return {"program_s": r4(p), "baseline_s": r4(fet_s), "ratio": ratio(p, fet_s), "baseline": "fet-cl",
            "fet_status": fet_status, **fet_size, "problem": "equal: real teaching dates, instructors and workshops "
                                                             "chosen by each solver, whole-class visits", "classes": n_classes, "required_hours": n_hours, "placed": placed,
            "unplaced": unplaced, "solver_status": res.get("status") if isinstance(res, dict) else None,
            "clash_free": clash_free, "double_bookings": clashes, "target_s": 10.0,
            "ok": p < 10.0 and clash_free and not unplaced}
