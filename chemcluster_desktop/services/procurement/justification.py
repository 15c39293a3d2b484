"""One justification of the НМЦК per purchase (plan-schedule line): every position with each supplier's
price, the per-position and total НМЦК, ИКЗ, ОКПД2 per position, the requests for prices sent and the
replies, the methodology from the setting, dated by its step (the age of the offers counted from it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.context import read
from chemcluster_desktop.services.errors import NotFoundError
from chemcluster_desktop.services.procurement import compliance, rules
from chemcluster_desktop.services.procurement.nmck_calc import NmckResult, as_json
from chemcluster_desktop.services.procurement.plan import _requests_info
from chemcluster_desktop.services.procurement.pricing import _compute_for
from chemcluster_desktop.storage.procurement import Need, PlanLine


def _t(s: str) -> str:
    return translate("Procurement", s)


@dataclass
class Position:
    need_id: int
    name: str
    specification: str
    quantity: Decimal
    unit: str
    okpd2: str
    result: NmckResult
    late: list[int] = field(default_factory=list)  # offer numbers dated after the justification


@dataclass
class LineJustification:
    line_id: int
    number: str
    title: str
    law: str
    method: str
    ikz: str
    status: str
    justified_on: dt.date | None
    positions: list[Position]
    requests: list[dict]
    methodology: str
    min_requests: int
    warnings: list[str]

    @property
    def total(self) -> Decimal | None:
        vals = [p.result.nmck for p in self.positions]
        return sum(vals, Decimal("0.00")) if vals and all(v is not None for v in vals) else None

    @property
    def valid(self) -> bool:
        return bool(self.positions) and all(p.result.valid for p in self.positions) and not any(
            p.late for p in self.positions)

    @property
    def suppliers(self) -> list[str]:
        """Every supplier with a price on any position, in the order they first appear."""
        return list(dict.fromkeys(o.supplier for p in self.positions for o in p.result.offers))


def _line_by(s, ref) -> PlanLine:
    ref = str(ref).strip()
    line = s.scalar(select(PlanLine).where(PlanLine.number == ref))
    if line is None and ref.isdigit():
        line = s.get(PlanLine, int(ref))
    if line is None:
        raise NotFoundError(_t("Строка плана-графика «{0}» не найдена.").format(ref))
    return line


def line_justification(ref: int | str) -> LineJustification:
    """The justification of a plan line given by its number (ПГ-2026-001) or id."""
    with read() as s:
        line = _line_by(s, ref)
        on = compliance.justified_on(line)
        needs = compliance.needs_of(s, line.id)
        positions = []
        for n in needs:
            r = _compute_for(n, on)
            late = [p.number for p in r.offers if on is not None and p.date is not None and p.date > on]
            positions.append(Position(n.id, n.name, n.specification, n.quantity, n.unit, n.okpd2, r, late))
        st = rules.settings_of(s)
        warnings = []
        if on is None:
            warnings.append(_t("Цена по строке ещё не обоснована: документ — проект, возраст предложений считается "
                               "от сегодняшнего дня."))
        for p in positions:
            if p.late:
                warnings.append(_t("«{0}»: предложения № {1} датированы позже обоснования ({2}).").format(
                    p.name, ", ".join(map(str, p.late)), on.strftime("%d.%m.%Y")))
        if (why := compliance.ikz_warning(s, line)):
            warnings.append(why)
        requests = _requests_info(s, line, needs)
        minimum = int(st.get("procurement.min_requests") or 5)
        if len(requests) < minimum:
            warnings.append(_t("Направлено запросов цен: {0}; методика рекомендует не меньше {1}.").format(
                len(requests), minimum))
        return LineJustification(line.id, line.number, line.title, line.law, line.method,
                                 line.ikz if line.law == "44-ФЗ" else "", line.status, on, positions, requests,
                                 rules.methodology_text(st["procurement.methodology"]), minimum, warnings)


def need_justified_on(need_id: int) -> dt.date | None:
    with read() as s:
        n = get_or_404(s, Need, need_id, _t("Потребность"))
        return compliance.justified_on(n.plan_line)


def need_json(need_id: int, r: NmckResult, on: dt.date | None) -> dict:
    """``procurement nmck --need ID --json`` (CLI.md): the need's figures, ``justified_on`` and one date per
    price."""
    out = as_json(need_id, r)
    out["justified_on"] = on.isoformat() if on else None
    out["offer_dates"] = [p.date.isoformat() if p.date else None for p in r.offers]
    return out


def line_json(j: LineJustification) -> dict:
    """``procurement nmck --line NUMBER --json``: the purchase's total and each position as ``--need``."""
    return {
        "line": j.number, "law": j.law, "method": j.method, "ikz": j.ikz or None,
        "justified_on": j.justified_on.isoformat() if j.justified_on else None,
        "nmck": format(j.total, "f") if j.total is not None else None, "valid": j.valid,
        "requests": [{"supplier": r["supplier"], "sent_on": r["sent_on"].isoformat(),
                      "outgoing_number": r["outgoing_number"], "replied": r["replied"]} for r in j.requests],
        "positions": [dict(need_json(p.need_id, p.result, j.justified_on), okpd2=p.okpd2) for p in j.positions],
        "warnings": list(j.warnings),
    }
