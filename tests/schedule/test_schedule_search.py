"""Search in the schedule's reference lists happens in SQL (over the folded ``search_key`` columns of
revision 0008_schedule_search) and finds what a plain-Python oracle finds: every word of the search,
folded (case, ё = е), occurs in one of the row's fields or in one of the names the list is searched by
— a class by its school's name, an instructor by the names of their modules, a requirement by its class,
school and module. Same rows, same order, same dicts as the unfiltered list filtered in Python.

Also: the keys follow renames (listeners), the rows already in a released database get their keys at
upgrade, a downgrade loses nothing, the benchmark's bulk inserts fill the keys, the lists load only the
matching rows, and a module description of any length is stored and found (PostgreSQL too)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event, select

from chemcluster_desktop.services import context
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.storage.schedule import (
    CourseModule,
    Instructor,
    School,
    SchoolClass,
    class_search_key,
    instructor_search_key,
    module_search_key,
    school_search_key,
)
from chemcluster_desktop.storage.search import fold
from tests.migration_helpers import migrate_to

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL

RELEASE_010 = Path(__file__).resolve().parents[1] / "migrations" / "v0.1.0.sqlite3"


# --- the oracle -----------------------------------------------------------------------------------------------
def _today(search: str, *parts) -> bool:
    """The filter the lists used before (kept verbatim): the whole folded search in the joined fields."""
    q = fold(search)
    return not q or q in fold(" ".join(str(p or "") for p in parts))


def _oracle(search: str, *parts) -> bool:
    """Every word of the search (folded) is a substring of one of ``parts`` (folded)."""
    fields = [fold(p) for p in parts]
    return all(any(fold(w) in f for f in fields) for w in search.split())


def _parts(kind: str, r: dict) -> tuple:
    if kind == "schools":
        return (r["name"], r["address"], r["contact"])
    if kind == "classes":
        return (r["name"], r["school"])
    if kind == "instructors":
        return (r["full_name"], r["contact"], *r["modules"])
    if kind == "modules":
        return (r["name"], r["workshop_kinds"], r["description"])
    return (r["class"], r["school"], r["module"])


LISTS = {
    "schools": svc.list_schools,
    "classes": lambda q: svc.list_classes(search=q),
    "instructors": svc.list_instructors,
    "modules": svc.list_modules,
    "requirements": lambda q: svc.list_requirements(search=q),
}

QUERIES = [
    "", "   ", "ё", "е", "Ё", "ЛЁН", "лен", "зелёный", "ЗЕЛЕНЫЙ берег", "берег зелёный",
    "8а", "8А", "8ё", "8Е", "школа 5", "5 школа", "№", "«", "дзержинск", "ДЗЕРЖИНСК ленина",
    "фёдор", "ФЕДОР", "пётр фёдоров", "фёдоров   пётр", "эколог", "эколог белова", "белова эколог",
    "лаборант 8а", "лаборант лицей 8б", "анализ", "химич технол", "  лаборант   ", "ЁМКОСТИ",
    "титрование", "пробы воды", "несуществующее", "а б", "лицей", "лицейский", "игорь",
    "%", "_", "|", "\\", "100%", "8_800", "8%800", "%_", "a\x00", "\n", "belova@EXAMPLE", "EXAMPLE.RU",
    "ул.", "-", "оператор-аппаратчик", "аппаратчик-оператор", "ß", "SS", "strasse", "STRAẞE",
]


def _data_set() -> dict:
    ids: dict = {}
    m_lab = svc.create_module({"name": "Профпроба «Лаборант химического анализа»", "hours": 8,
                               "workshop_kinds": "Лабораторный химический анализ",
                               "description": "Титрование, весы, ёмкости"})
    m_app = svc.create_module({"name": "Профпроба «Аппаратчик-оператор»", "hours": 12,
                               "workshop_kinds": "Химическая технология", "description": "ЁМКОСТИ и насосы"})
    m_eco = svc.create_module({"name": "Эколог", "hours": 6, "description": "Пробы воды, Дзержинск"})
    m_odd = svc.create_module({"name": "Модуль 100% _ | Straße", "hours": 2, "description": "\\ обратная косая"})
    ids["modules"] = [m_lab, m_app, m_eco, m_odd]
    svc.create_instructor({"full_name": "Фёдоров Пётр Ильич", "contact": "+7 910 000-00-01",
                           "module_ids": [m_lab, m_app]})
    svc.create_instructor({"full_name": "Белова Наталья", "contact": "belova@example.ru", "module_ids": [m_eco]})
    svc.create_instructor({"full_name": "ЛИЦЕЙСКИЙ Игорь", "contact": "", "module_ids": []})
    svc.create_instructor({"full_name": "Петров Лён", "contact": "8_800 | 100%", "module_ids": [m_odd, m_eco]})
    s5 = svc.create_school({"name": "МБОУ «Средняя школа № 5»", "address": "г. Дзержинск, ул. Ленина, д. 1",
                            "contact": "Завуч Фёдорова"})
    s38 = svc.create_school({"name": "Лицей № 38", "address": "ул. Чкалова", "contact": "ЁЛКИНА Ольга"})
    sz = svc.create_school({"name": "Школа «Зелёный берег»", "address": "", "contact": "тел. 8%800"})
    svc.create_school({"name": "Пустая школа", "address": "Лесная", "contact": ""})
    for sid, names in ((s5, ("8А", "8Б")), (s38, ("8Б", "8Ё")), (sz, ("8е", "8Лён"))):
        for n in names:
            svc.create_class({"school_id": sid, "name": n, "pupils": 20, "weekdays": [0, 2], "slots": [1, 2]})
    ids["term"] = svc.create_term({"name": "2026/27", "starts_on": dt.date(2026, 9, 1), "ends_on": dt.date(2027, 5, 28)})
    svc.add_all_requirements(ids["term"])
    ids["schools"] = [s5, s38, sz]
    return ids


def test_every_list_finds_what_the_oracle_finds(db):
    _data_set()
    for kind, fn in LISTS.items():
        everything = fn("")
        assert everything, kind
        for q in QUERIES:
            got = fn(q)
            expected = [r for r in everything if _oracle(q, *_parts(kind, r))]
            assert got == expected, (kind, q)
            # one word: exactly the rows the old Python filter kept; several: at least those
            old = [r for r in everything if _today(q, *_parts(kind, r))]
            if len(q.split()) <= 1:
                assert got == old, (kind, q)
            else:
                assert all(r in got for r in old), (kind, q)


def test_the_oracle_is_not_trivial(db):
    """The data set exercises each path: own fields, related names, ё/е, case, several words, LIKE
    metacharacters typed literally."""
    _data_set()
    names = lambda rows, key="name": sorted(r[key] for r in rows)  # noqa: E731
    assert names(svc.list_schools("ЗЕЛЕНЫЙ")) == ["Школа «Зелёный берег»"]
    assert names(svc.list_schools("ёлкина")) == ["Лицей № 38"]
    assert names(svc.list_schools("8%800")) == ["Школа «Зелёный берег»"]
    assert names(svc.list_schools("%")) == ["Школа «Зелёный берег»"]
    assert svc.list_schools("_") == []
    assert svc.list_schools("|") == []  # no field holds one; the key's own separator is not searched
    # a class by its school's name, not by its address or contact
    assert sorted(r["title"] for r in svc.list_classes(search="лицей 8б")) == ["8Б — Лицей № 38"]
    assert svc.list_classes(search="чкалова") == []
    assert sorted(r["name"] for r in svc.list_classes(search="8е")) == ["8Ё", "8е"]
    assert sorted(r["name"] for r in svc.list_classes(search="8лен")) == ["8Лён"]
    assert sorted(r["name"] for r in svc.list_classes(search="лен")) == ["8Лён", "8е"]  # «Зелёный берег»
    # an instructor by the names of their modules, not by the modules' descriptions
    assert names(svc.list_instructors("эколог"), "full_name") == ["Белова Наталья", "Петров Лён"]
    assert names(svc.list_instructors("белова эколог"), "full_name") == ["Белова Наталья"]
    assert names(svc.list_instructors("аппаратчик петр"), "full_name") == ["Фёдоров Пётр Ильич"]
    assert svc.list_instructors("титрование") == []
    assert names(svc.list_instructors("STRASSE"), "full_name") == ["Петров Лён"]
    assert names(svc.list_modules("ёмкости"), "name") == ["Профпроба «Аппаратчик-оператор»",
                                                         "Профпроба «Лаборант химического анализа»"]
    assert names(svc.list_modules("\\"), "name") == ["Модуль 100% _ | Straße"]
    # a requirement by class, school and module names
    assert len(svc.list_requirements(search="лаборант 8ё")) == 2  # 8Ё and 8е
    reqs = svc.list_requirements(search="лаборант лицей 8ё")
    assert [(r["class"], r["school"], r["module"]) for r in reqs] == [
        ("8Ё", "Лицей № 38", "Профпроба «Лаборант химического анализа»")]
    assert svc.list_requirements(search="ленина") == []  # a school's address is not searched here


def test_filters_combine_with_search(db):
    ids = _data_set()
    s5, s38, _sz = ids["schools"]
    assert [r["name"] for r in svc.list_classes(s5, "8б")] == ["8Б"]
    assert [r["school_id"] for r in svc.list_classes(search="8б")] == [s38, s5]  # ordered by school name
    assert svc.list_classes(s38, "средняя") == []
    other = svc.create_term({"name": "2027/28", "starts_on": dt.date(2027, 9, 1), "ends_on": dt.date(2028, 5, 28)})
    svc.add_all_requirements(other)
    both = svc.list_requirements(search="эколог 8а")
    assert len(both) == 2 and {r["term_id"] for r in both} == {ids["term"], other}
    only = svc.list_requirements(other, "эколог 8а")
    assert [r["term_id"] for r in only] == [other]
    assert only[0]["placed"] == 0 and only[0]["hours"] == 6


def test_counts_of_a_school_survive_the_search(db):
    ids = _data_set()
    rows = svc.list_schools("средняя")
    assert [(r["id"], r["classes"], r["pupils"]) for r in rows] == [(ids["schools"][0], 2, 40)]
    empty = svc.list_schools("пустая")
    assert [(r["classes"], r["pupils"]) for r in empty] == [(0, 0)]


def test_keys_follow_edits(db):
    ids = _data_set()
    s5 = ids["schools"][0]
    m_eco = ids["modules"][2]
    row = svc.list_schools("средняя")[0]
    svc.update_school(s5, {"name": "Гимназия № 2", "address": row["address"], "contact": row["contact"]},
                      version=row["version"])
    assert svc.list_schools("средняя") == []
    assert [r["id"] for r in svc.list_schools("гимназия")] == [s5]
    assert [r["name"] for r in svc.list_classes(search="гимназия")] == ["8А", "8Б"]
    assert svc.list_requirements(search="средняя") == []
    mod = next(m for m in svc.list_modules("эколог"))
    svc.update_module(m_eco, {"name": "Профпроба «Биолог»", "hours": mod["hours"], "description": mod["description"]},
                      version=mod["version"])
    assert svc.list_modules("эколог") == []
    assert sorted(r["full_name"] for r in svc.list_instructors("биолог")) == ["Белова Наталья", "Петров Лён"]
    assert svc.list_instructors("эколог") == []
    # module assignments change what an instructor is found by
    ins = svc.list_instructors("белова")[0]
    svc.update_instructor(ins["id"], {"full_name": ins["full_name"], "contact": "новый контакт", "module_ids": []},
                          version=ins["version"])
    assert svc.list_instructors("биолог белова") == []
    assert [r["id"] for r in svc.list_instructors("КОНТАКТ")] == [ins["id"]]
    with context.read() as s:
        for o in s.scalars(select(School)):
            assert o.search_key == school_search_key(o.name, o.address, o.contact)
        for o in s.scalars(select(SchoolClass)):
            assert o.search_key == class_search_key(o.name)
        for o in s.scalars(select(Instructor)):
            assert o.search_key == instructor_search_key(o.full_name, o.contact)
        for o in s.scalars(select(CourseModule)):
            assert o.search_key == module_search_key(o.name, o.workshop_kinds, o.description)


def test_the_lists_load_only_the_matching_rows(db):
    """The filter runs in the database: the ORM builds objects for the matching rows only."""
    _data_set()
    loaded: list = []

    def on_load(target, _ctx):
        loaded.append(type(target).__name__)

    models = (School, SchoolClass, Instructor, CourseModule)
    for m in models:
        event.listen(m, "load", on_load)
    try:
        assert len(svc.list_schools("ёлкина")) == 1
        assert loaded == ["School"]
        loaded.clear()
        assert len(svc.list_classes(search="8лен")) == 1
        assert loaded == ["SchoolClass"]
        loaded.clear()
        assert len(svc.list_instructors("белова")) == 1
        assert loaded == ["Instructor"]
        loaded.clear()
        assert len(svc.list_modules("титрование")) == 1
        assert loaded == ["CourseModule"]
    finally:
        for m in models:
            event.remove(m, "load", on_load)


def test_a_long_description_is_stored_and_found(db):
    """``course_modules.search_key`` is not indexed: a description of any length fits (a PostgreSQL
    B-tree entry could not hold it)."""
    import random

    rng = random.Random(5)
    text = "".join(rng.choice("абвгдеёжзийклмнопрстуфхцчшщъыьэюяABCxyz0123456789 ") for _ in range(20_000))
    mid = svc.create_module({"name": "Длинный модуль", "hours": 2, "description": text + " финишнаяфраза"})
    assert [r["id"] for r in svc.list_modules("ФИНИШНАЯФРАЗА")] == [mid]
    long_name = "Ё" * 300
    sid = svc.create_school({"name": long_name, "address": "Ы" * 300, "contact": "ß" * 300})
    assert [r["id"] for r in svc.list_schools("е" * 300)] == [sid]
    assert [r["id"] for r in svc.list_schools("ss" * 300)] == [sid]


# --- the database file: upgrade, downgrade, bulk inserts (SQLite) ----------------------------------------
def _check_keys(execute) -> int:
    """Every key equals the models' key function of its row (``execute``: runs SQL, returns rows)."""
    n = 0
    for table, cols, fn in (("schools", "name, address, contact", school_search_key),
                            ("school_classes", "name", class_search_key),
                            ("instructors", "full_name, contact", instructor_search_key),
                            ("course_modules", "name, workshop_kinds, description", module_search_key)):
        for row in execute(f"SELECT {cols}, search_key FROM {table}").fetchall():
            assert row[-1] == fn(*row[:-1]), (table, row)
            n += 1
    return n


@pytest.mark.sqlite_only
def test_the_released_file_gets_its_keys_at_upgrade(tmp_path):
    work = tmp_path / "v0.1.0.sqlite3"
    shutil.copyfile(RELEASE_010, work)
    db = context.open_database(work)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    with db.engine.connect() as conn:
        assert _check_keys(conn.exec_driver_sql) == 6 + 13 + 5 + 6
        sql = {r[0]: r[1] for r in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE '%search_key'")}
    assert {"ix_schools_search_key", "ix_school_classes_search_key", "ix_instructors_search_key"} <= set(sql)
    everything = {kind: fn("") for kind, fn in LISTS.items()}
    for kind, fn in LISTS.items():
        for r in everything[kind][:3]:
            word = _parts(kind, r)[0].split()[-1].upper().replace("Е", "Ё")
            got = fn(word)
            assert got == [x for x in everything[kind] if _oracle(word, *_parts(kind, x))], (kind, word)
            assert r in got
    context.close_database()


@pytest.mark.sqlite_only
def test_downgrade_loses_nothing_and_upgrade_refills(db_path):
    db = context.open_database(db_path)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    _data_set()
    before = {kind: fn("") for kind, fn in LISTS.items()}

    migrate_to(db, "0007_inventory_search", down=True)
    with db.engine.connect() as conn:
        for table in ("schools", "school_classes", "instructors", "course_modules"):
            cols = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")]
            assert cols and "search_key" not in cols, table
        counts = [conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                  for t in ("schools", "school_classes", "schedule_requirements", "instructor_modules")]
        assert counts == [4, 6, 24, 5]
        # what the old program would have written: rows without a key
        conn.exec_driver_sql("UPDATE schools SET name = name || ' (ред.)' WHERE name = 'Лицей № 38'")
        conn.commit()
    migrate_to(db, "head", down=False)
    with db.engine.connect() as conn:
        assert _check_keys(conn.exec_driver_sql) == 4 + 6 + 4 + 4
    assert [r["name"] for r in svc.list_schools("ред.")] == ["Лицей № 38 (ред.)"]
    after = {kind: fn("") for kind, fn in LISTS.items()}
    assert after["classes"] == [r if r["school"] != "Лицей № 38" else
                                {**r, "school": "Лицей № 38 (ред.)", "title": f"{r['name']} — Лицей № 38 (ред.)"}
                                for r in before["classes"]]
    assert len(after["requirements"]) == len(before["requirements"]) == 24
    assert [r["id"] for r in after["instructors"]] == [r["id"] for r in before["instructors"]]
    context.close_database()


def test_the_benchmark_fills_the_keys(tmp_path):
    import sqlite3

    from bench.generate import generate

    g = generate(tmp_path / "bench.sqlite3", seed=2, scale=0.005)
    con = sqlite3.connect(g.path)
    try:
        assert con.execute("SELECT count(*) FROM schools WHERE search_key = ''").fetchone()[0] == 0
        assert _check_keys(con.execute) >= 4
    finally:
        con.close()
