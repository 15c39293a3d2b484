"""The file names a save dialog offers: words of the interface language, the same way everywhere.

A report is offered under its own title («Инвентаризационная опись (ф. 0510466).pdf» /
«Inventory list (form 0510466).pdf»), an export under what it holds («Инвентарь.xlsx» / «Inventory.xlsx»),
and a name of a workshop or school is added as it is stored («Чек-лист — Мастерская «Аддитивные
технологии».xlsx»). Characters a file system refuses (``\\ / : * ? " < > |``) become «_».

Not here: backups keep their technical name ``chemcluster-YYYYMMDD-HHMMSS-<reason>.sqlite3`` in every
language, because the restore dialog and the start-up recovery find them by that pattern
(services.backup.list_backups).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

# what each export is called (Russian source, context "FileNames"); {0}: the workshop's name …
NAMES = {
    "inventory": "Инвентарь",
    "checklist": "Чек-лист — {0}",
    "accreditation_packet": "Пакет аккредитации — {0}",
    "schedule_schools": "Расписание для школ",
    "schedule_fet": "Расписание",
    "procurement_plan": "План-график закупок",
}
_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _t(s: str) -> str:
    return QCoreApplication.translate("FileNames", s)


def safe(text: str, limit: int = 150) -> str:
    """``text`` usable as a file name on Windows and Linux (no path separators, no reserved characters,
    no trailing dot or space)."""
    out = _BAD.sub("_", text)
    out = re.sub(r"\s+", " ", out).strip().rstrip(". ")
    return out[:limit].rstrip(". ") or "document"


def default_name(kind: str, *parts: str, ext: str) -> str:
    """``default_name("checklist", "Мастерская …", ext="xlsx")`` → «Чек-лист — Мастерская ….xlsx»."""
    return f"{safe(_t(NAMES[kind]).format(*parts))}.{ext}"


def pdf_name(title: str) -> str:
    """A document already titled in the interface language (the preview's title)."""
    return f"{safe(title)}.pdf"


def start_path(name: str) -> str:
    """``name`` in the folder of the last export (or the home folder): where a save dialog starts."""
    from pathlib import Path

    from chemcluster_desktop.settings import settings

    return str(Path(settings().get("paths/export_dir") or Path.home()) / name)


def report_name(kind: str) -> str:
    """A document of the reports centre, under its title («Обоснование НМЦК.pdf»)."""
    from chemcluster_desktop.services import printing

    try:
        title = printing.title(kind)
    except (KeyError, ImportError):
        title = kind
    return pdf_name(title)
