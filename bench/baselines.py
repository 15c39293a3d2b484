"""The baselines: the least any program must do for the same result, measured in the same run.

- a bare reportlab document: the same rows as plain tables (split into page-sized chunks, the header
  repeated, the same DejaVu font), no header/footer machinery;
- LibreOffice headless converting the same rows from .xlsx to PDF (whole process);
- a bare reportlab packet: a 300-row table and the same photos;
- ``fet-cl`` on the .fet file the program exports;
- bare SQL for readiness and clash checks (see the measure modules).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
from pathlib import Path

from chemcluster_desktop import paths

CHUNK = 400


def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "BenchSans" not in pdfmetrics.getRegisteredFontNames():
        fdir = paths.resource("fonts")
        f = fdir / "DejaVuSansCondensed.ttf"
        if not f.is_file():
            f = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf")
        pdfmetrics.registerFont(TTFont("BenchSans", str(f)))
    return "BenchSans"


def reportlab_table(rows: list[list], header: list[str], dest, *, landscape_: bool = True) -> int:
    """Bare reportlab: plain strings in Table chunks with a repeated header. Returns pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    font = _fonts()
    size = landscape(A4) if landscape_ else A4
    doc = SimpleDocTemplate(str(dest), pagesize=size, leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm)
    style = TableStyle([("FONT", (0, 0), (-1, -1), font, 7), ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4"))])
    avail = size[0] - 20 * mm
    widths = [avail * w for w in _widths(len(header))]
    story = []
    for i in range(0, max(len(rows), 1), CHUNK):
        chunk = [header] + [[("" if v is None else str(v))[:60] for v in r] for r in rows[i:i + CHUNK]]
        t = Table(chunk, colWidths=widths, repeatRows=1)
        t.setStyle(style)
        story.append(t)
    pages = []
    doc.build(story, onLaterPages=lambda c, d: pages.append(1), onFirstPage=lambda c, d: pages.append(1))
    return len(pages)


def _widths(n: int) -> list[float]:
    base = [0.04, 0.12, 0.30, 0.12, 0.12, 0.08, 0.06, 0.08, 0.08]
    if n == len(base):
        return base
    return [1 / n] * n


def reportlab_packet(rows: list[list], header: list[str], images: list[bytes], dest) -> int:
    """A bare packet: a cover line, the checklist table and the photos, one per half page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Table

    font = _fonts()
    doc = SimpleDocTemplate(str(dest), pagesize=A4)
    st = ParagraphStyle("b", fontName=font, fontSize=14)
    story = [Paragraph("Пакет документов для аккредитации", st), PageBreak()]
    for i in range(0, len(rows), CHUNK):
        story.append(Table([header] + [[("" if v is None else str(v))[:50] for v in r] for r in rows[i:i + CHUNK]],
                           repeatRows=1, style=[("FONT", (0, 0), (-1, -1), font, 7)]))
    for data in images:
        story.append(Image(io.BytesIO(data), width=170 * mm, height=127 * mm))
    doc.build(story)
    return 1


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(xlsx: Path, outdir: Path, profile: Path, timeout: float = 300) -> float:
    """Wall time of ``soffice --headless --convert-to pdf`` (its own profile, warmed up by the caller)."""
    exe = soffice()
    if exe is None:
        raise FileNotFoundError("soffice")
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf",
           "--outdir", str(outdir), str(xlsx)]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env={**os.environ, "HOME": str(profile)})
    dt = time.perf_counter() - t0
    if p.returncode != 0 or not (outdir / (xlsx.stem + ".pdf")).is_file():
        raise RuntimeError(f"soffice failed: {p.stderr[-500:]}")
    return dt


def write_xlsx(rows: list[list], header: list[str], dest) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Опись")
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(dest)


def fet_cl() -> str | None:
    return shutil.which("fet-cl")
