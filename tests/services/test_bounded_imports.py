"""Bounded resources on hostile files (issue 19, findings 6 and 12): every importer streams the file and
stops at its limits before reading the rest — peak memory of the whole program stays under 300 MB and the
person gets a clear refusal; only visible sheets are read and the sheet used is reported; an inventory
list is not taken for an infrastructure list.

The files are generated here (tests/hostile_xlsx.py). CI runs the short form; ``CHEMCLUSTER_SOAK=1``
makes them the size of the files of the attack (tens of megabytes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chemcluster_desktop.services import accreditation, context, inventory
from chemcluster_desktop.services.errors import FileFormatError, ServiceError
from tests.hostile_xlsx import random_rows, write_book

ROOT = Path(__file__).resolve().parents[2]
SOAK = os.environ.get("CHEMCLUSTER_SOAK") == "1"
PEAK_MB = 300

MEASURE = """
import resource, sys
from chemcluster_desktop.services import context
context.open_database(sys.argv[1], backup_before_upgrade=False)
context.set_actor(context.Actor("admin", "admin"))
kind, path = sys.argv[2], sys.argv[3]
try:
    if kind == "infra":
        from chemcluster_desktop.services import accreditation
        accreditation.import_infrastructure_list(path, "Лабораторный химический анализ", year=2026)
    else:
        from chemcluster_desktop.services import inventory
        inventory.import_inventory(path)
    print("accepted")
except Exception as e:
    print("refused", type(e).__name__, str(e).replace("\\n", " "))
try:  # this process's own high-water mark (ru_maxrss keeps the forking parent's peak across exec on Linux)
    peak = next(int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmHWM:")) // 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print("peak_mb", peak)
"""


def _measure(db_path: Path, kind: str, path: Path, home: Path) -> tuple[str, int]:
    env = dict(os.environ, CHEMCLUSTER_HOME=str(home), PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-c", MEASURE, str(db_path), kind, str(path)], capture_output=True, text=True,
                       env=env, cwd=str(ROOT), timeout=600)
    lines = r.stdout.splitlines()
    assert len(lines) == 2, (r.stdout, r.stderr)
    return lines[0], int(lines[1].split()[1])


@pytest.mark.soak
@pytest.mark.sqlite_only
@pytest.mark.skipif(sys.platform == "win32", reason="resource")
def test_huge_infrastructure_list_refused_in_bounded_memory(db, db_path, tmp_path):
    rows = 400_000 if SOAK else 80_000  # main: 80k rows took ~400 MB, 150k rows 708 MB and 52 s
    path = write_book(tmp_path / "infra.xlsx", [("Лист1", random_rows(
        rows, 10, header=["№", "Наименование", "Количество", "Ед. изм.", "Характеристики", "a", "b", "c", "d", "e"]),
        "visible")])
    answer, peak = _measure(db_path, "infra", path, tmp_path / "h")
    assert answer.startswith("refused") and "больше 20000 строк" in answer, answer
    assert peak <= PEAK_MB, f"peak {peak} MB for a {path.stat().st_size // 2**20} MB file"


@pytest.mark.soak
@pytest.mark.sqlite_only
@pytest.mark.skipif(sys.platform == "win32", reason="resource")
def test_shared_strings_bomb_refused_in_bounded_memory(db, db_path, tmp_path):
    n = 3_000_000 if SOAK else 1_200_000
    path = write_book(tmp_path / "inv.xlsx", [("Инвентарь", [["Наименование", "Количество"], ["Колба", 1]],
                                               "visible")], shared_strings=(f"{i:x}" for i in range(n)))
    answer, peak = _measure(db_path, "inventory", path, tmp_path / "h")
    assert answer.startswith("refused") and "слишком много разных текстов" in answer, answer
    assert peak <= PEAK_MB, f"peak {peak} MB"


GOOD_INFRA = [["Инфраструктурный лист компетенции «Лабораторный химический анализ» 2026"], [],
              ["№", "Наименование", "Характеристики", "Количество", "Ед. изм."],
              [1, "Весы аналитические", "до 220 г", 1, "шт."],
              [2, "Колба мерная", "100 мл", 4, "шт."]]
DECOY = [["№", "Наименование", "Характеристики", "Количество", "Ед. изм."],
         [1, "Скрытая позиция", "—", 99, "шт."]]


def test_hidden_first_sheet_is_not_imported_and_the_sheet_is_named(db, tmp_path, capsys):
    path = write_book(tmp_path / "list.xlsx", [("Служебный", DECOY, "hidden"), ("Лист компетенции", GOOD_INFRA,
                                                                                "visible")])
    rep = accreditation.import_infrastructure_list(path, "Лабораторный химический анализ", year=2026,
                                                   dry_run=True)
    assert rep.sheet == "Лист компетенции" and rep.imported == 2
    from chemcluster_desktop.cli import main

    db_file = str(context.current().path) if context.current().path else None
    if db_file:  # the command line tells which sheet it read
        context.close_database()
        assert main(["--db", db_file, "import", "infrastructure-list", str(path), "--competency",
                     "Лабораторный химический анализ"]) == 0
        assert "«Лист компетенции»" in capsys.readouterr().out
        context.open_database(db_file)
    inv = write_book(tmp_path / "inv.xlsx", [("Старое", [["Наименование", "Количество"], ["Из скрытого", 1]],
                                              "hidden"),
                                             ("Опись", [["Наименование", "Количество"], ["Колба видимая", 2]],
                                              "visible")])
    preview = inventory.preview_import(inv)
    shown = [v for _row, values in preview.rows for v in values]
    assert "Колба видимая" in shown and "Из скрытого" not in shown


def test_only_hidden_sheets_refused(db, tmp_path):
    path = write_book(tmp_path / "list.xlsx", [("Служебный", GOOD_INFRA, "hidden")])
    with pytest.raises(ServiceError, match="видимых"):
        accreditation.import_infrastructure_list(path, "Лабораторный химический анализ", year=2026)


def test_inventory_list_with_a_model_column_is_not_an_infrastructure_list(db, tmp_path):
    path = write_book(tmp_path / "opis.xlsx", [("Опись", [
        ["Инв. №", "Наименование", "Модель", "Количество", "Стоимость"],
        ["ОС-1", "Весы аналитические", "ВЛ-220М", 1, 96800],
        ["ОС-2", "Шкаф вытяжной", "ШВ-1", 1, 125000]], "visible")])
    with pytest.raises(FileFormatError, match="инвентарную опись"):
        accreditation.import_infrastructure_list(path, "Лабораторный химический анализ", year=2026)
