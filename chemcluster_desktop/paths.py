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


def default_db_path() -> Path:
    return data_dir() / "chemcluster.sqlite3"


def backups_dir_for(db_file: Path | None) -> Path:
    """Backups of an SQLite file go beside the user data, in ``backups/``."""
    return data_dir() / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"
