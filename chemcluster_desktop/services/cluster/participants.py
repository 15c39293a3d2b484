"""The cluster's participants: the college, enterprises, schools, the employment centre, authorities."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

from sqlalchemy import select

from chemcluster_desktop.services import context, listing
from chemcluster_desktop.services.cluster._common import WRITE, _t, kind_names
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.context import uow
from chemcluster_desktop.services.errors import DuplicateError, ValidationError
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.cluster import PARTICIPANT_KINDS, Participant


@dataclass
class ParticipantInfo:
    id: int
    name: str
    kind: str
    role: str
    agreement_number: str
    agreement_date: dt.date | None
    contact: str
    inn: str
    version: int


def _pinfo(p: Participant) -> ParticipantInfo:
    return ParticipantInfo(p.id, p.name, p.kind, p.role, p.agreement_number, p.agreement_date, p.contact, p.inn,
                           p.version)


_P_SORT = {"name": Participant.name, "kind": Participant.kind, "role": Participant.role,
           "agreement_number": Participant.agreement_number, "agreement_date": Participant.agreement_date,
           "contact": Participant.contact, "inn": Participant.inn}


def _p_stmt(q: ListQuery):
    stmt = select(Participant)
    stmt = listing.apply_search(stmt, Participant.search_key, q.search)
    if q.filters.get("kind"):
        stmt = stmt.where(Participant.kind == q.filters["kind"])
    return stmt


def count_participants(q: ListQuery) -> int:
    with context.read() as s:
        return listing.count_of(s, _p_stmt(q))


def list_participants(q: ListQuery | None = None) -> list[dict]:
    q = q or ListQuery(limit=100000)
    names = kind_names()
    with context.read() as s:
        stmt = listing.apply_sort(_p_stmt(q), _P_SORT, q, Participant.name, Participant.id)
        out = []
        for p in s.scalars(listing.window(stmt, q)):
            d = asdict(_pinfo(p))
            d["kind_name"] = names.get(p.kind, p.kind)
            out.append(d)
        return out


def get_participant(pid: int) -> ParticipantInfo:
    with context.read() as s:
        p = get_or_404(s, Participant, pid, _t("Карточка участника"))
        return _pinfo(p)


def _check_participant(data: dict) -> dict:
    name = str(data.get("name") or "").strip()
    errors = []
    if not name:
        errors.append(("name", _t("Укажите наименование участника.")))
    elif len(name) > 300:
        errors.append(("name", _t("Наименование длиннее 300 символов.")))
    kind = str(data.get("kind") or "").strip()
    if kind not in PARTICIPANT_KINDS:
        errors.append(("kind", _t("Выберите вид участника: колледж, предприятие, школа, центр занятости или "
                                  "орган власти.")))
    inn = str(data.get("inn") or "").strip()
    if inn and not re.fullmatch(r"\d{10}|\d{12}", inn):
        errors.append(("inn", _t("ИНН — 10 цифр (организация) или 12 цифр (ИП); введено «{0}».").format(inn)))
    adate = data.get("agreement_date")
    if isinstance(adate, str):
        adate = adate.strip()
        if adate:
            try:
                adate = (dt.datetime.strptime(adate, "%d.%m.%Y").date() if "." in adate
                         else dt.date.fromisoformat(adate))
            except ValueError:
                errors.append(("agreement_date", _t("Дата соглашения «{0}» не распознана: введите ДД.ММ.ГГГГ.")
                               .format(adate)))
                adate = None
        else:
            adate = None
    if isinstance(adate, dt.date) and adate > dt.date.today() + dt.timedelta(days=366):
        errors.append(("agreement_date", _t("Дата соглашения в далёком будущем: проверьте год.")))
    if errors:
        raise ValidationError(errors[0][1], field=errors[0][0], errors=errors)
    return {"name": name, "kind": kind, "role": str(data.get("role") or "").strip()[:300],
            "agreement_number": str(data.get("agreement_number") or "").strip()[:64],
            "agreement_date": adate if isinstance(adate, dt.date) else None,
            "contact": str(data.get("contact") or "").strip()[:300], "inn": inn}


def _save_participant(data: dict, pid: int | None, version: int | None) -> int:
    require(WRITE)
    clean = _check_participant(data)
    with uow() as s:
        dup = s.scalar(select(Participant.id).where(Participant.name == clean["name"]))
        if dup is not None and dup != pid:
            raise DuplicateError(_t("Участник «{0}» уже есть в реестре.").format(clean["name"]), field="name")
        if pid is None:
            p = Participant(**clean)
            s.add(p)
        else:
            p = get_or_404(s, Participant, pid, _t("Карточка участника"), named=clean.get("name"))
            require_version(p, version)
            for k, v in clean.items():
                setattr(p, k, v)
        s.flush()
        return p.id


def create_participant(data: dict) -> int:
    """A new participant from ``data``: name, kind, and optionally role, agreement_number, agreement_date, contact, inn."""
    return _save_participant(data, None, None)


def update_participant(pid: int, data: dict, *, version: int) -> None:
    """Replace the participant's fields with ``data`` (every field, as for :func:`create_participant`)."""
    _save_participant(data, pid, version)


def delete_participant(pid: int, *, version: int | None = None) -> None:
    require(WRITE)
    with uow() as s:
        p = get_or_404(s, Participant, pid, _t("Карточка участника"))
        check_version(p, version)
        s.delete(p)


def enterprise_names() -> list[str]:
    with context.read() as s:
        return list(s.scalars(select(Participant.name).where(Participant.kind == "enterprise")
                              .order_by(Participant.name)))
