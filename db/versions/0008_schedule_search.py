"""schedule search: a folded ``search_key`` on schools, classes, instructors and course modules.

Hand-written. The lists of the schedule's reference data are searched in SQL over these keys
(``services.schedule``); the key format is in ``storage.schedule`` (folded name, a line break, the
other fields). The columns are added in place (on SQLite ``ALTER TABLE … ADD COLUMN`` — batch mode
does not rebuild the table for an added column with a constant default, so nothing hanging on these
tables is touched) with ``DEFAULT ''`` so existing rows are valid, then every existing row's key is
computed with the models' own key functions and written by id.

``course_modules.search_key`` has no index: the description has no length limit and a PostgreSQL
B-tree entry must stay under ~2.7 kB.

Downgrade drops the indexes and the columns with ``ALTER TABLE … DROP COLUMN`` (SQLite 3.35+). It
deliberately avoids a batch rebuild: on SQLite with foreign keys on, dropping the old ``schools`` table
during a rebuild would cascade-delete every class, requirement and lesson.

Revision ID: 0008_schedule_search
Revises: 0007_inventory_search
"""
import sqlalchemy as sa
from alembic import op

from chemcluster_desktop.storage.schedule import (
    class_search_key,
    instructor_search_key,
    module_search_key,
    school_search_key,
)

revision = '0008_schedule_search'
down_revision = '0007_inventory_search'
branch_labels = None
depends_on = None

# table -> (the fields the key is made of, key function, indexed)
TABLES = {
    "schools": (("name", "address", "contact"), school_search_key, True),
    "school_classes": (("name",), class_search_key, True),
    "instructors": (("full_name", "contact"), instructor_search_key, True),
    "course_modules": (("name", "workshop_kinds", "description"), module_search_key, False),
}


def _index_name(table: str) -> str:
    return f"ix_{table}_search_key"


def upgrade() -> None:
    for table, (_fields, _fn, indexed) in TABLES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('search_key', sa.Text(), nullable=False, server_default=''))
            if indexed:
                batch_op.create_index(_index_name(table), ['search_key'], unique=False)
    bind = op.get_bind()
    for table, (fields, fn, _indexed) in TABLES.items():
        t = sa.table(table, sa.column("id"), sa.column("search_key"), *(sa.column(f) for f in fields))
        rows = bind.execute(sa.select(t.c.id, *(t.c[f] for f in fields))).all()
        if not rows:
            continue
        stmt = sa.update(t).where(t.c.id == sa.bindparam("_id")).values(search_key=sa.bindparam("_key"))
        bind.execute(stmt, [{"_id": r[0], "_key": fn(*r[1:])} for r in rows])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        import sqlite3

        if sqlite3.sqlite_version_info < (3, 35):
            raise RuntimeError("downgrade of 0008_schedule_search needs SQLite 3.35+ (ALTER TABLE … DROP COLUMN)")
    for table, (_fields, _fn, indexed) in reversed(TABLES.items()):
        if indexed:
            op.drop_index(_index_name(table), table_name=table)
        op.drop_column(table, 'search_key')
