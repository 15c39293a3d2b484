"""accreditation evidence: loans/leases per checklist line, the КОД code of a list, the commission.

Hand-written (issue 14). A checklist line's «Выполнено» needs evidence: linked usable items, or a
recorded loan or lease (partner, document number and date, quantity, term) for the rest. The packet
names the list by the code of its «комплект оценочной документации» (КОД) and year, and prints the
commission from a record: the order that appointed it and its members.

Revision ID: 0015_accreditation_evidence
Revises: 0014_trust
"""
import sqlalchemy as sa
from alembic import op

import chemcluster_desktop.storage.base

revision = '0015_accreditation_evidence'
down_revision = '0014_trust'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('infrastructure_lists') as b:
        b.add_column(sa.Column('kod_code', sa.String(length=40), server_default='', nullable=False))
    with op.batch_alter_table('workshops') as b:
        b.add_column(sa.Column('commission_order', sa.String(length=100), server_default='', nullable=False))
        b.add_column(sa.Column('commission_order_date', sa.Date(), nullable=True))
    op.create_table(
        'checklist_loans',
        sa.Column('checklist_line_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('partner', sa.String(length=300), nullable=False),
        sa.Column('document_number', sa.String(length=100), nullable=False),
        sa.Column('document_date', sa.Date(), nullable=False),
        sa.Column('quantity', chemcluster_desktop.storage.base.Quantity(), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=True),
        sa.Column('valid_until', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.ForeignKeyConstraint(['checklist_line_id'], ['checklist_lines.id'],
                                name=op.f('fk_checklist_loans_checklist_line_id_checklist_lines'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_loans')),
    )
    op.create_index(op.f('ix_checklist_loans_checklist_line_id'), 'checklist_loans', ['checklist_line_id'])
    op.create_table(
        'workshop_commission_members',
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('full_name', sa.String(length=200), nullable=False),
        sa.Column('job_title', sa.String(length=300), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'],
                                name=op.f('fk_workshop_commission_members_workshop_id_workshops'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_commission_members')),
    )
    op.create_index(op.f('ix_workshop_commission_members_workshop_id'), 'workshop_commission_members', ['workshop_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_workshop_commission_members_workshop_id'), table_name='workshop_commission_members')
    op.drop_table('workshop_commission_members')
    op.drop_index(op.f('ix_checklist_loans_checklist_line_id'), table_name='checklist_loans')
    op.drop_table('checklist_loans')
    with op.batch_alter_table('workshops') as b:
        b.drop_column('commission_order_date')
        b.drop_column('commission_order')
    with op.batch_alter_table('infrastructure_lists') as b:
        b.drop_column('kod_code')
