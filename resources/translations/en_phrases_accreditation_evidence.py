"""English for the strings of issue 14's accreditation part: evidence behind «Выполнено» (usable items,
loans and leases), manual statuses without evidence, the КОД code, the commission and the packet."""

PHRASES: dict[str, str] = {
    "Договор пользования/аренды": "Loan/lease agreement",
    "Подтверждение (инв. номера, договоры)": "Evidence (inventory numbers, agreements)",
    "Комиссия и заключение": "Commission and verdict",
    "Замечания комиссии:": "Remarks of the commission:",
    "Дата: «____» ____________ 20____ г.": "Date: «____» ____________ 20____",
    "Приказ о создании комиссии: № ________ от «____» ____________ 20____ г. (не записан в программе).":
        "Order appointing the commission: No. ________ of «____» ____________ 20____ (not recorded in the program).",
    "Фамилия, имя, отчество": "Full name",
    "Должность": "Position",
    "Роль в комиссии": "Role in the commission",
    "По данным учёта: выполнено {0} из {1} позиций, покрытие {2}":
        "By the records: {0} of {1} lines met, coverage {2}",
    "Инв. №: {0}": "Inv. No.: {0}",
    "По данным учёта программы: выполнено {0} из {1} позиций, покрытие {2}; подтверждение каждой позиции — "
    "в разделе 2, недостающее — в разделе 3.":
        "By the program's records: {0} of {1} lines met, coverage {2}; the evidence of each line is in section 2, "
        "what is missing in section 3.",
    "Оснащение мастерской «{0}» требованиям инфраструктурного листа {1}: соответствует / не соответствует "
    "(нужное подчеркнуть).":
        "The equipment of workshop «{0}» against infrastructure list {1}: complies / does not comply "
        "(underline as appropriate).",
    "Не учтено: {0}": "Not counted: {0}",
    "{0}\n(«{1}» — вручную, без подтверждения)": "{0}\n(«{1}» set by hand, unconfirmed)",
    "Комиссия создана приказом № {0} от {1}.": "The commission was appointed by order No. {0} of {1}.",
    "на ремонте": "under repair",
    "не введено в эксплуатацию": "not commissioned",
    "списано": "written off",
    "истёк срок поверки": "verification expired",
    "{0} — вручную, без подтверждения": "{0} — set by hand, unconfirmed",
    "{0} (вручную)": "{0} (by hand)",
    "Статус «{0}» нельзя поставить вручную: в наличии {1} из {2} {3} (исправные привязанные позиции и "
    "договоры). Привяжите исправные позиции инвентаря или запишите договор безвозмездного пользования или "
    "аренды на недостающие {4}.":
        "Status «{0}» cannot be set by hand: {1} of {2} {3} available (usable linked items and agreements). "
        "Link usable inventory items or record a loan or lease agreement for the missing {4}.",
    "Дата договора": "Agreement date",
    "Начало срока": "Term start",
    "Срок договора (по)": "Agreement term (until)",
    "Дата приказа": "Order date",
    "{0} № {1} от {2}": "{0} No. {1} of {2}",
    "Укажите партнёра, предоставившего оборудование (организацию по договору).":
        "Enter the partner lending the equipment (the organisation of the agreement).",
    "Укажите номер договора: без документа оборудование партнёра не подтверждает наличие.":
        "Enter the agreement number: without a document a partner's equipment is no evidence.",
    "Укажите количество по договору.": "Enter the quantity of the agreement.",
    "Количество по договору должно быть больше нуля.": "The quantity of the agreement must be greater than zero.",
    "Договор": "Agreement",
    "{0} г. (код КОД не указан)": "{0} (no KOD code given)",
    "{0} — код КОД не указан": "{0} — no KOD code given",
    "Укажите номер приказа о создании комиссии.": "Enter the number of the order appointing the commission.",
    "В комиссии не меньше трёх человек: председатель и члены комиссии.":
        "A commission has at least three people: the chair and members.",
    "Договор безвозмездного пользования": "Free-use (loan) agreement",
    "Договор аренды": "Lease agreement",
    "не в помещениях мастерской": "not in the workshop's rooms",
    "КОД {0} ({1} г.)": "KOD {0} ({1})",
    "Инфраструктурный лист КОД {0} ({1} г.)": "Infrastructure list KOD {0} ({1})",
    "Секретарь комиссии": "Secretary of the commission",
    "{0}: укажите дату.": "{0}: enter a date.",
    "Вид договора «{0}» неизвестен: безвозмездное пользование (loan) или аренда (lease).":
        "Unknown agreement kind «{0}»: free use (loan) or lease (lease).",
    "Срок договора ({0}) кончается раньше его даты ({1}).": "The agreement's term ({0}) ends before its date ({1}).",
    "Начало срока ({0}) позже его конца ({1}).": "The term's start ({0}) is after its end ({1}).",
    "Инфраструктурный лист {0} г.": "Infrastructure list {0}",
    "В комиссии должен быть один председатель (сейчас {0}).": "A commission has exactly one chair (now {0}).",
    "У мастерской нет инфраструктурного листа: код КОД указать не к чему.":
        "The workshop has no infrastructure list: there is nothing to give a KOD code to.",
    "{0}: «{1}» — не дата; введите дату как ДД.ММ.ГГГГ.": "{0}: «{1}» is not a date; enter it as DD.MM.YYYY.",
    "Количество по договору «{0}» — не число.": "The agreement's quantity «{0}» is not a number.",
    "б/н ({0})": "no number ({0})",
    "{0}: {1}, по {2}": "{0}: {1}, until {2}",
    "срок договора истёк {0}": "agreement expired on {0}",
    "Код КОД «{0}» не по образцу «18.02.12-1-2026» (код специальности, номер комплекта, год).":
        "KOD code «{0}» does not follow «18.02.12-1-2026» (specialty code, set number, year).",
    "Код КОД «{0}» — {1} года, а лист — {2} года.": "KOD code «{0}» is of {1}, but the list is of {2}.",
    "Член комиссии {0}: укажите фамилию и инициалы.": "Commission member {0}: enter the surname and initials.",
    "Член комиссии {0} ({1}): укажите должность.": "Commission member {0} ({1}): enter the position.",
    "Член комиссии {0}: роль «{1}» неизвестна.": "Commission member {0}: unknown role «{1}».",
    "Комиссия и код КОД": "Commission and KOD code",
    "Приказ о комиссии, № *": "Commission order No. *",
    "Дата приказа *": "Order date *",
    "Добавить члена комиссии": "Add a commission member",
    "Убрать строку": "Remove the row",
    "например 18.02.12-1-{0}": "e.g. 18.02.12-1-{0}",
    "Код КОД листа {0} г.": "KOD code of the {0} list",
    "Договор пользования или аренды": "Loan or lease agreement",
    "Вид договора": "Agreement kind",
    "Организация, предоставившая оборудование": "Organisation lending the equipment",
    "Партнёр *": "Partner *",
    "Номер договора *": "Agreement No. *",
    "Дата договора *": "Agreement date *",
    "Срок с": "Term from",
    "Срок по *": "Term until *",
    "Записать": "Record",
    "Строка листа: {0}. Требуется {1} {2}, в наличии {3}.": "List line: {0}. Required {1} {2}, available {3}.",
    "Количество, {0} *": "Quantity, {0} *",
    "Комиссия и код КОД…": "Commission and KOD code…",
    "Для пакета": "For the packet",
    "Комиссия записывается после сохранения мастерской": "The commission is recorded after the workshop is saved",
    "Вручную, без подтверждения": "By hand, unconfirmed",
    "Договоры пользования и аренды": "Loan and lease agreements",
    "Записать договор…": "Record an agreement…",
    "Оборудование партнёра по договору безвозмездного пользования или аренды на недостающее количество":
        "A partner's equipment under a loan or lease agreement for the missing quantity",
    "Статус установлен вручную, но не подтверждён: исправных позиций и договоров недостаточно. Он не "
    "учитывается в готовности.":
        "The status was set by hand but is unconfirmed: usable items and agreements are not enough. It does not "
        "count in readiness.",
    "Срок по": "Until",
    "Статус рассчитан по количеству исправных позиций и договоров":
        "The status is computed from the quantities of usable items and agreements",
    "Требуется {0} {1}{2}; в наличии {3} (исправные позиции {4}, по договорам {5})":
        "Required {0} {1}{2}; available {3} (usable items {4}, by agreements {5})",
    "Удалить «{0}»? Его количество перестанет учитываться.": "Delete «{0}»? Its quantity will stop counting.",
    "«{0}» — вручную, без подтверждения: не учитывается в готовности. Привяжите исправные позиции или "
    "запишите договор на недостающее.":
        "«{0}» was set by hand without evidence: it does not count in readiness. Link usable items or record an "
        "agreement for what is missing.",
    "(не учитывается: {0})": "(not counted: {0})",
    "(истёк)": "(expired)",
    "Частично · вручную, без подтверждения": "Partial · by hand, unconfirmed",
    "Не выполнено · вручную, без подтверждения": "Not met · by hand, unconfirmed",
    "Член комиссии": "Commission member",
    "(«{0}» — вручную, без подтверждения)": "(«{0}» set by hand, unconfirmed)",
    "Вручную без подтверждения: {0}": "Set by hand, unconfirmed: {0}",
}
