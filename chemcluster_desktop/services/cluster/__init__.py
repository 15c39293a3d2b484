"""The cluster «Химический потенциал»: participants, training directions, KPIs, the dashboard.

KPIs come from the project card (target audience 19 000, 8 participants, 17 directions, 2 081
students, 85 % employed, 100 % equipped) plus the figures the program itself knows (workshops ready
for accreditation, budget paid, pupils reached). Each KPI has a target and actual values per
reporting period: entered by hand, or computed from the data where ``Kpi.computed`` names a formula.

Periods are years (``2025``) or quarters (``2025-Q3``) within the project horizon
(:data:`FIRST_YEAR` … :data:`LAST_YEAR`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context, listing
from chemcluster_desktop.services.context import uow
from chemcluster_desktop.services.errors import (
    ConcurrentEditError,
    DuplicateError,
    NotFoundError,
    ValidationError,
)
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.cluster import (
    DIRECTION_LEVELS,
    PARTICIPANT_KINDS,
    Kpi,
    KpiValue,
    Participant,
    TrainingDirection,
)

FIRST_YEAR = 2022
LAST_YEAR = 2030
READY_THRESHOLD = Decimal("95")  # a workshop is ready for accreditation at ≥ 95 % of its list met
PERCENT_UNITS = ("%",)
HUNDRED = Decimal(100)

WRITE = "cluster.write"

# computed formula codes -> (short Russian description, page the figure comes from)
COMPUTED = {
    "participants": ("число участников в реестре (без школ)", "cluster"),
    "directions": ("число направлений обучения в реестре", "cluster"),
    "equipped": ("средняя готовность мастерских по инфраструктурным листам", "accreditation"),
    "workshops_ready": ("мастерские с выполнением листа не ниже 95 %", "accreditation"),
    "budget_paid": ("оплачено по контрактам, все источники", "procurement"),
    "pupils": ("учащиеся 8-х классов в расписании", "schedule"),
}


CARD = "Карточка флагманского проекта, п. 10"

# The card's planned results and the figures the program knows:
# (code, name, unit, target, target period, computed formula, where the figure comes from)
CARD_KPIS = [
    ("audience", "Целевая аудитория", "чел.", "19000", "2026", "",
     CARD),
    ("participants", "Количество участников кластера (без школ)", "ед.", "8", "2026", "participants",
     CARD + "; факт — по реестру участников"),
    ("directions", "Количество направлений обучения", "ед.", "17", "2026", "directions",
     CARD + "; факт — по реестру направлений"),
    ("students", "Обучающиеся по программам СПО в рамках «Профессионалитета»", "чел.", "2081", "2026", "",
     CARD),
    ("employment", "Доля занятых выпускников программ «Профессионалитета»", "%", "85", "2026", "",
     CARD),
    ("equipped", "Доля образовательных организаций, оснащённых современным оборудованием", "%", "100", "2026",
     "equipped",
     CARD + "; факт — готовность мастерских по инфраструктурным листам"),
    ("workshops_ready", "Мастерские, готовые к аккредитации (лист выполнен не менее чем на 95 %)", "ед.", "5", "2026",
     "workshops_ready",
     "Рассчитывается по чек-листам мастерских"),
    ("budget_paid", "Освоено средств проекта (оплачено по контрактам)", "₽", "396600000", "2026", "budget_paid",
     "Общая стоимость проекта ~396,6 млн ₽ (карточка, п. 8); факт — по платежам раздела «Закупки»"),
    ("pupils", "Учащиеся 8-х классов на занятиях «Технология» в мастерских", "чел.", "1500", "2026", "pupils",
     "Этап «Старт», п. 3 карточки; факт — по расписанию"),
]


def _t(s: str) -> str:
    return translate("Cluster", s)


def kind_names() -> dict[str, str]:
    return {
        "college": _t("Колледж (базовая организация)"),
        "enterprise": _t("Предприятие"),
        "school": _t("Школа"),
        "employment": _t("Центр занятости"),
        "authority": _t("Орган власти"),
    }


def level_names() -> dict[str, str]:
    return {"specialty": _t("Специальность"), "profession": _t("Профессия")}


def computed_names() -> dict[str, str]:
    return {k: _t(v[0]) for k, v in COMPUTED.items()}


# --- periods and values ------------------------------------------------------------------------
_PERIOD_RE = re.compile(r"^\s*(\d{4})(?:\s*[-/ ]?\s*[QqКк]\s*([1-4]))?\s*$")


def validate_period(text: object) -> str:
    """«2025» or «2025-Q3» (also «2025 Q3», «2025-К3»); anything else is refused with a message."""
    s = "" if text is None else str(text).strip()
    if not s:
        raise ValidationError(_t("Укажите отчётный период: год (например, 2025) или квартал (2025-Q3)."),
                              field="period")
    m = _PERIOD_RE.match(s)
    if not m:
        raise ValidationError(
            _t("Период «{0}» не существует: укажите год (например, 2025) или квартал (2025-Q3).").format(s),
            field="period")
    year = int(m.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _t("Период «{0}» не существует: проект охватывает {1}–{2} годы.").format(s, FIRST_YEAR, LAST_YEAR),
            field="period")
    return f"{year}-Q{m.group(2)}" if m.group(2) else str(year)


def all_periods() -> list[str]:
    """Every year of the project horizon, for combo boxes."""
    return [str(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]


def current_period() -> str:
    y = min(max(dt.date.today().year, FIRST_YEAR), LAST_YEAR)
    return str(y)


def period_year(period: str) -> int:
    return int(period[:4])


def parse_value(text: object, unit: str = "", name: str = "") -> Decimal:
    """A KPI value from what the person typed: «1 234,5» → Decimal; negatives, garbage and
    percentages above 100 are refused with a message naming the KPI."""
    what = f"«{name}»" if name else ""
    if isinstance(text, float):
        text = repr(text)
    if isinstance(text, Decimal | int):
        d = Decimal(text)
    else:
        s = ("" if text is None else str(text)).strip()
        s = s.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("%", "").replace(",", ".")
        if not s:
            raise ValidationError(_t("Показатель {0}: введите значение.").format(what), field="value")
        try:
            d = Decimal(s)
        except InvalidOperation:
            raise ValidationError(
                _t("Показатель {0}: «{1}» — не число. Введите число, например 1250 или 84,5.").format(what, text),
                field="value") from None
    if not d.is_finite():
        raise ValidationError(_t("Показатель {0}: значение — не число.").format(what), field="value")
    if d < 0:
        raise ValidationError(_t("Показатель {0}: значение не может быть отрицательным (введено {1}).").format(what, text),
                              field="value")
    if unit in PERCENT_UNITS and d > HUNDRED:
        raise ValidationError(
            _t("Показатель {0} — доля в процентах: значение не может быть больше 100 (введено {1}).").format(what, text),
            field="value")
    if d >= Decimal("1e12"):
        raise ValidationError(_t("Показатель {0}: значение слишком велико.").format(what), field="value")
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _q(d: Decimal | None) -> Decimal | None:
    if d is None:
        return None
    d = Decimal(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def percent_of(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    if value is None or not target:
        return None
    return (Decimal(value) * HUNDRED / Decimal(target)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- figures from the other areas (guarded: each area's service may be missing) ---------------------
def _get(obj: Any, *names: str, default=None):
    for n in names:
        if isinstance(obj, dict):
            if n in obj and obj[n] is not None:
                return obj[n]
        elif getattr(obj, n, None) is not None:
            return getattr(obj, n)
    return default


def _dec(v, default: Decimal | None = Decimal(0)) -> Decimal | None:
    if v is None:
        return default
    try:
        return Decimal(str(v)) if isinstance(v, float) else Decimal(v)
    except (InvalidOperation, TypeError, ValueError):
        return default


def _rows_of(obj: Any, *keys: str) -> list:
    if obj is None:
        return []
    if isinstance(obj, list | tuple):
        return list(obj)
    for k in keys:
        v = _get(obj, k)
        if isinstance(v, list | tuple):
            return list(v)
    return []


@dataclass
class Readiness:
    available: bool
    workshops: list[dict] = field(default_factory=list)  # {id, name, coverage_percent, ready, competency}
    overall_percent: Decimal | None = None
    ready: int = 0
    note: str = ""


def readiness() -> Readiness:
    """Workshop readiness from ``services.accreditation.cluster_readiness()``."""
    try:
        from chemcluster_desktop.services import accreditation as acc

        fn = acc.cluster_readiness
    except (ImportError, AttributeError):
        return Readiness(False, note=_t("Раздел «Аккредитация» ещё не даёт данных о готовности мастерских."))
    raw = fn()
    rows = []
    for r in _rows_of(raw, "workshops", "rows", "items"):
        cov = _dec(_get(r, "coverage_percent", "coverage", "percent", "readiness_percent"), None)
        name = str(_get(r, "workshop", "name", "workshop_name", default=""))
        ready_flag = _get(r, "ready", "is_ready")
        ready = bool(ready_flag) if ready_flag is not None else (cov is not None and cov >= READY_THRESHOLD)
        if cov is not None and cov >= READY_THRESHOLD:
            ready = True
        lines, met = _get(r, "lines"), _get(r, "met")
        if lines and met is not None and int(met) >= int(lines):
            ready = True
        rows.append({"id": _get(r, "workshop_id", "id"), "name": name,
                     "coverage_percent": _q(cov) if cov is not None else None, "ready": ready,
                     "competency": str(_get(r, "competency", "competency_name", default="") or "")})
    rows.sort(key=lambda x: x["name"])
    overall = _dec(_get(raw, "equipped_percent", "coverage_percent", "overall_percent", "percent"), None) \
        if not isinstance(raw, list | tuple) else None
    covs = [r["coverage_percent"] for r in rows if r["coverage_percent"] is not None]
    if overall is None and covs:
        overall = sum(covs, Decimal(0)) / len(covs)
    return Readiness(True, rows, _q(min(overall, HUNDRED)) if overall is not None else None,
                     sum(1 for r in rows if r["ready"]))


@dataclass
class Budget:
    available: bool
    sources: list[dict] = field(default_factory=list)  # {code, name, limit, planned, contracted, paid}
    total: dict = field(default_factory=dict)
    project_total: Decimal = Decimal("396600000.00")
    grant_cap: Decimal = Decimal("100000000.00")
    note: str = ""


def budget() -> Budget:
    """Budget by funding source from ``services.procurement.budget()`` (or straight from the tables)."""
    raw = None
    try:
        from chemcluster_desktop.services import procurement as proc

        raw = proc.budget()
    except (ImportError, AttributeError):
        raw = None
    rows = []
    if raw is not None:
        for r in _rows_of(raw, "sources", "rows", "by_source", "lines"):
            rows.append({
                "code": str(_get(r, "code", "source_code", default="")),
                "name": str(_get(r, "name", "source", "source_name", default="")),
                "limit": _dec(_get(r, "limit", "limit_amount", "cap")),
                "planned": _dec(_get(r, "planned", "plan", "planned_amount")),
                "contracted": _dec(_get(r, "contracted", "contract", "contracted_amount")),
                "paid": _dec(_get(r, "paid", "paid_amount")),
            })
    else:
        rows = _budget_from_tables()
    if not rows and raw is None:
        return Budget(False, note=_t("Нет источников финансирования."))
    total = {k: sum((r[k] for r in rows), Decimal(0)) for k in ("limit", "planned", "contracted", "paid")}
    tot_raw = _get(raw, "totals", "total") if raw is not None and not isinstance(raw, list | tuple) else None
    if tot_raw is not None and not isinstance(tot_raw, int | Decimal):
        for k in total:
            v = _dec(_get(tot_raw, k), None)
            if v is not None:
                total[k] = v
    b = Budget(True, rows, total)
    if raw is not None and not isinstance(raw, list | tuple):
        b.project_total = _dec(_get(raw, "project_total", "project_cost"), b.project_total)
        b.grant_cap = _dec(_get(raw, "grant_cap", "grant_limit"), b.grant_cap)
    return b


def _budget_from_tables() -> list[dict]:
    from chemcluster_desktop.storage.procurement import Contract, FundingSource, Need, Payment

    with context.read() as s:
        out = []
        for fs in s.scalars(select(FundingSource).order_by(FundingSource.id)):
            planned = Decimal(0)
            for nmck in s.scalars(select(Need.nmck).where(Need.funding_source_id == fs.id, Need.nmck.is_not(None))):
                planned += nmck
            contracted = sum(s.scalars(select(Contract.price).where(Contract.funding_source_id == fs.id)),
                             Decimal(0))
            paid = sum(s.scalars(select(Payment.amount).join(Contract, Contract.id == Payment.contract_id)
                                 .where(Contract.funding_source_id == fs.id, Payment.paid_on.is_not(None))),
                       Decimal(0))
            out.append({"code": fs.code, "name": fs.name, "limit": fs.limit_amount, "planned": planned,
                        "contracted": contracted, "paid": paid})
        return out


@dataclass
class Pupils:
    available: bool
    pupils: int = 0
    classes: int = 0
    schools: int = 0
    note: str = ""


def pupils() -> Pupils:
    """8th-grade pupils reached by the timetable, from ``services.schedule.pupils_reached()``."""
    try:
        from chemcluster_desktop.services import schedule as sch

        raw = sch.pupils_reached()
    except (ImportError, AttributeError):
        raw = None
        try:
            return _pupils_from_tables()
        except Exception:  # pragma: no cover - schedule tables missing
            return Pupils(False, note=_t("Раздел «Расписание» ещё не даёт данных об охвате школьников."))
    if isinstance(raw, int | Decimal):
        return Pupils(True, int(raw))
    return Pupils(True, int(_get(raw, "pupils", "pupils_reached", "total", default=0) or 0),
                  int(_get(raw, "classes", "classes_reached", default=0) or 0),
                  int(_get(raw, "schools", "schools_reached", default=0) or 0))


def _pupils_from_tables() -> Pupils:
    from chemcluster_desktop.storage.schedule import Lesson, SchoolClass

    with context.read() as s:
        cls = select(Lesson.class_id).distinct().subquery()
        n, k, sc = s.execute(select(func.coalesce(func.sum(SchoolClass.pupils), 0), func.count(SchoolClass.id),
                                    func.count(func.distinct(SchoolClass.school_id)))
                             .where(SchoolClass.id.in_(select(cls.c.class_id)))).one()
    return Pupils(True, int(n or 0), int(k or 0), int(sc or 0))


def computed_value(formula: str) -> Decimal | None:
    """The live value of a computed KPI (None when the data is not in the program)."""
    if formula == "participants":
        with context.read() as s:
            return Decimal(s.scalar(select(func.count(Participant.id)).where(Participant.kind != "school")) or 0)
    if formula == "directions":
        with context.read() as s:
            return Decimal(s.scalar(select(func.count(TrainingDirection.id))) or 0)
    if formula == "equipped":
        r = readiness()
        return r.overall_percent if r.available else None
    if formula == "workshops_ready":
        r = readiness()
        return Decimal(r.ready) if r.available else None
    if formula == "budget_paid":
        b = budget()
        return b.total.get("paid") if b.available else None
    if formula == "pupils":
        p = pupils()
        return Decimal(p.pupils) if p.available else None
    return None


# --- KPIs ----------------------------------------------------------------------------------------
@dataclass
class KpiValueInfo:
    id: int
    period: str
    value: Decimal
    comment: str
    version: int
    entered_by: str = ""


@dataclass
class KpiInfo:
    id: int
    code: str
    name: str
    unit: str
    target: Decimal
    period: str
    computed: str
    position: int
    description: str
    version: int
    values: list[KpiValueInfo] = field(default_factory=list)
    live: Decimal | None = None  # computed now (computed KPIs only)

    def value_for(self, period: str) -> KpiValueInfo | None:
        return next((v for v in self.values if v.period == period), None)

    def actual(self, period: str | None = None) -> tuple[Decimal | None, str]:
        """(value, origin) for a period, or the latest when period is None. A computed KPI's
        value for the current period is the live figure unless one was entered."""
        if period is None:
            if self.computed and self.live is not None:
                return self.live, "computed"
            if self.values:
                return self.values[-1].value, "entered"
            return None, ""
        v = self.value_for(period)
        if v is not None:
            return v.value, "entered"
        if self.computed and self.live is not None and period[:4] == current_period():
            return self.live, "computed"
        return None, ""

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT_UNITS


def _kpi_info(k: Kpi, live: bool = True) -> KpiInfo:
    vals = sorted((KpiValueInfo(v.id, v.period, _q(v.value), v.comment, v.version, v.entered_by) for v in k.values),
                  key=lambda v: v.period)
    info = KpiInfo(k.id, k.code, k.name, k.unit, _q(k.target), k.period, k.computed, k.position, k.description,
                   k.version, vals)
    return info


def list_kpis(*, live: bool = True) -> list[KpiInfo]:
    with context.read() as s:
        kpis = [_kpi_info(k) for k in s.scalars(select(Kpi).order_by(Kpi.position, Kpi.id))]
    if live:
        cache: dict[str, Decimal | None] = {}
        for k in kpis:
            if k.computed:
                if k.computed not in cache:
                    cache[k.computed] = _q(computed_value(k.computed))
                k.live = cache[k.computed]
    return kpis


def get_kpi(code_or_id: str | int) -> KpiInfo:
    for k in list_kpis():
        if k.id == code_or_id or k.code == code_or_id or (isinstance(code_or_id, str) and code_or_id.isdigit()
                                                            and k.id == int(code_or_id)):
            return k
    raise NotFoundError(_t("Показатель «{0}» не найден. Список показателей: «chemcluster cluster kpi list».")
                        .format(code_or_id))


def _find_kpi(s, code_or_id: str | int) -> Kpi:
    k = None
    if isinstance(code_or_id, int) or (isinstance(code_or_id, str) and code_or_id.isdigit()):
        k = s.get(Kpi, int(code_or_id))
    if k is None:
        k = s.scalar(select(Kpi).where(Kpi.code == str(code_or_id).strip()))
    if k is None:
        codes = ", ".join(s.scalars(select(Kpi.code).order_by(Kpi.position)))
        raise NotFoundError(_t("Показатель «{0}» не найден. Есть показатели: {1}.").format(code_or_id, codes or "—"))
    return k


def set_kpi_value(kpi: str | int, period: object, value: object, comment: str = "", *,
                  version: int | None = None) -> int:
    """Enter (or correct) the actual value of a KPI for a period. Returns the value's id."""
    require(WRITE)
    per = validate_period(period)
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError(_t("Комментарий слишком длинный (больше 2000 символов)."), field="comment")
    with uow() as s:
        k = _find_kpi(s, kpi)
        val = parse_value(value, k.unit, k.name)
        row = s.scalar(select(KpiValue).where(KpiValue.kpi_id == k.id, KpiValue.period == per))
        if row is None:
            row = KpiValue(kpi_id=k.id, period=per, value=val, comment=comment, entered_by=context.actor().login)
            s.add(row)
        else:
            if version is not None and row.version != version:
                raise ConcurrentEditError()
            row.value = val
            row.comment = comment
            row.entered_by = context.actor().login
        s.flush()
        return row.id


def delete_kpi_value(kpi: str | int, period: object) -> None:
    require(WRITE)
    per = validate_period(period)
    with uow() as s:
        k = _find_kpi(s, kpi)
        row = s.scalar(select(KpiValue).where(KpiValue.kpi_id == k.id, KpiValue.period == per))
        if row is None:
            raise NotFoundError(_t("У показателя «{0}» нет значения за период {1}.").format(k.name, per))
        s.delete(row)


def update_kpi(kpi_id: int, *, name: str, unit: str, target: object, period: str = "", description: str = "",
               version: int | None = None) -> None:
    """Change a KPI's name, unit, target or target period."""
    require(WRITE)
    name = (name or "").strip()
    if not name:
        raise ValidationError(_t("Укажите наименование показателя."), field="name")
    tgt = parse_value(target, unit.strip(), name)
    per = validate_period(period) if str(period or "").strip() else ""
    with uow() as s:
        k = s.get(Kpi, kpi_id)
        if k is None:
            raise NotFoundError(_t("Показатель не найден (возможно, удалён). Обновите список (F5)."))
        if version is not None and k.version != version:
            raise ConcurrentEditError()
        k.name, k.unit, k.target, k.period, k.description = name, unit.strip(), tgt, per, description.strip()


def create_kpi(code: str, name: str, unit: str, target: object, period: str = "", description: str = "") -> int:
    require(WRITE)
    code = (code or "").strip()
    if not re.fullmatch(r"[a-z0-9_]{1,40}", code):
        raise ValidationError(_t("Код показателя — латинские строчные буквы, цифры и «_» (до 40 символов)."),
                              field="code")
    name = (name or "").strip()
    if not name:
        raise ValidationError(_t("Укажите наименование показателя."), field="name")
    tgt = parse_value(target, unit.strip(), name)
    per = validate_period(period) if str(period or "").strip() else ""
    with uow() as s:
        if s.scalar(select(Kpi.id).where(Kpi.code == code)) is not None:
            raise DuplicateError(_t("Показатель с кодом «{0}» уже есть.").format(code), field="code")
        pos = (s.scalar(select(func.max(Kpi.position))) or 0) + 1
        k = Kpi(code=code, name=name, unit=unit.strip(), target=tgt, period=per, description=description.strip(),
                position=pos)
        s.add(k)
        s.flush()
        return k.id


def create_card_kpis() -> int:
    """Add the project card's KPIs (with targets, without actuals) that the database lacks.
    Returns how many were added; a new database starts with none."""
    require(WRITE)
    with uow() as s:
        have = set(s.scalars(select(Kpi.code)))
        pos = s.scalar(select(func.max(Kpi.position))) or 0
        n = 0
        for code, name, unit, target, period, formula, desc in CARD_KPIS:
            if code in have:
                continue
            pos += 1
            s.add(Kpi(code=code, name=name, unit=unit, target=Decimal(target), period=period, computed=formula,
                      description=desc, position=pos))
            n += 1
        return n


@dataclass
class KpiRow:
    """One line of the KPI report / table for a period."""

    code: str
    name: str
    unit: str
    target: Decimal
    target_period: str
    actual: Decimal | None
    origin: str  # entered | computed | ''
    percent: Decimal | None
    previous: Decimal | None
    comment: str
    computed: str


def kpi_rows(period: str | None = None) -> list[KpiRow]:
    """Targets, actuals (entered or computed), percent of target and comment for a period
    (``None`` = the latest figure of each KPI)."""
    per = validate_period(period) if period else None
    out = []
    for k in list_kpis():
        val, origin = k.actual(per)
        prev = _previous(k, per)
        v = k.value_for(per) if per else (k.values[-1] if k.values and origin == "entered" else None)
        comment = v.comment if v else ""
        if origin == "computed" and not comment:
            comment = _t("рассчитано программой: {0}").format(computed_names().get(k.computed, k.computed))
        out.append(KpiRow(k.code, k.name, k.unit, k.target, k.period, val, origin, percent_of(val, k.target),
                          prev, comment, k.computed))
    return out


def _previous(k: KpiInfo, period: str | None) -> Decimal | None:
    return _previous_entry(k, period)[0]


def _previous_entry(k: KpiInfo, period: str | None) -> tuple[Decimal | None, str]:
    """(value, period) of the period before ``period`` (before the latest figure when None)."""
    vals = k.values
    if period is None:
        if k.computed and k.live is not None:
            past = [v for v in vals if v.period[:4] != current_period()]
            return (past[-1].value, past[-1].period) if past else (None, "")
        return (vals[-2].value, vals[-2].period) if len(vals) >= 2 else (None, "")
    before = [v for v in vals if v.period < period]
    return (before[-1].value, before[-1].period) if before else (None, "")


def reported_periods() -> list[str]:
    with context.read() as s:
        return sorted(set(s.scalars(select(KpiValue.period))))


# --- dashboard -----------------------------------------------------------------------------------
def dashboard() -> dict:
    """Everything the dashboard shows, as plain data (also ``cluster dashboard --json``)."""
    kpis = list_kpis()
    tiles = []
    for k in kpis:
        val, origin = k.actual(None)
        prev, prev_period = _previous_entry(k, None)
        trend = None if val is None or prev is None else _q(val - prev)
        page = COMPUTED.get(k.computed, ("", "cluster"))[1] if k.computed else "cluster"
        tiles.append({
            "code": k.code, "name": k.name, "unit": k.unit, "target": k.target, "target_period": k.period,
            "value": val, "origin": origin, "percent": percent_of(val, k.target), "previous": prev,
            "previous_period": prev_period,
            "trend": trend, "page": page,
            "history": [{"period": v.period, "value": v.value} for v in k.values],
        })
    r = readiness()
    b = budget()
    p = pupils()
    return {
        "tiles": tiles,
        "readiness": {"available": r.available, "workshops": r.workshops, "overall_percent": r.overall_percent,
                      "ready": r.ready, "threshold_percent": READY_THRESHOLD, "note": r.note},
        "budget": {"available": b.available, "sources": b.sources, "total": b.total,
                   "project_total": b.project_total, "grant_cap": b.grant_cap, "note": b.note},
        "pupils": asdict(p),
        "periods": reported_periods(),
    }


def jsonable(obj):
    """Decimals as strings (money and figures never become floats)."""
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


# --- participants --------------------------------------------------------------------------------
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
        p = s.get(Participant, pid)
        if p is None:
            raise NotFoundError(_t("Участник не найден (возможно, удалён). Обновите список (F5)."))
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


def save_participant(data: dict, pid: int | None = None, version: int | None = None) -> int:
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
            p = s.get(Participant, pid)
            if p is None:
                raise NotFoundError(_t("Участник не найден (возможно, удалён). Обновите список (F5)."))
            if version is not None and p.version != version:
                raise ConcurrentEditError()
            for k, v in clean.items():
                setattr(p, k, v)
        s.flush()
        return p.id


def delete_participant(pid: int) -> None:
    require(WRITE)
    with uow() as s:
        p = s.get(Participant, pid)
        if p is None:
            raise NotFoundError(_t("Участник не найден (возможно, удалён). Обновите список (F5)."))
        s.delete(p)


# --- training directions -------------------------------------------------------------------------
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
        d = s.get(TrainingDirection, did)
        if d is None:
            raise NotFoundError(_t("Направление не найдено (возможно, удалено). Обновите список (F5)."))
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


def save_direction(data: dict, did: int | None = None, version: int | None = None) -> int:
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
            d = s.get(TrainingDirection, did)
            if d is None:
                raise NotFoundError(_t("Направление не найдено (возможно, удалено). Обновите список (F5)."))
            if version is not None and d.version != version:
                raise ConcurrentEditError()
            for k, v in clean.items():
                setattr(d, k, v)
        s.flush()
        return d.id


def delete_direction(did: int) -> None:
    require(WRITE)
    with uow() as s:
        d = s.get(TrainingDirection, did)
        if d is None:
            raise NotFoundError(_t("Направление не найдено (возможно, удалено). Обновите список (F5)."))
        s.delete(d)


def enterprise_names() -> list[str]:
    with context.read() as s:
        return list(s.scalars(select(Participant.name).where(Participant.kind == "enterprise")
                              .order_by(Participant.name)))
