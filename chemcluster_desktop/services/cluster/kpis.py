"""KPIs: the project card's planned results, their targets and actual values per period (entered by
hand or computed from the data), the rows of the KPI table and report."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.cluster._common import PERCENT_UNITS, WRITE, _t, computed_names
from chemcluster_desktop.services.cluster.figures import computed_value
from chemcluster_desktop.services.cluster.periods import (
    _q,
    current_period,
    parse_value,
    percent_of,
    validate_period,
)
from chemcluster_desktop.services.common import check_version, get_or_404, require_version
from chemcluster_desktop.services.context import uow
from chemcluster_desktop.services.errors import DuplicateError, NotFoundError, ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.cluster import Kpi, KpiValue

CARD = "Карточка флагманского проекта, п. 10 (сроки реализации 2023–2024 гг., п. 6)"
CARD_PERIOD = "2024"  # the card's term: 2023–2024
OWN = "Собственный показатель колледжа (в карточке проекта его нет)"

# The six planned results of the project card (п. 10), with its targets and term, and the college's own
# indicators kept apart: (code, name, unit, target, target period, computed formula, where it comes from,
# section)
CARD_KPIS = [
    ("audience", "Целевая аудитория", "чел.", "19000", CARD_PERIOD, "", CARD, "card"),
    ("participants", "Количество участников кластера (без учреждений общего образования)", "ед.", "8", CARD_PERIOD,
     "participants", CARD + "; факт — по реестру участников", "card"),
    ("directions", "Количество направлений обучения", "ед.", "17", CARD_PERIOD, "directions",
     CARD + "; факт — по реестру направлений", "card"),
    ("students", "Количество обучающихся по программам СПО в рамках федерального проекта «Профессионалитет»", "чел.",
     "2081", CARD_PERIOD, "", CARD, "card"),
    ("employment", "Доля занятых выпускников образовательных организаций, реализующих программы СПО в рамках "
     "федерального проекта «Профессионалитет»", "%", "85", CARD_PERIOD, "", CARD, "card"),
    # the card counts organisations equipped, which the program cannot see: the value is typed, dated
    ("equipped", "Доля образовательных организаций, оснащённых современным оборудованием в рамках федерального "
     "проекта «Профессионалитет»", "%", "100", CARD_PERIOD, "",
     CARD + "; факт — доля организаций кластера, завершивших оснащение (вводится по данным мониторинга)", "card"),
    # the college's own indicators
    ("workshop_coverage", "Средняя оснащённость мастерских колледжа по инфраструктурным листам", "%", "100", "2026",
     "equipped", OWN + "; рассчитывается по чек-листам мастерских", "college"),
    ("workshops_ready", "Мастерские колледжа, готовые к аккредитации (лист выполнен не менее чем на 95 %)", "ед.",
     "5", "2026", "workshops_ready", OWN + "; рассчитывается по чек-листам мастерских", "college"),
    ("equipment_paid", "Освоено средств на оборудование (оплачено по контрактам от суммы плана-графика закупок)",
     "%", "100", "2026", "equipment_paid",
     OWN + "; база — закупки оборудования плана-графика (не вся стоимость проекта 396,6 млн ₽)", "college"),
    ("pupils", "Учащиеся 8-х классов на занятиях «Технология» в мастерских колледжа", "чел.", "1500", "2026",
     "pupils", OWN + "; этап «Старт», п. 7.3 карточки; факт — по расписанию", "college"),
]
SECTIONS = {"card": "Показатели карточки флагманского проекта", "college": "Собственные показатели колледжа"}


@dataclass
class KpiValueInfo:
    id: int
    period: str
    value: Decimal
    comment: str
    version: int
    entered_by: str = ""
    as_of: dt.date | None = None  # the date the value is true on


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
    section: str = "card"

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
    vals = sorted((KpiValueInfo(v.id, v.period, _q(v.value), v.comment, v.version, v.entered_by, v.as_of)
                   for v in k.values), key=lambda v: v.period)
    info = KpiInfo(k.id, k.code, k.name, k.unit, _q(k.target), k.period, k.computed, k.position, k.description,
                   k.version, vals, section=k.section or "card")
    return info


def list_kpis(*, live: bool = True) -> list[KpiInfo]:
    with context.read() as s:
        kpis = [_kpi_info(k) for k in s.scalars(select(Kpi).order_by((Kpi.section != "card"), Kpi.position, Kpi.id))]
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
                  version: int | None = None, as_of: dt.date | None = None) -> int:
    """Enter (or correct) the actual value of a KPI for a period, dated ``as_of`` (the day the figure is
    true on; today by default). Returns the value's id."""
    require(WRITE)
    per = validate_period(period)
    as_of = as_of or dt.date.today()
    if not isinstance(as_of, dt.date) or as_of > dt.date.today():
        raise ValidationError(_t("Дата значения не может быть в будущем."), field="as_of")
    if int(per[:4]) > as_of.year:
        raise ValidationError(_t("Значение за {0} не может быть известно на {1}.").format(
            per, as_of.strftime("%d.%m.%Y")), field="as_of")
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError(_t("Комментарий слишком длинный (больше 2000 символов)."), field="comment")
    with uow() as s:
        k = _find_kpi(s, kpi)
        val = parse_value(value, k.unit, k.name)
        row = s.scalar(select(KpiValue).where(KpiValue.kpi_id == k.id, KpiValue.period == per))
        if row is None:
            row = KpiValue(kpi_id=k.id, period=per, value=val, comment=comment, entered_by=context.actor().login,
                           as_of=as_of)
            s.add(row)
        else:
            check_version(row, version)
            row.value = val
            row.comment = comment
            row.as_of = as_of
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


def _kpi_fields(data: dict) -> dict:
    """name, unit, target, period, description of a KPI form, checked."""
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValidationError(_t("Укажите наименование показателя."), field="name")
    unit = str(data.get("unit") or "").strip()
    period = data.get("period")
    return {"name": name, "unit": unit, "target": parse_value(data.get("target"), unit, name),
            "period": validate_period(period) if str(period or "").strip() else "",
            "description": str(data.get("description") or "").strip()}


def update_kpi(kpi_id: int, data: dict, *, version: int) -> None:
    """Change a KPI's name, unit, target, target period and description (``data`` gives them all)."""
    require(WRITE)
    clean = _kpi_fields(data)
    with uow() as s:
        k = get_or_404(s, Kpi, kpi_id, _t("Запись о показателе"), named=clean.get("name"))
        require_version(k, version)
        for key, value in clean.items():
            setattr(k, key, value)


def create_kpi(data: dict) -> int:
    """A KPI entered by hand from ``data``: code, name, unit, target, and optionally period, description."""
    require(WRITE)
    code = str(data.get("code") or "").strip()
    if not re.fullmatch(r"[a-z0-9_]{1,40}", code):
        raise ValidationError(_t("Код показателя — латинские строчные буквы, цифры и «_» (до 40 символов)."),
                              field="code")
    clean = _kpi_fields(data)
    with uow() as s:
        if s.scalar(select(Kpi.id).where(Kpi.code == code)) is not None:
            raise DuplicateError(_t("Показатель с кодом «{0}» уже есть.").format(code), field="code")
        pos = (s.scalar(select(func.max(Kpi.position))) or 0) + 1
        k = Kpi(code=code, position=pos, **clean)
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
        for code, name, unit, target, period, formula, desc, section in CARD_KPIS:
            if code in have:
                continue
            pos += 1
            s.add(Kpi(code=code, name=name, unit=unit, target=Decimal(target), period=period, computed=formula,
                      description=desc, position=pos, section=section))
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
    section: str = "card"
    as_of: dt.date | None = None  # the date of the typed value (today for a computed one)


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
        as_of = dt.date.today() if origin == "computed" else (v.as_of if v else None)
        out.append(KpiRow(k.code, k.name, k.unit, k.target, k.period, val, origin, percent_of(val, k.target),
                          prev, comment, k.computed, k.section, as_of))
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
