"""The parts every unified form of the Ministry of Finance shares (приказ Минфина России от 15.04.2021
№ 61н «Об утверждении унифицированных форм электронных документов бухгалтерского учёта…» в ред.
приказа от 07.11.2022 № 157н; 52н for ф. 0504xxx): the form's title and number, the codes box on the
right (Форма по ОКУД, Дата, по ОКПО, ИНН, КПП, по ОКЕИ), the header lines (учреждение, структурное
подразделение …) and the signatures with position, signature and its transcript.

Plain data in; :func:`build` lays the pages out with the common footer («стр. N из M»).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts
from chemcluster_desktop.reports.styles import BASE, INK, RULE, SMALL, DocInfo, build_pdf, content_width, p

FORM_TITLE = ParagraphStyle("formtitle", parent=BASE, fontName=fonts.BOLD, fontSize=10.5, leading=13,
                            alignment=TA_CENTER)
LABEL = ParagraphStyle("formlabel", parent=SMALL, fontSize=7.5, leading=9)
VALUE = ParagraphStyle("formvalue", parent=BASE, fontSize=8.5, leading=10.5)
TINY = ParagraphStyle("formtiny", parent=SMALL, fontSize=6, leading=7, alignment=TA_CENTER, textColor=INK)

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")


# ``styles.table`` cuts long tables into chunks of 60 rows for speed, each chunk with its own head — on a
# form the next chunk then printed a second head in the middle of a page; the forms' tables are short
# (a movement's lines, a list of discrepancies), so each is one reportlab table, split only at page ends
ONE_TABLE = 100_000


def _t(s: str) -> str:
    return translate("Forms", s)


@dataclass
class Requisites:
    """The institution as the forms print it (Сервис → Настройки)."""

    name: str = ""
    inn: str = ""
    kpp: str = ""
    okpo: str = ""
    unit: str = ""
    address: str = ""
    director: str = ""
    director_position: str = ""
    accountant: str = ""


@dataclass
class Signer:
    role: str  # «Председатель комиссии», «Член комиссии», «Материально ответственное лицо»
    position: str = ""
    name: str = ""


@dataclass
class FormHead:
    title: str  # «ИНВЕНТАРИЗАЦИОННАЯ ОПИСЬ (СЛИЧИТЕЛЬНАЯ ВЕДОМОСТЬ) …»
    number: str
    okud: str
    date: dt.date | None
    req: Requisites
    lines: list[tuple[str, str]] = field(default_factory=list)  # extra header lines (label, value)
    codes: list[tuple[str, str]] = field(default_factory=list)  # extra codes (label, code)
    okei: str = "383"  # the sums are in roubles


def long_date(d: dt.date | None) -> str:
    if d is None:
        return "«___» ____________ 20__ г."
    return f"«{d.day:02d}» {MONTHS[d.month - 1]} {d.year} г."


def short_date(d: dt.date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def header(h: FormHead, width: float) -> list:
    """The title with its number and date, and the header lines beside the codes box."""
    width -= 0.5  # float sums of the column widths must not exceed the frame
    code_w, label_w = 26 * mm, 24 * mm
    left_label = 48 * mm
    value_w = width - code_w - label_w - left_label
    rows: list[list] = []
    style: list = [("FONT", (0, 0), (-1, -1), fonts.CONDENSED, 8), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                   ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                   ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                   ("TEXTCOLOR", (0, 0), (-1, -1), INK)]
    codes = [("", _t("Коды")), (_t("Форма по ОКУД"), h.okud), (_t("Дата"), short_date(h.date)),
             (_t("по ОКПО"), h.req.okpo), (_t("ИНН"), h.req.inn), (_t("КПП"), h.req.kpp), *h.codes,
             (_t("по ОКЕИ"), h.okei)]
    lines = [("", ""), ("", ""), ("", _t("от {0}").format(long_date(h.date))),
             (_t("Учреждение"), h.req.name), ("", ""), ("", ""),
             (_t("Структурное подразделение"), h.req.unit), *h.lines,
             (_t("Единица измерения"), _t("руб."))]
    n = max(len(codes), len(lines))
    codes += [("", "")] * (n - len(codes))
    lines += [("", "")] * (n - len(lines))
    for i, ((lab, val), (clab, code)) in enumerate(zip(lines, codes, strict=True)):
        rows.append([p(lab, LABEL), p(val, VALUE), p(clab, LABEL), code])
        if val and lab:
            style.append(("LINEBELOW", (1, i), (1, i), 0.5, INK))
        if i == 0:
            style += [("ALIGN", (3, i), (3, i), "CENTER"), ("BOX", (3, i), (3, i), 0.6, INK)]
        else:
            style += [("BOX", (3, i), (3, i), 0.9 if i == 1 else 0.6, INK), ("ALIGN", (3, i), (3, i), "CENTER"),
                      ("FONT", (3, i), (3, i), fonts.CONDENSED_BOLD if i == 1 else fonts.CONDENSED, 8)]
        style.append(("ALIGN", (2, i), (2, i), "RIGHT"))
    t = Table(rows, colWidths=[left_label, value_w, label_w, code_w])
    t.setStyle(TableStyle(style))
    title = Paragraph(f"{_esc(h.title)}<br/>№ {_esc(h.number)}", FORM_TITLE)
    return [title, Spacer(1, 1 * mm), t, Spacer(1, 3 * mm)]


def _esc(s: str) -> str:
    from xml.sax.saxutils import escape

    return escape(s or "")


def field_lines(pairs: Sequence[tuple[str, str]], width: float, label_w: float = 60 * mm) -> Table:
    """Labelled values on underlined lines («Основание: …»)."""
    rows = [[p(a, LABEL), p(b, VALUE)] for a, b in pairs]
    t = Table(rows, colWidths=[label_w, width - label_w - 0.5])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (1, 0), (1, -1), 0.5, INK),
                           ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                           ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    return t


def signatures(signers: Sequence[Signer], width: float, *, on: dt.date | None = None) -> KeepTogether:
    """«Председатель комиссии  должность  ________  расшифровка подписи» with the captions under the lines."""
    return KeepTogether([Spacer(1, 3 * mm), _signature_table(signers, width, on)])


def _signature_table(signers: Sequence[Signer], width: float, on: dt.date | None) -> Table:
    width -= 0.5  # float sums of the column widths must not exceed the frame
    role_w = 48 * mm
    date_w = 22 * mm
    pos_w = (width - role_w - date_w) * 0.38
    sig_w = (width - role_w - date_w) * 0.24
    name_w = width - role_w - pos_w - sig_w - date_w
    rows, style = [], [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 0),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 0), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                       ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    for s in signers:
        i = len(rows)
        rows.append([p(s.role, LABEL), p(s.position, VALUE), "", p(s.name, VALUE),
                     p(short_date(on) if on else "", VALUE)])
        rows.append(["", p(_t("(должность)"), TINY), p(_t("(подпись)"), TINY), p(_t("(расшифровка подписи)"), TINY),
                     p(_t("(дата)") if on is not None else "", TINY)])
        style += [("LINEBELOW", (1, i), (3, i), 0.5, INK), ("TOPPADDING", (0, i), (-1, i), 7)]
        if on is not None:
            style.append(("LINEBELOW", (4, i), (4, i), 0.5, INK))
    t = Table(rows, colWidths=[role_w, pos_w, sig_w, name_w, date_w])
    t.setStyle(TableStyle(style))
    return t


def statement(text: str, signers: Sequence[Signer], width: float, *, on: dt.date | None = None) -> KeepTogether:
    """A statement in the form's words and who signs it (the МОЛ's receipt, the closing statement)."""
    # one KeepTogether (a nested one pushed the block to the next page whatever the room left)
    return KeepTogether([Spacer(1, 2 * mm), p(text, VALUE), Spacer(1, 3 * mm), _signature_table(signers, width, on)])


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
        head = [p(self.caption, LABEL)] if self.caption else []
        return [*self.lead, self.body, FrameBreak(), KeepTogether([*head, *self.tail])]

    def _make_room(self, aw: float, room: float, rows: int) -> list[Flowable]:
        """The body split so that its first part fits ``room`` and its last part holds at least
        ``MIN_ROWS`` rows (a table's own «Итого» row does not go over with the signatures alone)."""
        need = min(self.MIN_ROWS, rows - 1)
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


def continued(h: FormHead) -> str:
    """«Форма по ОКУД 0504104, № СП-1 (продолжение)» — the line over a page of the closing blocks alone."""
    return _t("Форма по ОКУД {0}, № {1} (продолжение)").format(h.okud, h.number)


def boxed(text: str, width: float) -> Table:
    t = Table([[p(text, VALUE)]], colWidths=[width - 0.5])
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, RULE), ("LEFTPADDING", (0, 0), (-1, -1), 4)]))
    return t


def build(dest, title: str, college: str, story: list, *, landscape: bool = False,
          cancelled: Callable[[], bool] | None = None) -> DocInfo:
    info = DocInfo(title=title, college=college, landscape=landscape)
    build_pdf(dest, info, story, title_block=False, cancelled=cancelled)
    return info


def width(landscape: bool) -> float:
    return content_width(DocInfo(title="", landscape=landscape))


__all__ = ["ONE_TABLE", "EndTogether", "FormHead", "Requisites", "Signer", "boxed", "build", "continued", "end_together",
           "field_lines",
           "header", "long_date", "short_date", "signatures", "statement", "width"]
