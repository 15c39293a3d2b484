"""Timetable generation with OR-Tools CP-SAT, by decomposition.

A term of 34 weeks × 60 classes × 6 modules is far too big as one model of single lessons, so:

1. **Groups.** Each requirement (class × module × hours) becomes one *block* per group: the whole
   class, or subgroups 1..n when the class is larger than the module's max group / the biggest
   allowed workshop. Hours already covered by locked lessons are subtracted.
2. **Resources (CP-SAT, small).** Each block gets one workshop (module allowed there, enough
   workplaces) and one instructor (teaches the module, available on some day/slot the school can
   send the class), balancing the load of workshops and instructors.
3. **Weekly pattern (CP-SAT).** The teaching dates of each weekday (holidays removed) are cut into
   *phases* of G consecutive occurrences (G = the fewest visits any block needs; the last phase may be
   shorter, so the term's last dates are usable too). Each block picks a
   first phase, a weekday and a first slot; it then comes every week for L = 2 consecutive slots (a
   double lesson) over as many consecutive phases as its hours need. Two blocks clash only if they share a
   resource, a weekday, a phase and a slot, so the clash constraints are linear sums over
   (phase, weekday, slot) cells — a few tens of thousands of booleans for the bench instance.
   **Weekly load (hard):** a class comes at most ``cap`` hours a week, ``cap`` = its hours in the period
   spread evenly over three quarters of its teaching weeks, rounded up to whole double lessons (see
   :func:`_weekly_caps`) —
   the subject has a weekly load in the school's curriculum, so a class's hours are not packed into the
   first weeks of the period.
   Soft goals in the objective: hours placed first; the whole timetable's weekly load even over the
   period (the busiest week as light and the emptiest as full as the rules allow, so no teaching week is
   left empty while classes wait); a class on few weekdays (the same weekday each week is built in),
   instructors on few days (few gaps).
4. **Roll-out.** Each block's pattern is turned into dated lessons; a date the instructor marked
   unavailable is skipped and the hours it leaves are reported.

Locked lessons block their (phase, weekday, slot) cell for their workshop, instructor and class.
Whatever cannot be placed comes back with the reason.
"""

from __future__ import annotations

import math
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import Cancelled
from chemcluster_desktop.services.schedule.check import requirement_units
from chemcluster_desktop.services.schedule.data import Instance, split_sizes
from chemcluster_desktop.services.schedule.placement import _first_fit, _preferences, _preferred_keys
from chemcluster_desktop.services.schedule.reasons import (
    block_days,
    bottleneck_reason,
    no_place_reason,
    taken_cells,
)
from chemcluster_desktop.services.schedule.resources import _assign_resources, _resource_options
from chemcluster_desktop.services.schedule.stopper import Stopper as _Stopper
from chemcluster_desktop.services.schedule.weekly import (  # noqa: F401 - FILL, week_of: the weekly load's rule
    FILL,
    _week_cap_reason,
    _weekly_caps,
    _weeks_filled,
    _weeks_taken,
    week_of,
)


def _t(s: str) -> str:
    return translate("Schedule", s)


@dataclass
class Block:
    """One class visit for one module: the whole class, or parallel subgroups (``parts``) taught at the
    same hours in as many workshops by as many instructors."""
    idx: int
    class_id: int
    module_id: int
    parts: list[tuple[int, int]]  # (subgroup, pupils); [(0, pupils)] = the whole class
    hours: int
    length: int = 2
    visits: int = 0
    workshop_ids: list[int] = field(default_factory=list)
    instructor_ids: list[int] = field(default_factory=list)
    reason: str = ""
    cell: tuple[int, int, int] | None = None  # (phase, weekday, first slot number)

    @property
    def n(self) -> int:
        return len(self.parts)

    @property
    def pupils(self) -> int:
        """The largest group of the visit (what one workshop must hold)."""
        return max(p for _s, p in self.parts)

    @property
    def subgroup(self) -> int:
        return self.parts[0][0] if self.n == 1 else 0

    def resources(self) -> list[tuple]:
        return [("w", w) for w in self.workshop_ids] + [("i", i) for i in self.instructor_ids]


@dataclass
class Result:
    lessons: list[dict] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)
    status: str = ""
    seconds: float = 0.0


def _subgroup_sizes(inst: Instance, units) -> dict[tuple[int, int, int], int]:
    n_by: dict[tuple[int, int], int] = defaultdict(int)
    for _r, cid, mid, sub, _h in units:
        if sub:
            n_by[(cid, mid)] += 1
    out = {}
    for _r, cid, mid, sub, _h in units:
        c = inst.classes[cid]
        if not sub:
            out[(cid, mid, sub)] = c.pupils
        else:
            n = n_by[(cid, mid)]
            sizes = split_sizes(c.pupils, max(n, sub))
            out[(cid, mid, sub)] = sizes[sub - 1]
    return out


def build_blocks(inst: Instance, locked: list[dict], length: int = 2) -> list[Block]:
    """One block per class visit: the subgroups of one (class, module) with the same hours come together."""
    units = requirement_units(inst)
    sizes = _subgroup_sizes(inst, units)
    done: dict[tuple[int, int, int], int] = defaultdict(int)
    for le in locked:
        done[(le["class_id"], le["module_id"], le.get("subgroup") or 0)] += 1
    visits: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for _r, cid, mid, sub, hours in units:
        visits[(cid, mid, hours)].append(sub)
    blocks = []
    for (cid, mid, hours), subs in visits.items():
        have = done.get((cid, mid, 0), 0)
        if any(subs):
            have += min(done.get((cid, mid, sub), 0) for sub in subs)
        left = hours - have
        if left <= 0:
            continue
        ln = min(length, left)
        parts = [(sub, sizes[(cid, mid, sub)]) for sub in sorted(subs)]
        blocks.append(Block(len(blocks), cid, mid, parts, left, ln, math.ceil(left / ln)))
    return blocks


TAIL = -1  # a visit series placed at the end of its weekday's dates rather than at a phase's start


@dataclass
class _Grid:
    """What every stage of a solve shares: the term seen as a weekly grid of phases × weekdays × slots."""
    inst: Instance
    blocks: list[Block]
    locked: list[dict]
    progress: object
    cancelled: object
    slot_numbers: list[int]
    pos: dict[int, int]  # slot number -> its place in the day
    dates: dict[int, list]  # weekday -> its teaching dates
    K: int  # occurrences of a weekday in one phase
    phases: dict[int, int]  # weekday -> number of phases
    span: dict[int, int]  # block -> phases it needs
    class_slots: dict[int, set[int]]
    ins_slots: dict[int, set[int]]
    # (class, module) -> the resources and first (date, slot number) of the lessons being replaced: a
    # regeneration keeps them where the constraints allow (stability), see :func:`_preferences`
    prefer: dict = field(default_factory=dict)
    # the weekly load (:func:`_weekly_caps`): block -> the (class, subgroup) groups whose week it fills,
    # group -> hours a week at most, (group, week) -> the hours left there after the locked lessons
    groups_of: dict = field(default_factory=dict)
    occ: dict = field(default_factory=dict)  # weekday -> {date: its place among the weekday's dates}
    week_cap: dict = field(default_factory=dict)
    week_left: dict = field(default_factory=dict)

    def left_in(self, group, week) -> int:
        return self.week_left.get((group, week), self.week_cap.get(group, 10 ** 6))

    def report(self, done: int, total: int, text: str) -> None:
        if self.progress:
            self.progress(done, total, text)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()

    def starts_for(self, slots_ok: set[int], ln: int, aligned: bool = False) -> list[int]:
        out = []
        for k, n in enumerate(self.slot_numbers):
            seq = self.slot_numbers[k:k + ln]
            if len(seq) == ln and all(x in slots_ok for x in seq):
                out.append(n)
        if aligned and ln > 1:
            # double lessons start on pair boundaries (1-2, 3-4, 5-6) where the hours allow it
            even = [n for n in out if self.pos[n] % ln == 0]
            if even:
                return even
        return out

    def run(self, b: Block, p: int, d: int, away=frozenset()) -> tuple[list[tuple], list[int], list]:
        """A visit series of ``b`` on weekday ``d`` from phase ``p`` (:data:`TAIL`: ending on the weekday's last
        date): the (date, hours) it takes — the roll-out's own walk, skipping the dates in ``away`` —, the
        phases whose cells it holds and the dates it may use."""
        dates = self.dates[d]
        n = self.span[b.idx] * self.K
        if p == TAIL:
            span_dates = dates[max(0, len(dates) - n):]
            walk = reversed(span_dates)
        else:
            span_dates = dates[p * self.K:p * self.K + n]
            walk = iter(span_dates)
        taken = []
        left = b.hours
        for day in walk:
            if left <= 0:
                break
            if day in away:
                continue
            h = min(b.length, left)
            taken.append((day, h))
            left -= h
        taken.sort()
        if p != TAIL:
            return taken, list(range(p, p + self.span[b.idx])), span_dates
        if not taken:
            return taken, [], span_dates
        first, last = self.occ[d][taken[0][0]] // self.K, self.occ[d][taken[-1][0]] // self.K
        return taken, list(range(first, last + 1)), span_dates

    def places(self, b: Block, d: int) -> list[int]:
        """The first phases a series of ``b`` may take on weekday ``d``; :data:`TAIL` too when the weekday's
        dates do not end on a phase boundary (so the period's last dates are usable)."""
        n = len(self.dates[d])
        out = list(range(self.phases[d] - self.span[b.idx] + 1))
        if n % self.K and n >= b.visits:
            out.append(TAIL)
        return out

    def covered(self, b: Block, s: int) -> list[int]:
        """The slot numbers a block starting at slot ``s`` takes each visit."""
        return self.slot_numbers[self.pos[s]:self.pos[s] + b.length]


def _grid(inst: Instance, blocks: list[Block], locked: list[dict], progress, cancelled) -> _Grid:
    dates = {d: inst.teaching_dates(d) for d in range(7)}
    K = max(1, min((b.visits for b in blocks if b.visits), default=1))
    slot_numbers = [s.number for s in inst.slots]
    return _Grid(inst, blocks, locked, progress, cancelled, slot_numbers,
                 pos={n: k for k, n in enumerate(slot_numbers)}, dates=dates, K=K,
                 phases={d: -(-len(dates[d]) // K) for d in range(7)},  # the last may be short
                 span={b.idx: math.ceil(b.visits / K) for b in blocks},
                 class_slots={c.id: inst.class_slots(c) for c in inst.classes.values()},
                 ins_slots={i.id: inst.instructor_slots(i) for i in inst.instructors.values()},
                 occ={d: {day: k for k, day in enumerate(dates[d])} for d in range(7)})


def solve(inst: Instance, locked: list[dict] | None = None, *, progress=None, cancelled=None,
          time_limit: float | None = None, workers: int = 2, length: int = 2, prefer: list[dict] | None = None) -> Result:
    """The stages of the module docstring in order; each block ends placed (``cell``) or with a reason."""
    from ortools.sat.python import cp_model

    t0 = time.monotonic()
    locked = locked or []
    res = Result()
    g = _grid(inst, build_blocks(inst, locked, length), locked, progress, cancelled)
    g.prefer = _preferences(inst, prefer or [])
    g.report(0, 100, translate("Schedule", "Подготовка модели…"))
    # --- 2. resources
    ws_opts, ins_opts = _resource_options(g)
    live = [b for b in g.blocks if not b.reason]
    g.check()
    if live:
        live = _assign_resources(g, cp_model, live, ws_opts, ins_opts, workers, time_limit)
    g.check()
    # --- 3. weekly pattern
    _weekly_caps(g, live)
    blocked, class_any = _locked_cells(g)
    g.report(15, 100, translate("Schedule", "Построение недельного шаблона…"))
    model = cp_model.CpModel()
    vs = _pattern_vars(g, model, live, blocked, class_any)
    g.check()
    placed, greedy = _pattern_constraints(g, model, live, vs)
    if placed:
        _search(g, cp_model, model, live, vs, placed, greedy, res, workers=workers, time_limit=time_limit, t0=t0)
    # --- 4. roll-out
    g.report(92, 100, translate("Schedule", "Раскладка по датам…"))
    _roll_out(g, res)
    res.seconds = round(time.monotonic() - t0, 3)
    g.report(100, 100, translate("Schedule", "Готово"))
    return res


def _locked_cells(g: _Grid) -> tuple[set[tuple], set[tuple]]:
    """The (resource, phase, weekday, slot) cells locked lessons hold, and the (class, phase, weekday,
    slot) cells where a class has any locked lesson."""
    blocked: set[tuple] = set()
    class_any: set[tuple] = set()
    occ_index: dict[tuple[int, object], int] = {}
    for d in range(7):
        for k, day in enumerate(g.dates[d]):
            occ_index[(d, day)] = k
    for le in g.locked:
        day = le["date"]
        d = day.weekday()
        k = occ_index.get((d, day))
        if k is None or g.K == 0:
            continue
        p = k // g.K
        n = g.inst.slot_by_id[le["slot_id"]].number
        blocked.add((("w", le["workshop_id"]), p, d, n))
        if le.get("instructor_id") is not None:
            blocked.add((("i", le["instructor_id"]), p, d, n))
        blocked.add((("c", le["class_id"], le.get("subgroup") or 0), p, d, n))
        class_any.add((le["class_id"], p, d, n))
    return blocked, class_any


# weight of one hour between the busiest and the emptiest week, against 100 per hour placed, 3 per weekday a
# class comes on and 1 per instructor day: evening out one double lesson (10) is worth an extra weekday of
# a class and of its instructors (with 2, the solver emptied the period's last week to save them)
SPREAD = 5
# worth of a teaching week that has any lesson at all (a third of an hour placed): the period's short last
# week before the holidays is used when some class can come then, rather than traded for fewer weekdays
WEEK_USED = 30


@dataclass
class _Vars:
    """The weekly pattern's booleans: ``a[(block, phase, weekday, first slot)]`` and how they group."""
    a: dict = field(default_factory=dict)
    by_block: dict = field(default_factory=lambda: defaultdict(list))
    cover: dict = field(default_factory=lambda: defaultdict(list))  # (resource, p, d, slot) -> vars
    class_cover: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    day_vars: dict = field(default_factory=lambda: defaultdict(list))  # (class, weekday) -> vars
    ins_day_vars: dict = field(default_factory=lambda: defaultdict(list))  # (instructor, p, d) -> vars
    weeks: dict = field(default_factory=dict)  # place -> {week: hours the visit takes that week}
    held: dict = field(default_factory=dict)  # place -> the phases whose cells it holds
    group_week: dict = field(default_factory=lambda: defaultdict(list))  # (class group, week) -> [(hours, var)]
    load: dict = field(default_factory=lambda: defaultdict(list))  # week -> [(hours, var)], all classes


def _pattern_vars(g: _Grid, model, live: list[Block], blocked: set, class_any: set) -> _Vars:
    """A boolean for every place a block may take (free of locked lessons and of its instructors' days
    away); a block with no place gets its reason."""
    inst = g.inst
    out = _Vars()

    # the cells locked lessons hold, per resource (and per class), so a block looks only at its own
    by_res: dict[tuple, set[tuple[int, int, int]]] = defaultdict(set)
    for r, p, d, n in blocked:
        by_res[r].add((p, d, n))
    class_cells: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
    for cid, p, d, n in class_any:
        class_cells[cid].add((p, d, n))
    for b in live:
        c = inst.classes[b.class_id]
        sub = b.subgroup
        days, common, away = block_days(g, b)
        starts = g.starts_for(common, b.length, aligned=True)
        res = b.resources()
        taken = set().union(*(by_res.get(r, ()) for r in res), by_res.get(("c", c.id, sub), ()),
                            by_res.get(("c", c.id, 0), ()), class_cells.get(c.id, ()) if sub == 0 else ())
        covered = {s: g.covered(b, s) for s in starts}
        off_dates = 0
        for d in sorted(days):
            for p in g.places(b, d):
                taken_dates, held, run = g.run(b, p, d, away)
                if len(run) < b.visits:
                    continue  # the term's last, short phase: too few dates left for the series
                if away and sum(day not in away for day in run) < b.visits:
                    off_dates += 1  # an instructor is away on too many of these dates to give every visit
                    continue
                weeks = _weeks_taken(taken_dates)
                if any(h > g.left_in(k, w) for k in g.groups_of.get(b.idx, ()) for w, h in weeks.items()):
                    continue  # a week of the run is already full with the class's locked lessons
                for s in starts:
                    cells = [(pp, n) for pp in held for n in covered[s]]
                    if taken and any((pp, d, n) in taken for pp, n in cells):
                        continue
                    x = model.new_bool_var("")
                    out.a[(b.idx, p, d, s)] = x
                    out.weeks[(b.idx, p, d, s)] = weeks
                    out.held[(b.idx, p, d, s)] = held
                    for w, h in weeks.items():
                        out.load[w].append((h, x))
                        for k in g.groups_of.get(b.idx, ()):
                            out.group_week[(k, w)].append((h, x))
                    out.by_block[b.idx].append(x)
                    out.day_vars[(c.id, d)].append(x)
                    for i in b.instructor_ids:
                        out.ins_day_vars[(i, held[0], d)].append(x)
                    class_cover = out.class_cover
                    for pp, n in cells:
                        for r in res:
                            out.cover[(r, pp, d, n)].append(x)
                        class_cover[(c.id, pp, d, n)][sub].append(x)
        if not out.by_block[b.idx]:
            b.reason = no_place_reason(g, b, days, starts, off_dates, blocked)
    return out


def _pattern_constraints(g: _Grid, model, live: list[Block], vs: _Vars) -> tuple[dict, dict[int, tuple]]:
    """No clash in any cell, at most one place per block, the soft goals, and the first fit as a hint.
    Returns ``placed`` (block -> the boolean «this block is placed») and the first fit."""
    placed = {}
    for b in live:
        if vs.by_block[b.idx]:
            placed[b.idx] = model.new_bool_var("")
            model.add(sum(vs.by_block[b.idx]) == placed[b.idx])
    for xs in vs.cover.values():
        if len(xs) > 1:
            model.add_at_most_one(xs)
    for subs in vs.class_cover.values():
        whole = subs.get(0, [])
        others = [k for k in subs if k]
        if not others:
            if len(whole) > 1:
                model.add_at_most_one(whole)
        else:
            for k in others:
                xs = whole + subs[k]
                if len(xs) > 1:
                    model.add_at_most_one(xs)
    for (k, w), terms in vs.group_week.items():  # the class's weekly load
        left = g.left_in(k, w)
        if len(terms) > 1 and sum(h for h, _x in terms) > left:
            model.add(sum(h * x for h, x in terms) <= left)
    soft = []
    soft_groups = []
    spread = None
    if len(vs.load) > 1:  # the whole timetable's weekly load, even over the period
        top = sum(h for terms in vs.load.values() for h, _x in terms)
        peak = model.new_int_var(0, top, "peak")
        floor = model.new_int_var(0, top, "floor")
        spread = (peak, floor, {}, {})
        for w, terms in vs.load.items():
            week = model.new_int_var(0, sum(h for h, _x in terms), "")  # one sum per week, used three times
            model.add(week == sum(h * x for h, x in terms))
            spread[3][w] = week
            model.add(week <= peak)
            model.add(week >= floor)
            some = model.new_bool_var("")  # the week has lessons
            model.add(week >= some)
            spread[2][w] = some
            soft.append(-WEEK_USED * some)
        soft.append(SPREAD * (peak - floor))
    for xs in vs.day_vars.values():
        y = model.new_bool_var("")
        model.add(sum(xs) <= len(xs) * y)
        soft.append(3 * y)
        soft_groups.append((y, xs))
    for xs in vs.ins_day_vars.values():
        z = model.new_bool_var("")
        model.add(sum(xs) <= len(xs) * z)
        soft.append(z)
        soft_groups.append((z, xs))
    greedy = _first_fit(g, live, vs.a, vs.weeks, vs.held)
    kept = _preferred_keys(g, live, vs.a)
    hint = {**greedy, **kept}
    for key, x in vs.a.items():
        model.add_hint(x, 1 if hint.get(key[0]) == key else 0)
    for bi, v in placed.items():
        model.add_hint(v, 1 if bi in greedy else 0)
    chosen = {id(vs.a[key]) for key in greedy.values()}
    for y, xs in soft_groups:
        model.add_hint(y, 1 if any(id(x) in chosen for x in xs) else 0)
    if spread is not None:  # a complete hint: CP-SAT starts from the first fit instead of searching for it
        hinted = {w: sum(h for h, x in terms if id(x) in chosen) for w, terms in vs.load.items()}
        model.add_hint(spread[0], max(hinted.values()))
        model.add_hint(spread[1], min(hinted.values()))
        for w, some in spread[2].items():
            model.add_hint(some, 1 if hinted[w] else 0)
            model.add_hint(spread[3][w], hinted[w])
    g.check()
    gain = sum(100 * b.hours * placed[b.idx] for b in live if b.idx in placed)
    stay = sum(20 * vs.a[key] for key in kept.values())  # a regenerated visit stays where it was
    model.maximize(gain + stay - sum(soft))
    return placed, greedy


def _search(g: _Grid, cp_model, model, live: list[Block], vs: _Vars, placed: dict, greedy: dict[int, tuple],
            res: Result, *, workers: int, time_limit: float | None, t0: float) -> None:
    """Run CP-SAT on the weekly pattern (stopping soon after every hour is placed) and give each block
    its cell: the solver's answer, or the first fit when that is better or the solver found nothing."""
    blocks, cancelled = g.blocks, g.cancelled
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    limit = time_limit if time_limit is not None else min(8.0, 2.0 + 0.012 * len(live))
    solver.parameters.max_time_in_seconds = max(0.5, limit - (time.monotonic() - t0))
    total_gain = sum(100 * b.hours for b in live if b.idx in placed)
    solver.parameters.log_search_progress = bool(os.environ.get("CC_CPSAT_LOG"))
    settle = min(1.5, max(0.3, limit / 5))
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0

    class CB(cp_model.CpSolverSolutionCallback):
        def __init__(self):
            super().__init__()
            self.n = 0
            self.all_placed_at: float | None = None

        def on_solution_callback(self):
            self.n += 1
            if cancelled is not None and cancelled():
                self.stop_search()
                return
            got = sum(100 * blocks[bi].hours * self.value(v) for bi, v in placed.items())
            frac = min(1.0, got / max(total_gain, 1))
            g.report(20 + int(70 * frac), 100, translate("Schedule", "Найдено решение {0}: размещено {1:.0%} часов").format(
                self.n, frac))
            now = time.monotonic()
            if got >= total_gain:
                # everything placed: polish the soft goals for a short while, then stop
                if self.all_placed_at is None:
                    self.all_placed_at = now
                elif now - self.all_placed_at > settle:
                    self.stop_search()

    cb = CB()
    g.report(20, 100, translate("Schedule", "Поиск расписания…"))
    def settled() -> bool:  # every hour placed and the soft goals polished for ``settle`` seconds
        return cb.all_placed_at is not None and time.monotonic() - cb.all_placed_at > settle

    with _Stopper(solver, cancelled, settled) as st:
        status = solver.solve(model, cb)
    if st.hit or (cancelled is not None and cancelled()):
        raise Cancelled()
    res.status = solver.status_name(status)
    greedy_gain = sum(100 * blocks[bi].hours for bi in greedy)
    solved = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if solved and sum(100 * blocks[bi].hours * solver.value(v) for bi, v in placed.items()) < greedy_gain:
        solved = False  # stopped by the time limit on a worse answer than the first fit: keep the first fit
    if solved:
        for (bi, p, d, s), x in vs.a.items():
            if solver.value(x):
                blocks[bi].cell = (p, d, s)
    else:
        res.status = "GREEDY"
        for bi, (_b, p, d, s) in greedy.items():
            blocks[bi].cell = (p, d, s)
    taken = taken_cells(g)
    full = None
    for b in live:
        if b.cell is None and not b.reason:
            if full is None:
                full = _weeks_filled(g, vs)
            b.reason = _week_cap_reason(g, b, vs, full) or bottleneck_reason(g, b, taken)


def _roll_out(g: _Grid, res: Result) -> None:
    """Each placed visit's weekly pattern as dated lessons — one per subgroup, all at the same hours —
    skipping its instructors' days away; the hours left over, with the reason, as unplaced."""
    inst = g.inst
    slot_of_number = inst.slot_by_number
    for b in g.blocks:
        c = inst.classes[b.class_id]
        m = inst.modules[b.module_id]
        left = b.hours
        if b.cell is not None:
            p, d, s = b.cell
            away: dict = {}
            for i in b.instructor_ids:
                for day in inst.instructors[i].unavailable_dates:
                    away.setdefault(day, inst.instructors[i].name)
            for day, h in g.run(b, p, d, away)[0]:
                for n in g.covered(b, s)[:h]:
                    for k, (sub, size) in enumerate(b.parts):
                        res.lessons.append({
                            "class_id": b.class_id, "subgroup": sub, "pupils": size if sub else None,
                            "module_id": b.module_id, "instructor_id": b.instructor_ids[k],
                            "workshop_id": b.workshop_ids[k], "date": day, "slot_id": slot_of_number[n].id,
                        })
                    left -= 1
            if left > 0:
                days = sorted(x for x in away if x in g.dates[d])
                who = sorted({away[x] for x in days})
                b.reason = translate("Schedule", "Преподаватель {0} недоступен {1}.").format(
                    ", ".join(who), ", ".join(x.strftime("%d.%m") for x in days[:6]))
        if left > 0:
            res.unplaced.append({
                "class_id": b.class_id, "class": c.name, "school": inst.schools.get(c.school_id, ""),
                "subgroup": b.subgroup, "module_id": b.module_id, "module": m.name, "hours": left,
                "reason": b.reason or translate("Schedule", "Не размещено."),
            })
