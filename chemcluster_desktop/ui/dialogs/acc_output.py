"""The accreditation page's output: the checklist to Excel (a save dialog) and the packet to the PDF
preview, built in the background. Kept apart from the page (ui/pages/accreditation.py) to hold it
under 600 lines; the strings keep the page's translation context."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.ui import filenames, ops

CTX = "AccreditationPage"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def export_checklist(page, workshop_id: int, target: str | None = None) -> None:
    """Ctrl+E: the workshop's checklist to Excel (``target`` skips the save dialog)."""
    from PySide6.QtWidgets import QFileDialog

    from chemcluster_desktop.settings import settings

    w = acc.workshop(workshop_id)
    if not target:
        start = filenames.start_path(filenames.default_name("checklist", w.name, ext="xlsx"))
        target, _f = QFileDialog.getSaveFileName(page, _t("Чек-лист в Excel"), start,
                                                 _t("Книга Excel (*.xlsx)"))
    if not target:
        return
    if not target.lower().endswith(".xlsx"):
        target += ".xlsx"
    wid = w.id

    def done(n):
        settings().set("paths/export_dir", str(Path(target).parent))
        page.status_message.emit(_t("Чек-лист сохранён: {0} строк, {1}").format(n, target))
        page.last_export = target

    ops.run_task(page, _t("Экспорт чек-листа"), lambda task: acc.export_checklist(wid, target), on_done=done)


def print_packet(page, workshop_id: int) -> None:
    """The accreditation packet of the workshop, built in the background, into the PDF preview."""
    from chemcluster_desktop.services import printing

    w = acc.workshop(workshop_id)
    out = Path(tempfile.mkdtemp(prefix="chemcluster-")) / "packet.pdf"

    def work(task):
        return printing.build("accreditation", out, workshop=w.id,
                              progress=lambda d, t: task.progress(d, t, _t("Подготовка пакета…")),
                              cancelled=task.is_cancelled)

    def done(res):
        from chemcluster_desktop.ui.dialogs.pdf_preview import preview

        page._preview = preview(page, res.path, _t("Пакет аккредитации: {0}").format(w.name),
                                suggested_name=filenames.default_name("accreditation_packet", w.name, ext="pdf"))

    ops.run_task(page, _t("Пакет аккредитации"), work, on_done=done)
