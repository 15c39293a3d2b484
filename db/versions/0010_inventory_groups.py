"""items: group inventory objects, the accounting account and the «номер по учёту».

Hand-written. An equipment or furniture card may now be a group of identical units under one
inventory number (``quantity`` > 1; ФСБУ 6/2020 «Основные средства», п. 10, lets uniform low-value
objects be grouped into one inventory object). Two new text columns:

* ``account`` — the accounting account the object is kept on (101.34, 101.36, 105.36 …), read
  from the 0504035 statement (оборотная ведомость) or typed on the card;
* ``accounting_number`` — «номер по учёту»: the number the object has in the accounting records
  when the card's own inventory number differs (a group split into unit cards keeps the group's
  number here; a part split off a group by a transfer or write-off keeps it too).

Revision ID: 0010_inventory_groups
Revises: 0009_items_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_inventory_groups'
down_revision = '0009_items_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD / DROP COLUMN (no table copy: other tables' foreign keys point at items)
    op.add_column("items", sa.Column("account", sa.String(32), nullable=False, server_default=""))
    op.add_column("items", sa.Column("accounting_number", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("items", "accounting_number")
    op.drop_column("items", "account")
