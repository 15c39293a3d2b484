"""Choices for the filters of the reports centre: ``choices("workshop") -> [(value, label), …]``.

The value is what ``chemcluster report KIND --<filter> VALUE`` takes (a name, a code, an id); the
label is what the person reads. A report module may offer its own ``choices(name)``; otherwise the
names are read here from the tables (in SQL, sorted, at most :data:`LIMIT` rows).
"""

from __future__ import annotations

from sqlalchemy import select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context

LIMIT = 2000

# filters typed by hand (no list to choose from)
FREE_TEXT = {"ids", "search"}


def _t(s: str) -> str:
    return translate("Reports", s)


def choices(name: str, kind: str | None = None) -> list[tuple[str, str]]:
    if kind:
        try:
            from chemcluster_desktop.services import printing

            mod = printing.module(kind)
            fn = getattr(mod, "choices", None)
            if fn is not None:
                got = fn(name)
                if got is not None:
                    return [(str(v), str(lab)) for v, lab in got]
        except Exception:  # a report module without choices falls back to the tables
            pass
    try:
        return _from_tables(name)
    except Exception:  # an area's tables may be missing in an old database
        return []


def _from_tables(name: str) -> list[tuple[str, str]]:
    if name == "view":
        return [("week", _t("Неделя")), ("term", _t("Учебный период"))]
    if name == "per":
        return [("group", _t("одна на группу")), ("unit", _t("на каждую штуку"))]
    if name == "period":
        from chemcluster_desktop.services import cluster

        per = sorted(set(cluster.reported_periods()) | set(cluster.all_periods()))
        return [(p, p) for p in per]
    if name == "kind":
        from chemcluster_desktop.storage.inventory import ITEM_KINDS

        names = {"equipment": _t("Оборудование"), "furniture": _t("Мебель"), "consumable": _t("Расходные материалы"),
                 "reagent": _t("Реактивы")}
        return [(k, names.get(k, k)) for k in ITEM_KINDS]
    with context.read() as s:
        if name == "room":
            from chemcluster_desktop.storage.core import Room

            return [(n, n) for n in s.scalars(select(Room.name).order_by(Room.name).limit(LIMIT))]
        if name == "workshop":
            from chemcluster_desktop.storage.accreditation import Workshop

            return [(n, n) for n in s.scalars(select(Workshop.name).order_by(Workshop.name).limit(LIMIT))]
        if name == "stocktaking":
            from chemcluster_desktop.storage.inventory import Stocktaking

            rows = s.scalars(select(Stocktaking).order_by(Stocktaking.id.desc()).limit(LIMIT))
            out = []
            for st in rows:
                num = getattr(st, "number", "") or str(st.id)
                when = getattr(st, "started_on", None) or getattr(st, "date", None)
                label = _t("№ {0}").format(num) + (f" — {when:%d.%m.%Y}" if when else "")
                out.append((str(st.id), label))
            return out
        if name == "need":
            from chemcluster_desktop.storage.procurement import Need

            return [(str(i), f"{i}: {n}") for i, n in s.execute(select(Need.id, Need.name).order_by(Need.id)
                                                                    .limit(LIMIT))]
    # the other areas' choices come through their public queries, not their tables
    if name == "source":
        from chemcluster_desktop.services import procurement

        return [(r.code, r.name) for r in procurement.list_sources()]
    from chemcluster_desktop.services import schedule

    if name == "school":
        return [(r["name"], r["name"]) for r in schedule.list_schools()[:LIMIT]]
    if name == "class_":
        return [(r["name"], r["title"]) for r in schedule.list_classes()[:LIMIT]]
    if name == "instructor":
        return [(r["full_name"], r["full_name"]) for r in schedule.list_instructors()[:LIMIT]]
    if name == "term":
        return [(r["name"], r["name"]) for r in schedule.list_terms()[:LIMIT]]
    return []


def description(kind: str) -> str:
    """A one-line description of a document kind for the reports centre: the report module's
    ``DESCRIPTION`` (Russian, context ``Reports``, marked with ``QT_TRANSLATE_NOOP``) when it has one,
    else the text kept here for the kinds written before modules carried their own."""
    from chemcluster_desktop.services import printing

    own = getattr(printing.module(kind), "DESCRIPTION", "") if kind in printing.KINDS else ""
    if own:
        return _t(own)
    texts = {
        "inventory": _t("Инвентарная опись по помещениям (формы ИНВ-1 / 0504087), с подписями МОЛ и комиссии."),
        "stocktaking": _t("Ведомость расхождений инвентаризации: ожидалось, найдено, излишки и недостачи."),
        "labels": _t("Лист этикеток с QR-кодами для выбранных позиций или помещения."),
        "accreditation": _t("Пакет аккредитации мастерской: обложка, паспорт, чек-лист, перечень недостающего, "
                            "план застройки, фотографии."),
        "procurement": _t("План-график закупок оборудования по источникам финансирования."),
        "nmck": _t("Обоснование начальной (максимальной) цены контракта методом сопоставимых рыночных цен."),
        "schedule": _t("Расписание занятий «Технология» для 8-х классов: по классу, преподавателю, мастерской."),
        "kpi": _t("Отчёт о достижении показателей кластера: план, факт, процент выполнения, комментарии."),
        "budget": _t("Бюджет проекта по источникам: лимит, план, законтрактовано, оплачено."),
    }
    return texts.get(kind, "")
