"""``chemcluster cluster …``: KPIs, the dashboard figures and the registry, headless.

    chemcluster cluster kpi list [--period 2025] [--json]
    chemcluster cluster kpi set CODE PERIOD VALUE [--comment TEXT]
    chemcluster cluster kpi delete CODE PERIOD
    chemcluster cluster dashboard [--json]
    chemcluster cluster participants [--json]
    chemcluster cluster directions [--json]
"""

from __future__ import annotations

from chemcluster_desktop.i18n import translate


def _t(s: str) -> str:
    return translate("Cli", s)


def register(sub) -> None:
    cp = sub.add_parser("cluster", help=_t("кластер: показатели, сводка, участники, направления"))
    csub = cp.add_subparsers(dest="cluster_command", metavar="ACTION", required=True)

    kp = csub.add_parser("kpi", help=_t("показатели проекта"))
    ksub = kp.add_subparsers(dest="kpi_command", metavar="ACTION", required=True)
    sp = ksub.add_parser("list", help=_t("показатели с плановыми и фактическими значениями"))
    sp.add_argument("--period", help=_t("отчётный период (год, например 2025, или квартал 2025-Q3)"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_kpi_list, open_db=True)
    sp = ksub.add_parser("set", help=_t("ввести фактическое значение показателя за период"))
    sp.add_argument("code", metavar="CODE")
    sp.add_argument("period", metavar="PERIOD")
    sp.add_argument("value", metavar="VALUE")
    sp.add_argument("--comment", default="")
    sp.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD",
                    help=_t("дата, на которую значение верно (по умолчанию сегодня)"))
    sp.set_defaults(func=cmd_kpi_set, open_db=True)
    sp = ksub.add_parser("init", help=_t("добавить показатели карточки проекта (плановые значения)"))
    sp.set_defaults(func=cmd_kpi_init, open_db=True)
    sp = ksub.add_parser("delete", help=_t("удалить значение показателя за период"))
    sp.add_argument("code", metavar="CODE")
    sp.add_argument("period", metavar="PERIOD")
    sp.set_defaults(func=cmd_kpi_delete, open_db=True)

    sp = csub.add_parser("dashboard", help=_t("сводка кластера: показатели, готовность мастерских, бюджет"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_dashboard, open_db=True)
    sp = csub.add_parser("participants", help=_t("участники кластера"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_participants, open_db=True)
    sp = csub.add_parser("directions", help=_t("направления обучения"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_directions, open_db=True)


def _num(v) -> str:
    if v is None:
        return "—"
    return format(v, "f").replace(".", ",")


def cmd_kpi_list(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import cluster

    rows = cluster.kpi_rows(args.period)
    if args.json:
        kpis = {k.code: k for k in cluster.list_kpis()}
        print_json({"period": cluster.validate_period(args.period) if args.period else None, "kpis": [
            cluster.jsonable({"code": r.code, "name": r.name, "unit": r.unit, "target": r.target,
                              "target_period": r.target_period, "actual": r.actual, "origin": r.origin,
                              "percent": r.percent, "comment": r.comment, "computed": r.computed or None,
                              "section": r.section, "as_of": r.as_of,
                              "values": {v.period: v.value for v in kpis[r.code].values}})
            for r in rows]})
        return 0
    for r in rows:
        pct = "" if r.percent is None else f" ({_num(r.percent)} %)"
        mark = " *" if r.origin == "computed" else ""
        print(f"{r.code:<16} {_num(r.actual)}{mark} / {_num(r.target)} {r.unit}{pct}  {r.name}")
    return 0


def cmd_kpi_set(args) -> int:
    import datetime as dt

    from chemcluster_desktop.services import cluster
    from chemcluster_desktop.services.errors import ValidationError

    as_of = None
    if getattr(args, "as_of", None):
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError as e:
            raise ValidationError(_t("Дата «{0}»: нужен формат ГГГГ-ММ-ДД.").format(args.as_of), field="as_of") from e
    cluster.set_kpi_value(args.code, args.period, args.value, args.comment, as_of=as_of)
    k = cluster.get_kpi(args.code)
    per = cluster.validate_period(args.period)
    v = k.value_for(per)
    print(_t("Показатель «{0}» за {1}: {2} {3} (план {4}).").format(
        k.name, per, _num(v.value if v else None), k.unit, _num(k.target)))
    return 0


def cmd_kpi_init(args) -> int:
    from chemcluster_desktop.services import cluster

    n = cluster.create_card_kpis()
    print(_t("Добавлено показателей карточки проекта: {0}.").format(n))
    return 0


def cmd_kpi_delete(args) -> int:
    from chemcluster_desktop.services import cluster

    cluster.delete_kpi_value(args.code, args.period)
    print(_t("Значение показателя «{0}» за {1} удалено.").format(args.code, cluster.validate_period(args.period)))
    return 0


def cmd_dashboard(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import cluster

    d = cluster.dashboard()
    if args.json:
        print_json(cluster.jsonable(d))
        return 0
    for t in d["tiles"]:
        pct = "" if t["percent"] is None else f" ({_num(t['percent'])} %)"
        print(f"{t['name']}: {_num(t['value'])} / {_num(t['target'])} {t['unit']}{pct}")
    r = d["readiness"]
    if r["available"]:
        print(_t("Мастерских готово к аккредитации: {0} из {1}").format(r["ready"], len(r["workshops"])))
    b = d["budget"]
    if b["available"]:
        print(_t("Бюджет: лимит {0} ₽, законтрактовано {1} ₽, оплачено {2} ₽").format(
            _num(b["total"].get("limit")), _num(b["total"].get("contracted")), _num(b["total"].get("paid"))))
    print(_t("Охват учащихся 8-х классов: {0}").format(d["pupils"]["pupils"]))
    return 0


def cmd_participants(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import cluster

    rows = cluster.list_participants()
    if args.json:
        print_json({"participants": [cluster.jsonable({k: r[k] for k in (
            "id", "name", "kind", "role", "agreement_number", "agreement_date", "contact", "inn")}) for r in rows]})
        return 0
    for r in rows:
        print(f"{r['kind_name']:<28} {r['name']}  {r['agreement_number']}")
    return 0


def cmd_directions(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import cluster

    rows = cluster.list_directions()
    if args.json:
        print_json({"directions": [{k: r[k] for k in ("id", "code", "name", "level", "places_per_year",
                                                       "requested_by")} for r in rows]})
        return 0
    for r in rows:
        print(f"{r['code']}  {r['name']} ({r['level_name']}, {r['places_per_year']})")
    return 0
