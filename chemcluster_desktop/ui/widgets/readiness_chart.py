"""Readiness of a workshop by zone (QtCharts): lines met / partly met / not met, stacked, values on the
bars, the zone's coverage % in its label."""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter

CTX = "ReadinessChart"
COLORS = {"met": "#2e7d32", "partial": "#f9a825", "missing": "#c62828"}


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class ZoneReadinessChart(QChartView):
    """``set_zones(list[ZoneReadiness])``; a click on a bar emits ``zone_clicked(zone, status)``."""

    zone_clicked = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(170)
        self.setStyleSheet("background: transparent; border: none;")
        self._zones: list = []
        self.values: dict[str, list[float]] = {}
        self.set_zones([])

    def set_zones(self, zones: list) -> None:
        SHORT.update(_short_names())
        self._zones = list(zones)
        ch = QChart()
        ch.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        ch.setBackgroundVisible(False)
        ch.setMargins(QMargins(0, 0, 0, 0))
        ch.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        f = QFont(ch.font())
        f.setPointSize(8)
        ch.legend().setFont(f)
        if not zones:
            ch.setTitle(_t("Нет данных: у мастерской нет инфраструктурного листа"))
            ch.legend().hide()
            self.setChart(ch)
            self.values = {}
            return
        sets = {
            "met": QBarSet(_t("Выполнено")),
            "partial": QBarSet(_t("Частично")),
            "missing": QBarSet(_t("Не выполнено")),
        }
        series = QHorizontalStackedBarSeries()
        for key, bs in sets.items():
            bs.setColor(QColor(COLORS[key]))
            bs.setBorderColor(QColor(COLORS[key]))
            bs.setLabelColor(QColor("#ffffff"))
            series.append(bs)
            bs.clicked.connect(lambda i, k=key: self._clicked(i, k))
        rev = list(reversed(zones))  # the first zone on top
        for z in rev:
            sets["met"].append(z.met)
            sets["partial"].append(z.partial)
            sets["missing"].append(z.missing)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsCenter)
        series.setBarWidth(0.7)
        ch.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([f"{SHORT.get(z.zone, _short(z.label))} {_pct(z.coverage_percent)}" for z in rev])
        lf = QFont(cats.labelsFont())
        lf.setPointSize(8)
        cats.setLabelsFont(lf)
        vals = QValueAxis()
        top = max((z.lines for z in zones), default=1)
        vals.setRange(0, max(top, 1))
        vals.setLabelFormat("%d")
        vals.setTickCount(min(max(top, 1), 5) + 1)
        vals.setLabelsFont(lf)
        # the colours are those of the badges beside the chart (green / amber / red): no legend, so the
        # zone names keep their room
        ch.legend().hide()
        self.setToolTip(_t("Позиций листа по зонам: выполнено (зелёный), частично (жёлтый), не выполнено "
                           "(красный). Щелчок по полосе — показать эти строки."))
        ch.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        ch.addAxis(vals, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(vals)
        self.setChart(ch)
        self.values = {k: [bs.at(i) for i in range(bs.count())] for k, bs in sets.items()}

    def _clicked(self, index: int, status: str) -> None:
        rev = list(reversed(self._zones))
        if 0 <= index < len(rev):
            self.zone_clicked.emit(rev[index].zone, status)


SHORT = {}


def _short_names() -> dict[str, str]:
    return {
        "workplace": _t("Раб. места"),
        "consumables": _t("Расходные"),
        "expert": _t("Эксперты"),
        "store": _t("Склад"),
        "safety": _t("ОТ и ТБ"),
        "general": _t("Общая"),
    }


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _pct(v: float) -> str:
    return f"{v:.0f} %" if v == int(v) else f"{v:.1f} %".replace(".", ",")
