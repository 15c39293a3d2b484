"""``chemcluster procurement …``: НМЦК, budget, lists, the status road, acceptance; and
``chemcluster export plan-schedule FILE.xlsx``.

    chemcluster procurement nmck --need ID | --line NUMBER [--json]
    chemcluster procurement due [--json]
    chemcluster procurement request --line NUMBER --supplier NAME --date YYYY-MM-DD --number OUT
    chemcluster procurement budget [--json]
    chemcluster procurement needs [--status S] [--json]
    chemcluster procurement plan [--json]
    chemcluster procurement advance --line NUMBER --to STATUS [--note TEXT]
    chemcluster procurement accept --delivery ID
    chemcluster procurement supplier-add NAME --inn INN [--kpp KPP]
    chemcluster export plan-schedule FILE.xlsx [--source CODE]
"""

from __future__ import annotations

import sys
from decimal import Decimal

from chemcluster_desktop.commands.groups import group
from chemcluster_desktop.i18n import translate


def _t(s: str) -> str:
    return translate("Cli", s)


def register(sub) -> None:
    sp = sub.add_parser("procurement", help=translate("Cli", "закупки: НМЦК, бюджет, план-график, поставки"))
    ps = sp.add_subparsers(dest="procurement_command", metavar="ACTION", required=True)

    p = ps.add_parser("nmck", help=translate("Cli", "обоснование НМЦК методом сопоставимых рыночных цен"))
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--need", type=int, metavar="ID", help=translate("Cli", "номер (id) потребности"))
    who.add_argument("--line", metavar="NUMBER", help=translate("Cli", "строка плана-графика: вся закупка"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_nmck, open_db=True)

    p = ps.add_parser("due", help=translate("Cli", "сроки поставки и оплаты по контрактам: наступающие и просроченные"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_due, open_db=True)

    p = ps.add_parser("request", help=translate("Cli", "записать запрос цен, направленный поставщику"))
    p.add_argument("--line", required=True, help=translate("Cli", "номер строки (ПГ-2026-001) или её id"))
    p.add_argument("--supplier", required=True, help=translate("Cli", "поставщик: название или ИНН"))
    p.add_argument("--date", required=True, help=translate("Cli", "дата отправки, ГГГГ-ММ-ДД"))
    p.add_argument("--number", required=True, help=translate("Cli", "исходящий номер"))
    p.set_defaults(func=cmd_request, open_db=True)

    p = ps.add_parser("settings", help=translate("Cli", "настройки закупок: методика НМЦК, ИКУ, КПП, КВР, срок оплаты"))
    p.add_argument("--methodology", help=translate("Cli", "методика обоснования НМЦК (печатается в обосновании)"))
    p.add_argument("--iku", help=translate("Cli", "идентификационный код заказчика, 20 цифр"))
    p.add_argument("--kpp", help=translate("Cli", "КПП колледжа"))
    p.add_argument("--kvr", help=translate("Cli", "код вида расходов (разряды 34–36 ИКЗ)"))
    p.add_argument("--payment-days", dest="payment_days", help=translate("Cli", "срок оплаты после приёмки, рабочих дней"))
    p.add_argument("--annual-volume", dest="annual_volume",
                   help=translate("Cli", "совокупный годовой объём закупок (СГОЗ) для лимитов ст. 93, ₽"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_settings, open_db=True)

    p = ps.add_parser("budget", help=translate("Cli", "бюджет по источникам: лимит, план, контракты, оплата, остаток"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_budget, open_db=True)

    p = ps.add_parser("needs", help=translate("Cli", "список потребностей"))
    p.add_argument("--status", help=translate("Cli", "статус (need, in_plan, price_justified, …)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_needs, open_db=True)

    p = ps.add_parser("plan", help=translate("Cli", "строки плана-графика со статусами"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_plan, open_db=True)

    p = ps.add_parser("advance", help=translate("Cli", "следующий шаг строки плана-графика"))
    p.add_argument("--line", required=True, help=translate("Cli", "номер строки (ПГ-2026-001) или её id"))
    p.add_argument("--to", required=True, dest="status", help=translate("Cli", "новый статус: ") + ", ".join(
        s for s in ("price_justified", "notice_published", "supplier_chosen", "failed", "cancelled", "on_inventory")))
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_advance, open_db=True)

    p = ps.add_parser("accept", help=translate("Cli", "принять поставку и поставить оборудование на учёт"))
    p.add_argument("--delivery", type=int, required=True, metavar="ID")
    p.add_argument("--line-kind", action="append", default=[], metavar="LINE=unit|group|consumable",
                   help=translate("Cli", "как поставить строку поставки на учёт (по умолчанию — по порогу "
                                         "малоценного имущества из настроек); повторяется"))
    p.set_defaults(func=cmd_accept, open_db=True)

    p = ps.add_parser("supplier-add", help=translate("Cli", "добавить поставщика (ИНН проверяется по контрольным цифрам)"))
    p.add_argument("name")
    p.add_argument("--inn", required=True)
    p.add_argument("--kpp", default="")
    p.add_argument("--email", default="")
    p.add_argument("--phone", default="")
    p.set_defaults(func=cmd_supplier_add, open_db=True)

    exp = group(sub, "export", translate("Cli", "экспорт в Excel"))
    p = exp.add_parser("plan-schedule", help=translate("Cli", "план-график закупок в .xlsx"))
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--source", help=translate("Cli", "только один источник финансирования (код: federal, regional, employer, own)"))
    p.set_defaults(func=cmd_export_plan, open_db=True)


def _money(v: Decimal | None) -> str:
    from chemcluster_desktop.services.procurement.nmck_calc import fmt_money

    return "—" if v is None else fmt_money(v).replace("\u00a0", " ")


def cmd_nmck(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.services.procurement import justification as J

    if args.line:
        return _nmck_line(args)
    r = P.nmck_details(args.need)
    if args.json:
        print_json(J.need_json(args.need, r, J.need_justified_on(args.need)))
    else:
        n = P.get_need(args.need)
        print(translate("Cli", "Потребность № {0}: {1}, {2} {3}").format(n.id, n.name, _num(n.quantity), n.unit))
        for p in r.offers:
            flag = translate("Cli", " (старше 6 мес.)") if p.number in r.stale else ""
            print(f"  {p.number}. {p.supplier:<40} {p.date.strftime('%d.%m.%Y') if p.date else '':>10} "
                  f"{_money(p.unit_price):>16} ₽{flag}")
        print(translate("Cli", "Средняя цена: {0} ₽; σ: {1} ₽; коэффициент вариации: {2} %").format(
            _money(r.mean), _money(r.sigma), "—" if r.cv_percent is None else str(r.cv_percent).replace(".", ",")))
        print(translate("Cli", "НМЦК: {0} ₽").format(_money(r.nmck) if r.valid else "—"))
    if r.message:
        sys.stderr.write(r.message + "\n")
    return 0


def _nmck_line(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services.procurement import justification as J

    j = J.line_justification(args.line)
    if args.json:
        print_json(J.line_json(j))
    else:
        print(translate("Cli", "Строка {0}: {1} ({2}, {3})").format(j.number, j.title, j.law, j.method))
        print(translate("Cli", "ИКЗ: {0}; цена обоснована: {1}").format(
            j.ikz or "—", j.justified_on.strftime("%d.%m.%Y") if j.justified_on else "—"))
        for p in j.positions:
            print(f"  {p.name[:50]:<50} {_num(p.quantity):>6} {p.unit:<5} {p.okpd2 or '—':<14} "
                  f"{_money(p.result.nmck) if p.result.valid else '—':>16}")
        print(translate("Cli", "НМЦК закупки: {0} ₽").format(_money(j.total) if j.valid else "—"))
        print(translate("Cli", "Запросов цен: {0}, ответили: {1}").format(
            len(j.requests), sum(1 for r in j.requests if r["replied"])))
    for w in j.warnings:
        sys.stderr.write(w + "\n")
    return 0


def cmd_settings(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services.procurement import rules

    given = {f"procurement.{k}": v for k in ("methodology", "iku", "kpp", "kvr", "payment_days", "annual_volume")
             if (v := getattr(args, k)) is not None}
    if given:
        rules.set_procurement_settings(given)
    cur = rules.get_procurement_settings()
    if args.json:
        print_json({k.split(".", 1)[1]: v for k, v in cur.items()})
    else:
        for k, v in cur.items():
            print(f"{k.split('.', 1)[1]:<14} {v}")
    return 0


def cmd_due(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services.procurement import deadlines

    data = deadlines.due_json()
    if args.json:
        print_json(data)
        return 0
    for r in data["due"]:
        kind = translate("Cli", "поставка") if r["kind"] == "delivery" else translate("Cli", "оплата")
        flag = translate("Cli", "ПРОСРОЧЕНО") if r["overdue"] else ""
        amount = _money(Decimal(r["amount"])) + " ₽" if r["amount"] else ""
        print(f"{r['date']}  {kind:<9} {r['contract']:<26} {r['supplier'][:34]:<34} {amount:>18} {flag}")
    if not data["due"]:
        print(translate("Cli", "Открытых сроков по контрактам нет."))
    return 0


def cmd_request(args) -> int:
    import datetime as dt

    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.services.errors import NotFoundError, ValidationError
    from chemcluster_desktop.services.procurement.price_requests import create_price_request

    try:
        day = dt.date.fromisoformat(args.date)
    except ValueError as e:
        raise ValidationError(translate("Cli", "Дата «{0}»: нужен формат ГГГГ-ММ-ДД.").format(args.date),
                              field="date") from e
    ref = args.supplier.strip()
    sup = next((x for x in P.all_suppliers() if x.inn == ref or x.name.casefold() == ref.casefold()), None)
    if sup is None:
        raise NotFoundError(translate("Cli", "Поставщик «{0}» не найден (название или ИНН).").format(ref))
    create_price_request({"plan_line_id": _line_id(args.line), "supplier_id": sup.id, "sent_on": day,
                          "outgoing_number": args.number})
    print(translate("Cli", "Запрос цен записан: {0}, исх. {1} от {2}.").format(sup.name, args.number,
                                                                             day.strftime("%d.%m.%Y")))
    return 0


def _num(q: Decimal) -> str:
    return str(int(q)) if q == q.to_integral_value() else format(q.normalize(), "f").replace(".", ",")


def budget_json(b) -> dict:
    def row(r) -> dict:
        return {"code": r.code, "name": r.name, "limit": str(r.limit), "planned": str(r.planned),
                "contracted": str(r.contracted), "paid": str(r.paid), "remaining": str(r.remaining)}

    return {"sources": [row(r) for r in b.rows], "total": row(b.totals), "project_total": str(b.project_total),
            "grant_cap": str(b.grant_cap)}


def cmd_budget(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import procurement as P

    b = P.budget()
    if args.json:
        print_json(budget_json(b))
        return 0
    head = (translate("Cli", "Источник"), translate("Cli", "Лимит"), translate("Cli", "План"), translate("Cli", "Контракты"), translate("Cli", "Оплачено"), translate("Cli", "Остаток"))
    print(f"{head[0]:<48} " + " ".join(f"{h:>18}" for h in head[1:]))
    for r in [*b.rows, b.totals]:
        print(f"{r.name[:48]:<48} " + " ".join(f"{_money(v):>18}" for v in (r.limit, r.planned, r.contracted, r.paid,
                                                                           r.remaining)))
    print(translate("Cli", "Стоимость проекта {0} ₽, предельный грант {1} ₽.").format(_money(b.project_total), _money(b.grant_cap)))
    return 0


def cmd_needs(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.services.listing import ListQuery

    rows = P.list_needs(ListQuery(filters={"status": args.status} if args.status else {}, limit=100000, sort="id"))
    if args.json:
        print_json({"needs": [{"id": r["id"], "name": r["name"], "quantity": str(r["quantity"]), "unit": r["unit"],
                               "workshop": r["workshop"], "status": r["status"], "offers": r["offers"],
                               "nmck": str(r["nmck"]) if r["nmck"] is not None else None, "plan": r["plan"]}
                              for r in rows]})
        return 0
    for r in rows:
        print(f"{r['id']:>5}  {r['name'][:50]:<50} {_num(r['quantity']):>6} {r['unit']:<6} "
              f"{P.status_label(r['status']):<24} {_money(r['nmck']):>16}")
    return 0


def cmd_plan(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.services.listing import ListQuery
    from chemcluster_desktop.services.procurement import rules
    from chemcluster_desktop.services.procurement.compliance import small_purchases

    rows = P.list_plan_lines(ListQuery(limit=100000, sort="number"))
    totals = P.plan_totals(rows)
    small = small_purchases()
    if args.json:
        print_json({"lines": [{"number": r["number"], "law": r["law"], "method": r["method"], "ikz": r["ikz"] or None,
                               "amount": str(r["amount"]), "status": r["status"], "id": r["id"], "title": r["title"],
                               "source": r["source_code"], "needs": r["needs"]} for r in rows],
                    "totals": {law: str(v) for law, v in totals.items()},
                    "small_purchases": [{"point": x["point"], "method": x["method"], "year": x["year"],
                                         "used": str(x["used"]), "limit": str(x["limit"]), "near": x["near"],
                                         "over": x["over"]} for x in small]})
        return 0
    for law in P.LAWS:
        mine = [r for r in rows if r["law"] == law]
        if not mine:
            continue
        print(translate("Cli", "План-график ({0})").format(law))
        for r in mine:
            if r["status"] not in P.INACTIVE:
                print(f"  {r['number']:<13} {r['ikz'] or '':<36} {r['title'][:44]:<44} "
                      f"{P.status_label(r['status']):<22} {_money(r['amount']):>16}")
        print(f"  {translate('Cli', 'Итого'):<96} {_money(totals[law]):>16}")
        apart = [r for r in mine if r["status"] in P.INACTIVE]
        if apart:
            print("  " + translate("Cli", "Не состоялись / отменены (в итог не входят):"))
            for r in apart:
                print(f"  {r['number']:<13} {r['title'][:50]:<50} {P.status_label(r['status']):<22} "
                      f"{_money(r['amount']):>16}")
    print(translate("Cli", "Закупки малого объёма за {0} год (ст. 93 44-ФЗ):").format(small[0]["year"]))
    for x in small:
        mark = (translate("Cli", " — ПРЕВЫШЕН") if x["over"] else translate("Cli", " — близко к пределу")
                if x["near"] else "")
        print(f"  {rules.method_label(x['method']):<60} {_money(x['used']):>16} / {_money(x['limit'])}{mark}")
    return 0


def _line_id(ref: str) -> int:
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.services.errors import NotFoundError
    from chemcluster_desktop.services.listing import ListQuery

    for r in P.list_plan_lines(ListQuery(limit=100000)):
        if r["number"] == ref.strip() or str(r["id"]) == ref.strip():
            return r["id"]
    raise NotFoundError(translate("Cli", "Строка плана-графика «{0}» не найдена.").format(ref))


def cmd_advance(args) -> int:
    from chemcluster_desktop.services import procurement as P

    lid = _line_id(args.line)
    P.advance(lid, args.status, note=args.note)
    info = P.get_plan_line(lid)
    print(translate("Cli", "Строка {0}: {1}").format(info.number, P.status_label(info.status)))
    return 0


def cmd_accept(args) -> int:
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.services.errors import ValidationError
    from chemcluster_desktop.services.procurement.acceptance import kind_label

    kinds = {}
    for pair in args.line_kind:
        lid, _eq, kind = pair.partition("=")
        if not lid.strip().isdigit() or kind.strip() not in P.ACCEPT_KINDS:
            raise ValidationError(translate("Cli", "--line-kind «{0}»: нужен вид ID=unit|group|consumable.").format(pair))
        kinds[int(lid)] = kind.strip()
    plan = {al.line_id: al for al in P.acceptance_plan(args.delivery)}
    ids = P.accept_delivery(args.delivery, kinds=kinds)
    for lid, al in plan.items():
        kind = kinds.get(lid, al.kind)
        print(f"  {lid}: {al.name} — {kind_label(kind)}" + ("" if lid in kinds else f" ({al.reason})"))
    print(translate("Cli", "Поставка принята: на учёт поставлено {0} ед. оборудования.").format(len(ids)))
    return 0


def cmd_supplier_add(args) -> int:
    from chemcluster_desktop.services import procurement as P

    sid = P.create_supplier({"name": args.name, "inn": args.inn, "kpp": args.kpp, "email": args.email,
                             "phone": args.phone})
    print(translate("Cli", "Поставщик «{0}» добавлен (id {1}).").format(args.name, sid))
    return 0


def cmd_export_plan(args) -> int:
    from chemcluster_desktop.services.procurement import documents as procurement_print

    path = args.file if args.file.lower().endswith(".xlsx") else args.file + ".xlsx"
    n = procurement_print.export_plan_schedule(path, args.source)
    print(translate("Cli", "План-график выгружен: {0} (строк: {1})").format(path, n))
    return 0
