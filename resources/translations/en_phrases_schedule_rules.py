"""English for the timetable's rules a school follows (issue 15): the subject's hours cap, the
production calendar, whole-class visits, safe regeneration, named reasons, substitutes, the school's
signed timetable and .ics."""

PHRASES: dict[str, str] = {
    # CLI
    "Предпросмотр, ничего не записано. ": "Preview, nothing written. ",
    "менять занятия только с этой даты (прошедшие не меняются никогда)":
        "change lessons only from this date on (past ones are never changed)",
    "только показать, что изменится": "only show what would change",
    "отменить последнюю генерацию периода": "undo the term's latest generation",
    "занятия периода (одной школы)": "the term's lessons (of one school)",
    "часы по классам против предела предмета": "hours per class against the subject's cap",
    "замена отсутствующего преподавателя": "cover for an absent instructor",
    "расписание для школ: .xlsx (лист на школу) или .ics": "the timetable for schools: .xlsx (a sheet per school) or .ics",
    "занятия в нерабочие праздничные дни и каникулы": "lessons on public days off and in school holidays",
    "Укажите файл .xlsx или .ics.": "Give an .xlsx or .ics file.",
    "Период «{0}»: восстановлено занятий {1} ({2}).": "Term «{0}»: {1} lessons restored ({2}).",
    "Всего занятий: {0}": "Lessons in all: {0}",
    "Занятий в нерабочие дни и каникулы: {0}": "Lessons on days off and in holidays: {0}",
    "Период «{0}» с {1}: добавлено {2}, перенесено {3}, удалено {4}, без изменений {5}; прошедшие и закреплённые "
    "не тронуты: {6}. Не размещено часов {7}, {8} с.":
        "Term «{0}» from {1}: {2} added, {3} moved, {4} removed, {5} unchanged; past and locked left alone: {6}. "
        "Hours not placed {7}, {8} s.",
    " (замена за {0})": " (covering for {0})",
    "  ПРЕВЫШЕНИЕ на {0} ч": "  OVER by {0} h",
    "{0} {1}: уроков {2} ч из {3}, профориентация {4} ч{5}": "{0} {1}: lessons {2} h of {3}, career guidance {4} h{5}",
    "{0} отсутствует {1} — {2}: заменено {3}, без замены {4}.": "{0} absent {1} — {2}: {3} covered, {4} not covered.",
    "Записан {0}: занятий {1}.": "Written {0}: {1} lessons.",
    "Записан {0}: событий {1}.": "Written {0}: {1} events.",
    # the school's paper, .ics
    "«___» ____________ 20___ г.": "«___» ____________ 20___",
    "СОГЛАСОВАНО": "AGREED",
    "УТВЕРЖДАЮ": "APPROVED",
    "Расписание занятий 8-х классов {0} в мастерских {1} на {2} {3} г.":
        "Timetable of the 8th grades of {0} in the workshops of {1} for {2} {3}",
    "{0}. Договор о сетевой форме реализации образовательной программы № {1}":
        "{0}. Network-form educational programme agreement No. {1}",
    "Директор {0}": "Director, {0}",
    "январь": "January", "февраль": "February", "март": "March", "апрель": "April", "май": "May", "июнь": "June",
    "июль": "July", "август": "August", "сентябрь": "September", "октябрь": "October", "ноябрь": "November",
    "декабрь": "December",
    "Вид расписания: school (лист для школы на подпись), week (сетка недели) или term (список за период).":
        "Timetable view: school (the paper a school signs), week (week grid) or term (list of the term).",
    "Лист на подпись строится для школ: уберите фильтр класса, мастерской или преподавателя.":
        "The paper to sign is made for schools: remove the class, workshop or instructor filter.",
    "{0}: занятия в мастерских ({1})": "{0}: lessons in the workshops ({1})",
    "Преподаватель: {0}. Уроки {1}.": "Instructor: {0}. Lessons {1}.",
    # production calendar
    "Вид дня: «off» (нерабочий) или «work» (рабочий по переносу).":
        "Kind of day: «off» (non-working) or «work» (working by a transfer).",
    "День календаря": "Calendar day",
    "На {0} в календаре уже есть запись «{1}»: исправьте её, а не добавляйте вторую.":
        "The calendar already has «{1}» on {0}: edit it rather than add a second one.",
    "{0}: занятие {1} приходится на нерабочий день «{2}» (производственный календарь).":
        "{0}: the lesson on {1} falls on the day off «{2}» (production calendar).",
    "Выберите учебный период каникул.": "Choose the term of the holidays.",
    "Каникулы «{0}» пересекаются с каникулами «{1}» ({2}–{3}) с {4}: исправьте даты.":
        "Holidays «{0}» overlap «{1}» ({2}–{3}) from {4}: correct the dates.",
    # hours, programme
    "Вид часов модуля: «lesson» (уроки предмета) или «guidance» (профориентационные занятия).":
        "Kind of the module's hours: «lesson» (lessons of the subject) or «guidance» (career guidance).",
    "Выберите модуль федеральной рабочей программы из списка.": "Choose a module of the federal work programme from the list.",
    "Модуль ФРП": "Federal programme module",
    "Модуль ФРП «{0}» уже есть.": "Federal programme module «{0}» already exists.",
    "{0} ({1}): уроков «Труд (технология)» в {2} учебном году {3} ч — больше предела {4} ч на {5} ч. Уменьшите часы, "
    "отметьте модуль как профориентационный или измените предел периода.":
        "{0} ({1}): lessons of «Labour (Technology)» in the {2} school year {3} h — over the cap of {4} h by {5} h. "
        "Reduce the hours, mark the module as career guidance or change the term's cap.",
    "Модуль «{0}» не ведёт ни один преподаватель: отметьте его у преподавателя, затем добавьте нагрузку.":
        "No instructor teaches the module «{0}»: tick it on an instructor's card, then add the load.",
    "Нагрузка не добавлена:": "Load not added:",
    # visits
    "{0} ({1}), модуль «{2}»: {3} учеников не помещаются в {4} параллельные подгруппы по {5} чел. Разрешите больше "
    "подгрупп, увеличьте вместимость мастерских или разделите класс.":
        "{0} ({1}), module «{2}»: {3} pupils do not fit in {4} parallel subgroups of {5}. Allow more subgroups, "
        "increase the workshops' capacity or split the class.",
    "{0} ({1}), модуль «{2}»: {3} учеников в {4} подгруппах нужно {4} мастерских одновременно, а модуль разрешён в {5} "
    "(вместе {6} мест).":
        "{0} ({1}), module «{2}»: {3} pupils in {4} subgroups need {4} workshops at once, but the module is allowed "
        "in {5} ({6} places together).",
    "{0} ({1}), модуль «{2}»: {3} подгруппы занимаются одновременно, а модуль ведут только {4} преподавател(я/ей).":
        "{0} ({1}), module «{2}»: {3} subgroups work at once, but only {4} instructor(s) teach the module.",
    "Нет мастерской на {0} учеников для модуля «{1}».": "No workshop for {0} pupils hosts the module «{1}».",
    "Класс приходит {0} подгруппами одновременно, а мастерских на {1} учеников для модуля «{2}» только {3}.":
        "The class comes as {0} subgroups at once, but only {3} workshops for {1} pupils host the module «{2}».",
    "Класс приходит {0} подгруппами одновременно, а в его дни ({1}) модуль «{2}» могут вести только: {3}.":
        "The class comes as {0} subgroups at once, but on its days ({1}) only these can teach «{2}»: {3}.",
    "Ни один преподаватель модуля «{0}» не работает в дни и часы, когда школа может привести {1} ({2}).":
        "No instructor of the module «{0}» works on the days and hours the school can bring {1} ({2}).",
    # reasons
    "{0} может прийти в {1}, уроки {2}": "{0} can come on {1}, lessons {2}",
    "класс {0}": "class {0}",
    "мастерская «{0}»": "workshop «{0}»",
    "преподаватель {0}": "instructor {0}",
    "{0}: в период «{1}» не помещается {2} занятий подряд.": "{0}: {2} weekly visits in a row do not fit in the term «{1}».",
    "{0}, а {1} в это время занят(а): {2}{3}.": "{0}, but {1} is taken then: {2}{3}.",
    "{0}, а {1} работает в {2}: общих дней нет.": "{0}, but {1} works on {2}: no day in common.",
    "{0}, а у преподавателя {1} нет {2} уроков подряд в эти часы.": "{0}, but instructor {1} has no {2} lessons in a row then.",
    "{0}, а {1} в это время занят(а) закреплёнными занятиями.": "{0}, but {1} is taken by locked lessons then.",
    "Преподаватель {0} недоступен {1}: в дни класса ({2}) не набирается {3} занятий подряд.":
        "Instructor {0} is away {1}: {3} visits in a row cannot be had on the class's days ({2}).",
    "{0}: поиск не успел разместить визит, запустите генерацию с большим временем.":
        "{0}: the search ran out of time for this visit; run the generation with more time.",
    "{0}, а в эти часы у класса уже другие модули: {1}.": "{0}, but the class has other modules then: {1}.",
    "Преподаватель {0} недоступен {1}.": "Instructor {0} is away {1}.",
    # regeneration
    "Период уже прошёл: менять можно только занятия с сегодняшнего дня.": "The term is over: only lessons from today on can change.",
    "Период генерации пуст: с {0} по {1}. Прошедшие занятия (до {2}) не меняются.":
        "The period to generate is empty: {0} to {1}. Past lessons (before {2}) are not changed.",
    "Сгенерировано расписание «{0}» с {1}: добавлено {2}, перенесено {3}, удалено {4}, без изменений {5}, не тронуто "
    "(прошедшие и закреплённые) {6}; не размещено {7} ч":
        "Timetable «{0}» generated from {1}: {2} added, {3} moved, {4} removed, {5} unchanged, {6} left alone "
        "(past and locked); {7} h not placed",
    "Отменена генерация расписания «{0}»: восстановлено {1} занятий ({2})":
        "Generation of the timetable «{0}» undone: {1} lessons restored ({2})",
    "Расписание периода «{0}» изменилось после предпросмотра: запустите генерацию ещё раз.":
        "The timetable of «{0}» changed after the preview: run the generation again.",
    "До генерации {0}": "Before the generation of {0}",
    "Для периода «{0}» нечего отменять: генераций после обновления программы не было.":
        "Nothing to undo for «{0}»: no generation since the program was updated.",
    # substitutes
    "Преподаватель «{0}» не найден.": "Instructor «{0}» not found.",
    "Под «{0}» подходят несколько преподавателей: {1}. Уточните ФИО.": "Several instructors match «{0}»: {1}. Give the full name.",
    "Отсутствие заканчивается ({0}) раньше, чем начинается ({1}).": "The absence ends ({0}) before it starts ({1}).",
    "Нет свободного преподавателя модуля «{0}» {1}, {2}-й урок.": "No free instructor of «{0}» on {1}, lesson {2}.",
    "Замена: {0} отсутствует {1}–{2}; заменено занятий {3}, без замены {4}":
        "Cover: {0} absent {1}–{2}; {3} lessons covered, {4} not covered",
    "Школа «{0}» не найдена.": "School «{0}» not found.",
    # GUI: generation dialog
    "Менять занятия с": "Change lessons from",
    "Что останется": "What stays",
    "Нажмите «Предпросмотр»: программа покажет, что изменится. Ничего не будет записано, пока вы не нажмёте «Применить».":
        "Press «Preview»: the program shows what would change. Nothing is written until you press «Apply».",
    "Отменить последнюю генерацию": "Undo the latest generation",
    "Предпросмотр": "Preview",
    "Применить": "Apply",
    "Предпросмотр генерации": "Generation preview",
    "Отмена генерации": "Undo the generation",
    "по": "to",
    "Добавится": "Added",
    "Перенесётся": "Moved",
    "Удалится": "Removed",
    "Не размещено и почему:": "Not placed, and why:",
    "Генераций, которые можно отменить, нет.": "No generation to undo.",
    "Генерация расписания — {0}": "Timetable generation — {0}",
    "Не меняются никогда: занятия до {0} (прошедшие) и закреплённые 🔒; занятия после даты «по» тоже остаются.":
        "Never changed: lessons before {0} (past) and locked 🔒 ones; lessons after the «to» date stay as well.",
    "С {0} по {1}: добавится {2}, перенесётся {3}, удалится {4}, без изменений {5}. Не тронуты: прошедшие {6}, "
    "закреплённые {7}, после периода {8}. Не размещено часов: {9}.":
        "{0} to {1}: {2} added, {3} moved, {4} removed, {5} unchanged. Left alone: {6} past, {7} locked, {8} after "
        "the period. Hours not placed: {9}.",
    "Записано: добавлено {0}, перенесено {1}, удалено {2}. Отменить можно кнопкой «Отменить последнюю генерацию».":
        "Written: {0} added, {1} moved, {2} removed. «Undo the latest generation» undoes it.",
    "Вернуть расписание периода «{0}» к состоянию «{1}» ({2} занятий)?":
        "Put the timetable of «{0}» back as it was «{1}» ({2} lessons)?",
    "Расписание возвращено: {0} занятий ({1}).": "Timetable restored: {0} lessons ({1}).",
    # GUI: substitute dialog
    "Замена преподавателя": "Cover for an instructor",
    "Отсутствует": "Absent",
    "Нажмите «Подобрать»: для каждого занятия программа предложит свободного преподавателя, который ведёт этот модуль; "
    "время и мастерская не меняются.":
        "Press «Propose»: for each lesson the program proposes a free instructor who teaches the module; the time "
        "and the workshop stay.",
    "Подобрать": "Propose",
    "Предложение: ": "Proposal: ",
    "Записано: ": "Written: ",
    "Замена": "Substitute",
    "Кто ещё может": "Who else can",
    "{0} отсутствует {1} — {2}; занятий {3}, замена найдена для {4}, без замены {5}.":
        "{0} absent {1} — {2}; {3} lessons, {4} covered, {5} not covered.",
    "Замена…": "Cover…",
    "Замена отсутствующего преподавателя": "Cover for an absent instructor",
    # GUI: page, forms, tabs
    "Часы": "Hours",
    "Календарь": "Calendar",
    "Предел уроков в год (0 = как в периоде)": "Lesson-hours cap a year (0 = the term's)",
    "Подгрупп одновременно (0 = как у школы)": "Subgroups at once (0 = the school's)",
    "Директор (блок «СОГЛАСОВАНО»)": "Director (the «AGREED» block)",
    "№ договора о сетевой форме": "Network agreement No.",
    "Подгрупп одновременно, не более": "Subgroups at once, at most",
    "уроки «Труд (технология)» (в пределе)": "lessons of «Labour (Technology)» (within the cap)",
    "профориентационные (отдельно)": "career guidance (apart)",
    "Предел уроков класса в год, ч": "A class's lesson-hours cap a year, h",
    "все периоды": "every term",
    "Модуль федеральной рабочей программы": "Federal work programme module",
    "Добавить день…": "Add a day…",
    "Проверить занятия": "Check lessons",
    "День производственного календаря": "Production calendar day",
    "Уроки, ч": "Lessons, h",
    "Предел, ч": "Cap, h",
    "Профориентация, ч": "Career guidance, h",
    "Модули федеральной рабочей программы «Труд (технология)»": "Modules of the federal work programme «Labour (Technology)»",
    "Часов по ФРП": "Hours in the programme",
    "Модулей курса": "Course modules",
    "Модуль ФРП *": "Federal programme module *",
    "Удалить модуль ФРП? Модули курса останутся без привязки.":
        "Delete the federal programme module? The course modules lose their link.",
    "Производственный календарь: праздники и переносы выходных (ТК РФ, ст. 112; постановления Правительства РФ о "
    "переносе выходных дней)":
        "Production calendar: public holidays and transferred days off (Labour Code, art. 112; the Government's "
        "resolutions on transfers of days off)",
    "Вид дня": "Kind of day",
    "Занятий в нерабочие дни и каникулы нет.": "No lessons on days off or in holidays.",
    "Уроки «Труд (технология)» класса за учебный год против предела (34 ч в 8-м классе, меняется в карточке периода "
    "или класса); профориентационные часы считаются отдельно. Сверх предела: {0}.":
        "A class's lessons of «Labour (Technology)» in the school year against the cap (34 h in the 8th grade, set in "
        "the term's or the class's card); career-guidance hours are counted apart. Over the cap: {0}.",
    "инвариантный": "invariant",
    "вариативный": "variable",
    "нерабочий": "non-working",
    "рабочий (перенос)": "working (transfer)",
    "Точка восстановления расписания": "Timetable restore point",
    "Мастерские: учеников на занятии (отдельно от рабочих мест экзамена)":
        "Workshops: pupils at a lesson (apart from the exam workplaces)",
    "Рабочих мест": "Workplaces",
    "Учеников на занятии": "Pupils at a lesson",
    "Учеников на занятии (0 = как рабочих мест)": "Pupils at a lesson (0 = as many as workplaces)",
}
