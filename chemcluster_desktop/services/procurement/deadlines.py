"""Contract deadlines: delivery by the contract's date, payment within its term after acceptance (44-ФЗ
ст. 34 ч. 13.1 — at most 7 working days from the acceptance document, counted on the production
calendar: public holidays and transfers are not working days; a stage with its own date keeps it).
Due and overdue ones feed the dashboard's alerts and ``chemcluster procurement due``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.context import read
from chemcluster_desktop.services.procurement import rules
from chemcluster_desktop.services.procurement.deliveries import _delivered_qty, contract_need_ids
from chemcluster_desktop.storage.procurement import Contract, Delivery, Need, PlanLine

SOON_DAYS = 14


def _t(s: str) -> str:
    return translate("Procurement", s)


Calendar = tuple[frozenset, frozenset]


def working_calendar() -> Calendar:
    """The production calendar's days off and transferred working days (every year it holds), read
    through the timetable's public query before the caller opens its own session."""
    from chemcluster_desktop.services.schedule.calendar import list_calendar

    rows = list_calendar()
    return (frozenset(r["date"] for r in rows if r["kind"] == "off"),
            frozenset(r["date"] for r in rows if r["kind"] == "work"))


def payment_due(accepted: dt.date, days: int | None, calendar: Calendar | None = None) -> dt.date:
    """The last day to pay: ``days`` working days (7 by default) after the acceptance document's date."""
    off, work = calendar if calendar is not None else working_calendar()
    return rules.add_working_days(accepted, days or 7, off, work)


def _accepted_on(deliveries: list[Delivery]) -> dt.date | None:
    days = [d.accepted_at.date() for d in deliveries if d.accepted_at is not None]
    return max(days) if days else None


def deadlines(today: dt.date | None = None) -> list[dict]:
    """Every open deadline of every contract, the earliest first: {contract_id, contract, supplier,
    plan_line, kind (delivery | payment), date, amount (payments), overdue, days}."""
    today = today or dt.date.today()
    out: list[dict] = []
    cal = working_calendar()
    with read() as s:
        for c in s.scalars(select(Contract).order_by(Contract.date, Contract.id)):
            line = s.get(PlanLine, c.plan_line_id) if c.plan_line_id else None
            if line is not None and line.status == "cancelled":
                continue
            ds = list(s.scalars(select(Delivery).where(Delivery.contract_id == c.id)))
            base = {"contract_id": c.id, "contract": c.number, "supplier": c.supplier.name,
                    "plan_line": line.number if line else ""}
            complete = all(_delivered_qty(s, c.id, nid) >= s.get(Need, nid).quantity
                           for nid in contract_need_ids(s, c))
            if c.delivery_due and not complete:  # delivered in full: the supplier's deadline is met
                out.append(dict(base, kind="delivery", date=c.delivery_due, amount=None))
            accepted = _accepted_on(ds) if complete and all(d.accepted_at for d in ds) else None
            for p in c.payments:
                if p.paid_on is not None:
                    continue
                due = p.due_on
                if due is None and accepted is not None:
                    due = payment_due(accepted, c.payment_days, cal)
                if due is not None:
                    out.append(dict(base, kind="payment", date=due, amount=p.amount, payment_id=p.id))
    for r in out:
        r["days"] = (r["date"] - today).days
        r["overdue"] = r["date"] < today
    out.sort(key=lambda r: (r["date"], r["contract"], r["kind"]))
    return out


def alerts(today: dt.date | None = None, soon_days: int = SOON_DAYS) -> list[dict]:
    """The overdue deadlines and those due within ``soon_days``, with a line of text for the dashboard."""
    out = []
    for r in deadlines(today):
        if r["days"] > soon_days:
            continue
        what = (_t("поставка по контракту № {0} ({1})") if r["kind"] == "delivery"
                else _t("оплата по контракту № {0} ({1})")).format(r["contract"], r["supplier"])
        if r["amount"] is not None:
            from chemcluster_desktop.services.procurement.nmck_calc import fmt_money

            what += _t(" — {0} ₽").format(fmt_money(r["amount"]))
        when = r["date"].strftime("%d.%m.%Y")
        text = (_t("Просрочено с {0}: {1}") if r["overdue"] else _t("Срок {0}: {1}")).format(when, what)
        out.append(dict(r, text=text))
    return out


def due_json(today: dt.date | None = None) -> dict:
    """``procurement due --json``."""
    return {"due": [{"contract": r["contract"], "supplier": r["supplier"], "plan_line": r["plan_line"],
                     "kind": r["kind"], "date": r["date"].isoformat(),
                     "amount": str(r["amount"]) if isinstance(r["amount"], Decimal) else None,
                     "overdue": r["overdue"]} for r in deadlines(today)]}
