"""The accounting statement ф. 0504035 (re-saved by LibreOffice): exactly its assets, closing
quantities, accounts, kinds from the account, the МОЛ of the title block, the chosen room, no junk."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import Workbook

from chemcluster_desktop import cli
from chemcluster_desktop.services import inventory
from chemcluster_desktop.services.errors import FileFormatError, ValidationError
from chemcluster_desktop.services.inventory.importing import ImportRejected
from chemcluster_desktop.services.listing import ListQuery
from tests.inventory.files import STATEMENT, STATEMENT_ROWS, make_statement
from tests.inventory.helpers import room_ids

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL

ROOM = "Лаборатория аналитической химии"


def _closing() -> dict[str, tuple[str, str, Decimal]]:
    out = {}
    for (account, _title), rows in STATEMENT_ROWS.items():
        for name, number, _u, _o, _p, op, deb, cred in rows:
            if op + deb - cred:
                out[name] = (number, account, Decimal(op + deb - cred))
    return out


def test_statement_imports_exactly_its_assets(db):
    pv = inventory.preview_import(STATEMENT, room=ROOM)
    assert pv.report.statement and pv.header_row == 9
    # the closing quantity was chosen among four «количество» columns, and the preview says why
    assert any("Остаток на конец периода количество" in n and "то, что числится сейчас" in n for n in pv.notes)
    assert pv.mapping[11] == "quantity" and pv.mapping[0] == "name" and pv.mapping[1] == "inventory_number"
    rep = inventory.import_inventory(STATEMENT, room=ROOM, strict=True)  # no bad row in a statement
    expected = _closing()
    assert rep.imported == len(expected) == 8 and rep.skipped == []
    assert rep.created_rooms == [ROOM] and rep.responsible == "Петрова Анна Сергеевна"
    reasons = [w for _r, w in rep.ignored]
    assert reasons.count("выбыло в периоде (остаток на конец — 0)") == 2
    assert "строка с номерами граф" in reasons and "итоговая строка «Всего»" in reasons
    assert sum("заголовок счёта" in w for w in reasons) == 3 and sum("Итого" in w for w in reasons) == 3
    assert any("подписи" in w for w in reasons)
    items = {r["name"]: r for r in inventory.list_items(ListQuery(limit=100))}
    assert set(items) == set(expected)  # no «1», no account caption, no subtotal, no signature
    for name, (number, account, qty) in expected.items():
        card = inventory.get_item(items[name]["id"])
        assert card["inventory_number"] == number and card["account"] == account
        assert card["quantity"] == qty and card["room"] == ROOM and card["status"] == "in_use"
        assert card["responsible"] == "Петрова Анна Сергеевна"
    assert items["Спектрофотометр UV-1800"]["kind"] == "equipment"
    assert items["Стол химический лабораторный"]["kind"] == "furniture"
    assert items["Стул лабораторный"]["quantity"] == Decimal(10)  # 12 at the start, 2 disposed of
    assert items["Колба мерная 100 мл"]["kind"] == "consumable"
    assert items["Перчатки нитриловые"]["unit"] == "пар" and items["Перчатки нитриловые"]["cost"] == Decimal("12.5")
    assert items["Мешалка магнитная ММ-5"]["cost"] == Decimal(8500)
    assert ROOM in room_ids()


def test_statement_written_by_openpyxl_reads_the_same(db, tmp_path):
    fresh = make_statement(tmp_path / "fresh.xlsx")
    a = inventory.preview_import(fresh)
    b = inventory.preview_import(STATEMENT)
    assert [(x.row, x.action, x.name, x.quantity) for x in a.actions] == \
        [(x.row, x.action, x.name, x.quantity) for x in b.actions]


def test_bad_files_name_the_sheet_and_write_nothing(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Лист с заметками"
    ws.append(["просто текст"])
    ws.append([1, 2, 3])
    wb.save(tmp_path / "junk.xlsx")
    with pytest.raises(FileFormatError, match="Лист с заметками"):
        inventory.import_inventory(tmp_path / "junk.xlsx")
    # a mapping that leaves out the name
    with pytest.raises(FileFormatError, match="Наименование"):
        inventory.import_inventory(STATEMENT, map_headers=["Наименование нефинансового актива=-"])
    with pytest.raises(ValidationError, match="Нет такого|нет"):
        inventory.import_inventory(STATEMENT, map_headers=["Нет такого столбца=name"])
    with pytest.raises(ValidationError, match="поля «colour» нет"):
        inventory.import_inventory(STATEMENT, map_headers=["Цена=colour"])
    assert inventory.count_items(ListQuery()) == 0


def test_duplicate_number_in_a_file_is_a_bad_row_and_strict_refuses(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Наименование", "Инвентарный номер", "Количество", "Вид"])
    ws.append(["Весы", "ИН-1", 1, "оборудование"])
    ws.append(["Шкаф", "ИН-1", 1, "мебель"])
    wb.save(tmp_path / "dup.xlsx")
    with pytest.raises(ImportRejected):
        inventory.import_inventory(tmp_path / "dup.xlsx", strict=True)
    assert inventory.count_items(ListQuery()) == 0
    rep = inventory.import_inventory(tmp_path / "dup.xlsx")
    assert rep.imported == 1 and rep.skipped[0][0] == 3 and "повторяется" in rep.skipped[0][1]


def test_cli_statement_room_groups_and_json(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")

    def run(*args):
        code = cli.main(["--db", db, *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run("import", "inventory", str(STATEMENT), "--room", ROOM, "--dry-run")
    assert code == 0, err
    assert "L «Остаток на конец периода количество» → Количество" in out
    assert "будет импортировано 8" in out and "выбыло в периоде" in err
    code, out, err = run("import", "inventory", str(STATEMENT), "--room", ROOM, "--groups", "split", "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["imported"] == 8 and res["created"] == 8 and res["dry_run"] is False
    assert res["cards_created"] == 1 + 4 + 1 + 6 + 10 + 1 + 1 + 1
    assert {a["action"] for a in res["actions"]} == {"create"} and res["created_rooms"] == [ROOM]
    assert any(i["reason"] == "строка с номерами граф" for i in res["ignored"])
    code, out, err = run("import", "inventory", str(STATEMENT), "--room", ROOM, "--groups", "split", "--json")
    again = json.loads(out)
    assert again["created"] == 0 and again["updated"] == 8
    with pytest.raises(SystemExit) as e:
        run("import", "inventory", str(STATEMENT), "--groups", "halves")
    assert e.value.code == 2
    code, _out, err = run("import", "inventory", str(STATEMENT), "--map", "Цена=colour")
    assert code == 1 and "colour" in err


def test_two_quantity_columns_the_program_says_which_it_took(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Наименование", "Количество", "Количество фактическое", "Вид"])
    ws.append(["Колба", 10, 8, "расходный материал"])
    wb.save(tmp_path / "two.xlsx")
    pv = inventory.preview_import(tmp_path / "two.xlsx")
    assert pv.mapping[1] == "quantity" and 2 not in pv.mapping
    assert any("«Количество»: взят столбец «Количество» (B), потому что он левее" in n and "(C)" in n
               for n in pv.notes)
    # the person chooses the other one
    rep = inventory.import_inventory(tmp_path / "two.xlsx", map_headers=["Количество фактическое=quantity"])
    assert rep.created == 1 and inventory.list_items(ListQuery())[0]["quantity"] == Decimal(8)
