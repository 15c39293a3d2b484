"""inventory paperwork: stock-taking decisions (ф. 0510439) and their commission, the decision of a
stock-taking, a surplus's estimate, verification and maintenance of items, attached files.

Hand-written. ``stocktakings`` gains its foreign key in batch mode (SQLite recreates the table; it has
no triggers). ``items`` only gains plain columns (``ADD COLUMN``), so its search triggers stay.

Revision ID: 0011_inventory_paperwork
Revises: 0010_inventory_groups
"""
import sqlalchemy as sa
from alembic import op

from chemcluster_desktop.storage.base import Money

revision = '0011_inventory_paperwork'
down_revision = '0010_inventory_groups'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stocktaking_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("room_ids", sa.JSON(), nullable=True),
        sa.Column("accounts", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktaking_decisions")),
    )
    op.create_table(
        "commission_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("position_no", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["stocktaking_decisions.id"],
                                name=op.f("fk_commission_members_decision_id_stocktaking_decisions"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_commission_members_user_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_members")),
    )
    op.create_index(op.f("ix_commission_members_decision_id"), "commission_members", ["decision_id"])
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_kind", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index("ix_attachments_owner", "attachments", ["owner_kind", "owner_id"])
    with op.batch_alter_table("stocktakings") as b:
        b.add_column(sa.Column("decision_id", sa.Integer(), nullable=True))
        b.create_index(b.f("ix_stocktakings_decision_id"), ["decision_id"])
        b.create_foreign_key(b.f("fk_stocktakings_decision_id_stocktaking_decisions"), "stocktaking_decisions",
                             ["decision_id"], ["id"], ondelete="RESTRICT")
    op.add_column("stocktaking_lines", sa.Column("estimate", Money(), nullable=True))
    op.add_column("items", sa.Column("measuring", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("items", sa.Column("verified_on", sa.Date(), nullable=True))
    op.add_column("items", sa.Column("verification_months", sa.Integer(), nullable=True))
    op.add_column("items", sa.Column("verification_certificate", sa.String(length=100), nullable=False,
                                     server_default=""))
    op.add_column("items", sa.Column("maintained_on", sa.Date(), nullable=True))
    op.add_column("items", sa.Column("maintenance_months", sa.Integer(), nullable=True))
    op.add_column("items", sa.Column("verification_until", sa.Date(), nullable=True))
    op.create_index(op.f("ix_items_verification_until"), "items", ["verification_until"])


def downgrade() -> None:
    op.drop_index(op.f("ix_items_verification_until"), table_name="items")
    for col in ("verification_until", "maintenance_months", "maintained_on", "verification_certificate", "verification_months",
                "verified_on", "measuring"):
        op.drop_column("items", col)
    op.drop_column("stocktaking_lines", "estimate")
    with op.batch_alter_table("stocktakings") as b:
        b.drop_constraint(b.f("fk_stocktakings_decision_id_stocktaking_decisions"), type_="foreignkey")
        b.drop_index(b.f("ix_stocktakings_decision_id"))
        b.drop_column("decision_id")
    op.drop_index("ix_attachments_owner", table_name="attachments")
    op.drop_table("attachments")
    op.drop_index(op.f("ix_commission_members_decision_id"), table_name="commission_members")
    op.drop_table("commission_members")
    op.drop_table("stocktaking_decisions")
