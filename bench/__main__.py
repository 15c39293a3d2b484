"""``python -m bench [--json] [--db PATH] [--scale F] [--seed N] [--only NAME,...]``

Generates (or reuses from bench/out/) the large data set, then measures every figure in its own
process, each beside its baseline from the same run. ``--json`` prints one JSON object (English
snake_case keys); otherwise an aligned table: figure, program, baseline, ratio, target, ok.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import OUT, PY, ROOT
from bench.run_figure import FIGURES

TIMEOUTS = {"print": 1500, "timetable": 420, "inventory_pdf": 300, "export": 300, "import": 300}

# how the table shows each figure: (figure, label, program key, baseline key, ratio key, target text, ok rule)
ROWS = [
    ("startup", "start-up to window + inventory list", "program_s", "baseline_s", "ratio", "≤ 4×",
     lambda f: f.get("ratio") is not None and f["ratio"] <= 4),
    ("startup", "main window built, inventory list filled", "main_window_s", None, None, "", None),
    ("startup", "inventory page opens (100k items)", "inventory_page_s", None, None, "< 0.5 s",
     lambda f: f.get("inventory_page_s") is not None and f["inventory_page_s"] < 0.5),
    ("search", "search keystroke, median", "median_s", "baseline_median_s", "ratio", "< 50 ms",
     lambda f: f.get("median_s") is not None and f["median_s"] < 0.05),
    ("search", "search keystroke, 95th percentile", "p95_s", "baseline_p95_s", None, "", None),
    ("search", "column sort, median", "sort_median_s", "sort_baseline_s", "sort_ratio", "", None),
    ("search", "(floor: keystroke with an FTS5 trigram index)", "fts5_trigram_median_s", None, None, "", None),
    ("search", "peak memory of that process, MB", "peak_memory_mb", None, None, "< 300 MB",
     lambda f: f.get("peak_memory_mb") is not None and f["peak_memory_mb"] < 300),
    ("import", "import 10,000 rows vs openpyxl read-only", "program_s", "baseline_s", "ratio", "< 2×",
     lambda f: f.get("ratio") is not None and f["ratio"] < 2),
    ("export", "export 100,000 rows vs openpyxl write-only", "program_s", "baseline_s", "ratio", "< 1.5×",
     lambda f: f.get("ratio") is not None and f["ratio"] < 1.5),
    ("inventory_pdf", "inventory PDF 10,000 rows vs bare reportlab", "program_s", "baseline_s", "ratio", "", None),
    ("inventory_pdf", "inventory PDF 10,000 rows vs LibreOffice", "program_s", "libreoffice_s", "libreoffice_ratio",
     "< 1×", lambda f: f.get("libreoffice_ratio") is not None and f["libreoffice_ratio"] < 1),
    ("print", "print 10,000-row list to a PDF printer vs LibreOffice", "program_s", "baseline_s", "ratio",
     "", None),
    ("print", "  of which printing (300 dpi, worker thread)", "print_s", None, None, "", None),
    ("print", "  longest stand-still of the window while printing", "longest_stall_s", None, None, "< 250 ms",
     lambda f: f.get("longest_stall_s") is not None and f["longest_stall_s"] < 0.25),
    ("print", "  (the same timer with nothing printing: the loaded machine's floor)", "idle_longest_stall_s", None,
     None, "", None),
    ("print", "  peak memory, MB (program vs LibreOffice)", "peak_memory_mb", "libreoffice_peak_mb",
     "memory_ratio", "", None),
    ("accreditation_packet", "accreditation packet (300 lines, 10 photos)", "program_s", "baseline_s", "ratio",
     "< 3 s", lambda f: f.get("program_s") is not None and f["program_s"] < 3),
    ("readiness", "readiness of all workshops", "program_s", "baseline_s", "ratio", "< 300 ms",
     lambda f: f.get("program_s") is not None and f["program_s"] < 0.3),
    ("matching", "matching 300 lines × room items", "program_s", "baseline_s", "ratio", "< 2 s",
     lambda f: f.get("program_s") is not None and f["program_s"] < 2),
    ("timetable", "timetable generation vs fet-cl", "program_s", "baseline_s", "ratio", "< 10 s, no clashes",
     lambda f: bool(f.get("ok"))),
    ("clash_check", "clash check of 10,000 lessons", "program_s", "baseline_s", "ratio", "< 200 ms",
     lambda f: f.get("program_s") is not None and f["program_s"] < 0.2),
]


def _db_counts(path: Path) -> dict:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 — fixed table names
           for t in ("items", "reagent_containers", "rooms", "workshops", "infrastructure_lines", "checklist_lines",
                     "school_classes", "lessons", "needs", "offers")}
    con.close()
    return out


def prepare_db(args, say) -> tuple[Path, dict]:
    from bench import generate

    names = {"store_room": generate.STORE_ROOM, "packet_workshop": generate.PACKET_WORKSHOP,
             "match_workshop": generate.MATCH_WORKSHOP, "term": generate.TERM, "past_term": generate.PAST_TERM}
    t0 = time.perf_counter()
    home = Path(tempfile.mkdtemp(prefix="gen-home-", dir=OUT))
    os.environ["CHEMCLUSTER_HOME"] = str(home)
    try:
        if args.db:
            path = Path(args.db).absolute()
            if not path.exists() or args.regenerate:
                say(f"generating {path} (seed {args.seed}, scale {args.scale:g}) …")
                g = generate.generate(path, seed=args.seed, scale=args.scale)
                meta = {**g.as_dict(), "cached": False}
            else:
                meta = {"path": str(path), "cached": True, "seed": args.seed, "scale": args.scale}
        else:
            say(f"data set: seed {args.seed}, scale {args.scale:g} (cached in {OUT}) …")
            path, meta = generate.cached(OUT, seed=args.seed, scale=args.scale)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    meta = {k: v for k, v in meta.items() if k not in ("counts", "names")}
    meta["prepare_s"] = round(time.perf_counter() - t0, 2)
    meta["counts"] = _db_counts(path)
    meta["names"] = names
    return path, meta


def run_figure(name: str, ctx: dict, timeout: float) -> dict:
    cmd = [PY, "-m", "bench.run_figure", name, json.dumps(ctx, ensure_ascii=False)]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"]
                                                    if os.environ.get("PYTHONPATH") else "")}
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        return {"status": "error", "error": f"timeout after {timeout:.0f} s", "wall_s": round(time.perf_counter() - t0, 1)}
    res = None
    for line in reversed(p.stdout.splitlines()):
        if line.startswith("RESULT "):
            res = json.loads(line[7:])
            break
    if res is None:
        res = {"status": "error", "error": f"exit {p.returncode}: {(p.stderr or p.stdout)[-600:]}"}
    if res.get("status") == "error" and p.stderr:
        res["stderr_tail"] = p.stderr[-1500:]
    res["wall_s"] = round(time.perf_counter() - t0, 1)
    return res


def _fmt(v, key: str | None) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if key and key.endswith("_mb"):
        return f"{v:.0f} MB"
    if key and "ratio" in key:
        return f"{v:.2f}×"
    if isinstance(v, int | float):
        return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.2f} s"
    return str(v)


def table(result: dict, markdown: bool = False) -> str:
    lines = []
    head = ("figure", "program", "baseline", "ratio", "target", "ok")
    rows = []
    for fig, label, pk, bk, rk, target, rule in ROWS:
        f = result.get(fig)
        if f is None:
            continue
        if f.get("status") != "measured":
            why = f.get("missing") or f.get("error", "")
            rows.append((label, f.get("status", "?").upper(), "", "", target, why[:70]))
            continue
        ok = "" if rule is None else ("yes" if rule(f) else "NO")
        rows.append((label, _fmt(f.get(pk), pk), _fmt(f.get(bk), bk) if bk else "—",
                     _fmt(f.get(rk), "ratio") if rk else "—", target, ok))
    if markdown:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
        lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
        return "\n".join(lines)
    w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w[0]}}}" if i == 0 else f"{{:>{w[i]}}}" for i in range(len(head)))
    lines.append(fmt.format(*head))
    lines.append("  ".join("-" * x for x in w))
    for r in rows:
        lines.append(fmt.format(*r))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description="Measure ChemCluster Desktop on a large data set.")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--db", help="SQLite file to use (generated there when missing); default: cached in bench/out/")
    ap.add_argument("--scale", type=float, default=1.0, help="size of the data set (1.0 = 100,000 items)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="comma-separated figures: " + ",".join(FIGURES))
    ap.add_argument("--regenerate", action="store_true", help="with --db: generate again even if the file exists")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (PDFs, xlsx, copies)")
    ap.add_argument("--from-json", metavar="FILE", help="only print the table of a saved --json result")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = ap.parse_args(argv)
    if args.from_json:
        print(table(json.loads(Path(args.from_json).read_text("utf-8")), markdown=args.markdown))
        return 0
    only = [x.strip() for x in args.only.split(",")] if args.only else list(FIGURES)
    bad = [x for x in only if x not in FIGURES]
    if bad:
        ap.error(f"unknown figure(s): {', '.join(bad)}")

    def say(msg: str) -> None:
        if not args.json:
            print(msg, flush=True)
        else:
            print(msg, file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    db, meta = prepare_db(args, say)
    work = Path(tempfile.mkdtemp(prefix="work-", dir=OUT))
    ctx = {"db": str(db), "work": str(work), "scale": args.scale, "seed": args.seed, "names": meta["names"],
           "counts": meta["counts"]}
    result: dict = {"meta": {
        "database": str(db), "seed": args.seed, "scale": args.scale, "generated": not meta.get("cached", False),
        "prepare_s": meta["prepare_s"], "counts": meta["counts"], "python": platform.python_version(),
        "platform": platform.platform(), "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }}
    for name in only:
        say(f"measuring {name} …")
        result[name] = run_figure(name, ctx, TIMEOUTS.get(name, 240) * (1 if args.scale >= 0.2 else 0.5))
    result["meta"]["total_s"] = round(time.perf_counter() - t0, 1)
    result["meta"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        result["meta"]["work"] = str(work)
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")
    else:
        print()
        print(table(result, markdown=args.markdown))
        m = result["meta"]
        print(f"\n{m['counts']['items']} items; total {m['total_s']} s; load average before/after "
              f"{m['load_average_before'][0]} / {m['load_average_after'][0]} on {m['cpus']} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
