"""The cluster «Химический потенциал»: participants, training directions, KPIs, the dashboard.

KPIs come from the project card (target audience 19 000, 8 participants, 17 directions, 2 081
students, 85 % employed, 100 % equipped) plus the figures the program itself knows (workshops ready
for accreditation, budget paid, pupils reached). Each KPI has a target and actual values per
reporting period: entered by hand, or computed from the data where ``Kpi.computed`` names a formula.

Periods are years (``2025``) or quarters (``2025-Q3``) within the project horizon
(:data:`FIRST_YEAR` … :data:`LAST_YEAR`).

The package re-exports its public API (``from chemcluster_desktop.services import cluster;
cluster.dashboard()``). Where things live:

- ``_common`` — the horizon, the readiness threshold, computed formulas, kind and level names;
- ``periods`` — reporting periods and KPI values as typed;
- ``participants``, ``directions`` — the two registries;
- ``figures`` — what the other areas know (readiness, budget, pupils) and the computed KPI values;
- ``kpis`` — the KPIs, their values and the KPI table;
- ``overview`` — the dashboard's data;
- ``report_kpi`` — the printed KPI report; ``demo`` — demo data.
"""

from __future__ import annotations

from chemcluster_desktop.services.cluster._common import (
    COMPUTED,
    FIRST_YEAR,
    HUNDRED,
    LAST_YEAR,
    PERCENT_UNITS,
    READY_THRESHOLD,
    WRITE,
    computed_names,
    kind_names,
    level_names,
)
from chemcluster_desktop.services.cluster.directions import (
    DirectionInfo,
    count_directions,
    create_direction,
    delete_direction,
    get_direction,
    list_directions,
    update_direction,
)
from chemcluster_desktop.services.cluster.figures import (
    Budget,
    Pupils,
    Readiness,
    budget,
    computed_value,
    pupils,
    readiness,
)
from chemcluster_desktop.services.cluster.kpis import (
    CARD,
    CARD_KPIS,
    KpiInfo,
    KpiRow,
    KpiValueInfo,
    create_card_kpis,
    create_kpi,
    delete_kpi_value,
    get_kpi,
    kpi_rows,
    list_kpis,
    reported_periods,
    set_kpi_value,
    update_kpi,
)
from chemcluster_desktop.services.cluster.overview import dashboard, jsonable
from chemcluster_desktop.services.cluster.participants import (
    ParticipantInfo,
    count_participants,
    create_participant,
    delete_participant,
    enterprise_names,
    get_participant,
    list_participants,
    update_participant,
)
from chemcluster_desktop.services.cluster.periods import (
    all_periods,
    current_period,
    parse_value,
    percent_of,
    period_year,
    validate_period,
)

__all__ = [
    # vocabulary and periods
    "COMPUTED", "FIRST_YEAR", "HUNDRED", "LAST_YEAR", "PERCENT_UNITS", "READY_THRESHOLD", "WRITE",
    "computed_names", "kind_names", "level_names",
    "all_periods", "current_period", "parse_value", "percent_of", "period_year", "validate_period",
    # registries
    "ParticipantInfo", "count_participants", "create_participant", "delete_participant", "enterprise_names",
    "get_participant", "list_participants", "update_participant",
    "DirectionInfo", "count_directions", "create_direction", "delete_direction", "get_direction",
    "list_directions", "update_direction",
    # figures of the other areas
    "Budget", "Pupils", "Readiness", "budget", "computed_value", "pupils", "readiness",
    # KPIs and the dashboard
    "CARD", "CARD_KPIS", "KpiInfo", "KpiRow", "KpiValueInfo", "create_card_kpis", "create_kpi",
    "delete_kpi_value", "get_kpi", "kpi_rows", "list_kpis", "reported_periods", "set_kpi_value", "update_kpi",
    "dashboard", "jsonable",
]
