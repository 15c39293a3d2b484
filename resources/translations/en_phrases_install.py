"""English of the strings added for issue 18 (start-up, where the data lives, installation).
Merged into the .ts by ``update.py`` like ``en_phrases.py``."""

PHRASES: dict[str, str] = {
    # start-up (ui/startup.py)
    "Ежедневная резервная копия": "Daily backup",
    "Проверка файла базы данных": "Checking the database file",
    "База данных «{0}» повреждена ({1}). Восстановите её из последней резервной копии.":
        "The database «{0}» is damaged ({1}). Restore it from the latest backup.",
    "База в сетевой папке: режим одного компьютера": "Database in a network folder: single-PC mode",
    "База данных в сетевой папке": "Database in a network folder",
    # services/context.py
    "Файл базы данных «{0}» лежит в сетевой папке ({1}). Программа открыла его в режиме одного "
    "компьютера: пока она работает здесь, на других компьютерах эта база не откроется. Чтобы с базой "
    "работали несколько компьютеров одновременно, нужен сервер PostgreSQL (см. руководство, раздел "
    "«Несколько компьютеров»); резервные копии этой базы пишутся рядом с ней, в папку «{2}».":
        "The database file «{0}» is in a network folder ({1}). The program opened it in single-PC mode: while it "
        "runs here, this database will not open on other PCs. For several PCs working at the same time you need "
        "a PostgreSQL server (see the manual, «Several PCs»); backups of this database are written beside it, "
        "in the «{2}» folder.",
    "База данных «{0}» в сетевой папке уже открыта на другом компьютере. Файл SQLite "
    "в сетевой папке может открыть только один компьютер; закройте программу там "
    "или перейдите на сервер PostgreSQL для работы с нескольких компьютеров.":
        "The database «{0}» in a network folder is already open on another PC. Only one PC can open an SQLite "
        "file in a network folder; close the program there, or move to a PostgreSQL server to work from several PCs.",
    # ui/dialogs/database_folder.py
    "Укажите папку.": "Choose a folder.",
    "Папку «{0}» создать нельзя: {1}.": "The folder «{0}» cannot be created: {1}.",
    "В папку «{0}» нельзя записать файл: выберите папку, куда у вас есть право записи.":
        "No file can be written to «{0}»: choose a folder you may write to.",
    "Где хранить базу данных": "Where to keep the database",
    "Выберите папку для базы данных ChemCluster и её резервных копий. Папка профиля "
    "пользователя на компьютерах классов часто очищается при выходе из системы, поэтому "
    "предлагается общая папка, которая сохраняется. Папку можно сменить позже: "
    "Сервис → Настройки.":
        "Choose the folder for the ChemCluster database and its backups. The user profile folder on classroom "
        "PCs is often wiped at log-off, so a shared folder that is kept is suggested. You can change it later: "
        "Tools → Settings.",
    "Обзор…": "Browse…",
    "Хранить здесь": "Keep it here",
    "Оставить в папке пользователя": "Keep it in the user folder",
    "Папка базы данных": "Database folder",
    # ui/dialogs/settings.py
    "База данных (со следующего запуска)": "Database (from the next start)",
    "Резервные копии": "Backups",
    "рядом с базой данных, в папке backups": "beside the database, in the backups folder",
    # cli.py, app.py
    "ChemCluster Desktop: окно программы. Те же параметры, что у «chemcluster» без команды.":
        "ChemCluster Desktop: the program window. The same options as «chemcluster» without a command.",
    "chemcluster: не удалось загрузить Qt ({0}). Нужна 64-разрядная Windows 10 "
    "(1809 или новее) или Windows 11 и «Распространяемый пакет Visual C++ 2015–2022 "
    "x64» (https://aka.ms/vs/17/release/vc_redist.x64.exe); либо установите программу "
    "установщиком ChemCluster-Setup.":
        "chemcluster: Qt could not be loaded ({0}). It needs 64-bit Windows 10 (1809 or later) or Windows 11 and "
        "the «Visual C++ 2015–2022 Redistributable x64» (https://aka.ms/vs/17/release/vc_redist.x64.exe); or "
        "install the program with the ChemCluster-Setup installer.",
    "chemcluster: не удалось загрузить Qt ({0}). Окну программы нужны системные "
    "библиотеки Qt; на Debian/Ubuntu установите их:\n  sudo apt-get install {1}\n"
    "Команды без окна (например «chemcluster stats --json») работают и без них.":
        "chemcluster: Qt could not be loaded ({0}). The program window needs Qt's system libraries; on "
        "Debian/Ubuntu install them:\n  sudo apt-get install {1}\nCommands without a window (e.g. "
        "«chemcluster stats --json») work without them.",
}
