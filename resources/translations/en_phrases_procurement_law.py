"""English for the procurement-law and card-KPI strings (issue 14: dated justifications, ИКЗ, methods,
deadlines, acceptance to the kopeck, the card's indicators apart from the college's own)."""

PHRASES: dict[str, str] = {
    "дата, на которую значение верно (по умолчанию сегодня)": "the date the value is true on (today by default)",
    "Дата «{0}»: нужен формат ГГГГ-ММ-ДД.": "Date «{0}»: use the format YYYY-MM-DD.",
    "обоснование НМЦК методом сопоставимых рыночных цен": "justification of the initial maximum price by comparable market prices",
    "строка плана-графика: вся закупка": "plan-schedule line: the whole purchase",
    "сроки поставки и оплаты по контрактам: наступающие и просроченные": "contract delivery and payment deadlines: coming and overdue",
    "записать запрос цен, направленный поставщику": "record a request for prices sent to a supplier",
    "поставщик: название или ИНН": "supplier: name or INN",
    "дата отправки, ГГГГ-ММ-ДД": "date sent, YYYY-MM-DD",
    "исходящий номер": "outgoing number",
    "настройки закупок: методика НМЦК, ИКУ, КПП, КВР, срок оплаты": "procurement settings: price methodology, customer code, KPP, expenditure type, payment term",
    "методика обоснования НМЦК (печатается в обосновании)": "price justification methodology (printed in the justification)",
    "идентификационный код заказчика, 20 цифр": "customer identification code, 20 digits",
    "КПП колледжа": "the college's KPP",
    "код вида расходов (разряды 34–36 ИКЗ)": "expenditure type code (digits 34–36 of the purchase code)",
    "срок оплаты после приёмки, рабочих дней": "payment term after acceptance, working days",
    "поставка": "delivery",
    "оплата": "payment",
    "ПРОСРОЧЕНО": "OVERDUE",
    "Открытых сроков по контрактам нет.": "No open contract deadlines.",
    "Запрос цен записан: {0}, исх. {1} от {2}.": "Request for prices recorded: {0}, ref. {1} of {2}.",
    "Строка {0}: {1} ({2}, {3})": "Line {0}: {1} ({2}, {3})",
    "ИКЗ: {0}; цена обоснована: {1}": "Purchase code: {0}; price justified: {1}",
    "НМЦК закупки: {0} ₽": "Initial maximum price of the purchase: {0} ₽",
    "Запросов цен: {0}, ответили: {1}": "Requests for prices: {0}, replied: {1}",
    "Поставщик «{0}» не найден (название или ИНН).": "Supplier «{0}» not found (name or INN).",
    "План-график ({0})": "Plan-schedule ({0})",
    "Не состоялись / отменены (в итог не входят):": "Failed / cancelled (not in the total):",
    "1. Показатели карточки флагманского проекта (п. 10 карточки; сроки реализации 2023–2024 гг.)":
        "1. Indicators of the flagship project card (card item 10; term 2023–2024)",
    "* — значение рассчитано программой по данным разделов (реестр кластера, аккредитация, закупки, расписание) "
    "на дату формирования отчёта; введённые значения датированы днём, на который они верны.":
        "* — computed by the program from its sections (cluster registry, accreditation, procurement, timetable) "
        "on the day of the report; typed values are dated by the day they are true on.",
    "Показатели не заведены.": "No indicators yet.",
    "1а. Собственные показатели колледжа (в карточку проекта не входят)":
        "1a. The college's own indicators (not part of the project card)",
    "Плановые значения установлены колледжем, а не карточкой проекта.": "Targets set by the college, not by the project card.",
    "Достигнуто плановых значений карточки: {0} из {1}.": "Card targets reached: {0} of {1}.",
    "на {0}": "as of {0}",
    "Идентификационный код закупки (ИКЗ)": "Purchase identification code (IKZ)",
    "Закон, способ определения поставщика": "Law, supplier selection method",
    "Дата обоснования": "Date of the justification",
    "Методика": "Methodology",
    "НМЦК закупки": "Initial maximum price of the purchase",
    "позже даты обоснования": "after the justification date",
    "не обоснована (проект)": "not justified (draft)",
    "Запросы не зарегистрированы.": "No requests recorded.",
    "ОКПД2 / КТРУ": "OKPD2 / KTRU",
    "Цср, ₽": "Mean price, ₽",
    "Обоснование НМЦК закупки {0}: {1}": "Justification of the initial maximum price, purchase {0}: {1}",
    "Запросы ценовой информации (рекомендуется не меньше {0})": "Requests for prices (at least {0} recommended)",
    "Дата запроса": "Request date",
    "Ответ": "Reply",
    "Начальная (максимальная) цена контракта — {0} ₽.": "Initial maximum contract price: {0} ₽.",
    "Предварительный расчёт по потребности вне плана-графика на {0}; обоснование составляется по строке "
    "плана-графика.": "Preliminary calculation for a need outside the plan-schedule as of {0}; the justification is "
                      "made per plan-schedule line.",
    "Итого НМЦК закупки": "Total initial maximum price of the purchase",
    "Обоснование не утверждается.": "The justification is not approved.",
    "Коэффициент вариации {0} % больше 33 %: совокупность цен неоднородна.":
        "Coefficient of variation {0} % is above 33 %: the prices are not homogeneous.",
    "Итого по источникам": "Total by source",
    "№ / ИКЗ": "No. / purchase code",
    "План-график закупок (Федеральный закон № 44-ФЗ)": "Plan-schedule of purchases (Federal Law No. 44-FZ)",
    "План закупки (Федеральный закон № 223-ФЗ)": "Procurement plan (Federal Law No. 223-FZ)",
    "Итоги по источникам финансирования (без несостоявшихся и отменённых)":
        "Totals by funding source (failed and cancelled left out)",
    "Не состоялись или отменены (в итог не входят)": "Failed or cancelled (not in the total)",
    "Дата значения не может быть в будущем.": "The value's date cannot be in the future.",
    "Значение за {0} не может быть известно на {1}.": "A value for {0} cannot be known on {1}.",
    "ИКЗ не сформирован: укажите идентификационный код заказчика (ИНН и КПП колледжа) в настройках закупок.":
        "No purchase code: give the customer identification code (the college's INN and KPP) in the procurement settings.",
    "Внимание: закупки малого объёма ({0}) за {1} год составят {2} ₽ из {3} ₽ допустимых.":
        "Note: small purchases ({0}) in {1} will come to {2} ₽ of {3} ₽ allowed.",
    "ИКЗ присваивается закупкам по 44-ФЗ; у закупки по 223-ФЗ его нет.":
        "A purchase code belongs to 44-FZ purchases; a 223-FZ purchase has none.",
    "Дата обоснования цены {0} раньше даты коммерческого предложения «{1}» от {2} по позиции «{3}»: обоснование не "
    "может опираться на более поздние цены. Укажите дату не раньше {4} или замените предложение.":
        "The justification date {0} is before the offer from «{1}» of {2} for «{3}»: a justification cannot rest on "
        "later prices. Give a date not before {4} or replace the offer.",
    "{0} {1} ₽ больше {2} ₽ — предела закупки малого объёма ({3}). Выберите конкурентный способ.":
        "{0} {1} ₽ is above {2} ₽, the limit of a small purchase ({3}). Choose a competitive method.",
    "Годовой объём закупок малого объёма ({0}) за {1} год составит {2} ₽ при пределе {3} ₽ (уже {4} ₽): закупка не "
    "помещается в лимит. Выберите конкурентный способ.":
        "Small purchases ({0}) in {1} would come to {2} ₽ against the limit of {3} ₽ (already {4} ₽): the purchase "
        "does not fit. Choose a competitive method.",
    "Контракт с единственным поставщиком по строке {0} заключается после обоснования цены (сейчас статус «{1}»).":
        "A single-supplier contract for line {0} is signed after the price is justified (status now «{1}»).",
    "Срок поставки должен быть не раньше даты контракта.": "The delivery date must not be before the contract date.",
    "Срок оплаты — от 1 до 30 рабочих дней после приёмки (44-ФЗ, ст. 34 ч. 13.1: не более 7).":
        "Payment term: 1 to 30 working days after acceptance (44-FZ art. 34 p. 13.1: at most 7).",
    "Дата контракта {0} раньше обоснования цены {1}.": "The contract date {0} is before the price justification {1}.",
    "Цена контракта {0} ₽ больше НМЦК его позиций {1} ₽: так быть не может.":
        "Contract price {0} ₽ is above the initial maximum price of its positions {1} ₽: that cannot be.",
    "Контракты по строке {0} составят {1} ₽ — больше НМЦК строки {2} ₽.":
        "Contracts on line {0} would come to {1} ₽, above the line's initial maximum price {2} ₽.",
    "Оплата в течение {0} рабочих дней после приёмки": "Payment within {0} working days after acceptance",
    "Все позиции строки {0} уже законтрактованы.": "Every position of line {0} is already under contract.",
    "Потребность № {0} не входит в строку {1}.": "Need No. {0} is not on line {1}.",
    "Позиция «{0}» уже включена в другой контракт по строке {1}.": "Position «{0}» is already in another contract on line {1}.",
    "поставка по контракту № {0} ({1})": "delivery under contract No. {0} ({1})",
    "оплата по контракту № {0} ({1})": "payment under contract No. {0} ({1})",
    "Просрочено с {0}: {1}": "Overdue since {0}: {1}",
    "Срок {0}: {1}": "Due {0}: {1}",
    "ответа нет": "no reply",
    "КП от {0}": "offer of {0}",
    "Закон: 44-ФЗ или 223-ФЗ; введено «{0}».": "Law: 44-ФЗ or 223-ФЗ; given «{0}».",
    "Цена по строке ещё не обоснована: документ — проект, возраст предложений считается от сегодняшнего дня.":
        "The line's price is not justified yet: this is a draft, the offers' age is counted from today.",
    "Направлено запросов цен: {0}; методика рекомендует не меньше {1}.":
        "Requests for prices sent: {0}; the methodology recommends at least {1}.",
    "«{0}»: предложения № {1} датированы позже обоснования ({2}).": "«{0}»: offers No. {1} are dated after the justification ({2}).",
    "Предложение «{0}» от {1} по позиции «{2}» датировано позже обоснования цены ({3}).":
        "The offer from «{0}» of {1} for «{2}» is dated after the price justification ({3}).",
    "По строке уже заключён контракт: способ закупки менять нельзя.":
        "The line has a contract already: its method cannot change.",
    "Закупки малого объёма ({0}) за {1} год: {2} ₽ из {3} ₽ допустимых.": "Small purchases ({0}) in {1}: {2} ₽ of {3} ₽ allowed.",
    "Укажите дату отправки запроса.": "Give the date the request was sent.",
    "Укажите исходящий номер запроса.": "Give the request's outgoing number.",
    "Исходящий номер — не больше 64 знаков.": "The outgoing number: at most 64 characters.",
    "Укажите поставщика, которому отправлен запрос.": "Give the supplier the request was sent to.",
    "Запись о запросе цен": "The request for prices",
    "Дата запроса {0} ещё не наступила.": "The request date {0} has not come yet.",
    "Запрос от {0} отправлен позже обоснования цены ({1}): он не мог в нём участвовать.":
        "A request of {0} was sent after the price justification ({1}): it could not have been part of it.",
    "ИКЗ: разряды 23–26 (номер закупки в плане-графике) не могут быть 0000.":
        "Purchase code: digits 23–26 (the purchase's number in the plan-schedule) cannot be 0000.",
    "Укажите методику обоснования НМЦК: она печатается в обосновании.":
        "Give the price justification methodology: it is printed in the justification.",
    "ИКЗ — 36 цифр; введено {0} знаков «{1}».": "A purchase code has 36 digits; given {0} characters «{1}».",
    "ИКЗ: разряды 1–2 «{0}» не совпадают с годом закупки {1}.": "Purchase code: digits 1–2 «{0}» do not match the year {1}.",
    "ИКЗ: в разрядах 4–13 ИНН заказчика «{0}» с неверной контрольной цифрой.":
        "Purchase code: the customer's INN «{0}» in digits 4–13 has a wrong check digit.",
    "ИКЗ: разряды 3–22 «{0}» не совпадают с идентификационным кодом заказчика {1}.":
        "Purchase code: digits 3–22 «{0}» do not match the customer identification code {1}.",
    "ИКЗ: разряды 30–33 «{0}» не совпадают с кодом ОКПД2 позиций закупки ({1}).":
        "Purchase code: digits 30–33 «{0}» do not match the OKPD2 code of the positions ({1}).",
    "Идентификационный код заказчика — 20 цифр: 1 знак, ИНН (10 цифр с верной контрольной цифрой) и КПП (9 цифр); "
    "введено «{0}».": "The customer identification code has 20 digits: 1 digit, the INN (10 digits with a true check "
                      "digit) and the KPP (9 digits); given «{0}».",
    "КПП — 9 цифр; введено «{0}».": "KPP: 9 digits; given «{0}».",
    "Код вида расходов — 3 цифры (например, 244); введено «{0}».": "Expenditure type code: 3 digits (e.g. 244); given «{0}».",
    "Способ закупки по {0}: {1}; введено «{2}».": "Methods under {0}: {1}; given «{2}».",
    "Значение «{0}» — целое число от {1} до {2}.": "«{0}»: a whole number from {1} to {2}.",
    "Значение на дату": "Value as of",
    "Показатели карточки флагманского проекта (срок — 2023–2024 гг.)": "Flagship project card indicators (term 2023–2024)",
    "Собственные показатели колледжа (в карточку проекта не входят)": "The college's own indicators (not in the project card)",
    " … и ещё {0}": " … and {0} more",
    "законтрактовано {0}, оплачено {1} из {2}, предусмотренных планом-графиком на оборудование":
        "contracted {0}, paid {1} of {2} the plan-schedule commits to equipment",
    "открыть закупки": "open procurement",
    "Сроки по контрактам": "Contract deadlines",
    "средняя оснащённость мастерских колледжа по инфраструктурным листам":
        "mean equipment of the college's workshops by infrastructure lists",
    "оплачено по контрактам, % от суммы закупок оборудования плана-графика":
        "paid under contracts, % of the plan-schedule's equipment purchases",
    "Строка плана-графика (номер)": "Plan-schedule line (number)",
    "Закон (44-ФЗ | 223-ФЗ)": "Law (44-ФЗ | 223-ФЗ)",
    "Совокупный годовой объём закупок — сумма в рублях, например 25 000 000; введено «{0}».":
        "The total annual volume of purchases is a sum in roubles, e.g. 25 000 000; given «{0}».",
    "совокупный годовой объём закупок (СГОЗ) для лимитов ст. 93, ₽": "total annual volume of purchases (SGOZ) for the art. 93 limits, ₽",
    "формируется автоматически (36 цифр)": "built automatically (36 digits)",
    "ИКЗ": "Purchase code",
    "НМЦК позиций": "Initial maximum price of the positions",
    "Позиции контракта": "Contract positions",
    "Срок поставки": "Delivery date",
    " раб. дн. после приёмки": " working days after acceptance",
    "Срок оплаты": "Payment term",
    "Отметьте позиции, которые покрывает контракт.": "Tick the positions the contract covers.",
    "Цена больше НМЦК отмеченных позиций.": "The price is above the initial maximum price of the ticked positions.",
    "Итого по {0}": "Total under {0}",
    "Запрос цен": "Request for prices",
    "Позиция контракта": "Contract position",
    "Дата отправки": "Date sent",
    "Исходящий номер": "Outgoing number",
    "Записать запрос": "Record the request",
    "Настройки закупок": "Procurement settings",
    "Методика обоснования НМЦК": "Price justification methodology",
    "Идентификационный код заказчика (ИКУ)": "Customer identification code",
    "пусто — 3 + ИНН колледжа + КПП": "empty: 3 + the college's INN + KPP",
    "Код вида расходов (разряды 34–36 ИКЗ)": "Expenditure type code (digits 34–36 of the purchase code)",
    "запросов цен не меньше ": "requests for prices at least ",
    "Срок оплаты; запросы": "Payment term; requests",
    "Совокупный годовой объём закупок (СГОЗ), ₽": "Total annual volume of purchases (SGOZ), ₽",
    "пусто — по плану-графику 44-ФЗ": "empty: from the 44-FZ plan-schedule",
    "Методика по умолчанию": "Default methodology",
    "Направлено запросов: {0}, ответили: {1}.": "Requests sent: {0}, replied: {1}.",
    "Запросы цен по строке {0}": "Requests for prices, line {0}",
    "КП получено": "offer received",
    "Методика рекомендует не меньше {0}.": "The methodology recommends at least {0}.",
    "Запросы цен…": "Requests for prices…",
    "Обоснование НМЦК закупки": "Price justification of the purchase",
    "Настройки закупок…": "Procurement settings…",
    "ИКЗ {0}": "purchase code {0}",
    "цена обоснована {0}": "price justified {0}",
}
