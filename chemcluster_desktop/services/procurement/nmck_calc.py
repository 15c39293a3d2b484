"""Initial maximum contract price (НМЦК) by the method of comparable market prices.

Приказ Минэкономразвития России от 02.10.2013 № 567: at least three commercial offers; the mean
unit price ⟨ц⟩ = Σцᵢ / n; the sample standard deviation σ = √(Σ(цᵢ − ⟨ц⟩)² / (n − 1)); the
coefficient of variation V = σ / ⟨ц⟩ × 100 %. Prices are homogeneous when V ≤ 33 %; otherwise the
justification is refused.

НМЦК = v / n × Σцᵢ (п. 3.20.1 of the recommendations: v the quantity, n the number of prices, цᵢ the
unit prices), rounded to kopecks once, at the end (ROUND_HALF_UP). The recommendations give no rule for
rounding the mean itself, so the НМЦК is not v × the mean rounded to kopecks: for 2 units at prices
summing to 1 215 800,00 over 3 offers it is 2 / 3 × 1 215 800,00 = 810 533,33, while 2 × 405 266,67 (the
printed mean) would give 810 533,34. The printed justification therefore shows ΣЦi and the formula with
its figures, and says so where v × Цср differs (reports/nmck.py).

Everything here is ``Decimal`` computed in a local context (no float anywhere, no global state).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from chemcluster_desktop.i18n import translate

KOPECK = Decimal("0.01")
CV_LIMIT = Decimal(33)
MIN_OFFERS = 3
STALE_MONTHS = 6
PRECISION = 34


def _t(s: str) -> str:
    return translate("Procurement", s)


@dataclass(frozen=True)
class PricePoint:
    """One commercial offer as the calculation sees it."""

    offer_id: int | None
    supplier: str
    date: dt.date | None
    unit_price: Decimal
    number: int = 0  # № in the justification table (1-based)


@dataclass
class NmckResult:
    quantity: Decimal
    offers: list[PricePoint]
    n: int
    mean: Decimal | None = None  # rounded to kopecks for display
    mean_exact: Decimal | None = None
    price_sum: Decimal | None = None  # Σцᵢ, exact (prices are in kopecks)
    sigma: Decimal | None = None  # rounded to kopecks
    cv_percent: Decimal | None = None  # rounded to 0.01 %
    nmck: Decimal | None = None
    valid: bool = False
    message: str = ""
    outliers: list[int] = field(default_factory=list)  # offer numbers (1-based) pulling the prices apart
    stale: list[int] = field(default_factory=list)  # offer numbers older than six months

    @property
    def prices(self) -> list[Decimal]:
        return [o.unit_price for o in self.offers]

    def deviation_percent(self, p: PricePoint) -> Decimal | None:
        if not self.mean_exact:
            return None
        with localcontext() as ctx:
            ctx.prec = PRECISION
            return ((p.unit_price - self.mean_exact) / self.mean_exact * 100).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP)


def money(v: Decimal) -> Decimal:
    return v.quantize(KOPECK, rounding=ROUND_HALF_UP)


def months_before(day: dt.date, months: int) -> dt.date:
    y, m = day.year, day.month - months
    while m <= 0:
        m += 12
        y -= 1
    import calendar

    last = calendar.monthrange(y, m)[1]
    return dt.date(y, m, min(day.day, last))


def is_stale(offer_date: dt.date | None, today: dt.date) -> bool:
    return offer_date is not None and offer_date < months_before(today, STALE_MONTHS)


def statistics(prices: list[Decimal]) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """(exact mean, exact sample σ or None for n < 2, exact CV % or None)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        n = len(prices)
        mean = sum(prices, Decimal(0)) / n
        if n < 2:
            return mean, None, None
        var = sum(((p - mean) ** 2 for p in prices), Decimal(0)) / (n - 1)
        sigma = var.sqrt()
        cv = sigma / mean * 100 if mean else None
        return mean, sigma, cv


def fmt_money(v: Decimal) -> str:
    s = format(money(v), "f")
    ip, fp = s.split(".")
    sign = "-" if ip.startswith("-") else ""
    ip = ip.lstrip("-")
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    return sign + "\u00a0".join(groups) + "," + fp


def fmt_pct(v: Decimal) -> str:
    return format(v.quantize(KOPECK, rounding=ROUND_HALF_UP), "f").replace(".", ",")


def _outliers(points: list[PricePoint]) -> list[PricePoint]:
    """The offers farthest from the mean, removed one by one until the rest are homogeneous
    (or only two remain): these are the ones that pull the prices apart."""
    rest = list(points)
    out: list[PricePoint] = []
    while len(rest) > 2:
        mean, _s, cv = statistics([p.unit_price for p in rest])
        if cv is not None and cv <= CV_LIMIT:
            break
        far = max(rest, key=lambda p: (abs(p.unit_price - mean), p.number))
        out.append(far)
        rest.remove(far)
    if not out and points:
        mean, _s, _c = statistics([p.unit_price for p in points])
        out.append(max(points, key=lambda p: (abs(p.unit_price - mean), p.number)))
    return out


def compute(quantity: Decimal, offers: list[PricePoint], today: dt.date | None = None) -> NmckResult:
    today = today or dt.date.today()
    quantity = Decimal(quantity)
    pts = [PricePoint(o.offer_id, o.supplier, o.date, Decimal(o.unit_price), i + 1) for i, o in enumerate(offers)]
    r = NmckResult(quantity=quantity, offers=pts, n=len(pts))
    r.stale = [p.number for p in pts if is_stale(p.date, today)]
    bad = [p for p in pts if p.unit_price <= 0]
    if bad:
        r.message = translate("Procurement", "Цена в предложении № {0} ({1}) должна быть больше нуля.").format(bad[0].number, bad[0].supplier)
        return r
    if quantity <= 0:
        r.message = translate("Procurement", "Количество в потребности должно быть больше нуля.")
        return r
    if not pts:
        r.message = translate("Procurement", "Нет коммерческих предложений: нужно не меньше трёх.")
        return r
    mean, sigma, cv = statistics([p.unit_price for p in pts])
    r.mean_exact = mean
    r.mean = money(mean)
    r.price_sum = sum((p.unit_price for p in pts), Decimal(0))
    r.sigma = money(sigma) if sigma is not None else None
    r.cv_percent = cv.quantize(KOPECK, rounding=ROUND_HALF_UP) if cv is not None else None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        r.nmck = money(quantity * r.price_sum / len(pts))  # v / n × Σцᵢ, the formula's own order
    if len(pts) < MIN_OFFERS:
        r.message = translate("Procurement", "Предложений {0}, а для обоснования НМЦК методом сопоставимых рыночных цен нужно не меньше "
                       "трёх. Добавьте коммерческие предложения.").format(len(pts))
        return r
    if cv is not None and cv > CV_LIMIT:
        outs = _outliers(pts)
        r.outliers = [p.number for p in outs]
        names = "; ".join(
            translate("Procurement", "№ {0} «{1}» — {2} ₽ ({3} % от средней)").format(
                p.number, p.supplier, fmt_money(p.unit_price),
                format(r.deviation_percent(p), "+f").replace(".", ",")) for p in outs)
        r.message = translate("Procurement", "Коэффициент вариации {0} % больше 33 %: цены неоднородны, обоснование отклонено. "
                       "Сильнее всего расходятся с остальными: {1}. Замените эти предложения или запросите "
                       "дополнительные.").format(fmt_pct(cv), names)
        return r
    r.valid = True
    if r.stale:
        r.message = translate("Procurement", "Предложения № {0} старше шести месяцев: запросите актуальные цены.").format(
            ", ".join(str(n) for n in r.stale))
    return r


def as_json(need_id: int, r: NmckResult) -> dict:
    """The shape of ``procurement nmck --json`` (CLI.md): money as strings."""
    q = r.quantity
    qty: int | str = int(q) if q == q.to_integral_value() else format(q.normalize(), "f")
    return {
        "need": need_id,
        "quantity": qty,
        "prices": [format(money(p), "f") for p in r.prices],
        "mean": format(r.mean, "f") if r.mean is not None else None,
        "cv_percent": format(r.cv_percent, "f") if r.cv_percent is not None else None,
        "nmck": format(r.nmck, "f") if r.nmck is not None else None,
        "valid": bool(r.valid),
    }
