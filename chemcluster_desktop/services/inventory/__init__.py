"""Lab inventory: items of four kinds, reagents with containers, movements, alerts, lists in SQL.

The GUI and the CLI call only the functions re-exported here (plus :mod:`.stocktaking`). Every write
runs in one unit of work and checks ``inventory.write``. The modules:

- :mod:`.vocabulary` — kinds, states, movement kinds, storage groups, GHS pictograms and their labels;
- :mod:`.validation` — CAS numbers, pictograms, hazard statements, decimals;
- :mod:`.numbering` — inventory numbers from the pattern, movement document numbers;
- :mod:`.room_lookup` — rooms as the inventory sees them (the locations service edits them);
- :mod:`.items` — the card: validation, create / update / delete, lookup by code, bulk creation;
- :mod:`.reagents` — a reagent's substance and containers;
- :mod:`.movements` — receipt, transfer, issue, return and write-off documents, an item's history;
- :mod:`.item_list` — the paged, searched and sorted list (and all its rows for export and printing);
- :mod:`.stock_alerts` — alerts and the dashboard summary;
- :mod:`.importing`, :mod:`.export` — Excel import and export;
- :mod:`.stocktaking`, :mod:`.stocktaking_posting` — stock-taking of a room and posting its result;
- :mod:`.demo`, :mod:`.report_inventory`, :mod:`.report_stocktaking`, :mod:`.report_labels`.
"""

from __future__ import annotations

from chemcluster_desktop import lazy
from chemcluster_desktop.services.inventory.item_list import (
    COMMON_MATCHES,
    LIST_COLUMNS,
    SORT_KEYS,
    count_items,
    iter_items,
    list_items,
)
from chemcluster_desktop.services.inventory.reagents import (
    SUBSTANCE_FIELDS,
    add_container,
    clean_container,
    container_dict,
    delete_container,
    expiry_state,
    substance_by_cas,
    update_container,
)
from chemcluster_desktop.services.inventory.validation import (
    cas_valid,
    clean_cas,
    clean_ghs,
    clean_h_statements,
    to_decimal,
)
from chemcluster_desktop.services.inventory.vocabulary import (
    AREA,
    EXPIRY_WARN_DAYS,
    GHS_PICTOGRAMS,
    INCOMPATIBLE,
    KIND_LABELS,
    MOVEMENT_LABELS,
    MOVEMENT_PREFIX,
    STATUS_LABELS,
    STORAGE_GROUPS,
    UNIT_KINDS,
    ghs_label,
    is_group,
    kind_label,
    movement_label,
    status_label,
    storage_group_label,
)
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.storage.inventory import ITEM_KINDS, ITEM_STATUSES, MOVEMENT_KINDS

__all__ = [
    # reference data
    "AREA", "EXPIRY_WARN_DAYS", "GHS_PICTOGRAMS", "INCOMPATIBLE", "ITEM_KINDS", "ITEM_STATUSES", "KIND_LABELS",
    "MOVEMENT_KINDS", "MOVEMENT_LABELS", "MOVEMENT_PREFIX", "STATUS_LABELS", "STORAGE_GROUPS", "UNIT_KINDS",
    "ghs_label", "is_group", "kind_label", "movement_label", "status_label", "storage_group_label",
    # validation and numbers
    "cas_valid", "clean_cas", "clean_ghs", "clean_h_statements", "to_decimal", "NumberAllocator",
    "next_inventory_number",
    # rooms
    "room_by_name", "rooms", "rooms_with_items",
    # items and reagents
    "ITEM_FIELDS", "SUBSTANCE_FIELDS", "add_items_in_session", "clean_item", "create_item", "delete_item",
    "find_by_code", "get_item", "update_item", "add_container", "clean_container", "container_dict",
    "delete_container", "expiry_state", "substance_by_cas", "update_container",
    # movements
    "MovementResult", "item_history", "list_movements", "make_movement", "make_movement_in_session",
    # the list
    "COMMON_MATCHES", "LIST_COLUMNS", "SORT_KEYS", "ListQuery", "count_items", "iter_items", "list_items",
    # alerts and summary
    "Alert", "alert_counts", "alerts", "summary",
    # Excel
    "ImportPreview", "ImportReport", "export_inventory", "import_inventory", "preview_import",
]

# Load on first use (PEP 562), not to open the window (bench/README, «Start-up»): Excel import and export
# (openpyxl's reader, the import plan), and the cards, movements and numbers — they need the movement and
# stock-taking tables, whose mapped classes a start showing the list does not define (storage/inventory.py)
_LAZY = {"export_inventory": "export", "ImportPreview": "importing", "ImportReport": "importing",
         "import_inventory": "importing", "preview_import": "importing",
         **dict.fromkeys(("ITEM_FIELDS", "add_items_in_session", "clean_item", "create_item", "delete_item",
                          "find_by_code", "get_item", "update_item"), "items"),
         **dict.fromkeys(("MovementResult", "item_history", "list_movements", "make_movement",
                          "make_movement_in_session"), "movements"),
         **dict.fromkeys(("NumberAllocator", "next_inventory_number"), "numbering"),
         # the rooms (the room filter reads them when first opened; they bring the locations service) and the
         # alerts (the panel loads them once the list is painted)
         **dict.fromkeys(("room_by_name", "rooms", "rooms_with_items"), "room_lookup"),
         **dict.fromkeys(("Alert", "alert_counts", "alerts", "summary"), "stock_alerts")}
__getattr__ = lazy.attributes(globals(), {name: f"{__name__}.{module}" for name, module in _LAZY.items()})
