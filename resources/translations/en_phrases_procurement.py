"""English for the procurement area's strings added by the split of services/procurement (#17): the
more specific nouns its «… № N не найдена» messages name."""

PHRASES: dict[str, str] = {
    "Карточка поставщика": "Supplier card",
    "Запись об источнике финансирования": "Funding source record",
    "Запись о контракте": "Contract record",
    "Запись об этапе оплаты": "Payment stage record",
    "Запись о коммерческом предложении": "Commercial offer record",
    "Карточка помещения": "Room card",
}
