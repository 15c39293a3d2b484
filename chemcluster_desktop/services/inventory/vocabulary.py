"""The inventory's reference data: kinds, states, movement kinds, storage groups and their
incompatible pairs, GHS pictograms — and their translated labels."""

from __future__ import annotations

from chemcluster_desktop.services.inventory._common import _t

AREA = "inventory"
EXPIRY_WARN_DAYS = 30

KIND_LABELS = {
    "equipment": "Оборудование",
    "furniture": "Мебель",
    "consumable": "Расходные материалы",
    "reagent": "Реактивы",
}
STATUS_LABELS = {
    "in_use": "В эксплуатации",
    "repair": "На ремонте",
    "not_commissioned": "Не введено",
    "written_off": "Списано",
}
MOVEMENT_LABELS = {
    "receipt": "Поступление",
    "transfer": "Перемещение",
    "issue": "Выдача",
    "return": "Возврат",
    "write_off": "Списание",
}
MOVEMENT_PREFIX = {"receipt": "ПР", "transfer": "ПМ", "issue": "ВД", "return": "ВЗ", "write_off": "СП"}
UNIT_KINDS = ("equipment", "furniture")  # counted in whole units under an inventory number


def is_group(kind: str, quantity) -> bool:
    """A group inventory object: identical units of equipment or furniture under one inventory
    number (ФСБУ 6/2020 «Основные средства», п. 10: uniform low-value objects may be grouped)."""
    return kind in UNIT_KINDS and quantity is not None and quantity > 1

STORAGE_GROUPS = {
    "": "—",
    "general": "Общего хранения",
    "acids": "Кислоты",
    "bases": "Щёлочи и основания",
    "oxidisers": "Окислители",
    "flammables": "Легковоспламеняющиеся (ЛВЖ)",
    "reducers": "Восстановители",
    "water_reactive": "Реагирующие с водой",
    "toxic": "Ядовитые",
}
INCOMPATIBLE = {
    frozenset(("acids", "bases")),
    frozenset(("oxidisers", "flammables")),
    frozenset(("oxidisers", "reducers")),
    frozenset(("acids", "water_reactive")),
    frozenset(("oxidisers", "water_reactive")),
    frozenset(("acids", "toxic")),
}
GHS_PICTOGRAMS = {
    "GHS01": "Взрывчатые вещества",
    "GHS02": "Воспламеняющиеся",
    "GHS03": "Окисляющие",
    "GHS04": "Газы под давлением",
    "GHS05": "Коррозионные",
    "GHS06": "Токсичные",
    "GHS07": "Вредные (раздражающие)",
    "GHS08": "Опасные для здоровья",
    "GHS09": "Опасные для окружающей среды",
}


def kind_label(k: str) -> str:
    return _t(KIND_LABELS.get(k, k))


def status_label(k: str) -> str:
    return _t(STATUS_LABELS.get(k, k))


def movement_label(k: str) -> str:
    return _t(MOVEMENT_LABELS.get(k, k))


def storage_group_label(k: str) -> str:
    return _t(STORAGE_GROUPS.get(k or "", k or ""))


def ghs_label(code: str) -> str:
    return _t(GHS_PICTOGRAMS.get(code, code))
