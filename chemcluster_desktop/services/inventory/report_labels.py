"""``report labels``: A4 sheets of QR labels for the selected items (or a room, or a kind)."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory.item_list import iter_items
from chemcluster_desktop.services.inventory.report_inventory import parse_ids, resolve_room
from chemcluster_desktop.services.inventory.vocabulary import is_group
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.printing import ReportResult, college_info

TITLE = "Этикетки с QR-кодами"
FILTERS = ["room", "kind", "ids", "per"]
PER = ("group", "unit")


def _t(s: str) -> str:
    return translate("Reports", s)


def choices(name: str):
    if name == "per":
        return [("group", _t("одна на группу")), ("unit", _t("по одной на каждую штуку группы"))]
    return None


def build(dest, *, progress=None, cancelled=None, room=None, kind=None, ids=None, per=None) -> ReportResult:
    """One label per card; with ``per="unit"`` a group gets one label per unit (each with the group's
    number — scanning each unit's label at a stock-taking counts one unit found — and «k из N»)."""
    from chemcluster_desktop.reports import labels as rep  # reportlab: only when a sheet is made

    filters: dict = {}
    if room is not None:
        filters["room_id"] = resolve_room(room)["id"]
    if kind:
        filters["kind"] = kind
    if ids:
        filters["ids"] = parse_ids(ids)
    short = college_info().get("college.short_name", "")
    per = (per or "group").strip().casefold()
    if per not in PER:
        raise ValidationError(_t("--per: group (одна этикетка на группу) или unit (по одной на штуку), а не «{0}».")
                              .format(per))
    labels = []
    for it in iter_items(ListQuery(filters=filters, sort="inventory_number")):
        if not it["inventory_number"]:
            continue
        if per == "unit" and is_group(it["kind"], it["quantity"]):
            n = int(it["quantity"])
            labels += [rep.Label(it["inventory_number"], _t("{0} ({1} из {2})").format(it["name"], k, n),
                                 it.get("room") or "", short) for k in range(1, n + 1)]
        else:
            name = it["name"]
            if is_group(it["kind"], it["quantity"]):
                name = _t("{0} — группа, {1} шт.").format(name, int(it["quantity"]))
            labels.append(rep.Label(it["inventory_number"], name, it.get("room") or "", short))
    if not labels:
        raise ValidationError(_t("Нет позиций с инвентарными номерами для этикеток: выберите другие позиции."))
    pages = rep.build(dest, labels, title=_t(TITLE), cancelled=cancelled)
    return ReportResult(str(dest), pages, _t(TITLE), len(labels))
