"""English for the strings of issue 17's structure step (session 3): the cards moved onto
``ui/forms.FormDialog`` name their required fields without the « *» (the form adds it)."""

PHRASES: dict[str, str] = {
    "Логин:": "Login:",
    "Роль:": "Role:",
    "Новый пароль:": "New password:",
    "Ещё раз:": "Again:",
    "Шаблон инвентарного номера": "Inventory number pattern",
}
