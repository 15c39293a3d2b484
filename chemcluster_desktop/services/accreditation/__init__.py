"""Workshop accreditation: competencies, infrastructure lists (by year), workshops, checklists,
automatic matching, readiness (computed in SQL), gaps → procurement needs, evidence photos.

Everything returns plain dataclasses / dicts. The checklist of a workshop is the workshop's list
× its workplaces held against the inventory items of its rooms that are linked to each line:

- required = line quantity × workplaces when the line is per workplace, else the line quantity;
- available = the linked items (links applied by the matching or confirmed by the coordinator) that
  are still in one of the workshop's rooms and not written off;
- status = met (available ≥ required) / partial (0 < available < required) / missing, unless the
  coordinator overrode it (an override needs a comment);
- coverage of a line = 1 when met, 0 when missing, available / required when partial; the coverage
  of a workshop or zone is the mean over its lines, in per cent.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Float, and_, case, cast, delete, func, insert, literal, select, type_coerce, update
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.errors import (
    ConcurrentEditError,
    DuplicateError,
    FileFormatError,
    NotFoundError,
    ValidationError,
)
from chemcluster_desktop.services.listing import ListQuery, apply_search, count_of, window
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import (
    CHECK_STATUSES,
    COUNTING_LINK_STATES,
    ZONES,
    ChecklistLine,
    ChecklistLink,
    Competency,
    Evidence,
    InfrastructureLine,
    InfrastructureList,
    Workshop,
    WorkshopRoom,
    line_search_key,
)
from chemcluster_desktop.storage.base import Quantity, utcnow
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import Item
from chemcluster_desktop.storage.search import fold, make_key

WRITE = "accreditation.write"
MAX_PHOTO_BYTES = 15 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
MAX_WORKPLACES = 500


def _t(s: str) -> str:
    return translate("Accreditation", s)


def zone_label(zone: str) -> str:
    return {
        "workplace": _t("Рабочее место участника"),
        "expert": _t("Зона экспертов"),
        "store": _t("Склад"),
        "safety": _t("Охрана труда и техника безопасности"),
        "general": _t("Общая инфраструктура площадки"),
        "consumables": _t("Расходные материалы"),
    }.get(zone, zone)


def status_label(status: str) -> str:
    return {"met": _t("Выполнено"), "partial": _t("Частично"), "missing": _t("Не выполнено")}.get(status, status)


# --- plain results -----------------------------------------------------------------------------
@dataclass
class CompetencyInfo:
    id: int
    code: str
    name: str
    lists: int
    workshops: int


@dataclass
class ListInfo:
    id: int
    competency_id: int
    competency: str
    year: int
    title: str
    source_file: str
    lines: int

    @property
    def label(self) -> str:
        return f"{self.competency} — {self.year}"


@dataclass
class LineInfo:
    id: int
    list_id: int
    position: int
    number: str
    zone: str
    section: str
    name: str
    specification: str
    quantity: Decimal
    unit: str
    per_workplace: bool
    note: str
    version: int


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


@dataclass
class WorkshopInfo:
    id: int
    name: str
    competency_id: int | None
    competency: str
    list_id: int | None
    list_year: int | None
    workplaces: int
    responsible: str
    area_m2: str
    rooms: list[tuple[int, str]]
    notes: str
    has_layout: bool
    layout_plan_name: str
    accreditation_date: dt.date | None
    version: int

    @property
    def room_names(self) -> str:
        return "; ".join(n for _i, n in self.rooms)


@dataclass
class WorkshopReadiness:
    workshop_id: int
    name: str
    competency: str
    workplaces: int
    lines: int
    met: int
    partial: int
    missing: int
    coverage_percent: float


@dataclass
class ZoneReadiness:
    zone: str
    label: str
    lines: int
    met: int
    partial: int
    missing: int
    coverage_percent: float


@dataclass
class LinkInfo:
    id: int
    checklist_line_id: int
    item_id: int
    item_name: str
    inventory_number: str
    model: str
    room: str
    in_rooms: bool
    item_status: str
    quantity: Decimal
    unit: str
    state: str
    score: int


@dataclass
class MatchResult:
    workshop: str
    lines: int
    items: int
    applied: int
    proposed: int
    still_open: int
    seconds: float


@dataclass
class NeedsResult:
    created: int
    updated: int
    skipped: list[str] = field(default_factory=list)
    need_ids: list[int] = field(default_factory=list)


@dataclass
class EvidenceInfo:
    id: int
    workshop_id: int
    checklist_line_id: int | None
    file_name: str
    caption: str
    mime: str
    width: int
    height: int
    size: int
    created_at: dt.datetime


# --- lookups -----------------------------------------------------------------------------------
def _competency(s: Session, ref: int | str, *, create: bool = False) -> tuple[Competency, bool]:
    if isinstance(ref, int):
        c = s.get(Competency, ref)
        if c is None:
            raise NotFoundError(_t("Компетенция с номером {0} не найдена.").format(ref))
        return c, False
    name = " ".join(str(ref or "").split()).strip(" «»\"")
    if not name:
        raise ValidationError(_t("Укажите компетенцию (название, например «Лабораторный химический анализ»)."),
                              field="competency")
    key = fold(name)
    for c in s.scalars(select(Competency)):
        if fold(c.name) == key or (c.code and fold(c.code) == key):
            return c, False
    if not create:
        names = ", ".join(f"«{c}»" for c in s.scalars(select(Competency.name).order_by(Competency.name)))
        raise NotFoundError(_t("Компетенция «{0}» не найдена. Есть: {1}.").format(name, names or _t("нет ни одной")))
    if len(name) > 300:
        raise ValidationError(_t("Название компетенции длиннее 300 символов."), field="competency")
    c = Competency(name=name, code="")
    s.add(c)
    s.flush()
    return c, True


def _workshop(s: Session, ref: int | str) -> Workshop:
    if isinstance(ref, int):
        w = s.get(Workshop, ref)
    else:
        name = " ".join(str(ref).split())
        w = s.scalar(select(Workshop).where(Workshop.name == name))
        if w is None:
            key = fold(name)
            w = next((x for x in s.scalars(select(Workshop)) if fold(x.name) == key), None)
    if w is None:
        raise NotFoundError(_t("Мастерская «{0}» не найдена.").format(ref))
    return w


def _room(s: Session, ref: int | str, *, create: bool) -> Room:
    if isinstance(ref, int):
        r = s.get(Room, ref)
        if r is None:
            raise NotFoundError(_t("Помещение с номером {0} не найдено.").format(ref))
        return r
    name = " ".join(str(ref).split())
    if not name:
        raise ValidationError(_t("Укажите помещение мастерской."), field="rooms")
    key = fold(name)
    found = [r for r in s.scalars(select(Room)) if fold(r.name) == key]
    if found:
        return found[0]
    if not create:
        raise NotFoundError(_t("Помещение «{0}» не найдено.").format(name))
    r = Room(name=name[:100], kind="workshop")
    s.add(r)
    s.flush()
    return r


def find_workshop_id(ref: int | str) -> int:
    with context.read() as s:
        return _workshop(s, ref).id


# --- competencies and lists ----------------------------------------------------------------------
def competencies() -> list[CompetencyInfo]:
    with context.read() as s:
        nl = select(func.count(InfrastructureList.id)).where(
            InfrastructureList.competency_id == Competency.id).scalar_subquery()
        nw = select(func.count(Workshop.id)).where(Workshop.competency_id == Competency.id).scalar_subquery()
        rows = s.execute(select(Competency.id, Competency.code, Competency.name, nl, nw).order_by(Competency.name))
        return [CompetencyInfo(*r) for r in rows]


def create_competency(name: str, code: str = "") -> int:
    require(WRITE)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_t("Название компетенции обязательно."), field="name")
    with context.uow() as s:
        key = fold(name)
        if any(fold(c) == key for c in s.scalars(select(Competency.name))):
            raise DuplicateError(_t("Компетенция «{0}» уже есть.").format(name), field="name")
        c = Competency(name=name[:300], code=(code or "").strip()[:32])
        s.add(c)
        s.flush()
        return c.id


def lists(competency_id: int | None = None) -> list[ListInfo]:
    with context.read() as s:
        n = select(func.count(InfrastructureLine.id)).where(
            InfrastructureLine.list_id == InfrastructureList.id).scalar_subquery()
        stmt = (select(InfrastructureList.id, InfrastructureList.competency_id, Competency.name,
                       InfrastructureList.year, InfrastructureList.title, InfrastructureList.source_file, n)
                .join(Competency, Competency.id == InfrastructureList.competency_id)
                .order_by(Competency.name, InfrastructureList.year.desc()))
        if competency_id is not None:
            stmt = stmt.where(InfrastructureList.competency_id == competency_id)
        return [ListInfo(*r) for r in s.execute(stmt)]


def create_list(competency: int | str, year: int, title: str = "") -> int:
    """An empty list to fill by hand (or a new year's version)."""
    require(WRITE)
    _check_year(year)
    with context.uow() as s:
        c, _new = _competency(s, competency, create=True)
        if s.scalar(select(InfrastructureList.id).where(InfrastructureList.competency_id == c.id,
                                                        InfrastructureList.year == year)) is not None:
            raise DuplicateError(_t("Лист компетенции «{0}» на {1} год уже есть.").format(c.name, year), field="year")
        lst = InfrastructureList(competency_id=c.id, year=year, title=(title or "")[:300])
        s.add(lst)
        s.flush()
        _bind_unbound_workshops(s, c.id, lst.id)
        return lst.id


def copy_list(list_id: int, year: int) -> int:
    """A new year's version of a list, starting as a copy of this one."""
    require(WRITE)
    _check_year(year)
    with context.uow() as s:
        src = s.get(InfrastructureList, list_id)
        if src is None:
            raise NotFoundError(_t("Инфраструктурный лист не найден."))
        if s.scalar(select(InfrastructureList.id).where(InfrastructureList.competency_id == src.competency_id,
                                                        InfrastructureList.year == year)) is not None:
            raise DuplicateError(_t("Лист этой компетенции на {0} год уже есть.").format(year), field="year")
        lst = InfrastructureList(competency_id=src.competency_id, year=year, title=src.title,
                                 source_file=src.source_file)
        s.add(lst)
        s.flush()
        rows = [dict(list_id=lst.id, position=ln.position, number=ln.number, zone=ln.zone, section=ln.section,
                     name=ln.name, specification=ln.specification, quantity=ln.quantity, unit=ln.unit,
                     per_workplace=ln.per_workplace, note=ln.note,
                     search_key=line_search_key(ln.number, ln.name, ln.specification))
                for ln in src.lines]
        if rows:
            after = audit.max_id(s, InfrastructureLine)
            s.execute(insert(InfrastructureLine), rows)
            audit.record_inserted(s, "accreditation", InfrastructureLine, after, InfrastructureLine.list_id == lst.id)
        audit.record(s, "create", "accreditation", "InfrastructureList", lst.id,
                     _t("Копия листа на {0} год: {1} позиций").format(year, len(rows)))
        return lst.id


def delete_list(list_id: int) -> None:
    require(WRITE)
    with context.uow() as s:
        lst = s.get(InfrastructureList, list_id)
        if lst is None:
            raise NotFoundError(_t("Инфраструктурный лист не найден."))
        used = list(s.scalars(select(Workshop.name).where(Workshop.list_id == list_id)))
        if used:
            raise ValidationError(_t("Лист используется мастерскими: {0}. Сначала выберите для них другой лист.")
                                  .format(", ".join(used)))
        s.delete(lst)


def _check_year(year) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError(_t("Год листа должен быть числом от 2000 до 2100."), field="year")


def list_lines(list_id: int) -> list[LineInfo]:
    with context.read() as s:
        rows = s.scalars(select(InfrastructureLine).where(InfrastructureLine.list_id == list_id)
                         .order_by(InfrastructureLine.position, InfrastructureLine.id))
        return [_line_info(ln) for ln in rows]


def _line_info(ln: InfrastructureLine) -> LineInfo:
    return LineInfo(ln.id, ln.list_id, ln.position, ln.number, ln.zone, ln.section, ln.name, ln.specification,
                    ln.quantity, ln.unit, ln.per_workplace, ln.note, ln.version)


def _validate_line(fields: dict) -> dict:
    out = {}
    name = " ".join(str(fields.get("name") or "").split())
    if not name:
        raise ValidationError(_t("Наименование позиции обязательно."), field="name")
    out["name"] = name[:500]
    try:
        q = Decimal(str(fields.get("quantity")).replace(",", ".").replace(" ", ""))
    except Exception as e:
        raise ValidationError(_t("Количество должно быть числом больше нуля."), field="quantity") from e
    if not q.is_finite() or q <= 0 or q > 1_000_000:
        raise ValidationError(_t("Количество должно быть числом больше нуля."), field="quantity")
    out["quantity"] = q
    zone = fields.get("zone") or "workplace"
    if zone not in ZONES:
        raise ValidationError(_t("Неизвестная зона «{0}».").format(zone), field="zone")
    out["zone"] = zone
    out["number"] = str(fields.get("number") or "").strip()[:20]
    out["section"] = str(fields.get("section") or "")[:300]
    out["specification"] = str(fields.get("specification") or "").strip()
    out["unit"] = (str(fields.get("unit") or "").strip() or "шт.")[:20]
    out["per_workplace"] = bool(fields.get("per_workplace", zone in ("workplace", "consumables")))
    out["note"] = str(fields.get("note") or "").strip()
    return out


def add_line(list_id: int, **fields) -> int:
    require(WRITE)
    f = _validate_line(fields)
    with context.uow() as s:
        lst = s.get(InfrastructureList, list_id)
        if lst is None:
            raise NotFoundError(_t("Инфраструктурный лист не найден."))
        _check_number(s, list_id, f["number"], f["section"], None)
        pos = (s.scalar(select(func.max(InfrastructureLine.position)).where(InfrastructureLine.list_id == list_id))
               or 0) + 1
        ln = InfrastructureLine(list_id=list_id, position=pos, **f)
        s.add(ln)
        s.flush()
        for wid in s.scalars(select(Workshop.id).where(Workshop.list_id == list_id)):
            _sync_checklist(s, wid)
        return ln.id


def _check_number(s: Session, list_id: int, number: str, section: str, line_id: int | None) -> None:
    if not number:
        return
    stmt = select(InfrastructureLine.id).where(InfrastructureLine.list_id == list_id,
                                               InfrastructureLine.number == number,
                                               InfrastructureLine.section == section)
    if line_id is not None:
        stmt = stmt.where(InfrastructureLine.id != line_id)
    if s.scalar(stmt) is not None:
        raise DuplicateError(_t("Позиция № {0} в этом разделе уже есть. Укажите другой номер.").format(number),
                             field="number")


def update_line(line_id: int, version: int, **fields) -> None:
    require(WRITE)
    f = _validate_line(fields)
    with context.uow() as s:
        ln = s.get(InfrastructureLine, line_id)
        if ln is None:
            raise NotFoundError(_t("Позиция листа не найдена (возможно, удалена)."))
        if ln.version != version:
            raise ConcurrentEditError()
        _check_number(s, ln.list_id, f["number"], f["section"], ln.id)
        for k, v in f.items():
            setattr(ln, k, v)


def delete_line(line_id: int) -> None:
    require(WRITE)
    with context.uow() as s:
        ln = s.get(InfrastructureLine, line_id)
        if ln is None:
            raise NotFoundError(_t("Позиция листа не найдена (возможно, удалена)."))
        s.delete(ln)


# --- import ------------------------------------------------------------------------------------
def import_infrastructure_list(path, competency: str | int, *, year: int | None = None, dry_run: bool = False,
                               strict: bool = False, progress: Callable[[int, int], None] | None = None,
                               cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Import an .xlsx infrastructure list as the competency's list for ``year`` (from the file's title,
    else the current year). Re-importing the same year updates the list in place, keeping the
    workshops' checklists (overrides, links, photos) for the lines that stay."""
    require(WRITE)
    from chemcluster_desktop.xlsx.infrastructure import InfraFileError, read_infrastructure_list

    if year is not None:
        _check_year(year)
    try:
        parsed = read_infrastructure_list(path, progress=progress, cancelled=cancelled)
    except InfraFileError as e:
        if cancelled is not None and cancelled():
            from chemcluster_desktop.services.errors import Cancelled

            raise Cancelled() from e
        raise FileFormatError(str(e)) from e
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
        hint = parsed.competency_hint
        if hint and fold(hint) != fold(c.name) and fold(c.name) not in fold(hint) and fold(hint) not in fold(c.name):
            report.warnings.append(_t("В заголовке файла указана компетенция «{0}», а лист импортируется в "
                                      "«{1}». Проверьте, тот ли это файл.").format(hint, c.name))
        if parsed.year and year and parsed.year != year:
            report.warnings.append(_t("В заголовке файла указан {0} год, а лист импортируется как лист {1} года.")
                                   .format(parsed.year, year))
        lst = s.scalar(select(InfrastructureList).where(InfrastructureList.competency_id == c.id,
                                                        InfrastructureList.year == yr))
        src = Path(path).name if not isinstance(path, bytes | bytearray) else ""
        if lst is None:
            lst = InfrastructureList(competency_id=c.id, year=yr, title=parsed.title[:300], source_file=src[:500])
            s.add(lst)
            s.flush()
            rows = [_line_row(lst.id, i + 1, ln) for i, ln in enumerate(parsed.lines)]
            after = audit.max_id(s, InfrastructureLine)
            s.execute(insert(InfrastructureLine), rows)
            audit.record_inserted(s, "accreditation", InfrastructureLine, after, InfrastructureLine.list_id == lst.id)
            report.added = len(rows)
        else:
            report.updated_list = True
            lst.title, lst.source_file = parsed.title[:300], src[:500]
            existing = {(fold(x.section), x.number, fold(x.name)): x for x in lst.lines}
            by_number = {(fold(x.section), x.number): x for x in lst.lines if x.number}
            keep: set[int] = set()
            new_rows = []
            for i, ln in enumerate(parsed.lines):
                x = existing.get((fold(ln.section), ln.number, fold(ln.name))) or by_number.get(
                    (fold(ln.section), ln.number))
                if x is not None and x.id not in keep:
                    keep.add(x.id)
                    vals = _line_row(lst.id, i + 1, ln)
                    changed = any(getattr(x, k) != v for k, v in vals.items() if k not in ("search_key", "list_id"))
                    if changed:
                        for k, v in vals.items():
                            setattr(x, k, v)
                        report.changed += 1
                else:
                    new_rows.append(_line_row(lst.id, i + 1, ln))
            gone = [x.id for x in lst.lines if x.id not in keep]
            if gone:
                audit.record_deleting(s, "accreditation", InfrastructureLine, InfrastructureLine.id.in_(gone))
                s.execute(delete(InfrastructureLine).where(InfrastructureLine.id.in_(gone)))
                report.removed = len(gone)
            if new_rows:
                after = audit.max_id(s, InfrastructureLine)
                s.execute(insert(InfrastructureLine), new_rows)
                audit.record_inserted(s, "accreditation", InfrastructureLine, after,
                                      InfrastructureLine.list_id == lst.id)
            report.added = len(new_rows)
            s.flush()
            s.expire(lst)
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


def _line_row(list_id: int, position: int, ln) -> dict:
    return dict(list_id=list_id, position=position, number=ln.number, zone=ln.zone, section=ln.section,
                name=ln.name, specification=ln.specification, quantity=ln.quantity, unit=ln.unit,
                per_workplace=ln.per_workplace, note=ln.note,
                search_key=line_search_key(ln.number, ln.name, ln.specification))


def _bind_unbound_workshops(s: Session, competency_id: int, list_id: int) -> int:
    ids = list(s.scalars(select(Workshop.id).where(Workshop.competency_id == competency_id,
                                                   Workshop.list_id.is_(None))))
    for wid in ids:
        w = s.get(Workshop, wid)
        w.list_id = list_id
        s.flush()
        _sync_checklist(s, wid)
    return len(ids)


def _sync_checklist(s: Session, workshop_id: int) -> None:
    """One checklist line per line of the workshop's list (INSERT … SELECT); lines of another list go."""
    s.flush()
    w = s.get(Workshop, workshop_id)
    if w is None:
        return
    other = select(InfrastructureLine.id).where(InfrastructureLine.list_id != (w.list_id or -1))
    stale = (ChecklistLine.workshop_id == workshop_id, ChecklistLine.line_id.in_(other))
    audit.record_deleting(s, "accreditation", ChecklistLine, *stale)
    s.execute(delete(ChecklistLine).where(*stale))
    if w.list_id is None:
        return
    have = select(ChecklistLine.line_id).where(ChecklistLine.workshop_id == workshop_id)
    src = select(literal(workshop_id), InfrastructureLine.id, literal(""), literal(""), literal(1)).where(
        InfrastructureLine.list_id == w.list_id, InfrastructureLine.id.not_in(have))
    after = audit.max_id(s, ChecklistLine)
    s.execute(insert(ChecklistLine).from_select(
        ["workshop_id", "line_id", "override_comment", "comment", "version"], src))
    audit.record_inserted(s, "accreditation", ChecklistLine, after, ChecklistLine.workshop_id == workshop_id)


# --- workshops ---------------------------------------------------------------------------------
def _check_workplaces(n) -> int:
    try:
        n = int(n)
    except (TypeError, ValueError) as e:
        raise ValidationError(_t("Число рабочих мест должно быть целым числом от 1 до {0}.").format(MAX_WORKPLACES),
                              field="workplaces") from e
    if n < 1 or n > MAX_WORKPLACES:
        raise ValidationError(_t("Число рабочих мест должно быть от 1 до {0} (указано {1}).")
                              .format(MAX_WORKPLACES, n), field="workplaces")
    return n


def create_workshop(name: str, *, rooms: list[int | str], competency: int | str | None, workplaces: int,
                    responsible: str = "", area_m2: str = "", list_id: int | None = None, notes: str = "",
                    create_rooms: bool = False) -> int:
    require(WRITE)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_t("Название мастерской обязательно."), field="name")
    if len(name) > 300:
        raise ValidationError(_t("Название мастерской длиннее 300 символов."), field="name")
    n = _check_workplaces(workplaces)
    if not rooms:
        raise ValidationError(_t("Укажите хотя бы одно помещение мастерской."), field="rooms")
    with context.uow() as s:
        if any(fold(x) == fold(name) for x in s.scalars(select(Workshop.name))):
            raise DuplicateError(_t("Мастерская «{0}» уже есть.").format(name), field="name")
        comp = None
        if competency not in (None, ""):
            comp, _new = _competency(s, competency, create=create_rooms)
        if list_id is None and comp is not None:
            list_id = s.scalar(select(InfrastructureList.id).where(InfrastructureList.competency_id == comp.id)
                               .order_by(InfrastructureList.year.desc()).limit(1))
        elif list_id is not None:
            lst = s.get(InfrastructureList, list_id)
            if lst is None or (comp is not None and lst.competency_id != comp.id):
                raise ValidationError(_t("Выбранный лист не относится к компетенции мастерской."), field="list")
        room_objs = []
        for r in rooms:
            ro = _room(s, r, create=create_rooms)
            if ro.id not in {x.id for x in room_objs}:
                room_objs.append(ro)
        area = area_m2 or (room_objs[0].area_m2 or "" if room_objs else "")
        w = Workshop(name=name, competency_id=comp.id if comp else None, list_id=list_id, workplaces=n,
                     responsible=(responsible or (room_objs[0].responsible if room_objs else ""))[:200],
                     area_m2=str(area)[:20], notes=notes or "")
        s.add(w)
        s.flush()
        for ro in room_objs:
            s.add(WorkshopRoom(workshop_id=w.id, room_id=ro.id))
        _sync_checklist(s, w.id)
        return w.id


def update_workshop(workshop_id: int, version: int, *, name: str, rooms: list[int | str],
                    competency: int | str | None, workplaces: int, responsible: str = "", area_m2: str = "",
                    list_id: int | None = None, notes: str = "", accreditation_date: dt.date | None = None) -> None:
    require(WRITE)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_t("Название мастерской обязательно."), field="name")
    n = _check_workplaces(workplaces)
    if not rooms:
        raise ValidationError(_t("Укажите хотя бы одно помещение мастерской."), field="rooms")
    with context.uow() as s:
        w = s.get(Workshop, workshop_id)
        if w is None:
            raise NotFoundError(_t("Мастерская не найдена (возможно, удалена)."))
        if w.version != version:
            raise ConcurrentEditError()
        if any(fold(x) == fold(name) for x in s.scalars(select(Workshop.name).where(Workshop.id != workshop_id))):
            raise DuplicateError(_t("Мастерская «{0}» уже есть.").format(name), field="name")
        comp = _competency(s, competency)[0] if competency not in (None, "") else None
        if list_id is not None:
            lst = s.get(InfrastructureList, list_id)
            if lst is None or (comp is not None and lst.competency_id != comp.id):
                raise ValidationError(_t("Выбранный лист не относится к компетенции мастерской."), field="list")
        elif comp is not None:
            list_id = s.scalar(select(InfrastructureList.id).where(InfrastructureList.competency_id == comp.id)
                               .order_by(InfrastructureList.year.desc()).limit(1))
        w.name, w.workplaces, w.responsible, w.area_m2, w.notes = name, n, responsible[:200], str(area_m2)[:20], notes
        w.competency_id = comp.id if comp else None
        w.list_id = list_id
        w.accreditation_date = accreditation_date
        want = []
        for r in rooms:
            ro = _room(s, r, create=False)
            if ro.id not in want:
                want.append(ro.id)
        have = set(s.scalars(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == w.id)))
        for rid in have - set(want):
            s.execute(delete(WorkshopRoom).where(WorkshopRoom.workshop_id == w.id, WorkshopRoom.room_id == rid))
        for rid in want:
            if rid not in have:
                s.add(WorkshopRoom(workshop_id=w.id, room_id=rid))
        s.flush()
        _sync_checklist(s, w.id)


def delete_workshop(workshop_id: int) -> None:
    require(WRITE)
    with context.uow() as s:
        w = s.get(Workshop, workshop_id)
        if w is None:
            raise NotFoundError(_t("Мастерская не найдена (возможно, удалена)."))
        s.delete(w)


def workshops() -> list[WorkshopInfo]:
    with context.read() as s:
        ws = list(s.scalars(select(Workshop).order_by(Workshop.name)))
        return [_workshop_info(s, w) for w in ws]


def workshop(workshop_id: int | str) -> WorkshopInfo:
    with context.read() as s:
        return _workshop_info(s, _workshop(s, workshop_id))


def _workshop_info(s: Session, w: Workshop) -> WorkshopInfo:
    rooms = [(r.id, r.name) for r in s.scalars(select(Room).join(WorkshopRoom, WorkshopRoom.room_id == Room.id)
                                              .where(WorkshopRoom.workshop_id == w.id).order_by(Room.name))]
    comp = s.get(Competency, w.competency_id) if w.competency_id else None
    year = s.scalar(select(InfrastructureList.year).where(InfrastructureList.id == w.list_id)) if w.list_id else None
    return WorkshopInfo(w.id, w.name, w.competency_id, comp.name if comp else "", w.list_id, year, w.workplaces,
                        w.responsible, w.area_m2, rooms, w.notes, w.layout_plan is not None, w.layout_plan_name,
                        w.accreditation_date, w.version)


def rooms() -> list[tuple[int, str]]:
    with context.read() as s:
        return [(r.id, r.name) for r in s.scalars(select(Room).order_by(Room.name))]


# --- images ------------------------------------------------------------------------------------
def validate_image(data: bytes, file_name: str = "") -> tuple[str, int, int]:
    """(mime, width, height) of a PNG or JPEG photo; a clear ValidationError otherwise."""
    name = file_name or _t("файл")
    if not data:
        raise ValidationError(_t("Файл «{0}» пуст.").format(name), field="photo")
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(_t("Фото «{0}» слишком большое: {1:.1f} МБ при пределе {2} МБ. Уменьшите его "
                                 "(например, сохраните в JPEG с разрешением до 4000 точек).")
                              .format(name, len(data) / 1024 / 1024, MAX_PHOTO_BYTES // 1024 // 1024), field="photo")
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        mime = "image/png"
    elif data[:3] == b"\xff\xd8\xff":
        mime = "image/jpeg"
    else:
        raise ValidationError(_t("Файл «{0}» не является изображением PNG или JPEG. Выберите фотографию "
                                 "(.jpg, .png).").format(name), field="photo")
    try:
        import warnings

        from PIL import Image

        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                w, h = im.size
                if w < 1 or h < 1 or w * h > MAX_PHOTO_PIXELS:
                    raise _TooBig(w, h)
                if im.format == "JPEG":
                    im.draft("RGB", (max(1, w // 8), max(1, h // 8)))  # decode small: proves it is whole
                im.load()
    except _TooBig as e:
        raise ValidationError(_t("Изображение «{0}» слишком большое: {1}×{2} точек (предел {3} млн точек). "
                                 "Уменьшите его.").format(name, e.w, e.h, MAX_PHOTO_PIXELS // 1_000_000),
                              field="photo") from e
    except Exception as e:
        if "DecompressionBomb" in type(e).__name__:
            raise ValidationError(_t("Изображение «{0}» слишком большое по числу точек. Уменьшите его.")
                                  .format(name), field="photo") from e
        raise ValidationError(_t("Изображение «{0}» повреждено и не читается. Выберите другой файл.").format(name),
                              field="photo") from e
    return mime, int(w), int(h)


class _TooBig(Exception):
    def __init__(self, w: int, h: int):
        super().__init__(f"{w}x{h}")
        self.w, self.h = w, h


def _read_image(source: bytes | str | Path, file_name: str = "") -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), file_name
    p = Path(source)
    try:
        size = p.stat().st_size
        if size > MAX_PHOTO_BYTES:
            validate_image(b"x" * (MAX_PHOTO_BYTES + 1), p.name)
        return p.read_bytes(), file_name or p.name
    except OSError as e:
        raise ValidationError(_t("Файл «{0}» не открывается: {1}.").format(p, e.strerror or e), field="photo") from e


def set_layout_plan(workshop_id: int, source: bytes | str | Path | None, file_name: str = "") -> None:
    require(WRITE)
    data, name = (None, "") if source is None else _read_image(source, file_name)
    if data is not None:
        validate_image(data, name)
    with context.uow() as s:
        w = _workshop(s, workshop_id)
        w.layout_plan = data
        w.layout_plan_name = (name or "")[:200]


def layout_plan(workshop_id: int) -> bytes | None:
    with context.read() as s:
        return s.scalar(select(Workshop.layout_plan).where(Workshop.id == workshop_id))


def add_evidence(workshop_id: int, source: bytes | str | Path, *, caption: str = "",
                 checklist_line_id: int | None = None, file_name: str = "") -> int:
    require(WRITE)
    data, name = _read_image(source, file_name)
    mime, w, h = validate_image(data, name)
    with context.uow() as s:
        ws = _workshop(s, workshop_id)
        if checklist_line_id is not None:
            cl = s.get(ChecklistLine, checklist_line_id)
            if cl is None or cl.workshop_id != ws.id:
                raise NotFoundError(_t("Строка чек-листа не найдена."))
        e = Evidence(workshop_id=ws.id, checklist_line_id=checklist_line_id, file_name=(name or "")[:300],
                     caption=(caption or "")[:300], mime=mime, width=w, height=h, data=data)
        s.add(e)
        s.flush()
        return e.id


def delete_evidence(evidence_id: int) -> None:
    require(WRITE)
    with context.uow() as s:
        e = s.get(Evidence, evidence_id)
        if e is None:
            raise NotFoundError(_t("Фото не найдено (возможно, удалено)."))
        s.delete(e)


def evidence(workshop_id: int, checklist_line_id: int | None = None, *, all_lines: bool = False
             ) -> list[EvidenceInfo]:
    with context.read() as s:
        stmt = select(Evidence.id, Evidence.workshop_id, Evidence.checklist_line_id, Evidence.file_name,
                      Evidence.caption, Evidence.mime, Evidence.width, Evidence.height,
                      func.length(Evidence.data), Evidence.created_at).where(Evidence.workshop_id == workshop_id)
        if not all_lines:
            stmt = stmt.where(Evidence.checklist_line_id.is_(None) if checklist_line_id is None
                              else Evidence.checklist_line_id == checklist_line_id)
        return [EvidenceInfo(*r) for r in s.execute(stmt.order_by(Evidence.id))]


def evidence_data(evidence_id: int) -> bytes:
    with context.read() as s:
        d = s.scalar(select(Evidence.data).where(Evidence.id == evidence_id))
        if d is None:
            raise NotFoundError(_t("Фото не найдено (возможно, удалено)."))
        return d


# --- the checklist in SQL ----------------------------------------------------------------------
def _avail_subquery():
    """Available quantity per checklist line: counting links to items still in the workshop's rooms."""
    amount = func.coalesce(ChecklistLink.quantity, Item.quantity)
    return (select(ChecklistLink.checklist_line_id.label("clid"), func.sum(amount).label("avail"),
                   func.count(ChecklistLink.id).label("nlinks"))
            .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
            .join(Item, Item.id == ChecklistLink.item_id)
            .join(WorkshopRoom, and_(WorkshopRoom.workshop_id == ChecklistLine.workshop_id,
                                     WorkshopRoom.room_id == Item.room_id))
            .where(ChecklistLink.state.in_(COUNTING_LINK_STATES), Item.status != "written_off")
            .group_by(ChecklistLink.checklist_line_id).subquery("av"))


def _checklist_select(extra_cols=()):
    av = _avail_subquery()
    required = type_coerce(InfrastructureLine.quantity * case((InfrastructureLine.per_workplace,
                                                               Workshop.workplaces), else_=1), Quantity())
    avail = func.coalesce(av.c.avail, 0)
    computed = case((avail >= required, "met"), (avail > 0, "partial"), else_="missing")
    status = func.coalesce(ChecklistLine.status_override, computed)
    cover = case((status == "met", 1.0), (status == "missing", 0.0),
                 (avail >= required, 1.0), else_=cast(avail, Float) / cast(required, Float))
    base = (select(*extra_cols)
            .select_from(ChecklistLine)
            .join(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
            .join(Workshop, and_(Workshop.id == ChecklistLine.workshop_id,
                                 Workshop.list_id == InfrastructureLine.list_id))
            .outerjoin(av, av.c.clid == ChecklistLine.id))
    return base, dict(required=required, avail=avail, computed=computed, status=status, cover=cover,
                      nlinks=func.coalesce(av.c.nlinks, 0))


def _checklist_stmt(q: ListQuery):
    base, e = _checklist_select()
    nprop = (select(func.count(ChecklistLink.id)).where(ChecklistLink.checklist_line_id == ChecklistLine.id,
                                                        ChecklistLink.state == "proposed")
             .correlate(ChecklistLine).scalar_subquery())
    nphoto = (select(func.count(Evidence.id)).where(Evidence.checklist_line_id == ChecklistLine.id)
              .correlate(ChecklistLine).scalar_subquery())
    cols = [ChecklistLine.id.label("id"), ChecklistLine.line_id.label("line_id"),
            InfrastructureLine.position.label("position"), InfrastructureLine.number.label("number"),
            InfrastructureLine.zone.label("zone"), InfrastructureLine.section.label("section"),
            InfrastructureLine.name.label("name"), InfrastructureLine.specification.label("specification"),
            InfrastructureLine.quantity.label("quantity"), InfrastructureLine.unit.label("unit"),
            InfrastructureLine.per_workplace.label("per_workplace"), e["required"].label("required"),
            e["avail"].label("available"), e["computed"].label("computed_status"), e["status"].label("status"),
            ChecklistLine.status_override.label("status_override"),
            ChecklistLine.override_comment.label("override_comment"), ChecklistLine.comment.label("comment"),
            ChecklistLine.version.label("version"), e["nlinks"].label("links"), nprop.label("proposals"),
            nphoto.label("photos"), e["cover"].label("cover"), ChecklistLine.workshop_id.label("workshop_id")]
    stmt = base.add_columns(*cols)
    f = q.filters
    wid = f.get("workshop_id")
    stmt = stmt.where(ChecklistLine.workshop_id == (wid if wid is not None else -1))
    if f.get("zone"):
        stmt = stmt.where(InfrastructureLine.zone == f["zone"])
    if f.get("status"):
        st = f["status"]
        if st == "open":
            stmt = stmt.where(e["status"] != "met")
        elif st == "proposals":
            stmt = stmt.where(nprop > 0)
        elif st == "overridden":
            stmt = stmt.where(ChecklistLine.status_override.is_not(None))
        else:
            stmt = stmt.where(e["status"] == st)
    stmt = apply_search(stmt, InfrastructureLine.search_key, q.search)
    sorts = {"number": InfrastructureLine.position, "name": InfrastructureLine.name, "zone": InfrastructureLine.zone,
             "required": e["required"], "available": e["avail"], "status": e["status"],
             "unit": InfrastructureLine.unit, "links": e["nlinks"], "photos": nphoto}
    col = sorts.get(q.sort or "", InfrastructureLine.position)
    stmt = stmt.order_by(col.desc() if q.descending else col.asc(), ChecklistLine.id)
    return stmt


def checklist_count(q: ListQuery) -> int:
    with context.read() as s:
        return count_of(s, _checklist_stmt(q))


def checklist_page(q: ListQuery) -> list[dict]:
    with context.read() as s:
        rows = s.execute(window(_checklist_stmt(q), q)).mappings().all()
        out = []
        for r in rows:
            d = dict(r)
            d["zone_label"] = zone_label(d["zone"])
            d["per_label"] = _t("на 1 раб. место") if d["per_workplace"] else _t("на всех")
            out.append(d)
        return out


def checklist(workshop_id: int, *, zone: str | None = None, status: str | None = None) -> list[dict]:
    """The whole checklist (for the packet and scripts)."""
    q = ListQuery(filters={"workshop_id": workshop_id, "zone": zone, "status": status}, limit=1_000_000)
    return checklist_page(q)


def checklist_line(checklist_line_id: int) -> dict:
    with context.read() as s:
        wid = s.scalar(select(ChecklistLine.workshop_id).where(ChecklistLine.id == checklist_line_id))
    if wid is None:
        raise NotFoundError(_t("Строка чек-листа не найдена (возможно, лист изменён)."))
    q = ListQuery(filters={"workshop_id": wid}, limit=1)
    with context.read() as s:
        stmt = _checklist_stmt(q).where(ChecklistLine.id == checklist_line_id)
        r = s.execute(stmt).mappings().first()
    d = dict(r)
    d["zone_label"] = zone_label(d["zone"])
    return d


# --- readiness (aggregates in SQL) -------------------------------------------------------------
def _readiness_rows(group_zone: bool, workshop_id: int | None = None):
    base, e = _checklist_select()
    cols = [ChecklistLine.workshop_id, func.count(ChecklistLine.id),
            func.sum(case((e["status"] == "met", 1), else_=0)),
            func.sum(case((e["status"] == "partial", 1), else_=0)),
            func.sum(case((e["status"] == "missing", 1), else_=0)),
            func.avg(e["cover"])]
    if group_zone:
        cols.insert(1, InfrastructureLine.zone)
    stmt = base.add_columns(*cols).group_by(ChecklistLine.workshop_id)
    if group_zone:
        stmt = stmt.group_by(InfrastructureLine.zone)
    if workshop_id is not None:
        stmt = stmt.where(ChecklistLine.workshop_id == workshop_id)
    with context.read() as s:
        return s.execute(stmt).all()


def _pct(v) -> float:
    return round(float(v or 0) * 100, 1)


def cluster_readiness() -> list[WorkshopReadiness]:
    """Readiness of every workshop, one aggregate query."""
    agg = {r[0]: r for r in _readiness_rows(False)}
    with context.read() as s:
        ws = s.execute(select(Workshop.id, Workshop.name, func.coalesce(Competency.name, ""), Workshop.workplaces)
                       .outerjoin(Competency, Competency.id == Workshop.competency_id).order_by(Workshop.name)).all()
    out = []
    for wid, name, comp, wp in ws:
        r = agg.get(wid)
        if r is None:
            out.append(WorkshopReadiness(wid, name, comp, wp, 0, 0, 0, 0, 0.0))
        else:
            out.append(WorkshopReadiness(wid, name, comp, wp, int(r[1]), int(r[2] or 0), int(r[3] or 0),
                                         int(r[4] or 0), _pct(r[5])))
    return out


def workshop_readiness(workshop_id: int) -> WorkshopReadiness:
    with context.read() as s:
        w = s.get(Workshop, workshop_id)
        if w is None:
            raise NotFoundError(_t("Мастерская не найдена (возможно, удалена)."))
        comp = s.scalar(select(Competency.name).where(Competency.id == w.competency_id)) or ""
        name, wp = w.name, w.workplaces
    rows = _readiness_rows(False, workshop_id)
    if not rows:
        return WorkshopReadiness(workshop_id, name, comp, wp, 0, 0, 0, 0, 0.0)
    r = rows[0]
    return WorkshopReadiness(workshop_id, name, comp, wp, int(r[1]), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0),
                             _pct(r[5]))


def zone_readiness(workshop_id: int | None = None) -> list[ZoneReadiness]:
    """By zone for one workshop, or for the whole cluster when ``workshop_id`` is None."""
    acc: dict[str, list] = {}
    for r in _readiness_rows(True, workshop_id):
        _wid, zone, n, met, part, miss, cov = r
        a = acc.setdefault(zone, [0, 0, 0, 0, 0.0])
        a[0] += n
        a[1] += met or 0
        a[2] += part or 0
        a[3] += miss or 0
        a[4] += float(cov or 0) * n
    out = []
    for z in ZONES:
        if z in acc:
            n, met, part, miss, cw = acc[z]
            out.append(ZoneReadiness(z, zone_label(z), n, met, part, miss, round(cw / n * 100, 1) if n else 0.0))
    return out


def status(workshop_name: str | int) -> dict:
    """The JSON of ``accreditation status --json`` (CLI.md)."""
    wid = find_workshop_id(workshop_name)
    r = workshop_readiness(wid)
    return {"workshop": r.name, "workplaces": r.workplaces, "lines": r.lines, "met": r.met, "partial": r.partial,
            "missing": r.missing, "coverage_percent": r.coverage_percent}


# --- links -------------------------------------------------------------------------------------
def links(checklist_line_id: int, *, include_rejected: bool = False) -> list[LinkInfo]:
    with context.read() as s:
        cl = s.get(ChecklistLine, checklist_line_id)
        if cl is None:
            raise NotFoundError(_t("Строка чек-листа не найдена."))
        room_ids = set(s.scalars(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == cl.workshop_id)))
        stmt = (select(ChecklistLink, Item, Room.name).join(Item, Item.id == ChecklistLink.item_id)
                .outerjoin(Room, Room.id == Item.room_id).where(ChecklistLink.checklist_line_id == checklist_line_id))
        if not include_rejected:
            stmt = stmt.where(ChecklistLink.state != "rejected")
        order = {"confirmed": 0, "auto": 1, "proposed": 2, "rejected": 3}
        out = []
        for lk, it, room in s.execute(stmt):
            out.append(LinkInfo(lk.id, lk.checklist_line_id, it.id, it.name, it.inventory_number or "", it.model,
                                room or "", it.room_id in room_ids, it.status,
                                lk.quantity if lk.quantity is not None else it.quantity, it.unit, lk.state, lk.score))
        out.sort(key=lambda x: (order.get(x.state, 9), -x.score, x.item_name))
        return out


def room_items(workshop_id: int, search: str = "", limit: int = 200) -> list[dict]:
    """Items in the workshop's rooms, for linking by hand (search in SQL)."""
    with context.read() as s:
        stmt = (select(Item.id, Item.name, Item.inventory_number, Item.model, Item.quantity, Item.unit, Room.name)
                .join(WorkshopRoom, and_(WorkshopRoom.room_id == Item.room_id, WorkshopRoom.workshop_id == workshop_id))
                .join(Room, Room.id == Item.room_id).where(Item.status != "written_off"))
        stmt = apply_search(stmt, Item.search_key, search).order_by(Item.name, Item.id).limit(limit)
        return [dict(id=r[0], name=r[1], inventory_number=r[2] or "", model=r[3], quantity=r[4], unit=r[5], room=r[6])
                for r in s.execute(stmt)]


def link_item(checklist_line_id: int, item_id: int, quantity: Decimal | None = None) -> int:
    """Link an item by hand (a confirmed link)."""
    require(WRITE)
    if quantity is not None and Decimal(quantity) <= 0:
        raise ValidationError(_t("Количество должно быть больше нуля."), field="quantity")
    with context.uow() as s:
        cl = s.get(ChecklistLine, checklist_line_id)
        it = s.get(Item, item_id)
        if cl is None or it is None:
            raise NotFoundError(_t("Строка чек-листа или позиция инвентаря не найдена."))
        lk = s.scalar(select(ChecklistLink).where(ChecklistLink.checklist_line_id == cl.id,
                                                  ChecklistLink.item_id == it.id))
        if lk is None:
            lk = ChecklistLink(checklist_line_id=cl.id, item_id=it.id, score=100)
            s.add(lk)
        lk.state, lk.confirmed, lk.quantity = "confirmed", True, quantity
        s.flush()
        return lk.id


def confirm_link(link_id: int, quantity: Decimal | None = None) -> None:
    require(WRITE)
    with context.uow() as s:
        lk = s.get(ChecklistLink, link_id)
        if lk is None:
            raise NotFoundError(_t("Связь не найдена (возможно, сопоставление выполнено заново)."))
        lk.state, lk.confirmed = "confirmed", True
        if quantity is not None:
            lk.quantity = quantity


def reject_link(link_id: int) -> None:
    """Refuse a link or proposal; remembered so the matching never proposes it again."""
    require(WRITE)
    with context.uow() as s:
        lk = s.get(ChecklistLink, link_id)
        if lk is None:
            raise NotFoundError(_t("Связь не найдена (возможно, сопоставление выполнено заново)."))
        lk.state, lk.confirmed = "rejected", False


def confirm_all_proposals(workshop_id: int) -> int:
    require(WRITE)
    with context.uow() as s:
        ids = select(ChecklistLine.id).where(ChecklistLine.workshop_id == workshop_id)
        res = s.execute(update(ChecklistLink).where(ChecklistLink.checklist_line_id.in_(ids),
                                                    ChecklistLink.state == "proposed")
                        .values(state="confirmed", confirmed=True))
        n = res.rowcount or 0
        audit.record(s, "update", "accreditation", "ChecklistLink", workshop_id,
                     _t("Подтверждены все предложения сопоставления: {0}").format(n))
        return n


# --- override and comment ----------------------------------------------------------------------
def set_override(checklist_line_id: int, status_: str | None, comment: str, version: int | None = None) -> None:
    require(WRITE)
    comment = (comment or "").strip()
    if status_ not in (None, "", *CHECK_STATUSES):
        raise ValidationError(_t("Неизвестный статус «{0}».").format(status_), field="status")
    if status_ and not comment:
        raise ValidationError(_t("Ручная установка статуса требует комментария: объясните, почему статус "
                                 "отличается от рассчитанного."), field="override_comment")
    with context.uow() as s:
        cl = s.get(ChecklistLine, checklist_line_id)
        if cl is None:
            raise NotFoundError(_t("Строка чек-листа не найдена."))
        if version is not None and cl.version != version:
            raise ConcurrentEditError()
        cl.status_override = status_ or None
        cl.override_comment = comment if status_ else ""


def set_comment(checklist_line_id: int, comment: str, version: int | None = None) -> None:
    require(WRITE)
    with context.uow() as s:
        cl = s.get(ChecklistLine, checklist_line_id)
        if cl is None:
            raise NotFoundError(_t("Строка чек-листа не найдена."))
        if version is not None and cl.version != version:
            raise ConcurrentEditError()
        cl.comment = (comment or "").strip()


# --- matching ----------------------------------------------------------------------------------
def match(workshop_ref: int | str, *, progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None) -> MatchResult:
    """Apply the confident proposals of the automatic matching and leave the doubtful ones (state
    «proposed») for the coordinator. Confirmed and rejected links are kept and respected."""
    require(WRITE)
    t0 = time.perf_counter()
    with context.uow() as s:
        w = _workshop(s, workshop_ref)
        if w.list_id is None:
            raise ValidationError(_t("У мастерской «{0}» нет инфраструктурного листа: импортируйте лист "
                                     "компетенции или выберите его в карточке мастерской.").format(w.name))
        n_lines, n_items, applied, proposed, still = run_match(s, w.id, progress=progress, cancelled=cancelled)
        audit.record(s, "update", "accreditation", "Workshop", w.id,
                     _t("Сопоставление с инвентарём: применено {0}, предложено {1}").format(applied, proposed))
        return MatchResult(w.name, n_lines, n_items, applied, proposed, still, round(time.perf_counter() - t0, 3))


def run_match(s: Session, workshop_id: int, *, progress=None, cancelled=None) -> tuple[int, int, int, int, int]:
    """The matching inside a session (also used by the demo): (lines, items, applied, proposed, still open)."""
    from chemcluster_desktop.services.accreditation import matching as m

    _sync_checklist(s, workshop_id)
    cl_ids = select(ChecklistLine.id).where(ChecklistLine.workshop_id == workshop_id)
    audit.record_deleting(s, "accreditation", ChecklistLink, ChecklistLink.checklist_line_id.in_(cl_ids),
                          ChecklistLink.state == "proposed")
    s.execute(delete(ChecklistLink).where(ChecklistLink.checklist_line_id.in_(cl_ids),
                                          ChecklistLink.state == "proposed"))
    s.flush()
    base, e = _checklist_select()
    rows = s.execute(base.add_columns(ChecklistLine.id, InfrastructureLine.name, InfrastructureLine.specification,
                                      e["required"], e["avail"], ChecklistLine.status_override)
                     .where(ChecklistLine.workshop_id == workshop_id)).all()
    lines = [m.LineIn(r[0], r[1], r[2], Decimal(r[3]) - Decimal(r[4] or 0)) for r in rows if r[5] is None]
    used = set(s.scalars(select(ChecklistLink.item_id).join(ChecklistLine, ChecklistLine.id ==
                                                             ChecklistLink.checklist_line_id)
                         .where(ChecklistLine.workshop_id == workshop_id,
                                ChecklistLink.state.in_(COUNTING_LINK_STATES))))
    rejected = {(a, b) for a, b in s.execute(
        select(ChecklistLink.checklist_line_id, ChecklistLink.item_id).where(
            ChecklistLink.checklist_line_id.in_(cl_ids), ChecklistLink.state == "rejected"))}
    items = [m.ItemIn(r[0], r[1], r[2] or "", r[3] or "", r[4]) for r in s.execute(
        select(Item.id, Item.name, Item.model, Item.manufacturer, Item.quantity)
        .join(WorkshopRoom, and_(WorkshopRoom.room_id == Item.room_id, WorkshopRoom.workshop_id == workshop_id))
        .where(Item.status != "written_off")) if r[0] not in used]
    applied, proposed = m.match(lines, items, rejected=rejected, progress=progress, cancelled=cancelled)
    now = utcnow()
    rows_ins = [dict(checklist_line_id=p.line, item_id=p.item, quantity=None, confirmed=False, state="auto",
                     score=p.score, created_at=now) for p in applied]
    rows_ins += [dict(checklist_line_id=p.line, item_id=p.item, quantity=None, confirmed=False, state="proposed",
                      score=p.score, created_at=now) for p in proposed]
    existing = {(a, b) for a, b in s.execute(select(ChecklistLink.checklist_line_id, ChecklistLink.item_id)
                                             .where(ChecklistLink.checklist_line_id.in_(cl_ids)))}
    rows_ins = [r for r in rows_ins if (r["checklist_line_id"], r["item_id"]) not in existing]
    if rows_ins:
        after = audit.max_id(s, ChecklistLink)
        s.execute(insert(ChecklistLink), rows_ins)
        audit.record_inserted(s, "accreditation", ChecklistLink, after, ChecklistLink.checklist_line_id.in_(cl_ids))
    covered = {p.line for p in applied}
    still = sum(1 for ln in lines if ln.missing > 0 and ln.key not in covered)
    return len(rows), len(items), len(applied), len(proposed), still


# --- gaps → procurement ------------------------------------------------------------------------
def gaps(workshop_id: int) -> list[dict]:
    """Lines not met, with the unmet quantity."""
    out = []
    for r in checklist(workshop_id):
        if r["status"] == "met":
            continue
        req, av = Decimal(r["required"]), Decimal(r["available"] or 0)
        unmet = req - av
        if unmet <= 0:
            unmet = req if r["status"] == "missing" else Decimal(0)
        if unmet <= 0:
            continue
        d = dict(r)
        d["unmet"] = unmet
        out.append(d)
    return out


def create_needs_from_gaps(workshop_id: int) -> NeedsResult:
    """One action: every unmet quantity becomes a procurement need (status «need») linked back to its
    checklist line. A need already made for the same line is updated while it is still only a need,
    and left alone once procurement has taken it further."""
    require("procurement.needs")
    from chemcluster_desktop.storage.procurement import Need

    rows = gaps(workshop_id)
    res = NeedsResult(0, 0)
    with context.uow() as s:
        w = _workshop(s, workshop_id)
        room_id = s.scalar(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == w.id)
                           .order_by(WorkshopRoom.room_id).limit(1))
        comp = s.scalar(select(Competency.name).where(Competency.id == w.competency_id)) or ""
        year = s.scalar(select(InfrastructureList.year).where(InfrastructureList.id == w.list_id))
        if not rows:
            res.skipped.append(_t("Дефицитов нет: все позиции чек-листа выполнены."))
        for r in rows:
            existing = s.scalars(select(Need).where(Need.checklist_line_id == r["id"]).order_by(Need.id)).all()
            qty = Decimal(r["unmet"])
            just = _t("Дефицит по инфраструктурному листу компетенции «{0}» ({1} г.), мастерская «{2}», "
                      "позиция № {3}: требуется {4}, в наличии {5}.").format(
                comp, year or "", w.name, r["number"] or "—", _num(r["required"]), _num(r["available"] or 0))
            open_need = next((n for n in existing if n.status == "need"), None)
            if open_need is not None:
                if open_need.quantity != qty:
                    open_need.quantity = qty
                    open_need.justification = just
                    res.updated += 1
                else:
                    res.skipped.append(_t("«{0}»: потребность № {1} уже создана с тем же количеством.")
                                       .format(r["name"][:60], open_need.id))
                res.need_ids.append(open_need.id)
                continue
            if existing:
                n0 = existing[-1]
                res.skipped.append(_t("«{0}»: потребность № {1} уже в работе у закупок (статус «{2}»); "
                                      "новая не создана.").format(r["name"][:60], n0.id, n0.status))
                continue
            n = Need(name=r["name"][:500], specification=r["specification"] or "", quantity=qty, unit=r["unit"],
                     room_id=room_id, workshop_id=w.id, checklist_line_id=r["id"], zone=r["zone"],
                     justification=just, status="need", search_key=make_key(r["name"], r["specification"])[:800])
            s.add(n)
            s.flush()
            res.created += 1
            res.need_ids.append(n.id)
    return res


def _num(v) -> str:
    d = Decimal(v)
    return str(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()).replace(".", ",")


def export_checklist(workshop_id: int, path) -> int:
    """The workshop's checklist to an .xlsx file (for the people who still live in Excel)."""
    from chemcluster_desktop.xlsx.common import XlsxFileError
    from chemcluster_desktop.xlsx.infrastructure import write_checklist

    info = workshop(workshop_id)
    try:
        return write_checklist(path, checklist(workshop_id), zone_labels={z: zone_label(z) for z in ZONES},
                               status_labels={st: status_label(st) for st in CHECK_STATUSES},
                               sheet_title=info.name[:31])
    except XlsxFileError as e:
        raise FileFormatError(str(e)) from e


# --- the packet's data -------------------------------------------------------------------------
def packet_data(workshop_id: int) -> dict:
    """Plain data for ``reports.accreditation_packet``."""
    from chemcluster_desktop.services.printing import college_info

    info = workshop(workshop_id)
    with context.read() as s:
        rooms_full = [dict(name=r.name, area=r.area_m2 or "", responsible=r.responsible, kind=r.kind)
                      for r in s.scalars(select(Room).join(WorkshopRoom, WorkshopRoom.room_id == Room.id)
                                         .where(WorkshopRoom.workshop_id == workshop_id).order_by(Room.name))]
        plan = s.scalar(select(Workshop.layout_plan).where(Workshop.id == workshop_id))
        photos = [dict(id=r[0], caption=r[1], file_name=r[2], data=r[3], line=r[4]) for r in s.execute(
            select(Evidence.id, Evidence.caption, Evidence.file_name, Evidence.data, InfrastructureLine.name)
            .outerjoin(ChecklistLine, ChecklistLine.id == Evidence.checklist_line_id)
            .outerjoin(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
            .where(Evidence.workshop_id == workshop_id).order_by(Evidence.id))]
        list_title = s.scalar(select(InfrastructureList.title).where(InfrastructureList.id == info.list_id)) or ""
    return dict(college=college_info(), workshop=asdict(info), rooms=rooms_full, list_title=list_title,
                checklist=checklist(workshop_id), gaps=gaps(workshop_id),
                readiness=asdict(workshop_readiness(workshop_id)),
                zones=[asdict(z) for z in zone_readiness(workshop_id)], layout_plan=plan, photos=photos,
                zone_labels={z: zone_label(z) for z in ZONES},
                status_labels={st: status_label(st) for st in CHECK_STATUSES})

