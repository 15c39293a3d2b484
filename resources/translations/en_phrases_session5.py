"""English of the texts the lead added in session 5 (see update.py)."""

PHRASES = {
    "Предел считается от совокупного годового объёма закупок (СГОЗ); он не введён, поэтому взят объём "
    "плана-графика на {0} год ({1} ₽). Если СГОЗ больше, введите его: «Закупки» → «План-график» → "
    "«Настройки закупок…».":
        "The limit is a share of the total annual procurement volume (СГОЗ); it has not been entered, so the "
        "plan-schedule's volume for {0} ({1} ₽) was taken. If the СГОЗ is larger, enter it: «Procurement» → "
        "«Procurement schedule» → «Procurement settings…».",
}
