"""English of the inventory paperwork (issue 13): the institution's requisites, the stock-taking
decision (ф. 0510439), the inventory list (ф. 0510466), the discrepancy list (ф. 0504092), the act
(ф. 0510463), the movement forms, verification and maintenance, attached files. The forms' codes
and Russian legal names stay recognisable in English («form 0510466»)."""

PHRASES: dict[str, str] = {
    # --- CLI ---------------------------------------------------------------------------------------
    "инвентарь: документы движения, поверка и обслуживание": "inventory: movement documents, verification and maintenance",
    "документы движения: номер, дата, вид, помещения": "movement documents: number, date, kind, rooms",
    "поверка и обслуживание: истекает в ближайшие дни или просрочено": "verification and maintenance: running out soon or overdue",
    "сколько дней вперёд (по умолчанию 30)": "how many days ahead (30 by default)",
    "Документов движения нет.": "No movement documents.",
    "--days: от 0 до 3650 дней.": "--days: from 0 to 3650 days.",
    "поверка": "verification",
    "обслуживание": "maintenance",
    "ПРОСРОЧЕНО": "OVERDUE",
    "до": "until",
    "В ближайшие {0} дн. поверка и обслуживание не истекают.": "No verification or maintenance runs out in the next {0} days.",
    # --- ф. 0510466 ------------------------------------------------------------------------------------
    "фактически": "actually",
    "по данным учёта": "per records",
    "ИНВЕНТАРИЗАЦИОННАЯ ОПИСЬ (СЛИЧИТЕЛЬНАЯ ВЕДОМОСТЬ) ПО ОБЪЕКТАМ НЕФИНАНСОВЫХ АКТИВОВ":
        "INVENTORY LIST (RECONCILIATION STATEMENT) OF NON-FINANCIAL ASSETS",
    "Инвентаризационная опись (ф. 0510466)": "Inventory list (form 0510466)",
    "{0}: количество порядковых номеров {1} ({2}); общее количество единиц {3} {4} ({5}); на сумму {6} ({7})":
        "{0}: entries {1} ({2}); total units {3} {4} ({5}); amount {6} ({7})",
    "№ п/п": "No.",
    "Наименование объекта": "Object",
    "Номер (инвентарный, номенклатурный)": "Number (inventory, stock)",
    "Статус объекта учёта": "Status of the object",
    "Целевая функция актива": "Target function of the asset",
    "Единица измерения": "Unit of measure",
    "наим.": "name",
    "код по ОКЕИ": "OKEI code",
    "Цена, руб.": "Price, RUB",
    "Отклонение (+ излишек, − недостача)": "Difference (+ surplus, − shortage)",
    "РАСПИСКА. К началу проведения инвентаризации все расходные и приходные документы на нефинансовые активы "
    "сданы в бухгалтерию и все нефинансовые активы, поступившие на мою (нашу) ответственность, оприходованы, а "
    "выбывшие списаны в расход.":
        "RECEIPT. By the start of the stock-taking all incoming and outgoing documents on non-financial assets have "
        "been handed to the accounts department, all assets received under my (our) responsibility have been "
        "recorded and all that left have been written off.",
    "Итого по странице: порядковых номеров {0} ({1})": "Page total: entries {0} ({1})",
    "единиц {0} {1} ({2})": "units {0} {1} ({2})",
    "по учёту": "per records",
    "Номер счёта (группа объектов)": "Account (group of objects)",
    "Местонахождение": "Location",
    "Основание для проведения инвентаризации": "Basis of the stock-taking",
    "Дата начала инвентаризации": "Stock-taking start date",
    "Дата окончания инвентаризации": "Stock-taking end date",
    "Все ценности, поименованные в настоящей описи с № 1 по № {0}, комиссией проверены в натуре в моём "
    "присутствии и внесены в опись, в связи с чем претензий к инвентаризационной комиссии не имею. Ценности, "
    "перечисленные в описи, находятся на моём ответственном хранении.":
        "All assets named in this list from No. 1 to No. {0} were checked by the commission in my presence and "
        "entered in the list; I have no claims against the stock-taking commission. The assets listed are in my "
        "safe keeping.",
    "По данным учёта: количество порядковых номеров {0}; на сумму {1} ({2})": "Per records: entries {0}; amount {1} ({2})",
    "кол-во": "qty",
    "сумма": "amount",
    "Сумма, руб.": "Amount, RUB",
    "Счёт": "Account",
    # --- movement forms ----------------------------------------------------------------------------------
    "УТВЕРЖДАЮ": "APPROVED",
    "«___» ____________ 20__ г.": "«___» ____________ 20__",
    "Отправитель (помещение)": "Sender (room)",
    "МОЛ отправителя": "Sender's custodian",
    "Получатель (помещение)": "Recipient (room)",
    "МОЛ получателя": "Recipient's custodian",
    "Сдал (отправитель)": "Handed over (sender)",
    "Принял (получатель)": "Received (recipient)",
    "Документ движения {0} (ф. {1})": "Movement document {0} (form {1})",
    "Документ движения": "Movement document",
    "Получатель (кому выдано)": "Recipient (issued to)",
    "Основание (причина)": "Basis (reason)",
    "Всего по документу: строк {0} ({1}); на сумму {2} ({3}).": "Document total: lines {0} ({1}); amount {2} ({3}).",
    "Затребовал": "Requested by",
    "Разрешил": "Authorised by",
    "Отпустил": "Issued by",
    "Получил": "Received by",
    "Члены комиссии": "Commission members",
    "Исполнитель (главный бухгалтер)": "Prepared by (chief accountant)",
    "Главный бухгалтер": "Chief accountant",
    "Руководитель учреждения: {0}": "Head of the institution: {0}",
    "__________________ / {0} /": "__________________ / {0} /",
    "Сдал (от кого возвращено)": "Returned by",
    "Заключение комиссии: объекты, перечисленные в акте, подлежат списанию по причине: {0}.":
        "The commission's conclusion: the objects listed in this act are to be written off because: {0}.",
    "Накладная на внутреннее перемещение объектов нефинансовых активов": "Internal transfer note for non-financial assets",
    "Акт о списании объектов нефинансовых активов (кроме транспортных средств)":
        "Write-off act for non-financial assets (except vehicles)",
    "Акт о списании мягкого и хозяйственного инвентаря": "Write-off act for soft and household inventory",
    "Акт о списании материальных запасов": "Write-off act for inventories",
    "Требование-накладная": "Requisition and issue note",
    "Накладная на перемещение (ф. 0504102), акт о списании (ф. 0504104, 0504143, 0504230) или требование-накладная "
    "(ф. 0504204) по номеру документа":
        "Transfer note (form 0504102), write-off act (forms 0504104, 0504143, 0504230) or requisition and issue note "
        "(form 0504204) by the document's number",
    # --- decision, discrepancies, act -----------------------------------------------------------------------
    "Решение о проведении инвентаризации (ф. 0510439)": "Decision to hold a stock-taking (form 0510439)",
    "Ведомость расхождений (ф. 0504092)": "Discrepancy list (form 0504092)",
    "Расхождений не выявлено.": "No discrepancies found.",
    "Акт о результатах инвентаризации (ф. 0510463)": "Stock-taking result act (form 0510463)",
    "РЕШЕНИЕ О ПРОВЕДЕНИИ ИНВЕНТАРИЗАЦИИ": "DECISION TO HOLD A STOCK-TAKING",
    "1. Инвентаризируемые помещения и материально ответственные лица": "1. Rooms counted and their custodians",
    "Местонахождение (помещение)": "Location (room)",
    "2. Состав инвентаризационной комиссии": "2. The stock-taking commission",
    "Роль в комиссии": "Role in the commission",
    "Должность": "Position",
    "Фамилия, инициалы": "Surname, initials",
    "Материально ответственные лица инвентаризируемых помещений в состав комиссии не включены.":
        "The custodians of the rooms counted are not members of the commission.",
    "ВЕДОМОСТЬ РАСХОЖДЕНИЙ ПО РЕЗУЛЬТАТАМ ИНВЕНТАРИЗАЦИИ": "LIST OF DISCREPANCIES FOUND BY THE STOCK-TAKING",
    "Номер счёта": "Account",
    "Номер (инвентарный)": "Inventory number",
    "сумма, руб.": "amount, RUB",
    "АКТ О РЕЗУЛЬТАТАХ ИНВЕНТАРИЗАЦИИ": "STOCK-TAKING RESULT ACT",
    "Инвентаризационная опись (ф. 0510466), №": "Inventory list (form 0510466), No.",
    "Счёт (группа объектов)": "Account (group of objects)",
    "Порядковых номеров": "Entries",
    "По данным учёта, руб.": "Per records, RUB",
    "Фактически, руб.": "Actual, RUB",
    "Недостача, руб.": "Shortage, RUB",
    "Излишки, руб.": "Surplus, RUB",
    "Выявлены недостача на сумму {0} ({1}) и излишки на сумму {2} ({3}); расхождения отражены в ведомости "
    "расхождений (ф. 0504092).":
        "A shortage of {0} ({1}) and a surplus of {2} ({3}) were found; the discrepancies are in the discrepancy "
        "list (form 0504092).",
    "Причина (основание) инвентаризации": "Reason (basis) of the stock-taking",
    "Объекты инвентаризации (счета, группы)": "Objects counted (accounts, groups)",
    "Руководитель учреждения": "Head of the institution",
    "С решением ознакомлены": "Acquainted with the decision",
    "Итого: строк {0} ({1}); излишки на сумму {2} ({3}); недостача на сумму {4} ({5}).":
        "Total: lines {0} ({1}); surplus {2} ({3}); shortage {4} ({5}).",
    "Заключение комиссии: инвентаризация проведена по описям в количестве {0} ({1}). {2}":
        "The commission's conclusion: the stock-taking was made by {0} ({1}) lists. {2}",
    "все нефинансовые активы помещений": "all non-financial assets of the rooms",
    "Итого по счёту {0}": "Total of account {0}",
    "Коды": "Codes",
    "Форма по ОКУД": "Form by OKUD",
    "по ОКПО": "by OKPO",
    "по ОКЕИ": "by OKEI",
    "Учреждение": "Institution",
    "Структурное подразделение": "Structural unit",
    "руб.": "RUB",
    "от {0}": "of {0}",
    "(должность)": "(position)",
    "(расшифровка подписи)": "(name)",
    "(дата)": "(date)",
    "Приказ, причина, сроки, помещения и МОЛ, состав комиссии с председателем":
        "Order, reason, dates, rooms and custodians, the commission with its chair",
    "Недостачи и излишки по счетам, излишки по текущей оценке": "Shortages and surpluses by account, surpluses at their estimate",
    "Итоги всех описей одного решения: по данным учёта, фактически, недостачи и излишки":
        "Totals of every list of one decision: per records, actual, shortages and surpluses",
    "Ведомость расхождений по результатам инвентаризации (ф. 0504092)": "Discrepancy list of the stock-taking (form 0504092)",
    "не числится по учёту; оценка {0}": "not on record; estimate {0}",
    "комиссии": "by the commission",
    "Решение о проведении инвентаризации (ф. 0510439) от {0:%d.%m.%Y} № {1}; {2}":
        "Decision to hold a stock-taking (form 0510439) of {0:%d.%m.%Y} No. {1}; {2}",
    "{0}, зав. № {1}": "{0}, serial No. {1}",
    "Инвентаризация {0} начата без решения о проведении (ф. 0510439): для неё эту форму не составить. Оформите "
    "решение и проведите инвентаризацию по нему.":
        "Stock-taking {0} was started without a decision (form 0510439): this form cannot be made for it. Make a "
        "decision and hold the stock-taking by it.",
    "Опись инвентаризации строится по её строкам: --room, --kind и --ids с --stocktaking не указываются.":
        "A stock-taking's list is built from its lines: --room, --kind and --ids are not given with --stocktaking.",
    "Нет позиций для описи: измените фильтры.": "No items for the list: change the filters.",
    # --- statuses and target functions -----------------------------------------------------------------------
    "в эксплуатации": "in use",
    "продолжить эксплуатацию": "continue using",
    "отсутствует": "missing",
    "списание (недостача)": "write-off (shortage)",
    "в запасе": "in stock",
    "использование по назначению": "use as intended",
    "требуется ремонт": "needs repair",
    "ремонт": "repair",
    "не введён в эксплуатацию": "not commissioned",
    "ввод в эксплуатацию": "commission",
    "не соответствует требованиям эксплуатации (истёк срок поверки)": "unfit for use (verification expired)",
    "не соответствует требованиям (истёк срок годности)": "unfit (shelf life expired)",
    "списание": "write-off",
    "Машины и оборудование": "Machinery and equipment",
    "Инвентарь производственный и хозяйственный": "Production and household inventory",
    "Прочие материальные запасы": "Other inventories",
    "Основные средства в эксплуатации (забалансовый счёт 21)": "Fixed assets in use (off-balance account 21)",
    # --- decisions ----------------------------------------------------------------------------------------
    "Дата приказа": "Order date",
    "Дата начала": "Start date",
    "Дата окончания": "End date",
    "Укажите номер приказа (решения) о проведении инвентаризации.": "Enter the number of the order (decision) to hold the stock-taking.",
    "Укажите причину (основание) инвентаризации.": "Enter the reason (basis) of the stock-taking.",
    "Выберите хотя бы одно помещение, которое инвентаризируется.": "Choose at least one room to count.",
    "У комиссии нет председателя: отметьте одного из членов комиссии как председателя.":
        "The commission has no chair: mark one of its members as the chair.",
    "В комиссии нужны председатель и хотя бы один член комиссии.": "The commission needs a chair and at least one member.",
    "Решение об инвентаризации": "Stock-taking decision",
    "{0}: укажите дату (ДД.ММ.ГГГГ).": "{0}: enter a date (DD.MM.YYYY).",
    "Роль в комиссии: председатель или член комиссии.": "Role in the commission: chair or member.",
    "Дата окончания инвентаризации ({0:%d.%m.%Y}) раньше даты начала ({1:%d.%m.%Y}).":
        "The stock-taking's end date ({0:%d.%m.%Y}) is before its start date ({1:%d.%m.%Y}).",
    "Инвентаризация начинается ({0:%d.%m.%Y}) раньше, чем издан приказ ({1:%d.%m.%Y}).":
        "The stock-taking starts ({0:%d.%m.%Y}) before the order was issued ({1:%d.%m.%Y}).",
    "Помещение № {0} не найдено: обновите список.": "Room No. {0} not found: refresh the list.",
    "Председатель комиссии — один: {0}.": "The commission has one chair: {0}.",
    "«{0}» включён(а) в комиссию дважды.": "«{0}» is in the commission twice.",
    "Решение о проведении инвентаризации № {0} от {1:%d.%m.%Y}": "Decision to hold a stock-taking No. {0} of {1:%d.%m.%Y}",
    "Решение о проведении инвентаризации «{0}» не найдено.": "Stock-taking decision «{0}» not found.",
    "Член комиссии № {0}: укажите фамилию и инициалы.": "Commission member No. {0}: enter the surname and initials.",
    "Член комиссии «{0}»: укажите должность — она печатается в подписях.":
        "Commission member «{0}»: enter the position — it is printed with the signatures.",
    "«{0}» — материально ответственное лицо инвентаризируемого помещения и не может входить в комиссию, которая "
    "его проверяет: замените члена комиссии.":
        "«{0}» is the custodian of a room being counted and cannot sit on the commission that checks them: replace "
        "this member.",
    "По решению уже идёт инвентаризация помещений: {0} — их нельзя исключить.":
        "Stock-takings by this decision are under way in: {0} — these rooms cannot be removed.",
    "Перед составлением годовой бухгалтерской (финансовой) отчётности": "Before the annual financial statements",
    "Смена материально ответственного лица": "Change of the custodian",
    "Выявление фактов хищения, злоупотребления или порчи имущества": "Theft, abuse or damage of property found",
    "Плановая инвентаризация по графику учреждения": "Scheduled stock-taking by the institution's plan",
    "Реорганизация или ликвидация учреждения": "Reorganisation or liquidation of the institution",
    "Стихийное бедствие, пожар, авария или другая чрезвычайная ситуация": "Natural disaster, fire, accident or another emergency",
    "Инвентаризация проводится по решению руководителя (ф. 0510439): сначала оформите решение — приказ, даты, "
    "помещения, комиссию — и выберите его.":
        "A stock-taking is held by the head's decision (form 0510439): first make the decision — order, dates, "
        "rooms, commission — and choose it.",
    "Решение № {0} от {1:%d.%m.%Y} не охватывает помещение «{2}»: добавьте его в решение или выберите другое.":
        "Decision No. {0} of {1:%d.%m.%Y} does not cover the room «{2}»: add it to the decision or choose another.",
    "Решение № {0} назначает инвентаризацию с {1:%d.%m.%Y} по {2:%d.%m.%Y}; дата {3:%d.%m.%Y} вне этих сроков.":
        "Decision No. {0} sets the stock-taking from {1:%d.%m.%Y} to {2:%d.%m.%Y}; {3:%d.%m.%Y} is outside.",
    "Решение о проведении инвентаризации": "Decision to hold a stock-taking",
    "Член инвентаризационной комиссии": "Stock-taking commission member",
    "Прикреплённый файл": "Attached file",
    # --- surplus estimate -------------------------------------------------------------------------------
    "Оценка излишка": "Surplus estimate",
    "Оценка излишка не может быть отрицательной.": "A surplus estimate cannot be negative.",
    "Оценивается только излишек: в этой строке излишка нет.": "Only a surplus is estimated: this line has none.",
    "Оценка излишка…": "Surplus estimate…",
    "Текущая оценка выбранного излишка для ведомости расхождений (ф. 0504092)":
        "The current estimate of the selected surplus for the discrepancy list (form 0504092)",
    "Выберите строку излишка (не числится по учёту или числится в другом месте).":
        "Select a surplus line (not on record, or on record in another room).",
    "«{0}»: текущая оценка за единицу, ₽": "«{0}»: current estimate per unit, ₽",
    # --- movement printing -------------------------------------------------------------------------------
    "Укажите номер документа движения (--number), например ПМ-2026-0001.":
        "Give the movement document's number (--number), e.g. ПМ-2026-0001.",
    "У документа «{0}» нет печатной унифицированной формы в программе: поступление оформляется документами "
    "поставщика (товарная накладная, акт приёмки).":
        "A «{0}» document has no unified form in the program: a receipt is documented by the supplier's papers "
        "(delivery note, acceptance act).",
    "Документ движения «{0}» не найден: номера видны в `chemcluster inventory movements`.":
        "Movement document «{0}» not found: `chemcluster inventory movements` lists the numbers.",
    "Документ движения № {0} не найден.": "Movement document No. {0} not found.",
    "Документов перемещения, выдачи или списания ещё нет: укажите --number.":
        "There are no transfer, issue or write-off documents yet: give --number.",
    "Печать: открыть унифицированную форму документа после проведения": "Print: open the document's unified form after posting",
    "Печать: открыть форму {0} после проведения": "Print: open form {0} after posting",
    # --- verification and maintenance ----------------------------------------------------------------------
    "Дата поверки": "Verification date",
    "Дата обслуживания": "Maintenance date",
    "Межповерочный интервал": "Verification interval",
    "Интервал обслуживания": "Maintenance interval",
    "Для средства измерения укажите дату последней поверки и межповерочный интервал.":
        "For a measuring instrument enter the last verification date and the verification interval.",
    "Номер свидетельства о поверке длиннее 100 знаков.": "The verification certificate number is longer than 100 characters.",
    "{0} {1:%d.%m.%Y} ещё не наступила: укажите дату последней проведённой поверки или обслуживания.":
        "{0} {1:%d.%m.%Y} is in the future: enter the date of the last verification or maintenance done.",
    "{0}: от 1 до 120 месяцев, введено {1}.": "{0}: from 1 to 120 months, entered {1}.",
    "{0}: целое число месяцев, например 12.": "{0}: a whole number of months, e.g. 12.",
    "{0} «{1}» не распознана: нужен вид 26.11.2026.": "{0} «{1}» not recognised: use the form 26.11.2026.",
    "Истекла поверка «{0}» ({1}): средство измерения нельзя использовать до новой поверки.":
        "Verification of «{0}» expired ({1}): the instrument cannot be used until it is verified again.",
    "Поверка «{0}» действует до {1}: запишите прибор на поверку.": "Verification of «{0}» is valid until {1}: book it for verification.",
    "Просрочено обслуживание «{0}» (срок {1}).": "Maintenance of «{0}» is overdue (due {1}).",
    "Плановое обслуживание «{0}» до {1}.": "Scheduled maintenance of «{0}» by {1}.",
    "Поверка и обслуживание": "Verification and maintenance",
    "не задан": "not set",
    " мес.": " mo.",
    "Средство измерения (подлежит поверке)": "Measuring instrument (subject to verification)",
    "Дата последней поверки": "Last verification",
    "Свидетельство о поверке №": "Verification certificate No.",
    "Поверка действует": "Verification valid",
    "Последнее обслуживание": "Last maintenance",
    "Следующее обслуживание": "Next maintenance",
    "до {0}": "until {0}",
    "до {0} — меньше 30 дней, запишите на поверку": "until {0} — less than 30 days, book the verification",
    "истекла {0}: прибор нельзя использовать": "expired {0}: the instrument cannot be used",
    "не указаны дата и интервал поверки": "verification date and interval not given",
    # --- requisites -----------------------------------------------------------------------------------
    "КПП — 9 знаков (4 цифры, 2 цифры или буквы, 3 цифры); введено «{0}».":
        "KPP is 9 characters (4 digits, 2 digits or letters, 3 digits); entered «{0}».",
    "Код по ОКПО — 8 цифр (организация) или 10 цифр; введено «{0}».": "The OKPO code is 8 digits (organisation) or 10; entered «{0}».",
    "Главный бухгалтер (Ф. И. О.)": "Chief accountant (full name)",
    "Должность руководителя": "Head's position",
    "Код по ОКПО": "OKPO code",
    # --- files -------------------------------------------------------------------------------------------
    "Файлы": "Files",
    "Файл прикрепляется к позиции или к веществу.": "A file is attached to an item or a substance.",
    "Файл «{0}»: такой тип не прикрепляется. Можно: {1}.": "File «{0}»: this type cannot be attached. Allowed: {1}.",
    "Файл «{0}» больше 50 МБ ({1:.1f} МБ): уменьшите его (сожмите PDF или фото).":
        "File «{0}» is over 50 MB ({1:.1f} MB): make it smaller (compress the PDF or photo).",
    "Файл «{0}» не похож на {1}: содержимое не совпадает с расширением.":
        "File «{0}» does not look like {1}: the content does not match the extension.",
    "Неизвестный вид файла «{0}».": "Unknown file kind «{0}».",
    "Прикреплён файл «{0}» ({1}) к «{2}»": "File «{0}» ({1}) attached to «{2}»",
    "Удалён файл «{0}»": "File «{0}» deleted",
    "Файл № {0} не найден: его удалили. Обновите карточку.": "File No. {0} not found: it was deleted. Reopen the card.",
    "Файл № {0} не найден: его уже удалили.": "File No. {0} not found: it was already deleted.",
    "Паспорт": "Passport",
    "Свидетельство о поверке": "Verification certificate",
    "Паспорт безопасности (SDS)": "Safety data sheet (SDS)",
    "Сертификат": "Certificate",
    "Другое": "Other",
    "Прикрепить файл…": "Attach file…",
    "Открыть": "Open",
    "PDF, изображения, документы Word/Excel/OpenDocument, текст — до 50 МБ; файлы хранятся в базе данных и входят в "
    "резервные копии.":
        "PDF, images, Word/Excel/OpenDocument documents, text — up to 50 MB; the files are kept in the database and "
        "are part of every backup.",
    "К чему": "Attached to",
    "Добавил": "Added by",
    "вещество": "substance",
    "позиция": "item",
    "Прикрепить файл": "Attach file",
    "Документы и изображения": "Documents and images",
    # --- stock-taking window and decision dialog ---------------------------------------------------------------
    "Новое решение…": "New decision…",
    "Решение (приказ) *": "Decision (order) *",
    "Описи (0510466)": "Lists (0510466)",
    "Расхождения (0504092)": "Discrepancies (0504092)",
    "Решение (0510439)": "Decision (0510439)",
    "Акт (0510463)": "Act (0510463)",
    "№ {0} от {1} — {2}, {3}–{4}": "No. {0} of {1} — {2}, {3}–{4}",
    "Номер приказа *": "Order number *",
    "Дата приказа *": "Order date *",
    "Причина *": "Reason *",
    "Сроки: с": "Dates: from",
    "Помещения (МОЛ) *": "Rooms (custodians) *",
    "Счета (что проверяется)": "Accounts (what is counted)",
    "Добавить члена комиссии": "Add a commission member",
    "Сохранить решение": "Save the decision",
    "по": "to",
    "Комиссия: председатель и члены с должностями (МОЛ помещений в неё не входят)":
        "Commission: the chair and members with positions (the rooms' custodians are not members)",
    "Председатель": "Chair",
    # --- accreditation packet ------------------------------------------------------------------------------
    "Документы": "Documents",
    "ИСТЕКЛА — не учитывается": "EXPIRED — not counted",
    "Поверка": "Verification",
    "Средства измерения и документы на оборудование": "Measuring instruments and equipment documents",
    "Средство измерения с истёкшей поверкой нельзя использовать на демонстрационном экзамене: в наличии по позиции "
    "оно не считается.":
        "A measuring instrument whose verification has expired cannot be used at a demonstration exam: it is not "
        "counted as available for its line.",
    "свид. № {0}": "cert. No. {0}",
}
