"""«Закупки»: needs with their commercial offers and the НМЦК, the plan-schedule with its status road,
contracts and deliveries, suppliers, funding sources and the budget with its chart.

One :class:`~chemcluster_desktop.ui.lists.TabbedPage`, one module per tab; the toolbar (Создать /
Изменить / Удалить / Экспорт / Печать / Обновить) and the search act on the current tab. The status road
shows only the steps allowed next; a step whose data is missing (no contract yet…) is offered disabled
with the reason beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from chemcluster_desktop.areas import Area
from chemcluster_desktop.ui import filenames, ops
from chemcluster_desktop.ui.lists import TabbedPage
from chemcluster_desktop.ui.pages.procurement.budget import BudgetTab, SourcesTab
from chemcluster_desktop.ui.pages.procurement.common import CTX, STATUS_BADGES
from chemcluster_desktop.ui.pages.procurement.contracts import ContractsTab
from chemcluster_desktop.ui.pages.procurement.needs import NeedsTab
from chemcluster_desktop.ui.pages.procurement.plan import PlanTab, StatusRoad
from chemcluster_desktop.ui.pages.procurement.suppliers import SuppliersTab

__all__ = ["ProcurementPage", "StatusRoad", "STATUS_BADGES"]


class ProcurementPage(TabbedPage):
    key = "procurement"
    area = Area.PROCUREMENT
    context = CTX
    title_text = "Закупки оборудования"
    icon_name = "cart-outline"
    write_permission = "procurement.write"
    tabs_object_name = "procurementTabs"
    tabs_classes = [NeedsTab, PlanTab, ContractsTab, SuppliersTab, SourcesTab, BudgetTab]
    empty_text = NeedsTab.empty_text

    def listens_to(self) -> tuple[Area, ...]:
        return (Area.INVENTORY, Area.ACCREDITATION)

    # --- documents ---------------------------------------------------------------------------------------
    def print_report(self, kind: str, filters: dict):
        from chemcluster_desktop.ui.pages.reports import generate_and_preview

        return generate_and_preview(self, kind, filters)

    def export_plan(self):
        path, _f = QFileDialog.getSaveFileName(self, QCoreApplication.translate("Procurement", "Выгрузить план-график"),
                                               filenames.start_path(filenames.default_name("procurement_plan", ext="xlsx")),
                                               "Excel (*.xlsx)")
        if path:
            return self.export_to(path)
        return None

    def export_to(self, path: str):
        from chemcluster_desktop.services.procurement import documents as procurement_print

        def work(task):
            task.progress(0, 1, QCoreApplication.translate("Procurement", "Выгрузка плана-графика…"))
            return procurement_print.export_plan_schedule(path)

        def done(n):
            self.status_message.emit(QCoreApplication.translate("Procurement", "План-график выгружен: {0} (строк: {1})").format(path, n))

        return ops.run_task(self, QCoreApplication.translate("Procurement", "Выгрузка плана-графика"), work, on_done=done)


def _labels_for_lupdate() -> list[str]:
    """Tab titles, step buttons and column headers as literal translate() calls for pyside6-lupdate."""
    tr = QCoreApplication.translate
    return [
        tr("Procurement", "Потребности и НМЦК"), tr("Procurement", "План-график"),
        tr("Procurement", "Контракты и поставки"), tr("Procurement", "Поставщики"),
        tr("Procurement", "Источники финансирования"), tr("Procurement", "Бюджет"),
        tr("Procurement", "Закупки оборудования"), tr("Procurement", "Отменить закупку"),
        tr("Procurement", "Контракт заключён…"), tr("Procurement", "Поставка…"),
        tr("Procurement", "Принять поставку…"), tr("Procurement", "Поставлено на учёт"),
        tr("Procurement", "Наименование"), tr("Procurement", "Кол-во"), tr("Procurement", "Ед."),
        tr("Procurement", "Мастерская / помещение"), tr("Procurement", "КП"), tr("Procurement", "НМЦК"),
        tr("Procurement", "Статус"), tr("Procurement", "Строка плана"), tr("Procurement", "Закон"),
        tr("Procurement", "№ строки"), tr("Procurement", "Предмет закупки"), tr("Procurement", "Источник"),
        tr("Procurement", "Срок"), tr("Procurement", "Позиций"), tr("Procurement", "Номер"),
        tr("Procurement", "Дата"), tr("Procurement", "Поставщик"), tr("Procurement", "Цена"),
        tr("Procurement", "Оплачено"), tr("Procurement", "Ждут приёмки"), tr("Procurement", "ИНН"),
        tr("Procurement", "КПП"), tr("Procurement", "Контактное лицо"), tr("Procurement", "Телефон"),
        tr("Procurement", "Эл. почта"), tr("Procurement", "Контрактов"), tr("Procurement", "Код"),
        tr("Procurement", "Лимит"), tr("Procurement", "План"), tr("Procurement", "Законтрактовано"),
        tr("Procurement", "Остаток"), tr("Procurement", "План (НМЦК)"),
        # the НМЦК panel's captions (set in a loop in _retranslate_need_details)
        tr("Procurement", "Предложений"), tr("Procurement", "Средняя цена за единицу"),
        tr("Procurement", "Среднее квадр. отклонение σ"), tr("Procurement", "Коэффициент вариации"),
        tr("Procurement", "Нет потребностей. Добавьте (Ctrl+N) или создайте их из дефицитов чек-листа в разделе "
                          "«Аккредитация»."),
    ]

