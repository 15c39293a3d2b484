"""Schedule commands (CLI.md):

    chemcluster schedule generate --term TERM [--json]      → {"placed": N, "unplaced": N, "seconds": X}
    chemcluster schedule conflicts [--term TERM] [--json]   → {"conflicts": [{"kind": ..., ...}, ...]}
    chemcluster schedule export-fet FILE.fet --term TERM

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
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_generate, open_db=True)
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

    res = schedule.generate(args.term, progress=progress, time_limit=args.time_limit)
    if args.json:
        print_json({"placed": res["placed"], "unplaced": res["unplaced"], "seconds": res["seconds"],
                    "reasons": [{k: r[k] for k in ("school", "class", "subgroup", "module", "hours", "reason")}
                                for r in res["reasons"]]})
        return 0
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    print(translate("CliSchedule", "Период «{0}»: размещено занятий {1}, не размещено часов {2}, {3} с.").format(
        res["term"], res["placed"], res["unplaced"], res["seconds"]))
    for r in res["reasons"]:
        sub = translate("CliSchedule", ", подгруппа {0}").format(r["subgroup"]) if r["subgroup"] else ""
        print(translate("CliSchedule", "  {0} {1}{2}, «{3}»: {4} ч — {5}").format(r["school"], r["class"], sub, r["module"], r["hours"],
                                                          r["reason"]))
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
