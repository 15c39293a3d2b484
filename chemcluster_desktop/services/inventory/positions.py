"""The МОЛ's position (должность), printed with her name wherever she signs: the stock-taking list
(ф. 0510466), the discrepancy list (ф. 0504092), the act (ф. 0510463), the decision (ф. 0510439) and
the movement forms (0504102, 0504104, 0504143, 0504204, 0504230).

A МОЛ is the name written as a room's or an item's responsible person; one record per person holds her
position, matched by surname and initials (:func:`.decisions.person_key`), so «Кузнецова Елена
Андреевна» on a card and «Кузнецова Е. А.» on a room share it.

    mols() -> [{"name", "position", "rooms": [...], "items": N}]
    set_position("Кузнецова Е. А.", "Заведующий лабораторией")
    position_of(["Кузнецова Е. А.", …]) -> {"Кузнецова Е. А.": "Заведующий лабораторией", …}
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory.decisions import person_key
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.inventory_paperwork import ResponsiblePerson

MAX_POSITION = 200


def _t(s: str) -> str:
    return translate("Inventory", s)


def mols() -> list[dict]:
    """Every МОЛ named on a room or a working item, with her position (\"\" when not entered yet),
    her rooms and the number of items on her, sorted by name."""
    people: dict[str, dict] = {}

    def person(name: str) -> dict:
        k = person_key(name)
        return people.setdefault(k, {"key": k, "name": name.strip(), "position": "", "rooms": [], "items": 0})

    with context.read() as s:
        for name, room in s.execute(select(Room.responsible, Room.name).order_by(Room.name)):
            if name and name.strip():
                person(name)["rooms"].append(room)
        for name, n in s.execute(select(Item.responsible, func.count(Item.id))
                                 .where(Item.status != "written_off", Item.responsible != "")
                                 .group_by(Item.responsible)):
            if name and name.strip():
                person(name)["items"] += n
        for k, name, pos in s.execute(select(ResponsiblePerson.person_key, ResponsiblePerson.name,
                                             ResponsiblePerson.position)):
            if k in people:
                people[k]["position"] = pos
            elif pos:  # a former МОЛ whose position is still on record
                people[k] = {"key": k, "name": name, "position": pos, "rooms": [], "items": 0}
    return sorted(people.values(), key=lambda d: d["name"].casefold())


def set_position(name: str, position: str) -> None:
    """Enter or change the МОЛ's position (empty clears it)."""
    set_positions({name: position})


def set_positions(changes: dict[str, str]) -> None:
    """Several МОЛ's positions in one unit of work (the dialog's «Сохранить»): all or none."""
    require("inventory.write")
    clean = []
    for name, position in changes.items():
        name = (name or "").strip()
        key = person_key(name)
        if not key:
            raise ValidationError(_t("Укажите фамилию и инициалы материально ответственного лица."), field="name")
        position = " ".join((position or "").split())
        if len(position) > MAX_POSITION:
            raise ValidationError(_t("«{0}»: должность длиннее {1} знаков — сократите её.").format(name, MAX_POSITION),
                                  field="position")
        clean.append((key, name, position))
    with context.uow() as s:
        for key, name, position in clean:
            rec = s.scalar(select(ResponsiblePerson).where(ResponsiblePerson.person_key == key))
            if rec is None:
                s.add(ResponsiblePerson(person_key=key, name=name[:200], position=position))
            elif rec.position != position:
                rec.position = position
            s.flush()


def position_of(names) -> dict[str, str]:
    """name → position for the names given (\"\" for a name without one)."""
    names = [n for n in {(n or "").strip() for n in names} if n]
    if not names:
        return {}
    keys = defaultdict(list)
    for n in names:
        keys[person_key(n)].append(n)
    with context.read() as s:
        found = dict(s.execute(select(ResponsiblePerson.person_key, ResponsiblePerson.position)
                               .where(ResponsiblePerson.person_key.in_(list(keys)))).all())
    return {n: found.get(k, "") for k, ns in keys.items() for n in ns}


def signed(name: str) -> str:
    """«Должность Фамилия И. О.» — the МОЛ as a form's header line names her."""
    pos = position_of([name]).get((name or "").strip(), "")
    return f"{pos} {name}".strip() if name else ""


__all__ = ["mols", "position_of", "set_position", "set_positions", "signed"]
