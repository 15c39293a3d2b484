"""Restore points of the bulk accreditation actions (issue 16): one step puts back exactly what an
import of a list into a competency that has one, a re-match, «Подтвердить все» or «Дефициты →
закупки» changed.

A *scope* names the records an action may change: the rows of a list (``list_id``), the checklists
of some workshops (``workshops``: their checklist lines, links, loans and line photos, and their
``list_id``) and the procurement needs made from a workshop's gaps (``needs_workshop``). Before the
action the rows of the scope are kept as JSON (values tagged so Decimal, dates and bytes come back
exactly); right after it, a fingerprint of the same scope. :func:`undo` refuses when the scope has
changed since (it would overwrite later work), else brings every table of the scope back to the
kept rows — same ids, same values — journaled, and drops the point.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, delete, false, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import (
    AccreditationRestorePoint,
    ChecklistLine,
    ChecklistLink,
    ChecklistLoan,
    Evidence,
    InfrastructureLine,
    InfrastructureList,
    Workshop,
)
from chemcluster_desktop.storage.base import Base, utcnow
from chemcluster_desktop.storage.procurement import Need

from ._common import WRITE, _t

# tables whose changed rows are updated in place (never replaced: rows outside the scope refer to them)
IN_PLACE = {"infrastructure_lists"}
# how many restore points a workshop (or list) keeps: the older ones are dropped
KEEP = 10


@dataclass
class RestorePointInfo:
    id: int
    kind: str
    workshop_id: int | None
    list_id: int | None
    created_at: dt.datetime  # local time
    created_by: str
    label: str


@dataclass
class UndoResult:
    id: int
    kind: str
    label: str
    restored: int  # rows written back as they were
    removed: int  # rows of the action's state deleted (added by it, or changed and written back)
    dry_run: bool = False


# --- the scope --------------------------------------------------------------------------------------
def _tables(scope: dict) -> list[tuple[type, tuple[str, ...] | None, object]]:
    """(model, columns kept or None for all, condition), parents before children."""
    out: list[tuple[type, tuple[str, ...] | None, object]] = []
    lid = scope.get("list_id")
    if lid is not None:
        out.append((InfrastructureList, None, InfrastructureList.id == lid))
        out.append((InfrastructureLine, None, InfrastructureLine.list_id == lid))
    ws = scope.get("workshops") or []
    if ws or lid is not None:
        # the workshops on the list too: one bound to it after the action changes the fingerprint
        on_list = Workshop.list_id == lid if lid is not None else false()
        out.append((Workshop, ("id", "list_id"), or_(Workshop.id.in_(ws), on_list)))
    if ws:
        cl_ids = select(ChecklistLine.id).where(ChecklistLine.workshop_id.in_(ws))
        out.append((ChecklistLine, None, ChecklistLine.workshop_id.in_(ws)))
        out.append((ChecklistLink, None, ChecklistLink.checklist_line_id.in_(cl_ids)))
        out.append((ChecklistLoan, None, ChecklistLoan.checklist_line_id.in_(cl_ids)))
        out.append((Evidence, None, and_(Evidence.workshop_id.in_(ws), Evidence.checklist_line_id.is_not(None))))
        # a need made from a gap refers to its checklist line (SET NULL when the line goes)
        out.append((Need, ("id", "checklist_line_id"), Need.workshop_id.in_(ws)))
    if scope.get("needs_workshop") is not None:
        out.append((Need, None, Need.workshop_id == scope["needs_workshop"]))
    return out


def _enc(v):
    if isinstance(v, Decimal):
        return {"$d": str(v)}
    if isinstance(v, dt.datetime):
        return {"$t": v.isoformat()}
    if isinstance(v, dt.date):
        return {"$a": v.isoformat()}
    if isinstance(v, bytes | bytearray | memoryview):
        return {"$b": base64.b64encode(bytes(v)).decode("ascii")}
    return v


def _dec(v):
    if isinstance(v, dict) and len(v) == 1:
        k, x = next(iter(v.items()))
        if k == "$d":
            return Decimal(x)
        if k == "$t":
            return dt.datetime.fromisoformat(x)
        if k == "$a":
            return dt.date.fromisoformat(x)
        if k == "$b":
            return base64.b64decode(x)
    return v


def _cols(model, keep):
    t = model.__table__
    return [c for c in t.columns if keep is None or c.name in keep]


def snapshot(s: Session, scope: dict) -> dict[str, list[dict]]:
    """The rows of the scope now, per table name, encoded for JSON, ordered by id."""
    s.flush()
    out: dict[str, list[dict]] = {}
    for model, keep, cond in _tables(scope):
        cols = _cols(model, keep)
        rows = s.execute(select(*cols).where(cond).order_by(model.__table__.c.id)).all()
        out[model.__tablename__] = [{c.name: _enc(v) for c, v in zip(cols, r, strict=True)} for r in rows]
    return out


def fingerprint(rows: dict[str, list[dict]]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str)
                          .encode("utf-8")).hexdigest()


def make_point(s: Session, kind: str, label: str, scope: dict, before: dict, *, workshop_id: int | None = None,
               list_id: int | None = None) -> int:
    """Keep ``before`` (a :func:`snapshot` taken before the action) and the fingerprint of the scope
    now (after the action); the oldest points of the same workshop / list beyond :data:`KEEP` go."""
    after = fingerprint(snapshot(s, scope))
    login = context.actor().login if context.actor() else ""
    # a Core insert: the ORM's flush would copy the whole JSON of the rows into the journal
    t = AccreditationRestorePoint.__table__
    pid = s.execute(insert(t).values(kind=kind, workshop_id=workshop_id, list_id=list_id, created_at=utcnow(),
                                     created_by=login[:64], label=label[:500], scope=scope, rows=before,
                                     after_hash=after)).inserted_primary_key[0]
    audit.record(s, "create", "accreditation", "AccreditationRestorePoint", pid, label[:500],
                 new={"kind": kind, "workshop_id": workshop_id, "list_id": list_id,
                      "records": sum(len(v) for v in before.values())})
    same = (AccreditationRestorePoint.workshop_id == workshop_id if workshop_id is not None
            else AccreditationRestorePoint.list_id == list_id)
    old = list(s.scalars(select(AccreditationRestorePoint.id).where(same)
                         .order_by(AccreditationRestorePoint.id.desc()).offset(KEEP)))
    if old:
        s.execute(delete(AccreditationRestorePoint).where(AccreditationRestorePoint.id.in_(old)))
    return pid


# --- listing and undo -------------------------------------------------------------------------------
def kind_label(kind: str) -> str:
    return {"list_import": _t("Импорт листа"), "match": _t("Сопоставление"),
            "confirm_all": _t("Подтверждение предложений"), "needs": _t("Дефициты → закупки")}.get(kind, kind)


def restore_points(workshop_id: int | None = None, list_id: int | None = None) -> list[RestorePointInfo]:
    """The points that can be undone, newest first: of a workshop (its own and those of its list's
    imports), of a list, or all."""
    with context.read() as s:
        P = AccreditationRestorePoint  # noqa: N806
        stmt = (select(P.id, P.kind, P.workshop_id, P.list_id, P.created_at, P.created_by, P.label)
                .order_by(P.id.desc()))  # not the rows: the list must stay light
        if workshop_id is not None:
            lid = s.scalar(select(Workshop.list_id).where(Workshop.id == workshop_id))
            cond = AccreditationRestorePoint.workshop_id == workshop_id
            if lid is not None:
                cond = cond | (AccreditationRestorePoint.list_id == lid)
            stmt = stmt.where(cond)
        elif list_id is not None:
            stmt = stmt.where(AccreditationRestorePoint.list_id == list_id)
        # stored in UTC (as the journal); shown in the computer's local time
        return [RestorePointInfo(*r[:4], r[4].replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None), *r[5:])
                for r in s.execute(stmt)]


def undo(point_id: int | None = None, *, workshop_id: int | None = None, dry_run: bool = False) -> UndoResult:
    """Undo the action of restore point ``point_id`` (default: the newest one of ``workshop_id``, or
    the newest of all). Refused when the records have changed since the action. The right is the
    action's own: «Дефициты → закупки» is undone by whoever may make needs."""
    if point_id is None:
        pts = restore_points(workshop_id)
        if not pts:
            raise NotFoundError(_t("Отменять нечего: массовых действий с аккредитацией, которые можно отменить, "
                                   "не было."))
        point_id = pts[0].id
    with context.uow() as s:
        p = s.execute(select(AccreditationRestorePoint.__table__).where(
            AccreditationRestorePoint.id == point_id)).first()
        if p is None:
            raise NotFoundError(_t("Это действие уже отменено (возможно, с другого компьютера): обновите список (F5)."))
        require("procurement.needs" if p.kind == "needs" else WRITE)
        if fingerprint(snapshot(s, p.scope)) != p.after_hash:
            raise ValidationError(_t("«{0}» нельзя отменить: после этого действия лист, чек-листы или потребности "
                                     "уже изменены (например, подтверждена связь или принято предложение). "
                                     "Отмена стёрла бы эти изменения.").format(p.label))
        _refuse_if_referenced(s, p)
        try:
            with s.begin_nested():
                restored, removed = _restore(s, p.scope, p.rows)
        except IntegrityError as e:
            raise ValidationError(_t("«{0}» нельзя отменить: на восстанавливаемые или удаляемые записи уже "
                                     "ссылаются другие данные. Ничего не изменено.").format(p.label)) from e
        res = UndoResult(p.id, p.kind, p.label, restored, removed, dry_run)
        audit.record(s, "restore", "accreditation", "AccreditationRestorePoint", p.id,
                     _t("Отменено: {0} (восстановлено записей {1}, удалено {2})").format(p.label, restored, removed))
        s.execute(delete(AccreditationRestorePoint).where(AccreditationRestorePoint.id == p.id))
        if dry_run:
            s.rollback()
    return res


def _refuse_if_referenced(s: Session, p) -> None:
    """Needs the action created are removed by the undo only while nothing refers to them."""
    if p.scope.get("needs_workshop") is None:
        return
    kept = {r["id"] for r in p.rows.get(Need.__tablename__, [])}
    now = [i for i in s.scalars(select(Need.id).where(Need.workshop_id == p.scope["needs_workshop"])) if i not in kept]
    if not now:
        return
    users = []
    for t in Base.metadata.sorted_tables:
        for fk in t.foreign_keys:
            if fk.column.table is Need.__table__ and t is not Need.__table__:
                n = s.execute(select(t.c[fk.parent.name]).where(fk.parent.in_(now)).limit(1)).first()
                if n is not None:
                    users.append(t.name)
    if users:
        raise ValidationError(_t("«{0}» нельзя отменить: на созданные потребности уже ссылаются записи закупок "
                                 "({1}). Удалите их в «Закупках» или оставьте потребности.")
                              .format(p.label, ", ".join(sorted(set(users)))))


def _current(s: Session, model, keep, cond) -> dict[int, dict]:
    cols = _cols(model, keep)
    names = [c.name for c in cols]
    return {r["id"]: r for r in (dict(zip(names, x, strict=True)) for x in s.execute(select(*cols).where(cond)))}


def _restore(s: Session, scope: dict, rows: dict) -> tuple[int, int]:
    """Bring each table of the scope to the kept rows. The references kept column by column (a
    workshop's list, a need's checklist line) are cleared first and set last; the rows the action
    added or changed are deleted (children first) and the kept rows that are missing then are
    inserted with their ids (parents first). A changed row is deleted and inserted rather than
    updated: SQLite gives the ids of deleted rows again, so the same id may be another record whose
    children are not there yet. Returns (rows written back, rows deleted)."""
    tables = _tables(scope)
    kept = {m.__tablename__: {r["id"]: {k: _dec(v) for k, v in r.items()} for r in rows.get(m.__tablename__, [])}
            for m, _k, _c in tables}
    full = [(m, k, c) for m, k, c in tables if k is None]
    partial = [(m, k, c) for m, k, c in tables if k is not None]
    for model, keep, cond in partial:
        for rid, cur in _current(s, model, keep, cond).items():
            old = kept[model.__tablename__].get(rid)
            if old is not None and old != cur:
                t = model.__table__
                s.execute(update(t).where(t.c.id == rid).values(**{k: None for k in old if k != "id"
                                                                  and old[k] != cur.get(k)}))
    restored = removed = 0
    for model, keep, cond in reversed(full):
        t = model.__table__
        mine = kept[t.name]
        bad = [rid for rid, cur in _current(s, model, keep, cond).items()
               if mine.get(rid) != cur and (rid not in mine or t.name not in IN_PLACE)]
        for k in range(0, len(bad), 500):
            part = bad[k:k + 500]
            audit.record_deleting(s, "accreditation", model, t.c.id.in_(part))
            s.execute(delete(t).where(t.c.id.in_(part)))
        removed += len(bad)
    for model, keep, cond in full:
        t = model.__table__
        present = _current(s, model, keep, cond)
        back = [old for rid, old in kept[t.name].items() if rid not in present]
        for k in range(0, len(back), 500):  # a Core insert with the old ids: the ORM's would reset the version
            s.execute(insert(t), back[k:k + 500])
        audit.record_created(s, "accreditation", model.__name__, [(r["id"], r) for r in back])
        restored += len(back)
    for model, keep, cond in [x for x in full if x[0].__tablename__ in IN_PLACE] + partial:
        t = model.__table__
        for rid, cur in _current(s, model, keep, cond).items():
            old = kept[t.name].get(rid)
            if old is not None and old != cur:
                diff = {k: v for k, v in old.items() if cur.get(k) != v}
                s.execute(update(t).where(t.c.id == rid).values(**diff))
                audit.record(s, "update", "accreditation", model.__name__, rid, _t("Восстановлено отменой"),
                             old={k: cur.get(k) for k in diff}, new=diff)
                restored += 1
    s.flush()
    return restored, removed
