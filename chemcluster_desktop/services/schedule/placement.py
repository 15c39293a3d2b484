"""Places for the solver's hints: the greedy first fit (fewest options first; also the fallback when
CP-SAT finds nothing in time) and, on a regeneration, the places and resources the replaced lessons had
(kept where the constraints allow, so a regeneration with nothing changed changes nothing)."""

from __future__ import annotations

from collections import defaultdict


def _preferences(inst, lessons: list[dict]) -> dict:
    out: dict = {}
    for le in sorted(lessons, key=lambda le: (le["date"], inst.slot_by_id[le["slot_id"]].number)):
        p = out.setdefault((le["class_id"], le["module_id"]), {"ws": set(), "ins": set(), "first": None})
        p["ws"].add(le["workshop_id"])
        if le.get("instructor_id") is not None:
            p["ins"].add(le["instructor_id"])
        if p["first"] is None:
            p["first"] = (le["date"], inst.slot_by_id[le["slot_id"]].number)
    return out


def _preferred_keys(g, live: list, a: dict) -> dict[int, tuple]:
    """Block -> the place (phase, weekday, first slot) its replaced lessons started at, when still possible."""
    out = {}
    for b in live:
        pref = g.prefer.get((b.class_id, b.module_id))
        if not pref or pref["first"] is None:
            continue
        day, n = pref["first"]
        d = day.weekday()
        if day not in g.dates[d]:
            continue
        key = (b.idx, g.dates[d].index(day) // g.K, d, n)
        if key in a:
            out[b.idx] = key
    return out


def _first_fit(g, live: list, a: dict, weeks: dict | None = None, held: dict | None = None) -> dict[int, tuple]:
    """Greedy first fit, fewest options first: a hint for CP-SAT and the fallback if it finds nothing.
    With ``weeks`` (place -> {week: hours}) it keeps each class within its weekly load and, of the free
    places, takes the one whose weeks are the least busy so far (the period fills evenly, not from its start).
    ``held``: place -> the phases whose cells it holds (default: ``span`` phases from its first)."""
    weeks = weeks or {}
    greedy: dict[int, tuple] = {}
    used: set = set()
    used_class: set = set()
    load: dict = defaultdict(int)  # week -> hours placed
    filled: dict = defaultdict(int)  # (class group, week) -> hours placed
    res_of = {b.idx: b.resources() for b in live}
    sub_of = {b.idx: b.subgroup for b in live}

    def cells_of(key) -> list:  # computed only for the places tried (most blocks take one of the first)
        bi, p, d, s = key
        b = g.blocks[bi]
        res, who = res_of[bi], ("c", b.class_id, sub_of[bi])
        out = []
        for pp in (held[key] if held and key in held else range(p, p + g.span[bi])):
            for n in g.covered(b, s):
                out.extend((r, pp, d, n) for r in res)
                out.append((who, pp, d, n))
        return out

    keys_of: dict[int, list] = defaultdict(list)
    for key in a:
        keys_of[key[0]].append(key)

    def class_clash(cell) -> bool:
        res_, pp, d, n = cell
        if res_[0] != "c":
            return cell in used
        _c, cid, sub = res_
        if sub == 0:
            return (cid, pp, d, n) in used_class
        return cell in used or (("c", cid, 0), pp, d, n) in used

    def within_load(key) -> bool:
        groups = g.groups_of.get(key[0], ())
        return all(filled[(k, w)] + h <= g.left_in(k, w) for k in groups for w, h in weeks.get(key, {}).items())

    def busy(key) -> int:  # (the places that reach an empty week first lost hours on the bench instance)
        return sum(load[w] for w in weeks.get(key, ()))

    order = sorted((b for b in live if keys_of[b.idx]), key=lambda b: (len(keys_of[b.idx]), -b.hours))
    for b in order:
        keys = sorted(keys_of[b.idx], key=busy) if weeks else keys_of[b.idx]  # stable: ties keep their order
        for key in keys:
            if not within_load(key):
                continue
            cells = cells_of(key)
            if not any(class_clash(cell) for cell in cells):
                greedy[b.idx] = key
                for cell in cells:
                    used.add(cell)
                    if cell[0][0] == "c":
                        used_class.add((cell[0][1],) + cell[1:])
                for w, h in weeks.get(key, {}).items():
                    load[w] += h
                    for k in g.groups_of.get(b.idx, ()):
                        filled[(k, w)] += h
                break
    return greedy
