"""Why a class visit was left unplaced: the resource that ran out, computed from the constraints.

The solver (:mod:`.solver`) calls these once a block has no place at all (:func:`no_place_reason`) or
the search left it out (:func:`bottleneck_reason`). Each walks the block's own candidate places — the
weekdays the class and its instructors share, the lesson numbers both allow, the phases of the term —
and counts which resource takes them: the workshop, an instructor, the class itself (another module),
a lesson locked there, an instructor's days away. The message names the class's window and the
resource that blocks most of it, with the other classes there.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from chemcluster_desktop.i18n import translate


def days_text(days) -> str:
    from chemcluster_desktop.services.schedule._common import weekday_names

    names = weekday_names()
    return ", ".join(names[d] for d in sorted(days))


def _slots_text(slots) -> str:
    xs = sorted(slots)
    if not xs:
        return ""
    if xs == list(range(xs[0], xs[-1] + 1)) and len(xs) > 1:
        return f"{xs[0]}–{xs[-1]}"
    return ", ".join(str(x) for x in xs)


def block_days(g, b) -> tuple[set[int], set[int], set]:
    """The weekdays and lesson numbers the class and every instructor of the visit share, and the
    dates one of the instructors is away."""
    inst = g.inst
    c = inst.classes[b.class_id]
    days, common, away = set(c.weekdays), set(g.class_slots[c.id]), set()
    for i in b.instructor_ids:
        ins = inst.instructors[i]
        days &= ins.weekdays
        common &= g.ins_slots[i]
        away |= ins.unavailable_dates
    return days, common, away


def _window(g, b) -> str:
    c = g.inst.classes[b.class_id]
    return translate("Schedule", "{0} может прийти в {1}, уроки {2}").format(
        c.name, days_text(c.weekdays), _slots_text(g.class_slots[c.id]))


def _resource_name(g, r) -> str:
    inst = g.inst
    if r[0] == "w":
        name = inst.workshops[r[1]].name
        if name.lower().startswith("мастерская"):
            return name[0].lower() + name[1:]
        return translate("Schedule", "мастерская «{0}»").format(name)
    if r[0] == "i":
        return translate("Schedule", "преподаватель {0}").format(inst.instructors[r[1]].name)
    return translate("Schedule", "класс {0}").format(inst.classes[r[1]].name)


def _instructor_names(g, b) -> str:
    return ", ".join(g.inst.instructors[i].name for i in b.instructor_ids)


def no_place_reason(g, b, days: set[int], starts: list[int], off_dates: int, blocked: set) -> str:
    """The block has no candidate place at all: which constraint removed them."""
    inst = g.inst
    c = inst.classes[b.class_id]
    if not days:
        own = set.intersection(*(inst.instructors[i].weekdays for i in b.instructor_ids)) if b.instructor_ids else set()
        return translate("Schedule", "{0}, а {1} работает в {2}: общих дней нет.").format(
            _window(g, b), _instructor_names(g, b), days_text(own))
    if not starts:
        return translate("Schedule", "{0}, а у преподавателя {1} нет {2} уроков подряд в эти часы.").format(
            _window(g, b), _instructor_names(g, b), b.length)
    hits: Counter = Counter()
    for d in days:
        for p in range(g.phases[d] - g.span[b.idx] + 1):
            for s in starts:
                for pp in range(p, p + g.span[b.idx]):
                    for n in g.covered(b, s):
                        for r in b.resources() + [("c", c.id, 0)]:
                            if (r, pp, d, n) in blocked:
                                hits[r] += 1
    if hits:
        r, _n = hits.most_common(1)[0]
        return translate("Schedule", "{0}, а {1} в это время занят(а) закреплёнными занятиями.").format(
            _window(g, b), _resource_name(g, r))
    if off_dates:
        away = sorted(d for i in b.instructor_ids for d in inst.instructors[i].unavailable_dates
                      if inst.term.starts_on <= d <= inst.term.ends_on)
        return translate("Schedule", "Преподаватель {0} недоступен {1}: в дни класса ({2}) не набирается {3} занятий подряд.").format(
            _instructor_names(g, b), _dates_text(away), days_text(days), b.visits)
    return translate("Schedule", "{0}: в период «{1}» не помещается {2} занятий подряд.").format(
        _window(g, b), inst.term.name, b.visits)


def _dates_text(days) -> str:
    if not days:
        return ""
    runs = []
    start = prev = days[0]
    for d in days[1:]:
        if (d - prev).days == 1:
            prev = d
            continue
        runs.append((start, prev))
        start = prev = d
    runs.append((start, prev))
    return ", ".join(a.strftime("%d.%m") if a == b else f"{a.strftime('%d')}–{b.strftime('%d.%m')}" for a, b in runs)


def taken_cells(g) -> dict[tuple, list[int]]:
    """(resource, phase, weekday, slot) → the classes placed there (placed blocks and locked lessons)."""
    out: dict[tuple, list[int]] = defaultdict(list)
    for b in g.blocks:
        if b.cell is None:
            continue
        p, d, s = b.cell
        for pp in g.run(b, p, d, block_days(g, b)[2])[1]:
            for n in g.covered(b, s):
                for r in b.resources() + [("c", b.class_id, 0)]:
                    out[(r, pp, d, n)].append((b.class_id, b.module_id))
    occ = {}
    for d in range(7):
        for k, day in enumerate(g.dates[d]):
            occ[(d, day)] = k
    for le in g.locked:
        k = occ.get((le["date"].weekday(), le["date"]))
        if k is None or not g.K:
            continue
        n = g.inst.slot_by_id[le["slot_id"]].number
        key = (k // g.K, le["date"].weekday(), n)
        who = (le["class_id"], le["module_id"])
        out[(("w", le["workshop_id"]),) + key].append(who)
        if le.get("instructor_id") is not None:
            out[(("i", le["instructor_id"]),) + key].append(who)
        out[(("c", le["class_id"], 0),) + key].append(who)
    return out


def bottleneck_reason(g, b, taken: dict) -> str:
    """The search left the block out: the resource that takes most of its candidate places, and by whom."""
    inst = g.inst
    c = inst.classes[b.class_id]
    days, common, _away = block_days(g, b)
    starts = g.starts_for(common, b.length, aligned=True)
    hits: Counter = Counter()
    by: dict = defaultdict(set)
    for d in days:
        for p in range(g.phases[d] - g.span[b.idx] + 1):
            for s in starts:
                for pp in range(p, p + g.span[b.idx]):
                    for n in g.covered(b, s):
                        for r in b.resources() + [("c", c.id, 0)]:
                            others = [x for x in taken.get((r, pp, d, n), ()) if x[0] != c.id or r[0] == "c"]
                            if others:
                                hits[r] += 1
                                by[r].update(others)
    if not hits:
        return translate("Schedule", "{0}: поиск не успел разместить визит, запустите генерацию с большим временем.").format(
            _window(g, b))
    r, _n = hits.most_common(1)[0]
    if r[0] == "c":
        mods = sorted({inst.modules[m].name for _c, m in by[r] if m in inst.modules})
        return translate("Schedule", "{0}, а в эти часы у класса уже другие модули: {1}.").format(
            _window(g, b), ", ".join(f"«{m}»" for m in mods))
    who = sorted({inst.classes[x].name + " (" + inst.schools.get(inst.classes[x].school_id, "") + ")"
                  for x, _m in by[r] if x in inst.classes})
    more = translate("Schedule", " и ещё {0}").format(len(who) - 4) if len(who) > 4 else ""
    return translate("Schedule", "{0}, а {1} в это время занят(а): {2}{3}.").format(
        _window(g, b), _resource_name(g, r), ", ".join(who[:4]), more)
