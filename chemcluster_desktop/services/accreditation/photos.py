"""Images of a workshop: its layout plan and evidence photos (of the workshop or of one checklist
line), checked to be whole PNG or JPEG files of a sane size before they are stored."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import get_or_404
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import ChecklistLine, Evidence, Workshop

from ._common import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, WRITE, _t, _workshop


@dataclass
class EvidenceInfo:
    id: int
    workshop_id: int
    checklist_line_id: int | None
    file_name: str
    caption: str
    mime: str
    width: int
    height: int
    size: int
    created_at: dt.datetime


def validate_image(data: bytes, file_name: str = "") -> tuple[str, int, int]:
    """(mime, width, height) of a PNG or JPEG photo; a clear ValidationError otherwise."""
    name = file_name or _t("файл")
    if not data:
        raise ValidationError(_t("Файл «{0}» пуст.").format(name), field="photo")
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(_t("Фото «{0}» слишком большое: {1:.1f} МБ при пределе {2} МБ. Уменьшите его "
                                 "(например, сохраните в JPEG с разрешением до 4000 точек).")
                              .format(name, len(data) / 1024 / 1024, MAX_PHOTO_BYTES // 1024 // 1024), field="photo")
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        mime = "image/png"
    elif data[:3] == b"\xff\xd8\xff":
        mime = "image/jpeg"
    else:
        raise ValidationError(_t("Файл «{0}» не является изображением PNG или JPEG. Выберите фотографию "
                                 "(.jpg, .png).").format(name), field="photo")
    try:
        # Pillow imported here, not at the top: only adding a photo needs it
        from PIL import Image

        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                w, h = im.size
                if w < 1 or h < 1 or w * h > MAX_PHOTO_PIXELS:
                    raise _TooBig(w, h)
                if im.format == "JPEG":
                    im.draft("RGB", (max(1, w // 8), max(1, h // 8)))  # decode small: proves it is whole
                im.load()
    except _TooBig as e:
        raise ValidationError(_t("Изображение «{0}» слишком большое: {1}×{2} точек (предел {3} млн точек). "
                                 "Уменьшите его.").format(name, e.w, e.h, MAX_PHOTO_PIXELS // 1_000_000),
                              field="photo") from e
    except Exception as e:
        if "DecompressionBomb" in type(e).__name__:
            raise ValidationError(_t("Изображение «{0}» слишком большое по числу точек. Уменьшите его.")
                                  .format(name), field="photo") from e
        raise ValidationError(_t("Изображение «{0}» повреждено и не читается. Выберите другой файл.").format(name),
                              field="photo") from e
    return mime, int(w), int(h)


class _TooBig(Exception):
    def __init__(self, w: int, h: int):
        super().__init__(f"{w}x{h}")
        self.w, self.h = w, h


def _read_image(source: bytes | str | Path, file_name: str = "") -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), file_name
    p = Path(source)
    try:
        size = p.stat().st_size
        if size > MAX_PHOTO_BYTES:
            validate_image(b"x" * (MAX_PHOTO_BYTES + 1), p.name)
        return p.read_bytes(), file_name or p.name
    except OSError as e:
        raise ValidationError(_t("Файл «{0}» не открывается: {1}.").format(p, e.strerror or e), field="photo") from e


# --- the layout plan -----------------------------------------------------------------------------
def set_layout_plan(workshop_id: int, source: bytes | str | Path | None, file_name: str = "") -> None:
    require(WRITE)
    data, name = (None, "") if source is None else _read_image(source, file_name)
    if data is not None:
        validate_image(data, name)
    with context.uow() as s:
        w = _workshop(s, workshop_id)
        w.layout_plan = data
        w.layout_plan_name = (name or "")[:200]


def layout_plan(workshop_id: int) -> bytes | None:
    with context.read() as s:
        return s.scalar(select(Workshop.layout_plan).where(Workshop.id == workshop_id))


# --- evidence photos -----------------------------------------------------------------------------
def add_evidence(workshop_id: int, source: bytes | str | Path, *, caption: str = "",
                 checklist_line_id: int | None = None, file_name: str = "") -> int:
    require(WRITE)
    data, name = _read_image(source, file_name)
    mime, w, h = validate_image(data, name)
    with context.uow() as s:
        ws = _workshop(s, workshop_id)
        if checklist_line_id is not None:
            cl = s.get(ChecklistLine, checklist_line_id)
            if cl is None or cl.workshop_id != ws.id:
                raise NotFoundError(_t("Строка чек-листа не найдена."))
        e = Evidence(workshop_id=ws.id, checklist_line_id=checklist_line_id, file_name=(name or "")[:300],
                     caption=(caption or "")[:300], mime=mime, width=w, height=h, data=data)
        s.add(e)
        s.flush()
        return e.id


def delete_evidence(evidence_id: int) -> None:
    require(WRITE)
    with context.uow() as s:
        s.delete(get_or_404(s, Evidence, evidence_id, _t("Фотография")))


def evidence(workshop_id: int, checklist_line_id: int | None = None, *, all_lines: bool = False
             ) -> list[EvidenceInfo]:
    with context.read() as s:
        stmt = select(Evidence.id, Evidence.workshop_id, Evidence.checklist_line_id, Evidence.file_name,
                      Evidence.caption, Evidence.mime, Evidence.width, Evidence.height,
                      func.length(Evidence.data), Evidence.created_at).where(Evidence.workshop_id == workshop_id)
        if not all_lines:
            stmt = stmt.where(Evidence.checklist_line_id.is_(None) if checklist_line_id is None
                              else Evidence.checklist_line_id == checklist_line_id)
        return [EvidenceInfo(*r) for r in s.execute(stmt.order_by(Evidence.id))]


def evidence_data(evidence_id: int) -> bytes:
    with context.read() as s:
        d = s.scalar(select(Evidence.data).where(Evidence.id == evidence_id))
        if d is None:
            raise NotFoundError(_t("Фото не найдено (возможно, удалено)."))
        return d
