<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ru">
    <context>
        <name>About</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="53" />
            <source>файл SQLite</source>
            <translation>SQLite file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="53" />
            <source>сервер PostgreSQL</source>
            <translation>PostgreSQL server</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="63" />
            <source>Система</source>
            <translation>System</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="46" />
            <source>не открыта</source>
            <translation>not open</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="54" />
            <source>{0}: {1} (схема {2})</source>
            <translation>{0}: {1} (schema {2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="70" />
            <source>О программе</source>
            <translation>About</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="111" />
            <source>Программа</source>
            <translation>Program</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="131" />
            <source>Выберите лицензию выше, чтобы прочитать её текст.</source>
            <translation>Choose a licence above to read its text.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="133" />
            <source>Лицензии</source>
            <translation>Licences</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="137" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="84" />
            <source>Инвентарь лабораторий, аккредитация мастерских, расписание «Технологии», закупки и отчёты кластера «Химический потенциал» (г. Дзержинск).</source>
            <translation>Lab inventory, workshop accreditation, the “Technology” timetable, procurement and reports of the “Chemical Potential” cluster (Dzerzhinsk).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="93" />
            <source>База данных: {0}</source>
            <translation>Database: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="98" />
            <source>Папка данных: {0}</source>
            <translation>Data folder: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="126" />
            <source>В программу входят компоненты сторонних авторов:</source>
            <translation>The program includes third-party components:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="124" />
            <source>Текст лицензии</source>
            <translation>Licence text</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="83" />
            <source>Версия {0}</source>
            <translation>Version {0}</translation>
        </message>
    </context>
    <context>
        <name>AccBulk</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="37" />
            <source>Отменить можно кнопкой «Отменить действие» на панели страницы.</source>
            <translation>It can be undone with «Undo action» on the page's toolbar.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="56" />
            <source>Заменить строки листа</source>
            <translation>Replace the list's lines</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="56" />
            <source>Импортировать</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="71" />
            <source>Сопоставление с инвентарём</source>
            <translation>Matching with the inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="143" />
            <source>Предложения подтверждены</source>
            <translation>Proposals confirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="157" />
            <source>создать</source>
            <translation>create</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="157" />
            <source>обновить</source>
            <translation>update</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="157" />
            <source>уже есть</source>
            <translation>exists</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="183" />
            <source>Дефициты переданы в закупки</source>
            <translation>Shortages passed to procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="195" />
            <source>Отменить действие</source>
            <translation>Undo action</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="201" />
            <source>Не отменять</source>
            <translation>Do not undo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="55" />
            <source>Будет так: {0}.</source>
            <translation>This will happen: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="57" />
            <source>Импорт листа: что изменится</source>
            <translation>List import: what will change</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="83" />
            <source>Будет применено связей: {0}, предложено: {1}; прежних предложений останется {2}, снимется {3}; позиций без пары: {4}.</source>
            <translation>Links to apply: {0}, to propose: {1}; earlier proposals kept {2}, dropped {3}; lines without a match: {4}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="86" />
            <source>Сопоставление</source>
            <translation>Matching</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="89" />
            <source>Сопоставление: что изменится</source>
            <translation>Matching: what will change</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="92" />
            <source>Сопоставить</source>
            <translation>Match</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="105" />
            <source>Сопоставление выполнено</source>
            <translation>Matching done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="117" />
            <source>Подтверждение</source>
            <translation>Confirmation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="117" />
            <source>Предложений, ждущих подтверждения, нет.</source>
            <translation>No proposals are waiting for confirmation.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="122" />
            <source>Предложений: {0}; отмечены для подтверждения {1}. Слабые ({2}: низкая оценка или разные признаки — например, другой материал) не отмечены: проверьте их и отметьте сами.</source>
            <translation>Proposals: {0}; ticked for confirmation {1}. The weak ones ({2}: a low score or differing attributes — another material, for example) are not ticked: check them and tick them yourself.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="125" />
            <source>Подтвердить предложения</source>
            <translation>Confirm proposals</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="129" />
            <source>Подтвердить отмеченные</source>
            <translation>Confirm ticked</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="155" />
            <source>Дефициты</source>
            <translation>Gaps</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="155" />
            <source>Дефицитов нет: все позиции чек-листа выполнены.</source>
            <translation>No shortages: every checklist line is met.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="164" />
            <source>Будет создано потребностей: {0}, обновлено: {1}; оценка по ценам инвентаря: {2} (где цена известна). Снимите отметку со строк, которые закупать не нужно.</source>
            <translation>Needs to create: {0}, to update: {1}; estimate from inventory prices: {2} (where a price is known). Untick the lines that need not be bought.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="166" />
            <source>Дефициты → закупки</source>
            <translation>Shortages → procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="169" />
            <source>Создать потребности</source>
            <translation>Create needs</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="192" />
            <source>Отмена действия</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="192" />
            <source>Отменять нечего.</source>
            <translation>Nothing to undo.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="212" />
            <source>Действие отменено</source>
            <translation>Action undone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="50" />
            <source>Что</source>
            <translation>What</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="50" />
            <source>Позиция</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="52" />
            <source>Мастерские, работающие по этому листу:</source>
            <translation>Workshops working to this list:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="75" />
            <source>применяется</source>
            <translation>applied</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="75" />
            <source>предлагается</source>
            <translation>proposed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="75" />
            <source>подтверждена</source>
            <translation>confirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="76" />
            <source>отклонена</source>
            <translation>rejected</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="141" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="195" />
            <source>Отменить «{0}» ({1:%d.%m.%Y %H:%M}, {2})? Лист, связи чек-листа и потребности вернутся к состоянию до этого действия.</source>
            <translation>Undo «{0}» ({1:%d.%m.%Y %H:%M}, {2})? The list, the checklist links and the needs go back to how they were before it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="45" />
            <source>Добавляется</source>
            <translation>Added</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="49" />
            <source>Строки листа «{0}» на {1} год:</source>
            <translation>Lines of the list «{0}» for {1}:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="53" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="53" />
            <source>Готовность</source>
            <translation>Readiness</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="53" />
            <source>Теряет связей</source>
            <translation>Links lost</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="53" />
            <source>Договоров</source>
            <translation>Agreements</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="54" />
            <source>Фото</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="80" />
            <source>Снимается</source>
            <translation>Dropped</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="86" />
            <source>Сопоставление ничего не изменит: новых пар нет, прежние предложения остаются.</source>
            <translation>Matching would change nothing: no new pairs, the earlier proposals stay.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="210" />
            <source>Не отменено</source>
            <translation>Not undone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="212" />
            <source>Отменено: {0}. Восстановлено записей: {1}.</source>
            <translation>Undone: {0}. Records restored: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="43" />
            <source>Удаляется</source>
            <translation>Removed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="44" />
            <source>Изменяется</source>
            <translation>Changed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="68" />
            <source>Сопоставление…</source>
            <translation>Matching…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="90" />
            <source>Строка листа</source>
            <translation>List line</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="90" />
            <source>Позиция инвентаря</source>
            <translation>Inventory item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="91" />
            <source>Сходство</source>
            <translation>Similarity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="91" />
            <source>Почему</source>
            <translation>Why</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="127" />
            <source>Почему не отмечено</source>
            <translation>Why not ticked</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="143" />
            <source>Подтверждено предложений: {0}; ждут решения: {1}.</source>
            <translation>Proposals confirmed: {0}; awaiting a decision: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="167" />
            <source>Действие</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="167" />
            <source>№</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="167" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="168" />
            <source>Оценка</source>
            <translation>Estimate</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="168" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="183" />
            <source>Создано потребностей: {0}, обновлено: {1}.</source>
            <translation>Needs created: {0}, updated: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="105" />
            <source>Мастерская «{0}»: применено связей — {1}, предложено на подтверждение — {2}, снято предложений — {3}, позиций без пары — {4}. Предложения видны при фильтре «Есть предложения сопоставления».</source>
            <translation>Workshop «{0}»: links applied — {1}, proposed for confirmation — {2}, proposals dropped — {3}, lines without a match — {4}. The proposals are shown with the filter «Has matching proposals».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_bulk.py" line="126" />
            <source>Отметка</source>
            <translation>Mark</translation>
        </message>
    </context>
    <context>
        <name>AccPreview</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_preview.py" line="88" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_preview.py" line="58" />
            <source>Внимание: {0}</source>
            <translation>Warning: {0}</translation>
        </message>
    </context>
    <context>
        <name>Accreditation</name>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="35" />
            <source>Склад</source>
            <translation>Store</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="43" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="34" />
            <source>Зона экспертов</source>
            <translation>Experts' zone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="38" />
            <source>Расходные материалы</source>
            <translation>Consumables</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="43" />
            <source>Выполнено</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="43" />
            <source>Частично</source>
            <translation>Partly</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="61" />
            <source>нет ни одной</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="94" />
            <source>Укажите помещение мастерской.</source>
            <translation>Give the workshop's room.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="33" />
            <source>Рабочее место участника</source>
            <translation>Participant's workplace</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="37" />
            <source>Общая инфраструктура площадки</source>
            <translation>Shared site infrastructure</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="80" />
            <source>Мастерская «{0}» не найдена.</source>
            <translation>Workshop “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="100" />
            <source>Помещение «{0}» не найдено.</source>
            <translation>Room “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="63" />
            <source>Название компетенции длиннее 300 символов.</source>
            <translation>The competency name is longer than 300 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="126" />
            <source>Год листа должен быть числом от 2000 до 2100.</source>
            <translation>The list year must be a number from 2000 to 2100.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="36" />
            <source>Охрана труда и техника безопасности</source>
            <translation>Occupational health and safety</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="111" />
            <source>Инфраструктурный лист не найден.</source>
            <translation>Infrastructure list not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="61" />
            <source>Компетенция «{0}» не найдена. Есть: {1}.</source>
            <translation>Competency “{0}” not found. Available: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="90" />
            <source>Помещение с номером {0} не найдено.</source>
            <translation>Room number {0} not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="53" />
            <source>Укажите компетенцию (название, например «Лабораторный химический анализ»).</source>
            <translation>Give the competency (a name, e.g. “Laboratory chemical analysis”).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="73" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_common.py" line="50" />
            <source>Компетенция</source>
            <translation>Competency</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_checklist_sql.py" line="81" />
            <source>на ремонте</source>
            <translation>under repair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_checklist_sql.py" line="83" />
            <source>не введено в эксплуатацию</source>
            <translation>not commissioned</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_checklist_sql.py" line="85" />
            <source>списано</source>
            <translation>written off</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/_checklist_sql.py" line="87" />
            <source>истёк срок поверки</source>
            <translation>verification expired</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="74" />
            <source>У мастерской «{0}» нет инфраструктурного листа: импортируйте лист компетенции или выберите его в карточке мастерской.</source>
            <translation>Workshop “{0}” has no infrastructure list: import the competency's list or choose it in the workshop card.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/checklists.py" line="97" />
            <source>на 1 раб. место</source>
            <translation>per workplace</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/checklists.py" line="97" />
            <source>на всех</source>
            <translation>for everyone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/checklists.py" line="139" />
            <source>Ручная установка статуса требует комментария: объясните, почему статус отличается от рассчитанного.</source>
            <translation>Setting a status by hand needs a comment: explain why it differs from the calculated one.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/checklists.py" line="151" />
            <source>Строка чек-листа</source>
            <translation>Checklist line</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/checklists.py" line="109" />
            <source>{0} — вручную, без подтверждения</source>
            <translation>{0} — set by hand, unconfirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/checklists.py" line="111" />
            <source>{0} (вручную)</source>
            <translation>{0} (by hand)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/checklists.py" line="137" />
            <source>Неизвестный статус «{0}».</source>
            <translation>Unknown status “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/checklists.py" line="145" />
            <source>Статус «{0}» нельзя поставить вручную: в наличии {1} из {2} {3} (исправные привязанные позиции и договоры). Привяжите исправные позиции инвентаря или запишите договор безвозмездного пользования или аренды на недостающие {4}.</source>
            <translation>Status «{0}» cannot be set by hand: {1} of {2} {3} available (usable linked items and agreements). Link usable inventory items or record a loan or lease agreement for the missing {4}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="105" />
            <source>Дата договора</source>
            <translation>Agreement date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="115" />
            <source>Начало срока</source>
            <translation>Term start</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="116" />
            <source>Срок договора (по)</source>
            <translation>Agreement term (until)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="297" />
            <source>Дата приказа</source>
            <translation>Order date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="73" />
            <source>{0} № {1} от {2}</source>
            <translation>{0} No. {1} of {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="99" />
            <source>Укажите партнёра, предоставившего оборудование (организацию по договору).</source>
            <translation>Enter the partner lending the equipment (the organisation of the agreement).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="103" />
            <source>Укажите номер договора: без документа оборудование партнёра не подтверждает наличие.</source>
            <translation>Enter the agreement number: without a document a partner's equipment is no evidence.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="107" />
            <source>Укажите количество по договору.</source>
            <translation>Enter the quantity of the agreement.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="114" />
            <source>Количество по договору должно быть больше нуля.</source>
            <translation>The quantity of the agreement must be greater than zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="158" />
            <source>Договор</source>
            <translation>Agreement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="258" />
            <source>{0} г. (код КОД не указан)</source>
            <translation>{0} (no KOD code given)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="265" />
            <source>{0} — код КОД не указан</source>
            <translation>{0} — no KOD code given</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="296" />
            <source>Укажите номер приказа о создании комиссии.</source>
            <translation>Enter the number of the order appointing the commission.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="318" />
            <source>В комиссии не меньше трёх человек: председатель и члены комиссии.</source>
            <translation>A commission has at least three people: the chair and members.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="68" />
            <source>Договор безвозмездного пользования</source>
            <translation>Free-use (loan) agreement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="68" />
            <source>Договор аренды</source>
            <translation>Lease agreement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="197" />
            <source>не в помещениях мастерской</source>
            <translation>not in the workshop's rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="257" />
            <source>КОД {0} ({1} г.)</source>
            <translation>KOD {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="264" />
            <source>Инфраструктурный лист КОД {0} ({1} г.)</source>
            <translation>Infrastructure list KOD {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="270" />
            <source>Председатель комиссии</source>
            <translation>Commission chair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="270" />
            <source>Член комиссии</source>
            <translation>Commission member</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="271" />
            <source>Секретарь комиссии</source>
            <translation>Secretary of the commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="87" />
            <source>{0}: укажите дату.</source>
            <translation>{0}: enter a date.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="95" />
            <source>Вид договора «{0}» неизвестен: безвозмездное пользование (loan) или аренда (lease).</source>
            <translation>Unknown agreement kind «{0}»: free use (loan) or lease (lease).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="118" />
            <source>Срок договора ({0}) кончается раньше его даты ({1}).</source>
            <translation>The agreement's term ({0}) ends before its date ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="121" />
            <source>Начало срока ({0}) позже его конца ({1}).</source>
            <translation>The term's start ({0}) is after its end ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="265" />
            <source>Инфраструктурный лист {0} г.</source>
            <translation>Infrastructure list {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="315" />
            <source>В комиссии должен быть один председатель (сейчас {0}).</source>
            <translation>A commission has exactly one chair (now {0}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="324" />
            <source>У мастерской нет инфраструктурного листа: код КОД указать не к чему.</source>
            <translation>The workshop has no infrastructure list: there is nothing to give a KOD code to.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="84" />
            <source>{0}: «{1}» — не дата; введите дату как ДД.ММ.ГГГГ.</source>
            <translation>{0}: «{1}» is not a date; enter it as DD.MM.YYYY.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="111" />
            <source>Количество по договору «{0}» — не число.</source>
            <translation>The agreement's quantity «{0}» is not a number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="192" />
            <source>б/н ({0})</source>
            <translation>no number ({0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="209" />
            <source>{0}: {1}, по {2}</source>
            <translation>{0}: {1}, until {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="215" />
            <source>срок договора истёк {0}</source>
            <translation>agreement expired on {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="248" />
            <source>Код КОД «{0}» — {1} года, а лист — {2} года.</source>
            <translation>KOD code «{0}» is of {1}, but the list is of {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="306" />
            <source>Член комиссии {0}: укажите фамилию и инициалы.</source>
            <translation>Commission member {0}: enter the surname and initials.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="308" />
            <source>Член комиссии {0} ({1}): укажите должность.</source>
            <translation>Commission member {0} ({1}): enter the position.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="311" />
            <source>Член комиссии {0}: роль «{1}» неизвестна.</source>
            <translation>Commission member {0}: unknown role «{1}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="87" />
            <source>Название компетенции обязательно.</source>
            <translation>The competency name is required.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="187" />
            <source>Наименование позиции обязательно.</source>
            <translation>The item name is required.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="194" />
            <source>Количество должно быть числом больше нуля.</source>
            <translation>The quantity must be a number greater than zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="247" />
            <source>Позиция листа</source>
            <translation>List item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="154" />
            <source>Копия листа на {0} год: {1} позиций</source>
            <translation>Copy of the list for {0}: {1} items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="198" />
            <source>Неизвестная зона «{0}».</source>
            <translation>Unknown zone “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="218" />
            <source>Позиция № {0} в этом разделе уже есть. Укажите другой номер.</source>
            <translation>Item No. {0} already exists in this section. Give another number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="91" />
            <source>Компетенция «{0}» уже есть.</source>
            <translation>Competency “{0}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="123" />
            <source>Лист компетенции «{0}» на {1} год уже есть.</source>
            <translation>The list of competency “{0}” for {1} already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="139" />
            <source>Лист этой компетенции на {0} год уже есть.</source>
            <translation>This competency's list for {0} already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/infrastructure.py" line="165" />
            <source>Лист используется мастерскими: {0}. Сначала выберите для них другой лист.</source>
            <translation>The list is used by workshops: {0}. Choose another list for them first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/linking.py" line="82" />
            <source>Количество должно быть больше нуля.</source>
            <translation>The quantity must be greater than zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/linking.py" line="85" />
            <source>Позиция инвентаря</source>
            <translation>Inventory item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/linking.py" line="99" />
            <source>Связь</source>
            <translation>Link</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="110" />
            <source> и ещё {0}</source>
            <translation> and {0} more</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="111" />
            <source>Строгий режим: в листе {0} строк с ошибками ({1}{2}); ничего не импортировано.</source>
            <translation>Strict mode: the list has {0} rows with errors ({1}{2}); nothing imported.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="128" />
            <source>Импорт листа «{0}» ({1}): {2} позиций, пропущено {3}</source>
            <translation>Import of list “{0}” ({1}): {2} items, {3} skipped</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="186" />
            <source>В заголовке файла указана компетенция «{0}», а лист импортируется в «{1}». Проверьте, тот ли это файл.</source>
            <translation>The file header names competency “{0}”, but the list is imported into “{1}”. Check that it is the right file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="189" />
            <source>В заголовке файла указан {0} год, а лист импортируется как лист {1} года.</source>
            <translation>The file header says {0}, but the list is imported as the {1} list.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="116" />
            <source>Дефицитов нет: все позиции чек-листа выполнены.</source>
            <translation>No shortages: every checklist line is met.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="153" />
            <source>Дефицит по инфраструктурному листу компетенции «{0}» ({1} г.), мастерская «{2}», позиция № {3}: требуется {4}, в наличии {5}.</source>
            <translation>Shortage by the infrastructure list of competency “{0}” ({1}), workshop “{2}”, item No. {3}: required {4}, available {5}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="39" />
            <source>файл</source>
            <translation>file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="137" />
            <source>Фотография</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="156" />
            <source>Фото не найдено (возможно, удалено).</source>
            <translation>Photo not found (perhaps deleted).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="41" />
            <source>Файл «{0}» пуст.</source>
            <translation>File “{0}” is empty.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="43" />
            <source>Фото «{0}» слишком большое: {1:.1f} МБ при пределе {2} МБ. Уменьшите его (например, сохраните в JPEG с разрешением до 4000 точек).</source>
            <translation>Photo “{0}” is too large: {1:.1f} MB, the limit is {2} MB. Make it smaller (e.g. save as JPEG up to 4000 pixels).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="126" />
            <source>Строка чек-листа не найдена.</source>
            <translation>Checklist line not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="51" />
            <source>Файл «{0}» не является изображением PNG или JPEG. Выберите фотографию (.jpg, .png).</source>
            <translation>File “{0}” is not a PNG or JPEG image. Choose a photo (.jpg, .png).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="67" />
            <source>Изображение «{0}» слишком большое: {1}×{2} точек (предел {3} млн точек). Уменьшите его.</source>
            <translation>Image “{0}” is too large: {1}×{2} pixels (limit {3} million pixels). Make it smaller.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="74" />
            <source>Изображение «{0}» повреждено и не читается. Выберите другой файл.</source>
            <translation>Image “{0}” is damaged and cannot be read. Choose another file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="95" />
            <source>Файл «{0}» не открывается: {1}.</source>
            <translation>File “{0}” does not open: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/photos.py" line="72" />
            <source>Изображение «{0}» слишком большое по числу точек. Уменьшите его.</source>
            <translation>Image “{0}” has too many pixels. Make it smaller.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/workshop_records.py" line="64" />
            <source>Название мастерской обязательно.</source>
            <translation>The workshop name is required.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/workshop_records.py" line="70" />
            <source>Укажите хотя бы одно помещение мастерской.</source>
            <translation>Give at least one room of the workshop.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/workshop_records.py" line="89" />
            <source>Выбранный лист не относится к компетенции мастерской.</source>
            <translation>The chosen list is not of the workshop's competency.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/workshop_records.py" line="101" />
            <source>Название мастерской длиннее 300 символов.</source>
            <translation>The workshop name is longer than 300 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/workshop_records.py" line="56" />
            <source>Число рабочих мест должно быть от 1 до {0} (указано {1}).</source>
            <translation>The number of workplaces must be from 1 to {0} (given {1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/workshop_records.py" line="78" />
            <source>Мастерская «{0}» уже есть.</source>
            <translation>Workshop “{0}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/workshop_records.py" line="53" />
            <source>Число рабочих мест должно быть целым числом от 1 до {0}.</source>
            <translation>The number of workplaces must be a whole number from 1 to {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="164" />
            <source>позиция инвентаря применена к другой строке</source>
            <translation>the item is applied to another line</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="177" />
            <source>Предложение применено сопоставлением</source>
            <translation>Proposal applied by the matching</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="166" />
            <source>позиция больше не свободна (списана, перемещена или уже учтена)</source>
            <translation>the item is no longer free (written off, moved or already counted)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="84" />
            <source>Сопоставление с инвентарём: применено {0}, предложено {1}, снято предложений {2}</source>
            <translation>Matching with the inventory: {0} applied, {1} proposed, {2} proposals dropped</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="168" />
            <source>статус строки установлен вручную</source>
            <translation>the line's status is set by hand</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="90" />
            <source>Сопоставление «{0}»</source>
            <translation>Matching «{0}»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="113" />
            <source>было предложено</source>
            <translation>was proposed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/auto_match.py" line="170" />
            <source>строка уже закрыта применёнными связями</source>
            <translation>the line is already covered by applied links</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/evidence.py" line="244" />
            <source>Код КОД «{0}» не по образцу «КОД 18.02.12-1-2026» (код специальности или профессии, номер комплекта оценочной документации, год).</source>
            <translation>The KOD code «{0}» does not follow the pattern «КОД 18.02.12-1-2026» (the code of the specialty or profession, the number of the assessment documentation set, the year).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/linking.py" line="192" />
            <source>Подтверждены предложения сопоставления: {0} (связи № {1})</source>
            <translation>Matching proposals confirmed: {0} (links No. {1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/linking.py" line="195" />
            <source>Подтверждение предложений «{0}»: {1}</source>
            <translation>Confirmation of proposals «{0}»: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/linking.py" line="156" />
            <source>разные признаки: {0} ↔ {1}</source>
            <translation>differing attributes: {0} ↔ {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/linking.py" line="159" />
            <source>слабое совпадение: {0} &lt; {1}</source>
            <translation>weak match: {0} &lt; {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="87" />
            <source>изменений в существующих данных нет</source>
            <translation>no change to existing data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="167" />
            <source>Импорт листа «{0}» ({1}) из «{2}»</source>
            <translation>Import of the list «{0}» ({1}) from «{2}»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="74" />
            <source>строк листа будет удалено: {0}</source>
            <translation>list lines to be removed: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="76" />
            <source>изменено: {0}</source>
            <translation>changed: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="78" />
            <source>добавлено: {0}</source>
            <translation>added: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="81" />
            <source>мастерских, теряющих связи с инвентарём: {0} (связей: {1})</source>
            <translation>workshops losing links to the inventory: {0} ({1} links)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/list_import.py" line="85" />
            <source>готовность «{0}»: {1} % → {2} %</source>
            <translation>readiness of «{0}»: {1} % → {2} %</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="173" />
            <source>потребность № {0} уже в работе у закупок («{1}»)</source>
            <translation>need No. {0} is already with procurement («{1}»)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="117" />
            <source>Ни одна строка не выбрана.</source>
            <translation>No line is selected.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="166" />
            <source>потребность № {0} уже создана, количество то же</source>
            <translation>need No. {0} already exists with the same quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="160" />
            <source>было {0}</source>
            <translation>was {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="129" />
            <source>Дефициты «{0}» → закупки: создано {1}, обновлено {2}</source>
            <translation>Gaps of «{0}» → procurement: {1} created, {2} updated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="132" />
            <source>Дефициты → закупки «{0}»: создано {1}, обновлено {2}</source>
            <translation>Gaps → procurement «{0}»: {1} created, {2} updated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="170" />
            <source>Импорт листа</source>
            <translation>List import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="170" />
            <source>Сопоставление</source>
            <translation>Matching</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="171" />
            <source>Подтверждение предложений</source>
            <translation>Confirmation of proposals</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="171" />
            <source>Дефициты → закупки</source>
            <translation>Shortages → procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="201" />
            <source>Отменять нечего: массовых действий с аккредитацией, которые можно отменить, не было.</source>
            <translation>Nothing to undo: there has been no bulk accreditation action that can be undone.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="223" />
            <source>Отменено: {0} (восстановлено записей {1}, удалено {2})</source>
            <translation>Undone: {0} ({1} records restored, {2} removed)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="246" />
            <source>«{0}» нельзя отменить: на созданные потребности уже ссылаются записи закупок ({1}). Удалите их в «Закупках» или оставьте потребности.</source>
            <translation>«{0}» cannot be undone: procurement records already refer to the needs it created ({1}). Delete them in «Procurement» or keep the needs.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="302" />
            <source>Восстановлено отменой</source>
            <translation>Restored by an undo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="211" />
            <source>«{0}» нельзя отменить: после этого действия лист, чек-листы или потребности уже изменены (например, подтверждена связь или принято предложение). Отмена стёрла бы эти изменения.</source>
            <translation>«{0}» cannot be undone: the list, the checklists or the needs have changed since (a link confirmed or a proposal accepted, for example). Undoing would erase those changes.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="219" />
            <source>«{0}» нельзя отменить: на восстанавливаемые или удаляемые записи уже ссылаются другие данные. Ничего не изменено.</source>
            <translation>«{0}» cannot be undone: other data already refers to the records it would restore or remove. Nothing was changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/linking.py" line="179" />
            <source>Выбранные предложения ({0}) не относятся к мастерской «{1}» или уже не ждут подтверждения: обновите список (F5) и выберите снова.</source>
            <translation>The chosen proposals ({0}) do not belong to workshop «{1}» or no longer await confirmation: refresh the list (F5) and choose again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/needs.py" line="109" />
            <source>Выбранные строки чек-листа ({0}) не относятся к дефицитам мастерской «{1}» (уже выполнены или удалены): обновите список (F5) и выберите снова.</source>
            <translation>The chosen checklist lines ({0}) are not shortfalls of workshop «{1}» (met or deleted meanwhile): refresh the list (F5) and choose again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/restore_points.py" line="208" />
            <source>Это действие уже отменено (возможно, с другого компьютера): обновите список (F5).</source>
            <translation>This action has already been undone (perhaps from another computer): refresh the list (F5).</translation>
        </message>
    </context>
    <context>
        <name>AccreditationPage</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="45" />
            <source>Рабочее место участника</source>
            <translation>Participant's workplace</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="46" />
            <source>Расходные материалы</source>
            <translation>Consumables</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="47" />
            <source>Зона экспертов</source>
            <translation>Experts' zone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="48" />
            <source>Склад</source>
            <translation>Store</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="57" />
            <source>Выполнено</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="58" />
            <source>Частично</source>
            <translation>Partly</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="59" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="143" />
            <source>№</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="144" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="145" />
            <source>Зона</source>
            <translation>Zone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="146" />
            <source>Требуется</source>
            <translation>Required</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="147" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="148" />
            <source>В наличии</source>
            <translation>In stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="149" />
            <source>Статус</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="152" />
            <source>Фото</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="153" />
            <source>Характеристики</source>
            <translation>Specifications</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="154" />
            <source>Комментарий</source>
            <translation>Comment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="178" />
            <source>Статус:</source>
            <translation>Status:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="210" />
            <source>Мастерские</source>
            <translation>Workshops</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="200" />
            <source>Строка</source>
            <translation>Row</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="208" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="329" />
            <source>лист {0} года</source>
            <translation>{0} list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="49" />
            <source>Охрана труда и ТБ</source>
            <translation>Health and safety</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="150" />
            <source>Связей</source>
            <translation>Links</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="151" />
            <source>Предл.</source>
            <translation>Offers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="177" />
            <source>Зона:</source>
            <translation>Zone:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="180" />
            <source>Сопоставить</source>
            <translation>Match</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="182" />
            <source>Подтвердить все</source>
            <translation>Confirm all</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="184" />
            <source>Дефициты → закупки</source>
            <translation>Shortages → procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="189" />
            <source>Листы…</source>
            <translation>Lists…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="212" />
            <source>Карточка мастерской</source>
            <translation>Workshop card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="213" />
            <source>Удалить мастерскую</source>
            <translation>Delete workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_output.py" line="44" />
            <source>Экспорт чек-листа</source>
            <translation>Checklist export</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_output.py" line="65" />
            <source>Пакет аккредитации</source>
            <translation>Accreditation packet</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="163" />
            <source>Все зоны</source>
            <translation>All zones</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="164" />
            <source>Все статусы</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="193" />
            <source>Импорт листа</source>
            <translation>List import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="196" />
            <source>Пакет PDF</source>
            <translation>PDF packet</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="204" />
            <source>Excel</source>
            <translation>Excel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_output.py" line="31" />
            <source>Чек-лист в Excel</source>
            <translation>Checklist to Excel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_output.py" line="32" />
            <source>Книга Excel (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="235" />
            <source>рабочих мест: {0}</source>
            <translation>workplaces: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="333" />
            <source>Выполнено: {0}</source>
            <translation>Done: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="334" />
            <source>Частично: {0}</source>
            <translation>Partly: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="335" />
            <source>Не выполнено: {0}</source>
            <translation>Not done: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="336" />
            <source>Покрытие: {0}</source>
            <translation>Coverage: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="428" />
            <source>Не удалено</source>
            <translation>Not deleted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_output.py" line="56" />
            <source>Подготовка пакета…</source>
            <translation>Preparing the packet…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="85" />
            <source>Аккредитация мастерских</source>
            <translation>Workshop accreditation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="50" />
            <source>Общая инфраструктура</source>
            <translation>Shared infrastructure</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="211" />
            <source>Новая мастерская (Ctrl+N)</source>
            <translation>New workshop (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="313" />
            <source>Мастерская не выбрана</source>
            <translation>No workshop chosen</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="331" />
            <source>компетенция не выбрана</source>
            <translation>no competency chosen</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_output.py" line="62" />
            <source>Пакет аккредитации: {0}</source>
            <translation>Accreditation packet: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="56" />
            <source>Не выполненные и частично</source>
            <translation>Not met and partly met</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="60" />
            <source>Есть предложения сопоставления</source>
            <translation>There are matching proposals</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="61" />
            <source>Статус установлен вручную</source>
            <translation>Status set manually</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="329" />
            <source>листа нет — импортируйте (Ctrl+I)</source>
            <translation>no list — import it (Ctrl+I)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="201" />
            <source>Статус и комментарий выбранной строки (F2, Enter)</source>
            <translation>Status and comment of the selected line (F2, Enter)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="205" />
            <source>Чек-лист мастерской в Excel (Ctrl+E)</source>
            <translation>Workshop checklist to Excel (Ctrl+E)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="330" />
            <source>{0} · {1} · рабочих мест: {2} · {3}
Ответственный: {4}</source>
            <translation>{0} · {1} · workplaces: {2} · {3}
Responsible: {4}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="423" />
            <source>мастерскую «{0}» вместе с её чек-листом и фото</source>
            <translation>workshop “{0}” with its checklist and photos</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/acc_output.py" line="41" />
            <source>Чек-лист сохранён: {0} строк, {1}</source>
            <translation>Checklist saved: {0} rows, {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="181" />
            <source>Сопоставить лист с инвентарём помещений мастерской (Ctrl+M)</source>
            <translation>Match the list with the inventory of the workshop's rooms (Ctrl+M)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="183" />
            <source>Подтвердить все предложения сопоставления мастерской</source>
            <translation>Confirm all matching proposals of the workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="185" />
            <source>Создать потребности закупок по недостающим количествам</source>
            <translation>Create procurement needs for the missing quantities</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="190" />
            <source>Инфраструктурные листы компетенций: просмотр и правка</source>
            <translation>Competency infrastructure lists: view and edit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="197" />
            <source>Пакет аккредитации мастерской: предпросмотр и печать (Ctrl+P)</source>
            <translation>Workshop accreditation packet: preview and print (Ctrl+P)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="88" />
            <source>Нет мастерских. Создайте мастерскую (Ctrl+N) и импортируйте инфраструктурный лист (Ctrl+I).</source>
            <translation>No workshops. Create a workshop (Ctrl+N) and import the infrastructure list (Ctrl+I).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="73" />
            <source>Нет строк чек-листа. Импортируйте инфраструктурный лист компетенции (Ctrl+I) или выберите лист в карточке мастерской; при фильтре — измените зону или статус.</source>
            <translation>No checklist lines. Import the competency's infrastructure list (Ctrl+I) or choose a list in the workshop card; with a filter, change the zone or status.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="314" />
            <source>Создайте мастерскую (Ctrl+N): помещения, компетенция, число рабочих мест.</source>
            <translation>Create a workshop (Ctrl+N): rooms, competency, number of workplaces.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="242" />
            <source>{0}
Компетенция: {1}
Помещения: {2}
Выполнено {3} из {4} позиций, покрытие {5}</source>
            <translation>{0}
Competency: {1}
Rooms: {2}
{3} of {4} items met, coverage {5}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="62" />
            <source>Вручную, без подтверждения</source>
            <translation>By hand, unconfirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="149" />
            <source>Частично · вручную, без подтверждения</source>
            <translation>Partial · by hand, unconfirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="149" />
            <source>Не выполнено · вручную, без подтверждения</source>
            <translation>Not met · by hand, unconfirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="186" />
            <source>Отменить действие</source>
            <translation>Undo action</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="187" />
            <source>Отменить последний импорт листа, сопоставление, подтверждение или передачу дефицитов в закупки этой мастерской</source>
            <translation>Undo this workshop's latest list import, matching, confirmation or gaps handed to procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation_panes.py" line="165" />
            <source>Чек-лист</source>
            <translation>Checklist</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation_panes.py" line="166" />
            <source>Строки инфраструктурного листа мастерской</source>
            <translation>The lines of the workshop's infrastructure list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation_panes.py" line="167" />
            <source>Готовность</source>
            <translation>Readiness</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation_panes.py" line="168" />
            <source>Сведения о мастерской и готовность по зонам (щелчок по столбцу отбирает строки)</source>
            <translation>The workshop's particulars and its readiness by zone (a click on a bar filters the lines)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation_panes.py" line="172" />
            <source>Связи, статус, комментарий и фото выбранной строки</source>
            <translation>The selected line's links, status, comment and photos</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../../chemcluster_desktop/app.py" line="+210" />
            <source>База данных не открыта</source>
            <translation>No database open</translation>
        </message>
        <message>
            <location line="+13" />
            <source>chemcluster: не удалось загрузить Qt ({0}). Нужна 64-разрядная Windows 10 (1809 или новее) или Windows 11 и «Распространяемый пакет Visual C++ 2015–2022 x64» (https://aka.ms/vs/17/release/vc_redist.x64.exe); либо установите программу установщиком ChemCluster-Setup.</source>
            <translation>chemcluster: Qt could not be loaded ({0}). It needs 64-bit Windows 10 (1809 or later) or Windows 11 and the «Visual C++ 2015–2022 Redistributable x64» (https://aka.ms/vs/17/release/vc_redist.x64.exe); or install the program with the ChemCluster-Setup installer.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>chemcluster: не удалось загрузить Qt ({0}). Окну программы нужны системные библиотеки Qt; на Debian/Ubuntu установите их:
  sudo apt-get install {1}
Команды без окна (например «chemcluster stats --json») работают и без них.</source>
            <translation>chemcluster: Qt could not be loaded ({0}). The program window needs Qt's system libraries; on Debian/Ubuntu install them:
  sudo apt-get install {1}
Commands without a window (e.g. «chemcluster stats --json») work without them.</translation>
        </message>
    </context>
    <context>
        <name>Audit</name>
        <message>
            <location filename="../../chemcluster_desktop/services/audit.py" line="+169" />
            <source>изменён</source>
            <translation>changed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/audit.py" line="305" />
            <source>Журнал: запись № {0} записана в обход программы (нет отметки цепочки).</source>
            <translation>Journal: entry № {0} was written around the program (it has no chain mark).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/audit.py" line="318" />
            <source>Журнал: и ещё {0} нарушений цепочки.</source>
            <translation>Journal: and {0} more breaks of the chain.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/audit.py" line="295" />
            <source>Журнал не защищён: нет триггера {0}, запрещающего изменять и удалять записи (его удалили в обход программы).</source>
            <translation>The journal is not protected: the trigger {0} that refuses changing and deleting entries is missing (it was removed around the program).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/audit.py" line="307" />
            <source>Журнал: перед записью № {0} удалены записи (после записи № {1}).</source>
            <translation>Journal: entries were deleted before entry № {0} (after entry № {1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/audit.py" line="309" />
            <source>Журнал: удалены записи до записи № {0} (она уже не первая в цепочке).</source>
            <translation>Journal: entries were deleted before entry № {0} (it is no longer the first in the chain).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/audit.py" line="311" />
            <source>Журнал: запись № {0} изменена после того, как была сделана.</source>
            <translation>Journal: entry № {0} was changed after it was made.</translation>
        </message>
    </context>
    <context>
        <name>Backup</name>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="217" />
            <source>Для резервной копии базы PostgreSQL нужна программа pg_dump. Установите клиент PostgreSQL или сделайте копию средствами сервера.</source>
            <translation>Backing up a PostgreSQL database needs pg_dump. Install the PostgreSQL client or back up on the server.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="520" />
            <source>Восстановление базы PostgreSQL выполняется на сервере.</source>
            <translation>A PostgreSQL database is restored on the server.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="136" />
            <source>Резервная копия «{0}» не прошла проверку целостности: {1}</source>
            <translation>Backup “{0}” failed the integrity check: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="225" />
            <source>pg_dump завершился с ошибкой: {0}</source>
            <translation>pg_dump failed: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="245" />
            <source>Резервная копия «{0}» не прошла проверку: {1}</source>
            <translation>Backup “{0}” failed the check: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="132" />
            <source>Резервная копия «{0}» не читается: {1}</source>
            <translation>Backup “{0}” cannot be read: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="239" />
            <source>Файл «{0}» не является копией pg_dump.</source>
            <translation>File “{0}” is not a pg_dump archive.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="124" />
            <source>Файл «{0}» не является резервной копией базы ChemCluster.</source>
            <translation>File “{0}” is not a ChemCluster backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="484" />
            <source>pg_restore завершился с ошибкой; база не изменена: {0}</source>
            <translation>pg_restore failed; the database was not changed: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="469" />
            <source>Для восстановления базы PostgreSQL нужна программа pg_restore. Установите клиент PostgreSQL. База не изменена.</source>
            <translation>Restoring a PostgreSQL database needs pg_restore. Install the PostgreSQL client. The database is unchanged.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="162" />
            <source>на диске нет места</source>
            <translation>the disk is full</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="367" />
            <source> Прежняя база сохранена в «{0}».</source>
            <translation> The previous database is kept in «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="394" />
            <source>Другая программа слишком долго сохраняет изменения в эту базу; восстановление не начато, база не изменена. Повторите через минуту.</source>
            <translation>Another program has been saving into this database for too long; the restore was not started, the database is unchanged. Try again in a minute.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="357" />
            <source>Файл «{0}» — база данных SQLite, но не резервная копия ChemCluster (в нём нет таблиц программы). База не изменена.</source>
            <translation>«{0}» is an SQLite database but not a ChemCluster backup (it lacks the program's tables). The database is unchanged.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="361" />
            <source>Резервная копия «{0}» сделана более новой версией программы (схема {1}): эта версия не сможет её открыть. Обновите ChemCluster Desktop. База не изменена.</source>
            <translation>The backup «{0}» was made by a newer version of the program (schema {1}): this version cannot open it. Update ChemCluster Desktop. The database is unchanged.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="384" />
            <source>Файл резервной копии «{0}» не найден. База не изменена.</source>
            <translation>The backup file «{0}» was not found. The database is unchanged.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="95" />
            <source>Папку резервных копий «{0}» нельзя создать: {1}. Освободите место или укажите файл копии (-o ФАЙЛ) в другой папке.</source>
            <translation>The backups folder «{0}» cannot be created: {1}. Free some space or give a backup file (-o FILE) in another folder.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="163" />
            <source>Резервная копия «{0}» не записана: {1}. Исходная база не изменена; укажите другую папку или освободите место.</source>
            <translation>The backup «{0}» was not written: {1}. The database itself is unchanged; choose another folder or free some space.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="353" />
            <source>Резервная копия «{0}» не читается: {1}. База не изменена.</source>
            <translation>The backup «{0}» cannot be read: {1}. The database is unchanged.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="405" />
            <source>Восстановление не удалось: {0}.</source>
            <translation>The restore failed: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="406" />
            <source>Восстановление не выполнено: {0}. База не изменена.</source>
            <translation>The restore was not done: {0}. The database is unchanged.</translation>
        </message>
    </context>
    <context>
        <name>BackupDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="71" />
            <source>Резервная копия</source>
            <translation>Backup</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="169" />
            <source>Восстановление базы данных</source>
            <translation>Database restore</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="176" />
            <source>Восстановить</source>
            <translation>Restore</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="177" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="53" />
            <source>{0} КБ</source>
            <translation>{0} KB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="63" />
            <source>Создание резервной копии…</source>
            <translation>Creating backup…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="82" />
            <source>База данных SQLite (*.sqlite3 *.db);;Все файлы (*)</source>
            <translation>SQLite database (*.sqlite3 *.db);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="85" />
            <source>Архив pg_dump (*.pgdump);;Все файлы (*)</source>
            <translation>pg_dump archive (*.pgdump);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="86" />
            <source>Сохранить резервную копию</source>
            <translation>Save backup</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="91" />
            <source>Нельзя записать копию поверх открытой базы данных. Выберите другой файл.</source>
            <translation>A backup cannot overwrite the open database. Choose another file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="102" />
            <source>Восстановление из резервной копии</source>
            <translation>Restore from backup</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="106" />
            <source>Выберите резервную копию. Текущая база данных перед восстановлением будет сохранена как отдельная копия, так что этот шаг можно отменить.</source>
            <translation>Choose a backup. The current database is saved as a separate copy before the restore, so this step can be undone.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="140" />
            <source>Выбрать файл…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="161" />
            <source>Файл резервной копии</source>
            <translation>Backup file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="186" />
            <source>Восстанавливать базу из копии может только администратор.</source>
            <translation>Only an administrator can restore a backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="192" />
            <source>Восстановление базы данных…</source>
            <translation>Restoring the database…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="43" />
            <source>вручную</source>
            <translation>manual</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="44" />
            <source>ежедневная</source>
            <translation>daily</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="45" />
            <source>перед обновлением схемы</source>
            <translation>before schema upgrade</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="46" />
            <source>перед восстановлением</source>
            <translation>before restore</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="52" />
            <source>{0} МБ</source>
            <translation>{0} MB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="114" />
            <source>Дата и время</source>
            <translation>Date and time</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="114" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="114" />
            <source>Размер</source>
            <translation>Size</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="114" />
            <source>Файл</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="170" />
            <source>Заменить текущую базу данных копией «{0}»?

Всё, что внесено после создания этой копии, пропадёт из рабочей базы. Текущая база перед заменой будет сохранена как отдельная копия в папке резервных копий.</source>
            <translation>Replace the current database with the backup “{0}”?

Everything entered after that backup was made will disappear from the working database. The current database is saved as a separate copy in the backups folder first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="212" />
            <source>Базу PostgreSQL восстанавливают на сервере программой pg_restore.</source>
            <translation>A PostgreSQL database is restored on the server with pg_restore.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="69" />
            <source>Резервная копия записана и проверена:
{0}</source>
            <translation>Backup written and verified:
{0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="132" />
            <source>Резервных копий в папке {0} пока нет. Выберите файл копии вручную.</source>
            <translation>There are no backups in {0} yet. Choose a backup file yourself.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="198" />
            <source>База восстановлена из «{0}».
Прежняя база сохранена: {1}</source>
            <translation>The database was restored from “{0}”.
The previous database was kept: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="67" />
            <source>Резервная копия записана: {0}</source>
            <translation>Backup written: {0}</translation>
        </message>
    </context>
    <context>
        <name>ChecklistDetails</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="141" />
            <source>Добавить…</source>
            <translation>Add…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="197" />
            <source>Статус</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="217" />
            <source>Комментарий</source>
            <translation>Comment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="178" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="435" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="496" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="61" />
            <source>Выполнено</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="61" />
            <source>Частично</source>
            <translation>Partly</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="123" />
            <source>Позиция</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="123" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="119" />
            <source>Позиции инвентаря</source>
            <translation>Inventory items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="136" />
            <source>Подтвердить</source>
            <translation>Confirm</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="139" />
            <source>Отклонить</source>
            <translation>Reject</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="188" />
            <source>Статус вручную</source>
            <translation>Manual status</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="202" />
            <source>Обоснование *</source>
            <translation>Justification *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="209" />
            <source>Применить статус</source>
            <translation>Apply status</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="229" />
            <source>Фото-подтверждения</source>
            <translation>Photo evidence</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="239" />
            <source>Добавить фото…</source>
            <translation>Add photo…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="53" />
            <source>подтверждено</source>
            <translation>confirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="54" />
            <source>автоматически</source>
            <translation>automatically</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="55" />
            <source>предложение</source>
            <translation>offer</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="56" />
            <source>отклонено</source>
            <translation>rejected</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="123" />
            <source>Связь</source>
            <translation>Link</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="539" />
            <source>Фото-подтверждение</source>
            <translation>Photo evidence</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="560" />
            <source>Удалить фото «{0}»?</source>
            <translation>Delete photo “{0}”?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="223" />
            <source>Сохранить комментарий</source>
            <translation>Save comment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="540" />
            <source>Изображения (*.jpg *.jpeg *.png)</source>
            <translation>Images (*.jpg *.jpeg *.png)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="143" />
            <source>Связать позицию инвентаря из помещений мастерской</source>
            <translation>Link an inventory item from the workshop's rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="194" />
            <source>Рассчитывается автоматически</source>
            <translation>Calculated automatically</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="288" />
            <source>Характеристики не указаны</source>
            <translation>No specifications given</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="290" />
            <source> (на 1 рабочее место × число мест)</source>
            <translation> (per workplace × number of places)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="310" />
            <source>Статус установлен вручную</source>
            <translation>Status set manually</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="200" />
            <source>Почему статус отличается от рассчитанного (обязательно)</source>
            <translation>Why the status differs from the calculated one (required)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="354" />
            <source>Нет связанных позиций. Нажмите «Сопоставить» или «Добавить…».</source>
            <translation>No linked items. Press “Match” or “Add…”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="422" />
            <source>Напишите обоснование: без него статус вручную не сохраняется.</source>
            <translation>Write a justification: a manual status is not saved without one.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="84" />
            <source>Выберите строку чек-листа, чтобы увидеть связанные позиции инвентаря, статус, комментарий и фото.</source>
            <translation>Choose a checklist line to see the linked inventory items, status, comment and photos.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="157" />
            <source>Договоры пользования и аренды</source>
            <translation>Loan and lease agreements</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="174" />
            <source>Записать договор…</source>
            <translation>Record an agreement…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="176" />
            <source>Оборудование партнёра по договору безвозмездного пользования или аренды на недостающее количество</source>
            <translation>A partner's equipment under a loan or lease agreement for the missing quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="307" />
            <source>Статус установлен вручную, но не подтверждён: исправных позиций и договоров недостаточно. Он не учитывается в готовности.</source>
            <translation>The status was set by hand but is unconfirmed: usable items and agreements are not enough. It does not count in readiness.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="162" />
            <source>Договор</source>
            <translation>Agreement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="162" />
            <source>Срок по</source>
            <translation>Until</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="312" />
            <source>Статус рассчитан по количеству исправных позиций и договоров</source>
            <translation>The status is computed from the quantities of usable items and agreements</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="291" />
            <source>Требуется {0} {1}{2}; в наличии {3} (исправные позиции {4}, по договорам {5})</source>
            <translation>Required {0} {1}{2}; available {3} (usable items {4}, by agreements {5})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="497" />
            <source>Удалить «{0}»? Его количество перестанет учитываться.</source>
            <translation>Delete «{0}»? Its quantity will stop counting.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="303" />
            <source>«{0}» — вручную, без подтверждения: не учитывается в готовности. Привяжите исправные позиции или запишите договор на недостающее.</source>
            <translation>«{0}» was set by hand without evidence: it does not count in readiness. Link usable items or record an agreement for what is missing.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="334" />
            <source>(не учитывается: {0})</source>
            <translation>(not counted: {0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="374" />
            <source>(истёк)</source>
            <translation>(expired)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/checklist_details.py" line="299" />
            <source>(вручную)</source>
            <translation>(by hand)</translation>
        </message>
    </context>
    <context>
        <name>Cli</name>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="75" />
            <source>ChemCluster Desktop: инвентарь, аккредитация, расписание, закупки и отчёты кластера «Химический потенциал». Без команды открывает окно программы.</source>
            <translation>ChemCluster Desktop: inventory, accreditation, timetable, procurement and reports of the “Chemical Potential” cluster. Without a command it opens the program window.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="63" />
            <source>файл SQLite или адрес SQLAlchemy (postgresql+psycopg://…); по умолчанию $CHEMCLUSTER_DB или файл в папке данных пользователя</source>
            <translation>SQLite file or SQLAlchemy URL (postgresql+psycopg://…); default $CHEMCLUSTER_DB or a file in the user's data folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="65" />
            <source>язык интерфейса (ru по умолчанию)</source>
            <translation>interface language (ru by default)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="66" />
            <source>логин пользователя (или $CHEMCLUSTER_USER); пароль из $CHEMCLUSTER_PASSWORD или запрашивается</source>
            <translation>user login (or $CHEMCLUSTER_USER); password from $CHEMCLUSTER_PASSWORD or asked for</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="81" />
            <source>создать базу данных или обновить её схему</source>
            <translation>create the database or upgrade its schema</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="83" />
            <source>загрузить демо-данные в пустую базу</source>
            <translation>load demo data into an empty database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="85" />
            <source>проверка целостности и схемы базы</source>
            <translation>integrity and schema check of the database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="88" />
            <source>количество записей каждого вида</source>
            <translation>counts of every kind of record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="91" />
            <source>согласованная копия базы данных</source>
            <translation>consistent copy of the database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="94" />
            <source>заменить базу резервной копией (старая сохраняется)</source>
            <translation>replace the database with a backup (keeps the old one)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="97" />
            <source>пользователи</source>
            <translation>users</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="99" />
            <source>добавить пользователя</source>
            <translation>add a user</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="104" />
            <source>взять пароль нового пользователя из переменной окружения VAR</source>
            <translation>take the new user's password from environment variable VAR</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="106" />
            <source>список пользователей</source>
            <translation>list users</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="109" />
            <source>задать пароль пользователя</source>
            <translation>set a user's password</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="174" />
            <source>без входа</source>
            <translation>not logged in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="244" />
            <source>прервано</source>
            <translation>interrupted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="289" />
            <source>База данных готова: {0} (схема {1})</source>
            <translation>Database ready: {0} (schema {1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="297" />
            <source>Демо-данные загружены: {0} позиций инвентаря, {1} мастерских, {2} школ, {3} потребностей.</source>
            <translation>Demo data loaded: {0} inventory items, {1} workshops, {2} schools, {3} needs.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="314" />
            <source>Проверка пройдена.</source>
            <translation>Check passed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="335" />
            <source>Резервная копия записана и проверена: {0}</source>
            <translation>Backup written and verified: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="344" />
            <source>База восстановлена из «{0}». Прежняя база сохранена: {1}</source>
            <translation>The database was restored from “{0}”. The previous database was kept: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="353" />
            <source>Пользователь «{0}» добавлен (роль {1}, id {2}).</source>
            <translation>User “{0}” added (role {1}, id {2}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="384" />
            <source>Пароль пользователя «{0}» изменён.</source>
            <translation>Password of user “{0}” changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="309" />
            <source>База данных: {0} ({1})</source>
            <translation>Database: {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="310" />
            <source>Схема: {0} (актуальная {1})</source>
            <translation>Schema: {0} (current {1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="311" />
            <source>Целостность: {0}</source>
            <translation>Integrity: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="382" />
            <source>Новый пароль для {0}: </source>
            <translation>New password for {0}: </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="241" />
            <source>строка</source>
            <translation>row</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="314" />
            <source>Найдены проблемы: {0}.</source>
            <translation>Problems found: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="169" />
            <source>Пароль для {0}: </source>
            <translation>Password for {0}: </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="168" />
            <source>Нужен пароль пользователя «{0}»: задайте CHEMCLUSTER_PASSWORD.</source>
            <translation>User “{0}” needs a password: set CHEMCLUSTER_PASSWORD.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="24" />
            <source>куда записать PDF</source>
            <translation>where to write the PDF</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="21" />
            <source>сформировать документ PDF: </source>
            <translation>make a PDF document: </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="58" />
            <source>{0}: {1} (страниц: {2})</source>
            <translation>{0}: {1} (pages: {2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="38" />
            <source>Папка «{0}» не существует: укажите существующую папку для файла PDF.</source>
            <translation>Folder “{0}” does not exist: choose an existing folder for the PDF file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="43" />
            <source>В папку «{0}» нельзя записать файл: нет прав.</source>
            <translation>Cannot write to folder “{0}”: no permission.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="49" />
            <source>Документ «{0}» пока недоступен в этой версии программы ({1}).</source>
            <translation>Document “{0}” is not available in this version of the program yet ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="57" />
            <source>Не удалось записать файл «{0}»: {1}</source>
            <translation>Could not write file “{0}”: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/procurement.py" line="+30" />
            <source>закупки: НМЦК, бюджет, план-график, поставки</source>
            <translation>procurement: initial max. price, budget, schedule, deliveries</translation>
        </message>
        <message>
            <location line="+5" />
            <source>номер (id) потребности</source>
            <translation>need number (id)</translation>
        </message>
        <message>
            <location line="+27" />
            <source>бюджет по источникам: лимит, план, контракты, оплата, остаток</source>
            <translation>budget by source: limit, plan, contracts, payments, balance</translation>
        </message>
        <message>
            <location line="+4" />
            <source>список потребностей</source>
            <translation>list of needs</translation>
        </message>
        <message>
            <location line="+1" />
            <source>статус (need, in_plan, price_justified, …)</source>
            <translation>status (need, in_plan, price_justified, …)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>строки плана-графика со статусами</source>
            <translation>procurement schedule lines with statuses</translation>
        </message>
        <message>
            <location line="+4" />
            <source>следующий шаг строки плана-графика</source>
            <translation>next step of a procurement schedule line</translation>
        </message>
        <message>
            <location line="-30" />
            <location line="+31" />
            <source>номер строки (ПГ-2026-001) или её id</source>
            <translation>line number (ПГ-2026-001) or its id</translation>
        </message>
        <message>
            <location line="-43" />
            <source>обоснование НМЦК методом сопоставимых рыночных цен</source>
            <translation>justification of the initial maximum price by comparable market prices</translation>
        </message>
        <message>
            <location line="+3" />
            <source>строка плана-графика: вся закупка</source>
            <translation>plan-schedule line: the whole purchase</translation>
        </message>
        <message>
            <location line="+4" />
            <source>сроки поставки и оплаты по контрактам: наступающие и просроченные</source>
            <translation>contract delivery and payment deadlines: coming and overdue</translation>
        </message>
        <message>
            <location line="+4" />
            <source>записать запрос цен, направленный поставщику</source>
            <translation>record a request for prices sent to a supplier</translation>
        </message>
        <message>
            <location line="+2" />
            <source>поставщик: название или ИНН</source>
            <translation>supplier: name or INN</translation>
        </message>
        <message>
            <location line="+1" />
            <source>дата отправки, ГГГГ-ММ-ДД</source>
            <translation>date sent, YYYY-MM-DD</translation>
        </message>
        <message>
            <location line="+1" />
            <source>исходящий номер</source>
            <translation>outgoing number</translation>
        </message>
        <message>
            <location line="+3" />
            <source>настройки закупок: методика НМЦК, ИКУ, КПП, КВР, срок оплаты</source>
            <translation>procurement settings: price methodology, customer code, KPP, expenditure type, payment term</translation>
        </message>
        <message>
            <location line="+1" />
            <source>методика обоснования НМЦК (печатается в обосновании)</source>
            <translation>price justification methodology (printed in the justification)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>идентификационный код заказчика, 20 цифр</source>
            <translation>customer identification code, 20 digits</translation>
        </message>
        <message>
            <location line="+1" />
            <source>КПП колледжа</source>
            <translation>the college's KPP</translation>
        </message>
        <message>
            <location line="+1" />
            <source>код вида расходов (разряды 34–36 ИКЗ)</source>
            <translation>expenditure type code (digits 34–36 of the purchase code)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>срок оплаты после приёмки, рабочих дней</source>
            <translation>payment term after acceptance, working days</translation>
        </message>
        <message>
            <location line="+2" />
            <source>совокупный годовой объём закупок (СГОЗ) для лимитов ст. 93, ₽</source>
            <translation>total annual volume of purchases (SGOZ) for the art. 93 limits, ₽</translation>
        </message>
        <message>
            <location line="+19" />
            <source>новый статус: </source>
            <translation>new status: </translation>
        </message>
        <message>
            <location line="+5" />
            <source>принять поставку и поставить оборудование на учёт</source>
            <translation>accept a delivery and put the equipment on record</translation>
        </message>
        <message>
            <location line="+3" />
            <source>как поставить строку поставки на учёт (по умолчанию — по порогу малоценного имущества из настроек); повторяется</source>
            <translation>how a delivery line goes on the inventory (by default from the low-value threshold of the settings); repeatable</translation>
        </message>
        <message>
            <location line="+4" />
            <source>добавить поставщика (ИНН проверяется по контрольным цифрам)</source>
            <translation>add a supplier (the INN check digits are verified)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>экспорт в Excel</source>
            <translation>export to Excel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>план-график закупок в .xlsx</source>
            <translation>procurement schedule to .xlsx</translation>
        </message>
        <message>
            <location line="+2" />
            <source>только один источник финансирования (код: federal, regional, employer, own)</source>
            <translation>only one funding source (code: federal, regional, employer, own)</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Потребность № {0}: {1}, {2} {3}</source>
            <translation>Need No. {0}: {1}, {2} {3}</translation>
        </message>
        <message>
            <location line="+2" />
            <source> (старше 6 мес.)</source>
            <translation> (older than 6 months)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Средняя цена: {0} ₽; σ: {1} ₽; коэффициент вариации: {2} %</source>
            <translation>Mean price: {0} ₽; σ: {1} ₽; coefficient of variation: {2} %</translation>
        </message>
        <message>
            <location line="+2" />
            <source>НМЦК: {0} ₽</source>
            <translation>Initial max. price: {0} ₽</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Строка {0}: {1} ({2}, {3})</source>
            <translation>Line {0}: {1} ({2}, {3})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ИКЗ: {0}; цена обоснована: {1}</source>
            <translation>Purchase code: {0}; price justified: {1}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>НМЦК закупки: {0} ₽</source>
            <translation>Initial maximum price of the purchase: {0} ₽</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Запросов цен: {0}, ответили: {1}</source>
            <translation>Requests for prices: {0}, replied: {1}</translation>
        </message>
        <message>
            <location line="+33" />
            <source>поставка</source>
            <translation>delivery</translation>
        </message>
        <message>
            <location line="+0" />
            <source>оплата</source>
            <translation>payment</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ПРОСРОЧЕНО</source>
            <translation>OVERDUE</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Открытых сроков по контрактам нет.</source>
            <translation>No open contract deadlines.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Дата «{0}»: нужен формат ГГГГ-ММ-ДД.</source>
            <translation>Date «{0}»: use the format YYYY-MM-DD.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Поставщик «{0}» не найден (название или ИНН).</source>
            <translation>Supplier «{0}» not found (name or INN).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Запрос цен записан: {0}, исх. {1} от {2}.</source>
            <translation>Request for prices recorded: {0}, ref. {1} of {2}.</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Источник</source>
            <translation>Source</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Лимит</source>
            <translation>Limit</translation>
        </message>
        <message>
            <location line="+0" />
            <source>План</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Контракты</source>
            <translation>Contracts</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Оплачено</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Остаток</source>
            <translation>Balance</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Стоимость проекта {0} ₽, предельный грант {1} ₽.</source>
            <translation>Project cost {0} ₽, maximum grant {1} ₽.</translation>
        </message>
        <message>
            <location line="+45" />
            <source>План-график ({0})</source>
            <translation>Plan-schedule ({0})</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Не состоялись / отменены (в итог не входят):</source>
            <translation>Failed / cancelled (not in the total):</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Закупки малого объёма за {0} год (ст. 93 44-ФЗ):</source>
            <translation>Small purchases in {0} (Art. 93 of 44-FZ):</translation>
        </message>
        <message>
            <location line="+2" />
            <source> — ПРЕВЫШЕН</source>
            <translation> — EXCEEDED</translation>
        </message>
        <message>
            <location line="+0" />
            <source> — близко к пределу</source>
            <translation> — close to the limit</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Строка плана-графика «{0}» не найдена.</source>
            <translation>Procurement schedule line “{0}” not found.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Строка {0}: {1}</source>
            <translation>Row {0}: {1}</translation>
        </message>
        <message>
            <location line="+13" />
            <source>--line-kind «{0}»: нужен вид ID=unit|group|consumable.</source>
            <translation>--line-kind «{0}»: the form is ID=unit|group|consumable.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Поставка принята: на учёт поставлено {0} ед. оборудования.</source>
            <translation>Delivery accepted: {0} units of equipment put on record.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Поставщик «{0}» добавлен (id {1}).</source>
            <translation>Supplier “{0}” added (id {1}).</translation>
        </message>
        <message>
            <location line="+9" />
            <source>План-график выгружен: {0} (строк: {1})</source>
            <translation>Procurement schedule exported: {0} ({1} lines)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="366" />
            <source> (вход запрещён)</source>
            <translation> (log-in disabled)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="24" />
            <source>показатели проекта</source>
            <translation>project indicators</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="48" />
            <source>участники кластера</source>
            <translation>cluster participants</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="51" />
            <source>направления обучения</source>
            <translation>training directions</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="22" />
            <source>импорт из Excel (.xlsx)</source>
            <translation>import from Excel (.xlsx)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="37" />
            <source>выгрузка в Excel (.xlsx)</source>
            <translation>export to Excel (.xlsx)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="27" />
            <source>итог одним объектом JSON</source>
            <translation>result as one JSON object</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="118" />
            <source>Созданы помещения</source>
            <translation>Rooms created</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="72" />
            <source>строка {0}: {1}</source>
            <translation>row {0}: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="112" />
            <source>запретить вход пользователю</source>
            <translation>disable a user's log-in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="118" />
            <source>сменить роль пользователя</source>
            <translation>change a user's role</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="401" />
            <source>Роль пользователя «{0}»: {1}.</source>
            <translation>Role of user “{0}”: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="139" />
            <source>Охват учащихся 8-х классов: {0}</source>
            <translation>8th-grade pupils reached: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="40" />
            <source>только позиции этого помещения</source>
            <translation>only items of this room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="43" />
            <source>включить списанные позиции</source>
            <translation>include written-off items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="121" />
            <source>ничего не импортировано</source>
            <translation>nothing imported</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="118" />
            <source>Будут созданы помещения</source>
            <translation>Rooms to be created</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="141" />
            <source>Выгружено позиций: {0} → {1}</source>
            <translation>Items exported: {0} → {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="134" />
            <source>Помещение «{0}» не найдено.</source>
            <translation>Room “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="115" />
            <source>снова разрешить вход пользователю</source>
            <translation>allow a user to log in again</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="122" />
            <source>журнал изменений (кто, когда, что изменил)</source>
            <translation>change journal (who changed what and when)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="393" />
            <source>Пользователю «{0}» вход запрещён.</source>
            <translation>User “{0}” may not log in.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="40" />
            <source>удалить значение показателя за период</source>
            <translation>delete an indicator's value for a period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="100" />
            <source>Показатель «{0}» за {1}: {2} {3} (план {4}).</source>
            <translation>Indicator “{0}” for {1}: {2} {3} (plan {4}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="117" />
            <source>Значение показателя «{0}» за {1} удалено.</source>
            <translation>Value of indicator “{0}” for {1} deleted.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="134" />
            <source>Мастерских готово к аккредитации: {0} из {1}</source>
            <translation>Workshops ready for accreditation: {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="25" />
            <source>ничего не записывать, показать, что будет</source>
            <translation>write nothing, show what would happen</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="38" />
            <source>выгрузить список инвентаря в Excel</source>
            <translation>export the inventory list to Excel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="42" />
            <source>строка поиска, как в окне программы</source>
            <translation>search text, as in the program window</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="113" />
            <source>Импортировано {0} из {1} строк, пропущено {2}.</source>
            <translation>Imported {0} of {1} rows, {2} skipped.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="392" />
            <source>Пользователь «{0}» может входить в программу.</source>
            <translation>User “{0}” may log in.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="418" />
            <source>Дата {0} указывается как ГГГГ-ММ-ДД, например 2026-11-26.</source>
            <translation>Date {0} is given as YYYY-MM-DD, e.g. 2026-11-26.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="26" />
            <source>показатели с плановыми и фактическими значениями</source>
            <translation>indicators with target and actual values</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="27" />
            <source>отчётный период (год, например 2025, или квартал 2025-Q3)</source>
            <translation>reporting period (a year, e.g. 2025, or a quarter, 2025-Q3)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="30" />
            <source>ввести фактическое значение показателя за период</source>
            <translation>enter an indicator's actual value for a period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="21" />
            <source>кластер: показатели, сводка, участники, направления</source>
            <translation>cluster: indicators, summary, participants, directions</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="45" />
            <source>сводка кластера: показатели, готовность мастерских, бюджет</source>
            <translation>cluster summary: indicators, workshop readiness, budget</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="137" />
            <source>Бюджет: лимит {0} ₽, законтрактовано {1} ₽, оплачено {2} ₽</source>
            <translation>Budget: limit {0} ₽, contracted {1} ₽, paid {2} ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="23" />
            <source>импорт инвентаря из Excel: все верные строки одной транзакцией</source>
            <translation>inventory import from Excel: all valid rows in one transaction</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="26" />
            <source>при любой ошибочной строке не импортировать ничего</source>
            <translation>import nothing if any row is wrong</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="110" />
            <source>Проверка без записи: будет импортировано {0} из {1} строк, пропущено {2}.</source>
            <translation>Dry run: {0} of {1} rows would be imported, {2} skipped.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="38" />
            <source>добавить показатели карточки проекта (плановые значения)</source>
            <translation>add the project card's indicators (target values)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="109" />
            <source>Добавлено показателей карточки проекта: {0}.</source>
            <translation>Project card indicators added: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="58" />
            <source>инвентаризация помещения</source>
            <translation>stock-taking of a room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="160" />
            <source>Проверка без записи: будут проведены</source>
            <translation>Dry run, nothing written: would post</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="160" />
            <source>Проведены</source>
            <translation>Posted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="59" />
            <source>провести результаты завершённой инвентаризации: списание, оприходование, перемещение — всё или ничего</source>
            <translation>post the results of a finished stock-taking: write-off, receipt, transfer — all or nothing</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="61" />
            <source>номер инвентаризации (ИНВ-2026-001) или её id</source>
            <translation>stock-taking number (ИНВ-2026-001) or its id</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="64" />
            <source>поставить на учёт и неучтённые предметы (наименование — их описание)</source>
            <translation>also put unrecorded things on the records (named by their description)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="65" />
            <source>причина списания (по умолчанию «Недостача по инвентаризации № … от …»)</source>
            <translation>reason for the write-off (by default “Shortage at stock-taking No. … of …”)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="161" />
            <source>{0} результаты инвентаризации {1}: строк {2}, документов {3}.</source>
            <translation>{0} the results of stock-taking {1}: lines {2}, documents {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="166" />
            <source>не проводится: {0} — {1}</source>
            <translation>not posted: {0} — {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="180" />
            <source>ChemCluster Desktop: окно программы. Те же параметры, что у «chemcluster» без команды.</source>
            <translation>ChemCluster Desktop: the program window. The same options as «chemcluster» without a command.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="279" />
            <source>Непредвиденная ошибка ({0}); действие не выполнено. Подробности: {1}</source>
            <translation>Unexpected error ({0}); the action was not done. Details: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="247" />
            <source>Ошибка файла{0}: {1}. Ничего не записано наполовину; проверьте место на диске, путь и права и повторите.</source>
            <translation>File error{0}: {1}. Nothing was half-written; check the disk space, the path and the rights and try again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="379" />
            <source>Текущий пароль {0}: </source>
            <translation>Current password of {0}: </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="36" />
            <source>дата, на которую значение верно (по умолчанию сегодня)</source>
            <translation>the date the value is true on (today by default)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="46" />
            <source>инвентарь: документы движения, поверка и обслуживание</source>
            <translation>inventory: movement documents, verification and maintenance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="29" />
            <source>помещение для строк без своего помещения (создаётся, если его нет)</source>
            <translation>room for rows without a room of their own (created if it does not exist)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="31" />
            <source>строка из N одинаковых предметов: keep — одна карточка-группа (по умолчанию), split — N карточек по одной штуке с новыми номерами</source>
            <translation>a row of N identical things: keep — one group card (default), split — N single-unit cards with new numbers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="34" />
            <source>какой столбец — какое поле (повторяется); field пустое или «-» — не импортировать</source>
            <translation>which column is which field (repeatable); an empty field or «-» leaves the column out</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="47" />
            <source>документы движения: номер, дата, вид, помещения</source>
            <translation>movement documents: number, date, kind, rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="50" />
            <source>поверка и обслуживание: истекает в ближайшие дни или просрочено</source>
            <translation>verification and maintenance: running out soon or overdue</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="51" />
            <source>сколько дней вперёд (по умолчанию 30)</source>
            <translation>how many days ahead (30 by default)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="184" />
            <source>Документов движения нет.</source>
            <translation>No movement documents.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="193" />
            <source>--days: от 0 до 3650 дней.</source>
            <translation>--days: from 0 to 3650 days.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="203" />
            <source>поверка</source>
            <translation>verification</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="203" />
            <source>обслуживание</source>
            <translation>maintenance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="205" />
            <source>до</source>
            <translation>until</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="201" />
            <source>В ближайшие {0} дн. поверка и обслуживание не истекают.</source>
            <translation>No verification or maintenance runs out in the next {0} days.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="74" />
            <source>строка {0}: не данные — {1}</source>
            <translation>row {0}: not data — {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="116" />
            <source>Из них обновлено уже существующих карточек: {0}.</source>
            <translation>Of them, existing cards updated: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="109" />
            <source>… и ещё {0} строк (все — в --json)</source>
            <translation>… and {0} more rows (all of them in --json)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="33" />
            <source>"Заголовок=field"</source>
            <translation>"Header=field"</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/procurement.py" line="291" />
            <source>Итого</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="272" />
            <source>Решение сохранено.</source>
            <translation>Decision saved.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="295" />
            <source>идёт</source>
            <translation>in progress</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="295" />
            <source>закрыта</source>
            <translation>closed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="295" />
            <source>результаты проведены</source>
            <translation>results posted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="212" />
            <source>решения о проведении инвентаризации (ф. 0510439)</source>
            <translation>stock-taking decisions (form 0510439)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="214" />
            <source>новое решение: приказ, сроки, помещения, комиссия с председателем</source>
            <translation>new decision: order, dates, rooms, commission with a chair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="215" />
            <source>номер приказа (решения)</source>
            <translation>order (decision) number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="216" />
            <source>дата приказа</source>
            <translation>date of the order</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="217" />
            <source>причина (основание) инвентаризации</source>
            <translation>reason for the stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="219" />
            <source>дата начала (по умолчанию дата приказа)</source>
            <translation>start date (default: the order date)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="220" />
            <source>дата окончания (по умолчанию дата начала)</source>
            <translation>end date (default: the start date)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="222" />
            <source>инвентаризируемое помещение (повторяется)</source>
            <translation>room to count (repeatable)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="223" />
            <source>счета, которые проверяются, например «101.34, 105.36, 21»</source>
            <translation>accounts counted, e.g. «101.34, 105.36, 21»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="225" />
            <source>председатель комиссии</source>
            <translation>chair of the commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="227" />
            <source>член комиссии (повторяется)</source>
            <translation>commission member (repeatable)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="230" />
            <source>решения, новые сначала</source>
            <translation>decisions, newest first</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="233" />
            <source>решение полностью: сроки, помещения и МОЛ, комиссия, инвентаризации</source>
            <translation>the whole decision: dates, rooms and custodians, commission, stock-takings</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="234" />
            <source>номер приказа или id решения</source>
            <translation>order number or decision id</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="293" />
            <source>председатель</source>
            <translation>chair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="293" />
            <source>член комиссии</source>
            <translation>member</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="313" />
            <source>Решений о проведении инвентаризации нет.</source>
            <translation>There are no stock-taking decisions.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="328" />
            <source>материально ответственные лица и их должности (для подписей на формах)</source>
            <translation>custodians and their positions (for the forms' signatures)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="330" />
            <source>МОЛ помещений и позиций, их должности</source>
            <translation>custodians of rooms and items, their positions</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="333" />
            <source>указать должность МОЛ</source>
            <translation>set a custodian's position</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="334" />
            <source>фамилия и инициалы, как в помещении или карточке</source>
            <translation>surname and initials, as on the room or the card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="335" />
            <source>должность («» — очистить)</source>
            <translation>position («» clears it)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="285" />
            <source>Решение о проведении инвентаризации (ф. 0510439) № {0} от {1:%d.%m.%Y}</source>
            <translation>Stock-taking decision (form 0510439) No. {0} of {1:%d.%m.%Y}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="357" />
            <source>Должность «{0}»: {1}</source>
            <translation>Position of «{0}»: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="244" />
            <source>«{0}»: укажите «Фамилия И. О.=Должность» — должность печатается в подписях.</source>
            <translation>«{0}»: give «Surname I. O.=Position» — the position is printed with the signature.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="286" />
            <source>Причина: {0}</source>
            <translation>Reason: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="287" />
            <source>Сроки: с {0:%d.%m.%Y} по {1:%d.%m.%Y}</source>
            <translation>Dates: from {0:%d.%m.%Y} to {1:%d.%m.%Y}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="289" />
            <source>Счета: {0}</source>
            <translation>Accounts: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="291" />
            <source>Помещение: {0} — МОЛ {1}</source>
            <translation>Room: {0} — custodian {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="297" />
            <source>Инвентаризация {0}: {1}</source>
            <translation>Stock-taking {0}: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="216" />
            <source>ДД.ММ.ГГГГ</source>
            <translation>DD.MM.YYYY</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/inventory.py" line="224" />
            <source>"Фамилия И. О.=Должность"</source>
            <translation>"Surname I. O.=Position"</translation>
        </message>
    </context>
    <context>
        <name>CliAccreditation</name>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="44" />
            <source>импорт из Excel</source>
            <translation>import from Excel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="54" />
            <source>мастерские</source>
            <translation>workshops</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="56" />
            <source>добавить мастерскую</source>
            <translation>add a workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="92" />
            <source>готовность мастерской</source>
            <translation>workshop readiness</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="127" />
            <source>Импортировано</source>
            <translation>Imported</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="176" />
            <source>лист {0} года</source>
            <translation>{0} list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="116" />
            <source>пропущена строка {0}: {1}</source>
            <translation>row {0} skipped: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="118" />
            <source>внимание: {0}</source>
            <translation>attention: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="131" />
            <source>По зонам: {0}.</source>
            <translation>By zone: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="176" />
            <source>листа нет — импортируйте его</source>
            <translation>no list — import it</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="68" />
            <source>аккредитация мастерских</source>
            <translation>workshop accreditation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="127" />
            <source>Проверка (ничего не записано)</source>
            <translation>Check (nothing written)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="269" />
            <source>Мастерская «{0}», рабочих мест {1}</source>
            <translation>Workshop “{0}”, {1} workplaces</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="45" />
            <source>инфраструктурный лист компетенции (.xlsx)</source>
            <translation>competency infrastructure list (.xlsx)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="47" />
            <source>компетенция (создаётся, если её нет)</source>
            <translation>competency (created if missing)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="49" />
            <source>ничего не записывать, только показать итог</source>
            <translation>write nothing, only show the result</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="64" />
            <source>список мастерских с готовностью</source>
            <translation>list of workshops with readiness</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="70" />
            <source>сопоставить лист с инвентарём мастерской</source>
            <translation>match the list with the workshop's inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="96" />
            <source>готовность всех мастерских кластера</source>
            <translation>readiness of all cluster workshops</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="99" />
            <source>дефициты мастерской → потребности закупок</source>
            <translation>workshop shortages → procurement needs</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="313" />
            <source>Потребностей создано {0}, обновлено {1}.</source>
            <translation>Needs created {0}, updated {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="50" />
            <source>не импортировать ничего при любой ошибке в строках</source>
            <translation>import nothing if any row has an error</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="48" />
            <source>год листа (по умолчанию из заголовка файла или текущий)</source>
            <translation>list year (by default from the file header or the current one)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="59" />
            <source>помещение (создаётся, если его нет); можно указать несколько раз</source>
            <translation>room (created if missing); may be given several times</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="177" />
            <source>Мастерская «{0}» добавлена (id {1}): {2}, рабочих мест {3}, {4}.</source>
            <translation>Workshop “{0}” added (id {1}): {2}, {3} workplaces, {4}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="270" />
            <source>Позиций {0}: выполнено {1}, частично {2}, не выполнено {3}; покрытие {4} %</source>
            <translation>Items {0}: met {1}, partly {2}, not met {3}; coverage {4} %</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="128" />
            <source>{0}: лист «{1}» на {2} год — {3} позиций, пропущено строк: {4}.</source>
            <translation>{0}: list “{1}” for {2} — {3} items, rows skipped: {4}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="199" />
            <source>Мастерская «{0}»: применено связей {1}, предложено на подтверждение {2}, позиций без пары {3} ({4} позиций инвентаря, {5} с).</source>
            <translation>Workshop “{0}”: {1} links applied, {2} proposed for confirmation, {3} items without a pair ({4} inventory items, {5} s).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="132" />
            <source>Прочитан лист книги «{0}» (скрытые листы не читаются).</source>
            <translation>Read the workbook's sheet «{0}» (hidden sheets are never read).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="274" />
            <source>Вручную без подтверждения: {0}</source>
            <translation>Set by hand, unconfirmed: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="225" />
            <source>Будет подтверждено</source>
            <translation>To be confirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="225" />
            <source>Подтверждено</source>
            <translation>Confirmed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="256" />
            <source>Проверка (ничего не изменено): можно отменить</source>
            <translation>Check (nothing changed): can be undone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="256" />
            <source>Отменено</source>
            <translation>Undone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="314" />
            <source>создать</source>
            <translation>create</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="314" />
            <source>обновить</source>
            <translation>update</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="314" />
            <source>пропустить</source>
            <translation>skip</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="72" />
            <source>только показать, что изменится</source>
            <translation>only show what would change</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="75" />
            <source>подтвердить предложения сопоставления (кроме слабых)</source>
            <translation>confirm the matching proposals (except the weak ones)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="78" />
            <source>подтвердить только это предложение; можно указать несколько раз</source>
            <translation>confirm only this proposal; may be repeated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="80" />
            <source>подтвердить и слабые предложения (низкая оценка, разные признаки)</source>
            <translation>confirm the weak proposals too (low score, differing attributes)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="84" />
            <source>отменить последнее массовое действие (импорт листа, сопоставление, подтверждение, дефициты → закупки)</source>
            <translation>undo the latest bulk action (list import, matching, confirmation, gaps → procurement)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="86" />
            <source>последнее действие этой мастерской</source>
            <translation>this workshop's latest action</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="87" />
            <source>точка восстановления с этим номером</source>
            <translation>the restore point with this number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="88" />
            <source>показать, что можно отменить</source>
            <translation>show what can be undone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="89" />
            <source>только проверить, ничего не менять</source>
            <translation>only check, change nothing</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="102" />
            <source>только эта строка чек-листа (id); можно указать несколько раз</source>
            <translation>only this checklist line (id); may be repeated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="103" />
            <source>только показать, что будет создано</source>
            <translation>only show what would be created</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="134" />
            <source>Лист этого года будет обновлён</source>
            <translation>This year's list will be updated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="134" />
            <source>Лист обновлён</source>
            <translation>List updated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="136" />
            <source>Удаляются</source>
            <translation>Removed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="137" />
            <source>Изменяются</source>
            <translation>Changed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="138" />
            <source>Добавляются</source>
            <translation>Added</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="198" />
            <source>Предпросмотр, ничего не записано.</source>
            <translation>Preview, nothing written.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="327" />
            <source>оборудование партнёров по договорам (безвозмездное пользование, аренда)</source>
            <translation>partners' equipment under agreements (free use, lease)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="329" />
            <source>записать договор по строке чек-листа</source>
            <translation>record an agreement for a checklist line</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="331" />
            <source>номер позиции листа (например, 1.3) или № строки</source>
            <translation>the list's position number (e.g. 1.3) or the line No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="332" />
            <source>организация, предоставившая оборудование</source>
            <translation>the organisation that provides the equipment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="333" />
            <source>номер договора</source>
            <translation>agreement number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="334" />
            <source>дата договора (ДД.ММ.ГГГГ)</source>
            <translation>agreement date (DD.MM.YYYY)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="335" />
            <source>количество по договору</source>
            <translation>quantity under the agreement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="336" />
            <source>срок договора (по)</source>
            <translation>term of the agreement (until)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="337" />
            <source>начало срока</source>
            <translation>start of the term</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="339" />
            <source>loan — безвозмездное пользование, lease — аренда</source>
            <translation>loan — free use, lease — lease</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="342" />
            <source>договоры по строкам чек-листа мастерской</source>
            <translation>agreements for the workshop's checklist lines</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="346" />
            <source>удалить запись о договоре</source>
            <translation>delete an agreement record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="350" />
            <source>комиссия мастерской: приказ и состав</source>
            <translation>the workshop's commission: order and members</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="352" />
            <source>записать приказ и состав комиссии (заменяет прежний состав)</source>
            <translation>record the order and the members of the commission (replaces the previous members)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="354" />
            <source>номер приказа о создании комиссии</source>
            <translation>number of the order appointing the commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="355" />
            <source>дата приказа</source>
            <translation>date of the order</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="356" />
            <source>председатель комиссии</source>
            <translation>chair of the commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="358" />
            <source>член комиссии; можно указать несколько раз</source>
            <translation>member of the commission; may be given several times</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="360" />
            <source>секретарь комиссии</source>
            <translation>secretary of the commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="361" />
            <source>код КОД листа мастерской, например 18.02.12-1-2026</source>
            <translation>the KOD code of the workshop's list, e.g. 18.02.12-1-2026</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="363" />
            <source>приказ, состав комиссии и код КОД листа</source>
            <translation>the order, the commission's members and the list's KOD code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="368" />
            <source>код КОД (комплект оценочной документации) листа мастерской</source>
            <translation>the KOD code (assessment documentation set) of the workshop's list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="370" />
            <source>например «КОД 18.02.12-1-2026»; пустая строка убирает код</source>
            <translation>e.g. «КОД 18.02.12-1-2026»; an empty string clears it</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="436" />
            <source>действует</source>
            <translation>in force</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="436" />
            <source>срок истёк</source>
            <translation>expired</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="476" />
            <source>Приказ о комиссии не записан.</source>
            <translation>No order appointing the commission is recorded.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="202" />
            <source>Прежних предложений оставлено: {0}; новых и изменённых связей: {1}; снимается предложений: {2}.</source>
            <translation>Earlier proposals kept: {0}; new and changed links: {1}; proposals dropped: {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="226" />
            <source>{0} предложений: {1}; остаются ждать: {2}.</source>
            <translation>{0} proposals: {1}; still waiting: {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="257" />
            <source>{0}: {1}. Восстановлено записей {2}, удалено {3}.</source>
            <translation>{0}: {1}. Records restored {2}, removed {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="399" />
            <source>Договор записан (id {0}): строка {1} «{2}» — {3}, {4}, количество {5}, по {6}.</source>
            <translation>Agreement recorded (id {0}): line {1} «{2}» — {3}, {4}, quantity {5}, until {6}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="446" />
            <source>Запись о договоре id {0} удалена: его количество больше не входит в наличие по строке.</source>
            <translation>Agreement record id {0} deleted: its quantity no longer counts as available for the line.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="479" />
            <source>Инфраструктурный лист: {0}</source>
            <translation>Infrastructure list: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="508" />
            <source>{0}: инфраструктурный лист {1}.</source>
            <translation>{0}: infrastructure list {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="135" />
            <source>{0}: добавлено {1}, изменено {2}, удалено {3}.</source>
            <translation>{0}: {1} added, {2} changed, {3} removed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="140" />
            <source>  «{0}»: готовность {1} % → {2} %; теряет связей {3}, договоров {4}, фото {5}</source>
            <translation>  «{0}»: readiness {1} % → {2} %; loses {3} links, {4} agreements, {5} photos</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="167" />
            <source>Отменить: chemcluster accreditation undo --id {0}</source>
            <translation>To undo: chemcluster accreditation undo --id {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="247" />
            <source>Отменять нечего.</source>
            <translation>Nothing to undo.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="310" />
            <source>Предпросмотр, ничего не записано. Будет создано потребностей {0}, обновлено {1}.</source>
            <translation>Preview, nothing written. Needs to be created {0}, updated {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="385" />
            <source>Строка чек-листа «{0}» не найдена (или таких несколько): укажите номер позиции листа или № строки из «accreditation status».</source>
            <translation>Checklist line «{0}» was not found (or there are several): give the list's position number or the line No. from «accreditation status».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="434" />
            <source>Договоров по строкам чек-листа мастерской «{0}» нет.</source>
            <translation>Workshop «{0}» has no agreements for its checklist lines.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="438" />
            <source>по</source>
            <translation>to</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="473" />
            <source>Приказ № {0} от {1}</source>
            <translation>Order No. {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="504" />
            <source>У мастерской «{0}» нет инфраструктурного листа: код КОД указать не к чему.</source>
            <translation>Workshop «{0}» has no infrastructure list: there is nothing to give a KOD code to.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="162" />
            <source>… и ещё {0}</source>
            <translation>… and {0} more</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="316" />
            <source>≈ {0} ₽</source>
            <translation>≈ {0} ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="205" />
            <source>{0} ↔ {1}: {2}</source>
            <translation>{0} ↔ {1}: {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/accreditation.py" line="356" />
            <source>"ФИО; должность"</source>
            <translation>"Full name; position"</translation>
        </message>
    </context>
    <context>
        <name>CliSchedule</name>
        <message>
            <location filename="../../chemcluster_desktop/commands/schedule.py" line="+32" />
            <source>расписание занятий 8-х классов в мастерских</source>
            <translation>8th-grade lesson timetable in the workshops</translation>
        </message>
        <message>
            <location line="+2" />
            <source>сгенерировать расписание периода (закреплённые занятия остаются)</source>
            <translation>generate the term's timetable (pinned lessons stay)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>название периода или current</source>
            <translation>term name or current</translation>
        </message>
        <message>
            <location line="+1" />
            <source>предел времени поиска, с</source>
            <translation>search time limit, s</translation>
        </message>
        <message>
            <location line="+2" />
            <source>менять занятия только с этой даты (прошедшие не меняются никогда)</source>
            <translation>change lessons only from this date on (past ones are never changed)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>только показать, что изменится</source>
            <translation>only show what would change</translation>
        </message>
        <message>
            <location line="+3" />
            <source>отменить последнюю генерацию периода</source>
            <translation>undo the term's latest generation</translation>
        </message>
        <message>
            <location line="+3" />
            <source>только показать генерации, которые можно отменить</source>
            <translation>only list the generations that can be undone</translation>
        </message>
        <message>
            <location line="+3" />
            <source>занятия периода (одной школы)</source>
            <translation>the term's lessons (of one school)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>часы по классам против предела предмета</source>
            <translation>hours per class against the subject's cap</translation>
        </message>
        <message>
            <location line="+4" />
            <source>замена отсутствующего преподавателя</source>
            <translation>cover for an absent instructor</translation>
        </message>
        <message>
            <location line="+7" />
            <source>расписание для школ: .xlsx (лист на школу) или .ics</source>
            <translation>the timetable for schools: .xlsx (a sheet per school) or .ics</translation>
        </message>
        <message>
            <location line="+5" />
            <source>занятия в нерабочие праздничные дни и каникулы</source>
            <translation>lessons on public days off and in school holidays</translation>
        </message>
        <message>
            <location line="+4" />
            <source>конфликты расписания</source>
            <translation>timetable conflicts</translation>
        </message>
        <message>
            <location line="+1" />
            <source>только этот период (по умолчанию все)</source>
            <translation>only this term (all by default)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>выгрузить нагрузку периода в файл FET (.fet)</source>
            <translation>export the term's load to a FET file (.fet)</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Период «{0}» с {1}: добавлено {2}, перенесено {3}, удалено {4}, без изменений {5}; прошедшие и закреплённые не тронуты: {6}. Не размещено часов {7}, {8} с.</source>
            <translation>Term «{0}» from {1}: {2} added, {3} moved, {4} removed, {5} unchanged; past and locked left alone: {6}. Hours not placed {7}, {8} s.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>  {0}: +{1}, ↔{2}, −{3}</source>
            <translation>  {0}: +{1}, ↔{2}, −{3}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>, подгруппа {0}</source>
            <translation>, subgroup {0}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>  {0} {1}{2}, «{3}»: {4} ч — {5}</source>
            <translation>  {0} {1}{2}, “{3}”: {4} h — {5}</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Генераций, которые можно отменить, нет.</source>
            <translation>There are no generations to undo.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{0}: {1} занятий</source>
            <translation>{0}: {1} lessons</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Период «{0}»: восстановлено занятий {1} ({2}).</source>
            <translation>Term «{0}»: {1} lessons restored ({2}).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Можно отменить ещё генераций: {0} (следующая вернёт к «{1}»).</source>
            <translation>Generations that can still be undone: {0} (the next one returns to «{1}»).</translation>
        </message>
        <message>
            <location line="+15" />
            <source> (замена за {0})</source>
            <translation> (covering for {0})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>  [закреплено]</source>
            <translation>  [locked]</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Всего занятий: {0}</source>
            <translation>Lessons in all: {0}</translation>
        </message>
        <message>
            <location line="+14" />
            <source>  ПРЕВЫШЕНИЕ на {0} ч</source>
            <translation>  OVER by {0} h</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{0} {1}: уроков {2} ч из {3}, профориентация {4} ч{5}</source>
            <translation>{0} {1}: lessons {2} h of {3}, career guidance {4} h{5}</translation>
        </message>
        <message>
            <location line="+14" />
            <source>{0} отсутствует {1} — {2}: заменено {3}, без замены {4}.</source>
            <translation>{0} absent {1} — {2}: {3} covered, {4} not covered.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Записан {0}: занятий {1}.</source>
            <translation>Written {0}: {1} lessons.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Укажите файл .xlsx или .ics.</source>
            <translation>Give an .xlsx or .ics file.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Записан {0}: событий {1}.</source>
            <translation>Written {0}: {1} events.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Занятий в нерабочие дни и каникулы: {0}</source>
            <translation>Lessons on days off and in holidays: {0}</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Конфликтов нет.</source>
            <translation>No conflicts.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Всего конфликтов: {0}</source>
            <translation>Conflicts in total: {0}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Записан файл FET {0}: занятий {1}, дней {2}, уроков в дне {3}.</source>
            <translation>FET file {0} written: {1} lessons, {2} days, {3} periods a day.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/schedule.py" line="103" />
            <source>Предпросмотр, ничего не записано. </source>
            <translation>Preview, nothing written. </translation>
        </message>
    </context>
    <context>
        <name>Cluster</name>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="36" />
            <source>Колледж (базовая организация)</source>
            <translation>College (lead organisation)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="37" />
            <source>Предприятие</source>
            <translation>Enterprise</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="38" />
            <source>Школа</source>
            <translation>School</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="39" />
            <source>Центр занятости</source>
            <translation>Employment centre</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="40" />
            <source>Орган власти</source>
            <translation>Authority</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="45" />
            <source>Специальность</source>
            <translation>Specialty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="45" />
            <source>Профессия</source>
            <translation>Trade</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/participants.py" line="80" />
            <source>Укажите наименование участника.</source>
            <translation>Enter the participant name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="32" />
            <source>Участник кластера</source>
            <translation>Cluster participant</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="35" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="36" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="47" />
            <source>Контактное лицо</source>
            <translation>Contact person</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="48" />
            <source>ИНН</source>
            <translation>INN</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="91" />
            <source>Код</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="95" />
            <source>Уровень</source>
            <translation>Level</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="98" />
            <source>Мест в год</source>
            <translation>Places per year</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="152" />
            <source>Показатель</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="155" />
            <source>Период</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="159" />
            <source>Значение</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="164" />
            <source>Комментарий</source>
            <translation>Comment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="234" />
            <source>Плановое значение</source>
            <translation>Target value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/registry.py" line="90" />
            <source>Вид:</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="137" />
            <source>Период:</source>
            <translation>Period:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="99" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="99" />
            <source>Контакт</source>
            <translation>Contact</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="100" />
            <source>Специальность / профессия</source>
            <translation>Specialty / trade</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="102" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="102" />
            <source>План</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="102" />
            <source>Срок</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="103" />
            <source>Факт</source>
            <translation>Actual</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="103" />
            <source>Источник</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="126" />
            <source>Мастерских готово к аккредитации: {0} из {1}</source>
            <translation>Workshops ready for accreditation: {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="195" />
            <source> к {0}</source>
            <translation> by {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="39" />
            <source>Роль в кластере</source>
            <translation>Role in the cluster</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="40" />
            <source>№ соглашения</source>
            <translation>Agreement No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="41" />
            <source>Дата соглашения</source>
            <translation>Agreement date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="44" />
            <source>не указана</source>
            <translation>not given</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="230" />
            <source>Единица</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="236" />
            <source>Срок (год)</source>
            <translation>Due (year)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="77" />
            <source>введено</source>
            <translation>entered</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="77" />
            <source>рассчитано</source>
            <translation>calculated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/registry.py" line="97" />
            <source>Все участники</source>
            <translation>All participants</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="152" />
            <source>Последние данные</source>
            <translation>Latest data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="96" />
            <source>Сводка</source>
            <translation>Summary</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="96" />
            <source>Участники</source>
            <translation>Participants</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="97" />
            <source>Показатели</source>
            <translation>Indicators</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="138" />
            <source>Ввести значение…</source>
            <translation>Enter value…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="139" />
            <source>Удалить значение</source>
            <translation>Delete value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="140" />
            <source>План…</source>
            <translation>Plan…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="70" />
            <source>ИНН — 10 или 12 цифр.</source>
            <translation>INN is 10 or 12 digits.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="135" />
            <source>Код вида 18.02.12.</source>
            <translation>A code like 18.02.12.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="103" />
            <source>% плана</source>
            <translation>% of plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="194" />
            <source>План: {0} {1}{2}</source>
            <translation>Plan: {0} {1}{2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="198" />
            <source>{0}: план {1} {2}</source>
            <translation>{0}: plan {1} {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="260" />
            <source>Не удалено</source>
            <translation>Not deleted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/registry.py" line="108" />
            <source>участника «{0}»</source>
            <translation>participant “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/registry.py" line="135" />
            <source>направление {0} «{1}»</source>
            <translation>direction {0} “{1}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="88" />
            <source>Направление обучения</source>
            <translation>Training direction</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="101" />
            <source>Предприятия-заказчики</source>
            <translation>Customer enterprises</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="158" />
            <source>Год (2025) или квартал (2025-Q3)</source>
            <translation>Year (2025) or quarter (2025-Q3)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="240" />
            <source>Источник / примечание</source>
            <translation>Source / note</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="89" />
            <source>Готовность мастерских, %</source>
            <translation>Workshop readiness, %</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="96" />
            <source>Направления обучения</source>
            <translation>Training directions</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="97" />
            <source>Нет записей. Добавьте (Ctrl+N).</source>
            <translation>No records. Add one (Ctrl+N).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="102" />
            <source>Через «;», например: АО «Синтез ОКА»; АО «Корунд»</source>
            <translation>Separated by “;”, e.g. АО «Синтез ОКА»; АО «Корунд»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="150" />
            <source>Фактическое значение показателя</source>
            <translation>Actual value of the indicator</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="87" />
            <source>Выполнение показателей, % от плана</source>
            <translation>Indicators achieved, % of plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="88" />
            <source>Бюджет по источникам, млн ₽</source>
            <translation>Budget by source, mln ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="41" />
            <source>Отчёт о показателях кластера (Ctrl+P)</source>
            <translation>Cluster indicators report (Ctrl+P)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="243" />
            <source>Факт рассчитывается программой: {0}.</source>
            <translation>The actual value is calculated by the program: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="132" />
            <source>охват 8-х классов: {0} учащихся</source>
            <translation>8th grades reached: {0} pupils</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="255" />
            <source>значение показателя «{0}» за {1}</source>
            <translation>the value of indicator “{0}” for {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="144" />
            <source>Изменить наименование, плановое значение и срок показателя</source>
            <translation>Change the indicator's name, target value and due date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="191" />
            <source>Выберите показатель, чтобы увидеть его значения по периодам.</source>
            <translation>Choose an indicator to see its values by period.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="234" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="106" />
            <source>Добавить предприятие из реестра…</source>
            <translation>Add an enterprise from the register…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="141" />
            <source>Добавить показатели карточки проекта</source>
            <translation>Add the project card's indicators</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="142" />
            <source>Целевая аудитория 19 000, 8 участников, 17 направлений, 2 081 обучающийся, 85 % занятых выпускников, 100 % оснащённость и показатели программы</source>
            <translation>Target audience 19 000, 8 participants, 17 directions, 2 081 students, 85 % of graduates employed, 100 % equipped, and the programme's indicators</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="264" />
            <source>Нет показателей</source>
            <translation>No indicators</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="265" />
            <source>В базе ещё нет показателей. Нажмите «Добавить показатели карточки проекта» на вкладке «Показатели».</source>
            <translation>The database has no indicators yet. Press “Add the project card's indicators” on the “Indicators” tab.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="236" />
            <source>Добавлено показателей: {0}</source>
            <translation>Indicators added: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/cluster_dialogs.py" line="167" />
            <source>Значение на дату</source>
            <translation>Value as of</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="151" />
            <source>Показатели карточки флагманского проекта (срок — 2023–2024 гг.)</source>
            <translation>Flagship project card indicators (term 2023–2024)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="152" />
            <source>Собственные показатели колледжа (в карточку проекта не входят)</source>
            <translation>The college's own indicators (not in the project card)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="160" />
            <source> … и ещё {0}</source>
            <translation> … and {0} more</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="128" />
            <source>законтрактовано {0}, оплачено {1} из {2}, предусмотренных планом-графиком на оборудование</source>
            <translation>contracted {0}, paid {1} of {2} the plan-schedule commits to equipment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="162" />
            <source>открыть закупки</source>
            <translation>open procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="161" />
            <source>Сроки по контрактам</source>
            <translation>Contract deadlines</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/directions.py" line="67" />
            <source>Запись о направлении обучения</source>
            <translation>Training direction record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/directions.py" line="81" />
            <source>Укажите наименование направления.</source>
            <translation>Enter the direction name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/directions.py" line="84" />
            <source>Уровень — специальность или профессия.</source>
            <translation>Level is a specialty or a trade.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/directions.py" line="78" />
            <source>Код специальности или профессии — вида 18.02.12 (введено «{0}»).</source>
            <translation>A specialty or trade code looks like 18.02.12 (entered “{0}”).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/directions.py" line="107" />
            <source>Направление {0} «{1}» уже есть.</source>
            <translation>Direction {0} “{1}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/directions.py" line="91" />
            <source>Мест в год — целое число от 0 до 10 000 (введено «{0}»).</source>
            <translation>Places per year is a whole number from 0 to 10,000 (entered “{0}”).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="165" />
            <source>Дата значения не может быть в будущем.</source>
            <translation>The value's date cannot be in the future.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="171" />
            <source>Комментарий слишком длинный (больше 2000 символов).</source>
            <translation>The comment is too long (over 2000 characters).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="205" />
            <source>Укажите наименование показателя.</source>
            <translation>Enter the indicator name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="218" />
            <source>Запись о показателе</source>
            <translation>KPI record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="229" />
            <source>Код показателя — латинские строчные буквы, цифры и «_» (до 40 символов).</source>
            <translation>An indicator code is lowercase Latin letters, digits and “_” (up to 40 characters).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="141" />
            <source>Показатель «{0}» не найден. Список показателей: «chemcluster cluster kpi list».</source>
            <translation>Indicator “{0}” not found. List of indicators: “chemcluster cluster kpi list”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="153" />
            <source>Показатель «{0}» не найден. Есть показатели: {1}.</source>
            <translation>Indicator “{0}” not found. Indicators: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="167" />
            <source>Значение за {0} не может быть известно на {1}.</source>
            <translation>A value for {0} cannot be known on {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="290" />
            <source>рассчитано программой: {0}</source>
            <translation>calculated by the program: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="197" />
            <source>У показателя «{0}» нет значения за период {1}.</source>
            <translation>Indicator “{0}” has no value for period {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/kpis.py" line="234" />
            <source>Показатель с кодом «{0}» уже есть.</source>
            <translation>An indicator with code “{0}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/participants.py" line="72" />
            <source>Карточка участника</source>
            <translation>Participant card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/participants.py" line="85" />
            <source>Выберите вид участника: колледж, предприятие, школа, центр занятости или орган власти.</source>
            <translation>Choose the participant kind: college, enterprise, school, employment centre or authority.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/participants.py" line="104" />
            <source>Дата соглашения в далёком будущем: проверьте год.</source>
            <translation>The agreement date is far in the future: check the year.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/participants.py" line="82" />
            <source>Наименование длиннее 300 символов.</source>
            <translation>The name is longer than 300 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/participants.py" line="89" />
            <source>ИНН — 10 цифр (организация) или 12 цифр (ИП); введено «{0}».</source>
            <translation>INN is 10 digits (organisation) or 12 digits (sole trader); entered “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/participants.py" line="119" />
            <source>Участник «{0}» уже есть в реестре.</source>
            <translation>Participant “{0}” is already in the register.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/participants.py" line="98" />
            <source>Дата соглашения «{0}» не распознана: введите ДД.ММ.ГГГГ.</source>
            <translation>Agreement date “{0}” not recognised: enter DD.MM.YYYY.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="20" />
            <source>Укажите отчётный период: год (например, 2025) или квартал (2025-Q3).</source>
            <translation>Give the reporting period: a year (e.g. 2025) or a quarter (2025-Q3).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="25" />
            <source>Период «{0}» не существует: укажите год (например, 2025) или квартал (2025-Q3).</source>
            <translation>Period “{0}” does not exist: give a year (e.g. 2025) or a quarter (2025-Q3).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="30" />
            <source>Период «{0}» не существует: проект охватывает {1}–{2} годы.</source>
            <translation>Period “{0}” does not exist: the project covers {1}–{2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="69" />
            <source>Показатель {0}: значение — не число.</source>
            <translation>Indicator {0}: the value is not a number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="71" />
            <source>Показатель {0}: значение не может быть отрицательным (введено {1}).</source>
            <translation>Indicator {0}: the value cannot be negative (entered {1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="75" />
            <source>Показатель {0} — доля в процентах: значение не может быть больше 100 (введено {1}).</source>
            <translation>Indicator {0} is a percentage: the value cannot exceed 100 (entered {1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="78" />
            <source>Показатель {0}: значение слишком велико.</source>
            <translation>Indicator {0}: the value is too large.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="61" />
            <source>Показатель {0}: введите значение.</source>
            <translation>Indicator {0}: enter a value.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/periods.py" line="66" />
            <source>Показатель {0}: «{1}» — не число. Введите число, например 1250 или 84,5.</source>
            <translation>Indicator {0}: “{1}” is not a number. Enter a number, e.g. 1250 or 84.5.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="19" />
            <source>средняя оснащённость мастерских колледжа по инфраструктурным листам</source>
            <translation>mean equipment of the college's workshops by infrastructure lists</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="19" />
            <source>оплачено по контрактам, % от суммы закупок оборудования плана-графика</source>
            <translation>paid under contracts, % of the plan-schedule's equipment purchases</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="19" />
            <source>число участников в реестре (без школ)</source>
            <translation>number of participants in the register (schools excluded)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="19" />
            <source>число направлений обучения в реестре</source>
            <translation>number of training directions in the register</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="19" />
            <source>мастерские с выполнением листа не ниже 95 %</source>
            <translation>workshops with the list at least 95 % met</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="19" />
            <source>оплачено по контрактам, все источники</source>
            <translation>paid under contracts, all sources</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/_common.py" line="19" />
            <source>учащиеся 8-х классов в расписании</source>
            <translation>8th-grade pupils in the timetable</translation>
        </message>
    </context>
    <context>
        <name>CommissionDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="38" />
            <source>Комиссия и код КОД</source>
            <translation>Commission and KOD code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="47" />
            <source>Приказ о комиссии, № *</source>
            <translation>Commission order No. *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="50" />
            <source>Дата приказа *</source>
            <translation>Order date *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="66" />
            <source>Добавить члена комиссии</source>
            <translation>Add a commission member</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="68" />
            <source>Убрать строку</source>
            <translation>Remove the row</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="55" />
            <source>Роль</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="55" />
            <source>Фамилия, имя, отчество</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="55" />
            <source>Должность</source>
            <translation>Position</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="45" />
            <source>например 18.02.12-1-{0}</source>
            <translation>e.g. 18.02.12-1-{0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/commission_dialog.py" line="43" />
            <source>Код КОД листа {0} г.</source>
            <translation>KOD code of the {0} list</translation>
        </message>
    </context>
    <context>
        <name>Crash</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/crash.py" line="+38" />
            <source>Внутренняя ошибка</source>
            <translation>Internal error</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Произошла внутренняя ошибка. Данные, сохранённые до неё, не пострадали.
Отчёт записан в файл:
{0}
Передайте его администратору.</source>
            <translation>An internal error occurred. Data saved before it is intact.
A report was written to:
{0}
Please pass it to your administrator.</translation>
        </message>
    </context>
    <context>
        <name>Dashboard</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="129" />
            <source>% от плана</source>
            <translation>% of plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="171" />
            <source>Лимит</source>
            <translation>Limit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="171" />
            <source>Законтрактовано</source>
            <translation>Contracted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="172" />
            <source>Оплачено</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="48" />
            <source>Областной бюджет</source>
            <translation>Regional budget</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="49" />
            <source>Работодатели</source>
            <translation>Employers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="49" />
            <source>Собственные средства</source>
            <translation>Own funds</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="151" />
            <source>% от планового значения</source>
            <translation>% of the target value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="193" />
            <source>млн ₽</source>
            <translation>mln ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="215" />
            <source>Не готова</source>
            <translation>Not ready</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="239" />
            <source>% выполнения листа</source>
            <translation>% of the list fulfilled</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="213" />
            <source>Готова (≥ {0} %)</source>
            <translation>Ready (≥ {0} %)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="95" />
            <source>план {0}</source>
            <translation>plan {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="37" />
            <source>{0} млн ₽</source>
            <translation>{0} mln ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="97" />
            <source> к {0}</source>
            <translation> by {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="107" />
            <source>нет данных</source>
            <translation>no data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="114" />
            <source>{0} {1} к {2}</source>
            <translation>{0} {1} vs {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="116" />
            <source>{0} {1} к прошлому периоду</source>
            <translation>{0} {1} vs the previous period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="48" />
            <source>Грант «Профессионалитет»</source>
            <translation>“Professionalitet” grant</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="106" />
            <source>нет данных за прошлый период</source>
            <translation>no data for the previous period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="205" />
            <source>Нет данных о готовности мастерских.</source>
            <translation>No workshop readiness data.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="123" />
            <source>Щёлкните, чтобы открыть значения показателя.</source>
            <translation>Click to open the indicator's values.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="165" />
            <source>Нет источников финансирования: добавьте их в разделе «Закупки».</source>
            <translation>No funding sources: add them in the Procurement section.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="124" />
            <source>Нет фактических значений показателей. Введите их на вкладке «Показатели».</source>
            <translation>No actual indicator values. Enter them on the “Indicators” tab.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="208" />
            <source>Нет мастерских с инфраструктурными листами: создайте их в разделе «Аккредитация».</source>
            <translation>No workshops with infrastructure lists: create them in the Accreditation section.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="121" />
            <source>Рассчитано программой по данным разделов. Щёлкните, чтобы открыть данные.</source>
            <translation>Calculated by the program from the sections' data. Click to open the data.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="259" />
            <source>Факт</source>
            <translation>Actual</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="286" />
            <source>План</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_charts.py" line="254" />
            <source>Нет значений по периодам. Введите их кнопкой «Ввести значение…».</source>
            <translation>No values by period. Enter them with “Enter value…”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/dashboard_upkeep.py" line="26" />
            <source>Поверка и обслуживание</source>
            <translation>Verification and maintenance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/dashboard_upkeep.py" line="34" />
            <source>Поверка средств измерений и обслуживание оборудования</source>
            <translation>Verification of instruments and equipment maintenance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/dashboard_upkeep.py" line="44" />
            <source>Щёлкните, чтобы открыть инвентарь: только эти позиции.</source>
            <translation>Click to open the inventory with only these items.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/dashboard_upkeep.py" line="62" />
            <source>Средство измерения с истёкшей поверкой не считается годным для демонстрационного экзамена.</source>
            <translation>An instrument whose verification has expired does not count as usable at a demonstration exam.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/dashboard_upkeep.py" line="63" />
            <source>Просроченных нет.</source>
            <translation>Nothing overdue.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/dashboard_upkeep.py" line="59" />
            <source>просрочено</source>
            <translation>overdue</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/dashboard_upkeep.py" line="71" />
            <source>Поверка и ТО: {0}</source>
            <translation>Verification and maintenance: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/dashboard_upkeep.py" line="61" />
            <source>истекает в ближайшие {0} дн.</source>
            <translation>due within {0} days</translation>
        </message>
    </context>
    <context>
        <name>Database</name>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="134" />
            <source>«{0}» — это папка, а не файл базы данных.</source>
            <translation>“{0}” is a folder, not a database file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="140" />
            <source>Нет прав на чтение файла базы данных «{0}».</source>
            <translation>No permission to read database file “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="144" />
            <source>Файл «{0}» не является базой данных ChemCluster (повреждён или это другой файл). Восстановите базу из резервной копии.</source>
            <translation>File “{0}” is not a ChemCluster database (damaged or a different file). Restore the database from a backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="148" />
            <source>Файл базы данных «{0}» или его папка доступны только для чтения. Скопируйте базу в папку, куда можно писать, или измените права.</source>
            <translation>Database file “{0}” or its folder is read-only. Copy the database to a writable folder or change the permissions.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="191" />
            <source>База данных «{0}» занята другой программой. Закройте её и попробуйте снова.</source>
            <translation>Database “{0}” is in use by another program. Close it and try again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="476" />
            <source>База данных занята другой программой слишком долго; изменения не сохранены. Повторите действие через минуту.</source>
            <translation>The database was busy in another program for too long; changes were not saved. Try again in a minute.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="130" />
            <source>Папка «{0}» недоступна для записи: базу данных создать нельзя. Укажите другую папку (--db).</source>
            <translation>Folder “{0}” is not writable: the database cannot be created. Choose another folder (--db).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="217" />
            <source>Неверный адрес базы данных «{0}». Укажите путь к файлу SQLite или адрес вида postgresql+psycopg://пользователь:пароль@сервер/база.</source>
            <translation>Invalid database address “{0}”. Give a path to an SQLite file or an address like postgresql+psycopg://user:password@server/database.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="241" />
            <source>База данных создана более новой версией программы (схема {0}). Обновите ChemCluster Desktop; база не изменена.</source>
            <translation>The database was created by a newer version of the program (schema {0}). Update ChemCluster Desktop; the database was not changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="193" />
            <source>База данных «{0}» повреждена. Восстановите её из последней резервной копии.</source>
            <translation>Database “{0}” is damaged. Restore it from the latest backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="126" />
            <source>Не удаётся создать папку для базы данных «{0}»: {1}. Укажите другую папку (--db).</source>
            <translation>Cannot create the database folder “{0}”: {1}. Choose another folder (--db).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="232" />
            <source>База данных «{0}» повреждена ({1}). Восстановите её из последней резервной копии.</source>
            <translation>Database “{0}” is damaged ({1}). Restore it from the latest backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="195" />
            <source>База данных «{0}» доступна только для чтения.</source>
            <translation>Database “{0}” is read-only.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="197" />
            <source>Не удаётся подключиться к серверу базы данных «{0}». Проверьте адрес, пароль и что сервер запущен.</source>
            <translation>Cannot connect to database server “{0}”. Check the address, the password and that the server is running.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="200" />
            <source>Не удаётся открыть базу данных «{0}».</source>
            <translation>Cannot open database “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="91" />
            <source>Схема базы {0}, ожидается {1}: выполните «chemcluster init».</source>
            <translation>Database schema {0}, expected {1}: run “chemcluster init”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="108" />
            <source>Отрицательный остаток у {0} позиций инвентаря.</source>
            <translation>Negative stock for {0} inventory items.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="111" />
            <source>Отрицательное количество в {0} тарах реактивов.</source>
            <translation>Negative quantity in {0} reagent containers.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="84" />
            <source>Целостность файла: {0}</source>
            <translation>File integrity: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="87" />
            <source>Нарушена ссылка: таблица {0}, строка {1} → {2}</source>
            <translation>Broken reference: table {0}, row {1} → {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="99" />
            <source>Схема расходится с программой: {0}</source>
            <translation>Schema differs from the program: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="575" />
            <source>В тексте есть нулевой символ (NUL), который база данных не хранит: изменения не сохранены. Удалите его из текста.</source>
            <translation>The text holds a NUL character, which the database cannot store: the changes were not saved. Remove it from the text.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="96" />
            <source>Файл базы данных «{0}» лежит в сетевой папке ({1}). Программа открыла его в режиме одного компьютера: пока она работает здесь, на других компьютерах эта база не откроется. Чтобы с базой работали несколько компьютеров одновременно, нужен сервер PostgreSQL (см. руководство, раздел «Несколько компьютеров»); резервные копии этой базы пишутся рядом с ней, в папку «{2}».</source>
            <translation>The database file «{0}» is in a network folder ({1}). The program opened it in single-PC mode: while it runs here, this database will not open on other PCs. For several PCs working at the same time you need a PostgreSQL server (see the manual, «Several PCs»); backups of this database are written beside it, in the «{2}» folder.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="325" />
            <source>База данных «{0}» была заменена резервной копией ({1}, {2}), пока эта программа была открыта. Ваше последнее действие НЕ сохранено: запись в заменённую базу запрещена. База, какой она была до замены, сохранена в «{3}». Перезапустите программу и повторите действие.</source>
            <translation>The database «{0}» was replaced by a backup ({1}, {2}) while this program had it open. Your last action was NOT saved: writing into the replaced database is refused. The database as it was before the replacement is kept in «{3}». Restart the program and repeat the action.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="330" />
            <source>База данных «{0}» была заменена другим файлом, пока эта программа была открыта. Ваше последнее действие НЕ сохранено: запись в заменённую базу запрещена. Перезапустите программу и повторите действие.</source>
            <translation>The database «{0}» was replaced by another file while this program had it open. Your last action was NOT saved: writing into the replaced database is refused. Restart the program and repeat the action.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="563" />
            <source>На диске с базой данных «{0}» нет места: изменения не сохранены (база не изменена). Освободите место на диске и повторите действие.</source>
            <translation>The disk of the database «{0}» is full: the changes were not saved (the database is unchanged). Free some disk space and repeat the action.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="566" />
            <source>База данных «{0}» доступна только для чтения: изменения не сохранены. Проверьте права на файл и папку (или на таблицы сервера).</source>
            <translation>The database «{0}» is read-only: the changes were not saved. Check the rights on the file and the folder (or on the server's tables).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="569" />
            <source>Ошибка чтения или записи файла базы данных «{0}» (диск, сетевая папка): изменения не сохранены. Проверьте диск или подключение и повторите.</source>
            <translation>Reading or writing the database file «{0}» failed (disk, network folder): the changes were not saved. Check the disk or the connection and try again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="572" />
            <source>Соединение с сервером базы данных «{0}» потеряно: изменения не сохранены. Проверьте сеть и повторите действие.</source>
            <translation>The connection to the database server «{0}» was lost: the changes were not saved. Check the network and repeat the action.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="187" />
            <source>База данных «{0}» в сетевой папке уже открыта на другом компьютере. Файл SQLite в сетевой папке может открыть только один компьютер; закройте программу там или перейдите на сервер PostgreSQL для работы с нескольких компьютеров.</source>
            <translation>The database «{0}» in a network folder is already open on another PC. Only one PC can open an SQLite file in a network folder; close the program there, or move to a PostgreSQL server to work from several PCs.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="507" />
            <source>База данных заменяется резервной копией в другой программе; изменения не сохранены. Повторите действие через минуту.</source>
            <translation>Another program is replacing the database with a backup; the changes were not saved. Repeat the action in a minute.</translation>
        </message>
    </context>
    <context>
        <name>DatabaseFolder</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="40" />
            <source>Укажите папку.</source>
            <translation>Choose a folder.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="55" />
            <source>Где хранить базу данных</source>
            <translation>Where to keep the database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="58" />
            <source>Выберите папку для базы данных ChemCluster и её резервных копий. Папка профиля пользователя на компьютерах классов часто очищается при выходе из системы, поэтому предлагается общая папка, которая сохраняется. Папку можно сменить позже: Сервис → Настройки.</source>
            <translation>Choose the folder for the ChemCluster database and its backups. The user profile folder on classroom PCs is often wiped at log-off, so a shared folder that is kept is suggested. You can change it later: Tools → Settings.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="68" />
            <source>Обзор…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="79" />
            <source>Хранить здесь</source>
            <translation>Keep it here</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="80" />
            <source>Оставить в папке пользователя</source>
            <translation>Keep it in the user folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="86" />
            <source>Папка базы данных</source>
            <translation>Database folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="47" />
            <source>В папку «{0}» нельзя записать файл: выберите папку, куда у вас есть право записи.</source>
            <translation>No file can be written to «{0}»: choose a folder you may write to.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/database_folder.py" line="45" />
            <source>Папку «{0}» создать нельзя: {1}.</source>
            <translation>The folder «{0}» cannot be created: {1}.</translation>
        </message>
    </context>
    <context>
        <name>DecisionDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="91" />
            <source>Решение о проведении инвентаризации (ф. 0510439)</source>
            <translation>Decision to hold a stock-taking (form 0510439)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="96" />
            <source>Номер приказа *</source>
            <translation>Order number *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="97" />
            <source>Дата приказа *</source>
            <translation>Order date *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="102" />
            <source>Причина *</source>
            <translation>Reason *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="112" />
            <source>Сроки: с</source>
            <translation>Dates: from</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="122" />
            <source>Помещения (МОЛ) *</source>
            <translation>Rooms (custodians) *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="124" />
            <source>Счета (что проверяется)</source>
            <translation>Accounts (what is counted)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="152" />
            <source>Добавить члена комиссии</source>
            <translation>Add a commission member</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="131" />
            <source>Сохранить решение</source>
            <translation>Save the decision</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="109" />
            <source>по</source>
            <translation>to</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="156" />
            <source>Комиссия: председатель и члены с должностями (МОЛ помещений в неё не входят)</source>
            <translation>Commission: the chair and members with positions (the rooms' custodians are not members)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="142" />
            <source>Фамилия И. О.</source>
            <translation>Surname I. O.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="142" />
            <source>Должность</source>
            <translation>Position</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="142" />
            <source>Председатель</source>
            <translation>Chair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_decision.py" line="163" />
            <source>Решение № {0} о проведении инвентаризации (ф. 0510439)</source>
            <translation>Stock-taking decision No. {0} (form 0510439)</translation>
        </message>
    </context>
    <context>
        <name>Demo</name>
        <message>
            <location filename="../../chemcluster_desktop/services/demo.py" line="+37" />
            <source>Демо-данные загружаются только в пустую базу. Создайте новую базу (--db новый_файл.sqlite3) или восстановите пустую.</source>
            <translation>Demo data loads only into an empty database. Create a new database (--db new_file.sqlite3) or restore an empty one.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Демо-данные уже загружаются или загружены другой программой: база больше не пуста. Ничего не изменено.</source>
            <translation>Another program is loading or has loaded the demo data: the database is no longer empty. Nothing was changed.</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../chemcluster_desktop/errors.py" line="+54" />
            <source>Запись уже изменил другой пользователь. Обновите её (F5) и внесите изменения заново.</source>
            <translation>Another user has changed this record. Refresh it (F5) and make your changes again.</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Операция отменена; ничего не изменено.</source>
            <translation>Operation cancelled; nothing was changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/common.py" line="+41" />
            <source>{0} «{1}»: запись не найдена — её удалили или изменили. Обновите список (F5).</source>
            <translation>{0} «{1}» was not found: it has been deleted or changed. Refresh the list (F5).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0} № {1}: запись не найдена — её удалили или изменили. Обновите список (F5).</source>
            <translation>{0} № {1} was not found: it was deleted or changed. Refresh the list (F5).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0}: запись не найдена — её удалили или изменили. Обновите список (F5).</source>
            <translation>{0} was not found: it has been deleted or changed. Refresh the list (F5).</translation>
        </message>
        <message>
            <location line="+21" />
            <location filename="../../chemcluster_desktop/services/schedule/lessons.py" line="+231" />
            <source>Не указана версия записи, с которой начато изменение: сохранение вслепую перезаписало бы чужие правки. Откройте запись заново и повторите.</source>
            <translation>The version of the record the change started from is missing: a blind save would overwrite someone else's edits. Open the record again and repeat.</translation>
        </message>
    </context>
    <context>
        <name>FileNames</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/filenames.py" line="20" />
            <source>Инвентарь</source>
            <translation>Inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/filenames.py" line="20" />
            <source>Чек-лист — {0}</source>
            <translation>Checklist — {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/filenames.py" line="20" />
            <source>Пакет аккредитации — {0}</source>
            <translation>Accreditation packet — {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/filenames.py" line="20" />
            <source>Расписание для школ</source>
            <translation>Timetable for schools</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/filenames.py" line="20" />
            <source>Расписание</source>
            <translation>Timetable</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/filenames.py" line="20" />
            <source>План-график закупок</source>
            <translation>Procurement schedule</translation>
        </message>
    </context>
    <context>
        <name>FilesTab</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="57" />
            <source>Прикрепить файл…</source>
            <translation>Attach file…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="60" />
            <source>Открыть</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="63" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="70" />
            <source>PDF, изображения, документы Word/Excel/OpenDocument, текст — до 50 МБ; файлы хранятся в базе данных и входят в резервные копии.</source>
            <translation>PDF, images, Word/Excel/OpenDocument documents, text — up to 50 MB; the files are kept in the database and are part of every backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="43" />
            <source>Файл</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="43" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="43" />
            <source>Размер</source>
            <translation>Size</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="43" />
            <source>К чему</source>
            <translation>Attached to</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="43" />
            <source>Добавил</source>
            <translation>Added by</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="66" />
            <source>Вид:</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="92" />
            <source>вещество</source>
            <translation>substance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="92" />
            <source>позиция</source>
            <translation>item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="99" />
            <source>Прикрепить файл</source>
            <translation>Attach file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/files_tab.py" line="100" />
            <source>Документы и изображения</source>
            <translation>Documents and images</translation>
        </message>
    </context>
    <context>
        <name>Form</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/forms.py" line="+89" />
            <source>Сохранить</source>
            <translation>Save</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>Forms</name>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="+157" />
            <source>Директор</source>
            <translation>Director</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="104" />
            <source>фактически</source>
            <translation>actually</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="104" />
            <source>по данным учёта</source>
            <translation>per records</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="173" />
            <source>Материально ответственное лицо</source>
            <translation>Custodian (materially responsible person)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="174" />
            <source>ИНВЕНТАРИЗАЦИОННАЯ ОПИСЬ (СЛИЧИТЕЛЬНАЯ ВЕДОМОСТЬ) ПО ОБЪЕКТАМ НЕФИНАНСОВЫХ АКТИВОВ</source>
            <translation>INVENTORY LIST (RECONCILIATION STATEMENT) OF NON-FINANCIAL ASSETS</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="215" />
            <source>Инвентаризационная опись (ф. 0510466)</source>
            <translation>Inventory list (form 0510466)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="105" />
            <source>{0}: количество порядковых номеров {1} ({2}); общее количество единиц {3} {4} ({5}); на сумму {6} ({7})</source>
            <translation>{0}: entries {1} ({2}); total units {3} {4} ({5}); amount {6} ({7})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="147" />
            <source>№ п/п</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="147" />
            <source>Наименование объекта</source>
            <translation>Object</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="148" />
            <source>Номер (инвентарный, номенклатурный)</source>
            <translation>Number (inventory, stock)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="149" />
            <source>Статус объекта учёта</source>
            <translation>Status of the object</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="149" />
            <source>Целевая функция актива</source>
            <translation>Target function of the asset</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="150" />
            <source>Единица измерения</source>
            <translation>Unit of measure</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="150" />
            <source>наим.</source>
            <translation>name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="151" />
            <source>код по ОКЕИ</source>
            <translation>OKEI code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="93" />
            <source>Цена, руб.</source>
            <translation>Price, RUB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="152" />
            <source>Фактическое наличие</source>
            <translation>Actually present</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="152" />
            <source>По данным учёта</source>
            <translation>By the records</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="153" />
            <source>Отклонение (+ излишек, − недостача)</source>
            <translation>Difference (+ surplus, − shortage)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="185" />
            <source>РАСПИСКА. К началу проведения инвентаризации все расходные и приходные документы на нефинансовые активы сданы в бухгалтерию и все нефинансовые активы, поступившие на мою (нашу) ответственность, оприходованы, а выбывшие списаны в расход.</source>
            <translation>RECEIPT. By the start of the stock-taking all incoming and outgoing documents on non-financial assets have been handed to the accounts department, all assets received under my (our) responsibility have been recorded and all that left have been written off.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="115" />
            <source>Итого по странице: порядковых номеров {0} ({1})</source>
            <translation>Page total: entries {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="190" />
            <source>Итого по описи</source>
            <translation>Inventory list total</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="116" />
            <source>единиц {0} {1} ({2})</source>
            <translation>units {0} {1} ({2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="116" />
            <source>по учёту</source>
            <translation>per records</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="176" />
            <source>Номер счёта (группа объектов)</source>
            <translation>Account (group of objects)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="177" />
            <source>Местонахождение</source>
            <translation>Location</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="180" />
            <source>Основание для проведения инвентаризации</source>
            <translation>Basis of the stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="181" />
            <source>Дата начала инвентаризации</source>
            <translation>Stock-taking start date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="182" />
            <source>Дата окончания инвентаризации</source>
            <translation>Stock-taking end date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="197" />
            <source>Все ценности, поименованные в настоящей описи с № 1 по № {0}, комиссией проверены в натуре в моём присутствии и внесены в опись, в связи с чем претензий к инвентаризационной комиссии не имею. Ценности, перечисленные в описи, находятся на моём ответственном хранении.</source>
            <translation>All assets named in this list from No. 1 to No. {0} were checked by the commission in my presence and entered in the list; I have no claims against the stock-taking commission. The assets listed are in my safe keeping.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="193" />
            <source>По данным учёта: количество порядковых номеров {0}; на сумму {1} ({2})</source>
            <translation>Per records: entries {0}; amount {1} ({2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="154" />
            <source>кол-во</source>
            <translation>qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="92" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="93" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="93" />
            <source>Сумма, руб.</source>
            <translation>Amount, RUB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="93" />
            <source>Счёт</source>
            <translation>Account</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="102" />
            <source>Итого</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="97" />
            <source>Дата ввода в эксплуатацию</source>
            <translation>Commissioning date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="42" />
            <source>УТВЕРЖДАЮ</source>
            <translation>APPROVED</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="43" />
            <source>«___» ____________ 20__ г.</source>
            <translation>«___» ____________ 20__</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="70" />
            <source>Отправитель (помещение)</source>
            <translation>Sender (room)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="70" />
            <source>МОЛ отправителя</source>
            <translation>Sender's custodian</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="71" />
            <source>Получатель (помещение)</source>
            <translation>Recipient (room)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="71" />
            <source>МОЛ получателя</source>
            <translation>Recipient's custodian</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="111" />
            <source>Сдал (отправитель)</source>
            <translation>Handed over (sender)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="111" />
            <source>Принял (получатель)</source>
            <translation>Received (recipient)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="128" />
            <source>Документ движения {0} (ф. {1})</source>
            <translation>Movement document {0} (form {1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="74" />
            <source>Получатель (кому выдано)</source>
            <translation>Recipient (issued to)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="83" />
            <source>Основание (причина)</source>
            <translation>Basis (reason)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="108" />
            <source>Всего по документу: строк {0} ({1}); на сумму {2} ({3}).</source>
            <translation>Document total: lines {0} ({1}); amount {2} ({3}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="115" />
            <source>Затребовал</source>
            <translation>Requested by</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="116" />
            <source>Разрешил</source>
            <translation>Authorised by</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="117" />
            <source>Отпустил</source>
            <translation>Issued by</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="118" />
            <source>Получил</source>
            <translation>Received by</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="122" />
            <source>Председатель комиссии</source>
            <translation>Commission chair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="122" />
            <source>Члены комиссии</source>
            <translation>Commission members</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="124" />
            <source>Исполнитель (главный бухгалтер)</source>
            <translation>Prepared by (chief accountant)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="124" />
            <source>Главный бухгалтер</source>
            <translation>Chief accountant</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="42" />
            <source>Руководитель учреждения: {0}</source>
            <translation>Head of the institution: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="43" />
            <source>__________________ / {0} /</source>
            <translation>__________________ / {0} /</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="76" />
            <source>Сдал (от кого возвращено)</source>
            <translation>Returned by</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_movement.py" line="120" />
            <source>Заключение комиссии: объекты, перечисленные в акте, подлежат списанию по причине: {0}.</source>
            <translation>The commission's conclusion: the objects listed in this act are to be written off because: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="86" />
            <source>Решение о проведении инвентаризации (ф. 0510439)</source>
            <translation>Decision to hold a stock-taking (form 0510439)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="158" />
            <source>Ведомость расхождений (ф. 0504092)</source>
            <translation>Discrepancy list (form 0504092)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="205" />
            <source>Расхождений не выявлено.</source>
            <translation>No discrepancies found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="215" />
            <source>Акт о результатах инвентаризации (ф. 0510463)</source>
            <translation>Stock-taking result act (form 0510463)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="61" />
            <source>РЕШЕНИЕ О ПРОВЕДЕНИИ ИНВЕНТАРИЗАЦИИ</source>
            <translation>DECISION TO HOLD A STOCK-TAKING</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="69" />
            <source>1. Инвентаризируемые помещения и материально ответственные лица</source>
            <translation>1. Rooms counted and their custodians</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="71" />
            <source>Местонахождение (помещение)</source>
            <translation>Location (room)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="74" />
            <source>2. Состав инвентаризационной комиссии</source>
            <translation>2. The stock-taking commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="76" />
            <source>Роль в комиссии</source>
            <translation>Role in the commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="76" />
            <source>Должность</source>
            <translation>Position</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="76" />
            <source>Фамилия, инициалы</source>
            <translation>Surname, initials</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="82" />
            <source>Материально ответственные лица инвентаризируемых помещений в состав комиссии не включены.</source>
            <translation>The custodians of the rooms counted are not members of the commission.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="116" />
            <source>ВЕДОМОСТЬ РАСХОЖДЕНИЙ ПО РЕЗУЛЬТАТАМ ИНВЕНТАРИЗАЦИИ</source>
            <translation>LIST OF DISCREPANCIES FOUND BY THE STOCK-TAKING</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="141" />
            <source>Номер счёта</source>
            <translation>Account</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="141" />
            <source>Номер (инвентарный)</source>
            <translation>Inventory number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_0510466.py" line="154" />
            <source>сумма, руб.</source>
            <translation>amount, RUB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="142" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="187" />
            <source>АКТ О РЕЗУЛЬТАТАХ ИНВЕНТАРИЗАЦИИ</source>
            <translation>STOCK-TAKING RESULT ACT</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="201" />
            <source>Инвентаризационная опись (ф. 0510466), №</source>
            <translation>Inventory list (form 0510466), No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="202" />
            <source>Счёт (группа объектов)</source>
            <translation>Account (group of objects)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="202" />
            <source>Порядковых номеров</source>
            <translation>Entries</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="202" />
            <source>По данным учёта, руб.</source>
            <translation>Per records, RUB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="203" />
            <source>Фактически, руб.</source>
            <translation>Actual, RUB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="203" />
            <source>Недостача, руб.</source>
            <translation>Shortage, RUB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="203" />
            <source>Излишки, руб.</source>
            <translation>Surplus, RUB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="151" />
            <source>Расхождений между фактическим наличием и данными учёта не выявлено.</source>
            <translation>No discrepancies between the actual stock and the records.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="206" />
            <source>Выявлены недостача на сумму {0} ({1}) и излишки на сумму {2} ({3}); расхождения отражены в ведомости расхождений (ф. 0504092).</source>
            <translation>A shortage of {0} ({1}) and a surplus of {2} ({3}) were found; the discrepancies are in the discrepancy list (form 0504092).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="64" />
            <source>Причина (основание) инвентаризации</source>
            <translation>Reason (basis) of the stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="67" />
            <source>Объекты инвентаризации (счета, группы)</source>
            <translation>Objects counted (accounts, groups)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="83" />
            <source>Руководитель учреждения</source>
            <translation>Head of the institution</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="84" />
            <source>С решением ознакомлены</source>
            <translation>Acquainted with the decision</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="120" />
            <source>Основание</source>
            <translation>Grounds</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="144" />
            <source>Излишки</source>
            <translation>Surplus</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="144" />
            <source>Недостача</source>
            <translation>Shortage</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="147" />
            <source>Итого: строк {0} ({1}); излишки на сумму {2} ({3}); недостача на сумму {4} ({5}).</source>
            <translation>Total: lines {0} ({1}); surplus {2} ({3}); shortage {4} ({5}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="212" />
            <source>Заключение комиссии: инвентаризация проведена по описям в количестве {0} ({1}). {2}</source>
            <translation>The commission's conclusion: the stock-taking was made by {0} ({1}) lists. {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="67" />
            <source>все нефинансовые активы помещений</source>
            <translation>all non-financial assets of the rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="138" />
            <source>Итого по счёту {0}</source>
            <translation>Total of account {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="97" />
            <source>Коды</source>
            <translation>Codes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="97" />
            <source>Форма по ОКУД</source>
            <translation>Form by OKUD</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="97" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="98" />
            <source>по ОКПО</source>
            <translation>by OKPO</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="98" />
            <source>ИНН</source>
            <translation>INN</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="98" />
            <source>КПП</source>
            <translation>KPP</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="99" />
            <source>по ОКЕИ</source>
            <translation>by OKEI</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="101" />
            <source>Учреждение</source>
            <translation>Institution</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="102" />
            <source>Структурное подразделение</source>
            <translation>Structural unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="103" />
            <source>руб.</source>
            <translation>RUB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="100" />
            <source>от {0}</source>
            <translation>of {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="162" />
            <source>(должность)</source>
            <translation>(position)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="162" />
            <source>(подпись)</source>
            <translation>(signature)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="162" />
            <source>(расшифровка подписи)</source>
            <translation>(name)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="163" />
            <source>(дата)</source>
            <translation>(date)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="71" />
            <source>в эксплуатации</source>
            <translation>in use</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="71" />
            <source>продолжить эксплуатацию</source>
            <translation>continue using</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="60" />
            <source>отсутствует</source>
            <translation>missing</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="60" />
            <source>списание (недостача)</source>
            <translation>write-off (shortage)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="64" />
            <source>в запасе</source>
            <translation>in stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="64" />
            <source>использование по назначению</source>
            <translation>use as intended</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="66" />
            <source>требуется ремонт</source>
            <translation>needs repair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="66" />
            <source>ремонт</source>
            <translation>repair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="68" />
            <source>не введён в эксплуатацию</source>
            <translation>not commissioned</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="68" />
            <source>ввод в эксплуатацию</source>
            <translation>commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="70" />
            <source>не соответствует требованиям эксплуатации (истёк срок поверки)</source>
            <translation>unfit for use (verification expired)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="70" />
            <source>поверка</source>
            <translation>verification</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="63" />
            <source>не соответствует требованиям (истёк срок годности)</source>
            <translation>unfit (shelf life expired)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="63" />
            <source>списание</source>
            <translation>write-off</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movement_forms.py" line="58" />
            <source>Укажите номер документа движения (--number), например ПМ-2026-0001.</source>
            <translation>Give the movement document's number (--number), e.g. ПМ-2026-0001.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movement_forms.py" line="50" />
            <source>У документа «{0}» нет печатной унифицированной формы в программе: поступление оформляется документами поставщика (товарная накладная, акт приёмки).</source>
            <translation>A «{0}» document has no unified form in the program: a receipt is documented by the supplier's papers (delivery note, acceptance act).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movement_forms.py" line="65" />
            <source>Документ движения «{0}» не найден: номера видны в `chemcluster inventory movements`.</source>
            <translation>Movement document «{0}» not found: `chemcluster inventory movements` lists the numbers.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/paperwork.py" line="62" />
            <source>Решение о проведении инвентаризации (ф. 0510439) от {0:%d.%m.%Y} № {1}; {2}</source>
            <translation>Decision to hold a stock-taking (form 0510439) of {0:%d.%m.%Y} No. {1}; {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/paperwork.py" line="82" />
            <source>{0}, зав. № {1}</source>
            <translation>{0}, serial No. {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/paperwork.py" line="149" />
            <source>Инвентаризация {0} начата без решения о проведении (ф. 0510439): для неё эту форму не составить. Оформите решение и проведите инвентаризацию по нему.</source>
            <translation>Stock-taking {0} was started without a decision (form 0510439): this form cannot be made for it. Make a decision and hold the stock-taking by it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="21" />
            <source>Машины и оборудование</source>
            <translation>Machinery and equipment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="21" />
            <source>Инвентарь производственный и хозяйственный</source>
            <translation>Production and household inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="21" />
            <source>Прочие материальные запасы</source>
            <translation>Other inventories</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/form_codes.py" line="21" />
            <source>Основные средства в эксплуатации (забалансовый счёт 21)</source>
            <translation>Fixed assets in use (off-balance account 21)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/form_results.py" line="154" />
            <source>С ведомостью ознакомлен(а): материально ответственное лицо</source>
            <translation>Acknowledged by the custodian</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/unified_forms.py" line="180" />
            <source>Форма по ОКУД {0}, № {1} (продолжение)</source>
            <translation>Form (OKUD) {0}, No. {1} (continued)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movement_forms.py" line="84" />
            <source>Документ движения, выбранный в списке, уже удалён — обновите список (F5).</source>
            <translation>The movement document chosen in the list has been deleted — refresh the list (F5).</translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/help.py" line="30" />
            <source>Руководство пользователя</source>
            <translation>User guide</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/help.py" line="42" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/help.py" line="62" />
            <source>Поиск в справке</source>
            <translation>Search the help</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/help.py" line="62" />
            <source>Найти:</source>
            <translation>Find:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/help.py" line="51" />
            <source>Файл справки не найден в папке программы (resources/help).</source>
            <translation>The help file is not in the program folder (resources/help).</translation>
        </message>
    </context>
    <context>
        <name>ImportPreview</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="111" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="93" />
            <source>Столбцы</source>
            <translation>Columns</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="99" />
            <source>Строки</source>
            <translation>Lines</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="107" />
            <source>Ошибки</source>
            <translation>Errors</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="74" />
            <source>Столбец в файле</source>
            <translation>Column in the file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="74" />
            <source>Поле программы</source>
            <translation>Program field</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="102" />
            <source>Строка</source>
            <translation>Row</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="102" />
            <source>Причина</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="144" />
            <source>— не импортировать —</source>
            <translation>— do not import —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="170" />
            <source>Ошибки ({0})</source>
            <translation>Errors ({0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="171" />
            <source>Строки ({0})</source>
            <translation>Lines ({0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="172" />
            <source>Импортировать {0}</source>
            <translation>Import {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="87" />
            <source>Применить сопоставление</source>
            <translation>Apply matching</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="150" />
            <source>Совпадение неуверенное: проверьте поле.</source>
            <translation>Uncertain match: check the field.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="78" />
            <source>Проверьте, какие столбцы файла в какие поля попадут. Жёлтым отмечены неуверенные совпадения; измените их и нажмите «Применить».</source>
            <translation>Check which file columns go to which fields. Uncertain matches are yellow; change them and press “Apply”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/import_preview.py" line="127" />
            <source>Заголовок таблицы найден в строке {0}. Строк с данными: {1}; будет импортировано: {2}; с ошибками: {3}.</source>
            <translation>Table header found in row {0}. Data rows: {1}; to be imported: {2}; with errors: {3}.</translation>
        </message>
    </context>
    <context>
        <name>InfraImport</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="109" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="121" />
            <source>Инфраструктурный лист</source>
            <translation>Infrastructure list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="96" />
            <source>Строка</source>
            <translation>Row</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="60" />
            <source>Обзор…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="64" />
            <source>Файл *</source>
            <translation>File *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="73" />
            <source>Компетенция *</source>
            <translation>Competency *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="75" />
            <source>из заголовка файла</source>
            <translation>from the file header</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="85" />
            <source>Год листа</source>
            <translation>List year</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="103" />
            <source>Проверить</source>
            <translation>Check</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="104" />
            <source>Импортировать</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="121" />
            <source>Книга Excel (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="96" />
            <source>Что не так</source>
            <translation>What is wrong</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="149" />
            <source>Выберите файл.</source>
            <translation>Choose a file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="152" />
            <source>Укажите компетенцию.</source>
            <translation>Give the competency.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="161" />
            <source>Чтение листа…</source>
            <translation>Reading the list…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="49" />
            <source>Импорт инфраструктурного листа</source>
            <translation>Infrastructure list import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="59" />
            <source>Файл .xlsx с инфраструктурным листом</source>
            <translation>An .xlsx file with the infrastructure list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="72" />
            <source>Компетенция (новая будет создана)</source>
            <translation>Competency (a new one will be created)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="86" />
            <source>Не импортировать ничего, если есть строки с ошибками</source>
            <translation>Import nothing if some rows have errors</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="89" />
            <source>Выберите файл и нажмите «Проверить»: ничего не будет записано, пока вы не нажмёте «Импортировать».</source>
            <translation>Choose a file and press “Check”: nothing is written until you press “Import”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="183" />
            <source>Проверка: будет импортировано {0} позиций листа «{1}» на {2} год ({3}); строк с ошибками: {4}. Ничего не записано.</source>
            <translation>Check: {0} items of list “{1}” for {2} ({3}) would be imported; rows with errors: {4}. Nothing written.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="189" />
            <source>Импортировано {0} позиций листа «{1}» на {2} год ({3}); пропущено строк: {4}.</source>
            <translation>Imported {0} items of list “{1}” for {2} ({3}); rows skipped: {4}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="200" />
            <source>Прочитан лист книги «{0}» (скрытые листы не читаются).</source>
            <translation>Read the workbook's sheet «{0}» (hidden sheets are never read).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="106" />
            <source>Отменить импорт</source>
            <translation>Undo import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="142" />
            <source>Импорт отменён: лист и чек-листы мастерских восстановлены (записей: {0}).</source>
            <translation>Import undone: the list and the workshops' checklists are restored ({0} records).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="198" />
            <source>Импорт можно отменить («Отменить импорт»).</source>
            <translation>The import can be undone («Undo import»).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="187" />
            <source>Если импортировать: {0}.</source>
            <translation>If imported: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="192" />
            <source>Лист этого года обновлён: добавлено {0}, изменено {1}, удалено {2}.</source>
            <translation>This year's list updated: {0} added, {1} changed, {2} removed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="196" />
            <source>Мастерские потеряли связей: {0}.</source>
            <translation>Links the workshops lost: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_import.py" line="202" />
            <source>Внимание: {0}</source>
            <translation>Warning: {0}</translation>
        </message>
    </context>
    <context>
        <name>InfraLists</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="55" />
            <source>№</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="57" />
            <source>Наименование *</source>
            <translation>Name *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="59" />
            <source>Характеристики</source>
            <translation>Specifications</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="65" />
            <source>Количество *</source>
            <translation>Quantity *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="73" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="164" />
            <source>Изменить</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="165" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="172" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="219" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="245" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="147" />
            <source>Зона</source>
            <translation>Zone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="147" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="148" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="148" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="62" />
            <source>Зона *</source>
            <translation>Zone *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="68" />
            <source>Единица</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="133" />
            <source>Новый лист…</source>
            <translation>New list…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="134" />
            <source>Копия на другой год…</source>
            <translation>Copy to another year…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="135" />
            <source>Удалить лист</source>
            <translation>Delete list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="163" />
            <source>Добавить позицию</source>
            <translation>Add item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="260" />
            <source>Новый лист</source>
            <translation>New list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="264" />
            <source>Год листа:</source>
            <translation>List year:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="278" />
            <source>Копия листа</source>
            <translation>List copy</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="51" />
            <source>Позиция листа</source>
            <translation>List item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="51" />
            <source>Новая позиция листа</source>
            <translation>New list item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="128" />
            <source>Лист:</source>
            <translation>List:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="148" />
            <source>На 1 раб. м.</source>
            <translation>Per workplace</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="122" />
            <source>Инфраструктурные листы</source>
            <translation>Infrastructure lists</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="278" />
            <source>Год новой версии листа:</source>
            <translation>Year of the new list version:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="93" />
            <source>Введите наименование.</source>
            <translation>Enter the name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="186" />
            <source>{0} — {1} год ({2} позиций)</source>
            <translation>{0} — {1} ({2} items)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="71" />
            <source>на 1 рабочее место (умножается на число мест)</source>
            <translation>per workplace (multiplied by the number of places)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="260" />
            <source>Компетенция (можно ввести новую):</source>
            <translation>Competency (you can enter a new one):</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="99" />
            <source>Количество — число больше нуля, например 2 или 0,5.</source>
            <translation>The quantity is a number above zero, e.g. 2 or 0.5.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="294" />
            <source>Удалить лист «{0}» со всеми позициями?</source>
            <translation>Delete list “{0}” with all its items?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="210" />
            <source>Позиций: {0}. Двойной щелчок — изменить позицию.</source>
            <translation>Items: {0}. Double click to edit an item.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="209" />
            <source>Нет листов. Импортируйте лист из Excel или создайте новый.</source>
            <translation>No lists. Import a list from Excel or create a new one.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="246" />
            <source>Удалить позицию «{0}» из листа? Её строки в чек-листах мастерских тоже будут удалены.</source>
            <translation>Delete item “{0}” from the list? Its lines in the workshops' checklists will be deleted too.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/infra_lists.py" line="201" />
            <source>да</source>
            <translation>yes</translation>
        </message>
    </context>
    <context>
        <name>InfrastructureXlsx</name>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="308" />
            <source>Файл не является книгой Excel (.xlsx). Сохраните инфраструктурный лист в формате .xlsx («Файл → Сохранить как → Книга Excel») и повторите импорт.</source>
            <translation>The file is not an Excel workbook (.xlsx). Save the infrastructure list as .xlsx (“File → Save As → Excel Workbook”) and import again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="548" />
            <source>В листе нет количеств: не найдена колонка «Количество» или в ней нет ни одного числа. Без количеств чек-лист мастерской построить нельзя.</source>
            <translation>The sheet has no quantities: no “Quantity” column or no number in it. A workshop checklist cannot be built without quantities.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="544" />
            <source>№ {0} (строки {1} и {2})</source>
            <translation>No. {0} (rows {1} and {2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="545" />
            <source>В листе повторяются номера позиций: {0}. Исправьте нумерацию в файле и повторите импорт; ничего не импортировано.</source>
            <translation>Item numbers repeat in the sheet: {0}. Fix the numbering in the file and import again; nothing was imported.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="551" />
            <source>В листе не найдено ни одной позиции под строкой заголовка (строка {0}).</source>
            <translation>No items found below the header row (row {0}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="324" />
            <source>Книгу Excel не удалось прочитать ({0}). Откройте её в Excel, сохраните заново как .xlsx и повторите импорт.</source>
            <translation>The Excel workbook could not be read ({0}). Open it in Excel, save it again as .xlsx and import again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="486" />
            <source>Строка {0}: «{1}» — не указано количество.</source>
            <translation>Row {0}: “{1}” — no quantity given.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="491" />
            <source>Строка {0}: «{1}» — количество «{2}» не число. Укажите число, например «2» или «2 шт.».</source>
            <translation>Row {0}: “{1}” — quantity “{2}” is not a number. Enter a number, e.g. “2” or “2 pcs”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="498" />
            <source>Строка {0}: «{1}» — количество должно быть больше нуля.</source>
            <translation>Row {0}: “{1}” — the quantity must be above zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="502" />
            <source>Строка {0}: «{1}» — количество {2} слишком велико.</source>
            <translation>Row {0}: “{1}” — quantity {2} is too large.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="479" />
            <source>Строка {0}: нет наименования (колонка «Наименование» пуста), количество «{1}».</source>
            <translation>Row {0}: no name (the “Name” column is empty), quantity “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="562" />
            <source>№</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="565" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="567" />
            <source>Комментарий</source>
            <translation>Comment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="568" />
            <source>да</source>
            <translation>yes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="562" />
            <source>Зона</source>
            <translation>Zone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="562" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="563" />
            <source>Характеристики</source>
            <translation>Specifications</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="563" />
            <source>Кол-во по листу</source>
            <translation>Qty per list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="564" />
            <source>На 1 рабочее место</source>
            <translation>Per workplace</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="564" />
            <source>Требуется</source>
            <translation>Required</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="565" />
            <source>В наличии</source>
            <translation>In stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="566" />
            <source>Статус</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="567" />
            <source>Связанных позиций</source>
            <translation>Linked items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="566" />
            <source>Статус вручную: обоснование</source>
            <translation>Manual status: justification</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="333" />
            <source>На листе «{0}» больше {1} строк: это не инфраструктурный лист.</source>
            <translation>Sheet “{0}” has more than {1} rows: it is not an infrastructure list.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="372" />
            <source>Файл слишком большой после распаковки: это не инфраструктурный лист.</source>
            <translation>The file is too large when unpacked: it is not an infrastructure list.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="303" />
            <source>Файл слишком большой ({0} МБ): инфраструктурный лист занимает не больше нескольких мегабайт. Проверьте, тот ли это файл.</source>
            <translation>The file is too large ({0} MB): an infrastructure list takes a few megabytes at most. Check that it is the right file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="369" />
            <source>Файл подозрительно сильно сжат: такой файл не читается из соображений безопасности.</source>
            <translation>The file is suspiciously highly compressed: it is not read for safety reasons.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="388" />
            <source>Файл не похож на инфраструктурный лист: не найдена строка заголовка таблицы с колонками «Наименование» и «Количество» (на видимых листах). Проверьте, что выбран нужный файл.</source>
            <translation>The file does not look like an infrastructure list: no table header with the columns «Наименование» and «Количество» was found (on the visible sheets). Check that the right file is chosen.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="395" />
            <source>Файл похож на инвентарную опись (есть колонки инвентарного номера, модели или стоимости), а не на инфраструктурный лист. Выберите файл инфраструктурного листа компетенции.</source>
            <translation>The file looks like an inventory list (it has inventory number, model or cost columns), not like an infrastructure list. Choose the competency's infrastructure list file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="580" />
            <source>(«{0}» — вручную, без подтверждения)</source>
            <translation>(«{0}» set by hand, unconfirmed)</translation>
        </message>
    </context>
    <context>
        <name>Inventory</name>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="64" />
            <source>, создано помещений: {0}</source>
            <translation>, rooms created: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_write.py" line="186" />
            <source>Импорт из Excel «{0}»</source>
            <translation>Import from Excel “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/_common.py" line="20" />
            <source>«{0}»: дата {1} ещё не наступила.</source>
            <translation>“{0}”: the date {1} has not come yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="60" />
            <source>Импортировано {0}, пропущено {1}</source>
            <translation>Imported {0}, skipped {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="244" />
            <source>Будут созданы помещения: {0}.</source>
            <translation>Rooms to be created: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="250" />
            <source>Столбцы без соответствия (не импортируются): {0}.</source>
            <translation>Unmatched columns (not imported): {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="126" />
            <source>Инвентарный номер «{0}» повторяется (уже в строке {1}).</source>
            <translation>Inventory number “{0}” repeats (already in row {1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="246" />
            <source>Инвентарные номера будут присвоены автоматически: {0} позиций.</source>
            <translation>Inventory numbers will be assigned automatically: {0} items.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="93" />
            <source>Номер CAS «{0}» неверен (контрольная цифра не сходится).</source>
            <translation>CAS number “{0}” is wrong (the check digit does not match).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="324" />
            <source>В файле {0} ошибочных строк; с ключом --strict ничего не импортировано.</source>
            <translation>The file has {0} wrong rows; with --strict nothing was imported.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="65" />
            <source>Файл прикрепляется к позиции или к веществу.</source>
            <translation>A file is attached to an item or a substance.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="62" />
            <source>Позиция</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="64" />
            <source>Вещество</source>
            <translation>Substance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="46" />
            <source>Файл «{0}»: такой тип не прикрепляется. Можно: {1}.</source>
            <translation>File «{0}»: this type cannot be attached. Allowed: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="49" />
            <source>Файл «{0}» пуст.</source>
            <translation>File “{0}” is empty.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="51" />
            <source>Файл «{0}» больше 50 МБ ({1:.1f} МБ): уменьшите его (сожмите PDF или фото).</source>
            <translation>File «{0}» is over 50 MB ({1:.1f} MB): make it smaller (compress the PDF or photo).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="55" />
            <source>Файл «{0}» не похож на {1}: содержимое не совпадает с расширением.</source>
            <translation>File «{0}» does not look like {1}: the content does not match the extension.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="87" />
            <source>Неизвестный вид файла «{0}».</source>
            <translation>Unknown file kind «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="96" />
            <source>Прикреплён файл «{0}» ({1}) к «{2}»</source>
            <translation>File «{0}» ({1}) attached to «{2}»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="138" />
            <source>Удалён файл «{0}»</source>
            <translation>File «{0}» deleted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="77" />
            <source>Не удаётся прочитать файл «{0}»: {1}</source>
            <translation>Cannot read file “{0}”: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="44" />
            <source>создать</source>
            <translation>create</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="44" />
            <source>обновить</source>
            <translation>update</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="44" />
            <source>пропустить</source>
            <translation>skip</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="155" />
            <source>карточка с этим номером уже есть — обновится</source>
            <translation>a card with this number exists — it will be updated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="135" />
            <source>Партия «{0}» этого реактива уже есть в строке {1}.</source>
            <translation>Lot «{0}» of this reagent is already in row {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="160" />
            <source>разбивается на {0} карточек по одной штуке</source>
            <translation>split into {0} single-unit cards</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_plan.py" line="161" />
            <source>группа из {0} одинаковых предметов под одним номером</source>
            <translation>a group of {0} identical things under one number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/import_write.py" line="279" />
            <source>Корректировка остатка по импорту из Excel</source>
            <translation>Stock correction by an Excel import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="235" />
            <source>Ведомость остатков: количество — «остаток на конец периода»; строки с нулевым остатком (выбыло в периоде) не импортируются.</source>
            <translation>A statement of balances: the quantity is the closing balance; rows with a zero balance (disposed of in the period) are not imported.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="269" />
            <source>Сопоставление столбцов — то, что подтверждено раньше для файлов с такими же заголовками.</source>
            <translation>The column mapping is the one confirmed before for files with the same headers.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="62" />
            <source> (из них обновлено карточек: {0})</source>
            <translation> (cards updated among them: {0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="211" />
            <source>Группы: «keep» (одна карточка на группу) или «split» (карточка на каждую штуку), а не «{0}».</source>
            <translation>Groups: «keep» (one card per group) or «split» (a card per unit), not «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="238" />
            <source>МОЛ из шапки файла: {0} (для строк без своего МОЛ).</source>
            <translation>Responsible person from the file's title block: {0} (for rows without their own).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="241" />
            <source>Пустых строк пропущено: {0}; строк, которые не являются данными (номера граф, счета, итоги, подписи, выбывшее): {1}.</source>
            <translation>Empty rows skipped: {0}; rows that are not data (column numbers, accounts, totals, signatures, disposed of): {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="285" />
            <source>не импортируется</source>
            <translation>not imported</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="317" />
            <source>Лист «{0}» файла «{1}»: под заголовком таблицы (строка {2}) нет строк с данными.</source>
            <translation>Sheet «{0}» of «{1}»: there are no data rows under the table header (row {2}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="333" />
            <source>Импорт из Excel «{0}»: создано {1}, обновлено {2}, пропущено {3}</source>
            <translation>Excel import «{0}»: created {1}, updated {2}, skipped {3}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="135" />
            <source>--map «{0}»: нужен вид «Заголовок=поле».</source>
            <translation>--map «{0}»: the form is «Header=field».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="139" />
            <source>--map «{0}»: поля «{1}» нет. Поля: {2}.</source>
            <translation>--map «{0}»: there is no field «{1}». Fields: {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="145" />
            <source>--map: столбца «{0}» в файле нет. Столбцы: {1}.</source>
            <translation>--map: the file has no column «{0}». Columns: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/importing.py" line="146" />
            <source>--map: «{0}» подходит к нескольким столбцам; укажите заголовок точнее. Столбцы: {1}.</source>
            <translation>--map: «{0}» fits several columns; give the header more exactly. Columns: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="42" />
            <source>Дата поверки</source>
            <translation>Verification date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="42" />
            <source>Дата обслуживания</source>
            <translation>Maintenance date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="58" />
            <source>Межповерочный интервал</source>
            <translation>Verification interval</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="59" />
            <source>Интервал обслуживания</source>
            <translation>Maintenance interval</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="80" />
            <source>Для средства измерения укажите дату последней поверки и межповерочный интервал.</source>
            <translation>For a measuring instrument enter the last verification date and the verification interval.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="77" />
            <source>Номер свидетельства о поверке длиннее 100 знаков.</source>
            <translation>The verification certificate number is longer than 100 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="55" />
            <source>{0} {1:%d.%m.%Y} ещё не наступила: укажите дату последней проведённой поверки или обслуживания.</source>
            <translation>{0} {1:%d.%m.%Y} is in the future: enter the date of the last verification or maintenance done.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="72" />
            <source>{0}: от 1 до 120 месяцев, введено {1}.</source>
            <translation>{0}: from 1 to 120 months, entered {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="69" />
            <source>{0}: целое число месяцев, например 12.</source>
            <translation>{0}: a whole number of months, e.g. 12.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/upkeep.py" line="52" />
            <source>{0} «{1}» не распознана: нужен вид 26.11.2026.</source>
            <translation>{0} «{1}» not recognised: use the form 26.11.2026.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="62" />
            <source>Укажите наименование.</source>
            <translation>Enter the name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="68" />
            <source>Инвентарный номер длиннее 64 знаков.</source>
            <translation>The inventory number is longer than 64 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="101" />
            <source>Стоимость</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="101" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="102" />
            <source>Минимальный остаток</source>
            <translation>Minimum stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="113" />
            <source>Оборудование и мебель учитываются в штуках: количество — целое число от 1 (больше 1 — группа одинаковых предметов под одним номером).</source>
            <translation>Equipment and furniture are counted in units: the quantity is a whole number from 1 (more than 1 is a group of identical things under one number).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="128" />
            <source>Дата ввода в эксплуатацию</source>
            <translation>Commissioning date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="232" />
            <source>Позиция списана; вернуть её в работу можно только новой постановкой на учёт.</source>
            <translation>The item is written off; it can return to use only by being put on record again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="235" />
            <source>Чтобы списать позицию, оформите документ «Списание» с причиной.</source>
            <translation>To write an item off, make a “Write-off” document with a reason.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="239" />
            <source>У позиции есть тары реактива: вид изменить нельзя.</source>
            <translation>The item has reagent containers: its kind cannot be changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="354" />
            <source>Инвентарные номера повторяются в поставке.</source>
            <translation>Inventory numbers repeat in the delivery.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="64" />
            <source>Наименование длиннее 300 знаков.</source>
            <translation>The name is longer than 300 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="176" />
            <source>Постановка на учёт</source>
            <translation>Putting on record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="371" />
            <source>Поступление по поставке</source>
            <translation>Receipt by delivery</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="58" />
            <source>Неизвестный вид позиции «{0}».</source>
            <translation>Unknown item kind “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="83" />
            <source>Неизвестное состояние «{0}».</source>
            <translation>Unknown state “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="141" />
            <source>Инвентарный номер «{0}» уже есть у другой позиции. Укажите другой номер или оставьте поле пустым — номер будет присвоен автоматически.</source>
            <translation>Inventory number “{0}” belongs to another item. Give another number or leave the field empty — a number will be assigned automatically.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="77" />
            <source>Значение длиннее {0} знаков.</source>
            <translation>The value is longer than {0} characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="223" />
            <source>Корректировка остатка в карточке</source>
            <translation>Stock correction in the card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="258" />
            <source>У позиции «{0}» уже есть движения или инвентаризации: удалить её нельзя, оформите списание.</source>
            <translation>Item “{0}” already has movements or stock-takings: it cannot be deleted; write it off instead.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="358" />
            <source>Инвентарный номер «{0}» уже есть в инвентаре.</source>
            <translation>Inventory number “{0}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/items.py" line="124" />
            <source>Дата ввода в эксплуатацию «{0}» не распознана: нужен вид 26.11.2026.</source>
            <translation>Commissioning date “{0}” not recognised: use the form 26.11.2026.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="66" />
            <source>Дата документа</source>
            <translation>Document date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="70" />
            <source>Выберите хотя бы одну позицию.</source>
            <translation>Choose at least one item.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="72" />
            <source>Укажите помещение, куда перемещаются позиции.</source>
            <translation>Give the room the items move to.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="74" />
            <source>Укажите, кому выдаются позиции.</source>
            <translation>Give who the items are issued to.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="76" />
            <source>Укажите причину списания.</source>
            <translation>Give the write-off reason.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="85" />
            <source>Количество должно быть больше нуля.</source>
            <translation>The quantity must be greater than zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="141" />
            <source>Выделено из группы {0} документом {1}.</source>
            <translation>Split off group {0} by document {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="64" />
            <source>Неизвестный вид движения «{0}».</source>
            <translation>Unknown movement kind “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="134" />
            <source>«{0}»: часть группы — целое число штук, а не {1}.</source>
            <translation>«{0}»: part of a group is a whole number of units, not {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="162" />
            <source>«{0}» уже находится в этом помещении.</source>
            <translation>“{0}” is already in this room.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="164" />
            <source>Нельзя переместить {0} {1} «{2}»: в наличии только {3}.</source>
            <translation>Cannot move {0} {1} of “{2}”: only {3} in stock.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="101" />
            <source>Позиция «{0}» списана: движения по ней невозможны.</source>
            <translation>Item “{0}” is written off: no movements are possible.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="115" />
            <source>Остаток «{0}» стал бы отрицательным.</source>
            <translation>The stock of “{0}” would become negative.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="191" />
            <source>Нельзя выдать {0} {1} «{2}»: в наличии только {3}.</source>
            <translation>Cannot issue {0} {1} of “{2}”: only {3} in stock.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="196" />
            <source>«{0}» уже выдано: {1}. Сначала оформите возврат.</source>
            <translation>“{0}” is already issued: {1}. Record the return first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="206" />
            <source>«{0}» не выдавалось: возвращать нечего.</source>
            <translation>“{0}” was not issued: nothing to return.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="218" />
            <source>Нельзя списать {0} {1} «{2}»: в наличии только {3}.</source>
            <translation>Cannot write off {0} {1} of “{2}”: only {3} in stock.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/movements.py" line="110" />
            <source>«{0}» учитывается целиком: количество {1}.</source>
            <translation>“{0}” is recorded as a whole: quantity {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="96" />
            <source>Количество в таре</source>
            <translation>Quantity per container</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="100" />
            <source>Дата получения</source>
            <translation>Received on</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="100" />
            <source>Дата вскрытия</source>
            <translation>Opened on</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="101" />
            <source>Срок годности</source>
            <translation>Expiry date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="116" />
            <source>Тару нельзя вскрыть раньше, чем её получили.</source>
            <translation>A container cannot be opened before it was received.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="188" />
            <source>Тара</source>
            <translation>Container</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="176" />
            <source>Тару можно добавить только к реактиву.</source>
            <translation>Containers can be added to reagents only.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="42" />
            <source>Неизвестная группа хранения «{0}».</source>
            <translation>Unknown storage group “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="110" />
            <source>«{0}»: «{1}» — не дата (нужен вид 26.11.2026).</source>
            <translation>“{0}”: “{1}” is not a date (use the form 26.11.2026).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="151" />
            <source>Истекла поверка «{0}» ({1}): средство измерения нельзя использовать до новой поверки.</source>
            <translation>Verification of «{0}» expired ({1}): the instrument cannot be used until it is verified again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="152" />
            <source>Поверка «{0}» действует до {1}: запишите прибор на поверку.</source>
            <translation>Verification of «{0}» is valid until {1}: book it for verification.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="155" />
            <source>Просрочено обслуживание «{0}» (срок {1}).</source>
            <translation>Maintenance of «{0}» is overdue (due {1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="156" />
            <source>Плановое обслуживание «{0}» до {1}.</source>
            <translation>Scheduled maintenance of «{0}» by {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="107" />
            <source> (партия {0})</source>
            <translation> (batch {0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="129" />
            <source>Несовместимое хранение в «{0}»: «{1}» ({2}) и «{3}» ({4}).</source>
            <translation>Incompatible storage in “{0}”: “{1}” ({2}) and “{3}” ({4}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="173" />
            <source>Мало на складе: «{0}» — {1} {2} при минимуме {3}.</source>
            <translation>Low stock: “{0}” — {1} {2}, minimum {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="109" />
            <source>Просрочен реактив «{0}»{1}: срок годности истёк {2}.</source>
            <translation>Reagent “{0}”{1} expired on {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stock_alerts.py" line="112" />
            <source>Истекает срок годности «{0}»{1}: до {2}.</source>
            <translation>“{0}”{1} expires: until {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/validation.py" line="31" />
            <source>Номер CAS «{0}» неверен: нужен вид 7647-01-0 с верной контрольной цифрой.</source>
            <translation>CAS number “{0}” is wrong: use the form 7647-01-0 with a correct check digit.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/validation.py" line="77" />
            <source>Поле «{0}» обязательно.</source>
            <translation>Field “{0}” is required.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/validation.py" line="89" />
            <source>«{0}»: «{1}» — не число.</source>
            <translation>“{0}”: “{1}” is not a number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/validation.py" line="91" />
            <source>«{0}» не может быть отрицательным.</source>
            <translation>“{0}” cannot be negative.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/validation.py" line="93" />
            <source>«{0}»: слишком большое значение.</source>
            <translation>“{0}”: the value is too large.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/validation.py" line="48" />
            <source>Пиктограмма «{0}» неизвестна: допустимы GHS01–GHS09.</source>
            <translation>Unknown pictogram “{0}”: GHS01–GHS09 are allowed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/validation.py" line="65" />
            <source>Фраза опасности «{0}» записана неверно: нужен вид H225, H319.</source>
            <translation>Hazard statement “{0}” is wrong: use the form H225, H319.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="27" />
            <source>Паспорт</source>
            <translation>Passport</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="27" />
            <source>Свидетельство о поверке</source>
            <translation>Verification certificate</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="27" />
            <source>Паспорт безопасности (SDS)</source>
            <translation>Safety data sheet (SDS)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="27" />
            <source>Сертификат</source>
            <translation>Certificate</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="27" />
            <source>Фото</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="27" />
            <source>Другое</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="11" />
            <source>Оборудование</source>
            <translation>Equipment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="11" />
            <source>Мебель</source>
            <translation>Furniture</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="11" />
            <source>Расходные материалы</source>
            <translation>Consumables</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="11" />
            <source>Реактивы</source>
            <translation>Reagents</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="17" />
            <source>В эксплуатации</source>
            <translation>In use</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="17" />
            <source>На ремонте</source>
            <translation>Under repair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="17" />
            <source>Не введено</source>
            <translation>Not entered</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="17" />
            <source>Списано</source>
            <translation>Written off</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="23" />
            <source>Поступление</source>
            <translation>Receipt</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="23" />
            <source>Перемещение</source>
            <translation>Transfer</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="23" />
            <source>Выдача</source>
            <translation>Issue</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="23" />
            <source>Возврат</source>
            <translation>Return</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="23" />
            <source>Списание</source>
            <translation>Write-off</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="39" />
            <source>Общего хранения</source>
            <translation>General storage</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="39" />
            <source>Кислоты</source>
            <translation>Acids</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="39" />
            <source>Щёлочи и основания</source>
            <translation>Alkalis and bases</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="39" />
            <source>Окислители</source>
            <translation>Oxidisers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="39" />
            <source>Легковоспламеняющиеся (ЛВЖ)</source>
            <translation>Flammable liquids</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="39" />
            <source>Восстановители</source>
            <translation>Reducing agents</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="39" />
            <source>Реагирующие с водой</source>
            <translation>Water-reactive</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="39" />
            <source>Ядовитые</source>
            <translation>Toxic</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Взрывчатые вещества</source>
            <translation>Explosives</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Воспламеняющиеся</source>
            <translation>Flammable</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Окисляющие</source>
            <translation>Oxidising</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Газы под давлением</source>
            <translation>Gases under pressure</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Коррозионные</source>
            <translation>Corrosive</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Токсичные</source>
            <translation>Toxic</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Вредные (раздражающие)</source>
            <translation>Harmful (irritant)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Опасные для здоровья</source>
            <translation>Health hazard</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/vocabulary.py" line="58" />
            <source>Опасные для окружающей среды</source>
            <translation>Hazardous to the environment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="158" />
            <source>Удалён файл «{0}» вместе с карточкой «{1}»</source>
            <translation>File «{0}» deleted with the card «{1}»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/positions.py" line="76" />
            <source>Укажите фамилию и инициалы материально ответственного лица.</source>
            <translation>Give the custodian's surname and initials.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/positions.py" line="79" />
            <source>«{0}»: должность длиннее {1} знаков — сократите её.</source>
            <translation>«{0}»: the position is longer than {1} characters — shorten it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/_common.py" line="27" />
            <source>Помещение, выбранное в списке, уже удалено — обновите список (F5).</source>
            <translation>The room chosen in the list has been deleted — refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="125" />
            <source>Файл, выбранный в карточке, уже удалён — закройте карточку и откройте её снова.</source>
            <translation>The file chosen in the card has been deleted — close the card and open it again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/attachments.py" line="137" />
            <source>Этот файл уже удалён (возможно, с другого компьютера).</source>
            <translation>This file has already been deleted (perhaps from another computer).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/item_list.py" line="75" />
            <source>Список инвентаря не знает фильтра «{0}». Известные фильтры: {1}.</source>
            <translation>The inventory list has no filter «{0}». Its filters: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/reagents.py" line="189" />
            <source>партия {0}</source>
            <translation>lot {0}</translation>
        </message>
    </context>
    <context>
        <name>InventoryAlerts</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_alerts.py" line="105" />
            <source>Замечаний нет.</source>
            <translation>No remarks.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_alerts.py" line="109" />
            <source>Оповещения ({0})</source>
            <translation>Alerts ({0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_alerts.py" line="101" />
            <source>Показать все оповещения</source>
            <translation>Show all alerts</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_alerts.py" line="99" />
            <source>… и ещё {0}</source>
            <translation>… and {0} more</translation>
        </message>
    </context>
    <context>
        <name>InventoryForms</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_fields.py" line="31" />
            <source>дд.мм.гггг</source>
            <translation>dd.mm.yyyy</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_fields.py" line="46" />
            <source>Дата ещё не наступила.</source>
            <translation>The date has not come yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_fields.py" line="72" />
            <source>Обязательное поле.</source>
            <translation>Required field.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_fields.py" line="74" />
            <source>Не может быть отрицательным.</source>
            <translation>Cannot be negative.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_fields.py" line="76" />
            <source>Должно быть больше нуля.</source>
            <translation>Must be greater than zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_fields.py" line="70" />
            <source>Нужно число, например 1 234,50.</source>
            <translation>A number is needed, e.g. 1 234.50.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/inventory_fields.py" line="44" />
            <source>Дата не распознана: нужен вид 26.11.2026.</source>
            <translation>Date not recognised: use the form 26.11.2026.</translation>
        </message>
    </context>
    <context>
        <name>InventoryImport</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="61" />
            <source>— из файла; новое название создаст помещение —</source>
            <translation>— from the file; a new name creates the room —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="66" />
            <source>одна карточка-группа</source>
            <translation>one group card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="68" />
            <source>N карточек по штуке</source>
            <translation>N single-unit cards</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="89" />
            <source>Что будет</source>
            <translation>What happens</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="97" />
            <source>Не данные</source>
            <translation>Not data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="44" />
            <source>строк</source>
            <translation>rows</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="53" />
            <source>Помещение для строк без помещения:</source>
            <translation>Room for rows without a room:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="65" />
            <source>Строка из N одинаковых предметов:</source>
            <translation>A row of N identical things:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="82" />
            <source>Строка</source>
            <translation>Row</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="82" />
            <source>Действие</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="82" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="82" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="82" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="83" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="83" />
            <source>Пояснение</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="92" />
            <source>Почему не данные</source>
            <translation>Why it is not data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="39" />
            <source>Импорт инвентаря: {0}</source>
            <translation>Inventory import: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="118" />
            <source>Что будет: создать {0}, обновить {1}, пропустить {2}</source>
            <translation>What happens: create {0}, update {1}, skip {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/inventory_import.py" line="127" />
            <source>Не данные ({0})</source>
            <translation>Not data ({0})</translation>
        </message>
    </context>
    <context>
        <name>InventoryPage</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="385" />
            <source>Помещение: {0}</source>
            <translation>Room: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="207" />
            <source>Все помещения</source>
            <translation>All rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="212" />
            <source>Любое состояние</source>
            <translation>Any state</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="220" />
            <source>Все</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="220" />
            <source>Оборудование</source>
            <translation>Equipment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="220" />
            <source>Мебель</source>
            <translation>Furniture</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="221" />
            <source>Расходные</source>
            <translation>Consumables</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="221" />
            <source>Реактивы</source>
            <translation>Reagents</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="224" />
            <source>Помещение:</source>
            <translation>Room:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="225" />
            <source>Состояние:</source>
            <translation>State:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="226" />
            <source>Списанные</source>
            <translation>Written off</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="228" />
            <source>Движение</source>
            <translation>Movement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="230" />
            <source>Выдача сотруднику…</source>
            <translation>Issue to an employee…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="231" />
            <source>Возврат…</source>
            <translation>Return…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="231" />
            <source>Поступление (приход)…</source>
            <translation>Receipt…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="232" />
            <source>Списание…</source>
            <translation>Write-off…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="236" />
            <source>Инвентаризация</source>
            <translation>Stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="238" />
            <source>Этикетки</source>
            <translation>Labels</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="243" />
            <source>Позиция</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_excel.py" line="25" />
            <source>Импорт инвентаря из Excel</source>
            <translation>Import inventory from Excel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_excel.py" line="26" />
            <source>Книги Excel (*.xlsx)</source>
            <translation>Excel workbooks (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_excel.py" line="41" />
            <source>Чтение файла Excel…</source>
            <translation>Reading the Excel file…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_excel.py" line="54" />
            <source>Импорт завершён</source>
            <translation>Import finished</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_excel.py" line="66" />
            <source>Экспорт в Excel</source>
            <translation>Export to Excel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_excel.py" line="81" />
            <source>Экспорт в Excel…</source>
            <translation>Export to Excel…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="457" />
            <source>позицию «{0}»{1}</source>
            <translation>item “{0}”{1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="365" />
            <source>Выбрано позиций: {0}</source>
            <translation>Items selected: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="388" />
            <source>Количество: {0} {1}</source>
            <translation>Quantity: {0} {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="489" />
            <source>Проведён документ {0}.</source>
            <translation>Document {0} posted.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="378" />
            <source>Инв. номер: {0}</source>
            <translation>Inv. No.: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="381" />
            <source>Модель: {0}</source>
            <translation>Model: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="383" />
            <source>Зав. номер: {0}</source>
            <translation>Serial No.: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="387" />
            <source>МОЛ: {0}</source>
            <translation>Custodian: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="390" />
            <source>Минимальный остаток: {0}</source>
            <translation>Minimum stock: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="392" />
            <source>Стоимость: {0}</source>
            <translation>Cost: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_excel.py" line="57" />
            <source>строка {0}: {1}</source>
            <translation>row {0}: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="398" />
            <source>Выдано: {0}</source>
            <translation>Issued: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_excel.py" line="77" />
            <source>Выгружено позиций: {0} → {1}</source>
            <translation>Items exported: {0} → {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="586" />
            <source>Подготовка документа «{0}»…</source>
            <translation>Preparing document “{0}”…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="371" />
            <source>Выберите позицию в списке.</source>
            <translation>Choose an item in the list.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="394" />
            <source>Введено в эксплуатацию: {0}</source>
            <translation>Commissioned: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="396" />
            <source>Ближайший срок годности: {0}</source>
            <translation>Nearest expiry date: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="400" />
            <source>Остаток ниже минимального.</source>
            <translation>Stock below the minimum.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="52" />
            <source>Инвентарь лабораторий и мастерских</source>
            <translation>Lab and workshop inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="230" />
            <source>Перемещение в другое помещение…</source>
            <translation>Move to another room…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="477" />
            <source>Выберите в списке позиции для документа.</source>
            <translation>Choose the items for the document in the list.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="487" />
            <source>Проведён документ {0}: {1}, позиций {2}.</source>
            <translation>Document {0} posted: {1}, {2} items.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="402" />
            <source>Есть тары с истёкшим или истекающим сроком.</source>
            <translation>Some containers have expired or are expiring.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="43" />
            <source>Инв. номер</source>
            <translation>Inv. No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="43" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="44" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="45" />
            <source>Состояние</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="45" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="45" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="46" />
            <source>Стоимость</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="46" />
            <source>Годен до</source>
            <translation>Expires</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="43" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="44" />
            <source>Модель</source>
            <translation>Model</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="47" />
            <source>Выдано</source>
            <translation>Issued</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="47" />
            <source>Внимание</source>
            <translation>Attention</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="46" />
            <source>Ввод</source>
            <translation>Entry</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="44" />
            <source>Зав. номер</source>
            <translation>Serial No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="47" />
            <source>В эксплуатации</source>
            <translation>In use</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="48" />
            <source>На ремонте</source>
            <translation>Under repair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="48" />
            <source>Не введено</source>
            <translation>Not entered</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="48" />
            <source>Списано</source>
            <translation>Written off</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="49" />
            <source>Мало</source>
            <translation>Low</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="49" />
            <source>Истекает срок</source>
            <translation>Expiring</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory_columns.py" line="49" />
            <source>Просрочено</source>
            <translation>Expired</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="403" />
            <source>Enter или двойной щелчок — карточка с историей.</source>
            <translation>Enter or double click — the card with its history.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="55" />
            <source>Нет позиций. Добавьте (Ctrl+N) или импортируйте из Excel (Ctrl+I).</source>
            <translation>No items. Add one (Ctrl+N) or import from Excel (Ctrl+I).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="227" />
            <source>Показывать и списанные позиции (они остаются в истории)</source>
            <translation>Show written-off items too (they stay in the history)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="237" />
            <source>Инвентаризация помещения: сканирование, расхождения, опись (Ctrl+T)</source>
            <translation>Room stock-taking: scanning, discrepancies, list (Ctrl+T)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="229" />
            <source>Перемещение, выдача, возврат, поступление, списание выбранных позиций</source>
            <translation>Move, issue, return, receive or write off the chosen items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="241" />
            <source>МОЛ</source>
            <translation>Custodian</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="242" />
            <source>Материально ответственные лица и их должности для подписей на формах</source>
            <translation>Custodians and their positions for the forms' signatures</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="280" />
            <source>Показать весь инвентарь</source>
            <translation>Show the whole inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="462" />
            <source> вместе с её файлами ({0})</source>
            <translation> with its files ({0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="535" />
            <source>Печать</source>
            <translation>Print</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="535" />
            <source>В списке нет позиций: измените поиск или фильтры.</source>
            <translation>The list shows no items: change the search or the filters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="239" />
            <source>Лист этикеток с QR-кодами для выбранных позиций или для всего, что показывает список (Ctrl+L)</source>
            <translation>A sheet of QR labels for the selected items or for everything the list shows (Ctrl+L)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="560" />
            <source>Отбор: весь список</source>
            <translation>Selection: the whole list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="555" />
            <source>У позиций списка нет инвентарных номеров — этикетки печатать не для чего.</source>
            <translation>The items of the list have no inventory numbers: there is nothing to print labels for.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="562" />
            <source>Этикеток: {0} на {1} листах A4.
{2}

Составить лист этикеток?</source>
            <translation>Labels: {0} on {1} A4 sheets.
{2}

Make the label sheet?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="565" />
            <source>Составить ({0} л.)</source>
            <translation>Make ({0} sheets)</translation>
        </message>
    </context>
    <context>
        <name>InventoryXlsx</name>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="508" />
            <source>Инвентарь</source>
            <translation>Inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="472" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="477" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="482" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="470" />
            <source>Инвентарный номер</source>
            <translation>Inventory number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="471" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="473" />
            <source>Модель</source>
            <translation>Model</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="474" />
            <source>Заводской номер</source>
            <translation>Serial number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="475" />
            <source>Производитель</source>
            <translation>Manufacturer</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="479" />
            <source>МОЛ</source>
            <translation>Custodian</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="480" />
            <source>Состояние</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="481" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="483" />
            <source>Минимальный остаток</source>
            <translation>Minimum stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="484" />
            <source>Стоимость, ₽</source>
            <translation>Cost, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="485" />
            <source>Дата ввода</source>
            <translation>Commissioned on</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="497" />
            <source>Годен до</source>
            <translation>Expires</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="388" />
            <source>«{0}»: «{1}» — не число.</source>
            <translation>“{0}”: “{1}” is not a number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="434" />
            <source>«{0}» длиннее {1} знаков.</source>
            <translation>“{0}” is longer than {1} characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="437" />
            <source>Не указано наименование.</source>
            <translation>No name given.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="392" />
            <source>«{0}»: слишком большое значение.</source>
            <translation>“{0}”: the value is too large.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="406" />
            <source>«{0}»: дата {1} ещё не наступила.</source>
            <translation>“{0}”: the date {1} has not come yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="390" />
            <source>«{0}» не может быть отрицательным ({1}).</source>
            <translation>“{0}” cannot be negative ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="403" />
            <source>«{0}»: «{1}» — не дата (нужен вид 26.11.2026).</source>
            <translation>“{0}”: “{1}” is not a date (use the form 26.11.2026).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="428" />
            <source>Группа хранения «{0}» не распознана.</source>
            <translation>Storage group “{0}” not recognised.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="413" />
            <source>Вид «{0}» не распознан: оборудование, мебель, расходный материал или реактив.</source>
            <translation>Kind “{0}” not recognised: equipment, furniture, consumable or reagent.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="420" />
            <source>Состояние «{0}» не распознано: в эксплуатации, на ремонте, не введено, списано.</source>
            <translation>State “{0}” not recognised: in use, under repair, not commissioned, written off.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="395" />
            <source>«{0}»: {1} — при хранении с точностью {2} знака после запятой станет нулём. Проверьте единицы измерения.</source>
            <translation>«{0}»: {1} becomes zero when stored with {2} decimal places. Check the units.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="325" />
            <source>строка с номерами граф</source>
            <translation>the row of column numbers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="327" />
            <source>повтор строки заголовков</source>
            <translation>the header repeated</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="329" />
            <source>блок подписей</source>
            <translation>signature block</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="194" />
            <source>Лист «{0}»: не найдена строка заголовков таблицы в первых {1} строках. Нужны столбцы «Наименование» и хотя бы один из «Инвентарный номер», «Количество», «Помещение», «Вид»; проверьте названия столбцов или воспользуйтесь шаблоном.</source>
            <translation>Sheet «{0}»: no table header in the first {1} rows. Columns «Наименование» and at least one of «Инвентарный номер», «Количество», «Помещение», «Вид» are needed; check the column names or use the template.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="332" />
            <source>нет наименования объекта</source>
            <translation>no object name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="247" />
            <source>Лист «{0}»: нет столбца «Наименование» (строка заголовков {1}): без него импорт невозможен. Укажите, какой столбец — наименование.</source>
            <translation>Sheet «{0}»: no «Наименование» column (header row {1}): nothing can be imported without it. Say which column is the name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="476" />
            <source>Страна</source>
            <translation>Country</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="486" />
            <source>Счёт учёта</source>
            <translation>Accounting account</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="487" />
            <source>Номер по учёту</source>
            <translation>Accounting number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="489" />
            <source>Формула</source>
            <translation>Formula</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="491" />
            <source>H-фразы</source>
            <translation>H-statements</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="492" />
            <source>Группа хранения</source>
            <translation>Storage group</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="493" />
            <source>Партия</source>
            <translation>Batch</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="494" />
            <source>Поставщик</source>
            <translation>Supplier</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="495" />
            <source>Дата получения</source>
            <translation>Received on</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="496" />
            <source>Дата вскрытия</source>
            <translation>Opened on</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="498" />
            <source>Место хранения</source>
            <translation>Storage place</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="499" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="500" />
            <source>Дополнительные поля</source>
            <translation>Custom fields</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="202" />
            <source>Лист «{0}» пуст: в нём нет ни одной строки.</source>
            <translation>Sheet «{0}» is empty: it has no rows.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="460" />
            <source>Оборудование и мебель учитываются в штуках: количество — целое число от 1 (указано {0}).</source>
            <translation>Equipment and furniture are counted in units: the quantity is a whole number from 1 (given {0}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="288" />
            <source>после итоговой строки «Всего» (подписи)</source>
            <translation>after the grand total «Всего» (signatures)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="283" />
            <source>итоговая строка «Всего»</source>
            <translation>the grand total row «Всего»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="284" />
            <source>строка итогов («Итого»)</source>
            <translation>a subtotal row («Итого»)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="302" />
            <source>выбыло в периоде (остаток на конец — 0)</source>
            <translation>disposed of in the period (closing balance 0)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="278" />
            <source>заголовок счёта {0}</source>
            <translation>account caption {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="380" />
            <source>«{0}»: нужен объект JSON вида {{"поле": значение}}.</source>
            <translation>«{0}»: a JSON object like {{"field": value}} is needed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/layout.py" line="249" />
            <source>остаток на конец периода — то, что числится сейчас</source>
            <translation>the closing balance is what is recorded now</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/layout.py" line="250" />
            <source>название столбца совпадает точно</source>
            <translation>the column name matches exactly</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/layout.py" line="250" />
            <source>он левее</source>
            <translation>it is further left</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/layout.py" line="251" />
            <source>«{0}»: взят столбец «{1}» ({2}), потому что {3}; не импортируются: {4}.</source>
            <translation>«{0}»: column «{1}» ({2}) is taken because {3}; not imported: {4}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="52" />
            <source>Стоимость</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="52" />
            <source>Сумма</source>
            <translation>Sum</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="478" />
            <source>Корпус</source>
            <translation>Building</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="488" />
            <source>CAS</source>
            <translation>CAS</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="490" />
            <source>Пиктограммы СГС</source>
            <translation>GHS pictograms</translation>
        </message>
    </context>
    <context>
        <name>ItemCard</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="105" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="171" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="174" />
            <source>Фамилия И. О.</source>
            <translation>Surname I. O.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="219" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="259" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="40" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="40" />
            <source>Партия</source>
            <translation>Batch</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="40" />
            <source>Поставщик</source>
            <translation>Supplier</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="40" />
            <source>Получено</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="40" />
            <source>Вскрыто</source>
            <translation>Opened</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="41" />
            <source>Годен до</source>
            <translation>Expires</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="41" />
            <source>Место хранения</source>
            <translation>Storage place</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="111" />
            <source>Наименование *</source>
            <translation>Name *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="126" />
            <source>Инвентарный номер</source>
            <translation>Inventory number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="149" />
            <source>Стоимость, ₽</source>
            <translation>Cost, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="161" />
            <source>Состояние</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="167" />
            <source>— не указано —</source>
            <translation>— not given —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="175" />
            <source>МОЛ</source>
            <translation>Custodian</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="201" />
            <source>Количество *</source>
            <translation>Quantity *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="207" />
            <source>Минимальный остаток</source>
            <translation>Minimum stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="213" />
            <source>Выдано</source>
            <translation>Issued</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="78" />
            <source>Основное</source>
            <translation>General</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="55" />
            <source>Номер CAS</source>
            <translation>CAS number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="64" />
            <source>Формула</source>
            <translation>Formula</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="69" />
            <source>Группа хранения</source>
            <translation>Storage group</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="70" />
            <source>Пиктограммы СГС (GHS)</source>
            <translation>GHS pictograms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="82" />
            <source>H-фразы</source>
            <translation>H-statements</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="86" />
            <source>Тары (упаковки)</source>
            <translation>Containers (packages)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="98" />
            <source>Добавить тару</source>
            <translation>Add container</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="100" />
            <source>Убрать тару</source>
            <translation>Remove container</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="112" />
            <source>Вещество и тары</source>
            <translation>Substance and containers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="235" />
            <source>Добавить поле</source>
            <translation>Add field</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="237" />
            <source>Удалить поле</source>
            <translation>Delete field</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="244" />
            <source>Доп. поля</source>
            <translation>Extra fields</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="267" />
            <source>История</source>
            <translation>History</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="139" />
            <source>Модель</source>
            <translation>Model</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="139" />
            <source>Заводской номер</source>
            <translation>Serial number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="140" />
            <source>Производитель</source>
            <translation>Manufacturer</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="140" />
            <source>Страна</source>
            <translation>Country</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="229" />
            <source>Поле</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="229" />
            <source>Значение</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="259" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="259" />
            <source>Документ</source>
            <translation>Document</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="260" />
            <source>Откуда</source>
            <translation>From</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="260" />
            <source>Куда / кому</source>
            <translation>To / whom</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="260" />
            <source>Основание</source>
            <translation>Grounds</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="435" />
            <source>Укажите наименование.</source>
            <translation>Enter the name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="274" />
            <source>Новая позиция: {0}</source>
            <translation>New item: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="134" />
            <source>Срок годности истёк</source>
            <translation>Expired</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="284" />
            <source>Карточка: {0} {1}</source>
            <translation>Card: {0} {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="118" />
            <source>присваивается автоматически</source>
            <translation>assigned automatically</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="154" />
            <source>Дата ввода в эксплуатацию</source>
            <translation>Commissioning date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="121" />
            <source>Присвоить следующий номер по шаблону</source>
            <translation>Assign the next number by the pattern</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="135" />
            <source>Срок годности истекает в ближайшие 30 дней</source>
            <translation>Expires within 30 days</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="162" />
            <source>Тара {0}: количество «{1}» — не число.</source>
            <translation>Container {0}: quantity “{1}” is not a number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card_reagent.py" line="168" />
            <source>Тара {0}: «{1}» — не дата (нужен вид 26.11.2026).</source>
            <translation>Container {0}: “{1}” is not a date (use the form 26.11.2026).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="443" />
            <source>Неверный номер CAS: нужен вид 7647-01-0 с верной контрольной цифрой.</source>
            <translation>Invalid CAS number: use the form 7647-01-0 with a correct check digit.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="421" />
            <source>Количество реактива — сумма его тар (вкладка «Вещество и тары»).</source>
            <translation>A reagent's quantity is the sum of its containers (the “Substance and containers” tab).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="226" />
            <source>Дополнительные поля: название и значение (например «Поверка до» — «01.03.2027»).</source>
            <translation>Extra fields: name and value (e.g. “Calibrated until” — “01.03.2027”).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="351" />
            <source>Позиция списана: карточка только для просмотра, история сохранена.</source>
            <translation>The item is written off: the card is read-only, the history is kept.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="178" />
            <source>например, 101.34</source>
            <translation>e.g. 101.34</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="180" />
            <source>Счёт учёта</source>
            <translation>Accounting account</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="184" />
            <source>Номер объекта в бухгалтерском учёте, если он отличается от инвентарного (например, номер группы, из которой выделен предмет).</source>
            <translation>The object's number in the accounting records when it differs from the inventory number (e.g. the group the item was split off).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="186" />
            <source>Номер по учёту</source>
            <translation>Accounting number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="248" />
            <source>Поверка и обслуживание</source>
            <translation>Verification and maintenance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="252" />
            <source>Файлы</source>
            <translation>Files</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/item_card.py" line="426" />
            <source>1 — один предмет; больше 1 — группа одинаковых предметов под одним инвентарным номером.</source>
            <translation>1 — a single item; more than 1 — a group of identical items under one inventory number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/substance_offer.py" line="26" />
            <source>формула</source>
            <translation>formula</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/substance_offer.py" line="34" />
            <source>пиктограммы</source>
            <translation>pictograms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/substance_offer.py" line="37" />
            <source>группа хранения</source>
            <translation>storage group</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/substance_offer.py" line="38" />
            <source>Вещество «{0}» уже есть в справочнике (карточек: {1}).</source>
            <translation>Substance «{0}» is already known (cards: {1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/substance_offer.py" line="40" />
            <source>Подставлено из справочника: {0}.</source>
            <translation>Filled in from the substance: {0}.</translation>
        </message>
    </context>
    <context>
        <name>ItemPicker</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="74" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="53" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="53" />
            <source>Инв. номер</source>
            <translation>Inv. No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="53" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="53" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="102" />
            <source>Выберите позицию в списке.</source>
            <translation>Choose an item in the list.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="73" />
            <source>Связать</source>
            <translation>Link</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="42" />
            <source>Строка листа: {0}</source>
            <translation>List row: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="64" />
            <source>всё количество позиции</source>
            <translation>the item's whole quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="66" />
            <source>Засчитать количество</source>
            <translation>Count the quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="36" />
            <source>Связать позицию инвентаря</source>
            <translation>Link an inventory item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="48" />
            <source>Поиск по названию, инвентарному или серийному номеру…</source>
            <translation>Search by name, inventory or serial number…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_item_picker.py" line="110" />
            <source>Количество должно быть числом больше нуля или пустым.</source>
            <translation>The quantity must be a number above zero or empty.</translation>
        </message>
    </context>
    <context>
        <name>Journal</name>
        <message>
            <location filename="../../chemcluster_desktop/areas.py" line="+126" />
            <source>Инвентарь</source>
            <translation>Inventory</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Аккредитация</source>
            <translation>Accreditation</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Расписание</source>
            <translation>Timetable</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Закупки</source>
            <translation>Procurement</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Кластер</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="46" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="47" />
            <source>Импорт</source>
            <translation>Import</translation>
        </message>
        <message>
            <location line="-157" />
            <source>Здание</source>
            <translation>Building</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location line="+60" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Школа</source>
            <translation>School</translation>
        </message>
        <message>
            <location line="+75" />
            <source>Показатель</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="70" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="70" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="74" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="74" />
            <source>Адрес</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="76" />
            <source>Код</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="44" />
            <source>Создание</source>
            <translation>Creation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="45" />
            <source>Изменение</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="50" />
            <source>Вход</source>
            <translation>Log in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="51" />
            <source>Неудачный вход</source>
            <translation>Failed log-in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="53" />
            <source>Восстановление базы</source>
            <translation>Database restore</translation>
        </message>
        <message>
            <location line="-166" />
            <source>Пользователь</source>
            <translation>User</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Роль</source>
            <translation>Role</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Настройка</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Счётчик номеров</source>
            <translation>Number counter</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Попытка входа</source>
            <translation>Log-in attempt</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Запись журнала</source>
            <translation>Journal entry</translation>
        </message>
        <message>
            <location line="+1" />
            <source>База данных</source>
            <translation>Database</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Позиция инвентаря</source>
            <translation>Inventory item</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Тара реактива</source>
            <translation>Reagent container</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Вещество</source>
            <translation>Substance</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Движение</source>
            <translation>Movement</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Строка движения</source>
            <translation>Movement line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Инвентаризация</source>
            <translation>Stock-taking</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Строка инвентаризации</source>
            <translation>Stock-taking line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Решение об инвентаризации</source>
            <translation>Stock-taking decision</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Член инвентаризационной комиссии</source>
            <translation>Stock-taking commission member</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Прикреплённый файл</source>
            <translation>Attached file</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Должность МОЛ</source>
            <translation>Position of the custodian</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Компетенция</source>
            <translation>Competency</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Инфраструктурный лист</source>
            <translation>Infrastructure list</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Позиция ИЛ</source>
            <translation>Infrastructure list item</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Помещение мастерской</source>
            <translation>Workshop room</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Строка чек-листа</source>
            <translation>Checklist line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Связь чек-листа</source>
            <translation>Checklist link</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Фото</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Договор пользования/аренды</source>
            <translation>Loan/lease agreement</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Член комиссии</source>
            <translation>Commission member</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Точка восстановления аккредитации</source>
            <translation>Accreditation restore point</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Класс</source>
            <translation>Class</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Преподаватель</source>
            <translation>Instructor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Модуль преподавателя</source>
            <translation>Instructor's module</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Модуль</source>
            <translation>Module</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Модуль мастерской</source>
            <translation>Workshop's module</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Период</source>
            <translation>Period</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Каникулы</source>
            <translation>Holidays</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Строка нагрузки</source>
            <translation>Load line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Время урока</source>
            <translation>Period time</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Занятие</source>
            <translation>Lesson</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Модуль ФРП</source>
            <translation>Federal programme module</translation>
        </message>
        <message>
            <location line="+1" />
            <source>День производственного календаря</source>
            <translation>Production calendar day</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Точка восстановления расписания</source>
            <translation>Timetable restore point</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Поставщик</source>
            <translation>Supplier</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Потребность</source>
            <translation>Need</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Строка плана-графика</source>
            <translation>Procurement schedule line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Этап строки плана-графика</source>
            <translation>Plan line step</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Контракт</source>
            <translation>Contract</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Платёж</source>
            <translation>Payment</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Поставка</source>
            <translation>Delivery</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Строка поставки</source>
            <translation>Delivery line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Принятая позиция поставки</source>
            <translation>Accepted delivery item</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Запрос цен</source>
            <translation>Request for prices</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Позиция контракта</source>
            <translation>Contract position</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Участник кластера</source>
            <translation>Cluster participant</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Направление подготовки</source>
            <translation>Training direction</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Значение показателя</source>
            <translation>Indicator value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="68" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="68" />
            <source>ФИО</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="68" />
            <source>Логин</source>
            <translation>Login</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="69" />
            <source>Вход разрешён</source>
            <translation>Log-in allowed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="69" />
            <source>Пароль</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="69" />
            <source>Неудачных входов</source>
            <translation>Failed log-ins</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="70" />
            <source>Состояние</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="70" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="71" />
            <source>Стоимость</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="71" />
            <source>Цена</source>
            <translation>Price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="71" />
            <source>Сумма</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="71" />
            <source>Инв. номер</source>
            <translation>Inv. No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="72" />
            <source>Заводской номер</source>
            <translation>Serial number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="72" />
            <source>Модель</source>
            <translation>Model</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="72" />
            <source>Производитель</source>
            <translation>Manufacturer</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="73" />
            <source>Помещение (№)</source>
            <translation>Room (No.)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="73" />
            <source>Здание (№)</source>
            <translation>Building (No.)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="73" />
            <source>Ответственный</source>
            <translation>Responsible</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="74" />
            <source>Номер</source>
            <translation>Number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="75" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="75" />
            <source>Значение</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="75" />
            <source>Ключ</source>
            <translation>Key</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="75" />
            <source>Рабочих мест</source>
            <translation>Workplaces</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="76" />
            <source>Дата ввода</source>
            <translation>Commissioned on</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="76" />
            <source>Мин. остаток</source>
            <translation>Min. stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="77" />
            <source>Заголовок</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="77" />
            <source>Год</source>
            <translation>Year</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="77" />
            <source>НМЦК</source>
            <translation>Initial max. price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="77" />
            <source>№ записи</source>
            <translation>Record No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="201" />
            <source>да</source>
            <translation>yes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="201" />
            <source>нет</source>
            <translation>no</translation>
        </message>
        <message>
            <location line="-169" />
            <source>Пользователи и справочники</source>
            <translation>Users and reference data</translation>
        </message>
        <message>
            <location line="+129" />
            <source>Источник финансирования</source>
            <translation>Funding source</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Коммерческое предложение</source>
            <translation>Commercial offer</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="210" />
            <source>Запись журнала не найдена.</source>
            <translation>Journal entry not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="48" />
            <source>Генерация расписания</source>
            <translation>Timetable generation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="49" />
            <source>Очистка расписания</source>
            <translation>Timetable cleared</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/journal.py" line="52" />
            <source>Выход</source>
            <translation>Log-out</translation>
        </message>
    </context>
    <context>
        <name>JournalPage</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="55" />
            <source>Создание</source>
            <translation>Creation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="55" />
            <source>Изменение</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="56" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="56" />
            <source>Импорт</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="57" />
            <source>Вход</source>
            <translation>Log in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="57" />
            <source>Неудачный вход</source>
            <translation>Failed log-in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="59" />
            <source>Восстановление базы</source>
            <translation>Database restore</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="76" />
            <source>Пользователь</source>
            <translation>User</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="154" />
            <source>Пользователь:</source>
            <translation>User:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="159" />
            <source>№</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="161" />
            <source>Поле</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="67" />
            <source>Журнал изменений</source>
            <translation>Change journal</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="75" />
            <source>Когда</source>
            <translation>When</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="77" />
            <source>Действие</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="79" />
            <source>Раздел</source>
            <translation>Section</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="80" />
            <source>Запись</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="81" />
            <source>Описание</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="155" />
            <source>Раздел:</source>
            <translation>Section:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="156" />
            <source>Действие:</source>
            <translation>Action:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="157" />
            <source>За период</source>
            <translation>For the period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="158" />
            <source>Запись №:</source>
            <translation>Record No.:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="160" />
            <source>Сбросить</source>
            <translation>Reset</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="161" />
            <source>Было</source>
            <translation>Before</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="161" />
            <source>Стало</source>
            <translation>After</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="171" />
            <source>все</source>
            <translation>all</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="250" />
            <source>{0}, {1}: {2} — {3} {4}</source>
            <translation>{0}, {1}: {2} — {3} {4}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="240" />
            <source>Выберите запись журнала, чтобы увидеть, что было и что стало.</source>
            <translation>Choose a journal entry to see what it was and what it became.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="70" />
            <source>Записей журнала нет. Здесь появится каждое изменение данных: кто, когда и что изменил.</source>
            <translation>No journal entries. Every change of data appears here: who changed what and when.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="60" />
            <source>Генерация расписания</source>
            <translation>Timetable generation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="60" />
            <source>Очистка расписания</source>
            <translation>Timetable cleared</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="58" />
            <source>Выход</source>
            <translation>Log-out</translation>
        </message>
    </context>
    <context>
        <name>LoanDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="29" />
            <source>Договор пользования или аренды</source>
            <translation>Loan or lease agreement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="40" />
            <source>Вид договора</source>
            <translation>Agreement kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="45" />
            <source>Организация, предоставившая оборудование</source>
            <translation>Organisation lending the equipment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="43" />
            <source>Партнёр *</source>
            <translation>Partner *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="46" />
            <source>Номер договора *</source>
            <translation>Agreement No. *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="48" />
            <source>Дата договора *</source>
            <translation>Agreement date *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="53" />
            <source>Срок с</source>
            <translation>Term from</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="55" />
            <source>Срок по *</source>
            <translation>Term until *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="57" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="63" />
            <source>Записать</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="34" />
            <source>Строка листа: {0}. Требуется {1} {2}, в наличии {3}.</source>
            <translation>List line: {0}. Required {1} {2}, available {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/loan_dialog.py" line="50" />
            <source>Количество, {0} *</source>
            <translation>Quantity, {0} *</translation>
        </message>
    </context>
    <context>
        <name>Locations</name>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="+40" />
            <source>Лаборатория</source>
            <translation>Laboratory</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Склад</source>
            <translation>Store</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Кабинет</source>
            <translation>Office</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="106" />
            <source>Укажите название здания.</source>
            <translation>Enter the building name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="108" />
            <source>Название здания длиннее 200 символов; сократите его.</source>
            <translation>The building name is longer than 200 characters; shorten it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="110" />
            <source>Адрес длиннее 300 символов; сократите его.</source>
            <translation>The address is longer than 300 characters; shorten it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="232" />
            <source>Укажите название помещения.</source>
            <translation>Enter the room name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="234" />
            <source>Название помещения длиннее 100 символов; сократите его.</source>
            <translation>The room name is longer than 100 characters; shorten it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="248" />
            <source>ФИО ответственного длиннее 200 символов.</source>
            <translation>The responsible person's name is longer than 200 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="266" />
            <source>Выбранное здание удалено. Выберите другое.</source>
            <translation>The chosen building was deleted. Choose another.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="140" />
            <source>Здание не найдено: его удалил другой пользователь. Обновите список (F5).</source>
            <translation>Building not found: another user deleted it. Refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="213" />
            <source>Помещение не найдено: его удалил другой пользователь. Обновите список (F5).</source>
            <translation>Room not found: another user deleted it. Refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="244" />
            <source>Площадь — положительное число квадратных метров, например 72,5.</source>
            <translation>Area is a positive number of square metres, e.g. 72.5.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="236" />
            <source>Неизвестный вид помещения «{0}».</source>
            <translation>Unknown room kind “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="127" />
            <source>Здание «{0}» уже есть в справочнике.</source>
            <translation>Building “{0}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="156" />
            <source>Здание «{0}» нельзя удалить: в нём {1} помещ. Сначала перенесите или удалите помещения.</source>
            <translation>Building “{0}” cannot be deleted: it has {1} room(s). Move or delete the rooms first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="277" />
            <source>Помещение «{0}» уже есть в здании «{1}».</source>
            <translation>Room “{0}” already exists in building “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="342" />
            <source>Помещение «{0}» нельзя удалить: на него ссылаются {1}. Сначала перенесите их в другое помещение.</source>
            <translation>Room “{0}” cannot be deleted: it is referred to by {1}. Move them to another room first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="332" />
            <source>позиций инвентаря: {0}</source>
            <translation>inventory items: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="334" />
            <source>мастерских: {0}</source>
            <translation>workshops: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="336" />
            <source>документов движения: {0}</source>
            <translation>movement documents: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="338" />
            <source>инвентаризаций: {0}</source>
            <translation>stock-takings: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="340" />
            <source>потребностей закупок: {0}</source>
            <translation>procurement needs: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="103" />
            <source>Название здания</source>
            <translation>Building name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="104" />
            <source>Адрес</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="230" />
            <source>Название помещения</source>
            <translation>Room name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="246" />
            <source>Ответственный</source>
            <translation>Responsible</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="91" />
            <source>Выход</source>
            <translation>Exit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="88" />
            <source>Пользователь:</source>
            <translation>User:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="89" />
            <source>Пароль:</source>
            <translation>Password:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="90" />
            <source>Войти</source>
            <translation>Log in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="117" />
            <source>Укажите пользователя.</source>
            <translation>Enter the user.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="86" />
            <source>Вход — {0}</source>
            <translation>Log in — {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="130" />
            <source>Вход не удался: {0}</source>
            <translation>Log-in failed: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="164" />
            <source>Можно попробовать снова.</source>
            <translation>You can try again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="87" />
            <source>Войдите под своим именем: права зависят от роли пользователя.</source>
            <translation>Log in under your own name: rights depend on the user's role.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/login.py" line="167" />
            <source>Слишком много неудачных попыток. Следующая попытка через {0} с.</source>
            <translation>Too many failed attempts. Next attempt in {0} s.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="308" />
            <source>&amp;Файл</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="309" />
            <source>&amp;Правка</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="314" />
            <source>Проверить базу данных</source>
            <translation>Check database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="315" />
            <source>Открыть папку данных</source>
            <translation>Open data folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="317" />
            <source>Резервная копия…</source>
            <translation>Back up…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="318" />
            <source>Восстановить из копии…</source>
            <translation>Restore from backup…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="320" />
            <source>Выход</source>
            <translation>Exit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="321" />
            <source>&amp;Вид</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="322" />
            <source>Язык</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="323" />
            <source>&amp;Сервис</source>
            <translation>&amp;Tools</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="324" />
            <source>&amp;Справка</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="325" />
            <source>Руководство пользователя</source>
            <translation>User guide</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="326" />
            <source>О программе</source>
            <translation>About</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="327" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="328" />
            <source>ДЕМО</source>
            <translation>DEMO</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="360" />
            <source>файл</source>
            <translation>file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="360" />
            <source>сервер</source>
            <translation>server</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="519" />
            <source>Проверка базы данных</source>
            <translation>Database check</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="295" />
            <source>Найти</source>
            <translation>Find</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="300" />
            <source>Нет действий в этом разделе</source>
            <translation>No actions in this section</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="47" />
            <source>Раздел «{0}» не удалось открыть: {1}</source>
            <translation>The “{0}” section could not be opened: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="358" />
            <source>База данных не открыта</source>
            <translation>No database open</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="361" />
            <source>База данных ({0}): {1}</source>
            <translation>Database ({0}): {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="363" />
            <source>Пользователь: {0}</source>
            <translation>User: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="513" />
            <source>Проверка пройдена: целостность {0}, схема {1}.</source>
            <translation>Check passed: integrity {0}, schema {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="517" />
            <source>Найдены проблемы:
{0}</source>
            <translation>Problems found:
{0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="311" />
            <source>Химический потенциал</source>
            <translation>Chemical Potential</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="312" />
            <source>версия {0}</source>
            <translation>version {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="319" />
            <source>Сменить пользователя…</source>
            <translation>Switch user…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="442" />
            <source>Сменить пользователя</source>
            <translation>Switch user</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="447" />
            <source>Закрыть и сменить</source>
            <translation>Close and switch</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="448" />
            <source>Вернуться к работе</source>
            <translation>Back to work</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="443" />
            <source>Открытые окна будут закрыты, несохранённые изменения в них пропадут:
{0}

Закрыть их и сменить пользователя?</source>
            <translation>The open windows will be closed and unsaved changes in them lost:
{0}

Close them and switch user?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="412" />
            <source>Дождитесь окончания: «{0}».</source>
            <translation>Wait until «{0}» has finished.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="313" />
            <source>Настройки…</source>
            <translation>Settings…</translation>
        </message>
    </context>
    <context>
        <name>MolDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/mol_positions.py" line="26" />
            <source>Материально ответственные лица и их должности</source>
            <translation>Custodians and their positions</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/mol_positions.py" line="38" />
            <source>Должность печатается рядом с подписью МОЛ в описи (ф. 0510466), ведомости расхождений (ф. 0504092), акте (ф. 0510463) и документах движения.</source>
            <translation>The position is printed with the custodian's signature on the inventory list (form 0510466), the discrepancy list (form 0504092), the act (form 0510463) and the movement documents.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/mol_positions.py" line="30" />
            <source>МОЛ</source>
            <translation>Custodian</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/mol_positions.py" line="30" />
            <source>Должность</source>
            <translation>Position</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/mol_positions.py" line="30" />
            <source>Помещения</source>
            <translation>Rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/mol_positions.py" line="30" />
            <source>Позиций</source>
            <translation>Items</translation>
        </message>
    </context>
    <context>
        <name>Movement</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="56" />
            <source>Фамилия И. О.</source>
            <translation>Surname I. O.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="42" />
            <source>Вид документа</source>
            <translation>Document kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="46" />
            <source>Номер документа</source>
            <translation>Document number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="48" />
            <source>Дата *</source>
            <translation>Date *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="52" />
            <source>— выберите помещение —</source>
            <translation>— choose a room —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="51" />
            <source>Куда (помещение) *</source>
            <translation>To (room) *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="55" />
            <source>Кому выдаётся *</source>
            <translation>Issued to *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="57" />
            <source>Основание</source>
            <translation>Grounds</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="90" />
            <source>Провести</source>
            <translation>Post</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="66" />
            <source>Инв. номер</source>
            <translation>Inv. No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="66" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="66" />
            <source>В наличии</source>
            <translation>In stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="66" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="67" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="104" />
            <source>Куда (помещение)</source>
            <translation>To (room)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="106" />
            <source>Кто возвращает</source>
            <translation>Returned by</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="107" />
            <source>Причина списания *</source>
            <translation>Write-off reason *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="118" />
            <source>Выберите помещение.</source>
            <translation>Choose a room.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="119" />
            <source>Укажите, кому выдаётся.</source>
            <translation>Enter who it is issued to.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="102" />
            <source>{0}: позиций {1}</source>
            <translation>{0}: {1} items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="117" />
            <source>Укажите дату.</source>
            <translation>Enter the date.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="47" />
            <source>присваивается автоматически</source>
            <translation>assigned automatically</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="120" />
            <source>Укажите причину списания.</source>
            <translation>Give the write-off reason.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="81" />
            <source>Позиции (количество можно изменить у расходных материалов):</source>
            <translation>Items (the quantity of consumables can be changed):</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="82" />
            <source>Печать: открыть унифицированную форму документа после проведения</source>
            <translation>Print: open the document's unified form after posting</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/movement.py" line="111" />
            <source>Печать: открыть форму {0} после проведения</source>
            <translation>Print: open form {0} after posting</translation>
        </message>
    </context>
    <context>
        <name>Navigation</name>
        <message>
            <location filename="../../chemcluster_desktop/areas.py" line="-116" />
            <source>Инвентарь</source>
            <translation>Inventory</translation>
        </message>
        <message>
            <location line="+37" />
            <source>Аккредитация</source>
            <translation>Accreditation</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Расписание</source>
            <translation>Timetable</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Закупки</source>
            <translation>Procurement</translation>
        </message>
        <message>
            <location line="+34" />
            <source>Отчёты</source>
            <translation>Reports</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Кластер</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Справочники</source>
            <translation>Reference data</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Журнал</source>
            <translation>Journal</translation>
        </message>
    </context>
    <context>
        <name>Ops</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/ops.py" line="117" />
            <source>Ошибка</source>
            <translation>Error</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/ops.py" line="112" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/ops.py" line="118" />
            <source>Операция не выполнена из-за внутренней ошибки; данные не изменены.
Подробности записаны в файл:
{0}</source>
            <translation>The operation failed because of an internal error; no data was changed.
Details were written to:
{0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/ops.py" line="131" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>Page</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="+360" />
            <location filename="../../chemcluster_desktop/ui/pages/reference_users.py" line="+48" />
            <source>Записей: {0}</source>
            <translation>Records: {0}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Ничего не найдено по запросу «{0}».</source>
            <translation>Nothing found for “{0}”.</translation>
        </message>
        <message>
            <location line="+121" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Удалить {0}?</source>
            <translation>Delete {0}?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="76" />
            <source>Нет записей. Добавьте (Ctrl+N) или импортируйте из Excel.</source>
            <translation>No records. Add one (Ctrl+N) or import from Excel.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="77" />
            <source>Поиск (Ctrl+F)…</source>
            <translation>Search (Ctrl+F)…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="87" />
            <source>Создать</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="88" />
            <source>Изменить</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="89" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="90" />
            <source>Импорт</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="91" />
            <source>Экспорт</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="92" />
            <source>Печать</source>
            <translation>Print</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="93" />
            <source>Обновить</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/journal.py" line="71" />
            <source>Поиск по журналу (Ctrl+F)…</source>
            <translation>Search the journal (Ctrl+F)…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/accreditation.py" line="89" />
            <source>Поиск по чек-листу (Ctrl+F)…</source>
            <translation>Search the checklist (Ctrl+F)…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/inventory.py" line="56" />
            <source>Поиск: наименование, инв. номер, зав. номер, CAS — или скан QR (Ctrl+F)…</source>
            <translation>Search: name, inv. No., serial No., CAS — or scan a QR (Ctrl+F)…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="32" />
            <source>Закупки оборудования</source>
            <translation>Equipment procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/budget.py" line="25" />
            <source>Источники финансирования</source>
            <translation>Funding sources</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/budget.py" line="71" />
            <source>Бюджет</source>
            <translation>Budget</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/contracts.py" line="26" />
            <source>Контракты и поставки</source>
            <translation>Contracts and deliveries</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/needs.py" line="49" />
            <source>Потребности и НМЦК</source>
            <translation>Needs and initial max. price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/needs.py" line="53" />
            <source>Нет потребностей. Добавьте (Ctrl+N) или создайте их из дефицитов чек-листа в разделе «Аккредитация».</source>
            <translation>No needs. Add one (Ctrl+N) or create them from checklist shortages in the Accreditation section.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="109" />
            <source>План-график</source>
            <translation>Procurement schedule</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/suppliers.py" line="17" />
            <source>Поставщики</source>
            <translation>Suppliers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/budget.py" line="28" />
            <source>Источников нет. Добавьте (Ctrl+N) грант, областной бюджет, средства работодателей и собственные средства.</source>
            <translation>No funding sources. Add (Ctrl+N) the grant, the regional budget, employers' funds and the college's own funds.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/contracts.py" line="29" />
            <source>Контрактов нет. Контракт регистрируется по строке плана, когда поставщик определён.</source>
            <translation>No contracts. A contract is registered on a plan line once the supplier is chosen.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="112" />
            <source>План-график пуст. Отметьте потребности с обоснованной ценой и нажмите «Создать» (Ctrl+N).</source>
            <translation>The procurement schedule is empty. Mark needs with a justified price and press «New» (Ctrl+N).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/suppliers.py" line="20" />
            <source>Поставщиков нет. Добавьте (Ctrl+N): ИНН проверяется по контрольным цифрам.</source>
            <translation>No suppliers. Add one (Ctrl+N): the INN is checked by its control digits.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="27" />
            <source>Кластер «Химический потенциал»</source>
            <translation>“Chemical Potential” cluster</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/__init__.py" line="30" />
            <source>Нет записей. Добавьте (Ctrl+N).</source>
            <translation>No records. Add one (Ctrl+N).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/dashboard.py" line="34" />
            <source>Сводка</source>
            <translation>Summary</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/kpis.py" line="46" />
            <source>Показатели</source>
            <translation>Indicators</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/registry.py" line="57" />
            <source>Участники</source>
            <translation>Participants</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/cluster/registry.py" line="116" />
            <source>Направления обучения</source>
            <translation>Training directions</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference_rooms.py" line="25" />
            <source>Здания и помещения</source>
            <translation>Buildings and rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference_rooms.py" line="29" />
            <source>Нет помещений. Добавьте помещение (Ctrl+N) — к нему привязываются инвентарь и мастерские.</source>
            <translation>No rooms. Add a room (Ctrl+N): inventory and workshops are placed in rooms.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference_users.py" line="19" />
            <source>Пользователи</source>
            <translation>Users</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="136" />
            <source>Школы и классы</source>
            <translation>Schools and classes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="191" />
            <source>Преподаватели</source>
            <translation>Instructors</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="219" />
            <source>Модули и мастерские</source>
            <translation>Modules and workshops</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="251" />
            <source>Учебный год</source>
            <translation>School year</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="309" />
            <source>Нагрузка</source>
            <translation>Load</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/rules.py" line="36" />
            <source>Часы</source>
            <translation>Hours</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/rules.py" line="47" />
            <source>Календарь</source>
            <translation>Calendar</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="42" />
            <source>Неделя</source>
            <translation>Week</translation>
        </message>
    </context>
    <context>
        <name>PdfPreview</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="51" />
            <source>Уменьшить</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="52" />
            <source>Увеличить</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="53" />
            <source>Сохранить PDF…</source>
            <translation>Save PDF…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="56" />
            <source>Печать…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="59" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="102" />
            <source>Сохранить PDF</source>
            <translation>Save PDF</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="45" />
            <source>Страниц: {0}</source>
            <translation>Pages: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="110" />
            <source>Не сохранено</source>
            <translation>Not saved</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="110" />
            <source>Не удалось сохранить файл «{0}»: {1}</source>
            <translation>Could not save file “{0}”: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="93" />
            <source>Страница {0} из {1}</source>
            <translation>Page {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="86" />
            <source>Файл «{0}» не удалось открыть как PDF.</source>
            <translation>File “{0}” could not be opened as PDF.</translation>
        </message>
    </context>
    <context>
        <name>Printing</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="427" />
            <source>Печать отменена: на принтер ничего не отправлено.</source>
            <translation>Printing cancelled: nothing was sent to the printer.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="191" />
            <source>Файл «{0}» не удалось открыть как PDF: печатать нечего.</source>
            <translation>The file «{0}» could not be opened as a PDF: there is nothing to print.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="203" />
            <source>В выбранном диапазоне нет страниц (в документе {0}).</source>
            <translation>The chosen range has no pages (the document has {0}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="214" />
            <source>Принтер «{0}» не начал печать. Проверьте, что он включён и доступен.</source>
            <translation>The printer «{0}» did not start printing. Check that it is switched on and reachable.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="249" />
            <source>Печать: страница {0} из {1}</source>
            <translation>Printing: page {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="359" />
            <source>PDF передаётся принтеру как есть (CUPS): печать векторная, текст не растрируется</source>
            <translation>The PDF goes to the printer as it is (CUPS): vector printing, the text is not rasterised</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="437" />
            <source>Печать «{0}» — PDF как есть (CUPS)</source>
            <translation>Printing «{0}» — the PDF as it is (CUPS)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="438" />
            <source>Печать «{0}» — изображения страниц, {1} dpi</source>
            <translation>Printing «{0}» — page images, {1} dpi</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="339" />
            <source>Команда печати lp не найдена: установите CUPS или печатайте через изображения страниц.</source>
            <translation>The print command lp was not found: install CUPS or print as page images.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="360" />
            <source>Страницы печатаются изображениями {0} dpi (в этой системе PDF нельзя передать принтеру как есть)</source>
            <translation>The pages print as {0} dpi images (this system cannot hand a PDF to the printer as it is)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="349" />
            <source>Принтер «{0}»: задание не принято: {1}</source>
            <translation>Printer «{0}»: the job was refused: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="346" />
            <source>Принтер «{0}»: задание не передано ({1}).</source>
            <translation>Printer «{0}»: the job was not handed over ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="429" />
            <source>Отправлено на печать: {0} стр., PDF как есть (CUPS, задание {1}).</source>
            <translation>Sent to the printer: {0} pages, the PDF as it is (CUPS, job {1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/printing.py" line="432" />
            <source>Отправлено на печать: {0} стр., изображениями {1} dpi.</source>
            <translation>Sent to the printer: {0} pages, as {1} dpi images.</translation>
        </message>
    </context>
    <context>
        <name>Procurement</name>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/inn.py" line="+42" />
            <source>Укажите ИНН поставщика.</source>
            <translation>Enter the supplier's INN.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>ИНН состоит только из цифр: «{0}».</source>
            <translation>An INN consists of digits only: “{0}”.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>ИНН должен содержать 10 цифр (организация) или 12 (ИП), а в «{0}» их {1}.</source>
            <translation>An INN has 10 digits (organisation) or 12 (sole trader), but “{0}” has {1}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>ИНН «{0}» не проходит проверку контрольных цифр: проверьте, нет ли опечатки.</source>
            <translation>INN “{0}” fails the check digits: look for a typo.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>У организации (ИНН из 10 цифр) должен быть КПП из 9 знаков.</source>
            <translation>An organisation (10-digit INN) must have a 9-character KPP.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>КПП — 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры (например 524901001).</source>
            <translation>KPP is 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits (e.g. 524901001).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>У индивидуального предпринимателя (ИНН из 12 цифр) КПП не указывается.</source>
            <translation>A sole trader (12-digit INN) has no KPP.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/_common.py" line="+116" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="+122" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/sources.py" line="+53" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="+99" />
            <source>Код</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/needs.py" line="+68" />
            <location filename="../../chemcluster_desktop/services/procurement/sources.py" line="+1" />
            <location filename="../../chemcluster_desktop/services/procurement/suppliers.py" line="+40" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="-116" />
            <location line="+75" />
            <location line="+42" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/sources.py" line="+1" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/budget.py" line="+116" />
            <source>Лимит</source>
            <translation>Limit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="-92" />
            <location line="+89" />
            <location line="+33" />
            <location filename="../../chemcluster_desktop/ui/widgets/budget_chart.py" line="+88" />
            <source>Источник финансирования</source>
            <translation>Funding source</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/needs.py" line="+3" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Карточка помещения</source>
            <translation>Room card</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="+157" />
            <location line="+73" />
            <location filename="../../chemcluster_desktop/services/procurement/sources.py" line="+21" />
            <source>Запись об источнике финансирования</source>
            <translation>Funding source record</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+29" />
            <source>Строка чек-листа</source>
            <translation>Checklist line</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/_common.py" line="-37" />
            <location filename="../../chemcluster_desktop/services/procurement/deliveries.py" line="+159" />
            <location filename="../../chemcluster_desktop/services/procurement/needs.py" line="+25" />
            <location line="+20" />
            <location line="+21" />
            <location filename="../../chemcluster_desktop/services/procurement/offers.py" line="+45" />
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="-97" />
            <location line="+125" />
            <location filename="../../chemcluster_desktop/services/procurement/pricing.py" line="+39" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="-150" />
            <source>Потребность</source>
            <translation>Need</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/offers.py" line="+8" />
            <location filename="../../chemcluster_desktop/services/procurement/pricing.py" line="+10" />
            <source>Цена за единицу</source>
            <translation>Unit price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/budgeting.py" line="+146" />
            <source>Итого по проекту</source>
            <translation>Project total</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="-108" />
            <location line="+55" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="+149" />
            <source>Предмет закупки</source>
            <translation>Subject of procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/contracts.py" line="+130" />
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="-4" />
            <location line="+44" />
            <location line="+12" />
            <location line="+51" />
            <location line="+36" />
            <location line="+52" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_contract_dialogs.py" line="+61" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="-4" />
            <source>Строка плана-графика</source>
            <translation>Procurement schedule line</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_contract_dialogs.py" line="+1" />
            <source>Номер контракта</source>
            <translation>Contract number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_contract_dialogs.py" line="+3" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="-70" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/needs.py" line="+221" />
            <source>Поставщик</source>
            <translation>Supplier</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/contracts.py" line="+4" />
            <source>Цена контракта</source>
            <translation>Contract price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_contract_dialogs.py" line="-17" />
            <source>Контракт</source>
            <translation>Contract</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deliveries.py" line="+55" />
            <location line="+74" />
            <source>Поставка</source>
            <translation>Delivery</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/sources.py" line="-19" />
            <source>Лимит не может быть отрицательным.</source>
            <translation>The limit cannot be negative.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/needs.py" line="-104" />
            <source>Код ОКПД2 — цифры через точку, например 26.51.53.140.</source>
            <translation>An OKPD2 code is digits separated by dots, e.g. 26.51.53.140.</translation>
        </message>
        <message>
            <location line="+4" />
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="-242" />
            <location line="+55" />
            <source>Закон закупки: 44-ФЗ или 223-ФЗ.</source>
            <translation>Procurement law: 44-FZ or 223-FZ.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="-52" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/needs.py" line="+3" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="-2" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Закрывает пробел в инфраструктурном листе ({0}): позиция № {1} «{2}».</source>
            <translation>Closes a gap in the infrastructure list ({0}): item No. {1} “{2}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/offers.py" line="+2" />
            <source>Укажите дату коммерческого предложения.</source>
            <translation>Give the date of the commercial offer.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Укажите поставщика, приславшего предложение.</source>
            <translation>Give the supplier who sent the offer.</translation>
        </message>
        <message>
            <location line="+31" />
            <location line="+18" />
            <location line="+10" />
            <source>Запись о коммерческом предложении</source>
            <translation>Commercial offer record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="-57" />
            <source>Выберите хотя бы одну потребность для строки плана-графика.</source>
            <translation>Choose at least one need for the procurement schedule line.</translation>
        </message>
        <message>
            <location line="+7" />
            <location line="+64" />
            <source>Квартал — число от 1 до 4.</source>
            <translation>The quarter is a number from 1 to 4.</translation>
        </message>
        <message>
            <location line="-9" />
            <source>По строке уже заключён контракт: способ закупки менять нельзя.</source>
            <translation>The line has a contract already: its method cannot change.</translation>
        </message>
        <message>
            <location line="+69" />
            <source>Зарегистрируйте контракт по этой строке (кнопка «Контракт заключён» открывает его форму).</source>
            <translation>Register the contract for this line (the “Contract signed” button opens its form).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Зарегистрируйте поставку по контракту этой строки.</source>
            <translation>Register the delivery under this line's contract.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Примите поставку: при приёмке оборудование ставится на учёт.</source>
            <translation>Accept the delivery: on acceptance the equipment is put on record.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Есть непринятые поставки: примите их, чтобы поставить оборудование на учёт.</source>
            <translation>There are unaccepted deliveries: accept them to put the equipment on record.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>никакой (строка закрыта)</source>
            <translation>none (line closed)</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Предложение «{0}» от {1} по позиции «{2}» датировано позже обоснования цены ({3}).</source>
            <translation>The offer from «{0}» of {1} for «{2}» is dated after the price justification ({3}).</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Закупки малого объёма ({0}) за {1} год: {2} ₽ из {3} ₽ допустимых.</source>
            <translation>Small purchases ({0}) in {1}: {2} ₽ of {3} ₽ allowed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/contracts.py" line="-2" />
            <source>Укажите дату контракта.</source>
            <translation>Enter the contract date.</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Цена контракта {0} ₽ больше НМЦК его позиций {1} ₽: так быть не может.</source>
            <translation>Contract price {0} ₽ is above the initial maximum price of its positions {1} ₽: that cannot be.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Контракты по строке {0} составят {1} ₽ — больше НМЦК строки {2} ₽.</source>
            <translation>Contracts on line {0} would come to {1} ₽, above the line's initial maximum price {2} ₽.</translation>
        </message>
        <message>
            <location line="+45" />
            <source>Сумма этапа оплаты</source>
            <translation>Payment stage amount</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deliveries.py" line="-148" />
            <source>Укажите дату поставки.</source>
            <translation>Enter the delivery date.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>В поставке нет ни одной строки: укажите, что и сколько поставлено.</source>
            <translation>The delivery has no lines: give what was delivered and how much.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Поставку можно зарегистрировать только по заключённому контракту.</source>
            <translation>A delivery can be registered only under a signed contract.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="-119" />
            <source>Добавлять потребности можно только в строку в статусе «В плане».</source>
            <translation>Needs can be added only to a line with the status “Planned”.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Исключать потребности можно только из строки в статусе «В плане».</source>
            <translation>Needs can be removed only from a line with the status “Planned”.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>В строке плана должна остаться хотя бы одна потребность; отмените строку, если закупка не нужна.</source>
            <translation>A plan line must keep at least one need; cancel the line if the purchase is not needed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deliveries.py" line="+92" />
            <source>Поставлено по контракту № {0} от {1} ({2}), накладная {3}</source>
            <translation>Delivered under contract No. {0} of {1} ({2}), delivery note {3}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/_common.py" line="+14" />
            <source>Сумма «{0}» передана как число с плавающей точкой; нужна десятичная запись.</source>
            <translation>Amount “{0}” was given as a floating-point number; a decimal is needed.</translation>
        </message>
        <message>
            <location line="-14" />
            <source>В плане</source>
            <translation>Planned</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Цена обоснована</source>
            <translation>Price justified</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Извещение опубликовано</source>
            <translation>Notice published</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Поставщик определён</source>
            <translation>Supplier chosen</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Не состоялась</source>
            <translation>Did not take place</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Отменена</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Контракт заключён</source>
            <translation>Contract signed</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Поставлено</source>
            <translation>Delivered</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Принято</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <location line="+1" />
            <source>На учёте</source>
            <translation>On record</translation>
        </message>
        <message>
            <location line="+20" />
            <source>{0}: введите сумму числом, например 125 000,50.</source>
            <translation>{0}: enter the amount as a number, e.g. 125 000.50.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0}: не больше двух знаков после запятой (копейки).</source>
            <translation>{0}: at most two decimal places (kopecks).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0} должна быть больше нуля (введено {1}).</source>
            <translation>{0} must be greater than zero (entered {1}).</translation>
        </message>
        <message>
            <location line="+14" />
            <source>{0}: введите число.</source>
            <translation>{0}: enter a number.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{0} должно быть больше нуля.</source>
            <translation>{0} must be greater than zero.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{0}: не больше трёх знаков после запятой.</source>
            <translation>{0}: at most three decimal places.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Заполните поле «{0}».</source>
            <translation>Fill in “{0}”.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Поле «{0}» слишком длинное: не больше {1} знаков.</source>
            <translation>Field “{0}” is too long: at most {1} characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/sources.py" line="+2" />
            <source>Грант «Профессионалитет» не может превышать {0} ₽ (введено {1} ₽).</source>
            <translation>The “Professionalitet” grant cannot exceed {0} ₽ (entered {1} ₽).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Источник с кодом «{0}» уже есть.</source>
            <translation>A source with code “{0}” already exists.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Сумма лимитов всех источников ({0} ₽) превысит стоимость проекта {1} ₽. Уменьшите лимит до {2} ₽ или меньше.</source>
            <translation>The limits of all sources ({0} ₽) would exceed the project cost {1} ₽. Reduce the limit to {2} ₽ or less.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Лимит {0} ₽ меньше уже распределённой по источнику суммы {1} ₽.</source>
            <translation>The limit {0} ₽ is less than the amount already allocated to the source, {1} ₽.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/suppliers.py" line="+15" />
            <source>Адрес электронной почты «{0}» записан неверно.</source>
            <translation>E-mail address “{0}” is not valid.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Поставщик с ИНН {0} уже есть: «{1}».</source>
            <translation>A supplier with INN {0} already exists: “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/needs.py" line="-5" />
            <source>По этой строке чек-листа уже есть потребность № {0} «{1}».</source>
            <translation>This checklist line already has need No. {0} “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/offers.py" line="-76" />
            <source>Цена по потребности «{0}» уже обоснована (статус «{1}»): коммерческие предложения менять нельзя.</source>
            <translation>The price of need “{0}” is already justified (status “{1}”): the commercial offers cannot be changed.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Дата предложения {0} ещё не наступила.</source>
            <translation>The offer date {0} has not come yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/budgeting.py" line="-54" />
            <source>Превышен лимит источника «{0}»: лимит {1} ₽, уже распределено {2} ₽, добавляется {3} ₽ — не хватает {4} ₽. Уменьшите сумму, выберите другой источник или увеличьте лимит.</source>
            <translation>The limit of source “{0}” is exceeded: limit {1} ₽, already allocated {2} ₽, adding {3} ₽ — {4} ₽ short. Reduce the amount, choose another source or raise the limit.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="-37" />
            <source>По строке уже заключён контракт: источник финансирования менять нельзя.</source>
            <translation>The line already has a contract: the funding source cannot be changed.</translation>
        </message>
        <message>
            <location line="+89" />
            <source>Строка {0} в статусе «{1}»: шаг «{2}» сейчас невозможен. Допустимый следующий шаг: {3}.</source>
            <translation>Line {0} has status “{1}”: step “{2}” is not possible now. The allowed next step: {3}.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Шаг «{0}» по строке {1} пока невозможен: {2}</source>
            <translation>Step “{0}” for line {1} is not possible yet: {2}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Дата шага {0} раньше даты предыдущего шага {1}.</source>
            <translation>Step date {0} is before the previous step's date {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/sources.py" line="+33" />
            <source>Источник финансирования «{0}» не найден. Есть: {1}.</source>
            <translation>Funding source “{0}” not found. Available: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/contracts.py" line="-130" />
            <source>Оплата в течение {0} рабочих дней после приёмки</source>
            <translation>Payment within {0} working days after acceptance</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Сумма этапов оплаты {0} ₽ больше цены контракта {1} ₽.</source>
            <translation>Payment stages total {0} ₽, more than the contract price {1} ₽.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Все позиции строки {0} уже законтрактованы.</source>
            <translation>Every position of line {0} is already under contract.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Потребность № {0} не входит в строку {1}.</source>
            <translation>Need No. {0} is not on line {1}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Позиция «{0}» уже включена в другой контракт по строке {1}.</source>
            <translation>Position «{0}» is already in another contract on line {1}.</translation>
        </message>
        <message>
            <location line="+13" />
            <location filename="../../chemcluster_desktop/services/procurement/offers.py" line="+4" />
            <location filename="../../chemcluster_desktop/services/procurement/suppliers.py" line="+23" />
            <location line="+12" />
            <location line="+11" />
            <source>Карточка поставщика</source>
            <translation>Supplier card</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Контракт с единственным поставщиком по строке {0} заключается после обоснования цены (сейчас статус «{1}»).</source>
            <translation>A single-supplier contract for line {0} is signed after the price is justified (status now «{1}»).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Контракт по строке {0} можно заключить только после определения поставщика (сейчас статус «{1}»).</source>
            <translation>A contract for line {0} can be signed only after the supplier is chosen (status now “{1}”).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Дата контракта {0} раньше обоснования цены {1}.</source>
            <translation>The contract date {0} is before the price justification {1}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Срок поставки должен быть не раньше даты контракта.</source>
            <translation>The delivery date must not be before the contract date.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Срок оплаты — от 1 до 30 рабочих дней после приёмки (44-ФЗ, ст. 34 ч. 13.1: не более 7).</source>
            <translation>Payment term: 1 to 30 working days after acceptance (44-FZ art. 34 p. 13.1: at most 7).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Контракт № {0} с поставщиком «{1}» уже зарегистрирован.</source>
            <translation>Contract No. {0} with supplier “{1}” is already registered.</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Контракт № {0}</source>
            <translation>Contract No. {0}</translation>
        </message>
        <message>
            <location line="+23" />
            <location line="+55" />
            <location filename="../../chemcluster_desktop/services/procurement/deliveries.py" line="-102" />
            <source>Запись о контракте</source>
            <translation>Contract record</translation>
        </message>
        <message>
            <location line="-42" />
            <source>Запись об этапе оплаты</source>
            <translation>Payment stage record</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Этап оплаты уже отмечен оплаченным {0}.</source>
            <translation>The payment stage was already marked paid on {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deliveries.py" line="+4" />
            <source>Дата поставки {0} раньше даты контракта {1}.</source>
            <translation>Delivery date {0} is before the contract date {1}.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Количество в строке {0}</source>
            <translation>Quantity in row {0}</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Цена в строке {0}</source>
            <translation>Price in row {0}</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Поставка больше контракта: сумма поставок составит {0} ₽ при цене контракта {1} ₽.</source>
            <translation>The delivery exceeds the contract: deliveries would total {0} ₽ against the contract price {1} ₽.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Неизвестный способ постановки на учёт «{0}»: unit, group или consumable.</source>
            <translation>Unknown way onto the inventory «{0}»: unit, group or consumable.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Поставка по накладной {0} уже принята {1}.</source>
            <translation>The delivery by note {0} was already accepted on {1}.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>«{0}»: {1} — не целое число штук; поставьте строку на учёт как расходный материал.</source>
            <translation>«{0}»: {1} is not a whole number of units; put the line on the inventory as a consumable.</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Принято по накладной {0}: {1} ед.</source>
            <translation>Accepted by delivery note {0}: {1} units.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/suppliers.py" line="-8" />
            <source>Поставщика «{0}» удалить нельзя: с ним заключены контракты.</source>
            <translation>Supplier “{0}” cannot be deleted: it has contracts.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/needs.py" line="+25" />
            <source>Потребность «{0}» уже прошла обоснование цены (статус «{1}»): её нельзя изменить.</source>
            <translation>The price of need “{0}” is already justified (status “{1}”): it cannot be changed.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Потребность «{0}» включена в план-график: сначала исключите её из строки плана.</source>
            <translation>Need “{0}” is in the procurement schedule: remove it from the plan line first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="-191" />
            <source>Потребность «{0}» уже включена в строку плана {1}.</source>
            <translation>Need “{0}” is already in plan line {1}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Потребность «{0}» в статусе «{1}» нельзя включить в план.</source>
            <translation>Need “{0}” with status “{1}” cannot be added to the plan.</translation>
        </message>
        <message>
            <location line="+122" />
            <source>Потребность «{0}» не входит в строку {1}.</source>
            <translation>Need “{0}” is not in line {1}.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>«{0}»: {1}</source>
            <translation>“{0}”: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/contracts.py" line="-11" />
            <source>Этапы оплаты составят {0} ₽ — больше цены контракта {1} ₽.</source>
            <translation>The payment stages would total {0} ₽ — more than the contract price {1} ₽.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deliveries.py" line="-104" />
            <source>Строка {0}: «{1}» не входит в контракт № {2}.</source>
            <translation>Row {0}: “{1}” is not part of contract No. {2}.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Поставка больше контракта: по «{0}» законтрактовано {1} {2}, уже поставлено {3}, в этой поставке {4}. Уменьшите количество до {5}.</source>
            <translation>The delivery exceeds the contract: “{0}” contracted {1} {2}, already delivered {3}, in this delivery {4}. Reduce the quantity to {5}.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Накладная {0}</source>
            <translation>Delivery note {0}</translation>
        </message>
        <message>
            <location line="+37" />
            <source>Для «{0}» не указано помещение: укажите его в потребности, чтобы поставить оборудование на учёт.</source>
            <translation>No room given for “{0}”: give it in the need to put the equipment on record.</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Поставлено на учёт: {0} ед.</source>
            <translation>Put on record: {0} units.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/contracts.py" line="-126" />
            <source>Сумма этапа оплаты {0}</source>
            <translation>Payment stage amount {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/nmck_calc.py" line="+156" />
            <source>Количество в потребности должно быть больше нуля.</source>
            <translation>The quantity of a need must be greater than zero.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Нет коммерческих предложений: нужно не меньше трёх.</source>
            <translation>No commercial offers: at least three are needed.</translation>
        </message>
        <message>
            <location line="-6" />
            <source>Цена в предложении № {0} ({1}) должна быть больше нуля.</source>
            <translation>The price in offer No. {0} ({1}) must be above zero.</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Предложений {0}, а для обоснования НМЦК методом сопоставимых рыночных цен нужно не меньше трёх. Добавьте коммерческие предложения.</source>
            <translation>There are {0} offers, but the comparable market prices method needs at least three. Add commercial offers.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Коэффициент вариации {0} % больше 33 %: цены неоднородны, обоснование отклонено. Сильнее всего расходятся с остальными: {1}. Замените эти предложения или запросите дополнительные.</source>
            <translation>The coefficient of variation {0} % exceeds 33 %: prices are not homogeneous, the justification is rejected. Furthest from the rest: {1}. Replace these offers or request more.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Предложения № {0} старше шести месяцев: запросите актуальные цены.</source>
            <translation>Offers No. {0} are older than six months: request current prices.</translation>
        </message>
        <message>
            <location line="-9" />
            <source>№ {0} «{1}» — {2} ₽ ({3} % от средней)</source>
            <translation>No. {0} “{1}” — {2} ₽ ({3} % of the mean)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="-21" />
            <source>Потребность № {0}</source>
            <translation>Need No. {0}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Технические характеристики</source>
            <translation>Technical specifications</translation>
        </message>
        <message>
            <location line="+18" />
            <source>— не указана —</source>
            <translation>— not given —</translation>
        </message>
        <message>
            <location line="+2" />
            <source>— по мастерской —</source>
            <translation>— by workshop —</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Код ОКПД2</source>
            <translation>OKPD2 code</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+125" />
            <source>Закон</source>
            <translation>Law</translation>
        </message>
        <message>
            <location line="-123" />
            <source>— позже —</source>
            <translation>— later —</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Обоснование потребности</source>
            <translation>Need justification</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Создана по дефициту чек-листа аккредитации (строка {0}).</source>
            <translation>Created from an accreditation checklist shortage (line {0}).</translation>
        </message>
        <message>
            <location line="+11" />
            <location line="+49" />
            <source>Заполните наименование.</source>
            <translation>Fill in the name.</translation>
        </message>
        <message>
            <location line="-46" />
            <source>Количество — число больше нуля.</source>
            <translation>The quantity is a number greater than zero.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Цифры через точку.</source>
            <translation>Digits separated by dots.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Поставщик: {0}</source>
            <translation>Supplier: {0}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>ИНН</source>
            <translation>INN</translation>
        </message>
        <message>
            <location line="+2" />
            <source>10 цифр (организация) или 12 (ИП)</source>
            <translation>10 digits (organisation) or 12 (sole trader)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>КПП</source>
            <translation>KPP</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Контактное лицо</source>
            <translation>Contact person</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Эл. почта</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Телефон</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Адрес</source>
            <translation>Address</translation>
        </message>
        <message>
            <location line="+34" />
            <source>Лимит, ₽</source>
            <translation>Limit, ₽</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Грант «Профессионалитет» — не более 100 000 000,00 ₽; сумма лимитов — не больше стоимости проекта 396 600 000,00 ₽.</source>
            <translation>The “Professionalitet” grant is at most 100 000 000.00 ₽; the limits total at most the project cost of 396 600 000.00 ₽.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Введите лимит числом, например 100 000 000,00.</source>
            <translation>Enter the limit as a number, e.g. 100 000 000.00.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Строка плана-графика {0}</source>
            <translation>Procurement schedule line {0}</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Способ определения поставщика</source>
            <translation>Supplier selection method</translation>
        </message>
        <message>
            <location line="-3" />
            <source>формируется автоматически (36 цифр)</source>
            <translation>built automatically (36 digits)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>ИКЗ</source>
            <translation>Purchase code</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{0} квартал</source>
            <translation>Q{0}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Срок размещения</source>
            <translation>Placement due</translation>
        </message>
        <message>
            <location line="+9" />
            <source>цена не обоснована</source>
            <translation>price not justified</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Потребности</source>
            <translation>Needs</translation>
        </message>
        <message>
            <location line="+3" />
            <source>НМЦК строки</source>
            <translation>Line initial max. price</translation>
        </message>
        <message>
            <location line="+69" />
            <source>Заполните предмет закупки.</source>
            <translation>Fill in the subject of procurement.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Отметьте хотя бы одну потребность.</source>
            <translation>Tick at least one need.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_contract_dialogs.py" line="+142" />
            <location line="+116" />
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_dialogs.py" line="+5" />
            <source>Внимание: </source>
            <translation>Attention: </translation>
        </message>
        <message>
            <location line="-258" />
            <source>Контракт по строке {0}</source>
            <translation>Contract for line {0}</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Дата заключения</source>
            <translation>Signed on</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{0} (ИНН {1})</source>
            <translation>{0} (INN {1})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Цена контракта, ₽</source>
            <translation>Contract price, ₽</translation>
        </message>
        <message>
            <location line="+3" />
            <source>НМЦК позиций</source>
            <translation>Initial maximum price of the positions</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Позиции контракта</source>
            <translation>Contract positions</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Срок поставки</source>
            <translation>Delivery date</translation>
        </message>
        <message>
            <location line="+6" />
            <source> раб. дн. после приёмки</source>
            <translation> working days after acceptance</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Сумма этапа, ₽</source>
            <translation>Stage amount, ₽</translation>
        </message>
        <message>
            <location line="+98" />
            <source>Цена больше НМЦК отмеченных позиций.</source>
            <translation>The price is above the initial maximum price of the ticked positions.</translation>
        </message>
        <message>
            <location line="+143" />
            <source>Как поставить на учёт</source>
            <translation>Onto the inventory as</translation>
        </message>
        <message>
            <location line="-244" />
            <location line="+3" />
            <source>Срок оплаты</source>
            <translation>Payment due</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+204" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/contracts.py" line="+124" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="+251" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location line="-193" />
            <source>Добавить этап</source>
            <translation>Add stage</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Удалить этап</source>
            <translation>Delete stage</translation>
        </message>
        <message>
            <location line="+8" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/contracts.py" line="-5" />
            <source>Этапы оплаты</source>
            <translation>Payment stages</translation>
        </message>
        <message>
            <location line="+65" />
            <source>Нет строк плана со статусом «Поставщик определён».</source>
            <translation>No plan lines with the status “Supplier chosen”.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Отметьте позиции, которые покрывает контракт.</source>
            <translation>Tick the positions the contract covers.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Цена — число больше нуля.</source>
            <translation>The price is a number greater than zero.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Этап {0}: сумма «{1}» не распознана.</source>
            <translation>Stage {0}: amount “{1}” not recognised.</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Поставка по контракту № {0}</source>
            <translation>Delivery under contract No. {0}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Дата поставки</source>
            <translation>Delivery date</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Накладная / УПД</source>
            <translation>Delivery note / UPD</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+94" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="-1" />
            <source>Позиция</source>
            <translation>Item</translation>
        </message>
        <message>
            <location line="-94" />
            <source>По контракту</source>
            <translation>Under contract</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Уже поставлено</source>
            <translation>Already delivered</translation>
        </message>
        <message>
            <location line="+1" />
            <source>В этой поставке</source>
            <translation>In this delivery</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+95" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/needs.py" line="+0" />
            <source>Цена за ед., ₽</source>
            <translation>Unit price, ₽</translation>
        </message>
        <message>
            <location line="-74" />
            <source>Состав поставки</source>
            <translation>Delivery contents</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Строка {0}: количество «{1}» не распознано.</source>
            <translation>Row {0}: quantity “{1}” not recognised.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>{0}: {1}</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Строка {0} «{1}»: «{2}» → «{3}».</source>
            <translation>Row {0} “{1}”: “{2}” → “{3}”.</translation>
        </message>
        <message>
            <location line="+6" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/contracts.py" line="+6" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="+1" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Номер извещения в ЕИС</source>
            <translation>EIS notice number</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Победитель, протокол</source>
            <translation>Winner, protocol</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Причина</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Причина отмены</source>
            <translation>Cancellation reason</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Будет принята поставка по накладной «{0}» от {1}: {2} ед. на сумму {3}. Оборудование получит инвентарные номера и встанет на учёт в помещения, указанные в потребностях.</source>
            <translation>The delivery by note “{0}” of {1} will be accepted: {2} units for {3}. The equipment gets inventory numbers and is put on record in the rooms given in the needs.</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Выполнить шаг</source>
            <translation>Do the step</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="-152" />
            <source>{0}: {1}, {2}</source>
            <translation>{0}: {1}, {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/needs.py" line="-125" />
            <source>Статус:</source>
            <translation>Status:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Все</source>
            <translation>All</translation>
        </message>
        <message>
            <location line="+26" />
            <source>потребность № {0} «{1}»</source>
            <translation>need No. {0} “{1}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/suppliers.py" line="+54" />
            <source>поставщика «{0}» (ИНН {1})</source>
            <translation>supplier “{0}” (INN {1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="-44" />
            <source>Выгрузить план-график</source>
            <translation>Export the procurement schedule</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Выгрузка плана-графика…</source>
            <translation>Exporting the procurement schedule…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>План-график выгружен: {0} (строк: {1})</source>
            <translation>Procurement schedule exported: {0} ({1} lines)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Выгрузка плана-графика</source>
            <translation>Procurement schedule export</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/needs.py" line="+98" />
            <source>Дата КП</source>
            <translation>Offer date</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Исх. №</source>
            <translation>Ref. No.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Документ</source>
            <translation>Document</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Откл., %</source>
            <translation>Dev., %</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Коммерческие предложения</source>
            <translation>Commercial offers</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Добавить предложение</source>
            <translation>Add offer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Прикрепить файл КП…</source>
            <translation>Attach offer file…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>НМЦК методом сопоставимых рыночных цен</source>
            <translation>Initial max. price by the comparable market prices method</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Обоснование НМЦК (PDF)</source>
            <translation>Initial max. price justification (PDF)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Включить в план-график…</source>
            <translation>Add to procurement schedule…</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Выберите потребность в списке</source>
            <translation>Choose a need in the list</translation>
        </message>
        <message>
            <location line="+12" />
            <source>ОКПД2 {0}</source>
            <translation>OKPD2 {0}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Обоснование: </source>
            <translation>Justification: </translation>
        </message>
        <message>
            <location line="+40" />
            <source>Файл не прикреплён: предложение получено на бумаге.</source>
            <translation>No file attached: the offer came on paper.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Предложение старше шести месяцев: запросите актуальную цену.</source>
            <translation>The offer is older than six months: request a current price.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Цены однородны (V ≤ 33 %): НМЦК обоснована.</source>
            <translation>Prices are homogeneous (V ≤ 33 %): the initial max. price is justified.</translation>
        </message>
        <message>
            <location line="+67" />
            <source>Строка {0}: цена «{1}» не распознана — введите число, например 125 000,50.</source>
            <translation>Row {0}: price “{1}” not recognised — enter a number, e.g. 125 000.50.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Строка {0}: {1}</source>
            <translation>Row {0}: {1}</translation>
        </message>
        <message>
            <location line="+35" />
            <location line="+17" />
            <source>Файл КП</source>
            <translation>Offer file</translation>
        </message>
        <message>
            <location line="-17" />
            <source>Сначала введите цену предложения.</source>
            <translation>Enter the offer price first.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Файл коммерческого предложения</source>
            <translation>Commercial offer file</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Документы (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx)</source>
            <translation>Documents (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx)</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Файл больше 20 МБ: сожмите его или прикрепите скан меньшего размера.</source>
            <translation>The file is over 20 MB: compress it or attach a smaller scan.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Не удалось прочитать файл: {0}</source>
            <translation>Could not read the file: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="+149" />
            <source>Позиции строки</source>
            <translation>Line items</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ход закупки</source>
            <translation>Procurement progress</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_contract_dialogs.py" line="+13" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="+1" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="+0" />
            <source>НМЦК</source>
            <translation>Initial max. price</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Статус</source>
            <translation>Status</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Шаг</source>
            <translation>Step</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Кто</source>
            <translation>Who</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Запросы цен…</source>
            <translation>Requests for prices…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Обоснование цены контракта</source>
            <translation>Justification of the contract price</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Обоснование НМЦК закупки</source>
            <translation>Price justification of the purchase</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Настройки закупок…</source>
            <translation>Procurement settings…</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Выберите строку плана-графика</source>
            <translation>Choose a procurement schedule line</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/plan.py" line="+151" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="+8" />
            <source>{0} кв. {1}</source>
            <translation>Q{0} {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/plan.py" line="+2" />
            <source>источник не указан</source>
            <translation>no source given</translation>
        </message>
        <message>
            <location line="+1" />
            <source>НМЦК {0}</source>
            <translation>Initial max. price {0}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>извещение № {0}</source>
            <translation>notice No. {0}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>ИКЗ {0}</source>
            <translation>purchase code {0}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>цена обоснована {0}</source>
            <translation>price justified {0}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Следующий шаг:</source>
            <translation>Next step:</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Закупка завершена: шагов больше нет.</source>
            <translation>The procurement is complete: no more steps.</translation>
        </message>
        <message>
            <location line="+73" />
            <source>Приёмка</source>
            <translation>Acceptance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/contracts.py" line="-5" />
            <source>Поставки</source>
            <translation>Deliveries</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Отметить оплату этапа</source>
            <translation>Mark stage as paid</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Новая поставка…</source>
            <translation>New delivery…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Принять поставку…</source>
            <translation>Accept delivery…</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>Сумма</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location line="-1" />
            <source>Срок</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/budget.py" line="+1" />
            <location filename="../../chemcluster_desktop/ui/pages/procurement/contracts.py" line="+0" />
            <source>Оплачено</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/contracts.py" line="+1" />
            <source>Накладная</source>
            <translation>Delivery note</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Принята</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <location line="+1" />
            <source>На учёте, ед.</source>
            <translation>On record, units</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Выберите контракт в списке</source>
            <translation>Choose a contract in the list</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Контракт № {0} от {1}</source>
            <translation>Contract No. {0} of {1}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>цена {0}</source>
            <translation>price {0}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>оплачено {0}</source>
            <translation>paid {0}</translation>
        </message>
        <message>
            <location line="+0" />
            <source>поставлено на {0}</source>
            <translation>delivered for {0}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>после приёмки</source>
            <translation>after acceptance</translation>
        </message>
        <message>
            <location line="+2" />
            <source>не оплачено</source>
            <translation>not paid</translation>
        </message>
        <message>
            <location line="+12" />
            <source>ждёт приёмки</source>
            <translation>awaiting acceptance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/budget.py" line="-6" />
            <source>Стоимость проекта {0}; грант «Профессионалитет» — не более {1}. Лимиты источников: {2}; остаток проекта без обязательств: {3}.</source>
            <translation>Project cost {0}; the “Professionalitet” grant is at most {1}. Source limits: {2}; project balance without commitments: {3}.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Источник</source>
            <translation>Source</translation>
        </message>
        <message>
            <location line="+0" />
            <source>План (НМЦК)</source>
            <translation>Plan (initial maximum price)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Законтрактовано</source>
            <translation>Contracted</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Остаток</source>
            <translation>Balance</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Освоено, %</source>
            <translation>Spent, %</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Превышен лимит источника «{0}» на {1}.</source>
            <translation>The limit of source “{0}” is exceeded by {1}.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Лимит гранта больше предельных {0}.</source>
            <translation>The grant limit exceeds the maximum of {0}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Лимиты источников покрывают не весь проект: не распределено {0}.</source>
            <translation>Source limits do not cover the whole project: {0} not allocated.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/budget_chart.py" line="+9" />
            <source>млн ₽</source>
            <translation>mln ₽</translation>
        </message>
        <message>
            <location line="+3" />
            <source>; грант — не более {0} млн ₽</source>
            <translation>; grant — at most {0} mln ₽</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Бюджет закупок по источникам, млн ₽{0}</source>
            <translation>Procurement budget by source, mln ₽{0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="79" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="82" />
            <source>№ строки</source>
            <translation>Row No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="83" />
            <source>Позиций</source>
            <translation>Items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="83" />
            <source>Номер</source>
            <translation>Number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="84" />
            <source>Цена</source>
            <translation>Price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="88" />
            <source>План</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="73" />
            <source>План-график</source>
            <translation>Procurement schedule</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="80" />
            <source>КП</source>
            <translation>Offer</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="81" />
            <source>Строка плана</source>
            <translation>Plan line</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="85" />
            <source>Ждут приёмки</source>
            <translation>Awaiting acceptance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="87" />
            <source>Контрактов</source>
            <translation>Contracts</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="73" />
            <source>Потребности и НМЦК</source>
            <translation>Needs and initial max. price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="74" />
            <source>Контракты и поставки</source>
            <translation>Contracts and deliveries</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="74" />
            <source>Поставщики</source>
            <translation>Suppliers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="75" />
            <source>Бюджет</source>
            <translation>Budget</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="76" />
            <source>Отменить закупку</source>
            <translation>Cancel procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="77" />
            <source>Контракт заключён…</source>
            <translation>Contract signed…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="77" />
            <source>Поставка…</source>
            <translation>Delivery…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="78" />
            <source>Поставлено на учёт</source>
            <translation>Put on record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="76" />
            <source>Закупки оборудования</source>
            <translation>Equipment procurement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="80" />
            <source>Мастерская / помещение</source>
            <translation>Workshop / room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="75" />
            <source>Источники финансирования</source>
            <translation>Funding sources</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="93" />
            <source>Нет потребностей. Добавьте (Ctrl+N) или создайте их из дефицитов чек-листа в разделе «Аккредитация».</source>
            <translation>No needs. Add one (Ctrl+N) or create them from checklist shortages in the Accreditation section.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="91" />
            <source>Предложений</source>
            <translation>Offers</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="91" />
            <source>Средняя цена за единицу</source>
            <translation>Mean unit price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="92" />
            <source>Среднее квадр. отклонение σ</source>
            <translation>Standard deviation σ</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/procurement/__init__.py" line="92" />
            <source>Коэффициент вариации</source>
            <translation>Coefficient of variation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/acceptance.py" line="29" />
            <source>оборудование поштучно</source>
            <translation>equipment, unit by unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/acceptance.py" line="29" />
            <source>группа под одним номером</source>
            <translation>a group under one number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/acceptance.py" line="30" />
            <source>расходный материал</source>
            <translation>consumable</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/acceptance.py" line="64" />
            <source>одна штука</source>
            <translation>a single unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/acceptance.py" line="65" />
            <source>цена за единицу не выше порога {0} ₽: одна карточка на {1} шт.</source>
            <translation>price per unit within the threshold of {0} ₽: one card for {1} units</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/acceptance.py" line="59" />
            <source>учитывается в «{0}», не в штуках</source>
            <translation>counted in «{0}», not in units</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/acceptance.py" line="61" />
            <source>цена за единицу выше порога {0} ₽: каждая штука — отдельная карточка</source>
            <translation>price per unit above the threshold of {0} ₽: each unit is a card of its own</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/compliance.py" line="122" />
            <source>НМЦК закупки</source>
            <translation>Initial maximum price of the purchase</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/compliance.py" line="182" />
            <source>ИКЗ не сформирован: укажите идентификационный код заказчика (ИНН и КПП колледжа) в настройках закупок.</source>
            <translation>No purchase code: give the customer identification code (the college's INN and KPP) in the procurement settings.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/compliance.py" line="145" />
            <source>Внимание: закупки малого объёма ({0}) за {1} год составят {2} ₽ из {3} ₽ допустимых.</source>
            <translation>Note: small purchases ({0}) in {1} will come to {2} ₽ of {3} ₽ allowed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/compliance.py" line="166" />
            <source>ИКЗ присваивается закупкам по 44-ФЗ; у закупки по 223-ФЗ его нет.</source>
            <translation>A purchase code belongs to 44-FZ purchases; a 223-FZ purchase has none.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/compliance.py" line="49" />
            <source>Дата обоснования цены {0} раньше даты коммерческого предложения «{1}» от {2} по позиции «{3}»: обоснование не может опираться на более поздние цены. Укажите дату не раньше {4} или замените предложение.</source>
            <translation>The justification date {0} is before the offer from «{1}» of {2} for «{3}»: a justification cannot rest on later prices. Give a date not before {4} or replace the offer.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/compliance.py" line="125" />
            <source>{0} {1} ₽ больше {2} ₽ — предела закупки малого объёма ({3}). Выберите конкурентный способ.</source>
            <translation>{0} {1} ₽ is above {2} ₽, the limit of a small purchase ({3}). Choose a competitive method.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/compliance.py" line="136" />
            <source>Годовой объём закупок малого объёма ({0}) за {1} год составит {2} ₽ при пределе {3} ₽ (уже {4} ₽): закупка не помещается в лимит. Выберите конкурентный способ.</source>
            <translation>Small purchases ({0}) in {1} would come to {2} ₽ against the limit of {3} ₽ (already {4} ₽): the purchase does not fit. Choose a competitive method.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deadlines.py" line="90" />
            <source>поставка по контракту № {0} ({1})</source>
            <translation>delivery under contract No. {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deadlines.py" line="91" />
            <source>оплата по контракту № {0} ({1})</source>
            <translation>payment under contract No. {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deadlines.py" line="97" />
            <source>Просрочено с {0}: {1}</source>
            <translation>Overdue since {0}: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deadlines.py" line="97" />
            <source>Срок {0}: {1}</source>
            <translation>Due {0}: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/justification.py" line="96" />
            <source>Цена по строке ещё не обоснована: документ — проект, возраст предложений считается от сегодняшнего дня.</source>
            <translation>The line's price is not justified yet: this is a draft, the offers' age is counted from today.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/justification.py" line="78" />
            <source>Строка плана-графика «{0}» не найдена.</source>
            <translation>Procurement schedule line “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/justification.py" line="107" />
            <source>Направлено запросов цен: {0}; методика рекомендует не меньше {1}.</source>
            <translation>Requests for prices sent: {0}; the methodology recommends at least {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/justification.py" line="100" />
            <source>«{0}»: предложения № {1} датированы позже обоснования ({2}).</source>
            <translation>«{0}»: offers No. {1} are dated after the justification ({2}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/price_requests.py" line="34" />
            <source>Укажите дату отправки запроса.</source>
            <translation>Give the date the request was sent.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/price_requests.py" line="45" />
            <source>Укажите исходящий номер запроса.</source>
            <translation>Give the request's outgoing number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/price_requests.py" line="47" />
            <source>Исходящий номер — не больше 64 знаков.</source>
            <translation>The outgoing number: at most 64 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/price_requests.py" line="53" />
            <source>Укажите поставщика, которому отправлен запрос.</source>
            <translation>Give the supplier the request was sent to.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/price_requests.py" line="64" />
            <source>Запись о запросе цен</source>
            <translation>The request for prices</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/price_requests.py" line="36" />
            <source>Дата запроса {0} ещё не наступила.</source>
            <translation>The request date {0} has not come yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/price_requests.py" line="40" />
            <source>Запрос от {0} отправлен позже обоснования цены ({1}): он не мог в нём участвовать.</source>
            <translation>A request of {0} was sent after the price justification ({1}): it could not have been part of it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="227" />
            <source>ИКЗ: разряды 23–26 (номер закупки в плане-графике) не могут быть 0000.</source>
            <translation>Purchase code: digits 23–26 (the purchase's number in the plan-schedule) cannot be 0000.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="123" />
            <source>Укажите методику обоснования НМЦК: она печатается в обосновании.</source>
            <translation>Give the price justification methodology: it is printed in the justification.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="218" />
            <source>ИКЗ — 36 цифр; введено {0} знаков «{1}».</source>
            <translation>A purchase code has 36 digits; given {0} characters «{1}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="220" />
            <source>ИКЗ: разряды 1–2 «{0}» не совпадают с годом закупки {1}.</source>
            <translation>Purchase code: digits 1–2 «{0}» do not match the year {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="222" />
            <source>ИКЗ: в разрядах 4–13 ИНН заказчика «{0}» с неверной контрольной цифрой.</source>
            <translation>Purchase code: the customer's INN «{0}» in digits 4–13 has a wrong check digit.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="224" />
            <source>ИКЗ: разряды 3–22 «{0}» не совпадают с идентификационным кодом заказчика {1}.</source>
            <translation>Purchase code: digits 3–22 «{0}» do not match the customer identification code {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="230" />
            <source>ИКЗ: разряды 30–33 «{0}» не совпадают с кодом ОКПД2 позиций закупки ({1}).</source>
            <translation>Purchase code: digits 30–33 «{0}» do not match the OKPD2 code of the positions ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="127" />
            <source>Идентификационный код заказчика — 20 цифр: 1 знак, ИНН (10 цифр с верной контрольной цифрой) и КПП (9 цифр); введено «{0}».</source>
            <translation>The customer identification code has 20 digits: 1 digit, the INN (10 digits with a true check digit) and the KPP (9 digits); given «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="132" />
            <source>КПП — 9 цифр; введено «{0}».</source>
            <translation>KPP: 9 digits; given «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="135" />
            <source>Код вида расходов — 3 цифры (например, 244); введено «{0}».</source>
            <translation>Expenditure type code: 3 digits (e.g. 244); given «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="177" />
            <source>Способ закупки по {0}: {1}; введено «{2}».</source>
            <translation>Methods under {0}: {1}; given «{2}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="141" />
            <source>Совокупный годовой объём закупок — сумма в рублях, например 25 000 000; введено «{0}».</source>
            <translation>The total annual volume of purchases is a sum in roubles, e.g. 25 000 000; given «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="147" />
            <source>Значение «{0}» — целое число от {1} до {2}.</source>
            <translation>«{0}»: a whole number from {1} to {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="59" />
            <source>Дата отправки</source>
            <translation>Date sent</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="60" />
            <source>Исходящий номер</source>
            <translation>Outgoing number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="62" />
            <source>Записать запрос</source>
            <translation>Record the request</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="109" />
            <source>Настройки закупок</source>
            <translation>Procurement settings</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="112" />
            <source>Методика обоснования НМЦК</source>
            <translation>Price justification methodology</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="115" />
            <source>Идентификационный код заказчика (ИКУ)</source>
            <translation>Customer identification code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="118" />
            <source>пусто — 3 + ИНН колледжа + КПП</source>
            <translation>empty: 3 + the college's INN + KPP</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="119" />
            <source>КПП колледжа</source>
            <translation>the college's KPP</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="121" />
            <source>Код вида расходов (разряды 34–36 ИКЗ)</source>
            <translation>Expenditure type code (digits 34–36 of the purchase code)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="134" />
            <source>запросов цен не меньше </source>
            <translation>requests for prices at least </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="137" />
            <source>Срок оплаты; запросы</source>
            <translation>Payment term; requests</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="138" />
            <source>Совокупный годовой объём закупок (СГОЗ), ₽</source>
            <translation>Total annual volume of purchases (SGOZ), ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="140" />
            <source>пусто — по плану-графику 44-ФЗ</source>
            <translation>empty: from the 44-FZ plan-schedule</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="142" />
            <source>Методика по умолчанию</source>
            <translation>Default methodology</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="44" />
            <source>Ответ</source>
            <translation>Reply</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="81" />
            <source>Направлено запросов: {0}, ответили: {1}.</source>
            <translation>Requests sent: {0}, replied: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="38" />
            <source>Запросы цен по строке {0}</source>
            <translation>Requests for prices, line {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="75" />
            <source>КП получено</source>
            <translation>offer received</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="75" />
            <source>ответа нет</source>
            <translation>no reply</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/procurement_law_dialogs.py" line="83" />
            <source>Методика рекомендует не меньше {0}.</source>
            <translation>The methodology recommends at least {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/deadlines.py" line="95" />
            <source> — {0} ₽</source>
            <translation> — {0} ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="+52" />
            <source>электронный аукцион</source>
            <translation>electronic auction</translation>
        </message>
        <message>
            <location line="+1" />
            <source>электронный запрос котировок</source>
            <translation>electronic request for quotations</translation>
        </message>
        <message>
            <location line="+1" />
            <source>электронный конкурс</source>
            <translation>electronic tender</translation>
        </message>
        <message>
            <location line="+1" />
            <source>единственный поставщик (п. 4 ч. 1 ст. 93)</source>
            <translation>single supplier (art. 93 part 1 cl. 4)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>единственный поставщик (п. 5 ч. 1 ст. 93)</source>
            <translation>single supplier (art. 93 part 1 cl. 5)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>единственный поставщик (ч. 12 ст. 93, в электронной форме)</source>
            <translation>single supplier (Art. 93 Part 12, in electronic form)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>конкурс</source>
            <translation>tender</translation>
        </message>
        <message>
            <location line="+0" />
            <source>аукцион</source>
            <translation>auction</translation>
        </message>
        <message>
            <location line="+1" />
            <source>запрос котировок</source>
            <translation>request for quotations</translation>
        </message>
        <message>
            <location line="+1" />
            <source>запрос предложений</source>
            <translation>request for proposals</translation>
        </message>
        <message>
            <location line="+1" />
            <source>единственный поставщик</source>
            <translation>single supplier</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/rules.py" line="78" />
            <source>Приказ Минэкономразвития России от 02.10.2013 № 567 «Об утверждении Методических рекомендаций по применению методов определения начальной (максимальной) цены контракта, цены контракта, заключаемого с единственным поставщиком (подрядчиком, исполнителем)»; статья 22 Федерального закона от 05.04.2013 № 44-ФЗ; метод сопоставимых рыночных цен (анализа рынка)</source>
            <translation>Order of the Ministry of Economic Development of Russia of 02.10.2013 No. 567 «On approving the methodological recommendations on the methods of determining the initial (maximum) contract price and the price of a contract concluded with a single supplier (contractor, performer)»; article 22 of Federal Law No. 44-ФЗ of 05.04.2013; the comparable market prices (market analysis) method</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/compliance.py" line="140" />
            <source>Предел считается от совокупного годового объёма закупок (СГОЗ); он не введён, поэтому взят объём плана-графика на {0} год ({1} ₽). Если СГОЗ больше, введите его: «Закупки» → «План-график» → «Настройки закупок…».</source>
            <translation>The limit is a share of the total annual procurement volume (СГОЗ); it has not been entered, so the plan-schedule's volume for {0} ({1} ₽) was taken. If the СГОЗ is larger, enter it: «Procurement» → «Procurement schedule» → «Procurement settings…».</translation>
        </message>
    </context>
    <context>
        <name>ReadinessChart</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="114" />
            <source>Расходные</source>
            <translation>Consumables</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="116" />
            <source>Склад</source>
            <translation>Store</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="58" />
            <source>Выполнено</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="59" />
            <source>Частично</source>
            <translation>Partly</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="60" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="113" />
            <source>Раб. места</source>
            <translation>Workplaces</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="115" />
            <source>Эксперты</source>
            <translation>Experts</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="117" />
            <source>ОТ и ТБ</source>
            <translation>OHS</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="118" />
            <source>Общая</source>
            <translation>Shared</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="52" />
            <source>Нет данных: у мастерской нет инфраструктурного листа</source>
            <translation>No data: the workshop has no infrastructure list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/readiness_chart.py" line="93" />
            <source>Позиций листа по зонам: выполнено (зелёный), частично (жёлтый), не выполнено (красный). Щелчок по полосе — показать эти строки.</source>
            <translation>List items by zone: met (green), partly (yellow), not met (red). Click a bar to show those lines.</translation>
        </message>
    </context>
    <context>
        <name>RecoverDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="50" />
            <source>{0} КБ</source>
            <translation>{0} KB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="97" />
            <source>Выход</source>
            <translation>Exit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="104" />
            <source>Файл резервной копии</source>
            <translation>Backup file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="40" />
            <source>вручную</source>
            <translation>manual</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="41" />
            <source>ежедневная</source>
            <translation>daily</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="42" />
            <source>перед обновлением схемы</source>
            <translation>before schema upgrade</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="43" />
            <source>перед восстановлением</source>
            <translation>before restore</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="49" />
            <source>{0} МБ</source>
            <translation>{0} MB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="59" />
            <source>База данных повреждена</source>
            <translation>The database is damaged</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="89" />
            <source>Восстановить из копии</source>
            <translation>Restore from backup</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="93" />
            <source>Другой файл…</source>
            <translation>Another file…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="109" />
            <source>Файл не подходит</source>
            <translation>Unsuitable file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="74" />
            <source>{0} — {1}, {2}</source>
            <translation>{0} — {1}, {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="151" />
            <source>Восстановление не удалось</source>
            <translation>Restore failed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="105" />
            <source>Резервные копии (*.sqlite3 *.db);;Все файлы (*)</source>
            <translation>Backups (*.sqlite3 *.db);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="155" />
            <source>Не удалось заменить файл базы данных: {0}</source>
            <translation>Could not replace the database file: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="110" />
            <source>Файл «{0}» не является исправной копией базы ChemCluster.</source>
            <translation>File “{0}” is not a sound ChemCluster backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="80" />
            <source>Найдена последняя исправная резервная копия. Восстановить базу из неё? Изменения, сделанные после копии, будут потеряны. Повреждённый файл не удаляется: он будет переименован и сохранён рядом.</source>
            <translation>The latest sound backup was found. Restore the database from it? Changes made after the backup will be lost. The damaged file is not deleted: it is renamed and kept beside it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/recover.py" line="84" />
            <source>Исправных резервных копий этой базы не найдено. Выберите файл копии вручную или закройте программу и обратитесь к администратору.</source>
            <translation>No sound backups of this database were found. Choose a backup file yourself, or close the program and contact the administrator.</translation>
        </message>
    </context>
    <context>
        <name>Reference</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="+35" />
            <source>Лаборатория</source>
            <translation>Laboratory</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Склад</source>
            <translation>Store</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Кабинет</source>
            <translation>Office</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="46" />
            <source>Справочники</source>
            <translation>Reference data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="49" />
            <source>Нет помещений. Добавьте помещение (Ctrl+N) — к нему привязываются инвентарь и мастерские.</source>
            <translation>No rooms. Add a room (Ctrl+N): inventory and workshops are placed in rooms.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="49" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="56" />
            <source>Здание</source>
            <translation>Building</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="60" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="63" />
            <source>Площадь, м²</source>
            <translation>Area, m²</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="65" />
            <source>Ответственный (МОЛ)</source>
            <translation>Responsible (custodian)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="57" />
            <source>— без здания —</source>
            <translation>— no building —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="64" />
            <source>например 72,5</source>
            <translation>e.g. 72.5</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="66" />
            <source>Фамилия И. О.</source>
            <translation>Surname I. O.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="67" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="144" />
            <source>Здания</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="158" />
            <source>Добавить…</source>
            <translation>Add…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="159" />
            <source>Изменить…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="160" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="168" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="126" />
            <source>Адрес</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="200" />
            <source>Новое здание</source>
            <translation>New building</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference_rooms.py" line="71" />
            <source>Все здания</source>
            <translation>All buildings</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference_rooms.py" line="76" />
            <source>Все виды</source>
            <translation>All kinds</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="84" />
            <source>Укажите название помещения.</source>
            <translation>Enter the room name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="92" />
            <source>Площадь — положительное число, например 72,5.</source>
            <translation>Area is a positive number, e.g. 72.5.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="54" />
            <source>Название</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="148" />
            <source>Помещений</source>
            <translation>Rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="211" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="93" />
            <source>Здания и помещения</source>
            <translation>Buildings and rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference_rooms.py" line="84" />
            <source>Здание:</source>
            <translation>Building:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference_rooms.py" line="85" />
            <source>Вид:</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="76" />
            <source>Здания…</source>
            <translation>Buildings…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="77" />
            <source>Список зданий: добавить, переименовать, удалить</source>
            <translation>Buildings: add, rename, delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="218" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="93" />
            <source>Пользователи</source>
            <translation>Users</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="49" />
            <source>Помещение: {0}</source>
            <translation>Room: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="205" />
            <source>Здание: {0}</source>
            <translation>Building: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/rooms.py" line="211" />
            <source>Удалить здание «{0}»?</source>
            <translation>Delete building “{0}”?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference_rooms.py" line="122" />
            <source>помещение «{0}»</source>
            <translation>room “{0}”</translation>
        </message>
    </context>
    <context>
        <name>Reports</name>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="-40" />
            <source>Отчёт «{0}» не принимает фильтр {1}.</source>
            <translation>Report “{0}” does not accept filter {1}.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>{0} (ф. {1})</source>
            <translation>{0} (form {1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="99" />
            <source>Отчёт о достижении показателей кластера «Химический потенциал»</source>
            <translation>Report on the indicators of the “Chemical Potential” cluster</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/nmck.py" line="+139" />
            <source>Потребность № {0}: {1}</source>
            <translation>Need No. {0}: {1}</translation>
        </message>
        <message>
            <location line="-12" />
            <source>Характеристики</source>
            <translation>Specifications</translation>
        </message>
        <message>
            <location line="-55" />
            <source>п. 3.20.1 Методических рекомендаций, утв. приказом Минэкономразвития России от 02.10.2013 № 567</source>
            <translation>clause 3.20.1 of the Methodological recommendations approved by order No. 567 of the Ministry of Economic Development of Russia of 02.10.2013</translation>
        </message>
        <message>
            <location line="+56" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Мастерская / лаборатория</source>
            <translation>Workshop / laboratory</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Код ОКПД2</source>
            <translation>OKPD2 code</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Закон / строка плана-графика</source>
            <translation>Law / procurement schedule line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Метод</source>
            <translation>Method</translation>
        </message>
        <message>
            <location line="+0" />
            <source>метод сопоставимых рыночных цен (анализа рынка) по положению о закупке заказчика (Федеральный закон № 223-ФЗ), с применением методических рекомендаций Приказа Минэкономразвития России от 02.10.2013 № 567</source>
            <translation>the comparable market prices (market analysis) method under the customer's procurement regulation (Federal Law No. 223-FZ), applying the guidance of the Order of the Ministry of Economic Development of Russia of 02.10.2013 No. 567</translation>
        </message>
        <message>
            <location line="+3" />
            <source>метод сопоставимых рыночных цен (анализа рынка), ст. 22 Федерального закона № 44-ФЗ, Приказ Минэкономразвития России от 02.10.2013 № 567</source>
            <translation>the comparable market prices (market analysis) method, art. 22 of Federal Law No. 44-FZ, Order of the Ministry of Economic Development of Russia of 02.10.2013 No. 567</translation>
        </message>
        <message>
            <location line="+6" />
            <location line="+86" />
            <source>Сведение</source>
            <translation>Summary</translation>
        </message>
        <message>
            <location line="-86" />
            <location line="+46" />
            <location line="+40" />
            <source>Значение</source>
            <translation>Value</translation>
        </message>
        <message>
            <location line="-79" />
            <source>старше 6 мес.</source>
            <translation>older than 6 months</translation>
        </message>
        <message>
            <location line="+2" />
            <source>выпадает</source>
            <translation>falls out</translation>
        </message>
        <message>
            <location line="+2" />
            <source>позже даты обоснования</source>
            <translation>after the justification date</translation>
        </message>
        <message>
            <location line="+12" />
            <location line="+70" />
            <location line="+17" />
            <source>№</source>
            <translation>No.</translation>
        </message>
        <message>
            <location line="-87" />
            <source>Поставщик (источник ценовой информации)</source>
            <translation>Supplier (source of price information)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>ИНН</source>
            <translation>INN</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Дата КП</source>
            <translation>Offer date</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Исх. № КП</source>
            <translation>Offer ref. No.</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Цена за ед., ₽</source>
            <translation>Unit price, ₽</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Откл. от средней, %</source>
            <translation>Dev. from mean, %</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Отметка</source>
            <translation>Mark</translation>
        </message>
        <message>
            <location line="+6" />
            <source>НМЦК = v / n × ΣЦi = {0} / {1} × {2}, ₽ ({3})</source>
            <translation>Initial max. price = v / n × ΣPi = {0} / {1} × {2}, ₽ ({3})</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Количество предложений n</source>
            <translation>Number of offers n</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Среднее квадратичное отклонение σ = √(Σ(Цi − Цср)² / (n − 1)), ₽</source>
            <translation>Standard deviation σ = √(Σ(Pi − mean)² / (n − 1)), ₽</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Коэффициент вариации V = σ / Цср × 100 %</source>
            <translation>Coefficient of variation V = σ / mean × 100 %</translation>
        </message>
        <message>
            <location line="-8" />
            <source>НМЦК = количество × Цср, ₽</source>
            <translation>Initial max. price = quantity × mean price, ₽</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Сумма цен ΣЦi, ₽</source>
            <translation>Sum of prices ΣPi, ₽</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Средняя цена за единицу Цср = ΣЦi / n, ₽ (округлена до копейки)</source>
            <translation>Mean unit price = ΣPi / n, ₽ (rounded to kopecks)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Расчёт</source>
            <translation>Calculation</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Коэффициент вариации не превышает 33 %: совокупность цен однородна. Начальная (максимальная) цена контракта — {0} ₽.</source>
            <translation>The coefficient of variation does not exceed 33 %: the prices are homogeneous. The initial (maximum) contract price is {0} ₽.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Коэффициент вариации {0} % больше 33 %: совокупность цен неоднородна.</source>
            <translation>Coefficient of variation {0} % is above 33 %: the prices are not homogeneous.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Обоснование отклонено.</source>
            <translation>Justification rejected.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Количество × Цср = {0} × {1} = {2} ₽ отличается от НМЦК {3} ₽: Цср показана округлённой до копейки, а НМЦК считается от суммы цен и округляется один раз — в конце ({4}).</source>
            <translation>Quantity × mean price = {0} × {1} = {2} ₽ differs from the initial max. price {3} ₽: the mean price is shown rounded to kopecks, while the initial max. price is computed from the sum of prices and rounded once, at the end ({4}).</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Обоснование цены контракта с единственным поставщиком, закупка {0}: {1}</source>
            <translation>Justification of the price of a contract with a single supplier, purchase {0}: {1}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Обоснование НМЦК закупки {0}: {1}</source>
            <translation>Justification of the initial maximum price, purchase {0}: {1}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Идентификационный код закупки (ИКЗ)</source>
            <translation>Purchase identification code (IKZ)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Закон, способ определения поставщика</source>
            <translation>Law, supplier selection method</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Дата обоснования</source>
            <translation>Date of the justification</translation>
        </message>
        <message>
            <location line="+1" />
            <source>не обоснована (проект)</source>
            <translation>not justified (draft)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Методика</source>
            <translation>Methodology</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Запросы ценовой информации (рекомендуется не меньше {0})</source>
            <translation>Requests for prices (at least {0} recommended)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Дата запроса</source>
            <translation>Request date</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Исх. №</source>
            <translation>Ref. No.</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Ответ</source>
            <translation>Reply</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Запросы не зарегистрированы.</source>
            <translation>No requests recorded.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Цена контракта по позициям</source>
            <translation>Contract price by position</translation>
        </message>
        <message>
            <location line="+1" />
            <source>НМЦК закупки</source>
            <translation>Initial maximum price of the purchase</translation>
        </message>
        <message>
            <location line="-4" />
            <source>Итого НМЦК закупки</source>
            <translation>Total initial maximum price of the purchase</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Итого цена контракта</source>
            <translation>Total contract price</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Позиция</source>
            <translation>Item</translation>
        </message>
        <message>
            <location line="+0" />
            <source>ОКПД2 / КТРУ</source>
            <translation>OKPD2 / KTRU</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Цср, ₽</source>
            <translation>Mean price, ₽</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Позиции № {0}: количество × Цср отличается от НМЦК позиции на доли копейки на единицу — НМЦК = v / n × ΣЦi, округление один раз, в конце ({1}); расчёт приведён в разделе позиции.</source>
            <translation>Items No. {0}: quantity × mean price differs from the item's initial max. price by fractions of a kopeck per unit — initial max. price = v / n × ΣPi, rounded once, at the end ({1}); the calculation is in the item's section.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Цена контракта, заключаемого с единственным поставщиком, — {0} ₽.</source>
            <translation>The price of the contract with a single supplier is {0} ₽.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Начальная (максимальная) цена контракта — {0} ₽.</source>
            <translation>Initial maximum contract price: {0} ₽.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Обоснование не утверждается.</source>
            <translation>The justification is not approved.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Обоснование цены контракта</source>
            <translation>Justification of the contract price</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Обоснование начальной (максимальной) цены контракта</source>
            <translation>Justification of the initial (maximum) contract price</translation>
        </message>
        <message>
            <location line="-12" />
            <source>Дата составления обоснования: {0}</source>
            <translation>Justification date: {0}</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Предварительный расчёт по потребности вне плана-графика на {0}; обоснование составляется по строке плана-графика.</source>
            <translation>Preliminary calculation for a need outside the plan-schedule as of {0}; the justification is made per plan-schedule line.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Нет потребностей с коммерческими предложениями.</source>
            <translation>No needs with commercial offers.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="92" />
            <source>Показатель</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="100" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="92" />
            <source>Плановое значение</source>
            <translation>Target value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="+38" />
            <source>{0} кв. {1}</source>
            <translation>Q{0} {1}</translation>
        </message>
        <message>
            <location line="+22" />
            <source>План-график закупок оборудования</source>
            <translation>Equipment procurement schedule</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Предмет закупки, позиции</source>
            <translation>Subject of procurement, items</translation>
        </message>
        <message>
            <location line="+0" />
            <source>№ / ИКЗ</source>
            <translation>No. / purchase code</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Способ определения поставщика</source>
            <translation>Supplier selection method</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Срок</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/nmck.py" line="-53" />
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="+0" />
            <location line="+33" />
            <source>НМЦК, ₽</source>
            <translation>Initial max. price, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="-33" />
            <source>Статус</source>
            <translation>Status</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Контракт</source>
            <translation>Contract</translation>
        </message>
        <message>
            <location line="+7" />
            <source>План-график закупок (Федеральный закон № 44-ФЗ)</source>
            <translation>Plan-schedule of purchases (Federal Law No. 44-FZ)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>План закупки (Федеральный закон № 223-ФЗ)</source>
            <translation>Procurement plan (Federal Law No. 223-FZ)</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Не состоялись или отменены (в итог не входят)</source>
            <translation>Failed or cancelled (not in the total)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>В плане-графике нет строк.</source>
            <translation>The procurement schedule has no lines.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Итого по источникам</source>
            <translation>Total by source</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Итоги по источникам финансирования (без несостоявшихся и отменённых)</source>
            <translation>Totals by funding source (failed and cancelled left out)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="93" />
            <source>Предыдущий период</source>
            <translation>Previous period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="93" />
            <source>Факт</source>
            <translation>Actual</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="93" />
            <source>% от плана</source>
            <translation>% of plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="214" />
            <source>Комментарий</source>
            <translation>Comment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="124" />
            <source>2. Участники кластера</source>
            <translation>2. Cluster participants</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="127" />
            <source>Участник</source>
            <translation>Participant</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="127" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="127" />
            <source>Соглашение</source>
            <translation>Agreement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="130" />
            <source>3. Направления обучения</source>
            <translation>3. Training directions</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="132" />
            <source>Код</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="132" />
            <source>Специальность / профессия</source>
            <translation>Specialty / trade</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="132" />
            <source>Уровень</source>
            <translation>Level</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="132" />
            <source>Мест в год</source>
            <translation>Places per year</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="136" />
            <source>4. Финансирование по источникам, ₽</source>
            <translation>4. Funding by source, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/budget.py" line="+89" />
            <source>млн ₽</source>
            <translation>mln ₽</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+48" />
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="-33" />
            <source>Источник финансирования</source>
            <translation>Funding source</translation>
        </message>
        <message>
            <location line="-21" />
            <source>Бюджет закупок оборудования по источникам финансирования</source>
            <translation>Equipment procurement budget by funding source</translation>
        </message>
        <message>
            <location line="+2" />
            <location filename="../../chemcluster_desktop/reports/nmck.py" line="+18" />
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="-4" />
            <source>Контрактный управляющий</source>
            <translation>Contract manager</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Стоимость проекта {0} ₽; грант «Профессионалитет» — не более {1} ₽.</source>
            <translation>Project cost {0} ₽; the “Professionalitet” grant is at most {1} ₽.</translation>
        </message>
        <message>
            <location line="+5" />
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="+19" />
            <source>Итого</source>
            <translation>Total</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Лимит, ₽</source>
            <translation>Limit, ₽</translation>
        </message>
        <message>
            <location line="+0" />
            <source>План (НМЦК), ₽</source>
            <translation>Plan (initial max. price), ₽</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Законтрактовано, ₽</source>
            <translation>Contracted, ₽</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+15" />
            <source>Оплачено, ₽</source>
            <translation>Paid, ₽</translation>
        </message>
        <message>
            <location line="-15" />
            <source>Остаток лимита, ₽</source>
            <translation>Limit left, ₽</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Остаток лимита = лимит − законтрактовано − план по строкам без контракта. Строка «Итого»: остаток считается от стоимости проекта.</source>
            <translation>Limit left = limit − contracted − plan of lines without a contract. The “Total” row: the balance is counted from the project cost.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Контракты</source>
            <translation>Contracts</translation>
        </message>
        <message>
            <location line="+0" />
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="+19" />
            <source>Источник</source>
            <translation>Source</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Номер</source>
            <translation>Number</translation>
        </message>
        <message>
            <location line="+0" />
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="+110" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location line="+0" />
            <location filename="../../chemcluster_desktop/reports/nmck.py" line="-36" />
            <source>Поставщик</source>
            <translation>Supplier</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Цена, ₽</source>
            <translation>Price, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/budget.py" line="54" />
            <source>Лимит</source>
            <translation>Limit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/budget.py" line="54" />
            <source>План (НМЦК)</source>
            <translation>Plan (initial maximum price)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/budget.py" line="54" />
            <source>Законтрактовано</source>
            <translation>Contracted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/budget.py" line="54" />
            <source>Оплачено</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="101" />
            <source>Отчётный период: {0}</source>
            <translation>Reporting period: {0}</translation>
        </message>
        <message>
            <location line="-34" />
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="-38" />
            <source>Директор</source>
            <translation>Director</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/styles.py" line="239" />
            <source>(подпись)</source>
            <translation>(signature)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/styles.py" line="300" />
            <source>Сформировано {0} · ChemCluster Desktop</source>
            <translation>Generated {0} · ChemCluster Desktop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/styles.py" line="301" />
            <source>стр. {0} из {1}</source>
            <translation>page {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/report_kpi.py" line="64" />
            <source>последние данные на {0}</source>
            <translation>latest data as of {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/report_kpi.py" line="51" />
            <source> от {0}</source>
            <translation> of {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="-19" />
            <source>Занятий нет.</source>
            <translation>No lessons.</translation>
        </message>
        <message>
            <location line="+6" />
            <location line="+13" />
            <source>Урок</source>
            <translation>Period</translation>
        </message>
        <message>
            <location line="-8" />
            <source>Список занятий за период</source>
            <translation>Lessons of the term</translation>
        </message>
        <message>
            <location line="+8" />
            <source>День</source>
            <translation>Day</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Время</source>
            <translation>Time</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Школа, класс</source>
            <translation>School, class</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Чел.</source>
            <translation>People</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Модуль</source>
            <translation>Module</translation>
        </message>
        <message>
            <location line="+0" />
            <location filename="../../chemcluster_desktop/services/schedule/report_schedule.py" line="+51" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location line="+0" />
            <location filename="../../chemcluster_desktop/services/schedule/report_schedule.py" line="+3" />
            <source>Преподаватель</source>
            <translation>Instructor</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/documents.py" line="+52" />
            <source>Закон: 44-ФЗ или 223-ФЗ; введено «{0}».</source>
            <translation>Law: 44-ФЗ or 223-ФЗ; given «{0}».</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Источник не указан</source>
            <translation>No source given</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+124" />
            <source>на {0} г.</source>
            <translation>for {0}</translation>
        </message>
        <message>
            <location line="-83" />
            <source>КП от {0}</source>
            <translation>offer of {0}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ответа нет</source>
            <translation>no reply</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Потребность указывается номером (id), например --need 12.</source>
            <translation>A need is given by its number (id), e.g. --need 12.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Лимит источника «{0}» превышен на {1} ₽.</source>
            <translation>The limit of source “{0}” is exceeded by {1} ₽.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Лимит гранта больше предельного размера {0} ₽.</source>
            <translation>The grant limit exceeds the maximum of {0} ₽.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Лимиты источников покрывают не весь проект: не распределено {0} ₽.</source>
            <translation>Source limits do not cover the whole project: {0} ₽ not allocated.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>по состоянию на {0}</source>
            <translation>as of {0}</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Не удалось записать файл «{0}»: {1}</source>
            <translation>Could not write file “{0}”: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/accreditation/report_accreditation.py" line="+25" />
            <source>Нет ни одной мастерской: добавьте мастерскую в разделе «Аккредитация».</source>
            <translation>There are no workshops: add one in the Accreditation section.</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Пакет аккредитации мастерской</source>
            <translation>Workshop accreditation packet</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/report_schedule.py" line="-21" />
            <source>{0} «{1}» не найден(а).</source>
            <translation>{0} “{1}” not found.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{0}: {1} — {2}</source>
            <translation>{0}: {1} — {2}</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+14" />
            <source>Школа</source>
            <translation>School</translation>
        </message>
        <message>
            <location line="-12" />
            <source>Класс</source>
            <translation>Class</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Класс {0} — {1}</source>
            <translation>Class {0} — {1}</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Вид расписания: school (лист для школы на подпись), week (сетка недели) или term (список за период).</source>
            <translation>Timetable view: school (the paper a school signs), week (week grid) or term (list of the term).</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Лист на подпись строится для школ: уберите фильтр класса, мастерской или преподавателя.</source>
            <translation>The paper to sign is made for schools: remove the class, workshop or instructor filter.</translation>
        </message>
        <message>
            <location line="+50" />
            <source> (замена за {0})</source>
            <translation> (covering for {0})</translation>
        </message>
        <message>
            <location line="+52" />
            <source>Преподаватель: {0}. Уроки {1}.</source>
            <translation>Instructor: {0}. Lessons {1}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0}: занятия в мастерских ({1})</source>
            <translation>{0}: lessons in the workshops ({1})</translation>
        </message>
        <message>
            <location line="-86" />
            <source>Расписание занятий 8-х классов: {0}</source>
            <translation>8th-grade lesson timetable: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="183" />
            <source>Площадь, м²</source>
            <translation>Area, m²</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="200" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="168" />
            <source>г. Дзержинск</source>
            <translation>Dzerzhinsk</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="213" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="213" />
            <source>Требуется</source>
            <translation>Required</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="213" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="213" />
            <source>В наличии</source>
            <translation>In stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="173" />
            <source>1. Паспорт мастерской</source>
            <translation>1. Workshop passport</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="179" />
            <source>Компетенция</source>
            <translation>Competency</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="180" />
            <source>Инфраструктурный лист</source>
            <translation>Infrastructure list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="182" />
            <source>Помещения</source>
            <translation>Rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="185" />
            <source>Ответственный</source>
            <translation>Responsible</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="195" />
            <source>Готовность по зонам</source>
            <translation>Readiness by zone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="200" />
            <source>Зона</source>
            <translation>Zone</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/nmck.py" line="-11" />
            <source>Позиций</source>
            <translation>Items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="200" />
            <source>Выполнено</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="200" />
            <source>Частично</source>
            <translation>Partly</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="201" />
            <source>Покрытие</source>
            <translation>Coverage</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="343" />
            <source>Заключение комиссии</source>
            <translation>Commission's conclusion</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="358" />
            <source>Председатель комиссии</source>
            <translation>Commission chair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="358" />
            <source>Член комиссии</source>
            <translation>Commission member</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="188" />
            <source>Дата аккредитации</source>
            <translation>Accreditation date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="190" />
            <source>Примечания</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="273" />
            <source>Не хватает</source>
            <translation>Missing</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="286" />
            <source>5. Фотографии оснащения</source>
            <translation>5. Equipment photos</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="286" />
            <source>4. Фотографии оснащения</source>
            <translation>4. Equipment photos</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="161" />
            <source>Компетенция: «{0}»</source>
            <translation>Competency: “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="236" />
            <source> (на 1 раб. место × {0})</source>
            <translation> (per workplace × {0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="176" />
            <source>, {0} м²</source>
            <translation>, {0} m²</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="99" />
            <source>Инвентарный номер</source>
            <translation>Inventory number</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="100" />
            <source>Сумма, ₽</source>
            <translation>Amount, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="103" />
            <source>Фактическое наличие</source>
            <translation>Actually present</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="103" />
            <source>По данным учёта</source>
            <translation>By the records</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="144" />
            <source>Итого по описи</source>
            <translation>Inventory list total</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="135" />
            <source>Итого по помещению</source>
            <translation>Room total</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="147" />
            <source>Факт, кол-во</source>
            <translation>Actual, qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="147" />
            <source>Факт, сумма, ₽</source>
            <translation>Actual, amount, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="147" />
            <source>Учёт, кол-во</source>
            <translation>Record, qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="147" />
            <source>Учёт, сумма, ₽</source>
            <translation>Record, amount, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="145" />
            <source>Всего позиций: {0}</source>
            <translation>Items in total: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/labels.py" line="108" />
            <source>Этикетки инвентаря</source>
            <translation>Inventory labels</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="138" />
            <source>Инв. номер</source>
            <translation>Inv. No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="66" />
            <source>По учёту</source>
            <translation>On record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="66" />
            <source>Фактически</source>
            <translation>Actually</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="67" />
            <source>Разница</source>
            <translation>Difference</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="70" />
            <source>Недостача</source>
            <translation>Shortage</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="70" />
            <source>Излишки</source>
            <translation>Surplus</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="72" />
            <source>Нет.</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="62" />
            <source>, закрыта {0}</source>
            <translation>, closed {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="138" />
            <source>Оборудование</source>
            <translation>Equipment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="57" />
            <source>Мебель</source>
            <translation>Furniture</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="57" />
            <source>Расходные материалы</source>
            <translation>Consumables</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="58" />
            <source>Реактивы</source>
            <translation>Reagents</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="46" />
            <source>Неделя</source>
            <translation>Week</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Учебный период</source>
            <translation>Term</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="77" />
            <source>№ {0}</source>
            <translation>No. {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_stocktaking.py" line="43" />
            <source>не числится по учёту</source>
            <translation>not on record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_stocktaking.py" line="58" />
            <source>{0} · {1}</source>
            <translation>{0} · {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="90" />
            <source>Пакеты аккредитации мастерских</source>
            <translation>Workshop accreditation packets</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="178" />
            <source>Наименование мастерской</source>
            <translation>Workshop name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="184" />
            <source>Количество рабочих мест</source>
            <translation>Number of workplaces</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="359" />
            <source>Ответственный за мастерскую</source>
            <translation>Workshop manager</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="278" />
            <source>4. План застройки мастерской</source>
            <translation>4. Workshop layout plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="230" />
            <source>Статус установлен вручную: {0}</source>
            <translation>Status set manually: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="296" />
            <source>Изображение не читается</source>
            <translation>The image cannot be read</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="100" />
            <source>Заводской (серийный) номер</source>
            <translation>Serial number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="43" />
            <source>Помещение «{0}» не найдено.</source>
            <translation>Room “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_stocktaking.py" line="56" />
            <source>Материально ответственное лицо</source>
            <translation>Custodian (materially responsible person)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_discrepancies.py" line="55" />
            <source>числится в другом помещении</source>
            <translation>recorded in another room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="89" />
            <source>Пакет аккредитации мастерской «{0}»</source>
            <translation>Accreditation packet of workshop “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="282" />
            <source>Изображение плана застройки не читается.</source>
            <translation>The layout plan image cannot be read.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="122" />
            <source>Материально ответственное лицо: {0}</source>
            <translation>Custodian: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="63" />
            <source> (не закрыта — предварительный результат)</source>
            <translation> (not closed — preliminary result)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_stocktaking.py" line="29" />
            <source>В помещении «{0}» инвентаризаций не было.</source>
            <translation>No stock-takings in room “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_labels.py" line="89" />
            <source>Этикетки с QR-кодами</source>
            <translation>Labels with QR codes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="158" />
            <source>Пакет документов для аккредитации мастерской</source>
            <translation>Workshop accreditation document packet</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="208" />
            <source>2. Чек-лист оснащения по инфраструктурному листу</source>
            <translation>2. Equipment checklist by the infrastructure list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="261" />
            <source>3. Перечень недостающего оборудования и материалов</source>
            <translation>3. List of missing equipment and materials</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="52" />
            <source>--ids: нужны номера id через запятую, например 12,15,40.</source>
            <translation>--ids: id numbers separated by commas are needed, e.g. 12,15,40.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/report_schedule.py" line="83" />
            <source>Расписание занятий 8-х классов</source>
            <translation>8th-grade lesson timetable</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="219" />
            <source>У мастерской нет инфраструктурного листа: чек-лист пуст.</source>
            <translation>The workshop has no infrastructure list: the checklist is empty.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="99" />
            <source>Наименование, назначение и краткая характеристика объекта</source>
            <translation>Name, purpose and brief description of the object</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="64" />
            <source>По учёту позиций: {0}; совпало: {1}; недостача: {2}; излишки: {3}.</source>
            <translation>Items on record: {0}; matched: {1}; shortage: {2}; surplus: {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="115" />
            <source>Лист этикеток с QR-кодами для выбранных позиций или помещения.</source>
            <translation>A sheet of QR labels for the chosen items or room.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="118" />
            <source>План-график закупок оборудования по источникам финансирования.</source>
            <translation>Equipment procurement schedule by funding source.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="76" />
            <source>Неизвестный вид позиций «{0}»: equipment, furniture, consumable, reagent.</source>
            <translation>Unknown item kind “{0}”: equipment, furniture, consumable, reagent.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_stocktaking.py" line="57" />
            <source>Ведомость расхождений по результатам инвентаризации</source>
            <translation>Statement of stock-taking discrepancies</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_discrepancies.py" line="31" />
            <source>Инвентаризаций ещё не было: начните её на странице «Инвентарь».</source>
            <translation>No stock-takings yet: start one on the Inventory page.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="264" />
            <source>Недостающих позиций нет: все требования инфраструктурного листа выполнены.</source>
            <translation>No missing items: every requirement of the infrastructure list is met.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="254" />
            <source>* количество на одно рабочее место, умноженное на число рабочих мест ({0}).</source>
            <translation>* quantity per workplace multiplied by the number of workplaces ({0}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="112" />
            <source>Инвентаризационная опись (сличительная ведомость) по объектам нефинансовых активов (по форме ИНВ-1 / 0504087)</source>
            <translation>Inventory list (reconciliation statement) of non-financial assets (form INV-1 / 0504087)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="149" />
            <source>Все позиции описи в количестве {0} проверены комиссией в натуре и внесены в опись.</source>
            <translation>All {0} items of the list were checked by the commission in person and entered in the list.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="86" />
            <source>Расхождений между фактическим наличием и данными учёта не выявлено.</source>
            <translation>No discrepancies between the actual stock and the records.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/stocktaking.py" line="61" />
            <source>Инвентаризация № {0}, помещение «{1}». Начата {2}{3}. Материально ответственное лицо: {4}.</source>
            <translation>Stock-taking No. {0}, room “{1}”. Started {2}{3}. Custodian: {4}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="113" />
            <source>Инвентарная опись по помещениям (формы ИНВ-1 / 0504087), с подписями МОЛ и комиссии.</source>
            <translation>Inventory list by room (forms INV-1 / 0504087), with the signatures of the custodian and the commission.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="114" />
            <source>Ведомость расхождений инвентаризации: ожидалось, найдено, излишки и недостачи.</source>
            <translation>Stock-taking discrepancy statement: expected, found, surplus and shortage.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="116" />
            <source>Пакет аккредитации мастерской: обложка, паспорт, чек-лист, перечень недостающего, план застройки, фотографии.</source>
            <translation>Workshop accreditation packet: cover, passport, checklist, list of missing items, layout plan, photos.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="119" />
            <source>Обоснование начальной (максимальной) цены контракта методом сопоставимых рыночных цен.</source>
            <translation>Justification of the initial (maximum) contract price by the comparable market prices method.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="120" />
            <source>Расписание занятий «Технология» для 8-х классов: по классу, преподавателю, мастерской.</source>
            <translation>“Technology” lesson timetable of the 8th grades: by class, instructor, workshop.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="121" />
            <source>Отчёт о достижении показателей кластера: план, факт, процент выполнения, комментарии.</source>
            <translation>Cluster indicators report: plan, actual, percentage achieved, comments.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="122" />
            <source>Бюджет проекта по источникам: лимит, план, законтрактовано, оплачено.</source>
            <translation>Project budget by source: limit, plan, contracted, paid.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_labels.py" line="85" />
            <source>Нет позиций с инвентарными номерами для этикеток: выберите другие позиции.</source>
            <translation>No items with inventory numbers for labels: choose other items.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/inventory_list.py" line="85" />
            <source>Итого по странице: позиций {0}</source>
            <translation>Page total: {0} items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_discrepancies.py" line="+17" />
            <source>Недостачи и излишки по счетам, излишки по текущей оценке</source>
            <translation>Shortages and surpluses by account, surpluses at their estimate</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory_act.py" line="+16" />
            <source>Итоги всех описей одного решения: по данным учёта, фактически, недостачи и излишки</source>
            <translation>Totals of every list of one decision: per records, actual, shortages and surpluses</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory_decision.py" line="+13" />
            <source>Приказ, причина, сроки, помещения и МОЛ, состав комиссии с председателем</source>
            <translation>Order, reason, dates, rooms and custodians, the commission with its chair</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_movement.py" line="+12" />
            <source>Накладная на перемещение (ф. 0504102), акт о списании (ф. 0504104, 0504143, 0504230) или требование-накладная (ф. 0504204) по номеру документа</source>
            <translation>Transfer note (form 0504102), write-off act (forms 0504104, 0504143, 0504230) or requisition and issue note (form 0504204) by the document's number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="214" />
            <source>Подтверждение (инв. номера, договоры)</source>
            <translation>Evidence (inventory numbers, agreements)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="119" />
            <source>Средства измерения и документы на оборудование</source>
            <translation>Measuring instruments and equipment documents</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="138" />
            <source>Позиция листа</source>
            <translation>List item</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="138" />
            <source>Поверка</source>
            <translation>Verification</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="139" />
            <source>Документы</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="328" />
            <source>Комиссия и заключение</source>
            <translation>Commission and verdict</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="352" />
            <source>Замечания комиссии:</source>
            <translation>Remarks of the commission:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="354" />
            <source>Дата: «____» ____________ 20____ г.</source>
            <translation>Date: «____» ____________ 20____</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="126" />
            <source>ИСТЕКЛА — не учитывается</source>
            <translation>EXPIRED — not counted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="144" />
            <source>Средство измерения с истёкшей поверкой нельзя использовать на демонстрационном экзамене: в наличии по позиции оно не считается.</source>
            <translation>A measuring instrument whose verification has expired cannot be used at a demonstration exam: it is not counted as available for its line.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="334" />
            <source>Приказ о создании комиссии: № ________ от «____» ____________ 20____ г. (не записан в программе).</source>
            <translation>Order appointing the commission: No. ________ of «____» ____________ 20____ (not recorded in the program).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="339" />
            <source>Фамилия, имя, отчество</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="339" />
            <source>Должность</source>
            <translation>Position</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="339" />
            <source>Роль в комиссии</source>
            <translation>Role in the commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="165" />
            <source>По данным учёта: выполнено {0} из {1} позиций, покрытие {2}</source>
            <translation>By the records: {0} of {1} lines met, coverage {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="319" />
            <source>Инв. №: {0}</source>
            <translation>Inv. No.: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="344" />
            <source>По данным учёта программы: выполнено {0} из {1} позиций, покрытие {2}; подтверждение каждой позиции — в разделе 2, недостающее — в разделе 3.</source>
            <translation>By the program's records: {0} of {1} lines met, coverage {2}; the evidence of each line is in section 2, what is missing in section 3.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="348" />
            <source>Оснащение мастерской «{0}» требованиям инфраструктурного листа {1}: соответствует / не соответствует (нужное подчеркнуть).</source>
            <translation>The equipment of workshop «{0}» against infrastructure list {1}: complies / does not comply (underline as appropriate).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="127" />
            <source>до {0}</source>
            <translation>until {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="234" />
            <source>Не учтено: {0}</source>
            <translation>Not counted: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="239" />
            <source>{0}
(«{1}» — вручную, без подтверждения)</source>
            <translation>{0}
(«{1}» set by hand, unconfirmed)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="331" />
            <source>Комиссия создана приказом № {0} от {1}.</source>
            <translation>The commission was appointed by order No. {0} of {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/accreditation_packet.py" line="134" />
            <source>свид. № {0}</source>
            <translation>cert. No. {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="111" />
            <source>1. Показатели карточки флагманского проекта (п. 10 карточки; сроки реализации 2023–2024 гг.)</source>
            <translation>1. Indicators of the flagship project card (card item 10; term 2023–2024)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="119" />
            <source>* — значение рассчитано программой по данным разделов (реестр кластера, аккредитация, закупки, расписание) на дату формирования отчёта; введённые значения датированы днём, на который они верны.</source>
            <translation>* — computed by the program from its sections (cluster registry, accreditation, procurement, timetable) on the day of the report; typed values are dated by the day they are true on.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="91" />
            <source>Показатели не заведены.</source>
            <translation>No indicators yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="116" />
            <source>1а. Собственные показатели колледжа (в карточку проекта не входят)</source>
            <translation>1a. The college's own indicators (not part of the project card)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="117" />
            <source>Плановые значения установлены колледжем, а не карточкой проекта.</source>
            <translation>Targets set by the college, not by the project card.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="114" />
            <source>Достигнуто плановых значений карточки: {0} из {1}.</source>
            <translation>Card targets reached: {0} of {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="75" />
            <source>на {0}</source>
            <translation>as of {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="80" />
            <source>«___» ____________ 20___ г.</source>
            <translation>«___» ____________ 20___</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="82" />
            <source>СОГЛАСОВАНО</source>
            <translation>AGREED</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="85" />
            <source>УТВЕРЖДАЮ</source>
            <translation>APPROVED</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="99" />
            <source>Уроки</source>
            <translation>Periods</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="89" />
            <source>Расписание занятий 8-х классов {0} в мастерских {1} на {2} {3} г.</source>
            <translation>Timetable of the 8th grades of {0} in the workshops of {1} for {2} {3}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="91" />
            <source>{0}. Договор о сетевой форме реализации образовательной программы № {1}</source>
            <translation>{0}. Network-form educational programme agreement No. {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="82" />
            <source>Директор {0}</source>
            <translation>Director, {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_discrepancies.py" line="65" />
            <source>Ведомость расхождений по результатам инвентаризации (ф. 0504092)</source>
            <translation>Discrepancy list of the stock-taking (form 0504092)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_discrepancies.py" line="52" />
            <source>не числится по учёту; оценка {0}</source>
            <translation>not on record; estimate {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_discrepancies.py" line="52" />
            <source>комиссии</source>
            <translation>by the commission</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_discrepancies.py" line="53" />
            <source>не указана</source>
            <translation>not given</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="139" />
            <source>Инвентаризационная опись (ф. 0510466)</source>
            <translation>Inventory list (form 0510466)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="123" />
            <source>Нет позиций для описи: измените фильтры.</source>
            <translation>No items for the list: change the filters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory_act.py" line="56" />
            <source>Акт о результатах инвентаризации (ф. 0510463)</source>
            <translation>Stock-taking result act (form 0510463)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory_decision.py" line="36" />
            <source>Решение о проведении инвентаризации (ф. 0510439)</source>
            <translation>Decision to hold a stock-taking (form 0510439)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_labels.py" line="31" />
            <source>одна на группу</source>
            <translation>one per group</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_labels.py" line="31" />
            <source>по одной на каждую штуку группы</source>
            <translation>one per unit of a group</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_labels.py" line="42" />
            <source>--per: group (одна этикетка на группу) или unit (по одной на штуку), а не «{0}».</source>
            <translation>--per: group (one label per group) or unit (one per unit), not «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_labels.py" line="66" />
            <source>{0} — группа, {1} шт.</source>
            <translation>{0} — group, {1} pcs</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_labels.py" line="61" />
            <source>{0} ({1} из {2})</source>
            <translation>{0} ({1} of {2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_movement.py" line="28" />
            <source>Документов перемещения, выдачи или списания ещё нет: укажите --number.</source>
            <translation>There are no transfer, issue or write-off documents yet: give --number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>январь</source>
            <translation>January</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>февраль</source>
            <translation>February</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>март</source>
            <translation>March</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>апрель</source>
            <translation>April</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>май</source>
            <translation>May</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>июнь</source>
            <translation>June</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>июль</source>
            <translation>July</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>август</source>
            <translation>August</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>сентябрь</source>
            <translation>September</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>октябрь</source>
            <translation>October</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>ноябрь</source>
            <translation>November</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="36" />
            <source>декабрь</source>
            <translation>December</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="20" />
            <source>Пн</source>
            <translation>Mon</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="20" />
            <source>Вт</source>
            <translation>Tue</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="20" />
            <source>Ср</source>
            <translation>Wed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="20" />
            <source>Чт</source>
            <translation>Thu</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="20" />
            <source>Пт</source>
            <translation>Fri</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="20" />
            <source>Сб</source>
            <translation>Sat</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/timetable.py" line="20" />
            <source>Вс</source>
            <translation>Sun</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/school_timetable.py" line="83" />
            <source>____________ / {0}</source>
            <translation>____________ / {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_movement.py" line="11" />
            <source>Документ движения</source>
            <translation>Movement document</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Инвентаризация</source>
            <translation>Stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Номер документа</source>
            <translation>Document number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Потребность</source>
            <translation>Need</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Строка плана-графика</source>
            <translation>Procurement schedule line</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Закон</source>
            <translation>Law</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster/report_kpi.py" line="74" />
            <source>Отчёт о достижении показателей кластера</source>
            <translation>Report on the cluster's indicators</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Вид позиций</source>
            <translation>Kind of items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Позиции</source>
            <translation>Items</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Вид расписания</source>
            <translation>Timetable view</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Отчётный период</source>
            <translation>Reporting period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Этикетки группы</source>
            <translation>Labels of a group</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="59" />
            <source>id через запятую</source>
            <translation>ids separated by commas</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="59" />
            <source>номер или id</source>
            <translation>number or id</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="59" />
            <source>номер</source>
            <translation>number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="59" />
            <source>44-ФЗ | 223-ФЗ</source>
            <translation>44-ФЗ | 223-ФЗ</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="59" />
            <source>group — одна, unit — на каждую штуку</source>
            <translation>group — one, unit — one per unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/report_budget.py" line="24" />
            <source>Бюджет закупок по источникам финансирования</source>
            <translation>Procurement budget by funding source</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/report_nmck.py" line="26" />
            <source>Обоснование НМЦК</source>
            <translation>Initial max. price justification</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_filters.py" line="48" />
            <source>на каждую штуку</source>
            <translation>one per unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/procurement_plan.py" line="45" />
            <source> (ОКПД2 {0})</source>
            <translation> (OKPD2 {0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="42" />
            <source>Помещение, выбранное в списке, уже удалено — обновите список (F5).</source>
            <translation>The room chosen in the list has been deleted — refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="58" />
            <source>любое, и списанные</source>
            <translation>any, written-off too</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="87" />
            <source>в любом состоянии, и списанные</source>
            <translation>in any state, written-off too</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="94" />
            <source>Отбор: {0}</source>
            <translation>Selection: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="109" />
            <source>Опись инвентаризации строится по её строкам: --room, --kind, --search, --status и --ids с --stocktaking не указываются.</source>
            <translation>A stock-taking's list is built from its own lines: --room, --kind, --search, --status and --ids are not given with --stocktaking.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="70" />
            <source>выбранные в списке позиции ({0})</source>
            <translation>items selected in the list ({0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="73" />
            <source>поиск «{0}»</source>
            <translation>search «{0}»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="79" />
            <source>вид: {0}</source>
            <translation>kind: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="83" />
            <source>помещение «{0}»</source>
            <translation>room «{0}»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="90" />
            <source>состояние: {0}</source>
            <translation>state: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_inventory.py" line="92" />
            <source>Неизвестное состояние «{0}»: {1}.</source>
            <translation>Unknown state «{0}»: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Поиск</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="38" />
            <source>Состояние</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="59" />
            <source>строка поиска, как в окне программы</source>
            <translation>search text, as in the program's window</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="59" />
            <source>in_use | repair | not_commissioned | written_off | all — любое, и списанные</source>
            <translation>in_use | repair | not_commissioned | written_off | all — any, written-off too</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/report_labels.py" line="+18" />
            <source>Лист этикеток с QR-кодами: для выбранных позиций или для всех, что показывает список с поиском и фильтрами.</source>
            <translation>A sheet of QR labels: for the selected items or for all the list shows with its search and filters.</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="400" />
            <source>Сохранить PDF</source>
            <translation>Save PDF</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="408" />
            <source>Не сохранено</source>
            <translation>Not saved</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="408" />
            <source>Не удалось сохранить файл «{0}»: {1}</source>
            <translation>Could not save file “{0}”: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="218" />
            <source>Сформировать (F5)</source>
            <translation>Generate (F5)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="219" />
            <source>Сохранить PDF… (Ctrl+S)</source>
            <translation>Save PDF… (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="220" />
            <source>Печать… (Ctrl+P)</source>
            <translation>Print… (Ctrl+P)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="221" />
            <source>Открыть в окне</source>
            <translation>Open in a window</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="367" />
            <source>Формируется…</source>
            <translation>Generating…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="302" />
            <source>— все —</source>
            <translation>— all —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="273" />
            <source>например, 12, 15, 40</source>
            <translation>e.g. 12, 15, 40</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="412" />
            <source>Сохранено: {0}</source>
            <translation>Saved: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="375" />
            <source>{0}: страниц {1}</source>
            <translation>{0}: {1} pages</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="91" />
            <source>Отчёты и печатные формы</source>
            <translation>Reports and printed forms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="269" />
            <source>Документ недоступен: {0}</source>
            <translation>Document not available: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="222" />
            <source>Этот документ формируется без фильтров.</source>
            <translation>This document is made without filters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="71" />
            <source>Формирование документа «{0}»</source>
            <translation>Making document “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="211" />
            <source>Выберите документ и задайте фильтры, затем нажмите «Сформировать» (F5): документ появится здесь, его можно сохранить (Ctrl+S) или напечатать (Ctrl+P).</source>
            <translation>Choose a document and set the filters, then press “Generate” (F5): the document appears here, ready to save (Ctrl+S) or print (Ctrl+P).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reports.py" line="274" />
            <source>как в поиске списка, например: колба</source>
            <translation>as in the list's search, e.g. flask</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <location filename="../../chemcluster_desktop/services/security.py" line="+41" />
            <source>Администратор</source>
            <translation>Administrator</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Заведующий лабораторией (МОЛ)</source>
            <translation>Lab manager (custodian)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ответственный за аккредитацию</source>
            <translation>Accreditation coordinator</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Методист по профориентации</source>
            <translation>Career guidance planner</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Контрактный управляющий</source>
            <translation>Contract manager</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Наблюдатель (только чтение)</source>
            <translation>Viewer (read only)</translation>
        </message>
    </context>
    <context>
        <name>Schedule</name>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/_common.py" line="+34" />
            <source>Понедельник</source>
            <translation>Monday</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Вторник</source>
            <translation>Tuesday</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Среда</source>
            <translation>Wednesday</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Четверг</source>
            <translation>Thursday</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Пятница</source>
            <translation>Friday</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Суббота</source>
            <translation>Saturday</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Воскресенье</source>
            <translation>Sunday</translation>
        </message>
        <message>
            <location line="-2" />
            <source>Пн</source>
            <translation>Mon</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Вт</source>
            <translation>Tue</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Ср</source>
            <translation>Wed</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Чт</source>
            <translation>Thu</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Пт</source>
            <translation>Fri</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Сб</source>
            <translation>Sat</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Вс</source>
            <translation>Sun</translation>
        </message>
        <message>
            <location line="+64" />
            <source>Дни недели задаются числами 0 (понедельник) … 6 (воскресенье).</source>
            <translation>Weekdays are numbers 0 (Monday) … 6 (Sunday).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/terms.py" line="+198" />
            <source>Нет ни одного учебного периода: добавьте его на вкладке «Учебный год».</source>
            <translation>There are no terms: add one on the “School year” tab.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/generation.py" line="+28" />
            <source>Не задано время звонков: добавьте уроки на вкладке «Учебный год».</source>
            <translation>No bell times: add periods on the “School year” tab.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/lessons.py" line="-61" />
            <source>Занятие не найдено (возможно, его удалили или перегенерировали).</source>
            <translation>Lesson not found (perhaps deleted or regenerated).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/_common.py" line="+9" />
            <source>Отметьте хотя бы один день недели.</source>
            <translation>Tick at least one weekday.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/schools.py" line="+123" />
            <source>Выберите школу.</source>
            <translation>Choose a school.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/terms.py" line="+15" />
            <source>Учебный период «{0}» не найден. Есть: {1}.</source>
            <translation>Term “{0}” not found. Available: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/requirements.py" line="+66" />
            <source>Выберите модуль.</source>
            <translation>Choose a module.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Строка нагрузки</source>
            <translation>Load line</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Модуль «{0}» не ведёт ни один преподаватель: отметьте его у преподавателя, затем добавьте нагрузку.</source>
            <translation>No instructor teaches the module «{0}»: tick it on an instructor's card, then add the load.</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Нагрузка не добавлена:</source>
            <translation>Load not added:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/_common.py" line="-33" />
            <location line="+10" />
            <source>Заполните поле «{0}».</source>
            <translation>Fill in “{0}”.</translation>
        </message>
        <message>
            <location line="-8" />
            <source>Поле «{0}» длиннее {1} символов.</source>
            <translation>Field “{0}” is longer than {1} characters.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>«{0}» должно быть не меньше {1}.</source>
            <translation>“{0}” must be at least {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/schools.py" line="-20" />
            <source>В классе «{0}» {1} учеников: укажите число учеников больше нуля.</source>
            <translation>Class “{0}” has {1} pupils: give a number of pupils above zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/terms.py" line="-172" />
            <source>Период «{0}» заканчивается ({1}) раньше, чем начинается ({2}): исправьте даты.</source>
            <translation>Term “{0}” ends ({1}) before it starts ({2}): correct the dates.</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Каникулы «{0}» заканчиваются раньше, чем начинаются: исправьте даты.</source>
            <translation>Holiday “{0}” ends before it starts: correct the dates.</translation>
        </message>
        <message>
            <location line="+43" />
            <location line="+23" />
            <source>Урок № {0}: окончание {1} не позже начала {2}. Исправьте время звонков.</source>
            <translation>Period No. {0}: the end {1} is not after the start {2}. Correct the bell times.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/generation.py" line="+3" />
            <source>Период «{0}» заканчивается раньше, чем начинается: исправьте даты.</source>
            <translation>Term “{0}” ends before it starts: correct the dates.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>В периоде «{0}» нет нагрузки: добавьте, какие модули изучают классы.</source>
            <translation>Term “{0}” has no load: add which modules the classes take.</translation>
        </message>
        <message>
            <location line="+12" />
            <location filename="../../chemcluster_desktop/services/schedule/regenerate.py" line="+88" />
            <location filename="../../chemcluster_desktop/services/schedule/requirements.py" line="-1" />
            <source> … и ещё {0}.</source>
            <translation> … and {0} more.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/lessons.py" line="-88" />
            <source>Школа «{0}» не найдена.</source>
            <translation>School «{0}» not found.</translation>
        </message>
        <message>
            <location line="+62" />
            <source>Занятие нельзя поставить сюда:</source>
            <translation>The lesson cannot be placed here:</translation>
        </message>
        <message>
            <location line="+141" />
            <source>Удалено занятий: {0}</source>
            <translation>Lessons deleted: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/_common.py" line="-33" />
            <source>Неверная дата «{0}»: введите её как ДД.ММ.ГГГГ.</source>
            <translation>Invalid date “{0}”: enter it as DD.MM.YYYY.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Неверное время «{0}»: введите его как ЧЧ:ММ.</source>
            <translation>Invalid time “{0}”: enter it as HH:MM.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>«{0}»: нужно целое число.</source>
            <translation>“{0}”: a whole number is needed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/schools.py" line="-49" />
            <source>Школа «{0}» уже есть в справочнике.</source>
            <translation>School “{0}” already exists.</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+16" />
            <source>Школа</source>
            <translation>School</translation>
        </message>
        <message>
            <location line="+51" />
            <source>Класс «{0}» в этой школе уже есть.</source>
            <translation>Class “{0}” already exists in this school.</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+14" />
            <source>Карточка класса</source>
            <translation>Class card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/instructors.py" line="+70" />
            <source>Преподаватель «{0}» уже есть.</source>
            <translation>Instructor “{0}” already exists.</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+18" />
            <source>Карточка преподавателя</source>
            <translation>Instructor card</translation>
        </message>
        <message>
            <location line="+4" />
            <source>У преподавателя «{0}» есть занятия ({1}): сначала перенесите или удалите их.</source>
            <translation>Instructor “{0}” has lessons ({1}): move or delete them first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/course_modules.py" line="+61" />
            <source>Модуль «{0}» уже есть.</source>
            <translation>Module “{0}” already exists.</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+37" />
            <source>Карточка модуля</source>
            <translation>Module card</translation>
        </message>
        <message>
            <location line="-27" />
            <source>Выберите модуль федеральной рабочей программы из списка.</source>
            <translation>Choose a module of the federal work programme from the list.</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Вид часов модуля: «lesson» (уроки предмета) или «guidance» (профориентационные занятия).</source>
            <translation>Kind of the module's hours: «lesson» (lessons of the subject) or «guidance» (career guidance).</translation>
        </message>
        <message>
            <location line="+13" />
            <source>По модулю «{0}» есть занятия ({1}): сначала удалите их.</source>
            <translation>Module “{0}” has lessons ({1}): delete them first.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/terms.py" line="-118" />
            <source>Период «{0}» уже есть.</source>
            <translation>Term “{0}” already exists.</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Выберите учебный период каникул.</source>
            <translation>Choose the term of the holidays.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Каникулы «{0}» пересекаются с каникулами «{1}» ({2}–{3}) с {4}: исправьте даты.</source>
            <translation>Holidays «{0}» overlap «{1}» ({2}–{3}) from {4}: correct the dates.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Запись о каникулах</source>
            <translation>Holiday record</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Уроки № {0} и № {1} пересекаются по времени ({2}–{3} и с {4}). Исправьте время звонков.</source>
            <translation>Periods No. {0} and No. {1} overlap ({2}–{3} and from {4}). Correct the bell times.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Урок № {0} уже есть.</source>
            <translation>Period No. {0} already exists.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Строка расписания звонков</source>
            <translation>Bell-time line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>урок № {0}</source>
            <translation>lesson {0}</translation>
        </message>
        <message>
            <location line="+15" />
            <source>На урок № {0} поставлено {1} занятий: сначала перенесите их.</source>
            <translation>Period No. {0} has {1} lessons: move them first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/requirements.py" line="-48" />
            <source>Этот класс уже изучает модуль «{0}» в этом периоде.</source>
            <translation>This class already takes module “{0}” in this term.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/instance.py" line="+47" />
            <location filename="../../chemcluster_desktop/services/schedule/terms.py" line="-138" />
            <location line="+19" />
            <source>Карточка учебного периода</source>
            <translation>Term card</translation>
        </message>
        <message>
            <location line="+100" />
            <source>{0} ({1}): модулю «{2}» нужно {3} ч, а в периоде «{4}» у класса есть только {5} уроков в допустимые дни. Уменьшите часы, расширьте дни класса или период.</source>
            <translation>{0} ({1}): module “{2}” needs {3} h, but in term “{4}” the class has only {5} periods on allowed days. Reduce the hours, widen the class's days or the term.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/generation.py" line="-15" />
            <source>В классе «{0}» ({1}) {2} учеников: укажите число учеников больше нуля.</source>
            <translation>Class “{0}” ({1}) has {2} pupils: give a number of pupils above zero.</translation>
        </message>
        <message>
            <location line="+16" />
            <location filename="../../chemcluster_desktop/services/schedule/regenerate.py" line="+1" />
            <source>Генерация не начата:</source>
            <translation>Generation not started:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/instance.py" line="+4" />
            <source>{0} ({1}): нагрузка {2} ч больше, чем {3} уроков, доступных классу в периоде «{4}».</source>
            <translation>{0} ({1}): the load of {2} h exceeds the {3} periods available to the class in term “{4}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/lessons.py" line="-173" />
            <source>{0} не входит ни в один учебный период.</source>
            <translation>{0} is not in any term.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="+166" />
            <source>{0}: занятие {1} приходится на каникулы «{2}».</source>
            <translation>{0}: lesson {1} falls in the holiday “{2}”.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Занятие {0} вне периода «{1}».</source>
            <translation>Lesson {0} is outside term “{1}”.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0}: школа не может привести класс в {1}, {2}-й урок.</source>
            <translation>{0}: the school cannot bring the class on {1}, period {2}.</translation>
        </message>
        <message>
            <location line="+25" />
            <source>{0} ведёт {1} занятия одновременно: {2}, {3}-й урок.</source>
            <translation>{0} teaches {1} lessons at once: {2}, period {3}.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{0} на {1} занятиях одновременно: {2}, {3}-й урок.</source>
            <translation>{0} is in {1} lessons at once: {2}, period {3}.</translation>
        </message>
        <message>
            <location line="-48" />
            <source>{0}: {1} чел., а модуль «{2}» допускает группу до {3} чел.</source>
            <translation>{0}: {1} pupils, but module “{2}” allows groups of up to {3}.</translation>
        </message>
        <message>
            <location line="-4" />
            <source>{0}: {1} чел., а в «{2}» {3} рабочих мест.</source>
            <translation>{0}: {1} pupils, but “{2}” has {3} workplaces.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{0}: занятие {1} приходится на нерабочий день «{2}» (производственный календарь).</source>
            <translation>{0}: the lesson on {1} falls on the day off «{2}» (production calendar).</translation>
        </message>
        <message>
            <location line="+16" />
            <source>{0} недоступен {1}, {2}-й урок.</source>
            <translation>{0} is unavailable on {1}, period {2}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0} не ведёт модуль «{1}».</source>
            <translation>{0} does not teach module “{1}”.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Модуль «{0}» не проводится в «{1}».</source>
            <translation>Module “{0}” is not held in “{1}”.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>«{0}» занята {1}, {2}-й урок: {3}.</source>
            <translation>“{0}” is busy on {1}, period {2}: {3}.</translation>
        </message>
        <message>
            <location line="+63" />
            <source>{0}: модуль «{1}» — размещено {2} ч из {3}.</source>
            <translation>{0}: module “{1}” — {2} h of {3} placed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/solver.py" line="+271" />
            <source>Подготовка модели…</source>
            <translation>Preparing the model…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Построение недельного шаблона…</source>
            <translation>Building the weekly pattern…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Раскладка по датам…</source>
            <translation>Laying out by date…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Готово</source>
            <translation>Ready</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/resources.py" line="+30" />
            <source>Нет мастерской на {0} учеников для модуля «{1}».</source>
            <translation>No workshop for {0} pupils hosts the module «{1}».</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Класс приходит {0} подгруппами одновременно, а мастерских на {1} учеников для модуля «{2}» только {3}.</source>
            <translation>The class comes as {0} subgroups at once, but only {3} workshops for {1} pupils host the module «{2}».</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Ни один преподаватель модуля «{0}» не работает в дни и часы, когда школа может привести {1} ({2}).</source>
            <translation>No instructor of the module «{0}» works on the days and hours the school can bring {1} ({2}).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Класс приходит {0} подгруппами одновременно, а в его дни ({1}) модуль «{2}» могут вести только: {3}.</source>
            <translation>The class comes as {0} subgroups at once, but on its days ({1}) only these can teach «{2}»: {3}.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Распределение мастерских и преподавателей…</source>
            <translation>Assigning workshops and instructors…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/weekly.py" line="+118" />
            <source>{0}, а больше {1} ч в неделю класс не берёт (его часы поровну по учебным неделям периода), и в эти недели у класса уже другие модули: {2}.</source>
            <translation>{0}, but the class takes no more than {1} h a week (its hours spread evenly over the teaching weeks of the period), and in those weeks it already has other modules: {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/solver.py" line="+288" />
            <source>Преподаватель {0} недоступен {1}.</source>
            <translation>Instructor {0} is away {1}.</translation>
        </message>
        <message>
            <location line="-57" />
            <source>Поиск расписания…</source>
            <translation>Searching for a timetable…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/resources.py" line="+55" />
            <source>Нагрузка больше, чем вмещают мастерские и преподаватели за период.</source>
            <translation>The load exceeds what the workshops and instructors can take in the term.</translation>
        </message>
        <message>
            <location line="-91" />
            <source>Модуль «{0}» не разрешён ни в одной мастерской.</source>
            <translation>Module “{0}” is not allowed in any workshop.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Модуль «{0}» не ведёт ни один преподаватель.</source>
            <translation>No instructor teaches module “{0}”.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Учебный период слишком короткий: нужно {0} недель подряд в допустимый день.</source>
            <translation>The term is too short: {0} consecutive weeks on an allowed day are needed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/solver.py" line="+63" />
            <source>Не размещено.</source>
            <translation>Not placed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/resources.py" line="-18" />
            <source>Группа {0} чел. больше допустимой для модуля «{1}» ({2}).</source>
            <translation>A group of {0} is larger than module “{1}” allows ({2}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/solver.py" line="-74" />
            <source>Найдено решение {0}: размещено {1:.0%} часов</source>
            <translation>Found solution {0}: {1:.0%} of hours placed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/calendar.py" line="+40" />
            <source>Вид дня: «off» (нерабочий) или «work» (рабочий по переносу).</source>
            <translation>Kind of day: «off» (non-working) or «work» (working by a transfer).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>На {0} в календаре уже есть запись «{1}»: исправьте её, а не добавляйте вторую.</source>
            <translation>The calendar already has «{1}» on {0}: edit it rather than add a second one.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>День календаря</source>
            <translation>Calendar day</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/data.py" line="+196" />
            <source>{0} ({1}), модуль «{2}»: {3} учеников не помещаются в {4} параллельные подгруппы по {5} чел. Разрешите больше подгрупп, увеличьте вместимость мастерских или разделите класс.</source>
            <translation>{0} ({1}), module «{2}»: {3} pupils do not fit in {4} parallel subgroups of {5}. Allow more subgroups, increase the workshops' capacity or split the class.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>{0} ({1}), модуль «{2}»: {3} учеников в {4} подгруппах нужно {4} мастерских одновременно, а модуль разрешён в {5} (вместе {6} мест).</source>
            <translation>{0} ({1}), module «{2}»: {3} pupils in {4} subgroups need {4} workshops at once, but the module is allowed in {5} ({6} places together).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{0} ({1}), модуль «{2}»: {3} подгруппы занимаются одновременно, а модуль ведут только {4} преподавател(я/ей).</source>
            <translation>{0} ({1}), module «{2}»: {3} subgroups work at once, but only {4} instructor(s) teach the module.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/hours.py" line="+88" />
            <source>{0} ({1}): уроков «Труд (технология)» в {2} учебном году {3} ч — больше предела {4} ч на {5} ч. Уменьшите часы, отметьте модуль как профориентационный или измените предел периода.</source>
            <translation>{0} ({1}): lessons of «Labour (Technology)» in the {2} school year {3} h — over the cap of {4} h by {5} h. Reduce the hours, mark the module as career guidance or change the term's cap.</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Модуль ФРП «{0}» уже есть.</source>
            <translation>Federal programme module «{0}» already exists.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Модуль ФРП</source>
            <translation>Federal programme module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/reasons.py" line="+50" />
            <source>{0} может прийти в {1}, уроки {2}</source>
            <translation>{0} can come on {1}, lessons {2}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>мастерская «{0}»</source>
            <translation>workshop «{0}»</translation>
        </message>
        <message>
            <location line="+2" />
            <source>преподаватель {0}</source>
            <translation>instructor {0}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>класс {0}</source>
            <translation>class {0}</translation>
        </message>
        <message>
            <location line="+13" />
            <source>{0}, а {1} работает в {2}: общих дней нет.</source>
            <translation>{0}, but {1} works on {2}: no day in common.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0}, а у преподавателя {1} нет {2} уроков подряд в эти часы.</source>
            <translation>{0}, but instructor {1} has no {2} lessons in a row then.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>{0}, а {1} в это время занят(а) закреплёнными занятиями.</source>
            <translation>{0}, but {1} is taken by locked lessons then.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Преподаватель {0} недоступен {1}: в дни класса ({2}) не набирается {3} занятий подряд.</source>
            <translation>Instructor {0} is away {1}: {3} visits in a row cannot be had on the class's days ({2}).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{0}: в период «{1}» не помещается {2} занятий подряд.</source>
            <translation>{0}: {2} weekly visits in a row do not fit in the term «{1}».</translation>
        </message>
        <message>
            <location line="+67" />
            <source>{0}: поиск не успел разместить визит, запустите генерацию с большим временем.</source>
            <translation>{0}: the search ran out of time for this visit; run the generation with more time.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{0}, а в эти часы у класса уже другие модули: {1}.</source>
            <translation>{0}, but the class has other modules then: {1}.</translation>
        </message>
        <message>
            <location line="+4" />
            <source> и ещё {0}</source>
            <translation> and {0} more</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{0}, а {1} в это время занят(а): {2}{3}.</source>
            <translation>{0}, but {1} is taken then: {2}{3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/regenerate.py" line="-10" />
            <source>Период генерации пуст: с {0} по {1}. Прошедшие занятия (до {2}) не меняются.</source>
            <translation>The period to generate is empty: {0} to {1}. Past lessons (before {2}) are not changed.</translation>
        </message>
        <message>
            <location line="+94" />
            <source>Период уже прошёл: менять можно только занятия с сегодняшнего дня.</source>
            <translation>The term is over: only lessons from today on can change.</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Расписание периода «{0}» изменилось во время генерации или после предпросмотра (занятие закрепили, добавили или перенесли): запустите генерацию снова.</source>
            <translation>The timetable of «{0}» changed while it was being generated or after the preview (a lesson was locked, added or moved): run the generation again.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>До генерации {0}</source>
            <translation>Before the generation of {0}</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Сгенерировано расписание «{0}» с {1}: добавлено {2}, перенесено {3}, удалено {4}, без изменений {5}, не тронуто (прошедшие и закреплённые) {6}; не размещено {7} ч</source>
            <translation>Timetable «{0}» generated from {1}: {2} added, {3} moved, {4} removed, {5} unchanged, {6} left alone (past and locked); {7} h not placed</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Расписание изменилось во время генерации, или новые занятия совпали бы с занятиями другого периода — запустите генерацию снова (занятие другого периода сначала перенесите). Совпали бы:</source>
            <translation>The timetable changed while it was being generated, or the new lessons would collide with lessons of another period — run the generation again (move the other period's lesson first). They would collide:</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Для периода «{0}» нечего отменять: генераций после обновления программы не было.</source>
            <translation>Nothing to undo for «{0}»: no generation since the program was updated.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Отменена генерация расписания «{0}»: восстановлено {1} занятий ({2})</source>
            <translation>Generation of the timetable «{0}» undone: {1} lessons restored ({2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/substitute.py" line="+42" />
            <source>Преподаватель «{0}» не найден.</source>
            <translation>Instructor «{0}» not found.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Под «{0}» подходят несколько преподавателей: {1}. Уточните ФИО.</source>
            <translation>Several instructors match «{0}»: {1}. Give the full name.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Отсутствие заканчивается ({0}) раньше, чем начинается ({1}).</source>
            <translation>The absence ends ({0}) before it starts ({1}).</translation>
        </message>
        <message>
            <location line="+47" />
            <source>Нет свободного преподавателя модуля «{0}» {1}, {2}-й урок.</source>
            <translation>No free instructor of «{0}» on {1}, lesson {2}.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Замена: {0} отсутствует {1}–{2}; заменено занятий {3}, без замены {4}</source>
            <translation>Cover: {0} absent {1}–{2}; {3} lessons covered, {4} not covered</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Мастерская занята дважды</source>
            <translation>Workshop booked twice</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Преподаватель ведёт два занятия одновременно</source>
            <translation>Instructor has two lessons at once</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Класс (подгруппа) на двух занятиях одновременно</source>
            <translation>Class (subgroup) in two lessons at once</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Группа больше числа рабочих мест</source>
            <translation>Group larger than the number of workplaces</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Занятие в каникулы</source>
            <translation>Lesson during the holidays</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Занятие в нерабочий праздничный день</source>
            <translation>Lesson on a public holiday</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Занятие вне учебного периода</source>
            <translation>Lesson outside the term</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Школа не может привести класс в это время</source>
            <translation>The school cannot bring the class at this time</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Преподаватель недоступен</source>
            <translation>Instructor unavailable</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Модуль не проводится в этой мастерской</source>
            <translation>The module is not taught in this workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Преподаватель не ведёт этот модуль</source>
            <translation>The instructor does not teach this module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule/check.py" line="21" />
            <source>Часы модуля размещены не полностью</source>
            <translation>Not all of the module's hours are placed</translation>
        </message>
    </context>
    <context>
        <name>ScheduleForms</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="86" />
            <source>Пн</source>
            <translation>Mon</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="86" />
            <source>Вт</source>
            <translation>Tue</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="86" />
            <source>Ср</source>
            <translation>Wed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="86" />
            <source>Чт</source>
            <translation>Thu</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="86" />
            <source>Пт</source>
            <translation>Fri</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="86" />
            <source>Сб</source>
            <translation>Sat</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="156" />
            <source>Занятие</source>
            <translation>Lesson</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="164" />
            <source>весь класс</source>
            <translation>whole class</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="177" />
            <source>{0} ({1} мест)</source>
            <translation>{0} ({1} places)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="184" />
            <source>Закрепить (генерация не сдвинет)</source>
            <translation>Pin (generation will not move it)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="185" />
            <source>Класс *</source>
            <translation>Class *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="185" />
            <source>Подгруппа</source>
            <translation>Subgroup</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="186" />
            <source>Учеников в подгруппе</source>
            <translation>Pupils per subgroup</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="187" />
            <source>Модуль *</source>
            <translation>Module *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="188" />
            <source>Преподаватель</source>
            <translation>Instructor</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="189" />
            <source>Мастерская *</source>
            <translation>Workshop *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="189" />
            <source>Дата *</source>
            <translation>Date *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="190" />
            <source>Урок *</source>
            <translation>Period *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="234" />
            <source>Заполните класс, модуль, мастерскую и урок.</source>
            <translation>Fill in the class, module, workshop and period.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="242" />
            <source>Конфликт:</source>
            <translation>Conflict:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_forms.py" line="245" />
            <source>Конфликтов нет.</source>
            <translation>No conflicts.</translation>
        </message>
    </context>
    <context>
        <name>ScheduleGenerate</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="101" />
            <source>Менять занятия с</source>
            <translation>Change lessons from</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="105" />
            <source>Что останется</source>
            <translation>What stays</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="115" />
            <source>Нажмите «Предпросмотр»: программа покажет, что изменится. Ничего не будет записано, пока вы не нажмёте «Применить».</source>
            <translation>Press «Preview»: the program shows what would change. Nothing is written until you press «Apply».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="134" />
            <source>Отменить последнюю генерацию</source>
            <translation>Undo the latest generation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="139" />
            <source>Предпросмотр</source>
            <translation>Preview</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="143" />
            <source>Применить</source>
            <translation>Apply</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="147" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="181" />
            <source>Предпросмотр генерации</source>
            <translation>Generation preview</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="226" />
            <source>Отмена генерации</source>
            <translation>Undo the generation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="98" />
            <source>по</source>
            <translation>to</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="122" />
            <source>Школа</source>
            <translation>School</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="122" />
            <source>Добавится</source>
            <translation>Added</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="122" />
            <source>Перенесётся</source>
            <translation>Moved</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="122" />
            <source>Удалится</source>
            <translation>Removed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="128" />
            <source>Не размещено и почему:</source>
            <translation>Not placed, and why:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="165" />
            <source>Генераций, которые можно отменить, нет.</source>
            <translation>No generation to undo.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="77" />
            <source>Генерация расписания — {0}</source>
            <translation>Timetable generation — {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="185" />
            <source>С {0} по {1}: добавится {2}, перенесётся {3}, удалится {4}, без изменений {5}. Не тронуты: прошедшие {6}, закреплённые {7}, после периода {8}. Не размещено часов: {9}.</source>
            <translation>{0} to {1}: {2} added, {3} moved, {4} removed, {5} unchanged. Left alone: {6} past, {7} locked, {8} after the period. Hours not placed: {9}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="217" />
            <source>Записано: добавлено {0}, перенесено {1}, удалено {2}. Отменить можно кнопкой «Отменить последнюю генерацию».</source>
            <translation>Written: {0} added, {1} moved, {2} removed. «Undo the latest generation» undoes it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="226" />
            <source>Вернуть расписание периода «{0}» к состоянию «{1}» ({2} занятий)?</source>
            <translation>Put the timetable of «{0}» back as it was «{1}» ({2} lessons)?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="237" />
            <source>Расписание возвращено: {0} занятий ({1}).</source>
            <translation>Timetable restored: {0} lessons ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="201" />
            <source>, подгруппа {0}</source>
            <translation>, subgroup {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="106" />
            <source>Оставить на месте будущие занятия, которые не нарушают правил (разместить только недостающие часы)</source>
            <translation>Keep future lessons that break no rule where they are (place only the missing hours)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="109" />
            <source>Снимите, чтобы составить расписание периода заново: занятия могут переместиться, их прежние места служат только подсказкой.</source>
            <translation>Untick to plan the period afresh: lessons may move; their former places are only hints.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="162" />
            <source>Отменить последнюю генерацию ({0})</source>
            <translation>Undo the latest generation ({0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="239" />
            <source>Можно отменить ещё генераций: {0} (следующая вернёт к «{1}»).</source>
            <translation>Generations that can still be undone: {0} (the next one returns to «{1}»).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_generate.py" line="102" />
            <source>Не меняются никогда: занятия до {0} (прошедшие) и закреплённые (в сетке — со значком замка); занятия после даты «по» тоже остаются.</source>
            <translation>Never changed: lessons before {0} (past) and locked ones (a lock icon in the grid); lessons after the «to» date stay as well.</translation>
        </message>
    </context>
    <context>
        <name>SchedulePage</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="67" />
            <source>По мастерской</source>
            <translation>By workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="67" />
            <source>По классу</source>
            <translation>By class</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="68" />
            <source>По преподавателю</source>
            <translation>By instructor</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="68" />
            <source>Все занятия</source>
            <translation>All lessons</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="115" />
            <source>Сгенерировать…</source>
            <translation>Generate…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="116" />
            <source>Закрепить / открепить</source>
            <translation>Pin / unpin</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="117" />
            <source>Экспорт в FET…</source>
            <translation>Export to FET…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="118" />
            <source>Замена…</source>
            <translation>Cover…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="119" />
            <source>Замена отсутствующего преподавателя</source>
            <translation>Cover for an absent instructor</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="88" />
            <source>Период:</source>
            <translation>Period:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="88" />
            <source>Вид:</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="89" />
            <source>Неделя:</source>
            <translation>Week:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="235" />
            <source>Неделя</source>
            <translation>Week</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="235" />
            <source>Школы и классы</source>
            <translation>Schools and classes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="235" />
            <source>Преподаватели</source>
            <translation>Instructors</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="236" />
            <source>Модули и мастерские</source>
            <translation>Modules and workshops</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="236" />
            <source>Учебный год</source>
            <translation>School year</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="236" />
            <source>Нагрузка</source>
            <translation>Load</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="237" />
            <source>Часы</source>
            <translation>Hours</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="237" />
            <source>Календарь</source>
            <translation>Calendar</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="151" />
            <source>Школа…</source>
            <translation>School…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="152" />
            <source>Класс…</source>
            <translation>Class…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="270" />
            <source>Учебный период…</source>
            <translation>Term…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="271" />
            <source>Каникулы…</source>
            <translation>Holidays…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="272" />
            <source>Урок (звонок)…</source>
            <translation>Period (bell)…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="323" />
            <source>Строка нагрузки…</source>
            <translation>Load line…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="324" />
            <source>Каждый класс — каждый модуль</source>
            <translation>Every class — every module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/output.py" line="+21" />
            <source>Сначала добавьте учебный период.</source>
            <translation>Add a term first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="338" />
            <source>Добавлено строк нагрузки: {0}</source>
            <translation>Load lines added: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="238" />
            <source>{0} ({1} мест)</source>
            <translation>{0} ({1} places)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="147" />
            <source>Конфликты периода: {0}</source>
            <translation>Conflicts in the term: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="148" />
            <source>Конфликтов нет</source>
            <translation>No conflicts</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="154" />
            <source>Занятий в периоде: {0}, закреплено: {1}; на этой неделе: {2}</source>
            <translation>Lessons in the term: {0}, pinned: {1}; this week: {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="158" />
            <source>Нет времени звонков: добавьте уроки на вкладке «Учебный год».</source>
            <translation>No bell times: add periods on the “School year” tab.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="238" />
            <source>Школа</source>
            <translation>School</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="238" />
            <source>Класс</source>
            <translation>Class</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="238" />
            <source>Учеников</source>
            <translation>Pupils</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="239" />
            <source>Дни</source>
            <translation>Days</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="239" />
            <source>Уроки</source>
            <translation>Periods</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="239" />
            <source>Адрес, контакт</source>
            <translation>Address, contact</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="45" />
            <source>любые</source>
            <translation>any</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="240" />
            <source>ФИО</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="240" />
            <source>Недоступен</source>
            <translation>Unavailable</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="240" />
            <source>Модули</source>
            <translation>Modules</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="241" />
            <source>Контакт</source>
            <translation>Contact</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="241" />
            <source>Модуль</source>
            <translation>Module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="241" />
            <source>Часов</source>
            <translation>Hours</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="242" />
            <source>Макс. группа</source>
            <translation>Max. group</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="242" />
            <source>Мастерские</source>
            <translation>Workshops</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="228" />
            <source>не назначены</source>
            <translation>not assigned</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="242" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="243" />
            <source>Название</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="243" />
            <source>С</source>
            <translation>From</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="243" />
            <source>По</source>
            <translation>To</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="264" />
            <source>Урок</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="266" />
            <source>Учебный период</source>
            <translation>Term</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="266" />
            <source>Каникулы</source>
            <translation>Holidays</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="244" />
            <source>Размещено</source>
            <translation>Placed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="195" />
            <source>Занятие перенесено на {0}.</source>
            <translation>Lesson moved to {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="223" />
            <source>Выберите занятие в сетке, чтобы закрепить или открепить его.</source>
            <translation>Choose a lesson in the grid to pin or unpin it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="231" />
            <source>Занятие закреплено.</source>
            <translation>Lesson pinned.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="231" />
            <source>Занятие откреплено.</source>
            <translation>Lesson unpinned.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="245" />
            <source>занятие</source>
            <translation>lesson</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="235" />
            <source>Название *</source>
            <translation>Name *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="170" />
            <source>Адрес</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="172" />
            <source>Директор (блок «СОГЛАСОВАНО»)</source>
            <translation>Director (the «AGREED» block)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="173" />
            <source>№ договора о сетевой форме</source>
            <translation>Network agreement No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="174" />
            <source>Подгрупп одновременно, не более</source>
            <translation>Subgroups at once, at most</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="179" />
            <source>Школа *</source>
            <translation>School *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="179" />
            <source>Класс *</source>
            <translation>Class *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="180" />
            <source>Учеников *</source>
            <translation>Pupils *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="182" />
            <source>Предел уроков в год (0 = как в периоде)</source>
            <translation>Lesson-hours cap a year (0 = the term's)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="183" />
            <source>Подгрупп одновременно (0 = как у школы)</source>
            <translation>Subgroups at once (0 = the school's)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="209" />
            <source>ФИО *</source>
            <translation>Full name *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="212" />
            <source>Ведёт модули</source>
            <translation>Teaches modules</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="213" />
            <source>Преподаватель</source>
            <translation>Instructor</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="235" />
            <source>Часов *</source>
            <translation>Hours *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="240" />
            <source>уроки «Труд (технология)» (в пределе)</source>
            <translation>lessons of «Labour (Technology)» (within the cap)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="241" />
            <source>профориентационные (отдельно)</source>
            <translation>career guidance (apart)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="242" />
            <source>Модуль ФРП</source>
            <translation>Federal programme module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="288" />
            <source>Номер урока *</source>
            <translation>Period number *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="288" />
            <source>Начало *</source>
            <translation>Start *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="289" />
            <source>Окончание *</source>
            <translation>End *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="293" />
            <source>С *</source>
            <translation>From *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="294" />
            <source>По *</source>
            <translation>To *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="296" />
            <source>Период</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="297" />
            <source>все периоды</source>
            <translation>every term</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="301" />
            <source>Предел уроков класса в год, ч</source>
            <translation>A class's lesson-hours cap a year, h</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="346" />
            <source>Модуль *</source>
            <translation>Module *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/records.py" line="347" />
            <source>Часов (0 = как в модуле)</source>
            <translation>Hours (0 = as in the module)</translation>
        </message>
        <message>
            <location line="+45" />
            <source>Печать расписания</source>
            <translation>Print timetable</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Экспорт расписания для школ</source>
            <translation>Timetable export for schools</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Экспорт в Excel</source>
            <translation>Export to Excel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Записано строк: {0} — {1}</source>
            <translation>Rows written: {0} — {1}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Экспорт в FET</source>
            <translation>Export to FET</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Записан файл FET: {0} (занятий {1}).</source>
            <translation>FET file written: {0} ({1} lessons).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="42" />
            <source>Расписание занятий 8-х классов</source>
            <translation>8th-grade lesson timetable</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="34" />
            <source>Гимн.</source>
            <translation>Gymn.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="34" />
            <source>Лицей</source>
            <translation>Lyceum</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="34" />
            <source>Шк.</source>
            <translation>Sch.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/__init__.py" line="45" />
            <source>Нет записей. Добавьте (Ctrl+N).</source>
            <translation>No records. Add one (Ctrl+N).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/schedule/week.py" line="151" />
            <source>Занятий в периоде: {0}, закреплено: {1}; на этой неделе здесь: {2}, всего: {3}</source>
            <translation>Lessons in the term: {0}, pinned: {1}; this week here: {2}, in all: {3}</translation>
        </message>
    </context>
    <context>
        <name>ScheduleRules</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="102" />
            <source>Добавить…</source>
            <translation>Add…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="105" />
            <source>Изменить…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="107" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="162" />
            <source>Модуль федеральной рабочей программы</source>
            <translation>Federal work programme module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="208" />
            <source>Добавить день…</source>
            <translation>Add a day…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="213" />
            <source>Проверить занятия</source>
            <translation>Check lessons</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="241" />
            <source>День производственного календаря</source>
            <translation>Production calendar day</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="92" />
            <source>Школа</source>
            <translation>School</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="92" />
            <source>Класс</source>
            <translation>Class</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="92" />
            <source>Уроки, ч</source>
            <translation>Lessons, h</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="92" />
            <source>Предел, ч</source>
            <translation>Cap, h</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="92" />
            <source>Профориентация, ч</source>
            <translation>Career guidance, h</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="100" />
            <source>Модули федеральной рабочей программы «Труд (технология)»</source>
            <translation>Modules of the federal work programme «Labour (Technology)»</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="112" />
            <source>Модуль ФРП</source>
            <translation>Federal programme module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="112" />
            <source>Часов по ФРП</source>
            <translation>Hours in the programme</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="112" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="112" />
            <source>Модулей курса</source>
            <translation>Course modules</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="121" />
            <source>Мастерские: учеников на занятии (отдельно от рабочих мест экзамена)</source>
            <translation>Workshops: pupils at a lesson (apart from the exam workplaces)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="128" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="128" />
            <source>Рабочих мест</source>
            <translation>Workplaces</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="128" />
            <source>Учеников на занятии</source>
            <translation>Pupils at a lesson</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="159" />
            <source>Модуль ФРП *</source>
            <translation>Federal programme module *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="172" />
            <source>Учеников на занятии (0 = как рабочих мест)</source>
            <translation>Pupils at a lesson (0 = as many as workplaces)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="183" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="183" />
            <source>Удалить модуль ФРП? Модули курса останутся без привязки.</source>
            <translation>Delete the federal programme module? The course modules lose their link.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="204" />
            <source>Производственный календарь: праздники и переносы выходных (ТК РФ, ст. 112; постановления Правительства РФ о переносе выходных дней)</source>
            <translation>Production calendar: public holidays and transferred days off (Labour Code, art. 112; the Government's resolutions on transfers of days off)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="220" />
            <source>Название</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="220" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="220" />
            <source>День</source>
            <translation>Day</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="239" />
            <source>Дата *</source>
            <translation>Date *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="239" />
            <source>Название *</source>
            <translation>Name *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="240" />
            <source>Вид дня</source>
            <translation>Kind of day</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="262" />
            <source>Занятий в нерабочие дни и каникулы нет.</source>
            <translation>No lessons on days off or in holidays.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="144" />
            <source>Уроки «Труд (технология)» класса за учебный год против предела (34 ч в 8-м классе, меняется в карточке периода или класса); профориентационные часы считаются отдельно. Сверх предела: {0}.</source>
            <translation>A class's lessons of «Labour (Technology)» in the school year against the cap (34 h in the 8th grade, set in the term's or the class's card); career-guidance hours are counted apart. Over the cap: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="154" />
            <source>инвариантный</source>
            <translation>invariant</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="154" />
            <source>вариативный</source>
            <translation>variable</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="234" />
            <source>нерабочий</source>
            <translation>non-working</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/schedule_rules.py" line="234" />
            <source>рабочий (перенос)</source>
            <translation>working (transfer)</translation>
        </message>
    </context>
    <context>
        <name>ScheduleSubstitute</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="42" />
            <source>Замена преподавателя</source>
            <translation>Cover for an instructor</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="65" />
            <source>Отсутствует</source>
            <translation>Absent</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="66" />
            <source>С</source>
            <translation>From</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="68" />
            <source>Нажмите «Подобрать»: для каждого занятия программа предложит свободного преподавателя, который ведёт этот модуль; время и мастерская не меняются.</source>
            <translation>Press «Propose»: for each lesson the program proposes a free instructor who teaches the module; the time and the workshop stay.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="84" />
            <source>Подобрать</source>
            <translation>Propose</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="88" />
            <source>Применить</source>
            <translation>Apply</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="92" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="128" />
            <source>Предложение: </source>
            <translation>Proposal: </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="128" />
            <source>Записано: </source>
            <translation>Written: </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="62" />
            <source>по</source>
            <translation>to</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="75" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="75" />
            <source>Урок</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="75" />
            <source>Школа, класс</source>
            <translation>School, class</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="75" />
            <source>Модуль</source>
            <translation>Module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="76" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="76" />
            <source>Замена</source>
            <translation>Substitute</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="76" />
            <source>Кто ещё может</source>
            <translation>Who else can</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/schedule_substitute.py" line="129" />
            <source>{0} отсутствует {1} — {2}; занятий {3}, замена найдена для {4}, без замены {5}.</source>
            <translation>{0} absent {1} — {2}; {3} lessons, {4} covered, {5} not covered.</translation>
        </message>
    </context>
    <context>
        <name>Security</name>
        <message>
            <location filename="../../chemcluster_desktop/services/security.py" line="+30" />
            <source>Учётная запись «{0}» отключена администратором: действие не выполнено. Обратитесь к администратору.</source>
            <translation>The account «{0}» was disabled by an administrator: the action was not done. Contact the administrator.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Без входа нет права на это действие: войдите, указав --user ЛОГИН (или CHEMCLUSTER_USER) и пароль в CHEMCLUSTER_PASSWORD.</source>
            <translation>Not logged in: no right to do this. Log in with --user LOGIN (or CHEMCLUSTER_USER) and the password in CHEMCLUSTER_PASSWORD.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>У пользователя «{0}» ({1}) нет права на это действие. Обратитесь к администратору.</source>
            <translation>User “{0}” ({1}) has no right to do this. Ask your administrator.</translation>
        </message>
        <message>
            <location line="+56" />
            <location line="+206" />
            <location line="+43" />
            <location line="+14" />
            <source>Пользователь «{0}» не найден.</source>
            <translation>User “{0}” not found.</translation>
        </message>
        <message>
            <location line="-236" />
            <source>Слишком много неудачных попыток входа. Подождите {0} с и попробуйте снова.</source>
            <translation>Too many failed log-in attempts. Wait {0} s and try again.</translation>
        </message>
        <message>
            <location line="+34" />
            <source>База данных сейчас занята записью в другой программе, поэтому вход не проверен. Повторите вход через минуту.</source>
            <translation>Another program is writing to the database right now, so the log-in was not checked. Log in again in a minute.</translation>
        </message>
        <message>
            <location line="+74" />
            <source>Неверный логин или пароль.</source>
            <translation>Wrong login or password.</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Логин не может быть пустым или содержать пробелы (не длиннее 64 символов).</source>
            <translation>The login cannot be empty or contain spaces (at most 64 characters).</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Неизвестная роль «{0}». Допустимые роли: {1}.</source>
            <translation>Unknown role “{0}”. Valid roles: {1}.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Пароль слишком короткий: нужно не меньше {0} символов.</source>
            <translation>The password is too short: at least {0} characters.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Пользователь «{0}» уже есть.</source>
            <translation>User “{0}” already exists.</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Нельзя отключить или понизить единственного администратора: сначала назначьте другого.</source>
            <translation>The only administrator cannot be disabled or demoted: appoint another one first.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Нельзя отключить самого себя.</source>
            <translation>You cannot disable yourself.</translation>
        </message>
        <message>
            <location line="+37" />
            <source>Текущий пароль не указан или указан неверно: чтобы сменить свой пароль, введите текущий.</source>
            <translation>The current password is missing or wrong: to change your own password, enter the current one.</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="93" />
            <source>логотипа</source>
            <translation>of the logo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="95" />
            <source>Файл {0} пуст.</source>
            <translation>File {0} is empty.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="131" />
            <source>Не удаётся прочитать файл «{0}»: {1}</source>
            <translation>Cannot read file “{0}”: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="97" />
            <source>Файл {0} больше 5 МБ: выберите изображение поменьше.</source>
            <translation>File {0} is over 5 MB: choose a smaller image.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="143" />
            <source>ИНН — 10 цифр (организация) или 12 цифр; введено «{0}».</source>
            <translation>INN is 10 digits (organisation) or 12 digits; entered “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="184" />
            <source>Слишком длинное значение (больше {0} символов).</source>
            <translation>The value is too long (over {0} characters).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="127" />
            <source>Файл «{0}» больше 5 МБ: выберите изображение поменьше.</source>
            <translation>File “{0}” is over 5 MB: choose a smaller image.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="109" />
            <source>Файл {0} — изображение формата {1}; нужен PNG, JPEG, GIF или BMP.</source>
            <translation>File {0} is a {1} image; PNG, JPEG, GIF or BMP is needed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="165" />
            <source>Шаблон «{0}» не разобран: допустимы {{year}} и {{seq}} (например, {{seq:06d}}).</source>
            <translation>Pattern “{0}” not understood: {{year}} and {{seq}} are allowed (e.g. {{seq:06d}}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="140" />
            <source>Укажите наименование колледжа: оно печатается в каждом документе.</source>
            <translation>Enter the college name: it is printed on every document.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="156" />
            <source>Шаблон инвентарного номера должен содержать {seq} (порядковый номер), например ХП-{year}-{seq:06d}.</source>
            <translation>The inventory number pattern must contain {seq} (the sequence number), e.g. ХП-{year}-{seq:06d}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="119" />
            <source>Файл {0} — не изображение или повреждён. Выберите логотип в формате PNG, JPEG, GIF или BMP.</source>
            <translation>File {0} is not an image or is damaged. Choose a PNG, JPEG, GIF or BMP logo.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="104" />
            <source>Изображение {0} слишком большое ({1}×{2} точек): уменьшите его до нескольких тысяч точек по стороне.</source>
            <translation>Image {0} is too large ({1}×{2} pixels): reduce it to a few thousand pixels per side.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="146" />
            <source>КПП — 9 знаков (4 цифры, 2 цифры или буквы, 3 цифры); введено «{0}».</source>
            <translation>KPP is 9 characters (4 digits, 2 digits or letters, 3 digits); entered «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="150" />
            <source>Код по ОКПО — 8 цифр (организация) или 10 цифр; введено «{0}».</source>
            <translation>The OKPO code is 8 digits (organisation) or 10; entered «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="178" />
            <source>Порог малоценного имущества — сумма в рублях, например 10 000; введено «{0}».</source>
            <translation>The low-value threshold is an amount in rubles, e.g. 10 000; entered «{0}».</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/settings_service.py" line="+33" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Краткое наименование</source>
            <translation>Short name</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Адрес</source>
            <translation>Address</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ИНН</source>
            <translation>INN</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Директор (Ф. И. О.)</source>
            <translation>Director (full name)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Должность руководителя</source>
            <translation>Head's position</translation>
        </message>
        <message>
            <location line="+1" />
            <source>КПП</source>
            <translation>KPP</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Код по ОКПО</source>
            <translation>OKPO code</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Структурное подразделение</source>
            <translation>Structural unit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Главный бухгалтер (Ф. И. О.)</source>
            <translation>Chief accountant (full name)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Логотип</source>
            <translation>Logo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Шаблон инвентарного номера</source>
            <translation>Inventory number pattern</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Порог малоценного имущества, ₽ за единицу</source>
            <translation>Low-value threshold, ₽ per unit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Демонстрационные данные</source>
            <translation>Demonstration data</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Поколение базы (восстановление из копии)</source>
            <translation>Database generation (restore from a backup)</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="49" />
            <source>Инвентарь</source>
            <translation>Inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="158" />
            <source>нет</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="37" />
            <source>Настройки</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="96" />
            <source>Выбрать…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="99" />
            <source>Убрать</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="167" />
            <source>Логотип</source>
            <translation>Logo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="110" />
            <source>Импорт из Excel</source>
            <translation>Import from Excel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="111" />
            <source>Экспорт и отчёты</source>
            <translation>Export and reports</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="127" />
            <source>Выбрать папку</source>
            <translation>Choose folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="134" />
            <source>Выберите папку</source>
            <translation>Choose a folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="142" />
            <source>ИНН — 10 или 12 цифр.</source>
            <translation>INN is 10 or 12 digits.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="152" />
            <source>Пример: {0}</source>
            <translation>Example: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="41" />
            <source>Организация (печатается в каждом документе)</source>
            <translation>Organisation (printed in every document)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="109" />
            <source>Папки по умолчанию (на этом компьютере)</source>
            <translation>Default folders (on this computer)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="168" />
            <source>Изображения (*.png *.jpg *.jpeg *.gif *.bmp)</source>
            <translation>Images (*.png *.jpg *.jpeg *.gif *.bmp)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="69" />
            <source>Укажите наименование колледжа.</source>
            <translation>Enter the college name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="62" />
            <source>Изменять настройки организации может только администратор.</source>
            <translation>Only an administrator can change the organisation's settings.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="113" />
            <source>База данных (со следующего запуска)</source>
            <translation>Database (from the next start)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="116" />
            <source>Резервные копии</source>
            <translation>Backups</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="118" />
            <source>рядом с базой данных, в папке backups</source>
            <translation>beside the database, in the backups folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="56" />
            <source>При приёмке поставки строка дешевле порога предлагается группой (одна карточка на N штук), дороже — отдельными карточками оборудования.</source>
            <translation>At delivery acceptance a line cheaper than the threshold is suggested as a group (one card for N units), a dearer one as separate equipment cards.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/settings.py" line="81" />
            <source>Директор</source>
            <translation>Director</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="180" />
            <source>Новая база данных</source>
            <translation>New database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="181" />
            <source>База данных пуста. Загрузить демонстрационные данные кластера «Химический потенциал» (лаборатории, мастерские, школы, закупки), чтобы посмотреть программу в работе?

Демо-данные помечаются значком «ДЕМО»; для настоящей работы создайте отдельную базу.</source>
            <translation>The database is empty. Load the demo data of the “Chemical Potential” cluster (labs, workshops, schools, procurement) to see the program at work?

Demo data is marked with a “DEMO” badge; create a separate database for real work.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="185" />
            <source>Загрузить демо-данные</source>
            <translation>Load demo data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="186" />
            <source>Начать с пустой базы</source>
            <translation>Start with an empty database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="192" />
            <source>Загрузка демо-данных</source>
            <translation>Loading demo data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="25" />
            <source>Администратор</source>
            <translation>Administrator</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="98" />
            <source>База данных в сетевой папке</source>
            <translation>Database in a network folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="115" />
            <source>Ежедневная резервная копия</source>
            <translation>Daily backup</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="132" />
            <source>Проверка файла базы данных</source>
            <translation>Checking the database file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="90" />
            <source>База в сетевой папке: режим одного компьютера</source>
            <translation>Database in a network folder: single-PC mode</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="142" />
            <source>База данных «{0}» повреждена ({1}). Восстановите её из последней резервной копии.</source>
            <translation>The database «{0}» is damaged ({1}). Restore it from the latest backup.</translation>
        </message>
    </context>
    <context>
        <name>Stocktaking</name>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="249" />
            <source>Фактическое количество</source>
            <translation>Actual quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="265" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="243" />
            <source>Найдено: {0}</source>
            <translation>Found: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="235" />
            <source>«{0}» уже отмечено.</source>
            <translation>“{0}” is already marked.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="150" />
            <source>Инвентаризация «{0}» не найдена.</source>
            <translation>Stock-taking “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="228" />
            <source>числится в другом помещении</source>
            <translation>recorded in another room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="87" />
            <source>Дата инвентаризации ещё не наступила.</source>
            <translation>The stock-taking date has not come yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="267" />
            <source>Количество должно быть больше нуля.</source>
            <translation>The quantity must be greater than zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="254" />
            <source>Строка инвентаризации не найдена.</source>
            <translation>Stock-taking line not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="224" />
            <source>«{0}» списано — такого предмета по учёту нет.</source>
            <translation>“{0}” is written off — there is no such item on record.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="209" />
            <source>Введите или отсканируйте инвентарный номер.</source>
            <translation>Type or scan the inventory number.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="264" />
            <source>Опишите найденный предмет (наименование, приметы).</source>
            <translation>Describe the item found (name, features).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="126" />
            <source>Начата инвентаризация {0}: «{1}», ожидается позиций: {2}</source>
            <translation>Stock-taking {0} started: “{1}”, items expected: {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="196" />
            <source>Инвентаризация {0} уже закрыта: изменить её нельзя.</source>
            <translation>Stock-taking {0} is closed: it cannot be changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="321" />
            <source>Закрыта инвентаризация {0}: недостача {1}, излишки {2}</source>
            <translation>Stock-taking {0} closed: shortage {1}, surplus {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="286" />
            <source>Строки ожидаемого списка не удаляются: поставьте количество 0.</source>
            <translation>Expected-list rows are not deleted: set the quantity to 0.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="232" />
            <source>«{0}» числится в помещении «{1}» — отмечено как излишек здесь.</source>
            <translation>“{0}” is recorded in room “{1}” — marked as surplus here.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="110" />
            <source>В помещении «{0}» уже идёт инвентаризация: продолжите её или закройте.</source>
            <translation>A stock-taking is already going on in room “{0}”: continue or close it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="215" />
            <source>«{0}» нет в инвентаре. Если предмет есть в помещении, добавьте его как неучтённый.</source>
            <translation>“{0}” is not in the inventory. If the item is in the room, add it as unrecorded.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="82" />
            <source>Недостача по инвентаризации № {0} от {1}</source>
            <translation>Shortage at stock-taking No. {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="129" />
            <source>уже списано</source>
            <translation>already written off</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="134" />
            <source>уже числится в этом помещении</source>
            <translation>already recorded in this room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="148" />
            <source>списать недостающее</source>
            <translation>write off the missing quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="148" />
            <source>оприходовать излишек</source>
            <translation>receive the surplus</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="157" />
            <source>списать</source>
            <translation>write off</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="159" />
            <source>реактив: поправьте тару в карточке позиции</source>
            <translation>reagent: correct its containers in the item card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="88" />
            <source>Инвентаризация {0} ещё идёт: сначала завершите её.</source>
            <translation>Stock-taking {0} is still in progress: finish it first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="91" />
            <source>Результаты инвентаризации {0} уже проведены ({1}, {2}): повторно провести нельзя.</source>
            <translation>The results of stock-taking {0} are already posted ({1}, {2}): they cannot be posted again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="141" />
            <source>переместить из «{0}»</source>
            <translation>transfer from “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="144" />
            <source>числится уже в помещении «{0}»</source>
            <translation>now recorded in room “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="190" />
            <source>Укажите причину списания.</source>
            <translation>Give the write-off reason.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="192" />
            <source>Излишки по инвентаризации № {0} от {1}</source>
            <translation>Surplus at stock-taking No. {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="123" />
            <source>завести новую карточку</source>
            <translation>create a new card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="193" />
            <source>Выявлено при инвентаризации № {0} от {1}</source>
            <translation>Found at stock-taking No. {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="215" />
            <source>Проведены результаты инвентаризации {0}: {1}</source>
            <translation>Results of stock-taking {0} posted: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="235" />
            <source>Строки {0} нет среди расхождений инвентаризации {1}.</source>
            <translation>Line {0} is not among the discrepancies of stock-taking {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="256" />
            <source>Неизвестный вид позиции «{0}».</source>
            <translation>Unknown item kind “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="240" />
            <source>«{0}»: {1} — провести нельзя.</source>
            <translation>“{0}”: {1} — cannot be posted.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="259" />
            <source>«{0}»: оборудование и мебель учитываются поштучно, а найдено {1}.</source>
            <translation>“{0}”: equipment and furniture are counted by the piece, but {1} was found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="194" />
            <source>Инвентаризация</source>
            <translation>Stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="99" />
            <source>Дата приказа</source>
            <translation>Order date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="100" />
            <source>Дата начала</source>
            <translation>Start date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="101" />
            <source>Дата окончания</source>
            <translation>End date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="98" />
            <source>Укажите номер приказа (решения) о проведении инвентаризации.</source>
            <translation>Enter the number of the order (decision) to hold the stock-taking.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="110" />
            <source>Укажите причину (основание) инвентаризации.</source>
            <translation>Enter the reason (basis) of the stock-taking.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="113" />
            <source>Выберите хотя бы одно помещение, которое инвентаризируется.</source>
            <translation>Choose at least one room to count.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="138" />
            <source>У комиссии нет председателя: отметьте одного из членов комиссии как председателя.</source>
            <translation>The commission has no chair: mark one of its members as the chair.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="144" />
            <source>В комиссии нужны председатель и хотя бы один член комиссии.</source>
            <translation>The commission needs a chair and at least one member.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="185" />
            <source>Решение об инвентаризации</source>
            <translation>Stock-taking decision</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="76" />
            <source>{0}: укажите дату (ДД.ММ.ГГГГ).</source>
            <translation>{0}: enter a date (DD.MM.YYYY).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="133" />
            <source>Роль в комиссии: председатель или член комиссии.</source>
            <translation>Role in the commission: chair or member.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="103" />
            <source>Дата окончания инвентаризации ({0:%d.%m.%Y}) раньше даты начала ({1:%d.%m.%Y}).</source>
            <translation>The stock-taking's end date ({0:%d.%m.%Y}) is before its start date ({1:%d.%m.%Y}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="106" />
            <source>Инвентаризация начинается ({0:%d.%m.%Y}) раньше, чем издан приказ ({1:%d.%m.%Y}).</source>
            <translation>The stock-taking starts ({0:%d.%m.%Y}) before the order was issued ({1:%d.%m.%Y}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="141" />
            <source>Председатель комиссии — один: {0}.</source>
            <translation>The commission has one chair: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="148" />
            <source>«{0}» включён(а) в комиссию дважды.</source>
            <translation>«{0}» is in the commission twice.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="178" />
            <source>Решение о проведении инвентаризации № {0} от {1:%d.%m.%Y}</source>
            <translation>Decision to hold a stock-taking No. {0} of {1:%d.%m.%Y}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="259" />
            <source>Решение о проведении инвентаризации «{0}» не найдено.</source>
            <translation>Stock-taking decision «{0}» not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="126" />
            <source>Член комиссии № {0}: укажите фамилию и инициалы.</source>
            <translation>Commission member No. {0}: enter the surname and initials.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="129" />
            <source>Член комиссии «{0}»: укажите должность — она печатается в подписях.</source>
            <translation>Commission member «{0}»: enter the position — it is printed with the signatures.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="153" />
            <source>«{0}» — материально ответственное лицо инвентаризируемого помещения и не может входить в комиссию, которая его проверяет: замените члена комиссии.</source>
            <translation>«{0}» is the custodian of a room being counted and cannot sit on the commission that checks them: replace this member.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="199" />
            <source>По решению уже идёт инвентаризация помещений: {0} — их нельзя исключить.</source>
            <translation>Stock-takings by this decision are under way in: {0} — these rooms cannot be removed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="89" />
            <source>Инвентаризация проводится по решению руководителя (ф. 0510439): сначала оформите решение — приказ, даты, помещения, комиссию — и выберите его.</source>
            <translation>A stock-taking is held by the head's decision (form 0510439): first make the decision — order, dates, rooms, commission — and choose it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="98" />
            <source>Решение № {0} от {1:%d.%m.%Y} не охватывает помещение «{2}»: добавьте его в решение или выберите другое.</source>
            <translation>Decision No. {0} of {1:%d.%m.%Y} does not cover the room «{2}»: add it to the decision or choose another.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="102" />
            <source>Решение № {0} назначает инвентаризацию с {1:%d.%m.%Y} по {2:%d.%m.%Y}; дата {3:%d.%m.%Y} вне этих сроков.</source>
            <translation>Decision No. {0} sets the stock-taking from {1:%d.%m.%Y} to {2:%d.%m.%Y}; {3:%d.%m.%Y} is outside.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking.py" line="240" />
            <source>Найдено: {0} — {1} из {2} шт.</source>
            <translation>Found: {0} — {1} of {2} pcs</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="152" />
            <source>списать недостающие штуки группы</source>
            <translation>write off the group's missing units</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/stocktaking_posting.py" line="154" />
            <source>в группе больше штук, чем по учёту: поправьте количество в карточке</source>
            <translation>the group has more units than recorded: correct the quantity in the card</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/surplus.py" line="57" />
            <source>Оценка излишка</source>
            <translation>Surplus estimate</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/surplus.py" line="59" />
            <source>Оценка излишка не может быть отрицательной.</source>
            <translation>A surplus estimate cannot be negative.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/surplus.py" line="63" />
            <source>Оценивается только излишек: в этой строке излишка нет.</source>
            <translation>Only a surplus is estimated: this line has none.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="+35" />
            <source>Перед составлением годовой бухгалтерской (финансовой) отчётности</source>
            <translation>Before the annual financial statements</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Смена материально ответственного лица</source>
            <translation>Change of the custodian</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Выявление фактов хищения, злоупотребления или порчи имущества</source>
            <translation>Theft, abuse or damage of property found</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Плановая инвентаризация по графику учреждения</source>
            <translation>Scheduled stock-taking by the institution's plan</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Реорганизация или ликвидация учреждения</source>
            <translation>Reorganisation or liquidation of the institution</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Стихийное бедствие, пожар, авария или другая чрезвычайная ситуация</source>
            <translation>Natural disaster, fire, accident or another emergency</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="216" />
            <source>Результаты инвентаризации {0} по этому решению уже проведены: решение изменить нельзя.</source>
            <translation>The results of stock-taking {0} by this decision are already posted: the decision cannot be changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="206" />
            <source>Изменено решение о проведении инвентаризации № {0} от {1:%d.%m.%Y}</source>
            <translation>Stock-taking decision No. {0} of {1:%d.%m.%Y} changed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="192" />
            <source>Результаты инвентаризации {0} по этому решению уже проведены: решение (ф. 0510439) изменить нельзя — оно основание проведённых документов.</source>
            <translation>The results of stock-taking {0} by this decision are already posted: the decision (form 0510439) cannot be changed — it is the basis of posted documents.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory/decisions.py" line="117" />
            <source>Помещение, выбранное в списке, уже удалено — обновите список (F5).</source>
            <translation>The room chosen in the list has been deleted — refresh the list (F5).</translation>
        </message>
    </context>
    <context>
        <name>StocktakingDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="103" />
            <source>Помещение *</source>
            <translation>Room *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="122" />
            <source>Начать инвентаризацию</source>
            <translation>Start stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="174" />
            <source>Добавить неучтённый</source>
            <translation>Add unrecorded</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="73" />
            <source>Закрыть окно</source>
            <translation>Close window</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="289" />
            <source>идёт</source>
            <translation>in progress</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="151" />
            <source>Скан:</source>
            <translation>Scan:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="160" />
            <source>Инв. номер</source>
            <translation>Inv. No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="160" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="160" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="160" />
            <source>По учёту</source>
            <translation>On record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="161" />
            <source>Фактически</source>
            <translation>Actually</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="161" />
            <source>Результат</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="88" />
            <source>Новая инвентаризация</source>
            <translation>New stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="239" />
            <source>Выберите помещение.</source>
            <translation>Choose a room.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="288" />
            <source>Инвентаризация {0}: {1}</source>
            <translation>Stock-taking {0}: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="289" />
            <source>закрыта {0}</source>
            <translation>closed {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="206" />
            <source>Завершить инвентаризацию</source>
            <translation>Finish stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="446" />
            <source>Завершение инвентаризации</source>
            <translation>Finishing stock-taking</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="439" />
            <source>Добавлен неучтённый предмет: {0}</source>
            <translation>Unrecorded item added: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="430" />
            <source>Нужно число, например 3 или 2,5.</source>
            <translation>A number is needed, e.g. 3 or 2.5.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="172" />
            <source>Неучтённый предмет: наименование и приметы</source>
            <translation>Unrecorded item: name and features</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="458" />
            <source>Инвентаризация завершена: расхождений нет.</source>
            <translation>Stock-taking finished: no discrepancies.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="293" />
            <source>Помещение: {0}; МОЛ: {1}; начата {2}, {3}.</source>
            <translation>Room: {0}; custodian: {1}; started {2}, {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="447" />
            <source>Завершить инвентаризацию? После этого отметки изменить нельзя.</source>
            <translation>Finish the stock-taking? The marks cannot be changed afterwards.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="316" />
            <source>По учёту: {0}; отмечено: {1}; недостача: {2}; излишки и неучтённые: {3}.</source>
            <translation>On record: {0}; marked: {1}; shortage: {2}; surplus and unrecorded: {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="149" />
            <source>Отсканируйте QR-код этикетки или введите инвентарный номер и нажмите Enter</source>
            <translation>Scan the label's QR code or type the inventory number and press Enter</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="460" />
            <source>Инвентаризация завершена: недостача {0}, излишки {1}. Напечатайте ведомость расхождений.</source>
            <translation>Stock-taking finished: shortage {0}, surplus {1}. Print the discrepancy statement.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="219" />
            <source>Провести результаты…</source>
            <translation>Post results…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="221" />
            <source>Оформить по результатам списание, оприходование и перемещение</source>
            <translation>Make the write-off, receipt and transfer documents from the results</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="387" />
            <source>документов нет</source>
            <translation>no documents</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="291" />
            <source>результаты проведены {0} ({1})</source>
            <translation>results posted {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="360" />
            <source>Инвентаризация {0} от {1} завершена, результаты не проведены — открыть</source>
            <translation>Stock-taking {0} of {1} is finished, its results are not posted — open it</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="388" />
            <source>Результаты проведены: {0}.</source>
            <translation>Results posted: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="107" />
            <source>Новое решение…</source>
            <translation>New decision…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="120" />
            <source>Решение (приказ) *</source>
            <translation>Decision (order) *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="190" />
            <source>Описи (0510466)</source>
            <translation>Lists (0510466)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="194" />
            <source>Расхождения (0504092)</source>
            <translation>Discrepancies (0504092)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="198" />
            <source>Решение (0510439)</source>
            <translation>Decision (0510439)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="202" />
            <source>Акт (0510463)</source>
            <translation>Act (0510463)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="224" />
            <source>Оценка излишка…</source>
            <translation>Surplus estimate…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="226" />
            <source>Текущая оценка выбранного излишка для ведомости расхождений (ф. 0504092)</source>
            <translation>The current estimate of the selected surplus for the discrepancy list (form 0504092)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="335" />
            <source>Выберите строку излишка (не числится по учёту или числится в другом месте).</source>
            <translation>Select a surplus line (not on record, or on record in another room).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="340" />
            <source>Оценка излишка</source>
            <translation>Surplus estimate</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="256" />
            <source>№ {0} от {1} — {2}, {3}–{4}</source>
            <translation>No. {0} of {1} — {2}, {3}–{4}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="341" />
            <source>«{0}»: текущая оценка за единицу, ₽</source>
            <translation>«{0}»: current estimate per unit, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="111" />
            <source>Изменить…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="113" />
            <source>Изменить выбранное решение (до проведения результатов)</source>
            <translation>Edit the chosen decision (until the results are posted)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="209" />
            <source>Решение…</source>
            <translation>Decision…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="211" />
            <source>Решение о проведении инвентаризации (ф. 0510439): посмотреть и изменить</source>
            <translation>Stock-taking decision (form 0510439): view and edit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking.py" line="275" />
            <source>Выберите решение.</source>
            <translation>Choose a decision.</translation>
        </message>
    </context>
    <context>
        <name>StocktakingPostDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="42" />
            <source>Постановка на учёт</source>
            <translation>Putting on record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="44" />
            <source>Не проводится</source>
            <translation>Not posted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="68" />
            <source>Причина списания *</source>
            <translation>Write-off reason *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="136" />
            <source>Провести</source>
            <translation>Post</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="140" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="73" />
            <source>Документ</source>
            <translation>Document</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="73" />
            <source>Инв. номер</source>
            <translation>Inv. No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="73" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="73" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="74" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="74" />
            <source>Ед.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="74" />
            <source>Пояснение</source>
            <translation>Explanation</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="121" />
            <source>Расхождений нет: проводить нечего. «Провести» отметит инвентаризацию как проведённую.</source>
            <translation>No discrepancies: nothing to post. “Post” marks the stock-taking as posted.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="174" />
            <source>Укажите причину списания.</source>
            <translation>Give the write-off reason.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="56" />
            <source>Проведение результатов инвентаризации {0}</source>
            <translation>Posting the results of stock-taking {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="59" />
            <source>Инвентаризация {0} от {1}, помещение «{2}». Отметьте строки, которые нужно провести: по ним будут оформлены документы движения. Неотмеченные строки останутся как есть.</source>
            <translation>Stock-taking {0} of {1}, room “{2}”. Tick the lines to post: movement documents will be made for them. Unticked lines stay as they are.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="115" />
            <source>Вид новой позиции: оборудование и мебель — по карточке на каждый предмет</source>
            <translation>Kind of the new item: equipment and furniture get one card per piece</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/stocktaking_post.py" line="171" />
            <source>Будет проведено строк: {0}</source>
            <translation>Lines to post: {0}</translation>
        </message>
    </context>
    <context>
        <name>Table</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/models/table.py" line="+173" />
            <source>да</source>
            <translation>yes</translation>
        </message>
    </context>
    <context>
        <name>TextCheck</name>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="36" />
            <source>Наименование</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="36" />
            <source>ФИО</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="36" />
            <source>Модель</source>
            <translation>Model</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="36" />
            <source>МОЛ</source>
            <translation>Custodian</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="37" />
            <source>Комментарий</source>
            <translation>Comment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="37" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="37" />
            <source>Название</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="38" />
            <source>Логин</source>
            <translation>Login</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="38" />
            <source>Адрес</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="38" />
            <source>Заводской номер</source>
            <translation>Serial number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="39" />
            <source>Производитель</source>
            <translation>Manufacturer</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="39" />
            <source>Инвентарный номер</source>
            <translation>Inventory number</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="39" />
            <source>Значение</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="40" />
            <source>Характеристики</source>
            <translation>Specifications</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="40" />
            <source>Контакты</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="40" />
            <source>Кому выдано</source>
            <translation>Issued to</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="41" />
            <source>Стоимость</source>
            <translation>Cost</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="41" />
            <source>Количество</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="41" />
            <source>Минимальный остаток</source>
            <translation>Minimum stock</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="42" />
            <source>Цена</source>
            <translation>Price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="42" />
            <source>Сумма</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="42" />
            <source>Цена за единицу</source>
            <translation>Unit price</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="56" />
            <source>Поле «{0}» содержит невидимый управляющий символ (код {1}, позиция {2}). Удалите его — такой символ обычно попадает при копировании из другой программы.</source>
            <translation>The field «{0}» holds an invisible control character (code {1}, position {2}). Remove it — such characters usually come with text copied from another program.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="60" />
            <source>Поле «{0}» слишком длинное: {1} символов, допускается не больше {2}. Сократите текст.</source>
            <translation>The field «{0}» is too long: {1} characters, at most {2} allowed. Shorten the text.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/textcheck.py" line="80" />
            <source>Поле «{0}»: {1} при хранении с точностью {2} знака после запятой станет нулём. Проверьте единицы измерения.</source>
            <translation>The field «{0}»: {1} becomes zero when stored with {2} decimal places. Check the units.</translation>
        </message>
    </context>
    <context>
        <name>UpkeepTab</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="24" />
            <source>не задан</source>
            <translation>not set</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="25" />
            <source> мес.</source>
            <translation> mo.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="35" />
            <source>Средство измерения (подлежит поверке)</source>
            <translation>Measuring instrument (subject to verification)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="40" />
            <source>Дата последней поверки</source>
            <translation>Last verification</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="45" />
            <source>Межповерочный интервал</source>
            <translation>Verification interval</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="49" />
            <source>Свидетельство о поверке №</source>
            <translation>Verification certificate No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="53" />
            <source>Поверка действует</source>
            <translation>Verification valid</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="56" />
            <source>Последнее обслуживание</source>
            <translation>Last maintenance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="59" />
            <source>Интервал обслуживания</source>
            <translation>Maintenance interval</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="62" />
            <source>Следующее обслуживание</source>
            <translation>Next maintenance</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="103" />
            <source>до {0}</source>
            <translation>until {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="103" />
            <source>до {0} — меньше 30 дней, запишите на поверку</source>
            <translation>until {0} — less than 30 days, book the verification</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="104" />
            <source>истекла {0}: прибор нельзя использовать</source>
            <translation>expired {0}: the instrument cannot be used</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/upkeep_tab.py" line="106" />
            <source>не указаны дата и интервал поверки</source>
            <translation>verification date and interval not given</translation>
        </message>
    </context>
    <context>
        <name>UsersPanel</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="198" />
            <source>Добавить…</source>
            <translation>Add…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="199" />
            <source>Изменить…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="297" />
            <source>Пользователи</source>
            <translation>Users</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="88" />
            <source>Пароль слишком короткий: нужно не меньше {0} символов.</source>
            <translation>The password is too short: at least {0} characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="53" />
            <source>Фамилия, имя, отчество:</source>
            <translation>Full name:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="200" />
            <source>Задать пароль…</source>
            <translation>Set password…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="44" />
            <source>Новый пользователь</source>
            <translation>New user</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="64" />
            <source>Пароль:</source>
            <translation>Password:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="65" />
            <source>Пароль ещё раз:</source>
            <translation>Password again:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="134" />
            <source>Пароли не совпадают.</source>
            <translation>The passwords do not match.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="257" />
            <source>Разрешить вход</source>
            <translation>Allow log-in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="257" />
            <source>Запретить вход</source>
            <translation>Disable log-in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="215" />
            <source>задан</source>
            <translation>set</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="215" />
            <source>нет</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="216" />
            <source>разрешён</source>
            <translation>allowed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="216" />
            <source>запрещён</source>
            <translation>disabled</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="45" />
            <source>Пользователь «{0}»</source>
            <translation>User “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="59" />
            <source>может входить в программу</source>
            <translation>may be part of the program</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="117" />
            <source>Пароль пользователя «{0}»</source>
            <translation>Password of user “{0}”</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="82" />
            <source>В логине не должно быть пробелов.</source>
            <translation>A login cannot contain spaces.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="79" />
            <source>Укажите логин (латиницей или кириллицей, без пробелов).</source>
            <translation>Enter a login (Latin or Cyrillic letters, no spaces).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="263" />
            <source>Добавлять пользователей и менять роли может только администратор. Свой пароль можно сменить кнопкой «Задать пароль…».</source>
            <translation>Only an administrator can add users and change roles. You can change your own password with “Set password…”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="260" />
            <source>Внимание: у администратора «{0}» нет пароля — войти под ним может любой. Задайте пароль.</source>
            <translation>Attention: administrator “{0}” has no password — anyone can log in as them. Set a password.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="123" />
            <source>Текущий пароль:</source>
            <translation>Current password:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="144" />
            <source>Логин</source>
            <translation>Login</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="144" />
            <source>Фамилия, имя, отчество</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="144" />
            <source>Роль</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="144" />
            <source>Пароль</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="144" />
            <source>Вход</source>
            <translation>Log in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="144" />
            <source>Последний вход</source>
            <translation>Last login</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="49" />
            <source>Логин:</source>
            <translation>Login:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="55" />
            <source>Роль:</source>
            <translation>Role:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="125" />
            <source>Новый пароль:</source>
            <translation>New password:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/users_panel.py" line="127" />
            <source>Ещё раз:</source>
            <translation>Again:</translation>
        </message>
    </context>
    <context>
        <name>WeekGrid</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/week_grid.py" line="+81" />
            <source>Пн</source>
            <translation>Mon</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Вт</source>
            <translation>Tue</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Ср</source>
            <translation>Wed</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Чт</source>
            <translation>Thu</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Пт</source>
            <translation>Fri</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Сб</source>
            <translation>Sat</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Конфликт: см. список конфликтов</source>
            <translation>Conflict: see the list of conflicts</translation>
        </message>
        <message>
            <location line="+18" />
            <source>закр.</source>
            <translation>locked</translation>
        </message>
        <message>
            <location line="+5" />
            <source>гр. {0} · </source>
            <translation>gr. {0} · </translation>
        </message>
        <message>
            <location line="+10" />
            <source>Закреплено: при генерации остаётся на месте</source>
            <translation>Locked: generation leaves it where it is</translation>
        </message>
        <message>
            <location line="+63" />
            <source>Сюда нельзя: </source>
            <translation>Cannot go here: </translation>
        </message>
        <message>
            <location line="+3" />
            <source>Можно перенести на {0}, {1}-й урок</source>
            <translation>Can be moved to {0}, period {1}</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Перенос отменён: </source>
            <translation>Move cancelled: </translation>
        </message>
    </context>
    <context>
        <name>WorkshopDialog</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="63" />
            <source>Название *</source>
            <translation>Name *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="75" />
            <source>Инфраструктурный лист</source>
            <translation>Infrastructure list</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="95" />
            <source>Ответственный</source>
            <translation>Responsible</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="98" />
            <source>Площадь, м²</source>
            <translation>Area, m²</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="136" />
            <source>Дата аккредитации</source>
            <translation>Accreditation date</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="163" />
            <source>Примечания</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="50" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="327" />
            <source>нет</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="72" />
            <source>Компетенция *</source>
            <translation>Competency *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="86" />
            <source>Помещения *</source>
            <translation>Rooms *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="92" />
            <source>Рабочих мест *</source>
            <translation>Workplaces *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="124" />
            <source>запланирована</source>
            <translation>planned</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="145" />
            <source>Убрать</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="156" />
            <source>План застройки</source>
            <translation>Layout plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="176" />
            <source>Добавить фото…</source>
            <translation>Add photo…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="177" />
            <source>Удалить фото</source>
            <translation>Delete photo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="186" />
            <source>Фото мастерской</source>
            <translation>Workshop photo</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="50" />
            <source>Новая мастерская</source>
            <translation>New workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="283" />
            <source>{0} год ({1} позиций)</source>
            <translation>{0} ({1} items)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="143" />
            <source>Выбрать изображение…</source>
            <translation>Choose image…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="107" />
            <source>* — обязательные поля</source>
            <translation>* — required fields</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="251" />
            <source>Изображения (*.png *.jpg *.jpeg)</source>
            <translation>Images (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="342" />
            <source>Выберите компетенцию.</source>
            <translation>Choose a competency.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="71" />
            <source>Выберите или введите новую</source>
            <translation>Choose or enter a new one</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="106" />
            <source>Фото добавляются после сохранения мастерской</source>
            <translation>Photos can be added after the workshop is saved</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="277" />
            <source>— лист появится после импорта —</source>
            <translation>— the list appears after the import —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="281" />
            <source>— у компетенции ещё нет листа —</source>
            <translation>— the competency has no list yet —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="337" />
            <source>Введите название мастерской.</source>
            <translation>Enter the workshop name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="347" />
            <source>Отметьте хотя бы одно помещение.</source>
            <translation>Tick at least one room.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="187" />
            <source>Комиссия и код КОД…</source>
            <translation>Commission and KOD code…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="190" />
            <source>Для пакета</source>
            <translation>For the packet</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/workshop_dialog.py" line="103" />
            <source>Комиссия записывается после сохранения мастерской</source>
            <translation>The commission is recorded after the workshop is saved</translation>
        </message>
    </context>
    <context>
        <name>Xlsx</name>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="196" />
            <source>В книге нет ни одного листа.</source>
            <translation>The workbook has no sheets.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="437" />
            <source>Лист пуст: в нём нет ни одной строки.</source>
            <translation>The sheet is empty: it has no rows.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="73" />
            <source>Файл «{0}» не найден.</source>
            <translation>File “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="75" />
            <source>«{0}» — это папка, а не файл Excel.</source>
            <translation>“{0}” is a folder, not an Excel file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="78" />
            <source>Файл «{0}» пуст (0 байт). Выберите заполненный файл Excel (.xlsx).</source>
            <translation>File “{0}” is empty (0 bytes). Choose a filled-in Excel file (.xlsx).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="80" />
            <source>Файл «{0}» слишком большой ({1} МБ; допускается не больше {2} МБ). Разделите его на несколько файлов.</source>
            <translation>File “{0}” is too large ({1} MB; at most {2} MB allowed). Split it into several files.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="89" />
            <source>Файл «{0}» защищён паролем или сохранён в старом формате Excel 97–2003 (.xls). Снимите пароль и сохраните файл как «Книга Excel (.xlsx)».</source>
            <translation>File “{0}” is password-protected or in the old Excel 97–2003 format (.xls). Remove the password and save it as “Excel Workbook (.xlsx)”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="92" />
            <source>Файл «{0}» не является книгой Excel (.xlsx). Откройте его в Excel и сохраните как «Книга Excel (.xlsx)».</source>
            <translation>File “{0}” is not an Excel workbook (.xlsx). Open it in Excel and save it as “Excel Workbook (.xlsx)”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="202" />
            <source>В листе «{0}» слишком много строк ({1}; допускается не больше {2}). Разделите файл на части.</source>
            <translation>Sheet “{0}” has too many rows ({1}; at most {2} allowed). Split the file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="439" />
            <source>Не найдена строка заголовков таблицы в первых {0} строках. Нужны столбцы {1}; проверьте названия столбцов или воспользуйтесь шаблоном.</source>
            <translation>No table header row in the first {0} rows. Columns {1} are needed; check the column names or use the template.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="87" />
            <source>Не удаётся прочитать файл «{0}»: {1}.</source>
            <translation>Cannot read file “{0}”: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="114" />
            <source>Файл «{0}» повреждён: это не читаемая книга Excel (.xlsx).</source>
            <translation>File “{0}” is damaged: it is not a readable Excel workbook (.xlsx).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="170" />
            <source>Не удаётся прочитать книгу Excel «{0}»: файл повреждён или в неподдерживаемом формате ({1}).</source>
            <translation>Cannot read Excel workbook “{0}”: the file is damaged or in an unsupported format ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="218" />
            <source>Не удаётся прочитать строку {0} листа «{1}»: файл повреждён ({2}).</source>
            <translation>Cannot read row {0} of sheet “{1}”: the file is damaged ({2}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="501" />
            <source>Не удаётся записать файл «{0}»: {1}.</source>
            <translation>Cannot write file “{0}”: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="99" />
            <source>Файл «{0}» — архив, но не книга Excel (.xlsx).</source>
            <translation>File “{0}” is an archive but not an Excel workbook (.xlsx).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="109" />
            <source>Файл «{0}» слишком большой после распаковки ({1} МБ; допускается не больше {2} МБ). Разделите его на несколько файлов.</source>
            <translation>File “{0}” is too large when unpacked ({1} MB; at most {2} MB allowed). Split it into several files.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="193" />
            <source>В книге нет листа «{0}». Листы: {1}.</source>
            <translation>The workbook has no sheet “{0}”. Sheets: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="210" />
            <source>В листе «{0}» слишком много строк (больше {1}). Разделите файл на части.</source>
            <translation>Sheet “{0}” has too many rows (over {1}). Split the file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="105" />
            <source>Файл «{0}» подозрительно сильно сжат (часть «{1}» разворачивается в {2} МБ). Такой файл не читается из соображений безопасности.</source>
            <translation>File “{0}” is suspiciously highly compressed (part “{1}” expands to {2} MB). Such a file is not read for safety reasons.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement/documents.py" line="-3" />
            <source>План-график закупок оборудования</source>
            <translation>Equipment procurement schedule</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/procurement.py" line="+35" />
            <source>План-график</source>
            <translation>Procurement schedule</translation>
        </message>
        <message>
            <location line="+8" />
            <location line="+76" />
            <source>№ строки</source>
            <translation>Row No.</translation>
        </message>
        <message>
            <location line="-76" />
            <source>Предмет закупки / позиция</source>
            <translation>Subject of procurement / item</translation>
        </message>
        <message>
            <location line="+0" />
            <source>ОКПД2</source>
            <translation>OKPD2</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Закон</source>
            <translation>Law</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Способ закупки</source>
            <translation>Procurement method</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Источник финансирования</source>
            <translation>Funding source</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Срок (квартал, год)</source>
            <translation>Due (quarter, year)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Кол-во</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>НМЦК, ₽</source>
            <translation>Initial max. price, ₽</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Статус</source>
            <translation>Status</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Извещение</source>
            <translation>Notice</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Контракт</source>
            <translation>Contract</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Цена контракта, ₽</source>
            <translation>Contract price, ₽</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Поставщик</source>
            <translation>Supplier</translation>
        </message>
        <message>
            <location line="+0" />
            <source>ИКЗ</source>
            <translation>Purchase code</translation>
        </message>
        <message>
            <location line="+2" />
            <source>План-график закупок</source>
            <translation>Procurement schedule</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Итого по {0}</source>
            <translation>Total under {0}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Не состоялись или отменены (в итог не входят)</source>
            <translation>Failed or cancelled (not in the total)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{0} кв. {1}</source>
            <translation>Q{0} {1}</translation>
        </message>
        <message>
            <location line="-11" />
            <source>Итого по плану-графику</source>
            <translation>Procurement schedule total</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Ход закупок</source>
            <translation>Procurement progress</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Шаг</source>
            <translation>Step</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Дата</source>
            <translation>Date</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Кто</source>
            <translation>Who</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="+63" />
            <source>Расписание</source>
            <translation>Timetable</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Занятий нет.</source>
            <translation>No lessons.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="155" />
            <source>В книге нет ни одного видимого листа: покажите нужный лист в Excel («Показать лист») и сохраните файл.</source>
            <translation>The workbook has no visible sheet: unhide the sheet you need in Excel («Unhide») and save the file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="143" />
            <source>В файле «{0}» слишком много разных текстов (больше {1}): такой файл не читается, чтобы не занять всю память. Разделите его на несколько файлов.</source>
            <translation>The file «{0}» holds too many distinct texts (more than {1}): it is not read so as not to use up all the memory. Split it into several files.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="557" />
            <source>Не удаётся записать файл «{0}»: папки «{1}» нет. Укажите существующую папку.</source>
            <translation>Cannot write the file «{0}»: the folder «{1}» does not exist. Choose an existing folder.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="55" />
            <source> (замена за {0})</source>
            <translation> (covering for {0})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="12" />
            <source>День</source>
            <translation>Day</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="12" />
            <source>Урок</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="12" />
            <source>Время</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="12" />
            <source>Класс</source>
            <translation>Class</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="12" />
            <source>Учеников</source>
            <translation>Pupils</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="12" />
            <source>Модуль</source>
            <translation>Module</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="12" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="12" />
            <source>Преподаватель</source>
            <translation>Instructor</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="13" />
            <source>Пн</source>
            <translation>Mon</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="13" />
            <source>Вт</source>
            <translation>Tue</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="13" />
            <source>Ср</source>
            <translation>Wed</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="13" />
            <source>Чт</source>
            <translation>Thu</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="13" />
            <source>Пт</source>
            <translation>Fri</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="13" />
            <source>Сб</source>
            <translation>Sat</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/schedule.py" line="13" />
            <source>Вс</source>
            <translation>Sun</translation>
        </message>
    </context>
</TS>
