"""The house's size rules (issue 17, README «Development»): no module in ``services/`` or ``ui/`` over
600 lines, no function there over 80 lines, an area's services read another area's tables only
where a listed reason says why, and ``ui/`` asks ``hasattr``/``getattr`` only where the attribute is
genuinely optional (pages and dialogs are built in two phases, so no hook guards its own widgets). Each list below names what still breaks a rule and why; shorten it when
the reason goes, never lengthen it without one."""

from __future__ import annotations

import ast
import re
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "chemcluster_desktop"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80

# modules allowed over the limit, each with its reason (none today)
MODULES_BEING_SPLIT: set[str] = set()

# (module, function): why it is still longer than 80 lines
LONG_FUNCTIONS = {
    ("ui/widgets/checklist_details.py", "__init__"): "the checklist line's panel (accreditation's widgets)",
    ("ui/pages/reports.py", "_build"): "the reports centre's three panes, built in one place",
    ("ui/dialogs/stocktaking_post.py", "__init__"): "the stock-taking posting review (inventory)",
    ("ui/pages/procurement/needs.py", "build_details"): "the need's НМЦК panel (procurement)",
}

# services/<area>/<module> -> the other area's storage it reads, and why not through that area's queries
CROSS_AREA_TABLES = {
    ("accreditation/_checklist_sql.py", "inventory"): "the checklist's «have» counts join the items in SQL",
    ("accreditation/auto_match.py", "inventory"): "matching checklist lines to items is one SQL join",
    ("accreditation/evidence.py", "inventory"): "the evidence rows join the items they name in SQL",
    ("accreditation/linking.py", "inventory"): "linking items to a line checks them in the same transaction",
    ("accreditation/packet.py", "inventory"): "the packet's item rows, read in the packet's one session",
    ("accreditation/needs.py", "procurement"): "gaps -> needs writes procurement needs in the same transaction",
    ("accreditation/needs.py", "inventory"): "a need's price estimate is the mean cost of same-named items, one SQL "
                                             "aggregate in the preview's session",
    ("accreditation/restore_points.py", "procurement"): "undoing «Дефициты → закупки» puts the needs back in the "
                                                        "same transaction as the checklist rows",
    ("cluster/demo.py", "schedule"): "the demo loader reads the schedule demo's schools in its still open "
                                     "transaction (a public query opens its own session and does not see them)",
    ("procurement/demo.py", "accreditation"): "the demo's needs are made from checklist lines in one transaction",
    ("procurement/needs.py", "accreditation"): "the needs list sorts and searches by workshop in SQL",
    ("schedule/course_modules.py", "accreditation"): "workshops with capacity joined to modules in SQL",
    ("schedule/demo.py", "accreditation"): "the demo places lessons in the accreditation demo's workshops",
    ("schedule/instance.py", "accreditation"): "the timetable instance reads workshop capacity with the lessons",
    ("schedule/lessons.py", "accreditation"): "lessons listed, searched and sorted with their workshop in SQL",
    ("schedule/substitute.py", "accreditation"): "a substitute workshop is checked in the same transaction",
}

AREAS = ("inventory", "accreditation", "schedule", "procurement", "cluster")

# (module of ui/ — a glob —, the call as ast.unparse writes it): why the attribute may be absent. A page,
# tab or dialog never guards its own widgets (two-phase construction: build, translate, first refresh).
UI_ATTRIBUTE_CHECKS = {
    ("ui/main_window.py", "getattr(importlib.import_module(entry.module), entry.cls)"):
        "the registry names a page's class by string",
    ("ui/pages/base.py", "getattr(self, handler)"): "the toolbar's actions name their handler by string",
    ("ui/widgets/budget_chart.py", "getattr(r, key)"): "the chart's series name the row field by string",
    ("ui/widgets/budget_chart.py", "getattr(r, 'code', '')"): "a budget row of a source without a code",
    ("ui/lists.py", "getattr(dlg, 'saved_id', None)"): "a tab may open a dialog that is not a FormDialog",
    ("ui/dialogs/help.py", "getattr(parent, '_help_dialog', None)"): "the one help window a parent keeps open",
    ("ui/pages/dashboard_upkeep.py", "hasattr(w, 'show_page')"): "the tile's window may not be the main window",
}


def _modules(*layers: str):
    for layer in layers:
        for path in sorted((PKG / layer).rglob("*.py")):
            yield path.relative_to(PKG).as_posix(), path


def test_no_module_over_600_lines():
    too_long = {}
    for rel, path in _modules("services", "ui"):
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_MODULE_LINES:
            too_long[rel] = n
    assert not set(too_long) - MODULES_BEING_SPLIT, f"split these modules (≤ {MAX_MODULE_LINES} lines): {too_long}"
    # an exception whose reason went is taken off the list
    assert not MODULES_BEING_SPLIT - set(too_long), f"no longer over the limit: {MODULES_BEING_SPLIT - set(too_long)}"


def test_no_function_over_80_lines_without_a_reason():
    too_long, listed_still_long = {}, set()
    for rel, path in [*_modules("services", "ui"), ("cli.py", PKG / "cli.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n <= MAX_FUNCTION_LINES:
                    continue
                if (rel, node.name) in LONG_FUNCTIONS:
                    listed_still_long.add((rel, node.name))
                else:
                    too_long[f"{rel}:{node.lineno} {node.name}"] = n
    assert not too_long, f"split these functions (≤ {MAX_FUNCTION_LINES} lines): {too_long}"
    stale = set(LONG_FUNCTIONS) - listed_still_long
    assert not stale, f"no longer over the limit (take them off LONG_FUNCTIONS): {sorted(stale)}"


def test_areas_read_other_areas_tables_only_for_a_listed_reason():
    pattern = re.compile(r"chemcluster_desktop\.storage\.(" + "|".join(AREAS) + r")(?:_\w+)?\b")
    found, listed_seen = {}, set()
    for area in AREAS:
        for path in sorted((PKG / "services" / area).rglob("*.py")):
            rel = path.relative_to(PKG / "services").as_posix()
            for other in set(pattern.findall(path.read_text(encoding="utf-8"))) - {area}:
                if (rel, other) in CROSS_AREA_TABLES:
                    listed_seen.add((rel, other))
                else:
                    found[rel] = other
    assert not found, f"read these through the other area's public queries (services.<area>): {found}"
    stale = set(CROSS_AREA_TABLES) - listed_seen
    assert not stale, f"no longer read (take them off CROSS_AREA_TABLES): {sorted(stale)}"


def test_ui_asks_hasattr_getattr_only_where_listed():
    found = Counter()
    for rel, path in _modules("ui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("hasattr", "getattr"):
                call = ast.unparse(node)
                key = next((k for k in UI_ATTRIBUTE_CHECKS if k[1] == call and fnmatch(rel, k[0])), (rel, call))
                found[key] += 1
    unlisted = {f"{m}: {c}" for (m, c), n in found.items() if (m, c) not in UI_ATTRIBUTE_CHECKS}
    assert not unlisted, ("build the widgets before the hooks run (two phases) instead of guarding them, "
                          f"or list a genuinely optional attribute with its reason: {sorted(unlisted)}")
    twice = {f"{m}: {c} ×{n}" for (m, c), n in found.items() if n > 1}
    assert not twice, f"each listed check is allowed once: {sorted(twice)}"
    stale = set(UI_ATTRIBUTE_CHECKS) - set(found)
    assert not stale, f"no longer in the code (take them off UI_ATTRIBUTE_CHECKS): {sorted(stale)}"
