"""The cluster's periodic KPI report: targets, actuals, percent of target, comments; a short
summary of the registry and the budget; the director's signature. Plain data in, PDF out."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import styles as st
from chemcluster_desktop.reports.flow import ONE_TABLE, signed, titled


def _t(s: str) -> str:
    return translate("Reports", s)


@dataclass
class KpiLine:
    number: int
    name: str
    unit: str
    target: Decimal
    target_period: str
    actual: Decimal | None
    percent: Decimal | None
    previous: Decimal | None
    comment: str
    origin: str = ""  # entered | computed | ''
    section: str = "card"  # card (the project card's) | college (the college's own)
    as_of: object = None  # the date the value is true on


@dataclass
class KpiReport:
    college: str
    period_label: str
    lines: list[KpiLine]
    director: str = ""
    logo_png: bytes | None = None
    participants: list[tuple[str, str, str]] = field(default_factory=list)  # (name, kind, agreement)
    directions: list[tuple[str, str, str, int]] = field(default_factory=list)  # (code, name, level, places)
    budget: list[tuple[str, Decimal, Decimal, Decimal, Decimal]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _fmt(v: Decimal | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "₽":
        return st.money(v)
    return st.number(v)


def _status(percent: Decimal | None):
    if percent is None:
        return st.MUTED, None
    if percent >= 100:
        return st.OK, st.OK_BG
    if percent >= 75:
        return st.WARN, st.WARN_BG
    return st.BAD, st.BAD_BG


def _kpi_table(lines: list[KpiLine], w: float) -> list:
    rows = []
    for ln in lines:
        pct = "—" if ln.percent is None else st.number(ln.percent) + " %"
        actual = _fmt(ln.actual, ln.unit)
        if ln.origin == "computed":
            actual += " *"
        if ln.actual is not None and ln.as_of is not None:
            actual += "\n" + _t("на {0}").format(st.date(ln.as_of))
        rows.append([
            str(ln.number), st.p(ln.name, st.CELL), ln.unit, _fmt(ln.target, ln.unit),
            ln.target_period or "", _fmt(ln.previous, ln.unit), st.p(actual, st.CELL), pct, st.p(ln.comment, st.CELL),
        ])
    widths = [8 * mm, w * 0.27, 14 * mm, 26 * mm, 14 * mm, 26 * mm, 28 * mm, 18 * mm]
    widths.append(w - sum(widths))

    def row_style(i, r):
        fg, bg = _status(lines[i].percent)
        cmds = [("TEXTCOLOR", (7, 0), (7, 0), fg)]
        if bg is not None:
            cmds.append(("BACKGROUND", (7, 0), (7, 0), bg))
        return cmds

    if not rows:
        return [st.p(_t("Показатели не заведены."), st.BASE)]
    return st.table(rows, [_t("№"), _t("Показатель"), _t("Ед. изм."), _t("Плановое значение"), _t("Срок"),
                           _t("Предыдущий период"), _t("Факт"), _t("% от плана"), _t("Комментарий")],
                    widths, align=["C", "L", "C", "R", "C", "R", "R", "R", "L"], row_styles=row_style, chunk=ONE_TABLE)


def build(dest, rep: KpiReport, *, cancelled=None) -> None:
    info = st.DocInfo(
        title=_t("Отчёт о достижении показателей кластера «Химический потенциал»"),
        college=rep.college,
        subtitle=_t("Отчётный период: {0}").format(rep.period_label),
        landscape=True,
        logo_png=rep.logo_png,
        signatures=[(_t("Директор"), rep.director)],
    )
    width = st.content_width(info)
    story = []
    w = width
    card = [ln for ln in rep.lines if ln.section == "card"]
    own = [ln for ln in rep.lines if ln.section != "card"]
    story += titled([st.h2(_t("1. Показатели карточки флагманского проекта (п. 10 карточки; сроки реализации "
                               "2023–2024 гг.)"))], _kpi_table(card, w))
    done = sum(1 for ln in card if ln.percent is not None and ln.percent >= 100)
    story.append(st.p(_t("Достигнуто плановых значений карточки: {0} из {1}.").format(done, len(card)), st.BASE))
    if own:
        story += titled([st.h2(_t("1а. Собственные показатели колледжа (в карточку проекта не входят)")),
                          st.p(_t("Плановые значения установлены колледжем, а не карточкой проекта."), st.SMALL)],
                         _kpi_table(own, w))
    story.append(st.p(_t("* — значение рассчитано программой по данным разделов (реестр кластера, "
                         "аккредитация, закупки, расписание) на дату формирования отчёта; введённые значения "
                         "датированы днём, на который они верны."), st.SMALL))

    if rep.participants:
        story += titled([st.h2(_t("2. Участники кластера"))], st.table(
            [[str(i), st.p(n, st.CELL), st.p(k, st.CELL), st.p(a, st.CELL)]
             for i, (n, k, a) in enumerate(rep.participants, 1)],
            [_t("№"), _t("Участник"), _t("Вид"), _t("Соглашение")],
            [8 * mm, w * 0.55, 40 * mm, w * 0.45 - 48 * mm], align=["C", "L", "L", "L"], chunk=ONE_TABLE))
    if rep.directions:
        story += titled([st.h2(_t("3. Направления обучения"))], st.table(
            [[str(i), c, st.p(n, st.CELL), lv, st.number(pl)] for i, (c, n, lv, pl) in enumerate(rep.directions, 1)],
            [_t("№"), _t("Код"), _t("Специальность / профессия"), _t("Уровень"), _t("Мест в год")],
            [8 * mm, 20 * mm, w - 8 * mm - 20 * mm - 30 * mm - 24 * mm, 30 * mm, 24 * mm],
            align=["C", "C", "L", "L", "R"], chunk=ONE_TABLE))
    if rep.budget:
        heading = [st.h2(_t("4. Финансирование по источникам, ₽"))]
        tot = [sum((b[i] for b in rep.budget), Decimal(0)) for i in range(1, 5)]
        data = [[st.p(b[0], st.CELL), st.money(b[1]), st.money(b[2]), st.money(b[3]), st.money(b[4])]
                for b in rep.budget]
        data.append([_t("Итого"), *[st.money(x) for x in tot]])
        story += titled(heading, st.table(
            data, [_t("Источник"), _t("Лимит"), _t("План (НМЦК)"), _t("Законтрактовано"), _t("Оплачено")],
            [w - 4 * 38 * mm, 38 * mm, 38 * mm, 38 * mm, 38 * mm], align=["L", "R", "R", "R", "R"],
            row_styles=lambda i, r: ([("FONT", (0, 0), (-1, 0), st.fonts.CONDENSED_BOLD, 8)]
                                     if i == len(data) - 1 else []), chunk=ONE_TABLE), total=True)
    for n in rep.notes:
        story.append(st.p(n, st.SMALL))
    story, info = signed(story, info, w)  # the director's signature with the last rows, never alone on a page
    st.build_pdf(dest, info, story, cancelled=cancelled)
