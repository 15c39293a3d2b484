"""Generic helpers for reading and writing spreadsheets (no database here).

Reading people's Excel files:

    check_file(path)                       # not xlsx / encrypted / empty / enormous / zip bomb → XlsxFileError
    rows = iter_sheet_rows(wb)             # openpyxl's read-only values (streamed by xlsx.sheetrows), from row 1
    hdr = find_header(rows, SYNONYMS)      # header row found even below title lines
    parse_number("1 234,50") → Decimal("1234.50");  parse_date("26.11.2026") → date(2026, 11, 26)
    is_empty_row(values), is_total_row(values)

Writing:

    write_table(path, columns, rows)       # write-only mode, typed cells, frozen header, filter, widths

``XlsxFileError`` carries a Russian message for the person; services turn it into their
``FileFormatError``. Every helper here is generic: the inventory and the infrastructure-list
importers share them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from chemcluster_desktop.dates import match_date
from chemcluster_desktop.i18n import translate
from chemcluster_desktop.xlsx.sheetrows import load_read_only, worksheet_rows

# --- safety limits --------------------------------------------------------------------------------
MAX_FILE_BYTES = 50 * 1024 * 1024  # the .xlsx file itself
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024  # sum of the uncompressed parts of the zip
MAX_COMPRESSION_RATIO = 150  # a sheet part compressed more than this is a zip bomb
MAX_ROWS = 200_000
MAX_COLUMNS = 200
# openpyxl keeps every shared string of a workbook in memory (≈ 200 bytes each): a 12.7 MB file of tiny
# unique strings took 1.24 GB. 600,000 is three distinct texts for each of MAX_ROWS rows.
MAX_SHARED_STRINGS = 600_000
HEADER_SCAN_ROWS = 30

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def _t(s: str) -> str:
    return translate("Xlsx", s)


class XlsxFileError(Exception):
    """The file cannot be read as a spreadsheet; the message says why and what to do."""

    def __init__(self, message: str, *, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.row = row

    def __str__(self) -> str:
        return self.message


def check_file(path: str | os.PathLike, *, max_file_bytes: int = MAX_FILE_BYTES,
               max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> None:
    """Refuse, before openpyxl touches it, a file that is not a plain .xlsx workbook."""
    p = Path(path)
    name = p.name
    if not p.exists():
        raise XlsxFileError(_t("Файл «{0}» не найден.").format(p))
    if p.is_dir():
        raise XlsxFileError(_t("«{0}» — это папка, а не файл Excel.").format(p))
    size = p.stat().st_size
    if size == 0:
        raise XlsxFileError(_t("Файл «{0}» пуст (0 байт). Выберите заполненный файл Excel (.xlsx).").format(name))
    if size > max_file_bytes:
        raise XlsxFileError(_t("Файл «{0}» слишком большой ({1} МБ; допускается не больше {2} МБ). "
                               "Разделите его на несколько файлов.")
                            .format(name, size // (1024 * 1024), max_file_bytes // (1024 * 1024)))
    try:
        with open(p, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise XlsxFileError(_t("Не удаётся прочитать файл «{0}»: {1}.").format(name, e.strerror or e)) from e
    if head.startswith(OLE_MAGIC):
        raise XlsxFileError(_t("Файл «{0}» защищён паролем или сохранён в старом формате Excel 97–2003 (.xls). "
                               "Снимите пароль и сохраните файл как «Книга Excel (.xlsx)».").format(name))
    if not head.startswith(ZIP_MAGIC):
        raise XlsxFileError(_t("Файл «{0}» не является книгой Excel (.xlsx). Откройте его в Excel и сохраните "
                               "как «Книга Excel (.xlsx)».").format(name))
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
                raise XlsxFileError(_t("Файл «{0}» — архив, но не книга Excel (.xlsx).").format(name))
            total = 0
            for i in infos:
                total += i.file_size
                if i.compress_size and i.file_size > 1024 * 1024 and \
                        i.file_size / max(i.compress_size, 1) > MAX_COMPRESSION_RATIO:
                    raise XlsxFileError(_t("Файл «{0}» подозрительно сильно сжат (часть «{1}» разворачивается "
                                           "в {2} МБ). Такой файл не читается из соображений безопасности.")
                                        .format(name, i.filename, i.file_size // (1024 * 1024)))
            if total > max_uncompressed:
                raise XlsxFileError(_t("Файл «{0}» слишком большой после распаковки ({1} МБ; допускается не "
                                       "больше {2} МБ). Разделите его на несколько файлов.")
                                    .format(name, total // (1024 * 1024), max_uncompressed // (1024 * 1024)))
            check_shared_strings(z, name)
    except zipfile.BadZipFile as e:
        raise XlsxFileError(_t("Файл «{0}» повреждён: это не читаемая книга Excel (.xlsx).").format(name)) from e


_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


def check_shared_strings(z: zipfile.ZipFile, name: str, limit: int | None = None) -> None:
    """Count the workbook's shared strings by streaming its part (nothing kept), before openpyxl loads
    them all into memory; refuse more than ``limit``."""
    limit = MAX_SHARED_STRINGS if limit is None else limit
    part = next((n for n in z.namelist() if n.lower().endswith("sharedstrings.xml")), None)
    if part is None:
        return
    n = 0
    tail = b""
    with z.open(part) as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            n += len(_SI.findall(data[:len(data) - 16])) if len(data) > 16 else 0
            tail = data[len(data) - 16:] if len(data) > 16 else data
            if n > limit:
                raise XlsxFileError(_t("В файле «{0}» слишком много разных текстов (больше {1}): такой файл не "
                                       "читается, чтобы не занять всю память. Разделите его на несколько файлов.")
                                    .format(name, limit))
    n += len(_SI.findall(tail))
    if n > limit:
        raise XlsxFileError(_t("В файле «{0}» слишком много разных текстов (больше {1}): такой файл не читается, "
                               "чтобы не занять всю память. Разделите его на несколько файлов.").format(name, limit))


def visible_sheets(wb) -> list:
    """The sheets a person sees in Excel (hidden and «very hidden» ones left out)."""
    return [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]


def first_visible_sheet(wb):
    sheets = visible_sheets(wb)
    if not sheets:
        raise XlsxFileError(_t("В книге нет ни одного видимого листа: покажите нужный лист в Excel "
                               "(«Показать лист») и сохраните файл."))
    return sheets[0]


def open_workbook(path: str | os.PathLike):
    """openpyxl in read-only mode, values only; every openpyxl failure becomes XlsxFileError."""
    check_file(path)
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_read_only(path)  # openpyxl's load_workbook(read_only=True, data_only=True), less a scan
    except Exception as e:  # openpyxl raises many kinds on broken files
        raise XlsxFileError(_t("Не удаётся прочитать книгу Excel «{0}»: файл повреждён или в неподдерживаемом "
                               "формате ({1}).").format(Path(path).name, type(e).__name__)) from e


def sheet_names(path: str | os.PathLike) -> list[str]:
    wb = open_workbook(path)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def iter_sheet_rows(wb, sheet: str | int | None = None, *, max_rows: int | None = None,
                    max_columns: int | None = None) -> Iterator[tuple[int, tuple]]:
    """(row number from 1, values) for every row of the sheet (the first sheet by default)."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    max_columns = MAX_COLUMNS if max_columns is None else max_columns
    if sheet is None:
        ws = first_visible_sheet(wb) if wb.worksheets else None
    elif isinstance(sheet, int):
        ws = wb.worksheets[sheet]
    else:
        if sheet not in wb.sheetnames:
            raise XlsxFileError(_t("В книге нет листа «{0}». Листы: {1}.").format(sheet, ", ".join(wb.sheetnames)))
        ws = wb[sheet]
    if ws is None:
        raise XlsxFileError(_t("В книге нет ни одного листа."))
    try:
        declared = ws.max_row
    except Exception:
        declared = None
    if declared and declared > max_rows + HEADER_SCAN_ROWS:
        raise XlsxFileError(_t("В листе «{0}» слишком много строк ({1}; допускается не больше {2}). "
                               "Разделите файл на части.").format(ws.title, declared, max_rows))
    n = 0
    try:
        rows = worksheet_rows(wb, ws, max_columns=max_columns)  # openpyxl's values, streamed faster
        for values in (rows if rows is not None else ws.iter_rows(values_only=True)):
            n += 1
            if n > max_rows + HEADER_SCAN_ROWS:
                raise XlsxFileError(_t("В листе «{0}» слишком много строк (больше {1}). Разделите файл на части.")
                                    .format(ws.title, max_rows))
            if len(values) > max_columns:
                values = values[:max_columns]
            yield n, values
    except XlsxFileError:
        raise
    except Exception as e:
        raise XlsxFileError(_t("Не удаётся прочитать строку {0} листа «{1}»: файл повреждён ({2}).")
                            .format(n + 1, ws.title, type(e).__name__), row=n + 1) from e


# --- text, numbers, dates ---------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_HEADER_JUNK = re.compile(r"[\"'«»“”„.,:;()\[\]*/\\\-–—_№#]+")


def cell_text(v: Any) -> str:
    if v is None:
        return ""
    if type(v) is str:
        if _ILLEGAL.search(v):  # «_x0007_» in a file's strings: control characters are never data here
            v = _ILLEGAL.sub(" ", v)
        if "  " in v or "\n" in v or "\t" in v or "\r" in v or "\xa0" in v:
            return _WS.sub(" ", v).strip()
        return v.strip()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return _WS.sub(" ", str(v)).strip()


def norm_header(v: Any) -> str:
    """Folded header text for matching: case, ё, punctuation, units in brackets and spaces ignored."""
    s = cell_text(v).casefold().replace("ё", "е")
    s = _HEADER_JUNK.sub(" ", s)
    return _WS.sub(" ", s).strip()


_NUM_CLEAN = re.compile(r"[\s\u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"(₽|руб\.?|р\.|rub|шт\.?)$", re.IGNORECASE)


def parse_number(v: Any) -> Decimal | None:
    """A number as people type it: ``1 234,50``, ``1234.5``, ``1.234,50``, ``12 шт.``, ``100 ₽``.

    Empty → None; anything else that is not a number → ValueError. Floats from Excel cells become
    the shortest Decimal that prints the same (``0.1`` → ``Decimal('0.1')``)."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, Decimal):
        return v
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError(v)
        return Decimal(repr(v))
    if isinstance(v, dt.date | dt.datetime | dt.time):
        raise ValueError(v)
    s = _NUM_CLEAN.sub("", str(v))
    if not s:
        return None
    s = _CURRENCY.sub("", s).strip()
    s = s.replace("−", "-")
    if "," in s and "." in s:
        # the later separator is the decimal one: 1.234,50 or 1,234.50
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        raise ValueError(v)
    try:
        d = Decimal(s)
    except InvalidOperation as e:
        raise ValueError(v) from e
    if not d.is_finite():
        raise ValueError(v)
    return d


EXCEL_EPOCH = dt.date(1899, 12, 30)
FIRST_YEAR, LAST_YEAR = 1900, 2100  # dates of equipment, receipts and expiry live in this range
SERIAL_FIRST, SERIAL_LAST = 1, (dt.date(LAST_YEAR + 1, 1, 1) - EXCEL_EPOCH).days


def rounds_to_zero(d: Decimal | None, places: int) -> bool:
    """A positive amount that becomes 0 when stored with ``places`` decimals (0,001 ₽ → 0,00 ₽)."""
    return d is not None and d != 0 and abs(d) < Decimal(1).scaleb(-places) / 2


def parse_date(v: Any) -> dt.date | None:
    """``26.11.2026``, ``26.11.26``, ``2026-11-26``, a real Excel date cell or an Excel serial number.

    Empty → None; anything else → ValueError."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, int | float | Decimal) and not isinstance(v, bool):
        n = float(v)
        if SERIAL_FIRST <= n < SERIAL_LAST:  # Excel serial day numbers (1900 date system), 1900–2100
            return EXCEL_EPOCH + dt.timedelta(days=int(n))
        raise ValueError(v)
    s = cell_text(v)
    if not s:
        return None
    try:
        d = match_date(s)
    except ValueError as e:
        raise ValueError(v) from e
    if d is not None:
        if not FIRST_YEAR <= d.year <= LAST_YEAR:  # «01.01.0001» is a placeholder, not a date
            raise ValueError(v)
        return d
    # a text «12345» is not a date (only a number cell holds an Excel serial date)
    raise ValueError(v)


def is_empty_row(values: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


TOTAL_WORDS = ("итого", "всего", "итог", "total", "sum", "subtotal")


def is_total_row(values: Sequence[Any]) -> bool:
    """A totals line: a text cell that starts with «Итого»/«Всего»/«Total»."""
    for v in values:
        if type(v) is str and v:
            if v.lstrip()[:8].casefold().startswith(TOTAL_WORDS):
                return True
    return False


# --- header detection ---------------------------------------------------------------------------------
@dataclass
class HeaderMatch:
    row: int  # row number (from 1) of the header
    columns: dict[str, int]  # field -> column index (from 0)
    headers: list[str]  # header texts as in the file
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (column index, header text)
    uncertain: dict[str, int] = field(default_factory=dict)  # field -> column matched only loosely

    def get(self, values: Sequence[Any], fieldname: str) -> Any:
        i = self.columns.get(fieldname)
        if i is None or i >= len(values):
            return None
        return values[i]


def _synonym_index(synonyms: dict[str, Sequence[str]]) -> dict[str, str]:
    idx: dict[str, str] = {}
    for f, words in synonyms.items():
        for w in (f, *words):
            idx.setdefault(norm_header(w), f)
    return idx


def match_header(text: Any, synonyms: dict[str, Sequence[str]]) -> tuple[str | None, bool]:
    """(field, certain) for one header cell; exact synonym match is certain, a contained word is not."""
    h = norm_header(text)
    if not h:
        return None, False
    idx = _synonym_index(synonyms)
    if h in idx:
        return idx[h], True
    # loose: the header starts with a synonym ("Наименование оборудования") or a long synonym inside it
    best: tuple[int, str] | None = None
    for syn, f in idx.items():
        if len(syn) < 3:
            continue
        if h.startswith(syn + " ") or (len(syn) >= 6 and syn in h):
            if best is None or len(syn) > best[0]:
                best = (len(syn), f)
    if best:
        return best[1], False
    return None, False


def match_header_row(values: Sequence[Any], synonyms: dict[str, Sequence[str]]) -> tuple[dict[str, int],
                                                                                         dict[str, int],
                                                                                         list[tuple[int, str]]]:
    cols: dict[str, int] = {}
    loose: dict[str, int] = {}
    unmatched: list[tuple[int, str]] = []
    for i, v in enumerate(values):
        text = cell_text(v)
        if not text:
            continue
        f, certain = match_header(text, synonyms)
        if f is None or f in cols:
            unmatched.append((i, text))
            continue
        cols[f] = i
        if not certain:
            loose[f] = i
    return cols, loose, unmatched


def find_header(rows: Iterable[tuple[int, Sequence[Any]]], synonyms: dict[str, Sequence[str]], *,
                required: Sequence[str] = (), min_matches: int = 2,
                scan_rows: int = HEADER_SCAN_ROWS) -> tuple[HeaderMatch, Iterator[tuple[int, Sequence[Any]]]]:
    """Find the header row among the first ``scan_rows`` rows (title lines above it are skipped).

    Returns the match and an iterator over the rows that follow the header. Raises XlsxFileError
    naming the columns it expected when no row looks like a header."""
    it = iter(rows)
    best: HeaderMatch | None = None
    seen = 0
    for rownum, values in it:
        seen += 1
        cols, loose, unmatched = match_header_row(values, synonyms)
        ok = len(cols) >= min_matches and all(r in cols for r in required)
        if ok and (best is None or len(cols) > len(best.columns)):
            best = HeaderMatch(rownum, cols, [cell_text(v) for v in values], unmatched, loose)
            break
        if seen >= scan_rows:
            break
    if best is None:
        if seen == 0:
            raise XlsxFileError(_t("Лист пуст: в нём нет ни одной строки."))
        names = ", ".join(f"«{next(iter(synonyms[r]), r)}»" for r in required) if required else ""
        raise XlsxFileError(_t("Не найдена строка заголовков таблицы в первых {0} строках. Нужны столбцы {1}; "
                               "проверьте названия столбцов или воспользуйтесь шаблоном.")
                            .format(scan_rows, names or ", ".join(list(synonyms)[:4])))
    return best, it


# --- writing ------------------------------------------------------------------------------------------------
# --- spreadsheets are data, never code -------------------------------------------------------------
# A text cell starting with one of these is a formula (or becomes one when someone edits the cell) in Excel
# and LibreOffice: «=HYPERLINK(…)», «=cmd|' /C calc'!A0», «+1+cmd…», «-1+…», «@SUM(…)» (OWASP «CSV
# injection»: https://owasp.org/www-community/attacks/CSV_Injection). Such text is written as a string
# cell with the «quote prefix» style (Excel's leading apostrophe), so it shows as typed and stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_control(text: str) -> str:
    """Control characters (which an .xlsx file cannot hold) as visible escapes: «\\x07»."""
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def needs_text_guard(v: Any) -> bool:
    return type(v) is str and bool(v) and (v.startswith(FORMULA_STARTS) or _ILLEGAL.search(v) is not None)


def guard_cell(cell) -> None:
    """Make an openpyxl cell holding person-typed text safe: control characters escaped, a text that looks
    like a formula kept as text (never evaluated)."""
    v = cell.value
    if type(v) is not str:
        return
    v = escape_control(v)
    cell.value = v
    if v.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def safe_row(values):
    """A row for ``ws.append`` with control characters escaped (openpyxl refuses them outright)."""
    return [escape_control(v) if type(v) is str and _ILLEGAL.search(v) else v for v in values]


def guard_workbook(wb) -> None:
    """Run :func:`guard_cell` over every text cell of an ordinary (not write-only) workbook before saving."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if needs_text_guard(cell.value):
                    guard_cell(cell)


def save_workbook(wb, path: str | os.PathLike) -> None:
    """Guard the text cells, write to ``path.part`` and rename (no half file); a write failure (full disk,
    no rights, a missing folder) becomes an XlsxFileError naming the file."""
    if not wb.write_only:  # write_table guards its cells as it writes them
        guard_workbook(wb)
    from chemcluster_desktop.files import save_atomic

    try:
        save_atomic(path, wb.save)  # path.part removed on any failure, the file and its folder synced
    except OSError as e:
        raise XlsxFileError(_t("Не удаётся записать файл «{0}»: {1}.").format(path, e.strerror or e)) from e


@dataclass
class OutColumn:
    header: str  # already translated
    kind: str = "text"  # text | int | decimal | money | date
    width: float = 14


# only money and dates need a format; plain numbers show right in «General» (and cost nothing to write)
NUMBER_FORMATS = {"money": "#,##0.00", "date": "DD.MM.YYYY"}


def write_table(path: str | os.PathLike, columns: Sequence[OutColumn], rows: Iterable[Sequence[Any]], *,
                sheet_title: str = "Лист1", progress: Callable[[int], None] | None = None,
                cancelled: Callable[[], bool] | None = None, every: int = 2000) -> int:
    """Write one table with typed cells (openpyxl write-only mode); returns the count of data rows.

    The header row is bold and frozen, has an auto-filter, and the columns have widths. Writes to
    ``path.part`` first and renames, so a cancelled or failed export leaves no half file."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title[:31] or "Лист1")
    for i, c in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EEF4")
    wrap = Alignment(wrap_text=True, vertical="center")
    head = []
    for c in columns:
        cell = WriteOnlyCell(ws, c.header)
        cell.font = bold
        cell.fill = fill
        cell.alignment = wrap
        head.append(cell)
    ws.append(head)
    # one styled cell per typed column, reused for every row (write-only mode writes it at once)
    styled: list[Any] = []
    for c in columns:
        fmt = NUMBER_FORMATS.get(c.kind)
        if fmt:
            cell = WriteOnlyCell(ws)
            cell.number_format = fmt
            styled.append(cell)
        else:
            styled.append(None)
    typed = [i for i, s in enumerate(styled) if s is not None]
    folder = Path(os.fspath(path)).parent
    if not folder.is_dir():
        _close_quietly(ws)
        raise XlsxFileError(_t("Не удаётся записать файл «{0}»: папки «{1}» нет. Укажите существующую папку.")
                            .format(path, folder))
    try:
        n = _write_rows(ws, rows, styled, typed, progress, cancelled, every)
        last = get_column_letter(max(len(columns), 1))
        ws.auto_filter.ref = f"A1:{last}{n + 1}"
        save_workbook(wb, path)
    except BaseException:
        # a write-only sheet left open would complain from the garbage collector later (a stray traceback
        # after the message)
        _close_quietly(ws)
        raise
    return n


def _close_quietly(ws) -> None:
    try:
        ws.close()
    except Exception:  # noqa: BLE001 - only releasing the sheet's temporary file
        pass


def _write_rows(ws, rows, styled, typed, progress, cancelled, every) -> int:
    from openpyxl.cell import WriteOnlyCell

    n = 0
    for r in rows:
        out = list(r)
        for i in typed:
            v = out[i]
            if v is not None:
                cell = styled[i]
                cell.value = v
                out[i] = cell
        for i, v in enumerate(out):
            if type(v) is str and v and needs_text_guard(v):
                cell = WriteOnlyCell(ws, escape_control(v))
                guard_cell(cell)
                out[i] = cell
        ws.append(out)
        n += 1
        if n % every == 0:
            if cancelled is not None and cancelled():
                raise XlsxCancelled()
            if progress is not None:
                progress(n)
    return n


class XlsxCancelled(Exception):
    pass
