"""trust: the journal's hash chain, log-in attempts per login, named counters; TRUNCATE refused.

Hand-written.

- ``audit_log.prev_hash`` / ``audit_log.hash``: each entry chained to the previous one (sha256 over the
  previous hash and the entry's fields; the function below is a frozen copy of storage.chain.entry_digest).
  The entries that exist are chained here, in id order.
- ``login_attempts``: failed log-ins per login (known or not), shared by every program on the database.
- ``counters``: named counters handed out under a lock (inventory and document numbers on a shared server).
- PostgreSQL: a statement trigger refuses TRUNCATE of the journal (row triggers do not fire on it).

Revision ID: 0014_trust
Revises: 0013_schedule_rules
"""
import datetime as dt
import hashlib

import sqlalchemy as sa
from alembic import op

revision = '0014_trust'
down_revision = '0013_schedule_rules'
branch_labels = None
depends_on = None

GENESIS = "0" * 64
FIELDS = ("user_login", "action", "area", "entity", "entity_id", "summary", "old_values", "new_values")
SQLITE_TRIGGERS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
}


def _digest(prev: str, row) -> str:
    at = row["at"]
    at_s = at.isoformat(sep=" ", timespec="microseconds") if isinstance(at, dt.datetime) else ("" if at is None else str(at))
    parts = [prev, at_s, *[str(row[k] or "") for k in FIELDS]]
    payload = "\x1f".join(f"{len(p)}:{p}" for p in parts)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _chain_existing(bind) -> None:
    t = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
                 *[sa.column(k, sa.String) for k in FIELDS], sa.column("prev_hash", sa.String),
                 sa.column("hash", sa.String))
    prev = GENESIS
    updates = []
    for row in bind.execute(sa.select(t).order_by(t.c.id)).mappings():
        h = _digest(prev, row)
        updates.append({"b_id": row["id"], "b_prev": prev, "b_hash": h})
        prev = h
    if updates:
        bind.execute(t.update().where(t.c.id == sa.bindparam("b_id"))
                     .values(prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash")), updates)


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("audit_log", sa.Column("hash", sa.String(64), nullable=True))
    op.create_table(
        "login_attempts",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        _chain_existing(bind)
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)
    elif bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
        _chain_existing(bind)
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change")
        op.execute("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()")
    else:
        _chain_existing(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
    op.drop_table("counters")
    op.drop_table("login_attempts")
    with op.batch_alter_table("audit_log") as b:
        b.drop_column("hash")
        b.drop_column("prev_hash")
    if bind.dialect.name == "sqlite":  # the batch copy of the table dropped its triggers
        for name, sql in SQLITE_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(sql)
