"""schedule: the subject's hours cap, the production calendar, whole-class visits, restore points.

Hand-written (issue 15).

- ``terms.hours_cap`` (lesson hours per class and school year, 34 for the 8th grade: 1 hour a week of
  «Труд (технология)», federal curriculum) and ``school_classes.hours_cap`` (a class's own cap, NULL =
  the term's);
- ``course_modules.kind`` (``lesson`` | ``guidance``: career-guidance hours are counted apart) and
  ``course_modules.programme_module_id`` → ``programme_modules`` (the federal work programme's modules,
  a reference list the methodist edits; seeded with the 8th grade's modules of the ФРП «Труд
  (технология)», 2025 edition: invariant modules «Производство и технологии», «Компьютерная графика.
  Черчение», «3D-моделирование, прототипирование, макетирование», «Робототехника», and the variable
  module «Автоматизированные системы»);
- ``calendar_days``: the production calendar, seeded with 2026 and 2027 (see ``CALENDAR`` below);
- ``holidays.term_id`` (school holidays of one term, NULL = every term);
- ``schools.director`` / ``agreement`` / ``max_parallel`` and ``school_classes.max_parallel``: the
  «СОГЛАСОВАНО» block, the network-agreement number, and into how many parallel subgroups a class visit
  may be split (default 2);
- ``workshops.lesson_pupils``: pupils at a lesson, separate from the exam workplaces;
- ``lessons.replaces_id``: the instructor a substitute stands in for;
- ``schedule_restore_points``: a term's lessons before a generation (the undo of «Сгенерировать…»).

Revision ID: 0013_schedule_rules
Revises: 0012_procurement_law
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0013_schedule_rules'
down_revision = '0012_procurement_law'
branch_labels = None
depends_on = None

# The production calendar (Трудовой кодекс РФ, ст. 112: 1–6 and 8 January, 7 January, 23 February,
# 8 March, 1 and 9 May, 12 June, 4 November; a holiday on a weekend moves to the next working day,
# except the January ones, which the Government transfers).
# 2026: Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»
#   (government press release of 24.09.2025, reported by TASS): 3 January (Sat) → 9 January (Fri),
#   4 January (Sun) → 31 December (Thu); rest 21–23 February, 7–9 March, 1–3 and 9–11 May, 12–14 June,
#   4 November.
# 2027: the explanatory note to the 2026 draft gives New Year holidays of 31.12.2026–10.01.2027; the
#   Ministry of Labour's draft for 2027 (reported 28.12.2025) rests 4–7 November with Saturday
#   13 November worked. Entries marked «проект» are to be checked against the published resolution
#   (the list is editable on the «Учебный год» tab and by `schedule calendar`).
CALENDAR = [
    *[(dt.date(2026, 1, d), "off", "Новогодние каникулы") for d in (1, 2, 3, 4, 5, 6, 8)],
    (dt.date(2026, 1, 7), "off", "Рождество Христово"),
    (dt.date(2026, 1, 9), "off", "Перенос с 3 января (ПП РФ от 24.09.2025 № 1466)"),
    (dt.date(2026, 2, 23), "off", "День защитника Отечества"),
    (dt.date(2026, 3, 8), "off", "Международный женский день"),
    (dt.date(2026, 3, 9), "off", "Перенос с 8 марта (ТК РФ, ст. 112)"),
    (dt.date(2026, 5, 1), "off", "Праздник Весны и Труда"),
    (dt.date(2026, 5, 9), "off", "День Победы"),
    (dt.date(2026, 5, 11), "off", "Перенос с 9 мая (ТК РФ, ст. 112)"),
    (dt.date(2026, 6, 12), "off", "День России"),
    (dt.date(2026, 11, 4), "off", "День народного единства"),
    (dt.date(2026, 12, 31), "off", "Перенос с 4 января (ПП РФ от 24.09.2025 № 1466)"),
    *[(dt.date(2027, 1, d), "off", "Новогодние каникулы") for d in (1, 2, 3, 4, 5, 6, 8)],
    (dt.date(2027, 1, 7), "off", "Рождество Христово"),
    (dt.date(2027, 2, 23), "off", "День защитника Отечества"),
    (dt.date(2027, 3, 8), "off", "Международный женский день"),
    (dt.date(2027, 5, 1), "off", "Праздник Весны и Труда"),
    (dt.date(2027, 5, 3), "off", "Перенос с 1 мая (ТК РФ, ст. 112)"),
    (dt.date(2027, 5, 9), "off", "День Победы"),
    (dt.date(2027, 5, 10), "off", "Перенос с 9 мая (ТК РФ, ст. 112)"),
    (dt.date(2027, 6, 12), "off", "День России"),
    (dt.date(2027, 6, 14), "off", "Перенос с 12 июня (ТК РФ, ст. 112)"),
    (dt.date(2027, 11, 4), "off", "День народного единства"),
    (dt.date(2027, 11, 5), "off", "Перенос с 2 января (проект Минтруда России)"),
    (dt.date(2027, 11, 13), "work", "Рабочая суббота (проект Минтруда России)"),
    (dt.date(2027, 12, 31), "off", "Перенос с 3 января (проект Минтруда России)"),
]

# ФРП «Труд (технология)» 5–9 классы (Москва, 2025), 8 класс
PROGRAMME = [
    ("Производство и технологии", 8, 5, True),
    ("Компьютерная графика. Черчение", 8, 4, True),
    ("3D-моделирование, прототипирование, макетирование", 8, 11, True),
    ("Робототехника", 8, 14, True),
    ("Автоматизированные системы", 8, 0, False),
]


def _add_fk_column(table: str, column: str, target: str, ondelete: str) -> None:
    """A nullable foreign-key column; SQLite rebuilds the table (only leaf tables, nothing refers to them:
    a rebuild of a referenced table would trip the foreign keys of the rows pointing at it)."""
    with op.batch_alter_table(table) as b:
        b.add_column(sa.Column(column, sa.Integer(), nullable=True))
        b.create_foreign_key(op.f(f'fk_{table}_{column}_{target}'), target, [column], ['id'], ondelete=ondelete)


def upgrade() -> None:
    prog = op.create_table(
        'programme_modules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('grade', sa.Integer(), nullable=False),
        sa.Column('hours', sa.Integer(), nullable=False),
        sa.Column('invariant', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_modules')),
        sa.UniqueConstraint('name', name=op.f('uq_programme_modules_name')),
    )
    cal = op.create_table(
        'calendar_days',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('date', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_days')),
        sa.UniqueConstraint('date', name=op.f('uq_calendar_days_date')),
    )
    op.create_table(
        'schedule_restore_points',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('term_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('label', sa.String(length=300), nullable=False),
        sa.Column('lessons', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['term_id'], ['terms.id'], name=op.f('fk_schedule_restore_points_term_id_terms'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_schedule_restore_points')),
    )
    op.create_index(op.f('ix_schedule_restore_points_term_id'), 'schedule_restore_points', ['term_id'])
    op.add_column('terms', sa.Column('hours_cap', sa.Integer(), nullable=False, server_default='34'))
    op.add_column('school_classes', sa.Column('hours_cap', sa.Integer(), nullable=True))
    op.add_column('school_classes', sa.Column('max_parallel', sa.Integer(), nullable=True))
    op.add_column('schools', sa.Column('director', sa.String(length=200), nullable=False, server_default=''))
    op.add_column('schools', sa.Column('agreement', sa.String(length=100), nullable=False, server_default=''))
    op.add_column('schools', sa.Column('max_parallel', sa.Integer(), nullable=False, server_default='2'))
    op.add_column('course_modules', sa.Column('kind', sa.String(length=20), nullable=False, server_default='lesson'))
    op.add_column('workshops', sa.Column('lesson_pupils', sa.Integer(), nullable=True))
    # a plain column (the service clears it when a programme module is deleted): SQLite's reflection
    # cannot read back the name of a constraint added with ADD COLUMN on this table
    op.add_column('course_modules', sa.Column('programme_module_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_course_modules_programme_module_id'), 'course_modules', ['programme_module_id'])
    _add_fk_column('holidays', 'term_id', 'terms', 'CASCADE')
    _add_fk_column('lessons', 'replaces_id', 'instructors', 'SET NULL')
    op.bulk_insert(cal, [{"date": d, "kind": k, "name": n} for d, k, n in CALENDAR])
    op.bulk_insert(prog, [{"name": n, "grade": g, "hours": h, "invariant": inv} for n, g, h, inv in PROGRAMME])


def downgrade() -> None:
    op.drop_index(op.f('ix_course_modules_programme_module_id'), 'course_modules')
    for table, column in (('lessons', 'replaces_id'), ('holidays', 'term_id')):  # leaf tables: rebuilt
        with op.batch_alter_table(table) as b:
            b.drop_column(column)
    # referenced tables are not rebuilt (that would cascade-delete the rows pointing at them): a plain
    # DROP COLUMN (SQLite 3.35+)
    for table, column in (('course_modules', 'programme_module_id'), ('workshops', 'lesson_pupils'),
                          ('course_modules', 'kind'), ('schools', 'max_parallel'), ('schools', 'agreement'),
                          ('schools', 'director'), ('school_classes', 'max_parallel'),
                          ('school_classes', 'hours_cap'), ('terms', 'hours_cap')):
        op.drop_column(table, column)
    op.drop_index(op.f('ix_schedule_restore_points_term_id'), 'schedule_restore_points')
    op.drop_table('schedule_restore_points')
    op.drop_table('calendar_days')
    op.drop_table('programme_modules')
