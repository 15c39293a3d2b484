"""Accreditation commands (CLI.md):

    chemcluster import infrastructure-list FILE.xlsx --competency NAME [--year YYYY] [--dry-run] [--strict]
    chemcluster workshop add NAME --room ROOM --competency NAME --workplaces N
    chemcluster accreditation match --workshop NAME [--dry-run] [--json]
    chemcluster accreditation confirm --workshop NAME [--link ID …] [--include-weak] [--dry-run] [--json]
    chemcluster accreditation status --workshop NAME [--json]
    chemcluster accreditation readiness [--json]
    chemcluster accreditation needs --workshop NAME [--line ID …] [--dry-run] [--json]
    chemcluster accreditation undo [--workshop NAME | --id N] [--dry-run] [--json]
    chemcluster accreditation undo --list [--workshop NAME] [--json]

The bulk actions (import into a competency that has a list, match, confirm, needs) print what they
change; with ``--dry-run`` nothing is written. Each one that writes keeps a restore point: ``undo``
puts back the records it changed (refused when they have changed since).

The evidence a packet proves a line with (issue 14):

    chemcluster accreditation loan add --workshop NAME --line NO --partner ORG --document NUMBER
                                       --date DATE --quantity X --until DATE [--from DATE]
                                       [--kind loan|lease] [--note TEXT]
    chemcluster accreditation loan list --workshop NAME [--json]
    chemcluster accreditation loan remove ID
    chemcluster accreditation commission set --workshop NAME --order NUMBER --order-date DATE
                                             --chair "ФИО; должность" --member "ФИО; должность" …
                                             [--secretary "ФИО; должность"] [--kod CODE]
    chemcluster accreditation commission show --workshop NAME [--json]
    chemcluster accreditation kod --workshop NAME CODE      the КОД code of the workshop's list ("" clears)
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
    sp.add_argument("--dry-run", action="store_true", help=_t("только показать, что изменится"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_match, open_db=True)
    sp = asub.add_parser("confirm", help=_t("подтвердить предложения сопоставления (кроме слабых)"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--link", type=int, action="append", metavar="ID",
                    help=_t("подтвердить только это предложение; можно указать несколько раз"))
    sp.add_argument("--include-weak", action="store_true",
                    help=_t("подтвердить и слабые предложения (низкая оценка, разные признаки)"))
    sp.add_argument("--dry-run", action="store_true", help=_t("только показать, что изменится"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_confirm, open_db=True)
    sp = asub.add_parser("undo", help=_t("отменить последнее массовое действие (импорт листа, сопоставление, "
                                         "подтверждение, дефициты → закупки)"))
    sp.add_argument("--workshop", metavar="NAME", help=_t("последнее действие этой мастерской"))
    sp.add_argument("--id", type=int, metavar="N", help=_t("точка восстановления с этим номером"))
    sp.add_argument("--list", action="store_true", help=_t("показать, что можно отменить"))
    sp.add_argument("--dry-run", action="store_true", help=_t("только проверить, ничего не менять"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_undo, open_db=True)
    sp = asub.add_parser("status", help=_t("готовность мастерской"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_status, open_db=True)
    sp = asub.add_parser("readiness", help=_t("готовность всех мастерских кластера"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_readiness, open_db=True)
    sp = asub.add_parser("needs", help=_t("дефициты мастерской → потребности закупок"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--line", type=int, action="append", metavar="ID",
                    help=_t("только эта строка чек-листа (id); можно указать несколько раз"))
    sp.add_argument("--dry-run", action="store_true", help=_t("только показать, что будет создано"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_needs, open_db=True)
    _register_evidence(asub)


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
                    "by_zone": r.by_zone, "dry_run": r.dry_run, "warnings": r.warnings,
                    "added_lines": r.added_lines, "changed_lines": r.changed_lines, "removed_lines": r.removed_lines,
                    "workshops": [_impact_json(w) for w in r.workshops], "restore_point": r.restore_point})
        return 0 if r.imported else 1
    zones = ", ".join(f"{acc.zone_label(z)}: {n}" for z, n in r.by_zone.items())
    head = _t("Проверка (ничего не записано)") if r.dry_run else _t("Импортировано")
    print(_t("{0}: лист «{1}» на {2} год — {3} позиций, пропущено строк: {4}.")
          .format(head, r.competency, r.year, r.imported, len(r.skipped)))
    if zones:
        print(_t("По зонам: {0}.").format(zones))
    print(_t("Прочитан лист книги «{0}» (скрытые листы не читаются).").format(r.sheet))
    if r.updated_list:
        verb = _t("Лист этого года будет обновлён") if r.dry_run else _t("Лист обновлён")
        print(_t("{0}: добавлено {1}, изменено {2}, удалено {3}.").format(verb, r.added, r.changed, r.removed))
        _print_names(_t("Удаляются"), r.removed_lines)
        _print_names(_t("Изменяются"), r.changed_lines)
        _print_names(_t("Добавляются"), r.added_lines)
    for w in r.workshops:
        print(_t("  «{0}»: готовность {1} % → {2} %; теряет связей {3}, договоров {4}, фото {5}").format(
            w.name, _pct(w.readiness_before), _pct(w.readiness_after), w.links_lost, w.loans_lost, w.photos_lost))
    _print_undo(r.restore_point)
    return 0 if r.imported else 1


def _pct(v: float) -> str:
    return (f"{v:.1f}" if v != int(v) else f"{v:.0f}").replace(".", ",")


def _impact_json(w) -> dict:
    return {"workshop": w.name, "readiness_before": w.readiness_before, "readiness_after": w.readiness_after,
            "links_lost": w.links_lost, "loans_lost": w.loans_lost, "photos_lost": w.photos_lost}


def _print_names(head: str, names: list[str], limit: int = 20) -> None:
    if not names:
        return
    print(f"{head} ({len(names)}):")
    for n in names[:limit]:
        print("  - " + n)
    if len(names) > limit:
        print("  " + _t("… и ещё {0}").format(len(names) - limit))


def _print_undo(point: int | None) -> None:
    if point is not None:
        print(_t("Отменить: chemcluster accreditation undo --id {0}").format(point))


def cmd_workshop_add(args) -> int:
    from chemcluster_desktop.services import accreditation as acc

    wid = acc.create_workshop(dict(name=args.name, rooms=args.room, competency=args.competency,
                                   workplaces=args.workplaces, responsible=args.responsible), create_rooms=True)
    info = acc.workshop(wid)
    lst = _t("лист {0} года").format(info.list_year) if info.list_year else _t("листа нет — импортируйте его")
    print(_t("Мастерская «{0}» добавлена (id {1}): {2}, рабочих мест {3}, {4}.")
          .format(info.name, wid, info.room_names, info.workplaces, lst))
    return 0


def _change_json(c) -> dict:
    return {"line": c.line, "item": c.item, "score": c.score, "state": c.state, "reason": c.reason}


def cmd_match(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    r = acc.match(args.workshop, dry_run=args.dry_run)
    if args.json:
        print_json({"workshop": r.workshop, "lines": r.lines, "items": r.items, "applied": r.applied,
                    "proposed": r.proposed, "still_open": r.still_open, "seconds": r.seconds,
                    "dry_run": r.dry_run, "kept": r.kept, "added": [_change_json(c) for c in r.added],
                    "dropped": [_change_json(c) for c in r.dropped], "restore_point": r.restore_point})
        return 0
    if r.dry_run:
        print(_t("Предпросмотр, ничего не записано."))
    print(_t("Мастерская «{0}»: применено связей {1}, предложено на подтверждение {2}, позиций без пары {3} "
             "({4} позиций инвентаря, {5} с).").format(r.workshop, r.applied, r.proposed, r.still_open,
                                                      r.items, r.seconds))
    print(_t("Прежних предложений оставлено: {0}; новых и изменённых связей: {1}; снимается предложений: {2}.")
          .format(r.kept, len(r.added), len(r.dropped)))
    for c in r.dropped:
        print("  - " + _t("{0} ↔ {1}: {2}").format(c.line, c.item, c.reason))
    _print_undo(r.restore_point)
    return 0


def cmd_confirm(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    wid = acc.find_workshop_id(args.workshop)
    props = {p.link_id: p for p in acc.proposals(wid)}
    r = acc.confirm_proposals(wid, args.link, include_weak=args.include_weak, dry_run=args.dry_run)
    chosen = set(r.link_ids)
    if args.json:
        print_json({"workshop": r.workshop, "confirmed": r.confirmed, "left": r.left, "dry_run": r.dry_run,
                    "restore_point": r.restore_point,
                    "proposals": [{"link": p.link_id, "line": p.line, "item": p.item, "score": p.score,
                                   "weak": p.weak, "reason": p.reason, "confirmed": p.link_id in chosen}
                                  for p in props.values()]})
        return 0
    head = _t("Будет подтверждено") if r.dry_run else _t("Подтверждено")
    print(_t("{0} предложений: {1}; остаются ждать: {2}.").format(head, r.confirmed, r.left))
    for p in props.values():
        mark = "+" if p.link_id in chosen else " "
        why = f"  [{p.reason}]" if p.reason else ""
        print(f" {mark} #{p.link_id} {p.line} ↔ {p.item} ({p.score}){why}")
    _print_undo(r.restore_point)
    return 0


def cmd_undo(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    wid = acc.find_workshop_id(args.workshop) if args.workshop else None
    if args.list:
        pts = acc.restore_points(wid)
        if args.json:
            print_json({"restore_points": [{"id": p.id, "kind": p.kind, "label": p.label, "by": p.created_by,
                                            "created_at": p.created_at.isoformat(timespec="seconds")}
                                           for p in pts]})
        elif not pts:
            print(_t("Отменять нечего."))
        for p in [] if args.json else pts:
            print(f"{p.id:>5}  {p.created_at:%d.%m.%Y %H:%M}  {p.label}")
        return 0
    r = acc.undo(args.id, workshop_id=wid, dry_run=args.dry_run)
    if args.json:
        print_json({"id": r.id, "kind": r.kind, "label": r.label, "restored": r.restored, "removed": r.removed,
                    "dry_run": r.dry_run})
        return 0
    head = _t("Проверка (ничего не изменено): можно отменить") if r.dry_run else _t("Отменено")
    print(_t("{0}: {1}. Восстановлено записей {2}, удалено {3}.").format(head, r.label, r.restored, r.removed))
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

    r = acc.create_needs_from_gaps(acc.find_workshop_id(args.workshop), args.line, dry_run=args.dry_run)
    if args.json:
        print_json({"created": r.created, "updated": r.updated, "skipped": r.skipped, "need_ids": r.need_ids,
                    "dry_run": r.dry_run, "restore_point": r.restore_point,
                    "plan": [{"line": p.checklist_line_id, "number": p.number, "name": p.name,
                              "quantity": str(p.quantity), "unit": p.unit, "action": p.action, "need": p.need_id,
                              "unit_price": None if p.unit_price is None else str(p.unit_price),
                              "estimate": None if p.estimate is None else str(p.estimate), "note": p.note}
                             for p in r.plan]})
        return 0
    if r.dry_run:
        print(_t("Предпросмотр, ничего не записано. Будет создано потребностей {0}, обновлено {1}.")
              .format(r.created, r.updated))
    else:
        print(_t("Потребностей создано {0}, обновлено {1}.").format(r.created, r.updated))
    acts = {"create": _t("создать"), "update": _t("обновить"), "skip": _t("пропустить")}
    for p in r.plan:
        price = _t("≈ {0} ₽").format(str(p.estimate).replace(".", ",")) if p.estimate is not None else "—"
        print(f"  [{p.checklist_line_id}] {acts.get(p.action, p.action)}: {p.number} {p.name} — "
              f"{str(p.quantity).replace('.', ',')} {p.unit}, {price}" + (f" ({p.note})" if p.note else ""))
    for s in r.skipped if not r.plan else []:
        print("  " + s)
    _print_undo(r.restore_point)
    return 0


# --- the evidence: loans and leases, the commission, the КОД code ------------------------------------------
def _register_evidence(asub) -> None:
    lp = asub.add_parser("loan", help=_t("оборудование партнёров по договорам (безвозмездное пользование, аренда)"))
    lsub = lp.add_subparsers(dest="loan_command", metavar="ACTION", required=True)
    sp = lsub.add_parser("add", help=_t("записать договор по строке чек-листа"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--line", required=True, metavar="NO", help=_t("номер позиции листа (например, 1.3) или № строки"))
    sp.add_argument("--partner", required=True, metavar="ORG", help=_t("организация, предоставившая оборудование"))
    sp.add_argument("--document", required=True, metavar="NUMBER", help=_t("номер договора"))
    sp.add_argument("--date", required=True, metavar="DATE", help=_t("дата договора (ДД.ММ.ГГГГ)"))
    sp.add_argument("--quantity", required=True, metavar="X", help=_t("количество по договору"))
    sp.add_argument("--until", required=True, metavar="DATE", help=_t("срок договора (по)"))
    sp.add_argument("--from", dest="valid_from", default="", metavar="DATE", help=_t("начало срока"))
    sp.add_argument("--kind", choices=("loan", "lease"), default="loan",
                    help=_t("loan — безвозмездное пользование, lease — аренда"))
    sp.add_argument("--note", default="", metavar="TEXT")
    sp.set_defaults(func=cmd_loan_add, open_db=True)
    sp = lsub.add_parser("list", help=_t("договоры по строкам чек-листа мастерской"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_loan_list, open_db=True)
    sp = lsub.add_parser("remove", help=_t("удалить запись о договоре"))
    sp.add_argument("loan_id", type=int, metavar="ID")
    sp.set_defaults(func=cmd_loan_remove, open_db=True)

    cp = asub.add_parser("commission", help=_t("комиссия мастерской: приказ и состав"))
    csub = cp.add_subparsers(dest="commission_command", metavar="ACTION", required=True)
    sp = csub.add_parser("set", help=_t("записать приказ и состав комиссии (заменяет прежний состав)"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--order", required=True, metavar="NUMBER", help=_t("номер приказа о создании комиссии"))
    sp.add_argument("--order-date", required=True, metavar="DATE", help=_t("дата приказа"))
    sp.add_argument("--chair", required=True, metavar=_t("\"ФИО; должность\""), help=_t("председатель комиссии"))
    sp.add_argument("--member", action="append", default=[], metavar=_t("\"ФИО; должность\""),
                    help=_t("член комиссии; можно указать несколько раз"))
    sp.add_argument("--secretary", action="append", default=[], metavar=_t("\"ФИО; должность\""),
                    help=_t("секретарь комиссии"))
    sp.add_argument("--kod", default=None, metavar="CODE", help=_t("код КОД листа мастерской, например 18.02.12-1-2026"))
    sp.set_defaults(func=cmd_commission_set, open_db=True)
    sp = csub.add_parser("show", help=_t("приказ, состав комиссии и код КОД листа"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_commission_show, open_db=True)

    sp = asub.add_parser("kod", help=_t("код КОД (комплект оценочной документации) листа мастерской"))
    sp.add_argument("--workshop", required=True, metavar="NAME")
    sp.add_argument("code", metavar="CODE", help=_t("например «КОД 18.02.12-1-2026»; пустая строка убирает код"))
    sp.set_defaults(func=cmd_kod, open_db=True)


def _line_id(workshop_id: int, ref: str) -> tuple[int, dict]:
    """The checklist line by the list's position number («1.3»), else by its row number in the checklist."""
    from chemcluster_desktop.services import accreditation as acc
    from chemcluster_desktop.services.errors import NotFoundError

    ref = ref.strip()
    rows = acc.checklist(workshop_id)
    found = [r for r in rows if (r["number"] or "").strip() == ref]
    if not found and ref.isdigit():
        found = [r for r in rows if r["position"] == int(ref)]
    if len(found) != 1:
        raise NotFoundError(_t("Строка чек-листа «{0}» не найдена (или таких несколько): укажите номер позиции листа "
                               "или № строки из «accreditation status».").format(ref))
    return found[0]["id"], found[0]


def cmd_loan_add(args) -> int:
    from chemcluster_desktop.services import accreditation as acc

    wid = acc.find_workshop_id(args.workshop)
    clid, row = _line_id(wid, args.line)
    loan_id = acc.add_loan(clid, {"kind": args.kind, "partner": args.partner, "document_number": args.document,
                                  "document_date": args.date, "quantity": args.quantity, "valid_from": args.valid_from,
                                  "valid_until": args.until, "note": args.note})
    ln = next(x for x in acc.loans(clid) if x.id == loan_id)
    print(_t("Договор записан (id {0}): строка {1} «{2}» — {3}, {4}, количество {5}, по {6}.").format(
        loan_id, row["number"] or row["position"], row["name"], ln.partner, ln.document,
        _qty(ln.quantity), ln.valid_until.strftime("%d.%m.%Y")))
    return 0


def _qty(q) -> str:
    from decimal import Decimal

    d = Decimal(q)
    return str(d.to_integral_value() if d == d.to_integral_value() else d.normalize()).replace(".", ",")


def _workshop_loans(workshop_id: int) -> list[tuple[dict, object]]:
    from chemcluster_desktop.services import accreditation as acc

    return [(row, ln) for row in acc.checklist(workshop_id) for ln in acc.loans(row["id"])]


def cmd_loan_list(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    wid = acc.find_workshop_id(args.workshop)
    rows = _workshop_loans(wid)
    if args.json:
        print_json({"workshop": acc.workshop(wid).name, "loans": [
            {"id": ln.id, "line_no": row["position"], "line_number": row["number"], "line": row["name"],
             "kind": ln.kind, "partner": ln.partner, "document_number": ln.document_number,
             "document_date": ln.document_date.isoformat(), "quantity": str(ln.quantity),
             "valid_from": ln.valid_from.isoformat() if ln.valid_from else None,
             "valid_until": ln.valid_until.isoformat(), "in_force": ln.in_force, "note": ln.note}
            for row, ln in rows]})
        return 0
    if not rows:
        print(_t("Договоров по строкам чек-листа мастерской «{0}» нет.").format(acc.workshop(wid).name))
    for row, ln in rows:
        state = _t("действует") if ln.in_force else _t("срок истёк")
        print(f"{ln.id:>5}  {str(row['number'] or row['position']):<8} {row['name'][:40]:<40}  {ln.partner[:30]:<30}  "
              f"{ln.document}  {_qty(ln.quantity)}  {_t('по')} {ln.valid_until.strftime('%d.%m.%Y')} ({state})")
    return 0


def cmd_loan_remove(args) -> int:
    from chemcluster_desktop.services import accreditation as acc

    acc.delete_loan(args.loan_id)
    print(_t("Запись о договоре id {0} удалена: его количество больше не входит в наличие по строке.").format(
        args.loan_id))
    return 0


def _person(text: str, role: str) -> dict:
    name, _sep, title = text.partition(";")
    return {"role": role, "full_name": name.strip(), "job_title": title.strip()}


def cmd_commission_set(args) -> int:
    from chemcluster_desktop.services import accreditation as acc

    wid = acc.find_workshop_id(args.workshop)
    members = ([_person(args.chair, "chair")] + [_person(m, "member") for m in args.member]
               + [_person(m, "secretary") for m in args.secretary])
    acc.set_commission(wid, args.order, args.order_date, members, kod_code=args.kod)
    return _print_commission(wid)


def _print_commission(wid: int) -> int:
    from chemcluster_desktop.services import accreditation as acc
    from chemcluster_desktop.services.accreditation.evidence import list_ref

    c = acc.commission(wid)
    print(acc.workshop(wid).name)
    if c["order"]:
        print(_t("Приказ № {0} от {1}").format(c["order"], c["order_date"].strftime("%d.%m.%Y")
                                                if c["order_date"] else "—"))
    else:
        print(_t("Приказ о комиссии не записан."))
    for m in c["members"]:
        print(f"  {acc.commission_role_label(m['role'])}: {m['full_name']}, {m['job_title']}")
    print(_t("Инфраструктурный лист: {0}").format(list_ref(c["kod_code"], c["list_year"])))
    return 0


def cmd_commission_show(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import accreditation as acc

    wid = acc.find_workshop_id(args.workshop)
    if args.json:
        c = acc.commission(wid)
        print_json({"workshop": acc.workshop(wid).name, "order": c["order"] or None,
                    "order_date": c["order_date"].isoformat() if c["order_date"] else None,
                    "members": c["members"], "kod_code": c["kod_code"] or None, "list_year": c["list_year"]})
        return 0
    return _print_commission(wid)


def cmd_kod(args) -> int:
    from chemcluster_desktop.services import accreditation as acc
    from chemcluster_desktop.services.accreditation.evidence import list_ref
    from chemcluster_desktop.services.errors import ValidationError

    w = acc.workshop(acc.find_workshop_id(args.workshop))
    if w.list_id is None:
        raise ValidationError(_t("У мастерской «{0}» нет инфраструктурного листа: код КОД указать не к чему.")
                              .format(w.name), field="kod_code")
    acc.set_list_kod(w.list_id, args.code)
    c = acc.commission(w.id)
    print(_t("{0}: инфраструктурный лист {1}.").format(w.name, list_ref(c["kod_code"], c["list_year"])))
    return 0
