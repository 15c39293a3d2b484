"""``chemcluster``: with no sub-command it opens the GUI; with one it works headless.

Exit codes: 0 success, 1 refused or failed (reason on stderr), 2 wrong usage. ``--json`` prints one
JSON object on stdout. Area commands live in ``chemcluster_desktop/commands/<area>.py``, declared as the
area's ``commands`` in the area registry (:mod:`chemcluster_desktop.areas`); each module has
``register(subparsers)`` and sets ``func`` (called with the parsed args, returns an exit code). Starting
the GUI (no sub-command) does not import them.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import os
import sys

from chemcluster_desktop import __version__, areas, i18n
from chemcluster_desktop.i18n import translate

# the modules adding each area's sub-commands, in the registry's order
AREA_COMMANDS = areas.command_modules()
# the global options that take a value (``--db X`` / ``--db=X``): with only these the GUI starts
_GLOBAL_VALUE_OPTIONS = ("--db", "--lang", "--user")

# commands that only read: without --user they run as an anonymous viewer once log-in is required
READ_ONLY = {"check", "stats", "backup", "report", "status", "conflicts", "nmck", "export", "export-fet"}


def _t(s: str) -> str:
    return translate("Cli", s)


def print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def fail(message: str) -> int:
    sys.stderr.write(f"chemcluster: {message}\n")
    return 1


# the commands defined here; a start with one of them does not import the area command modules
CORE_COMMANDS = ("init", "demo", "check", "stats", "backup", "restore", "user", "journal")


def use_utf8_output() -> None:
    """Write UTF-8 whatever the console's code page: a Russian Windows gives Python cp1251 (or cp866)
    for a redirected or piped stdout, where «₽» and «№» cannot be encoded and JSON would come out in
    cp1251. A stream that cannot be reconfigured (a test's capture, None in a windowed program) stays."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
                stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


def add_global_options(p: argparse.ArgumentParser) -> None:
    """--version, --db, --lang, --user: shared by ``chemcluster`` and ``chemcluster-gui``."""
    p.add_argument("--version", action="version", version=f"ChemCluster Desktop {__version__}")
    p.add_argument("--db", help=_t("файл SQLite или адрес SQLAlchemy (postgresql+psycopg://…); "
                                  "по умолчанию $CHEMCLUSTER_DB или файл в папке данных пользователя"))
    p.add_argument("--lang", choices=i18n.SUPPORTED_LANGUAGES, help=_t("язык интерфейса (ru по умолчанию)"))
    p.add_argument("--user", help=_t("логин пользователя (или $CHEMCLUSTER_USER); пароль из "
                                    "$CHEMCLUSTER_PASSWORD или запрашивается"))


def build_parser(*, area_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``area_commands=False`` leaves out the area commands (a core command or the GUI
    does not need their modules imported)."""
    p = argparse.ArgumentParser(
        prog="chemcluster",
        description=_t("ChemCluster Desktop: инвентарь, аккредитация, расписание, закупки и отчёты кластера "
                       "«Химический потенциал». Без команды открывает окно программы."),
    )
    add_global_options(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    sp = sub.add_parser("init", help=_t("создать базу данных или обновить её схему"))
    sp.set_defaults(func=cmd_init, open_db=True)
    sp = sub.add_parser("demo", help=_t("загрузить демо-данные в пустую базу"))
    sp.set_defaults(func=cmd_demo, open_db=True)
    sp = sub.add_parser("check", help=_t("проверка целостности и схемы базы"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_check, open_db=True)
    sp = sub.add_parser("stats", help=_t("количество записей каждого вида"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_stats, open_db=True)
    sp = sub.add_parser("backup", help=_t("согласованная копия базы данных"))
    sp.add_argument("-o", "--output", metavar="FILE")
    sp.set_defaults(func=cmd_backup, open_db=True)
    sp = sub.add_parser("restore", help=_t("заменить базу резервной копией (старая сохраняется)"))
    sp.add_argument("file", metavar="FILE")
    sp.set_defaults(func=cmd_restore, open_db=True)
    sp = sub.add_parser("user", help=_t("пользователи"))
    usub = sp.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    up = usub.add_parser("add", help=_t("добавить пользователя"))
    up.add_argument("login")
    up.add_argument("--role", required=True)
    up.add_argument("--full-name", default="")
    up.add_argument("--password-env", metavar="VAR",
                    help=_t("взять пароль нового пользователя из переменной окружения VAR"))
    up.set_defaults(func=cmd_user_add, open_db=True)
    up = usub.add_parser("list", help=_t("список пользователей"))
    up.add_argument("--json", action="store_true")
    up.set_defaults(func=cmd_user_list, open_db=True)
    up = usub.add_parser("passwd", help=_t("задать пароль пользователя"))
    up.add_argument("login")
    up.set_defaults(func=cmd_user_passwd, open_db=True)
    up = usub.add_parser("disable", help=_t("запретить вход пользователю"))
    up.add_argument("login")
    up.set_defaults(func=cmd_user_disable, open_db=True, active=False)
    up = usub.add_parser("enable", help=_t("снова разрешить вход пользователю"))
    up.add_argument("login")
    up.set_defaults(func=cmd_user_disable, open_db=True, active=True)
    up = usub.add_parser("role", help=_t("сменить роль пользователя"))
    up.add_argument("login")
    up.add_argument("role")
    up.set_defaults(func=cmd_user_role, open_db=True)
    sp = sub.add_parser("journal", help=_t("журнал изменений (кто, когда, что изменил)"))
    sp.add_argument("--user", dest="journal_user", metavar="LOGIN")
    sp.add_argument("--area")
    sp.add_argument("--entity")
    sp.add_argument("--id", dest="entity_id")
    sp.add_argument("--since", metavar="YYYY-MM-DD")
    sp.add_argument("--until", metavar="YYYY-MM-DD")
    sp.add_argument("--limit", type=int, default=50)
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_journal, open_db=True)

    if area_commands:
        for module in AREA_COMMANDS:
            importlib.import_module(module).register(sub)
    return p


def _starts_gui(argv: list[str]) -> bool:
    """Nothing but global options with their values: no sub-command, so the GUI starts."""
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in _GLOBAL_VALUE_OPTIONS:
            i += 2
        elif a.startswith(tuple(f"{o}=" for o in _GLOBAL_VALUE_OPTIONS)):
            i += 1
        else:
            return False
    return True


def _login(args) -> None:
    """Who acts: --user / $CHEMCLUSTER_USER with $CHEMCLUSTER_PASSWORD (or asked on a terminal).
    Without a user, once log-in is required, an anonymous viewer: reading works, writes are refused
    by the services. The same rights apply as in the GUI."""
    from chemcluster_desktop.services import context, security

    login = (getattr(args, "user", None) or os.environ.get("CHEMCLUSTER_USER") or "").strip()
    if login:
        password = os.environ.get("CHEMCLUSTER_PASSWORD")
        if password is None:
            users = {u.login: u for u in security.list_users()}
            u = users.get(login)
            if u is not None and u.has_password:
                if not sys.stdin or not sys.stdin.isatty():
                    raise security.PermissionDenied(
                        _t("Нужен пароль пользователя «{0}»: задайте CHEMCLUSTER_PASSWORD.").format(login))
                password = getpass.getpass(_t("Пароль для {0}: ").format(login))
        context.set_actor(security.authenticate(login, password or ""))
        return
    if security.login_required():
        # anonymous read-only access; writes are refused by the services with a clear message
        context.set_actor(context.Actor(security.ANONYMOUS, "viewer", _t("без входа")))
    else:
        context.set_actor(context.Actor("admin", "admin", "Администратор"))


def _global_parser(prog: str, add_help: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, add_help=add_help, description=_t(
        "ChemCluster Desktop: окно программы. Те же параметры, что у «chemcluster» без команды."))
    add_global_options(p)
    return p


def _set_language(argv: list[str]) -> None:
    lang = os.environ.get("CHEMCLUSTER_LANG")
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
    if lang in i18n.SUPPORTED_LANGUAGES:
        i18n.set_language(lang)


def gui_main(argv: list[str] | None = None) -> int:
    """``chemcluster-gui [--db DB] [--lang ru|en] [--user LOGIN]``: the window, with the same options as
    ``chemcluster`` without a command (the no-console shortcut on Windows)."""
    use_utf8_output()
    argv = sys.argv[1:] if argv is None else argv
    _set_language(argv)
    args = _global_parser("chemcluster-gui").parse_args(argv)
    from chemcluster_desktop.app import main as app_main

    return app_main(db=args.db, lang=args.lang, user=args.user)


def main(argv: list[str] | None = None) -> int:
    use_utf8_output()
    argv = sys.argv[1:] if argv is None else argv
    _set_language(argv)
    # a start without a command opens the window: parse the global options only (importing every
    # area's command module and registering its parsers cost ~30 ms of each GUI start)
    known, rest = _global_parser("chemcluster", add_help=False).parse_known_args(argv)
    if not rest:
        from chemcluster_desktop.app import main as app_main

        return app_main(db=known.db, lang=known.lang, user=known.user)
    parser = build_parser(area_commands=rest[0] not in CORE_COMMANDS)
    args = parser.parse_args(argv)
    if args.command is None:
        from chemcluster_desktop.app import main as app_main

        return app_main(db=args.db, lang=args.lang, user=args.user)
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return 2
    from chemcluster_desktop.services.errors import DatabaseOpenError, ServiceError

    try:
        if getattr(args, "open_db", False):
            from chemcluster_desktop.services import context

            context.open_database(args.db)
            _login(args)
        return int(args.func(args) or 0)
    except DatabaseOpenError as e:
        return fail(str(e))
    except ServiceError as e:
        where = f" ({_t('строка')} {e.row})" if e.row else ""
        return fail(str(e) + where)
    except KeyboardInterrupt:
        return fail(_t("прервано"))
    finally:
        from chemcluster_desktop.services import context as _ctx

        _ctx.close_database()


# --- core commands -------------------------------------------------------------------------------
def cmd_init(args) -> int:
    from chemcluster_desktop.services import context
    from chemcluster_desktop.services.database import schema_revision

    db = context.current()
    print(_t("База данных готова: {0} (схема {1})").format(db.display_name(), schema_revision()))
    return 0


def cmd_demo(args) -> int:
    from chemcluster_desktop.services.demo import load_demo

    st = load_demo()
    print(_t("Демо-данные загружены: {0} позиций инвентаря, {1} мастерских, {2} школ, {3} потребностей.")
          .format(st["items"], st["workshops"], st["schools"], st["needs"]))
    return 0


def cmd_check(args) -> int:
    from chemcluster_desktop.services.database import check

    r = check()
    if args.json:
        print_json(r.as_dict())
    else:
        print(_t("База данных: {0} ({1})").format(r.database, r.backend))
        print(_t("Схема: {0} (актуальная {1})").format(r.schema_revision, r.head_revision))
        print(_t("Целостность: {0}").format(r.integrity))
        for pr in r.problems:
            print("  - " + pr)
        print(_t("Проверка пройдена.") if r.ok else _t("Найдены проблемы: {0}.").format(len(r.problems)))
    return 0 if r.ok else 1


def cmd_stats(args) -> int:
    from chemcluster_desktop.services.database import stats

    st = stats()
    if args.json:
        print_json(st)
    else:
        width = max(len(k) for k in st)
        for k, v in st.items():
            print(f"{k:<{width}}  {v}")
    return 0


def cmd_backup(args) -> int:
    from chemcluster_desktop.services import backup

    p = backup.backup(args.output)
    print(_t("Резервная копия записана и проверена: {0}").format(p))
    return 0


def cmd_restore(args) -> int:
    from chemcluster_desktop.services import backup, security

    security.require("admin")
    keep = backup.restore(args.file)
    print(_t("База восстановлена из «{0}». Прежняя база сохранена: {1}").format(args.file, keep))
    return 0


def cmd_user_add(args) -> int:
    from chemcluster_desktop.services import security

    pw = os.environ.get(args.password_env) if args.password_env else None
    uid = security.add_user(args.login, args.role, pw, args.full_name)
    print(_t("Пользователь «{0}» добавлен (роль {1}, id {2}).").format(args.login, args.role, uid))
    return 0


def cmd_user_list(args) -> int:
    from chemcluster_desktop.services import security

    users = security.list_users()
    if args.json:
        print_json({"users": [{"login": u.login, "role": u.role, "full_name": u.full_name, "active": u.active,
                               "has_password": u.has_password} for u in users]})
    else:
        for u in users:
            state = "" if u.active else _t(" (вход запрещён)")
            print(f"{u.login:<16} {u.role:<12} {u.full_name}{state}")
    return 0


def cmd_user_passwd(args) -> int:
    from chemcluster_desktop.services import security

    pw = os.environ.get("CHEMCLUSTER_NEW_PASSWORD")
    if pw is None:
        pw = getpass.getpass(_t("Новый пароль для {0}: ").format(args.login))
    security.set_password(args.login, pw)
    print(_t("Пароль пользователя «{0}» изменён.").format(args.login))
    return 0


def cmd_user_disable(args) -> int:
    from chemcluster_desktop.services import security

    security.set_active(args.login, args.active)
    print((_t("Пользователь «{0}» может входить в программу.") if args.active
           else _t("Пользователю «{0}» вход запрещён.")).format(args.login))
    return 0


def cmd_user_role(args) -> int:
    from chemcluster_desktop.services import security

    u = security.set_role(args.login, args.role)
    print(_t("Роль пользователя «{0}»: {1}.").format(u.login, security.role_name(u.role)))
    return 0


def cmd_journal(args) -> int:
    import datetime as dt

    from chemcluster_desktop.services import journal
    from chemcluster_desktop.services.errors import ValidationError
    from chemcluster_desktop.services.listing import ListQuery

    def day(v, name):
        if not v:
            return None
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            raise ValidationError(_t("Дата {0} указывается как ГГГГ-ММ-ДД, например 2026-11-26.").format(name),
                                  field=name) from None

    filters = {"user": args.journal_user, "area": args.area, "entity": args.entity, "entity_id": args.entity_id,
               "date_from": day(args.since, "--since"), "date_to": day(args.until, "--until")}
    q = ListQuery(filters={k: v for k, v in filters.items() if v}, limit=max(1, args.limit))
    rows = journal.page(q)
    if args.json:
        print_json({"total": journal.count(q), "entries": [
            {"id": r["id"], "at": r["at"].isoformat(timespec="seconds") if r["at"] else None,
             "user": r["user_login"], "action": r["action"], "area": r["area"], "entity": r["entity"],
             "entity_id": r["entity_id"], "summary": r["summary"],
             "old": journal.entry(r["id"])["old"], "new": journal.entry(r["id"])["new"]} for r in rows]})
    else:
        for r in rows:
            at = r["at"].strftime("%d.%m.%Y %H:%M:%S") if r["at"] else ""
            print(f"{at}  {r['user_login']:<14} {r['action_name']:<14} {r['record']:<24} {r['summary']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
