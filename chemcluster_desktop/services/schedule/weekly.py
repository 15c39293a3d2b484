"""The weekly load of the generator (:mod:`.solver`, step 3): each class's hours a week at most, the hours a
visit series takes in each week, and the reason given when a series is left out because its class's weeks
are full."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import TYPE_CHECKING

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.schedule.reasons import _window

if TYPE_CHECKING:
    from chemcluster_desktop.services.schedule.solver import Block, _Grid, _Vars


def week_of(day: dt.date) -> tuple[int, int]:
    """The ISO (year, week) a date falls in: the unit of a class's weekly load."""
    y, w, _d = day.isocalendar()
    return y, w


# the share of a class's teaching weeks its even weekly load is planned on: a module comes in consecutive
# weeks on one weekday, and modules follow each other, so a class whose hours would need every single week
# at the even rate gets one more visit a week rather than hours left out
FILL = 0.75


def _weekly_caps(g: _Grid, live: list[Block]) -> None:
    """Each class's weekly load: at most ``cap`` hours in any week, where ``cap`` is the class's hours in the
    period (what is left to place plus its locked lessons there) over three quarters of the weeks it can
    come (:data:`FILL`), rounded up to whole visits (L = 2 hours: a double lesson).

    The subject has a *weekly* load in the school's curriculum (the federal curriculum of ФОП ООО is a
    weekly table: «Труд (технология)» in the 8th grade 1 hour a week, 34 a year), so a class's hours are
    spread over the weeks of the period, not packed into its first weeks: 18 hours over 16 teaching weeks
    (18 / (16 × 0.75) = 1.5 h) → at most one double lesson a week; 64 hours over 34 weeks → two. Hard
    rather than only an objective: it is the rule a school timetable follows and it keeps the model small
    (a linear sum per class and week); the quarter of the weeks to spare keeps it from costing hours (at
    the bare mean, 64 hours over 34 weeks left ≈ 600 of the synthetic instance's 4,000 hours unplaced).
    Parallel halves are one visit; subgroups taught apart each have their own week."""
    inst = g.inst
    apart: dict[int, set[int]] = defaultdict(set)
    for b in live:
        if b.subgroup:
            apart[b.class_id].add(b.subgroup)

    def groups(cid: int, sub: int) -> list[tuple[int, int]]:
        subs = apart.get(cid)
        if not subs:
            return [(cid, 0)]
        return [(cid, sub)] if sub in subs else [(cid, x) for x in sorted(subs)]

    hours: dict[tuple[int, int], int] = defaultdict(int)
    length: dict[tuple[int, int], int] = defaultdict(lambda: 1)
    for b in live:
        g.groups_of[b.idx] = groups(b.class_id, b.subgroup)
        for k in g.groups_of[b.idx]:
            hours[k] += b.hours
            length[k] = max(length[k], b.length)
    t0, t1 = inst.term.starts_on, inst.term.ends_on
    locked: dict[tuple, set] = defaultdict(set)  # (group, week) -> the (date, slot) of its locked lessons
    for le in g.locked:
        if le["class_id"] in inst.classes and t0 <= le["date"] <= t1:
            for k in groups(le["class_id"], le.get("subgroup") or 0):
                locked[(k, week_of(le["date"]))].add((le["date"], le["slot_id"]))
    for (k, _w), xs in locked.items():
        hours[k] += len(xs)
    for k, h in hours.items():
        c = inst.classes[k[0]]
        weeks = {week_of(day) for d in c.weekdays for day in g.dates[d]}
        if not weeks:
            continue
        ln = length[k]
        g.week_cap[k] = ln * math.ceil(h / (ln * len(weeks) * FILL))
    for (k, w), xs in locked.items():
        if k in g.week_cap:
            g.week_left[(k, w)] = max(0, g.week_cap[k] - len(xs))


def _weeks_taken(taken: list[tuple]) -> dict[tuple[int, int], int]:
    """The hours a visit series taking these (date, hours) gives in each week."""
    out: dict[tuple[int, int], int] = defaultdict(int)
    for day, h in taken:
        out[week_of(day)] += h
    return out


def _weeks_filled(g: _Grid, vs: _Vars) -> dict:
    """(class group, week) -> the hours the placed visits take there."""
    out: dict = defaultdict(int)
    for b in g.blocks:
        if b.cell is not None and (b.idx,) + b.cell in vs.weeks:
            for w, h in vs.weeks[(b.idx,) + b.cell].items():
                for k in g.groups_of.get(b.idx, ()):
                    out[(k, w)] += h
    return out


def _week_cap_reason(g: _Grid, b: Block, vs: _Vars, full: dict) -> str:
    """Why an unplaced visit series is left out when every place it had would take its class over the weekly
    load; "" when some place was within it (another resource is the reason)."""
    places = [key for key in vs.a if key[0] == b.idx]
    groups = g.groups_of.get(b.idx, ())
    if not places or not groups:
        return ""
    weeks: set = set()
    for key in places:
        if all(full[(k, w)] + h <= g.left_in(k, w) for k in groups for w, h in vs.weeks[key].items()):
            return ""
        weeks.update(vs.weeks[key])
    inst = g.inst
    mods = sorted({inst.modules[o.module_id].name for o in g.blocks
                   if o.cell is not None and o.idx != b.idx and set(g.groups_of.get(o.idx, ())) & set(groups)
                   and weeks & set(vs.weeks.get((o.idx,) + o.cell, ()))})
    return translate("Schedule", "{0}, а больше {1} ч в неделю класс не берёт (его часы поровну по учебным неделям "
                                 "периода), и в эти недели у класса уже другие модули: {2}.").format(
        _window(g, b), g.week_cap[groups[0]], ", ".join(f"«{m}»" for m in mods))
