"""Names a module offers without importing what defines them until they are first used (PEP 562): a start
does not load what only later actions need (bench/README, «Start-up»)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def attributes(module_globals: dict[str, Any], where: dict[str, str]) -> Callable[[str], Any]:
    """A module's ``__getattr__``: ``name`` in ``where`` is imported from the module ``where[name]`` (its full
    name) on first use and kept in the module; any other name is an AttributeError as usual."""

    def __getattr__(name: str) -> Any:
        target = where.get(name)
        if target is None:
            raise AttributeError(f"module {module_globals['__name__']!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(target), name)
        module_globals[name] = value
        return value

    return __getattr__
