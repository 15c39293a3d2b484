"""``chemcluster import inventory FILE.xlsx [--dry-run] [--strict] [--room NAME] [--groups keep|split]
[--map "Заголовок=field" …]``, ``export inventory FILE.xlsx``, ``inventory movements [--json]``,
``inventory due [--days N] [--json]`` and
``stocktaking post NUMBER [--dry-run] [--json] [--with-unknown]``."""

from __future__ import annotations

import sys

from chemcluster_desktop.commands.groups import group
from chemcluster_desktop.i18n import translate

SHOWN_ACTIONS = 200  # rows of the --dry-run listing (all of them in --json)


def _t(s: str) -> str:
    return translate("Cli", s)


def register(sub) -> None:
    imp = group(sub, "import", _t("импорт из Excel (.xlsx)"))
    sp = imp.add_parser("inventory", help=_t("импорт инвентаря из Excel: все верные строки одной транзакцией"))
    sp.add_argument("file", metavar="FILE.xlsx")
    sp.add_argument("--dry-run", action="store_true", help=_t("ничего не записывать, показать, что будет"))
    sp.add_argument("--strict", action="store_true", help=_t("при любой ошибочной строке не импортировать ничего"))
    sp.add_argument("--json", action="store_true", help=_t("итог одним объектом JSON"))
    sp.add_argument("--room", metavar="NAME", default="",
                    help=_t("помещение для строк без своего помещения (создаётся, если его нет)"))
    sp.add_argument("--groups", choices=("keep", "split"), default="keep",
                    help=_t("строка из N одинаковых предметов: keep — одна карточка-группа (по умолчанию), "
                            "split — N карточек по одной штуке с новыми номерами"))
    sp.add_argument("--map", action="append", default=[], metavar=_t("\"Заголовок=field\""),
                    help=_t("какой столбец — какое поле (повторяется); field пустое или «-» — не импортировать"))
    sp.set_defaults(func=cmd_import_inventory, open_db=True)

    exp = group(sub, "export", _t("выгрузка в Excel (.xlsx)"))
    sp = exp.add_parser("inventory", help=_t("выгрузить список инвентаря в Excel"))
    sp.add_argument("file", metavar="FILE.xlsx")
    sp.add_argument("--room", help=_t("только позиции этого помещения"))
    sp.add_argument("--kind", choices=("equipment", "furniture", "consumable", "reagent"))
    sp.add_argument("--search", default="", help=_t("строка поиска, как в окне программы"))
    sp.add_argument("--include-written-off", action="store_true", help=_t("включить списанные позиции"))
    sp.set_defaults(func=cmd_export_inventory, open_db=True)

    inv = group(sub, "inventory", _t("инвентарь: документы движения, поверка и обслуживание"))
    sp = inv.add_parser("movements", help=_t("документы движения: номер, дата, вид, помещения"))
    sp.add_argument("--json", action="store_true", help=_t("итог одним объектом JSON"))
    sp.set_defaults(func=cmd_movements, open_db=True)
    sp = inv.add_parser("due", help=_t("поверка и обслуживание: истекает в ближайшие дни или просрочено"))
    sp.add_argument("--days", type=int, default=30, metavar="N", help=_t("сколько дней вперёд (по умолчанию 30)"))
    sp.add_argument("--json", action="store_true", help=_t("итог одним объектом JSON"))
    sp.set_defaults(func=cmd_due, open_db=True)

    stk = group(sub, "stocktaking", _t("инвентаризация помещения"))
    sp = stk.add_parser("post", help=_t("провести результаты завершённой инвентаризации: списание, "
                                         "оприходование, перемещение — всё или ничего"))
    sp.add_argument("number", metavar="NUMBER", help=_t("номер инвентаризации (ИНВ-2026-001) или её id"))
    sp.add_argument("--dry-run", action="store_true", help=_t("ничего не записывать, показать, что будет"))
    sp.add_argument("--with-unknown", action="store_true",
                    help=_t("поставить на учёт и неучтённые предметы (наименование — их описание)"))
    sp.add_argument("--reason", help=_t("причина списания (по умолчанию «Недостача по инвентаризации № … от …»)"))
    sp.add_argument("--json", action="store_true", help=_t("итог одним объектом JSON"))
    sp.set_defaults(func=cmd_stocktaking_post, open_db=True)


def _print_skipped(report) -> None:
    for row, reason in report.skipped:
        sys.stderr.write(_t("строка {0}: {1}").format(row, reason) + "\n")
    for row, reason in report.ignored:
        sys.stderr.write(_t("строка {0}: не данные — {1}").format(row, reason) + "\n")


def cmd_import_inventory(args) -> int:
    from chemcluster_desktop.cli import fail, print_json
    from chemcluster_desktop.services import inventory
    from chemcluster_desktop.services.inventory.importing import (
        ImportRejected,
        describe_mapping,
        preview_import,
    )

    opts = {"room": args.room, "groups": args.groups, "map_headers": args.map or None}
    try:
        r = inventory.import_inventory(args.file, dry_run=args.dry_run, strict=args.strict, **opts)
    except ImportRejected as e:
        _print_skipped(e.report)
        return fail(str(e))
    _print_skipped(r)
    if args.json:
        print_json({"imported": r.imported, "skipped": [{"row": a, "reason": b} for a, b in r.skipped],
                    "created_rooms": r.created_rooms, "total_rows": r.total_rows, "dry_run": r.dry_run,
                    "created": r.created, "updated": r.updated, "cards_created": r.cards_created,
                    "ignored": [{"row": a, "reason": b} for a, b in r.ignored],
                    "actions": [{"row": a.row, "action": a.action, "name": a.name, "kind": a.kind, "room": a.room,
                                 "quantity": None if a.quantity is None else str(a.quantity), "cards": a.cards,
                                 "reason": a.reason} for a in r.actions]})
    else:
        if r.dry_run:
            for line in describe_mapping(preview_import(args.file, **opts, sample=0)):
                print("  " + line)
            for a in r.actions[:SHOWN_ACTIONS]:
                q = "" if a.quantity is None else f" × {a.quantity.normalize():f}"
                print(f"  {a.row}: {a.action_label} — {a.name}{q}" + (f" ({a.reason})" if a.reason else ""))
            if len(r.actions) > SHOWN_ACTIONS:
                print("  " + _t("… и ещё {0} строк (все — в --json)").format(len(r.actions) - SHOWN_ACTIONS))
            print(_t("Проверка без записи: будет импортировано {0} из {1} строк, пропущено {2}.")
                  .format(r.imported, r.total_rows, len(r.skipped)))
        else:
            print(_t("Импортировано {0} из {1} строк, пропущено {2}.").format(r.imported, r.total_rows,
                                                                          len(r.skipped)))
        if r.updated:
            print(_t("Из них обновлено уже существующих карточек: {0}.").format(r.updated))
        if r.created_rooms:
            verb = _t("Будут созданы помещения") if r.dry_run else _t("Созданы помещения")
            print(verb + ": " + ", ".join(r.created_rooms))
    if r.imported == 0 and not r.dry_run:
        return fail(_t("ничего не импортировано"))
    return 0


def cmd_export_inventory(args) -> int:
    from chemcluster_desktop.services import inventory
    from chemcluster_desktop.services.errors import NotFoundError
    from chemcluster_desktop.services.listing import ListQuery

    filters = {}
    if args.room:
        room = inventory.room_by_name(args.room)
        if room is None:
            raise NotFoundError(_t("Помещение «{0}» не найдено.").format(args.room))
        filters["room_id"] = room["id"]
    if args.kind:
        filters["kind"] = args.kind
    if args.include_written_off:
        filters["include_written_off"] = True
    n = inventory.export_inventory(args.file, ListQuery(search=args.search, filters=filters))
    print(_t("Выгружено позиций: {0} → {1}").format(n, args.file))
    return 0


def cmd_stocktaking_post(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services.inventory import stocktaking

    sid = stocktaking.find(args.number)
    plan = stocktaking.posting_plan(sid)
    lines = [pl.line_id for pl in plan.lines if pl.postable and (pl.checked or args.with_unknown)]
    r = stocktaking.post(sid, lines, reason=args.reason, dry_run=args.dry_run)
    skipped = [pl for pl in plan.lines if pl.line_id not in lines]
    if args.json:
        print_json({"stocktaking": r.number, "dry_run": r.dry_run, "posted_lines": r.posted_lines,
                    "documents": [{"number": d.number, "kind": d.kind, "lines": d.lines} for d in r.documents],
                    "created_items": len(r.created_items),
                    "skipped": [{"line": pl.line_id, "name": pl.name, "reason": pl.note} for pl in skipped]})
        return 0
    head = _t("Проверка без записи: будут проведены") if r.dry_run else _t("Проведены")
    print(_t("{0} результаты инвентаризации {1}: строк {2}, документов {3}.")
          .format(head, r.number, r.posted_lines, len(r.documents)))
    for d in r.documents:
        print(f"  {d.number}  ({d.lines})")
    for pl in skipped:
        print("  " + _t("не проводится: {0} — {1}").format(pl.name, pl.note))
    return 0


def cmd_movements(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services.inventory.movement_forms import list_documents
    from chemcluster_desktop.services.inventory.vocabulary import movement_label

    docs = list_documents()
    if args.json:
        print_json({"movements": [dict(d, date=d["date"].isoformat()) for d in docs]})
        return 0
    for d in docs:
        rooms = " → ".join(x for x in (d["from_room"], d["to_room"]) if x)
        who = f" ({d['person']})" if d["person"] else ""
        print(f"{d['number']:<16} {d['date']:%d.%m.%Y}  {movement_label(d['kind']):<12} {rooms}{who}")
    if not docs:
        print(_t("Документов движения нет."))
    return 0


def cmd_due(args) -> int:
    from chemcluster_desktop.cli import fail, print_json
    from chemcluster_desktop.services.inventory import upkeep

    if args.days < 0 or args.days > 3650:
        return fail(_t("--days: от 0 до 3650 дней."))
    rows = upkeep.due(days=args.days)
    if args.json:
        print_json({"due": [{"inventory_number": r["inventory_number"], "name": r["name"], "kind": r["kind"],
                             "date": r["date"].isoformat() if r["date"] else None, "overdue": r["overdue"],
                             "room": r["room"], "certificate": r["certificate"]} for r in rows]})
        return 0
    if not rows:
        print(_t("В ближайшие {0} дн. поверка и обслуживание не истекают.").format(args.days))
    for r in rows:
        what = _t("поверка") if r["kind"] == "verification" else _t("обслуживание")
        when = r["date"].strftime("%d.%m.%Y") if r["date"] else "—"
        state = _t("ПРОСРОЧЕНО") if r["overdue"] else _t("до")
        print(f"{r['inventory_number']:<16} {r['name']:<40} {what:<13} {state} {when}  {r['room']}")
    return 0
