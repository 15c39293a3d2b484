"""Reading infrastructure lists (инфраструктурные листы) from the shapes they come in.

Plain rows out, no database: :func:`read_infrastructure_list` returns a :class:`ParsedList` of
lines (each with its zone, section, quantity, unit and whether the quantity is per workplace) and
the rows that could not be read, each with its row number and reason.

What varies between real files and is handled here:
- the table may start in any column and below any number of title lines;
- the header row is found by its words (synonyms of №, наименование, характеристики, количество,
  единица, «на 1 рабочее место / на всех», примечание); a quantity column header may itself say
  «на 1 рабочее место» or «на всех»;
- section rows (often merged across the table) name the zone and say in words whether their
  quantities are per participant or for the whole site;
- the quantity cell may carry its unit («3 шт.», «1 пара», «0,5 л») or a separate unit column;
- blank rows, note rows («Примечание: …», «* …»), wrapped text (line breaks inside cells).
"""

from __future__ import annotations

import io
import math
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from chemcluster_desktop.i18n import translate

ZONES = ("workplace", "expert", "store", "safety", "general", "consumables")
MAX_FILE_BYTES = 30 * 1024 * 1024
HEADER_SCAN_ROWS = 40
MAX_ROWS = 20_000
MAX_COLUMNS = 60
# columns of an inventory list (опись), not of an infrastructure list
_INVENTORY_WORDS = re.compile(r"инвентарн|серийн|заводск\w* номер|стоимост|балансов|дата ввода|мол\b|^модель")
# what an infrastructure list's description column says (an inventory list has «Модель» instead)
_SPEC_WORDS = re.compile(r"характеристик|спецификац|описание|техническ|параметр")


def _t(s: str) -> str:
    return translate("InfrastructureXlsx", s)


class InfraFileError(Exception):
    """The file as a whole cannot be read as an infrastructure list (message for the person)."""


@dataclass
class ParsedLine:
    row: int
    number: str
    name: str
    specification: str
    quantity: Decimal
    unit: str
    per_workplace: bool
    zone: str
    section: str
    note: str = ""


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ParsedList:
    sheet: str
    title: str
    competency_hint: str
    year: int | None
    header_row: int
    columns: dict[str, int]  # role -> 1-based column number
    lines: list[ParsedLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0


# --- text helpers ------------------------------------------------------------------------------
_WS = re.compile(r"\s+")


def clean(v: object) -> str:
    """A cell as one line of text: wrapped text joined, spaces squeezed, non-breaking spaces too."""
    if v is None:
        return ""
    if isinstance(v, float) and math.isfinite(v) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    s = str(v).replace("\u00a0", " ").replace("\u202f", " ").replace("_x000D_", " ")
    return _WS.sub(" ", s).strip()


def _low(s: str) -> str:
    return clean(s).casefold().replace("ё", "е")


_NUM = re.compile(r"^\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?\s*(.*)$", re.S)


def parse_number(v: object) -> Decimal | None:
    """«1 234,5» / 12 / 3.0 → Decimal; None when the cell is not a plain number."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(str(v)) if math.isfinite(v) else None
    if isinstance(v, Decimal):
        return v if v.is_finite() else None
    m = _NUM.match(str(v))
    if not m or m.group(3).strip():
        return None
    return _dec(m)


def _dec(m: re.Match) -> Decimal | None:
    ip = re.sub(r"[ \u00a0\u202f]", "", m.group(1))
    try:
        return Decimal(f"{ip}.{m.group(2)}" if m.group(2) else ip)
    except InvalidOperation:
        return None


# scope words in a cell, a section title or a header
_PER_WORD = re.compile(r"на\s*(1|одн\w*|каждо\w*)\s*(рабоч\w*|раб\.?|участ\w*|чел\w*|студент\w*|обучающ\w*|р\.?\s*м)"
                       r"|на\s*участника|на\s*рабочее\s*место|на\s*раб\.?\s*место|^\s*1?\s*рм\.?\s*$"
                       r"|на\s*1\s*(конкурсант\w*|человека)|на\s*(конкурсант\w*|человека)")
_ALL_WORD = re.compile(r"на\s*(всех|всю|весь|площадк\w*|группу|мастерск\w*|команд\w*|экспертов)|общ(ее|ая|ий)\b"
                       r"|на\s*([2-9]|\d{2,})\s*(рабочих|участник\w*|раб)")


def scope_of(text: str) -> bool | None:
    """True: per workplace; False: for the whole site; None: the text does not say."""
    t = _low(text)
    if not t:
        return None
    if _ALL_WORD.search(t):
        return False
    if _PER_WORD.search(t):
        return True
    return None


_UNIT_TAIL = re.compile(r"^(?P<unit>[^\d(]*?)\s*(\((?P<paren>[^)]*)\))?\s*$")
UNIT_CANON = {
    "шт": "шт.", "штук": "шт.", "штука": "шт.", "штуки": "шт.", "pcs": "шт.", "ед": "шт.",
    "пара": "пара", "пары": "пара", "пар": "пара",
    "упак": "упак.", "уп": "упак.", "упаковка": "упак.", "упаковки": "упак.", "пачка": "пачка", "пачки": "пачка",
    "компл": "компл.", "комплект": "компл.", "комплекта": "компл.", "к-т": "компл.", "набор": "набор",
    "л": "л", "литр": "л", "литра": "л", "мл": "мл", "кг": "кг", "г": "г", "гр": "г", "м": "м", "м2": "м²",
    "рулон": "рулон", "рулона": "рулон", "флакон": "флакон", "бут": "бут.", "бутылка": "бут.",
    "метр": "м", "метра": "м", "пог. м": "м", "п.м": "м", "лист": "лист", "листов": "лист", "листа": "лист",
}


def canon_unit(u: str) -> str:
    u = clean(u).strip(" .,;:")
    if not u:
        return ""
    key = u.casefold().replace("ё", "е").rstrip(".")
    return UNIT_CANON.get(key, u[:20])


def parse_quantity(v: object) -> tuple[Decimal, str, bool | None] | None:
    """A quantity cell: 3 / «3» / «3 шт.» / «1 пара» / «0,5 л» / «2 (на 1 участника)» →
    (quantity, unit or "", scope or None). None when it is not a quantity."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int | float | Decimal):
        d = parse_number(v)
        return (d, "", None) if d is not None else None
    s = clean(v)
    if not s:
        return None
    m = _NUM.match(s)
    if not m:
        return None
    d = _dec(m)
    if d is None:
        return None
    rest = m.group(3).strip()
    scope = scope_of(rest)
    if scope is not None:
        rest = _PER_WORD.sub(" ", _ALL_WORD.sub(" ", rest.casefold().replace("ё", "е")))
        rest = rest.replace("(", " ").replace(")", " ")
    rest = clean(rest)
    mm = _UNIT_TAIL.match(rest)
    unit = canon_unit(mm.group("unit")) if mm else ""
    if rest and not unit:
        return None
    if unit and len(unit) > 20:
        return None
    return d, unit, scope


# --- zones -------------------------------------------------------------------------------------
_ZONE_RULES: list[tuple[str, re.Pattern]] = [
    ("consumables", re.compile(r"расходн|материал\w* для выполнения|реактив")),
    ("safety", re.compile(r"охран\w* труда|техник\w* безопасност|\bтб\b|\bот и тб\b|сиз\b|индивидуальн\w* защит"
                          r"|пожар|аптечк|безопасност")),
    ("expert", re.compile(r"эксперт")),
    ("store", re.compile(r"склад|кладов|хранени")),
    ("general", re.compile(r"общ\w* (инфраструктур|площад|оборудован|зон)|^общ")),
    ("workplace", re.compile(r"рабоч\w* мест|рабоч\w* площадк\w* участник|участник|конкурсант|на 1 |на одного")),
    ("general", re.compile(r"общ\w*|площадк|инфраструктур|застройк|брифинг|помещени|дополнительн")),
]


def zone_of(section: str) -> str | None:
    t = _low(section)
    for zone, rx in _ZONE_RULES:
        if rx.search(t):
            return zone
    return None


ZONE_DEFAULT_PER = {"workplace": True, "consumables": True, "expert": False, "store": False, "safety": False,
                    "general": False}


# --- header ------------------------------------------------------------------------------------
ROLE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("number", re.compile(r"^(№|n|no|номер|#)\s*(п\s*/\s*п|пп|позиции|строки)?\.?$|^№")),
    ("scope", re.compile(r"на\s*1\s*(рабоч|раб|участ).*(всех|площад)|^(тип|вид)\s*(количества|расчета)"
                         r"|^расчет|^на\s*(1|одно)\s*рабочее\s*место\s*/|^\s*рм\s*/|на\s*всех\s*/|^кратность")),
    ("quantity", re.compile(r"^кол|количеств|^кол-во|^qty|^к-во")),
    ("unit", re.compile(r"^ед\.?\s*(изм|измерения)?|единиц\w* измерения|^ед\.изм|^ед$")),
    ("specification", re.compile(r"характеристик|спецификац|^описание|техническ|параметр|^ссылка|марка|модель")),
    ("name", re.compile(r"наименовани|^название|^оборудование|^позиция|^предмет|^инструмент|^наименование")),
    ("note", re.compile(r"^примечани|^комментари|^прим\.?$|^пояснени")),
    ("zone", re.compile(r"^зона|^раздел$")),
]


def _role(text: str) -> str | None:
    t = _low(text)
    if not t or len(t) > 200:
        return None
    for role, rx in ROLE_PATTERNS:
        if rx.search(t):
            return role
    return None


@dataclass
class _Header:
    row: int
    columns: dict[str, int]
    qty_scope: bool | None  # the quantity header says per workplace / for all


def find_header(rows: list[list[object]], first_row: int = 1) -> _Header | None:
    best: _Header | None = None
    best_score = 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cols: dict[str, int] = {}
        qty_scope = None
        for j, v in enumerate(row):
            if v is None or isinstance(v, int | float):
                continue
            role = _role(str(v))
            if role is None:
                continue
            if role == "quantity":
                if "quantity" in cols:
                    # a second quantity column: «Количество на 1 рабочее место» | «Количество на всех»
                    if "quantity_total" not in cols and (scope_of(str(v)) is False or qty_scope is True):
                        cols["quantity_total"] = j + 1
                    continue
                qty_scope = scope_of(str(v))
            if role in cols:
                continue
            cols[role] = j + 1
        if "name" not in cols:
            continue
        score = len(cols) + (2 if "quantity" in cols else 0)
        if score > best_score and len(cols) >= 2:
            best_score = score
            best = _Header(first_row + i, cols, qty_scope)
    return best


# --- reading -----------------------------------------------------------------------------------
_NOTE_ROW = re.compile(r"^(примечани|\*|прим\.|итого|всего|составил|согласовано|утверждаю|подпись|"
                       r"ответственн|главный эксперт|технический эксперт|менеджер компетенции|примечание)")
_COMPETENCY = re.compile(r"компетенци\w*[\s:–-]*[«\"“']?\s*([^»\"”']+)[»\"”']?", re.I)
_YEAR = re.compile(r"\b(20[2-4]\d)\b")


def _open_book(source):
    """The workbook in openpyxl's read-only (streaming) mode, after the file checks."""
    import openpyxl

    from chemcluster_desktop.xlsx.common import XlsxFileError, check_file

    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        if len(data) > MAX_FILE_BYTES:
            raise InfraFileError(_t("Файл слишком большой ({0} МБ): инфраструктурный лист занимает не больше "
                                    "нескольких мегабайт. Проверьте, тот ли это файл.")
                                 .format(len(data) // (1024 * 1024)))
        _check_zip(data)
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise InfraFileError(_t("Файл не является книгой Excel (.xlsx). Сохраните инфраструктурный лист в "
                                    "формате .xlsx («Файл → Сохранить как → Книга Excel») и повторите импорт."))
        src = io.BytesIO(data)
    else:
        src = os.fspath(source)
        try:
            check_file(src)  # size, zip bombs, lying sizes, too many strings, encrypted and old .xls files
        except XlsxFileError as e:
            raise InfraFileError(str(e)) from e
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(src, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds on broken books
        raise InfraFileError(_t("Книгу Excel не удалось прочитать ({0}). Откройте её в Excel, сохраните заново "
                                "как .xlsx и повторите импорт.").format(type(e).__name__)) from e


def _rows(ws, it, rows: list[list[object]]) -> list[list[object]]:
    """The rest of the sheet after ``rows``, streamed and refused as soon as it passes MAX_ROWS (the rest of
    the file is never read)."""
    for r in it:
        if len(rows) >= MAX_ROWS:
            raise InfraFileError(_t("На листе «{0}» больше {1} строк: это не инфраструктурный лист.")
                                 .format(ws.title, MAX_ROWS))
        rows.append(list(r[:MAX_COLUMNS]))
    return rows


def _find_sheet(wb):
    """The first visible sheet whose header (in its first rows) has a quantity column, else the first
    visible one with any header: (sheet, rows so far, row iterator, header) or None."""
    from itertools import islice

    from chemcluster_desktop.xlsx.common import visible_sheets

    fallback = None
    for ws in visible_sheets(wb):
        it = ws.iter_rows(values_only=True)
        head = [list(r[:MAX_COLUMNS]) for r in islice(it, HEADER_SCAN_ROWS)]
        h = find_header(head)
        if h is None:
            continue
        if "quantity" in h.columns:
            return ws, head, it, h
        if fallback is None:
            fallback = (ws, head, iter(()), h)
    return fallback


def _check_zip(data: bytes) -> None:
    from chemcluster_desktop.xlsx.common import MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = 0
            for i in z.infolist():
                total += i.file_size
                if i.file_size > 1024 * 1024 and i.file_size / max(i.compress_size, 1) > MAX_COMPRESSION_RATIO:
                    raise InfraFileError(_t("Файл подозрительно сильно сжат: такой файл не читается из соображений "
                                            "безопасности."))
            if total > MAX_UNCOMPRESSED_BYTES:
                raise InfraFileError(_t("Файл слишком большой после распаковки: это не инфраструктурный лист."))
    except zipfile.BadZipFile:
        pass  # reported as «not an Excel book» by the caller


def read_infrastructure_list(source, *, progress: Callable[[int, int], None] | None = None,
                             cancelled: Callable[[], bool] | None = None) -> ParsedList:
    """Read the first visible sheet that looks like an infrastructure list (its name is in
    ``ParsedList.sheet``; hidden sheets are never read). The file is streamed: a sheet longer than MAX_ROWS
    is refused without reading the rest. Raises :class:`InfraFileError` when the file is not one; row
    problems are in ``errors``."""
    wb = _open_book(source)
    try:
        try:
            found = _find_sheet(wb)
            if found is None:
                raise InfraFileError(_t("Файл не похож на инфраструктурный лист: не найдена строка заголовка "
                                        "таблицы с колонками «Наименование» и «Количество» (на видимых листах). "
                                        "Проверьте, что выбран нужный файл."))
            ws, head, it, h = found
            header_texts = [_low(v) for v in head[h.row - 1] if isinstance(v, str)]
            if any(_INVENTORY_WORDS.search(t) for t in header_texts) and \
                    not any(_SPEC_WORDS.search(t) for t in header_texts):
                raise InfraFileError(_t("Файл похож на инвентарную опись (есть колонки инвентарного номера, "
                                        "модели или стоимости), а не на инфраструктурный лист. Выберите файл "
                                        "инфраструктурного листа компетенции."))
            rows = _rows(ws, it, head)
        except InfraFileError:
            raise
        except Exception as e:
            raise InfraFileError(_t("Книгу Excel не удалось прочитать ({0}). Откройте её в Excel, сохраните "
                                    "заново как .xlsx и повторите импорт.").format(type(e).__name__)) from e
    finally:
        wb.close()
    title = ws.title
    cols = h.columns
    title_lines = [clean(v) for r in rows[:h.row - 1] for v in r if clean(v)]
    doc_title = " ".join(title_lines)[:300]
    comp = ""
    for tl in title_lines:
        m = _COMPETENCY.search(tl)
        if m:
            comp = clean(m.group(1)).strip(" .«»\"")
            break
    ym = _YEAR.search(doc_title)
    result = ParsedList(sheet=title, title=doc_title, competency_hint=comp, year=int(ym.group(1)) if ym else None,
                        header_row=h.row, columns=dict(cols))

    def cell(r: list[object], role: str) -> object:
        c = cols.get(role)
        if c is None or c - 1 >= len(r):
            return None
        return r[c - 1]

    zone, section, sec_per = "workplace", "", None
    seen_numbers: dict[tuple[str, str], int] = {}
    duplicates: list[tuple[str, int, int]] = []
    total = len(rows) - h.row
    first_col = min(cols.values())
    any_quantity = False
    for idx in range(h.row, len(rows)):
        rownum = idx + 1
        if cancelled is not None and cancelled():
            from chemcluster_desktop.i18n import translate as _tr

            raise InfraFileError(_tr("Errors", "Операция отменена; ничего не изменено."))
        if progress is not None and (idx - h.row) % 50 == 0:
            progress(idx - h.row, total)
        r = rows[idx]
        values = [(j, v) for j, v in enumerate(r) if clean(v)]
        if not values:
            continue
        result.rows_read += 1
        texts = [clean(v) for _j, v in values]
        name = clean(cell(r, "name"))
        qty_raw = cell(r, "quantity")
        total_only = False
        if clean(qty_raw) == "" and "quantity_total" in cols and clean(cell(r, "quantity_total")):
            qty_raw, total_only = cell(r, "quantity_total"), True
        number_raw = cell(r, "number")
        # a repeated header row (tables split over pages)
        if _role(name) == "name" and (qty_raw is None or _role(clean(qty_raw)) == "quantity"):
            continue
        distinct = {t for t in texts}
        is_section = False
        if len(distinct) == 1 and qty_raw in (None, "") and parse_number(number_raw) is None:
            is_section = True
        elif (not name and qty_raw in (None, "") and number_raw not in (None, "")
              and parse_number(number_raw) is None and len(clean(number_raw)) > 3):
            is_section = True
        if is_section:
            text = texts[0]
            low = _low(text)
            if _NOTE_ROW.match(low) or (values[0][0] + 1 < first_col):
                continue
            z = zone_of(text)
            if z is None and len(text) > 120:
                continue  # a long note line under the table
            zone = z or zone
            section = text[:300]
            sec_per = scope_of(text)
            continue
        if not name:
            low = _low(texts[0])
            if _NOTE_ROW.match(low):
                continue
            if qty_raw not in (None, ""):
                result.errors.append(RowError(rownum, _t("Строка {0}: нет наименования (колонка «Наименование» "
                                                        "пуста), количество «{1}».").format(rownum, clean(qty_raw))))
            continue
        low_name = _low(name)
        if _NOTE_ROW.match(low_name) and qty_raw in (None, ""):
            continue
        if qty_raw in (None, ""):
            result.errors.append(RowError(rownum, _t("Строка {0}: «{1}» — не указано количество.")
                                          .format(rownum, name[:80])))
            continue
        q = parse_quantity(qty_raw)
        if q is None:
            result.errors.append(RowError(rownum, _t("Строка {0}: «{1}» — количество «{2}» не число. Укажите "
                                                    "число, например «2» или «2 шт.».")
                                          .format(rownum, name[:80], clean(qty_raw)[:40])))
            continue
        qty, unit, cell_scope = q
        any_quantity = True
        if qty <= 0:
            result.errors.append(RowError(rownum, _t("Строка {0}: «{1}» — количество должно быть больше нуля.")
                                          .format(rownum, name[:80])))
            continue
        if qty > Decimal("1000000"):
            result.errors.append(RowError(rownum, _t("Строка {0}: «{1}» — количество {2} слишком велико.")
                                          .format(rownum, name[:80], qty)))
            continue
        unit_col = clean(cell(r, "unit"))
        if unit_col:
            unit = canon_unit(unit_col) or unit
        unit = unit or "шт."
        scope_cell = clean(cell(r, "scope"))
        per = scope_of(scope_cell) if scope_cell else None
        if per is None:
            per = cell_scope
        if per is None and "quantity_total" in cols:
            # two quantity columns say it themselves: per workplace, or for everybody
            per = False if total_only else (h.qty_scope if h.qty_scope is not None else True)
        if per is None:
            per = sec_per
        line_zone = zone
        zone_cell = clean(cell(r, "zone"))
        if zone_cell:
            line_zone = zone_of(zone_cell) or zone
        if per is None:
            # the quantity header («Количество на 1 рабочее место») speaks for the participants' zones;
            # a store rack or an expert's desk is for the whole site unless its section says otherwise
            if ZONE_DEFAULT_PER.get(line_zone, False):
                per = h.qty_scope if h.qty_scope is not None else True
            else:
                per = False
        number = clean(number_raw)
        number = number.rstrip(".")[:20]
        if number:
            key = (section, number)
            if key in seen_numbers:
                duplicates.append((number, seen_numbers[key], rownum))
            else:
                seen_numbers[key] = rownum
        spec = clean(cell(r, "specification"))
        note = clean(cell(r, "note"))
        result.lines.append(ParsedLine(rownum, number, name[:500], spec, qty, unit[:20], bool(per), line_zone,
                                       section, note))
    if progress is not None:
        progress(total, total)
    if duplicates:
        parts = [_t("№ {0} (строки {1} и {2})").format(n, a, b) for n, a, b in duplicates[:10]]
        raise InfraFileError(_t("В листе повторяются номера позиций: {0}. Исправьте нумерацию в файле и "
                                "повторите импорт; ничего не импортировано.").format("; ".join(parts)))
    if "quantity" not in cols or (not any_quantity and not result.lines):
        raise InfraFileError(_t("В листе нет количеств: не найдена колонка «Количество» или в ней нет ни одного "
                                "числа. Без количеств чек-лист мастерской построить нельзя."))
    if not result.lines:
        raise InfraFileError(_t("В листе не найдено ни одной позиции под строкой заголовка (строка {0}).")
                             .format(h.row))
    return result


# --- export of a workshop's checklist ----------------------------------------------------------
def write_checklist(path, rows: list[dict], *, zone_labels: dict[str, str], status_labels: dict[str, str],
                    sheet_title: str = "Чек-лист") -> int:
    """The checklist as an Excel table (plain rows in): the same columns the packet prints, typed."""
    from chemcluster_desktop.xlsx.common import OutColumn, write_table

    cols = [OutColumn(_t("№"), "text", 6), OutColumn(_t("Зона"), "text", 26), OutColumn(_t("Наименование"), "text", 40),
            OutColumn(_t("Характеристики"), "text", 40), OutColumn(_t("Кол-во по листу"), "decimal", 10),
            OutColumn(_t("На 1 рабочее место"), "text", 10), OutColumn(_t("Требуется"), "decimal", 11),
            OutColumn(_t("Ед. изм."), "text", 8), OutColumn(_t("В наличии"), "decimal", 11),
            OutColumn(_t("Статус"), "text", 14), OutColumn(_t("Статус вручную: обоснование"), "text", 36),
            OutColumn(_t("Комментарий"), "text", 36), OutColumn(_t("Связанных позиций"), "int", 10)]
    yes = _t("да")

    def _num(v):
        if v is None:
            return None
        d = Decimal(v)
        return int(d) if d == d.to_integral_value() else float(d)

    def _status(r) -> str:
        text = status_labels.get(r["status"], r["status"])
        if r.get("unconfirmed"):  # a manual status the evidence does not support (issue 14)
            claimed = status_labels.get(r["status_override"], r["status_override"])
            text += " " + _t("(«{0}» — вручную, без подтверждения)").format(claimed)
        return text

    out = ([r["number"], zone_labels.get(r["zone"], r["zone"]), r["name"], r["specification"], _num(r["quantity"]),
            yes if r["per_workplace"] else "", _num(r["required"]), r["unit"], _num(r["available"] or 0),
            _status(r), r["override_comment"] if r["status_override"] else "",
            r["comment"], int(r["links"] or 0)] for r in rows)
    return write_table(path, cols, out, sheet_title=sheet_title)
