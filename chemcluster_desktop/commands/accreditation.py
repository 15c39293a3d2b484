"""Accreditation commands (CLI.md):

    chemcluster import infrastructure-list FILE.xlsx --competency NAME [--year YYYY] [--dry-run] [--strict]
    chemcluster workshop add NAME --room ROOM --competency NAME --workplaces N
    chemcluster accreditation match --workshop NAME
    chemcluster accreditation status --workshop NAME [--json]
    chemcluster accreditation readiness [--json]
    chemcluster accreditation needs --workshop NAME [--json]
"""

from __future__ import annotations

import sys

from chemcluster_desktop.commands.groups import group
from chemcluster_desktop.i18n import translate


def _t(s: str) -> str:
    return translate("CliAccreditation", s)


def register(sub) -> None:
    imp = group(sub, "import", _t("импорт из Excel"))
    sp = imp.add_parser("infrastructure-list", help=_t("инфраструктурный лист компетенции (.xlsx)"))
    sp.add_argument("file", metavar="FILE.xlsx")
    sp.add_argument("--competency", required=True, metavar="NAME", help=_t("компетенция (создаётся, если её нет)"))
    sp.add_argument("--year", type=int, help=_t("год листа (по умолчанию из заголовка файла или текущий)"))
    sp.add_argument("--dry-run", action="store_true", help=_t("ничего не записывать, только показать итог"))
    sp.add_argument("--strict", action="store_true", help=_t("не импортировать ничего при любой ошибке в строках"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_import_list, open_db=True)

    wp = sub.add_parser("workshop", help=_t("мастерские"))
    wsub = wp.add_subparsers(dest="workshop_command", metavar="ACTION", required=True)
    sp = wsub.add_parser("add", help=_t("добавить мастерскую"))
    sp.add_argument("name", metavar="NAME")
    sp.add_argument("--room", required=True, action="append", metavar="ROOM",
                    help=_t("помещение (создаётся, если его нет); можно указать несколько раз"))
    sp.add_argument("--competency", required=True, metavar="NAME")
    sp.add_argument("--workplaces", required=True, type=int, metavar="N")
    sp.add_argument("--responsible", default="", metavar="FIO")
    sp.set_defaults(func=cmd_workshop_add, open_db=True)
    sp = wsub.add_parser("list", help=_t("список мастерских с готовностью"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_readiness, open_db=True)

    ap = sub.add_parser("accreditation", help=_t("аккредитация мастерских"))
    asub = ap.add_subparsers(dest="accreditation_command", metavar="ACTION", required=True)
    sp = asub.add_parser("match", help=_t("сопоставить лист с инвентарём мастерской"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_match, open_db=True)
    sp = asub.add_parser("status", help=_t("готовность мастерской"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_status, open_db=True)
    sp = asub.add_parser("readiness", help=_t("готовность всех мастерских кластера"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_readiness, open_db=True)
    sp = asub.add_parser("needs", help=_t("дефициты мастерской → потребности закупок"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_needs, open_db=True)


def cmd_import_list(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    r = acc.import_infrastructure_list(args.file, args.competency, year=args.year, dry_run=args.dry_run,
                                       strict=args.strict)
    for row, msg in r.skipped:
        sys.stderr.write(_t("пропущена строка {0}: {1}").format(row, msg) + "\n")
    for w in r.warnings:
        sys.stderr.write(_t("внимание: {0}").format(w) + "\n")
    if args.json:
        print_json({"competency": r.competency, "year": r.year, "list_id": r.list_id, "imported": r.imported,
                    "skipped": len(r.skipped), "added": r.added, "changed": r.changed, "removed": r.removed,
                    "by_zone": r.by_zone, "dry_run": r.dry_run})
    else:
        zones = ", ".join(f"{acc.zone_label(z)}: {n}" for z, n in r.by_zone.items())
        head = _t("Проверка (ничего не записано)") if r.dry_run else _t("Импортировано")
        print(_t("{0}: лист «{1}» на {2} год — {3} позиций, пропущено строк: {4}.")
              .format(head, r.competency, r.year, r.imported, len(r.skipped)))
        if zones:
            print(_t("По зонам: {0}.").format(zones))
        print(_t("Прочитан лист книги «{0}» (скрытые листы не читаются).").format(r.sheet))
        if r.updated_list and not r.dry_run:
            print(_t("Лист обновлён: добавлено {0}, изменено {1}, удалено {2}.").format(r.added, r.changed, r.removed))
    return 0 if r.imported else 1


def cmd_workshop_add(args) -> int:
    from chemcluster_desktop.services import accreditation as acc

    wid = acc.create_workshop(dict(name=args.name, rooms=args.room, competency=args.competency,
                                   workplaces=args.workplaces, responsible=args.responsible), create_rooms=True)
    info = acc.workshop(wid)
    lst = _t("лист {0} года").format(info.list_year) if info.list_year else _t("листа нет — импортируйте его")
    print(_t("Мастерская «{0}» добавлена (id {1}): {2}, рабочих мест {3}, {4}.")
          .format(info.name, wid, info.room_names, info.workplaces, lst))
    return 0


def cmd_match(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    r = acc.match(args.workshop)
    if args.json:
        print_json({"workshop": r.workshop, "lines": r.lines, "items": r.items, "applied": r.applied,
                    "proposed": r.proposed, "still_open": r.still_open, "seconds": r.seconds})
    else:
        print(_t("Мастерская «{0}»: применено связей {1}, предложено на подтверждение {2}, позиций без пары {3} "
                 "({4} позиций инвентаря, {5} с).").format(r.workshop, r.applied, r.proposed, r.still_open,
                                                          r.items, r.seconds))
    return 0


def cmd_status(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    st = acc.status(args.workshop)
    if args.json:
        print_json(st)
        return 0
    print(_t("Мастерская «{0}», рабочих мест {1}").format(st["workshop"], st["workplaces"]))
    print(_t("Позиций {0}: выполнено {1}, частично {2}, не выполнено {3}; покрытие {4} %")
          .format(st["lines"], st["met"], st["partial"], st["missing"], str(st["coverage_percent"]).replace(".", ",")))
    manual = [f"{ln['number'] or ln['no']} {ln['name']}" for ln in st["checklist"] if ln["unconfirmed"]]
    if manual:  # not counted: the evidence does not support them
        print(_t("Вручную без подтверждения: {0}").format("; ".join(manual)))
    for z in acc.zone_readiness(acc.find_workshop_id(args.workshop)):
        print(f"  {z.label}: {z.met}/{z.lines}, {str(z.coverage_percent).replace('.', ',')} %")
    return 0


def cmd_readiness(args) -> int:
    from dataclasses import asdict

    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    rows = acc.cluster_readiness()
    if args.json:
        print_json({"workshops": [asdict(r) for r in rows]})
        return 0
    for r in rows:
        print(f"{r.name[:60]:<60} {r.met:>4}/{r.lines:<4} {str(r.coverage_percent).replace('.', ','):>6} %")
    return 0


def cmd_needs(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    r = acc.create_needs_from_gaps(acc.find_workshop_id(args.workshop))
    if args.json:
        print_json({"created": r.created, "updated": r.updated, "skipped": r.skipped, "need_ids": r.need_ids})
        return 0
    print(_t("Потребностей создано {0}, обновлено {1}.").format(r.created, r.updated))
    for s in r.skipped:
        print("  " + s)
    return 0
