"""Files on an item's or a substance's card: the passport, the certificate of verification, the safety
data sheet, a photo. They are kept inside the database (so every backup and restore carries them),
at most :data:`MAX_SIZE` each and only of the :data:`ALLOWED` types — a program or script is refused
with a clear message and nothing is written. ``export_to(att_id, folder)`` writes a copy for the
system viewer (the GUI opens it with the desktop's default program).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sqlalchemy import delete, func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit, context
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.inventory import Item, Substance
from chemcluster_desktop.storage.inventory_paperwork import Attachment

MAX_SIZE = 50 * 1024 * 1024
ALLOWED = ("pdf", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "txt", "csv", "rtf", "doc", "docx",
           "xls", "xlsx", "odt", "ods")
KINDS = {"passport": "Паспорт", "verification": "Свидетельство о поверке", "sds": "Паспорт безопасности (SDS)",
         "certificate": "Сертификат", "photo": "Фото", "other": "Другое"}
# what a file of that extension starts with, where the format has a signature
_MAGIC = {"pdf": (b"%PDF",), "png": (b"\x89PNG",), "jpg": (b"\xff\xd8",), "jpeg": (b"\xff\xd8",),
          "gif": (b"GIF8",), "docx": (b"PK",), "xlsx": (b"PK",), "odt": (b"PK",), "ods": (b"PK",)}


def _t(s: str) -> str:
    return translate("Inventory", s)


def kind_label(kind: str) -> str:
    return _t(KINDS.get(kind, KINDS["other"]))


def check_file(name: str, data: bytes) -> str:
    """The extension of an acceptable file; a ValidationError naming the file and the rule otherwise."""
    ext = Path(name).suffix.lower().lstrip(".")
    if ext not in ALLOWED:
        raise ValidationError(_t("Файл «{0}»: такой тип не прикрепляется. Можно: {1}.")
                              .format(name, ", ".join(ALLOWED)), field="file")
    if not data:
        raise ValidationError(_t("Файл «{0}» пуст.").format(name), field="file")
    if len(data) > MAX_SIZE:
        raise ValidationError(_t("Файл «{0}» больше 50 МБ ({1:.1f} МБ): уменьшите его (сожмите PDF или фото).")
                              .format(name, len(data) / 1024 / 1024), field="file")
    magic = _MAGIC.get(ext)
    if magic and not data.startswith(magic):
        raise ValidationError(_t("Файл «{0}» не похож на {1}: содержимое не совпадает с расширением.")
                              .format(name, ext.upper()), field="file")
    return ext


def _owner(s, owner_kind: str, owner_id: int) -> str:
    if owner_kind == "item":
        return get_or_404(s, Item, owner_id, _t("Позиция")).name
    if owner_kind == "substance":
        return get_or_404(s, Substance, owner_id, _t("Вещество")).name
    raise ValidationError(_t("Файл прикрепляется к позиции или к веществу."), field="owner")


def add_file(owner_kind: str, owner_id: int, path: str | Path, *, kind: str = "other", note: str = "") -> int:
    """Attach the file at ``path``; returns the attachment's id."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_SIZE:
            raise ValidationError(_t("Файл «{0}» больше 50 МБ ({1:.1f} МБ): уменьшите его (сожмите PDF или фото).")
                                  .format(p.name, p.stat().st_size / 1024 / 1024), field="file")
        data = p.read_bytes()
    except OSError as e:
        raise ValidationError(_t("Не удаётся прочитать файл «{0}»: {1}").format(p.name, e.strerror or e),
                              field="file") from e
    return add_bytes(owner_kind, owner_id, p.name, data, kind=kind, note=note)


def add_bytes(owner_kind: str, owner_id: int, name: str, data: bytes, *, kind: str = "other", note: str = "") -> int:
    require("inventory.write")
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", Path(name).name)[:255] or "file"
    check_file(name, data)
    if kind not in KINDS:
        raise ValidationError(_t("Неизвестный вид файла «{0}».").format(kind), field="kind")
    with context.uow() as s:
        owner = _owner(s, owner_kind, owner_id)
        att = Attachment(owner_kind=owner_kind, owner_id=owner_id, kind=kind, file_name=name, size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), data=data, note=note.strip()[:300],
                         added_by=context.actor().login)
        s.add(att)
        s.flush()
        audit.record(s, "create", "inventory", "Attachment", str(att.id),
                     _t("Прикреплён файл «{0}» ({1}) к «{2}»").format(name, kind_label(kind), owner))
        return att.id


def list_files(owner_kind: str, owner_id: int) -> list[dict]:
    with context.read() as s:
        rows = s.execute(select(Attachment.id, Attachment.kind, Attachment.file_name, Attachment.size,
                                Attachment.note, Attachment.added_by, Attachment.added_at)
                         .where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id)
                         .order_by(Attachment.id)).all()
    return [{"id": r[0], "kind": r[1], "kind_label": kind_label(r[1]), "file_name": r[2], "size": r[3],
             "note": r[4], "added_by": r[5], "added_at": r[6]} for r in rows]


def files_of_item(item_id: int) -> list[dict]:
    """The item's own files and those of its substance (a reagent's SDS), each marked with its owner."""
    with context.read() as s:
        sub = s.scalar(select(Item.substance_id).where(Item.id == item_id))
    out = [dict(f, owner="item") for f in list_files("item", item_id)]
    if sub is not None:
        out += [dict(f, owner="substance") for f in list_files("substance", sub)]
    return out


def export_to(att_id: int, folder: str | Path) -> Path:
    """Write a copy of the file into ``folder`` (for the system viewer); returns its path."""
    with context.read() as s:
        att = s.get(Attachment, att_id)
        if att is None:
            raise NotFoundError(_t("Файл, выбранный в карточке, уже удалён — закройте карточку и откройте её снова."))
        name, data = att.file_name, att.data
    dest = Path(folder) / f"{att_id}-{name}"
    dest.write_bytes(data)
    return dest


def delete_file(att_id: int) -> None:
    require("inventory.write")
    with context.uow() as s:
        att = s.get(Attachment, att_id)
        if att is None:
            raise NotFoundError(_t("Этот файл уже удалён (возможно, с другого компьютера)."))
        audit.record(s, "delete", "inventory", "Attachment", str(att_id), _t("Удалён файл «{0}»").format(att.file_name))
        s.execute(delete(Attachment).where(Attachment.id == att_id))


def count_files(owner_kind: str, owner_id: int) -> int:
    """How many files the card holds (the deletion's confirmation names them)."""
    with context.read() as s:
        return s.scalar(select(func.count(Attachment.id)).where(Attachment.owner_kind == owner_kind,
                                                                Attachment.owner_id == owner_id)) or 0


def delete_owned_in_session(s, owner_kind: str, owner_id: int, owner_name: str) -> int:
    """Inside the caller's unit of work: remove the files of a card being deleted, each journaled with
    its name, kind, size and SHA-256 (what was removed stays provable); returns how many."""
    rows = s.execute(select(Attachment.id, Attachment.file_name, Attachment.kind, Attachment.size,
                            Attachment.sha256, Attachment.added_by)
                     .where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id)
                     .order_by(Attachment.id)).all()
    for aid, name, kind, size, sha, by in rows:
        audit.record(s, "delete", "inventory", "Attachment", str(aid),
                     _t("Удалён файл «{0}» вместе с карточкой «{1}»").format(name, owner_name),
                     old={"owner_kind": owner_kind, "owner_id": owner_id, "file_name": name, "kind": kind,
                          "size": size, "sha256": sha, "added_by": by})
    if rows:
        s.execute(delete(Attachment).where(Attachment.id.in_([r[0] for r in rows])))
    return len(rows)


__all__ = ["ALLOWED", "KINDS", "MAX_SIZE", "add_bytes", "add_file", "check_file", "count_files",
           "delete_file", "delete_owned_in_session", "export_to", "files_of_item", "kind_label", "list_files"]
