"""The bundled Cyrillic font (DejaVu Sans), registered once for every document.

reportlab's built-in Helvetica has no Cyrillic and silently draws black squares; every style here
uses the families registered below.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from chemcluster_desktop import paths

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"

_done = False


def register() -> None:
    global _done
    if _done:
        return
    fdir = paths.resource("fonts")
    for name in (REGULAR, BOLD, CONDENSED, CONDENSED_BOLD):
        pdfmetrics.registerFont(TTFont(name, str(fdir / f"{name}.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    addMapping(CONDENSED, 0, 0, CONDENSED)
    addMapping(CONDENSED, 1, 0, CONDENSED_BOLD)
    addMapping(CONDENSED, 0, 1, CONDENSED)
    addMapping(CONDENSED, 1, 1, CONDENSED_BOLD)
    _done = True
