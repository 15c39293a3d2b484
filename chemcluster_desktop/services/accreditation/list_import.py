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

from . import restore_points as restore
from ._checklist_sql import _bind_unbound_workshops, _sync_checklist
from ._common import WRITE, _check_year, _competency, _t
from ._impact import WorkshopImpact, impacts, workshop_states
from .matching import tokens


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
    # the preview (issue 16): the lines by name and what each workshop of the list gains or loses
    added_lines: list[str] = field(default_factory=list)
    changed_lines: list[str] = field(default_factory=list)
    removed_lines: list[str] = field(default_factory=list)
    workshops: list[WorkshopImpact] = field(default_factory=list)
    restore_point: int | None = None

    @property
    def errors(self) -> list[tuple[int, str]]:
        return self.skipped

    @property
    def harmful(self) -> bool:
        """Something is removed or changed, a workshop loses links or readiness, or the file looks wrong:
        the import must be confirmed after its preview."""
        return bool(self.removed or self.changed or self.warnings or any(w.harmed for w in self.workshops))

    def consequences(self) -> str:
        """«34 строки листа будут удалены; 2 мастерские потеряют 57 связей; готовность: 91 % → 0 %»."""
        parts = []
        if self.removed:
            parts.append(_t("строк листа будет удалено: {0}").format(self.removed))
        if self.changed:
            parts.append(_t("изменено: {0}").format(self.changed))
        if self.added:
            parts.append(_t("добавлено: {0}").format(self.added))
        lost = [w for w in self.workshops if w.links_lost]
        if lost:
            parts.append(_t("мастерских, теряющих связи с инвентарём: {0} (связей: {1})")
                         .format(len(lost), sum(w.links_lost for w in lost)))
        for w in self.workshops:
            if w.readiness_after != w.readiness_before:
                parts.append(_t("готовность «{0}»: {1} % → {2} %").format(
                    w.name, _pct(w.readiness_before), _pct(w.readiness_after)))
        return "; ".join(parts) or _t("изменений в существующих данных нет")


def _pct(v: float) -> str:
    return (f"{v:.1f}" if v != int(v) else f"{v:.0f}").replace(".", ",")


def import_infrastructure_list(path, competency: str | int, *, year: int | None = None, dry_run: bool = False,
                               strict: bool = False, progress: Callable[[int, int], None] | None = None,
                               cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Import an .xlsx infrastructure list as the competency's list for ``year`` (from the file's title,
    else the current year). Re-importing the same year updates the list in place, matching the lines
    (same section, number and name; else same name and characteristics; else same name; else same
    number with the same head word), so the workshops' checklists (overrides, links, photos) of the
    lines that stay are kept. The report says what changes and what each workshop of the list loses
    (the preview with ``dry_run``); a real import keeps a restore point (:func:`.restore_points.undo`)."""
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
    src = Path(path).name if not isinstance(path, bytes | bytearray) else ""
    with context.uow() as s:
        c, created = _competency(s, competency, create=True)
        report.competency, report.competency_id, report.created_competency = c.name, c.id, created
        report.warnings += _title_warnings(parsed, year, c.name)
        _write(s, report, c, parsed, src)
        audit.record(s, "import", "accreditation", "InfrastructureList", report.list_id,
                     _t("Импорт листа «{0}» ({1}): {2} позиций, пропущено {3}")
                     .format(c.name, yr, len(parsed.lines), len(skipped)),
                     new={"file": src, "year": yr, "lines": len(parsed.lines), "skipped": len(skipped)})
        if dry_run:
            s.rollback()
            report.list_id = None if not report.updated_list else report.list_id
    return report


def _write(s: Session, report: ImportReport, c, parsed, src: str) -> None:
    """The import inside the unit of work, measured: the workshops' states before and after, and a
    restore point of everything it may change."""
    yr = report.year
    lst = s.scalar(select(InfrastructureList).where(InfrastructureList.competency_id == c.id,
                                                    InfrastructureList.year == yr))
    ws = set(s.scalars(select(Workshop.id).where(Workshop.competency_id == c.id, Workshop.list_id.is_(None))))
    if lst is not None:
        ws |= set(s.scalars(select(Workshop.id).where(Workshop.list_id == lst.id)))
    scope = {"list_id": lst.id if lst is not None else None, "workshops": sorted(ws)}
    before_rows = restore.snapshot(s, scope) if not report.dry_run else {}
    before = workshop_states(s, ws)
    if lst is None:
        lst = InfrastructureList(competency_id=c.id, year=yr, title=parsed.title[:300], source_file=src[:500])
        s.add(lst)
        s.flush()
        report.added = _insert_lines(s, lst.id, list(enumerate(parsed.lines)))
        report.added_lines = [_line_label(ln) for ln in parsed.lines]
    else:
        report.updated_list = True
        lst.title, lst.source_file = parsed.title[:300], src[:500]
        _update_lines(s, lst, parsed.lines, report)
    report.list_id = lst.id
    report.workshops_bound = _bind_unbound_workshops(s, c.id, lst.id)
    for wid in s.scalars(select(Workshop.id).where(Workshop.list_id == lst.id)):
        _sync_checklist(s, wid)
    report.workshops = impacts(before, workshop_states(s, ws))
    if not report.dry_run:
        scope["list_id"] = lst.id
        report.restore_point = restore.make_point(
            s, "list_import", _t("Импорт листа «{0}» ({1}) из «{2}»").format(c.name, yr, src), scope, before_rows,
            list_id=lst.id)


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


def _line_label(ln) -> str:
    return f"{ln.number} {ln.name}".strip() if ln.number else ln.name


def _head(name: str) -> str:
    toks = tokens(name)
    return toks[0] if toks else ""


def _pair_lines(existing: list, parsed_lines) -> list:
    """For each parsed line the existing line it continues (or None): same section, number and name;
    else same name and characteristics; else the only line of that name; else same section and number
    with the same head word (a renamed position). Each existing line is taken once."""
    keys = [
        lambda x: (fold(x.section), x.number, fold(x.name)),
        lambda x: (fold(x.name), fold(x.specification)),
        lambda x: fold(x.name),
        lambda x: (fold(x.section), x.number, _head(x.name)) if x.number else None,
    ]
    out: list = [None] * len(parsed_lines)
    taken: set[int] = set()
    for key in keys:
        index: dict = {}
        for x in existing:
            if x.id not in taken and key(x) is not None:
                index.setdefault(key(x), []).append(x)
        for i, ln in enumerate(parsed_lines):
            if out[i] is not None or key(ln) is None:
                continue
            cands = [x for x in index.get(key(ln), []) if x.id not in taken]
            if cands:
                out[i] = cands[0]
                taken.add(cands[0].id)
    return out


def _update_lines(s: Session, lst: InfrastructureList, parsed_lines, report: ImportReport) -> None:
    """Bring an existing list to the parsed lines (see :func:`_pair_lines`), so the checklist lines of
    the lines that stay keep their links and photos. Fills the report's added / changed / removed."""
    existing = list(lst.lines)
    pairs = _pair_lines(existing, parsed_lines)
    keep: set[int] = set()
    new = []
    for i, (ln, x) in enumerate(zip(parsed_lines, pairs, strict=True)):
        if x is None:
            new.append((i, ln))
            continue
        keep.add(x.id)
        vals = _line_row(lst.id, i + 1, ln)
        diff = [k for k, v in vals.items() if k not in ("search_key", "list_id") and getattr(x, k) != v]
        if diff:
            for k, v in vals.items():
                setattr(x, k, v)
            if diff != ["position"]:  # only moved: not a change of the position itself
                report.changed_lines.append(_line_label(ln))
    gone = [x for x in existing if x.id not in keep]
    if gone:
        ids = [x.id for x in gone]
        report.removed_lines = [_line_label(x) for x in gone]
        audit.record_deleting(s, "accreditation", InfrastructureLine, InfrastructureLine.id.in_(ids))
        s.execute(delete(InfrastructureLine).where(InfrastructureLine.id.in_(ids)))
    report.added_lines = [_line_label(ln) for _i, ln in new]
    _insert_lines(s, lst.id, new)
    s.flush()
    s.expire(lst)
    report.added, report.changed, report.removed = len(new), len(report.changed_lines), len(gone)


def _line_row(list_id: int, position: int, ln) -> dict:
    return dict(list_id=list_id, position=position, number=ln.number, zone=ln.zone, section=ln.section,
                name=ln.name, specification=ln.specification, quantity=ln.quantity, unit=ln.unit,
                per_workplace=ln.per_workplace, note=ln.note,
                search_key=line_search_key(ln.number, ln.name, ln.specification))
