"""Training directions (specialties and professions) and who asked for them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sqlalchemy import select

from chemcluster_desktop.services import context, listing
from chemcluster_desktop.services.cluster._common import WRITE, _t, level_names
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.context import uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.cluster import DIRECTION_LEVELS, TrainingDirection


@dataclass
class DirectionInfo:
    id: int
    code: str
    name: str
    level: str
    places_per_year: int
    requested_by: str
    version: int


def _dinfo(d: TrainingDirection) -> DirectionInfo:
    return DirectionInfo(d.id, d.code, d.name, d.level, d.places_per_year, d.requested_by, d.version)


_D_SORT = {"code": TrainingDirection.code, "name": TrainingDirection.name, "level": TrainingDirection.level,
           "places_per_year": TrainingDirection.places_per_year, "requested_by": TrainingDirection.requested_by}


def _d_stmt(q: ListQuery):
    stmt = select(TrainingDirection)
    stmt = listing.apply_search(stmt, TrainingDirection.search_key, q.search)
    if q.filters.get("level"):
        stmt = stmt.where(TrainingDirection.level == q.filters["level"])
    return stmt


def count_directions(q: ListQuery) -> int:
    with context.read() as s:
        return listing.count_of(s, _d_stmt(q))


def list_directions(q: ListQuery | None = None) -> list[dict]:
    q = q or ListQuery(limit=100000)
    names = level_names()
    with context.read() as s:
        stmt = listing.apply_sort(_d_stmt(q), _D_SORT, q, TrainingDirection.code, TrainingDirection.id)
        out = []
        for d in s.scalars(listing.window(stmt, q)):
            row = asdict(_dinfo(d))
            row["level_name"] = names.get(d.level, d.level)
            out.append(row)
        return out


def get_direction(did: int) -> DirectionInfo:
    with context.read() as s:
        d = get_or_404(s, TrainingDirection, did, _t("Запись о направлении обучения"))
        return _dinfo(d)


_CODE_RE = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")


def _check_direction(data: dict) -> dict:
    errors = []
    code = str(data.get("code") or "").strip()
    if not _CODE_RE.match(code):
        errors.append(("code", _t("Код специальности или профессии — вида 18.02.12 (введено «{0}»).").format(code)))
    name = str(data.get("name") or "").strip()
    if not name:
        errors.append(("name", _t("Укажите наименование направления.")))
    level = str(data.get("level") or "specialty")
    if level not in DIRECTION_LEVELS:
        errors.append(("level", _t("Уровень — специальность или профессия.")))
    raw_places = data.get("places_per_year", 0)
    try:
        places = int(str(raw_places).strip() or 0)
        if places < 0 or places > 10000:
            raise ValueError
    except ValueError:
        errors.append(("places_per_year", _t("Мест в год — целое число от 0 до 10 000 (введено «{0}»).")
                       .format(raw_places)))
        places = 0
    if errors:
        raise ValidationError(errors[0][1], field=errors[0][0], errors=errors)
    return {"code": code, "name": name[:300], "level": level, "places_per_year": places,
            "requested_by": str(data.get("requested_by") or "").strip()}


def _save_direction(data: dict, did: int | None, version: int | None) -> int:
    require(WRITE)
    clean = _check_direction(data)
    with uow() as s:
        dup = s.scalar(select(TrainingDirection.id).where(TrainingDirection.code == clean["code"],
                                                          TrainingDirection.name == clean["name"]))
        if dup is not None and dup != did:
            raise DuplicateError(_t("Направление {0} «{1}» уже есть.").format(clean["code"], clean["name"]),
                                 field="code")
        if did is None:
            d = TrainingDirection(**clean)
            s.add(d)
        else:
            d = get_or_404(s, TrainingDirection, did, _t("Запись о направлении обучения"),
                           named=" ".join(x for x in (clean.get("code"), clean.get("name")) if x) or None)
            require_version(d, version)
            for k, v in clean.items():
                setattr(d, k, v)
        s.flush()
        return d.id


def create_direction(data: dict) -> int:
    """A new direction from ``data``: code, name, and optionally level (specialty), places_per_year, requested_by."""
    return _save_direction(data, None, None)


def update_direction(did: int, data: dict, *, version: int) -> None:
    """Replace the direction's fields with ``data`` (every field, as for :func:`create_direction`)."""
    _save_direction(data, did, version)


def delete_direction(did: int, *, version: int | None = None) -> None:
    require(WRITE)
    with uow() as s:
        d = get_or_404(s, TrainingDirection, did, _t("Запись о направлении обучения"))
        check_version(d, version)
        s.delete(d)
