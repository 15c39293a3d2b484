"""QtCharts of the cluster dashboard: KPI progress, budget by source, workshop readiness.

Each chart is a :class:`ChartCard` (title, the chart, or a plain sentence when there is no data);
a click on a bar emits ``activated(key)`` so the page can open the records behind it.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout

MLN = Decimal(1_000_000)


def _t(s: str) -> str:
    return QCoreApplication.translate("Dashboard", s)


def _short(text: str, n: int = 38) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def workshop_label(name: str, n: int = 24) -> str:
    """«Мастерская «Химическая технология»» → «Химическая технология» (what tells them apart)."""
    if "«" in name:
        inner = name[name.index("«") + 1:]
        inner = inner[: inner.rindex("»")] if "»" in inner else inner
        if inner.strip():
            name = inner
    return _short(name, n)


def source_label(code: str, name: str) -> str:
    short = {"federal": _t("Грант «Профессионалитет»"), "regional": _t("Областной бюджет"),
             "employer": _t("Работодатели"), "own": _t("Собственные средства")}
    return short.get(code) or _short(name, 24)


class ChartCard(QFrame):
    activated = Signal(str)

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("chartCard")
        self.setStyleSheet("QFrame#chartCard { background: white; border: 1px solid #dde2e7; border-radius: 8px; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        self.title = QLabel(title)
        self.title.setStyleSheet("font-weight: bold; color: #263238; font-size: 11pt; border: none;")
        self.title.setWordWrap(True)  # a long title wraps in a narrow card (125 % scaling) instead of being cut
        lay.addWidget(self.title)
        self.stack = QStackedWidget()
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(180)  # with the buttons below, still inside a 125 % laptop window
        self.view.setStyleSheet("border: none;")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #607d8b; border: none;")
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        lay.addWidget(self.stack, 1)
        self.keys: list[str] = []
        self.chart: QChart | None = None

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _new_chart(self) -> QChart:
        ch = QChart()
        ch.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        ch.setBackgroundVisible(False)
        ch.setMargins(QMargins(4, 4, 4, 4))
        ch.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        f = QFont(ch.font())
        f.setPointSize(8)
        ch.legend().setFont(f)
        self.chart = ch
        self.view.setChart(ch)
        self.stack.setCurrentWidget(self.view)
        return ch

    def _emit(self, index: int) -> None:
        if 0 <= index < len(self.keys):
            self.activated.emit(self.keys[index])

    def bar_values(self) -> dict[str, list[float]]:
        """For tests: the values drawn, per bar set label."""
        out: dict[str, list[float]] = {}
        if self.chart is None:
            return out
        for s in self.chart.series():
            for bs in s.barSets():
                out[bs.label()] = [bs.at(i) for i in range(bs.count())]
        return out


def _axis_font(axis) -> None:
    f = QFont(axis.labelsFont())
    f.setPointSize(8)
    axis.setLabelsFont(f)


class KpiProgressChart(ChartCard):
    def set_tiles(self, tiles: list[dict]) -> None:
        rows = [t for t in tiles if t["percent"] is not None]
        if not rows:
            self.show_empty(_t("Нет фактических значений показателей. Введите их на вкладке «Показатели»."))
            return
        rows = list(reversed(rows))  # first KPI on top
        self.keys = [t["code"] for t in rows]
        ch = self._new_chart()
        bs = QBarSet(_t("% от плана"))
        bs.setColor(QColor("#1f6fb2"))
        bs.setLabelColor(QColor("#1c2b36"))
        for t in rows:
            bs.append(float(min(t["percent"], Decimal(150))))
        series = QHorizontalBarSeries()
        series.append(bs)
        series.setBarWidth(0.65)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value %")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(4)
        ch.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([_short(t["name"], 30) for t in rows])
        _axis_font(cats)
        vals = QValueAxis()
        top = max(100.0, max(bs.at(i) for i in range(bs.count()))) + 20  # room for the labels
        top = 25.0 * -(-top // 25)
        vals.setRange(0, top)
        vals.setTickCount(int(top // 25) + 1)
        vals.setLabelFormat("%d")
        vals.setTitleText(_t("% от планового значения"))
        _axis_font(vals)
        ch.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        ch.addAxis(vals, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(vals)
        ch.legend().setVisible(False)
        bs.clicked.connect(self._emit)


class BudgetChart(ChartCard):
    def set_budget(self, budget: dict) -> None:
        sources = budget.get("sources") or []
        if not budget.get("available") or not sources:
            self.show_empty(budget.get("note") or _t("Нет источников финансирования: добавьте их в разделе «Закупки»."))
            return
        rows = list(reversed(sources))  # first source on top
        self.keys = [s["code"] for s in rows]
        ch = self._new_chart()
        series = QHorizontalBarSeries()
        for label, key, color in ((_t("Лимит"), "limit", "#b0bec5"), (_t("Законтрактовано"), "contracted", "#1f6fb2"),
                                  (_t("Оплачено"), "paid", "#2e7d32")):
            bs = QBarSet(label)
            bs.setColor(QColor(color))
            bs.setLabelColor(QColor("#1c2b36"))
            for s in rows:
                bs.append(float((Decimal(s[key] or 0) / MLN).quantize(Decimal("0.1"))))
            bs.clicked.connect(self._emit)
            series.append(bs)
        series.setBarWidth(0.8)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        ch.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([source_label(s["code"], s["name"]) for s in rows])
        _axis_font(cats)
        vals = QValueAxis()
        top = max([float(Decimal(s[k] or 0) / MLN) for s in rows for k in ("limit", "contracted", "paid")] + [1])
        vals.setRange(0, top * 1.2)
        vals.applyNiceNumbers()
        vals.setLabelFormat("%.0f")
        vals.setTitleText(_t("млн ₽"))
        _axis_font(vals)
        ch.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        ch.addAxis(vals, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(vals)


class ReadinessChart(ChartCard):
    def set_readiness(self, r: dict) -> None:
        ws = [w for w in (r.get("workshops") or []) if w.get("coverage_percent") is not None]
        if not r.get("available"):
            self.show_empty(r.get("note") or _t("Нет данных о готовности мастерских."))
            return
        if not ws:
            self.show_empty(_t("Нет мастерских с инфраструктурными листами: создайте их в разделе «Аккредитация»."))
            return
        ws = list(reversed(ws))  # first workshop on top
        self.keys = [str(w.get("id") or w["name"]) for w in ws]
        ch = self._new_chart()
        ready = QBarSet(_t("Готова (≥ {0} %)").format(r.get("threshold_percent", 95)))
        ready.setColor(QColor("#2e7d32"))
        notyet = QBarSet(_t("Не готова"))
        notyet.setColor(QColor("#f9a825"))
        for w in ws:
            v = float(w["coverage_percent"])
            ready.append(v if w["ready"] else 0.0)
            notyet.append(0.0 if w["ready"] else v)
        series = QHorizontalStackedBarSeries()
        series.append(ready)
        series.append(notyet)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        series.setBarWidth(0.7)
        for bs in (ready, notyet):
            bs.setLabelColor(QColor("#1c2b36"))
            bs.clicked.connect(self._emit)
        ch.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([workshop_label(w["name"], 22) for w in ws])
        _axis_font(cats)
        vals = QValueAxis()
        vals.setRange(0, 100)
        vals.setTickCount(5)
        vals.setLabelFormat("%d")
        vals.setTitleText(_t("% выполнения листа"))
        _axis_font(vals)
        ch.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        ch.addAxis(vals, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(vals)


class KpiHistoryChart(ChartCard):
    """Values of one KPI by period as bars, with the target as a line across them."""

    def set_kpi(self, name: str, unit: str, target: Decimal | None, points: list[tuple[str, Decimal]]) -> None:
        from PySide6.QtCharts import QLineSeries

        if not points:
            self.show_empty(_t("Нет значений по периодам. Введите их кнопкой «Ввести значение…»."))
            return
        self.keys = [p for p, _v in points]
        ch = self._new_chart()
        scale = MLN if unit == "₽" else Decimal(1)
        bs = QBarSet(_t("Факт"))
        bs.setColor(QColor("#1f6fb2"))
        bs.setLabelColor(QColor("#1c2b36"))
        for _p, v in points:
            bs.append(float(Decimal(v) / scale))
        series = QBarSeries()
        series.append(bs)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        ch.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([p for p, _v in points])
        _axis_font(cats)
        vals = QValueAxis()
        top = max([float(Decimal(v) / scale) for _p, v in points] + [float(Decimal(target or 0) / scale), 1.0])
        vals.setRange(0, top * 1.2)
        vals.applyNiceNumbers()
        vals.setLabelFormat("%.0f")
        vals.setTitleText(_t("млн ₽") if unit == "₽" else unit)
        _axis_font(vals)
        ch.addAxis(cats, Qt.AlignmentFlag.AlignBottom)
        ch.addAxis(vals, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(cats)
        series.attachAxis(vals)
        if target:
            line = QLineSeries()
            line.setName(_t("План"))
            t = float(Decimal(target) / scale)
            line.append(-0.5, t)
            line.append(len(points) - 0.5, t)
            pen = line.pen()
            pen.setColor(QColor("#c62828"))
            pen.setWidth(2)
            pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            ch.addSeries(line)
            hidden = QValueAxis()
            hidden.setRange(-0.5, len(points) - 0.5)
            hidden.setVisible(False)
            ch.addAxis(hidden, Qt.AlignmentFlag.AlignTop)
            line.attachAxis(hidden)
            line.attachAxis(vals)
        bs.clicked.connect(self._emit)
