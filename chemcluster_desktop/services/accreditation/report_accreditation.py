"""``chemcluster report accreditation [--workshop NAME] -o F.pdf``: the accreditation packet.

Without a filter every workshop's packet goes into one PDF, each starting on a new page.
"""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services.errors import NotFoundError
from chemcluster_desktop.services.printing import ReportResult, page_count

TITLE = "Пакет аккредитации мастерской"
FILTERS = ["workshop"]


def build(dest, *, progress=None, cancelled=None, workshop=None, **_ignored) -> ReportResult:
    from chemcluster_desktop.reports import accreditation_packet

    if workshop not in (None, ""):
        ids = [acc.find_workshop_id(workshop if not str(workshop).isdigit() else _by_id_or_name(workshop))]
    else:
        ids = [w.id for w in acc.workshops()]
    if not ids:
        raise NotFoundError(translate("Reports", "Нет ни одной мастерской: добавьте мастерскую в разделе "
                                                 "«Аккредитация»."))
    packets = []
    for i, wid in enumerate(ids):
        if cancelled is not None and cancelled():
            from chemcluster_desktop.services.errors import Cancelled

            raise Cancelled()
        packets.append(acc.packet_data(wid))
        if progress is not None:
            progress(i, len(ids) * 2)
    accreditation_packet.build(dest, packets, cancelled=cancelled)
    if progress is not None:
        progress(len(ids) * 2, len(ids) * 2)
    rows = sum(len(pk["checklist"]) for pk in packets)
    return ReportResult(path=str(dest), pages=page_count(dest), title=translate("Reports", TITLE), rows=rows)


def _by_id_or_name(ref: str) -> int | str:
    """A name made only of digits is looked up as a name first, then as an id."""
    try:
        return acc.find_workshop_id(ref)
    except NotFoundError:
        return int(ref)


def _titles() -> list[str]:  # for lupdate
    return [translate("Reports", "Пакет аккредитации мастерской")]
