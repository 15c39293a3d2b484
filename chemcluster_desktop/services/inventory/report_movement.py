"""``report movement --number N``: the movement document on its unified form (0504102 transfer,
0504104 / 0504143 / 0504230 write-off, 0504204 issue and return)."""

from __future__ import annotations

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP, translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory import movement_forms
from chemcluster_desktop.services.printing import ReportResult, page_count, requisites

TITLE = "Документ движения"
DESCRIPTION = QT_TRANSLATE_NOOP("Reports", "Накладная на перемещение (ф. 0504102), акт о списании (ф. 0504104, 0504143, "
                                             "0504230) или требование-накладная (ф. 0504204) по номеру документа")
FILTERS = ["number"]


def _t(s: str) -> str:
    return translate("Reports", s)


def build(dest, *, progress=None, cancelled=None, number=None) -> ReportResult:
    from chemcluster_desktop.reports import form_movement as rep
    from chemcluster_desktop.reports.unified_forms import Requisites

    if number is None:  # without --number: the latest document that has a form
        mid = movement_forms.latest_with_form()
        if mid is None:
            raise ValidationError(_t("Документов перемещения, выдачи или списания ещё нет: укажите --number."),
                                  field="number")
    else:
        mid = movement_forms.find_movement(number)
    d = movement_forms.movement_document(mid)
    title = translate("Forms", movement_forms.FORMS[d["form"]])
    n = rep.build_movement(dest, Requisites(**requisites()), d, title, cancelled=cancelled)
    return ReportResult(str(dest), page_count(dest), f"{title} (ф. {d['form']})", n)
