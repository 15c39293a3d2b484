"""Where the college logo for document headers comes from — a holder with no imports, so that the
settings service can register its provider at import time without loading reportlab.

``provider()`` returns PNG/JPEG bytes or None; :mod:`reports.styles` asks it for every document
that does not pass its own ``DocInfo.logo_png``.
"""

from __future__ import annotations

from collections.abc import Callable

provider: Callable[[], bytes | None] | None = None


def set_provider(fn: Callable[[], bytes | None] | None) -> None:
    global provider
    provider = fn


def get() -> bytes | None:
    if provider is None:
        return None
    try:
        return provider() or None
    except Exception:  # a missing logo never stops a document
        return None
