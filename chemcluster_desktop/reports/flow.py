"""How a document's tables and what surrounds them fall onto pages (every official form and the signed
reports: procurement plan, budget, НМЦК justification, the room's discrepancy list).

- :class:`EndTogether` keeps a table's heading or the form's head (``lead``) with its first rows and
  what closes it (``tail``: totals in words, statements, signatures) with its last rows;
- :func:`titled` is a heading kept with the first rows of its table;
- :func:`signed` puts a document's signatures on the page of its last table rows (instead of
  ``styles.signature_block``, which could stand alone on the last page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Spacer, Table

from chemcluster_desktop.reports.gridtable import GridTable
from chemcluster_desktop.reports.styles import SMALL, DocInfo, SignatureBlock, p

# ``styles.table`` cuts long tables into chunks of 60 rows for speed, each chunk with its own head — on a
# form the next chunk then printed a second head in the middle of a page; the forms' tables are short
# (a movement's lines, a list of discrepancies), so each is one reportlab table, split only at page ends
ONE_TABLE = 100_000


class EndTogether(Flowable):
    """A form's table with what opens it (``lead``: the form's head, the basis, a receipt) and what
    closes it (``tail``: totals in words, the conclusion, statements, signatures). ``body`` is a
    reportlab ``Table`` or a ``GridTable``; it splits only between rows, its column header repeated.

    The rule, for any number of rows:

    1. the lead never ends a page: it stays with the column header and at least the first row
       (a form's head or a column header is never printed without rows below it);
    2. the tail starts on the page of the table's last rows: when the rows fit a page but the tail
       does not, the page is filled and its last ``MIN_ROWS`` rows go over with the tail (fewer when the
       table has fewer: one row always stays with the lead); a table's own total row (``total``) never
       goes over without the entry above it; a continued table starts a new page (no second column
       header and page total on one page);
    3. a table of one entry (or none) cannot be cut, so when lead, table and tail do not fit one page,
       rules 1 and 2 cannot both hold: the lead keeps the table and the tail goes over to the next page
       whole, led by its totals in words (the figures that the signatures certify) — a signature block
       never starts a page of its own (``_split_single``); that page opens with ``caption`` (the form's
       code and number, «продолжение»), so it cannot be taken for another document's;
    4. only a lead or a tail taller than a whole page is let go on its own.

    (Before: a ``KeepTogether`` around the closing blocks let them move to a page of their own when the
    rows filled the page; moving the whole table of a one- or two-row form to the tail's page left the
    form's head alone on page 1.)"""

    MIN_ROWS = 2

    def __init__(self, body: Flowable, tail: Sequence[Flowable], lead: Sequence[Flowable] = (), *,
                 total: bool = False, caption: str = ""):
        super().__init__()
        self.caption = caption
        self.body = body
        self.total = total  # the body's last row is the table's own total («Итого»)
        self.tail = _flat(tail)
        self.lead = _flat(lead)
        self._aw: float | None = None
        # per lead / tail flowable: w, h, space before, space after
        self._lsizes: list[tuple[float, float, float, float]] = []
        self._sizes: list[tuple[float, float, float, float]] = []

    @staticmethod
    def _measure(flowables: list[Flowable], aw: float) -> list[tuple[float, float, float, float]]:
        out = []
        for f in flowables:
            w, h = f.wrap(aw, 0x7FFFFFFF)
            out.append((w, h, f.getSpaceBefore(), f.getSpaceAfter()))
        return out

    def wrap(self, aw, ah):
        self._aw = aw
        self._lsizes = self._measure(self.lead, aw)
        self._sizes = self._measure(self.tail, aw)
        self._lh = sum(h + b + a for _w, h, b, a in self._lsizes)
        self._th = sum(h + b + a for _w, h, b, a in self._sizes)
        self._bw, self._bh = self.body.wrap(aw, ah)
        self.width = max([self._bw, *(w for w, *_ in self._lsizes), *(w for w, *_ in self._sizes)])
        self.height = self._lh + self._bh + self._th
        return self.width, self.height

    def split(self, aw, ah):
        if self._aw != aw:
            self.wrap(aw, ah)
        frame = getattr(self, "_frame", None)
        at_top = getattr(frame, "_atTop", False)
        page = getattr(frame, "_height", None)
        rows = _rows(self.body)
        entries = rows - 1 if self.total else rows
        room = ah - self._lh - 0.01  # what the table has beside the lead
        first = self.body.split(aw, room) if room > 0 else []
        if not rows and self._bh <= room:
            first = [self.body]  # an empty table (its column header, a total) fits: it is not split
        if not first:  # not even the first row fits under the lead
            if not at_top:
                return []  # all of it to the next page
            if self.lead:  # the lead alone is about a page tall: nothing better than letting it go
                return [*self.lead, FrameBreak(), EndTogether(self.body, self.tail, total=self.total)]
            return [*(self.body.split(aw, ah) or [self.body]), *self.tail]  # a row taller than a page
        if len(first) == 1:  # the whole table fits, the tail does not
            if entries >= 2:  # the last rows go over with the tail, at least one entry stays
                keep = min(self.MIN_ROWS, rows - 1)
                parts = self.body.split(aw, self._bh - _last_rows_height(self.body, keep) + 0.01)
            else:
                return self._split_single(at_top, page)
        elif entries <= 1:  # the table runs on but cannot be cut without its total going alone
            if not at_top:
                return []  # all of it to the next page
            parts = []
        else:  # the table runs on: its last part carries the tail
            parts = self._make_room(aw, room, rows)
        if len(parts) < 2:
            if not at_top:
                return []
            return [*self.lead, *(self.body.split(aw, ah - self._lh) or [self.body]), *self.tail]
        # the rest starts a new page (otherwise it would go on in the room left for the tail, a second
        # table head and page total on the same page)
        return [*self.lead, *parts[:-1], FrameBreak(), EndTogether(parts[-1], self.tail, total=self.total)]

    def _split_single(self, at_top: bool, page: float | None) -> list[Flowable]:
        """Rule 3: a table of one entry (or none) and a tail that do not fit the page together."""
        if not at_top and page is not None and self.height <= page:
            return []  # on a fresh page all of it fits
        head = [p(self.caption, SMALL)] if self.caption else []
        return [*self.lead, self.body, FrameBreak(), KeepTogether([*head, *self.tail])]

    def _make_room(self, aw: float, room: float, rows: int) -> list[Flowable]:
        """The body split so that its first part fits ``room`` and its last part holds at least
        ``MIN_ROWS`` rows (a table's own «Итого» row does not go over with the signatures alone)."""
        need = max(min(self.MIN_ROWS, rows - 1), 2 if self.total else 1)  # a total with an entry above it
        step = 8.0  # pt, about the height of the smallest row
        while room > 0:
            parts = self.body.split(aw, room)
            if len(parts) < 2 or _rows(parts[-1]) >= need:
                return parts
            room -= step
        return []

    def draw(self):
        canv = self.canv
        y = self.height
        for f, (w, h, before, after) in zip(self.lead, self._lsizes, strict=True):
            y -= before + h
            f.drawOn(canv, 0, y, _sW=self.width - w)
            y -= after
        y -= self._bh
        self.body.drawOn(canv, 0, y, _sW=self.width - self._bw)
        for f, (w, h, before, after) in zip(self.tail, self._sizes, strict=True):
            y -= before + h
            f.drawOn(canv, 0, y, _sW=self.width - w)
            y -= after


def _last_rows_height(part: Flowable, k: int) -> float:
    """The height of the last ``k`` rows of a (wrapped) table part."""
    if isinstance(part, Table):
        return sum(part._rowHeights[-k:])
    return sum(part._lay.heights[part._end - k:part._end])  # GridTable


def _rows(part: Flowable) -> int:
    """Body rows of a table part (a repeated header not counted)."""
    if isinstance(part, Table):
        return part._nrows - (part.repeatRows if isinstance(part.repeatRows, int) else len(part.repeatRows))
    return part._end - part._start  # GridTable


def _flat(flowables: Sequence[Flowable]) -> list[Flowable]:
    out: list[Flowable] = []
    for f in flowables:
        if isinstance(f, KeepTogether):
            out += _flat(f._content)
        else:
            out.append(f)
    return out


def end_together(table_flowables: Sequence[Flowable], tail: Sequence[Flowable],
                 lead: Sequence[Flowable] = (), *, total: bool = False, caption: str = "") -> list[Flowable]:
    """``lead``, ``table_flowables`` (a table, perhaps in several chunks) and ``tail``: the lead kept on
    the page of the table's first rows, the tail on the page of its last rows; ``total``: the table's
    last row is its own total; ``caption`` opens a page that holds only the closing blocks (see
    :class:`EndTogether`; :func:`continued` gives the form's)."""
    if len(table_flowables) == 1:
        return [EndTogether(table_flowables[0], tail, lead, total=total, caption=caption)]
    first, *middle, last = table_flowables
    return [EndTogether(first, (), lead), *middle, EndTogether(last, tail, total=total, caption=caption)]


def titled(heading: Sequence[Flowable], table_flowables: Sequence[Flowable], *, total: bool = False) -> list[Flowable]:
    """A table's heading (and the spacing above it) kept on the page of its first rows; a section that
    has no table (a «none» sentence instead) is printed as it is."""
    if not table_flowables or not isinstance(table_flowables[0], Table | GridTable):
        return [*heading, *table_flowables]
    return end_together(table_flowables, (), heading, total=total)


def signed(story: list[Flowable], info: DocInfo, width: float, *, total: bool = False) -> tuple[list[Flowable], DocInfo]:
    """``info.signatures`` put by :func:`with_signatures`; the returned info has none left for ``build_pdf``
    to append again (its ``signature_block`` could stand alone on the last page)."""
    if not info.signatures:
        return story, info
    out = with_signatures(story, info.signatures, width, total=total)
    return (out, replace(info, signatures=[])) if out is not story else (story, info)


def with_signatures(story: list[Flowable], signatures: list[tuple[str, str]], width: float, *,
                    total: bool = False) -> list[Flowable]:
    """The signatures on the page of the last table rows of ``story`` and of what follows that table
    (notes, a verdict, a chart), never on a page of their own; ``total``: that table ends with its own
    total row (a titled table says it itself). ``story`` itself back when it has no table."""
    last = max((i for i, f in enumerate(story) if isinstance(f, Table | EndTogether)), default=None)
    if last is None:
        return story
    tail = [*story[last + 1:], Spacer(1, 6 * mm), SignatureBlock(signatures, width)]
    f = story[last]
    if isinstance(f, EndTogether):  # a titled table: its heading stays with its first rows
        together = EndTogether(f.body, [*f.tail, *tail], f.lead, total=f.total or total, caption=f.caption)
    else:
        together = EndTogether(f, tail, total=total)
    return [*story[:last], together]
