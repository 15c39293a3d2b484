"""Lab inventory: items of four kinds, reagents with containers, movements, alerts, lists in SQL.

The GUI and the CLI call only these functions (plus :mod:`.stocktaking` and :mod:`.inventory_import`,
whose entry points are re-exported here: ``import_inventory``, ``export_inventory``,
``preview_import``). Every write runs in one unit of work and checks ``inventory.write``.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import and_, func, select, text

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context, listing
from chemcluster_desktop.services.errors import (
    ConcurrentEditError,
    DuplicateError,
    NotFoundError,
    ValidationError,
)
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.security import can, require
from chemcluster_desktop.storage.core import Building, Room, Setting
from chemcluster_desktop.storage.inventory import (
    ITEM_KINDS,
    ITEM_STATUSES,
    MOVEMENT_KINDS,
    Item,
    Movement,
    MovementLine,
    ReagentContainer,
    StocktakingLine,
    Substance,
)
from chemcluster_desktop.storage.search import ITEMS_FTS, fold


def _t(s: str) -> str:
    return translate("Inventory", s)


AREA = "inventory"
EXPIRY_WARN_DAYS = 30

# --- reference data ------------------------------------------------------------------------------------
KIND_LABELS = {
    "equipment": "Оборудование",
    "furniture": "Мебель",
    "consumable": "Расходные материалы",
    "reagent": "Реактивы",
}
STATUS_LABELS = {
    "in_use": "В эксплуатации",
    "repair": "На ремонте",
    "not_commissioned": "Не введено",
    "written_off": "Списано",
}
MOVEMENT_LABELS = {
    "receipt": "Поступление",
    "transfer": "Перемещение",
    "issue": "Выдача",
    "return": "Возврат",
    "write_off": "Списание",
}
MOVEMENT_PREFIX = {"receipt": "ПР", "transfer": "ПМ", "issue": "ВД", "return": "ВЗ", "write_off": "СП"}
UNIT_KINDS = ("equipment", "furniture")  # counted as single units with an inventory number

STORAGE_GROUPS = {
    "": "—",
    "general": "Общего хранения",
    "acids": "Кислоты",
    "bases": "Щёлочи и основания",
    "oxidisers": "Окислители",
    "flammables": "Легковоспламеняющиеся (ЛВЖ)",
    "reducers": "Восстановители",
    "water_reactive": "Реагирующие с водой",
    "toxic": "Ядовитые",
}
INCOMPATIBLE = {
    frozenset(("acids", "bases")),
    frozenset(("oxidisers", "flammables")),
    frozenset(("oxidisers", "reducers")),
    frozenset(("acids", "water_reactive")),
    frozenset(("oxidisers", "water_reactive")),
    frozenset(("acids", "toxic")),
}
GHS_PICTOGRAMS = {
    "GHS01": "Взрывчатые вещества",
    "GHS02": "Воспламеняющиеся",
    "GHS03": "Окисляющие",
    "GHS04": "Газы под давлением",
    "GHS05": "Коррозионные",
    "GHS06": "Токсичные",
    "GHS07": "Вредные (раздражающие)",
    "GHS08": "Опасные для здоровья",
    "GHS09": "Опасные для окружающей среды",
}


def kind_label(k: str) -> str:
    return _t(KIND_LABELS.get(k, k))


def status_label(k: str) -> str:
    return _t(STATUS_LABELS.get(k, k))


def movement_label(k: str) -> str:
    return _t(MOVEMENT_LABELS.get(k, k))


def storage_group_label(k: str) -> str:
    return _t(STORAGE_GROUPS.get(k or "", k or ""))


# --- validation helpers ------------------------------------------------------------------------------------
_CAS_RX = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")


def cas_valid(cas: str) -> bool:
    """CAS registry number with its check digit (e.g. 7647-01-0 for hydrochloric acid)."""
    m = _CAS_RX.match((cas or "").strip())
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10 == int(m.group(3))


def clean_cas(cas: Any, *, row: int | None = None) -> str | None:
    s = ("" if cas is None else str(cas)).strip()
    if not s:
        return None
    if not cas_valid(s):
        raise ValidationError(_t("Номер CAS «{0}» неверен: нужен вид 7647-01-0 с верной контрольной цифрой.")
                              .format(s), field="cas_number", row=row)
    return s


def clean_ghs(value: Any) -> str:
    if not value:
        return ""
    parts = value if isinstance(value, list | tuple | set) else re.split(r"[\s,;]+", str(value))
    out = []
    for p in parts:
        p = str(p).strip().upper()
        if not p:
            continue
        if re.fullmatch(r"\d{1,2}", p):
            p = f"GHS{int(p):02d}"
        if p not in GHS_PICTOGRAMS:
            raise ValidationError(_t("Пиктограмма «{0}» неизвестна: допустимы GHS01–GHS09.").format(p),
                                  field="ghs_pictograms")
        if p not in out:
            out.append(p)
    return ",".join(sorted(out))


def clean_h_statements(value: Any) -> str:
    if not value:
        return ""
    parts = re.split(r"[\s,;]+", str(value).strip())
    out = []
    for p in parts:
        p = p.strip().upper()
        if not p:
            continue
        if not re.fullmatch(r"(EU)?H\d{3}[A-Z]{0,2}", p):
            raise ValidationError(_t("Фраза опасности «{0}» записана неверно: нужен вид H225, H319.").format(p),
                                  field="h_statements")
        if p not in out:
            out.append(p)
    return ",".join(out)


def to_decimal(value: Any, field: str, label: str, *, row: int | None = None, allow_none: bool = True,
               minimum: Decimal | None = Decimal(0)) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_none:
            return None
        raise ValidationError(_t("Поле «{0}» обязательно.").format(label), field=field, row=row)
    if isinstance(value, float):
        value = Decimal(repr(value))
    try:
        if isinstance(value, str):
            s = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
            d = Decimal(s)
        else:
            d = Decimal(value)
    except (InvalidOperation, ValueError, TypeError) as e:
        raise ValidationError(_t("«{0}»: «{1}» — не число.").format(label, value), field=field, row=row) from e
    if not d.is_finite():
        raise ValidationError(_t("«{0}»: «{1}» — не число.").format(label, value), field=field, row=row)
    if minimum is not None and d < minimum:
        raise ValidationError(_t("«{0}» не может быть отрицательным.").format(label), field=field, row=row)
    if d > Decimal("1e12"):
        raise ValidationError(_t("«{0}»: слишком большое значение.").format(label), field=field, row=row)
    return d


def _date_not_future(d: dt.date | None, field: str, label: str, row: int | None = None) -> None:
    if d is not None and d > dt.date.today():
        raise ValidationError(_t("«{0}»: дата {1} ещё не наступила.").format(label, d.strftime("%d.%m.%Y")),
                              field=field, row=row)


# --- inventory numbers ---------------------------------------------------------------------------------------
def _pattern(session) -> str:
    from chemcluster_desktop.services.database import DB_SETTINGS_DEFAULTS

    row = session.get(Setting, "inventory.number_pattern")
    pat = (row.value if row is not None else "") or DB_SETTINGS_DEFAULTS["inventory.number_pattern"]
    return pat


class NumberAllocator:
    """Hands out consecutive inventory numbers from the pattern (``ХП-{year}-{seq:06d}``)."""

    def __init__(self, session, year: int | None = None):
        self.pattern = _pattern(session)
        self.year = year or dt.date.today().year
        try:
            head = self.pattern.split("{seq", 1)[0].format(year=self.year)
            self.pattern.format(year=self.year, seq=1)
        except (KeyError, IndexError, ValueError):
            self.pattern, head = "ХП-{year}-{seq:06d}", f"ХП-{self.year}-"
        self.prefix = head
        seqs = [0]
        col = Item.inventory_number
        stmt = select(col).where(col >= head, col < head + "\uffff").order_by(col.desc()).limit(200)
        for (num,) in session.execute(stmt):
            m = re.match(r"(\d+)", num[len(head):])
            if m:
                seqs.append(int(m.group(1)))
        self.seq = max(seqs)
        self.taken: set[str] = set()

    def next(self) -> str:
        while True:
            self.seq += 1
            n = self.pattern.format(year=self.year, seq=self.seq)
            if n not in self.taken:
                self.taken.add(n)
                return n


def next_inventory_number(session=None) -> str:
    """The next free inventory number from the setting «inventory.number_pattern»."""
    if session is None:
        with context.read() as s:
            return NumberAllocator(s).next()
    return NumberAllocator(session).next()


def _movement_number(session, kind: str, on: dt.date) -> str:
    prefix = f"{MOVEMENT_PREFIX[kind]}-{on.year}-"
    last = session.scalar(select(func.max(Movement.number)).where(Movement.number.startswith(prefix)))
    n = 0
    if last:
        m = re.search(r"(\d+)$", last)
        n = int(m.group(1)) if m else 0
    return f"{prefix}{n + 1:04d}"


# --- rooms (read only; the shell's locations service edits them) -------------------------------------------
def rooms() -> list[dict]:
    with context.read() as s:
        rows = s.execute(select(Room.id, Room.name, Room.kind, Room.responsible, Building.name)
                         .join(Building, Room.building_id == Building.id, isouter=True)
                         .order_by(Building.name, Room.name)).all()
    return [{"id": r[0], "name": r[1], "kind": r[2], "responsible": r[3], "building": r[4] or ""} for r in rows]


def room_by_name(name: str) -> dict | None:
    key = fold(name)
    for r in rooms():
        if fold(r["name"]) == key or str(r["id"]) == name.strip():
            return r
    # a short name such as «ауд. 201» or «201» inside the room's full name
    hits = [r for r in rooms() if key and key in fold(r["name"])]
    return hits[0] if len(hits) == 1 else None


# --- items: validation and CRUD ---------------------------------------------------------------------------------
ITEM_FIELDS = ("kind", "inventory_number", "name", "model", "serial_number", "manufacturer", "country", "cost",
               "commissioned_on", "status", "room_id", "responsible", "quantity", "unit", "min_quantity", "notes",
               "custom_fields", "issued_to")
SUBSTANCE_FIELDS = ("cas_number", "formula", "ghs_pictograms", "h_statements", "storage_group")


def clean_item(data: dict, *, row: int | None = None, partial: bool = False) -> dict:
    """Validate a card's fields; raise ValidationError naming the first bad field (all in ``errors``)."""
    out: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []

    def bad(field: str, msg: str) -> None:
        errors.append((field, msg))

    kind = data.get("kind", "equipment")
    if kind not in ITEM_KINDS:
        bad("kind", _t("Неизвестный вид позиции «{0}».").format(kind))
    out["kind"] = kind
    name = str(data.get("name") or "").strip()
    if not name:
        bad("name", _t("Укажите наименование."))
    elif len(name) > 300:
        bad("name", _t("Наименование длиннее 300 знаков."))
    out["name"] = name
    inv = str(data.get("inventory_number") or "").strip() or None
    if inv is not None and len(inv) > 64:
        bad("inventory_number", _t("Инвентарный номер длиннее 64 знаков."))
    out["inventory_number"] = inv
    for f, lim in (("model", 200), ("serial_number", 100), ("manufacturer", 200), ("country", 100),
                   ("responsible", 200), ("unit", 20), ("issued_to", 200)):
        v = str(data.get(f) or "").strip()
        if len(v) > lim:
            bad(f, _t("Значение длиннее {0} знаков.").format(lim))
        out[f] = v
    out["unit"] = out["unit"] or ("шт." if kind in UNIT_KINDS else "шт.")
    out["notes"] = str(data.get("notes") or "")
    status = data.get("status") or "in_use"
    if status not in ITEM_STATUSES:
        bad("status", _t("Неизвестное состояние «{0}».").format(status))
    out["status"] = status
    for f, label, allow_none in (("cost", _t("Стоимость"), True), ("quantity", _t("Количество"), False),
                                 ("min_quantity", _t("Минимальный остаток"), True)):
        v = data.get(f)
        if f == "quantity" and (v is None or v == ""):
            v = 1 if kind in UNIT_KINDS else 0
        try:
            out[f] = to_decimal(v, f, label, allow_none=allow_none)
        except ValidationError as e:
            bad(f, e.message)
    if kind in UNIT_KINDS and out.get("quantity") not in (None, Decimal(1)) and not errors:
        if out["quantity"] != Decimal(1):
            bad("quantity", _t("Оборудование и мебель учитываются поштучно: количество 1 (для нескольких "
                               "одинаковых предметов заведите отдельные карточки)."))
    d = data.get("commissioned_on")
    if isinstance(d, str):
        from chemcluster_desktop.xlsx.common import parse_date

        try:
            d = parse_date(d)
        except ValueError:
            bad("commissioned_on", _t("Дата ввода в эксплуатацию «{0}» не распознана: нужен вид 26.11.2026.")
                .format(d))
            d = None
    try:
        _date_not_future(d, "commissioned_on", _t("Дата ввода в эксплуатацию"))
    except ValidationError as e:
        bad("commissioned_on", e.message)
    out["commissioned_on"] = d
    rid = data.get("room_id")
    out["room_id"] = int(rid) if rid not in (None, "") else None
    cf = data.get("custom_fields")
    out["custom_fields"] = {str(k).strip(): v for k, v in cf.items() if str(k).strip()} if cf else None
    if kind == "reagent":
        try:
            out["cas_number"] = clean_cas(data.get("cas_number"))
        except ValidationError as e:
            bad("cas_number", e.message)
        try:
            out["ghs_pictograms"] = clean_ghs(data.get("ghs_pictograms"))
        except ValidationError as e:
            bad("ghs_pictograms", e.message)
        try:
            out["h_statements"] = clean_h_statements(data.get("h_statements"))
        except ValidationError as e:
            bad("h_statements", e.message)
        out["formula"] = str(data.get("formula") or "").strip()[:100]
        g = data.get("storage_group") or ""
        if g not in STORAGE_GROUPS:
            bad("storage_group", _t("Неизвестная группа хранения «{0}».").format(g))
        out["storage_group"] = g
    if errors:
        f, msg = errors[0]
        raise ValidationError(msg, field=f, row=row, errors=errors)
    return out


def _check_room(s, room_id: int | None) -> None:
    if room_id is not None and s.get(Room, room_id) is None:
        raise ValidationError(_t("Помещение не найдено (id {0}).").format(room_id), field="room_id")


def _check_unique_number(s, number: str | None, exclude_id: int | None = None) -> None:
    if not number:
        return
    stmt = select(Item.id).where(Item.inventory_number == number)
    if exclude_id is not None:
        stmt = stmt.where(Item.id != exclude_id)
    if s.scalar(stmt) is not None:
        raise DuplicateError(_t("Инвентарный номер «{0}» уже есть у другой позиции. Укажите другой номер или "
                                "оставьте поле пустым — номер будет присвоен автоматически.").format(number),
                             field="inventory_number")


def _substance_for(s, data: dict, existing: Substance | None = None) -> Substance:
    cas = data.get("cas_number")
    sub = existing
    if sub is None and cas:
        sub = s.scalar(select(Substance).where(Substance.cas_number == cas).limit(1))
    if sub is None:
        sub = Substance(name=data["name"])
        s.add(sub)
    sub.name = data["name"]
    sub.cas_number = cas
    for f in ("formula", "ghs_pictograms", "h_statements", "storage_group"):
        setattr(sub, f, data.get(f, "") or "")
    return sub


def _apply(item: Item, data: dict) -> None:
    for f in ITEM_FIELDS:
        if f in data:
            setattr(item, f, data[f])


def create_item(data: dict, containers: list[dict] | None = None, *, receipt_date: dt.date | None = None) -> int:
    """Create one item (card dialog); writes its receipt movement; returns the id."""
    require("inventory.write")
    clean = clean_item(data)
    conts = [clean_container(c) for c in containers or []]
    with context.uow() as s:
        _check_room(s, clean["room_id"])
        if clean["inventory_number"] is None and clean["kind"] in UNIT_KINDS:
            clean["inventory_number"] = NumberAllocator(s).next()
        _check_unique_number(s, clean["inventory_number"])
        item = Item()
        _apply(item, clean)
        if clean["kind"] == "reagent":
            item.substance = _substance_for(s, clean)
            if conts:
                item.quantity = sum((c["amount"] for c in conts), Decimal(0))
                item.unit = conts[0]["unit"]
        s.add(item)
        s.flush()
        for c in conts:
            s.add(ReagentContainer(item_id=item.id, **c))
        on = receipt_date or dt.date.today()
        mv = Movement(kind="receipt", number=_movement_number(s, "receipt", on), date=on,
                      to_room_id=item.room_id, reason=_t("Постановка на учёт"), created_by=context.actor().login)
        mv.lines.append(MovementLine(item_id=item.id, quantity=item.quantity))
        s.add(mv)
        s.flush()
        return item.id


def update_item(item_id: int, data: dict, version: int | None = None, containers: list[dict] | None = None) -> None:
    """Save the card. ``version`` is the one the form loaded: another editor's save in between is refused.

    ``containers`` (reagents), when given, is the whole list as the card shows it: dicts with ``id`` are
    updated, without ``id`` added, and stored ones missing from the list deleted — in the same transaction."""
    require("inventory.write")
    clean = clean_item(data)
    conts = None
    if containers is not None:
        conts = []
        for i, c in enumerate(containers, 1):
            cc = clean_container(c, row=i)
            cc["id"] = c.get("id")
            cc["version"] = c.get("version")
            conts.append(cc)
    with context.uow() as s:
        item = s.get(Item, item_id)
        if item is None:
            raise NotFoundError(_t("Позиция не найдена (id {0}): возможно, её удалили.").format(item_id))
        if version is not None and item.version != version:
            raise ConcurrentEditError()
        _check_room(s, clean["room_id"])
        if clean["inventory_number"] is None and clean["kind"] in UNIT_KINDS:
            clean["inventory_number"] = item.inventory_number or NumberAllocator(s).next()
        _check_unique_number(s, clean["inventory_number"], exclude_id=item_id)
        if item.status == "written_off" and clean["status"] != "written_off":
            raise ValidationError(_t("Позиция списана; вернуть её в работу можно только новой постановкой на учёт."),
                                  field="status")
        if clean["status"] == "written_off" and item.status != "written_off":
            raise ValidationError(_t("Чтобы списать позицию, оформите документ «Списание» с причиной."),
                                  field="status")
        if item.kind != clean["kind"] and s.scalar(select(func.count(ReagentContainer.id))
                                                   .where(ReagentContainer.item_id == item_id)):
            raise ValidationError(_t("У позиции есть тары реактива: вид изменить нельзя."), field="kind")
        qty_before = item.quantity
        if item.kind == "reagent" and s.scalar(select(func.count(ReagentContainer.id))
                                               .where(ReagentContainer.item_id == item_id)):
            clean.pop("quantity", None)  # the containers define the amount
        _apply(item, clean)
        if clean["kind"] == "reagent":
            item.substance = _substance_for(s, clean, item.substance)
            if conts is not None:
                stored = {c.id: c for c in s.scalars(select(ReagentContainer)
                                                     .where(ReagentContainer.item_id == item_id))}
                keep = set()
                for cc in conts:
                    cid, ver = cc.pop("id", None), cc.pop("version", None)
                    if cid and cid in stored:
                        rc = stored[cid]
                        if ver is not None and rc.version != ver:
                            raise ConcurrentEditError()
                        for k, v in cc.items():
                            setattr(rc, k, v)
                        keep.add(cid)
                    else:
                        s.add(ReagentContainer(item_id=item_id, **cc))
                for cid, rc in stored.items():
                    if cid not in keep:
                        s.delete(rc)
                s.flush()
                _recount_reagent(s, item_id)
        elif item.quantity != qty_before and item.kind == "consumable":
            # a corrected count is a receipt or a write-off in the history, never a silent change
            diff = item.quantity - qty_before
            on = dt.date.today()
            kind = "receipt" if diff > 0 else "write_off"
            mv = Movement(kind=kind, number=_movement_number(s, kind, on), date=on, to_room_id=item.room_id,
                          reason=_t("Корректировка остатка в карточке"), created_by=context.actor().login)
            mv.lines.append(MovementLine(item_id=item.id, quantity=abs(diff)))
            s.add(mv)
        s.flush()


def delete_item(item_id: int) -> None:
    """Delete an item entered by mistake. Items that have a history beyond their receipt must be
    written off instead (the history stays)."""
    require("inventory.write")
    with context.uow() as s:
        item = s.get(Item, item_id)
        if item is None:
            raise NotFoundError(_t("Позиция не найдена (id {0}).").format(item_id))
        kinds = {k for (k,) in s.execute(select(Movement.kind).join(MovementLine)
                                         .where(MovementLine.item_id == item_id))}
        st = s.scalar(select(func.count(StocktakingLine.id)).where(StocktakingLine.item_id == item_id))
        if kinds - {"receipt"} or st:
            raise ValidationError(_t("У позиции «{0}» уже есть движения или инвентаризации: удалить её нельзя, "
                                     "оформите списание.").format(item.name))
        mv_ids = [m for (m,) in s.execute(select(MovementLine.movement_id).where(MovementLine.item_id == item_id))]
        for line in s.scalars(select(MovementLine).where(MovementLine.item_id == item_id)):
            s.delete(line)
        for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id == item_id)):
            s.delete(c)
        s.flush()
        for mid in mv_ids:
            mv = s.get(Movement, mid)
            if mv is not None and not s.scalar(select(func.count(MovementLine.id))
                                               .where(MovementLine.movement_id == mid)):
                s.delete(mv)
        s.delete(item)


def _item_dict(s, item: Item) -> dict:
    d = {f: getattr(item, f) for f in ITEM_FIELDS}
    d.update(id=item.id, version=item.version, room=item.room.name if item.room else "",
             kind_label=kind_label(item.kind), status_label=status_label(item.status))
    sub = item.substance
    for f in SUBSTANCE_FIELDS:
        d[f] = getattr(sub, f) if sub is not None else ("" if f != "cas_number" else None)
    d["substance_id"] = item.substance_id
    d["custom_fields"] = dict(item.custom_fields or {})
    return d


def get_item(item_id: int) -> dict:
    """The card: fields, substance, containers and history."""
    with context.read() as s:
        item = s.get(Item, item_id)
        if item is None:
            raise NotFoundError(_t("Позиция не найдена (id {0}).").format(item_id))
        d = _item_dict(s, item)
        d["containers"] = [container_dict(c) for c in s.scalars(
            select(ReagentContainer).where(ReagentContainer.item_id == item_id).order_by(ReagentContainer.id))]
    d["history"] = item_history(item_id)
    return d


def find_by_code(code: str) -> int | None:
    """An item by its inventory number, or by a scanned label text that starts with it."""
    text = (code or "").strip()
    if not text:
        return None
    with context.read() as s:
        iid = s.scalar(select(Item.id).where(Item.inventory_number == text))
        if iid is not None:
            return iid
        first = re.split(r"[\s|;]+", text, maxsplit=1)[0]
        if first != text:
            iid = s.scalar(select(Item.id).where(Item.inventory_number == first))
            if iid is not None:
                return iid
        # the longest inventory number the text starts with (label payload «ХП-2026-000123 Весы…»)
        cands = s.execute(select(Item.id, Item.inventory_number)
                          .where(Item.inventory_number.is_not(None),
                                 Item.inventory_number <= text,
                                 Item.inventory_number >= text[:3])
                          .order_by(Item.inventory_number.desc()).limit(20)).all()
        for iid, num in cands:
            if text.startswith(num):
                return iid
    return None


# --- containers ----------------------------------------------------------------------------------------------
def clean_container(c: dict, *, row: int | None = None) -> dict:
    from chemcluster_desktop.xlsx.common import parse_date

    out: dict[str, Any] = {}
    out["amount"] = to_decimal(c.get("amount"), "amount", _t("Количество в таре"), row=row, allow_none=False)
    out["unit"] = str(c.get("unit") or "г").strip()[:20]
    for f, lim in (("lot", 64), ("supplier", 200), ("storage_place", 100)):
        out[f] = str(c.get(f) or "").strip()[:lim]
    labels = {"received_on": _t("Дата получения"), "opened_on": _t("Дата вскрытия"),
              "expires_on": _t("Срок годности")}
    for f in ("received_on", "opened_on", "expires_on"):
        v = c.get(f)
        if isinstance(v, str):
            try:
                v = parse_date(v)
            except ValueError as e:
                raise ValidationError(_t("«{0}»: «{1}» — не дата (нужен вид 26.11.2026).").format(labels[f], v),
                                      field=f, row=row) from e
        out[f] = v
    _date_not_future(out["received_on"], "received_on", labels["received_on"], row)
    _date_not_future(out["opened_on"], "opened_on", labels["opened_on"], row)
    if out["opened_on"] and out["received_on"] and out["opened_on"] < out["received_on"]:
        raise ValidationError(_t("Тару нельзя вскрыть раньше, чем её получили."), field="opened_on", row=row)
    out["empty"] = bool(c.get("empty", False))
    return out


def expiry_state(expires_on: dt.date | None, today: dt.date | None = None) -> str:
    if expires_on is None:
        return ""
    today = today or dt.date.today()
    if expires_on < today:
        return "expired"
    if expires_on <= today + dt.timedelta(days=EXPIRY_WARN_DAYS):
        return "expiring"
    return "ok"


def container_dict(c: ReagentContainer) -> dict:
    return {"id": c.id, "item_id": c.item_id, "amount": c.amount, "unit": c.unit, "lot": c.lot,
            "supplier": c.supplier, "received_on": c.received_on, "opened_on": c.opened_on,
            "expires_on": c.expires_on, "storage_place": c.storage_place, "empty": c.empty,
            "version": c.version, "expiry": "" if c.empty else expiry_state(c.expires_on)}


def _recount_reagent(s, item_id: int) -> None:
    total = Decimal(0)
    for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id == item_id,
                                                      ReagentContainer.empty.is_(False))):
        total += c.amount
    item = s.get(Item, item_id)
    item.quantity = total


def add_container(item_id: int, data: dict) -> int:
    require("inventory.write")
    c = clean_container(data)
    with context.uow() as s:
        item = s.get(Item, item_id)
        if item is None or item.kind != "reagent":
            raise ValidationError(_t("Тару можно добавить только к реактиву."))
        rc = ReagentContainer(item_id=item_id, **c)
        s.add(rc)
        s.flush()
        _recount_reagent(s, item_id)
        return rc.id


def update_container(container_id: int, data: dict, version: int | None = None) -> None:
    require("inventory.write")
    c = clean_container(data)
    with context.uow() as s:
        rc = s.get(ReagentContainer, container_id)
        if rc is None:
            raise NotFoundError(_t("Тара не найдена (id {0}).").format(container_id))
        if version is not None and rc.version != version:
            raise ConcurrentEditError()
        for k, v in c.items():
            setattr(rc, k, v)
        s.flush()
        _recount_reagent(s, rc.item_id)


def delete_container(container_id: int) -> None:
    require("inventory.write")
    with context.uow() as s:
        rc = s.get(ReagentContainer, container_id)
        if rc is None:
            raise NotFoundError(_t("Тара не найдена (id {0}).").format(container_id))
        item_id = rc.item_id
        s.delete(rc)
        s.flush()
        _recount_reagent(s, item_id)


# --- bulk creation inside another service's unit of work (procurement's delivery acceptance) ---------------
def add_items_in_session(session, specs: list[dict], *, document: str = "", on: dt.date | None = None) -> list[int]:
    """Create items inside the caller's transaction; returns their ids (in the order of ``specs``).

    Each spec is a card dict (``kind``, ``name``, ``cost``, ``room_id``, ``quantity``…); equipment and
    furniture without an ``inventory_number`` get one from the pattern. One receipt movement is
    written for all of them (``document`` goes to its reason).

    Accepting a delivery is the procurement officer's job, so the right to write procurement is enough
    here: the items arrive from the delivery, not typed in by hand."""
    if not can("procurement.write"):
        require("inventory.write")
    if not specs:
        return []
    alloc = NumberAllocator(session)
    rows = []
    numbers = []
    for i, spec in enumerate(specs, 1):
        clean = clean_item(spec, row=i)
        if clean["inventory_number"] is None and clean["kind"] in UNIT_KINDS:
            clean["inventory_number"] = alloc.next()
        numbers.append(clean["inventory_number"])
        rows.append(clean)
    given = [n for n in numbers if n]
    if len(set(given)) != len(given):
        raise DuplicateError(_t("Инвентарные номера повторяются в поставке."), field="inventory_number")
    for chunk in _chunks(given, 500):
        dup = session.scalar(select(Item.inventory_number).where(Item.inventory_number.in_(chunk)).limit(1))
        if dup:
            raise DuplicateError(_t("Инвентарный номер «{0}» уже есть в инвентаре.").format(dup),
                                 field="inventory_number")
    ids = []
    for clean in rows:
        item = Item()
        _apply(item, clean)
        if clean["kind"] == "reagent":
            item.substance = _substance_for(session, clean)
        session.add(item)
        session.flush()
        ids.append(item.id)
    on = on or dt.date.today()
    mv = Movement(kind="receipt", number=_movement_number(session, "receipt", on), date=on,
                  to_room_id=rows[0]["room_id"], reason=document or _t("Поступление по поставке"),
                  created_by=context.actor().login)
    for iid, clean in zip(ids, rows, strict=True):
        mv.lines.append(MovementLine(item_id=iid, quantity=clean["quantity"]))
    session.add(mv)
    session.flush()
    return ids


def _chunks(seq: list, n: int):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


# --- movements -----------------------------------------------------------------------------------------------
@dataclass
class MovementResult:
    id: int
    number: str
    kind: str
    lines: int


def make_movement(kind: str, lines: list[tuple[int, Any]] | list[int], *, on: dt.date | None = None,
                  to_room_id: int | None = None, person: str = "", reason: str = "",
                  number: str = "") -> MovementResult:
    """One movement document over one or more items.

    ``lines`` are (item id, quantity) pairs — or plain ids for whole units. Quantities never go
    negative; a written-off unit leaves the working lists but keeps its history."""
    require("inventory.write")
    args = _check_movement(kind, lines, on, to_room_id, person, reason)
    with context.uow() as s:
        return _movement_in(s, *args, number=number)


def make_movement_in_session(session, kind: str, lines: list[tuple[int, Any]] | list[int], *,
                             on: dt.date | None = None, to_room_id: int | None = None, person: str = "",
                             reason: str = "", number: str = "") -> MovementResult:
    """:func:`make_movement` inside the caller's transaction (several documents posted all or none,
    e.g. a stock-taking's results): the same rules, nothing is committed here."""
    require("inventory.write")
    return _movement_in(session, *_check_movement(kind, lines, on, to_room_id, person, reason), number=number)


def _check_movement(kind, lines, on, to_room_id, person, reason):
    if kind not in MOVEMENT_KINDS:
        raise ValidationError(_t("Неизвестный вид движения «{0}».").format(kind), field="kind")
    on = on or dt.date.today()
    _date_not_future(on, "date", _t("Дата документа"))
    person = (person or "").strip()
    reason = (reason or "").strip()
    if not lines:
        raise ValidationError(_t("Выберите хотя бы одну позицию."), field="lines")
    if kind == "transfer" and to_room_id is None:
        raise ValidationError(_t("Укажите помещение, куда перемещаются позиции."), field="to_room_id")
    if kind == "issue" and not person:
        raise ValidationError(_t("Укажите, кому выдаются позиции."), field="person")
    if kind == "write_off" and not reason:
        raise ValidationError(_t("Укажите причину списания."), field="reason")
    norm: list[tuple[int, Decimal | None]] = []
    for ln in lines:
        if isinstance(ln, tuple | list):
            iid, q = ln[0], ln[1]
        else:
            iid, q = ln, None
        qd = to_decimal(q, "quantity", _t("Количество")) if q not in (None, "") else None
        if qd is not None and qd <= 0:
            raise ValidationError(_t("Количество должно быть больше нуля."), field="quantity")
        norm.append((int(iid), qd))
    return kind, norm, on, to_room_id, person, reason


def _movement_in(s, kind: str, norm: list[tuple[int, Decimal | None]], on: dt.date, to_room_id: int | None,
                 person: str, reason: str, *, number: str = "") -> MovementResult:
    if to_room_id is not None:
        _check_room(s, to_room_id)
    mv = Movement(kind=kind, number=(number or "").strip() or _movement_number(s, kind, on), date=on,
                  to_room_id=to_room_id, person=person, reason=reason, created_by=context.actor().login)
    from_rooms = set()
    for iid, q in norm:
        item = s.get(Item, iid)
        if item is None:
            raise NotFoundError(_t("Позиция не найдена (id {0}).").format(iid))
        label = item.inventory_number or item.name
        if item.status == "written_off":
            raise ValidationError(_t("Позиция «{0}» списана: движения по ней невозможны.").format(label),
                                  field="lines")
        counted = item.kind in ("consumable",)
        qty = q if q is not None else item.quantity
        if not counted and q is not None and q != item.quantity:
            raise ValidationError(_t("«{0}» учитывается целиком: количество {1}.")
                                  .format(label, item.quantity), field="quantity")
        from_rooms.add(item.room_id)
        if kind == "receipt":
            if counted:
                item.quantity = item.quantity + qty
            if to_room_id is not None:
                item.room_id = to_room_id
        elif kind == "transfer":
            if item.room_id == to_room_id:
                raise ValidationError(_t("«{0}» уже находится в этом помещении.").format(label), field="lines")
            if counted and qty > item.quantity:
                raise ValidationError(_t("Нельзя переместить {0} {1} «{2}»: в наличии только {3}.")
                                      .format(qty, item.unit, label, item.quantity), field="quantity")
            if counted and qty < item.quantity:
                item.quantity = item.quantity - qty
                twin = s.scalar(select(Item).where(Item.kind == item.kind, Item.name == item.name,
                                                   Item.unit == item.unit, Item.room_id == to_room_id,
                                                   Item.status != "written_off", Item.id != item.id).limit(1))
                if twin is None:
                    twin = Item(kind=item.kind, name=item.name, model=item.model, unit=item.unit,
                                manufacturer=item.manufacturer, country=item.country, cost=item.cost,
                                min_quantity=None, room_id=to_room_id, quantity=Decimal(0),
                                status=item.status, notes=item.notes)
                    s.add(twin)
                    s.flush()
                twin.quantity = twin.quantity + qty
                mv.lines.append(MovementLine(item_id=twin.id, quantity=qty))
            else:
                item.room_id = to_room_id
                if item.kind in UNIT_KINDS:
                    room = s.get(Room, to_room_id)
                    if room is not None and room.responsible:
                        item.responsible = room.responsible
        elif kind == "issue":
            if counted:
                if qty > item.quantity:
                    raise ValidationError(_t("Нельзя выдать {0} {1} «{2}»: в наличии только {3}.")
                                          .format(qty, item.unit, label, item.quantity), field="quantity")
                item.quantity = item.quantity - qty
            else:
                if item.issued_to:
                    raise ValidationError(_t("«{0}» уже выдано: {1}. Сначала оформите возврат.")
                                          .format(label, item.issued_to), field="lines")
                item.issued_to = person
        elif kind == "return":
            if counted:
                item.quantity = item.quantity + qty
            else:
                if not item.issued_to:
                    raise ValidationError(_t("«{0}» не выдавалось: возвращать нечего.").format(label),
                                          field="lines")
                if not mv.person:
                    mv.person = item.issued_to
                item.issued_to = ""
                if to_room_id is not None:
                    item.room_id = to_room_id
        elif kind == "write_off":
            if counted:
                if qty > item.quantity:
                    raise ValidationError(_t("Нельзя списать {0} {1} «{2}»: в наличии только {3}.")
                                          .format(qty, item.unit, label, item.quantity), field="quantity")
                item.quantity = item.quantity - qty
            else:
                item.status = "written_off"
                item.issued_to = ""
                if item.kind == "reagent":
                    for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id == item.id)):
                        c.empty = True
                    item.quantity = Decimal(0)
        if item.quantity < 0:
            raise ValidationError(_t("Остаток «{0}» стал бы отрицательным.").format(label), field="quantity")
        mv.lines.append(MovementLine(item_id=item.id, quantity=qty))
    if len(from_rooms) == 1:
        mv.from_room_id = next(iter(from_rooms))
    s.add(mv)
    s.flush()
    return MovementResult(mv.id, mv.number, kind, len(mv.lines))


def item_history(item_id: int) -> list[dict]:
    from sqlalchemy.orm import aliased

    fr, to = aliased(Room), aliased(Room)
    with context.read() as s:
        rows = s.execute(
            select(Movement.id, Movement.kind, Movement.number, Movement.date, MovementLine.quantity,
                   fr.name, to.name, Movement.person, Movement.reason, Movement.created_by)
            .join(MovementLine, MovementLine.movement_id == Movement.id)
            .join(fr, fr.id == Movement.from_room_id, isouter=True)
            .join(to, to.id == Movement.to_room_id, isouter=True)
            .where(MovementLine.item_id == item_id)
            .order_by(Movement.date, Movement.id)).all()
    return [{"id": r[0], "kind": r[1], "kind_label": movement_label(r[1]), "number": r[2], "date": r[3],
             "quantity": r[4], "from_room": r[5] or "", "to_room": r[6] or "", "person": r[7], "reason": r[8],
             "created_by": r[9]} for r in rows]


def list_movements(limit: int = 200) -> list[dict]:
    with context.read() as s:
        rows = s.execute(select(Movement.id, Movement.kind, Movement.number, Movement.date, Movement.person,
                                Movement.reason, func.count(MovementLine.id))
                         .join(MovementLine, MovementLine.movement_id == Movement.id, isouter=True)
                         .group_by(Movement.id).order_by(Movement.date.desc(), Movement.id.desc())
                         .limit(limit)).all()
    return [{"id": r[0], "kind": r[1], "kind_label": movement_label(r[1]), "number": r[2], "date": r[3],
             "person": r[4], "reason": r[5], "lines": r[6]} for r in rows]


# --- the list (paged, searched and sorted in SQL) -------------------------------------------------------------
SORT_KEYS = {
    "inventory_number": Item.inventory_number,
    "name": Item.name,
    "kind": Item.kind,
    "status": Item.status,
    "quantity": Item.quantity,
    "cost": Item.cost,
    "commissioned_on": Item.commissioned_on,
    "serial_number": Item.serial_number,
    "model": Item.model,
    "responsible": Item.responsible,
    "room": Room.name,
    "id": Item.id,
}


_fts_present: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _items_trigram() -> listing.TrigramIndex | None:
    """The FTS5 trigram index of the items on SQLite (revision 0007); None on PostgreSQL, where search
    is LIKE (helped by a pg_trgm index when the server has the extension), or on an SQLite built
    without the trigram tokenizer (the revision then creates no index)."""
    db = context.current()
    if not db.is_sqlite:
        return None
    present = _fts_present.get(db.engine)
    if present is None:
        with db.engine.connect() as conn:  # sqlite only: the index is a virtual table
            present = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
                                   {"n": ITEMS_FTS}).first() is not None
        _fts_present[db.engine] = present
    return listing.TrigramIndex(ITEMS_FTS, Item.id) if present else None


def _filtered(stmt, q: ListQuery, *, index_drives: bool = True):
    f = q.filters or {}
    kind = f.get("kind")
    if kind:
        stmt = stmt.where(Item.kind.in_(kind) if isinstance(kind, list | tuple) else Item.kind == kind)
    if f.get("room_id"):
        stmt = stmt.where(Item.room_id == int(f["room_id"]))
    status = f.get("status")
    if status:
        stmt = stmt.where(Item.status == status)
    elif not f.get("include_written_off"):
        stmt = stmt.where(Item.status != "written_off")
    if f.get("ids"):
        stmt = stmt.where(Item.id.in_([int(i) for i in f["ids"]]))
    if f.get("low_stock"):
        stmt = stmt.where(Item.min_quantity.is_not(None), Item.quantity < Item.min_quantity)
    if f.get("issued"):
        stmt = stmt.where(Item.issued_to != "")
    return listing.apply_search(stmt, Item.search_key, q.search, trigram=_items_trigram(),
                                index_drives=index_drives)


# Search through the trigram index (SQLite): words found in more rows than this are "common"
COMMON_MATCHES = 5000
# sort columns with an index the list can walk in order (stopping at the end of the page)
_INDEXED_SORTS = {"name", "inventory_number"}
_COUNT_FILTERS = ("kind", "room_id", "status", "ids", "low_stock", "issued")


def count_items(q: ListQuery) -> int:
    tri = _items_trigram()
    with context.read() as s:
        if tri is not None and (q.search or "").strip() and not any((q.filters or {}).get(k) for k in _COUNT_FILTERS):
            return _count_searched(s, q, tri)
        return listing.count_of(s, _filtered(select(Item.id), q))


def _count_searched(s, q: ListQuery, tri: listing.TrigramIndex) -> int:
    """The exact count of a search with no filter but «without written-off items» (the list as one types).

    Counting the rows that match *and are not written off* makes SQLite fetch every matching row (tens of
    ms when a word is common). Instead: the rows that match — from the index alone when every word has 3+
    letters, else over the narrow ``search_key`` index — minus the written-off ones that match (few, found
    through the (kind, status) index)."""
    long_words, short_words = tri.split(q.search)
    if not short_words:
        n = tri.count_matches(s, long_words)
    else:
        n = int(s.scalar(listing.apply_search(select(func.count()).select_from(Item), Item.search_key, q.search,
                                              trigram=tri)) or 0)
    if n and not (q.filters or {}).get("include_written_off"):
        gone = listing.apply_search(select(func.count()).select_from(Item)
                                    .where(Item.kind.in_(ITEM_KINDS), Item.status == "written_off"),
                                    Item.search_key, q.search, trigram=tri, index_drives=False)
        n -= int(s.scalar(gone) or 0)
    return n


LIST_COLUMNS = (Item.id, Item.kind, Item.inventory_number, Item.name, Item.model, Item.serial_number,
                Item.status, Item.quantity, Item.unit, Item.min_quantity, Item.cost, Item.commissioned_on,
                Item.responsible, Item.issued_to, Item.room_id, Item.manufacturer)


def list_items(q: ListQuery) -> list[dict]:
    today = dt.date.today()
    out = []
    with context.read() as s:
        index_drives = True
        tri = _items_trigram()
        if tri is not None and (q.sort or "name") in _INDEXED_SORTS:
            long_words, _short = tri.split(q.search)
            # common words: walk the sort index and stop at the page's end rather than sort every match
            index_drives = not long_words or tri.count_matches(s, long_words, COMMON_MATCHES + 1) <= COMMON_MATCHES
        stmt = select(*LIST_COLUMNS, Room.name.label("room")).join(Room, Room.id == Item.room_id, isouter=True)
        stmt = _filtered(stmt, q, index_drives=index_drives)
        stmt = listing.apply_sort(stmt, SORT_KEYS, q, Item.name, Item.id)
        stmt = listing.window(stmt, q)
        rows = [dict(r) for r in s.execute(stmt).mappings()]
        # the nearest expiry of the page's reagents only (a correlated subquery in the sorted select
        # would be computed for every row of the table before the sort)
        reagent_ids = [r["id"] for r in rows if r["kind"] == "reagent"]
        expiry: dict[int, dt.date] = {}
        if reagent_ids:
            expiry = dict(s.execute(
                select(ReagentContainer.item_id, func.min(ReagentContainer.expires_on))
                .where(ReagentContainer.item_id.in_(reagent_ids), ReagentContainer.empty.is_(False))
                .group_by(ReagentContainer.item_id)).all())
        for d in rows:
            d["expires_on"] = expiry.get(d["id"])
            alert = ""
            if d["min_quantity"] is not None and d["quantity"] < d["min_quantity"] and d["status"] != "written_off":
                alert = "low"
            exp = expiry_state(d["expires_on"], today)
            if exp in ("expired", "expiring"):
                alert = exp
            d["alert"] = alert
            d["kind_label"] = kind_label(d["kind"])
            out.append(d)
    return out


def iter_items(q: ListQuery | None = None, batch: int = 5000):
    """All rows of a (filtered) list, in batches, for export and printing."""
    q = q or ListQuery()
    offset = 0
    while True:
        page = list_items(ListQuery(search=q.search, filters=q.filters, sort=q.sort or "inventory_number",
                                    descending=q.descending, offset=offset, limit=batch))
        yield from page
        if len(page) < batch:
            return
        offset += batch


# --- alerts ---------------------------------------------------------------------------------------------------
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
        for stage in (_expired_alerts, _incompatible_alerts, _low_stock_alerts, _expiring_alerts):
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
    return c


def _num(d: Decimal | None) -> str:
    if d is None:
        return ""
    s = format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))
    return s.replace(".", ",")


# --- summary for dashboards -------------------------------------------------------------------------------------
def summary() -> dict:
    with context.read() as s:
        rows = s.execute(select(Item.kind, func.count(Item.id), func.sum(Item.cost))
                         .where(Item.status != "written_off").group_by(Item.kind)).all()
    by_kind = {k: {"count": n, "cost": Decimal(v or 0) / 100 if isinstance(v, int) else (v or Decimal(0))}
               for k, n, v in rows}
    return {"by_kind": by_kind, "alerts": alert_counts()}


def rooms_with_items() -> list[dict]:
    with context.read() as s:
        rows = s.execute(select(Room.id, Room.name, func.count(Item.id))
                         .join(Item, and_(Item.room_id == Room.id, Item.status != "written_off"), isouter=True)
                         .group_by(Room.id).order_by(Room.name)).all()
    return [{"id": r[0], "name": r[1], "items": r[2]} for r in rows]


# --- import / export (implemented in inventory_import) -------------------------------------------------------------
def import_inventory(path, *, dry_run: bool = False, strict: bool = False, progress=None, cancelled=None,
                     mapping: dict[int, str] | None = None):
    from chemcluster_desktop.services.inventory import importing as inventory_import

    return inventory_import.import_inventory(path, dry_run=dry_run, strict=strict, progress=progress,
                                             cancelled=cancelled, mapping=mapping)


def preview_import(path, mapping: dict[int, str] | None = None, *, progress=None, cancelled=None):
    from chemcluster_desktop.services.inventory import importing as inventory_import

    return inventory_import.preview_import(path, mapping, progress=progress, cancelled=cancelled)


def export_inventory(path, query: ListQuery | None = None, *, progress=None, cancelled=None) -> int:
    from chemcluster_desktop.services.inventory import importing as inventory_import

    return inventory_import.export_inventory(path, query, progress=progress, cancelled=cancelled)


from chemcluster_desktop.services.inventory.importing import ImportPreview, ImportReport  # noqa: E402

__all__ = ["Alert", "ImportPreview", "ImportReport", "ListQuery", "alerts", "count_items", "list_items",
           "create_item", "update_item", "delete_item", "get_item", "make_movement", "import_inventory",
           "export_inventory", "preview_import", "add_items_in_session", "next_inventory_number", "find_by_code",
           "cas_valid"]
