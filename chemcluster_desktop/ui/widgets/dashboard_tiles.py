"""A KPI tile of the cluster dashboard: name, value against target, progress, trend; clickable."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QSizePolicy, QVBoxLayout

from chemcluster_desktop.ui import format as fmt

TILE_QSS = """
QFrame#kpiTile { background: #ffffff; border: 1px solid #dde2e7; border-radius: 8px; }
QFrame#kpiTile:hover { border-color: #1f6fb2; background: #f7fbff; }
QLabel#tileName { color: #455a64; font-size: 9pt; }
QLabel#tileValue { color: #1c2b36; font-size: 17pt; font-weight: bold; }
QLabel#tileTarget { color: #607d8b; font-size: 9pt; }
QLabel#tileTrend { font-size: 9pt; }
QProgressBar#tileBar { border: none; background: #eceff1; border-radius: 3px; max-height: 6px; }
QProgressBar#tileBar::chunk { border-radius: 3px; background: %s; }
"""

COLORS = {"ok": "#2e7d32", "warn": "#f9a825", "bad": "#c62828", "muted": "#90a4ae"}


def _t(s: str) -> str:
    return QCoreApplication.translate("Dashboard", s)


def format_value(v: Decimal | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "₽":
        d = Decimal(v)
        if d >= Decimal(1_000_000):
            return _t("{0} млн ₽").format(fmt.decimal(d / Decimal(1_000_000), 1))
        return fmt.money(d)
    s = fmt.decimal(Decimal(v))
    return f"{s} %" if unit == "%" else s


def status_of(percent: Decimal | None) -> str:
    if percent is None:
        return "muted"
    if percent >= 100:
        return "ok"
    if percent >= 75:
        return "warn"
    return "bad"


class KpiTile(QFrame):
    clicked = Signal(str)  # KPI code

    def __init__(self, tile: dict, parent=None):
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.code = tile["code"]
        self.tile = tile
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(210)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(3)
        self.name_label = QLabel()
        self.name_label.setObjectName("tileName")
        self.name_label.setWordWrap(True)
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.name_label.setFixedHeight(self.name_label.fontMetrics().lineSpacing() * 2 + 2)
        self.value_label = QLabel()
        self.value_label.setObjectName("tileValue")
        self.target_label = QLabel()
        self.target_label.setObjectName("tileTarget")
        self.bar = QProgressBar()
        self.bar.setObjectName("tileBar")
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 100)
        self.trend_label = QLabel()
        self.trend_label.setObjectName("tileTrend")
        for w in (self.name_label, self.value_label, self.target_label, self.bar, self.trend_label):
            lay.addWidget(w)
        self.set_tile(tile)

    def set_tile(self, tile: dict) -> None:
        self.tile = tile
        unit = tile["unit"]
        self._fit_name()
        self.value_label.setText(format_value(tile["value"], unit))
        pct = tile["percent"]
        target = format_value(tile["target"], unit)
        if unit not in ("%", "₽"):
            target += f" {unit}"
        text = _t("план {0}").format(target)
        if tile.get("target_period"):
            text += _t(" к {0}").format(tile["target_period"])
        if pct is not None:
            text += f" · {fmt.decimal(pct, 1)} %"
        self.target_label.setText(text)
        st = status_of(pct)
        self.bar.setValue(int(min(pct or 0, 100)))
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {COLORS[st]}; border-radius: 3px; }}")
        trend = tile.get("trend")
        if trend is None:
            self.trend_label.setText(_t("нет данных за прошлый период") if tile["value"] is not None
                                     else _t("нет данных"))
            self.trend_label.setStyleSheet("color: #90a4ae;")
        else:
            arrow = "▲" if trend > 0 else ("▼" if trend < 0 else "■")
            color = "#2e7d32" if trend > 0 else ("#c62828" if trend < 0 else "#607d8b")
            delta = ("+" if trend > 0 else "") + format_value(trend, unit)
            if tile.get("previous_period"):
                self.trend_label.setText(_t("{0} {1} к {2}").format(arrow, delta, tile["previous_period"]))
            else:
                self.trend_label.setText(_t("{0} {1} к прошлому периоду").format(arrow, delta))
            self.trend_label.setStyleSheet(f"color: {color};")
        origin = tile.get("origin")
        tip = tile["name"]
        if origin == "computed":
            tip += "\n" + _t("Рассчитано программой по данным разделов. Щёлкните, чтобы открыть данные.")
        else:
            tip += "\n" + _t("Щёлкните, чтобы открыть значения показателя.")
        self.setToolTip(tip)

    def _fit_name(self) -> None:
        """The KPI's name in at most two lines; the whole name is in the tooltip."""
        name = self.tile["name"]
        fm = self.name_label.fontMetrics()
        width = max(self.name_label.width(), 150)
        limit = fm.lineSpacing() * 2 + 1
        flags = int(Qt.TextFlag.TextWordWrap)
        text = name
        words = name.split()
        while len(words) > 1 and fm.boundingRect(0, 0, width, 1000, flags, text).height() > limit:
            words = words[:-1]
            text = " ".join(words).rstrip(",;:(«") + "…"
        self.name_label.setText(text)

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        self._fit_name()

    def mouseReleaseEvent(self, e) -> None:  # noqa: N802
        if e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.code)
        super().mouseReleaseEvent(e)
