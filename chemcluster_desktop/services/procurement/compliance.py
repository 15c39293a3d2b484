"""The law's checks over the database (the rules themselves are in :mod:`.rules`): the justification's
date and the offers dated after it, the ИКЗ of a plan line, the year's small purchases under ст. 93."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement import rules
from chemcluster_desktop.services.procurement._common import FROZEN, INACTIVE
from chemcluster_desktop.services.procurement.nmck_calc import fmt_money
from chemcluster_desktop.storage.procurement import Contract, Need, PlanLine


def _t(s: str) -> str:
    return translate("Procurement", s)


def justified_on(line: PlanLine | None) -> dt.date | None:
    """The date of the line's (latest) «цена обоснована» step: the justification's date."""
    if line is None:
        return None
    dates = [st.date for st in line.steps if st.status == "price_justified"]
    return max(dates) if dates else None


def needs_of(s: Session, line_id: int) -> list[Need]:
    return list(s.scalars(select(Need).where(Need.plan_line_id == line_id).order_by(Need.id)))


def late_offers(s: Session, line: PlanLine, on: dt.date | None) -> list[tuple[Need, object]]:
    """(need, offer) pairs whose offer is dated after ``on`` (the justification's date)."""
    if on is None:
        return []
    return [(n, o) for n in needs_of(s, line.id) for o in sorted(n.offers, key=lambda o: (o.date, o.id))
            if o.date > on]


def refuse_late_offers(s: Session, line: PlanLine, on: dt.date) -> None:
    late = late_offers(s, line, on)
    if late:
        n, o = late[0]
        name = o.supplier.name if o.supplier is not None else o.supplier_name
        raise ValidationError(_t("Дата обоснования цены {0} раньше даты коммерческого предложения «{1}» от {2} по "
                                 "позиции «{3}»: обоснование не может опираться на более поздние цены. Укажите дату "
                                 "не раньше {4} или замените предложение.").format(
            on.strftime("%d.%m.%Y"), name, o.date.strftime("%d.%m.%Y"), n.name,
            max(x.date for _n, x in late).strftime("%d.%m.%Y")), field="date")


def line_amount(s: Session, line: PlanLine) -> Decimal:
    return sum((n.nmck or Decimal("0.00") for n in needs_of(s, line.id)), Decimal("0.00"))


def committed_amount(s: Session, line: PlanLine) -> Decimal:
    """The contracts' total when the line has contracts, else its НМЦК."""
    prices = list(s.scalars(select(Contract.price).where(Contract.plan_line_id == line.id)))
    return sum(prices, Decimal("0.00")) if prices else line_amount(s, line)


def _year(line: PlanLine) -> int:
    return line.planned_year or dt.date.today().year


def total_volume(s: Session, year: int) -> Decimal:
    """The customer's total annual volume of purchases (СГОЗ): the setting when the college gave it, else
    the year's 44-ФЗ plan-schedule as the program knows it."""
    declared = rules.setting(s, "procurement.annual_volume")
    if declared:
        return Decimal(declared)
    total = Decimal("0.00")
    for ln in s.scalars(select(PlanLine).where(PlanLine.law == "44-ФЗ", PlanLine.status.not_in(INACTIVE))):
        if _year(ln) == year:
            total += committed_amount(s, ln)
    return total


def small_usage(s: Session, year: int, point: str, *, exclude_line: int | None = None) -> Decimal:
    """The year's volume under the ground: the lines whose price is justified or further (each was checked
    against the limit at its justification; a line still only «в плане» holds nothing yet — otherwise a
    purchase refused at its justification would go on eating the limit of the others)."""
    total = Decimal("0.00")
    for ln in s.scalars(select(PlanLine).where(PlanLine.law == "44-ФЗ", PlanLine.status.in_(FROZEN))):
        if ln.id != exclude_line and _year(ln) == year and rules.small_point(ln.law, ln.method) == point:
            total += committed_amount(s, ln)
    return total


def small_status(s: Session, year: int) -> list[dict]:
    """Per point of ст. 93: the year's used volume, its limit and whether it is near or over."""
    vol = total_volume(s, year)
    out = []
    for point, method in rules.SMALL_POINTS.items():
        used = small_usage(s, year, point)
        limit = rules.annual_limit(point, vol)
        out.append({"point": point, "method": method, "year": year, "used": used, "limit": limit,
                    "near": used >= limit * rules.WARN_SHARE, "over": used > limit})
    return out


def small_purchases(year: int | None = None) -> list[dict]:
    """The year's small purchases per ground of ст. 93 (used, limit, near/over), for the CLI and the screen."""
    from chemcluster_desktop.services.context import read

    with read() as s:
        return small_status(s, year or dt.date.today().year)


def check_small(s: Session, line: PlanLine, amount: Decimal, *, field: str = "amount",
                contract_price: bool = False) -> str | None:
    """Refuse a small purchase over its ground's contract limit (600 000 ₽; 5 млн ₽ electronically under
    ч. 12) or one that would take the year's volume over the limit; return a warning when it brings the
    volume to 90 % of the limit or more, else None."""
    point = rules.small_point(line.law, line.method)
    if point is None:
        return None
    what = _t("Цена контракта") if contract_price else _t("НМЦК закупки")
    cap = rules.CONTRACT_LIMITS[point]
    if amount > cap:
        raise ValidationError(_t("{0} {1} ₽ больше {2} ₽ — предела закупки малого объёма ({3}). Выберите "
                                 "конкурентный способ.").format(what, fmt_money(amount), fmt_money(cap), line.method),
                              field=field)
    year = _year(line)
    used = small_usage(s, year, point, exclude_line=line.id)
    vol = total_volume(s, year)
    declared = bool(rules.setting(s, "procurement.annual_volume"))
    if not declared:
        vol = vol - committed_amount(s, line) + amount
    limit = rules.annual_limit(point, vol)
    if used + amount > limit:
        text = _t("Годовой объём закупок малого объёма ({0}) за {1} год составит {2} ₽ при пределе "
                  "{3} ₽ (уже {4} ₽): закупка не помещается в лимит. Выберите конкурентный способ.").format(
            line.method, year, fmt_money(used + amount), fmt_money(limit), fmt_money(used))
        if not declared and point != "e12":  # the limit is a share of the СГОЗ, which nobody has entered
            text += " " + _t("Предел считается от совокупного годового объёма закупок (СГОЗ); он не введён, поэтому "
                             "взят объём плана-графика на {0} год ({1} ₽). Если СГОЗ больше, введите его: "
                             "«Закупки» → «План-график» → «Настройки закупок…».").format(year, fmt_money(vol))
        raise ValidationError(text, field=field)
    if used + amount >= limit * rules.WARN_SHARE:
        return _t("Внимание: закупки малого объёма ({0}) за {1} год составят {2} ₽ из {3} ₽ допустимых.").format(
            line.method, year, fmt_money(used + amount), fmt_money(limit))
    return None


def okpd2_codes(s: Session, line: PlanLine) -> list[str]:
    return [n.okpd2 for n in needs_of(s, line.id)]


def auto_ikz(s: Session, line: PlanLine) -> str:
    if line.law != "44-ФЗ":
        return ""
    return rules.build_ikz(_year(line), rules.setting(s, "procurement.iku"), rules.plan_seq(line.number),
                           okpd2_codes(s, line), rules.setting(s, "procurement.kvr"))


def check_ikz(s: Session, line: PlanLine, ikz: str) -> str:
    """A typed ИКЗ checked against the line (empty = build it); 223-ФЗ lines have none."""
    ikz = (ikz or "").strip().replace(" ", "")
    if line.law != "44-ФЗ":
        if ikz:
            raise ValidationError(_t("ИКЗ присваивается закупкам по 44-ФЗ; у закупки по 223-ФЗ его нет."), field="ikz")
        return ""
    if not ikz:
        return auto_ikz(s, line)
    why = rules.ikz_problem(ikz, year=_year(line), iku=rules.setting(s, "procurement.iku"),
                            okpd2_codes=okpd2_codes(s, line))
    if why:
        raise ValidationError(why, field="ikz")
    return ikz


def ikz_warning(s: Session, line: PlanLine) -> str | None:
    """Why the stored ИКЗ no longer fits the line (positions changed), for the screen and paper."""
    if line.law != "44-ФЗ":
        return None
    if not line.ikz:
        return _t("ИКЗ не сформирован: укажите идентификационный код заказчика (ИНН и КПП колледжа) в настройках "
                  "закупок.")
    return rules.ikz_problem(line.ikz, year=_year(line), iku=rules.setting(s, "procurement.iku"),
                             okpd2_codes=okpd2_codes(s, line))
