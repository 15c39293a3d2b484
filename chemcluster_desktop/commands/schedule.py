"""Schedule commands (CLI.md):

    chemcluster schedule generate --term TERM [--from DATE] [--dry-run] [--json]
        → {"placed": N, "unplaced": N, "seconds": X, "added": N, "moved": N, "removed": N,
           "reasons": [{"class": …, "module": …, "hours": N, "reason": …}], …}
    chemcluster schedule undo --term TERM                   the timetable as before the latest generation
                                                            (again: as before the one before, and so on)
    chemcluster schedule undo --term TERM --list [--json]   the generations that can be undone, latest first
    chemcluster schedule conflicts [--term TERM] [--json]   → {"conflicts": [{"kind": ..., ...}, ...]}
    chemcluster schedule export-fet FILE.fet --term TERM
    chemcluster schedule lessons --term TERM [--school NAME] [--json]
    chemcluster schedule load --term TERM [--json]          hours per class against the subject's cap
    chemcluster schedule substitute --instructor NAME --from DATE --to DATE [--dry-run] [--json]
    chemcluster schedule days-off [--term TERM] [--json]    lessons on a public day off or in school holidays

TERM is a term's name as the program shows it, or ``current`` (the term containing today, else the
next one).
"""

from __future__ import annotations

import sys

from chemcluster_desktop.i18n import translate


def _t(s: str) -> str:
    return translate("CliSchedule", s)


def register(sub) -> None:
    p = sub.add_parser("schedule", help=translate("CliSchedule", "расписание занятий 8-х классов в мастерских"))
    ssub = p.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)
    sp = ssub.add_parser("generate", help=translate("CliSchedule", "сгенерировать расписание периода (закреплённые занятия остаются)"))
    sp.add_argument("--term", required=True, metavar="TERM", help=translate("CliSchedule", "название периода или current"))
    sp.add_argument("--time-limit", type=float, metavar="SEC", help=translate("CliSchedule", "предел времени поиска, с"))
    sp.add_argument("--from", dest="date_from", metavar="DATE",
                    help=translate("CliSchedule", "менять занятия только с этой даты (прошедшие не меняются никогда)"))
    sp.add_argument("--dry-run", action="store_true", help=translate("CliSchedule", "только показать, что изменится"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_generate, open_db=True)
    sp = ssub.add_parser("undo", help=translate("CliSchedule", "отменить последнюю генерацию периода"))
    sp.add_argument("--term", required=True, metavar="TERM")
    sp.add_argument("--list", action="store_true",
                    help=translate("CliSchedule", "только показать генерации, которые можно отменить"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_undo, open_db=True)
    sp = ssub.add_parser("lessons", help=translate("CliSchedule", "занятия периода (одной школы)"))
    sp.add_argument("--term", required=True, metavar="TERM")
    sp.add_argument("--school", metavar="NAME")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_lessons, open_db=True)
    sp = ssub.add_parser("load", help=translate("CliSchedule", "часы по классам против предела предмета"))
    sp.add_argument("--term", required=True, metavar="TERM")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_load, open_db=True)
    sp = ssub.add_parser("substitute", help=translate("CliSchedule", "замена отсутствующего преподавателя"))
    sp.add_argument("--instructor", required=True, metavar="NAME")
    sp.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    sp.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    sp.add_argument("--dry-run", action="store_true")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_substitute, open_db=True)
    sp = ssub.add_parser("export", help=translate("CliSchedule", "расписание для школ: .xlsx (лист на школу) или .ics"))
    sp.add_argument("--term", required=True, metavar="TERM")
    sp.add_argument("--school", metavar="NAME")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.ics")
    sp.set_defaults(func=cmd_export, open_db=True)
    sp = ssub.add_parser("days-off", help=translate("CliSchedule", "занятия в нерабочие праздничные дни и каникулы"))
    sp.add_argument("--term", metavar="TERM")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_days_off, open_db=True)
    sp = ssub.add_parser("conflicts", help=translate("CliSchedule", "конфликты расписания"))
    sp.add_argument("--term", metavar="TERM", help=translate("CliSchedule", "только этот период (по умолчанию все)"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_conflicts, open_db=True)
    sp = ssub.add_parser("export-fet", help=translate("CliSchedule", "выгрузить нагрузку периода в файл FET (.fet)"))
    sp.add_argument("file", metavar="FILE.fet")
    sp.add_argument("--term", required=True, metavar="TERM")
    sp.set_defaults(func=cmd_export_fet, open_db=True)


def cmd_generate(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import schedule

    def progress(done, total, text):
        if not args.json and sys.stderr.isatty():
            sys.stderr.write(f"\r{done:3d}% {text[:70]:<70}")

    res = schedule.generate(args.term, from_date=_day(args.date_from), dry_run=args.dry_run, progress=progress,
                            time_limit=args.time_limit)
    if args.json:
        print_json({"placed": res["placed"], "unplaced": res["unplaced"], "seconds": res["seconds"],
                    "added": res["added"], "moved": res["moved"], "removed": res["removed"],
                    "unchanged": res["unchanged"], "kept": res["kept"], "from": res["cut"].isoformat(),
                    "dry_run": bool(args.dry_run), "by_school": res["by_school"],
                    "reasons": [{k: r[k] for k in ("school", "class", "subgroup", "module", "hours", "reason")}
                                for r in res["reasons"]]})
        return 0
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    head = _t("Предпросмотр, ничего не записано. ") if args.dry_run else ""
    print(head + translate("CliSchedule", "Период «{0}» с {1}: добавлено {2}, перенесено {3}, удалено {4}, без изменений {5}; "
                                          "прошедшие и закреплённые не тронуты: {6}. Не размещено часов {7}, {8} с.").format(
        res["term"], res["cut"].strftime("%d.%m.%Y"), res["added"], res["moved"], res["removed"], res["unchanged"],
        res["kept"], res["unplaced"], res["seconds"]))
    for row in res["by_school"]:
        print(translate("CliSchedule", "  {0}: +{1}, ↔{2}, −{3}").format(row["school"], row["added"], row["moved"],
                                                                    row["removed"]))
    for r in res["reasons"]:
        sub = translate("CliSchedule", ", подгруппа {0}").format(r["subgroup"]) if r["subgroup"] else ""
        print(translate("CliSchedule", "  {0} {1}{2}, «{3}»: {4} ч — {5}").format(r["school"], r["class"], sub, r["module"], r["hours"],
                                                          r["reason"]))
    return 0


def _day(v):
    if not v:
        return None
    from chemcluster_desktop.services.schedule._common import _date

    return _date(v, "from")


def cmd_undo(args) -> int:
    from chemcluster_desktop.services import schedule

    if args.list:
        points = schedule.restore_points(args.term)
        if args.json:
            from chemcluster_desktop.cli import print_json

            print_json({"restore_points": [{"label": p["label"], "created_at": p["created_at"].isoformat(),
                                            "lessons": p["lessons"]} for p in points]})
            return 0
        if not points:
            print(translate("CliSchedule", "Генераций, которые можно отменить, нет."))
        for p in points:
            print(translate("CliSchedule", "{0}: {1} занятий").format(p["label"], p["lessons"]))
        return 0
    res = schedule.undo_generation(args.term)
    if args.json:
        from chemcluster_desktop.cli import print_json

        print_json(res)
        return 0
    print(translate("CliSchedule", "Период «{0}»: восстановлено занятий {1} ({2}).").format(
        res["term"], res["restored"], res["label"]))
    if res["left"]:
        print(translate("CliSchedule", "Можно отменить ещё генераций: {0} (следующая вернёт к «{1}»).").format(
            res["left"], res["next"]))
    return 0


def cmd_lessons(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import schedule

    res = schedule.term_lessons(args.term, args.school)
    if args.json:
        print_json({"lessons": res["lessons"]})
        return 0
    for le in res["lessons"]:
        sub = f" ({le['subgroup']})" if le["subgroup"] else ""
        rep = translate("CliSchedule", " (замена за {0})").format(le["replaces"]) if le["replaces"] else ""
        # «закреплено» in words: a console without an emoji font (or a cp866 one) showed «🔒» as a box or «?»
        lock = translate("CliSchedule", "  [закреплено]") if le["locked"] else ""
        print(f"{le['date']} {le['slot']}  {le['school']} {le['class']}{sub}  «{le['module']}»  "
              f"{le['workshop']}  {le['instructor'] or ''}{rep}{lock}")
    print(translate("CliSchedule", "Всего занятий: {0}").format(len(res["lessons"])))
    return 0


def cmd_load(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import schedule

    res = schedule.load_hours(args.term)
    if args.json:
        print_json({"classes": [{k: r[k] for k in ("school", "class", "lesson_hours", "cap", "guidance_hours")}
                                for r in res["classes"]]})
        return 0
    for r in res["classes"]:
        over = translate("CliSchedule", "  ПРЕВЫШЕНИЕ на {0} ч").format(r["over"]) if r["over"] else ""
        print(translate("CliSchedule", "{0} {1}: уроков {2} ч из {3}, профориентация {4} ч{5}").format(
            r["school"], r["class"], r["lesson_hours"], r["cap"], r["guidance_hours"], over))
    return 0


def cmd_substitute(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import schedule

    res = schedule.substitute(args.instructor, args.date_from, args.date_to, dry_run=args.dry_run)
    if args.json:
        print_json(res)
        return 0
    head = _t("Предпросмотр, ничего не записано. ") if args.dry_run else ""
    print(head + translate("CliSchedule", "{0} отсутствует {1} — {2}: заменено {3}, без замены {4}.").format(
        res["instructor"], res["from"], res["to"], res["replaced"], res["uncovered"]))
    for r in res["lessons"]:
        who = r["substitute"] or r.get("reason", "")
        print(f"  {r['date']} {r['slot']}  {r['school']} {r['class']}  «{r['module']}»  {r['workshop']}  → {who}")
    return 0


def cmd_export(args) -> int:
    """``.xlsx``: one sheet per school; ``.ics``: the school's calendar (without ``--school``, one file per
    school next to FILE, named «FILE — school.ics»)."""
    import os

    from chemcluster_desktop.services import schedule
    from chemcluster_desktop.services.errors import ValidationError
    from chemcluster_desktop.services.schedule import report_schedule

    out = args.output
    low = out.lower()
    if low.endswith(".xlsx"):
        n = report_schedule.export_xlsx(out, school=args.school, term=args.term)
        print(translate("CliSchedule", "Записан {0}: занятий {1}.").format(out, n))
        return 0
    if not low.endswith(".ics"):
        raise ValidationError(translate("CliSchedule", "Укажите файл .xlsx или .ics."))
    schools = [args.school] if args.school else [s["name"] for s in schedule.list_schools()]
    stem = out[:-4]
    for name in schools:
        path = out if args.school else f"{stem} — {name.replace('/', '-')}.ics"
        n = report_schedule.export_ics(path, school=name, term=args.term)
        print(translate("CliSchedule", "Записан {0}: событий {1}.").format(os.path.basename(path), n))
    return 0


def cmd_days_off(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import schedule

    term_id = schedule.resolve_term(args.term)["id"] if args.term else None
    rows = schedule.lessons_on_days_off(term_id)
    if args.json:
        print_json({"lessons": rows})
        return 0
    for c in rows:
        print(c["message"])
    print(translate("CliSchedule", "Занятий в нерабочие дни и каникулы: {0}").format(len(rows)))
    return 0


def cmd_conflicts(args) -> int:
    from chemcluster_desktop.cli import print_json
    from chemcluster_desktop.services import schedule
    from chemcluster_desktop.services.schedule.check import kind_title

    term_id = schedule.resolve_term(args.term)["id"] if args.term else None
    conflicts = schedule.check_conflicts(term_id)
    if args.json:
        print_json({"conflicts": conflicts})
        return 0
    if not conflicts:
        print(translate("CliSchedule", "Конфликтов нет."))
        return 0
    for c in conflicts:
        print(f"[{kind_title(c['kind'])}] {c['message']}")
    print(translate("CliSchedule", "Всего конфликтов: {0}").format(len(conflicts)))
    return 0


def cmd_export_fet(args) -> int:
    from chemcluster_desktop.services import schedule

    res = schedule.export_fet(args.file, args.term)
    print(translate("CliSchedule", "Записан файл FET {0}: занятий {1}, дней {2}, уроков в дне {3}.").format(
        res["path"], res["activities"], res["days"], res["hours"]))
    return 0
