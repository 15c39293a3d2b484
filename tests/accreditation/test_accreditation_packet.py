import io
import time
from decimal import Decimal

from pypdf import PdfReader

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import printing
from tests.accreditation import helpers as h


def _text(path) -> tuple[int, str]:
    r = PdfReader(str(path))
    return len(r.pages), "\n".join(p.extract_text() for p in r.pages)


def test_packet_of_one_workshop(db, tmp_path):
    wid = h.workshop_with_items(workplaces=3, tmp=tmp_path)
    acc.match(wid)
    row = next(r for r in acc.checklist(wid) if r["name"] == "Аптечка" or r["name"] == "Стул")
    hostile = 'Проверено <b>не жирным</b> & «кавычки» "quotes" ' + "Оченьдлинноесловобезпробелов" * 6
    acc.set_comment(row["id"], hostile, row["version"])
    second = acc.checklist(wid)[1]
    acc.add_loan(second["id"], dict(partner="<АО «Синтез»> & Co", document_number="17/26", document_date="02.11.2026",
                                   quantity=second["required"], valid_until="30.06.2027"))
    acc.add_evidence(wid, h.jpeg(400, 300), caption="Общий вид <мастерской>", file_name="a.jpg")
    acc.set_layout_plan(wid, h.png(600, 400), "plan.png")
    out = tmp_path / "packet.pdf"
    res = printing.build("accreditation", out, workshop="Мастерская ЛХА")
    pages, text = _text(out)
    assert res.pages == pages and pages >= 3
    flat = text.replace("\n", " ")
    for words in ("Пакет документов для аккредитации мастерской", "Мастерская ЛХА", "Лабораторный химический анализ",
                  "Паспорт мастерской", "Чек-лист", "Перечень недостающего", "План застройки",
                  "Фотографии", "Председатель комиссии", f"стр. 1 из {pages}", f"стр. {pages} из {pages}"):
        assert words in flat, words
    assert "<b>не жирным</b> &" in flat and "<АО «Синтез»> & Co" in flat
    assert "Общий вид <мастерской>" in flat
    assert "Рабочее место участника" in flat and "Зона экспертов" in flat
    assert "Не выполнено" in flat and "Выполнено" in flat


def test_every_workshop_in_one_pdf(db, tmp_path):
    h.workshop_with_items(tmp=tmp_path)
    acc.create_workshop(dict(name="Вторая мастерская", rooms=["Ауд. 2"], competency="Лабораторный химический анализ",
                             workplaces=2), create_rooms=True)
    out = tmp_path / "all.pdf"
    printing.build("accreditation", out)
    _pages, text = _text(out)
    assert "Мастерская ЛХА" in text and "Вторая мастерская" in text


def test_unknown_workshop_is_refused(db, tmp_path):
    import pytest

    from chemcluster_desktop.services.errors import NotFoundError

    with pytest.raises(NotFoundError):
        printing.build("accreditation", tmp_path / "x.pdf", workshop="Нет такой")
    assert not (tmp_path / "x.pdf").exists()


def test_big_packet_is_built(db, tmp_path):
    """300 lines, 25 workplaces, 10 photos: all lines in the packet (its speed is measured in bench/)."""
    from chemcluster_desktop.reports import accreditation_packet

    lid = acc.create_list({"competency": "Большая компетенция", "year": 2026})
    zones = ["workplace", "consumables", "expert", "store", "safety", "general"]
    from sqlalchemy import insert

    from chemcluster_desktop.services.context import uow
    from chemcluster_desktop.storage.accreditation import InfrastructureLine

    with uow() as s:
        s.execute(insert(InfrastructureLine), [dict(
            list_id=lid, position=i, number=str(i), zone=zones[i % 6], section="", name=f"Позиция оснащения № {i}",
            specification="Технические характеристики: мощность не менее 600 Вт, ГОСТ 25336-82", quantity=Decimal(2),
            unit="шт.", per_workplace=i % 2 == 0, note="", search_key=f"позиция {i}") for i in range(1, 301)])
    wid = acc.create_workshop(dict(name="Большая", rooms=["Ауд. Б"], competency="Большая компетенция", workplaces=25),
                              create_rooms=True)
    for k in range(10):
        acc.add_evidence(wid, h.jpeg(1600, 1200, (k * 20, 100, 150)), caption=f"Фото {k}", file_name=f"{k}.jpg")
    t0 = time.perf_counter()
    data = acc.packet_data(wid)
    buf = io.BytesIO()
    accreditation_packet.build(buf, [data])
    assert time.perf_counter() - t0 < 120  # hang guard only
    r = PdfReader(io.BytesIO(buf.getvalue()))
    assert len(r.pages) > 8
    assert "Позиция оснащения № 300" in "".join(p.extract_text() for p in r.pages)
