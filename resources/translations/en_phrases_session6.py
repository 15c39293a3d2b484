"""English for the lead's texts of session 6 (resources/translations/update.py reads every en_phrases_*.py)."""

PHRASES = {
    "Занятий в периоде: {0}, закреплено: {1}; на этой неделе здесь: {2}, всего: {3}":
        "Lessons in the term: {0}, pinned: {1}; this week here: {2}, in all: {3}",
}
