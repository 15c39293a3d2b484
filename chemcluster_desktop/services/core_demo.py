"""Demo data of the core area: the college settings, buildings and rooms, one user per role."""

from __future__ import annotations

from chemcluster_desktop.services.security import hash_password
from chemcluster_desktop.storage.core import Building, Room, Setting, User

COLLEGE = {
    "college.name": "ГБПОУ «Дзержинский химический техникум имени Красной Армии»",
    "college.short_name": "ДХТ",
    "college.address": "606023, Нижегородская область, г. Дзержинск, пр. Циолковского, д. 23",
    "college.inn": "5249023823",
    "college.director": "Смирнова Ольга Викторовна",
    "college.kpp": "524901001",
    "college.okpo": "02508293",
    "college.unit": "Отделение химической технологии и аналитического контроля",
    "college.director_position": "Директор",
    "college.accountant": "Лаптева Марина Сергеевна",
}

BUILDINGS = [
    ("Учебный корпус № 1", "пр. Циолковского, 23"),
    ("Лабораторный корпус № 2", "пр. Циолковского, 23, корп. 2"),
    ("Мастерские (корпус № 3)", "ул. Гайдара, 10"),
]

# (building index, name, kind, responsible, area m²)
ROOMS = [
    (1, "Лаборатория аналитической химии (ауд. 201)", "laboratory", "Кузнецова Е. А.", "72"),
    (1, "Лаборатория органической химии (ауд. 203)", "laboratory", "Кузнецова Е. А.", "68"),
    (1, "Лаборатория физико-химических методов анализа (ауд. 205)", "laboratory", "Орлов Д. С.", "80"),
    (1, "Мастерская «Лабораторный химический анализ» (ауд. 210)", "workshop", "Орлов Д. С.", "120"),
    (2, "Мастерская «Технологии химического анализа» (ауд. 101)", "workshop", "Белова Н. И.", "110"),
    (2, "Мастерская «Химическая технология» (ауд. 104)", "workshop", "Белова Н. И.", "140"),
    (2, "Склад реактивов (ауд. 012)", "store", "Кузнецова Е. А.", "24"),
    (2, "Мастерская «Производство полимеров» (ауд. 108)", "workshop", "Лебедев А. В.", "96"),
    (0, "Кабинет заведующего лабораториями (ауд. 114)", "office", "Кузнецова Е. А.", "18"),
    (0, "Мастерская «Охрана окружающей среды» (ауд. 305)", "workshop", "Григорьева Т. П.", "90"),
    (0, "Склад оборудования (ауд. 001)", "store", "Лебедев А. В.", "40"),
    (2, "Мастерская «Аддитивные технологии» (ауд. 112)", "workshop", "Лебедев А. В.", "88"),
]

DEMO_USERS = [
    ("labmanager", "lab_manager", "Кузнецова Елена Андреевна"),
    ("coordinator", "coordinator", "Орлов Дмитрий Сергеевич"),
    ("planner", "planner", "Белова Наталья Игоревна"),
    ("buyer", "buyer", "Лебедев Андрей Викторович"),
    ("viewer", "viewer", "Смирнова Ольга Викторовна"),
]


def load(s, rng) -> None:
    for k, v in COLLEGE.items():
        row = s.get(Setting, k)
        if row is None:
            s.add(Setting(key=k, value=v))
        else:
            row.value = v
    buildings = [Building(name=n, address=a) for n, a in BUILDINGS]
    s.add_all(buildings)
    s.flush()
    for bi, name, kind, resp, area in ROOMS:
        s.add(Room(building_id=buildings[bi].id, name=name, kind=kind, responsible=resp, area_m2=area))
    for login, role, full in DEMO_USERS:
        # demo data only: each demo user's password is its login (CLI.md)
        s.add(User(login=login, role_code=role, full_name=full, password_hash=hash_password(login)))
