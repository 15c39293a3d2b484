"""English for the texts the English walk (tests/ui/test_english*.py, issue 16 «Language») found
Russian: vocabularies the .ts had lost when the areas were split into packages, labels that showed
internal identifiers, report names, filter labels, the budget tab and the НМЦК report."""

PHRASES = {
    # services/cluster: what the program computes for an indicator
    "число участников в реестре (без школ)": "number of participants in the register (schools excluded)",
    "число направлений обучения в реестре": "number of training directions in the register",
    "мастерские с выполнением листа не ниже 95 %": "workshops with the list at least 95 % met",
    "оплачено по контрактам, все источники": "paid under contracts, all sources",
    "учащиеся 8-х классов в расписании": "8th-grade pupils in the timetable",
    # services/inventory: movement kinds and storage groups
    "Поступление": "Receipt",
    "Перемещение": "Transfer",
    "Выдача": "Issue",
    "Возврат": "Return",
    "Списание": "Write-off",
    "Общего хранения": "General storage",
    "Кислоты": "Acids",
    "Щёлочи и основания": "Alkalis and bases",
    "Окислители": "Oxidisers",
    "Легковоспламеняющиеся (ЛВЖ)": "Flammable liquids",
    "Восстановители": "Reducing agents",
    "Реагирующие с водой": "Water-reactive",
    "Ядовитые": "Toxic",
    # xlsx inventory columns
    "Корпус": "Building",
    "CAS": "CAS",
    "Пиктограммы СГС": "GHS pictograms",
    # formats that carry no words
    "  {0}: +{1}, ↔{2}, −{3}": "  {0}: +{1}, ↔{2}, −{3}",
    " — {0} ₽": " — {0} ₽",
    "____________ / {0}": "____________ / {0}",
    # services/schedule: timetable conflicts
    "Мастерская занята дважды": "Workshop booked twice",
    "Преподаватель ведёт два занятия одновременно": "Instructor has two lessons at once",
    "Класс (подгруппа) на двух занятиях одновременно": "Class (subgroup) in two lessons at once",
    "Группа больше числа рабочих мест": "Group larger than the number of workplaces",
    "Занятие в каникулы": "Lesson during the holidays",
    "Занятие в нерабочий праздничный день": "Lesson on a public holiday",
    "Занятие вне учебного периода": "Lesson outside the term",
    "Школа не может привести класс в это время": "The school cannot bring the class at this time",
    "Преподаватель недоступен": "Instructor unavailable",
    "Модуль не проводится в этой мастерской": "The module is not taught in this workshop",
    "Преподаватель не ведёт этот модуль": "The instructor does not teach this module",
    "Часы модуля размещены не полностью": "Not all of the module's hours are placed",
    # services/inventory: GHS pictograms (names as in the GHS, UN «Purple Book»)
    "Взрывчатые вещества": "Explosives",
    "Воспламеняющиеся": "Flammable",
    "Окисляющие": "Oxidising",
    "Газы под давлением": "Gases under pressure",
    "Коррозионные": "Corrosive",
    "Токсичные": "Toxic",
    "Вредные (раздражающие)": "Harmful (irritant)",
    "Опасные для здоровья": "Health hazard",
    "Опасные для окружающей среды": "Hazardous to the environment",
    # procurement: empty lists, suppliers, methods of determining the supplier (44-ФЗ art. 24, 93; 223-ФЗ)
    "Источников нет. Добавьте (Ctrl+N) грант, областной бюджет, средства работодателей и собственные средства.":
        "No funding sources. Add (Ctrl+N) the grant, the regional budget, employers' funds and the college's own funds.",
    "Контрактов нет. Контракт регистрируется по строке плана, когда поставщик определён.":
        "No contracts. A contract is registered on a plan line once the supplier is chosen.",
    "План-график пуст. Отметьте потребности с обоснованной ценой и нажмите «Создать» (Ctrl+N).":
        "The procurement schedule is empty. Mark needs with a justified price and press «New» (Ctrl+N).",
    "Поставщиков нет. Добавьте (Ctrl+N): ИНН проверяется по контрольным цифрам.":
        "No suppliers. Add one (Ctrl+N): the INN is checked by its control digits.",
    "{0} (ИНН {1})": "{0} (INN {1})",
    "электронный аукцион": "electronic auction",
    "электронный запрос котировок": "electronic request for quotations",
    "электронный конкурс": "electronic tender",
    "единственный поставщик (п. 4 ч. 1 ст. 93)": "single supplier (art. 93 part 1 cl. 4)",
    "единственный поставщик (п. 5 ч. 1 ст. 93)": "single supplier (art. 93 part 1 cl. 5)",
    "конкурс": "tender",
    "аукцион": "auction",
    "запрос котировок": "request for quotations",
    "запрос предложений": "request for proposals",
    "единственный поставщик": "single supplier",
    # reports: document names, filters (the reports centre) and the form of their values (the command line)
    "Отчёт о достижении показателей кластера": "Report on the cluster's indicators",
    "Бюджет закупок по источникам финансирования": "Procurement budget by funding source",
    "Обоснование НМЦК": "Initial max. price justification",
    "Вид позиций": "Kind of items",
    "Позиции": "Items",
    "Вид расписания": "Timetable view",
    "Отчётный период": "Reporting period",
    "Этикетки группы": "Labels of a group",
    "id через запятую": "ids separated by commas",
    "номер или id": "number or id",
    "номер": "number",
    "44-ФЗ | 223-ФЗ": "44-ФЗ | 223-ФЗ",
    "group — одна, unit — на каждую штуку": "group — one, unit — one per unit",
    "одна на группу": "one per group",
    "на каждую штуку": "one per unit",
    # timetable: short school kinds in the week grid
    "Гимн.": "Gymn.",
    "Лицей": "Lyceum",
    "Шк.": "Sch.",
    # inventory: reasons for a stock-taking (402-ФЗ art. 11 part 3)
    "Перед составлением годовой бухгалтерской (финансовой) отчётности": "Before the annual accounting (financial) statements",
    "Смена материально ответственного лица": "Change of the financially responsible person",
    "Выявление фактов хищения, злоупотребления или порчи имущества": "Theft, abuse or damage of property discovered",
    "Плановая инвентаризация по графику учреждения": "Scheduled stock-taking by the institution's plan",
    "Реорганизация или ликвидация учреждения": "Reorganisation or liquidation of the institution",
    "Стихийное бедствие, пожар, авария или другая чрезвычайная ситуация":
        "Natural disaster, fire, accident or other emergency",
    # ui/filenames.py: the names save dialogs offer
    "Чек-лист — {0}": "Checklist — {0}",
    "Пакет аккредитации — {0}": "Accreditation packet — {0}",
    "Расписание для школ": "Timetable for schools",
    "План-график закупок": "Procurement schedule",
    # procurement: the НМЦК justification's legal basis (the default of Settings → procurement) and the plan
    ("Приказ Минэкономразвития России от 02.10.2013 № 567 «Об утверждении Методических рекомендаций "
     "по применению методов определения начальной (максимальной) цены контракта, цены контракта, "
     "заключаемого с единственным поставщиком (подрядчиком, исполнителем)»; статья 22 Федерального "
     "закона от 05.04.2013 № 44-ФЗ; метод сопоставимых рыночных цен (анализа рынка)"):
        ("Order of the Ministry of Economic Development of Russia of 02.10.2013 No. 567 «On approving the "
         "methodological recommendations on the methods of determining the initial (maximum) contract price and "
         "the price of a contract concluded with a single supplier (contractor, performer)»; article 22 of "
         "Federal Law No. 44-ФЗ of 05.04.2013; the comparable market prices (market analysis) method"),
    " (ОКПД2 {0})": " (OKPD2 {0})",
    # command line
    '"Заголовок=field"': '"Header=field"',
    # reference: users
    "Последний вход": "Last login",
}

CONTEXT_PHRASES: dict[tuple[str, str], str] = {}
