"""Which unified form prints a movement, and its data (read in SQL):

- transfer between rooms / МОЛ — накладная на внутреннее перемещение объектов НФА, ф. 0504102;
- write-off of equipment — акт о списании объектов НФА (кроме транспортных средств), ф. 0504104;
  of furniture (хозяйственный инвентарь) — акт о списании мягкого и хозяйственного инвентаря, ф. 0504143;
  of consumables and reagents — акт о списании материальных запасов, ф. 0504230;
- issue to a person and its return — требование-накладная, ф. 0504204.

(Forms of приказ Минфина России от 30.03.2015 № 52н.) A receipt has no form of its own here: it is
refused with a message naming the document that does exist (the supplier's invoice / act of acceptance).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.inventory.form_codes import account_of, okei
from chemcluster_desktop.services.inventory.vocabulary import movement_label
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item, Movement, MovementLine

FORMS = {"0504102": "Накладная на внутреннее перемещение объектов нефинансовых активов",
         "0504104": "Акт о списании объектов нефинансовых активов (кроме транспортных средств)",
         "0504143": "Акт о списании мягкого и хозяйственного инвентаря",
         "0504230": "Акт о списании материальных запасов",
         "0504204": "Требование-накладная"}


def _t(s: str) -> str:
    return translate("Forms", s)


def form_of(kind: str, item_kinds: set[str]) -> str:
    if kind == "transfer":
        return "0504102"
    if kind in ("issue", "return"):
        return "0504204"
    if kind == "write_off":
        if item_kinds & {"equipment"}:
            return "0504104"
        if item_kinds & {"furniture"}:
            return "0504143"
        return "0504230"
    raise ValidationError(_t("У документа «{0}» нет печатной унифицированной формы в программе: поступление "
                             "оформляется документами поставщика (товарная накладная, акт приёмки).")
                          .format(movement_label(kind)), field="number")


def find_movement(number: str) -> int:
    txt = str(number or "").strip()
    if not txt:
        raise ValidationError(_t("Укажите номер документа движения (--number), например ПМ-2026-0001."),
                              field="number")
    with context.read() as s:
        mid = s.scalar(select(Movement.id).where(Movement.number == txt).order_by(Movement.id.desc()).limit(1))
        if mid is None and txt.isdigit():
            mid = s.scalar(select(Movement.id).where(Movement.id == int(txt)))
    if mid is None:
        raise NotFoundError(_t("Документ движения «{0}» не найден: номера видны в `chemcluster inventory "
                               "movements`.").format(number))
    return mid


def latest_with_form() -> int | None:
    with context.read() as s:
        return s.scalar(select(Movement.id).where(Movement.kind != "receipt")
                        .order_by(Movement.date.desc(), Movement.id.desc()).limit(1))


def movement_document(movement_id: int) -> dict:
    """The header and the valued lines of one movement, and the form it prints on."""
    fr, to = aliased(Room), aliased(Room)
    with context.read() as s:
        row = s.execute(select(Movement, fr, to).join(fr, fr.id == Movement.from_room_id, isouter=True)
                        .join(to, to.id == Movement.to_room_id, isouter=True)
                        .where(Movement.id == movement_id)).first()
        if row is None:
            raise NotFoundError(_t("Документ движения, выбранный в списке, уже удалён — обновите список (F5)."))
        mv, from_room, to_room = row
        lines = []
        kinds = set()
        for ln, it in s.execute(select(MovementLine, Item).join(Item, Item.id == MovementLine.item_id)
                                .where(MovementLine.movement_id == movement_id).order_by(MovementLine.id)):
            kinds.add(it.kind)
            price = it.cost
            acc = account_of(it.kind, price, getattr(it, "account", None))
            lines.append({"name": it.name, "inventory_number": it.inventory_number or "", "unit": it.unit,
                          "okei": okei(it.unit), "quantity": ln.quantity, "price": price,
                          "sum": None if price is None else price * ln.quantity, "account": acc,
                          "commissioned_on": it.commissioned_on, "responsible": it.responsible})
        head = {"id": mv.id, "kind": mv.kind, "kind_label": movement_label(mv.kind), "number": mv.number,
                "date": mv.date, "from_room": from_room.name if from_room else "",
                "to_room": to_room.name if to_room else "", "from_mol": from_room.responsible if from_room else "",
                "to_mol": to_room.responsible if to_room else "", "person": mv.person, "reason": mv.reason,
                "created_by": mv.created_by}
    from chemcluster_desktop.services.inventory.positions import position_of

    pos = position_of([head["from_mol"], head["to_mol"], head["person"]])
    for k in ("from_mol", "to_mol", "person"):  # each signer's position (the МОЛ records)
        head[f"{k}_position"] = pos.get(head[k].strip(), "") if head[k] else ""
    return {**head, "lines": lines, "form": form_of(head["kind"], kinds),
            "total": sum((ln["sum"] or Decimal(0) for ln in lines), Decimal(0))}


def list_documents(limit: int = 500) -> list[dict]:
    """Movement documents for ``inventory movements``: number, date, kind, rooms, lines."""
    fr, to = aliased(Room), aliased(Room)
    with context.read() as s:
        rows = s.execute(select(Movement.number, Movement.date, Movement.kind, fr.name, to.name, Movement.person,
                                func.count(MovementLine.id))
                         .join(fr, fr.id == Movement.from_room_id, isouter=True)
                         .join(to, to.id == Movement.to_room_id, isouter=True)
                         .join(MovementLine, MovementLine.movement_id == Movement.id, isouter=True)
                         .group_by(Movement.id, Movement.number, Movement.date, Movement.kind, fr.name, to.name,
                                   Movement.person)
                         .order_by(Movement.date.desc(), Movement.id.desc()).limit(limit)).all()
    return [{"number": r[0], "date": r[1], "kind": r[2], "from_room": r[3] or "", "to_room": r[4] or "",
             "person": r[5] or "", "lines": r[6]} for r in rows]
