"""ARCHITECTURE.md: no Qt below ``ui/``. Only ``ui/`` and ``app.py`` (which starts the GUI) import
PySide6; services, storage, xlsx, reports, commands and the CLI must work on a machine without a
display and stay importable without Qt. And the layers import only downward: ui/ and the CLI reach
storage, xlsx and reports through the services; reports/ and xlsx/ know nothing of the database."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import chemcluster_desktop

PKG = Path(chemcluster_desktop.__file__).resolve().parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtawesome", "qtpy")


def _below_ui() -> list[Path]:
    out = []
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG)
        if rel.parts[0] == "ui" or rel.as_posix() == "app.py" or "__pycache__" in rel.parts:
            continue
        out.append(p)
    return out


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    bad = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names = [str(node.args[0].value)]
        for n in names:
            if n.split(".")[0] in QT_MODULES or n.startswith("chemcluster_desktop.ui") or n == "chemcluster_desktop.app":
                bad.append(f"{path.relative_to(PKG)}:{node.lineno}: {n}")
    return bad


def test_no_qt_import_below_ui():
    files = _below_ui()
    assert len(files) > 10
    bad = [b for f in files for b in _qt_imports(f)]
    # cli.py may start the GUI through app.main (lazily, only without a sub-command)
    bad = [b for b in bad if not (b.startswith("cli.py") and b.endswith("chemcluster_desktop.app"))]
    assert not bad, "Qt (or ui/) imported below ui/:\n" + "\n".join(bad)


def _module_names() -> list[str]:
    names = []
    for p in _below_ui():
        rel = p.relative_to(PKG).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(["chemcluster_desktop", *parts]))
    return names


def test_importing_everything_below_ui_loads_no_qt():
    names = _module_names()
    assert "chemcluster_desktop.services.locations" in names
    code = (
        "import importlib, sys\n"
        f"names = {names!r}\n"
        "failed = []\n"
        "for n in names:\n"
        "    try:\n"
        "        importlib.import_module(n)\n"
        "    except Exception as e:\n"
        "        failed.append(f'{n}: {e!r}')\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print('QT=' + ','.join(qt))\n"
        "print('FAILED=' + ' | '.join(failed))\n"
        "from chemcluster_desktop import cli\n"
        "cli.build_parser()\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print('QT_AFTER_CLI=' + ','.join(qt))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)
    assert lines["FAILED"] == "", lines["FAILED"]
    assert lines["QT"] == "", "PySide6 loaded by: " + lines["QT"]
    assert lines["QT_AFTER_CLI"] == ""


# --- imports between our own layers ------------------------------------------------------------------
# ARCHITECTURE.md: ui/ and cli → services → storage / xlsx / reports. The top-level modules (areas, errors,
# dates, i18n, paths, settings) are neutral: any layer may use them.
FORBIDDEN = {
    "ui": ("storage", "xlsx", "reports"),
    "commands": ("storage", "xlsx", "reports", "ui"),
    "cli.py": ("storage", "xlsx", "reports"),
    "app.py": ("storage", "xlsx", "reports"),
    "reports": ("services", "storage", "ui", "commands"),
    "xlsx": ("services", "storage", "ui", "commands"),
    "storage": ("services", "ui", "commands", "xlsx", "reports"),
    "services": ("ui", "commands"),
    "areas.py": ("services", "storage", "ui", "commands", "xlsx", "reports"),
    "errors.py": ("services", "storage", "ui", "commands", "xlsx", "reports"),
    "dates.py": ("services", "storage", "ui", "commands", "xlsx", "reports"),
}


def _own_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            if node.module == "chemcluster_desktop":  # from chemcluster_desktop import storage
                out += [(node.lineno, f"chemcluster_desktop.{a.name}") for a in node.names]
    return [(ln, n) for ln, n in out if n.startswith("chemcluster_desktop.")]


def test_layers_import_only_downward():
    bad = []
    checked = 0
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG)
        if "__pycache__" in rel.parts:
            continue
        layer = rel.parts[0]
        if layer not in FORBIDDEN:
            continue
        checked += 1
        for ln, name in _own_imports(p):
            target = name.split(".")[1]
            if target in FORBIDDEN[layer]:
                bad.append(f"{rel}:{ln}: {name}")
    assert checked > 50
    assert not bad, "imports against the layers (ARCHITECTURE.md):\n" + "\n".join(bad)
