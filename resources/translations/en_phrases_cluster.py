"""English for the cluster area's strings added by the split of services/cluster (#17): the more
specific nouns its «… № N не найдена» messages name."""

PHRASES: dict[str, str] = {
    "Карточка участника": "Participant card",
    "Запись о направлении обучения": "Training direction record",
    "Запись о показателе": "KPI record",
}
