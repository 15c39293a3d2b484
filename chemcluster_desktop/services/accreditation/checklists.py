"""A workshop's checklist: the page of lines the GUI shows (filtered, searched and sorted in SQL),
the whole checklist for the packet and scripts, the coordinator's status override and comment, and
the export to .xlsx.

(Not ``checklist.py``: the package re-exports the function :func:`checklist`.)"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import case, func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import get_or_404, require_version
from chemcluster_desktop.services.errors import FileFormatError, ValidationError
from chemcluster_desktop.services.listing import ListQuery, apply_search, count_of, window
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import (
    CHECK_STATUSES,
    ZONES,
    ChecklistLine,
    ChecklistLink,
    Evidence,
    InfrastructureLine,
)
from chemcluster_desktop.xlsx.common import XlsxFileError
from chemcluster_desktop.xlsx.infrastructure import write_checklist

from ._checklist_sql import _checklist_select
from ._common import WRITE, _num, _t, status_label, zone_label
from .workshop_records import workshop


def _checklist_stmt(q: ListQuery):
    base, e = _checklist_select()
    nprop = (select(func.count(ChecklistLink.id)).where(ChecklistLink.checklist_line_id == ChecklistLine.id,
                                                        ChecklistLink.state == "proposed")
             .correlate(ChecklistLine).scalar_subquery())
    nphoto = (select(func.count(Evidence.id)).where(Evidence.checklist_line_id == ChecklistLine.id)
              .correlate(ChecklistLine).scalar_subquery())
    cols = [ChecklistLine.id.label("id"), ChecklistLine.line_id.label("line_id"),
            InfrastructureLine.position.label("position"), InfrastructureLine.number.label("number"),
            InfrastructureLine.zone.label("zone"), InfrastructureLine.section.label("section"),
            InfrastructureLine.name.label("name"), InfrastructureLine.specification.label("specification"),
            InfrastructureLine.quantity.label("quantity"), InfrastructureLine.unit.label("unit"),
            InfrastructureLine.per_workplace.label("per_workplace"), e["required"].label("required"),
            e["avail"].label("available"), e["items"].label("available_items"), e["lent"].label("available_loans"),
            e["computed"].label("computed_status"), e["status"].label("status"),
            case((e["unconfirmed"], 1), else_=0).label("unconfirmed"), e["nloans"].label("loans"),
            ChecklistLine.status_override.label("status_override"),
            ChecklistLine.override_comment.label("override_comment"), ChecklistLine.comment.label("comment"),
            ChecklistLine.version.label("version"), e["nlinks"].label("links"), nprop.label("proposals"),
            nphoto.label("photos"), e["cover"].label("cover"), ChecklistLine.workshop_id.label("workshop_id")]
    stmt = base.add_columns(*cols)
    f = q.filters
    wid = f.get("workshop_id")
    stmt = stmt.where(ChecklistLine.workshop_id == (wid if wid is not None else -1))
    if f.get("zone"):
        stmt = stmt.where(InfrastructureLine.zone == f["zone"])
    if f.get("status"):
        st = f["status"]
        if st == "open":
            stmt = stmt.where(e["status"] != "met")
        elif st == "proposals":
            stmt = stmt.where(nprop > 0)
        elif st == "overridden":
            stmt = stmt.where(ChecklistLine.status_override.is_not(None))
        elif st == "unconfirmed":
            stmt = stmt.where(e["unconfirmed"])
        else:
            stmt = stmt.where(e["status"] == st)
    stmt = apply_search(stmt, InfrastructureLine.search_key, q.search)
    sorts = {"number": InfrastructureLine.position, "name": InfrastructureLine.name, "zone": InfrastructureLine.zone,
             "required": e["required"], "available": e["avail"], "status": e["status"], "status_badge": e["status"],
             "unit": InfrastructureLine.unit, "links": e["nlinks"], "photos": nphoto}
    col = sorts.get(q.sort or "", InfrastructureLine.position)
    stmt = stmt.order_by(col.desc() if q.descending else col.asc(), ChecklistLine.id)
    return stmt


def checklist_count(q: ListQuery) -> int:
    with context.read() as s:
        return count_of(s, _checklist_stmt(q))


def checklist_page(q: ListQuery) -> list[dict]:
    with context.read() as s:
        rows = s.execute(window(_checklist_stmt(q), q)).mappings().all()
        out = []
        for r in rows:
            out.append(_decorate(dict(r)))
        return out


def _decorate(d: dict) -> dict:
    d["zone_label"] = zone_label(d["zone"])
    d["per_label"] = _t("на 1 раб. место") if d["per_workplace"] else _t("на всех")
    d["unconfirmed"] = bool(d["unconfirmed"])
    d["manual"] = d["status_override"] is not None
    d["status_text"] = status_text(d["status"], d["status_override"], d["unconfirmed"])
    d["status_badge"] = f"{d['status']}_unconfirmed" if d["unconfirmed"] else d["status"]
    return d


def status_text(status_: str, override: str | None, unconfirmed: bool) -> str:
    """The status as the checklist shows and prints it: a manual status the evidence does not support
    reads «Выполнено — вручную, без подтверждения» (it does not count; the computed status does)."""
    if unconfirmed:
        return _t("{0} — вручную, без подтверждения").format(status_label(override or status_))
    if override is not None:
        return _t("{0} (вручную)").format(status_label(status_))
    return status_label(status_)


def checklist(workshop_id: int, *, zone: str | None = None, status: str | None = None) -> list[dict]:
    """The whole checklist (for the packet and scripts)."""
    q = ListQuery(filters={"workshop_id": workshop_id, "zone": zone, "status": status}, limit=1_000_000)
    return checklist_page(q)


def checklist_line(checklist_line_id: int) -> dict:
    with context.read() as s:
        wid = get_or_404(s, ChecklistLine, checklist_line_id, _t("Строка чек-листа")).workshop_id
        q = ListQuery(filters={"workshop_id": wid}, limit=1)
        r = s.execute(_checklist_stmt(q).where(ChecklistLine.id == checklist_line_id)).mappings().first()
    return _decorate(dict(r))


# --- the coordinator's override and comment ------------------------------------------------------
_RANK = {"missing": 0, "partial": 1, "met": 2}


def set_override(checklist_line_id: int, status_: str | None, comment: str, version: int) -> None:
    require(WRITE)
    comment = (comment or "").strip()
    if status_ not in (None, "", *CHECK_STATUSES):
        raise ValidationError(_t("Неизвестный статус «{0}».").format(status_), field="status")
    if status_ and not comment:
        raise ValidationError(_t("Ручная установка статуса требует комментария: объясните, почему статус "
                                 "отличается от рассчитанного."), field="override_comment")
    if status_:
        cur = checklist_line(checklist_line_id)
        if _RANK[status_] > _RANK[cur["computed_status"]]:
            short = Decimal(cur["required"]) - Decimal(cur["available"] or 0)
            raise ValidationError(_t("Статус «{0}» нельзя поставить вручную: в наличии {1} из {2} {3} (исправные "
                                     "привязанные позиции и договоры). Привяжите исправные позиции инвентаря или "
                                     "запишите договор безвозмездного пользования или аренды на недостающие {4}.")
                                  .format(status_label(status_), _num(cur["available"] or 0), _num(cur["required"]),
                                          cur["unit"], _num(max(short, Decimal(0)))), field="status")
    with context.uow() as s:
        cl = get_or_404(s, ChecklistLine, checklist_line_id, _t("Строка чек-листа"))
        require_version(cl, version)
        cl.status_override = status_ or None
        cl.override_comment = comment if status_ else ""


def set_comment(checklist_line_id: int, comment: str, version: int) -> None:
    require(WRITE)
    with context.uow() as s:
        cl = get_or_404(s, ChecklistLine, checklist_line_id, _t("Строка чек-листа"))
        require_version(cl, version)
        cl.comment = (comment or "").strip()


# --- export --------------------------------------------------------------------------------------
def export_checklist(workshop_id: int, path) -> int:
    """The workshop's checklist to an .xlsx file (for the people who still live in Excel)."""
    info = workshop(workshop_id)
    try:
        return write_checklist(path, checklist(workshop_id), zone_labels={z: zone_label(z) for z in ZONES},
                               status_labels={st: status_label(st) for st in CHECK_STATUSES},
                               sheet_title=info.name[:31])
    except XlsxFileError as e:
        raise FileFormatError(str(e)) from e
