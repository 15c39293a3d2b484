"""``chemcluster procurement …``: НМЦК, budget, lists, the status road, acceptance; and
``chemcluster export plan-schedule FILE.xlsx``.

    chemcluster procurement nmck --need ID [--json]
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

    p = ps.add_parser("nmck", help=translate("Cli", "обоснование НМЦК потребности методом сопоставимых рыночных цен"))
    p.add_argument("--need", type=int, required=True, metavar="ID", help=translate("Cli", "номер (id) потребности"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_nmck, open_db=True)

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

    r = P.nmck_details(args.need)
    if args.json:
        print_json(P.as_json(args.need, r))
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

    rows = P.list_plan_lines(ListQuery(limit=100000, sort="number"))
    if args.json:
        print_json({"lines": [{"id": r["id"], "number": r["number"], "title": r["title"], "status": r["status"],
                               "source": r["source_code"], "amount": str(r["amount"]), "needs": r["needs"]}
                              for r in rows]})
        return 0
    for r in rows:
        print(f"{r['number']:<13} {r['title'][:50]:<50} {P.status_label(r['status']):<24} {_money(r['amount']):>16}")
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

    ids = P.accept_delivery(args.delivery)
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
