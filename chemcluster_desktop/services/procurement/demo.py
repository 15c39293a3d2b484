"""Demo data of the procurement area: the four funding sources of the 396.6 mln ₽ project, eight
suppliers from the region (ИНН with true check digits), about 25 needs (some from the accreditation
demo's checklist gaps), commercial offers (one need with prices too far apart), plan-schedule lines at
every stage of the road, contracts with payment stages, one delivery accepted onto the inventory and
one waiting for acceptance. Runs inside the demo's single transaction; deterministic from ``rng``
(dates are counted back from today so that the offers stay fresh)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import exists, select

from chemcluster_desktop.services.context import Actor
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement._common import SOURCE_NAMES
from chemcluster_desktop.services.procurement.contracts import _create_contract, _mark_paid
from chemcluster_desktop.services.procurement.deadlines import working_calendar
from chemcluster_desktop.services.procurement.deliveries import _accept_delivery, _create_delivery
from chemcluster_desktop.services.procurement.inn import complete_inn
from chemcluster_desktop.services.procurement.needs import _create_need, _need_from_checklist_line
from chemcluster_desktop.services.procurement.offers import _add_offer
from chemcluster_desktop.services.procurement.plan import _advance, _create_plan_line
from chemcluster_desktop.services.procurement.price_requests import _create_price_request
from chemcluster_desktop.services.procurement.rules import SINGLE_P5, is_working_day
from chemcluster_desktop.services.procurement.sources import _save_source
from chemcluster_desktop.services.procurement.suppliers import _create_supplier
from chemcluster_desktop.storage.accreditation import (
    ChecklistLine,
    ChecklistLink,
    InfrastructureLine,
)
from chemcluster_desktop.storage.core import Room, Setting
from chemcluster_desktop.storage.procurement import Contract, Need, PlanLine

# The card gives the total (~396.6 mln ₽) and the grant cap (100 mln ₽); the rest is split believably.
SOURCES = [
    ("federal", "100000000.00"),
    ("regional", "196600000.00"),
    ("employer", "70000000.00"),
    ("own", "30000000.00"),
]

# The college's total annual volume of purchases (СГОЗ, ст. 3 п. 16 44-ФЗ) for the small-purchase limits of
# ст. 93. The card gives no figure for it; it is made of what the card does give: the federal and regional
# money of the project (100 + 196.6 mln ₽, item 8) is spent by the college as a 44-ФЗ customer over the
# project's two years (item 6: 2023–2024), about 148 mln ₽ a year, plus the college's ordinary purchases
# (utilities, food, repairs, services: not in the card, taken as about 2 mln ₽ a month). Without it the
# limit's base was the year's plan-schedule alone, and the first п. 5 purchase of a small plan was
# refused (50 % of its own price). With it: п. 5 — 30 mln ₽ a year (the cap), п. 4 — 15 mln ₽.
ANNUAL_VOLUME = "172000000.00"

# (name, first 9 digits of the ИНН, КПП, contact, e-mail, phone, address)
SUPPLIERS = [
    ("ООО «ЛабТехСнаб»", "524901234", "524901001", "Кравцов Илья Петрович", "sales@labtehsnab.ru", "+7 (8313) 25-14-07",
     "г. Дзержинск, ул. Октябрьская, 54"),
    ("ООО «Химприбор-НН»", "526012345", "526001001", "Соколова Анна Юрьевна", "info@himpribor-nn.ru",
     "+7 (831) 412-33-90", "г. Нижний Новгород, ул. Родионова, 165"),
    ("АО «Аналитприбор Волга»", "526001234", "526001001", "Гусев Павел Андреевич", "tender@analit-volga.ru",
     "+7 (831) 220-45-18", "г. Нижний Новгород, Казанское ш., 12"),
    ("ООО «Сигма-Оборудование»", "770708389", "770701001", "Лаптева Марина Олеговна", "zakaz@sigma-ob.ru",
     "+7 (495) 788-12-40", "г. Москва, ул. Профсоюзная, 65"),
    ("ООО «ДзержинскХимСервис»", "524905555", "524901001", "Ерохин Виктор Сергеевич", "dhs@dzhs.ru",
     "+7 (8313) 39-02-11", "г. Дзержинск, пр. Ленина, 87"),
    ("ООО «Учебная техника НН»", "526200987", "526201001", "Белкина Ольга Николаевна", "uchtech@mail.ru",
     "+7 (831) 437-55-61", "г. Нижний Новгород, ул. Белинского, 32"),
    ("ООО «ПромЛабМебель»", "524900111", "524901001", "Шарапов Денис Игоревич", "mebel@promlab.ru",
     "+7 (8313) 26-77-30", "г. Дзержинск, Восточное ш., 3"),
    ("ООО «ТехноКомплект»", "503112233", "503101001", "Назарова Елена Викторовна", "tk@technokomplekt.ru",
     "+7 (495) 640-18-29", "Московская обл., г. Балашиха, ш. Энтузиастов, 7"),
]

# key, name, specification, quantity, unit, ОКПД2, room keyword, base unit price, law
NEEDS = [
    ("uvvis", "Спектрофотометр УФ-видимого диапазона", "Двухлучевой, 190–1100 нм, ширина щели 1 нм, ПО для "
     "кинетики", "2", "шт.", "26.51.53.140", "физико-химических", "1250000", "44-ФЗ"),
    ("gc", "Газовый хроматограф с пламенно-ионизационным детектором", "Капиллярная колонка, автосамплер на 100 "
     "виал, генератор водорода", "1", "шт.", "26.51.53.110", "физико-химических", "4800000", "44-ФЗ"),
    ("hplc", "Жидкостный хроматограф (ВЭЖХ)", "Градиентный насос, УФ-детектор с диодной матрицей, термостат "
     "колонок", "1", "шт.", "26.51.53.110", "физико-химических", "7900000", "44-ФЗ"),
    ("titr", "Титратор автоматический потенциометрический", "Бюретка 20 мл, мешалка, комплект электродов",
     "3", "шт.", "26.51.53.190", "Лабораторный химический анализ", "640000", "44-ФЗ"),
    ("ph", "pH-метр-иономер лабораторный", "Диапазон pH 0–14, погрешность ±0,01, термокомпенсация", "12", "шт.",
     "26.51.53.190", "Лабораторный химический анализ", "48500", "44-ФЗ"),
    ("scales", "Весы аналитические", "НПВ 220 г, дискретность 0,0001 г, внутренняя калибровка", "12", "шт.",
     "28.29.31.110", "Лабораторный химический анализ", "165000", "44-ФЗ"),
    ("hood", "Шкаф вытяжной лабораторный 1500 мм", "Столешница из керамогранита, подвод воды и газа, "
     "освещение", "6", "шт.", "28.25.12.190", "органической химии", "385000", "44-ФЗ"),
    ("still", "Аквадистиллятор ДЭ-10", "Производительность 10 л/ч, автоматическое отключение", "2", "шт.",
     "28.29.12.110", "аналитической химии", "92000", "44-ФЗ"),
    ("muffle", "Печь муфельная ЭКПС-10", "До 1100 °С, программируемый регулятор", "2", "шт.", "28.21.13.119",
     "аналитической химии", "118000", "44-ФЗ"),
    ("dryer", "Шкаф сушильный ШС-80", "До 350 °С, объём 80 л, принудительная конвекция", "3", "шт.",
     "28.21.13.119", "аналитической химии", "74000", "44-ФЗ"),
    ("stirrer", "Мешалка магнитная с подогревом", "До 340 °С, 1500 об/мин, объём до 20 л", "12", "шт.",
     "28.29.50.000", "Технологии химического анализа", "38500", "44-ФЗ"),
    ("centr", "Центрифуга лабораторная", "До 6000 об/мин, ротор 12 × 15 мл", "2", "шт.", "28.29.12.190",
     "Технологии химического анализа", "210000", "44-ФЗ"),
    ("rotavap", "Ротационный испаритель", "Колба 1 л, водяная баня, вакуумный насос", "2", "шт.", "28.29.60.000",
     "органической химии", "690000", "44-ФЗ"),
    ("kfk", "Фотоколориметр КФК-3", "315–990 нм, кюветы 10–50 мм", "4", "шт.", "26.51.53.140",
     "аналитической химии", "135000", "44-ФЗ"),
    ("refr", "Рефрактометр ИРФ-454 Б2М", "nD 1,2–1,7, погрешность 0,0002", "3", "шт.", "26.70.23.190",
     "физико-химических", "158000", "44-ФЗ"),
    ("visc", "Вискозиметр ротационный", "Диапазон 1–2·10⁶ мПа·с, набор шпинделей", "2", "шт.", "26.51.66.190",
     "Производство полимеров", "280000", "223-ФЗ"),
    ("panel", "Интерактивная панель 86\"", "4K, мультитач 20 касаний, мобильная стойка", "4", "шт.",
     "26.20.17.110", "Химическая технология", "455000", "44-ФЗ"),
    ("laptop", "Ноутбук преподавателя", "15,6\", Core i5, 16 ГБ ОЗУ, SSD 512 ГБ, ОС из реестра", "12", "шт.",
     "26.20.11.110", "Кабинет заведующего", "92000", "44-ФЗ"),
    ("printer3d", "3D-принтер FDM", "Область печати 300 × 300 × 400 мм, закрытая камера", "4", "шт.",
     "28.99.39.190", "Аддитивные технологии", "185000", "223-ФЗ"),
    ("bench", "Стол лабораторный островной", "3000 × 1500 мм, керамогранит, стеллаж с розетками", "10", "шт.",
     "31.01.12.160", "Лабораторный химический анализ", "98000", "44-ФЗ"),
    ("cabinet", "Шкаф металлический для хранения реактивов", "С вентиляцией, 2 секции, поддоны", "4", "шт.",
     "31.01.11.150", "Склад реактивов", "76000", "44-ФЗ"),
    ("cond", "Кондуктометр лабораторный", "0–200 мСм/см, термокомпенсация", "6", "шт.", "26.51.53.190",
     "Охрана окружающей среды", "52000", "44-ФЗ"),
    ("moist", "Анализатор влажности термогравиметрический", "НПВ 120 г, нагрев галогеном до 200 °С", "2", "шт.",
     "26.51.53.190", "Производство полимеров", "310000", "223-ФЗ"),
    ("rect", "Учебная пилотная установка ректификации", "Колонна 2 м, АСУ ТП на ПЛК, тренажёр оператора",
     "1", "шт.", "28.99.39.190", "Химическая технология", "5600000", "44-ФЗ"),
]

# need key -> explicit unit prices (the need whose prices pull apart: CV > 33 %)
SPREAD = {"rect": ["3900000.00", "5600000.00", "8700000.00"]}
STALE = "refr"  # one offer older than six months

# how many days ago each need's plan line has its price justified: the offers are dated before it
JUSTIFIED_AGO = {"titr": 200, "ph": 200, "scales": 200, "gc": 170, "hplc": 170, "hood": 160, "bench": 160,
                 "cabinet": 160, "printer3d": 110, "visc": 110, "moist": 110, "still": 50, "muffle": 50, "dryer": 50,
                 "centr": 50, "panel": 30, "laptop": 30, "rotavap": 85, "cond": 40}
# ОКПД2 of the positions the accreditation gaps bring (the first matching word)
GAP_OKPD2 = [(("колба", "пипетка", "бюретка", "стакан", "цилиндр", "воронка", "чашка", "пробирка"), "23.19.23.110"),
             (("весы",), "28.29.31.110"), (("плитка",), "27.51.28.110"), (("ph", "иономер"), "26.51.53.190"),
             (("шкаф",), "31.01.12.160"), (("мешалка",), "28.29.50.000"), (("стол",), "31.01.12.160")]


def _k(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _price(base: Decimal, rng) -> Decimal:
    k = Decimal(900 + rng.randint(0, 220)) / 1000  # −10 % … +12 %
    return (base * k).quantize(Decimal("10"), rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


# believable unit prices for the items the accreditation gaps usually name (first matching word)
GAP_PRICES = [
    (("колба", "пипетка", "бюретка", "стакан", "цилиндр", "воронка", "чашка", "пробирка"), "650"),
    (("весы",), "46000"), (("плитка",), "12500"), (("ph", "иономер"), "38000"), (("шкаф",), "125000"),
    (("мешалка",), "36000"), (("дистиллятор",), "90000"), (("стол",), "65000"), (("спектрофотометр",), "980000"),
    (("титратор",), "520000"), (("термометр",), "2500"), (("аптечка",), "3500"), (("огнетушитель",), "4200"),
]


def _gap_price(name: str) -> Decimal:
    low = name.casefold()
    for words, price in GAP_PRICES:
        if any(w in low for w in words):
            return Decimal(price)
    return Decimal("18500")


def _room(s, keyword: str, rooms: list[Room]) -> int | None:
    for r in rooms:
        if keyword.casefold() in r.name.casefold():
            return r.id
    return rooms[0].id if rooms else None


def _gap_lines(s, limit: int) -> list[int]:
    """Checklist lines with nothing linked from the inventory and no need yet (the accreditation gaps)."""
    stmt = (select(ChecklistLine.id)
            .join(InfrastructureLine, InfrastructureLine.id == ChecklistLine.line_id)
            .where(~exists().where(ChecklistLink.checklist_line_id == ChecklistLine.id),
                   ~exists().where(Need.checklist_line_id == ChecklistLine.id),
                   ChecklistLine.status_override.is_(None) | (ChecklistLine.status_override != "met"),
                   InfrastructureLine.zone.in_(("workplace", "expert")))
            .order_by(ChecklistLine.workshop_id, InfrastructureLine.position).limit(limit))
    return list(s.scalars(stmt))


def load(s, rng) -> None:
    prev_actor = s.info.get("actor")
    s.info["actor"] = Actor("buyer", "buyer", "Лебедев Андрей Викторович")
    try:
        _load(s, rng)
    finally:
        s.info["actor"] = prev_actor


def _load(s, rng) -> None:
    demo = _Demo(s, rng)
    demo.sources_and_suppliers()
    demo.needs()
    demo.offers()
    demo.delivered_lines()
    demo.open_lines()


class _Demo:
    """The demo's stages over the demo's session, in this order (``rng`` is drawn in the same order each
    time); ``today`` is fixed once, every date is counted back from it."""

    def __init__(self, s, rng) -> None:
        self.s, self.rng, self.today = s, rng, dt.date.today()
        self.src: dict[str, int] = {}
        self.sup: list[int] = []
        self.need: dict[str, int] = {}
        self.base: dict[str, Decimal] = {}
        self.gap_needs: list[int] = []
        self.calendar: tuple[frozenset, frozenset] | None = None

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def contract(self, s, line, number, date, supplier, price, stages, **kw) -> int:
        """A contract whose payment stages fall on working days of the production calendar: a term that
        ends on a day off ends on the next working day (ГК РФ ст. 193); counted back from today, the
        demo's stages used to land on Saturdays and holidays."""
        if self.calendar is None:
            self.calendar = working_calendar()
        off, work = self.calendar

        def working(d: dt.date) -> dt.date:
            while not is_working_day(d, off, work):
                d += dt.timedelta(days=1)
            return d

        return _create_contract(s, line, number, date, supplier, price,
                                [(amount, working(due), label) for amount, due, label in stages], **kw)

    def sources_and_suppliers(self) -> None:
        s = self.s
        volume = s.get(Setting, "procurement.annual_volume")
        if volume is None:
            s.add(Setting(key="procurement.annual_volume", value=ANNUAL_VOLUME))
        elif not volume.value:
            volume.value = ANNUAL_VOLUME
        self.src = {code: _save_source(s, None, code, SOURCE_NAMES[code], limit) for code, limit in SOURCES}
        self.sup = [_create_supplier(s, name=n, inn=complete_inn(inn9), kpp=kpp, contact=c, email=e, phone=ph,
                                     address=a)
                    for n, inn9, kpp, c, e, ph, a in SUPPLIERS]

    def needs(self) -> None:
        s = self.s
        rooms = list(s.scalars(select(Room).order_by(Room.id)))

        # needs: gaps of the accreditation demo first (arrive filled in), then typed by hand
        gap_needs = self.gap_needs
        gap_needs.extend(list(s.scalars(select(Need.id).where(Need.status == "need").order_by(Need.id)))[:6])
        for cl_id in _gap_lines(s, max(0, 6 - len(gap_needs))):
            try:
                gap_needs.append(_need_from_checklist_line(s, cl_id))
            except ValidationError:
                continue
        for key, name, spec, qty, unit, okpd2, room_kw, price, law in NEEDS:
            self.need[key] = _create_need(s, name=name, specification=spec, quantity=Decimal(qty), unit=unit,
                                          room_id=_room(s, room_kw, rooms), okpd2=okpd2, law=law,
                                          justification="Оснащение по программе «Профессионалитет»: " + room_kw)
            self.base[key] = Decimal(price)

    def offers(self) -> None:
        """3–4 offers per need from different suppliers."""
        for key, nid in self.need.items():
            self._offers_for(nid, self.base[key], key)
        for nid in self.gap_needs:
            n = self.s.get(Need, nid)
            if n is not None and n.quantity > 0:
                self._offers_for(nid, _gap_price(n.name))
                if not n.okpd2:
                    low = n.name.casefold()
                    n.okpd2 = next((code for words, code in GAP_OKPD2 if any(w in low for w in words)),
                                   "32.99.53.130")

    def _offers_for(self, nid: int, b: Decimal, key: str = "") -> None:
        s, rng, sup, ago = self.s, self.rng, self.sup, self.ago
        k = 3 + (rng.random() < 0.4)
        picks = rng.sample(range(len(sup)), k)
        prices = SPREAD.get(key) or [_price(b, rng) for _ in picks]
        for i, (si, p) in enumerate(zip(picks, prices, strict=False)):
            r = rng.randint(12, 120)
            # an offer is dated 3–47 days before its line's justification (today's lines: 12–120 days ago)
            day = ago(JUSTIFIED_AGO[key] + 3 + (r - 12) % 45 if key in JUSTIFIED_AGO else r)
            if key == STALE and i == 0:
                day = ago(240)
            _add_offer(s, nid, supplier_id=sup[si], date=day, unit_price=p,
                       reference=f"исх. № {rng.randint(10, 990)}/{day.strftime('%y')}",
                       document_name=f"КП_{i + 1}.pdf")

    def line(self, title, keys, source, *, law="44-ФЗ", method="электронный аукцион", q=None, start=200,
             ids: list[int] | None = None) -> int:
        nids = [self.need[k] for k in keys] + list(ids or [])
        lid = _create_plan_line(self.s, title, nids, self.src[source], law, method, "", self.today.year, q,
                                self.ago(start))
        self.requests(lid, nids, start)
        return lid

    def requests(self, lid: int, nids: list[int], start: int) -> None:
        """Five requests for prices per line (the methodology's recommendation), sent before any offer
        came: to every supplier whose offer is on the line, then to others that did not reply."""
        s = self.s
        offered = [o.supplier_id for nid in nids for o in sorted(s.get(Need, nid).offers, key=lambda o: o.id)]
        chosen = list(dict.fromkeys(x for x in offered if x))
        chosen += [x for x in self.sup if x not in chosen][:max(0, 5 - len(chosen))]
        first = min((o.date for nid in nids for o in s.get(Need, nid).offers), default=self.ago(start))
        for i, sid in enumerate(chosen, start=1):
            day = min(first, self.ago(start)) - dt.timedelta(days=7)
            _create_price_request(s, {"plan_line_id": lid, "supplier_id": sid, "sent_on": day,
                                      "outgoing_number": f"{lid:02d}-{i:02d}/{day.strftime('%y')}"})

    def road(self, lid: int, steps: list[tuple[str, int, str]]) -> None:
        ln = self.s.get(PlanLine, lid)
        for status, days, note in steps:
            _advance(self.s, ln, status, note, self.ago(days))

    def delivered_lines(self) -> None:
        """Plan lines 1–2: delivered (accepted onto the inventory / waiting for acceptance)."""
        s, need, sup, ago, line, road = self.s, self.need, self.sup, self.ago, self.line, self.road
        # 1. analytical laboratory: delivered, accepted, on the inventory
        l1 = line("Поставка лабораторного оборудования для мастерской «Лабораторный химический анализ»",
                  ["titr", "ph", "scales"], "federal", q=1, start=210)
        road(l1, [("price_justified", 200, ""), ("notice_published", 185, "0332300012326000014"),
                  ("supplier_chosen", 160, "Победитель — ООО «ЛабТехСнаб»")])
        amount1 = sum((s.get(Need, need[k]).nmck for k in ("titr", "ph", "scales")), Decimal(0))
        price1 = (amount1 * Decimal("0.94")).quantize(Decimal("0.01"))
        c1 = self.contract(s, l1, "0332300012326000014-01", ago(150), sup[0], price1,
                              [(_k(price1 * Decimal("0.3")), ago(140), "Аванс 30 %"),
                               (price1 - _k(price1 * Decimal("0.3")), ago(90),
                                "Окончательный расчёт")], delivery_due=ago(95))
        d1 = _create_delivery(s, c1, ago(100), "УПД № 1187",
                              [(need[k], s.get(Need, need[k]).quantity) for k in ("titr", "ph", "scales")])
        _accept_delivery(s, d1, ago(98))
        for p in s.get(Contract, c1).payments:
            _mark_paid(s, p.id, p.due_on)

        # 2. chromatographs: delivered, waiting for acceptance
        l2 = line("Поставка хроматографического оборудования", ["gc", "hplc"], "federal", q=2, start=180)
        road(l2, [("price_justified", 170, ""), ("notice_published", 150, "0332300012326000031"),
                  ("supplier_chosen", 120, "Победитель — АО «Аналитприбор Волга»")])
        amount2 = sum((s.get(Need, need[k]).nmck for k in ("gc", "hplc")), Decimal(0))
        price2 = (amount2 * Decimal("0.97")).quantize(Decimal("0.01"))
        c2 = self.contract(s, l2, "0332300012326000031-01", ago(110), sup[2], price2,
                              [(_k(price2 * Decimal("0.5")), ago(100), "Аванс 50 %"),
                               (price2 - _k(price2 * Decimal("0.5")), ago(-20),
                                "После приёмки")], delivery_due=ago(3))
        _create_delivery(s, c2, ago(6), "УПД № 2045", [(need["gc"], 1), (need["hplc"], 1)])
        _mark_paid(s, s.get(Contract, c2).payments[0].id, ago(98))

    def open_lines(self) -> None:
        """Plan lines 3–8: contracted, notice published, price justified, in the plan, failed."""
        s, need, sup, ago, line, road = self.s, self.need, self.sup, self.ago, self.line, self.road
        gap_needs = self.gap_needs
        # 3. fume hoods and benches (regional): contract signed, partly paid
        l3 = line("Поставка лабораторной мебели и вытяжных шкафов", ["hood", "bench", "cabinet"], "regional", q=2,
                  start=170)
        road(l3, [("price_justified", 160, ""), ("notice_published", 140, "0332300012326000027"),
                  ("supplier_chosen", 115, "Победитель — ООО «ПромЛабМебель»")])
        amount3 = sum((s.get(Need, need[k]).nmck for k in ("hood", "bench", "cabinet")), Decimal(0))
        price3 = (amount3 * Decimal("0.91")).quantize(Decimal("0.01"))
        c3 = self.contract(s, l3, "0332300012326000027-01", ago(100), sup[6], price3,
                              [(_k(price3 * Decimal("0.3")), ago(90), "Аванс 30 %"),
                               (price3 - _k(price3 * Decimal("0.3")), ago(-40),
                                "После поставки")], delivery_due=ago(-20))
        _mark_paid(s, s.get(Contract, c3).payments[0].id, ago(88))

        # 4. employer co-financing (223-ФЗ): additive workshop, contract signed
        l4 = line("Оснащение мастерской «Аддитивные технологии» (софинансирование работодателей)",
                  ["printer3d", "visc", "moist"], "employer", law="223-ФЗ", method="запрос котировок", q=3, start=120)
        road(l4, [("price_justified", 110, ""), ("notice_published", 95, "32615004321"),
                  ("supplier_chosen", 80, "Победитель — ООО «ТехноКомплект»")])
        amount4 = sum((s.get(Need, need[k]).nmck for k in ("printer3d", "visc", "moist")), Decimal(0))
        price4 = (amount4 * Decimal("0.96")).quantize(Decimal("0.01"))
        self.contract(s, l4, "32615004321-01", ago(70), sup[7], price4,
                         [(price4, ago(-30), "Оплата после приёмки")], delivery_due=ago(-45))

        # 5. notice published (regional)
        l5 = line("Поставка общелабораторного оборудования", ["still", "muffle", "dryer", "centr"], "regional", q=3,
                  start=60)
        road(l5, [("price_justified", 50, ""), ("notice_published", 20, "0332300012326000058")])
        # 6. price justified (own funds)
        l6 = line("Поставка компьютерной техники и интерактивных панелей", ["panel", "laptop"], "own", q=4, start=40)
        road(l6, [("price_justified", 30, "")])
        # 7. in the plan (regional), with the needs from the accreditation gaps
        l7 = line("Оснащение мастерских по результатам чек-листов аккредитации", ["stirrer", "kfk"], "regional", q=4,
                  start=15, ids=gap_needs[:4])
        del l7
        # 8. failed tender, to be repeated
        l8 = line("Поставка ротационных испарителей", ["rotavap"], "regional", q=3, start=90)
        road(l8, [("price_justified", 85, ""), ("notice_published", 70, "0332300012326000044"),
                  ("failed", 50, "Не подано ни одной заявки")])
        # 9. a small single-supplier purchase (ст. 93 ч. 1 п. 5): straight from the price to the contract;
        # the supplier is late with the delivery (an overdue alert)
        l9 = line("Поставка кондуктометров (закупка малого объёма)", ["cond"], "own", method=SINGLE_P5, q=3,
                  start=45)
        road(l9, [("price_justified", 40, "")])
        price9 = s.get(Need, need["cond"]).nmck
        _create_contract(s, l9, "ЕП-2026-007", ago(35), sup[4], price9, delivery_due=ago(5))
        # «rect» (CV > 33 %), «refr» and the remaining gaps stay unplanned needs
