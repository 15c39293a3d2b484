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
}
