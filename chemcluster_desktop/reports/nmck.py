"""The justification of the initial maximum contract price (обоснование НМЦК) by comparable market
prices: per need the table of commercial offers, the mean, σ, the coefficient of variation and the
НМЦК, with the contract manager's signature. Plain data in, PDF out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import styles as st


def _t(s: str) -> str:
    return translate("Reports", s)


@dataclass
class OfferRow:
    number: int
    supplier: str
    inn: str
    date: dt.date | None
    reference: str
    unit_price: Decimal
    deviation: Decimal | None  # % from the mean
    stale: bool = False
    outlier: bool = False


@dataclass
class NmckSection:
    need_id: int
    name: str
    specification: str
    quantity: Decimal
    unit: str
    workshop: str
    okpd2: str
    law: str
    offers: list[OfferRow]
    mean: Decimal | None
    sigma: Decimal | None
    cv_percent: Decimal | None
    nmck: Decimal | None
    valid: bool
    message: str
    plan_number: str = ""


@dataclass
class NmckReport:
    college: str
    sections: Sequence[NmckSection]
    manager: str = ""
    logo_png: bytes | None = None
    subtitle: str = ""
    notes: list[str] = field(default_factory=list)


def _pct(v: Decimal | None, sign: bool = False) -> str:
    if v is None:
        return "—"
    return format(v, "+f" if sign else "f").replace(".", ",")


def _section(sec: NmckSection, width: float) -> list:
    story: list = [st.h2(translate("Reports", "Потребность № {0}: {1}").format(sec.need_id, sec.name))]
    facts = [
        (translate("Reports", "Характеристики"), sec.specification or "—"),
        (translate("Reports", "Количество"), f"{st.number(sec.quantity)} {sec.unit}"),
        (translate("Reports", "Мастерская / лаборатория"), sec.workshop or "—"),
        (translate("Reports", "Код ОКПД2"), sec.okpd2 or "—"),
        (translate("Reports", "Закон / строка плана-графика"), f"{sec.law}" + (f", {sec.plan_number}" if sec.plan_number else "")),
        (translate("Reports", "Метод"), translate("Reports", "метод сопоставимых рыночных цен (анализа рынка) по положению о закупке заказчика "
                         "(Федеральный закон № 223-ФЗ), с применением методических рекомендаций Приказа "
                         "Минэкономразвития России от 02.10.2013 № 567") if "223" in sec.law else
         translate("Reports", "метод сопоставимых рыночных цен (анализа рынка), ст. 22 Федерального закона № 44-ФЗ, "
            "Приказ Минэкономразвития России от 02.10.2013 № 567")),
    ]
    story += st.table([[st.p(k, st.CELL), st.p(v, st.CELL)] for k, v in facts], header=[translate("Reports", "Сведение"), translate("Reports", "Значение")],
                      widths=[width * 0.28, width * 0.72], zebra=False)
    story.append(Spacer(1, 3 * mm))
    rows = []
    for o in sec.offers:
        mark = []
        if o.stale:
            mark.append(translate("Reports", "старше 6 мес."))
        if o.outlier:
            mark.append(translate("Reports", "выпадает"))
        rows.append([str(o.number), st.p(o.supplier, st.CELL), o.inn, st.date(o.date), st.p(o.reference, st.CELL),
                     st.money(o.unit_price), _pct(o.deviation, True), ", ".join(mark)])

    def styles_for(i, r):
        o = sec.offers[i]
        if o.outlier:
            return [("BACKGROUND", (0, 0), (-1, 0), st.BAD_BG)]
        if o.stale:
            return [("BACKGROUND", (0, 0), (-1, 0), st.WARN_BG)]
        return []

    story += st.table(rows, header=[translate("Reports", "№"), translate("Reports", "Поставщик (источник ценовой информации)"), translate("Reports", "ИНН"), translate("Reports", "Дата КП"),
                                    translate("Reports", "Исх. № КП"), translate("Reports", "Цена за ед., ₽"), translate("Reports", "Откл. от средней, %"),
                                    translate("Reports", "Отметка")],
                      widths=[width * f for f in (0.05, 0.30, 0.11, 0.09, 0.11, 0.13, 0.10, 0.11)],
                      align=["C", "L", "C", "C", "L", "R", "R", "C"], row_styles=styles_for)
    story.append(Spacer(1, 3 * mm))
    n = len(sec.offers)
    calc = [
        (translate("Reports", "Количество предложений n"), str(n)),
        (translate("Reports", "Средняя цена за единицу Цср = ΣЦi / n, ₽"), st.money(sec.mean) if sec.mean is not None else "—"),
        (translate("Reports", "Среднее квадратичное отклонение σ = √(Σ(Цi − Цср)² / (n − 1)), ₽"),
         st.money(sec.sigma) if sec.sigma is not None else "—"),
        (translate("Reports", "Коэффициент вариации V = σ / Цср × 100 %"), _pct(sec.cv_percent) + (" %" if sec.cv_percent is not None
                                                                                 else "")),
        (translate("Reports", "НМЦК = количество × Цср, ₽"), st.money(sec.nmck) if sec.valid and sec.nmck is not None else "—"),
    ]
    story += st.table([[st.p(k, st.CELL), v] for k, v in calc], header=[translate("Reports", "Расчёт"), translate("Reports", "Значение")],
                      widths=[width * 0.7, width * 0.3], align=["L", "R"], zebra=False)
    story.append(Spacer(1, 2 * mm))
    if sec.valid:
        verdict = translate("Reports", "Коэффициент вариации не превышает 33 %: совокупность цен однородна. Начальная (максимальная) "
                     "цена контракта — {0} ₽.").format(st.money(sec.nmck))
        story.append(st.p(verdict, st.BASE))
        if sec.message:
            story.append(st.p(sec.message, st.SMALL))
    else:
        story.append(st.markup("<b>" + escape(translate("Reports", "Обоснование отклонено.")) + "</b> " + escape(sec.message),
                               st.BASE))
    return story


def build(dest, rep: NmckReport, *, cancelled: Callable[[], bool] | None = None) -> None:
    info = st.DocInfo(title=translate("Reports", "Обоснование начальной (максимальной) цены контракта"), college=rep.college,
                      subtitle=rep.subtitle, logo_png=rep.logo_png)
    width = st.content_width(info)
    story: list = []
    for i, sec in enumerate(rep.sections):
        if i:
            story.append(PageBreak())
        story += _section(sec, width)
        story.append(Spacer(1, 3 * mm))
        story.append(st.p(translate("Reports", "Дата составления обоснования: {0}").format(st.date(dt.date.today())), st.BASE))
        story.append(st.signature_block([(translate("Reports", "Контрактный управляющий"), rep.manager)], width))
        if cancelled and cancelled():
            from chemcluster_desktop.errors import Cancelled

            raise Cancelled()
    if not rep.sections:
        story.append(st.p(translate("Reports", "Нет потребностей с коммерческими предложениями.")))
    for note in rep.notes:
        story.append(st.p(note, st.SMALL))
    st.build_pdf(dest, info, story, cancelled=cancelled)
