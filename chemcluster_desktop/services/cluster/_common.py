"""The cluster's shared vocabulary: the project horizon, the readiness threshold, the computed KPI
formulas and the names of participant kinds and direction levels."""

from __future__ import annotations

from decimal import Decimal

from chemcluster_desktop.i18n import translate

FIRST_YEAR = 2022
LAST_YEAR = 2030
READY_THRESHOLD = Decimal("95")  # a workshop is ready for accreditation at ≥ 95 % of its list met
PERCENT_UNITS = ("%",)
HUNDRED = Decimal(100)

WRITE = "cluster.write"

# computed formula codes -> (short Russian description, page the figure comes from)
COMPUTED = {
    "participants": ("число участников в реестре (без школ)", "cluster"),
    "directions": ("число направлений обучения в реестре", "cluster"),
    "equipped": ("средняя готовность мастерских по инфраструктурным листам", "accreditation"),
    "workshops_ready": ("мастерские с выполнением листа не ниже 95 %", "accreditation"),
    "budget_paid": ("оплачено по контрактам, все источники", "procurement"),
    "pupils": ("учащиеся 8-х классов в расписании", "schedule"),
}


def _t(s: str) -> str:
    return translate("Cluster", s)


def kind_names() -> dict[str, str]:
    return {
        "college": _t("Колледж (базовая организация)"),
        "enterprise": _t("Предприятие"),
        "school": _t("Школа"),
        "employment": _t("Центр занятости"),
        "authority": _t("Орган власти"),
    }


def level_names() -> dict[str, str]:
    return {"specialty": _t("Специальность"), "profession": _t("Профессия")}


def computed_names() -> dict[str, str]:
    return {k: _t(v[0]) for k, v in COMPUTED.items()}
