"""inventory search: a trigram index over ``items.search_key``.

Hand-written (an index the models do not describe; the schema comparison skips it, see
``storage.search.is_search_index``).

- SQLite: an FTS5 table ``items_fts`` with the ``trigram`` tokenizer over the folded ``search_key``,
  external content (``content='items'``, rowid = ``items.id``: the index only, not a second copy of the
  text), kept in step by AFTER INSERT / UPDATE / DELETE triggers on ``items`` and filled from the rows
  already there. ``services.listing.apply_search`` matches words of 3+ letters through it.
  A later revision that recreates ``items`` (batch mode) drops the triggers with the table: it must
  create them again (:func:`create_items_fts`) and rebuild the index.
- PostgreSQL: a ``pg_trgm`` GIN index over ``items.search_key`` (used by ``LIKE '%…%'``) — only when
  the extension is already installed in the database (creating it may need a superuser); otherwise
  nothing, and search stays the plain LIKE.

Revision ID: 0007_inventory_search
Revises: 0006_cluster
"""
from alembic import op

revision = '0007_inventory_search'
down_revision = '0006_cluster'
branch_labels = None
depends_on = None

FTS = "items_fts"
TRGM_INDEX = "ix_items_search_key_trgm"

TRIGGERS = {
    "items_fts_ai": f"""CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
  INSERT INTO {FTS}(rowid, search_key) VALUES (new.id, new.search_key);
END""",
    "items_fts_ad": f"""CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
  INSERT INTO {FTS}({FTS}, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END""",
    "items_fts_au": f"""CREATE TRIGGER items_fts_au AFTER UPDATE OF id, search_key ON items BEGIN
  INSERT INTO {FTS}({FTS}, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO {FTS}(rowid, search_key) VALUES (new.id, new.search_key);
END""",
}


def create_items_fts() -> None:
    """The FTS5 table, its triggers, and the index of every existing row (SQLite only)."""
    op.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(search_key, content='items', "
               "content_rowid='id', tokenize='trigram case_sensitive 1')")
    for name, sql in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(sql)
    op.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def _sqlite_has_trigram(bind) -> bool:
    """An SQLite built without FTS5 or older than 3.34 (no trigram tokenizer) keeps the plain LIKE."""
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.cc_trigram_probe USING fts5(x, tokenize='trigram')")
    except Exception:  # noqa: BLE001 - "no such module" / "no such tokenizer"
        return False
    bind.exec_driver_sql("DROP TABLE temp.cc_trigram_probe")
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if _sqlite_has_trigram(bind):
            create_items_fts()
    elif bind.dialect.name == "postgresql":
        has_trgm = bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first()
        if has_trgm:
            op.execute(f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON items USING gin (search_key gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")
