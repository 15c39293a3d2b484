"""The areas of the program, each declared once.

``Area`` is the key of a data area: the value stored in the journal's ``area`` column, the name of the
storage module that holds its tables and of the service package that owns them, and what a unit of
work publishes after commit (see :func:`chemcluster_desktop.services.context.set_change_hook`).
It is a ``StrEnum``, so ``Area.INVENTORY == "inventory"`` and old journal rows compare equal.

:data:`REGISTRY` declares every area once, in navigation order (the data-only ``core`` part — users,
settings, buildings and rooms — first): its titles, icon, page, storage modules, demo loader, CLI
command modules, report kinds, ``stats`` counts, journal labels and the data areas its page listens
to. Every list of areas elsewhere is derived from it (``storage.models.AREAS``, the journal's names,
``services.database.STATS``, ``services.printing.KINDS``, the demo loader's order, the CLI's command
modules, the navigation rail and each page's ``listens_to``). Modules and page classes are named by
strings, so importing the registry imports no Qt, no database and no area; ``tests/test_areas.py``
imports every named piece and checks that it exists and respects the layers.

Adding a report kind: its module ``services/<area>/report_<kind>.py`` and one line in that area's
``reports``. A new area: its package folders and one :class:`AreaSpec` here.

Texts are Russian source texts marked with ``QT_TRANSLATE_NOOP`` (lupdate extracts them; they are
translated when shown): titles in context ``Navigation``, journal names in context ``Journal``.
The model is OpenLP's plugin manager and Picard's registered option pages: one declaration per
area that the rest of the program reads, instead of lists kept in step by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from types import MappingProxyType

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP


class Area(StrEnum):
    CORE = "core"
    INVENTORY = "inventory"
    ACCREDITATION = "accreditation"
    SCHEDULE = "schedule"
    PROCUREMENT = "procurement"
    CLUSTER = "cluster"


PKG = "chemcluster_desktop"


@dataclass(frozen=True)
class PageRef:
    """A page class named by its module and class name (imported only by the GUI)."""
    module: str
    cls: str


def _frozen(d: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class AreaSpec:
    key: str                               # navigation key, page key, settings key
    title: str = ""                        # Russian, context "Navigation" ("" for a data-only part)
    icon: str = ""                         # qtawesome/mdi name of the navigation icon
    page: PageRef | None = None
    data: Area | None = None               # the data area whose tables, demo, stats and journal it owns
    storage: tuple[str, ...] = ()          # storage modules holding the data area's tables
    demo: str | None = None                # module with ``load(session, rng)``
    commands: tuple[str, ...] = ()         # modules with ``register(subparsers)`` (commands/*.py)
    reports: Mapping[str, str] = field(default_factory=dict)   # kind -> module (TITLE, FILTERS, build)
    stats: Mapping[str, str] = field(default_factory=dict)     # ``stats --json`` key -> model class name
    journal_name: str = ""                 # Russian, context "Journal": the area in the journal
    entities: Mapping[str, str] = field(default_factory=dict)  # model class -> Russian, context "Journal"
    listens_to: tuple[Area, ...] = ()      # data areas whose changes refresh the page

    def __post_init__(self) -> None:
        for name in ("reports", "stats", "entities"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))


def _svc(area: str, module: str) -> str:
    return f"{PKG}.services.{area}.{module}"


REGISTRY: tuple[AreaSpec, ...] = (
    AreaSpec(
        "core",
        data=Area.CORE,
        storage=(f"{PKG}.storage.core", f"{PKG}.storage.journal"),
        demo=f"{PKG}.services.core_demo",
        stats={"buildings": "Building", "rooms": "Room", "users": "User", "audit_entries": "AuditEntry"},
        journal_name=QT_TRANSLATE_NOOP("Journal", "Пользователи и справочники"),
        entities={
            "User": QT_TRANSLATE_NOOP("Journal", "Пользователь"),
            "Role": QT_TRANSLATE_NOOP("Journal", "Роль"),
            "Setting": QT_TRANSLATE_NOOP("Journal", "Настройка"),
            "Counter": QT_TRANSLATE_NOOP("Journal", "Счётчик номеров"),
            "LoginAttempt": QT_TRANSLATE_NOOP("Journal", "Попытка входа"),
            "Building": QT_TRANSLATE_NOOP("Journal", "Здание"),
            "Room": QT_TRANSLATE_NOOP("Journal", "Помещение"),
            "AuditEntry": QT_TRANSLATE_NOOP("Journal", "Запись журнала"),
            "Database": QT_TRANSLATE_NOOP("Journal", "База данных"),  # restore entries (no model)
        },
    ),
    AreaSpec(
        "inventory",
        title=QT_TRANSLATE_NOOP("Navigation", "Инвентарь"),
        icon="flask-outline",
        page=PageRef(f"{PKG}.ui.pages.inventory", "InventoryPage"),
        data=Area.INVENTORY,
        storage=(f"{PKG}.storage.inventory", f"{PKG}.storage.movements", f"{PKG}.storage.stocktaking",
                 f"{PKG}.storage.inventory_paperwork"),
        demo=_svc("inventory", "demo"),
        commands=(f"{PKG}.commands.inventory",),
        reports={
            "inventory": _svc("inventory", "report_inventory"),
            "stocktaking": _svc("inventory", "report_stocktaking"),
            "labels": _svc("inventory", "report_labels"),
            "inventory-decision": _svc("inventory", "report_inventory_decision"),
            "discrepancies": _svc("inventory", "report_discrepancies"),
            "inventory-act": _svc("inventory", "report_inventory_act"),
            "movement": _svc("inventory", "report_movement"),
        },
        stats={"items": "Item", "reagent_containers": "ReagentContainer", "substances": "Substance",
               "movements": "Movement", "stocktakings": "Stocktaking"},
        journal_name=QT_TRANSLATE_NOOP("Journal", "Инвентарь"),
        entities={
            "Item": QT_TRANSLATE_NOOP("Journal", "Позиция инвентаря"),
            "ReagentContainer": QT_TRANSLATE_NOOP("Journal", "Тара реактива"),
            "Substance": QT_TRANSLATE_NOOP("Journal", "Вещество"),
            "Movement": QT_TRANSLATE_NOOP("Journal", "Движение"),
            "MovementLine": QT_TRANSLATE_NOOP("Journal", "Строка движения"),
            "Stocktaking": QT_TRANSLATE_NOOP("Journal", "Инвентаризация"),
            "StocktakingLine": QT_TRANSLATE_NOOP("Journal", "Строка инвентаризации"),
            "StocktakingDecision": QT_TRANSLATE_NOOP("Journal", "Решение об инвентаризации"),
            "CommissionMember": QT_TRANSLATE_NOOP("Journal", "Член инвентаризационной комиссии"),
            "Attachment": QT_TRANSLATE_NOOP("Journal", "Прикреплённый файл"),
            "ResponsiblePerson": QT_TRANSLATE_NOOP("Journal", "Должность МОЛ"),
        },
        listens_to=(Area.INVENTORY, Area.CORE, Area.PROCUREMENT),
    ),
    AreaSpec(
        "accreditation",
        title=QT_TRANSLATE_NOOP("Navigation", "Аккредитация"),
        icon="certificate-outline",
        page=PageRef(f"{PKG}.ui.pages.accreditation", "AccreditationPage"),
        data=Area.ACCREDITATION,
        storage=(f"{PKG}.storage.accreditation",),
        demo=_svc("accreditation", "demo"),
        commands=(f"{PKG}.commands.accreditation",),
        reports={"accreditation": _svc("accreditation", "report_accreditation")},
        stats={"competencies": "Competency", "infrastructure_lists": "InfrastructureList",
               "infrastructure_lines": "InfrastructureLine", "workshops": "Workshop",
               "checklist_links": "ChecklistLink", "evidence": "Evidence"},
        journal_name=QT_TRANSLATE_NOOP("Journal", "Аккредитация"),
        entities={
            "Competency": QT_TRANSLATE_NOOP("Journal", "Компетенция"),
            "InfrastructureList": QT_TRANSLATE_NOOP("Journal", "Инфраструктурный лист"),
            "InfrastructureLine": QT_TRANSLATE_NOOP("Journal", "Позиция ИЛ"),
            "Workshop": QT_TRANSLATE_NOOP("Journal", "Мастерская"),
            "WorkshopRoom": QT_TRANSLATE_NOOP("Journal", "Помещение мастерской"),
            "ChecklistLine": QT_TRANSLATE_NOOP("Journal", "Строка чек-листа"),
            "ChecklistLink": QT_TRANSLATE_NOOP("Journal", "Связь чек-листа"),
            "Evidence": QT_TRANSLATE_NOOP("Journal", "Фото"),
            "ChecklistLoan": QT_TRANSLATE_NOOP("Journal", "Договор пользования/аренды"),
            "WorkshopCommissionMember": QT_TRANSLATE_NOOP("Journal", "Член комиссии"),
            "AccreditationRestorePoint": QT_TRANSLATE_NOOP("Journal", "Точка восстановления аккредитации"),
        },
        listens_to=(Area.ACCREDITATION, Area.INVENTORY, Area.PROCUREMENT, Area.CORE),
    ),
    AreaSpec(
        "schedule",
        title=QT_TRANSLATE_NOOP("Navigation", "Расписание"),
        icon="calendar-clock",
        page=PageRef(f"{PKG}.ui.pages.schedule", "SchedulePage"),
        data=Area.SCHEDULE,
        storage=(f"{PKG}.storage.schedule",),
        demo=_svc("schedule", "demo"),
        commands=(f"{PKG}.commands.schedule",),
        reports={"schedule": _svc("schedule", "report_schedule")},
        stats={"schools": "School", "classes": "SchoolClass", "instructors": "Instructor", "modules": "CourseModule",
               "terms": "Term", "time_slots": "TimeSlot", "lessons": "Lesson"},
        journal_name=QT_TRANSLATE_NOOP("Journal", "Расписание"),
        entities={
            "School": QT_TRANSLATE_NOOP("Journal", "Школа"),
            "SchoolClass": QT_TRANSLATE_NOOP("Journal", "Класс"),
            "Instructor": QT_TRANSLATE_NOOP("Journal", "Преподаватель"),
            "InstructorModule": QT_TRANSLATE_NOOP("Journal", "Модуль преподавателя"),
            "CourseModule": QT_TRANSLATE_NOOP("Journal", "Модуль"),
            "WorkshopModule": QT_TRANSLATE_NOOP("Journal", "Модуль мастерской"),
            "Term": QT_TRANSLATE_NOOP("Journal", "Период"),
            "Holiday": QT_TRANSLATE_NOOP("Journal", "Каникулы"),
            "Requirement": QT_TRANSLATE_NOOP("Journal", "Строка нагрузки"),
            "TimeSlot": QT_TRANSLATE_NOOP("Journal", "Время урока"),
            "Lesson": QT_TRANSLATE_NOOP("Journal", "Занятие"),
            "ProgrammeModule": QT_TRANSLATE_NOOP("Journal", "Модуль ФРП"),
            "CalendarDay": QT_TRANSLATE_NOOP("Journal", "День производственного календаря"),
            "RestorePoint": QT_TRANSLATE_NOOP("Journal", "Точка восстановления расписания"),
        },
        listens_to=(Area.SCHEDULE, Area.ACCREDITATION),
    ),
    AreaSpec(
        "procurement",
        title=QT_TRANSLATE_NOOP("Navigation", "Закупки"),
        icon="cart-outline",
        page=PageRef(f"{PKG}.ui.pages.procurement", "ProcurementPage"),
        data=Area.PROCUREMENT,
        storage=(f"{PKG}.storage.procurement",),
        demo=_svc("procurement", "demo"),
        commands=(f"{PKG}.commands.procurement",),
        reports={
            "procurement": _svc("procurement", "report_procurement"),
            "nmck": _svc("procurement", "report_nmck"),
            "budget": _svc("procurement", "report_budget"),
        },
        stats={"suppliers": "Supplier", "funding_sources": "FundingSource", "needs": "Need", "offers": "Offer",
               "plan_lines": "PlanLine", "contracts": "Contract", "deliveries": "Delivery"},
        journal_name=QT_TRANSLATE_NOOP("Journal", "Закупки"),
        entities={
            "Supplier": QT_TRANSLATE_NOOP("Journal", "Поставщик"),
            "FundingSource": QT_TRANSLATE_NOOP("Journal", "Источник финансирования"),
            "Need": QT_TRANSLATE_NOOP("Journal", "Потребность"),
            "Offer": QT_TRANSLATE_NOOP("Journal", "Коммерческое предложение"),
            "PlanLine": QT_TRANSLATE_NOOP("Journal", "Строка плана-графика"),
            "PlanStep": QT_TRANSLATE_NOOP("Journal", "Этап строки плана-графика"),
            "Contract": QT_TRANSLATE_NOOP("Journal", "Контракт"),
            "Payment": QT_TRANSLATE_NOOP("Journal", "Платёж"),
            "Delivery": QT_TRANSLATE_NOOP("Journal", "Поставка"),
            "DeliveryLine": QT_TRANSLATE_NOOP("Journal", "Строка поставки"),
            "DeliveryItem": QT_TRANSLATE_NOOP("Journal", "Принятая позиция поставки"),
            "PriceRequest": QT_TRANSLATE_NOOP("Journal", "Запрос цен"),
            "ContractNeed": QT_TRANSLATE_NOOP("Journal", "Позиция контракта"),
        },
        listens_to=(Area.PROCUREMENT, Area.INVENTORY, Area.ACCREDITATION),
    ),
    AreaSpec(
        "reports",
        title=QT_TRANSLATE_NOOP("Navigation", "Отчёты"),
        icon="file-pdf-box",
        page=PageRef(f"{PKG}.ui.pages.reports", "ReportsPage"),
        commands=(f"{PKG}.commands.reports",),
        listens_to=tuple(Area),  # the filters' choices (rooms, workshops, terms …) come from every area
    ),
    AreaSpec(
        "cluster",
        title=QT_TRANSLATE_NOOP("Navigation", "Кластер"),
        icon="view-dashboard-outline",
        page=PageRef(f"{PKG}.ui.pages.cluster", "ClusterPage"),
        data=Area.CLUSTER,
        storage=(f"{PKG}.storage.cluster",),
        demo=_svc("cluster", "demo"),
        commands=(f"{PKG}.commands.cluster",),
        reports={"kpi": _svc("cluster", "report_kpi")},
        stats={"participants": "Participant", "training_directions": "TrainingDirection", "kpis": "Kpi",
               "kpi_values": "KpiValue"},
        journal_name=QT_TRANSLATE_NOOP("Journal", "Кластер"),
        entities={
            "Participant": QT_TRANSLATE_NOOP("Journal", "Участник кластера"),
            "TrainingDirection": QT_TRANSLATE_NOOP("Journal", "Направление подготовки"),
            "Kpi": QT_TRANSLATE_NOOP("Journal", "Показатель"),
            "KpiValue": QT_TRANSLATE_NOOP("Journal", "Значение показателя"),
        },
        # the dashboard's tiles and charts count what the other areas hold
        listens_to=(Area.CLUSTER, Area.ACCREDITATION, Area.PROCUREMENT, Area.SCHEDULE, Area.INVENTORY),
    ),
    AreaSpec(
        "reference",
        title=QT_TRANSLATE_NOOP("Navigation", "Справочники"),
        icon="book-open-variant",
        page=PageRef(f"{PKG}.ui.pages.reference", "ReferencePage"),
        listens_to=(Area.CORE,),
    ),
    AreaSpec(
        "journal",
        title=QT_TRANSLATE_NOOP("Navigation", "Журнал"),
        icon="history",
        page=PageRef(f"{PKG}.ui.pages.journal", "JournalPage"),
        listens_to=tuple(Area),  # every change anywhere adds to the journal
    ),
)


# --- what the rest of the program reads ------------------------------------------------------------
def get(key: str) -> AreaSpec:
    for spec in REGISTRY:
        if spec.key == key:
            return spec
    raise KeyError(key)


def navigation() -> tuple[AreaSpec, ...]:
    """The areas with a page, in the navigation rail's order."""
    return tuple(s for s in REGISTRY if s.page is not None)


def data_owners() -> tuple[AreaSpec, ...]:
    """The areas that own a data area, in dependency order: a later area's tables may refer to an
    earlier one's, never the other way round (the per-area Alembic revisions follow this order)."""
    return tuple(s for s in REGISTRY if s.data is not None)


def data_areas() -> tuple[Area, ...]:
    return tuple(s.data for s in data_owners())


def owner(area: Area | str) -> AreaSpec:
    """The declaration owning the data area ``area``."""
    for spec in data_owners():
        if spec.data == area:
            return spec
    raise KeyError(area)


def storage_modules() -> tuple[str, ...]:
    return tuple(m for s in data_owners() for m in s.storage)


def command_modules() -> tuple[str, ...]:
    return tuple(m for s in REGISTRY for m in s.commands)


@cache
def report_modules() -> Mapping[str, str]:
    """Report kind -> module, in navigation order of the owning areas."""
    return MappingProxyType({kind: mod for s in REGISTRY for kind, mod in s.reports.items()})


@cache
def stats_models() -> Mapping[str, tuple[tuple[str, ...], str]]:
    """``stats --json`` key -> (storage modules of its area, model class name): the areas with a page
    in navigation order (the items first, as ``stats`` always began), then the core's counts."""
    owners = sorted(data_owners(), key=lambda s: s.page is None)
    return MappingProxyType({key: (s.storage, cls) for s in owners for key, cls in s.stats.items()})


@cache
def journal_names() -> Mapping[str, str]:
    """Data area -> its Russian name in the journal (context ``Journal``)."""
    return MappingProxyType({s.data.value: s.journal_name for s in data_owners()})


@cache
def entity_names() -> Mapping[str, str]:
    """Model class name -> its Russian name in the journal (context ``Journal``)."""
    return MappingProxyType({cls: name for s in data_owners() for cls, name in s.entities.items()})


def listens_to(key: str) -> tuple[Area, ...]:
    """The data areas whose changes refresh the page ``key`` ('' or an unknown key: none)."""
    try:
        return get(key).listens_to
    except KeyError:
        return ()
