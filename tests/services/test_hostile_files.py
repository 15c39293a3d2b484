"""Hostile files given to the Excel importers and the image loaders: malformed, truncated, renamed,
password-protected, zip bombs, enormous files and random cell contents (hypothesis, 500 cases per
importer). Each must end in a clear error (FileFormatError / ValidationError with a Russian message),
in bounded time and memory, with nothing written."""

from __future__ import annotations

import datetime as dt
import io
import resource
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services.errors import FileFormatError, ServiceError, ValidationError
from chemcluster_desktop.storage.core import AuditEntry

inventory = pytest.importorskip("chemcluster_desktop.services.inventory",
                                reason="the inventory importer (services/inventory.py) is not written yet")
accreditation = pytest.importorskip("chemcluster_desktop.services.accreditation",
                                    reason="the accreditation importer (services/accreditation.py) is not written yet")

pytestmark = pytest.mark.sqlite_only  # file handling does not depend on the database backend

MAX_SECONDS = 10.0
MAX_RSS_GROWTH_MB = 300


def _import_inventory(path):
    return inventory.import_inventory(path, dry_run=False, strict=False)


def _import_infrastructure(path):
    return accreditation.import_infrastructure_list(path, "Лабораторный химический анализ", dry_run=False)


IMPORTERS = {"inventory": _import_inventory, "infrastructure": _import_infrastructure}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _written() -> tuple[int, ...]:
    from chemcluster_desktop.storage.accreditation import InfrastructureLine
    from chemcluster_desktop.storage.inventory import Item

    with context.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Item, InfrastructureLine, AuditEntry))


def _valid_xlsx(headers: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


INV_HEADERS = ["Вид", "Инвентарный номер", "Наименование", "Стоимость", "Дата ввода", "Состояние", "Помещение",
               "Количество", "Ед. изм.", "CAS"]
INFRA_HEADERS = ["№ п/п", "Наименование", "Технические характеристики", "Количество", "Ед. изм.", "Примечание"]


def _zip_bomb(path: Path, size_mb: int = 450) -> None:
    """An .xlsx-looking zip whose sheet inflates to ``size_mb`` MB of zeros (about 1 MB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"\0" * (1024 * 1024)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for _ in range(size_mb):
                f.write(chunk)


def _lying_zip(path: Path, good: bytes) -> None:
    """A valid workbook whose directory claims its sheet inflates to 4 GB."""
    data = bytearray(good)
    i = data.find(b"PK\x01\x02")
    while i != -1:
        name_len = int.from_bytes(data[i + 28:i + 30], "little")
        name = bytes(data[i + 46:i + 46 + name_len])
        if b"sheet" in name:
            data[i + 24:i + 28] = (0xFFFFFFF0).to_bytes(4, "little")
        i = data.find(b"PK\x01\x02", i + 4)
    path.write_bytes(bytes(data))


def _hostile_files(d: Path) -> dict[str, Path]:
    good = _valid_xlsx(INV_HEADERS, [["оборудование", "ИН-1", "Весы", "100,00", "01.02.2020", "в эксплуатации",
                                      "Лаборатория 1", 1, "шт.", ""]])
    files = {}

    def put(name: str, data: bytes) -> None:
        p = d / f"{name}.xlsx"
        p.write_bytes(data)
        files[name] = p

    put("empty", b"")
    put("text_renamed", "Инвентарь;Наименование\nИН-1;Весы\n".encode() * 50)
    put("pdf_renamed", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    put("png_renamed", b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    put("random_bytes", bytes((i * 7919 + 13) % 256 for i in range(20000)))
    # a password-protected workbook is an OLE2 compound file, not a zip
    put("encrypted_ole2", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
        + b"\0" * 4000 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 2000)
    put("truncated_half", good[: len(good) // 2])
    put("truncated_head", good[:300])
    put("zip_without_workbook", _zip_bytes({"hello.txt": b"hi"}))
    put("broken_sheet_xml", _broken_sheet(good))
    _lying_zip(d / "lying_sizes.xlsx", good)
    files["lying_sizes"] = d / "lying_sizes.xlsx"
    _zip_bomb(d / "zip_bomb.xlsx")
    files["zip_bomb"] = d / "zip_bomb.xlsx"
    enormous = d / "enormous.xlsx"
    with open(enormous, "wb") as f:  # sparse: 2 GB on paper, nothing on disk
        f.truncate(2 * 1024 ** 3)
    files["enormous"] = enormous
    put("directory_traversal_names", _zip_bytes({"../../evil.xml": b"<x/>", "xl/workbook.xml": b"<workbook/>"}))
    return files


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in members.items():
            z.writestr(k, v)
    return buf.getvalue()


def _broken_sheet(good: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if "worksheets/sheet" in info.filename:
                data = data[: len(data) // 2] + b"<<<&&&not xml"
            z.writestr(info.filename, data)
    return buf.getvalue()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    return _hostile_files(tmp_path_factory.mktemp("hostile"))


HOSTILE_NAMES = ["empty", "text_renamed", "pdf_renamed", "png_renamed", "random_bytes", "encrypted_ole2",
                 "truncated_half", "truncated_head", "zip_without_workbook", "broken_sheet_xml", "lying_sizes",
                 "zip_bomb", "enormous", "directory_traversal_names"]


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_file_gives_clear_error_and_writes_nothing(db, hostile, importer, name):
    before = _written()
    rss = _rss_mb()
    t0 = time.monotonic()
    with pytest.raises(ServiceError) as e:
        IMPORTERS[importer](hostile[name])
    elapsed = time.monotonic() - t0
    assert isinstance(e.value, FileFormatError | ValidationError), type(e.value)
    msg = str(e.value)
    assert msg and any("а" <= c.lower() <= "я" for c in msg), msg  # a Russian sentence, not a traceback
    assert "Traceback" not in msg and "Error(" not in msg
    assert elapsed < MAX_SECONDS, f"{name}: {elapsed:.1f} s"
    assert _rss_mb() - rss < MAX_RSS_GROWTH_MB, f"{name}: memory grew by {_rss_mb() - rss:.0f} MB"
    assert _written() == before


def test_encrypted_workbook_message_says_remove_password(db, hostile):
    with pytest.raises(FileFormatError) as e:
        _import_inventory(hostile["encrypted_ole2"])
    assert "парол" in str(e.value).lower() or "xls" in str(e.value).lower()


# --- random cell contents (hypothesis) --------------------------------------------------------------------
cell = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.text(alphabet="0123456789 ,.-₽рубшт", max_size=14),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**9, max_value=10**9),
    st.dates(min_value=dt.date(1900, 1, 2), max_value=dt.date(2100, 1, 1)),
    st.booleans(),
    st.sampled_from(["оборудование", "мебель", "расходный материал", "реактив", "в эксплуатации", "=1/0",
                     "=HYPERLINK(\"http://x\")", "ИН-1", "Лаборатория 1", "64-17-5", "50-00-0", "\x00", "", " "]),
)


def _sheet_rows(width: int):
    return st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=4)


def _clean_for_openpyxl(v):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(v, str):
        return ILLEGAL_CHARACTERS_RE.sub("", v)
    if isinstance(v, Decimal):
        return v
    return v


def _fuzz(importer: str, headers: list[str], rows: list[list], tmp: Path) -> None:
    path = tmp / f"fuzz-{importer}.xlsx"
    path.write_bytes(_valid_xlsx(headers, [[_clean_for_openpyxl(v) for v in r] for r in rows]))
    before = _written()
    try:
        IMPORTERS[importer](path)
    except (FileFormatError, ValidationError) as e:
        assert str(e).strip()
        assert _written() == before  # a refused file writes nothing
    except ServiceError as e:  # any other refusal must still be a sentence for the person
        assert str(e).strip()
        assert _written() == before


FUZZ = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])


@FUZZ
@given(rows=_sheet_rows(len(INV_HEADERS)))
def test_inventory_import_survives_random_cells(db, tmp_path, rows):
    _fuzz("inventory", INV_HEADERS, rows, tmp_path)


@FUZZ
@given(rows=_sheet_rows(len(INFRA_HEADERS)))
def test_infrastructure_import_survives_random_cells(db, tmp_path, rows):
    _fuzz("infrastructure", INFRA_HEADERS, rows, tmp_path)


# --- images -------------------------------------------------------------------------------------------------
def _png(w: int, h: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\0" + b"\xff\x00\x00" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _png_bomb() -> bytes:
    """A PNG header claiming 100,000 × 100,000 pixels (a decompression bomb)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    c = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + c + struct.pack(">I", zlib.crc32(c))
            + struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND")))


BAD_IMAGES = {
    "empty": b"",
    "text": "не картинка".encode() * 20,
    "pdf": b"%PDF-1.4\n%%EOF",
    "truncated_png": _png(50, 50)[:60],
    "truncated_jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 30,
    "png_bomb": _png_bomb(),
    "xlsx_renamed": b"PK\x03\x04" + b"\0" * 100,
}


@pytest.fixture
def workshop_id(db):
    from chemcluster_desktop.storage.accreditation import Workshop

    with context.uow() as s:
        w = Workshop(name="Лабораторный химический анализ", workplaces=12)
        s.add(w)
        s.flush()
        return w.id


@pytest.mark.parametrize("name", sorted(BAD_IMAGES))
def test_hostile_images_refused_nothing_written(db, workshop_id, tmp_path, name):
    p = tmp_path / f"{name}.jpg"
    p.write_bytes(BAD_IMAGES[name])
    before = _written()
    t0 = time.monotonic()
    for call in (lambda: accreditation.add_evidence(workshop_id, p, caption="Фото"),
                 lambda: accreditation.set_layout_plan(workshop_id, p)):
        with pytest.raises(ServiceError) as e:
            call()
        assert str(e.value).strip() and "Traceback" not in str(e.value)
    assert time.monotonic() - t0 < MAX_SECONDS
    assert _written() == before
    assert accreditation.layout_plan(workshop_id) is None


def test_enormous_image_refused_without_reading_it(db, workshop_id, tmp_path):
    p = tmp_path / "huge.jpg"
    with open(p, "wb") as f:
        f.write(b"\xff\xd8\xff\xe0")
        f.truncate(3 * 1024 ** 3)
    rss = _rss_mb()
    with pytest.raises(ServiceError, match="слишком большое"):
        accreditation.add_evidence(workshop_id, p)
    assert _rss_mb() - rss < MAX_RSS_GROWTH_MB


def test_good_image_accepted(db, workshop_id):
    eid = accreditation.add_evidence(workshop_id, _png(20, 10), caption="Рабочее место", file_name="rm.png")
    assert eid > 0


# --- the college logo (Сервис → Настройки) -------------------------------------------------------------------
settings_service = pytest.importorskip("chemcluster_desktop.services.settings_service",
                                       reason="services/settings_service.py is not written yet")


@pytest.mark.parametrize("name", sorted(BAD_IMAGES))
def test_hostile_logo_refused(db, tmp_path, name):
    p = tmp_path / f"{name}.png"
    p.write_bytes(BAD_IMAGES[name])
    t0 = time.monotonic()
    with pytest.raises(ValidationError) as e:
        settings_service.read_logo_file(p)
    assert str(e.value).strip()
    assert time.monotonic() - t0 < MAX_SECONDS


def test_enormous_logo_refused_without_reading_it(db, tmp_path):
    p = tmp_path / "huge.png"
    with open(p, "wb") as f:  # 600 MB on paper (sparse): big enough to notice, small enough not to kill CI
        f.write(b"\x89PNG\r\n\x1a\n")
        f.truncate(600 * 1024 ** 2)
    rss = _rss_mb()
    with pytest.raises(ValidationError):
        settings_service.read_logo_file(p)
    assert _rss_mb() - rss < MAX_RSS_GROWTH_MB, f"memory grew by {_rss_mb() - rss:.0f} MB"


def test_good_logo_accepted(db, tmp_path):
    p = tmp_path / "logo.png"
    p.write_bytes(_png(40, 20))
    assert settings_service.read_logo_file(p).startswith(b"\x89PNG")
