"""The budget per funding source and the limit checks.

- *planned* — the НМЦК of the needs on plan-schedule lines that are neither cancelled nor failed;
- *contracted* — the prices of signed contracts;
- *paid* — the payment stages marked paid;
- *remaining* — limit − committed, where committed = contracted + planned of lines without a contract."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.context import read
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement._common import GRANT_CAP, INACTIVE, PROJECT_TOTAL, SOURCE_NAMES
from chemcluster_desktop.services.procurement.nmck_calc import fmt_money
from chemcluster_desktop.storage.procurement import Contract, FundingSource, Need, Payment, PlanLine


@dataclass(frozen=True)
class BudgetRow:
    code: str
    name: str
    limit: Decimal
    planned: Decimal
    contracted: Decimal
    paid: Decimal
    remaining: Decimal


@dataclass(frozen=True)
class BudgetSummary:
    rows: list[BudgetRow]
    totals: BudgetRow
    project_total: Decimal
    grant_cap: Decimal
    unassigned_planned: Decimal  # planned lines without a funding source

    def row(self, code: str) -> BudgetRow | None:
        return next((r for r in self.rows if r.code == code), None)

    @property
    def limits_left(self) -> Decimal:
        """How much of the project total no source's limit covers yet."""
        return self.project_total - self.totals.limit


def _line_amounts(s: Session) -> dict[int, Decimal]:
    rows = s.execute(select(Need.plan_line_id, Need.nmck).where(Need.plan_line_id.is_not(None)))
    out: dict[int, Decimal] = {}
    for lid, v in rows:
        out[lid] = out.get(lid, Decimal("0.00")) + (v or Decimal("0.00"))
    return out


def _contracted_lines(s: Session) -> set[int]:
    return {lid for lid in s.scalars(select(Contract.plan_line_id).where(Contract.plan_line_id.is_not(None)))}


def _committed(s: Session, source_id: int, *, exclude_line: int | None = None,
               exclude_contract: int | None = None) -> Decimal:
    amounts = _line_amounts(s)
    contracted = _contracted_lines(s)
    total = Decimal("0.00")
    for line in s.scalars(select(PlanLine).where(PlanLine.funding_source_id == source_id,
                                                 PlanLine.status.not_in(INACTIVE))):
        if line.id == exclude_line or line.id in contracted:
            continue
        total += amounts.get(line.id, Decimal("0.00"))
    for c in s.scalars(select(Contract).where(Contract.funding_source_id == source_id)):
        if c.id != exclude_contract:
            total += c.price
    return total


def limit_problem(source_id: int | None, extra: Decimal, *, exclude_line: int | None = None,
                  exclude_contract: int | None = None, session: Session | None = None) -> str | None:
    """A Russian warning when adding ``extra`` to the source would exceed its limit, else None."""
    if source_id is None or extra is None:
        return None

    def check(s: Session) -> str | None:
        f = s.get(FundingSource, source_id)
        if f is None:
            return None
        committed = _committed(s, source_id, exclude_line=exclude_line, exclude_contract=exclude_contract)
        if committed + extra > f.limit_amount:
            return translate("Procurement", "Превышен лимит источника «{0}»: лимит {1} ₽, уже распределено {2} ₽, добавляется {3} ₽ — "
                      "не хватает {4} ₽. Уменьшите сумму, выберите другой источник или увеличьте лимит.").format(
                f.name, fmt_money(f.limit_amount), fmt_money(committed), fmt_money(extra),
                fmt_money(committed + extra - f.limit_amount))
        return None

    if session is not None:
        return check(session)
    with read() as s:
        return check(s)


def _check_line_limit(s: Session, line: PlanLine) -> None:
    if line.funding_source_id is None or line.status in INACTIVE:
        return
    if s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)):
        return
    amount = _line_amounts(s).get(line.id, Decimal("0.00"))
    msg = limit_problem(line.funding_source_id, amount, exclude_line=line.id, session=s)
    if msg:
        raise ValidationError(msg, field="funding_source")


def budget() -> BudgetSummary:
    with read() as s:
        return _budget(s)


def _budget(s: Session) -> BudgetSummary:
    amounts = _line_amounts(s)
    contracted_lines = _contracted_lines(s)
    rows = []
    sources = sorted(s.scalars(select(FundingSource)), key=lambda f: (list(SOURCE_NAMES).index(f.code)
                                                                      if f.code in SOURCE_NAMES else 99, f.name))
    zero = Decimal("0.00")
    planned_by: dict[int | None, Decimal] = {}
    open_by: dict[int | None, Decimal] = {}
    for line in s.scalars(select(PlanLine).where(PlanLine.status.not_in(INACTIVE))):
        a = amounts.get(line.id, zero)
        planned_by[line.funding_source_id] = planned_by.get(line.funding_source_id, zero) + a
        if line.id not in contracted_lines:
            open_by[line.funding_source_id] = open_by.get(line.funding_source_id, zero) + a
    contracted_by: dict[int | None, Decimal] = {}
    for c in s.scalars(select(Contract)):
        contracted_by[c.funding_source_id] = contracted_by.get(c.funding_source_id, zero) + c.price
    paid_by: dict[int | None, Decimal] = {}
    for src, amount in s.execute(select(Contract.funding_source_id, Payment.amount)
                                 .join(Payment, Payment.contract_id == Contract.id)
                                 .where(Payment.paid_on.is_not(None))):
        paid_by[src] = paid_by.get(src, zero) + amount
    for f in sources:
        contracted = contracted_by.get(f.id, zero)
        rows.append(BudgetRow(f.code, f.name, f.limit_amount, planned_by.get(f.id, zero), contracted,
                              paid_by.get(f.id, zero), f.limit_amount - contracted - open_by.get(f.id, zero)))
    tot = BudgetRow("total", translate("Procurement", "Итого по проекту"), sum((r.limit for r in rows), zero),
                    sum((r.planned for r in rows), zero) + planned_by.get(None, zero),
                    sum((r.contracted for r in rows), zero) + contracted_by.get(None, zero),
                    sum((r.paid for r in rows), zero) + paid_by.get(None, zero), zero)
    committed = tot.contracted + sum(open_by.values(), zero)
    tot = BudgetRow(tot.code, tot.name, tot.limit, tot.planned, tot.contracted, tot.paid, PROJECT_TOTAL - committed)
    return BudgetSummary(rows, tot, PROJECT_TOTAL, GRANT_CAP, planned_by.get(None, zero))
