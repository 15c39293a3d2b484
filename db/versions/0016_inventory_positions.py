"""inventory positions: the МОЛ's position printed with her signature on the stock-taking and movement
forms (issue 13). One row per person (the key is the surname and initials folded, so «Кузнецова Елена
Андреевна» and «Кузнецова Е. А.» are one МОЛ).

Hand-written.

Revision ID: 0016_inventory_positions
Revises: 0015_accreditation_evidence
"""
import sqlalchemy as sa
from alembic import op

revision = '0016_inventory_positions'
down_revision = '0015_accreditation_evidence'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "responsible_persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsible_persons")),
        sa.UniqueConstraint("person_key", name=op.f("uq_responsible_persons_person_key")),
    )


def downgrade() -> None:
    op.drop_table("responsible_persons")
