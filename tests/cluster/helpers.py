"""Helpers for the cluster and reports tests: PDF text and checks."""

from __future__ import annotations

import re

from chemcluster_desktop.storage.search import fold


def pdf_text(path) -> tuple[str, int]:
    from pypdf import PdfReader

    r = PdfReader(str(path))
    return "\n".join(p.extract_text() or "" for p in r.pages), len(r.pages)


def norm(text: str) -> str:
    """Folded text with all whitespace squeezed (PDF extraction breaks lines anywhere)."""
    return re.sub(r"\s+", " ", fold(text))


def check_pdf(path, title: str, *, footer: bool = True, title_in_text: bool = True) -> tuple[str, int]:
    """Pages ≥ 1, Cyrillic text, the title (in the text, or for label sheets in the PDF's metadata),
    and the footer «стр. N из M»."""
    from pypdf import PdfReader

    text, pages = pdf_text(path)
    assert pages >= 1
    assert re.search(r"[А-Яа-яЁё]{4,}", text), "no Cyrillic text in the PDF"
    words = [w for w in re.findall(r"[\wА-Яа-яЁё]+", fold(title)) if len(w) > 2]
    where = text if title_in_text else (PdfReader(str(path)).metadata or {}).get("/Title", "")
    flat = norm(where).replace(" ", "")
    missing = [w for w in words if w not in flat]
    assert not missing, f"title words {missing} not in the PDF {'text' if title_in_text else 'metadata'}"
    if footer:
        assert re.search(r"стр\.\s*1\s*из\s*\d+", text), "no page footer «стр. N из M»"
    return text, pages


# label sheets are cut apart: no printed title or footer on them, the title is in the metadata
PLAIN_SHEETS = {"labels"}
