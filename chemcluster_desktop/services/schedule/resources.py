"""Step 2 of the generator (:mod:`.solver`): the workshops and instructors each block could have, with the
reason when a block has too few, and one workshop and one instructor per block from a small CP-SAT model
that balances their loads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import Cancelled
from chemcluster_desktop.services.schedule.reasons import days_text
from chemcluster_desktop.services.schedule.stopper import Stopper as _Stopper

if TYPE_CHECKING:
    from chemcluster_desktop.services.schedule.solver import Block, _Grid


def _resource_options(g: _Grid) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """The workshops and instructors each block could have; a block with too few gets its reason."""
    inst = g.inst
    ws_opts: dict[int, list[int]] = {}
    ins_opts: dict[int, list[int]] = {}
    for b in g.blocks:
        c = inst.classes[b.class_id]
        ws = [w.id for w in inst.workshops_for(b.module_id) if w.workplaces >= b.pupils]
        m = inst.modules[b.module_id]
        if not inst.workshops_for(b.module_id):
            b.reason = translate("Schedule", "Модуль «{0}» не разрешён ни в одной мастерской.").format(m.name)
        elif not ws:
            b.reason = translate("Schedule", "Нет мастерской на {0} учеников для модуля «{1}».").format(b.pupils, m.name)
        elif len(ws) < b.n:
            b.reason = translate("Schedule", "Класс приходит {0} подгруппами одновременно, а мастерских на {1} учеников "
                                             "для модуля «{2}» только {3}.").format(b.n, b.pupils, m.name, len(ws))
        elif m.max_group and b.pupils > m.max_group:
            b.reason = translate("Schedule", "Группа {0} чел. больше допустимой для модуля «{1}» ({2}).").format(
                b.pupils, m.name, m.max_group)
        ins = []
        for i in inst.instructors_for(b.module_id):
            days = c.weekdays & i.weekdays
            common = g.class_slots[c.id] & g.ins_slots[i.id]
            if days and g.starts_for(common, b.length):
                ins.append(i.id)
        if not b.reason and not inst.instructors_for(b.module_id):
            b.reason = translate("Schedule", "Модуль «{0}» не ведёт ни один преподаватель.").format(m.name)
        elif not b.reason and not ins:
            b.reason = translate("Schedule", "Ни один преподаватель модуля «{0}» не работает в дни и часы, когда школа может "
                                             "привести {1} ({2}).").format(m.name, c.name, days_text(c.weekdays))
        elif not b.reason and len(ins) < b.n:
            b.reason = translate("Schedule", "Класс приходит {0} подгруппами одновременно, а в его дни ({1}) модуль «{2}» "
                                             "могут вести только: {3}.").format(
                b.n, days_text(c.weekdays), m.name, ", ".join(inst.instructors[i].name for i in ins))
        if not b.reason and not any(len(g.dates[d]) >= b.visits for d in c.weekdays):
            b.reason = translate("Schedule", "Учебный период слишком короткий: нужно {0} недель подряд в допустимый день.").format(
                b.visits)
        ws_opts[b.idx], ins_opts[b.idx] = ws, ins
    return ws_opts, ins_opts


def _assign_resources(g: _Grid, cp_model, live: list[Block], ws_opts, ins_opts, workers: int,
                      time_limit: float | None) -> list[Block]:
    """One workshop and one instructor per block, balancing their loads (a small CP-SAT model).
    Returns the blocks still in play: none when the load cannot fit at all."""
    inst = g.inst
    g.report(5, 100, translate("Schedule", "Распределение мастерских и преподавателей…"))
    m1 = cp_model.CpModel()
    u = {(b.idx, w): m1.new_bool_var("") for b in live for w in ws_opts[b.idx]}
    v = {(b.idx, i): m1.new_bool_var("") for b in live for i in ins_opts[b.idx]}
    for b in live:  # a visit of n parallel subgroups takes n workshops and n instructors
        m1.add(sum(u[(b.idx, w)] for w in ws_opts[b.idx]) == b.n)
        m1.add(sum(v[(b.idx, i)] for i in ins_opts[b.idx]) == b.n)
    cells_per_day = len(g.slot_numbers)
    ws_cap = {w: sum(len(g.dates[d]) for d in range(5)) * cells_per_day for w in inst.workshops}
    ins_cap = {}
    for i in inst.instructors.values():
        ins_cap[i.id] = max(1, sum(len(g.dates[d]) for d in i.weekdays) * len(g.ins_slots[i.id]))
    loads = []
    for w in inst.workshops:
        terms = [b.hours * u[(b.idx, w)] for b in live if (b.idx, w) in u]
        if terms:
            m1.add(sum(terms) <= ws_cap[w])
            scale = max(1, round(10000 / max(ws_cap[w], 1)))
            loads.append(("w", sum(terms) * scale))
    for i in inst.instructors:
        terms = [b.hours * v[(b.idx, i)] for b in live if (b.idx, i) in v]
        if terms:
            m1.add(sum(terms) <= ins_cap[i])
            scale = max(1, round(10000 / ins_cap[i]))
            loads.append(("i", sum(terms) * scale))
    mw = m1.new_int_var(0, 10 ** 9, "mw")
    mi = m1.new_int_var(0, 10 ** 9, "mi")
    for kind, expr in loads:
        m1.add(expr <= (mw if kind == "w" else mi))
    keep = []  # the workshops and instructors the replaced lessons had: kept unless the load forbids
    for b in live:
        pref = g.prefer.get((b.class_id, b.module_id))
        if pref:
            keep += [u[(b.idx, w)] for w in pref["ws"] if (b.idx, w) in u]
            keep += [v[(b.idx, i)] for i in pref["ins"] if (b.idx, i) in v]
    for x in keep:
        m1.add_hint(x, 1)
    m1.minimize(mw + mi - 200 * sum(keep) if keep else mw + mi)
    s1 = cp_model.CpSolver()
    s1.parameters.num_workers = workers
    s1.parameters.max_time_in_seconds = min(0.7, (time_limit or 10) / 8)
    with _Stopper(s1, g.cancelled) as st:
        status = s1.solve(m1)
        if status == cp_model.UNKNOWN and not st.hit:
            # out of time before any answer (a busy PC): give it longer rather than report all unplaced
            s1.parameters.max_time_in_seconds = max(5.0, (time_limit or 10) / 2)
            status = s1.solve(m1)
    if st.hit:
        raise Cancelled()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for b in live:
            b.workshop_ids = [w for w in ws_opts[b.idx] if s1.value(u[(b.idx, w)])]
            b.instructor_ids = [i for i in ins_opts[b.idx] if s1.value(v[(b.idx, i)])]
        return live
    for b in live:
        b.reason = translate("Schedule", "Нагрузка больше, чем вмещают мастерские и преподаватели за период.")
    return []
