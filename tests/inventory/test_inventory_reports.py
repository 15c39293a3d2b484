"""Inventory PDFs: ИНВ-1 list, discrepancy list and QR label sheets, opened with pypdf."""

from __future__ import annotations

import pytest

from chemcluster_desktop.services import printing
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.services.inventory import stocktaking as st
from tests.inventory.helpers import add_room, equipment, pdf_text


@pytest.fixture
def small(db):
    room = add_room("Лаборатория аналитической химии (ауд. 201)", "Кузнецова Е. А.")
    ids = [equipment(f"Весы аналитические № {i} <ВЛ&220>", room_id=room, inventory_number=f"ХП-2026-{i:06d}")
           for i in range(1, 61)]
    return room, ids


def test_inventory_list_by_room(small, tmp_path):
    room, _ids = small
    res = printing.build("inventory", tmp_path / "inv.pdf", room="ауд. 201")
    text, pages = pdf_text(res.path)
    assert pages == res.pages and pages >= 2
    assert "ИНВЕНТАРИЗАЦИОННАЯ ОПИСЬ (СЛИЧИТЕЛЬНАЯ ВЕДОМОСТЬ)" in text and "0510466" in text
    flat = " ".join(text.split())
    assert "Весы аналитические № 60 <ВЛ&220>" in flat  # user text printed literally
    assert "ХП-2026-000060" in flat and "Кузнецова Е. А." in flat
    assert "стр. 1 из" in text
    assert res.rows == 60
    with pytest.raises(NotFoundError):
        printing.build("inventory", tmp_path / "x.pdf", room="Нет такого")
    with pytest.raises(ValidationError):
        printing.build("inventory", tmp_path / "x.pdf", workshop="X")


def test_labels(small, tmp_path):
    _room, ids = small
    res = printing.build("labels", tmp_path / "labels.pdf", ids=",".join(str(i) for i in ids[:30]))
    text, pages = pdf_text(res.path)
    assert pages == 2 and res.rows == 30  # 24 labels per A4 sheet
    assert "ХП-2026-000001" in text and "Весы аналитические" in text
    with pytest.raises(ValidationError):
        printing.build("labels", tmp_path / "l.pdf", ids="abc")


def test_label_qr_holds_the_number():
    from chemcluster_desktop.reports.labels import qr_matrix

    m = qr_matrix("ХП-2026-000001")
    assert len(m) >= 21 and any(any(r) for r in m)


def test_stocktaking_documents(small, tmp_path):
    room, ids = small
    from tests.inventory.helpers import decision

    sid = st.start(room, decision=decision([room], chair=("Смирнова О. В.", "Заместитель директора"),
                                           members=(("Орлов Д. С.", "Заведующий лабораторией"),)))
    for i in ids[:58]:
        st.scan(sid, f"ХП-2026-{ids.index(i) + 1:06d}")
    st.add_unknown(sid, "Штатив без номера")
    st.close(sid)
    res = printing.build("stocktaking", tmp_path / "st.pdf", room="ауд. 201")
    text, _pages = pdf_text(res.path)
    assert "Недостача" in text and "Излишки" in text and "Штатив без номера" in text
    assert "ХП-2026-000059" in text and "ХП-2026-000060" in text and "ХП-2026-000001" not in text
    assert "Смирнова О. В." in text
    number = st.get(sid)["number"]
    res = printing.build("inventory", tmp_path / "inv1.pdf", stocktaking=number)
    text, _ = pdf_text(res.path)
    flat = " ".join(text.split()).replace("\u00a0", " ")
    assert "Фактическое" in flat and number in flat and "0510466" in flat
    # the header: requisites, basis; the totals in words; the commission and the МОЛ sign
    assert "Решение о проведении инвентаризации (ф. 0510439)" in flat and "12-инв" in flat
    # 60 on record and the unknown stand found (valued by nothing yet): 58 + 1 units found
    assert "Итого по описи: количество порядковых номеров 61 (шестьдесят один)" in flat
    assert "общее количество единиц фактически 59 (пятьдесят девять)" in flat
    assert "Председатель комиссии" in flat and "Заместитель директора Смирнова О. В." in flat
    assert "с № 1 по № 61" in flat and "Кузнецова Е. А." in flat and "РАСПИСКА" in flat
    for kind, code in (("inventory-decision", "0510439"), ("discrepancies", "0504092"), ("inventory-act", "0510463")):
        res = printing.build(kind, tmp_path / f"{kind}.pdf", stocktaking=number)
        flat = " ".join(pdf_text(res.path)[0].split()).replace("\u00a0", " ")
        assert code in flat and "Смирнова О. В." in flat and "Заместитель директора" in flat, kind
    assert "Штатив без номера" in " ".join(pdf_text(tmp_path / "discrepancies.pdf")[0].split())
