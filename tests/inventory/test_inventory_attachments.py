"""Files on a card: allowed types and size (a clear message, nothing written), kept inside the
database and so in every backup and restore, a reagent's safety data sheet on its substance, opened
from the card with the system viewer."""

from __future__ import annotations

import pytest

from chemcluster_desktop.services import backup, inventory
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory import attachments
from tests.inventory.helpers import add_room, equipment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.both_backends
def test_attachment_rules(db, tmp_path):
    lab = add_room("Лаборатория 201")
    iid = equipment("Весы аналитические", room_id=lab)
    big = tmp_path / "passport.pdf"
    with open(big, "wb") as f:  # a sparse file just over 50 MB
        f.truncate(attachments.MAX_SIZE + 1)
    with pytest.raises(ValidationError, match="больше 50 МБ"):
        attachments.add_file("item", iid, big)
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ\x90\x00")
    with pytest.raises(ValidationError, match="такой тип не прикрепляется"):
        attachments.add_file("item", iid, exe)
    fake = tmp_path / "certificate.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match="не похож на PDF"):
        attachments.add_file("item", iid, fake)
    assert attachments.list_files("item", iid) == []  # nothing written
    good = tmp_path / "Свидетельство о поверке.pdf"
    good.write_bytes(PDF)
    aid = attachments.add_file("item", iid, good, kind="verification")
    [f] = attachments.list_files("item", iid)
    assert (f["id"], f["file_name"], f["kind_label"], f["size"]) == (aid, good.name, "Свидетельство о поверке",
                                                                     len(PDF))
    (tmp_path / "out").mkdir()
    out = attachments.export_to(aid, tmp_path / "out")
    assert out.read_bytes() == PDF
    reagent = inventory.create_item({"kind": "reagent", "name": "Кислота серная", "cas_number": "7664-93-9",
                                     "room_id": lab, "unit": "л"})
    sub = inventory.get_item(reagent)["substance_id"]
    attachments.add_bytes("substance", sub, "SDS серная кислота.pdf", PDF, kind="sds")
    assert [f["owner"] for f in attachments.files_of_item(reagent)] == ["substance"]
    attachments.delete_file(aid)
    assert attachments.list_files("item", iid) == []


@pytest.mark.sqlite_only  # restore replaces a database file (PostgreSQL restores with pg_restore)
def test_attachments_travel_with_the_backup(db, tmp_path):
    iid = equipment("pH-метр", room_id=add_room("Лаборатория 205"))
    attachments.add_bytes("item", iid, "photo.png", b"\x89PNG\r\n\x1a\nDATA", kind="photo")
    copy = backup.backup(tmp_path / "copy.sqlite3")
    attachments.delete_file(attachments.list_files("item", iid)[0]["id"])
    backup.restore(copy)
    [f] = attachments.list_files("item", iid)
    assert f["file_name"] == "photo.png" and f["kind"] == "photo"


def test_files_tab_on_the_card(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from chemcluster_desktop.ui.dialogs.item_card import ItemCardDialog

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    iid = equipment("Спектрофотометр", room_id=add_room("Лаборатория 207"))
    dlg = ItemCardDialog(window, iid)
    qtbot.addWidget(dlg)
    dlg.show()
    tab = dlg.files
    dlg.tabs.setCurrentWidget(tab)
    bad = tmp_path / "virus.bat"
    bad.write_text("echo")
    assert not tab.add_file(str(bad)) and "не прикрепляется" in tab.error.text()
    passport = tmp_path / "Паспорт ПЭ-5400УФ.pdf"
    passport.write_bytes(PDF)
    tab.kind.setCurrentIndex(tab.kind.findData("passport"))
    assert tab.add_file(str(passport)) and tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "Паспорт"
    tab.table.setCurrentCell(0, 0)
    tab.open_selected()
    assert opened and open(opened[0], "rb").read() == PDF


@pytest.mark.both_backends
def test_deleting_a_card_deletes_its_files_journaled(db):
    """A card entered by mistake takes its files with it; the journal keeps each file's name, size and
    SHA-256. The substance's files stay with the substance."""
    import hashlib
    import json

    from sqlalchemy import select

    from chemcluster_desktop.services import context
    from chemcluster_desktop.storage.core import AuditEntry

    lab = add_room("Лаборатория 209")
    iid = equipment("Весы по ошибке", room_id=lab)
    keep = equipment("Весы настоящие", room_id=lab, serial_number="SN-2")
    aid = attachments.add_bytes("item", iid, "Паспорт весов.pdf", PDF, kind="passport")
    attachments.add_bytes("item", keep, "Паспорт.pdf", PDF, kind="passport")
    assert attachments.count_files("item", iid) == 1
    inventory.delete_item(iid)
    assert attachments.list_files("item", iid) == [] and attachments.count_files("item", iid) == 0
    assert len(attachments.list_files("item", keep)) == 1  # another card's file is untouched
    with context.read() as s:
        summary, old_values = s.execute(select(AuditEntry.summary, AuditEntry.old_values).where(
            AuditEntry.entity == "Attachment", AuditEntry.entity_id == str(aid), AuditEntry.action == "delete")).one()
    assert "Паспорт весов.pdf" in summary and "Весы по ошибке" in summary
    old = json.loads(old_values)
    assert (old["size"], old["sha256"]) == (len(PDF), hashlib.sha256(PDF).hexdigest())
