"""Schema upgrades on start: back up, upgrade to head, refuse a database newer than the program."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from chemcluster_desktop import paths


class DatabaseTooNewError(RuntimeError):
    def __init__(self, revision: str):
        super().__init__(revision)
        self.revision = revision


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    d = paths.db_dir()
    cfg.set_main_option("script_location", str(d))
    cfg.set_main_option("version_locations", str(d / "versions"))
    cfg.set_main_option("path_separator", "os")
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return script_directory().get_current_head()


def known_revisions() -> set[str]:
    return {s.revision for s in script_directory().walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def needs_upgrade(engine: Engine) -> bool:
    cur = current_revision(engine)
    if cur is not None and cur not in known_revisions():
        raise DatabaseTooNewError(cur)
    return cur != head_revision()


def upgrade(engine: Engine, before_upgrade: Callable[[], Path | None] | None = None) -> bool:
    """Bring the schema to head. Calls ``before_upgrade`` (the backup) first when the database has
    data in an older schema. Returns True when anything was done."""
    cur = current_revision(engine)
    if cur is not None and cur not in known_revisions():
        raise DatabaseTooNewError(cur)
    if cur == head_revision():
        return False
    if cur is not None and before_upgrade is not None:
        before_upgrade()
    with engine.begin() as conn:
        cfg = alembic_config(str(engine.url))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
