"""Which lessons a regeneration may keep as they are.

A regeneration replaces the future, unlocked lessons of a term. Before the solver runs, every such lesson
that still obeys every rule is kept where it is — its date, lesson, workshop and instructor — and the
solver places only the hours the kept lessons leave (see :func:`.regenerate.plan`). So a regeneration of
a term where nothing changed has nothing to place and changes nothing, by construction; after a change
(an instructor away, a class's days, a new requirement) only the lessons the change breaks are moved.

A lesson is kept when:

- it has an instructor, and the clash checker finds no rule it breaks together with the lessons that stay
  (past, locked, or kept themselves): no double booking, no day off, the class's and the instructor's days and hours, the
  workshop's module and places, the instructor's module;
- it belongs to a visit of the current load: the class still takes the module, the subgroup is one of
  the visit's parallel subgroups with the same number of pupils, and every parallel subgroup of the visit
  is there at that date and lesson (a visit is never half kept);
- the class still needs the hours: a visit beyond the module's hours (after the past and locked ones) is
  not kept, the latest first.
"""

from __future__ import annotations

from collections import defaultdict

from chemcluster_desktop.services.schedule.check import check, requirement_units
from chemcluster_desktop.services.schedule.data import Instance

_HOURS_KINDS = frozenset({"hours_unplaced"})


def _visits(inst: Instance) -> tuple[dict, dict]:
    """(class, module, subgroup) -> its visit key (class, module, hours); visit key -> its subgroups."""
    from chemcluster_desktop.services.schedule.solver import _subgroup_sizes

    units = requirement_units(inst)
    sizes = _subgroup_sizes(inst, units)
    key_of: dict[tuple[int, int, int], tuple[int, int, int]] = {}
    parts: dict[tuple[int, int, int], dict[int, int | None]] = defaultdict(dict)
    for _r, cid, mid, sub, hours in units:
        key = (cid, mid, hours)
        key_of[(cid, mid, sub)] = key
        parts[key][sub] = sizes[(cid, mid, sub)] if sub else None
    return key_of, parts


def still_valid(inst: Instance, stay: list[dict], old: list[dict]) -> list[dict]:
    """The lessons of ``old`` a regeneration keeps unchanged, given the lessons that ``stay`` anyway."""
    if not old:
        return []
    key_of, parts = _visits(inst)
    old_ids = {le["id"] for le in old}
    broken: set[int] = set()
    for c in check(inst, stay + old, hours=False):
        if c["kind"] in _HOURS_KINDS:
            continue
        broken.update(i for i in c["lesson_ids"] if i in old_ids)
    # whole visits only: (visit, date, lesson) -> its lessons
    at: dict[tuple, list[dict]] = defaultdict(list)
    for le in old:
        sub = le.get("subgroup") or 0
        key = key_of.get((le["class_id"], le["module_id"], sub))
        if (key is None or le["id"] in broken or le.get("instructor_id") is None
                or (le.get("pupils") or None) != parts[key][sub]):
            continue
        at[(key, le["date"], le["slot_id"])].append(le)
    done: dict[tuple[int, int, int], int] = defaultdict(int)
    for le in stay:
        done[(le["class_id"], le["module_id"], le.get("subgroup") or 0)] += 1
    room: dict[tuple[int, int, int], int] = {}
    for key, subs in parts.items():
        cid, mid, hours = key
        have = done.get((cid, mid, 0), 0)
        if any(subs):
            have += min(done.get((cid, mid, sub), 0) for sub in subs)
        room[key] = hours - have
    out: list[dict] = []
    for (key, _day, _slot), group in sorted(at.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        if sorted(le.get("subgroup") or 0 for le in group) != sorted(parts[key]) or room[key] <= 0:
            continue
        room[key] -= 1
        out.extend(group)
    return out
