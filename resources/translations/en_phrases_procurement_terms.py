"""English for the strings of issue 14's remaining procurement and accreditation gaps (session 3, helper
«proc»): the payment term on the production calendar, each method's road and the single-supplier
justification, the small-purchase volumes per ground, and the CLI for loans, the commission and the КОД
code (merged into en_phrases.PHRASES by update.py)."""

PHRASES: dict[str, str] = {
    # procurement: contract card, road, CLI
    "после приёмки": "after acceptance",
    " — ПРЕВЫШЕН": " — EXCEEDED",
    " — близко к пределу": " — close to the limit",
    "Закупки малого объёма за {0} год (ст. 93 44-ФЗ):": "Small purchases in {0} (Art. 93 of 44-FZ):",
    # the justification of a single-supplier purchase
    "Обоснование цены контракта": "Justification of the contract price",
    "Обоснование цены контракта с единственным поставщиком, закупка {0}: {1}":
        "Justification of the price of a contract with a single supplier, purchase {0}: {1}",
    "Цена контракта по позициям": "Contract price by position",
    "Итого цена контракта": "Total contract price",
    "Цена контракта, заключаемого с единственным поставщиком, — {0} ₽.":
        "The price of the contract with a single supplier is {0} ₽.",
    # accreditation: the KOD code
    "Код КОД «{0}» не по образцу «КОД 18.02.12-1-2026» (код специальности или профессии, номер комплекта "
    "оценочной документации, год).":
        "The KOD code «{0}» does not follow the pattern «КОД 18.02.12-1-2026» (the code of the specialty or "
        "profession, the number of the assessment documentation set, the year).",
    "У мастерской «{0}» нет инфраструктурного листа: код КОД указать не к чему.":
        "Workshop «{0}» has no infrastructure list: there is nothing to give a KOD code to.",
    "{0}: инфраструктурный лист {1}.": "{0}: infrastructure list {1}.",
    # accreditation CLI: loans and leases
    "оборудование партнёров по договорам (безвозмездное пользование, аренда)":
        "partners' equipment under agreements (free use, lease)",
    "записать договор по строке чек-листа": "record an agreement for a checklist line",
    "номер позиции листа (например, 1.3) или № строки": "the list's position number (e.g. 1.3) or the line No.",
    "организация, предоставившая оборудование": "the organisation that provides the equipment",
    "номер договора": "agreement number",
    "дата договора (ДД.ММ.ГГГГ)": "agreement date (DD.MM.YYYY)",
    "количество по договору": "quantity under the agreement",
    "срок договора (по)": "term of the agreement (until)",
    "начало срока": "start of the term",
    "loan — безвозмездное пользование, lease — аренда": "loan — free use, lease — lease",
    "договоры по строкам чек-листа мастерской": "agreements for the workshop's checklist lines",
    "удалить запись о договоре": "delete an agreement record",
    "Строка чек-листа «{0}» не найдена (или таких несколько): укажите номер позиции листа или № строки из "
    "«accreditation status».":
        "Checklist line «{0}» was not found (or there are several): give the list's position number or the line "
        "No. from «accreditation status».",
    "Договор записан (id {0}): строка {1} «{2}» — {3}, {4}, количество {5}, по {6}.":
        "Agreement recorded (id {0}): line {1} «{2}» — {3}, {4}, quantity {5}, until {6}.",
    "Договоров по строкам чек-листа мастерской «{0}» нет.": "Workshop «{0}» has no agreements for its checklist lines.",
    "действует": "in force",
    "срок истёк": "expired",
    "Запись о договоре id {0} удалена: его количество больше не входит в наличие по строке.":
        "Agreement record id {0} deleted: its quantity no longer counts as available for the line.",
    # accreditation CLI: the commission and the KOD code
    "комиссия мастерской: приказ и состав": "the workshop's commission: order and members",
    "записать приказ и состав комиссии (заменяет прежний состав)":
        "record the order and the members of the commission (replaces the previous members)",
    "номер приказа о создании комиссии": "number of the order appointing the commission",
    "дата приказа": "date of the order",
    "председатель комиссии": "chair of the commission",
    "член комиссии; можно указать несколько раз": "member of the commission; may be given several times",
    "секретарь комиссии": "secretary of the commission",
    "код КОД листа мастерской, например 18.02.12-1-2026": "the KOD code of the workshop's list, e.g. 18.02.12-1-2026",
    "приказ, состав комиссии и код КОД листа": "the order, the commission's members and the list's KOD code",
    "Приказ № {0} от {1}": "Order No. {0} of {1}",
    "Приказ о комиссии не записан.": "No order appointing the commission is recorded.",
    "Инфраструктурный лист: {0}": "Infrastructure list: {0}",
    "код КОД (комплект оценочной документации) листа мастерской":
        "the KOD code (assessment documentation set) of the workshop's list",
    "например «КОД 18.02.12-1-2026»; пустая строка убирает код": "e.g. «КОД 18.02.12-1-2026»; an empty string clears it",
}
