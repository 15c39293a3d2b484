"""The registry of printed documents, shared by ``chemcluster report KIND`` and the reports centre.

Each kind K is built by the module ``chemcluster_desktop.services.<area>.report_<K>`` (written by the area
that owns the data and declared in that area's ``reports`` in :mod:`chemcluster_desktop.areas`), which
defines:

    TITLE = "Инвентарная опись"            # Russian source text (context "Reports")
    FILTERS = ["room"]                     # names from FILTER_NAMES below that it understands
    def build(dest, *, progress=None, cancelled=None, **filters) -> ReportResult

``build`` reads the data through its area's services (in SQL), hands plain rows to a module in
``reports/`` and writes the PDF to ``dest`` (a path). A filter it does not know is refused with a
ValidationError; an unknown name (a workshop that does not exist) is a NotFoundError.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, replace
from types import ModuleType

from chemcluster_desktop import areas
from chemcluster_desktop.i18n import language, source_language, translate

# kind -> the module building it (``services/<area>/report_<kind>.py``), declared by each area in the registry
_MODULES = areas.report_modules()
KINDS = tuple(_MODULES)

# The unified accounting forms (Приказ Минфина России от 15.04.2021 № 61н: ф. 0510466, 0510439, 0510463,
# 0504092 and the movement documents) are documents of a state institution's accounting and are made in
# Russian, the state language (Федеральный закон от 01.06.2005 № 53-ФЗ, ст. 3), whatever the interface
# language: built in English mode they used to mix English headings with Russian sums in words.
OFFICIAL_KINDS = frozenset({"inventory", "inventory-decision", "inventory-act", "discrepancies", "movement"})

# filter name -> (CLI flag, Russian label): the label names the filter in the reports centre (where each
# has a list to choose from); the command line adds CLI_VALUES, the form of the value it takes
FILTER_NAMES = {
    "room": ("--room", "Помещение"),
    "kind": ("--kind", "Вид позиций"),
    "search": ("--search", "Поиск"),
    "status": ("--status", "Состояние"),
    "ids": ("--ids", "Позиции"),
    "stocktaking": ("--stocktaking", "Инвентаризация"),
    "number": ("--number", "Номер документа"),
    "workshop": ("--workshop", "Мастерская"),
    "need": ("--need", "Потребность"),
    "line": ("--line", "Строка плана-графика"),
    "law": ("--law", "Закон"),
    "source": ("--source", "Источник финансирования"),
    "school": ("--school", "Школа"),
    "class_": ("--class", "Класс"),
    "instructor": ("--instructor", "Преподаватель"),
    "term": ("--term", "Учебный период"),
    "view": ("--view", "Вид расписания"),
    "period": ("--period", "Отчётный период"),
    "per": ("--per", "Этикетки группы"),
}
CLI_VALUES = {
    "ids": "id через запятую",
    "search": "строка поиска, как в окне программы",
    "status": "in_use | repair | not_commissioned | written_off | all — любое, и списанные",
    "stocktaking": "номер или id",
    "need": "id",
    "line": "номер",
    "law": "44-ФЗ | 223-ФЗ",
    "view": "week | term",
    "per": "group — одна, unit — на каждую штуку",
}


def filter_label(name: str) -> str:
    """The filter's name as the reports centre shows it (no internal values)."""
    return translate("Reports", FILTER_NAMES[name][1]) if name in FILTER_NAMES else name


def filter_help(name: str) -> str:
    """The filter's help on the command line: its name and the form of the value."""
    label = filter_label(name)
    return f"{label} ({translate('Reports', CLI_VALUES[name])})" if name in CLI_VALUES else label


@dataclass
class ReportResult:
    path: str
    pages: int
    title: str
    rows: int = 0


def module(kind: str) -> ModuleType:
    return importlib.import_module(_MODULES[kind])


def title(kind: str) -> str:
    return translate("Reports", module(kind).TITLE)


def filters(kind: str) -> list[str]:
    return list(getattr(module(kind), "FILTERS", []))


def build(kind: str, dest, /, *, progress=None, cancelled=None, **flt) -> ReportResult:
    from chemcluster_desktop.services.errors import ValidationError
    from chemcluster_desktop.services.security import require

    require("reports.print")
    from chemcluster_desktop.services.settings_service import register_logo

    register_logo()  # the college logo from the settings in every document's header
    mod = module(kind)
    known = set(getattr(mod, "FILTERS", []))
    given = {k: v for k, v in flt.items() if v not in (None, "", [])}
    unknown = set(given) - known
    if unknown:
        names = ", ".join(FILTER_NAMES.get(u, (u,))[0] for u in sorted(unknown))
        raise ValidationError(translate("Reports", "Отчёт «{0}» не принимает фильтр {1}.").format(kind, names))
    if kind in OFFICIAL_KINDS:
        with source_language():
            res = mod.build(dest, progress=progress, cancelled=cancelled, **given)
        return _interface_title(kind, res)
    return mod.build(dest, progress=progress, cancelled=cancelled, **given)


def _interface_title(kind: str, res: ReportResult) -> ReportResult:
    """An official form is Russian; the window and the messages that show it name it in the interface
    language («Inventory list (form 0510466)»), keeping the form code of the Russian title."""
    if language() == "ru":
        return res
    name = title(kind)
    code = re.search(r"\b0\d{6}\b", res.title)
    if code and code.group(0) not in name:
        name = translate("Reports", "{0} (ф. {1})").format(name, code.group(0))
    return replace(res, title=name)


def page_count(path) -> int:
    """Pages of a PDF we wrote (counted without a PDF library: reportlab writes /Type /Page)."""
    data = open(path, "rb").read()
    return data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") + data.count(b"/Type /Page/") or \
        data.count(b"/Type /Page ")


def college_info() -> dict[str, str]:
    from chemcluster_desktop.services.database import get_settings

    return get_settings("college.")


def requisites() -> dict[str, str]:
    """The institution's requisites every unified form prints (Сервис → Настройки): name, ИНН, КПП,
    ОКПО, structural unit, address, director and his position, chief accountant."""
    c = college_info()
    return {"name": c.get("college.name", ""), "inn": c.get("college.inn", ""), "kpp": c.get("college.kpp", ""),
            "okpo": c.get("college.okpo", ""), "unit": c.get("college.unit", ""),
            "address": c.get("college.address", ""), "director": c.get("college.director", ""),
            "director_position": c.get("college.director_position", "") or translate("Forms", "Директор"),
            "accountant": c.get("college.accountant", "")}
