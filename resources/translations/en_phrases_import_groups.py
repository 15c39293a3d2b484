"""English for issue 12: group inventory objects, the 0504035 statement import, the column mapping and
per-row preview, the lossless export, the substance offered by a known CAS, delivery acceptance kinds."""

PHRASES: dict[str, str] = {
    # CLI
    "помещение для строк без своего помещения (создаётся, если его нет)":
        "room for rows without a room of their own (created if it does not exist)",
    "строка из N одинаковых предметов: keep — одна карточка-группа (по умолчанию), split — N карточек по одной "
    "штуке с новыми номерами":
        "a row of N identical things: keep — one group card (default), split — N single-unit cards with new numbers",
    "какой столбец — какое поле (повторяется); field пустое или «-» — не импортировать":
        "which column is which field (repeatable); an empty field or «-» leaves the column out",
    "строка {0}: не данные — {1}": "row {0}: not data — {1}",
    "… и ещё {0} строк (все — в --json)": "… and {0} more rows (all of them in --json)",
    "Из них обновлено уже существующих карточек: {0}.": "Of them, existing cards updated: {0}.",
    "как поставить строку поставки на учёт (по умолчанию — по порогу малоценного имущества из настроек); "
    "повторяется":
        "how a delivery line goes on the inventory (by default from the low-value threshold of the settings); "
        "repeatable",
    "--line-kind «{0}»: нужен вид ID=unit|group|consumable.": "--line-kind «{0}»: the form is ID=unit|group|consumable.",
    # the plan
    "создать": "create",
    "обновить": "update",
    "пропустить": "skip",
    "Партия «{0}» этого реактива уже есть в строке {1}.": "Lot «{0}» of this reagent is already in row {1}.",
    "карточка с этим номером уже есть — обновится": "a card with this number exists — it will be updated",
    "разбивается на {0} карточек по одной штуке": "split into {0} single-unit cards",
    "группа из {0} одинаковых предметов под одним номером": "a group of {0} identical things under one number",
    "Корректировка остатка по импорту из Excel": "Stock correction by an Excel import",
    " (из них обновлено карточек: {0})": " (cards updated among them: {0})",
    "--map «{0}»: нужен вид «Заголовок=поле».": "--map «{0}»: the form is «Header=field».",
    "--map «{0}»: поля «{1}» нет. Поля: {2}.": "--map «{0}»: there is no field «{1}». Fields: {2}.",
    "--map: столбца «{0}» в файле нет. Столбцы: {1}.": "--map: the file has no column «{0}». Columns: {1}.",
    "--map: «{0}» подходит к нескольким столбцам; укажите заголовок точнее. Столбцы: {1}.":
        "--map: «{0}» fits several columns; give the header more exactly. Columns: {1}.",
    "Группы: «keep» (одна карточка на группу) или «split» (карточка на каждую штуку), а не «{0}».":
        "Groups: «keep» (one card per group) or «split» (a card per unit), not «{0}».",
    "Ведомость остатков: количество — «остаток на конец периода»; строки с нулевым остатком (выбыло в периоде) "
    "не импортируются.":
        "A statement of balances: the quantity is the closing balance; rows with a zero balance (disposed of "
        "in the period) are not imported.",
    "МОЛ из шапки файла: {0} (для строк без своего МОЛ).":
        "Responsible person from the file's title block: {0} (for rows without their own).",
    "Пустых строк пропущено: {0}; строк, которые не являются данными (номера граф, счета, итоги, подписи, "
    "выбывшее): {1}.":
        "Empty rows skipped: {0}; rows that are not data (column numbers, accounts, totals, signatures, "
        "disposed of): {1}.",
    "Сопоставление столбцов — то, что подтверждено раньше для файлов с такими же заголовками.":
        "The column mapping is the one confirmed before for files with the same headers.",
    "не импортируется": "not imported",
    "Лист «{0}» файла «{1}»: под заголовком таблицы (строка {2}) нет строк с данными.":
        "Sheet «{0}» of «{1}»: there are no data rows under the table header (row {2}).",
    "Импорт из Excel «{0}»: создано {1}, обновлено {2}, пропущено {3}":
        "Excel import «{0}»: created {1}, updated {2}, skipped {3}",
    # groups
    "Оборудование и мебель учитываются в штуках: количество — целое число от 1 (больше 1 — группа одинаковых "
    "предметов под одним номером).":
        "Equipment and furniture are counted in units: the quantity is a whole number from 1 (more than 1 is a "
        "group of identical things under one number).",
    "«{0}»: часть группы — целое число штук, а не {1}.": "«{0}»: part of a group is a whole number of units, not {1}.",
    "Выделено из группы {0} документом {1}.": "Split off group {0} by document {1}.",
    "одна на группу": "one per group",
    "по одной на каждую штуку группы": "one per unit of a group",
    "--per: group (одна этикетка на группу) или unit (по одной на штуку), а не «{0}».":
        "--per: group (one label per group) or unit (one per unit), not «{0}».",
    "{0} ({1} из {2})": "{0} ({1} of {2})",
    "{0} — группа, {1} шт.": "{0} — group, {1} pcs",
    "Найдено: {0} — {1} из {2} шт.": "Found: {0} — {1} of {2} pcs",
    "списать недостающие штуки группы": "write off the group's missing units",
    "в группе больше штук, чем по учёту: поправьте количество в карточке":
        "the group has more units than recorded: correct the quantity in the card",
    "Этикетки группы: group — одна, unit — на каждую штуку": "Group labels: group — one, unit — one per unit",
    # delivery acceptance
    "оборудование поштучно": "equipment, unit by unit",
    "группа под одним номером": "a group under one number",
    "расходный материал": "consumable",
    "учитывается в «{0}», не в штуках": "counted in «{0}», not in units",
    "цена за единицу выше порога {0} ₽: каждая штука — отдельная карточка":
        "price per unit above the threshold of {0} ₽: each unit is a card of its own",
    "одна штука": "a single unit",
    "цена за единицу не выше порога {0} ₽: одна карточка на {1} шт.":
        "price per unit within the threshold of {0} ₽: one card for {1} units",
    "Неизвестный способ постановки на учёт «{0}»: unit, group или consumable.":
        "Unknown way onto the inventory «{0}»: unit, group or consumable.",
    "«{0}»: {1} — не целое число штук; поставьте строку на учёт как расходный материал.":
        "«{0}»: {1} is not a whole number of units; put the line on the inventory as a consumable.",
    "Позиция": "Item",
    "Цена за ед., ₽": "Unit price, ₽",
    "Как поставить на учёт": "Onto the inventory as",
    # settings
    "Порог малоценного имущества — сумма в рублях, например 10 000; введено «{0}».":
        "The low-value threshold is an amount in rubles, e.g. 10 000; entered «{0}».",
    "Порог малоценного имущества, ₽ за единицу": "Low-value threshold, ₽ per unit",
    "При приёмке поставки строка дешевле порога предлагается группой (одна карточка на N штук), дороже — "
    "отдельными карточками оборудования.":
        "At delivery acceptance a line cheaper than the threshold is suggested as a group (one card for N units), "
        "a dearer one as separate equipment cards.",
    # the import dialog
    "Импорт инвентаря: {0}": "Inventory import: {0}",
    "строк": "rows",
    "Помещение для строк без помещения:": "Room for rows without a room:",
    "— из файла; новое название создаст помещение —": "— from the file; a new name creates the room —",
    "Строка из N одинаковых предметов:": "A row of N identical things:",
    "одна карточка-группа": "one group card",
    "N карточек по штуке": "N single-unit cards",
    "Действие": "Action",
    "Пояснение": "Note",
    "Что будет": "What happens",
    "Почему не данные": "Why it is not data",
    "Не данные": "Not data",
    "Что будет: создать {0}, обновить {1}, пропустить {2}": "What happens: create {0}, update {1}, skip {2}",
    "Не данные ({0})": "Not data ({0})",
    # the item card
    "например, 101.34": "e.g. 101.34",
    "Счёт учёта": "Accounting account",
    "Номер объекта в бухгалтерском учёте, если он отличается от инвентарного (например, номер группы, из которой "
    "выделен предмет).":
        "The object's number in the accounting records when it differs from the inventory number (e.g. the "
        "group the item was split off).",
    "Номер по учёту": "Accounting number",
    "формула": "formula",
    "пиктограммы": "pictograms",
    "группа хранения": "storage group",
    "Вещество «{0}» уже есть в справочнике (карточек: {1}).": "Substance «{0}» is already known (cards: {1}).",
    "Подставлено из справочника: {0}.": "Filled in from the substance: {0}.",
    "1 — один предмет; больше 1 — группа одинаковых предметов под одним инвентарным номером.":
        "1 — a single item; more than 1 — a group of identical items under one inventory number.",
    # reading the sheet
    "Лист «{0}» пуст: в нём нет ни одной строки.": "Sheet «{0}» is empty: it has no rows.",
    "Лист «{0}»: не найдена строка заголовков таблицы в первых {1} строках. Нужны столбцы «Наименование» и хотя бы "
    "один из «Инвентарный номер», «Количество», «Помещение», «Вид»; проверьте названия столбцов или "
    "воспользуйтесь шаблоном.":
        "Sheet «{0}»: no table header in the first {1} rows. Columns «Наименование» and at least one of «Инвентарный "
        "номер», «Количество», «Помещение», «Вид» are needed; check the column names or use the template.",
    "Лист «{0}»: нет столбца «Наименование» (строка заголовков {1}): без него импорт невозможен. Укажите, какой "
    "столбец — наименование.":
        "Sheet «{0}»: no «Наименование» column (header row {1}): nothing can be imported without it. Say which "
        "column is the name.",
    "заголовок счёта {0}": "account caption {0}",
    "итоговая строка «Всего»": "the grand total row «Всего»",
    "строка итогов («Итого»)": "a subtotal row («Итого»)",
    "после итоговой строки «Всего» (подписи)": "after the grand total «Всего» (signatures)",
    "выбыло в периоде (остаток на конец — 0)": "disposed of in the period (closing balance 0)",
    "строка с номерами граф": "the row of column numbers",
    "повтор строки заголовков": "the header repeated",
    "блок подписей": "signature block",
    "нет наименования объекта": "no object name",
    "«{0}»: нужен объект JSON вида {{\"поле\": значение}}.": "«{0}»: a JSON object like {{\"field\": value}} is needed.",
    "Оборудование и мебель учитываются в штуках: количество — целое число от 1 (указано {0}).":
        "Equipment and furniture are counted in units: the quantity is a whole number from 1 (given {0}).",
    "Сумма": "Sum",
    "Дата вскрытия": "Opened on",
    "Дополнительные поля": "Custom fields",
    "остаток на конец периода — то, что числится сейчас": "the closing balance is what is recorded now",
    "название столбца совпадает точно": "the column name matches exactly",
    "он левее": "it is further left",
    "«{0}»: взят столбец «{1}» ({2}), потому что {3}; не импортируются: {4}.":
        "«{0}»: column «{1}» ({2}) is taken because {3}; not imported: {4}.",
}
