"""A workshop's gaps (checklist lines not met, with the unmet quantity) and turning them into
procurement needs in one action — previewed (what is created or updated, with an estimated price,
each line can be left out) and undoable (issue 16)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.listing import apply_search
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import Competency, InfrastructureList, WorkshopRoom
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.procurement import Need
from chemcluster_desktop.storage.search import fold, make_key

from . import restore_points as restore
from ._common import _num, _t, _workshop
from .checklists import checklist


@dataclass
class NeedPlan:
    """One gap as the preview shows it: what happens to it (``create`` / ``update`` / ``skip``)."""

    checklist_line_id: int
    number: str
    name: str
    zone: str
    quantity: Decimal
    unit: str
    action: str
    need_id: int | None = None
    unit_price: Decimal | None = None  # estimate: the mean cost of inventory items of the same name
    note: str = ""

    @property
    def estimate(self) -> Decimal | None:
        return None if self.unit_price is None else (self.unit_price * self.quantity).quantize(Decimal("0.01"))


@dataclass
class NeedsResult:
    created: int
    updated: int
    skipped: list[str] = field(default_factory=list)
    need_ids: list[int] = field(default_factory=list)
    plan: list[NeedPlan] = field(default_factory=list)
    dry_run: bool = False
    restore_point: int | None = None


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


def _unit_price(s: Session, name: str) -> Decimal | None:
    """The mean unit cost of the inventory items named like the line (same words), if any has a cost."""
    key = fold(" ".join(name.split()))
    stmt = apply_search(select(Item.name, Item.cost, Item.quantity).where(Item.cost.is_not(None)), Item.search_key,
                        name).limit(200)
    prices = [Decimal(c) / (Decimal(q) if q and q > 0 else 1) for n, c, q in s.execute(stmt)
              if fold(" ".join(n.split())).startswith(key)]
    if not prices:
        return None
    return (sum(prices) / len(prices)).quantize(Decimal("0.01"))


def plan_needs(workshop_id: int) -> list[NeedPlan]:
    """The preview of «Дефициты → закупки»: nothing is written."""
    return create_needs_from_gaps(workshop_id, dry_run=True).plan


def create_needs_from_gaps(workshop_id: int, line_ids: list[int] | None = None, *,
                           dry_run: bool = False) -> NeedsResult:
    """One action: every unmet quantity (of the checklist lines ``line_ids``, default all) becomes a
    procurement need (status «need») linked back to its checklist line. A need already made for the
    same line is updated while it is still only a need, and left alone once procurement has taken it
    further. ``dry_run``: the plan only; else a restore point is kept (undo removes the needs created
    while nothing refers to them)."""
    require("procurement.needs")
    rows = gaps(workshop_id)
    res = NeedsResult(0, 0, dry_run=dry_run)
    with context.uow() as s:
        w = _workshop(s, workshop_id)
        if line_ids is not None:
            known = {r["id"] for r in rows}
            stray = [i for i in line_ids if i not in known]
            if stray:
                raise ValidationError(_t("Выбранные строки чек-листа ({0}) не относятся к дефицитам мастерской «{1}» "
                                         "(уже выполнены или удалены): обновите список (F5) и выберите снова.")
                                      .format(len(stray), w.name))
            rows = [r for r in rows if r["id"] in set(line_ids)]
        scope = {"needs_workshop": w.id}
        before = restore.snapshot(s, scope) if not dry_run else {}
        if not rows:
            res.skipped.append(_t("Дефицитов нет: все позиции чек-листа выполнены.") if line_ids is None
                               else _t("Ни одна строка не выбрана."))
        for r in rows:
            _one_need(s, w, r, res)
        if dry_run:
            s.rollback()
            made = {p.need_id for p in res.plan if p.action == "create"}
            res.need_ids = [i for i in res.need_ids if i not in made]
            for p in res.plan:
                if p.action == "create":
                    p.need_id = None
        elif res.created or res.updated:
            audit.record(s, "create", "procurement", "Need", w.id,
                         _t("Дефициты «{0}» → закупки: создано {1}, обновлено {2}").format(
                             w.name, res.created, res.updated))
            res.restore_point = restore.make_point(
                s, "needs", _t("Дефициты → закупки «{0}»: создано {1}, обновлено {2}").format(
                    w.name, res.created, res.updated), scope, before, workshop_id=w.id)
    return res


def _need_status(code: str) -> str:
    from chemcluster_desktop.services.procurement._common import status_label

    return status_label(code)


def _one_need(s: Session, w, r: dict, res: NeedsResult) -> None:
    room_id = s.scalar(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == w.id)
                       .order_by(WorkshopRoom.room_id).limit(1))
    comp = s.scalar(select(Competency.name).where(Competency.id == w.competency_id)) or ""
    year = s.scalar(select(InfrastructureList.year).where(InfrastructureList.id == w.list_id))
    existing = s.scalars(select(Need).where(Need.checklist_line_id == r["id"]).order_by(Need.id)).all()
    qty = Decimal(r["unmet"])
    plan = NeedPlan(r["id"], r["number"] or "", r["name"], r["zone"], qty, r["unit"], "create",
                    unit_price=_unit_price(s, r["name"]))
    res.plan.append(plan)
    just = _t("Дефицит по инфраструктурному листу компетенции «{0}» ({1} г.), мастерская «{2}», "
              "позиция № {3}: требуется {4}, в наличии {5}.").format(
        comp, year or "", w.name, r["number"] or "—", _num(r["required"]), _num(r["available"] or 0))
    open_need = next((n for n in existing if n.status == "need"), None)
    if open_need is not None:
        plan.need_id = open_need.id
        if open_need.quantity != qty:
            plan.action, plan.note = "update", _t("было {0}").format(_num(open_need.quantity))
            open_need.quantity = qty
            open_need.justification = just
            res.updated += 1
        else:
            plan.action = "skip"
            plan.note = _t("потребность № {0} уже создана, количество то же").format(open_need.id)
            res.skipped.append(f"«{r['name'][:60]}»: {plan.note}.")
        res.need_ids.append(open_need.id)
        return
    if existing:
        n0 = existing[-1]
        plan.action, plan.need_id = "skip", n0.id
        plan.note = _t("потребность № {0} уже в работе у закупок («{1}»)").format(
            n0.id, _need_status(n0.status))
        res.skipped.append(f"«{r['name'][:60]}»: {plan.note}.")
        return
    n = Need(name=r["name"][:500], specification=r["specification"] or "", quantity=qty, unit=r["unit"],
             room_id=room_id, workshop_id=w.id, checklist_line_id=r["id"], zone=r["zone"],
             justification=just, status="need", search_key=make_key(r["name"], r["specification"])[:800])
    s.add(n)
    s.flush()
    plan.need_id = n.id
    res.created += 1
    res.need_ids.append(n.id)
