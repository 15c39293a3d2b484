"""The 8th-grade «Технология» timetable: reference data, lessons, clash checks, generation.

Reference data: schools and their classes (pupils, weekdays and lesson numbers the school can
send them), instructors (availability, modules they teach), course modules (hours, max group,
workshops that host them), terms, holidays, bell times and requirements (a class takes a module
for N hours in a term). Workshops belong to the accreditation area (``Workshop.workplaces`` is the
capacity); which modules a workshop hosts is the ``workshop_modules`` table of this area.

Every function is one user action (one unit of work) and returns plain dicts. Writes call
``security.require("schedule.write")`` and follow the convention of :mod:`services.common`:
``create_x(data) -> id``, ``update_x(x_id, data, *, version)`` (holidays, bell times and
requirements have no version column: ``update_x(x_id, data)``), ``delete_x(x_id)``.

The API other areas rely on:

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
    create_module,
    delete_module,
    list_modules,
    list_workshops,
    set_workshop_modules,
    update_module,
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
    create_instructor,
    delete_instructor,
    list_instructors,
    update_instructor,
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
    create_requirement,
    delete_requirement,
    list_requirements,
    update_requirement,
)
from chemcluster_desktop.services.schedule.schools import (
    create_class,
    create_school,
    delete_class,
    delete_school,
    list_classes,
    list_schools,
    update_class,
    update_school,
)
from chemcluster_desktop.services.schedule.terms import (
    create_holiday,
    create_slot,
    create_term,
    delete_holiday,
    delete_slot,
    delete_term,
    list_holidays,
    list_slots,
    list_terms,
    resolve_term,
    update_holiday,
    update_slot,
    update_term,
)

__all__ = [
    "WRITE", "weekday_names",
    # schools and classes
    "list_schools", "create_school", "update_school", "delete_school",
    "list_classes", "create_class", "update_class", "delete_class",
    # instructors, modules, workshops
    "list_instructors", "create_instructor", "update_instructor", "delete_instructor",
    "list_modules", "create_module", "update_module", "delete_module",
    "list_workshops", "set_workshop_modules",
    # the school year
    "list_terms", "create_term", "update_term", "delete_term", "resolve_term",
    "list_holidays", "create_holiday", "update_holiday", "delete_holiday",
    "list_slots", "create_slot", "update_slot", "delete_slot",
    # requirements
    "list_requirements", "create_requirement", "update_requirement", "delete_requirement", "add_all_requirements",
    # the instance, conflicts, generation
    "load_instance", "validate_for_generation", "check_conflicts", "generate", "export_fet",
    "pupils_reached", "summary", "conflict_kinds", "units_count",
    # lessons
    "week_start", "lessons_between", "lesson_clashes", "create_lesson", "get_lesson", "update_lesson",
    "move_clashes", "move_lesson", "delete_lessons", "set_locked", "clear_term",
]
