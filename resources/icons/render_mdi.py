"""Render the Material Design Icons the program uses into ``resources/icons/mdi/<name>.svg``.

Run once after an icon name is added in ``chemcluster_desktop/ui`` (the program itself never loads an
icon font; ``ui/icons.py`` reads these SVGs). Needs qtawesome (only here, for its copy of the MDI 6.9.96
font) and PySide6:

    QT_QPA_PLATFORM=offscreen python resources/icons/render_mdi.py

Names are collected from the source: every string literal in ``chemcluster_desktop/ui`` that is an MDI
icon name and is used as one (``icon("…")``, ``icon_name = "…"``, an ``ACTIONS`` row, a page entry, an
alert colour table). Material Design Icons: Apache License 2.0 (icons) / SIL OFL 1.1 (font), see
``resources/licenses/LICENSE-MaterialDesignIcons-Apache-2.0.txt``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "mdi"
UNITS = 24.0  # MDI icons are drawn on a 24×24 grid

# a literal that is an icon name by its place in the code
USES = [
    re.compile(r"""\bicon\(\s*["']([a-z0-9-]+)["']"""),
    re.compile(r"""icon_name\s*=\s*["']([a-z0-9-]+)["']"""),
    re.compile(r"""\(\s*["'][a-z_]+["']\s*,\s*["']([a-z0-9-]+)["']\s*,\s*["']"""),   # ACTIONS rows, add_action(...)
    re.compile(r"""PageEntry\([^)]*?["'][^"']*["']\s*,\s*["'][^"']*["']\s*,\s*["']([a-z0-9-]+)["']""", re.S),
    re.compile(r"""["']([a-z0-9]+(?:-[a-z0-9]+)+)["']"""),                      # any hyphenated literal
]


def used_names(charmap: dict) -> list[str]:
    names = set()
    for f in (ROOT / "chemcluster_desktop").rglob("*.py"):
        src = f.read_text("utf-8")
        for rx in USES:
            names.update(n for n in rx.findall(src) if n in charmap)
    return sorted(names)


def path_to_svg_d(path) -> str:
    from PySide6.QtGui import QPainterPath

    parts = []
    i, n = 0, path.elementCount()
    while i < n:
        e = path.elementAt(i)
        if e.type == QPainterPath.ElementType.MoveToElement:
            parts.append(f"M{e.x:.2f} {e.y:.2f}")
        elif e.type == QPainterPath.ElementType.LineToElement:
            parts.append(f"L{e.x:.2f} {e.y:.2f}")
        elif e.type == QPainterPath.ElementType.CurveToElement:
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            parts.append(f"C{e.x:.2f} {e.y:.2f} {c2.x:.2f} {c2.y:.2f} {end.x:.2f} {end.y:.2f}")
            i += 2
        i += 1
    return "".join(parts).replace(".00", "")


def main() -> int:
    import qtawesome
    from PySide6.QtGui import QFont, QRawFont, QTransform
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - QRawFont needs a GUI application
    fonts = Path(qtawesome.__file__).parent / "fonts"
    ttf = next(fonts.glob("materialdesignicons6-webfont-*.ttf"))
    charmap = json.loads(next(fonts.glob("materialdesignicons6-webfont-charmap-*.json")).read_text("utf-8"))
    raw = QRawFont(str(ttf), 1000.0, QFont.HintingPreference.PreferNoHinting)
    if not raw.isValid():
        print(f"cannot load {ttf}", file=sys.stderr)
        return 1
    names = used_names(charmap)
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.svg"):
        if old.stem not in names:
            old.unlink()
    # every glyph is drawn on the square em box (24 design units of MDI); the baseline sits the
    # font's descent above its bottom edge
    scale = UNITS / raw.pixelSize()
    top = raw.pixelSize() - raw.descent()
    for name in names:
        glyphs = raw.glyphIndexesForString(chr(int(charmap[name], 16)))
        path = raw.pathForGlyph(glyphs[0])
        t = QTransform()
        t.scale(scale, scale)
        t.translate(0, top)
        d = path_to_svg_d(t.map(path))
        (OUT / f"{name}.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
            f'<path fill="#000000" d="{d}"/></svg>\n', "utf-8")
    print(f"{len(names)} icons written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
