"""Numbers written out in Russian, as the unified forms ask for totals («прописью»):

    count_words(12)                  -> "двенадцать"
    money_words(Decimal("1374.50"))  -> "одна тысяча триста семьдесят четыре рубля 50 копеек"
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_UNITS_M = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_UNITS_F = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_TEENS = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
          "семнадцать", "восемнадцать", "девятнадцать"]
_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
         "девяносто"]
_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
             "девятьсот"]
# (one, few, many, feminine)
_SCALES = [("тысяча", "тысячи", "тысяч", True), ("миллион", "миллиона", "миллионов", False),
           ("миллиард", "миллиарда", "миллиардов", False)]


def plural(n: int, one: str, few: str, many: str) -> str:
    n = abs(n) % 100
    if 11 <= n <= 19:
        return many
    n %= 10
    if n == 1:
        return one
    if 2 <= n <= 4:
        return few
    return many


def _triple(n: int, feminine: bool) -> list[str]:
    out = []
    h, rest = divmod(n, 100)
    if h:
        out.append(_HUNDREDS[h])
    if 10 <= rest <= 19:
        out.append(_TEENS[rest - 10])
    else:
        t, u = divmod(rest, 10)
        if t:
            out.append(_TENS[t])
        if u:
            out.append((_UNITS_F if feminine else _UNITS_M)[u])
    return out


def count_words(n: int, *, feminine: bool = False) -> str:
    """A whole number in words (masculine by default: «один», «два»)."""
    n = int(n)
    if n == 0:
        return "ноль"
    if n < 0:
        return "минус " + count_words(-n, feminine=feminine)
    words: list[str] = []
    groups = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if not g:
            continue
        if i == 0:
            words += _triple(g, feminine)
        else:
            one, few, many, fem = _SCALES[i - 1]
            words += _triple(g, fem)
            words.append(plural(g, one, few, many))
    return " ".join(words)


def money_words(v: Decimal | int | None) -> str:
    """A sum in roubles and kopecks: «… рублей 05 копеек»."""
    d = Decimal(v or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "минус " if d < 0 else ""
    d = abs(d)
    rub = int(d)
    kop = int((d - rub) * 100)
    return (f"{sign}{count_words(rub)} {plural(rub, 'рубль', 'рубля', 'рублей')} "
            f"{kop:02d} {plural(kop, 'копейка', 'копейки', 'копеек')}")


def quantity_words(q: Decimal | int | None) -> str:
    """A quantity in words: «двенадцать», a fraction «две целых пять десятых» (up to thousandths)."""
    d = Decimal(q or 0).normalize()
    whole = int(d)
    frac = abs(d - whole)
    if frac == 0:
        return count_words(whole)
    digits = format(frac, "f").split(".")[1][:3]
    n = int(digits)
    scale = {1: ("десятая", "десятых"), 2: ("сотая", "сотых"), 3: ("тысячная", "тысячных")}[len(digits)]
    return (f"{count_words(whole, feminine=True)} {plural(whole, 'целая', 'целых', 'целых')} "
            f"{count_words(n, feminine=True)} {scale[0] if plural(n, 'a', 'b', 'b') == 'a' else scale[1]}")
