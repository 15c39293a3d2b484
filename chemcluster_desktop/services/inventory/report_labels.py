"""``report labels``: A4 sheets of QR labels for the rows of the inventory list — the selected items, or
exactly what the list shows with its search, kind, room, state and «Списанные» (the same selection the
printed list uses: :func:`.report_inventory.records_query`)."""

from __future__ import annotations

import math
from dataclasses import replace

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP, translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory.item_list import iter_items
from chemcluster_desktop.services.inventory.report_inventory import records_query
from chemcluster_desktop.services.inventory.vocabulary import is_group
from chemcluster_desktop.services.printing import ReportResult, college_info

TITLE = "Этикетки с QR-кодами"
DESCRIPTION = QT_TRANSLATE_NOOP("Reports", "Лист этикеток с QR-кодами: для выбранных позиций или для всех, что показывает "
                                           "список с поиском и фильтрами.")
FILTERS = ["room", "kind", "search", "status", "ids", "per"]
PER = ("group", "unit")
PER_PAGE = 3 * 8  # labels on an A4 sheet (reports/labels.py: COLS × ROWS; a test keeps the two equal)


def _t(s: str) -> str:
    return translate("Reports", s)


def choices(name: str):
    if name == "per":
        return [("group", _t("одна на группу")), ("unit", _t("по одной на каждую штуку группы"))]
    if name == "status":
        from chemcluster_desktop.services.inventory.report_inventory import choices as list_choices

        return list_choices(name)
    return None


def _per(per) -> str:
    per = (per or "group").strip().casefold()
    if per not in PER:
        raise ValidationError(_t("--per: group (одна этикетка на группу) или unit (по одной на штуку), а не «{0}».")
                              .format(per))
    return per


def labels(*, room=None, kind=None, search=None, status=None, ids=None, per=None) -> tuple[list[tuple], str]:
    """The labels (inventory number, text, room) for these filters, in inventory-number order, and the line
    naming the selection; items without an inventory number get none. ``per="unit"``: a group gets one
    label per unit (each with the group's number — scanning each unit's label at a stock-taking counts
    one unit found — and «k из N»)."""
    per = _per(per)
    query, selection = records_query(room=room, kind=kind, search=search, status=status, ids=ids)
    out: list[tuple] = []
    for it in iter_items(replace(query, sort="inventory_number")):
        if not it["inventory_number"]:
            continue
        room_name = it.get("room") or ""
        if per == "unit" and is_group(it["kind"], it["quantity"]):
            n = int(it["quantity"])
            out += [(it["inventory_number"], _t("{0} ({1} из {2})").format(it["name"], k, n), room_name)
                    for k in range(1, n + 1)]
        else:
            name = it["name"]
            if is_group(it["kind"], it["quantity"]):
                name = _t("{0} — группа, {1} шт.").format(name, int(it["quantity"]))
            out.append((it["inventory_number"], name, room_name))
    return out, selection


def count(**filters) -> dict:
    """What a sheet for these filters would hold, before it is made: ``{"labels": n, "pages": m,
    "selection": text}`` (the preview the inventory page shows before printing more than one sheet)."""
    found, selection = labels(**filters)
    return {"labels": len(found), "pages": math.ceil(len(found) / PER_PAGE), "selection": selection}


def build(dest, *, progress=None, cancelled=None, room=None, kind=None, search=None, status=None, ids=None,
          per=None) -> ReportResult:
    """One label per card of the selection (see :func:`labels`)."""
    from chemcluster_desktop.reports import labels as rep  # reportlab: only when a sheet is made

    found, _selection = labels(room=room, kind=kind, search=search, status=status, ids=ids, per=per)
    if not found:
        raise ValidationError(_t("Нет позиций с инвентарными номерами для этикеток: выберите другие позиции."))
    short = college_info().get("college.short_name", "")
    pages = rep.build(dest, [rep.Label(number, name, room_name, short) for number, name, room_name in found],
                      title=_t(TITLE), cancelled=cancelled)
    return ReportResult(str(dest), pages, _t(TITLE), len(found))
