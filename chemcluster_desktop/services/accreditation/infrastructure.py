"""Competencies and their infrastructure lists (one per year) with the lines of each list, edited by
hand. Importing a list from Excel is in :mod:`.list_import`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.common import check_version, get_or_404
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import (
    ZONES,
    Competency,
    InfrastructureLine,
    InfrastructureList,
    Workshop,
    line_search_key,
)
from chemcluster_desktop.storage.search import fold

from ._checklist_sql import _bind_unbound_workshops, _sync_checklist
from ._common import WRITE, _as_dict, _check_year, _competency, _list, _t


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


# --- competencies --------------------------------------------------------------------------------
def competencies() -> list[CompetencyInfo]:
    with context.read() as s:
        nl = select(func.count(InfrastructureList.id)).where(
            InfrastructureList.competency_id == Competency.id).scalar_subquery()
        nw = select(func.count(Workshop.id)).where(Workshop.competency_id == Competency.id).scalar_subquery()
        rows = s.execute(select(Competency.id, Competency.code, Competency.name, nl, nw).order_by(Competency.name))
        return [CompetencyInfo(*r) for r in rows]


def create_competency(data) -> int:
    """``data``: ``name`` (required), ``code``."""
    require(WRITE)
    f = _as_dict(data)
    name = " ".join((f.get("name") or "").split())
    if not name:
        raise ValidationError(_t("Название компетенции обязательно."), field="name")
    with context.uow() as s:
        key = fold(name)
        if any(fold(c) == key for c in s.scalars(select(Competency.name))):
            raise DuplicateError(_t("Компетенция «{0}» уже есть.").format(name), field="name")
        c = Competency(name=name[:300], code=(f.get("code") or "").strip()[:32])
        s.add(c)
        s.flush()
        return c.id


# --- lists ---------------------------------------------------------------------------------------
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


def create_list(data) -> int:
    """An empty list to fill by hand (or a new year's version). ``data``: ``competency`` (id or name;
    a new name creates the competency), ``year``, ``title``."""
    require(WRITE)
    f = _as_dict(data)
    year, title = f.get("year"), f.get("title") or ""
    _check_year(year)
    with context.uow() as s:
        c, _new = _competency(s, f.get("competency"), create=True)
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
        src = _list(s, list_id)
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


def delete_list(list_id: int, *, version: int | None = None) -> None:
    require(WRITE)
    with context.uow() as s:
        lst = _list(s, list_id)
        check_version(lst, version)
        used = list(s.scalars(select(Workshop.name).where(Workshop.list_id == list_id)))
        if used:
            raise ValidationError(_t("Лист используется мастерскими: {0}. Сначала выберите для них другой лист.")
                                  .format(", ".join(used)))
        s.delete(lst)


# --- the lines of a list -------------------------------------------------------------------------
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


def create_line(data) -> int:
    """A new line at the end of the list ``data["list_id"]``; the other fields as :func:`update_line`."""
    require(WRITE)
    fields = _as_dict(data)
    list_id = fields.pop("list_id", None)
    f = _validate_line(fields)
    with context.uow() as s:
        _list(s, list_id)
        _check_number(s, list_id, f["number"], f["section"], None)
        pos = (s.scalar(select(func.max(InfrastructureLine.position)).where(InfrastructureLine.list_id == list_id))
               or 0) + 1
        ln = InfrastructureLine(list_id=list_id, position=pos, **f)
        s.add(ln)
        s.flush()
        for wid in s.scalars(select(Workshop.id).where(Workshop.list_id == list_id)):
            _sync_checklist(s, wid)
        return ln.id


def update_line(line_id: int, data, *, version: int) -> None:
    """``data``: ``name`` and ``quantity`` (required), ``zone``, ``number``, ``section``,
    ``specification``, ``unit``, ``per_workplace`` (default: yes in the participants' zones), ``note``."""
    require(WRITE)
    f = _validate_line(_as_dict(data))
    with context.uow() as s:
        ln = get_or_404(s, InfrastructureLine, line_id, _t("Позиция листа"), named=f.get("name"))
        check_version(ln, version)
        _check_number(s, ln.list_id, f["number"], f["section"], ln.id)
        for k, v in f.items():
            setattr(ln, k, v)


def delete_line(line_id: int, *, version: int | None = None) -> None:
    require(WRITE)
    with context.uow() as s:
        ln = get_or_404(s, InfrastructureLine, line_id, _t("Позиция листа"))
        check_version(ln, version)
        s.delete(ln)
