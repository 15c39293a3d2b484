"""Решение о проведении инвентаризации (ф. 0510439, приказ Минфина России от 15.04.2021 № 61н в ред.
приказа от 07.11.2022 № 157н; from 1 January 2025 state institutions use it): the order's number and
date, the reason, the start and end dates, what is counted (rooms, hence their МОЛ, and accounts) and
the commission — one chair and members, each with a position, chosen from the users or typed.

The МОЛ of a counted room (the room's responsible person or the МОЛ on any of its items) cannot sit on
the commission that checks him: refused with a clear message, nothing written.

    did = create_decision({"number": "15-инв", "date": dt.date(2026, 11, 1), "reason": "…",
                           "starts_on": …, "ends_on": …, "room_ids": [3, 4], "accounts": "101.34, 105.36",
                           "members": [{"role": "chair", "name": "…", "position": "…"}, …]})
    st = stocktaking.start(room_id, decision=did)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import select

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP, translate
from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.common import get_or_404, require_version
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.core import Room, User
from chemcluster_desktop.storage.inventory import Item, Stocktaking
from chemcluster_desktop.storage.inventory_paperwork import CommissionMember, StocktakingDecision

# the reasons of ч. 3 ст. 11 Федерального закона № 402-ФЗ «О бухгалтерском учёте» and the institution's
# plan; stored and printed as in the order's (Russian) form, shown in the interface language by reason_label()
REASONS = (
    QT_TRANSLATE_NOOP("Stocktaking", "Перед составлением годовой бухгалтерской (финансовой) отчётности"),
    QT_TRANSLATE_NOOP("Stocktaking", "Смена материально ответственного лица"),
    QT_TRANSLATE_NOOP("Stocktaking", "Выявление фактов хищения, злоупотребления или порчи имущества"),
    QT_TRANSLATE_NOOP("Stocktaking", "Плановая инвентаризация по графику учреждения"),
    QT_TRANSLATE_NOOP("Stocktaking", "Реорганизация или ликвидация учреждения"),
    QT_TRANSLATE_NOOP("Stocktaking", "Стихийное бедствие, пожар, авария или другая чрезвычайная ситуация"),
)


def reason_label(reason: str) -> str:
    """A standard reason in the interface language (a reason typed by hand is shown as typed)."""
    return translate("Stocktaking", reason) if reason in REASONS else reason


def _t(s: str) -> str:
    return translate("Stocktaking", s)


def person_key(name: str) -> str:
    """«Кузнецова Елена Андреевна», «Кузнецова Е. А.» and «кузнецова е.а.» are one person: the surname
    and the initials, case and «ё» folded."""
    words = [w for w in re.split(r"[\s.]+", (name or "").replace("ё", "е").replace("Ё", "Е")) if w]
    if not words:
        return ""
    return " ".join([words[0].casefold(), *[w[0].casefold() for w in words[1:3]]])


def _date(v, field: str, label: str) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and v.strip():
        from chemcluster_desktop.dates import parse_date_text

        try:
            d = parse_date_text(v)
        except ValueError:
            d = None
        if d is not None:
            return d
    raise ValidationError(_t("{0}: укажите дату (ДД.ММ.ГГГГ).").format(label), field=field)


def responsibles(s, room_ids: list[int]) -> dict[str, str]:
    """person key -> the name as written, for every МОЛ of the rooms (the room's and its items')."""
    out: dict[str, str] = {}
    if not room_ids:
        return out
    for name in s.scalars(select(Room.responsible).where(Room.id.in_(room_ids))):
        if name and name.strip():
            out.setdefault(person_key(name), name.strip())
    for name in s.scalars(select(Item.responsible).distinct().where(Item.room_id.in_(room_ids),
                                                                     Item.status != "written_off")):
        if name and name.strip():
            out.setdefault(person_key(name), name.strip())
    return out


def clean_decision(s, data: dict[str, Any]) -> dict[str, Any]:
    """Checked values of a decision; a ValidationError naming the field and what to do otherwise."""
    number = str(data.get("number") or "").strip()
    if not number:
        raise ValidationError(_t("Укажите номер приказа (решения) о проведении инвентаризации."), field="number")
    date = _date(data.get("date"), "date", _t("Дата приказа"))
    starts = _date(data.get("starts_on") or date, "starts_on", _t("Дата начала"))
    ends = _date(data.get("ends_on") or starts, "ends_on", _t("Дата окончания"))
    if ends < starts:
        raise ValidationError(_t("Дата окончания инвентаризации ({0:%d.%m.%Y}) раньше даты начала ({1:%d.%m.%Y}).")
                              .format(ends, starts), field="ends_on")
    if starts < date:
        raise ValidationError(_t("Инвентаризация начинается ({0:%d.%m.%Y}) раньше, чем издан приказ "
                                 "({1:%d.%m.%Y}).").format(starts, date), field="starts_on")
    reason = str(data.get("reason") or "").strip()
    if not reason:
        raise ValidationError(_t("Укажите причину (основание) инвентаризации."), field="reason")
    room_ids = [int(r) for r in (data.get("room_ids") or [])]
    if not room_ids:
        raise ValidationError(_t("Выберите хотя бы одно помещение, которое инвентаризируется."), field="room_ids")
    known = set(s.scalars(select(Room.id).where(Room.id.in_(room_ids))))
    missing = [r for r in room_ids if r not in known]
    if missing:
        raise ValidationError(_t("Помещение, выбранное в списке, уже удалено — обновите список (F5)."), field="room_ids")
    members = []
    for i, m in enumerate(data.get("members") or [], 1):
        name = str(m.get("name") or "").strip()
        user_id = m.get("user_id")
        if not name and user_id:
            u = s.get(User, int(user_id))
            name = (u.full_name or u.login) if u else ""
        if not name:
            raise ValidationError(_t("Член комиссии № {0}: укажите фамилию и инициалы.").format(i), field="members")
        position = str(m.get("position") or "").strip()
        if not position:
            raise ValidationError(_t("Член комиссии «{0}»: укажите должность — она печатается в подписях.")
                                  .format(name), field="members")
        role = m.get("role") or "member"
        if role not in ("chair", "member"):
            raise ValidationError(_t("Роль в комиссии: председатель или член комиссии."), field="members")
        members.append({"role": role, "name": name[:200], "position": position[:200],
                        "user_id": int(user_id) if user_id else None})
    chairs = [m for m in members if m["role"] == "chair"]
    if not chairs:
        raise ValidationError(_t("У комиссии нет председателя: отметьте одного из членов комиссии как "
                                 "председателя."), field="members")
    if len(chairs) > 1:
        raise ValidationError(_t("Председатель комиссии — один: {0}.").format(", ".join(m["name"] for m in chairs)),
                              field="members")
    if len(members) < 2:
        raise ValidationError(_t("В комиссии нужны председатель и хотя бы один член комиссии."), field="members")
    keys = [person_key(m["name"]) for m in members]
    dup = next((m["name"] for k, m in zip(keys, members, strict=True) if keys.count(k) > 1), None)
    if dup:
        raise ValidationError(_t("«{0}» включён(а) в комиссию дважды.").format(dup), field="members")
    mols = responsibles(s, room_ids)
    for k, m in zip(keys, members, strict=True):
        if k in mols:
            raise ValidationError(
                _t("«{0}» — материально ответственное лицо инвентаризируемого помещения и не может входить в "
                   "комиссию, которая его проверяет: замените члена комиссии.").format(m["name"]), field="members")
    chair = chairs[0]
    ordered = [chair, *[m for m in members if m is not chair]]
    return {"number": number[:64], "date": date, "reason": reason[:300], "starts_on": starts, "ends_on": ends,
            "room_ids": room_ids, "accounts": str(data.get("accounts") or "").strip()[:300],
            "notes": str(data.get("notes") or "").strip(), "members": ordered}


def _apply(dec: StocktakingDecision, v: dict) -> None:
    for f in ("number", "date", "reason", "starts_on", "ends_on", "room_ids", "accounts", "notes"):
        setattr(dec, f, v[f])
    dec.members = [CommissionMember(role=m["role"], name=m["name"], position=m["position"], user_id=m["user_id"],
                                    position_no=i) for i, m in enumerate(v["members"])]


def create_decision(data: dict[str, Any]) -> int:
    require("inventory.write")
    with context.uow() as s:
        v = clean_decision(s, data)
        dec = StocktakingDecision()
        _apply(dec, v)
        s.add(dec)
        s.flush()
        audit.record(s, "create", "inventory", "StocktakingDecision", str(dec.id),
                     _t("Решение о проведении инвентаризации № {0} от {1:%d.%m.%Y}").format(dec.number, dec.date))
        return dec.id


def update_decision(decision_id: int, data: dict[str, Any], *, version: int) -> None:
    require("inventory.write")
    with context.uow() as s:
        dec = get_or_404(s, StocktakingDecision, decision_id, _t("Решение об инвентаризации"),
                         named=f"№ {data['number']}" if data.get("number") else None)
        require_version(dec, version)
        counts = s.execute(select(Stocktaking.number, Stocktaking.room_id, Stocktaking.status)
                           .where(Stocktaking.decision_id == decision_id).order_by(Stocktaking.id)).all()
        posted = [n for n, _r, st in counts if st == "posted"]
        if posted:
            raise ValidationError(_t("Результаты инвентаризации {0} по этому решению уже проведены: решение "
                                     "(ф. 0510439) изменить нельзя — оно основание проведённых документов.")
                                  .format(", ".join(posted)), field="number")
        v = clean_decision(s, data)
        dropped = {r for _n, r, _st in counts} - set(v["room_ids"])
        if dropped:
            names = ", ".join(sorted(s.scalars(select(Room.name).where(Room.id.in_(dropped)))))
            raise ValidationError(_t("По решению уже идёт инвентаризация помещений: {0} — их нельзя исключить.")
                                  .format(names), field="room_ids")
        _apply(dec, v)
        # the counts by this decision sign with its commission
        for st in s.scalars(select(Stocktaking).where(Stocktaking.decision_id == decision_id)):
            st.commission = commission_text(v["members"])
        audit.record(s, "update", "inventory", "StocktakingDecision", str(dec.id),
                     _t("Изменено решение о проведении инвентаризации № {0} от {1:%d.%m.%Y}").format(dec.number,
                                                                                                     dec.date))


def editable(decision_id: int) -> str:
    """Why the decision cannot be edited any more («» when it can): a count by it has been posted."""
    with context.read() as s:
        posted = list(s.scalars(select(Stocktaking.number).where(Stocktaking.decision_id == decision_id,
                                                                 Stocktaking.status == "posted")))
    if posted:
        return _t("Результаты инвентаризации {0} по этому решению уже проведены: решение изменить нельзя.").format(
            ", ".join(posted))
    return ""


def get_decision(decision_id: int) -> dict:
    with context.read() as s:
        dec = get_or_404(s, StocktakingDecision, decision_id, _t("Решение об инвентаризации"))
        rooms = {r.id: r for r in s.scalars(select(Room).where(Room.id.in_(dec.room_ids or [])))}
        return {"id": dec.id, "number": dec.number, "date": dec.date, "reason": dec.reason,
                "starts_on": dec.starts_on, "ends_on": dec.ends_on, "room_ids": list(dec.room_ids or []),
                "rooms": [{"id": rid, "name": rooms[rid].name, "responsible": rooms[rid].responsible}
                          for rid in dec.room_ids or [] if rid in rooms],
                "accounts": dec.accounts, "notes": dec.notes, "version": dec.version,
                "members": [{"role": m.role, "name": m.name, "position": m.position, "user_id": m.user_id}
                            for m in dec.members],
                "stocktakings": [{"id": i, "number": n, "room_id": r, "status": st} for i, n, r, st in s.execute(
                    select(Stocktaking.id, Stocktaking.number, Stocktaking.room_id, Stocktaking.status)
                    .where(Stocktaking.decision_id == dec.id).order_by(Stocktaking.id))]}


def list_decisions(room_id: int | None = None) -> list[dict]:
    """Newest first; with ``room_id`` only the decisions that count that room."""
    with context.read() as s:
        rows = s.execute(select(StocktakingDecision.id, StocktakingDecision.number, StocktakingDecision.date,
                                StocktakingDecision.starts_on, StocktakingDecision.ends_on,
                                StocktakingDecision.reason, StocktakingDecision.room_ids)
                         .order_by(StocktakingDecision.date.desc(), StocktakingDecision.id.desc())).all()
    return [{"id": r[0], "number": r[1], "date": r[2], "starts_on": r[3], "ends_on": r[4], "reason": r[5],
             "room_ids": list(r[6] or [])} for r in rows if room_id is None or room_id in (r[6] or [])]


def find_decision(ref: str | int) -> int:
    """A decision by id or by its order number (CLI)."""
    from chemcluster_desktop.services.errors import NotFoundError

    txt = str(ref).strip()
    with context.read() as s:
        did = s.scalar(select(StocktakingDecision.id).where(StocktakingDecision.number == txt)
                       .order_by(StocktakingDecision.id.desc()).limit(1))
        if did is None and txt.isdigit():
            did = s.scalar(select(StocktakingDecision.id).where(StocktakingDecision.id == int(txt)))
    if did is None:
        raise NotFoundError(_t("Решение о проведении инвентаризации «{0}» не найдено.").format(ref))
    return did


def commission_text(members: list[dict]) -> str:
    """The members one per line (the stock-taking's old plain-text commission field)."""
    return "\n".join(m["name"] for m in members)


__all__ = ["REASONS", "clean_decision", "commission_text", "create_decision", "editable", "find_decision",
           "get_decision",
           "list_decisions", "person_key", "responsibles", "update_decision"]
