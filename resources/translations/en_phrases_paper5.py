"""English of session 5's paperwork changes (issue 13 and the procurement printouts): the line over a
page that holds only a form's closing blocks, and the НМЦК rounding note."""

PHRASES: dict[str, str] = {
    "Форма по ОКУД {0}, № {1} (продолжение)": "Form (OKUD) {0}, No. {1} (continued)",
}
