"""The dashboard's data as one plain structure (also cluster dashboard --json)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal

from chemcluster_desktop.services.cluster._common import COMPUTED, READY_THRESHOLD
from chemcluster_desktop.services.cluster.figures import budget, pupils, readiness
from chemcluster_desktop.services.cluster.kpis import _previous_entry, list_kpis, reported_periods
from chemcluster_desktop.services.cluster.periods import _q, percent_of


def dashboard() -> dict:
    """Everything the dashboard shows, as plain data (also ``cluster dashboard --json``)."""
    kpis = list_kpis()
    tiles = []
    for k in kpis:
        val, origin = k.actual(None)
        prev, prev_period = _previous_entry(k, None)
        trend = None if val is None or prev is None else _q(val - prev)
        page = COMPUTED.get(k.computed, ("", "cluster"))[1] if k.computed else "cluster"
        tiles.append({
            "code": k.code, "name": k.name, "unit": k.unit, "target": k.target, "target_period": k.period,
            "value": val, "origin": origin, "percent": percent_of(val, k.target), "previous": prev,
            "previous_period": prev_period,
            "trend": trend, "page": page,
            "history": [{"period": v.period, "value": v.value} for v in k.values],
        })
    r = readiness()
    b = budget()
    p = pupils()
    return {
        "tiles": tiles,
        "readiness": {"available": r.available, "workshops": r.workshops, "overall_percent": r.overall_percent,
                      "ready": r.ready, "threshold_percent": READY_THRESHOLD, "note": r.note},
        "budget": {"available": b.available, "sources": b.sources, "total": b.total,
                   "project_total": b.project_total, "grant_cap": b.grant_cap, "note": b.note},
        "pupils": asdict(p),
        "periods": reported_periods(),
    }


def jsonable(obj):
    """Decimals as strings (money and figures never become floats)."""
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj
