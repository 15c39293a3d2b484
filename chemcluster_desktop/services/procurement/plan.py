"""The plan-schedule: lines grouping needs, their status road (each step dated and signed), the list
and the rows of the printed / exported plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.listing import ListQuery, apply_search, apply_sort, count_of, window
from chemcluster_desktop.services.procurement import compliance, rules
from chemcluster_desktop.services.procurement._common import (
    NEXT_STEPS,
    ROAD,
    SINGLE_ROAD,
    WRITE,
    _login,
    _text,
    status_label,
)
from chemcluster_desktop.services.procurement.budgeting import _check_line_limit
from chemcluster_desktop.services.procurement.nmck_calc import fmt_money
from chemcluster_desktop.services.procurement.pricing import _compute_for
from chemcluster_desktop.services.procurement.sources import _source_by
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.procurement import (
    LAWS,
    Contract,
    Delivery,
    FundingSource,
    Need,
    PlanLine,
    PlanStep,
    Supplier,
)


@dataclass(frozen=True)
class StepInfo:
    status: str
    date: dt.date
    user_login: str
    note: str


@dataclass(frozen=True)
class PlanLineInfo:
    id: int
    number: str
    title: str
    law: str
    method: str
    okpd2: str
    funding_source_id: int | None
    source_name: str
    planned_year: int | None
    planned_quarter: int | None
    notice_number: str
    status: str
    amount: Decimal
    version: int
    needs: list[dict]
    steps: list[StepInfo]
    next_steps: list[str]
    blocked: dict[str, str]  # next step -> why it cannot be taken yet
    contract_ids: list[int]
    ikz: str = ""
    justified_on: dt.date | None = None
    single: bool = False  # a single-supplier purchase (ст. 93): straight from the price to the contract
    requests: list[dict] = ()  # requests for prices sent: {id, supplier, sent_on, outgoing_number, replied}
    warnings: list[str] = ()  # what the screen and the paper flag (late offers, ИКЗ, small-purchase limit)
    road: tuple[str, ...] = ROAD  # the steps of its method's road, in order (see road_of)
    paid_on: dt.date | None = None  # every contract of the line paid in full: the last payment's date


def road_of(method: str) -> tuple[str, ...]:
    """The steps a line of this method goes through: a competitive purchase notice → protocol → contract,
    a single-supplier one (ст. 93) the justified price → contract; then delivery, acceptance, the books."""
    return SINGLE_ROAD if rules.is_single(method) else ROAD


def _paid_on(s: Session, line: PlanLine) -> dt.date | None:
    """The date the line's contracts were paid in full (the last payment), or None while one is not."""
    contracts = list(s.scalars(select(Contract).where(Contract.plan_line_id == line.id)))
    if not contracts:
        return None
    days = []
    for c in contracts:
        paid = [p for p in c.payments if p.paid_on is not None]
        if not c.payments or len(paid) < len(c.payments) or sum((p.amount for p in paid), Decimal(0)) < c.price:
            return None
        days += [p.paid_on for p in paid]
    return max(days)


def next_steps(line: PlanLine) -> tuple[str, ...]:
    """The steps that may follow the line's status on its method's road."""
    if rules.is_single(line.method):
        if line.status == "price_justified":
            return ("contract_signed", "cancelled")
        if line.status in ("failed",):
            return ("cancelled",)
    return NEXT_STEPS.get(line.status, ())


def _step(s: Session, line: PlanLine, status: str, note: str = "", on: dt.date | None = None) -> None:
    line.steps.append(PlanStep(status=status, date=on or dt.date.today(), user_login=_login(s), note=note or ""))
    line.status = status
    for n in s.scalars(select(Need).where(Need.plan_line_id == line.id)):
        n.status = "need" if status == "cancelled" else status


def _last_step_date(line: PlanLine) -> dt.date:
    return max((st.date for st in line.steps), default=dt.date.min)


def _next_number(s: Session, year: int) -> str:
    prefix = f"ПГ-{year}-"
    nums = [x for x in s.scalars(select(PlanLine.number).where(PlanLine.number.like(prefix + "%")))]
    seq = max((int(x[len(prefix):]) for x in nums if x[len(prefix):].isdigit()), default=0) + 1
    return f"{prefix}{seq:03d}"


def _attach_needs(s: Session, line: PlanLine, need_ids: list[int]) -> None:
    for nid in need_ids:
        n = get_or_404(s, Need, nid, translate("Procurement", "Потребность"))
        if n.plan_line_id is not None and n.plan_line_id != line.id:
            raise ValidationError(translate("Procurement", "Потребность «{0}» уже включена в строку плана {1}.").format(
                n.name, n.plan_line.number if n.plan_line else n.plan_line_id), field="needs")
        if n.status not in ("need", "in_plan"):
            raise ValidationError(translate("Procurement", "Потребность «{0}» в статусе «{1}» нельзя включить в план.")
                                  .format(n.name, status_label(n.status)), field="needs")
        n.plan_line_id = line.id
        n.status = line.status
        if n.funding_source_id is None:
            n.funding_source_id = line.funding_source_id


def _create_plan_line(s: Session, title: str, need_ids: list[int], funding_source_id: int | None = None,
                      law: str = "44-ФЗ", method: str = "электронный аукцион", okpd2: str = "",
                      planned_year: int | None = None, planned_quarter: int | None = None,
                      on: dt.date | None = None) -> int:
    title = _text(title, "title", translate("Procurement", "Предмет закупки"), max_len=500)
    if not need_ids:
        raise ValidationError(translate("Procurement", "Выберите хотя бы одну потребность для строки плана-графика."), field="needs")
    if law not in LAWS:
        raise ValidationError(translate("Procurement", "Закон закупки: 44-ФЗ или 223-ФЗ."), field="law")
    method = rules.check_method(law, method)
    if funding_source_id is not None:
        get_or_404(s, FundingSource, funding_source_id, translate("Procurement", "Запись об источнике финансирования"))
    if planned_quarter is not None and planned_quarter not in (1, 2, 3, 4):
        raise ValidationError(translate("Procurement", "Квартал — число от 1 до 4."), field="planned_quarter")
    year = planned_year or (on or dt.date.today()).year
    line = PlanLine(number=_next_number(s, year), title=title, law=law, method=(method or "")[:100],
                    okpd2=(okpd2 or "").strip()[:20], funding_source_id=funding_source_id, planned_year=year,
                    planned_quarter=planned_quarter, status="in_plan")
    s.add(line)
    s.flush()
    _attach_needs(s, line, list(dict.fromkeys(need_ids)))
    _refresh_codes(s, line, None)
    _step(s, line, "in_plan", on=on)
    s.flush()
    _check_line_limit(s, line)
    return line.id


def _refresh_codes(s: Session, line: PlanLine, auto_before: str | None) -> None:
    """The line's ОКПД2 is its positions' common code (none when they differ); its ИКЗ is rebuilt unless
    one was typed by hand."""
    s.flush()
    codes = {n.okpd2 for n in compliance.needs_of(s, line.id)}
    line.okpd2 = codes.pop() if len(codes) == 1 else ""
    if not line.ikz or line.ikz == auto_before:
        line.ikz = compliance.auto_ikz(s, line)


def create_plan_line(data: dict) -> int:
    """A plan-schedule line from ``data``: title, need_ids, and optionally funding_source_id, law
    (44-ФЗ), method (электронный аукцион; checked against the law's methods), planned_year (this year),
    planned_quarter, on (the date of its «в плане» step, today)."""
    require(WRITE)
    with uow() as s:
        return _create_plan_line(s, data.get("title"), list(data.get("need_ids") or []),
                                 data.get("funding_source_id"), data.get("law", "44-ФЗ"),
                                 data.get("method", "электронный аукцион"), data.get("okpd2", ""),
                                 data.get("planned_year"), data.get("planned_quarter"), data.get("on"))


def update_plan_line(line_id: int, data: dict, *, version: int) -> None:
    """Change the fields ``data`` gives: title, law, method, okpd2, funding_source_id, planned_year,
    planned_quarter, notice_number."""
    require(WRITE)
    with uow() as s:
        line = get_or_404(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"),
                          named=data.get("title"))
        require_version(line, version)
        if "title" in data:
            line.title = _text(data["title"], "title", translate("Procurement", "Предмет закупки"), max_len=500)
        auto_before = compliance.auto_ikz(s, line)
        if "law" in data:
            if data["law"] not in LAWS:
                raise ValidationError(translate("Procurement", "Закон закупки: 44-ФЗ или 223-ФЗ."), field="law")
            line.law = data["law"]
        if "method" in data or "law" in data:
            method = rules.check_method(line.law, data.get("method", line.method))
            if method != line.method and s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)):
                raise ValidationError(translate("Procurement", "По строке уже заключён контракт: способ закупки менять нельзя."),
                                      field="method")
            line.method = method
        if "notice_number" in data:
            line.notice_number = (data["notice_number"] or "").strip()[:64]
        if "planned_year" in data:
            line.planned_year = data["planned_year"]
        if "planned_quarter" in data:
            if data["planned_quarter"] not in (None, 1, 2, 3, 4):
                raise ValidationError(translate("Procurement", "Квартал — число от 1 до 4."), field="planned_quarter")
            line.planned_quarter = data["planned_quarter"]
        if "funding_source_id" in data and data["funding_source_id"] != line.funding_source_id:
            if s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)):
                raise ValidationError(translate("Procurement", "По строке уже заключён контракт: источник финансирования менять нельзя."),
                                      field="funding_source")
            if data["funding_source_id"] is not None:
                get_or_404(s, FundingSource, data["funding_source_id"], translate("Procurement", "Запись об источнике финансирования"))
            line.funding_source_id = data["funding_source_id"]
        s.flush()
        if "ikz" in data:
            line.ikz = compliance.check_ikz(s, line, data["ikz"])
        elif line.law != "44-ФЗ":
            line.ikz = ""
        elif not line.ikz or line.ikz == auto_before:
            line.ikz = compliance.auto_ikz(s, line)
        _check_line_limit(s, line)


def add_needs_to_line(line_id: int, need_ids: list[int]) -> None:
    require(WRITE)
    with uow() as s:
        line = get_or_404(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        if line.status != "in_plan":
            raise ValidationError(translate("Procurement", "Добавлять потребности можно только в строку в статусе «В плане»."))
        auto_before = compliance.auto_ikz(s, line)
        _attach_needs(s, line, need_ids)
        _refresh_codes(s, line, auto_before)
        _check_line_limit(s, line)


def remove_need_from_line(line_id: int, need_id: int) -> None:
    require(WRITE)
    with uow() as s:
        line = get_or_404(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        n = get_or_404(s, Need, need_id, translate("Procurement", "Потребность"))
        if n.plan_line_id != line.id:
            raise ValidationError(translate("Procurement", "Потребность «{0}» не входит в строку {1}.").format(n.name, line.number))
        if line.status != "in_plan":
            raise ValidationError(translate("Procurement", "Исключать потребности можно только из строки в статусе «В плане»."))
        if s.scalar(select(func.count(Need.id)).where(Need.plan_line_id == line.id)) <= 1:
            raise ValidationError(translate("Procurement", "В строке плана должна остаться хотя бы одна потребность; отмените строку, "
                                     "если закупка не нужна."))
        auto_before = compliance.auto_ikz(s, line)
        n.plan_line_id = None
        n.status = "need"
        _refresh_codes(s, line, auto_before)


def _blocked(s: Session, line: PlanLine, status: str) -> str | None:
    """Why ``status`` cannot be taken yet (data missing), or None."""
    if status == "price_justified":
        needs = list(s.scalars(select(Need).where(Need.plan_line_id == line.id)))
        for n in needs:
            r = _compute_for(n)
            if not r.valid:
                return translate("Procurement", "«{0}»: {1}").format(n.name, r.message)
        return None
    if status == "contract_signed":
        if not s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)):
            return translate("Procurement", "Зарегистрируйте контракт по этой строке (кнопка «Контракт заключён» открывает его форму).")
        return None
    if status == "delivered":
        if not _deliveries_of_line(s, line.id):
            return translate("Procurement", "Зарегистрируйте поставку по контракту этой строки.")
        return None
    if status == "accepted":
        if not any(d.accepted_at for d in _deliveries_of_line(s, line.id)):
            return translate("Procurement", "Примите поставку: при приёмке оборудование ставится на учёт.")
        return None
    if status == "on_inventory":
        ds = _deliveries_of_line(s, line.id)
        if not ds or any(d.accepted_at is None for d in ds):
            return translate("Procurement", "Есть непринятые поставки: примите их, чтобы поставить оборудование на учёт.")
        return None
    return None


def _deliveries_of_line(s: Session, line_id: int) -> list[Delivery]:
    return list(s.scalars(select(Delivery).join(Contract, Contract.id == Delivery.contract_id)
                          .where(Contract.plan_line_id == line_id)))


def allowed_steps(line_id: int) -> list[str]:
    with read() as s:
        line = get_or_404(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        return list(next_steps(line))


def _advance(s: Session, line: PlanLine, status: str, note: str = "", on: dt.date | None = None) -> None:
    allowed = next_steps(line)
    if status not in allowed:
        names = ", ".join(f"«{status_label(x)}»" for x in allowed) or translate("Procurement", "никакой (строка закрыта)")
        raise ValidationError(translate("Procurement", "Строка {0} в статусе «{1}»: шаг «{2}» сейчас невозможен. Допустимый следующий "
                                 "шаг: {3}.").format(line.number, status_label(line.status), status_label(status),
                                                     names), field="status")
    why = _blocked(s, line, status)
    if why:
        raise ValidationError(translate("Procurement", "Шаг «{0}» по строке {1} пока невозможен: {2}").format(
            status_label(status), line.number, why), field="status")
    on = on or dt.date.today()
    last = max((st.date for st in line.steps), default=None)
    if last is not None and on < last:
        raise ValidationError(translate("Procurement", "Дата шага {0} раньше даты предыдущего шага {1}.").format(
            on.strftime("%d.%m.%Y"), last.strftime("%d.%m.%Y")), field="date")
    if status == "price_justified":
        compliance.refuse_late_offers(s, line, on)
        for n in s.scalars(select(Need).where(Need.plan_line_id == line.id)):
            n.nmck = _compute_for(n, on).nmck
        s.flush()
        compliance.check_small(s, line, compliance.line_amount(s, line))
        _check_line_limit(s, line)
    if status == "notice_published" and note:
        line.notice_number = note.strip()[:64]
    _step(s, line, status, note, on)


def advance(line_id: int, status: str, note: str = "", on: dt.date | None = None, version: int | None = None) -> None:
    """Take the next step of the status road; refused when it is not an allowed next step."""
    require(WRITE)
    with uow() as s:
        line = get_or_404(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        check_version(line, version)
        _advance(s, line, status, note, on)


def _plan_info(s: Session, line: PlanLine) -> PlanLineInfo:
    needs = list(s.scalars(select(Need).where(Need.plan_line_id == line.id).order_by(Need.id)))
    src = s.get(FundingSource, line.funding_source_id) if line.funding_source_id else None
    amount = sum((n.nmck or Decimal("0.00") for n in needs), Decimal("0.00"))
    nxt = list(next_steps(line))
    blocked = {x: why for x in nxt if (why := _blocked(s, line, x))}
    on = compliance.justified_on(line)
    warnings = [translate("Procurement", "Предложение «{0}» от {1} по позиции «{2}» датировано позже обоснования цены "
                          "({3}).").format(o.supplier.name if o.supplier else o.supplier_name,
                                           o.date.strftime("%d.%m.%Y"), n.name, on.strftime("%d.%m.%Y"))
                for n, o in compliance.late_offers(s, line, on)]
    if (why := compliance.ikz_warning(s, line)):
        warnings.append(why)
    point = rules.small_point(line.law, line.method)
    if point and line.status not in ("cancelled", "failed"):
        st = next(x for x in compliance.small_status(s, line.planned_year or dt.date.today().year) if x["point"] == point)
        if st["near"]:
            warnings.append(translate("Procurement", "Закупки малого объёма ({0}) за {1} год: {2} ₽ из {3} ₽ допустимых.").format(
                line.method, st["year"], fmt_money(st["used"]), fmt_money(st["limit"])))
    requests = _requests_info(s, line, needs)
    return PlanLineInfo(
        line.id, line.number, line.title, line.law, line.method, line.okpd2, line.funding_source_id,
        src.name if src else "", line.planned_year, line.planned_quarter, line.notice_number, line.status, amount,
        line.version,
        [{"id": n.id, "name": n.name, "quantity": n.quantity, "unit": n.unit, "nmck": n.nmck, "status": n.status,
          "room_id": n.room_id, "okpd2": n.okpd2} for n in needs],
        [StepInfo(st.status, st.date, st.user_login, st.note) for st in line.steps], nxt, blocked,
        list(s.scalars(select(Contract.id).where(Contract.plan_line_id == line.id).order_by(Contract.id))),
        line.ikz if line.law == "44-ФЗ" else "", on, rules.is_single(line.method), requests, warnings,
        road_of(line.method), _paid_on(s, line))


def _requests_info(s: Session, line: PlanLine, needs: list[Need]) -> list[dict]:
    """The requests for prices with whether the supplier replied (an offer on one of the line's positions)."""
    replied_ids = {o.supplier_id for n in needs for o in n.offers if o.supplier_id}
    replied_names = {(o.supplier.name if o.supplier else o.supplier_name) for n in needs for o in n.offers}
    out = []
    for r in line.requests:
        name = s.get(Supplier, r.supplier_id).name if r.supplier_id else r.supplier_name
        out.append({"id": r.id, "supplier_id": r.supplier_id, "supplier": name, "sent_on": r.sent_on,
                    "outgoing_number": r.outgoing_number,
                    "replied": (r.supplier_id in replied_ids) if r.supplier_id else name in replied_names})
    return out


def get_plan_line(line_id: int) -> PlanLineInfo:
    with read() as s:
        return _plan_info(s, get_or_404(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика")))


def _plan_stmt(q: ListQuery):
    amount = select(func.coalesce(func.sum(Need.nmck), 0)).where(Need.plan_line_id == PlanLine.id).scalar_subquery()
    n_needs = select(func.count(Need.id)).where(Need.plan_line_id == PlanLine.id).scalar_subquery()
    stmt = (select(PlanLine, FundingSource.name.label("source"), FundingSource.code.label("source_code"),
                   amount.label("amount"), n_needs.label("needs"))
            .outerjoin(FundingSource, FundingSource.id == PlanLine.funding_source_id))
    f = q.filters
    if f.get("status"):
        stmt = stmt.where(PlanLine.status == f["status"])
    if f.get("source"):
        stmt = stmt.where(FundingSource.code == f["source"])
    stmt = apply_search(stmt, PlanLine.search_key, q.search)
    cols = {"number": PlanLine.number, "title": PlanLine.title, "status": PlanLine.status, "amount": amount,
            "source": FundingSource.name, "law": PlanLine.law, "period": PlanLine.planned_quarter,
            "needs": n_needs}
    return stmt, cols


def count_plan_lines(q: ListQuery) -> int:
    with read() as s:
        return count_of(s, _plan_stmt(q)[0])


def list_plan_lines(q: ListQuery) -> list[dict]:
    with read() as s:
        stmt, cols = _plan_stmt(q)
        stmt = window(apply_sort(stmt, cols, q, PlanLine.number, PlanLine.id), q)
        out = []
        for line, source, code, amount, n_needs in s.execute(stmt):
            period = ""
            if line.planned_year:
                period = translate("Procurement", "{0} кв. {1}").format(line.planned_quarter, line.planned_year) \
                    if line.planned_quarter else \
                    str(line.planned_year)
            out.append({"id": line.id, "number": line.number, "title": line.title, "law": line.law,
                        "method": line.method, "okpd2": line.okpd2, "source": source or "", "source_code": code or "",
                        "period": period, "status": line.status, "amount": Decimal(amount or 0),
                        "needs": n_needs or 0, "notice_number": line.notice_number, "version": line.version,
                        "ikz": line.ikz if line.law == "44-ФЗ" else ""})
        for r in out:
            r["amount"] = r["amount"].quantize(Decimal("0.01"))
        return out


def plan_totals(rows: list[dict]) -> dict[str, Decimal]:
    """«Итого» per law: the sum of the amounts of its lines that are neither failed nor cancelled (those
    are listed apart) — the same rows the plan shows, so the total is the sum of its rows."""
    out = {law: Decimal("0.00") for law in LAWS}
    for r in rows:
        if r["status"] not in ("failed", "cancelled"):
            out[r["law"]] = out.get(r["law"], Decimal("0.00")) + (r["amount"] or Decimal("0.00"))
    return out


def plan_schedule_rows(source: str | None = None) -> list[dict]:
    """Every plan-schedule line with its needs and steps, for the xlsx export and the printed plan."""
    with read() as s:
        stmt = select(PlanLine).order_by(PlanLine.number)
        if source:
            f = _source_by(s, source)
            stmt = stmt.where(PlanLine.funding_source_id == f.id)
        out = []
        for line in s.scalars(stmt):
            info = _plan_info(s, line)
            steps = {st.status: st for st in info.steps}
            contracts = list(s.scalars(select(Contract).where(Contract.plan_line_id == line.id).order_by(Contract.id)))
            out.append({
                "number": info.number, "title": info.title, "okpd2": info.okpd2, "law": info.law,
                "method": info.method, "source": info.source_name, "year": info.planned_year,
                "quarter": info.planned_quarter, "amount": info.amount, "status": info.status,
                "status_label": status_label(info.status), "notice_number": info.notice_number,
                "needs": info.needs,
                "steps": [{"status": st.status, "label": status_label(st.status), "date": st.date,
                           "user": st.user_login, "note": st.note} for st in info.steps],
                "published_on": steps["notice_published"].date if "notice_published" in steps else None,
                "contract": "; ".join(f"№ {c.number} от {c.date.strftime('%d.%m.%Y')}" for c in contracts),
                "contract_price": sum((c.price for c in contracts), Decimal("0.00")) if contracts else None,
                "supplier": "; ".join(dict.fromkeys(c.supplier.name for c in contracts)),
                "ikz": info.ikz, "justified_on": info.justified_on, "warnings": list(info.warnings),
                "okpd2_codes": [n.okpd2 for n in s.scalars(select(Need).where(Need.plan_line_id == line.id)
                                                            .order_by(Need.id))],
            })
        return out
