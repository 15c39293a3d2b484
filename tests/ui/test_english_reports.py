"""Issue 16 (Language): every document of the reports centre made in English mode, read back with pypdf:
its fixed texts are English; only data (names from the database) stays Russian.

Exempt by kind, with the reason: the official accounting forms — the inventory list (ф. 0510466), the
decision to hold a stock-taking (ф. 0510439), the act of its results (ф. 0510463), the discrepancy list
(ф. 0504092) and the movement documents (ф. 0504102 and the others of Приказ Минфина России от
15.04.2021 № 61н) — are documents of the institution's accounting, kept in Russian, the state language
of the Russian Federation (Федеральный закон от 01.06.2005 № 53-ФЗ «О государственном языке Российской
Федерации», ст. 3). For them the test checks that they are made in English mode and carry their form code.

Words are compared one by one (a PDF breaks a name over lines and inside table cells): a Russian word
passes when it is a word of a stored data value; a word broken across lines passes when it joins the next
line's first word into one; a word cut with «…» when it begins a data word.
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from chemcluster_desktop import i18n
from chemcluster_desktop.services import printing
from tests.ui.english_walk import data_values

WORD = re.compile(r"[А-Яа-яЁё]+…?")
OFFICIAL_FORMS = {"inventory": "0510466", "inventory-decision": "0510439", "inventory-act": "0510463",
                  "discrepancies": "0504092", "movement": "0504102"}
FILTERS = {"movement": {"number": "ПМ-2026-0001"}, "nmck": {"need": "1"}, "accreditation": {"workshop": "1"},
           "inventory-decision": {"stocktaking": "1"}, "inventory-act": {"stocktaking": "1"},
           "discrepancies": {"stocktaking": "1"}, "stocktaking": {"stocktaking": "1"}}


def _data_words() -> set[str]:
    words: set[str] = set()
    for v in data_values():
        words.update(w.lower() for w in re.findall(r"[А-Яа-яЁё]+", v))
    return words


def russian_words(text: str, words: set[str]) -> list[tuple[str, str]]:
    lines = re.sub(r"-\n", "", text).splitlines()
    out = []
    for i, line in enumerate(lines):
        found = WORD.findall(line)
        for j, w in enumerate(found):
            base = w.removesuffix("…").lower()
            if base in words:
                continue
            if w.endswith("…") and any(d.startswith(base) for d in words):
                continue
            if j == len(found) - 1 and i + 1 < len(lines):  # broken over the line end inside a cell
                nxt = WORD.findall(lines[i + 1])
                if nxt and (base + nxt[0].lower()) in words:
                    continue
            if j == 0 and i > 0:  # the second half of such a word
                prev = WORD.findall(lines[i - 1])
                if prev and (prev[-1].lower() + base) in words:
                    continue
            out.append((w, line))
    return out


@pytest.mark.parametrize("kind", printing.KINDS)
def test_document_in_english(kind, demo_db, tmp_path):
    i18n.set_language("en")
    out = tmp_path / f"{kind}.pdf"
    res = printing.build(kind, out, **FILTERS.get(kind, {}))
    assert res.pages >= 1
    assert not re.search(r"[А-Яа-яЁё]", res.title.replace("ф.", "")) or kind in OFFICIAL_FORMS, res.title
    text = "\n".join(p.extract_text() or "" for p in PdfReader(out).pages)
    assert text.strip()
    if kind in OFFICIAL_FORMS:  # kept in Russian by kind (see the module's doc): word for word the Russian build
        assert OFFICIAL_FORMS[kind] in text or OFFICIAL_FORMS[kind] in res.title, (kind, res.title)
        assert not re.search(r"[А-Яа-яЁё]", res.title), res.title  # the window names it in English
        i18n.set_language("ru")
        ru = tmp_path / f"{kind}-ru.pdf"
        printing.build(kind, ru, **FILTERS.get(kind, {}))
        assert text == "\n".join(p.extract_text() or "" for p in PdfReader(ru).pages)
        return
    left = russian_words(text, _data_words())
    assert not left, "\n".join(f"{w!r} in {line!r}" for w, line in dict.fromkeys(left))


def test_every_document_is_checked_or_exempt_by_kind():
    assert set(OFFICIAL_FORMS) == printing.OFFICIAL_KINDS <= set(printing.KINDS)
    assert len(set(printing.KINDS) - set(OFFICIAL_FORMS)) >= 7  # labels, packet, timetable, plan, НМЦК, budget, KPI …
