"""English of session 5's paperwork changes (issue 13 and the procurement printouts): the line over a
page that holds only a form's closing blocks, and the НМЦК formula with its figures (п. 3.20.1 of the
recommendations of приказ Минэкономразвития № 567)."""

PHRASES: dict[str, str] = {
    "Форма по ОКУД {0}, № {1} (продолжение)": "Form (OKUD) {0}, No. {1} (continued)",
    "п. 3.20.1 Методических рекомендаций, утв. приказом Минэкономразвития России от 02.10.2013 № 567":
        "clause 3.20.1 of the Methodological recommendations approved by order No. 567 of the Ministry of "
        "Economic Development of Russia of 02.10.2013",
    "НМЦК = v / n × ΣЦi = {0} / {1} × {2}, ₽ ({3})": "Initial max. price = v / n × ΣPi = {0} / {1} × {2}, ₽ ({3})",
    "Сумма цен ΣЦi, ₽": "Sum of prices ΣPi, ₽",
    "Средняя цена за единицу Цср = ΣЦi / n, ₽ (округлена до копейки)":
        "Mean unit price = ΣPi / n, ₽ (rounded to kopecks)",
    "Количество × Цср = {0} × {1} = {2} ₽ отличается от НМЦК {3} ₽: Цср показана округлённой до копейки, а НМЦК "
    "считается от суммы цен и округляется один раз — в конце ({4}).":
        "Quantity × mean price = {0} × {1} = {2} ₽ differs from the initial max. price {3} ₽: the mean price is "
        "shown rounded to kopecks, while the initial max. price is computed from the sum of prices and rounded "
        "once, at the end ({4}).",
    "Позиции № {0}: количество × Цср отличается от НМЦК позиции на доли копейки на единицу — НМЦК = v / n × ΣЦi, "
    "округление один раз, в конце ({1}); расчёт приведён в разделе позиции.":
        "Items No. {0}: quantity × mean price differs from the item's initial max. price by fractions of a kopeck "
        "per unit — initial max. price = v / n × ΣPi, rounded once, at the end ({1}); the calculation is in the "
        "item's section.",
}
