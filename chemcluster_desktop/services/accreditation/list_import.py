"""Importing a competency's infrastructure list from an .xlsx file (the reading is in
``xlsx.infrastructure``): a new year's list, or the same year's list updated in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import Cancelled, FileFormatError, ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import (
    InfrastructureLine,
    InfrastructureList,
    Workshop,
    line_search_key,
)
from chemcluster_desktop.storage.search import fold
from chemcluster_desktop.xlsx.infrastructure import InfraFileError, read_infrastructure_list

from ._checklist_sql import _bind_unbound_workshops, _sync_checklist
from ._common import WRITE, _check_year, _competency, _t


@dataclass
class ImportReport:
    competency: str
    competency_id: int | None
    list_id: int | None
    year: int
    title: str
    sheet: str
    header_row: int
    imported: int
    skipped: list[tuple[int, str]]
    by_zone: dict[str, int]
    dry_run: bool
    created_competency: bool = False
    updated_list: bool = False
    added: int = 0
    changed: int = 0
    removed: int = 0
    workshops_bound: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[int, str]]:
        return self.skipped


def import_infrastructure_list(path, competency: str | int, *, year: int | None = None, dry_run: bool = False,
                               strict: bool = False, progress: Callable[[int, int], None] | None = None,
                               cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Import an .xlsx infrastructure list as the competency's list for ``year`` (from the file's title,
    else the current year). Re-importing the same year updates the list in place, keeping the
    workshops' checklists (overrides, links, photos) for the lines that stay."""
    require(WRITE)
    if year is not None:
        _check_year(year)
    parsed = _read(path, progress, cancelled)
    skipped = [(e.row, e.message) for e in parsed.errors]
    if strict and skipped:
        first = "; ".join(m for _r, m in skipped[:5])
        more = _t(" и ещё {0}").format(len(skipped) - 5) if len(skipped) > 5 else ""
        raise ValidationError(_t("Строгий режим: в листе {0} строк с ошибками ({1}{2}); ничего не импортировано.")
                              .format(len(skipped), first, more), row=skipped[0][0])
    yr = year or parsed.year or dt.date.today().year
    by_zone: dict[str, int] = {}
    for ln in parsed.lines:
        by_zone[ln.zone] = by_zone.get(ln.zone, 0) + 1
    comp_name = competency if isinstance(competency, str) else ""
    report = ImportReport(competency=comp_name, competency_id=None, list_id=None, year=yr, title=parsed.title,
                          sheet=parsed.sheet, header_row=parsed.header_row, imported=len(parsed.lines),
                          skipped=skipped, by_zone=by_zone, dry_run=dry_run)
    with context.uow() as s:
        c, created = _competency(s, competency, create=True)
        report.competency, report.competency_id, report.created_competency = c.name, c.id, created
        report.warnings += _title_warnings(parsed, year, c.name)
        lst = s.scalar(select(InfrastructureList).where(InfrastructureList.competency_id == c.id,
                                                        InfrastructureList.year == yr))
        src = Path(path).name if not isinstance(path, bytes | bytearray) else ""
        if lst is None:
            lst = InfrastructureList(competency_id=c.id, year=yr, title=parsed.title[:300], source_file=src[:500])
            s.add(lst)
            s.flush()
            report.added = _insert_lines(s, lst.id, list(enumerate(parsed.lines)))
        else:
            report.updated_list = True
            lst.title, lst.source_file = parsed.title[:300], src[:500]
            report.added, report.changed, report.removed = _update_lines(s, lst, parsed.lines)
        report.list_id = lst.id
        report.workshops_bound = _bind_unbound_workshops(s, c.id, lst.id)
        for wid in s.scalars(select(Workshop.id).where(Workshop.list_id == lst.id)):
            _sync_checklist(s, wid)
        audit.record(s, "import", "accreditation", "InfrastructureList", lst.id,
                     _t("Импорт листа «{0}» ({1}): {2} позиций, пропущено {3}")
                     .format(c.name, yr, len(parsed.lines), len(skipped)),
                     new={"file": src, "year": yr, "lines": len(parsed.lines), "skipped": len(skipped)})
        if dry_run:
            s.rollback()
            report.list_id = None if not report.updated_list else report.list_id
    return report


def _read(path, progress, cancelled):
    try:
        return read_infrastructure_list(path, progress=progress, cancelled=cancelled)
    except InfraFileError as e:
        if cancelled is not None and cancelled():
            raise Cancelled() from e
        raise FileFormatError(str(e)) from e


def _title_warnings(parsed, year: int | None, competency: str) -> list[str]:
    """What the file's title says that does not fit the competency or year it is imported as."""
    out = []
    hint = parsed.competency_hint
    if hint and fold(hint) != fold(competency) and fold(competency) not in fold(hint) \
            and fold(hint) not in fold(competency):
        out.append(_t("В заголовке файла указана компетенция «{0}», а лист импортируется в "
                      "«{1}». Проверьте, тот ли это файл.").format(hint, competency))
    if parsed.year and year and parsed.year != year:
        out.append(_t("В заголовке файла указан {0} год, а лист импортируется как лист {1} года.")
                   .format(parsed.year, year))
    return out


def _insert_lines(s: Session, list_id: int, numbered: list[tuple[int, object]]) -> int:
    """Insert the parsed lines (index in the file, line) into the list in one statement; how many."""
    if not numbered:
        return 0
    after = audit.max_id(s, InfrastructureLine)
    s.execute(insert(InfrastructureLine), [_line_row(list_id, i + 1, ln) for i, ln in numbered])
    audit.record_inserted(s, "accreditation", InfrastructureLine, after, InfrastructureLine.list_id == list_id)
    return len(numbered)


def _update_lines(s: Session, lst: InfrastructureList, parsed_lines) -> tuple[int, int, int]:
    """Bring an existing list to the parsed lines, matching each by (section, number, name), else by
    (section, number), so the checklist lines of the lines that stay keep their links and photos.
    Returns (added, changed, removed)."""
    existing = {(fold(x.section), x.number, fold(x.name)): x for x in lst.lines}
    by_number = {(fold(x.section), x.number): x for x in lst.lines if x.number}
    keep: set[int] = set()
    new = []
    changed = 0
    for i, ln in enumerate(parsed_lines):
        x = existing.get((fold(ln.section), ln.number, fold(ln.name))) or by_number.get((fold(ln.section), ln.number))
        if x is None or x.id in keep:
            new.append((i, ln))
            continue
        keep.add(x.id)
        vals = _line_row(lst.id, i + 1, ln)
        if any(getattr(x, k) != v for k, v in vals.items() if k not in ("search_key", "list_id")):
            for k, v in vals.items():
                setattr(x, k, v)
            changed += 1
    gone = [x.id for x in lst.lines if x.id not in keep]
    if gone:
        audit.record_deleting(s, "accreditation", InfrastructureLine, InfrastructureLine.id.in_(gone))
        s.execute(delete(InfrastructureLine).where(InfrastructureLine.id.in_(gone)))
    added = _insert_lines(s, lst.id, new)
    s.flush()
    s.expire(lst)
    return added, changed, len(gone)


def _line_row(list_id: int, position: int, ln) -> dict:
    return dict(list_id=list_id, position=position, number=ln.number, zone=ln.zone, section=ln.section,
                name=ln.name, specification=ln.specification, quantity=ln.quantity, unit=ln.unit,
                per_workplace=ln.per_workplace, note=ln.note,
                search_key=line_search_key(ln.number, ln.name, ln.specification))
