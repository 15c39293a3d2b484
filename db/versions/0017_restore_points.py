"""accreditation restore points: the undo of the bulk accreditation actions.

Hand-written (issue 16). Importing a list into a competency that already has one, a second
«Сопоставить», «Подтвердить все» and «Дефициты → закупки» keep the records they change as they were
(JSON, per table) so that one step puts them back.

Revision ID: 0017_restore_points
Revises: 0016_inventory_positions
"""
import sqlalchemy as sa
from alembic import op

revision = '0017_restore_points'
down_revision = '0016_inventory_positions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'accreditation_restore_points',
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=True),
        sa.Column('list_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('label', sa.String(length=500), nullable=False),
        sa.Column('scope', sa.JSON(), nullable=False),
        sa.Column('rows', sa.JSON(), nullable=False),
        sa.Column('after_hash', sa.String(length=64), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'],
                                name=op.f('fk_accreditation_restore_points_workshop_id_workshops'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['list_id'], ['infrastructure_lists.id'],
                                name=op.f('fk_accreditation_restore_points_list_id_infrastructure_lists'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_accreditation_restore_points')),
    )
    op.create_index(op.f('ix_accreditation_restore_points_workshop_id'), 'accreditation_restore_points',
                    ['workshop_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_accreditation_restore_points_workshop_id'), table_name='accreditation_restore_points')
    op.drop_table('accreditation_restore_points')
