"""The plain data of a workshop's accreditation packet (the PDF is drawn by
``reports.accreditation_packet``; the report kind is :mod:`.report_accreditation`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from sqlalchemy import select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.printing import college_info
from chemcluster_desktop.storage.accreditation import (
    CHECK_STATUSES,
    ZONES,
    ChecklistLine,
    Evidence,
    InfrastructureLine,
    InfrastructureList,
    Workshop,
    WorkshopRoom,
)
from chemcluster_desktop.storage.core import Room

from ._common import status_label, zone_label
from .checklists import checklist
from .evidence import commission, commission_role_label, line_evidence, list_ref, list_title_for_packet
from .needs import gaps
from .readiness import workshop_readiness, zone_readiness
from .workshop_records import workshop


def _proofs(s, workshop_id: int) -> list[dict]:
    """The linked items that need a word in the packet: measuring instruments (verification valid until,
    or expired — then the item does not count, see ``_checklist_sql``) and items with attached files
    (passport, certificate of verification) that prove their line."""
    from chemcluster_desktop.storage.accreditation import COUNTING_LINK_STATES, ChecklistLink
    from chemcluster_desktop.storage.inventory import Item
    from chemcluster_desktop.storage.inventory_paperwork import Attachment

    rows = s.execute(select(InfrastructureLine.number, InfrastructureLine.name, Item.id, Item.inventory_number,
                            Item.name, Item.measuring, Item.verification_until, Item.verification_certificate)
                     .select_from(ChecklistLink)
                     .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
                     .join(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
                     .join(Item, Item.id == ChecklistLink.item_id)
                     .where(ChecklistLine.workshop_id == workshop_id,
                            ChecklistLink.state.in_(COUNTING_LINK_STATES), Item.status != "written_off")
                     .order_by(InfrastructureLine.id, Item.inventory_number)).all()
    ids = [r[2] for r in rows]
    files: dict[int, list[str]] = {}
    for i in range(0, len(ids), 500):
        for oid, name in s.execute(select(Attachment.owner_id, Attachment.file_name)
                                   .where(Attachment.owner_kind == "item", Attachment.owner_id.in_(ids[i:i + 500]))
                                   .order_by(Attachment.id)):
            files.setdefault(oid, []).append(name)
    today = dt.date.today()
    return [dict(line=f"{r[0] or ''} {r[1]}".strip(), inventory_number=r[3] or "", name=r[4], measuring=bool(r[5]),
                 until=r[6], expired=bool(r[5]) and (r[6] is None or r[6] < today), certificate=r[7] or "",
                 files=files.get(r[2], [])) for r in rows if r[5] or r[2] in files]


def packet_data(workshop_id: int) -> dict:
    """Plain data for ``reports.accreditation_packet``."""
    info = workshop(workshop_id)
    with context.read() as s:
        rooms_full = [dict(name=r.name, area=r.area_m2 or "", responsible=r.responsible, kind=r.kind)
                      for r in s.scalars(select(Room).join(WorkshopRoom, WorkshopRoom.room_id == Room.id)
                                         .where(WorkshopRoom.workshop_id == workshop_id).order_by(Room.name))]
        plan = s.scalar(select(Workshop.layout_plan).where(Workshop.id == workshop_id))
        photos = [dict(id=r[0], caption=r[1], file_name=r[2], data=r[3], line=r[4]) for r in s.execute(
            select(Evidence.id, Evidence.caption, Evidence.file_name, Evidence.data, InfrastructureLine.name)
            .outerjoin(ChecklistLine, ChecklistLine.id == Evidence.checklist_line_id)
            .outerjoin(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
            .where(Evidence.workshop_id == workshop_id).order_by(Evidence.id))]
        lst = s.execute(select(InfrastructureList.title, InfrastructureList.kod_code, InfrastructureList.year)
                        .where(InfrastructureList.id == info.list_id)).first()
        instruments = _proofs(s, workshop_id)
    list_title, kod_code, year = (lst[0] or "", lst[1] or "", lst[2]) if lst else ("", "", None)
    ev = line_evidence(workshop_id)
    rows = checklist(workshop_id)
    for r in rows:  # what proves each line: inventory numbers and loan documents; what was not counted
        e = ev.get(r["id"], {"evidence": [], "excluded": []})
        r["evidence"], r["excluded"] = e["evidence"], e["excluded"]
    com = commission(workshop_id)
    return dict(college=college_info(), workshop=asdict(info), rooms=rooms_full, list_title=list_title,
                kod_code=kod_code, instruments=instruments, list_name=list_title_for_packet(kod_code, year, list_title) if lst else "",
                list_ref=list_ref(kod_code, year) if lst else "—",
                commission=dict(com, members=[dict(m, role_label=commission_role_label(m["role"]))
                                              for m in com["members"]]),
                checklist=rows, gaps=gaps(workshop_id),
                readiness=asdict(workshop_readiness(workshop_id)),
                zones=[asdict(z) for z in zone_readiness(workshop_id)], layout_plan=plan, photos=photos,
                zone_labels={z: zone_label(z) for z in ZONES},
                status_labels={st: status_label(st) for st in CHECK_STATUSES})
