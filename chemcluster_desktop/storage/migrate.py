"""Schema upgrades on start: back up, upgrade to head, refuse a database newer than the program.

Alembic (and reading every revision file) costs ~0.15–0.3 s, so a start whose database is already at
the head never imports it: the ``alembic_version`` row is read with one plain query and compared with
the newest revision file's name (revision ids are the file names, ``NNNN_topic``; a test checks it).
Alembic is imported only when an upgrade is due, the revision is unknown, or for ``chemcluster check``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from chemcluster_desktop import paths

_REVISION_FILE = re.compile(r"^(\d{4}_[A-Za-z0-9_]+)\.py$")


class DatabaseTooNewError(RuntimeError):
    def __init__(self, revision: str):
        super().__init__(revision)
        self.revision = revision


def alembic_config(url: str | None = None):
    from alembic.config import Config

    cfg = Config()
    d = paths.db_dir()
    cfg.set_main_option("script_location", str(d))
    cfg.set_main_option("version_locations", str(d / "versions"))
    cfg.set_main_option("path_separator", "os")
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def script_directory():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The head as Alembic computes it from the revision files (slow: reads them all)."""
    return script_directory().get_current_head()


def known_head() -> str | None:
    """The head by the revision files' names only: the highest-numbered ``NNNN_topic.py`` in
    ``db/versions`` (a directory listing, no file is read)."""
    names = [m.group(1) for p in Path(paths.db_dir(), "versions").iterdir()
             if (m := _REVISION_FILE.match(p.name))]
    return max(names) if names else None


def known_revisions() -> set[str]:
    return {s.revision for s in script_directory().walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The database's ``alembic_version`` (None for a new, empty database)."""
    with engine.connect() as conn:
        try:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except DBAPIError:
            conn.rollback()
            return None
    return row[0] if row else None


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def needs_upgrade(engine: Engine) -> bool:
    cur = current_revision(engine)
    if cur is not None and cur == known_head():
        return False
    if cur is not None and cur not in known_revisions():
        raise DatabaseTooNewError(cur)
    return cur != head_revision()


def upgrade(engine: Engine, before_upgrade: Callable[[], Path | None] | None = None) -> bool:
    """Bring the schema to head. Calls ``before_upgrade`` (the backup) first when the database has
    data in an older schema. Returns True when anything was done."""
    cur = current_revision(engine)
    if cur is not None and cur == known_head():
        return False  # the everyday start: Alembic is not even imported
    if cur is not None and cur not in known_revisions():
        raise DatabaseTooNewError(cur)
    if cur == head_revision():
        return False
    if cur is not None and before_upgrade is not None:
        before_upgrade()
    from alembic import command

    with engine.begin() as conn:
        cfg = alembic_config(str(engine.url))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
