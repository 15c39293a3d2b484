"""English for session 3's timetable strings: races refused under the write lock (issue 19, finding 5),
versions required, still-valid lessons kept by a regeneration, undo as a stack (issue 15)."""

PHRASES: dict[str, str] = {
    "Генераций, которые можно отменить, нет.": "There are no generations to undo.",
    "Можно отменить ещё генераций: {0} (следующая вернёт к «{1}»).":
        "Generations that can still be undone: {0} (the next one returns to «{1}»).",
    "Оставить на месте будущие занятия, которые не нарушают правил (разместить только недостающие часы)":
        "Keep future lessons that break no rule where they are (place only the missing hours)",
    "Отменить последнюю генерацию ({0})": "Undo the latest generation ({0})",
    "Снимите, чтобы составить расписание периода заново: занятия могут переместиться, их прежние места "
    "служат только подсказкой.":
        "Untick to plan the period afresh: lessons may move; their former places are only hints.",
    "{0}: {1} занятий": "{0}: {1} lessons",
    "только показать генерации, которые можно отменить": "only list the generations that can be undone",
    "Расписание периода «{0}» изменилось во время генерации или после предпросмотра (занятие закрепили, "
    "добавили или перенесли): запустите генерацию снова.":
        "The timetable of «{0}» changed while it was being generated or after the preview (a lesson was locked, "
        "added or moved): run the generation again.",
    "Расписание изменилось во время генерации, или новые занятия совпали бы с занятиями другого периода — "
    "запустите генерацию снова (занятие другого периода сначала перенесите). Совпали бы:":
        "The timetable changed while it was being generated, or the new lessons would collide with lessons of "
        "another period — run the generation again (move the other period's lesson first). They would collide:",
}
