"""The dashboard's «Поверка и обслуживание» tile: how many items' verification (поверка) or scheduled
maintenance falls due within 30 days and how many are overdue; a click opens the inventory filtered
to exactly those items (an instrument with an expired verification cannot be used at a
demonstration exam, so this is what the lab manager checks first)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout

from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.inventory import upkeep


def _t(s: str) -> str:
    return QCoreApplication.translate("Dashboard", s)


class UpkeepTile(QFrame):
    clicked = Signal()

    def __init__(self, page=None, parent=None):
        super().__init__(parent)
        self.setObjectName("kpiTile")  # the dashboard's tile look
        self.setAccessibleName(_t("Поверка и обслуживание"))
        self.page = page
        self.data: dict = {}
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(3)
        self.name_label = QLabel(_t("Поверка средств измерений и обслуживание оборудования"))
        self.name_label.setObjectName("tileName")
        self.value_label = QLabel()
        self.value_label.setObjectName("upkeepValue")
        self.value_label.setTextFormat(Qt.TextFormat.RichText)
        self.note_label = QLabel()
        self.note_label.setObjectName("tileTarget")
        self.note_label.setWordWrap(True)
        for w in (self.name_label, self.value_label, self.note_label):
            lay.addWidget(w)
        self.setToolTip(_t("Щёлкните, чтобы открыть инвентарь: только эти позиции."))
        if page is not None:
            self.clicked.connect(self.open_items)

    def load(self) -> None:
        try:
            self.data = upkeep.summary()
        except ServiceError as e:
            self.value_label.setText(str(e))
            return
        soon, over = self.data["soon"], self.data["overdue"]
        over_color = "#c62828" if over else "#607d8b"
        soon_color = "#8d6e00" if soon else "#607d8b"
        self.value_label.setText(
            f"<span style='font-size:17pt; font-weight:bold; color:{over_color}'>{over}</span> "
            f"<span style='color:{over_color}'>{_t('просрочено')}</span>&nbsp;&nbsp;·&nbsp;&nbsp;"
            f"<span style='font-size:17pt; font-weight:bold; color:{soon_color}'>{soon}</span> "
            f"<span style='color:{soon_color}'>{_t('истекает в ближайшие {0} дн.').format(self.data['days'])}</span>")
        self.note_label.setText(_t("Средство измерения с истёкшей поверкой не считается годным для "
                                   "демонстрационного экзамена.") if over else _t("Просроченных нет."))

    def open_items(self) -> None:
        """The inventory page, filtered to the items due or overdue."""
        w = self.window()
        inv = w.show_page("inventory") if hasattr(w, "show_page") else None
        if inv is not None:
            inv.show_due_items(self.data.get("ids", []),
                               _t("Поверка и ТО: {0}").format(len(self.data.get("ids", []))))

    def mouseReleaseEvent(self, e) -> None:  # noqa: N802
        if e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(e)
