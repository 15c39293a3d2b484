"""English for the accreditation area's strings added by the split of services/accreditation
(merged into en_phrases.PHRASES by update.py)."""

PHRASES: dict[str, str] = {
    # the noun services.common.get_or_404 names when an evidence photo is gone
    "Фотография": "Photo",
    # services.common.get_or_404's message, now shown by the accreditation services too
    "{0} № {1}: запись не найдена — её удалили или изменили. Обновите список (F5).":
        "{0} No. {1} was not found: it has been deleted or changed. Refresh the list (F5).",
}
