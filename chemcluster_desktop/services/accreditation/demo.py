"""Demo data of the accreditation area: three competencies with infrastructure lists by zone (one in
two yearly versions), five workshops bound to the demo's workshop rooms, matched against whatever
inventory the rooms hold when the demo runs, with confirmations, overrides with comments, evidence
photos and layout plans so that readiness differs from workshop to workshop; loans and leases
from partners for part of what is missing, «Выполнено» set by hand without evidence (shown and
printed «вручную, без подтверждения», not counted), КОД codes of the lists (the 2026 list of «Охрана
окружающей среды» has none yet) and the commission of the two workshops whose exam is planned.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from sqlalchemy import insert, select, update

from chemcluster_desktop import paths
from chemcluster_desktop.storage.accreditation import (
    ChecklistLine,
    ChecklistLink,
    ChecklistLoan,
    Competency,
    Evidence,
    InfrastructureLine,
    InfrastructureList,
    Workshop,
    WorkshopCommissionMember,
    WorkshopRoom,
    line_search_key,
)
from chemcluster_desktop.storage.core import Room

from ._checklist_sql import _checklist_select, _sync_checklist
from .auto_match import run_match

W, C, E, S, T, G = "workplace", "consumables", "expert", "store", "safety", "general"

# (zone, name, specification, quantity, unit, per workplace)
LHA = [
    (W, "Весы лабораторные электронные", "НПВ 220 г, дискретность 0,001 г, внутренняя калибровка", 1, "шт.", True),
    (W, "Плитка электрическая лабораторная", "Мощность не менее 600 Вт, регулировка нагрева", 1, "шт.", True),
    (W, "pH-метр лабораторный", "Диапазон 0–14 pH, погрешность ±0,02 pH, с комбинированным электродом", 1, "шт.",
     True),
    (W, "Бюретка 25 мл", "1-1-2-25-0,1, ГОСТ 29251-91, с краном", 2, "шт.", True),
    (W, "Колба коническая 250 мл", "Кн-1-250-29/32, ТС, ГОСТ 25336-82", 4, "шт.", True),
    (W, "Колба мерная 100 мл", "2-100-2, класс точности 2", 3, "шт.", True),
    (W, "Пипетка мерная 10 мл", "2-1-2-10, ГОСТ 29227-91", 2, "шт.", True),
    (W, "Стакан химический 250 мл", "В-1-250 ТС", 4, "шт.", True),
    (W, "Цилиндр мерный 100 мл", "1-100-2, с носиком", 1, "шт.", True),
    (W, "Штатив лабораторный", "ШЛ-01 с лапкой и кольцом", 1, "шт.", True),
    (W, "Стол лабораторный", "Химически стойкое покрытие, 1200×600 мм", 1, "шт.", True),
    (W, "Стул лабораторный", "Регулируемый по высоте", 1, "шт.", True),
    (C, "Перчатки нитриловые", "Размер M, неопудренные", 2, "пара", True),
    (C, "Фильтры обеззоленные", "«Синяя лента», d = 90 мм", 1, "упак.", True),
    (C, "Вода дистиллированная", "ГОСТ Р 58144-2018", 2, "л", True),
    (C, "Натрия гидроксид, 0,1 н стандарт-титр", "Фиксанал", 1, "шт.", True),
    (E, "Стол письменный", "1200×600 мм", 3, "шт.", False),
    (E, "Стул офисный", "", 6, "шт.", False),
    (E, "Ноутбук", "Процессор не ниже Intel Core i5, ОЗУ 8 ГБ, MS Office", 1, "шт.", False),
    (E, "МФУ лазерное", "Формат A4, печать, копирование, сканирование", 1, "шт.", False),
    (E, "Шкаф для одежды", "", 1, "шт.", False),
    (S, "Стеллаж металлический", "2000×1000×500 мм, 5 полок", 2, "шт.", False),
    (S, "Шкаф для хранения реактивов", "Металлический, с вентиляцией", 1, "шт.", False),
    (T, "Аптечка первой помощи", "Приказ Минздрава № 1331н", 1, "шт.", False),
    (T, "Огнетушитель углекислотный", "ОУ-3", 2, "шт.", False),
    (T, "Очки защитные", "Открытые, поликарбонат", 1, "шт.", True),
    (T, "Халат лабораторный", "Хлопок 100 %", 1, "шт.", True),
    (T, "Фонтанчик для промывания глаз", "Настенный", 1, "шт.", False),
    (G, "Шкаф вытяжной", "Ширина не менее 1500 мм, химически стойкая столешница", 2, "шт.", False),
    (G, "Дистиллятор", "Производительность не менее 4 л/ч", 1, "шт.", False),
    (G, "Сушильный шкаф", "До 200 °C, объём не менее 50 л", 1, "шт.", False),
    (G, "Муфельная печь", "До 1100 °C", 1, "шт.", False),
    (G, "Фотометр фотоэлектрический", "КФК-3 или аналог, 315–990 нм", 1, "шт.", False),
    (G, "Интерактивная панель", "Диагональ не менее 65″", 1, "шт.", False),
]

HT = [
    (W, "Лабораторная установка ректификации", "Колонна насадочная, куб 2 л, электронагрев", 1, "компл.", True),
    (W, "Термометр электронный", "Диапазон −50…+300 °C, термопара", 1, "шт.", True),
    (W, "Секундомер", "Электронный", 1, "шт.", True),
    (W, "Ареометр", "АОН-1, набор 700–1840 кг/м³", 1, "компл.", True),
    (W, "Стол лабораторный", "1500×750 мм, химически стойкий", 1, "шт.", True),
    (W, "Стул лабораторный", "", 1, "шт.", True),
    (W, "Компьютер персональный", "С ПО симулятора технологического процесса", 1, "шт.", True),
    (C, "Перчатки нитриловые", "Размер L", 2, "пара", True),
    (C, "Этанол технический", "ГОСТ Р 55878-2013", 1, "л", True),
    (E, "Стол письменный", "", 2, "шт.", False),
    (E, "Стул офисный", "", 4, "шт.", False),
    (E, "Ноутбук", "ОЗУ 8 ГБ", 1, "шт.", False),
    (S, "Стеллаж металлический", "", 1, "шт.", False),
    (T, "Аптечка первой помощи", "", 1, "шт.", False),
    (T, "Огнетушитель порошковый", "ОП-4", 2, "шт.", False),
    (T, "Щиток защитный лицевой", "НБТ-1", 1, "шт.", True),
    (G, "Тренажёр-имитатор химико-технологического процесса", "Модель реактора с АСУ ТП", 1, "шт.", False),
    (G, "Шкаф вытяжной", "Ширина 1200 мм", 1, "шт.", False),
    (G, "Насос центробежный учебный", "Разрезной, на подставке", 1, "шт.", False),
    (G, "Проектор мультимедийный", "Яркость не менее 3000 лм", 1, "шт.", False),
]

OOS = [
    (W, "Анализатор жидкости", "Эксперт-001, pH/ионометр/кондуктометр", 1, "шт.", True),
    (W, "Пробоотборник воды", "ПЭ-1110, объём 1 л", 1, "шт.", True),
    (W, "Весы лабораторные электронные", "НПВ 300 г, d = 0,01 г", 1, "шт.", True),
    (W, "Бюретка 25 мл", "1-1-2-25-0,1", 1, "шт.", True),
    (W, "Колба коническая 250 мл", "Кн-1-250", 3, "шт.", True),
    (W, "Стол лабораторный", "", 1, "шт.", True),
    (C, "Перчатки нитриловые", "Размер M", 2, "пара", True),
    (C, "Фильтры мембранные", "0,45 мкм, d = 47 мм", 1, "упак.", True),
    (E, "Стол письменный", "", 2, "шт.", False),
    (E, "Стул офисный", "", 4, "шт.", False),
    (T, "Аптечка первой помощи", "", 1, "шт.", False),
    (T, "Огнетушитель порошковый", "ОП-4", 1, "шт.", False),
    (T, "Очки защитные", "", 1, "шт.", True),
    (G, "Газоанализатор портативный", "ГАНК-4 или аналог", 1, "шт.", False),
    (G, "Шумомер", "Класс точности 2", 1, "шт.", False),
    (G, "Спектрофотометр", "ПЭ-5400ВИ, 315–1000 нм", 1, "шт.", False),
    (G, "Шкаф вытяжной", "", 1, "шт.", False),
    (G, "Метеостанция учебная", "Температура, давление, влажность, ветер", 1, "шт.", False),
]

SECTIONS = {
    W: "Оборудование на 1 рабочее место участника",
    C: "Расходные материалы (на 1 участника)",
    E: "Комната экспертов",
    S: "Склад",
    T: "Охрана труда и техника безопасности",
    G: "Общая инфраструктура площадки (на всех участников)",
}

COMPETENCIES = [
    ("R7", "Лабораторный химический анализ", LHA),
    ("R45", "Химические технологии", HT),
    ("R33", "Охрана окружающей среды", OOS),
]

# (workshop name, room name fragments, competency index, workplaces, target share of met lines)
WORKSHOPS = [
    ("Мастерская «Лабораторный химический анализ»", ["ауд. 210", "ауд. 201"], 0, 10, 0.9),
    ("Мастерская «Технологии химического анализа»", ["ауд. 101"], 0, 8, 0.6),
    ("Мастерская «Химическая технология»", ["ауд. 104"], 1, 6, 0.6),
    ("Мастерская «Производство полимеров»", ["ауд. 108"], 1, 5, 0.3),
    ("Мастерская «Охрана окружающей среды»", ["ауд. 305"], 2, 8, 0.3),
]

MET_COMMENTS = [
    "Наличие подтверждено при осмотре 20.11.2026; позиция на балансе колледжа, в инвентарь мастерской не внесена.",
    "Оборудование предоставлено партнёром АО «Дзержинское оргстекло» по договору безвозмездного пользования.",
    "Получено по договору поставки № 14-ЦПДЭ/2026, акт приёмки подписан.",
    "Используется оборудование соседней лаборатории (ауд. 201), перенос согласован.",
]
PARTIAL_COMMENTS = [
    "Часть комплектов на поверке в ФБУ «Нижегородский ЦСМ», возврат до 15.12.2026.",
    "Имеющиеся модели не соответствуют требованию по точности; замена запланирована.",
]
LINE_COMMENTS = [
    "Проверить год выпуска — комиссия просила паспорт изделия.",
    "Требуется поверка до начала экзамена.",
    "Разместить у входа в мастерскую.",
]


def _room_ids(s, fragments: list[str]) -> list[int]:
    rooms = list(s.execute(select(Room.id, Room.name)))
    out = []
    for frag in fragments:
        for rid, name in rooms:
            if frag.casefold() in name.casefold() and rid not in out:
                out.append(rid)
                break
    return out


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(paths.resource("fonts", "DejaVuSans.ttf")), size)
    except OSError:
        return ImageFont.load_default()


def layout_plan_png(title: str, workplaces: int) -> bytes:
    """A simple план застройки: workplaces, expert zone, store, fume hoods, exits."""
    from PIL import Image, ImageDraw

    wdt, hgt = 1200, 800
    im = Image.new("RGB", (wdt, hgt), "white")
    d = ImageDraw.Draw(im)
    d.rectangle([20, 60, wdt - 20, hgt - 20], outline="#263238", width=6)
    d.text((24, 14), title, fill="#1c2b36", font=_font(26))
    f = _font(18)
    cols = min(5, max(1, workplaces))
    rows = (workplaces + cols - 1) // cols
    bw, bh = 130, 80
    for i in range(workplaces):
        r, c = divmod(i, cols)
        x, y = 60 + c * (bw + 40), 110 + r * (bh + 50)
        d.rectangle([x, y, x + bw, y + bh], fill="#dbe9f6", outline="#1f6fb2", width=3)
        d.text((x + 12, y + 28), f"РМ {i + 1}", fill="#0d3c66", font=f)
    ex = 60 + cols * (bw + 40) + 20
    d.rectangle([ex, 110, wdt - 60, 330], fill="#fff4d6", outline="#7a5300", width=3)
    d.text((ex + 14, 120), "Зона экспертов", fill="#7a5300", font=f)
    d.rectangle([ex, 360, wdt - 60, 500], fill="#e3f4e6", outline="#1b5e20", width=3)
    d.text((ex + 14, 370), "Склад", fill="#1b5e20", font=f)
    y0 = 130 + rows * (bh + 50)
    for k in range(2):
        d.rectangle([60 + k * 220, y0, 240 + k * 220, y0 + 70], fill="#eceff1", outline="#455a64", width=3)
        d.text((70 + k * 220, y0 + 22), "Вытяжной шкаф", fill="#263238", font=f)
    d.rectangle([wdt - 200, hgt - 26, wdt - 80, hgt - 14], fill="#c62828")
    d.text((wdt - 200, hgt - 60), "Выход", fill="#c62828", font=f)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def photo_jpeg(caption: str, hue: int) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (800, 560), (200 - hue % 60, 210, 225 - hue % 40))
    d = ImageDraw.Draw(im)
    for i in range(0, 800, 40):
        d.line([(i, 560), (i + 200, 300)], fill=(180, 190, 205), width=3)
    d.rectangle([120, 200, 680, 420], fill=(235, 238, 242), outline=(90, 100, 110), width=4)
    d.rectangle([160, 150, 300, 200], fill=(120, 140, 160))
    d.text((140, 440), caption, fill=(30, 40, 50), font=_font(24))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def load(s, rng) -> None:
    comp_ids, list_ids = _competencies_and_lists(s)
    for wi, (wname, rooms, ci, wp, target) in enumerate(WORKSHOPS):
        w = _workshop(s, wi, wname, rooms, comp_ids[ci], list_ids[ci], wp)
        rows = _review(s, rng, w.id, target)
        if wi < 2:
            _commission(s, w)
        if wi < 3:
            _images(s, wi, w, wname, wp, rows)
        s.flush()


def _competencies_and_lists(s) -> tuple[list[int], list[int]]:
    """The competencies with their lists; returns (competency ids, the id of each one's latest list)."""
    comp_ids, list_ids = [], []
    for code, name, lines in COMPETENCIES:
        c = Competency(code=code, name=name)
        s.add(c)
        s.flush()
        comp_ids.append(c.id)
        versions = [2026] if code != "R7" else [2025, 2026]
        last = None
        for year in versions:
            lst = InfrastructureList(competency_id=c.id, year=year,
                                     title=f"Инфраструктурный лист компетенции «{name}» ({year})",
                                     source_file=f"ИЛ_{code}_{year}.xlsx",
                                     kod_code=f"{KOD_SPECIALTIES[code]}-1-{year}" if code != "R33" else "")
            s.add(lst)
            s.flush()
            rows = []
            numbers: dict[str, int] = {}
            src = lines if year == 2026 else [x for x in lines if x[1] not in ("Интерактивная панель", "pH-метр лабораторный")]
            for pos, (zone, lname, spec, qty, unit, per) in enumerate(src, 1):
                numbers[zone] = numbers.get(zone, 0) + 1
                num = str(pos)
                q = Decimal(qty) if year == 2026 or lname != "Колба коническая 250 мл" else Decimal(3)
                rows.append(dict(list_id=lst.id, position=pos, number=num, zone=zone, section=SECTIONS[zone],
                                 name=lname, specification=spec, quantity=q, unit=unit, per_workplace=per, note="",
                                 search_key=line_search_key(num, lname, spec)))
            s.execute(insert(InfrastructureLine), rows)
            last = lst.id
        list_ids.append(last)
    return comp_ids, list_ids


def _workshop(s, wi: int, wname: str, rooms: list[str], comp_id: int, list_id: int, wp: int) -> Workshop:
    """A workshop on the demo rooms named like ``rooms`` (a new room when none is), matched."""
    rids = _room_ids(s, rooms)
    if not rids:
        r = Room(name=rooms[0], kind="workshop")
        s.add(r)
        s.flush()
        rids = [r.id]
    first = s.get(Room, rids[0])
    w = Workshop(name=wname, competency_id=comp_id, list_id=list_id, workplaces=wp,
                 responsible=first.responsible or "", area_m2=first.area_m2 or "",
                 notes="Демонстрационный экзамен запланирован на май 2027 г." if wi < 2 else "")
    s.add(w)
    s.flush()
    for rid in rids:
        s.add(WorkshopRoom(workshop_id=w.id, room_id=rid))
    s.flush()
    _sync_checklist(s, w.id)
    run_match(s, w.id)
    return w


# partners that lend equipment for the exam: (kind, partner, document number prefix)
PARTNERS = [
    ("loan", "АО «Дзержинское оргстекло»", "БП"),
    ("loan", "ННГУ им. Н. И. Лобачевского, Дзержинский филиал", "ДБП"),
    ("lease", "ООО «Химлабприбор»", "А"),
]
# the demo exam's КОД codes of the lists (ИРПО: specialty code, КОД number, year)
KOD_SPECIALTIES = {"R7": "18.02.12", "R45": "18.02.06", "R33": "20.02.01"}
COMMISSION = [
    ("chair", "Смирнова Елена Петровна", "заместитель директора по учебно-производственной работе"),
    ("member", "Ковалёв Игорь Николаевич", "начальник ЦЗЛ АО «Синтез», эксперт демонстрационного экзамена"),
    ("member", "Белова Анна Сергеевна", "преподаватель химических дисциплин"),
    ("secretary", "Морозова Ольга Игоревна", "методист"),
]


def _review(s, rng, workshop_id: int, target: float) -> list:
    """What the coordinator has done: proposals confirmed or refused (in the best-prepared workshops);
    loans and leases recorded for part of what is missing (the better prepared the workshop, the more);
    for the rest of about ``target`` of the lines, a «Выполнено» set by hand with a comment in an older
    version of the program — without evidence, so it shows «вручную, без подтверждения» and does not
    count; two met lines lowered to «Частично» (instruments away for verification); a few comments.
    Returns the checklist rows (id, status) in list order."""
    cl_ids = select(ChecklistLine.id).where(ChecklistLine.workshop_id == workshop_id)
    if target >= 0.6:
        s.execute(update(ChecklistLink).where(ChecklistLink.checklist_line_id.in_(cl_ids),
                                              ChecklistLink.state == "proposed", ChecklistLink.score >= 55)
                  .values(state="confirmed", confirmed=True))
        s.execute(update(ChecklistLink).where(ChecklistLink.checklist_line_id.in_(cl_ids),
                                              ChecklistLink.state == "proposed", ChecklistLink.score < 50)
                  .values(state="rejected", confirmed=False))
    s.flush()
    base, e = _checklist_select()
    rows = s.execute(base.add_columns(ChecklistLine.id, e["status"], e["required"], e["avail"])
                     .where(ChecklistLine.workshop_id == workshop_id)
                     .order_by(InfrastructureLine.position)).all()
    n = len(rows)
    met_ids = [r[0] for r in rows if r[1] == "met"]
    want = round(target * n)
    open_lines = [r for r in rows if r[1] != "met"]
    rng.shuffle(open_lines)
    claimed = open_lines[: max(0, want - len(met_ids))]
    lent = round(len(claimed) * (0.75 if target >= 0.9 else 0.5 if target >= 0.6 else 0.3))
    today = dt.date.today()
    for k, (cid, _st, req, avail) in enumerate(claimed):
        cl = s.get(ChecklistLine, cid)
        if k < lent:
            kind, partner, prefix = PARTNERS[k % len(PARTNERS)]
            signed = today - dt.timedelta(days=15 + 4 * k)
            s.add(ChecklistLoan(checklist_line_id=cid, kind=kind, partner=partner,
                                document_number=f"{30 + workshop_id * 10 + k}/{signed:%y}-{prefix}",
                                document_date=signed, quantity=Decimal(req) - Decimal(avail or 0),
                                valid_from=signed, valid_until=today + dt.timedelta(days=200 + 10 * k),
                                note="На период подготовки и проведения демонстрационного экзамена."))
        else:
            cl.status_override = "met"
            cl.override_comment = rng.choice(MET_COMMENTS)
    s.flush()
    for cid in met_ids[-2:] if len(met_ids) > 4 else []:
        cl = s.get(ChecklistLine, cid)
        cl.status_override = "partial"
        cl.override_comment = rng.choice(PARTIAL_COMMENTS)
    for cid, *_rest in rows[3:6]:
        s.get(ChecklistLine, cid).comment = rng.choice(LINE_COMMENTS)
    return [(r[0], r[1]) for r in rows]


def _commission(s, w: Workshop) -> None:
    """The commission appointed by an order of the college, for the workshops whose exam is planned."""
    w.commission_order = "214-ОД"
    w.commission_order_date = dt.date.today() - dt.timedelta(days=26)
    for i, (role, name, title) in enumerate(COMMISSION, 1):
        s.add(WorkshopCommissionMember(workshop_id=w.id, position=i, role=role, full_name=name, job_title=title))


def _images(s, wi: int, w: Workshop, wname: str, wp: int, rows: list) -> None:
    """A layout plan and a few photos (of the workshop and of its first line)."""
    w.layout_plan = layout_plan_png(f"План застройки: {wname}", wp)
    w.layout_plan_name = "план_застройки.png"
    captions = ["Общий вид мастерской", "Рабочие места участников", "Зона экспертов"]
    for k, cap in enumerate(captions[: 3 - wi]):
        s.add(Evidence(workshop_id=w.id, checklist_line_id=None, file_name=f"photo_{k + 1}.jpg",
                       caption=cap, mime="image/jpeg", width=800, height=560,
                       data=photo_jpeg(cap, wi * 20 + k * 13)))
    if rows:
        s.add(Evidence(workshop_id=w.id, checklist_line_id=rows[0][0], file_name="vesy.jpg",
                       caption="Весы на рабочем месте № 1", mime="image/jpeg", width=800, height=560,
                       data=photo_jpeg("Рабочее место № 1", wi * 7)))
