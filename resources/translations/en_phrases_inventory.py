"""English of the inventory area's new phrases (structure issue #17: the nouns handed to
``services.common.get_or_404``; «Позиция» and «Инвентаризация» are already in en_phrases.py)."""

PHRASES = {
    "Тара": "Container",
}
