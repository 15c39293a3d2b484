"""English for the nouns the timetable's services name in get_or_404's «{0} № {1} не найдена…»
(structure issue #17: the schedule package split)."""

PHRASES: dict[str, str] = {
    "Карточка класса": "Class card",
    "Карточка преподавателя": "Instructor card",
    "Карточка модуля": "Module card",
    "Карточка учебного периода": "Term card",
    "Запись о каникулах": "Holiday record",
    "Строка расписания звонков": "Bell-time line",
}
