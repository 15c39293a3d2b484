"""The rules of the procurement law the college applies, in one place.

- **Methods** (44-ФЗ ст. 24: competitive — electronic auction, tender, request of quotations — and the
  single supplier of ст. 93). A competitive purchase goes notice → protocol (supplier chosen) →
  contract; a single-supplier one goes from the justified price straight to the contract.
- **Small purchases** (44-ФЗ ст. 93 ч. 1 п. 4 and п. 5, in the wording of Федеральный закон от 02.07.2021
  № 360-ФЗ, in force since 01.01.2022): a contract of at most 600 000 ₽; the year's volume under п. 4 at
  most 2 млн ₽ or 10 % of the customer's total annual volume (СГОЗ), and not over 50 млн ₽ (as summarised
  e.g. at lol-info.ru/grazhdanskoe-pravo: «до 600 000 руб. …, если годовой объем закупок не превышает
  2 млн руб. или 10 % от СГОЗ и составляет не более 50 млн рублей»); under п. 5 (state and municipal
  educational organisations — the college's usual ground) at most 50 % of СГОЗ and not over 30 млн ₽.
  The same purchases made electronically through an electronic shop (ст. 93 ч. 12 as amended by
  Федеральный закон от 28.04.2023 № 154-ФЗ: «с 3 млн до 5 млн рублей и годового объема до 100 млн рублей,
  а также исключение таких закупок из состава годового объема, предусмотренного пунктами 4–5.2 части 1
  статьи 93», eeo-news.services.persis.ru, обзор на 02.05.2023) are a separate method here: a contract of
  at most 5 млн ₽, at most 100 млн ₽ a year, not counted in the п. 4 / п. 5 volumes. A 5 млн ₽ small
  purchase is thus only the electronic one; п. 5 itself stays at 600 000 ₽ a contract.
- **ИКЗ** (44-ФЗ ст. 23; Порядок формирования идентификационного кода закупки, приказ Минфина России
  от 10.04.2019 № 55н, п. 5): 36 digits — 1–2 the last two digits of the year, 3–22 the customer's
  identification code (ИКУ, 20 digits: 1 + ИНН + КПП), 23–26 the purchase's number in the year's
  plan-schedule, 27–29 its serial number within it (001 for one lot), 30–33 the ОКПД2 class, subclass,
  group and subgroup of the object (0000 when its positions have different codes), 34–36 the
  expenditure type code (КВР, 244 for a budgetary institution's purchases).
- **Payment term** (44-ФЗ ст. 34 ч. 13.1: the customer pays «не более чем в течение семи рабочих дней
  с даты подписания заказчиком документа о приемке», ч. 7 ст. 94; the part is quoted in the letter of
  Минстрой России от 16.05.2022 № 21357-ВК/08, consultant.ru/document/cons_doc_LAW_420699; 223-ФЗ
  ст. 3 ч. 5.3 — 7 working days for small business suppliers). Working days are those of the production
  calendar (ТК РФ ст. 112: public holidays, and the Government's transfers of days off) that the
  timetable keeps as reference data (``services.schedule.calendar.list_calendar``): a row «off» is a
  day off even on a weekday, a row «work» a working Saturday; a year the calendar does not hold counts
  Monday to Friday only.
- **НМЦК methodology**: cited from the setting ``procurement.methodology`` (editable for regional
  rules); the default is приказ Минэкономразвития России от 02.10.2013 № 567, which also recommends
  sending requests for prices to at least five suppliers (п. 3.7.1).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP, translate
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.procurement.inn import inn_valid
from chemcluster_desktop.storage.core import Setting

# the stored value is the law's Russian term; method_label() gives it in the interface language
AUCTION = QT_TRANSLATE_NOOP("Procurement", "электронный аукцион")
QUOTATIONS = QT_TRANSLATE_NOOP("Procurement", "электронный запрос котировок")
TENDER = QT_TRANSLATE_NOOP("Procurement", "электронный конкурс")
SINGLE_P4 = QT_TRANSLATE_NOOP("Procurement", "единственный поставщик (п. 4 ч. 1 ст. 93)")
SINGLE_P5 = QT_TRANSLATE_NOOP("Procurement", "единственный поставщик (п. 5 ч. 1 ст. 93)")
SINGLE_E = QT_TRANSLATE_NOOP("Procurement", "единственный поставщик (ч. 12 ст. 93, в электронной форме)")
METHODS_44 = (AUCTION, QUOTATIONS, TENDER, SINGLE_P4, SINGLE_P5, SINGLE_E)
METHODS_223 = (QT_TRANSLATE_NOOP("Procurement", "конкурс"), QT_TRANSLATE_NOOP("Procurement", "аукцион"),
               QT_TRANSLATE_NOOP("Procurement", "запрос котировок"),
               QT_TRANSLATE_NOOP("Procurement", "запрос предложений"),
               QT_TRANSLATE_NOOP("Procurement", "единственный поставщик"))


def method_label(method: str) -> str:
    """A method of determining the supplier as the interface shows it (stored: the Russian term)."""
    return translate("Procurement", method) if method else method

SMALL_CONTRACT_LIMIT = Decimal("600000.00")
P4_FLOOR, P4_SHARE, P4_CAP = Decimal("2000000.00"), Decimal("0.10"), Decimal("50000000.00")
P5_SHARE, P5_CAP = Decimal("0.50"), Decimal("30000000.00")
E12_CONTRACT_LIMIT, E12_CAP = Decimal("5000000.00"), Decimal("100000000.00")
# the small-purchase grounds: their method and the most one contract may cost
SMALL_POINTS = {"p4": SINGLE_P4, "p5": SINGLE_P5, "e12": SINGLE_E}
CONTRACT_LIMITS = {"p4": SMALL_CONTRACT_LIMIT, "p5": SMALL_CONTRACT_LIMIT, "e12": E12_CONTRACT_LIMIT}
WARN_SHARE = Decimal("0.90")  # warn when a small purchase brings the year's volume to 90 % of the limit

DEFAULTS = {
    "procurement.methodology": (
        "Приказ Минэкономразвития России от 02.10.2013 № 567 «Об утверждении Методических рекомендаций "
        "по применению методов определения начальной (максимальной) цены контракта, цены контракта, "
        "заключаемого с единственным поставщиком (подрядчиком, исполнителем)»; статья 22 Федерального "
        "закона от 05.04.2013 № 44-ФЗ; метод сопоставимых рыночных цен (анализа рынка)"),
    "procurement.iku": "",  # идентификационный код заказчика, 20 digits; empty = 3 + ИНН + КПП
    "procurement.kpp": "524901001",
    "procurement.kvr": "244",
    "procurement.payment_days": "7",
    "procurement.min_requests": "5",
    # the customer's total annual volume of purchases (СГОЗ) for the small-purchase limits; empty = the
    # year's 44-ФЗ plan-schedule as the program knows it
    "procurement.annual_volume": "",
}
SETTING_KEYS = tuple(DEFAULTS)


def _t(s: str) -> str:
    return translate("Procurement", s)


def methodology_text(value: str) -> str:
    """The methodology as a document cites it: the program's default in the interface language, a text the
    college typed (Settings) as typed."""
    default = DEFAULTS["procurement.methodology"]
    return _t(DEFAULTS["procurement.methodology"]) if value == default else value


def setting(s: Session, key: str) -> str:
    row = s.get(Setting, key)
    if row is not None and row.value != "":
        return row.value
    if key == "procurement.iku":
        inn = s.get(Setting, "college.inn")
        inn_v = inn.value if inn is not None else ""
        kpp = setting(s, "procurement.kpp")
        return f"3{inn_v}{kpp}" if len(inn_v) == 10 and len(kpp) == 9 else ""
    return DEFAULTS.get(key, "")


def check_settings(values: dict[str, str]) -> dict[str, str]:
    """The procurement settings checked field by field (ValidationError names the field)."""
    clean = {k: str(values[k]).strip() for k in SETTING_KEYS if k in values}
    if "procurement.methodology" in clean and not clean["procurement.methodology"]:
        raise ValidationError(_t("Укажите методику обоснования НМЦК: она печатается в обосновании."),
                              field="procurement.methodology")
    iku = clean.get("procurement.iku", "")
    if iku and (not re.fullmatch(r"\d{20}", iku) or not inn_valid(iku[1:11])):
        raise ValidationError(_t("Идентификационный код заказчика — 20 цифр: 1 знак, ИНН (10 цифр с верной "
                                 "контрольной цифрой) и КПП (9 цифр); введено «{0}».").format(iku),
                              field="procurement.iku")
    kpp = clean.get("procurement.kpp", "")
    if kpp and not re.fullmatch(r"\d{9}", kpp):
        raise ValidationError(_t("КПП — 9 цифр; введено «{0}».").format(kpp), field="procurement.kpp")
    kvr = clean.get("procurement.kvr")
    if kvr is not None and not re.fullmatch(r"\d{3}", kvr):
        raise ValidationError(_t("Код вида расходов — 3 цифры (например, 244); введено «{0}».").format(kvr),
                              field="procurement.kvr")
    vol = clean.get("procurement.annual_volume", "")
    if vol:
        vol = vol.replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d{1,2})?", vol):
            raise ValidationError(_t("Совокупный годовой объём закупок — сумма в рублях, например 25 000 000; введено "
                                     "«{0}».").format(clean["procurement.annual_volume"]),
                                  field="procurement.annual_volume")
        clean["procurement.annual_volume"] = format(Decimal(vol).quantize(Decimal("0.01")), "f")
    for key, lo, hi in (("procurement.payment_days", 1, 30), ("procurement.min_requests", 3, 20)):
        if key in clean and (not clean[key].isdigit() or not lo <= int(clean[key]) <= hi):
            raise ValidationError(_t("Значение «{0}» — целое число от {1} до {2}.").format(clean[key], lo, hi),
                                  field=key)
    return clean


# --- methods -------------------------------------------------------------------------------------------

def is_single(method: str) -> bool:
    return (method or "").startswith("единственный поставщик")


def small_point(law: str, method: str) -> str | None:
    """'p4' / 'p5' for a 44-ФЗ small purchase under ст. 93 ч. 1 п. 4 / п. 5, 'e12' for one made
    electronically under ст. 93 ч. 12, else None."""
    if law != "44-ФЗ":
        return None
    return {m: p for p, m in SMALL_POINTS.items()}.get(method)


# the names the earlier forms used
ALIASES = {"открытый конкурс в электронной форме": TENDER, "запрос котировок в электронной форме": QUOTATIONS,
           "закупка у единственного поставщика": SINGLE_P5}


def check_method(law: str, method: str) -> str:
    method = (method or "").strip()
    if law == "44-ФЗ":
        method = ALIASES.get(method, method)
    allowed = METHODS_44 if law == "44-ФЗ" else METHODS_223
    if method not in allowed:
        raise ValidationError(_t("Способ закупки по {0}: {1}; введено «{2}».").format(
            law, ", ".join(f"«{m}»" for m in allowed), method), field="method")
    return method


def annual_limit(point: str, total_volume: Decimal) -> Decimal:
    """The year's limit of small purchases under the point for a customer whose total annual volume
    (СГОЗ) is ``total_volume``."""
    if point == "p4":
        return max(P4_FLOOR, min((total_volume * P4_SHARE).quantize(Decimal("0.01")), P4_CAP))
    if point == "e12":
        return E12_CAP
    return min((total_volume * P5_SHARE).quantize(Decimal("0.01")), P5_CAP)


# --- ИКЗ -----------------------------------------------------------------------------------------------

def okpd2_group(codes: list[str]) -> str:
    """Digits 30–33: the first four digits of the positions' ОКПД2 (0000 when they differ or are missing)."""
    groups = {re.sub(r"\D", "", c or "")[:4] for c in codes}
    if len(groups) == 1:
        g = groups.pop()
        if len(g) == 4:
            return g
    return "0000"


def plan_seq(number: str) -> int:
    m = re.search(r"(\d+)$", number or "")
    return int(m.group(1)) if m else 0


def build_ikz(year: int, iku: str, seq: int, okpd2_codes: list[str], kvr: str) -> str:
    if not re.fullmatch(r"\d{20}", iku or "") or not 1 <= seq <= 9999:
        return ""
    return f"{year % 100:02d}{iku}{seq:04d}001{okpd2_group(okpd2_codes)}{kvr}"


def ikz_problem(ikz: str, *, year: int | None, iku: str, okpd2_codes: list[str]) -> str | None:
    """Why ``ikz`` is not a valid ИКЗ of this purchase, or None."""
    if not re.fullmatch(r"\d{36}", ikz or ""):
        return _t("ИКЗ — 36 цифр; введено {0} знаков «{1}».").format(len(ikz or ""), ikz or "")
    if year is not None and ikz[:2] != f"{year % 100:02d}":
        return _t("ИКЗ: разряды 1–2 «{0}» не совпадают с годом закупки {1}.").format(ikz[:2], year)
    if not inn_valid(ikz[3:13]):
        return _t("ИКЗ: в разрядах 4–13 ИНН заказчика «{0}» с неверной контрольной цифрой.").format(ikz[3:13])
    if iku and ikz[2:22] != iku:
        return _t("ИКЗ: разряды 3–22 «{0}» не совпадают с идентификационным кодом заказчика {1}.").format(
            ikz[2:22], iku)
    if ikz[22:26] == "0000":
        return _t("ИКЗ: разряды 23–26 (номер закупки в плане-графике) не могут быть 0000.")
    group = okpd2_group(okpd2_codes)
    if okpd2_codes and ikz[29:33] != group:
        return _t("ИКЗ: разряды 30–33 «{0}» не совпадают с кодом ОКПД2 позиций закупки ({1}).").format(
            ikz[29:33], group)
    return None


# --- dates ---------------------------------------------------------------------------------------------

def is_working_day(d: dt.date, off=frozenset(), work=frozenset()) -> bool:
    """Monday to Friday unless the production calendar makes it a day off (``off``); a weekend day the
    calendar made a working day by a transfer (``work``) is one."""
    if d in work:
        return True
    return d.weekday() < 5 and d not in off


def add_working_days(day: dt.date, n: int, off=frozenset(), work=frozenset()) -> dt.date:
    """The date ``n`` working days after ``day`` (the day itself not counted: a term «within 7 working
    days from the acceptance» counts from the next day, ГК РФ ст. 191)."""
    d = day
    while n > 0:
        d += dt.timedelta(days=1)
        if is_working_day(d, off, work):
            n -= 1
    return d


def settings_of(s: Session) -> dict[str, str]:
    out = {k: setting(s, k) for k in SETTING_KEYS}
    for row in s.scalars(select(Setting).where(Setting.key.in_(SETTING_KEYS))):
        if row.value:
            out[row.key] = row.value
    return out


def get_procurement_settings() -> dict[str, str]:
    """The procurement settings in force (defaults filled in; the ИКУ built from the college's ИНН and
    the КПП when not typed)."""
    from chemcluster_desktop.services.context import read

    with read() as s:
        return settings_of(s)


def set_procurement_settings(values: dict[str, str]) -> None:
    """Change procurement settings (the buyer's right): methodology, ИКУ, КПП, КВР, payment days, minimum
    requests. Checked field by field; nothing is written when one is wrong."""
    from chemcluster_desktop.services.context import uow
    from chemcluster_desktop.services.procurement._common import WRITE
    from chemcluster_desktop.services.security import require

    require(WRITE)
    clean = check_settings(values)
    with uow() as s:
        for k, v in clean.items():
            row = s.get(Setting, k)
            if row is None:
                s.add(Setting(key=k, value=v))
            else:
                row.value = v
