"""English of the texts the area registry and the structure work added (see update.py)."""

PHRASES = {
    "Запись журнала": "Journal entry",
    "Строка инвентаризации": "Stock-taking line",
    "Помещение мастерской": "Workshop room",
    "Модуль преподавателя": "Instructor's module",
    "Модуль мастерской": "Workshop's module",
    "Строка нагрузки": "Load line",
    "Этап строки плана-графика": "Plan line step",
    "Принятая позиция поставки": "Accepted delivery item",
    # services/common.get_or_404 (structure step 1), the only text update.py --check found untranslated
    "{0} № {1}: запись не найдена — её удалили или изменили. Обновите список (F5).":
        "{0} No. {1}: record not found — it was deleted or changed. Refresh the list (F5).",
}

PHRASES.update({
    "Счётчик номеров": "Number counter",
    "Попытка входа": "Log-in attempt",
})
