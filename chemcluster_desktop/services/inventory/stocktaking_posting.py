"""Posting a closed stock-taking's result: the proposed document lines (for review), then the
write-off, receipt and transfer documents and the new cards, all in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory.items import add_items_in_session
from chemcluster_desktop.services.inventory.movements import MovementResult, make_movement_in_session
from chemcluster_desktop.services.inventory.vocabulary import UNIT_KINDS, is_group
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.core import AuditEntry, Room
from chemcluster_desktop.storage.inventory import Item, Movement, Stocktaking, StocktakingLine


def _t(s: str) -> str:
    return translate("Stocktaking", s)


POSTING_ACTIONS = ("write_off", "receipt", "transfer", "create")


@dataclass
class PostingLine:
    """One proposed document line of a closed stock-taking's result."""

    line_id: int
    action: str  # write_off | receipt | transfer | create | none (shown, cannot be posted here)
    item_id: int | None
    inventory_number: str
    name: str
    unit: str
    quantity: Decimal  # of the document line; for «create» the number found
    whole: bool  # the whole item (units, reagents, a consumable moved whole)
    item_kind: str  # for «create»: the kind of the new item(s)
    from_room: str = ""
    checked: bool = True  # the proposed choice; unknown things are only created when asked
    note: str = ""
    estimate: Decimal | None = None  # for «create»: the commission's estimate of one unit (the new card's cost)

    @property
    def postable(self) -> bool:
        return self.action in POSTING_ACTIONS


@dataclass
class PostingPlan:
    stocktaking_id: int
    number: str
    room_id: int
    room: str
    started_on: dt.date
    reason: str  # of the write-off document (the person can change it)
    lines: list[PostingLine] = field(default_factory=list)


@dataclass
class PostingResult:
    stocktaking_id: int
    number: str
    documents: list[MovementResult] = field(default_factory=list)
    created_items: list[int] = field(default_factory=list)
    posted_lines: int = 0
    dry_run: bool = False


class _DryRun(Exception):
    def __init__(self, result: PostingResult):
        super().__init__("dry run")
        self.result = result


def default_reason(number: str, started_on: dt.date) -> str:
    return _t("Недостача по инвентаризации № {0} от {1}").format(number, started_on.strftime("%d.%m.%Y"))


def _closed_for_posting(s, st_id: int, *, lock: bool = False) -> Stocktaking:
    st = get_or_404(s, Stocktaking, st_id, _t("Инвентаризация"), for_update=lock)
    if st.status == "open":
        raise ValidationError(_t("Инвентаризация {0} ещё идёт: сначала завершите её.").format(st.number))
    if st.status == "posted":
        who, when = posted_by(s, st_id)
        raise ValidationError(_t("Результаты инвентаризации {0} уже проведены ({1}, {2}): повторно провести "
                                 "нельзя.").format(st.number, who or "—", when.strftime("%d.%m.%Y %H:%M")
                                                  if when else "—"))
    return st


def posted_by(s, st_id: int) -> tuple[str, dt.datetime | None]:
    """Who posted the stock-taking's results and when (from the journal: the entry :func:`post` writes,
    read here in the caller's session — the journal service has no query for one entry's new values)."""
    row = s.execute(select(AuditEntry.user_login, AuditEntry.at)
                    .where(AuditEntry.entity == "Stocktaking", AuditEntry.entity_id == str(st_id),
                           AuditEntry.new_values.contains('"status": "posted"'))
                    .order_by(AuditEntry.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else ("", None)


def _plan(s, st: Stocktaking) -> PostingPlan:
    room = s.get(Room, st.room_id)
    plan = PostingPlan(st.id, st.number, st.room_id, room.name if room else "", st.started_on,
                       default_reason(st.number, st.started_on))
    rooms = dict(s.execute(select(Room.id, Room.name)).all())
    q = (select(StocktakingLine, Item).join(Item, Item.id == StocktakingLine.item_id, isouter=True)
         .where(StocktakingLine.stocktaking_id == st.id).order_by(StocktakingLine.id))
    for ln, item in s.execute(q):
        diff = ln.found_quantity - ln.expected_quantity
        if diff == 0:
            continue
        if item is None:  # an unknown thing recorded by description
            qty = ln.found_quantity
            kind = "equipment" if qty == 1 else "consumable"
            plan.lines.append(PostingLine(ln.id, "create", None, "", ln.unknown_description, "шт.", qty,
                                          False, kind, checked=False,
                                          note=_t("завести новую карточку"), estimate=ln.estimate))
            continue
        pl = PostingLine(ln.id, "none", item.id, item.inventory_number or "", item.name, item.unit,
                         abs(diff), False, item.kind, from_room=rooms.get(item.room_id, ""))
        plan.lines.append(pl)
        if item.status == "written_off":
            pl.note = _t("уже списано")
            continue
        here = item.room_id == st.room_id
        if ln.expected_quantity == 0:  # found here, recorded in another room
            if here:
                pl.note = _t("уже числится в этом помещении")
                continue
            pl.action = "transfer"
            if (item.kind == "consumable" or is_group(item.kind, item.quantity)) and ln.found_quantity < item.quantity:
                pl.quantity = ln.found_quantity
            else:
                pl.quantity, pl.whole = item.quantity, True
            pl.note = _t("переместить из «{0}»").format(pl.from_room or "—")
            continue
        if not here:
            pl.note = _t("числится уже в помещении «{0}»").format(pl.from_room or "—")
            continue
        if item.kind == "consumable":
            pl.action = "write_off" if diff < 0 else "receipt"
            pl.note = _t("списать недостающее") if diff < 0 else _t("оприходовать излишек")
        elif diff < 0 and ln.found_quantity > 0 and is_group(item.kind, item.quantity):
            # part of a group not found: the missing units are split off the group and written off
            pl.action = "write_off"
            pl.note = _t("списать недостающие штуки группы")
        elif diff > 0 and is_group(item.kind, item.quantity):
            pl.note = _t("в группе больше штук, чем по учёту: поправьте количество в карточке")
        elif diff < 0 and ln.found_quantity == 0:  # a unit, or a reagent not found at all
            pl.action, pl.whole, pl.quantity = "write_off", True, item.quantity
            pl.note = _t("списать")
        else:
            pl.note = _t("реактив: поправьте тару в карточке позиции")
    return plan


def posting_plan(st_id: int) -> PostingPlan:
    """The documents a closed stock-taking's result would become (for the review dialog and --dry-run)."""
    with context.read() as s:
        return _plan(s, _closed_for_posting(s, st_id))


def post(st_id: int, line_ids: list[int] | set[int] | None = None, *, reason: str | None = None,
         kinds: dict[int, str] | None = None, on: dt.date | None = None, dry_run: bool = False) -> PostingResult:
    """Post a closed stock-taking's result in one transaction — all documents or none:

    - one write-off (units not found, consumables counted less: the difference), reason ``reason``;
    - one receipt of consumables counted more (the difference);
    - one transfer to this room of items recorded in another room;
    - one receipt creating items from unknown things (their description is the name), ``kinds`` maps
      such a line to the new item's kind (a unit kind makes one card per piece).

    ``line_ids`` are the stock-taking lines to post (``None``: the proposed ones). The stock-taking
    becomes «posted»; a second posting is refused. ``dry_run`` does everything and rolls it back."""
    require("inventory.write")
    on = on or dt.date.today()
    try:
        with context.uow() as s:
            st = _closed_for_posting(s, st_id, lock=True)
            plan = _plan(s, st)
            chosen = _chosen(plan, line_ids)
            wo_reason = (plan.reason if reason is None else reason).strip()
            if any(pl.action == "write_off" for pl in chosen) and not wo_reason:
                raise ValidationError(_t("Укажите причину списания."), field="reason")
            date_txt = st.started_on.strftime("%d.%m.%Y")
            surplus = _t("Излишки по инвентаризации № {0} от {1}").format(st.number, date_txt)
            found = _t("Выявлено при инвентаризации № {0} от {1}").format(st.number, date_txt)
            res = PostingResult(st.id, st.number, posted_lines=len(chosen), dry_run=dry_run)

            def line(pl: PostingLine):
                return (pl.item_id, None) if pl.whole else (pl.item_id, pl.quantity)

            for kind, why, to_room in (
                    ("write_off", wo_reason, None),
                    ("receipt", surplus, st.room_id),
                    ("transfer", found, st.room_id)):
                lines = [line(pl) for pl in chosen if pl.action == kind]
                if lines:
                    res.documents.append(make_movement_in_session(s, kind, lines, on=on, to_room_id=to_room,
                                                                  reason=why))
            specs = _new_item_specs(chosen, kinds, st.room_id, found)
            if specs:
                res.created_items = add_items_in_session(s, specs, document=surplus, on=on)
                mv = s.scalar(select(Movement).where(Movement.kind == "receipt").order_by(Movement.id.desc())
                              .limit(1))
                res.documents.append(MovementResult(mv.id, mv.number, "receipt", len(specs)))
            st.status = "posted"
            audit.record(s, "update", "inventory", "Stocktaking", str(st.id),
                         _t("Проведены результаты инвентаризации {0}: {1}").format(
                             st.number, ", ".join(d.number for d in res.documents) or "—"),
                         old={"status": "closed"}, new={"status": "posted",
                                                        "documents": [d.number for d in res.documents],
                                                        "lines": [pl.line_id for pl in chosen]})
            if dry_run:
                raise _DryRun(res)
    except _DryRun as e:
        return e.result
    return res


def _chosen(plan: PostingPlan, line_ids: list[int] | set[int] | None) -> list[PostingLine]:
    """The plan's lines to post: the asked ones (each must be postable), or the proposed ones."""
    if line_ids is None:
        return [pl for pl in plan.lines if pl.postable and pl.checked]
    by_id = {pl.line_id: pl for pl in plan.lines}
    wanted = {int(i) for i in line_ids}
    missing = wanted - set(by_id)
    if missing:
        raise ValidationError(_t("Строки {0} нет среди расхождений инвентаризации {1}.")
                              .format(min(missing), plan.number), field="lines")
    chosen = [by_id[i] for i in sorted(wanted)]
    for pl in chosen:
        if not pl.postable:
            raise ValidationError(_t("«{0}»: {1} — провести нельзя.").format(pl.name, pl.note),
                                  field="lines")
    return chosen


def _new_item_specs(chosen: list[PostingLine], kinds: dict[int, str] | None, room_id: int,
                    found: str) -> list[dict]:
    """Cards for the unknown things chosen: one per piece of a unit kind, one stock otherwise. The
    commission's estimate of one unit (ф. 0504092 values a surplus at its current estimate) becomes the
    new card's cost, so the surplus enters the records at the value the discrepancy list shows."""
    specs = []
    for pl in chosen:
        if pl.action != "create":
            continue
        kind = (kinds or {}).get(pl.line_id, pl.item_kind)
        if kind not in ("equipment", "furniture", "consumable"):
            raise ValidationError(_t("Неизвестный вид позиции «{0}».").format(kind), field="kind")
        if kind in UNIT_KINDS:
            if pl.quantity != int(pl.quantity):
                raise ValidationError(_t("«{0}»: оборудование и мебель учитываются поштучно, а найдено {1}.")
                                      .format(pl.name, pl.quantity), field="quantity")
            specs += [{"kind": kind, "name": pl.name, "room_id": room_id, "quantity": 1, "cost": pl.estimate,
                       "notes": found} for _ in range(int(pl.quantity))]
        else:
            specs.append({"kind": kind, "name": pl.name, "room_id": room_id, "quantity": pl.quantity,
                          "unit": pl.unit, "cost": pl.estimate, "notes": found})
    return specs
