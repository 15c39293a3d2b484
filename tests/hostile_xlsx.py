"""Small generators of large hostile .xlsx files (written part by part with zipfile: nothing big is
committed, nothing big is held in memory while writing)."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _cell(ref: str, v) -> str:
    if v is None:
        return ""
    if isinstance(v, int | float):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'


def write_book(path: Path, sheets: Sequence[tuple[str, Iterable[Sequence], str]], *,
               shared_strings: Iterable[str] | None = None) -> Path:
    """``sheets``: (title, rows, state) with state "visible" or "hidden"; rows are streamed."""
    ct = ['<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
          'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    rels = ['<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">']
    wb = [f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {R_NS}><sheets>']
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (title, rows, state) in enumerate(sheets, 1):
            ct.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
                      f'officedocument.spreadsheetml.worksheet+xml"/>')
            rels.append(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>')
            st = "" if state == "visible" else f' state="{state}"'
            wb.append(f'<sheet name="{escape(title)}" sheetId="{i}"{st} r:id="rId{i}"/>')
            with z.open(f"xl/worksheets/sheet{i}.xml", "w") as f:
                f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'.encode())
                buf = []
                for r, row in enumerate(rows, 1):
                    cells = "".join(_cell(f"{_col(j)}{r}", v) for j, v in enumerate(row))
                    buf.append(f'<row r="{r}">{cells}</row>')
                    if len(buf) >= 2000:
                        f.write("".join(buf).encode())
                        buf = []
                f.write(("".join(buf) + "</sheetData></worksheet>").encode())
        if shared_strings is not None:
            ct.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                      'officedocument.spreadsheetml.sharedStrings+xml"/>')
            n = len(sheets) + 1
            rels.append(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        f'relationships/sharedStrings" Target="sharedStrings.xml"/>')
            with z.open("xl/sharedStrings.xml", "w") as f:
                f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>'.encode())
                buf = []
                for s in shared_strings:
                    buf.append(f"<si><t>{escape(s)}</t></si>")
                    if len(buf) >= 5000:
                        f.write("".join(buf).encode())
                        buf = []
                f.write(("".join(buf) + "</sst>").encode())
        z.writestr("[Content_Types].xml", "".join(ct) + "</Types>")
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml", "".join(wb) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", "".join(rels) + "</Relationships>")
    return path


def random_rows(n: int, width: int, *, header: Sequence[str], seed: int = 1):
    """A header, then ``n`` rows of random numbers and words (they compress like real data, not like a bomb)."""
    rng = random.Random(seed)
    yield list(header)
    for i in range(n):
        yield [i + 1, f"Позиция {rng.getrandbits(48):x}", *[rng.getrandbits(30) for _ in range(width - 2)]]
