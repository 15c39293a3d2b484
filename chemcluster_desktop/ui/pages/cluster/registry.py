"""«Участники» and «Направления обучения»: the cluster's registry lists, each with its card."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox

from chemcluster_desktop.services import cluster
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui.dialogs.cluster_dialogs import DirectionDialog, ParticipantDialog
from chemcluster_desktop.ui.lists import ListTab
from chemcluster_desktop.ui.models.table import Column

CTX = "Cluster"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class ClusterListTab(ListTab):
    """A registry list: its card opens on Создать / Изменить, Удалить asks and names the record."""

    permission = "cluster.write"
    actions = frozenset({"new", "edit", "delete", "print"})
    single_selection = True
    dialog_class: type = ParticipantDialog

    def on_new(self):
        return self.page.open_dialog(self.dialog_class(self.page))

    def on_edit(self):
        rid = self.current_id()
        return self.page.open_dialog(self.dialog_class(self.page, rid)) if rid is not None else None

    def on_print(self):
        return self.page.print_kpi_report()

    def delete_label(self, row: dict) -> str:
        raise NotImplementedError

    def delete_row(self, row_id: int) -> None:
        raise NotImplementedError

    def on_delete(self):
        row = self.current_row()
        if row is None or not self.page.confirm_delete(self.delete_label(row)):
            return
        try:
            self.delete_row(row["id"])
        except ServiceError as e:
            QMessageBox.warning(self.page, _t("Не удалено"), str(e))


class ParticipantsTab(ClusterListTab):
    name = "participants"
    title = "Участники"
    icon_name = "account-group-outline"
    empty_text = "Нет записей. Добавьте (Ctrl+N)."
    dialog_class = ParticipantDialog
    columns = [
        Column("name", "Наименование", width=340),
        Column("kind_name", "Вид", width=170, sortable=False),
        Column("role", "Роль в кластере", width=320),
        Column("agreement_number", "№ соглашения", width=110),
        Column("agreement_date", "Дата", kind="date", width=90),
        Column("contact", "Контакт", width=220),
        Column("inn", "ИНН", width=100),
    ]

    def count(self, q):
        return cluster.count_participants(q)

    def rows(self, q):
        return cluster.list_participants(q)

    def build_filters(self, bar) -> None:
        h = QHBoxLayout()
        self.kind_filter_label = QLabel()
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("kind", self.kind_filter.currentData()))
        h.addWidget(self.kind_filter_label)
        h.addWidget(self.kind_filter)
        h.addStretch(1)
        bar.addLayout(h)

    def retranslate_ui(self) -> None:
        self.kind_filter_label.setText(_t("Вид:"))
        self.fill_filters()

    def fill_filters(self) -> None:
        cur = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(_t("Все участники"), None)
        for code, label in cluster.kind_names().items():
            self.kind_filter.addItem(label, code)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(cur), 0))
        self.kind_filter.blockSignals(False)

    def reload(self) -> None:
        self.fill_filters()
        super().reload()

    def delete_label(self, row: dict) -> str:
        return _t("участника «{0}»").format(row["name"])

    def delete_row(self, row_id: int) -> None:
        cluster.delete_participant(row_id)


class DirectionsTab(ClusterListTab):
    name = "directions"
    title = "Направления обучения"
    icon_name = "school-outline"
    empty_text = "Нет записей. Добавьте (Ctrl+N)."
    dialog_class = DirectionDialog
    columns = [
        Column("code", "Код", width=80),
        Column("name", "Специальность / профессия", width=420),
        Column("level_name", "Уровень", width=120, sortable=False),
        Column("places_per_year", "Мест в год", kind="int", width=90),
        Column("requested_by", "Предприятия-заказчики", width=360),
    ]

    def count(self, q):
        return cluster.count_directions(q)

    def rows(self, q):
        return cluster.list_directions(q)

    def delete_label(self, row: dict) -> str:
        return _t("направление {0} «{1}»").format(row["code"], row["name"])

    def delete_row(self, row_id: int) -> None:
        cluster.delete_direction(row_id)
