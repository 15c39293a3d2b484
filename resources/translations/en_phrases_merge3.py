"""English for texts that met only when this session's branches were merged (ст. 93 ч. 12 as a
translated method; the CLI's preview lines of the bulk accreditation actions)."""

PHRASES: dict[str, str] = {
    "единственный поставщик (ч. 12 ст. 93, в электронной форме)":
        "single supplier (Art. 93 Part 12, in electronic form)",
    "≈ {0} ₽": "≈ {0} ₽",
    "{0} ↔ {1}: {2}": "{0} ↔ {1}: {2}",
    "✓": "✓",
}

PHRASES.update({
    # metavars of the decision and commission commands
    "ДД.ММ.ГГГГ": "DD.MM.YYYY",
    "\"Фамилия И. О.=Должность\"": "\"Surname I. O.=Position\"",
    "\"ФИО; должность\"": "\"Full name; position\"",
})
