"""The timetable a school signs: one page per school and month.

Each page carries the approval blocks of a document agreed between two organisations — «СОГЛАСОВАНО»
(the school's director) on the left, «УТВЕРЖДАЮ» (the college's director) on the right, each with the
position, a line for the signature, the name and «__» ________ 20__ г. — the number of the network
agreement (договор о сетевой форме реализации образовательных программ, ст. 15 Федерального закона
от 29.12.2012 № 273-ФЗ) and the month's visits: date, day, lessons and bell times, class (the parallel
subgroups of one visit on one line), module, workshop and instructor of each subgroup, a substitute
marked «замена за …». A month is fitted to one page (the table shrinks when a month is crowded).

Plain data in: :class:`SchoolPaper` with rows already grouped by visit (see
``services.schedule.report_schedule``); nothing here knows the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, Spacer, Table, TableStyle

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts
from chemcluster_desktop.reports.styles import (
    CELL,
    SMALL,
    SUBTITLE,
    DocInfo,
    build_pdf,
    content_width,
    p,
    table,
)

MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
          "декабрь"]


def _t(s: str) -> str:
    return translate("Reports", s)


@dataclass
class SchoolPaper:
    school: str
    director: str = ""
    agreement: str = ""
    # (year, month) -> rows: date, day, lessons, time, class, module, workshops, instructors
    months: dict[tuple[int, int], list[list[str]]] = field(default_factory=dict)


APPROVAL = ParagraphStyle("approval", parent=CELL, fontName=fonts.BOLD, fontSize=9, leading=12)


def _approval(left_title: str, left_lines: list[str], right_title: str, right_lines: list[str], width: float):
    def block(title, lines):
        return [p(title, APPROVAL)] + [p(x, CELL) for x in lines]

    t = Table([[block(left_title, left_lines), "", block(right_title, right_lines)]],
              colWidths=[width * 0.42, width * 0.16, width * 0.42])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def build(dest, *, title: str, college: str, college_short: str, college_director: str, term: str,
          papers: list[SchoolPaper], cancelled=None) -> int:
    info = DocInfo(title=title, college=college, landscape=True)
    width = content_width(info)
    # the frame's height less the running header and footer (styles.build_pdf: 16 mm margins)
    frame_h = 210 * mm - 2 * 16 * mm - 2 * mm
    story: list = []
    n = 0
    first = True
    for paper in papers:
        for (year, month), rows in sorted(paper.months.items()):
            if not first:
                story.append(PageBreak())
            first = False
            date_line = _t("«___» ____________ 20___ г.")
            page = [
                _approval(_t("СОГЛАСОВАНО"), [_t("Директор {0}").format(paper.school), "",
                                              _t("____________ / {0}").format(paper.director or "________________"),
                                              date_line],
                          _t("УТВЕРЖДАЮ"), [_t("Директор {0}").format(college_short or college), "",
                                            _t("____________ / {0}").format(college_director or "________________"),
                                            date_line], width),
                Spacer(1, 3 * mm),
                p(_t("Расписание занятий 8-х классов {0} в мастерских {1} на {2} {3} г.").format(
                    paper.school, college_short or college, _t(MONTHS[month - 1]), year), SUBTITLE),
                p(_t("{0}. Договор о сетевой форме реализации образовательной программы № {1}").format(
                    term, paper.agreement or "—"), SMALL),
                Spacer(1, 2 * mm),
            ]
            w = [19 * mm, 11 * mm, 12 * mm, 22 * mm, 24 * mm]
            rest = width - sum(w)
            page += table([[r[0], r[1], r[2], r[3], p(r[4], CELL), p(r[5], CELL), p(r[6], CELL), p(r[7], CELL)]
                           for r in rows],
                          [_t("Дата"), _t("День"), _t("Уроки"), _t("Время"), _t("Класс"), _t("Модуль"),
                           _t("Мастерская"), _t("Преподаватель")],
                          w + [rest * 0.36, rest * 0.34, rest * 0.30], align=["L", "C", "C", "C", "L", "L", "L", "L"])
            # one page per school and month: a crowded month is shrunk to fit rather than spilled over
            story.append(KeepInFrame(width, frame_h - 30 * mm, page, mode="shrink"))
            n += len(rows)
    if not story:
        story.append(p(_t("Занятий нет."), CELL))
    build_pdf(dest, info, story, title_block=False, cancelled=cancelled)
    return n
