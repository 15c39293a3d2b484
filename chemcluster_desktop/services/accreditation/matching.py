"""Automatic matching of infrastructure list lines to inventory items (no database here).

A token scorer tolerant of case, word order, punctuation, ё/е, units and Russian word endings:
«Колба коническая Кн-1-100, 100 мл» and «колбы конические 100мл (Кн-1-100)» share the tokens
``колб``, ``коническ``, ``100мл``, ``кн1100``. Tokens are weighted by rarity (IDF) over the items
and lines being matched, so «весы» counts for more than «лабораторный». The head noun (the first
word of a Russian name) must be present, or the score is cut.

Scores are 0..100; :data:`CONFIDENT` and above are applied, :data:`DOUBTFUL` and above proposed.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

CONFIDENT = 72
DOUBTFUL = 40
MAX_PROPOSALS_PER_LINE = 3

_SPLIT = re.compile(r"[^0-9a-zа-я]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-zа-я])(?=\d)|(?<=\d)(?=[a-zа-я])")
UNITS = {"мл", "л", "г", "кг", "мг", "мм", "см", "м", "вт", "квт", "в", "гц", "об", "мин", "мкл", "нм", "мкм",
         "шт", "пар", "мп", "бар", "па", "кпа", "мпа", "c", "ч", "а"}
STOP = {"и", "в", "во", "на", "для", "с", "со", "по", "не", "менее", "более", "от", "до", "или", "из", "к", "под",
        "при", "без", "тип", "шт", "штук", "ед", "комплект", "компл", "набор", "а", "о", "об", "за", "типа",
        "наличие", "наличии", "также", "либо", "размер", "аналог", "эквивалент", "см", "ссылка", "http",
        "https", "www", "ru", "com", "гост", "ту", "мм", "no", "n"}
_ENDINGS = sorted("""ями ами ого его ому ему ыми ими ах ях ой ей ая яя ое ее ые ие ый ий ых их ую юю ом ем ам ям
ов ев ы и а я о е у ю ь""".split(), key=len, reverse=True)


def fold(text: object) -> str:
    if text is None:
        return ""
    return str(text).casefold().replace("ё", "е")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3 or not ("а" <= word[0] <= "я"):
        return word
    for e in _ENDINGS:
        if word.endswith(e) and len(word) - len(e) >= 3:
            word = word[: -len(e)]
            break
    return word[:7]


def tokens(text: object) -> list[str]:
    return list(_tokens(str(text) if text is not None else ""))


@lru_cache(maxsize=50_000)
def _tokens(text: str) -> tuple[str, ...]:
    """Folded, stemmed tokens; a number followed by a unit becomes one token («100 мл» → «100мл»);
    a code like «Кн-1-100» gives also its joined form «кн1100»."""
    s = fold(text)
    out: list[str] = []
    for code in re.findall(r"[0-9a-zа-я]+(?:[-/.][0-9a-zа-я]+)+", s):
        if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            out.append(re.sub(r"[-/.]", "", code))
    parts = [p for p in _SPLIT.split(_LETTER_DIGIT.sub(" ", s)) if p]
    i = 0
    while i < len(parts):
        w = parts[i]
        if w.isdigit() and i + 1 < len(parts) and parts[i + 1] in UNITS:
            out.append(w + parts[i + 1])
            i += 2
            continue
        if w in STOP or w in UNITS:
            i += 1
            continue
        if len(w) == 1 and not w.isdigit():
            i += 1
            continue
        out.append(stem(w))
        i += 1
    return tuple(out)


def _digits(t: str) -> str:
    m = re.match(r"\d+", t)
    return m.group(0) if m else t


@dataclass
class LineIn:
    key: int  # checklist line id
    name: str
    specification: str
    missing: Decimal  # required minus what is already counted (> 0 means still open)


@dataclass
class ItemIn:
    key: int  # item id
    name: str
    model: str
    manufacturer: str
    quantity: Decimal


@dataclass
class Pair:
    line: int
    item: int
    score: int
    quantity: Decimal


class Scorer:
    def __init__(self, lines: list[LineIn], items: list[ItemIn]):
        self.item_tokens: dict[int, set[str]] = {}
        self.item_name_tokens: dict[int, set[str]] = {}
        df: dict[str, int] = defaultdict(int)
        self.index: dict[str, list[int]] = defaultdict(list)
        for it in items:
            nt = set(tokens(it.name))
            at = nt | set(tokens(it.model)) | set(tokens(it.manufacturer))
            self.item_tokens[it.key] = at
            # the words of the item's name that say what it is (codes and sizes are not held against it)
            self.item_name_tokens[it.key] = {t for t in nt if not any(c.isdigit() for c in t)} or nt
            for t in at:
                df[t] += 1
                self.index[t].append(it.key)
        self.n = max(len(items), 1)
        self.df = df
        self._idf: dict[str, float] = {}
        self.item_weight = {k: sum(self.idf(t) for t in nt) or 1.0 for k, nt in self.item_name_tokens.items()}

    def idf(self, t: str) -> float:
        v = self._idf.get(t)
        if v is None:
            v = self._idf[t] = math.log(1 + self.n / (1 + self.df.get(t, 0)))
        return v

    def candidates(self, name_tokens: list[str]) -> set[int]:
        """Items with the head noun, plus items sharing the line's rarest other word."""
        out: set[int] = set(self.index.get(name_tokens[0], ()))
        rest = [t for t in name_tokens[1:] if t in self.index]
        if rest:
            rare = min(rest, key=lambda t: len(self.index[t]))
            if len(self.index[rare]) <= 300:
                out.update(self.index[rare])
        return out

    def prepare(self, name_toks: list[str], spec_toks: set[str]) -> tuple:
        """What a line brings to every comparison, computed once per line."""
        nt = frozenset(name_toks)
        w_line = sum(self.idf(t) for t in nt)
        spec = [(t, _digits(t)) for t in spec_toks if (any(c.isdigit() for c in t) or len(t) > 4) and t not in nt]
        return nt, name_toks[0], w_line, spec

    def score(self, prepared: tuple, item_key: int) -> int:
        nt, head, w_line, spec = prepared
        if not nt:
            return 0
        it = self.item_tokens[item_key]
        itn = self.item_name_tokens[item_key]
        idf = self._idf
        common = nt & it
        w_common = 0.0
        w_common_name = 0.0
        for t in common:
            v = idf.get(t) or self.idf(t)
            w_common += v
            if t in itn:
                w_common_name += v
        contain_line = w_common / w_line if w_line else 0.0
        contain_item = min(1.0, w_common_name / self.item_weight[item_key])
        sim = 0.6 * contain_line + 0.4 * contain_item
        if head not in it:
            sim *= 0.55
        if spec:
            hit = sum(1 for t, d in spec if t in it or d in it) / len(spec)
            sim = sim * 0.92 + 0.08 * hit + (0.05 if hit >= 0.5 else 0.0)
        else:
            sim = sim * 0.95 + 0.05 * contain_item
        return max(0, min(100, round(sim * 100)))


def match(lines: list[LineIn], items: list[ItemIn], *, rejected: set[tuple[int, int]] | None = None,
          progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None) -> tuple[list[Pair], list[Pair]]:
    """(applied, proposed). Each item is used for at most one line; a line takes confident items
    until its missing quantity is covered; doubtful pairs are proposed (up to 3 per line)."""
    rejected = rejected or set()
    scorer = Scorer(lines, items)
    qty = {it.key: it.quantity for it in items}
    pairs: list[tuple[int, int, int]] = []  # (-score, line, item)
    for n, ln in enumerate(lines):
        if cancelled is not None and n % 20 == 0 and cancelled():
            from chemcluster_desktop.services.errors import Cancelled

            raise Cancelled()
        if progress is not None and n % 20 == 0:
            progress(n, len(lines))
        if ln.missing <= 0:
            continue
        nt = tokens(ln.name)
        if not nt:
            continue
        prepared = scorer.prepare(nt, set(tokens(ln.specification)))
        for key in scorer.candidates(nt):
            if (ln.key, key) in rejected:
                continue
            sc = scorer.score(prepared, key)
            if sc >= DOUBTFUL:
                pairs.append((-sc, ln.key, key))
    pairs.sort()
    missing = {ln.key: ln.missing for ln in lines}
    used: set[int] = set()
    applied: list[Pair] = []
    for neg, lk, ik in pairs:
        sc = -neg
        if sc < CONFIDENT:
            break
        if ik in used or missing[lk] <= 0:
            continue
        used.add(ik)
        missing[lk] -= qty[ik]
        applied.append(Pair(lk, ik, sc, qty[ik]))
    proposed: list[Pair] = []
    per_line: dict[int, int] = defaultdict(int)
    proposed_items: set[int] = set()
    for neg, lk, ik in pairs:
        sc = -neg
        if ik in used or ik in proposed_items or missing[lk] <= 0 or per_line[lk] >= MAX_PROPOSALS_PER_LINE:
            continue
        per_line[lk] += 1
        proposed_items.add(ik)
        proposed.append(Pair(lk, ik, sc, qty[ik]))
    if progress is not None:
        progress(len(lines), len(lines))
    return applied, proposed


# --- weak proposals (issue 16) -------------------------------------------------------------------------
# «Подтвердить все» leaves unticked a proposal below this score, or one whose names differ by a
# describing word (an adjective on both sides: «Перчатки латексные» ↔ «Перчатки нитриловые» — another
# material). The scores between DOUBTFUL (40) and CONFIDENT (72) are the doubtful band; below its
# middle a pair shares little more than its head noun.
CONFIRM_THRESHOLD = 60
_ADJ = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ые|ие|ых|их|ого|его|ую|юю)$")


def _adjectives(text: object) -> dict[str, str]:
    """The describing words (Russian adjectives) of a name: stem → the word as written."""
    words = [w for w in _SPLIT.split(fold(text)) if len(w) > 4 and not any(c.isdigit() for c in w)]
    return {stem(w): w for w in words if _ADJ.search(w)}


def weak_signs(line_name: str, line_spec: str, item_name: str, item_model: str,
               score: int) -> tuple[list[str], list[str], bool]:
    """Why a proposal should not be confirmed without a look: (describing words of the line the item
    lacks, those of the item the line lacks — a conflict when both are non-empty, score below
    :data:`CONFIRM_THRESHOLD`)."""
    line_words = set(tokens(line_name)) | set(tokens(line_spec))
    item_words = set(tokens(item_name)) | set(tokens(item_model))
    only_line = [w for st, w in sorted(_adjectives(line_name).items()) if st not in item_words]
    only_item = [w for st, w in sorted(_adjectives(item_name).items()) if st not in line_words]
    if not (only_line and only_item):
        only_line, only_item = [], []
    return only_line, only_item, score < CONFIRM_THRESHOLD
