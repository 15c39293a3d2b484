"""The inventory spreadsheet: column synonyms for import, columns for export (plain data only).

:func:`read_inventory` turns a workbook into parsed rows (dicts of typed values with their row
numbers) and per-row errors. It knows nothing of the database: duplicates against the stored
inventory and rooms are the service's business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.xlsx.common import (
    HeaderMatch,
    OutColumn,
    XlsxFileError,
    cell_text,
    find_header,
    first_visible_sheet,
    is_empty_row,
    is_total_row,
    iter_sheet_rows,
    open_workbook,
    parse_date,
    parse_number,
    rounds_to_zero,
    write_table,
)


def _t(s: str) -> str:
    return translate("InventoryXlsx", s)


# field -> (Russian label, synonyms)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "kind": ("Вид", ("вид", "тип", "категория", "вид имущества", "вид позиции", "kind")),
    "inventory_number": ("Инвентарный номер", ("инвентарный номер", "инв номер", "инв", "инвентарный",
                                               "номер инвентарный", "инв н", "inventory number")),
    "name": ("Наименование", ("наименование", "название", "наименование объекта", "наименование имущества",
                              "наименование оборудования", "наименование товара", "предмет", "name",
                              "наименование реактива")),
    "model": ("Модель", ("модель", "марка", "марка модель", "model")),
    "serial_number": ("Заводской номер", ("серийный номер", "заводской номер", "зав номер", "зав", "s n", "sn",
                                          "серийный", "serial number", "заводской")),
    "manufacturer": ("Производитель", ("производитель", "изготовитель", "фирма", "manufacturer")),
    "country": ("Страна", ("страна", "страна производства", "страна происхождения", "country")),
    "cost": ("Стоимость", ("стоимость", "цена", "балансовая стоимость", "первоначальная стоимость",
                           "стоимость руб", "цена руб", "сумма", "цена за единицу", "cost", "price")),
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


def field_label(f: str) -> str:
    return _t(FIELDS[f][0]) if f in FIELDS else f


def read_inventory(path, *, mapping: dict[int, str] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None, today: dt.date | None = None) -> ParsedSheet:
    """Parse the first visible sheet (its name is in ``ParsedSheet.sheet``; hidden sheets are never read);
    ``mapping`` (column index → field, "" to ignore) overrides the guesses."""
    today = today or dt.date.today()
    wb = open_workbook(path)
    try:
        ws = first_visible_sheet(wb) if wb.worksheets else None
        total_guess = 0
        try:
            total_guess = int(ws.max_row or 0) if ws is not None else 0
        except Exception:
            total_guess = 0
        rows = iter_sheet_rows(wb, ws.title if ws is not None else None)
        header, rest = find_header(rows, SYNONYMS, required=("name",), min_matches=2)
        if mapping:
            cols = {}
            for idx, f in mapping.items():
                if f and f in FIELDS:
                    cols[f] = int(idx)
            header.columns = cols
            header.uncertain = {}
        if "name" not in header.columns:
            raise XlsxFileError(_t("В файле не найден столбец «Наименование»: без него импорт невозможен."))
        out = ParsedSheet(header=header, sheet=ws.title if ws is not None else "")
        cols = list(header.columns.items())
        n = 0
        for rownum, values in rest:
            n += 1
            if n % 500 == 0:
                if cancelled is not None and cancelled():
                    from chemcluster_desktop.xlsx.common import XlsxCancelled

                    raise XlsxCancelled()
                if progress is not None:
                    progress(rownum, total_guess)
            if is_empty_row(values):
                out.skipped_blank += 1
                continue
            if is_total_row(values):
                out.skipped_totals += 1
                continue
            out.total_rows += 1
            raw = {f: (values[i] if i < len(values) else None) for f, i in cols}
            try:
                out.rows.append(ParsedRow(rownum, _parse_row(raw, today)))
            except _RowError as e:
                out.errors.append((rownum, str(e)))
        return out
    finally:
        wb.close()


class _RowError(Exception):
    pass


TEXT_FIELDS = {"inventory_number": 64, "name": 300, "model": 200, "serial_number": 100, "manufacturer": 200,
               "country": 100, "room": 100, "building": 200, "responsible": 200, "unit": 20, "cas_number": 20,
               "formula": 100, "lot": 64, "supplier": 200, "storage_place": 100, "notes": 2000,
               "ghs_pictograms": 100, "h_statements": 300}
NUMBER_FIELDS = {"cost", "quantity", "min_quantity"}
DATE_FIELDS = {"commissioned_on", "received_on", "expires_on"}
PAST_ONLY = {"commissioned_on", "received_on"}
_MAX_NUMBER = Decimal("1e12")


def _parse_row(raw: dict[str, Any], today: dt.date) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for f, v in raw.items():
        if v is None and f not in ("status", "name"):
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
    if "kind" not in d:
        if d.get("cas_number") or d.get("expires_on"):
            d["kind"] = "reagent"
        elif d.get("min_quantity") is not None:
            d["kind"] = "consumable"
        elif d.get("quantity") is not None and d["quantity"] != 1:
            d["kind"] = "consumable"
        else:
            d["kind"] = "equipment"
    if d["kind"] in ("equipment", "furniture") and d.get("quantity") not in (None, Decimal(1)):
        raise _RowError(_t("Оборудование и мебель учитываются поштучно: количество должно быть 1 (указано {0}). "
                           "Разбейте строку на отдельные позиции.").format(d["quantity"]))
    return d


# --- export ------------------------------------------------------------------------------------------------
def export_columns() -> list[tuple[str, OutColumn]]:
    return [
        ("inventory_number", OutColumn(_t("Инвентарный номер"), "text", 18)),
        ("name", OutColumn(_t("Наименование"), "text", 42)),
        ("kind_label", OutColumn(_t("Вид"), "text", 16)),
        ("model", OutColumn(_t("Модель"), "text", 18)),
        ("serial_number", OutColumn(_t("Заводской номер"), "text", 16)),
        ("manufacturer", OutColumn(_t("Производитель"), "text", 18)),
        ("room", OutColumn(_t("Помещение"), "text", 34)),
        ("responsible", OutColumn(_t("МОЛ"), "text", 20)),
        ("status_label", OutColumn(_t("Состояние"), "text", 15)),
        ("quantity", OutColumn(_t("Количество"), "decimal", 11)),
        ("unit", OutColumn(_t("Ед. изм."), "text", 8)),
        ("min_quantity", OutColumn(_t("Минимальный остаток"), "decimal", 12)),
        ("cost", OutColumn(_t("Стоимость, ₽"), "money", 14)),
        ("commissioned_on", OutColumn(_t("Дата ввода"), "date", 12)),
        ("expires_on", OutColumn(_t("Годен до"), "date", 12)),
    ]


def write_inventory(path, rows: Iterable[dict], *, progress=None, cancelled=None) -> int:
    cols = export_columns()
    keys = [k for k, _c in cols]
    return write_table(path, [c for _k, c in cols], ([r.get(k) for k in keys] for r in rows),
                       sheet_title=_t("Инвентарь"), progress=progress, cancelled=cancelled)
