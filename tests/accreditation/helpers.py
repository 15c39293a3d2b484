"""Infrastructure list files of several real-looking shapes, made with openpyxl, and a workshop with
inventory to match against."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

SAMPLE = Path("/work/shared/samples/infrastructure-list-sample.xlsx")


def shape_sample(path: Path) -> Path:
    """Like the shared sample: table from column B, merged section rows with scope words, «3 шт.»."""
    wb = Workbook()
    ws = wb.active
    ws.title = "ИЛ"
    ws["B1"] = "Инфраструктурный лист для оснащения площадки 2026"
    ws.merge_cells("B1:F1")
    ws["B2"] = "Компетенция «Лабораторный химический анализ»"
    ws.merge_cells("B2:F2")
    ws.append([])
    ws.append([None, "№", "Наименование", "Ссылка на сайт с тех. характеристиками либо тех. характеристики",
               "Количество", "Примечание"])
    rows = [
        ("РАБОЧАЯ ПЛОЩАДКА УЧАСТНИКОВ (оборудование на 1 участника)",),
        (1, "Весы электронные лабораторные", "НПВ 300 г, d = 0,01 г", "1 шт.", None),
        (2, "Плитка нагревательная", "Мощность не менее 600 Вт", "1 шт.", None),
        (3, "Колба коническая 100 мл", "ГОСТ 25336-82", "3 шт.", "термостойкое стекло"),
        ("РАСХОДНЫЕ МАТЕРИАЛЫ (на 1 участника)",),
        (4, "Перчатки латексные", "размер M", "1 пара", None),
        ("ОБЩАЯ ИНФРАСТРУКТУРА КОНКУРСНОЙ ПЛОЩАДКИ (на всех участников)",),
        (5, "Шкаф вытяжной", "Ширина не менее 1200 мм", "1 шт.", None),
        (6, "Огнетушитель", "порошковый ОП-4", "2 шт.", "у выхода"),
        ("КОМНАТА ЭКСПЕРТОВ",),
        (7, "Стол", None, "2 шт.", None),
        (8, "Стул", None, "4 шт.", None),
    ]
    for r in rows:
        ws.append([None, *r])
        if len(r) == 1:
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=6)
    wb.save(path)
    return path


def shape_columns(path: Path) -> Path:
    """Other order and names: quantity before name, a separate unit column, a «на 1 рабочее место /
    на всех» column, title lines, blank rows, a note row, wrapped text, a repeated header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Лист1"
    ws.append(["УТВЕРЖДАЮ"])
    ws.append(["Инфраструктурный лист"])
    ws.append(["Компетенция: Охрана окружающей среды"])
    ws.append([])
    ws.append(["№ п/п", "Кол-во", "Ед. изм.", "Наименование оборудования", "Технические характеристики",
               "На 1 рабочее место / на всех", "Комментарий"])
    ws.append(["Охрана труда", None, None, None, None, None, None])
    ws.append(["1.", 1, "шт", "Аптечка первой помощи", "", "на всех", ""])
    ws.append(["2.", 1, "шт.", "Очки защитные", "Открытые", "на 1 рабочее место", ""])
    ws.append([])
    ws.append(["Зона экспертов", None, None, None, None, None, None])
    ws.append([3, "2", "шт.", "Стол\nписьменный", "1200×600\nмм", "на всех", None])
    ws.append([4, "0,5", "л", "Спирт этиловый", "ректификат", "на 1 раб. место", None])
    ws.append(["№ п/п", "Кол-во", "Ед. изм.", "Наименование оборудования", "Технические характеристики",
               "На 1 рабочее место / на всех", "Комментарий"])
    ws.append([5, "много", "шт.", "Пробоотборник", "", "на всех", None])
    ws.append([6, None, None, "Шумомер", "класс 2", "на всех", None])
    ws.append(["Примечание: оборудование может быть заменено аналогом."])
    ws["D11"].alignment = Alignment(wrap_text=True)
    wb.save(path)
    return path


def shape_restart(path: Path) -> Path:
    """Numbering restarts in each section; the quantity header says «на 1 рабочее место»; two sheets
    (the first is a cover)."""
    wb = Workbook()
    cover = wb.active
    cover.title = "Титул"
    cover["A1"] = "Химические технологии — инфраструктурный лист 2025"
    ws = wb.create_sheet("Перечень")
    ws.append(["Наименование", "Характеристики", "Количество на 1 рабочее место", "Единица измерения", "№"])
    ws.append(["Оборудование на 1 рабочее место"])
    ws.append(["Термометр электронный", "−50…+300 °C", 1, "шт.", 1])
    ws.append(["Секундомер", "", 1, "шт.", 2])
    ws.append(["Склад"])
    ws.append(["Стеллаж металлический", "5 полок", "2", "шт.", 1])
    ws["A1"].font = Font(bold=True)
    wb.save(path)
    return path


def not_a_list(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Фамилия", "Имя", "Класс"])
    ws.append(["Иванов", "Пётр", "8А"])
    wb.save(path)
    return path


def no_quantities(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Наименование", "Характеристики"])
    ws.append([1, "Весы", "НПВ 200 г"])
    ws.append([2, "Плитка", ""])
    wb.save(path)
    return path


def duplicate_numbers(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Наименование", "Количество"])
    ws.append([1, "Весы", 1])
    ws.append([2, "Плитка", 1])
    ws.append([2, "Колба", 3])
    wb.save(path)
    return path


def jpeg(w: int = 64, h: int = 48, color=(120, 160, 200)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (w, h), color).save(buf, "JPEG")
    return buf.getvalue()


def png(w: int = 64, h: int = 48) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (w, h), (200, 100, 50)).save(buf, "PNG")
    return buf.getvalue()


ROOM_ITEMS = [
    ("Весы лабораторные электронные ВЛ-124", "equipment", 1),
    ("Весы лабораторные электронные ВЛ-124", "equipment", 1),
    ("Весы лабораторные электронные ВЛ-124", "equipment", 1),
    ("Плитка электрическая ПЭ-600", "equipment", 1),
    ("Колбы конические 100мл, Кн-1-100", "consumable", 20),
    ("Перчатки латексные, размер М", "consumable", 10),
    ("Шкаф вытяжной ЛАБ-1200 ШВ", "furniture", 1),
    ("Огнетушитель ОП-4(з)", "equipment", 1),
    ("Стол письменный", "furniture", 1),
    ("Стол письменный", "furniture", 1),
    ("Стул офисный", "furniture", 4),
    ("Стол лабораторный островной", "furniture", 1),
]


def workshop_with_items(name: str = "Мастерская ЛХА", workplaces: int = 3, tmp: Path | None = None,
                        items=ROOM_ITEMS) -> int:
    """Imports the sample-shaped list, adds a room with items and a workshop over it; returns its id."""
    from chemcluster_desktop.services import accreditation as acc
    from chemcluster_desktop.services.context import uow
    from chemcluster_desktop.storage.core import Room
    from chemcluster_desktop.storage.inventory import Item

    assert tmp is not None
    acc.import_infrastructure_list(shape_sample(tmp / "il.xlsx"), "Лабораторный химический анализ")
    with uow() as s:
        r = Room(name=f"Ауд. {name}", kind="workshop", responsible="Орлов Д. С.", area_m2="96")
        s.add(r)
        s.flush()
        for n, kind, q in items:
            s.add(Item(kind=kind, name=n, quantity=Decimal(q), room_id=r.id))
        rid = r.id
    return acc.create_workshop(dict(name=name, rooms=[rid], competency="Лабораторный химический анализ",
                                    workplaces=workplaces))


def shape_two_quantity_columns(path: Path) -> Path:
    """«Кол-во на 1 рабочее место» and «Кол-во на всех участников» side by side; sections without words."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Перечень оборудования. Компетенция «Химические технологии». 2027 год"])
    ws.append(["№", "Наименование", "Характеристика", "Ед. изм.", "Кол-во на 1 рабочее место",
               "Кол-во на всех участников"])
    ws.append(["Оборудование"])
    ws.append([1, "Термометр электронный", "−50…+300 °C", "шт.", 1, None])
    ws.append([2, "Тренажёр-имитатор", "АСУ ТП", "шт.", None, 1])
    ws.append(["Комната экспертов"])
    ws.append([3, "Ноутбук", "", "шт.", 1, None])
    wb.save(path)
    return path
