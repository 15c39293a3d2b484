"""Safe regeneration of a term: what stays, a preview of what changes, one journaled action, undo.

- Lessons dated before the cut — today, or ``from_date`` when that is later — and locked lessons are
  never touched (not even rewritten: their rows stay as they are). The solver sees them as fixed and
  places only the hours they leave, on dates from the cut on.
- :func:`plan` computes the new timetable and compares it with the lessons it would replace:
  ``added`` / ``moved`` / ``removed`` (per school too). A lesson the new plan keeps at the same date,
  lesson, workshop and instructor is kept as it is. Nothing is written.
- :func:`apply` writes a plan in one unit of work: the term's lessons as they were go into a restore
  point (``schedule_restore_points``), the journal records every removed and added lesson and the run.
  It refuses when the term's lessons changed after the preview.
- :func:`undo` puts the term's lessons back as the latest restore point holds them (same ids, same
  values), journaled, and drops that point: the points are a stack, so the generation before can be
  undone next (the latest :data:`KEEP_POINTS` generations of each term are kept).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict

from sqlalchemy import delete, insert, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import audit
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import Cancelled, NotFoundError, ValidationError
from chemcluster_desktop.services.schedule._common import WRITE, _fmt
from chemcluster_desktop.services.schedule._common import today as _today
from chemcluster_desktop.services.schedule.data import TermInfo
from chemcluster_desktop.services.schedule.hours import cap_problems
from chemcluster_desktop.services.schedule.instance import lesson_dicts, load_instance_in
from chemcluster_desktop.services.schedule.solver import solve
from chemcluster_desktop.services.schedule.terms import resolve_term
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.schedule import Lesson, RestorePoint, School, SchoolClass

_KEY = ("class_id", "subgroup", "module_id", "date", "slot_id", "workshop_id", "instructor_id")
_COLS = ("id", "term_id", "class_id", "subgroup", "pupils", "module_id", "instructor_id", "workshop_id", "date",
         "slot_id", "locked", "generated", "replaces_id", "created_at", "updated_at", "version")


def _key(le: dict) -> tuple:
    return tuple(le.get(k) or 0 if k == "subgroup" else le.get(k) for k in _KEY)


_STATE = ("id", "version", "locked", "class_id", "subgroup", "module_id", "instructor_id", "workshop_id", "date",
          "slot_id")


def _fingerprint(lessons: list[dict]) -> str:
    """A digest of the term's lessons exactly as the solver saw them (every id, version and place). It is
    computed from the very rows the plan was made from — not by a second query, which on PostgreSQL (read
    committed) could already see a lesson pinned or created after the first one (issue 19, finding 5)."""
    import hashlib

    h = hashlib.sha256()
    for le in sorted(lessons, key=lambda x: x["id"]):
        h.update(repr(tuple(str(le.get(k)) for k in _STATE)).encode())
    return h.hexdigest()


def plan(term_name, *, from_date: dt.date | None = None, to_date: dt.date | None = None,
         today: dt.date | None = None, progress=None, cancelled=None, time_limit: float | None = None,
         keep_valid: bool = True) -> dict:
    """The new timetable from the cut on and how it differs from the lessons it replaces (nothing written).
    ``keep_valid`` keeps every replaced lesson that still obeys the rules (see :mod:`.stable`) and places
    only the hours they leave; ``False`` plans the whole period afresh (the old places are only hints)."""
    from chemcluster_desktop.services.schedule.generation import validate_for_generation

    require(WRITE)
    t0 = time.monotonic()
    term = resolve_term(term_name)
    today = today or _today()
    cut = max(today, from_date or term["starts_on"], term["starts_on"])
    end = min(to_date or term["ends_on"], term["ends_on"])  # lessons after it stay as they are too
    if to_date is not None and end < cut:
        raise ValidationError(translate("Schedule", "Период генерации пуст: с {0} по {1}. Прошедшие занятия (до {2}) "
                                                    "не меняются.").format(_fmt(cut), _fmt(end), _fmt(today)))
    with read() as s:
        inst = load_instance_in(s, term["id"])
        lessons = lesson_dicts(s, Lesson.term_id == term["id"])
        fingerprint = _fingerprint(lessons)
        school_of = dict(s.execute(select(SchoolClass.id, School.name).join(School)).all())
        over = cap_problems(s, term["id"])
    if over:  # no class may go over the subject's cap (rows imported or written before the rule)
        more = translate("Schedule", " … и ещё {0}.").format(len(over) - 5) if len(over) > 5 else ""
        raise ValidationError(translate("Schedule", "Генерация не начата:") + "\n• " + "\n• ".join(over[:5]) + more)
    validate_for_generation(inst)
    kept = [le for le in lessons if le["locked"] or le["date"] < cut or le["date"] > end]
    old = [le for le in lessons if not (le["locked"] or le["date"] < cut or le["date"] > end)]
    if cut > end:
        result_lessons, unplaced, status = [], _left_hours(inst, kept), "PAST"
    else:
        result_lessons, unplaced, status = _solve(inst, kept, old, cut, end, keep_valid=keep_valid,
                                                  progress=progress, cancelled=cancelled, time_limit=time_limit)
    new_by_key = Counter(_key(le) for le in result_lessons)
    same, replaced = [], []
    for le in old:
        k = _key(le)
        if new_by_key[k] > 0:
            new_by_key[k] -= 1
            same.append(le)
        else:
            replaced.append(le)
    old_keys = Counter(_key(le) for le in same)
    added_rows = []
    for le in result_lessons:
        k = _key(le)
        if old_keys[k] > 0:
            old_keys[k] -= 1
        else:
            added_rows.append(le)
    # moved: a lesson of the same class, subgroup and module that is now elsewhere
    gone = defaultdict(int)
    for le in replaced:
        gone[(le["class_id"], le["subgroup"] or 0, le["module_id"])] += 1
    come = defaultdict(int)
    for le in added_rows:
        come[(le["class_id"], le["subgroup"] or 0, le["module_id"])] += 1
    by_school: dict[str, dict[str, int]] = defaultdict(lambda: {"added": 0, "moved": 0, "removed": 0})
    totals = {"added": 0, "moved": 0, "removed": 0}
    for k in set(gone) | set(come):
        moved = min(gone[k], come[k])
        row = by_school[school_of.get(k[0], "")]
        for name, n in (("moved", moved), ("removed", gone[k] - moved), ("added", come[k] - moved)):
            row[name] += n
            totals[name] += n
    return {
        "term": term["name"], "term_id": term["id"], "cut": cut, "end": end, "kept": len(kept),
        "kept_past": sum(1 for le in kept if le["date"] < cut), "kept_after": sum(1 for le in kept if le["date"] > end),
        "kept_locked": sum(1 for le in kept if le["locked"]),
        "unchanged": len(same), **totals,
        "by_school": [{"school": k, **v} for k, v in sorted(by_school.items())],
        "placed": len(kept) + len(same) + len(added_rows),
        "unplaced": sum(u["hours"] for u in unplaced), "reasons": unplaced, "status": status,
        "seconds": round(time.monotonic() - t0, 2),
        "_remove": [le["id"] for le in replaced], "_add": added_rows, "_fingerprint": fingerprint,
    }


def _solve(inst, kept: list[dict], old: list[dict], cut: dt.date, end: dt.date, *, keep_valid: bool, progress,
           cancelled, time_limit) -> tuple[list[dict], list[dict], str]:
    """The lessons from ``cut`` to ``end``: the still valid old ones plus what the solver places for the rest.
    When that leaves hours unplaced, a fresh plan (old places as hints) is tried too and wins only if it
    places more hours."""
    from chemcluster_desktop.services.schedule.stable import still_valid

    stay = still_valid(inst, kept, old) if keep_valid else []
    inst.term = TermInfo(inst.term.id, inst.term.name, cut, end)
    inst._holiday_dates = None
    stay_ids = {le["id"] for le in stay}
    res = solve(inst, kept + stay, progress=progress, cancelled=cancelled, time_limit=time_limit,
                prefer=[le for le in old if le["id"] not in stay_ids])
    if cancelled is not None and cancelled():
        raise Cancelled()
    lessons, unplaced, status = stay + res.lessons, res.unplaced, res.status or "KEPT"
    if stay and unplaced:
        fresh = solve(inst, kept, progress=progress, cancelled=cancelled, time_limit=time_limit, prefer=old)
        if cancelled is not None and cancelled():
            raise Cancelled()
        if sum(u["hours"] for u in fresh.unplaced) < sum(u["hours"] for u in unplaced):
            lessons, unplaced, status = fresh.lessons, fresh.unplaced, fresh.status
    return lessons, unplaced, status


def _left_hours(inst, kept: list[dict]) -> list[dict]:
    from chemcluster_desktop.services.schedule.check import check_hours

    return [{"class_id": None, "class": h["class"], "school": h["school"], "subgroup": 0, "module": h["module"],
             "hours": h["hours"] - h["placed"],
             "reason": translate("Schedule", "Период уже прошёл: менять можно только занятия с сегодняшнего дня.")}
            for h in check_hours(inst, kept)]


def public(p: dict) -> dict:
    """The plan without its private parts (what a preview or ``--json`` shows)."""
    return {k: v for k, v in p.items() if not k.startswith("_")}


def _row(le: dict) -> dict:
    out = {}
    for k in _COLS:
        v = le.get(k)
        out[k] = v.isoformat() if isinstance(v, dt.date | dt.datetime) else v
    return out


def apply(p: dict) -> dict:
    """Write a plan (one unit of work, journaled, undoable)."""
    require(WRITE)
    term_id = p["term_id"]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with uow() as s:  # the write lock is held from here: nobody pins, creates or moves a lesson meanwhile
        if _fingerprint(lesson_dicts(s, Lesson.term_id == term_id)) != p["_fingerprint"]:
            raise ValidationError(translate("Schedule", "Расписание периода «{0}» изменилось во время генерации или "
                                                        "после предпросмотра (занятие закрепили, добавили или "
                                                        "перенесли): запустите генерацию снова.").format(p["term"]))
        _refuse_clashes(s, p)
        before = [dict(zip(_COLS, r, strict=True)) for r in s.execute(
            select(*(getattr(Lesson, c) for c in _COLS)).where(Lesson.term_id == term_id).order_by(Lesson.id))]
        point = RestorePoint(term_id=term_id, created_at=now, lessons=[_row(le) for le in before],
                             label=translate("Schedule", "До генерации {0}").format(now.strftime("%d.%m.%Y %H:%M")))
        s.add(point)
        if p["_remove"]:
            ids = p["_remove"]
            for k in range(0, len(ids), 500):
                audit.record_deleting(s, "schedule", Lesson, Lesson.id.in_(ids[k:k + 500]))
                s.execute(delete(Lesson).where(Lesson.id.in_(ids[k:k + 500])))
        rows = [{**le, "term_id": term_id, "locked": False, "generated": True, "created_at": now,
                 "updated_at": now, "version": 1} for le in p["_add"]]
        after = audit.max_id(s, Lesson)
        for k in range(0, len(rows), 500):
            s.execute(insert(Lesson), rows[k:k + 500])
        if rows:
            audit.record_inserted(s, "schedule", Lesson, after, Lesson.term_id == term_id)
        s.flush()
        audit.record(s, "generate", "schedule", "Lesson", term_id, translate(
            "Schedule", "Сгенерировано расписание «{0}» с {1}: добавлено {2}, перенесено {3}, удалено {4}, "
                        "без изменений {5}, не тронуто (прошедшие и закреплённые) {6}; не размещено {7} ч").format(
            p["term"], _fmt(p["cut"]), p["added"], p["moved"], p["removed"], p["unchanged"], p["kept"],
            p["unplaced"]))
        pid = point.id
        _prune(s, term_id)
    return {**public(p), "restore_point": pid}


KEEP_POINTS = 20  # generations of a term that can be undone one after another (each point holds a timetable)


def _prune(s, term_id: int) -> None:
    old = list(s.scalars(select(RestorePoint.id).where(RestorePoint.term_id == term_id)
                         .order_by(RestorePoint.id.desc()).offset(KEEP_POINTS)))
    if old:
        s.execute(delete(RestorePoint).where(RestorePoint.id.in_(old)))


def _refuse_clashes(s, p: dict) -> None:
    """The last guard, under the write lock: the new lessons must not share a workshop, an instructor or a
    class with any lesson that stays — of this term or of any other (a hand-made lesson outside the term,
    an overlapping term). Nothing is written when they would."""
    if not p["_add"]:
        return
    from chemcluster_desktop.services.schedule.check import check

    days = {le["date"] for le in p["_add"]}
    gone = set(p["_remove"])
    stay = [le for le in lesson_dicts(s, Lesson.date >= min(days), Lesson.date <= max(days))
            if le["id"] not in gone and le["date"] in days]
    new = [{**le, "id": -1 - k} for k, le in enumerate(p["_add"])]
    inst = load_instance_in(s, p["term_id"])
    found = [c for c in check(inst, stay + new, hours=False)
             if c["kind"] in ("workshop_double", "instructor_double", "class_double")
             and any(i < 0 for i in c["lesson_ids"])]
    if found:
        raise ValidationError(translate("Schedule", "Расписание изменилось во время генерации, или новые занятия "
                                                    "совпали бы с занятиями другого периода — запустите генерацию "
                                                    "снова (занятие другого периода сначала перенесите). Совпали бы:")
                              + "\n• "
                              + "\n• ".join(c["message"] for c in found[:5]))


def restore_points(term_name) -> list[dict]:
    term = resolve_term(term_name)
    with read() as s:
        return [{"id": r.id, "label": r.label, "created_at": r.created_at, "lessons": len(r.lessons or [])}
                for r in s.scalars(select(RestorePoint).where(RestorePoint.term_id == term["id"])
                                   .order_by(RestorePoint.id.desc()))]


def undo(term_name) -> dict:
    """The term's lessons back as they were before the latest generation (same rows), journaled."""
    require(WRITE)
    term = resolve_term(term_name)
    with uow() as s:
        point = s.scalars(select(RestorePoint).where(RestorePoint.term_id == term["id"])
                          .order_by(RestorePoint.id.desc())).first()
        if point is None:
            raise NotFoundError(translate("Schedule", "Для периода «{0}» нечего отменять: генераций после "
                                                      "обновления программы не было.").format(term["name"]))
        audit.record_deleting(s, "schedule", Lesson, Lesson.term_id == term["id"])
        s.execute(delete(Lesson).where(Lesson.term_id == term["id"]))
        rows = []
        for r in point.lessons:
            row = dict(r)
            row["date"] = dt.date.fromisoformat(row["date"])
            for k in ("created_at", "updated_at"):
                row[k] = dt.datetime.fromisoformat(row[k]) if row.get(k) else None
            rows.append(row)
        for k in range(0, len(rows), 500):  # a Core insert: the ORM's would reset the version counter
            s.execute(insert(Lesson.__table__), rows[k:k + 500])
        audit.record(s, "undo", "schedule", "Lesson", term["id"], translate(
            "Schedule", "Отменена генерация расписания «{0}»: восстановлено {1} занятий ({2})").format(
            term["name"], len(rows), point.label))
        label = point.label
        s.delete(point)
        s.flush()
        # a stack: the generation before this one can be undone next
        left = list(s.scalars(select(RestorePoint.label).where(RestorePoint.term_id == term["id"])
                              .order_by(RestorePoint.id.desc())))
    return {"term": term["name"], "restored": len(rows), "label": label, "left": len(left),
            "next": left[0] if left else None}
