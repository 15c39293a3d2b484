"""Movement documents and verification as a person meets them: each kind of movement prints its
unified form (read back with pypdf: the form's code, the header, totals in words, signatures);
verification dates on a card are checked; «inventory due» lists what runs out, in CLI.md's shape."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from chemcluster_desktop import cli
from chemcluster_desktop.services import inventory, printing, settings_service
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.inventory import upkeep
from tests.inventory.helpers import add_room, consumable, equipment, pdf_text

TODAY = dt.date.today()


def _flat(path) -> str:
    return " ".join(pdf_text(path)[0].split()).replace("\u00a0", " ")


@pytest.fixture
def rooms(db):
    settings_service.save({"college.name": "ГБПОУ «ДХТ»", "college.inn": "5249023823", "college.kpp": "524901001",
                           "college.okpo": "02508293", "college.director": "Смирнова О. В.",
                           "college.accountant": "Лаптева М. С."})
    return add_room("Лаборатория 201", "Кузнецова Е. А."), add_room("Лаборатория 203", "Орлов Д. С.")


def test_each_movement_prints_its_form(rooms, tmp_path):
    a, b = rooms
    scales = equipment("Весы аналитические", room_id=a, inventory_number="ХП-1", cost=Decimal("96800.00"))
    table = inventory.create_item({"kind": "furniture", "name": "Стол лабораторный", "room_id": a,
                                   "cost": Decimal("32400.00")})
    gloves = consumable(qty="100", room_id=a)
    mv = inventory.make_movement("transfer", [scales], to_room_id=b, reason="Оснащение мастерской")
    res = printing.build("movement", tmp_path / "t.pdf", number=mv.number)
    flat = _flat(res.path)
    assert "0504102" in flat and "НАКЛАДНАЯ НА ВНУТРЕННЕЕ ПЕРЕМЕЩЕНИЕ" in flat and mv.number in flat
    assert "5249023823" in flat and "524901001" in flat and "02508293" in flat  # the codes box
    assert "Лаборатория 201" in flat and "Лаборатория 203" in flat and "Орлов Д. С." in flat
    assert "строк 1 (один); на сумму 96 800,00 (девяносто шесть тысяч восемьсот рублей 00 копеек)" in flat
    assert "Сдал (отправитель)" in flat and "Принял (получатель)" in flat

    mv = inventory.make_movement("issue", [(gloves, "20")], person="Иванов П. П.", reason="Практикум")
    flat = _flat(printing.build("movement", tmp_path / "i.pdf", number=mv.number).path)
    assert "0504204" in flat and "ТРЕБОВАНИЕ-НАКЛАДНАЯ" in flat and "Иванов П. П." in flat
    assert "Затребовал" in flat and "Разрешил" in flat and "Смирнова О. В." in flat

    for item, code in ((scales, "0504104"), (table, "0504143")):
        mv = inventory.make_movement("write_off", [item], reason="Неисправен, ремонт нецелесообразен")
        flat = _flat(printing.build("movement", tmp_path / f"{code}.pdf", number=mv.number).path)
        assert code in flat and "АКТ О СПИСАНИИ" in flat and "УТВЕРЖДАЮ" in flat, code
        assert "Председатель комиссии" in flat and "Лаптева М. С." in flat
    receipt = inventory.item_history(scales)[0]["number"]
    with pytest.raises(ValidationError, match="поставщика"):
        printing.build("movement", tmp_path / "r.pdf", number=receipt)


def test_verification_dates_are_checked(rooms):
    a, _b = rooms
    with pytest.raises(ValidationError) as e:
        equipment("pH-метр", room_id=a, measuring=True, verified_on=TODAY + dt.timedelta(days=3),
                  verification_months=12)
    assert e.value.field == "verified_on" and "ещё не наступила" in str(e.value)
    with pytest.raises(ValidationError, match="межповерочный"):
        equipment("pH-метр", room_id=a, measuring=True)
    with pytest.raises(ValidationError, match="от 1 до 120"):
        equipment("pH-метр", room_id=a, measuring=True, verified_on=TODAY, verification_months=0)
    iid = equipment("pH-метр", room_id=a, measuring=True, verified_on=TODAY - dt.timedelta(days=350),
                    verification_months=12, verification_certificate="С-ВЯ/1")
    card = inventory.get_item(iid)
    assert card["measuring"] and card["verification_certificate"] == "С-ВЯ/1"
    assert upkeep.state(True, card["verified_on"], 12) == "soon"
    assert upkeep.expired_instruments([iid], on=TODAY + dt.timedelta(days=30)) == {iid}


def test_inventory_due_cli(rooms, db_path, capsys):
    a, _b = rooms
    old = equipment("Весы лабораторные", room_id=a, inventory_number="ХП-9", measuring=True,
                    verified_on=TODAY - dt.timedelta(days=400), verification_months=12)
    equipment("Иономер", room_id=a, inventory_number="ХП-10", measuring=True,
              verified_on=TODAY - dt.timedelta(days=30), verification_months=12)  # not due
    equipment("Шкаф вытяжной", room_id=a, inventory_number="ХП-11", maintained_on=TODAY - dt.timedelta(days=170),
              maintenance_months=6)
    from chemcluster_desktop.services import context

    context.close_database()
    assert cli.main(["--db", str(db_path), "inventory", "due", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    due = {d["inventory_number"]: d for d in data["due"]}
    assert set(due) == {"ХП-9", "ХП-11"} and old
    assert due["ХП-9"]["kind"] == "verification" and due["ХП-9"]["overdue"] is True
    assert due["ХП-11"]["kind"] == "maintenance" and due["ХП-11"]["overdue"] is False
    assert dt.date.fromisoformat(due["ХП-9"]["date"]) < TODAY
    assert cli.main(["--db", str(db_path), "inventory", "due", "--days", "400"]) == 0
    assert "ХП-10" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "inventory", "movements", "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)["movements"]
    assert {d["kind"] for d in docs} == {"receipt"} and all(set(d) >= {"number", "date", "kind", "from_room",
                                                                        "to_room"} for d in docs)


def test_mol_position_stored_and_printed(rooms, tmp_path):
    """The МОЛ's position is entered once (matched by surname and initials) and printed with her name on
    the movement forms and the stock-taking forms (0510466, 0504092, 0510463, 0510439)."""
    from chemcluster_desktop.services.inventory import positions
    from chemcluster_desktop.services.inventory import stocktaking as st
    from tests.inventory.helpers import decision

    a, b = rooms
    with pytest.raises(ValidationError, match="длиннее 200"):
        positions.set_position("Кузнецова Е. А.", "З" * 201)
    assert positions.position_of(["Кузнецова Е. А."]) == {"Кузнецова Е. А.": ""}  # nothing written
    positions.set_positions({"Кузнецова Елена Андреевна": "Заведующий лабораторией",
                             "Орлов Д. С.": "Лаборант"})
    assert positions.position_of(["Кузнецова Е. А.", "Орлов Дмитрий Сергеевич"]) == {
        "Кузнецова Е. А.": "Заведующий лабораторией", "Орлов Дмитрий Сергеевич": "Лаборант"}
    assert {m["name"]: m["position"] for m in positions.mols()} == {"Кузнецова Е. А.": "Заведующий лабораторией",
                                                                   "Орлов Д. С.": "Лаборант"}
    scales = equipment("Весы аналитические", room_id=a, inventory_number="ХП-1", cost=Decimal("96800.00"))
    equipment("Шкаф вытяжной", room_id=a, inventory_number="ХП-2", serial_number="SN-2")
    mv = inventory.make_movement("transfer", [scales], to_room_id=b, reason="Оснащение мастерской")
    flat = _flat(printing.build("movement", tmp_path / "t.pdf", number=mv.number).path)
    assert "Заведующий лабораторией Кузнецова Е. А." in flat and "Лаборант Орлов Д. С." in flat
    sid = st.start(a, decision=decision([a]))
    st.scan(sid, "ХП-2")
    st.close(sid)
    for kind in ("inventory", "discrepancies", "inventory-act", "inventory-decision"):
        flat = _flat(printing.build(kind, tmp_path / f"{kind}.pdf", stocktaking=str(sid)).path)
        assert "Заведующий лабораторией Кузнецова Е. А." in flat, kind
    flat = _flat(tmp_path / "discrepancies.pdf")
    assert "С ведомостью ознакомлен(а): материально ответственное лицо" in flat


def test_0510466_object_table_numbered_as_the_form(rooms, tmp_path):
    """The object table of ф. 0510466 read back with pypdf: graphs 1–13 in the form's order — number,
    name, inventory number, status, target function, unit and its ОКЕИ code, then the actual presence
    (graphs 8–9: quantity and sum), the records (10–11) and the deviation (12–13) — on every page."""
    import re

    from pypdf import PdfReader

    from chemcluster_desktop.services.inventory import stocktaking as st
    from tests.inventory.helpers import decision

    a, _b = rooms
    for i in range(1, 31):
        equipment(f"Колбонагреватель ПЭ-4100 № {i}", room_id=a, inventory_number=f"КН-{i:03d}",
                  serial_number=f"SN-{i}", cost=Decimal("15600.00"))
    sid = st.start(a, decision=decision([a]))
    for i in range(1, 30):
        st.scan(sid, f"КН-{i:03d}")
    st.close(sid)
    res = printing.build("inventory", tmp_path / "opis.pdf", stocktaking=str(sid))
    pages = [" ".join((pg.extract_text() or "").split()) for pg in PdfReader(res.path).pages]
    table_pages = [t for t in pages if "Колбонагреватель" in t]
    assert len(table_pages) >= 2
    for t in table_pages:
        assert "1 2 3 4 5 6 7 8 9 10 11 12 13" in t and "14" not in t.split("1 2 3 4 5 6 7 8 9 10 11 12 13")[1][:4]
        head = t[t.index("№ п/п"):t.index("1 2 3 4 5 6 7 8 9 10 11 12 13")]
        order = ["Наименование", "Номер", "Статус объекта", "Целевая", "Единица", "ОКЕИ", "Фактическое наличие",
                 "По данным учёта", "Отклонение"]
        pos = [head.index(w) for w in order]
        assert pos == sorted(pos), head
        assert "Цена" not in head
    flat = " ".join(pages)
    # a row: number, name, inventory number … unit, ОКЕИ 796, actual 1 / 15 600,00, records 1 / 15 600,00
    assert re.search(r"КН-001 в эксплуатации продолжить эксплуатацию шт\. 796 1 15 600,00 1 15 600,00", flat)
    # the missing one: actual 0, records 1, deviation −1 / −15 600,00
    assert re.search(r"КН-030 .*?шт\. 796 0 0,00 1 15 600,00 -1 -15 600,00", flat)
    assert "Итого по описи: количество порядковых номеров 30 (тридцать)" in flat
    assert "общее количество единиц фактически 29 (двадцать девять)" in flat
    assert "на сумму 452 400,00 (четыреста пятьдесят две тысячи четыреста рублей 00 копеек)" in flat
