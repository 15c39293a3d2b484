"""English of the texts the lead added in session 4 (see update.py)."""

PHRASES = {
    "{0} (ф. {1})": "{0} (form {1})",
    "Демонстрационные данные": "Demonstration data",
    "Поколение базы (восстановление из копии)": "Database generation (restore from a backup)",
}
