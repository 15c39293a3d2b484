"""Generation, substitutes, print and export of «Расписание» (the whole timetable, whichever tab is
shown): a mixin of :class:`~chemcluster_desktop.ui.pages.schedule.SchedulePage`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import filenames, ops


class ScheduleOutputMixin:
    """The page's generation dialog, substitute dialog, PDF print, .xlsx and .fet export."""

    def on_generate(self) -> None:
        """The generation dialog: period, what stays, a preview by school, apply, undo (issue 15)."""
        from chemcluster_desktop.ui.dialogs.schedule_generate import GenerateDialog

        if self.term_id() is None:
            self.show_message(QCoreApplication.translate("SchedulePage", "Сначала добавьте учебный период."))
            return
        term = next(t for t in svc.list_terms() if t["id"] == self.term_id())
        dlg = GenerateDialog(self, term)
        dlg.changed.connect(self.refresh)
        self.last_dialog = dlg
        dlg.open()

    def on_substitute(self) -> None:
        from chemcluster_desktop.ui.dialogs.schedule_substitute import SubstituteDialog

        dlg = SubstituteDialog(self, start=self.week.date().toPython())
        dlg.changed.connect(self.refresh)
        self.last_dialog = dlg
        dlg.open()

    def _filters(self) -> dict:
        view, ent = self.view.currentData(), self.entity.currentText()
        flt = {"term": self.term.currentText() or None}
        if view == "workshop" and ent:
            flt["workshop"] = ent.rsplit(" (", 1)[0]
        elif view == "class" and ent:
            cls, school = ent.split(" — ", 1)
            flt.update(class_=cls, school=school)
        elif view == "instructor" and ent:
            flt["instructor"] = ent
        return flt

    def on_print(self) -> None:
        import tempfile

        from chemcluster_desktop.services import printing
        from chemcluster_desktop.ui.dialogs.pdf_preview import PdfPreviewDialog

        flt = self._filters()
        dest = tempfile.mktemp(suffix=".pdf", prefix="timetable-")

        def work(task):
            return printing.build("schedule", dest, progress=task.progress, cancelled=task.is_cancelled, **flt)

        def done(res):
            dlg = PdfPreviewDialog(res.path, res.title, self)
            self.last_dialog = dlg
            dlg.open()

        ops.run_task(self, QCoreApplication.translate("SchedulePage", "Печать расписания"), work, on_done=done)

    def on_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from chemcluster_desktop.services.schedule import report_schedule

        path, _f = QFileDialog.getSaveFileName(self, QCoreApplication.translate("SchedulePage", "Экспорт расписания для школ"),
                                               filenames.start_path(filenames.default_name("schedule_schools", ext="xlsx")),
                                               "Excel (*.xlsx)")
        if not path:
            return
        flt = self._filters()
        ops.run_task(self, QCoreApplication.translate("SchedulePage", "Экспорт в Excel"), lambda task: report_schedule.export_xlsx(path, **flt),
                     on_done=lambda n: self.show_message(QCoreApplication.translate("SchedulePage", "Записано строк: {0} — {1}").format(n, path)))

    def on_export_fet(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        term = self.term.currentText()
        path, _f = QFileDialog.getSaveFileName(self, QCoreApplication.translate("SchedulePage", "Экспорт в FET"),
                                               filenames.start_path(filenames.default_name("schedule_fet", ext="fet")),
                                               "FET (*.fet)")
        if not path or not term:
            return
        try:
            res = svc.export_fet(path, term)
        except ServiceError as e:
            ops.show_error(self, e)
            return
        self.show_message(QCoreApplication.translate("SchedulePage", "Записан файл FET: {0} (занятий {1}).").format(res["path"], res["activities"]))
