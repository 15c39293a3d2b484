"""Runs one figure in its own process (so peak memory and imports are that figure's own) and prints
``RESULT {json}`` as its last line. Used by ``python -m bench``; not meant to be called by hand."""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
from pathlib import Path

from bench.common import Ctx, Missing

FIGURES = {
    "startup": "bench.measure_startup:measure",
    "search": "bench.measure_search:measure",
    "import": "bench.measure_xlsx:measure_import",
    "export": "bench.measure_xlsx:measure_export",
    "inventory_pdf": "bench.measure_pdf:measure_inventory_pdf",
    "accreditation_packet": "bench.measure_pdf:measure_packet",
    "print": "bench.measure_print:measure_print",
    "readiness": "bench.measure_accreditation:measure_readiness",
    "matching": "bench.measure_accreditation:measure_matching",
    "timetable": "bench.measure_schedule:measure_timetable",
    "clash_check": "bench.measure_schedule:measure_clash_check",
}


def main() -> int:
    name, raw = sys.argv[1], sys.argv[2]
    c = json.loads(raw)
    ctx = Ctx(db=Path(c["db"]), work=Path(c["work"]), scale=c["scale"], seed=c["seed"], names=c["names"],
              counts=c.get("counts", {}))
    ctx.work.mkdir(parents=True, exist_ok=True)
    os.environ["CHEMCLUSTER_HOME"] = str(ctx.work / f"home-{name}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    mod, fn = FIGURES[name].split(":")
    try:
        res = getattr(importlib.import_module(mod), fn)(ctx)
        res = {**res, "status": "measured"}
    except Missing as e:
        res = {"status": "missing", "missing": str(e)}
    except Exception as e:  # noqa: BLE001 — a failing area must not stop the other figures
        traceback.print_exc()
        res = {"status": "error", "error": f"{type(e).__name__}: {e}"[:600]}
    sys.stdout.write("\nRESULT " + json.dumps(res, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
