"""The links between a workshop's checklist lines and the inventory items of its rooms, as the
coordinator sees and edits them: list, link by hand, confirm, reject. The automatic matching that
proposes them is in :mod:`.auto_match`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, select, update

from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.listing import apply_search
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import (
    ChecklistLine,
    ChecklistLink,
    InfrastructureLine,
    Workshop,
    WorkshopRoom,
)
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item

from . import restore_points as restore
from ._common import WRITE, _t
from .matching import CONFIRM_THRESHOLD, weak_signs


@dataclass
class LinkInfo:
    id: int
    checklist_line_id: int
    item_id: int
    item_name: str
    inventory_number: str
    model: str
    room: str
    in_rooms: bool
    item_status: str
    quantity: Decimal
    unit: str
    state: str
    score: int


def links(checklist_line_id: int, *, include_rejected: bool = False) -> list[LinkInfo]:
    with context.read() as s:
        cl = get_or_404(s, ChecklistLine, checklist_line_id, _t("Строка чек-листа"))
        room_ids = set(s.scalars(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == cl.workshop_id)))
        stmt = (select(ChecklistLink, Item, Room.name).join(Item, Item.id == ChecklistLink.item_id)
                .outerjoin(Room, Room.id == Item.room_id).where(ChecklistLink.checklist_line_id == checklist_line_id))
        if not include_rejected:
            stmt = stmt.where(ChecklistLink.state != "rejected")
        order = {"confirmed": 0, "auto": 1, "proposed": 2, "rejected": 3}
        out = []
        for lk, it, room in s.execute(stmt):
            out.append(LinkInfo(lk.id, lk.checklist_line_id, it.id, it.name, it.inventory_number or "", it.model,
                                room or "", it.room_id in room_ids, it.status,
                                lk.quantity if lk.quantity is not None else it.quantity, it.unit, lk.state, lk.score))
        out.sort(key=lambda x: (order.get(x.state, 9), -x.score, x.item_name))
        return out


def room_items(workshop_id: int, search: str = "", limit: int = 200) -> list[dict]:
    """Items in the workshop's rooms, for linking by hand (search in SQL)."""
    with context.read() as s:
        stmt = (select(Item.id, Item.name, Item.inventory_number, Item.model, Item.quantity, Item.unit, Room.name)
                .join(WorkshopRoom, and_(WorkshopRoom.room_id == Item.room_id, WorkshopRoom.workshop_id == workshop_id))
                .join(Room, Room.id == Item.room_id).where(Item.status != "written_off"))
        stmt = apply_search(stmt, Item.search_key, search).order_by(Item.name, Item.id).limit(limit)
        return [dict(id=r[0], name=r[1], inventory_number=r[2] or "", model=r[3], quantity=r[4], unit=r[5], room=r[6])
                for r in s.execute(stmt)]


def link_item(checklist_line_id: int, item_id: int, quantity: Decimal | None = None) -> int:
    """Link an item by hand (a confirmed link)."""
    require(WRITE)
    if quantity is not None and Decimal(quantity) <= 0:
        raise ValidationError(_t("Количество должно быть больше нуля."), field="quantity")
    with context.uow() as s:
        cl = get_or_404(s, ChecklistLine, checklist_line_id, _t("Строка чек-листа"))
        it = get_or_404(s, Item, item_id, _t("Позиция инвентаря"))
        lk = s.scalar(select(ChecklistLink).where(ChecklistLink.checklist_line_id == cl.id,
                                                  ChecklistLink.item_id == it.id))
        if lk is None:
            lk = ChecklistLink(checklist_line_id=cl.id, item_id=it.id, score=100)
            s.add(lk)
        lk.state, lk.confirmed, lk.quantity = "confirmed", True, quantity
        s.flush()
        return lk.id


def confirm_link(link_id: int, quantity: Decimal | None = None) -> None:
    require(WRITE)
    with context.uow() as s:
        lk = get_or_404(s, ChecklistLink, link_id, _t("Связь"))
        lk.state, lk.confirmed = "confirmed", True
        if quantity is not None:
            lk.quantity = quantity


def reject_link(link_id: int) -> None:
    """Refuse a link or proposal; remembered so the matching never proposes it again."""
    require(WRITE)
    with context.uow() as s:
        lk = get_or_404(s, ChecklistLink, link_id, _t("Связь"))
        lk.state, lk.confirmed = "rejected", False


@dataclass
class Proposal:
    """A pending proposal as the «Подтвердить все» preview lists it; ``weak`` ones start unticked."""

    link_id: int
    line: str
    item: str
    score: int
    weak: bool
    reason: str


@dataclass
class ConfirmResult:
    workshop: str
    confirmed: int
    left: int  # proposals still pending
    link_ids: list[int] = field(default_factory=list)
    dry_run: bool = False
    restore_point: int | None = None


def proposals(workshop_id: int) -> list[Proposal]:
    """The workshop's pending proposals with the signs that one is weak (a low score, or a describing
    word that differs: «Перчатки латексные» ↔ «Перчатки нитриловые»), by line."""
    with context.read() as s:
        return _proposals(s, workshop_id)


def _proposals(s, workshop_id: int) -> list[Proposal]:
    rows = s.execute(select(ChecklistLink.id, ChecklistLink.score, InfrastructureLine.number,
                            InfrastructureLine.name, InfrastructureLine.specification, Item.name, Item.model,
                            Item.inventory_number)
                     .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
                     .join(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
                     .join(Item, Item.id == ChecklistLink.item_id)
                     .where(ChecklistLine.workshop_id == workshop_id, ChecklistLink.state == "proposed")
                     .order_by(InfrastructureLine.position, ChecklistLink.score.desc(), ChecklistLink.id))
    out = []
    for lid, score, num, lname, spec, iname, model, inv in rows:
        only_line, only_item, low = weak_signs(lname, spec or "", iname, model or "", score)
        why = []
        if only_line:
            why.append(_t("разные признаки: {0} ↔ {1}").format(", ".join(f"«{w}»" for w in only_line),
                                                                ", ".join(f"«{w}»" for w in only_item)))
        if low:
            why.append(_t("слабое совпадение: {0} < {1}").format(score, CONFIRM_THRESHOLD))
        out.append(Proposal(lid, f"{num} {lname}".strip(), f"{iname} ({inv})" if inv else iname, score,
                            bool(why), "; ".join(why)))
    return out


def confirm_proposals(workshop_id: int, link_ids: list[int] | None = None, *, include_weak: bool = False,
                      dry_run: bool = False) -> ConfirmResult:
    """Confirm the given pending proposals of the workshop (default: every one that is not weak, or
    every one with ``include_weak``). One unit of work with a restore point; ``dry_run`` writes nothing."""
    require(WRITE)
    with context.uow() as s:
        w = get_or_404(s, Workshop, workshop_id, _t("Мастерская"))
        props = _proposals(s, workshop_id)
        if link_ids is None:
            chosen = [p.link_id for p in props if include_weak or not p.weak]
        else:
            mine = {p.link_id for p in props}
            stray = [i for i in link_ids if i not in mine]
            if stray:
                raise ValidationError(_t("Выбранные предложения ({0}) не относятся к мастерской «{1}» или уже не ждут "
                                         "подтверждения: обновите список (F5) и выберите снова.").format(
                    len(stray), w.name))
            chosen = list(dict.fromkeys(link_ids))
        res = ConfirmResult(w.name, len(chosen), len(props) - len(chosen), chosen, dry_run)
        if dry_run or not chosen:
            return res
        scope = {"workshops": [workshop_id]}
        before = restore.snapshot(s, scope)
        for k in range(0, len(chosen), 500):
            part = chosen[k:k + 500]
            s.execute(update(ChecklistLink).where(ChecklistLink.id.in_(part)).values(state="confirmed", confirmed=True))
        audit.record(s, "update", "accreditation", "ChecklistLink", workshop_id,
                     _t("Подтверждены предложения сопоставления: {0} (связи № {1})").format(
                         len(chosen), ", ".join(map(str, chosen[:50]))))
        res.restore_point = restore.make_point(
            s, "confirm_all", _t("Подтверждение предложений «{0}»: {1}").format(w.name, len(chosen)), scope, before,
            workshop_id=workshop_id)
        return res


def confirm_all_proposals(workshop_id: int) -> int:
    """Every pending proposal, weak ones too (scripts); undoable. The GUI and the CLI confirm what
    the preview leaves ticked (:func:`confirm_proposals`)."""
    return confirm_proposals(workshop_id, include_weak=True).confirmed
