"""Stock-taking (инвентаризация) of one room: the expected list, marking what is found (typed or
scanned), unknown items, then the discrepancies.

    st = start(room_id, commission="Кузнецова Е. А.\\nОрлов Д. С.")
    scan(st, "ХП-2026-000123")            # a barcode/QR scanner types the number and Enter
    add_unknown(st, "Стул лабораторный без номера")
    result = close(st)                    # shortages, surpluses, found elsewhere
    plan = posting_plan(st)               # the documents the result would become (for review)
    post(st, [line ids…], reason="…")     # write-off / receipt / transfer, all or none; status «posted»

Posting lives in :mod:`.stocktaking_posting`; its entry points are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, insert, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.common import check_version, get_or_404
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.inventory.items import find_by_code
from chemcluster_desktop.services.inventory.stocktaking_posting import (
    POSTING_ACTIONS,
    PostingLine,
    PostingPlan,
    PostingResult,
    default_reason,
    post,
    posted_by,
    posting_plan,
)
from chemcluster_desktop.services.inventory.validation import to_decimal
from chemcluster_desktop.services.inventory.vocabulary import is_group
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item, Stocktaking, StocktakingLine
from chemcluster_desktop.storage.inventory_paperwork import StocktakingDecision


def _t(s: str) -> str:
    return translate("Stocktaking", s)


@dataclass
class ScanResult:
    status: str  # found | again | elsewhere | unknown | written_off
    line_id: int | None
    item_id: int | None
    text: str


@dataclass
class Discrepancies:
    stocktaking_id: int
    number: str
    room: str
    shortages: list[dict] = field(default_factory=list)  # expected, not (fully) found
    surpluses: list[dict] = field(default_factory=list)  # found, not expected here (unknown or other room)
    matched: int = 0
    expected: int = 0

    @property
    def ok(self) -> bool:
        return not self.shortages and not self.surpluses


def _number(s, on: dt.date) -> str:
    prefix = f"ИНВ-{on.year}-"
    last = s.scalar(select(func.max(Stocktaking.number)).where(Stocktaking.number.startswith(prefix)))
    n = int(re.search(r"(\d+)$", last).group(1)) if last and re.search(r"(\d+)$", last) else 0
    return f"{prefix}{n + 1:03d}"


def start(room_id: int, *, decision: int | None = None, on: dt.date | None = None) -> int:
    """Open a stock-taking of the room with the expected list (every working item in it), carrying out
    ``decision`` (ф. 0510439, :mod:`.decisions`): the room must be one it counts; the commission is its."""
    require("inventory.write")
    on = on or dt.date.today()
    if on > dt.date.today():
        raise ValidationError(_t("Дата инвентаризации ещё не наступила."), field="started_on")
    if decision is None:
        raise ValidationError(_t("Инвентаризация проводится по решению руководителя (ф. 0510439): сначала "
                                 "оформите решение — приказ, даты, помещения, комиссию — и выберите его."),
                              field="decision")
    with context.uow() as s:
        room = s.get(Room, room_id)
        if room is None:
            raise NotFoundError(_t("Помещение, выбранное в списке, уже удалено — обновите список (F5)."))
        dec = get_or_404(s, StocktakingDecision, decision, _t("Решение об инвентаризации"))
        if room_id not in (dec.room_ids or []):
            raise ValidationError(_t("Решение № {0} от {1:%d.%m.%Y} не охватывает помещение «{2}»: добавьте его в "
                                     "решение или выберите другое.").format(dec.number, dec.date, room.name),
                                  field="decision")
        if not dec.starts_on <= on <= dec.ends_on:
            raise ValidationError(_t("Решение № {0} назначает инвентаризацию с {1:%d.%m.%Y} по {2:%d.%m.%Y}; "
                                     "дата {3:%d.%m.%Y} вне этих сроков.").format(dec.number, dec.starts_on,
                                                                                 dec.ends_on, on),
                                  field="started_on")
        commission = "\n".join(m.name for m in dec.members)
        open_id = s.scalar(select(Stocktaking.id).where(Stocktaking.room_id == room_id,
                                                        Stocktaking.status == "open"))
        if open_id is not None:
            raise ValidationError(_t("В помещении «{0}» уже идёт инвентаризация: продолжите её или закройте.")
                                  .format(room.name), field="room_id")
        st = Stocktaking(room_id=room_id, number=_number(s, on), started_on=on, commission=commission,
                         status="open", decision_id=dec.id)
        s.add(st)
        s.flush()
        rows = [{"stocktaking_id": st.id, "item_id": iid, "expected_quantity": qty, "found_quantity": Decimal(0),
                 "unknown_description": "", "scanned_at": None, "note": ""}
                for iid, qty in s.execute(select(Item.id, Item.quantity)
                                          .where(Item.room_id == room_id, Item.status != "written_off")
                                          .order_by(Item.inventory_number, Item.name))]
        if rows:
            after = audit.max_id(s, StocktakingLine)
            s.execute(insert(StocktakingLine.__table__), rows)
            audit.record_inserted(s, "inventory", StocktakingLine, after, StocktakingLine.stocktaking_id == st.id)
        audit.record(s, "create", "inventory", "Stocktaking", str(st.id),
                     _t("Начата инвентаризация {0}: «{1}», ожидается позиций: {2}").format(st.number, room.name,
                                                                                          len(rows)))
        return st.id


def list_stocktakings(room_id: int | None = None) -> list[dict]:
    with context.read() as s:
        q = (select(Stocktaking.id, Stocktaking.number, Stocktaking.started_on, Stocktaking.closed_at,
                    Stocktaking.status, Room.name, Stocktaking.room_id)
             .join(Room, Room.id == Stocktaking.room_id).order_by(Stocktaking.started_on.desc(), Stocktaking.id.desc()))
        if room_id:
            q = q.where(Stocktaking.room_id == room_id)
        return [{"id": r[0], "number": r[1], "started_on": r[2], "closed_at": r[3], "status": r[4], "room": r[5],
                 "room_id": r[6]} for r in s.execute(q)]


def find(ref: str | int) -> int:
    """A stock-taking by id or number (CLI ``--stocktaking``)."""
    with context.read() as s:
        txt = str(ref).strip()
        sid = s.scalar(select(Stocktaking.id).where(Stocktaking.number == txt))
        if sid is None and txt.isdigit():
            sid = s.scalar(select(Stocktaking.id).where(Stocktaking.id == int(txt)))
    if sid is None:
        raise NotFoundError(_t("Инвентаризация «{0}» не найдена.").format(ref))
    return sid


def get(st_id: int) -> dict:
    """Header and lines (with item fields) of a stock-taking."""
    with context.read() as s:
        st = get_or_404(s, Stocktaking, st_id, _t("Инвентаризация"))
        room = s.get(Room, st.room_id)
        lines = []
        q = (select(StocktakingLine.id, StocktakingLine.item_id, StocktakingLine.expected_quantity,
                    StocktakingLine.found_quantity, StocktakingLine.unknown_description, StocktakingLine.scanned_at,
                    StocktakingLine.note, Item.inventory_number, Item.name, Item.serial_number, Item.unit, Item.cost,
                    Item.room_id, Item.kind, StocktakingLine.estimate, Item.responsible, Item.status, Item.quantity)
             .join(Item, Item.id == StocktakingLine.item_id, isouter=True)
             .where(StocktakingLine.stocktaking_id == st_id).order_by(StocktakingLine.id))
        for r in s.execute(q):
            exp, found = r[2], r[3]
            if r[1] is None:
                state = "unknown"
            elif exp == 0:
                state = "elsewhere"
            elif found >= exp:
                state = "found"
            elif found > 0:
                state = "partial"
            else:
                state = "missing"
            lines.append({"id": r[0], "item_id": r[1], "expected": exp, "found": found,
                          "unknown_description": r[4], "scanned_at": r[5], "note": r[6],
                          "inventory_number": r[7] or "", "name": r[8] or r[4], "serial_number": r[9] or "",
                          "unit": r[10] or "шт.", "cost": r[11], "item_room_id": r[12], "kind": r[13] or "",
                          "estimate": r[14], "item_responsible": r[15] or "", "item_status": r[16] or "",
                          "item_quantity": r[17], "state": state})
        who, when = posted_by(s, st.id) if st.status == "posted" else ("", None)
        return {"id": st.id, "number": st.number, "room_id": st.room_id, "room": room.name if room else "",
                "posted_by": who, "posted_at": when,
                "responsible": room.responsible if room else "", "started_on": st.started_on,
                "closed_at": st.closed_at, "status": st.status, "commission": st.commission,
                "decision_id": st.decision_id,
                "version": st.version, "lines": lines}


def _open(s, st_id: int) -> Stocktaking:
    st = get_or_404(s, Stocktaking, st_id, _t("Инвентаризация"))
    if st.status != "open":
        raise ValidationError(_t("Инвентаризация {0} уже закрыта: изменить её нельзя.").format(st.number))
    return st


def _count(q: Decimal) -> str:
    return format(q.normalize(), "f") if q == q.to_integral_value() else str(q)


def scan(st_id: int, code: str) -> ScanResult:
    """Mark an item found by its inventory number (typed, or scanned from a label's QR code)."""
    require("inventory.write")
    text = (code or "").strip()
    if not text:
        raise ValidationError(_t("Введите или отсканируйте инвентарный номер."), field="code")
    iid = find_by_code(text)
    with context.uow() as s:
        st = _open(s, st_id)
        if iid is None:
            return ScanResult("unknown", None, None,
                              _t("«{0}» нет в инвентаре. Если предмет есть в помещении, добавьте его как "
                                 "неучтённый.").format(text))
        item = s.get(Item, iid)
        label = f"{item.inventory_number or ''} {item.name}".strip()
        line = s.scalar(select(StocktakingLine).where(StocktakingLine.stocktaking_id == st_id,
                                                      StocktakingLine.item_id == iid))
        now = utcnow()
        if line is None:
            if item.status == "written_off":
                return ScanResult("written_off", None, iid, _t("«{0}» списано — такого предмета по учёту нет.")
                                  .format(label))
            line = StocktakingLine(stocktaking_id=st.id, item_id=iid, expected_quantity=Decimal(0),
                                   found_quantity=item.quantity if item.kind == "consumable" else Decimal(1),
                                   scanned_at=now, note=_t("числится в другом помещении"))
            s.add(line)
            s.flush()
            other = s.get(Room, item.room_id) if item.room_id else None
            return ScanResult("elsewhere", line.id, iid, _t("«{0}» числится в помещении «{1}» — отмечено как "
                                                            "излишек здесь.").format(label, other.name if other else "—"))
        if line.found_quantity >= line.expected_quantity and line.expected_quantity > 0:
            return ScanResult("again", line.id, iid, _t("«{0}» уже отмечено.").format(label))
        line.scanned_at = now
        if is_group(item.kind, line.expected_quantity):
            # a group's label is scanned once per unit found (or the count typed with set_found)
            line.found_quantity = line.found_quantity + 1
            return ScanResult("found", line.id, iid, _t("Найдено: {0} — {1} из {2} шт.")
                              .format(label, _count(line.found_quantity), _count(line.expected_quantity)))
        line.found_quantity = line.expected_quantity if line.expected_quantity > 0 else Decimal(1)
        return ScanResult("found", line.id, iid, _t("Найдено: {0}").format(label))


def set_found(st_id: int, line_id: int, quantity) -> None:
    """Enter the counted quantity of a line by hand (consumables, or a correction)."""
    require("inventory.write")
    q = to_decimal(quantity, "found", _t("Фактическое количество"), allow_none=False)
    with context.uow() as s:
        _open(s, st_id)
        line = s.get(StocktakingLine, line_id)
        if line is None or line.stocktaking_id != st_id:
            raise NotFoundError(_t("Строка инвентаризации не найдена."))
        line.found_quantity = q
        line.scanned_at = utcnow() if q else None


def add_unknown(st_id: int, description: str, quantity=1, note: str = "") -> int:
    """Record a thing found in the room that is on no record."""
    require("inventory.write")
    desc = (description or "").strip()
    if not desc:
        raise ValidationError(_t("Опишите найденный предмет (наименование, приметы)."), field="description")
    q = to_decimal(quantity, "quantity", _t("Количество"), allow_none=False)
    if q <= 0:
        raise ValidationError(_t("Количество должно быть больше нуля."), field="quantity")
    with context.uow() as s:
        _open(s, st_id)
        line = StocktakingLine(stocktaking_id=st_id, item_id=None, expected_quantity=Decimal(0), found_quantity=q,
                               unknown_description=desc[:300], scanned_at=utcnow(), note=note[:300])
        s.add(line)
        s.flush()
        return line.id


def remove_line(st_id: int, line_id: int) -> None:
    """Remove an unknown-item line entered by mistake."""
    require("inventory.write")
    with context.uow() as s:
        _open(s, st_id)
        line = s.get(StocktakingLine, line_id)
        if line is None or line.stocktaking_id != st_id:
            raise NotFoundError(_t("Строка инвентаризации не найдена."))
        if line.item_id is not None and line.expected_quantity > 0:
            raise ValidationError(_t("Строки ожидаемого списка не удаляются: поставьте количество 0."))
        s.delete(line)


def discrepancies(st_id: int) -> Discrepancies:
    d = get(st_id)
    res = Discrepancies(d["id"], d["number"], d["room"])
    for ln in d["lines"]:
        if ln["expected"] > 0:
            res.expected += 1
        diff = ln["found"] - ln["expected"]
        row = dict(ln, difference=diff)
        unit_cost = ln["cost"] or Decimal(0)
        row["sum"] = (unit_cost * abs(diff)) if ln["kind"] != "consumable" else None
        if diff < 0:
            res.shortages.append(row)
        elif diff > 0:
            res.surpluses.append(row)
        else:
            res.matched += 1
    return res


def close(st_id: int, version: int | None = None) -> Discrepancies:
    """Close the stock-taking; the result lists shortages and surpluses. Records are not changed here:
    :func:`post` turns a closed stock-taking's result into write-off, receipt and transfer documents."""
    require("inventory.write")
    with context.uow() as s:
        st = _open(s, st_id)
        check_version(st, version)
        st.status = "closed"
        st.closed_at = utcnow()
    res = discrepancies(st_id)
    with context.uow() as s:
        audit.record(s, "update", "inventory", "Stocktaking", str(st_id),
                     _t("Закрыта инвентаризация {0}: недостача {1}, излишки {2}").format(
                         res.number, len(res.shortages), len(res.surpluses)))
    return res


def latest_for_room(room_id: int) -> int | None:
    with context.read() as s:
        return s.scalar(select(Stocktaking.id).where(Stocktaking.room_id == room_id)
                        .order_by(Stocktaking.started_on.desc(), Stocktaking.id.desc()).limit(1))


__all__ = ["POSTING_ACTIONS", "Discrepancies", "PostingLine", "PostingPlan", "PostingResult", "ScanResult",
           "add_unknown", "close", "default_reason", "discrepancies", "find", "get", "latest_for_room",
           "list_stocktakings", "post", "posted_by", "posting_plan", "remove_line", "scan", "set_found", "start"]
