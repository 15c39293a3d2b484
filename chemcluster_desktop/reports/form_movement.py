"""Movement documents on the unified forms (приказ Минфина России № 52н): ф. 0504102 (transfer),
0504104 / 0504143 / 0504230 (write-off acts), 0504204 (требование-накладная). Plain data in."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.reports.styles import date, money, number, p, table
from chemcluster_desktop.reports.unified_forms import (
    LABEL,
    ONE_TABLE,
    VALUE,
    FormHead,
    Requisites,
    Signer,
    build,
    continued,
    end_together,
    field_lines,
    header,
    signatures,
    width,
)
from chemcluster_desktop.reports.words import count_words, money_words


def _t(s: str) -> str:
    return translate("Forms", s)


def _approve(req: Requisites, w: float) -> Table:
    """«УТВЕРЖДАЮ» of the head (the write-off acts). Its four lines are set close (1 pt between, not
    reportlab's 3 + 3): with the default padding a one-line act missed one A4 page by 6 mm and printed its
    conclusion and the commission's signatures on a second sheet, which the form does not ask for (the
    act is one document the commission signs and the head approves: Методические указания к приказу
    Минфина России от 30.03.2015 № 52н, ф. 0504104)."""
    block = [[p(_t("УТВЕРЖДАЮ"), VALUE)], [p(_t("Руководитель учреждения: {0}").format(req.director_position), LABEL)],
             [p(_t("__________________ / {0} /").format(req.director), VALUE)], [p(_t("«___» ____________ 20__ г."), VALUE)]]
    inner = Table(block, colWidths=[100 * mm])
    inner.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                               ("TOPPADDING", (0, 2), (0, 2), 5)]))  # room to sign above the line
    t = Table([["", inner]], colWidths=[w - 100 * mm - 0.5, 100 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def build_movement(dest, req: Requisites, d: dict, title: str, *, cancelled: Callable[[], bool] | None = None) -> int:
    code = d["form"]
    land = code in ("0504104", "0504143", "0504230")
    w = width(land)
    story: list = []
    if land:
        story.append(_approve(req, w))
    pos = {k: d.get(f"{k}_position", "") for k in ("from_mol", "to_mol", "person")}

    def who(k: str, fallback: str | None = None) -> str:  # «Должность Фамилия И. О.»
        key = k if d[k] or fallback is None else fallback
        return f"{pos[key]} {d[key]}".strip()

    def signer(role: str, k: str) -> Signer:
        return Signer(role, pos[k], d[k])

    lines = []
    if code == "0504102":
        lines = [(_t("Отправитель (помещение)"), d["from_room"]), (_t("МОЛ отправителя"), who("from_mol")),
                 (_t("Получатель (помещение)"), d["to_room"]), (_t("МОЛ получателя"), who("to_mol"))]
    elif code == "0504204":
        lines = [(_t("Отправитель (помещение)"), d["from_room"] or d["to_room"]),
                 (_t("МОЛ отправителя"), who("from_mol", "to_mol")), (_t("Получатель (кому выдано)"), who("person"))]
        if d["kind"] == "return":
            lines = [(_t("Сдал (от кого возвращено)"), who("person")),
                     (_t("Получатель (помещение)"), d["to_room"] or d["from_room"]),
                     (_t("МОЛ получателя"), who("to_mol", "from_mol"))]
    else:
        lines = [(_t("Местонахождение"), d["from_room"]), (_t("Материально ответственное лицо"), who("from_mol"))]
    form_head = FormHead(title.upper(), d["number"], code, d["date"], req, lines=lines)
    story += header(form_head, w)
    story.append(field_lines([(_t("Основание (причина)"), d["reason"] or "—")], w, 50 * mm))
    story.append(Spacer(1, (1 if land else 2) * mm))
    rows = []
    for i, ln in enumerate(d["lines"], 1):
        row = [str(i), p(ln["name"], VALUE), ln["inventory_number"], ln["unit"], ln["okei"], number(ln["quantity"]),
               money(ln["price"]), money(ln["sum"]), ln["account"]]
        if land:
            row.insert(3, date(ln["commissioned_on"]))
        rows.append(row)
    head = ["№", _t("Наименование объекта"), _t("Номер (инвентарный, номенклатурный)"), _t("Ед. изм."),
            _t("код по ОКЕИ"), _t("Количество"), _t("Цена, руб."), _t("Сумма, руб."), _t("Счёт")]
    fixed = [8 * mm, 0, 30 * mm, 12 * mm, 13 * mm, 18 * mm, 22 * mm, 24 * mm, 16 * mm]
    align = ["C", "L", "L", "C", "C", "R", "R", "R", "C"]
    if land:
        head.insert(3, _t("Дата ввода в эксплуатацию"))
        fixed.insert(3, 22 * mm)
        align.insert(3, "C")
    fixed[1] = w - sum(fixed) - 0.5
    total_q = sum((ln["quantity"] for ln in d["lines"]), Decimal(0))
    tot = ["", _t("Итого"), "", "", "", number(total_q), "", money(d["total"]), ""]
    if land:
        tot.insert(3, "")
    rows.append(tot)
    grid = table(rows, head, fixed, align=align, chunk=ONE_TABLE)
    n = len(d["lines"])
    tail = [Spacer(1, 1.5 * mm), p(_t("Всего по документу: строк {0} ({1}); на сумму {2} ({3}).")
                   .format(n, count_words(n), money(d["total"]), money_words(d["total"])), VALUE)]
    if code == "0504102":
        signers = [signer(_t("Сдал (отправитель)"), "from_mol"), signer(_t("Принял (получатель)"), "to_mol")]
    elif code == "0504204":
        mol = "from_mol" if d["from_mol"] else "to_mol"
        issue = d["kind"] == "issue"
        signers = [signer(_t("Затребовал"), "person" if issue else mol),
                   Signer(_t("Разрешил"), req.director_position, req.director),
                   signer(_t("Отпустил"), mol if issue else "person"),
                   signer(_t("Получил"), "person" if issue else mol)]
    else:
        tail.append(p(_t("Заключение комиссии: объекты, перечисленные в акте, подлежат списанию по причине: {0}.")
                      .format(d["reason"] or "—"), VALUE))
        signers = [Signer(_t("Председатель комиссии")), Signer(_t("Члены комиссии")), Signer(""),
                   signer(_t("Материально ответственное лицо"), "from_mol"),
                   Signer(_t("Исполнитель (главный бухгалтер)"), _t("Главный бухгалтер"), req.accountant)]
    tail.append(signatures(signers, w, on=d["date"]))
    # the head stays with the first rows, the totals and the signatures with the last rows
    story = end_together(grid, tail, lead=story, total=True, caption=continued(form_head))
    build(dest, _t("Документ движения {0} (ф. {1})").format(d["number"], code), req.name, story, landscape=land,
          cancelled=cancelled)
    return n
