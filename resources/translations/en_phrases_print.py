"""English for issue 16's printing (background print with progress and cancel, the page's own paper
and orientation) and «Файл → Сменить пользователя» (with the journal's «Выход» entry)."""

PHRASES: dict[str, str] = {
    # ui/printing.py
    "Файл «{0}» не удалось открыть как PDF: печатать нечего.":
        "The file «{0}» could not be opened as a PDF: there is nothing to print.",
    "В выбранном диапазоне нет страниц (в документе {0}).":
        "The chosen range has no pages (the document has {0}).",
    "Принтер «{0}» не начал печать. Проверьте, что он включён и доступен.":
        "The printer «{0}» did not start printing. Check that it is switched on and reachable.",
    "Печать: страница {0} из {1}": "Printing: page {0} of {1}",
    "Печать отменена: на принтер ничего не отправлено.": "Printing cancelled: nothing was sent to the printer.",
    "Отправлено на печать: {0} стр.": "Sent to the printer: {0} pages.",
    "Печать «{0}»": "Printing «{0}»",
    # ui/main_window.py: «Сменить пользователя»
    "Сменить пользователя…": "Switch user…",
    "Сменить пользователя": "Switch user",
    "Дождитесь окончания: «{0}».": "Wait until «{0}» has finished.",
    "Открытые окна будут закрыты, несохранённые изменения в них пропадут:\n{0}\n\n"
    "Закрыть их и сменить пользователя?":
        "The open windows will be closed and unsaved changes in them lost:\n{0}\n\nClose them and switch user?",
    "Закрыть и сменить": "Close and switch",
    "Вернуться к работе": "Back to work",
}

# «Выход» is «Exit» in the menus; in the journal it is the end of a user's session
CONTEXT_PHRASES: dict[tuple[str, str], str] = {
    ("Journal", "Выход"): "Log-out",
    ("JournalPage", "Выход"): "Log-out",
}
