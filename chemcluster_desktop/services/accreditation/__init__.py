"""Workshop accreditation: competencies, infrastructure lists (by year), workshops, checklists,
automatic matching, readiness (computed in SQL), gaps → procurement needs, evidence photos.

Everything returns plain dataclasses / dicts. The checklist of a workshop is the workshop's list
× its workplaces held against the inventory items of its rooms that are linked to each line:

- required = line quantity × workplaces when the line is per workplace, else the line quantity;
- available = the quantities of the linked items (links applied by the matching or confirmed by the
  coordinator) that are still in one of the workshop's rooms and usable (in use: not on repair, not
  commissioned or written off, and not a measuring instrument with an expired verification), plus the
  quantities of the loans and leases in force recorded for the line;
- status = met (available ≥ required) / partial (0 < available < required) / missing; the coordinator
  may set a lower status with a comment; a higher one without the evidence is refused, and one the
  evidence no longer supports is shown «вручную, без подтверждения» and does not count;
- coverage of a line = 1 when met, 0 when missing, available / required when partial; the coverage
  of a workshop or zone is the mean over its lines, in per cent.

The package's modules, by sub-area:

- ``infrastructure``: competencies, their lists by year and the lines of a list edited by hand;
- ``list_import``: importing a list from .xlsx (new year, or the same year updated in place);
- ``workshop_records``: workshops (competency, list, rooms, workplaces);
- ``photos``: the layout plan and evidence photos;
- ``checklists``: the checklist page, the whole checklist, override and comment, export to .xlsx;
- ``readiness``: readiness of workshops and zones (aggregates in SQL);
- ``linking``: links between checklist lines and items, by hand;
- ``auto_match``: the automatic matching as a use case (the scorer itself is ``matching``);
- ``needs``: gaps and procurement needs made from them;
- ``evidence``: loans and leases, the evidence of each line, the КОД code of a list, the commission,
  and linking a delivery's items to the line whose need bought them;
- ``restore_points``: the undo of the bulk actions (list import into a competency that has one,
  re-match, «Подтвердить все», gaps → needs): the records as they were, one step back;
  ``_impact``: what such an action does to each workshop (readiness, links lost), for the previews;
- ``packet``: the data of the accreditation packet (the report kind is ``report_accreditation``);
- ``_common`` and ``_checklist_sql``: what several of them share; ``demo``: the demo data.

The package re-exports the public API, so ``from chemcluster_desktop.services import accreditation
as acc; acc.match(…)`` is how every caller uses it.
"""

from __future__ import annotations

# the zones of a list, the statuses and the kinds of loan (ui/ reads them here)
from chemcluster_desktop.storage.accreditation import CHECK_STATUSES, LOAN_KINDS, ZONES

from ._common import (
    MAX_PHOTO_BYTES,
    MAX_PHOTO_PIXELS,
    MAX_WORKPLACES,
    WRITE,
    find_workshop_id,
    status_label,
    zone_label,
)
from ._impact import WorkshopImpact
from .auto_match import LinkChange, MatchResult, match, run_match
from .checklists import (
    checklist,
    checklist_count,
    checklist_line,
    checklist_page,
    export_checklist,
    set_comment,
    set_override,
    status_text,
)
from .evidence import (
    KOD_RE,
    LoanInfo,
    add_loan,
    commission,
    commission_role_label,
    delete_loan,
    line_evidence,
    link_delivered_items,
    list_title_for_packet,
    loan_document,
    loan_kind_label,
    loans,
    set_commission,
    set_list_kod,
    update_loan,
)
from .infrastructure import (
    CompetencyInfo,
    LineInfo,
    ListInfo,
    competencies,
    copy_list,
    create_competency,
    create_line,
    create_list,
    delete_line,
    delete_list,
    list_lines,
    lists,
    update_line,
)
from .linking import (
    ConfirmResult,
    LinkInfo,
    Proposal,
    confirm_all_proposals,
    confirm_link,
    confirm_proposals,
    link_item,
    links,
    proposals,
    reject_link,
    room_items,
)
from .list_import import ImportReport, import_infrastructure_list
from .matching import CONFIRM_THRESHOLD
from .needs import NeedPlan, NeedsResult, create_needs_from_gaps, gaps, plan_needs
from .packet import packet_data
from .photos import (
    EvidenceInfo,
    add_evidence,
    delete_evidence,
    evidence,
    evidence_data,
    layout_plan,
    set_layout_plan,
    validate_image,
)
from .readiness import (
    WorkshopReadiness,
    ZoneReadiness,
    cluster_readiness,
    status,
    workshop_readiness,
    zone_readiness,
)
from .restore_points import RestorePointInfo, UndoResult, kind_label, restore_points, undo
from .workshop_records import (
    WorkshopInfo,
    create_workshop,
    delete_workshop,
    rooms,
    update_workshop,
    workshop,
    workshops,
)

__all__ = [
    "CHECK_STATUSES",
    "CONFIRM_THRESHOLD",
    "ConfirmResult",
    "LinkChange",
    "NeedPlan",
    "Proposal",
    "RestorePointInfo",
    "UndoResult",
    "WorkshopImpact",
    "confirm_proposals",
    "kind_label",
    "plan_needs",
    "proposals",
    "restore_points",
    "undo",
    "LOAN_KINDS",
    "ZONES",
    "CompetencyInfo",
    "EvidenceInfo",
    "ImportReport",
    "KOD_RE",
    "LineInfo",
    "LinkInfo",
    "ListInfo",
    "LoanInfo",
    "MAX_PHOTO_BYTES",
    "MAX_PHOTO_PIXELS",
    "MAX_WORKPLACES",
    "MatchResult",
    "NeedsResult",
    "WRITE",
    "WorkshopInfo",
    "WorkshopReadiness",
    "ZoneReadiness",
    "add_evidence",
    "add_loan",
    "checklist",
    "checklist_count",
    "checklist_line",
    "checklist_page",
    "cluster_readiness",
    "commission",
    "commission_role_label",
    "competencies",
    "confirm_all_proposals",
    "confirm_link",
    "copy_list",
    "create_competency",
    "create_line",
    "create_list",
    "create_needs_from_gaps",
    "create_workshop",
    "delete_evidence",
    "delete_line",
    "delete_list",
    "delete_loan",
    "delete_workshop",
    "evidence",
    "evidence_data",
    "export_checklist",
    "find_workshop_id",
    "gaps",
    "import_infrastructure_list",
    "layout_plan",
    "line_evidence",
    "link_delivered_items",
    "link_item",
    "links",
    "list_lines",
    "list_title_for_packet",
    "lists",
    "loan_document",
    "loan_kind_label",
    "loans",
    "match",
    "packet_data",
    "reject_link",
    "room_items",
    "rooms",
    "run_match",
    "set_comment",
    "set_commission",
    "set_layout_plan",
    "set_list_kod",
    "set_override",
    "status",
    "status_label",
    "status_text",
    "update_line",
    "update_loan",
    "update_workshop",
    "validate_image",
    "workshop",
    "workshop_readiness",
    "workshops",
    "zone_label",
    "zone_readiness",
]
