"""English for the strings of session 5's «noticed and left alone» fixes (helper fix5): the printed
inventory list's selection, refused list filters, messages that no longer name internal ids, the users
tab's count and the icons that replaced emoji (merged into en_phrases.PHRASES by update.py)."""

PHRASES: dict[str, str] = {
    # the inventory list (ф. 0510466) printed for the list's selection
    "Поиск": "Search",
    "Состояние": "State",
    "строка поиска, как в окне программы": "search text, as in the program's window",
    "in_use | repair | not_commissioned | written_off | all — любое, и списанные":
        "in_use | repair | not_commissioned | written_off | all — any, written-off too",
    "любое, и списанные": "any, written-off too",
    "выбранные в списке позиции ({0})": "items selected in the list ({0})",
    "поиск «{0}»": "search «{0}»",
    "вид: {0}": "kind: {0}",
    "помещение «{0}»": "room «{0}»",
    "в любом состоянии, и списанные": "in any state, written-off too",
    "состояние: {0}": "state: {0}",
    "Неизвестное состояние «{0}»: {1}.": "Unknown state «{0}»: {1}.",
    "Отбор: {0}": "Selection: {0}",
    "Опись инвентаризации строится по её строкам: --room, --kind, --search, --status и --ids с --stocktaking "
    "не указываются.":
        "A stock-taking's list is built from its own lines: --room, --kind, --search, --status and --ids are not "
        "given with --stocktaking.",
    "Помещение, выбранное в списке, уже удалено — обновите список (F5).":
        "The room chosen in the list has been deleted — refresh the list (F5).",
    "как в поиске списка, например: колба": "as in the list's search, e.g. flask",
    "В списке нет позиций: измените поиск или фильтры.": "The list shows no items: change the search or the filters.",
    # a filter the inventory list does not know
    "Список инвентаря не знает фильтра «{0}». Известные фильтры: {1}.":
        "The inventory list has no filter «{0}». Its filters: {1}.",
    # messages that named internal ids
    "{0}: запись не найдена — её удалили или изменили. Обновите список (F5).":
        "{0} was not found: it has been deleted or changed. Refresh the list (F5).",
    "Документ движения, выбранный в списке, уже удалён — обновите список (F5).":
        "The movement document chosen in the list has been deleted — refresh the list (F5).",
    "Файл, выбранный в карточке, уже удалён — закройте карточку и откройте её снова.":
        "The file chosen in the card has been deleted — close the card and open it again.",
    "Этот файл уже удалён (возможно, с другого компьютера).":
        "This file has already been deleted (perhaps from another computer).",
    "Это действие уже отменено (возможно, с другого компьютера): обновите список (F5).":
        "This action has already been undone (perhaps from another computer): refresh the list (F5).",
    "Выбранные предложения ({0}) не относятся к мастерской «{1}» или уже не ждут подтверждения: обновите "
    "список (F5) и выберите снова.":
        "The chosen proposals ({0}) do not belong to workshop «{1}» or no longer await confirmation: refresh the "
        "list (F5) and choose again.",
    "Выбранные строки чек-листа ({0}) не относятся к дефицитам мастерской «{1}» (уже выполнены или удалены): "
    "обновите список (F5) и выберите снова.":
        "The chosen checklist lines ({0}) are not shortfalls of workshop «{1}» (met or deleted meanwhile): refresh "
        "the list (F5) and choose again.",
    # the users tab
    # (its count reuses the shared «Записей: {0}»)
    # emoji icons replaced by the SVG lock and words
    "закр.": "locked",
    "Закреплено: при генерации остаётся на месте": "Locked: generation leaves it where it is",
    "  [закреплено]": "  [locked]",
    "Не меняются никогда: занятия до {0} (прошедшие) и закреплённые (в сетке — со значком замка); занятия после "
    "даты «по» тоже остаются.":
        "Never changed: lessons before {0} (past) and locked ones (a lock icon in the grid); lessons after the "
        "«to» date stay as well.",
}
