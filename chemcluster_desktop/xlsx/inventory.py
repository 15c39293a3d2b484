"""The inventory spreadsheet: column synonyms for import, columns for export (plain data only).

:func:`read_inventory` turns a workbook into parsed rows (dicts of typed values with their row
numbers) and per-row errors. It knows nothing of the database: duplicates against the stored
inventory and rooms are the service's business.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.xlsx.common import (
    HEADER_SCAN_ROWS,
    HeaderMatch,
    OutColumn,
    XlsxCancelled,
    XlsxFileError,
    cell_text,
    first_visible_sheet,
    is_empty_row,
    is_total_row,
    iter_sheet_rows,
    match_header_row,
    norm_header,
    open_workbook,
    parse_date,
    parse_number,
    rounds_to_zero,
    write_table,
)
from chemcluster_desktop.xlsx.layout import (
    Layout,
    account_of,
    find_layout,
    is_column_numbers_row,
    is_signature_row,
)


def _t(s: str) -> str:
    return translate("InventoryXlsx", s)


# field -> (Russian label, synonyms)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "kind": ("Вид", ("вид", "тип", "категория", "вид имущества", "вид позиции", "kind")),
    "inventory_number": ("Инвентарный номер", ("инвентарный номер", "инв номер", "инв", "инвентарный",
                                               "номер инвентарный", "инв н", "inventory number",
                                               "номер код объекта учета", "номер объекта учета",
                                               "код объекта учета", "инвентарный номер объекта")),
    "name": ("Наименование", ("наименование", "название", "наименование объекта", "наименование имущества",
                              "наименование оборудования", "наименование товара", "предмет", "name",
                              "наименование реактива", "наименование нефинансового актива",
                              "наименование объекта учета", "наименование нефинансовых активов")),
    "model": ("Модель", ("модель", "марка", "марка модель", "model")),
    "serial_number": ("Заводской номер", ("серийный номер", "заводской номер", "зав номер", "зав", "s n", "sn",
                                          "серийный", "serial number", "заводской")),
    "manufacturer": ("Производитель", ("производитель", "изготовитель", "фирма", "manufacturer")),
    "country": ("Страна", ("страна", "страна производства", "страна происхождения", "country")),
    "cost": ("Стоимость", ("стоимость", "цена", "балансовая стоимость", "первоначальная стоимость",
                           "стоимость руб", "цена руб", "цена за единицу", "cost", "price",
                           "стоимость за единицу", "цена за ед")),
    "total_cost": ("Сумма", ("сумма", "сумма руб", "общая стоимость", "стоимость всего", "итого стоимость",
                             "сумма всего")),
    "commissioned_on": ("Дата ввода", ("дата ввода в эксплуатацию", "дата ввода", "введено в эксплуатацию",
                                       "дата принятия к учету", "дата постановки на учет", "ввод в эксплуатацию")),
    "status": ("Состояние", ("состояние", "статус", "status")),
    "room": ("Помещение", ("помещение", "аудитория", "кабинет", "место", "расположение", "местонахождение",
                           "лаборатория", "мастерская", "room", "ауд")),
    "building": ("Корпус", ("корпус", "здание", "building")),
    "responsible": ("МОЛ", ("мол", "ответственный", "материально ответственное лицо", "ответственное лицо")),
    "quantity": ("Количество", ("количество", "кол во", "кол", "остаток", "количество фактическое", "qty",
                                "quantity", "фасовка", "масса")),
    "unit": ("Ед. изм.", ("ед изм", "единица измерения", "ед", "единица", "unit")),
    "min_quantity": ("Минимальный остаток", ("минимальный остаток", "мин остаток", "неснижаемый остаток",
                                             "минимум", "минимальное количество")),
    "cas_number": ("CAS", ("cas", "cas номер", "номер cas", "cas no", "cas n")),
    "formula": ("Формула", ("формула", "химическая формула", "formula")),
    "ghs_pictograms": ("Пиктограммы СГС", ("пиктограммы", "ghs", "пиктограммы сгс", "сгс", "пиктограммы ghs")),
    "h_statements": ("H-фразы", ("h фразы", "h-фразы", "фразы опасности", "h statements", "краткая характеристика опасности")),
    "storage_group": ("Группа хранения", ("группа хранения", "класс хранения", "storage group")),
    "lot": ("Партия", ("партия", "серия", "лот", "номер партии", "lot")),
    "supplier": ("Поставщик", ("поставщик", "supplier")),
    "received_on": ("Дата получения", ("дата получения", "получено", "дата поступления")),
    "expires_on": ("Годен до", ("годен до", "срок годности", "срок годности до", "дата окончания срока годности",
                                "expiry")),
    "storage_place": ("Место хранения", ("место хранения", "шкаф", "полка")),
    "notes": ("Примечание", ("примечание", "примечания", "комментарий", "notes")),
    "account": ("Счёт учёта", ("счет учета", "счет", "субсчет", "счет бухгалтерского учета", "account")),
    "accounting_number": ("Номер по учёту", ("номер по учету", "учетный номер", "номер в бухгалтерии",
                                             "accounting number")),
    "opened_on": ("Дата вскрытия", ("дата вскрытия", "вскрыто", "opened")),
    "custom_fields": ("Дополнительные поля", ("дополнительные поля", "доп поля", "custom fields")),
}
SYNONYMS = {f: syn for f, (_l, syn) in FIELDS.items()}

KIND_WORDS = {
    "equipment": ("оборудование", "основное средство", "основные средства", "ос", "прибор", "equipment"),
    "furniture": ("мебель", "furniture"),
    "consumable": ("расходный материал", "расходные материалы", "расходник", "расходные", "материал",
                   "материалы", "consumable"),
    "reagent": ("реактив", "реактивы", "химический реактив", "reagent"),
}
STATUS_WORDS = {
    "in_use": ("в эксплуатации", "используется", "исправно", "исправен", "в работе", "in use", ""),
    "repair": ("на ремонте", "ремонт", "неисправно", "неисправен", "repair"),
    "not_commissioned": ("не введено", "не введен", "не введено в эксплуатацию", "на складе", "новое"),
    "written_off": ("списано", "списан", "written off"),
}
STORAGE_WORDS = {
    "general": ("общего хранения", "общее", "general"),
    "acids": ("кислоты", "кислота", "acids"),
    "bases": ("щелочи", "щелочи и основания", "основания", "щелочь", "bases"),
    "oxidisers": ("окислители", "окислитель", "oxidisers"),
    "flammables": ("лвж", "легковоспламеняющиеся", "горючие", "flammables"),
    "reducers": ("восстановители", "reducers"),
    "water_reactive": ("реагирующие с водой", "water reactive"),
    "toxic": ("ядовитые", "яды", "токсичные", "toxic"),
}


def _lookup(words: dict[str, Sequence[str]], text: str) -> str | None:
    t = text.casefold().replace("ё", "е").strip().rstrip(".")
    for code, ws in words.items():
        if t == code or t in ws:
            return code
    for code, ws in words.items():
        if any(w and t.startswith(w) for w in ws if len(w) > 3):
            return code
    return None


@dataclass
class ParsedRow:
    row: int
    data: dict[str, Any]


@dataclass
class ParsedSheet:
    header: HeaderMatch
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    total_rows: int = 0  # data rows seen (without empty and totals rows)
    skipped_blank: int = 0
    skipped_totals: int = 0
    sheet: str = ""
    # rows that are not data — column numbers, account captions, subtotals, totals, signatures, objects
    # disposed of in the period — each with its reason (not bad rows: --strict does not count them)
    ignored: list[tuple[int, str]] = field(default_factory=list)
    responsible: str = ""  # МОЛ from the title block
    statement: bool = False  # a statement of balances (ф. 0504035): the closing balance is taken
    choices: list[str] = field(default_factory=list)  # which column became a field when several could
    captions: list[str] = field(default_factory=list)  # every column's caption (header rows read together)
    header_found: bool = True  # False: no header recognised, the first row of captions taken (to be mapped)
    scanned: int = 0  # rows looked at for the header


def field_label(f: str) -> str:
    return _t(FIELDS[f][0]) if f in FIELDS else f


def read_header(path, *, fallback: bool = False) -> Layout:
    """Only the header of the first visible sheet (for the column mapping and its memory)."""
    wb = open_workbook(path)
    try:
        ws = first_visible_sheet(wb) if wb.worksheets else None
        title = ws.title if ws is not None else None
        return _layout(wb, iter_sheet_rows(wb, title), fallback, title or "")[0]
    finally:
        wb.close()


def _first_text_row(head) -> Layout | None:
    """When no header is recognised but the person maps the columns: the first row of captions."""
    for rownum, values in head:
        texts = [v for v in values if isinstance(v, str) and v.strip()]
        if len(texts) >= 2 and len(texts) == len([v for v in values if cell_text(v)]):
            caps = [cell_text(v) for v in values]
            cols, loose, unmatched = match_header_row(values, SYNONYMS)
            return Layout(header_row=rownum, last_row=rownum, captions=caps, columns=cols, uncertain=loose,
                          unmatched=unmatched, guessed=False)
    return None


def not_found_message(sheet: str, scanned: int) -> str:
    return _t("Лист «{0}»: не найдена строка заголовков таблицы в первых {1} строках. Нужны столбцы «Наименование» "
              "и хотя бы один из «Инвентарный номер», «Количество», «Помещение», «Вид»; проверьте названия столбцов "
              "или воспользуйтесь шаблоном.").format(sheet, scanned)


def _layout(wb, rows, fallback: bool = False, sheet: str = "") -> tuple[Layout, Any]:
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    if not head:
        raise XlsxFileError(_t("Лист «{0}» пуст: в нём нет ни одной строки.").format(sheet))
    lay = find_layout(head, SYNONYMS, field_label)
    if lay is None and fallback:
        lay = _first_text_row(head)
    if lay is None:
        raise XlsxFileError(not_found_message(sheet, len(head)))
    lay.scanned = len(head)
    after = [(n, v) for n, v in head if n > lay.last_row]
    return lay, itertools.chain(after, rows)


def apply_mapping(header: HeaderMatch, captions: list[str], mapping: dict[int, str]) -> None:
    """The columns a person chose (column index → field, "" to ignore) replace the guessed ones."""
    cols = {}
    for idx, f in mapping.items():
        if f and f in FIELDS:
            cols[f] = int(idx)
    header.columns = cols
    header.uncertain = {}
    header.unmatched = [(i, c) for i, c in enumerate(captions) if c and i not in cols.values()]


def read_inventory(path, *, mapping: dict[int, str] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None, today: dt.date | None = None,
                   fallback: bool = False, require_name: bool = True) -> ParsedSheet:
    """Parse the first visible sheet (its name is in ``ParsedSheet.sheet``; hidden sheets are never read);
    ``mapping`` (column index → field, "" to ignore) overrides the guesses.
    ``fallback``: when no header is recognised, the first row of captions is the header (to be mapped)."""
    today = today or dt.date.today()
    wb = open_workbook(path)
    try:
        ws = first_visible_sheet(wb) if wb.worksheets else None
        total_guess = 0
        try:
            total_guess = int(ws.max_row or 0) if ws is not None else 0
        except Exception:
            total_guess = 0
        sheet = ws.title if ws is not None else ""
        lay, rest = _layout(wb, iter_sheet_rows(wb, ws.title if ws is not None else None),
                            fallback or bool(mapping), sheet)
        header = HeaderMatch(lay.header_row, dict(lay.columns), lay.captions, list(lay.unmatched),
                             dict(lay.uncertain))
        if mapping:
            apply_mapping(header, lay.captions, mapping)
        no_name = _t("Лист «{0}»: нет столбца «Наименование» (строка заголовков {1}): без него импорт "
                     "невозможен. Укажите, какой столбец — наименование.").format(sheet, lay.header_row)
        if "name" not in header.columns and require_name:
            raise XlsxFileError(no_name)
        out = ParsedSheet(header=header, sheet=sheet, ignored=list(lay.ignored_rows), responsible=lay.responsible,
                          statement=lay.statement and "quantity" in header.columns
                          and lay.columns.get("quantity") == header.columns.get("quantity"),
                          choices=list(lay.choices) if header.columns == lay.columns else [],
                          captions=lay.captions, header_found=lay.guessed, scanned=lay.scanned)
        if "name" not in header.columns:  # the preview: the columns are shown to be mapped
            out.errors.append((lay.header_row, no_name))
            return out
        cols = list(header.columns.items())
        name_col = header.columns["name"]
        name_caption = norm_header(lay.captions[name_col]) if name_col < len(lay.captions) else ""
        account = ""
        finished = False  # after the statement's «Всего»: the signature block
        n = 0
        for rownum, values in rest:
            n += 1
            if n % 500 == 0:
                if cancelled is not None and cancelled():
                    raise XlsxCancelled()
                if progress is not None:
                    progress(rownum, total_guess)
            if is_empty_row(values):
                out.skipped_blank += 1
                continue
            why = _not_data(values, name_col, out.statement, name_caption)
            if why == "account":
                account = account_of(values) or account
                out.ignored.append((rownum, _t("заголовок счёта {0}").format(account)))
                continue
            if why == "total":
                out.skipped_totals += 1
                grand = _is_grand_total(values)
                out.ignored.append((rownum, _t("итоговая строка «Всего»") if grand
                                    else _t("строка итогов («Итого»)")))
                finished = finished or (grand and out.statement)
                continue
            if finished:
                out.ignored.append((rownum, _t("после итоговой строки «Всего» (подписи)")))
                continue
            if why:
                out.ignored.append((rownum, why))
                continue
            out.total_rows += 1
            raw = {f: (values[i] if i < len(values) else None) for f, i in cols}
            try:
                d = _parse_row(raw, today, account=account, statement=out.statement)
            except _RowError as e:
                out.errors.append((rownum, str(e)))
                continue
            except _Disposed:
                out.total_rows -= 1
                out.ignored.append((rownum, _t("выбыло в периоде (остаток на конец — 0)")))
                continue
            out.rows.append(ParsedRow(rownum, d))
        return out
    finally:
        wb.close()


def _is_grand_total(values: Sequence[Any]) -> bool:
    for v in values:
        t = cell_text(v).casefold()
        if t:
            return t.startswith(("всего", "итого по ведомости", "итого по всем"))
    return False


def _not_data(values: Sequence[Any], name_col: int, statement: bool, name_caption: str) -> str | None:
    """Why a non-empty row is not an object: "account", "total" or the reason text; None for data."""
    if account_of(values) is not None:
        return "account"
    if is_total_row(values):
        return "total"
    if is_column_numbers_row(values):
        return _t("строка с номерами граф")
    if name_col < len(values) and type(values[name_col]) is str and norm_header(values[name_col]) == name_caption:
        return _t("повтор строки заголовков")  # a header repeated on every printed page
    if is_signature_row(values):
        return _t("блок подписей")
    if name_col >= len(values) or not cell_text(values[name_col]):
        if statement:
            return _t("нет наименования объекта")
    return None


class _Disposed(Exception):
    pass


class _RowError(Exception):
    pass


TEXT_FIELDS = {"inventory_number": 64, "name": 300, "model": 200, "serial_number": 100, "manufacturer": 200,
               "country": 100, "room": 100, "building": 200, "responsible": 200, "unit": 20, "cas_number": 20,
               "formula": 100, "lot": 64, "supplier": 200, "storage_place": 100, "notes": 2000,
               "ghs_pictograms": 100, "h_statements": 300, "account": 32, "accounting_number": 64}
NUMBER_FIELDS = {"cost", "quantity", "min_quantity", "total_cost"}
DATE_FIELDS = {"commissioned_on", "received_on", "expires_on", "opened_on"}
PAST_ONLY = {"commissioned_on", "received_on", "opened_on"}
_MAX_NUMBER = Decimal("1e12")


def kind_of_account(account: str) -> str | None:
    """The kind an accounting account implies: 101.36 (инвентарь производственный и хозяйственный) →
    furniture, other 101.x (основные средства) → equipment, 105.x (материальные запасы) → consumable."""
    a = (account or "").strip()
    if a.startswith("101.36"):
        return "furniture"
    if a.startswith("101"):
        return "equipment"
    if a.startswith("105"):
        return "consumable"
    return None


def _parse_row(raw: dict[str, Any], today: dt.date, *, account: str = "", statement: bool = False) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for f, v in raw.items():
        if v is None and f not in ("status", "name"):
            continue
        if f == "custom_fields":
            t = cell_text(v)
            if t:
                try:
                    cf = json.loads(t)
                except ValueError:
                    cf = None
                if not isinstance(cf, dict):
                    raise _RowError(_t("«{0}»: нужен объект JSON вида {{\"поле\": значение}}.")
                                    .format(field_label(f)))
                d[f] = cf
            continue
        if f in NUMBER_FIELDS:
            try:
                num = parse_number(v)
            except ValueError:
                raise _RowError(_t("«{0}»: «{1}» — не число.").format(field_label(f), cell_text(v))) from None
            if num is not None and num < 0:
                raise _RowError(_t("«{0}» не может быть отрицательным ({1}).").format(field_label(f), cell_text(v)))
            if num is not None and num > _MAX_NUMBER:
                raise _RowError(_t("«{0}»: слишком большое значение.").format(field_label(f)))
            places = 2 if f == "cost" else 3  # kopecks; quantities to 0.001
            if rounds_to_zero(num, places):
                raise _RowError(_t("«{0}»: {1} — при хранении с точностью {2} знака после запятой станет нулём. "
                                   "Проверьте единицы измерения.").format(field_label(f), cell_text(v), places))
            d[f] = num
        elif f in DATE_FIELDS:
            label = field_label(f)
            try:
                dv = parse_date(v)
            except ValueError:
                raise _RowError(_t("«{0}»: «{1}» — не дата (нужен вид 26.11.2026).").format(label, cell_text(v))) \
                    from None
            if dv is not None and f in PAST_ONLY and dv > today:
                raise _RowError(_t("«{0}»: дата {1} ещё не наступила.").format(label, dv.strftime("%d.%m.%Y")))
            d[f] = dv
        elif f == "kind":
            t = cell_text(v)
            if t:
                k = _lookup(KIND_WORDS, t)
                if k is None:
                    raise _RowError(_t("Вид «{0}» не распознан: оборудование, мебель, расходный материал или "
                                       "реактив.").format(t))
                d[f] = k
        elif f == "status":
            t = cell_text(v)
            k = _lookup(STATUS_WORDS, t)
            if k is None:
                raise _RowError(_t("Состояние «{0}» не распознано: в эксплуатации, на ремонте, не введено, "
                                   "списано.").format(t))
            d[f] = k
        elif f == "storage_group":
            t = cell_text(v)
            if t:
                k = _lookup(STORAGE_WORDS, t)
                if k is None:
                    raise _RowError(_t("Группа хранения «{0}» не распознана.").format(t))
                d[f] = k
        else:
            t = cell_text(v)
            lim = TEXT_FIELDS.get(f, 300)
            if len(t) > lim:
                raise _RowError(_t("«{0}» длиннее {1} знаков.").format(field_label(f), lim))
            d[f] = t
    if not d.get("name"):
        raise _RowError(_t("Не указано наименование."))
    if statement and not d.get("quantity"):
        raise _Disposed()
    if not d.get("account") and account:
        d["account"] = account
    total = d.pop("total_cost", None)
    if d.get("cost") is None and total is not None:
        q = d.get("quantity")
        d["cost"] = (total / q).quantize(Decimal("0.01")) if q else total
    if "kind" not in d:
        by_account = kind_of_account(d.get("account", ""))
        if d.get("cas_number") or d.get("expires_on"):
            d["kind"] = "reagent"
        elif by_account:
            d["kind"] = by_account
        elif d.get("min_quantity") is not None:
            d["kind"] = "consumable"
        elif d.get("quantity") is not None and d["quantity"] != 1:
            d["kind"] = "consumable"
        else:
            d["kind"] = "equipment"
    q = d.get("quantity")
    if d["kind"] in ("equipment", "furniture") and q is not None and (q < 1 or q != q.to_integral_value()):
        raise _RowError(_t("Оборудование и мебель учитываются в штуках: количество — целое число от 1 "
                           "(указано {0}).").format(q))
    return d


# --- export ------------------------------------------------------------------------------------------------
def export_columns() -> list[tuple[str, OutColumn]]:
    """Every column :func:`read_inventory` reads back (the round trip export → import is lossless):
    one row per item, a reagent's row once per container (the item's fields repeated)."""
    return [
        ("inventory_number", OutColumn(_t("Инвентарный номер"), "text", 18)),
        ("name", OutColumn(_t("Наименование"), "text", 42)),
        ("kind_label", OutColumn(_t("Вид"), "text", 16)),
        ("model", OutColumn(_t("Модель"), "text", 18)),
        ("serial_number", OutColumn(_t("Заводской номер"), "text", 16)),
        ("manufacturer", OutColumn(_t("Производитель"), "text", 18)),
        ("country", OutColumn(_t("Страна"), "text", 12)),
        ("room", OutColumn(_t("Помещение"), "text", 34)),
        ("building", OutColumn(_t("Корпус"), "text", 16)),
        ("responsible", OutColumn(_t("МОЛ"), "text", 20)),
        ("status_label", OutColumn(_t("Состояние"), "text", 15)),
        ("quantity", OutColumn(_t("Количество"), "decimal", 11)),
        ("unit", OutColumn(_t("Ед. изм."), "text", 8)),
        ("min_quantity", OutColumn(_t("Минимальный остаток"), "decimal", 12)),
        ("cost", OutColumn(_t("Стоимость, ₽"), "money", 14)),
        ("commissioned_on", OutColumn(_t("Дата ввода"), "date", 12)),
        ("account", OutColumn(_t("Счёт учёта"), "text", 10)),
        ("accounting_number", OutColumn(_t("Номер по учёту"), "text", 16)),
        ("cas_number", OutColumn(_t("CAS"), "text", 12)),
        ("formula", OutColumn(_t("Формула"), "text", 12)),
        ("ghs_pictograms", OutColumn(_t("Пиктограммы СГС"), "text", 16)),
        ("h_statements", OutColumn(_t("H-фразы"), "text", 16)),
        ("storage_group_label", OutColumn(_t("Группа хранения"), "text", 18)),
        ("lot", OutColumn(_t("Партия"), "text", 12)),
        ("supplier", OutColumn(_t("Поставщик"), "text", 16)),
        ("received_on", OutColumn(_t("Дата получения"), "date", 12)),
        ("opened_on", OutColumn(_t("Дата вскрытия"), "date", 12)),
        ("expires_on", OutColumn(_t("Годен до"), "date", 12)),
        ("storage_place", OutColumn(_t("Место хранения"), "text", 14)),
        ("notes", OutColumn(_t("Примечание"), "text", 24)),
        ("custom_fields_json", OutColumn(_t("Дополнительные поля"), "text", 24)),
    ]


def write_inventory(path, rows: Iterable[dict], *, progress=None, cancelled=None) -> int:
    cols = export_columns()
    keys = [k for k, _c in cols]
    return write_table(path, [c for _k, c in cols], ([r.get(k) for k in keys] for r in rows),
                       sheet_title=_t("Инвентарь"), progress=progress, cancelled=cancelled)
