"""The audit journal: every create, change and delete made through a unit of work is recorded
with who, when, which record and the old and new values.

Installed on the session factory by :func:`context.open_database`; bulk Core inserts (imports)
record one summary entry themselves through :func:`record`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.bulk import insert_rows
from chemcluster_desktop.storage.chain import GENESIS, entry_digest

SKIP_COLUMNS = {"search_key", "version", "created_at", "updated_at", "password_hash", "data", "document",
                "layout_plan"}


def _plain(v):
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, dt.date | dt.datetime | dt.time):
        return v.isoformat()
    if isinstance(v, bytes):
        return f"<{len(v)} bytes>"
    return v


def _plain_default(v):
    """json.dumps(default=…): only the values JSON cannot hold reach here."""
    out = _plain(v)
    return str(out) if out is v else out


# one encoder for the bulk entries (json.dumps with options builds a new encoder on every call)
_BULK_JSON = json.JSONEncoder(ensure_ascii=False, default=_plain_default)


def _dump(d: dict) -> str | None:
    if not d:
        return None
    return json.dumps({k: _plain(v) for k, v in d.items()}, ensure_ascii=False, default=str)


def _area(obj) -> str:
    """The area a row belongs to: its table's ``info["area"]`` when the model module is not named after the
    area (movements, stock-takings, the journal, the stock-taking decisions), else the module's name."""
    table = getattr(type(obj), "__table__", None)
    area = table.info.get("area") if table is not None else None
    return area or type(obj).__module__.rsplit(".", 1)[-1]


def _ident(obj) -> str:
    state = inspect(obj)
    ids = state.identity
    if ids is None:
        # new objects get their identity only after the flush has finished: read the primary key
        ids = state.mapper.primary_key_from_instance(obj)
    if not ids or all(i is None for i in ids):
        return ""
    return str(ids[0]) if len(ids) == 1 else "/".join(str(i) for i in ids)


_INTERNAL_CODE = re.compile(r"[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+|[a-z]{3,}")


def _label(obj) -> str:
    """A human name of the record for the journal: its number or code and its name."""
    parts = []
    for group in (("inventory_number", "number", "login", "code"), ("name", "full_name", "title")):
        for attr in group:
            v = getattr(obj, attr, None)
            if attr == "code" and isinstance(v, str) and _INTERNAL_CODE.fullmatch(v):
                continue  # a program's own key (an indicator's «pupils») means nothing to a reader
            if v and isinstance(v, str | int):
                parts.append(str(v))
                break
    return " ".join(parts)[:500]


def _actor_login(session: Session) -> str:
    actor = session.info.get("actor")
    if actor is None:
        from chemcluster_desktop.services import context

        actor = context.actor()
    return actor.login if actor else ""


# PostgreSQL: the transaction-level advisory lock that orders journal writers (the chain needs the previous
# entry's hash); on SQLite the unit of work's write lock already does
JOURNAL_LOCK = 0x4343_4A4C  # "CCJL" = context.PG_WRITE_LOCK, which every unit of work already holds


def _chain(session: Session, rows: list[dict]) -> list[dict]:
    """Give each new entry its place in the hash chain (in the order they are inserted)."""
    from chemcluster_desktop.storage.journal import AuditEntry  # defined on the first write, not at start

    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({JOURNAL_LOCK})")
    t = AuditEntry.__table__
    prev = conn.execute(select(t.c.hash).order_by(t.c.id.desc()).limit(1)).scalar() or GENESIS
    for r in rows:
        r["prev_hash"] = prev
        r["hash"] = prev = entry_digest(prev, r)
    return rows


def _insert(session: Session, rows: list[dict], *, bulk: bool = False) -> None:
    """Chain and insert: a Core insert as before for the entries of one flush; the fast path of
    storage.bulk for the thousands of a bulk statement."""
    from chemcluster_desktop.storage.journal import AuditEntry  # defined on the first write, not at start

    if not rows:
        return
    rows = _chain(session, rows)
    if bulk:
        insert_rows(session.connection(), AuditEntry.__table__, rows)
    else:
        session.connection().execute(insert(AuditEntry.__table__), rows)


def touch(session: Session, area: str) -> None:
    """Note that this unit of work changed ``area``: :func:`context.uow` publishes the set after commit."""
    session.info.setdefault("touched_areas", set()).add(area)


def _after_flush(session: Session, _ctx) -> None:
    from chemcluster_desktop.storage.journal import AuditEntry  # defined on the first write, not at start

    login = _actor_login(session)
    rows = []
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, AuditEntry):
            continue
        state = inspect(obj)
        new = {c.key: getattr(obj, c.key) for c in state.mapper.column_attrs if c.key not in SKIP_COLUMNS}
        rows.append(dict(at=now, user_login=login, action="create", area=_area(obj), entity=type(obj).__name__,
                         entity_id=str(_ident(obj)), summary=_label(obj), old_values=None, new_values=_dump(new)))
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        old, new = {}, {}
        for c in state.mapper.column_attrs:
            if c.key in SKIP_COLUMNS:
                continue
            h = state.attrs[c.key].history
            if h.has_changes():
                before = h.deleted[0] if h.deleted else None
                after = h.added[0] if h.added else None
                if before == after:
                    continue
                old[c.key] = before
                new[c.key] = after
        if "password_hash" in state.attrs and state.attrs["password_hash"].history.has_changes():
            # the hash itself never goes to the journal, only the fact of the change
            old["password"] = "***"
            new["password"] = translate("Audit", "изменён")
        if not new:
            continue
        rows.append(dict(at=now, user_login=login, action="update", area=_area(obj), entity=type(obj).__name__,
                         entity_id=str(_ident(obj)), summary=_label(obj), old_values=_dump(old),
                         new_values=_dump(new)))
    for obj in session.deleted:
        if isinstance(obj, AuditEntry):
            continue
        state = inspect(obj)
        old = {c.key: getattr(obj, c.key) for c in state.mapper.column_attrs if c.key not in SKIP_COLUMNS}
        rows.append(dict(at=now, user_login=login, action="delete", area=_area(obj), entity=type(obj).__name__,
                         entity_id=str(_ident(obj)), summary=_label(obj), old_values=_dump(old), new_values=None))
    if rows:
        for r in rows:
            touch(session, r["area"])
        _insert(session, rows)


def install(factory: sessionmaker) -> None:
    """Journal every flush of the sessions ``factory`` makes.

    The mark is kept on the factory itself: ``event.contains`` answers by the id() of the
    sessionmaker's generated Session class, and a database opened after another one was closed can
    get a class at the same address -- it then said "already listening" and that database's changes
    went unjournaled (seen as a flaky CI failure of test_journal_cannot_be_edited_or_deleted)."""
    if getattr(factory, "_cc_journaled", False):
        return
    event.listen(factory, "after_flush", _after_flush)
    factory._cc_journaled = True


def record(session: Session, action: str, area: str, entity: str, entity_id: str = "", summary: str = "",
           old: dict | None = None, new: dict | None = None) -> None:
    """An explicit journal entry (imports, log-ins, backups, bulk operations)."""
    if action not in ("login", "login_failed", "logout"):
        touch(session, area)
    _insert(session, [dict(
        at=utcnow(), user_login=_actor_login(session), action=action, area=area, entity=entity[:64],
        entity_id=str(entity_id)[:64], summary=(summary or "")[:500], old_values=_dump(old or {}), new_values=_dump(new or {}),
    )])


def _bulk_entries(session: Session, action: str, area: str, entity: str, rows) -> None:
    """One journal entry per ``(id, values)`` of a bulk statement: the same who, when, which record and
    values as the session writes for a single record — the new values of a «create», the old ones of a
    «delete». Empty fields are left out (a bulk import writes thousands of these); Decimal and dates as in
    :func:`_dump`."""
    touch(session, area)
    login = _actor_login(session)
    now = utcnow()
    skip = SKIP_COLUMNS | {"id"}
    entries = []
    for rid, values in rows:
        label = " ".join(str(values[k]) for k in ("inventory_number", "number", "name") if values.get(k))[:500]
        kept = _BULK_JSON.encode({k: v for k, v in values.items() if k not in skip and v is not None and v != ""})
        entries.append(dict(at=now, user_login=login, action=action, area=area, entity=entity[:64],
                            entity_id=str(rid), summary=label,
                            old_values=kept if action == "delete" else None,
                            new_values=None if action == "delete" else kept))
    _insert(session, entries, bulk=True)


def record_created(session: Session, area: str, entity: str, created: list[tuple[object, dict]]) -> None:
    """One «create» entry per record written by a bulk Core insert (an import), so the journal's record
    filter finds every imported item. ``created`` is ``[(id, values), …]``."""
    if created:
        _bulk_entries(session, "create", area, entity, created)


# --- bulk statements (Core insert / delete of many rows) ------------------------------------------------------
def max_id(session: Session, model) -> int:
    """The highest id of ``model``'s table now: pass it to :func:`record_inserted` after a bulk insert."""
    t = model.__table__
    return int(session.execute(select(func.max(t.c.id))).scalar() or 0)


def record_inserted(session: Session, area: str, model, after_id: int, *where) -> int:
    """Journal the rows a bulk insert just wrote (ids above ``after_id``, narrowed by ``where`` to the
    parent the statement wrote under): one «create» entry each, as the session writes for one record."""
    t = model.__table__
    stmt = select(t).where(t.c.id > after_id, *where).order_by(t.c.id)
    created = [(r["id"], dict(r)) for r in session.execute(stmt).mappings()]
    record_created(session, area, model.__name__, created)
    return len(created)


def record_deleting(session: Session, area: str, model, *where) -> int:
    """Journal the rows a bulk delete is about to remove (call it just before the delete, with the same
    conditions): one «delete» entry each with the old values."""
    t = model.__table__
    rows = [(r["id"], r) for r in session.execute(select(t).where(*where).order_by(t.c.id)).mappings()]
    if rows:
        _bulk_entries(session, "delete", area, model.__name__, rows)
    return len(rows)


# --- tamper evidence -------------------------------------------------------------------------------------
SQLITE_GUARDS = ("audit_log_no_update", "audit_log_no_delete")
POSTGRES_GUARDS = ("audit_log_no_change", "audit_log_no_truncate")


def _t(s: str) -> str:
    return translate("Audit", s)


def verify_journal(conn, *, limit: int = 20) -> list[str]:
    """Problems of the journal, for ``chemcluster check``: a protecting trigger missing, an entry edited
    after it was written, entries removed (a gap in the hash chain), entries written around the program.
    Each is named by its entry number. Streams the entries (the journal can be long)."""
    from chemcluster_desktop.storage.chain import FIELDS
    from chemcluster_desktop.storage.journal import AuditEntry

    problems: list[str] = []
    if conn.dialect.name == "sqlite":
        have = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")}
        wanted = SQLITE_GUARDS
    elif conn.dialect.name == "postgresql":
        have = {r[0] for r in conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND tgenabled <> 'D'")}
        wanted = POSTGRES_GUARDS
    else:
        have, wanted = set(), ()
    for name in wanted:
        if name not in have:
            problems.append(_t("Журнал не защищён: нет триггера {0}, запрещающего изменять и удалять записи "
                               "(его удалили в обход программы).").format(name))
    t = AuditEntry.__table__
    cols = [t.c.id, t.c.at, *[t.c[k] for k in FIELDS], t.c.prev_hash, t.c.hash]
    prev, prev_id = GENESIS, None
    found = 0
    result = conn.execution_options(yield_per=2000).execute(select(*cols).order_by(t.c.id))
    for row in result.mappings():
        msg = None
        if row["hash"] is None:
            msg = _t("Журнал: запись № {0} записана в обход программы (нет отметки цепочки).").format(row["id"])
        elif row["prev_hash"] != prev:
            msg = (_t("Журнал: перед записью № {0} удалены записи (после записи № {1}).").format(row["id"], prev_id)
                   if prev_id is not None else
                   _t("Журнал: удалены записи до записи № {0} (она уже не первая в цепочке).").format(row["id"]))
        elif entry_digest(row["prev_hash"], row) != row["hash"]:
            msg = _t("Журнал: запись № {0} изменена после того, как была сделана.").format(row["id"])
        if msg:
            found += 1
            if found <= limit:
                problems.append(msg)
        prev, prev_id = row["hash"] or prev, row["id"]
    if found > limit:
        problems.append(_t("Журнал: и ещё {0} нарушений цепочки.").format(found - limit))
    return problems
