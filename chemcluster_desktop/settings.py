"""Every per-PC setting declared once, with its type and default; kept as JSON in the user's data
folder (no Qt, so the CLI reads the same file). College-wide settings (name, ИНН, logo, inventory
number pattern…) live in the database instead: see ``services.database``.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chemcluster_desktop import paths


@dataclass(frozen=True)
class Option:
    name: str
    type: type
    default: Any
    doc: str = ""


OPTIONS: dict[str, Option] = {o.name: o for o in [
    Option("language", str, "ru", "interface language: ru | en"),
    Option("last_db", str, "", "the database opened last time"),
    Option("window/geometry", bytes, b"", "main window geometry"),
    Option("window/state", bytes, b"", "main window state"),
    Option("window/page", str, "inventory", "the page shown last"),
    Option("paths/import_dir", str, "", "folder of the last import"),
    Option("paths/export_dir", str, "", "folder of the last export / report"),
    Option("demo_offered", bool, False, "the first-start offer of demo data was shown"),
    Option("database_folder", str, "", "folder of the default database (asked at the first start)"),
    Option("backup_folder", str, "", "folder of automatic backups (default: backups/ beside the database)"),
    Option("network_warned", str, "", "network database files already warned about (one per line)"),
]}

_lock = threading.Lock()


class Settings:
    """Typed access: ``settings.get("language")``; table headers: ``get_bytes("header/<page>")``."""

    def __init__(self, path: Path | None = None):
        self.path = path or Path(os.environ.get("CHEMCLUSTER_CONFIG") or paths.data_dir() / "settings.json")
        self._data: dict[str, Any] = {}
        self.load()

    def load(self) -> None:
        try:
            self._data = json.loads(self.path.read_text("utf-8"))
            if not isinstance(self._data, dict):
                self._data = {}
        except (OSError, ValueError):
            self._data = {}

    def save(self) -> None:
        with _lock:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                tmp = self.path.with_suffix(".tmp")
                tmp.write_text(json.dumps(self._data, ensure_ascii=False, indent=1), "utf-8")
                os.replace(tmp, self.path)
            except OSError:
                pass  # settings are a convenience; never fail the program over them

    def get(self, name: str) -> Any:
        opt = OPTIONS.get(name)
        raw = self._data.get(name)
        if opt is None:
            return raw
        if raw is None:
            return opt.default
        if opt.type is bytes:
            return self._decode(raw)
        try:
            return opt.type(raw)
        except (TypeError, ValueError):
            return opt.default

    def set(self, name: str, value: Any, save: bool = True) -> None:
        opt = OPTIONS.get(name)
        if (opt is not None and opt.type is bytes) or isinstance(value, bytes | bytearray):
            value = base64.b64encode(bytes(value)).decode("ascii")
        self._data[name] = value
        if save:
            self.save()

    def get_bytes(self, name: str) -> bytes:
        raw = self._data.get(name)
        return self._decode(raw) if raw else b""

    @staticmethod
    def _decode(raw) -> bytes:
        try:
            return base64.b64decode(raw)
        except (ValueError, TypeError):
            return b""


_settings: Settings | None = None


def settings() -> Settings:
    global _settings
    if _settings is None:
        _settings = Settings()
    return _settings


def reset_for_tests(path: Path) -> Settings:
    global _settings
    _settings = Settings(path)
    return _settings


def first_start_needs_folder(db: str | None) -> bool:
    """No database named (``--db``, ``$CHEMCLUSTER_DB``), no folder chosen yet, and no database in the
    user data folder from an earlier version: the very first start, which asks where the database will
    live (ui/dialogs/database_folder.py; the dialog's module loads only then)."""
    if db or os.environ.get("CHEMCLUSTER_DB") or settings().get("database_folder"):
        return False
    return not paths.default_db_path().exists()
