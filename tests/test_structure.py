"""The house's size rules (issue 17, README «Development»): no module in ``services/`` or ``ui/`` over
600 lines, no function there over 80 lines, and an area's services read another area's tables only
where a listed reason says why. Each list below names what still breaks a rule and why; shorten it when
the reason goes, never lengthen it without one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "chemcluster_desktop"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80

# modules allowed over the limit, each with its reason (none today)
MODULES_BEING_SPLIT: set[str] = set()

# (module, function): why it is still longer than 80 lines
LONG_FUNCTIONS = {
    ("ui/widgets/checklist_details.py", "__init__"): "the checklist line's panel (accreditation's widgets)",
    ("ui/dialogs/workshop_dialog.py", "__init__"): "the workshop card (accreditation)",
    ("ui/pages/reports.py", "_build"): "the reports centre's three panes, built in one place",
    ("ui/dialogs/stocktaking_post.py", "__init__"): "the stock-taking posting review (inventory)",
    ("ui/dialogs/movement.py", "__init__"): "the movement document's card (inventory)",
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
