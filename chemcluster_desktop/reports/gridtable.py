"""A fast table for long listings (thousands of rows of plain text), drawn straight to the canvas.

``styles.table()`` builds reportlab ``Table``s: right for short documents, but a 10,000-row
inventory list spends seconds in ``Table`` / ``Paragraph`` layout. :class:`GridTable` knows only
what such a listing needs and does it once per row:

- fixed column widths; every cell is plain text, measured with the font's own glyph widths and
  wrapped (at spaces, or inside a long word) only when it overflows its column — never cut;
- a header of spanned cells (``HeadCell``), repeated at the top of every page;
- rows are never split across pages; a row may be bold (totals); zebra stripes;
- when the table runs over several pages, every page part ends with a subtotal row (``subtotal``
  callback, e.g. «Итого по странице» of form ИНВ-1);
- each page part is written as a few PDF operators: one fill for the stripes, one stroked path for
  the whole grid, one text object — through the TrueType font's own subsetting, so the text is
  ordinary searchable/copyable PDF text in the same DejaVu fonts as the rest of the document.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from chemcluster_desktop.reports import fonts

fonts.register()

# a row taller than this many lines would not fit a landscape page with its header; such a cell
# (pathological: several thousand characters) is shortened with «…»
MAX_LINES = 36


@dataclass(frozen=True)
class HeadCell:
    text: str
    c0: int
    c1: int  # inclusive
    r0: int = 0
    r1: int = 0  # inclusive


def _rgb(c) -> str:
    return f"{c.red:.3f} {c.green:.3f} {c.blue:.3f}"


_OTHER = "\uffff"  # stands for a character of a later font subset in the translate() fast path


class _Widths(dict):
    """char -> advance width in points, filled on first use (so ``map(d.__getitem__, s)`` works)."""

    def __init__(self, get, dw, k):
        super().__init__()
        self._get, self._dw, self._k = get, dw, k

    def __missing__(self, ch):
        w = self[ch] = self._get(ord(ch), self._dw) * self._k
        return w


class _Subset0(dict):
    """``str.translate`` table: code point -> the escaped byte of its glyph in the font's first
    subset, or ``_OTHER`` when reportlab put the glyph in a later subset (after ~220 distinct
    characters in one document)."""

    def __init__(self, font, doc):
        super().__init__()
        self.font, self.doc = font, doc
        self.subset: dict[int, tuple[int, str]] = {}

    def __missing__(self, code):
        sub, b = self.font.splitString(chr(code), self.doc)[0]
        self.subset[code] = (sub, escapePDF(b))
        v = self[code] = escapePDF(b) if sub == 0 else _OTHER
        return v


class _Font:
    """Glyph widths and PDF text encoding of one TrueType font, cached per character.

    The text goes through reportlab's own subsetting (``TTFont.splitString``), exactly what
    ``Canvas.drawString`` emits, only without its per-call overhead."""

    def __init__(self, name: str, size: float):
        self.name = name
        self.size = size
        self.font = pdfmetrics.getFont(name)
        face = self.font.face
        self._cw = _Widths(face.charWidths.get, face.defaultWidth, size / 1000.0)
        self._doc = None
        self._t0: _Subset0 | None = None

    def width(self, s: str) -> float:
        return sum(map(self._cw.__getitem__, s))

    def table(self, doc) -> _Subset0:
        if doc is not self._doc:
            self._doc = doc
            self._t0 = _Subset0(self.font, doc)
        return self._t0

    def chunks(self, s: str, doc) -> list[tuple[int, str]]:
        """``s`` as (subset, escaped bytes) runs for ``(...) Tj``."""
        t0 = self.table(doc)
        e = s.translate(t0)
        if _OTHER not in e:
            return [(0, e)]
        out: list[tuple[int, str]] = []
        cur = -1
        buf: list[str] = []
        for ch in s:
            code = ord(ch)
            t0[code]  # noqa: B018 — makes sure the character has its place in a subset
            sub, esc = t0.subset[code]
            if sub != cur:
                if buf:
                    out.append((cur, "".join(buf)))
                    buf = []
                cur = sub
            buf.append(esc)
        if buf:
            out.append((cur, "".join(buf)))
        return out

    def pdf_name(self, subset: int, doc) -> str:
        return self.font.getSubsetInternalName(subset, doc)


def wrap_text(text: str, avail: float, width: Callable[[str], float]) -> list[str]:
    """Lines of ``text`` no wider than ``avail``: breaks at spaces, inside a word only when the
    word alone is wider than the column. Explicit newlines are kept."""
    out: list[str] = []
    for para in text.replace("\t", " ").replace("\r", "").split("\n"):
        if width(para) <= avail:
            out.append(para)
            continue
        cur = ""
        for word in para.split(" "):
            cand = f"{cur} {word}" if cur else word
            if width(cand) <= avail:
                cur = cand
                continue
            if cur:
                out.append(cur)
                cur = ""
            while width(word) > avail and len(word) > 1:
                k = 1
                acc = width(word[0])
                while k < len(word):
                    nxt = acc + width(word[k])
                    if nxt > avail:
                        break
                    acc = nxt
                    k += 1
                out.append(word[:k])
                word = word[k:]
            cur = word
        out.append(cur)
    return out


class _Layout:
    """Everything computed once for the whole table and shared by its page parts."""

    def __init__(self, rows: Sequence[Sequence[object]], widths: Sequence[float], head: Sequence[HeadCell],
                 head_rows: int, align: Sequence[str], bold_rows: set[int], zebra: bool,
                 subtotal: Callable[[int, int], Sequence[object]] | None, style, subtotal_lines: int = 1):
        self.widths = list(widths)
        self.x = [0.0, *accumulate(self.widths)]
        self.total_w = self.x[-1]
        self.align = list(align)
        self.bold_rows = bold_rows
        self.zebra = zebra
        self.subtotal = subtotal
        self.st = style
        self.reg = _Font(style.font, style.size)
        self.bold = _Font(style.bold_font, style.size)
        pad = style.pad_x
        avail = [w - 2 * pad for w in self.widths]
        lead = style.leading
        vpad = 2 * style.pad_y
        # per row, per cell: the printed lines as (text, width) — measured here once, so drawing
        # needs no further measuring (right and centred text is placed by its width)
        self.cells: list[list[Sequence[tuple[str, float]]]] = []
        heights: list[float] = []
        one = lead + vpad
        for i, r in enumerate(rows):
            f = self.bold if i in bold_rows else self.reg
            fw = f.width
            g = f._cw.__getitem__
            cells = []
            nmax = 1
            for c, v in enumerate(r):
                s = v if type(v) is str else ("" if v is None else str(v))
                if not s:
                    cells.append(())
                    continue
                w = sum(map(g, s))
                if w > avail[c] or "\n" in s or "\t" in s or "\r" in s:
                    lines = wrap_text(s, avail[c], fw)
                    if len(lines) > MAX_LINES:
                        lines = lines[:MAX_LINES]
                        lines[-1] = lines[-1][:-1] + "…"
                    if len(lines) > nmax:
                        nmax = len(lines)
                    cells.append([(ln, fw(ln)) for ln in lines])
                else:
                    cells.append(((s, w),))
            self.cells.append(cells)
            heights.append(one if nmax == 1 else nmax * lead + vpad)
        self.heights = heights
        self.cum = [0.0, *accumulate(heights)]  # cum[i] = height of rows [0, i)
        self.sub_h = subtotal_lines * lead + vpad  # a subtotal cell may hold several lines («\n»)
        # header: rows heights so that every (spanned) cell's wrapped text fits
        self.head = []
        hh = [lead + vpad] * head_rows
        for hc in head:
            w = self.x[hc.c1 + 1] - self.x[hc.c0] - 2 * pad
            lines = wrap_text(hc.text, w, self.bold.width) if hc.text else []
            self.head.append((hc, lines))
            need = max(1, len(lines)) * lead + vpad
            have = sum(hh[hc.r0:hc.r1 + 1])
            if need > have:
                hh[hc.r0] += need - have
        self.head_row_h = hh
        self.head_h = sum(hh)

    def rows_height(self, a: int, b: int) -> float:
        return self.cum[b] - self.cum[a]

    def fit(self, start: int, avail: float) -> int:
        """The end (exclusive) of the rows from ``start`` that fit ``avail`` (header and subtotal
        included); ``start`` when not even one row fits."""
        room = avail - self.head_h - self.sub_h
        return max(start, bisect_right(self.cum, self.cum[start] + room + 1e-6) - 1)

    # -- drawing -------------------------------------------------------------------------------------

    def cell_text(self, out: list[str], f: _Font, doc, state: list, x: float, y: float, s: str) -> None:
        runs = f.chunks(s, doc)
        if len(runs) == 1:
            sub, esc = runs[0]
            if state[0] != (f.name, sub):
                out.append(f"{f.pdf_name(sub, doc)} {f.size:g} Tf")
                state[0] = (f.name, sub)
            out.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm ({esc}) Tj")
            return
        out.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for sub, esc in runs:  # the runs follow each other with Tj's own advance
            if state[0] != (f.name, sub):
                out.append(f"{f.pdf_name(sub, doc)} {f.size:g} Tf")
                state[0] = (f.name, sub)
            out.append(f"({esc}) Tj")

    def line_x(self, f: _Font, c0: int, c1: int, s: str, how: str) -> float:
        pad = self.st.pad_x
        if how == "R":
            return self.x[c1 + 1] - pad - f.width(s)
        if how == "C":
            return (self.x[c0] + self.x[c1 + 1] - f.width(s)) / 2
        return self.x[c0] + pad

    def first_baseline(self, top: float) -> float:
        st = self.st
        return top - st.pad_y - st.leading / 2 - 0.35 * st.size

    def _subtotal_row(self, text: list[str], path: list[str], doc, state: list, y_top: float, start: int,
                      end: int) -> float:
        st = self.st
        x = self.x
        bottom = y_top - self.sub_h
        base = self.first_baseline(y_top)
        for c, v in enumerate(self.subtotal(start, end)):
            for k, s in enumerate(("" if v is None else str(v)).split("\n")):
                if not s:
                    continue
                y = base - k * st.leading
                if self.bold.width(s) > self.widths[c] - 2 * st.pad_x:
                    # a label wider than its column runs on into the next (empty) ones
                    self.cell_text(text, self.bold, doc, state, x[c] + st.pad_x, y, s)
                else:
                    self.cell_text(text, self.bold, doc, state, self.line_x(self.bold, c, c, s, self.align[c]), y, s)
        path.append(f"0 {bottom:.2f} m {self.total_w:.2f} {bottom:.2f} l")
        return bottom

    def draw_part(self, canv, start: int, end: int, continued: bool, height: float) -> None:
        doc = canv._doc
        st = self.st
        lead = st.leading
        x = self.x
        W = self.total_w
        out: list[str] = ["q"]
        fills: list[str] = []
        path: list[str] = []
        text: list[str] = []
        state: list = [None]
        # header
        top = height
        row_top = [top]
        for h in self.head_row_h:
            row_top.append(row_top[-1] - h)
        hb = row_top[-1]
        fills.append(f"{_rgb(st.head_bg)} rg 0 {hb:.2f} {W:.2f} {self.head_h:.2f} re f")
        for hc, lines in self.head:
            t, b = row_top[hc.r0], row_top[hc.r1 + 1]
            x0, x1 = x[hc.c0], x[hc.c1 + 1]
            path.append(f"{x0:.2f} {b:.2f} {x1 - x0:.2f} {t - b:.2f} re")
            blk = len(lines) * lead
            y = (t + b) / 2 + blk / 2 - lead / 2 - 0.35 * st.size
            for ln in lines:
                self.cell_text(text, self.bold, doc, state, self.line_x(self.bold, hc.c0, hc.c1, ln, "C"), y, ln)
                y -= lead
        pad = st.pad_x
        align = self.align
        xl = [x[c] + pad for c in range(len(self.widths))]
        xr = [x[c + 1] - pad for c in range(len(self.widths))]
        xc = [(x[c] + x[c + 1]) / 2 for c in range(len(self.widths))]
        cur_f = t0 = key0 = None
        # body; a page part that ends with the table's own total (a bold last row) gets its page
        # subtotal just above that total
        n = len(self.heights)
        sub = continued and self.subtotal is not None
        last_total = end == n and end - 1 in self.bold_rows and end - 1 > start
        y_top = hb
        zebra_rects: list[str] = []
        for i in range(start, end):
            if sub and last_total and i == end - 1:
                y_top = self._subtotal_row(text, path, doc, state, y_top, start, end)
                sub = False
            h = self.heights[i]
            bottom = y_top - h
            if self.zebra and i % 2 == 1 and i not in self.bold_rows:
                zebra_rects.append(f"0 {bottom:.2f} {W:.2f} {h:.2f} re")
            f = self.bold if i in self.bold_rows else self.reg
            base = self.first_baseline(y_top)
            if f is not cur_f:
                cur_f = f
                t0 = f.table(doc)
                key0 = (f.name, 0)
            for c, lines in enumerate(self.cells[i]):
                if not lines:
                    continue
                y = base
                how = align[c]
                for ln, w in lines:
                    xx = xr[c] - w if how == "R" else xc[c] - w / 2 if how == "C" else xl[c]
                    e = ln.translate(t0)
                    if _OTHER in e:
                        self.cell_text(text, f, doc, state, xx, y, ln)
                    elif e:
                        if state[0] != key0:
                            text.append(f"{f.pdf_name(0, doc)} {f.size:g} Tf")
                            state[0] = key0
                        text.append(f"1 0 0 1 {xx:.2f} {y:.2f} Tm ({e}) Tj")
                    y -= lead
            path.append(f"0 {bottom:.2f} m {W:.2f} {bottom:.2f} l")
            y_top = bottom
        if sub:
            y_top = self._subtotal_row(text, path, doc, state, y_top, start, end)
        body_bottom = y_top
        for c in range(len(x)):
            path.append(f"{x[c]:.2f} {body_bottom:.2f} m {x[c]:.2f} {hb:.2f} l")
        if zebra_rects:
            fills.append(f"{_rgb(st.zebra_bg)} rg")
            fills.extend(zebra_rects)
            fills.append("f")
        out.extend(fills)
        out.append(f"{_rgb(st.rule)} RG {st.rule_w:g} w")
        out.extend(path)
        out.append("S")
        out.append(f"BT {_rgb(st.ink)} rg")
        out.extend(text)
        out.append("ET Q")
        canv.addLiteral("\n".join(out))


@dataclass(frozen=True)
class GridStyle:
    font: str
    bold_font: str
    size: float
    leading: float
    pad_x: float
    pad_y: float
    ink: object
    rule: object
    rule_w: float
    head_bg: object
    zebra_bg: object


class GridTable(Flowable):
    """A long plain-text table; see the module docstring. ``rows`` are lists of cell values (str()
    of each is printed); ``align`` per column "L", "R" or "C"; ``bold_rows`` are row indexes drawn
    bold without a stripe; ``subtotal(start, end)`` gives the cells of a page part's subtotal row."""

    def __init__(self, rows: Sequence[Sequence[object]], widths: Sequence[float], *, head: Sequence[HeadCell],
                 head_rows: int = 1, align: Sequence[str] | None = None, bold_rows: Sequence[int] = (),
                 zebra: bool = True, subtotal: Callable[[int, int], Sequence[object]] | None = None,
                 style: GridStyle, subtotal_lines: int = 1, every_page_subtotal: bool = False,
                 _layout: _Layout | None = None, _start: int = 0, _end: int | None = None, _continued: bool = False):
        super().__init__()
        if _layout is None:
            _layout = _Layout(rows, widths, head, head_rows, align or ["L"] * len(widths), set(bold_rows), zebra,
                              subtotal, style, subtotal_lines)
        self._lay = _layout
        self._start = _start
        self._end = len(_layout.heights) if _end is None else _end
        # a form that totals every page (ф. 0510466) has the subtotal even when the table fits one page
        self._continued = _continued or every_page_subtotal

    def _height(self, continued: bool | None = None) -> float:
        lay = self._lay
        cont = self._continued if continued is None else continued
        return lay.head_h + lay.rows_height(self._start, self._end) + (lay.sub_h if cont and lay.subtotal else 0)

    def wrap(self, aw, ah):
        self.width = self._lay.total_w
        self.height = self._height()
        return self.width, self.height

    def _part(self, start: int, end: int) -> GridTable:
        return GridTable((), (), head=(), style=self._lay.st, _layout=self._lay, _start=start, _end=end,
                         _continued=True)

    def split(self, aw, ah):
        lay = self._lay
        start, end = self._start, self._end
        if end - start <= 0:
            return []
        stop = min(lay.fit(start, ah), end)
        if stop <= start:
            return []
        if stop >= end:  # everything fits once a subtotal row is counted
            return [self._part(start, end)]
        # the last row (the table's own total) does not go to a page alone
        if end - stop == 1 and stop - start >= 2 and end - 1 in lay.bold_rows:
            stop -= 1
        return [self._part(start, stop), self._part(stop, end)]

    def draw(self):
        self._lay.draw_part(self.canv, self._start, self._end, self._continued, self.height)


__all__ = ["GridTable", "GridStyle", "HeadCell", "wrap_text"]
