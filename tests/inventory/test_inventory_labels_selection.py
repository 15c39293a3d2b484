"""«Этикетки» on the inventory page: with nothing selected, the labels are for exactly the rows the list shows
(search, kind, room, state, «Списанные» — the selection the printed list uses); more than one A4 sheet is
counted and confirmed first, with «Отмена» as the default; selected rows still get their own labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from chemcluster_desktop import cli
from chemcluster_desktop.services import inventory, printing
from chemcluster_desktop.services.inventory import report_labels
from chemcluster_desktop.ui import ops
from tests.inventory.helpers import add_room, equipment, pdf_text, type_text

DISPENSERS = 30  # more than the 24 labels of one A4 sheet


@pytest.fixture
def stock(db):
    lab = add_room("Лаборатория аналитической химии (ауд. 214)", "Кузнецова Е. А.")
    shop = add_room("Мастерская ЛХА (ауд. 210)", "Орлов Д. С.")
    made = {f"Дозатор пипеточный {k:02d}": equipment(f"Дозатор пипеточный {k:02d}", room_id=lab if k % 2 else shop,
                                                     inventory_number=f"ДЗ-{k:02d}")
            for k in range(1, DISPENSERS + 1)}
    made["Весы аналитические"] = equipment("Весы аналитические", room_id=lab, inventory_number="ВС-1")
    made["Дозатор сломанный"] = equipment("Дозатор сломанный", room_id=lab, inventory_number="ДЗ-99")
    inventory.make_movement("write_off", [made["Дозатор сломанный"]], reason="Трещина корпуса")
    return lab, shop, made


def _search(qtbot, page, text: str, total: int) -> None:
    page.search.setFocus()
    page.search.clear()
    type_text(page.search, text)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.query.search == text and page.model.total() == total)


def _numbers(path) -> set[str]:
    flat = " ".join(pdf_text(path)[0].split())
    return {w for w in flat.split() if w.startswith(("ДЗ-", "ВС-"))}


def test_labels_for_the_searched_rows_with_a_count_before_two_sheets(window, qtbot, stock):
    page = window.show_page("inventory")
    _search(qtbot, page, "дозатор", DISPENSERS)
    assert not page.selected_ids()
    page.last_preview = page.last_message = None
    page.print_labels()
    box = page.last_message
    assert isinstance(box, QMessageBox) and page.last_preview is None  # asked first, nothing made yet
    text = box.text()
    assert f"Этикеток: {DISPENSERS} на 2 листах A4" in text and "поиск «дозатор»" in text
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert ops.wait_all() and page.last_preview is None and page.last_task is None

    page.print_labels()
    page.last_message.button(QMessageBox.StandardButton.Yes).click()
    assert ops.wait_all() and page.last_preview is not None
    path = page.last_preview.pdf_path
    assert pdf_text(path)[1] == 2
    # exactly the rows shown: every dispenser of both rooms, not the scales, not the written-off one
    assert _numbers(path) == {f"ДЗ-{k:02d}" for k in range(1, DISPENSERS + 1)}
    page.last_preview.close()


def test_one_sheet_goes_straight_to_the_preview_and_follows_every_filter(window, qtbot, stock):
    lab, _shop, _made = stock
    page = window.show_page("inventory")
    _search(qtbot, page, "дозатор", DISPENSERS)
    page.set_room(lab)
    qtbot.waitUntil(lambda: page.model.total() == DISPENSERS // 2)
    page.written_off.setChecked(True)  # the written-off dispenser is on the screen, so on the sheet
    qtbot.waitUntil(lambda: page.model.total() == DISPENSERS // 2 + 1)
    page.last_preview = page.last_message = None
    page.print_labels()
    assert ops.wait_all() and page.last_preview is not None and page.last_message is None
    shown = {page.model.row(i)["inventory_number"] for i in range(page.model.total())}
    assert _numbers(page.last_preview.pdf_path) == shown
    assert "ДЗ-99" in shown and "ДЗ-02" not in shown and "ВС-1" not in shown
    page.last_preview.close()

    # selected rows still get their own labels, whatever the list shows
    page.table.selectRow(0)
    page.last_preview = None
    page.print_labels()
    assert ops.wait_all() and page.last_preview is not None
    assert _numbers(page.last_preview.pdf_path) == {page.model.row(0)["inventory_number"]}
    page.last_preview.close()


def test_a_list_without_numbers_says_why(window, qtbot, stock):
    page = window.show_page("inventory")
    _search(qtbot, page, "нет такого", 0)
    page.last_preview = page.last_message = None
    page.print_labels()
    assert page.last_preview is None and "нет позиций" in page.last_message.text()
    page.last_message.close()


def test_count_and_the_command_line_take_the_same_selection(stock, tmp_path, capsys, db_path):
    from chemcluster_desktop.reports import labels as rep

    assert report_labels.PER_PAGE == rep.COLS * rep.ROWS
    n = report_labels.count(search="дозатор")
    assert n == {"labels": DISPENSERS, "pages": 2, "selection": "Отбор: поиск «дозатор»"}
    assert report_labels.count(search="дозатор", status="all")["labels"] == DISPENSERS + 1
    res = printing.build("labels", tmp_path / "l.pdf", search="весы")
    assert res.rows == 1 and _numbers(res.path) == {"ВС-1"}
    out = tmp_path / "cli.pdf"
    code = cli.main(["--db", str(db_path), "report", "labels", "-o", str(out), "--search", "дозатор",
                     "--status", "all"])
    assert code == 0, capsys.readouterr().err
    assert len(_numbers(out)) == DISPENSERS + 1
    code = cli.main(["--db", str(db_path), "report", "labels", "-o", str(out), "--status", "broken"])
    err = capsys.readouterr().err
    assert code == 1 and "«broken»" in err and "Traceback" not in err
