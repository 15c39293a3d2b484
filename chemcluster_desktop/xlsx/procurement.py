"""The plan-schedule (план-график) as an .xlsx workbook: plain rows in, a file out (no database here).

Sheet «План-график»: one row per plan line (number, subject, ОКПД2, law, method, source, period,
НМЦК, status, notice, contract), followed by its needs indented; a total row at the bottom.
Sheet «Ход закупок»: every dated step of every line with who made it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal

from chemcluster_desktop.i18n import translate

MONEY_FMT = '#,##0.00\\ "₽"'
QTY_FMT = "#,##0.###"
DATE_FMT = "DD.MM.YYYY"


def _t(s: str) -> str:
    return translate("Xlsx", s)


def write_plan_schedule(path: str | os.PathLike, lines: Sequence[dict], *, title: str = "", college: str = "",
                        subtitle: str = "") -> int:
    """Write the workbook; returns the number of plan lines written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = translate("Xlsx", "План-график")
    thin = Side(style="thin", color="B0BEC5")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="E8EEF4")
    line_fill = PatternFill("solid", fgColor="F6F8FA")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    headers = [translate("Xlsx", "№ строки"), translate("Xlsx", "Предмет закупки / позиция"), translate("Xlsx", "ОКПД2"), translate("Xlsx", "Закон"), translate("Xlsx", "Способ закупки"),
               translate("Xlsx", "Источник финансирования"), translate("Xlsx", "Срок (квартал, год)"), translate("Xlsx", "Кол-во"), translate("Xlsx", "Ед. изм."),
               translate("Xlsx", "НМЦК, ₽"), translate("Xlsx", "Статус"), translate("Xlsx", "Извещение"), translate("Xlsx", "Контракт"), translate("Xlsx", "Цена контракта, ₽"),
               translate("Xlsx", "Поставщик")]
    widths = [14, 48, 14, 9, 22, 34, 14, 9, 9, 17, 22, 22, 28, 17, 32]
    ws.append([title or translate("Xlsx", "План-график закупок")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([college])
    ws.append([subtitle])
    ws.append([])
    ws.append(headers)
    hr = ws.max_row
    for i, _h in enumerate(headers, 1):
        c = ws.cell(hr, i)
        c.font = bold
        c.fill = head_fill
        c.border = border
        c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = ws.cell(hr + 1, 3)

    total = Decimal("0.00")
    for ln in lines:
        period = ""
        if ln.get("year"):
            period = translate("Xlsx", "{0} кв. {1}").format(ln["quarter"], ln["year"]) if ln.get("quarter") else str(ln["year"])
        amount = ln.get("amount") or Decimal("0.00")
        total += amount
        ws.append([ln.get("number", ""), ln.get("title", ""), ln.get("okpd2", ""), ln.get("law", ""),
                   ln.get("method", ""), ln.get("source", ""), period, None, None, amount,
                   ln.get("status_label", ""), ln.get("notice_number", ""), ln.get("contract", ""),
                   ln.get("contract_price"), ln.get("supplier", "")])
        r = ws.max_row
        for i in range(1, len(headers) + 1):
            c = ws.cell(r, i)
            c.font = bold
            c.fill = line_fill
            c.border = border
            c.alignment = wrap
        ws.cell(r, 10).number_format = MONEY_FMT
        ws.cell(r, 14).number_format = MONEY_FMT
        for n in ln.get("needs", []):
            ws.append(["", "    " + str(n.get("name", "")), "", "", "", "", "", n.get("quantity"), n.get("unit", ""),
                       n.get("nmck"), "", "", "", None, ""])
            r = ws.max_row
            for i in range(1, len(headers) + 1):
                ws.cell(r, i).border = border
                ws.cell(r, i).alignment = wrap
            ws.cell(r, 8).number_format = QTY_FMT
            ws.cell(r, 10).number_format = MONEY_FMT
    ws.append(["", translate("Xlsx", "Итого по плану-графику"), "", "", "", "", "", None, None, total])
    r = ws.max_row
    ws.cell(r, 2).font = bold
    ws.cell(r, 10).font = bold
    ws.cell(r, 10).number_format = MONEY_FMT
    ws.auto_filter.ref = f"A{hr}:{get_column_letter(len(headers))}{r - 1}"

    st = wb.create_sheet(translate("Xlsx", "Ход закупок"))
    sh = [translate("Xlsx", "№ строки"), translate("Xlsx", "Шаг"), translate("Xlsx", "Дата"), translate("Xlsx", "Кто"), translate("Xlsx", "Примечание")]
    st.append(sh)
    for i, _h in enumerate(sh, 1):
        c = st.cell(1, i)
        c.font = bold
        c.fill = head_fill
        c.border = border
    for i, w in enumerate([14, 26, 12, 16, 60], 1):
        st.column_dimensions[get_column_letter(i)].width = w
    for ln in lines:
        for step in ln.get("steps", []):
            st.append([ln.get("number", ""), step.get("label", ""), step.get("date"), step.get("user", ""),
                       step.get("note", "")])
            st.cell(st.max_row, 3).number_format = DATE_FMT
    st.freeze_panes = "A2"
    from chemcluster_desktop.files import save_atomic

    save_atomic(path, wb.save)  # path.part removed on any failure
    return len(lines)
