"""Demo data of the inventory: a few hundred items across the demo rooms of the Dzerzhinsk college.

Equipment and furniture of the laboratories and workshops, consumables (some below their minimum),
reagents with containers (some expired or expiring, one incompatible pair in one cabinet), a few
movements and one closed stock-taking with a shortage and an unknown item.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.inventory import (
    Item,
    Movement,
    MovementLine,
    ReagentContainer,
    Stocktaking,
    StocktakingLine,
    Substance,
)
from chemcluster_desktop.storage.inventory_paperwork import (
    CommissionMember,
    ResponsiblePerson,
    StocktakingDecision,
)

# (name, model, manufacturer, country, cost, rooms kinds where it lives)
EQUIPMENT = [
    ("Спектрофотометр", "ПЭ-5400УФ", "ЭКОХИМ", "Россия", "186500.00", "lab"),
    ("Хроматограф газовый", "Хроматэк-Кристалл 5000", "СКБ «Хроматэк»", "Россия", "2450000.00", "lab"),
    ("Жидкостный хроматограф", "Хромос ЖХ-301", "Хромос", "Россия", "1890000.00", "lab"),
    ("Иономер лабораторный", "И-160МИ", "Измерительная техника", "Россия", "48900.00", "lab"),
    ("pH-метр", "Эксперт-001", "Эконикс-Эксперт", "Россия", "32400.00", "lab"),
    ("Весы аналитические", "ВЛ-220М", "Госметр", "Россия", "96800.00", "lab"),
    ("Весы лабораторные", "ВК-600", "Масса-К", "Россия", "21300.00", "lab"),
    ("Титратор автоматический", "АТП-02", "Аквилон", "Россия", "312000.00", "lab"),
    ("Фотоколориметр", "КФК-3-01", "ЗОМЗ", "Россия", "87500.00", "lab"),
    ("Рефрактометр", "ИРФ-454 Б2М", "КОМЗ", "Россия", "124000.00", "lab"),
    ("Шкаф сушильный", "ШС-80-01 СПУ", "Смоленское СКТБ СПУ", "Россия", "45600.00", "lab"),
    ("Печь муфельная", "ПМ-8", "ЭКПС-10", "Россия", "67200.00", "lab"),
    ("Шкаф вытяжной", "ШВ-1.5 ЛАБ-PRO", "Лаб-Про", "Россия", "158000.00", "lab"),
    ("Аквадистиллятор", "ДЭ-4-02", "ЭМО", "Россия", "38900.00", "lab"),
    ("Центрифуга лабораторная", "ОПн-8", "Дастан", "Киргизия", "54300.00", "lab"),
    ("Мешалка магнитная", "ММ-5", "Полимикс", "Россия", "12800.00", "lab"),
    ("Колбонагреватель", "ПЭ-4100", "ЭКОХИМ", "Россия", "15600.00", "lab"),
    ("Термостат суховоздушный", "ТС-1/80 СПУ", "Смоленское СКТБ СПУ", "Россия", "62300.00", "lab"),
    ("Микроскоп бинокулярный", "Микромед 3 вар. 2-20", "Микромед", "Россия", "43500.00", "lab"),
    ("Вискозиметр ротационный", "Fungilab Expert", "Fungilab", "Испания", "276000.00", "lab"),
    ("Баня водяная", "ПЭ-4310", "ЭКОХИМ", "Россия", "19700.00", "lab"),
    ("Ноутбук преподавателя", "Aquarius Cmp NS685U", "Аквариус", "Россия", "78900.00", "any"),
    ("Интерактивная панель", "NextPanel 75P", "Next", "Россия", "389000.00", "workshop"),
    ("Принтер 3D", "PICASO 3D Designer XL Pro", "PICASO 3D", "Россия", "425000.00", "additive"),
    ("Рабочая станция", "Aquarius Pro P30 K44", "Аквариус", "Россия", "124500.00", "workshop"),
    ("Лабораторный реактор", "ЛР-5 со стеклянным корпусом", "Техноком", "Россия", "685000.00", "tech"),
    ("Анализатор влажности", "Эвлас-2М", "Сибагроприбор", "Россия", "118000.00", "workshop"),
    ("Экструдер лабораторный", "ЭЛ-25", "Полимермаш", "Россия", "1240000.00", "polymer"),
    ("Пресс гидравлический лабораторный", "ПГЛ-20", "Пресс-Мастер", "Россия", "356000.00", "polymer"),
    ("Газоанализатор переносной", "ГАНК-4", "НПО «Прибор» ГАНК", "Россия", "214000.00", "eco"),
    ("Пробоотборник воздуха", "ПУ-4Э", "Химко", "Россия", "87300.00", "eco"),
]
FURNITURE = [
    ("Стол лабораторный островной", "СЛО-1500", "2021", "48600.00"),
    ("Стол лабораторный пристенный", "СЛП-1200", "2021", "32400.00"),
    ("Стол для весов антивибрационный", "СВА-800", "2022", "27800.00"),
    ("Стул лабораторный на колёсах", "СЛ-1", "2022", "6900.00"),
    ("Шкаф для реактивов", "ШР-2", "2021", "38500.00"),
    ("Шкаф для лабораторной посуды", "ШП-1", "2021", "29400.00"),
    ("Стеллаж металлический", "СМ-5", "2020", "8700.00"),
    ("Доска маркерная", "ДМ-1520", "2022", "7400.00"),
    ("Стол преподавателя", "СП-1400", "2022", "15800.00"),
]
CONSUMABLES = [
    ("Перчатки нитриловые, размер M", "пар", 180, 100),
    ("Перчатки нитриловые, размер L", "пар", 40, 100),
    ("Фильтры бумажные «синяя лента» 90 мм", "уп.", 12, 10),
    ("Фильтры бумажные «белая лента» 110 мм", "уп.", 3, 10),
    ("Пипетки Пастера 3 мл", "шт.", 450, 200),
    ("Колба мерная 100 мл, 2 кл.", "шт.", 24, 10),
    ("Стакан химический 250 мл ТС", "шт.", 36, 20),
    ("Бумага индикаторная универсальная", "уп.", 2, 5),
    ("Пробирка П1-16-150", "шт.", 320, 100),
    ("Халат лабораторный", "шт.", 28, 20),
    ("Очки защитные открытые", "шт.", 15, 20),
    ("Наконечники для дозаторов 200 мкл", "уп.", 9, 4),
    ("Бюретка 25 мл, 1 кл.", "шт.", 14, 10),
    ("Филамент PLA 1,75 мм", "кг", 6, 10),
    ("Вода дистиллированная", "л", 60, 40),
]
# (name, CAS, formula, GHS, H, storage group, unit, place)
REAGENTS = [
    ("Кислота соляная, х.ч.", "7647-01-0", "HCl", "GHS05,GHS07", "H290,H314,H335", "acids", "л", "Шкаф для кислот"),
    ("Кислота серная, х.ч.", "7664-93-9", "H2SO4", "GHS05", "H290,H314", "acids", "л", "Шкаф для кислот"),
    ("Кислота азотная, ч.д.а.", "7697-37-2", "HNO3", "GHS03,GHS05", "H272,H290,H314", "acids", "л",
     "Шкаф для кислот"),
    ("Натрия гидроксид, ч.д.а.", "1310-73-2", "NaOH", "GHS05", "H290,H314", "bases", "кг", "Шкаф для щелочей"),
    ("Аммиак водный 25 %", "1336-21-6", "NH3·H2O", "GHS05,GHS07,GHS09", "H314,H335,H400", "bases", "л",
     "Шкаф для щелочей"),
    ("Калия перманганат, ч.д.а.", "7722-64-7", "KMnO4", "GHS03,GHS07,GHS09", "H272,H302,H410", "oxidisers",
     "кг", "Шкаф № 2"),
    ("Водорода пероксид 30 %", "7722-84-1", "H2O2", "GHS05,GHS07", "H302,H318", "oxidisers", "л", "Шкаф № 3"),
    ("Спирт этиловый ректификованный 96 %", "64-17-5", "C2H5OH", "GHS02,GHS07", "H225,H319", "flammables", "л",
     "Шкаф ЛВЖ"),
    ("Ацетон, ос.ч.", "67-64-1", "C3H6O", "GHS02,GHS07", "H225,H319,H336", "flammables", "л", "Шкаф ЛВЖ"),
    ("Гексан, х.ч.", "110-54-3", "C6H14", "GHS02,GHS07,GHS08,GHS09", "H225,H304,H315,H336,H361,H373,H411",
     "flammables", "л", "Шкаф ЛВЖ"),
    ("Толуол, ч.д.а.", "108-88-3", "C7H8", "GHS02,GHS07,GHS08", "H225,H304,H315,H336,H361,H373", "flammables",
     "л", "Шкаф ЛВЖ"),
    ("Натрия хлорид, х.ч.", "7647-14-5", "NaCl", "", "", "general", "кг", "Шкаф № 1"),
    ("Натрия тиосульфат 5-водный", "10102-17-7", "Na2S2O3·5H2O", "", "", "general", "кг", "Шкаф № 1"),
    ("Калия дихромат, х.ч.", "7778-50-9", "K2Cr2O7", "GHS03,GHS05,GHS06,GHS08,GHS09",
     "H272,H301,H312,H314,H317,H330,H334,H340,H350,H360,H372,H410", "oxidisers", "кг", "Сейф для ядов"),
    ("Фенолфталеин, ч.д.а.", "77-09-8", "C20H14O4", "GHS08", "H341,H350,H361", "general", "г", "Шкаф № 1"),
    ("Трилон Б (динатриевая соль ЭДТА)", "6381-92-6", "C10H14N2Na2O8·2H2O", "GHS07", "H332", "general", "кг",
     "Шкаф № 1"),
    ("Серебра нитрат, ч.д.а.", "7761-88-8", "AgNO3", "GHS03,GHS05,GHS09", "H272,H314,H410", "oxidisers", "г",
     "Сейф для ядов"),
    ("Натрий металлический", "7440-23-5", "Na", "GHS02,GHS05", "H260,H314", "water_reactive", "г",
     "Эксикатор под керосином"),
]


def _kind_tag(room: Room) -> list[str]:
    n = room.name
    tags = ["any"]
    if room.kind == "laboratory" or "анализ" in n:
        tags.append("lab")
    if room.kind == "workshop":
        tags.append("workshop")
    if "Аддитив" in n:
        tags.append("additive")
    if "Химическая технология" in n:
        tags.append("tech")
    if "полимер" in n:
        tags.append("polymer")
    if "окружающей" in n:
        tags.append("eco")
    return tags


def load(s, rng) -> None:
    today = dt.date.today()
    rooms = list(s.scalars(select(Room).order_by(Room.id)))
    if not rooms:
        return
    work_rooms = [r for r in rooms if r.kind in ("laboratory", "workshop")]
    store = next((r for r in rooms if "реактив" in r.name.casefold()), rooms[0])
    equip_store = next((r for r in rooms if "оборудования" in r.name), rooms[-1])
    lab201 = next((r for r in rooms if "201" in r.name), work_rooms[0])
    items = _units_and_stock(s, rng, today, work_rooms, store, equip_store)
    reagent_items = _reagents(s, rng, today, store, lab201)
    _documents(s, today, items, reagent_items, work_rooms)
    _verification(today, items, {r.id for r in work_rooms if r.kind == "workshop"})
    _stocktaking(s, today, items + reagent_items, lab201)
    _positions(s, rooms)


# the demo МОЛ's positions, printed with their signatures on the forms
DEMO_POSITIONS = {"Кузнецова Е. А.": "Заведующий лабораторией аналитической химии",
                  "Орлов Д. С.": "Заведующий лабораторией ФХМА",
                  "Белова Н. И.": "Мастер производственного обучения",
                  "Лебедев А. В.": "Заведующий мастерскими",
                  "Григорьева Т. П.": "Преподаватель"}


def _positions(s, rooms: list[Room]) -> None:
    from chemcluster_desktop.services.inventory.decisions import person_key

    done = set()
    for r in rooms:
        pos = DEMO_POSITIONS.get(r.responsible)
        if pos and r.responsible not in done:
            done.add(r.responsible)
            s.add(ResponsiblePerson(person_key=person_key(r.responsible), name=r.responsible, position=pos))
    s.flush()


def _units_and_stock(s, rng, today: dt.date, work_rooms: list[Room], store: Room, equip_store: Room) -> list[Item]:
    """Equipment and furniture of the working rooms, equipment waiting in the store, consumables."""
    seqs: dict[int, int] = {}

    def number(year: int) -> str:
        seqs[year] = seqs.get(year, 0) + 1
        return f"ХП-{year}-{seqs[year]:06d}"

    items: list[Item] = []
    # equipment: each room gets what fits it
    for room in work_rooms:
        tags = _kind_tag(room)
        fitting = [e for e in EQUIPMENT if e[5] in tags]
        for name, model, maker, country, cost, _tag in rng.sample(fitting, k=min(len(fitting), rng.randint(8, 13))):
            for _k in range(rng.choice((1, 1, 1, 2, 3))):
                year = rng.choice((2019, 2020, 2021, 2022, 2023, 2024, 2025))
                commissioned = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                if commissioned > today:
                    commissioned = today - dt.timedelta(days=30)
                status = rng.choices(("in_use", "repair", "not_commissioned"), (90, 6, 4))[0]
                items.append(Item(kind="equipment", account="101.34", inventory_number=number(year), name=name, model=model,
                                  serial_number=f"{rng.randint(10, 99)}{rng.randint(100000, 999999)}",
                                  manufacturer=maker, country=country, cost=Decimal(cost),
                                  commissioned_on=None if status == "not_commissioned" else commissioned,
                                  status=status, room_id=room.id, responsible=room.responsible,
                                  quantity=Decimal(1), unit="шт."))
    # equipment waiting in the store
    for name, model, maker, country, cost, _tag in EQUIPMENT[:6]:
        items.append(Item(kind="equipment", account="101.34", inventory_number=number(2026), name=name, model=model,
                          serial_number=f"{rng.randint(10, 99)}{rng.randint(100000, 999999)}", manufacturer=maker,
                          country=country, cost=Decimal(cost), status="not_commissioned", room_id=equip_store.id,
                          responsible=equip_store.responsible, quantity=Decimal(1), unit="шт."))
    # furniture
    for room in work_rooms:
        for name, model, year, cost in FURNITURE:
            count = rng.randint(2, 8) if "Стул" in name else rng.randint(0, 3)
            dates = [dt.date(int(year), rng.randint(1, 12), rng.randint(1, 28)) for _k in range(count)]
            if "Стул" in name:
                # identical low-value chairs: one group inventory object per room (ФСБУ 6/2020 п. 10)
                items.append(Item(kind="furniture", inventory_number=number(int(year)), name=name, model=model,
                                  manufacturer="Лаб-Мебель", country="Россия", cost=Decimal(cost),
                                  commissioned_on=min(dates), status="in_use", room_id=room.id,
                                  responsible=room.responsible, quantity=Decimal(count), unit="шт.",
                                  account="101.36"))
                continue
            for d in dates:
                items.append(Item(kind="furniture", inventory_number=number(int(year)), name=name, model=model,
                                  manufacturer="Лаб-Мебель", country="Россия", cost=Decimal(cost),
                                  commissioned_on=d, status="in_use", room_id=room.id, responsible=room.responsible,
                                  quantity=Decimal(1), unit="шт.", account="101.36"))
    # consumables: the store and a few laboratories
    for i, (name, unit, qty, mn) in enumerate(CONSUMABLES):
        for room in (store if i % 3 else equip_store, rng.choice(work_rooms)):
            items.append(Item(kind="consumable", name=name, unit=unit, quantity=Decimal(qty),
                              min_quantity=Decimal(mn), room_id=room.id, responsible=room.responsible,
                              cost=Decimal(rng.randint(20, 900)), status="in_use"))
            qty = max(qty // 3, 1)
            mn = None if mn is None else max(mn // 4, 1)
    s.add_all(items)
    s.flush()
    return items


def _reagents(s, rng, today: dt.date, store: Room, lab201: Room) -> list[Item]:
    """Reagents with containers (some expired or expiring) and one incompatible pair in one cabinet."""
    suppliers = ["ООО «ХимРеактивСнаб»", "АО «ЭКОС-1»", "ООО «Компонент-Реактив»", "ООО «СИГМА-ТЕК»"]
    reagent_items: list[Item] = []
    for idx, (name, cas, formula, ghs, h, group, unit, place) in enumerate(REAGENTS):
        sub = Substance(name=name, cas_number=cas, formula=formula, ghs_pictograms=ghs, h_statements=h,
                        storage_group=group)
        s.add(sub)
        s.flush()
        for room in (store, lab201) if idx % 2 == 0 else (store,):
            item = Item(kind="reagent", name=name, substance_id=sub.id, room_id=room.id,
                        responsible=room.responsible, unit=unit, quantity=Decimal(0), status="in_use",
                        cost=_reagent_price(idx, unit))
            item.substance = sub
            s.add(item)
            s.flush()
            reagent_items.append(item)
            total = Decimal(0)
            for k in range(rng.randint(1, 3)):
                received = today - dt.timedelta(days=rng.randint(60, 900))
                shelf = rng.choice((365, 730, 1095, 1825))
                expires = received + dt.timedelta(days=shelf)
                amount = Decimal(rng.choice((1, 1, 2, 5) if unit != "г" else (25, 50, 100, 250)))
                # a deterministic spread: some expired, some expiring within 30 days
                if (idx + k) % 7 == 0:
                    expires = today - dt.timedelta(days=rng.randint(5, 200))
                elif (idx + k) % 7 == 3:
                    expires = today + dt.timedelta(days=rng.randint(3, 25))
                rc_place = place
                if room.id == lab201.id and group in ("oxidisers", "flammables") and name.startswith(("Калия п",
                                                                                                       "Спирт")):
                    rc_place = "Шкаф № 2"  # the incompatible pair: permanganate next to ethanol
                s.add(ReagentContainer(item_id=item.id, amount=amount, unit=unit, lot=f"{rng.randint(100, 999)}-"
                                       f"{received.year % 100:02d}", supplier=rng.choice(suppliers),
                                       received_on=received,
                                       opened_on=received + dt.timedelta(days=rng.randint(1, 40)) if k == 0 else None,
                                       expires_on=expires, storage_place=rc_place, empty=False))
                total += amount
            item.quantity = total
    # make sure the incompatible pair is there whatever the sample gave
    for name, place_room in (("Калия перманганат, ч.д.а.", lab201), ("Спирт этиловый ректификованный 96 %", lab201)):
        it = next((i for i in reagent_items if i.name == name and i.room_id == place_room.id), None)
        if it is None:
            sub = s.scalar(select(Substance).where(Substance.name == name))
            it = Item(kind="reagent", name=name, substance_id=sub.id, room_id=place_room.id,
                      responsible=place_room.responsible, unit="л", quantity=Decimal(1), status="in_use")
            it.substance = sub
            s.add(it)
            s.flush()
            s.add(ReagentContainer(item_id=it.id, amount=Decimal(1), unit="л", lot="DEMO-1", supplier=suppliers[0],
                                   received_on=today - dt.timedelta(days=100),
                                   expires_on=today + dt.timedelta(days=600), storage_place="Шкаф № 2"))
        else:
            for c in s.scalars(select(ReagentContainer).where(ReagentContainer.item_id == it.id)):
                c.storage_place = "Шкаф № 2"
    s.flush()
    return reagent_items


def _documents(s, today: dt.date, items: list[Item], reagent_items: list[Item], work_rooms: list[Room]) -> None:
    """Receipts for everything, then a transfer, two issues and a write-off."""
    # receipt documents: one per year of commissioning (the history starts with the receipt)
    by_year: dict[int, list[Item]] = {}
    for it in items + reagent_items:
        y = it.commissioned_on.year if it.commissioned_on else today.year
        by_year.setdefault(y, []).append(it)
    for n, (y, its) in enumerate(sorted(by_year.items()), 1):
        on = min(dt.date(y, 12, 20), today)
        mv = Movement(kind="receipt", number=f"ПР-{y}-{n:04d}", date=on,
                      reason="Постановка на учёт (ввод остатков)", created_by="labmanager")
        for it in its:
            mv.lines.append(MovementLine(item_id=it.id, quantity=it.quantity))
        s.add(mv)
    # a transfer, an issue, a write-off
    equipment = [i for i in items if i.kind == "equipment" and i.status == "in_use"]
    moved = equipment[3]
    target = next(r for r in work_rooms if r.id != moved.room_id)
    mv = Movement(kind="transfer", number=f"ПМ-{today.year}-0001", date=today - dt.timedelta(days=40),
                  from_room_id=moved.room_id, to_room_id=target.id, reason="Оснащение мастерской к демоэкзамену",
                  created_by="labmanager")
    mv.lines.append(MovementLine(item_id=moved.id, quantity=Decimal(1)))
    moved.room_id = target.id
    moved.responsible = target.responsible
    s.add(mv)
    laptop = next((i for i in equipment if i.name.startswith("Ноутбук")), equipment[5])
    laptop.issued_to = "Соколова Марина Павловна"
    mv = Movement(kind="issue", number=f"ВД-{today.year}-0001", date=today - dt.timedelta(days=12),
                  from_room_id=laptop.room_id, person=laptop.issued_to, reason="Для проведения профпроб 8-х классов",
                  created_by="labmanager")
    mv.lines.append(MovementLine(item_id=laptop.id, quantity=Decimal(1)))
    s.add(mv)
    old = equipment[7]
    old.status = "written_off"
    mv = Movement(kind="write_off", number=f"СП-{today.year}-0001", date=today - dt.timedelta(days=20),
                  from_room_id=old.room_id, reason="Неисправен, ремонт экономически нецелесообразен (акт № 14)",
                  created_by="labmanager")
    mv.lines.append(MovementLine(item_id=old.id, quantity=Decimal(1)))
    s.add(mv)
    gloves = next(i for i in items if i.kind == "consumable")
    gloves.quantity = gloves.quantity - Decimal(20)
    mv = Movement(kind="issue", number=f"ВД-{today.year}-0002", date=today - dt.timedelta(days=3),
                  from_room_id=gloves.room_id, person="Орлов Д. С.", reason="Практикум группы ХА-21",
                  created_by="labmanager")
    mv.lines.append(MovementLine(item_id=gloves.id, quantity=Decimal(20)))
    s.add(mv)
    s.flush()


def _reagent_price(idx: int, unit: str) -> Decimal:
    """The price of one unit of measure of a reagent (₽ per gram, per litre …), steady across runs."""
    if unit == "г":
        return Decimal("0.85") + Decimal(idx % 9) * Decimal("0.45")
    return Decimal(320 + (idx * 137) % 900)


# measuring instruments (средства измерения) of the demo: verified yearly, the weights every year, the
# viscometer every two; the spread gives a few due within 30 days and one overdue
MEASURING = {"Весы аналитические": 12, "Весы лабораторные": 12, "pH-метр": 12, "Иономер лабораторный": 12,
             "Фотоколориметр": 12, "Спектрофотометр": 12, "Рефрактометр": 12, "Титратор автоматический": 12,
             "Вискозиметр ротационный": 24, "Газоанализатор переносной": 12, "Анализатор влажности": 12}
# equipment with scheduled maintenance (months between visits)
MAINTAINED = {"Шкаф вытяжной": 6, "Печь муфельная": 12, "Центрифуга лабораторная": 12, "Хроматограф газовый": 6,
              "Жидкостный хроматограф": 6, "Шкаф сушильный": 12}


def _verification(today: dt.date, items: list[Item], workshop_rooms: set[int]) -> None:
    """Verification and maintenance dates: most current, a few running out within a month, and the
    verification of one workshop's laboratory scales 12 days overdue (so readiness shows it)."""
    expired = next((it for it in items if it.name == "Весы лабораторные" and it.room_id in workshop_rooms), None)
    m = k = 0
    for it in items:
        if it.kind != "equipment":
            continue
        months = MEASURING.get(it.name)
        if months and it.status != "not_commissioned":
            m += 1
            # days left until the verification runs out: the scales 12 days overdue, three run out
            # within the month, the rest later in the year
            left = -12 if it is expired else {1: 9, 5: 21, 9: 27}.get(m, 45 + (m * 37) % 300)
            due = today + dt.timedelta(days=left)
            verified = dt.date(due.year - months // 12, due.month, min(due.day, 28))
            it.measuring = True
            it.verification_months = months
            it.verified_on = verified
            it.verification_certificate = f"С-ВЯ/{verified:%d-%m-%Y}/{410000 + m * 173}"
        months = MAINTAINED.get(it.name)
        if months and it.status == "in_use":
            k += 1
            it.maintenance_months = months
            # one visit falls within the fortnight, the others months away
            it.maintained_on = today - dt.timedelta(days=months * 30 - (12 if k == 3 else 60 + k * 9))


def _stocktaking(s, today: dt.date, all_items: list[Item], lab201: Room) -> None:
    """One closed stock-taking of the analytical chemistry laboratory: a shortage and an unknown item,
    by a decision (ф. 0510439) whose commission has a chair and members with positions."""
    started = today - dt.timedelta(days=7)
    dec = StocktakingDecision(number="47-инв", date=started - dt.timedelta(days=3),
                              reason="Плановая инвентаризация по графику учреждения", starts_on=started,
                              ends_on=started + dt.timedelta(days=5), room_ids=[lab201.id],
                              accounts="101.34, 101.36, 105.36, забалансовый счёт 21")
    dec.members = [
        CommissionMember(role="chair", name="Зайцева Т. П.", position="Заместитель директора по АХР", position_no=0),
        CommissionMember(role="member", name="Лаптева М. С.", position="Главный бухгалтер", position_no=1),
        CommissionMember(role="member", name="Орлов Д. С.", position="Заведующий лабораторией ФХМА",
                         position_no=2)]
    s.add(dec)
    s.flush()
    st = Stocktaking(room_id=lab201.id, number=f"ИНВ-{today.year}-001", started_on=started,
                     closed_at=utcnow() - dt.timedelta(days=6), status="closed",
                     commission="Зайцева Т. П.\nЛаптева М. С.\nОрлов Д. С.", decision_id=dec.id)
    s.add(st)
    s.flush()
    in_room = [i for i in all_items if i.room_id == lab201.id and i.status != "written_off"]
    missing = next((i for i in in_room if i.kind == "furniture"), None)
    for it in in_room:
        found = it.quantity if it is not missing else Decimal(0)
        s.add(StocktakingLine(stocktaking_id=st.id, item_id=it.id, expected_quantity=it.quantity,
                              found_quantity=found, scanned_at=utcnow() - dt.timedelta(days=7) if found else None))
    s.add(StocktakingLine(stocktaking_id=st.id, item_id=None, expected_quantity=Decimal(0), found_quantity=Decimal(1),
                          unknown_description="Штатив лабораторный ШЛБ без инвентарного номера",
                          scanned_at=utcnow() - dt.timedelta(days=7), estimate=Decimal("2350.00")))
    s.flush()
