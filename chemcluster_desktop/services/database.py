"""Database-wide actions: integrity and schema check, record counts, settings, demo flag."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from sqlalchemy import func, select

from chemcluster_desktop import areas
from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.storage import engine, migrate
from chemcluster_desktop.storage.core import Setting


def _t(s: str) -> str:
    return translate("Database", s)


# stats --json keys (CLI.md) -> (storage modules, model class name), declared by each area in the registry
STATS = areas.stats_models()


def _model(modules: tuple[str, ...], name: str):
    for module in modules:
        found = getattr(importlib.import_module(module), name, None)
        if found is not None:
            return found
    raise LookupError(f"{name} in {modules}")


def database_url(db: str | None) -> str:
    """The URL a ``--db`` value names: a path, an URL, ``$CHEMCLUSTER_DB`` or the default file."""
    return engine.resolve_url(db)


def schema_revision() -> str | None:
    """The Alembic revision of the open database's schema (None before the first migration)."""
    return migrate.current_revision(context.current().engine)


def stats() -> dict[str, int]:
    out: dict[str, int] = {}
    with context.read() as s:
        for key, (modules, name) in STATS.items():
            m = _model(modules, name)
            out[key] = int(s.scalar(select(func.count()).select_from(m)) or 0)
    return out


@dataclass
class CheckResult:
    ok: bool
    database: str
    backend: str
    schema_revision: str | None
    head_revision: str
    integrity: str
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "ok": self.ok, "database": self.database, "backend": self.backend,
            "schema_revision": self.schema_revision, "head_revision": self.head_revision,
            "integrity": self.integrity, "problems": self.problems,
        }


def check() -> CheckResult:
    """Integrity (SQLite integrity_check and foreign_key_check), schema revision, models vs tables,
    and the data rules every area promises (no negative stock…)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = context.current()
    problems: list[str] = []
    integrity = "ok"
    with db.engine.connect() as conn:
        if db.is_sqlite:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                integrity = "; ".join(rows[:5])
                problems += [_t("Целостность файла: {0}").format(r) for r in rows[:20]]
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            for r in fk[:20]:
                problems.append(_t("Нарушена ссылка: таблица {0}, строка {1} → {2}").format(r[0], r[1], r[2]))
        rev = MigrationContext.configure(conn).get_current_revision()
        head = migrate.head_revision()
        if rev != head:
            problems.append(_t("Схема базы {0}, ожидается {1}: выполните «chemcluster init».").format(rev, head))
        else:
            from chemcluster_desktop.storage.models import metadata
            from chemcluster_desktop.storage.search import include_in_comparison

            diff = compare_metadata(MigrationContext.configure(
                conn, opts={"compare_type": False, "include_object": include_in_comparison}), metadata)
            for d in diff[:20]:
                problems.append(_t("Схема расходится с программой: {0}").format(str(d)[:200]))
            from chemcluster_desktop.services.audit import verify_journal

            problems += verify_journal(conn)
    with context.read() as s:
        from chemcluster_desktop.storage.inventory import Item, ReagentContainer

        neg = s.scalar(select(func.count(Item.id)).where(Item.quantity < 0))
        if neg:
            problems.append(_t("Отрицательный остаток у {0} позиций инвентаря.").format(neg))
        negc = s.scalar(select(func.count(ReagentContainer.id)).where(ReagentContainer.amount < 0))
        if negc:
            problems.append(_t("Отрицательное количество в {0} тарах реактивов.").format(negc))
    return CheckResult(not problems, db.display_name(), db.engine.dialect.name, rev, head, integrity, problems)


# --- settings kept in the database -----------------------------------------------------------------
DB_SETTINGS_DEFAULTS = {
    "college.name": "ГБПОУ «Дзержинский химический техникум»",
    "college.short_name": "ДХТ",
    "college.address": "606000, Нижегородская обл., г. Дзержинск",
    "college.inn": "",
    "college.director": "",
    "college.logo": "",  # base64 PNG
    "inventory.number_pattern": "ХП-{year}-{seq:06d}",
    # a delivered line at or below this price per unit is suggested as a group (ФСБУ 6/2020 п. 10)
    "inventory.low_value_threshold": "10000",
    "demo": "0",
}


def get_setting(key: str) -> str:
    # Core, not the ORM: the demo flag is read by every start before the window shows (item_list.py)
    settings_c = Setting.__table__.c
    with context.read() as s:
        v = s.scalar(select(settings_c.value).where(settings_c.key == key))
        return v if v is not None else DB_SETTINGS_DEFAULTS.get(key, "")


def get_settings(prefix: str = "") -> dict[str, str]:
    out = {k: v for k, v in DB_SETTINGS_DEFAULTS.items() if k.startswith(prefix)}
    with context.read() as s:
        for row in s.scalars(select(Setting).where(Setting.key.startswith(prefix))):
            out[row.key] = row.value
    return out


def set_settings(values: dict[str, str]) -> None:
    from chemcluster_desktop.services.security import require

    require("admin")
    with context.uow() as s:
        for k, v in values.items():
            row = s.get(Setting, k)
            if row is None:
                s.add(Setting(key=k, value=str(v)))
            elif row.value != str(v):
                row.value = str(v)


def is_demo() -> bool:
    return get_setting("demo") == "1"


def is_empty() -> bool:
    """No working data yet (only the built-in roles, admin and settings): one query of EXISTS over
    every data table, which stops at the first row it finds (33 COUNT(*) took ~50 ms at 100k items)."""
    import sys

    from sqlalchemy import literal, or_

    tables = [(mod, name) for key, (mod, name) in STATS.items() if key not in ("users", "audit_entries")]
    # the areas whose models are already imported first: a working database answers there, and the
    # other areas' model modules (~0.1 s of imports) are loaded only for a database that looks empty
    # (a table's entry names its area's storage modules: ``(("chemcluster_desktop.storage.inventory", …),
    # "Item")``; the check used to format that tuple into a module name, found none loaded and imported
    # every area's models, ~60 ms, on every start before the window was first painted)
    # (and within an area only the classes already defined: the movement and stock-taking tables are defined
    # when first used, not by a start that shows the list)
    loaded = [t for t in tables if any(m in sys.modules and t[1] in vars(sys.modules[m]) for m in t[0])]
    with context.read() as s:
        for group in (loaded, [t for t in tables if t not in loaded]):
            if group and s.scalar(select(or_(*[select(literal(1)).select_from(_model(*t).__table__).exists()
                                              for t in group]))):
                return False
    return True
