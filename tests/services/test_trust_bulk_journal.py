"""Bulk statements journal every record they write or remove, like single edits do: the requirements
of a term, a generated timetable (and the lessons it replaces), an infrastructure list's lines, a
workshop's checklist lines, the links of a matching run, a stock-taking's expected lines."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import context
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.inventory import stocktaking
from chemcluster_desktop.storage.accreditation import ChecklistLine, ChecklistLink, InfrastructureLine
from chemcluster_desktop.storage.core import AuditEntry
from chemcluster_desktop.storage.inventory import StocktakingLine
from chemcluster_desktop.storage.schedule import Lesson, Requirement
from tests.accreditation.helpers import workshop_with_items
from tests.schedule.helpers import TERM, small_instance


def _entries(entity: str, action: str) -> dict[int, dict]:
    with context.read() as s:
        rows = s.execute(select(AuditEntry.entity_id, AuditEntry.user_login, AuditEntry.old_values,
                                AuditEntry.new_values).where(AuditEntry.entity == entity,
                                                             AuditEntry.action == action)).all()
    out = {}
    for eid, login, old, new in rows:
        assert login == "admin"
        out[int(eid)] = json.loads(new if action == "create" else old)
    return out


def _ids(model, *where) -> set[int]:
    with context.read() as s:
        return set(s.scalars(select(model.id).where(*where)))


def test_schedule_requirements_and_generated_lessons_are_journaled(db):
    ids = small_instance()  # adds every class × module requirement in one statement
    reqs = _ids(Requirement)
    created = _entries("Requirement", "create")
    assert set(created) == reqs and len(reqs) == 9
    assert all(v["term_id"] == ids["term"] and v["hours"] > 0 for v in created.values())

    svc.generate(TERM)
    first = _ids(Lesson)
    assert first and set(_entries("Lesson", "create")) == first
    svc.generate(TERM)  # regenerating replaces the lessons it changes: each removal journaled with its values
    second = _ids(Lesson)
    deleted = _entries("Lesson", "delete")
    assert set(deleted) == first - second
    assert all("date" in v and "class_id" in v for v in deleted.values())
    assert set(_entries("Lesson", "create")) == first | second
    n = svc.clear_term(ids["term"], keep_locked=False)
    assert n == len(second) and set(_entries("Lesson", "delete")) == first | second


def test_accreditation_bulk_rows_are_journaled(db, tmp_path):
    wid = workshop_with_items(tmp=tmp_path)
    lines = _ids(InfrastructureLine)
    created = _entries("InfrastructureLine", "create")
    assert lines and set(created) == lines
    assert all(v.get("name") for v in created.values())
    assert set(_entries("ChecklistLine", "create")) == _ids(ChecklistLine, ChecklistLine.workshop_id == wid)

    acc.match(wid)
    links = _ids(ChecklistLink)
    assert links and set(_entries("ChecklistLink", "create")) == links
    proposals = _ids(ChecklistLink, ChecklistLink.state == "proposed")
    assert proposals
    acc.match(wid)  # a second run keeps the pending proposals (issue 16): nothing deleted, nothing new
    assert _entries("ChecklistLink", "delete") == {}
    # an item of a proposal written off: the next run drops that proposal, journaled with its values
    with context.uow() as s:
        lk = s.get(ChecklistLink, min(proposals))
        lk.item.status = "written_off"
    acc.match(wid)
    deleted = _entries("ChecklistLink", "delete")
    assert set(deleted) == {min(proposals)} and deleted[min(proposals)]["state"] == "proposed"
    assert set(_entries("ChecklistLink", "create")) >= _ids(ChecklistLink)
    with context.read() as s:
        creates = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "ChecklistLink", AuditEntry.action == "create"))
    assert creates == len(links)


def test_stocktaking_expected_lines_are_journaled(db):
    from tests.inventory.helpers import add_room, equipment

    rid = add_room("Лаборатория 214")
    for name in ("Иономер", "Весы", "Плитка"):
        equipment(name, room_id=rid)
    from tests.inventory.helpers import decision

    st = stocktaking.start(rid, decision=decision([rid]))
    lines = _ids(StocktakingLine, StocktakingLine.stocktaking_id == st)
    assert len(lines) == 3 and set(_entries("StocktakingLine", "create")) == lines
