"""English for the Russian source strings: ``PHRASES`` maps the Russian source text to English for
every context; ``CONTEXT_PHRASES`` overrides it for one (context, source) pair. ``update.py`` fills
the .ts from here; keep placeholders ({0}, {1:.0%}) and line breaks as in the source."""

PHRASES: dict[str, str] = {
    # --- shell: navigation, menus, status bar -----------------------------------------------------
    "Инвентарь": "Inventory",
    "Аккредитация": "Accreditation",
    "Расписание": "Timetable",
    "Закупки": "Procurement",
    "Отчёты": "Reports",
    "Кластер": "Cluster",
    "Справочники": "Reference data",
    "Журнал": "Journal",
    "&Файл": "&File",
    "&Правка": "&Edit",
    "&Вид": "&View",
    "&Сервис": "&Tools",
    "&Справка": "&Help",
    "Язык": "Language",
    "Выход": "Exit",
    "Резервная копия…": "Back up…",
    "Восстановить из копии…": "Restore from backup…",
    "Руководство пользователя": "User guide",
    "О программе": "About",
    "Отмена": "Cancel",
    "ДЕМО": "DEMO",
    "Готово": "Ready",
    "файл": "file",
    "сервер": "server",
    "База данных ({0}): {1}": "Database ({0}): {1}",
    "База данных не открыта": "No database open",
    "Пользователь: {0}": "User: {0}",
    "Раздел «{0}» не удалось открыть: {1}": "The “{0}” section could not be opened: {1}",
    "Проверить базу данных": "Check database",
    "Открыть папку данных": "Open data folder",
    "Проверка базы данных": "Database check",
    "Проверка пройдена: целостность {0}, схема {1}.": "Check passed: integrity {0}, schema {1}.",
    "Найдены проблемы:\n{0}": "Problems found:\n{0}",
    "Найти": "Find",
    "Нет действий в этом разделе": "No actions in this section",
    "Руководство находится в папке docs программы (файлы *.md).":
        "The guide is in the program's docs folder (*.md files).",
    # --- pages (BasePage) ---------------------------------------------------------------------------
    "Создать": "New",
    "Изменить": "Edit",
    "Удалить": "Delete",
    "Импорт": "Import",
    "Экспорт": "Export",
    "Печать": "Print",
    "Обновить": "Refresh",
    "Поиск (Ctrl+F)…": "Search (Ctrl+F)…",
    "Записей: {0}": "Records: {0}",
    "Ничего не найдено по запросу «{0}».": "Nothing found for “{0}”.",
    "Нет записей. Добавьте (Ctrl+N) или импортируйте из Excel.":
        "No records. Add one (Ctrl+N) or import from Excel.",
    "Удаление": "Delete",
    "Удалить {0}?": "Delete {0}?",
    "Не выполнено": "Not done",
    "Ошибка": "Error",
    "Сохранить": "Save",
    "Закрыть": "Close",
    "Не сохранено": "Not saved",
    # --- ops / crash / startup ----------------------------------------------------------------------
    "Операция не выполнена из-за внутренней ошибки; данные не изменены.\nПодробности записаны в файл:\n{0}":
        "The operation failed because of an internal error; no data was changed.\nDetails were written to:\n{0}",
    "Внутренняя ошибка": "Internal error",
    "Произошла внутренняя ошибка. Данные, сохранённые до неё, не пострадали.\nОтчёт записан в файл:\n{0}\n"
    "Передайте его администратору.":
        "An internal error occurred. Data saved before it is intact.\nA report was written to:\n{0}\n"
        "Please pass it to your administrator.",
    "Операция отменена; ничего не изменено.": "Operation cancelled; nothing was changed.",
    "Запись уже изменил другой пользователь. Обновите её (F5) и внесите изменения заново.":
        "Another user has changed this record. Refresh it (F5) and make your changes again.",
    "Новая база данных": "New database",
    "База данных пуста. Загрузить демонстрационные данные кластера «Химический потенциал» (лаборатории, "
    "мастерские, школы, закупки), чтобы посмотреть программу в работе?\n\nДемо-данные помечаются значком "
    "«ДЕМО»; для настоящей работы создайте отдельную базу.":
        "The database is empty. Load the demo data of the “Chemical Potential” cluster (labs, workshops, "
        "schools, procurement) to see the program at work?\n\nDemo data is marked with a “DEMO” badge; "
        "create a separate database for real work.",
    "Загрузить демо-данные": "Load demo data",
    "Начать с пустой базы": "Start with an empty database",
    "Загрузка демо-данных": "Loading demo data",
    "Администратор": "Administrator",
    # --- roles ------------------------------------------------------------------------------------
    "Заведующий лабораторией (МОЛ)": "Lab manager (custodian)",
    "Ответственный за аккредитацию": "Accreditation coordinator",
    "Методист по профориентации": "Career guidance planner",
    "Контрактный управляющий": "Contract manager",
    "Наблюдатель (только чтение)": "Viewer (read only)",
    # --- database / errors ----------------------------------------------------------------------------
    "«{0}» — это папка, а не файл базы данных.": "“{0}” is a folder, not a database file.",
    "База данных «{0}» доступна только для чтения.": "Database “{0}” is read-only.",
    "База данных «{0}» занята другой программой. Закройте её и попробуйте снова.":
        "Database “{0}” is in use by another program. Close it and try again.",
    "База данных «{0}» повреждена ({1}). Восстановите её из последней резервной копии.":
        "Database “{0}” is damaged ({1}). Restore it from the latest backup.",
    "База данных «{0}» повреждена. Восстановите её из последней резервной копии.":
        "Database “{0}” is damaged. Restore it from the latest backup.",
    "База данных создана более новой версией программы (схема {0}). Обновите ChemCluster Desktop; база не "
    "изменена.":
        "The database was created by a newer version of the program (schema {0}). Update ChemCluster "
        "Desktop; the database was not changed.",
    "База данных занята другой программой слишком долго; изменения не сохранены. Повторите действие через "
    "минуту.":
        "The database was busy in another program for too long; changes were not saved. Try again in a "
        "minute.",
    "Не удаётся открыть базу данных «{0}».": "Cannot open database “{0}”.",
    "Не удаётся подключиться к серверу базы данных «{0}». Проверьте адрес, пароль и что сервер запущен.":
        "Cannot connect to database server “{0}”. Check the address, the password and that the server is "
        "running.",
    "Не удаётся создать папку для базы данных «{0}»: {1}. Укажите другую папку (--db).":
        "Cannot create the database folder “{0}”: {1}. Choose another folder (--db).",
    "Неверный адрес базы данных «{0}». Укажите путь к файлу SQLite или адрес вида "
    "postgresql+psycopg://пользователь:пароль@сервер/база.":
        "Invalid database address “{0}”. Give a path to an SQLite file or an address like "
        "postgresql+psycopg://user:password@server/database.",
    "Нет прав на чтение файла базы данных «{0}».": "No permission to read database file “{0}”.",
    "Папка «{0}» недоступна для записи: базу данных создать нельзя. Укажите другую папку (--db).":
        "Folder “{0}” is not writable: the database cannot be created. Choose another folder (--db).",
    "Файл «{0}» не является базой данных ChemCluster (повреждён или это другой файл). Восстановите базу из "
    "резервной копии.":
        "File “{0}” is not a ChemCluster database (damaged or a different file). Restore the database from "
        "a backup.",
    "Файл базы данных «{0}» или его папка доступны только для чтения. Скопируйте базу в папку, куда можно "
    "писать, или измените права.":
        "Database file “{0}” or its folder is read-only. Copy the database to a writable folder or change "
        "the permissions.",
    "Нарушена ссылка: таблица {0}, строка {1} → {2}": "Broken reference: table {0}, row {1} → {2}",
    "Отрицательное количество в {0} тарах реактивов.": "Negative quantity in {0} reagent containers.",
    "Отрицательный остаток у {0} позиций инвентаря.": "Negative stock for {0} inventory items.",
    "Схема базы {0}, ожидается {1}: выполните «chemcluster init».":
        "Database schema {0}, expected {1}: run “chemcluster init”.",
    "Схема расходится с программой: {0}": "Schema differs from the program: {0}",
    "Целостность файла: {0}": "File integrity: {0}",
    "изменён": "changed",
    # --- backup ---------------------------------------------------------------------------------------
    "pg_dump завершился с ошибкой: {0}": "pg_dump failed: {0}",
    "Для резервной копии базы PostgreSQL нужна программа pg_dump. Установите клиент PostgreSQL или сделайте "
    "копию средствами сервера.":
        "Backing up a PostgreSQL database needs pg_dump. Install the PostgreSQL client or back up on the "
        "server.",
    "Восстановление базы PostgreSQL выполняется на сервере.": "A PostgreSQL database is restored on the server.",
    "Восстановление базы PostgreSQL выполняется на сервере: pg_restore --clean -d БАЗА ФАЙЛ.pgdump (см. "
    "docs/trust.md).":
        "A PostgreSQL database is restored on the server: pg_restore --clean -d DATABASE FILE.pgdump (see "
        "docs/trust.md).",
    "Резервная копия «{0}» не прошла проверку целостности: {1}": "Backup “{0}” failed the integrity check: {1}",
    "Резервная копия «{0}» не прошла проверку: {1}": "Backup “{0}” failed the check: {1}",
    "Резервная копия «{0}» не читается: {1}": "Backup “{0}” cannot be read: {1}",
    "Файл резервной копии «{0}» не найден.": "Backup file “{0}” not found.",
    "Файл «{0}» не является копией pg_dump.": "File “{0}” is not a pg_dump archive.",
    "Файл «{0}» не является резервной копией базы ChemCluster.": "File “{0}” is not a ChemCluster backup.",
    "Резервная копия": "Backup",
    "Резервная копия записана и проверена: {0}": "Backup written and verified: {0}",
    "Резервная копия записана и проверена:\n{0}": "Backup written and verified:\n{0}",
    "Резервная копия записана: {0}": "Backup written: {0}",
    "Создание резервной копии…": "Creating backup…",
    "Сохранить резервную копию": "Save backup",
    "База данных SQLite (*.sqlite3 *.db);;Все файлы (*)": "SQLite database (*.sqlite3 *.db);;All files (*)",
    "Архив pg_dump (*.pgdump);;Все файлы (*)": "pg_dump archive (*.pgdump);;All files (*)",
    "Нельзя записать копию поверх открытой базы данных. Выберите другой файл.":
        "A backup cannot overwrite the open database. Choose another file.",
    "Восстановление из резервной копии": "Restore from backup",
    "Восстановление базы данных": "Database restore",
    "Восстановление базы данных…": "Restoring the database…",
    "Восстановить": "Restore",
    "Выбрать файл…": "Choose file…",
    "Файл резервной копии": "Backup file",
    "Выберите резервную копию. Текущая база данных перед восстановлением будет сохранена как отдельная копия, "
    "так что этот шаг можно отменить.":
        "Choose a backup. The current database is saved as a separate copy before the restore, so this "
        "step can be undone.",
    "Резервных копий в папке {0} пока нет. Выберите файл копии вручную.":
        "There are no backups in {0} yet. Choose a backup file yourself.",
    "Дата и время": "Date and time",
    "Размер": "Size",
    "Файл": "File",
    "Вид": "Kind",
    "{0} КБ": "{0} KB",
    "{0} МБ": "{0} MB",
    "вручную": "manual",
    "ежедневная": "daily",
    "перед обновлением схемы": "before schema upgrade",
    "перед восстановлением": "before restore",
    "Заменить текущую базу данных копией «{0}»?\n\nВсё, что внесено после создания этой копии, пропадёт из "
    "рабочей базы. Текущая база перед заменой будет сохранена как отдельная копия в папке резервных копий.":
        "Replace the current database with the backup “{0}”?\n\nEverything entered after that backup was "
        "made will disappear from the working database. The current database is saved as a separate copy "
        "in the backups folder first.",
    "Восстанавливать базу из копии может только администратор.": "Only an administrator can restore a backup.",
    "Базу PostgreSQL восстанавливают на сервере программой pg_restore.":
        "A PostgreSQL database is restored on the server with pg_restore.",
    "База восстановлена из «{0}».\nПрежняя база сохранена: {1}":
        "The database was restored from “{0}”.\nThe previous database was kept: {1}",
    "База восстановлена из «{0}». Прежняя база сохранена: {1}":
        "The database was restored from “{0}”. The previous database was kept: {1}",
    # --- about ----------------------------------------------------------------------------------------
    "Версия {0}": "Version {0}",
    "Инвентарь лабораторий, аккредитация мастерских, расписание «Технологии», закупки и отчёты кластера "
    "«Химический потенциал» (г. Дзержинск).":
        "Lab inventory, workshop accreditation, the “Technology” timetable, procurement and reports of the "
        "“Chemical Potential” cluster (Dzerzhinsk).",
    "База данных: {0}": "Database: {0}",
    "Папка данных: {0}": "Data folder: {0}",
    "Программа": "Program",
    "Лицензии": "Licences",
    "Текст лицензии": "Licence text",
    "В программу входят компоненты сторонних авторов:": "The program includes third-party components:",
    "Выберите лицензию выше, чтобы прочитать её текст.": "Choose a licence above to read its text.",
    "Система": "System",
    "не открыта": "not open",
    "файл SQLite": "SQLite file",
    "сервер PostgreSQL": "PostgreSQL server",
    "{0}: {1} (схема {2})": "{0}: {1} (schema {2})",
    # --- reference: buildings and rooms ---------------------------------------------------------------
    "Здания и помещения": "Buildings and rooms",
    "Пользователи": "Users",
    "Здание": "Building",
    "Здание:": "Building:",
    "Вид:": "Kind:",
    "Здания": "Buildings",
    "Здания…": "Buildings…",
    "Список зданий: добавить, переименовать, удалить": "Buildings: add, rename, delete",
    "Все здания": "All buildings",
    "Все виды": "All kinds",
    "Помещение": "Room",
    "Помещение: {0}": "Room: {0}",
    "Помещений": "Rooms",
    "Площадь, м²": "Area, m²",
    "Ответственный (МОЛ)": "Responsible (custodian)",
    "Примечание": "Notes",
    "Название *": "Name *",
    "Название": "Name",
    "Адрес": "Address",
    "Лаборатория": "Laboratory",
    "Мастерская": "Workshop",
    "Склад": "Store",
    "Кабинет": "Office",
    "— без здания —": "— no building —",
    "например 72,5": "e.g. 72.5",
    "Фамилия И. О.": "Surname I. O.",
    "Добавить…": "Add…",
    "Изменить…": "Edit…",
    "Новое здание": "New building",
    "Здание: {0}": "Building: {0}",
    "Удалить здание «{0}»?": "Delete building “{0}”?",
    "помещение «{0}»": "room “{0}”",
    "Нет помещений. Добавьте помещение (Ctrl+N) — к нему привязываются инвентарь и мастерские.":
        "No rooms. Add a room (Ctrl+N): inventory and workshops are placed in rooms.",
    "Укажите название здания.": "Enter the building name.",
    "Укажите название помещения.": "Enter the room name.",
    "Название здания длиннее 200 символов; сократите его.": "The building name is longer than 200 characters; "
                                                            "shorten it.",
    "Название помещения длиннее 100 символов; сократите его.": "The room name is longer than 100 characters; "
                                                               "shorten it.",
    "Адрес длиннее 300 символов; сократите его.": "The address is longer than 300 characters; shorten it.",
    "ФИО ответственного длиннее 200 символов.": "The responsible person's name is longer than 200 characters.",
    "Неизвестный вид помещения «{0}».": "Unknown room kind “{0}”.",
    "Площадь — положительное число квадратных метров, например 72,5.":
        "Area is a positive number of square metres, e.g. 72.5.",
    "Площадь — положительное число, например 72,5.": "Area is a positive number, e.g. 72.5.",
    "Выбранное здание удалено. Выберите другое.": "The chosen building was deleted. Choose another.",
    "Здание «{0}» уже есть в справочнике.": "Building “{0}” already exists.",
    "Здание «{0}» нельзя удалить: в нём {1} помещ. Сначала перенесите или удалите помещения.":
        "Building “{0}” cannot be deleted: it has {1} room(s). Move or delete the rooms first.",
    "Здание не найдено: его удалил другой пользователь. Обновите список (F5).":
        "Building not found: another user deleted it. Refresh the list (F5).",
    "Помещение «{0}» уже есть в здании «{1}».": "Room “{0}” already exists in building “{1}”.",
    "Помещение не найдено: его удалил другой пользователь. Обновите список (F5).":
        "Room not found: another user deleted it. Refresh the list (F5).",
    "Помещение «{0}» нельзя удалить: на него ссылаются {1}. Сначала перенесите их в другое помещение.":
        "Room “{0}” cannot be deleted: it is referred to by {1}. Move them to another room first.",
    "позиций инвентаря: {0}": "inventory items: {0}",
    "мастерских: {0}": "workshops: {0}",
    "документов движения: {0}": "movement documents: {0}",
    "инвентаризаций: {0}": "stock-takings: {0}",
    "потребностей закупок: {0}": "procurement needs: {0}",
    # --- CLI ------------------------------------------------------------------------------------------
    "ChemCluster Desktop: инвентарь, аккредитация, расписание, закупки и отчёты кластера «Химический "
    "потенциал». Без команды открывает окно программы.":
        "ChemCluster Desktop: inventory, accreditation, timetable, procurement and reports of the “Chemical "
        "Potential” cluster. Without a command it opens the program window.",
    "файл SQLite или адрес SQLAlchemy (postgresql+psycopg://…); по умолчанию $CHEMCLUSTER_DB или файл в папке "
    "данных пользователя":
        "SQLite file or SQLAlchemy URL (postgresql+psycopg://…); default $CHEMCLUSTER_DB or a file in the "
        "user's data folder",
    "язык интерфейса (ru по умолчанию)": "interface language (ru by default)",
    "логин пользователя (или $CHEMCLUSTER_USER); пароль из $CHEMCLUSTER_PASSWORD или запрашивается":
        "user login (or $CHEMCLUSTER_USER); password from $CHEMCLUSTER_PASSWORD or asked for",
    "создать базу данных или обновить её схему": "create the database or upgrade its schema",
    "загрузить демо-данные в пустую базу": "load demo data into an empty database",
    "проверка целостности и схемы базы": "integrity and schema check of the database",
    "количество записей каждого вида": "counts of every kind of record",
    "согласованная копия базы данных": "consistent copy of the database",
    "заменить базу резервной копией (старая сохраняется)": "replace the database with a backup (keeps the old one)",
    "пользователи": "users",
    "добавить пользователя": "add a user",
    "список пользователей": "list users",
    "задать пароль пользователя": "set a user's password",
    "взять пароль нового пользователя из переменной окружения VAR":
        "take the new user's password from environment variable VAR",
    "без входа": "not logged in",
    "прервано": "interrupted",
    "строка": "row",
    "Пароль для {0}: ": "Password for {0}: ",
    "Новый пароль для {0}: ": "New password for {0}: ",
    "Нужен пароль пользователя «{0}»: задайте CHEMCLUSTER_PASSWORD.":
        "User “{0}” needs a password: set CHEMCLUSTER_PASSWORD.",
    "База данных готова: {0} (схема {1})": "Database ready: {0} (schema {1})",
    "Демо-данные загружены: {0} позиций инвентаря, {1} мастерских, {2} школ, {3} потребностей.":
        "Demo data loaded: {0} inventory items, {1} workshops, {2} schools, {3} needs.",
    "Демо-данные загружаются только в пустую базу. Создайте новую базу (--db новый_файл.sqlite3) или "
    "восстановите пустую.":
        "Demo data loads only into an empty database. Create a new database (--db new_file.sqlite3) or "
        "restore an empty one.",
    "База данных: {0} ({1})": "Database: {0} ({1})",
    "Схема: {0} (актуальная {1})": "Schema: {0} (current {1})",
    "Целостность: {0}": "Integrity: {0}",
    "Проверка пройдена.": "Check passed.",
    "Найдены проблемы: {0}.": "Problems found: {0}.",
    "Пользователь «{0}» добавлен (роль {1}, id {2}).": "User “{0}” added (role {1}, id {2}).",
    "Пароль пользователя «{0}» изменён.": "Password of user “{0}” changed.",
    # --- security -------------------------------------------------------------------------------------
    "Неверный логин или пароль.": "Wrong login or password.",
    "Неизвестная роль «{0}». Допустимые роли: {1}.": "Unknown role “{0}”. Valid roles: {1}.",
    "Логин не может быть пустым или содержать пробелы (не длиннее 64 символов).":
        "The login cannot be empty or contain spaces (at most 64 characters).",
    "Пользователь «{0}» не найден.": "User “{0}” not found.",
    "Пользователь «{0}» уже есть.": "User “{0}” already exists.",
    "Пароль слишком короткий: нужно не меньше {0} символов.": "The password is too short: at least {0} characters.",
    "Текущий пароль указан неверно.": "The current password is wrong.",
    "Нельзя отключить или понизить единственного администратора: сначала назначьте другого.":
        "The only administrator cannot be disabled or demoted: appoint another one first.",
    "Нельзя отключить самого себя.": "You cannot disable yourself.",
    "Слишком много неудачных попыток входа. Подождите {0} с и попробуйте снова.":
        "Too many failed log-in attempts. Wait {0} s and try again.",
    "У пользователя «{0}» ({1}) нет права на это действие. Обратитесь к администратору.":
        "User “{0}” ({1}) has no right to do this. Ask your administrator.",
    # --- PDF preview / reports ------------------------------------------------------------------------
    "Сохранить PDF": "Save PDF",
    "Сохранить PDF…": "Save PDF…",
    "Печать…": "Print…",
    "Увеличить": "Zoom in",
    "Уменьшить": "Zoom out",
    "Страниц: {0}": "Pages: {0}",
    "{0}: {1} (страниц: {2})": "{0}: {1} (pages: {2})",
    "Не удалось сохранить файл «{0}»: {1}": "Could not save file “{0}”: {1}",
    "Не удалось записать файл «{0}»: {1}": "Could not write file “{0}”: {1}",
    "Не удаётся записать файл «{0}»: {1}.": "Cannot write file “{0}”: {1}.",
    "В папку «{0}» нельзя записать файл: нет прав.": "Cannot write to folder “{0}”: no permission.",
    "Папка «{0}» не существует: укажите существующую папку для файла PDF.":
        "Folder “{0}” does not exist: choose an existing folder for the PDF file.",
    "Документ «{0}» пока недоступен в этой версии программы ({1}).":
        "Document “{0}” is not available in this version of the program yet ({1}).",
    "Отчёт «{0}» не принимает фильтр {1}.": "Report “{0}” does not accept filter {1}.",
    "стр. {0} из {1}": "page {0} of {1}",
    "Сформировано {0} · ChemCluster Desktop": "Generated {0} · ChemCluster Desktop",
    "(подпись)": "(signature)",
    "Директор": "Director",
    "куда записать PDF": "where to write the PDF",
    "сформировать документ PDF: ": "make a PDF document: ",
    "№": "No.",
    "Итого": "Total",
    "Код": "Code",
    "Ед. изм.": "Unit",
    "Срок": "Deadline",
    "Источник": "Source",
    "Лимит": "Limit",
    "Законтрактовано": "Contracted",
    "Оплачено": "Paid",
    "Комментарий": "Comment",
    "Факт": "Actual",
    "Показатель": "Indicator",
    "показателя": "of the indicator",
    "Плановое значение": "Target value",
    "План (НМЦК)": "Plan (initial maximum price)",
    "Предыдущий период": "Previous period",
    "% от плана": "% of plan",
    " от {0}": " of {0}",
    "Отчётный период: {0}": "Reporting period: {0}",
    "последние данные на {0}": "latest data as of {0}",
    "рассчитано программой: {0}": "calculated by the program: {0}",
    "Достигнуто плановых значений: {0} из {1}.": "Targets reached: {0} of {1}.",
    "Отчёт о достижении показателей кластера «Химический потенциал»":
        "Report on the indicators of the “Chemical Potential” cluster",
    "1. Показатели результативности проекта": "1. Project performance indicators",
    "2. Участники кластера": "2. Cluster participants",
    "3. Направления обучения": "3. Training directions",
    "4. Финансирование по источникам, ₽": "4. Funding by source, ₽",
    "* — значение рассчитано программой по данным разделов (реестр кластера, аккредитация, закупки, "
    "расписание) на дату формирования отчёта.":
        "* — value calculated by the program from the sections' data (cluster register, accreditation, "
        "procurement, timetable) on the date of the report.",
    "Нет источников финансирования.": "No funding sources.",
    "Раздел «Аккредитация» ещё не даёт данных о готовности мастерских.":
        "The Accreditation section does not provide workshop readiness data yet.",
    "Раздел «Расписание» ещё не даёт данных об охвате школьников.":
        "The Timetable section does not provide school pupil coverage data yet.",
    # --- cluster --------------------------------------------------------------------------------------
    "Участник": "Participant",
    "Соглашение": "Agreement",
    "Колледж (базовая организация)": "College (lead organisation)",
    "Предприятие": "Enterprise",
    "Школа": "School",
    "Центр занятости": "Employment centre",
    "Орган власти": "Authority",
    "Специальность": "Specialty",
    "Профессия": "Trade",
    "Специальность / профессия": "Specialty / trade",
    "Уровень": "Level",
    "Мест в год": "Places per year",
    "Мест в год — целое число от 0 до 10 000 (введено «{0}»).":
        "Places per year is a whole number from 0 to 10,000 (entered “{0}”).",
    "Уровень — специальность или профессия.": "Level is a specialty or a trade.",
    "Выберите вид участника: колледж, предприятие, школа, центр занятости или орган власти.":
        "Choose the participant kind: college, enterprise, school, employment centre or authority.",
    "Дата соглашения «{0}» не распознана: введите ДД.ММ.ГГГГ.":
        "Agreement date “{0}” not recognised: enter DD.MM.YYYY.",
    "Дата соглашения в далёком будущем: проверьте год.": "The agreement date is far in the future: check the year.",
    "ИНН «{0}» не проходит проверку контрольных цифр: проверьте, нет ли опечатки.":
        "INN “{0}” fails the check digits: look for a typo.",
    "ИНН должен содержать 10 цифр (организация) или 12 (ИП), а в «{0}» их {1}.":
        "An INN has 10 digits (organisation) or 12 (sole trader), but “{0}” has {1}.",
    "ИНН состоит только из цифр: «{0}».": "An INN consists of digits only: “{0}”.",
    "ИНН — 10 цифр (организация) или 12 цифр (ИП); введено «{0}».":
        "INN is 10 digits (organisation) or 12 digits (sole trader); entered “{0}”.",
    "КПП — 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры (например 524901001).":
        "KPP is 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits (e.g. 524901001).",
    "У индивидуального предпринимателя (ИНН из 12 цифр) КПП не указывается.":
        "A sole trader (12-digit INN) has no KPP.",
    "У организации (ИНН из 10 цифр) должен быть КПП из 9 знаков.":
        "An organisation (10-digit INN) must have a 9-character KPP.",
    "Код показателя — латинские строчные буквы, цифры и «_» (до 40 символов).":
        "An indicator code is lowercase Latin letters, digits and “_” (up to 40 characters).",
    "Код специальности или профессии — вида 18.02.12 (введено «{0}»).":
        "A specialty or trade code looks like 18.02.12 (entered “{0}”).",
    "Комментарий слишком длинный (больше 2000 символов).": "The comment is too long (over 2000 characters).",
    "Направление {0} «{1}» уже есть.": "Direction {0} “{1}” already exists.",
    "Направление не найдено (возможно, удалено). Обновите список (F5).":
        "Direction not found (perhaps deleted). Refresh the list (F5).",
    "Показатель «{0}» не найден. Есть показатели: {1}.": "Indicator “{0}” not found. Indicators: {1}.",
    "Показатель «{0}» не найден. Список показателей: «chemcluster cluster kpi list».":
        "Indicator “{0}” not found. List of indicators: “chemcluster cluster kpi list”.",
    "Показатель не найден (возможно, удалён). Обновите список (F5).":
        "Indicator not found (perhaps deleted). Refresh the list (F5).",
    "Показатель с кодом «{0}» уже есть.": "An indicator with code “{0}” already exists.",
    "Участник «{0}» уже есть в реестре.": "Participant “{0}” is already in the register.",
    "Участник не найден (возможно, удалён). Обновите список (F5).":
        "Participant not found (perhaps deleted). Refresh the list (F5).",
    "Укажите наименование направления.": "Enter the direction name.",
    "Укажите наименование показателя.": "Enter the indicator name.",
    "Укажите наименование участника.": "Enter the participant name.",
    "Укажите отчётный период: год (например, 2025) или квартал (2025-Q3).":
        "Give the reporting period: a year (e.g. 2025) or a quarter (2025-Q3).",
    "Период «{0}» не существует: проект охватывает {1}–{2} годы.":
        "Period “{0}” does not exist: the project covers {1}–{2}.",
    "Период «{0}» не существует: укажите год (например, 2025) или квартал (2025-Q3).":
        "Period “{0}” does not exist: give a year (e.g. 2025) or a quarter (2025-Q3).",
    "У показателя «{0}» нет значения за период {1}.": "Indicator “{0}” has no value for period {1}.",
    "Введите значение {0}.": "Enter the value {0}.",
    "Значение {0} «{1}» — не число. Введите число, например 1250 или 84,5.":
        "Value {0} “{1}” is not a number. Enter a number, e.g. 1250 or 84.5.",
    "Значение {0} не может быть отрицательным ({1}).": "Value {0} cannot be negative ({1}).",
    "Значение {0} слишком велико.": "Value {0} is too large.",
    "Значение {0} — не число.": "Value {0} is not a number.",
    "Значение {0} — это доля в процентах, она не может быть больше 100 (введено {1}).":
        "Value {0} is a percentage and cannot exceed 100 (entered {1}).",
    # --- procurement ----------------------------------------------------------------------------------
    "Наименование длиннее 300 символов.": "The name is longer than 300 characters.",
    "Количество в потребности должно быть больше нуля.": "The quantity of a need must be greater than zero.",
    "Укажите ИНН поставщика.": "Enter the supplier's INN.",
    "Нет коммерческих предложений: нужно не меньше трёх.": "No commercial offers: at least three are needed.",
    "Предложений {0}, а для обоснования НМЦК методом сопоставимых рыночных цен нужно не меньше трёх. Добавьте "
    "коммерческие предложения.":
        "There are {0} offers, but the comparable market prices method needs at least three. Add "
        "commercial offers.",
    "Предложения № {0} старше шести месяцев: запросите актуальные цены.":
        "Offers No. {0} are older than six months: request current prices.",
    "Цена в предложении № {0} ({1}) должна быть больше нуля.": "The price in offer No. {0} ({1}) must be above zero.",
    "Коэффициент вариации {0} % больше 33 %: цены неоднородны, обоснование отклонено. Сильнее всего расходятся "
    "с остальными: {1}. Замените эти предложения или запросите дополнительные.":
        "The coefficient of variation {0} % exceeds 33 %: prices are not homogeneous, the justification is "
        "rejected. Furthest from the rest: {1}. Replace these offers or request more.",
    "№ {0} «{1}» — {2} ₽ ({3} % от средней)": "No. {0} “{1}” — {2} ₽ ({3} % of the mean)",
    "№ {0} (строки {1} и {2})": "No. {0} (rows {1} and {2})",
    # --- schedule -------------------------------------------------------------------------------------
    "{0} ведёт {1} занятия одновременно: {2}, {3}-й урок.": "{0} teaches {1} lessons at once: {2}, period {3}.",
    "{0} на {1} занятиях одновременно: {2}, {3}-й урок.": "{0} is in {1} lessons at once: {2}, period {3}.",
    "{0} не ведёт модуль «{1}».": "{0} does not teach module “{1}”.",
    "{0} недоступен {1}, {2}-й урок.": "{0} is unavailable on {1}, period {2}.",
    "{0}: {1} чел., а в мастерской «{2}» {3} рабочих мест.":
        "{0}: {1} pupils, but workshop “{2}” has {3} workplaces.",
    "{0}: {1} чел., а модуль «{2}» допускает группу до {3} чел.":
        "{0}: {1} pupils, but module “{2}” allows groups of up to {3}.",
    "{0}: занятие {1} приходится на каникулы «{2}».": "{0}: lesson {1} falls in the holiday “{2}”.",
    "{0}: модуль «{1}» — размещено {2} ч из {3}.": "{0}: module “{1}” — {2} h of {3} placed.",
    "{0}: школа не может привести класс в {1}, {2}-й урок.":
        "{0}: the school cannot bring the class on {1}, period {2}.",
    "Группа {0} чел. больше допустимой для модуля «{1}» ({2}).":
        "A group of {0} is larger than module “{1}” allows ({2}).",
    "Занятие {0} вне периода «{1}».": "Lesson {0} is outside term “{1}”.",
    "Мастерская «{0}» занята {1}, {2}-й урок: {3}.": "Workshop “{0}” is busy on {1}, period {2}: {3}.",
    "Модуль «{0}» не ведёт ни один преподаватель.": "No instructor teaches module “{0}”.",
    "Модуль «{0}» не проводится в мастерской «{1}».": "Module “{0}” is not held in workshop “{1}”.",
    "Модуль «{0}» не разрешён ни в одной мастерской.": "Module “{0}” is not allowed in any workshop.",
    "Нагрузка больше, чем вмещают мастерские и преподаватели за период.":
        "The load exceeds what the workshops and instructors can take in the term.",
    "Найдено решение {0}: размещено {1:.0%} часов": "Found solution {0}: {1:.0%} of hours placed",
    "Не размещено.": "Not placed.",
    "Не хватило свободного времени мастерской, преподавателя или класса.":
        "Not enough free time of the workshop, the instructor or the class.",
    "Нет мастерской на {0} рабочих мест для модуля «{1}».": "No workshop with {0} workplaces for module “{1}”.",
    "Нет ни одного свободного дня и часа, подходящих школе, преподавателю и мастерской.":
        "No free day and period suits the school, the instructor and the workshop.",
    "Ни один преподаватель модуля «{0}» не свободен в дни и часы, когда школа может привести {1}.":
        "No instructor of module “{0}” is free when the school can bring {1}.",
    "Подготовка модели…": "Preparing the model…",
    "Поиск расписания…": "Searching for a timetable…",
    "Построение недельного шаблона…": "Building the weekly pattern…",
    "Раскладка по датам…": "Laying out by date…",
    "Распределение мастерских и преподавателей…": "Assigning workshops and instructors…",
    "Преподаватель {0} недоступен в некоторые даты.": "Instructor {0} is unavailable on some dates.",
    "Учебный период слишком короткий: нужно {0} недель подряд в допустимый день.":
        "The term is too short: {0} consecutive weeks on an allowed day are needed.",
    # --- xlsx -----------------------------------------------------------------------------------------
    "«{0}» — это папка, а не файл Excel.": "“{0}” is a folder, not an Excel file.",
    "В книге нет листа «{0}». Листы: {1}.": "The workbook has no sheet “{0}”. Sheets: {1}.",
    "В книге нет ни одного листа.": "The workbook has no sheets.",
    "В листе «{0}» слишком много строк ({1}; допускается не больше {2}). Разделите файл на части.":
        "Sheet “{0}” has too many rows ({1}; at most {2} allowed). Split the file.",
    "В листе «{0}» слишком много строк (больше {1}). Разделите файл на части.":
        "Sheet “{0}” has too many rows (over {1}). Split the file.",
    "В листе не найдено ни одной позиции под строкой заголовка (строка {0}).":
        "No items found below the header row (row {0}).",
    "В листе нет количеств: не найдена колонка «Количество» или в ней нет ни одного числа. Без количеств "
    "чек-лист мастерской построить нельзя.":
        "The sheet has no quantities: no “Quantity” column or no number in it. A workshop checklist cannot "
        "be built without quantities.",
    "В листе повторяются номера позиций: {0}. Исправьте нумерацию в файле и повторите импорт; ничего не "
    "импортировано.":
        "Item numbers repeat in the sheet: {0}. Fix the numbering in the file and import again; nothing was "
        "imported.",
    "Книгу Excel не удалось прочитать ({0}). Откройте её в Excel, сохраните заново как .xlsx и повторите "
    "импорт.":
        "The Excel workbook could not be read ({0}). Open it in Excel, save it again as .xlsx and import "
        "again.",
    "Лист пуст: в нём нет ни одной строки.": "The sheet is empty: it has no rows.",
    "Не найдена строка заголовков таблицы в первых {0} строках. Нужны столбцы {1}; проверьте названия "
    "столбцов или воспользуйтесь шаблоном.":
        "No table header row in the first {0} rows. Columns {1} are needed; check the column names or use "
        "the template.",
    "Не удаётся прочитать книгу Excel «{0}»: файл повреждён или в неподдерживаемом формате ({1}).":
        "Cannot read Excel workbook “{0}”: the file is damaged or in an unsupported format ({1}).",
    "Не удаётся прочитать строку {0} листа «{1}»: файл повреждён ({2}).":
        "Cannot read row {0} of sheet “{1}”: the file is damaged ({2}).",
    "Не удаётся прочитать файл «{0}»: {1}.": "Cannot read file “{0}”: {1}.",
    "Строка {0}: «{1}» — количество {2} слишком велико.": "Row {0}: “{1}” — quantity {2} is too large.",
    "Строка {0}: «{1}» — количество «{2}» не число. Укажите число, например «2» или «2 шт.».":
        "Row {0}: “{1}” — quantity “{2}” is not a number. Enter a number, e.g. “2” or “2 pcs”.",
    "Строка {0}: «{1}» — количество должно быть больше нуля.": "Row {0}: “{1}” — the quantity must be above zero.",
    "Строка {0}: «{1}» — не указано количество.": "Row {0}: “{1}” — no quantity given.",
    "Строка {0}: нет наименования (колонка «Наименование» пуста), количество «{1}».":
        "Row {0}: no name (the “Name” column is empty), quantity “{1}”.",
    "Файл «{0}» защищён паролем или сохранён в старом формате Excel 97–2003 (.xls). Снимите пароль и сохраните "
    "файл как «Книга Excel (.xlsx)».":
        "File “{0}” is password-protected or in the old Excel 97–2003 format (.xls). Remove the password "
        "and save it as “Excel Workbook (.xlsx)”.",
    "Файл «{0}» не найден или недоступен: {1}.": "File “{0}” not found or not accessible: {1}.",
    "Файл «{0}» не найден.": "File “{0}” not found.",
    "Файл «{0}» не является книгой Excel (.xlsx). Откройте его в Excel и сохраните как «Книга Excel (.xlsx)».":
        "File “{0}” is not an Excel workbook (.xlsx). Open it in Excel and save it as “Excel Workbook "
        "(.xlsx)”.",
    "Файл «{0}» повреждён: это не читаемая книга Excel (.xlsx).":
        "File “{0}” is damaged: it is not a readable Excel workbook (.xlsx).",
    "Файл «{0}» подозрительно сильно сжат (часть «{1}» разворачивается в {2} МБ). Такой файл не читается из "
    "соображений безопасности.":
        "File “{0}” is suspiciously highly compressed (part “{1}” expands to {2} MB). Such a file is not "
        "read for safety reasons.",
    "Файл «{0}» пуст (0 байт). Выберите заполненный файл Excel (.xlsx).":
        "File “{0}” is empty (0 bytes). Choose a filled-in Excel file (.xlsx).",
    "Файл «{0}» слишком большой ({1} МБ): инфраструктурный лист занимает не больше нескольких мегабайт. "
    "Проверьте, тот ли это файл.":
        "File “{0}” is too large ({1} MB): an infrastructure list takes a few megabytes at most. Check that "
        "it is the right file.",
    "Файл «{0}» слишком большой ({1} МБ; допускается не больше {2} МБ). Разделите его на несколько файлов.":
        "File “{0}” is too large ({1} MB; at most {2} MB allowed). Split it into several files.",
    "Файл «{0}» слишком большой после распаковки ({1} МБ; допускается не больше {2} МБ). Разделите его на "
    "несколько файлов.":
        "File “{0}” is too large when unpacked ({1} MB; at most {2} MB allowed). Split it into several "
        "files.",
    "Файл «{0}» — архив, но не книга Excel (.xlsx).": "File “{0}” is an archive but not an Excel workbook (.xlsx).",
    "Файл не похож на инфраструктурный лист: не найдена строка заголовка таблицы с колонками «Наименование» и "
    "«Количество». Проверьте, что выбран нужный файл.":
        "The file does not look like an infrastructure list: no header row with “Name” and “Quantity” "
        "columns. Check that you chose the right file.",
    "Файл не является книгой Excel (.xlsx). Сохраните инфраструктурный лист в формате .xlsx («Файл → Сохранить "
    "как → Книга Excel») и повторите импорт.":
        "The file is not an Excel workbook (.xlsx). Save the infrastructure list as .xlsx (“File → Save As → "
        "Excel Workbook”) and import again.",
}

CONTEXT_PHRASES: dict[tuple[str, str], str] = {
    ("Page", "Удаление"): "Delete",
}
