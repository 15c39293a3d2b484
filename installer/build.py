"""Build the Windows installer in one command (on a Windows PC; see README, «Установка на Windows»):

    python installer/build.py

1. PyInstaller: ``build_installer.spec`` → ``dist/ChemCluster/`` (chemcluster.exe, chemcluster-cli.exe, _internal/);
2. NSIS: ``installer/chemcluster.nsi`` → ``dist/ChemCluster-Setup-<version>.exe``.

Needs ``pip install .[build]`` (PyInstaller, Pillow) and NSIS 3 (``winget install NSIS.NSIS``, or
https://nsis.sourceforge.io; ``makensis`` on the PATH or in its default folder). ``--skip-pyinstaller``
packs an existing ``dist/ChemCluster``; ``--build-dir`` and ``--out`` choose other places. On Linux the
same command checks the script against a Linux build (``apt-get install nsis``): the installer it makes
carries Linux files and is only a check.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def find_makensis() -> str | None:
    exe = shutil.which("makensis")
    if exe:
        return exe
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def makensis_command(makensis: str, build_dir: Path, out: Path, version: str) -> list[str]:
    flag = "/" if os.name == "nt" else "-"  # makensis on Linux takes -D as well as /D; Windows both
    return [makensis, "-V2", f"{flag}DVERSION={version}", f"{flag}DBUILD_DIR={build_dir}", f"{flag}DOUTFILE={out}",
            f"{flag}DICON={ROOT / 'resources' / 'icons' / 'chemcluster.ico'}", str(ROOT / "installer" / "chemcluster.nsi")]


def main(argv: list[str] | None = None) -> int:
    from chemcluster_desktop import __version__

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-pyinstaller", action="store_true", help="pack an existing build folder")
    ap.add_argument("--build-dir", type=Path, default=ROOT / "dist" / "ChemCluster")
    ap.add_argument("--out", type=Path, default=ROOT / "dist" / f"ChemCluster-Setup-{__version__}.exe")
    args = ap.parse_args(argv)
    if not args.skip_pyinstaller:
        r = subprocess.run([sys.executable, "-m", "PyInstaller", str(ROOT / "build_installer.spec"), "--noconfirm",
                            "--distpath", str(args.build_dir.parent)], cwd=ROOT)
        if r.returncode != 0:
            print("build.py: PyInstaller failed (pip install .[build]?)", file=sys.stderr)
            return r.returncode
    if not (args.build_dir / ("chemcluster.exe" if os.name == "nt" else "chemcluster")).exists():
        print(f"build.py: no program in {args.build_dir}", file=sys.stderr)
        return 1
    makensis = find_makensis()
    if makensis is None:
        print("build.py: NSIS is not installed: winget install NSIS.NSIS (Windows) or apt-get install nsis",
              file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(makensis_command(makensis, args.build_dir.resolve(), args.out.resolve(), __version__))
    if r.returncode == 0:
        print(f"build.py: {args.out}")
    return r.returncode


if __name__ == "__main__":
    raise SystemExit(main())
