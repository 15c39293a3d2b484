"""What the unified forms print about an object besides its name: the account it is kept on, its
status and target function (ф. 0510466, графы «Статус объекта учёта» и «Целевая функция актива»,
values as in приказ Минфина России № 61н, приложение о кодах статусов), the unit's code by ОКЕИ.

The account comes from the card when it carries one (the accounting-account field added by issue 12,
read here through ``account``), else from the kind and the price: fixed assets over 10 000 ₽ on
101.34 / 101.36, cheaper ones written off to expense and kept off-balance on account 21 (СГС
«Основные средства», п. 39), materials and reagents on 105.36.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.storage.inventory import add_months

OFF_BALANCE_LIMIT = Decimal(10000)

ACCOUNTS = {
    "101.34": "Машины и оборудование",
    "101.36": "Инвентарь производственный и хозяйственный",
    "105.36": "Прочие материальные запасы",
    "21": "Основные средства в эксплуатации (забалансовый счёт 21)",
}

# ОКЕИ (Общероссийский классификатор единиц измерения, ОК 015-94)
OKEI = {"шт.": "796", "шт": "796", "г": "163", "кг": "166", "мг": "161", "л": "112", "мл": "111", "м": "006",
        "м2": "055", "м²": "055", "упак.": "778", "упак": "778", "компл.": "839", "компл": "839", "пара": "715", "пар": "715",
        "рул.": "736", "набор": "704", "фл.": "872", "т": "168", "руб.": "383"}


def _t(s: str) -> str:
    return translate("Forms", s)


def account_of(kind: str, cost: Decimal | None, account: str | None = None) -> str:
    if account:
        return account
    if kind in ("consumable", "reagent"):
        return "105.36"
    if cost is not None and cost < OFF_BALANCE_LIMIT:
        return "21"
    return "101.34" if kind == "equipment" else "101.36"


def account_title(code: str) -> str:
    return _t(ACCOUNTS[code]) if code in ACCOUNTS else code


def okei(unit: str) -> str:
    return OKEI.get((unit or "").strip().lower(), "")


def status_and_function(kind: str, status: str, *, present: bool = True, verification_expired: bool = False,
                        expired_stock: bool = False) -> tuple[str, str]:
    """(статус объекта учёта, целевая функция актива) of one line."""
    if not present:
        return _t("отсутствует"), _t("списание (недостача)")
    if kind in ("consumable", "reagent"):
        if expired_stock:
            return _t("не соответствует требованиям (истёк срок годности)"), _t("списание")
        return _t("в запасе"), _t("использование по назначению")
    if status == "repair":
        return _t("требуется ремонт"), _t("ремонт")
    if status == "not_commissioned":
        return _t("не введён в эксплуатацию"), _t("ввод в эксплуатацию")
    if verification_expired:
        return _t("не соответствует требованиям эксплуатации (истёк срок поверки)"), _t("поверка")
    return _t("в эксплуатации"), _t("продолжить эксплуатацию")


def verification_due(verified_on: dt.date | None, months: int | None) -> dt.date | None:
    """The date the verification runs out (its interval in months after the last one)."""
    return add_months(verified_on, months)


__all__ = ["ACCOUNTS", "OKEI", "account_of", "account_title", "okei", "status_and_function", "verification_due"]
