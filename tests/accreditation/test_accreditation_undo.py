"""Issue 16: the bulk accreditation actions show what they change before writing, and one step undoes
them exactly. The expected counts are computed here from the tables, not taken from the service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.storage.accreditation import (
    AccreditationRestorePoint,
    ChecklistLine,
    ChecklistLink,
    ChecklistLoan,
    Evidence,
    InfrastructureLine,
    InfrastructureList,
    Workshop,
)
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.procurement import Need, Offer
from tests.accreditation import helpers as h

COMP = "Лабораторный химический анализ"
TODAY = dt.date.today()
TABLES = (InfrastructureList, InfrastructureLine, Workshop, ChecklistLine, ChecklistLink, ChecklistLoan, Evidence,
          Need)


def dump() -> dict[str, list[tuple]]:
    """Every row of the tables the actions touch, column by column (photos' bytes included)."""
    out = {}
    with context.read() as s:
        for m in TABLES:
            t = m.__table__
            out[t.name] = [tuple(r) for r in s.execute(select(t).order_by(t.c.id))]
    return out


def _count(stmt) -> int:
    with context.read() as s:
        return s.scalar(stmt)


def two_workshops(tmp_path) -> tuple[int, int]:
    """Two workshops on the same list, matched, one line with a loan and a photo."""
    w1 = h.workshop_with_items("Мастерская 1", workplaces=1, tmp=tmp_path)
    with context.uow() as s:
        r = Room(name="Ауд. 2", kind="workshop")
        s.add(r)
        s.flush()
        for n, kind, q in h.ROOM_ITEMS:
            s.add(Item(kind=kind, name=n, quantity=Decimal(q), room_id=r.id))
        rid = r.id
    w2 = acc.create_workshop(dict(name="Мастерская 2", rooms=[rid], competency=COMP, workplaces=2))
    for w in (w1, w2):
        acc.match(w)
    row = next(x for x in acc.checklist(w1) if x["name"] == "Огнетушитель")
    acc.add_loan(row["id"], dict(kind="loan", partner="АО «Синтез»", document_number="17/26-БП",
                                 document_date=TODAY - dt.timedelta(days=5), quantity="1",
                                 valid_until=TODAY + dt.timedelta(days=180)))
    acc.add_evidence(w1, h.jpeg(), caption="Огнетушитель у выхода", checklist_line_id=row["id"], file_name="o.jpg")
    return w1, w2


def other_competency_file(path) -> object:
    """A list whose header names another competency and whose lines share nothing with the first."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Инфраструктурный лист 2026. Компетенция «Охрана окружающей среды»"])
    ws.append(["№", "Наименование", "Характеристики", "Количество"])
    ws.append([1, "Пробоотборник воздуха", "", 1])
    ws.append([2, "Шумомер", "класс 2", 1])
    ws.append([3, "Аптечка первой помощи", "", 1])
    wb.save(path)
    return path


def test_import_into_a_competency_with_a_list_previews_and_undoes(db, tmp_path):
    w1, w2 = two_workshops(tmp_path)
    lid = acc.workshop(w1).list_id
    n_lines = _count(select(func.count()).select_from(InfrastructureLine).where(InfrastructureLine.list_id == lid))
    links = {w: _count(select(func.count()).select_from(ChecklistLink)
                       .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
                       .where(ChecklistLine.workshop_id == w, ChecklistLink.state != "rejected")) for w in (w1, w2)}
    ready = {w: acc.workshop_readiness(w).coverage_percent for w in (w1, w2)}
    assert all(links.values()) and all(ready.values())
    before = dump()

    f = other_competency_file(tmp_path / "ooc.xlsx")
    prev = acc.import_infrastructure_list(f, COMP, year=2026, dry_run=True)
    assert dump() == before  # the preview writes nothing
    assert prev.updated_list and prev.harmful
    assert prev.removed == n_lines and len(prev.removed_lines) == n_lines and prev.added == 3
    assert any("Охрана окружающей среды" in w for w in prev.warnings)
    by = {x.workshop_id: x for x in prev.workshops}
    assert set(by) == {w1, w2}
    for w in (w1, w2):
        assert by[w].links_lost == links[w]
        assert by[w].readiness_before == ready[w] and by[w].readiness_after == 0
    assert by[w1].loans_lost == 1 and by[w1].photos_lost == 1
    assert "готовность «Мастерская 1»" in prev.consequences()

    rep = acc.import_infrastructure_list(f, COMP, year=2026)
    assert rep.restore_point is not None
    assert acc.workshop_readiness(w1).coverage_percent == 0
    pts = acc.restore_points(w1)
    assert pts[0].id == rep.restore_point and pts[0].kind == "list_import"
    res = acc.undo(rep.restore_point)
    assert res.removed >= 3 and res.restored >= n_lines + sum(links.values())
    assert dump() == before  # every row back, same ids, same values
    assert acc.workshop_readiness(w1).coverage_percent == ready[w1]
    assert acc.restore_points(w1) == [] or acc.restore_points(w1)[0].id != rep.restore_point


def test_reimport_of_a_renumbered_list_keeps_the_links(db, tmp_path):
    w1 = h.workshop_with_items("Мастерская 1", workplaces=1, tmp=tmp_path)
    acc.match(w1)
    had = {r["name"]: r["links"] for r in acc.checklist(w1)}
    ready = acc.workshop_readiness(w1).coverage_percent
    # the same lines, renumbered from 11 and one line added at the top
    wb = Workbook()
    ws = wb.active
    ws.append(["Инфраструктурный лист 2026. Компетенция «Лабораторный химический анализ»"])
    ws.append(["№", "Наименование", "Характеристики", "Количество"])
    ws.append(["РАБОЧАЯ ПЛОЩАДКА УЧАСТНИКОВ (оборудование на 1 участника)"])
    ws.append([10, "Термометр электронный", "", "1 шт."])
    ws.append([11, "Весы электронные лабораторные", "НПВ 300 г, d = 0,01 г", "1 шт."])
    ws.append([12, "Плитка нагревательная", "Мощность не менее 600 Вт", "1 шт."])
    ws.append([13, "Колба коническая 100 мл", "ГОСТ 25336-82", "3 шт."])
    ws.append(["РАСХОДНЫЕ МАТЕРИАЛЫ (на 1 участника)"])
    ws.append([14, "Перчатки латексные", "размер M", "1 пара"])
    ws.append(["ОБЩАЯ ИНФРАСТРУКТУРА КОНКУРСНОЙ ПЛОЩАДКИ (на всех участников)"])
    ws.append([15, "Шкаф вытяжной", "Ширина не менее 1200 мм", "1 шт."])
    ws.append([16, "Огнетушитель", "порошковый ОП-4", "2 шт."])
    ws.append(["КОМНАТА ЭКСПЕРТОВ"])
    ws.append([17, "Стол", None, "2 шт."])
    ws.append([18, "Стул", None, "4 шт."])
    wb.save(tmp_path / "renum.xlsx")
    prev = acc.import_infrastructure_list(tmp_path / "renum.xlsx", COMP, year=2026, dry_run=True)
    assert prev.removed == 0 and prev.added == 1 and prev.added_lines == ["10 Термометр электронный"]
    assert prev.workshops[0].links_lost == 0
    acc.import_infrastructure_list(tmp_path / "renum.xlsx", COMP, year=2026)
    now = {r["name"]: r["links"] for r in acc.checklist(w1)}
    assert {k: v for k, v in now.items() if k in had} == had and now["Термометр электронный"] == 0
    # one line more, not met: readiness drops by that line's share only
    assert acc.workshop_readiness(w1).coverage_percent == pytest.approx(ready * 8 / 9, abs=0.1)


def test_rematch_keeps_pending_proposals_lists_drops_and_undoes(db, tmp_path):
    items = [("Стол", "furniture", 1), ("Стол для весов антивибрационный", "furniture", 1),
             ("Перчатки нитриловые", "consumable", 1)]
    wid = h.workshop_with_items(workplaces=1, tmp=tmp_path, items=items)
    first = acc.match(wid)
    pending = {(p.line, p.item) for p in acc.proposals(wid)}
    assert pending and first.restore_point is not None
    # nothing changed: a second run keeps every pending proposal and changes nothing
    before = dump()
    again = acc.match(wid, dry_run=True)
    assert dump() == before and again.dropped == [] and again.added == [] and again.kept == len(pending)
    acc.match(wid)
    assert {(p.line, p.item) for p in acc.proposals(wid)} == pending
    # an item written off: its proposal is dropped, and the preview says so
    gloves = next(p for p in acc.proposals(wid) if "нитриловые" in p.item)
    with context.uow() as s:
        it = s.scalar(select(Item).where(Item.name == "Перчатки нитриловые"))
        it.status = "written_off"
    before = dump()
    prev = acc.match(wid, dry_run=True)
    assert dump() == before
    assert [(c.line, c.item) for c in prev.dropped] == [(gloves.line, gloves.item)]
    assert "не свободна" in prev.dropped[0].reason
    res = acc.match(wid)
    assert len(res.dropped) == 1
    assert acc.undo(res.restore_point).restored >= 1  # the dropped proposal
    assert dump() == before


def test_confirm_leaves_weak_proposals_unticked_and_undoes(db, tmp_path):
    items = [("Перчатки нитриловые", "consumable", 1), ("Стол", "furniture", 1),
             ("Стол для весов антивибрационный", "furniture", 1)]
    wid = h.workshop_with_items(workplaces=1, tmp=tmp_path, items=items)
    acc.match(wid)
    props = acc.proposals(wid)
    gloves = next(p for p in props if "нитриловые" in p.item)
    assert gloves.line.endswith("Перчатки латексные") and gloves.weak and "нитриловые" in gloves.reason
    strong = [p.link_id for p in props if not p.weak]
    before = dump()
    dry = acc.confirm_proposals(wid, dry_run=True)
    assert dump() == before and sorted(dry.link_ids) == sorted(strong)
    res = acc.confirm_proposals(wid)
    with context.read() as s:
        states = dict(s.execute(select(ChecklistLink.id, ChecklistLink.state)).all())
    assert states[gloves.link_id] == "proposed"
    assert all(states[i] == "confirmed" for i in strong)
    assert res.left == len(props) - len(strong)
    acc.undo(res.restore_point)
    assert dump() == before
    # a chosen weak one is confirmed when asked for; a link of another workshop is refused
    acc.confirm_proposals(wid, [gloves.link_id])
    with pytest.raises(ValidationError):
        acc.confirm_proposals(wid, [gloves.link_id])


def test_undo_is_refused_after_later_changes(db, tmp_path):
    items = [("Стол", "furniture", 1), ("Стол для весов антивибрационный", "furniture", 1)]
    wid = h.workshop_with_items(workplaces=1, tmp=tmp_path, items=items)
    res = acc.match(wid)
    acc.confirm_link(acc.proposals(wid)[0].link_id)
    before = dump()
    with pytest.raises(ValidationError, match="уже изменены"):
        acc.undo(res.restore_point)
    assert dump() == before
    with pytest.raises(NotFoundError):
        acc.undo(10_000)


def test_gaps_to_needs_preview_selection_and_undo(db, tmp_path):
    wid = h.workshop_with_items(workplaces=1, tmp=tmp_path)
    acc.match(wid)
    open_lines = [r for r in acc.checklist(wid) if r["status"] != "met"]
    name = open_lines[0]["name"]
    with context.uow() as s:  # an item of the same name with a cost, outside the rooms: the estimate comes from it
        s.add(Item(kind="equipment", name=f"{name} запасной", quantity=Decimal(2), cost=Decimal("3000.00")))
    before = dump()
    plan = acc.plan_needs(wid)
    assert dump() == before
    assert [p.checklist_line_id for p in plan] == [r["id"] for r in open_lines]
    assert all(p.action == "create" and p.need_id is None for p in plan)
    priced = next(p for p in plan if p.name == name)
    assert priced.unit_price == Decimal("1500.00") and priced.estimate == Decimal("1500.00") * priced.quantity
    assert all(p.unit_price is None for p in plan if p.name != name)
    chosen = [p.checklist_line_id for p in plan[:2]]
    res = acc.create_needs_from_gaps(wid, chosen)
    assert res.created == 2
    with context.read() as s:
        assert sorted(s.scalars(select(Need.checklist_line_id))) == sorted(chosen)
    acc.undo(res.restore_point)
    assert dump() == before
    # once procurement works on a need (an offer refers to it), the undo is refused
    res = acc.create_needs_from_gaps(wid, chosen[:1])
    with context.uow() as s:
        s.add(Offer(need_id=res.need_ids[0], supplier_name="ООО «Лабтех»", date=TODAY, unit_price=Decimal("10")))
    with pytest.raises(ValidationError, match="ссылаются"):
        acc.undo(res.restore_point)
    with context.read() as s:
        assert s.scalar(select(func.count()).select_from(AccreditationRestorePoint)) >= 1
