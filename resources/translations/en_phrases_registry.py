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
}
