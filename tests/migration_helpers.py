"""Helpers of the tests that move a database between schema revisions."""

from __future__ import annotations


def migrate_to(db, rev: str, *, down: bool) -> None:
    """Downgrade (``down=True``) or upgrade the open database ``db`` to revision ``rev`` in one transaction."""
    from alembic import command

    from chemcluster_desktop.storage import migrate

    with db.engine.begin() as conn:
        cfg = migrate.alembic_config(str(db.engine.url))
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, rev)
