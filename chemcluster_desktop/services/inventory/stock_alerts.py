"""Alerts of the inventory (expired and soon-expiring reagent containers, incompatible storage groups
kept together, low stock) and the summary for dashboards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.inventory._common import _num, _t
from chemcluster_desktop.services.inventory.vocabulary import (
    EXPIRY_WARN_DAYS,
    INCOMPATIBLE,
    storage_group_label,
)
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item, ReagentContainer, Substance
from chemcluster_desktop.storage.search import fold


@dataclass
class Alert:
    kind: str  # low_stock | expired | expiring | incompatible
    severity: str  # bad | warn
    item_id: int | None
    text: str
    room: str = ""


def _low_stock_q(stmt, room_id: int | None):
    stmt = stmt.where(Item.min_quantity.is_not(None), Item.quantity < Item.min_quantity,
                      Item.status != "written_off")
    return stmt.where(Item.room_id == room_id) if room_id else stmt


def _expiry_q(stmt, room_id: int | None, today: dt.date, expired: bool):
    stmt = stmt.where(ReagentContainer.empty.is_(False), Item.status != "written_off",
                      ReagentContainer.expires_on.is_not(None))
    if expired:
        stmt = stmt.where(ReagentContainer.expires_on < today)
    else:
        stmt = stmt.where(ReagentContainer.expires_on >= today,
                          ReagentContainer.expires_on <= today + dt.timedelta(days=EXPIRY_WARN_DAYS))
    return stmt.where(Item.room_id == room_id) if room_id else stmt


def _incompatible(s, room_id: int | None) -> list[tuple[str, str, int, str, int]]:
    """Incompatible storage groups kept in one storage place: (place label, group a, item of a, group b,
    item of b). One row per room, place and group comes from SQL (GROUP BY); places are compared folded."""
    q = (select(Item.room_id, Room.name, ReagentContainer.storage_place, Substance.storage_group,
                func.min(Item.id))
         .join(ReagentContainer, ReagentContainer.item_id == Item.id)
         .join(Substance, Substance.id == Item.substance_id)
         .join(Room, Room.id == Item.room_id, isouter=True)
         .where(ReagentContainer.empty.is_(False), Item.status != "written_off", Substance.storage_group != "")
         .group_by(Item.room_id, Room.name, ReagentContainer.storage_place, Substance.storage_group))
    if room_id:
        q = q.where(Item.room_id == room_id)
    places: dict[tuple, dict[str, int]] = {}
    labels: dict[tuple, str] = {}
    for rid, rname, place, group, iid in s.execute(q):
        key = (rid, fold(place))
        groups = places.setdefault(key, {})
        groups[group] = min(iid, groups.get(group, iid))
        labels.setdefault(key, f"{rname or ''}{', ' + place if place else ''}")
    out = []
    for key in sorted(places, key=lambda k: (labels[k], k[0] or 0)):
        groups = places[key]
        gs = sorted(groups)
        for i, a in enumerate(gs):
            for b in gs[i + 1:]:
                if frozenset((a, b)) in INCOMPATIBLE:
                    out.append((labels[key], a, groups[a], b, groups[b]))
    return out


def alerts(room_id: int | None = None, today: dt.date | None = None, limit: int | None = None) -> list[Alert]:
    """Expired reagent containers, incompatible storage groups kept in one storage place, low stock of
    consumables, soon-expiring containers — in that order (bad before warn). ``limit`` gives only the
    first alerts (the panel shows ~100; :func:`alert_counts` tells how many there are in all)."""
    today = today or dt.date.today()
    out: list[Alert] = []
    with context.read() as s:
        for stage in (_expired_alerts, _upkeep_overdue_alerts, _incompatible_alerts, _low_stock_alerts,
                      _expiring_alerts, _upkeep_soon_alerts):
            left = None if limit is None else limit - len(out)
            if left is not None and left <= 0:
                break
            out += stage(s, room_id, today, left)
    return out


def _limited(stmt, n: int | None):
    return stmt if n is None else stmt.limit(n)


def _expiry_alerts(s, room_id, today, n, expired: bool) -> list[Alert]:
    q = _expiry_q(select(Item.id, Item.name, ReagentContainer.expires_on, ReagentContainer.lot, Room.name)
                  .join(ReagentContainer, ReagentContainer.item_id == Item.id)
                  .join(Room, Room.id == Item.room_id, isouter=True), room_id, today, expired)
    out = []
    for iid, name, exp, lot, room in s.execute(_limited(q.order_by(ReagentContainer.expires_on,
                                                                    ReagentContainer.id), n)):
        lot_s = _t(" (партия {0})").format(lot) if lot else ""
        if expired:
            out.append(Alert("expired", "bad", iid, _t("Просрочен реактив «{0}»{1}: срок годности истёк {2}.")
                             .format(name, lot_s, exp.strftime("%d.%m.%Y")), room or ""))
        else:
            out.append(Alert("expiring", "warn", iid, _t("Истекает срок годности «{0}»{1}: до {2}.")
                             .format(name, lot_s, exp.strftime("%d.%m.%Y")), room or ""))
    return out


def _expired_alerts(s, room_id, today, n) -> list[Alert]:
    return _expiry_alerts(s, room_id, today, n, expired=True)


def _expiring_alerts(s, room_id, today, n) -> list[Alert]:
    return _expiry_alerts(s, room_id, today, n, expired=False)


def _incompatible_alerts(s, room_id, _today, n) -> list[Alert]:
    pairs = _incompatible(s, room_id)[:n]
    ids = {i for p in pairs for i in (p[2], p[4])}
    names = dict(s.execute(select(Item.id, Item.name).where(Item.id.in_(ids))).all()) if ids else {}
    return [Alert("incompatible", "bad", ia, _t("Несовместимое хранение в «{0}»: «{1}» ({2}) и «{3}» ({4}).")
                  .format(label, names.get(ia, ""), storage_group_label(a), names.get(ib, ""),
                          storage_group_label(b)), label)
            for label, a, ia, b, ib in pairs]


def _upkeep_alerts(room_id, today, n, overdue: bool) -> list[Alert]:
    """Verification (поверка) and maintenance running out within 30 days or overdue (:mod:`.upkeep`)."""
    from chemcluster_desktop.services.inventory.upkeep import due

    rows = [d for d in due(on=today) if d["overdue"] == overdue]
    if room_id:
        from chemcluster_desktop.storage.core import Room as _Room

        with context.read() as s:
            name = s.scalar(select(_Room.name).where(_Room.id == room_id))
        rows = [d for d in rows if d["room"] == name]
    out = []
    for d in rows[:n] if n is not None else rows:
        when = d["date"].strftime("%d.%m.%Y") if d["date"] else "—"
        label = f"{d['inventory_number']} {d['name']}".strip()
        if d["kind"] == "verification":
            text = (_t("Истекла поверка «{0}» ({1}): средство измерения нельзя использовать до новой поверки.")
                    if overdue else _t("Поверка «{0}» действует до {1}: запишите прибор на поверку."))
            kind = "verification_overdue" if overdue else "verification_due"
        else:
            text = (_t("Просрочено обслуживание «{0}» (срок {1}).") if overdue
                    else _t("Плановое обслуживание «{0}» до {1}."))
            kind = "maintenance_overdue" if overdue else "maintenance_due"
        out.append(Alert(kind, "bad" if overdue else "warn", d["id"], text.format(label, when), d["room"]))
    return out


def _upkeep_overdue_alerts(_s, room_id, today, n) -> list[Alert]:
    return _upkeep_alerts(room_id, today, n, overdue=True)


def _upkeep_soon_alerts(_s, room_id, today, n) -> list[Alert]:
    return _upkeep_alerts(room_id, today, n, overdue=False)


def _low_stock_alerts(s, room_id, _today, n) -> list[Alert]:
    q = _low_stock_q(select(Item.id, Item.name, Item.quantity, Item.min_quantity, Item.unit, Room.name)
                     .join(Room, Room.id == Item.room_id, isouter=True), room_id)
    return [Alert("low_stock", "warn", iid, _t("Мало на складе: «{0}» — {1} {2} при минимуме {3}.")
                  .format(name, _num(qty), unit, _num(mn)), room or "")
            for iid, name, qty, mn, unit, room in s.execute(_limited(q.order_by(Item.name, Item.id), n))]


def alert_counts(room_id: int | None = None, today: dt.date | None = None) -> dict[str, int]:
    """How many alerts of each kind (only kinds that have any), counted in SQL without building them."""
    today = today or dt.date.today()
    c: dict[str, int] = {}
    with context.read() as s:
        n = s.scalar(_low_stock_q(select(func.count(Item.id)), room_id))
        if n:
            c["low_stock"] = int(n)
        for kind, expired in (("expired", True), ("expiring", False)):
            n = s.scalar(_expiry_q(select(func.count(ReagentContainer.id))
                                   .select_from(Item).join(ReagentContainer, ReagentContainer.item_id == Item.id),
                                   room_id, today, expired))
            if n:
                c[kind] = int(n)
        n = len(_incompatible(s, room_id))
        if n:
            c["incompatible"] = n
    for a in _upkeep_alerts(room_id, today, None, True) + _upkeep_alerts(room_id, today, None, False):
        c[a.kind] = c.get(a.kind, 0) + 1
    return c


# --- summary for dashboards -------------------------------------------------------------------------------------
def summary() -> dict:
    with context.read() as s:
        rows = s.execute(select(Item.kind, func.count(Item.id), func.sum(Item.cost))
                         .where(Item.status != "written_off").group_by(Item.kind)).all()
    by_kind = {k: {"count": n, "cost": Decimal(v or 0) / 100 if isinstance(v, int) else (v or Decimal(0))}
               for k, n, v in rows}
    return {"by_kind": by_kind, "alerts": alert_counts()}
