"""The common look of every printed document.

    info = DocInfo(title="Инвентарная опись", college="ГБПОУ …", subtitle="Лаборатория 201",
                   signatures=[("Материально ответственное лицо", "Кузнецова Е. А.")])
    build_pdf("out.pdf", info, [h2("Раздел"), table(rows, header=[...], widths=[...])])

Header: college name (and logo) and the document title; footer: date printed and «стр. N из M».
User text is data, never markup: :func:`p` escapes it. :func:`table` repeats its header row on
every page and splits long tables into page-sized chunks (a single reportlab ``Table`` of 10,000
rows is quadratic to lay out).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts, logo

fonts.register()

INK = colors.HexColor("#1c2b36")
MUTED = colors.HexColor("#607d8b")
RULE = colors.HexColor("#b0bec5")
HEAD_BG = colors.HexColor("#e8eef4")
ZEBRA = colors.HexColor("#f6f8fa")
OK = colors.HexColor("#1b5e20")
WARN = colors.HexColor("#7a5300")
BAD = colors.HexColor("#9b1c14")
OK_BG = colors.HexColor("#e3f4e6")
WARN_BG = colors.HexColor("#fff4d6")
BAD_BG = colors.HexColor("#fde3e1")

BASE = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=9, leading=11.5, textColor=INK)
SMALL = ParagraphStyle("small", parent=BASE, fontSize=7.5, leading=9.5)
CELL = ParagraphStyle("cell", parent=BASE, fontName=fonts.CONDENSED, fontSize=8, leading=10)
CELL_R = ParagraphStyle("cellr", parent=CELL, alignment=TA_RIGHT)
CELL_C = ParagraphStyle("cellc", parent=CELL, alignment=TA_CENTER)
HEAD = ParagraphStyle("head", parent=CELL, fontName=fonts.CONDENSED_BOLD, alignment=TA_CENTER)
TITLE = ParagraphStyle("title", parent=BASE, fontName=fonts.BOLD, fontSize=15, leading=19, alignment=TA_CENTER,
                       spaceAfter=4)
SUBTITLE = ParagraphStyle("subtitle", parent=BASE, fontSize=10.5, leading=13, alignment=TA_CENTER,
                          textColor=MUTED, spaceAfter=10)
H2 = ParagraphStyle("h2", parent=BASE, fontName=fonts.BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                    spaceAfter=5)
H3 = ParagraphStyle("h3", parent=BASE, fontName=fonts.BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3)


def _t(s: str) -> str:
    return translate("Reports", s)


# The college logo printed in every header. Documents may pass ``DocInfo.logo_png``; when they do
# not, the provider registered in :mod:`reports.logo` (by the settings service) is asked.
def set_logo_provider(fn: Callable[[], bytes | None] | None) -> None:
    logo.set_provider(fn)


def default_logo() -> bytes | None:
    return logo.get()


@dataclass
class DocInfo:
    title: str
    college: str = ""
    subtitle: str = ""
    printed_on: dt.date = field(default_factory=dt.date.today)
    landscape: bool = False
    logo_png: bytes | None = None
    # signature block at the end: (position, name)
    signatures: list[tuple[str, str]] = field(default_factory=list)
    author: str = "ChemCluster Desktop"


def p(text: object, style: ParagraphStyle = BASE) -> Paragraph:
    """A paragraph of user text: escaped, so «<», «&» and quotes print literally."""
    s = "" if text is None else str(text)
    s = escape(s).replace("\n", "<br/>")
    # very long words (serials, URLs) must not overflow a cell: allow a break every 40 chars
    return Paragraph(_soft_wrap(s), style)


def _soft_wrap(s: str, every: int = 40) -> str:
    out = []
    for word in s.split(" "):
        if len(word) > every and "<" not in word and "&" not in word:
            word = "\u200b".join(word[i:i + every] for i in range(0, len(word), every))
        out.append(word)
    return " ".join(out)


def markup(text: str, style: ParagraphStyle = BASE) -> Paragraph:
    """A paragraph whose markup is ours (bold etc.); never pass user text here unescaped."""
    return Paragraph(text, style)


def h2(text: str) -> Paragraph:
    return p(text, H2)


def h3(text: str) -> Paragraph:
    return p(text, H3)


def money(v: Decimal | None) -> str:
    if v is None:
        return ""
    d = Decimal(v).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    ip, fp = format(abs(d), "f").split(".")
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    return sign + "\u00a0".join(groups) + "," + fp


def number(v) -> str:
    if v is None:
        return ""
    d = Decimal(v)
    if d == d.to_integral_value():
        return money(d)[:-3]
    s = format(d.normalize(), "f").replace(".", ",")
    return s


def date(v: dt.date | None) -> str:
    return v.strftime("%d.%m.%Y") if v else ""


def table(rows: Sequence[Sequence[object]], header: Sequence[str], widths: Sequence[float], *,
          align: Sequence[str] | None = None, chunk: int = 60, zebra: bool = True,
          row_styles: Callable[[int, Sequence[object]], list] | None = None,
          header_rows: list[Sequence[str]] | None = None) -> list[Flowable]:
    """A table with a repeated header; cells that are str are drawn as plain (fast) text, cells that
    are Flowables (``p(...)``) wrap. ``align`` per column: "L", "R" or "C". Returns flowables."""
    head = [p(h, HEAD) for h in header]
    extra_heads = [[p(h, HEAD) for h in hr] for hr in (header_rows or [])]
    nhead = 1 + len(extra_heads)
    align = align or ["L"] * len(header)
    base = [
        ("FONT", (0, 0), (-1, -1), fonts.CONDENSED, 8),
        ("LEADING", (0, 0), (-1, -1), 10),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, nhead - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, nhead - 1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, a in enumerate(align):
        if a == "R":
            base.append(("ALIGN", (i, nhead), (i, -1), "RIGHT"))
        elif a == "C":
            base.append(("ALIGN", (i, nhead), (i, -1), "CENTER"))
    out: list[Flowable] = []
    rows = list(rows)
    if not rows:
        t = Table([*extra_heads, head], colWidths=list(widths), repeatRows=nhead)
        t.setStyle(TableStyle(base))
        return [t]
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        data = [*extra_heads, head, *[["" if c is None else c for c in r] for r in part]]
        st = list(base)
        if zebra:
            for i in range(len(part)):
                if (start + i) % 2 == 1:
                    st.append(("BACKGROUND", (0, nhead + i), (-1, nhead + i), ZEBRA))
        if row_styles:
            for i, r in enumerate(part):
                for cmd in row_styles(start + i, r) or []:
                    name, c0, c1, *rest = cmd
                    st.append((name, (c0[0], c0[1] + nhead + i), (c1[0], c1[1] + nhead + i), *rest))
        t = Table(data, colWidths=list(widths), repeatRows=nhead, splitByRow=1)
        t.setStyle(TableStyle(st))
        out.append(t)
    return out


class SignatureBlock(Flowable):
    """«Должность ______________ / Фамилия И. О. /» lines, kept together."""

    def __init__(self, signatures: list[tuple[str, str]], width: float):
        super().__init__()
        self.signatures = signatures
        self.width = width
        self.height = 12 * mm * len(signatures) + 6 * mm

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        y = self.height - 8 * mm
        for pos, name in self.signatures:
            c.setFont(fonts.REGULAR, 9)
            c.setFillColor(INK)
            c.drawString(0, y, pos[:80])
            x = self.width * 0.52
            c.setStrokeColor(INK)
            c.line(x, y - 1, x + 45 * mm, y - 1)
            c.drawString(x + 48 * mm, y, f"/ {name} /" if name else "/ ____________________ /")
            c.setFont(fonts.REGULAR, 6.5)
            c.setFillColor(MUTED)
            c.drawString(x + 12 * mm, y - 9, _t("(подпись)"))
            y -= 12 * mm


def signature_block(signatures: list[tuple[str, str]], width: float) -> Flowable:
    return KeepTogether([CondPageBreak(40 * mm), Spacer(1, 6 * mm), SignatureBlock(signatures, width)])


def image(data: bytes, max_w: float, max_h: float) -> Flowable:
    from reportlab.lib.utils import ImageReader

    ir = ImageReader(io.BytesIO(data))
    w, h = ir.getSize()
    scale = min(max_w / w, max_h / h, 1.0 if w > 200 else max_w / w)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale)


class _NumberedCanvas(rl_canvas.Canvas):
    """Two-pass canvas: knows the page count so the footer can say «стр. N из M»."""

    info: DocInfo

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self._saved: list[dict] = []

    def showPage(self):  # noqa: N802
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        info = self.info
        w, h = self._pagesize
        self.saveState()
        self.setFont(fonts.REGULAR, 7.5)
        self.setFillColor(MUTED)
        top = h - 10 * mm
        x0 = 15 * mm
        if info.logo_png:
            try:
                from reportlab.lib.utils import ImageReader

                self.drawImage(ImageReader(io.BytesIO(info.logo_png)), x0, top - 5 * mm, width=8 * mm,
                               height=8 * mm, preserveAspectRatio=True, mask="auto")
                x0 += 10 * mm
            except Exception:
                pass
        self.drawString(x0, top, info.college[:120])
        self.drawRightString(w - 15 * mm, top, info.title[:100])
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(15 * mm, top - 2.5 * mm, w - 15 * mm, top - 2.5 * mm)
        self.line(15 * mm, 12 * mm, w - 15 * mm, 12 * mm)
        self.drawString(15 * mm, 8 * mm, _t("Сформировано {0} · ChemCluster Desktop").format(date(info.printed_on)))
        self.drawRightString(w - 15 * mm, 8 * mm, _t("стр. {0} из {1}").format(self._pageNumber, total))
        self.restoreState()


def build_pdf(dest: str | os.PathLike | io.BytesIO, info: DocInfo, story: list[Flowable],
              *, title_block: bool = True, cancelled: Callable[[], bool] | None = None) -> None:
    """Lay out ``story`` with the common header/footer and write the PDF atomically."""
    size = landscape(A4) if info.landscape else A4
    if info.logo_png is None:
        info.logo_png = default_logo()
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=size, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=16 * mm,
                          bottomMargin=16 * mm, title=info.title, author=info.author,
                          subject=info.subtitle, creator="ChemCluster Desktop")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    flow: list[Flowable] = []
    if title_block:
        flow.append(p(info.title, TITLE))
        if info.subtitle:
            flow.append(p(info.subtitle, SUBTITLE))
    flow.extend(story)
    if info.signatures:
        flow.append(signature_block(info.signatures, doc.width))
    canvas_cls = type("Canvas", (_NumberedCanvas,), {"info": info})
    # page streams compressed only (Flate), not also ASCII85-armoured: reportlab's pure-Python
    # ASCII85 encoder took ~1.5 s of a 300-page list, and the binary file is a quarter smaller
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(flow, canvasmaker=canvas_cls)
    finally:
        rl_config.useA85 = a85
    data = buf.getvalue()
    if isinstance(dest, io.BytesIO):
        dest.write(data)
        return
    from chemcluster_desktop.files import write_atomic

    write_atomic(dest, data)  # via dest.part, removed if the rename fails (the PDF open in a viewer)


def content_width(info: DocInfo) -> float:
    size = landscape(A4) if info.landscape else A4
    return size[0] - 30 * mm


__all__ = ["DocInfo", "build_pdf", "table", "p", "markup", "h2", "h3", "money", "number", "date", "image",
           "signature_block", "content_width", "set_logo_provider", "default_logo", "TA_LEFT", "CELL", "CELL_R", "CELL_C", "SMALL", "BASE"]
