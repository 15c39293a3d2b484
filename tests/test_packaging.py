"""A non-editable install carries ``resources/`` and ``db/`` inside the package
(``chemcluster_desktop/_resources``, ``_db``) and finds them at run time: the wheel is built from a
copy of the sources, unpacked, and a database is created from the unpacked package alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("chemcluster_desktop", "resources", "db"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps",
                        "-q", "-w", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    wheels = list(out.glob("chemcluster_desktop-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contains_resources_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    must = {
        "chemcluster_desktop/_db/env.py",
        "chemcluster_desktop/_db/script.py.mako",
        "chemcluster_desktop/_resources/fonts/DejaVuSans.ttf",
        "chemcluster_desktop/_resources/fonts/LICENSE-DejaVu.txt",
        "chemcluster_desktop/_resources/translations/chemcluster_en.qm",
        "chemcluster_desktop/_resources/licenses/LICENSE-MaterialDesignIcons-Apache-2.0.txt",
    }
    assert must <= names, must - names
    for rev in (ROOT / "db" / "versions").glob("0*.py"):
        assert f"chemcluster_desktop/_db/versions/{rev.name}" in names, rev.name
    for sub in ("help", "translations", "fonts"):
        for f in (ROOT / "resources" / sub).glob("*"):
            if f.is_file() and f.suffix not in (".pyc",):
                assert f"chemcluster_desktop/_resources/{sub}/{f.name}" in names, f
    # the page modules and the entry points travel too
    assert "chemcluster_desktop/ui/pages/reference.py" in names
    ep = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(ep).decode()
    assert "chemcluster = chemcluster_desktop.cli:main" in text


def test_unpacked_wheel_finds_its_resources_and_migrates(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys, json\n"
        f"sys.path.insert(0, {str(site)!r})\n"
        "import chemcluster_desktop.paths as p\n"
        "from chemcluster_desktop.services import context, database\n"
        f"db = context.open_database({str(tmp_path / 'w.sqlite3')!r})\n"
        "print(json.dumps({'pkg': p.__file__, 'res': str(p.resources_dir()), 'db': str(p.db_dir()),\n"
        "  'font': p.resource('fonts', 'DejaVuSans.ttf').is_file(),\n"
        "  'qm': p.resource('translations', 'chemcluster_en.qm').is_file(),\n"
        "  'ok': database.check().ok}))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path,
                       env={"CHEMCLUSTER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr[-3000:]
    info = json.loads(r.stdout.strip().splitlines()[-1])
    assert info["pkg"].startswith(str(site))
    assert info["res"] == str(site / "chemcluster_desktop" / "_resources")
    assert info["db"] == str(site / "chemcluster_desktop" / "_db")
    assert info["font"] and info["qm"] and info["ok"]


def test_translations_are_compiled_from_the_sources():
    ts = ROOT / "resources" / "translations" / "chemcluster_en.ts"
    qm = ROOT / "resources" / "translations" / "chemcluster_en.qm"
    assert ts.is_file() and qm.is_file() and qm.stat().st_size > 1000
    from chemcluster_desktop import i18n

    cat = i18n.load_catalog("en")
    assert cat[("Navigation", "Инвентарь")] == "Inventory"
    assert cat[("MainWindow", "&Файл")] == "&File"


def test_pyinstaller_spec_lists_the_data():
    spec = (ROOT / "build_installer.spec").read_text("utf-8")
    for needle in ("resources", "db", "qtbase_", "alembic", "collect_submodules(\"chemcluster_desktop\")", "console=False",
                   "chemcluster-cli"):
        assert needle in spec, needle


def test_shell_contexts_are_fully_translated():
    """Navigation, menus, toolbars and the shell's dialogs must never show Russian in English mode."""
    import xml.etree.ElementTree as ET

    root = ET.parse(ROOT / "resources" / "translations" / "chemcluster_en.ts").getroot()
    shell = {"Navigation", "MainWindow", "Page", "About", "BackupDialog", "Reference", "Startup", "Ops", "Crash",
             "Locations", "App"}
    missing = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        if name not in shell:
            continue
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished",) or not (tr.text or "").strip():
                missing.append(f"[{name}] {msg.findtext('source')}")
    assert not missing, missing


def test_translation_extractor_sees_helper_calls():
    import importlib.util

    spec = importlib.util.spec_from_file_location("cc_tr_update", ROOT / "resources" / "translations" / "update.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    found = {(c, s) for c, s, _ln in mod.extract(ROOT / "chemcluster_desktop" / "ui" / "main_window.py")}
    assert ("MainWindow", "&Файл") in found
    found = {(c, s) for c, s, _ln in mod.extract(ROOT / "chemcluster_desktop" / "ui" / "pages" / "reference.py")}
    assert ("Reference", "Справочники") in found and ("Reference", "Помещение") in found
    found = {(c, s) for c, s, _ln in mod.extract(ROOT / "chemcluster_desktop" / "ui" / "pages" / "base.py")}
    assert ("Page", "Создать") in found
