"""``report inventory``: the inventory list (form ИНВ-1 / 0504087 shape) by room."""

from __future__ import annotations

from decimal import Decimal

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import Cancelled, NotFoundError, ValidationError
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.services.inventory.item_list import iter_items
from chemcluster_desktop.services.inventory.room_lookup import room_by_name, rooms
from chemcluster_desktop.services.inventory.vocabulary import KIND_LABELS
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.printing import ReportResult, college_info, page_count

TITLE = "Инвентаризационная опись"
FILTERS = ["room", "kind", "ids", "stocktaking"]


def _t(s: str) -> str:
    return translate("Reports", s)


def resolve_room(room) -> dict:
    if isinstance(room, int):
        for r in rooms():
            if r["id"] == room:
                return r
    else:
        r = room_by_name(str(room))
        if r is not None:
            return r
    raise NotFoundError(_t("Помещение «{0}» не найдено.").format(room))


def parse_ids(ids) -> list[int]:
    if isinstance(ids, list | tuple):
        return [int(i) for i in ids]
    try:
        return [int(x) for x in str(ids).replace(";", ",").split(",") if x.strip()]
    except ValueError as e:
        raise ValidationError(_t("--ids: нужны номера id через запятую, например 12,15,40.")) from e


def build(dest, *, progress=None, cancelled=None, room=None, kind=None, ids=None, stocktaking=None) -> ReportResult:
    # reportlab is imported when a document is made, not with the report registry
    from chemcluster_desktop.reports import inventory_list as rep
    from chemcluster_desktop.reports.styles import DocInfo

    college = college_info()
    sections: list[rep.Section] = []
    counted = False
    subtitle = ""
    signatures = []
    if stocktaking is not None:
        sid = st_service.find(stocktaking)
        d = st_service.get(sid)
        counted = True
        sec = rep.Section(d["room"], d["responsible"])
        for ln in d["lines"]:
            if ln["item_id"] is None:
                continue
            cost = ln["cost"]
            unit_items = ln["kind"] != "consumable"
            sec.rows.append(rep.ListRow(
                ln["name"], ln["inventory_number"], ln["serial_number"], ln["unit"], ln["expected"],
                (cost * ln["expected"]) if cost is not None and unit_items else None, ln["found"],
                (cost * ln["found"]) if cost is not None and unit_items else None))
        sections.append(sec)
        subtitle = _t("Инвентаризация № {0} от {1}").format(d["number"], d["started_on"].strftime("%d.%m.%Y"))
        for member in [m.strip() for m in d["commission"].splitlines() if m.strip()]:
            signatures.append((_t("Член комиссии"), member))
        signatures.append((_t("Материально ответственное лицо"), d["responsible"]))
    else:
        filters = {}
        if room is not None:
            r = resolve_room(room)
            filters["room_id"] = r["id"]
            subtitle = r["name"]
        if kind:
            if kind not in KIND_LABELS:
                raise ValidationError(_t("Неизвестный вид позиций «{0}»: equipment, furniture, consumable, reagent.")
                                      .format(kind))
            filters["kind"] = kind
        if ids:
            filters["ids"] = parse_ids(ids)
        by_room: dict[str, rep.Section] = {}
        responsible = {r["name"]: r["responsible"] for r in rooms()}
        n = 0
        for it in iter_items(ListQuery(filters=filters, sort="room")):
            n += 1
            if cancelled is not None and n % 1000 == 0 and cancelled():
                raise Cancelled()
            key = it.get("room") or _t("Без помещения")
            sec = by_room.get(key)
            if sec is None:
                sec = by_room[key] = rep.Section(key, responsible.get(key, ""))
            unit_items = it["kind"] != "consumable"
            cost = it["cost"]
            sec.rows.append(rep.ListRow(it["name"], it["inventory_number"] or "", it["serial_number"], it["unit"],
                                        it["quantity"], (cost * Decimal(it["quantity"])) if cost is not None and
                                        unit_items else None))
        sections = list(by_room.values())
        signatures = [(_t("Председатель комиссии"), ""), (_t("Член комиссии"), ""), (_t("Член комиссии"), "")]
        if len(sections) == 1 and sections[0].responsible:
            signatures.append((_t("Материально ответственное лицо"), sections[0].responsible))
        else:
            signatures.append((_t("Материально ответственное лицо"), ""))
    info = DocInfo(title=_t(TITLE), college=college.get("college.name", ""), subtitle=subtitle, landscape=True,
                   signatures=signatures)
    rows = rep.build(dest, info, sections, counted=counted, cancelled=cancelled)
    return ReportResult(str(dest), page_count(dest), info.title, rows)
