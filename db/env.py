"""Alembic environment for ChemCluster Desktop.

Run through :mod:`chemcluster_desktop.storage.migrate` (the program upgrades on start) or
``python -m db.autogen AREA`` when an area's models change. The connection is handed in by the
caller through ``config.attributes["connection"]``.
"""

from alembic import context
from sqlalchemy import pool

from chemcluster_desktop.storage.engine import make_engine
from chemcluster_desktop.storage.models import metadata

config = context.config


def _include_object(obj, name, type_, reflected, compare_to):
    from chemcluster_desktop.storage.search import include_in_comparison

    if not include_in_comparison(obj, name, type_, reflected, compare_to):
        return False  # the trigram search indexes of revision 0007 are not models
    only = config.attributes.get("only_area")
    if only and type_ == "table":
        from chemcluster_desktop.storage.models import table_area

        table = obj if not reflected else compare_to
        if table is None:
            return False
        return table_area(table) == only
    return True


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
        with engine.connect() as connection:
            _run(connection)
        engine.dispose()
    else:
        _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline mode is not supported")
run_migrations_online()
