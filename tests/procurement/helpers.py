"""Shared set-up for the procurement tests: a workshop with a checklist gap, sources, suppliers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.context import uow

# ИНН with correct check digits (computed by procurement_inn.complete_inn)
INNS = ["5249012349", "5260123451", "7707083893", "5249055550"]


def make_gap() -> dict:
    """A room, a workshop for «Лабораторный химический анализ» with one infrastructure line and its
    checklist line (nothing on the inventory yet: a gap). Returns ids."""
    from chemcluster_desktop.storage.accreditation import (
        ChecklistLine,
        Competency,
        InfrastructureLine,
        InfrastructureList,
        Workshop,
        WorkshopRoom,
    )
    from chemcluster_desktop.storage.core import Building, Room

    with uow() as s:
        b = Building(name="Лабораторный корпус № 2", address="пр. Циолковского, 23")
        s.add(b)
        s.flush()
        room = Room(building_id=b.id, name="Ауд. 210", kind="workshop", responsible="Орлов Д. С.")
        s.add(room)
        comp = Competency(code="R10", name="Лабораторный химический анализ")
        s.add(comp)
        s.flush()
        il = InfrastructureList(competency_id=comp.id, year=2026, title="ИЛ 2026")
        s.add(il)
        s.flush()
        line = InfrastructureLine(list_id=il.id, position=1, number="1.3", zone="workplace",
                                  name="Весы аналитические", specification="НПВ 220 г, дискретность 0,0001 г",
                                  quantity=Decimal(1), unit="шт.", per_workplace=True)
        s.add(line)
        ws = Workshop(name="Мастерская «Лабораторный химический анализ»", competency_id=comp.id, list_id=il.id,
                      workplaces=3)
        s.add(ws)
        s.flush()
        s.add(WorkshopRoom(workshop_id=ws.id, room_id=room.id))
        cl = ChecklistLine(workshop_id=ws.id, line_id=line.id)
        s.add(cl)
        s.flush()
        return {"room_id": room.id, "workshop_id": ws.id, "checklist_line_id": cl.id}


def make_sources() -> dict[str, int]:
    ids = {}
    for code, limit in (("federal", "100000000"), ("regional", "196600000"), ("employer", "70000000"),
                        ("own", "30000000")):
        ids[code] = P.create_source({"code": code, "name": P.SOURCE_NAMES[code], "limit": limit})
    return ids


def make_suppliers(n: int = 3) -> list[int]:
    names = ["ООО «ЛабТехСнаб»", "ООО «Химприбор-НН»", "АО «Сибирская лаборатория»", "ООО «Аналит Волга»"]
    return [P.create_supplier({"name": names[i], "inn": INNS[i],
                               "kpp": "524901001" if INNS[i].startswith("52") else "770701001"})
            for i in range(n)]


def add_offers(need_id: int, suppliers: list[int], prices: list[str], date: dt.date | None = None) -> list[int]:
    date = date or dt.date.today() - dt.timedelta(days=10)
    return [P.create_offer({"need_id": need_id, "supplier_id": sid, "date": date, "unit_price": p,
                            "reference": f"исх. {i + 1}"})
            for i, (sid, p) in enumerate(zip(suppliers, prices, strict=False))]
