"""``chemcluster report schedule``: timetables per school, class, workshop or instructor (week grid
and term list), and the .xlsx export for schools.

Filters: ``school``, ``class_`` (with ``school`` when the name repeats), ``workshop``,
``instructor``, ``term`` (name or ``current``; default: the current term), ``view`` (school | week |
term). For schools (no class/workshop/instructor filter) the default is the paper a school signs
(:mod:`reports.school_timetable`: «СОГЛАСОВАНО»/«УТВЕРЖДАЮ», the network-agreement number, one page
per school and month); otherwise the week grid and the term list. Without school/class/workshop/
instructor each school gets its own section. :func:`export_ics` writes an iCalendar file per school.
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

    if view not in (None, "", "week", "term", "school"):
        raise ValidationError(translate("Reports", "Вид расписания: school (лист для школы на подпись), week (сетка недели) "
                                                   "или term (список за период)."), field="view")
    if progress:
        progress(0, 2)
    t, who, sections = collect(school=school, class_=class_, workshop=workshop, instructor=instructor, term=term)
    if progress:
        progress(1, 2)
    title = _t(TITLE)
    if who == "school" and view in (None, "", "school"):
        return _school_papers(dest, t, sections, title, cancelled=cancelled, progress=progress)
    if view == "school":
        raise ValidationError(translate("Reports", "Лист на подпись строится для школ: уберите фильтр класса, "
                                                   "мастерской или преподавателя."), field="view")
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


def visits(lessons: list[dict]) -> list[dict]:
    """Lessons grouped as a school sees them: one row per visit — a class on one day at consecutive
    lessons of one module, its parallel subgroups together."""
    by: dict[tuple, list[dict]] = defaultdict(list)
    for le in lessons:
        by[(le["date"], le["school"], le["class_name"], le["module"])].append(le)
    out = []
    for (day, school, cls, module), group in sorted(by.items(), key=lambda kv: (kv[0][0], min(x["slot"] for x in kv[1]),
                                                                               kv[0][1], kv[0][2])):
        slots = sorted({x["slot"] for x in group})
        runs: list[list[int]] = []
        for n in slots:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        for run in runs:
            part = [x for x in group if x["slot"] in run]
            subs = sorted({x["subgroup"] or 0 for x in part})
            first = min(part, key=lambda x: x["slot"])
            last = max(part, key=lambda x: x["slot"])
            per_sub = {}
            for x in sorted(part, key=lambda x: (x["subgroup"] or 0, x["slot"])):
                per_sub.setdefault(x["subgroup"] or 0, x)
            teachers = []
            for x in per_sub.values():
                name = x.get("instructor") or "—"
                if x.get("replaces"):
                    name += translate("Reports", " (замена за {0})").format(x["replaces"])
                teachers.append(name)
            out.append({
                "date": day, "school": school, "class": cls + (f" ({', '.join(map(str, subs))})" if subs != [0] else ""),
                "module": module, "slots": run, "starts_at": first["starts_at"], "ends_at": last["ends_at"],
                "workshops": [x["workshop"] for x in per_sub.values()], "instructors": teachers,
                "ids": sorted(x["id"] for x in part),
            })
    return out


def _school_papers(dest, t: dict, sections, title: str, *, cancelled=None, progress=None) -> printing.ReportResult:
    from chemcluster_desktop.reports import school_timetable as st
    from chemcluster_desktop.reports.timetable import DAYS

    info = {x["name"]: x for x in svc.list_schools()}
    college = printing.college_info()
    papers = []
    for name, _sub, lessons in sections:
        s = info.get(name, {})
        paper = st.SchoolPaper(name, s.get("director", ""), s.get("agreement", ""))
        for v in visits(lessons):
            lessons_text = "–".join(str(n) for n in (v["slots"][0], v["slots"][-1])) if len(v["slots"]) > 1 \
                else str(v["slots"][0])
            paper.months.setdefault((v["date"].year, v["date"].month), []).append([
                v["date"].strftime("%d.%m.%Y"), _t(DAYS[v["date"].weekday()]), lessons_text,
                f"{v['starts_at'].strftime('%H:%M')}–{v['ends_at'].strftime('%H:%M')}", v["class"], v["module"],
                " / ".join(v["workshops"]), " / ".join(v["instructors"])])
        if not paper.months:
            paper.months[(t["starts_on"].year, t["starts_on"].month)] = []
        papers.append(paper)
    n = st.build(dest, title=title, college=college.get("college.name", ""),
                 college_short=college.get("college.short_name", ""),
                 college_director=college.get("college.director", ""), term=t["name"], papers=papers,
                 cancelled=cancelled)
    if progress:
        progress(2, 2)
    return printing.ReportResult(str(dest), printing.page_count(dest), title, n)


def export_ics(path, *, school: str, term=None) -> int:
    """The school's visits of the term as an iCalendar file; returns the events written."""
    from chemcluster_desktop.reports import ics

    t, _who, sections = collect(school=school, term=term)
    name, _sub, lessons = sections[0]
    events = []
    for v in visits(lessons):
        events.append({
            "uid": f"chemcluster-{t['id']}-{'-'.join(map(str, v['ids']))}@chemcluster-desktop",
            "date": v["date"], "starts_at": v["starts_at"], "ends_at": v["ends_at"],
            "summary": f"{v['class']}: {v['module']}", "location": " / ".join(v["workshops"]),
            "description": translate("Reports", "Преподаватель: {0}. Уроки {1}.").format(
                " / ".join(v["instructors"]), ", ".join(map(str, v["slots"]))),
        })
    return ics.write(path, translate("Reports", "{0}: занятия в мастерских ({1})").format(name, t["name"]), events)
