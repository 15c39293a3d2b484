"""The timetable for schools as an .xlsx workbook: one sheet per school (plain rows in)."""

from __future__ import annotations

import datetime as dt
import os
import re

from chemcluster_desktop.i18n import translate

HEADER = ["Дата", "День", "Урок", "Время", "Класс", "Учеников", "Модуль", "Мастерская", "Преподаватель"]
DAYS = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]


def _t(s: str) -> str:
    return translate("Xlsx", s)


def _sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", name).replace("МБОУ", "").strip(" «»\"")[:28] or "Школа"
    title, k = base, 2
    while title in used:
        title = f"{base[:25]} {k}"
        k += 1
    used.add(title)
    return title


def write(path: str | os.PathLike, title: str, by_school: dict[str, list[dict]]) -> int:
    """``by_school``: school name -> lesson dicts (date, slot, starts_at, ends_at, class, size, module,
    workshop, instructor). Returns the number of lesson rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    n = 0
    for school, lessons in sorted(by_school.items()):
        ws = wb.create_sheet(_sheet_title(school, used))
        ws.append([title])
        ws.append([school])
        ws["A1"].font = Font(bold=True, size=13)
        ws["A2"].font = Font(italic=True)
        ws.append([_t(h) for h in HEADER])
        for c in ws[3]:
            c.font = Font(bold=True)
            c.fill = PatternFill("solid", fgColor="E8EEF4")
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for le in lessons:
            ws.append([le["date"], _t(DAYS[le["date"].weekday()]), le["slot"],
                       f"{le['starts_at'].strftime('%H:%M')}–{le['ends_at'].strftime('%H:%M')}", le["class"],
                       le["size"], le["module"], le["workshop"], le.get("instructor") or ""])
            ws.cell(ws.max_row, 1).number_format = "DD.MM.YYYY"
            n += 1
        for col, w in zip("ABCDEFGHI", (12, 6, 6, 13, 10, 10, 48, 44, 32), strict=True):
            ws.column_dimensions[col].width = w
        ws.freeze_panes = "A4"
        ws.auto_filter.ref = f"A3:I{max(ws.max_row, 3)}"
    if not wb.sheetnames:
        ws = wb.create_sheet(translate("Xlsx", "Расписание"))
        ws.append([title])
        ws.append([translate("Xlsx", "Занятий нет.")])
    wb.properties.creator = "ChemCluster Desktop"
    wb.properties.created = dt.datetime.now()
    from chemcluster_desktop.files import save_atomic

    save_atomic(path, wb.save)  # path.part removed on any failure
    return n
