"""Plain data for the procurement documents (plan-schedule, НМЦК justification, budget) and the
plan-schedule spreadsheet; shared by ``report_*`` modules, the GUI and the CLI."""

from __future__ import annotations

import base64
import datetime as dt

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context, printing
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.procurement.nmck_calc import fmt_money
from chemcluster_desktop.storage.core import User


def _t(s: str) -> str:
    return translate("Reports", s)


def college() -> dict[str, str]:
    return printing.college_info()


def logo(info: dict[str, str]) -> bytes | None:
    raw = info.get("college.logo") or ""
    try:
        return base64.b64decode(raw) if raw else None
    except (ValueError, TypeError):
        return None


def manager_name() -> str:
    """The contract manager who signs: the acting buyer, else the first active buyer."""
    a = context.actor()
    if a.role == "buyer":
        return a.full_name or a.login
    with context.read() as s:
        u = s.scalar(select(User).where(User.role_code == "buyer", User.active.is_(True)).order_by(User.id).limit(1))
        return u.full_name if u is not None else ""


def plan_report(source: str | None = None, law: str | None = None):
    from chemcluster_desktop.reports.procurement_plan import PlanReport

    info = college()
    lines = P.plan_schedule_rows(source)
    if law:
        if law not in P.LAWS:
            raise ValidationError(translate("Reports", "Закон: 44-ФЗ или 223-ФЗ; введено «{0}».").format(law))
        lines = [ln for ln in lines if ln["law"] == law]
    by_source: dict[str, object] = {}
    from decimal import Decimal

    for ln in lines:
        if ln["status"] in P.INACTIVE:
            continue
        key = ln["source"] or translate("Reports", "Источник не указан")
        by_source[key] = by_source.get(key, Decimal("0.00")) + (ln["amount"] or Decimal("0.00"))
    sub = translate("Reports", "на {0} г.").format(dt.date.today().year)
    if source:
        sub += " · " + P.source_by(source).name
    return PlanReport(college=info.get("college.name", ""), subtitle=sub, lines=lines, manager=manager_name(),
                      director=info.get("college.director", ""), logo_png=logo(info),
                      by_source=sorted(by_source.items()))


def _need_section(nid: int, sups: dict, r=None, late_after=None):
    from chemcluster_desktop.reports.nmck import NmckSection, OfferRow
    from chemcluster_desktop.services.procurement.nmck_calc import CV_LIMIT

    n = P.get_need(nid)
    r = r or P.nmck_details(nid)
    offers = []
    by_id = {o.id: o for o in n.offers}
    for pt in r.offers:
        o = by_id.get(pt.offer_id)
        inn = sups[o.supplier_id].inn if o and o.supplier_id in sups else ""
        offers.append(OfferRow(pt.number, pt.supplier, inn, pt.date, o.reference if o else "", pt.unit_price,
                               r.deviation_percent(pt), pt.number in r.stale, pt.number in r.outliers,
                               bool(late_after and pt.date and pt.date > late_after)))
    return NmckSection(n.id, n.name, n.specification, n.quantity, n.unit, n.workshop or n.room, n.okpd2,
                       n.law, offers, r.mean, r.sigma, r.cv_percent, r.nmck, r.valid, r.message, n.plan_number,
                       cv_over=r.cv_percent is not None and r.cv_percent > CV_LIMIT and len(r.offers) >= 3,
                       price_sum=r.price_sum)


def _line_doc(ref, sups: dict):
    from chemcluster_desktop.reports.nmck import LineDoc, RequestRow
    from chemcluster_desktop.services.procurement.justification import line_justification

    j = line_justification(ref)
    positions = [_need_section(p.need_id, sups, p.result, j.justified_on) for p in j.positions]
    replies: dict[str, list] = {}
    for p in j.positions:
        for o in p.result.offers:
            replies.setdefault(o.supplier, []).append(o.date)
    requests = []
    for r in j.requests:
        dates = sorted(d for d in replies.get(r["supplier"], []) if d)
        reply = (translate("Reports", "КП от {0}").format(dates[0].strftime("%d.%m.%Y")) if r["replied"] and dates
                 else translate("Reports", "ответа нет"))
        requests.append(RequestRow(r["supplier"], r["sent_on"], r["outgoing_number"], reply))
    from chemcluster_desktop.services.procurement.rules import is_single

    return LineDoc(j.number, j.title, j.law, j.method, j.ikz, j.justified_on, j.methodology, positions, requests,
                   j.min_requests, j.total, j.valid, list(j.warnings), is_single(j.method))


def nmck_report(need: int | str | None = None, line: str | None = None):
    """One justification per purchase: the line given, the line of the need given (a need outside the
    plan gets a draft calculation), or every plan line and every unplanned need with offers."""
    from chemcluster_desktop.reports.nmck import NmckReport

    sups = {x.id: x for x in P.all_suppliers()}
    lines, sections = [], []
    if line not in (None, ""):
        lines.append(_line_doc(line, sups))
    elif need not in (None, ""):
        try:
            nid = int(str(need).strip())
        except ValueError as e:
            raise ValidationError(translate("Reports", "Потребность указывается номером (id), например --need 12.")) from e
        n = P.get_need(nid)  # NotFoundError with a clear message
        if n.plan_number:
            lines.append(_line_doc(n.plan_number, sups))
        else:
            sections.append(_need_section(nid, sups))
    else:
        for row in P.list_plan_lines(P.ListQuery(limit=100000, sort="number")):
            lines.append(_line_doc(row["number"], sups))
        for nid in P.needs_with_offers():
            if not P.get_need(nid).plan_number:
                sections.append(_need_section(nid, sups))
    info = college()
    return NmckReport(college=info.get("college.name", ""), sections=sections, manager=manager_name(),
                      logo_png=logo(info), lines=lines)


def budget_report(source: str | None = None):
    from chemcluster_desktop.reports.budget import BudgetLine, BudgetReport

    b = P.budget()
    rows = b.rows
    if source:
        code = P.source_by(source).code
        rows = [r for r in rows if r.code == code]
    info = college()
    warnings = []
    for r in b.rows:
        if r.remaining < 0:
            warnings.append(translate("Reports", "Лимит источника «{0}» превышен на {1} ₽.").format(r.name, fmt_money(-r.remaining)))
    g = b.row(P.GRANT_CODE)
    if g is not None and g.limit > b.grant_cap:
        warnings.append(translate("Reports", "Лимит гранта больше предельного размера {0} ₽.").format(fmt_money(b.grant_cap)))
    if b.limits_left > 0:
        warnings.append(translate("Reports", "Лимиты источников покрывают не весь проект: не распределено {0} ₽.").format(
            fmt_money(b.limits_left)))
    tot = b.totals
    if source and rows:
        r = rows[0]
        tot = r
    contracts = []
    for c in P.list_contracts(P.ListQuery(limit=100000, sort="date")):
        if source and rows and c["source"] != rows[0].name:
            continue
        contracts.append((c["number"], c["date"], c["supplier"], c["source"], c["price"], c["paid"]))
    return BudgetReport(
        college=info.get("college.name", ""),
        lines=[BudgetLine(r.name, r.limit, r.planned, r.contracted, r.paid, r.remaining) for r in rows],
        total=BudgetLine(tot.name, tot.limit, tot.planned, tot.contracted, tot.paid, tot.remaining),
        project_total=b.project_total, grant_cap=b.grant_cap,
        subtitle=translate("Reports", "по состоянию на {0}").format(dt.date.today().strftime("%d.%m.%Y")),
        manager=manager_name(), director=info.get("college.director", ""), logo_png=logo(info), warnings=warnings,
        contracts=contracts)


def export_plan_schedule(path, source: str | None = None) -> int:
    """Write the plan-schedule to an .xlsx file; returns the number of lines."""
    from chemcluster_desktop.xlsx.procurement import write_plan_schedule

    lines = P.plan_schedule_rows(source)
    info = college()
    sub = translate("Reports", "на {0} г.").format(dt.date.today().year)
    try:
        return write_plan_schedule(path, lines, title=translate("Xlsx", "План-график закупок оборудования"),
                                   college=info.get("college.name", ""), subtitle=sub)
    except OSError as e:
        raise ValidationError(translate("Reports", "Не удалось записать файл «{0}»: {1}").format(path, e.strerror or e)) from e


__all__ = ["plan_report", "nmck_report", "budget_report", "export_plan_schedule", "NotFoundError"]
