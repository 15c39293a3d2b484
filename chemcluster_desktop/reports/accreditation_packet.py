"""The accreditation packet of a workshop (plain data in, PDF out).

For each workshop: a cover page (college, workshop, competency, date), the workshop passport
(rooms, area, workplaces, responsible person, readiness by zone), the checklist by zone with
coloured statuses and what proves each line (inventory numbers of the usable items, loan documents,
what was not counted and why), the gap list, the layout plan (план застройки) and photos, and the
commission from its record (order, members) with an empty verdict for it to fill in. Several workshops go into one document, each starting on a new page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer, Table, TableStyle

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports import fonts
from chemcluster_desktop.reports.styles import (
    BAD,
    BAD_BG,
    BASE,
    CELL,
    CELL_C,
    H2,
    H3,
    INK,
    MUTED,
    OK,
    OK_BG,
    RULE,
    SMALL,
    WARN,
    WARN_BG,
    DocInfo,
    SignatureBlock,
    build_pdf,
    content_width,
    image,
    number,
    p,
    table,
)

ZONE_ORDER = ("workplace", "consumables", "expert", "store", "safety", "general")
STATUS_COLORS = {"met": (OK_BG, OK), "partial": (WARN_BG, WARN), "missing": (BAD_BG, BAD)}

COVER_COLLEGE = ParagraphStyle("cover_college", parent=BASE, fontName=fonts.BOLD, fontSize=12, leading=16,
                               alignment=TA_CENTER)
COVER_TITLE = ParagraphStyle("cover_title", parent=BASE, fontName=fonts.BOLD, fontSize=20, leading=26,
                             alignment=TA_CENTER, spaceBefore=40 * mm, spaceAfter=8 * mm)
COVER_LINE = ParagraphStyle("cover_line", parent=BASE, fontSize=12.5, leading=17, alignment=TA_CENTER)
COVER_BIG = ParagraphStyle("cover_big", parent=BASE, fontName=fonts.BOLD, fontSize=15, leading=20,
                           alignment=TA_CENTER, spaceAfter=4 * mm)
CELL_B = ParagraphStyle("cell_b", parent=CELL, fontName=fonts.CONDENSED_BOLD)
CAPTION = ParagraphStyle("caption", parent=SMALL, alignment=TA_CENTER, textColor=MUTED)


def _t(s: str) -> str:
    return translate("Reports", s)


def _pct(v) -> str:
    return f"{float(v or 0):.1f}".replace(".", ",") + " %"


def fit(text: object, width: float, style=CELL):
    """A cell of user text: a plain string (drawn literally, fast) when it fits on one line, else a
    wrapping paragraph (escaped by ``p``). Hundreds of rows stay fast this way."""
    s = "" if text is None else str(text)
    if "\n" not in s and stringWidth(s, style.fontName, style.fontSize) <= width - 6:
        return s
    return p(s, style)


def build(dest, packets: list[dict], *, printed_on: dt.date | None = None,
          progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None) -> None:
    """``packets``: one dict per workshop as made by ``services.accreditation.packet_data``."""
    if not packets:
        raise ValueError("no workshops")
    college = packets[0]["college"]
    one = len(packets) == 1
    title = (_t("Пакет аккредитации мастерской «{0}»").format(packets[0]["workshop"]["name"]) if one
             else _t("Пакеты аккредитации мастерских"))
    info = DocInfo(title=title, college=college.get("college.name", ""), printed_on=printed_on or dt.date.today(),
                   subtitle=packets[0]["workshop"]["competency"] if one else "", landscape=True)
    width = content_width(info)
    story = []
    for i, pk in enumerate(packets):
        if cancelled is not None and cancelled():
            from chemcluster_desktop.errors import Cancelled

            raise Cancelled()
        if i:
            story.append(PageBreak())
        story += _packet(pk, width, info.printed_on)
        if progress is not None:
            progress(i + 1, len(packets))
    # photos are embedded as binary streams: the pure-Python ASCII85 encoder took longer than the rest
    old_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        build_pdf(dest, info, story, title_block=False, cancelled=cancelled)
    finally:
        rl_config.useA85 = old_a85


def _instruments(rows: list[dict], width: float) -> list:
    """Measuring instruments (verification valid until / expired — then not counted) and the files on
    the cards that prove a line (passport, certificate of verification)."""
    if not rows:
        return []
    out: list = [CondPageBreak(40 * mm), p(_t("Средства измерения и документы на оборудование"), H3)]
    cw = [0, 30 * mm, 0, 38 * mm, 0]
    rest = width - sum(cw)
    cw[0], cw[2], cw[4] = rest * 0.34, rest * 0.33, rest * 0.33
    data, expired = [], []
    for i, r in enumerate(rows):
        if r["measuring"]:
            state = (_t("ИСТЕКЛА — не учитывается") if r["expired"] else
                     _t("до {0}").format(r["until"].strftime("%d.%m.%Y")))
            if r["until"] is not None and r["expired"]:
                state += " (" + r["until"].strftime("%d.%m.%Y") + ")"
        else:
            state = "—"
        if r["expired"]:
            expired.append(i)
        docs = "\n".join(r["files"]) + (("\n" if r["files"] else "") + _t("свид. № {0}").format(r["certificate"])
                                        if r["certificate"] else "")
        data.append([fit(r["line"], cw[0]), fit(r["inventory_number"], cw[1]), fit(r["name"], cw[2]), fit(state, cw[3]),
                     fit(docs or "—", cw[4])])
    out += table(data, [_t("Позиция листа"), _t("Инв. номер"), _t("Оборудование"), _t("Поверка"),
                        _t("Документы")], cw, align="LLLLL",
                 row_styles=lambda i, _r: [("BACKGROUND", (3, 0), (3, 0), STATUS_COLORS["missing"][0]),
                                           ("TEXTCOLOR", (3, 0), (3, 0), STATUS_COLORS["missing"][1])]
                 if i in expired else [])
    if expired:
        out.append(p(_t("Средство измерения с истёкшей поверкой нельзя использовать на демонстрационном экзамене: "
                        "в наличии по позиции оно не считается."), SMALL))
    return out


def _packet(pk: dict, width: float, printed_on: dt.date) -> list:
    w = pk["workshop"]
    rd = pk["readiness"]
    out: list = []
    # --- cover -------------------------------------------------------------------------------
    out.append(p(pk["college"].get("college.name", ""), COVER_COLLEGE))
    addr = pk["college"].get("college.address", "")
    if addr:
        out.append(p(addr, ParagraphStyle("ca", parent=SMALL, alignment=TA_CENTER, textColor=MUTED)))
    out.append(p(_t("Пакет документов для аккредитации мастерской"), COVER_TITLE))
    out.append(p(w["name"], COVER_BIG))
    if w["competency"]:
        out.append(p(_t("Компетенция: «{0}»").format(w["competency"]), COVER_LINE))
    if pk.get("list_name"):
        out.append(p(pk["list_name"], COVER_LINE))
    out.append(Spacer(1, 10 * mm))
    out.append(p(_t("По данным учёта: выполнено {0} из {1} позиций, покрытие {2}").format(
        rd["met"], rd["lines"], _pct(rd["coverage_percent"])), COVER_LINE))
    out.append(Spacer(1, 30 * mm))
    city = _t("г. Дзержинск")
    out.append(p(f"{city}, {printed_on.strftime('%d.%m.%Y')}", COVER_LINE))
    out.append(PageBreak())

    # --- passport ----------------------------------------------------------------------------
    out.append(p(_t("1. Паспорт мастерской"), H2))
    rooms = pk["rooms"]
    room_text = "\n".join(
        r["name"] + (_t(", {0} м²").format(r["area"]) if r.get("area") else "") for r in rooms) or "—"
    rows = [
        (_t("Наименование мастерской"), w["name"]),
        (_t("Компетенция"), w["competency"] or "—"),
        (_t("Инфраструктурный лист"), (pk.get("list_name") or "—")
         + (f". {pk['list_title']}" if pk.get("list_title") and pk.get("kod_code") else "")),
        (_t("Помещения"), room_text),
        (_t("Площадь, м²"), w["area_m2"] or "—"),
        (_t("Количество рабочих мест"), str(w["workplaces"])),
        (_t("Ответственный"), w["responsible"] or "—"),
    ]
    if w.get("accreditation_date"):
        rows.append((_t("Дата аккредитации"), w["accreditation_date"].strftime("%d.%m.%Y")))
    if w.get("notes"):
        rows.append((_t("Примечания"), w["notes"]))
    t = Table([[p(a, CELL_B), p(b, CELL)] for a, b in rows], colWidths=[55 * mm, width - 55 * mm])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f6f9"))]))
    out.append(t)
    out.append(p(_t("Готовность по зонам"), H3))
    zrows = [[p(z["label"], CELL), str(z["lines"]), str(z["met"]), str(z["partial"]), str(z["missing"]),
              _pct(z["coverage_percent"])] for z in pk["zones"]]
    zrows.append([p(_t("Итого"), CELL_B), str(rd["lines"]), str(rd["met"]), str(rd["partial"]), str(rd["missing"]),
                  _pct(rd["coverage_percent"])])
    out += table(zrows, [_t("Зона"), _t("Позиций"), _t("Выполнено"), _t("Частично"), _t("Не выполнено"),
                         _t("Покрытие")],
                 [width - 110 * mm, 20 * mm, 22 * mm, 22 * mm, 24 * mm, 22 * mm], align="LRRRRR",
                 row_styles=lambda i, r: [("FONT", (0, 0), (-1, 0), fonts.CONDENSED_BOLD, 8)]
                 if i == len(zrows) - 1 else [])

    # --- checklist by zone -------------------------------------------------------------------
    out.append(CondPageBreak(60 * mm))
    out.append(p(_t("2. Чек-лист оснащения по инфраструктурному листу"), H2))
    labels = pk["status_labels"]
    cw = [10 * mm, 48 * mm, 0, 19 * mm, 11 * mm, 18 * mm, 30 * mm, 0, 0]
    rest = width - sum(cw)
    cw[2], cw[7], cw[8] = rest * 0.32, rest * 0.38, rest * 0.30
    header = [_t("№"), _t("Наименование"), _t("Характеристики"), _t("Требуется"), _t("Ед."), _t("В наличии"),
              _t("Статус"), _t("Подтверждение (инв. номера, договоры)"), _t("Комментарий")]
    by_zone: dict[str, list[dict]] = {}
    for r in pk["checklist"]:
        by_zone.setdefault(r["zone"], []).append(r)
    if not by_zone:
        out.append(p(_t("У мастерской нет инфраструктурного листа: чек-лист пуст."), BASE))
    for z in ZONE_ORDER:
        lines = by_zone.get(z)
        if not lines:
            continue
        out.append(CondPageBreak(30 * mm))
        out.append(p(pk["zone_labels"].get(z, z), H3))
        data = []
        for r in lines:
            comment = r.get("comment") or ""
            if r.get("status_override"):
                oc = _t("Статус установлен вручную: {0}").format(r.get("override_comment") or "")
                comment = f"{comment}\n{oc}".strip()
            excluded = r.get("excluded") or []
            if excluded:
                ex = _t("Не учтено: {0}").format("; ".join(f"{x['ref']} — {x['reason']}" for x in excluded))
                comment = f"{comment}\n{ex}".strip()
            per = _t(" (на 1 раб. место × {0})").format(w["workplaces"]) if r["per_workplace"] else ""
            status_cell = labels.get(r["status"], r["status"])
            if r.get("unconfirmed"):
                status_cell = _t("{0}\n(«{1}» — вручную, без подтверждения)").format(
                    status_cell, labels.get(r["status_override"], r["status_override"]))
            data.append([fit(r["number"], cw[0]), fit(r["name"], cw[1]), fit(r["specification"], cw[2]),
                         number(r["required"]) + ("*" if per else ""), fit(r["unit"], cw[4], CELL_C),
                         number(r["available"] or 0), fit(status_cell, cw[6], CELL_C),
                         fit(_evidence_text(r.get("evidence") or []), cw[7]), fit(comment, cw[8])])

        def styles(_i, row, lines=lines):
            st = lines[_i]["status"]
            bg, fg = STATUS_COLORS.get(st, (colors.white, INK))
            return [("BACKGROUND", (6, 0), (6, 0), bg), ("TEXTCOLOR", (6, 0), (6, 0), fg),
                    ("FONT", (6, 0), (6, 0), fonts.CONDENSED_BOLD, 8)]

        out += table(data, header, cw, align="LLLRCRCLL", row_styles=styles, chunk=80)
    out.append(Spacer(1, 2 * mm))
    out.append(p(_t("* количество на одно рабочее место, умноженное на число рабочих мест ({0}).")
                 .format(w["workplaces"]), SMALL))

    out += _instruments(pk.get("instruments") or [], width)

    # --- gaps --------------------------------------------------------------------------------
    out.append(CondPageBreak(50 * mm))
    out.append(p(_t("3. Перечень недостающего оборудования и материалов"), H2))
    gaps = pk["gaps"]
    if not gaps:
        out.append(p(_t("Недостающих позиций нет: все требования инфраструктурного листа выполнены."), BASE))
    else:
        gw = [11 * mm, 0, 0, 50 * mm, 20 * mm, 20 * mm, 20 * mm, 12 * mm]
        rest = width - sum(gw)
        gw[1], gw[2] = rest * 0.5, rest * 0.5
        data = [[fit(r["number"], gw[0]), fit(r["name"], gw[1]), fit(r["specification"], gw[2]),
                 fit(pk["zone_labels"].get(r["zone"], ""), gw[3]), number(r["required"]), number(r["available"] or 0),
                 number(r["unmet"]), fit(r["unit"], gw[7], CELL_C)] for r in gaps]
        out += table(data, [_t("№"), _t("Наименование"), _t("Характеристики"), _t("Зона"), _t("Требуется"),
                            _t("В наличии"), _t("Не хватает"), _t("Ед.")], gw, align="LLLLRRRC")
    # --- layout plan and photos --------------------------------------------------------------
    plan = pk.get("layout_plan")
    if plan:
        out.append(PageBreak())
        out.append(p(_t("4. План застройки мастерской"), H2))
        try:
            out.append(image(plan, width, 150 * mm))
        except Exception:
            out.append(p(_t("Изображение плана застройки не читается."), BASE))
    photos = pk.get("photos") or []
    if photos:
        out.append(CondPageBreak(90 * mm))
        out.append(p(_t("5. Фотографии оснащения") if plan else _t("4. Фотографии оснащения"), H2))
        cell_w = (width - 6 * mm) / 2
        cells = []
        for ph in photos:
            cap = ph.get("caption") or ph.get("file_name") or ""
            if ph.get("line"):
                cap = f"{cap} — {ph['line']}" if cap else ph["line"]
            try:
                img = image(ph["data"], cell_w - 4 * mm, 70 * mm)
            except Exception:
                img = p(_t("Изображение не читается"), SMALL)
            cells.append([img, p(cap, CAPTION)])
        grid = []
        for i in range(0, len(cells), 2):
            pair = cells[i:i + 2]
            while len(pair) < 2:
                pair.append("")
            grid.append(pair)
        gt = Table(grid, colWidths=[cell_w + 3 * mm] * 2)
        gt.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        out.append(gt)
    # --- the commission and its verdict (left for the commission to fill in) ----------------------
    out += _commission(pk, width)
    return out


def _evidence_text(evidence: list[dict]) -> str:
    """Inventory numbers of the usable items and the loan documents that make a line's quantity."""
    items = [x["ref"] for x in evidence if x["kind"] == "item"]
    loans = [f"{x['ref']} ({x.get('detail', '')})" for x in evidence if x["kind"] == "loan"]
    parts = []
    if items:
        parts.append(_t("Инв. №: {0}").format(", ".join(items)))
    parts += loans
    return "\n".join(parts) or "—"


def _commission(pk: dict, width: float) -> list:
    w = pk["workshop"]
    com = pk.get("commission") or {}
    members = com.get("members") or []
    head = [CondPageBreak(120 * mm), p(_t("Комиссия и заключение"), H2)]
    if com.get("order"):
        od = com.get("order_date")
        head.append(p(_t("Комиссия создана приказом № {0} от {1}.").format(
            com["order"], od.strftime("%d.%m.%Y") if od else "—"), BASE))
    else:
        head.append(p(_t("Приказ о создании комиссии: № ________ от «____» ____________ 20____ г. "
                         "(не записан в программе)."), BASE))
    if members:
        mrows = [[str(i), p(m["full_name"], CELL), p(m["job_title"], CELL), p(m["role_label"], CELL)]
                 for i, m in enumerate(members, 1)]
        head += table(mrows, [_t("№"), _t("Фамилия, имя, отчество"), _t("Должность"), _t("Роль в комиссии")],
                      [10 * mm, 70 * mm, width - 130 * mm, 50 * mm], align="RLLL")
    head.append(Spacer(1, 3 * mm))
    rd = pk["readiness"]
    verdict = [p(_t("Заключение комиссии"), H3),
               p(_t("По данным учёта программы: выполнено {0} из {1} позиций, покрытие {2}; подтверждение каждой "
                    "позиции — в разделе 2, недостающее — в разделе 3.").format(
                   rd["met"], rd["lines"], _pct(rd["coverage_percent"])), SMALL),
               Spacer(1, 2 * mm),
               p(_t("Оснащение мастерской «{0}» требованиям инфраструктурного листа {1}: "
                    "соответствует / не соответствует (нужное подчеркнуть).").format(
                   w["name"], pk.get("list_ref") or "—"), BASE),
               Spacer(1, 3 * mm),
               p(_t("Замечания комиссии:"), BASE)]
    verdict += [p("_" * 150, SMALL) for _ in range(4)]
    verdict += [Spacer(1, 3 * mm), p(_t("Дата: «____» ____________ 20____ г."), BASE)]
    if members:
        sigs = [(f"{m['role_label']}, {m['job_title']}"[:80], m["full_name"]) for m in members]
    else:
        sigs = [(_t("Председатель комиссии"), ""), (_t("Член комиссии"), ""), (_t("Член комиссии"), "")]
    sigs.append((_t("Ответственный за мастерскую"), w["responsible"] or ""))
    return [*head, KeepTogether([*verdict, SignatureBlock(sigs, width)])]
