"""The 8th-grade «Технология» timetable: reference data, lessons, clash checks, generation.

Reference data: schools and their classes (pupils, weekdays and lesson numbers the school can
send them), instructors (availability, modules they teach), course modules (hours, max group,
workshops that host them), terms, holidays, bell times and requirements (a class takes a module
for N hours in a term). Workshops belong to the accreditation area (``Workshop.workplaces`` is the
capacity); which modules a workshop hosts is the ``workshop_modules`` table of this area.

Every function is one user action (one unit of work) and returns plain dicts. Writes call
``security.require("schedule.write")``. The API other areas rely on:

- :func:`pupils_reached` — distinct pupils of classes with at least one placed lesson;
- :func:`check_conflicts` — the clash list (see :mod:`.check`);
- :func:`generate` — CP-SAT generation of a term (see :mod:`.solver`).

The package, by sub-area: :mod:`.schools` (schools, classes), :mod:`.instructors`,
:mod:`.course_modules` (modules, the workshops hosting them), :mod:`.terms` (terms, holidays, bell
times), :mod:`.requirements`, :mod:`.lessons` (the week grid, hand-made lessons), :mod:`.generation`
(conflicts, generation, FET export, figures); :mod:`.instance` turns the tables into the plain
data of :mod:`.data` that :mod:`.check`, :mod:`.solver` and :mod:`.fet` work on; :mod:`._common`
holds the field parsing and search helpers the modules share.
"""

from __future__ import annotations

from chemcluster_desktop.services.schedule._common import WRITE, weekday_names
from chemcluster_desktop.services.schedule.course_modules import (
    delete_module,
    list_modules,
    list_workshops,
    save_module,
    set_workshop_modules,
)
from chemcluster_desktop.services.schedule.generation import (
    check_conflicts,
    conflict_kinds,
    export_fet,
    generate,
    pupils_reached,
    summary,
    units_count,
    validate_for_generation,
)
from chemcluster_desktop.services.schedule.instance import load_instance
from chemcluster_desktop.services.schedule.instructors import (
    delete_instructor,
    list_instructors,
    save_instructor,
)
from chemcluster_desktop.services.schedule.lessons import (
    clear_term,
    create_lesson,
    delete_lessons,
    get_lesson,
    lesson_clashes,
    lessons_between,
    move_clashes,
    move_lesson,
    set_locked,
    update_lesson,
    week_start,
)
from chemcluster_desktop.services.schedule.requirements import (
    add_all_requirements,
    delete_requirement,
    list_requirements,
    save_requirement,
)
from chemcluster_desktop.services.schedule.schools import (
    delete_class,
    delete_school,
    list_classes,
    list_schools,
    save_class,
    save_school,
)
from chemcluster_desktop.services.schedule.terms import (
    delete_holiday,
    delete_slot,
    delete_term,
    list_holidays,
    list_slots,
    list_terms,
    resolve_term,
    save_holiday,
    save_slot,
    save_term,
)

__all__ = [
    "WRITE", "weekday_names",
    # schools and classes
    "list_schools", "save_school", "delete_school", "list_classes", "save_class", "delete_class",
    # instructors, modules, workshops
    "list_instructors", "save_instructor", "delete_instructor",
    "list_modules", "save_module", "delete_module", "list_workshops", "set_workshop_modules",
    # the school year
    "list_terms", "save_term", "delete_term", "resolve_term",
    "list_holidays", "save_holiday", "delete_holiday", "list_slots", "save_slot", "delete_slot",
    # requirements
    "list_requirements", "save_requirement", "delete_requirement", "add_all_requirements",
    # the instance, conflicts, generation
    "load_instance", "validate_for_generation", "check_conflicts", "generate", "export_fet",
    "pupils_reached", "summary", "conflict_kinds", "units_count",
    # lessons
    "week_start", "lessons_between", "lesson_clashes", "create_lesson", "get_lesson", "update_lesson",
    "move_clashes", "move_lesson", "delete_lessons", "set_locked", "clear_term",
]
