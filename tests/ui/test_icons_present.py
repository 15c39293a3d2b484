"""Every icon the code names is shipped as an SVG (``ui/icons.py`` only logs a warning and shows no
picture for a missing one: five buttons and tabs added this session had a blank icon)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USES = [
    re.compile(r"""\bicon\(\s*["']([a-z0-9-]+)["']"""),
    re.compile(r"""icon_name\s*=\s*["']([a-z0-9-]+)["']"""),
    re.compile(r"""\(\s*["'][a-z_]+["']\s*,\s*["']([a-z0-9-]+)["']\s*,\s*["']#"""),  # alert colour tables
    re.compile(r"""["'][a-z_]+["']\s*:\s*\(\s*["']([a-z0-9-]+)["']\s*,\s*["']#"""),  # {kind: (icon, colour)}
]


def test_every_named_icon_is_shipped():
    names = set()
    for f in (ROOT / "chemcluster_desktop").rglob("*.py"):
        src = f.read_text("utf-8")
        for rx in USES:
            names.update(rx.findall(src))
    assert len(names) > 50, "the patterns no longer find the icons: update them"
    missing = sorted(n for n in names if not (ROOT / "resources" / "icons" / "mdi" / f"{n}.svg").exists())
    assert missing == [], f"no SVG for {missing}: run resources/icons/render_mdi.py (or take the SVG from @mdi/svg)"
