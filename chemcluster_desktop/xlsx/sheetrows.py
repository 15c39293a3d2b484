"""The rows of a worksheet, streamed with expat: the values openpyxl's read-only mode gives
(``ws.iter_rows(values_only=True)``), several times faster.

openpyxl turns every cell into a dict and every inline string into a ``Text`` object through its
descriptor machinery; for a 10,000-row inventory that is most of the import's reading time. Here one
expat parser walks the sheet's XML in 64 KB pieces and keeps only each cell's column, type, style and
text. The workbook itself is still opened by openpyxl (sheet list and visibility, shared strings, which
styles are dates, the 1900/1904 epoch); the values follow openpyxl's own rules
(``openpyxl.worksheet._reader.WorkSheetParser.parse_cell``, data_only):

- ``t="s"``: the shared string; ``t="inlineStr"``: the text of ``<is>`` (its plain ``<t>`` then its
  runs, phonetic runs left out); ``t="str"`` and ``t="e"``: the text as it is; ``t="b"``: a bool;
  ``t="d"``: an ISO 8601 date; a number: ``int`` unless it has a point or an exponent, then ``float``;
  a number in a date or time style: ``openpyxl.utils.datetime.from_excel`` (outside the dates: "#VALUE!");
  a formula cell: its cached value; an empty ``<v/>``: None.
- Rows come numbered from 1, a missing row as an empty tuple; a row is as wide as the sheet's declared
  width (the ``<dimension>`` openpyxl read) or its last cell.

Where it differs, on purpose: a declared dimension never hides rows or columns past it (openpyxl
stops at it; some programs write «A1» for any sheet); cells past ``max_columns`` are never built; a
cell keeps at most 32,767 characters (Excel's own limit for a cell), so one huge cell cannot fill the
memory; a sheet with a DOCTYPE (never in a real workbook; the way to an entity bomb) is refused.

:func:`worksheet_rows` returns None when the openpyxl objects do not have the parts it needs (another
openpyxl version): the caller then iterates with openpyxl itself.

:func:`load_read_only` is openpyxl's ``load_workbook(path, read_only=True, data_only=True)`` except for
one step: to learn a sheet's size openpyxl parses the sheet up to the *end* of ``<sheetData>`` when the
sheet has no ``<dimension>`` — a whole extra pass over every sheet, the hidden ones included, before a
row is read (files written by openpyxl's write-only mode, the program's own export among them). Here
the size is looked for only up to the *start* of ``<sheetData>``, where the format puts it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pyexpat import ParserCreate

MAIN_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
           "http://purl.oclc.org/ooxml/spreadsheetml/main")  # transitional, strict
CELL_TEXT_LIMIT = 32_767
CHUNK = 1 << 16


class SheetXmlError(ValueError):
    """The sheet's XML is not a worksheet this reader accepts (the caller says «файл повреждён»)."""


class _Stop(Exception):
    pass


def declared_dimension(source) -> tuple[int, int, int, int] | None:
    """(min column, min row, max column, max row) of the sheet's ``<dimension>``; None when it has none.
    Reads only up to ``<sheetData>`` (the dimension comes before it)."""
    from openpyxl.utils.cell import range_boundaries

    found: list[str] = []

    def start(name, attrs):
        local = name.rpartition(" ")[2]
        if local == "dimension":
            found.append(attrs.get("ref") or "")
            raise _Stop
        if local == "sheetData":
            raise _Stop

    p = ParserCreate(namespace_separator=" ")
    p.StartElementHandler = start
    p.StartDoctypeDeclHandler = _refuse
    p.EntityDeclHandler = _refuse
    try:
        while chunk := source.read(1 << 14):
            p.Parse(chunk, False)
    except _Stop:
        pass
    if not found or not found[0]:
        return None
    try:
        bounds = range_boundaries(found[0])
    except (TypeError, ValueError):
        return None
    return bounds if None not in bounds else None


def _refuse(*_a):
    raise SheetXmlError("a DOCTYPE in a worksheet")


def load_read_only(path):
    """openpyxl's read-only, values-only workbook, without its whole-sheet scan for a missing
    <dimension>; plain ``load_workbook`` where this openpyxl's reader is not the one this was written for."""
    from openpyxl import load_workbook

    try:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    except ImportError:
        return load_workbook(path, read_only=True, data_only=True)
    needed = (hasattr(ExcelReader, "read_worksheets") and hasattr(ExcelReader, "read_chartsheet")
              and hasattr(ReadOnlyWorksheet, "_get_size") and hasattr(ReadOnlyWorksheet, "_get_source"))
    if not needed:
        return load_workbook(path, read_only=True, data_only=True)

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self):
            with self._get_source() as src:
                dims = declared_dimension(src)
            if dims is not None:
                self._min_column, self._min_row, self._max_column, self._max_row = dims

    class Reader(ExcelReader):
        def read_worksheets(self):  # openpyxl's read-only branch, with the Sheet above
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                ws = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    reader = Reader(path, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def worksheet_rows(wb, ws, *, max_columns: int) -> Iterator[tuple] | None:
    """The rows of read-only worksheet ``ws`` of workbook ``wb`` (both from openpyxl ``load_workbook(path,
    read_only=True, data_only=True)``), or None when this openpyxl does not expose what is needed."""
    archive = getattr(wb, "_archive", None)
    part = getattr(ws, "_worksheet_path", None)
    strings = getattr(ws, "_shared_strings", None)
    dates = getattr(wb, "_date_formats", None)
    durations = getattr(wb, "_timedelta_formats", None)
    epoch = getattr(wb, "epoch", None)
    if archive is None or part is None or strings is None or dates is None or durations is None or epoch is None:
        return None
    try:
        width = int(ws.max_column or 0)  # the declared <dimension>; None when the sheet has none
    except (TypeError, ValueError):
        width = 0
    return _rows(archive, part, _SheetParser(strings, set(dates), set(durations), epoch, max_columns),
                 min(width, max_columns))


def _rows(archive, part: str, sheet: _SheetParser, width: int) -> Iterator[tuple]:
    """Feed the part to the parser piece by piece; give each finished row, missing rows as empty ones."""
    empty = (None,) * width
    expected = 1  # the next row number to give
    with archive.open(part) as source:
        while True:
            chunk = source.read(CHUNK)
            sheet.parser.Parse(chunk, not chunk)
            for idx, cells in sheet.done:
                if idx < expected:  # a repeated or backward row number: openpyxl skips it too
                    continue
                while expected < idx:
                    expected += 1
                    yield empty
                expected += 1
                if not cells:
                    yield empty
                    continue
                row = [None] * max(width, max(cells))
                for col, value in cells.items():
                    row[col - 1] = value
                yield tuple(row)
            sheet.done.clear()
            if not chunk:
                return


_TAGS = {f"{ns} {local}": local for ns in MAIN_NS for local in ("row", "c", "v", "is", "t", "r", "rPh")}


class _SheetParser:
    """The expat callbacks and what they know between calls: the row and cell being read."""

    def __init__(self, strings, dates: set, durations: set, epoch, max_columns: int):
        # openpyxl is imported only when a file is read (not on the program's start)
        from openpyxl.utils.cell import column_index_from_string
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        self.strings, self.dates, self.durations, self.epoch = strings, dates, durations, epoch
        self.from_excel, self.from_iso, self.letters_to_index = from_excel, from_ISO8601, column_index_from_string
        self.max_columns = max_columns
        self.columns: dict[str, int] = {}  # «AB» -> 28
        self.done: list[tuple[int, dict[int, object]]] = []  # rows finished by the last piece parsed
        self.row = 0  # number of the row being read
        self.col = 0  # column of the last cell (a cell without «r» follows it)
        self.cells: dict[int, object] = {}
        self.kind, self.style = "n", 0
        self.text: list[str] | None = None  # collecting the text of a <v>, or of a <t> of an <is>
        self.size = 0  # characters kept for this cell, all its runs together
        self.value_text: str | None = None
        self.plain: str | None = None
        self.runs: list[str] = []
        self.in_is = self.in_run = self.in_rph = self.has_is = False
        p = self.parser = ParserCreate(namespace_separator=" ")
        p.buffer_text = True
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.chars
        p.StartDoctypeDeclHandler = _refuse
        p.EntityDeclHandler = _refuse

    def start(self, name, attrs):
        tag = _TAGS.get(name)
        if tag == "c":
            ref = attrs.get("r")
            self.col = self.column(ref) if ref else self.col + 1
            self.kind = attrs.get("t", "n")
            s = attrs.get("s")
            self.style = int(s) if s else 0
            self.value_text = self.plain = None
            self.runs = []
            self.has_is = False
            self.size = 0
        elif tag == "v":
            self.text = []
        elif tag == "t":
            if self.in_is and not self.in_rph:
                self.text = []
        elif tag == "row":
            self.row = _row_number(attrs.get("r"), self.row)
            self.col = 0
            self.cells = {}
        elif tag == "is":
            self.in_is = self.has_is = True
        elif tag == "r":
            self.in_run = self.in_is
        elif tag == "rPh":
            self.in_rph = self.in_is

    def end(self, name):
        tag = _TAGS.get(name)
        if tag == "c":
            if self.col <= self.max_columns:
                self.cells[self.col] = self.value()
        elif tag == "v":
            if self.text is not None:
                self.value_text = "".join(self.text)
                self.text = None
        elif tag == "t":
            if self.text is not None:
                t = "".join(self.text)
                self.text = None
                if self.in_run:
                    self.runs.append(t)
                else:
                    self.plain = t
        elif tag == "row":
            self.done.append((self.row, self.cells))
        elif tag == "is":
            self.in_is = False
        elif tag == "r":
            self.in_run = False
        elif tag == "rPh":
            self.in_rph = False

    def chars(self, data):
        if self.text is not None and self.size < CELL_TEXT_LIMIT:
            if self.size + len(data) > CELL_TEXT_LIMIT:
                data = data[:CELL_TEXT_LIMIT - self.size]
            self.text.append(data)
            self.size += len(data)

    def column(self, coordinate: str) -> int:
        letters = coordinate.rstrip("0123456789")
        col = self.columns.get(letters)
        if col is None:
            col = self.columns[letters] = self.letters_to_index(letters)
        return col

    def value(self):
        """The cell's value as openpyxl gives it (WorkSheetParser.parse_cell, data_only)."""
        kind = self.kind
        if kind == "inlineStr":
            return (self.plain or "") + "".join(self.runs) if self.has_is else None
        text = self.value_text
        if not text:
            return None
        if kind == "n":
            value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            if self.style in self.dates:
                try:
                    return self.from_excel(value, self.epoch, timedelta=self.style in self.durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return value
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return self.from_iso(text)
        return text  # "str", "e" and anything else: the text as it is


def _row_number(r: str | None, previous: int) -> int:
    if not r:
        return previous + 1
    try:
        return int(r)
    except ValueError:
        f = float(r)
        if not f.is_integer():
            raise SheetXmlError(f"row number {r!r}") from None
        return int(f)
