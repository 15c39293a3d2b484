"""English for the strings of issue 13's last gaps: decisions from the CLI and editable in the GUI, the
МОЛ's position, the dashboard's verification tile, files deleted with their card (merged into
en_phrases.PHRASES by update.py)."""

PHRASES: dict[str, str] = {
    "Должность МОЛ": "Position of the custodian",
    "Решение сохранено.": "Decision saved.",
    "закрыта": "closed",
    "результаты проведены": "results posted",
    "решения о проведении инвентаризации (ф. 0510439)": "stock-taking decisions (form 0510439)",
    "новое решение: приказ, сроки, помещения, комиссия с председателем":
        "new decision: order, dates, rooms, commission with a chair",
    "номер приказа (решения)": "order (decision) number",
    "дата приказа": "order date",
    "причина (основание) инвентаризации": "reason for the stock-taking",
    "дата начала (по умолчанию дата приказа)": "start date (default: the order date)",
    "дата окончания (по умолчанию дата начала)": "end date (default: the start date)",
    "инвентаризируемое помещение (повторяется)": "room to count (repeatable)",
    "счета, которые проверяются, например «101.34, 105.36, 21»": "accounts counted, e.g. «101.34, 105.36, 21»",
    "председатель комиссии": "chair of the commission",
    "член комиссии (повторяется)": "commission member (repeatable)",
    "решения, новые сначала": "decisions, newest first",
    "решение полностью: сроки, помещения и МОЛ, комиссия, инвентаризации":
        "the whole decision: dates, rooms and custodians, commission, stock-takings",
    "номер приказа или id решения": "order number or decision id",
    "председатель": "chair",
    "член комиссии": "member",
    "Решений о проведении инвентаризации нет.": "There are no stock-taking decisions.",
    "материально ответственные лица и их должности (для подписей на формах)":
        "custodians and their positions (for the forms' signatures)",
    "МОЛ помещений и позиций, их должности": "custodians of rooms and items, their positions",
    "указать должность МОЛ": "set a custodian's position",
    "фамилия и инициалы, как в помещении или карточке": "surname and initials, as on the room or the card",
    "должность («» — очистить)": "position («» clears it)",
    "Решение о проведении инвентаризации (ф. 0510439) № {0} от {1:%d.%m.%Y}":
        "Stock-taking decision (form 0510439) No. {0} of {1:%d.%m.%Y}",
    "Должность «{0}»: {1}": "Position of «{0}»: {1}",
    "«{0}»: укажите «Фамилия И. О.=Должность» — должность печатается в подписях.":
        "«{0}»: give «Surname I. O.=Position» — the position is printed with the signature.",
    "Причина: {0}": "Reason: {0}",
    "Сроки: с {0:%d.%m.%Y} по {1:%d.%m.%Y}": "Dates: from {0:%d.%m.%Y} to {1:%d.%m.%Y}",
    "Счета: {0}": "Accounts: {0}",
    "Помещение: {0} — МОЛ {1}": "Room: {0} — custodian {1}",
    "С ведомостью ознакомлен(а): материально ответственное лицо": "Acknowledged by the custodian",
    "Удалён файл «{0}» вместе с карточкой «{1}»": "File «{0}» deleted with the card «{1}»",
    "Результаты инвентаризации {0} по этому решению уже проведены: решение изменить нельзя.":
        "The results of stock-taking {0} by this decision are already posted: the decision cannot be changed.",
    "Изменено решение о проведении инвентаризации № {0} от {1:%d.%m.%Y}":
        "Stock-taking decision No. {0} of {1:%d.%m.%Y} changed",
    "Результаты инвентаризации {0} по этому решению уже проведены: решение (ф. 0510439) изменить нельзя — "
    "оно основание проведённых документов.":
        "The results of stock-taking {0} by this decision are already posted: the decision (form 0510439) "
        "cannot be changed — it is the basis of posted documents.",
    "Укажите фамилию и инициалы материально ответственного лица.": "Give the custodian's surname and initials.",
    "«{0}»: должность длиннее {1} знаков — сократите её.": "«{0}»: the position is longer than {1} characters — shorten it.",
    "Материально ответственные лица и их должности": "Custodians and their positions",
    "Должность печатается рядом с подписью МОЛ в описи (ф. 0510466), ведомости расхождений (ф. 0504092), акте "
    "(ф. 0510463) и документах движения.":
        "The position is printed with the custodian's signature on the inventory list (form 0510466), the "
        "discrepancy list (form 0504092), the act (form 0510463) and the movement documents.",
    "Изменить выбранное решение (до проведения результатов)": "Edit the chosen decision (until the results are posted)",
    "Решение…": "Decision…",
    "Решение о проведении инвентаризации (ф. 0510439): посмотреть и изменить":
        "Stock-taking decision (form 0510439): view and edit",
    "Выберите решение.": "Choose a decision.",
    "Решение № {0} о проведении инвентаризации (ф. 0510439)": "Stock-taking decision No. {0} (form 0510439)",
    "Поверка средств измерений и обслуживание оборудования": "Verification of instruments and equipment maintenance",
    "Щёлкните, чтобы открыть инвентарь: только эти позиции.": "Click to open the inventory with only these items.",
    "Средство измерения с истёкшей поверкой не считается годным для демонстрационного экзамена.":
        "An instrument whose verification has expired does not count as usable at a demonstration exam.",
    "Просроченных нет.": "Nothing overdue.",
    "просрочено": "overdue",
    "Поверка и ТО: {0}": "Verification and maintenance: {0}",
    "истекает в ближайшие {0} дн.": "due within {0} days",
    "Материально ответственные лица и их должности для подписей на формах":
        "Custodians and their positions for the forms' signatures",
    "Показать весь инвентарь": "Show the whole inventory",
    " вместе с её файлами ({0})": " with its files ({0})",
}
