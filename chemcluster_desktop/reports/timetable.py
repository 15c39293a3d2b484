"""Timetable PDFs: per school, class, workshop or instructor — a week grid (weekday × bell slot,
each cell listing who comes there and in which weeks) and a term list (every dated lesson).

Plain data in: :class:`Section` with lesson dicts (``date, slot, starts_at, ends_at, class,
school, module, workshop, instructor, size``) and the bell times.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports.styles import CELL, SMALL, DocInfo, build_pdf, content_width, h2, p, table

DAYS = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]


def _t(s: str) -> str:
    return translate("Reports", s)


@dataclass
class Section:
    title: str
    subtitle: str = ""
    lessons: list[dict] = field(default_factory=list)


def _ranges(dates: list[dt.date]) -> str:
    """Dates of the same weekday as week ranges: «07.09–28.09, 12.10»."""
    dates = sorted(set(dates))
    out, start, prev = [], None, None
    for d in dates:
        if start is None:
            start = prev = d
        elif (d - prev).days == 7:
            prev = d
        else:
            out.append((start, prev))
            start = prev = d
    if start is not None:
        out.append((start, prev))
    return ", ".join(a.strftime("%d.%m") if a == b else f"{a.strftime('%d.%m')}–{b.strftime('%d.%m')}" for a, b in out)


def week_grid_rows(lessons: list[dict], slots: list[dict], *, who: str) -> tuple[list[int], list[list]]:
    """Rows of the week grid: one per slot, one column per weekday used."""
    groups: dict[tuple[int, int], dict[tuple, list[dt.date]]] = defaultdict(lambda: defaultdict(list))
    for le in lessons:
        key = (le["class"], le["school"], le["module"], le["workshop"], le.get("instructor") or "")
        groups[(le["date"].weekday(), le["slot"])][key].append(le["date"])
    days = sorted({d for d, _s in groups} | set(range(5)))
    rows = []
    for s in slots:
        row = [p(f"{s['number']}\n{s['starts_at'].strftime('%H:%M')}–{s['ends_at'].strftime('%H:%M')}", CELL)]
        for d in days:
            parts = []
            for (cls, school, module, workshop, instructor), dates in sorted(groups.get((d, s["number"]), {}).items()):
                line = {"school": f"{cls}, {module.replace('Профпроба ', '')}, {workshop}",
                        "class": f"{module.replace('Профпроба ', '')}, {workshop}, {instructor}",
                        "workshop": f"{school}, {cls}: {module.replace('Профпроба ', '')}",
                        "instructor": f"{school}, {cls}: {module.replace('Профпроба ', '')}, {workshop}"}[who]
                parts.append(f"{line} ({_ranges(dates)})")
            row.append(p("\n".join(parts), SMALL) if parts else "")
        rows.append(row)
    return days, rows


def build(dest, *, title: str, college: str, sections: list[Section], slots: list[dict], who: str,
          view: str | None = None, cancelled=None) -> int:
    info = DocInfo(title=title, college=college, landscape=True,
                   subtitle=sections[0].subtitle if len(sections) == 1 else "")
    width = content_width(info)
    story = []
    for k, sec in enumerate(sections):
        if cancelled is not None and cancelled():
            from chemcluster_desktop.errors import Cancelled

            raise Cancelled()
        if k:
            story.append(PageBreak())
        story.append(h2(sec.title))
        if sec.subtitle and len(sections) > 1:
            story.append(p(sec.subtitle, SMALL))
        if not sec.lessons:
            story.append(p(translate("Reports", "Занятий нет."), CELL))
            continue
        if view in (None, "week"):
            days, rows = week_grid_rows(sec.lessons, slots, who=who)
            first = 22 * mm
            col = (width - first) / len(days)
            story += table(rows, [translate("Reports", "Урок")] + [_t(DAYS[d]) for d in days], [first] + [col] * len(days),
                           zebra=False)
            story.append(Spacer(1, 4 * mm))
        if view in (None, "term"):
            story.append(CondPageBreak(40 * mm))
            story.append(p(translate("Reports", "Список занятий за период"), CELL))
            rows = [[le["date"].strftime("%d.%m.%Y"), _t(DAYS[le["date"].weekday()]), str(le["slot"]),
                     f"{le['starts_at'].strftime('%H:%M')}–{le['ends_at'].strftime('%H:%M')}",
                     p(f"{le['school']}, {le['class']}", CELL), str(le["size"]), p(le["module"], CELL),
                     p(le["workshop"], CELL), p(le.get("instructor") or "—", CELL)]
                    for le in sec.lessons]
            w = [20 * mm, 9 * mm, 10 * mm, 20 * mm, 55 * mm, 12 * mm]
            rest = width - sum(w)
            story += table(rows, [translate("Reports", "Дата"), translate("Reports", "День"), translate("Reports", "Урок"), translate("Reports", "Время"), translate("Reports", "Школа, класс"), translate("Reports", "Чел."),
                                  translate("Reports", "Модуль"), translate("Reports", "Мастерская"), translate("Reports", "Преподаватель")],
                           w + [rest * 0.4, rest * 0.35, rest * 0.25], align=["L", "C", "C", "C", "L", "R", "L", "L", "L"])
    build_pdf(dest, info, story)
    return sum(len(s.lessons) for s in sections)
