"""Issue 16 (Language): the command line in English (``--lang en``): the help of every command and
subcommand, and what commands answer, carry no Russian but data.

Exempt by kind, with the reason:
- document numbers shown as examples («ПГ-2026-001», «ИНВ-2026-001»): the program numbers documents
  with the Russian prefixes of the college's accounting (Settings → numbering), in every language;
- the laws «44-ФЗ» / «223-ФЗ»: the values ``--law`` takes and the plan stores;
- the code of an assessment documentation set («КОД 18.02.12-1-2026»): an official identifier written
  so by its publisher (ИРПО), typed as it stands in every language.
"""

from __future__ import annotations

import argparse
import re

import pytest

from chemcluster_desktop import i18n
from tests.ui.english_walk import CYRILLIC, Exemption, data_values

DOC_NUMBER = re.compile(r"\b[А-Я]{2,3}-\d{4}-\d{3,4}\b|КОД \d{2}\.\d{2}\.\d{2}-\d+-\d{4}")
LAW = re.compile(r"\b(?:44|223)-ФЗ\b")
RUSSIAN_RUN = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё0-9«»\"().,:;№ -]*")


def _help_texts(parser: argparse.ArgumentParser, path: list[str]):
    yield " ".join(path), parser.format_help()
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, sub in a.choices.items():
                yield from _help_texts(sub, [*path, name])


def _russian_lines(text: str, exempt: Exemption | None = None) -> list[str]:
    """Lines with Russian that is not data. A table's column cuts a long name to its width: a run of
    Russian words that is a piece of a stored value is data too."""
    out = []
    for line in text.splitlines():
        rest = LAW.sub(" ", DOC_NUMBER.sub(" ", line))
        if exempt is not None:
            rest = exempt.residue(rest)
            runs = [r.strip() for r in RUSSIAN_RUN.findall(rest)]
            rest = " ".join(r for r in runs if not (len(r) >= 6 and any(r in v for v in exempt.values)))
        if CYRILLIC.search(rest):
            out.append(line)
    return out


def test_every_help_is_english():
    i18n.set_language("en")
    from chemcluster_desktop.cli import build_parser

    seen = 0
    bad = []
    for where, text in _help_texts(build_parser(), ["chemcluster"]):
        seen += 1
        bad += [f"{where}: {line.strip()}" for line in _russian_lines(text)]
    assert seen > 40  # every command and subcommand was read
    assert not bad, "\n".join(bad)


def test_help_names_no_internal_values_in_russian_either():
    """The filter labels of the reports centre are the same words without the value forms; the help
    adds them («Потребность (id)»): one place each, nothing doubled."""
    from chemcluster_desktop.services import printing

    for name, (_flag, label) in printing.FILTER_NAMES.items():
        assert "(" not in label and "|" not in label, label
        assert printing.filter_help(name).startswith(printing.filter_label(name))


@pytest.mark.parametrize("argv", [
    ["check"],
    ["stats"],
    ["user", "list"],
    ["inventory", "movements"],
    ["report", "nmck", "--need", "99999", "-o", "{tmp}/x.pdf"],
    ["report", "labels", "--per", "bogus", "-o", "{tmp}/x.pdf"],
    ["report", "inventory", "--workshop", "x", "-o", "{tmp}/x.pdf"],
    ["report", "budget", "-o", "{tmp}/budget.pdf"],
    ["schedule", "load", "--term", "X"],
    ["procurement", "plan"],
])
def test_command_answers_in_english(argv, demo_db_path, tmp_path, capsys):
    from chemcluster_desktop.services import context

    db = demo_db_path  # a copy of the demo database made for this test
    context.open_database(db)
    exempt = Exemption(data_values())
    context.close_database()
    from chemcluster_desktop.cli import main

    code = main(["--lang", "en", "--db", str(db), *[a.format(tmp=tmp_path) for a in argv]])
    out = capsys.readouterr()
    assert code in (0, 1), (code, out.err)
    text = out.out + out.err
    assert text.strip()
    assert not _russian_lines(text, exempt), "\n".join(_russian_lines(text, exempt))
