"""An instrument whose verification ran out is not usable: accreditation readiness does not count it
and the packet flags it; verifying it again brings it back (on the demo data, where the laboratory
scales of a workshop are 12 days overdue)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from chemcluster_desktop.services import context, inventory, printing
from chemcluster_desktop.services.accreditation import checklist
from chemcluster_desktop.services.accreditation.readiness import status
from chemcluster_desktop.services.inventory import upkeep
from chemcluster_desktop.storage.accreditation import ChecklistLine, ChecklistLink
from tests.inventory.helpers import pdf_text


def test_expired_verification_reaches_readiness_and_the_packet(demo_db, tmp_path):
    [over] = [d for d in upkeep.due() if d["kind"] == "verification" and d["overdue"]]
    with context.read() as s:
        clid, wid = s.execute(select(ChecklistLink.checklist_line_id, ChecklistLine.workshop_id)
                              .join(ChecklistLine, ChecklistLine.id == ChecklistLink.checklist_line_id)
                              .where(ChecklistLink.item_id == over["id"])).first()
    line = next(r for r in checklist(wid) if r["id"] == clid)
    before = status(wid)
    res = printing.build("accreditation", tmp_path / "packet.pdf", workshop=before["workshop"])
    flat = " ".join(pdf_text(res.path)[0].split())
    assert over["inventory_number"] in flat and "ИСТЕКЛА — не учитывается" in flat
    # verified again today: the scales count on their line once more
    card = inventory.get_item(over["id"])
    inventory.update_item(over["id"], dict(card, verified_on=dt.date.today()), version=card["version"])
    again = next(r for r in checklist(wid) if r["id"] == clid)
    assert again["available"] == line["available"] + 1
    assert status(wid)["coverage_percent"] >= before["coverage_percent"]
    assert not [d for d in upkeep.due() if d["overdue"] and d["kind"] == "verification"]
