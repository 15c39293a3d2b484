"""``chemcluster report schedule``: timetables per school, class, workshop or instructor (week grid
and term list), and the .xlsx export for schools.

Filters: ``school``, ``class_`` (with ``school`` when the name repeats), ``workshop``,
``instructor``, ``term`` (name or ``current``; default: the current term), ``view`` (week | term;
default both). Without school/class/workshop/instructor each school gets its own section.
"""

from __future__ import annotations

from collections import defaultdict

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import printing
from chemcluster_desktop.services import schedule as svc
from chemcluster_desktop.services.errors import NotFoundError, ValidationError
from chemcluster_desktop.storage.search import fold

TITLE = "Расписание занятий 8-х классов"
FILTERS = ["school", "class_", "workshop", "instructor", "term", "view"]


def _t(s: str) -> str:
    return translate("Reports", s)


def _find(rows: list[dict], key: str, name: str, what: str) -> dict:
    hits = [r for r in rows if fold(r[key]) == fold(name)] or [r for r in rows if fold(name) in fold(r[key])]
    if not hits:
        raise NotFoundError(translate("Reports", "{0} «{1}» не найден(а).").format(what, name))
    return hits[0]


def collect(*, school=None, class_=None, workshop=None, instructor=None, term=None) -> tuple[dict, str, list]:
    """(term, who, [(section title, subtitle, lessons)])."""
    t = svc.resolve_term(term or "current")
    a, b = t["starts_on"], t["ends_on"]
    sub = translate("Reports", "{0}: {1} — {2}").format(t["name"], a.strftime("%d.%m.%Y"), b.strftime("%d.%m.%Y"))
    if class_:
        classes = svc.list_classes()
        if school:
            sc = _find(svc.list_schools(), "name", school, translate("Reports", "Школа"))
            classes = [c for c in classes if c["school_id"] == sc["id"]]
        c = _find(classes, "name", class_, translate("Reports", "Класс"))
        return t, "class", [(translate("Reports", "Класс {0} — {1}").format(c["name"], c["school"]), sub,
                             svc.lessons_between(a, b, class_id=c["id"], term_id=t["id"]))]
    if workshop:
        w = _find(svc.list_workshops(), "name", workshop, translate("Reports", "Мастерская"))
        return t, "workshop", [(w["name"], sub, svc.lessons_between(a, b, workshop_id=w["id"], term_id=t["id"]))]
    if instructor:
        i = _find(svc.list_instructors(), "full_name", instructor, translate("Reports", "Преподаватель"))
        return t, "instructor", [(i["full_name"], sub,
                                  svc.lessons_between(a, b, instructor_id=i["id"], term_id=t["id"]))]
    schools = svc.list_schools()
    if school:
        schools = [_find(schools, "name", school, translate("Reports", "Школа"))]
    out = []
    lessons = svc.lessons_between(a, b, term_id=t["id"])
    by = defaultdict(list)
    for le in lessons:
        by[le["school_id"]].append(le)
    for s in schools:
        if school or by.get(s["id"]):
            out.append((s["name"], sub, by.get(s["id"], [])))
    return t, "school", out


def build(dest, *, progress=None, cancelled=None, school=None, class_=None, workshop=None, instructor=None,
          term=None, view=None) -> printing.ReportResult:
    from chemcluster_desktop.reports import timetable

    if view not in (None, "", "week", "term"):
        raise ValidationError(translate("Reports", "Вид расписания: week (сетка недели) или term (список за период)."), field="view")
    if progress:
        progress(0, 2)
    t, who, sections = collect(school=school, class_=class_, workshop=workshop, instructor=instructor, term=term)
    if progress:
        progress(1, 2)
    title = _t(TITLE)
    n = timetable.build(dest, title=title, college=printing.college_info().get("college.name", ""),
                        sections=[timetable.Section(a, b, c) for a, b, c in sections], slots=svc.list_slots(),
                        who=who, view=view or None, cancelled=cancelled)
    if progress:
        progress(2, 2)
    return printing.ReportResult(str(dest), printing.page_count(dest), title, n)


def export_xlsx(path, *, school=None, class_=None, workshop=None, instructor=None, term=None, view=None) -> int:
    """The timetable for schools as .xlsx, one sheet per school; returns lessons written."""
    from chemcluster_desktop.xlsx import schedule as xs

    t, _who, sections = collect(school=school, class_=class_, workshop=workshop, instructor=instructor, term=term)
    by = defaultdict(list)
    for _title, _sub, lessons in sections:
        for le in lessons:
            by[le["school"]].append(le)
    return xs.write(path, translate("Reports", "Расписание занятий 8-х классов: {0}").format(t["name"]), by)
