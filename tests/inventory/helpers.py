"""Helpers of the inventory tests: real .xlsx files made with openpyxl, rooms, quick items."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

HEADER = ["№ п/п", "Инв. №", "Наименование оборудования", "Модель", "Зав. №", "Стоимость, руб.", "Дата ввода",
          "Помещение", "Кол-во", "Ед. изм.", "CAS", "Годен до"]


def make_xlsx(path: Path, rows: list[list], *, header: list[str] | None = HEADER, title_lines: int = 2,
              totals: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Оборудование"
    if title_lines:
        ws.append(["Инвентаризационная ведомость оборудования лабораторий"])
        for _ in range(title_lines - 1):
            ws.append([])
    if header is not None:
        ws.append(header)
    for r in rows:
        ws.append(r)
    if totals:
        ws.append([None, None, "Итого", None, None, "1 000 000,00"])
    wb.save(path)
    return path


def ugly_rows() -> list[list]:
    """Rows with everything people do to spreadsheets; returns data rows (file rows start at 4)."""
    return [
        [1, "ОС-0001", "Весы аналитические", "ВЛ-220М", "1234", "1 234,50", "26.11.2020", "Лаборатория 5", 1, "шт.",
         None, None],  # row 4: Russian number and date
        [2, None, "Шкаф вытяжной", "ШВ-1", None, 125000.5, dt.datetime(2021, 3, 4), "Лаборатория 5", 1, "шт.", None,
         None],  # row 5: real Excel date, float money
        [],  # row 6: empty
        [3, None, "Кислота соляная", "", None, "", "", "Склад реактивов (ауд. 012)", "2,5", "л", "7647-01-0",
         "01.01.2030"],  # row 7: a reagent
        [4, None, "Кислота с плохим CAS", "", None, "", "", "", "1", "л", "7647-01-1", None],  # row 8: bad CAS
        [5, "ОС-0001", "Дубль номера", "", None, "10", "", "", "1", "шт.", None, None],  # row 9: duplicate number
        [6, None, "Перчатки", "", None, "10", "", "Лаборатория 5", "-5", "пар", None, None],  # row 10: negative
        [7, None, "Прибор из будущего", "", None, "10", "01.01.2099", "Лаборатория 5", 1, "шт.", None, None],  # 11
        [8, None, "Колбы", "", None, "много", "", "Лаборатория 5", "12", "шт.", None, None],  # row 12: not a number
    ]


def room_ids() -> dict[str, int]:
    from chemcluster_desktop.services import inventory

    return {r["name"]: r["id"] for r in inventory.rooms()}


def add_room(name: str, responsible: str = "Кузнецова Е. А.") -> int:
    from chemcluster_desktop.services import context
    from chemcluster_desktop.storage.core import Room

    with context.uow() as s:
        r = Room(name=name, kind="laboratory", responsible=responsible)
        s.add(r)
        s.flush()
        return r.id


def equipment(name: str = "Весы аналитические", room_id: int | None = None, **kw) -> int:
    from chemcluster_desktop.services import inventory

    d = {"kind": "equipment", "name": name, "room_id": room_id, "cost": Decimal("96800.00"),
         "serial_number": "SN-1", "commissioned_on": dt.date(2022, 3, 1)}
    d.update(kw)
    return inventory.create_item(d)


def consumable(name: str = "Перчатки нитриловые", qty="100", minimum="50", room_id: int | None = None) -> int:
    from chemcluster_desktop.services import inventory

    return inventory.create_item({"kind": "consumable", "name": name, "quantity": qty, "min_quantity": minimum,
                                  "unit": "пар", "room_id": room_id})


def pdf_text(path) -> tuple[str, int]:
    from pypdf import PdfReader

    r = PdfReader(str(path))
    return "\n".join(p.extract_text() or "" for p in r.pages), len(r.pages)


def type_text(widget, text: str) -> None:
    """Type text as a keyboard (or a scanner in keyboard mode) would, Cyrillic included.

    ``QTest.keyClicks`` handles only ASCII, so each character goes as a key press/release pair
    carrying its text."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = ord(ch.upper()) if ch.isascii() else 0
        for t in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(t, key, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()


def decision(room_ids, *, number="12-инв", chair=("Зайцева Т. П.", "Заместитель директора по АХР"),
             members=(("Лаптева М. С.", "Главный бухгалтер"),), on=None) -> int:
    """A stock-taking decision (ф. 0510439) counting the rooms, with a chair and members who are no МОЛ."""
    import datetime as dt

    from chemcluster_desktop.services.inventory import decisions

    on = on or dt.date.today()
    return decisions.create_decision({
        "number": number, "date": on - dt.timedelta(days=1), "reason": "Плановая инвентаризация",
        "starts_on": on - dt.timedelta(days=1), "ends_on": on + dt.timedelta(days=5), "room_ids": list(room_ids),
        "members": [{"role": "chair", "name": chair[0], "position": chair[1]},
                    *[{"role": "member", "name": n, "position": p} for n, p in members]]})
