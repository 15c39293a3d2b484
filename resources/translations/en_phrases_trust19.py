"""English for the strings of issue 19 (restore with other copies open, the journal chain, text and amount
checks, bounded imports, no tracebacks, log-in and rights). See en_phrases.py for the format."""

PHRASES: dict[str, str] = {
    # --- restore, generation, database errors -----------------------------------------------------------
    "База данных «{0}» была заменена резервной копией ({1}, {2}), пока эта программа была открыта. Ваше "
    "последнее действие НЕ сохранено: запись в заменённую базу запрещена. База, какой она была до замены, "
    "сохранена в «{3}». Перезапустите программу и повторите действие.":
        "The database «{0}» was replaced by a backup ({1}, {2}) while this program had it open. Your last "
        "action was NOT saved: writing into the replaced database is refused. The database as it was before "
        "the replacement is kept in «{3}». Restart the program and repeat the action.",
    "База данных «{0}» была заменена другим файлом, пока эта программа была открыта. Ваше последнее действие "
    "НЕ сохранено: запись в заменённую базу запрещена. Перезапустите программу и повторите действие.":
        "The database «{0}» was replaced by another file while this program had it open. Your last action was "
        "NOT saved: writing into the replaced database is refused. Restart the program and repeat the action.",
    "База данных заменяется резервной копией в другой программе; изменения не сохранены. Повторите действие "
    "через минуту.":
        "Another program is replacing the database with a backup; the changes were not saved. Repeat the "
        "action in a minute.",
    "На диске с базой данных «{0}» нет места: изменения не сохранены (база не изменена). Освободите место на "
    "диске и повторите действие.":
        "The disk of the database «{0}» is full: the changes were not saved (the database is unchanged). Free "
        "some disk space and repeat the action.",
    "База данных «{0}» доступна только для чтения: изменения не сохранены. Проверьте права на файл и папку "
    "(или на таблицы сервера).":
        "The database «{0}» is read-only: the changes were not saved. Check the rights on the file and the "
        "folder (or on the server's tables).",
    "Ошибка чтения или записи файла базы данных «{0}» (диск, сетевая папка): изменения не сохранены. "
    "Проверьте диск или подключение и повторите.":
        "Reading or writing the database file «{0}» failed (disk, network folder): the changes were not "
        "saved. Check the disk or the connection and try again.",
    "Соединение с сервером базы данных «{0}» потеряно: изменения не сохранены. Проверьте сеть и повторите "
    "действие.":
        "The connection to the database server «{0}» was lost: the changes were not saved. Check the network "
        "and repeat the action.",
    "В тексте есть нулевой символ (NUL), который база данных не хранит: изменения не сохранены. Удалите его "
    "из текста.":
        "The text holds a NUL character, which the database cannot store: the changes were not saved. Remove "
        "it from the text.",
    "Непредвиденная ошибка ({0}); действие не выполнено. Подробности: {1}":
        "Unexpected error ({0}); the action was not done. Details: {1}",
    "Ошибка файла{0}: {1}. Ничего не записано наполовину; проверьте место на диске, путь и права и повторите.":
        "File error{0}: {1}. Nothing was half-written; check the disk space, the path and the rights and try "
        "again.",
    "Демо-данные уже загружаются или загружены другой программой: база больше не пуста. Ничего не изменено.":
        "Another program is loading or has loaded the demo data: the database is no longer empty. Nothing was "
        "changed.",
    # --- backups and restore ----------------------------------------------------------------------------------
    "Для восстановления базы PostgreSQL нужна программа pg_restore. Установите клиент PostgreSQL. База не "
    "изменена.":
        "Restoring a PostgreSQL database needs pg_restore. Install the PostgreSQL client. The database is "
        "unchanged.",
    "на диске нет места": "the disk is full",
    " Прежняя база сохранена в «{0}».": " The previous database is kept in «{0}».",
    "Другая программа слишком долго сохраняет изменения в эту базу; восстановление не начато, база не "
    "изменена. Повторите через минуту.":
        "Another program has been saving into this database for too long; the restore was not started, the "
        "database is unchanged. Try again in a minute.",
    "Файл «{0}» — база данных SQLite, но не резервная копия ChemCluster (в нём нет таблиц программы). База не "
    "изменена.":
        "«{0}» is an SQLite database but not a ChemCluster backup (it lacks the program's tables). The "
        "database is unchanged.",
    "Резервная копия «{0}» сделана более новой версией программы (схема {1}): эта версия не сможет её открыть. "
    "Обновите ChemCluster Desktop. База не изменена.":
        "The backup «{0}» was made by a newer version of the program (schema {1}): this version cannot open "
        "it. Update ChemCluster Desktop. The database is unchanged.",
    "Файл резервной копии «{0}» не найден. База не изменена.":
        "The backup file «{0}» was not found. The database is unchanged.",
    "Папку резервных копий «{0}» нельзя создать: {1}. Освободите место или укажите файл копии (-o ФАЙЛ) в "
    "другой папке.":
        "The backups folder «{0}» cannot be created: {1}. Free some space or give a backup file (-o FILE) in "
        "another folder.",
    "Резервная копия «{0}» не записана: {1}. Исходная база не изменена; укажите другую папку или освободите "
    "место.":
        "The backup «{0}» was not written: {1}. The database itself is unchanged; choose another folder or "
        "free some space.",
    "Резервная копия «{0}» не читается: {1}. База не изменена.":
        "The backup «{0}» cannot be read: {1}. The database is unchanged.",
    "Восстановление не удалось: {0}.": "The restore failed: {0}.",
    "Восстановление не выполнено: {0}. База не изменена.": "The restore was not done: {0}. The database is "
                                                         "unchanged.",
    # --- the journal chain ------------------------------------------------------------------------------------
    "Журнал: запись № {0} записана в обход программы (нет отметки цепочки).":
        "Journal: entry № {0} was written around the program (it has no chain mark).",
    "Журнал: и ещё {0} нарушений цепочки.": "Journal: and {0} more breaks of the chain.",
    "Журнал не защищён: нет триггера {0}, запрещающего изменять и удалять записи (его удалили в обход "
    "программы).":
        "The journal is not protected: the trigger {0} that refuses changing and deleting entries is missing "
        "(it was removed around the program).",
    "Журнал: перед записью № {0} удалены записи (после записи № {1}).":
        "Journal: entries were deleted before entry № {0} (after entry № {1}).",
    "Журнал: удалены записи до записи № {0} (она уже не первая в цепочке).":
        "Journal: entries were deleted before entry № {0} (it is no longer the first in the chain).",
    "Журнал: запись № {0} изменена после того, как была сделана.":
        "Journal: entry № {0} was changed after it was made.",
    # --- text, amounts, versions -----------------------------------------------------------------------------
    "Поле «{0}» содержит невидимый управляющий символ (код {1}, позиция {2}). Удалите его — такой символ "
    "обычно попадает при копировании из другой программы.":
        "The field «{0}» holds an invisible control character (code {1}, position {2}). Remove it — such "
        "characters usually come with text copied from another program.",
    "Поле «{0}» слишком длинное: {1} символов, допускается не больше {2}. Сократите текст.":
        "The field «{0}» is too long: {1} characters, at most {2} allowed. Shorten the text.",
    "Поле «{0}»: {1} при хранении с точностью {2} знака после запятой станет нулём. Проверьте единицы "
    "измерения.":
        "The field «{0}»: {1} becomes zero when stored with {2} decimal places. Check the units.",
    "«{0}»: {1} — при хранении с точностью {2} знака после запятой станет нулём. Проверьте единицы измерения.":
        "«{0}»: {1} becomes zero when stored with {2} decimal places. Check the units.",
    "Не указана версия записи, с которой начато изменение: сохранение вслепую перезаписало бы чужие правки. "
    "Откройте запись заново и повторите.":
        "The version of the record the change started from is missing: a blind save would overwrite someone "
        "else's edits. Open the record again and repeat.",
    "{0} № {1}: запись не найдена — её удалили или изменили. Обновите список (F5).":
        "{0} № {1} was not found: it was deleted or changed. Refresh the list (F5).",
    "Название здания": "Building name",
    "Название помещения": "Room name",
    "Контакты": "Contacts",
    "Кому выдано": "Issued to",
    # --- log-in, rights, passwords ------------------------------------------------------------------------
    "База данных сейчас занята записью в другой программе, поэтому вход не проверен. Повторите вход через "
    "минуту.":
        "Another program is writing to the database right now, so the log-in was not checked. Log in again in "
        "a minute.",
    "Текущий пароль не указан или указан неверно: чтобы сменить свой пароль, введите текущий.":
        "The current password is missing or wrong: to change your own password, enter the current one.",
    "Учётная запись «{0}» отключена администратором: действие не выполнено. Обратитесь к администратору.":
        "The account «{0}» was disabled by an administrator: the action was not done. Contact the "
        "administrator.",
    "Текущий пароль:": "Current password:",
    "Текущий пароль {0}: ": "Current password of {0}: ",
    # --- spreadsheets -----------------------------------------------------------------------------------------
    "Прочитан лист книги «{0}» (скрытые листы не читаются).": "Read the workbook's sheet «{0}» (hidden sheets "
                                                               "are never read).",
    "В книге нет ни одного видимого листа: покажите нужный лист в Excel («Показать лист») и сохраните файл.":
        "The workbook has no visible sheet: unhide the sheet you need in Excel («Unhide») and save the file.",
    "В файле «{0}» слишком много разных текстов (больше {1}): такой файл не читается, чтобы не занять всю "
    "память. Разделите его на несколько файлов.":
        "The file «{0}» holds too many distinct texts (more than {1}): it is not read so as not to use up all "
        "the memory. Split it into several files.",
    "Не удаётся записать файл «{0}»: папки «{1}» нет. Укажите существующую папку.":
        "Cannot write the file «{0}»: the folder «{1}» does not exist. Choose an existing folder.",
    "Файл не похож на инфраструктурный лист: не найдена строка заголовка таблицы с колонками «Наименование» и "
    "«Количество» (на видимых листах). Проверьте, что выбран нужный файл.":
        "The file does not look like an infrastructure list: no table header with the columns «Наименование» "
        "and «Количество» was found (on the visible sheets). Check that the right file is chosen.",
    "Файл похож на инвентарную опись (есть колонки инвентарного номера, модели или стоимости), а не на "
    "инфраструктурный лист. Выберите файл инфраструктурного листа компетенции.":
        "The file looks like an inventory list (it has inventory number, model or cost columns), not like an "
        "infrastructure list. Choose the competency's infrastructure list file.",
}
