"""The parts every unified form of the Ministry of Finance shares (приказ Минфина России от 15.04.2021
№ 61н «Об утверждении унифицированных форм электронных документов бухгалтерского учёта…» в ред.
приказа от 07.11.2022 № 157н; 52н for ф. 0504xxx): the form's title and number, the codes box on the
right (Форма по ОКУД, Дата, по ОКПО, ИНН, КПП, по ОКЕИ), the header lines (учреждение, структурное
подразделение …) and the signatures with position, signature and its transcript.

Plain data in; :func:`build` lays the pages out with the common footer («стр. N из M»).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts
from chemcluster_desktop.reports.flow import ONE_TABLE, EndTogether, end_together
from chemcluster_desktop.reports.styles import BASE, INK, RULE, SMALL, DocInfo, build_pdf, content_width, p

FORM_TITLE = ParagraphStyle("formtitle", parent=BASE, fontName=fonts.BOLD, fontSize=10.5, leading=13,
                            alignment=TA_CENTER)
LABEL = ParagraphStyle("formlabel", parent=SMALL, fontSize=7.5, leading=9)
VALUE = ParagraphStyle("formvalue", parent=BASE, fontSize=8.5, leading=10.5)
TINY = ParagraphStyle("formtiny", parent=SMALL, fontSize=6, leading=7, alignment=TA_CENTER, textColor=INK)

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")




def _t(s: str) -> str:
    return translate("Forms", s)


@dataclass
class Requisites:
    """The institution as the forms print it (Сервис → Настройки)."""

    name: str = ""
    inn: str = ""
    kpp: str = ""
    okpo: str = ""
    unit: str = ""
    address: str = ""
    director: str = ""
    director_position: str = ""
    accountant: str = ""


@dataclass
class Signer:
    role: str  # «Председатель комиссии», «Член комиссии», «Материально ответственное лицо»
    position: str = ""
    name: str = ""


@dataclass
class FormHead:
    title: str  # «ИНВЕНТАРИЗАЦИОННАЯ ОПИСЬ (СЛИЧИТЕЛЬНАЯ ВЕДОМОСТЬ) …»
    number: str
    okud: str
    date: dt.date | None
    req: Requisites
    lines: list[tuple[str, str]] = field(default_factory=list)  # extra header lines (label, value)
    codes: list[tuple[str, str]] = field(default_factory=list)  # extra codes (label, code)
    okei: str = "383"  # the sums are in roubles


def long_date(d: dt.date | None) -> str:
    if d is None:
        return "«___» ____________ 20__ г."
    return f"«{d.day:02d}» {MONTHS[d.month - 1]} {d.year} г."


def short_date(d: dt.date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def header(h: FormHead, width: float) -> list:
    """The title with its number and date, and the header lines beside the codes box."""
    width -= 0.5  # float sums of the column widths must not exceed the frame
    code_w, label_w = 26 * mm, 24 * mm
    left_label = (53 if width > 200 * mm else 48) * mm  # landscape: «Материально ответственное лицо» on one line
    value_w = width - code_w - label_w - left_label
    rows: list[list] = []
    style: list = [("FONT", (0, 0), (-1, -1), fonts.CONDENSED, 8), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                   ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                   ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                   ("TEXTCOLOR", (0, 0), (-1, -1), INK)]
    codes = [("", _t("Коды")), (_t("Форма по ОКУД"), h.okud), (_t("Дата"), short_date(h.date)),
             (_t("по ОКПО"), h.req.okpo), (_t("ИНН"), h.req.inn), (_t("КПП"), h.req.kpp), *h.codes,
             (_t("по ОКЕИ"), h.okei)]
    lines = [("", ""), ("", ""), ("", _t("от {0}").format(long_date(h.date))),
             (_t("Учреждение"), h.req.name), ("", ""), ("", ""),
             (_t("Структурное подразделение"), h.req.unit), *h.lines,
             (_t("Единица измерения"), _t("руб."))]
    n = max(len(codes), len(lines))
    codes += [("", "")] * (n - len(codes))
    lines += [("", "")] * (n - len(lines))
    for i, ((lab, val), (clab, code)) in enumerate(zip(lines, codes, strict=True)):
        rows.append([p(lab, LABEL), p(val, VALUE), p(clab, LABEL), code])
        if val and lab:
            style.append(("LINEBELOW", (1, i), (1, i), 0.5, INK))
        if i == 0:
            style += [("ALIGN", (3, i), (3, i), "CENTER"), ("BOX", (3, i), (3, i), 0.6, INK)]
        else:
            style += [("BOX", (3, i), (3, i), 0.9 if i == 1 else 0.6, INK), ("ALIGN", (3, i), (3, i), "CENTER"),
                      ("FONT", (3, i), (3, i), fonts.CONDENSED_BOLD if i == 1 else fonts.CONDENSED, 8)]
        style.append(("ALIGN", (2, i), (2, i), "RIGHT"))
    t = Table(rows, colWidths=[left_label, value_w, label_w, code_w])
    t.setStyle(TableStyle(style))
    title = Paragraph(f"{_esc(h.title)}<br/>№ {_esc(h.number)}", FORM_TITLE)
    return [title, Spacer(1, 1 * mm), t, Spacer(1, 3 * mm)]


def _esc(s: str) -> str:
    from xml.sax.saxutils import escape

    return escape(s or "")


def field_lines(pairs: Sequence[tuple[str, str]], width: float, label_w: float = 60 * mm) -> Table:
    """Labelled values on underlined lines («Основание: …»)."""
    rows = [[p(a, LABEL), p(b, VALUE)] for a, b in pairs]
    t = Table(rows, colWidths=[label_w, width - label_w - 0.5])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (1, 0), (1, -1), 0.5, INK),
                           ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                           ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    return t


def signatures(signers: Sequence[Signer], width: float, *, on: dt.date | None = None) -> KeepTogether:
    """«Председатель комиссии  должность  ________  расшифровка подписи» with the captions under the lines."""
    return KeepTogether([Spacer(1, 3 * mm), _signature_table(signers, width, on)])


def _signature_table(signers: Sequence[Signer], width: float, on: dt.date | None) -> Table:
    width -= 0.5  # float sums of the column widths must not exceed the frame
    # a landscape sheet (the write-off acts) gives its extra width to the role and the position, not to the
    # signature (~40 mm is room enough): «Материально ответственное лицо» and «Заведующий лабораторией
    # аналитической химии» each stay on one line, so a one-line act fits one sheet (a portrait form is as before)
    land = width > 200 * mm
    role_w = (53 if land else 48) * mm
    date_w = 22 * mm
    sig_w = min((width - role_w - date_w) * 0.24, 40 * mm)
    pos_w = (width - role_w - date_w - sig_w) * (0.56 if land else 0.5)
    name_w = width - role_w - pos_w - sig_w - date_w
    rows, style = [], [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 0),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 0), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                       ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    for s in signers:
        i = len(rows)
        rows.append([p(s.role, LABEL), p(s.position, VALUE), "", p(s.name, VALUE),
                     p(short_date(on) if on else "", VALUE)])
        rows.append(["", p(_t("(должность)"), TINY), p(_t("(подпись)"), TINY), p(_t("(расшифровка подписи)"), TINY),
                     p(_t("(дата)") if on is not None else "", TINY)])
        style += [("LINEBELOW", (1, i), (3, i), 0.5, INK), ("TOPPADDING", (0, i), (-1, i), 7)]
        if on is not None:
            style.append(("LINEBELOW", (4, i), (4, i), 0.5, INK))
    t = Table(rows, colWidths=[role_w, pos_w, sig_w, name_w, date_w])
    t.setStyle(TableStyle(style))
    return t


def statement(text: str, signers: Sequence[Signer], width: float, *, on: dt.date | None = None) -> KeepTogether:
    """A statement in the form's words and who signs it (the МОЛ's receipt, the closing statement)."""
    # one KeepTogether (a nested one pushed the block to the next page whatever the room left)
    return KeepTogether([Spacer(1, 2 * mm), p(text, VALUE), Spacer(1, 3 * mm), _signature_table(signers, width, on)])


def continued(h: FormHead) -> str:
    """«Форма по ОКУД 0504104, № СП-1 (продолжение)» — the line over a page of the closing blocks alone."""
    return _t("Форма по ОКУД {0}, № {1} (продолжение)").format(h.okud, h.number)


def boxed(text: str, width: float) -> Table:
    t = Table([[p(text, VALUE)]], colWidths=[width - 0.5])
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, RULE), ("LEFTPADDING", (0, 0), (-1, -1), 4)]))
    return t


def build(dest, title: str, college: str, story: list, *, landscape: bool = False,
          cancelled: Callable[[], bool] | None = None) -> DocInfo:
    info = DocInfo(title=title, college=college, landscape=landscape)
    build_pdf(dest, info, story, title_block=False, cancelled=cancelled)
    return info


def width(landscape: bool) -> float:
    return content_width(DocInfo(title="", landscape=landscape))


__all__ = ["ONE_TABLE", "EndTogether", "FormHead", "Requisites", "Signer", "boxed", "build", "continued", "end_together",
           "field_lines",
           "header", "long_date", "short_date", "signatures", "statement", "width"]
