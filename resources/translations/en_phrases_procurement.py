"""English for the procurement area's strings added by the split of services/procurement (#17): the
more specific nouns its «… № N не найдена» messages name."""

PHRASES: dict[str, str] = {
    # services.common.get_or_404's message, which procurement and the cluster now show (another file may
    # give it too: the dictionaries are merged)
    "{0} № {1}: запись не найдена — её удалили или изменили. Обновите список (F5).":
        "{0} No. {1} was not found: it was deleted or changed. Refresh the list (F5).",
    "Карточка поставщика": "Supplier card",
    "Запись об источнике финансирования": "Funding source record",
    "Запись о контракте": "Contract record",
    "Запись об этапе оплаты": "Payment stage record",
    "Запись о коммерческом предложении": "Commercial offer record",
    "Карточка помещения": "Room card",
}
