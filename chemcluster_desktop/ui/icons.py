"""Icons from one consistent set (qtawesome's Material Design Icons, bundled with the package)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

ACCENT = "#1f6fb2"


@lru_cache(maxsize=256)
def icon(name: str, color: str = "#37474f") -> QIcon:
    try:
        import qtawesome as qta

        return qta.icon(f"mdi6.{name}", color=color)
    except Exception:  # no icon font: keep the text
        return QIcon()
