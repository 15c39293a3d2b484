"""``chemcluster import inventory FILE.xlsx [--dry-run] [--strict] [--room NAME] [--groups keep|split]
[--map "Заголовок=field" …]``, ``export inventory FILE.xlsx``, ``inventory movements [--json]``,
``inventory due [--days N] [--json]``, ``inventory decision add|list|show`` (ф. 0510439),
``inventory mol list|set`` (the МОЛ's positions for the forms' signatures) and
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

    _register_decisions(inv)
    _register_mols(inv)

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


# --- decisions (ф. 0510439) ------------------------------------------------------------------------------
def _register_decisions(inv) -> None:
    dec = inv.add_parser("decision", help=_t("решения о проведении инвентаризации (ф. 0510439)"))
    dsub = dec.add_subparsers(dest="decision_command", metavar="add|list|show", required=True)
    sp = dsub.add_parser("add", help=_t("новое решение: приказ, сроки, помещения, комиссия с председателем"))
    sp.add_argument("--number", required=True, help=_t("номер приказа (решения)"))
    sp.add_argument("--date", required=True, metavar=_t("ДД.ММ.ГГГГ"), help=_t("дата приказа"))
    sp.add_argument("--reason", required=True, help=_t("причина (основание) инвентаризации"))
    sp.add_argument("--from", dest="starts_on", metavar=_t("ДД.ММ.ГГГГ"),
                    help=_t("дата начала (по умолчанию дата приказа)"))
    sp.add_argument("--to", dest="ends_on", metavar=_t("ДД.ММ.ГГГГ"), help=_t("дата окончания (по умолчанию дата начала)"))
    sp.add_argument("--room", action="append", default=[], metavar="NAME", required=True,
                    help=_t("инвентаризируемое помещение (повторяется)"))
    sp.add_argument("--accounts", default="", help=_t("счета, которые проверяются, например «101.34, 105.36, 21»"))
    sp.add_argument("--chair", required=True, metavar=_t("\"Фамилия И. О.=Должность\""),
                    help=_t("председатель комиссии"))
    sp.add_argument("--member", action="append", default=[], metavar=_t("\"Фамилия И. О.=Должность\""),
                    help=_t("член комиссии (повторяется)"))
    sp.add_argument("--json", action="store_true", help=_t("итог одним объектом JSON"))
    sp.set_defaults(func=cmd_decision_add, open_db=True)
    sp = dsub.add_parser("list", help=_t("решения, новые сначала"))
    sp.add_argument("--json", action="store_true", help=_t("итог одним объектом JSON"))
    sp.set_defaults(func=cmd_decision_list, open_db=True)
    sp = dsub.add_parser("show", help=_t("решение полностью: сроки, помещения и МОЛ, комиссия, инвентаризации"))
    sp.add_argument("number", metavar="NUMBER", help=_t("номер приказа или id решения"))
    sp.add_argument("--json", action="store_true", help=_t("итог одним объектом JSON"))
    sp.set_defaults(func=cmd_decision_show, open_db=True)


def _person(text: str, role: str) -> dict:
    from chemcluster_desktop.services.errors import ValidationError

    name, sep, position = text.partition("=")
    if not sep or not name.strip() or not position.strip():
        raise ValidationError(_t("«{0}»: укажите «Фамилия И. О.=Должность» — должность печатается в подписях.")
                              .format(text), field="members")
    return {"role": role, "name": name.strip(), "position": position.strip()}


def _decision_json(d: dict) -> dict:
    return {"id": d["id"], "number": d["number"], "date": d["date"].isoformat(), "reason": d["reason"],
            "starts_on": d["starts_on"].isoformat(), "ends_on": d["ends_on"].isoformat(), "accounts": d["accounts"],
            "rooms": [{"name": r["name"], "responsible": r["responsible"]} for r in d["rooms"]],
            "members": [{"role": m["role"], "name": m["name"], "position": m["position"]} for m in d["members"]],
            "stocktakings": [{"number": x["number"], "status": x["status"]} for x in d["stocktakings"]]}


def cmd_decision_add(args) -> int:
    from chemcluster_desktop.services import inventory
    from chemcluster_desktop.services.errors import NotFoundError
    from chemcluster_desktop.services.inventory import decisions

    room_ids = []
    for name in args.room:
        room = inventory.room_by_name(name)
        if room is None:
            raise NotFoundError(_t("Помещение «{0}» не найдено.").format(name))
        room_ids.append(room["id"])
    members = [_person(args.chair, "chair"), *[_person(m, "member") for m in args.member]]
    did = decisions.create_decision({"number": args.number, "date": args.date, "reason": args.reason,
                                     "starts_on": args.starts_on, "ends_on": args.ends_on, "room_ids": room_ids,
                                     "accounts": args.accounts, "members": members})
    return _show(did, args.json, _t("Решение сохранено."))


def _show(did: int, as_json: bool, head: str = "") -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services.inventory import decisions

    d = decisions.get_decision(did)
    if as_json:
        print_json(_decision_json(d))
        return 0
    if head:
        print(head)
    print(_t("Решение о проведении инвентаризации (ф. 0510439) № {0} от {1:%d.%m.%Y}").format(d["number"], d["date"]))
    print("  " + _t("Причина: {0}").format(d["reason"]))
    print("  " + _t("Сроки: с {0:%d.%m.%Y} по {1:%d.%m.%Y}").format(d["starts_on"], d["ends_on"]))
    if d["accounts"]:
        print("  " + _t("Счета: {0}").format(d["accounts"]))
    for r in d["rooms"]:
        print("  " + _t("Помещение: {0} — МОЛ {1}").format(r["name"], r["responsible"] or "—"))
    for m in d["members"]:
        role = _t("председатель") if m["role"] == "chair" else _t("член комиссии")
        print(f"  {role}: {m['position']} {m['name']}")
    states = {"open": _t("идёт"), "closed": _t("закрыта"), "posted": _t("результаты проведены")}
    for x in d["stocktakings"]:
        print("  " + _t("Инвентаризация {0}: {1}").format(x["number"], states.get(x["status"], x["status"])))
    return 0


def cmd_decision_list(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services.inventory import decisions
    from chemcluster_desktop.services.inventory.paperwork import rooms_of

    rows = decisions.list_decisions()
    if args.json:
        print_json({"decisions": [{"id": d["id"], "number": d["number"], "date": d["date"].isoformat(),
                                   "starts_on": d["starts_on"].isoformat(), "ends_on": d["ends_on"].isoformat(),
                                   "reason": d["reason"], "rooms": rooms_of(d["room_ids"])} for d in rows]})
        return 0
    if not rows:
        print(_t("Решений о проведении инвентаризации нет."))
    for d in rows:
        print(f"{d['number']:<12} {d['date']:%d.%m.%Y}  {d['starts_on']:%d.%m.%Y}–{d['ends_on']:%d.%m.%Y}  "
              f"{d['reason']}  ({', '.join(rooms_of(d['room_ids']))})")
    return 0


def cmd_decision_show(args) -> int:
    from chemcluster_desktop.services.inventory import decisions

    return _show(decisions.find_decision(args.number), args.json)


# --- МОЛ and their positions ---------------------------------------------------------------------------
def _register_mols(inv) -> None:
    mol = inv.add_parser("mol", help=_t("материально ответственные лица и их должности (для подписей на формах)"))
    msub = mol.add_subparsers(dest="mol_command", metavar="list|set", required=True)
    sp = msub.add_parser("list", help=_t("МОЛ помещений и позиций, их должности"))
    sp.add_argument("--json", action="store_true", help=_t("итог одним объектом JSON"))
    sp.set_defaults(func=cmd_mol_list, open_db=True)
    sp = msub.add_parser("set", help=_t("указать должность МОЛ"))
    sp.add_argument("name", metavar="NAME", help=_t("фамилия и инициалы, как в помещении или карточке"))
    sp.add_argument("--position", required=True, help=_t("должность («» — очистить)"))
    sp.set_defaults(func=cmd_mol_set, open_db=True)


def cmd_mol_list(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services.inventory import positions

    rows = positions.mols()
    if args.json:
        print_json({"mols": [{"name": m["name"], "position": m["position"], "rooms": m["rooms"],
                              "items": m["items"]} for m in rows]})
        return 0
    for m in rows:
        print(f"{m['name']:<24} {m['position'] or '—':<46} {', '.join(m['rooms'])}")
    return 0


def cmd_mol_set(args) -> int:
    from chemcluster_desktop.services.inventory import positions

    positions.set_position(args.name, args.position)
    print(_t("Должность «{0}»: {1}").format(args.name, args.position.strip() or "—"))
    return 0
