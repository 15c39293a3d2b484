"""The area registry (``chemcluster_desktop/areas.py``): every piece an area declares exists, has the
shape its user expects, sits in the right layer, and every list derived from it agrees with it."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from chemcluster_desktop import areas
from chemcluster_desktop.areas import REGISTRY, Area

PKG = "chemcluster_desktop"
NAV_ORDER = ["inventory", "accreditation", "schedule", "procurement", "reports", "cluster", "reference", "journal"]


def _layer(module: str) -> str:
    return module.split(".")[1]


def test_keys_are_unique_and_the_navigation_order_is_the_rail():
    keys = [a.key for a in REGISTRY]
    assert len(keys) == len(set(keys))
    assert [a.key for a in areas.navigation()] == NAV_ORDER
    # every data area is owned by exactly one declaration; core (data only) comes first
    owners = [a.data for a in REGISTRY if a.data is not None]
    assert sorted(owners) == sorted(Area)
    assert areas.data_areas()[0] is Area.CORE
    assert areas.get("core").page is None and areas.get("core").title == ""


def test_every_page_area_has_a_title_and_icon_and_listens_to_data_areas():
    for a in areas.navigation():
        assert a.title and a.icon, a.key
        assert a.page.module.startswith(f"{PKG}.ui.pages."), a.key
        assert all(isinstance(x, Area) for x in a.listens_to), a.key
    assert set(areas.get("journal").listens_to) == set(Area)
    assert Area.CORE in areas.get("reference").listens_to


def test_storage_modules_exist_and_every_model_is_named_in_the_journal():
    from sqlalchemy.orm import DeclarativeBase

    from chemcluster_desktop.storage import models

    assert models.AREAS == tuple(a.value for a in areas.data_areas())
    for a in areas.data_owners():
        assert a.storage, a.key
        for name in a.storage:
            assert _layer(name) == "storage", name
            mod = importlib.import_module(name)
            classes = [c for _, c in inspect.getmembers(mod, inspect.isclass)
                       if c.__module__ == name and issubclass(c, DeclarativeBase) and hasattr(c, "__table__")]
            assert classes, name
            missing = sorted(c.__name__ for c in classes if c.__name__ not in a.entities)
            assert not missing, f"{a.key}: journal labels missing for {missing}"
        assert a.journal_name, a.key


def test_journal_names_come_from_the_registry():
    from chemcluster_desktop.services import journal

    assert journal.AREAS == models_areas()
    for a in areas.data_owners():
        assert journal.area_name(a.data) == a.journal_name  # Russian: no translation installed
        for cls, name in a.entities.items():
            assert journal.entity_name(cls) == name
    assert journal.area_name("unknown") == "unknown"


def models_areas():
    from chemcluster_desktop.storage.models import AREAS

    return AREAS


def test_demo_loaders_and_command_modules_exist():
    for a in areas.data_owners():
        assert a.demo and _layer(a.demo) == "services", a.key
        assert callable(importlib.import_module(a.demo).load), a.demo
    from chemcluster_desktop import cli

    assert cli.AREA_COMMANDS == areas.command_modules()
    for name in areas.command_modules():
        assert _layer(name) == "commands", name
        assert callable(importlib.import_module(name).register), name


def test_report_modules_have_title_filters_and_build():
    from chemcluster_desktop.services import printing

    kinds = [k for a in REGISTRY for k in a.reports]
    assert len(kinds) == len(set(kinds)), "a report kind declared twice"
    assert list(printing.KINDS) == kinds
    for a in REGISTRY:
        for kind, name in a.reports.items():
            # a kind of two words is written with a hyphen (inventory-decision), its module with «_»
            assert name == f"{PKG}.services.{a.key}.report_{kind.replace('-', '_')}", (kind, name)
            mod = printing.module(kind)
            assert mod.__name__ == name
            assert isinstance(mod.TITLE, str) and mod.TITLE
            assert set(mod.FILTERS) <= set(printing.FILTER_NAMES), kind
            assert "dest" in inspect.signature(mod.build).parameters, kind


def test_stats_keys_are_counted(db):
    from chemcluster_desktop.services.database import stats

    declared = [k for a in REGISTRY for k in a.stats]
    assert len(declared) == len(set(declared))
    got = stats()
    assert sorted(got) == sorted(declared)
    assert list(got)[0] == "items" and list(got)[-1] == "audit_entries"
    assert all(isinstance(v, int) for v in got.values())


def test_page_classes_exist():
    """The only test here that imports ui/ (and so Qt)."""
    from PySide6.QtWidgets import QWidget

    from chemcluster_desktop.ui.pages import PAGES
    from chemcluster_desktop.ui.pages.base import BasePage

    assert [p.key for p in PAGES] == NAV_ORDER
    for a in areas.navigation():
        cls = getattr(importlib.import_module(a.page.module), a.page.cls)
        assert issubclass(cls, QWidget), a.key
        assert cls.key == a.key
        # a page's default listens_to is its area's declaration
        if issubclass(cls, BasePage) and "listens_to" not in cls.__dict__:
            assert set(BasePage.listens_to(cls)) == set(a.listens_to)


def test_registry_imports_nothing_but_i18n():
    """Reading the registry loads no Qt, no database layer and no area module."""
    code = ("import sys\nfrom chemcluster_desktop import areas\nareas.report_modules(); areas.stats_models()\n"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('chemcluster_desktop', 'PySide6', "
            "'sqlalchemy')))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    loaded = set(r.stdout.strip().split(","))
    assert loaded <= {"chemcluster_desktop", "chemcluster_desktop.areas", "chemcluster_desktop.i18n",
                      "chemcluster_desktop.paths"}, loaded


def test_texts_are_visible_to_lupdate():
    """Titles, journal names and entity names are literal ``QT_TRANSLATE_NOOP(context, "…")`` calls,
    which pyside6-lupdate extracts (resources/translations/update.py runs it over every module)."""
    tree = ast.parse(Path(areas.__file__).read_text("utf-8"))
    seen = {"Navigation": set(), "Journal": set()}
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "QT_TRANSLATE_NOOP":
            ctx, text = n.args
            assert isinstance(ctx, ast.Constant) and isinstance(text, ast.Constant)
            seen[ctx.value].add(text.value)
    for a in REGISTRY:
        assert not a.title or a.title in seen["Navigation"], a.key
        assert not a.journal_name or a.journal_name in seen["Journal"], a.key
        assert set(a.entities.values()) <= seen["Journal"], a.key


@pytest.mark.parametrize("argv, gui", [([], True), (["--db", "x.sqlite3"], True), (["--lang=en", "--user", "a"], True),
                                       (["stats"], False), (["--db", "x", "report", "kpi"], False), (["-h"], False)])
def test_a_gui_start_does_not_build_the_area_commands(argv, gui, capsys):
    from chemcluster_desktop import cli

    assert cli._starts_gui(argv) is gui
    light = cli.build_parser(area_commands=False)
    assert light.parse_args(["--db", "x.sqlite3"]).command is None
    assert light.parse_args(["stats"]).command == "stats"
    with pytest.raises(SystemExit):
        light.parse_args(["report", "kpi", "-o", "k.pdf"])  # an area's command: only in the full parser
    assert cli.build_parser().parse_args(["report", "kpi", "-o", "k.pdf"]).kind == "kpi"


def test_a_report_module_may_carry_its_own_description(monkeypatch):
    from chemcluster_desktop.services import printing, report_filters

    kind = next(iter(printing.KINDS))
    before = report_filters.description(kind)
    monkeypatch.setattr(printing.module(kind), "DESCRIPTION", "Описание из модуля отчёта", raising=False)
    assert report_filters.description(kind) == "Описание из модуля отчёта" != before
    assert report_filters.description("no-such-kind") == ""
