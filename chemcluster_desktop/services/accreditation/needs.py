"""A workshop's gaps (checklist lines not met, with the unmet quantity) and turning them into
procurement needs in one action."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import Competency, InfrastructureList, WorkshopRoom
from chemcluster_desktop.storage.procurement import Need
from chemcluster_desktop.storage.search import make_key

from ._common import _num, _t, _workshop
from .checklists import checklist


@dataclass
class NeedsResult:
    created: int
    updated: int
    skipped: list[str] = field(default_factory=list)
    need_ids: list[int] = field(default_factory=list)


def gaps(workshop_id: int) -> list[dict]:
    """Lines not met, with the unmet quantity."""
    out = []
    for r in checklist(workshop_id):
        if r["status"] == "met":
            continue
        req, av = Decimal(r["required"]), Decimal(r["available"] or 0)
        unmet = req - av
        if unmet <= 0:
            unmet = req if r["status"] == "missing" else Decimal(0)
        if unmet <= 0:
            continue
        d = dict(r)
        d["unmet"] = unmet
        out.append(d)
    return out


def create_needs_from_gaps(workshop_id: int) -> NeedsResult:
    """One action: every unmet quantity becomes a procurement need (status «need») linked back to its
    checklist line. A need already made for the same line is updated while it is still only a need,
    and left alone once procurement has taken it further."""
    require("procurement.needs")
    rows = gaps(workshop_id)
    res = NeedsResult(0, 0)
    with context.uow() as s:
        w = _workshop(s, workshop_id)
        room_id = s.scalar(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == w.id)
                           .order_by(WorkshopRoom.room_id).limit(1))
        comp = s.scalar(select(Competency.name).where(Competency.id == w.competency_id)) or ""
        year = s.scalar(select(InfrastructureList.year).where(InfrastructureList.id == w.list_id))
        if not rows:
            res.skipped.append(_t("Дефицитов нет: все позиции чек-листа выполнены."))
        for r in rows:
            existing = s.scalars(select(Need).where(Need.checklist_line_id == r["id"]).order_by(Need.id)).all()
            qty = Decimal(r["unmet"])
            just = _t("Дефицит по инфраструктурному листу компетенции «{0}» ({1} г.), мастерская «{2}», "
                      "позиция № {3}: требуется {4}, в наличии {5}.").format(
                comp, year or "", w.name, r["number"] or "—", _num(r["required"]), _num(r["available"] or 0))
            open_need = next((n for n in existing if n.status == "need"), None)
            if open_need is not None:
                if open_need.quantity != qty:
                    open_need.quantity = qty
                    open_need.justification = just
                    res.updated += 1
                else:
                    res.skipped.append(_t("«{0}»: потребность № {1} уже создана с тем же количеством.")
                                       .format(r["name"][:60], open_need.id))
                res.need_ids.append(open_need.id)
                continue
            if existing:
                n0 = existing[-1]
                res.skipped.append(_t("«{0}»: потребность № {1} уже в работе у закупок (статус «{2}»); "
                                      "новая не создана.").format(r["name"][:60], n0.id, n0.status))
                continue
            n = Need(name=r["name"][:500], specification=r["specification"] or "", quantity=qty, unit=r["unit"],
                     room_id=room_id, workshop_id=w.id, checklist_line_id=r["id"], zone=r["zone"],
                     justification=just, status="need", search_key=make_key(r["name"], r["specification"])[:800])
            s.add(n)
            s.flush()
            res.created += 1
            res.need_ids.append(n.id)
    return res
