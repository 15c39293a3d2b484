"""The shape of an inventory sheet: its header (one row, or several rows with merged captions), the
title block above it and the rows that are not data (column numbers, account captions, totals,
signatures).

The accounting statement «Оборотная ведомость по нефинансовым активам» (ф. 0504035, Приказ Минфина
России от 30.03.2015 № 52н, приложение 5) is the shape this was written for: a title block with the
institution, the period and the МОЛ; a header of two or three rows — «Наименование», «Номер (код)
объекта учета», «Единица измерения» (наименование | код по ОКЕИ), «Цена», «Остаток на начало»,
«Оборот: поступление (по дебету)», «выбытие (по кредиту)», «Остаток на конец», each of the last
four split into «количество | сумма»; a row with the column numbers 1…13; then the objects grouped by
account («Счет 101.34 …» caption, objects, «Итого по счету»), a «Всего» row and a signature block.

Nothing here knows the database: this is plain reading of cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.xlsx.common import (
    cell_text,
    match_header,
    match_header_row,
    norm_header,
    parse_number,
)


def _t(s: str) -> str:
    return translate("InventoryXlsx", s)


# the balance or turnover a column belongs to (norm_header text contains one of the words)
PERIODS = (
    ("closing", ("на конец", "конец периода", "конечный остаток", "остаток конец", "сальдо на конец")),
    ("opening", ("на начало", "начало периода", "начальный остаток", "сальдо на начало")),
    ("debit", ("поступлен", "по дебету", "дебет", "приход")),
    ("credit", ("выбыт", "по кредиту", "кредит", "расход")),
)
MEASURES = (("qty", ("количеств", "кол во")), ("sum", ("сумм", "стоимост")))
PERIOD_LABELS = {"closing": "остаток на конец", "opening": "остаток на начало", "debit": "поступление",
                 "credit": "выбытие"}
ACCOUNT_RX = re.compile(r"^\s*(?:сч[её]т|субсч[её]т)\s*(?:уч[её]та)?\s*[:№]?\s*(\d{3}(?:[.\s]\d{1,2}){0,3}|\d{4,9})",
                        re.IGNORECASE)
SIGNATURE_WORDS = ("ответственный исполнитель", "исполнитель", "главный бухгалтер", "руководитель",
                   "(подпись)", "(должность)", "(расшифровка подписи)", "подпись", "м. п.", "м.п.")
MOL_WORDS = ("материально ответственное лицо", "материально-ответственное лицо", "мол")


@dataclass
class Layout:
    header_row: int  # the first header row (from 1)
    last_row: int  # the last row that belongs to the header (sub-captions, column numbers)
    captions: list[str]  # one caption per column: the header rows read together
    columns: dict[str, int]  # field -> column index
    uncertain: dict[str, int] = field(default_factory=dict)
    unmatched: list[tuple[int, str]] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)  # why a column was taken when several could be the field
    ignored_rows: list[tuple[int, str]] = field(default_factory=list)  # rows of the header that are not data
    responsible: str = ""  # МОЛ from the title block
    statement: bool = False  # balances by period: the closing quantity is the quantity
    column_numbers: tuple[int, ...] = ()
    guessed: bool = True  # False: no header was recognised, the first row of captions is taken
    scanned: int = 0  # rows looked at for the header


def is_column_numbers_row(values: Sequence[Any]) -> bool:
    """The row «1 | 2 | 3 … 13» under an official form's header."""
    nums = []
    for v in values:
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        t = cell_text(v)
        if not t.isdigit():
            return False
        nums.append(int(t))
    return len(nums) >= 3 and nums[0] == 1 and nums == list(range(1, len(nums) + 1))


def account_of(values: Sequence[Any]) -> str | None:
    """«Счет 101.34 «Машины и оборудование — ОЦДИ»» → "101.34" (an account caption row)."""
    texts = []
    for v in values:  # a data row has more than 3 filled cells: stop at the fourth
        t = cell_text(v) if v is not None else ""
        if t:
            if len(texts) == 3:
                return None
            texts.append(t)
    if not texts:
        return None
    m = ACCOUNT_RX.match(texts[0])
    if not m:
        return None
    raw = re.sub(r"\s", ".", m.group(1))
    if "." not in raw and len(raw) >= 5:  # 10134 / 101340000 → 101.34
        raw = raw[:3] + "." + raw[3:5]
    return raw


def is_signature_row(values: Sequence[Any]) -> bool:
    for v in values:
        t = cell_text(v).casefold()
        if t:
            return t.startswith(SIGNATURE_WORDS) or t.strip("_ ") == ""
    return False


def _period(text: str) -> str | None:
    for code, words in PERIODS:
        if any(w in text for w in words):
            return code
    return None


def _measure(text: str) -> str | None:
    for code, words in MEASURES:
        if any(w in text for w in words):
            return code
    return None


def _mol(rows: list[tuple[int, Sequence[Any]]]) -> str:
    for _n, values in rows:
        texts = [cell_text(v) for v in values]
        for i, t in enumerate(texts):
            low = t.casefold()
            if not low.startswith(MOL_WORDS):
                continue
            rest = re.sub(r"^(материально[\s-]ответственное лицо|мол)\s*[:\-–—]?\s*", "", t, flags=re.IGNORECASE)
            if rest:
                return rest[:200]
            for later in texts[i + 1:]:
                if later and not later.startswith("("):
                    return later[:200]
    return ""


def _continuation(values: Sequence[Any], name_col: int) -> bool:
    """A header row below the first one: the name column is merged from above (empty) and every
    non-empty cell is a caption, not a number."""
    if name_col < len(values) and cell_text(values[name_col]):
        return False
    texts = [v for v in values if cell_text(v)]
    if not texts:
        return False
    return all(isinstance(v, str) and parse_number_or_none(v) is None for v in texts)


def parse_number_or_none(v: Any):
    try:
        return parse_number(v)
    except ValueError:
        return None


def _fill(levels: list[list[str]]) -> list[list[str]]:
    """Merged captions leave the first cell of the span filled and the others empty: an empty cell
    of an upper row takes the caption on its left when a lower row has a caption under it."""
    width = max((len(r) for r in levels), default=0)
    out = [r + [""] * (width - len(r)) for r in levels]
    for li in range(len(out) - 1):
        row = out[li]
        below = [any(out[k][j] for k in range(li + 1, len(out))) for j in range(width)]
        for j in range(1, width):
            same_parent = li == 0 or out[li - 1][j] == out[li - 1][j - 1]
            if not row[j] and below[j] and below[j - 1] and row[j - 1] and same_parent:
                row[j] = row[j - 1]
    return out


def find_layout(head: list[tuple[int, Sequence[Any]]], synonyms: dict[str, Sequence[str]],
                label=str) -> Layout | None:
    """The header among the first rows; ``None`` when no row looks like one."""
    for idx, (rownum, values) in enumerate(head):
        cols, _loose, _un = match_header_row(values, synonyms)
        if len(cols) < 2 or "name" not in cols:
            continue
        name_col = cols["name"]
        levels = [[cell_text(v) for v in values]]
        last = rownum
        ignored: list[tuple[int, str]] = []
        numbers: tuple[int, ...] = ()
        for rn, vals in head[idx + 1: idx + 4]:
            if is_column_numbers_row(vals):
                ignored.append((rn, _t("строка с номерами граф")))
                numbers = tuple(int(cell_text(v)) for v in vals if cell_text(v))
                last = rn
                break
            if not _continuation(vals, name_col):
                break
            levels.append([cell_text(v) for v in vals])
            last = rn
        filled = _fill(levels)
        width = len(filled[0])
        captions = [" ".join(dict.fromkeys(r[j] for r in filled if r[j])) for j in range(width)]
        lay = Layout(header_row=rownum, last_row=last, captions=captions, columns={}, ignored_rows=ignored,
                     responsible=_mol(head[:idx]), column_numbers=numbers)
        _match(lay, synonyms, filled[0], label, multi=len(levels) > 1)
        return lay
    return None


def _match(lay: Layout, synonyms: dict[str, Sequence[str]], tops: list[str], label, *, multi: bool) -> None:
    cands: dict[str, list[tuple[int, int, str | None]]] = {}  # field -> [(rank, column, period)]
    for j, cap in enumerate(lay.captions):
        if not cap:
            continue
        h = norm_header(cap)
        per, meas = _period(h), _measure(h)
        if "океи" in h:
            lay.unmatched.append((j, cap))
            continue
        if per is not None and meas is not None:
            if per == "closing":
                lay.statement = True
                f = "quantity" if meas == "qty" else "total_cost"
                cands.setdefault(f, []).append((0, j, per))
            else:
                lay.unmatched.append((j, cap))
                if meas == "qty":
                    cands.setdefault("quantity", []).append((9, j, per))
            continue
        f, certain = match_header(cap, synonyms)
        if f is None and multi and tops[j]:
            # the top caption alone («Единица измерения наименование» → «Единица измерения»)
            f, certain = match_header(tops[j], synonyms)
        if f is None:
            lay.unmatched.append((j, cap))
            continue
        cands.setdefault(f, []).append((0 if certain else 1, j, per))
    for f, lst in cands.items():
        lst.sort(key=lambda c: (c[0], c[1]))
        rank, j, per = lst[0]
        if rank >= 9:  # only opening / turnover quantities: none of them is what there is now
            continue
        lay.columns[f] = j
        if rank == 1:
            lay.uncertain[f] = j
        others = lst[1:]
        for _r, k, _p in others:
            if (k, lay.captions[k]) not in lay.unmatched:
                lay.unmatched.append((k, lay.captions[k]))
        if others:
            exact_only = rank == 0 and all(r > 0 for r, _k, _p in others)
            why = (_t("остаток на конец периода — то, что числится сейчас") if per == "closing"
                   else _t("название столбца совпадает точно") if exact_only else _t("он левее"))
            lay.choices.append(_t("«{0}»: взят столбец «{1}» ({2}), потому что {3}; не импортируются: {4}.")
                               .format(label(f), lay.captions[j], column_letter(j), why,
                                       ", ".join(f"«{lay.captions[k]}» ({column_letter(k)})" for _r, k, _p in others)))
    lay.unmatched.sort()


def column_letter(j: int) -> str:
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s
