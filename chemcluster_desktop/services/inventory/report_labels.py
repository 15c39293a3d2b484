"""``report labels``: A4 sheets of QR labels for the selected items (or a room, or a kind)."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory.item_list import iter_items
from chemcluster_desktop.services.inventory.report_inventory import parse_ids, resolve_room
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.printing import ReportResult, college_info

TITLE = "Этикетки с QR-кодами"
FILTERS = ["room", "kind", "ids"]


def _t(s: str) -> str:
    return translate("Reports", s)


def build(dest, *, progress=None, cancelled=None, room=None, kind=None, ids=None) -> ReportResult:
    from chemcluster_desktop.reports import labels as rep  # reportlab: only when a sheet is made

    filters: dict = {}
    if room is not None:
        filters["room_id"] = resolve_room(room)["id"]
    if kind:
        filters["kind"] = kind
    if ids:
        filters["ids"] = parse_ids(ids)
    short = college_info().get("college.short_name", "")
    labels = [rep.Label(it["inventory_number"], it["name"], it.get("room") or "", short)
              for it in iter_items(ListQuery(filters=filters, sort="inventory_number"))
              if it["inventory_number"]]
    if not labels:
        raise ValidationError(_t("Нет позиций с инвентарными номерами для этикеток: выберите другие позиции."))
    pages = rep.build(dest, labels, title=_t(TITLE), cancelled=cancelled)
    return ReportResult(str(dest), pages, _t(TITLE), len(labels))
