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
from chemcluster_desktop.reports.flow import ONE_TABLE, titled, with_signatures


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
    late: bool = False  # dated after the justification


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
    cv_over: bool = False  # rejected because V > 33 %
    price_sum: Decimal | None = None  # ΣЦi: the НМЦК is v / n × ΣЦi, not v × the rounded Цср

    @property
    def mean_product(self) -> Decimal | None:
        """v × Цср as a reader multiplies the printed figures, when it differs from the printed НМЦК."""
        if not self.valid or self.nmck is None or self.mean is None:
            return None
        product = (self.quantity * self.mean).quantize(Decimal("0.01"))
        return product if product != self.nmck else None


# п. 3.20.1 of the recommendations (приказ Минэкономразвития России от 02.10.2013 № 567): НМЦК = v / n × Σцᵢ;
# they set no rounding of the mean, so the НМЦК is rounded once, at the end (services/procurement/nmck_calc.py)
def _rule() -> str:
    return translate("Reports", "п. 3.20.1 Методических рекомендаций, утв. приказом Минэкономразвития России от "
                     "02.10.2013 № 567")


@dataclass
class RequestRow:
    supplier: str
    sent_on: dt.date
    outgoing_number: str
    reply: str  # «КП от …» or «ответа нет»


@dataclass
class LineDoc:
    """One purchase's justification: its positions, the requests and the total."""

    number: str
    title: str
    law: str
    method: str
    ikz: str
    justified_on: dt.date | None
    methodology: str
    positions: list[NmckSection]
    requests: list[RequestRow]
    min_requests: int
    total: Decimal | None
    valid: bool
    warnings: list[str] = field(default_factory=list)
    # a single-supplier purchase (44-ФЗ ст. 93): ст. 22 ч. 1 calls its figure «цена контракта, заключаемого
    # с единственным поставщиком», not an initial maximum price; no notice, so no НМЦК of a notice
    single: bool = False


@dataclass
class NmckReport:
    college: str
    sections: Sequence[NmckSection]
    manager: str = ""
    logo_png: bytes | None = None
    subtitle: str = ""
    notes: list[str] = field(default_factory=list)
    lines: Sequence[LineDoc] = ()


def _pct(v: Decimal | None, sign: bool = False) -> str:
    if v is None:
        return "—"
    if v == 0:
        v = abs(v)  # a deviation rounded to zero keeps no sign («-0,0» read as a price below the mean)
    return format(v, "+f" if sign else "f").replace(".", ",")


def _section(sec: NmckSection, width: float) -> list:
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
    # every table one table (its column header repeated at each page top), each heading with its first rows
    story = titled([st.h2(translate("Reports", "Потребность № {0}: {1}").format(sec.need_id, sec.name))],
                   st.table([[st.p(k, st.CELL), st.p(v, st.CELL)] for k, v in facts],
                            header=[translate("Reports", "Сведение"), translate("Reports", "Значение")],
                            widths=[width * 0.28, width * 0.72], zebra=False, chunk=ONE_TABLE))
    story.append(Spacer(1, 3 * mm))
    rows = []
    for o in sec.offers:
        mark = []
        if o.stale:
            mark.append(translate("Reports", "старше 6 мес."))
        if o.outlier:
            mark.append(translate("Reports", "выпадает"))
        if o.late:
            mark.append(translate("Reports", "позже даты обоснования"))
        rows.append([str(o.number), st.p(o.supplier, st.CELL), o.inn, st.date(o.date), st.p(o.reference, st.CELL),
                     st.money(o.unit_price), _pct(o.deviation, True), ", ".join(mark)])

    def styles_for(i, r):
        o = sec.offers[i]
        if o.outlier or o.late:
            return [("BACKGROUND", (0, 0), (-1, 0), st.BAD_BG)]
        if o.stale:
            return [("BACKGROUND", (0, 0), (-1, 0), st.WARN_BG)]
        return []

    story += st.table(rows, header=[translate("Reports", "№"), translate("Reports", "Поставщик (источник ценовой информации)"), translate("Reports", "ИНН"), translate("Reports", "Дата КП"),
                                    translate("Reports", "Исх. № КП"), translate("Reports", "Цена за ед., ₽"), translate("Reports", "Откл. от средней, %"),
                                    translate("Reports", "Отметка")],
                      widths=[width * f for f in (0.05, 0.30, 0.11, 0.09, 0.11, 0.13, 0.10, 0.11)],
                      align=["C", "L", "C", "C", "L", "R", "R", "C"], row_styles=styles_for, chunk=ONE_TABLE)
    story.append(Spacer(1, 3 * mm))
    n = len(sec.offers)
    if sec.price_sum is not None and n:
        formula = translate("Reports", "НМЦК = v / n × ΣЦi = {0} / {1} × {2}, ₽ ({3})").format(
            st.number(sec.quantity), n, st.money(sec.price_sum), _rule())
    else:
        formula = translate("Reports", "НМЦК = количество × Цср, ₽")
    calc = [
        (translate("Reports", "Количество предложений n"), str(n)),
        *([(translate("Reports", "Сумма цен ΣЦi, ₽"), st.money(sec.price_sum))] if sec.price_sum is not None else []),
        (translate("Reports", "Средняя цена за единицу Цср = ΣЦi / n, ₽ (округлена до копейки)"),
         st.money(sec.mean) if sec.mean is not None else "—"),
        (translate("Reports", "Среднее квадратичное отклонение σ = √(Σ(Цi − Цср)² / (n − 1)), ₽"),
         st.money(sec.sigma) if sec.sigma is not None else "—"),
        (translate("Reports", "Коэффициент вариации V = σ / Цср × 100 %"), _pct(sec.cv_percent) + (" %" if sec.cv_percent is not None
                                                                                 else "")),
        (formula, st.money(sec.nmck) if sec.valid and sec.nmck is not None else "—"),
    ]
    story += st.table([[st.p(k, st.CELL), v] for k, v in calc], header=[translate("Reports", "Расчёт"), translate("Reports", "Значение")],
                      widths=[width * 0.7, width * 0.3], align=["L", "R"], zebra=False, chunk=ONE_TABLE)
    if sec.mean_product is not None:  # the reader's v × Цср: say why it is not the НМЦК
        story.append(st.p(_why(sec), st.SMALL))
    story.append(Spacer(1, 2 * mm))
    if sec.valid:
        verdict = translate("Reports", "Коэффициент вариации не превышает 33 %: совокупность цен однородна. Начальная (максимальная) "
                     "цена контракта — {0} ₽.").format(st.money(sec.nmck))
        story.append(st.p(verdict, st.BASE))
        if sec.message:
            story.append(st.p(sec.message, st.SMALL))
    elif sec.cv_over:
        story.append(st.markup("<b>" + escape(translate("Reports", "Коэффициент вариации {0} % больше 33 %: совокупность цен "
                                                          "неоднородна.").format(_pct(sec.cv_percent))) + "</b>", st.BASE))
    else:
        story.append(st.markup("<b>" + escape(translate("Reports", "Обоснование отклонено.")) + "</b> " + escape(sec.message),
                               st.BASE))
    return story


def _why(sec: NmckSection) -> str:
    return translate("Reports", "Количество × Цср = {0} × {1} = {2} ₽ отличается от НМЦК {3} ₽: Цср показана "
                     "округлённой до копейки, а НМЦК считается от суммы цен и округляется один раз — в конце "
                     "({4}).").format(st.number(sec.quantity), st.money(sec.mean), st.money(sec.mean_product),
                                      st.money(sec.nmck), _rule())


def _line_doc(doc: LineDoc, width: float, manager: str) -> list:
    head = (translate("Reports", "Обоснование цены контракта с единственным поставщиком, закупка {0}: {1}") if doc.single
            else translate("Reports", "Обоснование НМЦК закупки {0}: {1}"))
    facts = [
        (translate("Reports", "Идентификационный код закупки (ИКЗ)"), doc.ikz or "—"),
        (translate("Reports", "Закон, способ определения поставщика"), f"{doc.law}, {doc.method}"),
        (translate("Reports", "Дата обоснования"), st.date(doc.justified_on) if doc.justified_on else
         translate("Reports", "не обоснована (проект)")),
        (translate("Reports", "Методика"), doc.methodology),
        (translate("Reports", "Позиций"), str(len(doc.positions))),
    ]
    story = titled([st.h2(head.format(doc.number, doc.title))],
                   st.table([[st.p(k, st.CELL), st.p(v, st.CELL)] for k, v in facts],
                            header=[translate("Reports", "Сведение"), translate("Reports", "Значение")],
                            widths=[width * 0.30, width * 0.70], zebra=False, chunk=ONE_TABLE))
    requests = [Spacer(1, 3 * mm), st.h3(translate("Reports", "Запросы ценовой информации (рекомендуется не меньше {0})")
                                         .format(doc.min_requests))]
    if doc.requests:
        story += titled(requests, st.table([[str(i), st.p(r.supplier, st.CELL), st.date(r.sent_on), st.p(r.outgoing_number, st.CELL),
                            st.p(r.reply, st.CELL)] for i, r in enumerate(doc.requests, 1)],
                          header=[translate("Reports", "№"), translate("Reports", "Поставщик"), translate("Reports", "Дата запроса"),
                                  translate("Reports", "Исх. №"), translate("Reports", "Ответ")],
                          widths=[width * f for f in (0.05, 0.40, 0.13, 0.17, 0.25)], align=["C", "L", "C", "L", "L"],
                          chunk=ONE_TABLE))
    else:
        story += [*requests, st.p(translate("Reports", "Запросы не зарегистрированы."), st.BASE)]
    for sec in doc.positions:
        story.append(Spacer(1, 3 * mm))
        story += _section(sec, width)
    rows = [[str(i), st.p(sec.name, st.CELL), sec.okpd2 or "—", f"{st.number(sec.quantity)} {sec.unit}",
             st.money(sec.mean) if sec.mean is not None else "—",
             st.money(sec.nmck) if sec.valid and sec.nmck is not None else "—"] for i, sec in enumerate(doc.positions, 1)]
    total_label = translate("Reports", "Итого цена контракта") if doc.single else translate("Reports", "Итого НМЦК закупки")
    rows.append(["", st.markup("<b>" + escape(total_label) + "</b>", st.CELL), "", "", "",
                 st.money(doc.total) if doc.valid and doc.total is not None else "—"])
    story += titled([Spacer(1, 3 * mm), st.h3(translate("Reports", "Цена контракта по позициям") if doc.single
                                              else translate("Reports", "НМЦК закупки"))],
                    st.table(rows, header=[translate("Reports", "№"), translate("Reports", "Позиция"), translate("Reports", "ОКПД2 / КТРУ"),
                                    translate("Reports", "Кол-во"), translate("Reports", "Цср, ₽"), translate("Reports", "НМЦК, ₽")],
                      widths=[width * f for f in (0.05, 0.39, 0.15, 0.11, 0.14, 0.16)],
                      align=["C", "L", "C", "R", "R", "R"], zebra=False, chunk=ONE_TABLE), total=True)
    differ = [str(i) for i, sec in enumerate(doc.positions, 1) if sec.mean_product is not None]
    if differ:  # the reader multiplies Кол-во × Цср of these rows and gets a kopeck or so more or less
        story.append(st.p(translate("Reports", "Позиции № {0}: количество × Цср отличается от НМЦК позиции на доли "
                                    "копейки на единицу — НМЦК = v / n × ΣЦi, округление один раз, в конце ({1}); "
                                    "расчёт приведён в разделе позиции.").format(", ".join(differ), _rule()), st.SMALL))
    for w in doc.warnings:
        story.append(st.p(w, st.SMALL))
    story.append(Spacer(1, 3 * mm))
    if doc.valid:
        verdict = (translate("Reports", "Цена контракта, заключаемого с единственным поставщиком, — {0} ₽.") if doc.single
                   else translate("Reports", "Начальная (максимальная) цена контракта — {0} ₽."))
        story.append(st.p(verdict.format(st.money(doc.total)), st.BASE))
        story.append(st.p(translate("Reports", "Дата составления обоснования: {0}").format(
            st.date(doc.justified_on) if doc.justified_on else "—"), st.BASE))
        # the signature on the page of the total's last rows and the verdict, never alone on a page
        story = with_signatures(story, [(translate("Reports", "Контрактный управляющий"), manager)], width)
    else:
        story.append(st.markup("<b>" + escape(translate("Reports", "Обоснование не утверждается.")) + "</b>", st.BASE))
    return story


def build(dest, rep: NmckReport, *, cancelled: Callable[[], bool] | None = None) -> None:
    title = (translate("Reports", "Обоснование цены контракта")
             if rep.lines and not rep.sections and all(d.single for d in rep.lines)
             else translate("Reports", "Обоснование начальной (максимальной) цены контракта"))
    info = st.DocInfo(title=title, college=rep.college,
                      subtitle=rep.subtitle, logo_png=rep.logo_png)
    width = st.content_width(info)
    story: list = []
    for i, doc in enumerate(rep.lines):
        if i:
            story.append(PageBreak())
        story += _line_doc(doc, width, rep.manager)
        if cancelled and cancelled():
            from chemcluster_desktop.errors import Cancelled

            raise Cancelled()
    for i, sec in enumerate(rep.sections):
        if i or rep.lines:
            story.append(PageBreak())
        story += _section(sec, width)
        story.append(Spacer(1, 3 * mm))
        # a need outside the plan-schedule: a draft calculation, not a justification to sign
        story.append(st.p(translate("Reports", "Предварительный расчёт по потребности вне плана-графика на {0}; обоснование "
                                    "составляется по строке плана-графика.").format(st.date(dt.date.today())), st.SMALL))
        if cancelled and cancelled():
            from chemcluster_desktop.errors import Cancelled

            raise Cancelled()
    if not rep.sections and not rep.lines:
        story.append(st.p(translate("Reports", "Нет потребностей с коммерческими предложениями.")))
    for note in rep.notes:
        story.append(st.p(note, st.SMALL))
    st.build_pdf(dest, info, story, cancelled=cancelled)
