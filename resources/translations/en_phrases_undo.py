"""English for issue 16's previews and undo of the bulk accreditation actions: importing a list into a
competency that has one, re-matching, «Подтвердить все», gaps → needs, «Отменить действие»
(merged into en_phrases.PHRASES by update.py)."""

PHRASES: dict[str, str] = {
    "  «{0}»: готовность {1} % → {2} %; теряет связей {3}, договоров {4}, фото {5}":
        "  «{0}»: readiness {1} % → {2} %; loses {3} links, {4} agreements, {5} photos",
    "{0} предложений: {1}; остаются ждать: {2}.": "{0} proposals: {1}; still waiting: {2}.",
    "{0}: {1}. Восстановлено записей {2}, удалено {3}.": "{0}: {1}. Records restored {2}, removed {3}.",
    "{0}: добавлено {1}, изменено {2}, удалено {3}.": "{0}: {1} added, {2} changed, {3} removed.",
    "«{0}» нельзя отменить: на восстанавливаемые или удаляемые записи уже ссылаются другие данные. "
    "Ничего не изменено.":
        "«{0}» cannot be undone: other data already refers to the records it would restore or remove. "
        "Nothing was changed.",
    "«{0}» нельзя отменить: на созданные потребности уже ссылаются записи закупок ({1}). Удалите их в "
    "«Закупках» или оставьте потребности.":
        "«{0}» cannot be undone: procurement records already refer to the needs it created ({1}). Delete them "
        "in «Procurement» or keep the needs.",
    "«{0}» нельзя отменить: после этого действия лист, чек-листы или потребности уже изменены (например, "
    "подтверждена связь или принято предложение). Отмена стёрла бы эти изменения.":
        "«{0}» cannot be undone: the list, the checklists or the needs have changed since (a link confirmed or "
        "a proposal accepted, for example). Undoing would erase those changes.",
    "Будет подтверждено": "To be confirmed",
    "Будет применено связей: {0}, предложено: {1}; прежних предложений останется {2}, снимется {3}; "
    "позиций без пары: {4}.":
        "Links to apply: {0}, to propose: {1}; earlier proposals kept {2}, dropped {3}; lines without a "
        "match: {4}.",
    "Будет создано потребностей: {0}, обновлено: {1}; оценка по ценам инвентаря: {2} (где цена известна). "
    "Снимите отметку со строк, которые закупать не нужно.":
        "Needs to create: {0}, to update: {1}; estimate from inventory prices: {2} (where a price is known). "
        "Untick the lines that need not be bought.",
    "Будет так: {0}.": "This will happen: {0}.",
    "Восстановлено отменой": "Restored by an undo",
    "Готовность": "Readiness",
    "Действие отменено": "Action undone",
    "Дефициты «{0}» → закупки: создано {1}, обновлено {2}": "Gaps of «{0}» → procurement: {1} created, {2} updated",
    "Дефициты → закупки «{0}»: создано {1}, обновлено {2}": "Gaps → procurement «{0}»: {1} created, {2} updated",
    "Дефициты": "Gaps",
    "Добавляется": "Added",
    "Добавляются": "Added",
    "Договоров": "Agreements",
    "Если импортировать: {0}.": "If imported: {0}.",
    "Заменить строки листа": "Replace the list's lines",
    "Изменяется": "Changed",
    "Изменяются": "Changed",
    "Импорт листа «{0}» ({1}) из «{2}»": "Import of the list «{0}» ({1}) from «{2}»",
    "Импорт листа: что изменится": "List import: what will change",
    "Импорт можно отменить («Отменить импорт»).": "The import can be undone («Undo import»).",
    "Импорт отменён: лист и чек-листы мастерских восстановлены (записей: {0}).":
        "Import undone: the list and the workshops' checklists are restored ({0} records).",
    "Лист обновлён": "List updated",
    "Лист этого года будет обновлён": "This year's list will be updated",
    "Лист этого года обновлён: добавлено {0}, изменено {1}, удалено {2}.":
        "This year's list updated: {0} added, {1} changed, {2} removed.",
    "Мастерская «{0}»: применено связей — {1}, предложено на подтверждение — {2}, снято предложений — {3}, "
    "позиций без пары — {4}. Предложения видны при фильтре «Есть предложения сопоставления».":
        "Workshop «{0}»: links applied — {1}, proposed for confirmation — {2}, proposals dropped — {3}, lines "
        "without a match — {4}. The proposals are shown with the filter «Has matching proposals».",
    "Мастерские потеряли связей: {0}.": "Links the workshops lost: {0}.",
    "Мастерские, работающие по этому листу:": "Workshops working to this list:",
    "Не отменено": "Not undone",
    "Не отменять": "Do not undo",
    "Ни одна строка не выбрана.": "No line is selected.",
    "Отмена действия": "Undo",
    "Отменено": "Undone",
    "Отменено: {0} (восстановлено записей {1}, удалено {2})": "Undone: {0} ({1} records restored, {2} removed)",
    "Отменено: {0}. Восстановлено записей: {1}.": "Undone: {0}. Records restored: {1}.",
    "Отменить «{0}» ({1:%d.%m.%Y %H:%M}, {2})? Лист, связи чек-листа и потребности вернутся к состоянию до "
    "этого действия.":
        "Undo «{0}» ({1:%d.%m.%Y %H:%M}, {2})? The list, the checklist links and the needs go back to how they "
        "were before it.",
    "Отменить действие": "Undo action",
    "Отменить импорт": "Undo import",
    "Отменить можно кнопкой «Отменить действие» на панели страницы.":
        "It can be undone with «Undo action» on the page's toolbar.",
    "Отменить последний импорт листа, сопоставление, подтверждение или передачу дефицитов в закупки этой "
    "мастерской":
        "Undo this workshop's latest list import, matching, confirmation or gaps handed to procurement",
    "Отменить: chemcluster accreditation undo --id {0}": "To undo: chemcluster accreditation undo --id {0}",
    "Отменять нечего.": "Nothing to undo.",
    "Отменять нечего: массовых действий с аккредитацией, которые можно отменить, не было.":
        "Nothing to undo: there has been no bulk accreditation action that can be undone.",
    "Оценка": "Estimate",
    "Подтвердить отмеченные": "Confirm ticked",
    "Подтвердить предложения": "Confirm proposals",
    "Подтверждение предложений «{0}»: {1}": "Confirmation of proposals «{0}»: {1}",
    "Подтверждение предложений": "Confirmation of proposals",
    "Подтверждение": "Confirmation",
    "Подтверждено предложений: {0}; ждут решения: {1}.": "Proposals confirmed: {0}; awaiting a decision: {1}.",
    "Подтверждено": "Confirmed",
    "Подтверждены предложения сопоставления: {0} (связи № {1})": "Matching proposals confirmed: {0} (links No. {1})",
    "Почему не отмечено": "Why not ticked",
    "Почему": "Why",
    "Предложение применено сопоставлением": "Proposal applied by the matching",
    "Предложений, ждущих подтверждения, нет.": "No proposals are waiting for confirmation.",
    "Предложений: {0}; отмечены для подтверждения {1}. Слабые ({2}: низкая оценка или разные признаки — "
    "например, другой материал) не отмечены: проверьте их и отметьте сами.":
        "Proposals: {0}; ticked for confirmation {1}. The weak ones ({2}: a low score or differing attributes — "
        "another material, for example) are not ticked: check them and tick them yourself.",
    "Предложения № {0} не относятся к мастерской «{1}» или уже не ждут подтверждения: обновите список.":
        "Proposals No. {0} do not belong to workshop «{1}» or no longer await confirmation: refresh the list.",
    "Предпросмотр, ничего не записано. Будет создано потребностей {0}, обновлено {1}.":
        "Preview, nothing written. Needs to be created {0}, updated {1}.",
    "Предпросмотр, ничего не записано.": "Preview, nothing written.",
    "Прежних предложений оставлено: {0}; новых и изменённых связей: {1}; снимается предложений: {2}.":
        "Earlier proposals kept: {0}; new and changed links: {1}; proposals dropped: {2}.",
    "Проверка (ничего не изменено): можно отменить": "Check (nothing changed): can be undone",
    "Снимается": "Dropped",
    "Создать потребности": "Create needs",
    "Сопоставление «{0}»": "Matching «{0}»",
    "Сопоставление ничего не изменит: новых пар нет, прежние предложения остаются.":
        "Matching would change nothing: no new pairs, the earlier proposals stay.",
    "Сопоставление с инвентарём: применено {0}, предложено {1}, снято предложений {2}":
        "Matching with the inventory: {0} applied, {1} proposed, {2} proposals dropped",
    "Сопоставление": "Matching",
    "Сопоставление: что изменится": "Matching: what will change",
    "Строка листа": "List line",
    "Строки листа «{0}» на {1} год:": "Lines of the list «{0}» for {1}:",
    "Строки чек-листа № {0} не относятся к дефицитам мастерской «{1}»: обновите список.":
        "Checklist lines No. {0} are not gaps of workshop «{1}»: refresh the list.",
    "Сходство": "Similarity",
    "Теряет связей": "Links lost",
    "Точка восстановления № {0} не найдена (уже отменена?).": "Restore point No. {0} not found (already undone?).",
    "Удаляется": "Removed",
    "Удаляются": "Removed",
    "Что": "What",
    "было {0}": "was {0}",
    "было предложено": "was proposed",
    "готовность «{0}»: {1} % → {2} %": "readiness of «{0}»: {1} % → {2} %",
    "добавлено: {0}": "added: {0}",
    "изменений в существующих данных нет": "no change to existing data",
    "изменено: {0}": "changed: {0}",
    "мастерских, теряющих связи с инвентарём: {0} (связей: {1})":
        "workshops losing links to the inventory: {0} ({1} links)",
    "отклонена": "rejected",
    "отменить последнее массовое действие (импорт листа, сопоставление, подтверждение, дефициты → закупки)":
        "undo the latest bulk action (list import, matching, confirmation, gaps → procurement)",
    "подтвердить и слабые предложения (низкая оценка, разные признаки)":
        "confirm the weak proposals too (low score, differing attributes)",
    "подтвердить предложения сопоставления (кроме слабых)": "confirm the matching proposals (except the weak ones)",
    "подтвердить только это предложение; можно указать несколько раз": "confirm only this proposal; may be repeated",
    "подтверждена": "confirmed",
    "позиция больше не свободна (списана, перемещена или уже учтена)":
        "the item is no longer free (written off, moved or already counted)",
    "позиция инвентаря применена к другой строке": "the item is applied to another line",
    "показать, что можно отменить": "show what can be undone",
    "последнее действие этой мастерской": "this workshop's latest action",
    "потребность № {0} уже в работе у закупок («{1}»)": "need No. {0} is already with procurement («{1}»)",
    "потребность № {0} уже создана, количество то же": "need No. {0} already exists with the same quantity",
    "предлагается": "proposed",
    "применяется": "applied",
    "разные признаки: {0} ↔ {1}": "differing attributes: {0} ↔ {1}",
    "слабое совпадение: {0} < {1}": "weak match: {0} < {1}",
    "статус строки установлен вручную": "the line's status is set by hand",
    "строк листа будет удалено: {0}": "list lines to be removed: {0}",
    "строка уже закрыта применёнными связями": "the line is already covered by applied links",
    "только показать, что будет создано": "only show what would be created",
    "только проверить, ничего не менять": "only check, change nothing",
    "только эта строка чек-листа (id); можно указать несколько раз": "only this checklist line (id); may be repeated",
    "точка восстановления с этим номером": "the restore point with this number",
    "уже есть": "exists",
}

PHRASES["Точка восстановления аккредитации"] = "Accreditation restore point"
