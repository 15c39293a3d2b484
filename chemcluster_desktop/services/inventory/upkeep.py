"""Verification (поверка) of measuring instruments and scheduled maintenance of equipment.

An item marked «средство измерения» carries its last verification date, the interval in months and the
certificate's number; any item may carry its last maintenance and the interval. The next date is the
last one plus the interval. Alerts begin :data:`WINDOW` days before that date and stay while it is
overdue. An instrument whose verification ran out is not usable (accreditation readiness counts it
so, the stock-taking list gives it the status «не соответствует требованиям эксплуатации»).

    due(days=30) -> [{"inventory_number", "name", "kind": "verification"|"maintenance", "date", "overdue", …}]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.inventory.form_codes import verification_due
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item

WINDOW = 30
FIELDS = ("measuring", "verified_on", "verification_months", "verification_certificate", "maintained_on",
          "maintenance_months")


def _t(s: str) -> str:
    return translate("Inventory", s)


def clean_upkeep(data: dict, bad, today: dt.date | None = None) -> dict[str, Any]:
    """The verification and maintenance fields of a card (only those given); errors through ``bad``."""
    from chemcluster_desktop.dates import parse_date_text

    today = today or dt.date.today()
    out: dict[str, Any] = {}
    if "measuring" in data:
        out["measuring"] = bool(data.get("measuring"))
    for f, label in (("verified_on", _t("Дата поверки")), ("maintained_on", _t("Дата обслуживания"))):
        if f not in data:
            continue
        v = data.get(f)
        if isinstance(v, dt.datetime):
            v = v.date()
        if isinstance(v, str):
            try:
                v = parse_date_text(v)
            except ValueError:
                bad(f, _t("{0} «{1}» не распознана: нужен вид 26.11.2026.").format(label, v))
                v = None
        if v is not None and v > today:
            bad(f, _t("{0} {1:%d.%m.%Y} ещё не наступила: укажите дату последней проведённой поверки или "
                      "обслуживания.").format(label, v))
        out[f] = v
    for f, label in (("verification_months", _t("Межповерочный интервал")),
                     ("maintenance_months", _t("Интервал обслуживания"))):
        if f not in data:
            continue
        v = data.get(f)
        if v in (None, ""):
            out[f] = None
            continue
        try:
            n = int(str(v).strip())
        except ValueError:
            bad(f, _t("{0}: целое число месяцев, например 12.").format(label))
            continue
        if not 1 <= n <= 120:
            bad(f, _t("{0}: от 1 до 120 месяцев, введено {1}.").format(label, n))
        out[f] = n
    if "verification_certificate" in data:
        cert = str(data.get("verification_certificate") or "").strip()
        if len(cert) > 100:
            bad("verification_certificate", _t("Номер свидетельства о поверке длиннее 100 знаков."))
        out["verification_certificate"] = cert
    if out.get("measuring") and (data.get("verified_on") in (None, "") or not data.get("verification_months")):
        bad("verified_on", _t("Для средства измерения укажите дату последней поверки и межповерочный интервал."))
    return out


def next_maintenance(maintained_on: dt.date | None, months: int | None) -> dt.date | None:
    return verification_due(maintained_on, months)


def state(measuring: bool, verified_on: dt.date | None, months: int | None, on: dt.date | None = None) -> str:
    """«ok», «soon» (within the window), «expired» or «none» (not an instrument)."""
    if not measuring:
        return "none"
    on = on or dt.date.today()
    until = verification_due(verified_on, months)
    if until is None or until < on:
        return "expired"
    return "soon" if (until - on).days <= WINDOW else "ok"


def due(days: int = WINDOW, on: dt.date | None = None) -> list[dict]:
    """Verifications and maintenances due within ``days`` or overdue, soonest first."""
    on = on or dt.date.today()
    horizon = on + dt.timedelta(days=days)
    out = []
    with context.read() as s:
        q = (select(Item.id, Item.inventory_number, Item.name, Item.measuring, Item.verified_on,
                    Item.verification_months, Item.verification_certificate, Item.maintained_on,
                    Item.maintenance_months, Room.name, Item.responsible)
             .join(Room, Room.id == Item.room_id, isouter=True)
             .where(Item.status != "written_off",
                    or_(Item.measuring.is_(True), Item.maintenance_months.is_not(None)))
             .order_by(Item.id))
        for r in s.execute(q):
            base = {"id": r[0], "inventory_number": r[1] or "", "name": r[2], "room": r[9] or "",
                    "responsible": r[10] or ""}
            if r[3]:
                until = verification_due(r[4], r[5])
                if until is None or until <= horizon:
                    out.append({**base, "kind": "verification", "date": until, "overdue": until is None or until < on,
                                "certificate": r[6] or ""})
            until = next_maintenance(r[7], r[8])
            if until is not None and until <= horizon:
                out.append({**base, "kind": "maintenance", "date": until, "overdue": until < on, "certificate": ""})
    out.sort(key=lambda d: (d["date"] or dt.date.min, d["name"]))
    return out


def summary(days: int = WINDOW, on: dt.date | None = None) -> dict:
    """The dashboard's tile: items whose verification or maintenance falls due within ``days`` and
    items with one overdue (an item with both counts as overdue), with their ids."""
    rows = due(days=days, on=on)
    overdue = sorted({r["id"] for r in rows if r["overdue"]})
    soon = sorted({r["id"] for r in rows if not r["overdue"]} - set(overdue))
    return {"soon": len(soon), "overdue": len(overdue), "soon_ids": soon, "overdue_ids": overdue,
            "ids": sorted(set(soon) | set(overdue)), "days": days}


def expired_instruments(item_ids: list[int], on: dt.date | None = None) -> set[int]:
    """Of the items given, the measuring instruments whose verification has run out (or was never
    entered): not usable at a demonstration exam."""
    on = on or dt.date.today()
    bad: set[int] = set()
    if not item_ids:
        return bad
    with context.read() as s:
        for i in range(0, len(item_ids), 500):
            for iid, vo, vm in s.execute(select(Item.id, Item.verified_on, Item.verification_months)
                                         .where(Item.id.in_(item_ids[i:i + 500]), Item.measuring.is_(True))):
                until = verification_due(vo, vm)
                if until is None or until < on:
                    bad.add(iid)
    return bad


__all__ = ["FIELDS", "WINDOW", "clean_upkeep", "due", "expired_instruments", "next_maintenance", "state", "summary"]
