"""A PDF read back page by page for the tests of how documents fall onto pages."""

from __future__ import annotations

import re

from pypdf import PdfReader


def page_texts(path) -> list[str]:
    """Each page's text with one space for every run of blanks and line ends (a phrase may wrap anywhere)."""
    return [re.sub(r"\s+", " ", (p.extract_text() or "").replace("\u00a0", " ")) for p in PdfReader(str(path)).pages]
