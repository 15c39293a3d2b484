<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ru">
    <context>
        <name>App</name>
        <message>
            <location filename="../../chemcluster_desktop/app.py" line="+91" />
            <source>База данных не открыта</source>
            <translation>No database open</translation>
        </message>
    </context>
    <context>
        <name>Audit</name>
        <message>
            <location filename="../../chemcluster_desktop/services/audit.py" line="+103" />
            <source>изменён</source>
            <translation>changed</translation>
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
        <name>Demo</name>
        <message>
            <location filename="../../chemcluster_desktop/services/demo.py" line="+26" />
            <source>Демо-данные загружаются только в пустую базу. Создайте новую базу (--db новый_файл.sqlite3) или восстановите пустую.</source>
            <translation>Demo data loads only into an empty database. Create a new database (--db new_file.sqlite3) or restore an empty one.</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../chemcluster_desktop/services/errors.py" line="+50" />
            <source>Запись уже изменил другой пользователь. Обновите её (F5) и внесите изменения заново.</source>
            <translation>Another user has changed this record. Refresh it (F5) and make your changes again.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Операция отменена; ничего не изменено.</source>
            <translation>Operation cancelled; nothing was changed.</translation>
        </message>
    </context>
    <context>
        <name>Locations</name>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="+38" />
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
            <location filename="../../chemcluster_desktop/services/locations.py" line="110" />
            <source>Укажите название здания.</source>
            <translation>Enter the building name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="112" />
            <source>Название здания длиннее 200 символов; сократите его.</source>
            <translation>The building name is longer than 200 characters; shorten it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="114" />
            <source>Адрес длиннее 300 символов; сократите его.</source>
            <translation>The address is longer than 300 characters; shorten it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="236" />
            <source>Укажите название помещения.</source>
            <translation>Enter the room name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="238" />
            <source>Название помещения длиннее 100 символов; сократите его.</source>
            <translation>The room name is longer than 100 characters; shorten it.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="252" />
            <source>ФИО ответственного длиннее 200 символов.</source>
            <translation>The responsible person's name is longer than 200 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="268" />
            <source>Выбранное здание удалено. Выберите другое.</source>
            <translation>The chosen building was deleted. Choose another.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="144" />
            <source>Здание не найдено: его удалил другой пользователь. Обновите список (F5).</source>
            <translation>Building not found: another user deleted it. Refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="217" />
            <source>Помещение не найдено: его удалил другой пользователь. Обновите список (F5).</source>
            <translation>Room not found: another user deleted it. Refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="248" />
            <source>Площадь — положительное число квадратных метров, например 72,5.</source>
            <translation>Area is a positive number of square metres, e.g. 72.5.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="240" />
            <source>Неизвестный вид помещения «{0}».</source>
            <translation>Unknown room kind “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="131" />
            <source>Здание «{0}» уже есть в справочнике.</source>
            <translation>Building “{0}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="161" />
            <source>Здание «{0}» нельзя удалить: в нём {1} помещ. Сначала перенесите или удалите помещения.</source>
            <translation>Building “{0}” cannot be deleted: it has {1} room(s). Move or delete the rooms first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="279" />
            <source>Помещение «{0}» уже есть в здании «{1}».</source>
            <translation>Room “{0}” already exists in building “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="345" />
            <source>Помещение «{0}» нельзя удалить: на него ссылаются {1}. Сначала перенесите их в другое помещение.</source>
            <translation>Room “{0}” cannot be deleted: it is referred to by {1}. Move them to another room first.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="335" />
            <source>позиций инвентаря: {0}</source>
            <translation>inventory items: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="337" />
            <source>мастерских: {0}</source>
            <translation>workshops: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="339" />
            <source>документов движения: {0}</source>
            <translation>movement documents: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="341" />
            <source>инвентаризаций: {0}</source>
            <translation>stock-takings: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/locations.py" line="343" />
            <source>потребностей закупок: {0}</source>
            <translation>procurement needs: {0}</translation>
        </message>
    </context>
    <context>
        <name>Navigation</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/__init__.py" line="+36" />
            <source>Инвентарь</source>
            <translation>Inventory</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Аккредитация</source>
            <translation>Accreditation</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Расписание</source>
            <translation>Timetable</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Закупки</source>
            <translation>Procurement</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Отчёты</source>
            <translation>Reports</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Кластер</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Справочники</source>
            <translation>Reference data</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Журнал</source>
            <translation>Journal</translation>
        </message>
    </context>
    <context>
        <name>Page</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="+238" />
            <source>Записей: {0}</source>
            <translation>Records: {0}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Ничего не найдено по запросу «{0}».</source>
            <translation>Nothing found for “{0}”.</translation>
        </message>
        <message>
            <location line="+94" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Удалить {0}?</source>
            <translation>Delete {0}?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="42" />
            <source>Нет записей. Добавьте (Ctrl+N) или импортируйте из Excel.</source>
            <translation>No records. Add one (Ctrl+N) or import from Excel.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="43" />
            <source>Поиск (Ctrl+F)…</source>
            <translation>Search (Ctrl+F)…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="50" />
            <source>Создать</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="51" />
            <source>Изменить</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="52" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="53" />
            <source>Импорт</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="54" />
            <source>Экспорт</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="55" />
            <source>Печать</source>
            <translation>Print</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/base.py" line="56" />
            <source>Обновить</source>
            <translation>Refresh</translation>
        </message>
    </context>
    <context>
        <name>Procurement</name>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement_inn.py" line="+42" />
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
            <location filename="../../chemcluster_desktop/services/procurement.py" line="327" />
            <source>Количество</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="386" />
            <source>Код</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="387" />
            <source>Наименование</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="388" />
            <source>Лимит</source>
            <translation>Limit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="409" />
            <source>Источник финансирования</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="542" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="584" />
            <source>Строка чек-листа</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="705" />
            <source>Потребность</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="713" />
            <source>Цена за единицу</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="911" />
            <source>Итого по проекту</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="954" />
            <source>Предмет закупки</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1256" />
            <source>Строка плана-графика</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1257" />
            <source>Номер контракта</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1260" />
            <source>Поставщик</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1261" />
            <source>Цена контракта</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1320" />
            <source>Этап оплаты</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1425" />
            <source>Контракт</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1489" />
            <source>Поставка</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="390" />
            <source>Лимит не может быть отрицательным.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="546" />
            <source>Код ОКПД2 — цифры через точку, например 26.51.53.140.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="550" />
            <source>Закон закупки: 44-ФЗ или 223-ФЗ.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="553" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="553" />
            <source>Мастерская</source>
            <translation>Workshop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="592" />
            <source>Закрывает пробел в инфраструктурном листе ({0}): позиция № {1} «{2}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="715" />
            <source>Укажите дату коммерческого предложения.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="724" />
            <source>Укажите поставщика, приславшего предложение.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="768" />
            <source>Коммерческое предложение</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="956" />
            <source>Выберите хотя бы одну потребность для строки плана-графика.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="962" />
            <source>Квартал — число от 1 до 4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1058" />
            <source>Зарегистрируйте контракт по этой строке (кнопка «Контракт заключён» открывает его форму).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1062" />
            <source>Зарегистрируйте поставку по контракту этой строки.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1066" />
            <source>Примите поставку: при приёмке оборудование ставится на учёт.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1071" />
            <source>Есть непринятые поставки: примите их, чтобы поставить оборудование на учёт.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1090" />
            <source>никакой (строка закрыта)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1259" />
            <source>Укажите дату контракта.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1308" />
            <source>Сумма этапа оплаты</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1427" />
            <source>Укажите дату поставки.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1432" />
            <source>В поставке нет ни одной строки: укажите, что и сколько поставлено.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1435" />
            <source>Поставку можно зарегистрировать только по заключённому контракту.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1025" />
            <source>Добавлять потребности можно только в строку в статусе «В плане».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1039" />
            <source>Исключать потребности можно только из строки в статусе «В плане».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1041" />
            <source>В строке плана должна остаться хотя бы одна потребность; отмените строку, если закупка не нужна.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1239" />
            <source>Оплата по факту поставки</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1504" />
            <source>Поставлено по контракту № {0} от {1} ({2}), накладная {3}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="304" />
            <source>Сумма «{0}» передана как число с плавающей точкой; нужна десятичная запись.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="315" />
            <source>{0}: введите сумму числом, например 125 000,50.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="318" />
            <source>{0}: не больше двух знаков после запятой (копейки).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="321" />
            <source>{0} должна быть больше нуля (введено {1}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="335" />
            <source>{0}: введите число.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="337" />
            <source>{0} должно быть больше нуля.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="339" />
            <source>{0}: не больше трёх знаков после запятой.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="347" />
            <source>Заполните поле «{0}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="349" />
            <source>Поле «{0}» слишком длинное: не больше {1} знаков.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="369" />
            <source>{0} с номером {1} не найден(а). Обновите список (F5).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="392" />
            <source>Грант «Профессионалитет» не может превышать {0} ₽ (введено {1} ₽).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="396" />
            <source>Источник с кодом «{0}» уже есть.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="401" />
            <source>Сумма лимитов всех источников ({0} ₽) превысит стоимость проекта {1} ₽. Уменьшите лимит до {2} ₽ или меньше.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="413" />
            <source>Лимит {0} ₽ меньше уже распределённой по источнику суммы {1} ₽.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="448" />
            <source>Адрес электронной почты «{0}» записан неверно.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="452" />
            <source>Поставщик с ИНН {0} уже есть: «{1}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="587" />
            <source>По этой строке чек-листа уже есть потребность № {0} «{1}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="707" />
            <source>Цена по потребности «{0}» уже обоснована (статус «{1}»): коммерческие предложения менять нельзя.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="717" />
            <source>Дата предложения {0} ещё не наступила.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="857" />
            <source>Превышен лимит источника «{0}»: лимит {1} ₽, уже распределено {2} ₽, добавляется {3} ₽ — не хватает {4} ₽. Уменьшите сумму, выберите другой источник или увеличьте лимит.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1011" />
            <source>По строке уже заключён контракт: источник финансирования менять нельзя.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1091" />
            <source>Строка {0} в статусе «{1}»: шаг «{2}» сейчас невозможен. Допустимый следующий шаг: {3}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1096" />
            <source>Шаг «{0}» по строке {1} пока невозможен: {2}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1101" />
            <source>Дата шага {0} раньше даты предыдущего шага {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1227" />
            <source>Источник финансирования «{0}» не найден. Есть: {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1249" />
            <source>Сумма этапов оплаты {0} ₽ больше цены контракта {1} ₽.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1263" />
            <source>Контракт по строке {0} можно заключить только после определения поставщика (сейчас статус «{1}»).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1267" />
            <source>Контракт № {0} с поставщиком «{1}» уже зарегистрирован.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1271" />
            <source>Цена контракта {0} ₽ больше НМЦК строки плана {1} ₽: так быть не может.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1287" />
            <source>Контракт № {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1322" />
            <source>Этап оплаты уже отмечен оплаченным {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1429" />
            <source>Дата поставки {0} раньше даты контракта {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1449" />
            <source>Количество в строке {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1452" />
            <source>Цена в строке {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1465" />
            <source>Поставка больше контракта: сумма поставок составит {0} ₽ при цене контракта {1} ₽.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1491" />
            <source>Поставка по накладной {0} уже принята {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1524" />
            <source>Принято по накладной {0}: {1} ед.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="488" />
            <source>Поставщика «{0}» удалить нельзя: с ним заключены контракты.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="611" />
            <source>Потребность «{0}» уже прошла обоснование цены (статус «{1}»): её нельзя изменить.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="630" />
            <source>Потребность «{0}» включена в план-график: сначала исключите её из строки плана.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="939" />
            <source>Потребность «{0}» уже включена в строку плана {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="942" />
            <source>Потребность «{0}» в статусе «{1}» нельзя включить в план.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1037" />
            <source>Потребность «{0}» не входит в строку {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1054" />
            <source>«{0}»: {1}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1311" />
            <source>Этапы оплаты составят {0} ₽ — больше цены контракта {1} ₽.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1447" />
            <source>Строка {0}: «{1}» не входит в контракт № {2}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1455" />
            <source>Поставка больше контракта: по «{0}» законтрактовано {1} {2}, уже поставлено {3}, в этой поставке {4}. Уменьшите количество до {5}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1470" />
            <source>Накладная {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1500" />
            <source>Для «{0}» не указано помещение: укажите его в потребности, чтобы поставить оборудование на учёт.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1531" />
            <source>Поставлено на учёт: {0} ед.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement.py" line="1246" />
            <source>Сумма этапа оплаты {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement_nmck.py" line="148" />
            <source>Количество в потребности должно быть больше нуля.</source>
            <translation>The quantity of a need must be greater than zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement_nmck.py" line="151" />
            <source>Нет коммерческих предложений: нужно не меньше трёх.</source>
            <translation>No commercial offers: at least three are needed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement_nmck.py" line="145" />
            <source>Цена в предложении № {0} ({1}) должна быть больше нуля.</source>
            <translation>The price in offer No. {0} ({1}) must be above zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement_nmck.py" line="162" />
            <source>Предложений {0}, а для обоснования НМЦК методом сопоставимых рыночных цен нужно не меньше трёх. Добавьте коммерческие предложения.</source>
            <translation>There are {0} offers, but the comparable market prices method needs at least three. Add commercial offers.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement_nmck.py" line="172" />
            <source>Коэффициент вариации {0} % больше 33 %: цены неоднородны, обоснование отклонено. Сильнее всего расходятся с остальными: {1}. Замените эти предложения или запросите дополнительные.</source>
            <translation>The coefficient of variation {0} % exceeds 33 %: prices are not homogeneous, the justification is rejected. Furthest from the rest: {1}. Replace these offers or request more.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement_nmck.py" line="178" />
            <source>Предложения № {0} старше шести месяцев: запросите актуальные цены.</source>
            <translation>Offers No. {0} are older than six months: request current prices.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/procurement_nmck.py" line="169" />
            <source>№ {0} «{1}» — {2} ₽ ({3} % от средней)</source>
            <translation>No. {0} “{1}” — {2} ₽ ({3} % of the mean)</translation>
        </message>
    </context>
    <context>
        <name>Reference</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="+47" />
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
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="294" />
            <source>Справочники</source>
            <translation>Reference data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="297" />
            <source>Нет помещений. Добавьте помещение (Ctrl+N) — к нему привязываются инвентарь и мастерские.</source>
            <translation>No rooms. Add a room (Ctrl+N): inventory and workshops are placed in rooms.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="300" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="301" />
            <source>Здание</source>
            <translation>Building</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="302" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="303" />
            <source>Площадь, м²</source>
            <translation>Area, m²</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="304" />
            <source>Ответственный (МОЛ)</source>
            <translation>Responsible (custodian)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="73" />
            <source>— без здания —</source>
            <translation>— no building —</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="82" />
            <source>например 72,5</source>
            <translation>e.g. 72.5</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="87" />
            <source>Фамилия И. О.</source>
            <translation>Surname I. O.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="91" />
            <source>Название *</source>
            <translation>Name *</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="98" />
            <source>Примечание</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="103" />
            <source>Сохранить</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="104" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="179" />
            <source>Здания</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="193" />
            <source>Добавить…</source>
            <translation>Add…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="194" />
            <source>Изменить…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="195" />
            <source>Удалить</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="203" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="237" />
            <source>Адрес</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="266" />
            <source>Новое здание</source>
            <translation>New building</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="373" />
            <source>Все здания</source>
            <translation>All buildings</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="381" />
            <source>Все виды</source>
            <translation>All kinds</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="126" />
            <source>Укажите название помещения.</source>
            <translation>Enter the room name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="137" />
            <source>Площадь — положительное число, например 72,5.</source>
            <translation>Area is a positive number, e.g. 72.5.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="183" />
            <source>Название</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="183" />
            <source>Помещений</source>
            <translation>Rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="277" />
            <source>Удаление</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="395" />
            <source>Здания и помещения</source>
            <translation>Buildings and rooms</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="398" />
            <source>Здание:</source>
            <translation>Building:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="399" />
            <source>Вид:</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="400" />
            <source>Здания…</source>
            <translation>Buildings…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="401" />
            <source>Список зданий: добавить, переименовать, удалить</source>
            <translation>Buildings: add, rename, delete</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="284" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="397" />
            <source>Пользователи</source>
            <translation>Users</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="62" />
            <source>Помещение: {0}</source>
            <translation>Room: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="271" />
            <source>Здание: {0}</source>
            <translation>Building: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="277" />
            <source>Удалить здание «{0}»?</source>
            <translation>Delete building “{0}”?</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/pages/reference.py" line="445" />
            <source>помещение «{0}»</source>
            <translation>room “{0}”</translation>
        </message>
    </context>
    <context>
        <name>Reports</name>
        <message>
            <location filename="../../chemcluster_desktop/services/printing.py" line="+77" />
            <source>Отчёт «{0}» не принимает фильтр {1}.</source>
            <translation>Report “{0}” does not accept filter {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="66" />
            <source>Отчёт о достижении показателей кластера «Химический потенциал»</source>
            <translation>Report on the indicators of the “Chemical Potential” cluster</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="75" />
            <source>1. Показатели результативности проекта</source>
            <translation>1. Project performance indicators</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="97" />
            <source>№</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="97" />
            <source>Показатель</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="97" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="97" />
            <source>Плановое значение</source>
            <translation>Target value</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="97" />
            <source>Срок</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="98" />
            <source>Предыдущий период</source>
            <translation>Previous period</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="98" />
            <source>Факт</source>
            <translation>Actual</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="98" />
            <source>% от плана</source>
            <translation>% of plan</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="98" />
            <source>Комментарий</source>
            <translation>Comment</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="100" />
            <source>* — значение рассчитано программой по данным разделов (реестр кластера, аккредитация, закупки, расписание) на дату формирования отчёта.</source>
            <translation>* — value calculated by the program from the sections' data (cluster register, accreditation, procurement, timetable) on the date of the report.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="106" />
            <source>2. Участники кластера</source>
            <translation>2. Cluster participants</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="108" />
            <source>Участник</source>
            <translation>Participant</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="108" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="108" />
            <source>Соглашение</source>
            <translation>Agreement</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="111" />
            <source>3. Направления обучения</source>
            <translation>3. Training directions</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="114" />
            <source>Код</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="114" />
            <source>Специальность / профессия</source>
            <translation>Specialty / trade</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="114" />
            <source>Уровень</source>
            <translation>Level</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="114" />
            <source>Мест в год</source>
            <translation>Places per year</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="118" />
            <source>4. Финансирование по источникам, ₽</source>
            <translation>4. Funding by source, ₽</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="122" />
            <source>Итого</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="123" />
            <source>Источник</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="123" />
            <source>Лимит</source>
            <translation>Limit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="123" />
            <source>План (НМЦК)</source>
            <translation>Plan (initial maximum price)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="123" />
            <source>Законтрактовано</source>
            <translation>Contracted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="124" />
            <source>Оплачено</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="68" />
            <source>Отчётный период: {0}</source>
            <translation>Reporting period: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="71" />
            <source>Директор</source>
            <translation>Director</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/kpi.py" line="103" />
            <source>Достигнуто плановых значений: {0} из {1}.</source>
            <translation>Targets reached: {0} of {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/styles.py" line="228" />
            <source>(подпись)</source>
            <translation>(signature)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/styles.py" line="289" />
            <source>Сформировано {0} · ChemCluster Desktop</source>
            <translation>Generated {0} · ChemCluster Desktop</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/reports/styles.py" line="290" />
            <source>стр. {0} из {1}</source>
            <translation>page {0} of {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_kpi.py" line="61" />
            <source>последние данные на {0}</source>
            <translation>latest data as of {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/report_kpi.py" line="48" />
            <source> от {0}</source>
            <translation> of {0}</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <location filename="../../chemcluster_desktop/services/security.py" line="+39" />
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
        <name>Security</name>
        <message>
            <location line="+19" />
            <source>У пользователя «{0}» ({1}) нет права на это действие. Обратитесь к администратору.</source>
            <translation>User “{0}” ({1}) has no right to do this. Ask your administrator.</translation>
        </message>
        <message>
            <location line="+56" />
            <location line="+145" />
            <location line="+40" />
            <location line="+13" />
            <source>Пользователь «{0}» не найден.</source>
            <translation>User “{0}” not found.</translation>
        </message>
        <message>
            <location line="-174" />
            <source>Слишком много неудачных попыток входа. Подождите {0} с и попробуйте снова.</source>
            <translation>Too many failed log-in attempts. Wait {0} s and try again.</translation>
        </message>
        <message>
            <location line="+36" />
            <location line="+26" />
            <source>Неверный логин или пароль.</source>
            <translation>Wrong login or password.</translation>
        </message>
        <message>
            <location line="+7" />
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
            <location line="+12" />
            <source>Пользователь «{0}» уже есть.</source>
            <translation>User “{0}” already exists.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Нельзя отключить или понизить единственного администратора: сначала назначьте другого.</source>
            <translation>The only administrator cannot be disabled or demoted: appoint another one first.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Нельзя отключить самого себя.</source>
            <translation>You cannot disable yourself.</translation>
        </message>
        <message>
            <location line="+33" />
            <source>Текущий пароль указан неверно.</source>
            <translation>The current password is wrong.</translation>
        </message>
    </context>
    <context>
        <name>Cli</name>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="42" />
            <source>ChemCluster Desktop: инвентарь, аккредитация, расписание, закупки и отчёты кластера «Химический потенциал». Без команды открывает окно программы.</source>
            <translation>ChemCluster Desktop: inventory, accreditation, timetable, procurement and reports of the “Chemical Potential” cluster. Without a command it opens the program window.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="46" />
            <source>файл SQLite или адрес SQLAlchemy (postgresql+psycopg://…); по умолчанию $CHEMCLUSTER_DB или файл в папке данных пользователя</source>
            <translation>SQLite file or SQLAlchemy URL (postgresql+psycopg://…); default $CHEMCLUSTER_DB or a file in the user's data folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="48" />
            <source>язык интерфейса (ru по умолчанию)</source>
            <translation>interface language (ru by default)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="49" />
            <source>логин пользователя (или $CHEMCLUSTER_USER); пароль из $CHEMCLUSTER_PASSWORD или запрашивается</source>
            <translation>user login (or $CHEMCLUSTER_USER); password from $CHEMCLUSTER_PASSWORD or asked for</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="53" />
            <source>создать базу данных или обновить её схему</source>
            <translation>create the database or upgrade its schema</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="55" />
            <source>загрузить демо-данные в пустую базу</source>
            <translation>load demo data into an empty database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="57" />
            <source>проверка целостности и схемы базы</source>
            <translation>integrity and schema check of the database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="60" />
            <source>количество записей каждого вида</source>
            <translation>counts of every kind of record</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="63" />
            <source>согласованная копия базы данных</source>
            <translation>consistent copy of the database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="66" />
            <source>заменить базу резервной копией (старая сохраняется)</source>
            <translation>replace the database with a backup (keeps the old one)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="69" />
            <source>пользователи</source>
            <translation>users</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="71" />
            <source>добавить пользователя</source>
            <translation>add a user</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="76" />
            <source>взять пароль нового пользователя из переменной окружения VAR</source>
            <translation>take the new user's password from environment variable VAR</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="78" />
            <source>список пользователей</source>
            <translation>list users</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="81" />
            <source>задать пароль пользователя</source>
            <translation>set a user's password</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="114" />
            <source>без входа</source>
            <translation>not logged in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="153" />
            <source>прервано</source>
            <translation>interrupted</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="166" />
            <source>База данных готова: {0} (схема {1})</source>
            <translation>Database ready: {0} (schema {1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="174" />
            <source>Демо-данные загружены: {0} позиций инвентаря, {1} мастерских, {2} школ, {3} потребностей.</source>
            <translation>Demo data loaded: {0} inventory items, {1} workshops, {2} schools, {3} needs.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="191" />
            <source>Проверка пройдена.</source>
            <translation>Check passed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="212" />
            <source>Резервная копия записана и проверена: {0}</source>
            <translation>Backup written and verified: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="221" />
            <source>База восстановлена из «{0}». Прежняя база сохранена: {1}</source>
            <translation>The database was restored from “{0}”. The previous database was kept: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="230" />
            <source>Пользователь «{0}» добавлен (роль {1}, id {2}).</source>
            <translation>User “{0}” added (role {1}, id {2}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="254" />
            <source>Пароль пользователя «{0}» изменён.</source>
            <translation>Password of user “{0}” changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="186" />
            <source>База данных: {0} ({1})</source>
            <translation>Database: {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="187" />
            <source>Схема: {0} (актуальная {1})</source>
            <translation>Schema: {0} (current {1})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="188" />
            <source>Целостность: {0}</source>
            <translation>Integrity: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="252" />
            <source>Новый пароль для {0}: </source>
            <translation>New password for {0}: </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="150" />
            <source>строка</source>
            <translation>row</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="191" />
            <source>Найдены проблемы: {0}.</source>
            <translation>Problems found: {0}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="109" />
            <source>Пароль для {0}: </source>
            <translation>Password for {0}: </translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/cli.py" line="108" />
            <source>Нужен пароль пользователя «{0}»: задайте CHEMCLUSTER_PASSWORD.</source>
            <translation>User “{0}” needs a password: set CHEMCLUSTER_PASSWORD.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="21" />
            <source>кластер: показатели, сводка, участники, направления</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="24" />
            <source>показатели проекта</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="26" />
            <source>показатели с плановыми и фактическими значениями</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="27" />
            <source>отчётный период (год, например 2025, или квартал 2025-Q3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="30" />
            <source>ввести фактическое значение показателя за период</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="36" />
            <source>удалить значение показателя за период</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="41" />
            <source>сводка кластера: показатели, готовность мастерских, бюджет</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="44" />
            <source>участники кластера</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="47" />
            <source>направления обучения</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="86" />
            <source>Показатель «{0}» за {1}: {2} {3} (план {4}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="95" />
            <source>Значение показателя «{0}» за {1} удалено.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="117" />
            <source>Охват учащихся 8-х классов: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="112" />
            <source>Мастерских готово к аккредитации: {0} из {1}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/cluster.py" line="115" />
            <source>Бюджет: лимит {0} ₽, законтрактовано {1} ₽, оплачено {2} ₽</source>
            <translation type="unfinished" />
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
            <location filename="../../chemcluster_desktop/commands/reports.py" line="54" />
            <source>{0}: {1} (страниц: {2})</source>
            <translation>{0}: {1} (pages: {2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="39" />
            <source>Папка «{0}» не существует: укажите существующую папку для файла PDF.</source>
            <translation>Folder “{0}” does not exist: choose an existing folder for the PDF file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="42" />
            <source>В папку «{0}» нельзя записать файл: нет прав.</source>
            <translation>Cannot write to folder “{0}”: no permission.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="48" />
            <source>Документ «{0}» пока недоступен в этой версии программы ({1}).</source>
            <translation>Document “{0}” is not available in this version of the program yet ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/commands/reports.py" line="53" />
            <source>Не удалось записать файл «{0}»: {1}</source>
            <translation>Could not write file “{0}”: {1}</translation>
        </message>
    </context>
    <context>
        <name>Backup</name>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="191" />
            <source>Для резервной копии базы PostgreSQL нужна программа pg_dump. Установите клиент PostgreSQL или сделайте копию средствами сервера.</source>
            <translation>Backing up a PostgreSQL database needs pg_dump. Install the PostgreSQL client or back up on the server.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="307" />
            <source>Восстановление базы PostgreSQL выполняется на сервере: pg_restore --clean -d БАЗА ФАЙЛ.pgdump (см. docs/trust.md).</source>
            <translation>A PostgreSQL database is restored on the server: pg_restore --clean -d DATABASE FILE.pgdump (see docs/trust.md).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="348" />
            <source>Восстановление базы PostgreSQL выполняется на сервере.</source>
            <translation>A PostgreSQL database is restored on the server.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="120" />
            <source>Резервная копия «{0}» не прошла проверку целостности: {1}</source>
            <translation>Backup “{0}” failed the integrity check: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="198" />
            <source>pg_dump завершился с ошибкой: {0}</source>
            <translation>pg_dump failed: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="215" />
            <source>Резервная копия «{0}» не прошла проверку: {1}</source>
            <translation>Backup “{0}” failed the check: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="310" />
            <source>Файл резервной копии «{0}» не найден.</source>
            <translation>Backup file “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="116" />
            <source>Резервная копия «{0}» не читается: {1}</source>
            <translation>Backup “{0}” cannot be read: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="209" />
            <source>Файл «{0}» не является копией pg_dump.</source>
            <translation>File “{0}” is not a pg_dump archive.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/backup.py" line="108" />
            <source>Файл «{0}» не является резервной копией базы ChemCluster.</source>
            <translation>File “{0}” is not a ChemCluster backup.</translation>
        </message>
    </context>
    <context>
        <name>Cluster</name>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="67" />
            <source>Колледж (базовая организация)</source>
            <translation>College (lead organisation)</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="68" />
            <source>Предприятие</source>
            <translation>Enterprise</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="69" />
            <source>Школа</source>
            <translation>School</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="70" />
            <source>Центр занятости</source>
            <translation>Employment centre</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="71" />
            <source>Орган власти</source>
            <translation>Authority</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="76" />
            <source>Специальность</source>
            <translation>Specialty</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="76" />
            <source>Профессия</source>
            <translation>Trade</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="91" />
            <source>Укажите отчётный период: год (например, 2025) или квартал (2025-Q3).</source>
            <translation>Give the reporting period: a year (e.g. 2025) or a quarter (2025-Q3).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="465" />
            <source>Комментарий слишком длинный (больше 2000 символов).</source>
            <translation>The comment is too long (over 2000 characters).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="500" />
            <source>Укажите наименование показателя.</source>
            <translation>Enter the indicator name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="516" />
            <source>Код показателя — латинские строчные буквы, цифры и «_» (до 40 символов).</source>
            <translation>An indicator code is lowercase Latin letters, digits and “_” (up to 40 characters).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="270" />
            <source>Нет источников финансирования.</source>
            <translation>No funding sources.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="442" />
            <source>Показатель «{0}» не найден. Список показателей: «chemcluster cluster kpi list».</source>
            <translation>Indicator “{0}” not found. List of indicators: “chemcluster cluster kpi list”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="506" />
            <source>Показатель не найден (возможно, удалён). Обновите список (F5).</source>
            <translation>Indicator not found (perhaps deleted). Refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="681" />
            <source>Участник не найден (возможно, удалён). Обновите список (F5).</source>
            <translation>Participant not found (perhaps deleted). Refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="689" />
            <source>Укажите наименование участника.</source>
            <translation>Enter the participant name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="694" />
            <source>Выберите вид участника: колледж, предприятие, школа, центр занятости или орган власти.</source>
            <translation>Choose the participant kind: college, enterprise, school, employment centre or authority.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="713" />
            <source>Дата соглашения в далёком будущем: проверьте год.</source>
            <translation>The agreement date is far in the future: check the year.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="803" />
            <source>Направление не найдено (возможно, удалено). Обновите список (F5).</source>
            <translation>Direction not found (perhaps deleted). Refresh the list (F5).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="817" />
            <source>Укажите наименование направления.</source>
            <translation>Enter the direction name.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="820" />
            <source>Уровень — специальность или профессия.</source>
            <translation>Level is a specialty or a trade.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="96" />
            <source>Период «{0}» не существует: укажите год (например, 2025) или квартал (2025-Q3).</source>
            <translation>Period “{0}” does not exist: give a year (e.g. 2025) or a quarter (2025-Q3).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="101" />
            <source>Период «{0}» не существует: проект охватывает {1}–{2} годы.</source>
            <translation>Period “{0}” does not exist: the project covers {1}–{2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="140" />
            <source>Показатель {0}: значение — не число.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="142" />
            <source>Показатель {0}: значение не может быть отрицательным (введено {1}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="146" />
            <source>Показатель {0} — доля в процентах: значение не может быть больше 100 (введено {1}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="149" />
            <source>Показатель {0}: значение слишком велико.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="214" />
            <source>Раздел «Аккредитация» ещё не даёт данных о готовности мастерских.</source>
            <translation>The Accreditation section does not provide workshop readiness data yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="454" />
            <source>Показатель «{0}» не найден. Есть показатели: {1}.</source>
            <translation>Indicator “{0}” not found. Indicators: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="562" />
            <source>рассчитано программой: {0}</source>
            <translation>calculated by the program: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="691" />
            <source>Наименование длиннее 300 символов.</source>
            <translation>The name is longer than 300 characters.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="132" />
            <source>Показатель {0}: введите значение.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="490" />
            <source>У показателя «{0}» нет значения за период {1}.</source>
            <translation>Indicator “{0}” has no value for period {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="525" />
            <source>Показатель с кодом «{0}» уже есть.</source>
            <translation>An indicator with code “{0}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="698" />
            <source>ИНН — 10 цифр (организация) или 12 цифр (ИП); введено «{0}».</source>
            <translation>INN is 10 digits (organisation) or 12 digits (sole trader); entered “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="728" />
            <source>Участник «{0}» уже есть в реестре.</source>
            <translation>Participant “{0}” is already in the register.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="814" />
            <source>Код специальности или профессии — вида 18.02.12 (введено «{0}»).</source>
            <translation>A specialty or trade code looks like 18.02.12 (entered “{0}”).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="843" />
            <source>Направление {0} «{1}» уже есть.</source>
            <translation>Direction {0} “{1}” already exists.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="137" />
            <source>Показатель {0}: «{1}» — не число. Введите число, например 1250 или 84,5.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="324" />
            <source>Раздел «Расписание» ещё не даёт данных об охвате школьников.</source>
            <translation>The Timetable section does not provide school pupil coverage data yet.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="827" />
            <source>Мест в год — целое число от 0 до 10 000 (введено «{0}»).</source>
            <translation>Places per year is a whole number from 0 to 10,000 (entered “{0}”).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/cluster.py" line="707" />
            <source>Дата соглашения «{0}» не распознана: введите ДД.ММ.ГГГГ.</source>
            <translation>Agreement date “{0}” not recognised: enter DD.MM.YYYY.</translation>
        </message>
    </context>
    <context>
        <name>Database</name>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="106" />
            <source>«{0}» — это папка, а не файл базы данных.</source>
            <translation>“{0}” is a folder, not a database file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="109" />
            <source>Нет прав на чтение файла базы данных «{0}».</source>
            <translation>No permission to read database file “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="115" />
            <source>Файл «{0}» не является базой данных ChemCluster (повреждён или это другой файл). Восстановите базу из резервной копии.</source>
            <translation>File “{0}” is not a ChemCluster database (damaged or a different file). Restore the database from a backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="119" />
            <source>Файл базы данных «{0}» или его папка доступны только для чтения. Скопируйте базу в папку, куда можно писать, или измените права.</source>
            <translation>Database file “{0}” or its folder is read-only. Copy the database to a writable folder or change the permissions.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="185" />
            <source>База данных «{0}» занята другой программой. Закройте её и попробуйте снова.</source>
            <translation>Database “{0}” is in use by another program. Close it and try again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="288" />
            <source>База данных занята другой программой слишком долго; изменения не сохранены. Повторите действие через минуту.</source>
            <translation>The database was busy in another program for too long; changes were not saved. Try again in a minute.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="102" />
            <source>Папка «{0}» недоступна для записи: базу данных создать нельзя. Укажите другую папку (--db).</source>
            <translation>Folder “{0}” is not writable: the database cannot be created. Choose another folder (--db).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="141" />
            <source>Неверный адрес базы данных «{0}». Укажите путь к файлу SQLite или адрес вида postgresql+psycopg://пользователь:пароль@сервер/база.</source>
            <translation>Invalid database address “{0}”. Give a path to an SQLite file or an address like postgresql+psycopg://user:password@server/database.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="179" />
            <source>База данных создана более новой версией программы (схема {0}). Обновите ChemCluster Desktop; база не изменена.</source>
            <translation>The database was created by a newer version of the program (schema {0}). Update ChemCluster Desktop; the database was not changed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="187" />
            <source>База данных «{0}» повреждена. Восстановите её из последней резервной копии.</source>
            <translation>Database “{0}” is damaged. Restore it from the latest backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="98" />
            <source>Не удаётся создать папку для базы данных «{0}»: {1}. Укажите другую папку (--db).</source>
            <translation>Cannot create the database folder “{0}”: {1}. Choose another folder (--db).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="153" />
            <source>База данных «{0}» повреждена ({1}). Восстановите её из последней резервной копии.</source>
            <translation>Database “{0}” is damaged ({1}). Restore it from the latest backup.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="189" />
            <source>База данных «{0}» доступна только для чтения.</source>
            <translation>Database “{0}” is read-only.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="191" />
            <source>Не удаётся подключиться к серверу базы данных «{0}». Проверьте адрес, пароль и что сервер запущен.</source>
            <translation>Cannot connect to database server “{0}”. Check the address, the password and that the server is running.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/context.py" line="194" />
            <source>Не удаётся открыть базу данных «{0}».</source>
            <translation>Cannot open database “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="110" />
            <source>Схема базы {0}, ожидается {1}: выполните «chemcluster init».</source>
            <translation>Database schema {0}, expected {1}: run “chemcluster init”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="122" />
            <source>Отрицательный остаток у {0} позиций инвентаря.</source>
            <translation>Negative stock for {0} inventory items.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="125" />
            <source>Отрицательное количество в {0} тарах реактивов.</source>
            <translation>Negative quantity in {0} reagent containers.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="103" />
            <source>Целостность файла: {0}</source>
            <translation>File integrity: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="106" />
            <source>Нарушена ссылка: таблица {0}, строка {1} → {2}</source>
            <translation>Broken reference: table {0}, row {1} → {2}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/database.py" line="116" />
            <source>Схема расходится с программой: {0}</source>
            <translation>Schema differs from the program: {0}</translation>
        </message>
    </context>
    <context>
        <name>Inventory</name>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="573" />
            <source>Количество в таре</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="577" />
            <source>Дата получения</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="577" />
            <source>Дата вскрытия</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="578" />
            <source>Срок годности</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="736" />
            <source>Дата документа</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="310" />
            <source>Укажите наименование.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="316" />
            <source>Инвентарный номер длиннее 64 знаков.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="330" />
            <source>Стоимость</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="330" />
            <source>Количество</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="331" />
            <source>Минимальный остаток</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="354" />
            <source>Дата ввода в эксплуатацию</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="591" />
            <source>Тару нельзя вскрыть раньше, чем её получили.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="685" />
            <source>Инвентарные номера повторяются в поставке.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="740" />
            <source>Выберите хотя бы одну позицию.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="742" />
            <source>Укажите помещение, куда перемещаются позиции.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="744" />
            <source>Укажите, кому выдаются позиции.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="746" />
            <source>Укажите причину списания.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="312" />
            <source>Наименование длиннее 300 знаков.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="341" />
            <source>Оборудование и мебель учитываются поштучно: количество 1 (для нескольких одинаковых предметов заведите отдельные карточки).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="447" />
            <source>Постановка на учёт</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="469" />
            <source>Позиция списана; вернуть её в работу можно только новой постановкой на учёт.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="472" />
            <source>Чтобы списать позицию, оформите документ «Списание» с причиной.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="476" />
            <source>У позиции есть тары реактива: вид изменить нельзя.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="629" />
            <source>Тару можно добавить только к реактиву.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="702" />
            <source>Поступление по поставке</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="755" />
            <source>Количество должно быть больше нуля.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="140" />
            <source>Номер CAS «{0}» неверен: нужен вид 7647-01-0 с верной контрольной цифрой.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="186" />
            <source>Поле «{0}» обязательно.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="198" />
            <source>«{0}»: «{1}» — не число.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="200" />
            <source>«{0}» не может быть отрицательным.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="202" />
            <source>«{0}»: слишком большое значение.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="208" />
            <source>«{0}»: дата {1} ещё не наступила.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="306" />
            <source>Неизвестный вид позиции «{0}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="328" />
            <source>Неизвестное состояние «{0}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="388" />
            <source>Помещение не найдено (id {0}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="398" />
            <source>Инвентарный номер «{0}» уже есть у другой позиции. Укажите другой номер или оставьте поле пустым — номер будет присвоен автоматически.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="734" />
            <source>Неизвестный вид движения «{0}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="157" />
            <source>Пиктограмма «{0}» неизвестна: допустимы GHS01–GHS09.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="174" />
            <source>Фраза опасности «{0}» записана неверно: нужен вид H225, H319.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="322" />
            <source>Значение длиннее {0} знаков.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="378" />
            <source>Неизвестная группа хранения «{0}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="461" />
            <source>Позиция не найдена (id {0}): возможно, её удалили.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="496" />
            <source>Позиция не найдена (id {0}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="501" />
            <source>У позиции «{0}» уже есть движения или инвентаризации: удалить её нельзя, оформите списание.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="643" />
            <source>Тара не найдена (id {0}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="689" />
            <source>Инвентарный номер «{0}» уже есть в инвентаре.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="1008" />
            <source> (партия {0})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="350" />
            <source>Дата ввода в эксплуатацию «{0}» не распознана: нужен вид 26.11.2026.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="769" />
            <source>Позиция «{0}» списана: движения по ней невозможны.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="774" />
            <source>«{0}» учитывается целиком: количество {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="845" />
            <source>Остаток «{0}» стал бы отрицательным.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="997" />
            <source>Мало на складе: «{0}» — {1} {2} при минимуме {3}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="585" />
            <source>«{0}»: «{1}» — не дата (нужен вид 26.11.2026).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="1010" />
            <source>Просрочен реактив «{0}»{1}: срок годности истёк {2}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="1013" />
            <source>Истекает срок годности «{0}»{1}: до {2}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="784" />
            <source>«{0}» уже находится в этом помещении.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="786" />
            <source>Нельзя переместить {0} {1} «{2}»: в наличии только {3}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="1038" />
            <source>Несовместимое хранение в «{0}»: «{1}» ({2}) и «{3}» ({4}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="811" />
            <source>Нельзя выдать {0} {1} «{2}»: в наличии только {3}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="816" />
            <source>«{0}» уже выдано: {1}. Сначала оформите возврат.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="824" />
            <source>«{0}» не выдавалось: возвращать нечего.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/inventory.py" line="834" />
            <source>Нельзя списать {0} {1} «{2}»: в наличии только {3}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Schedule</name>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="73" />
            <source>Понедельник</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="73" />
            <source>Вторник</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="73" />
            <source>Среда</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="73" />
            <source>Четверг</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="73" />
            <source>Пятница</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="73" />
            <source>Суббота</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="74" />
            <source>Воскресенье</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="72" />
            <source>Пн</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="72" />
            <source>Вт</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="72" />
            <source>Ср</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="72" />
            <source>Чт</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="72" />
            <source>Пт</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="72" />
            <source>Сб</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="72" />
            <source>Вс</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="141" />
            <source>Дни недели задаются числами 0 (понедельник) … 6 (воскресенье).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="563" />
            <source>Нет ни одного учебного периода: добавьте его на вкладке «Учебный год».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="753" />
            <source>Не задано время звонков: добавьте уроки на вкладке «Учебный год».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="948" />
            <source>Занятие не найдено (возможно, его удалили или перегенерировали).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="150" />
            <source>Отметьте хотя бы один день недели.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="212" />
            <source>Школа не найдена (возможно, её удалили).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="250" />
            <source>Выберите школу.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="273" />
            <source>Класс не найден (возможно, его удалили).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="333" />
            <source>Преподаватель не найден (возможно, его удалили).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="394" />
            <source>Модуль не найден (возможно, его удалили).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="415" />
            <source>Мастерская не найдена.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="462" />
            <source>Учебный период не найден.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="483" />
            <source>Каникулы не найдены.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="535" />
            <source>Урок не найден.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="578" />
            <source>Учебный период «{0}» не найден. Есть: {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="619" />
            <source>Выберите модуль.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="629" />
            <source>Строка нагрузки не найдена.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="117" />
            <source>Заполните поле «{0}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="119" />
            <source>Поле «{0}» длиннее {1} символов.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="134" />
            <source>«{0}» должно быть не меньше {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="238" />
            <source>В классе «{0}» {1} учеников: укажите число учеников больше нуля.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="438" />
            <source>Период «{0}» заканчивается ({1}) раньше, чем начинается ({2}): исправьте даты.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="478" />
            <source>Каникулы «{0}» заканчиваются раньше, чем начинаются: исправьте даты.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="524" />
            <source>Урок № {0}: окончание {1} не позже начала {2}. Исправьте время звонков.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="756" />
            <source>Период «{0}» заканчивается раньше, чем начинается: исправьте даты.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="763" />
            <source>В периоде «{0}» нет нагрузки: добавьте, какие модули изучают классы.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="768" />
            <source> … и ещё {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="818" />
            <source>Сгенерировано расписание «{0}»: размещено {1}, не размещено {2} ч</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="928" />
            <source>Занятие нельзя поставить сюда:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="1025" />
            <source>Удалено занятий: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="96" />
            <source>Неверная дата «{0}»: введите её как ДД.ММ.ГГГГ.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="106" />
            <source>Неверное время «{0}»: введите его как ЧЧ:ММ.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="132" />
            <source>«{0}»: нужно целое число.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="191" />
            <source>Школа «{0}» уже есть в справочнике.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="253" />
            <source>Класс «{0}» в этой школе уже есть.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="307" />
            <source>Преподаватель «{0}» уже есть.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="336" />
            <source>У преподавателя «{0}» есть занятия ({1}): сначала перенесите или удалите их.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="367" />
            <source>Модуль «{0}» уже есть.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="397" />
            <source>По модулю «{0}» есть занятия ({1}): сначала удалите их.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="443" />
            <source>Период «{0}» уже есть.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="514" />
            <source>Уроки № {0} и № {1} пересекаются по времени ({2}–{3} и с {4}). Исправьте время звонков.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="529" />
            <source>Урок № {0} уже есть.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="550" />
            <source>На урок № {0} поставлено {1} занятий: сначала перенесите их.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="625" />
            <source>Этот класс уже изучает модуль «{0}» в этом периоде.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="662" />
            <source>Добавлена нагрузка: {0} строк</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="740" />
            <source>{0} ({1}): модулю «{2}» нужно {3} ч, а в периоде «{4}» у класса есть только {5} уроков в допустимые дни. Уменьшите часы, расширьте дни класса или период.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="760" />
            <source>В классе «{0}» ({1}) {2} учеников: укажите число учеников больше нуля.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="769" />
            <source>Генерация не начата:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="744" />
            <source>{0} ({1}): нагрузка {2} ч больше, чем {3} уроков, доступных классу в периоде «{4}».</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule.py" line="896" />
            <source>{0} не входит ни в один учебный период.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="108" />
            <source>{0}: {1} чел., а в мастерской «{2}» {3} рабочих мест.</source>
            <translation>{0}: {1} pupils, but workshop “{2}” has {3} workplaces.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="116" />
            <source>{0}: занятие {1} приходится на каникулы «{2}».</source>
            <translation>{0}: lesson {1} falls in the holiday “{2}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="120" />
            <source>Занятие {0} вне периода «{1}».</source>
            <translation>Lesson {0} is outside term “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="123" />
            <source>{0}: школа не может привести класс в {1}, {2}-й урок.</source>
            <translation>{0}: the school cannot bring the class on {1}, period {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="134" />
            <source>Модуль «{0}» не проводится в мастерской «{1}».</source>
            <translation>Module “{0}” is not held in workshop “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="139" />
            <source>Мастерская «{0}» занята {1}, {2}-й урок: {3}.</source>
            <translation>Workshop “{0}” is busy on {1}, period {2}: {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="145" />
            <source>{0} ведёт {1} занятия одновременно: {2}, {3}-й урок.</source>
            <translation>{0} teaches {1} lessons at once: {2}, period {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="153" />
            <source>{0} на {1} занятиях одновременно: {2}, {3}-й урок.</source>
            <translation>{0} is in {1} lessons at once: {2}, period {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="112" />
            <source>{0}: {1} чел., а модуль «{2}» допускает группу до {3} чел.</source>
            <translation>{0}: {1} pupils, but module “{2}” allows groups of up to {3}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="128" />
            <source>{0} недоступен {1}, {2}-й урок.</source>
            <translation>{0} is unavailable on {1}, period {2}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="131" />
            <source>{0} не ведёт модуль «{1}».</source>
            <translation>{0} does not teach module “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_check.py" line="202" />
            <source>{0}: модуль «{1}» — размещено {2} ч из {3}.</source>
            <translation>{0}: module “{1}” — {2} h of {3} placed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="144" />
            <source>Подготовка модели…</source>
            <translation>Preparing the model…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="272" />
            <source>Построение недельного шаблона…</source>
            <translation>Building the weekly pattern…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="373" />
            <source>Раскладка по датам…</source>
            <translation>Laying out by date…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="406" />
            <source>Готово</source>
            <translation>Ready</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="196" />
            <source>Распределение мастерских и преподавателей…</source>
            <translation>Assigning workshops and instructors…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="302" />
            <source>Нет ни одного свободного дня и часа, подходящих школе, преподавателю и мастерской.</source>
            <translation>No free day and period suits the school, the instructor and the workshop.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="358" />
            <source>Поиск расписания…</source>
            <translation>Searching for a timetable…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="240" />
            <source>Нагрузка больше, чем вмещают мастерские и преподаватели за период.</source>
            <translation>The load exceeds what the workshops and instructors can take in the term.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="370" />
            <source>Не хватило свободного времени мастерской, преподавателя или класса.</source>
            <translation>Not enough free time of the workshop, the instructor or the class.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="172" />
            <source>Модуль «{0}» не разрешён ни в одной мастерской.</source>
            <translation>Module “{0}” is not allowed in any workshop.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="185" />
            <source>Модуль «{0}» не ведёт ни один преподаватель.</source>
            <translation>No instructor teaches module “{0}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="190" />
            <source>Учебный период слишком короткий: нужно {0} недель подряд в допустимый день.</source>
            <translation>The term is too short: {0} consecutive weeks on an allowed day are needed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="174" />
            <source>Нет мастерской на {0} рабочих мест для модуля «{1}».</source>
            <translation>No workshop with {0} workplaces for module “{1}”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="187" />
            <source>Ни один преподаватель модуля «{0}» не свободен в дни и часы, когда школа может привести {1}.</source>
            <translation>No instructor of module “{0}” is free when the school can bring {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="398" />
            <source>Преподаватель {0} недоступен в некоторые даты.</source>
            <translation>Instructor {0} is unavailable on some dates.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="403" />
            <source>Не размещено.</source>
            <translation>Not placed.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="176" />
            <source>Группа {0} чел. больше допустимой для модуля «{1}» ({2}).</source>
            <translation>A group of {0} is larger than module “{1}” allows ({2}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/services/schedule_solver.py" line="354" />
            <source>Найдено решение {0}: размещено {1:.0%} часов</source>
            <translation>Found solution {0}: {1:.0%} of hours placed</translation>
        </message>
    </context>
    <context>
        <name>About</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="54" />
            <source>файл SQLite</source>
            <translation>SQLite file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="54" />
            <source>сервер PostgreSQL</source>
            <translation>PostgreSQL server</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="64" />
            <source>Система</source>
            <translation>System</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="47" />
            <source>не открыта</source>
            <translation>not open</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="55" />
            <source>{0}: {1} (схема {2})</source>
            <translation>{0}: {1} (schema {2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="71" />
            <source>О программе</source>
            <translation>About</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="112" />
            <source>Программа</source>
            <translation>Program</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="132" />
            <source>Выберите лицензию выше, чтобы прочитать её текст.</source>
            <translation>Choose a licence above to read its text.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="134" />
            <source>Лицензии</source>
            <translation>Licences</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="138" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="85" />
            <source>Инвентарь лабораторий, аккредитация мастерских, расписание «Технологии», закупки и отчёты кластера «Химический потенциал» (г. Дзержинск).</source>
            <translation>Lab inventory, workshop accreditation, the “Technology” timetable, procurement and reports of the “Chemical Potential” cluster (Dzerzhinsk).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="94" />
            <source>База данных: {0}</source>
            <translation>Database: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="99" />
            <source>Папка данных: {0}</source>
            <translation>Data folder: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="127" />
            <source>В программу входят компоненты сторонних авторов:</source>
            <translation>The program includes third-party components:</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="125" />
            <source>Текст лицензии</source>
            <translation>Licence text</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/about.py" line="84" />
            <source>Версия {0}</source>
            <translation>Version {0}</translation>
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
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="52" />
            <source>{0} КБ</source>
            <translation>{0} KB</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="62" />
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
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="42" />
            <source>вручную</source>
            <translation>manual</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="43" />
            <source>ежедневная</source>
            <translation>daily</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="44" />
            <source>перед обновлением схемы</source>
            <translation>before schema upgrade</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="45" />
            <source>перед восстановлением</source>
            <translation>before restore</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/backup.py" line="51" />
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
        <name>PdfPreview</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="48" />
            <source>Уменьшить</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="49" />
            <source>Увеличить</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="50" />
            <source>Сохранить PDF…</source>
            <translation>Save PDF…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="53" />
            <source>Печать…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="56" />
            <source>Закрыть</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="78" />
            <source>Сохранить PDF</source>
            <translation>Save PDF</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="43" />
            <source>Страниц: {0}</source>
            <translation>Pages: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="86" />
            <source>Не сохранено</source>
            <translation>Not saved</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/dialogs/pdf_preview.py" line="86" />
            <source>Не удалось сохранить файл «{0}»: {1}</source>
            <translation>Could not save file “{0}”: {1}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="253" />
            <source>&amp;Файл</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="254" />
            <source>&amp;Правка</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="255" />
            <source>Проверить базу данных</source>
            <translation>Check database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="256" />
            <source>Открыть папку данных</source>
            <translation>Open data folder</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="258" />
            <source>Резервная копия…</source>
            <translation>Back up…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="259" />
            <source>Восстановить из копии…</source>
            <translation>Restore from backup…</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="260" />
            <source>Выход</source>
            <translation>Exit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="261" />
            <source>&amp;Вид</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="262" />
            <source>Язык</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="263" />
            <source>&amp;Сервис</source>
            <translation>&amp;Tools</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="264" />
            <source>&amp;Справка</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="265" />
            <source>Руководство пользователя</source>
            <translation>User guide</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="266" />
            <source>О программе</source>
            <translation>About</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="267" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="268" />
            <source>ДЕМО</source>
            <translation>DEMO</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="284" />
            <source>файл</source>
            <translation>file</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="284" />
            <source>сервер</source>
            <translation>server</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="354" />
            <source>Проверка базы данных</source>
            <translation>Database check</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="240" />
            <source>Найти</source>
            <translation>Find</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="245" />
            <source>Нет действий в этом разделе</source>
            <translation>No actions in this section</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="43" />
            <source>Раздел «{0}» не удалось открыть: {1}</source>
            <translation>The “{0}” section could not be opened: {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="282" />
            <source>База данных не открыта</source>
            <translation>No database open</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="285" />
            <source>База данных ({0}): {1}</source>
            <translation>Database ({0}): {1}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="287" />
            <source>Пользователь: {0}</source>
            <translation>User: {0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="338" />
            <source>Руководство находится в папке docs программы (файлы *.md).</source>
            <translation>The guide is in the program's docs folder (*.md files).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="348" />
            <source>Проверка пройдена: целостность {0}, схема {1}.</source>
            <translation>Check passed: integrity {0}, schema {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/main_window.py" line="352" />
            <source>Найдены проблемы:
{0}</source>
            <translation>Problems found:
{0}</translation>
        </message>
    </context>
    <context>
        <name>Ops</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/ops.py" line="105" />
            <source>Ошибка</source>
            <translation>Error</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/ops.py" line="100" />
            <source>Не выполнено</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/ops.py" line="106" />
            <source>Операция не выполнена из-за внутренней ошибки; данные не изменены.
Подробности записаны в файл:
{0}</source>
            <translation>The operation failed because of an internal error; no data was changed.
Details were written to:
{0}</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/ops.py" line="117" />
            <source>Отмена</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="62" />
            <source>Новая база данных</source>
            <translation>New database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="63" />
            <source>База данных пуста. Загрузить демонстрационные данные кластера «Химический потенциал» (лаборатории, мастерские, школы, закупки), чтобы посмотреть программу в работе?

Демо-данные помечаются значком «ДЕМО»; для настоящей работы создайте отдельную базу.</source>
            <translation>The database is empty. Load the demo data of the “Chemical Potential” cluster (labs, workshops, schools, procurement) to see the program at work?

Demo data is marked with a “DEMO” badge; create a separate database for real work.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="67" />
            <source>Загрузить демо-данные</source>
            <translation>Load demo data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="68" />
            <source>Начать с пустой базы</source>
            <translation>Start with an empty database</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="74" />
            <source>Загрузка демо-данных</source>
            <translation>Loading demo data</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/startup.py" line="22" />
            <source>Администратор</source>
            <translation>Administrator</translation>
        </message>
    </context>
    <context>
        <name>Dashboard</name>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="94" />
            <source>план {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="117" />
            <source>Рассчитано программой по данным разделов. Щёлкните, чтобы открыть данные.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="119" />
            <source>Щёлкните, чтобы открыть значения показателя.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="37" />
            <source>{0} млн ₽</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="96" />
            <source> к {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="105" />
            <source>нет данных за прошлый период</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="106" />
            <source>нет данных</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/ui/widgets/dashboard_tiles.py" line="111" />
            <source>{0} {1} к прошлому периоду</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Xlsx</name>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="147" />
            <source>В книге нет ни одного листа.</source>
            <translation>The workbook has no sheets.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="386" />
            <source>Лист пуст: в нём нет ни одной строки.</source>
            <translation>The sheet is empty: it has no rows.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="68" />
            <source>Файл «{0}» не найден.</source>
            <translation>File “{0}” not found.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="70" />
            <source>«{0}» — это папка, а не файл Excel.</source>
            <translation>“{0}” is a folder, not an Excel file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="73" />
            <source>Файл «{0}» пуст (0 байт). Выберите заполненный файл Excel (.xlsx).</source>
            <translation>File “{0}” is empty (0 bytes). Choose a filled-in Excel file (.xlsx).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="75" />
            <source>Файл «{0}» слишком большой ({1} МБ; допускается не больше {2} МБ). Разделите его на несколько файлов.</source>
            <translation>File “{0}” is too large ({1} MB; at most {2} MB allowed). Split it into several files.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="84" />
            <source>Файл «{0}» защищён паролем или сохранён в старом формате Excel 97–2003 (.xls). Снимите пароль и сохраните файл как «Книга Excel (.xlsx)».</source>
            <translation>File “{0}” is password-protected or in the old Excel 97–2003 format (.xls). Remove the password and save it as “Excel Workbook (.xlsx)”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="87" />
            <source>Файл «{0}» не является книгой Excel (.xlsx). Откройте его в Excel и сохраните как «Книга Excel (.xlsx)».</source>
            <translation>File “{0}” is not an Excel workbook (.xlsx). Open it in Excel and save it as “Excel Workbook (.xlsx)”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="153" />
            <source>В листе «{0}» слишком много строк ({1}; допускается не больше {2}). Разделите файл на части.</source>
            <translation>Sheet “{0}” has too many rows ({1}; at most {2} allowed). Split the file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="388" />
            <source>Не найдена строка заголовков таблицы в первых {0} строках. Нужны столбцы {1}; проверьте названия столбцов или воспользуйтесь шаблоном.</source>
            <translation>No table header row in the first {0} rows. Columns {1} are needed; check the column names or use the template.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="82" />
            <source>Не удаётся прочитать файл «{0}»: {1}.</source>
            <translation>Cannot read file “{0}”: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="108" />
            <source>Файл «{0}» повреждён: это не читаемая книга Excel (.xlsx).</source>
            <translation>File “{0}” is damaged: it is not a readable Excel workbook (.xlsx).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="123" />
            <source>Не удаётся прочитать книгу Excel «{0}»: файл повреждён или в неподдерживаемом формате ({1}).</source>
            <translation>Cannot read Excel workbook “{0}”: the file is damaged or in an unsupported format ({1}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="168" />
            <source>Не удаётся прочитать строку {0} листа «{1}»: файл повреждён ({2}).</source>
            <translation>Cannot read row {0} of sheet “{1}”: the file is damaged ({2}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="472" />
            <source>Не удаётся записать файл «{0}»: {1}.</source>
            <translation>Cannot write file “{0}”: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="94" />
            <source>Файл «{0}» — архив, но не книга Excel (.xlsx).</source>
            <translation>File “{0}” is an archive but not an Excel workbook (.xlsx).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="104" />
            <source>Файл «{0}» слишком большой после распаковки ({1} МБ; допускается не больше {2} МБ). Разделите его на несколько файлов.</source>
            <translation>File “{0}” is too large when unpacked ({1} MB; at most {2} MB allowed). Split it into several files.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="144" />
            <source>В книге нет листа «{0}». Листы: {1}.</source>
            <translation>The workbook has no sheet “{0}”. Sheets: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="160" />
            <source>В листе «{0}» слишком много строк (больше {1}). Разделите файл на части.</source>
            <translation>Sheet “{0}” has too many rows (over {1}). Split the file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/common.py" line="100" />
            <source>Файл «{0}» подозрительно сильно сжат (часть «{1}» разворачивается в {2} МБ). Такой файл не читается из соображений безопасности.</source>
            <translation>File “{0}” is suspiciously highly compressed (part “{1}” expands to {2} MB). Such a file is not read for safety reasons.</translation>
        </message>
    </context>
    <context>
        <name>InfrastructureXlsx</name>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="302" />
            <source>Файл не является книгой Excel (.xlsx). Сохраните инфраструктурный лист в формате .xlsx («Файл → Сохранить как → Книга Excel») и повторите импорт.</source>
            <translation>The file is not an Excel workbook (.xlsx). Save the infrastructure list as .xlsx (“File → Save As → Excel Workbook”) and import again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="331" />
            <source>Файл не похож на инфраструктурный лист: не найдена строка заголовка таблицы с колонками «Наименование» и «Количество». Проверьте, что выбран нужный файл.</source>
            <translation>The file does not look like an infrastructure list: no header row with “Name” and “Quantity” columns. Check that you chose the right file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="468" />
            <source>В листе нет количеств: не найдена колонка «Количество» или в ней нет ни одного числа. Без количеств чек-лист мастерской построить нельзя.</source>
            <translation>The sheet has no quantities: no “Quantity” column or no number in it. A workshop checklist cannot be built without quantities.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="464" />
            <source>№ {0} (строки {1} и {2})</source>
            <translation>No. {0} (rows {1} and {2})</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="465" />
            <source>В листе повторяются номера позиций: {0}. Исправьте нумерацию в файле и повторите импорт; ничего не импортировано.</source>
            <translation>Item numbers repeat in the sheet: {0}. Fix the numbering in the file and import again; nothing was imported.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="471" />
            <source>В листе не найдено ни одной позиции под строкой заголовка (строка {0}).</source>
            <translation>No items found below the header row (row {0}).</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="296" />
            <source>Файл «{0}» слишком большой ({1} МБ): инфраструктурный лист занимает не больше нескольких мегабайт. Проверьте, тот ли это файл.</source>
            <translation>File “{0}” is too large ({1} MB): an infrastructure list takes a few megabytes at most. Check that it is the right file.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="307" />
            <source>Книгу Excel не удалось прочитать ({0}). Откройте её в Excel, сохраните заново как .xlsx и повторите импорт.</source>
            <translation>The Excel workbook could not be read ({0}). Open it in Excel, save it again as .xlsx and import again.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="294" />
            <source>Файл «{0}» не найден или недоступен: {1}.</source>
            <translation>File “{0}” not found or not accessible: {1}.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="410" />
            <source>Строка {0}: «{1}» — не указано количество.</source>
            <translation>Row {0}: “{1}” — no quantity given.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="415" />
            <source>Строка {0}: «{1}» — количество «{2}» не число. Укажите число, например «2» или «2 шт.».</source>
            <translation>Row {0}: “{1}” — quantity “{2}” is not a number. Enter a number, e.g. “2” or “2 pcs”.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="422" />
            <source>Строка {0}: «{1}» — количество должно быть больше нуля.</source>
            <translation>Row {0}: “{1}” — the quantity must be above zero.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="426" />
            <source>Строка {0}: «{1}» — количество {2} слишком велико.</source>
            <translation>Row {0}: “{1}” — quantity {2} is too large.</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/infrastructure.py" line="403" />
            <source>Строка {0}: нет наименования (колонка «Наименование» пуста), количество «{1}».</source>
            <translation>Row {0}: no name (the “Name” column is empty), quantity “{1}”.</translation>
        </message>
    </context>
    <context>
        <name>InventoryXlsx</name>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="254" />
            <source>Не указано наименование.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="295" />
            <source>Инвентарь</source>
            <translation>Inventory</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="159" />
            <source>В файле не найден столбец «Наименование»: без него импорт невозможен.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="273" />
            <source>Инвентарный номер</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="274" />
            <source>Наименование</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="275" />
            <source>Вид</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="276" />
            <source>Модель</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="277" />
            <source>Заводской номер</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="278" />
            <source>Производитель</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="279" />
            <source>Помещение</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="280" />
            <source>МОЛ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="281" />
            <source>Состояние</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="282" />
            <source>Количество</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="283" />
            <source>Ед. изм.</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="284" />
            <source>Минимальный остаток</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="285" />
            <source>Стоимость, ₽</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="286" />
            <source>Дата ввода</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="287" />
            <source>Годен до</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="265" />
            <source>Оборудование и мебель учитываются поштучно: количество должно быть 1 (указано {0}). Разбейте строку на отдельные позиции.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="212" />
            <source>«{0}» не может быть отрицательным ({1}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="214" />
            <source>«{0}»: слишком большое значение.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="210" />
            <source>«{0}»: «{1}» — не число.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="223" />
            <source>«{0}»: дата {1} ещё не наступила.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="220" />
            <source>«{0}»: «{1}» — не дата (нужен вид 26.11.2026).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="230" />
            <source>Вид «{0}» не распознан: оборудование, мебель, расходный материал или реактив.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="237" />
            <source>Состояние «{0}» не распознано: в эксплуатации, на ремонте, не введено, списано.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="251" />
            <source>«{0}» длиннее {1} знаков.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../chemcluster_desktop/xlsx/inventory.py" line="245" />
            <source>Группа хранения «{0}» не распознана.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
