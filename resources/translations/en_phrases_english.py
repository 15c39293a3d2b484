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
}

CONTEXT_PHRASES: dict[tuple[str, str], str] = {}
