"""The Windows installer (issue 18): a real multi-size icon, a version resource and the unused Qt parts
left out of the PyInstaller build, and an NSIS script that compiles — against a tiny fake build folder,
with ``makensis`` (Debian's ``nsis`` package; CI installs it)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_installer.spec"
NSI = ROOT / "installer" / "chemcluster.nsi"


def test_icon_is_a_real_multi_size_ico():
    from PIL import Image

    ico = Image.open(ROOT / "resources" / "icons" / "chemcluster.ico")
    assert ico.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    png = Image.open(ROOT / "resources" / "icons" / "chemcluster.png")
    assert png.size == (256, 256) and png.getpixel((128, 10))[3] == 255  # opaque, not an empty square


def _spec_function(name: str):
    tree = ast.parse(SPEC.read_text("utf-8"))
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    ns: dict = {}
    exec(compile(ast.Module([fn], []), str(SPEC), "exec"), ns)
    return ns[name]


def test_spec_leaves_out_unused_qt_parts_and_keeps_what_is_used():
    unused = _spec_function("_unused")
    for dest in ("PySide6/Qt/translations/qtbase_de.qm", "PySide6\\Qt\\translations\\qt_help_fr.qm",
                 "PySide6/Qt6Quick.dll", "PySide6/Qt6Qml.dll", "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
                 "PySide6/Qt6DataVisualization.dll", "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
                 "PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/wayland-shell-integration/x.so",
                 "PySide6/Qt/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll", "PySide6/Qt/qml/QtQuick/x"):
        assert unused(dest), dest
    for dest in ("PySide6/Qt/translations/qtbase_ru.qm", "PySide6/Qt/translations/qtbase_en.qm",
                 "resources/translations/chemcluster_en.qm", "PySide6/Qt6Widgets.dll", "PySide6/Qt6OpenGL.dll",
                 "PySide6/Qt6Charts.dll", "PySide6/Qt6Pdf.dll", "PySide6/Qt6Svg.dll",
                 "PySide6/plugins/platforms/qwindows.dll", "PySide6/Qt/plugins/imageformats/libqsvg.so",
                 "PySide6/Qt/plugins/iconengines/libqsvgicon.so", "resources/icons/mdi/plus.svg"):
        assert not unused(dest), dest
    text = SPEC.read_text("utf-8")
    for needle in ('"PySide6.QtOpenGL"', '"PySide6.QtQuick"', '"PySide6.QtQml"', '"PySide6.QtDataVisualization"',
                   "version=str(VERSION_FILE)", "chemcluster.ico", "VSVersionInfo", "'041904b0'"):
        assert needle in text, needle
    assert "qtawesome\")" not in text and "docs/build.md" not in text


def test_nsis_script_has_what_it_promises():
    text = NSI.read_text("utf-8")
    for needle in ("MULTIUSER_EXECUTIONLEVEL Highest", "MULTIUSER_INSTALLMODE_COMMANDLINE", "$SMPROGRAMS",
                   "$DESKTOP", "WriteUninstaller", "CurrentVersion\\Uninstall", "QuietUninstallString",
                   "MUI_LANGUAGE \"Russian\""):
        assert needle in text, needle
    uninstall = text[text.index('Section "Uninstall"'):]
    assert "LOCALAPPDATA" not in uninstall.upper().replace("$LOCALAPPDATA\\PROGRAMS", "")  # user data kept
    assert "ChemCluster\\backups" not in uninstall and "RMDir /r \"$INSTDIR\"" not in uninstall


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis not installed (apt-get install nsis)")
def test_nsis_script_compiles_against_a_fake_build(tmp_path):
    sys.path.insert(0, str(ROOT))
    from installer.build import makensis_command

    build = tmp_path / "ChemCluster"
    (build / "_internal" / "resources").mkdir(parents=True)
    (build / "chemcluster.exe").write_bytes(b"MZ fake program")
    (build / "chemcluster-cli.exe").write_bytes(b"MZ fake console program")
    (build / "_internal" / "resources" / "readme.txt").write_text("данные", "utf-8")
    out = tmp_path / "ChemCluster-Setup-test.exe"
    r = subprocess.run(makensis_command(shutil.which("makensis"), build, out, "1.2.3"), capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    data = out.read_bytes()
    assert data[:2] == b"MZ" and len(data) > 50_000  # a Windows executable with the NSIS stub
