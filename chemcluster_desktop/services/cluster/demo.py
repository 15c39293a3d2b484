"""Demo data of the cluster area: participants, 17 training directions, the card's KPIs with actuals
for 2024–2026.

The figures (19 000, 8, 17, 2 081, 85 %, 100 %, 396,6 млн ₽) are the planned results of the project
card «Создание образовательно-производственного кластера «Химический потенциал» в г. Дзержинске».
The card names the developers (city administration, the regional ministry, the colleges, the city's
enterprises, the employment centre) but not the enterprises: those below are real chemical companies
of Dzerzhinsk; agreement numbers, dates and contacts are invented for the demo.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from chemcluster_desktop.services.cluster.kpis import CARD_KPIS
from chemcluster_desktop.storage.cluster import Kpi, KpiValue, Participant, TrainingDirection
from chemcluster_desktop.storage.core import Setting
from chemcluster_desktop.storage.schedule import School

COLLEGE_FALLBACK = "ГБПОУ «Дзержинский химический техникум имени Красной Армии»"

# (name, kind, role, contact)
PARTICIPANTS = [
    (None, "college", "Базовая образовательная организация кластера: подготовка кадров, мастерские, "
                      "профпробы для школьников", "Смирнова О. В., директор"),
    ("Администрация города Дзержинска", "authority",
     "Инициатор проекта; Координационный совет по комплексному управлению кадровым потенциалом",
     "Департамент образования, Петрова Н. С."),
    ("Министерство образования, науки и молодежной политики Нижегородской области", "authority",
     "Учредитель колледжа, региональное софинансирование, заявка в «Профессионалитет»",
     "Отдел профессионального образования, Кириллов А. Ю."),
    ("ГКУ НО «Нижегородский центр занятости населения» (отдел по г. Дзержинску)", "employment",
     "Прогноз потребности в кадрах, трудоустройство выпускников, профориентация",
     "Егорова Л. М., начальник отдела"),
    ("АО «Синтез ОКА»", "enterprise",
     "Работодатель: производство оксида этилена и гликолей; практика, наставники, оборудование",
     "Служба персонала, Волков С. Н."),
    ("АО «Сибур-Нефтехим»", "enterprise",
     "Работодатель: нефтехимия; целевое обучение, демонстрационный экзамен на площадке предприятия",
     "Отдел развития персонала, Зайцева И. А."),
    ("ФКП «Завод имени Я. М. Свердлова»", "enterprise",
     "Работодатель: химическое производство; лаборанты-аналитики и аппаратчики, практика",
     "Управление персоналом, Никитин П. Р."),
    ("АО «Корунд»", "enterprise",
     "Работодатель: производство химической продукции; стажировки, экспертиза программ",
     "Отдел кадров, Сорокина Е. В."),
]

SCHOOLS_FALLBACK = [
    "МБОУ «Средняя школа № 2» г. Дзержинска",
    "МБОУ «Гимназия № 38» г. Дзержинска",
    "МБОУ «Средняя школа № 17» г. Дзержинска",
    "МБОУ «Лицей № 21» г. Дзержинска",
]

E_SINTEZ, E_SIBUR, E_SVERDLOV, E_KORUND = (PARTICIPANTS[i][0] for i in range(4, 8))

# (code, name, level, places per year, enterprises that asked)
DIRECTIONS = [
    ("18.02.12", "Технология аналитического контроля химических соединений", "specialty", 50,
     [E_SINTEZ, E_SIBUR, E_SVERDLOV, E_KORUND]),
    ("18.01.33", "Лаборант по контролю качества сырья, реактивов, промежуточных продуктов, готовой продукции, "
                 "отходов производства (по отраслям)", "profession", 50, [E_SINTEZ, E_SVERDLOV, E_KORUND]),
    ("18.02.06", "Химическая технология органических веществ", "specialty", 50, [E_SINTEZ, E_SIBUR]),
    ("18.02.03", "Химическая технология неорганических веществ", "specialty", 25, [E_KORUND, E_SVERDLOV]),
    ("18.02.07", "Технология производства и переработки пластических масс и эластомеров", "specialty", 25,
     [E_SIBUR]),
    ("18.02.09", "Переработка нефти и газа", "specialty", 25, [E_SIBUR]),
    ("18.02.13", "Технология производства изделий из полимерных композитов", "specialty", 25, [E_SIBUR]),
    ("18.01.02", "Лаборант-эколог", "profession", 25, [E_SINTEZ, E_KORUND]),
    ("18.01.26", "Аппаратчик-оператор нефтехимического производства", "profession", 50,
     [E_SIBUR, E_SINTEZ]),
    ("18.01.27", "Машинист технологических насосов и компрессоров", "profession", 25, [E_SIBUR, E_SINTEZ]),
    ("18.01.28", "Оператор нефтепереработки", "profession", 25, [E_SIBUR]),
    ("20.02.01", "Экологическая безопасность природных комплексов", "specialty", 25, [E_SVERDLOV]),
    ("20.02.04", "Пожарная безопасность", "specialty", 25, [E_SINTEZ, E_SVERDLOV]),
    ("15.02.12", "Монтаж, техническое обслуживание и ремонт промышленного оборудования (по отраслям)",
     "specialty", 50, [E_SINTEZ, E_SIBUR, E_KORUND]),
    ("15.02.14", "Оснащение средств автоматизации технологических процессов и производств (по отраслям)",
     "specialty", 25, [E_SIBUR, E_SINTEZ]),
    ("13.02.11", "Техническая эксплуатация и обслуживание электрического и электромеханического оборудования "
                 "(по отраслям)", "specialty", 25, [E_SVERDLOV, E_KORUND]),
    ("15.01.05", "Сварщик (ручной и частично механизированной сварки (наплавки))", "profession", 25,
     [E_SIBUR, E_KORUND]),
]

# demo actuals: code -> {period: (value, comment)}
DEMO_VALUES = {
    'audience': {
        '2024': ('6850', 'Обучающиеся колледжа, школьники на профпробах, слушатели программ ДПО'),
        '2025': ('12430', 'Добавлены профпробы для 8-х классов и курсы для работников предприятий'),
        '2026': ('15980', 'По данным на 1 октября'),
    },
    'participants': {
        '2024': ('6', 'Соглашения с АО «Корунд» и центром занятости — в работе'),
        '2025': ('8', 'Все соглашения подписаны'),
    },
    'directions': {
        '2024': ('11', 'Перечень согласован с предприятиями'),
        '2025': ('15', 'Открыт набор по 18.02.13 и 15.02.14'),
    },
    'students': {
        '2024': ('1214', 'Контингент на 1 октября'),
        '2025': ('1687', 'Контингент на 1 октября'),
        '2026': ('1942', 'Контингент на 1 октября; приём выполнен на 96 %'),
    },
    'employment': {
        '2024': ('71.4', 'Мониторинг трудоустройства на 1 декабря'),
        '2025': ('78.9', 'Рост за счёт целевого обучения на предприятиях кластера'),
        '2026': ('82.3', 'Предварительно, мониторинг на 1 октября'),
    },
    'equipped': {
        '2024': ('31', 'Оборудование 2010-х годов, частично устаревшее'),
        '2025': ('48.6', 'Первые поставки по гранту: аналитическое оборудование'),
    },
    'workshops_ready': {
        '2024': ('0', ''),
        '2025': ('0', 'Ближе всех — «Лабораторный химический анализ»'),
    },
    'budget_paid': {
        '2024': ('0', 'Конкурсный отбор «Профессионалитета»'),
        '2025': ('4850000', 'Оплачены первые контракты по гранту'),
    },
    'pupils': {
        '2024': ('0', 'Учебные планы скорректированы, занятия с сентября 2025 г.'),
        '2025': ('180', 'Пилот: две школы, I полугодие 2025/26 учебного года'),
    },
}


def load(s, rng) -> None:
    college = s.get(Setting, "college.name")
    college_name = college.value if college is not None and college.value else COLLEGE_FALLBACK
    for i, (name, kind, role, contact) in enumerate(PARTICIPANTS):
        day = dt.date(2022, 9, 1) + dt.timedelta(days=rng.randint(0, 420))
        s.add(Participant(
            name=name or college_name, kind=kind, role=role, contact=contact,
            agreement_number="" if kind == "college" else f"ХП-{day.year}/{i:02d}",
            agreement_date=None if kind == "college" else day,
            inn="5249023823" if kind == "college" else "",
        ))
    # the schedule demo's schools, read in this (still open) demo transaction
    schools = list(s.scalars(select(School.name).order_by(School.name)))
    for j, name in enumerate(schools or SCHOOLS_FALLBACK):
        day = dt.date(2023, 5, 15) + dt.timedelta(days=rng.randint(0, 120))
        s.add(Participant(name=name, kind="school", role="Обучение 8-х классов по предмету «Технология» в "
                                                          "мастерских кластера; профориентация",
                          agreement_number=f"ХП-Ш-{j + 1:02d}", agreement_date=day,
                          contact="Заместитель директора по учебной работе"))
    for code, name, level, places, requested in DIRECTIONS:
        s.add(TrainingDirection(code=code, name=name, level=level, places_per_year=places,
                                requested_by="; ".join(requested)))
    for pos, (code, name, unit, target, period, computed, desc) in enumerate(CARD_KPIS, start=1):
        k = Kpi(code=code, name=name, unit=unit, target=Decimal(target), period=period, computed=computed,
                description=desc, position=pos)
        s.add(k)
        s.flush()
        for per, (val, comment) in DEMO_VALUES.get(code, {}).items():
            s.add(KpiValue(kpi_id=k.id, period=per, value=Decimal(val), comment=comment, entered_by="admin"))
