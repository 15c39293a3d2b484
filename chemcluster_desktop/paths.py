"""Where things live: user data, backups, logs, and the bundled resources.

Resources are found in three situations: the source tree (``resources/`` and ``db/`` beside the
package), an installed wheel (``chemcluster_desktop/_resources`` and ``_db``), and a frozen
PyInstaller build (``sys._MEIPASS/resources`` and ``db``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    cands = []
    if frozen:
        cands.append(Path(frozen) / "resources")
    cands += [_PKG.parent / "resources", _PKG / "_resources"]
    return _first_existing(*cands)


def db_dir() -> Path:
    """The Alembic environment (env.py + versions/)."""
    frozen = getattr(sys, "_MEIPASS", None)
    cands = []
    if frozen:
        cands.append(Path(frozen) / "db")
    cands += [_PKG.parent / "db", _PKG / "_db"]
    for c in cands:
        if (c / "env.py").is_file():
            return c
    return cands[-1]


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """Per-user data folder (database, backups, logs). ``CHEMCLUSTER_HOME`` overrides it."""
    env = os.environ.get("CHEMCLUSTER_HOME")
    if env:
        return Path(env)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "ChemCluster"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "ChemCluster"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "chemcluster"


def _setting(name: str) -> str:
    from chemcluster_desktop.settings import settings

    try:
        return str(settings().get(name) or "").strip()
    except Exception:  # noqa: BLE001 - an unreadable settings file means the defaults
        return ""


def database_dir() -> Path:
    """Where the default database lives: the folder chosen in the settings (or at the first start), else
    the user data folder. ``%LOCALAPPDATA%`` is wiped on lab PCs with profile clean-up, so the first
    start offers :func:`suggested_database_dir`."""
    chosen = _setting("database_folder")
    return Path(chosen).expanduser() if chosen else data_dir()


def suggested_database_dir() -> Path:
    """A folder that survives profile clean-up: on Windows the all-users Documents folder
    (``C:\\Users\\Public\\Documents\\ChemCluster``), elsewhere the user data folder."""
    if sys.platform.startswith("win") and not os.environ.get("CHEMCLUSTER_HOME"):
        public = os.environ.get("PUBLIC") or r"C:\Users\Public"
        return Path(public) / "Documents" / "ChemCluster"
    return data_dir()


def default_db_path() -> Path:
    return database_dir() / "chemcluster.sqlite3"


def backups_dir_for(db_file: Path | None) -> Path:
    """The root folder of automatic backups: the folder chosen in the settings, else ``backups/``
    beside the database file (``db_file``; the default database's folder when None)."""
    chosen = _setting("backup_folder")
    if chosen:
        return Path(chosen).expanduser()
    return (Path(db_file).parent if db_file is not None else database_dir()) / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"
