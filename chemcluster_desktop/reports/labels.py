"""A4 sheets of QR labels (inventory number + name + room) for selected items.

The QR code holds the inventory number (optionally followed by a space and the name); scanning it
into the program's search field finds the item. Codes are drawn as vector squares from the
``qrcode`` package's matrix, so they print sharp at any size.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts

fonts.register()

COLS, ROWS = 3, 8
LABEL_W, LABEL_H = 70 * mm, 37 * mm
MARGIN_X = (A4[0] - COLS * LABEL_W) / 2
MARGIN_Y = (A4[1] - ROWS * LABEL_H) / 2


def _t(s: str) -> str:
    return translate("Reports", s)


@dataclass
class Label:
    inventory_number: str
    name: str
    room: str = ""
    college: str = ""

    @property
    def payload(self) -> str:
        return self.inventory_number


def qr_matrix(text: str) -> list[list[bool]]:
    qr = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text.encode("utf-8"))
    qr.make(fit=True)
    return qr.get_matrix()


def draw_qr(c: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    m = qr_matrix(text)
    n = len(m)
    cell = size / n
    c.setFillColorRGB(0, 0, 0)
    p = c.beginPath()
    for r, row in enumerate(m):
        run = None
        for col, on in enumerate([*row, False]):
            if on and run is None:
                run = col
            elif not on and run is not None:
                p.rect(x + run * cell, y + size - (r + 1) * cell, (col - run) * cell, cell)
                run = None
    c.drawPath(p, stroke=0, fill=1)


def _fit(c: canvas.Canvas, text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    words = (text or "").split()
    out: list[str] = []
    cur = ""
    for w in words:
        t = f"{cur} {w}".strip()
        if c.stringWidth(t, font, size) <= width:
            cur = t
        else:
            if cur:
                out.append(cur)
            cur = w
            while c.stringWidth(cur, font, size) > width and len(cur) > 1:
                cut = len(cur) - 1
                while cut > 1 and c.stringWidth(cur[:cut], font, size) > width:
                    cut -= 1
                out.append(cur[:cut])
                cur = cur[cut:]
        if len(out) >= lines:
            break
    if cur and len(out) < lines:
        out.append(cur)
    if len(out) > lines:
        out = out[:lines]
    joined = " ".join(out)
    if len(joined) < len(" ".join(words)) and out:
        last = out[-1]
        while last and c.stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        out[-1] = last + "…"
    return out


def build(dest, labels: list[Label], *, title: str = "", cancelled: Callable[[], bool] | None = None,
          skip: int = 0) -> int:
    """Write the sheets; ``skip`` leaves the first N places of the first sheet empty (a used sheet)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(title or _t("Этикетки инвентаря"))
    c.setAuthor("ChemCluster Desktop")
    per_page = COLS * ROWS
    pos = skip % per_page
    pages = 0
    for i, lab in enumerate(labels):
        if cancelled is not None and i % 50 == 0 and cancelled():
            break
        if pos == 0 and i > 0 or (i == 0 and pos == 0):
            pass
        col, row = pos % COLS, pos // COLS
        x = MARGIN_X + col * LABEL_W
        y = A4[1] - MARGIN_Y - (row + 1) * LABEL_H
        c.setStrokeColorRGB(0.75, 0.78, 0.8)
        c.setLineWidth(0.3)
        c.setDash(1, 2)
        c.rect(x, y, LABEL_W, LABEL_H, stroke=1, fill=0)
        c.setDash()
        qs = LABEL_H - 8 * mm
        draw_qr(c, lab.payload, x + 4 * mm, y + 4 * mm, qs)
        tx = x + 4 * mm + qs + 3 * mm
        tw = LABEL_W - (tx - x) - 3 * mm
        top = y + LABEL_H - 7 * mm
        c.setFillColorRGB(0.1, 0.17, 0.21)
        c.setFont(fonts.BOLD, 9.5)
        num = lab.inventory_number
        size = 9.5
        while c.stringWidth(num, fonts.BOLD, size) > tw and size > 6:
            size -= 0.5
        c.setFont(fonts.BOLD, size)
        c.drawString(tx, top, num)
        c.setFont(fonts.CONDENSED, 7.5)
        yy = top - 10
        for line in _fit(c, lab.name, fonts.CONDENSED, 7.5, tw, 3):
            c.drawString(tx, yy, line)
            yy -= 9
        c.setFillColorRGB(0.38, 0.49, 0.55)
        c.setFont(fonts.CONDENSED, 6.5)
        for line in _fit(c, lab.room, fonts.CONDENSED, 6.5, tw, 2):
            c.drawString(tx, yy - 1, line)
            yy -= 8
        if lab.college:
            c.drawString(tx, y + 4 * mm, _fit(c, lab.college, fonts.CONDENSED, 6.5, tw, 1)[0] if lab.college else "")
        pos += 1
        if pos == per_page:
            c.showPage()
            pages += 1
            pos = 0
    if pos or not labels:
        c.showPage()
        pages += 1
    c.save()
    data = buf.getvalue()
    if isinstance(dest, io.BytesIO):
        dest.write(data)
        return pages
    from chemcluster_desktop.files import write_atomic

    write_atomic(dest, data)  # via dest.part, removed if the rename fails (the PDF open in a viewer)
    return pages
