"""procurement by the law: ИКЗ on plan lines, requests for prices, several contracts per line with
their own needs, delivery and payment deadlines, delivery lines with their amount to the kopeck; cluster
KPIs split into the project card's and the college's own, every typed value dated.

Hand-written.

Revision ID: 0012_procurement_law
Revises: 0011_inventory_paperwork
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_procurement_law'
down_revision = '0011_inventory_paperwork'
branch_labels = None
depends_on = None

# the program's own indicators that used to sit in the card's table
COLLEGE_KPIS = ("workshops_ready", "budget_paid", "pupils")


def upgrade() -> None:
    with op.batch_alter_table("plan_lines") as b:
        b.add_column(sa.Column("ikz", sa.String(length=36), nullable=False, server_default=""))
    op.create_table(
        "price_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_line_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("supplier_name", sa.String(length=300), nullable=False, server_default=""),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("outgoing_number", sa.String(length=64), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.ForeignKeyConstraint(["plan_line_id"], ["plan_lines.id"], ondelete="CASCADE",
                                name=op.f("fk_price_requests_plan_line_id_plan_lines")),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"], ondelete="RESTRICT",
                                name=op.f("fk_price_requests_supplier_id_suppliers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_requests")),
    )
    op.create_index(op.f("ix_price_requests_plan_line_id"), "price_requests", ["plan_line_id"])
    with op.batch_alter_table("contracts") as b:
        b.add_column(sa.Column("delivery_due", sa.Date(), nullable=True))
        b.add_column(sa.Column("payment_days", sa.Integer(), nullable=False, server_default="7"))
    op.create_table(
        "contract_needs",
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"], ondelete="CASCADE",
                                name=op.f("fk_contract_needs_contract_id_contracts")),
        sa.ForeignKeyConstraint(["need_id"], ["needs.id"], ondelete="RESTRICT",
                                name=op.f("fk_contract_needs_need_id_needs")),
        sa.PrimaryKeyConstraint("contract_id", "need_id", name=op.f("pk_contract_needs")),
    )
    with op.batch_alter_table("delivery_lines") as b:
        b.add_column(sa.Column("amount", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("kpis") as b:
        b.add_column(sa.Column("section", sa.String(length=10), nullable=False, server_default="card"))
    with op.batch_alter_table("kpi_values") as b:
        b.add_column(sa.Column("as_of", sa.Date(), nullable=True))
    kpis = sa.table("kpis", sa.column("code", sa.String), sa.column("section", sa.String),
                    sa.column("computed", sa.String))
    op.execute(kpis.update().where(kpis.c.code.in_(COLLEGE_KPIS)).values(section="college"))
    # the card's «оснащённость» counts organisations; the mean workshop coverage is not that measure
    op.execute(kpis.update().where(kpis.c.code == "equipped").values(computed=""))


def downgrade() -> None:
    with op.batch_alter_table("kpi_values") as b:
        b.drop_column("as_of")
    with op.batch_alter_table("kpis") as b:
        b.drop_column("section")
    with op.batch_alter_table("delivery_lines") as b:
        b.drop_column("amount")
    op.drop_table("contract_needs")
    with op.batch_alter_table("contracts") as b:
        b.drop_column("payment_days")
        b.drop_column("delivery_due")
    op.drop_index(op.f("ix_price_requests_plan_line_id"), table_name="price_requests")
    op.drop_table("price_requests")
    with op.batch_alter_table("plan_lines") as b:
        b.drop_column("ikz")
