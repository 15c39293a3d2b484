"""FET 6 export: the term's requirements as a ``.fet`` file that ``fet-cl`` accepts and solves.

FET builds one repeating week, while our classes take a module for a few weeks and then the next
one. The export therefore mirrors the generator's decomposition: a FET *day* is one weekday of one
phase («Ф1 Пн» …), a FET *hour* is a bell slot, and each block (class or subgroup × module) is one
activity of duration 2 (a double lesson) — or 1 — that is repeated every week of its phase.

- teachers = instructors (each activity gets the instructor the resource step assigned, as FET
  activities must name their teachers), with *teacher not available times*;
- students = years (schools) / groups (classes) / subgroups, with the number of pupils and
  *students set not available times* for the days and hours the school cannot send the class;
- subjects = modules; rooms = workshops with capacity = workplaces;
- *activity preferred rooms* = the allowed workshops with enough workplaces;
- basic compulsory time and space constraints.
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

from chemcluster_desktop.services.schedule.data import Instance
from chemcluster_desktop.services.schedule.solver import build_blocks

DAY_NAMES = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]


def _e(s: object) -> str:
    return escape(str(s))


def fet_names(inst: Instance) -> dict:
    """Unique FET names for schools, classes and subgroups (FET wants every set name unique)."""
    school = {sid: f"{name} [{sid}]" for sid, name in inst.schools.items()}
    cls = {c.id: f"{c.name} — {inst.schools.get(c.school_id, '')} [{c.id}]" for c in inst.classes.values()}
    return {"school": school, "class": cls}


def write_fet(inst: Instance, path, *, locked: list[dict] | None = None) -> dict:
    blocks = build_blocks(inst, locked or [])
    weekdays = sorted({d for c in inst.classes.values() for d in c.weekdays} | set(range(5)))
    K = max(1, min((b.visits for b in blocks), default=1))
    phases = max(1, min(len(inst.teaching_dates(d)) // K for d in weekdays))
    days = [(p, d) for p in range(phases) for d in weekdays]
    day_name = {(p, d): f"Ф{p + 1} {DAY_NAMES[d]}" for p, d in days}
    hours = [s.number for s in inst.slots]
    names = fet_names(inst)
    acts = _activities(inst, blocks, K)
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>', "", '<fet version="6.8.5">', "",
                      "<Mode>Official</Mode>",
                      f"<Institution_Name>{_e(inst.term.name)}</Institution_Name>",
                      "<Comments>ChemCluster Desktop: 8th-grade Технология timetable export</Comments>", ""]
    out += _lists(inst, days, day_name, hours)
    out += _students(inst, names, acts)
    out += _activities_list(inst, names, acts)
    out += _time_constraints(inst, names, days, day_name, hours)
    out += _space_constraints(acts)
    out += ["", "</fet>", ""]
    Path(path).write_text("\n".join(out), encoding="utf-8")
    return {"path": str(path), "activities": len(acts), "days": len(days), "hours": len(hours),
            "teachers": len(inst.instructors), "rooms": len(inst.workshops), "blocks": len(blocks)}


def _activities(inst: Instance, blocks: list, K: int) -> list[tuple]:
    """(block, instructor, allowed workshops) per weekly activity, resources as the generator would
    assign them (least loaded qualified instructor / big enough workshop)."""
    ins_load: dict[int, int] = defaultdict(int)
    acts = []
    for b in blocks:
        c = inst.classes[b.class_id]
        cands = [i for i in inst.instructors_for(b.module_id) if c.weekdays & i.weekdays]
        rooms = [w for w in inst.workshops_for(b.module_id) if w.workplaces >= b.pupils]
        if not cands or not rooms:
            continue
        ins = min(cands, key=lambda i: (ins_load[i.id], i.id))
        ins_load[ins.id] += b.hours
        for _k in range(math.ceil(b.visits / K)):  # one weekly activity per phase the block spans
            acts.append((b, ins, rooms))
    return acts


def _sub_name(names: dict, cid: int, k: int) -> str:
    return f"{names['class'][cid]} / {k}"


def _lists(inst: Instance, days: list, day_name: dict, hours: list[int]) -> list[str]:
    """Days (phase × weekday), hours, subjects, activity tags and teachers."""
    out = ["<Days_List>", f"<Number_of_Days>{len(days)}</Number_of_Days>"]
    for key in days:
        out.append(f"<Day>\n\t<Name>{_e(day_name[key])}</Name>\n</Day>")
    out += ["</Days_List>", "", "<Hours_List>", f"<Number_of_Hours>{len(hours)}</Number_of_Hours>"]
    for h in hours:
        out.append(f"<Hour>\n\t<Name>{h}</Name>\n</Hour>")
    out += ["</Hours_List>", "", "<Subjects_List>"]
    for m in inst.modules.values():
        out.append(f"<Subject>\n\t<Name>{_e(m.name)}</Name>\n"
                   f"\t<Comments></Comments>\n</Subject>")
    out += ["</Subjects_List>", "", "<Activity_Tags_List>", "</Activity_Tags_List>", "", "<Teachers_List>"]
    for i in inst.instructors.values():
        out.append(f"<Teacher>\n\t<Name>{_e(i.name)}</Name>\n"
                   f"\t<Target_Number_of_Hours>0</Target_Number_of_Hours>\n\t<Qualified_Subjects>\n"
                   f"\t</Qualified_Subjects>\n\t<Comments></Comments>\n</Teacher>")
    out += ["</Teachers_List>", ""]
    return out


def _students(inst: Instance, names: dict, acts: list[tuple]) -> list[str]:
    """Schools as years, classes as groups, subgroups as FET subgroups."""
    subgroups: dict[int, set[int]] = defaultdict(set)
    for b, _i, _r in acts:
        if b.subgroup:
            subgroups[b.class_id].add(b.subgroup)
    out = ["<Students_List>"]
    by_school = defaultdict(list)
    for c in inst.classes.values():
        by_school[c.school_id].append(c)
    for sid, classes in sorted(by_school.items()):
        total = sum(c.pupils for c in classes)
        out.append(f"<Year>\n\t<Name>{_e(names['school'].get(sid, sid))}</Name>\n"
                   f"\t<Number_of_Students>{total}</Number_of_Students>\n\t<Comments></Comments>\n"
                   f"\t<Number_of_Categories>0</Number_of_Categories>\n\t<Separator> </Separator>")
        for c in sorted(classes, key=lambda c: c.name):
            out.append(f"\t<Group>\n\t\t<Name>{_e(names['class'][c.id])}</Name>\n\t"
                       f"\t\t\t<Number_of_Students>{c.pupils}</Number_of_Students>\n"
                       f"\t\t<Comments></Comments>")
            subs = sorted(subgroups.get(c.id, ()))
            for k in subs:
                size = math.ceil(c.pupils / len(subs))
                out.append(f"\t\t<Subgroup>\n\t\t\t<Name>{_e(_sub_name(names, c.id, k))}</Name>\n\t\t"
                           f"\t\t\t\t\t<Number_of_Students>{size}</Number_of_Students>\n"
                           f"\t\t\t<Comments></Comments>\n\t\t</Subgroup>")
            out.append("\t</Group>")
        out.append("</Year>")
    out += ["</Students_List>", ""]
    return out


def _activities_list(inst: Instance, names: dict, acts: list[tuple]) -> list[str]:
    """One activity per (block, phase), numbered from 1 in the order of ``acts``; then the rooms."""
    out = ["<Activities_List>"]
    for n, (b, ins, _rooms) in enumerate(acts, start=1):
        students = _sub_name(names, b.class_id, b.subgroup) if b.subgroup else names["class"][b.class_id]
        out.append(f"<Activity>\n\t<Teacher>{_e(ins.name)}</Teacher>\n\t<Subject>{_e(inst.modules[b.module_id].name)}"
                   f"</Subject>\n\t<Students>{_e(students)}</Students>\n\t<Duration>{b.length}</Duration>\n"
                   f"\t<Total_Duration>{b.length}</Total_Duration>\n\t<Id>{n}</Id>\n"
                   f"\t<Activity_Group_Id>0</Activity_Group_Id>\n\t<Number_Of_Students>{b.pupils}</Number_Of_Students>\n"
                   f"\t<Active>true</Active>\n\t<Comments>{_e(inst.modules[b.module_id].name)}: {b.hours} ч</Comments>\n"
                   f"</Activity>")
    out += ["</Activities_List>", "", "<Buildings_List>", "</Buildings_List>", "", "<Rooms_List>"]
    for w in inst.workshops.values():
        out.append(f"<Room>\n\t<Name>{_e(w.name)}</Name>\n"
                   f"\t<Building></Building>\n\t<Capacity>{w.workplaces}</Capacity>\n\t<Virtual>false</Virtual>\n"
                   f"\t<Comments></Comments>\n</Room>")
    out += ["</Rooms_List>", ""]
    return out


def _time_constraints(inst: Instance, names: dict, days: list, day_name: dict, hours: list[int]) -> list[str]:
    """The compulsory time constraint and the hours each teacher and class cannot come."""
    out = ["<Time_Constraints_List>",
           "<ConstraintBasicCompulsoryTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Active>true</Active>\n"
           "\t<Comments></Comments>\n</ConstraintBasicCompulsoryTime>"]

    def not_avail(tag: str, who_tag: str, who: str, cells: list[tuple[tuple[int, int], int]]) -> None:
        if not cells:
            return
        body = "".join(f"\t<Not_Available_Time>\n\t\t<Day>{_e(day_name[k])}</Day>\n\t\t<Hour>{h}</Hour>\n"
                       f"\t</Not_Available_Time>\n" for k, h in cells)
        out.append(f"<{tag}>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<{who_tag}>{_e(who)}</{who_tag}>\n"
                   f"\t<Number_of_Not_Available_Times>{len(cells)}</Number_of_Not_Available_Times>\n{body}"
                   f"\t<Active>true</Active>\n\t<Comments></Comments>\n</{tag}>")

    for i in inst.instructors.values():
        ok = inst.instructor_slots(i)
        not_avail("ConstraintTeacherNotAvailableTimes", "Teacher", i.name,
                  [(k, h) for k in days for h in hours if k[1] not in i.weekdays or h not in ok])
    for c in inst.classes.values():
        ok = inst.class_slots(c)
        not_avail("ConstraintStudentsSetNotAvailableTimes", "Students", names["class"][c.id],
                  [(k, h) for k in days for h in hours if k[1] not in c.weekdays or h not in ok])
    out += ["</Time_Constraints_List>", ""]
    return out


def _space_constraints(acts: list[tuple]) -> list[str]:
    """The compulsory space constraint and each activity's allowed workshops."""
    out = ["<Space_Constraints_List>",
           "<ConstraintBasicCompulsorySpace>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Active>true</Active>\n"
           "\t<Comments></Comments>\n</ConstraintBasicCompulsorySpace>"]
    for n, (_b, _ins, rooms) in enumerate(acts, start=1):
        body = "".join(f"\t<Preferred_Room>{_e(w.name)}</Preferred_Room>\n" for w in rooms)
        out.append(f"<ConstraintActivityPreferredRooms>\n\t<Weight_Percentage>100</Weight_Percentage>\n"
                   f"\t<Activity_Id>{n}</Activity_Id>\n\t<Number_of_Preferred_Rooms>{len(rooms)}"
                   f"</Number_of_Preferred_Rooms>\n{body}\t<Active>true</Active>\n\t<Comments></Comments>\n"
                   f"</ConstraintActivityPreferredRooms>")
    out.append("</Space_Constraints_List>")
    return out
