"""Equipment procurement: funding sources, suppliers, needs, commercial offers and НМЦК, the
plan-schedule with its status road, contracts with payment stages, deliveries and acceptance onto
the inventory, and the budget against the project total and the grant cap.

Every public write function is one unit of work (``with uow()``) and checks rights first; the
``_name(session, …)`` variants do the same work inside a caller's session (the demo uses them).
Money is ``Decimal`` throughout.

The package re-exports its public API, so callers write ``from chemcluster_desktop.services import
procurement as P; P.create_need(…)``. Where things live:

- ``_common`` — the project total, grant cap, status road and labels, money/quantity/text checks;
- ``sources`` — funding sources and their limits;
- ``suppliers`` — suppliers (ИНН/КПП in ``inn``);
- ``needs`` — needs, typed in or taken from an accreditation checklist gap;
- ``offers`` — commercial offers of a need;
- ``pricing`` — a need's НМЦК from its offers (the pure calculation is ``nmck_calc``);
- ``plan`` — the plan-schedule lines and their status road;
- ``contracts`` — contracts and payment stages;
- ``deliveries`` — deliveries and their acceptance onto the inventory;
- ``budgeting`` — the budget per source and the limit checks;
- ``lookups`` — small look-ups for forms and counts for the overview;
- ``documents``, ``report_*`` — printed documents and their report registrations; ``demo`` — demo data.
"""

from __future__ import annotations

from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.procurement._common import (
    FROZEN,
    GRANT_CAP,
    GRANT_CODE,
    INACTIVE,
    NEEDS,
    NEXT_STEPS,
    PROJECT_TOTAL,
    ROAD,
    SINGLE_ROAD,
    SOURCE_NAMES,
    STATUS_COLORS,
    STATUS_LABELS,
    WRITE,
    parse_money,
    parse_quantity,
    status_label,
)
from chemcluster_desktop.services.procurement.acceptance import ACCEPT_KINDS, AcceptLine, acceptance_plan
from chemcluster_desktop.services.procurement.budgeting import BudgetRow, BudgetSummary, budget, limit_problem
from chemcluster_desktop.services.procurement.contracts import (
    ContractInfo,
    PaymentInfo,
    count_contracts,
    create_contract,
    create_payment,
    get_contract,
    list_contracts,
    mark_paid,
)
from chemcluster_desktop.services.procurement.deliveries import (
    DeliveryInfo,
    DeliveryLineInfo,
    accept_delivery,
    create_delivery,
    get_delivery,
    pending_deliveries,
)
from chemcluster_desktop.services.procurement.lookups import (
    counts,
    items_of_need,
    needs_with_offers,
    rooms,
    unplanned_needs,
    workshops,
)
from chemcluster_desktop.services.procurement.needs import (
    NEED_FIELDS,
    NeedInfo,
    count_needs,
    create_need,
    delete_need,
    get_need,
    list_needs,
    need_from_checklist_line,
    update_need,
)
from chemcluster_desktop.services.procurement.nmck_calc import NmckResult, as_json
from chemcluster_desktop.services.procurement.offers import (
    OfferInfo,
    create_offer,
    delete_offer,
    offer_document,
    update_offer,
)
from chemcluster_desktop.services.procurement.plan import (
    PlanLineInfo,
    StepInfo,
    add_needs_to_line,
    advance,
    allowed_steps,
    count_plan_lines,
    create_plan_line,
    get_plan_line,
    list_plan_lines,
    plan_schedule_rows,
    plan_totals,
    remove_need_from_line,
    road_of,
    update_plan_line,
)
from chemcluster_desktop.services.procurement.pricing import nmck, nmck_details, nmck_preview
from chemcluster_desktop.services.procurement.sources import (
    SourceInfo,
    create_source,
    list_sources,
    source_by,
    update_source,
)
from chemcluster_desktop.services.procurement.suppliers import (
    SupplierInfo,
    all_suppliers,
    count_suppliers,
    create_supplier,
    delete_supplier,
    get_supplier,
    list_suppliers,
    update_supplier,
)
from chemcluster_desktop.storage.procurement import LAWS

__all__ = [
    # vocabulary and input checks
    "FROZEN", "GRANT_CAP", "GRANT_CODE", "INACTIVE", "LAWS", "NEEDS", "NEXT_STEPS", "PROJECT_TOTAL", "ROAD",
    "SINGLE_ROAD", "SOURCE_NAMES", "STATUS_COLORS", "STATUS_LABELS", "WRITE", "ListQuery", "parse_money", "parse_quantity",
    "status_label",
    # funding sources and suppliers
    "SourceInfo", "create_source", "list_sources", "source_by", "update_source",
    "SupplierInfo", "all_suppliers", "count_suppliers", "create_supplier", "delete_supplier", "get_supplier",
    "list_suppliers", "update_supplier",
    # needs, offers, НМЦК
    "NEED_FIELDS", "NeedInfo", "count_needs", "create_need", "delete_need", "get_need", "list_needs",
    "need_from_checklist_line", "update_need",
    "OfferInfo", "create_offer", "delete_offer", "offer_document", "update_offer",
    "NmckResult", "as_json", "nmck", "nmck_details", "nmck_preview",
    # plan-schedule
    "PlanLineInfo", "StepInfo", "add_needs_to_line", "advance", "allowed_steps", "count_plan_lines",
    "create_plan_line", "get_plan_line", "list_plan_lines", "plan_schedule_rows", "plan_totals", "remove_need_from_line",
    "road_of", "update_plan_line",
    # contracts, deliveries
    "ContractInfo", "PaymentInfo", "count_contracts", "create_contract", "create_payment", "get_contract",
    "list_contracts", "mark_paid",
    "ACCEPT_KINDS", "AcceptLine", "acceptance_plan",
    "DeliveryInfo", "DeliveryLineInfo", "accept_delivery", "create_delivery", "get_delivery",
    "pending_deliveries",
    # budget and look-ups
    "BudgetRow", "BudgetSummary", "budget", "limit_problem",
    "counts", "items_of_need", "needs_with_offers", "rooms", "unplanned_needs", "workshops",
]
