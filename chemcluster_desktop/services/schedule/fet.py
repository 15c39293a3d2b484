"""FET 6 export: the problem our generator solves, as a ``.fet`` file that ``fet-cl`` accepts.

Equal work (issue 15): the file carries the same hard problem, not a pre-digested one.

- **Real days and hours.** A FET *day* is one teaching date of the term (holidays, public days off and
  the days the term leaves out are not days at all), named «07.09 Пн»; a FET *hour* is a bell slot.
- **Visits.** Each block of the generator (a class visit series for one module: the whole class, or n
  parallel halves) becomes ``visits`` activities of the block's length (a double lesson, the last one
  single when the hours are odd), at most one a week (*min days between activities* of 5 teaching days).
  The activity's students are the class: a visit takes the whole class, halves included.
- **Resources chosen by the solver.** FET names an activity's teachers in advance; ours chooses the
  instructor. So instructors are modelled as rooms: every activity gets a *virtual room* made of n sets
  of the workshops that host the module and hold the group, plus n sets of the instructors («room»
  «Преп. ФИО») qualified for it — FET picks one real room per set, all different, as ours picks n
  workshops and n instructors. Instructors' weekdays, lesson numbers and dates away are *room not
  available times* of their rooms.
- Classes: *students set not available times* for the weekdays and lessons the school cannot send
  them. Locked lessons: their workshop, instructor and class are not available then.
- Subjects = modules; years = schools; groups = classes; the basic compulsory constraints.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

from chemcluster_desktop.services.schedule.data import Instance
from chemcluster_desktop.services.schedule.solver import build_blocks

DAY_NAMES = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
WEEK = 5  # teaching days between two visits of one series (once a week)


def _e(s: object) -> str:
    return escape(str(s))


def fet_names(inst: Instance) -> dict:
    """Unique FET names for schools, classes, workshops and instructor rooms (FET wants them unique)."""
    school = {sid: f"{name} [{sid}]" for sid, name in inst.schools.items()}
    cls = {c.id: f"{c.name} — {inst.schools.get(c.school_id, '')} [{c.id}]" for c in inst.classes.values()}
    ws = {w.id: f"{w.name} [{w.id}]" for w in inst.workshops.values()}
    ins = {i.id: f"Преп. {i.name} [{i.id}]" for i in inst.instructors.values()}
    return {"school": school, "class": cls, "workshop": ws, "instructor": ins}


def _days(inst: Instance) -> list:
    """Every teaching date of the term, in order (any weekday some class may come)."""
    weekdays = sorted({d for c in inst.classes.values() for d in c.weekdays})
    return sorted(day for d in weekdays for day in inst.teaching_dates(d))


def write_fet(inst: Instance, path, *, locked: list[dict] | None = None) -> dict:
    blocks = build_blocks(inst, locked or [])
    days = _days(inst)
    day_name = {d: f"{d.strftime('%d.%m')} {DAY_NAMES[d.weekday()]}" for d in days}
    hours = [s.number for s in inst.slots]
    names = fet_names(inst)
    acts, virtual = _activities(inst, blocks, names)
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>', "", '<fet version="6.8.5">', "",
                      "<Mode>Official</Mode>",
                      f"<Institution_Name>{_e(inst.term.name)}</Institution_Name>",
                      "<Comments>ChemCluster Desktop: the 8th-grade timetable problem, as the generator solves it"
                      "</Comments>", ""]
    out += _lists(inst, days, day_name, hours)
    out += _students(inst, names)
    out += _activities_list(inst, names, acts, virtual)
    out += _time_constraints(inst, names, days, day_name, hours, acts, locked or [])
    out += _space_constraints(inst, names, days, day_name, hours, acts, locked or [])
    out += ["", "</fet>", ""]
    Path(path).write_text("\n".join(out), encoding="utf-8")
    return {"path": str(path), "activities": len(acts), "days": len(days), "hours": len(hours),
            "teachers": len(inst.instructors), "rooms": len(inst.workshops) + len(inst.instructors) + len(virtual),
            "blocks": len(blocks)}


def _activities(inst: Instance, blocks: list, names: dict) -> tuple[list[tuple], dict[str, tuple]]:
    """(block, duration, virtual room) per visit; the virtual rooms by name with their sets."""
    acts = []
    virtual: dict[str, tuple] = {}
    for b in blocks:
        rooms = [names["workshop"][w.id] for w in inst.workshops_for(b.module_id) if w.workplaces >= b.pupils]
        teachers = [names["instructor"][i.id] for i in inst.instructors_for(b.module_id)]
        if len(rooms) < b.n or len(teachers) < b.n:
            continue  # the generator reports these as unplaced; FET cannot take them either
        vname = f"Визит [{b.idx}]"
        virtual[vname] = (b.pupils * b.n, [rooms] * b.n + [teachers] * b.n)
        left = b.hours
        while left > 0:
            dur = min(b.length, left)
            acts.append((b, dur, vname))
            left -= dur
    return acts, virtual


def _lists(inst: Instance, days: list, day_name: dict, hours: list[int]) -> list[str]:
    out = ["<Days_List>", f"<Number_of_Days>{len(days)}</Number_of_Days>"]
    for d in days:
        out.append(f"<Day>\n\t<Name>{_e(day_name[d])}</Name>\n</Day>")
    out += ["</Days_List>", "", "<Hours_List>", f"<Number_of_Hours>{len(hours)}</Number_of_Hours>"]
    for h in hours:
        out.append(f"<Hour>\n\t<Name>{h}</Name>\n</Hour>")
    out += ["</Hours_List>", "", "<Subjects_List>"]
    for m in inst.modules.values():
        out.append(f"<Subject>\n\t<Name>{_e(m.name)}</Name>\n\t<Comments></Comments>\n</Subject>")
    out += ["</Subjects_List>", "", "<Activity_Tags_List>", "</Activity_Tags_List>", "", "<Teachers_List>",
            "</Teachers_List>", ""]
    return out


def _students(inst: Instance, names: dict) -> list[str]:
    """Schools as years, classes as groups (a visit takes the whole class, its halves included)."""
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
            out.append(f"\t<Group>\n\t\t<Name>{_e(names['class'][c.id])}</Name>\n"
                       f"\t\t<Number_of_Students>{c.pupils}</Number_of_Students>\n\t\t<Comments></Comments>\n\t</Group>")
        out.append("</Year>")
    out += ["</Students_List>", ""]
    return out


def _activities_list(inst: Instance, names: dict, acts: list[tuple], virtual: dict) -> list[str]:
    """One activity per visit, numbered from 1 in the order of ``acts``, grouped per block; then the
    rooms: workshops, instructors as rooms, and the virtual room of each block."""
    out = ["<Activities_List>"]
    group_of: dict[int, int] = {}
    for n, (b, dur, _v) in enumerate(acts, start=1):
        group_of.setdefault(b.idx, n)
        out.append(f"<Activity>\n\t<Subject>{_e(inst.modules[b.module_id].name)}</Subject>\n"
                   f"\t<Students>{_e(names['class'][b.class_id])}</Students>\n\t<Duration>{dur}</Duration>\n"
                   f"\t<Total_Duration>{dur}</Total_Duration>\n\t<Id>{n}</Id>\n"
                   f"\t<Activity_Group_Id>0</Activity_Group_Id>\n"
                   f"\t<Number_Of_Students>{b.pupils * b.n}</Number_Of_Students>\n\t<Active>true</Active>\n"
                   f"\t<Comments>{_e(inst.modules[b.module_id].name)}: {b.hours} ч, {b.n} подгр.</Comments>\n"
                   f"</Activity>")
    out += ["</Activities_List>", "", "<Buildings_List>", "</Buildings_List>", "", "<Rooms_List>"]

    def room(name: str, capacity: int) -> None:
        out.append(f"<Room>\n\t<Name>{_e(name)}</Name>\n\t<Building></Building>\n\t<Capacity>{capacity}</Capacity>\n"
                   f"\t<Virtual>false</Virtual>\n\t<Comments></Comments>\n</Room>")

    for w in inst.workshops.values():
        room(names["workshop"][w.id], w.workplaces)
    for i in inst.instructors.values():
        room(names["instructor"][i.id], 1000)
    for vname, (cap, sets) in virtual.items():
        body = "".join(f"\t<Set_of_Real_Rooms>\n\t\t<Number_of_Real_Rooms>{len(s)}</Number_of_Real_Rooms>\n"
                       + "".join(f"\t\t<Real_Room>{_e(r)}</Real_Room>\n" for r in s) + "\t</Set_of_Real_Rooms>\n"
                       for s in sets)
        out.append(f"<Room>\n\t<Name>{_e(vname)}</Name>\n\t<Building></Building>\n\t<Capacity>{cap}</Capacity>\n"
                   f"\t<Virtual>true</Virtual>\n\t<Number_of_Sets_of_Real_Rooms>{len(sets)}</Number_of_Sets_of_Real_Rooms>\n"
                   f"{body}\t<Comments></Comments>\n</Room>")
    out += ["</Rooms_List>", ""]
    return out


def _not_avail(tag: str, who_tag: str, who: str, cells: list[tuple[str, int]]) -> str:
    body = "".join(f"\t<Not_Available_Time>\n\t\t<Day>{_e(d)}</Day>\n\t\t<Hour>{h}</Hour>\n\t</Not_Available_Time>\n"
                   for d, h in cells)
    return (f"<{tag}>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<{who_tag}>{_e(who)}</{who_tag}>\n"
            f"\t<Number_of_Not_Available_Times>{len(cells)}</Number_of_Not_Available_Times>\n{body}"
            f"\t<Active>true</Active>\n\t<Comments></Comments>\n</{tag}>")


def _locked_cells(inst: Instance, day_name: dict, locked: list[dict]) -> dict[tuple, set]:
    out: dict[tuple, set] = defaultdict(set)
    for le in locked:
        if le["date"] not in day_name:
            continue
        cell = (day_name[le["date"]], inst.slot_by_id[le["slot_id"]].number)
        out[("w", le["workshop_id"])].add(cell)
        if le.get("instructor_id") is not None:
            out[("i", le["instructor_id"])].add(cell)
        out[("c", le["class_id"])].add(cell)
    return out


def _time_constraints(inst: Instance, names: dict, days: list, day_name: dict, hours: list[int], acts: list[tuple],
                      locked: list[dict]) -> list[str]:
    out = ["<Time_Constraints_List>",
           "<ConstraintBasicCompulsoryTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Active>true</Active>\n"
           "\t<Comments></Comments>\n</ConstraintBasicCompulsoryTime>"]
    taken = _locked_cells(inst, day_name, locked)
    order = {day_name[d]: k for k, d in enumerate(days)}
    for c in inst.classes.values():
        ok = inst.class_slots(c)
        cells = {(day_name[d], h) for d in days for h in hours if d.weekday() not in c.weekdays or h not in ok}
        cells |= taken.get(("c", c.id), set())
        if cells:
            out.append(_not_avail("ConstraintStudentsSetNotAvailableTimes", "Students", names["class"][c.id],
                                  sorted(cells, key=lambda x: (order[x[0]], x[1]))))
    # visits of one series: at most one a week
    series: dict[int, list[int]] = defaultdict(list)
    for n, (b, _dur, _v) in enumerate(acts, start=1):
        series[b.idx].append(n)
    for ids in series.values():
        if len(ids) < 2:
            continue
        body = "".join(f"\t<Activity_Id>{i}</Activity_Id>\n" for i in ids)
        out.append(f"<ConstraintMinDaysBetweenActivities>\n\t<Weight_Percentage>100</Weight_Percentage>\n"
                   f"\t<Consecutive_If_Same_Day>false</Consecutive_If_Same_Day>\n"
                   f"\t<Number_of_Activities>{len(ids)}</Number_of_Activities>\n{body}"
                   f"\t<MinDays>{WEEK}</MinDays>\n\t<Active>true</Active>\n\t<Comments></Comments>\n"
                   f"</ConstraintMinDaysBetweenActivities>")
    out += ["</Time_Constraints_List>", ""]
    return out


def _space_constraints(inst: Instance, names: dict, days: list, day_name: dict, hours: list[int], acts: list[tuple],
                       locked: list[dict]) -> list[str]:
    out = ["<Space_Constraints_List>",
           "<ConstraintBasicCompulsorySpace>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Active>true</Active>\n"
           "\t<Comments></Comments>\n</ConstraintBasicCompulsorySpace>"]
    taken = _locked_cells(inst, day_name, locked)
    order = {day_name[d]: k for k, d in enumerate(days)}
    for i in inst.instructors.values():
        ok = inst.instructor_slots(i)
        cells = {(day_name[d], h) for d in days for h in hours
                 if d.weekday() not in i.weekdays or h not in ok or d in i.unavailable_dates}
        cells |= taken.get(("i", i.id), set())
        if cells:
            out.append(_not_avail("ConstraintRoomNotAvailableTimes", "Room", names["instructor"][i.id],
                                  sorted(cells, key=lambda x: (order[x[0]], x[1]))))
    for w in inst.workshops.values():
        cells = taken.get(("w", w.id), set())
        if cells:
            out.append(_not_avail("ConstraintRoomNotAvailableTimes", "Room", names["workshop"][w.id],
                                  sorted(cells, key=lambda x: (order[x[0]], x[1]))))
    for n, (_b, _dur, vname) in enumerate(acts, start=1):
        out.append(f"<ConstraintActivityPreferredRoom>\n\t<Weight_Percentage>100</Weight_Percentage>\n"
                   f"\t<Activity_Id>{n}</Activity_Id>\n\t<Room>{_e(vname)}</Room>\n"
                   f"\t<Number_of_Real_Rooms>0</Number_of_Real_Rooms>\n"
                   f"\t<Permanently_Locked>true</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments></Comments>\n"
                   f"</ConstraintActivityPreferredRoom>")
    out.append("</Space_Constraints_List>")
    return out
