"""English of the phrases added by the session-6 fixes (helper fix6): the timetable's weekly load, the label
sheet for the list's selection, … (merged into the catalogue by resources/translations/update.py)."""

PHRASES = {
    # services/schedule/solver.py
    "{0}, а больше {1} ч в неделю класс не берёт (его часы поровну по учебным неделям периода), и в эти недели "
    "у класса уже другие модули: {2}.":
        "{0}, but the class takes no more than {1} h a week (its hours spread evenly over the teaching weeks of "
        "the period), and in those weeks it already has other modules: {2}.",
    # services/inventory/report_labels.py, ui/pages/inventory.py
    "Лист этикеток с QR-кодами: для выбранных позиций или для всех, что показывает список с поиском и фильтрами.":
        "A sheet of QR labels: for the selected items or for all the list shows with its search and filters.",
    "Лист этикеток с QR-кодами для выбранных позиций или для всего, что показывает список (Ctrl+L)":
        "A sheet of QR labels for the selected items or for everything the list shows (Ctrl+L)",
    "У позиций списка нет инвентарных номеров — этикетки печатать не для чего.":
        "The items of the list have no inventory numbers: there is nothing to print labels for.",
    "Отбор: весь список": "Selection: the whole list",
    "Этикеток: {0} на {1} листах A4.\n{2}\n\nСоставить лист этикеток?":
        "Labels: {0} on {1} A4 sheets.\n{2}\n\nMake the label sheet?",
    "Составить ({0} л.)": "Make ({0} sheets)",
    # services/common.get_or_404 with the record named from the form
    "{0} «{1}»: запись не найдена — её удалили или изменили. Обновите список (F5).":
        "{0} «{1}» was not found: it has been deleted or changed. Refresh the list (F5).",
    "партия {0}": "lot {0}",
    "урок № {0}": "lesson {0}",
    # ✓ ✕ ⚠ ✎ replaced by words (ui/): not every Windows font has them
    "да": "yes",
    "Внимание: {0}": "Warning: {0}",
    "Отметка": "Mark",
    "(вручную)": "(by hand)",
}
