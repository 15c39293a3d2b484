"""ИНН and КПП checks (the check digits of the Federal Tax Service's algorithm)."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate

W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
W11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
W12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_valid(inn: str) -> bool:
    inn = (inn or "").strip()
    if not inn.isdigit() or len(inn) not in (10, 12):
        return False
    d = [int(c) for c in inn]
    if len(inn) == 10:
        return _check(d[:9], W10) == d[9]
    return _check(d[:10], W11) == d[10] and _check(d[:11], W12) == d[11]


def complete_inn(prefix: str) -> str:
    """Append the check digit(s) to 9 (legal entity) or 10 (individual) digits."""
    d = [int(c) for c in prefix]
    if len(d) == 9:
        return prefix + str(_check(d, W10))
    if len(d) == 10:
        c11 = _check(d, W11)
        c12 = _check(d + [c11], W12)
        return prefix + str(c11) + str(c12)
    raise ValueError(prefix)


def inn_error(inn: str) -> str | None:
    """A Russian message for a bad ИНН, or None when it is valid."""
    inn = (inn or "").strip()
    if not inn:
        return translate("Procurement", "Укажите ИНН поставщика.")
    if not inn.isdigit():
        return translate("Procurement", "ИНН состоит только из цифр: «{0}».").format(inn)
    if len(inn) not in (10, 12):
        return translate("Procurement", "ИНН должен содержать 10 цифр (организация) или 12 (ИП), а в «{0}» их {1}.") \
            .format(inn, len(inn))
    if not inn_valid(inn):
        return translate("Procurement", "ИНН «{0}» не проходит проверку контрольных цифр: проверьте, нет ли опечатки.") \
            .format(inn)
    return None


def kpp_error(kpp: str, inn: str = "") -> str | None:
    kpp = (kpp or "").strip()
    if not kpp:
        if len((inn or "").strip()) == 10:
            return translate("Procurement", "У организации (ИНН из 10 цифр) должен быть КПП из 9 знаков.")
        return None
    if len(kpp) != 9 or not kpp[:4].isdigit() or not kpp[6:].isdigit() or not kpp[4:6].isalnum():
        return translate("Procurement", "КПП — 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры "
                                        "(например 524901001).")
    if len((inn or "").strip()) == 12:
        return translate("Procurement", "У индивидуального предпринимателя (ИНН из 12 цифр) КПП не указывается.")
    return None
