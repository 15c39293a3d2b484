"""The printed inventory list (ф. 0510466 of the records) holds exactly the rows the «Инвентарь» page
shows — search, kind, room, state, «Списанные» — and names the selection on the paper; the command line
takes the same selection (``report inventory --search … --status …``)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from chemcluster_desktop import cli
from chemcluster_desktop.services import inventory, printing
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.ui import ops
from tests.inventory.helpers import add_room, consumable, equipment, pdf_text, type_text


@pytest.fixture
def rooms_and_items(db):
    lab = add_room("Лаборатория аналитической химии (ауд. 214)", "Кузнецова Е. А.")
    shop = add_room("Мастерская ЛХА (ауд. 210)", "Орлов Д. С.")
    made = {
        "Колба коническая КН-250": consumable("Колба коническая КН-250", room_id=lab),
        "Колба мерная 100 мл": consumable("Колба мерная 100 мл", room_id=shop),
        "Колбонагреватель ПЭ-4100": equipment("Колбонагреватель ПЭ-4100", room_id=lab, inventory_number="ОС-1"),
        "Колбонагреватель старый": equipment("Колбонагреватель старый", room_id=lab, inventory_number="ОС-2"),
        "Весы аналитические": equipment("Весы аналитические", room_id=lab, inventory_number="ОС-3"),
        "Штатив лабораторный": equipment("Штатив лабораторный", room_id=lab, inventory_number="ОС-4"),
    }
    inventory.make_movement("write_off", [made["Колбонагреватель старый"]], reason="Сгорел нагревательный элемент")
    card = inventory.get_item(made["Штатив лабораторный"])
    inventory.update_item(card["id"], {**card, "status": "repair"}, version=card["version"])
    return lab, shop, made


def _printed_names(path, names) -> set[str]:
    flat = " ".join(pdf_text(path)[0].split())
    return {n for n in names if n in flat}


def _shown_names(page) -> set[str]:
    return {page.model.row(i)["name"] for i in range(page.model.total())}


def _print(qtbot, page):
    page.last_preview = None
    win = page.window()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert ops.wait_all()
    path = page.last_preview.pdf_path
    page.last_preview.close()
    return path


def test_the_printed_list_is_the_list_on_the_screen(window, qtbot, rooms_and_items):
    lab, _shop, made = rooms_and_items
    page = window.show_page("inventory")
    page.search.setFocus()
    type_text(page.search, "колб")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.query.search == "колб")
    page.set_room(lab)
    qtbot.waitUntil(lambda: page.model.total() == 2)
    shown = _shown_names(page)
    assert shown == {"Колба коническая КН-250", "Колбонагреватель ПЭ-4100"}

    path = _print(qtbot, page)
    assert _printed_names(path, made) == shown  # not the room's whole list, not the other room's flask
    flat = " ".join(pdf_text(path)[0].split())
    assert "Отбор: поиск «колб», помещение «Лаборатория аналитической химии (ауд. 214)»" in flat

    # «Списанные» ticked: the written-off heater is on the screen and on the paper
    page.written_off.setChecked(True)
    qtbot.waitUntil(lambda: page.model.total() == 3)
    path = _print(qtbot, page)
    assert _printed_names(path, made) == _shown_names(page) == shown | {"Колбонагреватель старый"}
    assert "и списанные" in " ".join(pdf_text(path)[0].split())

    # a state and a kind, the search cleared
    page.written_off.setChecked(False)
    page.search.clear()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    page.status_filter.setCurrentIndex(page.status_filter.findData("repair"))
    page.set_kind("equipment")
    qtbot.waitUntil(lambda: page.model.total() == 1)
    path = _print(qtbot, page)
    assert _printed_names(path, made) == _shown_names(page) == {"Штатив лабораторный"}
    flat = " ".join(pdf_text(path)[0].split())
    assert "вид: оборудование" in flat and "состояние: на ремонте" in flat and "поиск" not in flat
    # the label sheet with a kind chosen (the kind filter once collided with the document kind: TypeError)
    page.last_preview = None
    page.print_labels()
    assert ops.wait_all() and page.last_preview is not None
    text = " ".join(pdf_text(page.last_preview.pdf_path)[0].split())
    # the labels are for the rows shown too: the stand in repair, not the scales the room also holds
    assert "ОС-4" in text and "ОС-3" not in text and "КН-250" not in text
    page.last_preview.close()


def test_an_empty_list_prints_nothing_and_says_why(window, qtbot, rooms_and_items):
    page = window.show_page("inventory")
    page.search.setFocus()
    type_text(page.search, "нет такого")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.query.search == "нет такого" and page.model.total() == 0)
    page.last_preview = None
    page.on_print()
    assert page.last_preview is None and page.last_task is None
    assert "нет позиций" in page.last_message.text()
    page.last_message.close()


def test_the_selection_on_the_command_line(rooms_and_items, tmp_path, capsys, db_path):
    _lab, _shop, made = rooms_and_items
    out = tmp_path / "opis.pdf"
    code = cli.main(["--db", str(db_path), "report", "inventory", "-o", str(out), "--search", "колб",
                     "--status", "all"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert _printed_names(out, made) == {"Колба коническая КН-250", "Колба мерная 100 мл",
                                         "Колбонагреватель ПЭ-4100", "Колбонагреватель старый"}
    flat = " ".join(pdf_text(out)[0].split())
    assert "Отбор: поиск «колб», в любом состоянии, и списанные" in flat

    code = cli.main(["--db", str(db_path), "report", "inventory", "-o", str(out), "--status", "broken"])
    err = capsys.readouterr().err
    assert code == 1 and "«broken»" in err and "in_use" in err and "Traceback" not in err
    # the label sheet takes the same selection (numbered items only: the heaters, the old one written off)
    code = cli.main(["--db", str(db_path), "report", "labels", "-o", str(out), "--search", "колб"])
    assert code == 0, capsys.readouterr().err
    flat = " ".join(pdf_text(out)[0].split())
    assert "ОС-1" in flat and "ОС-2" not in flat and "ОС-3" not in flat


def test_the_whole_list_carries_no_selection_line(rooms_and_items, tmp_path):
    _lab, _shop, made = rooms_and_items
    res = printing.build("inventory", tmp_path / "all.pdf")
    text = " ".join(pdf_text(res.path)[0].split())
    assert "Отбор" not in text
    assert _printed_names(res.path, made) == set(made) - {"Колбонагреватель старый"}
    assert re.search(r"Колбонагреватель ПЭ-4100", text)
    with pytest.raises(NotFoundError, match="измените фильтры"):
        printing.build("inventory", tmp_path / "none.pdf", search="нет такого")
    with pytest.raises(ValidationError, match="--search"):
        printing.build("inventory", tmp_path / "st.pdf", search="колба", stocktaking="1")
