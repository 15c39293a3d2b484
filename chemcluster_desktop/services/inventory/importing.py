"""Import of the inventory from Excel (one transaction: all good rows, or nothing with --strict).

The file may be the lab's own sheet (one header row; identical things as one row with a quantity —
a group, kept as one card or split into unit cards) or an accounting statement with multi-row
headers (ф. 0504035: the closing balance is taken, the account of each row recorded, the МОЛ taken
from the title block; see :mod:`chemcluster_desktop.xlsx.layout`). The plan (what happens to each row)
is in :mod:`.import_plan`, the writing in :mod:`.import_write`; the export in :mod:`.export`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import Cancelled, FileFormatError, ValidationError
from chemcluster_desktop.services.inventory.import_plan import RowAction, make_plan
from chemcluster_desktop.services.inventory.import_write import write
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.core import Setting
from chemcluster_desktop.xlsx import inventory as xinv
from chemcluster_desktop.xlsx.common import XlsxCancelled, XlsxFileError, norm_header
from chemcluster_desktop.xlsx.layout import column_letter

GROUP_MODES = ("keep", "split")
IGNORE = ("", "-", "skip", "none", "не импортировать")


def _t(s: str) -> str:
    return translate("Inventory", s)


@dataclass
class ImportReport:
    imported: int = 0  # rows imported (created or updated)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # bad rows
    created_rooms: list[str] = field(default_factory=list)
    total_rows: int = 0
    dry_run: bool = False
    numbers_assigned: int = 0
    blank_rows: int = 0
    totals_rows: int = 0
    created: int = 0  # rows that create cards
    updated: int = 0  # rows that update stored cards
    cards_created: int = 0  # cards (a split group makes several)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # not data: captions, totals, disposed …
    actions: list[RowAction] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    responsible: str = ""
    statement: bool = False

    def summary(self) -> str:
        s = _t("Импортировано {0}, пропущено {1}").format(self.imported, len(self.skipped))
        if self.updated:
            s += _t(" (из них обновлено карточек: {0})").format(self.updated)
        if self.created_rooms:
            s += _t(", создано помещений: {0}").format(len(self.created_rooms))
        return s + "."


@dataclass
class ImportPreview:
    """What the preview dialog shows (duck-typed by ui/dialogs/import_preview.py)."""

    path: str
    headers: list[str]
    header_row: int
    mapping: dict[int, str]  # column index -> field ("" = ignored)
    uncertain: list[int]  # column indexes matched only loosely: ask the person
    fields: list[tuple[str, str]]  # (field, label) choices
    rows: list[tuple[int, list[str]]]  # first rows: (row number, shown values per mapped column)
    columns: list[str]  # labels of the shown values
    errors: list[tuple[int, str]]
    notes: list[str]
    report: ImportReport
    actions: list[RowAction] = field(default_factory=list)  # create / update / skip per row
    remembered: bool = False  # the mapping is the one confirmed before for these headers


class ImportRejected(ValidationError):
    """--strict: some row is bad, nothing imported; ``report.skipped`` lists every bad row."""

    def __init__(self, message: str, report: ImportReport):
        super().__init__(message)
        self.report = report


# --- the column mapping and its memory -------------------------------------------------------------------
def _headers_key(captions: list[str]) -> str:
    text = "|".join(norm_header(c) for c in captions)
    return "inventory.import_map." + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _remembered(captions: list[str]) -> dict[int, str] | None:
    with context.read() as s:
        value = s.scalar(select(Setting.value).where(Setting.key == _headers_key(captions)))
    if value is None:
        return None
    try:
        saved = json.loads(value)
    except ValueError:
        return None
    out = {}
    for j, cap in enumerate(captions):
        f = saved.get(norm_header(cap)) if cap else None
        if f:
            out[j] = f
    return out or None


def _remember(s, captions: list[str], mapping: dict[int, str]) -> None:
    value = json.dumps({norm_header(captions[j]): f for j, f in mapping.items() if f and j < len(captions)},
                       ensure_ascii=False, sort_keys=True)
    key = _headers_key(captions)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value


def mapping_from_headers(captions: list[str], auto: dict[str, int], pairs: list[str]) -> dict[int, str]:
    """``--map "Заголовок=field"`` (repeatable) over the automatic mapping; field "" / "-" ignores the column."""
    mapping = {j: f for f, j in auto.items()}
    norm = [norm_header(c) for c in captions]
    for pair in pairs:
        if "=" not in pair:
            raise ValidationError(_t("--map «{0}»: нужен вид «Заголовок=поле».").format(pair), field="map")
        head, f = (x.strip() for x in pair.rsplit("=", 1))
        f = "" if f.casefold() in IGNORE else f
        if f and f not in xinv.FIELDS:
            raise ValidationError(_t("--map «{0}»: поля «{1}» нет. Поля: {2}.")
                                  .format(pair, f, ", ".join(xinv.FIELDS)), field="map")
        h = norm_header(head)
        cols = [j for j, n in enumerate(norm) if n == h] or [j for j, n in enumerate(norm) if h and h in n]
        if len(cols) != 1:
            shown = ", ".join(f"«{c}»" for c in captions if c)
            raise ValidationError((_t("--map: столбца «{0}» в файле нет. Столбцы: {1}.") if not cols else
                                   _t("--map: «{0}» подходит к нескольким столбцам; укажите заголовок точнее. "
                                      "Столбцы: {1}.")).format(head, shown), field="map")
        j = cols[0]
        if f:
            for k in [k for k, v in mapping.items() if v == f]:
                del mapping[k]
        mapping[j] = f
    return mapping


def _read(path, mapping, progress, cancelled, fallback=False, require_name=True) -> xinv.ParsedSheet:
    try:
        return xinv.read_inventory(path, mapping=mapping, progress=progress, cancelled=cancelled,
                                   fallback=fallback, require_name=require_name)
    except XlsxCancelled as e:
        raise Cancelled() from e
    except XlsxFileError as e:
        raise FileFormatError(str(e), row=e.row) from e


def _header(path, fallback=False):
    try:
        return xinv.read_header(path, fallback=fallback)
    except XlsxFileError as e:
        raise FileFormatError(str(e), row=e.row) from e


def _read_for_preview(path, mapping, map_headers, progress, cancelled) -> tuple[xinv.ParsedSheet, bool]:
    """Parse the file for the preview — once, unless a remembered mapping changes the columns — and say
    whether the mapping is the one remembered for these headers."""
    if map_headers:
        lay = _header(path, True)
        mapping = mapping_from_headers(lay.captions, lay.columns, list(map_headers))
    parsed = _read(path, mapping, progress, cancelled, fallback=True, require_name=False)
    if mapping:
        return parsed, False
    rem = _remembered(parsed.captions)
    if rem is None:
        return parsed, False
    if rem != {j: f for f, j in parsed.header.columns.items()}:
        return _read(path, rem, progress, cancelled, fallback=True, require_name=False), True
    xinv.apply_mapping(parsed.header, parsed.captions, rem)  # the same columns, now confirmed
    return parsed, True


def _read_once(path, mapping, map_headers, progress, cancelled) -> tuple[xinv.ParsedSheet, dict[int, str] | None]:
    """Parse the file (once in the common case: no remembered mapping for its headers)."""
    if map_headers:
        lay = _header(path, True)
        mapping = mapping_from_headers(lay.captions, lay.columns, list(map_headers))
    parsed = _read(path, mapping, progress, cancelled, fallback=True, require_name=False)
    if not mapping:
        rem = _remembered(parsed.captions)
        if rem and rem != {j: f for f, j in parsed.header.columns.items()}:
            mapping = rem
            parsed = _read(path, mapping, progress, cancelled, fallback=True, require_name=False)
        elif not rem and not parsed.header_found:
            raise FileFormatError(xinv.not_found_message(parsed.sheet, parsed.scanned))
    if "name" not in parsed.header.columns:
        raise FileFormatError(parsed.errors[0][1], row=parsed.header.row)
    return parsed, mapping


def _check_groups(groups: str) -> None:
    if groups not in GROUP_MODES:
        raise ValidationError(_t("Группы: «keep» (одна карточка на группу) или «split» (карточка на каждую "
                                 "штуку), а не «{0}».").format(groups), field="groups")


def _report(parsed: xinv.ParsedSheet, plan, dry_run: bool) -> ImportReport:
    r = ImportReport(dry_run=dry_run, total_rows=parsed.total_rows, blank_rows=parsed.skipped_blank,
                     totals_rows=parsed.skipped_totals, responsible=parsed.responsible, statement=parsed.statement)
    r.skipped = sorted(list(parsed.errors) + list(plan.bad))
    r.ignored = sorted(parsed.ignored)
    r.created, r.updated = len(plan.creates), len(plan.updates)
    r.imported = r.created + r.updated
    r.created_rooms = [n for n, _b in plan.new_rooms.values()]
    r.numbers_assigned = plan.numbers_assigned
    r.cards_created = sum(a.cards for a in plan.actions if a.action == "create")
    errs = {row for row, _w in parsed.errors}
    r.actions = sorted(plan.actions + [RowAction(row, "skip", reason=w) for row, w in parsed.errors
                                       if row in errs], key=lambda a: a.row)
    r.notes = _notes(parsed, r)
    return r


def _notes(parsed: xinv.ParsedSheet, r: ImportReport) -> list[str]:
    notes = []
    if parsed.statement:
        notes.append(_t("Ведомость остатков: количество — «остаток на конец периода»; строки с нулевым остатком "
                        "(выбыло в периоде) не импортируются."))
    if parsed.responsible:
        notes.append(_t("МОЛ из шапки файла: {0} (для строк без своего МОЛ).").format(parsed.responsible))
    notes += parsed.choices
    if parsed.skipped_blank or r.ignored:
        notes.append(_t("Пустых строк пропущено: {0}; строк, которые не являются данными (номера граф, "
                        "счета, итоги, подписи, выбывшее): {1}.").format(parsed.skipped_blank, len(r.ignored)))
    if r.created_rooms:
        notes.append(_t("Будут созданы помещения: {0}.").format(", ".join(r.created_rooms)))
    if r.numbers_assigned:
        notes.append(_t("Инвентарные номера будут присвоены автоматически: {0} позиций.")
                     .format(r.numbers_assigned))
    ignored = [t for _i, t in parsed.header.unmatched]
    if ignored:
        notes.append(_t("Столбцы без соответствия (не импортируются): {0}.").format(", ".join(ignored)))
    return notes


# --- preview and import ------------------------------------------------------------------------------------
def preview_import(path, mapping: dict[int, str] | None = None, *, progress=None, cancelled=None,
                   sample: int = 200, room: str = "", groups: str = "keep",
                   map_headers: list[str] | None = None) -> ImportPreview:
    _check_groups(groups)
    parsed, remembered = _read_for_preview(path, mapping, map_headers, progress, cancelled)
    with context.read() as s:
        plan = make_plan(s, parsed.rows, room=(room or "").strip(), responsible=parsed.responsible, groups=groups)
    report = _report(parsed, plan, True)
    h = parsed.header
    mp = {i: f for f, i in h.columns.items()}
    shown = sorted(h.columns.items(), key=lambda kv: kv[1])
    rows = [(pr.row, [_show(pr.data.get(f)) for f, _i in shown]) for pr in parsed.rows[:sample]]
    notes = list(report.notes)
    if remembered:
        notes.insert(0, _t("Сопоставление столбцов — то, что подтверждено раньше для файлов с такими же "
                           "заголовками."))
    return ImportPreview(
        path=str(path), headers=h.headers, header_row=h.row, mapping=mp,
        uncertain=sorted(h.uncertain.values()), fields=[(f, xinv.field_label(f)) for f in xinv.FIELDS],
        rows=rows, columns=[xinv.field_label(f) for f, _i in shown], errors=report.skipped, notes=notes,
        report=report, actions=report.actions, remembered=remembered)


def describe_mapping(preview: ImportPreview) -> list[str]:
    """«B «Инв. №» → Инвентарный номер» per column (the CLI's --dry-run shows it)."""
    out = []
    for j, cap in enumerate(preview.headers):
        if not cap:
            continue
        f = preview.mapping.get(j, "")
        out.append(f"{column_letter(j)} «{cap}» → " + (xinv.field_label(f) if f else _t("не импортируется")))
    return out


def _show(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.strftime("%d.%m.%Y")
    if isinstance(v, Decimal):
        return format(v, "f").replace(".", ",")
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def import_inventory(path, *, dry_run: bool = False, strict: bool = False, progress=None, cancelled=None,
                     mapping: dict[int, str] | None = None, room: str = "", groups: str = "keep",
                     map_headers: list[str] | None = None) -> ImportReport:
    """Import the rows of an .xlsx file in ONE transaction (all good rows, or nothing).

    ``room``: the room of every row without one (created if missing); ``groups``: "keep" a row of N
    identical units as one group card, or "split" it into N unit cards; ``mapping`` (column → field) or
    ``map_headers`` ("Заголовок=field") override the guessed columns, and are remembered for files with
    the same headers. A row whose inventory number is stored updates that card."""
    if not dry_run:
        require("inventory.write")
    _check_groups(groups)
    explicit = bool(mapping or map_headers)
    parsed, mapping = _read_once(path, mapping, map_headers, progress, cancelled)
    captions = parsed.captions
    if parsed.total_rows == 0 and not parsed.errors:
        raise FileFormatError(_t("Лист «{0}» файла «{1}»: под заголовком таблицы (строка {2}) нет строк с данными.")
                              .format(parsed.sheet, Path(path).name, parsed.header.row))
    with context.uow() as s:
        plan = make_plan(s, parsed.rows, room=(room or "").strip(), responsible=parsed.responsible, groups=groups)
        report = _report(parsed, plan, dry_run)
        if strict and report.skipped:
            report.imported = 0
            raise ImportRejected(_t("В файле {0} ошибочных строк; с ключом --strict ничего не импортировано.")
                                 .format(len(report.skipped)), report)
        if dry_run or not (plan.creates or plan.updates):
            s.rollback()
            return report
        report.cards_created, _upd = write(s, plan, Path(path).name, groups, cancelled)
        if explicit and mapping:
            _remember(s, captions, mapping)
        audit.record(s, "import", "inventory", "Item", "",
                     _t("Импорт из Excel «{0}»: создано {1}, обновлено {2}, пропущено {3}")
                     .format(Path(path).name, report.created, report.updated, len(report.skipped)),
                     new={"file": Path(path).name, "imported": report.imported, "created": report.created,
                          "updated": report.updated, "skipped": len(report.skipped),
                          "created_rooms": report.created_rooms, "groups": groups})
        if cancelled is not None and cancelled():
            raise Cancelled()
    return report


def stored_mapping_keys() -> list[str]:
    with context.read() as s:
        return list(s.scalars(select(Setting.key).where(Setting.key.startswith("inventory.import_map."))))
