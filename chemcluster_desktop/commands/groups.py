"""Shared command groups such as ``import`` and ``export``.

Several areas add a "thing" under the same verb: ``chemcluster import inventory FILE`` (inventory)
and ``chemcluster import infrastructure-list FILE`` (accreditation). argparse refuses (or silently
replaces) a second ``add_parser("import")``, so every area asks this helper for the group instead::

    from chemcluster_desktop.commands.groups import group

    def register(sub):
        imp = group(sub, "import", "импорт из Excel")
        sp = imp.add_parser("inventory", help="...")
        sp.set_defaults(func=cmd_import_inventory, open_db=True)

``group`` returns the sub-parsers object of the group, creating the group on first use and
returning the same object afterwards (cached on the parent sub-parsers object).
"""

from __future__ import annotations

import argparse

_CACHE_ATTR = "_chemcluster_groups"


def group(sub: argparse._SubParsersAction, name: str, help: str | None = None) -> argparse._SubParsersAction:
    """The sub-parsers of the command group ``name`` under ``sub`` (created once, then reused)."""
    cache: dict[str, argparse._SubParsersAction] | None = getattr(sub, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(sub, _CACHE_ATTR, cache)
    if name in cache:
        return cache[name]
    parser = sub.add_parser(name, help=help)
    children = parser.add_subparsers(dest=f"{name.replace('-', '_')}_what", metavar="WHAT", required=True)
    cache[name] = children
    return children
