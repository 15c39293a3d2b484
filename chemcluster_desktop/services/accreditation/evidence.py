"""The evidence behind a checklist line's status (issue 14) and the records the packet proves it with:

- loans and leases: equipment a line borrows for the exam from a partner, by a document (number and
  date), for a quantity, until a date; a loan in force counts towards the line's available quantity;
- the evidence of each line: the usable linked items (by inventory number) and the loans, and the
  linked items that do not count with the reason (on repair, not commissioned, written off, expired
  verification);
- the КОД code of an infrastructure list (the demo exam's «комплект оценочной документации»);
- the commission of a workshop: the order that appointed it and its members (name, position, role);
- a delivery closes its gap: :func:`link_delivered_items` links the items accepted from a need that
  came from a checklist line to that line (procurement's acceptance calls it in its own transaction).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from chemcluster_desktop.dates import parse_date_text
from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import get_or_404, require_version
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import (
    COMMISSION_ROLES,
    COUNTING_LINK_STATES,
    LOAN_KINDS,
    ChecklistLine,
    ChecklistLink,
    ChecklistLoan,
    InfrastructureList,
    WorkshopCommissionMember,
    WorkshopRoom,
)
from chemcluster_desktop.storage.inventory import Item

from ._checklist_sql import unusable_reason, usable_condition, verification_expired
from ._common import WRITE, _list, _num, _t, _workshop


# --- loans and leases ----------------------------------------------------------------------------
@dataclass
class LoanInfo:
    id: int
    checklist_line_id: int
    kind: str
    partner: str
    document_number: str
    document_date: dt.date
    quantity: Decimal
    valid_from: dt.date | None
    valid_until: dt.date
    note: str
    in_force: bool
    version: int

    @property
    def document(self) -> str:
        return loan_document(self.kind, self.document_number, self.document_date)


def loan_kind_label(kind: str) -> str:
    return {"loan": _t("Договор безвозмездного пользования"), "lease": _t("Договор аренды")}.get(kind, kind)


def loan_document(kind: str, number: str, date: dt.date) -> str:
    """«Договор безвозмездного пользования № 17/26 от 02.11.2026»."""
    return _t("{0} № {1} от {2}").format(loan_kind_label(kind), number, date.strftime("%d.%m.%Y"))


def _date(v, field: str, label: str, *, required: bool) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        d = parse_date_text(str(v) if v is not None else "")
    except ValueError:
        raise ValidationError(_t("{0}: «{1}» — не дата; введите дату как ДД.ММ.ГГГГ.").format(label, v),
                              field=field) from None
    if d is None and required:
        raise ValidationError(_t("{0}: укажите дату.").format(label), field=field)
    return d


def _loan_values(data: dict) -> dict:
    """The checked fields of a loan; every refusal names its field and writes nothing."""
    kind = (data.get("kind") or "loan").strip()
    if kind not in LOAN_KINDS:
        raise ValidationError(_t("Вид договора «{0}» неизвестен: безвозмездное пользование (loan) или аренда "
                                 "(lease).").format(kind), field="kind")
    partner = " ".join(str(data.get("partner") or "").split())
    if not partner:
        raise ValidationError(_t("Укажите партнёра, предоставившего оборудование (организацию по договору)."),
                              field="partner")
    number = " ".join(str(data.get("document_number") or "").split())
    if not number:
        raise ValidationError(_t("Укажите номер договора: без документа оборудование партнёра не подтверждает "
                                 "наличие."), field="document_number")
    ddate = _date(data.get("document_date"), "document_date", _t("Дата договора"), required=True)
    if data.get("quantity") in (None, ""):
        raise ValidationError(_t("Укажите количество по договору."), field="quantity")
    try:
        qty = Decimal(str(data.get("quantity")).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(_t("Количество по договору «{0}» — не число.").format(data.get("quantity")),
                              field="quantity") from None
    if not qty.is_finite() or qty <= 0:
        raise ValidationError(_t("Количество по договору должно быть больше нуля."), field="quantity")
    vfrom = _date(data.get("valid_from"), "valid_from", _t("Начало срока"), required=False)
    until = _date(data.get("valid_until"), "valid_until", _t("Срок договора (по)"), required=True)
    if until < ddate:
        raise ValidationError(_t("Срок договора ({0}) кончается раньше его даты ({1}).").format(
            until.strftime("%d.%m.%Y"), ddate.strftime("%d.%m.%Y")), field="valid_until")
    if vfrom is not None and vfrom > until:
        raise ValidationError(_t("Начало срока ({0}) позже его конца ({1}).").format(
            vfrom.strftime("%d.%m.%Y"), until.strftime("%d.%m.%Y")), field="valid_from")
    return dict(kind=kind, partner=partner[:300], document_number=number[:100], document_date=ddate,
                quantity=qty, valid_from=vfrom, valid_until=until, note=(data.get("note") or "").strip())


def _loan_info(ln: ChecklistLoan, today: dt.date) -> LoanInfo:
    return LoanInfo(ln.id, ln.checklist_line_id, ln.kind, ln.partner, ln.document_number, ln.document_date,
                    ln.quantity, ln.valid_from, ln.valid_until, ln.note, ln.valid_until >= today, ln.version)


def loans(checklist_line_id: int) -> list[LoanInfo]:
    today = dt.date.today()
    with context.read() as s:
        get_or_404(s, ChecklistLine, checklist_line_id, _t("Строка чек-листа"))
        return [_loan_info(ln, today) for ln in s.scalars(
            select(ChecklistLoan).where(ChecklistLoan.checklist_line_id == checklist_line_id)
            .order_by(ChecklistLoan.document_date, ChecklistLoan.id))]


def add_loan(checklist_line_id: int, data: dict) -> int:
    """Record a loan or lease for a checklist line: kind, partner, document_number, document_date,
    quantity, valid_until (and valid_from, note)."""
    require(WRITE)
    values = _loan_values(data)
    with context.uow() as s:
        get_or_404(s, ChecklistLine, checklist_line_id, _t("Строка чек-листа"))
        ln = ChecklistLoan(checklist_line_id=checklist_line_id, **values)
        s.add(ln)
        s.flush()
        return ln.id


def update_loan(loan_id: int, data: dict, version: int) -> None:
    require(WRITE)
    values = _loan_values(data)
    with context.uow() as s:
        ln = get_or_404(s, ChecklistLoan, loan_id, _t("Договор"), named=values.get("document_number"))
        require_version(ln, version)
        for k, v in values.items():
            setattr(ln, k, v)


def delete_loan(loan_id: int) -> None:
    require(WRITE)
    with context.uow() as s:
        s.delete(get_or_404(s, ChecklistLoan, loan_id, _t("Договор")))


# --- the evidence of each line --------------------------------------------------------------------
def line_evidence(workshop_id: int, on: dt.date | None = None) -> dict[int, dict]:
    """Per checklist line of the workshop: ``evidence`` — what makes its available quantity (usable
    linked items in the workshop's rooms by inventory number, loans in force by document), each
    ``{"kind": "item"|"loan", "ref": …, "quantity": Decimal, "detail": …}``; ``excluded`` — linked
    items and loans that do not count, with the reason."""
    on = on or dt.date.today()
    out: dict[int, dict] = {}
    with context.read() as s:
        for clid in s.scalars(select(ChecklistLine.id).where(ChecklistLine.workshop_id == workshop_id)):
            out[clid] = {"evidence": [], "excluded": []}
        in_rooms = (select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == workshop_id)).scalar_subquery()
        stmt = (select(ChecklistLink.checklist_line_id, Item.id, Item.inventory_number, Item.name, Item.unit,
                       Item.status, ChecklistLink.quantity, Item.quantity,
                       case((usable_condition(on), 1), else_=0), case((verification_expired(on), 1), else_=0),
                       case((Item.room_id.in_(in_rooms), 1), else_=0))
                .join(Item, Item.id == ChecklistLink.item_id)
                .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
                .where(ChecklistLine.workshop_id == workshop_id, ChecklistLink.state.in_(COUNTING_LINK_STATES))
                .order_by(ChecklistLink.checklist_line_id, Item.inventory_number, Item.id))
        for clid, iid, inv, name, unit, st, lq, iq, usable, expired, here in s.execute(stmt):
            qty = lq if lq is not None else iq
            ref = inv or _t("б/н ({0})").format(name[:60])
            entry = {"kind": "item", "ref": ref, "quantity": qty, "item_id": iid,
                     "detail": f"{name[:80]} — {_num(qty)} {unit}"}
            reason = unusable_reason(st, bool(expired)) if not usable else ""
            if not reason and not here:
                reason = _t("не в помещениях мастерской")
            if reason:
                entry["reason"] = reason
                out.setdefault(clid, {"evidence": [], "excluded": []})["excluded"].append(entry)
            else:
                out.setdefault(clid, {"evidence": [], "excluded": []})["evidence"].append(entry)
        lstmt = (select(ChecklistLoan).join(ChecklistLine, ChecklistLine.id == ChecklistLoan.checklist_line_id)
                 .where(ChecklistLine.workshop_id == workshop_id)
                 .order_by(ChecklistLoan.document_date, ChecklistLoan.id))
        for ln in s.scalars(lstmt):
            entry = {"kind": "loan", "ref": loan_document(ln.kind, ln.document_number, ln.document_date),
                     "quantity": ln.quantity, "loan_id": ln.id,
                     "detail": _t("{0}: {1}, по {2}").format(ln.partner, _num(ln.quantity),
                                                             ln.valid_until.strftime("%d.%m.%Y"))}
            bucket = out.setdefault(ln.checklist_line_id, {"evidence": [], "excluded": []})
            if ln.valid_until >= on:  # the rule of _checklist_sql.loan_in_force
                bucket["evidence"].append(entry)
            else:
                entry["reason"] = _t("срок договора истёк {0}").format(ln.valid_until.strftime("%d.%m.%Y"))
                bucket["excluded"].append(entry)
    return out


# --- the КОД code of a list -------------------------------------------------------------------------
# ИРПО (ФГБОУ ДПО «Институт развития профессионального образования», the operator of the demo exam)
# publishes the exam's assessment materials as «комплект оценочной документации» (КОД) coded
# «КОД <code of the specialty or profession from the СПО list>-<number of the КОД>-<year>»: the published
# sets carry names such as «КОД 09.02.07-2-2026», «Прил_2_ОЗ_КОД 09.02.07-2-2026-М1», «КОД 09.02.07-5-2025
# Приложения к образцу задания Том 1» (files of the 2024–2026 sets as distributed to colleges, found in
# public repositories of exam preparation). A code of another shape (such as «1.1-2025») is refused with
# the field named; its year must be the list's. See README «Код КОД».
KOD_RE = re.compile(r"^(?:КОД\s*)?(\d{2}\.\d{2}\.\d{2})-(\d{1,2})-(\d{4})$", re.IGNORECASE)


def set_list_kod(list_id: int, code: str) -> None:
    """The КОД code of a list (empty clears it); its year must be the list's year."""
    require(WRITE)
    with context.uow() as s:
        _set_kod(s, list_id, code)


def _set_kod(s: Session, list_id: int, code: str) -> None:
    code = " ".join((code or "").split())
    lst = _list(s, list_id)
    if code:
        m = KOD_RE.match(code)
        if m is None:
            raise ValidationError(_t("Код КОД «{0}» не по образцу «КОД 18.02.12-1-2026» (код специальности или "
                                     "профессии, номер комплекта оценочной документации, год).").format(code),
                                  field="kod_code")
        if int(m.group(3)) != lst.year:
            raise ValidationError(_t("Код КОД «{0}» — {1} года, а лист — {2} года.").format(
                code, m.group(3), lst.year), field="kod_code")
        code = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    lst.kod_code = code


def list_ref(kod_code: str, year: int | None) -> str:
    """The list after «инфраструктурного листа»: «КОД 18.02.12-1-2026 (2026 г.)»."""
    if kod_code:
        return _t("КОД {0} ({1} г.)").format(kod_code, year or "")
    return _t("{0} г. (код КОД не указан)").format(year or "—")


def list_title_for_packet(kod_code: str, year: int | None, title: str) -> str:
    """How the packet names a list: by its КОД code and year, else by its title (marked as uncoded)."""
    if kod_code:
        return _t("Инфраструктурный лист КОД {0} ({1} г.)").format(kod_code, year or "")
    return _t("{0} — код КОД не указан").format(title or _t("Инфраструктурный лист {0} г.").format(year or ""))


# --- the commission ---------------------------------------------------------------------------------
def commission_role_label(role: str) -> str:
    return {"chair": _t("Председатель комиссии"), "member": _t("Член комиссии"),
            "secretary": _t("Секретарь комиссии")}.get(role, role)


def commission(workshop_id: int) -> dict:
    """``{"order": …, "order_date": date|None, "members": [{"role", "full_name", "job_title"}],
    "kod_code": …, "list_year": N|None}`` (the КОД code and year of the workshop's list)."""
    with context.read() as s:
        w = _workshop(s, workshop_id)
        members = [dict(role=m.role, full_name=m.full_name, job_title=m.job_title) for m in s.scalars(
            select(WorkshopCommissionMember).where(WorkshopCommissionMember.workshop_id == w.id)
            .order_by(case((WorkshopCommissionMember.role == "chair", 0), else_=1), WorkshopCommissionMember.position,
                      WorkshopCommissionMember.id))]
        lst = s.get(InfrastructureList, w.list_id) if w.list_id else None
        return dict(order=w.commission_order, order_date=w.commission_order_date, members=members,
                    kod_code=lst.kod_code if lst else "", list_year=lst.year if lst else None)


def set_commission(workshop_id: int, order: str, order_date, members: list[dict], *,
                   kod_code: str | None = None) -> None:
    """The order that appointed the workshop's commission and its members, replacing the previous ones
    (and, with ``kod_code``, the КОД code of the workshop's list, in the same transaction). A commission
    needs the order's number and date, one chair, and each member's name and position."""
    require(WRITE)
    order = " ".join((order or "").split())
    if not order:
        raise ValidationError(_t("Укажите номер приказа о создании комиссии."), field="commission_order")
    odate = _date(order_date, "commission_order_date", _t("Дата приказа"), required=True)
    rows = []
    for i, m in enumerate(members or [], 1):
        name = " ".join(str(m.get("full_name") or "").split())
        title = " ".join(str(m.get("job_title") or "").split())
        role = (m.get("role") or "member").strip()
        if not name and not title:
            continue
        if not name:
            raise ValidationError(_t("Член комиссии {0}: укажите фамилию и инициалы.").format(i), field="full_name")
        if not title:
            raise ValidationError(_t("Член комиссии {0} ({1}): укажите должность.").format(i, name),
                                  field="job_title")
        if role not in COMMISSION_ROLES:
            raise ValidationError(_t("Член комиссии {0}: роль «{1}» неизвестна.").format(i, role), field="role")
        rows.append(dict(role=role, full_name=name[:200], job_title=title[:300], position=i))
    chairs = [r for r in rows if r["role"] == "chair"]
    if len(chairs) != 1:
        raise ValidationError(_t("В комиссии должен быть один председатель (сейчас {0}).").format(len(chairs)),
                              field="role")
    if len(rows) < 3:
        raise ValidationError(_t("В комиссии не меньше трёх человек: председатель и члены комиссии."),
                              field="members")
    with context.uow() as s:
        w = _workshop(s, workshop_id)
        if kod_code is not None:
            if w.list_id is None:
                raise ValidationError(_t("У мастерской нет инфраструктурного листа: код КОД указать не к чему."),
                                      field="kod_code")
            _set_kod(s, w.list_id, kod_code)
        w.commission_order, w.commission_order_date = order[:100], odate
        for old in s.scalars(select(WorkshopCommissionMember).where(WorkshopCommissionMember.workshop_id == w.id)):
            s.delete(old)
        s.flush()
        for r in rows:
            s.add(WorkshopCommissionMember(workshop_id=w.id, **r))


# --- a delivery closes its gap ------------------------------------------------------------------------
def link_delivered_items(s: Session, checklist_line_id: int | None, item_ids: list[int]) -> int:
    """In the caller's transaction (procurement's acceptance of a delivery): link the items accepted
    from a need that came from a checklist line to that line as confirmed links (the coordinator
    asked for them), so that the delivery closes the gap it was bought for. Returns how many links
    were made; nothing when the need came from no line (or the line is gone)."""
    if not checklist_line_id or not item_ids or s.get(ChecklistLine, checklist_line_id) is None:
        return 0
    have = set(s.scalars(select(ChecklistLink.item_id).where(ChecklistLink.checklist_line_id == checklist_line_id,
                                                            ChecklistLink.item_id.in_(item_ids))))
    n = 0
    for iid in item_ids:
        if iid in have:
            continue
        s.add(ChecklistLink(checklist_line_id=checklist_line_id, item_id=iid, state="confirmed", confirmed=True,
                            score=100))
        n += 1
    s.flush()
    return n

